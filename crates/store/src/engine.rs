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

/// `$first, $first+1, …`: the placeholders of `n` parameters from `first` on (both engines
/// number them so).
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// Microseconds since the epoch: how both engines store time.
pub(crate) fn micros(t: jiff::Timestamp) -> i64 {
    t.as_microsecond()
}

pub(crate) fn from_micros(us: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_microsecond(us).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// A database error of either engine.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(transparent)]
    Pg(#[from] sqlx::Error),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("column `{0}`: {1}")]
    Decode(String, String),
}

impl DbError {
    /// Whether this is a unique-key violation (another writer got there first).
    pub fn is_unique_violation(&self) -> bool {
        match self {
            DbError::Pg(sqlx::Error::Database(d)) => d.is_unique_violation(),
            DbError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            }
            _ => false,
        }
    }

    /// Whether this transaction and another writer's waited on each other (PostgreSQL's
    /// `deadlock_detected` or `serialization_failure`): retrying inside the same transaction
    /// would only wait again.
    pub fn is_lock_cycle(&self) -> bool {
        matches!(self, DbError::Pg(sqlx::Error::Database(d)) if matches!(d.code().as_deref(), Some("40P01" | "40001")))
    }

    /// Whether the database could not be reached or is overloaded, rather than refusing.
    pub fn is_unavailable(&self) -> bool {
        match self {
            DbError::Pg(e) => matches!(
                e,
                sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) | sqlx::Error::WorkerCrashed | sqlx::Error::Tls(_)
            ),
            DbError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseBusy
                    | rusqlite::ErrorCode::DatabaseLocked
                    | rusqlite::ErrorCode::SystemIoFailure
                    | rusqlite::ErrorCode::DiskFull
                    | rusqlite::ErrorCode::CannotOpen
            ),
            _ => false,
        }
    }
}

/// A SQLite row, copied out of its statement.
pub struct SqliteRow {
    cols: std::sync::Arc<[String]>,
    vals: Vec<rusqlite::types::Value>,
}

impl SqliteRow {
    fn get(&self, col: &str) -> Result<&rusqlite::types::Value, DbError> {
        self.cols
            .iter()
            .position(|c| c == col)
            .map(|i| &self.vals[i])
            .ok_or_else(|| DbError::Decode(col.to_owned(), "no such column".into()))
    }
}

/// A result row of either engine.
pub enum Row {
    Sqlite(SqliteRow),
    Pg(sqlx::postgres::PgRow),
}

fn pg<T>(col: &str, r: Result<T, sqlx::Error>) -> Result<T, DbError> {
    r.map_err(|e| DbError::Decode(col.to_owned(), e.to_string()))
}

fn wrong(col: &str, want: &str, got: &rusqlite::types::Value) -> DbError {
    DbError::Decode(col.to_owned(), format!("expected {want}, found {:?}", got.data_type()))
}

impl Row {
    pub fn opt_i64(&self, col: &str) -> Result<Option<i64>, DbError> {
        use rusqlite::types::Value as V;
        match self {
            Row::Sqlite(r) => match r.get(col)? {
                V::Null => Ok(None),
                V::Integer(i) => Ok(Some(*i)),
                other => Err(wrong(col, "an integer", other)),
            },
            Row::Pg(r) => pg(col, r.try_get::<Option<i64>, _>(col)),
        }
    }
    pub fn i64(&self, col: &str) -> Result<i64, DbError> {
        self.opt_i64(col)?.ok_or_else(|| DbError::Decode(col.to_owned(), "unexpected NULL".into()))
    }
    pub fn opt_str(&self, col: &str) -> Result<Option<String>, DbError> {
        use rusqlite::types::Value as V;
        match self {
            Row::Sqlite(r) => match r.get(col)? {
                V::Null => Ok(None),
                V::Text(s) => Ok(Some(s.clone())),
                other => Err(wrong(col, "text", other)),
            },
            Row::Pg(r) => pg(col, r.try_get::<Option<String>, _>(col)),
        }
    }
    pub fn str(&self, col: &str) -> Result<String, DbError> {
        self.opt_str(col)?.ok_or_else(|| DbError::Decode(col.to_owned(), "unexpected NULL".into()))
    }
    pub fn bool(&self, col: &str) -> Result<bool, DbError> {
        use rusqlite::types::Value as V;
        match self {
            Row::Sqlite(r) => match r.get(col)? {
                V::Integer(i) => Ok(*i != 0),
                other => Err(wrong(col, "a boolean", other)),
            },
            Row::Pg(r) => pg(col, r.try_get::<bool, _>(col)),
        }
    }
}

/// One connection (or open transaction) of either engine.
#[async_trait]
pub trait Conn: Send {
    /// Which engine: for the few places where one statement plans well on one engine only.
    fn dialect(&self) -> Dialect;
    async fn exec(&mut self, sql: &str, params: Vec<P>) -> Result<u64, DbError>;
    async fn rows(&mut self, sql: &str, params: Vec<P>) -> Result<Vec<Row>, DbError>;
    /// Runs SQL text that may hold several statements and no parameters (migrations).
    async fn script(&mut self, sql: &str) -> Result<(), DbError>;

    async fn row(&mut self, sql: &str, params: Vec<P>) -> Result<Option<Row>, DbError> {
        Ok(self.rows(sql, params).await?.into_iter().next())
    }

    /// Runs an INSERT into a table whose primary key is `id` and returns the new row's id
    /// (SQLite: `last_insert_rowid()`, cheaper than `RETURNING`; PostgreSQL: `RETURNING id`).
    async fn insert_id(&mut self, sql: &str, params: Vec<P>) -> Result<i64, DbError>;
}

/// A SQLite connection (rusqlite). Its calls complete without awaiting: the writer runs it on
/// its own thread and reads run it on the blocking pool, so it never stalls the runtime.
pub struct SqliteConn {
    conn: rusqlite::Connection,
}

impl SqliteConn {
    pub fn new(conn: rusqlite::Connection) -> Self {
        conn.set_prepared_statement_cache_capacity(256);
        SqliteConn { conn }
    }

    pub fn pragma(&self, name: &str, value: &str) -> Result<(), rusqlite::Error> {
        self.conn.pragma_update(None, name, value)
    }
}

/// SQLite reads `$1` as a *named* parameter numbered by first appearance; `?1` is positional,
/// which is what the shared SQL means.
fn positional(sql: &str) -> std::borrow::Cow<'_, str> {
    if sql.contains('$') { std::borrow::Cow::Owned(sql.replace('$', "?")) } else { std::borrow::Cow::Borrowed(sql) }
}

fn sqlite_params(params: Vec<P>) -> Vec<rusqlite::types::Value> {
    use rusqlite::types::Value as V;
    params
        .into_iter()
        .map(|p| match p {
            P::I64(Some(i)) => V::Integer(i),
            P::Str(Some(s)) => V::Text(s),
            P::Bool(b) => V::Integer(i64::from(b)),
            P::I64(None) | P::Str(None) => V::Null,
        })
        .collect()
}

#[async_trait]
impl Conn for SqliteConn {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }
    async fn exec(&mut self, sql: &str, params: Vec<P>) -> Result<u64, DbError> {
        let mut stmt = self.conn.prepare_cached(&positional(sql))?;
        Ok(stmt.execute(rusqlite::params_from_iter(sqlite_params(params)))? as u64)
    }
    async fn rows(&mut self, sql: &str, params: Vec<P>) -> Result<Vec<Row>, DbError> {
        let mut stmt = self.conn.prepare_cached(&positional(sql))?;
        let cols: std::sync::Arc<[String]> = stmt.column_names().into_iter().map(str::to_owned).collect();
        let n = cols.len();
        let mut rows = stmt.query(rusqlite::params_from_iter(sqlite_params(params)))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let mut vals = Vec::with_capacity(n);
            for i in 0..n {
                vals.push(r.get::<_, rusqlite::types::Value>(i)?);
            }
            out.push(Row::Sqlite(SqliteRow { cols: cols.clone(), vals }));
        }
        Ok(out)
    }
    async fn script(&mut self, sql: &str) -> Result<(), DbError> {
        Ok(self.conn.execute_batch(sql)?)
    }
    async fn insert_id(&mut self, sql: &str, params: Vec<P>) -> Result<i64, DbError> {
        let mut stmt = self.conn.prepare_cached(&positional(sql))?;
        stmt.execute(rusqlite::params_from_iter(sqlite_params(params)))?;
        Ok(self.conn.last_insert_rowid())
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
impl Conn for sqlx::PgConnection {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }
    async fn exec(&mut self, sql: &str, params: Vec<P>) -> Result<u64, DbError> {
        Ok(bind_all!(sqlx::query(sqlx::AssertSqlSafe(sql)), params).execute(self).await?.rows_affected())
    }
    async fn rows(&mut self, sql: &str, params: Vec<P>) -> Result<Vec<Row>, DbError> {
        let rows = bind_all!(sqlx::query(sqlx::AssertSqlSafe(sql)), params).fetch_all(self).await?;
        Ok(rows.into_iter().map(Row::Pg).collect())
    }
    async fn script(&mut self, sql: &str) -> Result<(), DbError> {
        Ok(sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(self).await.map(|_| ())?)
    }
    async fn insert_id(&mut self, sql: &str, params: Vec<P>) -> Result<i64, DbError> {
        let sql = format!("{sql} RETURNING id");
        let row = bind_all!(sqlx::query(sqlx::AssertSqlSafe(sql)), params).fetch_one(self).await?;
        Ok(row.try_get::<i64, _>("id")?)
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
    /// What a SELECT of rows to claim ends with: on PostgreSQL, where several nodes claim at
    /// once, it locks the rows it reads and skips those another transaction holds.
    pub fn skip_locked(self) -> &'static str {
        match self {
            Dialect::Sqlite => "",
            Dialect::Postgres => " FOR UPDATE SKIP LOCKED",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Sqlite => "sqlite",
            Dialect::Postgres => "postgres",
        }
    }
}
