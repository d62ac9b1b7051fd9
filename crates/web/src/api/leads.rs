//! `/api/v1/leads` and `/api/v1/contacts`: intake through the API, reading, listing with
//! filters, search and cursors, editing, the timeline and activities.

use super::{or_not_found, path_id};
use crate::AppState;
use crate::app;
use crate::auth::{Caller, hex};
use crate::dto::*;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::json_body;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use pronto_domain::FieldErrors;
use pronto_domain::lead::{Channel, LeadStatus};
use pronto_domain::user::Action;
use pronto_store::{IdempotencyKey, LeadFilter};
use sha2::{Digest, Sha256};

/// Reads an `Idempotency-Key` header (1–255 visible ASCII characters).
pub fn idempotency_key(headers: &HeaderMap, scope: String, body: &[u8]) -> ApiResult<Option<IdempotencyKey>> {
    let Some(v) = headers.get("idempotency-key") else { return Ok(None) };
    let key = v
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| (1..=255).contains(&k.len()) && k.chars().all(|c| c.is_ascii_graphic()))
        .ok_or_else(|| ApiError::BadRequest("Idempotency-Key must be 1–255 visible ASCII characters".into()))?;
    Ok(Some(IdempotencyKey { scope, key: key.to_owned(), fingerprint: hex(&Sha256::digest(body)) }))
}

fn created(lead: LeadOut, replayed: bool) -> Response {
    let location = format!("/api/v1/leads/{}", lead.id);
    let mut res = (StatusCode::CREATED, Json(lead)).into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    if replayed {
        res.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    res
}

/// Create a lead.
#[utoipa::path(post, path = "/api/v1/leads", tag = "leads", request_body = LeadIn,
    params(("Idempotency-Key" = Option<String>, Header, description = "1–255 visible ASCII characters: a repeated key returns the same lead and creates nothing", pattern = r"^[!-~]{1,255}$")),
    responses(
        (status = 201, description = "Created (or replayed for a repeated Idempotency-Key)", body = LeadOut),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 409, body = Problem),
        (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn create_lead(State(st): State<AppState>, caller: Caller, headers: HeaderMap, body: Body) -> ApiResult<Response> {
    caller.require(Action::CreateLead)?;
    let (input, bytes): (LeadIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let idem = idempotency_key(&headers, format!("user:{}", caller.user.id), &bytes)?;
    let done = app::leads::create(&st, &caller, input.into_draft(), idem).await?;
    Ok(created(done.lead.into(), !done.created))
}

/// Get a lead.
#[utoipa::path(get, path = "/api/v1/leads/{id}", tag = "leads",
    params(("id" = i64, Path)),
    responses((status = 200, body = LeadOut), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_lead(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<LeadOut>> {
    caller.require(Action::ReadLeads)?;
    let id = path_id(&id, "lead")?;
    Ok(Json(st.store.lead(id).await.map_err(|e| or_not_found(e, "lead"))?.into()))
}

#[derive(Debug, Default, serde::Deserialize)]
struct ListQuery {
    stage: Option<String>,
    status: Option<String>,
    owner: Option<String>,
    channel: Option<String>,
    q: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

fn encode_cursor(id: i64) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("lead:{id}"))
}

fn decode_cursor(c: &str) -> Option<i64> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(c.trim()).ok()?;
    String::from_utf8(bytes).ok()?.strip_prefix("lead:")?.parse().ok()
}

/// List leads, newest first.
#[utoipa::path(get, path = "/api/v1/leads", tag = "leads",
    params(
        ("stage" = Option<String>, Query, description = "A stage of one of the loaded playbooks (`GET /api/v1/playbooks/{name}`); empty: any", max_length = 64, format = "stage-id"),
        ("status" = Option<String>, Query, description = "`open`, `won`, `lost` or `junk`; empty: any", pattern = r"^(open|won|lost|junk)?$"),
        ("owner" = Option<String>, Query, description = "A user id, `me`, or `none` for unassigned leads; empty: anyone's", pattern = r"^(-?[0-9]{1,18}|me|none)?$"),
        ("channel" = Option<String>, Query, description = "`web`, `email`, `phone`, `in_person` or `api`; empty: any", pattern = r"^(web|email|phone|in_person|api)?$"),
        ("q" = Option<String>, Query, description = "Text search over contact, company, subject and message; ignores case and diacritics; at most 200 characters, no control characters", max_length = 200, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$"),
        ("limit" = Option<String>, Query, description = "A whole number from 1 to 200 (default 50); empty means the default, as every empty filter means none", pattern = r"^([1-9]|[1-9][0-9]|1[0-9]{2}|200)?$"),
        ("cursor" = Option<String>, Query, description = "`next_cursor` of the previous page", format = "cursor")),
    responses((status = 200, body = LeadList), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_leads(State(st): State<AppState>, caller: Caller, RawQuery(raw): RawQuery) -> ApiResult<Json<LeadList>> {
    caller.require(Action::ReadLeads)?;
    let q: ListQuery = serde_urlencoded::from_str(raw.as_deref().unwrap_or(""))
        .map_err(|e| ApiError::BadRequest(format!("malformed query string: {e}")))?;
    let mut e = FieldErrors::new();
    let nonblank = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let stage = e.take_opt(
        "stage",
        nonblank(&q.stage).map(|s| {
            let known: std::collections::BTreeSet<String> = st
                .store
                .playbooks()
                .list()
                .iter()
                .flat_map(|(_, _, pb)| pb.stage_ids().into_iter().map(str::to_owned).collect::<Vec<_>>())
                .collect();
            app::leads::stage_id(&s).and_then(|s| {
                if known.contains(&s) {
                    Ok(s)
                } else {
                    Err(format!("`{s}` is not a stage of any playbook: use one of {}", known.into_iter().collect::<Vec<_>>().join(", ")))
                }
            })
        }),
    );
    let status = e.take_opt("status", nonblank(&q.status).map(|s| LeadStatus::parse(&s).map(|s| s.as_str().to_owned())));
    let channel = e.take_opt("channel", nonblank(&q.channel).map(|s| Channel::parse(&s).map(|c| c.as_str().to_owned())));
    let owner = match nonblank(&q.owner).as_deref() {
        None => None,
        Some("none") => Some(None),
        Some("me") => Some(Some(caller.user.id)),
        Some(v) => match v.parse::<i64>() {
            Ok(id) => Some(Some(id)),
            Err(_) => {
                e.add("owner", "must be a user id, `me` or `none`");
                None
            }
        },
    };
    let limit = super::limit_param(&mut e, nonblank(&q.limit), 50, 200);
    let before = match nonblank(&q.cursor) {
        None => None,
        Some(c) => match decode_cursor(&c) {
            Some(id) => Some(id),
            None => {
                e.add("cursor", "is not a cursor this server gave out");
                None
            }
        },
    };
    let query = nonblank(&q.q);
    if query.as_ref().is_some_and(|q| q.chars().count() > 200) {
        e.add("q", "is longer than 200 characters");
    }
    if query.as_ref().is_some_and(|q| q.chars().any(char::is_control)) {
        e.add("q", "must not contain control characters");
    }
    e.into_result()?;
    // One extra row tells whether there is a next page.
    let filter = LeadFilter { stage, status, channel, owner, contact: None, company: None, query, received_after: None, before, limit: limit + 1, sort: None, descending: false, offset: 0 };
    let mut rows = st.store.leads(&filter).await?;
    let next_cursor = if rows.len() > limit as usize {
        rows.truncate(limit as usize);
        rows.last().map(|l| encode_cursor(l.id))
    } else {
        None
    };
    Ok(Json(LeadList { items: rows.into_iter().map(Into::into).collect(), next_cursor }))
}

/// Change a lead's stage, status, owner or other editable fields. Moving a lead into a stage
/// after the intake, or closing it as won, is the deal: not the secretary's.
#[utoipa::path(patch, path = "/api/v1/leads/{id}", tag = "leads", request_body = LeadPatchIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = LeadOut), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, description = "The role may not move a lead into a deal stage or close it as won", body = Problem),
        (status = 404, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn patch_lead(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<LeadOut>> {
    caller.require(Action::EditLead)?;
    let id = path_id(&id, "lead")?;
    let (input, _): (LeadPatchIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    Ok(Json(app::leads::patch(&st, &caller, id, input).await?.into()))
}

/// Everything that happened to a lead, oldest first.
#[utoipa::path(get, path = "/api/v1/leads/{id}/timeline", tag = "leads",
    params(("id" = i64, Path)),
    responses((status = 200, body = Timeline), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn timeline(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<Timeline>> {
    caller.require(Action::ReadLeads)?;
    let id = path_id(&id, "lead")?;
    let events = st.store.timeline(id).await.map_err(|e| or_not_found(e, "lead"))?;
    Ok(Json(Timeline { items: events.into_iter().map(Into::into).collect() }))
}

/// Record contact with the customer. The first response sets `first_response_at`.
#[utoipa::path(post, path = "/api/v1/leads/{id}/activities", tag = "leads", request_body = ActivityIn,
    params(("id" = i64, Path)),
    responses((status = 201, body = ActivityOut), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 404, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn log_activity(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<(StatusCode, Json<ActivityOut>)> {
    caller.require(Action::LogActivity)?;
    let id = path_id(&id, "lead")?;
    let (input, _): (ActivityIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let one = app::leads::log_activity(&st, &caller, id, input.into_draft()).await?;
    Ok((StatusCode::CREATED, Json(one.into())))
}

/// A lead's activities, oldest first.
#[utoipa::path(get, path = "/api/v1/leads/{id}/activities", tag = "leads",
    params(("id" = i64, Path)),
    responses((status = 200, body = ActivityList), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_activities(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<ActivityList>> {
    caller.require(Action::ReadLeads)?;
    let id = path_id(&id, "lead")?;
    let items = st.store.activities(id).await.map_err(|e| or_not_found(e, "lead"))?;
    Ok(Json(ActivityList { items: items.into_iter().map(Into::into).collect() }))
}

/// A contact with all their leads and activities (what duplicate detection joined).
#[utoipa::path(get, path = "/api/v1/contacts/{id}", tag = "contacts",
    params(("id" = i64, Path)),
    responses((status = 200, body = ContactDetailOut), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_contact(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<ContactDetailOut>> {
    caller.require(Action::ReadLeads)?;
    let id = path_id(&id, "contact")?;
    Ok(Json(st.store.contact(id).await.map_err(|e| or_not_found(e, "contact"))?.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_junk() {
        assert_eq!(decode_cursor(&encode_cursor(42)), Some(42));
        assert_eq!(decode_cursor("bm9wZQ"), None);
        assert_eq!(decode_cursor("%%%"), None);
    }
}

/// A company with its people and every lead that came from it (duplicate detection joins them
/// by the company's registration number).
#[utoipa::path(get, path = "/api/v1/companies/{id}", tag = "contacts",
    params(("id" = i64, Path)),
    responses((status = 200, body = CompanyDetailOut), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_company(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<CompanyDetailOut>> {
    caller.require(Action::ReadLeads)?;
    let id = path_id(&id, "company")?;
    Ok(Json(st.store.company(id).await.map_err(|e| or_not_found(e, "company"))?.into()))
}
