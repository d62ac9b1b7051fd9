//! What the admin page does to an account: add one, change presence or working hours,
//! deactivate or reactivate, change the role, reset the password, revoke a token. Each is the
//! API's use case; the answer is a notice on top of the admin page.

use super::admin::admin_render;
use super::error::PageResult;
use super::{Signed, fail};
use crate::AppState;
use crate::app::{self, Error};
use crate::auth::Caller;
use crate::dto::{UserIn, UserPatchIn};
use axum::extract::{Form, Path, State};
use std::collections::HashMap;

/// The admin's pages: anyone else gets the error page (403).
macro_rules! admins_only {
    ($st:expr, $c:expr, $t:expr) => {
        app::require_admin(&$c).map_err(fail(&$st, &$c, &$t, "/inbox"))?
    };
}

pub(super) async fn add_user(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<HashMap<String, String>>) -> PageResult {
    admins_only!(st, c, t);
    let get = |k: &str| f.get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let draft = UserIn {
        name: get("name"),
        login: get("login"),
        role: get("role"),
        phone: get("phone"),
        email: get("email"),
        // A password is taken exactly as typed (spaces are characters too).
        password: f.get("password").filter(|v| !v.is_empty()).cloned(),
    };
    let notice = match app::users::create(&st, &c, draft).await {
        Ok(u) => format!("user {} added", u.id),
        Err(Error::Invalid(e)) => e.to_string(),
        Err(e) => e.to_string(),
    };
    Ok(admin_render(&st, &c, t, Some(notice)).await)
}

/// `POST /admin/users/{id}/{what}`: presence, hours, deactivate, activate, role, reset-password.
pub(super) async fn user_action(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path((id, what)): Path<(i64, String)>,
    Form(f): Form<HashMap<String, String>>,
) -> PageResult {
    admins_only!(st, c, t);
    let value = f.values().next().map(|v| v.trim().to_owned()).unwrap_or_default();
    if matches!(what.as_str(), "deactivate" | "activate" | "role" | "reset-password") {
        let notice = lifecycle(&st, &c, &t, id, &what, &value).await;
        return Ok(admin_render(&st, &c, t, Some(notice)).await);
    }
    let patch = match what.as_str() {
        "presence" => UserPatchIn { presence: Some(value), ..Default::default() },
        "hours" if value.is_empty() => UserPatchIn { hours: Some(None), ..Default::default() },
        "hours" => match serde_json::from_str(&value) {
            Ok(v) => UserPatchIn { hours: Some(Some(v)), ..Default::default() },
            Err(e) => {
                let notice = format!("hours: {e}");
                return Ok(admin_render(&st, &c, t, Some(notice)).await);
            }
        },
        _ => return Err(fail(&st, &c, &t, "/admin")(Error::not_found("user action"))),
    };
    let notice = match app::users::patch(&st, &c, id, patch).await {
        Ok(_) => t.t("saved"),
        Err(e @ Error::Invalid(_)) => e.to_string().trim_start_matches("invalid: ").to_owned(),
        Err(e) => e.to_string(),
    };
    Ok(admin_render(&st, &c, t, Some(notice)).await)
}

/// One lifecycle action of the admin page; the answer says what happens next.
async fn lifecycle(st: &AppState, c: &Caller, t: &super::i18n::Tr, id: i64, what: &str, value: &str) -> String {
    let user = match st.store.user(id).await {
        Ok(u) => u,
        Err(_) => return t.t("not-found"),
    };
    let name = user.name.as_str();
    let failed = |e: Error| match e {
        Error::Conflict(m) => m,
        Error::Invalid(f) if what == "role" => format!("{}: {}", t.t("role"), f.0.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join("; ")),
        other => format!("{}: {other}", t.t("error")),
    };
    match what {
        "deactivate" => match app::users::set_active(st, c, id, false).await {
            Ok(h) => t.with(
                "user-deactivated",
                &[
                    ("name", name),
                    ("sessions", &h.sessions_ended.to_string()),
                    ("tokens", &h.tokens_revoked.to_string()),
                    ("tasks", &h.tasks.to_string()),
                    ("leads", &h.leads.to_string()),
                    ("reassigned", &h.reassigned.to_string()),
                ],
            ),
            Err(e) => failed(e),
        },
        "activate" => match app::users::set_active(st, c, id, true).await {
            Ok(_) => t.with("user-reactivated", &[("name", name)]),
            Err(e) => failed(e),
        },
        "role" => match app::users::set_role(st, c, id, value).await {
            Ok(role) => t.with("role-changed", &[("name", name), ("role", &super::words::role(&t, role.as_str()))]),
            Err(e) => failed(e),
        },
        _ => match app::users::reset_password(st, c, id, false).await {
            Ok((password, _)) => t.with("password-reset", &[("name", name), ("password", &password)]),
            Err(e) => e.to_string(),
        },
    }
}

pub(super) async fn revoke_token(State(st): State<AppState>, Signed(c, t): Signed, Path((id, token)): Path<(i64, i64)>) -> PageResult {
    admins_only!(st, c, t);
    let notice = super::account::revoke_notice(&st, &c, &t, id, token).await;
    Ok(admin_render(&st, &c, t, Some(notice)).await)
}
