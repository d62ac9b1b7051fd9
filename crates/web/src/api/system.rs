//! Health, metrics, the OpenAPI document, the test clock and the 404 fallback.

use crate::AppState;
use crate::auth::Caller;
use crate::dto::{AdvanceIn, ClockOut};
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::json_body;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use jiff::SignedDuration;
use serde::Serialize;
use std::sync::Arc;
use utoipa::ToSchema;

pub fn router(openapi: Arc<utoipa::openapi::OpenApi>) -> Router<AppState> {
    let doc = Arc::new(openapi.to_json().unwrap_or_else(|_| "{}".into()));
    Router::new().route("/metrics", get(metrics)).route(
        "/api/openapi.json",
        get(move || {
            let doc = doc.clone();
            async move { ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], doc.as_str().to_owned()) }
        }),
    )
}

/// What `/healthz` and `/livez` answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthOut {
    /// `ok`, or `unavailable` (with the reason).
    pub status: &'static str,
    /// Why this node cannot take work: `the database cannot be written: disk full`,
    /// `database unreachable`, `timed out after 1 s`, a schema newer than this Pronto.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The engine: `sqlite` or `postgres` (not on `/livez`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database: Option<&'static str>,
    /// The database's schema version (the newest migration applied), when the probe read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<i64>,
    /// Pronto's version on this node.
    pub version: &'static str,
}

/// Readiness: 200 when this node can write now — a write through its writer (and, on SQLite,
/// room on the disk) succeeded within a second; 503 with the reason otherwise. Answers within
/// a second whatever the database does; a verdict is reused for 250 ms. For a load balancer's
/// health check.
#[utoipa::path(get, path = "/healthz", tag = "system",
    responses((status = 200, body = HealthOut), (status = 503, body = HealthOut)))]
pub async fn healthz(State(st): State<AppState>) -> Response {
    let database = Some(st.store.engine());
    let (code, out) = match st.readiness.check().await {
        Ok(p) => {
            (StatusCode::OK, HealthOut { status: "ok", reason: None, database, schema_version: Some(p.schema_version), version: VERSION })
        }
        Err(reason) => (
            StatusCode::SERVICE_UNAVAILABLE,
            HealthOut { status: "unavailable", reason: Some(reason), database, schema_version: None, version: VERSION },
        ),
    };
    (code, [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))], Json(out)).into_response()
}

/// Liveness: 200 while the process runs and serves HTTP; never touches the database (restart
/// the process only when this fails).
#[utoipa::path(get, path = "/livez", tag = "system", responses((status = 200, body = HealthOut)))]
pub async fn livez() -> Response {
    let out = HealthOut { status: "ok", reason: None, database: None, schema_version: None, version: VERSION };
    ([(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))], Json(out)).into_response()
}

/// Pronto's version (one for the workspace).
const VERSION: &str = env!("CARGO_PKG_VERSION");

async fn metrics(State(st): State<AppState>, headers: HeaderMap) -> Response {
    if !metrics_allowed(st.config.metrics_token.as_deref(), headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok())) {
        let mut r = ApiError::Unauthorized("`/metrics` needs `Authorization: Bearer` and the metrics token".into()).into_response();
        r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"metrics\""));
        return r;
    }
    ([(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4"))], crate::metrics::handle().render()).into_response()
}

/// Whether a scrape may read `/metrics`: anyone without a configured token; with one, only
/// `Bearer THAT-TOKEN` (compared in constant time).
fn metrics_allowed(token: Option<&str>, authorization: Option<&str>) -> bool {
    let Some(token) = token else { return true };
    let given = authorization.and_then(|a| a.split_once(' ')).filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer")).map(|(_, t)| t.trim());
    given.is_some_and(|g| crate::auth::constant_time_eq(g.as_bytes(), token.as_bytes()))
}

pub async fn not_found() -> ApiError {
    ApiError::NotFound("no such resource".into())
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

fn manual(st: &AppState) -> ApiResult<&pronto_domain::ManualClock> {
    st.clock.as_manual().ok_or_else(|| ApiError::NotFound("the clock is real; start with --clock manual".into()))
}

/// The test clock's time (404 with the real clock).
#[utoipa::path(get, path = "/api/v1/clock", tag = "clock",
    responses((status = 200, body = ClockOut), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_clock(State(st): State<AppState>, _caller: Caller) -> ApiResult<Json<ClockOut>> {
    Ok(Json(ClockOut { now: manual(&st)?.now_string() }))
}

/// Move the test clock forward (404 with the real clock); returns after every timer that fell due
/// in the span has fired, in order, each at its own time.
#[utoipa::path(post, path = "/api/v1/clock/advance", tag = "clock", request_body = AdvanceIn,
    responses((status = 200, body = ClockOut), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn advance_clock(
    State(st): State<AppState>,
    _caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<(StatusCode, Json<ClockOut>)> {
    let clock = manual(&st)?;
    let (input, _): (AdvanceIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let seconds = match input.seconds {
        None => return Err(ApiError::invalid("seconds", "is required")),
        Some(s) if !(0..=10 * 366 * 86_400).contains(&s) => return Err(ApiError::invalid("seconds", "must be from 0 to ten years")),
        Some(s) => s,
    };
    // Steps through every timer that falls due in the span, each at its own time.
    st.timers.advance(SignedDuration::from_secs(seconds)).await?;
    Ok((StatusCode::OK, Json(ClockOut { now: clock.now_string() })))
}

#[cfg(test)]
mod tests {
    use super::metrics_allowed;

    #[test]
    fn metrics_need_the_token_only_when_one_is_set() {
        let t = Some("metrics-token-0123456789");
        let table: &[(Option<&str>, Option<&str>, bool)] = &[
            (None, None, true),
            (None, Some("Bearer anything"), true),
            (t, None, false),
            (t, Some(""), false),
            (t, Some("Bearer"), false),
            (t, Some("Bearer "), false),
            (t, Some("Bearer metrics-token-012345678"), false),
            (t, Some("Bearer metrics-token-01234567890"), false),
            (t, Some("Basic metrics-token-0123456789"), false),
            (t, Some("metrics-token-0123456789"), false),
            (t, Some("Bearer metrics-token-0123456789"), true),
            (t, Some("bearer metrics-token-0123456789"), true),
        ];
        for (token, auth, want) in table {
            assert_eq!(metrics_allowed(*token, *auth), *want, "token {token:?}, Authorization {auth:?}");
        }
    }
}
