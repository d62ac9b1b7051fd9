//! `/api/v1/tasks`: the work the playbook hands out. Completing a task with an outcome
//! drives the playbook (a call with no answer schedules the retry, a reached customer moves
//! the lead on).

use super::{or_not_found, path_id};
use crate::AppState;
use crate::auth::Caller;
use crate::dto::*;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::json_body;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use pronto_domain::FieldErrors;
use pronto_domain::user::{Action, Role};
use pronto_store::TaskFilter;

#[derive(Debug, Default, serde::Deserialize)]
struct TaskQuery {
    lead: Option<String>,
    assignee: Option<String>,
    role: Option<String>,
    status: Option<String>,
    limit: Option<String>,
}

/// List tasks: open ones by due time, the others in the order they were made.
#[utoipa::path(get, path = "/api/v1/tasks", tag = "tasks",
    params(
        ("lead" = Option<String>, Query, description = "A lead id", pattern = r"^([1-9][0-9]{0,17})?$"),
        ("assignee" = Option<String>, Query, description = "A user id, or `me`", pattern = r"^([1-9][0-9]{0,17}|me)?$"),
        ("role" = Option<String>, Query, description = "Tasks queued for a role", pattern = r"^(admin|manager|consultant|specialist|coordinator|secretary)?$"),
        ("status" = Option<String>, Query, description = "`open`, `done` or `cancelled`", pattern = r"^(open|done|cancelled)?$"),
        ("limit" = Option<String>, Query, description = "1 to 1000 (default 200)", pattern = r"^([1-9][0-9]{0,2}|1000)?$")),
    responses((status = 200, body = TaskList), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_tasks(State(st): State<AppState>, caller: Caller, RawQuery(raw): RawQuery) -> ApiResult<Json<TaskList>> {
    caller.require(Action::ReadLeads)?;
    let q: TaskQuery = serde_urlencoded::from_str(raw.as_deref().unwrap_or(""))
        .map_err(|e| ApiError::BadRequest(format!("malformed query string: {e}")))?;
    let nonblank = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let mut e = FieldErrors::new();
    let id = |e: &mut FieldErrors, field: &str, v: Option<String>| -> Option<i64> {
        let v = v?;
        if v == "me" && field == "assignee" {
            return Some(caller.user.id);
        }
        match v.parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                e.add(field, if field == "assignee" { "must be a user id or `me`" } else { "must be a lead id" });
                None
            }
        }
    };
    let lead = id(&mut e, "lead", nonblank(&q.lead));
    let assignee = id(&mut e, "assignee", nonblank(&q.assignee));
    let role = e.take_opt("role", nonblank(&q.role).map(|r| Role::parse(&r).map(|r| r.as_str().to_owned())));
    let status = match nonblank(&q.status) {
        Some(s) if ["open", "done", "cancelled"].contains(&s.as_str()) => Some(s),
        Some(s) => {
            e.add("status", format!("`{s}` is not one of: open, done, cancelled"));
            None
        }
        None => None,
    };
    let limit = super::limit_param(&mut e, nonblank(&q.limit), 200, 1000);
    e.into_result()?;
    let tasks = st.store.tasks(&TaskFilter { lead, assignee, role, status, limit }).await?;
    Ok(Json(TaskList { items: tasks.into_iter().map(Into::into).collect() }))
}

/// Get a task, with its call script.
#[utoipa::path(get, path = "/api/v1/tasks/{id}", tag = "tasks",
    params(("id" = i64, Path)),
    responses((status = 200, body = TaskOut), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get_task(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<TaskOut>> {
    caller.require(Action::ReadLeads)?;
    let id = path_id(&id, "task")?;
    Ok(Json(st.store.task(id).await.map_err(|e| or_not_found(e, "task"))?.into()))
}

/// Complete a task with an outcome. A call task also records the call (its outcome), an
/// e-mail task an outgoing e-mail, a meeting task a meeting; the playbook then reacts.
#[utoipa::path(post, path = "/api/v1/tasks/{id}/complete", tag = "tasks", request_body = TaskCompleteIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = TaskOut), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn complete_task(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<TaskOut>> {
    caller.require(Action::WorkTasks)?;
    let id = path_id(&id, "task")?;
    let (input, _): (TaskCompleteIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    Ok(Json(crate::app::tasks::complete(&st, &caller, id, input.outcome.as_deref(), input.note.as_deref()).await?.into()))
}
