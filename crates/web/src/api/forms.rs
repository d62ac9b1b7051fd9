//! `/api/v1/forms`: the web forms built in the admin pages (admins), the same use cases as
//! the pages (`app::forms`). A config file's form wins for its key (`in_file`).

use crate::AppState;
use crate::app::forms as uc;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use crate::extract::json_body;
use crate::form_spec::FormSpec;
use crate::ui::i18n::Tr;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct FormOut {
    pub key: String,
    /// The config file has a form with this key: it is the one in use.
    pub in_file: bool,
    /// The definition built in the admin pages (none for a form only in the config file).
    pub form: Option<FormSpec>,
    /// Where the company's site posts it.
    pub action: String,
    /// The HTML to paste into the company's site, in the form's language.
    pub snippet: Option<String>,
}

fn out(st: &AppState, i: uc::FormItem, headers: &HeaderMap) -> FormOut {
    let action = uc::action_url(st, &i.key, uc::seen_base(headers).as_deref());
    let snippet = i.spec.as_ref().map(|s| s.snippet(&action, &Tr::new(&s.language)));
    FormOut { key: i.key, in_file: i.in_file, form: i.spec, action, snippet }
}

/// Every web form: the config file's and those built in the admin pages.
#[utoipa::path(get, path = "/api/v1/forms", tag = "forms",
    responses((status = 200, body = Vec<FormOut>), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(State(st): State<AppState>, caller: Caller, headers: HeaderMap) -> ApiResult<Json<Vec<FormOut>>> {
    let items = uc::list(&st, &caller).await?;
    Ok(Json(items.into_iter().map(|i| out(&st, i, &headers)).collect()))
}

/// One web form.
#[utoipa::path(get, path = "/api/v1/forms/{key}", tag = "forms", params(("key" = String, Path)),
    responses((status = 200, body = FormOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get(State(st): State<AppState>, caller: Caller, Path(key): Path<String>, headers: HeaderMap) -> ApiResult<Json<FormOut>> {
    let item = uc::get(&st, &caller, &key).await?;
    Ok(Json(out(&st, item, &headers)))
}

/// Creates or replaces a web form; it takes submissions at `/forms/{key}` at once.
#[utoipa::path(put, path = "/api/v1/forms/{key}", tag = "forms", params(("key" = String, Path)), request_body = FormSpec,
    responses((status = 200, body = FormOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn put(State(st): State<AppState>, caller: Caller, Path(key): Path<String>, headers: HeaderMap, body: Body) -> ApiResult<Json<FormOut>> {
    crate::app::require_admin(&caller)?;
    let (spec, _): (FormSpec, _) = json_body(&headers, body, st.config.body_limit).await?;
    uc::save(&st, &caller, &key, spec, false, &Tr::new("en")).await?;
    let item = uc::get(&st, &caller, &key).await?;
    Ok(Json(out(&st, item, &headers)))
}

/// Removes a web form built in the admin pages.
#[utoipa::path(delete, path = "/api/v1/forms/{key}", tag = "forms", params(("key" = String, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn delete(State(st): State<AppState>, caller: Caller, Path(key): Path<String>) -> ApiResult<StatusCode> {
    uc::delete(&st, &caller, &key).await?;
    Ok(StatusCode::NO_CONTENT)
}
