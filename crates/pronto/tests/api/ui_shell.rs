//! The frame of every page: no staff page scrolls sideways on a 360 px phone in any of the five
//! languages (a compact header, a bottom tab bar), mixed-direction names keep their own
//! direction in Hebrew, the favicon, and error pages that are whole pages in the reader's
//! language (never a bare text body).

use crate::agency::{TUESDAY_9, app_at, id, user};
use crate::browser::Browser;
use serde_json::{Value, json};
use testkit::both;
use testkit::{App, Engine};

both!(the_favicon_is_served_and_linked, error_pages_are_whole_pages_in_the_readers_language, api_errors_stay_problems,);

const PASSWORD: &str = "a long enough password";
const COMPANY: &str = "Pekárna Svoboda s.r.o.";
/// Every staff page (those that do not exist yet answer 404 and are skipped).
const PAGES: &[&str] =
    &["/inbox", "/tasks", "/board", "/contacts", "/reports", "/admin", "/admin/audit", "/account", "/late", "/notifications", "/leads/new",
    // Settings (issue 19).
    "/admin/settings", "/admin/settings/sms", "/admin/settings/email", "/admin/settings/mailboxes", "/admin/settings/phone",
    "/admin/settings/general",
    // Forms and texts (issue 19).
    "/admin/forms", "/admin/forms/new", "/admin/texts", "/admin/texts/agency/new_lead/cs",
    // The playbook editor (issue 19).
    "/admin/playbooks", "/admin/playbooks/agency",
    // Identity, calendars, the guide (issue 19).
    "/admin/company", "/admin/calendars", "/admin/guide",
    // The catalogue (issue 20).
    "/catalogue", "/catalogue/new"];
const LANGUAGES: &[&str] = &["en", "cs", "pl", "ru", "he"];

fn own(app: &App) -> String {
    app.base().trim_end_matches('/').to_owned()
}

/// A session cookie for `login`, signed in over HTTP.
async fn cookie(app: &App, login: &str) -> String {
    let r = app.client.post(app.url("/login")).header("origin", own(app)).form(&[("login", login), ("password", PASSWORD)]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let set = r.headers()["set-cookie"].to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}

/// A browser's request: it asks for a page.
fn browser_get(app: &App, path: &str, cookie: Option<&str>, lang: &str) -> reqwest::RequestBuilder {
    let mut rb = app.client.get(app.url(path)).header("accept", "text/html,application/xhtml+xml,*/*;q=0.8").header("accept-language", lang);
    if let Some(c) = cookie {
        rb = rb.header("cookie", c);
    }
    rb
}

async fn sign_in(b: &Browser, app: &App, login: &str) {
    b.goto(&app.url("/login")).await;
    b.fill("#login", login).await;
    b.fill("#password", PASSWORD).await;
    b.click("button[type=submit]").await;
    b.wait_for("nav[aria-label=main]", 10).await;
}

/// A lead whose card has everything that is long: the contact's and the company's names, the
/// subject, the message, the customer's tracking link.
async fn a_long_lead(app: &App) -> i64 {
    id(&app
        .create_lead(&json!({
            "channel": "web",
            "subject": "Poptávka na kompletní rekonstrukci výrobní haly včetně vzduchotechniky",
            "message": "Dobrý den, https://www.example.com/a/very/long/path/that/never/breaks/by/itself/because/it/has/no/spaces/at/all?utm_source=newsletter",
            "contact": { "name": "Maximiliána Svobodová-Procházková", "phone": "+420 777 123 456", "email": "maximiliana.svobodova-prochazkova@pekarna-svoboda.example.cz",
                         "company": COMPANY }
        }))
        .await)
}

/// Selects the language the way a user does: the picker in the menu (it sends itself).
async fn choose_language(b: &Browser, lang: &str) {
    b.js(&format!("var s = document.getElementById('lang'); s.value = '{lang}'; s.form.submit(); return true")).await;
    b.wait_for(&format!("html[lang={lang}]"), 10).await;
}

/// What sticks out of the viewport sideways (for the failure message).
const WIDER: &str = "var w = window.innerWidth, out = [];
  document.querySelectorAll('body *').forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.width > 0 && (r.right > w + 0.5 || r.left < -0.5)) out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).trim().replace(/\\s+/g, '.') : '') + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  });
  return { scroll: document.documentElement.scrollWidth, inner: w, out: out.slice(0, 12) };";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_scrolls_sideways_on_a_phone_in_any_language() {
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    user(&app, "boss", "admin", "+420 777 000 009").await;
    let lead = a_long_lead(&app).await;
    let c = cookie(&app, "boss").await;
    let mut pages: Vec<String> = PAGES.iter().map(|p| (*p).to_owned()).collect();
    pages.insert(1, format!("/leads/{lead}"));
    // Pages that do not exist yet answer 404 (/leads/new: 400, not a lead's number) and are
    // skipped; none fails.
    let mut present = vec![];
    for p in &pages {
        let status = browser_get(&app, p, Some(&c), "en").send().await.unwrap().status().as_u16();
        assert!(status == 200 || status == 404 || status == 400, "{p}: {status}");
        if status == 200 {
            present.push(p.clone());
        }
    }
    assert!(present.len() >= 9, "the staff pages: {present:?}");

    let b = Browser::phone("en").await;
    sign_in(&b, &app, "boss").await;
    let mut wide = vec![];
    for lang in LANGUAGES {
        choose_language(&b, lang).await;
        for p in &present {
            b.goto(&app.url(p)).await;
            b.wait_for(&format!("html[lang={lang}] nav[aria-label=main]"), 10).await;
            let m = b.js(WIDER).await;
            if m["scroll"].as_i64().unwrap() > m["inner"].as_i64().unwrap() {
                wide.push(format!("{lang} {p}: {m}"));
            }
        }
    }
    assert!(wide.is_empty(), "pages wider than the phone:\n{}", wide.join("\n"));

    // The frame on a phone: a compact header, the tab bar at the bottom with thumb-sized targets,
    // the rest in the "More" menu.
    b.goto(&app.url("/inbox")).await;
    let frame = b
        .js("var t = document.querySelector('header.top').getBoundingClientRect(), bar = document.querySelector('nav.tabs');
             var r = bar.getBoundingClientRect(), tabs = [].map.call(bar.querySelectorAll('a'), function (a) { return a.getBoundingClientRect().height; });
             var nav = document.querySelector('nav[aria-label=main]');
             return { header: t.height, barBottom: r.bottom, inner: innerHeight, tabs: tabs, navShown: nav.getClientRects().length > 0 };")
        .await;
    assert!(frame["header"].as_f64().unwrap() <= 56.0, "a compact header: {frame}");
    assert_eq!(frame["barBottom"].as_f64().unwrap(), frame["inner"].as_f64().unwrap(), "the tab bar at the bottom: {frame}");
    let tabs: Vec<f64> = frame["tabs"].as_array().unwrap().iter().map(|h| h.as_f64().unwrap()).collect();
    assert_eq!(tabs.len(), 5, "{frame}");
    assert!(tabs.iter().all(|h| *h >= 40.0), "touch targets of 40 px at least: {frame}");
    assert_eq!(frame["navShown"], false, "the whole menu waits behind More: {frame}");
    b.click("#more").await;
    assert_eq!(b.js("return document.querySelector('nav[aria-label=main]').getClientRects().length > 0").await, true, "More opens the menu");
    b.click("nav[aria-label=main] a[href='/contacts']").await;
    b.wait_for("html[lang=he] body", 10).await;
    assert!(b.url().await.ends_with("/contacts"), "the rest is reachable from More");
    b.close().await;
}

/// In a Hebrew page a Latin company name keeps its period at its end (".Pekárna Svoboda s.r.o"
/// was shown): the name is isolated (`<bdi>`, `dir="auto"`, or the same in CSS) and the browser
/// draws its first letter left of its last.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_latin_company_keeps_its_period_at_its_end_in_hebrew() {
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    user(&app, "boss", "admin", "+420 777 000 009").await;
    let lead = a_long_lead(&app).await;
    let b = Browser::start("he").await;
    sign_in(&b, &app, "boss").await;
    for path in [format!("/leads/{lead}"), "/contacts".to_owned()] {
        b.goto(&app.url(&path)).await;
        b.wait_for("html[lang=he][dir=rtl]", 10).await;
        let found = b
            .js(&format!(
                "var needle = {COMPANY:?}, out = [], w = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
                 while (w.nextNode()) {{
                   var n = w.currentNode, i = n.data.indexOf(needle);
                   if (i < 0) continue;
                   var box = function (k) {{ var r = document.createRange(); r.setStart(n, k); r.setEnd(n, k + 1); return r.getBoundingClientRect(); }};
                   var first = box(i), last = box(i + needle.length - 1), el = n.parentElement;
                   out.push({{ first: first.left, period: last.left, isolated: !!el.closest('bdi, [dir=auto]') || /isolate|plaintext/.test(getComputedStyle(el).unicodeBidi) }});
                 }}
                 return out;"
            ))
            .await;
        let found = found.as_array().unwrap();
        assert!(!found.is_empty(), "{path} shows the company");
        for f in found {
            assert_eq!(f["isolated"], true, "{path}: the name is isolated: {f}");
            assert!(f["first"].as_f64().unwrap() < f["period"].as_f64().unwrap(), "{path}: the period at the end, on the right: {f}");
        }
    }
    b.close().await;
}

async fn the_favicon_is_served_and_linked(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let r = app.client.get(app.url("/favicon.ico")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/x-icon");
    let ico = r.bytes().await.unwrap();
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "an ICO file");
    assert!(ico.len() > 100);
    let r = app.client.get(app.url("/favicon.svg")).send().await.unwrap();
    assert_eq!((r.status().as_u16(), r.headers()["content-type"].to_str().unwrap()), (200, "image/svg+xml"));
    assert!(r.text().await.unwrap().starts_with("<svg"));
    let icons = app.client.get(app.url("/static/icons.svg")).send().await.unwrap().text().await.unwrap();
    let login = browser_get(&app, "/login", None, "en").send().await.unwrap().text().await.unwrap();
    assert!(login.contains(r#"<link rel="icon" href="/favicon.svg" type="image/svg+xml">"#), "{login}");
    // Every icon a page uses is in the sprite.
    user(&app, "boss", "admin", "+420 777 000 009").await;
    let c = cookie(&app, "boss").await;
    let inbox = browser_get(&app, "/inbox", Some(&c), "en").send().await.unwrap().text().await.unwrap();
    for part in inbox.split("/static/icons.svg#").skip(1) {
        let name = &part[..part.find('"').unwrap()];
        assert!(icons.contains(&format!("<symbol id=\"{name}\"")), "icon {name}");
    }
}

/// A page with the navigation and the reader's words.
fn a_whole_page(html: &str, lang: &str, signed_in: bool) {
    assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{html}");
    assert_eq!(html.contains("<nav aria-label=\"main\">"), signed_in, "{html}");
    assert!(html.contains("href=\"/static/app.css\""), "{html}");
}

async fn error_pages_are_whole_pages_in_the_readers_language(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let c = cookie(&app, "jana").await;
    let cs_not_found = "Nenalezeno";

    // An unknown address, signed in and not.
    let r = browser_get(&app, "/no/such/page", Some(&c), "cs").send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let html = r.text().await.unwrap();
    a_whole_page(&html, "cs", true);
    assert!(html.contains(cs_not_found) && html.contains("id=\"error-reason\""), "{html}");
    let r = browser_get(&app, "/no/such/page", None, "he").send().await.unwrap();
    assert_eq!(r.status(), 404);
    let html = r.text().await.unwrap();
    a_whole_page(&html, "he", false);
    assert!(html.contains("dir=\"rtl\""), "{html}");

    // An address that cannot be parsed (a lead's id that is not a number).
    let r = browser_get(&app, "/leads/not-a-number", Some(&c), "en").send().await.unwrap();
    assert_eq!(r.status(), 400);
    let html = r.text().await.unwrap();
    a_whole_page(&html, "en", true);
    assert!(html.contains("This address or form could not be read") && !html.contains("Cannot parse"), "{html}");

    // A form that lacks its fields.
    let r = app
        .client
        .post(app.url("/tasks/1/complete"))
        .header("accept", "text/html")
        .header("origin", own(&app))
        .header("cookie", &c)
        .form(&[("nothing", "")])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());
    a_whole_page(&r.text().await.unwrap(), "en", true);

    // A change from another site: refused, said in the reader's words, with the navigation;
    // the audit log still records it.
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Karel", "phone": "777 222 333" } })).await);
    let r = app
        .client
        .post(app.url(&format!("/leads/{l}/note")))
        .header("accept", "text/html")
        .header("accept-language", "pl")
        .header("origin", "https://evil.example")
        .header("cookie", &c)
        .form(&[("text", "from evil")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let html = r.text().await.unwrap();
    a_whole_page(&html, "pl", true);
    assert!(html.contains("Tę zmianę wysłała inna strona"), "{html}");
    let audit: Value = app.get("/api/v1/audit?kind=access.denied").await.expect(200);
    assert!(audit.to_string().contains("another site"), "{audit}");
    let acts = app.get(&format!("/api/v1/leads/{l}/activities")).await.expect(200);
    assert!(acts["items"].as_array().unwrap().is_empty(), "nothing written: {acts}");

    // Signing out from another site, and an address that takes only a button.
    let r = app.client.post(app.url("/logout")).header("accept", "text/html").header("origin", "https://evil.example").header("cookie", &c).send().await.unwrap();
    assert_eq!(r.status(), 403);
    a_whole_page(&r.text().await.unwrap(), "en", true);
    let r = browser_get(&app, "/logout", Some(&c), "en").send().await.unwrap();
    assert_eq!(r.status(), 405);
    a_whole_page(&r.text().await.unwrap(), "en", true);
}

/// The API, the public pages and a client that does not ask for HTML keep their answers.
async fn api_errors_stay_problems(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    for (path, accept) in [("/api/v1/no-such-thing", "text/html"), ("/no/such/page", "application/json"), ("/no/such/page", "*/*")] {
        let r = app.client.get(app.url(path)).header("accept", accept).send().await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
        assert_eq!(r.headers()["content-type"], "application/problem+json", "{path} {accept}");
    }
}
