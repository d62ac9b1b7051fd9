//! Offers on the wire (issue 20): money as decimal strings, VAT rates as percentage strings,
//! dates as `YYYY-MM-DD`.

use super::*;
use pronto_domain::offer::{OfferDraft, OfferItemDraft, OfferStatus, effective_status};
use pronto_store::{OfferItemRecord, OfferRecord};

/// One line of a new offer: a product of the catalogue by `sku` (its name, price and rate
/// unless set here) or a free line by `name`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct OfferItemIn {
    #[schema(max_length = 64, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$")]
    pub sku: Option<String>,
    #[schema(value_type = String, required = true, max_length = 300, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$")]
    pub name: Option<String>,
    #[schema(max_length = 20, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$")]
    pub unit: Option<String>,
    /// Greater than 0, as a decimal string: `"2"`, `"1.5"`.
    #[schema(value_type = String, required = true, pattern = r"^ *[1-9][0-9]{0,5}(\.[0-9]{1,4})? *$")]
    pub quantity: Option<String>,
    /// In the offer's currency, e.g. `"1234.50"`.
    #[schema(value_type = String, required = true, pattern = r"^ *[0-9]{1,8}(\.[0-9]{1,2})? *$")]
    pub unit_price: Option<String>,
    /// Percent, 0 to 100, e.g. `"21"`.
    #[schema(value_type = String, required = true, pattern = r"^ *(100|[0-9]{1,2}(\.[0-9]{1,2})?) *$")]
    pub vat_rate: Option<String>,
    /// Percent off, 0 to 100.
    #[schema(pattern = r"^ *(100|[0-9]{1,2}(\.[0-9]{1,2})?)? *$")]
    pub discount: Option<String>,
    /// The supplier's availability: `in_stock`, `on_order` (with `available_on`), `not_available`.
    #[schema(pattern = r"^ *(in_stock|on_order|not_available)? *$")]
    pub availability: Option<String>,
    /// The supplier's date for a line `on_order` (only then).
    #[schema(format = "offer-date")]
    pub available_on: Option<String>,
}

/// A new offer on a lead.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct OfferIn {
    #[serde(default)]
    #[schema(required = true, min_items = 1, max_items = 200)]
    pub items: Vec<OfferItemIn>,
    /// ISO 4217; by default the products' currency, else the region's.
    #[schema(pattern = r"^ *(CZK|EUR|USD|GBP|PLN|HUF|ILS|RUB|CHF|JPY|KWD)? *$")]
    pub currency: Option<String>,
    /// The last day the offer is valid (`2031-12-31`; not in the past, at most three years ahead).
    #[schema(value_type = String, required = true, format = "offer-date")]
    pub valid_until: Option<String>,
    /// `2031-12-31`, not in the past.
    #[schema(format = "offer-date")]
    pub delivery_date: Option<String>,
    /// The course of cooperation.
    #[schema(max_length = 10000, pattern = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$")]
    pub cooperation: Option<String>,
    /// What the customer provides.
    #[schema(max_length = 10000, pattern = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$")]
    pub customer_provides: Option<String>,
    /// What we do.
    #[schema(max_length = 10000, pattern = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$")]
    pub we_provide: Option<String>,
    #[schema(max_length = 10000, pattern = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$")]
    pub note: Option<String>,
}

impl OfferIn {
    pub fn into_draft(self) -> OfferDraft {
        OfferDraft {
            items: self
                .items
                .into_iter()
                .map(|i| OfferItemDraft {
                    sku: i.sku,
                    name: i.name,
                    unit: i.unit,
                    quantity: i.quantity,
                    unit_price: i.unit_price,
                    vat_rate: i.vat_rate,
                    discount: i.discount,
                    availability: i.availability,
                    available_on: i.available_on,
                })
                .collect(),
            currency: self.currency,
            valid_until: self.valid_until,
            delivery_date: self.delivery_date,
            cooperation: self.cooperation,
            customer_provides: self.customer_provides,
            we_provide: self.we_provide,
            note: self.note,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OfferItemOut {
    pub sku: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub quantity: String,
    pub unit_price: String,
    pub discount: String,
    pub vat_rate: String,
    /// Quantity × unit price less the discount, rounded to the currency's minor unit.
    pub net: String,
    pub vat: String,
    pub gross: String,
    pub availability: Option<String>,
    pub available_on: Option<String>,
}

impl From<OfferItemRecord> for OfferItemOut {
    fn from(i: OfferItemRecord) -> Self {
        OfferItemOut {
            sku: i.sku,
            name: i.name,
            unit: i.unit,
            quantity: i.quantity,
            unit_price: i.unit_price,
            discount: i.discount,
            vat_rate: i.vat_rate,
            net: i.net,
            vat: i.vat,
            gross: i.gross,
            availability: i.availability,
            available_on: i.available_on,
        }
    }
}

/// One VAT rate's part: the sum of its lines and the VAT on it.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferVatOut {
    pub rate: String,
    pub base: String,
    pub vat: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OfferOut {
    pub id: i64,
    pub lead_id: i64,
    /// 1, 2, … per lead.
    pub version: i64,
    /// `draft`, `sent`, `accepted`, `declined`, `changes_requested`, `superseded` or `expired`.
    pub status: String,
    pub items: Vec<OfferItemOut>,
    pub net: String,
    pub vat: String,
    pub gross: String,
    pub currency: String,
    /// Per VAT rate, lowest first.
    pub vat_summary: Vec<OfferVatOut>,
    /// The last day it is valid.
    pub valid_until: String,
    /// The moment it stops being valid (the end of `valid_until` in the office's time zone).
    pub expires_at: String,
    pub delivery_date: Option<String>,
    pub cooperation: Option<String>,
    pub customer_provides: Option<String>,
    pub we_provide: Option<String>,
    pub note: Option<String>,
    pub created_at: String,
    pub created_by: Option<i64>,
    pub sent_at: Option<String>,
    pub decided_at: Option<String>,
    /// The customer's decision: `accept`, `decline` or `changes`.
    pub decision: Option<String>,
    pub decision_note: Option<String>,
    /// The version that replaced it.
    pub superseded_by: Option<i64>,
}

impl OfferOut {
    /// The offer as shown at `now` (a sent offer past its validity reads `expired`).
    pub fn at(o: OfferRecord, now: jiff::Timestamp) -> OfferOut {
        let status = match OfferStatus::parse(&o.status) {
            Ok(s) => effective_status(s, o.expires_at, now).as_str().to_owned(),
            Err(_) => o.status.clone(),
        };
        OfferOut {
            id: o.id,
            lead_id: o.lead_id,
            version: o.version,
            status,
            items: o.items.into_iter().map(Into::into).collect(),
            net: o.net,
            vat: o.vat,
            gross: o.gross,
            currency: o.currency,
            vat_summary: o.vat_summary.into_iter().map(|r| OfferVatOut { rate: r.rate, base: r.base, vat: r.vat }).collect(),
            valid_until: o.valid_until,
            expires_at: o.expires_at.to_string(),
            delivery_date: o.delivery_date,
            cooperation: o.cooperation,
            customer_provides: o.customer_provides,
            we_provide: o.we_provide,
            note: o.note,
            created_at: o.created_at.to_string(),
            created_by: o.created_by,
            sent_at: o.sent_at.map(|t| t.to_string()),
            decided_at: o.decided_at.map(|t| t.to_string()),
            decision: o.decision,
            decision_note: o.decision_note,
            superseded_by: o.superseded_by,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OfferList {
    pub items: Vec<OfferOut>,
}
