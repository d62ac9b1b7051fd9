//! `/api/v1/playbooks`: the company's process as loaded — list, detail, the diagram, and (for
//! admins) checking and loading a new version. Each lead keeps the version it started with.

use crate::AppState;
use crate::auth::Caller;
use crate::dto::*;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::read_body;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pronto_domain::user::Action;
use pronto_playbook::Playbook;
use serde_json::{Value, json};
use std::sync::Arc;

/// List the playbooks, each at the version new leads start on.
#[utoipa::path(get, path = "/api/v1/playbooks", tag = "playbooks",
    responses((status = 200, body = PlaybookList), (status = 401, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_playbooks(State(st): State<AppState>, caller: Caller) -> ApiResult<Json<PlaybookList>> {
    caller.require(Action::ReadPlaybooks)?;
    let reg = st.store.playbooks();
    let default = reg.default_name();
    let items: Vec<PlaybookSummary> = reg
        .list()
        .into_iter()
        .map(|(name, version, pb)| PlaybookSummary {
            default: name == default,
            name,
            title: pb.title.clone(),
            description: pb.description.clone(),
            version,
        })
        .collect();
    Ok(Json(PlaybookList { items }))
}

/// The playbook `name` at `version` (`?version=N`), or the current one.
fn find(st: &AppState, name: &str, raw: Option<&str>) -> ApiResult<(i64, Arc<Playbook>)> {
    let reg = st.store.playbooks();
    let version = raw
        .and_then(|q| url_param(q, "version"))
        .map(|v| v.parse::<i64>().ok().filter(|v| *v > 0).ok_or_else(|| ApiError::invalid("version", "must be a version number")))
        .transpose()?;
    match version {
        Some(v) => reg.get(name, v).map(|p| (v, p)).ok_or_else(|| ApiError::not_found(&format!("version {v} of playbook `{name}`"))),
        None => reg.current(name).ok_or_else(|| ApiError::not_found(&format!("playbook `{name}`"))),
    }
}

fn url_param(query: &str, key: &str) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query).ok()?.into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// A playbook: stages, task definitions with scripts, SLAs, rules, versions and its text.
#[utoipa::path(get, path = "/api/v1/playbooks/{name}", tag = "playbooks",
    params(("name" = String, Path), ("version" = Option<i64>, Query, description = "A past version; default the current one", minimum = 1)),
    responses((status = 200, body = PlaybookOut), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_playbook(
    State(st): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<PlaybookOut>> {
    caller.require(Action::ReadPlaybooks)?;
    let (version, pb) = find(&st, &name, raw.as_deref())?;
    let versions = st.store.playbook_versions(Some(&name)).await?;
    let source = versions.iter().find(|v| v.version == version).map(|v| v.source.clone()).unwrap_or_default();
    let tasks: serde_json::Map<String, Value> = pb
        .tasks
        .values()
        .map(|t| {
            (
                t.id.clone(),
                json!({ "title": t.title, "kind": t.kind, "priority": t.priority.as_str(), "outcomes": t.outcomes,
                        "retry": t.retry, "script": t.script }),
            )
        })
        .collect();
    let slas: serde_json::Map<String, Value> = pb.slas.values().map(|s| (s.id.clone(), json!({ "title": s.title }))).collect();
    Ok(Json(PlaybookOut {
        default: st.store.playbooks().default_name() == pb.name,
        name: pb.name.clone(),
        title: pb.title.clone(),
        description: pb.description.clone(),
        version,
        calendar: pb.calendar_id.clone(),
        time_zone: pb.calendar.time_zone().iana_name().unwrap_or("UTC").to_owned(),
        stages: pb
            .stages
            .iter()
            .map(|s| StageOut {
                id: s.id.clone(),
                title: s.title.clone(),
                description: s.description.clone(),
                status: s.status.map(|s| s.as_str().to_owned()),
                next: s.next.clone(),
            })
            .collect(),
        tasks: Value::Object(tasks),
        slas: Value::Object(slas),
        rules: pb.rules.iter().map(|r| r.id.clone()).collect(),
        versions: versions.iter().map(|v| PlaybookVersionOut { version: v.version, loaded_at: v.loaded_at.to_string() }).collect(),
        source,
    }))
}

/// The playbook drawn as an SVG diagram: stages, transitions, tasks, timers and SLAs.
#[utoipa::path(get, path = "/api/v1/playbooks/{name}/diagram.svg", tag = "playbooks",
    params(("name" = String, Path), ("version" = Option<i64>, Query, minimum = 1)),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn diagram(State(st): State<AppState>, caller: Caller, Path(name): Path<String>, RawQuery(raw): RawQuery) -> ApiResult<Response> {
    caller.require(Action::ReadPlaybooks)?;
    let (_, pb) = find(&st, &name, raw.as_deref())?;
    let mut res = pronto_playbook::diagram::svg(&pb).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml; charset=utf-8"));
    // An SVG is a document: nothing in it may run or load.
    res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"));
    Ok(res)
}

fn problems_of(source: &str, checked: Result<Playbook, Vec<pronto_playbook::Problem>>) -> PlaybookCheck {
    match checked {
        Ok(pb) => PlaybookCheck { valid: true, name: Some(pb.name), problems: vec![] },
        Err(ps) => PlaybookCheck {
            valid: false,
            name: None,
            problems: ps
                .iter()
                .map(|p| {
                    let (line, column) = p.line_col(source);
                    PlaybookProblem { line, column, message: p.message.clone() }
                })
                .collect(),
        },
    }
}

async fn toml_text(st: &AppState, headers: &HeaderMap, body: Body) -> ApiResult<String> {
    let ct = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    let essence = ct.split(';').next().unwrap_or("").trim();
    if !matches!(essence, "application/toml" | "text/plain" | "text/x-toml" | "application/x-toml") {
        return Err(ApiError::UnsupportedMediaType("send the playbook as application/toml (or text/plain)".into()));
    }
    let bytes = read_body(body, st.config.body_limit).await?;
    String::from_utf8(bytes.to_vec()).map_err(|_| ApiError::BadRequest("the playbook is not UTF-8 text".into()))
}

/// Check a playbook without loading it: every problem with its line and column.
#[utoipa::path(post, path = "/api/v1/playbooks/check", tag = "playbooks",
    request_body(content = String, content_type = "application/toml"),
    responses((status = 200, body = PlaybookCheck), (status = 401, body = Problem), (status = 415, body = Problem)),
    security(("bearer" = [])))]
pub async fn check(State(st): State<AppState>, caller: Caller, headers: HeaderMap, body: Body) -> ApiResult<Json<PlaybookCheck>> {
    caller.require(Action::ReadPlaybooks)?;
    let source = toml_text(&st, &headers, body).await?;
    Ok(Json(problems_of(&source, crate::app::playbooks::check(&caller, &source)?)))
}

/// Load a playbook (admin): a changed text becomes the next version of its name, which new
/// leads start on; leads already running keep theirs. An invalid text is refused with every
/// problem (`field` is `playbook:LINE:COLUMN`) and the last good version stays.
#[utoipa::path(post, path = "/api/v1/playbooks", tag = "playbooks",
    request_body(content = String, content_type = "application/toml"),
    responses((status = 201, body = PlaybookLoaded), (status = 200, body = PlaybookLoaded), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn load(
    State(st): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<(StatusCode, Json<PlaybookLoaded>)> {
    caller.require(Action::ManagePlaybooks)?;
    let source = toml_text(&st, &headers, body).await?;
    let crate::app::playbooks::Loaded { name, version, created } = crate::app::playbooks::load(&st, &caller, source).await?;
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(PlaybookLoaded { name, version, created })))
}
