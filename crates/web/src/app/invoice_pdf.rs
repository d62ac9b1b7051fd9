//! The invoice and the contract as PDFs (issue 21, invoices): `pronto_documents::{invoice_pdf,
//! contract_pdf}` filled from the invoice (its lines, VAT per rate, totals, number, variable
//! symbol, dates), the customer as the requisites said when it was issued, and the company's
//! profile (identity, registration and VAT ids, bank account, logo), in the lead's language
//! (else the company's). The contract exists only for a legal entity. The team reads them as it
//! reads the invoice; the customer from their page (`/t/{token}/invoices/{id}/pdf`).
//!
//! [`invoice_document`] and [`contract_document`] are pure (the same records give the same bytes).

use super::offer_pdf::{Pdf, language};
use super::{Error, Result};
use crate::AppState;
use crate::auth::Caller;
use crate::public_offers::{amount, date, number as decimal};
use crate::ui::i18n::Tr;
use pronto_documents::{
    BankDetails, Company, ContractDocument, Customer, InvoiceDocument, Language, Logo, LogoFormat, OfferLine, Totals, VatSummaryRow,
    contract_pdf, invoice_labels, invoice_pdf, vat_invoice_pdf,
};
use pronto_domain::money::parse_decimal;
use pronto_store::StoreError;
use pronto_store::company::CompanyProfile;
use pronto_store::invoices::{InvoiceLineRecord, InvoiceRecord};

/// Which document of an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Invoice,
    /// The invoice titled "VAT invoice": the tax document of the driver's pack (issue 21,
    /// delivery).
    VatInvoice,
    Contract,
}

/// The invoice's document for the team: whoever may read the invoice. A contract of a private
/// customer's invoice does not exist (404).
pub async fn staff(st: &AppState, caller: &Caller, id: i64, kind: Kind) -> Result<Pdf> {
    let inv = super::invoices::get(st, caller, id).await?;
    render(st, inv, kind).await
}

/// The document for the customer of lead `lead_id` (found by their page's token): only an
/// invoice of that lead, not cancelled; anything else is not found.
pub async fn for_customer(st: &AppState, lead_id: i64, id: i64, kind: Kind) -> Result<Pdf> {
    let not_found = || Error::NotFound("invoice not found".into());
    let inv = st.store.invoice(id).await.map_err(|e| match e {
        StoreError::NotFound => not_found(),
        other => other.into(),
    })?;
    if inv.lead_id != lead_id || inv.status == "cancelled" {
        return Err(not_found());
    }
    render(st, inv, kind).await
}

async fn render(st: &AppState, inv: InvoiceRecord, kind: Kind) -> Result<Pdf> {
    if kind == Kind::Contract && !inv.has_contract() {
        return Err(Error::NotFound("a contract goes only with a legal entity's invoice".into()));
    }
    let lead = st.store.lead(inv.lead_id).await?;
    let profile = st.store.company_profile().await?;
    let logo = st.store.company_logo().await?;
    let fallback = st.company_language().unwrap_or_else(|| st.store.playbooks().messages().default_language.to_owned());
    let lang = language(lead.language.as_deref(), &fallback);
    let filename = match kind {
        Kind::Invoice => format!("invoice-{}.pdf", safe(&inv.number)),
        Kind::VatInvoice => format!("vat-invoice-{}.pdf", safe(&inv.number)),
        Kind::Contract => format!("contract-{}.pdf", safe(&inv.number)),
    };
    // A logo typst cannot read does not keep the document from being printed: without it.
    let job = match kind {
        Kind::Invoice => {
            let mut doc = invoice_document(&inv, &profile, logo, lang);
            Box::new(move || invoice_pdf(&doc).or_else(|e| if doc.company.logo.take().is_some() { invoice_pdf(&doc) } else { Err(e) }))
                as Box<dyn FnOnce() -> std::result::Result<Vec<u8>, pronto_documents::DocumentError> + Send>
        }
        Kind::VatInvoice => {
            let mut doc = invoice_document(&inv, &profile, logo, lang);
            Box::new(move || {
                vat_invoice_pdf(&doc).or_else(|e| if doc.company.logo.take().is_some() { vat_invoice_pdf(&doc) } else { Err(e) })
            })
        }
        Kind::Contract => {
            let mut doc = contract_document(&inv, &profile, logo, lang);
            Box::new(move || contract_pdf(&doc).or_else(|e| if doc.company.logo.take().is_some() { contract_pdf(&doc) } else { Err(e) }))
        }
    };
    let bytes = tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| Error::Internal(format!("the invoice's PDF was not made: {e}")))?
        .map_err(|e| Error::Internal(format!("invoice {}: {e}", inv.id)))?;
    Ok(Pdf { filename, bytes })
}

/// A number as a file name: letters, digits and `-` (`FV-2026/005` → `FV-2026-005`).
pub(crate) fn safe(number: &str) -> String {
    number.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect()
}

pub(crate) fn filled(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

pub(crate) fn lines_of(text: &Option<String>) -> Vec<String> {
    text.as_deref().unwrap_or_default().lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

pub(crate) fn company(p: &CompanyProfile, logo: Option<(String, Vec<u8>)>) -> Company {
    Company {
        name: filled(&p.name).unwrap_or_default(),
        address_lines: lines_of(&p.address),
        company_id: filled(&p.invoicing.registration_id).unwrap_or_default(),
        vat_id: filled(&p.invoicing.vat_id).unwrap_or_default(),
        phone: filled(&p.phone).unwrap_or_default(),
        email: filled(&p.email).unwrap_or_default(),
        web: filled(&p.web).unwrap_or_default(),
        logo: logo.and_then(|(kind, bytes)| LogoFormat::from_media_type(&kind).map(|format| Logo { format, bytes })),
    }
}

fn customer(inv: &InvoiceRecord, language: Language) -> Customer {
    let words = invoice_labels(language);
    let c = &inv.customer;
    let mut address_lines = lines_of(&c.address);
    if let Some(id) = filled(&c.company_id) {
        address_lines.push(format!("{}\u{a0}{id}", words.company_id));
    }
    if let Some(id) = filled(&c.vat_id) {
        address_lines.push(format!("{}\u{a0}{id}", words.vat_id));
    }
    Customer { name: filled(&c.name).unwrap_or_default(), company: filled(&c.company).unwrap_or_default(), address_lines }
}

fn bank(p: &CompanyProfile) -> BankDetails {
    let i = &p.invoicing;
    BankDetails {
        account: filled(&i.bank_account).unwrap_or_default(),
        iban: filled(&i.iban).unwrap_or_default(),
        bic: filled(&i.bic).unwrap_or_default(),
    }
}

fn rate(t: &Tr, text: &str) -> String {
    format!("{}\u{a0}%", decimal(t, text))
}

fn line(t: &Tr, i: &InvoiceLineRecord) -> OfferLine {
    let quantity = decimal(t, &i.quantity);
    OfferLine {
        name: i.name.clone(),
        sku: i.sku.clone().unwrap_or_default(),
        quantity: match i.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            Some(unit) => format!("{quantity}\u{a0}{unit}"),
            None => quantity,
        },
        unit_price: amount(t, &i.unit_price),
        discount: parse_decimal(&i.discount).ok().filter(|d| !d.is_zero()).map(|_| rate(t, &i.discount)).unwrap_or_default(),
        vat_rate: rate(t, &i.vat_rate),
        total: amount(t, &i.net),
        availability: String::new(),
    }
}

fn totals(t: &Tr, inv: &InvoiceRecord) -> Totals {
    Totals { net: amount(t, &inv.net), vat: amount(t, &inv.vat), gross: amount(t, &inv.gross), currency: inv.currency.clone() }
}

/// The invoice, every value written in `language`.
pub fn invoice_document(inv: &InvoiceRecord, p: &CompanyProfile, logo: Option<(String, Vec<u8>)>, language: Language) -> InvoiceDocument {
    let t = Tr::new(language.code());
    InvoiceDocument {
        language,
        company: company(p, logo),
        customer: customer(inv, language),
        number: inv.number.clone(),
        variable_symbol: inv.variable_symbol.clone(),
        issued: date(&t, &inv.issue_date),
        due: date(&t, &inv.due_date),
        delivery: inv.delivery_date.as_deref().map(|d| date(&t, d)).unwrap_or_default(),
        bank: bank(p),
        lines: inv.lines.iter().map(|l| line(&t, l)).collect(),
        vat_summary: inv
            .vat_summary
            .iter()
            .map(|r| VatSummaryRow {
                rate: rate(&t, &r.rate),
                base: amount(&t, &r.base),
                vat: amount(&t, &r.vat),
                gross: match (parse_decimal(&r.base), parse_decimal(&r.vat)) {
                    (Ok(b), Ok(v)) => amount(&t, &(b + v).to_string()),
                    _ => String::new(),
                },
            })
            .collect(),
        totals: totals(&t, inv),
    }
}

/// The contract, every value written in `language`.
pub fn contract_document(inv: &InvoiceRecord, p: &CompanyProfile, logo: Option<(String, Vec<u8>)>, language: Language) -> ContractDocument {
    let t = Tr::new(language.code());
    ContractDocument {
        language,
        company: company(p, logo),
        customer: customer(inv, language),
        number: inv.number.clone(),
        variable_symbol: inv.variable_symbol.clone(),
        date: date(&t, &inv.issue_date),
        due: date(&t, &inv.due_date),
        delivery: inv.delivery_date.as_deref().map(|d| date(&t, d)).unwrap_or_default(),
        bank: bank(p),
        lines: inv.lines.iter().map(|l| line(&t, l)).collect(),
        totals: totals(&t, inv),
    }
}
