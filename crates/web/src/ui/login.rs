//! Signing in (a new session id each time, throttled per address and per account, every
//! attempt in the audit log), signing out, and the reader's language.

use super::{LANGUAGES, Peer, Signed, back, i18n, page, secure};
use crate::AppState;
use crate::auth::{SESSION_COOKIE, SignIn, cookie, new_token, token_hash};
use askama::Template;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use i18n::Tr;
use serde::Deserialize;
use std::sync::Arc;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    error: Option<String>,
    login: String,
}

pub(super) async fn login_page(headers: HeaderMap) -> Response {
    let t = i18n::pick(None, headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    page(LoginPage { admin: false, now_iso: String::new(), t, me: None, page: "login", languages: LANGUAGES, error: None, login: String::new() })
}

#[derive(Deserialize)]
pub(super) struct LoginForm {
    login: String,
    password: String,
}

pub(super) async fn login(State(st): State<AppState>, Peer(peer): Peer, headers: HeaderMap, Form(f): Form<LoginForm>) -> Response {
    let t = i18n::pick(None, headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    let again = |error: String, status: StatusCode| {
        let mut r = page(LoginPage { admin: false, now_iso: String::new(), t: t.clone(), me: None, page: "login", languages: LANGUAGES, error: Some(error), login: f.login.clone() });
        *r.status_mut() = status;
        r
    };
    if !crate::auth::same_origin(&headers) {
        return again(t.t("forbidden"), StatusCode::FORBIDDEN);
    }
    let ip = crate::forms::client_ip(&st, &headers, peer);
    match st.login_limiter.check(ip).await {
        Ok(None) => {}
        Ok(Some(_)) => return again(t.t("too-many-attempts"), StatusCode::TOO_MANY_REQUESTS),
        // The sign-in itself needs the database: it says what is wrong.
        Err(e) => tracing::warn!(error = %e, "cannot count the sign-in attempt"),
    }
    let ip_text = (!ip.is_unspecified()).then(|| ip.to_string());
    let tried: String = f.login.trim().chars().take(100).collect();
    // The login tried, and from where; the account is named when the login is one.
    let failed = async |why: &str| {
        let known = st.store.user_by_login(f.login.trim()).await.ok();
        let mut e = crate::audit::entry(known.as_ref().map(|(u, _)| u), ip_text.clone(), crate::audit::kind::SIGN_IN_FAILED, None, serde_json::json!({ "why": why }));
        e.actor_login = Some(tried.clone());
        let _ = st.audit_entry(e).await;
    };
    // The per-account throttle, then Argon2 whether the login exists or not.
    let user = match crate::auth::check_password(&st, &f.login, &f.password).await {
        Ok(SignIn::Ok(u)) => *u,
        Ok(SignIn::Wrong) => {
            failed("wrong").await;
            return again(t.t("wrong-login"), StatusCode::UNAUTHORIZED);
        }
        Ok(SignIn::Wait(w)) => {
            failed("throttled").await;
            let secs = crate::auth::wait_secs(w);
            let mut r = again(t.with("too-many-for-account", &[("seconds", &secs.to_string())]), StatusCode::TOO_MANY_REQUESTS);
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            return r;
        }
        Err(e) => return again(format!("{}: {e}", t.t("error")), StatusCode::SERVICE_UNAVAILABLE),
    };
    // A new session id at every sign-in; the one the browser had (if any) ends.
    let sid = new_token();
    let old = cookie(&headers, SESSION_COOKIE).map(token_hash);
    if let Err(e) = st.store.create_session(user.id, token_hash(&sid), old).await {
        return again(format!("{}: {e}", t.t("error")), StatusCode::SERVICE_UNAVAILABLE);
    }
    let _ = st.audit_entry(crate::audit::entry(Some(&user), ip_text, crate::audit::kind::SIGN_IN_OK, Some(format!("user/{}", user.id)), serde_json::json!({}))).await;
    let flags = if secure(&st) { "; Secure" } else { "" };
    let set = format!("{SESSION_COOKIE}={sid}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{flags}", crate::auth::SESSION_ABSOLUTE.as_secs());
    let mut r = Redirect::to(if user.must_change_password { "/account" } else { "/inbox" }).into_response();
    if let Ok(v) = HeaderValue::from_str(&set) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

pub(super) async fn logout(State(st): State<AppState>, Peer(peer): Peer, headers: HeaderMap) -> Response {
    if !crate::auth::same_origin(&headers) {
        return super::shell::cross_site("a change from another site is refused (CSRF)");
    }
    if let Some(sid) = cookie(&headers, SESSION_COOKIE) {
        // Whose session it was, for the audit log (a session already ended records nothing).
        let who = match st.store.touch_session(token_hash(sid), crate::auth::SESSION_IDLE, crate::auth::SESSION_ABSOLUTE).await {
            Ok(id) => st.store.user(id).await.ok(),
            Err(_) => None,
        };
        let _ = st.store.end_session(token_hash(sid)).await;
        if let Some(u) = who {
            let ip = crate::forms::client_ip(&st, &headers, peer);
            let ip = (!ip.is_unspecified()).then(|| ip.to_string());
            let _ = st.audit_entry(crate::audit::entry(Some(&u), ip, crate::audit::kind::SIGN_OUT, Some(format!("user/{}", u.id)), serde_json::json!({}))).await;
        }
    }
    let mut r = Redirect::to("/login").into_response();
    r.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_static("pronto_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"));
    r
}

#[derive(Deserialize)]
pub(super) struct LanguageForm {
    language: String,
}

pub(super) async fn set_language(State(st): State<AppState>, headers: HeaderMap, Signed(c, _): Signed, Form(f): Form<LanguageForm>) -> Response {
    let _ = crate::app::users::set_language(&st, &c, &f.language).await;
    back(&headers, "/inbox")
}
