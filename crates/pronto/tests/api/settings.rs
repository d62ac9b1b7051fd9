//! Settings changed in the admin pages and the API, effective without a restart (issue 19):
//! admins only, secrets write-only and never in the audit detail or the log, precise messages
//! in the reader's language, the environment winning where it is set, and a test on each
//! channel through the same senders as alerts (the local SMS gateway, aiosmtpd). In real
//! Chromium: an admin enters the gateway in /admin/settings/sms, a test SMS and then a new web
//! lead's alert reach it, with no restart.

use crate::agency::{TUESDAY_9, app_at, id, user};
use crate::browser::Browser;
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;
use testkit::both;
use testkit::sms::gateway;
use testkit::smtp::SmtpServer;
use testkit::{App, Engine, Options, eventually, spawn_app_with};


both!(
    settings_are_for_admins_and_secrets_are_never_read_back,
    a_saved_gateway_sends_at_once_and_its_refusal_is_explained,
    the_environment_wins_and_the_page_says_so,
    saved_mail_settings_send_through_smtp,
    a_saved_rate_limit_and_mailbox_apply_at_once
);

const TOKEN: &str = "gateway-secret-token-4711";

async fn put(app: &App, section: &str, body: Value) -> testkit::Resp {
    app.send(app.req(Method::PUT, &format!("/api/v1/settings/{section}")).json(&body)).await
}

fn twilio(url: &str) -> Value {
    json!({ "provider": "twilio", "url": url, "account_sid": "AC0123456789", "auth_token": TOKEN, "from": "+420700000000" })
}

fn field<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["fields"].as_array().unwrap().iter().find(|f| f["name"] == name).unwrap_or_else(|| panic!("no field {name} in {v}"))
}

async fn settings_are_for_admins_and_secrets_are_never_read_back(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let token = crate::agency::token_of(&app, jana).await;
    // Anyone but an admin: 403, before anything is read or written.
    for (m, path) in [(Method::GET, "/api/v1/settings/sms"), (Method::PUT, "/api/v1/settings/sms"), (Method::POST, "/api/v1/settings/sms/test")] {
        let r = app.send(app.anon(m, path).bearer_auth(&token).json(&twilio("http://127.0.0.1:9"))).await;
        assert_eq!(r.status, 403, "{path}: {}", r.text);
    }
    assert_eq!(app.get("/api/v1/settings/pigeons").await.status, 404);
    // Saved; the token is write-only.
    let saved = put(&app, "sms", twilio("http://127.0.0.1:9")).await.expect(200);
    assert_eq!(field(&saved, "auth_token")["value"], Value::Null);
    assert_eq!(field(&saved, "auth_token")["saved"], true);
    assert_eq!(field(&saved, "url")["value"], "http://127.0.0.1:9");
    let read = app.get("/api/v1/settings/sms").await;
    assert_eq!(read.status, 200);
    assert!(!read.text.contains(TOKEN), "the secret is never read back: {}", read.text);
    // An empty secret keeps the saved one; the change is audited by field names only.
    put(&app, "sms", json!({ "from": "+420700000001", "auth_token": "" })).await.expect(200);
    let audit = app.get("/api/v1/audit?kind=settings").await.expect(200);
    let rows = audit["items"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{audit}");
    assert_eq!(rows[0]["detail"]["fields"], json!(["from"]));
    assert!(rows[1]["detail"]["fields"].as_array().unwrap().contains(&json!("auth_token")));
    assert!(!audit.to_string().contains(TOKEN), "no secret in the audit detail");
    assert!(!app.output().contains(TOKEN), "no secret in the log");
    // Precise messages, in the reader's language; nothing is saved.
    let r = app.send(app.req(Method::PUT, "/api/v1/settings/email").json(&json!({ "host": "smtp://mail.example.com", "port": "99999" }))).await;
    assert_eq!(r.status, 422, "{}", r.text);
    for want in ["Type only the server's name", "from 1 to 65535", "Fill this in."] {
        assert!(r.text.contains(want), "{want}: {}", r.text);
    }
    let r = app
        .send(app.req(Method::PUT, "/api/v1/settings/sms").header("accept-language", "cs").json(&json!({ "provider": "http", "url": "sms.example.com" })))
        .await;
    assert_eq!(r.status, 422);
    assert!(r.text.contains("Napište adresu začínající https://"), "{}", r.text);
    let r = put(&app, "sms", json!({ "colour": "blue" })).await;
    assert_eq!(r.status, 422, "an unknown field is refused: {}", r.text);
    assert_eq!(app.get("/api/v1/settings/sms").await.expect(200)["fields"][0]["value"], "twilio", "the refused change wrote nothing");
}

async fn a_saved_gateway_sends_at_once_and_its_refusal_is_explained(engine: Engine) {
    let (gw, url) = gateway().await;
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    put(&app, "sms", twilio(&url)).await.expect(200);
    let r = app.post("/api/v1/settings/sms/test", &json!({ "to": "+420 777 000 009" })).await.expect(200);
    assert_eq!(r["ok"], true, "{r}");
    assert!(r["message"].as_str().unwrap().starts_with("Sent: the gateway accepted the message to +420777000009"), "{r}");
    assert_eq!(gw.received.lock().unwrap()[0].1["To"], "+420777000009");
    // A new lead's alert goes through the saved gateway, with no restart.
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Eva Malá", "phone": "777 123 456" } })).await);
    assert!(
        eventually(Duration::from_secs(10), || async { gw.received.lock().unwrap().iter().any(|(_, f)| f["To"] == "+420777000001") }).await,
        "lead {l}'s alert did not reach the saved gateway"
    );
    // The gateway refuses: said plainly, with its status.
    gw.answers.lock().unwrap().push_back(401);
    let r = app.post("/api/v1/settings/sms/test", &json!({ "to": "+420777000009" })).await.expect(200);
    assert_eq!(r["ok"], false);
    assert!(r["message"].as_str().unwrap().starts_with("The gateway refused: 401 — check the account and the token."), "{r}");
    let r = app.post("/api/v1/settings/sms/test", &json!({ "to": "call me" })).await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert!(!app.output().contains(TOKEN), "no secret in the log");
}

async fn the_environment_wins_and_the_page_says_so(engine: Engine) {
    let app = spawn_app_with(
        engine,
        Options::default().manual_clock(TUESDAY_9).env("PRONTO_SMS_URL", "https://env-gateway.example").env("PRONTO_PUBLIC_URL", "https://crm.example.com"),
    )
    .await;
    let sms = app.get("/api/v1/settings/sms").await.expect(200);
    assert_eq!(field(&sms, "url")["set_by"], "PRONTO_SMS_URL");
    assert_eq!(field(&sms, "url")["value"], "https://env-gateway.example");
    assert_eq!(field(&sms, "provider")["set_by"], Value::Null, "what the environment does not set stays free");
    let r = put(&app, "sms", twilio("https://other.example")).await;
    assert_eq!(r.status, 422);
    assert!(r.text.contains("Set by PRONTO_SMS_URL on the server — change it there."), "{}", r.text);
    // Everything else may be saved; the environment's URL applies.
    let mut body = twilio("https://env-gateway.example");
    body.as_object_mut().unwrap().remove("url");
    put(&app, "sms", body).await.expect(200);
    let general = app.get("/api/v1/settings/general").await.expect(200);
    assert_eq!(field(&general, "public_url")["set_by"], "PRONTO_PUBLIC_URL");
    user(&app, "boss", "admin", "+420 777 000 009").await;
    let c = crate::access::sign_in(&app, "boss").await;
    let (status, html) = crate::access::ui(&app, Method::GET, "/admin/settings/sms", &c, None).await;
    assert_eq!(status, 200);
    assert!(html.contains("Set by PRONTO_SMS_URL on the server — change it there."), "{html}");
    let (_, html) = crate::access::ui(&app, Method::GET, "/admin/settings", &c, None).await;
    assert!(html.contains("SMS: sending through https://env-gateway.example as +420700000000."), "{html}");
}

async fn saved_mail_settings_send_through_smtp(engine: Engine) {
    let smtp = SmtpServer::start().await;
    let app = app_at(engine, TUESDAY_9).await;
    let r = app.post("/api/v1/settings/email/test", &json!({ "to": "boss@example.com" })).await.expect(200);
    assert_eq!((r["ok"].clone(), r["message"].clone()), (json!(false), json!("E-mail is not set up yet.")));
    put(&app, "email", json!({ "host": "127.0.0.1", "port": smtp.port.to_string(), "security": "none", "from": "Pronto <pronto@agency.example>" }))
        .await
        .expect(200);
    let r = app.post("/api/v1/settings/email/test", &json!({ "to": "boss@example.com" })).await.expect(200);
    assert_eq!(r["ok"], true, "{r}");
    assert!(eventually(Duration::from_secs(10), || async { !smtp.messages().is_empty() }).await, "no mail arrived");
    let mail = smtp.messages().remove(0);
    assert!(mail.contains("To: boss@example.com") && mail.contains("From: Pronto <pronto@agency.example>"), "{mail}");
}

async fn a_saved_rate_limit_and_mailbox_apply_at_once(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let form = || app.anon(Method::POST, "/forms/default").form(&[("name", "Eva"), ("phone", "+420 777 123 456")]);
    for _ in 0..3 {
        let r = app.send(form()).await;
        assert!(r.status < 400, "{}", r.text);
    }
    put(&app, "general", json!({ "form_rate_per_minute": "1", "public_url": "https://crm.example.com" })).await.expect(200);
    assert!(app.send(form()).await.status < 400, "the first under the new limit");
    assert_eq!(app.send(form()).await.status, 429, "the saved limit applies without a restart");
    // A mailbox: each missing field named; saved; its reader runs; removed.
    let r = put(&app, "mailbox:sales", json!({ "host": "127.0.0.1" })).await;
    assert_eq!(r.status, 422);
    let errors: Value = serde_json::from_str(&r.text).unwrap();
    assert_eq!(errors["errors"], json!([{ "field": "user", "message": "Fill this in." }, { "field": "password", "message": "Fill this in." }]));
    put(&app, "mailbox:sales", json!({ "host": "127.0.0.1", "port": "1", "security": "none", "user": "sales@example.com", "password": "pw-0815" }))
        .await
        .expect(200);
    assert!(
        eventually(Duration::from_secs(10), || async { app.get("/api/v1/mailboxes").await.text.contains("sales") }).await,
        "the saved mailbox's reader did not start"
    );
    let r = app.post("/api/v1/settings/mailbox:sales/test", &json!({})).await.expect(200);
    assert_eq!(r["ok"], false, "nothing listens on port 1: {r}");
    assert_eq!(app.send(app.req(Method::DELETE, "/api/v1/settings/mailbox:sales")).await.status, 204);
    assert!(
        eventually(Duration::from_secs(10), || async { !app.get("/api/v1/mailboxes").await.text.contains("sales") }).await,
        "the removed mailbox's reader still runs"
    );
    assert!(!app.output().contains("pw-0815"));
}

const PASSWORD: &str = "a long enough password";

async fn sign_in(b: &Browser, app: &App, login: &str) {
    b.goto(&app.url("/login")).await;
    b.fill("#login", login).await;
    b.fill("#password", PASSWORD).await;
    b.click("button[type=submit]").await;
    b.wait_for("nav[aria-label=main]", 10).await;
}

/// The "done": in real Chromium, the gateway entered in the form takes a test SMS and
/// then a new web lead's alert, without restarting Pronto.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_enters_the_gateway_and_sms_flow_without_a_restart() {
    let (gw, url) = gateway().await;
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    user(&app, "boss", "admin", "+420 777 000 009").await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let b = Browser::start("en").await;
    sign_in(&b, &app, "boss").await;
    b.goto(&app.url("/admin")).await;
    b.click("#settings-link").await;
    b.wait_for("#settings-overview", 10).await;
    assert!(b.text("#settings-sum-sms").await.contains("SMS: not set up"));
    b.screenshot("settings-overview").await;
    b.click("#settings-sum-sms a.button").await;
    b.wait_for("#settings-sms", 10).await;
    // The Twilio fields show once Twilio is chosen.
    assert_eq!(b.js("return document.getElementById('s-account_sid').offsetParent === null").await, true);
    b.js("var s = document.getElementById('s-provider'); s.value = 'twilio'; s.dispatchEvent(new Event('change', {bubbles: true})); return 1").await;
    assert_eq!(b.js("return document.getElementById('s-account_sid').offsetParent !== null").await, true);
    assert_eq!(b.js("return document.getElementById('s-method').offsetParent === null").await, true, "the HTTP gateway's fields hide");
    b.fill("#s-url", &url).await;
    b.fill("#s-account_sid", "AC0123456789").await;
    b.fill("#s-auth_token", TOKEN).await;
    b.fill("#s-from", "+420700000000").await;
    b.click("#settings-sms form.settings-fields button[type=submit]").await;
    b.wait_for("#settings-saved", 10).await;
    assert!(b.text("#settings-sms").await.contains("Saved — type a new one to replace it."));
    assert_eq!(b.js("return document.getElementById('s-auth_token').value").await, "", "the token is not shown again");
    b.screenshot("settings-sms").await;
    // A test to the admin's own phone (the default).
    b.click("#settings-sms-test").await;
    b.wait_for("#settings-sms-result", 20).await;
    let said = b.text("#settings-sms-result").await;
    assert!(said.starts_with("Sent: the gateway accepted the message to +420777000009"), "{said}");
    assert_eq!(gw.received.lock().unwrap()[0].1["To"], "+420777000009");
    // A web form's lead: its SMS alert reaches the same gateway — the app was not restarted.
    let r = app.send(app.anon(Method::POST, "/forms/default").form(&[("name", "Eva Malá"), ("phone", "+420 777 123 456")])).await;
    assert!(r.status < 400, "{}", r.text);
    assert!(
        eventually(Duration::from_secs(10), || async { gw.received.lock().unwrap().iter().any(|(_, f)| f["To"] == "+420777000001") }).await,
        "the web lead's alert did not reach the gateway"
    );
    let page_html = b.js("return document.documentElement.outerHTML").await;
    assert!(!page_html.as_str().unwrap().contains(TOKEN));
    b.close().await;
    // The same page on a phone and in Hebrew.
    for (b, name) in [(Browser::phone("en").await, "settings-sms-phone"), (Browser::start("he").await, "settings-sms-he")] {
        sign_in(&b, &app, "boss").await;
        b.goto(&app.url("/admin/settings/sms")).await;
        b.wait_for("#settings-sms", 10).await;
        let m = b.js("return [document.documentElement.scrollWidth, window.innerWidth]").await;
        assert!(m[0].as_i64() <= m[1].as_i64(), "{name}: {m}");
        b.screenshot(name).await;
        b.close().await;
    }
}
