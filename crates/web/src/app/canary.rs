//! The mystery shopper's use cases (issue 23): what the last test inquiries showed (admins
//! and managers), and running them now (admins).

use super::{Error, Result, require_admin};
use crate::AppState;
use crate::auth::Caller;
use pronto_domain::user::Role;
use pronto_store::canary::CanaryStatus;

/// How far back the page's chart and the API's history go.
pub const DAYS: i64 = 30;

/// Admins and managers see how the channels did.
fn require_watcher(caller: &Caller) -> Result<()> {
    if matches!(caller.role, Role::Admin | Role::Manager) {
        Ok(())
    } else {
        Err(Error::forbidden(format!("the role `{}` may not see the mystery shopper's runs", caller.role)))
    }
}

/// The last run of each channel, hop by hop, and the runs of the last [`DAYS`] days.
pub async fn status(st: &AppState, caller: &Caller) -> Result<CanaryStatus> {
    require_watcher(caller)?;
    let since = st.clock.now() - jiff::SignedDuration::from_hours(24 * DAYS);
    Ok(st.store.canary_status(since).await?)
}

/// Starts a run of every configured channel now, or of `only` (in the background); the
/// channels started.
pub fn run_now(st: &AppState, caller: &Caller, only: Option<&str>) -> Result<Vec<&'static str>> {
    require_admin(caller)?;
    let mut channels = crate::canary::channels(st);
    if let Some(name) = only.map(str::trim).filter(|n| !n.is_empty()) {
        let Some(one) = pronto_domain::canary::Channel::parse(name) else {
            return Err(Error::Invalid(pronto_domain::FieldErrors::single("channel", "is one of form, mail, call")));
        };
        if !channels.contains(&one) {
            return Err(Error::Invalid(pronto_domain::FieldErrors::single("channel", format!("`{name}` is not set up here"))));
        }
        channels = vec![one];
    }
    let started = channels.iter().map(|c| c.as_str()).collect();
    tokio::spawn(crate::canary::run_channels(st.clone(), channels));
    Ok(started)
}
