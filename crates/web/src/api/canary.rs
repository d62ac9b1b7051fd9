//! `/api/v1/canary` (issue 23): the mystery shopper's last test inquiry through each
//! configured channel, hop by hop, with the last 30 days' runs; and running it now.

use crate::AppState;
use crate::app;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(canary)).routes(routes!(run_canary))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CanaryOut {
    pub channels: Vec<CanaryChannelOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CanaryChannelOut {
    /// `form`, `mail` or `call`.
    pub channel: String,
    pub last_run_at: Option<String>,
    /// Whether the last run went through; `null` while it runs.
    pub ok: Option<bool>,
    /// `running`, `passed`, `failed` or `late`.
    pub status: String,
    pub error: Option<String>,
    pub hops: Vec<CanaryHopOut>,
    /// When the channel's open incident started (the admins were alerted then), if one is open.
    pub incident_since: Option<String>,
    /// The runs of the last 30 days, oldest first.
    pub history: Vec<CanaryRunOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CanaryHopOut {
    /// `sent`, `registered`, `playbook`, `alert_accepted`, `closed`.
    pub name: String,
    pub at: Option<String>,
    /// Milliseconds after the run started.
    pub ms: Option<i64>,
    pub ok: bool,
    pub error: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CanaryRunOut {
    pub at: String,
    pub ok: bool,
    /// Milliseconds to the last hop reached.
    pub ms: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CanaryStarted {
    /// The channels a test inquiry is sent through now; `GET /api/v1/canary` shows how each went.
    pub started: Vec<String>,
}

pub fn out(s: pronto_store::canary::CanaryStatus) -> CanaryOut {
    CanaryOut {
        channels: s
            .channels
            .into_iter()
            .map(|c| CanaryChannelOut {
                channel: c.channel,
                last_run_at: c.last_run_at.map(|t| t.to_string()),
                ok: c.ok,
                status: c.status,
                error: c.error,
                hops: c
                    .hops
                    .into_iter()
                    .map(|h| CanaryHopOut { name: h.name, at: h.at.map(|t| t.to_string()), ms: h.ms, ok: h.ok, error: h.error })
                    .collect(),
                incident_since: c.incident_since.map(|t| t.to_string()),
                history: c.history.into_iter().map(|(at, ok, ms)| CanaryRunOut { at: at.to_string(), ok, ms }).collect(),
            })
            .collect(),
    }
}

/// The last test inquiry through each channel, hop by hop (admins and managers).
#[utoipa::path(get, path = "/api/v1/canary", tag = "canary",
    responses((status = 200, body = CanaryOut), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub async fn canary(State(st): State<AppState>, caller: Caller) -> ApiResult<Json<CanaryOut>> {
    Ok(Json(out(app::canary::status(&st, &caller).await?)))
}

/// Which channel to run now.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RunQuery {
    /// `form`, `mail` or `call` (one that is set up); every configured channel when absent.
    #[param(pattern = r"^(form|mail|call)?$")]
    pub channel: Option<String>,
}

/// Sends a test inquiry through every configured channel now, or through `channel` (admins).
#[utoipa::path(post, path = "/api/v1/canary/run", tag = "canary", params(RunQuery),
    responses((status = 202, body = CanaryStarted), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn run_canary(
    State(st): State<AppState>,
    caller: Caller,
    crate::error::ProblemQuery(q): crate::error::ProblemQuery<RunQuery>,
) -> ApiResult<(StatusCode, Json<CanaryStarted>)> {
    let started = app::canary::run_now(&st, &caller, q.channel.as_deref())?;
    Ok((StatusCode::ACCEPTED, Json(CanaryStarted { started: started.into_iter().map(str::to_owned).collect() })))
}
