//! What a state change causes, decided without I/O: the domain events appended to the event
//! log and the notification intents written to the outbox. The
//! store writes all of them in the same transaction as the new state.
//!
//! What the company's process adds (tasks, alerts, timers) is the playbook engine's to decide
//! (`pronto_playbook`); these are the facts every change records whatever the playbook.

use crate::event::{DomainEvent, FromTo};
use crate::lead::NewActivity;
use crate::user::Role;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// A domain event as stored: its kind and its data. Built from a [`DomainEvent`]
/// (`event.into()`); read back with [`DomainEvent::from_row`].
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

/// Effects of logging an activity; `lead_had_response` says whether the lead had a response
/// before (the first one is marked).
pub fn activity_logged(activity_id: i64, a: &NewActivity, lead_had_response: bool) -> Effects {
    let logged = DomainEvent::ActivityLogged {
        activity_id,
        activity: a.kind.as_str().to_owned(),
        direction: a.direction.map(|d| d.as_str().to_owned()),
        outcome: a.outcome.map(|o| o.as_str().to_owned()),
        body: a.body.as_ref().map(|b| b.as_str().to_owned()),
    };
    let mut fx = Effects { events: vec![logged.into()], ..Default::default() };
    if a.is_response() && !lead_had_response {
        fx.events.push(DomainEvent::LeadFirstResponse { activity_id }.into());
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
    let mut other = BTreeMap::new();
    let text = |v: &Value| v.as_str().map(str::to_owned);
    for c in changes {
        match c.field {
            "stage" => {
                fx.events.push(DomainEvent::LeadStageChanged { from: text(&c.from), to: text(&c.to).unwrap_or_default(), by: None }.into())
            }
            "status" => {
                fx.events.push(DomainEvent::LeadStatusChanged { from: text(&c.from), to: text(&c.to).unwrap_or_default(), by: None }.into())
            }
            "owner" => {
                let owner = c.to.as_i64();
                fx.events.push(DomainEvent::LeadAssigned { from: Some(c.from.as_i64()), owner, reason: None, by: None }.into());
                if let Some(owner) = owner {
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
                other.insert(field.to_owned(), FromTo { from: c.from.clone(), to: c.to.clone() });
            }
        }
    }
    if !other.is_empty() {
        fx.events.push(DomainEvent::LeadUpdated(other).into());
    }
    fx
}

/// Drops the `null` members of an object (rows whose writers leave absent parts out).
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

    #[test]
    fn an_edit_by_hand_records_what_it_always_did() {
        let ch = |field, from, to| FieldChange { field, from, to };
        let fx = lead_changed(
            4,
            "p1.1",
            &[
                ch("stage", json!("received"), json!("contacted")),
                ch("status", json!("open"), json!("lost")),
                ch("owner", Value::Null, json!(7)),
                ch("subject", Value::Null, json!("Roof")),
                ch("product", json!("a"), Value::Null),
            ],
        );
        let rows: Vec<(&str, Value)> = fx.events.into_iter().map(|e| (e.kind, e.data)).collect();
        assert_eq!(
            rows,
            [
                ("lead.stage_changed", json!({ "from": "received", "to": "contacted" })),
                ("lead.status_changed", json!({ "from": "open", "to": "lost" })),
                ("lead.assigned", json!({ "from": null, "owner": 7 })),
                ("lead.updated", json!({ "subject": { "from": null, "to": "Roof" }, "product": { "from": "a", "to": null } })),
            ]
        );
        assert_eq!(fx.outbox.len(), 1);
        assert_eq!(fx.outbox[0].key, "lead/4/assigned/7/p1.1");
    }

    #[test]
    fn an_activity_leaves_out_what_it_lacks() {
        let note = ActivityDraft { kind: Some("note".into()), body: Some("hi".into()), ..Default::default() }
            .parse(at("2026-03-02T09:00:00Z"))
            .unwrap();
        let fx = activity_logged(3, &note, false);
        assert_eq!(fx.events.len(), 1);
        assert_eq!(fx.events[0].data, json!({ "activity_id": 3, "activity": "note", "body": "hi" }));
    }
}
