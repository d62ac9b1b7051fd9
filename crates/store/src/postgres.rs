//! The PostgreSQL engine: how Pronto scales past one machine. A pool of readers and the
//! writer's own connection; commits are durable with PostgreSQL's defaults.

use crate::engine::{Conn, Dialect};
use crate::pool::ReadPool;
use crate::sql_store::SqlStore;
use crate::writer::Connector;
use crate::{Result, Store, StoreOptions, migrate};
use async_trait::async_trait;
use pronto_domain::Clock;
use sqlx::ConnectOptions;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

fn options(url: &str) -> Result<PgConnectOptions> {
    Ok(PgConnectOptions::from_str(url)?.application_name("pronto").statement_cache_capacity(256))
}

pub(crate) async fn migrate_only(url: &str) -> Result<Vec<i64>> {
    let mut conn = options(url)?.connect().await?;
    migrate::run(&mut conn, Dialect::Postgres).await
}

/// The writers' connections, each marked with the node (`pronto.node`): the events they write
/// carry it (the column's default, migration 28) and so does their `pg_notify`.
struct PgConnector(PgConnectOptions, String);

#[async_trait]
impl Connector for PgConnector {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }
    async fn connect(&self) -> Result<Box<dyn Conn>, crate::engine::DbError> {
        let mut conn = self.0.connect().await?;
        sqlx::query("SELECT set_config('pronto.node', $1, false)").bind(&self.1).execute(&mut conn).await?;
        Ok(Box::new(conn))
    }
}

pub(crate) async fn open(url: &str, clock: Arc<dyn Clock>, opts: StoreOptions) -> Result<Arc<dyn Store>> {
    migrate_only(url).await?;
    let pool = PgPoolOptions::new()
        .max_connections(opts.read_connections.max(1))
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options(url)?)
        .await?;
    let node = crate::nodes::NodeId::new(env!("CARGO_PKG_VERSION"));
    let connector = PgConnector(options(url)?, node.id.clone());
    SqlStore::new(Dialect::Postgres, ReadPool::Pg(pool), Box::new(connector), clock, opts, node).init().await
}
