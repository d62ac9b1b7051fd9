//! Nothing a client sends can produce a 5xx: a battery of odd but possible requests, each
//! answered 2xx/3xx/4xx, and the server still serving afterwards.

use reqwest::Method;
use reqwest::header::HeaderValue;
use serde_json::json;
use testkit::both;
use testkit::{Engine, Options, spawn_app_with};

both!(no_client_input_is_a_5xx);

async fn no_client_input_is_a_5xx(engine: Engine) {
    let app = spawn_app_with(engine, Options::default().env("PRONTO_FORM_RATE_LIMIT", 0)).await;
    let lead = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Target" } })).await;
    let lead_id = lead["id"].as_i64().unwrap();
    let json_ct = "application/json";
    let form_ct = "application/x-www-form-urlencoded";

    let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
    let many_fields = (0..80).map(|i| format!("f{i}=v")).collect::<Vec<_>>().join("&") + "&name=x";
    let lead_path = format!("/api/v1/leads/{lead_id}");
    let activities = format!("{lead_path}/activities");
    let cases: Vec<(Method, String, Option<&str>, String)> = vec![
        // Query strings.
        (Method::GET, "/api/v1/leads?q=%00".into(), None, String::new()),
        (Method::GET, "/api/v1/leads?q=a%00b".into(), None, String::new()),
        (Method::GET, "/api/v1/leads?q=%FF%FE".into(), None, String::new()),
        (Method::GET, "/api/v1/leads?q=%5C%25_".into(), None, String::new()),
        (Method::GET, format!("/api/v1/leads?q={}", "a".repeat(5000)), None, String::new()),
        (Method::GET, "/api/v1/leads?stage=%00&status=%00&channel=%00".into(), None, String::new()),
        (Method::GET, "/api/v1/leads?owner=-1".into(), None, String::new()),
        (Method::GET, "/api/v1/leads?owner=99999999999999999999999".into(), None, String::new()),
        (Method::GET, "/api/v1/leads?limit=-1".into(), None, String::new()),
        (Method::GET, "/api/v1/leads?limit=99999999999999999999".into(), None, String::new()),
        (Method::GET, "/api/v1/leads?cursor=bGVhZDo5OTk5OTk5OTk5OTk5OTk5OTk5OTk5".into(), None, String::new()),
        (Method::GET, "/api/v1/leads?cursor=bGVhZDotNQ".into(), None, String::new()),
        (Method::GET, "/api/v1/leads?cursor=%00".into(), None, String::new()),
        (Method::GET, "/api/v1/leads?%ZZ=1&q=%".into(), None, String::new()),
        // Path ids.
        (Method::GET, "/api/v1/leads/9223372036854775807".into(), None, String::new()),
        (Method::GET, "/api/v1/leads/99999999999999999999999".into(), None, String::new()),
        (Method::GET, "/api/v1/leads/-1/timeline".into(), None, String::new()),
        (Method::GET, "/api/v1/contacts/0".into(), None, String::new()),
        (Method::POST, "/api/v1/users/9223372036854775807/tokens".into(), Some(json_ct), "{}".into()),
        // Lead bodies.
        (Method::POST, "/api/v1/leads".into(), Some(json_ct), deep.clone()),
        (Method::POST, "/api/v1/leads".into(), Some(json_ct), r#"{"channel":"web","contact":{"name":"a\u0000b"}}"#.into()),
        (
            Method::POST,
            "/api/v1/leads".into(),
            Some(json_ct),
            r#"{"channel":"web","contact":{"name":"ok"},"message":"a\u0000b","subject":"\ud800"}"#.into(),
        ),
        (
            Method::POST,
            "/api/v1/leads".into(),
            Some(json_ct),
            r#"{"channel":"web","contact":{"name":"ok","company_id":"AB\u0000"}}"#.into(),
        ),
        (
            Method::POST,
            "/api/v1/leads".into(),
            Some(json_ct),
            r#"{"channel":"web","contact":{"name":"ok"},"owner":9223372036854775807}"#.into(),
        ),
        (Method::POST, "/api/v1/leads".into(), Some(json_ct), r#"{"channel":"web","contact":{"name":"ok"},"owner":1e400}"#.into()),
        (
            Method::POST,
            "/api/v1/leads".into(),
            Some(json_ct),
            r#"{"channel":"web","contact":{"name":"ok"},"received_at":"-009999-01-01T00:00:00Z"}"#.into(),
        ),
        (
            Method::POST,
            "/api/v1/leads".into(),
            Some(json_ct),
            r#"{"channel":"web","contact":{"name":"ok"},"received_at":"1970-01-01T00:00:00+25:00"}"#.into(),
        ),
        (Method::POST, "/api/v1/leads".into(), Some(json_ct), r#"{"channel":null,"contact":"me"}"#.into()),
        (
            Method::POST,
            "/api/v1/leads".into(),
            Some(json_ct),
            r#"{"channel":"web","contact":{"phone":"+420 777 123 456 ext. 99999999999999999999"}}"#.into(),
        ),
        (Method::POST, "/api/v1/leads".into(), Some("application/json; charset=latin1"), "\u{ff}".into()),
        // Patches and activities.
        (Method::PATCH, lead_path.clone(), Some(json_ct), r#"{"owner":"abc"}"#.into()),
        (Method::PATCH, lead_path.clone(), Some(json_ct), r#"{"owner":-5,"stage":null}"#.into()),
        (Method::PATCH, lead_path.clone(), Some(json_ct), r#"{"subject":"a\u0000b"}"#.into()),
        (Method::POST, activities.clone(), Some(json_ct), r#"{"kind":"note","body":"x","at":"9999-12-31T23:59:59Z"}"#.into()),
        (Method::POST, activities.clone(), Some(json_ct), r#"{"kind":"note","body":"a\u0000b"}"#.into()),
        // Users and tokens.
        (Method::POST, "/api/v1/users".into(), Some(json_ct), r#"{"name":"a\u0000","login":"zz","role":"admin"}"#.into()),
        (
            Method::POST,
            "/api/v1/users".into(),
            Some(json_ct),
            format!(r#"{{"name":"x","login":"long","role":"admin","password":"{}"}}"#, "p".repeat(3000)),
        ),
        (Method::POST, "/api/v1/users/1/tokens".into(), Some(json_ct), r#"{"name":"a\u0000"}"#.into()),
        (Method::POST, "/api/v1/clock/advance".into(), Some(json_ct), r#"{"seconds":1e30}"#.into()),
        // The public form.
        (Method::POST, "/forms/default".into(), Some("multipart/form-data; boundary=xyz"), "--xyz\r\nbroken".into()),
        (Method::POST, "/forms/default".into(), Some("multipart/form-data"), "x".into()),
        (Method::POST, "/forms/default".into(), Some(json_ct), r#"{"name":{"a":1}}"#.into()),
        (Method::POST, "/forms/default".into(), Some(json_ct), "[1]".into()),
        (Method::POST, "/forms/default".into(), Some(json_ct), deep),
        (Method::POST, "/forms/default".into(), Some(form_ct), many_fields),
        (Method::POST, "/forms/default".into(), Some(form_ct), "name=x&ex%00=a%00b&message=a%00b".into()),
        (Method::POST, "/forms/default".into(), Some(form_ct), "name=x&%FF=%FE&email=%00".into()),
        (Method::POST, "/forms/default".into(), Some(form_ct), "name=%E2%80%AE%F0%9F%98%80".into()),
    ];

    let mut failures = Vec::new();
    for (method, path, ct, body) in cases {
        for accept in ["application/json", "text/html"] {
            if accept == "text/html" && !path.starts_with("/forms/") {
                continue;
            }
            let mut rb = app.req(method.clone(), &path).header("accept", accept).body(body.clone());
            if let Some(ct) = ct {
                rb = rb.header("content-type", ct);
            }
            let res = app.send(rb).await;
            if res.status >= 500 {
                failures.push(format!(
                    "{method} {path} ({accept}) body {:?} -> {}: {}",
                    body.chars().take(80).collect::<String>(),
                    res.status,
                    res.text
                ));
            }
        }
    }
    // A header that is not ASCII.
    let res = app
        .send(
            app.req(Method::POST, "/api/v1/leads")
                .header("idempotency-key", HeaderValue::from_bytes(b"\xc3\xa9t\xc3\xa9").unwrap())
                .json(&json!({ "channel": "web", "contact": { "name": "x" } })),
        )
        .await;
    if res.status >= 500 {
        failures.push(format!("non-ASCII Idempotency-Key -> {}: {}", res.status, res.text));
    }
    assert!(failures.is_empty(), "client input answered with 5xx:\n{}", failures.join("\n"));
    app.get("/healthz").await.expect(200);
    app.get(&lead_path).await.expect(200);
}
