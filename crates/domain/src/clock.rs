//! The injected clock. Production uses [`SystemClock`]; tests and simulations use
//! [`ManualClock`], where time stands still until told to move. Nothing else in Pronto may
//! read the system time.

use jiff::{SignedDuration, Timestamp};
use std::sync::Mutex;

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> Timestamp;
    /// `Some` for a manual clock, so the HTTP edge can expose `/api/v1/clock`.
    fn as_manual(&self) -> Option<&ManualClock> {
        None
    }
}

#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        // Stored times have microsecond precision; hand out nothing finer, so a time read back
        // equals the time written.
        let now = Timestamp::now();
        Timestamp::from_microsecond(now.as_microsecond()).unwrap_or(now)
    }
}

/// A clock that only moves when [`ManualClock::advance`] is called.
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<Timestamp>,
}

impl ManualClock {
    pub fn new(start: Timestamp) -> Self {
        Self { now: Mutex::new(start) }
    }

    /// Moves time forward (never backward) and returns the new time.
    pub fn advance(&self, by: SignedDuration) -> Timestamp {
        let mut now = self.now.lock().unwrap_or_else(|p| p.into_inner());
        let by = by.max(SignedDuration::ZERO);
        *now = now.checked_add(by).unwrap_or(*now);
        *now
    }

    pub fn now_string(&self) -> String {
        Clock::now(self).to_string()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.now.lock().unwrap_or_else(|p| p.into_inner())
    }
    fn as_manual(&self) -> Option<&ManualClock> {
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_stands_still_until_advanced() {
        let start: Timestamp = "2026-01-05T08:00:00Z".parse().unwrap();
        let clock = ManualClock::new(start);
        assert_eq!(clock.now(), start);
        assert_eq!(clock.now(), start);
        let later = clock.advance(SignedDuration::from_secs(90));
        assert_eq!(later, "2026-01-05T08:01:30Z".parse::<Timestamp>().unwrap());
        assert_eq!(clock.advance(SignedDuration::from_secs(-10)), later, "never goes back");
    }
}
