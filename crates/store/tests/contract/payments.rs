//! Payments (issue 21, item 3): partial then full, an overpayment refused inside the
//! transaction (also when two arrive at once), paid in full tells the customer once and runs
//! the playbook's `invoice.paid`; a bank statement imported with its lines, the matched ones
//! recorded, the rest in review until assigned or dismissed; the dunning timers of an unpaid
//! invoice (from the end of its due day), and none of it for a paid one.

use crate::helpers::*;
use pronto_domain::offer::{Decision, OfferDraft, OfferItemDraft};
use pronto_domain::payment::{Statement, StatementLine};
use pronto_store::invoices::{InvoiceMessage, InvoiceRecord};
use pronto_store::payments::NewPayment;
use pronto_store::payments::NewStatement;
use std::str::FromStr;

fn zone() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("Europe/Prague").unwrap()
}

fn today(clock: &ManualClock) -> jiff::civil::Date {
    clock.now().to_zoned(zone()).date()
}

/// Moves the clock forward to `t`.
fn to(clock: &ManualClock, t: Timestamp) {
    clock.advance(t.duration_since(clock.now()));
}

fn message() -> InvoiceMessage {
    InvoiceMessage { subject: "Paid {number}".into(), text: "Thank you: {number} is paid".into(), sms: "Paid {number}".into() }
}

/// A lead with an issued invoice of 1210.00 CZK (private customer, the e-mail from the contact).
async fn invoiced(store: &Arc<dyn Store>, clock: &ManualClock, db: &Db, n: usize) -> InvoiceRecord {
    let phone = format!("777 {:03} {:03}", n / 1000, n % 1000);
    let email = format!("eva{n}@example.com");
    let id = create(store, clock, person(Some("Eva Malá"), Some(&phone), Some(&email))).await.id;
    let d = OfferDraft {
        items: vec![OfferItemDraft {
            name: Some("Audit".into()),
            quantity: Some("1".into()),
            unit_price: Some("1000".into()),
            vat_rate: Some("21".into()),
            ..Default::default()
        }],
        currency: Some("CZK".into()),
        valid_until: Some((today(clock) + jiff::Span::new().days(14)).to_string()),
        ..Default::default()
    };
    let offer = d.parse(&Default::default(), pronto_domain::money::Currency::parse("CZK").unwrap(), today(clock)).unwrap();
    let o = store.create_offer(id, offer, clock.now() + SignedDuration::from_hours(24 * 14), None).await.unwrap();
    store.send_offer(o.id, None, None).await.unwrap();
    store.decide_offer(id, o.id, Decision::Accept, None).await.unwrap();
    db.exec_raw(&format!(
        "INSERT INTO requisites (lead_id, customer_type, full_name, phone, address, source, updated_at)
         VALUES ({id}, 'b2c', 'Eva Malá', '+420777123456', 'Krátká 2, Brno', 'staff', 1)"
    ))
    .await
    .unwrap();
    let m = InvoiceMessage { subject: "Invoice {number}".into(), text: "Invoice {number}".into(), sms: "Invoice {number}".into() };
    store.issue_invoice(id, o.id, zone(), m, None).await.unwrap()
}

fn payment(invoice: i64, amount: &str, day: jiff::civil::Date) -> NewPayment {
    NewPayment {
        invoice_id: invoice,
        amount: amount.into(),
        paid_on: day,
        reference: Some("20260001".into()),
        source: "api".into(),
        message: message(),
        actor: None,
    }
}

async fn open_tasks(store: &Arc<dyn Store>, lead: i64) -> Vec<String> {
    let f = TaskFilter { lead: Some(lead), status: Some("open".into()), limit: 100, ..Default::default() };
    store.tasks(&f).await.unwrap().into_iter().map(|t| t.task).collect()
}

contract_test!(payments_partial_full_and_refused, with_db);

async fn payments_partial_full_and_refused(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let inv = invoiced(&store, &clock, &db, 1).await;
    assert_eq!((inv.gross.as_str(), inv.paid.as_str()), ("1210.00", "0.00"));
    let day = today(&clock);

    // A part: paid raised, the event, no message, no trigger.
    let o = store.record_payment(payment(inv.id, "210", day)).await.unwrap();
    assert!(!o.in_full);
    assert_eq!((o.payment.amount.as_str(), o.payment.currency.as_str(), o.payment.source.as_str()), ("210.00", "CZK", "api"));
    assert_eq!(o.invoice.paid, "210.00");
    assert!(store.outbox(inv.lead_id).await.unwrap().iter().all(|n| n.kind != "invoice_paid"));
    assert!(!open_tasks(&store, inv.lead_id).await.contains(&"paid_next_step".to_owned()));

    // More than is left: invalid naming the amount and what is left; nothing written.
    for (amount, needle) in [("1000.01", "1000.00 CZK"), ("0", "positive"), ("1.001", "decimal places"), ("x", "decimal")] {
        match store.record_payment(payment(inv.id, amount, day)).await {
            Err(StoreError::Invalid(f)) => {
                assert_eq!(f.0[0].field, "amount");
                assert!(f.0[0].message.contains(needle), "{amount}: {f:?}");
            }
            other => panic!("{amount}: {other:?}"),
        }
    }
    assert_eq!(store.invoice(inv.id).await.unwrap().paid, "210.00");
    assert_eq!(store.invoice_payments(inv.id).await.unwrap().len(), 1);
    assert!(matches!(store.record_payment(payment(999_999, "1", day)).await, Err(StoreError::NotFound)));
    assert!(matches!(store.invoice_payments(999_999).await, Err(StoreError::NotFound)));

    // The rest: paid in full — one message to the customer, the events, the playbook's task.
    clock.advance(mins(5));
    let o = store.record_payment(payment(inv.id, "1000.00", day)).await.unwrap();
    assert!(o.in_full);
    assert_eq!(o.invoice.paid, "1210.00");
    let sent: Vec<_> = store.outbox(inv.lead_id).await.unwrap().into_iter().filter(|n| n.kind == "invoice_paid").collect();
    assert_eq!(sent.len(), 1);
    assert_eq!((sent[0].channel.as_str(), sent[0].recipient_address.as_deref()), ("email", Some("eva1@example.com")));
    assert_eq!(sent[0].payload["text"], format!("Thank you: {} is paid", inv.number));
    let kinds: Vec<String> = store.timeline(inv.lead_id).await.unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds.iter().filter(|k| *k == "payment.recorded").count(), 2, "{kinds:?}");
    assert_eq!(kinds.iter().filter(|k| *k == "invoice.paid").count(), 1, "{kinds:?}");
    assert!(open_tasks(&store, inv.lead_id).await.contains(&"paid_next_step".to_owned()));
    let ps = store.invoice_payments(inv.id).await.unwrap();
    assert_eq!(ps.iter().map(|p| p.amount.as_str()).collect::<Vec<_>>(), ["210.00", "1000.00"]);

    // Paid in full: any further payment is refused.
    assert!(matches!(store.record_payment(payment(inv.id, "1", day)).await, Err(StoreError::Invalid(_))));
    // A cancelled invoice takes none.
    let other = invoiced(&store, &clock, &db, 2).await;
    db.exec_raw(&format!("UPDATE invoices SET status = 'cancelled' WHERE id = {}", other.id)).await.unwrap();
    assert!(matches!(store.record_payment(payment(other.id, "1", day)).await, Err(StoreError::Conflict(_))));
}

contract_test!(payments_at_once_never_overpay, with_db);

/// Ten payments of 200 on an invoice of 1210 sent at once (PostgreSQL's writers run them on
/// several connections): six are recorded, four refused, and `paid` is the sum of those kept.
async fn payments_at_once_never_overpay(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let inv = invoiced(&store, &clock, &db, 1).await;
    let day = today(&clock);
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let s = store.clone();
        let p = payment(inv.id, "200.00", day);
        tasks.push(tokio::spawn(async move { s.record_payment(p).await }));
    }
    let (mut ok, mut refused) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(StoreError::Invalid(_)) => refused += 1,
            Err(e) => panic!("{e:?}"),
        }
    }
    assert_eq!((ok, refused), (6, 4));
    assert_eq!(store.invoice(inv.id).await.unwrap().paid, "1200.00");
    assert_eq!(db.count_raw(&format!("SELECT COUNT(*) FROM payments WHERE invoice_id = {}", inv.id)).await, 6);
    // The last 10.00 pays it in full, once.
    assert!(store.record_payment(payment(inv.id, "10", day)).await.unwrap().in_full);
    let sent = store.outbox(inv.lead_id).await.unwrap().into_iter().filter(|n| n.kind == "invoice_paid").count();
    assert_eq!(sent, 1);
}

fn line(n: u32, reference: &str, amount: &str, currency: Option<&str>) -> StatementLine {
    StatementLine {
        line: n,
        date: "2026-03-03".parse().unwrap(),
        amount: pronto_domain::money::Decimal::from_str(amount).unwrap(),
        currency: currency.map(str::to_owned),
        reference: reference.into(),
        counterparty: "Eva Malá".into(),
        message: String::new(),
    }
}

contract_test!(statements_match_by_reference_and_amount, with_db);

async fn statements_match_by_reference_and_amount(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let a = invoiced(&store, &clock, &db, 1).await;
    let b = invoiced(&store, &clock, &db, 2).await;
    assert_ne!(a.variable_symbol, b.variable_symbol);
    let statement = Statement {
        account: Some("1234567890".into()),
        lines: vec![
            line(1, &a.variable_symbol, "1210.00", Some("CZK")),          // a: paid in full
            line(2, &format!("00{}", b.variable_symbol), "500.00", None), // b: a part
            line(3, &b.variable_symbol, "900.00", Some("CZK")),           // b: more than is left
            line(4, "99999", "10.00", Some("CZK")),                       // nobody's
            line(5, "", "-300.00", Some("CZK")),                          // money sent
        ],
        problems: vec![],
    };
    let messages = [(a.id, message()), (b.id, message())].into_iter().collect();
    let s = NewStatement { format: "gpc".into(), file_name: Some("vypis.gpc".into()), statement, messages, actor: None };
    let o = store.import_statement(s).await.unwrap();
    assert_eq!((o.matched, o.unmatched, o.lines.len()), (2, 3, 5));
    let st: Vec<(&str, Option<&str>)> = o.lines.iter().map(|l| (l.status.as_str(), l.reason.as_deref())).collect();
    assert_eq!(
        st,
        [
            ("matched", None),
            ("matched", None),
            ("unmatched", Some("overpayment")),
            ("unmatched", Some("unknown_reference")),
            ("unmatched", Some("not_a_credit"))
        ]
    );
    assert_eq!(o.lines[0].invoice_number.as_deref(), Some(a.number.as_str()));
    assert_eq!(store.invoice(a.id).await.unwrap().paid, "1210.00");
    assert_eq!(store.invoice(b.id).await.unwrap().paid, "500.00");
    let pa = store.invoice_payments(a.id).await.unwrap();
    assert_eq!((pa[0].source.as_str(), pa[0].paid_on.as_str(), pa[0].statement_line_id), ("import", "2026-03-03", Some(o.lines[0].id)));
    assert_eq!(store.outbox(a.lead_id).await.unwrap().iter().filter(|n| n.kind == "invoice_paid").count(), 1, "a's customer told");
    assert_eq!(store.outbox(b.lead_id).await.unwrap().iter().filter(|n| n.kind == "invoice_paid").count(), 0);

    // The review list: the three, newest first; assign the overpayment's line? refused (more
    // than is left); the unknown one assigned to b by hand, the money sent dismissed.
    let review = store.statement_lines(Some("unmatched".into()), 100).await.unwrap();
    assert_eq!(review.iter().map(|l| l.line).collect::<Vec<_>>(), [5, 4, 3]);
    let over = review.iter().find(|l| l.line == 3).unwrap().id;
    assert!(matches!(store.review_statement_line(over, Some(b.id), Some(message()), None).await, Err(StoreError::Invalid(_))));
    let unknown = review.iter().find(|l| l.line == 4).unwrap().id;
    let (l, out) = store.review_statement_line(unknown, Some(b.id), Some(message()), None).await.unwrap();
    assert_eq!((l.status.as_str(), l.invoice_id), ("assigned", Some(b.id)));
    assert_eq!(out.unwrap().invoice.paid, "510.00");
    let sent = review.iter().find(|l| l.line == 5).unwrap().id;
    assert!(matches!(store.review_statement_line(sent, Some(b.id), None, None).await, Err(StoreError::Invalid(_))));
    let (l, out) = store.review_statement_line(sent, None, None, None).await.unwrap();
    assert_eq!((l.status.as_str(), out), ("dismissed", None));
    assert!(matches!(store.review_statement_line(sent, None, None, None).await, Err(StoreError::Conflict(_))));
    let left: Vec<i64> = store.statement_lines(Some("unmatched".into()), 100).await.unwrap().iter().map(|l| l.line).collect();
    assert_eq!(left, [3]);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM statement_lines").await, 5);
}

contract_test!(an_unpaid_invoice_is_chased_and_a_paid_one_is_not, with_db);

async fn an_unpaid_invoice_is_chased_and_a_paid_one_is_not(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    store.create_user(user_with_phone("petra", "Petra Šéfová", Role::Manager, "603 999 000")).await.unwrap();
    let unpaid = invoiced(&store, &clock, &db, 1).await;
    let paid = invoiced(&store, &clock, &db, 2).await;
    store.record_payment(payment(paid.id, "1210.00", today(&clock))).await.unwrap();
    let fire = || async { while store.fire_due_timers(100).await.unwrap() > 0 {} };
    // The due day's end + 3 days, less a minute: nothing yet.
    let reminder = unpaid.due_at + SignedDuration::from_hours(72);
    to(&clock, reminder - mins(1));
    fire().await;
    assert!(!open_tasks(&store, unpaid.lead_id).await.contains(&"unpaid_invoice_call".to_owned()));
    // At it: the customer reminded, the owner's call; the paid invoice's lead: nothing.
    to(&clock, reminder + mins(1));
    fire().await;
    assert!(open_tasks(&store, unpaid.lead_id).await.contains(&"unpaid_invoice_call".to_owned()));
    let reminded: Vec<_> = store.outbox(unpaid.lead_id).await.unwrap().into_iter().filter(|n| n.kind == "invoice_reminder").collect();
    assert_eq!(reminded.len(), 1, "one reminder to the customer");
    assert_eq!(reminded[0].recipient_address.as_deref(), Some("eva1@example.com"));
    let kinds: Vec<String> = store.timeline(unpaid.lead_id).await.unwrap().into_iter().map(|e| e.kind).collect();
    assert!(kinds.iter().any(|k| k == "invoice.overdue"), "{kinds:?}");
    assert!(!open_tasks(&store, unpaid.lead_id).await.contains(&"unpaid_invoice_escalation".to_owned()));
    // Ten days after the due day: a manager's task.
    to(&clock, unpaid.due_at + SignedDuration::from_hours(240) + mins(1));
    fire().await;
    assert!(open_tasks(&store, unpaid.lead_id).await.contains(&"unpaid_invoice_escalation".to_owned()));
    // The paid one: no reminder, no task, no overdue, ever.
    let tasks = open_tasks(&store, paid.lead_id).await;
    assert!(!tasks.iter().any(|t| t.starts_with("unpaid_invoice")), "{tasks:?}");
    assert!(store.outbox(paid.lead_id).await.unwrap().iter().all(|n| n.kind != "invoice_reminder"));
    let kinds: Vec<String> = store.timeline(paid.lead_id).await.unwrap().into_iter().map(|e| e.kind).collect();
    assert!(!kinds.iter().any(|k| k == "invoice.overdue"), "{kinds:?}");
}
