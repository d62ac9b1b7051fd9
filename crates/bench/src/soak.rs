//! `pronto-bench soak` (issue 22): `--nodes` `pronto serve` processes on one scratch PostgreSQL
//! database behind a round-robin client, web forms at `--rate` per second for as long as it
//! takes to SIGKILL a random node `--kills` times (one every `--every` seconds, restarted at
//! once on a new port), every lead's consultant alerted by SMS at a local Twilio-compatible
//! gateway. At the end, after the survivors had `--drain` seconds to deliver what was due:
//!
//! * every acknowledged lead (a 201 with its id) is in the database with its `lead.received`;
//! * no timer fired twice (`timer.fired` events per timer id);
//! * no alert reached the gateway with two idempotency keys (a repeat after a kill carries
//!   the first attempt's key), and every acknowledged lead's SMS arrived.
//!
//! It prints the figures and fails (exit code 1) when one of them is not 0.

use crate::AnyError;
use crate::alerts::{CONSULTANT_PHONE, TAG, gateway, http, spawn_serve};
use clap::Args;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Args)]
pub struct SoakArgs {
    /// Nodes running at once.
    #[arg(long, default_value_t = 3)]
    nodes: usize,
    /// SIGKILLs of a random node (each restarted at once).
    #[arg(long, default_value_t = 100)]
    kills: usize,
    /// Seconds between two kills.
    #[arg(long, default_value_t = 2.0)]
    every: f64,
    /// Web forms per second, spread over the nodes alive.
    #[arg(long, default_value_t = 20.0)]
    rate: f64,
    /// Seconds the survivors get at the end to deliver what is due.
    #[arg(long, default_value_t = 20.0)]
    drain: f64,
    /// A PostgreSQL server where the bench may create and drop a scratch database.
    #[arg(long, env = "PRONTO_BENCH_POSTGRES_URL", default_value = "postgres://postgres@127.0.0.1:5432/test")]
    postgres_url: String,
}

/// A small deterministic generator (no dependency for "which node next").
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

pub async fn run(args: SoakArgs) -> Result<(), AnyError> {
    if args.nodes < 2 || !(args.rate > 0.0 && args.every > 0.0) {
        return Err("--nodes must be at least 2, --rate and --every positive".into());
    }
    println!(
        "pronto bench soak: {} nodes on one PostgreSQL, {} SIGKILLs one every {} s, {} forms/s",
        args.nodes, args.kills, args.every, args.rate
    );
    let args = &args;
    let failures = testkit::db::with_scratch_postgres(&args.postgres_url, "pronto_bench_soak", |url| async move { soak(args, &url).await })
        .await?;
    if failures > 0 {
        return Err(format!("{failures} of the soak's checks failed").into());
    }
    Ok(())
}

async fn soak(args: &SoakArgs, url: &str) -> Result<usize, AnyError> {
    let (g, gateway_url) = gateway().await?;
    let root = tempfile::tempdir()?;
    let mut started = 0usize;
    let spawn = |started: &mut usize| {
        *started += 1;
        let dir = root.path().join(format!("node{started}"));
        let gateway_url = gateway_url.clone();
        async move {
            std::fs::create_dir_all(&dir)?;
            spawn_serve(url, &dir, &gateway_url, &[]).await
        }
    };
    let mut nodes = Vec::new();
    for _ in 0..args.nodes {
        nodes.push(spawn(&mut started).await?);
    }
    let user = serde_json::json!({
        "name": "Soak Consultant", "login": "soak", "role": "consultant",
        "phone": CONSULTANT_PHONE, "password": "quiet otter juggles seven lemons",
    });
    let (status, body) = http(&nodes[0].addr).post_json("/api/v1/users", &user.to_string(), true).await?;
    if status != 201 {
        return Err(format!("creating the consultant: {status} {body}").into());
    }

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut acked: Vec<(u64, i64)> = Vec::new();
    let (mut refused, mut key) = (0u64, 0u64);
    let interval = Duration::from_secs_f64(1.0 / args.rate);
    let began = Instant::now();
    for kill in 1..=args.kills {
        let until = Instant::now() + Duration::from_secs_f64(args.every);
        while Instant::now() < until {
            key += 1;
            let node = &nodes[(key as usize) % nodes.len()];
            let form = serde_json::json!({
                "name": format!("{TAG}{key}"),
                "phone": format!("+420 7{:08}", 72_000_000 + key % 9_000_000),
                "message": "Dobrý den, zavolejte mi prosím.",
            });
            match http(&node.addr).post_json("/forms/default", &form.to_string(), false).await {
                Ok((201, body)) => match serde_json::from_str::<serde_json::Value>(&body).ok().and_then(|v| v["id"].as_i64()) {
                    Some(id) => acked.push((key, id)),
                    None => refused += 1,
                },
                _ => refused += 1,
            }
            tokio::time::sleep(interval).await;
        }
        let victim = rng.below(nodes.len());
        let mut dead = nodes.swap_remove(victim);
        let _ = dead.child.kill().await;
        let _ = dead.child.wait().await;
        nodes.push(spawn(&mut started).await?);
        if kill % 10 == 0 {
            println!("  {kill} kills, {} leads acknowledged, {:.0} s", acked.len(), began.elapsed().as_secs_f64());
        }
    }
    tokio::time::sleep(Duration::from_secs_f64(args.drain)).await;

    let mut c = <sqlx::PgConnection as sqlx::Connection>::connect(url).await?;
    let stored: Vec<i64> = sqlx::query_scalar("SELECT id FROM leads").fetch_all(&mut c).await?;
    let stored: std::collections::HashSet<i64> = stored.into_iter().collect();
    let received: Vec<i64> =
        sqlx::query_scalar("SELECT lead_id FROM events WHERE kind = 'lead.received' AND lead_id IS NOT NULL").fetch_all(&mut c).await?;
    let received: std::collections::HashSet<i64> = received.into_iter().collect();
    let lost = acked.iter().filter(|(_, id)| !stored.contains(id) || !received.contains(id)).count();
    let fired: Vec<(Option<String>, i64)> = sqlx::query_as(
        "SELECT (data::json)->>'timer_id', COUNT(*) FROM events WHERE kind = 'timer.fired' GROUP BY (data::json)->>'timer_id'",
    )
    .fetch_all(&mut c)
    .await?;
    let timers_fired = fired.iter().map(|(_, n)| *n).sum::<i64>();
    let twice = fired.iter().filter(|(_, n)| *n > 1).count();
    let (alerted, two_keys) = g.keys_with_two_tokens();
    let missing = acked.iter().filter(|(k, _)| g.arrival(*k).is_none()).count();
    for node in &mut nodes {
        let _ = node.child.kill().await;
    }
    println!(
        "soak: {} kills in {:.0} s; {} leads acknowledged ({refused} forms not acknowledged), {lost} lost; {timers_fired} timers fired, {twice} twice; \
         {alerted} alerts at the gateway ({} requests, {} repeats), {two_keys} with two idempotency keys, {missing} acknowledged leads without their SMS",
        args.kills,
        began.elapsed().as_secs_f64(),
        acked.len(),
        g.requests(),
        g.duplicates(),
    );
    Ok([lost, twice, two_keys, missing].iter().filter(|n| **n > 0).count())
}
