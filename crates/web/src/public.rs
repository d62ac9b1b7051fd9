//! The customer's side: `GET /t/{token}`, their inquiry's own page, and `GET /process/{name}`,
//! the published process ("what you can expect from us").
//!
//! Server-rendered (askama, escaped), no script, 360 px first. Everything shown comes from
//! the playbook's customer texts and the allow-list of `pronto_domain::tracking`: never notes,
//! other people, internal stage names or SLA names. Pages are `noindex`, `no-referrer` (the
//! token is in the address), `no-store`, rate-limited per IP, and an unknown, revoked or
//! expired token gets the same 404 after the same work. What the customer sends (a message, a
//! call-back time, a document) is one store command each; the playbook alerts the owner.

use crate::AppState;
use crate::forms::client_ip;
use crate::ui::Peer;
use crate::ui::i18n::Tr;
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Form, Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use jiff::{SignedDuration, Timestamp};
use pronto_domain::tracking::Happened;
use pronto_domain::user::Role;
use pronto_playbook::Playbook;
use pronto_playbook::customer::{Progress, Step, StepState, StepTitle, process, progress};
use pronto_playbook::model::{Expect, ExpectUnit};
use pronto_store::{CustomerAction, StoreError, TrackingRecord};
use serde::Deserialize;
use std::net::SocketAddr;
use std::sync::Arc;

/// The largest document a customer may send.
pub const UPLOAD_MAX: usize = 10 * 1024 * 1024;
/// The longest message from the page.
pub const MESSAGE_MAX: usize = 4000;
/// How far ahead a call-back may be asked for.
const CALLBACK_HORIZON: SignedDuration = SignedDuration::from_hours(24 * 30);

const LANGUAGES: &[(&str, &str)] = &[("cs", "Čeština"), ("en", "English"), ("pl", "Polski"), ("ru", "Русский"), ("he", "עברית")];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{token}", get(tracking_page))
        .route("/t/{token}/message", post(message))
        .route("/t/{token}/callback", post(callback))
        .route("/t/{token}/upload", post(upload).layer(DefaultBodyLimit::max(UPLOAD_MAX + 64 * 1024)))
        .route("/t/{token}/offers/{id}", post(decide_offer))
        .route("/t/{token}/offers/{id}/pdf", get(offer_pdf))
        // The customer's requisites (issue 21, helper "requisites").
        .route("/t/{token}/requisites", post(requisites))
        // ── invoices (issue 21, helper "invoices") ──
        .route("/t/{token}/invoices/{id}/pdf", get(invoice_pdf))
        .route("/t/{token}/invoices/{id}/contract.pdf", get(contract_pdf))
        .route("/process/{playbook}", get(process_page))
        .route("/static/customer.css", get(|| async { css() }))
}

fn css() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], concat!(include_str!("../static/customer.css"), "\n", include_str!("../static/css/offers.css"), "\n", include_str!("../static/css/requisites.css"), "\n", include_str!("../static/css/invoices.css"), "\n", include_str!("../static/css/deal.css")))
        .into_response()
}

/// HTML with the headers a customer's page carries.
fn html(status: StatusCode, t: impl Template) -> Response {
    match t.render() {
        Ok(body) => {
            let mut r = (status, Html(body)).into_response();
            let h = r.headers_mut();
            h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
            h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
            h.insert(header::HeaderName::from_static("x-robots-tag"), HeaderValue::from_static("noindex, nofollow"));
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("template: {e}")).into_response(),
    }
}

#[derive(Deserialize, Default)]
struct PageQuery {
    lang: Option<String>,
    sent: Option<String>,
    /// The requisites' type chosen (issue 21).
    rq_type: Option<String>,
}

/// The customer's language: asked for in the address, else the inquiry's, else the playbook's
/// customers', else the browser's.
fn language(asked: Option<&str>, lead: Option<&str>, pb: Option<&Playbook>, headers: &HeaderMap) -> Arc<Tr> {
    let pick = asked.and_then(pronto_playbook::messages::language).or_else(|| lead.and_then(pronto_playbook::messages::language));
    let pick = pick.or_else(|| pb.and_then(|p| p.language.as_deref()).and_then(pronto_playbook::messages::language));
    crate::ui::i18n::pick(pick, headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
}

#[derive(Template)]
#[template(path = "customer_missing.html")]
struct Missing {
    t: Arc<Tr>,
}

/// The one answer for every token that opens nothing.
fn missing(headers: &HeaderMap) -> Response {
    html(StatusCode::NOT_FOUND, Missing { t: language(None, None, None, headers) })
}

fn too_many(headers: &HeaderMap) -> Response {
    let t = language(None, None, None, headers);
    let mut r = (StatusCode::TOO_MANY_REQUESTS, t.t("c-error-too-many")).into_response();
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    r
}

fn limited(st: &AppState, headers: &HeaderMap, peer: Option<SocketAddr>) -> bool {
    !st.page_limiter.check(client_ip(st, headers, peer))
}

/// A date and time in the office's zone, in the customer's words ("Tue 24 Nov 10:02").
pub(crate) fn when(t: &Tr, at: Timestamp, pb: &Playbook) -> String {
    let z = at.to_zoned(pb.calendar.time_zone().clone());
    let day = format!("c-day-{}", z.weekday().to_monday_one_offset());
    let month = format!("c-month-{}", z.month());
    t.with(
        "c-datetime",
        &[("day", &t.t(&day)), ("d", &z.day().to_string()), ("month", &t.t(&month)), ("time", &z.strftime("%H:%M").to_string())],
    )
}

pub(crate) fn duration(t: &Tr, e: Expect) -> String {
    let key = match (e.unit, e.working) {
        (ExpectUnit::Minutes, false) => "c-within-minutes",
        (ExpectUnit::Minutes, true) => "c-within-working-minutes",
        (ExpectUnit::Hours, false) => "c-within-hours",
        (ExpectUnit::Hours, true) => "c-within-working-hours",
        (ExpectUnit::Days, false) => "c-within-days",
        (ExpectUnit::Days, true) => "c-within-working-days",
    };
    t.n(key, i64::from(e.amount))
}

fn role_word(t: &Tr, role: Role) -> String {
    t.t(&format!("c-role-{}", role.as_str()))
}

/// One step as shown.
struct StepView {
    title: String,
    description: String,
    state: &'static str,
    label: String,
    expect: Option<String>,
    who: Option<String>,
}

fn step_view(t: &Tr, s: &Step) -> StepView {
    let (title, description) = match &s.title {
        StepTitle::Text(x) => (x.title.clone(), x.description.clone()),
        StepTitle::Generic(g) => (t.t(&format!("c-generic-{g}")), t.t(&format!("c-generic-{g}-desc"))),
    };
    let (state, label) = match s.state {
        StepState::Done => ("done", t.t("c-step-done")),
        StepState::Current => ("current", t.t("c-step-current")),
        StepState::Ahead => ("ahead", t.t("c-step-ahead")),
    };
    StepView {
        title,
        description,
        state,
        label,
        expect: s.expect.map(|e| t.with("c-process-then", &[("duration", &duration(t, e))])),
        who: s.who.map(|r| t.with("c-process-who", &[("role", &role_word(t, r))])),
    }
}

/// One line of what has happened.
struct Line {
    when: String,
    text: String,
    /// The customer's own words, shown as a quote.
    quote: Option<String>,
}

fn line(t: &Tr, pb: &Playbook, at: Timestamp, h: &Happened) -> Option<Line> {
    let by = |key: &str, role: &Option<Role>| match role {
        Some(r) => t.with(key, &[("role", &role_word(t, *r))]),
        None => t.t(&format!("{key}-anon")),
    };
    let (text, quote) = match h {
        Happened::Received { channel } => (t.with("c-h-received", &[("channel", &t.t(&format!("c-channel-{channel}")))]), None),
        Happened::Assigned => (t.t("c-h-assigned"), None),
        Happened::Step { stage } => {
            // Only a visible stage with customer texts is named; internal ones stay silent.
            let def = pb.stage(stage)?;
            let text = pronto_playbook::customer::text_in(pb, def, t.lang)?;
            (t.with("c-h-step", &[("step", &text.title)]), None)
        }
        Happened::CalledYou { role } => (by("c-h-called", role), None),
        Happened::TriedToCall { role } => (by("c-h-tried", role), None),
        Happened::YouCalled => (t.t("c-h-you-called"), None),
        Happened::EmailedYou { role } => (by("c-h-emailed", role), None),
        Happened::YouEmailed => (t.t("c-h-you-emailed"), None),
        Happened::TextedYou { .. } => (t.t("c-h-texted"), None),
        Happened::Met { role } => (by("c-h-met", role), None),
        Happened::YouWrote { text } => (t.t("c-h-you-wrote"), Some(text.clone())),
        Happened::YouAskedCallback { at } => {
            let asked = at.parse::<Timestamp>().map(|a| when(t, a, pb)).unwrap_or_default();
            (t.with("c-h-you-asked-callback", &[("when", &asked)]), None)
        }
        Happened::YouSentDocument { name } => (t.with("c-h-you-sent", &[("name", name)]), None),
    };
    Some(Line { when: when(t, at, pb), text, quote })
}

#[derive(Template)]
#[template(path = "customer.html")]
struct Page<'a> {
    t: Arc<Tr>,
    token: String,
    languages: &'static [(&'static str, &'static str)],
    hello: String,
    received: String,
    who: Option<String>,
    /// `on-time`, `late`, `closed`.
    status_class: &'static str,
    status: Option<String>,
    next: Option<String>,
    next_within: Option<String>,
    next_by: Option<String>,
    steps: Vec<StepView>,
    history: Vec<Line>,
    notice: Option<String>,
    error: Option<String>,
    message: String,
    callback_min: String,
    callback_value: String,
    callback_note: String,
    upload_help: String,
    open: bool,
    brand: &'a crate::ui::setup::Brand,
    /// The offers sent to the customer (issue 20), newest first.
    offers: Vec<crate::public_offers::OfferView>,
    /// The customer's requisites (issue 21): what the page says, and the form.
    rq_section: crate::public_requisites::Section,
    rq: crate::ui::requisites::RqForm,
    /// The customer's invoices and their documents (issue 21, invoices), newest first.
    invoices: Vec<crate::ui::invoices_customer::CustomerInvoice>,
    /// "Your order": the deal's milestones (issue 21, item 8); none before there is a deal.
    deal: Option<Vec<crate::public_deal::MilestoneView>>,
}

struct Shown {
    rec: TrackingRecord,
    pb: Arc<Playbook>,
    /// The company's name, logo and contact.
    brand: crate::ui::setup::Brand,
    /// The lead's offers (the page shows those sent to the customer).
    offers: Vec<pronto_store::OfferRecord>,
    /// The customer's requisites on file (issue 21).
    requisites: Option<pronto_store::RequisitesRecord>,
    /// The lead's invoices not cancelled (issue 21, invoices).
    invoices: Vec<pronto_store::invoices::InvoiceRecord>,
    /// The payments of the latest invoice, and the lead's deliveries (issue 21, item 8).
    payments: Vec<pronto_store::payments::PaymentRecord>,
    deliveries: Vec<pronto_store::deliveries::DeliveryRecord>,
}

/// The lead behind a token, or the one 404.
async fn open(st: &AppState, token: &str) -> Result<Shown, StoreError> {
    let keep = SignedDuration::from_hours(24 * st.config.tracking_days.max(1));
    // Tokens are 22 base64url characters; anything else is still looked up, so that every
    // miss costs the same.
    let rec = st.store.tracking_page(token, keep).await?;
    let pb = st
        .store
        .playbooks()
        .get(&rec.playbook, rec.playbook_version)
        .ok_or_else(|| StoreError::Internal(format!("playbook {} version {} is not loaded", rec.playbook, rec.playbook_version)))?;
    let offers = st.store.lead_offers(rec.lead_id).await?;
    let requisites = st.store.requisites(rec.lead_id).await?;
    let invoices: Vec<pronto_store::invoices::InvoiceRecord> =
        st.store.lead_invoices(rec.lead_id).await?.into_iter().filter(|i| i.status != "cancelled").collect();
    let payments = match invoices.last() {
        Some(i) => st.store.invoice_payments(i.id).await?,
        None => Vec::new(),
    };
    let deliveries = st.store.lead_deliveries(rec.lead_id).await?;
    Ok(Shown { rec, pb, brand: crate::ui::setup::Brand::load(st).await, offers, requisites, invoices, payments, deliveries })
}

/// The rate limit, then the lead behind the token; the answer to give when either says no.
async fn enter(st: &AppState, token: &str, headers: &HeaderMap, peer: Option<SocketAddr>) -> Result<Shown, Response> {
    if limited(st, headers, peer) {
        return Err(too_many(headers));
    }
    open(st, token).await.map_err(|e| failed(e, headers))
}

impl Shown {
    /// The words for this page: the language asked for, else the inquiry's, the playbook's,
    /// the browser's.
    fn words(&self, asked: Option<&str>, headers: &HeaderMap) -> Arc<Tr> {
        language(asked, self.rec.language.as_deref(), Some(&self.pb), headers)
    }
}

/// Records what the customer did, then back to the page saying so.
async fn act(st: &AppState, token: &str, s: &Shown, action: CustomerAction, what: &str, lang: &str, headers: &HeaderMap) -> Response {
    match st.store.customer_action(s.rec.lead_id, action).await {
        Ok(_) => sent(token, what, lang),
        Err(e) => failed(e, headers),
    }
}

fn failed(e: StoreError, headers: &HeaderMap) -> Response {
    match e {
        StoreError::NotFound => missing(headers),
        other => crate::error::ApiError::from(other).into_response(),
    }
}

#[derive(Default)]
struct Draft {
    notice: Option<String>,
    error: Option<String>,
    message: String,
    callback: String,
    note: String,
    /// The requisites' type asked for, and a refused requisites form with its problems.
    rq_type: Option<String>,
    requisites: Option<(pronto_domain::requisites::RequisitesDraft, pronto_domain::requisites::Problems)>,
}

fn render(st: &AppState, token: &str, s: &Shown, t: Arc<Tr>, d: Draft, status: StatusCode) -> Response {
    let now = st.clock.now();
    let (rec, pb) = (&s.rec, &s.pb);
    let mut reached = vec![pb.first_stage().to_owned()];
    reached.extend(rec.reached.iter().cloned());
    // A lead closed by hand (its status) in a stage that does not close shows the playbook's
    // closing stage of that status (`lost` for junk too), so the customer never sees a clock
    // running on a closed case.
    let mut stage = rec.stage.clone();
    if let Ok(status) = pronto_domain::lead::LeadStatus::parse(&rec.status)
        && status != pronto_domain::lead::LeadStatus::Open
        && pb.stage(&stage).and_then(|d| d.status).is_none()
    {
        let want = if status == pronto_domain::lead::LeadStatus::Won { status } else { pronto_domain::lead::LeadStatus::Lost };
        if let Some(d) = pb.stages.iter().find(|d| d.status == Some(want)) {
            reached.push(stage.clone());
            stage = d.id.clone();
        }
    }
    let p: Progress = progress(pb, t.lang, &stage, &reached, rec.stage_entered_at, now);
    let hello = match rec.contact_name.as_deref().map(pronto_domain::tracking::first_name).filter(|n| !n.is_empty()) {
        Some(n) => t.with("c-hello", &[("name", n)]),
        None => t.t("c-hello-anon"),
    };
    let role = rec.owner_role.as_deref().and_then(|r| Role::parse(r).ok()).or(p.who);
    let who = match (&rec.owner_first_name, role) {
        (Some(n), Some(r)) => Some(t.with("c-who", &[("name", n), ("role", &role_word(&t, r))])),
        (None, Some(r)) => Some(t.with("c-who-role", &[("role", &role_word(&t, r))])),
        _ => None,
    };
    let (status_class, status_line) = match (p.closed, p.on_time) {
        (Some(pronto_domain::lead::LeadStatus::Won), _) => ("closed", Some(t.t("c-closed-won"))),
        (Some(_), _) => ("closed", Some(t.t("c-closed-lost"))),
        (None, Some(true)) => ("on-time", Some(t.t("c-on-time"))),
        (None, Some(false)) => ("late", Some(t.t("c-late"))),
        (None, None) => ("open", None),
    };
    let next_step = p.next.and_then(|i| p.steps.get(i)).map(|s| step_view(&t, s).title);
    let next = next_step.map(|s| t.with("c-next", &[("step", &s)]));
    let next_within = match (p.next, p.expect) {
        (Some(_), Some(e)) => Some(t.with("c-next-within", &[("duration", &duration(&t, e))])),
        (Some(_), None) => Some(t.t("c-next-depends")),
        _ => None,
    };
    let next_by = p.due.map(|d| t.with("c-next-by", &[("when", &when(&t, d, pb))]));
    let history: Vec<Line> = rec.history.iter().rev().filter_map(|(at, h)| line(&t, pb, *at, h)).collect();
    let local_now = now.to_zoned(pb.calendar.time_zone().clone());
    let upload_help = t.with("c-upload-help", &[("mb", &(UPLOAD_MAX / 1024 / 1024).to_string())]);
    let (rq_section, rq) =
        crate::public_requisites::section(&t, token, &s.offers, s.requisites.as_ref(), d.rq_type.as_deref(), d.requisites);
    html(
        status,
        Page {
            brand: &s.brand,
            token: token.to_owned(),
            languages: LANGUAGES,
            hello,
            received: t.with("c-received", &[("when", &when(&t, rec.received_at, pb))]),
            who,
            status_class,
            status: status_line,
            next,
            next_within,
            next_by,
            steps: p.steps.iter().map(|s| step_view(&t, s)).collect(),
            history,
            notice: d.notice,
            error: d.error,
            message: d.message,
            callback_min: local_now.strftime("%Y-%m-%dT%H:%M").to_string(),
            callback_value: d.callback,
            callback_note: d.note,
            upload_help,
            open: p.closed.is_none(),
            offers: crate::public_offers::views(&t, &s.offers, now),
            rq_section,
            rq,
            invoices: crate::ui::invoices_customer::views(&t, &s.invoices, now),
            deal: crate::public_deal::view(
                &t,
                token,
                pb,
                &s.offers,
                s.requisites.as_ref(),
                s.invoices.last(),
                &s.payments,
                s.deliveries.last(),
            ),
            t,
        },
    )
}

async fn tracking_page(
    State(st): State<AppState>,
    Path(token): Path<String>,
    Query(q): Query<PageQuery>,
    headers: HeaderMap,
    Peer(peer): Peer,
) -> Response {
    let s = match enter(&st, &token, &headers, peer).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let t = s.words(q.lang.as_deref(), &headers);
    let notice = match q.sent.as_deref() {
        Some("message") => Some(t.t("c-sent-message")),
        Some("callback") => Some(t.t("c-sent-callback")),
        Some("document") => Some(t.t("c-sent-document")),
        Some(w @ ("offer-accept" | "offer-decline" | "offer-changes")) => Some(t.t(&format!("c-sent-{w}"))),
        Some("requisites") => Some(t.t("c-sent-requisites")),
        _ => None,
    };
    let d = Draft { notice, rq_type: q.rq_type.filter(|k| k == "b2c" || k == "b2b"), ..Default::default() };
    render(&st, &token, &s, t, d, StatusCode::OK)
}

/// After a successful action: back to the page (post/redirect/get), in the same language.
fn sent(token: &str, what: &str, lang: &str) -> Response {
    Redirect::to(&format!("/t/{token}?lang={lang}&sent={what}")).into_response()
}

#[derive(Deserialize)]
struct MessageForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    lang: String,
}

async fn message(
    State(st): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    Peer(peer): Peer,
    Form(f): Form<MessageForm>,
) -> Response {
    let s = match enter(&st, &token, &headers, peer).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let t = s.words(Some(&f.lang), &headers);
    let text = f.text.trim();
    if text.is_empty() || text.chars().count() > MESSAGE_MAX || text.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        let error = Some(t.with("c-error-message", &[("n", &MESSAGE_MAX.to_string())]));
        let d = Draft { error, message: f.text.chars().take(MESSAGE_MAX).collect(), ..Default::default() };
        return render(&st, &token, &s, t, d, StatusCode::UNPROCESSABLE_ENTITY);
    }
    act(&st, &token, &s, CustomerAction::Message { text: text.to_owned() }, "message", t.lang, &headers).await
}

/// The customer's requisites from their page (issue 21): refused → the page again (422) with
/// each message next to its field and what was typed; saved → back to the page saying so.
async fn requisites(
    State(st): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    Peer(peer): Peer,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let s = match enter(&st, &token, &headers, peer).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let lang = f.iter().find(|(k, _)| k == "lang").map(|(_, v)| v.clone());
    let t = s.words(lang.as_deref(), &headers);
    let draft = crate::app::requisites::draft_of(&f);
    let lead = match st.store.lead(s.rec.lead_id).await {
        Ok(l) => l,
        Err(e) => return failed(e, &headers),
    };
    match crate::app::requisites::save_by_customer(&st, &lead, &draft).await {
        Ok(_) => sent(&token, "requisites", t.lang),
        Err(crate::app::requisites::Refused::Invalid(p)) => {
            let d = Draft { requisites: Some((draft, p)), ..Default::default() };
            render(&st, &token, &s, t, d, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(crate::app::requisites::Refused::Error(e)) => crate::error::ApiError::from(e).into_response(),
    }
}

#[derive(Deserialize)]
struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    lang: String,
}

/// The customer's decision on an offer (issue 20): `303` back to the page saying so; `409`
/// with a page saying why when the offer is expired, superseded or decided; `404` for an offer
/// that is not this page's.
async fn decide_offer(
    State(st): State<AppState>,
    Path((token, id)): Path<(String, String)>,
    headers: HeaderMap,
    Peer(peer): Peer,
    Form(f): Form<DecisionForm>,
) -> Response {
    let s = match enter(&st, &token, &headers, peer).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let t = s.words(Some(&f.lang), &headers);
    let Some(id) = id.parse::<i64>().ok().filter(|i| *i > 0 && s.offers.iter().any(|o| o.id == *i)) else {
        return missing(&headers);
    };
    let (decision, note) = match pronto_domain::offer::parse_decision(Some(&f.decision), Some(&f.note)) {
        Ok(d) => d,
        Err(e) => {
            let error = Some(e.0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "));
            return render(&st, &token, &s, t, Draft { error, ..Default::default() }, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    match crate::app::offers::decide(&st, s.rec.lead_id, id, decision, note).await {
        Ok(crate::app::offers::Decided::Done(_)) => sent(&token, &format!("offer-{}", decision.as_str()), t.lang),
        Ok(crate::app::offers::Decided::Refused(key)) => html(StatusCode::CONFLICT, crate::public_offers::Refused::new(t, &token, key)),
        Err(crate::app::Error::NotFound(_)) => missing(&headers),
        Err(e) => crate::error::ApiError::from(e).into_response(),
    }
}

/// The offer as a PDF for the customer (issue 20): only an offer of this page's lead, and only
/// once it was sent to them; the same 404 as an unknown token otherwise.
async fn offer_pdf(
    State(st): State<AppState>,
    Path((token, id)): Path<(String, String)>,
    headers: HeaderMap,
    Peer(peer): Peer,
) -> Response {
    let s = match enter(&st, &token, &headers, peer).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some(id) =
        id.parse::<i64>().ok().filter(|i| *i > 0 && s.offers.iter().any(|o| o.id == *i && crate::app::offer_pdf::shown_to_customer(o)))
    else {
        return missing(&headers);
    };
    match crate::app::offer_pdf::for_customer(&st, s.rec.lead_id, id).await {
        Ok(pdf) => {
            let mut r = crate::api::offers::pdf_response(pdf);
            let h = r.headers_mut();
            h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
            h.insert(header::HeaderName::from_static("x-robots-tag"), HeaderValue::from_static("noindex, nofollow"));
            r
        }
        Err(crate::app::Error::NotFound(_)) => missing(&headers),
        Err(e) => crate::error::ApiError::from(e).into_response(),
    }
}

/// `GET /t/{token}/invoices/{id}/pdf` (issue 21, invoices): the customer's invoice.
async fn invoice_pdf(State(st): State<AppState>, Path((token, id)): Path<(String, String)>, headers: HeaderMap, Peer(peer): Peer) -> Response {
    invoice_document(st, token, id, headers, peer, crate::app::invoice_pdf::Kind::Invoice).await
}

/// `GET /t/{token}/invoices/{id}/contract.pdf`: the contract of a legal entity's invoice.
async fn contract_pdf(State(st): State<AppState>, Path((token, id)): Path<(String, String)>, headers: HeaderMap, Peer(peer): Peer) -> Response {
    invoice_document(st, token, id, headers, peer, crate::app::invoice_pdf::Kind::Contract).await
}

async fn invoice_document(
    st: AppState,
    token: String,
    id: String,
    headers: HeaderMap,
    peer: Option<std::net::SocketAddr>,
    kind: crate::app::invoice_pdf::Kind,
) -> Response {
    let s = match enter(&st, &token, &headers, peer).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some(id) = id.parse::<i64>().ok().filter(|i| *i > 0 && s.invoices.iter().any(|o| o.id == *i)) else {
        return missing(&headers);
    };
    match crate::app::invoice_pdf::for_customer(&st, s.rec.lead_id, id, kind).await {
        Ok(pdf) => {
            let mut r = crate::api::offers::pdf_response(pdf);
            let h = r.headers_mut();
            h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
            h.insert(header::HeaderName::from_static("x-robots-tag"), HeaderValue::from_static("noindex, nofollow"));
            r
        }
        Err(crate::app::Error::NotFound(_)) => missing(&headers),
        Err(e) => crate::error::ApiError::from(e).into_response(),
    }
}

#[derive(Deserialize)]
struct CallbackForm {
    #[serde(default)]
    at: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    lang: String,
}

/// A `datetime-local` value (`2026-11-23T14:00`) in the office's zone, in the future and
/// within the horizon.
fn callback_time(raw: &str, pb: &Playbook, now: Timestamp) -> Option<Timestamp> {
    let dt = jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M", raw.trim()).ok()?;
    let at = dt.to_zoned(pb.calendar.time_zone().clone()).ok()?.timestamp();
    (at > now && at <= now + CALLBACK_HORIZON).then_some(at)
}

async fn callback(
    State(st): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    Peer(peer): Peer,
    Form(f): Form<CallbackForm>,
) -> Response {
    let s = match enter(&st, &token, &headers, peer).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let t = s.words(Some(&f.lang), &headers);
    let note = f.note.trim();
    let Some(at) = callback_time(&f.at, &s.pb, st.clock.now()).filter(|_| note.chars().count() <= 500) else {
        let d = Draft {
            error: Some(t.t("c-error-callback-time")),
            callback: f.at.chars().take(16).collect(),
            note: note.chars().take(500).collect(),
            ..Default::default()
        };
        return render(&st, &token, &s, t, d, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let action = CustomerAction::Callback { at, note: (!note.is_empty()).then(|| note.to_owned()) };
    act(&st, &token, &s, action, "callback", t.lang, &headers).await
}

/// What a file's first bytes (and, for the zip-based office formats, its name) say it is.
/// Only documents a customer plausibly sends are accepted; the claimed type is ignored.
pub fn sniff(name: &str, bytes: &[u8]) -> Option<&'static str> {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if bytes.starts_with(b"%PDF-") {
        return Some("application/pdf");
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("image/png");
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some("image/jpeg");
    }
    if bytes.len() > 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Some("image/webp");
    }
    if bytes.len() > 12 && &bytes[4..8] == b"ftyp" && matches!(&bytes[8..12], b"heic" | b"heix" | b"mif1") {
        return Some("image/heic");
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // Any archive can be renamed: the container must declare the document the name claims.
        return crate::office::office_type(&ext, bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return match ext.as_str() {
            "doc" => Some("application/msword"),
            "xls" => Some("application/vnd.ms-excel"),
            _ => None,
        };
    }
    // Plain text: UTF-8 without control characters other than white space.
    if matches!(ext.as_str(), "txt" | "csv")
        && let Ok(s) = std::str::from_utf8(bytes)
        && !s.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Some(if ext == "csv" { "text/csv" } else { "text/plain" });
    }
    None
}

/// A file name as the customer gave it, without any path, control characters or odd length.
pub fn clean_filename(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let bidi = |c: char| matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    let name: String = base.chars().filter(|c| !c.is_control() && !bidi(*c)).collect::<String>().trim().trim_start_matches('.').to_owned();
    let name: String = name.chars().take(120).collect();
    if name.is_empty() { "document".to_owned() } else { name }
}

async fn upload(
    State(st): State<AppState>,
    Path(token): Path<String>,
    Query(q): Query<PageQuery>,
    headers: HeaderMap,
    Peer(peer): Peer,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let s = match enter(&st, &token, &headers, peer).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let mut lang = q.lang.unwrap_or_default();
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut too_large = false;
    match multipart {
        Ok(mut mp) => loop {
            match mp.next_field().await {
                Ok(Some(mut field)) => {
                    let name = field.name().unwrap_or_default().to_owned();
                    if name == "lang" {
                        lang = field.text().await.unwrap_or_default().chars().take(8).collect();
                        continue;
                    }
                    if name != "file" {
                        continue;
                    }
                    let filename = clean_filename(field.file_name().unwrap_or_default());
                    let mut data = Vec::new();
                    loop {
                        match field.chunk().await {
                            Ok(Some(c)) => {
                                if data.len() + c.len() > UPLOAD_MAX {
                                    too_large = true;
                                    break;
                                }
                                data.extend_from_slice(&c);
                            }
                            Ok(None) => break,
                            Err(_) => {
                                too_large = true;
                                break;
                            }
                        }
                    }
                    if too_large {
                        break;
                    }
                    file = Some((filename, data));
                }
                Ok(None) => break,
                // A body over the limit ends the stream with an error.
                Err(_) => {
                    too_large = true;
                    break;
                }
            }
        },
        Err(_) => {}
    }
    let t = s.words(Some(&lang), &headers);
    let mb = (UPLOAD_MAX / 1024 / 1024).to_string();
    let error = if too_large {
        Some(t.with("c-error-file-size", &[("mb", &mb)]))
    } else {
        match &file {
            None => Some(t.t("c-error-file-missing")),
            Some((_, d)) if d.is_empty() => Some(t.t("c-error-file-missing")),
            Some((name, d)) if sniff(name, d).is_none() => Some(t.t("c-error-file-type")),
            _ => None,
        }
    };
    if let Some(error) = error {
        let status = if too_large { StatusCode::PAYLOAD_TOO_LARGE } else { StatusCode::UNPROCESSABLE_ENTITY };
        let d = Draft { error: Some(error), ..Default::default() };
        return render(&st, &token, &s, t, d, status);
    }
    let (filename, bytes) = file.expect("checked above");
    let content_type = sniff(&filename, &bytes).expect("checked above").to_owned();
    act(&st, &token, &s, CustomerAction::Document { filename, content_type, bytes }, "document", t.lang, &headers).await
}

#[derive(Template)]
#[template(path = "customer_process.html")]
struct ProcessPage {
    t: Arc<Tr>,
    name: String,
    title: String,
    languages: &'static [(&'static str, &'static str)],
    steps: Vec<StepView>,
    brand: crate::ui::setup::Brand,
}

async fn process_page(
    State(st): State<AppState>,
    Path(name): Path<String>,
    Query(q): Query<PageQuery>,
    headers: HeaderMap,
    Peer(peer): Peer,
) -> Response {
    if limited(&st, &headers, peer) {
        return too_many(&headers);
    }
    let Some((_, pb)) = st.store.playbooks().current(&name) else { return missing(&headers) };
    let t = language(q.lang.as_deref(), None, Some(&pb), &headers);
    let steps = process(&pb, t.lang).iter().map(|s| step_view(&t, s)).collect();
    let brand = crate::ui::setup::Brand::load(&st).await;
    html(StatusCode::OK, ProcessPage { name, title: pb.title.clone(), languages: LANGUAGES, steps, brand, t })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_documents_pass_the_sniff_whatever_they_claim() {
        assert_eq!(sniff("a.pdf", b"%PDF-1.7 ..."), Some("application/pdf"));
        assert_eq!(sniff("photo", b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff("ico.docx", &crate::office::tests::docx()), Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        assert_eq!(sniff("ICO.DOCX", &crate::office::tests::docx()), Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        assert_eq!(sniff("income.xlsx", &crate::office::tests::xlsx()), Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        assert_eq!(sniff("ico.docx", b"PK\x03\x04...."), None, "a ZIP header is not a document");
        assert_eq!(sniff("ico.docx", &crate::office::tests::zip_of(&[("a.txt", b"a")])), None, "a plain ZIP renamed .docx");
        assert_eq!(sniff("evil.zip", b"PK\x03\x04...."), None);
        assert_eq!(sniff("page.html", b"<html><script>alert(1)</script>"), None);
        assert_eq!(sniff("page.txt", b"<svg onload=alert(1)>"), Some("text/plain"));
        assert_eq!(sniff("bin.txt", b"\x00\x01\x02"), None);
        assert_eq!(sniff("x.pdf", b"MZ\x90\x00"), None, "an executable named .pdf");
    }

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(clean_filename("C:\\Users\\x\\ico.pdf"), "ico.pdf");
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename("a\u{0000}b\u{202E}fdp.exe"), "abfdp.exe");
        assert_eq!(clean_filename(""), "document");
        assert_eq!(clean_filename(".htaccess"), "htaccess");
    }
}
