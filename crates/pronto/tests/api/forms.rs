//! The public web form `POST /forms/default`: urlencoded, multipart and JSON; 303 for a
//! browser, 201 for JSON; the honeypot; flat field names in 422; 415; CORS; the per-IP rate limit.

use reqwest::Method;
use reqwest::multipart::Form;
use serde_json::{Value, json};
use testkit::both;
use testkit::{Engine, Options, spawn_app, spawn_app_with};

both!(web_form_intake, web_form_rate_limit);

const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

async fn web_form_intake(engine: Engine) {
    let app = spawn_app(engine).await;
    let form = || app.anon(Method::POST, "/forms/default");
    let lead_count = || async { app.all_leads("").await.len() };

    // A browser posting urlencoded: 303 to a thank-you page.
    let res = app
        .send(form().header("accept", BROWSER_ACCEPT).form(&[
            ("name", "Jana Nováková"),
            ("email", "Jana@Example.cz"),
            ("phone", "777 123 456"),
            ("company", "Firma s.r.o."),
            ("company_id", "261 68 685"),
            ("message", "Chci nabídku na web."),
            ("budget", "50k"),
            ("pronto_hp", ""),
        ]))
        .await;
    assert_eq!(res.status, 303, "{res:?}");
    let location = res.header("location").expect("303 has a Location").to_owned();
    assert!(!location.is_empty());
    if location.starts_with('/') {
        let thanks = app.send(app.anon(Method::GET, &location)).await;
        assert_eq!(thanks.status, 200, "the thank-you page {location}: {thanks:?}");
        let csp = thanks.header("content-security-policy").unwrap_or_default();
        assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!((thanks.header("x-content-type-options"), thanks.header("x-frame-options")), (Some("nosniff"), Some("DENY")));
    }
    let leads = app.all_leads("").await;
    assert_eq!(leads.len(), 1);
    let web = &leads[0];
    assert_eq!(web["channel"], "web");
    assert_eq!(web["contact"]["name"], "Jana Nováková");
    assert_eq!(web["contact"]["phone"], "+420777123456");
    assert!(web["contact"]["email"].as_str().unwrap().eq_ignore_ascii_case("jana@example.cz"));
    assert_eq!(web["message"], "Chci nabídku na web.");
    assert_eq!(web["company"]["company_id"], "26168685", "{web}");
    assert_eq!(web["extra"]["budget"], "50k", "unknown fields are kept in extra: {web}");
    assert!(web["extra"].get("pronto_hp").is_none(), "the honeypot is not kept: {web}");
    assert!(web["entered_by"].is_null(), "nobody entered a web-form lead: {web}");

    // Multipart asking for JSON: 201 with a receipt.
    let mp = Form::new().text("name", "Petr Svoboda").text("email", "petr@example.com").text("favourite_colour", "green");
    let res = app.send(form().header("accept", "application/json").multipart(mp)).await;
    let receipt = res.expect(201);
    assert_eq!(receipt["status"], "received");
    receipt["received_at"].as_str().expect("received_at").parse::<jiff::Timestamp>().expect("received_at is RFC 3339");
    let mp_id = receipt["id"].as_i64().expect("receipt id");
    let lead = app.get(&format!("/api/v1/leads/{mp_id}")).await.expect(200);
    assert_eq!(lead["contact"]["name"], "Petr Svoboda");
    assert_eq!(lead["channel"], "web");
    assert_eq!(lead["extra"]["favourite_colour"], "green");

    // JSON asking for JSON.
    let res = app
        .send(form().header("accept", "application/json").json(&json!({
            "name": "Eva Malá", "phone": "+420 602 123 456", "message": "Ozvěte se", "newsletter": true, "rooms": 3
        })))
        .await;
    let json_id = res.expect(201)["id"].as_i64().expect("id");
    let lead = app.get(&format!("/api/v1/leads/{json_id}")).await.expect(200);
    assert_eq!(lead["contact"]["phone"], "+420602123456");
    assert_eq!(lead["message"], "Ozvěte se");
    assert!(lead["extra"].get("newsletter").is_some() && lead["extra"].get("rooms").is_some(), "{lead}");

    // Multipart from a browser: 303. The same phone in another notation: the same contact.
    let mp = Form::new().text("name", "J. Nováková").text("phone", "00420 777-123-456");
    let res = app.send(form().header("accept", BROWSER_ACCEPT).multipart(mp)).await;
    assert_eq!(res.status, 303, "{res:?}");
    let again = &app.all_leads("").await[0];
    assert_eq!(again["contact"]["id"], web["contact"]["id"], "duplicate detection on form intake");
    assert_eq!(lead_count().await, 4);

    // The honeypot: looks accepted, keeps nothing.
    let res = app
        .send(
            form()
                .header("accept", "application/json")
                .json(&json!({ "name": "Bot", "email": "bot@spam.example", "pronto_hp": "http://spam.example" })),
        )
        .await;
    let receipt = res.expect(201);
    assert_eq!(receipt["status"], "received", "{receipt}");
    assert!(receipt.get("id").is_none_or(Value::is_null), "a bot gets no lead id: {receipt}");
    let res = app
        .send(form().header("accept", BROWSER_ACCEPT).form(&[("name", "Bot"), ("email", "bot@spam.example"), ("pronto_hp", "buy now")]))
        .await;
    assert_eq!(res.status, 303, "{res:?}");
    assert_eq!(lead_count().await, 4, "the honeypot created nothing");
    assert!(app.all_leads("q=spam").await.is_empty());

    // Invalid: 422 naming the form's own (flat) fields.
    let res = app.send(form().header("accept", "application/json").json(&json!({ "name": "X", "phone": "call me" }))).await;
    res.invalid(&["phone"]);
    let res = app.send(form().header("accept", "application/json").form(&[("name", "X"), ("email", "not-an-email")])).await;
    res.invalid(&["email"]);
    let res = app.send(form().header("accept", "application/json").form(&[("message", "just a message")])).await;
    let problem = res.problem(422);
    for e in problem["errors"].as_array().expect("errors") {
        assert!(!e["field"].as_str().unwrap().contains('.'), "a form's field names are flat: {problem}");
    }
    let res = app.send(form().header("accept", BROWSER_ACCEPT).form(&[("name", "X"), ("phone", "call me")])).await;
    assert_eq!(res.status, 422, "a browser gets the 422 too (as a page): {res:?}");

    // Not a form content type: 415. Unknown form: 404.
    let res = app.send(form().header("accept", "application/json").header("content-type", "text/plain").body("name=X")).await;
    res.problem(415);
    let res =
        app.send(app.anon(Method::POST, "/forms/no-such-form").header("accept", "application/json").json(&json!({ "name": "X" }))).await;
    res.problem(404);
    assert_eq!(lead_count().await, 4, "nothing stored by the failures");

    // CORS: the form can live on the company's own site.
    let origin = "https://www.example-company.cz";
    let pre = app
        .send(
            app.anon(Method::OPTIONS, "/forms/default")
                .header("origin", origin)
                .header("access-control-request-method", "POST")
                .header("access-control-request-headers", "content-type"),
        )
        .await;
    assert!((200..300).contains(&pre.status), "preflight: {pre:?}");
    let allow_origin = pre.header("access-control-allow-origin").unwrap_or_else(|| panic!("preflight without ACAO: {pre:?}"));
    assert!(allow_origin == "*" || allow_origin == origin, "{allow_origin}");
    let methods = pre.header("access-control-allow-methods").unwrap_or("").to_ascii_uppercase();
    assert!(methods.contains("POST") || methods == "*", "preflight allows POST: {pre:?}");
    let res = app
        .send(
            form()
                .header("origin", origin)
                .header("accept", "application/json")
                .json(&json!({ "name": "Cross Origin", "email": "x@origin.example" })),
        )
        .await;
    res.expect(201);
    assert!(res.header("access-control-allow-origin").is_some(), "the answer to a cross-origin POST carries ACAO: {res:?}");
    assert_eq!(lead_count().await, 5);
}

async fn web_form_rate_limit(engine: Engine) {
    let app = spawn_app_with(engine, Options::default().env("PRONTO_FORM_RATE_LIMIT", 3)).await;
    let submit = |client: &reqwest::Client, n: usize| {
        client
            .post(app.url("/forms/default"))
            .header("accept", "application/json")
            .json(&json!({ "name": format!("Rate {n}"), "email": format!("rate{n}@example.com") }))
    };
    for n in 0..3 {
        app.send(submit(&app.client, n)).await.expect(201);
    }
    let limited = app.send(submit(&app.client, 3)).await;
    limited.problem(429);
    let res = app.send(app.anon(Method::POST, "/forms/default").header("accept", BROWSER_ACCEPT).form(&[("name", "Rate browser")])).await;
    assert_eq!(res.status, 429, "{res:?}");
    assert_eq!(app.all_leads("").await.len(), 3, "nothing stored over the limit");

    // The limit is per client address: 127.0.0.2 has its own.
    pronto_alerts::install_tls();
    let other = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    app.send(submit(&other, 10)).await.expect(201);

    // The API is not the form: not limited by it.
    app.post("/api/v1/leads", &json!({ "channel": "web", "contact": { "name": "Via API" } })).await.expect(201);
    assert_eq!(app.all_leads("").await.len(), 5);
}
