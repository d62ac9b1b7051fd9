//! What the customer may see of their inquiry's history: a fixed allow-list from the lead's
//! events to customer-safe happenings. Anything not listed here (notes, tasks, SLAs,
//! escalations, notifications, assignments' names, rules, internal reasons, other people) is
//! never shown on the customer's page. Each happening carries only what the customer may read:
//! the role of whoever acted (never a name), the customer's own words, their own file names.

use crate::event::DomainEvent;
use crate::user::Role;
use serde_json::Value;

/// One line of the customer's timeline, before it is worded in their language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Happened {
    /// The inquiry arrived, by this channel (`web`, `email`, `phone`, …).
    Received { channel: String },
    /// Someone took charge of the inquiry (who, the page says once, from the current owner).
    Assigned,
    /// The inquiry moved to this stage (the internal id: the page shows the playbook's
    /// customer title, or nothing for a hidden stage).
    Step { stage: String },
    /// We called and spoke to them.
    CalledYou { role: Option<Role> },
    /// We called and did not get through.
    TriedToCall { role: Option<Role> },
    /// They called us.
    YouCalled,
    /// We sent an e-mail.
    EmailedYou { role: Option<Role> },
    /// They wrote an e-mail.
    YouEmailed,
    /// We sent a text message.
    TextedYou { role: Option<Role> },
    /// We met.
    Met { role: Option<Role> },
    /// They wrote on their page; their own words.
    YouWrote { text: String },
    /// They asked to be called back at this time (RFC 3339).
    YouAskedCallback { at: String },
    /// They sent a document; its name as they gave it.
    YouSentDocument { name: String },
}

/// The event kinds that can ever reach the customer (the store reads only these rows); every
/// other kind is dropped unread.
pub const CUSTOMER_EVENT_KINDS: &[&str] =
    &["lead.received", "lead.assigned", "lead.stage_changed", "activity.logged", "customer.callback", "customer.document"];

/// What a stored event row means to the customer, if anything: [`happened`] of the row read
/// back; a row this version cannot read means nothing to them.
pub fn customer_view(kind: &str, data: &Value, role: Option<Role>) -> Option<Happened> {
    if !CUSTOMER_EVENT_KINDS.contains(&kind) {
        return None;
    }
    happened(&DomainEvent::from_row(kind, data)?, role)
}

/// What an event of the lead's timeline means to the customer, if anything. `role` is the role
/// of the person who caused it (never their name).
pub fn happened(e: &DomainEvent, role: Option<Role>) -> Option<Happened> {
    match e {
        DomainEvent::LeadReceived { channel, .. } => Some(Happened::Received { channel: channel.clone() }),
        DomainEvent::LeadAssigned { .. } => Some(Happened::Assigned),
        DomainEvent::LeadStageChanged { to, .. } => Some(Happened::Step { stage: to.clone() }),
        DomainEvent::CustomerCallback { at, .. } => Some(Happened::YouAskedCallback { at: at.to_string() }),
        DomainEvent::CustomerDocument { filename, .. } => Some(Happened::YouSentDocument { name: filename.clone() }),
        DomainEvent::ActivityLogged { activity, direction, outcome, body, .. } => {
            let inbound = direction.as_deref() == Some("in");
            match activity.as_str() {
                "call" if inbound => Some(Happened::YouCalled),
                "call" => match outcome.as_deref() {
                    Some("no_answer" | "busy" | "failed" | "missed") => Some(Happened::TriedToCall { role }),
                    _ => Some(Happened::CalledYou { role }),
                },
                "email" if inbound => Some(Happened::YouEmailed),
                "email" => Some(Happened::EmailedYou { role }),
                "sms" if inbound => None,
                "sms" => Some(Happened::TextedYou { role }),
                "meeting" => Some(Happened::Met { role }),
                "message" => Some(Happened::YouWrote { text: body.clone().unwrap_or_default() }),
                // `note` is internal; `callback` and `document` are shown from their own
                // events, which carry the time asked for and the file's name.
                _ => None,
            }
        }
        _ => None,
    }
}

/// The first name of a person's full name, which is all the customer learns of who takes
/// care of them.
pub fn first_name(full: &str) -> &str {
    full.split_whitespace().next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_the_allowed_events_reach_the_customer() {
        let secret = "INTERNAL-MARKER-7731";
        // Internal happenings, whatever they carry, are dropped.
        for (kind, data) in [
            ("activity.logged", json!({ "activity": "note", "body": secret })),
            ("task.created", json!({ "title": secret })),
            ("sla.breached", json!({ "sla": secret })),
            ("notification.queued", json!({ "text": secret })),
            ("escalation.step", json!({ "user": secret })),
            ("playbook.rule", json!({ "rule": secret })),
            ("activity.logged", json!({ "activity": "sms", "direction": "in", "body": secret })),
            ("activity.logged", json!({ "activity": "callback", "body": secret })),
            ("lead.patched", json!({ "field": secret })),
        ] {
            assert_eq!(customer_view(kind, &data, None), None, "{kind} {data}");
        }
        // An assignment never names anyone, even when its data does.
        let a = customer_view("lead.assigned", &json!({ "owner": 7, "reason": secret }), None).unwrap();
        assert!(!format!("{a:?}").contains(secret));
        // Internal bodies of outgoing activities are not carried either.
        let called = customer_view(
            "activity.logged",
            &json!({ "activity": "call", "direction": "out", "outcome": "reached", "body": secret }),
            Some(Role::Consultant),
        )
        .unwrap();
        assert_eq!(called, Happened::CalledYou { role: Some(Role::Consultant) });
        assert!(!format!("{called:?}").contains(secret));
    }

    #[test]
    fn activities_are_told_from_the_customers_side() {
        let v = |d: Value| customer_view("activity.logged", &d, Some(Role::Specialist));
        assert_eq!(
            v(json!({ "activity": "call", "direction": "out", "outcome": "no_answer" })),
            Some(Happened::TriedToCall { role: Some(Role::Specialist) })
        );
        assert_eq!(v(json!({ "activity": "call", "direction": "in", "outcome": "missed" })), Some(Happened::YouCalled));
        assert_eq!(v(json!({ "activity": "email", "direction": "in" })), Some(Happened::YouEmailed));
        assert_eq!(v(json!({ "activity": "email", "direction": "out" })), Some(Happened::EmailedYou { role: Some(Role::Specialist) }));
        assert_eq!(v(json!({ "activity": "meeting" })), Some(Happened::Met { role: Some(Role::Specialist) }));
        assert_eq!(v(json!({ "activity": "message", "direction": "in", "body": "Hi" })), Some(Happened::YouWrote { text: "Hi".into() }));
        assert_eq!(
            customer_view("lead.stage_changed", &json!({ "from": "received", "to": "contacted" }), None),
            Some(Happened::Step { stage: "contacted".into() })
        );
        assert_eq!(
            customer_view("customer.document", &json!({ "filename": "ico.pdf", "file_id": 3 }), None),
            Some(Happened::YouSentDocument { name: "ico.pdf".into() })
        );
        for k in CUSTOMER_EVENT_KINDS {
            assert!(!k.is_empty());
            assert!(DomainEvent::KINDS.contains(k), "{k} is not a domain event");
        }
    }

    #[test]
    fn only_the_first_name_is_told() {
        assert_eq!(first_name("Jana  Nováková"), "Jana");
        assert_eq!(first_name(""), "");
    }
}
