//! Runs the real `pronto` binary for a test: a fresh SQLite data directory or a fresh
//! PostgreSQL database, a random port, a random admin token, and a small HTTP client.
//!
//! Every test runs on both engines through [`both!`](crate::both). PostgreSQL comes from
//! `PRONTO_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/test`); each server
//! gets its own database `pronto_it_<pid>_<n>_<rand>`, created and dropped with `psql`.
//! `PRONTO_TEST_POSTGRES=off` skips the PostgreSQL variants (saying so); otherwise a
//! PostgreSQL that cannot be reached fails the test.

#![allow(dead_code)]

use reqwest::header::HeaderMap;
use reqwest::{Client, Method, RequestBuilder};
use serde_json::Value;
use std::collections::VecDeque;
use std::hash::{BuildHasher, Hasher};
use std::path::Path;
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::{Child, Command};

/// How long a server may take to print `listening on`.
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a graceful shutdown may take.
const STOP_TIMEOUT: Duration = Duration::from_secs(30);
/// Every single request's limit.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// False when `PRONTO_TEST_POSTGRES=off` (or `0`, `false`, `no`).
pub fn postgres_enabled() -> bool {
    !matches!(std::env::var("PRONTO_TEST_POSTGRES").map(|v| v.trim().to_ascii_lowercase()).as_deref(), Ok("off" | "0" | "false" | "no"))
}

/// Generates `mod NAME { fn sqlite(); fn postgres(); }` running `async fn NAME(Engine)`.
#[macro_export]
macro_rules! both {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            use $crate::harness::{Engine, postgres_enabled};

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

static DATABASE_COUNTER: AtomicUsize = AtomicUsize::new(0);

fn postgres_admin_url() -> String {
    std::env::var("PRONTO_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// `url` with its database name replaced by `db` (query string kept).
fn with_database(url: &str, db: &str) -> String {
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

fn psql(url: &str, sql: &str) -> Result<(), String> {
    let out = std::process::Command::new("psql")
        .arg(url)
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run `psql` (install the PostgreSQL client, or set PRONTO_TEST_POSTGRES=off): {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("psql {url} -c {sql:?} failed ({}): {}", out.status, String::from_utf8_lossy(&out.stderr).trim()))
    }
}

/// Where a test server keeps its data; survives restarts of the server, removed on drop.
pub struct Storage {
    pub engine: Engine,
    /// The data directory (also the server's working directory).
    pub dir: tempfile::TempDir,
    /// For PostgreSQL: the test database's URL.
    pub database_url: Option<String>,
    pg_admin: Option<(String, String)>,
}

impl Storage {
    pub fn new(engine: Engine) -> Storage {
        let dir = tempfile::Builder::new().prefix("pronto-it-").tempdir().expect("temp dir");
        match engine {
            Engine::Sqlite => Storage { engine, dir, database_url: None, pg_admin: None },
            Engine::Postgres => {
                let admin = postgres_admin_url();
                let name = format!(
                    "pronto_it_{}_{}_{:08x}",
                    std::process::id(),
                    DATABASE_COUNTER.fetch_add(1, Ordering::Relaxed),
                    random_u64() as u32
                );
                if let Err(e) = psql(&admin, &format!("CREATE DATABASE {name}")) {
                    panic!(
                        "PostgreSQL tests cannot run: {e}\n(PRONTO_TEST_POSTGRES_URL={admin}; set PRONTO_TEST_POSTGRES=off to skip them)"
                    );
                }
                let url = with_database(&admin, &name);
                Storage { engine, dir, database_url: Some(url), pg_admin: Some((admin, name)) }
            }
        }
    }
}

impl Drop for Storage {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.pg_admin
            && let Err(e) = psql(admin, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        {
            eprintln!("warning: {e}");
        }
    }
}

/// Extra environment for the server.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub env: Vec<(String, String)>,
    /// The server's open-files limit (soft and hard), when it should be lower than ours.
    pub nofile: Option<u64>,
}

impl Options {
    pub fn env(mut self, key: &str, value: impl ToString) -> Self {
        self.env.push((key.to_owned(), value.to_string()));
        self
    }

    /// Starts the server with this open-files limit (soft and hard).
    pub fn nofile(mut self, n: u64) -> Self {
        self.nofile = Some(n);
        self
    }

    /// The manual test clock, starting at `start` (RFC 3339).
    pub fn manual_clock(self, start: &str) -> Self {
        self.env("PRONTO_CLOCK", "manual").env("PRONTO_CLOCK_START", start)
    }
}

/// The last lines the server wrote (stdout and stderr), shown when a test fails.
#[derive(Default)]
struct Tail {
    lines: VecDeque<String>,
}

impl Tail {
    const MAX: usize = 300;
    fn push(&mut self, line: String) {
        if self.lines.len() == Self::MAX {
            self.lines.pop_front();
        }
        self.lines.push_back(line);
    }
}

struct Server {
    child: Child,
    base: String,
}

/// A running `pronto serve` with its storage. Killed when dropped.
pub struct App {
    pub storage: Storage,
    opts: Options,
    /// A valid bearer token of `admin` (given as `PRONTO_ADMIN_TOKEN`).
    pub token: String,
    pub client: Client,
    server: Option<Server>,
    tail: Arc<Mutex<Tail>>,
    /// How many times the server was started.
    pub starts: usize,
}

/// Starts a server on a fresh database.
pub async fn spawn_app(engine: Engine) -> App {
    spawn_app_with(engine, Options::default()).await
}

pub async fn spawn_app_with(engine: Engine, opts: Options) -> App {
    spawn_app_on(Storage::new(engine), opts).await
}

/// Starts a server on storage prepared beforehand (e.g. by the CLI).
pub async fn spawn_app_on(storage: Storage, opts: Options) -> App {
    let mut app = App { storage, opts, token: random_token(), client: client(), server: None, tail: Arc::default(), starts: 0 };
    app.start().await;
    app
}

/// An HTTP client that does not follow redirects (303s are checked).
pub fn client() -> Client {
    // reqwest here shares its TLS features with Pronto's: the crypto provider must be set first.
    pronto_alerts::install_tls();
    Client::builder().redirect(reqwest::redirect::Policy::none()).timeout(REQUEST_TIMEOUT).build().expect("http client")
}

fn forward_lines<R: AsyncRead + Unpin + Send + 'static>(
    reader: R,
    tail: Arc<Mutex<Tail>>,
    prefix: &'static str,
    ready: Option<tokio::sync::oneshot::Sender<String>>,
) {
    tokio::spawn(async move {
        let mut ready = ready;
        let mut lines = BufReader::new(reader).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(rest) = line.split("listening on ").nth(1)
                && let Some(tx) = ready.take()
            {
                let _ = tx.send(rest.split_whitespace().next().unwrap_or("").to_owned());
            }
            tail.lock().unwrap().push(format!("{prefix}{line}"));
        }
    });
}

impl App {
    pub fn engine(&self) -> Engine {
        self.storage.engine
    }

    /// `http://127.0.0.1:PORT` of the running server.
    pub fn base(&self) -> &str {
        &self.server.as_ref().expect("server is running").base
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base(), path)
    }

    /// What the server wrote lately.
    pub fn output(&self) -> String {
        self.tail.lock().unwrap().lines.iter().cloned().collect::<Vec<_>>().join("\n")
    }

    /// Changes an environment variable for the next start (e.g. the manual clock's start).
    pub fn set_env(&mut self, key: &str, value: impl ToString) {
        self.opts.env.retain(|(k, _)| k != key);
        self.opts.env.push((key.to_owned(), value.to_string()));
    }

    /// Starts the server (again) on the same storage; returns when it listens.
    pub async fn start(&mut self) {
        assert!(self.server.is_none(), "server already running");
        self.starts += 1;
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pronto"));
        cmd.arg("serve").arg("--listen").arg("127.0.0.1:0").arg("--data-dir").arg(self.storage.dir.path());
        if let Some(url) = &self.storage.database_url {
            cmd.arg("--database-url").arg(url);
        }
        for (k, _) in std::env::vars() {
            if k.starts_with("PRONTO_") {
                cmd.env_remove(k);
            }
        }
        cmd.env("PRONTO_ADMIN_TOKEN", &self.token).env("PRONTO_ADMIN_PASSWORD", "it-admin-password-1234").env("NO_COLOR", "1");
        for (k, v) in &self.opts.env {
            cmd.env(k, v);
        }
        #[cfg(unix)]
        if let Some(n) = self.opts.nofile {
            // SAFETY: only setrlimit (async-signal-safe) runs between fork and exec.
            unsafe {
                cmd.pre_exec(move || {
                    let lim = libc::rlimit { rlim_cur: n as libc::rlim_t, rlim_max: n as libc::rlim_t };
                    if libc::setrlimit(libc::RLIMIT_NOFILE, &lim) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        cmd.current_dir(self.storage.dir.path()).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).kill_on_drop(true);
        let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {}: {e}", env!("CARGO_BIN_EXE_pronto")));
        let (tx, rx) = tokio::sync::oneshot::channel();
        let start_no = self.starts;
        self.tail.lock().unwrap().push(format!("----- start #{start_no} ({:?}) -----", self.engine()));
        forward_lines(child.stdout.take().expect("stdout"), self.tail.clone(), "out| ", Some(tx));
        forward_lines(child.stderr.take().expect("stderr"), self.tail.clone(), "err| ", None);
        let addr = match tokio::time::timeout(START_TIMEOUT, rx).await {
            Ok(Ok(addr)) => addr,
            Ok(Err(_)) => {
                let status = tokio::time::timeout(Duration::from_secs(5), child.wait()).await;
                tokio::time::sleep(Duration::from_millis(100)).await;
                panic!("pronto serve closed stdout without `listening on` (exit: {status:?})\n{}", self.output());
            }
            Err(_) => {
                let _ = child.start_kill();
                panic!("pronto serve did not print `listening on` within {START_TIMEOUT:?}\n{}", self.output());
            }
        };
        let base = if addr.starts_with("http://") { addr } else { format!("http://{addr}") };
        let base = base.trim_end_matches('/').to_owned();
        assert!(base.starts_with("http://127.0.0.1:"), "unexpected listening line: {base}");
        // A fresh client: pooled connections to the previous process are dead.
        self.client = client();
        self.server = Some(Server { child, base });
    }

    /// Graceful stop: SIGTERM, then the process must exit successfully in time.
    pub async fn stop(&mut self) {
        let mut server = self.server.take().expect("server is running");
        let pid = server.child.id().expect("child pid");
        let status = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status().expect("run kill");
        assert!(status.success(), "kill -TERM {pid} failed");
        match tokio::time::timeout(STOP_TIMEOUT, server.child.wait()).await {
            Ok(Ok(status)) => assert!(status.success(), "pronto serve should exit 0 after SIGTERM, got {status}\n{}", self.output()),
            Ok(Err(e)) => panic!("waiting for pronto: {e}"),
            Err(_) => {
                let _ = server.child.start_kill();
                panic!("pronto serve did not stop within {STOP_TIMEOUT:?} after SIGTERM\n{}", self.output());
            }
        }
    }

    /// The crash: SIGKILL, then reap.
    pub async fn kill(&mut self) {
        let mut server = self.server.take().expect("server is running");
        server.child.start_kill().expect("SIGKILL");
        let _ = tokio::time::timeout(Duration::from_secs(10), server.child.wait()).await.expect("killed process exits");
        self.tail.lock().unwrap().push("----- SIGKILL -----".into());
    }

    /// A request to `path` as admin.
    pub fn req(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, self.url(path)).bearer_auth(&self.token)
    }

    /// A request to `path` without any token.
    pub fn anon(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, self.url(path))
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(self.req(Method::GET, path)).await
    }

    pub async fn get_as(&self, token: &str, path: &str) -> Resp {
        self.send(self.client.get(self.url(path)).bearer_auth(token)).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Resp {
        self.send(self.req(Method::POST, path).json(body)).await
    }

    pub async fn post_as(&self, token: &str, path: &str, body: &Value) -> Resp {
        self.send(self.client.post(self.url(path)).bearer_auth(token).json(body)).await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Resp {
        self.send(self.req(Method::PATCH, path).json(body)).await
    }

    /// Sends and reads the whole answer; a transport error fails the test with the server's output.
    pub async fn send(&self, rb: RequestBuilder) -> Resp {
        let (client, req) = rb.build_split();
        let req = req.expect("request builds");
        let what = format!("{} {}", req.method(), req.url().path());
        let what = match req.url().query() {
            Some(q) => format!("{what}?{q}"),
            None => what,
        };
        let res = match client.execute(req).await {
            Ok(r) => r,
            Err(e) => panic!("{what}: {e:?}\nserver output:\n{}", self.output()),
        };
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap_or_else(|e| panic!("{what}: reading body: {e}"));
        Resp { what, status, headers, text }
    }

    /// Creates a lead as admin; asserts 201 and returns it.
    pub async fn create_lead(&self, body: &Value) -> Value {
        self.post("/api/v1/leads", body).await.expect(201)
    }

    /// Every lead matching `query` (e.g. `q=x&stage=won`), following cursors.
    pub async fn all_leads(&self, query: &str) -> Vec<Value> {
        let mut out = Vec::new();
        let mut cursor: Option<String> = None;
        for _page in 0..1000 {
            let mut path = format!("/api/v1/leads?limit=200&{query}");
            if let Some(c) = &cursor {
                path.push_str(&format!("&cursor={}", urlencode(c)));
            }
            let page = self.get(&path).await.expect(200);
            out.extend(page["items"].as_array().expect("items").iter().cloned());
            match page["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => return out,
            }
        }
        panic!("more than 1000 pages of leads");
    }

    /// The admin user (`GET /api/v1/me`).
    pub async fn me(&self) -> Value {
        self.get("/api/v1/me").await.expect(200)
    }

    /// Creates a user as admin and a token for them; returns (user, token).
    pub async fn user_with_token(&self, login: &str, role: &str) -> (Value, String) {
        let user = self
            .post(
                "/api/v1/users",
                &serde_json::json!({ "name": format!("User {login}"), "login": login, "role": role,
                    "email": format!("{login}@example.com"), "password": "a long enough password" }),
            )
            .await
            .expect(201);
        let id = user["id"].as_i64().expect("user id");
        let token = self.post(&format!("/api/v1/users/{id}/tokens"), &serde_json::json!({})).await.expect(201);
        (user, token["token"].as_str().expect("token").to_owned())
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if let Some(server) = &mut self.server {
            let _ = server.child.start_kill();
        }
        if std::thread::panicking() {
            eprintln!(
                "===== pronto output ({:?}, data in {}) =====\n{}",
                self.engine(),
                Path::new(self.storage.dir.path()).display(),
                self.output()
            );
        }
    }
}

pub fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A whole HTTP answer.
#[derive(Debug, Clone)]
pub struct Resp {
    /// `METHOD /path?query`, for messages.
    pub what: String,
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
}

impl Resp {
    /// Asserts the status and returns the JSON body (`null` for an empty body).
    #[track_caller]
    pub fn expect(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "{} answered {}, expected {status}: {}", self.what, self.status, self.text);
        if self.text.trim().is_empty() { Value::Null } else { self.json() }
    }

    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("{} answered non-JSON ({e}): {}", self.what, self.text))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts an RFC 9457 problem with `status`; returns it.
    #[track_caller]
    pub fn problem(&self, status: u16) -> Value {
        let p = self.expect(status);
        let ct = self.header("content-type").unwrap_or("");
        assert!(ct.starts_with("application/problem+json"), "{}: problem content-type, got {ct:?}", self.what);
        assert_eq!(p["status"], status, "{}: problem status: {p}", self.what);
        assert!(p["title"].as_str().is_some_and(|t| !t.is_empty()), "{}: problem title: {p}", self.what);
        assert!(p["detail"].as_str().is_some_and(|t| !t.is_empty()), "{}: problem detail: {p}", self.what);
        p
    }

    /// Asserts a 422 naming exactly these fields (in any order); returns the problem.
    #[track_caller]
    pub fn invalid(&self, fields: &[&str]) -> Value {
        let p = self.problem(422);
        let mut got: Vec<String> = p["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: 422 without errors[]: {p}", self.what))
            .iter()
            .map(|e| {
                assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{}: error without message: {e}", self.what);
                e["field"].as_str().expect("field").to_owned()
            })
            .collect();
        got.sort();
        got.dedup();
        let mut want: Vec<String> = fields.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{}: 422 fields: {p}", self.what);
        p
    }
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

#[cfg(test)]
mod tests {
    #[test]
    fn database_urls() {
        assert_eq!(super::with_database("postgres://postgres@127.0.0.1:5432/test", "x"), "postgres://postgres@127.0.0.1:5432/x");
        assert_eq!(super::with_database("postgres://u:p@h/test?sslmode=disable", "x"), "postgres://u:p@h/x?sslmode=disable");
        assert_eq!(super::with_database("postgres://h:5432", "x"), "postgres://h:5432/x");
    }
}
