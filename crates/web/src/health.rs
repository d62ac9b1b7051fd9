//! Readiness (`/healthz`): whether this node can write now, answered within [`DEADLINE`].
//!
//! One write probe ([`Store::probe_write`]: a write through the writer, and on SQLite room
//! on the disk) runs at a time; its verdict is reused for [`FRESH`], so a load balancer
//! polling every few seconds, or a burst of them, costs at most four small commits a second.
//! A request that finds a probe running waits for it until the probe is [`DEADLINE`] old; a
//! probe older than that (a writer stuck on a database that does not answer) is "timed out"
//! at once, and no second probe queues behind it.

use pronto_store::Store;
use pronto_store::health::{WriteProbe, verdict};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;
use tokio::time::Instant;

/// The longest `/healthz` takes to answer (issue 22: ≤ 1 s).
pub const DEADLINE: Duration = Duration::from_secs(1);
/// How long a probe's verdict is reused.
pub const FRESH: Duration = Duration::from_millis(250);
/// The reason given when the probe did not finish within [`DEADLINE`].
pub const TIMED_OUT: &str = "timed out after 1 s";

/// Ready (what the probe saw) or the reason not.
pub type Verdict = Result<WriteProbe, String>;

/// The probe's state, shared by the requests.
#[derive(Default)]
struct State {
    /// The last verdict and when it was reached.
    last: Option<(Instant, Verdict)>,
    /// The probe running, since when, and where its verdict will appear.
    running: Option<(Instant, watch::Receiver<Option<Verdict>>)>,
}

/// What a request does, decided from the state alone (see [`decide`]).
#[derive(Debug, PartialEq, Eq)]
enum Step {
    /// Answer with the last verdict.
    Reuse,
    /// Wait for the running probe, at most this long.
    Wait(Duration),
    /// The running probe is past the deadline: answer "timed out" now.
    TimedOut,
    /// Start a probe and wait for it, at most [`DEADLINE`].
    Start,
}

fn decide(now: Instant, last: Option<Instant>, running: Option<Instant>) -> Step {
    if let Some(at) = last
        && now.saturating_duration_since(at) < FRESH
    {
        return Step::Reuse;
    }
    match running {
        Some(since) if now.saturating_duration_since(since) >= DEADLINE => Step::TimedOut,
        Some(since) => Step::Wait(DEADLINE - now.saturating_duration_since(since)),
        None => Step::Start,
    }
}

/// This node's readiness, shared by the requests to `/healthz`.
pub struct Readiness {
    store: Arc<dyn Store>,
    state: Arc<Mutex<State>>,
}

impl Readiness {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Readiness { store, state: Arc::default() }
    }

    /// Whether this node can write now, or why not; within [`DEADLINE`] (a few milliseconds
    /// more for the scheduling).
    pub async fn check(&self) -> Verdict {
        let mut waiting = {
            let mut st = self.state.lock().unwrap_or_else(|p| p.into_inner());
            let now = Instant::now();
            match decide(now, st.last.as_ref().map(|(at, _)| *at), st.running.as_ref().map(|(since, _)| *since)) {
                Step::Reuse => return st.last.as_ref().map(|(_, v)| v.clone()).unwrap_or_else(|| Err(TIMED_OUT.into())),
                Step::TimedOut => return Err(TIMED_OUT.into()),
                Step::Wait(left) => (st.running.as_ref().map(|(_, rx)| rx.clone()).expect("a running probe"), left),
                Step::Start => {
                    let (tx, rx) = watch::channel(None);
                    st.running = Some((now, rx.clone()));
                    let (store, state) = (self.store.clone(), self.state.clone());
                    tokio::spawn(async move {
                        let probe = store.probe_write().await;
                        let verdict = verdict(store.engine(), &probe);
                        let mut st = state.lock().unwrap_or_else(|p| p.into_inner());
                        let was = st.last.as_ref().map(|(_, v)| v.as_ref().map(|_| ()).map_err(Clone::clone));
                        match (&was, &verdict) {
                            (Some(Err(before)), Err(now)) if before == now => {}
                            (_, Err(reason)) => {
                                let detail = probe.as_ref().err().map(ToString::to_string).unwrap_or_default();
                                tracing::warn!(%reason, %detail, "this node is not ready")
                            }
                            (Some(Err(_)), Ok(_)) => tracing::info!("this node is ready again"),
                            _ => {}
                        }
                        st.last = Some((Instant::now(), verdict.clone()));
                        st.running = None;
                        let _ = tx.send(Some(verdict));
                    });
                    (rx, DEADLINE)
                }
            }
        };
        let (rx, left) = &mut waiting;
        match tokio::time::timeout(*left, rx.wait_for(Option::is_some)).await {
            Ok(Ok(v)) => v.clone().unwrap_or_else(|| Err(TIMED_OUT.into())),
            Ok(Err(_)) => Err("the write probe stopped".into()),
            Err(_) => Err(TIMED_OUT.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_reuses_waits_times_out_or_starts_a_probe() {
        let t0 = Instant::now();
        let ms = |n: u64| t0 + Duration::from_millis(n);
        let table: &[(Instant, Option<Instant>, Option<Instant>, Step)] = &[
            (ms(0), None, None, Step::Start),
            (ms(100), Some(ms(0)), None, Step::Reuse),
            (ms(249), Some(ms(0)), Some(ms(200)), Step::Reuse),
            (ms(250), Some(ms(0)), None, Step::Start),
            (ms(5000), Some(ms(0)), None, Step::Start),
            (ms(300), Some(ms(0)), Some(ms(260)), Step::Wait(Duration::from_millis(960))),
            (ms(1000), None, Some(ms(0)), Step::TimedOut),
            (ms(9000), Some(ms(0)), Some(ms(10)), Step::TimedOut),
            (ms(999), None, Some(ms(0)), Step::Wait(Duration::from_millis(1))),
        ];
        for (now, last, running, want) in table {
            assert_eq!(
                decide(*now, *last, *running),
                *want,
                "now {:?}, last {:?}, running {:?}",
                *now - t0,
                last.map(|l| l - t0),
                running.map(|r| r - t0)
            );
        }
    }
}
