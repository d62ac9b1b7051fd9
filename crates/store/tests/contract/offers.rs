//! Offers (issue 20): versions and superseding, totals stored exactly, sending, the customer's
//! decisions with the playbook's reaction and the owner's alerts, refusals that write nothing.

use crate::helpers::*;
use pronto_domain::offer::{Decision, OfferDraft, OfferItemDraft};
use pronto_store::OfferMessage;

fn today(clock: &ManualClock) -> jiff::civil::Date {
    clock.now().to_zoned(jiff::tz::TimeZone::get("Europe/Prague").unwrap()).date()
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

fn draft(clock: &ManualClock, items: Vec<OfferItemDraft>, days: i64) -> pronto_domain::offer::NewOffer {
    let d = OfferDraft {
        items,
        currency: Some("CZK".into()),
        valid_until: Some((today(clock) + jiff::Span::new().days(days)).to_string()),
        cooperation: Some("A workshop, then a pilot month.".into()),
        ..Default::default()
    };
    d.parse(&Default::default(), pronto_domain::money::Currency::parse("EUR").unwrap(), today(clock)).unwrap()
}

fn expires(clock: &ManualClock, days: i64) -> Timestamp {
    clock.now() + SignedDuration::from_hours(24 * days + 12)
}

fn mail(to: &str) -> Option<OfferMessage> {
    Some(OfferMessage { channel: "email".into(), address: to.into(), subject: Some("Your offer".into()), text: "See /t/x".into() })
}

contract_test!(offers_versions_totals_sending_and_decisions, with_db);

async fn offers_versions_totals_sending_and_decisions(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let owner = store.create_user(user_with_phone("jana", "Jana Nováková", Role::Consultant, "603 111 222")).await.unwrap();
    let id = create(&store, &clock, person(Some("Eva Malá"), Some("777 123 456"), Some("eva@example.com"))).await.id;
    assert_eq!(store.lead(id).await.unwrap().owner.map(|o| o.id), Some(owner));
    assert!(store.lead_offers(id).await.unwrap().is_empty());
    assert!(matches!(store.lead_offers(999_999).await, Err(StoreError::NotFound)));

    // Version 1: the totals stored exactly, per VAT rate.
    let mut items = vec![line("Audit", "1", "10000", "21"), line("Training", "2", "2500", "12")];
    items[1].discount = Some("10".into());
    let v1 = store.create_offer(id, draft(&clock, items, 14), expires(&clock, 14), Some(owner)).await.unwrap();
    assert_eq!((v1.version, v1.status.as_str(), v1.currency.as_str()), (1, "draft", "CZK"));
    assert_eq!((v1.net.as_str(), v1.vat.as_str(), v1.gross.as_str()), ("14500.00", "2640.00", "17140.00"));
    let rows: Vec<(&str, &str, &str)> = v1.vat_summary.iter().map(|r| (r.rate.as_str(), r.base.as_str(), r.vat.as_str())).collect();
    assert_eq!(rows, [("12", "4500.00", "540.00"), ("21", "10000.00", "2100.00")]);
    let lines: Vec<(&str, &str, &str, &str)> =
        v1.items.iter().map(|i| (i.name.as_str(), i.quantity.as_str(), i.discount.as_str(), i.net.as_str())).collect();
    assert_eq!(lines, [("Audit", "1", "0", "10000.00"), ("Training", "2", "10", "4500.00")]);
    assert_eq!(v1.cooperation.as_deref(), Some("A workshop, then a pilot month."));
    assert_eq!(store.offer(v1.id).await.unwrap(), v1, "read back as written");

    // Sent: the customer's e-mail is in the outbox, the event on the timeline.
    clock.advance(mins(1));
    let sent = store.send_offer(v1.id, Some(owner), mail("eva@example.com")).await.unwrap();
    assert_eq!(sent.status, "sent");
    assert_eq!(sent.sent_by, Some(owner));
    let outbox = store.outbox(id).await.unwrap();
    let to_customer: Vec<_> = outbox.iter().filter(|n| n.kind == "offer_sent").collect();
    assert_eq!(to_customer.len(), 1);
    assert_eq!((to_customer[0].channel.as_str(), to_customer[0].recipient_address.as_deref()), ("email", Some("eva@example.com")));
    assert_eq!(to_customer[0].payload["subject"], "Your offer");

    // Version 2 supersedes the sent version 1, in the same transaction as its event.
    clock.advance(mins(1));
    let v2 = store
        .create_offer(id, draft(&clock, vec![line("Audit only", "1", "8000", "21")], 14), expires(&clock, 14), Some(owner))
        .await
        .unwrap();
    assert_eq!((v2.version, v2.status.as_str(), v2.gross.as_str()), (2, "draft", "9680.00"));
    let v1 = store.offer(v1.id).await.unwrap();
    assert_eq!((v1.status.as_str(), v1.superseded_by), ("superseded", Some(v2.id)));
    let timeline = store.timeline(id).await.unwrap();
    let created = events_of(&timeline, "offer.created");
    assert_eq!(created.len(), 2);
    assert_eq!(created[1].data["superseded"], json!([v1.id]));
    assert_eq!(created[1].data["gross"], "9680.00");

    // The superseded version cannot be decided (409 at the edge), and the refusal writes nothing.
    let events_before = store.timeline(id).await.unwrap().len();
    let e = store.decide_offer(id, v1.id, Decision::Accept, None).await.unwrap_err();
    assert_eq!(pronto_store::offer_refusal(&e), Some("superseded"), "{e:?}");
    // A draft was never sent.
    let e = store.decide_offer(id, v2.id, Decision::Accept, None).await.unwrap_err();
    assert_eq!(pronto_store::offer_refusal(&e), Some("not-sent"));
    // Another lead's offer is not found through this lead's page.
    let other = create(&store, &clock, person(Some("Petr"), Some("777 555 666"), None)).await.id;
    assert!(matches!(store.decide_offer(other, v2.id, Decision::Accept, None).await, Err(StoreError::NotFound)));
    assert_eq!(store.timeline(id).await.unwrap().len(), events_before, "a refused decision writes nothing");

    // The customer asks for changes: the owner hears at once (SMS and in-app).
    store.send_offer(v2.id, Some(owner), mail("eva@example.com")).await.unwrap();
    clock.advance(mins(1));
    let decided = store.decide_offer(id, v2.id, Decision::Changes, Some("Start with the audit only".into())).await.unwrap();
    assert_eq!((decided.status.as_str(), decided.decision.as_deref()), ("changes_requested", Some("changes")));
    assert_eq!(decided.decision_note.as_deref(), Some("Start with the audit only"));
    assert_eq!(decided.decided_at, Some(clock.now()));
    let alerts: Vec<(String, Option<String>)> = store
        .outbox(id)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == "offer_changes" && n.recipient_user == Some(owner))
        .map(|n| (n.channel, n.recipient_address))
        .collect();
    assert_eq!(alerts, [("sms".to_owned(), Some("+420603111222".to_owned())), ("in_app".to_owned(), None)]);
    let decided_events = events_of(&store.timeline(id).await.unwrap(), "offer.decided").into_iter().cloned().collect::<Vec<_>>();
    assert_eq!(decided_events.len(), 1);
    assert_eq!(decided_events[0].data["decision"], "changes");
    // Decided once: not again.
    let e = store.decide_offer(id, v2.id, Decision::Accept, None).await.unwrap_err();
    assert_eq!(pronto_store::offer_refusal(&e), Some("decided"));

    // Version 3 (smaller), sent and declined: the first refusal keeps the lead open.
    let v3 =
        store.create_offer(id, draft(&clock, vec![line("Audit", "1", "6000", "21")], 7), expires(&clock, 7), Some(owner)).await.unwrap();
    assert_eq!(store.offer(v2.id).await.unwrap().status, "superseded", "changes asked for: superseded by the next version");
    store.send_offer(v3.id, Some(owner), None).await.unwrap();
    store.decide_offer(id, v3.id, Decision::Decline, Some("Too expensive".into())).await.unwrap();
    assert_eq!(store.lead(id).await.unwrap().status, "open");
    // Version 4 declined too: the suite's playbook closes the lead as lost on the second refusal,
    // and the note lists the objections.
    let v4 =
        store.create_offer(id, draft(&clock, vec![line("Audit", "1", "5000", "21")], 7), expires(&clock, 7), Some(owner)).await.unwrap();
    assert_eq!(store.offer(v3.id).await.unwrap().status, "declined", "a declined offer stays declined");
    store.send_offer(v4.id, Some(owner), None).await.unwrap();
    store.decide_offer(id, v4.id, Decision::Decline, Some("We chose another agency".into())).await.unwrap();
    let lead = store.lead(id).await.unwrap();
    assert_eq!((lead.stage.as_str(), lead.status.as_str()), ("lost", "lost"));
    let acts = store.activities(id).await.unwrap();
    let note = acts.iter().rev().find(|a| a.kind == "note").and_then(|a| a.body.clone()).expect("the objections' note");
    assert!(note.contains("Too expensive") && note.contains("We chose another agency"), "{note}");

    let all = store.lead_offers(id).await.unwrap();
    let versions: Vec<(i64, &str)> = all.iter().map(|o| (o.version, o.status.as_str())).collect();
    assert_eq!(versions, [(1, "superseded"), (2, "superseded"), (3, "declined"), (4, "declined")]);
    assert_eq!(db.count_raw(&format!("SELECT COUNT(*) FROM offer_items WHERE offer_id = {}", v1.id)).await, 2);
}

contract_test!(an_accepted_offer_runs_the_playbook_and_an_expired_one_is_refused);

async fn an_accepted_offer_runs_the_playbook_and_an_expired_one_is_refused(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let owner = store.create_user(user_with_phone("jana", "Jana Nováková", Role::Consultant, "603 111 222")).await.unwrap();
    let id = create(&store, &clock, person(Some("Eva Malá"), Some("777 123 456"), Some("eva@example.com"))).await.id;

    // Accepted: the suite's playbook moves the lead to `won`.
    let o =
        store.create_offer(id, draft(&clock, vec![line("Website", "1", "20000", "21")], 3), expires(&clock, 3), Some(owner)).await.unwrap();
    store.send_offer(o.id, Some(owner), mail("eva@example.com")).await.unwrap();
    let accepted = store.decide_offer(id, o.id, Decision::Accept, None).await.unwrap();
    assert_eq!(accepted.status, "accepted");
    let lead = store.lead(id).await.unwrap();
    assert_eq!((lead.stage.as_str(), lead.status.as_str()), ("won", "won"));
    let timeline = store.timeline(id).await.unwrap();
    let rules: Vec<&str> = events_of(&timeline, "playbook.rule").iter().filter_map(|e| e.data["rule"].as_str()).collect();
    assert!(rules.contains(&"offer-accepted"), "{rules:?}");

    // Past its validity: neither sent nor decided, and nothing written.
    let id2 = create(&store, &clock, person(Some("Jan"), Some("777 999 888"), None)).await.id;
    let o2 = store
        .create_offer(id2, draft(&clock, vec![line("Website", "1", "20000", "21")], 1), expires(&clock, 1), Some(owner))
        .await
        .unwrap();
    store.send_offer(o2.id, Some(owner), None).await.unwrap();
    clock.advance(SignedDuration::from_hours(24 * 3));
    let before = (store.timeline(id2).await.unwrap().len(), store.outbox(id2).await.unwrap().len());
    let e = store.decide_offer(id2, o2.id, Decision::Accept, None).await.unwrap_err();
    assert_eq!(pronto_store::offer_refusal(&e), Some("expired"));
    let e = store.send_offer(o2.id, Some(owner), mail("x@example.com")).await.unwrap_err();
    assert_eq!(pronto_store::offer_refusal(&e), Some("expired"));
    assert_eq!((store.timeline(id2).await.unwrap().len(), store.outbox(id2).await.unwrap().len()), before);
    assert_eq!(store.offer(o2.id).await.unwrap().status, "sent", "stored as sent; it reads as expired");

    // An offer on a lead that does not exist.
    let e = store.create_offer(999_999, draft(&clock, vec![line("X", "1", "1", "21")], 3), expires(&clock, 3), None).await.unwrap_err();
    assert!(matches!(e, StoreError::NotFound), "{e:?}");
}
