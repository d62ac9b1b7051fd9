//! The reader's account: their password (changed here, and first of all after an admin
//! reset it) and their API tokens (listed, revoked).

use super::{LANGUAGES, Signed, i18n::Tr, local, page, user_tz};
use crate::AppState;
use crate::app::Error;
use crate::auth::{Caller, SESSION_COOKIE, cookie, token_hash};
use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::Deserialize;
use std::sync::Arc;

/// An API token as the admin and account pages show it.
pub(super) struct TokenRow {
    pub(super) id: i64,
    pub(super) name: String,
    pub(super) created: String,
    pub(super) last_used: String,
    pub(super) expires: String,
}

pub(super) async fn token_rows(st: &AppState, user: i64, t: &Tr, zone: &jiff::tz::TimeZone) -> Vec<TokenRow> {
    let now = st.clock.now();
    st.store
        .tokens(user)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|k| TokenRow {
            id: k.id,
            name: k.name,
            created: local(k.created_at, zone),
            last_used: k.last_used_at.map(|l| local(l, zone)).unwrap_or_else(|| t.t("never")),
            expires: match k.expires_at {
                Some(e) if e <= now => format!("{} ({})", local(e, zone), t.t("expired")),
                Some(e) => local(e, zone),
                None => t.t("never"),
            },
        })
        .collect()
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    notice: Option<String>,
    /// An admin reset the password: this page first.
    must_change: bool,
    min_chars: usize,
    tokens: Vec<TokenRow>,
}

async fn account_render(st: &AppState, c: &Caller, t: Arc<Tr>, notice: Option<String>, status: StatusCode) -> Response {
    // Read again: a change on this request may have cleared the reset's flag.
    let must_change = st.store.user(c.user.id).await.map(|u| u.must_change_password).unwrap_or(c.user.must_change_password);
    let tokens = token_rows(st, c.user.id, &t, &user_tz(st, c)).await;
    let mut r = page(AccountPage {
        admin: c.role == pronto_domain::user::Role::Admin,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "account",
        languages: LANGUAGES,
        notice,
        must_change,
        min_chars: pronto_domain::password::MIN_CHARS,
        tokens,
        t,
    });
    *r.status_mut() = status;
    r
}

pub(super) async fn revoke_token(State(st): State<AppState>, Signed(c, t): Signed, Path(token): Path<i64>) -> Response {
    let notice = revoke_notice(&st, &c, &t, c.user.id, token).await;
    account_render(&st, &c, t, Some(notice), StatusCode::OK).await
}

pub(super) async fn account(State(st): State<AppState>, Signed(c, t): Signed) -> Response {
    account_render(&st, &c, t, None, StatusCode::OK).await
}

#[derive(Deserialize)]
pub(super) struct PasswordForm {
    current: String,
    new: String,
    /// The checkbox "also revoke all my API tokens".
    #[serde(default)]
    revoke_tokens: Option<String>,
}

/// A new password: the current one must be right (throttled per account like a sign-in);
/// every other session of the user ends; the API tokens too when the box is ticked. The answer
/// is the account page with what happened (or why not) on top.
pub(super) async fn change_password(State(st): State<AppState>, headers: HeaderMap, Signed(c, t): Signed, Form(f): Form<PasswordForm>) -> Response {
    let revoke = f.revoke_tokens.is_some();
    let keep = cookie(&headers, SESSION_COOKIE).map(token_hash);
    let (notice, status) = match crate::app::users::change_own_password(&st, &c, &f.current, &f.new, revoke, keep).await {
        Ok(done) => {
            let sessions = done.sessions_ended.to_string();
            let notice = if revoke {
                t.with("password-changed-tokens", &[("sessions", &sessions), ("tokens", &done.tokens_revoked.to_string())])
            } else {
                t.with("password-changed-kept", &[("sessions", &sessions)])
            };
            (notice, StatusCode::OK)
        }
        Err(Error::Invalid(e)) if e.0.iter().any(|f| f.field == "current") => (t.t("wrong-password"), StatusCode::UNPROCESSABLE_ENTITY),
        Err(Error::Invalid(e)) => {
            let m = e.0.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join("; ");
            (format!("{}: {m}", t.t("new-password")), StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(Error::Wait { seconds, .. }) => {
            let notice = t.with("too-many-for-account", &[("seconds", &seconds.to_string())]);
            let mut r = account_render(&st, &c, t, Some(notice), StatusCode::TOO_MANY_REQUESTS).await;
            if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            return r;
        }
        Err(e) => (e.to_string(), super::error::status(&e)),
    };
    account_render(&st, &c, t, Some(notice), status).await
}

/// Revokes `user`'s token `token` (one's own, or an admin's doing): the notice says which.
pub(super) async fn revoke_notice(st: &AppState, c: &Caller, t: &Tr, user: i64, token: i64) -> String {
    let owner = st.store.user(user).await.map(|u| u.name).unwrap_or_default();
    match crate::app::users::revoke_token(st, c, user, token).await {
        Ok(n) => t.with("token-revoked", &[("token", &n), ("name", &owner)]),
        Err(_) => t.t("not-found"),
    }
}
