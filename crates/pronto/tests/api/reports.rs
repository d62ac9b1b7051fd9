//! Reports through the API, with hand-computed expectations and the manual clock.

use crate::agency::{TUESDAY_9, advance, app_at, id, user};
use crate::both;
use crate::harness::Engine;
use serde_json::json;

both!(response_time_by_channel_and_owner, sla_compliance_met_breached_and_at_risk);

async fn response_time_by_channel_and_owner(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let a = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "A", "phone": "777 000 101" } })).await);
    let b = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "B", "phone": "777 000 102" } })).await);
    id(&app.create_lead(&json!({ "channel": "phone", "contact": { "name": "C", "phone": "777 000 103" } })).await);
    let reached = json!({ "kind": "call", "direction": "out", "outcome": "reached" });
    advance(&app, 120).await;
    app.post(&format!("/api/v1/leads/{a}/activities"), &reached).await.expect(201);
    advance(&app, 480).await;
    app.post(&format!("/api/v1/leads/{b}/activities"), &reached).await.expect(201);
    let r = app.get("/api/v1/reports/response-time").await.expect(200);
    let g = |key: &str| r["groups"].as_array().unwrap().iter().find(|g| g["key"] == key).cloned().unwrap_or_else(|| panic!("{key}: {r}"));
    let web = g("web");
    // 120 s and 600 s: the median is their mean; the 90th percentile the larger; one within 5 min.
    assert_eq!((web["leads"].as_i64(), web["responded"].as_i64()), (Some(2), Some(2)), "{web}");
    assert_eq!((web["median_seconds"].as_f64(), web["p90_seconds"].as_f64()), (Some(360.0), Some(600.0)));
    assert_eq!((web["within_5_min"].as_i64(), web["within_5_min_share"].as_f64()), (Some(1), Some(0.5)));
    let phone = g("phone");
    assert_eq!((phone["leads"].as_i64(), phone["responded"].as_i64(), phone["median_seconds"].is_null()), (Some(1), Some(0), true), "never answered");
    let by_owner = app.get("/api/v1/reports/response-time?group_by=owner").await.expect(200);
    assert_eq!(by_owner["groups"][0]["key"], "Jana");
    assert_eq!(by_owner["groups"][0]["leads"], 3);
    // A window without those leads.
    let none = app.get("/api/v1/reports/response-time?from=2031-05-07T00:00:00Z&to=2031-05-08T00:00:00Z").await.expect(200);
    assert!(none["groups"].as_array().unwrap().is_empty(), "{none}");
    app.get("/api/v1/reports/response-time?group_by=moon").await.invalid(&["group_by"]);
    app.get("/api/v1/reports/response-time?from=2031-05-08T00:00:00Z&to=2031-05-07T00:00:00Z").await.invalid(&["from"]);
    app.get("/api/v1/reports/response-time?to=yesterday").await.invalid(&["to"]);
    app.send(app.anon(reqwest::Method::GET, "/api/v1/reports/response-time")).await.problem(401);
}

/// The agency's first-response SLA (10 working minutes): one met, one breached, one running.
async fn sla_compliance_met_breached_and_at_risk(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let met = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Met", "phone": "777 000 201" } })).await);
    id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Late", "phone": "777 000 202" } })).await);
    advance(&app, 120).await;
    app.post(&format!("/api/v1/leads/{met}/activities"), &json!({ "kind": "call", "direction": "out", "outcome": "reached" })).await.expect(201);
    advance(&app, 600).await;
    let running = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Now", "phone": "777 000 203" } })).await);
    let r = app.get("/api/v1/reports/sla").await.expect(200);
    let line = r["slas"].as_array().unwrap().iter().find(|s| s["sla"] == "first_response").cloned().unwrap_or_else(|| panic!("{r}"));
    assert_eq!((line["met"].as_i64(), line["breached"].as_i64(), line["compliance"].as_f64()), (Some(1), Some(1), Some(0.5)), "{line}");
    let risk = line["at_risk"].as_array().unwrap();
    assert_eq!(risk.len(), 1, "{line}");
    assert_eq!((risk[0]["lead_id"].as_i64(), risk[0]["owner"].as_str()), (Some(running), Some("Jana")));
    app.get("/api/v1/reports/sla?from=tomorrow").await.invalid(&["from"]);
}
