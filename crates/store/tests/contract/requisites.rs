//! The customer's requisites (issue 21): saved in one transaction with the event, the
//! customer's confirmation in the outbox and the playbook's `requisites.received`; the passport
//! data sealed at rest (not in the row, not in the database file) and opened only with an audit
//! row written in the same transaction; a change of type replaces the row.

use crate::helpers::*;
use pronto_domain::requisites::RequisitesDraft;
use pronto_store::{AuditEntry, AuditFilter, OfferMessage};

const PASSPORT: &str = "PASSPORT-45123987-MV-CR";

fn private() -> pronto_domain::requisites::Requisites {
    RequisitesDraft {
        customer_type: Some("b2c".into()),
        full_name: Some("Eva Malá".into()),
        phone: Some("777 123 456".into()),
        email: Some("eva@example.com".into()),
        address: Some("Dlouhá 5, Praha".into()),
        id_document: Some(PASSPORT.into()),
        ..Default::default()
    }
    .parse(Region::default())
    .unwrap()
}

fn legal() -> pronto_domain::requisites::Requisites {
    RequisitesDraft {
        customer_type: Some("b2b".into()),
        company: Some("Stavby Malá s.r.o.".into()),
        company_id: Some("27082440".into()),
        vat_id: Some("CZ27082440".into()),
        address: Some("Dlouhá 5, Praha".into()),
        contact_person: Some("Eva Malá".into()),
        ..Default::default()
    }
    .parse(Region::default())
    .unwrap()
}

fn audit(actor: i64) -> AuditEntry {
    AuditEntry {
        actor: Some(actor),
        actor_login: Some("jana".into()),
        actor_name: Some("Jana Nováková".into()),
        kind: "requisites.id_document_read".into(),
        target: None,
        ip: Some("192.0.2.1".into()),
        detail: json!({}),
    }
}

fn reads() -> AuditFilter {
    AuditFilter { kind: Some("requisites.id_document_read".into()), limit: 50, ..Default::default() }
}

contract_test!(requisites_saved_sealed_and_read_with_an_audit_row, with_db);

async fn requisites_saved_sealed_and_read_with_an_audit_row(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let owner = store.create_user(user_with_phone("jana", "Jana Nováková", Role::Consultant, "603 111 222")).await.unwrap();
    let id = create(&store, &clock, person(Some("Eva Malá"), Some("777 123 456"), Some("eva@example.com"))).await.id;
    assert_eq!(store.requisites(id).await.unwrap(), None);
    assert!(matches!(store.requisites(999_999).await, Err(StoreError::NotFound)));
    assert!(matches!(store.save_requisites(999_999, private(), "api", Some(owner), None).await, Err(StoreError::NotFound)));
    assert_eq!(store.reveal_id_document(id, audit(owner)).await.unwrap(), None, "nothing to reveal: no audit row either");
    assert!(store.audit_log(&reads()).await.unwrap().is_empty());

    let in_app_before = store.outbox(id).await.unwrap().iter().filter(|n| n.channel == "in_app").count();
    let msg = OfferMessage { channel: "email".into(), address: "eva@example.com".into(), subject: Some("We received your details".into()), text: "Thank you".into() };
    clock.advance(SignedDuration::from_mins(5));
    let r = store.save_requisites(id, private(), "api", Some(owner), Some(msg)).await.unwrap();
    assert_eq!((r.customer_type.as_str(), r.full_name.as_deref(), r.phone.as_deref()), ("b2c", Some("Eva Malá"), Some("+420777123456")));
    assert_eq!((r.has_id_document, r.source.as_str(), r.updated_by, r.updated_at), (true, "api", Some(owner), clock.now()));

    // At rest: sealed, never plain — neither in the row nor anywhere in the database file.
    assert_eq!(db.count_raw(&format!("SELECT COUNT(*) FROM requisites WHERE id_document_sealed LIKE '%{PASSPORT}%'")).await, 0);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM requisites WHERE id_document_sealed IS NOT NULL").await, 1);
    assert_eq!(db.count_raw(&format!("SELECT COUNT(*) FROM events WHERE data LIKE '%{PASSPORT}%'")).await, 0);
    if db.engine == Engine::Sqlite {
        let mut bytes = Vec::new();
        for suffix in ["", "-wal"] {
            if let Ok(b) = std::fs::read(format!("{}{suffix}", db.sqlite_file())) {
                bytes.extend(b);
            }
        }
        assert!(!bytes.is_empty());
        assert!(!bytes.windows(PASSPORT.len()).any(|w| w == PASSPORT.as_bytes()), "the passport data is in the database file in plain text");
    }

    // One transaction: the event, the confirmation to the customer, the playbook's reaction.
    let tl = store.timeline(id).await.unwrap();
    let ev: Vec<_> = tl.iter().filter(|e| e.kind == "requisites.received").collect();
    assert_eq!(ev.len(), 1);
    assert_eq!((ev[0].data["customer_type"].as_str(), ev[0].data["source"].as_str(), ev[0].actor.as_ref().map(|u| u.id)), (Some("b2c"), Some("api"), Some(owner)));
    let outbox = store.outbox(id).await.unwrap();
    let mail: Vec<_> = outbox.iter().filter(|n| n.kind == "requisites_received").collect();
    assert_eq!(mail.len(), 1);
    assert_eq!((mail[0].channel.as_str(), mail[0].recipient_address.as_deref()), ("email", Some("eva@example.com")));
    let in_app = outbox.iter().filter(|n| n.channel == "in_app").count();
    assert_eq!(in_app, in_app_before + 1, "the suite's rule on requisites.received told the owner");
    assert!(tl.iter().any(|e| e.kind == "playbook.rule" && e.data["rule"] == "requisites-received"), "the rule ran");

    // Read without the passport data; revealed only with its audit row.
    let plain = store.requisites(id).await.unwrap().unwrap();
    assert!(plain.has_id_document);
    assert!(store.audit_log(&reads()).await.unwrap().is_empty(), "a read without the passport data is no audit row");
    assert_eq!(store.reveal_id_document(id, audit(owner)).await.unwrap().as_deref(), Some(PASSPORT));
    let rows = store.audit_log(&reads()).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].actor, rows[0].ip.as_deref()), (Some(owner), Some("192.0.2.1")));
    // Kept across a reopen: the key is the installation's.
    let again = db.open(clock.clone()).await;
    assert_eq!(again.reveal_id_document(id, audit(owner)).await.unwrap().as_deref(), Some(PASSPORT));
    assert_eq!(store.audit_log(&reads()).await.unwrap().len(), 2);

    // A legal entity's replace the private person's: one row, no passport data left.
    let r = store.save_requisites(id, legal(), "customer", None, None).await.unwrap();
    assert_eq!((r.customer_type.as_str(), r.company_id.as_deref(), r.vat_id.as_deref(), r.country.as_deref()), ("b2b", Some("27082440"), Some("CZ27082440"), Some("CZ")));
    assert_eq!((r.has_id_document, r.full_name.as_deref(), r.source.as_str(), r.updated_by), (false, None, "customer", None));
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM requisites").await, 1);
    assert_eq!(store.reveal_id_document(id, audit(owner)).await.unwrap(), None);
    assert_eq!(store.timeline(id).await.unwrap().iter().filter(|e| e.kind == "requisites.received").count(), 2);
}
