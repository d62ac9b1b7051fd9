//! The catalogue page (`/catalogue`): the products with a search (the article number by its
//! start, the names by any part, case and diacritics ignored; live as one types), for admins and
//! managers the form to add or change one (`/catalogue/new`, `/catalogue/{id}`: names per
//! language in their own fields, the price with its currency), a catalogue file's upload
//! (`/catalogue/import`: every bad row listed with its line, nothing saved until all are right)
//! and the file's download (`/catalogue/export.csv`). Everyone signed in reads it.

use super::error::PageResult;
use super::{LANGUAGES, Signed, fail, i18n::Tr, page};
use crate::AppState;
use crate::app::{self, catalogue as uc};
use crate::auth::Caller;
use askama::Template;
use axum::extract::{DefaultBodyLimit, Form, Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use pronto_domain::catalogue::{CURRENCIES, LANGUAGES as NAME_LANGUAGES, Problem, ProductDraft};
use pronto_store::catalogue::ProductRecord;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The largest catalogue file the page takes.
const FILE_MAX: usize = 5 * 1024 * 1024;

pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/catalogue", get(list_page))
        .route("/catalogue/new", get(new_page).post(create))
        .route("/catalogue/export.csv", get(export))
        .route("/catalogue/import", post(import).layer(DefaultBodyLimit::max(FILE_MAX + 64 * 1024)))
        .route("/catalogue/{id}", get(edit_page).post(update))
}

struct Row {
    id: i64,
    sku: String,
    name: String,
    unit: String,
    /// The price with its currency, in the reader's way of writing numbers.
    price: String,
    vat: String,
    supplier: String,
    active: bool,
}

/// One problem of a file, in the reader's words.
struct FileProblem {
    line: String,
    column: String,
    message: String,
}

#[derive(Template)]
#[template(path = "catalogue_list.html")]
struct ListPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    q: String,
    all: bool,
    rows: Vec<Row>,
    manage: bool,
    notice: Option<String>,
    file_problems: Vec<FileProblem>,
    file_error: Option<String>,
    limit_hit: bool,
}

impl ListPage {
    fn count(&self) -> i64 {
        self.rows.len() as i64
    }
}

struct NameInput {
    code: &'static str,
    language: &'static str,
    value: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "catalogue_edit.html")]
struct EditPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    id: Option<i64>,
    action: String,
    sku: String,
    names: Vec<NameInput>,
    unit: String,
    price: String,
    currency: String,
    currencies: &'static [&'static str],
    vat_rate: String,
    supplier: String,
    supplier_sku: String,
    active: bool,
    errors: BTreeMap<String, String>,
}

impl EditPage {
    fn has_error(&self, f: &str) -> bool {
        self.errors.contains_key(f)
    }
    fn error(&self, f: &str) -> &str {
        self.errors.get(f).map(String::as_str).unwrap_or_default()
    }
    fn error_count(&self) -> i64 {
        self.errors.len() as i64
    }
}

/// A decimal as the reader writes it (`1 234,50` in Czech, `1,234.50` in English): the
/// digits of the stored decimal string grouped by thousands, never through a float.
pub fn number(t: &Tr, decimal: &str) -> String {
    let (int, frac) = decimal.split_once('.').unwrap_or((decimal, ""));
    let (group, point) = match t.lang {
        "en" | "he" => (",", "."),
        _ => ("\u{a0}", ","),
    };
    let digits: Vec<char> = int.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(group);
        }
        out.push(*c);
    }
    if !frac.is_empty() {
        out.push_str(point);
        out.push_str(frac);
    }
    out
}

/// A price with its currency (`12 500,50 CZK`); at least two decimal places.
pub fn money(t: &Tr, decimal: &str, currency: &str) -> String {
    let padded = match decimal.split_once('.') {
        Some((i, f)) if f.len() < 2 => format!("{i}.{f:0<2}"),
        Some(_) => decimal.to_owned(),
        None => format!("{decimal}.00"),
    };
    format!("{}\u{a0}{currency}", number(t, &padded))
}

fn row(t: &Tr, r: ProductRecord) -> Row {
    let p = r.product;
    Row {
        id: r.id,
        name: p.name_in(t.lang).to_owned(),
        price: money(t, &p.price.to_string(), &p.currency),
        vat: format!("{}\u{a0}%", number(t, &p.vat_rate.to_string())),
        supplier: match (&p.supplier, &p.supplier_sku) {
            (Some(s), Some(k)) => format!("{s} · {k}"),
            (Some(s), None) => s.clone(),
            (None, Some(k)) => k.clone(),
            (None, None) => String::new(),
        },
        sku: p.sku,
        unit: p.unit,
        active: r.active,
    }
}

/// A column's name in the reader's words (an unknown one as it is in the file).
fn column(t: &Tr, field: &str) -> String {
    let key = format!("catalogue-col-{field}");
    let w = t.t(&key);
    if w == key { field.to_owned() } else { w }
}

/// A problem in the reader's words.
fn message(t: &Tr, p: &Problem) -> String {
    let max = match p.field.as_str() {
        "sku" | "supplier_sku" => "64",
        "unit" => "20",
        _ => "200",
    };
    let places = if p.field == "vat_rate" { "2" } else { "4" };
    let key = format!("catalogue-err-{}", p.code);
    let w = t.with(&key, &[("max", max), ("places", places), ("currencies", &CURRENCIES.join(", "))]);
    if w == key { p.message.clone() } else { w }
}

fn default_currency(st: &AppState) -> &'static str {
    match st.region().code().as_str() {
        "CZ" => "CZK",
        "PL" => "PLN",
        "IL" => "ILS",
        "RU" => "RUB",
        "GB" => "GBP",
        "US" => "USD",
        _ => "EUR",
    }
}

fn query_all(q: &HashMap<String, String>) -> bool {
    q.get("all").is_some_and(|v| v == "1")
}

#[allow(clippy::too_many_arguments)]
async fn list_render(
    st: &AppState,
    c: &Caller,
    t: Arc<Tr>,
    q: String,
    all: bool,
    notice: Option<String>,
    file_problems: Vec<FileProblem>,
    file_error: Option<String>,
) -> PageResult {
    let items = uc::list(st, c, Some(&q), all).await.map_err(fail(st, c, &t, "/inbox"))?;
    let limit_hit = items.len() as i64 >= uc::LIST_LIMIT;
    let rows = items.into_iter().map(|r| row(&t, r)).collect();
    Ok(page(ListPage {
        admin: c.role == pronto_domain::user::Role::Admin,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "catalogue",
        languages: LANGUAGES,
        q,
        all,
        rows,
        manage: uc::may_manage(c),
        notice,
        file_problems,
        file_error,
        limit_hit,
        t,
    }))
}

async fn list_page(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> PageResult {
    let notice = match (q.get("saved"), q.get("created"), q.get("updated")) {
        (Some(sku), _, _) => Some(t.s("catalogue-saved", sku)),
        (None, Some(n), Some(u)) => Some(t.with("catalogue-imported", &[("created", n), ("updated", u)])),
        _ => None,
    };
    let text = q.get("q").cloned().unwrap_or_default();
    list_render(&st, &c, t, text, query_all(&q), notice, vec![], None).await
}

#[allow(clippy::too_many_arguments)]
fn edit_render(
    st: &AppState,
    c: &Caller,
    t: Arc<Tr>,
    id: Option<i64>,
    d: &ProductDraft,
    active: bool,
    errors: BTreeMap<String, String>,
) -> EditPage {
    // The reader's language first, then the others in the catalogue's order.
    let mut order: Vec<&'static str> = NAME_LANGUAGES.to_vec();
    order.sort_by_key(|l| *l != t.lang);
    let names = order
        .into_iter()
        .map(|code| NameInput {
            code,
            language: LANGUAGES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n).unwrap_or(code),
            value: d.names.iter().find(|(l, _)| l == code).map(|(_, n)| n.clone()).unwrap_or_default(),
            error: errors.get(&format!("name_{code}")).cloned(),
        })
        .collect();
    EditPage {
        admin: c.role == pronto_domain::user::Role::Admin,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "catalogue",
        languages: LANGUAGES,
        id,
        action: id.map(|i| format!("/catalogue/{i}")).unwrap_or_else(|| "/catalogue/new".into()),
        sku: d.sku.clone(),
        names,
        unit: d.unit.clone(),
        price: d.price.clone(),
        currency: if d.currency.is_empty() { default_currency(st).to_owned() } else { d.currency.clone() },
        currencies: CURRENCIES,
        vat_rate: d.vat_rate.clone(),
        supplier: d.supplier.clone(),
        supplier_sku: d.supplier_sku.clone(),
        active,
        errors,
        t,
    }
}

fn may_manage(st: &AppState, c: &Caller, t: &Arc<Tr>) -> Result<(), super::error::UiError> {
    c.require(pronto_domain::user::Action::ManageCatalogue).map_err(fail(st, c, t, "/catalogue"))
}

async fn new_page(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    may_manage(&st, &c, &t)?;
    let d = ProductDraft { vat_rate: String::new(), ..Default::default() };
    Ok(page(edit_render(&st, &c, t, None, &d, true, BTreeMap::new())))
}

async fn edit_page(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<String>) -> PageResult {
    may_manage(&st, &c, &t)?;
    let id = id.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| fail(&st, &c, &t, "/catalogue")(app::Error::not_found("product")))?;
    let r = uc::get(&st, &c, id).await.map_err(fail(&st, &c, &t, "/catalogue"))?;
    let d = ProductDraft::from(&r.product);
    Ok(page(edit_render(&st, &c, t, Some(id), &d, r.active, BTreeMap::new())))
}

/// The form as sent (what was typed is kept when it is refused).
fn draft_of(f: &HashMap<String, String>) -> ProductDraft {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    ProductDraft {
        sku: get("sku"),
        names: NAME_LANGUAGES.iter().map(|l| ((*l).to_owned(), get(&format!("name_{l}")))).filter(|(_, n)| !n.trim().is_empty()).collect(),
        unit: get("unit"),
        price: get("price"),
        currency: get("currency"),
        vat_rate: get("vat_rate"),
        supplier: get("supplier"),
        supplier_sku: get("supplier_sku"),
    }
}

async fn save(st: AppState, c: Caller, t: Arc<Tr>, id: Option<i64>, f: HashMap<String, String>) -> PageResult {
    may_manage(&st, &c, &t)?;
    let d = draft_of(&f);
    let active = f.contains_key("active") || id.is_none();
    let refuse = |errors: BTreeMap<String, String>| {
        let mut r = page(edit_render(&st, &c, t.clone(), id, &d, active, errors));
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        r
    };
    // The problems in the reader's words, every field at once.
    if let Err(problems) = d.parse() {
        return Ok(refuse(problems.iter().map(|p| (p.field.clone(), message(&t, p))).collect()));
    }
    let result = match id {
        None => uc::create(&st, &c, &d, true).await,
        Some(id) => uc::update(&st, &c, id, &d, Some(active)).await,
    };
    match result {
        Ok(r) => {
            let to = format!("/catalogue?saved={}", url(&r.product.sku));
            Ok(Redirect::to(&to).into_response())
        }
        Err(app::Error::Conflict(_)) => Ok(refuse(BTreeMap::from([("sku".to_owned(), t.t("catalogue-err-sku_taken"))]))),
        Err(e) => Err(fail(&st, &c, &t, "/catalogue")(e)),
    }
}

fn url(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).unwrap_or_default().trim_start_matches('=').to_owned()
}

async fn create(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<HashMap<String, String>>) -> PageResult {
    save(st, c, t, None, f).await
}

async fn update(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> PageResult {
    let id = id.parse::<i64>().ok().filter(|i| *i > 0);
    match id {
        Some(id) => save(st, c, t, Some(id), f).await,
        None => Err(fail(&st, &c, &t, "/catalogue")(app::Error::not_found("product"))),
    }
}

async fn file_of(mut m: Multipart) -> Option<Vec<u8>> {
    while let Ok(Some(field)) = m.next_field().await {
        if field.name() == Some("file") {
            return field.bytes().await.ok().map(|b| b.to_vec());
        }
    }
    None
}

async fn import(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    m: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> PageResult {
    may_manage(&st, &c, &t)?;
    let bytes = match m {
        Ok(m) => file_of(m).await.unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    if bytes.is_empty() {
        let why = t.t("catalogue-file-none");
        return refuse_file(&st, &c, t, vec![], why).await;
    }
    match uc::check_file(&c, &bytes).map_err(fail(&st, &c, &t, "/catalogue"))? {
        Err(problems) => {
            let list = problems
                .iter()
                .map(|p| FileProblem {
                    line: p.line.map(|l| l.to_string()).unwrap_or_default(),
                    column: column(&t, &p.field),
                    message: message(&t, p),
                })
                .collect();
            let why = t.n("catalogue-file-problems", problems.len() as i64);
            refuse_file(&st, &c, t, list, why).await
        }
        Ok(products) if products.is_empty() => {
            let why = t.t("catalogue-file-empty");
            refuse_file(&st, &c, t, vec![], why).await
        }
        Ok(_) => match uc::import(&st, &c, &bytes).await {
            Ok(o) => Ok(Redirect::to(&format!("/catalogue?created={}&updated={}", o.created, o.updated)).into_response()),
            Err(e) => Err(fail(&st, &c, &t, "/catalogue")(e)),
        },
    }
}

/// The list again with the file's problems above it (`422`): nothing was saved.
async fn refuse_file(st: &AppState, c: &Caller, t: Arc<Tr>, problems: Vec<FileProblem>, why: String) -> PageResult {
    let mut r = list_render(st, c, t, String::new(), false, None, problems, Some(why)).await?;
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}

async fn export(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    let bytes = uc::export(&st, &c).await.map_err(fail(&st, &c, &t, "/catalogue"))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"catalogue.csv\""),
            (header::CACHE_CONTROL, "no-store"),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_are_written_as_the_reader_writes_them() {
        let cases = [
            ("en", "12500.5", "CZK", "12,500.50\u{a0}CZK"),
            ("cs", "12500.5", "CZK", "12\u{a0}500,50\u{a0}CZK"),
            ("pl", "1234567.1234", "PLN", "1\u{a0}234\u{a0}567,1234\u{a0}PLN"),
            ("he", "99", "ILS", "99.00\u{a0}ILS"),
            ("ru", "0", "RUB", "0,00\u{a0}RUB"),
            ("en", "100", "EUR", "100.00\u{a0}EUR"),
        ];
        for (lang, d, cur, want) in cases {
            assert_eq!(money(&Tr::new(lang), d, cur), want, "{lang} {d}");
        }
    }

    #[test]
    fn every_problem_code_has_words() {
        let codes = [
            "required",
            "too_long",
            "one_line",
            "language",
            "language_twice",
            "name_required",
            "not_a_number",
            "negative",
            "scale",
            "too_large",
            "currency",
            "currency_unknown",
            "vat_range",
            "encoding",
            "empty",
            "csv",
            "column_unknown",
            "column_twice",
            "column_missing",
            "sku_twice",
            "columns",
            "too_many",
            "sku_taken",
        ];
        for lang in ["en", "cs", "ru", "pl", "he"] {
            let t = Tr::new(lang);
            for code in codes {
                let key = format!("catalogue-err-{code}");
                assert_ne!(t.t(&key), key, "{lang}: {key}");
            }
        }
    }
}
