//! `/api/v1/leads/{id}/requisites` (issue 21): the customer's requisites on a lead. Thin
//! adapters over `app::requisites`.

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
use axum::http::HeaderMap;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(put_requisites, get_requisites)).routes(routes!(get_id_document))
}

/// Enter or replace the customer's requisites: a private customer (`b2c`) or a legal entity
/// (`b2b`), every field checked (`422` names each). The customer is sent a confirmation that
/// they were received, and the playbook's `requisites.received` runs. The lead's owner, the
/// assignee of an open task on it, managers and admins.
#[utoipa::path(put, path = "/api/v1/leads/{id}/requisites", tag = "leads", request_body = RequisitesIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = RequisitesOut),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn put_requisites(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<RequisitesOut>> {
    let id = path_id(&id, "lead")?;
    // Permission before the body is read.
    st.store.lead(id).await.map_err(|e| app::or_not_found(e, "lead"))?;
    crate::access::require_on_lead(&st, &caller, pronto_domain::user::Action::EditRequisites, id).await?;
    let (input, _): (RequisitesIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    app::requisites::save(&st, &caller, id, &input.into_draft(), "api").await.map_err(app::Error::from)?;
    let view = app::requisites::get(&st, &caller, id, false).await?.ok_or_else(|| app::Error::not_found("requisites"))?;
    Ok(Json(view.into()))
}

/// The customer's requisites. `id_document` (the passport data) only for the lead's owner,
/// managers and admins, each read in the audit log; for others it is left out
/// (`id_document_on_file` says whether there is one). `404` before any were entered.
#[utoipa::path(get, path = "/api/v1/leads/{id}/requisites", tag = "leads",
    params(("id" = i64, Path)),
    responses((status = 200, body = RequisitesOut), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_requisites(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<RequisitesOut>> {
    let id = path_id(&id, "lead")?;
    let view = app::requisites::get(&st, &caller, id, true).await?.ok_or_else(|| app::Error::not_found("requisites"))?;
    Ok(Json(view.into()))
}

/// The passport data alone: the lead's owner, managers and admins (`403` for others); each
/// read in the audit log. `null` when there is none.
#[utoipa::path(get, path = "/api/v1/leads/{id}/requisites/id_document", tag = "leads",
    params(("id" = i64, Path)),
    responses((status = 200, body = IdDocumentOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_id_document(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<IdDocumentOut>> {
    let id = path_id(&id, "lead")?;
    Ok(Json(IdDocumentOut { id_document: app::requisites::reveal(&st, &caller, id).await? }))
}
