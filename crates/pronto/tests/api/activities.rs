//! Activities: contact with the customer is recorded; the first response (an outgoing call that
//! reached the customer, an outgoing e-mail or SMS, a meeting) sets `first_response_at`, once.
//! Runs on the manual clock so every time is known.

use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};
use testkit::both;
use testkit::{App, Engine, Options, spawn_app_with};

both!(first_response_is_set_once);

const START: &str = "2030-03-04T09:00:00Z";

fn ts(v: &Value) -> Timestamp {
    v.as_str().unwrap_or_else(|| panic!("not a time: {v}")).parse().unwrap_or_else(|e| panic!("{v}: {e}"))
}

async fn advance(app: &App, seconds: i64) -> Timestamp {
    ts(&app.post("/api/v1/clock/advance", &json!({ "seconds": seconds })).await.expect(200)["now"])
}

async fn first_response_is_set_once(engine: Engine) {
    let app = spawn_app_with(engine, Options::default().manual_clock(START)).await;
    let start: Timestamp = START.parse().unwrap();
    let admin = app.me().await;
    let lead = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Responsive Customer", "phone": "777 000 111" } })).await;
    let lead_id = lead["id"].as_i64().unwrap();
    let path = format!("/api/v1/leads/{lead_id}/activities");
    assert_eq!(ts(&lead["received_at"]), start, "received now, on the manual clock");
    assert!(lead["first_response_at"].is_null());
    let first_response = || async { app.get(&format!("/api/v1/leads/{lead_id}")).await.expect(200)["first_response_at"].clone() };

    // Not responses.
    let t1 = advance(&app, 60).await;
    let note = app.post(&path, &json!({ "kind": "note", "body": "Customer wants a callback after lunch." })).await.expect(201);
    assert_eq!(note["kind"], "note");
    assert_eq!(note["lead_id"], lead_id);
    assert_eq!(note["body"], "Customer wants a callback after lunch.");
    assert_eq!(ts(&note["at"]), t1, "defaults to now");
    assert_eq!(note["user"]["id"], admin["id"]);
    advance(&app, 60).await;
    app.post(&path, &json!({ "kind": "call", "direction": "out", "outcome": "no_answer" })).await.expect(201);
    advance(&app, 60).await;
    app.post(&path, &json!({ "kind": "call", "direction": "out", "outcome": "busy" })).await.expect(201);
    advance(&app, 60).await;
    app.post(&path, &json!({ "kind": "email", "direction": "in", "body": "Are you there?" })).await.expect(201);
    advance(&app, 60).await;
    app.post(&path, &json!({ "kind": "sms", "direction": "in", "body": "Hello?" })).await.expect(201);
    assert!(first_response().await.is_null(), "no response yet");

    // The first response: an outgoing call that reached the customer.
    let t_response = advance(&app, 60).await;
    let call = app
        .post(&path, &json!({ "kind": "call", "direction": "out", "outcome": "reached", "body": "Agreed on a meeting." }))
        .await
        .expect(201);
    assert_eq!(call["direction"], "out");
    assert_eq!(call["outcome"], "reached");
    assert_eq!(ts(&first_response().await), t_response, "set by the reached call");

    // Later responses change nothing.
    advance(&app, 60).await;
    app.post(&path, &json!({ "kind": "sms", "direction": "out", "body": "See you at 10." })).await.expect(201);
    advance(&app, 60).await;
    app.post(&path, &json!({ "kind": "call", "direction": "out", "outcome": "reached" })).await.expect(201);
    app.post(&path, &json!({ "kind": "meeting", "body": "Met on site." })).await.expect(201);
    assert_eq!(ts(&first_response().await), t_response, "set once");

    let list = app.get(&path).await.expect(200);
    let items = list["items"].as_array().expect("items");
    let kinds: Vec<&str> = items.iter().map(|a| a["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["note", "call", "call", "email", "sms", "call", "sms", "call", "meeting"], "oldest first");
    let timeline = app.get(&format!("/api/v1/leads/{lead_id}/timeline")).await.expect(200);
    let events = timeline["items"].as_array().unwrap();
    let count = |k: &str| events.iter().filter(|e| e["kind"] == k).count();
    assert_eq!(count("activity.logged"), 9, "{timeline}");
    assert_eq!(count("lead.first_response"), 1, "{timeline}");
    let fr = events.iter().find(|e| e["kind"] == "lead.first_response").unwrap();
    assert_eq!(ts(&fr["at"]), t_response);

    // Each kind of first response: an outgoing e-mail (at a given earlier time), an SMS, a meeting.
    for (activity, back) in [
        (json!({ "kind": "email", "direction": "out", "body": "Offer attached." }), 30),
        (json!({ "kind": "sms", "direction": "out", "body": "We will call you." }), 0),
        (json!({ "kind": "meeting", "body": "Showroom visit." }), 0),
    ] {
        let other = app
            .create_lead(&json!({ "channel": "email", "contact": { "email": format!("c{}@example.com", testkit::random_u64()) } }))
            .await;
        let now = advance(&app, 120).await;
        let mut activity = activity;
        let at = now - SignedDuration::from_secs(back);
        if back > 0 {
            activity["at"] = json!(at.to_string());
        }
        app.post(&format!("/api/v1/leads/{}/activities", other["id"]), &activity).await.expect(201);
        let other = app.get(&format!("/api/v1/leads/{}", other["id"])).await.expect(200);
        assert_eq!(ts(&other["first_response_at"]), at, "{activity} is a first response");
    }

    // Invalid activities name their fields and are not stored.
    app.post(&path, &json!({})).await.invalid(&["kind"]);
    app.post(&path, &json!({ "kind": "fax" })).await.invalid(&["kind"]);
    app.post(&path, &json!({ "kind": "call", "direction": "out" })).await.invalid(&["outcome"]);
    app.post(&path, &json!({ "kind": "call", "outcome": "reached" })).await.invalid(&["direction"]);
    app.post(&path, &json!({ "kind": "note" })).await.invalid(&["body"]);
    app.post(&path, &json!({ "kind": "note", "body": "x", "outcome": "reached" })).await.invalid(&["outcome"]);
    app.post(&path, &json!({ "kind": "call", "direction": "sideways", "outcome": "maybe" })).await.invalid(&["direction", "outcome"]);
    app.post(&path, &json!({ "kind": "note", "body": "x", "at": "not a time" })).await.invalid(&["at"]);
    assert_eq!(app.get(&path).await.expect(200)["items"].as_array().unwrap().len(), 9);
}
