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
    /// `https://…` (or `http://`); addresses inside the network are refused at delivery.
    pub url: Option<String>,
    /// Event kinds (`lead.received`, `task.created` …), `lead.*` for a family, `*` for all.
    pub events: Option<Vec<String>>,
}

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
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.contains('@') || url.len() > 2000 || url.chars().any(|c| c.is_control() || c == ' ') {
        return Err(format!("`{url}` is not a usable URL (a host, no credentials, no spaces)"));
    }
    Ok(())
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
        if ev.is_empty()
            || ev.len() > 64
            || !ev.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '*'))
        {
            e.add("events", format!("`{ev}` is not an event kind"));
        }
    }
    e.into_result()?;
    let mut random = [0u8; 24];
    getrandom::fill(&mut random).map_err(|e| ApiError::Internal(format!("no randomness: {e}")))?;
    let secret = pronto_alerts::signing::new_secret(random);
    let id = st.store.create_webhook(url.to_owned(), events, secret.clone(), actor).await?;
    Ok((id, secret))
}
