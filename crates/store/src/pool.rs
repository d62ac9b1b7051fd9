//! The read connections: a pool of idle SQLite connections, or PostgreSQL's pool.

use crate::engine::SqliteConn;
use crate::{Result, StoreError};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub(crate) enum ReadPool {
    Sqlite(Arc<SqlitePool>),
    Pg(sqlx::PgPool),
}

/// How long a connection waits for a lock before it answers `database is locked`.
pub(crate) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Opens one connection with Pronto's settings.
pub(crate) fn connect(path: &Path) -> Result<SqliteConn, rusqlite::Error> {
    let conn = rusqlite::Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // 32 MiB of page cache (the default is 2 MiB): index pages stay in memory instead of
    // being re-read from the OS for every insert.
    conn.pragma_update(None, "cache_size", "-32768")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(SqliteConn::new(conn))
}

/// Idle read connections; a read takes one (or opens one) and puts it back.
pub(crate) struct SqlitePool {
    pub(crate) path: PathBuf,
    pub(crate) idle: Mutex<Vec<SqliteConn>>,
    pub(crate) max_idle: usize,
    pub(crate) closed: Arc<std::sync::atomic::AtomicBool>,
}

impl SqlitePool {
    pub(crate) fn take(&self) -> Result<SqliteConn> {
        if let Some(c) = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop() {
            return Ok(c);
        }
        connect(&self.path).map_err(|e| StoreError::Unavailable(format!("cannot open {}: {e}", self.path.display())))
    }
    pub(crate) fn give_back(&self, c: SqliteConn) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < self.max_idle {
            idle.push(c);
        }
    }
    pub(crate) fn close(&self) {
        self.closed.store(true, std::sync::atomic::Ordering::Relaxed);
        self.idle.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}
