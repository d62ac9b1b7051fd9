//! The customer's page; webhook fan-out.

use crate::helpers::*;

// ── the customer's page ──

contract_test!(customer_page_tokens_actions_and_sealed_documents, with_db);

/// A lead's page token exists from its intake transaction, is stored only as a hash, opens the
/// page until revoked (then the new one does) and until its time after closing runs out; what
/// the customer does is an activity the playbook reacts to, a call-back task, or a document
/// kept sealed at rest and opened only through the store.
async fn customer_page_tokens_actions_and_sealed_documents(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let keep = SignedDuration::from_hours(24 * 10);
    let owner = store.create_user(user_with_phone("jana", "Jana Nováková", Role::Consultant, "603 111 222")).await.unwrap();
    let id = create(&store, &clock, person(Some("Eva Malá"), Some("777 123 456"), Some("eva@example.com"))).await.id;
    let lead = store.lead(id).await.unwrap();
    assert_eq!(lead.tracking_gen, 0);
    let token = store.tracking_token(id, 0).expect("the keys are loaded");
    assert_eq!(token.len(), 22);
    assert_eq!(lead.tracking_url.as_deref(), Some(format!("/t/{token}").as_str()));
    // Only the hash is stored.
    assert_eq!(db.count_raw(&format!("SELECT COUNT(*) FROM tracking_tokens WHERE lead_id = {id}")).await, 1);
    assert_eq!(db.count_raw(&format!("SELECT COUNT(*) FROM tracking_tokens WHERE hash = '{token}'")).await, 0);

    // The internal note never reaches the page; the owner's first name and role do.
    store.log_activity(id, activity(&clock, "note", None, None, Some("INTERNAL-MARKER-5150")), None).await.unwrap();
    let page = store.tracking_page(&token, keep).await.unwrap();
    assert_eq!((page.lead_id, page.stage.as_str(), page.owner_first_name.as_deref(), page.owner_role.as_deref()), (id, "received", Some("Jana"), Some("consultant")));
    assert!(!format!("{page:?}").contains("INTERNAL-MARKER-5150"));
    assert!(!format!("{page:?}").contains("Nováková"), "only the first name");
    assert!(matches!(page.history.first(), Some((_, pronto_domain::tracking::Happened::Received { .. }))));
    assert!(matches!(store.tracking_page("AAAAAAAAAAAAAAAAAAAAAA", keep).await, Err(StoreError::NotFound)));

    // A message runs the playbook: the owner gets an SMS and an in-app alert.
    clock.advance(SignedDuration::from_mins(1));
    store.customer_action(id, pronto_store::CustomerAction::Message { text: "Prosím o nabídku".into() }).await.unwrap();
    let outbox = store.outbox(id).await.unwrap();
    let to_owner: Vec<_> =
        outbox.iter().filter(|n| n.payload["template"] == "customer_message" && n.recipient_user == Some(owner)).map(|n| n.channel.as_str()).collect();
    assert_eq!(to_owner, ["sms", "in_app"]);
    // A call-back is a task for the owner at the time asked for.
    let at = clock.now() + SignedDuration::from_hours(3);
    store.customer_action(id, pronto_store::CustomerAction::Callback { at, note: Some("po obědě".into()) }).await.unwrap();
    let cb = tasks_of(&store, id).await.into_iter().find(|t| t.task == "customer_callback").expect("a call-back task");
    assert_eq!((cb.due_at, cb.assignee.as_ref().map(|a| a.id)), (at, Some(owner)));
    // A document is sealed at rest and opens through the store.
    let secret = b"%PDF-1.4 PASSPORT-NUMBER-4242";
    store
        .customer_action(
            id,
            pronto_store::CustomerAction::Document { filename: "op.pdf".into(), content_type: "application/pdf".into(), bytes: secret.to_vec() },
        )
        .await
        .unwrap();
    let files = store.customer_files(id).await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!((files[0].filename.as_str(), files[0].size), ("op.pdf", secret.len() as i64));
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM customer_file_data WHERE sealed LIKE '%PASSPORT%'").await, 0);
    let (_, opened) = store.customer_file(files[0].id).await.unwrap();
    assert_eq!(opened, secret);
    let page = store.tracking_page(&token, keep).await.unwrap();
    let seen: Vec<String> = page.history.iter().map(|(_, h)| format!("{h:?}")).collect();
    assert!(seen.iter().any(|h| h.contains("Prosím o nabídku")), "{seen:?}");
    assert!(seen.iter().any(|h| h.starts_with("YouAskedCallback")), "{seen:?}");
    assert!(seen.iter().any(|h| h.contains("op.pdf")), "{seen:?}");
    let acts: Vec<String> = store.activities(id).await.unwrap().into_iter().map(|a| a.kind).collect();
    assert!(["message", "callback", "document"].iter().all(|k| acts.iter().any(|a| a == k)), "{acts:?}");

    // Revoking: the old link opens nothing, the new one does.
    assert_eq!(store.revoke_tracking(id, None).await.unwrap(), 1);
    assert!(matches!(store.tracking_page(&token, keep).await, Err(StoreError::NotFound)));
    let fresh = store.tracking_token(id, 1).unwrap();
    assert_ne!(fresh, token);
    assert_eq!(store.tracking_page(&fresh, keep).await.unwrap().lead_id, id);
    assert_eq!(store.lead(id).await.unwrap().tracking_url, Some(format!("/t/{fresh}")));

    // Closed, the page lives `keep` longer, then answers as if it never existed.
    store.patch_lead(id, LeadPatch { status: Some(LeadStatus::Lost), ..Default::default() }, None).await.unwrap();
    clock.advance(SignedDuration::from_hours(24 * 9));
    assert_eq!(store.tracking_page(&fresh, keep).await.unwrap().status, "lost");
    clock.advance(SignedDuration::from_hours(24 * 2));
    assert!(matches!(store.tracking_page(&fresh, keep).await, Err(StoreError::NotFound)));
    // Reopened, it is back.
    store.patch_lead(id, LeadPatch { status: Some(LeadStatus::Open), ..Default::default() }, None).await.unwrap();
    assert!(store.tracking_page(&fresh, keep).await.is_ok());
}

// ═══════════════════════════════════════════════════════════════════════════════════════════
// Webhook fan-out: a delivery never triggers a webhook
// ═══════════════════════════════════════════════════════════════════════════════════════════

contract_test!(a_webhook_delivery_never_triggers_a_webhook);

/// A `*` and a `notification.*` subscription, and every notification delivered as soon as it
/// is claimed (each delivery records `notification.sent`): the outbox runs dry after a few
/// rounds, and the lead's webhook rows are exactly its events each subscription asked for,
/// without the events about webhook deliveries.
async fn a_webhook_delivery_never_triggers_a_webhook(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    store.create_webhook("https://hooks.example/all".into(), vec!["*".into()], "whsec_a".into(), None).await.unwrap();
    store.create_webhook("https://hooks.example/notes".into(), vec!["notification.*".into()], "whsec_n".into(), None).await.unwrap();
    store.create_user(user_with_phone("jana", "Jana", Role::Consultant, "+420777000001")).await.unwrap();
    let lead = create(&store, &clock, person(Some("Echo"), Some("777 123 456"), None)).await.id;
    let mut rounds = 0;
    loop {
        let batch = store.claim_notifications(100).await.unwrap();
        if batch.is_empty() {
            break;
        }
        rounds += 1;
        // One message per recipient (here: per webhook address) is in flight at a time.
        assert!(rounds <= 60, "deliveries keep causing deliveries: {} more", batch.len());
        for n in batch.into_iter().filter(|n| n.channel != "in_app") {
            store.record_delivery(n.id, pronto_store::Delivery::Done { status: "sent", provider_id: None }).await.unwrap();
        }
    }
    let timeline = store.timeline(lead).await.unwrap();
    let about_hooks = timeline.iter().filter(|e| e.kind == "notification.sent" && e.data["channel"] == "webhook").count();
    let wanted = |pattern: &str| {
        timeline.iter().filter(|e| pronto_domain::subscription::wants(&[pattern], &e.kind, &e.data)).count()
    };
    let expected = wanted("*") + wanted("notification.*");
    assert!(wanted("notification.*") >= 2 && expected >= 4, "the lead's SMS gives notification events: {timeline:#?}");
    assert_eq!(about_hooks, expected, "every webhook row was delivered and recorded: {timeline:#?}");
    // Time passes and the store is asked again: nothing new is due.
    clock.advance(mins(30));
    let late: Vec<_> = store.claim_notifications(100).await.unwrap().into_iter().filter(|n| n.channel == "webhook").collect();
    assert!(late.is_empty(), "{late:?}");
}
