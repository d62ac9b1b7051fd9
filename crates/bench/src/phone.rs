//! `pronto-bench phone`: the time from the exchange's `missed` event to the consultant's SMS
//! request at a local Twilio-compatible gateway.
//!
//! `pronto serve` (the `pronto` binary beside this one) runs on a fresh SQLite database with `PRONTO_TELEPHONY_SECRET`
//! set and SMS going to the gateway of `pronto-bench alerts` in this process; one consultant
//! with a phone. Each call is one signed Standard Webhooks POST to `/hooks/telephony`
//! (`{"event": "missed", "call_id", "from"}`) from a number nobody has called from before, so it
//! becomes a new lead whose arrival rules send the urgent "call now" SMS. Calls are posted on a
//! fixed schedule (open loop) at `--rate` per second; latency = gateway arrival − the moment the
//! request's first byte was written, on this process's monotonic clock.

use crate::AnyError;
use crate::alerts::{CONSULTANT_PHONE, Gateway, Http, fmt_ms, gateway, http, ms, sorted, spawn_serve};
use clap::Args;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Args)]
pub struct PhoneArgs {
    /// Seconds of load.
    #[arg(long, default_value_t = 15.0)]
    seconds: f64,
    /// Missed calls per second.
    #[arg(long, default_value_t = 20.0)]
    rate: f64,
    /// Seconds to wait after the last call for SMS still on their way.
    #[arg(long, default_value_t = 10.0)]
    drain: f64,
}

const SECRET: &str = "whsec_cHJvbnRvLWJlbmNoLXBob25lLXNlY3JldA==";
const TARGET_P99_MS: f64 = 50.0;
/// Keys are the last 8 digits of the caller's number `+420 6XX XXX XXX` (see `key_of`).
const FIRST_KEY: u64 = 1_000_000;

fn signed_post(addr: &str, key: u64) -> (Vec<u8>, Vec<u8>) {
    let body = serde_json::json!({ "event": "missed", "call_id": format!("bench-{key}"), "from": format!("+4206{key:08}") }).to_string();
    let id = format!("msg_bench_{key}");
    // The exchange's clock: the real one, as the server under test uses.
    let ts = pronto_domain::clock::Clock::now(&pronto_domain::clock::SystemClock).as_second().to_string();
    let sig = pronto_alerts::signing::signature(SECRET, &id, &ts, &body);
    let head = format!(
        "POST /hooks/telephony HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         webhook-id: {id}\r\nwebhook-timestamp: {ts}\r\nwebhook-signature: {sig}\r\n\r\n",
        body.len()
    );
    (head.into_bytes(), body.into_bytes())
}

struct Sent {
    key: u64,
    sent: Instant,
    status: u16,
}

type Pool = Arc<Mutex<Vec<Http>>>;

async fn call(addr: String, pool: Pool, key: u64) -> Sent {
    let mut http = pool.lock().unwrap_or_else(|p| p.into_inner()).pop().unwrap_or_else(|| http(&addr));
    let (head, body) = signed_post(&addr, key);
    let connected = http.connect().await;
    let sent = Instant::now();
    let status = match connected {
        Ok(()) => http.exchange(&head, &body).await.map(|(s, _)| s).unwrap_or(0),
        Err(_) => 0,
    };
    pool.lock().unwrap_or_else(|p| p.into_inner()).push(http);
    Sent { key, sent, status }
}

pub async fn run(args: PhoneArgs) -> Result<(), AnyError> {
    if !(args.seconds > 0.0 && args.rate > 0.0 && args.drain >= 0.0) {
        return Err("--seconds and --rate must be positive, --drain not negative".into());
    }
    println!(
        "pronto bench phone: signed `missed` event -> SMS at a local gateway, {} s at {} calls/s; {} cores, load average {} at start",
        args.seconds,
        args.rate,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|l| l.split_whitespace().next().map(str::to_owned))
            .unwrap_or_else(|| "?".into()),
    );
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("pronto.db").display());
    let (g, gateway_url) = gateway().await?;
    // The agency's office hours do not matter: the "call now" SMS of a new lead is urgent.
    let mut server = spawn_serve(&url, dir.path(), &gateway_url, &[("PRONTO_TELEPHONY_SECRET", SECRET)]).await?;
    let result = measure(&args, &g, &server.addr).await;
    let _ = server.child.kill().await;
    let errors = (&mut server.errors).await.unwrap_or_default();
    result.map_err(|e| format!("{e}\n{}", errors.trim()).into())
}

async fn measure(args: &PhoneArgs, g: &Arc<Gateway>, addr: &str) -> Result<(), AnyError> {
    let mut admin = http(addr);
    let user = serde_json::json!({
        "name": "Bench Consultant", "login": "bench", "role": "consultant",
        "phone": CONSULTANT_PHONE, "password": "quiet otter juggles seven lemons",
    });
    let (status, body) = admin.post_json("/api/v1/users", &user.to_string(), true).await?;
    if status != 201 {
        return Err(format!("creating the consultant: {status} {body}").into());
    }
    let pool: Pool = Arc::default();
    // Warm-up: a few calls one by one, not counted.
    let mut key = FIRST_KEY;
    for _ in 0..5 {
        let s = call(addr.to_owned(), pool.clone(), key).await;
        if s.status != 200 {
            return Err(format!("the hook answered {} to a signed event", s.status).into());
        }
        wait_for(g, &[s], Duration::from_secs(10)).await;
        key += 1;
    }
    let n = (args.seconds * args.rate).round().max(1.0) as u64;
    let interval = Duration::from_secs_f64(1.0 / args.rate);
    let start = Instant::now() + Duration::from_millis(20);
    let mut tasks = Vec::with_capacity(n as usize);
    for i in 0..n {
        let at = start + interval.mul_f64(i as f64);
        if at > Instant::now() {
            tokio::time::sleep_until(at.into()).await;
        }
        tasks.push(tokio::spawn(call(addr.to_owned(), pool.clone(), key + i)));
    }
    let mut sent = Vec::with_capacity(tasks.len());
    for t in tasks {
        sent.push(t.await?);
    }
    wait_for(g, &sent, Duration::from_secs_f64(args.drain)).await;
    let acked = sent.iter().filter(|s| s.status == 200).count();
    let arrived = sent.iter().filter(|s| g.arrival(s.key).is_some()).count();
    let latency =
        sorted(sent.iter().map(|s| g.arrival(s.key).map(|a| ms(a.saturating_duration_since(s.sent))).unwrap_or(f64::INFINITY)).collect());
    let p99 = crate::intake::pct(&latency, 0.99);
    println!(
        "sqlite    {}/s     {} calls, {acked} accepted, {arrived} SMS arrived; missed event -> SMS p50 {}, p99 {}, max {}   target p99 <= 50 ms  {}",
        args.rate,
        sent.len(),
        fmt_ms(crate::intake::pct(&latency, 0.5)),
        fmt_ms(p99),
        fmt_ms(latency.last().copied().unwrap_or(f64::NAN)),
        if acked == sent.len() && arrived == sent.len() && p99 <= TARGET_P99_MS { "PASS" } else { "MISS" },
    );
    println!("sqlite    gateway   {} requests, {} duplicates", g.requests(), g.duplicates());
    Ok(())
}

async fn wait_for(g: &Gateway, sent: &[Sent], drain: Duration) {
    let until = Instant::now() + drain;
    while Instant::now() < until && !sent.iter().all(|s| g.arrival(s.key).is_some()) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}
