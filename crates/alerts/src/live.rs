//! The live feed behind `GET /api/v1/events/stream`: what happened, pushed to connected
//! clients the moment it is committed — a delivered in-app notification (to its recipient
//! only), a new lead and what changes on leads (to everyone signed in), a new or finished task
//! (to its assignee; to everyone when it waits for a role). In memory, per process: a client
//! that connects late reads the rest from the API.

use pronto_domain::DomainEvent;
use serde_json::{Value, json};
use tokio::sync::broadcast;

#[derive(Debug, Clone, PartialEq)]
pub struct LiveEvent {
    /// Only this user sees it; everyone signed in when `None`.
    pub user: Option<i64>,
    /// The SSE event name: `notification`, `lead`, `task`.
    pub kind: &'static str,
    pub data: Value,
}

pub struct Live {
    tx: broadcast::Sender<LiveEvent>,
    /// Told when a client starts watching (the relay then follows the store's commits).
    watched: tokio::sync::Notify,
}

impl Default for Live {
    fn default() -> Self {
        // A slow client that falls this far behind is told so and catches up from the API.
        Live { tx: broadcast::channel(4096).0, watched: tokio::sync::Notify::new() }
    }
}

impl Live {
    pub fn publish(&self, event: LiveEvent) {
        // No subscriber is fine: nobody is watching.
        let _ = self.tx.send(event);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        let rx = self.tx.subscribe();
        self.watched.notify_one();
        rx
    }

    /// How many clients watch.
    pub fn watchers(&self) -> usize {
        self.tx.receiver_count()
    }
}

/// The live form of a committed store event: `lead` (`{"id", "event"}`) for what happens to
/// a lead, `task` (`{"id", "lead_id", "event", …}`) for tasks, to their assignee.
pub fn from_committed(e: &pronto_store::Committed) -> Option<LiveEvent> {
    let lead = e.lead_id;
    // An in-app notification another node delivered: to its recipient, as `worker.rs` sends it.
    if e.kind == pronto_store::records::IN_APP {
        let d = &e.data;
        return Some(LiveEvent {
            user: d["user"].as_i64(),
            kind: "notification",
            data: json!({
                "id": d["id"], "lead_id": lead, "kind": d["kind"], "text": d["text"],
                "urgent": d["urgent"], "created_at": d["created_at"],
            }),
        });
    }
    if let Some(ev) = DomainEvent::from_row(&e.kind, &e.data).filter(DomainEvent::is_about_a_task) {
        return Some(task(&ev, lead));
    }
    Some(LiveEvent { user: None, kind: "lead", data: json!({ "id": lead?, "event": e.kind }) })
}

/// A task event: the task's id and what a list of tasks shows of it, to its assignee (to
/// everyone when it has none).
fn task(ev: &DomainEvent, lead: Option<i64>) -> LiveEvent {
    use DomainEvent::*;
    let mut data = json!({ "id": null, "lead_id": lead, "event": ev.kind() });
    let mut user = None;
    let mut put = |k: &str, v: Value| data[k] = v;
    match ev {
        TaskCreated { task_id, task, title, kind, assignee, role, priority, due_at, .. } => {
            user = *assignee;
            put("id", json!(task_id));
            put("task", json!(task));
            put("title", json!(title));
            put("due_at", json!(due_at));
            if let Some(kind) = kind {
                put("kind", json!(kind));
            }
            if let Some(priority) = priority {
                put("priority", json!(priority));
            }
            if let Some(Some(role)) = role {
                put("role", json!(role));
            }
        }
        TaskCompleted { task_id, task, outcome, .. } => {
            put("id", json!(task_id));
            put("task", json!(task));
            put("outcome", json!(outcome));
        }
        TaskCancelled { task_ids, task, .. } => {
            put("task_ids", json!(task_ids));
            if let Some(task) = task {
                put("task", json!(task));
            }
        }
        TaskRescheduled { task_id, .. } | TaskReassigned { task_id, .. } => put("id", json!(task_id)),
        TaskRetry { task, .. } | TaskRetryScheduled { task, .. } | TaskRetriesExhausted { task, .. } => put("task", json!(task)),
        _ => {}
    }
    LiveEvent { user, kind: "task", data }
}

/// How often the relay looks whether its last client has gone.
const STILL_WATCHED: std::time::Duration = std::time::Duration::from_secs(2);

/// Relays committed store events to the live feed while somebody watches it, until the store
/// goes away. `follow` subscribes to the store's commits: it is called when the first client
/// starts watching, and the subscription is dropped a little after the last one left, so a
/// node nobody watches neither collects its commits nor reads other nodes' (`store::listen`).
pub async fn relay(follow: impl Fn() -> broadcast::Receiver<pronto_store::Committed>, live: std::sync::Arc<Live>) {
    loop {
        while live.watchers() == 0 {
            // A client may subscribe between the look and the wait: look again now and then.
            let _ = tokio::time::timeout(STILL_WATCHED, live.watched.notified()).await;
        }
        let mut rx = follow();
        let mut look = tokio::time::interval(STILL_WATCHED);
        look.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                r = rx.recv() => match r {
                    Ok(e) => {
                        if let Some(ev) = from_committed(&e) {
                            live.publish(ev);
                        }
                    }
                    Err(broadcast::error::RecvError::Lagged(n)) => {
                        tracing::warn!(missed = n, "the live feed fell behind the store");
                        live.publish(LiveEvent { user: None, kind: "lagged", data: json!({ "missed": n }) });
                    }
                    Err(broadcast::error::RecvError::Closed) => return,
                },
                _ = look.tick() => {
                    if live.watchers() == 0 {
                        break;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pronto_store::Committed;

    fn live(kind: &str, lead_id: Option<i64>, data: Value) -> Option<LiveEvent> {
        from_committed(&Committed { kind: kind.into(), lead_id, data })
    }

    #[test]
    fn tasks_go_to_their_assignee_with_what_a_task_list_shows() {
        let by_playbook = json!({ "task_id": 20, "task": "first_call", "title": "Call", "kind": "call", "assignee": 7,
            "role": null, "priority": "high", "due_at": "2026-03-02T09:00:00Z", "attempt": 1 });
        assert_eq!(
            live("task.created", Some(4), by_playbook),
            Some(LiveEvent {
                user: Some(7),
                kind: "task",
                data: json!({ "id": 20, "lead_id": 4, "event": "task.created", "task": "first_call", "title": "Call", "kind": "call",
                    "priority": "high", "due_at": "2026-03-02T09:00:00Z" }),
            })
        );
        let for_a_role = json!({ "task_id": 21, "task": "first_call", "title": "Call", "kind": "call", "assignee": null,
            "role": "consultant", "priority": "normal", "due_at": "2026-03-02T09:00:00Z", "attempt": 2 });
        let e = live("task.created", Some(4), for_a_role).unwrap();
        assert_eq!((e.user, &e.data["role"], &e.data["id"]), (None, &json!("consultant"), &json!(21)));
        let by_hand =
            json!({ "task_id": 22, "task": "manual", "title": "Offer", "assignee": 3, "due_at": "2026-03-02T09:00:00Z", "by": "hand" });
        assert_eq!(
            live("task.created", Some(4), by_hand).unwrap(),
            LiveEvent {
                user: Some(3),
                kind: "task",
                data: json!({ "id": 22, "lead_id": 4, "event": "task.created", "task": "manual", "title": "Offer",
                    "due_at": "2026-03-02T09:00:00Z" }),
            }
        );
        let done = json!({ "task_id": 20, "task": "first_call", "outcome": "reached", "note": null, "attempt": 1 });
        assert_eq!(
            live("task.completed", Some(4), done).unwrap(),
            LiveEvent {
                user: None,
                kind: "task",
                data: json!({ "id": 20, "lead_id": 4, "event": "task.completed", "task": "first_call", "outcome": "reached" }),
            }
        );
        let cancelled = json!({ "task_ids": [20, 21], "task": null, "reason": "the lead was closed (won)" });
        assert_eq!(
            live("task.cancelled", Some(4), cancelled).unwrap().data,
            json!({ "id": null, "lead_id": 4, "event": "task.cancelled", "task_ids": [20, 21] })
        );
    }

    #[test]
    fn what_happens_to_a_lead_goes_to_everyone() {
        assert_eq!(
            live("lead.assigned", Some(4), json!({ "owner": 7, "reason": "given at intake" })),
            Some(LiveEvent { user: None, kind: "lead", data: json!({ "id": 4, "event": "lead.assigned" }) })
        );
        assert_eq!(live("lead.first_response", None, json!({ "activity_id": 1 })), None);
    }
}
