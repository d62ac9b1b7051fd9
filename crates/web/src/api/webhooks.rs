//! `/api/v1/webhooks`: other systems subscribe to Pronto's events (admin only). Deliveries go
//! through the outbox like every alert — retried, logged in `/api/v1/notifications`, signed per
//! the Standard Webhooks specification with the subscription's secret (shown once).

use super::{or_not_found, path_id};
use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::json_body;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use pronto_domain::FieldErrors;
use pronto_domain::user::Action;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct WebhookIn {
    /// `https://…` (or `http://`) with a host, no credentials, no spaces, at most 2000
    /// characters; addresses inside the network are refused at delivery.
    #[schema(value_type = String, required = true, max_length = 2000, pattern = r"^https?://([A-Za-z0-9.-]+)(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?([/?#][^ \u0000-\u001f\u007f-\u009f]*)?$")]
    pub url: Option<String>,
    /// What to receive, 1–50 patterns: an event kind (`lead.received`, `task.created` …);
    /// `PREFIX.*` for every kind that starts with `PREFIX.` (`lead.*` is `lead.received`,
    /// `lead.assigned` …; `notification.*` every delivery event); `*` for every event. Whatever
    /// the patterns, events about a webhook's own deliveries (`notification.*` events of a
    /// notification on the `webhook` channel) are never delivered to any webhook, so no
    /// delivery causes another. A `*` anywhere else is refused.
    #[schema(required = true, inline, value_type = Vec<EventPattern>, min_items = 1, max_items = 50)]
    pub events: Option<Vec<String>>,
}

/// An event kind (lower-case letters, digits and `_`, in parts joined by `.`), `PREFIX.*`, or `*`.
#[derive(ToSchema)]
#[schema(value_type = String, max_length = 64, pattern = r"^(\*|[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?)$")]
#[allow(dead_code)]
pub struct EventPattern(String);

#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookOut {
    pub id: i64,
    pub url: String,
    pub events: Vec<String>,
    pub created_at: String,
    /// `whsec_…`: only in the answer that created it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookList {
    pub items: Vec<WebhookOut>,
}

/// Subscribe a URL to events; the answer carries the signing secret, once.
#[utoipa::path(post, path = "/api/v1/webhooks", tag = "webhooks", request_body = WebhookIn,
    responses((status = 201, body = WebhookOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create(
    State(st): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<(StatusCode, Json<WebhookOut>)> {
    caller.require(Action::ManageWebhooks)?;
    let (input, _): (WebhookIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let url = input.url.as_deref().map(str::trim).unwrap_or("").to_owned();
    let events = input.events.unwrap_or_default();
    let (id, secret) = subscribe(&st, &url, events.clone(), Some(caller.user.id)).await?;
    st.audit_change(&caller, crate::audit::kind::WEBHOOK_CREATED, Some(format!("webhook/{id}")), serde_json::json!({ "url": url, "events": events }))
        .await;
    let w =
        st.store.webhooks().await?.into_iter().find(|w| w.id == id).ok_or_else(|| ApiError::Internal("the new webhook is gone".into()))?;
    Ok((
        StatusCode::CREATED,
        Json(WebhookOut { id, url: w.url, events: w.events, created_at: w.created_at.to_string(), secret: Some(secret) }),
    ))
}

/// A URL a webhook may be sent to: http(s) with a host, no credentials, short.
fn reqwest_free_url_check(url: &str) -> Result<(), String> {
    let rest =
        url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).ok_or_else(|| format!("`{url}` is not an http(s) URL"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if url.len() > 2000 || url.chars().any(|c| c.is_control() || c == ' ') || !authority_ok(authority) {
        return Err(format!("`{url}` is not a usable URL (a host name or address and a port, no credentials, no spaces)"));
    }
    Ok(())
}

/// `host[:port]`: a name of letters, digits, `.` and `-`, or `[IPv6]`; a port from 1 to 65535.
/// (The description shows names only: an IPv6 literal is accepted, not advertised.)
fn authority_ok(authority: &str) -> bool {
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.starts_with('[') || h.ends_with(']') => (h, Some(p)),
        _ => (authority, None),
    };
    let host_ok = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(v6) => v6.parse::<std::net::Ipv6Addr>().is_ok(),
        None => !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'),
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok_and(|n| n > 0));
    host_ok && port_ok
}

/// The subscriptions (without their secrets).
#[utoipa::path(get, path = "/api/v1/webhooks", tag = "webhooks",
    responses((status = 200, body = WebhookList), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(State(st): State<AppState>, caller: Caller) -> ApiResult<Json<WebhookList>> {
    caller.require(Action::ManageWebhooks)?;
    let items = st
        .store
        .webhooks()
        .await?
        .into_iter()
        .map(|w| WebhookOut { id: w.id, url: w.url, events: w.events, created_at: w.created_at.to_string(), secret: None })
        .collect();
    Ok(Json(WebhookList { items }))
}

/// End a subscription; deliveries already queued are not sent.
#[utoipa::path(delete, path = "/api/v1/webhooks/{id}", tag = "webhooks", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn delete(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<StatusCode> {
    caller.require(Action::ManageWebhooks)?;
    let id = path_id(&id, "webhook")?;
    st.store.delete_webhook(id, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "webhook"))?;
    st.audit_change(&caller, crate::audit::kind::WEBHOOK_DELETED, Some(format!("webhook/{id}")), serde_json::json!({})).await;
    Ok(StatusCode::NO_CONTENT)
}

/// Validates and stores a subscription (the API and the admin page): (id, the secret).
pub async fn subscribe(st: &AppState, url: &str, events: Vec<String>, actor: Option<i64>) -> ApiResult<(i64, String)> {
    let mut e = FieldErrors::new();
    let url = url.trim();
    match reqwest_free_url_check(url) {
        Ok(()) => {}
        Err(m) => e.add("url", m),
    }
    let events: Vec<String> = events.into_iter().map(|s| s.trim().to_owned()).collect();
    if events.is_empty() || events.len() > 50 {
        e.add("events", "give 1 to 50 event kinds, e.g. [\"lead.received\"], [\"lead.*\"] or [\"*\"]");
    }
    for ev in &events {
        if !pronto_domain::subscription::valid_pattern(ev) {
            e.add("events", format!("`{ev}` is not an event kind, `PREFIX.*` or `*`"));
        }
    }
    e.into_result()?;
    let mut random = [0u8; 24];
    getrandom::fill(&mut random).map_err(|e| ApiError::Internal(format!("no randomness: {e}")))?;
    let secret = pronto_alerts::signing::new_secret(random);
    let id = st.store.create_webhook(url.to_owned(), events, secret.clone(), actor).await?;
    Ok((id, secret))
}

#[cfg(test)]
mod tests {
    use super::reqwest_free_url_check;

    #[test]
    fn a_webhook_url_has_a_host_and_maybe_a_port() {
        for ok in ["https://hooks.example.com/x", "http://10.0.0.1:8080/a?b#c", "https://[2001:db8::1]:443/", "https://h"] {
            assert!(reqwest_free_url_check(ok).is_ok(), "{ok}");
        }
        for bad in ["ftp://x", "https://", "https://a@b/", "https://]<x/", "https://[x", "https://[ABF:C.]/", "https://h:0/", "https://h:65536/", "https://h:/", "https://h x/", "https://h/\u{85}"] {
            assert!(reqwest_free_url_check(bad).is_err(), "{bad}");
        }
    }
}
