//! Money in the reports (issue 21, item 7), free of I/O: each invoice as the reports see it
//! ([`InvoiceFact`]: its lead's report [`Fact`], its gross, due time and payments) adds into
//! one [`MoneyTally`] per group, with the same groupings as every other report ([`Dim`]), or
//! with any key (the head of sales' daily report groups by where the deal came from:
//! [`origin`]). Money is summed per currency, never converted, and kept as decimals.
//!
//! What counts, for a window `[from, to)`:
//! - *issued*: invoices issued in the window (not cancelled), and their gross (*invoiced*);
//! - *paid*: invoices whose payments reached their gross in the window (paid in full then);
//! - *received*: payments recorded in the window, on any invoice, however old;
//! - *outstanding*: what is left to pay at `to` on every invoice issued before `to`;
//! - *overdue*: the part of it on invoices whose due time had passed at `to`, and how many.
//!
//! Payments count when they were recorded (entered), which is what the seed's rule asks of the
//! team: payments on earlier invoices are entered by 10:00, so the 19:30 report has them.

use crate::offer_report::{Amounts, add};
use crate::tally::{Dim, Fact};
use jiff::Timestamp;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One invoice of a lead.
#[derive(Debug, Clone, PartialEq)]
pub struct InvoiceFact {
    /// The lead's report fact (channel, owner, …).
    pub lead: Fact,
    /// Where the deal came from, for the daily report: `call_in`, `call_out` or the channel.
    pub origin: String,
    /// ISO 4217.
    pub currency: String,
    pub gross: Decimal,
    pub issued_at: Timestamp,
    pub due_at: Timestamp,
    pub cancelled: bool,
    /// Every payment: when it was recorded and how much, in any order.
    pub payments: Vec<(Timestamp, Decimal)>,
}

impl InvoiceFact {
    /// Paid by (before) `at`.
    pub fn paid_by(&self, at: Timestamp) -> Decimal {
        self.payments.iter().filter(|(t, _)| *t < at).map(|(_, a)| *a).sum()
    }
    /// When the payments reached the gross, if they have.
    pub fn paid_in_full_at(&self) -> Option<Timestamp> {
        let mut p = self.payments.clone();
        p.sort_by_key(|(t, _)| *t);
        let mut sum = Decimal::ZERO;
        for (t, a) in p {
            sum += a;
            if sum >= self.gross {
                return Some(t);
            }
        }
        None
    }
}

/// Where a deal came from, as the head of sales counts it: a phone lead whose first call was
/// ours is an outgoing call, one whose first call was theirs (or with no call on record) an
/// incoming call; any other channel is a request by that channel.
pub fn origin(channel: &str, first_call_direction: Option<&str>) -> String {
    match (channel, first_call_direction) {
        ("phone", Some("out" | "outbound")) => "call_out".into(),
        ("phone", _) => "call_in".into(),
        (c, _) => c.to_owned(),
    }
}

/// The money figures of a group of invoices, additive.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MoneyTally {
    pub issued: i64,
    pub invoiced: Amounts,
    pub paid: i64,
    pub received: Amounts,
    pub outstanding: Amounts,
    pub overdue: Amounts,
    pub overdue_invoices: i64,
}

impl MoneyTally {
    /// Adds one invoice's figures for `[from, to)`.
    pub fn add(&mut self, f: &InvoiceFact, from: Timestamp, to: Timestamp) {
        let within = |t: Timestamp| t >= from && t < to;
        if f.cancelled || f.issued_at >= to {
            return;
        }
        if within(f.issued_at) {
            self.issued += 1;
            add(&mut self.invoiced, &f.currency, f.gross);
        }
        if f.paid_in_full_at().is_some_and(within) {
            self.paid += 1;
        }
        let received: Decimal = f.payments.iter().filter(|(t, _)| within(*t)).map(|(_, a)| *a).sum();
        if !received.is_zero() {
            add(&mut self.received, &f.currency, received);
        }
        let left = (f.gross - f.paid_by(to)).max(Decimal::ZERO);
        if left > Decimal::ZERO {
            add(&mut self.outstanding, &f.currency, left);
            if f.due_at < to {
                add(&mut self.overdue, &f.currency, left);
                self.overdue_invoices += 1;
            }
        }
    }

    pub fn merge(&mut self, o: &MoneyTally) {
        self.issued += o.issued;
        self.paid += o.paid;
        self.overdue_invoices += o.overdue_invoices;
        for (a, b) in [
            (&mut self.invoiced, &o.invoiced),
            (&mut self.received, &o.received),
            (&mut self.outstanding, &o.outstanding),
            (&mut self.overdue, &o.overdue),
        ] {
            for (c, v) in b {
                add(a, c, *v);
            }
        }
    }

    /// Nothing to show: no invoice issued or paid, no money received or owed.
    pub fn is_empty(&self) -> bool {
        *self == MoneyTally::default()
    }
}

/// The invoices' figures per group of `key`; groups with nothing to show are left out.
pub fn group_by(invoices: &[InvoiceFact], from: Timestamp, to: Timestamp, key: impl Fn(&InvoiceFact) -> String) -> BTreeMap<String, MoneyTally> {
    let mut out: BTreeMap<String, MoneyTally> = BTreeMap::new();
    for f in invoices {
        let mut t = MoneyTally::default();
        t.add(f, from, to);
        if !t.is_empty() {
            out.entry(key(f)).or_default().merge(&t);
        }
    }
    out
}

/// The invoices' figures per group of a report grouping.
pub fn group(invoices: &[InvoiceFact], from: Timestamp, to: Timestamp, dim: Dim) -> BTreeMap<String, MoneyTally> {
    group_by(invoices, from, to, |f| dim.value(&f.lead))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }
    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn inv(channel: &str, owner: Option<i64>, gross: &str, issued: &str, due: &str, payments: &[(&str, &str)]) -> InvoiceFact {
        InvoiceFact {
            lead: Fact { channel: channel.into(), owner, ..Default::default() },
            origin: channel.into(),
            currency: "CZK".into(),
            gross: d(gross),
            issued_at: ts(issued),
            due_at: ts(due),
            cancelled: false,
            payments: payments.iter().map(|(t, a)| (ts(t), d(a))).collect(),
        }
    }
    fn amounts(v: &[(&str, &str)]) -> Amounts {
        v.iter().map(|(c, a)| (c.to_string(), d(a))).collect()
    }

    const FROM: &str = "2026-03-01T00:00:00Z";
    const TO: &str = "2026-04-01T00:00:00Z";

    #[test]
    fn each_invoice_counts_as_the_window_sees_it() {
        // (case, invoice, issued, invoiced, paid, received, outstanding, overdue, overdue invoices)
        type Row = (&'static str, InvoiceFact, i64, &'static str, i64, &'static str, &'static str, &'static str, i64);
        let cases: Vec<Row> = vec![
            ("issued, unpaid, not yet due", inv("web", None, "1210", "2026-03-10T10:00:00Z", "2026-04-10T00:00:00Z", &[]), 1, "1210", 0, "0", "1210", "0", 0),
            ("issued, unpaid, due passed", inv("web", None, "1210", "2026-03-01T10:00:00Z", "2026-03-15T00:00:00Z", &[]), 1, "1210", 0, "0", "1210", "1210", 1),
            (
                "partially paid: received counts, not paid",
                inv("web", None, "1000", "2026-03-02T10:00:00Z", "2026-04-10T00:00:00Z", &[("2026-03-05T09:00:00Z", "400")]),
                1,
                "1000",
                0,
                "400",
                "600",
                "0",
                0,
            ),
            (
                "partial then full in the window: paid once",
                inv("web", None, "1000", "2026-03-02T10:00:00Z", "2026-03-30T00:00:00Z", &[("2026-03-05T09:00:00Z", "400"), ("2026-03-09T09:00:00Z", "600")]),
                1,
                "1000",
                1,
                "1000",
                "0",
                "0",
                0,
            ),
            (
                "an earlier invoice paid in the window: paid and received, not issued",
                inv("web", None, "500", "2026-02-10T10:00:00Z", "2026-02-24T00:00:00Z", &[("2026-03-03T09:00:00Z", "500")]),
                0,
                "0",
                1,
                "500",
                "0",
                "0",
                0,
            ),
            (
                "an earlier invoice still owed: outstanding and overdue only",
                inv("web", None, "500", "2026-02-10T10:00:00Z", "2026-02-24T00:00:00Z", &[("2026-02-20T09:00:00Z", "100")]),
                0,
                "0",
                0,
                "0",
                "400",
                "400",
                1,
            ),
            (
                "paid after the window: owed at its end",
                inv("web", None, "500", "2026-03-10T10:00:00Z", "2026-03-20T00:00:00Z", &[("2026-04-02T09:00:00Z", "500")]),
                1,
                "500",
                0,
                "0",
                "500",
                "500",
                1,
            ),
            ("issued after the window: nothing", inv("web", None, "500", "2026-04-10T10:00:00Z", "2026-04-20T00:00:00Z", &[]), 0, "0", 0, "0", "0", "0", 0),
        ];
        for (case, f, issued, invoiced, paid, received, outstanding, overdue, overdue_n) in cases {
            let mut t = MoneyTally::default();
            t.add(&f, ts(FROM), ts(TO));
            let m = |s: &str| if s == "0" { Amounts::new() } else { amounts(&[("CZK", s)]) };
            assert_eq!(t.issued, issued, "{case}: issued");
            assert_eq!(t.invoiced, m(invoiced), "{case}: invoiced");
            assert_eq!(t.paid, paid, "{case}: paid");
            assert_eq!(t.received, m(received), "{case}: received");
            assert_eq!(t.outstanding, m(outstanding), "{case}: outstanding");
            assert_eq!(t.overdue, m(overdue), "{case}: overdue");
            assert_eq!(t.overdue_invoices, overdue_n, "{case}: overdue invoices");
        }
    }

    #[test]
    fn a_cancelled_invoice_counts_nowhere() {
        let mut f = inv("web", None, "1000", "2026-03-02T10:00:00Z", "2026-03-05T00:00:00Z", &[]);
        f.cancelled = true;
        let mut t = MoneyTally::default();
        t.add(&f, ts(FROM), ts(TO));
        assert!(t.is_empty());
    }

    #[test]
    fn groups_by_channel_and_owner_sum_per_currency_and_leave_out_the_empty() {
        let mut eur = inv("email", Some(7), "100.50", "2026-03-04T10:00:00Z", "2026-03-20T00:00:00Z", &[("2026-03-06T10:00:00Z", "100.50")]);
        eur.currency = "EUR".into();
        let all = vec![
            inv("web", Some(7), "1000", "2026-03-02T10:00:00Z", "2026-03-30T00:00:00Z", &[("2026-03-05T09:00:00Z", "250")]),
            inv("web", Some(8), "2000", "2026-03-03T10:00:00Z", "2026-03-30T00:00:00Z", &[]),
            eur,
            // Paid and issued before the window: shows nowhere.
            inv("phone", Some(8), "300", "2026-01-03T10:00:00Z", "2026-01-30T00:00:00Z", &[("2026-01-05T09:00:00Z", "300")]),
        ];
        let by_channel = group(&all, ts(FROM), ts(TO), Dim::Channel);
        assert_eq!(by_channel.keys().collect::<Vec<_>>(), ["email", "web"]);
        assert_eq!(by_channel["web"].issued, 2);
        assert_eq!(by_channel["web"].invoiced, amounts(&[("CZK", "3000")]));
        assert_eq!(by_channel["web"].outstanding, amounts(&[("CZK", "2750")]));
        assert_eq!(by_channel["email"].paid, 1);
        let by_owner = group(&all, ts(FROM), ts(TO), Dim::Owner);
        assert_eq!(by_owner["7"].invoiced, amounts(&[("CZK", "1000"), ("EUR", "100.50")]));
        assert_eq!(by_owner["7"].received, amounts(&[("CZK", "250"), ("EUR", "100.50")]));
        assert_eq!(by_owner["8"].outstanding, amounts(&[("CZK", "2000")]));
        let mut total = MoneyTally::default();
        by_owner.values().for_each(|t| total.merge(t));
        assert_eq!(total.issued, 3);
        assert_eq!(total.invoiced, amounts(&[("CZK", "3000"), ("EUR", "100.50")]));
    }

    #[test]
    fn where_a_deal_came_from() {
        for (channel, first, want) in [
            ("phone", Some("in"), "call_in"),
            ("phone", Some("out"), "call_out"),
            ("phone", Some("outbound"), "call_out"),
            ("phone", None, "call_in"),
            ("web", Some("out"), "web"),
            ("email", None, "email"),
        ] {
            assert_eq!(origin(channel, first), want, "{channel} {first:?}");
        }
    }
}
