//! Deliveries (issue 21, item 5): plan one for a lead (a day not in the past in the office's
//! zone, an address, an optional driver; the store sets the durable timer that makes the
//! driver's pack at 18:00 the evening before, or at once on the day), mark it delivered (the
//! playbook's `delivery.done`: the distributor's quality call a week later), read a lead's and a
//! day's (the driver's page). Planning is working the deal ([`Action::WorkDeal`]); marking
//! delivered is anyone's who works the leads ([`Action::EditLead`]: the secretary hands the pack
//! to the driver and hears back); reading is everyone's who reads leads.

use super::{Error, Result};
use crate::AppState;
use crate::auth::Caller;
use jiff::Timestamp;
use jiff::civil::Date;
use pronto_domain::FieldErrors;
use pronto_domain::delivery::DeliveryDraft;
use pronto_domain::user::Action;
use pronto_store::StoreError;
use pronto_store::deliveries::{DeliveryRecord, DeliveryStop};

fn not_found(what: &'static str) -> impl Fn(StoreError) -> Error {
    move |e| match e {
        StoreError::NotFound => Error::NotFound(format!("{what} not found")),
        other => other.into(),
    }
}

/// Plans a delivery for lead `lead_id`.
pub async fn plan(st: &AppState, caller: &Caller, lead_id: i64, draft: &DeliveryDraft) -> Result<DeliveryRecord> {
    caller.require(Action::WorkDeal)?;
    let lead = st.store.lead(lead_id).await.map_err(not_found("lead"))?;
    let zone = super::offers::lead_zone(st, &lead);
    let today = st.clock.now().to_zoned(zone.clone()).date();
    let new = draft.parse(today).map_err(Error::Invalid)?;
    Ok(st.store.plan_delivery(lead_id, new, zone, Some(caller.user.id)).await.map_err(not_found("lead"))?)
}

/// The goods of delivery `id` were delivered at `at` (RFC 3339; now when absent).
pub async fn delivered(st: &AppState, caller: &Caller, id: i64, at: Option<&str>) -> Result<DeliveryRecord> {
    caller.require(Action::EditLead)?;
    let at = match at.map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(s.parse::<Timestamp>().map_err(|_| {
            Error::Invalid(FieldErrors::single("at", format!("`{s}` is not a time (RFC 3339, e.g. 2026-12-10T14:30:00Z)")))
        })?),
    };
    Ok(st.store.mark_delivered(id, at, Some(caller.user.id)).await.map_err(not_found("delivery"))?)
}

/// One delivery.
pub async fn get(st: &AppState, caller: &Caller, id: i64) -> Result<DeliveryRecord> {
    caller.require(Action::ReadLeads)?;
    st.store.delivery(id).await.map_err(not_found("delivery"))
}

/// The deliveries of a lead, oldest first.
pub async fn list(st: &AppState, caller: &Caller, lead_id: i64) -> Result<Vec<DeliveryRecord>> {
    caller.require(Action::ReadLeads)?;
    st.store.lead_deliveries(lead_id).await.map_err(not_found("lead"))
}

/// The deliveries of one day: the driver's list.
pub async fn day(st: &AppState, caller: &Caller, date: Date) -> Result<Vec<DeliveryStop>> {
    caller.require(Action::ReadLeads)?;
    Ok(st.store.deliveries_on(date.to_string()).await?)
}

/// The documents of a delivery's pack with their addresses (staff): the invoice, the VAT
/// invoice and the delivery note once the pack is made.
pub fn documents(d: &DeliveryRecord) -> Vec<(&'static str, String)> {
    d.documents()
        .into_iter()
        .filter_map(|kind| {
            let url = match (kind, d.invoice_id) {
                ("invoice", Some(i)) => format!("/api/v1/invoices/{i}/pdf"),
                ("vat_invoice", Some(i)) => format!("/api/v1/invoices/{i}/vat.pdf"),
                ("delivery_note", _) => format!("/api/v1/deliveries/{}/delivery_note.pdf", d.id),
                _ => return None,
            };
            Some((kind, url))
        })
        .collect()
}
