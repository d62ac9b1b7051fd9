//! The live feed behind `GET /api/v1/events/stream`: what happened, pushed to connected
//! clients the moment it is committed — a delivered in-app notification (to its recipient
//! only) and a new lead (to everyone signed in). In memory, per process: a client that
//! connects late reads the rest from the API.

use serde_json::Value;
use tokio::sync::broadcast;

#[derive(Debug, Clone, PartialEq)]
pub struct LiveEvent {
    /// Only this user sees it; everyone signed in when `None`.
    pub user: Option<i64>,
    /// The SSE event name: `notification`, `lead`.
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
