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

/// The writer's connection: the file, and whether it may skip waiting for the disk
/// ([`StoreOptions::bulk_fill`]).
struct SqliteConnector(PathBuf, bool);

#[async_trait]
impl Connector for SqliteConnector {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }
    async fn connect(&self) -> Result<Box<dyn Conn>, crate::engine::DbError> {
        let conn = connect(&self.0)?;
        if self.1 {
            conn.pragma("synchronous", "OFF")?;
        }
        // The checkpointer thread copies the WAL into the database, off the writer's path.
        conn.pragma("wal_autocheckpoint", "0")?;
        Ok(Box::new(conn))
    }
}

/// Past this size the WAL is emptied (a `TRUNCATE` checkpoint), even under writes that never
/// pause: on a small disk the WAL, not the data, would fill it (issue 22).
pub const WAL_LIMIT: u64 = 4 * 1024 * 1024;

/// A WAL not emptied for this long is emptied once the writer is quiet (everything in it
/// copied into the database), so an idle node keeps no WAL at all.
pub const WAL_IDLE: std::time::Duration = std::time::Duration::from_secs(30);

/// How often the WAL is checkpointed. A passive checkpoint never blocks the writer or readers.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// After a passive checkpoint: whether to empty the WAL now. `wal` is the file's size,
/// `copied_all` whether the passive checkpoint found every frame copied (the writer quiet),
/// `since` the time since the WAL was last emptied.
fn truncate_now(wal: u64, copied_all: bool, since: std::time::Duration) -> bool {
    wal > WAL_LIMIT || (wal > 0 && copied_all && since >= WAL_IDLE)
}

/// Checkpoints the WAL until the store closes, on a thread of its own; with the writer's
/// automatic checkpoints off, this keeps the WAL short without slowing commits.
fn start_checkpointer(path: PathBuf, closed: Arc<std::sync::atomic::AtomicBool>) {
    let spawned = std::thread::Builder::new().name("pronto-checkpoint".into()).spawn(move || {
        let conn = match rusqlite::Connection::open(&path) {
            Ok(c) => c,
            Err(e) => return tracing::error!(error = %e, "the WAL checkpointer cannot open the database"),
        };
        let _ = conn.busy_timeout(std::time::Duration::from_secs(1));
        let wal = PathBuf::from(format!("{}-wal", path.display()));
        // Monotonic time between checkpoints only; it never reaches the domain.
        let mut emptied = std::time::Instant::now();
        let checkpoint = |mode: &str| -> rusqlite::Result<(i64, i64, i64)> {
            conn.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        };
        while !closed.load(std::sync::atomic::Ordering::Relaxed) {
            std::thread::sleep(CHECKPOINT_EVERY);
            // A passive checkpoint copies what it can without waiting for anyone; but under
            // writes that never pause the WAL is never found wholly copied, so it is never
            // restarted and grows without end. Past the limit, or quiet and not emptied for a
            // while, a truncating checkpoint waits for the writer's current transaction,
            // copies the little the passive one left and empties the file (a pause of
            // milliseconds).
            let copied_all = match checkpoint("PASSIVE") {
                Ok((busy, log, copied)) => busy == 0 && log == copied,
                Err(e) => {
                    tracing::warn!(error = %e, "passive WAL checkpoint failed");
                    false
                }
            };
            let size = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
            if truncate_now(size, copied_all, emptied.elapsed()) {
                match checkpoint("TRUNCATE") {
                    Ok((0, _, _)) => emptied = std::time::Instant::now(),
                    Ok(_) => tracing::debug!(bytes = size, "the WAL could not be emptied yet (busy)"),
                    Err(e) => tracing::warn!(error = %e, bytes = size, "truncating WAL checkpoint failed"),
                }
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
    let closed = Arc::new(std::sync::atomic::AtomicBool::new(false));
    start_checkpointer(path.clone(), closed.clone());
    let pool = SqlitePool { path: path.clone(), idle: Mutex::new(Vec::new()), max_idle: opts.read_connections.max(1) as usize, closed };
    SqlStore::new(Dialect::Sqlite, ReadPool::Sqlite(Arc::new(pool)), Box::new(SqliteConnector(path, opts.bulk_fill)), clock, opts)
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
        let table: &[(u64, bool, Duration, bool)] = &[
            (0, true, Duration::from_secs(3600), false),
            (4096, false, Duration::from_secs(1), false),
            (4096, true, Duration::from_secs(29), false),
            (4096, true, WAL_IDLE, true),
            (4096, false, Duration::from_secs(3600), false),
            (WAL_LIMIT, false, Duration::ZERO, false),
            (WAL_LIMIT + 1, false, Duration::ZERO, true),
            (64 * mib, true, Duration::ZERO, true),
        ];
        for &(wal, copied_all, since, want) in table {
            assert_eq!(truncate_now(wal, copied_all, since), want, "wal {wal} B, copied all {copied_all}, {since:?} since emptied");
        }
    }
}
