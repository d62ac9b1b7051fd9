//! 23. The mystery shopper (issue 23): a test inquiry runs the playbook like any lead, but it
//! is in no list, count, task list, report, webhook or live feed, its alerts for people go to
//! the test recipient, and the run's end closes it and opens (once) and closes the channel's
//! incident with the admins' messages in the same transaction.

use crate::helpers::*;
use pronto_domain::canary::{Channel, Hop, IncidentStep, Verdict};
use pronto_store::NotificationFilter;
use pronto_store::canary::{FinishRun, HopRecord};

async fn finish(store: &Arc<dyn Store>, run: i64, verdict: Verdict) -> pronto_store::canary::Finished {
    let hops = vec![HopRecord { name: "sent".into(), at: None, ms: Some(0), ok: true, error: None }];
    store.finish_canary_run(FinishRun { run, channel: Channel::Form, hops, verdict, alert_channel: "sms".into() }).await.unwrap()
}

async fn a_test_inquiry_is_shown_to_nobody_and_alerts_only_its_test_recipient(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let jana = store.create_user(user_with_phone("jana", "Jana", Role::Consultant, "+420777000001")).await.unwrap();
    let mut admin = user_with_phone("boss", "Boss", Role::Admin, "+420777000009");
    admin.email = Some(pronto_domain::values::Email::parse("boss@example.com").unwrap());
    store.create_user(admin).await.unwrap();
    store.create_webhook("https://hooks.example.com/x".into(), vec!["lead.*".into()], "whsec_0123456789abcdef".into(), None).await.unwrap();
    store.playbooks().set_canary_recipients([("sms".to_owned(), "+420700111222".to_owned())].into());
    let mut rx = store.committed();
    let real = create(&store, &clock, person(Some("Eva"), Some("777 111 001"), None)).await.id;
    let run = store.start_canary_run("form").await.unwrap();
    let mut lead = parse(&clock, person(Some("Pronto test inquiry"), Some("+420700111222"), None));
    lead.canary_run = Some(run);
    let test = store.create_lead(lead, None, None).await.unwrap().id;
    // The store sees it: registered, taken up by the playbook, its alert to the test number.
    let seen = store.canary_observe(run).await.unwrap();
    assert_eq!(seen.lead_id, Some(test));
    assert!(seen.registered_at.is_some() && seen.playbook_at.is_some(), "{seen:?}");
    let alerts = store.outbox(test).await.unwrap();
    let people: Vec<_> = alerts.iter().filter(|n| n.recipient_user.is_some()).collect();
    assert!(people.is_empty(), "a person was alerted of a test inquiry: {people:?}");
    // Its alert waits for the gateway, to the test number (and is nobody's notification).
    assert_eq!(seen.alert.as_ref().map(|a| (a.channel.as_str(), a.status.as_str())), Some(("sms", "queued")), "{seen:?}");
    let claimed = store.claim_notifications(100).await.unwrap();
    let to_test: Vec<_> = claimed.iter().filter(|n| n.lead_id == Some(test) && n.recipient_user.is_none() && n.recipient_role.is_some()).collect();
    assert_eq!(to_test.iter().map(|n| (n.channel.as_str(), n.recipient_address.as_deref())).collect::<Vec<_>>(), [("sms", Some("+420700111222"))]);
    assert!(!alerts.iter().any(|n| n.channel == "webhook"), "no webhook for a test inquiry: {alerts:?}");
    assert!(store.outbox(real).await.unwrap().iter().any(|n| n.channel == "webhook"), "the real lead's webhook");
    // Nobody's list, count, tasks, contacts, stage counts, notifications, live feed.
    let all = store.leads(&LeadFilter { limit: 100, ..Default::default() }).await.unwrap();
    assert_eq!(all.iter().map(|l| l.id).collect::<Vec<_>>(), [real]);
    assert_eq!(store.count_leads(&LeadFilter::default()).await.unwrap(), 1);
    let tasks = store.tasks(&TaskFilter { status: Some("open".into()), ..Default::default() }).await.unwrap();
    assert!(tasks.iter().all(|t| t.lead_id == real), "{tasks:?}");
    let contacts = store.contacts(None, 100).await.unwrap();
    assert!(!contacts.iter().any(|c| c.name.as_deref() == Some("Pronto test inquiry")), "{contacts:?}");
    assert_eq!(store.stage_counts().await.unwrap().iter().map(|(_, n)| n).sum::<i64>(), 1);
    let ns = store.notifications(&NotificationFilter { limit: 100, ..Default::default() }).await.unwrap();
    assert!(!ns.iter().any(|n| n.lead_id == Some(test)), "{ns:?}");
    let mut live = Vec::new();
    while let Ok(e) = rx.try_recv() {
        live.push(e.lead_id);
    }
    assert!(live.contains(&Some(real)) && !live.contains(&Some(test)), "{live:?}");
    // Not in the reports: the day's tallies count the real lead only.
    let day = store.report_tallies(pronto_domain::tally::Dim::Channel, clock.now() - mins(60), clock.now() + mins(60)).await.unwrap();
    assert_eq!(day.groups.values().map(|t| t.leads).sum::<i64>(), 1, "{day:?}");
    let _ = jana;

    // The run fails: the lead is closed, an incident opens with one message per admin channel
    // (not SMS: the alert hop failed on SMS); a second failure adds nothing; a pass closes it.
    let failed = Verdict::Failed { hop: Hop::AlertAccepted, error: "HTTP 500".into() };
    let f = finish(&store, run, failed.clone()).await;
    assert_eq!(f.step, IncidentStep::Open);
    assert_eq!(f.messages, 2, "e-mail and in-app for the one admin, no SMS");
    assert_eq!(store.lead(test).await.unwrap().status, "junk");
    assert!(store.tasks(&TaskFilter { lead: Some(test), status: Some("open".into()), ..Default::default() }).await.unwrap().is_empty());
    let status = store.canary_status(clock.now() - mins(60)).await.unwrap();
    let form = &status.channels[0];
    assert_eq!((form.channel.as_str(), form.ok, form.status.as_str()), ("form", Some(false), "failed"));
    assert!(form.incident_since.is_some());
    let again = store.start_canary_run("form").await.unwrap();
    assert_eq!(finish(&store, again, failed).await, pronto_store::canary::Finished { step: IncidentStep::StillOpen, messages: 0 });
    let third = store.start_canary_run("form").await.unwrap();
    let f = finish(&store, third, Verdict::Passed).await;
    assert_eq!((f.step, f.messages), (IncidentStep::Recovered, 2));
    let status = store.canary_status(clock.now() - mins(60)).await.unwrap();
    assert_eq!((status.channels[0].ok, status.channels[0].incident_since), (Some(true), None));
    assert_eq!(status.channels[0].history.iter().map(|(_, ok, _)| *ok).collect::<Vec<_>>(), [false, false, true]);
    assert_eq!(store.canary_last_started("form").await.unwrap(), Some(clock.now()));
}
contract_test!(a_test_inquiry_is_shown_to_nobody_and_alerts_only_its_test_recipient);
