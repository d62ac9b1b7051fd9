//! `GET /api/v1/events/stream`: Server-Sent Events for the signed-in caller — their in-app
//! notifications the moment they are delivered, every new lead and change on a lead, and new
//! tasks for them (relayed from the store's commits by `pronto_alerts::live::relay`) — so the
//! UI and other clients never poll. Authenticated like the rest of the API (`Authorization: Bearer`).

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::Stream;
use pronto_domain::user::Action;
use serde_json::json;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

/// A live stream of the caller's notifications (`event: notification`), leads (`event: lead`,
/// `{"id", "event": "lead.received" | "lead.assigned" | …}`) and tasks (`event: task`, theirs
/// and those waiting for a role); `event: lagged` when the client fell behind and should reload.
#[utoipa::path(get, path = "/api/v1/events/stream", tag = "notifications",
    responses((status = 200, content_type = "text/event-stream", body = String), (status = 401, body = Problem)),
    security(("bearer" = [])))]
pub async fn stream(State(st): State<AppState>, caller: Caller) -> ApiResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    caller.require(Action::ReadLeads)?;
    let me = caller.user.id;
    let rx = st.live.subscribe();
    let events = futures_util::stream::unfold(rx, move |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(e) if e.user.is_none_or(|u| u == me) => {
                    let event = Event::default().event(e.kind).data(e.data.to_string());
                    return Some((Ok(event), rx));
                }
                Ok(_) => continue,
                Err(RecvError::Lagged(n)) => {
                    let event = Event::default().event("lagged").data(json!({ "missed": n }).to_string());
                    return Some((Ok(event), rx));
                }
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
