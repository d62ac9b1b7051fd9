//! 10. The event log and the audit log are append-only; durable timers; the report tallies.

use crate::helpers::*;

// 10. The event log is append-only
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn events_are_append_only(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    store.patch_lead(id, LeadPatch { stage: Some("contacted".into()), ..Default::default() }, None).await.unwrap();
    let before = store.timeline(id).await.unwrap();
    assert_eq!(kinds(&before), [&RECEIVED_UNASSIGNED[..], &["lead.stage_changed"]].concat());
    let n = db.count_raw("SELECT COUNT(*) FROM events").await;
    let of_lead = format!("SELECT COUNT(*) FROM events WHERE lead_id = {id}");
    assert_eq!(db.count_raw(&of_lead).await, before.len() as i64);

    let update = db.exec_raw("UPDATE events SET kind = 'tampered'").await;
    assert!(update.is_err(), "UPDATE on events succeeded: {update:?}");
    let update_one = db.exec_raw(&format!("UPDATE events SET data = '{{}}' WHERE lead_id = {id}")).await;
    assert!(update_one.is_err(), "UPDATE of one event succeeded: {update_one:?}");
    let delete = db.exec_raw("DELETE FROM events").await;
    assert!(delete.is_err(), "DELETE on events succeeded: {delete:?}");
    let delete_one = db.exec_raw(&format!("DELETE FROM events WHERE id = {}", before[0].id)).await;
    assert!(delete_one.is_err(), "DELETE of one event succeeded: {delete_one:?}");

    assert_eq!(store.timeline(id).await.unwrap(), before, "the events are untouched");
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM events").await, n);
    assert_eq!(db.count_raw(&of_lead).await, before.len() as i64);
    // Appending still works.
    store.patch_lead(id, LeadPatch { stage: Some("offer".into()), ..Default::default() }, None).await.unwrap();
    let after = store.timeline(id).await.unwrap();
    assert_eq!(after[..before.len()], before[..]);
    assert_eq!(kinds_since(&after, before.len()), ["lead.stage_changed"]);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM events").await, n + 1);
}
contract_test!(events_are_append_only, with_db);

/// The audit log: rows read back newest first with every field, filtered by actor, kind (or
/// its group) and time, paged by id; and, like the events, never changed or deleted.
async fn the_audit_log_is_append_only_and_filtered(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    use pronto_store::{AuditEntry, AuditFilter};
    let row = |actor: Option<i64>, kind: &str| AuditEntry {
        actor,
        actor_login: actor.map(|a| format!("user{a}")),
        actor_name: actor.map(|a| format!("User {a}")),
        kind: kind.into(),
        target: Some("lead/7".into()),
        ip: Some("192.0.2.7".into()),
        detail: serde_json::json!({ "path": "/api/v1/audit" }),
    };
    let t0 = clock.now();
    store.audit(row(None, "sign_in.failed")).await.unwrap();
    clock.advance(jiff::SignedDuration::from_secs(60));
    store.audit(row(Some(1), "sign_in.ok")).await.unwrap();
    clock.advance(jiff::SignedDuration::from_secs(60));
    store.audit(row(Some(2), "access.denied")).await.unwrap();
    // `_` in a group is a letter, not a wildcard.
    store.audit(row(Some(2), "signxin.ok")).await.unwrap();
    let all = |f: AuditFilter| {
        let store = store.clone();
        async move { store.audit_log(&AuditFilter { limit: 50, ..f }).await.unwrap().into_iter().map(|r| r.kind).collect::<Vec<_>>() }
    };
    assert_eq!(all(AuditFilter::default()).await, ["signxin.ok", "access.denied", "sign_in.ok", "sign_in.failed"], "newest first");
    let first = store.audit_log(&AuditFilter { limit: 50, ..Default::default() }).await.unwrap().pop().unwrap();
    assert_eq!((first.at, first.actor, first.ip.as_deref(), first.target.as_deref()), (t0, None, Some("192.0.2.7"), Some("lead/7")));
    assert_eq!(first.detail["path"], "/api/v1/audit");
    assert_eq!(all(AuditFilter { actor: Some(2), ..Default::default() }).await, ["signxin.ok", "access.denied"]);
    assert_eq!(all(AuditFilter { kind: Some("sign_in".into()), ..Default::default() }).await, ["sign_in.ok", "sign_in.failed"]);
    assert_eq!(all(AuditFilter { kind: Some("sign_in.ok".into()), ..Default::default() }).await, ["sign_in.ok"]);
    let t1 = t0 + jiff::SignedDuration::from_secs(60);
    assert_eq!(all(AuditFilter { from: Some(t1), ..Default::default() }).await, ["signxin.ok", "access.denied", "sign_in.ok"]);
    assert_eq!(all(AuditFilter { to: Some(t1), ..Default::default() }).await, ["sign_in.failed"]);
    let page = store.audit_log(&AuditFilter { limit: 2, ..Default::default() }).await.unwrap();
    let rest = store.audit_log(&AuditFilter { limit: 2, before: Some(page[1].id), ..Default::default() }).await.unwrap();
    assert_eq!(rest.iter().map(|r| r.kind.as_str()).collect::<Vec<_>>(), ["sign_in.ok", "sign_in.failed"]);

    let n = db.count_raw("SELECT COUNT(*) FROM audit_log").await;
    for sql in [
        "UPDATE audit_log SET kind = 'tampered'".to_owned(),
        format!("UPDATE audit_log SET actor_id = NULL WHERE id = {}", first.id),
        "DELETE FROM audit_log".to_owned(),
        format!("DELETE FROM audit_log WHERE id = {}", first.id),
    ] {
        let r = db.exec_raw(&sql).await;
        assert!(r.is_err(), "{sql} succeeded: {r:?}");
    }
    if db.engine == Engine::Postgres {
        let r = db.exec_raw("TRUNCATE audit_log").await;
        assert!(r.is_err(), "TRUNCATE succeeded: {r:?}");
    }
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM audit_log").await, n);
    assert_eq!(all(AuditFilter::default()).await.len(), 4, "untouched");
}
contract_test!(the_audit_log_is_append_only_and_filtered, with_db);

// ── durable timers ──

async fn timers_fire_once_in_order_and_never_early(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    // No users: each lead's only timers are its SLA's warning (+5) and breach (+10 minutes).
    let a = create(&store, &clock, person(Some("A"), Some("777 100 001"), None)).await;
    clock.advance(mins(1));
    let b = create(&store, &clock, person(Some("B"), Some("777 100 002"), None)).await;
    let answered = create(&store, &clock, person(Some("C"), Some("777 100 003"), None)).await;
    store.log_activity(answered.id, reached_call(&clock), None).await.unwrap();
    assert_eq!(timer_states(&store, answered.id).await, kind_status(&[(SLA_WARN, "cancelled"), (SLA_BREACH, "cancelled")]));
    assert_eq!(store.next_timer_due().await.unwrap(), Some(start() + mins(5)), "A's warning");

    // Due, in order: A's warning 09:05, B's 09:06, A's breach 09:10, B's 09:11.
    // One second before A's warning, nothing fires.
    clock.advance(SignedDuration::from_secs(3 * 60 + 59));
    assert_eq!(store.fire_due_timers(100).await.unwrap(), 0, "nothing is due yet");
    clock.advance(SignedDuration::from_secs(1));
    assert_eq!(store.fire_due_timers(100).await.unwrap(), 1, "A's warning, exactly at its time");
    assert_eq!(store.fire_due_timers(100).await.unwrap(), 0, "a timer fires once");
    assert_eq!(store.next_timer_due().await.unwrap(), Some(start() + mins(6)), "B's warning");
    clock.advance(SignedDuration::from_secs(59));
    assert_eq!(store.fire_due_timers(100).await.unwrap(), 0, "B's warning is not due yet");
    clock.advance(SignedDuration::from_secs(1));
    assert_eq!(store.fire_due_timers(100).await.unwrap(), 1, "B's warning");
    clock.advance(SignedDuration::from_secs(3 * 60 + 59));
    assert_eq!(store.fire_due_timers(100).await.unwrap(), 0, "A's breach is not due yet");
    // An hour later, both breaches are due: they fire in due order, each once.
    clock.advance(SignedDuration::from_secs(3600));
    assert_eq!(store.fire_due_timers(100).await.unwrap(), 2, "A's and B's breaches; C's were cancelled by the response");
    assert_eq!(store.fire_due_timers(100).await.unwrap(), 0);
    assert_eq!(store.next_timer_due().await.unwrap(), None);

    for (lead, fired) in [(a.id, true), (b.id, true), (answered.id, false)] {
        let timeline = store.timeline(lead).await.unwrap();
        let fired_timers: Vec<&str> = events_of(&timeline, "timer.fired").iter().map(|e| e.data["timer"].as_str().unwrap()).collect();
        let status = if fired {
            assert_eq!(fired_timers, [SLA_WARN, SLA_BREACH], "lead {lead}");
            assert_eq!(events_of(&timeline, "sla.warning").len(), 1, "lead {lead}");
            assert_eq!(events_of(&timeline, "sla.breached").len(), 1, "lead {lead}");
            assert!(events_of(&timeline, "sla.met").is_empty(), "lead {lead}");
            "fired"
        } else {
            assert!(fired_timers.is_empty(), "lead {lead}");
            assert!(events_of(&timeline, "sla.breached").is_empty(), "lead {lead}");
            assert_eq!(events_of(&timeline, "sla.met").len(), 1, "lead {lead}");
            "cancelled"
        };
        assert_eq!(timer_states(&store, lead).await, kind_status(&[(SLA_WARN, status), (SLA_BREACH, status)]), "lead {lead}");
    }
    // Fired in due order: A's warning, B's warning, A's breach, B's breach.
    let fired = |lead: i64, timer: &'static str| {
        let store = store.clone();
        async move {
            let timeline = store.timeline(lead).await.unwrap();
            let e = timeline.into_iter().find(|e| e.kind == "timer.fired" && e.data["timer"] == timer).unwrap();
            (e.id, e.at)
        }
    };
    let order = [fired(a.id, SLA_WARN).await, fired(b.id, SLA_WARN).await, fired(a.id, SLA_BREACH).await, fired(b.id, SLA_BREACH).await];
    assert!(order.windows(2).all(|w| w[0].0 < w[1].0), "{order:?}");
    assert_eq!(order.map(|(_, at)| at)[..2], [start() + mins(5), start() + mins(6)], "fired when they fell due");
}
contract_test!(timers_fire_once_in_order_and_never_early);

async fn advancing_fires_each_timer_at_its_own_time(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let start = clock.now();
    let a = create(&store, &clock, person(Some("A"), Some("777 200 001"), None)).await;
    clock.advance(SignedDuration::from_secs(120));
    let b = create(&store, &clock, person(Some("B"), Some("777 200 002"), None)).await;
    clock.advance(SignedDuration::from_secs(-120)); // never goes back
    let timers = pronto_store::Timers::new(store.clone(), clock.clone());
    let now = timers.advance(SignedDuration::from_secs(3600)).await.unwrap();
    assert_eq!(now, start + SignedDuration::from_secs(120 + 3600));
    let due = |m: i64| start + mins(m);
    for (lead, warn, breach) in [(a.id, due(5), due(10)), (b.id, due(7), due(12))] {
        let expected = [(SLA_WARN.to_owned(), warn, "fired".to_owned()), (SLA_BREACH.to_owned(), breach, "fired".to_owned())];
        assert_eq!(timers_of(&store, lead).await, expected, "lead {lead}");
        let timeline = store.timeline(lead).await.unwrap();
        let fired: Vec<(&str, Timestamp)> =
            events_of(&timeline, "timer.fired").iter().map(|e| (e.data["timer"].as_str().unwrap(), e.at)).collect();
        assert_eq!(
            fired,
            [(SLA_WARN, warn), (SLA_BREACH, breach)],
            "lead {lead}'s timers fired at their own due times, not at the end of the span"
        );
        assert_eq!(events_of(&timeline, "sla.breached")[0].at, breach);
    }

    // Working minutes: a lead stored on Friday at 16:57 in Prague has 3 minutes that day and
    // the rest on Monday morning; nothing fires over the weekend.
    let friday = ts("2026-03-06T15:57:00Z");
    clock.advance(friday.duration_since(clock.now()));
    let late = create(&store, &clock, person(Some("Pozdní"), Some("777 200 003"), None)).await;
    let (warn, breach) = (ts("2026-03-09T08:02:00Z"), ts("2026-03-09T08:07:00Z")); // Monday 09:02 and 09:07
    assert_eq!(
        timers_of(&store, late.id).await,
        [(SLA_WARN.to_owned(), warn, "pending".to_owned()), (SLA_BREACH.to_owned(), breach, "pending".to_owned())]
    );
    // Through the weekend to Monday 09:01:59: nothing is due.
    let now = timers.advance(ts("2026-03-09T08:01:59Z").duration_since(friday)).await.unwrap();
    assert_eq!(now, ts("2026-03-09T08:01:59Z"));
    assert!(events_of(&store.timeline(late.id).await.unwrap(), "timer.fired").is_empty(), "nothing fired early");
    assert_eq!(store.next_timer_due().await.unwrap(), Some(warn));
    timers.advance(SignedDuration::from_mins(10)).await.unwrap();
    let timeline = store.timeline(late.id).await.unwrap();
    let fired: Vec<(&str, Timestamp)> =
        events_of(&timeline, "timer.fired").iter().map(|e| (e.data["timer"].as_str().unwrap(), e.at)).collect();
    assert_eq!(fired, [(SLA_WARN, warn), (SLA_BREACH, breach)]);
    assert_eq!(store.next_timer_due().await.unwrap(), None);
}
contract_test!(advancing_fires_each_timer_at_its_own_time);

contract_test!(report_tallies_are_what_a_rebuild_from_the_registry_gives, with_db);

/// Every figure is recomputable: after a concurrent history (leads on several channels, owners
/// changed, answers, stages, timers firing) written through two nodes at once — each writer
/// adds to its own share of a day's tally (issue 22) — the daily tallies kept incrementally
/// equal the ones rebuilt from scratch from the registry, and their sums equal the leads'
/// facts grouped.
async fn report_tallies_are_what_a_rebuild_from_the_registry_gives(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    use pronto_domain::tally::{self, Dim, Tally};
    let other = db.open(clock.clone()).await;
    let node = |n: usize| if n % 2 == 0 { store.clone() } else { other.clone() };
    let jana = store.create_user(user_with_phone("jana", "Jana", Role::Consultant, "603 111 222")).await.unwrap();
    let petr = store.create_user(user_with_phone("petr", "Petr", Role::Consultant, "603 333 444")).await.unwrap();
    let start = clock.now();
    let mut ids = Vec::new();
    for round in 0..4 {
        let mut tasks = Vec::new();
        for i in 0..30 {
            let n = round * 30 + i;
            let mut draft = person(Some(&format!("Zákazník {n}")), Some(&format!("777 200 {n:03}")), None);
            draft.channel = Some(["web", "email", "phone", "in_person"][n % 4].into());
            draft.source = (n % 3 == 0).then(|| "google".into());
            draft.customer_type = Some(["b2b", "b2c"][n % 2].into());
            let lead = parse(&clock, draft);
            let store = node(n);
            tasks.push(tokio::spawn(async move { store.create_lead(lead, None, None).await.unwrap().id }));
        }
        for t in tasks {
            ids.push(t.await.unwrap());
        }
        // Ten hours on: answers, hand-overs, stages, with timers firing meanwhile.
        clock.advance(SignedDuration::from_mins(7));
        let mut tasks = Vec::new();
        for (k, id) in ids.iter().copied().enumerate().skip(round * 30) {
            let store = node(k / 2);
            let call = activity(&clock, "call", Some("out"), Some(if k % 3 == 0 { "no_answer" } else { "reached" }), None);
            let (stage, owner) = (["contacted", "qualified", "lost", "received"][k % 4], if k % 5 == 0 { petr } else { jana });
            tasks.push(tokio::spawn(async move {
                store.log_activity(id, call, None).await.unwrap();
                let _ = store
                    .patch_lead(id, LeadPatch { stage: Some(stage.into()), owner: Some(Some(owner)), ..Default::default() }, None)
                    .await;
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        clock.advance(SignedDuration::from_hours(10));
        while store.fire_due_timers(1000).await.unwrap() > 0 {}
    }
    let end = clock.now() + SignedDuration::from_hours(1);
    let tz = store.office_zone();
    let (d0, d1) = (tally::day_number(start.to_zoned(tz.clone()).date()), tally::day_number(end.to_zoned(tz.clone()).date()));
    let snapshot = |store: Arc<dyn Store>| async move {
        let mut all = Vec::new();
        for dim in Dim::EVERY {
            let mut rows = store.report_days(dim, d0, d1).await.unwrap();
            rows.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
            all.push((dim, rows));
        }
        all
    };
    let incremental = snapshot(store.clone()).await;
    let days = &incremental[0].1;
    assert!(days.len() >= 2, "the history spans days: {days:?}");
    let mut total = Tally::default();
    for (_, _, t) in days {
        total.merge(t);
    }
    assert_eq!(total.leads, ids.len() as i64);
    // The tallies' sums are the facts grouped.
    let facts: Vec<_> = store
        .report_facts(start - SignedDuration::from_hours(1), end, None, 10_000)
        .await
        .unwrap()
        .into_iter()
        .map(|(_, _, f)| f)
        .collect();
    assert_eq!(facts.len(), ids.len());
    let mut exact = tally::group(&facts, Dim::All).remove("all").unwrap();
    exact.exact = None;
    assert_eq!(total, exact);
    assert!(total.responded > 0 && total.lost > 0 && total.reached.get("qualified").copied().unwrap_or(0) > 0, "{total:?}");
    // Built again from nothing, the same.
    db.exec_raw("DELETE FROM report_cells").await.unwrap();
    db.exec_raw("DELETE FROM lead_facts").await.unwrap();
    assert_eq!(store.sync_report_facts().await.unwrap(), ids.len() as i64);
    assert_eq!(snapshot(store.clone()).await, incremental);
    other.close().await;
}
