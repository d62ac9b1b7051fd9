//! Invoices (issue 21, item 2): issued only for the lead's accepted offer and only with the
//! customer's requisites; the lines, totals and the customer copied; the number from the
//! series without gaps or duplicates, also when twenty are issued at once; one message to the
//! customer, the event and the playbook's trigger in the same transaction.

use crate::helpers::*;
use pronto_domain::offer::{Decision, OfferDraft, OfferItemDraft};
use pronto_store::invoices::InvoiceMessage;

fn zone() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("Europe/Prague").unwrap()
}

fn today(clock: &ManualClock) -> jiff::civil::Date {
    clock.now().to_zoned(zone()).date()
}

fn line(name: &str, q: &str, price: &str, vat: &str) -> OfferItemDraft {
    OfferItemDraft {
        name: Some(name.into()),
        quantity: Some(q.into()),
        unit_price: Some(price.into()),
        vat_rate: Some(vat.into()),
        ..Default::default()
    }
}

fn message() -> InvoiceMessage {
    InvoiceMessage { subject: "Invoice {number}".into(), text: "Your invoice {number}: /t/x".into(), sms: "Invoice {number}: /t/x".into() }
}

/// A lead with an offer the customer accepted: (lead, offer).
async fn accepted(store: &Arc<dyn Store>, clock: &ManualClock, n: usize) -> (i64, i64) {
    let phone = format!("777 {:03} {:03}", n / 1000, n % 1000);
    let email = format!("eva{n}@example.com");
    let id = create(store, clock, person(Some("Eva Malá"), Some(&phone), Some(&email))).await.id;
    let d = OfferDraft {
        items: vec![line("Audit", "1", "10000", "21"), line("Training", "2", "2500", "12")],
        currency: Some("CZK".into()),
        valid_until: Some((today(clock) + jiff::Span::new().days(14)).to_string()),
        ..Default::default()
    };
    let offer = d.parse(&Default::default(), pronto_domain::money::Currency::parse("CZK").unwrap(), today(clock)).unwrap();
    let o = store.create_offer(id, offer, clock.now() + SignedDuration::from_hours(24 * 14), None).await.unwrap();
    store.send_offer(o.id, None, None).await.unwrap();
    store.decide_offer(id, o.id, Decision::Accept, None).await.unwrap();
    (id, o.id)
}

async fn requisites(db: &Db, lead: i64, b2b: bool) {
    let sql = if b2b {
        format!(
            "INSERT INTO requisites (lead_id, customer_type, address, company, company_id, vat_id, contact_person, email, source, updated_at)
             VALUES ({lead}, 'b2b', 'Dlouhá 1, Praha', 'Malá s.r.o.', '27074358', 'CZ27074358', 'Eva Malá', 'billing@mala.cz', 'staff', 1)"
        )
    } else {
        format!(
            "INSERT INTO requisites (lead_id, customer_type, full_name, phone, address, source, updated_at)
             VALUES ({lead}, 'b2c', 'Eva Malá', '+420777123456', 'Krátká 2, Brno', 'staff', 1)"
        )
    };
    db.exec_raw(&sql).await.unwrap();
}

contract_test!(invoices_issue_copy_and_refuse, with_db);

async fn invoices_issue_copy_and_refuse(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let owner = store.create_user(user_with_phone("jana", "Jana Nováková", Role::Consultant, "603 111 222")).await.unwrap();
    let (lead, offer) = accepted(&store, &clock, 1).await;
    assert!(store.lead_invoices(lead).await.unwrap().is_empty());
    assert!(matches!(store.lead_invoices(999_999).await, Err(StoreError::NotFound)));

    // Without requisites: invalid, naming them; nothing written.
    let e = store.issue_invoice(lead, offer, zone(), message(), Some(owner)).await.unwrap_err();
    match e {
        StoreError::Invalid(f) => assert_eq!(f.0[0].field, "requisites", "{f:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM invoices").await, 0);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM invoice_series").await, 0, "the counter is not moved by a refusal");

    // A private customer: issued, the lines and totals of the offer, the customer from the
    // requisites, one SMS (the requisites give no e-mail, the contact does: the e-mail wins).
    requisites(&db, lead, false).await;
    clock.advance(mins(5));
    let inv = store.issue_invoice(lead, offer, zone(), message(), Some(owner)).await.unwrap();
    assert_eq!((inv.number.as_str(), inv.seq, inv.year), ("20260001", 1, 2026));
    assert_eq!(inv.variable_symbol, "20260001");
    assert_eq!((inv.status.as_str(), inv.customer_type.as_str(), inv.has_contract()), ("issued", "b2c", false));
    assert_eq!((inv.net.as_str(), inv.vat.as_str(), inv.gross.as_str(), inv.paid.as_str()), ("15000.00", "2700.00", "17700.00", "0.00"));
    let rows: Vec<(&str, &str, &str)> = inv.vat_summary.iter().map(|r| (r.rate.as_str(), r.base.as_str(), r.vat.as_str())).collect();
    assert_eq!(rows, [("12", "5000.00", "600.00"), ("21", "10000.00", "2100.00")]);
    let lines: Vec<(&str, &str, &str)> = inv.lines.iter().map(|l| (l.name.as_str(), l.quantity.as_str(), l.net.as_str())).collect();
    assert_eq!(lines, [("Audit", "1", "10000.00"), ("Training", "2", "5000.00")]);
    assert_eq!(inv.customer.name.as_deref(), Some("Eva Malá"));
    assert_eq!(inv.customer.address.as_deref(), Some("Krátká 2, Brno"));
    assert_eq!((inv.issue_date.as_str(), inv.due_date.as_str(), inv.terms_days), ("2026-03-02", "2026-03-16", 14));
    assert_eq!(inv.due_at, "2026-03-16T23:00:00Z".parse::<Timestamp>().unwrap(), "the end of the due day in Prague");
    assert_eq!(store.invoice(inv.id).await.unwrap(), inv, "read back as written");
    assert_eq!(store.lead_invoices(lead).await.unwrap(), vec![inv.clone()]);

    let outbox = store.outbox(lead).await.unwrap();
    let sent: Vec<_> = outbox.iter().filter(|n| n.kind == "invoice_issued").collect();
    assert_eq!(sent.len(), 1, "one message to the customer");
    assert_eq!((sent[0].channel.as_str(), sent[0].recipient_address.as_deref()), ("email", Some("eva1@example.com")));
    assert_eq!(sent[0].payload["subject"], "Invoice 20260001");
    assert_eq!(sent[0].payload["text"], "Your invoice 20260001: /t/x");
    let kinds: Vec<String> = store.timeline(lead).await.unwrap().into_iter().map(|e| e.kind).collect();
    assert!(kinds.iter().any(|k| k == "invoice.issued"), "{kinds:?}");

    // The same offer again: a conflict naming the invoice; the counter does not move.
    let e = store.issue_invoice(lead, offer, zone(), message(), Some(owner)).await.unwrap_err();
    assert!(matches!(&e, StoreError::Conflict(m) if m.contains("already invoiced") && m.contains("20260001")), "{e:?}");
    // Another lead's offer: invalid, naming the offer.
    let (other, other_offer) = accepted(&store, &clock, 2).await;
    let e = store.issue_invoice(lead, other_offer, zone(), message(), Some(owner)).await.unwrap_err();
    assert!(matches!(&e, StoreError::Invalid(f) if f.0[0].field == "offer_id"), "{e:?}");
    // An offer not accepted: a conflict.
    requisites(&db, other, true).await;
    let d = OfferDraft {
        items: vec![line("More", "1", "100", "21")],
        currency: Some("CZK".into()),
        valid_until: Some((today(&clock) + jiff::Span::new().days(14)).to_string()),
        ..Default::default()
    };
    let draft = store
        .create_offer(
            other,
            d.parse(&Default::default(), pronto_domain::money::Currency::parse("CZK").unwrap(), today(&clock)).unwrap(),
            clock.now() + SignedDuration::from_hours(24 * 14),
            None,
        )
        .await
        .unwrap();
    let e = store.issue_invoice(other, draft.id, zone(), message(), Some(owner)).await.unwrap_err();
    assert!(matches!(&e, StoreError::Conflict(m) if m.contains("draft")), "{e:?}");
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM invoices").await, 1);

    // A legal entity: the next number; the contract goes with it; the e-mail to the requisites'.
    let inv2 = store.issue_invoice(other, other_offer, zone(), message(), Some(owner)).await.unwrap();
    assert_eq!((inv2.number.as_str(), inv2.seq), ("20260002", 2));
    assert!(inv2.has_contract());
    assert_eq!(inv2.customer.company.as_deref(), Some("Malá s.r.o."));
    assert_eq!(inv2.customer.vat_id.as_deref(), Some("CZ27074358"));
    let sent: Vec<_> = store.outbox(other).await.unwrap().into_iter().filter(|n| n.kind == "invoice_issued").collect();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].recipient_address.as_deref(), Some("billing@mala.cz"));

    // The company's terms and pattern apply to the next invoice; a new year starts at 1.
    db.exec_raw("UPDATE company_profile SET payment_terms_days = 30, invoice_pattern = 'FV-{YY}/{NNN}' WHERE id = 1").await.unwrap();
    clock.advance(SignedDuration::from_hours(24 * 300));
    let (third, third_offer) = accepted(&store, &clock, 3).await;
    requisites(&db, third, false).await;
    let inv3 = store.issue_invoice(third, third_offer, zone(), message(), None).await.unwrap();
    assert_eq!((inv3.number.as_str(), inv3.seq, inv3.year, inv3.terms_days), ("FV-26/003", 3, 2026, 30));
    assert_eq!(inv3.variable_symbol, "26003");
    clock.advance(SignedDuration::from_hours(24 * 70));
    let (fourth, fourth_offer) = accepted(&store, &clock, 4).await;
    requisites(&db, fourth, false).await;
    let inv4 = store.issue_invoice(fourth, fourth_offer, zone(), message(), None).await.unwrap();
    assert_eq!((inv4.number.as_str(), inv4.seq, inv4.year), ("FV-27/001", 1, 2027));
}

contract_test!(invoices_issued_at_once_are_numbered_without_gaps, with_db);

/// Twenty invoices issued concurrently (each its own request to the writer; PostgreSQL's
/// writers run them on several connections): the numbers are exactly 1..=20.
async fn invoices_issued_at_once_are_numbered_without_gaps(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    const N: usize = 20;
    let mut pairs = Vec::new();
    for n in 0..N {
        let (lead, offer) = accepted(&store, &clock, 100 + n).await;
        requisites(&db, lead, n % 2 == 0).await;
        pairs.push((lead, offer));
    }
    // One of them fails (an offer of another lead) in the middle of the batch: no gap for it.
    let (bad_lead, _) = pairs[0];
    let (_, bad_offer) = pairs[1];
    let mut tasks = Vec::new();
    for (i, (lead, offer)) in pairs.iter().copied().enumerate() {
        let s = store.clone();
        tasks.push(tokio::spawn(async move { s.issue_invoice(lead, offer, zone(), message(), None).await }));
        if i == N / 2 {
            let s = store.clone();
            tasks.push(tokio::spawn(async move { s.issue_invoice(bad_lead, bad_offer, zone(), message(), None).await }));
        }
    }
    let mut seqs = Vec::new();
    let mut failed = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(inv) => seqs.push(inv.seq),
            Err(StoreError::Invalid(_)) => failed += 1,
            Err(e) => panic!("{e:?}"),
        }
    }
    assert_eq!(failed, 1);
    seqs.sort();
    assert_eq!(seqs, (1..=N as i64).collect::<Vec<_>>(), "no gaps, no duplicates");
    assert_eq!(db.count_raw("SELECT COUNT(DISTINCT number) FROM invoices").await, N as i64);
    assert_eq!(db.count_raw("SELECT MAX(last_number) FROM invoice_series").await, N as i64);
}
