//! The SQLite engine (rusqlite, bundled SQLite): one file in WAL mode with
//! `synchronous=FULL` (a commit is on disk when it returns). The writer owns one connection on
//! its own thread; reads take a connection from a small pool on the blocking thread pool.
//! rusqlite's calls cost a few microseconds each, which is what lets group commit reach
//! many thousands of inquiries per second.

use crate::engine::{Conn, Dialect};
use crate::pool::{ReadPool, SqlitePool, connect};
use crate::sql_store::SqlStore;
use crate::writer::Connector;
use crate::{Result, Store, StoreError, StoreOptions, migrate};
use async_trait::async_trait;
use pronto_domain::Clock;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

fn prepare_dir(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Unavailable(format!("cannot create {}: {e}", dir.display())))?;
    }
    Ok(())
}

pub(crate) async fn migrate_only(path: &str) -> Result<Vec<i64>> {
    let path = PathBuf::from(path);
    tokio::task::spawn_blocking(move || {
        prepare_dir(&path)?;
        let mut conn = connect(&path).map_err(|e| StoreError::Unavailable(format!("cannot open {}: {e}", path.display())))?;
        tokio::runtime::Handle::current().block_on(migrate::run(&mut conn, Dialect::Sqlite))
    })
    .await
    .map_err(|e| StoreError::Internal(e.to_string()))?
}

/// The writer's connection.
struct SqliteConnector {
    path: PathBuf,
    /// The WAL beside it.
    wal: PathBuf,
    /// Whether it may skip waiting for the disk ([`StoreOptions::bulk_fill`]).
    bulk_fill: bool,
    /// The checkpointer's request to empty the WAL (after [`WAL_IDLE`]).
    asked: Arc<AtomicBool>,
}

#[async_trait]
impl Connector for SqliteConnector {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }
    async fn connect(&self) -> Result<Box<dyn Conn>, crate::engine::DbError> {
        let conn = connect(&self.path)?;
        if self.bulk_fill {
            conn.pragma("synchronous", "OFF")?;
        }
        // The checkpointer thread copies the WAL into the database, off the writer's path.
        conn.pragma("wal_autocheckpoint", "0")?;
        Ok(Box::new(conn))
    }

    /// Past [`WAL_LIMIT`] (one `stat` a batch tells), or when the checkpointer asks, empties
    /// the WAL: under writes that never pause only the writer can, between two batches (the
    /// checkpointer would wait for the write lock in vain).
    async fn between_batches(&self, c: &mut dyn Conn) {
        let asked = self.asked.swap(false, Ordering::Relaxed);
        if !asked && std::fs::metadata(&self.wal).map(|m| m.len() <= WAL_LIMIT).unwrap_or(true) {
            return;
        }
        // The checkpointer copied most of the WAL already; this copies the rest and empties
        // the file. Readers on an older snapshot make it wait, for [`WRITER_WAITS`] at most;
        // it is tried again after the next batch.
        let started = std::time::Instant::now();
        let _ = c.rows(&format!("PRAGMA busy_timeout = {}", WRITER_WAITS.as_millis()), vec![]).await;
        let done = c.rows("PRAGMA wal_checkpoint(TRUNCATE)", vec![]).await;
        let _ = c.rows(&format!("PRAGMA busy_timeout = {}", crate::pool::BUSY_TIMEOUT.as_millis()), vec![]).await;
        match done.map(|rows| rows.first().map(|r| r.i64("busy")).transpose()) {
            Ok(Ok(Some(0))) => tracing::debug!(ms = started.elapsed().as_millis() as u64, "the writer emptied the WAL"),
            Ok(_) => tracing::debug!("the WAL could not be emptied yet (readers on an older snapshot)"),
            Err(e) => tracing::warn!(error = %e, "truncating WAL checkpoint failed"),
        }
    }
}

/// The WAL file of the database at `path`.
fn wal_of(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", path.display()))
}

/// How long the writer waits for readers when it empties the WAL.
const WRITER_WAITS: std::time::Duration = std::time::Duration::from_millis(200);

/// Past this size the WAL is emptied (a `TRUNCATE` checkpoint), even under writes that never
/// pause: on a small disk the WAL, not the data, would fill it (issue 22).
pub const WAL_LIMIT: u64 = 4 * 1024 * 1024;

/// A WAL not emptied for this long is emptied once the writer is quiet (everything in it
/// copied into the database), so an idle node keeps no WAL at all.
pub const WAL_IDLE: std::time::Duration = std::time::Duration::from_secs(30);

/// How often the WAL is checkpointed. A passive checkpoint never blocks the writer or readers.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// Who empties the WAL, decided after each passive checkpoint.
#[derive(Debug, PartialEq, Eq)]
enum Empty {
    /// Nobody yet.
    No,
    /// The writer, between two batches: under writes that never pause the checkpointer would
    /// wait for the write lock in vain (the writer takes it again at once).
    ByWriter,
    /// The checkpointer: the writer was asked and ran no batch since (it is idle).
    Here,
}

/// Whether and by whom the WAL is emptied: past [`WAL_LIMIT`], or when it was last found
/// empty [`WAL_IDLE`] ago and everything in it is copied. `wal` is the file's size,
/// `copied_all` whether the passive checkpoint found every frame copied, `since` the time
/// since the WAL was last found empty, `asked` whether the writer was asked on an earlier
/// round and has run no batch since.
fn empty_wal(wal: u64, copied_all: bool, since: std::time::Duration, asked: bool) -> Empty {
    let wanted = wal > WAL_LIMIT || (wal > 0 && copied_all && since >= WAL_IDLE);
    match (wanted, asked) {
        (false, _) => Empty::No,
        (true, false) => Empty::ByWriter,
        (true, true) => Empty::Here,
    }
}

/// Checkpoints the WAL until the store closes, on a thread of its own; with the writer's
/// automatic checkpoints off, this keeps the WAL short without slowing commits.
fn start_checkpointer(path: PathBuf, closed: Arc<AtomicBool>, wal_full: Arc<AtomicBool>) {
    let spawned = std::thread::Builder::new().name("pronto-checkpoint".into()).spawn(move || {
        let conn = match rusqlite::Connection::open(&path) {
            Ok(c) => c,
            Err(e) => return tracing::error!(error = %e, "the WAL checkpointer cannot open the database"),
        };
        let _ = conn.busy_timeout(std::time::Duration::from_secs(1));
        let wal = wal_of(&path);
        // Monotonic time between checkpoints only; it never reaches the domain.
        let mut emptied = std::time::Instant::now();
        let checkpoint = |mode: &str| -> rusqlite::Result<(i64, i64, i64)> {
            conn.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        };
        while !closed.load(std::sync::atomic::Ordering::Relaxed) {
            std::thread::sleep(CHECKPOINT_EVERY);
            // A passive checkpoint copies what it can without waiting for anyone; but under
            // writes that never pause the WAL is never found wholly copied when the writer
            // begins, so it is never restarted and grows without end. A truncating checkpoint
            // copies the little the passive one left and empties the file (a pause of
            // milliseconds): by the writer between two batches, or here when it is idle.
            let copied_all = match checkpoint("PASSIVE") {
                Ok((busy, log, copied)) => busy == 0 && log == copied,
                Err(e) => {
                    tracing::warn!(error = %e, "passive WAL checkpoint failed");
                    false
                }
            };
            let size = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
            if size == 0 {
                emptied = std::time::Instant::now();
            }
            match empty_wal(size, copied_all, emptied.elapsed(), wal_full.load(Ordering::Relaxed)) {
                Empty::No => {}
                Empty::ByWriter => wal_full.store(true, Ordering::Relaxed),
                Empty::Here => match checkpoint("TRUNCATE") {
                    Ok((0, _, _)) => {
                        wal_full.store(false, Ordering::Relaxed);
                        emptied = std::time::Instant::now();
                    }
                    Ok(_) => tracing::debug!(bytes = size, "the WAL could not be emptied yet (busy)"),
                    Err(e) => tracing::warn!(error = %e, bytes = size, "truncating WAL checkpoint failed"),
                },
            }
        }
        let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "the WAL checkpointer cannot start");
    }
}

pub(crate) async fn open(path: &str, clock: Arc<dyn Clock>, opts: StoreOptions) -> Result<Arc<dyn Store>> {
    migrate_only(path).await?;
    let path = PathBuf::from(path);
    let closed = Arc::new(AtomicBool::new(false));
    let wal_full = Arc::new(AtomicBool::new(false));
    start_checkpointer(path.clone(), closed.clone(), wal_full.clone());
    let pool = SqlitePool { path: path.clone(), idle: Mutex::new(Vec::new()), max_idle: opts.read_connections.max(1) as usize, closed };
    SqlStore::new(
        Dialect::Sqlite,
        ReadPool::Sqlite(Arc::new(pool)),
        Box::new(SqliteConnector { wal: wal_of(&path), path, bulk_fill: opts.bulk_fill, asked: wal_full }),
        clock,
        opts,
        crate::nodes::NodeId::new(env!("CARGO_PKG_VERSION")),
    )
    .init()
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_wal_is_emptied_past_its_limit_or_when_quiet_for_a_while() {
        let mib = 1024 * 1024;
        let table: &[(u64, bool, Duration, bool, Empty)] = &[
            (0, true, Duration::from_secs(3600), false, Empty::No),
            (0, true, Duration::from_secs(3600), true, Empty::No),
            (4096, false, Duration::from_secs(1), false, Empty::No),
            (4096, true, Duration::from_secs(29), false, Empty::No),
            (4096, true, WAL_IDLE, false, Empty::ByWriter),
            (4096, true, WAL_IDLE, true, Empty::Here),
            (4096, false, Duration::from_secs(3600), false, Empty::No),
            (WAL_LIMIT, false, Duration::ZERO, false, Empty::No),
            (WAL_LIMIT + 1, false, Duration::ZERO, false, Empty::ByWriter),
            (WAL_LIMIT + 1, true, Duration::ZERO, false, Empty::ByWriter),
            (64 * mib, false, Duration::from_secs(3600), true, Empty::Here),
        ];
        for (wal, copied_all, since, asked, want) in table {
            assert_eq!(
                empty_wal(*wal, *copied_all, *since, *asked),
                *want,
                "wal {wal} B, copied all {copied_all}, {since:?} since emptied, writer asked {asked}"
            );
        }
    }
}
