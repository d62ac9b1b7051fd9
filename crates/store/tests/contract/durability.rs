//! 8. Durability across close and reopen; 9. group commit under concurrency.

use crate::helpers::*;

// 8. Durability
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn data_survives_close_and_reopen(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let user = store.create_user(new_user("jana", "Jana", Role::Consultant, Some("hash"))).await.unwrap();
    store.create_token(user, "ci".into(), "sha256:tok".into()).await.unwrap();
    let created = store
        .create_lead(parse(&clock, person(Some("Zákazník"), Some("777 123 456"), None)), Some(user), idem("user:1", "k", "fp"))
        .await
        .unwrap();
    clock.advance(mins(3));
    store.log_activity(created.id, reached_call(&clock), Some(user)).await.unwrap();
    let lead = store.lead(created.id).await.unwrap();
    let timeline = store.timeline(created.id).await.unwrap();
    let contact = store.contact(created.contact_id).await.unwrap();
    let timers = store.timers(created.id).await.unwrap();
    let outbox = store.outbox(created.id).await.unwrap();
    store.close().await;
    assert!(
        store.create_lead(parse(&clock, person(Some("Po zavření"), None, None)), None, None).await.is_err(),
        "a closed store takes no writes"
    );

    let reopened = db.open(clock.clone()).await;
    assert_eq!(reopened.lead(created.id).await.unwrap(), lead);
    assert_eq!(reopened.timeline(created.id).await.unwrap(), timeline);
    assert_eq!(reopened.contact(created.contact_id).await.unwrap(), contact);
    assert_eq!(reopened.timers(created.id).await.unwrap(), timers);
    assert_eq!(reopened.outbox(created.id).await.unwrap(), outbox);
    assert_eq!(reopened.user_by_login("jana").await.unwrap().1.as_deref(), Some("hash"));
    assert_eq!(reopened.user_by_token_hash("sha256:tok").await.unwrap().id, user);
    // What the first store remembered still holds: the idempotency key and the contact.
    let again = reopened
        .create_lead(parse(&clock, person(Some("Zákazník"), Some("777 123 456"), None)), Some(user), idem("user:1", "k", "fp"))
        .await
        .unwrap();
    assert_eq!((again.id, again.created), (created.id, false));
    let next = reopened.create_lead(parse(&clock, person(None, Some("777123456"), None)), None, None).await.unwrap();
    assert!(next.id > created.id);
    assert_eq!(next.contact_id, created.contact_id);
    reopened.close().await;

    // And once more, with what the second store wrote.
    let third = db.open(clock).await;
    assert_eq!(third.leads(&all(100)).await.unwrap().len(), 2);
    third.close().await;
}
contract_test!(data_survives_close_and_reopen, with_db);

// ═══════════════════════════════════════════════════════════════════════════════════════════
// 9. Group commit under concurrency
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn group_commit_200_concurrent_leads(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    // Two consultants share the leads by round robin; each lead's playbook run (owner, task,
    // notifications, timers, the consultants' task counters) commits with it.
    let jana = store.create_user(user_with_phone("jana", "Jana", Role::Consultant, "603 111 222")).await.unwrap();
    let petr = store.create_user(user_with_phone("petr", "Petr", Role::Consultant, "603 333 444")).await.unwrap();
    let mut tasks = Vec::new();
    for i in 0..200 {
        let lead = parse(&clock, person(Some(&format!("Zákazník {i}")), Some(&format!("777 100 {i:03}")), None));
        let store = store.clone();
        tasks.push(tokio::spawn(async move { store.create_lead(lead, None, None).await }));
    }
    let mut lead_ids = HashSet::new();
    for task in tasks {
        let created = task.await.unwrap().expect("every concurrent create_lead succeeds");
        assert!(created.created && created.contact_is_new);
        lead_ids.insert(created.id);
    }
    assert_eq!(lead_ids.len(), 200, "200 distinct ids");
    let listed = store.leads(&all(1000)).await.unwrap();
    assert_eq!(ids(&listed).into_iter().collect::<HashSet<i64>>(), lead_ids);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM events WHERE kind = 'lead.received'").await, 200);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM events WHERE kind = 'lead.assigned'").await, 200);
    // Per lead: an SMS to its consultant and a reminder in the app; the SLA's two timers and
    // the escalation's; one open call task.
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM outbox").await, 400);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM outbox WHERE channel = 'sms' AND kind = 'new_lead'").await, 200);
    assert_eq!(db.count_raw("SELECT COUNT(DISTINCT idempotency_key) FROM outbox").await, 400);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM timers WHERE status = 'pending'").await, 600);
    assert_eq!(db.count_raw(&format!("SELECT COUNT(*) FROM timers WHERE kind = '{SLA_BREACH}' AND status = 'pending'")).await, 200);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM tasks WHERE status = 'open'").await, 200);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM contacts").await, 200);
    // Every lead has an owner, its task is the owner's, and the counters agree with the tasks.
    let owned_by = |user: i64| listed.iter().filter(|l| l.owner.as_ref().map(|o| o.id) == Some(user)).count() as i64;
    assert_eq!(owned_by(jana) + owned_by(petr), 200, "every lead went to a consultant");
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM tasks t JOIN leads l ON l.id = t.lead_id WHERE t.assignee_id = l.owner_id").await, 200);
    assert_eq!(store.user(jana).await.unwrap().open_tasks, owned_by(jana));
    assert_eq!(store.user(petr).await.unwrap().open_tasks, owned_by(petr));
    for id in lead_ids.iter().take(20) {
        assert_eq!(kinds(&store.timeline(*id).await.unwrap()), RECEIVED_AND_ASSIGNED, "lead {id}");
        assert_eq!(store.timers(*id).await.unwrap().len(), 3, "lead {id}");
    }
}
contract_test!(group_commit_200_concurrent_leads, with_db);

async fn group_commit_isolates_failing_commands(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    // A specialist: outside the consultants' round robin and the escalation, so the leads
    // given to nobody stay unassigned.
    let owner = store.create_user(new_user("jana", "Jana", Role::Specialist, None)).await.unwrap();
    let bad = |i: usize| i % 23 == 5;
    let mut tasks = Vec::new();
    for i in 0..200 {
        let draft = LeadDraft {
            owner: if bad(i) {
                Some(owner + 10_000)
            } else if i % 2 == 0 {
                Some(owner)
            } else {
                None
            },
            ..person(Some(&format!("Zákazník {i}")), None, Some(&format!("z{i}@example.cz")))
        };
        let lead = parse(&clock, draft);
        let store = store.clone();
        tasks.push((i, tokio::spawn(async move { store.create_lead(lead, None, None).await })));
    }
    let mut ok = HashSet::new();
    let mut failed = 0;
    for (i, task) in tasks {
        match task.await.unwrap() {
            Ok(created) => {
                assert!(!bad(i), "lead {i} with an unknown owner was accepted");
                ok.insert(created.id);
            }
            Err(StoreError::Invalid(e)) => {
                assert!(bad(i), "lead {i} failed: {e}");
                assert_eq!(e.0[0].field, "owner");
                failed += 1;
            }
            Err(e) => panic!("lead {i}: unexpected error {e:?}"),
        }
    }
    let expected_bad = (0..200).filter(|i| bad(*i)).count();
    let expected_owned = (0..200).filter(|i| !bad(*i) && i % 2 == 0).count();
    assert_eq!(failed, expected_bad);
    assert_eq!(ok.len(), 200 - expected_bad);
    let listed: HashSet<i64> = ids(&store.leads(&all(1000)).await.unwrap()).into_iter().collect();
    assert_eq!(listed, ok, "every good lead is stored, no bad one");
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM events WHERE kind = 'lead.received'").await, ok.len() as i64);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM contacts").await, ok.len() as i64, "failed commands leave no contact");
    // What the playbook wrote, only for the good leads: one e-mail task each, the SLA's two
    // timers each, the customer's acknowledgement each (they left an e-mail), and for an owned
    // lead the escalation's timer and two notifications.
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM tasks WHERE task = 'first_email'").await, ok.len() as i64);
    assert_eq!(db.count_raw("SELECT COUNT(DISTINCT lead_id) FROM tasks").await, ok.len() as i64);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM timers").await, (2 * ok.len() + expected_owned) as i64);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM outbox").await, (2 * expected_owned + ok.len()) as i64);
    assert_eq!(db.count_raw(&format!("SELECT COUNT(*) FROM outbox WHERE recipient_user = {owner}")).await, 2 * expected_owned as i64);
    assert_eq!(store.user(owner).await.unwrap().open_tasks, expected_owned as i64);
    let owned = store.leads(&LeadFilter { owner: Some(Some(owner)), limit: 1000, ..Default::default() }).await.unwrap();
    assert_eq!(owned.len(), expected_owned);
    let unassigned = store.leads(&LeadFilter { owner: Some(None), limit: 1000, ..Default::default() }).await.unwrap();
    assert_eq!(unassigned.len(), ok.len() - expected_owned);
}
contract_test!(group_commit_isolates_failing_commands, with_db);

async fn concurrent_leads_of_one_person_make_one_contact(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let notations = ["+420 777 123 456", "777123456", "00420 777-123-456", "777 123 456"];
    let mut tasks = Vec::new();
    for i in 0..40 {
        let lead = parse(&clock, person(Some("Jana Nováková"), Some(notations[i % notations.len()]), None));
        let store = store.clone();
        tasks.push(tokio::spawn(async move { store.create_lead(lead, None, None).await }));
    }
    let mut contacts = HashSet::new();
    let mut new_contacts = 0;
    for task in tasks {
        let created = task.await.unwrap().unwrap();
        contacts.insert(created.contact_id);
        new_contacts += usize::from(created.contact_is_new);
    }
    assert_eq!(contacts.len(), 1, "one person, one contact");
    assert_eq!(new_contacts, 1, "exactly one lead created the contact");
    let contact = store.contact(*contacts.iter().next().unwrap()).await.unwrap();
    assert_eq!(contact.leads.len(), 40);
}
contract_test!(concurrent_leads_of_one_person_make_one_contact);

async fn two_stores_on_one_database_agree(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    // Two nodes (two stores, two writers) on one database, writing the same people at once.
    let other = db.open(clock.clone()).await;
    let phones = ["+420 777 100 001", "+420 777 100 002", "+420 777 100 003"];
    let mut tasks = Vec::new();
    for i in 0..60 {
        let node = if i % 2 == 0 { store.clone() } else { other.clone() };
        // Each node walks the people in its own order.
        let phone = if i % 2 == 0 { phones[i % 3] } else { phones[2 - i % 3] };
        let lead = parse(&clock, person(Some("Zákazník"), Some(phone), None));
        let key = idem("user:1", &format!("k-{}", i % 10), "fp");
        let keyed = i < 20;
        tasks.push(tokio::spawn(async move {
            let r = node.create_lead(lead, None, if keyed { key } else { None }).await;
            (phone, keyed, r)
        }));
    }
    let mut contact_of: std::collections::HashMap<&str, HashSet<i64>> = Default::default();
    let mut leads = HashSet::new();
    for task in tasks {
        let (phone, keyed, r) = task.await.unwrap();
        let r = r.unwrap_or_else(|e| panic!("a write on two nodes failed: {e:?}"));
        // A keyed retry answers with the lead of the key's first request, whoever's phone.
        if !keyed {
            contact_of.entry(phone).or_default().insert(r.contact_id);
        }
        leads.insert(r.id);
    }
    for (phone, contacts) in &contact_of {
        assert_eq!(contacts.len(), 1, "{phone} is one contact on both nodes: {contacts:?}");
    }
    assert_eq!(leads.len(), 10 + 40, "20 keyed requests over 10 keys are 10 leads, plus 40 unkeyed");
    assert_eq!(store.leads(&all(1000)).await.unwrap().len(), 50);
    assert_eq!(other.leads(&all(1000)).await.unwrap().len(), 50);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM contacts").await, 3);
    other.close().await;
}
contract_test!(two_stores_on_one_database_agree, with_db);

async fn close_keeps_every_acknowledged_write(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let mut tasks = Vec::new();
    for i in 0..100 {
        let lead = parse(&clock, person(Some(&format!("Zákazník {i}")), None, None));
        let store = store.clone();
        tasks.push(tokio::spawn(async move { store.create_lead(lead, None, None).await }));
    }
    tokio::task::yield_now().await;
    store.close().await;
    let mut acknowledged = HashSet::new();
    for task in tasks {
        match task.await.unwrap() {
            Ok(created) => {
                acknowledged.insert(created.id);
            }
            Err(StoreError::Unavailable(_)) => {}
            Err(e) => panic!("unexpected error while closing: {e:?}"),
        }
    }
    let reopened = db.open(clock).await;
    let stored: HashSet<i64> = ids(&reopened.leads(&all(1000)).await.unwrap()).into_iter().collect();
    assert_eq!(stored, acknowledged, "exactly the acknowledged writes are stored");
    reopened.close().await;
}
contract_test!(close_keeps_every_acknowledged_write, with_db);

// ═══════════════════════════════════════════════════════════════════════════════════════════
