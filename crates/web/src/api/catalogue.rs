//! `/api/v1/products`: the catalogue of products and services. Everyone signed in reads and
//! searches it; admins and managers add and change products and import a catalogue file
//! (`text/csv`, the columns of `pronto_domain::catalogue::COLUMNS`, `;` or `,`, UTF-8 with or
//! without a BOM; a file with any bad row is refused whole, each problem named `line N: column`).
//! Prices and VAT rates travel as decimal strings, never numbers.

use super::path_id;
use crate::AppState;
use crate::app::catalogue as uc;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{json_body, media_type, read_body};
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pronto_domain::catalogue::ProductDraft;
use pronto_store::catalogue::ProductRecord;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_product, list_products))
        .routes(routes!(get_product, put_product))
        .routes(routes!(import_products))
        .routes(routes!(export_products))
}

/// A product as sent. `name` is the name in the request's language (`Content-Language`, else
/// the company's language); an object of names per language (`{"cs": "…", "en": "…"}`) is
/// taken too, in `name` or in `names`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ProductIn {
    /// The article number: unique, 1–64 characters on one line (spaces around are dropped).
    #[schema(value_type = String, required = true, min_length = 1, max_length = 64, format = "sku")]
    pub sku: Option<String>,
    /// The name in the request's language, at most 200 characters on one line.
    #[schema(value_type = String, required = true, min_length = 1, max_length = 200, format = "product-name")]
    pub name: Option<serde_json::Value>,
    /// Names per language (`en`, `cs`, `ru`, `pl`, `he`), each at most 200 characters.
    #[schema(value_type = Option<ProductNames>)]
    pub names: Option<BTreeMap<String, Option<String>>>,
    /// The unit (`pcs`, `h`, `m²`), 1–20 characters.
    #[schema(value_type = String, required = true, min_length = 1, max_length = 20, format = "unit")]
    pub unit: Option<String>,
    /// A decimal string ≥ 0 with at most 4 decimal places (`"1234.50"`).
    #[schema(value_type = String, required = true, format = "money")]
    pub price: Option<String>,
    /// ISO 4217.
    #[schema(value_type = String, required = true, format = "currency")]
    pub currency: Option<String>,
    /// A percentage from 0 to 100 as a decimal string (`"21"`), at most 2 decimal places.
    #[schema(value_type = String, required = true, format = "vat-rate")]
    pub vat_rate: Option<String>,
    /// The supplier's name, at most 200 characters on one line.
    #[schema(value_type = Option<String>, max_length = 200, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$")]
    pub supplier: Option<String>,
    /// The supplier's article number, at most 64 characters on one line.
    #[schema(value_type = Option<String>, max_length = 64, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$")]
    pub supplier_sku: Option<String>,
    /// Offered (default: yes).
    pub active: Option<bool>,
}

/// A product's names per language.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct ProductNames {
    #[schema(max_length = 200, format = "product-name")]
    en: Option<String>,
    #[schema(max_length = 200, format = "product-name")]
    cs: Option<String>,
    #[schema(max_length = 200, format = "product-name")]
    ru: Option<String>,
    #[schema(max_length = 200, format = "product-name")]
    pl: Option<String>,
    #[schema(max_length = 200, format = "product-name")]
    he: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProductOut {
    pub id: i64,
    pub sku: String,
    /// The name in the reader's language (`Accept-Language`), else the first given.
    pub name: String,
    /// Every name given, by language.
    #[schema(value_type = ProductNames)]
    pub names: BTreeMap<String, String>,
    pub unit: String,
    /// A decimal string.
    pub price: String,
    pub currency: String,
    /// A percentage as a decimal string.
    pub vat_rate: String,
    pub supplier: Option<String>,
    pub supplier_sku: Option<String>,
    pub active: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProductList {
    pub items: Vec<ProductOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportOut {
    /// Products added.
    pub created: i64,
    /// Products changed (found by their article number).
    pub updated: i64,
}

/// The first language of a header (`Content-Language`, `Accept-Language`) that Pronto speaks.
fn header_language(headers: &HeaderMap, name: header::HeaderName) -> Option<&'static str> {
    let v = headers.get(name)?.to_str().ok()?;
    v.split(',').find_map(|tag| pronto_playbook::messages::language(tag.split(';').next().unwrap_or_default().trim()))
}

fn out(r: ProductRecord, lang: &str) -> ProductOut {
    let p = r.product;
    ProductOut {
        id: r.id,
        name: p.name_in(lang).to_owned(),
        names: p.names.iter().cloned().collect(),
        sku: p.sku,
        unit: p.unit,
        price: p.price.to_string(),
        currency: p.currency,
        vat_rate: p.vat_rate.to_string(),
        supplier: p.supplier,
        supplier_sku: p.supplier_sku,
        active: r.active,
        created_at: r.created_at.to_string(),
        updated_at: r.updated_at.to_string(),
    }
}

/// The reader's language for `name` in answers.
fn reader_language(st: &AppState, headers: &HeaderMap) -> String {
    header_language(headers, header::ACCEPT_LANGUAGE)
        .map(str::to_owned)
        .unwrap_or_else(|| st.store.playbooks().messages().default_language.to_owned())
}

/// The draft of a body: `name` (a string in the request's language, or an object) and `names`.
fn draft(st: &AppState, headers: &HeaderMap, input: ProductIn) -> ApiResult<ProductDraft> {
    let lang = header_language(headers, header::CONTENT_LANGUAGE)
        .map(str::to_owned)
        .unwrap_or_else(|| st.store.playbooks().messages().default_language.to_owned());
    let mut names: Vec<(String, String)> = Vec::new();
    match input.name {
        None | Some(serde_json::Value::Null) => {}
        Some(serde_json::Value::String(s)) => names.push((lang, s)),
        Some(serde_json::Value::Object(m)) => {
            for (l, v) in m {
                match v {
                    serde_json::Value::String(s) => names.push((l, s)),
                    _ => return Err(ApiError::invalid(&format!("name.{l}"), "must be a string")),
                }
            }
        }
        Some(_) => {
            return Err(ApiError::invalid(
                "name",
                "must be a string (the name in the request's language) or an object of names per language",
            ));
        }
    }
    for (l, n) in input.names.unwrap_or_default().into_iter().filter_map(|(l, n)| n.map(|n| (l, n))) {
        if let Some(i) = names.iter().position(|(x, _)| *x == l) {
            names[i].1 = n;
        } else {
            names.push((l, n));
        }
    }
    Ok(ProductDraft {
        sku: input.sku.unwrap_or_default(),
        names,
        unit: input.unit.unwrap_or_default(),
        price: input.price.unwrap_or_default(),
        currency: input.currency.unwrap_or_default(),
        vat_rate: input.vat_rate.unwrap_or_default(),
        supplier: input.supplier.unwrap_or_default(),
        supplier_sku: input.supplier_sku.unwrap_or_default(),
    })
}

/// Add a product (admin, manager). A taken article number is `409`.
#[utoipa::path(post, path = "/api/v1/products", tag = "catalogue", request_body = ProductIn,
    responses((status = 201, body = ProductOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create_product(
    State(st): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<(StatusCode, Json<ProductOut>)> {
    caller.require(pronto_domain::user::Action::ManageCatalogue)?;
    let (input, _): (ProductIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let active = input.active.unwrap_or(true);
    let d = draft(&st, &headers, input)?;
    let r = uc::create(&st, &caller, &d, active).await?;
    Ok((StatusCode::CREATED, Json(out(r, &reader_language(&st, &headers)))))
}

/// The catalogue: with `q`, the products whose article number starts with it or whose names
/// hold every word of it (case and diacritics ignored); by article number, at most 500.
#[utoipa::path(get, path = "/api/v1/products", tag = "catalogue",
    params(("q" = Option<String>, Query, description = "Words to search for"),
           ("all" = Option<bool>, Query, description = "Inactive products too")),
    responses((status = 200, body = ProductList), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_products(
    State(st): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult<Json<ProductList>> {
    let all = match q.get("all").map(|s| s.trim()) {
        None | Some("") | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(ApiError::invalid("all", "must be true or false")),
    };
    let items = uc::list(&st, &caller, q.get("q").map(String::as_str), all).await?;
    let lang = reader_language(&st, &headers);
    Ok(Json(ProductList { items: items.into_iter().map(|r| out(r, &lang)).collect() }))
}

/// One product.
#[utoipa::path(get, path = "/api/v1/products/{id}", tag = "catalogue", params(("id" = i64, Path, minimum = 1)),
    responses((status = 200, body = ProductOut), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_product(
    State(st): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Json<ProductOut>> {
    let id = path_id(&id, "product")?;
    let r = uc::get(&st, &caller, id).await?;
    Ok(Json(out(r, &reader_language(&st, &headers))))
}

/// Change a product (admin, manager): the whole product as in `POST`, and `active`.
#[utoipa::path(put, path = "/api/v1/products/{id}", tag = "catalogue", params(("id" = i64, Path, minimum = 1)), request_body = ProductIn,
    responses((status = 200, body = ProductOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn put_product(
    State(st): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Json<ProductOut>> {
    caller.require(pronto_domain::user::Action::ManageCatalogue)?;
    let id = path_id(&id, "product")?;
    let (input, _): (ProductIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let active = input.active;
    let d = draft(&st, &headers, input)?;
    let r = uc::update(&st, &caller, id, &d, active).await?;
    Ok(Json(out(r, &reader_language(&st, &headers))))
}

/// Import a catalogue file (admin, manager): `text/csv` with a header row naming the columns
/// `sku;name_en;name_cs;name_ru;name_pl;name_he;unit;price;currency;vat_rate;supplier;supplier_sku`
/// (`;` or `,`; `sku`, a name and the required values per row). Each product is added, or
/// changed when its article number exists. A file with any bad row changes nothing: `422`
/// naming each problem as `line N: column`.
#[utoipa::path(post, path = "/api/v1/products/import", tag = "catalogue",
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn import_products(State(st): State<AppState>, caller: Caller, headers: HeaderMap, body: Body) -> ApiResult<Json<ImportOut>> {
    caller.require(pronto_domain::user::Action::ManageCatalogue)?;
    match media_type(&headers) {
        Some(m) if m == "text/csv" || m == "application/csv" => {}
        Some(m) => return Err(ApiError::UnsupportedMediaType(format!("expected text/csv, got {m}"))),
        None => return Err(ApiError::UnsupportedMediaType("expected Content-Type: text/csv".into())),
    }
    let bytes = read_body(body, st.config.body_limit).await?;
    let o = uc::import(&st, &caller, &bytes).await?;
    Ok(Json(ImportOut { created: o.created, updated: o.updated }))
}

/// The whole catalogue as a file (`text/csv`, UTF-8 with a BOM, `,`), every product active or
/// not; importing it again changes nothing.
#[utoipa::path(get, path = "/api/v1/products/export", tag = "catalogue",
    responses((status = 200, description = "The catalogue file", content((String = "text/csv"))), (status = 401, body = Problem)),
    security(("bearer" = [])))]
pub async fn export_products(State(st): State<AppState>, caller: Caller) -> ApiResult<Response> {
    let bytes = uc::export(&st, &caller).await?;
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CONTENT_DISPOSITION, "attachment; filename=\"catalogue.csv\"")],
        bytes,
    )
        .into_response())
}
