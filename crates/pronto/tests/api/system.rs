//! Health, metrics, the OpenAPI description and the test clock.

use jiff::{SignedDuration, Timestamp};
use reqwest::Method;
use serde_json::json;
use testkit::both;
use testkit::{Engine, Options, spawn_app, spawn_app_with};

both!(health_metrics_openapi, manual_clock, timers_fire_as_the_clock_advances, timers_due_while_down_fire_on_start);

async fn health_metrics_openapi(engine: Engine) {
    let app = spawn_app(engine).await;

    let health = app.send(app.anon(Method::GET, "/healthz")).await;
    assert_eq!(health.status, 200, "{health:?}");
    app.get("/api/v1/leads").await.expect(200);

    let metrics = app.send(app.anon(Method::GET, "/metrics")).await;
    assert_eq!(metrics.status, 200, "{metrics:?}");
    assert!(metrics.header("content-type").unwrap_or("").starts_with("text/plain"), "{:?}", metrics.headers);
    assert!(
        metrics.text.contains("pronto_http_requests_total"),
        "/metrics lacks pronto_http_requests_total although requests were served before it; body: {:?}",
        metrics.text
    );
    assert!(
        metrics.text.lines().any(|l| l.starts_with("pronto_http_requests_total{") && l.contains("200")),
        "a counted request: {}",
        metrics.text
    );
    assert!(metrics.text.contains("# TYPE pronto_http_requests_total counter"), "Prometheus text format: {}", metrics.text);

    let doc = app.send(app.anon(Method::GET, "/api/openapi.json")).await;
    let doc = doc.expect(200);
    let version = doc["openapi"].as_str().expect("openapi field");
    assert!(version.starts_with("3.1"), "OpenAPI 3.1, got {version}");
    let paths = doc["paths"].as_object().expect("paths");
    for p in [
        "/api/v1/leads",
        "/api/v1/leads/{id}",
        "/api/v1/leads/{id}/timeline",
        "/api/v1/leads/{id}/activities",
        "/api/v1/users",
        "/api/v1/me",
    ] {
        assert!(paths.contains_key(p), "OpenAPI lacks {p}: {:?}", paths.keys().collect::<Vec<_>>());
    }
    assert!(paths["/api/v1/leads"].get("post").is_some() && paths["/api/v1/leads"].get("get").is_some());
    assert!(paths["/api/v1/leads/{id}"].get("patch").is_some());
    // Every problem the server can answer is documented, as application/problem+json.
    let create = &paths["/api/v1/leads"]["post"]["responses"];
    for code in ["400", "401", "409", "413", "415", "422", "503"] {
        let content = create[code]["content"].as_object().unwrap_or_else(|| panic!("POST /api/v1/leads does not document {code}"));
        assert!(content.contains_key("application/problem+json"), "{code}: {content:?}");
    }
    assert!(paths["/api/v1/leads/{id}"]["get"]["responses"]["404"]["content"]["application/problem+json"].is_object());

    // With the real clock, the test clock does not exist.
    app.get("/api/v1/clock").await.problem(404);
    app.post("/api/v1/clock/advance", &json!({ "seconds": 60 })).await.problem(404);
}

async fn manual_clock(engine: Engine) {
    let start = "2031-05-06T07:08:09Z";
    let app = spawn_app_with(engine, Options::default().manual_clock(start)).await;
    let start: Timestamp = start.parse().unwrap();
    let now = |v: serde_json::Value| -> Timestamp { v["now"].as_str().expect("now").parse().expect("RFC 3339") };

    assert_eq!(now(app.get("/api/v1/clock").await.expect(200)), start);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(now(app.get("/api/v1/clock").await.expect(200)), start, "time stands still until told");
    let lead = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Clocked" } })).await;
    assert_eq!(lead["received_at"].as_str().unwrap().parse::<Timestamp>().unwrap(), start);

    let advanced = now(app.post("/api/v1/clock/advance", &json!({ "seconds": 90 })).await.expect(200));
    assert_eq!(advanced, start + SignedDuration::from_secs(90));
    assert_eq!(now(app.get("/api/v1/clock").await.expect(200)), advanced);
    let later = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Clocked Later" } })).await;
    assert_eq!(later["received_at"].as_str().unwrap().parse::<Timestamp>().unwrap(), advanced);
    let day = now(app.post("/api/v1/clock/advance", &json!({ "seconds": 86_400 })).await.expect(200));
    assert_eq!(day, advanced + SignedDuration::from_hours(24));

    app.post("/api/v1/clock/advance", &json!({})).await.invalid(&["seconds"]);
    app.post("/api/v1/clock/advance", &json!({ "seconds": -5 })).await.invalid(&["seconds"]);
    app.post("/api/v1/clock/advance", &json!({ "seconds": "soon" })).await.invalid(&["seconds"]);
    assert_eq!(now(app.get("/api/v1/clock").await.expect(200)), day, "refused advances do not move time");
    app.send(app.anon(Method::GET, "/api/v1/clock")).await.problem(401);
}

fn timer_events(timeline: &serde_json::Value) -> Vec<serde_json::Value> {
    timeline["items"].as_array().unwrap().iter().filter(|e| e["kind"] == "timer.fired").cloned().collect()
}

/// The first-response SLA's timers (the agency playbook: a warning after 5 working minutes,
/// the breach at 10) fire exactly at their time as the manual clock advances, once, and not
/// at all for a lead that was answered. 2031-05-06 is a Tuesday; 07:00Z is 09:00 in Prague.
async fn timers_fire_as_the_clock_advances(engine: Engine) {
    let start: Timestamp = "2031-05-06T07:00:00Z".parse().unwrap();
    let app = spawn_app_with(engine, Options::default().manual_clock(&start.to_string())).await;
    let lead = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Waiting", "phone": "777 300 001" } })).await;
    let answered = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Answered", "phone": "777 300 002" } })).await;
    app.post(&format!("/api/v1/leads/{}/activities", answered["id"]), &json!({ "kind": "call", "direction": "out", "outcome": "reached" }))
        .await
        .expect(201);
    let (lead_path, answered_path) =
        (format!("/api/v1/leads/{}/timeline", lead["id"]), format!("/api/v1/leads/{}/timeline", answered["id"]));

    app.post("/api/v1/clock/advance", &json!({ "seconds": 299 })).await.expect(200);
    assert!(timer_events(&app.get(&lead_path).await.expect(200)).is_empty(), "not before its time");
    app.post("/api/v1/clock/advance", &json!({ "seconds": 300 })).await.expect(200);
    let fired = timer_events(&app.get(&lead_path).await.expect(200));
    assert_eq!(fired.len(), 1, "only the warning by 09:09:59: {fired:?}");
    assert_eq!(fired[0]["timer"], "sla:first_response:warn");
    assert_eq!(fired[0]["at"].as_str().unwrap().parse::<Timestamp>().unwrap(), start + SignedDuration::from_secs(300), "at its own time");
    app.post("/api/v1/clock/advance", &json!({ "seconds": 3600 })).await.expect(200);
    let fired = timer_events(&app.get(&lead_path).await.expect(200));
    assert_eq!(fired.len(), 2, "{fired:?}");
    assert_eq!(fired[1]["timer"], "sla:first_response:breach");
    assert_eq!(fired[1]["at"].as_str().unwrap().parse::<Timestamp>().unwrap(), start + SignedDuration::from_secs(600), "at its own time");
    app.post("/api/v1/clock/advance", &json!({ "seconds": 86_400 })).await.expect(200);
    assert_eq!(timer_events(&app.get(&lead_path).await.expect(200)).len(), 2, "once each");
    assert!(timer_events(&app.get(&answered_path).await.expect(200)).is_empty(), "the response cancelled it");
}

/// A timer that fell due while the server was down fires right after it starts again.
async fn timers_due_while_down_fire_on_start(engine: Engine) {
    let start: Timestamp = "2031-05-06T07:00:00Z".parse().unwrap();
    let mut app = spawn_app_with(engine, Options::default().manual_clock(&start.to_string())).await;
    let lead = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Down", "phone": "777 300 003" } })).await;
    app.stop().await;
    app.set_env("PRONTO_CLOCK_START", start + SignedDuration::from_hours(1));
    app.start().await;
    let path = format!("/api/v1/leads/{}/timeline", lead["id"]);
    let mut fired = Vec::new();
    for _ in 0..100 {
        fired = timer_events(&app.get(&path).await.expect(200));
        if !fired.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // Both of the SLA's timers fell due during the hour of downtime.
    for _ in 0..100 {
        fired = timer_events(&app.get(&path).await.expect(200));
        if fired.len() >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let kinds: Vec<&str> = fired.iter().map(|e| e["timer"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["sla:first_response:warn", "sla:first_response:breach"],
        "the overdue timers fired after the restart, in order, once"
    );
}
