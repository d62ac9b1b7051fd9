//! Payments (issue 21, payments): `POST/GET /api/v1/invoices/{id}/payments`, a bank statement's
//! import (`POST /api/v1/payments/import?format=csv|gpc`, the file as the body) and the review
//! list of lines no invoice matched (`GET /api/v1/payments/unmatched`, assign, dismiss). Thin
//! adapters over `app::payments`; money as decimal strings.

use super::path_id;
use crate::AppState;
use crate::app;
use crate::app::payments::PaymentIn;
use crate::auth::Caller;
use crate::dto::InvoiceOut;
use crate::error::{ApiResult, Problem};
use crate::extract::{json_body, read_body};
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use pronto_store::payments::{PaymentRecord, StatementLineRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(record_payment, list_payments))
        .routes(routes!(import_statement))
        .routes(routes!(unmatched))
        .routes(routes!(assign_line))
        .routes(routes!(dismiss_line))
}

/// A payment of an invoice.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentOut {
    pub id: i64,
    pub invoice_id: i64,
    pub lead_id: i64,
    /// A decimal string in the invoice's currency.
    pub amount: String,
    pub currency: String,
    /// The day the money arrived (`YYYY-MM-DD`).
    pub paid_at: String,
    pub reference: Option<String>,
    /// `manual`, `api` or `import`.
    pub source: String,
    pub recorded_at: String,
}

impl From<PaymentRecord> for PaymentOut {
    fn from(p: PaymentRecord) -> Self {
        PaymentOut {
            id: p.id,
            invoice_id: p.invoice_id,
            lead_id: p.lead_id,
            amount: p.amount,
            currency: p.currency,
            paid_at: p.paid_on,
            reference: p.reference,
            source: p.source,
            recorded_at: p.recorded_at.to_string(),
        }
    }
}

/// A recorded payment and the invoice after it (`paid` and `status` followed).
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentRecorded {
    #[serde(flatten)]
    pub payment: PaymentOut,
    /// This payment paid the invoice in full: the customer was told and the playbook went on.
    pub paid_in_full: bool,
    pub invoice: InvoiceOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentList {
    pub items: Vec<PaymentOut>,
}

/// A line of an imported bank statement.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementLineOut {
    pub id: i64,
    pub statement_id: i64,
    /// The line's place in the file.
    pub line: i64,
    /// The day the bank booked it (`YYYY-MM-DD`).
    pub date: String,
    /// A decimal string; negative for money sent.
    pub amount: String,
    pub currency: Option<String>,
    pub reference: String,
    pub counterparty: String,
    pub message: String,
    /// `matched` (recorded as a payment), `unmatched` (in review), `assigned`, `dismissed`.
    pub status: String,
    /// Why it did not match: `not_a_credit`, `no_reference`, `unknown_reference`, `cancelled`,
    /// `already_paid`, `currency`, `overpayment`.
    pub reason: Option<String>,
    pub invoice_id: Option<i64>,
    pub invoice_number: Option<String>,
}

impl From<StatementLineRecord> for StatementLineOut {
    fn from(l: StatementLineRecord) -> Self {
        StatementLineOut {
            id: l.id,
            statement_id: l.statement_id,
            line: l.line,
            date: l.booked_on,
            amount: l.amount,
            currency: l.currency,
            reference: l.reference,
            counterparty: l.counterparty,
            message: l.message,
            status: l.status,
            reason: l.reason,
            invoice_id: l.invoice_id,
            invoice_number: l.invoice_number,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatementLineList {
    pub items: Vec<StatementLineOut>,
}

/// What an import did: every line, how many became payments, how many wait for review.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportOut {
    pub statement_id: i64,
    pub matched: i64,
    pub unmatched: i64,
    pub items: Vec<StatementLineOut>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `csv` (columns date, amount, currency, reference, counterparty, message; `;` or `,`) or
    /// `gpc` (ABO/GPC, the Czech banks' fixed-width `074`/`075` records).
    pub format: Option<String>,
    /// The file's name, kept with the statement.
    pub name: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LinesQuery {
    /// `unmatched` (the default: the review list), `matched`, `assigned`, `dismissed`, `all`.
    #[param(pattern = r"^(unmatched|matched|assigned|dismissed|all)?$")]
    pub status: Option<String>,
}

/// Assign a line in review to an invoice: by `invoice_id`, or by its `number`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct AssignIn {
    pub invoice_id: Option<i64>,
    pub number: Option<String>,
}

/// Record a payment on the invoice: `amount` a decimal string, at most what is left (more is
/// `422` naming `amount`); `paid_at` the day it arrived (today when left out); `reference` as
/// the transfer carried it. The invoice's `paid` and `status` follow; when this pays it in
/// full the customer is told and the playbook's `invoice.paid` runs. The lead's owner,
/// managers and admins.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/payments", tag = "payments", request_body = PaymentIn,
    params(("id" = i64, Path)),
    responses((status = 201, description = "Recorded", body = PaymentRecorded),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn record_payment(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let id = path_id(&id, "invoice")?;
    let (input, _): (PaymentIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let o = app::payments::record(&st, &caller, id, &input, "api").await?;
    let out = PaymentRecorded { payment: o.payment.into(), paid_in_full: o.in_full, invoice: InvoiceOut::at(o.invoice, st.clock.now()) };
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

/// The invoice's payments, oldest first.
#[utoipa::path(get, path = "/api/v1/invoices/{id}/payments", tag = "payments",
    params(("id" = i64, Path)),
    responses((status = 200, body = PaymentList), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_payments(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<PaymentList>> {
    let id = path_id(&id, "invoice")?;
    let items = app::payments::list(&st, &caller, id).await?;
    Ok(Json(PaymentList { items: items.into_iter().map(Into::into).collect() }))
}

/// Import a bank statement (the file as the body): each credit whose reference is an invoice's
/// variable symbol (or number) and whose amount is what is left or less is recorded as its
/// payment; every other line waits in the review list with the reason. Managers and admins.
#[utoipa::path(post, path = "/api/v1/payments/import", tag = "payments",
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportOut), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 413, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn import_statement(
    State(st): State<AppState>,
    caller: Caller,
    crate::error::ProblemQuery(q): crate::error::ProblemQuery<ImportQuery>,
    body: Body,
) -> ApiResult<Json<ImportOut>> {
    caller.require(pronto_domain::user::Action::ReconcilePayments)?;
    let bytes = read_body(body, st.config.body_limit.max(app::payments::STATEMENT_MAX_BYTES)).await?;
    let format = q.format.unwrap_or_else(|| "csv".into());
    let name = q.name.map(|n| n.chars().filter(|c| !c.is_control()).take(200).collect());
    let o = app::payments::import(&st, &caller, &format, name, &bytes).await?;
    Ok(Json(ImportOut {
        statement_id: o.statement_id,
        matched: o.matched,
        unmatched: o.unmatched,
        items: o.lines.into_iter().map(Into::into).collect(),
    }))
}

/// The review list: statement lines no invoice matched, newest first (or those in `status`).
/// Managers and admins.
#[utoipa::path(get, path = "/api/v1/payments/unmatched", tag = "payments",
    params(LinesQuery),
    responses((status = 200, body = StatementLineList), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn unmatched(State(st): State<AppState>, caller: Caller, crate::error::ProblemQuery(q): crate::error::ProblemQuery<LinesQuery>) -> ApiResult<Json<StatementLineList>> {
    let items = app::payments::lines(&st, &caller, q.status.as_deref().filter(|s| !s.is_empty())).await?;
    Ok(Json(StatementLineList { items: items.into_iter().map(Into::into).collect() }))
}

/// Assign a line in review to an invoice: it is recorded as the invoice's payment (more than
/// is left is `422`). A line already decided is `409`.
#[utoipa::path(post, path = "/api/v1/payments/unmatched/{id}/assign", tag = "payments", request_body = AssignIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = StatementLineOut), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn assign_line(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<StatementLineOut>> {
    let id = path_id(&id, "statement line")?;
    let (input, _): (AssignIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let (line, _) = app::payments::assign(&st, &caller, id, input.invoice_id, input.number.as_deref()).await?;
    Ok(Json(line.into()))
}

/// Dismiss a line in review: not a payment of any invoice. A line already decided is `409`.
#[utoipa::path(post, path = "/api/v1/payments/unmatched/{id}/dismiss", tag = "payments",
    params(("id" = i64, Path)),
    responses((status = 200, body = StatementLineOut), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)),
    security(("bearer" = [])))]
pub async fn dismiss_line(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<StatementLineOut>> {
    let id = path_id(&id, "statement line")?;
    Ok(Json(app::payments::dismiss(&st, &caller, id).await?.into()))
}
