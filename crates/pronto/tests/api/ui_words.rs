//! Every staff page in every language shows values by name, never as the ids of the code: on a
//! lead with a retried call, a transfer outcome and a missed deadline (distributor) and a
//! walk-in (agency), no stage, channel, outcome, event kind, payload key or UTC time reaches
//! the visible text (values inside attributes, such as `value="received"`, are the forms' own).

use crate::agency::{advance, app_at, complete, id, tasks, user};
use serde_json::json;
use testkit::both;
use testkit::{App, Engine};

both!(no_page_shows_an_internal_id_in_any_language);

const TUESDAY_9_MSK: &str = "2031-05-06T06:00:00Z";
const LANGUAGES: &[&str] = &["en", "cs", "ru", "pl", "he"];

async fn get(app: &App, path: &str, cookie: Option<&str>, lang: &str) -> (u16, String) {
    let mut rb = app.client.get(app.url(path)).header("accept-language", lang);
    if let Some(c) = cookie {
        rb = rb.header("cookie", format!("pronto_session={c}"));
    }
    let r = rb.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap_or_default())
}

async fn sign_in(app: &App, login: &str) -> String {
    let r = app
        .client
        .post(app.url("/login"))
        .header("origin", app.base().trim_end_matches('/'))
        .form(&[("login", login), ("password", "a long enough password")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let set = r.headers()["set-cookie"].to_str().unwrap();
    set.strip_prefix("pronto_session=").unwrap().split(';').next().unwrap().to_owned()
}

/// What a reader sees of a page: its text without tags, attributes, scripts and styles.
pub fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        out.push(' ');
        rest = &rest[i..];
        let lower = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
        let skip_to = if lower.starts_with("<script") {
            "</script>"
        } else if lower.starts_with("<style") {
            "</style>"
        } else if lower.starts_with("<!--") {
            "-->"
        } else {
            ">"
        };
        match rest.find(skip_to) {
            Some(j) => rest = &rest[j + skip_to.len()..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out.replace("&#38;", "&").replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"").replace("&#34;", "\"")
}

/// The ids of the code found in `text`, as words (`received` but not `Received`).
fn raw_ids(text: &str, lang: &str) -> Vec<String> {
    // English uses some of these words itself ("Request received"); the ids with `_` or `.` and
    // the UTC times never are English.
    let always = ["in_person", "manager_busy", "no_answer", "task.retry_scheduled", "activity.logged", "retry_at", "lead.stage_changed", "sla.breached", "first_response", "confirm_call"];
    // (Not `phone`: the admin page shows the web form's HTML to copy, `name="phone"` and all.)
    let not_english = ["received", "transferred", "confirmed", "contacted", "web", "open", "available", "secretary", "manager", "consultant"];
    let mut found = Vec::new();
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || "“”„«»\"(),:;!?<>—–".contains(c)).map(|w| w.trim_end_matches('.')).collect();
    for w in &words {
        if always.contains(w) || (lang != "en" && not_english.contains(w)) {
            found.push((*w).to_owned());
        }
    }
    // An RFC 3339 UTC time (`2031-05-06T06:10:00Z`, with or without fractions).
    let b = text.as_bytes();
    for i in 0..b.len().saturating_sub(11) {
        let w = &b[i..];
        if w[..4].iter().all(u8::is_ascii_digit) && w[4] == b'-' && w[7] == b'-' && w[10] == b'T' {
            let end = w.iter().take(40).position(|c| *c == b'Z' || c.is_ascii_whitespace() || *c == b'<');
            if end.is_some_and(|e| w[e] == b'Z') {
                found.push(String::from_utf8_lossy(&w[..end.unwrap() + 1]).into_owned());
            }
        }
    }
    // Microseconds since the epoch (`1796264227646552`).
    found.extend(text.split(|c: char| !c.is_ascii_digit()).filter(|d| d.len() >= 16).map(str::to_owned));
    found
}

async fn no_page_shows_an_internal_id_in_any_language(engine: Engine) {
    let app = app_at(engine, TUESDAY_9_MSK).await;
    user(&app, "sveta", "secretary", "+7 916 000 00 01").await;
    user(&app, "ivan", "manager", "+7 916 000 00 02").await;
    user(&app, "adela", "admin", "+7 916 000 00 03").await;
    // A request nobody confirms in time: the deadline is missed and a manager takes it.
    let l = id(&app
        .create_lead(&json!({ "channel": "web", "playbook": "distributor", "subject": "Article 4711",
            "contact": { "name": "Olga Petrova", "phone": "+7 916 123 45 67", "email": "olga@example.ru" } }))
        .await);
    advance(&app, 11 * 60).await;
    // The confirmation call: no answer, so another attempt is scheduled; then the customer is
    // handed to a busy manager.
    let first = tasks(&app, l, "open").await.into_iter().find(|t| t["task"] == "confirm_call").expect("the confirmation call");
    complete(&app, id(&first), "no_answer").await;
    let tl = app.get(&format!("/api/v1/leads/{l}/timeline")).await.expect(200);
    assert!(tl.to_string().contains("task.retry_scheduled"), "a retry: {tl}");
    assert!(tl.to_string().contains("sla.breached"), "a missed deadline: {tl}");
    advance(&app, 5 * 60).await;
    if let Some(retry) = tasks(&app, l, "open").await.into_iter().find(|t| t["task"] == "confirm_call") {
        complete(&app, id(&retry), "manager_busy").await;
    }
    app.post(&format!("/api/v1/leads/{l}/activities"), &json!({ "kind": "call", "direction": "in", "outcome": "transferred" }))
        .await
        .expect(201);
    // A walk-in of the agency, still in its first stage.
    let walk_in = id(&app.create_lead(&json!({ "channel": "in_person", "contact": { "name": "Petr Malý", "phone": "+420 777 111 222" } })).await);
    let tracking = app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["tracking_url"].as_str().map(str::to_owned);

    let pages = [
        "/inbox".to_owned(),
        "/tasks".to_owned(),
        "/board".to_owned(),
        "/contacts".to_owned(),
        "/reports".to_owned(),
        "/reports/leads?figure=sla_breached:confirmation".to_owned(),
        "/reports/leads?figure=reached:received".to_owned(),
        format!("/leads/{l}"),
        format!("/leads/{walk_in}"),
        "/account".to_owned(),
    ];
    let mut failures = Vec::new();
    let admin_pages = [
        "/admin",
        "/admin/settings", "/admin/settings/sms", "/admin/settings/email", "/admin/settings/mailboxes", "/admin/settings/phone", "/admin/settings/general",
        "/admin/forms", "/admin/forms/new", "/admin/texts", "/admin/texts/distributor/new_request/cs",
        "/admin/playbooks",
        "/admin/company", "/admin/calendars", "/admin/guide",
    ];
    for (login, extra) in [("sveta", vec![]), ("ivan", vec![]), ("adela", admin_pages.map(str::to_owned).to_vec())] {
        let c = sign_in(&app, login).await;
        for lang in LANGUAGES {
            for path in pages.iter().chain(&extra) {
                let (status, html) = get(&app, path, Some(&c), lang).await;
                assert!(status == 200, "{login} {lang} {path}: {status}");
                let ids = raw_ids(&visible_text(&html), lang);
                if !ids.is_empty() {
                    failures.push(format!("{login} {lang} {path}: {ids:?}"));
                }
            }
        }
    }
    // The customer's own page too.
    if let Some(url) = tracking {
        let path = url.split_once("/t/").map(|(_, t)| format!("/t/{t}")).unwrap();
        for lang in LANGUAGES {
            let (status, html) = get(&app, &path, None, lang).await;
            assert_eq!(status, 200, "{lang} {path}");
            let ids = raw_ids(&visible_text(&html), lang);
            if !ids.is_empty() {
                failures.push(format!("customer {lang}: {ids:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "internal ids on the pages:\n{}", failures.join("\n"));
    // And the sentences are there: the lead card of the manager in Czech names the retry, the
    // transfer and the missed deadline in words, at the office's time (Prague: 06:16Z is 08:16).
    let c = sign_in(&app, "ivan").await;
    let (_, card) = get(&app, &format!("/leads/{l}"), Some(&c), "cs").await;
    let text = visible_text(&card);
    for want in ["Další pokus v 08:16.", "Přepojeno na manažera", "nebyla dodržena", "nový úkol „Potvrzovací hovor: požadavek přijat"] {
        assert!(text.contains(want), "the Czech timeline lacks {want:?}: {text}");
    }
}

#[test]
fn the_visible_text_and_the_ids_in_it() {
    let html = r#"<title>Lead</title><style>.a{}</style><script>var x = "manager_busy";</script><option value="received">Přijato</option> <b>in_person</b> 2031-05-06T06:10:00Z"#;
    let text = visible_text(html);
    assert!(!text.contains("value=") && !text.contains("var x") && text.contains("Přijato"), "{text}");
    assert_eq!(raw_ids(&text, "cs"), vec!["in_person", "2031-05-06T06:10:00Z"]);
    assert_eq!(raw_ids("Request received at 09:10", "en"), Vec::<String>::new());
    assert_eq!(raw_ids("Požadavek received", "cs"), vec!["received"]);
    assert_eq!(raw_ids("retry_at: 1796264227646552", "en"), vec!["retry_at", "1796264227646552"]);
}

async fn browser_sign_in(b: &crate::browser::Browser, app: &App, login: &str) {
    b.goto(&app.url("/login")).await;
    b.fill("#login", login).await;
    b.fill("#password", "a long enough password").await;
    b.click("button[type=submit]").await;
    b.wait_for("nav[aria-label=main]", 10).await;
}

/// A call script is Markdown on the page: open beside the task on a desktop, collapsed under
/// its summary on a phone; the timeline reads as sentences (screenshots in Czech and Hebrew).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn call_scripts_open_on_a_desktop_and_fold_on_a_phone() {
    use crate::browser::Browser;
    let app = app_at(Engine::Sqlite, crate::agency::TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Petr Malý", "phone": "+420 777 111 222" } })).await);
    complete(&app, id(&tasks(&app, l, "open").await[0]), "no_answer").await;
    advance(&app, 300).await;

    let d = Browser::start("en").await;
    browser_sign_in(&d, &app, "jana").await;
    d.goto(&app.url("/tasks")).await;
    d.wait_for("details.script-box strong", 5).await;
    assert_eq!(d.js("return document.querySelector('details.script-box').open").await, true, "open on a desktop");
    assert_eq!(d.text("details.script-box strong").await, "First call");
    d.screenshot("words-tasks").await;
    d.close().await;

    let p = Browser::phone("cs").await;
    browser_sign_in(&p, &app, "jana").await;
    p.goto(&app.url("/tasks")).await;
    p.wait_for("details.script-box", 5).await;
    assert_eq!(p.js("return document.querySelector('details.script-box').open").await, false, "folded on a phone");
    p.screenshot("words-tasks-phone").await;
    p.click("details.script-box > summary").await;
    assert_eq!(p.js("return document.querySelector('details.script-box').open").await, true, "a tap opens it");
    p.goto(&app.url(&format!("/leads/{l}"))).await;
    p.wait_for("ol.timeline", 5).await;
    p.js("document.querySelector('ol.timeline').scrollIntoView(); return true").await;
    let text = p.text("ol.timeline").await;
    assert!(text.contains("Další pokus v 09:05.") && text.contains("Nebere"), "{text}");
    p.screenshot("words-timeline-cs-phone").await;
    p.close().await;

    let h = Browser::start("he").await;
    browser_sign_in(&h, &app, "jana").await;
    h.goto(&app.url(&format!("/leads/{l}"))).await;
    h.wait_for("ol.timeline", 5).await;
    h.js("document.querySelector('ol.timeline').scrollIntoView(); return true").await;
    h.screenshot("words-timeline-he").await;
    h.close().await;
}
