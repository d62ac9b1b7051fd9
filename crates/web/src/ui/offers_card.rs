//! The lead card's offers (issue 20): each version with its status, total and validity, newest
//! first, in the reader's language. For those who work the deal: "New offer", "New version" and
//! "Send to the customer" on a draft (the editor: `offers_editor`), and two versions side by side
//! with what changed (the latest two, or the two chosen; `offers_diff`).

use super::i18n::Tr;
use crate::public_offers::{amount, date};
use pronto_domain::offer::{OfferStatus, effective_status};
use pronto_store::OfferRecord;

/// One version as the card lists it.
pub struct OfferRow {
    pub id: i64,
    pub version: i64,
    /// A draft still valid: it can be sent.
    pub sendable: bool,
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
                id: o.id,
                version: o.version,
                sendable: status == "draft",
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

// ── The editor's part of the card (issue 20, item 2) ──────────────────────────────────────

/// One line of the comparison as the card shows it.
pub struct CmpLine {
    /// `added`, `removed`, `changed`, `same` (for the style).
    pub class: &'static str,
    /// The word for it ("added"); empty for an unchanged line.
    pub badge: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// What changed in it, in words.
    pub fields: String,
}

/// Two versions side by side.
pub struct Compare {
    pub old_title: String,
    pub new_title: String,
    pub lines: Vec<CmpLine>,
    /// "Nothing changed." or the parts of the deal that changed, in words.
    pub summary: String,
    pub old_total: String,
    pub new_total: String,
    pub totals_changed: bool,
    pub old_valid: String,
    pub new_valid: String,
    pub validity_changed: bool,
    pub old_version: i64,
    pub new_version: i64,
}

/// The lead card's offers section.
pub struct OffersCard {
    pub lead_id: i64,
    pub rows: Vec<OfferRow>,
    /// What the last action did and what follows.
    pub notice: Option<String>,
    /// The reader works the deal: the buttons are there.
    pub may_work: bool,
    /// The newest version's id (for "New version").
    pub latest: Option<i64>,
    /// The versions to choose from for the comparison: (version, title).
    pub versions: Vec<(i64, String)>,
    pub compare: Option<Compare>,
}

fn line_text(t: &Tr, i: &pronto_store::OfferItemRecord, currency: &str) -> String {
    let unit = i.unit.as_deref().map(|u| format!("\u{a0}{u}")).unwrap_or_default();
    let discount = match i.discount.parse::<pronto_domain::money::Decimal>() {
        Ok(d) if !d.is_zero() => format!(" −{}\u{a0}%", amount(t, &d.normalize().to_string())),
        _ => String::new(),
    };
    let mut s = format!(
        "{} — {}{unit} × {}{discount}, {} {}\u{a0}% = {}\u{a0}{currency}",
        i.name,
        amount(t, &i.quantity),
        amount(t, &i.unit_price),
        t.t("c-offer-col-vat"),
        amount(t, &i.vat_rate),
        amount(t, &i.net)
    );
    match (i.availability.as_deref(), &i.available_on) {
        (Some("on_order"), Some(d)) => s.push_str(&format!(" · {}", t.with("c-offer-avail-on_order", &[("date", &date(t, d))]))),
        (Some(a), _) => s.push_str(&format!(" · {}", t.t(&format!("c-offer-avail-{a}")))),
        _ => {}
    }
    s
}

/// The comparison of `old` and `new` in the reader's words.
pub fn compare(t: &Tr, old: &OfferRecord, new: &OfferRecord) -> Compare {
    use super::offers_diff::{Change, diff};
    let d = diff(old, new);
    let lines = d
        .lines
        .iter()
        .map(|l| {
            let (class, fields) = match &l.change {
                Change::Added => ("added", String::new()),
                Change::Removed => ("removed", String::new()),
                Change::Changed(f) => ("changed", f.iter().map(|f| t.t(&format!("offers-cmp-f-{f}"))).collect::<Vec<_>>().join(", ")),
                Change::Same => ("same", String::new()),
            };
            CmpLine {
                class,
                badge: if class == "same" { String::new() } else { t.t(&format!("offers-cmp-{class}")) },
                old: l.old.as_ref().map(|i| line_text(t, i, &old.currency)),
                new: l.new.as_ref().map(|i| line_text(t, i, &new.currency)),
                fields,
            }
        })
        .collect();
    let mut parts: Vec<String> = Vec::new();
    let count = |c: &str| {
        d.lines
            .iter()
            .filter(|l| match &l.change {
                Change::Added => c == "added",
                Change::Removed => c == "removed",
                Change::Changed(_) => c == "changed",
                Change::Same => false,
            })
            .count() as i64
    };
    for c in ["added", "removed", "changed"] {
        let n = count(c);
        if n > 0 {
            parts.push(t.n(&format!("offers-cmp-n-{c}"), n));
        }
    }
    if d.totals {
        parts.push(t.t("offers-cmp-totals"));
    }
    if d.validity {
        parts.push(t.t("offers-cmp-validity"));
    }
    if d.delivery {
        parts.push(t.t("offers-cmp-delivery"));
    }
    for f in &d.texts {
        parts.push(t.t(&format!("offers-cmp-f-{f}")));
    }
    let summary = if d.is_empty() { t.t("offers-cmp-nothing") } else { t.s("offers-cmp-summary", &parts.join(", ")) };
    let total = |o: &OfferRecord| format!("{}\u{a0}{}", amount(t, &o.gross), o.currency);
    Compare {
        old_title: t.with("offers-card-version", &[("version", &old.version.to_string())]),
        new_title: t.with("offers-card-version", &[("version", &new.version.to_string())]),
        lines,
        summary,
        old_total: total(old),
        new_total: total(new),
        totals_changed: d.totals,
        old_valid: t.with("c-offer-valid", &[("date", &date(t, &old.valid_until))]),
        new_valid: t.with("c-offer-valid", &[("date", &date(t, &new.valid_until))]),
        validity_changed: d.validity,
        old_version: old.version,
        new_version: new.version,
    }
}

/// The sentence after saving or sending (`?offer=saved|sent&v=N&via=email|sms|none`): only
/// known codes and a number reach it.
pub fn notice(t: &Tr, q: &std::collections::HashMap<String, String>) -> Option<String> {
    let v = q.get("v").and_then(|v| v.parse::<i64>().ok()).filter(|v| *v > 0)?.to_string();
    match (q.get("offer").map(String::as_str), q.get("via").map(String::as_str)) {
        (Some("saved"), _) if q.get("task").is_some_and(|k| k == "done") => Some(t.with("offers-ed-saved-task", &[("version", &v)])),
        (Some("saved"), _) => Some(t.with("offers-ed-saved", &[("version", &v)])),
        (Some("sent"), Some(via @ ("email" | "sms"))) => Some(t.with(&format!("offers-ed-sent-{via}"), &[("version", &v)])),
        (Some("sent"), _) => Some(t.with("offers-ed-sent-none", &[("version", &v)])),
        _ => None,
    }
}

/// The card: the versions, the buttons for who works the deal, the comparison (`?cmp_a=&cmp_b=`
/// version numbers, else the latest two).
pub fn card(
    t: &Tr,
    lead_id: i64,
    offers: &[OfferRecord],
    now: jiff::Timestamp,
    may_work: bool,
    q: &std::collections::HashMap<String, String>,
) -> OffersCard {
    let by_version = |k: &str| q.get(k).and_then(|v| v.parse::<i64>().ok()).and_then(|v| offers.iter().find(|o| o.version == v));
    let pair = match (by_version("cmp_a"), by_version("cmp_b")) {
        (Some(a), Some(b)) if a.version != b.version => Some(if a.version < b.version { (a, b) } else { (b, a) }),
        _ if offers.len() >= 2 => Some((&offers[offers.len() - 2], &offers[offers.len() - 1])),
        _ => None,
    };
    OffersCard {
        lead_id,
        rows: rows(t, offers, now),
        notice: notice(t, q),
        may_work,
        latest: offers.last().map(|o| o.id),
        versions: offers.iter().rev().map(|o| (o.version, t.with("offers-card-version", &[("version", &o.version.to_string())]))).collect(),
        compare: pair.map(|(a, b)| compare(t, a, b)),
    }
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
