//! `/api/v1/users`: the team and its accounts. Only an admin adds users, deactivates or
//! reactivates them, changes roles and resets passwords; a token is issued to an admin or to
//! the user themself, shown once and stored hashed, and listed (never the token) and revoked by
//! the same people. `/api/v1/me/password` is the caller's own password change.

use super::{or_not_found, path_id};
use crate::AppState;
use crate::app;
use crate::auth::{Caller, SESSION_COOKIE, cookie, new_token, token_hash};
use crate::dto::*;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{json, json_body, read_body};
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use pronto_domain::FieldErrors;
use pronto_domain::user::Action;
use pronto_domain::values::Line;

/// Add a user (admin only).
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = UserIn,
    responses((status = 201, body = UserOut), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create_user(
    State(st): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<(StatusCode, Json<UserOut>)> {
    caller.require(Action::ManageUsers)?;
    let (input, _): (UserIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let user = app::users::create(&st, &caller, input).await?;
    Ok((StatusCode::CREATED, Json(user.into())))
}

/// List the users.
#[utoipa::path(get, path = "/api/v1/users", tag = "users",
    responses((status = 200, body = UserList), (status = 401, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_users(State(st): State<AppState>, caller: Caller) -> ApiResult<Json<UserList>> {
    caller.require(Action::ReadUsers)?;
    Ok(Json(UserList { items: st.store.users().await?.into_iter().map(Into::into).collect() }))
}

/// Issue an API token for a user (admin, or the user themself). The token is shown once.
#[utoipa::path(post, path = "/api/v1/users/{id}/tokens", tag = "users", request_body(content = Option<TokenIn>, description = "Optional: a body with a name, or none"),
    params(("id" = i64, Path)),
    responses((status = 201, body = TokenOut), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create_token(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<(StatusCode, Json<TokenOut>)> {
    let id = path_id(&id, "user")?;
    if id != caller.user.id {
        caller.require(Action::ManageUsers)?;
    }
    let bytes = read_body(body, st.config.body_limit).await?;
    // An empty body (or JSON `null`) is fine here: the name is optional.
    let blank = bytes.iter().all(u8::is_ascii_whitespace) || bytes.trim_ascii() == b"null";
    let input: TokenIn = if blank { TokenIn::default() } else { json(&headers, &bytes)? };
    let name = match input.name.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(n) => Line::parse(n, 100).map_err(|e| ApiError::invalid("name", e.to_string()))?.into_string(),
        None => "api".to_owned(),
    };
    let days = match input.expires_in_days {
        Some(d) if d.fract() == 0.0 && d.abs() < 1e9 => Some(d as i64),
        Some(d) => return Err(ApiError::invalid("expires_in_days", format!("must be a whole number of days, not {d}"))),
        None => None,
    };
    let expires_at = token_expiry(input.expires_at.as_deref(), days, st.clock.now()).map_err(|(f, m)| ApiError::invalid(f, m))?;
    let token = new_token();
    let token_id = st.store.create_token_expiring(id, name.clone(), token_hash(&token), expires_at).await.map_err(|e| or_not_found(e, "user"))?;
    let detail = serde_json::json!({ "token_id": token_id, "name": name, "expires_at": expires_at.map(|t| t.to_string()) });
    st.audit_change(&caller, crate::audit::kind::TOKEN_CREATED, Some(format!("user/{id}")), detail).await;
    Ok((StatusCode::CREATED, Json(TokenOut { id: token_id, token })))
}

/// When a new token stops working: `expires_at` (RFC 3339, in the future) or
/// `expires_in_days` (1–3650) after `now`, not both; none, until revoked.
pub fn token_expiry(at: Option<&str>, days: Option<i64>, now: jiff::Timestamp) -> Result<Option<jiff::Timestamp>, (&'static str, String)> {
    match (at.map(str::trim).filter(|s| !s.is_empty()), days) {
        (Some(_), Some(_)) => Err(("expires_at", "give either expires_at or expires_in_days, not both".into())),
        (None, None) => Ok(None),
        (None, Some(d)) if (1..=3650).contains(&d) => Ok(Some(now + jiff::SignedDuration::from_hours(24 * d))),
        (None, Some(d)) => Err(("expires_in_days", format!("must be 1–3650 days, not {d}"))),
        (Some(t), None) => match t.parse::<jiff::Timestamp>() {
            Ok(t) if t > now => Ok(Some(t)),
            Ok(t) => Err(("expires_at", format!("{t} is not in the future"))),
            Err(_) => Err(("expires_at", format!("`{t}` is not an RFC 3339 time such as 2027-01-31T17:00:00+01:00"))),
        },
    }
}

/// A user's tokens (admin, or the user themself): name, created, last used, expiry; never the
/// token itself.
#[utoipa::path(get, path = "/api/v1/users/{id}/tokens", tag = "users",
    params(("id" = i64, Path)),
    responses((status = 200, body = TokenList), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_tokens(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<TokenList>> {
    let id = path_id(&id, "user")?;
    if id != caller.user.id {
        caller.require(Action::ManageUsers)?;
    }
    let items = st.store.tokens(id).await.map_err(|e| or_not_found(e, "user"))?.into_iter().map(Into::into).collect();
    Ok(Json(TokenList { items }))
}

/// Revokes a token (admin, or the user themself): it answers 401 from the next request on.
#[utoipa::path(delete, path = "/api/v1/users/{id}/tokens/{token_id}", tag = "users",
    params(("id" = i64, Path), ("token_id" = i64, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn revoke_token(State(st): State<AppState>, caller: Caller, Path((id, token_id)): Path<(String, String)>) -> ApiResult<StatusCode> {
    let id = path_id(&id, "user")?;
    if id != caller.user.id {
        caller.require(Action::ManageUsers)?;
    }
    let token_id = path_id(&token_id, "token")?;
    app::users::revoke_token(&st, &caller, id, token_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Resets a user's password (admin): a temporary password, shown once, that the user must
/// replace at the next sign-in (until then the API answers their session 403). Their sessions
/// end; their tokens keep working unless `revoke_tokens`.
#[utoipa::path(post, path = "/api/v1/users/{id}/password-reset", tag = "users",
    request_body(content = Option<PasswordResetIn>, description = "Optional"),
    params(("id" = i64, Path)),
    responses((status = 200, body = PasswordResetOut), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn reset_password(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<PasswordResetOut>> {
    let id = path_id(&id, "user")?;
    caller.require(Action::ManageUsers)?;
    let bytes = read_body(body, st.config.body_limit).await?;
    // No body, or `null`: the defaults.
    let input: PasswordResetIn =
        if bytes.iter().all(u8::is_ascii_whitespace) || bytes.trim_ascii() == b"null" { PasswordResetIn::default() } else { json(&headers, &bytes)? };
    let (temporary_password, done) = app::users::reset_password(&st, &caller, id, input.revoke_tokens.unwrap_or(false)).await?;
    Ok(Json(PasswordResetOut {
        temporary_password,
        must_change: true,
        sessions_ended: done.sessions_ended,
        tokens_revoked: done.tokens_revoked,
    }))
}

/// Changes the caller's own password. The current one is required (and throttled per account
/// like a sign-in); every other session ends; `revoke_tokens` also revokes every API token.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "users", request_body = PasswordChangeIn,
    responses((status = 200, body = PasswordChangeOut), (status = 401, body = Problem), (status = 422, body = Problem),
        (status = 429, body = Problem)),
    security(("bearer" = [])))]
pub async fn change_password(State(st): State<AppState>, caller: Caller, headers: HeaderMap, body: Body) -> Result<Response, ApiError> {
    let (input, _): (PasswordChangeIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let mut e = FieldErrors::new();
    let current = input.current.filter(|s| !s.is_empty());
    let new = input.new.filter(|s| !s.is_empty());
    if current.is_none() {
        e.add("current", "is required");
    }
    if new.is_none() {
        e.add("new", "is required");
    }
    e.into_result()?;
    let revoke = input.revoke_tokens.unwrap_or(false);
    let keep = if caller.by_session { cookie(&headers, SESSION_COOKIE).map(token_hash) } else { None };
    let done = app::users::change_own_password(&st, &caller, &current.unwrap_or_default(), &new.unwrap_or_default(), revoke, keep).await?;
    let tokens = if revoke {
        format!("{} API token(s) revoked", done.tokens_revoked)
    } else {
        "your API tokens still work (send revoke_tokens: true to revoke them)".to_owned()
    };
    let message = format!("Password changed; {} other session(s) ended; {tokens}.", done.sessions_ended);
    Ok(Json(PasswordChangeOut { sessions_ended: done.sessions_ended, tokens_revoked: done.tokens_revoked, message }).into_response())
}

/// The caller.
#[utoipa::path(get, path = "/api/v1/me", tag = "users",
    responses((status = 200, body = UserOut), (status = 401, body = Problem)),
    security(("bearer" = [])))]
pub async fn me(caller: Caller) -> Json<UserOut> {
    Json(caller.user.into())
}

/// Change a user's presence (`available`, `meeting`, `away`), own working hours or contact
/// details: the user themself, or an admin.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", request_body = UserPatchIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = UserOut), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn patch_user(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<UserOut>> {
    let id = path_id(&id, "user")?;
    if id != caller.user.id {
        caller.require(Action::ManageUsers)?;
    }
    let (input, _): (UserPatchIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    Ok(Json(app::users::patch(&st, &caller, id, input).await?.into()))
}
