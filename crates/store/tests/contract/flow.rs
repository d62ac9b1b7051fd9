//! 13. **What happens next** [flow] — a scheduled retry is an open task from the moment it is
//!     scheduled (written with its timer), and the timer firing makes that same task due, no
//!     second one; an attempt done early cancels its timer. An e-mail written in Pronto is no
//!     response while it waits in the outbox: the first response and the SLA count from when
//!     the delivery worker sent it. The lead keeps the phone given with its inquiry. What the
//!     customer sent can be marked answered.

use crate::helpers::*;
use pronto_store::{Delivery, OutgoingEmail};

fn open_tasks(tasks: &[TaskRecord]) -> Vec<(i64, &str, i64, Timestamp)> {
    tasks.iter().filter(|t| t.status == "open").map(|t| (t.id, t.task.as_str(), t.attempt, t.due_at)).collect()
}

async fn a_scheduled_retry_is_an_open_task_at_once(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    store.create_user(new_user("jana", "Jana", Role::Consultant, None)).await.unwrap();
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    clock.advance(mins(2));
    store.log_activity(id, activity(&clock, "call", Some("out"), Some("no_answer"), None), None).await.unwrap();
    // In the same transaction as its timer: the next attempt, open, due in 5 minutes.
    let tasks = tasks_of(&store, id).await;
    let open = open_tasks(&tasks);
    assert_eq!(open.len(), 1, "{tasks:?}");
    let (retry, task, attempt, due) = open[0];
    assert_eq!((task, attempt, due), ("first_call", 2, start() + mins(7)));
    assert!(timers_of(&store, id).await.contains(&("retry:first_call".to_owned(), start() + mins(7), "pending".to_owned())));

    // At its time the timer fires: the same task is due now, no second one.
    clock.advance(mins(5));
    assert!(store.fire_due_timers(100).await.unwrap() >= 1);
    let tasks = tasks_of(&store, id).await;
    assert_eq!(open_tasks(&tasks), [(retry, "first_call", 2, start() + mins(7))], "one task, the same: {tasks:?}");
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(events_of(&timeline, "task.retry").len(), 1);
    assert_eq!(events_of(&timeline, "task.created").iter().filter(|e| e.data["attempt"] == 2).count(), 1);
}
contract_test!(a_scheduled_retry_is_an_open_task_at_once);

async fn an_attempt_made_early_cancels_its_timer(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    store.create_user(new_user("jana", "Jana", Role::Consultant, None)).await.unwrap();
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    clock.advance(mins(1));
    store.log_activity(id, activity(&clock, "call", Some("out"), Some("no_answer"), None), None).await.unwrap();
    let retry = open_tasks(&tasks_of(&store, id).await)[0].0;
    // Two minutes later she calls again, before the attempt is due, and reaches the customer:
    // the call is that attempt (it completes the open call task), and its timer is moot.
    clock.advance(mins(2));
    store.log_activity(id, reached_call(&clock), None).await.unwrap();
    let tasks = tasks_of(&store, id).await;
    let done = tasks.iter().find(|t| t.id == retry).unwrap();
    assert_eq!((done.status.as_str(), done.outcome.as_deref()), ("done", Some("reached")));
    assert!(open_tasks(&tasks).is_empty(), "{tasks:?}");
    assert!(timer_states(&store, id).await.contains(&("retry:first_call".to_owned(), "cancelled".to_owned())));
    clock.advance(mins(30));
    store.fire_due_timers(100).await.unwrap();
    assert!(open_tasks(&tasks_of(&store, id).await).is_empty(), "nothing comes back");
}
contract_test!(an_attempt_made_early_cancels_its_timer);

fn email(lead_id: i64, text: &str) -> OutgoingEmail {
    OutgoingEmail {
        lead_id,
        to: None,
        subject: Some("Nabídka".into()),
        text: text.into(),
        message_id: format!("lead{lead_id}.{text}@example.cz").replace(' ', ""),
        reply_to: None,
        actor: None,
    }
}

/// Claims until the reply is claimed: the acknowledgement to the same address, older, goes
/// first (one message per recipient in flight, in order) and is sent.
async fn claim_reply(store: &Arc<dyn Store>) -> pronto_store::OutboxRecord {
    for _ in 0..5 {
        for o in store.claim_notifications(50).await.unwrap() {
            if o.kind == "reply" {
                return o;
            }
            if o.channel != "in_app" {
                store.record_delivery(o.id, Delivery::Done { status: "sent", provider_id: None }).await.unwrap();
            }
        }
    }
    panic!("the e-mail is not in the outbox");
}

async fn a_queued_email_is_no_response_until_it_left(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    store.create_user(new_user("jana", "Jana", Role::Consultant, None)).await.unwrap();
    let id = create(&store, &clock, person(Some("Zákazník"), None, Some("zakaznik@example.cz"))).await.id;
    clock.advance(mins(2));
    let email_id = store.send_email(email(id, "Dobrý den")).await.unwrap();
    // Queued: on the timeline as queued, not sent; no first response; the SLA runs on.
    let lead = store.lead(id).await.unwrap();
    assert_eq!(lead.first_response_at, None);
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(events_of(&timeline, "email.queued").len(), 1);
    assert!(events_of(&timeline, "email.sent").is_empty() && events_of(&timeline, "lead.first_response").is_empty());
    assert!(timer_states(&store, id).await.contains(&(SLA_BREACH.to_owned(), "pending".to_owned())));
    let emails = store.emails(id).await.unwrap();
    assert_eq!(emails[0].status.as_deref(), Some("queued"));

    // The delivery worker sends it three minutes later: now it is a response.
    clock.advance(mins(3));
    let reply = claim_reply(&store).await;
    store.record_delivery(reply.id, Delivery::Done { status: "sent", provider_id: None }).await.unwrap();
    let lead = store.lead(id).await.unwrap();
    assert_eq!(lead.first_response_at, Some(start() + mins(5)), "counted from when it left");
    let timeline = store.timeline(id).await.unwrap();
    let sent = events_of(&timeline, "email.sent");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].data["email_id"], email_id);
    assert_eq!(sent[0].at, start() + mins(5));
    assert_eq!(events_of(&timeline, "lead.first_response").len(), 1);
    assert_eq!(events_of(&timeline, "sla.met").len(), 1);
    assert!(timer_states(&store, id).await.contains(&(SLA_BREACH.to_owned(), "cancelled".to_owned())));
    assert_eq!(store.emails(id).await.unwrap()[0].status.as_deref(), Some("sent"));
}
contract_test!(a_queued_email_is_no_response_until_it_left);

async fn an_email_that_never_left_misses_the_sla(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    store.create_user(new_user("jana", "Jana", Role::Consultant, None)).await.unwrap();
    let id = create(&store, &clock, person(Some("Zákazník"), None, Some("zakaznik@example.cz"))).await.id;
    clock.advance(mins(2));
    store.send_email(email(id, "Dobrý den")).await.unwrap();
    // No SMTP: the worker fails and will retry; the SLA is breached all the same.
    let reply = claim_reply(&store).await;
    let error = "e-mail is not configured".to_owned();
    store.record_delivery(reply.id, Delivery::Failed { error, retry_at: Some(clock.now() + mins(60)) }).await.unwrap();
    clock.advance(mins(10));
    store.fire_due_timers(100).await.unwrap();
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(store.lead(id).await.unwrap().first_response_at, None);
    assert_eq!(events_of(&timeline, "sla.breached").len(), 1, "{:?}", kinds(&timeline));
    assert!(events_of(&timeline, "sla.met").is_empty());
}
contract_test!(an_email_that_never_left_misses_the_sla);

async fn the_lead_keeps_the_phone_of_its_inquiry(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    store.create_user(new_user("jana", "Jana", Role::Consultant, None)).await.unwrap();
    let first = create(&store, &clock, person(Some("Petr"), Some("777 111 222"), Some("petr@example.cz"))).await;
    clock.advance(mins(60));
    // The same person (the e-mail) asks again from another phone.
    let second = create(&store, &clock, person(Some("Petr"), Some("603 999 888"), Some("petr@example.cz"))).await;
    assert_eq!(first.contact_id, second.contact_id, "one contact with two phones");
    let (a, b) = (store.lead(first.id).await.unwrap(), store.lead(second.id).await.unwrap());
    assert_eq!(a.phone.as_deref(), Some("+420777111222"));
    assert_eq!(b.phone.as_deref(), Some("+420603999888"), "the phone given with this inquiry");
    assert_eq!(b.contact.phone.as_deref(), Some("+420777111222"), "the contact keeps its first");
    // Its call task and its alerts use this inquiry's phone too.
    let out = store.outbox(second.id).await.unwrap();
    let texts: Vec<String> = out.iter().filter_map(|n| n.payload["text"].as_str().map(str::to_owned)).collect();
    assert!(texts.iter().any(|t| t.contains("+420 603 999 888")), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("777 111 222")), "{texts:?}");
}
contract_test!(the_lead_keeps_the_phone_of_its_inquiry);

async fn what_the_customer_sent_is_marked_answered(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    store.create_user(new_user("jana", "Jana", Role::Consultant, None)).await.unwrap();
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    let nothing = store.mark_answered(id, None).await;
    assert!(matches!(nothing, Err(StoreError::Conflict(_))), "nothing sent yet: {nothing:?}");
    clock.advance(mins(1));
    let act = store.customer_action(id, pronto_store::CustomerAction::Message { text: "Prosím o nabídku".into() }).await.unwrap();
    clock.advance(mins(1));
    let upto = store.mark_answered(id, None).await.unwrap();
    assert_eq!(upto, act);
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(events_of(&timeline, "customer.answered")[0].data, json!({ "activity_id": act }));
    assert!(matches!(store.mark_answered(999_999, None).await, Err(StoreError::NotFound)));
}
contract_test!(what_the_customer_sent_is_marked_answered);
