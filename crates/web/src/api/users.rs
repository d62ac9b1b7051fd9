//! `/api/v1/users`: the team. Only an admin adds users; a token is issued to an admin or to
//! the user themself, shown once and stored hashed.

use super::{or_not_found, path_id};
use crate::AppState;
use crate::auth::{Caller, hash_password, new_token, token_hash};
use crate::dto::*;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{json, json_body, read_body};
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use pronto_domain::FieldErrors;
use pronto_domain::user::{Action, Role};
use pronto_domain::values::{Email, Line, Login, Password, Phone};
use pronto_store::NewUserRecord;

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
    let token = new_token();
    let token_id = st.store.create_token(id, name.clone(), token_hash(&token)).await.map_err(|e| or_not_found(e, "user"))?;
    st.audit_change(&caller, crate::audit::kind::TOKEN_CREATED, Some(format!("user/{id}")), serde_json::json!({ "token_id": token_id, "name": name }))
        .await;
    Ok((StatusCode::CREATED, Json(TokenOut { id: token_id, token })))
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
        (status = 404, body = Problem), (status = 422, body = Problem)),
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
    let mut e = FieldErrors::new();
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
    if presence.is_none() && hours.is_none() && phone.is_none() && email.is_none() && language.is_none() {
        return Err(ApiError::invalid("body", "name at least one of presence, hours, phone, email, language"));
    }
    let mut changed = Vec::new();
    for (field, set) in [("presence", presence.is_some()), ("hours", hours.is_some()), ("phone", phone.is_some()), ("email", email.is_some()), ("language", language.is_some())] {
        if set {
            changed.push(field);
        }
    }
    let patch = pronto_store::UserPatch { id, presence, hours, phone, email, language };
    st.store.update_user(patch, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "user"))?;
    st.audit_change(&caller, crate::audit::kind::USER_CHANGED, Some(format!("user/{id}")), serde_json::json!({ "fields": changed })).await;
    Ok(Json(st.store.user(id).await?.into()))
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
    let password = e.take_opt("password", input.password.as_deref().map(Password::parse));
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
