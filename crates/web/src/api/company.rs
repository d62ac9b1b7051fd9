//! `/api/v1/company`: the company's identity (name, logo, accent colour, contact, default
//! language and region), the office calendar, the public holidays Pronto can offer, the
//! first-start guide's progress and a test inquiry. Admins only. What the pages at
//! `/admin/company`, `/admin/calendars` and `/admin/guide` do, through the same use cases
//! (`app::company`). Problems are worded in the `Accept-Language`'s language.

use crate::AppState;
use crate::app;
use crate::app::company::{CalendarIn, Guide, IdentityIn};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{json_body, read_body};
use crate::ui::i18n::{Tr, pick};
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_company, put_company))
        .routes(routes!(put_logo, delete_logo))
        .routes(routes!(get_calendar, put_calendar, delete_calendar))
        .routes(routes!(holidays))
        .routes(routes!(get_guide))
        .routes(routes!(guide_step))
        .routes(routes!(test_inquiry))
}

fn words(headers: &HeaderMap) -> Arc<Tr> {
    pick(None, headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
}

/// The company as customers see it, and its defaults.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyProfileOut {
    pub name: Option<String>,
    pub accent: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub web: Option<String>,
    /// The stored default language (the configuration's `PRONTO_LANGUAGE` wins where set).
    pub language: Option<String>,
    /// The stored region (the configuration's `PRONTO_DEFAULT_REGION` wins where set).
    pub region: Option<String>,
    /// The language and region in force now.
    pub language_in_force: String,
    pub region_in_force: String,
    /// Where the logo is served (`/company/logo?v=3`), when there is one.
    pub logo_url: Option<String>,
}

pub(crate) fn out(st: &AppState, p: pronto_store::company::CompanyProfile) -> CompanyProfileOut {
    CompanyProfileOut {
        logo_url: p.logo_type.as_ref().map(|_| format!("/company/logo?v={}", p.logo_version)),
        name: p.name,
        accent: p.accent,
        address: p.address,
        phone: p.phone,
        email: p.email,
        web: p.web,
        language: p.language,
        region: p.region,
        language_in_force: st.store.playbooks().messages().default_language.to_owned(),
        region_in_force: st.region().code(),
    }
}

/// The company's identity and defaults.
#[utoipa::path(get, path = "/api/v1/company", tag = "company",
    responses((status = 200, body = CompanyProfileOut), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_company(State(st): State<AppState>, caller: Caller) -> ApiResult<Json<CompanyProfileOut>> {
    let p = app::company::profile(&st, &caller).await?;
    Ok(Json(out(&st, p)))
}

/// Set the company's identity and defaults (every field; a blank or missing one is cleared).
#[utoipa::path(put, path = "/api/v1/company", tag = "company", request_body = IdentityIn,
    responses((status = 200, body = CompanyProfileOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn put_company(State(st): State<AppState>, caller: Caller, headers: HeaderMap, body: Body) -> ApiResult<Json<CompanyProfileOut>> {
    app::require_admin(&caller)?;
    let (input, _): (IdentityIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let p = app::company::save_identity(&st, &caller, &words(&headers), &input).await?;
    Ok(Json(out(&st, p)))
}

/// Set the logo: the body is a PNG, JPEG or WebP image (checked by its bytes; never SVG), at
/// most 512 KB.
#[utoipa::path(put, path = "/api/v1/company/logo", tag = "company",
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn put_logo(State(st): State<AppState>, caller: Caller, headers: HeaderMap, body: Body) -> ApiResult<StatusCode> {
    app::require_admin(&caller)?;
    let bytes = read_body(body, app::company::LOGO_MAX + 1).await.map_err(|e| match e {
        ApiError::TooLarge(_) => ApiError::TooLarge(app::company::LOGO_MAX),
        other => other,
    })?;
    app::company::set_logo(&st, &caller, &words(&headers), Some(bytes.to_vec())).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Remove the logo.
#[utoipa::path(delete, path = "/api/v1/company/logo", tag = "company",
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub async fn delete_logo(State(st): State<AppState>, caller: Caller, headers: HeaderMap) -> ApiResult<StatusCode> {
    app::company::set_logo(&st, &caller, &words(&headers), None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The office calendar and whether it is in force (else the playbooks' own calendars are).
#[derive(Debug, Serialize, ToSchema)]
pub struct OfficeCalendarOut {
    /// Whether an office calendar is set (it then wins over the playbooks' own).
    pub set: bool,
    pub calendar: CalendarIn,
}

async fn office_out(st: &AppState) -> ApiResult<OfficeCalendarOut> {
    let p = st.store.company_profile().await?;
    Ok(OfficeCalendarOut {
        set: p.office_hours.is_some(),
        calendar: app::company::calendar_form(p.office_hours.as_deref(), &app::company::default_zone(st)),
    })
}

/// The office calendar: weekly hours with breaks, holidays with names.
#[utoipa::path(get, path = "/api/v1/company/calendar", tag = "company",
    responses((status = 200, body = OfficeCalendarOut), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_calendar(State(st): State<AppState>, caller: Caller) -> ApiResult<Json<OfficeCalendarOut>> {
    app::require_admin(&caller)?;
    Ok(Json(office_out(&st).await?))
}

/// Set the office calendar: from now on the SLA clock and the working-time timers use it.
#[utoipa::path(put, path = "/api/v1/company/calendar", tag = "company", request_body = CalendarIn,
    responses((status = 200, body = OfficeCalendarOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn put_calendar(State(st): State<AppState>, caller: Caller, headers: HeaderMap, body: Body) -> ApiResult<Json<OfficeCalendarOut>> {
    app::require_admin(&caller)?;
    let (input, _): (CalendarIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    app::company::save_office_calendar(&st, &caller, &words(&headers), Some(&input)).await?;
    Ok(Json(office_out(&st).await?))
}

/// Remove the office calendar: the playbooks' own calendars are in force again.
#[utoipa::path(delete, path = "/api/v1/company/calendar", tag = "company",
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub async fn delete_calendar(State(st): State<AppState>, caller: Caller, headers: HeaderMap) -> ApiResult<StatusCode> {
    app::company::save_office_calendar(&st, &caller, &words(&headers), None).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HolidayOut {
    pub date: String,
    pub name: String,
}

/// The public holidays (days off) of a country in a year: `CZ`, `SK`, `PL`, `DE`, `AT` or `GB`
/// (England and Wales); nationwide ones only.
#[utoipa::path(get, path = "/api/v1/holidays/{country}/{year}", tag = "company",
    params(("country" = String, Path), ("year" = i32, Path)),
    responses((status = 200, body = Vec<HolidayOut>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn holidays(caller: Caller, Path((country, year)): Path<(String, String)>) -> ApiResult<Json<Vec<HolidayOut>>> {
    app::require_admin(&caller)?;
    let year: i16 = year.trim().parse().ok().filter(|y| (1900..=2200).contains(y)).ok_or_else(|| ApiError::not_found("year (1900–2200)"))?;
    let list = pronto_domain::office_hours::public_holidays(&country, year).ok_or_else(|| {
        ApiError::not_found(&format!("country `{country}` (one of: {})", pronto_domain::office_hours::HOLIDAY_COUNTRIES.join(", ")))
    })?;
    Ok(Json(list.into_iter().map(|(d, n)| HolidayOut { date: d.to_string(), name: n.to_owned() }).collect()))
}

/// The first-start guide's progress.
#[utoipa::path(get, path = "/api/v1/company/guide", tag = "company",
    responses((status = 200, body = Guide), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_guide(State(st): State<AppState>, caller: Caller) -> ApiResult<Json<Guide>> {
    Ok(Json(app::company::guide(&st, &caller).await?))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct GuideStepIn {
    /// Skipped for now rather than done.
    #[serde(default)]
    pub skip: bool,
}

/// Mark a step of the guide done or skipped (`company`, `language`, `hours`, `team`,
/// `channels`, `form`), or `finish` it (it is no longer shown) or `restart` it.
#[utoipa::path(post, path = "/api/v1/company/guide/{step}", tag = "company", request_body = GuideStepIn,
    params(("step" = String, Path)),
    responses((status = 200, body = Guide), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn guide_step(State(st): State<AppState>, caller: Caller, Path(step): Path<String>, headers: HeaderMap, body: Body) -> ApiResult<Json<Guide>> {
    app::require_admin(&caller)?;
    let (input, _): (GuideStepIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    Ok(Json(app::company::guide_step(&st, &caller, &step, input.skip).await?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TestInquiryOut {
    /// The new lead.
    pub lead: i64,
}

/// Send a test inquiry through the normal intake (marked as a test in its subject).
#[utoipa::path(post, path = "/api/v1/company/test-inquiry", tag = "company",
    responses((status = 201, body = TestInquiryOut), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub async fn test_inquiry(State(st): State<AppState>, caller: Caller, headers: HeaderMap) -> ApiResult<(StatusCode, Json<TestInquiryOut>)> {
    let lead = app::company::test_inquiry(&st, &caller, &words(&headers)).await?;
    Ok((StatusCode::CREATED, Json(TestInquiryOut { lead })))
}
