//! The staffing simulator as the admin page calls it (issue 23). The simulator itself —
//! `pronto simulate`, the real store and engine on a scratch database — lives in the `pronto`
//! crate, which this crate does not depend on; `pronto serve` hands it in through
//! [`crate::AppState::with_simulator`]. Without it (a bench, a test building the router by
//! hand) the page says the simulator is not available here.

use pronto_domain::staffing::{Figures, Team};
use std::future::Future;
use std::pin::Pin;

/// One run of a comparison: its figures and the inquiries it replayed.
#[derive(Debug, Clone)]
pub struct SimRun {
    pub figures: Figures,
    /// The first and last arrival, and the office zone the period is shown in.
    pub first: jiff::Timestamp,
    pub last: jiff::Timestamp,
}

/// Why a run did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SimError {
    /// The company had no inquiries in those days: nothing to replay.
    NoHistory,
    /// Anything else (the database), as the simulator says it.
    Failed(String),
}

pub type SimFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, SimError>> + Send + 'a>>;

pub trait Simulator: Send + Sync {
    /// The company's team as the simulator models it now: the active users other than admins,
    /// their own hours, each answering around the company's median first response over the
    /// last `days` days.
    fn company_team(&self, days: u32) -> SimFuture<'_, Team>;
    /// The company's inquiries of the last `days` days replayed through its default playbook
    /// with each team, on the same arrivals and seed.
    fn compare(&self, days: u32, teams: [Team; 2], seed: u64) -> SimFuture<'_, [SimRun; 2]>;
}
