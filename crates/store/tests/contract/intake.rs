//! 1. create_lead and the effects it writes; 2. dedupe of contacts and companies;
//! 3. idempotency.

use crate::helpers::*;

// ═══════════════════════════════════════════════════════════════════════════════════════════
// 1. create_lead and the effects it writes
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn create_lead_writes_lead_event_outbox_and_timer(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    // One consultant, who can take it and be reached by SMS.
    let jana = store.create_user(user_with_phone("jana", "Jana Veselá", Role::Consultant, "603 111 222")).await.unwrap();
    // The lead arrived two minutes before it was stored; its playbook runs when it is stored.
    let received_at = start() - mins(2);
    let draft = LeadDraft {
        subject: Some("Plastová okna".into()),
        message: Some("Dobrý den,\nchtěla bych nabídku.".into()),
        postal_code: Some("110 00".into()),
        source: Some("google".into()),
        received_at: Some(received_at.to_string()),
        extra: vec![("utm_campaign".into(), "jaro".into())],
        ..person(Some("Jana Nováková"), Some("+420 777 123 456"), Some("Jana@Example.cz"))
    };
    let created = store.create_lead(parse(&clock, draft), None, None).await.unwrap();
    assert!(created.created);
    assert!(created.contact_is_new);
    let id = created.id;

    let lead = store.lead(id).await.unwrap();
    assert_eq!(lead.id, id);
    assert_eq!(lead.channel, "web");
    assert_eq!(lead.stage, "received");
    assert_eq!(lead.status, "open");
    assert_eq!(lead.owner, Some(UserRef { id: jana, name: "Jana Veselá".into() }), "the playbook gave it to the consultant");
    assert_eq!(lead.entered_by, None);
    assert_eq!(lead.contact.id, created.contact_id);
    assert_eq!(lead.contact.name.as_deref(), Some("Jana Nováková"));
    assert_eq!(lead.contact.phone.as_deref(), Some("+420777123456"));
    assert_eq!(lead.contact.email.as_deref(), Some("jana@example.cz"));
    assert_eq!(lead.subject.as_deref(), Some("Plastová okna"));
    assert_eq!(lead.message.as_deref(), Some("Dobrý den,\nchtěla bych nabídku."));
    assert_eq!(lead.postal_code.as_deref(), Some("110 00"));
    assert_eq!(lead.source.as_deref(), Some("google"));
    assert_eq!(lead.playbook, crate::harness::PLAYBOOK_NAME, "the default playbook");
    assert_eq!(lead.playbook_version, 1);
    assert_eq!(lead.received_at, received_at);
    assert_eq!(lead.first_response_at, None);
    assert_eq!(lead.created_at, start());
    assert_eq!(lead.updated_at, start());
    assert_eq!(lead.extra, json!({ "utm_campaign": "jaro" }));

    // The timeline: the arrival, then what the playbook decided, in that order.
    // (In office hours the customer, who left an e-mail, is acknowledged last.)
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(kinds(&timeline), [&RECEIVED_AND_ASSIGNED[..], &["playbook.rule", "notification.queued"]].concat());
    assert_eq!(timeline[9].data, json!({ "rule": "acknowledgement", "on": "lead.received" }));
    assert!(timeline.iter().all(|e| e.lead_id == Some(id) && e.at == start() && e.actor.is_none()), "{timeline:?}");
    let received = &timeline[0];
    assert_eq!(received.data["channel"], "web");
    assert_eq!(received.data["contact_id"], created.contact_id);
    assert_eq!(received.data["contact_is_new"], true);
    assert_eq!(received.data["received_at"], received_at.to_string());
    assert_eq!(timeline[1].data, json!({ "rule": "assign", "on": "lead.received" }));
    assert_eq!(timeline[2].data["owner"], jana);
    assert_eq!(timeline[2].data["by"], "playbook");
    // The SLA counts from when the customer wrote (two minutes before it was stored), in
    // working time.
    assert_eq!(timeline[3].data["sla"], "first_response");
    assert_eq!(timeline[3].data["due_at"], "2026-03-02T09:08:00Z");
    assert_eq!(timeline[4].data, json!({ "rule": "call-when-there-is-a-phone", "on": "lead.received" }));

    // The first task: call the customer, now, the consultant's.
    let tasks = tasks_of(&store, id).await;
    assert_eq!(tasks.len(), 1, "{tasks:?}");
    let task = &tasks[0];
    assert_eq!(task.lead_id, id);
    assert_eq!(task.task, "first_call");
    assert_eq!(task.kind, "call");
    assert_eq!(task.assignee, Some(UserRef { id: jana, name: "Jana Veselá".into() }));
    assert_eq!(task.role.as_deref(), Some("consultant"));
    assert_eq!(task.priority, "urgent");
    assert_eq!(task.due_at, start());
    assert_eq!(task.attempt, 1);
    assert_eq!(task.status, "open");
    assert_eq!(task.created_at, start());
    assert_eq!(task.done_at, None);
    assert_eq!(timeline[5].data["task_id"], task.id);
    assert_eq!(timeline[5].data["task"], "first_call");
    assert_eq!(store.user(jana).await.unwrap().open_tasks, 1);

    // The outbox: an urgent SMS to the consultant's phone, and the escalation's first step, a
    // reminder in the app; each with a key that a replay of the same decision would repeat.
    let outbox = store.outbox(id).await.unwrap();
    assert_eq!(outbox.len(), 3, "{outbox:?}");
    let ack = &outbox[2];
    assert_eq!((ack.channel.as_str(), ack.kind.as_str(), ack.recipient_user), ("email", "ack", None));
    assert_eq!(ack.recipient_address.as_deref(), Some("jana@example.cz"));
    assert!(ack.payload["text"].as_str().unwrap().starts_with("Dobrý den, Jana Nováková"), "in Czech, the customers' language");
    let sms = &outbox[0];
    assert_eq!(sms.lead_id, Some(id));
    assert_eq!(sms.channel, "sms");
    assert_eq!(sms.recipient_user, Some(jana));
    assert_eq!(sms.recipient_role, None);
    assert_eq!(sms.recipient_address.as_deref(), Some("+420603111222"));
    assert_eq!(sms.kind, "new_lead");
    assert_eq!(sms.idempotency_key, format!("lead/{id}/received/1/sms/{jana}"));
    assert_eq!(sms.payload["text"], format!("New inquiry: Jana Nováková +420 777 123 456, web — call now. Lead {id}"));
    assert_eq!(sms.payload["urgent"], true);
    assert_eq!(sms.payload["lead_id"], id);
    assert_eq!(sms.status, "queued");
    assert_eq!(sms.attempts, 0);
    assert_eq!(sms.created_at, start());
    let reminder = &outbox[1];
    assert_eq!(reminder.channel, "in_app");
    assert_eq!(reminder.recipient_user, Some(jana));
    assert_eq!(reminder.recipient_address, None);
    assert_eq!(reminder.kind, "reminder");
    assert_eq!(reminder.idempotency_key, format!("lead/{id}/received/2/in_app/{jana}"));
    assert_eq!(reminder.payload["text"], format!("Still waiting for you: Jana Nováková +420 777 123 456 (web). Lead {id}"));
    assert_eq!(reminder.status, "queued");
    assert_eq!(timeline[6].data, json!({ "channel": "sms", "user": jana, "template": "new_lead", "urgent": true }));
    assert_eq!(timeline[7].data["step"], 1);
    assert_eq!(timeline[8].data["template"], "reminder");

    // The timers: the SLA's warning and breach counted from 09:58 Prague time (received), at
    // 10:03 and 10:08; the escalation's next step from 10:00 (when it started), at 10:10.
    let timers = store.timers(id).await.unwrap();
    assert!(timers.iter().all(|t| t.lead_id == Some(id)), "{timers:?}");
    assert_eq!(
        timers_of(&store, id).await,
        [
            (SLA_WARN.to_owned(), ts("2026-03-02T09:03:00Z"), "pending".to_owned()),
            (SLA_BREACH.to_owned(), ts("2026-03-02T09:08:00Z"), "pending".to_owned()),
            (NO_REACTION.to_owned(), ts("2026-03-02T09:10:00Z"), "pending".to_owned()),
        ]
    );
    assert_eq!(store.next_timer_due().await.unwrap(), Some(ts("2026-03-02T09:03:00Z")));

    // The lead is listed, and nothing else was written for anyone else.
    assert_eq!(ids(&store.leads(&all(100)).await.unwrap()), [id]);
    assert_eq!(store.notifications(&Default::default()).await.unwrap().len(), 3);
    assert_eq!(store.tasks(&TaskFilter { limit: 100, ..Default::default() }).await.unwrap().len(), 1);
}
contract_test!(create_lead_writes_lead_event_outbox_and_timer);

async fn create_lead_without_a_consultant_is_unassigned_and_says_so(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    // No users at all: the playbook still runs, and the timeline says what it could not do.
    let created = create(&store, &clock, person(Some("Jan Kos"), Some("777 000 111"), None)).await;
    let id = created.id;
    assert_eq!(store.lead(id).await.unwrap().owner, None);

    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(kinds(&timeline), RECEIVED_UNASSIGNED);
    assert_eq!(timeline[2].data, json!({ "assignment": "consultants", "reason": "nobody can take it" }));
    assert_eq!(timeline[6].data["template"], "new_lead");
    assert_eq!(timeline[6].data["reason"], "nobody is the owner");
    assert_eq!((timeline[7].data["step"].as_i64(), timeline[8].data["step"].as_i64()), (Some(1), Some(2)));
    assert_eq!(timeline[9].data["step"], 3);
    assert_eq!(timeline[9].data["reason"], "nobody in this step");

    // The task waits for whoever takes the lead; nobody was told, so the outbox is empty.
    let tasks = tasks_of(&store, id).await;
    assert_eq!(tasks.iter().map(|t| (t.task.as_str(), t.status.as_str())).collect::<Vec<_>>(), [("first_call", "open")]);
    assert_eq!(tasks[0].assignee, None);
    assert!(store.outbox(id).await.unwrap().is_empty());
    // The SLA runs all the same; the escalation, with nobody to wait for, sets no timer.
    assert_eq!(
        timers_of(&store, id).await,
        [(SLA_WARN.to_owned(), start() + mins(5), "pending".to_owned()), (SLA_BREACH.to_owned(), start() + mins(10), "pending".to_owned()),]
    );
}
contract_test!(create_lead_without_a_consultant_is_unassigned_and_says_so);

async fn create_lead_with_owner_tells_the_owner(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    // Karel is first in the consultants' round robin; the given owner, Petr, keeps the lead.
    let karel = store.create_user(user_with_phone("karel", "Karel Novotný", Role::Consultant, "603 000 001")).await.unwrap();
    let owner = store.create_user(user_with_phone("petr", "Petr Dvořák", Role::Consultant, "603 000 002")).await.unwrap();
    let clerk = store.create_user(new_user("eva", "Eva Malá", Role::Secretary, None)).await.unwrap();
    let draft = LeadDraft { owner: Some(owner), ..person(Some("Jan Kos"), Some("777 000 111"), None) };
    let created = store.create_lead(parse(&clock, draft), Some(clerk), None).await.unwrap();

    let lead = store.lead(created.id).await.unwrap();
    assert_eq!(lead.owner, Some(UserRef { id: owner, name: "Petr Dvořák".into() }));
    assert_eq!(lead.entered_by, Some(UserRef { id: clerk, name: "Eva Malá".into() }));

    // Assigned at intake, so the playbook's round robin does not assign it again.
    let timeline = store.timeline(created.id).await.unwrap();
    assert_eq!(
        kinds(&timeline),
        [
            "lead.received",
            "lead.assigned",
            "playbook.rule",
            "sla.started",
            "playbook.rule",
            "task.created",
            "notification.queued",
            "escalation.step",
            "notification.queued"
        ]
    );
    assert_eq!(timeline[1].data["owner"], owner);
    assert_eq!(events_of(&timeline, "lead.assigned").len(), 1);
    let clerk_ref = Some(UserRef { id: clerk, name: "Eva Malá".into() });
    assert!(timeline.iter().all(|e| e.actor == clerk_ref), "every event is the clerk's doing: {timeline:?}");

    // The owner is told, by SMS to his phone, and his is the task; Karel hears nothing.
    let outbox = store.outbox(created.id).await.unwrap();
    let told: Vec<(&str, Option<i64>, Option<&str>, &str)> =
        outbox.iter().map(|o| (o.channel.as_str(), o.recipient_user, o.recipient_address.as_deref(), o.kind.as_str())).collect();
    assert_eq!(told, [("sms", Some(owner), Some("+420603000002"), "new_lead"), ("in_app", Some(owner), None, "reminder")]);
    assert!(outbox.iter().all(|o| o.recipient_role.is_none()));
    let tasks = tasks_of(&store, created.id).await;
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].assignee.as_ref().map(|u| u.id), Some(owner));
    assert_eq!(store.user(karel).await.unwrap().open_tasks, 0);
    assert!(
        store.notifications(&pronto_store::NotificationFilter { recipient: Some(karel), ..Default::default() }).await.unwrap().is_empty()
    );
}
contract_test!(create_lead_with_owner_tells_the_owner);

async fn create_lead_with_unknown_owner_is_invalid_and_writes_nothing(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let draft = LeadDraft { owner: Some(987_654), ..person(Some("Jan Kos"), Some("777 000 111"), None) };
    let err = store.create_lead(parse(&clock, draft), None, None).await.unwrap_err();
    match err {
        StoreError::Invalid(e) => assert_eq!(e.0[0].field, "owner", "{e}"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(store.leads(&all(100)).await.unwrap().is_empty());
    // The playbook never ran: no task, no notification, no timer.
    assert!(store.tasks(&TaskFilter { limit: 100, ..Default::default() }).await.unwrap().is_empty());
    assert!(store.notifications(&Default::default()).await.unwrap().is_empty());
    assert_eq!(store.next_timer_due().await.unwrap(), None);
    // Nor was a contact left behind: the same person arriving later is new.
    let later = create(&store, &clock, person(Some("Jan Kos"), Some("777 000 111"), None)).await;
    assert!(later.contact_is_new);
}
contract_test!(create_lead_with_unknown_owner_is_invalid_and_writes_nothing);

// ═══════════════════════════════════════════════════════════════════════════════════════════
// 2. Dedupe: contacts and companies
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn dedupe_one_phone_in_any_notation_is_one_contact(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let a = create(&store, &clock, person(Some("Jana Nováková"), Some("+420 777 123 456"), None)).await;
    let b = create(&store, &clock, person(None, Some("777123456"), None)).await;
    let c = create(&store, &clock, person(Some("J. Nováková"), Some("00420 777-123-456"), None)).await;
    assert!(a.contact_is_new);
    assert!(!b.contact_is_new);
    assert!(!c.contact_is_new);
    assert_eq!(a.contact_id, b.contact_id);
    assert_eq!(a.contact_id, c.contact_id);
    assert_eq!(HashSet::from([a.id, b.id, c.id]).len(), 3, "three leads");

    let contact = store.contact(a.contact_id).await.unwrap();
    assert_eq!(contact.contact.id, a.contact_id);
    assert_eq!(contact.contact.phone.as_deref(), Some("+420777123456"));
    assert_eq!(contact.contact.name.as_deref(), Some("Jana Nováková"), "a later name never overwrites the first");
    assert_eq!(contact.identities, [("phone".to_owned(), "+420777123456".to_owned())]);
    assert_eq!(ids(&contact.leads), [c.id, b.id, a.id], "all three leads, newest first");
    for lead in [a.id, b.id, c.id] {
        assert_eq!(store.lead(lead).await.unwrap().contact.id, a.contact_id);
    }
}
contract_test!(dedupe_one_phone_in_any_notation_is_one_contact);

async fn dedupe_email_letter_case_is_one_contact(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let a = create(&store, &clock, person(Some("Petr Svoboda"), None, Some("Petr.Svoboda@Example.CZ"))).await;
    let b = create(&store, &clock, person(Some("Petr Svoboda"), None, Some("petr.svoboda@example.cz"))).await;
    // A phone given the second time is learnt as another way to reach the same person.
    let c = create(&store, &clock, person(None, Some("603 555 777"), Some("PETR.SVOBODA@EXAMPLE.CZ"))).await;
    assert_eq!(a.contact_id, b.contact_id);
    assert_eq!(a.contact_id, c.contact_id);
    assert!(!b.contact_is_new && !c.contact_is_new);
    let contact = store.contact(a.contact_id).await.unwrap();
    assert_eq!(contact.contact.email.as_deref(), Some("petr.svoboda@example.cz"));
    assert_eq!(contact.contact.phone.as_deref(), Some("+420603555777"), "a missing phone is filled in");
    assert_eq!(
        contact.identities,
        [("email".to_owned(), "petr.svoboda@example.cz".to_owned()), ("phone".to_owned(), "+420603555777".to_owned())]
    );
    assert_eq!(contact.leads.len(), 3);
    // … so the phone alone now finds them too.
    let d = create(&store, &clock, person(None, Some("+420603555777"), None)).await;
    assert_eq!(d.contact_id, a.contact_id);
}
contract_test!(dedupe_email_letter_case_is_one_contact);

async fn dedupe_one_company_id_is_one_company(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let with_company = |name: &str, phone: &str, company: Option<&str>, ico: &str| LeadDraft {
        customer_type: Some("b2b".into()),
        contact: ContactDraft {
            name: Some(name.into()),
            phone: Some(phone.into()),
            company: company.map(Into::into),
            company_id: Some(ico.into()),
            ..Default::default()
        },
        ..person(None, None, None)
    };
    let a = create(&store, &clock, with_company("Jana Nováková", "777 111 222", Some("Stavby Praha s.r.o."), "26168685")).await;
    let b = create(&store, &clock, with_company("Karel Beneš", "777 333 444", None, "261 68 685")).await;
    assert_ne!(a.contact_id, b.contact_id, "two people of one company are two contacts");

    let la = store.lead(a.id).await.unwrap();
    let lb = store.lead(b.id).await.unwrap();
    let company = la.company.clone().expect("the first lead has a company");
    assert_eq!(company.company_id.as_deref(), Some("26168685"));
    assert_eq!(company.name.as_deref(), Some("Stavby Praha s.r.o."));
    assert_eq!(lb.company, Some(company.clone()), "the same IČO however written is the same company");
    assert_eq!(lb.customer_type.as_deref(), Some("b2b"));
    assert_eq!(store.contact(b.contact_id).await.unwrap().company, Some(company.clone()));

    // A company name alone is never the same company.
    let c = create(
        &store,
        &clock,
        LeadDraft {
            contact: ContactDraft { name: Some("Ota Malý".into()), company: Some("Stavby Praha s.r.o.".into()), ..Default::default() },
            ..person(None, None, None)
        },
    )
    .await;
    let lc = store.lead(c.id).await.unwrap();
    assert_ne!(lc.company.as_ref().map(|co| co.id), Some(company.id));

    // The company shows both people and both leads, and nothing of the namesake.
    let detail = store.company(company.id).await.unwrap();
    assert_eq!(detail.company, company);
    let people: Vec<i64> = detail.contacts.iter().map(|p| p.id).collect();
    assert_eq!(people, [a.contact_id, b.contact_id]);
    let leads: HashSet<i64> = detail.leads.iter().map(|l| l.id).collect();
    assert_eq!(leads, HashSet::from([a.id, b.id]));
    assert!(matches!(store.company(company.id + 1000).await, Err(StoreError::NotFound)));
}
contract_test!(dedupe_one_company_id_is_one_company);

async fn a_returning_customer_naming_a_company_gets_it(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let first = create(&store, &clock, person(Some("Eva Dvořáková"), Some("777 555 666"), None)).await;
    assert_eq!(store.lead(first.id).await.unwrap().company, None);
    let again = create(
        &store,
        &clock,
        LeadDraft {
            contact: ContactDraft {
                phone: Some("+420 777 555 666".into()), company: Some("Pekárna Dvořák".into()), ..Default::default()
            },
            ..person(None, None, None)
        },
    )
    .await;
    assert_eq!(again.contact_id, first.contact_id, "the same phone is the same person");
    let company = store.lead(again.id).await.unwrap().company.expect("the named company is recorded");
    assert_eq!(company.name.as_deref(), Some("Pekárna Dvořák"));
    assert_eq!(store.contact(first.contact_id).await.unwrap().company, Some(company.clone()), "and kept on the contact");
    // Named again later, the company is not created twice.
    let third = create(
        &store,
        &clock,
        LeadDraft {
            contact: ContactDraft { phone: Some("777555666".into()), company: Some("Pekárna Dvořák".into()), ..Default::default() },
            ..person(None, None, None)
        },
    )
    .await;
    assert_eq!(store.lead(third.id).await.unwrap().company, Some(company));
}
contract_test!(a_returning_customer_naming_a_company_gets_it);

async fn same_name_alone_never_merges_people(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let a = create(&store, &clock, person(Some("Jan Novák"), Some("777 111 222"), None)).await;
    let b = create(&store, &clock, person(Some("Jan Novák"), None, Some("jan.novak@example.cz"))).await;
    let c = create(&store, &clock, person(Some("Jan Novák"), Some("608 999 000"), Some("jnovak@example.com"))).await;
    let d = create(&store, &clock, person(Some("Jan Novák"), None, None)).await;
    let e = create(&store, &clock, person(Some("Jan Novák"), None, None)).await;
    let contacts: HashSet<i64> = [a, b, c, d, e].iter().map(|x| x.contact_id).collect();
    assert_eq!(contacts.len(), 5, "five people called Jan Novák");
    for id in &contacts {
        assert_eq!(store.contact(*id).await.unwrap().leads.len(), 1);
    }
}
contract_test!(same_name_alone_never_merges_people);

async fn contact_shows_the_activities_of_earlier_leads(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let first = create(&store, &clock, person(Some("Jana Nováková"), Some("777 123 456"), None)).await;
    clock.advance(mins(5));
    let call = store.log_activity(first.id, reached_call(&clock), None).await.unwrap();
    clock.advance(mins(5));
    let note = store.log_activity(first.id, activity(&clock, "note", None, None, Some("Chce nabídku do pátku")), None).await.unwrap();
    clock.advance(SignedDuration::from_hours(24));
    let second = create(&store, &clock, person(None, Some("+420777123456"), None)).await;
    assert_eq!(second.contact_id, first.contact_id);

    let contact = store.contact(second.contact_id).await.unwrap();
    assert_eq!(ids(&contact.leads), [second.id, first.id]);
    let acts: Vec<(i64, i64, &str)> = contact.activities.iter().map(|a| (a.id, a.lead_id, a.kind.as_str())).collect();
    assert_eq!(acts, [(call, first.id, "call"), (note, first.id, "note")], "oldest first");
    assert_eq!(contact.activities[0].at, start() + mins(5));
    assert_eq!(contact.activities[1].body.as_deref(), Some("Chce nabídku do pátku"));
    // The new lead itself has none of its own yet.
    assert!(store.activities(second.id).await.unwrap().is_empty());
    assert_eq!(store.activities(first.id).await.unwrap().len(), 2);
}
contract_test!(contact_shows_the_activities_of_earlier_leads);

// ═══════════════════════════════════════════════════════════════════════════════════════════
// 3. Idempotency
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn idempotency_same_request_returns_the_same_lead(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    // Two consultants: a second lead would go to the second one, so a retry that ran the
    // playbook again could not hide.
    let jana = store.create_user(user_with_phone("jana", "Jana", Role::Consultant, "603 111 222")).await.unwrap();
    let petr = store.create_user(user_with_phone("petr", "Petr", Role::Consultant, "603 333 444")).await.unwrap();
    let draft = || person(Some("Jana Nováková"), Some("777 123 456"), None);
    let first = store.create_lead(parse(&clock, draft()), None, idem("user:1", "k-1", "fp-a")).await.unwrap();
    assert!(first.created);
    let timeline = store.timeline(first.id).await.unwrap();
    let outbox = store.outbox(first.id).await.unwrap();
    let timers = store.timers(first.id).await.unwrap();
    let tasks = tasks_of(&store, first.id).await;
    assert_eq!(kinds(&timeline), RECEIVED_AND_ASSIGNED);
    assert_eq!((outbox.len(), timers.len(), tasks.len()), (2, 3, 1));

    clock.advance(mins(1));
    let again = store.create_lead(parse(&clock, draft()), None, idem("user:1", "k-1", "fp-a")).await.unwrap();
    assert_eq!(again.id, first.id);
    assert!(!again.created);
    assert_eq!(again.contact_id, first.contact_id);

    assert_eq!(ids(&store.leads(&all(100)).await.unwrap()), [first.id], "no second lead");
    assert_eq!(store.timeline(first.id).await.unwrap(), timeline, "no second event");
    assert_eq!(store.outbox(first.id).await.unwrap(), outbox, "no second notification");
    assert_eq!(store.timers(first.id).await.unwrap(), timers, "no second timer");
    assert_eq!(tasks_of(&store, first.id).await, tasks, "no second task");
    assert_eq!(store.notifications(&Default::default()).await.unwrap().len(), 2);
    assert_eq!(store.lead(first.id).await.unwrap().owner.map(|o| o.id), Some(jana));
    assert_eq!((store.user(jana).await.unwrap().open_tasks, store.user(petr).await.unwrap().open_tasks), (1, 0));
    // The round robin did not move either: the next new lead is Petr's.
    let next = store.create_lead(parse(&clock, draft()), None, idem("user:1", "k-2", "fp-a")).await.unwrap();
    assert!(next.created);
    assert_eq!(store.lead(next.id).await.unwrap().owner.map(|o| o.id), Some(petr));
}
contract_test!(idempotency_same_request_returns_the_same_lead);

async fn idempotency_same_key_different_request_conflicts(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let first = store
        .create_lead(parse(&clock, person(Some("Jana"), Some("777 123 456"), None)), None, idem("user:1", "k-1", "fp-a"))
        .await
        .unwrap();
    let err = store
        .create_lead(parse(&clock, person(Some("Karel"), Some("777 999 888"), None)), None, idem("user:1", "k-1", "fp-b"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert_eq!(ids(&store.leads(&all(100)).await.unwrap()), [first.id]);
    // The key still answers for its own request.
    let again = store
        .create_lead(parse(&clock, person(Some("Jana"), Some("777 123 456"), None)), None, idem("user:1", "k-1", "fp-a"))
        .await
        .unwrap();
    assert_eq!((again.id, again.created), (first.id, false));
}
contract_test!(idempotency_same_key_different_request_conflicts);

async fn idempotency_keys_are_scoped(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let draft = || person(Some("Jana"), Some("777 123 456"), None);
    let one = store.create_lead(parse(&clock, draft()), None, idem("user:1", "k-1", "fp-a")).await.unwrap();
    let two = store.create_lead(parse(&clock, draft()), None, idem("user:2", "k-1", "fp-a")).await.unwrap();
    assert!(one.created && two.created);
    assert_ne!(one.id, two.id, "the same key of another user is another request");
    // Even with another fingerprint, another scope is no conflict.
    let three = store.create_lead(parse(&clock, draft()), None, idem("user:3", "k-1", "fp-z")).await.unwrap();
    assert!(three.created);
    // And each scope still remembers its own.
    let two_again = store.create_lead(parse(&clock, draft()), None, idem("user:2", "k-1", "fp-a")).await.unwrap();
    assert_eq!((two_again.id, two_again.created), (two.id, false));
    assert_eq!(store.leads(&all(100)).await.unwrap().len(), 3);
}
contract_test!(idempotency_keys_are_scoped);

async fn idempotency_holds_under_concurrent_retries(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let mut tasks = Vec::new();
    for _ in 0..30 {
        let lead = parse(&clock, person(Some("Jana"), Some("777 123 456"), None));
        let store = store.clone();
        tasks.push(tokio::spawn(async move { store.create_lead(lead, None, idem("user:1", "k-1", "fp-a")).await }));
    }
    let mut lead_ids = HashSet::new();
    let mut created = 0;
    for task in tasks {
        let r = task.await.unwrap().unwrap();
        lead_ids.insert(r.id);
        created += usize::from(r.created);
    }
    assert_eq!(lead_ids.len(), 1, "one lead for one key");
    assert_eq!(created, 1, "exactly one request created it");
    assert_eq!(store.leads(&all(100)).await.unwrap().len(), 1);
}
contract_test!(idempotency_holds_under_concurrent_retries);

// ═══════════════════════════════════════════════════════════════════════════════════════════
