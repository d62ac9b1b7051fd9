//! `/api/v1/reports`: the numbers the team is judged by — response time, SLA compliance, the
//! funnel and conversion, customer feedback, the weekly trend, the leads behind every figure
//! and the scheduled reports. Each report answers JSON, or CSV/XLSX with `format=csv|xlsx`
//! (the same figures). The figures come from the stores' tallies (`pronto_domain::tally`);
//! this file only shapes them.

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Problem};
use crate::export::{Cell, Table};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use pronto_domain::FieldErrors;
use pronto_domain::tally::Dim;
use pronto_domain::user::Action;
use pronto_store::schedule::ReportKind;
use serde::Serialize;

pub use crate::app::reports::*;






/// JSON, or the same figures as a CSV/XLSX download.
pub(crate) fn answer<T: Serialize>(format: Format, body: T, table: impl FnOnce() -> Table, name: &str) -> ApiResult<Response> {
    Ok(match format {
        Format::Json => Json(body).into_response(),
        Format::Csv => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}.csv\"")),
            ],
            crate::export::csv(&table()),
        )
            .into_response(),
        Format::Xlsx => {
            let bytes = crate::export::xlsx(&table()).map_err(ApiError::Internal)?;
            (
                [
                    (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned()),
                    (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}.xlsx\"")),
                ],
                bytes,
            )
                .into_response()
        }
    })
}



// ── response time ──






fn opt_num(v: Option<f64>) -> Cell {
    v.map(Cell::Num).unwrap_or(Cell::Empty)
}

/// Lead response time (received → first response) for leads received in `[from, to)`, per
/// group: median, 90th percentile, answered within 5 minutes / 1 hour / 24 hours / never, the
/// distribution; in wall-clock or business time. Never-answered leads count in `leads`, not in
/// the times.
#[utoipa::path(get, path = "/api/v1/reports/response-time", tag = "reports", params(ReportQuery),
    responses((status = 200, description = "The report: JSON, or with `format` a CSV or XLSX download", content((ResponseTimeReport = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn response_time(State(st): State<AppState>, caller: Caller, Query(q): Query<ReportQuery>) -> ApiResult<Response> {
    caller.require(Action::ReadLeads)?;
    let c = check(st.clock.now(), &q, Dim::Channel)?;
    let r = response_report(&st, &c).await?;
    let table = || Table {
        title: "Response time".into(),
        columns: [
            "group",
            "leads",
            "responded",
            "never",
            "median_seconds",
            "p90_seconds",
            "within_5_min",
            "within_1_hour",
            "within_24_hours",
        ]
        .map(String::from)
        .to_vec(),
        rows: r
            .groups
            .iter()
            .chain([&r.total])
            .map(|g| {
                vec![
                    Cell::Text(g.key.clone()),
                    Cell::Int(g.leads),
                    Cell::Int(g.responded),
                    Cell::Int(g.never),
                    opt_num(g.median_seconds),
                    opt_num(g.p90_seconds),
                    Cell::Int(g.within_5_min),
                    Cell::Int(g.within_1_hour),
                    Cell::Int(g.within_24_hours),
                ]
            })
            .collect(),
    };
    answer(c.format, &r, table, "response-time")
}

// ── funnel ──






/// The funnel for leads received in `[from, to)`: how many reached each stage of the
/// playbook, won, lost and still open, conversion (won / leads), the mean time spent in each
/// stage, and call attempts per lead (0, 1, 2, 3, 4+), per group.
#[utoipa::path(get, path = "/api/v1/reports/funnel", tag = "reports", params(ReportQuery),
    responses((status = 200, description = "The report: JSON, or with `format` a CSV or XLSX download", content((FunnelReport = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn funnel(State(st): State<AppState>, caller: Caller, Query(q): Query<ReportQuery>) -> ApiResult<Response> {
    caller.require(Action::ReadLeads)?;
    let c = check(st.clock.now(), &q, Dim::Channel)?;
    let r = funnel_report(&st, &c, q.playbook.as_deref().map(str::trim).filter(|s| !s.is_empty())).await?;
    let table = || {
        let mut columns = vec!["group".to_owned(), "leads".to_owned()];
        columns.extend(r.stages.iter().map(|s| format!("reached {}", s.id)));
        columns.extend(["won", "lost", "open", "conversion"].map(String::from));
        columns.extend(r.stages.iter().map(|s| format!("mean seconds in {}", s.id)));
        columns.extend(["0 calls", "1 call", "2 calls", "3 calls", "4+ calls"].map(String::from));
        // The offers' money per stage (issue 20) is the whole window's: on the total's row.
        columns.extend(r.stages.iter().map(|s| format!("value offered in {}", s.id)));
        columns.extend(r.stages.iter().map(|s| format!("value won in {}", s.id)));
        let money = |m: &[crate::app::reports::Money]| {
            Cell::Text(m.iter().map(|m| format!("{} {}", m.amount, m.currency)).collect::<Vec<_>>().join("; "))
        };
        let rows = r
            .groups
            .iter()
            .map(|g| (g, false))
            .chain([(&r.total, true)])
            .map(|(g, total)| {
                let mut row = vec![Cell::Text(g.key.clone()), Cell::Int(g.leads)];
                row.extend(g.reached.iter().map(|n| Cell::Int(*n)));
                row.extend([Cell::Int(g.won), Cell::Int(g.lost), Cell::Int(g.open), Cell::Num(g.conversion)]);
                row.extend(g.mean_stage_seconds.iter().map(|s| opt_num(*s)));
                row.extend(g.call_attempts.iter().map(|n| Cell::Int(*n)));
                if total {
                    row.extend(r.stages.iter().map(|s| money(&s.value_offered)));
                    row.extend(r.stages.iter().map(|s| money(&s.value_won)));
                } else {
                    row.extend(r.stages.iter().flat_map(|_| [Cell::Text(String::new()), Cell::Text(String::new())]));
                }
                row
            })
            .collect();
        Table { title: "Funnel".into(), columns, rows }
    };
    answer(c.format, &r, table, "funnel")
}

// ── feedback ──





/// Customer feedback for leads received in `[from, to)`: quality-call outcomes (positive,
/// negative) and complaints per representative (`group_by=owner`, the default) or channel; the
/// leads behind each figure through `GET /api/v1/reports/leads`.
#[utoipa::path(get, path = "/api/v1/reports/feedback", tag = "reports", params(ReportQuery),
    responses((status = 200, description = "The report: JSON, or with `format` a CSV or XLSX download", content((FeedbackReport = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn feedback(State(st): State<AppState>, caller: Caller, Query(q): Query<ReportQuery>) -> ApiResult<Response> {
    caller.require(Action::ReadLeads)?;
    let c = check(st.clock.now(), &q, Dim::Owner)?;
    let r = feedback_report(&st, &c).await?;
    let table = || Table {
        title: "Customer feedback".into(),
        columns: ["group", "leads", "quality positive", "quality negative", "complaints", "leads with complaints"]
            .map(String::from)
            .to_vec(),
        rows: r
            .groups
            .iter()
            .chain([&r.total])
            .map(|g| {
                vec![
                    Cell::Text(g.key.clone()),
                    Cell::Int(g.leads),
                    Cell::Int(g.quality_positive),
                    Cell::Int(g.quality_negative),
                    Cell::Int(g.complaints),
                    Cell::Int(g.leads_with_complaints),
                ]
            })
            .collect(),
    };
    answer(c.format, &r, table, "feedback")
}

// ── trend ──




/// Week by week (office days, Mondays) for the days of `[from, to)`: leads, responded, median
/// response time (interpolated in buckets), answered within 5 minutes, won.
#[utoipa::path(get, path = "/api/v1/reports/trend", tag = "reports", params(ReportQuery),
    responses((status = 200, description = "The report: JSON, or with `format` a CSV or XLSX download", content((TrendReport = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn trend(State(st): State<AppState>, caller: Caller, Query(q): Query<ReportQuery>) -> ApiResult<Response> {
    caller.require(Action::ReadLeads)?;
    let c = check(st.clock.now(), &q, Dim::All)?;
    let r = trend_report(&st, &c).await?;
    let table = || Table {
        title: "Trend by week".into(),
        columns: ["week", "leads", "responded", "median_seconds", "within_5_min", "won"].map(String::from).to_vec(),
        rows: r
            .weeks
            .iter()
            .map(|w| {
                vec![
                    Cell::Text(w.week.clone()),
                    Cell::Int(w.leads),
                    Cell::Int(w.responded),
                    opt_num(w.median_seconds),
                    Cell::Int(w.within_5_min),
                    Cell::Int(w.won),
                ]
            })
            .collect(),
    };
    answer(c.format, &r, table, "trend")
}

// ── drill-down ──




/// The leads behind a report's figure, oldest first: `group_by` and `value` pick the group,
/// `figure` the count (the same names as the reports' fields).
#[utoipa::path(get, path = "/api/v1/reports/leads", tag = "reports", params(DrillQuery),
    responses((status = 200, description = "The report: JSON, or with `format` a CSV or XLSX download", content((DrillReport = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn drill(State(st): State<AppState>, caller: Caller, Query(q): Query<DrillQuery>) -> ApiResult<Response> {
    caller.require(Action::ReadLeads)?;
    let rq = ReportQuery {
        from: q.from.clone(),
        to: q.to.clone(),
        group_by: q.group_by.clone(),
        time: q.time.clone(),
        format: q.format.clone(),
        playbook: None,
    };
    let checked = check(st.clock.now(), &rq, Dim::All);
    let figure = q.figure.as_deref().map(str::trim).filter(|s| !s.is_empty()).unwrap_or("leads").to_owned();
    let mut e = checked.as_ref().err().cloned().unwrap_or_default();
    if !known_figure(&figure) {
        e.add("figure", format!("`{figure}` is not a report figure"));
    }
    let limit = match q.limit.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => 100,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if (1..=1000).contains(&n) => n,
            _ => {
                e.add("limit", "is between 1 and 1000");
                100
            }
        },
    };
    let after = q.after.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let cursor = after.and_then(cursor);
    if after.is_some() && cursor.is_none() {
        e.add("after", "is the `next` of a previous page");
    }
    e.into_result()?;
    let c = checked.expect("checked above");
    let r = drill_leads(&st, &c, q.value.as_deref(), &figure, limit, cursor).await?;
    let table = || Table {
        title: "Leads".into(),
        columns: [
            "lead",
            "received_at",
            "channel",
            "owner_id",
            "source",
            "segment",
            "response_seconds",
            "business_response_seconds",
            "status",
            "calls",
        ]
        .map(String::from)
        .to_vec(),
        rows: r
            .leads
            .iter()
            .map(|l| {
                vec![
                    Cell::Int(l.id),
                    Cell::Text(l.received_at.clone()),
                    Cell::Text(l.channel.clone()),
                    l.owner_id.map(Cell::Int).unwrap_or(Cell::Empty),
                    l.source.clone().map(Cell::Text).unwrap_or(Cell::Empty),
                    Cell::Text(l.segment.clone()),
                    l.response_seconds.map(Cell::Int).unwrap_or(Cell::Empty),
                    l.business_response_seconds.map(Cell::Int).unwrap_or(Cell::Empty),
                    Cell::Text(l.status.clone()),
                    Cell::Int(l.calls),
                ]
            })
            .collect(),
    };
    answer(c.format, &r, table, "leads")
}




// ── SLA ──






/// SLA compliance per playbook SLA: met and breached by the leads received in `[from, to)`,
/// and at risk right now (running, with who holds the lead and when it breaches).
#[utoipa::path(get, path = "/api/v1/reports/sla", tag = "reports", params(SlaQuery),
    responses((status = 200, description = "The report: JSON, or with `format` a CSV or XLSX download", content((SlaReport = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn sla(State(st): State<AppState>, caller: Caller, Query(q): Query<SlaQuery>) -> ApiResult<Response> {
    caller.require(Action::ReadLeads)?;
    let rq = ReportQuery { from: q.from, to: q.to, format: q.format, playbook: q.playbook, ..ReportQuery::default() };
    let c = check(st.clock.now(), &rq, Dim::All)?;
    let r = sla_report(&st, c.from, c.to, rq.playbook.as_deref().map(str::trim).filter(|s| !s.is_empty())).await?;
    let table = || Table {
        title: "SLA compliance".into(),
        columns: ["sla", "met", "breached", "compliance", "at risk now"].map(String::from).to_vec(),
        rows: r
            .slas
            .iter()
            .map(|s| {
                vec![
                    Cell::Text(s.sla.clone()),
                    Cell::Int(s.met),
                    Cell::Int(s.breached),
                    opt_num(s.compliance),
                    Cell::Int(s.at_risk.len() as i64),
                ]
            })
            .collect(),
    };
    answer(c.format, &r, table, "sla")
}

// ── scheduled reports ──


/// What a scheduled report (`secretary`, `sales`, `monthly`) shows for a period — the same
/// composition the e-mail is made of; `format=text` answers the e-mail's text.
#[utoipa::path(get, path = "/api/v1/reports/scheduled/{report}", tag = "reports", params(("report" = String, Path), ScheduledQuery),
    responses((status = 200), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn scheduled(
    State(st): State<AppState>,
    caller: Caller,
    Path(report): Path<String>,
    Query(q): Query<ScheduledQuery>,
) -> ApiResult<Response> {
    caller.require(Action::ReadLeads)?;
    let Some(kind) = ReportKind::parse(&report) else { return Err(ApiError::not_found("report")) };
    let tz = st.store.office_zone();
    let now = st.clock.now();
    let (dfrom, dto) = pronto_store::schedule::period(kind, now, &tz);
    let mut e = FieldErrors::new();
    let (from, to) = window(now, &q.from.or(Some(dfrom.to_string())), &q.to.or(Some(dto.to_string())), &mut e);
    let text = match q.format.as_deref().map(str::trim) {
        None | Some("") | Some("json") => false,
        Some("text") => true,
        Some(_) => {
            e.add("format", "is `json` or `text`");
            false
        }
    };
    e.into_result()?;
    let composed = st.store.compose_report(kind, from, to).await?;
    if text {
        let messages = st.store.playbooks().messages();
        let (subject, body) = pronto_store::schedule::render(&composed, &tz, &messages, messages.default_language);
        return Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], format!("Subject: {subject}\n\n{body}")).into_response());
    }
    Ok(Json(composed).into_response())
}

// ── offers (issue 20) ──

/// Offers of the leads received in `[from, to)`, per group: versions made, sent, accepted,
/// declined and with changes requested; the value offered (each lead's latest sent version)
/// and won, gross per currency; the time from the inquiry to the first offer sent and from an
/// offer sent to the customer's decision (median, 90th percentile), in wall-clock or working
/// time. With `playbook`, only that playbook's leads.
#[utoipa::path(get, path = "/api/v1/reports/offers", tag = "reports", params(ReportQuery),
    responses((status = 200, description = "The report: JSON, or with `format` a CSV or XLSX download", content((OffersReport = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn offers(State(st): State<AppState>, caller: Caller, Query(q): Query<ReportQuery>) -> ApiResult<Response> {
    caller.require(Action::ReadLeads)?;
    let c = check(st.clock.now(), &q, Dim::Channel)?;
    let r = offers_report(&st, &c, q.playbook.as_deref().map(str::trim).filter(|s| !s.is_empty())).await?;
    answer(c.format, &r, || offers_table(&r), "offers")
}

/// The offers report as a sheet: one column per currency for each amount.
pub(crate) fn offers_table(r: &OffersReport) -> Table {
    let currencies = |f: fn(&OffersGroup) -> &Vec<Money>| -> Vec<String> { f(&r.total).iter().map(|m| m.currency.clone()).collect() };
    let (offered, won) = (currencies(|g| &g.value_offered), currencies(|g| &g.value_won));
    let mut columns: Vec<String> =
        ["group", "leads", "leads sent", "made", "sent", "accepted", "declined", "changes requested", "acceptance"].map(String::from).to_vec();
    columns.extend(offered.iter().map(|c| format!("value offered {c}")));
    columns.extend(won.iter().map(|c| format!("value won {c}")));
    columns.extend(
        ["median_to_offer_seconds", "p90_to_offer_seconds", "median_to_decision_seconds", "p90_to_decision_seconds"].map(String::from),
    );
    // Money stays the exact decimal it travels as (never a float).
    let amount = |m: &[Money], c: &str| m.iter().find(|m| m.currency == c).map(|m| Cell::Text(m.amount.clone())).unwrap_or(Cell::Empty);
    let rows = r
        .groups
        .iter()
        .chain([&r.total])
        .map(|g| {
            let mut row = vec![
                Cell::Text(g.key.clone()),
                Cell::Int(g.leads),
                Cell::Int(g.leads_sent),
                Cell::Int(g.made),
                Cell::Int(g.sent),
                Cell::Int(g.accepted),
                Cell::Int(g.declined),
                Cell::Int(g.changes_requested),
                opt_num(g.acceptance),
            ];
            row.extend(offered.iter().map(|c| amount(&g.value_offered, c)));
            row.extend(won.iter().map(|c| amount(&g.value_won, c)));
            row.extend([
                opt_num(g.median_to_offer_seconds),
                opt_num(g.p90_to_offer_seconds),
                opt_num(g.median_to_decision_seconds),
                opt_num(g.p90_to_decision_seconds),
            ]);
            row
        })
        .collect();
    Table { title: "Offers".into(), columns, rows }
}

// ── money and the sales report (issue 21, item 7) ──

/// What the money and sales reports take: the window, the grouping (money only) and the
/// format. They count every playbook's invoices, in no time basis.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MoneyQuery {
    /// RFC 3339; default 30 days before `to`; must be before `to`.
    #[param(pattern = r"^((19[7-9][0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9]))?$")]
    pub from: Option<String>,
    /// RFC 3339, exclusive; default now.
    #[param(pattern = r"^((19[7-9][0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9]))?$")]
    pub to: Option<String>,
    /// `channel` (default), `owner`, `source`, `segment`, `hour`, `weekday`, `playbook` or
    /// `all` (the money report; the sales report is always by channel and by representative).
    #[param(pattern = r"^(channel|owner|source|segment|hour|weekday|playbook|all)?$")]
    pub group_by: Option<String>,
    /// `json` (default), `csv` or `xlsx`.
    #[param(pattern = r"^(json|csv|xlsx)?$")]
    pub format: Option<String>,
}

impl MoneyQuery {
    fn report(self) -> ReportQuery {
        ReportQuery { from: self.from, to: self.to, group_by: self.group_by, format: self.format, ..Default::default() }
    }
}

fn amounts_columns(all: &[Money]) -> Vec<String> {
    all.iter().map(|m| m.currency.clone()).collect()
}

/// Money stays the exact decimal it travels as (never a float).
fn amount_cell(m: &[Money], c: &str) -> Cell {
    m.iter().find(|m| m.currency == c).map(|m| Cell::Text(m.amount.clone())).unwrap_or(Cell::Empty)
}

/// Invoiced, paid and outstanding per group of the leads the invoices are for: invoices issued
/// and paid in full in `[from, to)`, the money invoiced and received in it per currency, and
/// what is owed (and overdue) at its end.
#[utoipa::path(get, path = "/api/v1/reports/money", tag = "reports", params(MoneyQuery),
    responses((status = 200, description = "The report: JSON, or with `format` a CSV or XLSX download", content((MoneyReport = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 400, body = Problem), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn money(State(st): State<AppState>, caller: Caller, crate::error::ProblemQuery(q): crate::error::ProblemQuery<MoneyQuery>) -> ApiResult<Response> {
    caller.require(Action::ReadLeads)?;
    let c = check(st.clock.now(), &q.report(), Dim::Channel)?;
    let r = money_report(&st, &c).await?;
    answer(c.format, &r, || money_table(&r), "money")
}

/// The money report as a sheet: one column per currency for each amount.
pub(crate) fn money_table(r: &MoneyReport) -> Table {
    let t = &r.total;
    let sets: [(&str, Vec<String>, fn(&MoneyGroup) -> &Vec<Money>); 4] = [
        ("invoiced", amounts_columns(&t.invoiced), |g| &g.invoiced),
        ("received", amounts_columns(&t.received), |g| &g.received),
        ("outstanding", amounts_columns(&t.outstanding), |g| &g.outstanding),
        ("overdue", amounts_columns(&t.overdue), |g| &g.overdue),
    ];
    let mut columns: Vec<String> = ["group", "invoices issued", "invoices paid", "overdue invoices"].map(String::from).to_vec();
    for (name, cur, _) in &sets {
        columns.extend(cur.iter().map(|c| format!("{name} {c}")));
    }
    let rows = r
        .groups
        .iter()
        .chain([&r.total])
        .map(|g| {
            let mut row = vec![Cell::Text(g.key.clone()), Cell::Int(g.invoices_issued), Cell::Int(g.invoices_paid), Cell::Int(g.overdue_invoices)];
            for (_, cur, f) in &sets {
                row.extend(cur.iter().map(|c| amount_cell(f(g), c)));
            }
            row
        })
        .collect();
    Table { title: "Money".into(), columns, rows }
}

/// The sales report of the seed (`001`): per channel and per representative, the leads
/// received in `[from, to)`, won and lost, invoices issued and paid, the money invoiced,
/// received and outstanding, the quality calls' positive and negative answers, and the
/// complaints recorded — counted, each line linking the Complaints page that lists them —,
/// with the totals of this window and of the window of the same length before it.
#[utoipa::path(get, path = "/api/v1/reports/sales", tag = "reports", params(MoneyQuery),
    responses((status = 200, description = "The report: JSON, or with `format` a CSV or XLSX download", content((SalesReport = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 400, body = Problem), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn sales(State(st): State<AppState>, caller: Caller, crate::error::ProblemQuery(q): crate::error::ProblemQuery<MoneyQuery>) -> ApiResult<Response> {
    caller.require(Action::ReadLeads)?;
    // `group_by` is checked like everywhere, and the report is by channel and representative.
    let c = check(st.clock.now(), &q.report(), Dim::Channel)?;
    let r = sales_report(&st, &c).await?;
    answer(c.format, &r, || sales_table(&r), "sales")
}

/// The sales report as a sheet: a row per channel, then per representative, then the totals
/// of this window and of the one before.
pub(crate) fn sales_table(r: &SalesReport) -> Table {
    let t = &r.total;
    let sets: [(&str, Vec<String>, fn(&SalesLine) -> &Vec<Money>); 3] = [
        ("invoiced", amounts_columns(&t.invoiced), |g| &g.invoiced),
        ("received", amounts_columns(&t.received), |g| &g.received),
        ("outstanding", amounts_columns(&t.outstanding), |g| &g.outstanding),
    ];
    let mut columns: Vec<String> =
        ["by", "group", "leads", "won", "lost", "invoices issued", "invoices paid", "quality positive", "quality negative", "complaints"]
            .map(String::from)
            .to_vec();
    for (name, cur, _) in &sets {
        columns.extend(cur.iter().map(|c| format!("{name} {c}")));
    }
    columns.push("complaints link".into());
    let rows = r
        .by_channel
        .iter()
        .map(|l| ("channel", l))
        .chain(r.by_representative.iter().map(|l| ("representative", l)))
        .chain([("total", &r.total), ("previous period", &r.previous)])
        .map(|(by, l)| {
            let mut row = vec![
                Cell::Text(by.into()),
                Cell::Text(l.key.clone()),
                Cell::Int(l.leads),
                Cell::Int(l.won),
                Cell::Int(l.lost),
                Cell::Int(l.invoices_issued),
                Cell::Int(l.invoices_paid),
                Cell::Int(l.quality_positive),
                Cell::Int(l.quality_negative),
                Cell::Int(l.complaints),
            ];
            for (_, cur, f) in &sets {
                row.extend(cur.iter().map(|c| amount_cell(f(l), c)));
            }
            row.push(Cell::Text(l.complaints_url.clone()));
            row
        })
        .collect();
    Table { title: "Sales".into(), columns, rows }
}
