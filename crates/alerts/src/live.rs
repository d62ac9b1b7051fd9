//! The live feed behind `GET /api/v1/events/stream`: what happened, pushed to connected
//! clients the moment it is committed — a delivered in-app notification (to its recipient
//! only), a new lead and what changes on leads (to everyone signed in), a new or finished task
//! (to its assignee; to everyone when it waits for a role). In memory, per process: a client
//! that connects late reads the rest from the API.

use serde_json::Value;
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
}

impl Default for Live {
    fn default() -> Self {
        // A slow client that falls this far behind is told so and catches up from the API.
        Live { tx: broadcast::channel(4096).0 }
    }
}

impl Live {
    pub fn publish(&self, event: LiveEvent) {
        // No subscriber is fine: nobody is watching.
        let _ = self.tx.send(event);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.tx.subscribe()
    }
}

/// The live form of a committed store event: `lead` (`{"id", "event"}`) for what happens to
/// a lead, `task` (`{"id", "lead_id", "event", …}`) for tasks, to their assignee.
pub fn from_committed(e: &pronto_store::Committed) -> Option<LiveEvent> {
    let lead = e.lead_id;
    if e.kind.starts_with("task.") {
        let assignee = e.data["assignee"].as_i64();
        let mut data = serde_json::json!({ "id": e.data["task_id"], "lead_id": lead, "event": e.kind });
        for k in ["task", "task_ids", "title", "kind", "priority", "due_at", "role", "outcome"] {
            if let Some(v) = e.data.get(k).filter(|v| !v.is_null()) {
                data[k] = v.clone();
            }
        }
        return Some(LiveEvent { user: assignee, kind: "task", data });
    }
    Some(LiveEvent { user: None, kind: "lead", data: serde_json::json!({ "id": lead?, "event": e.kind }) })
}

/// Relays committed store events to the live feed until the store goes away.
pub async fn relay(mut rx: broadcast::Receiver<pronto_store::Committed>, live: std::sync::Arc<Live>) {
    loop {
        match rx.recv().await {
            Ok(e) => {
                if let Some(ev) = from_committed(&e) {
                    live.publish(ev);
                }
            }
            Err(broadcast::error::RecvError::Lagged(n)) => {
                tracing::warn!(missed = n, "the live feed fell behind the store");
                live.publish(LiveEvent { user: None, kind: "lagged", data: serde_json::json!({ "missed": n }) });
            }
            Err(broadcast::error::RecvError::Closed) => return,
        }
    }
}
