//! The built-in `agency` playbook (seeds/000), rule by rule, through the HTTP API with the
//! manual clock. 2031-05-06 is a Tuesday; 07:00Z is 09:00 in Prague (summer time), when the
//! office opens. docs/playbooks.md names the test for each rule.

use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};
use testkit::both;
use testkit::{App, Engine, Options, spawn_app_with};

both!(
    phone_lead_gets_a_call_task_and_an_sms,
    lead_without_phone_gets_an_email_task,
    no_answer_retries_after_5_then_15_minutes_then_email,
    a_reached_customer_cancels_pending_retries,
    no_reaction_alerts_the_next_responsible_person,
    a_consultant_in_a_meeting_is_routed_around,
    walk_ins_sms_only_when_a_colleague_entered_them,
    after_hours_waits_for_working_time,
    coordinator_specialist_and_offer,
    after_hours_acknowledgement_in_the_customers_language,
    an_undecided_offer_is_followed_up_after_three_days,
    non_urgent_alerts_wait_for_working_time,
);

pub const TUESDAY_9: &str = "2031-05-06T07:00:00Z";

pub async fn app_at(engine: Engine, start: &str) -> App {
    spawn_app_with(engine, Options::default().manual_clock(start)).await
}

/// A user with a phone (for SMS) and e-mail; returns the user's id.
pub async fn user(app: &App, login: &str, role: &str, phone: &str) -> i64 {
    let u = app
        .post(
            "/api/v1/users",
            &json!({ "name": login[..1].to_uppercase() + &login[1..], "login": login, "role": role, "phone": phone,
                     "email": format!("{login}@example.com"), "password": "a long enough password" }),
        )
        .await
        .expect(201);
    u["id"].as_i64().unwrap()
}

pub async fn token_of(app: &App, user: i64) -> String {
    app.post(&format!("/api/v1/users/{user}/tokens"), &json!({})).await.expect(201)["token"].as_str().unwrap().to_owned()
}

pub fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("no id in {v}"))
}

pub async fn tasks(app: &App, lead: i64, status: &str) -> Vec<Value> {
    app.get(&format!("/api/v1/tasks?lead={lead}&status={status}")).await.expect(200)["items"].as_array().unwrap().clone()
}

pub async fn notes(app: &App, lead: i64) -> Vec<Value> {
    app.get(&format!("/api/v1/notifications?lead={lead}")).await.expect(200)["items"].as_array().unwrap().clone()
}

pub fn to_user<'a>(ns: &'a [Value], user: i64, channel: &str) -> Vec<&'a Value> {
    ns.iter().filter(|n| n["recipient"]["user_id"] == user && n["channel"] == channel).collect()
}

pub async fn timeline(app: &App, lead: i64) -> Vec<Value> {
    app.get(&format!("/api/v1/leads/{lead}/timeline")).await.expect(200)["items"].as_array().unwrap().clone()
}

pub fn kinds(tl: &[Value], kind: &str) -> Vec<Value> {
    tl.iter().filter(|e| e["kind"] == kind).cloned().collect()
}

pub async fn advance(app: &App, seconds: i64) {
    app.post("/api/v1/clock/advance", &json!({ "seconds": seconds })).await.expect(200);
}

pub async fn complete(app: &App, task: i64, outcome: &str) -> Value {
    app.post(&format!("/api/v1/tasks/{task}/complete"), &json!({ "outcome": outcome })).await.expect(200)
}

pub fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

pub fn time_of(v: &Value) -> Timestamp {
    v.as_str().unwrap_or_else(|| panic!("not a time: {v}")).parse().unwrap()
}

/// Rule "a lead with a phone → a call task for the consultant due now + an SMS to him".
async fn phone_lead_gets_a_call_task_and_an_sms(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let lead = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Jana Nováková", "phone": "777 123 456" } })).await;
    let l = id(&lead);
    let lead = app.get(&format!("/api/v1/leads/{l}")).await.expect(200);
    assert_eq!(lead["owner"]["id"], jana, "round robin among consultants: {lead}");
    assert_eq!(lead["playbook"], "agency");
    assert_eq!(lead["playbook_version"], 1);
    let assigned = kinds(&timeline(&app, l).await, "lead.assigned");
    assert!(assigned[0]["reason"].as_str().unwrap().contains("round robin"), "the reason is on the timeline: {assigned:?}");

    let open = tasks(&app, l, "open").await;
    assert_eq!(open.len(), 1, "{open:?}");
    let t = &open[0];
    assert_eq!((t["task"].as_str(), t["kind"].as_str(), t["priority"].as_str()), (Some("first_call"), Some("call"), Some("urgent")));
    assert_eq!(t["assignee"]["id"], jana);
    assert_eq!(time_of(&t["due_at"]), at(TUESDAY_9), "due now");
    assert!(t["script"].as_str().unwrap().contains("Promise nothing concrete"), "the call script is attached");

    let ns = notes(&app, l).await;
    let sms = to_user(&ns, jana, "sms");
    assert_eq!(sms.len(), 1, "{ns:?}");
    assert_eq!(sms[0]["recipient"]["address"], "+420777000001");
    assert_eq!(sms[0]["text"], format!("New inquiry: Jana Nováková +420 777 123 456, web — call now. Lead {l}"));
    assert_eq!(sms[0]["urgent"], true);
    // The `log` provider (the default) "sends" it at once, into the server's log.
    let sms_id = sms[0]["id"].clone();
    assert!(
        testkit::eventually(std::time::Duration::from_secs(5), || async {
            notes(&app, l).await.iter().any(|n| n["id"] == sms_id && n["status"] == "sent")
        })
        .await
    );
    // The same list, asked as the consultant: her own notifications only.
    let token = token_of(&app, jana).await;
    let mine = app.get_as(&token, "/api/v1/notifications").await.expect(200);
    assert!(mine["items"].as_array().unwrap().iter().all(|n| n["recipient"]["user_id"] == jana), "{mine}");
    app.get_as(&token, "/api/v1/notifications?recipient=1").await.problem(403);
}

/// Rule "without a phone → an e-mail task".
async fn lead_without_phone_gets_an_email_task(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = id(&app.create_lead(&json!({ "channel": "email", "contact": { "name": "Eva", "email": "eva@example.cz" } })).await);
    let open = tasks(&app, l, "open").await;
    assert_eq!(open.len(), 1);
    assert_eq!((open[0]["task"].as_str(), open[0]["kind"].as_str()), (Some("first_email"), Some("email")));
    let sms = notes(&app, l).await;
    let sms = to_user(&sms, jana, "sms");
    assert!(sms[0]["text"].as_str().unwrap().contains("no phone, write an e-mail"), "{sms:?}");
    // Completing the e-mail task records an outgoing e-mail: the first response.
    complete(&app, id(&open[0]), "done").await;
    let lead = app.get(&format!("/api/v1/leads/{l}")).await.expect(200);
    assert_eq!(time_of(&lead["first_response_at"]), at(TUESDAY_9));
    assert_eq!(lead["stage"], "contacted", "a response moves the lead to first contact");
}

/// Rule "no answer → call again after 5, then after another 15 minutes" (then an e-mail).
async fn no_answer_retries_after_5_then_15_minutes_then_email(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Karel", "phone": "777 222 333" } })).await);
    let first = tasks(&app, l, "open").await.remove(0);
    // The first attempt, by the one-click outcome.
    let done = complete(&app, id(&first), "no_answer").await;
    assert_eq!((done["status"].as_str(), done["outcome"].as_str()), (Some("done"), Some("no_answer")));
    // The next attempt is an open task at once, due in 5 minutes (the card and My tasks show it).
    let second = tasks(&app, l, "open").await;
    assert_eq!(second.len(), 1, "the retry, scheduled: {second:?}");
    assert_eq!((second[0]["task"].as_str(), second[0]["attempt"].as_i64()), (Some("first_call"), Some(2)));
    assert_eq!(time_of(&second[0]["due_at"]), at(TUESDAY_9) + SignedDuration::from_mins(5));
    advance(&app, 300).await;
    let due = tasks(&app, l, "open").await;
    assert_eq!(due.len(), 1, "at its time the same task is due, no second one: {due:?}");
    assert_eq!(due[0]["id"], second[0]["id"]);

    // The second attempt, reported as an outgoing call (as the exchange would): it completes the task.
    app.post(&format!("/api/v1/leads/{l}/activities"), &json!({ "kind": "call", "direction": "out", "outcome": "busy" })).await.expect(201);
    let third = tasks(&app, l, "open").await;
    assert_eq!(third[0]["attempt"], 3, "{third:?}");
    assert_eq!(time_of(&third[0]["due_at"]), at(TUESDAY_9) + SignedDuration::from_mins(20));
    advance(&app, 15 * 60).await;
    assert_eq!(tasks(&app, l, "open").await.len(), 1);

    // The third attempt fails too: the schedule is exhausted, an e-mail task follows.
    complete(&app, id(&third[0]), "failed").await;
    let open = tasks(&app, l, "open").await;
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0]["task"], "email_after_calls");
    let tl = timeline(&app, l).await;
    assert_eq!(kinds(&tl, "task.retry_scheduled").len(), 2);
    assert_eq!(kinds(&tl, "task.retries_exhausted").len(), 1);
    // Unknown outcomes are refused with the allowed ones named.
    let p = app.post(&format!("/api/v1/tasks/{}/complete", id(&open[0])), &json!({ "outcome": "maybe" })).await.invalid(&["outcome"]);
    assert!(p["errors"][0]["message"].as_str().unwrap().contains("done"), "{p}");
    app.post(&format!("/api/v1/tasks/{}/complete", id(&first)), &json!({ "outcome": "reached" })).await.problem(409);
    app.post("/api/v1/tasks/999999/complete", &json!({ "outcome": "reached" })).await.problem(404);
}

/// Rule "moot timers are cancelled: customer reached → no retry".
async fn a_reached_customer_cancels_pending_retries(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Lída", "phone": "777 444 555" } })).await);
    let first = tasks(&app, l, "open").await.remove(0);
    complete(&app, id(&first), "no_answer").await;
    // The customer calls back and is reached before the retry is due.
    advance(&app, 120).await;
    app.post(&format!("/api/v1/leads/{l}/activities"), &json!({ "kind": "call", "direction": "in", "outcome": "reached" }))
        .await
        .expect(201);
    advance(&app, 3600).await;
    let open = tasks(&app, l, "open").await;
    // What is left is writing the call down (whoever took it); no call task.
    assert!(open.iter().all(|t| t["task"] == "call_notes"), "no retry after the customer was reached: {open:?}");
    let tl = timeline(&app, l).await;
    assert!(kinds(&tl, "task.retry").is_empty(), "{tl:?}");
    assert!(kinds(&tl, "sla.met").len() == 1 && kinds(&tl, "sla.breached").is_empty(), "{tl:?}");
}

/// Rule "if he does not react, the system alerts the next responsible person" — in working
/// minutes: the coordinator after 10, the manager after another 15; each takes the tasks over.
async fn no_reaction_alerts_the_next_responsible_person(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let olga = user(&app, "olga", "coordinator", "+420 777 000 002").await;
    let milan = user(&app, "milan", "manager", "+420 777 000 003").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Tichý", "phone": "777 555 666" } })).await);
    // A second lead where the consultant reacts (a call attempt) in time: no escalation.
    let calm = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Rychlý", "phone": "777 555 667" } })).await);
    let reminder = notes(&app, l).await;
    assert_eq!(to_user(&reminder, jana, "in_app").len(), 1, "step 1: the owner is reminded in the app");
    advance(&app, 120).await;
    app.post(&format!("/api/v1/leads/{calm}/activities"), &json!({ "kind": "call", "direction": "out", "outcome": "no_answer" }))
        .await
        .expect(201);

    advance(&app, 479).await;
    assert!(to_user(&notes(&app, l).await, olga, "sms").is_empty(), "not before 10 working minutes");
    advance(&app, 1).await;
    let ns = notes(&app, l).await;
    let sms = to_user(&ns, olga, "sms");
    assert_eq!(sms.len(), 1, "the coordinator is alerted at 09:10: {ns:?}");
    assert!(sms[0]["text"].as_str().unwrap().starts_with("Nobody has reacted to Tichý +420 777 555 666"), "{sms:?}");
    let lead = app.get(&format!("/api/v1/leads/{l}")).await.expect(200);
    assert_eq!(lead["owner"]["id"], olga, "she takes it over");
    assert_eq!(tasks(&app, l, "open").await[0]["assignee"]["id"], olga);

    advance(&app, 15 * 60).await;
    assert_eq!(to_user(&notes(&app, l).await, milan, "sms").len(), 1, "then the manager, 15 working minutes later");
    assert!(to_user(&notes(&app, calm).await, olga, "sms").is_empty(), "a reaction stops the escalation");
    let steps = kinds(&timeline(&app, l).await, "escalation.step");
    assert_eq!(steps.len(), 3, "{steps:?}");
    assert_eq!(kinds(&timeline(&app, calm).await, "escalation.stopped").len(), 1);
}

/// "The consultant is often in meetings and must not be disturbed — the system should see that
/// and route around it": assignment skips him, and urgent work goes to the next person at once.
async fn a_consultant_in_a_meeting_is_routed_around(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let olga = user(&app, "olga", "coordinator", "+420 777 000 002").await;
    let jana_token = token_of(&app, jana).await;
    let me = app.send(app.req(reqwest::Method::PATCH, &format!("/api/v1/users/{jana}")).json(&json!({ "presence": "meeting" }))).await;
    assert_eq!(me.expect(200)["presence"], "meeting");
    app.send(app.req(reqwest::Method::PATCH, &format!("/api/v1/users/{jana}")).json(&json!({ "presence": "busy" })))
        .await
        .invalid(&["presence"]);

    // The only consultant is in a meeting: nobody is assigned, the coordinator is alerted now.
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Nový", "phone": "777 600 700" } })).await);
    let tl = timeline(&app, l).await;
    let failed = kinds(&tl, "assignment.failed");
    assert!(failed[0]["reason"].as_str().unwrap().contains("in a meeting"), "{failed:?}");
    let ns = notes(&app, l).await;
    assert!(to_user(&ns, jana, "sms").is_empty(), "not interrupted: {ns:?}");
    assert_eq!(to_user(&ns, olga, "sms").len(), 1, "the next person in the chain, at once: {ns:?}");
    assert_eq!(tasks(&app, l, "open").await[0]["assignee"]["id"], olga, "with the task");

    // A second consultant who is available gets the next lead; the reason names the skipped one.
    let petr = user(&app, "petr", "consultant", "+420 777 000 004").await;
    let l2 = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Druhý", "phone": "777 600 701" } })).await);
    let lead2 = app.get(&format!("/api/v1/leads/{l2}")).await.expect(200);
    assert_eq!(lead2["owner"]["id"], petr);
    let why = kinds(&timeline(&app, l2).await, "lead.assigned");
    assert!(why[0]["reason"].as_str().unwrap().contains("Jana (in a meeting)"), "{why:?}");

    // A non-urgent alert to someone in a meeting waits in the app instead of an SMS.
    let walk_in = id(&app
        .create_lead(&json!({ "channel": "in_person", "owner": jana, "contact": { "name": "Osobně", "phone": "777 600 702" } }))
        .await);
    let ns = notes(&app, walk_in).await;
    assert!(to_user(&ns, jana, "sms").is_empty(), "{ns:?}");
    assert!(!to_user(&ns, jana, "in_app").is_empty(), "{ns:?}");
    assert_eq!(kinds(&timeline(&app, walk_in).await, "notification.held").len(), 1);

    // Back from the meeting (the user sets it themself): SMS again.
    app.send(
        app.client.patch(app.url(&format!("/api/v1/users/{jana}"))).bearer_auth(&jana_token).json(&json!({ "presence": "available" })),
    )
    .await
    .expect(200);
    let l3 =
        id(&app.create_lead(&json!({ "channel": "web", "owner": jana, "contact": { "name": "Třetí", "phone": "777 600 703" } })).await);
    assert_eq!(to_user(&notes(&app, l3).await, jana, "sms").len(), 1);
}

/// Rule "an in-person lead entered by a colleague → SMS to the consultant; by the consultant
/// himself → none".
async fn walk_ins_sms_only_when_a_colleague_entered_them(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let olga = user(&app, "olga", "coordinator", "+420 777 000 002").await;
    let (jana_token, olga_token) = (token_of(&app, jana).await, token_of(&app, olga).await);
    let by_colleague = app
        .post_as(&olga_token, "/api/v1/leads", &json!({ "channel": "in_person", "contact": { "name": "Host", "phone": "777 700 001" } }))
        .await
        .expect(201);
    let l = id(&by_colleague);
    assert_eq!(by_colleague["entered_by"]["id"], olga);
    let sms = notes(&app, l).await;
    let sms = to_user(&sms, jana, "sms");
    assert_eq!(sms.len(), 1);
    assert!(sms[0]["text"].as_str().unwrap().starts_with("In-person inquiry entered for you: Host"), "{sms:?}");

    let by_himself = app
        .post_as(
            &jana_token,
            "/api/v1/leads",
            &json!({ "channel": "in_person", "contact": { "name": "Host Dva", "phone": "777 700 002" } }),
        )
        .await
        .expect(201);
    let l2 = id(&by_himself);
    let lead = app.get(&format!("/api/v1/leads/{l2}")).await.expect(200);
    assert_eq!(lead["owner"]["id"], jana, "he keeps the walk-in he entered");
    let ns = notes(&app, l2).await;
    assert!(ns.iter().all(|n| n["channel"] != "sms"), "no SMS: {ns:?}");
    assert_eq!(tasks(&app, l2, "open").await[0]["task"], "record_meeting");
}

/// Rule "the consultant communicates only during working hours": a lead at 23:59 on Friday is
/// due at 09:00 on Monday, and no escalation counts over the weekend.
async fn after_hours_waits_for_working_time(engine: Engine) {
    // Friday 2031-05-09 23:59 in Prague (21:59Z).
    let app = app_at(engine, "2031-05-09T21:59:00Z").await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let olga = user(&app, "olga", "coordinator", "+420 777 000 002").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Pozdní", "phone": "777 800 900" } })).await);
    let monday_9 = at("2031-05-12T07:00:00Z");
    assert_eq!(time_of(&tasks(&app, l, "open").await[0]["due_at"]), monday_9, "due at the next working time");
    let started = kinds(&timeline(&app, l).await, "sla.started");
    assert_eq!(time_of(&started[0]["due_at"]), monday_9 + SignedDuration::from_mins(10));
    // The whole weekend passes: nothing escalates.
    advance(
        &app,
        (monday_9 + SignedDuration::from_mins(10) - SignedDuration::from_secs(1)).duration_since(at("2031-05-09T21:59:00Z")).as_secs(),
    )
    .await;
    assert!(to_user(&notes(&app, l).await, olga, "sms").is_empty(), "no escalation counts outside working time");
    advance(&app, 1).await;
    assert_eq!(to_user(&notes(&app, l).await, olga, "sms").len(), 1, "Monday 09:10");
}

/// After first contact: the coordinator takes over, then the specialist, then the offer —
/// accepted, smaller, or rejected.
async fn coordinator_specialist_and_offer(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let olga = user(&app, "olga", "coordinator", "+420 777 000 002").await;
    user(&app, "sima", "specialist", "+420 777 000 005").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Firma", "phone": "777 900 100" } })).await);
    complete(&app, id(&tasks(&app, l, "open").await[0]), "reached").await;
    assert_eq!(app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["stage"], "contacted");
    app.patch(&format!("/api/v1/leads/{l}"), &json!({ "stage": "qualified" })).await.expect(200);
    app.patch(&format!("/api/v1/leads/{l}"), &json!({ "stage": "nowhere" })).await.invalid(&["stage"]);
    let gather = tasks(&app, l, "open").await;
    assert_eq!((gather[0]["task"].as_str(), gather[0]["role"].as_str()), (Some("gather_input"), Some("coordinator")));
    assert_eq!(time_of(&gather[0]["due_at"]), at(TUESDAY_9) + SignedDuration::from_hours(4), "4 working hours");
    assert_eq!(to_user(&notes(&app, l).await, olga, "in_app").len(), 1, "the coordinator is told");
    complete(&app, id(&gather[0]), "done").await;
    let meeting = tasks(&app, l, "open").await;
    assert_eq!((meeting[0]["task"].as_str(), meeting[0]["role"].as_str()), (Some("specialist_meeting"), Some("specialist")));
    complete(&app, id(&meeting[0]), "done").await;
    assert_eq!(app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["stage"], "offer");
    let prepare = tasks(&app, l, "open").await;
    assert_eq!(prepare[0]["task"], "prepare_offer");
    complete(&app, id(&prepare[0]), "done").await;
    let present = tasks(&app, l, "open").await;
    assert_eq!((present[0]["task"].as_str(), present[0]["assignee"]["id"].as_i64()), (Some("present_offer"), Some(jana)));
    complete(&app, id(&present[0]), "smaller").await;
    assert_eq!(tasks(&app, l, "open").await[0]["task"], "prepare_offer", "a modified, smaller offer");
    complete(&app, id(&tasks(&app, l, "open").await[0]), "done").await;
    complete(&app, id(&tasks(&app, l, "open").await[0]), "accepted").await;
    let lead = app.get(&format!("/api/v1/leads/{l}")).await.expect(200);
    assert_eq!((lead["stage"].as_str(), lead["status"].as_str()), (Some("won"), Some("won")));
    assert!(tasks(&app, l, "open").await.is_empty());
}

/// Customers want to know what to expect: after hours, an acknowledgement by e-mail in their
/// language (Czech when they did not say); in working time none (the consultant calls).
async fn after_hours_acknowledgement_in_the_customers_language(engine: Engine) {
    // Tuesday 2031-05-06 19:00 in Prague.
    let app = app_at(engine, "2031-05-06T17:00:00Z").await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let mail_to = |ns: &[Value], addr: &str| {
        ns.iter().filter(|n| n["recipient"]["address"] == addr && n["channel"] == "email").cloned().collect::<Vec<_>>()
    };
    let cs = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Jana", "email": "jana@example.cz" } })).await);
    let m = mail_to(&notes(&app, cs).await, "jana@example.cz");
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0]["subject"], "Vaši poptávku jsme přijali");
    assert!(m[0]["text"].as_str().unwrap().starts_with("Dobrý den, Jana,"), "{m:?}");
    let en = id(&app
        .create_lead(&json!({ "channel": "web", "language": "en", "contact": { "name": "John", "email": "john@example.com" } }))
        .await);
    let m = mail_to(&notes(&app, en).await, "john@example.com");
    assert_eq!(m[0]["subject"], "We have received your inquiry");
    let phone_only = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Bez mailu", "phone": "777 111 000" } })).await);
    assert!(notes(&app, phone_only).await.iter().all(|n| n["recipient"]["user_id"].is_i64()), "nothing to the customer without an address");
    // Next morning, in working time: the in-hours acknowledgement instead, once.
    advance(&app, 14 * 3600).await;
    let day = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Ráno", "email": "rano@example.cz" } })).await);
    let m = mail_to(&notes(&app, day).await, "rano@example.cz");
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0]["kind"], "ack");
    assert!(m[0]["text"].as_str().unwrap().contains("během několika minut"), "{m:?}");
}

/// An offer presented but not decided for three days is followed up; a decision cancels that
/// timer (a playbook timer set by one rule, handled by another, cancelled by a third).
async fn an_undecided_offer_is_followed_up_after_three_days(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    user(&app, "sima", "specialist", "+420 777 000 005").await;
    let undecided = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Váhavý", "phone": "777 900 200" } })).await);
    let decided = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Rozhodný", "phone": "777 900 201" } })).await);
    // Both go through first contact, the coordinator and the specialist to a presented offer.
    for l in [undecided, decided] {
        let open = tasks(&app, l, "open").await;
        let first_call = open.iter().find(|t| t["task"] == "first_call").unwrap();
        complete(&app, id(first_call), "reached").await;
        app.patch(&format!("/api/v1/leads/{l}"), &json!({ "stage": "qualified" })).await.expect(200);
        for _ in 0..2 {
            let t = tasks(&app, l, "open").await.remove(0);
            complete(&app, id(&t), "done").await;
        }
        let prepare = tasks(&app, l, "open").await.remove(0);
        assert_eq!(prepare["task"], "prepare_offer");
        complete(&app, id(&prepare), "done").await;
    }
    let present = tasks(&app, decided, "open").await.remove(0);
    complete(&app, id(&present), "accepted").await;
    advance(&app, 3 * 86_400).await;
    let open = tasks(&app, undecided, "open").await;
    assert!(open.iter().any(|t| t["task"] == "offer_follow_up"), "{open:?}");
    assert!(tasks(&app, decided, "open").await.is_empty(), "the decision cancelled the follow-up");
    let fired: Vec<Value> =
        kinds(&timeline(&app, decided).await, "timer.fired").into_iter().filter(|e| e["timer"] == "t:offer_follow_up").collect();
    assert!(fired.is_empty(), "{fired:?}");
}

/// Quiet hours: a non-urgent SMS (a walk-in entered by a colleague at 19:00) waits for the next
/// working morning; an urgent one (a new web inquiry) goes at once.
async fn non_urgent_alerts_wait_for_working_time(engine: Engine) {
    let app = app_at(engine, "2031-05-06T17:00:00Z").await; // Tuesday 19:00 in Prague
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let olga = user(&app, "olga", "coordinator", "+420 777 000 002").await;
    let olga_token = token_of(&app, olga).await;
    let walk_in = app
        .post_as(&olga_token, "/api/v1/leads", &json!({ "channel": "in_person", "contact": { "name": "Večer", "phone": "777 880 001" } }))
        .await
        .expect(201);
    let l = id(&walk_in);
    let sms = to_user(&notes(&app, l).await, jana, "sms").into_iter().next().cloned().expect("an SMS");
    assert_eq!(time_of(&sms["next_attempt_at"]), at("2031-05-07T07:00:00Z"), "Wednesday 09:00");
    assert_eq!(kinds(&timeline(&app, l).await, "notification.deferred").len(), 1);
    let urgent = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Hned", "phone": "777 880 002" } })).await);
    // The urgent one is sent while the (manual) clock still says 19:00.
    async fn status(app: &App, l: i64, user: i64) -> Option<String> {
        to_user(&notes(app, l).await, user, "sms").first().map(|n| n["status"].as_str().unwrap().to_owned())
    }
    assert!(
        testkit::eventually(std::time::Duration::from_secs(5), || async { status(&app, urgent, jana).await.as_deref() == Some("sent") })
            .await
    );
    advance(&app, 14 * 3600 - 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(status(&app, l, jana).await.as_deref(), Some("queued"), "not before 09:00");
    advance(&app, 1).await;
    assert!(
        testkit::eventually(std::time::Duration::from_secs(5), || async { status(&app, l, jana).await.as_deref() == Some("sent") }).await
    );
}
