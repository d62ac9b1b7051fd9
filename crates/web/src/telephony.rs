//! `POST /hooks/telephony`: the phone exchange reports its calls. Two formats on one address:
//!
//! - **JSON** (the contract): `{"event", "call_id", "from", "to", "at", "answered_by",
//!   "duration_s"}` plus `direction`, `hold_s`, `transferred_to`, signed per Standard
//!   Webhooks with `PRONTO_TELEPHONY_SECRET`; a stale (±5 min) or bad signature is `401`, a
//!   repeated `webhook-id` changes nothing.
//! - **Twilio voice status callbacks** (form-encoded `CallSid`, `CallStatus`, `From`, `To`,
//!   `Direction`, `CallDuration`), verified by `X-Twilio-Signature` with
//!   `PRONTO_TELEPHONY_TWILIO_TOKEN` over the public URL (`PRONTO_PUBLIC_URL` + the path).
//!
//! Every event goes to the store as one command; the call's state is folded there.

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use axum::Json;
use axum::body::Body;
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, header};
use axum::routing::post;
use axum::Router;
use pronto_domain::FieldErrors;
use pronto_domain::call::{CallEvent, CallEventKind};
use pronto_domain::lead::Direction;
use pronto_domain::values::Phone;
use serde::Serialize;
use serde_json::Value;

pub fn router() -> Router<AppState> {
    Router::new().route("/hooks/telephony", post(hook))
}

#[derive(Debug, Serialize)]
pub struct HookAnswer {
    /// `recorded` or `duplicate` (the same delivery came before: nothing changed).
    pub status: &'static str,
    pub call_id: Option<i64>,
    pub lead_id: Option<i64>,
}

/// How far a `webhook-timestamp` may be from now.
const TOLERANCE_S: i64 = 300;

async fn hook(State(st): State<AppState>, OriginalUri(uri): OriginalUri, headers: HeaderMap, body: Body) -> ApiResult<Json<HookAnswer>> {
    let bytes = axum::body::to_bytes(body, st.config.body_limit).await.map_err(|_| ApiError::TooLarge(st.config.body_limit))?;
    let ct = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    let (source, webhook_id, event) = if ct.starts_with("application/x-www-form-urlencoded") {
        twilio(&st, &uri, &headers, &bytes)?
    } else if ct.starts_with("application/json") {
        generic(&st, &headers, &bytes)?
    } else {
        return Err(ApiError::UnsupportedMediaType("application/json (signed per Standard Webhooks) or a Twilio form callback".into()));
    };
    let region = st.region();
    let mut event = event;
    // The registry keeps numbers in E.164 (as sent when they are not phone numbers: an
    // extension, "anonymous").
    for n in [&mut event.from, &mut event.to] {
        if let Some(p) = n.as_deref().and_then(|raw| Phone::parse(raw, region).ok()) {
            *n = Some(p.as_str().to_owned());
        }
    }
    let customer = match event.direction {
        Direction::In => event.from.as_deref(),
        Direction::Out => event.to.as_deref(),
    };
    let customer_phone = customer.and_then(|n| Phone::parse(n, region).ok());
    // Whoever took the call may be named by the phone it was forwarded to.
    if let Some(by) = &event.answered_by
        && by.chars().any(|c| c.is_ascii_digit())
        && let Ok(p) = Phone::parse(by, region)
    {
        event.answered_by = Some(p.as_str().to_owned());
    }
    if let Some(to) = &event.transferred_to
        && let Ok(p) = Phone::parse(to, region)
    {
        event.transferred_to = Some(p.as_str().to_owned());
    }
    let input = pronto_store::CallIn {
        source: source.into(),
        webhook_id,
        event,
        customer_phone,
        source_label: "phone".into(),
        playbook: None,
        canary_run: canary_run(&st, &ct, &bytes),
    };
    let r = st.store.call_event(input).await?;
    metrics::counter!("pronto_call_events_total", "source" => source).increment(1);
    Ok(Json(HookAnswer { status: if r.duplicate { "duplicate" } else { "recorded" }, call_id: r.call, lead_id: r.lead }))
}

/// The mystery shopper's run named by a signed JSON event's `canary` mark (its own test call);
/// `None` for every other event, and for a mark this installation did not make.
fn canary_run(st: &AppState, content_type: &str, body: &[u8]) -> Option<i64> {
    if !content_type.starts_with("application/json") {
        return None;
    }
    let v: Value = serde_json::from_slice(body).ok()?;
    st.store.playbooks().site_keys()?.canary_run(v.get("canary")?.as_str()?)
}

fn unauthorized(why: &str) -> ApiError {
    ApiError::Unauthorized(why.to_owned())
}

/// The contract's JSON events, after their Standard Webhooks signature (also the admin page's
/// test).
pub(crate) fn verify_generic(st: &AppState, headers: &HeaderMap, body: &[u8]) -> ApiResult<(&'static str, Option<String>, CallEvent)> {
    generic(st, headers, body)
}

/// The contract's JSON events, after their Standard Webhooks signature.
fn generic(st: &AppState, headers: &HeaderMap, body: &[u8]) -> ApiResult<(&'static str, Option<String>, CallEvent)> {
    let Some(secret) = st.settings.telephony_secret() else {
        return Err(unauthorized("telephony is not configured: save the exchange's secret in Settings → Phone (or set PRONTO_TELEPHONY_SECRET)"));
    };
    let secret = secret.as_str();
    let h = |n: &str| headers.get(n).and_then(|v| v.to_str().ok()).map(str::trim).filter(|v| !v.is_empty());
    let (Some(id), Some(ts), Some(sig)) = (h("webhook-id"), h("webhook-timestamp"), h("webhook-signature")) else {
        return Err(unauthorized("missing webhook-id, webhook-timestamp or webhook-signature (Standard Webhooks)"));
    };
    let when: i64 = ts.parse().map_err(|_| unauthorized("webhook-timestamp is not a number of seconds"))?;
    if (st.clock.now().as_second() - when).abs() > TOLERANCE_S {
        return Err(unauthorized("webhook-timestamp is more than 5 minutes away from now (a replay, or a clock to fix)"));
    }
    if !pronto_alerts::signing::verify(secret, id, ts, body, sig) {
        return Err(unauthorized("webhook-signature does not match the body (wrong secret, or the body was changed)"));
    }
    if id.len() > 200 {
        return Err(ApiError::invalid("webhook-id", "longer than 200 characters"));
    }
    let v: Value = serde_json::from_slice(body).map_err(|e| ApiError::BadRequest(format!("the body is not JSON: {e}")))?;
    let obj = v.as_object().ok_or_else(|| ApiError::invalid("body", "must be a JSON object"))?;
    let mut e = FieldErrors::new();
    let text = |k: &str, e: &mut FieldErrors| -> Option<String> {
        match obj.get(k) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) if s.chars().count() <= 200 && !s.chars().any(char::is_control) => Some(s.trim().to_owned()),
            Some(Value::Number(n)) if k == "answered_by" || k == "transferred_to" => Some(n.to_string()),
            Some(_) => {
                e.add(k, "must be a string of at most 200 characters");
                None
            }
        }
    };
    let count = |k: &str, e: &mut FieldErrors| -> Option<i64> {
        match obj.get(k) {
            None | Some(Value::Null) => None,
            Some(v) => match v.as_i64().filter(|n| (0..=86_400 * 7).contains(n)) {
                Some(n) => Some(n),
                None => {
                    e.add(k, "must be a whole number of seconds");
                    None
                }
            },
        }
    };
    let kind = match text("event", &mut e) {
        Some(k) => e.take("event", CallEventKind::parse(&k)),
        None => {
            e.add("event", "is required");
            None
        }
    };
    let call_id = text("call_id", &mut e);
    if call_id.is_none() && obj.get("call_id").is_none_or(|v| v.is_null() || v.as_str().is_some_and(|s| s.trim().is_empty())) {
        e.add("call_id", "is required");
    }
    let direction = match text("direction", &mut e) {
        Some(d) => e.take("direction", Direction::parse(&d)),
        None => Some(Direction::In),
    };
    let now = st.clock.now();
    let at = match text("at", &mut e) {
        Some(a) => e.take("at", pronto_domain::lead::parse_time(&a, now)),
        None => Some(now),
    };
    let event = CallEvent {
        kind: kind.unwrap_or(CallEventKind::Ringing),
        call_id: call_id.unwrap_or_default(),
        direction: direction.unwrap_or(Direction::In),
        from: text("from", &mut e),
        to: text("to", &mut e),
        at: at.unwrap_or(now),
        answered_by: text("answered_by", &mut e),
        duration_s: count("duration_s", &mut e),
        hold_s: count("hold_s", &mut e),
        transferred_to: text("transferred_to", &mut e),
    };
    e.into_result()?;
    Ok(("generic", Some(id.to_owned()), event))
}

/// Twilio's voice status callback, after its `X-Twilio-Signature`.
fn twilio(st: &AppState, uri: &axum::http::Uri, headers: &HeaderMap, body: &[u8]) -> ApiResult<(&'static str, Option<String>, CallEvent)> {
    let Some(token) = st.config.twilio_token.as_deref() else {
        return Err(unauthorized("Twilio callbacks are not configured: set PRONTO_TELEPHONY_TWILIO_TOKEN to the account's auth token"));
    };
    let params: Vec<(String, String)> =
        serde_urlencoded::from_bytes(body).map_err(|e| ApiError::BadRequest(format!("the form cannot be read: {e}")))?;
    // The URL Twilio called: the public address when Pronto is behind a proxy, else this host.
    let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/hooks/telephony");
    let url = match &st.settings.public_url() {
        Some(base) => format!("{}{path}", base.trim_end_matches('/')),
        None => {
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("localhost");
            format!("http://{host}{path}")
        }
    };
    let given = headers.get("x-twilio-signature").and_then(|v| v.to_str().ok()).unwrap_or("");
    let expected = pronto_alerts::signing::twilio_signature(token, &url, &params);
    if given.is_empty() || !pronto_alerts::signing::same(given.as_bytes(), expected.as_bytes()) {
        return Err(unauthorized("X-Twilio-Signature does not match (wrong token, or PRONTO_PUBLIC_URL is not the address Twilio calls)"));
    }
    let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim().to_owned()).filter(|v| !v.is_empty());
    let mut e = FieldErrors::new();
    let sid = get("CallSid");
    if sid.is_none() {
        e.add("CallSid", "is required");
    }
    let status = get("CallStatus").unwrap_or_default();
    let kind = match status.as_str() {
        "queued" | "initiated" | "ringing" => Some(CallEventKind::Ringing),
        "in-progress" | "answered" => Some(CallEventKind::Answered),
        "completed" => Some(CallEventKind::Ended),
        "no-answer" | "canceled" => Some(CallEventKind::Missed),
        "busy" => Some(CallEventKind::Busy),
        "failed" => Some(CallEventKind::Failed),
        other => {
            e.add("CallStatus", format!("`{other}` is not a Twilio call status"));
            None
        }
    };
    let direction = match get("Direction").as_deref() {
        Some(d) if d.starts_with("outbound") => Direction::Out,
        _ => Direction::In,
    };
    let duration = match get("CallDuration") {
        Some(d) => match d.parse::<i64>() {
            Ok(n) if n >= 0 => Some(n),
            _ => {
                e.add("CallDuration", "must be a whole number of seconds");
                None
            }
        },
        None => None,
    };
    e.into_result()?;
    let sid = sid.unwrap_or_default();
    let kind = kind.unwrap_or(CallEventKind::Ringing);
    // A completed call with no talk time was not answered.
    let kind = if kind == CallEventKind::Ended && duration == Some(0) { CallEventKind::Missed } else { kind };
    let webhook_id = Some(format!("{sid}/{status}/{}", get("SequenceNumber").unwrap_or_default()));
    let event = CallEvent {
        kind,
        call_id: sid,
        direction,
        from: get("From"),
        to: get("To"),
        at: st.clock.now(),
        answered_by: None,
        duration_s: duration,
        hold_s: None,
        transferred_to: None,
    };
    Ok(("twilio", webhook_id, event))
}
