//! The supplier's purchase (issue 21, item 4): request the supplier's invoice for the lead's
//! accepted offer (one purchase per supplier, the lines with the supplier's article numbers),
//! attach the supplier's invoice (the file sealed by the store), a manager's override (the
//! reason required, recorded and audited), the supplier paid; read them, and open the file
//! (the lead's owner, managers and admins; every opening audited).
//!
//! Permission comes first, before any validation or write: requesting and attaching are working
//! the deal ([`Action::WorkDeal`]); overriding and paying are management's
//! ([`Action::ManagePurchases`]); the file is the customer's business papers
//! ([`Action::ReadPersonalData`]).

use super::{Error, Result, or_not_found};
use crate::AppState;
use crate::auth::Caller;
use pronto_domain::FieldErrors;
use pronto_domain::purchase;
use pronto_domain::user::Action;
use pronto_store::purchases::{PurchaseLineInput, PurchaseRecord};
use serde_json::json;

/// The largest supplier's invoice file the API and the page take.
pub const FILE_MAX: usize = 10 * 1024 * 1024;

/// One line as the caller gives it.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct LineIn {
    /// Our article number (optional).
    pub sku: Option<String>,
    /// The supplier's article number (optional).
    pub supplier_sku: Option<String>,
    #[schema(max_length = 200)]
    pub name: Option<String>,
    /// A decimal above zero, as text (`"2"`).
    pub quantity: Option<String>,
}

/// Checks typed lines, every problem at once (`lines[0].name` …).
pub fn parse_lines(lines: &[LineIn]) -> std::result::Result<Vec<PurchaseLineInput>, FieldErrors> {
    let mut e = FieldErrors::new();
    if lines.is_empty() {
        e.add("lines", "at least one line, or leave `lines` out to copy the offer's");
    }
    let opt = |v: &Option<String>, field: String, e: &mut FieldErrors| -> Option<String> {
        let v = v.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
        e.take(&field, purchase::one_line(v, 64))
    };
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let sku = opt(&l.sku, format!("lines[{i}].sku"), &mut e);
        let supplier_sku = opt(&l.supplier_sku, format!("lines[{i}].supplier_sku"), &mut e);
        let name = e.take(&format!("lines[{i}].name"), purchase::one_line(l.name.as_deref().unwrap_or_default(), 200));
        let quantity = e.take(&format!("lines[{i}].quantity"), purchase::quantity(l.quantity.as_deref().unwrap_or_default()));
        if let (Some(name), Some(quantity)) = (name, quantity) {
            out.push(PurchaseLineInput { sku, supplier_sku, name, quantity });
        }
    }
    e.into_result()?;
    Ok(out)
}

/// Requests the supplier's invoice for the accepted offer `offer_id` of lead `lead_id`.
pub async fn request(
    st: &AppState,
    caller: &Caller,
    lead_id: i64,
    offer_id: Option<i64>,
    supplier: Option<&str>,
    lines: Option<&[LineIn]>,
) -> Result<Vec<PurchaseRecord>> {
    caller.require(Action::WorkDeal)?;
    st.store.lead(lead_id).await.map_err(|e| or_not_found(e, "lead"))?;
    let mut e = FieldErrors::new();
    let offer_id = match offer_id {
        Some(id) => Some(id),
        None => {
            e.add("offer_id", "is required: the offer the customer accepted");
            None
        }
    };
    let supplier = supplier.map(str::trim).filter(|s| !s.is_empty()).and_then(|s| e.take("supplier", purchase::supplier_name(s)));
    let lines = match lines.map(parse_lines) {
        None => None,
        Some(Ok(l)) => Some(l),
        Some(Err(errs)) => {
            e.0.extend(errs.0);
            None
        }
    };
    e.into_result()?;
    let offer_id = offer_id.expect("checked");
    st.store.request_purchase(lead_id, offer_id, supplier, lines, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "lead"))
}

/// One purchase.
pub async fn get(st: &AppState, caller: &Caller, id: i64) -> Result<PurchaseRecord> {
    caller.require(Action::ReadLeads)?;
    st.store.purchase(id).await.map_err(|e| or_not_found(e, "purchase"))
}

/// A lead's purchases, oldest first.
pub async fn list(st: &AppState, caller: &Caller, lead_id: i64) -> Result<Vec<PurchaseRecord>> {
    caller.require(Action::ReadLeads)?;
    st.store.lead_purchases(lead_id).await.map_err(|e| or_not_found(e, "lead"))
}

/// Management's list: purchases in `status` (all when none), newest first.
pub async fn management(st: &AppState, caller: &Caller, status: Option<&str>) -> Result<Vec<PurchaseRecord>> {
    caller.require(Action::ManagePurchases)?;
    let status = status.map(str::trim).filter(|s| !s.is_empty());
    if let Some(s) = status
        && !purchase::STATUSES.contains(&s)
    {
        return Err(Error::invalid("status", format!("`{s}` is not one of {}", purchase::STATUSES.join(", "))));
    }
    Ok(st.store.purchases(status.map(str::to_owned), 500).await?)
}

/// The supplier's invoice as typed, with its file (already read).
pub struct Attachment {
    pub number: String,
    pub amount: String,
    pub currency: String,
    /// The file's name as sent and its bytes; `None` when no file came.
    pub file: Option<(String, Vec<u8>)>,
    pub too_large: bool,
}

/// Attaches the supplier's invoice to purchase `id`: number, amount, currency and the file (a
/// document as the customer's page takes: PDF, image, office document; the claimed type is
/// ignored).
pub async fn attach(st: &AppState, caller: &Caller, id: i64, a: Attachment) -> Result<PurchaseRecord> {
    caller.require(Action::WorkDeal)?;
    st.store.purchase(id).await.map_err(|e| or_not_found(e, "purchase"))?;
    let mut e = FieldErrors::new();
    let invoice = match purchase::supplier_invoice(&a.number, &a.amount, &a.currency) {
        Ok(i) => Some(i),
        Err(errs) => {
            e.0.extend(errs.0);
            None
        }
    };
    let file = match (&a.file, a.too_large) {
        (_, true) => {
            e.add("file", format!("is larger than {} MB", FILE_MAX / 1024 / 1024));
            None
        }
        (None, _) => {
            e.add("file", "is required: the supplier's invoice (PDF, image or office document)");
            None
        }
        (Some((_, b)), _) if b.is_empty() => {
            e.add("file", "is empty");
            None
        }
        (Some((name, b)), _) => match crate::public::sniff(name, b) {
            Some(ct) => Some((crate::public::clean_filename(name), ct.to_owned())),
            None => {
                e.add("file", "is not a document Pronto takes: PDF, PNG, JPEG, WebP, HEIC, Word, Excel, OpenDocument, text or CSV");
                None
            }
        },
    };
    e.into_result()?;
    let (filename, content_type) = file.expect("checked");
    let bytes = a.file.map(|(_, b)| b).unwrap_or_default();
    Ok(st
        .store
        .attach_supplier_invoice(id, invoice.expect("checked"), filename, content_type, bytes, Some(caller.user.id))
        .await
        .map_err(|e| or_not_found(e, "purchase"))?)
}

/// Opens the supplier's invoice file (the lead's owner, managers, admins), audited before it is
/// served: a read that cannot be recorded is refused.
pub async fn file(st: &AppState, caller: &Caller, id: i64) -> Result<(PurchaseRecord, Vec<u8>)> {
    caller.require(Action::ReadLeads)?;
    let p = st.store.purchase(id).await.map_err(|e| or_not_found(e, "purchase"))?;
    crate::access::require_on_lead(st, caller, Action::ReadPersonalData, p.lead_id).await?;
    let (p, bytes) = st.store.supplier_invoice_file(id).await.map_err(|e| or_not_found(e, "supplier's invoice"))?;
    let filename = p.invoice.as_ref().map(|i| i.filename.clone()).unwrap_or_default();
    st.audit(
        caller,
        crate::audit::kind::SUPPLIER_INVOICE_READ,
        Some(format!("lead/{}", p.lead_id)),
        json!({ "purchase_id": p.id, "filename": filename }),
    )
    .await?;
    Ok((p, bytes))
}

/// A manager lets the customer's invoice go without purchase `id`'s supplier invoice: the
/// reason is required; the override is on the purchase, its event and the audit row.
pub async fn override_(st: &AppState, caller: &Caller, id: i64, reason: Option<&str>) -> Result<PurchaseRecord> {
    caller.require(Action::ManagePurchases)?;
    let p = st.store.purchase(id).await.map_err(|e| or_not_found(e, "purchase"))?;
    let reason = purchase::override_reason(reason.unwrap_or_default())?;
    let audit = crate::audit::entry(
        Some(&caller.user),
        caller.ip.clone(),
        crate::audit::kind::PURCHASE_OVERRIDE,
        Some(format!("lead/{}", p.lead_id)),
        json!({ "purchase_id": p.id, "supplier": p.supplier, "reason": reason }),
    );
    Ok(st.store.override_purchase(id, reason, caller.user.id, audit).await.map_err(|e| or_not_found(e, "purchase"))?)
}

/// Management paid the supplier of purchase `id`.
pub async fn paid(st: &AppState, caller: &Caller, id: i64) -> Result<PurchaseRecord> {
    caller.require(Action::ManagePurchases)?;
    Ok(st.store.supplier_paid(id, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "purchase"))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_lines_are_checked_field_by_field() {
        let ok = LineIn { sku: Some(" DR-1 ".into()), supplier_sku: None, name: Some("Drum".into()), quantity: Some("2".into()) };
        let got = parse_lines(&[ok.clone()]).unwrap();
        assert_eq!(got[0].sku.as_deref(), Some("DR-1"));
        assert_eq!(got[0].quantity, "2");
        let bad = LineIn { sku: None, supplier_sku: None, name: None, quantity: Some("0".into()) };
        let e = parse_lines(&[ok, bad]).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["lines[1].name", "lines[1].quantity"]);
        assert_eq!(parse_lines(&[]).unwrap_err().0[0].field, "lines");
    }
}
