//! `pronto-bench intake --nodes 1,2,3` (issue 22): the web-form intake through 1, 2, 3 … real
//! `pronto serve` processes on one PostgreSQL database, measured in one run. For each count: a
//! fresh scratch database, that many nodes, the same clients spread over them (client `c` on
//! node `c % n`, keep-alive); leads/s and latency at full load, the ratio to one node's rate
//! from the same run, then the same clients paced at 25 % of the first count's full-load rate
//! (every count does the same work: its latency and CPU per lead say what coordination costs
//! where it does not compete for the cores), and in each phase the CPU each node and
//! PostgreSQL (every `postgres` process of the machine) spent per lead — from which
//! `docs/performance.md` projects the throughput of N machines. On a 2-core machine the
//! nodes, PostgreSQL and the load generator share the cores: more nodes cannot add CPU here,
//! so "two nodes do not lose to one" is the figure, not a speed-up.

use crate::AnyError;
use crate::alerts::cpu_seconds;
use crate::intake::{load_spread, percentile};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// CPU seconds of every `postgres` process on this machine (the server and its backends).
fn postgres_cpu() -> f64 {
    let Ok(dir) = std::fs::read_dir("/proc") else { return f64::NAN };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()))
        .filter(|pid| std::fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.trim() == "postgres"))
        .map(cpu_seconds)
        .filter(|s| s.is_finite())
        .sum()
}

struct Node {
    child: tokio::process::Child,
    pid: u32,
    addr: String,
    _dir: tempfile::TempDir,
}

async fn start(url: &str) -> Result<Node, AnyError> {
    let dir = tempfile::tempdir()?;
    let env = [("PRONTO_FORM_RATE_LIMIT", "0"), ("PRONTO_ADMIN_PASSWORD", "bench-nodes-password")];
    let testkit::server::ServeChild { mut child, pid, listening, errors } = testkit::server::spawn_serve(url, dir.path(), &env)?;
    match tokio::time::timeout(Duration::from_secs(60), listening).await {
        Ok(Ok((addr, _))) => Ok(Node { child, pid, addr, _dir: dir }),
        _ => {
            let _ = child.kill().await;
            Err(format!("a node did not start:\n{}", errors.await.unwrap_or_default().trim()).into())
        }
    }
}

pub async fn intake(counts: &[usize], clients: usize, seconds: f64, postgres_url: &str) -> Result<(), AnyError> {
    println!(
        "pronto bench intake --nodes {}: {clients} clients, {seconds} s per count, PostgreSQL, {} cores",
        counts.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(","),
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    let mut one: Option<f64> = None;
    // The paced phase's rate: 25 % of what the first count carried at full load, the same for
    // every count, so each count does the same work and the CPU it spends on it is compared.
    let mut pace: Option<f64> = None;
    for &n in counts {
        let n = n.max(1);
        let line = testkit::db::with_scratch_postgres(postgres_url, "pronto_bench_nodes", |url| async move {
            let mut nodes = Vec::new();
            for _ in 0..n {
                // One after the other: the first migrates, the others find it done.
                nodes.push(start(&url).await?);
            }
            let addrs: Vec<String> = nodes.iter().map(|n| n.addr.clone()).collect();
            let counter = Arc::new(AtomicU64::new(0));
            load_spread(&addrs, clients, 1.0, None, counter.clone(), false).await; // warm up
            let full = measure(&nodes, || load_spread(&addrs, clients, seconds, None, counter.clone(), false)).await;
            let rate = pace.unwrap_or(full.0.rate * 0.25);
            let paced = measure(&nodes, || load_spread(&addrs, clients, seconds, Some(rate), counter.clone(), false)).await;
            for node in &mut nodes {
                let _ = node.child.kill().await;
            }
            // Every acknowledged lead is stored once.
            let mut c = <sqlx::PgConnection as sqlx::Connection>::connect(&url).await?;
            let leads: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM leads").fetch_one(&mut c).await?;
            let received: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM events WHERE kind = 'lead.received'").fetch_one(&mut c).await?;
            let acked = counter.load(Ordering::Relaxed) as i64;
            Ok::<_, AnyError>((full, paced, rate, leads, received, acked))
        })
        .await?;
        let (full, paced, rate, leads, received, acked) = line;
        pace.get_or_insert(rate);
        let base = *one.get_or_insert(full.0.rate);
        println!(
            "nodes {n}  full load {:>6.0} leads/s = {:.2}x one node; {}",
            full.0.rate,
            full.0.rate / base,
            describe(&full)
        );
        println!("         paced at {rate:.0}/s: {:>6.0} leads/s; {}", paced.0.rate, describe(&paced));
        println!(
            "         {leads} leads, {received} received events, {acked} acknowledged: {}",
            if leads == received && leads <= acked { "consistent" } else { "INCONSISTENT" }
        );
    }
    Ok(())
}

/// A phase's load, and the CPU milliseconds per acknowledged lead of each node and of PostgreSQL.
type Measured = (crate::intake::Load, Vec<f64>, f64);

async fn measure<F: std::future::Future<Output = crate::intake::Load>>(nodes: &[Node], phase: impl FnOnce() -> F) -> Measured {
    let (cpu0, pg0): (Vec<f64>, f64) = (nodes.iter().map(|n| cpu_seconds(n.pid)).collect(), postgres_cpu());
    let l = phase().await;
    let (cpu1, pg1): (Vec<f64>, f64) = (nodes.iter().map(|n| cpu_seconds(n.pid)).collect(), postgres_cpu());
    let per_lead = |s: f64| s / l.ok.max(1) as f64 * 1000.0;
    let node_ms = cpu0.iter().zip(&cpu1).map(|(a, b)| per_lead(b - a)).collect();
    let pg_ms = per_lead(pg1 - pg0);
    (l, node_ms, pg_ms)
}

fn describe((l, node_ms, pg_ms): &Measured) -> String {
    format!(
        "p50 {:.1} ms, p99 {:.1} ms ({} failed); CPU per lead: nodes {} ms (sum {:.2}), PostgreSQL {:.2} ms, all {:.2} ms",
        percentile(&l.latencies, 0.5),
        percentile(&l.latencies, 0.99),
        l.failed,
        node_ms.iter().map(|m| format!("{m:.2}")).collect::<Vec<_>>().join(" + "),
        node_ms.iter().sum::<f64>(),
        pg_ms,
        node_ms.iter().sum::<f64>() + pg_ms,
    )
}
