//! The seam between Pronto's SQL and the two database engines. Everything above this file
//! speaks one SQL dialect (the common subset of SQLite and PostgreSQL: `$n` parameters,
//! `RETURNING`, `ON CONFLICT`, `LIKE … ESCAPE`) through [`Conn`]; everything engine-specific
//! (connecting, pragmas, migrations, how a write transaction begins) lives in
//! `sqlite.rs` and `postgres.rs`.

use async_trait::async_trait;
use sqlx::Row as _;

/// A bound parameter.
#[derive(Debug, Clone)]
pub enum P {
    I64(Option<i64>),
    Str(Option<String>),
    Bool(bool),
}

impl From<i64> for P {
    fn from(v: i64) -> Self {
        P::I64(Some(v))
    }
}
impl From<Option<i64>> for P {
    fn from(v: Option<i64>) -> Self {
        P::I64(v)
    }
}
impl From<&str> for P {
    fn from(v: &str) -> Self {
        P::Str(Some(v.to_owned()))
    }
}
impl From<String> for P {
    fn from(v: String) -> Self {
        P::Str(Some(v))
    }
}
impl From<Option<String>> for P {
    fn from(v: Option<String>) -> Self {
        P::Str(v)
    }
}
impl From<Option<&str>> for P {
    fn from(v: Option<&str>) -> Self {
        P::Str(v.map(str::to_owned))
    }
}
impl From<bool> for P {
    fn from(v: bool) -> Self {
        P::Bool(v)
    }
}

/// `params![a, b, c]` → `Vec<P>`.
#[macro_export]
macro_rules! params {
    ($($v:expr),* $(,)?) => { vec![$($crate::engine::P::from($v)),*] };
}

/// A result row of either engine.
pub enum Row {
    Sqlite(sqlx::sqlite::SqliteRow),
    Pg(sqlx::postgres::PgRow),
}

macro_rules! getter {
    ($name:ident, $t:ty) => {
        pub fn $name(&self, col: &str) -> Result<$t, sqlx::Error> {
            match self {
                Row::Sqlite(r) => r.try_get::<$t, _>(col),
                Row::Pg(r) => r.try_get::<$t, _>(col),
            }
        }
    };
}

impl Row {
    getter!(i64, i64);
    getter!(opt_i64, Option<i64>);
    getter!(str, String);
    getter!(opt_str, Option<String>);
    getter!(bool, bool);
}

/// One connection (or open transaction) of either engine.
#[async_trait]
pub trait Conn: Send {
    async fn exec(&mut self, sql: &str, params: Vec<P>) -> Result<u64, sqlx::Error>;
    async fn rows(&mut self, sql: &str, params: Vec<P>) -> Result<Vec<Row>, sqlx::Error>;
    /// Runs SQL text that may hold several statements and no parameters (migrations).
    async fn script(&mut self, sql: &str) -> Result<(), sqlx::Error>;

    async fn row(&mut self, sql: &str, params: Vec<P>) -> Result<Option<Row>, sqlx::Error> {
        Ok(self.rows(sql, params).await?.into_iter().next())
    }
}

macro_rules! bind_all {
    ($q:expr, $params:expr) => {{
        let mut q = $q;
        for p in $params {
            q = match p {
                P::I64(v) => q.bind(v),
                P::Str(v) => q.bind(v),
                P::Bool(v) => q.bind(v),
            };
        }
        q
    }};
}

#[async_trait]
impl Conn for sqlx::SqliteConnection {
    async fn exec(&mut self, sql: &str, params: Vec<P>) -> Result<u64, sqlx::Error> {
        Ok(bind_all!(sqlx::query(sqlx::AssertSqlSafe(sql)), params).execute(self).await?.rows_affected())
    }
    async fn rows(&mut self, sql: &str, params: Vec<P>) -> Result<Vec<Row>, sqlx::Error> {
        let rows = bind_all!(sqlx::query(sqlx::AssertSqlSafe(sql)), params).fetch_all(self).await?;
        Ok(rows.into_iter().map(Row::Sqlite).collect())
    }
    async fn script(&mut self, sql: &str) -> Result<(), sqlx::Error> {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(self).await.map(|_| ())
    }
}

#[async_trait]
impl Conn for sqlx::PgConnection {
    async fn exec(&mut self, sql: &str, params: Vec<P>) -> Result<u64, sqlx::Error> {
        Ok(bind_all!(sqlx::query(sqlx::AssertSqlSafe(sql)), params).execute(self).await?.rows_affected())
    }
    async fn rows(&mut self, sql: &str, params: Vec<P>) -> Result<Vec<Row>, sqlx::Error> {
        let rows = bind_all!(sqlx::query(sqlx::AssertSqlSafe(sql)), params).fetch_all(self).await?;
        Ok(rows.into_iter().map(Row::Pg).collect())
    }
    async fn script(&mut self, sql: &str) -> Result<(), sqlx::Error> {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(self).await.map(|_| ())
    }
}

/// What differs between the engines beyond the connection itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// SQLite takes the write lock up front, so a batch never fails half-way on `SQLITE_BUSY`.
    pub fn begin_write(self) -> &'static str {
        match self {
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            Dialect::Postgres => "BEGIN",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Sqlite => "sqlite",
            Dialect::Postgres => "postgres",
        }
    }
}

/// Whether an error is a unique-key violation (another writer got there first).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}
