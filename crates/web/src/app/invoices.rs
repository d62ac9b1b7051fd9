//! Invoices (issue 21, invoices): issue one for a lead's accepted offer (the store numbers it,
//! copies the lines, takes the customer from the requisites, tells the customer in one message
//! and runs the playbook's `invoice.issued`, all in one transaction), read one or a lead's.
//! Issuing is working the deal ([`Action::WorkDeal`]: not the secretary's); reading is
//! everyone's who reads leads.

use super::{Error, Result};
use crate::AppState;
use crate::auth::Caller;
use crate::public_offers::{amount, date};
use crate::ui::i18n::Tr;
use pronto_domain::invoice::{DEFAULT_TERMS_DAYS, TERMS_MAX_DAYS, due_date};
use pronto_domain::user::Action;
use pronto_store::invoices::{InvoiceMessage, InvoiceRecord};
use pronto_store::{LeadRecord, OfferRecord, StoreError};

fn lead_not_found(e: StoreError) -> Error {
    match e {
        StoreError::NotFound => Error::NotFound("lead not found".into()),
        other => other.into(),
    }
}

fn invoice_not_found(e: StoreError) -> Error {
    match e {
        StoreError::NotFound => Error::NotFound("invoice not found".into()),
        other => other.into(),
    }
}

/// The message that tells the customer, in the inquiry's language: the total, the due day, the
/// variable symbol and the bank account, and the link to their page where the documents are
/// (`{number}` and `{vs}` are filled in by the store with the invoice's own).
pub fn message_for(
    lead: &LeadRecord,
    offer: &OfferRecord,
    profile: &pronto_store::company::CompanyProfile,
    today: jiff::civil::Date,
) -> InvoiceMessage {
    let t = Tr::new(lead.language.as_deref().unwrap_or("en"));
    let link = lead.tracking_url.clone().unwrap_or_default();
    let inv = &profile.invoicing;
    let terms = u32::try_from(inv.payment_terms_days).unwrap_or(DEFAULT_TERMS_DAYS).min(TERMS_MAX_DAYS);
    let due = date(&t, &due_date(today, terms).to_string());
    let total = format!("{} {}", amount(&t, &offer.gross), offer.currency);
    let account = [inv.bank_account.as_deref(), inv.iban.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let delivery = offer.delivery_date.as_deref().map(|d| date(&t, d)).unwrap_or_else(|| t.t("inv-mail-delivery-agreed"));
    let company = profile.name.clone().unwrap_or_default();
    let vars = [
        ("link", link.as_str()),
        ("number", "{number}"),
        ("vs", "{vs}"),
        ("total", total.as_str()),
        ("due", due.as_str()),
        ("account", account.as_str()),
        ("delivery", delivery.as_str()),
        ("company", company.as_str()),
    ];
    InvoiceMessage { subject: t.with("inv-mail-subject", &vars), text: t.with("inv-mail-text", &vars), sms: t.with("inv-sms-text", &vars) }
}

/// Issues the invoice for the accepted offer `offer_id` of lead `lead_id`.
pub async fn issue(st: &AppState, caller: &Caller, lead_id: i64, offer_id: Option<i64>) -> Result<InvoiceRecord> {
    caller.require(Action::WorkDeal)?;
    let Some(offer_id) = offer_id else {
        return Err(Error::Invalid(pronto_domain::FieldErrors::single("offer_id", "is required")));
    };
    let lead = st.store.lead(lead_id).await.map_err(lead_not_found)?;
    let offer = st.store.offer(offer_id).await.map_err(|e| match e {
        StoreError::NotFound => {
            Error::Invalid(pronto_domain::FieldErrors::single("offer_id", format!("{offer_id} is not an offer of this lead")))
        }
        other => other.into(),
    })?;
    let profile = st.store.company_profile().await?;
    let zone = super::offers::lead_zone(st, &lead);
    let today = st.clock.now().to_zoned(zone.clone()).date();
    let message = message_for(&lead, &offer, &profile, today);
    Ok(st.store.issue_invoice(lead_id, offer_id, zone, message, Some(caller.user.id)).await?)
}

/// One invoice.
pub async fn get(st: &AppState, caller: &Caller, id: i64) -> Result<InvoiceRecord> {
    caller.require(Action::ReadLeads)?;
    st.store.invoice(id).await.map_err(invoice_not_found)
}

/// The invoices of a lead, oldest first.
pub async fn list(st: &AppState, caller: &Caller, lead_id: i64) -> Result<Vec<InvoiceRecord>> {
    caller.require(Action::ReadLeads)?;
    st.store.lead_invoices(lead_id).await.map_err(lead_not_found)
}

/// The invoices the customer of lead `lead_id` sees on their page: every one not cancelled.
pub async fn for_customer(st: &AppState, lead_id: i64) -> Result<Vec<InvoiceRecord>> {
    Ok(st.store.lead_invoices(lead_id).await.map_err(lead_not_found)?.into_iter().filter(|i| i.status != "cancelled").collect())
}

/// What invoices need of the company, as typed (blank clears a text; the terms and the pattern
/// keep their defaults when blank).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct InvoicingIn {
    /// The company's registration number (IČO, REGON …).
    #[schema(max_length = 40)]
    pub registration_id: Option<String>,
    #[schema(max_length = 40)]
    pub vat_id: Option<String>,
    /// The account in the local notation (`123456789/0100`).
    #[schema(max_length = 60)]
    pub bank_account: Option<String>,
    #[schema(max_length = 40)]
    pub iban: Option<String>,
    #[schema(max_length = 20)]
    pub bic: Option<String>,
    /// Days from issue to due, 0–365 (default 14).
    #[schema(value_type = Option<String>, pattern = r"^ *[0-9]{0,3} *$")]
    pub payment_terms_days: Option<serde_json::Value>,
    /// `{YYYY}{NNNN}` (the default): the year once, the counter once.
    #[schema(max_length = 40)]
    pub invoice_pattern: Option<String>,
}

fn one_line(v: &Option<String>, field: &str, max: usize, t: &Tr, e: &mut pronto_domain::FieldErrors) -> Option<String> {
    let v = v.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
    if v.chars().count() > max || v.chars().any(char::is_control) {
        e.add(field, t.with("inv-set-err-text", &[("max", &max.to_string())]));
        return None;
    }
    Some(v.to_owned())
}

/// An IBAN: two letters, two check digits, 11–30 letters or digits, the mod-97 check.
pub fn iban(text: &str) -> Option<String> {
    let s: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    if !(15..=34).contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let (head, tail) = s.split_at(4);
    if !head[..2].bytes().all(|b| b.is_ascii_uppercase()) || !head[2..].bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rem = format!("{tail}{head}").bytes().fold(0u32, |acc, b| {
        let v = if b.is_ascii_digit() { u32::from(b - b'0') } else { u32::from(b - b'A') + 10 };
        if v >= 10 { (acc * 100 + v) % 97 } else { (acc * 10 + v) % 97 }
    });
    (rem == 1).then_some(s)
}

/// Checks and stores what invoices need (admins), with its audit row.
pub async fn save_invoicing(st: &AppState, caller: &Caller, t: &Tr, input: &InvoicingIn) -> Result<pronto_store::company::CompanyProfile> {
    super::require_admin(caller)?;
    let mut e = pronto_domain::FieldErrors::new();
    let registration_id = one_line(&input.registration_id, "registration_id", 40, t, &mut e);
    let vat_id = one_line(&input.vat_id, "vat_id", 40, t, &mut e);
    let bank_account = one_line(&input.bank_account, "bank_account", 60, t, &mut e);
    let bic = one_line(&input.bic, "bic", 20, t, &mut e);
    let iban_v = one_line(&input.iban, "iban", 40, t, &mut e).and_then(|v| {
        let r = iban(&v);
        if r.is_none() {
            e.add("iban", t.with("inv-set-err-iban", &[("v", &v)]));
        }
        r
    });
    let terms_text = match &input.payment_terms_days {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    };
    let terms = if terms_text.trim().is_empty() {
        i64::from(DEFAULT_TERMS_DAYS)
    } else {
        match pronto_domain::invoice::parse_terms(&terms_text) {
            Ok(d) => i64::from(d),
            Err(_) => {
                e.add("payment_terms_days", t.with("inv-set-err-terms", &[("v", terms_text.trim())]));
                i64::from(DEFAULT_TERMS_DAYS)
            }
        }
    };
    let pattern = match input.invoice_pattern.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => pronto_domain::invoice::DEFAULT_PATTERN.to_owned(),
        Some(p) => match pronto_domain::invoice::NumberPattern::parse(p) {
            Ok(p) => p.as_str().to_owned(),
            Err(why) => {
                e.add("invoice_pattern", t.with("inv-set-err-pattern", &[("v", p), ("why", &why.0)]));
                String::new()
            }
        },
    };
    e.into_result()?;
    let inv = pronto_store::company::CompanyInvoicing {
        registration_id,
        vat_id,
        bank_account,
        iban: iban_v,
        bic,
        payment_terms_days: terms,
        invoice_pattern: pattern,
    };
    st.store.change_company(pronto_store::company::CompanyChange::Invoicing(inv.clone()), Some(caller.user.id)).await?;
    let detail = serde_json::json!({
        "registration_id": inv.registration_id, "vat_id": inv.vat_id, "bank_account": inv.bank_account, "iban": inv.iban,
        "bic": inv.bic, "payment_terms_days": inv.payment_terms_days, "invoice_pattern": inv.invoice_pattern,
    });
    st.audit_change(caller, crate::audit::kind::COMPANY_CHANGED, Some("company.invoicing".into()), detail).await;
    Ok(st.store.company_profile().await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans_are_checked_by_their_check_digits() {
        for (text, want) in [
            ("CZ65 0800 0000 1920 0014 5399", Some("CZ6508000000192000145399")),
            ("de89370400440532013000", Some("DE89370400440532013000")),
            ("GB82 WEST 1234 5698 7654 32", Some("GB82WEST12345698765432")),
            ("CZ66 0800 0000 1920 0014 5399", None),
            ("CZ65", None),
            ("1234 0800 0000 1920 0014 5399", None),
            ("CZ65-0800-0000-1920-0014-5399", None),
        ] {
            assert_eq!(iban(text).as_deref(), want, "{text}");
        }
    }
}
