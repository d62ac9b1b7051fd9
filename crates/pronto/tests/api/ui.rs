//! The web UI over HTTP: sign-in with a rotating, HttpOnly session cookie and its timeouts,
//! rate-limited attempts, sign-out; pages only for the signed-in; changes only from our own
//! pages (CSRF); everything a customer typed shown escaped; the language from the browser or
//! the user, Hebrew right to left; task outcomes and lead actions through forms.

use crate::agency::{TUESDAY_9, advance, app_at, id, tasks, user};
use testkit::both;
use testkit::{App, Engine};
use serde_json::json;

both!(
    sign_in_rotates_the_session_and_sign_out_ends_it,
    pages_need_a_session_and_speak_the_readers_language,
    changes_from_another_site_are_refused,
    what_customers_typed_is_shown_escaped,
    tasks_and_lead_actions_work_through_forms,
    sessions_time_out_and_attempts_are_limited,
    the_board_moves_leads_and_contacts_merge_by_hand,
    admins_manage_users_tests_playbooks_and_webhooks,
    a_password_change_ends_the_other_sessions,
    refusals_are_pages_in_the_readers_language,
);

const PASSWORD: &str = "a long enough password";

struct Page {
    status: u16,
    location: Option<String>,
    cookie: Option<String>,
    html: String,
}

async fn send(app: &App, method: reqwest::Method, path: &str, cookie: Option<&str>, form: Option<&[(&str, &str)]>, origin: Option<&str>) -> Page {
    let mut rb = app.client.request(method, app.url(path)).header("accept-language", "en");
    if let Some(c) = cookie {
        rb = rb.header("cookie", format!("pronto_session={c}"));
    }
    if let Some(o) = origin {
        rb = rb.header("origin", o);
    }
    if let Some(f) = form {
        rb = rb.form(f);
    }
    let r = rb.send().await.unwrap();
    let status = r.status().as_u16();
    let location = r.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let set = r.headers().get("set-cookie").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let cookie = set.as_deref().and_then(|s| s.strip_prefix("pronto_session=")).map(|s| s.split(';').next().unwrap_or("").to_owned());
    Page { status, location, cookie, html: r.text().await.unwrap_or_default() }
}

fn own(app: &App) -> String {
    app.base().trim_end_matches('/').to_owned()
}

async fn sign_in(app: &App, login: &str) -> String {
    let p = send(app, reqwest::Method::POST, "/login", None, Some(&[("login", login), ("password", PASSWORD)]), Some(&own(app))).await;
    assert_eq!((p.status, p.location.as_deref()), (303, Some("/inbox")), "{}", p.html);
    p.cookie.expect("a session cookie")
}

async fn sign_in_rotates_the_session_and_sign_out_ends_it(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let r = app
        .client
        .post(app.url("/login"))
        .header("origin", own(&app))
        .form(&[("login", "jana"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let set = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"), "{set}");
    assert!(!set.contains("Secure"), "no TLS here: {set}");
    let first = sign_in(&app, "jana").await;
    // Signing in again from the same browser: a new id, and the old one is over.
    let p = send(&app, reqwest::Method::POST, "/login", Some(&first), Some(&[("login", "jana"), ("password", PASSWORD)]), Some(&own(&app))).await;
    let second = p.cookie.unwrap();
    assert_ne!(first, second);
    assert_eq!(send(&app, reqwest::Method::GET, "/inbox", Some(&first), None, None).await.status, 303, "the old session ended");
    assert_eq!(send(&app, reqwest::Method::GET, "/inbox", Some(&second), None, None).await.status, 200);
    let p = send(&app, reqwest::Method::POST, "/logout", Some(&second), Some(&[]), Some(&own(&app))).await;
    assert_eq!(p.location.as_deref(), Some("/login"));
    let p = send(&app, reqwest::Method::GET, "/inbox", Some(&second), None, None).await;
    assert_eq!((p.status, p.location.as_deref()), (303, Some("/login")));
    let bad = send(&app, reqwest::Method::POST, "/login", None, Some(&[("login", "jana"), ("password", "nope")]), Some(&own(&app))).await;
    assert_eq!(bad.status, 401);
    assert!(bad.html.contains("Wrong login or password."));
    assert!(bad.cookie.is_none());
}

async fn pages_need_a_session_and_speak_the_readers_language(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    for path in ["/inbox", "/tasks", "/leads/1"] {
        let p = send(&app, reqwest::Method::GET, path, None, None, None).await;
        assert_eq!((p.status, p.location.as_deref()), (303, Some("/login")), "{path}");
    }
    let he = app.client.get(app.url("/login")).header("accept-language", "he-IL,he;q=0.9").send().await.unwrap().text().await.unwrap();
    assert!(he.contains("lang=\"he\" dir=\"rtl\""), "{he}");
    let c = sign_in(&app, "jana").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "subject": "Nový web", "contact": { "name": "Jana Nováková", "phone": "777 123 456" } })).await);
    let inbox = send(&app, reqwest::Method::GET, "/inbox", Some(&c), None, None).await;
    assert!(inbox.html.contains("lang=\"en\" dir=\"ltr\""));
    assert!(inbox.html.contains("Jana Nováková") && inbox.html.contains(&format!("href=\"/leads/{l}\"")), "{}", inbox.html);
    assert!(inbox.html.contains("href=\"tel:+420777123456\""), "click to call");
    // The user chooses Czech: every page follows, whatever the browser says.
    let p = send(&app, reqwest::Method::POST, "/language", Some(&c), Some(&[("language", "cs")]), Some(&own(&app))).await;
    assert_eq!(p.status, 303);
    let cs = send(&app, reqwest::Method::GET, "/tasks", Some(&c), None, None).await;
    assert!(cs.html.contains("lang=\"cs\""), "{}", cs.html);
    assert!(cs.html.contains("Moje úkoly"));
    let search = send(&app, reqwest::Method::GET, "/inbox?q=novakova", Some(&c), None, None).await;
    assert!(search.html.contains("Jana Nováková"), "diacritics-insensitive search");
    let none = send(&app, reqwest::Method::GET, "/inbox?q=nobody-like-this", Some(&c), None, None).await;
    assert!(!none.html.contains("Jana Nováková"));
    for (path, ct) in [("/static/app.css", "text/css"), ("/static/app.js", "text/javascript"), ("/manifest.webmanifest", "application/manifest+json")] {
        let r = app.client.get(app.url(path)).send().await.unwrap();
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with(ct), "{path}");
    }
    // Small pages: HTML + CSS + JS under 100 KB on the wire, as a browser gets them (gzip).
    let mut wire = 0;
    for path in ["/inbox", "/static/app.css", "/static/app.js"] {
        let r = app
            .client
            .get(app.url(path))
            .header("cookie", format!("pronto_session={c}"))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers().get("content-encoding").and_then(|v| v.to_str().ok()), Some("gzip"), "{path} is compressed");
        wire += r.bytes().await.unwrap().len();
    }
    assert!(wire < 100_000, "{wire} bytes on the wire");
    assert!(inbox.html.len() > 5_000, "the uncompressed inbox is a whole page");
}

async fn changes_from_another_site_are_refused(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let c = sign_in(&app, "jana").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Karel", "phone": "777 222 333" } })).await);
    let note = [("text", "from evil")];
    let p = send(&app, reqwest::Method::POST, &format!("/leads/{l}/note"), Some(&c), Some(&note), Some("https://evil.example")).await;
    assert_eq!(p.status, 403, "cross-origin");
    let p = send(&app, reqwest::Method::POST, &format!("/leads/{l}/note"), Some(&c), Some(&note), None).await;
    assert_eq!(p.status, 403, "no Origin at all");
    let r = app
        .client
        .post(app.url(&format!("/leads/{l}/note")))
        .header("cookie", format!("pronto_session={c}"))
        .header("sec-fetch-site", "cross-site")
        .form(&note)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "Sec-Fetch-Site: cross-site");
    // The JSON API with the cookie is held to the same rule.
    let r = app
        .client
        .post(app.url(&format!("/api/v1/leads/{l}/activities")))
        .header("cookie", format!("pronto_session={c}"))
        .header("origin", "https://evil.example")
        .json(&json!({ "kind": "note", "body": "evil" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let acts = app.get(&format!("/api/v1/leads/{l}/activities")).await.expect(200);
    assert!(acts["items"].as_array().unwrap().is_empty(), "nothing was written: {acts}");
    // From our own page it works.
    let p = send(&app, reqwest::Method::POST, &format!("/leads/{l}/note"), Some(&c), Some(&[("text", "called back")]), Some(&own(&app))).await;
    assert_eq!(p.status, 303);
    assert!(p.location.as_deref().unwrap_or_default().starts_with(&format!("/leads/{l}?done=note")), "back to the card, with what happened: {:?}", p.location);
    let p = send(&app, reqwest::Method::POST, "/login", None, Some(&[("login", "jana"), ("password", PASSWORD)]), Some("https://evil.example")).await;
    assert_eq!(p.status, 403, "no sign-in from another site");
}

async fn what_customers_typed_is_shown_escaped(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let c = sign_in(&app, "jana").await;
    let evil = "<script>alert(1)</script>";
    let img = "<img src=x onerror=alert(2)>";
    let l = id(&app
        .create_lead(&json!({ "channel": "web", "subject": evil, "message": format!("{img} \"quoted\""), "source": evil, "product": img,
            "contact": { "name": img, "email": "x@example.com", "company": evil } }))
        .await);
    for path in ["/inbox".to_owned(), format!("/leads/{l}"), "/tasks".to_owned()] {
        let p = send(&app, reqwest::Method::GET, &path, Some(&c), None, None).await;
        assert_eq!(p.status, 200, "{path}");
        assert!(!p.html.contains("<script>alert") && !p.html.contains("<img src=x"), "{path}: {}", p.html);
    }
    let card = send(&app, reqwest::Method::GET, &format!("/leads/{l}"), Some(&c), None, None).await;
    assert!(card.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || card.html.contains("&#60;script&#62;"), "{}", card.html);
    // An e-mail subject on the conversation, and a company name in the contacts list.
    app.post(&format!("/api/v1/leads/{l}/emails"), &json!({ "subject": evil, "text": img })).await.expect(201);
    let card = send(&app, reqwest::Method::GET, &format!("/leads/{l}"), Some(&c), None, None).await;
    assert!(!card.html.contains("<script>alert") && !card.html.contains("<img src=x"), "{}", card.html);
    let list = send(&app, reqwest::Method::GET, "/contacts", Some(&c), None, None).await;
    assert!(!list.html.contains("<script>alert") && !list.html.contains("<img src=x"), "{}", list.html);
    assert!(list.html.contains("company-"), "the company is listed: {}", list.html);
    let r = app.client.get(app.url(&format!("/leads/{l}"))).header("cookie", format!("pronto_session={c}")).send().await.unwrap();
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("object-src 'none'") && csp.contains("base-uri 'none'"), "no plug-ins, no <base> rewriting links: {csp}");
}

async fn tasks_and_lead_actions_work_through_forms(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let c = sign_in(&app, "jana").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Lída", "phone": "777 444 555" } })).await);
    let page = send(&app, reqwest::Method::GET, "/tasks", Some(&c), None, None).await;
    let first = tasks(&app, l, "open").await.remove(0);
    let tid = id(&first);
    assert!(page.html.contains(&format!("action=\"/tasks/{tid}/complete\"")), "{}", page.html);
    assert!(page.html.contains("value=\"no_answer\"") && page.html.contains(">No answer<"), "outcomes by name: {}", page.html);
    assert!(page.html.contains("<strong>First call</strong>") && !page.html.contains("**First call**"), "the script as Markdown: {}", page.html);
    let p = send(&app, reqwest::Method::POST, &format!("/tasks/{tid}/complete"), Some(&c), Some(&[("outcome", "no_answer")]), Some(&own(&app))).await;
    assert_eq!(p.status, 303);
    assert_eq!(tasks(&app, l, "done").await[0]["outcome"], "no_answer");
    advance(&app, 300).await;
    assert_eq!(tasks(&app, l, "open").await[0]["attempt"], 2, "the retry after 5 minutes");
    // Lead card actions.
    async fn act(app: &App, c: &str, l: i64, action: &str, form: Vec<(&'static str, String)>) -> Page {
        let f: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        send(app, reqwest::Method::POST, &format!("/leads/{l}/{action}"), Some(c), Some(&f), Some(&own(app))).await
    }
    let post = |action: &'static str, form: Vec<(&'static str, String)>| act(&app, &c, l, action, form);
    assert_eq!(post("call", vec![("direction", "out".into()), ("outcome", "reached".into())]).await.status, 303);
    let lead = app.get(&format!("/api/v1/leads/{l}")).await.expect(200);
    assert!(!lead["first_response_at"].is_null());
    assert_eq!(post("stage", vec![("stage", "qualified".into())]).await.status, 303);
    assert_eq!(app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["stage"], "qualified");
    let olga = user(&app, "olga", "coordinator", "+420 777 000 002").await;
    assert_eq!(post("assign", vec![("owner", olga.to_string())]).await.status, 303);
    assert_eq!(app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["owner"]["id"], olga);
    assert_eq!(post("stage", vec![("stage", "nonsense".into())]).await.status, 422);
    assert_eq!(post("note", vec![("text", "   ".into())]).await.status, 422);
    let card = send(&app, reqwest::Method::GET, &format!("/leads/{l}"), Some(&c), None, None).await;
    assert!(card.html.contains("Jana moved the lead to “Worth working together”.") && card.html.contains("Olga"), "the timeline: {}", card.html);
    assert!(!card.html.contains("lead.stage_changed"), "no event kinds on the timeline: {}", card.html);
    // A task by hand, for Jana, at 14:30 Prague time; "call back at" moves a deadline.
    let p = post("task", vec![("title", "Send the references".into()), ("due", "2031-05-06T14:30".into()), ("assignee", jana.to_string())]).await;
    assert_eq!(p.status, 303);
    let mine = tasks(&app, l, "open").await;
    let manual = mine.iter().find(|t| t["title"] == "Send the references").expect("the task");
    assert_eq!((manual["due_at"].as_str(), manual["assignee"]["id"].as_i64()), (Some("2031-05-06T12:30:00Z"), Some(jana)));
    let tid = id(manual);
    let p = send(&app, reqwest::Method::POST, &format!("/tasks/{tid}/callback"), Some(&c), Some(&[("at", "2031-05-07T10:00")]), Some(&own(&app))).await;
    assert_eq!(p.status, 303);
    let moved = tasks(&app, l, "open").await.into_iter().find(|t| id(t) == tid).unwrap();
    assert_eq!(moved["due_at"], "2031-05-07T08:00:00Z");
    let p = send(&app, reqwest::Method::POST, &format!("/tasks/{tid}/complete"), Some(&c), Some(&[("outcome", "done")]), Some(&own(&app))).await;
    assert_eq!(p.status, 303);
    let p = send(&app, reqwest::Method::POST, &format!("/tasks/{tid}/callback"), Some(&c), Some(&[("at", "soon")]), Some(&own(&app))).await;
    assert_eq!(p.status, 422);
    // The inbox's age filter: received within the last hour, or older.
    advance(&app, 2 * 3600).await;
    let fresh = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Čerstvý", "phone": "777 666 555" } })).await);
    let hour = send(&app, reqwest::Method::GET, "/inbox?age=1h", Some(&c), None, None).await;
    assert!(hour.html.contains(&format!("/leads/{fresh}\"")) && !hour.html.contains(&format!("/leads/{l}\"")), "{}", hour.html);
}

async fn sessions_time_out_and_attempts_are_limited(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let c = sign_in(&app, "jana").await;
    advance(&app, 11 * 3600).await;
    assert_eq!(send(&app, reqwest::Method::GET, "/inbox", Some(&c), None, None).await.status, 200, "used within 12 h");
    advance(&app, 12 * 3600 + 60).await;
    assert_eq!(send(&app, reqwest::Method::GET, "/inbox", Some(&c), None, None).await.location.as_deref(), Some("/login"), "idle 12 h: over");
    let mut statuses = Vec::new();
    // Different logins, so that the per-account throttle (tests/api/accounts.rs) stays out of it.
    for i in 0..12 {
        let login = format!("nobody{i}");
        statuses.push(send(&app, reqwest::Method::POST, "/login", None, Some(&[("login", &login), ("password", "wrong")]), Some(&own(&app))).await.status);
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 10, "{statuses:?}");
}

async fn the_board_moves_leads_and_contacts_merge_by_hand(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let c = sign_in(&app, "jana").await;
    let a = id(&app.create_lead(&json!({ "channel": "web", "subject": "Web", "contact": { "name": "Petr Malý", "phone": "777 100 200" } })).await);
    let b = id(&app.create_lead(&json!({ "channel": "email", "subject": "Kampaň", "contact": { "name": "P. Malý", "email": "petr@maly.cz" } })).await);
    let board = send(&app, reqwest::Method::GET, "/board", Some(&c), None, None).await;
    assert_eq!(board.status, 200);
    assert!(board.html.contains("Petr Malý") && board.html.contains(&format!("action=\"/leads/{a}/stage\"")), "{}", board.html);
    assert!(board.html.contains("<span class=\"count\">2</span>"), "two in the first stage: {}", board.html);
    let p = send(&app, reqwest::Method::POST, &format!("/leads/{a}/stage"), Some(&c), Some(&[("stage", "contacted")]), Some(&own(&app))).await;
    assert_eq!(p.status, 303);
    assert_eq!(app.get(&format!("/api/v1/leads/{a}")).await.expect(200)["stage"], "contacted");
    // The same person entered twice: merged by hand, both inquiries on one contact.
    let ca = app.get(&format!("/api/v1/leads/{a}")).await.expect(200)["contact"]["id"].as_i64().unwrap();
    let cb = app.get(&format!("/api/v1/leads/{b}")).await.expect(200)["contact"]["id"].as_i64().unwrap();
    assert_ne!(ca, cb);
    let list = send(&app, reqwest::Method::GET, "/contacts?q=maly", Some(&c), None, None).await;
    assert!(list.html.contains("Petr Malý") && list.html.contains("P. Malý"), "{}", list.html);
    let (keep, other) = (ca.to_string(), cb.to_string());
    let p = send(&app, reqwest::Method::POST, "/contacts/merge", Some(&c), Some(&[("keep", keep.as_str()), ("other", other.as_str())]), Some(&own(&app))).await;
    assert_eq!(p.status, 303);
    assert!(p.location.as_deref().is_some_and(|l| l.starts_with("/contacts/merges/")), "to what the merge did: {:?}", p.location);
    let contact = app.get(&format!("/api/v1/contacts/{ca}")).await.expect(200);
    assert_eq!(contact["email"], "petr@maly.cz", "the e-mail came along: {contact}");
    assert_eq!(contact["leads"].as_array().unwrap().len(), 2, "{contact}");
    let list = send(&app, reqwest::Method::GET, "/contacts", Some(&c), None, None).await;
    assert!(!list.html.contains(&format!("id=\"contact-{cb}\"")), "the merged record is gone from the list");
    // A new inquiry from the merged e-mail joins the kept contact.
    let again = app.create_lead(&json!({ "channel": "web", "contact": { "email": "PETR@maly.cz" } })).await;
    assert_eq!(again["contact"]["id"], ca);
    let p = send(&app, reqwest::Method::POST, "/contacts/merge", Some(&c), Some(&[("keep", keep.as_str()), ("other", keep.as_str())]), Some(&own(&app))).await;
    assert_eq!(p.status, 422);
}

async fn admins_manage_users_tests_playbooks_and_webhooks(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    user(&app, "boss", "admin", "+420 777 000 009").await;
    let staff = sign_in(&app, "jana").await;
    assert_eq!(send(&app, reqwest::Method::GET, "/admin", Some(&staff), None, None).await.status, 403, "admins only");
    let inbox = send(&app, reqwest::Method::GET, "/inbox", Some(&staff), None, None).await;
    assert!(!inbox.html.contains("href=\"/admin\""), "no admin link for a consultant");
    let c = sign_in(&app, "boss").await;
    let o = own(&app);
    let post = |path: &'static str, form: Vec<(&'static str, String)>| {
        let (c, o) = (c.clone(), o.clone());
        let app = &app;
        async move {
            let f: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            send(app, reqwest::Method::POST, path, Some(&c), Some(&f), Some(&o)).await
        }
    };
    let page = send(&app, reqwest::Method::GET, "/admin", Some(&c), None, None).await;
    assert_eq!(page.status, 200);
    assert!(page.html.contains("/forms/default") && page.html.contains("jana"), "forms snippet and users: {}", page.html);
    // Deactivating and resetting a password ask first (app.js reads `data-confirm`).
    assert!(page.html.contains("data-confirm=\"Deactivate ") && page.html.contains("data-confirm=\"Reset the password of "), "{}", page.html);
    // A user added; presence and hours changed; a bad value explained.
    let p = post("/admin/users", vec![("name", "Petr".into()), ("login", "petr".into()), ("role", "specialist".into()), ("password", PASSWORD.into())]).await;
    assert!(p.html.contains("added"), "{}", p.html);
    assert!(app.get("/api/v1/users").await.expect(200)["items"].as_array().unwrap().iter().any(|u| u["login"] == "petr"));
    // The first password is taken exactly as typed: its spaces count.
    let spaced = "  a spaced passphrase here ";
    let p = post("/admin/users", vec![("name", "Věra".into()), ("login", "vera".into()), ("role", "secretary".into()), ("password", spaced.into())]).await;
    assert!(p.html.contains("added"), "{}", p.html);
    for (typed, status) in [(spaced.trim(), 401), (spaced, 303)] {
        let p = send(&app, reqwest::Method::POST, "/login", None, Some(&[("login", "vera"), ("password", typed)]), Some(&own(&app))).await;
        assert_eq!(p.status, status, "signing in with {typed:?}");
    }
    let p = post("/admin/users", vec![("name", "X".into()), ("login", "bad login!".into()), ("role", "wizard".into())]).await;
    assert!(p.html.contains("login") && p.html.contains("role"), "{}", p.html);
    let path: &'static str = Box::leak(format!("/admin/users/{jana}/presence").into_boxed_str());
    post(path, vec![("presence", "meeting".into())]).await;
    let users = app.get("/api/v1/users").await.expect(200);
    let j = users["items"].as_array().unwrap().iter().find(|u| u["id"] == jana).unwrap().clone();
    assert_eq!(j["presence"], "meeting");
    let path: &'static str = Box::leak(format!("/admin/users/{jana}/hours").into_boxed_str());
    let p = post(path, vec![("hours", "{\"time_zone\": \"Mars/Olympus\"}".into())]).await;
    assert!(p.html.contains("hours:"), "{}", p.html);
    // A test SMS is queued and delivered like an alert (the log provider here).
    let p = post("/admin/test/sms", vec![("to", "777 123 456".into())]).await;
    assert!(p.html.contains("queued as notification"), "{}", p.html);
    let p = post("/admin/test/sms", vec![("to", "not a number".into())]).await;
    assert!(!p.html.contains("queued"), "{}", p.html);
    // The phone exchange: without a secret the page says so.
    let p = post("/admin/test/telephony", vec![]).await;
    assert!(p.html.contains("PRONTO_TELEPHONY_SECRET is not set"), "{}", p.html);
    // Playbooks: a broken text is explained line by line; the built-in one checks out.
    let p = post("/admin/playbooks", vec![("source", "name = \"x\"\nstages = 3\n".into()), ("do", "check".into())]).await;
    assert!(p.html.contains("playbook:2:"), "{}", p.html);
    let agency = pronto_playbook::builtin("agency").unwrap().to_owned();
    let p = post("/admin/playbooks", vec![("source", agency), ("do", "check".into())]).await;
    assert!(p.html.contains("is a valid playbook"), "{}", p.html);
    // Webhooks: created (the secret shown once), listed, deleted.
    let p = post("/admin/webhooks", vec![("url", "https://hooks.example.com/pronto".into()), ("events", "lead.*".into())]).await;
    assert!(p.html.contains("whsec_"), "{}", p.html);
    assert_eq!(app.get("/api/v1/webhooks").await.expect(200)["items"].as_array().unwrap().len(), 1);
    let p = post("/admin/webhooks", vec![("url", "ftp://nope".into()), ("events", "lead.*".into())]).await;
    assert!(p.html.contains("not an http(s) URL"), "{}", p.html);
}

async fn a_password_change_ends_the_other_sessions(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let phone = sign_in(&app, "jana").await;
    let desk = sign_in(&app, "jana").await;
    let change = |current: &'static str, new: &'static str| {
        let desk = desk.clone();
        let app = &app;
        async move { send(app, reqwest::Method::POST, "/account/password", Some(&desk), Some(&[("current", current), ("new", new)]), Some(&own(app))).await }
    };
    assert_eq!(change("wrong password here", "a brand new password").await.status, 422);
    assert_eq!(change(PASSWORD, "short").await.status, 422);
    let p = change(PASSWORD, "a brand new password").await;
    assert_eq!(p.status, 200, "{}", p.html);
    assert_eq!(send(&app, reqwest::Method::GET, "/inbox", Some(&phone), None, None).await.status, 303, "the other session ended");
    assert_eq!(send(&app, reqwest::Method::GET, "/inbox", Some(&desk), None, None).await.status, 200, "this one stays");
    let old = send(&app, reqwest::Method::POST, "/login", None, Some(&[("login", "jana"), ("password", PASSWORD)]), Some(&own(&app))).await;
    assert_eq!(old.status, 401);
    let new = send(&app, reqwest::Method::POST, "/login", None, Some(&[("login", "jana"), ("password", "a brand new password")]), Some(&own(&app))).await;
    assert_eq!(new.status, 303);
}

/// What a use case refuses is a page with the navigation in the reader's own language (here
/// Czech, whatever the browser asks for), with the status the refusal means: a lead or task
/// that does not exist (404), input that cannot be used (422, field by field), an action the
/// role may not take (403).
async fn refusals_are_pages_in_the_readers_language(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    app.patch(&format!("/api/v1/users/{jana}"), &json!({ "language": "cs" })).await.expect(200);
    let c = sign_in(&app, "jana").await;
    let czech_page = |p: &Page| {
        assert!(p.html.contains("<html lang=\"cs\"") && p.html.contains("<nav aria-label=\"main\">"), "{}", p.html);
        assert!(p.html.starts_with("<!doctype html>"), "a page, not plain text: {}", p.html);
    };
    let p = send(&app, reqwest::Method::GET, "/leads/987654", Some(&c), None, None).await;
    assert_eq!(p.status, 404);
    czech_page(&p);
    assert!(p.html.contains("Nenalezeno") && p.html.contains("id=\"error-reason\""), "{}", p.html);
    let p = send(&app, reqwest::Method::POST, "/tasks/987654/complete", Some(&c), Some(&[("outcome", "done")]), Some(&own(&app))).await;
    assert_eq!(p.status, 404);
    czech_page(&p);
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Eva", "phone": "777 888 999" } })).await);
    let p = send(&app, reqwest::Method::POST, &format!("/leads/{l}/note"), Some(&c), Some(&[("text", "   ")]), Some(&own(&app))).await;
    assert_eq!(p.status, 422);
    czech_page(&p);
    assert!(p.html.contains("Zkontrolujte prosím, co jste zadali") && p.html.contains("<code>body</code>"), "{}", p.html);
    assert!(p.html.contains(&format!("href=\"/leads/{l}\"")), "the way back to the card: {}", p.html);
    let p = send(&app, reqwest::Method::POST, &format!("/leads/{l}/task"), Some(&c), Some(&[("title", ""), ("due", "soon")]), Some(&own(&app))).await;
    assert_eq!(p.status, 422);
    assert!(p.html.contains("<code>title</code>") && p.html.contains("<code>due</code>"), "both fields at once: {}", p.html);
    let p = send(&app, reqwest::Method::GET, "/admin", Some(&c), None, None).await;
    assert_eq!(p.status, 403);
    czech_page(&p);
    assert!(p.html.contains("id=\"denied-reason\"") && p.html.contains("K tomu nemáte oprávnění."), "{}", p.html);
}
