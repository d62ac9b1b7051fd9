//! Health that tells the truth (issue 22, item 7), with the real binary:
//! - `/healthz` (readiness) answers 200 with the engine, the schema version and Pronto's
//!   version; `/livez` (liveness) 200 without the database; both in the OpenAPI document.
//! - A full disk (SQLite on a tmpfs of its own, filled to the last byte) fails `/healthz`
//!   with `the database cannot be written: disk full`, and it is ready again once room is made.
//! - A PostgreSQL that hangs (a TCP forwarder that stops forwarding) fails it with `timed out
//!   after 1 s`; one that is gone (the forwarder stopped) with `database unreachable`; both
//!   recover.
//! - A database migrated past what this binary knows: `/healthz` says so, and `pronto migrate`
//!   and `pronto serve` refuse to run on it, with the reason.
//!
//! Every answer must arrive within 1 s (the bound); the tests allow 1.5 s for a loaded
//! 2-core machine — a generous bound on purpose, never a tighter one.

use crate::cli::{pronto, text};
use crate::invoices::sql;
use reqwest::Method;
use serde_json::Value;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use testkit::both;
use testkit::{App, Engine, Options, Storage, spawn_app, spawn_app_on};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// The "≤ 1 s", with room for a loaded machine.
const BOUND: Duration = Duration::from_millis(1500);

both!(readiness_and_liveness, a_newer_schema_is_refused);

/// `GET /healthz`, timed: the status, the body and how long it took (asserted within [`BOUND`]).
async fn healthz(app: &App) -> (u16, Value) {
    let started = Instant::now();
    let r = app.send(app.anon(Method::GET, "/healthz")).await;
    let took = started.elapsed();
    assert!(took < BOUND, "/healthz took {took:?} ({} {})\n{}", r.status, r.text, app.output());
    assert!(r.header("content-type").unwrap_or("").starts_with("application/json"), "{r:?}");
    (r.status, r.json())
}

/// Polls `/healthz` (each answer within the bound) until `want` holds for an answer, for at
/// most `within`; returns that answer.
async fn healthz_until(app: &App, within: Duration, want: impl Fn(u16, &Value) -> bool) -> (u16, Value) {
    let started = Instant::now();
    let mut seen = Vec::new();
    loop {
        let (status, body) = healthz(app).await;
        if status == 503 {
            assert_eq!(body["status"], "unavailable", "{body}");
            assert!(body["reason"].as_str().is_some_and(|r| !r.is_empty()), "a 503 says why: {body}");
        }
        if want(status, &body) {
            return (status, body);
        }
        seen.push(format!("{status} {body}"));
        assert!(started.elapsed() < within, "no wanted /healthz answer within {within:?}; seen: {seen:#?}\n{}", app.output());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn readiness_and_liveness(engine: Engine) {
    let app = spawn_app(engine).await;
    let (status, body) = healthz(&app).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], engine.as_str(), "{body}");
    assert!(body["schema_version"].as_i64().is_some_and(|v| v >= 27), "{body}");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
    assert!(body.get("reason").is_none(), "{body}");
    // Polled hard (a burst of load balancers), it stays fast and answers the same.
    for _ in 0..20 {
        assert_eq!(healthz(&app).await.0, 200);
    }

    let live = app.send(app.anon(Method::GET, "/livez")).await;
    let live = live.expect(200);
    assert_eq!(live["status"], "ok");
    assert!(live.get("database").is_none(), "liveness does not look at the database: {live}");

    let doc = app.send(app.anon(Method::GET, "/api/openapi.json")).await.expect(200);
    for path in ["/healthz", "/livez"] {
        assert!(doc["paths"][path]["get"].is_object(), "OpenAPI lacks GET {path}");
    }
    assert!(doc["paths"]["/healthz"]["get"]["responses"]["503"].is_object(), "the 503 is documented");
}

async fn a_newer_schema_is_refused(engine: Engine) {
    let mut app = spawn_app(engine).await;
    assert_eq!(healthz(&app).await.0, 200);
    // Another node, a newer Pronto, migrated the database.
    sql(&app, "INSERT INTO schema_migrations (version, name) VALUES (9999, 'from a newer Pronto')");
    let (_, body) = healthz_until(&app, Duration::from_secs(5), |s, _| s == 503).await;
    let reason = body["reason"].as_str().unwrap();
    assert!(reason.starts_with("the database's schema (version 9999) is newer than this Pronto knows ("), "{body}");
    app.stop().await;

    let migrate = pronto(&app.storage, &["migrate"]);
    assert!(!migrate.status.success(), "migrate must refuse a newer schema: {}", text(&migrate.stdout));
    assert!(text(&migrate.stderr).contains("schema version 9999, newer than this pronto knows"), "{}", text(&migrate.stderr));

    // `serve` refuses too, at once, with the same reason (it would otherwise listen forever).
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_pronto"));
    cmd.args(["serve", "--listen", "127.0.0.1:0", "--data-dir"]).arg(app.storage.dir.path());
    if let Some(url) = &app.storage.database_url {
        cmd.arg("--database-url").arg(url);
    }
    for (k, _) in std::env::vars() {
        if k.starts_with("PRONTO_") {
            cmd.env_remove(k);
        }
    }
    let mut child = cmd
        .env("PRONTO_ADMIN_PASSWORD", "it-admin-password-1234")
        .current_dir(app.storage.dir.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run pronto serve");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("pronto serve ran on a database newer than it knows");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let out = child.wait_with_output().unwrap();
    assert!(!status.success());
    assert!(text(&out.stderr).contains("schema version 9999, newer than this pronto knows"), "{}", text(&out.stderr));
}

// ─── A full disk (SQLite) ────────────────────────────────────────────────────────────────────

/// A tmpfs mounted over a directory for the test's life (lazily unmounted on drop).
struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    fn mount(dir: &std::path::Path, size: &str) -> Tmpfs {
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output()
            .expect("run mount");
        assert!(
            out.status.success(),
            "this test mounts a small tmpfs to fill it (run the tests as root, or set PRONTO_TEST_TMPFS=off to skip it): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Tmpfs(dir.to_owned())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Fills the file system of `path`'s directory to the last byte; returns the filler file.
fn fill(dir: &std::path::Path) -> std::path::PathBuf {
    use std::io::Write;
    let filler = dir.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    for chunk in [1 << 20, 4096, 512, 1] {
        let block = vec![7u8; chunk];
        while f.write_all(&block).is_ok() {}
    }
    let _ = f.flush();
    filler
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_fails_readiness_within_a_second() {
    if std::env::var("PRONTO_TEST_TMPFS").as_deref() == Ok("off") {
        eprintln!("SKIPPED a_full_disk_fails_readiness_within_a_second: PRONTO_TEST_TMPFS=off");
        return;
    }
    let storage = Storage::new(Engine::Sqlite);
    let dir = storage.dir.path().to_owned();
    let mount = Tmpfs::mount(&dir, "24m");
    let mut app = spawn_app_on(storage, Options::default()).await;
    let (status, body) = healthz(&app).await;
    assert_eq!(status, 200, "{body}");
    app.create_lead(&serde_json::json!({ "channel": "web", "contact": { "name": "Before the disk filled", "phone": "777 100 200" } }))
        .await;

    let filler = fill(&dir);
    let (_, body) = healthz_until(&app, Duration::from_secs(5), |s, _| s == 503).await;
    assert_eq!(body["reason"], "the database cannot be written: disk full", "{body}");
    assert_eq!(body["database"], "sqlite");
    // Polled while the disk stays full, it keeps saying so, each answer in time.
    for _ in 0..5 {
        let (status, body) = healthz(&app).await;
        assert_eq!((status, body["reason"].as_str()), (503, Some("the database cannot be written: disk full")), "{body}");
    }

    std::fs::remove_file(&filler).unwrap();
    healthz_until(&app, Duration::from_secs(5), |s, _| s == 200).await;
    app.create_lead(&serde_json::json!({ "channel": "web", "contact": { "name": "After room was made", "phone": "777 100 201" } })).await;
    app.stop().await;
    drop(mount);
}

// ─── A stopped PostgreSQL ───────────────────────────────────────────────────────────────────

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Forward,
    /// Connections stay open; nothing passes (a database that does not answer).
    Hang,
}

/// A TCP forwarder in front of PostgreSQL: it forwards, hangs, or stops (every connection
/// closed, the port closed).
struct Forwarder {
    addr: SocketAddr,
    flow: watch::Sender<Flow>,
    tasks: Arc<Mutex<Vec<tokio::task::AbortHandle>>>,
}

async fn pump(mut from: tokio::net::tcp::OwnedReadHalf, mut to: tokio::net::tcp::OwnedWriteHalf, mut flow: watch::Receiver<Flow>) {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if flow.wait_for(|f| *f == Flow::Forward).await.is_err() || to.write_all(&buf[..n]).await.is_err() {
            break;
        }
    }
    let _ = to.shutdown().await;
}

impl Forwarder {
    async fn start(listen: &str, target: SocketAddr) -> Forwarder {
        let listener = TcpListener::bind(listen).await.expect("the forwarder listens");
        let addr = listener.local_addr().unwrap();
        let (flow, _) = watch::channel(Flow::Forward);
        let tasks: Arc<Mutex<Vec<tokio::task::AbortHandle>>> = Arc::default();
        let (rx, list) = (flow.subscribe(), tasks.clone());
        let accept = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let rx = rx.clone();
                let conn = tokio::spawn(async move {
                    let Ok(server) = TcpStream::connect(target).await else { return };
                    let (cr, cw) = client.into_split();
                    let (sr, sw) = server.into_split();
                    tokio::join!(pump(cr, sw, rx.clone()), pump(sr, cw, rx));
                });
                list.lock().unwrap().push(conn.abort_handle());
            }
        });
        tasks.lock().unwrap().push(accept.abort_handle());
        Forwarder { addr, flow, tasks }
    }

    fn set(&self, flow: Flow) {
        self.flow.send_replace(flow);
    }

    /// Closes every connection and the port.
    fn stop(&self) {
        for t in self.tasks.lock().unwrap().drain(..) {
            t.abort();
        }
    }
}

/// `postgres://USER@HOST:PORT/DB?…` → (`HOST:PORT`, the URL with `{}` in its place).
fn authority(url: &str) -> (String, String) {
    let scheme = url.find("://").expect("a URL") + 3;
    let rest = &url[scheme..];
    let start = scheme + rest[..rest.find('/').unwrap_or(rest.len())].rfind('@').map(|i| i + 1).unwrap_or(0);
    let end = start + url[start..].find(['/', '?']).unwrap_or(url.len() - start);
    let host = url[start..end].to_owned();
    let host = if host.contains(':') { host } else { format!("{host}:5432") };
    (host, format!("{}{{}}{}", &url[..start], &url[end..]))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_database_fails_readiness_within_a_second() {
    if !testkit::postgres_enabled() {
        eprintln!("SKIPPED a_stopped_database_fails_readiness_within_a_second: PRONTO_TEST_POSTGRES=off");
        return;
    }
    let mut storage = Storage::new(Engine::Postgres);
    let (target, template) = authority(storage.database_url.as_deref().unwrap());
    let target = tokio::net::lookup_host(&target).await.unwrap().next().expect("the database's address");
    let proxy = Forwarder::start("127.0.0.1:0", target).await;
    let port = proxy.addr;
    storage.database_url = Some(template.replace("{}", &port.to_string()));
    let app = spawn_app_on(storage, Options::default()).await;
    assert_eq!(healthz(&app).await.0, 200);

    // The database stops answering: the probe hangs, the answer does not.
    proxy.set(Flow::Hang);
    let (_, body) = healthz_until(&app, Duration::from_secs(5), |s, _| s == 503).await;
    assert_eq!(body["reason"], "timed out after 1 s", "{body}");
    assert_eq!(body["database"], "postgres");
    for _ in 0..3 {
        let (status, body) = healthz(&app).await;
        assert_eq!((status, body["reason"].as_str()), (503, Some("timed out after 1 s")), "{body}");
    }
    proxy.set(Flow::Forward);
    healthz_until(&app, Duration::from_secs(10), |s, _| s == 200).await;

    // The database is gone (connections closed, the port closed).
    proxy.stop();
    let (_, body) = healthz_until(&app, Duration::from_secs(10), |_, b| b["reason"] == "database unreachable").await;
    assert_eq!(body["database"], "postgres");
    for _ in 0..3 {
        let (status, body) = healthz(&app).await;
        assert_eq!((status, body["reason"].as_str()), (503, Some("database unreachable")), "{body}");
    }

    // Back on the same port: ready again, and writes work.
    let again = Forwarder::start(&port.to_string(), target).await;
    healthz_until(&app, Duration::from_secs(10), |s, _| s == 200).await;
    app.create_lead(&serde_json::json!({ "channel": "web", "contact": { "name": "After the outage", "phone": "777 100 300" } })).await;
    drop(app);
    again.stop();
}

#[test]
fn authority_finds_the_host_and_port() {
    for (url, host, rebuilt) in [
        ("postgres://postgres@127.0.0.1:5432/test", "127.0.0.1:5432", "postgres://postgres@X/test"),
        ("postgres://u:p%40ss@db.example:6543/pronto?sslmode=require", "db.example:6543", "postgres://u:p%40ss@X/pronto?sslmode=require"),
        ("postgresql://localhost/x", "localhost:5432", "postgresql://X/x"),
    ] {
        let (h, template) = authority(url);
        assert_eq!((h.as_str(), template.replace("{}", "X").as_str()), (host, rebuilt), "{url}");
    }
}
