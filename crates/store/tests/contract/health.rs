//! 19. **Health** — the write probe behind `/healthz` writes through the writer and sees the
//!    schema (a database newer than this Pronto is not ready); on SQLite the WAL stays small
//!    under writes that never pause (checkpointed by size).

use crate::helpers::*;
use pronto_store::health::{WriteProbe, verdict};

async fn the_write_probe_writes_and_sees_the_schema(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let engine = store.engine();
    let probe = store.probe_write().await.expect("a healthy database takes the probe");
    assert!(probe.schema_version >= 27 && probe.schema_version == probe.schema_known, "{probe:?}");
    assert_eq!(verdict(engine, &Ok(probe)), Ok(probe));
    // This node's row, stamped at the store's time.
    let stamped = db.texts_raw("SELECT value FROM report_meta WHERE key LIKE 'health:%'").await;
    assert_eq!(stamped, vec![clock.now().as_microsecond().to_string()]);

    // A probe row another node left two hours ago goes; one stamped a minute ago stays.
    let old = (clock.now() - SignedDuration::from_hours(2)).as_microsecond();
    let recent = (clock.now() - SignedDuration::from_mins(1)).as_microsecond();
    db.exec_raw(&format!("INSERT INTO report_meta (key, value) VALUES ('health:1:1', '{old}'), ('health:2:2', '{recent}')")).await.unwrap();
    clock.advance(SignedDuration::from_secs(5));
    store.probe_write().await.unwrap();
    let mut keys = db.texts_raw("SELECT key FROM report_meta WHERE key LIKE 'health:%'").await;
    keys.sort();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(keys.contains(&"health:2:2".to_owned()) && !keys.contains(&"health:1:1".to_owned()), "{keys:?}");
    let mine: Vec<String> = db.texts_raw("SELECT value FROM report_meta WHERE key LIKE 'health:%' AND key <> 'health:2:2'").await;
    assert_eq!(mine, vec![clock.now().as_microsecond().to_string()], "the probe stamps its row again");
    // Other writes are untouched by it.
    store.create_lead(parse(&clock, person(Some("Po sondě"), Some("777 000 111"), None)), None, None).await.unwrap();

    // Another node migrated the database past what this Pronto knows: not ready, and why.
    db.exec_raw("INSERT INTO schema_migrations (version, name) VALUES (9999, 'from a newer Pronto')").await.unwrap();
    let probe = store.probe_write().await.unwrap();
    assert_eq!(probe, WriteProbe { schema_version: 9999, schema_known: probe.schema_known });
    assert_eq!(
        verdict(engine, &Ok(probe)),
        Err(format!("the database's schema (version 9999) is newer than this Pronto knows ({})", probe.schema_known))
    );
}
contract_test!(the_write_probe_writes_and_sees_the_schema, with_db);

/// Writes that never pause (many concurrent inquiries, group-committed back to back) keep the
/// WAL below its limit plus what arrives between two checkpoints; before issue 22 it grew to
/// 64 MiB. SQLite only: PostgreSQL's WAL is the server's.
#[tokio::test(flavor = "multi_thread")]
async fn sqlite_wal_stays_small_under_writes_that_never_pause() {
    crate::harness::run(Engine::Sqlite, |store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db| async move {
        let wal = std::path::PathBuf::from(format!("{}-wal", db.sqlite_file()));
        let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let sampler = {
            let (wal, done) = (wal.clone(), done.clone());
            tokio::spawn(async move {
                let mut largest = 0u64;
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    largest = largest.max(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0));
                    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                }
                largest
            })
        };
        // 16 writers, each a lead after the other, for 6,000 leads: tens of MiB through the WAL.
        let mut writers = Vec::new();
        for w in 0..16 {
            let (store, clock) = (store.clone(), clock.clone());
            writers.push(tokio::spawn(async move {
                for i in 0..375 {
                    let draft = person(Some(&format!("Zákazník {w}-{i}")), Some(&format!("777 {w:03} {i:03}")), None);
                    store.create_lead(parse(&clock, draft), None, None).await.expect("a lead");
                }
            }));
        }
        for w in writers {
            w.await.unwrap();
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        let largest = sampler.await.unwrap();
        let database = std::fs::metadata(db.sqlite_file()).unwrap().len();
        // The bound: the limit, plus what a busy writer appends between two checkpoints
        // (every 100 ms) and while the truncating one waits for its transaction.
        let bound = pronto_store::WAL_LIMIT + 4 * 1024 * 1024;
        assert!(largest <= bound, "the WAL reached {largest} B (bound {bound} B; the database is {database} B)");
        eprintln!("the WAL's largest size: {largest} B; the database: {database} B");
    })
    .await;
}
