//! What Pronto's tests and benches run against, kept out of the product:
//!
//! - [`db`]: scratch databases on both engines (a SQLite file in a temp folder; a PostgreSQL
//!   database created on `PRONTO_TEST_POSTGRES_URL` and dropped at the end);
//! - [`server`]: the real `pronto` binary serving on a free port ([`App`] for the tests,
//!   [`server::spawn_serve`] for the benches) and the [`both!`] macro that runs a test on both
//!   engines;
//! - [`http`]: the tests' HTTP client and answers ([`Resp`]), and a minimal keep-alive client
//!   for load generators;
//! - [`sms`]: a fake Twilio-compatible SMS gateway; [`smtp`]: a real SMTP server (aiosmtpd);
//!   [`dovecot`]: a private dovecot IMAP server.

pub mod db;
pub mod dovecot;
pub mod http;
pub mod server;
pub mod sms;
pub mod smtp;

pub use db::{Engine, ScratchDb, postgres_enabled};
pub use http::{REQUEST_TIMEOUT, Resp, client, urlencode};
pub use server::{App, Options, Storage, spawn_app, spawn_app_on, spawn_app_with};

use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, Instant};

/// Generates `mod NAME { fn sqlite(); fn postgres(); }` running `async fn NAME(Engine)`.
#[macro_export]
macro_rules! both {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            use $crate::{Engine, postgres_enabled};

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(Engine::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if !postgres_enabled() {
                    eprintln!("SKIPPED {}::postgres: PRONTO_TEST_POSTGRES=off", stringify!($name));
                    return;
                }
                super::$name(Engine::Postgres).await;
            }
        }
    )+};
}

/// A random number without a `rand` dependency (std's hasher keys are random per process
/// and per `RandomState`).
pub fn random_u64() -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos());
    h.finish()
}

pub fn random_token() -> String {
    format!("it_{:016x}{:016x}", random_u64(), random_u64())
}

/// Repeats `f` until it is true, for at most `timeout`.
pub async fn eventually<F, Fut>(timeout: Duration, mut f: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + timeout;
    loop {
        if f().await {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
