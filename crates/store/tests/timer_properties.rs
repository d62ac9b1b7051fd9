//! Property tests of the durable timers, over many random histories (a seeded generator, so a
//! failure names its seed and replays): leads arriving at random moments, some answered, some
//! attempted, the manual clock advanced by random steps through working hours, nights and
//! weekends. Whatever the history, a timer never fires before it is due, never fires twice,
//! and nothing due is left pending after an advance; a cancelled timer never fires.
//!
//! SQLite only: the firing logic is the same SQL on both engines, and the contract suite
//! (`store_contract.rs`) runs the timer cases on PostgreSQL too.

use jiff::{SignedDuration, Timestamp};
use pronto_domain::lead::{ActivityDraft, ContactDraft, LeadDraft};
use pronto_domain::values::Region;
use pronto_domain::{Clock, ManualClock};
use pronto_store::{StoreOptions, Timers};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// xorshift64*: small, fast and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Returns how many timers fired and how many were cancelled, so the test knows both happened.
async fn history(seed: u64) -> (usize, usize) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let dir = tempfile::tempdir().unwrap();
    // A Monday morning in Prague, so that working hours, the evening and a weekend all pass.
    let start: Timestamp = "2031-05-05T06:30:00Z".parse().unwrap();
    let clock = Arc::new(ManualClock::new(start));
    let store = pronto_store::open(&format!("sqlite://{}", dir.path().join("p.db").display()), clock.clone(), StoreOptions::default())
        .await
        .unwrap();
    let timers = Timers::new(store.clone(), clock.clone());
    let mut leads = Vec::new();
    for step in 0..40 {
        match rng.below(4) {
            0 | 1 => {
                let lead = LeadDraft {
                    channel: Some(["web", "email", "phone"][rng.below(3) as usize].into()),
                    contact: ContactDraft { phone: Some(format!("777 {:03} {:03}", seed % 1000, step)), ..Default::default() },
                    ..Default::default()
                }
                .parse(Region::default(), clock.now())
                .unwrap();
                leads.push(store.create_lead(lead, None, None).await.unwrap().id);
            }
            2 if !leads.is_empty() => {
                let lead = leads[rng.below(leads.len() as u64) as usize];
                let outcome = ["reached", "no_answer", "busy"][rng.below(3) as usize];
                let call = ActivityDraft {
                    kind: Some("call".into()),
                    direction: Some("out".into()),
                    outcome: Some(outcome.into()),
                    ..Default::default()
                }
                .parse(clock.now())
                .unwrap();
                store.log_activity(lead, call, None).await.unwrap();
            }
            _ => {
                // From seconds to most of a weekend.
                let secs = match rng.below(3) {
                    0 => rng.below(120),
                    1 => rng.below(3 * 3600),
                    _ => rng.below(60 * 3600),
                } as i64;
                let to = timers.advance(SignedDuration::from_secs(secs)).await.unwrap();
                check(store.as_ref(), &leads, to, seed).await;
            }
        }
    }
    let end = timers.advance(SignedDuration::from_hours(24 * 8)).await.unwrap();
    check(store.as_ref(), &leads, end, seed).await;
    let (mut fired, mut cancelled) = (0, 0);
    for &lead in &leads {
        for t in store.timers(lead).await.unwrap() {
            fired += usize::from(t.status == "fired");
            cancelled += usize::from(t.status == "cancelled");
        }
    }
    store.close().await;
    (fired, cancelled)
}

async fn check(store: &dyn pronto_store::Store, leads: &[i64], now: Timestamp, seed: u64) {
    for &lead in leads {
        let fired: Vec<_> = store.timeline(lead).await.unwrap().into_iter().filter(|e| e.kind == "timer.fired").collect();
        let mut seen = HashSet::new();
        let mut fired_at: HashMap<i64, Timestamp> = HashMap::new();
        for e in &fired {
            let id = e.data["timer_id"].as_i64().unwrap();
            let due: Timestamp = e.data["due_at"].as_str().unwrap().parse().unwrap();
            assert!(e.at >= due, "seed {seed}: timer {id} fired at {} before it was due at {due}", e.at);
            assert!(seen.insert(id), "seed {seed}: timer {id} fired twice");
            fired_at.insert(id, e.at);
        }
        for t in store.timers(lead).await.unwrap() {
            match t.status.as_str() {
                "pending" => assert!(t.due_at > now, "seed {seed}: timer {} due at {} still pending at {now}", t.id, t.due_at),
                "fired" => assert!(fired_at.contains_key(&t.id), "seed {seed}: timer {} marked fired without its event", t.id),
                "cancelled" => assert!(!fired_at.contains_key(&t.id), "seed {seed}: cancelled timer {} fired", t.id),
                other => panic!("seed {seed}: unknown timer status {other}"),
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timers_never_fire_early_or_twice() {
    let seeds: u64 = std::env::var("PRONTO_PROPERTY_SEEDS").ok().and_then(|s| s.parse().ok()).unwrap_or(12);
    let (mut fired, mut cancelled) = (0, 0);
    for seed in 1..=seeds {
        let (f, c) = history(seed).await;
        fired += f;
        cancelled += c;
    }
    assert!(fired > 20 && cancelled > 5, "the histories exercised both: {fired} fired, {cancelled} cancelled");
}
