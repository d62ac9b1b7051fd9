//! The staff's offer editor (issue 20, items 2 and 6): `/leads/{id}/offers/new` (with
//! `?from={offer}`: a new version prefilled from that one) is a form of line rows — an article
//! number or a name (the catalogue suggests as one types: `GET /offers/products?q=`, JSON), or
//! free text — with quantity, unit, unit price, discount, VAT rate and the supplier's
//! availability, then validity, delivery date and the texts of the deal. Without JS a fixed
//! number of empty rows is there; with it rows are added and removed and the totals per VAT rate
//! follow as one types (`static/js/offers.js`). The server computes the totals on save (the use
//! case `app::offers::create`); a refused form comes back with each message next to its field
//! in the reader's language and everything typed kept. Saved → the lead card with what happens
//! next. `POST /leads/{id}/offers/{offer}/send` sends a draft (`app::offers::send`).
//!
//! Making and sending an offer is working the deal (`Action::WorkDeal`): checked before
//! anything is read or written; the same-origin check of every POST is the session's (`auth`).

use super::error::PageResult;
use super::i18n::Tr;
use super::{LANGUAGES, Signed, fail, page};
use crate::AppState;
use crate::app::{self, catalogue as catalogue_uc, offers as uc};
use crate::auth::Caller;
use askama::Template;
use axum::Json;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use pronto_domain::catalogue::CURRENCIES;
use pronto_domain::offer::{ITEMS_MAX, OfferDraft, OfferItemDraft};
use pronto_domain::user::{Action, Role};
use pronto_store::OfferRecord;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// Empty rows the form always has below the filled ones (the rows without JS).
pub const EMPTY_ROWS: usize = 3;
/// At most this many suggestions from the catalogue.
const SUGGESTIONS: usize = 8;

pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/leads/{id}/offers/new", get(new_page).post(create))
        .route("/leads/{id}/offers/{offer}/send", post(send))
        .route("/offers/products", get(products))
}

/// The fields of one line, as the form names them (`{field}_{row}`).
const LINE_FIELDS: [&str; 9] = ["sku", "name", "quantity", "unit", "unit_price", "discount", "vat_rate", "availability", "available_on"];
/// The offer's own fields.
const OFFER_FIELDS: [&str; 7] = ["currency", "valid_until", "delivery_date", "cooperation", "customer_provides", "we_provide", "note"];

/// One line as typed (kept as it was when refused).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineTyped {
    pub sku: String,
    pub name: String,
    pub quantity: String,
    pub unit: String,
    pub unit_price: String,
    pub discount: String,
    pub vat_rate: String,
    pub availability: String,
    pub available_on: String,
}

impl LineTyped {
    fn get(&self, f: &str) -> &str {
        match f {
            "sku" => &self.sku,
            "name" => &self.name,
            "quantity" => &self.quantity,
            "unit" => &self.unit,
            "unit_price" => &self.unit_price,
            "discount" => &self.discount,
            "vat_rate" => &self.vat_rate,
            "availability" => &self.availability,
            _ => &self.available_on,
        }
    }
    fn is_empty(&self) -> bool {
        LINE_FIELDS.iter().all(|f| self.get(f).trim().is_empty())
    }
}

/// The whole form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typed {
    pub lines: Vec<LineTyped>,
    pub currency: String,
    pub valid_until: String,
    pub delivery_date: String,
    pub cooperation: String,
    pub customer_provides: String,
    pub we_provide: String,
    pub note: String,
}

/// A number as the reader may type it (`1 250,50`): spaces out, the decimal comma a point.
pub fn number_typed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}').map(|c| if c == ',' { '.' } else { c }).collect()
}

fn opt(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

impl Typed {
    /// The form's fields: the rows are every `{field}_{n}` sent (at most [`ITEMS_MAX`] + the
    /// empty ones).
    pub fn read(f: &HashMap<String, String>) -> Typed {
        let v = |k: &str| f.get(k).cloned().unwrap_or_default();
        let rows = f
            .keys()
            .filter_map(|k| k.rsplit_once('_').filter(|(name, _)| LINE_FIELDS.contains(name)).and_then(|(_, n)| n.parse::<usize>().ok()))
            .filter(|n| *n < ITEMS_MAX + EMPTY_ROWS + 50)
            .max()
            .map(|n| n + 1)
            .unwrap_or(0);
        let lines = (0..rows)
            .map(|n| {
                let l = |k: &str| v(&format!("{k}_{n}"));
                LineTyped {
                    sku: l("sku"),
                    name: l("name"),
                    quantity: l("quantity"),
                    unit: l("unit"),
                    unit_price: l("unit_price"),
                    discount: l("discount"),
                    vat_rate: l("vat_rate"),
                    availability: l("availability"),
                    available_on: l("available_on"),
                }
            })
            .collect();
        Typed {
            lines,
            currency: v("currency"),
            valid_until: v("valid_until"),
            delivery_date: v("delivery_date"),
            cooperation: v("cooperation"),
            customer_provides: v("customer_provides"),
            we_provide: v("we_provide"),
            note: v("note"),
        }
    }

    /// The use case's draft, and for each of its lines the form's row it came from (empty rows
    /// are left out).
    pub fn draft(&self) -> (OfferDraft, Vec<usize>) {
        let mut rows = Vec::new();
        let mut items = Vec::new();
        for (n, l) in self.lines.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
            rows.push(n);
            // "on order" needs its date; any other choice has none (a date left in the field
            // when the choice changed is not the supplier's).
            let available_on = if l.availability.trim() == "on_order" { opt(&l.available_on) } else { None };
            items.push(OfferItemDraft {
                sku: opt(&l.sku),
                name: opt(&l.name),
                unit: opt(&l.unit),
                quantity: opt(&number_typed(&l.quantity)),
                unit_price: opt(&number_typed(&l.unit_price)),
                vat_rate: opt(&number_typed(&l.vat_rate).replace('%', "")),
                discount: opt(&number_typed(&l.discount).replace('%', "")),
                availability: opt(&l.availability),
                available_on,
            });
        }
        let d = OfferDraft {
            items,
            currency: opt(&self.currency).map(|c| c.to_uppercase()),
            valid_until: opt(&self.valid_until),
            delivery_date: opt(&self.delivery_date),
            cooperation: opt(&self.cooperation),
            customer_provides: opt(&self.customer_provides),
            we_provide: opt(&self.we_provide),
            note: opt(&self.note),
        };
        (d, rows)
    }

    /// A new version's form: the offer as it was (its validity from today on when it ended).
    pub fn from_offer(o: &OfferRecord, default_valid: &str) -> Typed {
        let o_or = |s: &Option<String>| s.clone().unwrap_or_default();
        let valid = if o.valid_until.as_str() < default_valid { default_valid.to_owned() } else { o.valid_until.clone() };
        Typed {
            lines: o
                .items
                .iter()
                .map(|i| LineTyped {
                    sku: o_or(&i.sku),
                    name: i.name.clone(),
                    quantity: i.quantity.clone(),
                    unit: o_or(&i.unit),
                    unit_price: i.unit_price.clone(),
                    discount: if i.discount.parse::<f64>().is_ok_and(|d| d == 0.0) { String::new() } else { i.discount.clone() },
                    vat_rate: i.vat_rate.clone(),
                    availability: o_or(&i.availability),
                    available_on: o_or(&i.available_on),
                })
                .collect(),
            currency: o.currency.clone(),
            valid_until: valid,
            delivery_date: o_or(&o.delivery_date),
            cooperation: o_or(&o.cooperation),
            customer_provides: o_or(&o.customer_provides),
            we_provide: o_or(&o.we_provide),
            note: o_or(&o.note),
        }
    }
}

/// Where the use case's error field (`items[2].quantity`, `valid_until`) is on the form
/// (`quantity_5` for the form's row 5; `form` when it is no field's), and the word that says
/// what is wrong.
pub fn field_of(error_field: &str, message: &str, rows: &[usize]) -> (String, String) {
    if let Some(rest) = error_field.strip_prefix("items[")
        && let Some((n, field)) = rest.split_once("].")
        && let Some(row) = n.parse::<usize>().ok().and_then(|n| rows.get(n))
        && LINE_FIELDS.contains(&field)
    {
        let key = match field {
            "unit_price" if message.contains("price is in") => "offers-ed-err-unit_price-currency".to_owned(),
            f => format!("offers-ed-err-{f}"),
        };
        return (format!("{field}_{row}"), key);
    }
    match error_field {
        "items" => ("lines".into(), "offers-ed-err-items".into()),
        f if OFFER_FIELDS.contains(&f) => (f.to_owned(), format!("offers-ed-err-{f}")),
        _ => ("form".into(), "offers-ed-err-form".into()),
    }
}

/// One row of the form.
struct Row {
    n: usize,
    l: LineTyped,
}

#[derive(Template)]
#[template(path = "offers_editor.html")]
struct EditorPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    lead_id: i64,
    /// "New offer for Eva Malá" / "Version 3 of the offer for Eva Malá".
    heading: String,
    /// The version this one is made from (`?from=`), kept through a refused save.
    from: Option<i64>,
    intro: String,
    /// "Saving this version completes your task …" when a task waits for it.
    task_hint: Option<String>,
    f: Typed,
    rows: Vec<Row>,
    currencies: &'static [&'static str],
    /// Field → its message.
    errors: HashMap<String, String>,
    error_count: i64,
    /// The lead's language (the catalogue's names in it).
    lead_lang: String,
    /// The live totals' words, `{rate}`, `{base}`, `{vat}` and `{amount}` filled in by the script.
    w_vat_row: String,
    w_net: String,
    w_gross: String,
}

impl EditorPage {
    fn error(&self, field: &str) -> String {
        self.errors.get(field).cloned().unwrap_or_default()
    }
    fn has_error(&self, field: &str) -> bool {
        self.errors.contains_key(field)
    }
    fn line_error(&self, field: &str, n: &usize) -> String {
        self.error(&format!("{field}_{n}"))
    }
    fn line_no(&self, n: &usize) -> String {
        self.t.s("offers-ed-line-n", &(n + 1).to_string())
    }
    /// The texts of the deal: (field, label key, as typed).
    fn texts(&self) -> Vec<(&'static str, &'static str, String)> {
        vec![
            ("cooperation", "offers-ed-cooperation", self.f.cooperation.clone()),
            ("customer_provides", "offers-ed-customer_provides", self.f.customer_provides.clone()),
            ("we_provide", "offers-ed-we_provide", self.f.we_provide.clone()),
            ("note", "offers-ed-note", self.f.note.clone()),
        ]
    }
    fn line_has_error(&self, field: &str, n: &usize) -> bool {
        self.has_error(&format!("{field}_{n}"))
    }
}

#[allow(clippy::result_large_err)] // the page's refusal, as every page's
fn may_work(st: &AppState, c: &Caller, t: &Arc<Tr>, back: &str) -> Result<(), super::error::UiError> {
    c.require(Action::WorkDeal).map_err(|e| fail(st, c, t, back)(e))
}

fn who(l: &pronto_store::LeadRecord) -> String {
    l.contact
        .name
        .clone()
        .or(l.company.as_ref().and_then(|c| c.name.clone()))
        .or(l.contact.email.clone())
        .or(l.contact.phone.clone())
        .unwrap_or_default()
}

/// The office's today and a fortnight from it (`YYYY-MM-DD`), the default validity.
fn fortnight(st: &AppState, l: &pronto_store::LeadRecord) -> String {
    let zone = uc::lead_zone(st, l);
    let today = st.clock.now().to_zoned(zone).date();
    today.checked_add(jiff::Span::new().days(14)).unwrap_or(today).to_string()
}

#[allow(clippy::too_many_arguments)]
fn render(
    st: &AppState,
    c: &Caller,
    t: Arc<Tr>,
    l: &pronto_store::LeadRecord,
    next_version: i64,
    from: Option<i64>,
    f: Typed,
    errors: HashMap<String, String>,
    task: Option<String>,
) -> Response {
    let mut lines = f.lines.clone();
    // The filled rows, then always [`EMPTY_ROWS`] empty ones.
    while lines.last().is_some_and(LineTyped::is_empty) {
        lines.pop();
    }
    // A refused row stays even when it is empty now (its message belongs to it).
    let last_err = errors.keys().filter_map(|k| k.rsplit_once('_').and_then(|(_, n)| n.parse::<usize>().ok())).max();
    if let Some(n) = last_err {
        while lines.len() <= n {
            lines.push(LineTyped::default());
        }
    }
    lines.extend(std::iter::repeat_n(LineTyped::default(), EMPTY_ROWS));
    let rows = lines.into_iter().enumerate().map(|(n, l)| Row { n, l }).collect();
    let name = who(l);
    let heading = t.with("offers-ed-title", &[("version", &next_version.to_string()), ("who", &name)]);
    let intro = if from.is_some() { t.t("offers-ed-intro-version") } else { t.t("offers-ed-intro") };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let mut r = page(EditorPage {
        admin: c.role == Role::Admin,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "lead",
        languages: LANGUAGES,
        lead_id: l.id,
        heading,
        from,
        intro,
        task_hint: task.map(|k| t.with("offers-ed-completes-task", &[("task", &k)])),
        f,
        rows,
        currencies: CURRENCIES,
        error_count: errors.len() as i64,
        errors,
        lead_lang: l.language.clone().unwrap_or_default(),
        w_vat_row: t.with("c-offer-vat-row", &[("rate", "{rate}"), ("base", "{base}"), ("vat", "{vat}")]),
        w_net: t.t("c-offer-net"),
        w_gross: t.t("c-offer-gross"),
        t,
    });
    if r.status() == StatusCode::OK {
        *r.status_mut() = status;
    }
    r
}

#[allow(clippy::result_large_err)]
fn lead_id(st: &AppState, c: &Caller, t: &Arc<Tr>, id: &str) -> Result<i64, super::error::UiError> {
    id.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| fail(st, c, t, "/inbox")(app::Error::not_found("lead")))
}

#[allow(clippy::result_large_err)]
async fn load_lead(st: &AppState, c: &Caller, t: &Arc<Tr>, id: i64) -> Result<pronto_store::LeadRecord, super::error::UiError> {
    st.store.lead(id).await.map_err(|e| fail(st, c, t, "/inbox")(app::or_not_found(e, "lead")))
}

/// The title of the lead's open task that a new version of the offer completes, if any.
async fn preparing_task(st: &AppState, l: &pronto_store::LeadRecord) -> Option<pronto_store::TaskRecord> {
    let filter = pronto_store::TaskFilter { lead: Some(l.id), status: Some("open".into()), limit: 50, ..Default::default() };
    st.store.tasks(&filter).await.ok()?.into_iter().find(|k| {
        super::offer_tasks::work(st, &l.playbook, l.playbook_version, &k.task) == Some(pronto_playbook::model::OfferWork::Prepare)
    })
}

/// A task's title in the reader's language.
fn task_title(st: &AppState, t: &Tr, l: &pronto_store::LeadRecord, k: &pronto_store::TaskRecord) -> String {
    super::words::Namer::new(st).task_title(t, &l.playbook, l.playbook_version, &k.task, &k.title)
}

/// The version a new offer on the lead gets.
async fn next_version(st: &AppState, c: &Caller, lead: i64) -> i64 {
    uc::list(st, c, lead).await.ok().and_then(|v| v.iter().map(|o| o.version).max()).unwrap_or(0) + 1
}

/// `GET /leads/{id}/offers/new[?from={offer}]`.
async fn new_page(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> PageResult {
    let id = lead_id(&st, &c, &t, &id)?;
    let back = format!("/leads/{id}");
    may_work(&st, &c, &t, &back)?;
    let l = load_lead(&st, &c, &t, id).await?;
    let valid = fortnight(&st, &l);
    let from = q.get("from").and_then(|v| v.parse::<i64>().ok());
    let f = match from {
        Some(o) => {
            let o = uc::get(&st, &c, o).await.map_err(fail(&st, &c, &t, &back))?;
            if o.lead_id != id {
                return Err(fail(&st, &c, &t, &back)(app::Error::not_found("offer")));
            }
            Typed::from_offer(&o, &valid)
        }
        None => Typed { valid_until: valid, currency: uc::default_currency(&st.region().code()).code().to_owned(), ..Default::default() },
    };
    let v = next_version(&st, &c, id).await;
    let task = preparing_task(&st, &l).await.map(|k| task_title(&st, &t, &l, &k));
    Ok(render(&st, &c, t, &l, v, from, f, HashMap::new(), task))
}

/// `POST /leads/{id}/offers/new`: the use case checks every field; refused → the form again with
/// the messages and what was typed; saved → the lead card saying what happens next.
async fn create(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path(id): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> PageResult {
    let id = lead_id(&st, &c, &t, &id)?;
    let back = format!("/leads/{id}");
    may_work(&st, &c, &t, &back)?;
    let l = load_lead(&st, &c, &t, id).await?;
    let f = Typed::read(&form);
    let from = form.get("from").and_then(|v| v.parse::<i64>().ok());
    let (draft, rows) = f.draft();
    // A task waiting for the offer to be prepared is done by this save (the playbook's
    // `offer = "prepare"`): the card says so.
    let preparing = preparing_task(&st, &l).await;
    match uc::create(&st, &c, id, &draft).await {
        Ok(o) if preparing.is_some() => Ok(Redirect::to(&format!("/leads/{id}?offer=saved&v={}&task=done#offers", o.version)).into_response()),
        Ok(o) => Ok(Redirect::to(&format!("/leads/{id}?offer=saved&v={}#offers", o.version)).into_response()),
        Err(app::Error::Invalid(fe)) => {
            let mut errors: HashMap<String, String> = HashMap::new();
            for e in &fe.0 {
                let (field, key) = field_of(&e.field, &e.message, &rows);
                errors.entry(field).or_insert_with(|| t.t(&key));
            }
            let v = next_version(&st, &c, id).await;
            let task = preparing.map(|k| task_title(&st, &t, &l, &k));
            Ok(render(&st, &c, t, &l, v, from, f, errors, task))
        }
        Err(e) => Err(fail(&st, &c, &t, &back)(e)),
    }
}

/// `POST /leads/{id}/offers/{offer}/send`: the customer gets the link to their page; the card
/// says how and what follows.
async fn send(State(st): State<AppState>, Signed(c, t): Signed, Path((id, offer)): Path<(String, String)>) -> PageResult {
    let id = lead_id(&st, &c, &t, &id)?;
    let back = format!("/leads/{id}");
    may_work(&st, &c, &t, &back)?;
    let offer = offer.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| fail(&st, &c, &t, &back)(app::Error::not_found("offer")))?;
    let o = uc::get(&st, &c, offer).await.map_err(fail(&st, &c, &t, &back))?;
    if o.lead_id != id {
        return Err(fail(&st, &c, &t, &back)(app::Error::not_found("offer")));
    }
    let l = load_lead(&st, &c, &t, id).await?;
    let via = if l.contact.email.is_some() {
        "email"
    } else if l.contact.phone.is_some() {
        "sms"
    } else {
        "none"
    };
    let o = uc::send(&st, &c, offer).await.map_err(fail(&st, &c, &t, &back))?;
    Ok(Redirect::to(&format!("/leads/{id}?offer=sent&v={}&via={via}#offers", o.version)).into_response())
}

/// One suggestion from the catalogue, in the reader's words.
#[derive(Serialize, Debug)]
pub struct Suggestion {
    sku: String,
    name: String,
    unit: String,
    /// As typed into the form (`1250.50`).
    price: String,
    currency: String,
    vat_rate: String,
    /// What the list shows: "KT-100 · Boiler · 32 900,00 CZK".
    label: String,
}

/// `GET /offers/products?q=…&lang=…`: the catalogue's active products matching (article number by
/// its start, names by any part, diacritics ignored), their names in `lang` (the lead's
/// language) or the reader's.
async fn products(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> Response {
    if c.require(Action::WorkDeal).is_err() {
        return (StatusCode::FORBIDDEN, Json(Vec::<Suggestion>::new())).into_response();
    }
    let text = q.get("q").map(|s| s.trim()).unwrap_or_default();
    if text.is_empty() {
        return Json(Vec::<Suggestion>::new()).into_response();
    }
    let lang = q.get("lang").map(String::as_str).filter(|l| LANGUAGES.iter().any(|(c, _)| c == l)).unwrap_or(t.lang);
    match catalogue_uc::list(&st, &c, Some(text), false).await {
        Ok(found) => {
            let out: Vec<Suggestion> = found
                .into_iter()
                .filter(|r| r.active)
                .take(SUGGESTIONS)
                .map(|r| {
                    let p = r.product;
                    let name = p.name_in(lang).to_owned();
                    let money = super::catalogue::money(&t, &p.price.to_string(), &p.currency);
                    Suggestion {
                        label: format!("{} · {} · {}", p.sku, name, money),
                        sku: p.sku,
                        name,
                        unit: p.unit,
                        price: p.price.to_string(),
                        currency: p.currency,
                        vat_rate: p.vat_rate.to_string(),
                    }
                })
                .collect();
            let mut r = Json(out).into_response();
            r.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
            r
        }
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn the_form_becomes_the_use_cases_draft_empty_rows_left_out() {
        let f = Typed::read(&form(&[
            ("name_0", "Website"),
            ("quantity_0", "1"),
            ("unit_price_0", "20 000,50"),
            ("vat_rate_0", "21 %"),
            ("availability_0", "in_stock"),
            ("available_on_0", "2031-01-01"),
            ("name_1", ""),
            ("sku_2", "KT-100"),
            ("quantity_2", "2"),
            ("availability_2", "on_order"),
            ("available_on_2", "2031-05-15"),
            ("valid_until", "2031-05-20"),
            ("currency", "czk"),
        ]));
        assert_eq!(f.lines.len(), 3);
        let (d, rows) = f.draft();
        assert_eq!(rows, vec![0, 2], "the empty row is left out");
        assert_eq!(d.items[0].unit_price.as_deref(), Some("20000.50"));
        assert_eq!(d.items[0].vat_rate.as_deref(), Some("21"));
        assert_eq!(d.items[0].available_on, None, "a date only for a line on order");
        assert_eq!((d.items[1].sku.as_deref(), d.items[1].available_on.as_deref()), (Some("KT-100"), Some("2031-05-15")));
        assert_eq!(d.currency.as_deref(), Some("CZK"));
    }

    #[test]
    fn every_error_lands_next_to_its_field_in_every_language() {
        let rows = [0, 2, 5];
        for (field, message, want) in [
            ("items[1].quantity", "must be greater than 0", "quantity_2"),
            ("items[2].sku", "no product", "sku_5"),
            ("items[0].unit_price", "the product's price is in EUR, the offer in CZK", "unit_price_0"),
            ("items[0].available_on", "", "available_on_0"),
            ("items", "give at least one line", "lines"),
            ("valid_until", "is in the past", "valid_until"),
            ("currency", "", "currency"),
            ("items[9].name", "", "form"),
            ("whatever", "", "form"),
        ] {
            assert_eq!(field_of(field, message, &rows).0, want, "{field}");
        }
        assert_eq!(field_of("items[0].unit_price", "the product's price is in EUR", &rows).1, "offers-ed-err-unit_price-currency");
        let mut keys: Vec<String> = LINE_FIELDS.iter().map(|f| format!("offers-ed-err-{f}")).collect();
        keys.extend(OFFER_FIELDS.iter().map(|f| format!("offers-ed-err-{f}")));
        keys.extend(["offers-ed-err-items", "offers-ed-err-form", "offers-ed-err-unit_price-currency"].map(String::from));
        for lang in ["en", "cs", "ru", "pl", "he"] {
            let t = Tr::new(lang);
            for k in &keys {
                assert_ne!(&t.t(k), k, "{lang}: {k}");
            }
        }
    }
}
