//! `/api/v1/complaints` (issue 21, quality): management's table of the customers' complaints
//! (JSON, or CSV/XLSX with `format`), and resolving one with a note. Managers and admins.

use super::path_id;
use crate::AppState;
use crate::app;
use crate::auth::Caller;
use crate::dto::*;
use crate::error::{ApiError, ApiResult, Problem};
use crate::export::{Cell, Table};
use crate::extract::json_body;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use pronto_domain::FieldErrors;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_complaints)).routes(routes!(resolve_complaint))
}

/// The filters of the complaints' table.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ComplaintQuery {
    /// `open` or `resolved`; both when absent.
    #[param(pattern = r"^(open|resolved)?$")]
    pub status: Option<String>,
    /// Recorded from (a day `YYYY-MM-DD` in the office's zone; an RFC 3339 time is taken too).
    #[param(pattern = r"^((19[7-9][0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8]))?$")]
    pub from: Option<String>,
    /// Recorded until (a day, inclusive; a time, exclusive, is taken too).
    #[param(pattern = r"^((19[7-9][0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8]))?$")]
    pub to: Option<String>,
    /// `json` (the default), `csv` or `xlsx`.
    #[param(pattern = r"^(json|csv|xlsx)?$")]
    pub format: Option<String>,
    /// Only the leads of this channel.
    #[param(pattern = r"^(web|email|phone|in_person|api)?$")]
    pub channel: Option<String>,
    /// Only this representative's (a user id), or `none`: the complaints with no owner.
    #[param(pattern = r"^([1-9][0-9]{0,17}|none)?$")]
    pub owner: Option<String>,
}

/// The table as exported: one row per complaint.
pub fn table(items: &[ComplaintOut]) -> Table {
    Table {
        title: "Complaints".into(),
        columns: ["id", "created_at", "lead_id", "customer", "company", "owner", "channel", "text", "status", "resolution"]
            .map(String::from)
            .to_vec(),
        rows: items
            .iter()
            .map(|k| {
                let text = |s: &Option<String>| s.clone().map(Cell::Text).unwrap_or(Cell::Empty);
                vec![
                    Cell::Int(k.id),
                    Cell::Text(k.created_at.clone()),
                    Cell::Int(k.lead_id),
                    Cell::Text(k.customer.clone()),
                    text(&k.company),
                    text(&k.owner.as_ref().map(|o| o.name.clone())),
                    Cell::Text(k.channel.clone()),
                    Cell::Text(k.text.clone()),
                    Cell::Text(k.status.clone()),
                    text(&k.resolution),
                ]
            })
            .collect(),
    }
}

/// The customers' complaints, newest first: each recorded by a negative quality call with its
/// substance, the representative (the lead's owner) and the lead's channel. With
/// `format=csv|xlsx` the same rows as a download.
#[utoipa::path(get, path = "/api/v1/complaints", tag = "complaints", params(ComplaintQuery),
    responses((status = 200, description = "The complaints: JSON, or with `format` a CSV or XLSX download", content((ComplaintList = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_complaints(State(st): State<AppState>, caller: Caller, crate::error::ProblemQuery(q): crate::error::ProblemQuery<ComplaintQuery>) -> ApiResult<Response> {
    let format = q.format.as_deref().map(str::trim).filter(|s| !s.is_empty()).unwrap_or("json").to_owned();
    let query = app::complaints::Query { status: q.status, from: q.from, to: q.to, channel: q.channel, owner: q.owner };
    let items: Vec<ComplaintOut> = app::complaints::list(&st, &caller, &query).await?.into_iter().map(ComplaintOut::from).collect();
    Ok(match format.as_str() {
        "json" => Json(ComplaintList { items }).into_response(),
        "csv" => (
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CONTENT_DISPOSITION, "attachment; filename=\"complaints.csv\"")],
            crate::export::csv(&table(&items)),
        )
            .into_response(),
        "xlsx" => (
            [
                (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"complaints.xlsx\""),
            ],
            crate::export::xlsx(&table(&items)).map_err(ApiError::Internal)?,
        )
            .into_response(),
        other => {
            return Err(
                app::Error::Invalid(FieldErrors::single("format", format!("`{other}` is not a format: use json, csv or xlsx"))).into()
            );
        }
    })
}

/// Resolve a complaint with a note saying how. Already resolved: `409`.
#[utoipa::path(post, path = "/api/v1/complaints/{id}/resolve", tag = "complaints", request_body = ResolveIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = ComplaintOut),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn resolve_complaint(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<ComplaintOut>> {
    let id = path_id(&id, "complaint")?;
    let (input, _): (ResolveIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    Ok(Json(app::complaints::resolve(&st, &caller, id, input.note.as_deref()).await?.into()))
}
