//! Offers: a validated new offer (its lines from the catalogue or free text, quantities,
//! prices, discounts, VAT per line, the supplier's availability per line, validity, delivery
//! date and the texts of the deal), its statuses, and the one rule that says whether the
//! customer may decide on it now.
//!
//! Pure: the catalogue's products an offer names by `sku` are looked up by the caller and
//! handed in ([`CatalogueProduct`]); today's date and the current time come from the caller's
//! clock.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::error::FieldErrors;
use crate::lead::vocabulary;
use crate::money::{self, Currency, Decimal, LineInput, Totals};
use crate::values::{Invalid, Line, Text};

/// At most this many lines in one offer.
pub const ITEMS_MAX: usize = 200;
pub const SKU_MAX: usize = 64;
pub const ITEM_NAME_MAX: usize = 300;
pub const UNIT_MAX: usize = 20;
/// The texts of the deal (course of cooperation, what each side does, the note).
pub const TEXT_MAX: usize = 10_000;
/// The customer's note with a decision.
pub const DECISION_NOTE_MAX: usize = 2_000;
/// How far ahead a validity or delivery date may lie.
pub const DATE_HORIZON_DAYS: i32 = 3 * 366;

vocabulary!(
    /// Where an offer stands. `expired` is never stored: a `draft` or `sent` offer past its
    /// validity reads as `expired` ([`effective_status`]).
    OfferStatus {
        Draft = "draft",
        Sent = "sent",
        Accepted = "accepted",
        Declined = "declined",
        ChangesRequested = "changes_requested",
        Superseded = "superseded",
        Expired = "expired"
    }
);

vocabulary!(
    /// What the customer decided on their page (the form's `decision` field).
    Decision { Accept = "accept", Decline = "decline", Changes = "changes" }
);

vocabulary!(
    /// The supplier's availability of one line (the distributor checks it by article number,
    /// or by name when there is none).
    Availability { InStock = "in_stock", OnOrder = "on_order", NotAvailable = "not_available" }
);

impl Decision {
    /// The status a decision leaves the offer in.
    pub fn status(self) -> OfferStatus {
        match self {
            Decision::Accept => OfferStatus::Accepted,
            Decision::Decline => OfferStatus::Declined,
            Decision::Changes => OfferStatus::ChangesRequested,
        }
    }
    /// The playbook trigger and domain event name (`offer.accepted` …).
    pub fn trigger(self) -> &'static str {
        match self {
            Decision::Accept => "offer.accepted",
            Decision::Decline => "offer.declined",
            Decision::Changes => "offer.changes_requested",
        }
    }
}

impl OfferStatus {
    /// Statuses a new version supersedes: the offer the customer has not answered yet, or
    /// asked to change. A decided offer (accepted, declined) stays as it was decided.
    pub fn is_open(self) -> bool {
        matches!(self, OfferStatus::Draft | OfferStatus::Sent | OfferStatus::ChangesRequested)
    }
}

/// The status to show: a `draft` or `sent` offer at or past its end of validity is `expired`.
pub fn effective_status(stored: OfferStatus, expires_at: Timestamp, now: Timestamp) -> OfferStatus {
    match stored {
        OfferStatus::Draft | OfferStatus::Sent if now >= expires_at => OfferStatus::Expired,
        s => s,
    }
}

/// Why the customer may not decide on an offer (the page answers `409` with this reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not sent to the customer yet.
    NotSent,
    /// Past its validity.
    Expired,
    /// A newer version replaced it.
    Superseded,
    /// Already decided (accepted, declined or changes asked for).
    AlreadyDecided(OfferStatus),
}

impl Refusal {
    /// A stable key for the page's wording (`offer-refused-KEY`).
    pub fn key(self) -> &'static str {
        match self {
            Refusal::NotSent => "not-sent",
            Refusal::Expired => "expired",
            Refusal::Superseded => "superseded",
            Refusal::AlreadyDecided(_) => "decided",
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotSent => f.write_str("the offer has not been sent to the customer"),
            Refusal::Expired => f.write_str("the offer has expired and can no longer be decided"),
            Refusal::Superseded => f.write_str("a newer version replaced this offer"),
            Refusal::AlreadyDecided(s) => write!(f, "the offer was already decided ({s})"),
        }
    }
}

/// Whether the customer may decide on an offer now: only a `sent` offer before its end of
/// validity. Otherwise the reason.
pub fn may_decide(stored: OfferStatus, expires_at: Timestamp, now: Timestamp) -> Result<(), Refusal> {
    match stored {
        OfferStatus::Sent if now < expires_at => Ok(()),
        OfferStatus::Sent | OfferStatus::Expired => Err(Refusal::Expired),
        OfferStatus::Draft => Err(Refusal::NotSent),
        OfferStatus::Superseded => Err(Refusal::Superseded),
        s @ (OfferStatus::Accepted | OfferStatus::Declined | OfferStatus::ChangesRequested) => Err(Refusal::AlreadyDecided(s)),
    }
}

/// Whether the team may send an offer now: a `draft` (or an already `sent` one, again) not past
/// its validity.
pub fn may_send(stored: OfferStatus, expires_at: Timestamp, now: Timestamp) -> Result<(), Refusal> {
    match stored {
        OfferStatus::Draft | OfferStatus::Sent if now < expires_at => Ok(()),
        OfferStatus::Draft | OfferStatus::Sent | OfferStatus::Expired => Err(Refusal::Expired),
        OfferStatus::Superseded => Err(Refusal::Superseded),
        s => Err(Refusal::AlreadyDecided(s)),
    }
}

/// A product of the catalogue as an offer line needs it (looked up by `sku` by the caller).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueProduct {
    pub sku: String,
    pub name: String,
    pub unit: Option<String>,
    pub price: Decimal,
    pub currency: String,
    pub vat_rate: Decimal,
}

/// One line as it arrives (every field text, as on the wire).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfferItemDraft {
    pub sku: Option<String>,
    pub name: Option<String>,
    pub unit: Option<String>,
    pub quantity: Option<String>,
    pub unit_price: Option<String>,
    pub vat_rate: Option<String>,
    pub discount: Option<String>,
    pub availability: Option<String>,
    /// The supplier's date when `availability` is `on_order` (`YYYY-MM-DD`).
    pub available_on: Option<String>,
}

/// A new offer as it arrives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfferDraft {
    pub items: Vec<OfferItemDraft>,
    pub currency: Option<String>,
    pub valid_until: Option<String>,
    pub delivery_date: Option<String>,
    /// The course of cooperation.
    pub cooperation: Option<String>,
    /// What the customer provides.
    pub customer_provides: Option<String>,
    /// What we do.
    pub we_provide: Option<String>,
    pub note: Option<String>,
}

/// A validated line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferItem {
    pub sku: Option<Line>,
    pub name: Line,
    pub unit: Option<Line>,
    pub quantity: Decimal,
    pub unit_price: Decimal,
    pub discount: Decimal,
    pub vat_rate: Decimal,
    pub availability: Option<Availability>,
    pub available_on: Option<Date>,
}

impl OfferItem {
    pub fn money(&self) -> LineInput {
        LineInput { quantity: self.quantity, unit_price: self.unit_price, discount: self.discount, vat_rate: self.vat_rate }
    }
}

/// A validated new offer, its totals computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOffer {
    pub items: Vec<OfferItem>,
    pub currency: Currency,
    pub valid_until: Date,
    pub delivery_date: Option<Date>,
    pub cooperation: Option<Text>,
    pub customer_provides: Option<Text>,
    pub we_provide: Option<Text>,
    pub note: Option<Text>,
    pub totals: Totals,
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn parse_date(text: &str) -> Result<Date, Invalid> {
    text.trim().parse::<Date>().map_err(|_| Invalid(format!("`{}` is not a date like 2026-12-31", text.trim())))
}

fn percent(text: &str) -> Result<Decimal, Invalid> {
    let v = money::parse_decimal(text)?;
    if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
        return Err(Invalid(format!("`{}` is not a percentage from 0 to 100", text.trim())));
    }
    Ok(v)
}

fn amount(text: &str, positive: bool) -> Result<Decimal, Invalid> {
    let v = money::parse_decimal(text)?;
    if positive && v <= Decimal::ZERO {
        return Err(Invalid("must be greater than 0".into()));
    }
    if v < Decimal::ZERO {
        return Err(Invalid("must not be negative".into()));
    }
    if v > money::AMOUNT_MAX {
        return Err(Invalid(format!("must be at most {}", money::AMOUNT_MAX)));
    }
    Ok(v)
}

fn text(v: &Option<String>, field: &str, e: &mut FieldErrors) -> Option<Text> {
    e.take_opt(field, given(v).map(|t| Text::parse(t, TEXT_MAX)))
}

impl OfferDraft {
    /// The `sku`s the lines name, for the caller to look up in the catalogue.
    pub fn skus(&self) -> Vec<String> {
        self.items.iter().filter_map(|i| given(&i.sku).map(str::to_string)).collect()
    }

    /// Validates every field at once. `products` holds the catalogue's products by `sku` (empty
    /// when there is no catalogue); `default_currency` is used when neither the request nor a
    /// product names one; `today` is the office's date (validity may not lie in the past).
    pub fn parse(
        &self,
        products: &HashMap<String, CatalogueProduct>,
        default_currency: Currency,
        today: Date,
    ) -> Result<NewOffer, FieldErrors> {
        let mut e = FieldErrors::new();
        let horizon = today.checked_add(jiff::Span::new().days(DATE_HORIZON_DAYS)).unwrap_or(today);
        let currency = match given(&self.currency) {
            Some(c) => e.take("currency", Currency::parse(c)),
            None => self
                .items
                .iter()
                .filter(|i| given(&i.unit_price).is_none())
                .find_map(|i| given(&i.sku).and_then(|s| products.get(s)))
                .and_then(|p| Currency::parse(&p.currency).ok())
                .or(Some(default_currency)),
        };
        let valid_until = match given(&self.valid_until) {
            None => {
                e.add("valid_until", "is required");
                None
            }
            Some(v) => match e.take("valid_until", parse_date(v)) {
                Some(d) if d < today => {
                    e.add("valid_until", format!("{d} is in the past"));
                    None
                }
                Some(d) if d > horizon => {
                    e.add("valid_until", format!("{d} is more than three years ahead"));
                    None
                }
                d => d,
            },
        };
        let delivery_date = match given(&self.delivery_date).map(parse_date) {
            Some(Ok(d)) if d < today => {
                e.add("delivery_date", format!("{d} is in the past"));
                None
            }
            other => e.take_opt("delivery_date", other),
        };
        if self.items.is_empty() {
            e.add("items", "give at least one line");
        }
        if self.items.len() > ITEMS_MAX {
            e.add("items", format!("at most {ITEMS_MAX} lines"));
        }
        let mut items = Vec::new();
        for (n, it) in self.items.iter().enumerate().take(ITEMS_MAX) {
            let f = |name: &str| format!("items[{n}].{name}");
            let sku = e.take_opt(&f("sku"), given(&it.sku).map(|s| Line::parse(s, SKU_MAX)));
            let product = given(&it.sku).and_then(|s| products.get(s));
            if let (Some(s), None) = (given(&it.sku), product)
                && given(&it.name).is_none()
            {
                e.add(f("sku"), format!("no product with the article number `{s}`; give the line's name, price and VAT rate"));
            }
            let name = match (given(&it.name), product) {
                (Some(n), _) => e.take(&f("name"), Line::parse(n, ITEM_NAME_MAX)),
                (None, Some(p)) => e.take(&f("name"), Line::parse(&p.name, ITEM_NAME_MAX)),
                (None, None) => {
                    if given(&it.sku).is_none() {
                        e.add(f("name"), "give the line's name or the product's sku");
                    }
                    None
                }
            };
            let unit = match (given(&it.unit), product.and_then(|p| p.unit.as_deref())) {
                (Some(u), _) | (None, Some(u)) => e.take(&f("unit"), Line::parse(u, UNIT_MAX)),
                (None, None) => None,
            };
            let quantity = match given(&it.quantity) {
                Some(q) => e.take(&f("quantity"), amount(q, true)),
                None => {
                    e.add(f("quantity"), "is required");
                    None
                }
            };
            let unit_price = match (given(&it.unit_price), product) {
                (Some(p), _) => e.take(&f("unit_price"), amount(p, false)),
                (None, Some(p)) => match currency {
                    Some(c) if !p.currency.eq_ignore_ascii_case(c.code()) => {
                        e.add(
                            f("unit_price"),
                            format!("the product's price is in {}, the offer in {}; give the price in {}", p.currency, c.code(), c.code()),
                        );
                        None
                    }
                    _ => Some(p.price),
                },
                (None, None) => {
                    if product.is_none() && (given(&it.sku).is_none() || given(&it.name).is_some()) {
                        e.add(f("unit_price"), "is required");
                    }
                    None
                }
            };
            let vat_rate = match (given(&it.vat_rate), product) {
                (Some(v), _) => e.take(&f("vat_rate"), percent(v)),
                (None, Some(p)) => Some(p.vat_rate),
                (None, None) => {
                    if given(&it.sku).is_none() || given(&it.name).is_some() {
                        e.add(f("vat_rate"), "is required");
                    }
                    None
                }
            };
            let discount = match given(&it.discount) {
                Some(d) => e.take(&f("discount"), percent(d)),
                None => Some(Decimal::ZERO),
            };
            let availability = e.take_opt(&f("availability"), given(&it.availability).map(Availability::parse));
            let available_on = match (availability, given(&it.available_on)) {
                (Some(Availability::OnOrder), None) => {
                    e.add(f("available_on"), "give the supplier's date for a line on order");
                    None
                }
                (Some(Availability::OnOrder), Some(d)) => e.take(&f("available_on"), parse_date(d)),
                (_, Some(_)) => {
                    e.add(f("available_on"), "only a line `on_order` has the supplier's date");
                    None
                }
                (_, None) => None,
            };
            if let (Some(name), Some(quantity), Some(unit_price), Some(vat_rate), Some(discount)) =
                (name, quantity, unit_price, vat_rate, discount)
            {
                items.push(OfferItem { sku, name, unit, quantity, unit_price, discount, vat_rate, availability, available_on });
            }
        }
        let cooperation = text(&self.cooperation, "cooperation", &mut e);
        let customer_provides = text(&self.customer_provides, "customer_provides", &mut e);
        let we_provide = text(&self.we_provide, "we_provide", &mut e);
        let note = text(&self.note, "note", &mut e);
        e.into_result()?;
        let (Some(currency), Some(valid_until)) = (currency, valid_until) else { unreachable!("every missing field was reported") };
        let lines: Vec<LineInput> = items.iter().map(OfferItem::money).collect();
        // At most 200 lines of 10^9 × 10^9: far inside `Decimal`'s range, so no sum overflows.
        let totals = money::totals(&lines, currency);
        Ok(NewOffer { items, currency, valid_until, delivery_date, cooperation, customer_provides, we_provide, note, totals })
    }
}

/// Reads the customer's decision from their page's form: `decision` and an optional `note`.
pub fn parse_decision(decision: Option<&str>, note: Option<&str>) -> Result<(Decision, Option<Text>), FieldErrors> {
    let mut e = FieldErrors::new();
    let d = match decision.map(str::trim).filter(|s| !s.is_empty()) {
        None => {
            e.add("decision", "is required");
            None
        }
        Some(d) => e.take("decision", Decision::parse(d)),
    };
    let note = e.take_opt("note", note.map(str::trim).filter(|s| !s.is_empty()).map(|n| Text::parse(n, DECISION_NOTE_MAX)));
    e.into_result()?;
    Ok((d.expect("reported when missing"), note))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn today() -> Date {
        jiff::civil::date(2026, 12, 3)
    }
    fn czk() -> Currency {
        Currency::parse("CZK").unwrap()
    }
    fn item(name: &str, q: &str, p: &str, vat: &str) -> OfferItemDraft {
        OfferItemDraft {
            name: Some(name.into()),
            quantity: Some(q.into()),
            unit_price: Some(p.into()),
            vat_rate: Some(vat.into()),
            ..Default::default()
        }
    }
    fn draft(items: Vec<OfferItemDraft>) -> OfferDraft {
        OfferDraft { items, valid_until: Some("2026-12-31".into()), ..Default::default() }
    }
    fn catalogue() -> HashMap<String, CatalogueProduct> {
        let p = CatalogueProduct {
            sku: "WEB-1".into(),
            name: "Website".into(),
            unit: Some("pc".into()),
            price: d("20000"),
            currency: "CZK".into(),
            vat_rate: d("21"),
        };
        let e = CatalogueProduct {
            sku: "EU-1".into(),
            name: "Pump".into(),
            unit: None,
            price: d("99.90"),
            currency: "EUR".into(),
            vat_rate: d("20"),
        };
        HashMap::from([(p.sku.clone(), p), (e.sku.clone(), e)])
    }
    fn errors(draft: &OfferDraft) -> Vec<(String, String)> {
        draft.parse(&catalogue(), czk(), today()).unwrap_err().0.into_iter().map(|e| (e.field, e.message)).collect()
    }

    #[test]
    fn a_valid_offer_has_its_totals() {
        let mut o = draft(vec![item("Audit", "1", "10000", "21"), item("Training", "2", "2500", "12")]);
        o.items[1].discount = Some("10".into());
        o.delivery_date = Some("2027-01-15".into());
        o.cooperation = Some("Two workshops, then a pilot.".into());
        let n = o.parse(&catalogue(), czk(), today()).unwrap();
        assert_eq!(n.currency.code(), "CZK");
        assert_eq!(n.valid_until, jiff::civil::date(2026, 12, 31));
        assert_eq!(n.delivery_date, Some(jiff::civil::date(2027, 1, 15)));
        assert_eq!(money::format_amount(n.totals.net, n.currency), "14500.00");
        assert_eq!(money::format_amount(n.totals.vat, n.currency), "2640.00");
        assert_eq!(money::format_amount(n.totals.gross, n.currency), "17140.00");
        assert_eq!(n.cooperation.unwrap().as_str(), "Two workshops, then a pilot.");
    }

    #[test]
    fn a_line_by_sku_takes_the_product_unless_the_request_sets_it() {
        // (line, expected name, price, rate, currency)
        let by_sku = |sku: &str| OfferItemDraft { sku: Some(sku.into()), quantity: Some("1".into()), ..Default::default() };
        let cases: Vec<(OfferItemDraft, Option<&str>, &str, &str, &str, &str)> = vec![
            (by_sku("WEB-1"), None, "Website", "20000", "21", "CZK"),
            (OfferItemDraft { unit_price: Some("15000".into()), ..by_sku("WEB-1") }, None, "Website", "15000", "21", "CZK"),
            (
                OfferItemDraft { name: Some("Small site".into()), vat_rate: Some("0".into()), ..by_sku("WEB-1") },
                None,
                "Small site",
                "20000",
                "0",
                "CZK",
            ),
            // the product's currency is the offer's when the offer names none
            (by_sku("EU-1"), None, "Pump", "99.90", "20", "EUR"),
            (by_sku("EU-1"), Some("eur"), "Pump", "99.90", "20", "EUR"),
        ];
        for (line, currency, name, price, rate, cur) in cases {
            let mut o = draft(vec![line.clone()]);
            o.currency = currency.map(str::to_string);
            let n = o.parse(&catalogue(), czk(), today()).unwrap_or_else(|e| panic!("{line:?}: {e}"));
            let i = &n.items[0];
            assert_eq!((i.name.as_str(), i.unit_price, i.vat_rate, n.currency.code()), (name, d(price), d(rate), cur), "{line:?}");
            assert_eq!(i.sku.as_ref().map(|s| s.as_str()), line.sku.as_deref());
        }
    }

    #[test]
    fn every_mistake_is_named_at_once() {
        let field = |f: &str, m: &str| (f.to_string(), m.to_string());
        let cases: Vec<(OfferDraft, Vec<(String, String)>)> = vec![
            (draft(vec![]), vec![field("items", "give at least one line")]),
            (OfferDraft { valid_until: None, ..draft(vec![item("A", "1", "1", "21")]) }, vec![field("valid_until", "is required")]),
            (
                OfferDraft { valid_until: Some("2026-12-02".into()), ..draft(vec![item("A", "1", "1", "21")]) },
                vec![field("valid_until", "2026-12-02 is in the past")],
            ),
            (
                OfferDraft { valid_until: Some("31.12.2026".into()), ..draft(vec![item("A", "1", "1", "21")]) },
                vec![field("valid_until", "`31.12.2026` is not a date like 2026-12-31")],
            ),
            (
                OfferDraft { delivery_date: Some("2026-01-01".into()), ..draft(vec![item("A", "1", "1", "21")]) },
                vec![field("delivery_date", "2026-01-01 is in the past")],
            ),
            (
                OfferDraft { currency: Some("XYZ".into()), ..draft(vec![item("A", "1", "1", "21")]) },
                vec![field("currency", "`XYZ` is not a currency Pronto knows")],
            ),
            (draft(vec![item("A", "0", "1", "21")]), vec![field("items[0].quantity", "must be greater than 0")]),
            (draft(vec![item("A", "-1", "1", "21")]), vec![field("items[0].quantity", "must be greater than 0")]),
            (draft(vec![item("A", "1", "-0.01", "21")]), vec![field("items[0].unit_price", "must not be negative")]),
            (
                draft(vec![item("A", "1", "1.5e3", "21")]),
                vec![field("items[0].unit_price", "`1.5e3` is not a decimal number like 1234.50")],
            ),
            (draft(vec![item("A", "1", "1", "101")]), vec![field("items[0].vat_rate", "`101` is not a percentage from 0 to 100")]),
            (draft(vec![item("A", "1", "1", "-1")]), vec![field("items[0].vat_rate", "`-1` is not a percentage from 0 to 100")]),
            (
                draft(vec![OfferItemDraft { discount: Some("100.5".into()), ..item("A", "1", "1", "21") }]),
                vec![field("items[0].discount", "`100.5` is not a percentage from 0 to 100")],
            ),
            (
                draft(vec![OfferItemDraft { name: None, ..item("A", "1", "1", "21") }]),
                vec![field("items[0].name", "give the line's name or the product's sku")],
            ),
            (
                draft(vec![OfferItemDraft { sku: Some("NOPE".into()), quantity: Some("1".into()), ..Default::default() }]),
                vec![field("items[0].sku", "no product with the article number `NOPE`; give the line's name, price and VAT rate")],
            ),
            (
                draft(vec![
                    OfferItemDraft { sku: Some("EU-1".into()), quantity: Some("1".into()), ..Default::default() },
                    item("A", "1", "1", "21"),
                ]),
                vec![],
            ),
            (
                OfferDraft {
                    currency: Some("CZK".into()),
                    ..draft(vec![OfferItemDraft { sku: Some("EU-1".into()), quantity: Some("1".into()), ..Default::default() }])
                },
                vec![field("items[0].unit_price", "the product's price is in EUR, the offer in CZK; give the price in CZK")],
            ),
            (
                draft(vec![OfferItemDraft { availability: Some("on_order".into()), ..item("A", "1", "1", "21") }]),
                vec![field("items[0].available_on", "give the supplier's date for a line on order")],
            ),
            (
                draft(vec![OfferItemDraft {
                    availability: Some("in_stock".into()),
                    available_on: Some("2027-01-01".into()),
                    ..item("A", "1", "1", "21")
                }]),
                vec![field("items[0].available_on", "only a line `on_order` has the supplier's date")],
            ),
            (
                draft(vec![OfferItemDraft { availability: Some("maybe".into()), ..item("A", "1", "1", "21") }]),
                vec![field("items[0].availability", "`maybe` is not one of: in_stock, on_order, not_available")],
            ),
            (
                OfferDraft { valid_until: None, ..draft(vec![item("", "0", "x", "200")]) },
                vec![
                    field("valid_until", "is required"),
                    field("items[0].name", "give the line's name or the product's sku"),
                    field("items[0].quantity", "must be greater than 0"),
                    field("items[0].unit_price", "`x` is not a decimal number like 1234.50"),
                    field("items[0].vat_rate", "`200` is not a percentage from 0 to 100"),
                ],
            ),
        ];
        for (o, want) in cases {
            if want.is_empty() {
                // the EUR product and a free line: the offer is in the product's currency
                let n = o.parse(&catalogue(), czk(), today()).unwrap();
                assert_eq!(n.currency.code(), "EUR");
                continue;
            }
            assert_eq!(errors(&o), want, "{o:?}");
        }
    }

    #[test]
    fn availability_per_line() {
        let o = draft(vec![
            OfferItemDraft { availability: Some("in_stock".into()), ..item("A", "1", "1", "21") },
            OfferItemDraft { availability: Some("on_order".into()), available_on: Some("2027-02-01".into()), ..item("B", "1", "1", "21") },
            OfferItemDraft { availability: Some("not_available".into()), ..item("C", "1", "1", "21") },
            item("D", "1", "1", "21"),
        ]);
        let n = o.parse(&catalogue(), czk(), today()).unwrap();
        let got: Vec<_> = n.items.iter().map(|i| (i.availability, i.available_on)).collect();
        assert_eq!(
            got,
            vec![
                (Some(Availability::InStock), None),
                (Some(Availability::OnOrder), Some(jiff::civil::date(2027, 2, 1))),
                (Some(Availability::NotAvailable), None),
                (None, None),
            ]
        );
    }

    #[test]
    fn who_may_decide_when() {
        let end: Timestamp = "2026-12-31T23:00:00Z".parse().unwrap();
        let before: Timestamp = "2026-12-20T10:00:00Z".parse().unwrap();
        let after: Timestamp = "2027-01-01T00:00:00Z".parse().unwrap();
        use OfferStatus::*;
        for (status, now, want) in [
            (Sent, before, Ok(())),
            (Sent, end, Err(Refusal::Expired)),
            (Sent, after, Err(Refusal::Expired)),
            (Draft, before, Err(Refusal::NotSent)),
            (Superseded, before, Err(Refusal::Superseded)),
            (Accepted, before, Err(Refusal::AlreadyDecided(Accepted))),
            (Declined, before, Err(Refusal::AlreadyDecided(Declined))),
            (ChangesRequested, before, Err(Refusal::AlreadyDecided(ChangesRequested))),
            (Expired, before, Err(Refusal::Expired)),
        ] {
            assert_eq!(may_decide(status, end, now), want, "{status} at {now}");
        }
        for (status, now, want) in [
            (Draft, before, Ok(())),
            (Sent, before, Ok(())),
            (Draft, after, Err(Refusal::Expired)),
            (Superseded, before, Err(Refusal::Superseded)),
            (Accepted, before, Err(Refusal::AlreadyDecided(Accepted))),
        ] {
            assert_eq!(may_send(status, end, now), want, "send {status} at {now}");
        }
        for (status, now, want) in [
            (Sent, before, Sent),
            (Sent, after, Expired),
            (Draft, after, Expired),
            (Accepted, after, Accepted),
            (Superseded, after, Superseded),
        ] {
            assert_eq!(effective_status(status, end, now), want, "{status} at {now}");
        }
    }

    #[test]
    fn decisions_from_the_form() {
        for (decision, note, want) in [
            (Some("accept"), None, Ok((Decision::Accept, None))),
            (Some(" decline "), Some("too expensive"), Ok((Decision::Decline, Some("too expensive")))),
            (Some("changes"), Some("  "), Ok((Decision::Changes, None))),
            (None, None, Err("decision: is required")),
            (Some("maybe"), None, Err("decision: `maybe` is not one of: accept, decline, changes")),
        ] {
            let got = parse_decision(decision, note).map(|(d, n)| (d, n.map(|t| t.into_string()))).map_err(|e| e.to_string());
            assert_eq!(got, want.map(|(d, n)| (d, n.map(str::to_string))).map_err(str::to_string), "{decision:?}");
        }
        assert_eq!(Decision::Changes.status(), OfferStatus::ChangesRequested);
        assert_eq!(Decision::Decline.trigger(), "offer.declined");
    }
}
