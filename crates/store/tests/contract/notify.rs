//! The notification centre: one user's in-app notifications with their lead, unread counts,
//! marking read (one's own only), and a customer's message waiting until the team answers.

use crate::helpers::*;

contract_test!(the_notification_centre_lists_counts_and_marks_ones_own, with_db);

async fn the_notification_centre_lists_counts_and_marks_ones_own(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    // Nobody can own this one: there is nobody yet.
    let unowned = create(&store, &clock, person(Some("Petr Malý"), Some("777 000 222"), None)).await.id;
    assert_eq!(store.lead(unowned).await.unwrap().owner, None);
    let marek = store.create_user(user_with_phone("marek", "Marek Dvořák", Role::Manager, "603 000 111")).await.unwrap();
    let jana = store.create_user(user_with_phone("jana", "Jana Nováková", Role::Consultant, "603 111 222")).await.unwrap();
    let owned = create(&store, &clock, person(Some("Eva Malá"), Some("777 123 456"), Some("eva@example.com"))).await.id;
    assert_eq!(store.lead(owned).await.unwrap().owner.map(|o| o.id), Some(jana));
    let before = store.unread_notifications(jana).await.unwrap();

    // The customer writes on their page: the owner is told in the app, and it waits for an answer.
    clock.advance(mins(1));
    store.customer_action(owned, pronto_store::CustomerAction::Message { text: "Prosím o nabídku".into() }).await.unwrap();
    clock.advance(mins(1));
    store
        .customer_action(
            owned,
            pronto_store::CustomerAction::Document {
                filename: "plan.pdf".into(),
                content_type: "application/pdf".into(),
                bytes: b"%PDF-1.4".to_vec(),
            },
        )
        .await
        .unwrap();
    let centre = store.notification_centre(jana, 100).await.unwrap();
    let message = centre.iter().find(|i| i.kind == "customer_message").expect("the owner hears of the message").clone();
    let lead = message.lead.as_ref().expect("about a lead");
    assert_eq!((lead.id, lead.name.as_deref(), lead.channel.as_str()), (owned, Some("Eva Malá"), "web"));
    assert!(message.waiting && message.read_at.is_none(), "{message:?}");
    assert_eq!(centre.iter().filter(|i| i.kind == "customer_message").count(), 1, "told once, not twice");
    assert_eq!(store.unread_notifications(jana).await.unwrap(), before + 2);
    // Waiting ones first, then newest first.
    let waiting: Vec<bool> = centre.iter().map(|i| i.waiting).collect();
    assert!(waiting.windows(2).all(|w| w[0] >= w[1]), "{waiting:?}");
    for part in [centre.iter().filter(|i| i.waiting).collect::<Vec<_>>(), centre.iter().filter(|i| !i.waiting).collect()] {
        assert!(part.windows(2).all(|w| w[0].id > w[1].id), "newest first: {:?}", part.iter().map(|i| i.id).collect::<Vec<_>>());
    }
    assert_eq!(centre[0].kind, "customer_document", "the newest waiting one first");

    // Nobody owns the other lead: the managers hear of its message instead.
    store.customer_action(unowned, pronto_store::CustomerAction::Message { text: "Haló?".into() }).await.unwrap();
    let theirs = store.notification_centre(marek, 100).await.unwrap();
    let to_marek: Vec<_> = theirs.iter().filter(|i| i.kind == "customer_message").collect();
    assert_eq!(to_marek.len(), 1, "{theirs:?}");
    assert_eq!((to_marek[0].lead.as_ref().unwrap().id, to_marek[0].waiting), (unowned, true));
    assert!(!store.notification_centre(jana, 100).await.unwrap().iter().any(|i| i.lead.as_ref().is_some_and(|l| l.id == unowned)));

    // Another user's notification is neither visible nor markable.
    assert!(matches!(store.centre_item(marek, message.id).await, Err(StoreError::NotFound)));
    assert_eq!(store.mark_read(marek, vec![message.id]).await.unwrap(), 0);
    assert_eq!(store.centre_item(jana, message.id).await.unwrap().read_at, None);

    // Marking one read: that one, once, in one transaction.
    clock.advance(mins(1));
    let unread = store.unread_notifications(jana).await.unwrap();
    assert_eq!(store.mark_read(jana, vec![message.id]).await.unwrap(), 1);
    assert_eq!(store.mark_read(jana, vec![message.id]).await.unwrap(), 0, "already read");
    assert_eq!(store.unread_notifications(jana).await.unwrap(), unread - 1);
    let read = store.centre_item(jana, message.id).await.unwrap();
    assert_eq!(read.read_at, Some(clock.now()));
    assert!(read.waiting, "read, but still not answered");

    // A note is not an answer; a call in which the customer was reached is.
    store.log_activity(owned, activity(&clock, "note", None, None, Some("poslat nabídku")), Some(jana)).await.unwrap();
    assert!(store.centre_item(jana, message.id).await.unwrap().waiting);
    clock.advance(mins(1));
    store.log_activity(owned, reached_call(&clock), Some(jana)).await.unwrap();
    assert!(!store.centre_item(jana, message.id).await.unwrap().waiting, "answered");
    assert!(store.notification_centre(jana, 100).await.unwrap().iter().all(|i| !i.waiting));

    // All read at once.
    assert!(store.mark_read(jana, vec![]).await.unwrap() >= 1);
    assert_eq!(store.unread_notifications(jana).await.unwrap(), 0);
    assert_eq!(
        db.count_raw(&format!("SELECT COUNT(*) FROM outbox WHERE recipient_user = {jana} AND channel = 'in_app' AND read_at IS NULL"))
            .await,
        0
    );
    assert_eq!(store.unread_notifications(marek).await.unwrap(), 1, "the manager's stays unread");
}
