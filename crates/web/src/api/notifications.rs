//! `/api/v1/notifications`: the record of every alert the system sent or tried to send,
//! written by the playbook as outbox intents (delivery is the outbox worker's).

use crate::AppState;
use crate::auth::Caller;
use crate::dto::*;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::json_body;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use pronto_domain::FieldErrors;
use pronto_domain::user::Action;
use pronto_store::NotificationFilter;

#[derive(Debug, Default, serde::Deserialize)]
struct NotificationQuery {
    lead: Option<String>,
    recipient: Option<String>,
    unread: Option<String>,
    status: Option<String>,
    limit: Option<String>,
}

/// List notifications: one lead's oldest first, otherwise newest first. Users other than
/// admins and managers see their own only.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications",
    params(
        ("lead" = Option<String>, Query, description = "A lead id", pattern = r"^([1-9][0-9]{0,17})?$"),
        ("recipient" = Option<String>, Query, description = "A user id, or `me`", pattern = r"^([1-9][0-9]{0,17}|me)?$"),
        ("unread" = Option<String>, Query, description = "`true`: in-app notifications not yet read (the notification centre)", pattern = r"^(true|false)?$"),
        ("status" = Option<String>, Query, description = "`queued`, `sending`, `sent`, `delivered` or `failed` (the dead-letter list)", pattern = r"^(queued|sending|sent|delivered|failed)?$"),
        ("limit" = Option<String>, Query, description = "1 to 1000 (default 200)", pattern = r"^([1-9][0-9]{0,2}|1000)?$")),
    responses((status = 200, body = NotificationList), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_notifications(State(st): State<AppState>, caller: Caller, RawQuery(raw): RawQuery) -> ApiResult<Json<NotificationList>> {
    caller.require(Action::ReadLeads)?;
    let q: NotificationQuery = serde_urlencoded::from_str(raw.as_deref().unwrap_or(""))
        .map_err(|e| ApiError::BadRequest(format!("malformed query string: {e}")))?;
    let nonblank = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let mut e = FieldErrors::new();
    let lead = match nonblank(&q.lead) {
        None => None,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                e.add("lead", "must be a lead id");
                None
            }
        },
    };
    let recipient = match nonblank(&q.recipient).as_deref() {
        None => None,
        Some("me") => Some(caller.user.id),
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                e.add("recipient", "must be a user id or `me`");
                None
            }
        },
    };
    let limit = super::limit_param(&mut e, nonblank(&q.limit), 200, 1000);
    let unread = match nonblank(&q.unread).as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => {
            e.add("unread", "must be true or false");
            false
        }
    };
    let status = match nonblank(&q.status) {
        Some(s) if ["queued", "sending", "sent", "delivered", "failed"].contains(&s.as_str()) => Some(s),
        Some(s) => {
            e.add("status", format!("`{s}` is not one of: queued, sending, sent, delivered, failed"));
            None
        }
        None => None,
    };
    e.into_result()?;
    // Deny by default: another person's alerts are for admins and managers.
    let recipient = if caller.role.may(Action::ReadAllNotifications, &pronto_domain::user::On::NOTHING) {
        recipient
    } else {
        match recipient {
            Some(r) if r != caller.user.id => return Err(ApiError::Forbidden("you may list your own notifications only".into())),
            _ => Some(caller.user.id),
        }
    };
    let items = st.store.notifications(&NotificationFilter { lead, recipient, unread, status, before: None, limit }).await?;
    Ok(Json(NotificationList { items: items.into_iter().map(Into::into).collect() }))
}

/// Mark the caller's in-app notifications read: the ones named, or all of them.
#[utoipa::path(post, path = "/api/v1/notifications/read", tag = "notifications", request_body = MarkReadIn,
    responses((status = 200, body = MarkedRead), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn mark_read(State(st): State<AppState>, caller: Caller, headers: HeaderMap, body: Body) -> ApiResult<Json<MarkedRead>> {
    caller.require(Action::ReadLeads)?;
    let (input, _): (MarkReadIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let marked = crate::app::notifications::mark_read(&st, &caller, input.ids.unwrap_or_default()).await?;
    Ok(Json(MarkedRead { marked }))
}

/// Queue a failed notification again (the dead-letter list): admins and managers.
#[utoipa::path(post, path = "/api/v1/notifications/{id}/retry", tag = "notifications",
    params(("id" = i64, Path)),
    responses((status = 200, body = NotificationOut), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn retry(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<NotificationOut>> {
    caller.require(Action::ReadAllNotifications)?;
    let id = super::path_id(&id, "notification")?;
    Ok(Json(crate::app::notifications::retry(&st, &caller, id).await?.into()))
}
