//! `/api/v1/calls`: the call registry — every call the exchange reported, with its caller,
//! line, direction, times, duration, outcome and transfers, and the lead it belongs to.

use super::{limit_param, or_not_found};
use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use axum::Json;
use axum::extract::{Query, State};
use pronto_domain::FieldErrors;
use pronto_domain::user::Action;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct CallQuery {
    /// Only this lead's calls.
    #[param(pattern = r"^([1-9][0-9]{0,17})?$")]
    pub lead: Option<String>,
    /// 1–500, default 100.
    #[param(pattern = r"^([1-9]|[1-9][0-9]|[1-4][0-9]{2}|500)?$")]
    pub limit: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CallOut {
    pub id: i64,
    /// `generic` (the JSON hook) or `twilio`.
    pub source: String,
    /// The exchange's id of the call.
    pub call_id: String,
    pub lead_id: Option<i64>,
    /// `in` or `out`.
    pub direction: String,
    pub from: Option<String>,
    pub to: Option<String>,
    /// `answered`, `missed`, `busy` or `failed`; null while it rings.
    pub outcome: Option<String>,
    pub started_at: Option<String>,
    pub answered_at: Option<String>,
    pub ended_at: Option<String>,
    pub duration_s: Option<i64>,
    /// The user who took it, when the exchange said.
    pub answered_by: Option<i64>,
    #[schema(value_type = Object)]
    pub transfers: Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CallList {
    pub items: Vec<CallOut>,
}

/// The call registry, newest first.
#[utoipa::path(get, path = "/api/v1/calls", tag = "calls", params(CallQuery),
    responses((status = 200, body = CallList), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_calls(State(st): State<AppState>, caller: Caller, Query(q): Query<CallQuery>) -> ApiResult<Json<CallList>> {
    caller.require(Action::ReadLeads)?;
    let mut e = FieldErrors::new();
    let limit = limit_param(&mut e, q.limit, 100, 500);
    let lead = match q.lead.as_deref().filter(|s| !s.is_empty()) {
        Some(l) => match l.parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                e.add("lead", "must be a lead id");
                None
            }
        },
        None => None,
    };
    e.into_result()?;
    let t = |x: Option<jiff::Timestamp>| x.map(|t| t.to_string());
    let items = st
        .store
        .calls(lead, i64::from(limit))
        .await
        .map_err(|e| or_not_found(e, "lead"))?
        .into_iter()
        .map(|c| CallOut {
            id: c.id,
            source: c.source,
            call_id: c.call_id,
            lead_id: c.lead_id,
            direction: c.direction,
            from: c.from_number,
            to: c.to_number,
            outcome: c.resolution,
            started_at: t(c.started_at),
            answered_at: t(c.answered_at),
            ended_at: t(c.ended_at),
            duration_s: c.duration_s,
            answered_by: c.answered_by,
            transfers: c.transfers,
        })
        .collect();
    Ok(Json(CallList { items }))
}
