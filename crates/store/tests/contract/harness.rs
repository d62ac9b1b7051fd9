//! Engines, fresh databases, the runner and the `contract_test!` macro; every store opened
//! here runs new leads on the suite's own playbook (`tests/fixtures/contract.toml`).

use jiff::Timestamp;
use pronto_domain::ManualClock;
use pronto_store::{Store, StoreOptions};
use sqlx::Connection as _;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Where every test's clock starts: a Monday, 10:00 in Prague (CET, UTC+1), inside the office
/// hours (Mon–Fri 09:00–17:00 Europe/Prague) of the suite's playbook, so that its working
/// minutes are plain minutes until 16:00Z.
pub(crate) const START: &str = "2026-03-02T09:00:00Z";

/// The suite's own playbook: every lead the cases create runs on it (its name is `contract`).
/// The built-in playbooks are loaded too, as always, but no case uses them.
pub(crate) const PLAYBOOK: &str = include_str!("../fixtures/contract.toml");
pub(crate) const PLAYBOOK_NAME: &str = "contract";

pub(crate) fn start() -> Timestamp {
    START.parse().expect("START is RFC 3339")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Engine {
    Sqlite,
    Postgres,
}

/// The database a test runs on: enough to reopen it or to talk to it without the store.
#[derive(Debug, Clone)]
pub(crate) struct Db {
    pub(crate) engine: Engine,
    /// The URL the store was opened with (`sqlite://PATH` or `postgres://…/pronto_t_…`).
    url: String,
}

impl Db {
    /// Opens (another) store on this database, with the suite's playbook as the default.
    pub(crate) async fn open(&self, clock: Arc<ManualClock>) -> Arc<dyn Store> {
        let store = pronto_store::open(&self.url, clock, StoreOptions::default())
            .await
            .unwrap_or_else(|e| panic!("cannot open the {:?} store: {e}", self.engine));
        store.load_playbook(PLAYBOOK.to_owned(), None).await.unwrap_or_else(|e| panic!("the suite's playbook does not load: {e}"));
        assert!(store.playbooks().set_default(PLAYBOOK_NAME), "the suite's playbook is loaded");
        store
    }

    /// Runs one statement on a raw connection of its own, bypassing the store.
    pub(crate) async fn exec_raw(&self, sql: &str) -> Result<u64, String> {
        match self.engine {
            Engine::Sqlite => {
                let c = rusqlite::Connection::open(self.sqlite_path()).map_err(|e| e.to_string())?;
                c.execute(sql, []).map(|n| n as u64).map_err(|e| e.to_string())
            }
            Engine::Postgres => {
                let mut c = sqlx::PgConnection::connect(&self.url).await.map_err(|e| e.to_string())?;
                let r = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).execute(&mut c).await.map(|r| r.rows_affected());
                let _ = c.close().await;
                r.map_err(|e| e.to_string())
            }
        }
    }

    /// A `SELECT COUNT(*) …` on a raw connection of its own.
    pub(crate) async fn count_raw(&self, sql: &str) -> i64 {
        let n = match self.engine {
            Engine::Sqlite => rusqlite::Connection::open(self.sqlite_path())
                .and_then(|c| c.query_row(sql, [], |r| r.get::<_, i64>(0)))
                .map_err(|e| e.to_string()),
            Engine::Postgres => {
                let mut c = sqlx::PgConnection::connect(&self.url).await.expect("a raw connection");
                let n = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(&mut c).await;
                let _ = c.close().await;
                n.map_err(|e| e.to_string())
            }
        };
        n.unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    fn sqlite_path(&self) -> &str {
        self.url.strip_prefix("sqlite://").expect("a sqlite:// URL")
    }
}

/// A database created for one test, and what it takes to remove it again.
struct Fixture {
    db: Db,
    /// The SQLite file's directory; removed when dropped.
    _dir: Option<tempfile::TempDir>,
    /// The PostgreSQL admin URL and the database to drop.
    pg: Option<(String, String)>,
}

fn postgres_admin_url() -> String {
    std::env::var("PRONTO_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

fn postgres_disabled() -> bool {
    std::env::var("PRONTO_TEST_POSTGRES").is_ok_and(|v| v.eq_ignore_ascii_case("off"))
}

/// `url` with its database (path) replaced by `name`; the query string is kept.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let authority = base.find("://").map(|i| i + 3).unwrap_or(0);
    let path = base[authority..].find('/').map(|i| authority + i).unwrap_or(base.len());
    format!("{}/{name}{query}", &base[..path])
}

/// A database name no other test (or test process) uses.
fn unique_database_name() -> String {
    use std::hash::BuildHasher;
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let random = std::collections::hash_map::RandomState::new().hash_one((std::process::id(), n)) as u32;
    format!("pronto_t_{}_{n}_{random:08x}", std::process::id())
}

impl Fixture {
    /// A fresh, empty database; `None` only when PostgreSQL is switched off.
    async fn create(engine: Engine) -> Option<Fixture> {
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("a temporary directory");
                let url = format!("sqlite://{}", dir.path().join("pronto.db").display());
                Some(Fixture { db: Db { engine, url }, _dir: Some(dir), pg: None })
            }
            Engine::Postgres => {
                if postgres_disabled() {
                    eprintln!("PRONTO_TEST_POSTGRES=off: the PostgreSQL half of this test is skipped");
                    return None;
                }
                let admin = postgres_admin_url();
                let name = unique_database_name();
                let mut c = sqlx::PgConnection::connect(&admin).await.unwrap_or_else(|e| {
                    panic!(
                        "cannot connect to PostgreSQL at {} ({e}); start it, point PRONTO_TEST_POSTGRES_URL \
                         at it, or set PRONTO_TEST_POSTGRES=off to skip the PostgreSQL half",
                        pronto_store::redact_url(&admin)
                    )
                });
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut c)
                    .await
                    .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
                let _ = c.close().await;
                let url = with_database(&admin, &name);
                Some(Fixture { db: Db { engine, url }, _dir: None, pg: Some((admin, name)) })
            }
        }
    }

    /// Removes the database (best effort: a failure is reported, not fatal).
    async fn destroy(self) {
        if let Some((admin, name)) = &self.pg {
            let dropped = async {
                let mut c = sqlx::PgConnection::connect(admin).await?;
                sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))).execute(&mut c).await?;
                c.close().await
            };
            if let Err(e) = dropped.await {
                eprintln!("could not drop the test database {name}: {e}");
            }
        }
    }
}

/// Runs one contract case on one engine: a fresh database, a store on a manual clock, the
/// case in its own task (so that a failing case still closes the store and drops the
/// database), then the case's panic, if any, re-raised.
pub(crate) async fn run<F, Fut>(engine: Engine, case: F)
where
    F: FnOnce(Arc<dyn Store>, Arc<ManualClock>, Db) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(fixture) = Fixture::create(engine).await else { return };
    let clock = Arc::new(ManualClock::new(start()));
    let store = fixture.db.open(clock.clone()).await;
    assert_eq!(
        store.engine(),
        match engine {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    );
    let outcome = tokio::spawn(case(store.clone(), clock, fixture.db.clone())).await;
    store.close().await;
    fixture.destroy().await;
    if let Err(e) = outcome {
        match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(e) => panic!("the test task did not finish: {e}"),
        }
    }
}

/// `contract_test!(name)` runs `async fn name(store, clock)` on both engines, as the tests
/// `name::sqlite` and `name::postgres`. `contract_test!(name, with_db)` passes the [`Db`] as a
/// third argument, for the cases that reopen the database or talk to it directly.
macro_rules! contract_test {
    ($name:ident) => {
        contract_test!(@both $name, |store, clock, _db| super::$name(store, clock));
    };
    ($name:ident, with_db) => {
        contract_test!(@both $name, |store, clock, db| super::$name(store, clock, db));
    };
    (@both $name:ident, $call:expr) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread")]
            async fn sqlite() {
                $crate::harness::run($crate::harness::Engine::Sqlite, $call).await
            }
            #[tokio::test(flavor = "multi_thread")]
            async fn postgres() {
                $crate::harness::run($crate::harness::Engine::Postgres, $call).await
            }
        }
    };
}
