//! Offers (issue 20): make one on a lead (the next version), send it to the customer (a
//! message with the link to their page, in their language), read one or a lead's, and the
//! customer's decision from their page. Making and sending an offer is working the deal
//! ([`Action::WorkDeal`]: not the secretary's); reading is everyone's who reads leads.

use super::{Error, Result};
use crate::AppState;
use crate::auth::Caller;
use crate::ui::i18n::Tr;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use pronto_domain::money::Currency;
use pronto_domain::offer::{CatalogueProduct, Decision, OfferDraft, may_decide};
use pronto_domain::user::Action;
use pronto_domain::values::Text;
use pronto_store::{LeadRecord, OfferMessage, OfferRecord, StoreError};
use std::collections::HashMap;

/// The office's time zone for a lead: its playbook's calendar.
pub fn lead_zone(st: &AppState, lead: &LeadRecord) -> TimeZone {
    st.store.playbooks().get(&lead.playbook, lead.playbook_version).map(|pb| pb.calendar.time_zone().clone()).unwrap_or(TimeZone::UTC)
}

/// The currency an offer is in when neither the request nor a product names one: the
/// region's.
pub fn default_currency(region: &str) -> Currency {
    let code = match region {
        "CZ" => "CZK",
        "PL" => "PLN",
        "HU" => "HUF",
        "IL" => "ILS",
        "RU" => "RUB",
        "GB" => "GBP",
        "US" => "USD",
        "CH" => "CHF",
        "JP" => "JPY",
        "KW" => "KWD",
        "SE" => "SEK",
        "DK" => "DKK",
        "NO" => "NOK",
        "UA" => "UAH",
        _ => "EUR",
    };
    Currency::parse(code).expect("every code above is known")
}

/// The first moment the offer is no longer valid: the start of the day after `valid_until`
/// in the office's time zone.
pub fn expires_at(valid_until: Date, zone: &TimeZone) -> Timestamp {
    valid_until.tomorrow().ok().and_then(|d| d.to_zoned(zone.clone()).ok()).map(|z| z.timestamp()).unwrap_or(Timestamp::MAX)
}

async fn lead(st: &AppState, id: i64) -> Result<LeadRecord> {
    st.store.lead(id).await.map_err(|e| match e {
        StoreError::NotFound => Error::NotFound("lead not found".into()),
        other => other.into(),
    })
}

fn offer_not_found(e: StoreError) -> Error {
    match e {
        StoreError::NotFound => Error::NotFound("offer not found".into()),
        other => other.into(),
    }
}

/// Makes an offer on lead `lead_id`: validated at once (every field), lines given by `sku`
/// completed from the catalogue, the totals computed; the next version of the lead's offer.
pub async fn create(st: &AppState, caller: &Caller, lead_id: i64, draft: &OfferDraft) -> Result<OfferRecord> {
    caller.require(Action::WorkDeal)?;
    let l = lead(st, lead_id).await?;
    let mut products: HashMap<String, CatalogueProduct> = HashMap::new();
    for sku in draft.skus() {
        // An active product of the catalogue (an inactive one is no longer offered anew), its
        // name in the lead's language.
        if let Some(r) = st.store.product_by_sku(&sku).await?.filter(|r| r.active) {
            let p = &r.product;
            let name = p.name_in(l.language.as_deref().unwrap_or("")).to_owned();
            let unit = Some(p.unit.clone()).filter(|u| !u.is_empty());
            products.insert(sku, CatalogueProduct { sku: p.sku.clone(), name, unit, price: p.price, currency: p.currency.clone(), vat_rate: p.vat_rate });
        }
    }
    let zone = lead_zone(st, &l);
    let today = st.clock.now().to_zoned(zone.clone()).date();
    let offer = draft.parse(&products, default_currency(&st.region().code()), today)?;
    let expires = expires_at(offer.valid_until, &zone);
    Ok(st.store.create_offer(lead_id, offer, expires, Some(caller.user.id)).await?)
}

/// One offer.
pub async fn get(st: &AppState, caller: &Caller, id: i64) -> Result<OfferRecord> {
    caller.require(Action::ReadLeads)?;
    st.store.offer(id).await.map_err(offer_not_found)
}

/// The offers of a lead, oldest version first.
pub async fn list(st: &AppState, caller: &Caller, lead_id: i64) -> Result<Vec<OfferRecord>> {
    caller.require(Action::ReadLeads)?;
    st.store.lead_offers(lead_id).await.map_err(|e| match e {
        StoreError::NotFound => Error::NotFound("lead not found".into()),
        other => other.into(),
    })
}

/// The message that tells the customer: by e-mail when they gave one, else by SMS, in the
/// inquiry's language, with the link to their page.
pub fn message_for(lead: &LeadRecord, offer: &OfferRecord, company: Option<&str>) -> Option<OfferMessage> {
    let t = Tr::new(lead.language.as_deref().unwrap_or("en"));
    let link = lead.tracking_url.clone().unwrap_or_default();
    let version = offer.version.to_string();
    let total = format!("{} {}", offer.gross, offer.currency);
    let company = company.unwrap_or_default();
    let vars = [
        ("link", link.as_str()),
        ("version", version.as_str()),
        ("total", total.as_str()),
        ("until", offer.valid_until.as_str()),
        ("company", company),
    ];
    if let Some(email) = lead.contact.email.clone() {
        return Some(OfferMessage {
            channel: "email".into(),
            address: email,
            subject: Some(t.with("offer-mail-subject", &vars)),
            text: t.with("offer-mail-text", &vars),
        });
    }
    lead.contact.phone.clone().map(|phone| OfferMessage {
        channel: "sms".into(),
        address: phone,
        subject: None,
        text: t.with("offer-sms-text", &vars),
    })
}

/// Sends an offer to the customer.
pub async fn send(st: &AppState, caller: &Caller, id: i64) -> Result<OfferRecord> {
    caller.require(Action::WorkDeal)?;
    let o = st.store.offer(id).await.map_err(offer_not_found)?;
    let l = lead(st, o.lead_id).await?;
    let company = st.store.company_profile().await.ok().and_then(|c| c.name);
    let message = message_for(&l, &o, company.as_deref());
    st.store.send_offer(id, Some(caller.user.id), message).await.map_err(|e| refused(e, "send"))
}

/// A store's refusal as the use case's conflict, worded.
fn refused(e: StoreError, what: &str) -> Error {
    match pronto_store::offer_refusal(&e) {
        Some("expired") => Error::Conflict(format!("the offer has expired: it can no longer be {what}")),
        Some("superseded") => Error::Conflict("a newer version replaced this offer".into()),
        Some("decided") => Error::Conflict("the customer has already decided on this offer".into()),
        Some(_) => Error::Conflict("the offer has not been sent to the customer".into()),
        None => offer_not_found(e),
    }
}

/// Why the customer may not decide (the page's 409 says it in their words), or the decision
/// recorded.
pub enum Decided {
    Done(OfferRecord),
    Refused(&'static str),
}

/// The customer decided on their page (lead `lead_id`, found by the page's token): only a sent
/// offer before its end. The store checks again inside its transaction.
pub async fn decide(st: &AppState, lead_id: i64, offer_id: i64, decision: Decision, note: Option<Text>) -> Result<Decided> {
    let o = st.store.offer(offer_id).await.map_err(offer_not_found)?;
    if o.lead_id != lead_id {
        return Err(Error::NotFound("offer not found".into()));
    }
    let status = pronto_domain::offer::OfferStatus::parse(&o.status).map_err(|e| Error::Internal(e.0))?;
    if let Err(r) = may_decide(status, o.expires_at, st.clock.now()) {
        return Ok(Decided::Refused(r.key()));
    }
    match st.store.decide_offer(lead_id, offer_id, decision, note.map(Text::into_string)).await {
        Ok(o) => Ok(Decided::Done(o)),
        Err(e) => match pronto_store::offer_refusal(&e) {
            Some(k) => Ok(Decided::Refused(k)),
            None => Err(offer_not_found(e)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offer_expires_at_the_end_of_its_last_day_in_the_office_zone() {
        let prague = TimeZone::get("Europe/Prague").unwrap();
        let jerusalem = TimeZone::get("Asia/Jerusalem").unwrap();
        for (day, zone, want) in [
            ("2026-12-31", &prague, "2026-12-31T23:00:00Z"),
            ("2026-07-15", &prague, "2026-07-15T22:00:00Z"),
            ("2026-12-31", &jerusalem, "2026-12-31T22:00:00Z"),
            ("2026-12-31", &TimeZone::UTC, "2027-01-01T00:00:00Z"),
        ] {
            let got = expires_at(day.parse().unwrap(), zone);
            assert_eq!(got, want.parse::<Timestamp>().unwrap(), "{day}");
        }
    }

    #[test]
    fn the_default_currency_follows_the_region() {
        for (region, code) in [("CZ", "CZK"), ("PL", "PLN"), ("IL", "ILS"), ("DE", "EUR"), ("JP", "JPY"), ("XX", "EUR")] {
            assert_eq!(default_currency(region).code(), code, "{region}");
        }
    }
}
