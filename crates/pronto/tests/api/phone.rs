//! The phone channel through `POST /hooks/telephony`, in both formats (Standard Webhooks JSON
//! and Twilio voice callbacks), with the manual clock: answered calls are responses with a
//! notes task for whoever took them, missed calls are called back and escalate at the
//! playbook's time (working time only), outgoing calls drive the retries, transfers hand the
//! lead over, events in any order or twice end the same, and bad or stale signatures are 401.

use crate::agency::{TUESDAY_9, advance, id, kinds, notes, tasks, timeline, to_user, user};
use testkit::both;
use testkit::{App, Engine, Options, spawn_app_with};
use serde_json::{Value, json};

both!(
    an_answered_call_is_an_answered_lead_with_a_notes_task,
    events_in_any_order_or_twice_end_the_same,
    a_missed_call_from_someone_new_is_called_back_and_escalates_in_working_time,
    a_missed_call_from_a_customer_joins_their_open_lead,
    outgoing_calls_drive_the_retries_and_a_reached_customer_ends_them,
    bad_stale_and_missing_signatures_are_refused,
    twilio_voice_callbacks_are_verified_and_recorded,
    transfers_hand_the_request_to_the_manager_or_promise_a_callback,
);

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const LINE: &str = "+420222000111";

async fn phone_app(engine: Engine, start: &str, extra: &[(&str, &str)]) -> App {
    let mut o = Options::default().manual_clock(start).env("PRONTO_TELEPHONY_SECRET", SECRET);
    for (k, v) in extra {
        o = o.env(k, v);
    }
    spawn_app_with(engine, o).await
}

async fn now_s(app: &App) -> i64 {
    let c = app.get("/api/v1/clock").await.expect(200);
    c["now"].as_str().unwrap().parse::<jiff::Timestamp>().unwrap().as_second()
}

/// Posts a signed event; returns (status, body).
async fn post_event(app: &App, id: &str, body: &Value) -> (u16, Value) {
    let ts = now_s(app).await.to_string();
    let text = body.to_string();
    let sig = pronto_alerts::signing::signature(SECRET, id, &ts, &text);
    let r = app
        .send(
            app.anon(reqwest::Method::POST, "/hooks/telephony")
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", ts)
                .header("webhook-signature", sig)
                .body(text),
        )
        .await;
    (r.status, if r.text.is_empty() { Value::Null } else { r.json() })
}

async fn event(app: &App, id: &str, body: Value) -> Value {
    let (status, v) = post_event(app, id, &body).await;
    assert_eq!(status, 200, "{body} → {v}");
    v
}

async fn clock_iso(app: &App) -> String {
    app.get("/api/v1/clock").await.expect(200)["now"].as_str().unwrap().to_owned()
}

async fn calls(app: &App, lead: i64) -> Vec<Value> {
    app.get(&format!("/api/v1/calls?lead={lead}")).await.expect(200)["items"].as_array().unwrap().clone()
}

async fn phone_leads(app: &App) -> Vec<Value> {
    app.all_leads("channel=phone").await
}

/// Jana takes a call from a new number: one lead, hers, answered at once (no "call now" SMS,
/// no first-call task), the call as a response on it, and a task for her to write it down.
async fn an_answered_call_is_an_answered_lead_with_a_notes_task(engine: Engine) {
    let app = phone_app(engine, TUESDAY_9, &[]).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    user(&app, "petr", "consultant", "+420 777 000 009").await;
    let at = clock_iso(&app).await;
    let call = |ev: &str, extra: Value| {
        let mut b = json!({ "event": ev, "call_id": "c-100", "from": "777 123 456", "to": LINE, "at": at });
        b.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        b
    };
    event(&app, "e1", call("ringing", json!({}))).await;
    assert!(phone_leads(&app).await.is_empty(), "ringing alone is not yet an inquiry");
    let v = event(&app, "e2", call("answered", json!({ "answered_by": "+420 777 000 001" }))).await;
    let l = v["lead_id"].as_i64().expect("a lead");
    advance(&app, 95).await;
    event(&app, "e3", call("ended", json!({ "duration_s": 95 }))).await;

    let lead = app.get(&format!("/api/v1/leads/{l}")).await.expect(200);
    assert_eq!(lead["channel"], "phone");
    assert_eq!(lead["owner"]["id"], jana, "whoever took it: {lead}");
    assert_eq!(lead["contact"]["phone"], "+420777123456");
    assert!(!lead["first_response_at"].is_null(), "answered: {lead}");
    let open = tasks(&app, l, "open").await;
    let names: Vec<&str> = open.iter().map(|t| t["task"].as_str().unwrap()).collect();
    assert_eq!(names, ["call_notes"], "{open:?}");
    assert_eq!(open[0]["assignee"]["id"], jana);
    assert!(to_user(&notes(&app, l).await, jana, "sms").is_empty(), "no SMS to the one on the phone");
    let acts = app.get(&format!("/api/v1/leads/{l}/activities")).await.expect(200);
    let a = &acts["items"][0];
    assert_eq!((a["kind"].as_str(), a["direction"].as_str(), a["outcome"].as_str()), (Some("call"), Some("in"), Some("reached")), "{acts}");
    let c = &calls(&app, l).await[0];
    assert_eq!((c["outcome"].as_str(), c["duration_s"].as_i64(), c["answered_by"].as_i64()), (Some("answered"), Some(95), Some(jana)), "{c}");
    assert_eq!((c["from"].as_str(), c["to"].as_str()), (Some("+420777123456"), Some(LINE)), "E.164 on the registry");
    assert!(kinds(&timeline(&app, l).await, "call.event").len() >= 2);
}

/// The same answered call told in three orders (and once twice): the same final state, one
/// lead each, one response each.
async fn events_in_any_order_or_twice_end_the_same(engine: Engine) {
    let app = phone_app(engine, TUESDAY_9, &[]).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let at = clock_iso(&app).await;
    let orders: [&[&str]; 3] = [&["ringing", "answered", "ended"], &["ended", "answered", "ringing"], &["answered", "ringing", "ended", "ended"]];
    let mut finals = Vec::new();
    for (n, order) in orders.iter().enumerate() {
        let from = format!("+42077712300{n}");
        let mut lead = None;
        for (i, ev) in order.iter().enumerate() {
            let body = json!({ "event": ev, "call_id": format!("o{n}"), "from": from, "to": LINE, "at": at,
                "answered_by": "jana", "duration_s": if *ev == "ended" { json!(60) } else { Value::Null } });
            // The last event of the third order repeats the one before it with the same id.
            let wid = if n == 2 && i == 3 { format!("o{n}-2") } else { format!("o{n}-{i}") };
            let v = event(&app, &wid, body).await;
            if n == 2 && i == 3 {
                assert_eq!(v["status"], "duplicate");
            }
            lead = lead.or(v["lead_id"].as_i64());
        }
        let l = lead.expect("a lead");
        let c = calls(&app, l).await.remove(0);
        let acts = app.get(&format!("/api/v1/leads/{l}/activities")).await.expect(200)["items"].as_array().unwrap().len();
        finals.push((c["outcome"].clone(), c["duration_s"].clone(), c["answered_at"].clone(), acts));
    }
    assert!(finals.iter().all(|f| *f == finals[0]), "{finals:?}");
    assert_eq!(finals[0].0, "answered");
    assert_eq!(phone_leads(&app).await.len(), 3);
}

/// A missed call from a new number at 09:00: a lead whose arrival rules call back (first call
/// with retries), SMS the consultant and escalate; nobody reacts → the coordinator at 09:10.
/// The same at 17:55 on a Friday waits for Monday's working minutes.
async fn a_missed_call_from_someone_new_is_called_back_and_escalates_in_working_time(engine: Engine) {
    let app = phone_app(engine, TUESDAY_9, &[]).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let olga = user(&app, "olga", "coordinator", "+420 777 000 002").await;
    let at = clock_iso(&app).await;
    event(&app, "m0", json!({ "event": "ringing", "call_id": "m1", "from": "+420 603 111 222", "to": LINE, "at": at })).await;
    let v = event(&app, "m1", json!({ "event": "missed", "call_id": "m1", "from": "+420 603 111 222", "to": LINE, "at": at })).await;
    let l = v["lead_id"].as_i64().unwrap();
    let lead = app.get(&format!("/api/v1/leads/{l}")).await.expect(200);
    assert_eq!((lead["subject"].as_str(), lead["owner"]["id"].as_i64()), (Some("Missed call"), Some(jana)));
    assert!(lead["first_response_at"].is_null());
    assert_eq!(tasks(&app, l, "open").await[0]["task"], "first_call");
    let ns = notes(&app, l).await;
    assert_eq!(to_user(&ns, jana, "sms").len(), 1, "the consultant is told at once");
    advance(&app, 599).await;
    assert!(to_user(&notes(&app, l).await, olga, "sms").is_empty());
    advance(&app, 1).await;
    assert_eq!(to_user(&notes(&app, l).await, olga, "sms").len(), 1, "nobody reacted in 10 working minutes: the coordinator");

    // Friday 16:55 in Prague: five working minutes left, the rest on Monday morning.
    let app = phone_app(engine, "2031-05-09T14:55:00Z", &[]).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let olga = user(&app, "olga", "coordinator", "+420 777 000 002").await;
    let at = clock_iso(&app).await;
    let l = event(&app, "f1", json!({ "event": "missed", "call_id": "f1", "from": "+420 603 111 333", "at": at })).await["lead_id"]
        .as_i64()
        .unwrap();
    advance(&app, 3 * 3600).await;
    assert!(to_user(&notes(&app, l).await, olga, "sms").is_empty(), "not outside working time");
    // Monday 09:05 in Prague (07:05Z) is 64 h 10 min after Friday 14:55Z.
    advance(&app, 61 * 3600 + 9 * 60).await;
    assert!(to_user(&notes(&app, l).await, olga, "sms").is_empty(), "not before Monday 09:05");
    advance(&app, 60).await;
    assert_eq!(to_user(&notes(&app, l).await, olga, "sms").len(), 1, "Monday, after the remaining working minutes");
}

/// A customer with an open inquiry calls (in another notation) and nobody answers: no new
/// lead; the missed call is on their lead, a callback task with retries, an SMS to the owner.
async fn a_missed_call_from_a_customer_joins_their_open_lead(engine: Engine) {
    let app = phone_app(engine, TUESDAY_9, &[]).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Jana Nováková", "phone": "777 123 456" } })).await);
    app.post(&format!("/api/v1/leads/{l}/activities"), &json!({ "kind": "call", "direction": "out", "outcome": "reached" })).await.expect(201);
    let at = clock_iso(&app).await;
    let v = event(&app, "x1", json!({ "event": "missed", "call_id": "x1", "from": "00420 777 123 456", "at": at })).await;
    assert_eq!(v["lead_id"], l, "their open lead");
    assert_eq!(app.all_leads("").await.len(), 1, "no new lead");
    let open = tasks(&app, l, "open").await;
    assert!(open.iter().any(|t| t["task"] == "call_back"), "{open:?}");
    let ns = notes(&app, l).await;
    let sms = to_user(&ns, jana, "sms");
    assert!(sms.iter().any(|n| n["text"].as_str().unwrap().starts_with("Missed call from Jana Nováková +420 777 123 456")), "{sms:?}");
    let acts = app.get(&format!("/api/v1/leads/{l}/activities")).await.expect(200);
    assert!(acts["items"].as_array().unwrap().iter().any(|a| a["outcome"] == "missed" && a["direction"] == "in"));
    // Once that inquiry is closed, the customer calling again is a new inquiry on the same contact.
    let contact = app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["contact"]["id"].clone();
    app.patch(&format!("/api/v1/leads/{l}"), &json!({ "status": "won" })).await.expect(200);
    let v = event(&app, "x2", json!({ "event": "missed", "call_id": "x2", "from": "+420777123456", "at": at })).await;
    let again = v["lead_id"].as_i64().unwrap();
    assert_ne!(again, l);
    assert_eq!(app.get(&format!("/api/v1/leads/{again}")).await.expect(200)["contact"]["id"], contact, "the same customer");
}

/// Outgoing calls reported by the exchange: no answer → the first-call task is done with
/// `no_answer` and tried again in 5 minutes; the customer picks up → the retries end.
async fn outgoing_calls_drive_the_retries_and_a_reached_customer_ends_them(engine: Engine) {
    let app = phone_app(engine, TUESDAY_9, &[]).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Karel", "phone": "777 222 333" } })).await);
    let at = clock_iso(&app).await;
    event(&app, "o1", json!({ "event": "missed", "direction": "out", "call_id": "out1", "from": "+420777000001", "to": "777 222 333", "at": at, "answered_by": jana })).await;
    let done = tasks(&app, l, "done").await;
    assert_eq!((done[0]["task"].as_str(), done[0]["outcome"].as_str()), (Some("first_call"), Some("no_answer")), "{done:?}");
    advance(&app, 300).await;
    let open = tasks(&app, l, "open").await;
    assert_eq!((open[0]["task"].as_str(), open[0]["attempt"].as_i64()), (Some("first_call"), Some(2)), "retried after 5 minutes: {open:?}");
    let at = clock_iso(&app).await;
    event(&app, "o2", json!({ "event": "answered", "direction": "out", "call_id": "out2", "to": "+420777222333", "at": at, "answered_by": jana })).await;
    event(&app, "o3", json!({ "event": "ended", "direction": "out", "call_id": "out2", "to": "+420777222333", "at": at, "duration_s": 40 })).await;
    assert!(tasks(&app, l, "open").await.iter().all(|t| t["task"] != "first_call"), "reached: no more retries");
    advance(&app, 3600).await;
    assert!(tasks(&app, l, "open").await.iter().all(|t| t["task"] != "first_call"));
    assert!(!app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["first_response_at"].is_null());
    let c = calls(&app, l).await;
    assert_eq!(c.len(), 2);
    assert!(c.iter().all(|c| c["direction"] == "out"));
}

async fn bad_stale_and_missing_signatures_are_refused(engine: Engine) {
    let app = phone_app(engine, TUESDAY_9, &[]).await;
    let body = json!({ "event": "missed", "call_id": "s1", "from": "+420603000111" }).to_string();
    let now = now_s(&app).await;
    let send = |id: &str, ts: i64, sig: String, body: String| {
        app.anon(reqwest::Method::POST, "/hooks/telephony")
            .header("content-type", "application/json")
            .header("webhook-id", id)
            .header("webhook-timestamp", ts.to_string())
            .header("webhook-signature", sig)
            .body(body)
    };
    let good = |id: &str, ts: i64, b: &str| pronto_alerts::signing::signature(SECRET, id, &ts.to_string(), b);
    let p = app.send(send("s1", now, "v1,AAAA".into(), body.clone())).await.problem(401);
    assert!(p["detail"].as_str().unwrap().contains("does not match"), "{p}");
    let p = app.send(send("s1", now - 600, good("s1", now - 600, &body), body.clone())).await.problem(401);
    assert!(p["detail"].as_str().unwrap().contains("5 minutes"), "{p}");
    let p = app.send(send("s1", now, good("s1", now, &body), body.replace("s1", "s2"))).await.problem(401);
    assert!(p["detail"].as_str().unwrap().contains("does not match"), "a changed body: {p}");
    app.send(app.anon(reqwest::Method::POST, "/hooks/telephony").header("content-type", "application/json").body(body.clone())).await.problem(401);
    assert!(phone_leads(&app).await.is_empty(), "nothing stored");
    // Signed but wrong: a precise 422.
    let bad = json!({ "event": "exploded", "duration_s": -1 });
    let (status, v) = post_event(&app, "s3", &bad).await;
    assert_eq!(status, 422, "{v}");
    let fields: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"event") && fields.contains(&"call_id") && fields.contains(&"duration_s"), "{v}");
    // The good one, twice with the same webhook-id: one lead.
    let v = event(&app, "s4", json!({ "event": "missed", "call_id": "s4", "from": "+420603000111" })).await;
    assert_eq!(v["status"], "recorded");
    let v = event(&app, "s4", json!({ "event": "missed", "call_id": "s4", "from": "+420603000111" })).await;
    assert_eq!(v["status"], "duplicate");
    assert_eq!(phone_leads(&app).await.len(), 1);
    // The admin page's test: a signed event through the same check, recorded as a call.
    crate::agency::user(&app, "boss", "admin", "+420 777 000 009").await;
    let login = app
        .client
        .post(app.url("/login"))
        .header("origin", app.base().trim_end_matches('/'))
        .form(&[("login", "boss"), ("password", "a long enough password")])
        .send()
        .await
        .unwrap();
    let cookie = login.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    let page = app
        .client
        .post(app.url("/admin/test/telephony"))
        .header("cookie", cookie)
        .header("origin", app.base().trim_end_matches('/'))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("was verified and recorded as call"), "{page}");
    // Without a secret nothing is taken.
    let plain = spawn_app_with(engine, Options::default()).await;
    plain.send(plain.anon(reqwest::Method::POST, "/hooks/telephony").header("content-type", "application/json").body(body)).await.problem(401);
}

async fn twilio_voice_callbacks_are_verified_and_recorded(engine: Engine) {
    let token = "twilio-auth-token-0123456789";
    let app = phone_app(engine, TUESDAY_9, &[("PRONTO_TELEPHONY_TWILIO_TOKEN", token), ("PRONTO_PUBLIC_URL", "https://crm.example.com")]).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let post = |fields: Vec<(&str, &str)>, good: bool| {
        let params: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let sig = pronto_alerts::signing::twilio_signature(if good { token } else { "wrong" }, "https://crm.example.com/hooks/telephony", &params);
        app.anon(reqwest::Method::POST, "/hooks/telephony").header("x-twilio-signature", sig).form(&params)
    };
    let base = |status: &'static str, sid: &'static str| {
        let from = if sid == "CA1" { "+420603444555" } else { "+420603444556" };
        vec![("CallSid", sid), ("CallStatus", status), ("From", from), ("To", LINE), ("Direction", "inbound"), ("AccountSid", "AC1")]
    };
    app.send(post(base("ringing", "CA1"), true)).await.expect(200);
    app.send(post(base("in-progress", "CA1"), true)).await.expect(200);
    let mut done = base("completed", "CA1");
    done.push(("CallDuration", "30"));
    let v = app.send(post(done.clone(), true)).await.expect(200);
    let l = v["lead_id"].as_i64().unwrap();
    assert_eq!(app.send(post(done, true)).await.expect(200)["status"], "duplicate");
    let c = &calls(&app, l).await[0];
    assert_eq!((c["source"].as_str(), c["outcome"].as_str(), c["duration_s"].as_i64()), (Some("twilio"), Some("answered"), Some(30)));
    assert!(!app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["first_response_at"].is_null());
    // Nobody picked up.
    let v = app.send(post(base("no-answer", "CA2"), true)).await.expect(200);
    let missed = v["lead_id"].as_i64().unwrap();
    assert_ne!(missed, l);
    assert_eq!(calls(&app, missed).await[0]["outcome"], "missed");
    let p = app.send(post(base("ringing", "CA3"), false)).await.problem(401);
    assert!(p["detail"].as_str().unwrap().contains("X-Twilio-Signature"), "{p}");
    app.send(post(vec![("CallSid", "CA4"), ("CallStatus", "exploded")], true)).await.invalid(&["CallStatus"]);
}

/// The distributor (seeds/003): the secretary takes the call and transfers it to a manager,
/// who now has the request (stage confirmed, the manager's call due within the hour); another
/// caller finds the manager busy: an URGENT callback within 10 minutes and an e-mail.
async fn transfers_hand_the_request_to_the_manager_or_promise_a_callback(engine: Engine) {
    let app = phone_app(engine, "2031-05-06T06:00:00Z", &[("PRONTO_PLAYBOOK", "distributor")]).await;
    let sveta = user(&app, "sveta", "secretary", "+7 916 000 00 01").await;
    let ivan = user(&app, "ivan", "manager", "+7 916 000 00 02").await;
    let at = clock_iso(&app).await;
    let ev = |e: &str, call: &str, extra: Value| {
        let mut b = json!({ "event": e, "call_id": call, "from": "+7 916 123 45 67", "to": "+74950000000", "at": at });
        b.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        b
    };
    let l = event(&app, "t1", ev("answered", "t", json!({ "answered_by": "sveta" }))).await["lead_id"].as_i64().unwrap();
    let lead = app.get(&format!("/api/v1/leads/{l}")).await.expect(200);
    assert_eq!(lead["owner"]["id"], sveta);
    event(&app, "t2", ev("transferred", "t", json!({ "transferred_to": "ivan", "hold_s": 20 }))).await;
    let lead = app.get(&format!("/api/v1/leads/{l}")).await.expect(200);
    assert_eq!((lead["owner"]["id"].as_i64(), lead["stage"].as_str()), (Some(ivan), Some("confirmed")), "{lead}");
    let open: Vec<String> = tasks(&app, l, "open").await.iter().map(|t| t["task"].as_str().unwrap().to_owned()).collect();
    assert!(open.contains(&"manager_call".to_owned()) && !open.contains(&"confirm_call".to_owned()), "{open:?}");

    // The second caller: transferred, the manager is busy (or does not pick up within 2 min).
    let l2 = event(&app, "u1", ev("answered", "u", json!({ "answered_by": "sveta", "from": "+7 916 765 43 21" }))).await["lead_id"]
        .as_i64()
        .unwrap();
    event(&app, "u2", ev("transferred", "u", json!({ "transferred_to": "ivan", "from": "+7 916 765 43 21" }))).await;
    event(&app, "u3", ev("returned", "u", json!({ "hold_s": 125, "from": "+7 916 765 43 21" }))).await;
    let open = tasks(&app, l2, "open").await;
    let callback = open.iter().find(|t| t["task"] == "callback").unwrap_or_else(|| panic!("an urgent callback: {open:?}"));
    assert_eq!(callback["assignee"]["id"], ivan);
    let due: jiff::Timestamp = callback["due_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(due.as_second() - now_s(&app).await, 600, "within 10 minutes");
    let ns = notes(&app, l2).await;
    let mails = to_user(&ns, ivan, "email");
    assert!(mails.iter().any(|m| m["subject"].as_str().unwrap().contains("URGENT") || m["subject"].as_str().unwrap().contains("СРОЧНО")), "{mails:?}");
    let acts = app.get(&format!("/api/v1/leads/{l2}/activities")).await.expect(200);
    assert!(acts["items"].as_array().unwrap().iter().any(|a| a["outcome"] == "manager_busy"), "{acts}");
    let c = &calls(&app, l2).await[0];
    assert_eq!(c["transfers"].as_array().unwrap().len(), 2, "{c}");
}
