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
use pronto_store::{ActivityRecord, IdempotencyKey, LeadRecord};

/// A lead taken in: the record, and whether it is new (not a repeated idempotency key).
pub struct Created {
    pub lead: LeadRecord,
    pub created: bool,
}

/// Takes in a lead as its sender typed it. Without a `playbook` the default playbook runs it.
pub async fn create(st: &AppState, caller: &Caller, draft: LeadDraft, idem: Option<IdempotencyKey>) -> Result<Created> {
    caller.require(Action::CreateLead)?;
    let lead = draft.parse(st.config.region, st.clock.now())?;
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
/// intake, or closing it as won, is the deal ([`Action::WorkDeal`]).
pub async fn patch(st: &AppState, caller: &Caller, id: i64, input: LeadPatchIn) -> Result<LeadRecord> {
    caller.require(Action::EditLead)?;
    let patch = patch_from(input)?;
    if patch.is_empty() {
        return Err(Error::invalid("body", "name at least one field to change"));
    }
    if (patch.stage.is_some() || patch.status.is_some()) && !caller.role.may(Action::WorkDeal, &On::NOTHING) {
        let lead = st.store.lead(id).await.map_err(|e| or_not_found(e, "lead"))?;
        let status = patch.status.map(|s| s.as_str());
        if crate::access::is_deal_move(st, &lead.playbook, lead.playbook_version, patch.stage.as_deref(), status) {
            caller.require(Action::WorkDeal)?;
        }
    }
    st.store.patch_lead(id, patch, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "lead"))?;
    Ok(st.store.lead(id).await?)
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
