//! The web UI in real Chromium (Debian's chromium + chromedriver): sign in, a web-form lead
//! appears live in the inbox, a call task completed with "no answer" comes back as a retry, a
//! reply is sent from the lead card, Hebrew is right to left, a phone-width page fits. Each page
//! is saved under `docs/screenshots/` (desktop and phone), as the README shows them.

use crate::agency::{TUESDAY_9, advance, app_at, id, tasks, user};
use crate::browser::Browser;
use serde_json::json;
use testkit::{App, Engine};

const PASSWORD: &str = "a long enough password";

async fn sign_in(b: &Browser, app: &App, login: &str) {
    b.goto(&app.url("/login")).await;
    b.fill("#login", login).await;
    b.fill("#password", PASSWORD).await;
    b.click("button[type=submit]").await;
    b.wait_for("nav[aria-label=main]", 10).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_team_works_in_the_browser() {
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let b = Browser::start("en").await;
    sign_in(&b, &app, "jana").await;
    assert!(b.url().await.ends_with("/inbox"));
    b.wait_text("Inbox", 5).await;

    // A web form is sent while the inbox is open: the lead appears without a reload.
    let marker = b.js("document.body.dataset.marker = 'kept'; return document.body.dataset.marker").await;
    assert_eq!(marker, "kept");
    let r = app
        .client
        .post(app.url("/forms/default"))
        .header("accept", "application/json")
        .json(&json!({ "name": "Jana Nováková", "phone": "777 123 456", "message": "Nový web, prosím o zavolání." }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let l = r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
    b.wait_text("Jana Nováková", 10).await;
    assert_eq!(b.js("return document.body.dataset.marker").await, "kept", "live, not reloaded");
    assert_eq!(b.js("return document.querySelector('a.tel').getAttribute('href')").await, "tel:+420777123456");
    b.screenshot("inbox").await;

    // My tasks: the first call, its script, and "no answer" → the retry 5 minutes later.
    b.goto(&app.url("/tasks")).await;
    b.wait_text("Call the new inquiry", 5).await;
    b.wait_text("First call", 5).await;
    // The countdown runs on the server's clock (here the test clock), not the device's.
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let countdown = b.text("time[data-due]").await;
    let inside = countdown.rsplit_once('(').map(|(_, r)| r.trim_end_matches(')').to_owned()).unwrap_or_default();
    assert!(inside.chars().count() <= 6 && inside.contains(':'), "minutes:seconds around the deadline: {countdown}");
    b.screenshot("tasks").await;
    b.click("button[value=no_answer]").await;
    // The click posts the form; the page still shows the old one until the answer comes.
    let done = testkit::eventually(std::time::Duration::from_secs(10), || async { !tasks(&app, l, "done").await.is_empty() }).await;
    assert!(done, "the call task was completed");
    b.wait_for("nav[aria-label=main]", 5).await;
    assert_eq!(tasks(&app, l, "done").await[0]["outcome"], "no_answer");
    advance(&app, 300).await;
    b.goto(&app.url("/tasks")).await;
    b.wait_text("Call the new inquiry", 5).await;
    assert_eq!(tasks(&app, l, "open").await[0]["attempt"], 2);

    // The lead card: send a reply (an e-mail on the conversation, queued for SMTP).
    let with_mail = id(&app
        .create_lead(
            &json!({ "channel": "web", "subject": "Cenová nabídka", "contact": { "name": "Karel Dvořák", "email": "karel@example.cz" } }),
        )
        .await);
    b.goto(&app.url(&format!("/leads/{with_mail}"))).await;
    b.wait_text("Karel Dvořák", 5).await;
    b.fill("#etext", "Dobrý den, posíláme nabídku.").await;
    b.click("form[action$='/email'] button[type=submit]").await;
    b.wait_text("Dobrý den, posíláme nabídku.", 10).await;
    let emails = app.get(&format!("/api/v1/leads/{with_mail}/emails")).await.expect(200);
    assert_eq!(emails["items"][0]["direction"], "out");
    b.screenshot("lead").await;

    // Hebrew: right to left.
    b.js("document.getElementById('lang').value = 'he'; document.getElementById('lang').form.submit(); return true").await;
    b.wait_for("html[dir=rtl]", 10).await;
    assert_eq!(b.js("return getComputedStyle(document.body).direction").await, "rtl");
    b.goto(&app.url("/inbox")).await;
    b.wait_for("html[lang=he][dir=rtl]", 5).await;
    b.screenshot("inbox-he").await;
    // The reports in Hebrew: the charts drawn right to left.
    b.goto(&app.url("/reports")).await;
    b.wait_for("svg[role=img]", 10).await;
    assert!(b.js("return document.querySelectorAll('svg text[direction=rtl]').length").await.as_i64().unwrap() > 0, "RTL charts");
    b.screenshot("reports-he").await;
    let _ = jana;
    b.close().await;

    // The other pages, as an admin, in English.
    user(&app, "boss", "admin", "+420 777 000 009").await;
    let a = Browser::start("en").await;
    a.goto(&app.url("/login")).await;
    a.wait_for("#login", 5).await;
    a.screenshot("login").await;
    sign_in(&a, &app, "boss").await;
    for (path, name, text) in [
        ("/board", "board", "Board"),
        ("/contacts", "contacts", "Contacts"),
        ("/admin", "admin", "Users"),
        ("/reports", "reports", "Response time"),
        ("/admin/audit", "audit", "Audit log"),
        ("/account", "account", "API tokens"),
    ] {
        a.goto(&app.url(path)).await;
        a.wait_text(text, 5).await;
        a.screenshot(name).await;
    }
    a.close().await;

    // A phone: the task page fits 360 px, with large outcome buttons.
    let p = Browser::phone("cs").await;
    sign_in(&p, &app, "jana").await;
    p.goto(&app.url("/tasks")).await;
    p.wait_for("form.outcomes button", 5).await;
    let width = p.js("return document.documentElement.scrollWidth").await.as_i64().unwrap();
    assert!(width <= 360, "no sideways scrolling: {width}");
    let h = p.js("return document.querySelector('form.outcomes button').getBoundingClientRect().height").await.as_f64().unwrap();
    assert!(h >= 44.0, "a thumb-sized button: {h}");
    p.screenshot("tasks-phone").await;
    p.goto(&app.url(&format!("/leads/{l}"))).await;
    p.wait_for("a.tel", 5).await;
    p.screenshot("lead-phone").await;
    for (path, name) in [("/inbox", "inbox-phone"), ("/board", "board-phone"), ("/reports", "reports-phone")] {
        p.goto(&app.url(path)).await;
        p.wait_for("nav[aria-label=main]", 5).await;
        let width = p.js("return document.documentElement.scrollWidth").await.as_i64().unwrap();
        assert!(width <= 360, "{path}: no sideways scrolling: {width}");
        p.screenshot(name).await;
    }
    p.close().await;

    // The admin's own pages on a phone, in Hebrew: the audit log and one's account fit 360 px.
    let q = Browser::phone("he").await;
    sign_in(&q, &app, "boss").await;
    for (path, name) in [("/admin/audit", "audit-phone-he"), ("/account", "account-phone-he")] {
        q.goto(&app.url(path)).await;
        q.wait_for("nav[aria-label=main]", 5).await;
        let width = q.js("return document.documentElement.scrollWidth").await.as_i64().unwrap();
        assert!(width <= 360, "{path}: no sideways scrolling: {width}");
        q.screenshot(name).await;
    }
    q.close().await;

    // Every page as the README shows it: on a desktop (1280x800), on a phone and in Hebrew; the
    // consultant's pages as Jana, the admin's as the boss. A page that does not exist (404) is
    // left out.
    let lead_path = format!("/leads/{with_mail}");
    let pages: [(&str, &str, &str); 12] = [
        ("jana", "/inbox", "inbox"),
        ("jana", "/tasks", "tasks"),
        ("jana", lead_path.as_str(), "lead"),
        ("jana", "/late", "late"),
        ("jana", "/board", "board"),
        ("jana", "/contacts", "contacts"),
        ("jana", "/notifications", "notifications"),
        ("jana", "/leads/new", "new"),
        ("boss", "/reports", "reports"),
        ("boss", "/admin", "admin"),
        ("boss", "/admin/audit", "audit"),
        ("boss", "/account", "account"),
    ];
    // Each signs in once (sign-ins are limited to 10 a minute from one address); every other
    // browser carries the session's cookie.
    let mut sessions = vec![];
    for who in ["jana", "boss"] {
        let b = Browser::start("en").await;
        sign_in(&b, &app, who).await;
        sessions.push((who, b.client().get_named_cookie("pronto_session").await.unwrap()));
        b.close().await;
    }
    for (device, lang, suffix) in [("desktop", "en", ""), ("phone", "en", "-phone"), ("desktop", "he", "-he"), ("phone", "he", "-phone-he")] {
        for (who, session) in &sessions {
            let who = *who;
            let b = if device == "phone" { Browser::phone(lang).await } else { Browser::start(lang).await };
            if device == "desktop" {
                // The window keeps 143 px for Chromium's (invisible) toolbars: a 1280x800 page.
                b.client().set_window_size(1280, 943).await.unwrap();
            }
            b.goto(&app.url("/login")).await;
            b.client().add_cookie(session.clone()).await.unwrap();
            b.goto(&app.url("/inbox")).await;
            b.wait_for("nav[aria-label=main]", 10).await;
            // The language is the user's own setting (Jana chose Hebrew above): choose this one.
            b.js(&format!("var s = document.getElementById('lang'); s.value = '{lang}'; s.form.submit(); return true")).await;
            b.wait_for(&format!("html[lang={lang}] nav[aria-label=main]"), 10).await;
            for (_, path, name) in pages.iter().filter(|p| p.0 == who) {
                if suffix == "-phone-he" && !["lead", "tasks", "inbox", "admin", "audit", "account"].contains(name) {
                    continue;
                }
                b.goto(&app.url(path)).await;
                b.wait_for("nav[aria-label=main]", 10).await;
                if b.js("return !!document.getElementById('error-reason')").await == true {
                    continue;
                }
                b.screenshot(&format!("{name}{suffix}")).await;
            }
            b.close().await;
        }
    }
}

/// A page on another site cannot make a signed-in user's browser change anything.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cross_site_form_is_refused_in_the_browser() {
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Oběť", "phone": "777 999 000" } })).await);
    let b = Browser::start("en").await;
    sign_in(&b, &app, "jana").await;
    // An attacker's page (served from a data: URL, another origin) posts to Pronto.
    let page = format!(
        "data:text/html,<form id=f method=post action='{}'><input name=text value=pwned></form><script>document.getElementById('f').submit()</script>",
        app.url(&format!("/leads/{l}/note"))
    );
    b.goto(&page).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let acts = app.get(&format!("/api/v1/leads/{l}/activities")).await.expect(200);
    assert!(acts["items"].as_array().unwrap().is_empty(), "nothing written: {acts}");
    b.close().await;
}
