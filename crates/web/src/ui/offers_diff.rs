//! What changed between two versions of an offer (issue 20, item 2): the lines added, removed
//! and changed (and in which of their fields), the totals and the validity. Pure: two stored
//! offers in, the differences out; the lead card shows them side by side.
//!
//! Lines are matched by article number when both have one, else by name (case and surrounding
//! spaces ignored); numbers are compared as decimals (`2` and `2.00` are the same).

use pronto_domain::money::Decimal;
use pronto_store::{OfferItemRecord, OfferRecord};
use std::str::FromStr;

/// What happened to one line from the earlier version to the later one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added,
    Removed,
    /// The fields that differ (`quantity`, `unit_price`, …).
    Changed(Vec<&'static str>),
    Same,
}

/// One line of the comparison: the earlier version's line, the later one's, or both.
#[derive(Debug, Clone, PartialEq)]
pub struct LineDiff {
    pub old: Option<OfferItemRecord>,
    pub new: Option<OfferItemRecord>,
    pub change: Change,
}

/// The differences between two versions.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferDiff {
    /// The later version's lines in their order, each with its earlier counterpart; then the
    /// earlier version's lines that are gone.
    pub lines: Vec<LineDiff>,
    /// The totals (net, VAT, to pay) or the currency differ.
    pub totals: bool,
    /// The last day of validity differs.
    pub validity: bool,
    pub delivery: bool,
    /// The texts of the deal that differ (`cooperation`, `customer_provides`, `we_provide`, `note`).
    pub texts: Vec<&'static str>,
}

impl OfferDiff {
    pub fn is_empty(&self) -> bool {
        !self.totals && !self.validity && !self.delivery && self.texts.is_empty() && self.lines.iter().all(|l| l.change == Change::Same)
    }
}

fn key(i: &OfferItemRecord) -> String {
    match i.sku.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => format!("sku:{}", s.to_lowercase()),
        None => format!("name:{}", i.name.trim().to_lowercase()),
    }
}

fn same_number(a: &str, b: &str) -> bool {
    match (Decimal::from_str(a.trim()), Decimal::from_str(b.trim())) {
        (Ok(x), Ok(y)) => x == y,
        _ => a.trim() == b.trim(),
    }
}

fn changed_fields(a: &OfferItemRecord, b: &OfferItemRecord) -> Vec<&'static str> {
    let mut out = Vec::new();
    if a.name.trim() != b.name.trim() {
        out.push("name");
    }
    for (field, x, y) in [
        ("quantity", &a.quantity, &b.quantity),
        ("unit_price", &a.unit_price, &b.unit_price),
        ("discount", &a.discount, &b.discount),
        ("vat_rate", &a.vat_rate, &b.vat_rate),
    ] {
        if !same_number(x, y) {
            out.push(field);
        }
    }
    if a.unit != b.unit {
        out.push("unit");
    }
    if a.availability != b.availability || a.available_on != b.available_on {
        out.push("availability");
    }
    out
}

/// What changed from `old` to `new`.
pub fn diff(old: &OfferRecord, new: &OfferRecord) -> OfferDiff {
    let mut used = vec![false; old.items.len()];
    let mut lines = Vec::new();
    for n in &new.items {
        let k = key(n);
        let found = old.items.iter().enumerate().position(|(i, o)| !used[i] && key(o) == k);
        match found {
            Some(i) => {
                used[i] = true;
                let o = &old.items[i];
                let fields = changed_fields(o, n);
                let change = if fields.is_empty() { Change::Same } else { Change::Changed(fields) };
                lines.push(LineDiff { old: Some(o.clone()), new: Some(n.clone()), change });
            }
            None => lines.push(LineDiff { old: None, new: Some(n.clone()), change: Change::Added }),
        }
    }
    for (i, o) in old.items.iter().enumerate() {
        if !used[i] {
            lines.push(LineDiff { old: Some(o.clone()), new: None, change: Change::Removed });
        }
    }
    let totals = old.currency != new.currency
        || !same_number(&old.net, &new.net)
        || !same_number(&old.vat, &new.vat)
        || !same_number(&old.gross, &new.gross);
    let texts = [
        ("cooperation", &old.cooperation, &new.cooperation),
        ("customer_provides", &old.customer_provides, &new.customer_provides),
        ("we_provide", &old.we_provide, &new.we_provide),
        ("note", &old.note, &new.note),
    ]
    .into_iter()
    .filter(|(_, a, b)| a.as_deref().map(str::trim).unwrap_or("") != b.as_deref().map(str::trim).unwrap_or(""))
    .map(|(f, ..)| f)
    .collect();
    OfferDiff { lines, totals, validity: old.valid_until != new.valid_until, delivery: old.delivery_date != new.delivery_date, texts }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(sku: Option<&str>, name: &str, qty: &str, price: &str) -> OfferItemRecord {
        OfferItemRecord {
            position: 0,
            sku: sku.map(str::to_owned),
            name: name.into(),
            unit: Some("ks".into()),
            quantity: qty.into(),
            unit_price: price.into(),
            discount: "0".into(),
            vat_rate: "21".into(),
            net: "0".into(),
            vat: "0".into(),
            gross: "0".into(),
            availability: None,
            available_on: None,
        }
    }

    fn offer(items: Vec<OfferItemRecord>, gross: &str, valid: &str) -> OfferRecord {
        OfferRecord {
            id: 1,
            lead_id: 1,
            version: 1,
            status: "draft".into(),
            currency: "CZK".into(),
            net: gross.into(),
            vat: "0".into(),
            gross: gross.into(),
            vat_summary: vec![],
            valid_until: valid.into(),
            expires_at: jiff::Timestamp::UNIX_EPOCH,
            delivery_date: None,
            cooperation: None,
            customer_provides: None,
            we_provide: None,
            note: None,
            created_at: jiff::Timestamp::UNIX_EPOCH,
            created_by: None,
            sent_at: None,
            sent_by: None,
            decided_at: None,
            decision: None,
            decision_note: None,
            superseded_by: None,
            items,
        }
    }

    fn changes(d: &OfferDiff) -> Vec<(String, Change)> {
        d.lines.iter().map(|l| (l.new.as_ref().or(l.old.as_ref()).unwrap().name.clone(), l.change.clone())).collect()
    }

    #[test]
    fn lines_added_removed_changed_and_the_same() {
        let web = item(None, "Website", "1", "20000");
        let training = item(Some("TR-1"), "Training", "2", "2500.00");
        let pump = item(Some("CP-7"), "Pump", "1", "4890.5");
        let c = |f: &[&'static str]| Change::Changed(f.to_vec());
        // (what, earlier, later, each line's change, totals changed, validity changed)
        type Case = (&'static str, OfferRecord, OfferRecord, Vec<(&'static str, Change)>, bool, bool);
        let cases: Vec<Case> = vec![
            (
                "the same offer",
                offer(vec![web.clone(), training.clone()], "25000", "2031-05-20"),
                offer(vec![web.clone(), training.clone()], "25000.00", "2031-05-20"),
                vec![("Website", Change::Same), ("Training", Change::Same)],
                false,
                false,
            ),
            (
                "a smaller start: a line removed, the total lower",
                offer(vec![web.clone(), training.clone()], "25000", "2031-05-20"),
                offer(vec![training.clone()], "5000", "2031-05-20"),
                vec![("Training", Change::Same), ("Website", Change::Removed)],
                true,
                false,
            ),
            (
                "a line added, validity longer",
                offer(vec![web.clone()], "20000", "2031-05-20"),
                offer(vec![web.clone(), pump.clone()], "24890.5", "2031-06-01"),
                vec![("Website", Change::Same), ("Pump", Change::Added)],
                true,
                true,
            ),
            (
                "quantity and price changed; 2 and 2.00 are the same",
                offer(vec![training.clone()], "5000", "2031-05-20"),
                offer(vec![item(Some("TR-1"), "Training", "3.00", "2400")], "7200", "2031-05-20"),
                vec![("Training", c(&["quantity", "unit_price"]))],
                true,
                false,
            ),
            (
                "matched by article number though renamed",
                offer(vec![pump.clone()], "4890.5", "2031-05-20"),
                offer(vec![item(Some("cp-7"), "Grundfos pump", "1", "4890.50")], "4890.50", "2031-05-20"),
                vec![("Grundfos pump", c(&["name"]))],
                false,
                false,
            ),
            (
                "free text matched by name, case ignored; availability changed",
                offer(vec![web.clone()], "20000", "2031-05-20"),
                offer(
                    vec![OfferItemRecord { name: " website ".into(), availability: Some("in_stock".into()), ..web.clone() }],
                    "20000",
                    "2031-05-20",
                ),
                vec![(" website ", c(&["name", "availability"]))],
                false,
                false,
            ),
            (
                "the same line twice: matched one to one",
                offer(vec![web.clone()], "20000", "2031-05-20"),
                offer(vec![web.clone(), web.clone()], "40000", "2031-05-20"),
                vec![("Website", Change::Same), ("Website", Change::Added)],
                true,
                false,
            ),
        ];
        for (what, old, new, want, totals, validity) in cases {
            let d = diff(&old, &new);
            let want: Vec<(String, Change)> = want.into_iter().map(|(n, c)| (n.to_owned(), c)).collect();
            assert_eq!(changes(&d), want, "{what}");
            assert_eq!((d.totals, d.validity), (totals, validity), "{what}");
            assert_eq!(d.is_empty(), what == "the same offer", "{what}");
        }
    }

    #[test]
    fn the_texts_of_the_deal_and_the_delivery_date() {
        let a = offer(vec![], "0", "2031-05-20");
        let mut b = a.clone();
        b.note = Some("Prices without hosting.".into());
        b.cooperation = Some("  ".into());
        b.delivery_date = Some("2031-06-01".into());
        let d = diff(&a, &b);
        assert_eq!(d.texts, vec!["note"], "blank is the same as none");
        assert!(d.delivery && !d.validity && !d.totals);
        let mut c = a.clone();
        c.currency = "EUR".into();
        assert!(diff(&a, &c).totals, "another currency is other totals");
    }
}
