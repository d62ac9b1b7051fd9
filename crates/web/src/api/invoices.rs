//! `/api/v1/leads/{id}/invoices`, `/api/v1/invoices/{id}` and its PDFs (issue 21, invoices).
//! Thin adapters over `app::invoices` and `app::invoice_pdf`.

use super::offers::pdf_response;
use super::path_id;
use crate::AppState;
use crate::app;
use crate::app::invoice_pdf::Kind;
use crate::auth::Caller;
use crate::dto::*;
use crate::error::{ApiResult, Problem};
use crate::extract::json_body;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(issue_invoice, list_invoices))
        .routes(routes!(get_invoice))
        .routes(routes!(invoice_pdf))
        .routes(routes!(contract_pdf))
        .routes(routes!(get_invoicing, put_invoicing))
}

/// Issue the invoice for the lead's accepted offer: numbered from the series (per year, no
/// gaps), due after the company's payment terms, the customer from the requisites (`422`
/// naming `requisites` without them); one message tells the customer, with the link to their
/// page where the documents are. `documents` holds the invoice, and the contract only for a
/// legal entity. An offer not accepted, or already invoiced, is `409`.
#[utoipa::path(post, path = "/api/v1/leads/{id}/invoices", tag = "invoices", request_body = InvoiceIn,
    params(("id" = i64, Path)),
    responses((status = 201, description = "Issued", body = InvoiceOut),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn issue_invoice(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "lead")?;
    let (input, _): (InvoiceIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let i = app::invoices::issue(&st, &caller, id, input.offer_id).await?;
    let purchases = st.store.lead_purchases(i.lead_id).await?;
    Ok((StatusCode::CREATED, Json(InvoiceOut::at(i, st.clock.now()).with_suppliers(&purchases))).into_response())
}

/// The invoices of a lead, oldest first.
#[utoipa::path(get, path = "/api/v1/leads/{id}/invoices", tag = "invoices",
    params(("id" = i64, Path)),
    responses((status = 200, body = InvoiceList), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_invoices(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<InvoiceList>> {
    let id = path_id(&id, "lead")?;
    let now = st.clock.now();
    let items = app::invoices::list(&st, &caller, id).await?;
    let purchases = if items.is_empty() { vec![] } else { st.store.lead_purchases(id).await? };
    Ok(Json(InvoiceList { items: items.into_iter().map(|i| InvoiceOut::at(i, now).with_suppliers(&purchases)).collect() }))
}

/// Get an invoice.
#[utoipa::path(get, path = "/api/v1/invoices/{id}", tag = "invoices",
    params(("id" = i64, Path)),
    responses((status = 200, body = InvoiceOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_invoice(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<InvoiceOut>> {
    let id = path_id(&id, "invoice")?;
    let i = app::invoices::get(&st, &caller, id).await?;
    let purchases = st.store.lead_purchases(i.lead_id).await?;
    Ok(Json(InvoiceOut::at(i, st.clock.now()).with_suppliers(&purchases)))
}

/// The invoice as a PDF in the lead's language (else the company's): the company's identity and
/// bank details, the customer, the lines, the VAT per rate, the totals, the variable symbol and
/// the due day. The same invoice gives the same bytes.
#[utoipa::path(get, path = "/api/v1/invoices/{id}/pdf", tag = "invoices",
    params(("id" = i64, Path)),
    responses((status = 200, description = "The invoice as a PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn invoice_pdf(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Response> {
    let id = path_id(&id, "invoice")?;
    Ok(pdf_response(app::invoice_pdf::staff(&st, &caller, id, Kind::Invoice).await?))
}

/// The contract of a legal entity's invoice as a PDF (the requisites filled in); a private
/// customer's invoice has none (`404`).
#[utoipa::path(get, path = "/api/v1/invoices/{id}/contract.pdf", tag = "invoices",
    params(("id" = i64, Path)),
    responses((status = 200, description = "The contract as a PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn contract_pdf(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Response> {
    let id = path_id(&id, "invoice")?;
    Ok(pdf_response(app::invoice_pdf::staff(&st, &caller, id, Kind::Contract).await?))
}

/// What the company's invoices say of it (registration and VAT ids, bank account) and how they
/// are numbered and due (admins).
#[utoipa::path(get, path = "/api/v1/company/invoicing", tag = "company",
    responses((status = 200, body = InvoicingOut), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_invoicing(State(st): State<AppState>, caller: Caller) -> ApiResult<Json<InvoicingOut>> {
    let p = app::company::profile(&st, &caller).await?;
    Ok(Json(p.invoicing.into()))
}

/// Set what invoices need (every field; a blank text is cleared, blank terms are 14 days and a
/// blank pattern `{YYYY}{NNNN}`). A pattern gives the year once and the counter once.
#[utoipa::path(put, path = "/api/v1/company/invoicing", tag = "company", request_body = app::invoices::InvoicingIn,
    responses((status = 200, body = InvoicingOut), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn put_invoicing(State(st): State<AppState>, caller: Caller, headers: HeaderMap, body: Body) -> ApiResult<Json<InvoicingOut>> {
    app::require_admin(&caller)?;
    let (input, _): (app::invoices::InvoicingIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let t = crate::ui::i18n::pick(None, headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    let p = app::invoices::save_invoicing(&st, &caller, &t, &input).await?;
    Ok(Json(p.invoicing.into()))
}
