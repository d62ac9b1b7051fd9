//! Leads: the intake through the API, changing a lead (the deal is not every role's), logging
//! contact with the customer, revoking the customer's link, merging two contacts.

use super::{Error, Result, or_not_found};
use crate::AppState;
use crate::auth::Caller;
use crate::dto::LeadPatchIn;
use pronto_domain::FieldErrors;
use pronto_domain::lead::{ActivityDraft, CustomerType, LeadDraft, LeadPatch, LeadStatus};
use pronto_domain::lead::{MESSAGE_MAX, SHORT_MAX, SUBJECT_MAX};
use pronto_domain::user::{Action, On};
use pronto_domain::values::{Language, Line, PostalCode, Text};
use pronto_playbook::model::StageMove;
use pronto_store::{ActivityRecord, IdempotencyKey, LeadRecord};

/// A lead taken in: the record, and whether it is new (not a repeated idempotency key).
pub struct Created {
    pub lead: LeadRecord,
    pub created: bool,
}

/// Takes in a lead as its sender typed it. Without a `playbook` the default playbook runs it.
pub async fn create(st: &AppState, caller: &Caller, draft: LeadDraft, idem: Option<IdempotencyKey>) -> Result<Created> {
    caller.require(Action::CreateLead)?;
    let lead = draft.parse(st.region(), st.clock.now())?;
    let done = st.store.create_lead(lead, Some(caller.user.id), idem).await?;
    metrics::counter!("pronto_leads_received_total", "via" => "api").increment(u64::from(done.created));
    Ok(Created { lead: st.store.lead(done.id).await?, created: done.created })
}

/// A stage id as playbooks write them; whether the lead's playbook has it, the store checks.
pub fn stage_id(s: &str) -> std::result::Result<String, String> {
    let s = s.trim();
    if !s.is_empty() && s.len() <= 64 && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        Ok(s.to_owned())
    } else {
        Err(format!("`{s}` is not a stage id (lower-case letters, digits and `_`)"))
    }
}

/// The changes as sent, checked field by field.
fn patch_from(input: LeadPatchIn) -> std::result::Result<LeadPatch, FieldErrors> {
    let mut e = FieldErrors::new();
    /// `Some(None)` clears; `Some(Some(""))` clears too (forms send blanks).
    fn clear_or<T, E: std::fmt::Display>(
        e: &mut FieldErrors,
        field: &str,
        v: Option<Option<String>>,
        parse: impl Fn(&str) -> std::result::Result<T, E>,
    ) -> Option<Option<T>> {
        match v {
            None => None,
            Some(None) => Some(None),
            Some(Some(s)) if s.trim().is_empty() => Some(None),
            Some(Some(s)) => e.take(field, parse(&s)).map(Some),
        }
    }
    let patch = LeadPatch {
        stage: e.take_opt("stage", input.stage.as_deref().map(stage_id)),
        status: e.take_opt("status", input.status.as_deref().map(LeadStatus::parse)),
        owner: input.owner,
        customer_type: clear_or(&mut e, "customer_type", input.customer_type, CustomerType::parse),
        subject: clear_or(&mut e, "subject", input.subject, |s| Line::parse(s, SUBJECT_MAX)),
        message: clear_or(&mut e, "message", input.message, |s| Text::parse(s, MESSAGE_MAX)),
        postal_code: clear_or(&mut e, "postal_code", input.postal_code, PostalCode::parse),
        product: clear_or(&mut e, "product", input.product, |s| Line::parse(s, SHORT_MAX)),
        language: clear_or(&mut e, "language", input.language, Language::parse),
        source: clear_or(&mut e, "source", input.source, |s| Line::parse(s, SHORT_MAX)),
    };
    e.into_result().map(|()| patch)
}

/// Changes a lead's stage, status, owner or other fields. Moving it into a stage after the
/// intake, or closing it as won, is the deal ([`Action::WorkDeal`]). A stage follows the
/// playbook's `next` of the one the lead is in ([`Playbook::stage_move`]); an admin may move it
/// elsewhere, and that override is recorded in the audit log (`override: true`).
///
/// [`Playbook::stage_move`]: pronto_playbook::Playbook::stage_move
pub async fn patch(st: &AppState, caller: &Caller, id: i64, input: LeadPatchIn) -> Result<LeadRecord> {
    caller.require(Action::EditLead)?;
    let patch = patch_from(input)?;
    if patch.is_empty() {
        return Err(Error::invalid("body", "name at least one field to change"));
    }
    let mut overridden = None;
    if patch.stage.is_some() || patch.status.is_some() {
        let lead = st.store.lead(id).await.map_err(|e| or_not_found(e, "lead"))?;
        if !caller.role.may(Action::WorkDeal, &On::NOTHING) {
            let status = patch.status.map(|s| s.as_str());
            if crate::access::is_deal_move(st, &lead.playbook, lead.playbook_version, patch.stage.as_deref(), status) {
                caller.require(Action::WorkDeal)?;
            }
        }
        if let Some(to) = patch.stage.as_deref()
            && let Some(pb) = st.store.playbooks().get(&lead.playbook, lead.playbook_version)
        {
            match pb.stage_move(&lead.stage, to, may_override_stages(caller)) {
                StageMove::Refused { allowed } => return Err(Error::invalid("stage", refused_move(&lead.stage, to, &allowed))),
                StageMove::Override => overridden = Some((lead.stage.clone(), to.to_owned(), pb.stage(&lead.stage).map(|s| s.next.clone()))),
                StageMove::Stay | StageMove::Follows | StageMove::Unknown => {}
            }
        }
    }
    st.store.patch_lead(id, patch, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "lead"))?;
    if let Some((from, to, next)) = overridden {
        let detail = serde_json::json!({ "from": from, "to": to, "next": next.unwrap_or_default(), "override": true });
        st.audit_change(caller, crate::audit::kind::STAGE_OVERRIDE, Some(format!("lead/{id}")), detail).await;
    }
    Ok(st.store.lead(id).await?)
}

/// Who may move a lead to a stage its playbook does not name next: an admin.
pub fn may_override_stages(caller: &Caller) -> bool {
    caller.role == pronto_domain::user::Role::Admin
}

/// Why a move is refused, with the stages that are allowed.
fn refused_move(from: &str, to: &str, allowed: &[String]) -> String {
    if allowed.is_empty() {
        format!("the lead is in `{from}`, which ends its process: it cannot move to `{to}` (an admin may override)")
    } else {
        let list = allowed.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" or ");
        format!("`{to}` does not follow `{from}` in the lead's playbook: move it to {list} (an admin may override)")
    }
}

/// What the customer sent from their page is answered without writing or calling (the card
/// stops showing it on top). The lead's owner and whoever works on it.
pub async fn mark_answered(st: &AppState, caller: &Caller, id: i64) -> Result<()> {
    caller.require(Action::LogActivity)?;
    st.store.mark_answered(id, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "lead"))?;
    Ok(())
}

/// Records contact with the customer (a call, an e-mail, a note …); the first response sets
/// `first_response_at`.
pub async fn log_activity(st: &AppState, caller: &Caller, id: i64, draft: ActivityDraft) -> Result<ActivityRecord> {
    caller.require(Action::LogActivity)?;
    let activity = draft.parse(st.clock.now())?;
    let activity_id = st.store.log_activity(id, activity, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "lead"))?;
    let all = st.store.activities(id).await?;
    all.into_iter().find(|a| a.id == activity_id).ok_or_else(|| Error::Internal("activity vanished".into()))
}

/// Revokes the customer's page link (it reached the wrong person): a new one, returned; the
/// old one stops working at once. The lead's owner, managers and admins.
pub async fn revoke_link(st: &AppState, caller: &Caller, id: i64) -> Result<String> {
    caller.require(Action::EditLead)?;
    crate::access::require_on_lead(st, caller, Action::RevokeLink, id).await?;
    st.store.revoke_tracking(id, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "lead"))?;
    st.audit_change(caller, crate::audit::kind::LINK_REVOKED, Some(format!("lead/{id}")), serde_json::json!({})).await;
    let lead = st.store.lead(id).await.map_err(|e| or_not_found(e, "lead"))?;
    Ok(lead.tracking_url.unwrap_or_default())
}

/// The same person entered twice: `other`'s inquiries and details join `keep`. Returns the
/// merge's id, to undo it.
pub async fn merge_contacts(st: &AppState, caller: &Caller, keep: i64, other: i64) -> Result<i64> {
    caller.require(Action::EditLead)?;
    st.store.merge_contacts(keep, other, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "contact"))
}

/// Undoes a merge (within a day, while neither contact changed): both records as they were.
pub async fn undo_merge(st: &AppState, caller: &Caller, id: i64) -> Result<()> {
    caller.require(Action::EditLead)?;
    st.store.undo_merge(id, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "merge"))
}
