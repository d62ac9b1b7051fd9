//! Setting the company up (admins): its identity (`/admin/company`), the office calendar and a
//! user's own hours as forms (`/admin/calendars`), the first-start guide (`/admin/guide`) and
//! the test inquiry of the empty inbox. The company's logo and accent colour are served to
//! everyone (`/company/logo`, `/company/style.css`): the customer's pages show them.

use super::error::{PageResult, UiError};
use super::{LANGUAGES, Signed, fail, i18n::Tr, page};
use crate::AppState;
use crate::app::Error;
use crate::app::company::{self as co, CalendarIn, DayIn, Guide, HolidayIn, IdentityIn};
use crate::auth::Caller;
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Form, Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use pronto_domain::office_hours::{DAYS, HOLIDAY_COUNTRIES};
use std::collections::HashMap;
use std::sync::Arc;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/company", get(company_page).post(save_company))
        .route("/admin/company/logo", post(upload_logo).layer(DefaultBodyLimit::max(co::LOGO_MAX + 64 * 1024)))
        .route("/admin/company/logo/delete", post(delete_logo))
        // ── invoices (issue 21, helper "invoices") ──
        .route("/admin/company/invoicing", post(save_invoicing))
        .route("/admin/calendars", get(office_page).post(save_office))
        .route("/admin/calendars/users/{id}", get(user_page).post(save_user))
        .route("/admin/guide", get(guide_page))
        .route("/admin/guide/{step}", post(guide_post))
        .route("/admin/test-inquiry", post(test_inquiry))
        .route("/company/logo", get(logo))
        .route("/company/style.css", get(style))
}

fn admin_only(st: &AppState, c: &Caller, t: &Arc<Tr>) -> Result<(), UiError> {
    crate::app::require_admin(c).map_err(fail(st, c, t, "/inbox"))
}

/// A refusal's messages, one per line (the reader's language: the use cases word them so).
fn problems(e: &Error) -> Vec<String> {
    match e {
        Error::Invalid(f) => f.0.iter().map(|x| x.message.clone()).collect(),
        other => vec![other.to_string()],
    }
}

// ---------------------------------------------------------------- the company

#[derive(Template)]
#[template(path = "setup_company.html")]
struct CompanyPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    notice: Option<String>,
    errors: Vec<String>,
    f: IdentityIn,
    logo_url: Option<String>,
    language_pinned: bool,
    region_pinned: bool,
    logo_kb: i64,
    /// What invoices need (issue 21, invoices), as stored or as typed.
    inv: crate::app::invoices::InvoicingIn,
    inv_terms: String,
}

async fn company_render(st: &AppState, c: &Caller, t: Arc<Tr>, f: Option<IdentityIn>, notice: Option<String>, errors: Vec<String>) -> Response {
    company_render_with(st, c, t, f, None, notice, errors).await
}

async fn company_render_with(
    st: &AppState,
    c: &Caller,
    t: Arc<Tr>,
    f: Option<IdentityIn>,
    inv: Option<crate::app::invoices::InvoicingIn>,
    notice: Option<String>,
    errors: Vec<String>,
) -> Response {
    let p = st.store.company_profile().await.unwrap_or_default();
    let inv = inv.unwrap_or_else(|| crate::app::invoices::InvoicingIn {
        registration_id: p.invoicing.registration_id.clone(),
        vat_id: p.invoicing.vat_id.clone(),
        bank_account: p.invoicing.bank_account.clone(),
        iban: p.invoicing.iban.clone(),
        bic: p.invoicing.bic.clone(),
        payment_terms_days: Some(serde_json::Value::String(p.invoicing.payment_terms_days.to_string())),
        invoice_pattern: Some(p.invoicing.invoice_pattern.clone()),
    });
    let inv_terms = match &inv.payment_terms_days {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => String::new(),
    };
    let f = f.unwrap_or_else(|| IdentityIn {
        name: p.name.clone(),
        accent: p.accent.clone(),
        address: p.address.clone(),
        phone: p.phone.clone(),
        email: p.email.clone(),
        web: p.web.clone(),
        language: p.language.clone(),
        region: p.region.clone(),
    });
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let mut r = page(CompanyPage {
        admin: true,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "admin",
        languages: LANGUAGES,
        notice,
        errors,
        f,
        logo_url: p.logo_type.as_ref().map(|_| format!("/company/logo?v={}", p.logo_version)),
        language_pinned: st.config.language_pinned,
        region_pinned: st.config.region_pinned,
        logo_kb: (co::LOGO_MAX / 1024) as i64,
        inv,
        inv_terms,
        t,
    });
    *r.status_mut() = status;
    r
}

fn identity_from(f: &HashMap<String, String>) -> IdentityIn {
    let g = |k: &str| f.get(k).cloned();
    IdentityIn {
        name: g("name"),
        accent: g("accent"),
        address: g("address"),
        phone: g("phone"),
        email: g("email"),
        web: g("web"),
        language: g("language"),
        region: g("region"),
    }
}

async fn company_page(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    admin_only(&st, &c, &t)?;
    Ok(company_render(&st, &c, t, None, None, vec![]).await)
}

async fn save_company(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<HashMap<String, String>>) -> PageResult {
    admin_only(&st, &c, &t)?;
    let input = identity_from(&f);
    match co::save_identity(&st, &c, &t, &input).await {
        Ok(_) => Ok(company_render(&st, &c, t.clone(), None, Some(t.t("setup-saved")), vec![]).await),
        Err(e @ Error::Invalid(_)) => Ok(company_render(&st, &c, t, Some(input), None, problems(&e)).await),
        Err(e) => Err(fail(&st, &c, &t, "/admin/company")(e)),
    }
}

/// `POST /admin/company/invoicing` (issue 21, invoices): what invoices need, checked.
async fn save_invoicing(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<HashMap<String, String>>) -> PageResult {
    admin_only(&st, &c, &t)?;
    let g = |k: &str| f.get(k).cloned();
    let input = crate::app::invoices::InvoicingIn {
        registration_id: g("registration_id"),
        vat_id: g("vat_id"),
        bank_account: g("bank_account"),
        iban: g("iban"),
        bic: g("bic"),
        payment_terms_days: g("payment_terms_days").map(serde_json::Value::String),
        invoice_pattern: g("invoice_pattern"),
    };
    match crate::app::invoices::save_invoicing(&st, &c, &t, &input).await {
        Ok(_) => Ok(company_render(&st, &c, t.clone(), None, Some(t.t("inv-set-saved")), vec![]).await),
        Err(e @ Error::Invalid(_)) => Ok(company_render_with(&st, &c, t, None, Some(input), None, problems(&e)).await),
        Err(e) => Err(fail(&st, &c, &t, "/admin/company")(e)),
    }
}

/// The first file of a form (`logo`), at most `limit` bytes.
async fn file_of(mut m: Multipart) -> Option<Vec<u8>> {
    while let Ok(Some(field)) = m.next_field().await {
        if field.name() == Some("logo") {
            return field.bytes().await.ok().map(|b| b.to_vec());
        }
    }
    None
}

async fn upload_logo(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    m: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> PageResult {
    admin_only(&st, &c, &t)?;
    let bytes = match m {
        Ok(m) => file_of(m).await.unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    match co::set_logo(&st, &c, &t, Some(bytes)).await {
        Ok(()) => Ok(company_render(&st, &c, t.clone(), None, Some(t.t("setup-logo-saved")), vec![]).await),
        Err(e @ Error::Invalid(_)) => Ok(company_render(&st, &c, t, None, None, problems(&e)).await),
        Err(e) => Err(fail(&st, &c, &t, "/admin/company")(e)),
    }
}

async fn delete_logo(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    admin_only(&st, &c, &t)?;
    co::set_logo(&st, &c, &t, None).await.map_err(fail(&st, &c, &t, "/admin/company"))?;
    Ok(company_render(&st, &c, t.clone(), None, Some(t.t("setup-logo-removed")), vec![]).await)
}

/// The logo, to anyone (the customer's page shows it): only the image types it was checked
/// to be, never sniffed by the browser.
async fn logo(State(st): State<AppState>) -> Response {
    match st.store.company_logo().await {
        Ok(Some((ct, bytes))) => {
            let mut r = bytes.into_response();
            let h = r.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_str(&ct).unwrap_or(HeaderValue::from_static("application/octet-stream")));
            h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
            r
        }
        _ => (StatusCode::NOT_FOUND, [(header::X_CONTENT_TYPE_OPTIONS, "nosniff")], "no logo").into_response(),
    }
}

/// The company's accent colour as a stylesheet (the pages allow no inline styles).
async fn style(State(st): State<AppState>) -> Response {
    let accent = st.store.company_profile().await.ok().and_then(|p| p.accent).and_then(|a| co::accent(&a));
    let css = match accent {
        Some(a) => format!(":root {{ --company-accent: {a}; }}\n.company-brand {{ border-color: {a}; }}\n.company-brand .company-name {{ color: {a}; }}\n"),
        None => String::new(),
    };
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], css).into_response()
}

/// What the customer's pages show of the company.
#[derive(Default)]
pub struct Brand {
    pub name: Option<String>,
    pub logo_url: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub web: Option<String>,
}

impl Brand {
    pub async fn load(st: &AppState) -> Brand {
        let p = st.store.company_profile().await.unwrap_or_default();
        Brand {
            logo_url: p.logo_type.as_ref().map(|_| format!("/company/logo?v={}", p.logo_version)),
            name: p.name,
            address: p.address,
            phone: p.phone,
            email: p.email,
            web: p.web,
        }
    }
    pub fn any_contact(&self) -> bool {
        self.address.is_some() || self.phone.is_some() || self.email.is_some() || self.web.is_some()
    }
    /// `tel:` form of the phone.
    pub fn tel(&self) -> String {
        self.phone.as_deref().map(|p| p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()).unwrap_or_default()
    }
}

// ---------------------------------------------------------------- calendars

struct DayRow {
    key: &'static str,
    name: String,
    d: DayIn,
}

#[derive(Template)]
#[template(path = "setup_calendars.html")]
struct CalendarsPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    notice: Option<String>,
    errors: Vec<String>,
    /// `/admin/calendars` or `/admin/calendars/users/7`.
    action: String,
    /// The user whose hours these are, or none for the office's.
    user: Option<String>,
    /// Whether a calendar is stored (the office's, or the user's own).
    set: bool,
    time_zone: String,
    days: Vec<DayRow>,
    holidays: Vec<HolidayIn>,
    countries: Vec<(&'static str, String)>,
    country: String,
    years: Vec<i16>,
    year: i16,
    users: Vec<(i64, String, bool)>,
}

struct CalView {
    action: String,
    user: Option<String>,
    set: bool,
    form: CalendarIn,
}

async fn calendars_render(st: &AppState, c: &Caller, t: Arc<Tr>, v: CalView, notice: Option<String>, errors: Vec<String>, country: Option<String>) -> Response {
    let days = DAYS
        .iter()
        .enumerate()
        .map(|(i, k)| DayRow { key: k, name: co::day_name(&t, k), d: v.form.days.get(i).cloned().unwrap_or_default() })
        .collect();
    let mut holidays = v.form.holidays.clone();
    // Three empty rows to type new ones into.
    holidays.extend((0..3).map(|_| HolidayIn::default()));
    let this_year = st.clock.now().to_zoned(jiff::tz::TimeZone::UTC).year();
    let region = st.region().code();
    let country = country.unwrap_or_else(|| if HOLIDAY_COUNTRIES.contains(&region.as_str()) { region } else { "CZ".into() });
    let users = if v.user.is_none() {
        st.store.users().await.unwrap_or_default().into_iter().filter(|u| u.active).map(|u| (u.id, u.name, u.hours.is_some())).collect()
    } else {
        vec![]
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let mut r = page(CalendarsPage {
        admin: true,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "admin",
        languages: LANGUAGES,
        notice,
        errors,
        action: v.action,
        user: v.user,
        set: v.set,
        time_zone: v.form.time_zone,
        days,
        holidays,
        countries: HOLIDAY_COUNTRIES.iter().map(|c| (*c, t.t(&format!("setup-country-{}", c.to_ascii_lowercase())))).collect(),
        country,
        years: vec![this_year, this_year + 1],
        year: this_year,
        users,
        t,
    });
    *r.status_mut() = status;
    r
}

/// The calendar as the form sent it (`tz`, `d0_open`, `d0_from` …, `hd0`, `hn0` …).
fn calendar_from(f: &HashMap<String, String>) -> CalendarIn {
    let g = |k: &str| f.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let days = (0..7)
        .map(|i| DayIn {
            open: f.contains_key(&format!("d{i}_open")),
            from: g(&format!("d{i}_from")),
            to: g(&format!("d{i}_to")),
            break_from: g(&format!("d{i}_bf")),
            break_to: g(&format!("d{i}_bt")),
        })
        .collect();
    let mut holidays = Vec::new();
    for i in 0..400 {
        let (d, n) = (g(&format!("hd{i}")), g(&format!("hn{i}")));
        if !f.contains_key(&format!("hd{i}")) {
            break;
        }
        if f.contains_key(&format!("hx{i}")) || (d.is_empty() && n.is_empty()) {
            continue;
        }
        holidays.push(HolidayIn { date: d, name: n });
    }
    CalendarIn { time_zone: g("tz"), days, holidays }
}

async fn office_view(st: &AppState) -> CalView {
    let p = st.store.company_profile().await.unwrap_or_default();
    CalView {
        action: "/admin/calendars".into(),
        user: None,
        set: p.office_hours.is_some(),
        form: co::calendar_form(p.office_hours.as_deref(), &co::default_zone(st)),
    }
}

async fn office_page(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    admin_only(&st, &c, &t)?;
    let v = office_view(&st).await;
    Ok(calendars_render(&st, &c, t, v, None, vec![], None).await)
}

/// What the calendar form's buttons do: `save`, `holidays` (add a country's), `clear`.
async fn calendar_post(st: &AppState, c: &Caller, t: Arc<Tr>, f: HashMap<String, String>, user: Option<(i64, String)>) -> PageResult {
    let mut form = calendar_from(&f);
    let action = user.as_ref().map(|(id, _)| format!("/admin/calendars/users/{id}")).unwrap_or_else(|| "/admin/calendars".into());
    let view = |form: CalendarIn, set: bool| CalView { action: action.clone(), user: user.as_ref().map(|u| u.1.clone()), set, form };
    let set_before = f.contains_key("set");
    let save = |form: Option<CalendarIn>| {
        let (st, c, t) = (st.clone(), c.clone(), t.clone());
        let id = user.as_ref().map(|u| u.0);
        async move {
            match id {
                None => co::save_office_calendar(&st, &c, &t, form.as_ref()).await,
                Some(id) => co::save_user_hours(&st, &c, &t, id, form.as_ref()).await,
            }
        }
    };
    match f.get("do").map(String::as_str).unwrap_or("save") {
        "holidays" => {
            let country = f.get("country").cloned().unwrap_or_default();
            let year: i16 = f.get("year").and_then(|y| y.parse().ok()).unwrap_or(2026);
            let before = form.holidays.len();
            co::add_public_holidays(&mut form, &country, year);
            let added = form.holidays.len() - before;
            let notice = t.with("setup-holidays-added", &[("n", &added.to_string()), ("country", &t.t(&format!("setup-country-{}", country.to_ascii_lowercase()))), ("year", &year.to_string()), ("next", &(year + 1).to_string())]);
            Ok(calendars_render(st, c, t, view(form, set_before), Some(notice), vec![], Some(country)).await)
        }
        "clear" => match save(None).await {
            Ok(()) => {
                let form = co::calendar_form(None, &co::default_zone(st));
                Ok(calendars_render(st, c, t.clone(), view(form, false), Some(t.t("setup-calendar-cleared")), vec![], None).await)
            }
            Err(e) => Err(fail(st, c, &t, "/admin/calendars")(e)),
        },
        _ => match save(Some(form.clone())).await {
            Ok(()) => Ok(calendars_render(st, c, t.clone(), view(form, true), Some(t.t("setup-saved")), vec![], None).await),
            Err(e @ Error::Invalid(_)) => Ok(calendars_render(st, c, t, view(form, set_before), None, problems(&e), None).await),
            Err(e) => Err(fail(st, c, &t, "/admin/calendars")(e)),
        },
    }
}

async fn save_office(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<HashMap<String, String>>) -> PageResult {
    admin_only(&st, &c, &t)?;
    calendar_post(&st, &c, t, f, None).await
}

async fn user_page(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<i64>) -> PageResult {
    admin_only(&st, &c, &t)?;
    let u = st.store.user(id).await.map_err(|e| fail(&st, &c, &t, "/admin/calendars")(crate::app::or_not_found(e, "user")))?;
    let json = u.hours.as_ref().map(|h| h.to_string());
    let office = st.store.company_profile().await.unwrap_or_default().office_hours;
    let form = co::calendar_form(json.as_deref().or(office.as_deref()), &co::default_zone(&st));
    let v = CalView { action: format!("/admin/calendars/users/{id}"), user: Some(u.name), set: json.is_some(), form };
    Ok(calendars_render(&st, &c, t, v, None, vec![], None).await)
}

async fn save_user(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<i64>, Form(f): Form<HashMap<String, String>>) -> PageResult {
    admin_only(&st, &c, &t)?;
    let u = st.store.user(id).await.map_err(|e| fail(&st, &c, &t, "/admin/calendars")(crate::app::or_not_found(e, "user")))?;
    calendar_post(&st, &c, t, f, Some((id, u.name))).await
}

// ---------------------------------------------------------------- the guide

struct StepView {
    id: &'static str,
    title: String,
    state: &'static str,
    state_word: String,
}

#[derive(Template)]
#[template(path = "setup_guide.html")]
struct GuidePage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    notice: Option<String>,
    errors: Vec<String>,
    steps: Vec<StepView>,
    progress: String,
    /// The step shown open.
    open: &'static str,
    company_name: String,
    language: String,
    region: String,
    /// Monday to Friday's hours as in the office calendar.
    from: String,
    to: String,
    time_zone: String,
    roles: Vec<(&'static str, String)>,
    team: Vec<(String, String)>,
    /// What was typed into the colleague form (kept on a refusal).
    mate: HashMap<String, String>,
    finished: bool,
}

async fn guide_render(st: &AppState, c: &Caller, t: Arc<Tr>, open: Option<&'static str>, notice: Option<String>, errors: Vec<String>, mate: HashMap<String, String>) -> Response {
    let p = st.store.company_profile().await.unwrap_or_default();
    let g = Guide::parse(p.guide.as_deref());
    let steps: Vec<StepView> = co::GUIDE_STEPS
        .iter()
        .map(|s| {
            let state = if g.done.iter().any(|d| d == s) {
                "done"
            } else if g.skipped.iter().any(|d| d == s) {
                "skipped"
            } else {
                "todo"
            };
            StepView { id: s, title: t.t(&format!("setup-step-{s}")), state, state_word: t.t(&format!("setup-state-{state}")) }
        })
        .collect();
    let cal = co::calendar_form(p.office_hours.as_deref(), &co::default_zone(st));
    let mon = cal.days.first().cloned().unwrap_or_default();
    let team = st
        .store
        .users()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|u| u.active)
        .map(|u| (u.name, super::words::role(&t, &u.role)))
        .collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let mut r = page(GuidePage {
        admin: true,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "admin",
        languages: LANGUAGES,
        notice,
        errors,
        progress: t.with("setup-progress", &[("done", &g.done_count().to_string()), ("all", &co::GUIDE_STEPS.len().to_string())]),
        steps,
        open: open.or_else(|| g.next()).unwrap_or(""),
        company_name: p.name.unwrap_or_default(),
        language: p.language.unwrap_or_else(|| st.store.playbooks().messages().default_language.to_owned()),
        region: p.region.unwrap_or_else(|| st.region().code()),
        from: if mon.open { mon.from } else { "08:00".into() },
        to: if mon.open { mon.to } else { "16:00".into() },
        time_zone: cal.time_zone,
        roles: pronto_domain::user::Role::ALL.iter().map(|r| (r.as_str(), super::words::role(&t, r.as_str()))).collect(),
        team,
        mate,
        finished: g.finished,
        t,
    });
    *r.status_mut() = status;
    r
}

async fn guide_page(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    admin_only(&st, &c, &t)?;
    Ok(guide_render(&st, &c, t, None, None, vec![], HashMap::new()).await)
}

fn step_id(s: &str) -> Option<&'static str> {
    co::GUIDE_STEPS.iter().copied().find(|x| *x == s)
}

/// A step's form: its own change (the company's name, the language, the hours, a colleague),
/// then the step marked done; or "Skip for now"; or `finish`.
async fn guide_post(State(st): State<AppState>, Signed(c, t): Signed, Path(step): Path<String>, Form(f): Form<HashMap<String, String>>) -> PageResult {
    admin_only(&st, &c, &t)?;
    let back = |e| fail(&st, &c, &t, "/admin/guide")(e);
    if step == "finish" || step == "restart" {
        co::guide_step(&st, &c, &step, false).await.map_err(back)?;
        return Ok(Redirect::to(if step == "finish" { "/inbox" } else { "/admin/guide" }).into_response());
    }
    let Some(id) = step_id(&step) else { return Err(back(Error::not_found("guide step"))) };
    let g = |k: &str| f.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    if f.get("do").map(String::as_str) == Some("skip") {
        co::guide_step(&st, &c, id, true).await.map_err(back)?;
        return Ok(Redirect::to("/admin/guide").into_response());
    }
    let p = st.store.company_profile().await.unwrap_or_default();
    let current = IdentityIn {
        name: p.name.clone(),
        accent: p.accent.clone(),
        address: p.address.clone(),
        phone: p.phone.clone(),
        email: p.email.clone(),
        web: p.web.clone(),
        language: p.language.clone(),
        region: p.region.clone(),
    };
    let result: crate::app::Result<()> = match id {
        "company" => co::save_identity(&st, &c, &t, &IdentityIn { name: Some(g("name")), ..current }).await.map(|_| ()),
        "language" => co::save_identity(&st, &c, &t, &IdentityIn { language: Some(g("language")), region: Some(g("region")), ..current }).await.map(|_| ()),
        "hours" => {
            let mut cal = co::calendar_form(p.office_hours.as_deref(), &co::default_zone(&st));
            cal.time_zone = g("tz");
            for (i, d) in cal.days.iter_mut().enumerate() {
                d.open = i < 5;
                d.from = g("from");
                d.to = g("to");
                d.break_from.clear();
                d.break_to.clear();
            }
            co::save_office_calendar(&st, &c, &t, Some(&cal)).await
        }
        "team" if f.contains_key("login") => {
            let get = |k: &str| f.get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
            let draft = crate::dto::UserIn {
                name: get("name"),
                login: get("login"),
                role: get("role"),
                phone: get("phone"),
                email: get("email"),
                password: f.get("password").filter(|v| !v.is_empty()).cloned(),
            };
            match crate::app::users::create(&st, &c, draft).await {
                Ok(u) => {
                    co::guide_step(&st, &c, id, false).await.map_err(back)?;
                    let notice = t.s("setup-mate-added", &u.name);
                    return Ok(guide_render(&st, &c, t.clone(), Some("team"), Some(notice), vec![], HashMap::new()).await);
                }
                Err(e @ Error::Invalid(_)) => {
                    let mut mate = f.clone();
                    mate.remove("password");
                    return Ok(guide_render(&st, &c, t, Some("team"), None, problems(&e), mate).await);
                }
                Err(e) => Err(e),
            }
        }
        _ => Ok(()),
    };
    match result {
        Ok(()) => {
            co::guide_step(&st, &c, id, false).await.map_err(back)?;
            Ok(Redirect::to("/admin/guide").into_response())
        }
        Err(e @ Error::Invalid(_)) => Ok(guide_render(&st, &c, t, Some(id), None, problems(&e), HashMap::new()).await),
        Err(e) => Err(back(e)),
    }
}

/// "Send a test inquiry" (the empty inbox): a real lead through the normal intake.
async fn test_inquiry(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    admin_only(&st, &c, &t)?;
    let id = co::test_inquiry(&st, &c, &t).await.map_err(fail(&st, &c, &t, "/inbox"))?;
    Ok(Redirect::to(&format!("/leads/{id}")).into_response())
}

/// The inbox's invitation to the guide: its progress, for an admin while it is not finished.
pub(super) async fn guide_banner(st: &AppState, c: &Caller, t: &Tr) -> Option<String> {
    if !co::guide_pending(st, c).await {
        return None;
    }
    let g = st.store.company_profile().await.map(|p| Guide::parse(p.guide.as_deref())).unwrap_or_default();
    Some(t.with("setup-progress", &[("done", &g.done_count().to_string()), ("all", &co::GUIDE_STEPS.len().to_string())]))
}
