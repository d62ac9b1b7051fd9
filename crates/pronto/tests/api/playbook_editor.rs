//! Playbooks edited in the UI (issue 19, item 6), on both engines: the list of versions, the
//! editor's live check (the problem on its line, the same check as `pronto playbook check`),
//! the diagram and the changes, "Load as the next version" (a refused text kept), "Go back to
//! this version", all audited and admin-only.

use crate::agency::{token_of, user};
use serde_json::Value;
use testkit::both;
use testkit::{App, Engine, Options, spawn_app_with};

both!(the_playbook_editor_checks_loads_and_goes_back, the_playbook_editor_is_for_admins_only);

const ADMIN_PASSWORD: &str = "it-admin-password-1234";

pub(crate) async fn session(app: &App, login: &str, password: &str) -> String {
    let r = app
        .client
        .post(app.url("/login"))
        .header("origin", app.base())
        .form(&[("login", login), ("password", password)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let c = r.headers().get("set-cookie").unwrap().to_str().unwrap();
    c.split(';').next().unwrap().to_owned()
}

struct Got {
    status: u16,
    location: String,
    body: String,
}

async fn send(app: &App, cookie: &str, path: &str, form: Option<&[(&str, &str)]>) -> Got {
    let mut rb = match form {
        Some(f) => app.client.post(app.url(path)).form(f),
        None => app.client.get(app.url(path)),
    };
    rb = rb.header("cookie", cookie).header("origin", app.base()).header("accept-language", "en");
    let r = rb.send().await.unwrap();
    let status = r.status().as_u16();
    let location = r.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    Got { status, location, body: r.text().await.unwrap() }
}

/// The agency playbook's running text, with line `n` (1-based) replaced by `with`.
fn with_line(source: &str, n: usize, with: &str) -> String {
    let mut lines: Vec<&str> = source.lines().collect();
    lines[n - 1] = with;
    lines.join("\n") + "\n"
}

async fn the_playbook_editor_checks_loads_and_goes_back(engine: Engine) {
    let app = spawn_app_with(engine, Options::default()).await;
    let admin = session(&app, "admin", ADMIN_PASSWORD).await;
    let pb = app.get("/api/v1/playbooks/agency").await.expect(200);
    let v1 = pb["version"].as_i64().unwrap();
    let source = pb["source"].as_str().unwrap().to_owned();

    let list = send(&app, &admin, "/admin/playbooks", None).await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("href=\"/admin/playbooks/agency\"") && list.body.contains("running"), "{}", list.body);
    let page = send(&app, &admin, "/admin/playbooks/agency", None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("id=\"pb-source\"") && page.body.contains("No problems"), "{}", page.body);
    assert!(page.body.contains("src=\"data:image/svg+xml;base64,"), "the diagram beside the text");

    // A broken line: its problem comes back with its line number.
    let title_line = source.lines().position(|l| l.starts_with("title")).unwrap() + 1;
    let broken = with_line(&source, title_line, "title = \"unterminated");
    let c = send(&app, &admin, "/admin/playbooks/agency/check", Some(&[("source", &broken)])).await;
    assert_eq!(c.status, 200, "{}", c.body);
    let r: Value = serde_json::from_str(&c.body).unwrap();
    assert_eq!(r["valid"], false);
    assert_eq!(r["problems"][0]["line"], title_line as i64, "{r}");
    assert!(r["summary"].as_str().unwrap().contains("1 problem"), "{r}");
    // The same check as `pronto playbook check` / the API's.
    let api = app
        .send(app.req(reqwest::Method::POST, "/api/v1/playbooks/check").header("content-type", "application/toml").body(broken.clone()))
        .await;
    let api: Value = serde_json::from_str(&api.text).unwrap();
    assert_eq!(api["problems"][0]["line"], r["problems"][0]["line"]);
    assert_eq!(api["problems"][0]["message"], r["problems"][0]["message"]);

    // A valid change: no problems, the diagram, the changed line against the running version.
    let changed = with_line(&source, title_line, "title = \"Agency, edited in the UI\"");
    let c = send(&app, &admin, "/admin/playbooks/agency/check", Some(&[("source", &changed)])).await;
    let r: Value = serde_json::from_str(&c.body).unwrap();
    assert_eq!(r["valid"], true, "{r}");
    assert!(r["diagram"].as_str().unwrap().starts_with("data:image/svg+xml;base64,"));
    let ops: Vec<(String, String)> = r["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| !l.is_null())
        .map(|l| (l["op"].as_str().unwrap().into(), l["text"].as_str().unwrap().into()))
        .collect();
    assert!(ops.contains(&("+".into(), "title = \"Agency, edited in the UI\"".into())), "{ops:?}");
    assert!(ops.iter().any(|(op, t)| op == "-" && t.starts_with("title")), "{ops:?}");

    // Loading the broken text is refused on its line; what was typed is kept.
    let refused = send(&app, &admin, "/admin/playbooks/agency/load", Some(&[("source", &broken)])).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("title = &#34;unterminated") || refused.body.contains("title = &quot;unterminated"), "the text is kept");
    assert!(refused.body.contains(&format!("Line {title_line}:")), "{}", refused.body);
    assert_eq!(app.get("/api/v1/playbooks/agency").await.expect(200)["version"], v1, "nothing loaded");

    // Load as the next version.
    let loaded = send(&app, &admin, "/admin/playbooks/agency/load", Some(&[("source", &changed)])).await;
    assert_eq!(loaded.status, 303, "{}", loaded.body);
    assert_eq!(loaded.location, format!("/admin/playbooks/agency?loaded={}", v1 + 1));
    let now = app.get("/api/v1/playbooks/agency").await.expect(200);
    assert_eq!((now["version"].as_i64().unwrap(), now["title"].as_str().unwrap()), (v1 + 1, "Agency, edited in the UI"));
    let after = send(&app, &admin, &loaded.location, None).await;
    assert!(after.body.contains(&format!("Version {} is running now", v1 + 1)), "{}", after.body);
    assert!(after.body.contains("No changes."), "the running version is open");
    let list = send(&app, &admin, "/admin/playbooks", None).await;
    assert!(
        list.body.contains("<bdi>Admin</bdi>") || list.body.contains("<bdi>admin</bdi>") || list.body.contains("Administrator"),
        "who loaded it: {}",
        list.body
    );

    // Go back to the first version: its text becomes the next version.
    let old = send(&app, &admin, &format!("/admin/playbooks/agency?version={v1}"), None).await;
    assert!(old.body.contains("Go back to this version") && old.body.contains(&format!("old version {v1}")), "{}", old.body);
    let back = send(&app, &admin, "/admin/playbooks/agency/back", Some(&[("version", &v1.to_string())])).await;
    assert_eq!(back.status, 303, "{}", back.body);
    assert_eq!(back.location, format!("/admin/playbooks/agency?loaded={}&back={v1}", v1 + 2));
    let now = app.get("/api/v1/playbooks/agency").await.expect(200);
    assert_eq!(now["version"], v1 + 2);
    assert_eq!(now["source"].as_str().unwrap(), source, "the first version's text runs again");
    let none = send(&app, &admin, "/admin/playbooks/agency/back", Some(&[("version", "999")])).await;
    assert_eq!(none.status, 422, "{}", none.body);

    // Both are in the audit log, the going back with the version it went back to.
    let audit = app.get("/api/v1/audit?kind=playbook.loaded").await.expect(200);
    let details: Vec<&Value> = audit["items"].as_array().unwrap().iter().map(|r| &r["detail"]).collect();
    assert_eq!(details.len(), 2, "{audit}");
    assert_eq!(details[0]["back_to"], v1, "{audit}");
    assert_eq!(details[1]["version"], v1 + 1, "{audit}");
}

async fn the_playbook_editor_is_for_admins_only(engine: Engine) {
    let app = spawn_app_with(engine, Options::default()).await;
    let jana = user(&app, "jana", "manager", "+420 601 000 001").await;
    let _ = token_of(&app, jana).await;
    let s = session(&app, "jana", "a long enough password").await;
    let source = app.get("/api/v1/playbooks/agency").await.expect(200)["source"].as_str().unwrap().to_owned();
    for (path, form) in [
        ("/admin/playbooks", None),
        ("/admin/playbooks/agency", None),
        ("/admin/playbooks/agency/check", Some(vec![("source", source.as_str())])),
        ("/admin/playbooks/agency/load", Some(vec![("source", source.as_str())])),
        ("/admin/playbooks/agency/back", Some(vec![("version", "1")])),
    ] {
        let r = send(&app, &s, path, form.as_deref()).await;
        assert_eq!(r.status, 403, "{path}: {}", r.body);
    }
    // Another site cannot load a playbook with the admin's session.
    let admin = session(&app, "admin", ADMIN_PASSWORD).await;
    let r = app
        .client
        .post(app.url("/admin/playbooks/agency/load"))
        .header("cookie", &admin)
        .header("origin", "https://evil.example")
        .form(&[("source", source.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    assert_eq!(app.get("/api/v1/audit?kind=playbook.loaded").await.expect(200)["items"].as_array().unwrap().len(), 0);
}

async fn browser_sign_in(b: &crate::browser::Browser, app: &App) {
    b.goto(&app.url("/login")).await;
    b.fill("#login", "admin").await;
    b.fill("#password", ADMIN_PASSWORD).await;
    b.click("button[type=submit]").await;
    b.wait_for("nav[aria-label=main]", 10).await;
}

/// In real Chromium: open the editor from the list, break a line by typing, see the problem on
/// its line (the gutter's number marked, the message named by its line), fix it, load it as the
/// next version. Screenshots: the list and the editor (desktop, phone, Hebrew). SQLite only: it
/// tests the browser, not the storage.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_chromium_a_broken_line_is_shown_on_its_line_then_fixed_and_loaded() {
    use crate::browser::Browser;
    let app = spawn_app_with(Engine::Sqlite, Options::default()).await;
    let v1 = app.get("/api/v1/playbooks/agency").await.expect(200)["version"].as_i64().unwrap();
    let b = Browser::start("en").await;
    browser_sign_in(&b, &app).await;
    b.goto(&app.url("/admin/playbooks")).await;
    b.wait_for("#pb-agency", 10).await;
    b.screenshot("playbooks-list").await;
    b.click("#pb-agency h2 a").await;
    b.wait_for("#pb-source", 10).await;
    assert_eq!(b.js("return document.getElementById('pb-diagram').hidden").await, false, "the diagram is beside the text");

    // Typing a line that is not TOML at the end of the text.
    b.wait_for("#pb-source", 5).await.send_keys("\nnot toml at all").await.unwrap();
    let line = b.js("return document.getElementById('pb-source').value.split('\\n').length").await.as_i64().unwrap();
    b.wait_for(&format!("#pb-problems li[data-line='{line}']"), 10).await;
    let marked = b.js("return Array.from(document.querySelectorAll('#pb-gutter span.bad')).map(s => s.textContent)").await;
    assert_eq!(marked, serde_json::json!([line.to_string()]), "the problem's line is marked in the gutter");
    assert!(b.text("#pb-problems").await.contains(&format!("Line {line}:")));
    assert!(b.text("#pb-summary").await.contains("1 problem"));
    b.screenshot("playbook-editor").await;

    // Fixed: the line becomes a comment; the problem goes, the change shows.
    let el = b.wait_for("#pb-source", 5).await;
    el.send_keys(&"\u{e003}".repeat("not toml at all".len())).await.unwrap();
    el.send_keys("# edited in Chromium").await.unwrap();
    b.wait_text("No problems", 10).await;
    assert_eq!(b.js("return document.querySelectorAll('#pb-gutter span.bad').length").await, 0);
    assert!(b.text("#pb-diff").await.contains("+ "), "the added line is in the changes");
    b.click("#pb-load").await;
    b.wait_for("#pb-notice", 10).await;
    assert!(b.text("#pb-notice").await.contains(&format!("Version {} is running now", v1 + 1)));
    let now = app.get("/api/v1/playbooks/agency").await.expect(200);
    assert_eq!(now["version"], v1 + 1);
    assert!(now["source"].as_str().unwrap().trim_end().ends_with("# edited in Chromium"));
    b.close().await;

    let phone = Browser::phone("en").await;
    browser_sign_in(&phone, &app).await;
    phone.goto(&app.url(&format!("/admin/playbooks/agency?version={v1}"))).await;
    phone.wait_for("#pb-source", 10).await;
    let wide = phone.js("return document.documentElement.scrollWidth > window.innerWidth + 1").await;
    assert_eq!(wide, false, "the editor does not scroll sideways on a phone");
    phone.screenshot("playbook-editor-phone").await;
    phone.close().await;

    let he = Browser::start("he").await;
    browser_sign_in(&he, &app).await;
    he.goto(&app.url(&format!("/admin/playbooks/agency?version={v1}"))).await;
    he.wait_for("#pb-source", 10).await;
    he.screenshot("playbook-editor-he").await;
    he.goto(&app.url("/admin/playbooks")).await;
    he.wait_for("#pb-agency", 10).await;
    he.screenshot("playbooks-list-he").await;
    he.close().await;
}
