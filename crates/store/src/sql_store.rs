//! [`SqlStore`]: the [`Store`] over either engine. Writes go to the group-commit writer as
//! commands; reads take a pooled connection and run the shared queries of `queries.rs`.

use crate::commands::{Command, IdempotencyKey, NewUserRecord, Outcome};
use crate::engine::{Conn, Dialect};
use crate::records::*;
use crate::writer::{Connector, Writer};
use crate::{Result, Store, StoreError, StoreOptions, queries};
use async_trait::async_trait;
use pronto_domain::Clock;
use pronto_domain::lead::{LeadPatch, NewActivity, NewLead};
use std::sync::Arc;

pub(crate) enum ReadPool {
    Sqlite(sqlx::SqlitePool),
    Pg(sqlx::PgPool),
}

enum ReadConn {
    Sqlite(sqlx::pool::PoolConnection<sqlx::Sqlite>),
    Pg(sqlx::pool::PoolConnection<sqlx::Postgres>),
}

impl ReadConn {
    fn conn(&mut self) -> &mut dyn Conn {
        match self {
            ReadConn::Sqlite(c) => &mut **c,
            ReadConn::Pg(c) => &mut **c,
        }
    }
}

pub(crate) struct SqlStore {
    dialect: Dialect,
    pool: ReadPool,
    writer: Writer,
}

impl SqlStore {
    pub(crate) fn new(dialect: Dialect, pool: ReadPool, connector: Box<dyn Connector>, clock: Arc<dyn Clock>, opts: StoreOptions) -> Self {
        SqlStore { dialect, pool, writer: Writer::start(connector, clock, opts.max_batch) }
    }

    async fn read(&self) -> Result<ReadConn> {
        Ok(match &self.pool {
            ReadPool::Sqlite(p) => ReadConn::Sqlite(p.acquire().await?),
            ReadPool::Pg(p) => ReadConn::Pg(p.acquire().await?),
        })
    }

    async fn id(&self, cmd: Command) -> Result<i64> {
        match self.writer.submit(cmd).await? {
            Outcome::Id(id) => Ok(id),
            other => Err(StoreError::Internal(format!("unexpected outcome {other:?}"))),
        }
    }
}

#[async_trait]
impl Store for SqlStore {
    fn engine(&self) -> &'static str {
        self.dialect.name()
    }

    async fn ping(&self) -> Result<()> {
        self.read().await?.conn().row("SELECT 1 AS one", vec![]).await?;
        Ok(())
    }

    async fn create_lead(&self, lead: NewLead, entered_by: Option<i64>, idem: Option<IdempotencyKey>) -> Result<LeadCreated> {
        match self.writer.submit(Command::CreateLead { lead: Box::new(lead), entered_by, idem }).await? {
            Outcome::Lead(created) => Ok(created),
            other => Err(StoreError::Internal(format!("unexpected outcome {other:?}"))),
        }
    }

    async fn patch_lead(&self, id: i64, patch: LeadPatch, actor: Option<i64>) -> Result<()> {
        self.writer.submit(Command::PatchLead { id, patch: Box::new(patch), actor }).await.map(|_| ())
    }

    async fn log_activity(&self, lead_id: i64, activity: NewActivity, actor: Option<i64>) -> Result<i64> {
        self.id(Command::LogActivity { lead_id, activity: Box::new(activity), actor }).await
    }

    async fn create_user(&self, user: NewUserRecord) -> Result<i64> {
        self.id(Command::CreateUser(Box::new(user))).await
    }

    async fn create_token(&self, user_id: i64, name: String, hash: String) -> Result<i64> {
        self.id(Command::CreateToken { user_id, name, hash }).await
    }

    async fn ensure_admin(&self, password_hash: String) -> Result<bool> {
        match self.writer.submit(Command::EnsureAdmin { password_hash }).await? {
            Outcome::Flag(created) => Ok(created),
            other => Err(StoreError::Internal(format!("unexpected outcome {other:?}"))),
        }
    }

    async fn lead(&self, id: i64) -> Result<LeadRecord> {
        queries::lead(self.read().await?.conn(), id).await
    }
    async fn leads(&self, filter: &LeadFilter) -> Result<Vec<LeadRecord>> {
        queries::leads(self.read().await?.conn(), filter).await
    }
    async fn timeline(&self, lead_id: i64) -> Result<Vec<EventRecord>> {
        queries::timeline(self.read().await?.conn(), lead_id).await
    }
    async fn activities(&self, lead_id: i64) -> Result<Vec<ActivityRecord>> {
        let mut c = self.read().await?;
        queries::lead_exists(c.conn(), lead_id).await?;
        queries::activities(c.conn(), "a.lead_id", lead_id).await
    }
    async fn contact(&self, id: i64) -> Result<ContactDetail> {
        queries::contact(self.read().await?.conn(), id).await
    }
    async fn user(&self, id: i64) -> Result<UserRecord> {
        queries::user(self.read().await?.conn(), "id", id.into()).await.map(|(u, _)| u)
    }
    async fn users(&self) -> Result<Vec<UserRecord>> {
        queries::users(self.read().await?.conn()).await
    }
    async fn user_by_login(&self, login: &str) -> Result<(UserRecord, Option<String>)> {
        queries::user(self.read().await?.conn(), "login", login.into()).await
    }
    async fn user_by_token_hash(&self, token_hash: &str) -> Result<UserRecord> {
        queries::user_by_token_hash(self.read().await?.conn(), token_hash).await
    }
    async fn outbox(&self, lead_id: i64) -> Result<Vec<OutboxRecord>> {
        queries::outbox(self.read().await?.conn(), lead_id).await
    }
    async fn timers(&self, lead_id: i64) -> Result<Vec<TimerRecord>> {
        queries::timers(self.read().await?.conn(), lead_id).await
    }

    async fn close(&self) {
        self.writer.close().await;
        match &self.pool {
            ReadPool::Sqlite(p) => p.close().await,
            ReadPool::Pg(p) => p.close().await,
        }
    }
}
