//! A client's mistakes: RFC 9457 problems with the right status, never a 5xx, nothing written.

use reqwest::Method;
use serde_json::json;
use testkit::both;
use testkit::{Engine, Options, spawn_app, spawn_app_with};

both!(client_mistakes_are_problems, authentication_is_required);

const LIMIT: usize = 4096;

async fn client_mistakes_are_problems(engine: Engine) {
    let app = spawn_app_with(engine, Options::default().env("PRONTO_BODY_LIMIT", LIMIT)).await;
    let lead = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Existing" } })).await;
    let lead_path = format!("/api/v1/leads/{}", lead["id"]);
    let raw = |method: Method, path: &str, content_type: Option<&str>, body: &str| {
        let mut rb = app.req(method, path).body(body.to_owned());
        if let Some(ct) = content_type {
            rb = rb.header("content-type", ct);
        }
        app.send(rb)
    };

    // 400: malformed JSON.
    for body in ["{\"channel\": \"web\", ", "not json", "", "{\"channel\": \"web\"}}"] {
        raw(Method::POST, "/api/v1/leads", Some("application/json"), body).await.problem(400);
    }
    raw(Method::PATCH, &lead_path, Some("application/json"), "{\"stage\": ").await.problem(400);
    raw(Method::POST, &format!("{lead_path}/activities"), Some("application/json"), "{").await.problem(400);

    // 415: not JSON, or no content type.
    let valid = r#"{"channel": "web", "contact": {"name": "Ok"}}"#;
    raw(Method::POST, "/api/v1/leads", Some("text/plain"), valid).await.problem(415);
    raw(Method::POST, "/api/v1/leads", None, valid).await.problem(415);
    raw(Method::POST, "/api/v1/leads", Some("application/x-www-form-urlencoded"), "channel=web&name=Ok").await.problem(415);
    raw(Method::PATCH, &lead_path, Some("text/plain"), r#"{"stage": "won"}"#).await.problem(415);
    raw(Method::POST, "/api/v1/users", Some("text/plain"), "{}").await.problem(415);
    // ...while the same body as JSON (with parameters) is fine.
    raw(Method::POST, "/api/v1/leads", Some("application/json; charset=utf-8"), valid).await.expect(201);

    // 422: every invalid field named, API paths for nested ones.
    let post = |body: serde_json::Value| {
        let app = &app;
        async move { app.post("/api/v1/leads", &body).await }
    };
    post(json!({})).await.invalid(&["channel", "contact"]);
    post(json!({ "channel": "web" })).await.invalid(&["contact"]);
    post(json!({ "channel": "fax", "contact": { "email": "not-an-email", "phone": "12" } })).await.invalid(&[
        "channel",
        "contact.email",
        "contact.phone",
    ]);
    post(json!({ "channel": "web", "contact": { "name": "Ok", "phone": "call me maybe" }, "customer_type": "b2x", "received_at": "yesterday" }))
        .await
        .invalid(&["contact.phone", "customer_type", "received_at"]);
    post(json!({ "channel": "web", "contact": { "name": "Ok", "company_id": "12345678" } })).await.invalid(&["contact.company_id"]);
    post(json!({ "channel": 5, "contact": { "name": "Ok" } })).await.invalid(&["channel"]);
    post(json!({ "channel": "web", "contact": { "name": ["not", "text"] } })).await.invalid(&["contact.name"]);
    let shape = post(json!([1, 2, 3])).await;
    shape.problem(422);
    post(json!({ "channel": "web", "contact": { "name": "Ok" }, "received_at": "2999-01-01T00:00:00Z" })).await.invalid(&["received_at"]);
    app.patch(&lead_path, &json!({})).await.problem(422);

    // 413: over the body limit, on the API and on the form; just under it is fine.
    let big = json!({ "channel": "web", "contact": { "name": "Big" }, "message": "x".repeat(LIMIT * 2) });
    app.post("/api/v1/leads", &big).await.problem(413);
    let fits = json!({ "channel": "web", "contact": { "name": "Fits" }, "message": "y".repeat(LIMIT - 200) });
    app.post("/api/v1/leads", &fits).await.expect(201);
    app.patch(&lead_path, &json!({ "message": "z".repeat(LIMIT * 2) })).await.problem(413);
    let form = app
        .send(
            app.anon(Method::POST, "/forms/default")
                .header("accept", "application/json")
                .form(&[("name", "Big"), ("message", &"m".repeat(LIMIT * 2))]),
        )
        .await;
    form.problem(413);

    // 404 for unknown things.
    app.get("/api/v1/no-such-thing").await.problem(404);
    app.post("/api/v1/leads/987654321/activities", &json!({ "kind": "note", "body": "x" })).await.problem(404);

    // Nothing of the above was stored: the first lead, the JSON one with charset and `fits`.
    let all = app.all_leads("").await;
    assert_eq!(all.len(), 3, "{all:?}");
    assert_eq!(app.get(&lead_path).await.expect(200)["stage"], lead["stage"]);
    app.get("/healthz").await.expect(200);
}

async fn authentication_is_required(engine: Engine) {
    let app = spawn_app(engine).await;
    let body = json!({ "channel": "web", "contact": { "name": "Anonymous" } });

    let none = app.send(app.anon(Method::GET, "/api/v1/leads")).await;
    none.problem(401);
    assert!(none.header("www-authenticate").is_some_and(|h| h.to_ascii_lowercase().starts_with("bearer")), "{:?}", none.headers);
    app.send(app.anon(Method::POST, "/api/v1/leads").json(&body)).await.problem(401);
    app.send(app.anon(Method::GET, "/api/v1/me")).await.problem(401);
    app.send(app.anon(Method::POST, "/api/v1/users").json(&json!({ "name": "X", "login": "x", "role": "admin" }))).await.problem(401);
    // Authentication comes before reading the body.
    app.send(app.anon(Method::POST, "/api/v1/leads").header("content-type", "application/json").body("{oops")).await.problem(401);

    for auth in ["Bearer not-a-token", "Bearer ", "Basic YWRtaW46d3Jvbmc=", "Token abc", &app.token] {
        let res = app.send(app.anon(Method::GET, "/api/v1/leads").header("authorization", auth)).await;
        res.problem(401);
    }
    let almost = format!("Bearer {}x", app.token);
    app.send(app.anon(Method::POST, "/api/v1/leads").header("authorization", almost).json(&body)).await.problem(401);

    assert!(app.all_leads("").await.is_empty(), "nothing was created without a valid token");
    app.get("/api/v1/me").await.expect(200);
    app.send(app.anon(Method::GET, "/healthz")).await.expect(200);
}

both!(wrong_method_is_a_problem);

async fn wrong_method_is_a_problem(engine: Engine) {
    let app = spawn_app(engine).await;
    let res = app.send(app.req(Method::DELETE, "/api/v1/leads")).await;
    res.problem(405);
    let res = app.send(app.req(Method::PUT, "/api/v1/users")).await;
    res.problem(405);
}
