//! `pronto-bench reports`: every report's server time on a database filled by `pronto demo`
//! (default 1,000,000 leads over a year), beside a baseline from the same run — a plain
//! `SELECT channel, COUNT(*) FROM leads GROUP BY channel` over the leads table, the naive scan a
//! report without aggregates would at least cost. Target (issue 8): every report ≤ 250 ms on
//! SQLite, i.e. well under one naive scan.
//!
//! How: the database is a fresh SQLite file filled in this process by `pronto demo`'s history
//! (or `--database FILE`, one filled before, to measure again without the fill). The baseline is
//! timed in this process with rusqlite on the same file. The reports are timed over HTTP against
//! `pronto serve` (the `pronto` binary beside this one) on that file, signed in through the web UI's session cookie:
//! `--requests` (default 20) of each after 5 not counted, one after another on one keep-alive
//! connection, request written → whole answer read.

use crate::AnyError;
use crate::alerts::{http, ms, sorted, spawn_serve};
use crate::intake::pct;
use crate::ui::{ADMIN_PASSWORD, WARM_UP, line, load_average, sign_in, verdict};
use clap::Args;
use pronto::demo_data::thousands;
use pronto_domain::Clock;
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, Clone, Args)]
pub struct ReportsArgs {
    /// Leads `pronto demo` fills the database with.
    #[arg(long, default_value_t = 1_000_000)]
    leads: u64,
    /// Over this many days.
    #[arg(long, default_value_t = 365)]
    days: u32,
    /// Measured requests per report.
    #[arg(long, default_value_t = 20)]
    requests: usize,
    /// Measure on this SQLite file (filled by an earlier `--keep` run) instead of filling one.
    #[arg(long)]
    database: Option<std::path::PathBuf>,
    /// Keep the filled database (its path is printed).
    #[arg(long)]
    keep: bool,
}

const TARGET_MS: f64 = 250.0;

pub async fn run(args: ReportsArgs) -> Result<(), AnyError> {
    if args.requests == 0 {
        return Err("--requests must be positive".into());
    }
    println!(
        "pronto bench reports: {} requests per report; {} cores, load average {} at start",
        args.requests,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        load_average()
    );
    let dir = tempfile::tempdir()?;
    let path = match &args.database {
        Some(p) => p.clone(),
        None => {
            let path = dir.path().join("pronto.db");
            fill(&args, &format!("sqlite://{}", path.display())).await?;
            path
        }
    };
    let url = format!("sqlite://{}", path.display());
    if args.database.is_some() {
        // A database from an older Pronto: its report facts are brought up to date (rebuilt
        // when their shape changed) before the server starts, and the time it took shown.
        let t = Instant::now();
        let store = pronto_store::open(&url, Arc::new(pronto_domain::SystemClock), pronto_store::StoreOptions::default()).await?;
        store.close().await;
        line("facts", format!("report facts brought up to date in {:.1} s", t.elapsed().as_secs_f64()));
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    let (leads, events) = {
        let c = rusqlite::Connection::open(&path)?;
        let n = |sql: &str| -> Result<i64, rusqlite::Error> { c.query_row(sql, [], |r| r.get(0)) };
        (n("SELECT COUNT(*) FROM leads")?, n("SELECT COUNT(*) FROM events")?)
    };
    line("data", format!("{} leads, {} events in {}", thousands(leads as u64), thousands(events as u64), path.display()));
    let base = baseline(&path, args.requests)?;
    let base_p50 = pct(&base, 0.5);
    line("baseline", format!("SELECT channel, COUNT(*) FROM leads GROUP BY channel: p50 {base_p50:.1} ms, p95 {:.1} ms", pct(&base, 0.95)));

    let (_gateway, gateway_url) = crate::alerts::gateway().await?;
    let mut server =
        spawn_serve(&url, path.parent().unwrap_or(dir.path()), &gateway_url, &[("PRONTO_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await?;
    let result = measure(&args, &server.addr, base_p50).await;
    let _ = server.child.kill().await;
    let errors = (&mut server.errors).await.unwrap_or_default();
    result.map_err(|e| -> AnyError { format!("{e}\n{}", errors.trim()).into() })?;
    println!("load      load average {} at the end", load_average());
    if args.keep && args.database.is_none() {
        println!("kept      {}", path.display());
        std::mem::forget(dir);
    }
    Ok(())
}

async fn fill(args: &ReportsArgs, url: &str) -> Result<(), AnyError> {
    let end = pronto_domain::SystemClock.now();
    let clock = Arc::new(pronto_domain::clock::ManualClock::new(end - jiff::SignedDuration::from_hours(24 * args.days as i64)));
    let store =
        pronto_store::open(url, clock.clone(), pronto_store::StoreOptions { bulk_fill: true, ..pronto_store::StoreOptions::default() })
            .await?;
    let hash = pronto_web::auth::hash_password(ADMIN_PASSWORD.to_owned()).await.map_err(|e| e.to_string())?;
    store.ensure_admin(hash).await?;
    let demo = pronto::demo::DemoArgs { leads: args.leads, days: args.days, concurrency: 256 };
    let result = pronto::demo::fill(store.clone(), &clock, &demo, end).await;
    store.close().await;
    let f = result?;
    line(
        "fill",
        format!(
            "pronto demo: {} leads, {} actions in {:.0} s ({:.0} leads/s)",
            thousands(f.leads),
            thousands(f.actions),
            f.seconds,
            f.leads as f64 / f.seconds
        ),
    );
    // The SQLite checkpointer thread notices the close within 100 ms.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    Ok(())
}

/// The naive scan, timed `WARM_UP + n` times; the first `WARM_UP` not counted.
fn baseline(path: &std::path::Path, n: usize) -> Result<Vec<f64>, AnyError> {
    let c = rusqlite::Connection::open(path)?;
    let mut lat = Vec::with_capacity(n);
    for k in 0..WARM_UP + n {
        let t = Instant::now();
        let mut st = c.prepare_cached("SELECT channel, COUNT(*) FROM leads GROUP BY channel")?;
        let rows: Vec<(String, i64)> = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        std::hint::black_box(rows);
        if k >= WARM_UP {
            lat.push(ms(t.elapsed()));
        }
    }
    Ok(sorted(lat))
}

async fn measure(args: &ReportsArgs, addr: &str, base_p50: f64) -> Result<(), AnyError> {
    let sid = sign_in(addr).await?;
    line("serve", format!("pronto serve on {addr}; signed in as admin through POST /login"));
    let now = pronto_domain::SystemClock.now();
    let year = (now - jiff::SignedDuration::from_hours(24 * (args.days as i64 + 1))).to_string();
    let reports: Vec<(&str, String)> = vec![
        ("response time, 30 days, by channel", "/api/v1/reports/response-time".into()),
        ("response time, 30 days, by owner, business time", "/api/v1/reports/response-time?group_by=owner&time=business".into()),
        ("response time, whole period, by channel", format!("/api/v1/reports/response-time?from={year}")),
        ("response time, whole period, by hour of day", format!("/api/v1/reports/response-time?from={year}&group_by=hour")),
        ("response time, whole period, b2b/b2c", format!("/api/v1/reports/response-time?from={year}&group_by=segment")),
        ("funnel, whole period, by owner", format!("/api/v1/reports/funnel?from={year}&group_by=owner")),
        ("feedback, whole period, by owner", format!("/api/v1/reports/feedback?from={year}")),
        ("trend by week, whole period", format!("/api/v1/reports/trend?from={year}")),
        ("SLA compliance, 30 days, at risk now", "/api/v1/reports/sla".into()),
        ("drill-down: never answered, first 100", format!("/api/v1/reports/leads?from={year}&figure=never")),
        ("response time, whole period, as XLSX", format!("/api/v1/reports/response-time?from={year}&format=xlsx")),
        ("the report page (HTML, every chart)", "/reports".into()),
    ];
    let mut http = http(addr);
    let mut worst: f64 = 0.0;
    for (name, path) in reports {
        let path = path.replace('+', "%2B");
        let mut lat = Vec::with_capacity(args.requests);
        let mut status = 0;
        let mut bytes = 0;
        for k in 0..WARM_UP + args.requests {
            let head = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: application/json\r\nCookie: pronto_session={sid}\r\n\r\n");
            http.connect().await?;
            let t = Instant::now();
            let (s, body) = http.exchange(head.as_bytes(), b"").await?;
            let took = ms(t.elapsed());
            status = s;
            bytes = body.len();
            if s == 404 {
                break;
            }
            if s != 200 {
                return Err(
                    format!("GET {path} answered {s}: {}", String::from_utf8_lossy(&body).chars().take(300).collect::<String>()).into()
                );
            }
            if k >= WARM_UP {
                lat.push(took);
            }
        }
        if status == 404 {
            line("report", format!("{name:<50} not there (404)"));
            continue;
        }
        let lat = sorted(lat);
        let p95 = pct(&lat, 0.95);
        worst = worst.max(p95);
        line(
            "report",
            format!(
                "{name:<50} p50 {:.1} ms, p95 {p95:.1} ms ({} B) = {:.2}x baseline p50   target <= {TARGET_MS:.0} ms  {}",
                pct(&lat, 0.5),
                thousands(bytes as u64),
                p95 / base_p50,
                verdict(p95 <= TARGET_MS)
            ),
        );
    }
    line(
        "worst",
        format!("p95 {worst:.1} ms = {:.2}x the naive scan (target <= 250 ms, 0.3x)  {}", worst / base_p50, verdict(worst <= TARGET_MS)),
    );
    Ok(())
}
