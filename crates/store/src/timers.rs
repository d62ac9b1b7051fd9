//! The timer worker: fires durable timers at their time. With the real clock it sleeps until
//! the earliest pending timer (at most a second, and less when a commit sets an earlier one);
//! with the manual clock, `advance` steps the clock from one due time to the next so that
//! every timer fires at its own time, in order. Firing itself is a store command, so a timer
//! fires once even when two paths race for it, and one that fell due while the process was
//! down fires on the first pass after start.

use crate::{Result, Store};
use jiff::{SignedDuration, Timestamp};
use pronto_domain::Clock;
use std::sync::Arc;
use std::time::Duration;

/// Timers fired per store command.
const BATCH: i64 = 500;
/// The longest the worker sleeps without looking again.
const MAX_SLEEP: Duration = Duration::from_secs(1);
/// A bound on the steps of one `advance`, against a playbook that sets timers forever.
const MAX_STEPS: usize = 100_000;

pub struct Timers {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    /// One firing pass at a time.
    pass: tokio::sync::Mutex<()>,
}

impl Timers {
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> Arc<Timers> {
        Arc::new(Timers { store, clock, pass: tokio::sync::Mutex::new(()) })
    }

    /// Fires every timer due by now; returns how many fired.
    pub async fn fire_due(&self) -> Result<i64> {
        let _pass = self.pass.lock().await;
        let mut total = 0;
        loop {
            let n = self.store.fire_due_timers(BATCH).await?;
            total += n;
            if n < BATCH {
                return Ok(total);
            }
        }
    }

    /// Moves the manual clock forward by `by`, firing each timer at its own due time on the
    /// way; returns when everything due by the new time has fired.
    pub async fn advance(&self, by: SignedDuration) -> Result<Timestamp> {
        let Some(manual) = self.clock.as_manual() else { return Ok(self.clock.now()) };
        let target = self.clock.now() + by.max(SignedDuration::ZERO);
        for _ in 0..MAX_STEPS {
            match self.store.next_timer_due().await? {
                Some(due) if due <= target => {
                    let now = self.clock.now();
                    if due > now {
                        manual.advance(due.duration_since(now));
                    }
                    self.fire_due().await?;
                }
                _ => break,
            }
        }
        let now = self.clock.now();
        if target > now {
            manual.advance(target.duration_since(now));
        }
        self.fire_due().await?;
        Ok(self.clock.now())
    }

    /// The worker's loop; runs until the task is dropped. A commit wakes it only to look at the
    /// earliest due time (one indexed read); the writer is asked to fire only when something is
    /// due.
    pub async fn run(self: Arc<Self>) {
        let changed = self.store.timers_changed();
        loop {
            let wait = match self.store.next_timer_due().await {
                Ok(Some(due)) if due <= self.clock.now() => match self.fire_due().await {
                    Ok(n) if n > 0 => continue,
                    // Due, yet nothing fired (another path fired it, or an error): do not spin.
                    Ok(_) => MAX_SLEEP / 10,
                    Err(e) => {
                        tracing::warn!(error = %e, "firing timers failed; retrying");
                        MAX_SLEEP
                    }
                },
                Ok(Some(due)) => {
                    let until = due.duration_since(self.clock.now());
                    Duration::try_from(until).unwrap_or(MAX_SLEEP).min(MAX_SLEEP)
                }
                Ok(None) => MAX_SLEEP,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot read the next timer");
                    MAX_SLEEP
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = changed.notified() => {}
            }
        }
    }
}
