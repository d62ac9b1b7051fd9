//! 4. Listing (pagination, filters, search); 5. patch_lead; 6. log_activity, the first
//! response and the timeline's order.

use crate::helpers::*;

// 4. Listing: pagination, filters, search
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn list_pagination_walks_every_lead_exactly_once(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let mut created = Vec::new();
    for i in 0..53 {
        created.push(create(&store, &clock, person(Some(&format!("Zákazník {i}")), None, None)).await.id);
    }
    let mut seen: Vec<i64> = Vec::new();
    let mut before = None;
    let mut pages = Vec::new();
    loop {
        let page = store.leads(&LeadFilter { before, limit: 10, ..Default::default() }).await.unwrap();
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 10);
        pages.push(page.len());
        seen.extend(ids(&page));
        before = page.last().map(|l| l.id);
        assert!(pages.len() <= 6, "pagination does not end: {pages:?}");
    }
    assert_eq!(pages, [10, 10, 10, 10, 10, 3]);
    assert!(seen.windows(2).all(|w| w[0] > w[1]), "newest first, no repeats: {seen:?}");
    let mut newest_first = created.clone();
    newest_first.reverse();
    assert_eq!(seen, newest_first, "every lead exactly once");
}
contract_test!(list_pagination_walks_every_lead_exactly_once);

async fn list_filters_by_stage_status_channel_and_owner(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    // A specialist: neither in the consultants' round robin nor in the escalation, so the
    // playbook leaves the leads given to nobody unassigned.
    let jana = store.create_user(new_user("jana", "Jana Nováková", Role::Specialist, None)).await.unwrap();
    let lead =
        |channel: &str, owner: Option<i64>| LeadDraft { channel: Some(channel.into()), owner, ..person(Some("Zákazník"), None, None) };
    let a = create(&store, &clock, lead("web", Some(jana))).await.id;
    let b = create(&store, &clock, lead("phone", None)).await.id;
    let c = create(&store, &clock, lead("email", Some(jana))).await.id;
    let d = create(&store, &clock, lead("web", None)).await.id;
    store.patch_lead(b, LeadPatch { stage: Some("contacted".into()), ..Default::default() }, None).await.unwrap();
    store.patch_lead(c, LeadPatch { stage: Some("won".into()), ..Default::default() }, None).await.unwrap();

    let list = |f: LeadFilter| {
        let store = store.clone();
        // Limit 100 unless the case sets its own.
        let limit = if f.limit == 0 { 100 } else { f.limit };
        async move { ids(&store.leads(&LeadFilter { limit, ..f }).await.unwrap()) }
    };
    assert_eq!(list(LeadFilter::default()).await, [d, c, b, a]);
    assert_eq!(list(LeadFilter { stage: Some("received".into()), ..Default::default() }).await, [d, a]);
    assert_eq!(list(LeadFilter { stage: Some("contacted".into()), ..Default::default() }).await, [b]);
    assert_eq!(list(LeadFilter { stage: Some("offer".into()), ..Default::default() }).await, Vec::<i64>::new());
    assert_eq!(list(LeadFilter { status: Some("won".into()), ..Default::default() }).await, [c]);
    assert_eq!(list(LeadFilter { status: Some("open".into()), ..Default::default() }).await, [d, b, a]);
    assert_eq!(list(LeadFilter { channel: Some("web".into()), ..Default::default() }).await, [d, a]);
    assert_eq!(list(LeadFilter { channel: Some("phone".into()), ..Default::default() }).await, [b]);
    assert_eq!(list(LeadFilter { owner: Some(Some(jana)), ..Default::default() }).await, [c, a]);
    assert_eq!(list(LeadFilter { owner: Some(None), ..Default::default() }).await, [d, b], "None = unassigned");
    assert_eq!(list(LeadFilter { owner: Some(Some(jana + 1000)), ..Default::default() }).await, Vec::<i64>::new());
    assert_eq!(list(LeadFilter { channel: Some("web".into()), owner: Some(None), ..Default::default() }).await, [d], "filters combine");
    assert_eq!(list(LeadFilter { limit: 2, ..Default::default() }).await, [d, c], "limit");
}
contract_test!(list_filters_by_stage_status_channel_and_owner);

async fn search_ignores_case_and_diacritics(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let jana = create(&store, &clock, person(Some("Jana Nováková"), Some("777 123 456"), None)).await.id;
    let petr = create(&store, &clock, person(Some("Petr Novák"), None, Some("petr@example.cz"))).await.id;
    let eva =
        create(&store, &clock, LeadDraft { subject: Some("Střešní OKNA".into()), ..person(Some("Eva Svobodová"), None, None) }).await.id;

    let search = |q: &str| {
        let store = store.clone();
        let q = q.to_owned();
        async move { ids(&store.leads(&LeadFilter { query: Some(q), limit: 100, ..Default::default() }).await.unwrap()) }
    };
    assert_eq!(search("novakova").await, [jana]);
    assert_eq!(search("NOVÁKOVÁ").await, [jana]);
    assert_eq!(search("Nováková").await, [jana]);
    assert_eq!(search("novak").await, [petr, jana]);
    assert_eq!(search("jana novak").await, [jana], "every term must match");
    assert_eq!(search("strešni okna").await, [eva], "subjects are searched, folded");
    assert_eq!(search("777123456").await, [jana], "phones are searched");
    assert_eq!(search("PETR@EXAMPLE").await, [petr], "e-mails are searched");
    assert_eq!(search("svobodova novakova").await, Vec::<i64>::new());
    assert_eq!(search("dvořák").await, Vec::<i64>::new());
}
contract_test!(search_ignores_case_and_diacritics);

async fn search_finds_a_lead_by_its_contact(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let first = create(&store, &clock, person(Some("Jana Nováková"), Some("777 123 456"), Some("jana@example.cz"))).await;
    // The same person again, this time giving only her phone: the lead is listed as hers …
    let second = create(&store, &clock, person(None, Some("+420777123456"), None)).await;
    assert_eq!(second.contact_id, first.contact_id);
    assert_eq!(store.lead(second.id).await.unwrap().contact.name.as_deref(), Some("Jana Nováková"));
    // … so searching for her finds it, before and after any edit of the lead.
    let search = |q: &str| {
        let store = store.clone();
        let q = q.to_owned();
        async move { ids(&store.leads(&LeadFilter { query: Some(q), limit: 100, ..Default::default() }).await.unwrap()) }
    };
    assert_eq!(search("novakova").await, [second.id, first.id]);
    assert_eq!(search("jana@example").await, [second.id, first.id]);
    let patch = LeadPatch { subject: Some(Some(Line::parse("Okna", 300).unwrap())), ..Default::default() };
    store.patch_lead(second.id, patch, None).await.unwrap();
    assert_eq!(search("novakova").await, [second.id, first.id]);
    assert_eq!(search("novakova okna").await, [second.id]);
}
contract_test!(search_finds_a_lead_by_its_contact);

async fn search_matches_wildcards_literally(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let subject = |s: &str| LeadDraft { subject: Some(s.into()), ..person(Some("Zákazník"), None, None) };
    let percent = create(&store, &clock, subject("Sleva 50% na okna")).await.id;
    let _fifty = create(&store, &clock, subject("Sleva 50 na okna")).await.id;
    let _five_thousand = create(&store, &clock, subject("Sleva 5000 na dveře")).await.id;
    let underscore = create(&store, &clock, subject("kód a_b")).await.id;
    let _axb = create(&store, &clock, subject("kód axb")).await.id;
    let _backslash = create(&store, &clock, subject("cesta c:x")).await.id;

    let search = |q: &str| {
        let store = store.clone();
        let q = q.to_owned();
        async move { ids(&store.leads(&LeadFilter { query: Some(q), limit: 100, ..Default::default() }).await.unwrap()) }
    };
    assert_eq!(search("50%").await, [percent]);
    assert_eq!(search("%").await, [percent], "`%` is a character, not a wildcard");
    assert_eq!(search("5%0").await, Vec::<i64>::new());
    assert_eq!(search("a_b").await, [underscore], "`_` is a character, not a wildcard");
    assert_eq!(search("_").await, [underscore]);
    assert_eq!(search("c:\\x").await, Vec::<i64>::new(), "`\\` is a character, not an escape");
    assert_eq!(search("sleva").await.len(), 3);
}
contract_test!(search_matches_wildcards_literally);

/// The search by parts of words (on SQLite through the trigram index of migration 19, on
/// PostgreSQL through `LIKE`, with pg_trgm's index where it is installed): a part inside a word,
/// terms of one or two characters beside longer ones, a quote that is text, not query syntax,
/// and the index following an edit.
async fn search_finds_parts_of_words_and_follows_edits(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let jana = create(&store, &clock, person(Some("Jana Nováková"), Some("777 123 456"), None)).await.id;
    let quoted =
        create(&store, &clock, LeadDraft { subject: Some("Okna \"Premium\" AND dveře".into()), ..person(Some("Ota Su"), None, None) })
            .await
            .id;
    let search = |q: &str| {
        let store = store.clone();
        let q = q.to_owned();
        async move {
            let f = LeadFilter { query: Some(q), limit: 100, ..Default::default() };
            let found = ids(&store.leads(&f).await.unwrap());
            assert_eq!(store.count_leads(&f).await.unwrap(), found.len() as i64, "the count agrees with the list");
            found
        }
    };
    assert_eq!(search("vako").await, [jana], "a part inside a word");
    assert_eq!(search("ja vako").await, [jana], "a two-character term beside a longer one");
    assert_eq!(search("su").await, [quoted], "a two-character term alone");
    assert_eq!(search("o").await, [quoted, jana], "one character");
    assert_eq!(search("\"premium\"").await, [quoted], "quotes are text");
    assert_eq!(search("\"premium").await, [quoted]);
    assert_eq!(search("premium\" OR \"jana").await, Vec::<i64>::new(), "no query syntax: every term must match");
    assert_eq!(search("and").await, [quoted], "an operator's name is a word like any other");
    assert_eq!(search("NEAR(okna").await, Vec::<i64>::new());
    assert_eq!(search("23 456").await, [jana], "digits");
    // The index follows an edit of the searched text, old words gone, new ones found.
    let patch = LeadPatch { subject: Some(Some(Line::parse("Střecha", 300).unwrap())), ..Default::default() };
    store.patch_lead(quoted, patch, None).await.unwrap();
    assert_eq!(search("premium").await, Vec::<i64>::new());
    assert_eq!(search("strech").await, [quoted]);
}
contract_test!(search_finds_parts_of_words_and_follows_edits);

// ═══════════════════════════════════════════════════════════════════════════════════════════
// 5. patch_lead
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn patch_stage_owner_and_status_are_events_in_the_timeline(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let jana = store.create_user(new_user("jana", "Jana Nováková", Role::Manager, None)).await.unwrap();
    let petr = store.create_user(new_user("petr", "Petr Dvořák", Role::Consultant, None)).await.unwrap();
    let eva = store.create_user(new_user("eva", "Eva Malá", Role::Consultant, None)).await.unwrap();
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    // The round robin gave it to Petr, the first consultant.
    assert_eq!(store.lead(id).await.unwrap().owner.map(|o| o.id), Some(petr));
    let created = store.timeline(id).await.unwrap().len();
    let outbox_before = store.outbox(id).await.unwrap().len();

    clock.advance(mins(1));
    store.patch_lead(id, LeadPatch { stage: Some("contacted".into()), ..Default::default() }, Some(jana)).await.unwrap();
    clock.advance(mins(1));
    store.patch_lead(id, LeadPatch { owner: Some(Some(eva)), ..Default::default() }, Some(jana)).await.unwrap();
    clock.advance(mins(1));
    store.patch_lead(id, LeadPatch { status: Some(LeadStatus::Junk), ..Default::default() }, Some(jana)).await.unwrap();
    clock.advance(mins(1));
    store.patch_lead(id, LeadPatch { owner: Some(None), ..Default::default() }, Some(jana)).await.unwrap();
    // A patch that changes nothing writes nothing.
    store.patch_lead(id, LeadPatch { stage: Some("contacted".into()), ..Default::default() }, Some(jana)).await.unwrap();
    store.patch_lead(id, LeadPatch { owner: Some(None), ..Default::default() }, Some(jana)).await.unwrap();

    let lead = store.lead(id).await.unwrap();
    assert_eq!(lead.stage, "contacted");
    assert_eq!(lead.status, "junk");
    assert_eq!(lead.owner, None);
    assert_eq!(lead.updated_at, start() + mins(4));

    // Closing the lead (junk) cancelled its open task: the playbook's reaction, in the same
    // transaction and with the same actor.
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(
        kinds_since(&timeline, created),
        ["lead.stage_changed", "lead.assigned", "lead.status_changed", "task.cancelled", "lead.assigned"]
    );
    let changes = &timeline[created..];
    assert_eq!(changes[0].data, json!({ "from": "received", "to": "contacted" }));
    assert_eq!(changes[1].data, json!({ "from": petr, "owner": eva }));
    assert_eq!(changes[2].data, json!({ "from": "open", "to": "junk" }));
    assert_eq!(changes[3].data["reason"], "the lead was closed (junk)");
    assert_eq!(changes[4].data, json!({ "from": eva, "owner": null }));
    let jana_ref = Some(UserRef { id: jana, name: "Jana Nováková".into() });
    for e in changes {
        assert_eq!(e.actor, jana_ref, "{}", e.kind);
    }
    let at: Vec<Timestamp> = changes.iter().map(|e| e.at).collect();
    assert_eq!(at, [start() + mins(1), start() + mins(2), start() + mins(3), start() + mins(3), start() + mins(4)]);

    // The new owner was told (once); a closed lead needs no task, no SLA and no escalation.
    let outbox = store.outbox(id).await.unwrap();
    assert_eq!(outbox.len(), outbox_before + 1, "{outbox:?}");
    let assigned: Vec<_> = outbox.iter().filter(|o| o.kind == "lead.assigned").collect();
    assert_eq!(assigned.len(), 1, "{outbox:?}");
    assert_eq!(assigned[0].recipient_user, Some(eva));
    assert_eq!(assigned[0].channel, "in_app");
    assert_eq!(assigned[0].created_at, start() + mins(2));
    let tasks = tasks_of(&store, id).await;
    assert_eq!(tasks.iter().map(|t| (t.task.as_str(), t.status.as_str())).collect::<Vec<_>>(), [("first_call", "cancelled")]);
    assert_eq!(tasks[0].done_at, Some(start() + mins(3)));
    assert_eq!(
        timer_states(&store, id).await,
        kind_status(&[(SLA_WARN, "cancelled"), (SLA_BREACH, "cancelled"), (NO_REACTION, "cancelled")])
    );
    assert_eq!(store.next_timer_due().await.unwrap(), None);
}
contract_test!(patch_stage_owner_and_status_are_events_in_the_timeline);

async fn patch_stage_won_implies_status_won(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    let created = store.timeline(id).await.unwrap().len();
    clock.advance(mins(1));
    store.patch_lead(id, LeadPatch { stage: Some("won".into()), ..Default::default() }, None).await.unwrap();
    let lead = store.lead(id).await.unwrap();
    assert_eq!((lead.stage.as_str(), lead.status.as_str()), ("won", "won"));
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(kinds_since(&timeline, created), ["lead.stage_changed", "lead.status_changed", "task.cancelled"]);
    assert_eq!(timeline[created].data, json!({ "from": "received", "to": "won" }));
    assert_eq!(timeline[created + 1].data, json!({ "from": "open", "to": "won" }));
    // Entering a closing stage closes the lead: its tasks and timers are cancelled.
    assert_eq!(timeline[created + 2].data["reason"], "the lead was closed (won)");
    assert!(tasks_of(&store, id).await.iter().all(|t| t.status == "cancelled" && t.done_at == Some(start() + mins(1))));
    assert_eq!(timer_states(&store, id).await, kind_status(&[(SLA_WARN, "cancelled"), (SLA_BREACH, "cancelled")]));

    // An explicit status wins over the one a stage implies.
    let other = create(&store, &clock, person(Some("Jiný"), Some("777 999 888"), None)).await.id;
    store
        .patch_lead(other, LeadPatch { stage: Some("lost".into()), status: Some(LeadStatus::Junk), ..Default::default() }, None)
        .await
        .unwrap();
    let lead = store.lead(other).await.unwrap();
    assert_eq!((lead.stage.as_str(), lead.status.as_str()), ("lost", "junk"));
    assert_eq!(timer_states(&store, other).await, kind_status(&[(SLA_WARN, "cancelled"), (SLA_BREACH, "cancelled")]));
    assert_eq!(store.next_timer_due().await.unwrap(), None, "no timer of a closed lead is left to fire");
}
contract_test!(patch_stage_won_implies_status_won);

async fn patch_other_fields_update_the_search(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let id = create(&store, &clock, person(Some("Zákazník"), None, Some("z@example.cz"))).await.id;
    let created = store.timeline(id).await.unwrap().len();
    let patch = LeadPatch { subject: Some(Some(Line::parse("Zimní zahrada", 300).unwrap())), ..Default::default() };
    store.patch_lead(id, patch, None).await.unwrap();
    assert_eq!(store.lead(id).await.unwrap().subject.as_deref(), Some("Zimní zahrada"));
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(kinds_since(&timeline, created), ["lead.updated"]);
    assert_eq!(timeline[created].data, json!({ "subject": { "from": null, "to": "Zimní zahrada" } }));
    let found = store.leads(&LeadFilter { query: Some("zimni".into()), limit: 10, ..Default::default() }).await.unwrap();
    assert_eq!(ids(&found), [id]);
}
contract_test!(patch_other_fields_update_the_search);

async fn patch_rejects_unknown_owner_and_unknown_lead(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    let timeline = store.timeline(id).await.unwrap();
    let timers = store.timers(id).await.unwrap();
    let tasks = tasks_of(&store, id).await;
    clock.advance(mins(1));
    let err = store
        .patch_lead(id, LeadPatch { owner: Some(Some(424_242)), stage: Some("offer".into()), ..Default::default() }, None)
        .await
        .unwrap_err();
    match err {
        StoreError::Invalid(e) => assert_eq!(e.0[0].field, "owner", "{e}"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    let lead = store.lead(id).await.unwrap();
    assert_eq!((lead.owner, lead.stage.as_str()), (None, "received"), "nothing of the failed patch was kept");
    assert_eq!(lead.updated_at, start());
    assert_eq!(store.timeline(id).await.unwrap(), timeline, "no event");
    assert_eq!(store.timers(id).await.unwrap(), timers, "no timer set or cancelled");
    assert_eq!(tasks_of(&store, id).await, tasks, "no task created or cancelled");
    // A stage the lead's playbook does not know is invalid too.
    let err = store.patch_lead(id, LeadPatch { stage: Some("paid".into()), ..Default::default() }, None).await.unwrap_err();
    match err {
        StoreError::Invalid(e) => assert_eq!(e.0[0].field, "stage", "{e}"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert_eq!(store.timeline(id).await.unwrap(), timeline);

    let err = store.patch_lead(id + 1000, LeadPatch { stage: Some("offer".into()), ..Default::default() }, None).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}
contract_test!(patch_rejects_unknown_owner_and_unknown_lead);

async fn unknown_ids_are_not_found(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    let missing = id + 1000;
    assert!(matches!(store.lead(missing).await, Err(StoreError::NotFound)));
    assert!(matches!(store.timeline(missing).await, Err(StoreError::NotFound)));
    assert!(matches!(store.activities(missing).await, Err(StoreError::NotFound)));
    assert!(matches!(store.contact(missing).await, Err(StoreError::NotFound)));
    assert!(matches!(store.user(missing).await, Err(StoreError::NotFound)));
    assert!(matches!(store.log_activity(missing, reached_call(&clock), None).await, Err(StoreError::NotFound)));
    assert!(matches!(store.create_token(missing, "t".into(), "h".into()).await, Err(StoreError::NotFound)));
}
contract_test!(unknown_ids_are_not_found);

// ═══════════════════════════════════════════════════════════════════════════════════════════
// 6. log_activity, first response, timeline order
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn an_outgoing_reached_call_is_the_first_response(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    let created = store.timeline(id).await.unwrap().len();
    clock.advance(mins(2));
    // An unanswered call is an attempt, not a response: the SLA keeps running, and the call
    // task is done with that outcome, so the playbook schedules the next attempt in 5 minutes.
    store.log_activity(id, activity(&clock, "call", Some("out"), Some("no_answer"), None), None).await.unwrap();
    assert_eq!(store.lead(id).await.unwrap().first_response_at, None);
    assert_eq!(
        timers_of(&store, id).await,
        [
            (SLA_WARN.to_owned(), start() + mins(5), "pending".to_owned()),
            (SLA_BREACH.to_owned(), start() + mins(10), "pending".to_owned()),
            ("retry:first_call".to_owned(), start() + mins(7), "pending".to_owned()),
        ]
    );
    let attempt = store.timeline(id).await.unwrap().len();

    clock.advance(mins(1));
    let call = store.log_activity(id, reached_call(&clock), None).await.unwrap();
    let lead = store.lead(id).await.unwrap();
    assert_eq!(lead.first_response_at, Some(start() + mins(3)));
    assert_eq!(lead.updated_at, start() + mins(3));
    assert_eq!(lead.stage, "contacted", "the playbook moves a lead that was reached to its first contact");
    // The response meets the SLA: its timers (and the next attempt's) are cancelled.
    assert_eq!(
        timer_states(&store, id).await,
        kind_status(&[(SLA_WARN, "cancelled"), (SLA_BREACH, "cancelled"), ("retry:first_call", "cancelled")])
    );
    assert_eq!(store.next_timer_due().await.unwrap(), None);

    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(kinds(&timeline[created..attempt]), ["activity.logged", "task.completed", "task.retry_scheduled", "task.created"]);
    assert_eq!(timeline[created].data["outcome"], "no_answer");
    assert_eq!(timeline[created + 1].data["outcome"], "no_answer");
    assert_eq!(
        kinds_since(&timeline, attempt),
        // The call is the open second attempt: it is done with it.
        ["activity.logged", "lead.first_response", "sla.met", "playbook.rule", "lead.stage_changed", "task.completed"]
    );
    let response = &timeline[attempt..];
    assert_eq!(response[0].data["outcome"], "reached");
    assert_eq!(response[0].data["direction"], "out");
    assert_eq!(response[1].data, json!({ "activity_id": call }));
    assert_eq!(response[2].data, json!({ "sla": "first_response", "how": "met" }));
    assert!(response.iter().all(|e| e.at == start() + mins(3)));
}
contract_test!(an_outgoing_reached_call_is_the_first_response);

async fn a_second_response_keeps_the_first_response_time(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    clock.advance(mins(4));
    store.log_activity(id, reached_call(&clock), None).await.unwrap();
    clock.advance(mins(30));
    store.log_activity(id, activity(&clock, "email", Some("out"), None, Some("Posílám nabídku")), None).await.unwrap();
    clock.advance(mins(30));
    store.log_activity(id, reached_call(&clock), None).await.unwrap();

    let lead = store.lead(id).await.unwrap();
    assert_eq!(lead.first_response_at, Some(start() + mins(4)));
    assert_eq!(lead.updated_at, start() + mins(64));
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(events_of(&timeline, "lead.first_response").len(), 1);
    assert_eq!(events_of(&timeline, "activity.logged").len(), 3);
    let met = events_of(&timeline, "sla.met");
    assert_eq!(met.len(), 1, "the SLA is met once");
    assert_eq!(met[0].at, start() + mins(4));
    assert_eq!(store.activities(id).await.unwrap().len(), 3);
    assert_eq!(timer_states(&store, id).await, kind_status(&[(SLA_WARN, "cancelled"), (SLA_BREACH, "cancelled")]));
    assert!(store.timers(id).await.unwrap().iter().all(|t| t.status == "cancelled"));
}
contract_test!(a_second_response_keeps_the_first_response_time);

async fn a_response_dated_before_arrival_counts_from_arrival(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    clock.advance(mins(20));
    // Logged late, dated (by the client) a minute before the lead arrived.
    let early = ActivityDraft {
        kind: Some("sms".into()),
        direction: Some("out".into()),
        at: Some((start() - mins(1)).to_string()),
        ..Default::default()
    }
    .parse(clock.now())
    .unwrap();
    store.log_activity(id, early, None).await.unwrap();
    let lead = store.lead(id).await.unwrap();
    assert_eq!(lead.first_response_at, Some(start()), "never before received_at");
    assert_eq!(store.activities(id).await.unwrap()[0].at, start() - mins(1), "the activity keeps its own time");
}
contract_test!(a_response_dated_before_arrival_counts_from_arrival);

async fn a_note_is_not_a_response(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    let created = store.timeline(id).await.unwrap().len();
    let tasks = tasks_of(&store, id).await;
    clock.advance(mins(1));
    let note = store.log_activity(id, activity(&clock, "note", None, None, Some("Volat po 16h")), None).await.unwrap();
    let email_in = store.log_activity(id, activity(&clock, "email", Some("in"), None, None), None).await.unwrap();

    let lead = store.lead(id).await.unwrap();
    assert_eq!(lead.first_response_at, None);
    assert_eq!(lead.stage, "received");
    // Nothing the playbook waits for happened: the SLA runs on, the call task stays open.
    assert_eq!(timer_states(&store, id).await, kind_status(&[(SLA_WARN, "pending"), (SLA_BREACH, "pending")]));
    assert_eq!(tasks_of(&store, id).await, tasks);
    assert_eq!(tasks[0].status, "open");
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(kinds_since(&timeline, created), ["activity.logged", "activity.logged"]);
    let acts = store.activities(id).await.unwrap();
    assert_eq!(ids_of(&acts), [note, email_in]);
    assert_eq!(acts[0].kind, "note");
    assert_eq!(acts[0].body.as_deref(), Some("Volat po 16h"));
    assert_eq!(acts[0].at, start() + mins(1));
}
contract_test!(a_note_is_not_a_response);

async fn timeline_is_oldest_first(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let jana = store.create_user(user_with_phone("jana", "Jana", Role::Consultant, "603 111 222")).await.unwrap();
    let petr = store.create_user(user_with_phone("petr", "Petr", Role::Consultant, "603 333 444")).await.unwrap();
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    assert_eq!(store.lead(id).await.unwrap().owner.map(|o| o.id), Some(jana));
    clock.advance(mins(1));
    store.patch_lead(id, LeadPatch { owner: Some(Some(petr)), ..Default::default() }, Some(petr)).await.unwrap();
    clock.advance(mins(1));
    store.log_activity(id, reached_call(&clock), Some(petr)).await.unwrap();
    clock.advance(mins(1));
    store.patch_lead(id, LeadPatch { stage: Some("offer".into()), ..Default::default() }, Some(petr)).await.unwrap();
    // Another lead's events never show up here.
    create(&store, &clock, person(Some("Jiný"), Some("777 999 888"), None)).await;

    let timeline = store.timeline(id).await.unwrap();
    let mut expected: Vec<&str> = RECEIVED_AND_ASSIGNED.to_vec();
    // Taken over by Petr; his call reaches the customer: the escalation and the SLA end, the
    // playbook moves the lead to its first contact, and the call task is done (reached); then
    // Petr moves the lead on.
    expected.extend([
        "lead.assigned",
        "activity.logged",
        "lead.first_response",
        "escalation.stopped",
        "sla.met",
        "playbook.rule",
        "lead.stage_changed",
        "task.completed",
        "lead.stage_changed",
    ]);
    assert_eq!(kinds(&timeline), expected);
    let at: Vec<Timestamp> = timeline.iter().map(|e| e.at).collect();
    let mut expected_at = vec![start(); RECEIVED_AND_ASSIGNED.len()];
    expected_at.push(start() + mins(1));
    expected_at.extend([start() + mins(2); 7]);
    expected_at.push(start() + mins(3));
    assert_eq!(at, expected_at);
    assert!(timeline.windows(2).all(|w| w[0].id < w[1].id), "oldest first");
    assert!(timeline.iter().all(|e| e.lead_id == Some(id)));
    let n = timeline.len();
    assert_eq!(timeline[n - 3].data, json!({ "from": "received", "to": "contacted", "by": "playbook" }));
    assert_eq!(timeline[n - 2].data["outcome"], "reached");
    assert_eq!(timeline[n - 1].data, json!({ "from": "contacted", "to": "offer" }));
    // The activity remembers who logged it.
    assert_eq!(store.activities(id).await.unwrap()[0].user, Some(UserRef { id: petr, name: "Petr".into() }));
}
contract_test!(timeline_is_oldest_first);

// ═══════════════════════════════════════════════════════════════════════════════════════════
