//! `pronto-bench intake`: web-form intake over HTTP, measured beside a baseline taken in the
//! same run on the same engine with the same durability settings (raw single-row durable
//! INSERTs, one transaction each). Reports leads/s, p50/p99 latency at full load, and
//! p50/p99 at half the maximum rate. Durations are measured with the monotonic clock; the
//! system under test runs on its real clock.

use crate::AnyError;
use axum::serve::ListenerExt;
use clap::Args;
use pronto::serve::no_delay;
use pronto_domain::SystemClock;
use pronto_store::StoreOptions;
use pronto_web::{AppState, WebConfig};
use sqlx::Connection;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Args)]
pub struct IntakeArgs {
    /// Concurrent HTTP clients.
    #[arg(long, default_value_t = 64)]
    clients: usize,
    /// Seconds of full load, split into rounds that alternate with the baseline; the half-load
    /// phase runs for half as long.
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// Rounds of (baseline, full load).
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// `sqlite`, `postgres` or `both`.
    #[arg(long, default_value = "both")]
    engine: String,
    /// Also measure the HTTP path alone: submissions that carry the honeypot field are parsed
    /// and answered like real ones, but nothing is stored.
    #[arg(long)]
    http_only: bool,
    /// A PostgreSQL server where the bench may create and drop a scratch database.
    #[arg(long, env = "PRONTO_BENCH_POSTGRES_URL", default_value = "postgres://postgres@127.0.0.1:5432/test")]
    postgres_url: String,
    /// Several nodes (issue 22): for each count, that many `pronto serve` processes on one
    /// scratch PostgreSQL database, the clients spread over them; leads/s beside one node's,
    /// and the CPU per lead of each node and of PostgreSQL. E.g. `--nodes 1,2,3`.
    #[arg(long, value_delimiter = ',')]
    nodes: Vec<usize>,
}

pub async fn run(args: IntakeArgs) -> Result<(), AnyError> {
    if !args.nodes.is_empty() {
        return crate::nodes::intake(&args.nodes, args.clients, args.seconds, &args.postgres_url).await;
    }
    let engines: Vec<&str> = match args.engine.as_str() {
        "both" => vec!["sqlite", "postgres"],
        "sqlite" => vec!["sqlite"],
        "postgres" => vec!["postgres"],
        other => return Err(format!("--engine: `{other}` is not sqlite, postgres or both").into()),
    };
    println!(
        "pronto bench intake: {} clients, {} s of load in {} rounds, {} cores",
        args.clients,
        args.seconds,
        args.rounds,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    for engine in engines {
        let report = match engine {
            "sqlite" => {
                let dir = tempfile::tempdir()?;
                let url = format!("sqlite://{}", dir.path().join("pronto.db").display());
                let baseline_url = format!("sqlite://{}", dir.path().join("baseline.db").display());
                intake(&args, engine, &url, &baseline_url).await?
            }
            _ => {
                let args = &args;
                testkit::db::with_scratch_postgres(&args.postgres_url, "pronto_bench", |url| async move {
                    intake(args, engine, &url, &url).await
                })
                .await?
            }
        };
        println!("{report}");
    }
    Ok(())
}

/// Raw durable single-row INSERTs per second, one transaction each, on one connection.
async fn baseline(url: &str, seconds: f64) -> Result<f64, AnyError> {
    let deadline = Duration::from_secs_f64(seconds);
    let payload = "x".repeat(200);
    let mut n = 0u64;
    let start;
    if let Some(path) = url.strip_prefix("sqlite://") {
        // The same driver and settings as the store's SQLite engine.
        let c = rusqlite::Connection::open(path)?;
        c.pragma_update(None, "journal_mode", "WAL")?;
        c.pragma_update(None, "synchronous", "FULL")?;
        c.execute_batch("CREATE TABLE IF NOT EXISTS bench_baseline (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")?;
        let mut stmt = c.prepare("INSERT INTO bench_baseline (payload) VALUES (?1)")?;
        start = Instant::now();
        while start.elapsed() < deadline {
            stmt.execute([&payload])?;
            n += 1;
        }
    } else {
        let mut c = sqlx::PgConnection::connect(url).await?;
        sqlx::raw_sql(
            "CREATE TABLE IF NOT EXISTS bench_baseline (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload TEXT NOT NULL)",
        )
        .execute(&mut c)
        .await?;
        start = Instant::now();
        while start.elapsed() < deadline {
            sqlx::query("INSERT INTO bench_baseline (payload) VALUES ($1)").bind(&payload).execute(&mut c).await?;
            n += 1;
        }
    }
    Ok(n as f64 / start.elapsed().as_secs_f64())
}

pub(crate) struct Load {
    pub(crate) ok: u64,
    pub(crate) failed: u64,
    pub(crate) rate: f64,
    pub(crate) latencies: Vec<Duration>,
}

/// The `p` quantile (0..=1) of sorted values, nearest rank; NaN for none.
pub(crate) fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// [`pct`] of sorted durations, in milliseconds.
pub(crate) fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0
}

/// A minimal HTTP/1.1 keep-alive client: the load generator shares the machine with the server,
/// so it must cost as little as possible (a full client library costs more CPU per request than
/// the server's own HTTP layer).
struct RawClient {
    addr: String,
    conn: Option<tokio::io::BufStream<tokio::net::TcpStream>>,
}

impl RawClient {
    async fn post_json(&mut self, path: &str, body: &[u8]) -> std::io::Result<u16> {
        use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};
        if self.conn.is_none() {
            let s = tokio::net::TcpStream::connect(&self.addr).await?;
            s.set_nodelay(true)?;
            self.conn = Some(tokio::io::BufStream::new(s));
        }
        let conn = self.conn.as_mut().expect("connected");
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: {}\r\n\r\n",
            self.addr,
            body.len()
        );
        let result = async {
            conn.write_all(head.as_bytes()).await?;
            conn.write_all(body).await?;
            conn.flush().await?;
            let mut line = String::new();
            conn.read_line(&mut line).await?;
            let status: u16 = line.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or(std::io::ErrorKind::InvalidData)?;
            let mut length = 0usize;
            loop {
                line.clear();
                if conn.read_line(&mut line).await? == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                let l = line.trim_end();
                if l.is_empty() {
                    break;
                }
                if let Some((k, v)) = l.split_once(':')
                    && k.eq_ignore_ascii_case("content-length")
                {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut sink = vec![0u8; length];
            conn.read_exact(&mut sink).await?;
            Ok(status)
        }
        .await;
        if result.is_err() {
            self.conn = None;
        }
        result
    }
}

/// Drives the form endpoint. With `rate` set, requests are sent on a fixed schedule (open
/// loop) and latency counts from the scheduled time, so a stall is not hidden.
async fn load(addr: &str, clients: usize, seconds: f64, rate: Option<f64>, counter: Arc<AtomicU64>, honeypot: bool) -> Load {
    load_spread(&[addr.to_owned()], clients, seconds, rate, counter, honeypot).await
}

/// [`load`] with the clients spread over several servers (nodes), client `c` on `addrs[c % n]`.
pub(crate) async fn load_spread(
    addrs: &[String],
    clients: usize,
    seconds: f64,
    rate: Option<f64>,
    counter: Arc<AtomicU64>,
    honeypot: bool,
) -> Load {
    let started = Instant::now();
    let deadline = Duration::from_secs_f64(seconds);
    let mut tasks = Vec::new();
    for c in 0..clients {
        let mut http = RawClient { addr: addrs[c % addrs.len().max(1)].clone(), conn: None };
        let counter = counter.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let (mut ok, mut failed) = (0u64, 0u64);
            let interval = rate.map(|r| Duration::from_secs_f64(clients as f64 / r));
            let mut k = 0u32;
            loop {
                let scheduled = match interval {
                    Some(iv) => started + iv.mul_f64(f64::from(k) + c as f64 / clients as f64),
                    None => Instant::now(),
                };
                if scheduled.duration_since(started) >= deadline {
                    break;
                }
                // Only a paced client waits; `sleep_until` on a time already past still waits
                // for the timer's next tick (a millisecond), which would throttle the load.
                if scheduled > Instant::now() {
                    tokio::time::sleep_until(scheduled.into()).await;
                }
                k += 1;
                let i = counter.fetch_add(1, Ordering::Relaxed);
                let mut body = serde_json::json!({
                    "name": format!("Bench Customer {i}"),
                    "email": format!("bench{i}@example.com"),
                    "phone": format!("+420 7{:08}", 70_000_000 + i % 9_000_000),
                    "message": "Dobrý den, mám zájem o nabídku.",
                });
                if honeypot {
                    body["pronto_hp"] = serde_json::json!("bot");
                }
                let body = body.to_string();
                match http.post_json("/forms/default", body.as_bytes()).await {
                    Ok(201) => {
                        ok += 1;
                        lat.push(scheduled.elapsed());
                    }
                    _ => failed += 1,
                }
            }
            (ok, failed, lat)
        }));
    }
    let mut out = Load { ok: 0, failed: 0, rate: 0.0, latencies: Vec::new() };
    for t in tasks {
        if let Ok((ok, failed, lat)) = t.await {
            out.ok += ok;
            out.failed += failed;
            out.latencies.extend(lat);
        }
    }
    out.rate = out.ok as f64 / started.elapsed().as_secs_f64();
    out.latencies.sort();
    out
}

/// The store alone: `clients` tasks parse and commit leads without HTTP, to show what the
/// writer can take and how much of the end-to-end cost is HTTP.
async fn store_only(store: Arc<dyn pronto_store::Store>, clients: usize, seconds: f64, counter: Arc<AtomicU64>) -> f64 {
    let started = Instant::now();
    let deadline = Duration::from_secs_f64(seconds);
    let region = pronto_domain::values::Region::default();
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            let store = store.clone();
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut ok = 0u64;
                while started.elapsed() < deadline {
                    let i = counter.fetch_add(1, Ordering::Relaxed);
                    let draft = pronto_domain::lead::LeadDraft {
                        channel: Some("web".into()),
                        contact: pronto_domain::lead::ContactDraft {
                            name: Some(format!("Bench Customer {i}")),
                            email: Some(format!("bench{i}@example.com")),
                            phone: Some(format!("+420 7{:08}", 70_000_000 + i % 9_000_000)),
                            ..Default::default()
                        },
                        message: Some("Dobrý den, mám zájem o nabídku.".into()),
                        ..Default::default()
                    };
                    let Ok(lead) = draft.parse(region, pronto_domain::Clock::now(&SystemClock)) else { continue };
                    if store.create_lead(lead, None, None).await.is_ok() {
                        ok += 1;
                    }
                }
                ok
            })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        ok += t.await.unwrap_or(0);
    }
    ok as f64 / started.elapsed().as_secs_f64()
}

async fn count(url: &str, sql: &'static str) -> Result<i64, AnyError> {
    let n: i64 = if let Some(path) = url.strip_prefix("sqlite://") {
        rusqlite::Connection::open(path)?.query_row(sql, [], |r| r.get(0))?
    } else {
        let mut c = sqlx::PgConnection::connect(url).await?;
        sqlx::query_scalar(sql).fetch_one(&mut c).await?
    };
    Ok(n)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() { f64::NAN } else { v[v.len() / 2] }
}

/// The machine's durable-write speed drifts by several times within minutes (other tenants'
/// I/O), so baseline and intake are measured in alternating slices and compared slice by slice.
async fn intake(args: &IntakeArgs, engine: &str, url: &str, baseline_url: &str) -> Result<String, AnyError> {
    let clock = Arc::new(SystemClock);
    let store = pronto_store::open(url, clock.clone(), StoreOptions::default()).await?;
    let web = WebConfig { form_rate_per_minute: 0, ..WebConfig::default() };
    let app = pronto_web::app(AppState::new(store.clone(), clock, web));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = listener.local_addr()?.to_string();
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener.tap_io(no_delay), app.into_make_service_with_connect_info::<SocketAddr>()).await;
    });
    let counter = Arc::new(AtomicU64::new(0));
    let mut out = String::new();
    if args.http_only {
        let l = load(&base, args.clients, args.seconds, None, Arc::new(AtomicU64::new(0)), true).await;
        out += &format!("{engine:<9} http     {:>8.0} requests/s through HTTP alone (honeypot: parsed, answered, not stored)\n", l.rate);
    }
    load(&base, args.clients, 1.0, None, counter.clone(), false).await; // warm up

    let slice = args.seconds / args.rounds.max(1) as f64;
    let (mut ratios, mut rates, mut baselines, mut lat) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut failed = 0;
    for round in 1..=args.rounds.max(1) {
        let b = baseline(baseline_url, slice).await?;
        let l = load(&base, args.clients, slice, None, counter.clone(), false).await;
        out += &format!(
            "{engine:<9} round {round}  baseline {b:>7.0} INSERTs/s, intake {:>7.0} leads/s = {:.2}x; p50 {:.1} ms, p99 {:.1} ms\n",
            l.rate,
            l.rate / b,
            percentile(&l.latencies, 0.5),
            percentile(&l.latencies, 0.99)
        );
        ratios.push(l.rate / b);
        rates.push(l.rate);
        baselines.push(b);
        failed += l.failed;
        lat.extend(l.latencies);
    }
    lat.sort();
    let full_rate = median(rates.clone());
    let half = load(&base, args.clients, args.seconds / 2.0, Some(full_rate / 2.0), counter.clone(), false).await;
    let direct = store_only(store.clone(), args.clients, slice, counter.clone()).await;
    server.abort();
    store.close().await;

    // Every acknowledged lead must be there with its event, outbox row and timer.
    let acked = counter.load(Ordering::Relaxed) as i64;
    let leads = count(url, "SELECT COUNT(*) FROM leads").await?;
    let events = count(url, "SELECT COUNT(*) FROM events WHERE kind = 'lead.received'").await?;
    let outbox = count(url, "SELECT COUNT(*) FROM outbox").await?;
    let timers = count(url, "SELECT COUNT(*) FROM timers").await?;
    // Every stored lead was received once and its playbook ran (the default playbook starts a
    // first-response SLA for each); no lead exists that was not acknowledged.
    let slas = count(url, "SELECT COUNT(*) FROM events WHERE kind = 'sla.started'").await?;
    let consistent = leads == events && leads == slas && leads <= acked;

    out += &format!(
        "{engine:<9} intake   {:>8.0} leads/s (median) = {:.2}x baseline (median of the rounds' ratios; baseline median {:.0}); p50 {:.1} ms, p99 {:.1} ms ({failed} failed)\n\
         {engine:<9} half     {:>8.0} leads/s offered {:.0}; p50 {:.1} ms, p99 {:.1} ms ({} failed)\n\
         {engine:<9} store    {direct:>8.0} leads/s through the Store alone (no HTTP; parse + group commit)\n\
         {engine:<9} rows     {leads} leads, {events} lead.received events, {slas} SLAs started, {outbox} outbox rows, {timers} timers: {}",
        full_rate,
        median(ratios),
        median(baselines),
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        half.rate,
        full_rate / 2.0,
        percentile(&half.latencies, 0.5),
        percentile(&half.latencies, 0.99),
        half.failed,
        if consistent { "consistent" } else { "INCONSISTENT" },
    );
    Ok(out)
}
