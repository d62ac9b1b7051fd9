//! What every section uses: the imports, drafts, activities, users and small queries, and the
//! timelines and timers the suite's playbook gives a new lead.

pub(crate) use crate::harness::{Db, Engine, start};
pub(crate) use jiff::{SignedDuration, Timestamp};
pub(crate) use pronto_domain::lead::{ActivityDraft, ContactDraft, LeadDraft, LeadPatch, LeadStatus, NewActivity, NewLead};
pub(crate) use pronto_domain::user::Role;
pub(crate) use pronto_domain::values::{Line, Login, Phone, Region};
pub(crate) use pronto_domain::{Clock, ManualClock};
pub(crate) use pronto_store::{
    EventRecord, IdempotencyKey, LeadFilter, LeadRecord, NewUserRecord, Store, StoreError, TaskFilter, TaskRecord, UserRef,
};
pub(crate) use serde_json::json;
pub(crate) use std::collections::HashSet;
pub(crate) use std::sync::Arc;

// ═══════════════════════════════════════════════════════════════════════════════════════════
// Helpers: drafts, activities, users, small queries
// ═══════════════════════════════════════════════════════════════════════════════════════════

/// A web lead from a person with the given name, phone and e-mail (any may be absent).
pub(crate) fn person(name: Option<&str>, phone: Option<&str>, email: Option<&str>) -> LeadDraft {
    LeadDraft {
        channel: Some("web".into()),
        contact: ContactDraft {
            name: name.map(Into::into),
            phone: phone.map(Into::into),
            email: email.map(Into::into),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// Parses a draft the way the edge does, at the clock's current time.
pub(crate) fn parse(clock: &ManualClock, draft: LeadDraft) -> NewLead {
    draft.parse(Region::default(), clock.now()).unwrap_or_else(|e| panic!("the draft is invalid: {e}"))
}

pub(crate) async fn create(store: &Arc<dyn Store>, clock: &ManualClock, draft: LeadDraft) -> pronto_store::LeadCreated {
    store.create_lead(parse(clock, draft), None, None).await.expect("create_lead")
}

pub(crate) fn activity(clock: &ManualClock, kind: &str, direction: Option<&str>, outcome: Option<&str>, body: Option<&str>) -> NewActivity {
    ActivityDraft {
        kind: Some(kind.into()),
        direction: direction.map(Into::into),
        outcome: outcome.map(Into::into),
        body: body.map(Into::into),
        at: None,
    }
    .parse(clock.now())
    .unwrap_or_else(|e| panic!("the activity is invalid: {e}"))
}

pub(crate) fn reached_call(clock: &ManualClock) -> NewActivity {
    activity(clock, "call", Some("out"), Some("reached"), Some("Domluveno zaměření"))
}

pub(crate) fn new_user(login: &str, name: &str, role: Role, password_hash: Option<&str>) -> NewUserRecord {
    NewUserRecord {
        login: Login::parse(login).expect("valid login"),
        name: Line::parse(name, 200).expect("valid name"),
        role,
        phone: None,
        email: None,
        password_hash: password_hash.map(Into::into),
        actor: None,
    }
}

pub(crate) fn all(limit: u32) -> LeadFilter {
    LeadFilter { limit, ..Default::default() }
}

pub(crate) fn ids(leads: &[LeadRecord]) -> Vec<i64> {
    leads.iter().map(|l| l.id).collect()
}

pub(crate) fn ids_of(acts: &[pronto_store::ActivityRecord]) -> Vec<i64> {
    acts.iter().map(|a| a.id).collect()
}

pub(crate) fn kinds(events: &[EventRecord]) -> Vec<&str> {
    events.iter().map(|e| e.kind.as_str()).collect()
}

pub(crate) fn events_of<'a>(events: &'a [EventRecord], kind: &str) -> Vec<&'a EventRecord> {
    events.iter().filter(|e| e.kind == kind).collect()
}

pub(crate) fn idem(scope: &str, key: &str, fingerprint: &str) -> Option<IdempotencyKey> {
    Some(IdempotencyKey { scope: scope.into(), key: key.into(), fingerprint: fingerprint.into() })
}

pub(crate) fn mins(n: i64) -> SignedDuration {
    SignedDuration::from_mins(n)
}

pub(crate) fn ts(s: &str) -> Timestamp {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// The timers the suite's playbook (`tests/fixtures/contract.toml`) sets for a new lead: its first-response SLA's
/// warning (5 working minutes) and breach (10 working minutes) …
pub(crate) const SLA_WARN: &str = "sla:first_response:warn";
pub(crate) const SLA_BREACH: &str = "sla:first_response:breach";
/// … and, when its escalation has someone to wait for, the next escalation step (10 working
/// minutes).
pub(crate) const NO_REACTION: &str = "esc:no_reaction";

/// The timeline of a new web lead with a phone under the suite's playbook, when a consultant
/// (with a phone) takes it: assigned by round robin, the SLA started, a call task, an SMS to
/// the consultant and the first escalation step (a reminder in the app).
pub(crate) const RECEIVED_AND_ASSIGNED: [&str; 9] = [
    "lead.received",
    "playbook.rule",
    "lead.assigned",
    "sla.started",
    "playbook.rule",
    "task.created",
    "notification.queued",
    "escalation.step",
    "notification.queued",
];

/// The same with no user at all: nobody to assign it to, to notify or to escalate to.
pub(crate) const RECEIVED_UNASSIGNED: [&str; 10] = [
    "lead.received",
    "playbook.rule",
    "assignment.failed",
    "sla.started",
    "playbook.rule",
    "task.created",
    "notification.skipped",
    "escalation.skipped",
    "escalation.skipped",
    "escalation.skipped",
];

/// A user with a phone, so that the playbook's SMS reach them.
pub(crate) fn user_with_phone(login: &str, name: &str, role: Role, phone: &str) -> NewUserRecord {
    NewUserRecord { phone: Some(Phone::parse(phone, Region::default()).expect("valid phone")), ..new_user(login, name, role, None) }
}

/// A lead's timers as (kind, due, status), in the order they were set.
pub(crate) async fn timers_of(store: &Arc<dyn Store>, lead: i64) -> Vec<(String, Timestamp, String)> {
    store.timers(lead).await.unwrap().into_iter().map(|t| (t.kind, t.due_at, t.status)).collect()
}

/// A lead's timers as (kind, status), in the order they were set.
pub(crate) async fn timer_states(store: &Arc<dyn Store>, lead: i64) -> Vec<(String, String)> {
    store.timers(lead).await.unwrap().into_iter().map(|t| (t.kind, t.status)).collect()
}

pub(crate) fn kind_status(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, s)| (k.to_string(), s.to_string())).collect()
}

pub(crate) async fn tasks_of(store: &Arc<dyn Store>, lead: i64) -> Vec<TaskRecord> {
    store.tasks(&TaskFilter { lead: Some(lead), limit: 100, ..Default::default() }).await.unwrap()
}

/// The kinds of the events after the first `n` (what happened since a snapshot).
pub(crate) fn kinds_since(events: &[EventRecord], n: usize) -> Vec<&str> {
    kinds(&events[n..])
}
