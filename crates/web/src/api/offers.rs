//! `/api/v1/leads/{id}/offers`, `/api/v1/offers/{id}`: offers on a lead (issue 20). Thin
//! adapters over `app::offers`.

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
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_offer, list_offers))
        .routes(routes!(get_offer))
        .routes(routes!(send_offer))
        .routes(routes!(offer_pdf))
}

/// Make an offer on a lead: the next version of the lead's offer (the earlier open one is
/// superseded). Lines by `sku` take the catalogue's name, price and VAT rate unless set.
#[utoipa::path(post, path = "/api/v1/leads/{id}/offers", tag = "offers", request_body = OfferIn,
    params(("id" = i64, Path)),
    responses((status = 201, description = "Created", body = OfferOut),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create_offer(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "lead")?;
    let (input, _): (OfferIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let o = app::offers::create(&st, &caller, id, &input.into_draft()).await?;
    Ok((StatusCode::CREATED, Json(OfferOut::at(o, st.clock.now()))).into_response())
}

/// The offers of a lead, oldest version first.
#[utoipa::path(get, path = "/api/v1/leads/{id}/offers", tag = "offers",
    params(("id" = i64, Path)),
    responses((status = 200, body = OfferList), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_offers(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<OfferList>> {
    let id = path_id(&id, "lead")?;
    let now = st.clock.now();
    let items = app::offers::list(&st, &caller, id).await?;
    Ok(Json(OfferList { items: items.into_iter().map(|o| OfferOut::at(o, now)).collect() }))
}

/// Get an offer.
#[utoipa::path(get, path = "/api/v1/offers/{id}", tag = "offers",
    params(("id" = i64, Path)),
    responses((status = 200, body = OfferOut), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_offer(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<OfferOut>> {
    let id = path_id(&id, "offer")?;
    Ok(Json(OfferOut::at(app::offers::get(&st, &caller, id).await?, st.clock.now())))
}

/// Send an offer to the customer: `sent`; they are told (e-mail, else SMS) with the link to
/// their page, where they accept, decline or ask for changes. A decided, superseded or
/// expired offer is `409`.
#[utoipa::path(post, path = "/api/v1/offers/{id}/send", tag = "offers",
    params(("id" = i64, Path)),
    responses((status = 200, body = OfferOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn send_offer(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<OfferOut>> {
    let id = path_id(&id, "offer")?;
    Ok(Json(OfferOut::at(app::offers::send(&st, &caller, id).await?, st.clock.now())))
}

/// The offer as a PDF (`application/pdf`) in the lead's language (else the company's): the
/// company's name, logo and contacts, the customer, the lines, the VAT per rate and the
/// totals. Whoever may read the offer may read its PDF. The same offer gives the same bytes.
#[utoipa::path(get, path = "/api/v1/offers/{id}/pdf", tag = "offers",
    params(("id" = i64, Path)),
    responses((status = 200, description = "The offer as a PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn offer_pdf(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Response> {
    let id = path_id(&id, "offer")?;
    Ok(pdf_response(app::offer_pdf::staff(&st, &caller, id).await?))
}

/// A PDF shown in the browser (`inline`) under its name; never sniffed, never cached.
pub(crate) fn pdf_response(pdf: app::offer_pdf::Pdf) -> Response {
    let mut res = (StatusCode::OK, pdf.bytes).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{}\"", pdf.filename)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    res
}
