//! What a state change causes, decided without I/O: the domain events appended to the event
//! log and the notification intents written to the outbox. The
//! store writes all of them in the same transaction as the new state.
//!
//! What the company's process adds (tasks, alerts, timers) is the playbook engine's to decide
//! (`pronto_playbook`); these are the facts every change records whatever the playbook.

use crate::lead::NewActivity;
use crate::user::Role;
use serde_json::{Value, json};

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub kind: &'static str,
    pub data: Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    User(i64),
    Role(Role),
}

/// A notification to deliver later; `key` is stable, so a redelivery can be recognised.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxIntent {
    pub channel: &'static str,
    pub recipient: Recipient,
    pub kind: &'static str,
    pub key: String,
    pub payload: Value,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Effects {
    pub events: Vec<Event>,
    pub outbox: Vec<OutboxIntent>,
}

/// The facts about a freshly stored lead that its effects depend on.
/// Effects of logging an activity; `first_response` says whether the lead had none before.
pub fn activity_logged(activity_id: i64, a: &NewActivity, lead_had_response: bool) -> Effects {
    let mut data = json!({
        "activity_id": activity_id,
        "activity": a.kind.as_str(),
        "direction": a.direction.map(|d| d.as_str()),
        "outcome": a.outcome.map(|o| o.as_str()),
        "body": a.body.as_ref().map(|b| b.as_str()),
    });
    strip_nulls(&mut data);
    let mut fx = Effects { events: vec![Event { kind: "activity.logged", data }], ..Default::default() };
    if a.is_response() && !lead_had_response {
        fx.events.push(Event { kind: "lead.first_response", data: json!({ "activity_id": activity_id }) });
    }
    fx
}

/// A change of one field, as the patch command saw it.
pub struct FieldChange {
    pub field: &'static str,
    pub from: Value,
    pub to: Value,
}

/// Effects of editing a lead: one event per kind of change; a new owner is told. `edit` names
/// this edit uniquely (it makes the notification's key).
pub fn lead_changed(lead_id: i64, edit: &str, changes: &[FieldChange]) -> Effects {
    let mut fx = Effects::default();
    let mut other = serde_json::Map::new();
    for c in changes {
        match c.field {
            "stage" => fx.events.push(Event { kind: "lead.stage_changed", data: json!({ "from": c.from, "to": c.to }) }),
            "status" => fx.events.push(Event { kind: "lead.status_changed", data: json!({ "from": c.from, "to": c.to }) }),
            "owner" => {
                fx.events.push(Event { kind: "lead.assigned", data: json!({ "from": c.from, "owner": c.to }) });
                if let Some(owner) = c.to.as_i64() {
                    fx.outbox.push(OutboxIntent {
                        channel: "in_app",
                        recipient: Recipient::User(owner),
                        kind: "lead.assigned",
                        key: format!("lead/{lead_id}/assigned/{owner}/{edit}"),
                        payload: json!({ "lead_id": lead_id }),
                    });
                }
            }
            field => {
                other.insert(field.to_owned(), json!({ "from": c.from, "to": c.to }));
            }
        }
    }
    if !other.is_empty() {
        fx.events.push(Event { kind: "lead.updated", data: Value::Object(other) });
    }
    fx
}

pub fn strip_nulls(v: &mut Value) {
    if let Value::Object(m) = v {
        m.retain(|_, v| !v.is_null());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lead::ActivityDraft;
    use jiff::Timestamp;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn only_the_first_response_is_marked() {
        let call = ActivityDraft {
            kind: Some("call".into()),
            direction: Some("out".into()),
            outcome: Some("reached".into()),
            ..Default::default()
        }
        .parse(at("2026-03-02T09:00:00Z"))
        .unwrap();
        let first = activity_logged(1, &call, false);
        assert_eq!(first.events.iter().map(|e| e.kind).collect::<Vec<_>>(), ["activity.logged", "lead.first_response"]);
        let second = activity_logged(2, &call, true);
        assert_eq!(second.events.len(), 1);
    }
}
