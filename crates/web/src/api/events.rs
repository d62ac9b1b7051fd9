//! `GET /api/v1/events/stream`: Server-Sent Events for the signed-in caller — their in-app
//! notifications the moment they are delivered, and every new lead — so the UI and other
//! clients never poll. Authenticated like the rest of the API (`Authorization: Bearer`).

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::Stream;
use pronto_alerts::LiveEvent;
use pronto_domain::user::Action;
use serde_json::json;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

/// Tells connected clients about a lead that was just stored (its commit has returned).
pub fn lead_created(st: &AppState, id: i64) {
    st.live.publish(LiveEvent { user: None, kind: "lead", data: json!({ "id": id, "event": "lead.received" }) });
}

/// A live stream of the caller's notifications (`event: notification`) and new leads
/// (`event: lead`); `event: lagged` when the client fell behind and should reload.
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
