//! Per-client-IP rate limits for the public endpoints, driven by the injected clock so that
//! tests with the manual clock behave the same as production.
//!
//! [`SharedLimiter`] (the web forms, sign-in) counts in the database — a fixed one-minute
//! window per address, one statement through the writer (`pronto_store::shared`) — so every
//! node answering behind a load balancer applies the same limit. [`IpLimiter`] (GCRA via
//! `governor`, in memory) is the customer pages' per-node guard.

use governor::clock::{Clock as GovClock, Reference};
use governor::{Quota, RateLimiter, state::keyed::DashMapStateStore};
use pronto_domain::Clock;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// Adapts Pronto's clock to `governor`: instants are durations since the Unix epoch.
#[derive(Clone)]
pub struct InjectedClock(Arc<dyn Clock>);

impl GovClock for InjectedClock {
    type Instant = Duration;
    fn now(&self) -> Duration {
        let us = self.0.now().as_microsecond().max(0) as u64;
        Duration::from_micros(us)
    }
}

const _: fn() = || {
    fn is_reference<T: Reference>() {}
    is_reference::<Duration>();
};

type Limiter = RateLimiter<IpAddr, DashMapStateStore<IpAddr>, InjectedClock, governor::middleware::NoOpMiddleware<Duration>>;

/// A limit whose rate the settings may change while it runs (`set_rate`).
pub struct IpLimiter {
    clock: Arc<dyn Clock>,
    inner: std::sync::RwLock<(u32, Arc<Option<Limiter>>)>,
}

fn limiter(n: u32, clock: &Arc<dyn Clock>) -> Option<Limiter> {
    NonZeroU32::new(n).map(|n| RateLimiter::dashmap_with_clock(Quota::per_minute(n), InjectedClock(clock.clone())))
}

impl IpLimiter {
    /// `n` requests per minute per IP, with a burst of `n`; 0 disables the limit.
    pub fn per_minute(n: u32, clock: Arc<dyn Clock>) -> Self {
        let l = limiter(n, &clock);
        IpLimiter { clock, inner: std::sync::RwLock::new((n, Arc::new(l))) }
    }

    /// Another rate from now on (a changed setting); the same rate keeps what was counted.
    pub fn set_rate(&self, n: u32) {
        let mut inner = self.inner.write().unwrap_or_else(|p| p.into_inner());
        if inner.0 != n {
            *inner = (n, Arc::new(limiter(n, &self.clock)));
        }
    }

    pub fn check(&self, ip: IpAddr) -> bool {
        let current = self.inner.read().unwrap_or_else(|p| p.into_inner()).1.clone();
        match current.as_ref() {
            None => true,
            Some(l) => {
                if l.len() > 100_000 {
                    l.retain_recent();
                }
                l.check_key(&ip).is_ok()
            }
        }
    }
}

/// A limit of `n` requests a minute per client address, counted in the database (the same on
/// every node): a fixed window, `n` requests in each; the rate may change while it runs (and
/// then counts afresh, as a new limit).
pub struct SharedLimiter {
    scope: &'static str,
    rate: std::sync::atomic::AtomicU32,
    store: Arc<dyn pronto_store::Store>,
    clock: Arc<dyn Clock>,
}

/// The window the counts are kept in.
pub const WINDOW: jiff::SignedDuration = jiff::SignedDuration::from_mins(1);

/// Whether the `hits`-th request of a window with `limit` is over it; then, the seconds to wait.
pub fn over(hits: i64, limit: u32, seconds_left: i64) -> Option<i64> {
    (limit > 0 && hits > i64::from(limit)).then_some(seconds_left)
}

impl SharedLimiter {
    /// `n` requests a minute per address in `scope`; 0 disables the limit.
    pub fn per_minute(scope: &'static str, n: u32, store: Arc<dyn pronto_store::Store>, clock: Arc<dyn Clock>) -> Self {
        SharedLimiter { scope, rate: std::sync::atomic::AtomicU32::new(n), store, clock }
    }

    /// Another rate from now on (a changed setting): counted afresh, since the rate is part of
    /// the count's scope (`form/20`); every node has the same rate within a second.
    pub fn set_rate(&self, n: u32) {
        self.rate.store(n, std::sync::atomic::Ordering::Relaxed);
    }

    /// Counts a request from `ip`: `None` when it may go on, `Some(seconds)` to wait when it
    /// is over the limit (what `Retry-After` says).
    pub async fn check(&self, ip: IpAddr) -> Result<Option<i64>, pronto_store::StoreError> {
        let limit = self.rate.load(std::sync::atomic::Ordering::Relaxed);
        if limit == 0 {
            return Ok(None);
        }
        let (start, left) = pronto_store::shared::window(self.clock.now(), WINDOW);
        let scope = format!("{}/{limit}", self.scope);
        let hits = self.store.count_hit(&scope, ip.to_string(), start).await?;
        Ok(over(hits, limit, left))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn over_the_limit_waits_for_the_window() {
        for (hits, limit, left, want) in [(1, 3, 40, None), (3, 3, 40, None), (4, 3, 40, Some(40)), (1000, 0, 5, None), (2, 1, 1, Some(1))] {
            assert_eq!(over(hits, limit, left), want, "{hits} of {limit}");
        }
    }

    use super::*;
    use jiff::SignedDuration;
    use pronto_domain::ManualClock;

    #[test]
    fn limits_per_ip_and_refills_with_the_injected_clock() {
        let clock = Arc::new(ManualClock::new("2026-01-01T00:00:00Z".parse().unwrap()));
        let l = IpLimiter::per_minute(3, clock.clone());
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        assert!(l.check(a) && l.check(a) && l.check(a));
        assert!(!l.check(a), "fourth within the minute");
        assert!(l.check(b), "other IPs are not affected");
        clock.advance(SignedDuration::from_secs(20));
        assert!(l.check(a), "one refilled after 20 s");
        assert!(!l.check(a));
        assert!(IpLimiter::per_minute(0, clock).check(a), "0 disables");
    }
}
