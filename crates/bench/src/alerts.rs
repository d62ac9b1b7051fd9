//! `pronto-bench alerts`: the time from sending a web form to the consultant's SMS request
//! arriving at a Twilio-compatible gateway. Target (issue 4): p99 ≤ 50 ms at 20 leads/s and
//! ≤ 250 ms at 200 leads/s, on SQLite.
//!
//! What is measured, and how:
//!
//! * **The gateway** runs in this process (axum on 127.0.0.1:0) and speaks the Twilio Messages
//!   API the outbox worker uses (`POST /2010-04-01/Accounts/{SID}/Messages.json`, form-encoded
//!   To/From/Body, basic auth), answering `201 {"sid": …, "status": "queued"}` at once. It notes
//!   the monotonic time each message arrived (after its body was read), keyed by the unique
//!   contact name in the body; it also counts duplicates, messages it cannot match, and
//!   messages with the wrong To, From or credentials.
//! * **The server** is `pronto serve` (the `pronto` binary beside this one), spawned on a fresh database (a temporary
//!   SQLite file, or a scratch PostgreSQL database that is dropped afterwards) with
//!   `PRONTO_SMS_PROVIDER=twilio` pointing at the gateway, the per-IP form rate limit off, and
//!   the built-in default playbook (`agency`). One consultant with a phone number and no
//!   working hours of their own is created through `POST /api/v1/users`: every web lead with a
//!   phone is assigned to them and gets the urgent "New inquiry" SMS at any time of day (the
//!   forms carry no e-mail, so no after-hours acknowledgement is sent to the customer).
//! * **The load**: JSON web forms (`POST /forms/default`, `Accept: application/json`, a unique
//!   name and phone number each) on a fixed schedule (open loop: one request every 1/rate
//!   seconds whatever the answers do, each on an idle keep-alive connection or a new one), for
//!   `--seconds` at each of `--rates`. The send time is taken just before the request's first
//!   byte is written; latency is the gateway's arrival time minus it (both on this process's
//!   monotonic clock). A form acknowledged with 201 whose SMS never arrives counts as infinitely
//!   late, so it cannot improve a percentile.
//! * **Context from the same run**: the form POST's own latency (until the 201), the time from
//!   the 201 to the SMS, how late the sender was against its schedule, the serve process's CPU
//!   (from `/proc`; on PostgreSQL also that of the backends serving the scratch database) and
//!   its writers' commits (`pronto_store_batch_size` and `pronto_store_commit_seconds` from
//!   `/metrics`), also for two idle seconds before the load; at the end the outbox rows by
//!   channel and status, read from the database, and what the gateway counted.
//!
//! * **Several nodes** (`--nodes 2 --engine postgres`, issue 22): that many `pronto serve`
//!   processes on the one scratch database, the forms sent to each in turn, the live stream
//!   read on the last node; the CPU and the commits are summed over the nodes.
//!
//! The machine is shared and the load generator, the gateway and the server run on the same
//! cores: the figures include their competition for CPU.

use crate::AnyError;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use clap::Args;
use sqlx::{ConnectOptions, Connection};
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt};

const SID: &str = "ACbench0123456789";
const SMS_TOKEN: &str = "bench-alerts-gateway-token";
const FROM: &str = "+420700000000";
pub(crate) const ADMIN_TOKEN: &str = "bench-alerts-admin-token-0123456789";
/// The consultant's number as entered and as the gateway must receive it.
pub(crate) const CONSULTANT_PHONE: &str = "+420 777 000 001";
const CONSULTANT_TO: &str = "+420777000001";
/// Contact names are `Alertbench N`; the SMS body carries the name, so N keys the arrival.
pub(crate) const TAG: &str = "Alertbench ";
const WARM_UP: u64 = 5;

#[derive(Debug, Clone, Args)]
pub struct AlertsArgs {
    /// Seconds of load at each rate.
    #[arg(long, default_value_t = 15.0)]
    seconds: f64,
    /// Leads per second, one phase each, in this order.
    #[arg(long, value_delimiter = ',', default_value = "20,200")]
    rates: Vec<f64>,
    /// Seconds to wait after a phase's last form for SMS still on their way.
    #[arg(long, default_value_t = 10.0)]
    drain: f64,
    /// `sqlite`, `postgres` or `both`.
    #[arg(long, default_value = "sqlite")]
    engine: String,
    /// A PostgreSQL server where the bench may create and drop a scratch database.
    #[arg(long, env = "PRONTO_BENCH_POSTGRES_URL", default_value = "postgres://postgres@127.0.0.1:5432/test")]
    postgres_url: String,
    /// `pronto serve` processes on the one database (issue 22; more than one needs
    /// PostgreSQL): the forms go to each in turn, the consultant is created on the first and
    /// the live stream is read on the last, so with two nodes half the leads and every live
    /// event cross from one node to the other.
    #[arg(long, default_value_t = 1)]
    nodes: usize,
}

/// The target p99 for a rate, in ms.
fn target_ms(rate: f64) -> Option<f64> {
    if rate == 20.0 {
        Some(50.0)
    } else if rate == 200.0 {
        Some(250.0)
    } else {
        None
    }
}

pub async fn run(args: AlertsArgs) -> Result<(), AnyError> {
    let engines: Vec<&str> = match args.engine.as_str() {
        "both" => vec!["sqlite", "postgres"],
        "sqlite" => vec!["sqlite"],
        "postgres" => vec!["postgres"],
        other => return Err(format!("--engine: `{other}` is not sqlite, postgres or both").into()),
    };
    let positive = |x: f64| x.is_finite() && x > 0.0;
    if args.rates.is_empty() || !args.rates.iter().all(|r| positive(*r)) || !positive(args.seconds) {
        return Err("--rates must be positive numbers and --seconds positive".into());
    }
    if !(args.drain.is_finite() && args.drain >= 0.0) {
        return Err("--drain must be a number of seconds".into());
    }
    if args.nodes == 0 || (args.nodes > 1 && engines.contains(&"sqlite")) {
        return Err("--nodes: at least 1; several nodes share one PostgreSQL (--engine postgres)".into());
    }
    println!(
        "pronto bench alerts: web form -> SMS at a local Twilio-compatible gateway; {} s at each of {} leads/s; {} cores, load average {} at start",
        args.seconds,
        args.rates.iter().map(|r| format!("{r}")).collect::<Vec<_>>().join(", "),
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|l| l.split_whitespace().next().map(str::to_owned))
            .unwrap_or_else(|| "?".into()),
    );
    for engine in engines {
        let dir = tempfile::tempdir()?;
        let result = match engine {
            "sqlite" => {
                let url = format!("sqlite://{}", dir.path().join("pronto.db").display());
                bench(&args, engine, &url, dir.path()).await
            }
            _ => {
                let (args, data_dir) = (&args, dir.path());
                testkit::db::with_scratch_postgres(&args.postgres_url, "pronto_bench_alerts", |url| async move {
                    bench(args, engine, &url, data_dir).await
                })
                .await
            }
        };
        result?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The gateway.

#[derive(Default)]
pub(crate) struct Gateway {
    /// First arrival of each key.
    arrivals: Mutex<HashMap<u64, Instant>>,
    requests: AtomicU64,
    duplicates: AtomicU64,
    unmatched: AtomicU64,
    /// Wrong To, From or credentials.
    wrong: AtomicU64,
    /// The idempotency keys each bench key's SMS came with (a repeat must carry the first's).
    tokens: Mutex<HashMap<u64, std::collections::BTreeSet<String>>>,
}

impl Gateway {
    pub(crate) fn arrival(&self, key: u64) -> Option<Instant> {
        self.arrivals.lock().unwrap_or_else(|p| p.into_inner()).get(&key).copied()
    }
    pub(crate) fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }
    pub(crate) fn duplicates(&self) -> u64 {
        self.duplicates.load(Ordering::Relaxed)
    }
    /// How many keys arrived, and how many of them with more than one idempotency key.
    pub(crate) fn keys_with_two_tokens(&self) -> (usize, usize) {
        let t = self.tokens.lock().unwrap_or_else(|p| p.into_inner());
        (t.len(), t.values().filter(|s| s.len() > 1).count())
    }
}

/// The bench key an SMS names: `Alertbench N` in the text, else (`pronto-bench phone`, whose
/// callers have no name) the caller's number `+420 7XX XXX XXX`, whose last 8 digits are the key.
fn key_of(body: &str) -> Option<u64> {
    if let Some(at) = body.find(TAG) {
        let digits: String = body[at + TAG.len()..].chars().take_while(char::is_ascii_digit).collect();
        return digits.parse().ok();
    }
    let at = body.find(PHONE_TAG)?;
    let digits: String = body[at + PHONE_TAG.len()..].chars().filter(|c| *c != ' ').take_while(char::is_ascii_digit).take(8).collect();
    (digits.len() == 8).then(|| digits.parse().ok()).flatten()
}

/// How `pronto-bench phone`'s callers' numbers begin (as the SMS prints them).
pub(crate) const PHONE_TAG: &str = "+420 6";

async fn messages(State(g): State<Arc<Gateway>>, headers: HeaderMap, Form(form): Form<HashMap<String, String>>) -> (StatusCode, String) {
    let at = Instant::now();
    let n = g.requests.fetch_add(1, Ordering::Relaxed) + 1;
    let auth = format!("Basic {}", base64(&format!("{SID}:{SMS_TOKEN}")));
    let right = form.get("To").map(String::as_str) == Some(CONSULTANT_TO)
        && form.get("From").map(String::as_str) == Some(FROM)
        && headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(auth.as_str());
    if !right {
        g.wrong.fetch_add(1, Ordering::Relaxed);
    }
    match form.get("Body").and_then(|b| key_of(b)) {
        Some(key) => {
            let token = headers.get("i-twilio-idempotency-token").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
            g.tokens.lock().unwrap_or_else(|p| p.into_inner()).entry(key).or_default().insert(token);
            let mut a = g.arrivals.lock().unwrap_or_else(|p| p.into_inner());
            if a.contains_key(&key) {
                g.duplicates.fetch_add(1, Ordering::Relaxed);
            } else {
                a.insert(key, at);
            }
        }
        None => {
            g.unmatched.fetch_add(1, Ordering::Relaxed);
        }
    }
    (StatusCode::CREATED, serde_json::json!({ "sid": format!("SM{n:032}"), "status": "queued" }).to_string())
}

fn base64(s: &str) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in s.as_bytes().chunks(3) {
        let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            out.push(if i <= c.len() { T[(n >> (18 - 6 * i)) as usize & 63] as char } else { '=' });
        }
    }
    out
}

pub(crate) async fn gateway() -> Result<(Arc<Gateway>, String), AnyError> {
    let g = Arc::new(Gateway::default());
    let app = axum::Router::new().route("/2010-04-01/Accounts/{sid}/Messages.json", axum::routing::post(messages)).with_state(g.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok((g, url))
}

// ---------------------------------------------------------------------------------------------
// The client: testkit's minimal keep-alive client (the load generator shares two cores with the
// server: it must cost little), with the admin token.

pub(crate) use testkit::http::Http;

/// A client of the server at `addr` that signs `auth` requests with the admin token.
pub(crate) fn http(addr: &str) -> Http {
    Http::new(addr).token(ADMIN_TOKEN)
}

// ---------------------------------------------------------------------------------------------
// The server.

pub(crate) struct Server {
    pub(crate) child: tokio::process::Child,
    pub(crate) pid: u32,
    pub(crate) addr: String,
    pub(crate) listening: Duration,
    pub(crate) errors: tokio::task::JoinHandle<String>,
}

pub(crate) async fn spawn_serve(url: &str, data_dir: &std::path::Path, gateway: &str, extra: &[(&str, &str)]) -> Result<Server, AnyError> {
    // Nothing of this shell's Pronto settings (a config file, a playbook, the clock, SMTP, another
    // SMS provider) reaches the server: only what the bench sets.
    let mut env = vec![
        ("PRONTO_ADMIN_PASSWORD", "bench-alerts-password"),
        ("PRONTO_ADMIN_TOKEN", ADMIN_TOKEN),
        ("PRONTO_FORM_RATE_LIMIT", "0"),
        ("PRONTO_SMS_PROVIDER", "twilio"),
        ("PRONTO_SMS_URL", gateway),
        ("PRONTO_SMS_ACCOUNT_SID", SID),
        ("PRONTO_SMS_AUTH_TOKEN", SMS_TOKEN),
        ("PRONTO_SMS_FROM", FROM),
    ];
    env.extend_from_slice(extra);
    let testkit::server::ServeChild { mut child, pid, listening, errors } = testkit::server::spawn_serve(url, data_dir, &env)?;
    let (addr, listening) = match tokio::time::timeout(Duration::from_secs(60), listening).await {
        Ok(Ok(announced)) => announced,
        other => {
            let _ = child.kill().await;
            let why = if other.is_err() { "did not announce its address within 60 s" } else { "exited before it listened" };
            let errors = errors.await.unwrap_or_default();
            return Err(format!("the serve process {why}\n{}", errors.trim()).into());
        }
    };
    Ok(Server { child, pid, addr, listening, errors })
}

/// CPU seconds (user + system) the process has used so far.
pub(crate) fn cpu_seconds(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { return f64::NAN };
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else { return f64::NAN };
    let f: Vec<&str> = rest.split_whitespace().collect();
    // After the command: state is field 3, utime 14, stime 15 (in USER_HZ = 100 ticks/s).
    let tick = |i: usize| f.get(i - 3).and_then(|v| v.parse::<f64>().ok()).unwrap_or(f64::NAN);
    (tick(14) + tick(15)) / 100.0
}

/// The sum of every sample of `name` (all label sets) in a Prometheus text page.
fn metric(page: &str, name: &str) -> f64 {
    page.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let rest = l.strip_prefix(name)?;
            if !(rest.starts_with(' ') || rest.starts_with('{')) {
                return None;
            }
            l.rsplit(' ').next()?.parse::<f64>().ok()
        })
        .sum()
}

/// A snapshot of the server's cost counters.
#[derive(Clone)]
struct Cost {
    at: Instant,
    cpu: f64,
    commits: f64,
    commit_seconds: f64,
    /// On PostgreSQL: CPU seconds of each backend serving the scratch database.
    backends: Option<HashMap<u32, f64>>,
}

async fn cost(https: &mut [Http], pids: &[u32], pg: &mut Option<sqlx::PgConnection>) -> Cost {
    let mut page = String::new();
    for http in https.iter_mut() {
        page += &http.get("/metrics", false).await.map(|(_, p)| p).unwrap_or_default();
        page.push('\n');
    }
    let backends = match pg {
        Some(c) => {
            let pids: Vec<i32> =
                sqlx::query_scalar("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
                    .fetch_all(&mut *c)
                    .await
                    .unwrap_or_default();
            Some(pids.into_iter().map(|p| (p as u32, cpu_seconds(p as u32))).filter(|(_, s)| s.is_finite()).collect())
        }
        None => None,
    };
    Cost {
        at: Instant::now(),
        cpu: pids.iter().map(|p| cpu_seconds(*p)).sum(),
        commits: metric(&page, "pronto_store_batch_size_count"),
        commit_seconds: metric(&page, "pronto_store_commit_seconds_sum"),
        backends,
    }
}

fn cost_text(a: &Cost, b: &Cost) -> String {
    let s = b.at.duration_since(a.at).as_secs_f64().max(1e-9);
    let commits = b.commits - a.commits;
    let busy = b.commit_seconds - a.commit_seconds;
    let backends = match (&a.backends, &b.backends) {
        (Some(x), Some(y)) => {
            let used: f64 = y.iter().map(|(p, t)| t - x.get(p).copied().unwrap_or(0.0)).sum();
            format!(", PostgreSQL backends {:.0}% of a core", used / s * 100.0)
        }
        _ => String::new(),
    };
    if commits == 0.0 {
        return format!("serve CPU {:.0}% of a core{backends}; 0 commits/s", (b.cpu - a.cpu) / s * 100.0);
    }
    format!(
        "serve CPU {:.0}% of a core{backends}; {:.0} commits/s, {:.2} ms each, {:.0} ms of commit time per second (summed over the writers)",
        (b.cpu - a.cpu) / s * 100.0,
        commits / s,
        busy / commits * 1000.0,
        busy / s * 1000.0,
    )
}

// ---------------------------------------------------------------------------------------------
// The live stream: when each new lead's `event: lead` reaches a signed-in client.

type Seen = Arc<Mutex<HashMap<i64, Instant>>>;

/// Listens on `GET /api/v1/events/stream` as the admin (HTTP/1.0, so the body is the bare
/// stream) and notes when each `lead.received` arrived.
async fn listen(addr: String) -> Result<Seen, AnyError> {
    let mut s = tokio::net::TcpStream::connect(&addr).await?;
    s.set_nodelay(true)?;
    let req = format!(
        "GET /api/v1/events/stream HTTP/1.0\r\nHost: {addr}\r\nAuthorization: Bearer {ADMIN_TOKEN}\r\nAccept: text/event-stream\r\n\r\n"
    );
    s.write_all(req.as_bytes()).await?;
    let seen: Seen = Arc::default();
    let out = seen.clone();
    tokio::spawn(async move {
        let mut r = tokio::io::BufReader::new(s);
        let mut line = String::new();
        let mut event = String::new();
        while r.read_line(&mut line).await.unwrap_or(0) > 0 {
            let at = Instant::now();
            let l = line.trim_end();
            if let Some(e) = l.strip_prefix("event: ") {
                event = e.to_owned();
            } else if let Some(d) = l.strip_prefix("data: ")
                && event == "lead"
                && let Ok(v) = serde_json::from_str::<serde_json::Value>(d)
                && v["event"] == "lead.received"
                && let Some(id) = v["id"].as_i64()
            {
                out.lock().unwrap_or_else(|p| p.into_inner()).entry(id).or_insert(at);
            }
            line.clear();
        }
    });
    Ok(seen)
}

/// form sent -> `event: lead` on the stream, ms, for the acknowledged forms (infinite when missing).
fn live_latency(seen: &Seen, sent: &[Sent]) -> Vec<f64> {
    let seen = seen.lock().unwrap_or_else(|p| p.into_inner());
    sorted(
        sent.iter()
            .filter(|s| s.status == 201)
            .map(|s| match s.lead.and_then(|l| seen.get(&l)) {
                Some(at) => ms(at.saturating_duration_since(s.sent)),
                None => f64::INFINITY,
            })
            .collect(),
    )
}

// ---------------------------------------------------------------------------------------------
// The load.

struct Sent {
    key: u64,
    scheduled: Instant,
    sent: Instant,
    answered: Instant,
    /// 0 when the request failed without an answer.
    status: u16,
    /// The lead's id from the answer.
    lead: Option<i64>,
}

type Pool = Arc<Mutex<Vec<Http>>>;

async fn send_one(addr: String, pool: Pool, key: u64, scheduled: Instant) -> Sent {
    let mut http = pool.lock().unwrap_or_else(|p| p.into_inner()).pop().unwrap_or_else(|| http(&addr));
    let body = serde_json::json!({
        "name": format!("{TAG}{key}"),
        "phone": format!("+420 7{:08}", 71_000_000 + key % 9_000_000),
        "message": "Dobrý den, zavolejte mi prosím.",
    })
    .to_string();
    let head = http.head("POST", "/forms/default", Some("application/json"), false, body.len());
    let connected = http.connect().await;
    let sent = Instant::now();
    let (status, answer) = match connected {
        Ok(()) => http.exchange(&head, body.as_bytes()).await.unwrap_or((0, Vec::new())),
        Err(_) => (0, Vec::new()),
    };
    let answered = Instant::now();
    pool.lock().unwrap_or_else(|p| p.into_inner()).push(http);
    let lead = serde_json::from_slice::<serde_json::Value>(&answer).ok().and_then(|v| v["id"].as_i64());
    Sent { key, scheduled, sent, answered, status, lead }
}

/// `n` forms at `rate` per second on a fixed schedule, keys from `first`; form `k` to node
/// `k % nodes` (each node with its own pool of connections).
async fn paced(addrs: &[String], pools: &[Pool], rate: f64, n: u64, first: u64) -> Vec<Sent> {
    let start = Instant::now() + Duration::from_millis(20);
    let interval = Duration::from_secs_f64(1.0 / rate);
    let mut tasks = Vec::with_capacity(n as usize);
    for k in 0..n {
        let scheduled = start + interval.mul_f64(k as f64);
        if scheduled > Instant::now() {
            tokio::time::sleep_until(scheduled.into()).await;
        }
        let node = (k as usize) % addrs.len();
        tasks.push(tokio::spawn(send_one(addrs[node].clone(), pools[node].clone(), first + k, scheduled)));
    }
    let mut out = Vec::with_capacity(tasks.len());
    for t in tasks {
        if let Ok(s) = t.await {
            out.push(s);
        }
    }
    out
}

/// Waits until every acknowledged form's SMS arrived, or `drain` after the last answer.
async fn await_arrivals(g: &Gateway, sent: &[Sent], drain: Duration) {
    let last = sent.iter().map(|s| s.answered).max().unwrap_or_else(Instant::now);
    loop {
        let missing = sent.iter().filter(|s| s.status == 201 && g.arrival(s.key).is_none()).count();
        if missing == 0 || Instant::now() > last + drain {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

pub(crate) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub(crate) fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v
}

pub(crate) fn fmt_ms(v: f64) -> String {
    if v.is_infinite() { "never".into() } else { format!("{v:.1} ms") }
}

struct Phase {
    sent: usize,
    acked: usize,
    arrived: usize,
    /// form sent -> SMS arrived, ms; an acknowledged form without an SMS is infinite.
    latency: Vec<f64>,
    post: Vec<f64>,
    after_ack: Vec<f64>,
    late: Vec<f64>,
    achieved: f64,
}

fn phase_figures(g: &Gateway, sent: &[Sent]) -> Phase {
    let acked: Vec<&Sent> = sent.iter().filter(|s| s.status == 201).collect();
    let mut latency = Vec::new();
    let mut after_ack = Vec::new();
    let mut arrived = 0;
    for s in &acked {
        match g.arrival(s.key) {
            Some(at) => {
                arrived += 1;
                latency.push(ms(at.saturating_duration_since(s.sent)));
                after_ack.push(if at >= s.answered { ms(at - s.answered) } else { -ms(s.answered - at) });
            }
            None => latency.push(f64::INFINITY),
        }
    }
    let first = sent.iter().map(|s| s.sent).min();
    let last = sent.iter().map(|s| s.sent).max();
    let achieved = match (first, last) {
        (Some(f), Some(l)) if l > f => (sent.len() - 1) as f64 / (l - f).as_secs_f64(),
        _ => f64::NAN,
    };
    Phase {
        sent: sent.len(),
        acked: acked.len(),
        arrived,
        latency: sorted(latency),
        post: sorted(acked.iter().map(|s| ms(s.answered - s.sent)).collect()),
        after_ack: sorted(after_ack),
        late: sorted(sent.iter().map(|s| ms(s.sent.saturating_duration_since(s.scheduled))).collect()),
        achieved,
    }
}

// ---------------------------------------------------------------------------------------------
// The run.

async fn outbox_counts(url: &str) -> Result<Vec<(String, String, i64)>, AnyError> {
    // A status with a message tried more than once says so ("sent, tried up to 2 times").
    const SQL: &str = "SELECT channel, status || CASE WHEN MAX(attempts) > 1 THEN ', tried up to ' || CAST(MAX(attempts) AS TEXT) || ' times' ELSE '' END,
                              COUNT(*) FROM outbox GROUP BY channel, status ORDER BY channel, status";
    if let Some(path) = url.strip_prefix("sqlite://") {
        let c = rusqlite::Connection::open(path)?;
        c.busy_timeout(Duration::from_secs(10))?;
        let mut stmt = c.prepare(SQL)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    } else {
        let mut c = sqlx::PgConnection::connect(url).await?;
        let rows = sqlx::query_as::<_, (String, String, i64)>(SQL).fetch_all(&mut c).await?;
        let _ = c.close().await;
        Ok(rows)
    }
}

async fn bench(args: &AlertsArgs, engine: &str, url: &str, data_dir: &std::path::Path) -> Result<(), AnyError> {
    let (g, gateway_url) = gateway().await?;
    let mut servers = Vec::new();
    for n in 0..args.nodes.max(1) {
        let dir = data_dir.join(format!("node{n}"));
        std::fs::create_dir_all(&dir)?;
        // One after the other: the first migrates, the others find it done.
        servers.push(spawn_serve(url, &dir, &gateway_url, &[]).await?);
    }
    let result = measure(args, engine, url, &g, &gateway_url, &servers).await;
    let mut errors = String::new();
    for server in &mut servers {
        let _ = server.child.kill().await;
        errors += (&mut server.errors).await.unwrap_or_default().trim();
    }
    result.map_err(|e| format!("{e}\n{errors}").into())
}

/// Prints the report line by line as the figures come.
async fn measure(args: &AlertsArgs, engine: &str, url: &str, g: &Gateway, gateway_url: &str, servers: &[Server]) -> Result<(), AnyError> {
    let engine = if servers.len() > 1 { format!("{engine}/{}", servers.len()) } else { engine.to_owned() };
    let line = |what: &str, text: String| println!("{engine:<11} {what:<9} {text}");
    let server = &servers[0];
    let addr = server.addr.as_str();
    let addrs: Vec<String> = servers.iter().map(|s| s.addr.clone()).collect();
    let pids: Vec<u32> = servers.iter().map(|s| s.pid).collect();
    let mut admin = http(addr);
    let mut metrics: Vec<Http> = addrs.iter().map(|a| http(a)).collect();
    let user = serde_json::json!({
        "name": "Bench Consultant", "login": "bench", "role": "consultant",
        "phone": CONSULTANT_PHONE, "password": "quiet otter juggles seven lemons",
    });
    let (status, body) = admin.post_json("/api/v1/users", &user.to_string(), true).await?;
    if status != 201 {
        return Err(format!("creating the consultant: {status} {body}").into());
    }
    line(
        "setup",
        format!(
            "{} node(s) at {}, the first announced {:.3} s after spawn; consultant with phone {CONSULTANT_PHONE} created on the first; live stream read on the last; gateway at {gateway_url} (in this process)",
            servers.len(),
            addrs.join(", "),
            server.listening.as_secs_f64(),
        ),
    );

    // A signed-in client on the live stream, from before the first lead.
    let seen = listen(addrs[addrs.len() - 1].clone()).await?;
    tokio::time::sleep(Duration::from_millis(100)).await;

    // Warm-up: a few leads one by one, not counted; the first is the cold path.
    let pools: Vec<Pool> = addrs.iter().map(|_| Arc::new(Mutex::new(Vec::new()))).collect();
    let pool = pools[0].clone();
    let mut key = 1u64;
    let mut cold = Vec::new();
    for _ in 0..WARM_UP {
        let s = send_one(addr.to_owned(), pool.clone(), key, Instant::now()).await;
        key += 1;
        await_arrivals(g, std::slice::from_ref(&s), Duration::from_secs(10)).await;
        cold.push(s);
    }
    let w = phase_figures(g, &cold);
    line(
        "warm-up",
        format!(
            "{} leads one at a time: {}/{} SMS arrived; first {}, then max {} (not counted)",
            WARM_UP,
            w.arrived,
            w.acked,
            fmt_ms(cold.first().and_then(|s| g.arrival(s.key).map(|a| ms(a - s.sent))).unwrap_or(f64::INFINITY)),
            fmt_ms(cold.iter().skip(1).map(|s| g.arrival(s.key).map(|a| ms(a - s.sent)).unwrap_or(f64::INFINITY)).fold(0.0, f64::max)),
        ),
    );

    // Idle: what the server costs with nothing to do.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut pg = if url.starts_with("postgres") {
        Some(sqlx::postgres::PgConnectOptions::from_str(url)?.disable_statement_logging().connect().await?)
    } else {
        None
    };
    let a = cost(&mut metrics, &pids, &mut pg).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let b = cost(&mut metrics, &pids, &mut pg).await;
    line("idle", format!("2 s without load: {}", cost_text(&a, &b)));

    for &rate in &args.rates {
        let n = (rate * args.seconds).round().max(1.0) as u64;
        let before = cost(&mut metrics, &pids, &mut pg).await;
        let sent = paced(&addrs, &pools, rate, n, key).await;
        let after = cost(&mut metrics, &pids, &mut pg).await;
        key += n;
        await_arrivals(g, &sent, Duration::from_secs_f64(args.drain)).await;
        let p = phase_figures(g, &sent);
        let (p50, p99, max) =
            (crate::intake::pct(&p.latency, 0.5), crate::intake::pct(&p.latency, 0.99), p.latency.last().copied().unwrap_or(f64::NAN));
        let all = p.acked == p.sent && p.arrived == p.acked;
        let verdict = match target_ms(rate) {
            Some(t) => {
                let ok = all && p99 <= t;
                format!("target p99 <= {t:.0} ms  {}", if ok { "PASS" } else { "MISS" })
            }
            None => "no target at this rate".into(),
        };
        let what = format!("{rate}/s");
        line(
            &what,
            format!(
                "{} forms sent ({:.1}/s achieved), {} acknowledged, {} SMS arrived; form -> SMS p50 {}, p99 {}, max {}   {verdict}",
                p.sent,
                p.achieved,
                p.acked,
                p.arrived,
                fmt_ms(p50),
                fmt_ms(p99),
                fmt_ms(max),
            ),
        );
        line(
            &what,
            format!(
                "form POST (send -> 201) p50 {:.1} ms, p99 {:.1} ms; 201 -> SMS p50 {:.1} ms, p99 {:.1} ms; sender behind schedule p99 {:.1} ms, max {:.1} ms",
                crate::intake::pct(&p.post, 0.5),
                crate::intake::pct(&p.post, 0.99),
                crate::intake::pct(&p.after_ack, 0.5),
                crate::intake::pct(&p.after_ack, 0.99),
                crate::intake::pct(&p.late, 0.99),
                p.late.last().copied().unwrap_or(f64::NAN),
            ),
        );
        let live = live_latency(&seen, &sent);
        let arrived_live = live.iter().filter(|v| v.is_finite()).count();
        line(
            &what,
            format!(
                "live stream: {arrived_live} of {} leads as `event: lead`; form -> event p50 {}, p99 {}, max {}   target p99 < 100 ms  {}",
                live.len(),
                fmt_ms(crate::intake::pct(&live, 0.5)),
                fmt_ms(crate::intake::pct(&live, 0.99)),
                fmt_ms(live.last().copied().unwrap_or(f64::NAN)),
                if arrived_live == live.len() && crate::intake::pct(&live, 0.99) < 100.0 { "PASS" } else { "MISS" },
            ),
        );
        line(&what, format!("during the load: {}", cost_text(&before, &after)));
        // Let the deliveries' own writes settle before the next rate.
        tokio::time::sleep(Duration::from_secs(1)).await;
    }

    if let Some(c) = pg.take() {
        let _ = c.close().await;
    }
    let counts = outbox_counts(url).await?;
    let text: Vec<String> = counts.iter().map(|(c, s, n)| format!("{c} {s} {n}")).collect();
    line(
        "outbox",
        format!(
            "{}; gateway: {} requests, {} duplicates ({} with two idempotency keys), {} unmatched, {} with wrong To/From/credentials",
            text.join(", "),
            g.requests.load(Ordering::Relaxed),
            g.duplicates.load(Ordering::Relaxed),
            g.keys_with_two_tokens().1,
            g.unmatched.load(Ordering::Relaxed),
            g.wrong.load(Ordering::Relaxed),
        ),
    );
    Ok(())
}
