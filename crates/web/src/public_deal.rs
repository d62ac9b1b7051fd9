//! "Your order" on the customer's page (issue 21, item 8): the deal's milestones — the details
//! received, the invoice issued (its documents to download), the payment, the delivery date
//! agreed (the day and the customer's own address), the delivery — each done with its local
//! date and time, or pending with the playbook's standard time (`[deal]`) and, for the next
//! one, the date it is expected by. Which is which is `pronto_playbook::deal::milestones`
//! (pure); this file only gathers the facts from the records and words them in the customer's
//! language. No internal ids beyond the invoice's own document address, no UTC.

use crate::public_offers::{amount, date};
use crate::ui::i18n::Tr;
use jiff::Timestamp;
use jiff::civil::Date;
use pronto_domain::money::Decimal;
use pronto_playbook::Playbook;
use pronto_playbook::customer::StepState;
use pronto_playbook::deal::{DealFacts, DeliveryFacts, Due, InvoiceFacts, Milestone, Paid, milestones};
use pronto_store::deliveries::DeliveryRecord;
use pronto_store::invoices::InvoiceRecord;
use pronto_store::payments::PaymentRecord;
use pronto_store::{OfferRecord, RequisitesRecord};

/// A document to download.
pub struct Link {
    pub href: String,
    pub text: String,
}

/// One milestone as shown.
pub struct MilestoneView {
    /// `requisites`, `invoice`, `payment`, `delivery`, `delivered` (a class name).
    pub key: &'static str,
    /// `done`, `current`, `ahead`.
    pub state: &'static str,
    pub title: String,
    /// The state in words ("done", "next", "later").
    pub label: String,
    /// When it was done, in the office's zone.
    pub when: Option<String>,
    /// The invoice's number and amount, what is paid and left, the delivery's day and address.
    pub details: Vec<String>,
    pub links: Vec<Link>,
    /// The playbook's standard time, for a milestone not done yet.
    pub usually: Option<String>,
    /// For the next one: by when it is expected.
    pub by: Option<String>,
}

/// What the lead's deal records say, for the pure rule.
pub fn facts(
    offers: &[OfferRecord],
    requisites: Option<&RequisitesRecord>,
    invoice: Option<&InvoiceRecord>,
    payments: &[PaymentRecord],
    delivery: Option<&DeliveryRecord>,
) -> DealFacts {
    let accepted_at = offers.iter().filter(|o| o.status == "accepted").filter_map(|o| o.decided_at).max();
    let invoice = invoice.and_then(|i| {
        let due_day = i.due_date.parse::<Date>().ok()?;
        let paid = match paid_and_left(i) {
            Some((p, left)) if p > Decimal::ZERO && left <= Decimal::ZERO => {
                Paid::InFull(payments.iter().map(|p| p.recorded_at).max().unwrap_or(i.issued_at))
            }
            Some((p, _)) if p > Decimal::ZERO => Paid::Partly,
            _ => Paid::Nothing,
        };
        Some(InvoiceFacts { issued_at: i.issued_at, due_day, paid })
    });
    let delivery = delivery
        .and_then(|d| Some(DeliveryFacts { planned_at: d.created_at, day: d.date.parse::<Date>().ok()?, delivered_at: d.delivered_at }));
    DealFacts { accepted_at, requisites_at: requisites.map(|r| r.updated_at), invoice, delivery }
}

/// What is paid and what is left of an invoice.
fn paid_and_left(i: &InvoiceRecord) -> Option<(Decimal, Decimal)> {
    use pronto_domain::money::{Currency, parse_decimal};
    let cur = Currency::parse(&i.currency).ok()?;
    let paid = parse_decimal(&i.paid).ok()?;
    let gross = parse_decimal(&i.gross).ok()?;
    Some((paid, pronto_domain::payment::left_to_pay(gross, paid, cur)))
}

/// A day in the customer's words, with its weekday ("Thu 8 May").
fn day(t: &Tr, d: Date) -> String {
    t.with(
        "c-deal-date",
        &[
            ("day", &t.t(&format!("c-day-{}", d.weekday().to_monday_one_offset()))),
            ("d", &d.day().to_string()),
            ("month", &t.t(&format!("c-month-{}", d.month()))),
        ],
    )
}

/// The panel, or none before there is a deal. `invoice` is the lead's latest invoice not
/// cancelled, `payments` its payments, `delivery` the lead's latest delivery.
#[allow(clippy::too_many_arguments)]
pub fn view(
    t: &Tr,
    token: &str,
    pb: &Playbook,
    offers: &[OfferRecord],
    requisites: Option<&RequisitesRecord>,
    invoice: Option<&InvoiceRecord>,
    payments: &[PaymentRecord],
    delivery: Option<&DeliveryRecord>,
) -> Option<Vec<MilestoneView>> {
    let f = facts(offers, requisites, invoice, payments, delivery);
    let ms = milestones(&f, &pb.deal, &pb.calendar)?;
    let when = |at: Timestamp| crate::public::when(t, at, pb);
    Some(
        ms.iter()
            .map(|m| {
                let key = m.milestone.as_str();
                let (state, label) = match m.state {
                    StepState::Done => ("done", t.t("c-deal-state-done")),
                    StepState::Current => ("current", t.t("c-deal-state-current")),
                    StepState::Ahead => ("ahead", t.t("c-deal-state-ahead")),
                };
                let mut details = Vec::new();
                let mut links = Vec::new();
                match m.milestone {
                    Milestone::Requisites => {}
                    Milestone::Invoice => {
                        if let Some(i) = invoice {
                            details.push(t.with("c-inv-invoice", &[("number", &i.number)]));
                            links.push(Link { href: format!("/t/{token}/invoices/{}/pdf", i.id), text: t.t("c-inv-pdf") });
                            if i.has_contract() {
                                links.push(Link {
                                    href: format!("/t/{token}/invoices/{}/contract.pdf", i.id),
                                    text: t.t("c-inv-contract-pdf"),
                                });
                            }
                        }
                    }
                    Milestone::Payment => {
                        if let Some(i) = invoice {
                            details.push(t.with("c-inv-total", &[("total", &format!("{}\u{a0}{}", amount(t, &i.gross), i.currency))]));
                            details.extend(crate::ui::invoices_customer::payment_line(t, i));
                            if m.state != StepState::Done {
                                details.push(t.with("c-inv-reference", &[("vs", &i.variable_symbol)]));
                            }
                        }
                    }
                    Milestone::Delivery => {
                        if let Some(d) = delivery
                            && let Ok(on) = d.date.parse::<Date>()
                        {
                            details.push(t.with("c-deal-delivery-at", &[("date", &day(t, on)), ("address", &d.address)]));
                        }
                    }
                    Milestone::Delivered => {}
                }
                let usually = m
                    .expect
                    .filter(|_| m.state != StepState::Done)
                    .map(|e| t.with(&format!("c-deal-usually-{key}"), &[("duration", &crate::public::duration(t, e))]));
                let by = m.due.map(|d| match (m.milestone, d) {
                    (Milestone::Payment, Due::Day(d)) => t.with("c-deal-pay-by", &[("date", &date(t, &d.to_string()))]),
                    (_, Due::Day(d)) => t.with("c-deal-expected-on", &[("date", &day(t, d))]),
                    (_, Due::At(at)) => t.with("c-deal-expected-by", &[("when", &when(at))]),
                });
                MilestoneView {
                    key,
                    state,
                    title: t.t(&format!("c-deal-{key}")),
                    label,
                    when: m.done_at.map(|at| t.with("c-deal-done-at", &[("when", &when(at))])),
                    details,
                    links,
                    usually,
                    by,
                }
            })
            .collect(),
    )
}
