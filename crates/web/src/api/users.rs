//! `/api/v1/users`: the team and its accounts. Only an admin adds users, deactivates or
//! reactivates them, changes roles and resets passwords; a token is issued to an admin or to
//! the user themself, shown once and stored hashed, and listed (never the token) and revoked by
//! the same people. `/api/v1/me/password` is the caller's own password change.

use super::{or_not_found, path_id};
use crate::AppState;
use crate::auth::{Caller, SESSION_COOKIE, SignIn, cookie, hash_password, new_password, new_token, token_hash};
use crate::dto::*;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{json, json_body, read_body};
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pronto_domain::FieldErrors;
use pronto_domain::user::{Action, Role};
use pronto_domain::values::{Email, Line, Login, Password, Phone};
use pronto_store::{NewUserRecord, PasswordChange, PasswordChanged, UserRecord};

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
    let id = create(&st, input, Some(caller.user.id)).await?;
    let user = st.store.user(id).await?;
    st.audit_change(&caller, crate::audit::kind::USER_CREATED, Some(format!("user/{id}")), serde_json::json!({ "login": user.login, "role": user.role }))
        .await;
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
    st.store.revoke_token(id, token_id, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "token"))?;
    st.audit_change(&caller, crate::audit::kind::TOKEN_REVOKED, Some(format!("user/{id}")), serde_json::json!({ "token_id": token_id })).await;
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
    let (temporary_password, done) = reset(&st, id, input.revoke_tokens.unwrap_or(false), Some(caller.user.id)).await?;
    let detail = serde_json::json!({ "sessions_ended": done.sessions_ended, "tokens_revoked": done.tokens_revoked });
    st.audit_change(&caller, crate::audit::kind::PASSWORD_RESET, Some(format!("user/{id}")), detail).await;
    Ok(Json(PasswordResetOut {
        temporary_password,
        must_change: true,
        sessions_ended: done.sessions_ended,
        tokens_revoked: done.tokens_revoked,
    }))
}

/// An admin's reset (the API, the admin page, the CLI's counterpart): the temporary password.
pub async fn reset(st: &AppState, id: i64, revoke_tokens: bool, actor: Option<i64>) -> ApiResult<(String, PasswordChanged)> {
    st.store.user(id).await.map_err(|e| or_not_found(e, "user"))?;
    let temporary = new_password();
    let hash = hash_password(temporary.clone()).await?;
    let change = PasswordChange { user_id: id, hash, keep_session: None, revoke_tokens, must_change: true, actor };
    let done = st.store.change_password(change).await.map_err(|e| or_not_found(e, "user"))?;
    Ok((temporary, done))
}

/// Why a user's own password change was refused.
#[derive(Debug)]
pub enum ChangeRefused {
    /// The current password is wrong.
    Wrong,
    /// Too many wrong current passwords: wait this many seconds.
    Wait(i64),
    /// The new password breaks the policy.
    Invalid(String),
    Failed(ApiError),
}

/// The user's own change (the API and the account page): the current password is checked
/// under the per-account throttle, the new one against the policy; every other session of the
/// user ends (all of them when `keep` is none) and their tokens are revoked when asked.
pub async fn own_change(
    st: &AppState,
    user: &UserRecord,
    current: &str,
    new: &str,
    revoke_tokens: bool,
    keep: Option<String>,
) -> Result<PasswordChanged, ChangeRefused> {
    match crate::auth::check_password(st, &user.login, current).await.map_err(ChangeRefused::Failed)? {
        SignIn::Ok(u) if u.id == user.id => {}
        SignIn::Wait(w) => return Err(ChangeRefused::Wait(crate::auth::wait_secs(w))),
        _ => return Err(ChangeRefused::Wrong),
    }
    if new == current {
        return Err(ChangeRefused::Invalid("must differ from the current password".into()));
    }
    let new = Password::parse_for(new, &[&user.login, &user.name]).map_err(|e| ChangeRefused::Invalid(e.to_string()))?;
    let hash = hash_password(new.expose().to_owned()).await.map_err(ChangeRefused::Failed)?;
    let change = PasswordChange { user_id: user.id, hash, keep_session: keep, revoke_tokens, must_change: false, actor: Some(user.id) };
    st.store.change_password(change).await.map_err(|e| ChangeRefused::Failed(e.into()))
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
    match own_change(&st, &caller.user, &current.unwrap_or_default(), &new.unwrap_or_default(), revoke, keep).await {
        Ok(done) => {
            let detail = serde_json::json!({ "sessions_ended": done.sessions_ended, "tokens_revoked": done.tokens_revoked });
            st.audit_change(&caller, crate::audit::kind::PASSWORD_CHANGED, Some(format!("user/{}", caller.user.id)), detail).await;
            let tokens = if revoke {
                format!("{} API token(s) revoked", done.tokens_revoked)
            } else {
                "your API tokens still work (send revoke_tokens: true to revoke them)".to_owned()
            };
            let message = format!("Password changed; {} other session(s) ended; {tokens}.", done.sessions_ended);
            Ok(Json(PasswordChangeOut { sessions_ended: done.sessions_ended, tokens_revoked: done.tokens_revoked, message }).into_response())
        }
        Err(ChangeRefused::Wrong) => Err(ApiError::invalid("current", "is not your current password")),
        Err(ChangeRefused::Invalid(m)) => Err(ApiError::invalid("new", m)),
        Err(ChangeRefused::Wait(secs)) => {
            let mut r = ApiError::RateLimited(format!("too many wrong passwords for this account; try again in {secs} s")).into_response();
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            Ok(r)
        }
        Err(ChangeRefused::Failed(e)) => Err(e),
    }
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
    // Whether one is active and one's role are an admin's to change, even for oneself.
    if input.active.is_some() || input.role.is_some() {
        caller.require(Action::ManageUsers)?;
    }
    let mut e = FieldErrors::new();
    let role = e.take_opt("role", input.role.as_deref().map(|r| Role::parse(r.trim())));
    let presence = e.take_opt(
        "presence",
        input
            .presence
            .as_deref()
            .map(|p| pronto_playbook::Presence::parse(p.trim()).ok_or_else(|| format!("`{p}` is not one of: available, meeting, away"))),
    );
    let hours = match input.hours {
        None => None,
        Some(None) => Some(None),
        Some(Some(v)) if !hours_shape_ok(&v) => {
            e.add("hours", "is {\"time_zone\": \"Europe/Prague\", \"hours\": {\"mon\": \"08:00-16:00\"}, \"holidays\": [\"2026-12-24\"]}");
            None
        }
        Some(Some(v)) => {
            let text = v.to_string();
            match pronto_store::parse_hours(&text) {
                Ok(_) => Some(Some(text)),
                Err(m) => {
                    e.add("hours", m);
                    None
                }
            }
        }
    };
    let blank = |v: Option<Option<String>>| v.map(|x| x.filter(|s| !s.trim().is_empty()));
    let phone =
        blank(input.phone).map(|p| p.and_then(|p| e.take("phone", Phone::parse(&p, st.config.region)).map(|p| p.as_str().to_owned())));
    let email = blank(input.email).map(|m| m.and_then(|m| e.take("email", Email::parse(&m)).map(|m| m.as_str().to_owned())));
    let language = blank(input.language).map(|l| {
        l.and_then(|l| {
            e.take(
                "language",
                pronto_playbook::messages::language(l.trim()).map(str::to_owned).ok_or_else(|| {
                    format!("`{l}` is not a language Pronto speaks; one of: {}", pronto_playbook::messages::LANGUAGES.join(", "))
                }),
            )
        })
    });
    e.into_result()?;
    let details = presence.is_some() || hours.is_some() || phone.is_some() || email.is_some() || language.is_some();
    if !details && role.is_none() && input.active.is_none() {
        return Err(ApiError::invalid("body", "name at least one of presence, hours, phone, email, language, active, role"));
    }
    let mut changed = Vec::new();
    for (field, set) in [
        ("presence", presence.is_some()),
        ("hours", hours.is_some()),
        ("phone", phone.is_some()),
        ("email", email.is_some()),
        ("language", language.is_some()),
        ("role", role.is_some()),
        ("active", input.active.is_some()),
    ] {
        if set {
            changed.push(field);
        }
    }
    // One transaction: the details, the role and being active change together or not at all.
    let details = details.then_some(pronto_store::UserPatch { id, presence, hours, phone, email, language });
    st.store.update_account(id, details, role, input.active, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "user"))?;
    let detail = serde_json::json!({ "fields": changed, "role": role.map(|r| r.to_string()), "active": input.active });
    st.audit_change(&caller, crate::audit::kind::USER_CHANGED, Some(format!("user/{id}")), detail).await;
    Ok(Json(st.store.user(id).await.map_err(|e| or_not_found(e, "user"))?.into()))
}

/// Validates and creates a user (the API and the admin page); returns the new id.
/// The working hours' JSON shape: an object whose `time_zone` is text, `hours` an object of
/// texts and `holidays` a list of texts (what they say, `parse_hours` checks).
fn hours_shape_ok(v: &serde_json::Value) -> bool {
    let Some(o) = v.as_object() else { return false };
    o.get("time_zone").is_none_or(|t| t.is_string() || t.is_null())
        && o.get("hours").is_some_and(|h| h.as_object().is_some_and(|m| m.values().all(serde_json::Value::is_string)))
        && o.get("holidays").is_none_or(|h| h.is_null() || h.as_array().is_some_and(|a| a.iter().all(serde_json::Value::is_string)))
}

pub async fn create(st: &AppState, input: UserIn, actor: Option<i64>) -> ApiResult<i64> {
    let mut e = FieldErrors::new();
    let required = |e: &mut FieldErrors, field: &str, v: &Option<String>| -> Option<String> {
        match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Some(s.to_owned()),
            None => {
                e.add(field, "is required");
                None
            }
        }
    };
    let name = required(&mut e, "name", &input.name).and_then(|v| e.take("name", Line::parse(&v, 200)));
    let login = required(&mut e, "login", &input.login).and_then(|v| e.take("login", Login::parse(&v)));
    let role = required(&mut e, "role", &input.role).and_then(|v| e.take("role", Role::parse(&v)));
    let blank = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let phone = e.take_opt("phone", blank(&input.phone).map(|v| Phone::parse(&v, st.config.region)));
    let email = e.take_opt("email", blank(&input.email).map(|v| Email::parse(&v)));
    let context: Vec<&str> = [input.login.as_deref(), input.name.as_deref()].into_iter().flatten().collect();
    let password = e.take_opt("password", input.password.as_deref().map(|p| Password::parse_for(p, &context)));
    e.into_result()?;
    let password_hash = match password {
        Some(p) => Some(hash_password(p.expose().to_owned()).await?),
        None => None,
    };
    let user = NewUserRecord {
        login: login.expect("checked"),
        name: name.expect("checked"),
        role: role.expect("checked"),
        phone,
        email,
        password_hash,
        actor,
    };
    Ok(st.store.create_user(user).await?)
}
