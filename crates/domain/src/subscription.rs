//! Which events a webhook subscription receives: the decision the store makes for every event
//! of a transaction when it fans events out to `webhook` outbox rows, pure.
//!
//! A subscription lists patterns: an event kind (`lead.received`), a family `PREFIX.*` (every
//! kind that starts with `PREFIX.`, at any depth: `notification.*` is `notification.sent`,
//! `notification.failed` …) or `*` (every kind). Whatever the patterns, an event **about a
//! webhook's own delivery** — a `notification.*` event about a notification whose channel is
//! `webhook` (queued, sent, retrying, failed, requeued) — never triggers a webhook: otherwise each
//! delivery would raise an event that asks for another delivery, without end.

use crate::event::DomainEvent;
use serde_json::Value;

/// Whether `pattern` (as stored: `*`, `PREFIX.*` or a kind) names `kind`.
pub fn matches(pattern: &str, kind: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    match pattern.strip_suffix('*') {
        Some(prefix) if prefix.ends_with('.') => kind.len() > prefix.len() && kind.starts_with(prefix),
        _ => pattern == kind,
    }
}

/// Whether an event reports on a webhook delivery: a `notification.*` event about a
/// notification whose channel is `webhook`.
pub fn about_webhook_delivery(e: &DomainEvent) -> bool {
    e.notification_channel() == Some("webhook")
}

/// Whether a subscription with these patterns receives this event.
pub fn wants_event<S: AsRef<str>>(patterns: &[S], e: &DomainEvent) -> bool {
    !about_webhook_delivery(e) && patterns.iter().any(|p| matches(p.as_ref(), e.kind()))
}

/// [`wants_event`] for a stored row (`kind` and its `data`). A row this version cannot read
/// (another version's kind or shape) is judged by its kind and its `channel`, so an old row
/// about a webhook's delivery is never sent either.
pub fn wants<S: AsRef<str>>(patterns: &[S], kind: &str, data: &Value) -> bool {
    match DomainEvent::from_row(kind, data) {
        Some(e) => wants_event(patterns, &e),
        None => {
            let delivery = kind.starts_with("notification.") && data.get("channel").and_then(Value::as_str) == Some("webhook");
            !delivery && patterns.iter().any(|p| matches(p.as_ref(), kind))
        }
    }
}

/// Checks a pattern given by a subscriber: `*`, `PREFIX.*` or a kind, made of lower-case
/// letters, digits, `_` and `.`, at most 64 characters; a `*` anywhere else matches nothing
/// and is refused.
pub fn valid_pattern(p: &str) -> bool {
    if p == "*" {
        return true;
    }
    let body = p.strip_suffix(".*").unwrap_or(p);
    !body.is_empty()
        && p.len() <= 64
        && !body.starts_with('.')
        && !body.ends_with('.')
        && !body.contains("..")
        && body.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Delivery;
    use serde_json::json;

    #[test]
    fn patterns_and_the_webhooks_own_deliveries() {
        let webhook = json!({ "channel": "webhook", "notification_id": 7 });
        let sms = json!({ "channel": "sms", "notification_id": 8 });
        let none = json!({});
        // (patterns, kind, data, wanted)
        let table: &[(&[&str], &str, &Value, bool)] = &[
            (&["*"], "lead.received", &none, true),
            (&["*"], "notification.sent", &sms, true),
            (&["*"], "notification.sent", &webhook, false),
            (&["*"], "notification.queued", &webhook, false),
            (&["*"], "notification.retrying", &webhook, false),
            (&["*"], "notification.failed", &webhook, false),
            (&["*"], "notification.requeued", &webhook, false),
            (&["notification.*"], "notification.sent", &webhook, false),
            (&["notification.*"], "notification.delivered", &sms, true),
            (&["notification.sent"], "notification.sent", &webhook, false),
            (&["notification.sent"], "notification.sent", &sms, true),
            // Only notification events are about deliveries.
            (&["*"], "lead.received", &webhook, true),
            (&["lead.*"], "lead.received", &none, true),
            (&["lead.*"], "lead.first_response", &none, true),
            (&["lead.*"], "leads.merged", &none, false),
            (&["lead.*"], "lead", &none, false),
            (&["task.*"], "lead.received", &none, false),
            (&["lead.received"], "lead.received", &none, true),
            (&["lead.received"], "lead.received_x", &none, false),
            (&["a.*"], "a.b.c", &none, true),
            (&["a.b.*"], "a.b.c", &none, true),
            (&["a.b.*"], "a.bc", &none, false),
            (&["task.*", "lead.received"], "lead.received", &none, true),
            (&[], "lead.received", &none, false),
        ];
        for (patterns, kind, data, wanted) in table {
            assert_eq!(wants(patterns, kind, data), *wanted, "{patterns:?} {kind} {data}");
        }
    }

    #[test]
    fn a_webhooks_own_deliveries_never_trigger_it_whatever_the_kind() {
        let of = |channel: &str| Delivery { notification_id: 7, channel: channel.into(), template: "t".into(), user: None, attempt: 1 };
        let about = |channel: &str| {
            vec![
                DomainEvent::NotificationQueued { channel: channel.into(), user: None, template: "t".into(), urgent: false },
                DomainEvent::notification_sent(false, None, of(channel)),
                DomainEvent::notification_sent(true, Some("p".into()), of(channel)),
                DomainEvent::NotificationRetrying { error: "503".into(), retry_at: "1".into(), of: of(channel) },
                DomainEvent::NotificationFailed { error: "410".into(), of: of(channel) },
                DomainEvent::NotificationRequeued { notification_id: 7, channel: channel.into() },
                DomainEvent::NotificationTest { channel: channel.into(), address: "https://x.example".into(), notification_id: 7 },
            ]
        };
        for e in about("webhook") {
            assert!(about_webhook_delivery(&e), "{e:?}");
            assert!(!wants_event(&["*"], &e) && !wants_event(&["notification.*"], &e) && !wants_event(&[e.kind()], &e));
            let row = e.to_row();
            assert!(!wants(&["*"], row.kind, &row.data), "{e:?}");
        }
        for e in about("sms") {
            assert!(!about_webhook_delivery(&e));
            assert!(wants_event(&["*"], &e) && wants_event(&["notification.*"], &e) && wants_event(&[e.kind()], &e));
            let row = e.to_row();
            assert!(wants(&["*"], row.kind, &row.data), "{e:?}");
            assert!(!wants(&["lead.*"], row.kind, &row.data));
        }
        let skipped = DomainEvent::NotificationSkipped { template: "t".into(), reason: "nobody is the owner".into() };
        assert!(wants_event(&["notification.*"], &skipped));
        let received = DomainEvent::LeadFirstResponse { activity_id: 1 };
        assert!(wants_event(&["lead.*"], &received) && !wants_event(&["task.*"], &received));
    }

    #[test]
    fn patterns_a_subscriber_may_give() {
        for (p, ok) in [
            ("*", true),
            ("lead.*", true),
            ("notification.*", true),
            ("lead.received", true),
            ("a_b.c1", true),
            ("lead*", false),
            ("*.received", false),
            ("lead.*.x", false),
            (".*", false),
            ("lead..x", false),
            ("lead.", false),
            ("Lead.received", false),
            ("", false),
            ("**", false),
        ] {
            assert_eq!(valid_pattern(p), ok, "{p}");
        }
        assert!(!valid_pattern(&"a".repeat(65)));
    }
}
