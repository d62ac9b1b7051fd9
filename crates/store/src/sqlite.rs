//! The SQLite engine: one file in WAL mode with `synchronous=FULL` (a commit is on disk when
//! it returns), a pool of readers and the writer's own connection.

use crate::engine::{Conn, Dialect};
use crate::sql_store::{ReadPool, SqlStore};
use crate::writer::Connector;
use crate::{Result, Store, StoreError, StoreOptions, migrate};
use async_trait::async_trait;
use pronto_domain::Clock;
use sqlx::ConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

fn options(path: &str) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        .statement_cache_capacity(256)
}

async fn prepare(path: &str) -> Result<()> {
    if let Some(dir) = Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Unavailable(format!("cannot create {}: {e}", dir.display())))?;
    }
    let mut conn = options(path).connect().await?;
    migrate::run(&mut conn, Dialect::Sqlite).await?;
    Ok(())
}

pub(crate) async fn migrate_only(path: &str) -> Result<Vec<i64>> {
    if let Some(dir) = Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Unavailable(format!("cannot create {}: {e}", dir.display())))?;
    }
    let mut conn = options(path).connect().await?;
    migrate::run(&mut conn, Dialect::Sqlite).await
}

struct SqliteConnector(SqliteConnectOptions);

#[async_trait]
impl Connector for SqliteConnector {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }
    async fn connect(&self) -> Result<Box<dyn Conn>, sqlx::Error> {
        Ok(Box::new(self.0.connect().await?))
    }
}

pub(crate) async fn open(path: &str, clock: Arc<dyn Clock>, opts: StoreOptions) -> Result<Arc<dyn Store>> {
    prepare(path).await?;
    let pool = SqlitePoolOptions::new()
        .max_connections(opts.read_connections.max(1))
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options(path))
        .await?;
    Ok(Arc::new(SqlStore::new(
        Dialect::Sqlite,
        ReadPool::Sqlite(pool),
        Box::new(SqliteConnector(options(path))),
        clock,
        opts,
    )))
}
