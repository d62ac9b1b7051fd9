//! `/api/v1/leads/{id}/deliveries`, `/api/v1/deliveries/{id}` (issue 21, delivery): plan a
//! delivery, mark it delivered (the playbook's `delivery.done`), the delivery note as a PDF.
//! Thin adapters over `app::deliveries` and `app::delivery_pdf`.

use super::offers::pdf_response;
use super::path_id;
use crate::AppState;
use crate::app;
use crate::auth::Caller;
use crate::dto::*;
use crate::error::{ApiResult, Problem};
use crate::extract::json_body;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use pronto_domain::delivery::DeliveryDraft;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(plan_delivery, list_deliveries))
        .routes(routes!(get_delivery))
        .routes(routes!(mark_delivered))
        .routes(routes!(delivery_note_pdf))
        .routes(routes!(vat_invoice_pdf))
}

/// Plan a delivery of the lead's goods: the day (today or later, the office's), the address and
/// the driver. The driver's pack — the invoice, the VAT invoice and the delivery note — is made
/// by a durable timer at 18:00 office time the evening before, or at once for a delivery today;
/// `documents` lists it once made.
#[utoipa::path(post, path = "/api/v1/leads/{id}/deliveries", tag = "deliveries", request_body = DeliveryIn,
    params(("id" = i64, Path)),
    responses((status = 201, description = "Planned", body = DeliveryOut),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn plan_delivery(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "lead")?;
    let (input, _): (DeliveryIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let draft = DeliveryDraft { date: input.date, address: input.address, driver: input.driver };
    let d = app::deliveries::plan(&st, &caller, id, &draft).await?;
    Ok((StatusCode::CREATED, Json(DeliveryOut::from(d))).into_response())
}

/// The deliveries of a lead, oldest first.
#[utoipa::path(get, path = "/api/v1/leads/{id}/deliveries", tag = "deliveries",
    params(("id" = i64, Path)),
    responses((status = 200, body = DeliveryList), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_deliveries(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<DeliveryList>> {
    let id = path_id(&id, "lead")?;
    let items = app::deliveries::list(&st, &caller, id).await?;
    Ok(Json(DeliveryList { items: items.into_iter().map(DeliveryOut::from).collect() }))
}

/// Get a delivery.
#[utoipa::path(get, path = "/api/v1/deliveries/{id}", tag = "deliveries",
    params(("id" = i64, Path)),
    responses((status = 200, body = DeliveryOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_delivery(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<DeliveryOut>> {
    let id = path_id(&id, "delivery")?;
    Ok(Json(app::deliveries::get(&st, &caller, id).await?.into()))
}

/// The goods were delivered (`at`, now when absent; not in the future): the playbook's
/// `delivery.done` trigger runs — the distributor's quality call is due a week later. Already
/// delivered: `409`.
#[utoipa::path(post, path = "/api/v1/deliveries/{id}/delivered", tag = "deliveries", request_body = DeliveredIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = DeliveryOut),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn mark_delivered(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<DeliveryOut>> {
    let id = path_id(&id, "delivery")?;
    let (input, _): (DeliveredIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    Ok(Json(app::deliveries::delivered(&st, &caller, id, input.at.as_deref()).await?.into()))
}

/// The delivery note (the goods, their quantities, the address, the driver, signatures) as a
/// PDF in the lead's language; made once the pack is ready (else `404`).
#[utoipa::path(get, path = "/api/v1/deliveries/{id}/delivery_note.pdf", tag = "deliveries",
    params(("id" = i64, Path)),
    responses((status = 200, description = "The delivery note as a PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn delivery_note_pdf(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Response> {
    let id = path_id(&id, "delivery")?;
    Ok(pdf_response(app::delivery_pdf::delivery_note(&st, &caller, id).await?))
}

/// The invoice titled as a VAT invoice (the tax document of the driver's pack) as a PDF.
#[utoipa::path(get, path = "/api/v1/invoices/{id}/vat.pdf", tag = "invoices",
    params(("id" = i64, Path)),
    responses((status = 200, description = "The VAT invoice as a PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn vat_invoice_pdf(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Response> {
    let id = path_id(&id, "invoice")?;
    Ok(pdf_response(app::invoice_pdf::staff(&st, &caller, id, app::invoice_pdf::Kind::VatInvoice).await?))
}
