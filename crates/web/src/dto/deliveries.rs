//! Deliveries and complaints on the wire (issue 21, items 5 and 6): the delivery day as
//! `YYYY-MM-DD` (the office's), times RFC 3339; `documents` are the pack's PDFs once made.

use super::*;
use pronto_store::complaints::ComplaintRecord;
use pronto_store::deliveries::DeliveryRecord;

/// Plan a delivery of the lead's goods.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct DeliveryIn {
    /// The delivery day (`YYYY-MM-DD`), today or later in the office's zone.
    #[schema(required = true, example = "2026-12-10")]
    pub date: Option<String>,
    /// Where to deliver.
    #[schema(required = true, max_length = 500)]
    pub address: Option<String>,
    /// The driver's name.
    #[schema(max_length = 200)]
    pub driver: Option<String>,
}

/// The goods were delivered.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct DeliveredIn {
    /// When (RFC 3339); now when absent. Not in the future.
    pub at: Option<String>,
}

/// A document of the driver's pack: `invoice`, `vat_invoice`, `delivery_note`.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryDocumentOut {
    pub kind: String,
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryOut {
    pub id: i64,
    pub lead_id: i64,
    pub date: String,
    pub address: String,
    pub driver: Option<String>,
    /// `planned`, `pack_ready` or `delivered`.
    pub status: String,
    /// When the driver's pack is (or was) made: 18:00 office time the evening before, or at
    /// once on the day.
    pub pack_at: String,
    pub pack_ready_at: Option<String>,
    pub delivered_at: Option<String>,
    /// The pack's documents, once it is made (empty before).
    pub documents: Vec<DeliveryDocumentOut>,
}

impl From<DeliveryRecord> for DeliveryOut {
    fn from(d: DeliveryRecord) -> Self {
        let documents =
            crate::app::deliveries::documents(&d).into_iter().map(|(kind, url)| DeliveryDocumentOut { kind: kind.into(), url }).collect();
        DeliveryOut {
            id: d.id,
            lead_id: d.lead_id,
            date: d.date,
            address: d.address,
            driver: d.driver,
            status: d.status,
            pack_at: d.pack_at.to_string(),
            pack_ready_at: d.pack_ready_at.map(|t| t.to_string()),
            delivered_at: d.delivered_at.map(|t| t.to_string()),
            documents,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryList {
    pub items: Vec<DeliveryOut>,
}

/// Resolve a complaint.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ResolveIn {
    /// How it was resolved.
    #[schema(required = true, max_length = 5000)]
    pub note: Option<String>,
}

/// A customer's complaint (a negative quality call).
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplaintOut {
    pub id: i64,
    pub lead_id: i64,
    /// The representative: the lead's owner when the complaint was recorded.
    pub owner: Option<UserRefOut>,
    /// The lead's channel (`web`, `phone`, `email` …).
    pub channel: String,
    /// The complaint's substance, as typed on the quality call.
    pub text: String,
    pub created_at: String,
    /// `open` or `resolved`.
    pub status: String,
    pub customer: String,
    pub company: Option<String>,
    pub resolved_at: Option<String>,
    pub resolution: Option<String>,
}

impl From<ComplaintRecord> for ComplaintOut {
    fn from(k: ComplaintRecord) -> Self {
        ComplaintOut {
            id: k.id,
            lead_id: k.lead_id,
            owner: k.owner_id.map(|id| UserRefOut { id, name: k.owner_name.unwrap_or_default() }),
            channel: k.channel,
            text: k.text,
            created_at: k.created_at.to_string(),
            status: k.status,
            customer: k.customer,
            company: k.company,
            resolved_at: k.resolved_at.map(|t| t.to_string()),
            resolution: k.resolution,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ComplaintList {
    pub items: Vec<ComplaintOut>,
}
