//! The supplier's purchase (issue 21, item 4), on both engines: requested from the accepted
//! offer (one purchase per supplier, the supplier's article numbers from the catalogue); the
//! customer's invoice refused until the supplier's invoice is attached (a lead without
//! purchases has no gate); the file sealed, never plain in the database, and read back; a
//! manager's override recorded with its audit row; the supplier paid.

use crate::helpers::*;
use pronto_domain::offer::{Decision, OfferDraft, OfferItemDraft};
use pronto_domain::purchase::supplier_invoice;
use pronto_store::invoices::InvoiceMessage;

fn zone() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("Europe/Prague").unwrap()
}

fn line(name: &str, q: &str, price: &str) -> OfferItemDraft {
    OfferItemDraft {
        name: Some(name.into()),
        quantity: Some(q.into()),
        unit_price: Some(price.into()),
        vat_rate: Some("21".into()),
        ..Default::default()
    }
}

fn message() -> InvoiceMessage {
    InvoiceMessage { subject: "Invoice {number}".into(), text: "Your invoice {number}".into(), sms: "Invoice {number}".into() }
}

/// A lead with an accepted offer of a drum kit, sticks and a pedal (the drum kit and the pedal
/// from Yamaha, the sticks from Vic Firth), and the customer's requisites.
async fn deal(store: &Arc<dyn Store>, clock: &ManualClock, db: &Db, n: usize) -> (i64, i64) {
    let id =
        create(store, clock, person(Some("Eva Malá"), Some(&format!("777 100 {n:03}")), Some(&format!("eva{n}@example.com")))).await.id;
    let today = clock.now().to_zoned(zone()).date();
    let d = OfferDraft {
        items: vec![line("Drum kit", "1", "30000"), line("Sticks", "4", "300"), line("Pedal", "1", "2500")],
        currency: Some("CZK".into()),
        valid_until: Some((today + jiff::Span::new().days(14)).to_string()),
        ..Default::default()
    };
    let offer = d.parse(&Default::default(), pronto_domain::money::Currency::parse("CZK").unwrap(), today).unwrap();
    let o = store.create_offer(id, offer, clock.now() + SignedDuration::from_hours(24 * 14), None).await.unwrap();
    for (pos, sku) in [(1, "DRUM-1"), (2, "STICK-5A"), (3, "PEDAL-9")] {
        db.exec_raw(&format!("UPDATE offer_items SET sku = '{sku}' WHERE offer_id = {} AND position = {pos}", o.id)).await.unwrap();
    }
    for (sku, supplier, ssku) in [("DRUM-1", "Yamaha", "Y-DR-77"), ("STICK-5A", "Vic Firth", "VF-5A"), ("PEDAL-9", "Yamaha", "Y-FP-9")] {
        db.exec_raw(&format!(
            "INSERT INTO products (sku, sku_folded, names, unit, price, currency, vat_rate, supplier, supplier_sku, search, created_at, updated_at)
             VALUES ('{sku}', '{}', '{{\"en\":\"x\"}}', 'pcs', '1', 'CZK', '21', '{supplier}', '{ssku}', 'x', 1, 1)
             ON CONFLICT (sku) DO NOTHING",
            sku.to_lowercase()
        ))
        .await
        .unwrap();
    }
    store.send_offer(o.id, None, None).await.unwrap();
    store.decide_offer(id, o.id, Decision::Accept, None).await.unwrap();
    db.exec_raw(&format!(
        "INSERT INTO requisites (lead_id, customer_type, full_name, phone, address, source, updated_at)
         VALUES ({id}, 'b2c', 'Eva Malá', '+420777123456', 'Krátká 2, Brno', 'staff', 1)"
    ))
    .await
    .unwrap();
    (id, o.id)
}

contract_test!(purchases_gate_the_customer_invoice, with_db);

async fn purchases_gate_the_customer_invoice(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let manager = store.create_user(user_with_phone("olga", "Olga Malá", Role::Manager, "603 111 333")).await.unwrap();
    let (lead, offer) = deal(&store, &clock, &db, 1).await;

    // One purchase per supplier, in the order the offer names them, with the supplier's numbers.
    let ps = store.request_purchase(lead, offer, None, None, Some(manager)).await.unwrap();
    let got: Vec<(&str, &str, Vec<(Option<&str>, Option<&str>, &str)>)> = ps
        .iter()
        .map(|p| {
            (
                p.supplier.as_str(),
                p.status.as_str(),
                p.lines.iter().map(|l| (l.sku.as_deref(), l.supplier_sku.as_deref(), l.quantity.as_str())).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Yamaha", "requested", vec![(Some("DRUM-1"), Some("Y-DR-77"), "1"), (Some("PEDAL-9"), Some("Y-FP-9"), "1")]),
            ("Vic Firth", "requested", vec![(Some("STICK-5A"), Some("VF-5A"), "4")]),
        ]
    );
    assert!(ps.iter().all(|p| p.blocks_invoice()));
    assert_eq!(store.lead_purchases(lead).await.unwrap(), ps, "read back as written");
    // Asking the same supplier twice for the same offer is a conflict.
    assert!(matches!(store.request_purchase(lead, offer, Some("Yamaha".into()), None, None).await, Err(StoreError::Conflict(_))));
    // Another lead's offer names `offer_id`.
    let other = create(&store, &clock, person(Some("Petr"), Some("777 200 300"), None)).await.id;
    match store.request_purchase(other, offer, None, None, None).await {
        Err(StoreError::Invalid(f)) => assert_eq!(f.0[0].field, "offer_id"),
        r => panic!("{r:?}"),
    }

    // The customer's invoice waits, naming the suppliers; nothing is numbered.
    match store.issue_invoice(lead, offer, zone(), message(), Some(manager)).await {
        Err(StoreError::Conflict(m)) => {
            assert!(m.starts_with("supplier_invoice") && m.contains("Yamaha") && m.contains("Vic Firth"), "{m}")
        }
        r => panic!("{r:?}"),
    }
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM invoices").await, 0);

    // Yamaha's invoice attached: sealed in the database, opened on reading.
    let pdf = b"%PDF-1.7 Yamaha invoice FV-118 secret-marker".to_vec();
    let inv = supplier_invoice("FV-118", "27000", "CZK").unwrap();
    clock.advance(mins(5));
    let y = store
        .attach_supplier_invoice(ps[0].id, inv, "fv118.pdf".into(), "application/pdf".into(), pdf.clone(), Some(manager))
        .await
        .unwrap();
    assert_eq!(y.status, "invoice_received");
    let i = y.invoice.as_ref().unwrap();
    assert_eq!((i.number.as_str(), i.amount.as_str(), i.currency.as_str(), i.size), ("FV-118", "27000.00", "CZK", pdf.len() as i64));
    let raw = db.texts_raw(&format!("SELECT file_sealed FROM purchases WHERE id = {}", ps[0].id)).await;
    assert_eq!(raw.len(), 1);
    assert!(!raw[0].contains("secret-marker") && !raw[0].contains("PDF"), "the file is sealed: {}", &raw[0][..40.min(raw[0].len())]);
    let (_, back) = store.supplier_invoice_file(ps[0].id).await.unwrap();
    assert_eq!(back, pdf, "read back as sent");
    assert!(matches!(store.supplier_invoice_file(ps[1].id).await, Err(StoreError::NotFound)));

    // Still waiting for Vic Firth.
    match store.issue_invoice(lead, offer, zone(), message(), Some(manager)).await {
        Err(StoreError::Conflict(m)) => assert!(m.contains("Vic Firth") && !m.contains("Yamaha"), "{m}"),
        r => panic!("{r:?}"),
    }
    // Paying a supplier whose invoice is not there is refused; the override is recorded.
    assert!(matches!(store.supplier_paid(ps[1].id, Some(manager)).await, Err(StoreError::Conflict(_))));
    let entry = pronto_store::AuditEntry {
        actor: Some(manager),
        actor_login: Some("olga".into()),
        actor_name: Some("Olga Malá".into()),
        kind: "purchase.override".into(),
        target: Some(format!("lead/{lead}")),
        ip: None,
        detail: serde_json::json!({ "purchase_id": ps[1].id }),
    };
    let v = store.override_purchase(ps[1].id, "sticks from our own stock".into(), manager, entry.clone()).await.unwrap();
    let o = v.override_.as_ref().unwrap();
    assert_eq!((o.by, o.reason.as_str()), (manager, "sticks from our own stock"));
    assert!(!v.blocks_invoice());
    assert!(matches!(store.override_purchase(ps[1].id, "again".into(), manager, entry).await, Err(StoreError::Conflict(_))));
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM audit_log WHERE kind = 'purchase.override'").await, 1);

    // Now the customer's invoice is issued.
    let invoice = store.issue_invoice(lead, offer, zone(), message(), Some(manager)).await.unwrap();
    assert_eq!(invoice.status, "issued");

    // The supplier paid.
    let paid = store.supplier_paid(ps[0].id, Some(manager)).await.unwrap();
    assert_eq!(paid.status, "paid");
    assert!(paid.paid_at.is_some());
    assert!(matches!(store.supplier_paid(ps[0].id, Some(manager)).await, Err(StoreError::Conflict(_))));
    assert_eq!(store.purchases(Some("paid".into()), 10).await.unwrap().len(), 1);

    let kinds: Vec<String> = store.timeline(lead).await.unwrap().into_iter().map(|e| e.kind).collect();
    for k in ["purchase.requested", "purchase.invoice_received", "purchase.overridden", "purchase.paid"] {
        assert!(kinds.iter().any(|x| x == k), "{k} in {kinds:?}");
    }
}

contract_test!(a_lead_without_purchases_has_no_gate, with_db);

async fn a_lead_without_purchases_has_no_gate(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let (lead, offer) = deal(&store, &clock, &db, 2).await;
    // The agency sells services: no purchase, the invoice goes out at once.
    assert!(store.issue_invoice(lead, offer, zone(), message(), None).await.is_ok());
    // A line the catalogue knows no supplier for names `supplier`.
    let (lead, offer) = deal(&store, &clock, &db, 3).await;
    db.exec_raw(&format!("UPDATE offer_items SET sku = NULL WHERE offer_id = {offer} AND position = 2")).await.unwrap();
    match store.request_purchase(lead, offer, None, None, None).await {
        Err(StoreError::Invalid(f)) => assert_eq!(f.0[0].field, "supplier", "{f:?}"),
        r => panic!("{r:?}"),
    }
    // With a supplier given, every line goes to it.
    let ps = store.request_purchase(lead, offer, Some("Muziker".into()), None, None).await.unwrap();
    assert_eq!((ps.len(), ps[0].lines.len()), (1, 3));
}
