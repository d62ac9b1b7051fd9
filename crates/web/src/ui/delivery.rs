//! Deliveries and complaints in the team's pages (issue 21, items 5 and 6):
//!
//! - the lead card's "Delivery" section: each delivery with its day, address, driver, status,
//!   when the driver's pack is printed, the pack's documents and "Mark delivered"; for those who
//!   work the deal, the form to plan one (`POST /leads/{id}/deliveries`);
//! - the driver's page `/deliveries?date=YYYY-MM-DD`: one printable page per day listing each
//!   delivery with the customer, address, phone, the pack's documents and "Mark delivered"
//!   (`POST /deliveries/{id}/delivered`);
//! - management's table `/complaints` (managers and admins): date in the office's zone,
//!   customer, representative, channel in words, substance, status, the resolve form
//!   (`POST /complaints/{id}/resolve`), CSV and XLSX downloads.

use super::error::PageResult;
use super::i18n::Tr;
use super::{LANGUAGES, Signed, fail, page};
use crate::AppState;
use crate::app::{self, complaints as cuc, deliveries as uc};
use crate::auth::Caller;
use crate::public_offers::date;
use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use pronto_domain::delivery::DeliveryDraft;
use pronto_domain::user::{Action, Role};
use pronto_store::deliveries::DeliveryRecord;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;

pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/leads/{id}/deliveries", post(plan))
        .route("/deliveries", get(day_page))
        .route("/deliveries/{id}/delivered", post(delivered))
        .route("/complaints", get(complaints_page))
        .route("/complaints/{id}/resolve", post(resolve))
}

/// A time in the office's zone as the reader reads it: `10. 12. 2026 18:00` (kept on one line).
fn local(t: &Tr, at: Timestamp, zone: &TimeZone) -> String {
    let z = at.to_zoned(zone.clone());
    format!("{}\u{a0}{}", date(t, &z.date().to_string()), z.strftime("%H:%M"))
}

/// One delivery as the card and the driver's page show it.
pub struct DeliveryRow {
    pub id: i64,
    pub lead_id: i64,
    pub date: String,
    pub date_iso: String,
    /// "The driver's page for …".
    pub day_link: String,
    pub address: String,
    pub driver: Option<String>,
    pub status_id: String,
    pub status: String,
    /// "The driver's pack is printed …" or "Delivered …".
    pub when: String,
    /// The pack's documents: (word, address).
    pub documents: Vec<(String, String)>,
    pub delivered: bool,
}

fn row(t: &Tr, d: &DeliveryRecord, zone: &TimeZone) -> DeliveryRow {
    let when = match (d.delivered_at, d.pack_ready_at) {
        (Some(at), _) => t.with("dlv-delivered-at", &[("at", &t.iso(&local(t, at, zone)))]),
        (None, Some(at)) => t.with("dlv-pack-at", &[("at", &t.iso(&local(t, at, zone)))]),
        (None, None) => t.with("dlv-pack-at", &[("at", &t.iso(&local(t, d.pack_at, zone)))]),
    };
    DeliveryRow {
        id: d.id,
        lead_id: d.lead_id,
        date: date(t, &d.date),
        date_iso: d.date.clone(),
        day_link: t.with("dlv-day-link", &[("date", &date(t, &d.date))]),
        address: d.address.clone(),
        driver: d.driver.clone(),
        status_id: d.status.clone(),
        status: t.t(&format!("dlv-status-{}", d.status)),
        when,
        documents: uc::documents(d).into_iter().map(|(kind, url)| (t.t(&format!("dlv-doc-{kind}")), url)).collect(),
        delivered: d.status == "delivered",
    }
}

/// The card's delivery part.
pub struct DeliveryCard {
    pub lead_id: i64,
    pub rows: Vec<DeliveryRow>,
    pub may_plan: bool,
    /// Today in the office's zone: the form's earliest day.
    pub today: String,
    /// The address to suggest: the latest delivery's.
    pub address: String,
    pub notice: Option<String>,
    pub error: Option<String>,
}

pub fn card(
    t: &Tr,
    lead_id: i64,
    deliveries: &[DeliveryRecord],
    zone: &TimeZone,
    now: Timestamp,
    may_plan: bool,
    q: &HashMap<String, String>,
) -> DeliveryCard {
    let notice = match q.get("delivery").map(String::as_str) {
        Some("planned") => Some(t.t("dlv-flash-planned")),
        Some("delivered") => Some(t.t("dlv-flash-delivered")),
        _ => None,
    };
    let error = match q.get("delivery").map(String::as_str) {
        Some(k @ ("err-date" | "err-address" | "err-driver" | "err-delivered")) => Some(t.t(&format!("dlv-{k}"))),
        _ => None,
    };
    DeliveryCard {
        lead_id,
        rows: deliveries.iter().rev().map(|d| row(t, d, zone)).collect(),
        may_plan,
        today: now.to_zoned(zone.clone()).date().to_string(),
        address: deliveries.last().map(|d| d.address.clone()).unwrap_or_default(),
        notice,
        error,
    }
}

#[derive(Deserialize)]
struct PlanForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    driver: String,
}

/// The first field a refusal names, as the code the card translates.
fn refused(e: &pronto_domain::FieldErrors) -> &'static str {
    match e.0.first().map(|f| f.field.as_str()) {
        Some("address") => "err-address",
        Some("driver") => "err-driver",
        _ => "err-date",
    }
}

/// `POST /leads/{id}/deliveries`: plans it and goes back to the card, saying how.
async fn plan(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<String>, Form(f): Form<PlanForm>) -> PageResult {
    let id = id.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| fail(&st, &c, &t, "/inbox")(app::Error::not_found("lead")))?;
    let draft = DeliveryDraft { date: Some(f.date), address: Some(f.address), driver: Some(f.driver) };
    match uc::plan(&st, &c, id, &draft).await {
        Ok(_) => Ok(Redirect::to(&format!("/leads/{id}?delivery=planned#delivery")).into_response()),
        Err(app::Error::Invalid(e)) => Ok(Redirect::to(&format!("/leads/{id}?delivery={}#delivery", refused(&e))).into_response()),
        Err(e) => Err(fail(&st, &c, &t, &format!("/leads/{id}"))(e)),
    }
}

/// `POST /deliveries/{id}/delivered`: back to the page it was pressed on (the card or the
/// driver's page).
async fn delivered(State(st): State<AppState>, headers: HeaderMap, Signed(c, t): Signed, Path(id): Path<String>) -> PageResult {
    let id =
        id.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| fail(&st, &c, &t, "/deliveries")(app::Error::not_found("delivery")))?;
    let from_day = headers
        .get(axum::http::header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(super::redirect::back_path)
        .filter(|p| p.starts_with("/deliveries"))
        .map(str::to_owned);
    let code = match uc::delivered(&st, &c, id, None).await {
        Ok(_) => "delivered",
        Err(app::Error::Conflict(_)) => "err-delivered",
        Err(e) => return Err(fail(&st, &c, &t, "/deliveries")(e)),
    };
    let d = uc::get(&st, &c, id).await.map_err(fail(&st, &c, &t, "/deliveries"))?;
    let to = match from_day {
        Some(_) => format!("/deliveries?date={}&delivery={code}#delivery-{id}", d.date),
        None => format!("/leads/{}?delivery={code}#delivery", d.lead_id),
    };
    Ok(Redirect::to(&to).into_response())
}

/// One stop of the driver's page.
pub struct Stop {
    pub row: DeliveryRow,
    pub customer: String,
    pub company: Option<String>,
    pub phone: Option<String>,
}

#[derive(Template)]
#[template(path = "delivery_day.html")]
struct DayPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    date_iso: String,
    title: String,
    stops: Vec<Stop>,
    notice: Option<String>,
    error: Option<String>,
}

/// `GET /deliveries?date=YYYY-MM-DD` (today in the office's zone when absent): the driver's page.
async fn day_page(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> PageResult {
    let zone = st.store.office_zone();
    let now = st.clock.now();
    let today = now.to_zoned(zone.clone()).date();
    let (day, mut error) = match q.get("date").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => (today, None),
        Some(s) => match s.parse::<jiff::civil::Date>() {
            Ok(d) => (d, None),
            Err(_) => (today, Some(t.t("dlv-err-day"))),
        },
    };
    if q.get("delivery").map(String::as_str) == Some("err-delivered") {
        error = Some(t.t("dlv-err-delivered"));
    }
    let notice = (q.get("delivery").map(String::as_str) == Some("delivered")).then(|| t.t("dlv-flash-delivered"));
    let list = uc::day(&st, &c, day).await.map_err(fail(&st, &c, &t, "/inbox"))?;
    let stops = list
        .into_iter()
        .map(|s| Stop { row: row(&t, &s.delivery, &zone), customer: s.customer, company: s.company, phone: s.phone })
        .collect();
    Ok(page(DayPage {
        admin: c.role == Role::Admin,
        now_iso: now.to_string(),
        me: Some(c.user.name.clone()),
        page: "deliveries",
        languages: LANGUAGES,
        date_iso: day.to_string(),
        title: t.with("dlv-day-title", &[("date", &date(&t, &day.to_string()))]),
        stops,
        notice,
        error,
        t,
    }))
}

/// One complaint as management's table shows it.
pub struct ComplaintRow {
    pub id: i64,
    pub lead_id: i64,
    pub date: String,
    pub customer: String,
    pub owner: String,
    pub channel: String,
    pub text: String,
    pub open: bool,
    pub status: String,
    pub resolved: Option<String>,
}

#[derive(Template)]
#[template(path = "delivery_complaints.html")]
struct ComplaintsPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    status: String,
    from: String,
    to: String,
    /// The filter as a query for the downloads.
    export: String,
    channel: String,
    owner: String,
    /// The channels and the representatives to choose from: (value, name).
    channels: Vec<(String, String)>,
    owners: Vec<(String, String)>,
    rows: Vec<ComplaintRow>,
    notice: Option<String>,
    error: Option<String>,
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// `GET /complaints` (managers and admins).
async fn complaints_page(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> PageResult {
    complaints_render(&st, &c, t, &q).await
}

async fn complaints_render(st: &AppState, c: &Caller, t: Arc<Tr>, q: &HashMap<String, String>) -> PageResult {
    c.require(Action::ManageComplaints).map_err(fail(st, c, &t, "/inbox"))?;
    let zone = st.store.office_zone();
    let get = |k: &str| q.get(k).map(|s| s.trim().to_owned()).unwrap_or_default();
    let (status, from, to, channel, owner) = (get("status"), get("from"), get("to"), get("channel"), get("owner"));
    let query = cuc::Query {
        status: Some(status.clone()),
        from: Some(from.clone()),
        to: Some(to.clone()),
        channel: Some(channel.clone()),
        owner: Some(owner.clone()),
    };
    let (items, mut error) = match cuc::list(st, c, &query).await {
        Ok(items) => (items, None),
        Err(app::Error::Invalid(_)) => {
            (cuc::list(st, c, &cuc::Query::default()).await.map_err(fail(st, c, &t, "/inbox"))?, Some(t.t("cmp-err-filter")))
        }
        Err(e) => return Err(fail(st, c, &t, "/inbox")(e)),
    };
    if q.get("complaint").map(String::as_str) == Some("err-note") {
        error = Some(t.t("cmp-err-note"));
    }
    let notice = (q.get("complaint").map(String::as_str) == Some("resolved")).then(|| t.t("cmp-flash-resolved"));
    let rows = items
        .into_iter()
        .map(|k| ComplaintRow {
            id: k.id,
            lead_id: k.lead_id,
            date: local(&t, k.created_at, &zone),
            customer: match &k.company {
                Some(co) if !co.trim().is_empty() => format!("{} ({co})", k.customer),
                _ => k.customer.clone(),
            },
            owner: k.owner_name.clone().unwrap_or_else(|| t.t("cmp-nobody")),
            channel: super::words::channel(&t, &k.channel),
            text: k.text.clone(),
            open: k.status == "open",
            status: t.t(&format!("cmp-status-{}", k.status)),
            resolved: match (k.resolved_at, &k.resolution) {
                (Some(at), Some(n)) => Some(t.with("cmp-resolved-at", &[("at", &t.iso(&local(&t, at, &zone))), ("note", &t.iso(n))])),
                _ => None,
            },
        })
        .collect();
    let export = format!("status={}&from={}&to={}&channel={}&owner={}", enc(&status), enc(&from), enc(&to), enc(&channel), enc(&owner));
    let channels = pronto_domain::lead::Channel::ALL.iter().map(|k| (k.as_str().to_owned(), super::words::channel(&t, k.as_str()))).collect();
    let mut owners: Vec<(String, String)> =
        st.store.users().await.unwrap_or_default().into_iter().map(|u| (u.id.to_string(), u.name)).collect();
    owners.push(("none".into(), t.t("cmp-nobody")));
    Ok(page(ComplaintsPage {
        admin: c.role == Role::Admin,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "complaints",
        languages: LANGUAGES,
        status,
        from,
        to,
        export,
        channel,
        owner,
        channels,
        owners,
        rows,
        notice,
        error,
        t,
    }))
}

#[derive(Deserialize)]
struct ResolveForm {
    #[serde(default)]
    note: String,
}

/// `POST /complaints/{id}/resolve` (`note`): back to the table, saying how.
async fn resolve(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<String>, Form(f): Form<ResolveForm>) -> PageResult {
    let id =
        id.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| fail(&st, &c, &t, "/complaints")(app::Error::not_found("complaint")))?;
    match cuc::resolve(&st, &c, id, Some(&f.note)).await {
        Ok(_) => Ok(Redirect::to(&format!("/complaints?complaint=resolved#complaint-{id}")).into_response()),
        Err(app::Error::Invalid(_)) => Ok(Redirect::to(&format!("/complaints?complaint=err-note#complaint-{id}")).into_response()),
        Err(e) => Err(fail(&st, &c, &t, "/complaints")(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_of_the_area_is_there_in_every_language() {
        let en = include_str!("locales/delivery/en.ftl");
        let keys: Vec<&str> = en
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with(' ') && l.contains(" = "))
            .map(|l| l.split(" = ").next().unwrap())
            .collect();
        assert!(keys.len() > 40);
        for lang in ["en", "cs", "ru", "pl", "he"] {
            let t = Tr::new(lang);
            for k in &keys {
                let w = t.with(k, &[("date", "x"), ("at", "x"), ("note", "x"), ("driver", "x"), ("who", "x")]);
                assert!(!w.is_empty() && w != *k, "{lang}: {k}");
            }
        }
        for (lang, src) in [
            ("cs", include_str!("locales/delivery/cs.ftl")),
            ("ru", include_str!("locales/delivery/ru.ftl")),
            ("pl", include_str!("locales/delivery/pl.ftl")),
            ("he", include_str!("locales/delivery/he.ftl")),
        ] {
            for k in &keys {
                assert!(src.lines().any(|l| l.starts_with(&format!("{k} = "))), "{lang} lacks {k}");
            }
        }
        for s in pronto_domain::delivery::DELIVERY_STATUSES {
            assert!(!Tr::new("he").t(&format!("dlv-status-{s}")).starts_with("dlv-"));
        }
    }
}
