//! The real `pronto` binary serving on a free port: [`App`] for the tests (a fresh data
//! directory or PostgreSQL database, a random admin token, the reqwest client, the server's
//! output shown when a test fails) and [`spawn_serve`] for the benches.
//!
//! The binary is `PRONTO_BIN` when set, else the `pronto` that cargo built beside the running
//! test or bench (`target/<profile>/pronto`; a test runs from `target/<profile>/deps/`).

use crate::db::{Engine, ScratchDb};
use crate::http::{BoxError, Resp, client, urlencode};
use reqwest::{Client, Method, RequestBuilder};
use serde_json::Value;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::{Child, Command};

/// How long a server may take to print `listening on`.
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a graceful shutdown may take.
const STOP_TIMEOUT: Duration = Duration::from_secs(30);

/// The `pronto` binary to run: `PRONTO_BIN`, else the one beside this executable (or beside
/// its `deps/` folder). Panics, saying how to build it, when there is none.
pub fn pronto_binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("PRONTO_BIN") {
        return PathBuf::from(bin);
    }
    let name = format!("pronto{}", std::env::consts::EXE_SUFFIX);
    let exe = std::env::current_exe().expect("the running executable's path");
    let mut dir = exe.parent().map(Path::to_path_buf).unwrap_or_default();
    if dir.ends_with("deps") {
        dir.pop();
    }
    let bin = dir.join(&name);
    assert!(
        bin.is_file(),
        "no `pronto` binary at {} (build it with `cargo build -p pronto`, `--release` for the benches, or set PRONTO_BIN)",
        bin.display()
    );
    bin
}

/// Where a test server keeps its data; survives restarts of the server, removed on drop.
pub struct Storage {
    pub engine: Engine,
    /// The data directory (also the server's working directory).
    pub dir: tempfile::TempDir,
    /// For PostgreSQL: the test database's URL.
    pub database_url: Option<String>,
    /// The PostgreSQL database, dropped with the storage.
    _database: Option<ScratchDb>,
}

impl Storage {
    /// A fresh data directory, and on PostgreSQL a fresh database `pronto_it_<pid>_<n>_<rand>`.
    pub fn new(engine: Engine) -> Storage {
        let dir = tempfile::Builder::new().prefix("pronto-it-").tempdir().expect("temp dir");
        match engine {
            Engine::Sqlite => Storage { engine, dir, database_url: None, _database: None },
            Engine::Postgres => {
                let db = ScratchDb::create_blocking(engine, "pronto_it");
                Storage { engine, dir, database_url: Some(db.url.clone()), _database: Some(db) }
            }
        }
    }

    /// Another node's storage: a data directory of its own on `other`'s PostgreSQL database
    /// (which `other` drops, so stop this node first).
    pub fn sharing(other: &Storage) -> Storage {
        assert_eq!(other.engine, Engine::Postgres, "only PostgreSQL is shared by several nodes");
        let dir = tempfile::Builder::new().prefix("pronto-it-").tempdir().expect("temp dir");
        Storage { engine: other.engine, dir, database_url: other.database_url.clone(), _database: None }
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
    let mut app = App { storage, opts, token: crate::random_token(), client: client(), server: None, tail: Arc::default(), starts: 0 };
    app.start().await;
    app
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
        let binary = pronto_binary();
        let mut cmd = Command::new(&binary);
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
        // The mystery shopper's test inquiries would show in what a test counts; its own tests
        // turn it on.
        cmd.env("PRONTO_CANARY", "off");
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
        let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
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

/// A `pronto serve` child (the binary of [`pronto_binary`]), with its output captured: the
/// benchmarks run the real server beside their load and gateways.
pub struct ServeChild {
    pub child: tokio::process::Child,
    pub pid: u32,
    /// `ADDR` of the `listening on http://ADDR` line and when it came (from the spawn); an
    /// error if it never came.
    pub listening: tokio::sync::oneshot::Receiver<(String, Duration)>,
    /// Everything the server wrote to stderr, once it exits.
    pub errors: tokio::task::JoinHandle<String>,
}

/// Spawns `pronto serve` on `url` with a data dir, listening on a free port, with none of this
/// shell's `PRONTO_*` settings except `env`.
pub fn spawn_serve(url: &str, data_dir: &std::path::Path, env: &[(&str, &str)]) -> Result<ServeChild, BoxError> {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt};
    let started = Instant::now();
    let mut cmd = tokio::process::Command::new(pronto_binary());
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("PRONTO_") {
            cmd.env_remove(k);
        }
    }
    cmd.arg("serve").arg("--database-url").arg(url).arg("--listen").arg("127.0.0.1:0").arg("--data-dir").arg(data_dir);
    cmd.env("PRONTO_LOG", "warn");
    cmd.env("PRONTO_CANARY", "off");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let pid = child.id().ok_or("the serve process has no id")?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut stderr = child.stderr.take().ok_or("no stderr")?;
    let (tx, listening) = tokio::sync::oneshot::channel::<(String, Duration)>();
    tokio::spawn(async move {
        let mut lines = tokio::io::BufReader::new(stdout).lines();
        let mut tx = Some(tx);
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(addr) = line.strip_prefix("listening on http://")
                && let Some(tx) = tx.take()
            {
                let _ = tx.send((addr.trim().to_owned(), started.elapsed()));
            }
        }
    });
    let errors = tokio::spawn(async move {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s).await;
        s
    });
    Ok(ServeChild { child, pid, listening, errors })
}
