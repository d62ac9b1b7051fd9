//! Engines, fresh databases, the runner and the `contract_test!` macro; every store opened
//! here runs new leads on the suite's own playbook (`tests/fixtures/contract.toml`).

use jiff::Timestamp;
use pronto_domain::ManualClock;
use pronto_store::{Store, StoreOptions};
use sqlx::Connection as _;
use std::future::Future;
use std::sync::Arc;

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
        // Liveness on the test's clock too: a node is killed by moving it (`nodes.rs`).
        let opts = StoreOptions { liveness_clock: Some(clock.clone() as Arc<dyn pronto_domain::Clock>), ..StoreOptions::default() };
        let store = pronto_store::open(&self.url, clock, opts)
            .await
            .unwrap_or_else(|e| panic!("cannot open the {:?} store: {e}", self.engine));
        // As `--playbook FILE` does: a version an earlier store (another node) loaded since stays.
        store
            .load_playbook(PLAYBOOK.to_owned(), None, pronto_store::PlaybookSource::File)
            .await
            .unwrap_or_else(|e| panic!("the suite's playbook does not load: {e}"));
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

    /// The rows of a `SELECT` of one text column, on a raw connection of its own.
    pub(crate) async fn texts_raw(&self, sql: &str) -> Vec<String> {
        let rows = match self.engine {
            Engine::Sqlite => rusqlite::Connection::open(self.sqlite_path())
                .and_then(|c| {
                    let mut st = c.prepare(sql)?;
                    let rows = st.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>();
                    rows
                })
                .map_err(|e| e.to_string()),
            Engine::Postgres => {
                let mut c = sqlx::PgConnection::connect(&self.url).await.expect("a raw connection");
                let rows = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql.to_owned())).fetch_all(&mut c).await;
                let _ = c.close().await;
                rows.map_err(|e| e.to_string())
            }
        };
        rows.unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// The SQLite database's file (the requisites' check for plain text at rest).
    pub(crate) fn sqlite_file(&self) -> &str {
        self.sqlite_path()
    }

    fn sqlite_path(&self) -> &str {
        self.url.strip_prefix("sqlite://").expect("a sqlite:// URL")
    }
}

/// A fresh, empty database from the test kit (`testkit::ScratchDb`, the one helper every suite
/// uses); `None` only when PostgreSQL is switched off.
async fn scratch(engine: Engine) -> Option<testkit::ScratchDb> {
    let kit = match engine {
        Engine::Sqlite => testkit::Engine::Sqlite,
        Engine::Postgres if !testkit::postgres_enabled() => {
            eprintln!("PRONTO_TEST_POSTGRES=off: the PostgreSQL half of this test is skipped");
            return None;
        }
        Engine::Postgres => testkit::Engine::Postgres,
    };
    Some(testkit::ScratchDb::create(kit).await)
}

/// Runs one contract case on one engine: a fresh database, a store on a manual clock, the
/// case in its own task (so that a failing case still closes the store and drops the
/// database), then the case's panic, if any, re-raised.
pub(crate) async fn run<F, Fut>(engine: Engine, case: F)
where
    F: FnOnce(Arc<dyn Store>, Arc<ManualClock>, Db) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(scratch) = scratch(engine).await else { return };
    let db = Db { engine, url: scratch.url.clone() };
    let clock = Arc::new(ManualClock::new(start()));
    let store = db.open(clock.clone()).await;
    assert_eq!(
        store.engine(),
        match engine {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    );
    let outcome = tokio::spawn(case(store.clone(), clock, db)).await;
    store.close().await;
    scratch.destroy().await;
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
