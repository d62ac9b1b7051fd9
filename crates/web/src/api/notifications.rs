//! `/api/v1/notifications`: the record of every alert the system sent or tried to send,
//! written by the playbook as outbox intents (delivery is the outbox worker's).

use crate::AppState;
use crate::auth::Caller;
use crate::dto::*;
use crate::error::{ApiError, ApiResult, Problem};
use axum::Json;
use axum::extract::{RawQuery, State};
use pronto_domain::FieldErrors;
use pronto_domain::user::Action;
use pronto_store::NotificationFilter;

#[derive(Debug, Default, serde::Deserialize)]
struct NotificationQuery {
    lead: Option<String>,
    recipient: Option<String>,
    limit: Option<String>,
}

/// List notifications: one lead's oldest first, otherwise newest first. Users other than
/// admins and managers see their own only.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications",
    params(
        ("lead" = Option<String>, Query, description = "A lead id"),
        ("recipient" = Option<String>, Query, description = "A user id, or `me`"),
        ("limit" = Option<String>, Query, description = "1 to 1000 (default 200)")),
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
    e.into_result()?;
    // Deny by default: another person's alerts are for admins and managers.
    let recipient = if caller.role.may(Action::ReadAllNotifications) {
        recipient
    } else {
        match recipient {
            Some(r) if r != caller.user.id => return Err(ApiError::Forbidden("you may list your own notifications only".into())),
            _ => Some(caller.user.id),
        }
    };
    let items = st.store.notifications(&NotificationFilter { lead, recipient, before: None, limit }).await?;
    Ok(Json(NotificationList { items: items.into_iter().map(Into::into).collect() }))
}
