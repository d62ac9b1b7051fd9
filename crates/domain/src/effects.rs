//! What a state change causes, decided without I/O: the domain events appended to the event
//! log, the notification intents written to the outbox and the timers set or cancelled. The
//! store writes all of them in the same transaction as the new state.
//!
//! Until the playbook engine takes over (it will produce these from the company's process),
//! the built-in policy is the one every playbook starts from: announce a new lead to its
//! owner (or to the consultants when it has none) and expect a first response in
//! [`FIRST_RESPONSE_DUE`].

use crate::lead::{Channel, LeadStatus, NewActivity, Stage};
use crate::user::Role;
use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};

/// The standard time to a first response (the seeds: "call within 5–10 minutes").
pub const FIRST_RESPONSE_DUE: SignedDuration = SignedDuration::from_secs(10 * 60);
pub const TIMER_FIRST_RESPONSE: &str = "first_response_due";

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

#[derive(Debug, Clone, PartialEq)]
pub struct TimerIntent {
    pub kind: &'static str,
    pub due_at: Timestamp,
    pub payload: Value,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Effects {
    pub events: Vec<Event>,
    pub outbox: Vec<OutboxIntent>,
    pub timers: Vec<TimerIntent>,
    /// Kinds of the lead's pending timers to cancel.
    pub cancel_timers: Vec<&'static str>,
}

/// The facts about a freshly stored lead that its effects depend on.
pub struct ReceivedLead {
    pub lead_id: i64,
    pub contact_id: i64,
    pub contact_is_new: bool,
    pub channel: Channel,
    pub owner: Option<i64>,
    pub received_at: Timestamp,
    pub data: Value,
}

pub fn lead_received(lead: &ReceivedLead) -> Effects {
    let recipient = match lead.owner {
        Some(id) => Recipient::User(id),
        None => Recipient::Role(Role::Consultant),
    };
    let mut events = vec![Event { kind: "lead.received", data: lead.data.clone() }];
    if let Some(owner) = lead.owner {
        events.push(Event { kind: "lead.assigned", data: json!({ "owner": owner }) });
    }
    Effects {
        events,
        outbox: vec![OutboxIntent {
            channel: "in_app",
            recipient,
            kind: "lead.received",
            key: format!("lead/{}/received", lead.lead_id),
            payload: json!({ "lead_id": lead.lead_id, "channel": lead.channel.as_str() }),
        }],
        timers: vec![TimerIntent {
            kind: TIMER_FIRST_RESPONSE,
            due_at: lead.received_at + FIRST_RESPONSE_DUE,
            payload: json!({ "lead_id": lead.lead_id }),
        }],
        cancel_timers: vec![],
    }
}

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
        fx.cancel_timers.push(TIMER_FIRST_RESPONSE);
    }
    fx
}

/// A change of one field, as the patch command saw it.
pub struct FieldChange {
    pub field: &'static str,
    pub from: Value,
    pub to: Value,
}

/// Effects of editing a lead: one event per kind of change; a new owner is told.
pub fn lead_changed(lead_id: i64, changes: &[FieldChange]) -> Effects {
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
                        key: format!("lead/{lead_id}/assigned/{owner}/{}", c.from),
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
    if changes.iter().any(|c| c.field == "status" && c.to != json!(LeadStatus::Open.as_str())) {
        fx.cancel_timers.push(TIMER_FIRST_RESPONSE);
    }
    fx
}

/// The status a patch leads to: an explicit status wins, else the one the new stage implies.
pub fn resulting_status(current: LeadStatus, stage: Option<Stage>, status: Option<LeadStatus>) -> LeadStatus {
    status.or_else(|| stage.and_then(Stage::implied_status)).unwrap_or(current)
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

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn a_new_lead_is_announced_and_expects_a_first_response() {
        let fx = lead_received(&ReceivedLead {
            lead_id: 7,
            contact_id: 3,
            contact_is_new: true,
            channel: Channel::Web,
            owner: None,
            received_at: at("2026-03-02T09:00:00Z"),
            data: json!({}),
        });
        assert_eq!(fx.events.len(), 1);
        assert_eq!(fx.outbox[0].recipient, Recipient::Role(Role::Consultant));
        assert_eq!(fx.outbox[0].key, "lead/7/received");
        assert_eq!(fx.timers[0].due_at, at("2026-03-02T09:10:00Z"));
    }

    #[test]
    fn only_the_first_response_cancels_the_timer() {
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
        assert_eq!(first.cancel_timers, [TIMER_FIRST_RESPONSE]);
        let second = activity_logged(2, &call, true);
        assert_eq!(second.events.len(), 1);
        assert!(second.cancel_timers.is_empty());
    }

    #[test]
    fn status_follows_stage_unless_given() {
        assert_eq!(resulting_status(LeadStatus::Open, Some(Stage::Won), None), LeadStatus::Won);
        assert_eq!(resulting_status(LeadStatus::Open, Some(Stage::Offer), None), LeadStatus::Open);
        assert_eq!(resulting_status(LeadStatus::Open, Some(Stage::Won), Some(LeadStatus::Junk)), LeadStatus::Junk);
    }
}
