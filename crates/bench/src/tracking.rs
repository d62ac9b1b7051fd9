//! `pronto-bench tracking`: the customer page's token look-up, timed per kind of token on one
//! store — unknown (never issued), revoked, expired (closed longer ago than the page lives) and
//! valid — so that anyone can see a miss costs the same whatever the reason, and what a valid
//! page costs beside it. Issue 9: "an unknown token answers 404 in the same time as a known one".
//!
//! How: a fresh database (SQLite, or a scratch PostgreSQL database) gets `--leads` leads through
//! the store's own commands on the manual clock; a quarter are revoked, a quarter closed; the
//! clock then moves past the page's lifetime, so the closed quarter has expired. The kinds are
//! measured in `--rounds` rounds, each kind's `--lookups` calls of `Store::tracking_page` in a
//! different order per round (the machine's noise falls on all of them alike); the ratio of
//! each miss to the unknown-token baseline of the same run is what to read.

use crate::AnyError;
use crate::intake::pct;
use clap::Args;
use jiff::SignedDuration;
use pronto_domain::lead::{ContactDraft, LeadDraft, LeadPatch, LeadStatus};
use pronto_domain::values::Region;
use pronto_domain::{Clock, ManualClock};
use pronto_store::{StoreError, StoreOptions};
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, Clone, Args)]
pub struct TrackingArgs {
    /// Leads in the database.
    #[arg(long, default_value_t = 20_000)]
    leads: usize,
    /// Look-ups per kind of token and round.
    #[arg(long, default_value_t = 2_000)]
    lookups: usize,
    /// Rounds (each kind once per round, in a rotating order).
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// `sqlite` or `postgres`.
    #[arg(long, default_value = "sqlite")]
    engine: String,
    /// A PostgreSQL server where the bench may create and drop a scratch database.
    #[arg(long, env = "PRONTO_BENCH_POSTGRES_URL", default_value = "postgres://postgres@127.0.0.1:5432/test")]
    postgres_url: String,
}

const KEEP: SignedDuration = SignedDuration::from_hours(24 * 180);

pub async fn run(args: TrackingArgs) -> Result<(), AnyError> {
    if args.leads < 8 || args.lookups == 0 || args.rounds == 0 {
        return Err("--leads must be at least 8, --lookups and --rounds positive".into());
    }
    println!(
        "pronto bench tracking: {} leads on {}, {} look-ups per kind in {} rounds, {} cores",
        args.leads,
        args.engine,
        args.lookups,
        args.rounds,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    match args.engine.as_str() {
        "sqlite" => {
            let dir = tempfile::tempdir()?;
            measure(&args, &format!("sqlite://{}", dir.path().join("pronto.db").display())).await
        }
        "postgres" => {
            let args = &args;
            testkit::db::with_scratch_postgres(&args.postgres_url, "pronto_bench_tracking", |url| async move { measure(args, &url).await })
                .await
        }
        other => Err(format!("--engine: `{other}` is not sqlite or postgres").into()),
    }
}

async fn measure(args: &TrackingArgs, url: &str) -> Result<(), AnyError> {
    let clock = Arc::new(ManualClock::new("2026-03-02T09:00:00Z".parse()?));
    let store = pronto_store::open(url, clock.clone(), StoreOptions::default()).await?;
    let started = Instant::now();
    let mut ids = Vec::with_capacity(args.leads);
    let mut batch = Vec::new();
    for i in 0..args.leads {
        let draft = LeadDraft {
            channel: Some("web".into()),
            contact: ContactDraft { email: Some(format!("c{i}@example.com")), ..Default::default() },
            ..Default::default()
        };
        let lead = draft.parse(Region::default(), clock.now()).map_err(|e| format!("{e}"))?;
        let s = store.clone();
        batch.push(tokio::spawn(async move { s.create_lead(lead, None, None).await }));
        if batch.len() == 256 {
            for h in batch.drain(..) {
                ids.push(h.await??.id);
            }
        }
    }
    for h in batch.drain(..) {
        ids.push(h.await??.id);
    }
    let quarter = ids.len() / 4;
    let (revoked, rest) = ids.split_at(quarter);
    let (closed, open) = rest.split_at(quarter);
    let mut revoked_tokens = Vec::new();
    for id in revoked {
        revoked_tokens.push(store.tracking_token(*id, 0).ok_or("no keys")?);
        store.revoke_tracking(*id, None).await?;
    }
    for id in closed {
        store.patch_lead(*id, LeadPatch { status: Some(LeadStatus::Lost), ..Default::default() }, None).await?;
    }
    clock.advance(KEEP + SignedDuration::from_hours(24));
    let expired_tokens: Vec<String> = closed.iter().filter_map(|id| store.tracking_token(*id, 0)).collect();
    let valid_tokens: Vec<String> = open.iter().filter_map(|id| store.tracking_token(*id, 0)).collect();
    // Never issued: the same shape, another installation's key.
    let other = pronto_store::tracking::SiteKeys::new(&pronto_store::tracking::SiteKeys::random_secret());
    let unknown_tokens: Vec<String> = (0..args.lookups as i64).map(|i| other.token(i + 1, 0)).collect();
    println!("filled in {:.1} s", started.elapsed().as_secs_f64());

    let kinds: [(&str, &Vec<String>, bool); 4] = [
        ("unknown", &unknown_tokens, false),
        ("revoked", &revoked_tokens, false),
        ("expired", &expired_tokens, false),
        ("valid", &valid_tokens, true),
    ];
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); kinds.len()];
    for round in 0..args.rounds {
        for k in 0..kinds.len() {
            let which = (k + round) % kinds.len();
            let (name, tokens, found) = kinds[which];
            for i in 0..args.lookups {
                let token = &tokens[(i * 7919 + round) % tokens.len()];
                let t = Instant::now();
                let r = store.tracking_page(token, KEEP).await;
                times[which].push(t.elapsed().as_secs_f64() * 1e6);
                match (r, found) {
                    (Ok(_), true) | (Err(StoreError::NotFound), false) => {}
                    (other, _) => return Err(format!("a {name} token answered {other:?}").into()),
                }
            }
        }
    }
    println!("{:<10} {:>10} {:>10} {:>10} {:>16}", "token", "p50 µs", "p90 µs", "p99 µs", "p50 / unknown");
    let base = {
        let mut s = times[0].clone();
        s.sort_by(f64::total_cmp);
        pct(&s, 0.5)
    };
    for (k, (name, _, _)) in kinds.iter().enumerate() {
        let mut s = times[k].clone();
        s.sort_by(f64::total_cmp);
        let p50 = pct(&s, 0.5);
        println!("{:<10} {:>10.1} {:>10.1} {:>10.1} {:>16.2}", name, p50, pct(&s, 0.9), pct(&s, 0.99), p50 / base);
    }
    println!(
        "(a miss — unknown, revoked, expired — is one indexed read by the token's hash; a valid token goes on to read the lead and its history)"
    );
    store.close().await;
    Ok(())
}
