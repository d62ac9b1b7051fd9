//! `pronto-bench mail`: the time from a message's IMAP APPEND into the mailbox to the
//! consultant's SMS request arriving at a local Twilio-compatible gateway, with the reader on
//! IDLE.
//!
//! - **The mailbox**: Debian's dovecot, started by the bench from a private configuration on
//!   a free loopback port (the same launcher the tests use, `dovecot.rs`); messages are
//!   delivered by IMAP APPEND, the way a delivery agent puts mail into a box.
//! - **The server**: `pronto serve` (the `pronto` binary beside this one) on a fresh SQLite database with
//!   `PRONTO_IMAP_URL` pointing at the mailbox and SMS going to the gateway in this process
//!   (the one `pronto-bench alerts` uses). One consultant with a phone receives every lead.
//! - **Latency** = gateway arrival of the SMS that names the sender − the moment the APPEND was
//!   sent, on this process's monotonic clock. It includes the server's IDLE wake-up, the UID
//!   FETCH, parsing, the lead's transaction, the outbox worker's claim and the HTTP request.
//!   Messages are appended one every 1/rate s (open loop); a few warm-up messages first.

use crate::AnyError;
use crate::alerts::{CONSULTANT_PHONE, Gateway, TAG, fmt_ms, gateway, http, ms, sorted, spawn_serve};
use clap::Args;
use std::sync::Arc;
use std::time::{Duration, Instant};
use testkit::dovecot::Dovecot;

#[derive(Debug, Clone, Args)]
pub struct MailArgs {
    /// Messages measured.
    #[arg(long, default_value_t = 200)]
    messages: u64,
    /// Messages appended per second.
    #[arg(long, default_value_t = 10.0)]
    rate: f64,
    /// Seconds to wait after the last message for SMS still on their way.
    #[arg(long, default_value_t = 15.0)]
    drain: f64,
}

const WARM_UP: u64 = 3;
const TARGET_P99_MS: f64 = 2000.0;

fn message(key: u64) -> Vec<u8> {
    format!(
        "Message-ID: <bench.{key}@mail.example.cz>\r\nDate: Tue, 4 Mar 2025 09:30:00 +0100\r\nFrom: {TAG}{key} <mailbench{key}@example.cz>\r\n\
         To: poptavky@firma.cz\r\nSubject: =?UTF-8?Q?Popt=C3=A1vka_{key}?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\r\nDobrý den,\r\nposílám poptávku číslo {key}. Ozvěte se prosím.\r\n\r\n-- \r\nZákazník {key}\r\n"
    )
    .into_bytes()
}

/// The baseline in the same run: how long dovecot itself takes to tell an IDLE client about an
/// APPEND (a bare async-imap session, no Pronto): p50 and max over `n`, ms.
async fn idle_baseline(dovecot: &Dovecot, n: usize) -> Result<(f64, f64), AnyError> {
    let mut s = dovecot.session().await?;
    s.create("Baseline").await?;
    s.select("Baseline").await?;
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        let mut idle = s.idle();
        idle.init().await?;
        let (wait, stop) = idle.wait_with_timeout(Duration::from_secs(10));
        let t0 = Instant::now();
        let raw = format!("Subject: baseline {i}\r\n\r\nx\r\n");
        let (append, woke) = tokio::join!(dovecot.append("Baseline", raw.as_bytes()), wait);
        append?;
        woke?;
        times.push(ms(t0.elapsed()));
        drop(stop);
        s = idle.done().await?;
    }
    let _ = s.logout().await;
    let times = sorted(times);
    Ok((crate::intake::pct(&times, 0.5), times.last().copied().unwrap_or(f64::NAN)))
}

pub async fn run(args: MailArgs) -> Result<(), AnyError> {
    if args.messages == 0 || !(args.rate.is_finite() && args.rate > 0.0) || !(args.drain.is_finite() && args.drain >= 0.0) {
        return Err("--messages, --rate and --drain must be positive".into());
    }
    println!(
        "pronto bench mail: IMAP APPEND -> SMS at a local gateway, {} messages at {}/s, reader on IDLE; {} cores, load average {} at start",
        args.messages,
        args.rate,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|l| l.split_whitespace().next().map(str::to_owned))
            .unwrap_or_else(|| "?".into()),
    );
    let dovecot = tokio::task::spawn_blocking(Dovecot::start).await?.map_err(|e| format!("dovecot: {e}"))?;
    let (b50, bmax) = idle_baseline(&dovecot, 10).await?;
    println!(
        "baseline  idle      dovecot alone: APPEND -> `* EXISTS` at a bare IDLE client p50 {}, max {} (10 messages; the floor of any IDLE reader)",
        fmt_ms(b50),
        fmt_ms(bmax)
    );
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("pronto.db").display());
    let (g, gateway_url) = gateway().await?;
    let imap = dovecot.url();
    let mut server = spawn_serve(&url, dir.path(), &gateway_url, &[("PRONTO_IMAP_URL", imap.as_str())]).await?;
    let result = measure(&args, &dovecot, &g, &server.addr).await;
    let _ = server.child.kill().await;
    let errors = (&mut server.errors).await.unwrap_or_default();
    result.map_err(|e| format!("{e}\n{}", errors.trim()).into())
}

async fn measure(args: &MailArgs, dovecot: &Dovecot, g: &Arc<Gateway>, addr: &str) -> Result<(), AnyError> {
    let mut admin = http(addr);
    let user = serde_json::json!({
        "name": "Bench Consultant", "login": "bench", "role": "consultant",
        "phone": CONSULTANT_PHONE, "password": "quiet otter juggles seven lemons",
    });
    let (status, body) = admin.post_json("/api/v1/users", &user.to_string(), true).await?;
    if status != 201 {
        return Err(format!("creating the consultant: {status} {body}").into());
    }
    // The reader is on IDLE before the first message.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, body) = admin.get("/api/v1/mailboxes", true).await?;
        if body.contains("\"state\":\"idle\"") {
            break;
        }
        if Instant::now() > deadline {
            return Err(format!("the mailbox reader did not reach IDLE: {body}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut key = 1u64;
    for _ in 0..WARM_UP {
        let sent = Instant::now();
        dovecot.append("INBOX", &message(key)).await?;
        wait_for(g, &[(key, sent)], Duration::from_secs(10)).await;
        key += 1;
    }
    let warm: Vec<String> = (1..key).map(|k| g.arrival(k).map(|_| "arrived".to_owned()).unwrap_or_else(|| "missing".into())).collect();
    println!("sqlite    warm-up   {WARM_UP} messages one at a time: {} (not counted)", warm.join(", "));

    let interval = Duration::from_secs_f64(1.0 / args.rate);
    let start = Instant::now() + Duration::from_millis(50);
    let mut sent: Vec<(u64, Instant)> = Vec::with_capacity(args.messages as usize);
    let mut append_ms = Vec::new();
    for i in 0..args.messages {
        let at = start + interval.mul_f64(i as f64);
        if at > Instant::now() {
            tokio::time::sleep_until(at.into()).await;
        }
        let k = key + i;
        let t0 = Instant::now();
        dovecot.append("INBOX", &message(k)).await?;
        append_ms.push(ms(t0.elapsed()));
        sent.push((k, t0));
    }
    wait_for(g, &sent, Duration::from_secs_f64(args.drain)).await;
    let arrived = sent.iter().filter(|(k, _)| g.arrival(*k).is_some()).count();
    let latency =
        sorted(sent.iter().map(|(k, t0)| g.arrival(*k).map(|a| ms(a.saturating_duration_since(*t0))).unwrap_or(f64::INFINITY)).collect());
    let append_ms = sorted(append_ms);
    let p99 = crate::intake::pct(&latency, 0.99);
    let pass = arrived == sent.len() && p99 <= TARGET_P99_MS;
    println!(
        "sqlite    mail      {} messages appended, {arrived} SMS arrived; APPEND -> SMS p50 {}, p99 {}, max {}   target p99 <= 2 s  {}",
        sent.len(),
        fmt_ms(crate::intake::pct(&latency, 0.5)),
        fmt_ms(p99),
        fmt_ms(latency.last().copied().unwrap_or(f64::NAN)),
        if pass { "PASS" } else { "MISS" },
    );
    println!(
        "sqlite    mail      APPEND itself (the bench's IMAP client to dovecot) p50 {}, p99 {}",
        fmt_ms(crate::intake::pct(&append_ms, 0.5)),
        fmt_ms(crate::intake::pct(&append_ms, 0.99)),
    );
    let (_, body) = admin.get("/api/v1/mailboxes", true).await?;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    let m = &v["items"][0];
    println!(
        "sqlite    mailbox   state {}, leads {}, replies {}, ignored {}; gateway: {} requests, {} duplicates",
        m["state"],
        m["leads"],
        m["replies"],
        m["ignored"],
        g.requests(),
        g.duplicates(),
    );
    Ok(())
}

async fn wait_for(g: &Gateway, sent: &[(u64, Instant)], drain: Duration) {
    let until = Instant::now() + drain;
    while Instant::now() < until && !sent.iter().all(|(k, _)| g.arrival(*k).is_some()) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}
