//! `pronto-bench timers`: a million pending timers. Targets (from the issue): extra memory
//! ≤ 64 MB, first fire ≤ 1 s after start, ≥ 20,000 timers/s, p99 lateness ≤ 100 ms while
//! intake runs at half its maximum rate.
//!
//! What is measured, and how:
//!
//! * **Seeding** (reported, not a target). A fresh database is opened through the store (real
//!   clock), so the migrations and built-in playbooks load; 1,000 leads are created through
//!   `Store::create_lead`, and copied with SQL up to `--leads` (default: a quarter of the
//!   timers, so a lead has about four pending timers, as a playbook gives it; a lead with a
//!   thousand pending timers would make every firing read a thousand rows). A copy of this
//!   database (same leads, no bench timers) is kept for the memory baseline. Then the timers are
//!   inserted with server-side generated bulk INSERTs (a recursive CTE on SQLite,
//!   `generate_series` on PostgreSQL), kind `t:bench` (no playbook rule handles it, but firing
//!   still loads the lead and runs the playbook engine), spread round-robin over the leads:
//!   `--overdue` of them due within the last hour, interleaved with the ones due in 1–30 days,
//!   and the lateness window's timers (parked 400 days ahead until the window is scheduled).
//!   PostgreSQL then gets `VACUUM ANALYZE` (what autovacuum would do after a bulk load);
//!   SQLite gets nothing, as the store runs nothing either.
//! * **Memory**: `pronto serve` (the `pronto` binary beside this one) is started on a copy of the seeded database and
//!   on the copy without timers. Its resident memory (VmRSS, and the peak VmHWM) is read from
//!   `/proc` two seconds after the overdue timers drained, and at the same age for the process
//!   without timers; the difference is what the timers cost. On PostgreSQL the database
//!   server's own memory is not counted.
//! * **First fire**: from just before the `serve` process is spawned (and, in process, from
//!   just before `pronto_store::open`) until a separate connection, polling every millisecond,
//!   sees the first timer committed as fired.
//! * **Throughput**: the overdue timers divided by the time from the first fire until a
//!   separate connection (polling every 10 ms) sees none of them pending; in the `serve`
//!   process and again in process (`Timers::run` spawned on the opened store).
//! * **Lateness**: in process, after the drain, the maximum intake through the store is
//!   measured (`--clients` tasks calling `create_lead` for 3 s); then the window's timers are
//!   rescheduled with one UPDATE to fall due at `--window-rate` per second for
//!   `--window-seconds`, starting 3 s later (the worker looks again at least every second).
//!   During the window, intake runs at half the measured maximum (open loop, on a fixed
//!   schedule). A watcher polls the `timer.fired` events every 2 ms: *committed* lateness is
//!   the wall-clock time the watcher first saw the event minus `due_at` (an upper bound: it
//!   includes the poll interval), *recorded* lateness is the event's `at` minus its
//!   `data.due_at` (the time the firing transaction read its clock; the commit comes after).
//!   The target is judged on the committed lateness.
//!
//! The machine is shared: other processes' load moves the figures between runs, most of all on
//! PostgreSQL, whose firing is bound by round trips.
//!
//! Durations are measured with the monotonic clock; the system under test and the lateness
//! (which compares stored wall-clock times) use the real clock.

use crate::AnyError;
use clap::Args;
use pronto_domain::{Clock, SystemClock};
use pronto_store::{Store, StoreOptions, Timers};
use sqlx::{ConnectOptions, Connection};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

const TARGET_EXTRA_MB: f64 = 64.0;
const TARGET_FIRST_FIRE_S: f64 = 1.0;
const TARGET_RATE: f64 = 20_000.0;
const TARGET_P99_MS: f64 = 100.0;

/// Leads created through the store; the rest are SQL copies of them.
const STORE_LEADS: u64 = 1_000;
const KIND: &str = "t:bench";
const HOUR_US: i64 = 3_600_000_000;
const DAY_US: i64 = 24 * HOUR_US;

#[derive(Debug, Clone, Args)]
pub struct TimersArgs {
    /// Pending timers to seed.
    #[arg(long, default_value_t = 1_000_000)]
    timers: u64,
    /// Leads the timers are spread over (default: a quarter of the timers, at least 1,000).
    #[arg(long)]
    leads: Option<u64>,
    /// Share of the timers already overdue at start (due within the last hour).
    #[arg(long, default_value_t = 0.10)]
    overdue: f64,
    /// Timers falling due per second during the lateness window.
    #[arg(long, default_value_t = 2_000.0)]
    window_rate: f64,
    /// Length of the lateness window in seconds.
    #[arg(long, default_value_t = 20.0)]
    window_seconds: f64,
    /// Concurrent intake tasks (for the maximum and the half-rate load).
    #[arg(long, default_value_t = 64)]
    clients: usize,
    /// `sqlite`, `postgres` or `both`.
    #[arg(long, default_value = "sqlite")]
    engine: String,
    /// A PostgreSQL server where the bench may create and drop scratch databases.
    #[arg(long, env = "PRONTO_BENCH_POSTGRES_URL", default_value = "postgres://postgres@127.0.0.1:5432/test")]
    postgres_url: String,
}

/// How the timers are laid out.
#[derive(Debug, Clone, Copy)]
struct Plan {
    timers: u64,
    leads: u64,
    overdue: u64,
    window: u64,
    future: u64,
    window_rate: f64,
}

impl Plan {
    fn new(a: &TimersArgs) -> Plan {
        let timers = a.timers.max(1);
        let leads = a.leads.unwrap_or((timers / 4).max(STORE_LEADS)).max(1);
        let overdue = ((timers as f64 * a.overdue.clamp(0.0, 1.0)).round() as u64).min(timers);
        let window = ((a.window_rate * a.window_seconds).round() as u64).min(timers - overdue);
        Plan { timers, leads, overdue, window, future: timers - overdue - window, window_rate: a.window_rate.max(1.0) }
    }
    fn window_seconds(&self) -> f64 {
        self.window as f64 / self.window_rate
    }
}

pub async fn run(args: TimersArgs) -> Result<(), AnyError> {
    let engines: Vec<&str> = match args.engine.as_str() {
        "both" => vec!["sqlite", "postgres"],
        "sqlite" => vec!["sqlite"],
        "postgres" => vec!["postgres"],
        other => return Err(format!("--engine: `{other}` is not sqlite, postgres or both").into()),
    };
    let plan = Plan::new(&args);
    println!(
        "pronto bench timers: {} pending timers on {} leads ({} overdue, {} due at {}/s in a {:.0} s window while intake runs, {} in 1-30 days), {} cores",
        plan.timers,
        plan.leads,
        plan.overdue,
        plan.window,
        plan.window_rate,
        plan.window_seconds(),
        plan.future,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    for engine in engines {
        let scratch = match engine {
            "sqlite" => Scratch::Sqlite(tempfile::tempdir()?),
            _ => {
                let admin = testkit::db::PgAdmin::connect(&args.postgres_url).await?;
                Scratch::Pg { admin, prefix: format!("pronto_bench_timers_{}", std::process::id()), made: Vec::new() }
            }
        };
        let mut scratch = scratch;
        let result = bench(&args, plan, engine, &mut scratch).await;
        scratch.drop_all().await;
        println!("{}", result?);
    }
    Ok(())
}

/// The scratch databases of one engine: created, copied and dropped.
enum Scratch {
    Sqlite(tempfile::TempDir),
    Pg { admin: testkit::db::PgAdmin, prefix: String, made: Vec<String> },
}

impl Scratch {
    async fn create(&mut self, name: &str) -> Result<String, AnyError> {
        match self {
            Scratch::Sqlite(dir) => Ok(format!("sqlite://{}", dir.path().join(format!("{name}.db")).display())),
            Scratch::Pg { admin, prefix, made } => {
                let db = format!("{prefix}_{name}");
                let url = admin.recreate(&db).await?;
                made.push(db);
                Ok(url)
            }
        }
    }

    /// A copy of `from` as `to`; nothing may be connected to `from`.
    async fn copy(&mut self, from: &str, to: &str) -> Result<String, AnyError> {
        match self {
            Scratch::Sqlite(dir) => {
                let (src, dst) = (dir.path().join(format!("{from}.db")), dir.path().join(format!("{to}.db")));
                std::fs::copy(&src, &dst)?;
                Ok(format!("sqlite://{}", dst.display()))
            }
            Scratch::Pg { admin, prefix, made } => {
                let (src, dst) = (format!("{prefix}_{from}"), format!("{prefix}_{to}"));
                let conn = admin.connection();
                let mut tries = 0;
                loop {
                    sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()")
                        .bind(&src)
                        .execute(&mut *conn)
                        .await?;
                    let r = sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {dst} TEMPLATE {src}"))).execute(&mut *conn).await;
                    match r {
                        Ok(_) => break,
                        Err(e) if tries < 20 => {
                            tries += 1;
                            tracing::debug!(error = %e, "copying the database; retrying");
                            tokio::time::sleep(Duration::from_millis(250)).await;
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
                made.push(dst.clone());
                Ok(admin.url_of(&dst))
            }
        }
    }

    fn path(&self, name: &str) -> Option<PathBuf> {
        match self {
            Scratch::Sqlite(dir) => Some(dir.path().join(format!("{name}.db"))),
            Scratch::Pg { .. } => None,
        }
    }

    async fn drop_all(&mut self) {
        if let Scratch::Pg { admin, made, .. } = self {
            for db in made.drain(..) {
                let _ = admin.drop_database(&db).await;
            }
        }
    }
}

/// A plain connection beside the store's own, for seeding and for watching from outside.
/// SQL uses `$1`-style parameters, which both drivers accept.
enum Raw {
    Sqlite(rusqlite::Connection),
    Pg(sqlx::PgConnection),
}

impl Raw {
    async fn connect(url: &str) -> Result<Raw, AnyError> {
        if let Some(path) = url.strip_prefix("sqlite://") {
            let c = rusqlite::Connection::open(path)?;
            c.busy_timeout(Duration::from_secs(30))?;
            Ok(Raw::Sqlite(c))
        } else {
            // Seeding statements are slow on purpose; sqlx need not warn about them.
            Ok(Raw::Pg(sqlx::postgres::PgConnectOptions::from_str(url)?.disable_statement_logging().connect().await?))
        }
    }

    /// Statements without parameters (several allowed).
    async fn batch(&mut self, sql: String) -> Result<(), AnyError> {
        match self {
            Raw::Sqlite(c) => tokio::task::block_in_place(|| c.execute_batch(&sql))?,
            Raw::Pg(c) => {
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut *c).await?;
            }
        }
        Ok(())
    }

    async fn exec(&mut self, sql: &'static str, args: &[i64]) -> Result<u64, AnyError> {
        match self {
            Raw::Sqlite(c) => Ok(tokio::task::block_in_place(|| c.prepare_cached(sql)?.execute(rusqlite::params_from_iter(args)))? as u64),
            Raw::Pg(c) => {
                let mut q = sqlx::query(sql);
                for a in args {
                    q = q.bind(*a);
                }
                Ok(q.execute(&mut *c).await?.rows_affected())
            }
        }
    }

    /// One integer (NULL reads as 0).
    async fn scalar(&mut self, sql: &'static str, args: &[i64]) -> Result<i64, AnyError> {
        match self {
            Raw::Sqlite(c) => Ok(tokio::task::block_in_place(|| {
                c.prepare_cached(sql)?.query_row(rusqlite::params_from_iter(args), |r| r.get::<_, Option<i64>>(0))
            })?
            .unwrap_or(0)),
            Raw::Pg(c) => {
                let mut q = sqlx::query_scalar::<_, Option<i64>>(sql);
                for a in args {
                    q = q.bind(*a);
                }
                Ok(q.fetch_one(&mut *c).await?.unwrap_or(0))
            }
        }
    }

    async fn strings(&mut self, sql: &'static str) -> Result<Vec<String>, AnyError> {
        match self {
            Raw::Sqlite(c) => Ok(tokio::task::block_in_place(|| {
                c.prepare(sql)?.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()
            })?),
            Raw::Pg(c) => Ok(sqlx::query_scalar::<_, String>(sql).fetch_all(&mut *c).await?),
        }
    }

    /// `timer.fired` events after event `after`: (id, at, data).
    async fn fired_since(&mut self, after: i64) -> Result<Vec<(i64, i64, String)>, AnyError> {
        const SQL: &str = "SELECT id, at, data FROM events WHERE id > $1 AND kind = 'timer.fired' ORDER BY id";
        match self {
            Raw::Sqlite(c) => Ok(tokio::task::block_in_place(|| {
                c.prepare_cached(SQL)?.query_map([after], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<Vec<_>, _>>()
            })?),
            Raw::Pg(c) => Ok(sqlx::query_as::<_, (i64, i64, String)>(SQL).bind(after).fetch_all(&mut *c).await?),
        }
    }

    async fn close(self) {
        if let Raw::Pg(c) = self {
            let _ = c.close().await;
        }
    }
}

fn now_us() -> i64 {
    jiff::Timestamp::now().as_microsecond()
}

fn new_lead(i: u64) -> Option<pronto_domain::lead::NewLead> {
    pronto_domain::lead::LeadDraft {
        channel: Some("web".into()),
        contact: pronto_domain::lead::ContactDraft {
            name: Some(format!("Bench Customer {i}")),
            email: Some(format!("bench{i}@example.com")),
            phone: Some(format!("+420 7{:08}", 70_000_000 + i % 9_000_000)),
            ..Default::default()
        },
        message: Some("Dobrý den, mám zájem o nabídku.".into()),
        ..Default::default()
    }
    .parse(pronto_domain::values::Region::default(), Clock::now(&SystemClock))
    .ok()
}

struct Load {
    ok: u64,
    failed: u64,
    rate: f64,
    latencies: Vec<Duration>,
}

/// `clients` tasks calling `Store::create_lead` from `start` for `seconds`: as fast as they can,
/// or with `rate` on a fixed schedule (open loop: latency counts from the scheduled time).
async fn intake(store: Arc<dyn Store>, clients: usize, start: Instant, seconds: f64, rate: Option<f64>, counter: Arc<AtomicU64>) -> Load {
    let deadline = Duration::from_secs_f64(seconds);
    let tasks: Vec<_> = (0..clients)
        .map(|c| {
            let (store, counter) = (store.clone(), counter.clone());
            tokio::spawn(async move {
                let interval = rate.map(|r| Duration::from_secs_f64(clients as f64 / r));
                let (mut ok, mut failed, mut lat, mut k) = (0u64, 0u64, Vec::new(), 0u32);
                if start > Instant::now() {
                    tokio::time::sleep_until(start.into()).await;
                }
                loop {
                    let scheduled = match interval {
                        Some(iv) => start + iv.mul_f64(f64::from(k) + c as f64 / clients as f64),
                        None => Instant::now(),
                    };
                    if scheduled.duration_since(start) >= deadline {
                        break;
                    }
                    if scheduled > Instant::now() {
                        tokio::time::sleep_until(scheduled.into()).await;
                    }
                    k += 1;
                    let Some(lead) = new_lead(counter.fetch_add(1, Ordering::Relaxed)) else {
                        failed += 1;
                        continue;
                    };
                    match store.create_lead(lead, None, None).await {
                        Ok(_) => {
                            ok += 1;
                            lat.push(scheduled.elapsed());
                        }
                        Err(_) => failed += 1,
                    }
                }
                (ok, failed, lat)
            })
        })
        .collect();
    let mut out = Load { ok: 0, failed: 0, rate: 0.0, latencies: Vec::new() };
    for t in tasks {
        if let Ok((ok, failed, lat)) = t.await {
            out.ok += ok;
            out.failed += failed;
            out.latencies.extend(lat);
        }
    }
    out.rate = out.ok as f64 / start.elapsed().as_secs_f64().max(1e-9);
    out.latencies.sort();
    out
}

fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "MISS" }
}

/// What seeding took, and where the timers are: the window's first and last id, and a time
/// every overdue timer is due before.
struct Seeded {
    leads_s: f64,
    timers_s: f64,
    finish_s: f64,
    window_ids: (i64, i64),
    /// Every overdue timer is due before this.
    cutoff_us: i64,
}

async fn seed_leads(url: &str, plan: Plan, clients: usize) -> Result<(), AnyError> {
    let clock = Arc::new(SystemClock);
    let store = pronto_store::open(url, clock, StoreOptions::default()).await?;
    let through_store = STORE_LEADS.min(plan.leads);
    let counter = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = (0..clients.clamp(1, 64))
        .map(|_| {
            let (store, counter) = (store.clone(), counter.clone());
            tokio::spawn(async move {
                loop {
                    let i = counter.fetch_add(1, Ordering::Relaxed);
                    if i >= through_store {
                        return Ok::<(), String>(());
                    }
                    let lead = new_lead(i).ok_or("an invalid bench lead")?;
                    store.create_lead(lead, None, None).await.map_err(|e| e.to_string())?;
                }
            })
        })
        .collect();
    for t in tasks {
        t.await??;
    }
    store.close().await;
    // The SQLite checkpointer thread notices the close within 100 ms.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut raw = Raw::connect(url).await?;
    let cols = match &raw {
        Raw::Sqlite(_) => raw.strings("SELECT name FROM pragma_table_info('leads') WHERE name <> 'id' ORDER BY cid").await?,
        Raw::Pg(_) => {
            raw.strings(
                "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'leads' AND column_name <> 'id' ORDER BY ordinal_position",
            )
            .await?
        }
    }
    .join(", ");
    loop {
        let n = raw.scalar("SELECT COUNT(*) FROM leads", &[]).await? as u64;
        if n >= plan.leads {
            break;
        }
        let k = n.min(plan.leads - n);
        raw.batch(format!("INSERT INTO leads ({cols}) SELECT {cols} FROM leads ORDER BY id LIMIT {k}")).await?;
    }
    finish(&mut raw).await?;
    raw.close().await;
    Ok(())
}

/// Makes the database copyable: SQLite's WAL written back; PostgreSQL's statistics current.
async fn finish(raw: &mut Raw) -> Result<(), AnyError> {
    match raw {
        Raw::Sqlite(c) => tokio::task::block_in_place(|| c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())))?,
        Raw::Pg(_) => raw.batch("VACUUM ANALYZE".into()).await?,
    }
    Ok(())
}

async fn seed_timers(url: &str, plan: Plan) -> Result<Seeded, AnyError> {
    let mut raw = Raw::connect(url).await?;
    if let Raw::Sqlite(c) = &raw {
        // Seeding is not measured: no fsync per statement, and the indexes built in memory.
        c.pragma_update(None, "synchronous", "NORMAL")?;
        c.pragma_update(None, "cache_size", "-524288")?;
    }
    let (first, last, n) = (
        raw.scalar("SELECT MIN(id) FROM leads", &[]).await?,
        raw.scalar("SELECT MAX(id) FROM leads", &[]).await?,
        raw.scalar("SELECT COUNT(*) FROM leads", &[]).await?,
    );
    if n as u64 != plan.leads || last - first + 1 != n {
        return Err(format!("expected {} leads with consecutive ids, found {n} in {first}..={last}", plan.leads).into());
    }
    let sqlite = matches!(raw, Raw::Sqlite(_));
    let series = |n: u64| match sqlite {
        true => {
            (format!("WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {}) ", n as i64 - 1), "FROM s".to_owned())
        }
        false => (String::new(), format!("FROM generate_series(0::bigint, {}) AS s(i)", n as i64 - 1)),
    };
    let now = now_us();
    let started = Instant::now();
    // Overdue and future interleaved: row i is overdue when it crosses a multiple of the
    // overdue share, so the overdue rows are spread over the whole table.
    let mixed = plan.overdue + plan.future;
    if mixed > 0 {
        let (with, from) = series(mixed);
        let (o, m, l) = (plan.overdue as i64, mixed as i64, plan.leads as i64);
        raw.batch(format!(
            "{with}INSERT INTO timers (lead_id, kind, due_at, payload, status, created_at)
             SELECT {first} + i % {l}, '{KIND}',
                    CASE WHEN ((i + 1) * {o}) / {m} > (i * {o}) / {m}
                         THEN {now} - {HOUR_US} + (i * 2654435761) % {HOUR_US}
                         ELSE {now} + {DAY_US} + (i * 2654435761) % (29 * {DAY_US}) END,
                    '{{}}', 'pending', {now} - 2 * {HOUR_US}
             {from}"
        ))
        .await?;
    }
    let parked = now + 400 * DAY_US;
    if plan.window > 0 {
        let (with, from) = series(plan.window);
        let l = plan.leads as i64;
        raw.batch(format!(
            "{with}INSERT INTO timers (lead_id, kind, due_at, payload, status, created_at)
             SELECT {first} + (i * 7) % {l}, '{KIND}', {parked} + i, '{{}}', 'pending', {now} {from}"
        ))
        .await?;
    }
    let timers_s = started.elapsed().as_secs_f64();
    let lo = raw.scalar("SELECT MIN(id) FROM timers WHERE status = 'pending' AND due_at >= $1", &[parked]).await?;
    let hi = raw.scalar("SELECT MAX(id) FROM timers WHERE status = 'pending' AND due_at >= $1", &[parked]).await?;
    if plan.window > 0 && (hi - lo + 1) as u64 != plan.window {
        return Err(format!("the window's {} timers are not consecutive ({lo}..={hi})", plan.window).into());
    }
    let pending = raw.scalar("SELECT COUNT(*) FROM timers WHERE status = 'pending' AND kind = 't:bench'", &[]).await?;
    if pending as u64 != plan.timers {
        return Err(format!("seeded {pending} timers, not {}", plan.timers).into());
    }
    let started = Instant::now();
    finish(&mut raw).await?;
    let finish_s = started.elapsed().as_secs_f64();
    raw.close().await;
    Ok(Seeded { leads_s: 0.0, timers_s, finish_s, window_ids: (lo, hi), cutoff_us: now })
}

/// Resident and peak resident memory of a process, in MB.
fn memory(pid: u32) -> Result<(f64, f64), AnyError> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let field = |name: &str| -> f64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map(|kb| kb / 1024.0)
            .unwrap_or(f64::NAN)
    };
    Ok((field("VmRSS:"), field("VmHWM:")))
}

struct ChildRun {
    listening: Duration,
    first_fire: Option<Duration>,
    drained: Option<Duration>,
    measured_at: Duration,
    rss: f64,
    peak: f64,
}

const ANY_FIRED: &str = "SELECT COUNT(*) FROM (SELECT 1 FROM timers WHERE status = 'fired' LIMIT 1) AS f";
/// An existence check, not a count: counting the overdue timers left reads up to all of them
/// (and their heap rows on PostgreSQL) on every poll, which slowed the drain it measured.
const OVERDUE_LEFT: &str = "SELECT COUNT(*) FROM (SELECT 1 FROM timers WHERE status = 'pending' AND due_at <= $1 LIMIT 1) AS o";

/// Polls every millisecond until a fired timer is visible; `None` after `limit`.
async fn first_fire(raw: &mut Raw, since: Instant, limit: Duration) -> Result<Option<Duration>, AnyError> {
    while since.elapsed() < limit {
        if raw.scalar(ANY_FIRED, &[]).await? > 0 {
            return Ok(Some(since.elapsed()));
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    Ok(None)
}

/// Polls every 10 ms until no timer due by `cutoff` is pending; `None` after `limit`.
async fn drained(raw: &mut Raw, cutoff: i64, since: Instant, limit: Duration) -> Result<Option<Duration>, AnyError> {
    while since.elapsed() < limit {
        if raw.scalar(OVERDUE_LEFT, &[cutoff]).await? == 0 {
            return Ok(Some(since.elapsed()));
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    Ok(None)
}

/// Runs `pronto serve` on `url`. With `cutoff`, times the first fire and the drain of the
/// overdue timers and measures memory two seconds later; without, measures at `at`.
async fn serve_child(url: &str, cutoff: Option<i64>, at: Duration) -> Result<ChildRun, AnyError> {
    let data_dir = tempfile::tempdir()?;
    let mut raw = Raw::connect(url).await?;
    let started = Instant::now();
    let testkit::server::ServeChild { mut child, pid, mut listening, errors } =
        testkit::server::spawn_serve(url, data_dir.path(), &[("PRONTO_ADMIN_PASSWORD", "bench-timers-password")])?;
    let result = async {
        let mut first = None;
        let mut drain = None;
        if let Some(cutoff) = cutoff {
            first = first_fire(&mut raw, started, Duration::from_secs(60)).await?;
            if first.is_some() {
                drain = drained(&mut raw, cutoff, started, Duration::from_secs(300)).await?;
            }
        }
        let listening = tokio::time::timeout(Duration::from_secs(60), &mut listening)
            .await
            .map_err(|_| "the serve process did not announce its address within 60 s")?
            .map_err(|_| "the serve process exited before it listened")?
            .1;
        let at = match drain {
            Some(d) => d + Duration::from_secs(2),
            None => at.max(listening + Duration::from_secs(2)),
        };
        if at > started.elapsed() {
            tokio::time::sleep_until((started + at).into()).await;
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("the serve process exited: {status}").into());
        }
        let measured_at = started.elapsed();
        let (rss, peak) = memory(pid)?;
        Ok::<_, AnyError>(ChildRun { listening, first_fire: first, drained: drain, measured_at, rss, peak })
    }
    .await;
    let _ = child.kill().await;
    raw.close().await;
    let errors = errors.await.unwrap_or_default();
    result.map_err(|e| format!("{e}\n{}", errors.trim()).into())
}

async fn bench(args: &TimersArgs, plan: Plan, engine: &str, scratch: &mut Scratch) -> Result<String, AnyError> {
    let mut out = String::new();
    let line = |out: &mut String, what: &str, text: String| {
        *out += &format!("{engine:<9} {what:<11} {text}\n");
    };

    // 1. Seed.
    let main_url = scratch.create("main").await?;
    let started = Instant::now();
    seed_leads(&main_url, plan, args.clients).await?;
    let leads_s = started.elapsed().as_secs_f64();
    let bare_url = scratch.copy("main", "bare").await?;
    let mut seeded = seed_timers(&main_url, plan).await?;
    seeded.leads_s = leads_s;
    let child_url = scratch.copy("main", "child").await?;
    let size = scratch.path("main").and_then(|p| std::fs::metadata(p).ok()).map(|m| m.len() as f64 / 1048576.0);
    line(
        &mut out,
        "seed",
        format!(
            "{} leads in {:.1} s ({} through the store, the rest copied with SQL); {} timers in {:.2} s ({:.0}/s), then {} {:.1} s{}; not a target",
            plan.leads,
            seeded.leads_s,
            STORE_LEADS.min(plan.leads),
            plan.timers,
            seeded.timers_s,
            plan.timers as f64 / seeded.timers_s,
            if engine == "sqlite" { "WAL checkpoint" } else { "VACUUM ANALYZE" },
            seeded.finish_s,
            size.map(|s| format!("; database {s:.0} MB")).unwrap_or_default(),
        ),
    );
    print!("{out}");
    out.clear();

    // 2. Memory, first fire and throughput in a `serve` process.
    let with = serve_child(&child_url, Some(seeded.cutoff_us), Duration::ZERO).await?;
    let without = serve_child(&bare_url, None, with.measured_at).await?;
    if let Some(p) = scratch.path("child") {
        let _ = std::fs::remove_file(&p);
    }
    let extra = with.rss - without.rss;
    line(
        &mut out,
        "memory",
        format!(
            "serve RSS {:.1} MB with the timers, {:.1} MB without, {:.1} s after start: extra {extra:+.1} MB (peak RSS {:.1} and {:.1} MB)   target <= {TARGET_EXTRA_MB:.0} MB  {}",
            with.rss,
            without.rss,
            with.measured_at.as_secs_f64(),
            with.peak,
            without.peak,
            verdict(extra <= TARGET_EXTRA_MB)
        ),
    );
    let fire = with.first_fire.map(|d| d.as_secs_f64());
    line(
        &mut out,
        "first fire",
        format!(
            "{} after the serve process was spawned (it announced its address after {:.3} s)   target <= {TARGET_FIRST_FIRE_S} s  {}",
            fire.map(|f| format!("{f:.3} s")).unwrap_or("none within 60 s".into()),
            with.listening.as_secs_f64(),
            verdict(fire.is_some_and(|f| f <= TARGET_FIRST_FIRE_S))
        ),
    );
    let throughput = |first: Option<Duration>, drained: Option<Duration>| match (first, drained) {
        (Some(f), Some(d)) => {
            let s = (d - f).as_secs_f64().max(1e-6);
            (
                format!("{} overdue timers fired in {s:.2} s after the first: {:.0} timers/s", plan.overdue, plan.overdue as f64 / s),
                plan.overdue as f64 / s,
            )
        }
        _ => ("the overdue timers did not drain within the limit".to_owned(), 0.0),
    };
    let (text, rate) = throughput(with.first_fire, with.drained);
    line(&mut out, "throughput", format!("{text} (serve process)   target >= {TARGET_RATE:.0}/s  {}", verdict(rate >= TARGET_RATE)));
    print!("{out}");
    out.clear();

    // 3. In process: first fire, drain, maximum intake, then lateness under half that intake.
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let mut raw = Raw::connect(&main_url).await?;
    let t0 = Instant::now();
    let store = pronto_store::open(&main_url, clock.clone(), StoreOptions::default()).await?;
    let opened = t0.elapsed();
    let worker = tokio::spawn(Timers::new(store.clone(), clock.clone()).run());
    let first = first_fire(&mut raw, t0, Duration::from_secs(60)).await?;
    let drain = match first {
        Some(_) => drained(&mut raw, seeded.cutoff_us, t0, Duration::from_secs(300)).await?,
        None => None,
    };
    let fire = first.map(|d| d.as_secs_f64());
    line(
        &mut out,
        "first fire",
        format!(
            "{} after start in process (pronto_store::open took {:.3} s)   target <= {TARGET_FIRST_FIRE_S} s  {}",
            fire.map(|f| format!("{f:.3} s")).unwrap_or("none within 60 s".into()),
            opened.as_secs_f64(),
            verdict(fire.is_some_and(|f| f <= TARGET_FIRST_FIRE_S))
        ),
    );
    let (text, rate) = throughput(first, drain);
    line(&mut out, "throughput", format!("{text} (in process)   target >= {TARGET_RATE:.0}/s  {}", verdict(rate >= TARGET_RATE)));
    print!("{out}");
    out.clear();

    let counter = Arc::new(AtomicU64::new(1_000_000_000));
    let max = intake(store.clone(), args.clients, Instant::now(), 3.0, None, counter.clone()).await;

    // The window: rescheduled now, falling due from 3 s on at the window's rate.
    let (lo, hi) = seeded.window_ids;
    let lead_in = 3_000_000;
    let start_us = now_us() + lead_in;
    let moved = if plan.window > 0 {
        raw.exec(
            "UPDATE timers SET due_at = $1 + ((id - $2) * 1000000) / $3 WHERE id BETWEEN $2 AND $4 AND status = 'pending'",
            &[start_us, lo, plan.window_rate.round() as i64, hi],
        )
        .await?
    } else {
        0
    };
    let start = Instant::now() + Duration::from_micros((start_us - now_us()).max(0) as u64);
    let before = raw.scalar("SELECT MAX(id) FROM events", &[]).await?;
    let stop = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(AtomicU64::new(0));
    let watcher = {
        let (url, stop, seen) = (main_url.clone(), stop.clone(), seen.clone());
        tokio::spawn(async move {
            let mut raw = Raw::connect(&url).await?;
            let mut last = before;
            let mut observed: Vec<(i64, i64)> = Vec::new();
            loop {
                let done = stop.load(Ordering::Relaxed);
                let rows = raw.fired_since(last).await?;
                let at = now_us();
                for (id, _, data) in rows {
                    last = last.max(id);
                    if let Some(due) = window_due(&data, start_us) {
                        observed.push((due, at));
                        seen.fetch_add(1, Ordering::Relaxed);
                    }
                }
                if done {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            raw.close().await;
            Ok::<_, AnyError>(observed)
        })
    };
    let half_rate = max.rate / 2.0;
    let load_seconds = plan.window_seconds() + 2.0;
    let half = intake(store.clone(), args.clients, start, load_seconds, Some(half_rate), counter.clone()).await;
    let deadline = start + Duration::from_secs_f64(plan.window_seconds() + 10.0);
    while seen.load(Ordering::Relaxed) < plan.window && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop.store(true, Ordering::Relaxed);
    let observed = watcher.await.map_err(|e| format!("the watcher failed: {e}"))??;
    let recorded: Vec<(i64, i64)> =
        raw.fired_since(before).await?.into_iter().filter_map(|(_, at, data)| window_due(&data, start_us).map(|due| (due, at))).collect();
    worker.abort();
    store.close().await;
    raw.close().await;

    line(
        &mut out,
        "intake",
        format!(
            "maximum {:.0} leads/s through the Store ({} tasks, 3 s); during the window {:.0} offered, {:.0} achieved, p50 {:.1} ms, p99 {:.1} ms ({} failed)",
            max.rate,
            args.clients,
            half_rate,
            half.rate,
            crate::intake::percentile(&half.latencies, 0.5),
            crate::intake::percentile(&half.latencies, 0.99),
            half.failed + max.failed
        ),
    );
    let ms = |v: &[(i64, i64)]| {
        let mut l: Vec<f64> = v.iter().map(|(due, at)| (at - due) as f64 / 1000.0).collect();
        l.sort_by(f64::total_cmp);
        l
    };
    let (committed, rec) = (ms(&observed), ms(&recorded));
    let all = observed.len() as u64 == plan.window && moved == plan.window;
    let p99 = crate::intake::pct(&committed, 0.99);
    line(
        &mut out,
        "lateness",
        format!(
            "{}/{} window timers fired ({} rescheduled); committed (seen by a watcher polling every 2 ms): p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms   target p99 <= {TARGET_P99_MS:.0} ms  {}",
            observed.len(),
            plan.window,
            moved,
            crate::intake::pct(&committed, 0.5),
            p99,
            committed.last().copied().unwrap_or(f64::NAN),
            verdict(all && p99 <= TARGET_P99_MS)
        ),
    );
    line(
        &mut out,
        "lateness",
        format!(
            "recorded (event at - data.due_at): p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; earliest {:.1} ms",
            crate::intake::pct(&rec, 0.5),
            crate::intake::pct(&rec, 0.99),
            rec.last().copied().unwrap_or(f64::NAN),
            rec.first().copied().unwrap_or(f64::NAN)
        ),
    );
    Ok(out.trim_end().to_owned())
}

/// The due time (µs) of a `timer.fired` event's timer when it is one of the window's.
fn window_due(data: &str, start_us: i64) -> Option<i64> {
    let v: serde_json::Value = serde_json::from_str(data).ok()?;
    if v["timer"].as_str() != Some(KIND) {
        return None;
    }
    let due = v["due_at"].as_str()?.parse::<jiff::Timestamp>().ok()?.as_microsecond();
    (due >= start_us).then_some(due)
}
