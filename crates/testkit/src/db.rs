//! Scratch databases on both engines: a SQLite file in a temp folder, or a PostgreSQL database
//! created on a server (for the tests `PRONTO_TEST_POSTGRES_URL`, default
//! `postgres://postgres@127.0.0.1:5432/test`) and dropped at the end.
//!
//! `PRONTO_TEST_POSTGRES=off` (or `0`, `false`, `no`) switches the tests' PostgreSQL half off;
//! otherwise a PostgreSQL that cannot be reached fails the test that needs it.

use sqlx::{ConnectOptions, Connection};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// `sqlite` or `postgres`, as the store names itself.
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }
}

/// False when `PRONTO_TEST_POSTGRES=off` (or `0`, `false`, `no`).
pub fn postgres_enabled() -> bool {
    !matches!(std::env::var("PRONTO_TEST_POSTGRES").map(|v| v.trim().to_ascii_lowercase()).as_deref(), Ok("off" | "0" | "false" | "no"))
}

/// The server the tests' scratch databases are made on.
pub fn postgres_admin_url() -> String {
    std::env::var("PRONTO_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// `url` with its database name replaced by `db` (query string kept).
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let without_db = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{without_db}/{db}?{q}"),
        None => format!("{without_db}/{db}"),
    }
}

/// `url` without its password (`postgres://user:***@host/db`), for messages.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// A database name no other test (or test process) uses: `{prefix}_{pid}_{n}_{random}`.
pub fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}_{}_{}_{:08x}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed), crate::random_u64() as u32)
}

/// One connection to a PostgreSQL server's maintenance database, to create and drop others.
pub struct PgAdmin {
    options: sqlx::postgres::PgConnectOptions,
    conn: sqlx::PgConnection,
}

impl PgAdmin {
    pub async fn connect(url: &str) -> Result<PgAdmin, String> {
        let options = sqlx::postgres::PgConnectOptions::from_str(url).map_err(|e| format!("PostgreSQL {}: {e}", redact_url(url)))?;
        let conn =
            options.clone().disable_statement_logging().connect().await.map_err(|e| format!("PostgreSQL {}: {e}", redact_url(url)))?;
        Ok(PgAdmin { options, conn })
    }

    /// The URL of database `name` on this server.
    pub fn url_of(&self, name: &str) -> String {
        self.options.clone().database(name).to_url_lossy().to_string()
    }

    /// Runs one statement on the admin connection.
    pub async fn execute(&mut self, sql: &str) -> Result<(), String> {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned())).execute(&mut self.conn).await.map(|_| ()).map_err(|e| format!("{sql}: {e}"))
    }

    /// `CREATE DATABASE name`; its URL.
    pub async fn create(&mut self, name: &str) -> Result<String, String> {
        self.execute(&format!("CREATE DATABASE {name}")).await?;
        Ok(self.url_of(name))
    }

    /// Drops `name` if it is left from an earlier run, then creates it; its URL.
    pub async fn recreate(&mut self, name: &str) -> Result<String, String> {
        self.execute(&format!("DROP DATABASE IF EXISTS {name}")).await?;
        self.create(name).await
    }

    /// `DROP DATABASE IF EXISTS name WITH (FORCE)`: connected sessions are ended.
    pub async fn drop_database(&mut self, name: &str) -> Result<(), String> {
        self.execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await
    }

    /// The admin connection itself, for what the methods above do not cover.
    pub fn connection(&mut self) -> &mut sqlx::PgConnection {
        &mut self.conn
    }

    pub async fn close(self) {
        let _ = self.conn.close().await;
    }
}

/// Runs `f` on a scratch database `{prefix}_{pid}` created on the PostgreSQL server at
/// `postgres_url` (dropped first if an earlier run left it), and drops it afterwards whatever
/// `f` answered. For the benches.
pub async fn with_scratch_postgres<T, E, F, Fut>(postgres_url: &str, prefix: &str, f: F) -> Result<T, E>
where
    E: From<String>,
    F: FnOnce(String) -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
{
    let name = format!("{prefix}_{}", std::process::id());
    let mut admin = PgAdmin::connect(postgres_url).await?;
    let url = admin.recreate(&name).await?;
    let result = f(url).await;
    let _ = admin.drop_database(&name).await;
    admin.close().await;
    result
}

/// Runs `work` to completion on a runtime of its own on another thread: a blocking call that
/// works inside and outside a tokio runtime (e.g. in `Drop`).
fn blocking<T: Send + 'static>(work: impl std::future::Future<Output = T> + Send + 'static) -> T {
    let thread =
        std::thread::spawn(move || tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime").block_on(work));
    thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// A database made for one test (or bench run), removed when dropped (or by [`destroy`]).
///
/// [`destroy`]: ScratchDb::destroy
pub struct ScratchDb {
    pub engine: Engine,
    /// `sqlite://PATH` or `postgres://…/NAME`.
    pub url: String,
    /// The SQLite file's folder.
    dir: Option<tempfile::TempDir>,
    /// The PostgreSQL admin URL and the database to drop.
    pg: Option<(String, String)>,
}

impl ScratchDb {
    /// A fresh, empty database; PostgreSQL ones named `pronto_t_…` on [`postgres_admin_url`].
    /// Panics, saying what to do, when PostgreSQL cannot be reached.
    pub async fn create(engine: Engine) -> ScratchDb {
        Self::create_named(engine, "pronto_t").await
    }

    /// [`create`](Self::create) with PostgreSQL databases named `{prefix}_{pid}_{n}_{random}`.
    pub async fn create_named(engine: Engine, prefix: &str) -> ScratchDb {
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("a temporary directory");
                let url = format!("sqlite://{}", dir.path().join("pronto.db").display());
                ScratchDb { engine, url, dir: Some(dir), pg: None }
            }
            Engine::Postgres => {
                let admin = postgres_admin_url();
                let name = unique_name(prefix);
                let created = async {
                    let mut c = PgAdmin::connect(&admin).await?;
                    c.create(&name).await?;
                    c.close().await;
                    Ok::<_, String>(with_database(&admin, &name))
                };
                let url = created.await.unwrap_or_else(|e| {
                    panic!(
                        "PostgreSQL tests cannot run: {e}\n(PRONTO_TEST_POSTGRES_URL={}; start it, point PRONTO_TEST_POSTGRES_URL \
                         at it, or set PRONTO_TEST_POSTGRES=off to skip the PostgreSQL half)",
                        redact_url(&admin)
                    )
                });
                ScratchDb { engine, url, dir: None, pg: Some((admin, name)) }
            }
        }
    }

    /// [`create_named`](Self::create_named) for code that is not async (or in `Drop`).
    pub fn create_blocking(engine: Engine, prefix: &str) -> ScratchDb {
        let prefix = prefix.to_owned();
        blocking(async move { ScratchDb::create_named(engine, &prefix).await })
    }

    /// The SQLite file (`None` on PostgreSQL).
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        self.url.strip_prefix("sqlite://").map(PathBuf::from)
    }

    /// The SQLite file's folder (`None` on PostgreSQL).
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_ref().map(|d| d.path())
    }

    /// The PostgreSQL database's name (`None` on SQLite).
    pub fn database_name(&self) -> Option<&str> {
        self.pg.as_ref().map(|(_, name)| name.as_str())
    }

    /// Removes the database now (best effort: a failure is reported, not fatal).
    pub async fn destroy(mut self) {
        if let Some((admin, name)) = self.pg.take() {
            drop_now(&admin, &name).await;
        }
    }
}

async fn drop_now(admin: &str, name: &str) {
    let dropped = async {
        let mut c = PgAdmin::connect(admin).await?;
        c.drop_database(name).await?;
        c.close().await;
        Ok::<_, String>(())
    };
    if let Err(e) = dropped.await {
        eprintln!("warning: could not drop the test database {name}: {e}");
    }
}

impl Drop for ScratchDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg.take() {
            blocking(async move { drop_now(&admin, &name).await });
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_urls() {
        assert_eq!(super::with_database("postgres://postgres@127.0.0.1:5432/test", "x"), "postgres://postgres@127.0.0.1:5432/x");
        assert_eq!(super::with_database("postgres://u:p@h/test?sslmode=disable", "x"), "postgres://u:p@h/x?sslmode=disable");
        assert_eq!(super::with_database("postgres://h:5432", "x"), "postgres://h:5432/x");
    }

    #[test]
    fn urls_are_redacted() {
        assert_eq!(super::redact_url("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(super::redact_url("postgres://u@h/db"), "postgres://u@h/db");
    }
}
