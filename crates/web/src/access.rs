//! Permission per record at the edge: how the caller stands to a lead ([`On`]: its owner, the
//! assignee of an open task on it), asked of the store only when the role alone does not
//! decide, and the 403 naming what was refused. The rule itself is `Role::may`.

use crate::AppState;
use crate::app::{Error, or_not_found};
use crate::auth::Caller;
use pronto_domain::user::{Action, On};
use pronto_store::TaskFilter;

/// How `caller` stands to lead `lead_id` (404 when there is no such lead).
pub async fn on_lead(st: &AppState, caller: &Caller, lead_id: i64) -> Result<On, Error> {
    let lead = st.store.lead(lead_id).await.map_err(|e| or_not_found(e, "lead"))?;
    let owner = lead.owner.is_some_and(|o| o.id == caller.user.id);
    let assignee = !owner
        && !st
            .store
            .tasks(&TaskFilter {
                lead: Some(lead_id),
                assignee: Some(caller.user.id),
                status: Some("open".into()),
                limit: 1,
                ..Default::default()
            })
            .await?
            .is_empty();
    Ok(On { owner, assignee })
}

/// 403 unless `caller` may do `action` to lead `lead_id`; 404 when there is no such lead and
/// the role alone does not allow it.
pub async fn require_on_lead(st: &AppState, caller: &Caller, action: Action, lead_id: i64) -> Result<(), Error> {
    if caller.role.may(action, &On::NOTHING) {
        return Ok(());
    }
    let on = on_lead(st, caller, lead_id).await?;
    caller.require_on(action, &on)
}

/// Whether moving a lead of `playbook` (its version) to `stage` — or setting `status` — is
/// working the deal ([`Action::WorkDeal`]) rather than the intake.
pub fn is_deal_move(st: &AppState, playbook: &str, version: i64, stage: Option<&str>, status: Option<&str>) -> bool {
    let deal_stage = stage.is_some_and(|s| st.store.playbooks().get(playbook, version).is_some_and(|pb| pb.is_deal_stage(s)));
    deal_stage || status == Some("won")
}
