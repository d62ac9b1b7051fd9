//! Deliveries and complaints (issue 21, items 5 and 6), on both engines: a delivery planned with
//! the durable timer of the driver's pack (18:00 office time the evening before; at once for a
//! delivery today), the pack made when it fires and not a second before, delivered once and not
//! in the future, the playbook's `delivery.done` (the suite's quality call a week later); a
//! negative quality call without its substance refused with nothing written, with it a complaint
//! with the representative and the channel in the same transaction; resolved once.

use crate::helpers::*;
use pronto_domain::delivery::DeliveryDraft;
use pronto_store::complaints::ComplaintFilter;

fn zone() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("Europe/Prague").unwrap()
}

fn delivery(clock: &ManualClock, date: &str, address: &str) -> pronto_domain::delivery::NewDelivery {
    DeliveryDraft { date: Some(date.into()), address: Some(address.into()), driver: Some("Pavel".into()) }
        .parse(clock.now().to_zoned(zone()).date())
        .unwrap()
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

contract_test!(deliveries_pack_deliver_and_complain, with_db);

async fn deliveries_pack_deliver_and_complain(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    // Monday 2026-03-02 10:00 in Prague.
    let owner = store.create_user(user_with_phone("jana", "Jana Nováková", Role::Consultant, "603 111 222")).await.unwrap();
    let lead = create(&store, &clock, person(Some("Eva Malá"), Some("777 123 456"), None)).await.id;
    assert!(store.lead_deliveries(lead).await.unwrap().is_empty());
    assert!(matches!(store.lead_deliveries(999_999).await, Err(StoreError::NotFound)));

    // Wednesday: the pack at 18:00 on Tuesday, Prague time, by a durable timer.
    let d = store.plan_delivery(lead, delivery(&clock, "2026-03-04", "Dlouhá 1, Praha"), zone(), Some(owner)).await.unwrap();
    assert_eq!((d.status.as_str(), d.date.as_str(), d.driver.as_deref()), ("planned", "2026-03-04", Some("Pavel")));
    assert_eq!(d.pack_at, ts("2026-03-03T17:00:00Z"));
    assert!(d.documents().is_empty());
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM timers WHERE kind = 'delivery:pack' AND status = 'pending'").await, 1);
    assert_eq!(store.delivery(d.id).await.unwrap(), d, "read back as written");
    let kinds = |evs: Vec<EventRecord>| evs.into_iter().map(|e| e.kind).collect::<Vec<_>>();
    assert!(kinds(store.timeline(lead).await.unwrap()).iter().any(|k| k == "delivery.planned"));

    clock.advance(SignedDuration::from_secs(ts("2026-03-03T17:00:00Z").as_second() - clock.now().as_second() - 1));
    store.fire_due_timers(100).await.unwrap();
    assert_eq!(store.delivery(d.id).await.unwrap().status, "planned", "not a second early");
    clock.advance(SignedDuration::from_secs(1));
    assert!(store.fire_due_timers(100).await.unwrap() >= 1);
    let made = store.delivery(d.id).await.unwrap();
    assert_eq!((made.status.as_str(), made.pack_ready_at), ("pack_ready", Some(ts("2026-03-03T17:00:00Z"))));
    assert_eq!(made.documents(), ["delivery_note"], "no invoice on this lead");
    assert_eq!(kinds(store.timeline(lead).await.unwrap()).iter().filter(|k| *k == "delivery.pack_ready").count(), 1);
    store.fire_due_timers(100).await.unwrap();
    assert_eq!(kinds(store.timeline(lead).await.unwrap()).iter().filter(|k| *k == "delivery.pack_ready").count(), 1, "once");

    // Today (Tuesday, 18:00 in Prague): the pack at once, no timer.
    let today = store.plan_delivery(lead, delivery(&clock, "2026-03-03", "Krátká 2"), zone(), None).await.unwrap();
    assert_eq!((today.status.as_str(), today.pack_ready_at), ("pack_ready", Some(clock.now())));
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM timers WHERE kind = 'delivery:pack'").await, 1);
    // A day in the past: refused, naming it.
    let past = pronto_domain::delivery::NewDelivery { date: "2026-03-02".parse().unwrap(), ..delivery(&clock, "2026-03-04", "x") };
    assert!(matches!(store.plan_delivery(lead, past, zone(), None).await, Err(StoreError::Invalid(f)) if f.0[0].field == "date"));
    assert!(matches!(store.plan_delivery(999_999, delivery(&clock, "2026-03-04", "x"), zone(), None).await, Err(StoreError::NotFound)));

    // The driver's list of Wednesday.
    let stops = store.deliveries_on("2026-03-04".into()).await.unwrap();
    assert_eq!(stops.len(), 1);
    assert_eq!((stops[0].delivery.id, stops[0].customer.as_str(), stops[0].phone.as_deref()), (d.id, "Eva Malá", Some("+420777123456")));
    assert!(store.deliveries_on("2026-03-05".into()).await.unwrap().is_empty());

    // Delivered: not in the future, once; the playbook's delivery.done sets the quality call.
    let e = store.mark_delivered(d.id, Some(clock.now() + mins(1)), None).await.unwrap_err();
    assert!(matches!(&e, StoreError::Invalid(f) if f.0[0].field == "at"), "{e:?}");
    let done = store.mark_delivered(d.id, None, Some(owner)).await.unwrap();
    assert_eq!((done.status.as_str(), done.delivered_at), ("delivered", Some(clock.now())));
    assert!(matches!(store.mark_delivered(d.id, None, None).await, Err(StoreError::Conflict(_))));
    assert!(matches!(store.mark_delivered(999_999, None, None).await, Err(StoreError::NotFound)));
    assert!(kinds(store.timeline(lead).await.unwrap()).iter().any(|k| k == "delivery.done"));
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM timers WHERE kind = 't:quality_call' AND status = 'pending'").await, 1);

    clock.advance(SignedDuration::from_hours(7 * 24));
    store.fire_due_timers(100).await.unwrap();
    let open = store.tasks(&TaskFilter { lead: Some(lead), status: Some("open".into()), limit: 100, ..Default::default() }).await.unwrap();
    let call = open.iter().find(|t| t.task == "quality_call").unwrap_or_else(|| panic!("{open:?}"));

    // Negative without the substance: refused, nothing written.
    let e = store.complete_task(call.id, "negative".into(), None, Some(owner)).await.unwrap_err();
    assert!(matches!(&e, StoreError::Invalid(f) if f.0[0].field == "note"), "{e:?}");
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM complaints").await, 0);
    assert_eq!(store.task(call.id).await.unwrap().status, "open");
    // With it: the complaint, the lead's owner and channel, in the same transaction.
    let owner_now = store.lead(lead).await.unwrap().owner.map(|o| o.id);
    store.complete_task(call.id, "negative".into(), Some("Scratched door".into()), Some(owner)).await.unwrap();
    let all = store.complaints(ComplaintFilter::default()).await.unwrap();
    assert_eq!(all.len(), 1);
    let k = &all[0];
    assert_eq!((k.lead_id, k.task_id, k.owner_id, k.channel.as_str()), (lead, Some(call.id), owner_now, "web"));
    assert_eq!((k.text.as_str(), k.status.as_str(), k.created_at), ("Scratched door", "open", clock.now()));
    assert_eq!(k.customer, "Eva Malá");
    assert!(kinds(store.timeline(lead).await.unwrap()).iter().any(|k| k == "complaint.recorded"));
    // A positive answer records none.
    assert_eq!(store.task(call.id).await.unwrap().status, "done");

    // Filters.
    let f =
        |status: Option<&str>, from: Option<Timestamp>, to: Option<Timestamp>| ComplaintFilter { status: status.map(Into::into), from, to, ..Default::default() };
    assert_eq!(store.complaints(f(Some("open"), None, None)).await.unwrap().len(), 1);
    assert!(store.complaints(f(Some("resolved"), None, None)).await.unwrap().is_empty());
    assert!(store.complaints(f(None, Some(clock.now() + mins(1)), None)).await.unwrap().is_empty());
    assert!(store.complaints(f(None, None, Some(clock.now()))).await.unwrap().is_empty(), "to is exclusive");

    // Resolved once, with its note.
    let r = store.resolve_complaint(k.id, "Replaced the door".into(), Some(owner)).await.unwrap();
    assert_eq!((r.status.as_str(), r.resolution.as_deref(), r.resolved_at), ("resolved", Some("Replaced the door"), Some(clock.now())));
    assert!(matches!(store.resolve_complaint(k.id, "again".into(), None).await, Err(StoreError::Conflict(_))));
    assert!(matches!(store.resolve_complaint(999_999, "x".into(), None).await, Err(StoreError::NotFound)));
    assert_eq!(store.complaint(k.id).await.unwrap(), r);
    assert!(kinds(store.timeline(lead).await.unwrap()).iter().any(|k| k == "complaint.resolved"));
}
