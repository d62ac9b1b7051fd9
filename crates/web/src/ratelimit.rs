//! Per-client-IP rate limits for the public endpoints (GCRA via `governor`), driven by the
//! injected clock so that tests with the manual clock behave the same as production.

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

#[cfg(test)]
mod tests {
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
