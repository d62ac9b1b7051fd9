//! The lead card's offers (issue 20): each version with its status, total and validity, newest
//! first, in the reader's language. The editor (versions side by side) is built on this.

use super::i18n::Tr;
use crate::public_offers::{amount, date};
use pronto_domain::offer::{OfferStatus, effective_status};
use pronto_store::OfferRecord;

/// One version as the card lists it.
pub struct OfferRow {
    pub title: String,
    /// `draft`, `sent`, … for the style.
    pub status_id: String,
    pub status: String,
    pub gross: String,
    pub valid: String,
    pub note: Option<String>,
    /// The version as a PDF (the API's address: the session's cookie opens it).
    pub pdf: String,
}

pub fn rows(t: &Tr, offers: &[OfferRecord], now: jiff::Timestamp) -> Vec<OfferRow> {
    offers
        .iter()
        .rev()
        .map(|o| {
            let status = OfferStatus::parse(&o.status).map(|s| effective_status(s, o.expires_at, now).as_str()).unwrap_or("draft");
            OfferRow {
                title: t.with("offers-card-version", &[("version", &o.version.to_string())]),
                status_id: status.to_owned(),
                status: t.t(&format!("offers-status-{status}")),
                gross: format!("{}\u{a0}{}", amount(t, &o.gross), o.currency),
                valid: t.with("offers-card-valid", &[("date", &date(t, &o.valid_until))]),
                note: o.decision_note.clone(),
                pdf: format!("/api/v1/offers/{}/pdf", o.id),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_is_a_word_in_every_language() {
        for lang in ["en", "cs", "ru", "pl", "he"] {
            let t = Tr::new(lang);
            for s in OfferStatus::ALL {
                let w = t.t(&format!("offers-status-{}", s.as_str()));
                assert!(!w.starts_with("offers-") && !w.contains('_'), "{lang} {s}: {w}");
            }
            assert!(!t.with("offers-card-version", &[("version", "2")]).starts_with("offers-"), "{lang}");
        }
    }
}
