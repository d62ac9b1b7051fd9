//! 22. Several nodes on one database (issue 22): a notification claimed by a node is its own
//! while the node's heartbeat lives, however long the provider takes, and a dead node's claims
//! are taken over within seconds without counting the lost attempt; one message per recipient
//! is in flight, oldest first; a failing provider's probe costs no attempt and its success
//! releases the backlog; a lease (a mailbox's reader) is one node's at a time.

use crate::helpers::*;
use pronto_store::Delivery;

/// Two leads whose owner (the one consultant) gets an SMS each: two messages to one phone.
async fn two_sms_to_one_phone(store: &Arc<dyn Store>, clock: &ManualClock) -> (i64, i64) {
    store.create_user(user_with_phone("jana", "Jana", Role::Consultant, "+420777000001")).await.unwrap();
    let a = create(store, clock, person(Some("První"), Some("777 111 001"), None)).await.id;
    clock.advance(mins(1));
    let b = create(store, clock, person(Some("Druhý"), Some("777 111 002"), None)).await.id;
    (a, b)
}

fn sms(batch: &[pronto_store::OutboxRecord]) -> Vec<(Option<i64>, i64)> {
    batch.iter().filter(|n| n.channel == "sms").map(|n| (n.lead_id, n.attempts)).collect()
}

async fn a_claim_is_the_nodes_while_it_lives_and_goes_when_it_dies(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let (a, _) = two_sms_to_one_phone(&store, &clock).await;
    let other = db.open(clock.clone()).await;
    assert_ne!(store.node().id, other.node().id, "each store is its own node");
    store.heartbeat().await.unwrap();
    let claimed = store.claim_notifications(100).await.unwrap();
    assert_eq!(sms(&claimed).first(), Some(&(Some(a), 1)), "the phone's queue, oldest first, its first attempt");
    // The gateway takes its time: ten minutes pass while the node lives (it beats).
    for _ in 0..10 {
        clock.advance(mins(1));
        store.heartbeat().await.unwrap();
        other.heartbeat().await.unwrap();
        assert!(sms(&other.claim_notifications(100).await.unwrap()).is_empty(), "another node never takes a live node's claim");
    }
    let nodes = other.nodes().await.unwrap();
    assert_eq!(nodes.iter().filter(|n| n.alive).count(), 2, "{nodes:?}");
    // The node dies mid-send: five seconds without a heartbeat and its claim is free again,
    // the lost attempt not counted; the second message still waits behind it.
    drop(store);
    clock.advance(SignedDuration::from_secs(6));
    other.heartbeat().await.unwrap();
    let taken = other.claim_notifications(100).await.unwrap();
    assert_eq!(sms(&taken).first(), Some(&(Some(a), 1)), "taken over, still the first attempt");
    let nodes = other.nodes().await.unwrap();
    assert_eq!(nodes.iter().map(|n| n.alive).collect::<Vec<_>>(), [true, false], "{nodes:?}");
    // A node that shuts down in good order leaves: what it held is free at once.
    let third = db.open(clock.clone()).await;
    assert!(third.take_lease("mailbox:sales").await.unwrap());
    third.close().await;
    assert!(other.take_lease("mailbox:sales").await.unwrap(), "free without waiting for a heartbeat to age");
    assert_eq!(other.nodes().await.unwrap().len(), 2, "the third node left");
    let taken = taken.iter().find(|n| n.channel == "sms").unwrap();
    other.record_delivery(taken.id, Delivery::Done { status: "sent", provider_id: None }).await.unwrap();
    let sent = other.outbox(a).await.unwrap().into_iter().find(|n| n.channel == "sms").unwrap();
    assert_eq!((sent.status.as_str(), sent.attempts), ("sent", 1));
    other.close().await;
}
contract_test!(a_claim_is_the_nodes_while_it_lives_and_goes_when_it_dies, with_db);

async fn one_recipients_messages_go_one_at_a_time_in_order(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let (a, b) = two_sms_to_one_phone(&store, &clock).await;
    let other = db.open(clock.clone()).await;
    store.heartbeat().await.unwrap();
    // Two nodes claim at once: the phone's due messages go to one of them, together, oldest
    // first (its worker sends them one after the other); the other node gets none.
    let (x, y) = tokio::join!(store.claim_notifications(100), other.claim_notifications(100));
    let (x, y) = (sms(&x.unwrap()), sms(&y.unwrap()));
    assert!(x.is_empty() || y.is_empty(), "one node holds the phone's queue: {x:?} {y:?}");
    assert_eq!([x.clone(), y.clone()].concat(), [(Some(a), 1), (Some(b), 1)], "oldest first");
    let holder = if x.is_empty() { &other } else { &store };
    // A third message while the two are in flight waits, on either node.
    clock.advance(mins(1));
    let c = create(&store, &clock, person(Some("Třetí"), Some("777 111 003"), None)).await.id;
    store.heartbeat().await.unwrap();
    other.heartbeat().await.unwrap();
    assert!(sms(&store.claim_notifications(100).await.unwrap()).is_empty(), "the newest waits while older ones are in flight");
    assert!(sms(&other.claim_notifications(100).await.unwrap()).is_empty());
    assert_eq!(store.next_notification_due().await.unwrap(), None, "nothing is due while it waits: no worker spins on it");
    // The first fails and will be retried: the second is held back with it (as the worker
    // does), and the third stays behind both.
    let row = |l: i64| async move { holder.outbox(l).await.unwrap().into_iter().find(|n| n.channel == "sms").unwrap() };
    let (first, second) = (row(a).await, row(b).await);
    let retry = clock.now() + mins(5);
    holder.record_delivery(first.id, Delivery::Failed { error: "503".into(), retry_at: Some(retry) }).await.unwrap();
    holder.record_delivery(second.id, Delivery::Postponed { retry_at: retry }).await.unwrap();
    let second = row(b).await;
    assert_eq!((second.status.as_str(), second.attempts, second.next_attempt_at), ("queued", 0, retry), "postponed, not counted");
    assert!(sms(&other.claim_notifications(100).await.unwrap()).is_empty(), "the third waits behind the held ones");
    // The provider answers again (the retry is due): all three, in order.
    clock.advance(mins(5));
    store.heartbeat().await.unwrap();
    other.heartbeat().await.unwrap();
    let again = sms(&other.claim_notifications(100).await.unwrap());
    assert_eq!(again, [(Some(a), 2), (Some(b), 1), (Some(c), 1)]);
    other.close().await;
}
contract_test!(one_recipients_messages_go_one_at_a_time_in_order, with_db);

async fn a_failing_providers_probe_costs_no_attempt_and_its_success_frees_the_backlog(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let (a, b) = two_sms_to_one_phone(&store, &clock).await;
    let claimed = store.claim_notifications(100).await.unwrap();
    let first = claimed.iter().find(|n| n.channel == "sms" && n.lead_id == Some(a)).unwrap().clone();
    let second = claimed.iter().find(|n| n.channel == "sms" && n.lead_id == Some(b)).unwrap().clone();
    let retry = clock.now() + mins(40);
    let error = "gateway unreachable".to_owned();
    store.record_delivery(first.id, Delivery::Failed { error: error.clone(), retry_at: Some(retry) }).await.unwrap();
    store.record_delivery(second.id, Delivery::Postponed { retry_at: retry }).await.unwrap();
    // Three probes fail: the message keeps its one counted attempt and its retry time.
    for _ in 0..3 {
        clock.advance(SignedDuration::from_secs(3));
        let probe = store.probe_channel("sms").await.unwrap().expect("the oldest waiting message");
        assert_eq!((probe.id, probe.attempts), (first.id, 2));
        assert!(store.probe_channel("sms").await.unwrap().is_none(), "one probe at a time");
        store.record_delivery(probe.id, Delivery::Postponed { retry_at: probe.next_attempt_at }).await.unwrap();
        let row = store.outbox(a).await.unwrap().into_iter().find(|n| n.id == first.id).unwrap();
        assert_eq!((row.status.as_str(), row.attempts, row.next_attempt_at), ("queued", 1, retry));
        assert_eq!(row.last_error.as_deref(), Some("gateway unreachable"), "a failed probe keeps the error");
    }
    assert!(sms(&store.claim_notifications(100).await.unwrap()).is_empty(), "nothing is due before the retry");
    // The provider answers: the probe is sent and the one held behind it goes at once.
    let probe = store.probe_channel("sms").await.unwrap().unwrap();
    store.record_delivery(probe.id, Delivery::Done { status: "sent", provider_id: Some("p1".into()) }).await.unwrap();
    let row = store.outbox(a).await.unwrap().into_iter().find(|n| n.id == first.id).unwrap();
    assert_eq!((row.status.as_str(), row.attempts), ("sent", 2));
    assert_eq!(sms(&store.claim_notifications(100).await.unwrap()), [(Some(b), 1)]);
    assert!(store.probe_channel("sms").await.unwrap().is_none(), "nothing waits for a retry any more");
    // A result for a notification no longer being sent changes nothing.
    store.record_delivery(first.id, Delivery::Failed { error, retry_at: None }).await.unwrap();
    assert_eq!(store.outbox(a).await.unwrap().into_iter().find(|n| n.id == first.id).unwrap().status, "sent");
}
contract_test!(a_failing_providers_probe_costs_no_attempt_and_its_success_frees_the_backlog);

/// A channel the worker holds (e-mail not set up, a provider failing between probes): its
/// messages are neither claimed nor due — no claim, attempt or write per message, and no
/// worker woken for them — while the other channels go on; released, they go in order.
async fn a_held_channels_messages_wait_unclaimed(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let (a, b) = two_sms_to_one_phone(&store, &clock).await;
    let held = ["sms".to_owned()];
    let claimed = store.claim_notifications_held(100, &held).await.unwrap();
    assert!(sms(&claimed).is_empty(), "{claimed:?}");
    assert!(claimed.iter().all(|n| n.channel != "sms"), "the other channels go on");
    assert_eq!(store.next_notification_due_held(&held).await.unwrap(), None, "nothing due on the channels not held");
    assert_eq!(store.next_notification_due().await.unwrap(), Some(clock.now() - mins(1)), "the phone's oldest waits");
    for lead in [a, b] {
        let row = store.outbox(lead).await.unwrap().into_iter().find(|n| n.channel == "sms").unwrap();
        assert_eq!((row.status.as_str(), row.attempts, row.last_error.as_deref()), ("queued", 0, None), "untouched");
    }
    clock.advance(mins(10));
    assert!(sms(&store.claim_notifications_held(100, &held).await.unwrap()).is_empty(), "held however long it waits");
    assert_eq!(sms(&store.claim_notifications(100).await.unwrap()), [(Some(a), 1), (Some(b), 1)], "released: in order");
}
contract_test!(a_held_channels_messages_wait_unclaimed);

/// Whether a commit woke the worker waiting on `n` (the writer wakes before it answers).
async fn woke(n: &tokio::sync::Notify) -> bool {
    tokio::time::timeout(std::time::Duration::ZERO, n.notified()).await.is_ok()
}

/// A commit wakes the timer and outbox workers when it may give them work; the node's own
/// housekeeping (heartbeats, claims, leases, the health probe) does not, or every worker's
/// look would wake the others to look again.
async fn only_commits_that_may_give_work_wake_the_workers(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    store.create_user(user_with_phone("jana", "Jana", Role::Consultant, "+420777000001")).await.unwrap();
    let (timers, outbox) = (store.timers_changed(), store.outbox_changed());
    create(&store, &clock, person(Some("První"), Some("777 111 001"), None)).await;
    assert!(woke(&timers).await && woke(&outbox).await, "a new lead wakes both");
    store.heartbeat().await.unwrap();
    let claimed = store.claim_notifications(100).await.unwrap();
    assert!(!claimed.is_empty());
    assert!(store.take_lease("mailbox:test").await.unwrap());
    store.release_lease("mailbox:test").await.unwrap();
    store.probe_write().await.unwrap();
    assert!(!woke(&timers).await, "housekeeping woke the timer worker");
    assert!(!woke(&outbox).await, "housekeeping woke the outbox worker");
    let first = &claimed[0];
    store.record_delivery(first.id, Delivery::Done { status: "sent", provider_id: Some("SM1".into()) }).await.unwrap();
    assert!(woke(&outbox).await, "a delivery's result frees the recipient's next message: it wakes");
}
contract_test!(only_commits_that_may_give_work_wake_the_workers);

async fn a_lease_is_one_nodes_at_a_time(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let other = db.open(clock.clone()).await;
    assert!(store.take_lease("mailbox:sales").await.unwrap());
    assert!(store.take_lease("mailbox:sales").await.unwrap(), "a node keeps its own lease");
    assert!(!other.take_lease("mailbox:sales").await.unwrap(), "not while its holder lives");
    assert!(other.take_lease("mailbox:support").await.unwrap(), "another lease is free");
    clock.advance(SignedDuration::from_secs(6));
    other.heartbeat().await.unwrap();
    assert!(other.take_lease("mailbox:sales").await.unwrap(), "the holder stopped beating: taken over");
    store.heartbeat().await.unwrap();
    assert!(!store.take_lease("mailbox:sales").await.unwrap(), "and the old holder no longer has it");
    other.release_lease("mailbox:sales").await.unwrap();
    assert!(store.take_lease("mailbox:sales").await.unwrap(), "given back: free at once");
    other.close().await;
}
contract_test!(a_lease_is_one_nodes_at_a_time, with_db);
