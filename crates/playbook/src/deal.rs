//! The deal as the customer's page follows it (issue 21, item 8): the details received, the
//! invoice issued, the payment, the delivery date agreed and the delivery — which are done
//! (and when), which one is next and by when it is expected, with the playbook's standard time
//! of each (`[deal]`). Pure: the store supplies what happened, the playbook the standards and
//! the calendar.

use crate::customer::StepState;
use crate::model::{DealTimes, Expect};
use jiff::Timestamp;
use jiff::civil::Date;
use pronto_domain::calendar::Calendar;

/// The milestones, in the deal's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Milestone {
    /// The customer's details (requisites) received.
    Requisites,
    /// The invoice issued (with the contract for a legal entity).
    Invoice,
    /// The invoice paid in full.
    Payment,
    /// The delivery date agreed (a delivery planned).
    Delivery,
    /// The goods delivered.
    Delivered,
}

impl Milestone {
    pub const ALL: [Milestone; 5] =
        [Milestone::Requisites, Milestone::Invoice, Milestone::Payment, Milestone::Delivery, Milestone::Delivered];

    pub fn as_str(self) -> &'static str {
        match self {
            Milestone::Requisites => "requisites",
            Milestone::Invoice => "invoice",
            Milestone::Payment => "payment",
            Milestone::Delivery => "delivery",
            Milestone::Delivered => "delivered",
        }
    }

    fn standard(self, times: &DealTimes) -> Option<Expect> {
        match self {
            Milestone::Requisites => times.requisites,
            Milestone::Invoice => times.invoice,
            Milestone::Payment => times.payment,
            Milestone::Delivery => times.delivery,
            Milestone::Delivered => times.delivered,
        }
    }
}

/// By when the next milestone is expected: a moment (counted on the calendar) or a day (the
/// invoice's due day, the planned delivery day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    At(Timestamp),
    Day(Date),
}

/// How much of the invoice is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paid {
    Nothing,
    Partly,
    /// In full, when the last payment was recorded.
    InFull(Timestamp),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvoiceFacts {
    pub issued_at: Timestamp,
    /// The due day in the office's zone.
    pub due_day: Date,
    pub paid: Paid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryFacts {
    /// When the delivery was planned (its date agreed).
    pub planned_at: Timestamp,
    /// The day of the delivery in the office's zone.
    pub day: Date,
    pub delivered_at: Option<Timestamp>,
}

/// What happened in one lead's deal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DealFacts {
    /// When the customer accepted an offer (the latest accepted).
    pub accepted_at: Option<Timestamp>,
    /// When the details arrived.
    pub requisites_at: Option<Timestamp>,
    /// The lead's latest invoice that is not cancelled.
    pub invoice: Option<InvoiceFacts>,
    /// The lead's latest delivery.
    pub delivery: Option<DeliveryFacts>,
}

/// One milestone as the page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MilestoneState {
    pub milestone: Milestone,
    pub state: StepState,
    /// When it was done.
    pub done_at: Option<Timestamp>,
    /// The playbook's standard time (none when the playbook does not set one).
    pub expect: Option<Expect>,
    /// For the next one only: by when it is expected.
    pub due: Option<Due>,
}

/// The deal's milestones in order, or `None` before there is a deal (no accepted offer, no
/// details, no invoice). Each is done when it happened, whatever the order; the first not
/// done is the current one, expected `times`' standard after the milestone before it (the
/// details after the accepted offer, the invoice after the details, the delivery date after the
/// payment) — except the payment, expected by the invoice's due day, and the delivery, by its
/// planned day; the rest are ahead.
pub fn milestones(facts: &DealFacts, times: &DealTimes, cal: &Calendar) -> Option<Vec<MilestoneState>> {
    if facts.accepted_at.is_none() && facts.requisites_at.is_none() && facts.invoice.is_none() {
        return None;
    }
    let paid_at = facts.invoice.and_then(|i| match i.paid {
        Paid::InFull(t) => Some(t),
        _ => None,
    });
    let done_at = |m: Milestone| match m {
        Milestone::Requisites => facts.requisites_at,
        Milestone::Invoice => facts.invoice.map(|i| i.issued_at),
        Milestone::Payment => paid_at,
        Milestone::Delivery => facts.delivery.map(|d| d.planned_at),
        Milestone::Delivered => facts.delivery.and_then(|d| d.delivered_at),
    };
    let mut current_seen = false;
    let mut out = Vec::with_capacity(Milestone::ALL.len());
    for m in Milestone::ALL {
        let done = done_at(m);
        let expect = m.standard(times);
        let (state, due) = match done {
            Some(_) => (StepState::Done, None),
            None if current_seen => (StepState::Ahead, None),
            None => {
                current_seen = true;
                let after = |from: Option<Timestamp>| expect.zip(from).map(|(e, f)| Due::At(e.due_from(f, cal)));
                let due = match m {
                    Milestone::Requisites => after(facts.accepted_at),
                    Milestone::Invoice => after(facts.requisites_at),
                    Milestone::Payment => facts.invoice.map(|i| Due::Day(i.due_day)),
                    Milestone::Delivery => after(paid_at),
                    Milestone::Delivered => facts.delivery.map(|d| Due::Day(d.day)),
                };
                (StepState::Current, due)
            }
        };
        out.push(MilestoneState { milestone: m, state, done_at: done, expect, due });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::parse_expect;
    use StepState::{Ahead, Current, Done};

    const PB: &str = r#"
name = "t"
calendar = "office"
[calendars.office]
time_zone = "Europe/Prague"
hours = { mon = "09:00-17:00", tue = "09:00-17:00", wed = "09:00-17:00", thu = "09:00-17:00", fri = "09:00-17:00" }

[deal]
requisites = "1bd"
invoice = "4bh"
delivery = "2bd"

[[stages]]
id = "received"
next = ["won"]
[[stages]]
id = "won"
status = "won"

[[rules]]
on = "lead.received"
when = { channel = "phone" }
do = [{ stage = "won" }]
"#;

    fn at(s: &str) -> Timestamp {
        jiff::civil::DateTime::strptime("%Y-%m-%d %H:%M", s)
            .unwrap()
            .to_zoned(jiff::tz::TimeZone::get("Europe/Prague").unwrap())
            .unwrap()
            .timestamp()
    }

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn invoice(paid: Paid) -> Option<InvoiceFacts> {
        Some(InvoiceFacts { issued_at: at("2026-03-04 11:00"), due_day: day("2026-03-14"), paid })
    }

    fn delivery(delivered: Option<&str>) -> Option<DeliveryFacts> {
        Some(DeliveryFacts { planned_at: at("2026-03-06 10:00"), day: day("2026-03-10"), delivered_at: delivered.map(at) })
    }

    /// (state, done, due) of each milestone, in order.
    type Row = [(StepState, Option<Timestamp>, Option<Due>); 5];

    #[test]
    fn each_milestone_is_done_current_or_ahead_with_its_expected_time() {
        let pb = crate::parse(PB).unwrap();
        let times = pb.deal;
        assert_eq!(times.requisites, Some(parse_expect("1bd").unwrap()));
        assert_eq!((times.payment, times.delivered), (None, None), "not set: never invented");
        // Monday 2 March 2026, Prague: the offer accepted at 10:00.
        let accepted = Some(at("2026-03-02 10:00"));
        let cases: Vec<(&str, DealFacts, Option<Row>)> = vec![
            ("no deal yet: no panel", DealFacts::default(), None),
            ("a delivery alone is no deal either", DealFacts { delivery: delivery(None), ..Default::default() }, None),
            (
                "accepted: the details expected within a working day",
                DealFacts { accepted_at: accepted, ..Default::default() },
                Some([
                    (Current, None, Some(Due::At(at("2026-03-03 17:00")))),
                    (Ahead, None, None),
                    (Ahead, None, None),
                    (Ahead, None, None),
                    (Ahead, None, None),
                ]),
            ),
            (
                "private customer, details in: the invoice within 4 working hours of them",
                DealFacts { accepted_at: accepted, requisites_at: Some(at("2026-03-03 15:00")), ..Default::default() },
                Some([
                    (Done, Some(at("2026-03-03 15:00")), None),
                    (Current, None, Some(Due::At(at("2026-03-04 11:00")))),
                    (Ahead, None, None),
                    (Ahead, None, None),
                    (Ahead, None, None),
                ]),
            ),
            (
                "details entered by the team before any accepted offer: still a deal",
                DealFacts { requisites_at: Some(at("2026-03-03 15:00")), ..Default::default() },
                Some([
                    (Done, Some(at("2026-03-03 15:00")), None),
                    (Current, None, Some(Due::At(at("2026-03-04 11:00")))),
                    (Ahead, None, None),
                    (Ahead, None, None),
                    (Ahead, None, None),
                ]),
            ),
            (
                "invoiced (a legal entity's too): the payment expected by the due day",
                DealFacts {
                    accepted_at: accepted,
                    requisites_at: Some(at("2026-03-03 15:00")),
                    invoice: invoice(Paid::Nothing),
                    ..Default::default()
                },
                Some([
                    (Done, Some(at("2026-03-03 15:00")), None),
                    (Done, Some(at("2026-03-04 11:00")), None),
                    (Current, None, Some(Due::Day(day("2026-03-14")))),
                    (Ahead, None, None),
                    (Ahead, None, None),
                ]),
            ),
            (
                "partly paid: the payment is still the next one, by the due day",
                DealFacts {
                    accepted_at: accepted,
                    requisites_at: Some(at("2026-03-03 15:00")),
                    invoice: invoice(Paid::Partly),
                    ..Default::default()
                },
                Some([
                    (Done, Some(at("2026-03-03 15:00")), None),
                    (Done, Some(at("2026-03-04 11:00")), None),
                    (Current, None, Some(Due::Day(day("2026-03-14")))),
                    (Ahead, None, None),
                    (Ahead, None, None),
                ]),
            ),
            (
                "paid in full on Thursday 16:00: the delivery date within 2 working days",
                DealFacts {
                    accepted_at: accepted,
                    requisites_at: Some(at("2026-03-03 15:00")),
                    invoice: invoice(Paid::InFull(at("2026-03-05 16:00"))),
                    ..Default::default()
                },
                Some([
                    (Done, Some(at("2026-03-03 15:00")), None),
                    (Done, Some(at("2026-03-04 11:00")), None),
                    (Done, Some(at("2026-03-05 16:00")), None),
                    (Current, None, Some(Due::At(at("2026-03-09 17:00")))),
                    (Ahead, None, None),
                ]),
            ),
            (
                "the delivery planned: delivered expected on its day",
                DealFacts {
                    accepted_at: accepted,
                    requisites_at: Some(at("2026-03-03 15:00")),
                    invoice: invoice(Paid::InFull(at("2026-03-05 16:00"))),
                    delivery: delivery(None),
                },
                Some([
                    (Done, Some(at("2026-03-03 15:00")), None),
                    (Done, Some(at("2026-03-04 11:00")), None),
                    (Done, Some(at("2026-03-05 16:00")), None),
                    (Done, Some(at("2026-03-06 10:00")), None),
                    (Current, None, Some(Due::Day(day("2026-03-10")))),
                ]),
            ),
            (
                "delivered: all done, nothing expected",
                DealFacts {
                    accepted_at: accepted,
                    requisites_at: Some(at("2026-03-03 15:00")),
                    invoice: invoice(Paid::InFull(at("2026-03-05 16:00"))),
                    delivery: delivery(Some("2026-03-10 13:30")),
                },
                Some([
                    (Done, Some(at("2026-03-03 15:00")), None),
                    (Done, Some(at("2026-03-04 11:00")), None),
                    (Done, Some(at("2026-03-05 16:00")), None),
                    (Done, Some(at("2026-03-06 10:00")), None),
                    (Done, Some(at("2026-03-10 13:30")), None),
                ]),
            ),
            (
                "delivered before it was paid (cash on delivery): the payment stays the next one",
                DealFacts {
                    accepted_at: accepted,
                    requisites_at: Some(at("2026-03-03 15:00")),
                    invoice: invoice(Paid::Partly),
                    delivery: delivery(Some("2026-03-10 13:30")),
                },
                Some([
                    (Done, Some(at("2026-03-03 15:00")), None),
                    (Done, Some(at("2026-03-04 11:00")), None),
                    (Current, None, Some(Due::Day(day("2026-03-14")))),
                    (Done, Some(at("2026-03-06 10:00")), None),
                    (Done, Some(at("2026-03-10 13:30")), None),
                ]),
            ),
        ];
        for (name, facts, want) in cases {
            let got = milestones(&facts, &times, &pb.calendar);
            let got_rows = got.as_ref().map(|ms| {
                assert_eq!(ms.iter().map(|m| m.milestone).collect::<Vec<_>>(), Milestone::ALL, "{name}: in order");
                let mut row: Row = [(Ahead, None, None); 5];
                for (i, m) in ms.iter().enumerate() {
                    row[i] = (m.state, m.done_at, m.due);
                }
                row
            });
            assert_eq!(got_rows, want, "{name}");
            if let Some(ms) = got {
                let standards: Vec<Option<Expect>> = ms.iter().map(|m| m.expect).collect();
                assert_eq!(standards, [times.requisites, times.invoice, None, times.delivery, None], "{name}: the playbook's standards");
            }
        }
    }

    #[test]
    fn without_standard_times_nothing_is_invented() {
        let pb = crate::parse(&PB.replace("[deal]\nrequisites = \"1bd\"\ninvoice = \"4bh\"\ndelivery = \"2bd\"\n", "")).unwrap();
        assert_eq!(pb.deal, DealTimes::default());
        let facts = DealFacts { accepted_at: Some(at("2026-03-02 10:00")), ..Default::default() };
        let ms = milestones(&facts, &pb.deal, &pb.calendar).unwrap();
        assert!(ms.iter().all(|m| m.expect.is_none()), "{ms:?}");
        assert_eq!((ms[0].state, ms[0].due), (Current, None), "no standard: no expected time for the details");
        // The payment's and the delivery's dates come from the invoice and the delivery, not
        // the playbook.
        let facts = DealFacts { requisites_at: Some(at("2026-03-03 15:00")), invoice: invoice(Paid::Nothing), ..facts };
        let ms = milestones(&facts, &pb.deal, &pb.calendar).unwrap();
        assert_eq!((ms[2].state, ms[2].due), (Current, Some(Due::Day(day("2026-03-14")))));
    }

    #[test]
    fn a_bad_standard_time_names_its_key() {
        let src =
            PB.replace("invoice = \"4bh\"", "invoice = \"4 hours\"").replace("delivery = \"2bd\"", "delivery = \"2bd\"\nshipping = \"1d\"");
        let problems = crate::parse(&src).unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with("`deal.invoice`: `4 hours` is not a standard time"), "{messages:?}");
        assert!(messages[1].starts_with("unknown key `shipping` in `deal`"), "{messages:?}");
    }
}
