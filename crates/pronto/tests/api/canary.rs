//! The mystery shopper (issue 23) with real parts: the web form over HTTP and the local
//! Twilio-compatible gateway; e-mail through aiosmtpd into dovecot (the test delivers what the
//! SMTP server received into the IMAP mailbox, as a mail server would). Each failure mode —
//! the gateway answering 503, a gateway that hangs (the outbox stalls), the IMAP server down,
//! the mailbox's password changed, the SMTP server refusing — fails the right hop, raises
//! exactly one alert per incident on another channel, and is cleared when a run passes again.
//! Test inquiries show in no list, task list or notification list.

use crate::agency::{TUESDAY_9, advance, user};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;
use testkit::dovecot::Dovecot;
use testkit::smtp::SmtpServer;
use testkit::{App, Engine, Options, both, eventually, spawn_app_with};

both!(a_test_inquiry_goes_through_is_shown_to_nobody_and_a_failing_gateway_alerts_once);

/// The test inquiry's SMS alert goes here (never to a person).
const TEST_PHONE: &str = "+420700111222";

/// A server on the manual clock (Tuesday 9:00) sending SMS through a local Twilio-wire gateway.
async fn with_gateway(engine: Engine, opts: Options) -> (std::sync::Arc<testkit::sms::Gateway>, App) {
    let (gateway, url) = testkit::sms::gateway().await;
    let opts = opts
        .manual_clock(TUESDAY_9)
        .env("PRONTO_SMS_PROVIDER", "twilio")
        .env("PRONTO_SMS_URL", &url)
        .env("PRONTO_SMS_ACCOUNT_SID", "AC0123456789")
        .env("PRONTO_SMS_AUTH_TOKEN", "gateway-secret-token")
        .env("PRONTO_SMS_FROM", "+420700000000");
    (gateway, spawn_app_with(engine, opts).await)
}

async fn put(app: &App, section: &str, body: Value) -> Value {
    app.send(app.req(Method::PUT, &format!("/api/v1/settings/{section}")).json(&body)).await.expect(200)
}

/// Runs the mystery shopper now (every configured channel) and waits until `channel`'s new
/// run is over; its state as the API shows it. `advance_by`: seconds the manual clock moves
/// at each look while it waits (for a hop that is never reached to be late).
async fn run(app: &App, channel: &str, advance_by: Option<i64>) -> Value {
    let runs = |v: &Value| v["history"].as_array().map_or(0, |h| h.len());
    let before = runs(&state(app, channel).await);
    // This channel alone: each channel's test inquiry alerts the same test phone.
    let started = app.post(&format!("/api/v1/canary/run?channel={channel}"), &json!({})).await.expect(202);
    assert_eq!(started["started"], json!([channel]), "{started}");
    if advance_by.is_some() {
        // The inquiry is sent and registered first; then time passes.
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let done = eventually(Duration::from_secs(60), || async {
        if let Some(s) = advance_by {
            advance(app, s).await;
        }
        let v = state(app, channel).await;
        v["status"] != "running" && runs(&v) > before
    })
    .await;
    let v = state(app, channel).await;
    assert!(done, "the {channel} run did not end: {v}\n{}", app.output());
    v
}

async fn state(app: &App, channel: &str) -> Value {
    let all = app.get("/api/v1/canary").await.expect(200);
    all["channels"].as_array().unwrap().iter().find(|c| c["channel"] == channel).cloned().unwrap_or(Value::Null)
}

fn hops(v: &Value) -> Vec<(String, bool)> {
    v["hops"].as_array().unwrap().iter().map(|h| (h["name"].as_str().unwrap().to_owned(), h["ok"].as_bool().unwrap())).collect()
}

/// The admins' messages about the mystery shopper (in-app), oldest first.
async fn canary_messages(app: &App) -> Vec<String> {
    let ns = app.get("/api/v1/notifications?recipient=me").await.expect(200);
    let mut out: Vec<String> = ns["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "canary" && n["channel"] == "in_app")
        .map(|n| n["text"].as_str().unwrap_or_default().to_owned())
        .collect();
    out.reverse();
    out
}

async fn a_test_inquiry_goes_through_is_shown_to_nobody_and_a_failing_gateway_alerts_once(engine: Engine) {
    let (gateway, app) = with_gateway(engine, Options::default()).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    // Anyone but admins and managers: 403; running it is the admins'.
    let jana = crate::agency::token_of(&app, app.get("/api/v1/users").await.expect(200)["items"].as_array().unwrap().iter().find(|u| u["login"] == "jana").unwrap()["id"].as_i64().unwrap()).await;
    assert_eq!(app.get_as(&jana, "/api/v1/canary").await.status, 403);
    assert_eq!(app.post_as(&jana, "/api/v1/canary/run", &json!({})).await.status, 403);
    // A bad test number is refused with a precise message; a good one saved.
    let r = app.send(app.req(Method::POST, "/api/v1/canary/run?channel=mail")).await;
    assert_eq!(r.status, 422, "mail is not set up here: {}", r.text);
    assert!(r.text.contains("is not set up here"), "{}", r.text);
    let r = app.send(app.req(Method::PUT, "/api/v1/settings/canary").json(&json!({ "sms_to": "call me" }))).await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert!(r.text.contains("Type a phone number"), "{}", r.text);
    put(&app, "canary", json!({ "sms_to": TEST_PHONE, "alert_seconds": "60" })).await;

    // A test inquiry through the web form goes through, hop by hop.
    let v = run(&app, "form", None).await;
    assert_eq!(v["ok"], true, "{v}\n{}", app.output());
    assert_eq!(
        hops(&v),
        ["sent", "registered", "playbook", "alert_accepted", "closed"].map(|h| (h.to_owned(), true)).to_vec(),
        "{v}"
    );
    assert!(v["hops"].as_array().unwrap().iter().all(|h| h["ms"].as_i64().is_some_and(|ms| ms >= 0)), "{v}");
    // Its alert reached the gateway for the test number, never a person's phone.
    let to: Vec<String> = gateway.received.lock().unwrap().iter().map(|(_, f)| f["To"].clone()).collect();
    assert!(to.contains(&TEST_PHONE.to_owned()), "{to:?}");
    assert!(!to.iter().any(|t| t.contains("777000001")), "a person got the test inquiry's alert: {to:?}");
    // Shown to nobody: no lead, no task, no notification, no report figure.
    assert_eq!(app.get("/api/v1/leads").await.expect(200)["items"], json!([]));
    assert_eq!(app.get("/api/v1/tasks?status=open").await.expect(200)["items"], json!([]));
    let ns = app.get("/api/v1/notifications").await.expect(200);
    assert!(!ns.to_string().contains(TEST_PHONE), "{ns}");
    let page = app.send(app.req(Method::GET, "/leads")).await;
    assert!(!page.text.contains("Pronto test inquiry"), "the staff list shows the test inquiry");
    assert!(canary_messages(&app).await.is_empty(), "no incident, no message");

    // The gateway fails: the alert hop fails with the gateway's answer; the admins are told
    // once, on another channel than SMS.
    *gateway.down.lock().unwrap() = true;
    let v = run(&app, "form", None).await;
    assert_eq!(v["ok"], false, "{v}");
    let failed: Vec<&Value> = v["hops"].as_array().unwrap().iter().filter(|h| h["ok"] == false).collect();
    assert_eq!(failed.len(), 1, "{v}");
    assert_eq!(failed[0]["name"], "alert_accepted", "{v}");
    assert!(failed[0]["error"].as_str().unwrap().contains("503"), "{v}");
    assert!(v["incident_since"].is_string(), "{v}");
    let said = canary_messages(&app).await;
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("web form") && said[0].contains("503"), "{said:?}");
    // Still failing: the same incident, no second alert. (The alert now waits behind the
    // failing gateway; the manual clock moves so that the wait is seen.)
    let v = run(&app, "form", Some(5)).await;
    assert_eq!(v["ok"], false, "{v}");
    assert_eq!(canary_messages(&app).await.len(), 1, "one alert per incident");
    // Back: the run passes, the incident closes with one message.
    *gateway.down.lock().unwrap() = false;
    // (The manual clock moves a little at each look: the provider is probed every 3 s.)
    let v = run(&app, "form", Some(2)).await;
    assert_eq!(v["ok"], true, "{v}\n{}", app.output());
    assert!(v["incident_since"].is_null(), "{v}");
    let said = canary_messages(&app).await;
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(said[1].contains("works again"), "{said:?}");

    // A gateway that hangs (the outbox stalls): the alert is not accepted within its limit.
    *gateway.delay.lock().unwrap() = Duration::from_secs(600);
    let v = run(&app, "form", Some(40)).await;
    assert_eq!(v["ok"], false, "{v}");
    let late = v["hops"].as_array().unwrap().iter().find(|h| h["ok"] == false).cloned().unwrap();
    assert_eq!(late["name"], "alert_accepted", "{v}");
    assert!(late["error"].as_str().unwrap().contains("within 70 s"), "{v}");
    assert_eq!(canary_messages(&app).await.len(), 3, "a new incident, one alert");
    // /metrics says so, per channel.
    let m = app.send(app.anon(Method::GET, "/metrics")).await;
    assert!(m.text.contains("pronto_canary_ok{channel=\"form\"} 0"), "{}", m.text);
    assert!(m.text.contains("pronto_canary_hop_seconds{channel=\"form\",hop=\"registered\"}"), "{}", m.text);
}

/// The phone exchange: a signed test call (a missed call from the test number) becomes a
/// test lead, followed to its alert like the form's.
#[tokio::test]
async fn a_test_call_goes_through_the_phone_exchange() {
    let (gateway, app) =
        with_gateway(Engine::Sqlite, Options::default().env("PRONTO_TELEPHONY_SECRET", "whsec_canary-test-secret-0123456789")).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    put(&app, "canary", json!({ "sms_to": TEST_PHONE })).await;
    let v = run(&app, "call", None).await;
    assert_eq!(v["ok"], true, "{v}\n{}", app.output());
    assert_eq!(hops(&v).into_iter().filter(|(_, ok)| *ok).count(), 5, "{v}");
    assert!(app.all_leads("channel=phone").await.is_empty(), "the test call is in no list");
    assert!(gateway.received.lock().unwrap().iter().all(|(_, f)| f["To"] == TEST_PHONE), "only the test number got SMS");
}

/// Delivers what the SMTP server received of the mystery shopper's mail into the mailbox, as
/// a mail server would (only its test mail: the rest is not addressed to the mailbox); a
/// message that cannot be delivered (the IMAP server is down) is tried again next time.
async fn deliver(smtp: &SmtpServer, imap: &Dovecot, done: &mut std::collections::BTreeSet<String>) {
    for m in smtp.messages().into_iter().filter(|m| m.contains("X-Pronto-Key: canary:")) {
        if !done.contains(&m) && imap.append("INBOX", m.as_bytes()).await.is_ok() {
            done.insert(m);
        }
    }
}

/// [`run`] for mail: the test delivers what the SMTP server got while it waits.
async fn mail_run(app: &App, smtp: &SmtpServer, imap: &Dovecot, done: &mut std::collections::BTreeSet<String>, n: usize, advance_by: Option<i64>) -> Value {
    let started = app.post("/api/v1/canary/run", &json!({})).await.expect(202);
    assert!(started["started"].as_array().unwrap().iter().any(|c| c == "mail"), "{started}");
    if advance_by.is_some() {
        // The mail is sent first; then time passes.
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    for _ in 0..300 {
        deliver(smtp, imap, done).await;
        let v = state(app, "mail").await;
        if v["status"] != "running" && v["history"].as_array().map_or(0, |h| h.len()) >= n {
            return v;
        }
        if let Some(s) = advance_by {
            advance(app, s).await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("the mail run did not end: {}
{}", state(app, "mail").await, app.output());
}

/// E-mail intake: a test mail through aiosmtpd into dovecot goes through; the IMAP server
/// down, the mailbox's password changed and the SMTP server refusing each fail the right hop
/// with one alert per incident, cleared when mail arrives again.
#[tokio::test]
async fn the_mystery_shopper_catches_each_way_mail_intake_stops() {
    let mut imap = tokio::task::spawn_blocking(Dovecot::start).await.unwrap().expect("dovecot (apt-get install dovecot-imapd; .ci/run installs it)");
    let mut smtp = SmtpServer::start().await;
    let app = spawn_app_with(
        Engine::Sqlite,
        Options::default()
            .manual_clock(TUESDAY_9)
            .env("PRONTO_SMTP_URL", format!("smtp://127.0.0.1:{}", smtp.port))
            .env("PRONTO_SMTP_FROM", "Pronto <pronto@agency.example>"),
    )
    .await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let (port, login, right) = (imap.port.to_string(), imap.user.clone(), imap.password.clone());
    let mailbox = |password: &str| json!({ "host": "127.0.0.1", "port": port, "security": "none", "user": login, "password": password });
    put(&app, "mailbox:intake", mailbox(&right)).await;
    put(&app, "canary", json!({ "mail_to": "intake@agency.example", "email_to": "canary@agency.example" })).await;
    assert!(
        eventually(Duration::from_secs(15), || async { app.get("/api/v1/mailboxes").await.text.contains("idle") }).await,
        "the mailbox reader did not start"
    );
    let mut delivered = std::collections::BTreeSet::new();
    // 1. It goes through: sent, registered from the mailbox, the playbook's step, closed.
    let v = mail_run(&app, &smtp, &imap, &mut delivered, 1, None).await;
    assert_eq!(v["ok"], true, "the mail run did not pass: {v}\n{}", app.output());
    let names: Vec<String> = hops(&v).into_iter().map(|(h, _)| h).collect();
    for h in ["sent", "registered", "playbook", "closed"] {
        assert!(names.iter().any(|n| n == h), "{h}: {v}");
    }
    assert!(app.all_leads("channel=email").await.is_empty(), "the test mail is in no list");

    // 2. The IMAP server is down: the mail is sent but never registered.
    imap.stop();
    let v = mail_run(&app, &smtp, &imap, &mut delivered, 2, Some(120)).await;
    assert_eq!(v["ok"], false, "{v}");
    let bad = v["hops"].as_array().unwrap().iter().find(|h| h["ok"] == false).cloned().unwrap();
    assert_eq!(bad["name"], "registered", "{v}");
    let said = canary_messages(&app).await;
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("e-mail intake"), "{said:?}");

    // 3. Back up, but the mailbox's password was changed: the mail is in the mailbox, yet
    // never registered — the same incident, no second alert.
    imap.restart().expect("dovecot restarts");
    put(&app, "mailbox:intake", mailbox("not-the-password")).await;
    let v = mail_run(&app, &smtp, &imap, &mut delivered, 3, Some(120)).await;
    assert_eq!(v["ok"], false, "{v}");
    assert_eq!(canary_messages(&app).await.len(), 1, "the same incident: no second alert");

    // 4. The right password again: mail arrives, the incident closes with one message.
    put(&app, "mailbox:intake", mailbox(&right)).await;
    let v = mail_run(&app, &smtp, &imap, &mut delivered, 4, None).await;
    assert_eq!(v["ok"], true, "mail did not pass again: {v}\n{}", app.output());
    let said = canary_messages(&app).await;
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(said[1].contains("works again"), "{said:?}");

    // 5. The SMTP server refuses (gone): the first hop fails with why.
    smtp.stop();
    let v = mail_run(&app, &smtp, &imap, &mut delivered, 5, None).await;
    assert_eq!(v["ok"], false, "{v}");
    let first = &v["hops"][0];
    assert_eq!((first["name"].as_str(), first["ok"].as_bool()), (Some("sent"), Some(false)), "{v}");
    assert!(first["error"].as_str().unwrap().contains("the mail server did not take the test e-mail"), "{v}");
    assert_eq!(canary_messages(&app).await.len(), 3, "a new incident, one alert");
}

/// The admin's page in real Chromium: the menu leads to it, "run the test now" sends the test
/// inquiries, the page shows each hop in local time with a chart; on a 360 px phone nothing
/// scrolls sideways; in Hebrew it reads right to left. Its settings are a plain form.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_runs_the_mystery_shopper_from_its_page() {
    use crate::browser::Browser;
    let (_gateway, app) = with_gateway(Engine::Sqlite, Options::default()).await;
    user(&app, "boss", "admin", "+420 777 000 009").await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let b = Browser::start("en").await;
    crate::journeys::sign_in(&b, &app, "boss", "a long enough password").await;
    b.goto(&app.url("/admin/settings")).await;
    b.click("#canary-link").await;
    b.wait_for("#canary-run", 10).await;
    assert!(b.text("main").await.contains("No test inquiry yet"), "{}", b.text("main").await);
    // Its settings: a plain form, the test number saved.
    b.click("#canary-settings").await;
    b.wait_for("#settings-canary", 10).await;
    b.fill("#s-sms_to", TEST_PHONE).await;
    b.click("#settings-canary form.settings-fields button[type=submit]").await;
    b.wait_for("#canary-run", 10).await;
    b.click("#canary-run").await;
    b.wait_for("#canary-started", 10).await;
    let passed = eventually(Duration::from_secs(30), || async { state(&app, "form").await["ok"] == true }).await;
    assert!(passed, "{}", app.output());
    b.goto(&app.url("/admin/canary")).await;
    b.wait_for("#canary-form", 10).await;
    let card = b.text("#canary-form").await;
    for want in ["Web form", "Went through 09:00", "Registered", "Team's alert accepted", "Closed"] {
        assert!(card.contains(want), "{want}: {card}");
    }
    assert!(!card.contains("2031-05-06T") && !card.contains("alert_accepted"), "no internal words or UTC: {card}");
    assert_eq!(b.js("return document.querySelectorAll('#canary-form svg').length").await, 1, "the 30-day chart");
    b.screenshot("canary").await;
    b.close().await;
    for (b, name) in [(Browser::phone("en").await, "canary-phone"), (Browser::start("he").await, "canary-he")] {
        crate::journeys::sign_in(&b, &app, "boss", "a long enough password").await;
        b.goto(&app.url("/admin/canary")).await;
        b.wait_for("#canary-form", 10).await;
        let m = b.js("return [document.documentElement.scrollWidth, window.innerWidth]").await;
        assert!(m[0].as_i64() <= m[1].as_i64(), "{name}: {m}");
        b.screenshot(name).await;
        b.close().await;
    }
}
