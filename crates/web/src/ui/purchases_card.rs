//! The lead card's "Supplier" section (issue 21, purchases): each purchase with its supplier,
//! status, lines (our and the supplier's article numbers), the supplier's invoice (opened by
//! the lead's owner, managers and admins) or a manager's override; for those who work the
//! deal, "Ask the supplier for their invoice" per accepted offer and the upload of the
//! supplier's invoice; for managers, the override (with its reason) and "the supplier paid".
//! No script: plain forms that come back to the card with a notice in the reader's words.

use super::error::PageResult;
use super::i18n::Tr;
use super::{Signed, fail};
use crate::AppState;
use crate::app::{self, purchases as uc};
use crate::public_offers::amount;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Form, Multipart, Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::post;
use pronto_store::OfferRecord;
use pronto_store::purchases::PurchaseRecord;
use serde::Deserialize;
use std::collections::HashMap;

pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/leads/{id}/purchases", post(request))
        .route("/leads/{id}/purchases/{pid}/supplier-invoice", post(attach).layer(DefaultBodyLimit::max(uc::FILE_MAX + 64 * 1024)))
        .route("/leads/{id}/purchases/{pid}/override", post(override_))
        .route("/leads/{id}/purchases/{pid}/paid", post(paid))
}

/// One purchase as the card shows it.
pub struct PurchaseRow {
    pub id: i64,
    pub supplier: String,
    pub status_id: String,
    pub status: String,
    /// Each line: "name · quantity" and its article numbers ("our …", "supplier's …"), kept
    /// apart so that an article number is never broken over two lines.
    pub lines: Vec<(String, Vec<String>)>,
    /// "Supplier's invoice FV-118: 900.00 CZK" and whether the reader may open it.
    pub invoice: Option<String>,
    pub may_open: bool,
    pub overridden: Option<String>,
    pub paid: Option<String>,
    pub waiting: bool,
    /// The forms offered: attach (work the deal, not paid), override and paid (managers).
    pub may_attach: bool,
    pub may_override: bool,
    pub may_pay: bool,
    /// The currency the upload form starts with (the offer's).
    pub currency: String,
}

/// The card's "Supplier" part.
pub struct PurchasesCard {
    pub lead_id: i64,
    pub rows: Vec<PurchaseRow>,
    /// The accepted offers without a purchase: (offer id, "Ask the supplier … (version 2)").
    pub requestable: Vec<(i64, String)>,
    pub may_work: bool,
    pub notice: Option<String>,
    pub error: Option<String>,
}

impl PurchasesCard {
    /// Nothing to show and nothing to do: the section is left out (the agency's services).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.requestable.is_empty()
    }
}

/// What the reader may do here.
#[derive(Debug, Clone, Copy)]
pub struct May {
    pub work: bool,
    pub manage: bool,
    pub open: bool,
}

#[allow(clippy::too_many_arguments)]
pub fn card(
    t: &Tr,
    lead_id: i64,
    purchases: &[PurchaseRecord],
    offers: &[OfferRecord],
    may: May,
    local_date: impl Fn(jiff::Timestamp) -> String,
    q: &HashMap<String, String>,
) -> PurchasesCard {
    let rows = purchases
        .iter()
        .map(|p| {
            let currency = p
                .invoice
                .as_ref()
                .map(|i| i.currency.clone())
                .or_else(|| offers.iter().find(|o| Some(o.id) == p.offer_id).map(|o| o.currency.clone()))
                .unwrap_or_default();
            PurchaseRow {
                id: p.id,
                supplier: p.supplier.clone(),
                status_id: p.status.clone(),
                status: t.t(&format!("pur-status-{}", p.status)),
                lines: p
                    .lines
                    .iter()
                    .map(|l| {
                        let s = t.with("pur-card-line", &[("name", &t.iso(&l.name)), ("quantity", &amount(t, &l.quantity))]);
                        let mut skus = Vec::new();
                        if let Some(sku) = &l.sku {
                            skus.push(t.with("pur-card-article", &[("sku", &t.iso(sku))]));
                        }
                        if let Some(sku) = &l.supplier_sku {
                            skus.push(t.with("pur-card-supplier-article", &[("sku", &t.iso(sku))]));
                        }
                        (s, skus)
                    })
                    .collect(),
                invoice: p.invoice.as_ref().map(|i| {
                    t.with(
                        "pur-card-invoice",
                        &[("number", &t.iso(&i.number)), ("amount", &t.iso(&format!("{}\u{a0}{}", amount(t, &i.amount), i.currency)))],
                    )
                }),
                may_open: may.open && p.invoice.is_some(),
                overridden: p
                    .override_
                    .as_ref()
                    .map(|o| t.with("pur-card-overridden", &[("date", &t.iso(&local_date(o.at))), ("reason", &t.iso(&o.reason))])),
                paid: p.paid_at.map(|at| t.with("pur-card-paid-on", &[("date", &t.iso(&local_date(at)))])),
                waiting: p.blocks_invoice(),
                may_attach: may.work && p.status != "paid",
                may_override: may.manage && p.blocks_invoice(),
                may_pay: may.manage && p.status == "invoice_received",
                currency,
            }
        })
        .collect();
    let requestable = offers
        .iter()
        .filter(|o| o.status == "accepted" && !purchases.iter().any(|p| p.offer_id == Some(o.id)))
        .map(|o| (o.id, t.with("pur-card-request", &[("version", &o.version.to_string())])))
        .collect();
    let notice = match q.get("purchase").map(String::as_str) {
        Some(k @ ("requested" | "attached" | "overridden" | "paid")) => Some(t.t(&format!("pur-done-{k}"))),
        _ => None,
    };
    let error = match q.get("purchase").map(String::as_str) {
        Some(k @ ("supplier" | "file" | "invoice" | "reason" | "conflict")) => Some(t.t(&format!("pur-err-{k}"))),
        _ => None,
    };
    PurchasesCard { lead_id, rows, requestable, may_work: may.work, notice, error }
}

/// The supplier's invoices attached to the purchases of `offer_id`: (word, address) for the
/// invoices card ("Supplier's invoice FV-118 attached").
pub fn attached_to(t: &Tr, purchases: &[PurchaseRecord], offer_id: i64, may_open: bool) -> Vec<(String, Option<String>)> {
    purchases
        .iter()
        .filter(|p| p.offer_id == Some(offer_id))
        .filter_map(|p| {
            let i = p.invoice.as_ref()?;
            let url = may_open.then(|| format!("/api/v1/purchases/{}/supplier-invoice", p.id));
            Some((t.with("pur-invoice-attached", &[("number", &t.iso(&i.number))]), url))
        })
        .collect()
}

fn lead_id(raw: &str) -> Option<i64> {
    raw.parse::<i64>().ok().filter(|i| *i > 0)
}

/// Where a use case's answer sends the reader: back to the card with a notice or a refusal in
/// their words; anything else is the error page.
fn back(st: &AppState, c: &crate::auth::Caller, t: &std::sync::Arc<Tr>, id: i64, r: app::Result<String>) -> PageResult {
    let to = |k: &str| Ok(Redirect::to(&format!("/leads/{id}?purchase={k}#purchases")).into_response());
    match r {
        Ok(k) => to(&k),
        Err(app::Error::Invalid(e)) => {
            let f = e.0.first().map(|f| f.field.as_str()).unwrap_or_default();
            let k = match f {
                "supplier" | "lines" => "supplier",
                "file" => "file",
                "reason" => "reason",
                _ => "invoice",
            };
            to(k)
        }
        Err(app::Error::Conflict(_)) => to("conflict"),
        Err(e) => Err(fail(st, c, t, &format!("/leads/{id}"))(e)),
    }
}

#[derive(Deserialize)]
struct RequestForm {
    #[serde(default)]
    offer_id: String,
    #[serde(default)]
    supplier: String,
}

/// `POST /leads/{id}/purchases` (`offer_id`, `supplier`): asks the supplier for their invoice.
async fn request(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<String>, Form(f): Form<RequestForm>) -> PageResult {
    let id = lead_id(&id).ok_or_else(|| fail(&st, &c, &t, "/inbox")(app::Error::not_found("lead")))?;
    let offer = f.offer_id.trim().parse::<i64>().ok();
    let supplier = Some(f.supplier.as_str()).filter(|s| !s.trim().is_empty());
    let r = uc::request(&st, &c, id, offer, supplier, None).await.map(|_| "requested".to_owned());
    back(&st, &c, &t, id, r)
}

/// `POST /leads/{id}/purchases/{pid}/supplier-invoice` (multipart: file, number, amount, currency).
async fn attach(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path((id, pid)): Path<(String, String)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> PageResult {
    let id = lead_id(&id).ok_or_else(|| fail(&st, &c, &t, "/inbox")(app::Error::not_found("lead")))?;
    let pid = lead_id(&pid).ok_or_else(|| fail(&st, &c, &t, "/inbox")(app::Error::not_found("purchase")))?;
    // Permission before reading the upload.
    c.require(pronto_domain::user::Action::WorkDeal).map_err(fail(&st, &c, &t, &format!("/leads/{id}")))?;
    let a = match multipart {
        Ok(mp) => crate::api::purchases::read_form(mp).await,
        Err(_) => uc::Attachment { number: String::new(), amount: String::new(), currency: String::new(), file: None, too_large: false },
    };
    let r = uc::attach(&st, &c, pid, a).await.map(|_| "attached".to_owned());
    back(&st, &c, &t, id, r)
}

#[derive(Deserialize)]
struct OverrideForm {
    #[serde(default)]
    reason: String,
}

/// `POST /leads/{id}/purchases/{pid}/override` (`reason`): managers only.
async fn override_(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path((id, pid)): Path<(String, String)>,
    Form(f): Form<OverrideForm>,
) -> PageResult {
    let id = lead_id(&id).ok_or_else(|| fail(&st, &c, &t, "/inbox")(app::Error::not_found("lead")))?;
    let pid = lead_id(&pid).ok_or_else(|| fail(&st, &c, &t, "/inbox")(app::Error::not_found("purchase")))?;
    let r = uc::override_(&st, &c, pid, Some(&f.reason)).await.map(|_| "overridden".to_owned());
    back(&st, &c, &t, id, r)
}

/// `POST /leads/{id}/purchases/{pid}/paid`: managers only.
async fn paid(State(st): State<AppState>, Signed(c, t): Signed, Path((id, pid)): Path<(String, String)>) -> PageResult {
    let id = lead_id(&id).ok_or_else(|| fail(&st, &c, &t, "/inbox")(app::Error::not_found("lead")))?;
    let pid = lead_id(&pid).ok_or_else(|| fail(&st, &c, &t, "/inbox")(app::Error::not_found("purchase")))?;
    let r = uc::paid(&st, &c, pid).await.map(|_| "paid".to_owned());
    back(&st, &c, &t, id, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_of_the_section_is_there_in_every_language() {
        for lang in ["en", "cs", "ru", "pl", "he"] {
            let t = Tr::new(lang);
            for s in pronto_domain::purchase::STATUSES {
                let w = t.t(&format!("pur-status-{s}"));
                assert!(!w.starts_with("pur-") && !w.contains('_'), "{lang} {s}: {w}");
            }
            for k in ["requested", "attached", "overridden", "paid"] {
                assert!(!t.t(&format!("pur-done-{k}")).starts_with("pur-"), "{lang} {k}");
            }
            for k in ["supplier", "file", "invoice", "reason", "conflict"] {
                assert!(!t.t(&format!("pur-err-{k}")).starts_with("pur-"), "{lang} {k}");
            }
            for k in [
                "pur-card-title",
                "pur-card-none",
                "pur-card-open",
                "pur-card-attach",
                "pur-card-file",
                "pur-card-number",
                "pur-card-amount",
                "pur-card-currency",
                "pur-card-override",
                "pur-card-reason",
                "pur-card-paid",
                "pur-card-waiting",
                "pur-card-supplier",
                "pur-invoice-refused",
            ] {
                assert!(!t.t(k).starts_with("pur-"), "{lang} {k}");
            }
        }
    }
}
