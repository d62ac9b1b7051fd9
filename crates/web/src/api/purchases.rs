//! The supplier's purchase (issue 21, item 4): `/api/v1/leads/{id}/purchases`,
//! `/api/v1/purchases…`. Thin adapters over `app::purchases`.

use super::path_id;
use crate::AppState;
use crate::app;
use crate::app::purchases::{Attachment, FILE_MAX, LineIn};
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use crate::extract::json_body;
use axum::Json;
use axum::body::Body;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use pronto_store::purchases::PurchaseRecord;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(request_purchase, list_purchases))
        .routes(routes!(management_list))
        .routes(routes!(get_purchase))
        .routes(routes!(override_purchase))
        .routes(routes!(supplier_paid))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(attach_supplier_invoice, supplier_invoice_file))
                .layer(DefaultBodyLimit::max(FILE_MAX + 64 * 1024)),
        )
}

/// Request the supplier's invoice for the lead's accepted offer.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct PurchaseIn {
    /// The lead's offer the customer accepted.
    #[schema(value_type = i64, required = true)]
    pub offer_id: Option<i64>,
    /// Buy every line from this supplier (otherwise one purchase per supplier the catalogue
    /// names for the offer's lines).
    #[schema(max_length = 120)]
    pub supplier: Option<String>,
    /// The lines to buy instead of the offer's (needs `supplier`).
    pub lines: Option<Vec<LineIn>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PurchaseLineOut {
    pub position: i64,
    pub sku: Option<String>,
    /// The supplier's own article number.
    pub supplier_sku: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub quantity: String,
}

/// The supplier's invoice attached to the purchase.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupplierInvoiceOut {
    pub number: String,
    /// A decimal string in `currency`.
    pub amount: String,
    pub currency: String,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub received_at: String,
    /// `GET` it for the file (the lead's owner, managers and admins; each opening audited).
    pub url: String,
}

/// A manager's decision to issue the customer's invoice without the supplier's.
#[derive(Debug, Serialize, ToSchema)]
pub struct OverrideOut {
    pub by: i64,
    pub reason: String,
    pub at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PurchaseOut {
    pub id: i64,
    pub lead_id: i64,
    pub offer_id: Option<i64>,
    pub supplier: String,
    /// `requested`, `invoice_received`, `paid`.
    pub status: String,
    /// The customer's invoice waits for this purchase (no supplier's invoice, no override).
    pub blocks_invoice: bool,
    pub supplier_invoice: Option<SupplierInvoiceOut>,
    #[serde(rename = "override")]
    pub override_: Option<OverrideOut>,
    pub requested_at: String,
    pub paid_at: Option<String>,
    pub lines: Vec<PurchaseLineOut>,
}

impl From<PurchaseRecord> for PurchaseOut {
    fn from(p: PurchaseRecord) -> Self {
        let blocks_invoice = p.blocks_invoice();
        PurchaseOut {
            supplier_invoice: p.invoice.map(|i| SupplierInvoiceOut {
                number: i.number,
                amount: i.amount,
                currency: i.currency,
                filename: i.filename,
                content_type: i.content_type,
                size: i.size,
                received_at: i.received_at.to_string(),
                url: format!("/api/v1/purchases/{}/supplier-invoice", p.id),
            }),
            override_: p.override_.map(|o| OverrideOut { by: o.by, reason: o.reason, at: o.at.to_string() }),
            id: p.id,
            lead_id: p.lead_id,
            offer_id: p.offer_id,
            supplier: p.supplier,
            status: p.status,
            blocks_invoice,
            requested_at: p.requested_at.to_string(),
            paid_at: p.paid_at.map(|t| t.to_string()),
            lines: p
                .lines
                .into_iter()
                .map(|l| PurchaseLineOut {
                    position: l.position,
                    sku: l.sku,
                    supplier_sku: l.supplier_sku,
                    name: l.name,
                    unit: l.unit,
                    quantity: l.quantity,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PurchaseList {
    pub items: Vec<PurchaseOut>,
}

/// Request the supplier's invoice for the lead's accepted offer: one purchase per supplier the
/// catalogue names for the offer's lines (with the supplier's article numbers), or one from
/// `supplier`. Until the supplier's invoice is attached (or a manager overrides), the
/// customer's invoice is refused (`409` naming `supplier_invoice`). A line nobody supplies is
/// `422` naming `supplier`; an offer not accepted, or a supplier asked already, `409`.
#[utoipa::path(post, path = "/api/v1/leads/{id}/purchases", tag = "purchases", request_body = PurchaseIn,
    params(("id" = i64, Path)),
    responses((status = 201, description = "Requested", body = PurchaseList),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn request_purchase(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "lead")?;
    caller.require(pronto_domain::user::Action::WorkDeal)?;
    let (input, _): (PurchaseIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let items = app::purchases::request(&st, &caller, id, input.offer_id, input.supplier.as_deref(), input.lines.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(PurchaseList { items: items.into_iter().map(Into::into).collect() })).into_response())
}

/// The lead's purchases from suppliers, oldest first.
#[utoipa::path(get, path = "/api/v1/leads/{id}/purchases", tag = "purchases", params(("id" = i64, Path)),
    responses((status = 200, body = PurchaseList), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_purchases(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<PurchaseList>> {
    let id = path_id(&id, "lead")?;
    let items = app::purchases::list(&st, &caller, id).await?;
    Ok(Json(PurchaseList { items: items.into_iter().map(Into::into).collect() }))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct StatusQuery {
    /// `requested`, `invoice_received` (the supplier invoices to pay) or `paid`; blank: all.
    pub status: Option<String>,
}

/// Management's list of purchases (managers, admins), newest first: `?status=invoice_received`
/// are the supplier invoices to pay.
#[utoipa::path(get, path = "/api/v1/purchases", tag = "purchases", params(StatusQuery),
    responses((status = 200, body = PurchaseList), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn management_list(State(st): State<AppState>, caller: Caller, crate::error::ProblemQuery(q): crate::error::ProblemQuery<StatusQuery>) -> ApiResult<Json<PurchaseList>> {
    let items = app::purchases::management(&st, &caller, q.status.as_deref()).await?;
    Ok(Json(PurchaseList { items: items.into_iter().map(Into::into).collect() }))
}

/// Get a purchase.
#[utoipa::path(get, path = "/api/v1/purchases/{id}", tag = "purchases", params(("id" = i64, Path)),
    responses((status = 200, body = PurchaseOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_purchase(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<PurchaseOut>> {
    let id = path_id(&id, "purchase")?;
    Ok(Json(app::purchases::get(&st, &caller, id).await?.into()))
}

/// The supplier's invoice as sent (`multipart/form-data`).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct SupplierInvoiceForm {
    /// The supplier's invoice: PDF, image or office document (at most 10 MB).
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// The supplier's invoice number.
    number: String,
    /// Its amount, a decimal string (`"900.00"`).
    amount: String,
    /// ISO 4217.
    currency: String,
}

/// Attach the supplier's invoice: the file (stored sealed, never in plain text), its number,
/// amount and currency. Asking for it is done, and the customer's invoice may be issued once
/// every supplier's invoice is there. An invoice attached before is replaced until the
/// supplier is paid (then `409`).
#[utoipa::path(post, path = "/api/v1/purchases/{id}/supplier-invoice", tag = "purchases", params(("id" = i64, Path)),
    request_body(content = SupplierInvoiceForm, content_type = "multipart/form-data"),
    responses((status = 200, body = PurchaseOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn attach_supplier_invoice(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<Json<PurchaseOut>> {
    let id = path_id(&id, "purchase")?;
    caller.require(pronto_domain::user::Action::WorkDeal)?;
    let Ok(mp) = multipart else {
        return Err(crate::error::ApiError::UnsupportedMediaType(
            "expected multipart/form-data with file, number, amount and currency".into(),
        ));
    };
    let a = read_form(mp).await;
    if a.too_large {
        return Err(crate::error::ApiError::TooLarge(FILE_MAX));
    }
    Ok(Json(app::purchases::attach(&st, &caller, id, a).await?.into()))
}

/// Reads the form's fields; a file over the limit stops the reading.
pub async fn read_form(mut mp: Multipart) -> Attachment {
    let mut a = Attachment { number: String::new(), amount: String::new(), currency: String::new(), file: None, too_large: false };
    loop {
        match mp.next_field().await {
            Ok(Some(mut field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                if name == "file" {
                    let filename = field.file_name().unwrap_or("supplier-invoice").to_owned();
                    let mut data = Vec::new();
                    loop {
                        match field.chunk().await {
                            Ok(Some(c)) if data.len() + c.len() > FILE_MAX => {
                                a.too_large = true;
                                return a;
                            }
                            Ok(Some(c)) => data.extend_from_slice(&c),
                            Ok(None) => break,
                            Err(_) => {
                                a.too_large = true;
                                return a;
                            }
                        }
                    }
                    a.file = Some((filename, data));
                    continue;
                }
                let text: String = field.text().await.unwrap_or_default().chars().take(1000).collect();
                match name.as_str() {
                    "number" => a.number = text,
                    "amount" => a.amount = text,
                    "currency" => a.currency = text,
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(_) => {
                a.too_large = true;
                break;
            }
        }
    }
    a
}

/// Download the supplier's invoice: opened, always as an attachment. The lead's owner, managers
/// and admins only; every download is in the audit log.
#[utoipa::path(get, path = "/api/v1/purchases/{id}/supplier-invoice", tag = "purchases", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 401, body = Problem),
        (status = 403, description = "Only the lead's owner, managers and admins open a supplier's invoice", body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn supplier_invoice_file(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Response> {
    let id = path_id(&id, "purchase")?;
    let (p, bytes) = app::purchases::file(&st, &caller, id).await?;
    let i = p.invoice.expect("a file has its invoice");
    Ok(super::mail::download(&i.filename, &i.content_type, bytes))
}

/// Why the customer's invoice may go without the supplier's.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct OverrideIn {
    #[schema(max_length = 500, required = true)]
    pub reason: Option<String>,
}

/// A manager lets the customer's invoice be issued without this supplier's invoice (managers,
/// admins): the reason is required; the override is recorded on the purchase, on the lead's
/// timeline and in the audit log.
#[utoipa::path(post, path = "/api/v1/purchases/{id}/override", tag = "purchases", request_body = OverrideIn, params(("id" = i64, Path)),
    responses((status = 200, body = PurchaseOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn override_purchase(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<PurchaseOut>> {
    let id = path_id(&id, "purchase")?;
    caller.require(pronto_domain::user::Action::ManagePurchases)?;
    let (input, _): (OverrideIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    Ok(Json(app::purchases::override_(&st, &caller, id, input.reason.as_deref()).await?.into()))
}

/// Management paid the supplier's invoice (managers, admins); the supplier's invoice must be
/// attached (`409` otherwise).
#[utoipa::path(post, path = "/api/v1/purchases/{id}/paid", tag = "purchases", params(("id" = i64, Path)),
    responses((status = 200, body = PurchaseOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn supplier_paid(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<PurchaseOut>> {
    let id = path_id(&id, "purchase")?;
    Ok(Json(app::purchases::paid(&st, &caller, id).await?.into()))
}
