//! The delivery note as a PDF (issue 21, delivery): `pronto_documents::delivery_note_pdf` filled
//! from the delivery (day, address, driver), its pack's invoice (the customer as the requisites
//! said, the goods and their quantities; without an invoice, the lead's latest accepted offer's
//! goods and the contact), and the company's identity, in the lead's language (else the
//! company's). Made once the pack is ready; [`delivery_note_document`] is pure.

use super::invoice_pdf::{company, filled, lines_of, safe};
use super::offer_pdf::{Pdf, language};
use super::{Error, Result};
use crate::AppState;
use crate::auth::Caller;
use crate::public_offers::{date, number as decimal};
use crate::ui::i18n::Tr;
use pronto_documents::{Customer, DeliveryNoteDocument, DeliveryNoteLine, Language, delivery_note_pdf};
use pronto_store::company::CompanyProfile;
use pronto_store::deliveries::DeliveryRecord;
use pronto_store::invoices::InvoiceRecord;
use pronto_store::{LeadRecord, OfferRecord};

/// What the goods are: the invoice's lines, else the offer's.
pub struct Goods<'a> {
    pub invoice: Option<&'a InvoiceRecord>,
    pub offer: Option<&'a OfferRecord>,
}

fn quantity(t: &Tr, q: &str, unit: Option<&str>) -> String {
    let q = decimal(t, q);
    match unit.map(str::trim).filter(|u| !u.is_empty()) {
        Some(u) => format!("{q}\u{a0}{u}"),
        None => q,
    }
}

/// The delivery note's number: the day's year and the delivery (`2026-0005`).
pub fn number(d: &DeliveryRecord) -> String {
    format!("{}-{:04}", d.date.get(..4).unwrap_or("0000"), d.id)
}

/// The delivery note, every value written in `language`.
pub fn delivery_note_document(
    d: &DeliveryRecord,
    lead: &LeadRecord,
    goods: &Goods,
    p: &CompanyProfile,
    logo: Option<(String, Vec<u8>)>,
    language: Language,
) -> DeliveryNoteDocument {
    let t = Tr::new(language.code());
    let customer = match goods.invoice {
        Some(inv) => Customer {
            name: filled(&inv.customer.name).unwrap_or_default(),
            company: filled(&inv.customer.company).unwrap_or_default(),
            address_lines: [filled(&inv.customer.phone)].into_iter().flatten().collect(),
        },
        None => Customer {
            name: filled(&lead.contact.name).unwrap_or_default(),
            company: lead.company.as_ref().and_then(|c| filled(&c.name)).unwrap_or_default(),
            address_lines: [filled(&lead.phone).or_else(|| filled(&lead.contact.phone))].into_iter().flatten().collect(),
        },
    };
    let lines = match (goods.invoice, goods.offer) {
        (Some(inv), _) => inv
            .lines
            .iter()
            .map(|l| DeliveryNoteLine {
                name: l.name.clone(),
                sku: l.sku.clone().unwrap_or_default(),
                quantity: quantity(&t, &l.quantity, l.unit.as_deref()),
            })
            .collect(),
        (None, Some(o)) => o
            .items
            .iter()
            .map(|l| DeliveryNoteLine {
                name: l.name.clone(),
                sku: l.sku.clone().unwrap_or_default(),
                quantity: quantity(&t, &l.quantity, l.unit.as_deref()),
            })
            .collect(),
        (None, None) => vec![],
    };
    DeliveryNoteDocument {
        language,
        company: company(p, logo),
        customer,
        number: number(d),
        date: date(&t, &d.date),
        address: lines_of(&Some(d.address.clone())).join(", "),
        driver: d.driver.clone().unwrap_or_default(),
        invoice: goods.invoice.map(|i| i.number.clone()).unwrap_or_default(),
        lines,
    }
}

/// The delivery note of delivery `id` for the team (whoever reads leads); before the pack is
/// made there is none (404).
pub async fn delivery_note(st: &AppState, caller: &Caller, id: i64) -> Result<Pdf> {
    let d = super::deliveries::get(st, caller, id).await?;
    if !d.pack_ready() {
        return Err(Error::NotFound("the delivery note is made with the driver's pack (the evening before the delivery)".into()));
    }
    let lead = st.store.lead(d.lead_id).await?;
    let invoice = match d.invoice_id {
        Some(i) => Some(st.store.invoice(i).await?),
        None => None,
    };
    let offer = if invoice.is_none() {
        st.store.lead_offers(d.lead_id).await?.into_iter().filter(|o| o.status == "accepted").max_by_key(|o| o.version)
    } else {
        None
    };
    let profile = st.store.company_profile().await?;
    let logo = st.store.company_logo().await?;
    let fallback = st.company_language().unwrap_or_else(|| st.store.playbooks().messages().default_language.to_owned());
    let lang = language(lead.language.as_deref(), &fallback);
    let mut doc = delivery_note_document(&d, &lead, &Goods { invoice: invoice.as_ref(), offer: offer.as_ref() }, &profile, logo, lang);
    let filename = format!("delivery-note-{}.pdf", safe(&doc.number));
    let bytes = tokio::task::spawn_blocking(move || {
        delivery_note_pdf(&doc).or_else(|e| if doc.company.logo.take().is_some() { delivery_note_pdf(&doc) } else { Err(e) })
    })
    .await
    .map_err(|e| Error::Internal(format!("the delivery note was not made: {e}")))?
    .map_err(|e| Error::Internal(format!("delivery {id}: {e}")))?;
    Ok(Pdf { filename, bytes })
}
