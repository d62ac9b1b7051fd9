//! The offer reports (issue 20), free of I/O: a lead's offers as the reports see them
//! ([`LeadOffers`]: the lead's report [`Fact`] and each offer version's money and times) add
//! into one [`OfferTally`] per group, with the same groupings as every other report
//! ([`Dim`]). Money is summed per currency, never converted, and kept as decimals.
//!
//! What counts: an offer is *made* when a version is created, *sent* once it went to the
//! customer; a sent version is *accepted*, *declined* or has *changes requested* by the
//! customer's decision. *Value offered* is, per lead, the gross of its latest sent version (a
//! changed offer replaces the earlier one rather than adding to it); *value won* the gross of
//! its accepted versions. Times: inquiry → the lead's first offer sent, and each decided
//! version's sent → decided, in wall-clock or working time; median and 90th percentile exact
//! (the same rules as the response time: the mean of the middle two, nearest rank).

use crate::tally::{Dim, Fact};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One offer version of a lead.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OfferFact {
    pub version: i64,
    /// ISO 4217.
    pub currency: String,
    pub gross: Decimal,
    pub sent: bool,
    /// `accept`, `decline` or `changes` once the customer decided.
    pub decision: Option<String>,
    /// Sent → decided: wall-clock and working seconds.
    pub to_decision: Option<(i64, i64)>,
}

/// A lead with offers: its report fact and its versions, oldest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LeadOffers {
    pub lead: Fact,
    pub offers: Vec<OfferFact>,
    /// Received → its first offer sent: wall-clock and working seconds.
    pub to_first_sent: Option<(i64, i64)>,
}

impl LeadOffers {
    /// The version whose money the lead is offered now: the latest sent.
    pub fn offered(&self) -> Option<&OfferFact> {
        self.offers.iter().filter(|o| o.sent).max_by_key(|o| o.version)
    }
}

/// Money per currency.
pub type Amounts = BTreeMap<String, Decimal>;

pub(crate) fn add(m: &mut Amounts, currency: &str, v: Decimal) {
    *m.entry(currency.to_owned()).or_default() += v;
}

/// Each currency's amount as money travels: (ISO 4217, the decimal with the currency's minor
/// digits; an unknown currency's amount as it is).
pub fn formatted(m: &Amounts) -> Vec<(String, String)> {
    m.iter()
        .map(|(c, v)| {
            let amount = crate::money::Currency::parse(c).map(|cur| crate::money::format_amount(*v, cur)).unwrap_or_else(|_| v.normalize().to_string());
            (c.clone(), amount)
        })
        .collect()
}

/// The offer figures of a group of leads, additive.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OfferTally {
    /// Leads with at least one offer made, and with one sent.
    pub leads: i64,
    pub leads_sent: i64,
    /// Versions made, sent, and decided each way.
    pub made: i64,
    pub sent: i64,
    pub accepted: i64,
    pub declined: i64,
    pub changes: i64,
    pub value_offered: Amounts,
    pub value_won: Amounts,
    /// Seconds to the first offer sent, and from sent to decided (wall, working).
    pub to_offer: (Vec<i64>, Vec<i64>),
    pub to_decision: (Vec<i64>, Vec<i64>),
}

impl OfferTally {
    pub fn add(&mut self, l: &LeadOffers) {
        if l.offers.is_empty() {
            return;
        }
        self.leads += 1;
        for o in &l.offers {
            self.made += 1;
            if o.sent {
                self.sent += 1;
            }
            match o.decision.as_deref() {
                Some("accept") => {
                    self.accepted += 1;
                    add(&mut self.value_won, &o.currency, o.gross);
                }
                Some("decline") => self.declined += 1,
                Some("changes") => self.changes += 1,
                _ => {}
            }
            if let Some((w, b)) = o.to_decision {
                self.to_decision.0.push(w);
                self.to_decision.1.push(b);
            }
        }
        if let Some(o) = l.offered() {
            self.leads_sent += 1;
            add(&mut self.value_offered, &o.currency, o.gross);
        }
        if let Some((w, b)) = l.to_first_sent {
            self.to_offer.0.push(w);
            self.to_offer.1.push(b);
        }
    }

    pub fn merge(&mut self, o: &OfferTally) {
        self.leads += o.leads;
        self.leads_sent += o.leads_sent;
        self.made += o.made;
        self.sent += o.sent;
        self.accepted += o.accepted;
        self.declined += o.declined;
        self.changes += o.changes;
        for (c, v) in &o.value_offered {
            add(&mut self.value_offered, c, *v);
        }
        for (c, v) in &o.value_won {
            add(&mut self.value_won, c, *v);
        }
        for (a, b) in [(&mut self.to_offer, &o.to_offer), (&mut self.to_decision, &o.to_decision)] {
            a.0.extend(&b.0);
            a.1.extend(&b.1);
        }
    }

    /// accepted / decided (null when none was decided).
    pub fn acceptance(&self) -> Option<f64> {
        let decided = self.accepted + self.declined + self.changes;
        (decided > 0).then(|| self.accepted as f64 / decided as f64)
    }
}

/// Seconds of `times` by the basis chosen.
pub fn pick(times: &(Vec<i64>, Vec<i64>), business: bool) -> &[i64] {
    if business { &times.1 } else { &times.0 }
}

/// The median: the mean of the middle two for an even count (as the response time's).
pub fn median(times: &[i64]) -> Option<f64> {
    let mut v = times.to_vec();
    v.sort_unstable();
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2] as f64),
        _ => Some((v[n / 2 - 1] + v[n / 2]) as f64 / 2.0),
    }
}

/// The 90th percentile by nearest rank (as the response time's).
pub fn p90(times: &[i64]) -> Option<f64> {
    let mut v = times.to_vec();
    v.sort_unstable();
    if v.is_empty() {
        return None;
    }
    let rank = ((0.9 * v.len() as f64).ceil() as usize).clamp(1, v.len());
    Some(v[rank - 1] as f64)
}

/// Groups leads' offers per value of `dim` (the lead's channel, owner, …).
pub fn group(leads: &[LeadOffers], dim: Dim) -> BTreeMap<String, OfferTally> {
    let mut out: BTreeMap<String, OfferTally> = BTreeMap::new();
    for l in leads.iter().filter(|l| !l.offers.is_empty()) {
        out.entry(dim.value(&l.lead)).or_default().add(l);
    }
    out
}

/// The money in the funnel: per stage the lead reached, the value offered to the leads that
/// reached it, and the value won (per currency).
pub fn stage_money(leads: &[LeadOffers]) -> BTreeMap<String, (Amounts, Amounts)> {
    let mut out: BTreeMap<String, (Amounts, Amounts)> = BTreeMap::new();
    for l in leads {
        let Some(o) = l.offered() else { continue };
        let won: Vec<&OfferFact> = l.offers.iter().filter(|o| o.decision.as_deref() == Some("accept")).collect();
        for s in &l.lead.reached {
            let e = out.entry(s.clone()).or_default();
            add(&mut e.0, &o.currency, o.gross);
            for w in &won {
                add(&mut e.1, &w.currency, w.gross);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn offer(version: i64, cur: &str, gross: &str, sent: bool, decision: Option<&str>, secs: Option<i64>) -> OfferFact {
        OfferFact {
            version,
            currency: cur.into(),
            gross: d(gross),
            sent,
            decision: decision.map(Into::into),
            to_decision: secs.map(|s| (s, s / 2)),
        }
    }

    fn lead(channel: &str, owner: Option<i64>, reached: &[&str], offers: Vec<OfferFact>, first: Option<i64>) -> LeadOffers {
        LeadOffers {
            lead: Fact { channel: channel.into(), owner, reached: reached.iter().map(|s| s.to_string()).collect(), ..Fact::default() },
            offers,
            to_first_sent: first.map(|s| (s, s / 3)),
        }
    }

    #[test]
    fn counts_and_money_per_group() {
        // (case, leads, dim, expected per group: (made, sent, accepted, declined, changes, offered, won))
        type Row = (&'static str, i64, i64, i64, i64, i64, Vec<(&'static str, &'static str)>, Vec<(&'static str, &'static str)>);
        let cases: Vec<(&str, Vec<LeadOffers>, Dim, Vec<(&str, Row)>)> = vec![
            ("nothing", vec![], Dim::Channel, vec![]),
            (
                "a draft only: made, nothing offered",
                vec![lead("web", Some(1), &[], vec![offer(1, "CZK", "100", false, None, None)], None)],
                Dim::Channel,
                vec![("web", ("draft", 1, 0, 0, 0, 0, vec![], vec![]))],
            ),
            (
                "a changed offer replaces the earlier one in the value offered",
                vec![lead(
                    "web",
                    Some(1),
                    &[],
                    vec![
                        offer(1, "CZK", "1000.50", true, Some("changes"), Some(60)),
                        offer(2, "CZK", "600.25", true, Some("accept"), Some(30)),
                    ],
                    Some(100),
                )],
                Dim::Channel,
                vec![("web", ("changed", 2, 2, 1, 0, 1, vec![("CZK", "600.25")], vec![("CZK", "600.25")]))],
            ),
            (
                "currencies are never added together; groups by owner",
                vec![
                    lead("web", Some(1), &[], vec![offer(1, "CZK", "1000", true, Some("decline"), Some(10))], Some(5)),
                    lead("email", Some(1), &[], vec![offer(1, "EUR", "40.10", true, Some("accept"), Some(10))], Some(5)),
                    lead("phone", None, &[], vec![offer(1, "EUR", "10", true, None, None)], Some(5)),
                ],
                Dim::Owner,
                vec![
                    ("1", ("owner 1", 2, 2, 1, 1, 0, vec![("CZK", "1000"), ("EUR", "40.10")], vec![("EUR", "40.10")])),
                    ("none", ("no owner", 1, 1, 0, 0, 0, vec![("EUR", "10")], vec![])),
                ],
            ),
            ("a lead without offers is no group", vec![lead("web", Some(1), &[], vec![], None)], Dim::Channel, vec![]),
        ];
        for (case, leads, dim, want) in cases {
            let got = group(&leads, dim);
            assert_eq!(got.keys().collect::<Vec<_>>(), want.iter().map(|(k, _)| k).collect::<Vec<_>>(), "{case}");
            for (k, (name, made, sent, acc, dec, ch, offered, won)) in want {
                let t = &got[k];
                assert_eq!((t.made, t.sent, t.accepted, t.declined, t.changes), (made, sent, acc, dec, ch), "{case}: {name}");
                let m = |v: Vec<(&str, &str)>| v.into_iter().map(|(c, a)| (c.to_owned(), d(a))).collect::<Amounts>();
                assert_eq!(t.value_offered, m(offered), "{case}: {name} offered");
                assert_eq!(t.value_won, m(won), "{case}: {name} won");
            }
        }
    }

    #[test]
    fn percentiles_are_the_response_times_rules() {
        let cases: [(&[i64], Option<f64>, Option<f64>); 5] = [
            (&[], None, None),
            (&[7], Some(7.0), Some(7.0)),
            (&[10, 20], Some(15.0), Some(20.0)),
            (&[30, 10, 20], Some(20.0), Some(30.0)),
            (&[1, 2, 3, 4, 5, 6, 7, 8, 9, 100], Some(5.5), Some(9.0)),
        ];
        for (v, med, p) in cases {
            assert_eq!((median(v), p90(v)), (med, p), "{v:?}");
        }
    }

    #[test]
    fn times_by_basis_and_merge() {
        let a = lead("web", Some(1), &[], vec![offer(1, "CZK", "1", true, Some("accept"), Some(600))], Some(3600));
        let b = lead("web", Some(2), &[], vec![offer(1, "CZK", "2", true, Some("decline"), Some(1200))], Some(7200));
        let mut t = OfferTally::default();
        t.add(&a);
        let mut u = OfferTally::default();
        u.add(&b);
        t.merge(&u);
        assert_eq!(pick(&t.to_offer, false), &[3600, 7200]);
        assert_eq!(pick(&t.to_offer, true), &[1200, 2400]);
        assert_eq!(median(pick(&t.to_decision, false)), Some(900.0));
        assert_eq!(median(pick(&t.to_decision, true)), Some(450.0));
        assert_eq!(t.value_offered["CZK"], d("3"));
        assert_eq!(t.value_won["CZK"], d("1"));
        assert_eq!(t.acceptance(), Some(0.5));
        assert_eq!(OfferTally::default().acceptance(), None);
    }

    #[test]
    fn the_funnel_gains_the_money_of_the_leads_at_each_stage() {
        let leads = [
            lead("web", Some(1), &["received", "offer", "won"], vec![offer(1, "CZK", "500", true, Some("accept"), Some(1))], Some(1)),
            lead("web", Some(1), &["received", "offer"], vec![offer(1, "CZK", "300", true, None, None)], Some(1)),
            lead("web", Some(1), &["received"], vec![offer(1, "CZK", "900", false, None, None)], None),
        ];
        let m = stage_money(&leads);
        let get = |s: &str| (m[s].0.get("CZK").copied(), m[s].1.get("CZK").copied());
        assert_eq!(get("received"), (Some(d("800")), Some(d("500"))), "a draft is not money in the funnel");
        assert_eq!(get("offer"), (Some(d("800")), Some(d("500"))));
        assert_eq!(get("won"), (Some(d("500")), Some(d("500"))));
        assert!(!m.contains_key("lost"));
    }
}
