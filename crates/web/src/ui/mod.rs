//! The team's web UI: server-rendered HTML (askama, escaped by default), a little
//! hand-written JS for live updates and countdowns, all assets in the binary. Signed in with a
//! session cookie (HttpOnly, SameSite=Lax, Secure behind TLS, rotated at login, idle and
//! absolute timeouts); every change is a same-origin POST (checked in `auth`), and then a
//! redirect back (post/redirect/get).

mod audit;
pub mod i18n;
pub mod redirect;
mod reports;

use crate::AppState;
use crate::auth::{Caller, SESSION_COOKIE, SignIn, cookie, new_token, token_hash};
use crate::error::ApiError;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use i18n::Tr;
use jiff::Timestamp;
use pronto_domain::lead::{ActivityKind, Direction, LeadPatch, NewActivity, Outcome};
use pronto_domain::user::Action;
use pronto_domain::values::Text;
use pronto_store::{LeadFilter, StoreError, TaskFilter};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;

const LANGUAGES: &[(&str, &str)] = &[("cs", "Čeština"), ("en", "English"), ("pl", "Polski"), ("ru", "Русский"), ("he", "עברית")];
const CHANNELS: &[&str] = &["web", "email", "phone", "in_person", "api"];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/inbox") }))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/language", post(set_language))
        .route("/account", get(account))
        .route("/account/password", post(change_password))
        .route("/inbox", get(inbox))
        .route("/tasks", get(tasks_page))
        .route("/tasks/{id}/complete", post(complete))
        .route("/tasks/{id}/callback", post(callback))
        .route("/board", get(board))
        .route("/admin", get(admin_page))
        .route("/admin/users", post(admin_add_user))
        .route("/admin/users/{id}/{what}", post(admin_user))
        .route("/admin/users/{id}/tokens/{token}/revoke", post(admin_revoke_token))
        .route("/account/tokens/{token}/revoke", post(account_revoke_token))
        .route("/admin/test/{channel}", post(admin_test))
        .route("/admin/test/mailbox/{name}", post(admin_test_mailbox))
        .route("/admin/test/telephony", post(admin_test_telephony))
        .route("/admin/playbooks", post(admin_playbook))
        .route("/admin/webhooks", post(admin_add_webhook))
        .route("/admin/webhooks/{id}/delete", post(admin_delete_webhook))
        .route("/admin/audit", get(audit::audit_page))
        .route("/reports", get(reports::reports_page))
        .route("/reports/leads", get(reports::drill_page))
        .route("/contacts", get(contacts_page))
        .route("/contacts/merge", post(merge))
        .route("/leads/{id}", get(lead_page))
        .route("/leads/{id}/{action}", post(lead_action))
        .route("/static/app.css", get(|| async { asset("text/css; charset=utf-8", include_str!("../../static/app.css")) }))
        .route("/static/app.js", get(|| async { asset("text/javascript; charset=utf-8", include_str!("../../static/app.js")) }))
        .route("/manifest.webmanifest", get(|| async { asset("application/manifest+json", include_str!("../../static/manifest.webmanifest")) }))
}

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
            Err(ApiError::Forbidden(m)) => {
                let mut r = (StatusCode::FORBIDDEN, m.clone()).into_response();
                r.extensions_mut().insert(crate::audit::Denied(m));
                Err(r)
            }
            Err(_) => Err(Redirect::to("/login").into_response()),
        }
    }
}

#[derive(Template)]
#[template(path = "denied.html")]
struct DeniedPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    reason: String,
    back: String,
}

/// The error page of a refused action (403): what the reader's role may not do, in their
/// words. The audit log records the refusal with `e`'s reason (see `audit::denials`).
fn denied(st: &AppState, c: &Caller, t: &Arc<Tr>, action: Action, e: ApiError, back: String) -> Response {
    let key = match action {
        Action::WorkDeal => "denied-deal",
        Action::SendEmail => "denied-email",
        Action::ReadPersonalData => "denied-documents",
        Action::RevokeLink => "denied-revoke",
        _ => "forbidden",
    };
    let mut r = page(DeniedPage {
        t: t.clone(),
        admin: c.role == pronto_domain::user::Role::Admin,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "denied",
        languages: LANGUAGES,
        reason: t.t(key),
        back,
    });
    *r.status_mut() = StatusCode::FORBIDDEN;
    if let ApiError::Forbidden(why) = e {
        r.extensions_mut().insert(crate::audit::Denied(why));
    }
    r
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

// ── sign in / out ──

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

async fn login_page(headers: HeaderMap) -> Response {
    let t = i18n::pick(None, headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    page(LoginPage { admin: false, now_iso: String::new(), t, me: None, page: "login", languages: LANGUAGES, error: None, login: String::new() })
}

#[derive(Deserialize)]
struct LoginForm {
    login: String,
    password: String,
}

fn secure(st: &AppState) -> bool {
    st.config.public_url.as_deref().is_some_and(|u| u.starts_with("https://"))
}

/// The connection's peer address, when the server recorded it.
pub(crate) struct Peer(pub(crate) Option<std::net::SocketAddr>);

impl axum::extract::FromRequestParts<AppState> for Peer {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        Ok(Peer(parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0)))
    }
}

async fn login(State(st): State<AppState>, Peer(peer): Peer, headers: HeaderMap, Form(f): Form<LoginForm>) -> Response {
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
    if !st.login_limiter.check(ip) {
        return again(t.t("too-many-attempts"), StatusCode::TOO_MANY_REQUESTS);
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

async fn logout(State(st): State<AppState>, Peer(peer): Peer, headers: HeaderMap) -> Response {
    if !crate::auth::same_origin(&headers) {
        return (StatusCode::FORBIDDEN, "a change from another site is refused (CSRF)").into_response();
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
struct LanguageForm {
    language: String,
}

async fn set_language(State(st): State<AppState>, headers: HeaderMap, Signed(c, _): Signed, Form(f): Form<LanguageForm>) -> Response {
    if let Some(l) = pronto_playbook::messages::language(&f.language) {
        let patch = pronto_store::UserPatch { id: c.user.id, language: Some(Some(l.to_owned())), ..Default::default() };
        let _ = st.store.update_user(patch, Some(c.user.id)).await;
    }
    back(&headers, "/inbox")
}

/// Back to the page the form was on (same origin only), else `fallback`.
fn back(headers: &HeaderMap, fallback: &str) -> Response {
    let to = headers.get(header::REFERER).and_then(|v| v.to_str().ok()).and_then(redirect::back_path).unwrap_or(fallback);
    Redirect::to(to).into_response()
}

// ── inbox ──

struct LeadRow {
    id: i64,
    contact: String,
    phone: Option<String>,
    subject: String,
    channel: String,
    stage: String,
    owner: String,
    unassigned: bool,
    received_iso: String,
    age: String,
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    rows: Vec<LeadRow>,
    q: String,
    channel: String,
    stage: String,
    owner: String,
    age: String,
    channels: &'static [&'static str],
    stages: Vec<String>,
}

async fn inbox(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> Response {
    let get = |k: &str| q.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let (query, channel, stage, owner, age_filter) = (get("q"), get("channel"), get("stage"), get("owner"), get("age"));
    let since = match age_filter.as_str() {
        "1h" => Some(st.clock.now() - jiff::SignedDuration::from_hours(1)),
        "24h" => Some(st.clock.now() - jiff::SignedDuration::from_hours(24)),
        "7d" => Some(st.clock.now() - jiff::SignedDuration::from_hours(24 * 7)),
        _ => None,
    };
    let filter = LeadFilter {
        stage: Some(stage.clone()).filter(|s| !s.is_empty()),
        status: Some("open".into()),
        channel: Some(channel.clone()).filter(|s| CHANNELS.contains(&s.as_str())),
        owner: match owner.as_str() {
            "none" => Some(None),
            "me" => Some(Some(c.user.id)),
            _ => None,
        },
        query: Some(query.clone()).filter(|s| !s.is_empty()),
        received_after: since,
        limit: 100,
        ..Default::default()
    };
    let leads = match st.store.leads(&filter).await {
        Ok(l) => l,
        Err(e) => return (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    };
    let now = st.clock.now();
    let mut rows: Vec<LeadRow> = leads
        .into_iter()
        .map(|l| LeadRow {
            id: l.id,
            contact: l.contact.name.clone().or(l.contact.email.clone()).or(l.contact.phone.clone()).unwrap_or_else(|| format!("#{}", l.id)),
            phone: l.contact.phone.clone(),
            subject: l.subject.clone().unwrap_or_default(),
            channel: l.channel.clone(),
            stage: l.stage.clone(),
            unassigned: l.owner.is_none(),
            owner: l.owner.map(|o| o.name).unwrap_or_else(|| t.t("unassigned")),
            received_iso: l.received_at.to_string(),
            age: age(l.received_at, now),
        })
        .collect();
    // New and unassigned first.
    rows.sort_by_key(|r| !r.unassigned);
    let stages = st
        .store
        .playbooks()
        .current(&st.config.default_playbook)
        .map(|(_, pb)| pb.stage_ids().iter().map(|s| s.to_string()).collect())
        .unwrap_or_default();
    page(InboxPage {
        admin: c.role == pronto_domain::user::Role::Admin,
        now_iso: now.to_string(),
        t,
        me: Some(c.user.name.clone()),
        page: "inbox",
        languages: LANGUAGES,
        rows,
        q: query,
        channel,
        stage,
        owner,
        age: age_filter,
        channels: CHANNELS,
        stages,
    })
}

// ── my tasks ──

struct TaskRow {
    id: i64,
    lead_id: i64,
    title: String,
    priority: String,
    lead_line: String,
    phone: Option<String>,
    due_iso: String,
    due_local: String,
    script: Option<String>,
    outcomes: Vec<(String, String)>,
}

struct Group {
    title: String,
    tasks: Vec<TaskRow>,
}

#[derive(Template)]
#[template(path = "tasks.html")]
struct TasksPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    groups: Vec<Group>,
    overdue: i64,
}

async fn tasks_page(State(st): State<AppState>, Signed(c, t): Signed) -> Response {
    let list = match st.store.tasks(&TaskFilter { assignee: Some(c.user.id), status: Some("open".into()), limit: 200, ..Default::default() }).await {
        Ok(l) => l,
        Err(e) => return (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    };
    let now = st.clock.now();
    let zone = user_tz(&st, &c);
    let today_end = now.to_zoned(zone.clone()).date().tomorrow().ok().and_then(|d| d.to_zoned(zone.clone()).ok()).map(|z| z.timestamp());
    let reg = st.store.playbooks();
    let mut groups: Vec<Group> = ["overdue", "due-now", "today", "later"].iter().map(|k| Group { title: t.t(k), tasks: vec![] }).collect();
    for k in list {
        let lead = st.store.lead(k.lead_id).await.ok();
        let outcomes: Vec<String> = lead
            .as_ref()
            .and_then(|l| reg.get(&l.playbook, l.playbook_version))
            .and_then(|pb| pb.tasks.get(&k.task).map(|d| d.outcomes.clone()))
            .unwrap_or_else(|| vec!["done".into()]);
        let g = if k.due_at < now - jiff::SignedDuration::from_mins(1) {
            0
        } else if k.due_at <= now + jiff::SignedDuration::from_mins(15) {
            1
        } else if today_end.is_some_and(|e| k.due_at < e) {
            2
        } else {
            3
        };
        groups[g].tasks.push(TaskRow {
            id: k.id,
            lead_id: k.lead_id,
            title: k.title.clone(),
            priority: k.priority.clone(),
            lead_line: lead
                .as_ref()
                .map(|l| {
                    let who = l.contact.name.clone().or(l.contact.email.clone()).unwrap_or_else(|| format!("#{}", l.id));
                    match &l.subject {
                        Some(s) => format!("{who} — {s}"),
                        None => who,
                    }
                })
                .unwrap_or_default(),
            phone: lead.as_ref().and_then(|l| l.contact.phone.clone()),
            due_iso: k.due_at.to_string(),
            due_local: local(k.due_at, &zone),
            script: k.script.clone(),
            outcomes: outcomes.into_iter().map(|o| (o.clone(), t.t(&format!("outcome-{o}")).replace("outcome-", ""))).collect(),
        });
    }
    let overdue = groups[0].tasks.len() as i64;
    groups.retain(|g| !g.tasks.is_empty());
    page(TasksPage { admin: c.role == pronto_domain::user::Role::Admin, now_iso: now.to_string(), t, me: Some(c.user.name.clone()), page: "tasks", languages: LANGUAGES, groups, overdue })
}

#[derive(Deserialize)]
struct OutcomeForm {
    outcome: String,
}

async fn complete(
    State(st): State<AppState>,
    headers: HeaderMap,
    Signed(c, t): Signed,
    Path(id): Path<i64>,
    Form(f): Form<OutcomeForm>,
) -> Response {
    match st.store.complete_task(id, f.outcome, None, Some(c.user.id)).await {
        Ok(()) => back(&headers, "/tasks"),
        Err(StoreError::NotFound) => (StatusCode::NOT_FOUND, t.t("not-found")).into_response(),
        Err(e) => (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()).into_response(),
    }
}

/// A `datetime-local` value (the office's time zone) as a moment.
fn parse_local(v: &str, zone: &jiff::tz::TimeZone) -> Option<Timestamp> {
    let dt: jiff::civil::DateTime = v.trim().parse().ok()?;
    dt.to_zoned(zone.clone()).ok().map(|z| z.timestamp())
}

#[derive(Deserialize)]
struct CallbackForm {
    at: String,
}

/// "Call back at …": the task waits for that time.
async fn callback(
    State(st): State<AppState>,
    headers: HeaderMap,
    Signed(c, t): Signed,
    Path(id): Path<i64>,
    Form(f): Form<CallbackForm>,
) -> Response {
    let Some(at) = parse_local(&f.at, &user_tz(&st, &c)) else {
        return (StatusCode::UNPROCESSABLE_ENTITY, format!("at: `{}` is not a date and time", f.at)).into_response();
    };
    match st.store.reschedule_task(id, at, Some(c.user.id)).await {
        Ok(()) => back(&headers, "/tasks"),
        Err(StoreError::NotFound) => (StatusCode::NOT_FOUND, t.t("not-found")).into_response(),
        Err(e) => (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()).into_response(),
    }
}

// ── the lead card ──

struct TimelineRow {
    at_iso: String,
    at_local: String,
    kind: String,
    detail: String,
}

struct EmailRow {
    direction: String,
    subject: String,
    who: String,
    when: String,
    text: String,
}

struct OpenTask {
    title: String,
    due_iso: String,
    due_local: String,
    assignee: Option<String>,
}

#[derive(Template)]
#[template(path = "lead.html")]
struct LeadPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    lead_id: i64,
    id_text: String,
    contact: String,
    phone: Option<String>,
    email: Option<String>,
    company: Option<String>,
    subject: String,
    message: String,
    channel: String,
    stage: String,
    status: String,
    owner: String,
    owner_id: i64,
    received_iso: String,
    received_local: String,
    stages: Vec<String>,
    users: Vec<(i64, String)>,
    call_outcomes: Vec<(String, String)>,
    tasks: Vec<OpenTask>,
    emails: Vec<EmailRow>,
    earlier: Vec<(i64, String)>,
    timeline: Vec<TimelineRow>,
    tracking_url: Option<String>,
    /// The customer's documents: (id, file name, "size · when"); empty unless the reader may
    /// open them (`may_documents`), when `documents_hidden` counts them instead.
    documents: Vec<(i64, String, String)>,
    documents_hidden: i64,
    may_documents: bool,
    may_email: bool,
    may_revoke: bool,
}

async fn lead_page(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<i64>) -> Response {
    let l = match st.store.lead(id).await {
        Ok(l) => l,
        Err(StoreError::NotFound) => return (StatusCode::NOT_FOUND, t.t("not-found")).into_response(),
        Err(e) => return (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    };
    let zone = user_tz(&st, &c);
    let on = match crate::access::on_lead(&st, &c, id).await {
        Ok(on) => on,
        Err(e) => return (e.status(), e.to_string()).into_response(),
    };
    let may = |a: Action| c.role.may(a, &on);
    // The stages this reader may move the lead to (the deal is not every role's).
    let stages = st
        .store
        .playbooks()
        .get(&l.playbook, l.playbook_version)
        .map(|pb| {
            pb.stage_ids()
                .into_iter()
                .filter(|s| *s == l.stage || may(Action::WorkDeal) || !pb.is_deal_stage(s))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let users = st.store.users().await.unwrap_or_default().into_iter().filter(|u| u.active).map(|u| (u.id, u.name)).collect();
    let tasks = st
        .store
        .tasks(&TaskFilter { lead: Some(id), status: Some("open".into()), limit: 50, ..Default::default() })
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|k| OpenTask { title: k.title, due_iso: k.due_at.to_string(), due_local: local(k.due_at, &zone), assignee: k.assignee.map(|a| a.name) })
        .collect();
    let emails = st
        .store
        .emails(id)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|e| EmailRow {
            direction: e.direction.clone(),
            subject: e.subject.unwrap_or_default(),
            who: if e.direction == "in" { e.from_name.or(e.from_address).unwrap_or_default() } else { e.to_address.unwrap_or_default() },
            when: local(e.created_at, &zone),
            text: e.text,
        })
        .collect();
    let earlier = st
        .store
        .leads(&LeadFilter { contact: Some(l.contact.id), limit: 20, ..Default::default() })
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|x| x.id != id)
        .map(|x| (x.id, format!("#{} {} — {} ({})", x.id, x.subject.unwrap_or_default(), x.stage, local(x.received_at, &zone))))
        .collect();
    let timeline = st
        .store
        .timeline(id)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|e| TimelineRow {
            at_iso: e.at.to_string(),
            at_local: local(e.at, &zone),
            detail: detail(&e.data),
            kind: e.kind,
        })
        .collect();
    let call_outcomes = ["reached", "no_answer", "busy", "failed"].iter().map(|o| (o.to_string(), t.t(&format!("outcome-{o}")))).collect();
    let files = st.store.customer_files(id).await.unwrap_or_default();
    let documents_hidden = files.len() as i64;
    let documents = if may(Action::ReadPersonalData) {
        files.into_iter().map(|f| (f.id, f.filename, format!("{} kB · {}", (f.size + 1023) / 1024, local(f.created_at, &zone)))).collect()
    } else {
        Vec::new()
    };
    page(LeadPage {
        admin: c.role == pronto_domain::user::Role::Admin,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "lead",
        languages: LANGUAGES,
        lead_id: id,
        id_text: format!("#{id}"),
        contact: l.contact.name.clone().or(l.contact.email.clone()).or(l.contact.phone.clone()).unwrap_or_else(|| format!("#{id}")),
        phone: l.contact.phone.clone(),
        email: l.contact.email.clone(),
        company: l.company.as_ref().and_then(|c| c.name.clone()),
        subject: l.subject.clone().unwrap_or_default(),
        message: l.message.clone().unwrap_or_default(),
        channel: l.channel.clone(),
        stage: l.stage.clone(),
        status: l.status.clone(),
        owner_id: l.owner.as_ref().map(|o| o.id).unwrap_or(0),
        owner: l.owner.map(|o| o.name).unwrap_or_else(|| t.t("unassigned")),
        received_iso: l.received_at.to_string(),
        received_local: local(l.received_at, &zone),
        stages,
        users,
        call_outcomes,
        tasks,
        emails,
        earlier,
        timeline,
        tracking_url: l.tracking_url.clone(),
        documents,
        documents_hidden,
        may_documents: may(Action::ReadPersonalData),
        may_email: may(Action::SendEmail),
        may_revoke: may(Action::RevokeLink),
        t,
    })
}

/// A timeline event's data in one line (the template escapes it).
fn detail(v: &serde_json::Value) -> String {
    match v.as_object() {
        Some(m) => m
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| format!("{k}: {}", v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string())))
            .collect::<Vec<_>>()
            .join(", "),
        None => String::new(),
    }
}

async fn lead_action(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path((id, action)): Path<(i64, String)>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let field = |k: &str| f.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let now = st.clock.now();
    let needs = if matches!(action.as_str(), "note" | "call" | "email") { Action::LogActivity } else { Action::EditLead };
    if let Err(e) = c.require(needs) {
        return denied(&st, &c, &t, needs, e, format!("/leads/{id}"));
    }
    // Per record: e-mail, the customer's link; the deal's stages.
    let on_record = match action.as_str() {
        "email" => Some(Action::SendEmail),
        "revoke-tracking" => Some(Action::RevokeLink),
        "stage" if !c.role.may(Action::WorkDeal, &pronto_domain::user::On::NOTHING) => match st.store.lead(id).await {
            Ok(l) if crate::access::is_deal_move(&st, &l.playbook, l.playbook_version, Some(&field("stage")), None) => Some(Action::WorkDeal),
            Ok(_) => None,
            Err(StoreError::NotFound) => return (StatusCode::NOT_FOUND, t.t("not-found")).into_response(),
            Err(e) => return (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
        },
        _ => None,
    };
    if let Some(a) = on_record {
        match crate::access::require_on_lead(&st, &c, a, id).await {
            Ok(()) => {}
            Err(e @ ApiError::Forbidden(_)) => return denied(&st, &c, &t, a, e, format!("/leads/{id}")),
            Err(e) => return (e.status(), e.to_string()).into_response(),
        }
    }
    let result = match action.as_str() {
        "note" => match Text::parse(&field("text"), pronto_domain::lead::MESSAGE_MAX) {
            Ok(text) => st
                .store
                .log_activity(id, NewActivity { kind: ActivityKind::Note, direction: None, outcome: None, body: Some(text), at: now }, Some(c.user.id))
                .await
                .map(|_| ()),
            Err(e) => return (StatusCode::UNPROCESSABLE_ENTITY, format!("text: {e}")).into_response(),
        },
        "call" => {
            let (Ok(direction), Ok(outcome)) = (Direction::parse(&field("direction")), Outcome::parse(&field("outcome"))) else {
                return (StatusCode::UNPROCESSABLE_ENTITY, "direction and outcome").into_response();
            };
            st.store
                .log_activity(id, NewActivity { kind: ActivityKind::Call, direction: Some(direction), outcome: Some(outcome), body: None, at: now }, Some(c.user.id))
                .await
                .map(|_| ())
        }
        "assign" => match field("owner").parse::<i64>() {
            Ok(owner) => st.store.patch_lead(id, LeadPatch { owner: Some(Some(owner)), ..Default::default() }, Some(c.user.id)).await,
            Err(_) => return (StatusCode::UNPROCESSABLE_ENTITY, "owner").into_response(),
        },
        "stage" => st.store.patch_lead(id, LeadPatch { stage: Some(field("stage")), ..Default::default() }, Some(c.user.id)).await,
        "revoke-tracking" => {
            let r = st.store.revoke_tracking(id, Some(c.user.id)).await.map(|_| ());
            if r.is_ok() {
                st.audit_change(&c, crate::audit::kind::LINK_REVOKED, Some(format!("lead/{id}")), serde_json::json!({})).await;
            }
            r
        }
        "task" => {
            let title = field("title");
            let Some(due) = parse_local(&field("due"), &user_tz(&st, &c)) else {
                return (StatusCode::UNPROCESSABLE_ENTITY, "due: a date and time").into_response();
            };
            if title.is_empty() || title.chars().count() > 300 {
                return (StatusCode::UNPROCESSABLE_ENTITY, "title: 1–300 characters").into_response();
            }
            st.store.create_task(id, title, due, field("assignee").parse().ok(), Some(c.user.id)).await.map(|_| ())
        }
        "email" => {
            let text = match Text::parse(&field("text"), pronto_domain::lead::MESSAGE_MAX) {
                Ok(text) => text,
                Err(e) => return (StatusCode::UNPROCESSABLE_ENTITY, format!("text: {e}")).into_response(),
            };
            // Parsed as the API parses it: a line break in a subject would start a new header.
            let subject = match pronto_domain::lead::email_subject(f.get("subject").map(String::as_str).unwrap_or("")) {
                Ok(s) => s.map(|s| s.into_string()),
                Err(e) => return (StatusCode::UNPROCESSABLE_ENTITY, format!("subject: {e}")).into_response(),
            };
            let mut random = [0u8; 12];
            if getrandom::fill(&mut random).is_err() {
                return (StatusCode::SERVICE_UNAVAILABLE, t.t("error")).into_response();
            }
            let unique: String = random.iter().map(|b| format!("{b:02x}")).collect();
            let from_address = st.config.smtp_address();
            st.store
                .send_email(pronto_store::OutgoingEmail {
                    lead_id: id,
                    to: None,
                    subject,
                    text: text.into_string(),
                    message_id: pronto_mail::thread::message_id(id, &unique, &from_address),
                    reply_to: st.mail.reply_address().map(|a| pronto_mail::thread::reply_address(&a, id)),
                    actor: Some(c.user.id),
                })
                .await
                .map(|_| ())
        }
        _ => return (StatusCode::NOT_FOUND, t.t("not-found")).into_response(),
    };
    match result {
        Ok(()) => Redirect::to(&format!("/leads/{id}")).into_response(),
        Err(StoreError::NotFound) => (StatusCode::NOT_FOUND, t.t("not-found")).into_response(),
        Err(StoreError::Invalid(e)) => (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()).into_response(),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}

// ── the pipeline board ──

struct Card {
    id: i64,
    contact: String,
    owner: String,
    received_iso: String,
    age: String,
}

struct Column {
    id: String,
    title: String,
    count: i64,
    cards: Vec<Card>,
    next: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "board.html")]
struct BoardPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    columns: Vec<Column>,
}

/// A column per stage of the default playbook: how many open leads, the newest of them with
/// their age, and buttons to move each to the stages that follow.
async fn board(State(st): State<AppState>, Signed(c, t): Signed) -> Response {
    let Some((_, pb)) = st.store.playbooks().current(&st.config.default_playbook) else {
        return (StatusCode::SERVICE_UNAVAILABLE, t.t("error")).into_response();
    };
    let counts: HashMap<String, i64> = st.store.stage_counts().await.unwrap_or_default().into_iter().collect();
    let now = st.clock.now();
    let mut columns = Vec::new();
    for s in pb.stages.iter().filter(|s| s.status.is_none()) {
        let leads = st
            .store
            .leads(&LeadFilter { stage: Some(s.id.clone()), status: Some("open".into()), limit: 30, ..Default::default() })
            .await
            .unwrap_or_default();
        columns.push(Column {
            id: s.id.clone(),
            title: s.title.clone(),
            count: counts.get(&s.id).copied().unwrap_or(0),
            cards: leads
                .into_iter()
                .map(|l| Card {
                    id: l.id,
                    contact: l.contact.name.or(l.contact.email).or(l.contact.phone).unwrap_or_else(|| format!("#{}", l.id)),
                    owner: l.owner.map(|o| o.name).unwrap_or_else(|| t.t("unassigned")),
                    received_iso: l.received_at.to_string(),
                    age: age(l.received_at, now),
                })
                .collect(),
            // Only the moves the reader may make (the deal is not every role's).
            next: s
                .next
                .iter()
                .filter(|n| c.role.may(Action::WorkDeal, &pronto_domain::user::On::NOTHING) || !pb.is_deal_stage(n))
                .filter_map(|n| pb.stage(n).map(|d| (d.id.clone(), d.title.clone())))
                .collect(),
        });
    }
    page(BoardPage { admin: c.role == pronto_domain::user::Role::Admin, t, now_iso: now.to_string(), me: Some(c.user.name.clone()), page: "board", languages: LANGUAGES, columns })
}

// ── contacts ──

struct ContactRow {
    id: i64,
    name: String,
    phone: Option<String>,
    email: Option<String>,
    company: String,
    leads: i64,
    first_lead: Option<i64>,
}

#[derive(Template)]
#[template(path = "contacts.html")]
struct ContactsPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    rows: Vec<ContactRow>,
    companies: Vec<(i64, String, String, i64, i64)>,
    q: String,
    merged: bool,
}

async fn contacts_page(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> Response {
    let query = q.get("q").map(|v| v.trim().to_owned()).unwrap_or_default();
    let list = match st.store.contacts(Some(query.clone()).filter(|s| !s.is_empty()), 100).await {
        Ok(l) => l,
        Err(e) => return (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    };
    let mut rows = Vec::with_capacity(list.len());
    for x in list {
        let first = st.store.leads(&LeadFilter { contact: Some(x.id), limit: 1, ..Default::default() }).await.ok().and_then(|l| l.first().map(|l| l.id));
        rows.push(ContactRow {
            id: x.id,
            name: x.name.clone().or(x.email.clone()).or(x.phone.clone()).unwrap_or_else(|| format!("#{}", x.id)),
            phone: x.phone,
            email: x.email,
            company: x.company.unwrap_or_default(),
            leads: x.leads,
            first_lead: first,
        });
    }
    let companies = st
        .store
        .companies(Some(query.clone()).filter(|s| !s.is_empty()), 100)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|(id, name, reg, people, leads)| (id, name.unwrap_or_default(), reg.unwrap_or_default(), people, leads))
        .collect();
    page(ContactsPage {
        admin: c.role == pronto_domain::user::Role::Admin,
        companies,
        t,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "contacts",
        languages: LANGUAGES,
        rows,
        q: query,
        merged: q.contains_key("merged"),
    })
}

#[derive(Deserialize)]
struct MergeForm {
    keep: i64,
    other: i64,
}

async fn merge(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<MergeForm>) -> Response {
    if c.require(pronto_domain::user::Action::EditLead).is_err() {
        return (StatusCode::FORBIDDEN, t.t("forbidden")).into_response();
    }
    match st.store.merge_contacts(f.keep, f.other, Some(c.user.id)).await {
        Ok(()) => Redirect::to("/contacts?merged=1").into_response(),
        Err(StoreError::NotFound) => (StatusCode::NOT_FOUND, t.t("not-found")).into_response(),
        Err(e @ (StoreError::Invalid(_) | StoreError::Conflict(_))) => (StatusCode::UNPROCESSABLE_ENTITY, e.to_string()).into_response(),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}

// ── admin ──

struct UserRow {
    id: i64,
    name: String,
    login: String,
    role: String,
    phone: Option<String>,
    presence: String,
    hours: String,
    active: bool,
    tokens: Vec<TokenRow>,
}

/// An API token as the admin and account pages show it.
struct TokenRow {
    id: i64,
    name: String,
    created: String,
    last_used: String,
    expires: String,
}

async fn token_rows(st: &AppState, user: i64, t: &Tr, zone: &jiff::tz::TimeZone) -> Vec<TokenRow> {
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
#[template(path = "admin.html")]
struct AdminPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    notice: Option<String>,
    users: Vec<UserRow>,
    presences: &'static [&'static str],
    roles: Vec<&'static str>,
    forms: Vec<(String, String)>,
    sms: String,
    smtp: String,
    telephony: String,
    mailboxes: Vec<(String, String)>,
    playbooks: Vec<(String, String, i64)>,
    webhooks: Vec<(i64, String, String)>,
}

/// The admin page, with `notice` (a test's or a check's result) on top.
async fn admin_render(st: &AppState, c: &Caller, t: Arc<Tr>, notice: Option<String>) -> Response {
    let zone = user_tz(st, c);
    let mut users = Vec::new();
    // Active users first, then the deactivated ones (to reactivate).
    let mut all = st.store.users().await.unwrap_or_default();
    all.sort_by_key(|u| (!u.active, u.id));
    for u in all {
        let tokens = if u.active { token_rows(st, u.id, &t, &zone).await } else { Vec::new() };
        users.push(UserRow {
            id: u.id,
            name: u.name,
            login: u.login,
            role: u.role,
            phone: u.phone,
            presence: u.presence,
            hours: u.hours.map(|h| h.to_string()).unwrap_or_default(),
            active: u.active,
            tokens,
        });
    }
    let base = st.config.public_url.clone().unwrap_or_else(|| "https://YOUR-PRONTO".into());
    let forms = st
        .config
        .forms
        .keys()
        .map(|k| {
            (
                k.clone(),
                format!(
                    "<form method=\"post\" action=\"{base}/forms/{k}\">\n  <input name=\"name\" placeholder=\"Name\">\n  <input name=\"phone\" placeholder=\"Phone\">\n  <input name=\"email\" type=\"email\" placeholder=\"E-mail\">\n  <textarea name=\"message\"></textarea>\n  <input name=\"website\" style=\"display:none\" tabindex=\"-1\" autocomplete=\"off\">\n  <button>Send</button>\n</form>"
                ),
            )
        })
        .collect();
    let mailboxes = st
        .mail
        .get()
        .into_iter()
        .map(|(cfg, s)| (cfg.name, format!("{} {}", if s.state.is_empty() { "starting" } else { s.state }, s.last_error.unwrap_or_default())))
        .collect();
    let reg = st.store.playbooks();
    let playbooks = reg.list().into_iter().map(|(n, v, pb)| (n, pb.title.clone(), v)).collect();
    let webhooks = st.store.webhooks().await.unwrap_or_default().into_iter().map(|w| (w.id, w.url, w.events.join(", "))).collect();
    let set = |b: bool| if b { "configured" } else { "not configured" };
    page(AdminPage {
        admin: true,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "admin",
        languages: LANGUAGES,
        notice,
        users,
        presences: &["available", "meeting", "away"],
        roles: pronto_domain::user::Role::ALL.iter().map(|r| r.as_str()).collect(),
        forms,
        sms: st.config.sms_provider.clone(),
        smtp: set(st.config.smtp_from.is_some()).into(),
        telephony: format!(
            "{} — POST {base}/hooks/telephony (JSON {}, Twilio {})",
            set(st.config.telephony_secret.is_some() || st.config.twilio_token.is_some()),
            set(st.config.telephony_secret.is_some()),
            set(st.config.twilio_token.is_some())
        ),
        mailboxes,
        playbooks,
        webhooks,
        t,
    })
}

/// 403 for anyone but an admin.
fn admin_only(c: &Caller, t: &Tr) -> Option<Response> {
    (c.role != pronto_domain::user::Role::Admin).then(|| {
        let mut r = (StatusCode::FORBIDDEN, t.t("forbidden")).into_response();
        r.extensions_mut().insert(crate::audit::Denied(format!("the role `{}` may not administer Pronto", c.role)));
        r
    })
}

async fn admin_page(State(st): State<AppState>, Signed(c, t): Signed) -> Response {
    if let Some(r) = admin_only(&c, &t) {
        return r;
    }
    admin_render(&st, &c, t, None).await
}

async fn admin_add_user(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<HashMap<String, String>>) -> Response {
    if let Some(r) = admin_only(&c, &t) {
        return r;
    }
    let get = |k: &str| f.get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let draft = crate::dto::UserIn {
        name: get("name"),
        login: get("login"),
        role: get("role"),
        phone: get("phone"),
        email: get("email"),
        // A password is taken exactly as typed (spaces are characters too).
        password: f.get("password").filter(|v| !v.is_empty()).cloned(),
    };
    let (login, role) = (draft.login.clone(), draft.role.clone());
    let notice = match crate::api::users::create(&st, draft, Some(c.user.id)).await {
        Ok(id) => {
            st.audit_change(&c, crate::audit::kind::USER_CREATED, Some(format!("user/{id}")), serde_json::json!({ "login": login, "role": role })).await;
            format!("user {id} added")
        }
        Err(ApiError::Invalid(e)) => e.to_string(),
        Err(e) => e.to_string(),
    };
    admin_render(&st, &c, t, Some(notice)).await
}

async fn admin_user(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path((id, what)): Path<(i64, String)>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Some(r) = admin_only(&c, &t) {
        return r;
    }
    let value = f.values().next().map(|v| v.trim().to_owned()).unwrap_or_default();
    if matches!(what.as_str(), "deactivate" | "activate" | "role" | "reset-password") {
        let notice = lifecycle(&st, &c, &t, id, &what, &value).await;
        return admin_render(&st, &c, t, Some(notice)).await;
    }
    let mut patch = pronto_store::UserPatch { id, ..Default::default() };
    let notice = match what.as_str() {
        "presence" => match pronto_playbook::Presence::parse(&value) {
            Some(p) => {
                patch.presence = Some(p);
                None
            }
            None => Some(format!("presence: `{value}` is not one of available, meeting, away")),
        },
        "hours" if value.is_empty() => {
            patch.hours = Some(None);
            None
        }
        "hours" => match pronto_store::parse_hours(&value) {
            Ok(_) => {
                patch.hours = Some(Some(value.clone()));
                None
            }
            Err(e) => Some(format!("hours: {e}")),
        },
        _ => return (StatusCode::NOT_FOUND, t.t("not-found")).into_response(),
    };
    let notice = match notice {
        Some(n) => n,
        None => match st.store.update_user(patch, Some(c.user.id)).await {
            Ok(()) => {
                st.audit_change(&c, crate::audit::kind::USER_CHANGED, Some(format!("user/{id}")), serde_json::json!({ "fields": [what] })).await;
                t.t("saved")
            }
            Err(e) => e.to_string(),
        },
    };
    admin_render(&st, &c, t, Some(notice)).await
}

/// One lifecycle action of the admin page; the answer says what happens next.
async fn lifecycle(st: &AppState, c: &Caller, t: &Tr, id: i64, what: &str, value: &str) -> String {
    let user = match st.store.user(id).await {
        Ok(u) => u,
        Err(_) => return t.t("not-found"),
    };
    let name = user.name.as_str();
    let actor = Some(c.user.id);
    let failed = |e: pronto_store::StoreError| match e {
        pronto_store::StoreError::Conflict(m) => m,
        other => format!("{}: {other}", t.t("error")),
    };
    match what {
        "deactivate" => match st.store.set_active(id, false, actor).await {
            Ok(h) => {
                let detail = serde_json::json!({ "fields": ["active"], "active": false, "tasks": h.tasks, "leads": h.leads });
                st.audit_change(c, crate::audit::kind::USER_CHANGED, Some(format!("user/{id}")), detail).await;
                t.with(
                "user-deactivated",
                &[
                    ("name", name),
                    ("sessions", &h.sessions_ended.to_string()),
                    ("tokens", &h.tokens_revoked.to_string()),
                    ("tasks", &h.tasks.to_string()),
                    ("leads", &h.leads.to_string()),
                    ("reassigned", &h.reassigned.to_string()),
                ],
            )
            }
            Err(e) => failed(e),
        },
        "activate" => match st.store.set_active(id, true, actor).await {
            Ok(_) => {
                st.audit_change(c, crate::audit::kind::USER_CHANGED, Some(format!("user/{id}")), serde_json::json!({ "fields": ["active"], "active": true })).await;
                t.with("user-reactivated", &[("name", name)])
            }
            Err(e) => failed(e),
        },
        "role" => match pronto_domain::user::Role::parse(value) {
            Ok(role) => match st.store.set_role(id, role, actor).await {
                Ok(()) => {
                    let detail = serde_json::json!({ "fields": ["role"], "role": role.as_str() });
                    st.audit_change(c, crate::audit::kind::USER_CHANGED, Some(format!("user/{id}")), detail).await;
                    t.with("role-changed", &[("name", name), ("role", role.as_str())])
                }
                Err(e) => failed(e),
            },
            Err(e) => format!("{}: {e}", t.t("role")),
        },
        _ => match crate::api::users::reset(st, id, false, actor).await {
            Ok((password, _)) => {
                st.audit_change(c, crate::audit::kind::PASSWORD_RESET, Some(format!("user/{id}")), serde_json::json!({})).await;
                t.with("password-reset", &[("name", name), ("password", &password)])
            }
            Err(e) => e.to_string(),
        },
    }
}

async fn admin_revoke_token(State(st): State<AppState>, Signed(c, t): Signed, Path((id, token)): Path<(i64, i64)>) -> Response {
    if let Some(r) = admin_only(&c, &t) {
        return r;
    }
    let notice = revoke_notice(&st, &c, &t, id, token).await;
    admin_render(&st, &c, t, Some(notice)).await
}

async fn revoke_notice(st: &AppState, c: &Caller, t: &Tr, user: i64, token: i64) -> String {
    let name = st.store.tokens(user).await.unwrap_or_default().into_iter().find(|k| k.id == token).map(|k| k.name);
    let owner = st.store.user(user).await.map(|u| u.name).unwrap_or_default();
    match (name, st.store.revoke_token(user, token, Some(c.user.id)).await) {
        (Some(n), Ok(())) => {
            st.audit_change(c, crate::audit::kind::TOKEN_REVOKED, Some(format!("user/{user}")), serde_json::json!({ "token_id": token, "name": n })).await;
            t.with("token-revoked", &[("token", &n), ("name", &owner)])
        }
        _ => t.t("not-found"),
    }
}

async fn admin_test(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path(channel): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Some(r) = admin_only(&c, &t) {
        return r;
    }
    let to = f.get("to").map(|v| v.trim().to_owned()).unwrap_or_default();
    let address = match channel.as_str() {
        "sms" => pronto_domain::values::Phone::parse(&to, st.config.region).map(|p| p.as_str().to_owned()).map_err(|e| e.to_string()),
        "email" => pronto_domain::values::Email::parse(&to).map(|e| e.as_str().to_owned()).map_err(|e| e.to_string()),
        _ => return (StatusCode::NOT_FOUND, t.t("not-found")).into_response(),
    };
    let notice = match address {
        Ok(a) => match st.store.queue_test(channel.clone(), a.clone(), format!("Pronto test message ({channel}) from {}", c.user.name), Some(c.user.id)).await {
            Ok(id) => {
                st.audit_change(&c, crate::audit::kind::DELIVERY_TESTED, None, serde_json::json!({ "channel": channel, "to": a })).await;
                format!("test {channel} to {a} queued as notification {id}: its delivery is at /api/v1/notifications?status=")
            }
            Err(e) => e.to_string(),
        },
        Err(e) => format!("{to}: {e}"),
    };
    admin_render(&st, &c, t, Some(notice)).await
}

async fn admin_test_mailbox(State(st): State<AppState>, Signed(c, t): Signed, Path(name): Path<String>) -> Response {
    if let Some(r) = admin_only(&c, &t) {
        return r;
    }
    let notice = match st.mail.config(&name) {
        Some(cfg) => {
            let result = pronto_mail::imap::test(&cfg, pronto_mail::imap::Reach::Configured).await;
            st.audit_change(&c, crate::audit::kind::MAILBOX_TESTED, Some(format!("mailbox/{name}")), serde_json::json!({ "host": cfg.host, "ok": result.is_ok() }))
                .await;
            match result {
                Ok(r) => format!("{name}: connected, {} messages, IDLE {}", r.exists, if r.idle { "yes" } else { "no" }),
                Err(e) => format!("{name}: {e}"),
            }
        }
        None => t.t("not-found"),
    };
    admin_render(&st, &c, t, Some(notice)).await
}

async fn admin_playbook(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<HashMap<String, String>>) -> Response {
    if let Some(r) = admin_only(&c, &t) {
        return r;
    }
    let source = f.get("source").cloned().unwrap_or_default();
    let notice = match pronto_playbook::parse(&source) {
        Err(problems) => pronto_playbook::render_problems(&problems, "playbook", &source),
        Ok(pb) if f.get("do").map(String::as_str) != Some("load") => format!("`{}` is a valid playbook ({} stages, {} rules)", pb.name, pb.stages.len(), pb.rules.len()),
        Ok(pb) => match st.store.load_playbook(source, Some(c.user.id)).await {
            Ok((v, new)) => {
                st.audit_change(&c, crate::audit::kind::PLAYBOOK_LOADED, Some(format!("playbook/{}", pb.name)), serde_json::json!({ "version": v, "new": new }))
                    .await;
                if new { format!("`{}` loaded as version {v}", pb.name) } else { format!("`{}` is unchanged (version {v})", pb.name) }
            }
            Err(e) => e.to_string(),
        },
    };
    admin_render(&st, &c, t, Some(notice)).await
}

async fn admin_add_webhook(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<HashMap<String, String>>) -> Response {
    if let Some(r) = admin_only(&c, &t) {
        return r;
    }
    let url = f.get("url").map(|v| v.trim().to_owned()).unwrap_or_default();
    let events: Vec<String> = f.get("events").map(|v| v.split([',', ' ']).filter(|e| !e.is_empty()).map(str::to_owned).collect()).unwrap_or_default();
    let notice = match crate::api::webhooks::subscribe(&st, &url, events.clone(), Some(c.user.id)).await {
        Ok((id, secret)) => {
            st.audit_change(&c, crate::audit::kind::WEBHOOK_CREATED, Some(format!("webhook/{id}")), serde_json::json!({ "url": url, "events": events })).await;
            format!("webhook {id} created; its signing secret (shown once): {secret}")
        }
        Err(ApiError::Invalid(e)) => e.to_string(),
        Err(e) => e.to_string(),
    };
    admin_render(&st, &c, t, Some(notice)).await
}

async fn admin_delete_webhook(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<i64>) -> Response {
    if let Some(r) = admin_only(&c, &t) {
        return r;
    }
    let notice = match st.store.delete_webhook(id, Some(c.user.id)).await {
        Ok(()) => {
            st.audit_change(&c, crate::audit::kind::WEBHOOK_DELETED, Some(format!("webhook/{id}")), serde_json::json!({})).await;
            t.t("saved")
        }
        Err(e) => e.to_string(),
    };
    admin_render(&st, &c, t, Some(notice)).await
}

// ── the account ──

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

async fn account_revoke_token(State(st): State<AppState>, Signed(c, t): Signed, Path(token): Path<i64>) -> Response {
    let notice = revoke_notice(&st, &c, &t, c.user.id, token).await;
    account_render(&st, &c, t, Some(notice), StatusCode::OK).await
}

async fn account(State(st): State<AppState>, Signed(c, t): Signed) -> Response {
    account_render(&st, &c, t, None, StatusCode::OK).await
}

#[derive(Deserialize)]
struct PasswordForm {
    current: String,
    new: String,
    /// The checkbox "also revoke all my API tokens".
    #[serde(default)]
    revoke_tokens: Option<String>,
}

/// A new password: the current one must be right (throttled per account like a sign-in);
/// every other session of the user ends; the API tokens too when the box is ticked.
async fn change_password(State(st): State<AppState>, headers: HeaderMap, Signed(c, t): Signed, Form(f): Form<PasswordForm>) -> Response {
    use crate::api::users::{ChangeRefused, own_change};
    let revoke = f.revoke_tokens.is_some();
    let keep = cookie(&headers, SESSION_COOKIE).map(token_hash);
    match own_change(&st, &c.user, &f.current, &f.new, revoke, keep).await {
        Ok(done) => {
            let detail = serde_json::json!({ "sessions_ended": done.sessions_ended, "tokens_revoked": done.tokens_revoked });
            st.audit_change(&c, crate::audit::kind::PASSWORD_CHANGED, Some(format!("user/{}", c.user.id)), detail).await;
            let sessions = done.sessions_ended.to_string();
            let notice = if revoke {
                t.with("password-changed-tokens", &[("sessions", &sessions), ("tokens", &done.tokens_revoked.to_string())])
            } else {
                t.with("password-changed-kept", &[("sessions", &sessions)])
            };
            account_render(&st, &c, t, Some(notice), StatusCode::OK).await
        }
        Err(ChangeRefused::Wrong) => account_render(&st, &c, t.clone(), Some(t.t("wrong-password")), StatusCode::UNPROCESSABLE_ENTITY).await,
        Err(ChangeRefused::Invalid(m)) => account_render(&st, &c, t.clone(), Some(format!("{}: {m}", t.t("new-password"))), StatusCode::UNPROCESSABLE_ENTITY).await,
        Err(ChangeRefused::Wait(secs)) => {
            let notice = t.with("too-many-for-account", &[("seconds", &secs.to_string())]);
            let mut r = account_render(&st, &c, t, Some(notice), StatusCode::TOO_MANY_REQUESTS).await;
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            r
        }
        Err(ChangeRefused::Failed(e)) => account_render(&st, &c, t, Some(e.to_string()), StatusCode::SERVICE_UNAVAILABLE).await,
    }
}

/// The phone exchange's side cannot be started from here; what can be checked is Pronto's:
/// a `ringing` event signed with the configured secret goes through the same verification and
/// into the call registry (a ringing call alone is no lead).
async fn admin_test_telephony(State(st): State<AppState>, Signed(c, t): Signed) -> Response {
    if let Some(r) = admin_only(&c, &t) {
        return r;
    }
    let notice = match st.config.telephony_secret.as_deref() {
        None => "PRONTO_TELEPHONY_SECRET is not set: the exchange's events cannot be verified, so none are taken".to_owned(),
        Some(secret) => {
            let now = st.clock.now();
            let id = format!("pronto-test-{}", now.as_microsecond());
            let body = serde_json::json!({ "event": "ringing", "call_id": id, "from": "+420000000000", "at": now.to_string() }).to_string();
            let ts = now.as_second().to_string();
            let mut h = HeaderMap::new();
            for (k, v) in [("webhook-id", id.clone()), ("webhook-timestamp", ts.clone()), ("webhook-signature", pronto_alerts::signing::signature(secret, &id, &ts, &body))] {
                if let Ok(v) = HeaderValue::from_str(&v) {
                    h.insert(k, v);
                }
            }
            match crate::telephony::verify_generic(&st, &h, body.as_bytes()) {
                Ok((source, webhook_id, event)) => {
                    let input = pronto_store::CallIn {
                        source: source.into(),
                        webhook_id,
                        event,
                        customer_phone: None,
                        source_label: "phone".into(),
                        playbook: None,
                    };
                    match st.store.call_event(input).await {
                        Ok(r) => format!("a signed test event was verified and recorded as call {} (no lead: it only rang)", r.call.unwrap_or_default()),
                        Err(e) => e.to_string(),
                    }
                }
                Err(e) => e.to_string(),
            }
        }
    };
    admin_render(&st, &c, t, Some(notice)).await
}
