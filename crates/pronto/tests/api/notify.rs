//! The notification centre over HTTP and in Chromium: the bell's count, the list in the
//! reader's language, opening and marking read one's own only (another's is 404), the sentence a
//! desktop notification shows, what the customer sent waiting until answered, and live pages
//! that merge updates without touching what the reader is typing.

use crate::agency::{TUESDAY_9, advance, app_at, id, token_of, user};
use crate::browser::Browser;
use serde_json::{Value, json};
use std::time::Duration;
use testkit::both;
use testkit::{App, Engine};

both!(
    the_centre_lists_counts_and_marks_ones_own_only,
    the_live_notification_says_who_and_what,
    what_the_customer_sent_waits_until_answered,
);

const PASSWORD: &str = "a long enough password";

struct Page {
    status: u16,
    location: Option<String>,
    body: String,
}

fn own(app: &App) -> String {
    app.base().trim_end_matches('/').to_owned()
}

async fn send(app: &App, method: reqwest::Method, path: &str, cookie: &str, same_origin: bool) -> Page {
    let mut rb =
        app.client.request(method, app.url(path)).header("accept-language", "en").header("cookie", format!("pronto_session={cookie}"));
    if same_origin {
        rb = rb.header("origin", own(app));
    }
    let r = rb.send().await.unwrap();
    let status = r.status().as_u16();
    let location = r.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
    Page { status, location, body: r.text().await.unwrap_or_default() }
}

async fn sign_in(app: &App, login: &str) -> String {
    let r = app
        .client
        .post(app.url("/login"))
        .header("origin", own(app))
        .form(&[("login", login), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let set = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    set.strip_prefix("pronto_session=").unwrap().split(';').next().unwrap().to_owned()
}

async fn unread(app: &App, cookie: &str) -> i64 {
    let p = send(app, reqwest::Method::GET, "/notifications/unread", cookie, false).await;
    assert_eq!(p.status, 200, "{}", p.body);
    serde_json::from_str::<Value>(&p.body).unwrap()["unread"].as_i64().unwrap()
}

/// `user`'s in-app notifications about `lead`, as the API lists them (the admin's view).
async fn in_app(app: &App, lead: i64, user: i64, kind: &str) -> Vec<Value> {
    let all = app.get(&format!("/api/v1/notifications?lead={lead}")).await.expect(200)["items"].as_array().unwrap().clone();
    all.into_iter().filter(|n| n["recipient"]["user_id"] == user && n["channel"] == "in_app" && n["kind"] == kind).collect()
}

fn lead_of(app: &App, name: &str) -> impl std::future::Future<Output = i64> {
    let body = json!({ "channel": "web", "subject": "Nový web", "contact": { "name": name, "phone": "777 123 456" } });
    async move { id(&app.create_lead(&body).await) }
}

async fn the_centre_lists_counts_and_marks_ones_own_only(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let petra = user(&app, "petra", "consultant", "+420 777 000 001").await;
    let marek = user(&app, "marek", "manager", "+420 777 000 002").await;
    let l = lead_of(&app, "Jana Nováková").await;
    let (p, m) = (sign_in(&app, "petra").await, sign_in(&app, "marek").await);
    let before = unread(&app, &p).await;
    // Five working minutes without a first contact: the owner is warned in the app; at ten,
    // the manager hears of the breach; read two minutes later, it is 2 minutes late.
    advance(&app, 5 * 60).await;
    advance(&app, 7 * 60).await;
    let warning = in_app(&app, l, petra, "sla_warning").await;
    assert_eq!(warning.len(), 1, "{warning:?}");
    let warning = id(&warning[0]);
    assert!(!in_app(&app, l, marek, "sla_breached").await.is_empty());
    assert!(unread(&app, &p).await > before);
    let page = send(&app, reqwest::Method::GET, "/notifications", &p, false).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("SLA at risk: Jana Nováková, web inquiry, no first contact yet"), "{}", page.body);
    assert!(page.body.contains(&format!("action=\"/notifications/{warning}/open\"")), "a way to the card");
    assert!(page.body.contains(&format!("id=\"note-{warning}\"")) && page.body.contains("note unread"));
    assert!(!page.body.contains("sla_warning"), "no ids: {}", page.body);
    let theirs = send(&app, reqwest::Method::GET, "/notifications", &m, false).await;
    assert!(theirs.body.contains("SLA breached: Jana Nováková, web inquiry, 2 min late"), "{}", theirs.body);
    assert!(!theirs.body.contains(&format!("note-{warning}\"")), "another's notification is not listed");
    // Newest first.
    let ids: Vec<i64> = page
        .body
        .match_indices("data-note=\"")
        .map(|(i, s)| page.body[i + s.len()..].split('"').next().unwrap().parse().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");

    // Another user's notification: neither opened nor marked (404), and it stays unread.
    let n = unread(&app, &p).await;
    assert_eq!(send(&app, reqwest::Method::POST, &format!("/notifications/{warning}/open"), &m, true).await.status, 404);
    assert_eq!(send(&app, reqwest::Method::POST, &format!("/notifications/{warning}/read"), &m, true).await.status, 404);
    assert_eq!(unread(&app, &p).await, n);
    // From another site: refused.
    assert_eq!(send(&app, reqwest::Method::POST, &format!("/notifications/{warning}/open"), &p, false).await.status, 403);
    assert_eq!(unread(&app, &p).await, n);

    // Opening it marks it read and goes to the lead's card.
    let open = send(&app, reqwest::Method::POST, &format!("/notifications/{warning}/open"), &p, true).await;
    assert_eq!((open.status, open.location.as_deref()), (303, Some(format!("/leads/{l}").as_str())));
    assert_eq!(unread(&app, &p).await, n - 1);
    let page = send(&app, reqwest::Method::GET, "/notifications", &p, false).await;
    assert!(page.body.contains(&format!("class=\"note\" id=\"note-{warning}\"")), "no longer unread: {}", page.body);
    assert_eq!(send(&app, reqwest::Method::POST, "/notifications/999999/open", &p, true).await.status, 404);

    // Mark all read.
    let all = send(&app, reqwest::Method::POST, "/notifications/read", &p, true).await;
    assert_eq!(all.status, 303);
    assert_eq!(unread(&app, &p).await, 0);
    assert!(unread(&app, &m).await > 0, "the manager's are still unread");
    // Without a session: the sign-in page.
    let anon = app.client.get(app.url("/notifications/unread")).send().await.unwrap();
    assert!(anon.url().path() == "/login" || anon.status().is_redirection(), "{}", anon.url());
}

/// A live `notification` event carries its sentence in the reader's language, and a new lead's
/// desktop notification says who and what, never only its number.
async fn the_live_notification_says_who_and_what(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let petra = user(&app, "petra", "consultant", "+420 777 000 001").await;
    let token = token_of(&app, petra).await;
    let mut stream =
        app.client.get(app.url("/api/v1/events/stream")).bearer_auth(&token).header("accept-language", "cs").send().await.unwrap();
    assert_eq!(stream.status(), 200);
    let l = lead_of(&app, "Jana Nováková").await;
    advance(&app, 5 * 60).await;
    let mut bytes = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    let want = "\"sentence\":\"Lhůta v ohrožení: Jana Nováková, poptávka z webu, zatím bez prvního kontaktu\"";
    while !String::from_utf8_lossy(&bytes).contains(want) {
        let chunk = tokio::time::timeout_at(deadline, stream.chunk())
            .await
            .unwrap_or_else(|_| panic!("no sentence in {}", String::from_utf8_lossy(&bytes)))
            .unwrap()
            .expect("open");
        bytes.extend_from_slice(&chunk);
    }
    let seen = String::from_utf8_lossy(&bytes).into_owned();
    assert!(seen.contains(&format!("\"lead_id\":{l}")), "{seen}");

    let p = sign_in(&app, "petra").await;
    let about = send(&app, reqwest::Method::GET, &format!("/notifications/lead/{l}"), &p, false).await;
    assert_eq!(about.status, 200, "{}", about.body);
    let v: Value = serde_json::from_str(&about.body).unwrap();
    assert_eq!(v["title"], "New inquiry");
    assert_eq!(v["body"], "Jana Nováková, web inquiry: call now");
    assert_eq!(v["url"], format!("/leads/{l}"));
    assert_eq!(send(&app, reqwest::Method::GET, "/notifications/lead/999999", &p, false).await.status, 404);
}

/// The path of a lead's page (`/t/TOKEN`).
async fn page_path(app: &App, lead: i64) -> String {
    let v = app.get(&format!("/api/v1/leads/{lead}")).await.expect(200);
    let url = v["tracking_url"].as_str().unwrap_or_else(|| panic!("no tracking_url in {v}"));
    format!("/t/{}", url.rsplit_once("/t/").unwrap().1)
}

/// A customer's message from their page reaches the owner (or, with nobody owning the lead,
/// the managers) and stays "waiting for an answer" until someone of the team answers.
async fn what_the_customer_sent_waits_until_answered(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let marek = user(&app, "marek", "manager", "+420 777 000 002").await;
    // No consultant yet: nobody owns it.
    let l = lead_of(&app, "Eva Malá").await;
    let path = page_path(&app, l).await;
    let r = app.client.post(app.url(&format!("{path}/message"))).form(&[("text", "Ozvete se?"), ("lang", "cs")]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let to_marek = in_app(&app, l, marek, "customer_message").await;
    assert_eq!(to_marek.len(), 1, "the manager hears of it");
    let n = id(&to_marek[0]);
    let m = sign_in(&app, "marek").await;
    let page = send(&app, reqwest::Method::GET, "/notifications", &m, false).await;
    assert!(page.body.contains("Eva Malá wrote on their page"), "{}", page.body);
    assert!(page.body.contains(&format!("note unread waiting\" id=\"note-{n}\"")), "{}", page.body);
    assert!(page.body.contains("Waiting for an answer"));
    // Read, it still waits; a note is not an answer.
    assert_eq!(send(&app, reqwest::Method::POST, &format!("/notifications/{n}/read"), &m, true).await.status, 303);
    let page = send(&app, reqwest::Method::GET, "/notifications", &m, false).await;
    assert!(page.body.contains(&format!("note waiting\" id=\"note-{n}\"")), "{}", page.body);
    let token = token_of(&app, marek).await;
    app.post_as(&token, &format!("/api/v1/leads/{l}/activities"), &json!({ "kind": "note", "body": "zavolat" })).await.expect(201);
    assert!(send(&app, reqwest::Method::GET, "/notifications", &m, false).await.body.contains("Waiting for an answer"));
    // A call that reached her answers it.
    advance(&app, 60).await;
    app.post_as(&token, &format!("/api/v1/leads/{l}/activities"), &json!({ "kind": "call", "direction": "out", "outcome": "reached" }))
        .await
        .expect(201);
    let page = send(&app, reqwest::Method::GET, "/notifications", &m, false).await;
    assert!(page.body.contains(&format!("class=\"note\" id=\"note-{n}\"")), "answered: {}", page.body);
    assert!(!page.body.contains("Waiting for an answer"), "{}", page.body);
}

// ── In Chromium ──

async fn browser_sign_in(b: &Browser, app: &App, login: &str) {
    b.goto(&app.url("/login")).await;
    b.fill("#login", login).await;
    b.fill("#password", PASSWORD).await;
    b.click("button[type=submit]").await;
    b.wait_for("nav[aria-label=main]", 10).await;
}

/// Waits (up to `secs`) until `script` returns true.
async fn until(b: &Browser, script: &str, secs: u64) {
    let ok = testkit::eventually(Duration::from_secs(secs), || async { b.js(script).await == Value::Bool(true) }).await;
    assert!(ok, "never true: {script}; page:\n{}", b.page_text().await);
}

/// The bell's count appears on any page and grows live when a notification for the reader is
/// created; the centre lists it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bell_counts_live() {
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    let petra = user(&app, "petra", "consultant", "+420 777 000 001").await;
    let token = token_of(&app, petra).await;
    // What the server counts as unread for her.
    let server = || async {
        let v = app.get_as(&token, "/api/v1/notifications?recipient=me&unread=true&limit=1000").await.expect(200);
        v["items"].as_array().unwrap().len() as i64
    };
    let b = Browser::start("en").await;
    browser_sign_in(&b, &app, "petra").await;
    b.goto(&app.url("/tasks")).await;
    b.wait_for("#bell", 5).await;
    let bell = "var c = document.getElementById('bell-count'); return c.hidden ? 0 : Number(c.textContent)";
    let start = b.js(bell).await.as_i64().unwrap();
    assert_eq!(start, server().await);
    b.js("document.body.dataset.marker = 'kept'; return true").await;
    let l = lead_of(&app, "Jana Nováková").await;
    advance(&app, 5 * 60).await;
    // The warning: the count grows without a reload, to what the server says.
    let shows = |n: i64| format!("var c = document.getElementById('bell-count'); return !c.hidden && Number(c.textContent) === {n}");
    let after = testkit::eventually(Duration::from_secs(15), || async {
        let n = server().await;
        n > start && b.js(&shows(n)).await == Value::Bool(true)
    })
    .await;
    assert!(after, "the bell shows the new count: {} vs {}", b.js(bell).await, server().await);
    let now = b.js(bell).await.as_i64().unwrap();
    let path = page_path(&app, l).await;
    app.client.post(app.url(&format!("{path}/message"))).form(&[("text", "Haló"), ("lang", "en")]).send().await.unwrap();
    let grew = testkit::eventually(Duration::from_secs(15), || async {
        let n = server().await;
        n > now && b.js(&shows(n)).await == Value::Bool(true)
    })
    .await;
    assert!(grew, "the customer's message counts: {} vs {}", b.js(bell).await, server().await);
    assert_eq!(b.js("return document.body.dataset.marker").await, "kept", "live, not reloaded");
    b.screenshot("notify-bell").await;
    b.click("#bell").await;
    b.wait_text("Jana Nováková wrote on their page", 5).await;
    b.wait_text("Waiting for an answer", 5).await;
    b.screenshot("notifications").await;
    b.close().await;

    let p = Browser::phone("cs").await;
    browser_sign_in(&p, &app, "petra").await;
    p.goto(&app.url("/notifications")).await;
    p.wait_text("Čeká na odpověď", 5).await;
    p.screenshot("notifications-phone").await;
    // The centre's own content fits 360 px (the header is the shell's).
    let widest = p
        .js("return Math.max.apply(null, Array.from(document.querySelectorAll('main, main *')).map(function (e) { return Math.ceil(e.getBoundingClientRect().right); }))")
        .await
        .as_i64()
        .unwrap();
    assert!(widest <= 360, "no sideways scrolling in the centre: {widest}");
    p.close().await;
}

/// A live update of the lead card keeps a half-typed note, an e-mail being written and a chosen
/// stage; the new timeline line appears all the same.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_live_update_keeps_what_the_reader_is_typing() {
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    user(&app, "petra", "consultant", "+420 777 000 001").await;
    let with_mail = json!({ "channel": "web", "contact": { "name": "Jana Nováková", "phone": "777 123 456", "email": "jana@example.cz" } });
    let l = id(&app.create_lead(&with_mail).await);
    let b = Browser::start("en").await;
    browser_sign_in(&b, &app, "petra").await;
    b.goto(&app.url(&format!("/leads/{l}"))).await;
    b.wait_for("#note", 5).await;
    b.js("document.body.dataset.marker = 'kept'; return true").await;
    // A stage chosen (not sent), an e-mail being written, and half a note, the focus in it.
    let stage = b
        .js("var s = document.getElementById('stage'); var o = Array.from(s.options).find(function (o) { return !o.selected; }); return o ? o.value : null")
        .await;
    let stage = stage.as_str().expect("another stage to choose").to_owned();
    let option = b.wait_for(&format!("#stage option[value='{stage}']"), 5).await;
    b.click("#stage").await;
    option.click().await.unwrap();
    b.fill("#etext", "Dobrý den, posílám nabíd").await;
    b.fill("#note", "Zákaznice chce").await;
    assert_eq!(b.js("return document.activeElement.id").await, "note");
    // Something happens on the lead elsewhere: a colleague's note through the API.
    app.post(&format!("/api/v1/leads/{l}/activities"), &json!({ "kind": "note", "body": "LIVE-7731 from a colleague" })).await.expect(201);
    b.wait_text("LIVE-7731", 15).await;
    assert_eq!(b.js("return document.body.dataset.marker").await, "kept", "merged, not reloaded");
    assert_eq!(b.js("return document.getElementById('note').value").await, "Zákaznice chce");
    assert_eq!(b.js("return document.getElementById('etext').value").await, "Dobrý den, posílám nabíd");
    assert_eq!(b.js("return document.getElementById('stage').value").await, stage.as_str());
    assert_eq!(b.js("return document.activeElement.id").await, "note", "the focus stays");
    // Typing goes on where it was.
    b.client().find(fantoccini::Locator::Css("#note")).await.unwrap().send_keys(" nabídku").await.unwrap();
    assert_eq!(b.js("return document.getElementById('note').value").await, "Zákaznice chce nabídku");
    b.close().await;
}

/// A lead that arrives live stays highlighted (`fresh`) until seen, through later updates.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_row_stays_highlighted_until_seen() {
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    user(&app, "petra", "consultant", "+420 777 000 001").await;
    let b = Browser::start("en").await;
    browser_sign_in(&b, &app, "petra").await;
    b.goto(&app.url("/inbox")).await;
    b.wait_for("main h1", 5).await;
    // The pointer rests on the heading, away from where new rows appear.
    b.click("main h1").await;
    let first = lead_of(&app, "Karel První").await;
    let row = |l: i64| format!("main [data-lead='{l}']");
    b.wait_for(&row(first), 15).await;
    until(&b, &format!("return document.querySelector(\"{}\").classList.contains('fresh')", row(first)), 5).await;
    // Another update: the first row is still highlighted, the new one too.
    let second = lead_of(&app, "Marie Druhá").await;
    b.wait_for(&row(second), 15).await;
    until(&b, &format!("return document.querySelector(\"{}\").classList.contains('fresh')", row(second)), 5).await;
    assert_eq!(b.js(&format!("return document.querySelector(\"{}\").classList.contains('fresh')", row(first))).await, true);
    b.screenshot("notify-fresh-row").await;
    // Opening its card is seeing it.
    b.goto(&app.url(&format!("/leads/{first}"))).await;
    b.wait_for("#note", 5).await;
    b.goto(&app.url("/inbox")).await;
    b.wait_for(&row(second), 5).await;
    assert_eq!(b.js(&format!("return document.querySelector(\"{}\").classList.contains('fresh')", row(first))).await, false);
    assert_eq!(b.js(&format!("return document.querySelector(\"{}\").classList.contains('fresh')", row(second))).await, true);
    b.close().await;
}
