//! `GET /api/v1/events/stream`: Server-Sent Events for the signed-in caller — their in-app
//! notifications the moment they are delivered, every new lead and change on a lead, and new
//! tasks for them (relayed from the store's commits by `pronto_alerts::live::relay`) — so the
//! UI and other clients never poll. Authenticated like the rest of the API (`Authorization: Bearer`).

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Problem};
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::Stream;
use pronto_domain::user::Action;
use serde_json::json;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

/// A live stream of the caller's notifications (`event: notification`, with the `sentence`
/// it says in the caller's language), leads (`event: lead`,
/// `{"id", "event": "lead.received" | "lead.assigned" | …}`) and tasks (`event: task`, theirs
/// and those waiting for a role); `event: lagged` when the client fell behind and should reload.
/// A user may hold `streams_per_user` streams open at once (default 8); one more is 429.
#[utoipa::path(get, path = "/api/v1/events/stream", tag = "notifications",
    responses((status = 200, content_type = "text/event-stream", body = String), (status = 401, body = Problem),
        (status = 429, description = "the user has as many streams open as allowed", body = Problem)),
    security(("bearer" = [])))]
pub async fn stream(State(st): State<AppState>, caller: Caller, headers: axum::http::HeaderMap) -> ApiResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    caller.require(Action::ReadLeads)?;
    let me = caller.user.id;
    let max = st.config.streams_per_user;
    // Held by the stream: given back when the client goes away.
    let slot = st
        .streams
        .open(me, max)
        .ok_or_else(|| ApiError::RateLimited(format!("at most {max} live event streams may be open at once per user; close one first")))?;
    let rx = st.live.subscribe();
    // A notification carries its sentence in the reader's language ("SLA breached: Jana
    // Nováková, web inquiry, 12 min late"), for the desktop or phone notification it shows.
    let accept = headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let tr = crate::ui::i18n::pick(caller.user.language.as_deref(), accept);
    // The stream lives only as long as what opened it: a session that ends (signed out, a
    // password change, deactivation) or a token revoked ends it within `RECHECK`.
    let mut recheck = tokio::time::interval(crate::auth::RECHECK);
    recheck.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    recheck.reset();
    let state = (rx, slot, recheck, st, caller, tr);
    let events = futures_util::stream::unfold(state, move |(mut rx, slot, mut recheck, st, caller, tr)| async move {
        loop {
            let received = tokio::select! {
                r = rx.recv() => r,
                _ = recheck.tick() => {
                    if caller.still_valid(&st).await {
                        continue;
                    }
                    return None;
                }
            };
            match received {
                Ok(e) if e.user.is_none_or(|u| u == me) => {
                    let mut data = e.data;
                    if e.kind == "notification" {
                        data["sentence"] = json!(crate::ui::notify::live_sentence(&st, &tr, &data).await);
                    }
                    let event = Event::default().event(e.kind).data(data.to_string());
                    return Some((Ok(event), (rx, slot, recheck, st, caller, tr)));
                }
                Ok(_) => continue,
                Err(RecvError::Lagged(n)) => {
                    let event = Event::default().event("lagged").data(json!({ "missed": n }).to_string());
                    return Some((Ok(event), (rx, slot, recheck, st, caller, tr)));
                }
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
