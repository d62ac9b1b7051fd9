//! The offer as a PDF (issue 20, item 3): `pronto_documents::offer_pdf` filled from the offer,
//! its lead (the customer), the company's profile (`/admin/company`: name, address, contacts,
//! logo), every amount, rate and date written in the document's language — the lead's, else the
//! company's. Rendered on a blocking thread. The team reads it as it reads the offer; the
//! customer only from their page (`/t/{token}/offers/{id}/pdf`), only once it was sent.
//!
//! [`document`] is pure (the same records give the same document, hence the same bytes).

use super::{Error, Result};
use crate::AppState;
use crate::auth::Caller;
use crate::public_offers::{amount, date, number as decimal};
use crate::ui::i18n::Tr;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use pronto_documents::{
    Company, Customer, Language, Logo, LogoFormat, OfferDocument, OfferHeading, OfferLine, OfferTexts, Totals, VatSummaryRow, labels,
    offer_pdf,
};
use pronto_domain::money::parse_decimal;
use pronto_store::company::CompanyProfile;
use pronto_store::{LeadRecord, OfferItemRecord, OfferRecord, StoreError};

/// A rendered offer: the PDF's bytes and the name it is offered under.
pub struct Pdf {
    /// `offer-2031-0042-v2.pdf`.
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// The offer `id` as a PDF, for the team: whoever may read the offer.
pub async fn staff(st: &AppState, caller: &Caller, id: i64) -> Result<Pdf> {
    let offer = super::offers::get(st, caller, id).await?;
    render(st, offer).await
}

/// The offer `offer_id` as a PDF for the customer of lead `lead_id` (found by their page's
/// token): only an offer of that lead, and only once it was sent; anything else is not found.
pub async fn for_customer(st: &AppState, lead_id: i64, offer_id: i64) -> Result<Pdf> {
    let not_found = || Error::NotFound("offer not found".into());
    let offer = st.store.offer(offer_id).await.map_err(|e| match e {
        StoreError::NotFound => not_found(),
        other => other.into(),
    })?;
    if offer.lead_id != lead_id || !shown_to_customer(&offer) {
        return Err(not_found());
    }
    render(st, offer).await
}

/// The customer sees (and downloads) an offer once it was sent to them, never a draft.
pub fn shown_to_customer(offer: &OfferRecord) -> bool {
    offer.status != "draft" && offer.sent_at.is_some()
}

async fn render(st: &AppState, offer: OfferRecord) -> Result<Pdf> {
    let lead = st.store.lead(offer.lead_id).await?;
    let profile = st.store.company_profile().await?;
    let logo = st.store.company_logo().await?;
    let zone = super::offers::lead_zone(st, &lead);
    let fallback = st.company_language().unwrap_or_else(|| st.store.playbooks().messages().default_language.to_owned());
    let language = language(lead.language.as_deref(), &fallback);
    let mut doc = document(&Sources { offer: &offer, lead: &lead, profile: &profile, logo, zone: &zone, language });
    let filename = filename(&doc.heading.number, offer.version);
    let bytes = tokio::task::spawn_blocking(move || {
        // A logo typst cannot read (checked by its first bytes only when stored) does not
        // keep the offer from being printed: without it.
        offer_pdf(&doc).or_else(|e| match doc.company.logo.take() {
            Some(_) => {
                tracing::warn!(error = %e, "the company's logo could not be printed on an offer");
                offer_pdf(&doc)
            }
            None => Err(e),
        })
    })
    .await
    .map_err(|e| Error::Internal(format!("the offer's PDF was not made: {e}")))?
    .map_err(|e| Error::Internal(format!("offer {}: {e}", offer.id)))?;
    Ok(Pdf { filename, bytes })
}

/// The document's language: the lead's, else `fallback` (the company's), else English.
pub fn language(lead: Option<&str>, fallback: &str) -> Language {
    lead.and_then(Language::from_code).or_else(|| Language::from_code(fallback)).unwrap_or(Language::En)
}

/// `offer-2031-0042-v2.pdf`.
pub fn filename(number: &str, version: i64) -> String {
    format!("offer-{number}-v{version}.pdf")
}

/// The offer's number as the customer sees it: the year the inquiry came in and the lead's
/// number (`2031-0042`), the same for every version of the lead's offer.
pub fn offer_number(lead: &LeadRecord, zone: &TimeZone) -> String {
    format!("{}-{:04}", lead.received_at.to_zoned(zone.clone()).year(), lead.id)
}

/// What a document is made of.
pub struct Sources<'a> {
    pub offer: &'a OfferRecord,
    pub lead: &'a LeadRecord,
    pub profile: &'a CompanyProfile,
    /// The company's logo: its media type and bytes.
    pub logo: Option<(String, Vec<u8>)>,
    /// The office's time zone (the dates of the offer are its days).
    pub zone: &'a TimeZone,
    pub language: Language,
}

/// The document, every value written in its language.
pub fn document(s: &Sources) -> OfferDocument {
    let t = Tr::new(s.language.code());
    let words = labels(s.language);
    let (o, lead, p) = (s.offer, s.lead, s.profile);
    let day = |at: Timestamp| date(&t, &at.to_zoned(s.zone.clone()).date().to_string());
    let filled = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let company = Company {
        name: filled(&p.name).unwrap_or_default(),
        address_lines: p
            .address
            .as_deref()
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        company_id: String::new(),
        vat_id: String::new(),
        phone: filled(&p.phone).unwrap_or_default(),
        email: filled(&p.email).unwrap_or_default(),
        web: filled(&p.web).unwrap_or_default(),
        logo: s
            .logo
            .as_ref()
            .and_then(|(kind, bytes)| LogoFormat::from_media_type(kind).map(|format| Logo { format, bytes: bytes.clone() })),
    };
    let firm = lead.company.as_ref();
    let customer = Customer {
        name: filled(&lead.contact.name).unwrap_or_default(),
        company: firm.and_then(|c| filled(&c.name)).unwrap_or_default(),
        address_lines: [
            firm.and_then(|c| filled(&c.company_id)).map(|id| format!("{}\u{a0}{id}", words.company_id)),
            filled(&lead.contact.email),
            filled(&lead.phone).or_else(|| filled(&lead.contact.phone)),
        ]
        .into_iter()
        .flatten()
        .collect(),
    };
    OfferDocument {
        language: s.language,
        company,
        customer,
        heading: OfferHeading {
            title: String::new(),
            number: offer_number(lead, s.zone),
            version: u32::try_from(o.version).unwrap_or(0),
            issued: day(o.sent_at.unwrap_or(o.created_at)),
            valid_until: date(&t, &o.valid_until),
            delivery: o.delivery_date.as_deref().map(|d| date(&t, d)).unwrap_or_default(),
        },
        lines: o.items.iter().map(|i| line(&t, i)).collect(),
        vat_summary: o
            .vat_summary
            .iter()
            .map(|r| VatSummaryRow {
                rate: rate(&t, &r.rate),
                base: amount(&t, &r.base),
                vat: amount(&t, &r.vat),
                gross: amount(&t, &sum(&r.base, &r.vat)),
            })
            .collect(),
        totals: Totals { net: amount(&t, &o.net), vat: amount(&t, &o.vat), gross: amount(&t, &o.gross), currency: o.currency.clone() },
        texts: OfferTexts {
            cooperation: o.cooperation.clone().unwrap_or_default(),
            customer_provides: o.customer_provides.clone().unwrap_or_default(),
            we_do: o.we_provide.clone().unwrap_or_default(),
            note: o.note.clone().unwrap_or_default(),
        },
    }
}

/// `21 %`, `10,5 %` in cs.
fn rate(t: &Tr, text: &str) -> String {
    format!("{}\u{a0}%", decimal(t, text))
}

/// Two stored amounts added exactly (`"20000.00" + "4200.00"` = `"24200.00"`).
fn sum(a: &str, b: &str) -> String {
    match (parse_decimal(a), parse_decimal(b)) {
        (Ok(a), Ok(b)) => (a + b).to_string(),
        _ => String::new(),
    }
}

fn line(t: &Tr, i: &OfferItemRecord) -> OfferLine {
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
        availability: match i.availability.as_deref() {
            Some("on_order") => t.with("c-offer-avail-on_order", &[("date", &date(t, i.available_on.as_deref().unwrap_or_default()))]),
            Some(kind @ ("in_stock" | "not_available")) => t.t(&format!("c-offer-avail-{kind}")),
            _ => String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pronto_store::{CompanyRecord, ContactSummary, OfferVatRecord};

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn lead(language: Option<&str>) -> LeadRecord {
        LeadRecord {
            id: 42,
            channel: "web".into(),
            stage: "new".into(),
            status: "open".into(),
            owner: None,
            contact: ContactSummary {
                id: 1,
                name: Some("Eva Malá".into()),
                email: Some("eva@example.com".into()),
                phone: Some("+420777123456".into()),
            },
            company: Some(CompanyRecord { id: 2, name: Some("Malá s.r.o.".into()), company_id: Some("27074358".into()) }),
            customer_type: None,
            subject: None,
            message: None,
            postal_code: None,
            product: None,
            language: language.map(str::to_owned),
            source: None,
            playbook: "agency".into(),
            playbook_version: 1,
            // 31 December 23:30 UTC is already the next year in Prague.
            received_at: at("2030-12-31T23:30:00Z"),
            first_response_at: None,
            entered_by: None,
            extra: serde_json::json!({}),
            created_at: at("2030-12-31T23:30:00Z"),
            updated_at: at("2030-12-31T23:30:00Z"),
            tracking_gen: 0,
            closed_at: None,
            tracking_url: None,
            phone: None,
        }
    }

    /// A line: `[quantity, unit price, discount, VAT rate, net]` as stored.
    fn item(name: &str, unit: Option<&str>, [quantity, price, discount, rate, net]: [&str; 5], avail: Option<&str>) -> OfferItemRecord {
        OfferItemRecord {
            position: 1,
            sku: None,
            name: name.into(),
            unit: unit.map(str::to_owned),
            quantity: quantity.into(),
            unit_price: price.into(),
            discount: discount.into(),
            vat_rate: rate.into(),
            net: net.into(),
            vat: "0".into(),
            gross: "0".into(),
            availability: avail.map(str::to_owned),
            available_on: avail.filter(|a| *a == "on_order").map(|_| "2031-05-15".into()),
        }
    }

    fn offer() -> OfferRecord {
        OfferRecord {
            id: 7,
            lead_id: 42,
            version: 2,
            status: "sent".into(),
            currency: "CZK".into(),
            net: "24500.00".into(),
            vat: "4740.00".into(),
            gross: "29240.00".into(),
            vat_summary: vec![
                OfferVatRecord { rate: "12".into(), base: "4500.00".into(), vat: "540.00".into() },
                OfferVatRecord { rate: "21".into(), base: "20000.00".into(), vat: "4200.00".into() },
            ],
            valid_until: "2031-05-20".into(),
            expires_at: at("2031-05-20T22:00:00Z"),
            delivery_date: Some("2031-06-01".into()),
            cooperation: Some("A workshop first.".into()),
            customer_provides: None,
            we_provide: Some("Design.".into()),
            note: None,
            // Made on the 5th, sent on the 6th after 23:00 UTC: the 7th in Prague.
            created_at: at("2031-05-05T08:00:00Z"),
            created_by: None,
            sent_at: Some(at("2031-05-06T22:30:00Z")),
            sent_by: None,
            decided_at: None,
            decision: None,
            decision_note: None,
            superseded_by: None,
            items: vec![
                item("Website", None, ["1", "20000", "0", "21", "20000.00"], Some("in_stock")),
                item("Training", Some("h"), ["2.5", "2500.00", "10", "12", "4500.00"], Some("on_order")),
                item("Hosting", None, ["1", "0", "0.00", "12", "0"], None),
            ],
        }
    }

    fn doc(language: Language, lead_language: Option<&str>) -> OfferDocument {
        let (o, l) = (offer(), lead(lead_language));
        let profile = CompanyProfile {
            name: Some("Studio Pronto".into()),
            address: Some("Dlouhá 1\n\n 110 00 Praha ".into()),
            phone: Some("+420 222 333 444".into()),
            email: Some(" ".into()),
            ..CompanyProfile::default()
        };
        let zone = TimeZone::get("Europe/Prague").unwrap();
        document(&Sources { offer: &o, lead: &l, profile: &profile, logo: Some(("image/png".into(), vec![1, 2])), zone: &zone, language })
    }

    #[test]
    fn the_language_is_the_leads_else_the_companys_else_english() {
        for (lead, fallback, want) in [
            (Some("he"), "cs", Language::He),
            (None, "pl", Language::Pl),
            (Some("xx"), "ru", Language::Ru),
            (Some(""), "cs", Language::Cs),
            (None, "de", Language::En),
        ] {
            assert_eq!(language(lead, fallback), want, "{lead:?} {fallback}");
        }
    }

    #[test]
    fn every_value_is_written_in_the_documents_language() {
        // (language, quantity with unit, unit price, discount, rate, total, availability on order, gross, issued, VAT row's gross)
        for (lang, qty, price, discount, rate, total, avail, gross, issued, row_gross) in [
            (
                "cs",
                "2,5\u{a0}h",
                "2\u{a0}500,00",
                "10\u{a0}%",
                "12\u{a0}%",
                "4\u{a0}500,00",
                "na objednávku, očekáváme 15. 5. 2031",
                "29\u{a0}240,00",
                "7. 5. 2031",
                "5\u{a0}040,00",
            ),
            (
                "en",
                "2.5\u{a0}h",
                "2,500.00",
                "10\u{a0}%",
                "12\u{a0}%",
                "4,500.00",
                "on order, expected 15 May 2031",
                "29,240.00",
                "7 May 2031",
                "5,040.00",
            ),
            (
                "he",
                "2.5\u{a0}h",
                "2,500.00",
                "10\u{a0}%",
                "12\u{a0}%",
                "4,500.00",
                "בהזמנה, צפוי ב־15.05.2031",
                "29,240.00",
                "07.05.2031",
                "5,040.00",
            ),
        ] {
            let d = doc(Language::from_code(lang).unwrap(), Some(lang));
            let l = &d.lines[1];
            assert_eq!(
                (
                    l.quantity.as_str(),
                    l.unit_price.as_str(),
                    l.discount.as_str(),
                    l.vat_rate.as_str(),
                    l.total.as_str(),
                    l.availability.as_str()
                ),
                (qty, price, discount, rate, total, avail),
                "{lang}"
            );
            assert_eq!((d.totals.gross.as_str(), d.totals.currency.as_str()), (gross, "CZK"), "{lang}");
            assert_eq!(d.heading.issued, issued, "{lang}: the day it was sent, in the office's zone");
            assert_eq!(d.vat_summary[0].gross, row_gross, "{lang}: base plus VAT, exactly");
        }
        let en = doc(Language::En, None);
        assert_eq!(en.lines[0].availability, "in stock");
        assert_eq!((en.lines[0].discount.as_str(), en.lines[2].discount.as_str()), ("", ""), "no discount, none printed");
        assert_eq!(en.lines[2].availability, "", "not checked, nothing said");
        assert_eq!((en.heading.valid_until.as_str(), en.heading.delivery.as_str()), ("20 May 2031", "1 Jun 2031"));
    }

    #[test]
    fn the_company_and_the_customer_are_filled_from_the_profile_and_the_lead() {
        let d = doc(Language::Cs, Some("cs"));
        assert_eq!(d.company.name, "Studio Pronto");
        assert_eq!(d.company.address_lines, ["Dlouhá 1", "110 00 Praha"], "one line each, blank lines left out");
        assert_eq!((d.company.phone.as_str(), d.company.email.as_str()), ("+420 222 333 444", ""), "a blank value is left out");
        assert_eq!(d.company.logo.as_ref().map(|l| l.format), Some(LogoFormat::Png));
        assert_eq!((d.customer.name.as_str(), d.customer.company.as_str()), ("Eva Malá", "Malá s.r.o."));
        assert_eq!(d.customer.address_lines, ["IČO\u{a0}27074358", "eva@example.com", "+420777123456"]);
        assert_eq!((d.heading.number.as_str(), d.heading.version), ("2031-0042", 2), "the year the inquiry came in, in the office's zone");
        assert_eq!(filename(&d.heading.number, 2), "offer-2031-0042-v2.pdf");
        assert_eq!((d.texts.cooperation.as_str(), d.texts.we_do.as_str(), d.texts.note.as_str()), ("A workshop first.", "Design.", ""));
    }

    #[test]
    fn the_customer_gets_an_offer_only_once_it_was_sent() {
        let mut o = offer();
        assert!(shown_to_customer(&o));
        o.status = "draft".into();
        assert!(!shown_to_customer(&o));
        o.status = "superseded".into();
        o.sent_at = None;
        assert!(!shown_to_customer(&o), "superseded before it was ever sent");
    }
}
