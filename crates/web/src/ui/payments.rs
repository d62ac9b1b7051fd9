//! The payments page (`/payments`, issue 21): for managers and admins, a bank statement's upload
//! (CSV or ABO/GPC; each credit whose reference and amount fit an invoice is recorded on it) and
//! the review list of the lines that did not match — each with why, to record on an invoice
//! given by its number or to dismiss. Dates in the reader's way, amounts with their currency.

use super::error::PageResult;
use super::{LANGUAGES, Signed, fail, i18n::Tr, page};
use crate::AppState;
use crate::app::{self, payments as uc};
use crate::auth::Caller;
use crate::public_offers::{amount, date};
use askama::Template;
use axum::extract::{DefaultBodyLimit, Form, Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use pronto_domain::user::Action;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;

pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/payments", get(page_get))
        .route("/payments/import", post(import).layer(DefaultBodyLimit::max(uc::STATEMENT_MAX_BYTES + 64 * 1024)))
        .route("/payments/lines/{id}/assign", post(assign))
        .route("/payments/lines/{id}/dismiss", post(dismiss))
}

struct Line {
    id: i64,
    date: String,
    amount: String,
    reference: String,
    counterparty: String,
    message: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "payments.html")]
struct PaymentsPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    lines: Vec<Line>,
    notice: Option<String>,
    error: Option<String>,
}

fn may(st: &AppState, c: &Caller, t: &Arc<Tr>) -> Result<(), super::error::UiError> {
    c.require(Action::ReconcilePayments).map_err(fail(st, c, t, "/inbox"))
}

async fn page_get(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> PageResult {
    may(&st, &c, &t)?;
    let notice = match q.get("done").map(String::as_str) {
        Some("imported") => Some(t.with(
            "pay-imported",
            &[("matched", q.get("m").map(String::as_str).unwrap_or("0")), ("unmatched", q.get("u").map(String::as_str).unwrap_or("0"))],
        )),
        Some("assigned") => Some(t.with("pay-assigned", &[("number", q.get("n").map(String::as_str).unwrap_or_default())])),
        Some("dismissed") => Some(t.t("pay-dismissed")),
        _ => None,
    };
    render(&st, &c, t, notice, None).await
}

async fn render(st: &AppState, c: &Caller, t: Arc<Tr>, notice: Option<String>, error: Option<String>) -> PageResult {
    let items = uc::lines(st, c, None).await.map_err(fail(st, c, &t, "/inbox"))?;
    let lines = items
        .into_iter()
        .map(|l| Line {
            id: l.id,
            date: date(&t, &l.booked_on),
            amount: format!("{}\u{a0}{}", amount(&t, &l.amount), l.currency.clone().unwrap_or_default()).trim().to_owned(),
            reference: l.reference,
            counterparty: l.counterparty,
            message: l.message,
            reason: l.reason.map(|r| t.t(&format!("pay-reason-{r}"))).unwrap_or_default(),
        })
        .collect();
    Ok(page(PaymentsPage {
        admin: c.role == pronto_domain::user::Role::Admin,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "payments",
        languages: LANGUAGES,
        lines,
        notice,
        error,
        t,
    }))
}

/// A refusal as the page's message: the first field's message (the reader sees which).
fn why(e: &app::Error) -> String {
    match e {
        app::Error::Invalid(f) => f.0.first().map(|f| f.message.clone()).unwrap_or_default(),
        other => other.to_string(),
    }
}

async fn import(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    m: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> PageResult {
    may(&st, &c, &t)?;
    let (mut bytes, mut format, mut name) = (Vec::new(), "csv".to_owned(), None);
    if let Ok(mut m) = m {
        while let Ok(Some(field)) = m.next_field().await {
            match field.name() {
                Some("file") => {
                    name = field.file_name().map(|n| n.chars().filter(|c| !c.is_control()).take(200).collect());
                    bytes = field.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
                }
                Some("format") => format = field.text().await.unwrap_or_default(),
                _ => {}
            }
        }
    }
    match uc::import(&st, &c, &format, name, &bytes).await {
        Ok(o) => Ok(Redirect::to(&format!("/payments?done=imported&m={}&u={}", o.matched, o.unmatched)).into_response()),
        Err(e @ (app::Error::Invalid(_) | app::Error::Conflict(_))) => {
            let msg = t.with("pay-error", &[("why", &why(&e))]);
            render(&st, &c, t, None, Some(msg)).await
        }
        Err(e) => Err(fail(&st, &c, &t, "/payments")(e)),
    }
}

#[derive(Deserialize)]
struct AssignForm {
    #[serde(default)]
    number: String,
}

async fn assign(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<String>, Form(f): Form<AssignForm>) -> PageResult {
    let id = id.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| fail(&st, &c, &t, "/payments")(app::Error::not_found("line")))?;
    match uc::assign(&st, &c, id, None, Some(&f.number)).await {
        Ok((l, _)) => {
            let n: String =
                l.invoice_number.unwrap_or_default().chars().filter(|c| c.is_ascii_alphanumeric() || "-._".contains(*c)).collect();
            Ok(Redirect::to(&format!("/payments?done=assigned&n={n}")).into_response())
        }
        Err(e @ (app::Error::Invalid(_) | app::Error::Conflict(_))) => {
            let msg = t.with("pay-error", &[("why", &why(&e))]);
            render(&st, &c, t, None, Some(msg)).await
        }
        Err(e) => Err(fail(&st, &c, &t, "/payments")(e)),
    }
}

async fn dismiss(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<String>) -> PageResult {
    let id = id.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| fail(&st, &c, &t, "/payments")(app::Error::not_found("line")))?;
    match uc::dismiss(&st, &c, id).await {
        Ok(_) => Ok(Redirect::to("/payments?done=dismissed").into_response()),
        Err(e @ app::Error::Conflict(_)) => {
            let msg = t.with("pay-error", &[("why", &why(&e))]);
            render(&st, &c, t, None, Some(msg)).await
        }
        Err(e) => Err(fail(&st, &c, &t, "/payments")(e)),
    }
}
