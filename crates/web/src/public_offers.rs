//! The customer's offers on their page (issue 20): each offer sent to them with its lines,
//! totals per VAT rate, validity and three choices (accept, decline, ask for changes — "start
//! with one or two services" one click away), and `POST /t/{token}/offers/{id}`, their
//! decision: `303` back to the page, or `409` with a page saying why (expired, superseded,
//! already decided). In the customer's language; no internal ids beyond the offer's own.

use crate::ui::i18n::Tr;
use askama::Template;
use jiff::civil::Date;
use pronto_store::OfferRecord;
use std::sync::Arc;

/// An amount in the reader's notation: `14 500,00` (cs, pl, ru), `14,500.00` (en, he).
pub fn amount(t: &Tr, text: &str) -> String {
    let (sign, body) = text.strip_prefix('-').map(|b| ("-", b)).unwrap_or(("", text));
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let (group, point) = match t.lang {
        "cs" | "pl" | "ru" => ('\u{a0}', ','),
        _ => (',', '.'),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped}{point}{frac}") }
}

/// A rate or quantity as the reader writes decimals (`10,5` in cs).
pub fn number(t: &Tr, text: &str) -> String {
    match t.lang {
        "cs" | "pl" | "ru" => text.replace('.', ","),
        _ => text.to_owned(),
    }
}

/// A date in the reader's words: `31. 12. 2026` (cs), `31.12.2026` (pl, ru, he), `31 Dec 2026` (en).
pub fn date(t: &Tr, text: &str) -> String {
    let Ok(d) = text.parse::<Date>() else { return text.to_owned() };
    match t.lang {
        "cs" => d.strftime("%-d. %-m. %Y").to_string(),
        "en" => d.strftime("%-d %b %Y").to_string(),
        _ => d.strftime("%d.%m.%Y").to_string(),
    }
}

pub struct ItemView {
    pub name: String,
    pub quantity: String,
    pub unit_price: String,
    pub discount: Option<String>,
    pub vat_rate: String,
    pub net: String,
    pub availability: Option<String>,
}

pub struct OfferView {
    pub id: i64,
    pub title: String,
    pub valid: String,
    /// Says it can no longer be accepted.
    pub expired: Option<String>,
    /// What the customer decided, or that a newer version replaced it.
    pub state: Option<String>,
    /// The three choices are shown.
    pub open: bool,
    pub items: Vec<ItemView>,
    pub vat_rows: Vec<String>,
    pub net: String,
    pub vat: String,
    pub gross: String,
    pub delivery: Option<String>,
    pub cooperation: Option<String>,
    pub customer_provides: Option<String>,
    pub we_provide: Option<String>,
    pub note: Option<String>,
}

/// The offers the customer sees, newest first: every one sent to them (never a draft).
pub fn views(t: &Tr, offers: &[OfferRecord], now: jiff::Timestamp) -> Vec<OfferView> {
    offers.iter().rev().filter(|o| o.status != "draft" && o.sent_at.is_some()).map(|o| view(t, o, now)).collect()
}

fn view(t: &Tr, o: &OfferRecord, now: jiff::Timestamp) -> OfferView {
    // Right to left, every amount, number and date is isolated so that it keeps its own order.
    let rtl = t.dir() == "rtl";
    let iso = |v: String| if rtl { format!("\u{2068}{v}\u{2069}") } else { v };
    let money = |s: &str| iso(format!("{}\u{a0}{}", amount(t, s), o.currency));
    let number = |s: &str| iso(number(t, s));
    let date = |t: &Tr, s: &str| iso(date(t, s));
    let expired_now = o.status == "sent" && now >= o.expires_at;
    let state = match (o.status.as_str(), o.decision.as_deref()) {
        ("superseded", _) => Some(t.t("c-offer-superseded")),
        (_, Some("accept")) => Some(t.t("c-offer-decided-accept")),
        (_, Some("decline")) => Some(t.t("c-offer-decided-decline")),
        (_, Some(_)) => Some(t.t("c-offer-decided-changes")),
        _ => None,
    };
    OfferView {
        id: o.id,
        title: t.with("c-offer-title", &[("version", &o.version.to_string())]),
        valid: t.with("c-offer-valid", &[("date", &date(t, &o.valid_until))]),
        expired: expired_now.then(|| t.with("c-offer-expired", &[("date", &date(t, &o.valid_until))])),
        open: o.status == "sent" && !expired_now,
        state,
        items: o
            .items
            .iter()
            .map(|i| ItemView {
                name: i.name.clone(),
                quantity: match &i.unit {
                    Some(u) => iso(format!("{} {u}", crate::public_offers::number(t, &i.quantity))),
                    None => number(&i.quantity),
                },
                unit_price: money(&i.unit_price),
                discount: (i.discount != "0").then(|| iso(format!("{} %", crate::public_offers::number(t, &i.discount)))),
                vat_rate: iso(format!("{} %", crate::public_offers::number(t, &i.vat_rate))),
                net: money(&i.net),
                availability: i.availability.as_deref().map(|a| match a {
                    "on_order" => t.with("c-offer-avail-on_order", &[("date", &date(t, i.available_on.as_deref().unwrap_or_default()))]),
                    other => t.t(&format!("c-offer-avail-{other}")),
                }),
            })
            .collect(),
        vat_rows: o
            .vat_summary
            .iter()
            .map(|r| t.with("c-offer-vat-row", &[("rate", &number(&r.rate)), ("base", &money(&r.base)), ("vat", &money(&r.vat))]))
            .collect(),
        net: money(&o.net),
        vat: money(&o.vat),
        gross: money(&o.gross),
        delivery: o.delivery_date.as_deref().map(|d| t.with("c-offer-delivery", &[("date", &date(t, d))])),
        cooperation: o.cooperation.clone(),
        customer_provides: o.customer_provides.clone(),
        we_provide: o.we_provide.clone(),
        note: o.note.clone(),
    }
}

/// The `409` page: why the customer cannot decide, and the way back.
#[derive(Template)]
#[template(path = "offers_refused.html")]
pub struct Refused {
    pub t: Arc<Tr>,
    pub token: String,
    pub why: String,
}

impl Refused {
    pub fn new(t: Arc<Tr>, token: &str, key: &str) -> Refused {
        let why = t.t(&format!("c-offer-refused-{key}"));
        Refused { t, token: token.to_owned(), why }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_dates_and_rates_in_the_readers_notation() {
        for (lang, raw, want) in [
            ("cs", "14500.00", "14\u{a0}500,00"),
            ("en", "14500.00", "14,500.00"),
            ("he", "1234567.5", "1,234,567.5"),
            ("pl", "999.99", "999,99"),
            ("ru", "-1000", "-1\u{a0}000"),
            ("en", "4380", "4,380"),
        ] {
            assert_eq!(amount(&Tr::new(lang), raw), want, "{lang} {raw}");
        }
        for (lang, raw, want) in
            [("cs", "2026-12-31", "31. 12. 2026"), ("en", "2026-12-31", "31 Dec 2026"), ("he", "2027-01-05", "05.01.2027")]
        {
            assert_eq!(date(&Tr::new(lang), raw), want, "{lang}");
        }
        assert_eq!(number(&Tr::new("cs"), "10.5"), "10,5");
        assert_eq!(number(&Tr::new("en"), "10.5"), "10.5");
    }
}
