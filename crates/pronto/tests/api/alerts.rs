//! Delivery from the outbox through real HTTP: a local server speaking the Twilio Messages
//! wire format receives the SMS (form-encoded, basic auth, idempotency token) and can be told
//! to fail; the notification's status, attempts and timeline follow.

use crate::agency::{TUESDAY_9, advance, id, kinds, notes, timeline, user};
use testkit::both;
use testkit::sms::gateway;
use testkit::smtp::SmtpServer;
use testkit::{App, Engine, Options, eventually, spawn_app_with};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::Duration;

both!(
    after_an_outage_everything_arrives_in_order,
    alerts_speak_the_recipients_language_and_the_company_can_reword_them,
    webhook_subscriptions_get_signed_events,
    an_allowed_webhook_is_posted_and_its_redirects_not_followed,
    mail_goes_through_a_real_smtp_server,
    killed_while_sending_everything_arrives_after_restart,
    a_local_gateway_gets_json_from_the_http_provider,
    the_live_stream_pushes_leads_and_own_notifications,
    an_sms_reaches_the_gateway_at_once,
    a_failing_gateway_is_retried_with_the_same_key,
    a_refused_sms_is_dead_lettered_and_retried_by_hand,
    in_app_centre_unread_and_read,
    webhooks_inside_the_network_are_refused
);

async fn app_with_gateway(engine: Engine, url: &str) -> App {
    spawn_app_with(
        engine,
        Options::default()
            .manual_clock(TUESDAY_9)
            .env("PRONTO_SMS_PROVIDER", "twilio")
            .env("PRONTO_SMS_URL", url)
            .env("PRONTO_SMS_ACCOUNT_SID", "AC0123456789")
            .env("PRONTO_SMS_AUTH_TOKEN", "gateway-secret-token")
            .env("PRONTO_SMS_FROM", "+420700000000"),
    )
    .await
}

async fn sms_of(app: &App, lead: i64) -> Value {
    notes(app, lead).await.into_iter().find(|n| n["channel"] == "sms").expect("an SMS notification")
}

async fn an_sms_reaches_the_gateway_at_once(engine: Engine) {
    let (gw, url) = gateway().await;
    let app = app_with_gateway(engine, &url).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Jana Nováková", "phone": "777 123 456" } })).await);
    assert!(eventually(Duration::from_secs(5), || async { !gw.received.lock().unwrap().is_empty() }).await, "no SMS reached the gateway");
    let (headers, form) = gw.received.lock().unwrap()[0].clone();
    assert_eq!(form["To"], "+420777000001");
    assert_eq!(form["From"], "+420700000000");
    assert_eq!(form["Body"], format!("New inquiry: Jana Nováková +420 777 123 456, web — call now. Lead {l}"));
    // Basic auth with the account SID and token.
    let auth = headers["authorization"].to_str().unwrap().to_owned();
    assert_eq!(auth, format!("Basic {}", base64_encode("AC0123456789:gateway-secret-token")));
    // The notification's stable key goes along, so a redelivery is recognisable.
    let key = headers["i-twilio-idempotency-token"].to_str().unwrap();
    assert!(key.starts_with(&format!("lead/{l}/received/")) && key.ends_with(&format!("/sms/{jana}")), "{key}");
    assert!(eventually(Duration::from_secs(5), || async { sms_of(&app, l).await["status"] == "sent" }).await);
    let sms = sms_of(&app, l).await;
    assert_eq!(sms["provider_id"], format!("SM{:032}", 1));
    assert_eq!(sms["attempts"], 1);
    let sent = kinds(&timeline(&app, l).await, "notification.sent");
    assert_eq!(sent.len(), 1, "delivery is on the lead's timeline");
    assert!(!app.output().contains("gateway-secret-token"), "the token never reaches the log");
}

/// The gateway answers 500, then 201: one delivery recorded after a retry, and both requests
/// carried the same idempotency key.
async fn a_failing_gateway_is_retried_with_the_same_key(engine: Engine) {
    let (gw, url) = gateway().await;
    gw.answers.lock().unwrap().extend([500, 503]);
    let app = app_with_gateway(engine, &url).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Karel", "phone": "777 222 333" } })).await);
    assert!(
        eventually(Duration::from_secs(5), || async {
            sms_of(&app, l).await["attempts"] == 1 && sms_of(&app, l).await["status"] == "queued"
        })
        .await
    );
    let sms = sms_of(&app, l).await;
    assert!(sms["last_error"].as_str().unwrap().contains("500"), "{sms}");
    // The first retry is due 5–6.25 s later (backoff with jitter), the second 10–12.5 s after that.
    advance(&app, 7).await;
    assert!(
        eventually(Duration::from_secs(5), || async {
            sms_of(&app, l).await["attempts"] == 2 && sms_of(&app, l).await["status"] == "queued"
        })
        .await
    );
    advance(&app, 13).await;
    assert!(eventually(Duration::from_secs(5), || async { sms_of(&app, l).await["status"] == "sent" }).await, "{}", sms_of(&app, l).await);
    let received = gw.received.lock().unwrap().clone();
    assert_eq!(received.len(), 3);
    let keys: Vec<&str> = received.iter().map(|(h, _)| h["i-twilio-idempotency-token"].to_str().unwrap()).collect();
    assert!(keys.iter().all(|k| *k == keys[0]), "{keys:?}");
    let tl = timeline(&app, l).await;
    assert_eq!(kinds(&tl, "notification.retrying").len(), 2);
    assert_eq!(kinds(&tl, "notification.sent").len(), 1);
}

/// The lead's SMS has been tried `attempts` times and waits for the next try.
async fn waiting(app: &App, lead: i64, attempts: i64) -> bool {
    let sms = sms_of(app, lead).await;
    sms["attempts"] == attempts && sms["status"] == "queued"
}

/// The gateway is down while three inquiries arrive: the first SMS is retried with backoff,
/// the later ones wait behind it (no attempt wasted on a gateway known to be down), and when
/// the gateway is back all three arrive, once each, in the order the inquiries came.
async fn after_an_outage_everything_arrives_in_order(engine: Engine) {
    let (gw, url) = gateway().await;
    *gw.down.lock().unwrap() = true;
    let app = app_with_gateway(engine, &url).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let names = ["Alena First", "Bohdan Second", "Cyril Third"];
    let lead = |n: usize| json!({ "channel": "web", "contact": { "name": names[n], "phone": format!("777 100 00{n}") } });
    let a = id(&app.create_lead(&lead(0)).await);
    assert!(eventually(Duration::from_secs(5), || async { waiting(&app, a, 1).await }).await);
    advance(&app, 7).await;
    assert!(eventually(Duration::from_secs(5), || async { waiting(&app, a, 2).await }).await);
    let b = id(&app.create_lead(&lead(1)).await);
    advance(&app, 14).await;
    assert!(eventually(Duration::from_secs(5), || async { waiting(&app, a, 3).await }).await);
    let c = id(&app.create_lead(&lead(2)).await);
    tokio::time::sleep(Duration::from_millis(300)).await;
    for l in [b, c] {
        let sms = sms_of(&app, l).await;
        assert_eq!((sms["status"].as_str(), sms["attempts"].as_i64()), (Some("queued"), Some(0)), "waits behind the first: {sms}");
    }
    // Back up: the first one's next retry (20–25 s after its third attempt) opens the way.
    *gw.down.lock().unwrap() = false;
    advance(&app, 26).await;
    assert!(
        eventually(Duration::from_secs(10), || async {
            let mut all = true;
            for l in [a, b, c] {
                all &= sms_of(&app, l).await["status"] == "sent";
            }
            all
        })
        .await
    );
    let received = gw.received.lock().unwrap().clone();
    let bodies: Vec<&str> = received.iter().map(|(_, f)| f["Body"].as_str()).collect();
    assert_eq!(bodies.len(), 6, "three failed tries of the first, then one each: {bodies:#?}");
    for (i, name) in names.iter().enumerate() {
        assert!(bodies[3 + i].contains(name), "in order: {bodies:#?}");
    }
    assert!(bodies[..3].iter().all(|b| b.contains(names[0])), "{bodies:#?}");
    assert_eq!(sms_of(&app, b).await["attempts"], 1);
    assert_eq!(sms_of(&app, c).await["attempts"], 1);
}

/// A Czech consultant gets the Czech alert with a link to the lead; an admin rewords it for
/// the company (checked: Fluent, known variables) and the next alert uses the new words; the
/// reset brings Pronto's text back.
async fn alerts_speak_the_recipients_language_and_the_company_can_reword_them(engine: Engine) {
    let (gw, url) = gateway().await;
    let app = spawn_app_with(
        engine,
        Options::default()
            .manual_clock(TUESDAY_9)
            .env("PRONTO_PUBLIC_URL", "https://crm.example.com/")
            .env("PRONTO_SMS_PROVIDER", "twilio")
            .env("PRONTO_SMS_URL", &url)
            .env("PRONTO_SMS_ACCOUNT_SID", "AC0123456789")
            .env("PRONTO_SMS_AUTH_TOKEN", "gateway-secret-token")
            .env("PRONTO_SMS_FROM", "+420700000000"),
    )
    .await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let u = app.patch(&format!("/api/v1/users/{jana}"), &json!({ "language": "cs" })).await.expect(200);
    assert_eq!(u["language"], "cs");
    app.patch(&format!("/api/v1/users/{jana}"), &json!({ "language": "de" })).await.invalid(&["language"]);
    let body = |n: usize| {
        let g = gw.clone();
        async move {
            assert!(eventually(Duration::from_secs(5), || async { g.received.lock().unwrap().len() >= n }).await);
            g.received.lock().unwrap()[n - 1].1["Body"].clone()
        }
    };
    let l = id(&app.create_lead(&json!({ "channel": "phone", "contact": { "name": "Karel Novák", "phone": "777 222 333" } })).await);
    let text = body(1).await;
    assert!(text.starts_with("Nov"), "Czech: {text}");
    assert!(text.contains("telefon"), "the channel in Czech: {text}");
    assert!(text.ends_with(&format!("https://crm.example.com/leads/{l}")), "{text}");

    // The list shows where each text comes from.
    let list = app.get("/api/v1/messages?playbook=agency&template=new_lead").await.expect(200);
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 5, "{list}");
    assert!(items.iter().all(|m| m["origin"] == "shipped"), "{list}");
    let he = items.iter().find(|m| m["language"] == "he").unwrap();
    assert!(he["example"].as_str().unwrap().contains("Jana Nováková"), "{he}");

    // Bad texts are refused with the reason; only admins reword.
    let path = "/api/v1/messages/agency/new_lead/cs";
    let p = app.send(app.req(reqwest::Method::PUT, path).json(&json!({ "text": "Volej { $customer }" }))).await.invalid(&["text"]);
    assert!(p.to_string().contains("unknown variable `$customer`"), "{p}");
    app.send(app.req(reqwest::Method::PUT, path).json(&json!({ "text": "Volej { $contact_name" }))).await.invalid(&["text"]);
    app.send(app.req(reqwest::Method::PUT, "/api/v1/messages/agency/no_such/cs").json(&json!({ "text": "x" }))).await.problem(404);
    app.send(app.req(reqwest::Method::PUT, "/api/v1/messages/agency/new_lead/de").json(&json!({ "text": "x" }))).await.problem(404);
    let (_, clerk) = app.user_with_token("clerk", "secretary").await;
    let r = app.send(app.anon(reqwest::Method::PUT, path).bearer_auth(&clerk).json(&json!({ "text": "x" }))).await;
    r.problem(403);

    let set = app
        .send(app.req(reqwest::Method::PUT, path).json(&json!({ "text": "Volejte hned: { $contact_name } { $contact_phone } { $lead_url }" })))
        .await
        .expect(200);
    assert_eq!(set["origin"], "company");
    assert_eq!(set["example"], "Volejte hned: Jana Nováková +420 777 123 456 https://crm.example.com/leads/1042");
    let l2 = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Eva Malá", "phone": "777 222 444" } })).await);
    assert_eq!(body(2).await, format!("Volejte hned: Eva Malá +420 777 222 444 https://crm.example.com/leads/{l2}"));
    let list = app.get("/api/v1/messages?playbook=agency&template=new_lead&language=cs").await.expect(200);
    assert_eq!(list["items"][0]["origin"], "company", "{list}");

    app.send(app.req(reqwest::Method::DELETE, path)).await.expect(204);
    app.send(app.req(reqwest::Method::DELETE, path)).await.problem(404);
    app.create_lead(&json!({ "channel": "web", "contact": { "name": "Ota Dlouhý", "phone": "777 222 555" } })).await;
    assert!(body(3).await.starts_with("Nov"));
}

/// A 400 (a number the gateway refuses) is not retried: the notification is failed, listed
/// among the failed ones, and an admin can queue it again.
async fn a_refused_sms_is_dead_lettered_and_retried_by_hand(engine: Engine) {
    let (gw, url) = gateway().await;
    gw.answers.lock().unwrap().push_back(400);
    let app = app_with_gateway(engine, &url).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Eva", "phone": "777 333 444" } })).await);
    assert!(eventually(Duration::from_secs(5), || async { sms_of(&app, l).await["status"] == "failed" }).await);
    let dead = app.get("/api/v1/notifications?status=failed").await.expect(200);
    let id_ = sms_of(&app, l).await["id"].as_i64().unwrap();
    assert!(dead["items"].as_array().unwrap().iter().any(|n| n["id"] == id_), "{dead}");
    assert!(sms_of(&app, l).await["last_error"].as_str().unwrap().contains("gateway says 400"));
    app.post(&format!("/api/v1/notifications/{id_}/retry"), &json!({})).await.expect(200);
    app.post(&format!("/api/v1/notifications/{id_}/retry"), &json!({})).await.problem(409);
    assert!(eventually(Duration::from_secs(5), || async { sms_of(&app, l).await["status"] == "sent" }).await);
    assert_eq!(gw.received.lock().unwrap().len(), 2);
    let (_, token) = app.user_with_token("clerk", "secretary").await;
    app.send(app.client.post(app.url(&format!("/api/v1/notifications/{id_}/retry"))).bearer_auth(&token)).await.problem(403);
}

async fn in_app_centre_unread_and_read(engine: Engine) {
    let app = spawn_app_with(engine, Options::default().manual_clock(TUESDAY_9)).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let token = crate::agency::token_of(&app, jana).await;
    for n in 0..3 {
        app.create_lead(&json!({ "channel": "web", "contact": { "name": format!("L{n}"), "phone": format!("777 400 00{n}") } })).await;
    }
    async fn unread(app: &App, token: String) -> Vec<Value> {
        app.get_as(&token, "/api/v1/notifications?recipient=me&unread=true").await.expect(200)["items"].as_array().unwrap().clone()
    }
    assert!(
        eventually(Duration::from_secs(5), || async { unread(&app, token.clone()).await.iter().all(|n| n["status"] == "delivered") }).await
    );
    let list = unread(&app, token.clone()).await;
    assert_eq!(list.len(), 3, "one in-app reminder per lead: {list:?}");
    let first = list[0]["id"].as_i64().unwrap();
    let marked = app.post_as(&token, "/api/v1/notifications/read", &json!({ "ids": [first] })).await.expect(200);
    assert_eq!(marked["marked"], 1);
    assert_eq!(unread(&app, token.clone()).await.len(), 2);
    let all = app.post_as(&token, "/api/v1/notifications/read", &json!({})).await.expect(200);
    assert_eq!(all["marked"], 2);
    assert!(unread(&app, token.clone()).await.is_empty());
    // Someone else's notifications cannot be marked by them.
    assert_eq!(app.post("/api/v1/notifications/read", &json!({ "ids": [first] })).await.expect(200)["marked"], 0);
}

/// A playbook's webhook to an address inside the network is refused (SSRF), with the reason.
async fn webhooks_inside_the_network_are_refused(engine: Engine) {
    let app = spawn_app_with(engine, Options::default().manual_clock(TUESDAY_9)).await;
    let mut leads = Vec::new();
    for url in [
        "http://127.0.0.1:9/hook",
        "http://[::1]:9/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.1/x",
        "http://localhost:9/x",
    ] {
        let name = format!("hook{}", leads.len());
        let pb =
            format!("name = \"{name}\"\n[[stages]]\nid = \"new\"\n[[rules]]\non = \"lead.received\"\ndo = [{{ webhook = \"{url}\" }}]\n");
        app.send(app.req(reqwest::Method::POST, "/api/v1/playbooks").header("content-type", "application/toml").body(pb)).await.expect(201);
        leads.push(id(&app.create_lead(&json!({ "channel": "api", "playbook": name, "contact": { "name": "W" } })).await));
    }
    for l in leads {
        assert!(
            eventually(Duration::from_secs(5), || async { notes(&app, l).await.iter().any(|n| n["status"] == "failed") }).await,
            "{:?}",
            notes(&app, l).await
        );
        let n = notes(&app, l).await.remove(0);
        assert!(n["last_error"].as_str().unwrap().contains("inside the network"), "{n}");
        assert_eq!(n["attempts"], 1, "not retried");
    }
}

fn base64_encode(s: &str) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let b = s.as_bytes();
    let mut out = String::new();
    for c in b.chunks(3) {
        let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            if i <= c.len() {
                out.push(T[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `GET /api/v1/events/stream`: a signed-in client hears about a new lead and its own in-app
/// notification as they are committed, and nobody else's.
async fn the_live_stream_pushes_leads_and_own_notifications(engine: Engine) {
    let app = spawn_app_with(engine, Options::default().manual_clock(TUESDAY_9)).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let token = crate::agency::token_of(&app, jana).await;
    let mut stream = app.client.get(app.url("/api/v1/events/stream")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    assert!(stream.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    // The admin's stream, to see that jana's notification does not reach it.
    let mut other = app.client.get(app.url("/api/v1/events/stream")).bearer_auth(&app.token).send().await.unwrap();
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Živě", "phone": "777 500 600" } })).await);
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !(seen.contains("event: lead") && seen.contains("event: notification") && seen.contains("event: task")) {
        let chunk = tokio::time::timeout_at(deadline, stream.chunk()).await.expect("events within 10 s").unwrap().expect("stream open");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(seen.contains(&format!("\"id\":{l}")), "{seen}");
    assert!(seen.contains(&format!("\"lead_id\":{l}")), "{seen}");
    // Her new task (the first call) reaches her too, from the same commit.
    assert!(seen.contains("\"event\":\"task.created\"") && seen.contains("\"task\":\"first_call\""), "{seen}");
    // The admin hears about the lead, not about jana's reminder or her task.
    let mut theirs = String::new();
    while !theirs.contains("event: lead") {
        let chunk = tokio::time::timeout(Duration::from_secs(10), other.chunk()).await.expect("lead event").unwrap().expect("open");
        theirs.push_str(&String::from_utf8_lossy(&chunk));
    }
    let more = tokio::time::timeout(Duration::from_millis(500), other.chunk()).await;
    if let Ok(Ok(Some(c))) = more {
        assert!(!String::from_utf8_lossy(&c).contains("event: notification"), "someone else's notification leaked");
    }
    assert!(!theirs.contains("event: notification"), "{theirs}");
    assert!(!theirs.contains("task.created"), "{theirs}");
    app.send(app.anon(reqwest::Method::GET, "/api/v1/events/stream")).await.problem(401);
}

/// The generic HTTP provider for local gateways: URL, method, headers and a body template.
async fn a_local_gateway_gets_json_from_the_http_provider(engine: Engine) {
    let got: Arc<Mutex<Vec<(HeaderMap, String)>>> = Arc::default();
    let sink = got.clone();
    let app_gw = axum::Router::new().route(
        "/api/send",
        post(move |headers: HeaderMap, body: String| {
            let sink = sink.clone();
            async move {
                sink.lock().unwrap().push((headers, body));
                (StatusCode::OK, json!({ "id": 4711 }).to_string())
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/api/send", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app_gw).await.unwrap() });
    let app = spawn_app_with(
        engine,
        Options::default()
            .manual_clock(TUESDAY_9)
            .env("PRONTO_SMS_PROVIDER", "http")
            .env("PRONTO_SMS_URL", &url)
            .env("PRONTO_SMS_HEADERS", "X-Api-Key: k-123; X-Tenant: acme")
            .env("PRONTO_SMS_FROM", "PRONTO")
            .env("PRONTO_SMS_BODY", r#"{"to": "{to}", "sender": "{from}", "text": "{body}", "ref": "{key}"}"#),
    )
    .await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Jana \"Q\" Nováková", "phone": "777 123 456" } })).await);
    assert!(eventually(Duration::from_secs(5), || async { !got.lock().unwrap().is_empty() }).await, "nothing reached the gateway");
    let (headers, body) = got.lock().unwrap()[0].clone();
    assert_eq!(headers["x-api-key"], "k-123");
    assert_eq!(headers["x-tenant"], "acme");
    assert!(headers["content-type"].to_str().unwrap().starts_with("application/json"));
    let v: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"));
    assert_eq!(v["to"], "+420777000001");
    assert_eq!(v["sender"], "PRONTO");
    assert!(v["text"].as_str().unwrap().starts_with("New inquiry: Jana \"Q\" Nováková"), "{v}");
    assert!(v["ref"].as_str().unwrap().starts_with(&format!("lead/{l}/")));
    assert!(eventually(Duration::from_secs(5), || async { sms_of(&app, l).await["provider_id"] == "4711" }).await);
}

/// SIGKILL while SMS are in flight: after the restart (once the killed node has been silent for
/// 5 s) every one is delivered; a repeat carries the same idempotency key as the first try.
async fn killed_while_sending_everything_arrives_after_restart(engine: Engine) {
    let (gw, url) = gateway().await;
    *gw.delay.lock().unwrap() = Duration::from_secs(30);
    let mut app = app_with_gateway(engine, &url).await;
    // Five consultants, so five alerts go to five phones at once (to one phone they go one
    // after the other, in order).
    for n in 0..5 {
        user(&app, &format!("jana{n}"), "consultant", &format!("+420 777 000 01{n}")).await;
    }
    let mut leads = Vec::new();
    for n in 0..5 {
        leads.push(id(&app
            .create_lead(&json!({ "channel": "web", "contact": { "name": format!("K{n}"), "phone": format!("777 990 00{n}") } }))
            .await));
    }
    assert!(eventually(Duration::from_secs(10), || async { gw.received.lock().unwrap().len() >= 5 }).await, "all five in flight");
    app.kill().await;
    *gw.delay.lock().unwrap() = Duration::ZERO;
    app.start().await;
    // The killed node's heartbeat is 5 s old: its claims are free, taken again and delivered.
    advance(&app, 6).await;
    for l in &leads {
        assert!(
            eventually(Duration::from_secs(10), || async { sms_of(&app, *l).await["status"] == "sent" }).await,
            "{}",
            sms_of(&app, *l).await
        );
    }
    let keys: Vec<String> =
        gw.received.lock().unwrap().iter().map(|(h, _)| h["i-twilio-idempotency-token"].to_str().unwrap().to_owned()).collect();
    let distinct: std::collections::BTreeSet<&String> = keys.iter().collect();
    assert_eq!(distinct.len(), 5, "one key per notification, repeats share it: {keys:?}");
    assert!(keys.len() >= 5);
}

async fn mail_goes_through_a_real_smtp_server(engine: Engine) {
    let smtp = SmtpServer::start().await;
    // Tuesday 19:00 in Prague: the agency acknowledges the inquiry to the customer by e-mail.
    let app = spawn_app_with(
        engine,
        Options::default()
            .manual_clock("2031-05-06T17:00:00Z")
            .env("PRONTO_SMTP_URL", format!("smtp://127.0.0.1:{}", smtp.port))
            .env("PRONTO_SMTP_FROM", "Pronto <pronto@agency.example>"),
    )
    .await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Jana Nováková", "email": "jana@example.cz" } })).await);
    assert!(eventually(Duration::from_secs(10), || async { !smtp.messages().is_empty() }).await, "no mail arrived");
    let mail = smtp.messages().remove(0);
    assert!(mail.contains("To: jana@example.cz"), "{mail}");
    assert!(mail.contains("From: Pronto <pronto@agency.example>"), "{mail}");
    assert!(mail.contains("Auto-Submitted: auto-generated"), "{mail}");
    assert!(mail.contains(&format!("X-Pronto-Key: lead/{l}/received/")), "{mail}");
    assert!(mail.contains("multipart/alternative") && mail.contains("text/plain") && mail.contains("text/html"), "{mail}");
    // The Czech subject travels as an encoded word.
    assert!(mail.to_ascii_lowercase().contains("subject: =?utf-8?"), "{mail}");
    let to_customer = |ns: Vec<Value>| ns.into_iter().find(|n| n["channel"] == "email" && n["recipient"]["address"] == "jana@example.cz");
    assert!(
        eventually(Duration::from_secs(5), || async { to_customer(notes(&app, l).await).is_some_and(|n| n["status"] == "sent") }).await
    );
}

/// An operator may allow a host inside the network (`PRONTO_WEBHOOK_ALLOW`): the playbook's
/// webhook reaches it with the Standard Webhooks identity headers, and a redirect (to loopback
/// or anywhere) is not followed.
async fn an_allowed_webhook_is_posted_and_its_redirects_not_followed(engine: Engine) {
    let got: Arc<Mutex<Vec<(HeaderMap, String)>>> = Arc::default();
    let sink = got.clone();
    let receiver = axum::Router::new()
        .route(
            "/hook",
            post(move |headers: HeaderMap, body: String| {
                let sink = sink.clone();
                async move {
                    sink.lock().unwrap().push((headers, body));
                    StatusCode::NO_CONTENT
                }
            }),
        )
        .route("/moved", post(|| async { (StatusCode::FOUND, [("location", "http://127.0.0.1:9/steal")]) }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, receiver).await.unwrap() });
    let app = spawn_app_with(engine, Options::default().manual_clock(TUESDAY_9).env("PRONTO_WEBHOOK_ALLOW", "127.0.0.1")).await;
    let mut leads = Vec::new();
    for (name, url) in [("hooked", format!("{base}/hook")), ("moved", format!("{base}/moved"))] {
        let pb =
            format!("name = \"{name}\"\n[[stages]]\nid = \"new\"\n[[rules]]\non = \"lead.received\"\ndo = [{{ webhook = \"{url}\" }}]\n");
        app.send(app.req(reqwest::Method::POST, "/api/v1/playbooks").header("content-type", "application/toml").body(pb)).await.expect(201);
        leads.push(id(&app.create_lead(&json!({ "channel": "api", "playbook": name, "contact": { "name": "W" } })).await));
    }
    assert!(eventually(Duration::from_secs(5), || async { notes(&app, leads[0]).await[0]["status"] == "sent" }).await);
    let (headers, body) = got.lock().unwrap()[0].clone();
    assert!(headers["webhook-id"].to_str().unwrap().starts_with(&format!("lead/{}/", leads[0])));
    assert!(headers["webhook-timestamp"].to_str().unwrap().parse::<i64>().is_ok());
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["data"]["lead_id"], leads[0]);
    assert!(eventually(Duration::from_secs(5), || async { notes(&app, leads[1]).await[0]["status"] == "failed" }).await);
    assert!(notes(&app, leads[1]).await[0]["last_error"].as_str().unwrap().contains("redirects are not followed"));
}

/// A subscription receives the events it asked for, each signed per Standard Webhooks with its
/// secret (verified here with an HMAC checked against RFC 4231 and the specification's example).
async fn webhook_subscriptions_get_signed_events(engine: Engine) {
    let got: Arc<Mutex<Vec<(HeaderMap, String)>>> = Arc::default();
    let sink = got.clone();
    let receiver = axum::Router::new().route(
        "/events",
        post(move |headers: HeaderMap, body: String| {
            let sink = sink.clone();
            async move {
                sink.lock().unwrap().push((headers, body));
                StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/events", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, receiver).await.unwrap() });
    let app = spawn_app_with(engine, Options::default().manual_clock(TUESDAY_9).env("PRONTO_WEBHOOK_ALLOW", "127.0.0.1")).await;
    let created = app.post("/api/v1/webhooks", &json!({ "url": url, "events": ["lead.received", "task.*"] })).await.expect(201);
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"));
    let list = app.get("/api/v1/webhooks").await.expect(200);
    assert!(list["items"][0].get("secret").is_none(), "the secret is shown once: {list}");
    app.post("/api/v1/webhooks", &json!({ "url": "ftp://x", "events": [] })).await.invalid(&["url", "events"]);
    let (_, token) = app.user_with_token("clerk", "secretary").await;
    app.send(app.client.get(app.url("/api/v1/webhooks")).bearer_auth(&token)).await.problem(403);

    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Hook", "phone": "777 660 770" } })).await);
    assert!(eventually(Duration::from_secs(5), || async { got.lock().unwrap().len() >= 2 }).await, "{:?}", notes(&app, l).await);
    let received = got.lock().unwrap().clone();
    let mut types = Vec::new();
    for (headers, body) in &received {
        let (id_, ts) = (headers["webhook-id"].to_str().unwrap(), headers["webhook-timestamp"].to_str().unwrap());
        let expected = pronto_alerts::signing::signature(&secret, id_, ts, body);
        assert_eq!(headers["webhook-signature"].to_str().unwrap(), expected, "signature of {body}");
        let v: Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["data"]["lead_id"], l);
        types.push(v["type"].as_str().unwrap().to_owned());
    }
    assert!(types.contains(&"lead.received".to_owned()) && types.contains(&"task.created".to_owned()), "{types:?}");
    assert!(!types.iter().any(|t| t == "lead.assigned"), "only what was asked for: {types:?}");
    // The deliveries are logged like every notification.
    assert!(notes(&app, l).await.iter().any(|n| n["channel"] == "webhook" && n["kind"] == "lead.received"));
    // Ended: nothing more is delivered.
    app.send(app.req(reqwest::Method::DELETE, &format!("/api/v1/webhooks/{}", created["id"]))).await.expect(204);
    app.send(app.req(reqwest::Method::DELETE, &format!("/api/v1/webhooks/{}", created["id"]))).await.problem(404);
    let before = got.lock().unwrap().len();
    app.create_lead(&json!({ "channel": "web", "contact": { "name": "After", "phone": "777 660 771" } })).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(got.lock().unwrap().len(), before);
}
