//! `/api/v1/reports`: the numbers the team is judged by. First: lead response time.

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use axum::Json;
use axum::extract::{Query, State};
use pronto_domain::FieldErrors;
use pronto_domain::user::Action;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A window `[from, to)` from the query: RFC 3339, default the 30 days before now.
fn window(now: jiff::Timestamp, from: &Option<String>, to: &Option<String>, e: &mut FieldErrors) -> (jiff::Timestamp, jiff::Timestamp) {
    let mut time = |field: &str, v: &Option<String>| -> Option<jiff::Timestamp> {
        let v = v.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
        match v.parse::<jiff::Timestamp>() {
            Ok(t) => Some(t),
            Err(_) => {
                e.add(field, format!("`{v}` is not an RFC 3339 time with offset"));
                None
            }
        }
    };
    let to = time("to", to).unwrap_or(now);
    let from = time("from", from).unwrap_or(to - jiff::SignedDuration::from_hours(24 * 30));
    if from >= to {
        e.add("from", "must be before `to`");
    }
    (from, to)
}

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct ResponseTimeQuery {
    /// RFC 3339; default 30 days before `to`.
    pub from: Option<String>,
    /// RFC 3339, exclusive; default now.
    pub to: Option<String>,
    /// `channel` (default) or `owner`.
    pub group_by: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ResponseTimeGroup {
    pub key: String,
    pub leads: i64,
    pub responded: i64,
    pub median_seconds: Option<f64>,
    pub p90_seconds: Option<f64>,
    /// How many were answered within 5 minutes.
    pub within_5_min: i64,
    /// The same as a share of all the group's leads (0–1).
    pub within_5_min_share: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ResponseTimeReport {
    pub from: String,
    pub to: String,
    pub group_by: String,
    pub groups: Vec<ResponseTimeGroup>,
}

/// Lead response time (received → first response) per channel or owner, for leads received in
/// `[from, to)`: median, 90th percentile, answered within 5 minutes; never-answered leads count
/// in `leads`, not in the times.
#[utoipa::path(get, path = "/api/v1/reports/response-time", tag = "reports", params(ResponseTimeQuery),
    responses((status = 200, body = ResponseTimeReport), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn response_time(State(st): State<AppState>, caller: Caller, Query(q): Query<ResponseTimeQuery>) -> ApiResult<Json<ResponseTimeReport>> {
    caller.require(Action::ReadLeads)?;
    let now = st.clock.now();
    let mut e = FieldErrors::new();
    let (from, to) = window(now, &q.from, &q.to, &mut e);
    let group_by = q.group_by.as_deref().map(str::trim).filter(|s| !s.is_empty()).unwrap_or("channel").to_owned();
    if group_by != "channel" && group_by != "owner" {
        e.add("group_by", "is `channel` or `owner`");
    }
    e.into_result()?;
    let rows = st.store.response_rows(from, to, group_by == "owner").await?;
    let groups = pronto_domain::report::response_time(&rows)
        .into_iter()
        .map(|g| ResponseTimeGroup {
            within_5_min_share: if g.leads > 0 { g.within_5_min as f64 / g.leads as f64 } else { 0.0 },
            key: g.key,
            leads: g.leads,
            responded: g.responded,
            median_seconds: g.median_seconds,
            p90_seconds: g.p90_seconds,
            within_5_min: g.within_5_min,
        })
        .collect();
    Ok(Json(ResponseTimeReport { from: from.to_string(), to: to.to_string(), group_by, groups }))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct SlaQuery {
    /// RFC 3339; default 30 days before `to`.
    pub from: Option<String>,
    /// RFC 3339, exclusive; default now.
    pub to: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AtRisk {
    pub lead_id: i64,
    /// Who holds it.
    pub owner: Option<String>,
    /// When it is breached unless someone responds.
    pub breach_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SlaLine {
    pub sla: String,
    pub met: i64,
    pub breached: i64,
    /// met / (met + breached); null with neither.
    pub compliance: Option<f64>,
    /// Running now, soonest breach first.
    pub at_risk: Vec<AtRisk>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SlaReport {
    pub from: String,
    pub to: String,
    pub slas: Vec<SlaLine>,
}

/// SLA compliance per playbook SLA: met and breached in `[from, to)`, and at risk right now
/// (running, with who holds the lead and when it breaches).
#[utoipa::path(get, path = "/api/v1/reports/sla", tag = "reports", params(SlaQuery),
    responses((status = 200, body = SlaReport), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn sla(State(st): State<AppState>, caller: Caller, Query(q): Query<SlaQuery>) -> ApiResult<Json<SlaReport>> {
    caller.require(Action::ReadLeads)?;
    let mut e = FieldErrors::new();
    let (from, to) = window(st.clock.now(), &q.from, &q.to, &mut e);
    e.into_result()?;
    let outcomes = st.store.sla_outcomes(from, to).await?;
    let risk = st.store.slas_at_risk(500).await?;
    let mut names: Vec<String> = outcomes.iter().map(|(s, ..)| s.clone()).chain(risk.iter().map(|(s, ..)| s.clone())).collect();
    names.sort();
    names.dedup();
    let slas = names
        .into_iter()
        .map(|name| {
            let (met, breached) = outcomes.iter().find(|(s, ..)| *s == name).map(|(_, m, b)| (*m, *b)).unwrap_or((0, 0));
            SlaLine {
                compliance: (met + breached > 0).then(|| met as f64 / (met + breached) as f64),
                at_risk: risk
                    .iter()
                    .filter(|(s, ..)| *s == name)
                    .map(|(_, lead, owner, due)| AtRisk { lead_id: *lead, owner: owner.clone(), breach_at: due.to_string() })
                    .collect(),
                sla: name,
                met,
                breached,
            }
        })
        .collect();
    Ok(Json(SlaReport { from: from.to_string(), to: to.to_string(), slas }))
}
