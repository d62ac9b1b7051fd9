//! The team's web UI: server-rendered HTML (askama, escaped by default), a little
//! hand-written JS for live updates and countdowns, all assets in the binary. Signed in with a
//! session cookie (HttpOnly, SameSite=Lax, Secure behind TLS, rotated at login, idle and
//! absolute timeouts); every change is a same-origin POST (checked in `auth`), and then a
//! redirect back (post/redirect/get).
//!
//! One file per page (`inbox`, `tasks`, `lead_card` and its actions, `board`, `contacts`,
//! `admin` and `admin_users`, `account`, `login`, `audit`, `reports`): each parses its form or
//! query, calls the use case in [`crate::app`] and renders the answer; a refusal is an
//! [`error::UiError`] page in the reader's language. This file is the router and what every page
//! shares (the headers, the signed-in reader, times in their zone).

mod account;
mod admin;
mod admin_users;
mod audit;
mod board;
mod canary;
mod bulk;
mod catalogue;
mod payments;
mod contacts;
mod entry;
pub(crate) mod error;
mod flash;
mod forms_admin;
pub mod i18n;
mod inbox;
mod invoices_card;
mod delivery;
mod purchases_card;
pub mod invoices_customer;
mod late;
mod lead_actions;
mod lead_card;
mod offer_tasks;
mod offers_card;
mod offers_diff;
mod offers_editor;
mod lists;
mod login;
mod playbooks;
pub mod requisites;
pub(crate) mod notify;
pub mod redirect;
mod reports;
mod settings;
pub(crate) mod setup;
mod shell;
mod simulate;
mod tasks;
mod texts;
pub mod markdown;
pub mod words;

pub use shell::whole_error_pages;

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use askama::Template;
use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use error::UiError;
use i18n::Tr;
use jiff::Timestamp;
use std::sync::Arc;

const LANGUAGES: &[(&str, &str)] = &[("cs", "Čeština"), ("en", "English"), ("pl", "Polski"), ("ru", "Русский"), ("he", "עברית")];
const CHANNELS: &[&str] = &["web", "email", "phone", "in_person", "api"];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/inbox") }))
        .route("/login", get(login::login_page).post(login::login))
        .route("/logout", post(login::logout))
        .route("/language", post(login::set_language))
        .route("/account", get(account::account))
        .route("/account/password", post(account::change_password))
        .route("/inbox", get(inbox::inbox))
        .route("/tasks", get(tasks::tasks_page))
        .route("/tasks/{id}/complete", post(tasks::complete))
        .route("/tasks/{id}/callback", post(tasks::callback))
        .route("/board", get(board::board))
        .route("/board/move", post(board::move_card))
        .route("/admin", get(admin::admin_page))
        .route("/admin/users", post(admin_users::add_user))
        .route("/admin/users/{id}/{what}", post(admin_users::user_action))
        .route("/admin/users/{id}/tokens/{token}/revoke", post(admin_users::revoke_token))
        .route("/account/tokens/{token}/revoke", post(account::revoke_token))
        .route("/admin/test/{channel}", post(admin::test_channel))
        .route("/admin/test/mailbox/{name}", post(admin::test_mailbox))
        .route("/admin/test/telephony", post(admin::test_telephony))
        .route("/admin/playbooks", post(admin::playbook))
        .route("/admin/webhooks", post(admin::add_webhook))
        .route("/admin/webhooks/{id}/delete", post(admin::delete_webhook))
        .route("/admin/audit", get(audit::audit_page))
        .route("/reports", get(reports::reports_page))
        .route("/reports/leads", get(reports::drill_page))
        .route("/contacts", get(contacts::contacts_page))
        .route("/contacts/merge", post(contacts::merge))
        .route("/leads/new", get(entry::new_page).post(entry::create))
        .route("/leads/new/similar", get(entry::similar))
        .route("/contacts/{id}/merge", get(contacts::merge_page))
        .route("/contacts/merges/{id}", get(contacts::merged_page))
        .route("/contacts/merges/{id}/undo", post(contacts::undo))
        .route("/leads", get(inbox::leads))
        .route("/leads/bulk", post(bulk::bulk))
        .route("/late", get(late::late_page))
        .route("/leads/{id}", get(lead_card::lead_page))
        .route("/leads/{id}/{action}", post(lead_actions::lead_action))
        .route("/static/app.css", get(|| async { asset("text/css; charset=utf-8", APP_CSS) }))
        .route("/static/app.js", get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }))
        .merge(notify::routes())
        .merge(settings::routes())
        .merge(canary::routes())
        .merge(forms_admin::routes())
        .merge(setup::routes())
        .route("/manifest.webmanifest", get(|| async { asset("application/manifest+json", include_str!("../../static/manifest.webmanifest")) }))
        .merge(shell::router())
        .merge(playbooks::routes())
        .merge(catalogue::routes())
        .merge(offers_editor::routes())
        // The customer's requisites (issue 21, helper "requisites").
        .merge(requisites::routes())
        // ── invoices (issue 21, helper "invoices") ──
        .merge(invoices_card::routes())
        // ── delivery (issue 21, helper "delivery") ──
        .merge(delivery::routes())
        // ── payments (issue 21, helper "payments") ──
        .merge(payments::routes())
        // ── purchases (issue 21, helper "purchase") ──
        .merge(purchases_card::routes())
        // The staffing simulator (issue 23).
        .merge(simulate::routes())
}

/// Each area of the UI keeps its styles and script in its own file (`static/css/{area}.css`,
/// `static/js/{area}.js`); the browser gets one stylesheet and one script.
macro_rules! areas {
    ($base:literal, $dir:literal, $ext:literal) => {
        concat!(
            include_str!(concat!("../../static/", $base)), "\n",
            include_str!(concat!("../../static/", $dir, "/shell.", $ext)), "\n",
            include_str!(concat!("../../static/", $dir, "/notify.", $ext)), "\n",
            include_str!(concat!("../../static/", $dir, "/words.", $ext)), "\n",
            include_str!(concat!("../../static/", $dir, "/flow.", $ext)), "\n",
            include_str!(concat!("../../static/", $dir, "/lists.", $ext)), "\n",
            include_str!(concat!("../../static/", $dir, "/entry.", $ext)), "\n",
            include_str!(concat!("../../static/", $dir, "/reports.", $ext)), "\n",
            include_str!(concat!("../../static/", $dir, "/settings.", $ext)), "\n",
            include_str!(concat!("../../static/", $dir, "/setup.", $ext)), "\n",
            include_str!(concat!("../../static/", $dir, "/forms.", $ext)), "\n",
            include_str!(concat!("../../static/", $dir, "/playbooks.", $ext)), "\n",
            include_str!(concat!("../../static/", $dir, "/catalogue.", $ext)), "\n",
            include_str!(concat!("../../static/", $dir, "/offers.", $ext)), "\n",
            include_str!(concat!("../../static/", $dir, "/requisites.", $ext)), "\n",
            include_str!(concat!("../../static/", $dir, "/invoices.", $ext)), "\n",
            include_str!(concat!("../../static/", $dir, "/delivery.", $ext)), "\n",
            include_str!(concat!("../../static/", $dir, "/purchases.", $ext))
        )
    };
}
const APP_CSS: &str = areas!("app.css", "css", "css");
const APP_JS: &str = areas!("app.js", "js", "js");

fn asset(ct: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, ct), (header::CACHE_CONTROL, "public, max-age=3600")], body).into_response()
}

/// A page: HTML with the headers every page carries.
fn page(t: impl Template) -> Response {
    match t.render() {
        Ok(html) => {
            let mut r = Html(html).into_response();
            let h = r.headers_mut();
            h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
            h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; object-src 'none'; base-uri 'none'"),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("template: {e}")).into_response(),
    }
}

/// The signed-in user of a page and their words; without a session, the way to the sign-in
/// page (a change from another site: 403).
struct Signed(Caller, Arc<Tr>);

impl axum::extract::FromRequestParts<AppState> for Signed {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut axum::http::request::Parts, st: &AppState) -> Result<Self, Response> {
        match <Caller as axum::extract::FromRequestParts<AppState>>::from_request_parts(parts, st).await {
            Ok(c) => {
                // A password an admin reset: the account page (to change it) before anything else.
                if c.user.must_change_password && !parts.uri.path().starts_with("/account") {
                    return Err(Redirect::to("/account").into_response());
                }
                let t = i18n::pick(c.user.language.as_deref(), parts.headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
                Ok(Signed(c, t))
            }
            // (Shown as a whole page by `shell::whole_error_pages`.)
            Err(ApiError::Forbidden(m)) => Err(shell::cross_site(&m)),
            Err(_) => Err(Redirect::to("/login").into_response()),
        }
    }
}

fn local(t: Timestamp, tz: &jiff::tz::TimeZone) -> String {
    t.to_zoned(tz.clone()).strftime("%d.%m. %H:%M").to_string()
}

/// The office's time zone (the default playbook's calendar).
fn tz(st: &AppState) -> jiff::tz::TimeZone {
    st.store.playbooks().current(&st.config.default_playbook).map(|(_, pb)| pb.calendar.time_zone().clone()).unwrap_or(jiff::tz::TimeZone::UTC)
}

/// The reader's time zone: their own working hours' zone, else the office's.
fn user_tz(st: &AppState, c: &Caller) -> jiff::tz::TimeZone {
    c.user
        .hours
        .as_ref()
        .and_then(|h| h["time_zone"].as_str())
        .and_then(|z| jiff::tz::TimeZone::get(z).ok())
        .unwrap_or_else(|| tz(st))
}

fn age(from: Timestamp, now: Timestamp) -> String {
    let m = (now.as_second() - from.as_second()).max(0) / 60;
    match m {
        0..=59 => format!("{m} min"),
        60..=2879 => format!("{} h", m / 60),
        _ => format!("{} d", m / 1440),
    }
}

/// The error page of `e` for reader `c`, linking back to `back`.
fn fail<'a>(st: &'a AppState, c: &'a Caller, t: &'a Arc<Tr>, back: &'a str) -> impl Fn(crate::app::Error) -> UiError + 'a {
    move |e| UiError::new(st, c, t, back, e)
}

/// Whether the session cookie must be `Secure` (Pronto is reached over https).
fn secure(st: &AppState) -> bool {
    st.settings.public_url().is_some_and(|u| u.starts_with("https://"))
}

/// The connection's peer address, when the server recorded it.
pub(crate) struct Peer(pub(crate) Option<std::net::SocketAddr>);

impl axum::extract::FromRequestParts<AppState> for Peer {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        Ok(Peer(parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0)))
    }
}

/// Back to the page the form was on (same origin only), else `fallback`.
fn back(headers: &HeaderMap, fallback: &str) -> Response {
    let to = headers.get(header::REFERER).and_then(|v| v.to_str().ok()).and_then(redirect::back_path).unwrap_or(fallback);
    Redirect::to(to).into_response()
}
