//! Issue 19, items 4 and 5: web forms built in the admin pages (stored in the database, the
//! snippet with the real honeypot, required fields and consent enforced at the public
//! endpoint, the visitor's pages in their language, the config file's form winning for its
//! key) and message texts edited in the admin pages (the same check as the API, a preview on
//! an example lead, saved and back to Pronto's text). Pages and API; admins only; audited.

use crate::agency::{app_at, user};
use reqwest::Method;
use serde_json::{Value, json};
use testkit::both;
use testkit::{App, Engine};

both!(web_forms_built_in_the_admin_pages, message_texts_edited_in_the_admin_pages);

const TUESDAY_9: &str = "2031-05-06T07:00:00Z";
const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,*/*;q=0.8";

/// A page (or a form sent from it) as `session`'s browser in `lang`.
pub async fn page(app: &App, method: Method, path: &str, session: &str, lang: &str, form: Option<&[(&str, &str)]>) -> (u16, String, Option<String>) {
    let mut rb = app
        .client
        .request(method, app.url(path))
        .header("cookie", format!("pronto_session={session}"))
        .header("origin", app.base().trim_end_matches('/'))
        .header("accept", BROWSER_ACCEPT)
        .header("accept-language", lang);
    if let Some(f) = form {
        rb = rb.form(f);
    }
    let r = rb.send().await.unwrap();
    let location = r.headers().get("location").map(|v| v.to_str().unwrap().to_owned());
    (r.status().as_u16(), r.text().await.unwrap(), location)
}

/// A visitor posting a form from the company's site in `lang`.
async fn visit(app: &App, path: &str, lang: &str, form: &[(String, String)]) -> (u16, String, Option<String>) {
    let r = app.anon(Method::POST, path).header("accept", BROWSER_ACCEPT).header("accept-language", lang).form(form).send().await.unwrap();
    let location = r.headers().get("location").map(|v| v.to_str().unwrap().to_owned());
    (r.status().as_u16(), r.text().await.unwrap(), location)
}

/// The names of the inputs of a snippet (`name="…"`), in order.
pub fn input_names(snippet: &str) -> Vec<String> {
    snippet.split("name=\"").skip(1).map(|s| s.split('"').next().unwrap().to_owned()).collect()
}

/// The form's fields as a visitor fills them in (`overrides` win; the honeypot left empty).
fn filled(snippet: &str, overrides: &[(&str, &str)]) -> Vec<(String, String)> {
    input_names(snippet)
        .into_iter()
        .map(|n| {
            let v = match overrides.iter().find(|(k, _)| *k == n) {
                Some((_, v)) => (*v).to_owned(),
                None => match n.as_str() {
                    "language" => "cs".into(),
                    "name" => "Jana Nováková".into(),
                    "phone" => "777 123 456".into(),
                    "email" => "jana@example.cz".into(),
                    "message" => "Chci nabídku.".into(),
                    "consent" => "yes".into(),
                    _ => String::new(),
                },
            };
            (n, v)
        })
        .collect()
}

async fn web_forms_built_in_the_admin_pages(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "boss", "admin", "+420 777 000 009").await;
    user(&app, "desk", "consultant", "+420 777 000 008").await;
    let boss = crate::access::sign_in(&app, "boss").await;
    let desk = crate::access::sign_in(&app, "desk").await;

    // The list, reached from the first-start guide: its way back is kept.
    let (status, html, _) = page(&app, Method::GET, "/admin/forms?back=/admin/guide", &boss, "cs", None).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Webové formuláře") && html.contains("href=\"/admin/guide\""), "{html}");
    assert!(html.contains("/admin/forms/new?back=%2Fadmin%2Fguide"), "{html}");
    // Another host is no way back.
    let (_, html, _) = page(&app, Method::GET, "/admin/forms?back=//evil.example", &boss, "en", None).await;
    assert!(!html.contains("evil.example"), "{html}");

    // Not an admin: refused, and nothing is stored.
    assert_eq!(page(&app, Method::GET, "/admin/forms", &desk, "en", None).await.0, 403);
    let (status, _, _) = page(&app, Method::POST, "/admin/forms/new", &desk, "en", Some(&[("key", "x"), ("f_name", "on"), ("language", "en")])).await;
    assert_eq!(status, 403);
    assert_eq!(app.get("/api/v1/forms/x").await.status, 404);

    // A refused form: every problem named in the reader's language, what was typed kept.
    let bad = [("key", "Kontakt!"), ("language", "cs"), ("source", "web-kampan"), ("f_message", "on"), ("f_consent", "on"), ("redirect_he", "//evil.example")];
    let (status, html, _) = page(&app, Method::POST, "/admin/forms/new", &boss, "cs", Some(&bad)).await;
    assert_eq!(status, 422, "{html}");
    for (id, words) in [
        ("err-key", "malých písmen"),
        ("err-fields", "jméno, e-mail, telefon"),
        ("err-consent_cs", "text souhlasu"),
        ("err-redirect_he", "https://"),
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")) && html.contains(words), "{id}: {html}");
    }
    assert!(html.contains("value=\"web-kampan\"") && html.contains("value=\"Kontakt!\""), "what was typed is kept: {html}");

    // Built: phone required, consent with its Czech text, a Czech thank-you; back to the guide.
    let good = [
        ("key", "kontakt"),
        ("language", "cs"),
        ("source", "web-kampan"),
        ("f_name", "on"),
        ("f_email", "on"),
        ("f_phone", "on"),
        ("r_phone", "on"),
        ("f_message", "on"),
        ("f_consent", "on"),
        ("label_phone_cs", "Váš telefon"),
        ("consent_cs", "Souhlasím se zpracováním osobních údajů."),
        ("thanks_cs", "Děkujeme, ozveme se do hodiny."),
        ("back", "/admin/guide"),
    ];
    let (status, html, location) = page(&app, Method::POST, "/admin/forms/new", &boss, "cs", Some(&good)).await;
    assert_eq!((status, location.as_deref()), (303, Some("/admin/guide")), "{html}");
    // The same name again: refused.
    let (status, html, _) = page(&app, Method::POST, "/admin/forms/new", &boss, "en", Some(&good)).await;
    assert!(status == 422 && html.contains("exists already"), "{status} {html}");

    // The page shows the snippet; the API gives it too.
    let (status, html, _) = page(&app, Method::GET, "/admin/forms/kontakt", &boss, "cs", None).await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"forms-snippet-code\"") && html.contains("pronto_hp") && !html.contains("website"), "{html}");
    let got = app.get("/api/v1/forms/kontakt").await.expect(200);
    assert_eq!(got["in_file"], false);
    assert_eq!(got["form"]["fields"][2], json!({ "name": "phone", "required": true, "labels": { "cs": "Váš telefon" } }));
    let snippet = got["snippet"].as_str().unwrap().to_owned();
    assert!(snippet.contains("action=\"") && snippet.contains("/forms/kontakt\""), "{snippet}");
    assert!(snippet.contains("<input name=\"phone\" type=\"tel\" autocomplete=\"tel\" required>"), "{snippet}");
    assert!(snippet.contains("type=\"email\"") && snippet.contains("Váš telefon") && snippet.contains("Souhlasím se zpracováním"), "{snippet}");
    assert_eq!(input_names(&snippet), ["language", "name", "email", "phone", "message", "consent", "pronto_hp"]);
    let list = app.get("/api/v1/forms").await.expect(200);
    assert!(list.as_array().unwrap().iter().any(|f| f["key"] == "kontakt"), "{list}");

    // A visitor in Czech without the phone and the consent: a Czech page naming both.
    let (status, html, _) = visit(&app, "/forms/kontakt", "en", &filled(&snippet, &[("phone", ""), ("consent", "")])).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("lang=\"cs\"") && html.contains("Vyplňte prosím: Váš telefon.") && html.contains("Zaškrtněte prosím souhlas"), "{html}");
    // As JSON: the fields named.
    let res = app.send(app.anon(Method::POST, "/forms/kontakt").header("accept", "application/json").json(&json!({ "name": "X" }))).await;
    res.invalid(&["phone", "consent"]);
    // In Hebrew (the browser's language, no language field): right to left.
    let he: Vec<(String, String)> = filled(&snippet, &[("phone", "")]).into_iter().filter(|(k, _)| k != "language").collect();
    let (status, html, _) = visit(&app, "/forms/kontakt", "he-IL,he;q=0.9", &he).await;
    assert!(status == 422 && html.contains("lang=\"he\" dir=\"rtl\"") && html.contains("נא למלא"), "{html}");
    assert!(app.all_leads("").await.is_empty(), "nothing was taken");

    // The snippet's form, filled in: the Czech thank-you and a lead with the consent recorded.
    let (status, _, location) = visit(&app, "/forms/kontakt", "en", &filled(&snippet, &[])).await;
    assert_eq!((status, location.as_deref()), (303, Some("/forms/kontakt/thanks?lang=cs")));
    let thanks = app.send(app.anon(Method::GET, "/forms/kontakt/thanks?lang=cs")).await;
    assert_eq!(thanks.status, 200);
    assert!(thanks.text.contains("Děkujeme, ozveme se do hodiny.") && thanks.text.contains("lang=\"cs\""), "{}", thanks.text);
    let he_thanks = app.send(app.anon(Method::GET, "/forms/kontakt/thanks?lang=he")).await;
    assert!(he_thanks.text.contains("תודה") && he_thanks.text.contains("dir=\"rtl\""), "Pronto's thank-you in Hebrew: {}", he_thanks.text);
    let leads = app.all_leads("").await;
    assert_eq!(leads.len(), 1);
    assert_eq!(leads[0]["contact"]["phone"], "+420777123456");
    assert_eq!(leads[0]["source"], "web-kampan");
    assert_eq!(leads[0]["extra"]["consent"], "yes: Souhlasím se zpracováním osobních údajů.", "{}", leads[0]);

    // The snippet posted as a bot (the honeypot filled in): answered alike, nothing kept.
    let (status, _, _) = visit(&app, "/forms/kontakt", "cs", &filled(&snippet, &[("pronto_hp", "http://spam.example"), ("phone", "")])).await;
    assert_eq!(status, 303, "a bot learns nothing");
    assert_eq!(app.all_leads("").await.len(), 1, "the bot's submission was not kept");

    // A change takes effect at once: phone no longer required, a redirect in Czech.
    let mut form = got["form"].clone();
    form["fields"][2]["required"] = json!(false);
    form["redirect"] = json!({ "cs": "https://www.firma.cz/dekujeme" });
    app.send(app.req(Method::PUT, "/api/v1/forms/kontakt").json(&form)).await.expect(200);
    let (status, _, location) = visit(&app, "/forms/kontakt", "en", &filled(&snippet, &[("phone", ""), ("name", "Petr")])).await;
    assert_eq!((status, location.as_deref()), (303, Some("https://www.firma.cz/dekujeme")));
    // The API checks as the page does.
    form["language"] = json!("de");
    app.send(app.req(Method::PUT, "/api/v1/forms/kontakt").json(&form)).await.invalid(&["language"]);

    // The config file's form wins for its key, and the page says so.
    let mut mine = got["form"].clone();
    mine["fields"][2]["required"] = json!(true);
    app.send(app.req(Method::PUT, "/api/v1/forms/default").json(&mine)).await.expect(200);
    let (_, html, _) = page(&app, Method::GET, "/admin/forms/default", &boss, "en", None).await;
    assert!(html.contains("id=\"forms-file-note\""), "{html}");
    let (status, _, _) = visit(&app, "/forms/default", "en", &[("name".into(), "Eva".into()), ("email".into(), "eva@example.cz".into())]).await;
    assert_eq!(status, 303, "the file's form asks for no phone");

    // Deleted: the address is gone at once.
    let (status, _, location) = page(&app, Method::POST, "/admin/forms/kontakt/delete", &boss, "en", Some(&[])).await;
    assert_eq!((status, location.as_deref()), (303, Some("/admin/forms")));
    let (status, html, _) = visit(&app, "/forms/kontakt", "cs", &filled(&snippet, &[])).await;
    assert!(status == 404 && html.contains("Tento formulář neexistuje"), "{status} {html}");

    // Every change is in the audit log, by the admin.
    let audit = app.get("/api/v1/audit?kind=forms").await.expect(200);
    let kinds: Vec<&str> = audit["items"].as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "forms.saved").count(), 3, "{audit}");
    assert_eq!(kinds.iter().filter(|k| **k == "forms.deleted").count(), 1, "{audit}");
}

async fn message_texts_edited_in_the_admin_pages(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "boss", "admin", "+420 777 000 009").await;
    user(&app, "desk", "consultant", "+420 777 000 008").await;
    let boss = crate::access::sign_in(&app, "boss").await;
    let desk = crate::access::sign_in(&app, "desk").await;
    assert_eq!(page(&app, Method::GET, "/admin/texts", &desk, "en", None).await.0, 403);

    // Every template of every playbook in every language, known by what it says.
    let (status, html, _) = page(&app, Method::GET, "/admin/texts", &boss, "cs", None).await;
    assert_eq!(status, 200);
    for lang in ["en", "cs", "ru", "pl", "he"] {
        assert!(html.contains(&format!("href=\"/admin/texts/agency/new_lead/{lang}\"")), "{lang}: {html}");
    }
    assert!(html.contains("/admin/texts/distributor/new_request/he"), "{html}");
    assert!(html.contains("Nová poptávka: Jana Nováková"), "the reader's language, on the example lead: {html}");
    let visible = crate::ui_words::visible_text(&html);
    assert!(!visible.contains("new_lead") && !visible.contains("confirm_call"), "{visible}");

    // The preview as typed: the example lead filled in; a mistake named with its line in the
    // reader's language.
    let path = "/admin/texts/agency/new_lead/cs";
    let preview = |text: &'static str, lang: &'static str| {
        let app = &app;
        let boss = boss.clone();
        async move {
            page(app, Method::POST, "/admin/texts/preview", &boss, lang, Some(&[("playbook", "agency"), ("template", "new_lead"), ("language", "cs"), ("text", text)])).await
        }
    };
    let (status, html, _) = preview("Volejte hned: { $contact_name }, { $contact_phone }", "cs").await;
    assert_eq!(status, 200);
    assert!(html.contains("Volejte hned: Jana Nováková, +420 777 123 456"), "{html}");
    let (status, html, _) = preview("Volejte hned:\n{ $zakaznik }", "cs").await;
    assert_eq!(status, 422);
    assert!(html.contains("Text, řádek 2") && html.contains("$zakaznik") && html.contains("$contact_name"), "{html}");
    let (_, html, _) = preview("Volejte hned:\n{ $zakaznik }", "he").await;
    assert!(html.contains("שורה 2"), "{html}");

    // The same check as the API: the API refuses it too.
    let api = app.send(app.req(Method::PUT, "/api/v1/messages/agency/new_lead/cs").json(&json!({ "text": "Volejte hned:\n{ $zakaznik }" }))).await;
    let problem = api.invalid(&["text"]);
    assert!(problem.to_string().contains("unknown variable `$zakaznik`"), "{problem}");

    // Saving a wrong text: refused with the reason, the text kept.
    let (status, html, _) = page(&app, Method::POST, path, &boss, "cs", Some(&[("text", "Volejte { $zakaznik"), ("subject", "")])).await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"texts-error\"") && html.contains("Volejte { $zakaznik"), "{html}");
    // Saved: the company's own text, used by the API's list.
    let (status, _, location) = page(&app, Method::POST, path, &boss, "cs", Some(&[("text", "Volejte hned: { $contact_name } { $contact_phone }"), ("subject", "")])).await;
    assert_eq!((status, location.as_deref()), (303, Some("/admin/texts/agency/new_lead/cs?saved=1")));
    let own = |v: &Value| v["items"][0].clone();
    let got = own(&app.get("/api/v1/messages?playbook=agency&template=new_lead&language=cs").await.expect(200));
    assert_eq!((got["origin"].as_str(), got["text"].as_str()), (Some("company"), Some("Volejte hned: { $contact_name } { $contact_phone }")));
    let (_, html, _) = page(&app, Method::GET, path, &boss, "cs", None).await;
    assert!(html.contains("id=\"texts-reset\"") && html.contains("váš vlastní text"), "{html}");

    // Back to Pronto's text.
    let (status, _, location) = page(&app, Method::POST, &format!("{path}/reset"), &boss, "cs", Some(&[])).await;
    assert_eq!((status, location.as_deref()), (303, Some("/admin/texts?done=reset")));
    let got = own(&app.get("/api/v1/messages?playbook=agency&template=new_lead&language=cs").await.expect(200));
    assert_eq!(got["origin"], "shipped");
    let (status, _, _) = page(&app, Method::POST, &format!("{path}/reset"), &boss, "cs", Some(&[])).await;
    assert_eq!(status, 404, "nothing of the company's own to remove");

    let audit = app.get("/api/v1/audit?kind=messages").await.expect(200);
    let kinds: Vec<&str> = audit["items"].as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["messages.reset", "messages.set"], "{audit}");
}

/// Serves `html` at any path of a local address of its own (the company's website).
async fn company_site(html: String) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            let html = html.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf).await;
                let head = format!("HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n", html.len());
                let _ = s.write_all(head.as_bytes()).await;
                let _ = s.write_all(html.as_bytes()).await;
            });
        }
    });
    format!("http://{addr}/kontakt.html")
}

async fn sign_in_browser(b: &crate::browser::Browser, app: &App, login: &str) {
    b.goto(&app.url("/login")).await;
    b.fill("#login", login).await;
    b.fill("#password", "a long enough password").await;
    b.click("button[type=submit]").await;
    b.wait_for("nav[aria-label=main]", 10).await;
}

/// In real Chromium: an admin builds a form with the phone required and consent, copies its
/// snippet into a page of the company's site; a visitor in Czech sends it and reads the Czech
/// thank-you; the lead has the consent. Then a message text is edited with its preview
/// following the typing. Screenshots: forms-list, form-edit, texts-edit (desktop, phone, Hebrew).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_built_in_the_browser_takes_a_czech_visitor_and_a_text_is_previewed_as_typed() {
    use crate::browser::Browser;
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    user(&app, "boss", "admin", "+420 777 000 009").await;
    let b = Browser::start("cs").await;
    sign_in_browser(&b, &app, "boss").await;
    b.goto(&app.url("/admin/forms")).await;
    b.click("#forms-new").await;
    b.wait_for("#forms-edit", 10).await;
    b.fill("#f-key", "kontakt").await;
    b.click("#r_phone").await;
    b.click("#f_consent").await;
    b.fill("#consent_cs", "Souhlasím se zpracováním osobních údajů za účelem odpovědi.").await;
    b.fill("#thanks_cs", "Děkujeme! Ozveme se vám do hodiny.").await;
    b.click("#forms-save").await;
    b.wait_for("#forms-snippet-code", 10).await;
    assert!(b.text("#forms-notice").await.contains("Uloženo"));
    b.screenshot("form-edit").await;
    let snippet = b.js("return document.getElementById('forms-snippet-code').textContent").await.as_str().unwrap().to_owned();
    assert!(snippet.contains("name=\"pronto_hp\"") && snippet.contains("type=\"tel\""), "{snippet}");

    // The company's page with the snippet pasted in, visited in Czech.
    let site = company_site(format!("<!doctype html><html lang=\"cs\"><head><meta charset=\"utf-8\"><title>Firma</title></head><body><h1>Napište nám</h1>\n{snippet}\n</body></html>")).await;
    b.goto(&site).await;
    b.wait_for("form input[name=name]", 10).await;
    b.fill("input[name=name]", "Jana Nováková").await;
    b.fill("input[name=email]", "jana@example.cz").await;
    // The phone is required: the browser itself stops an empty one.
    b.click("button[type=submit]").await;
    assert!(b.url().await.starts_with(&site), "the browser kept the form: {}", b.url().await);
    b.fill("input[name=phone]", "777 123 456").await;
    b.click("input[name=consent]").await;
    b.click("button[type=submit]").await;
    b.wait_text("Děkujeme! Ozveme se vám do hodiny.", 10).await;
    assert_eq!(b.js("return document.documentElement.lang").await, "cs");
    let leads = app.all_leads("").await;
    assert_eq!(leads.len(), 1);
    assert_eq!(leads[0]["contact"]["phone"], "+420777123456");
    assert_eq!(leads[0]["extra"]["consent"], "yes: Souhlasím se zpracováním osobních údajů za účelem odpovědi.");

    b.goto(&app.url("/admin/forms")).await;
    b.wait_for("#forms-list", 10).await;
    b.screenshot("forms-list").await;

    // A message text, the preview following the typing.
    b.goto(&app.url("/admin/texts/agency/new_lead/cs")).await;
    b.wait_for("#texts-edit", 10).await;
    b.fill("#tx-text", "Volejte hned: { $contact_name }, { $contact_phone }").await;
    b.wait_text("Volejte hned: Jana Nováková, +420 777 123 456", 10).await;
    b.fill("#tx-text", "Volejte hned:\n{ $zakaznik }").await;
    b.wait_for("#texts-preview-error", 10).await;
    assert!(b.text("#texts-preview-error").await.contains("řádek 2"));
    b.fill("#tx-text", "Volejte hned: { $contact_name }, { $contact_phone }").await;
    b.wait_text("Volejte hned: Jana Nováková, +420 777 123 456", 10).await;
    b.screenshot("texts-edit").await;
    b.click("#texts-save").await;
    b.wait_for("#texts-reset", 10).await;
    b.close().await;

    // On a phone and in Hebrew.
    for (lang, phone, suffix) in [("cs", true, "-phone"), ("he", false, "-he")] {
        let b = if phone { Browser::phone(lang).await } else { Browser::start(lang).await };
        sign_in_browser(&b, &app, "boss").await;
        for (path, name, wait) in [
            ("/admin/forms", "forms-list", "#forms-list"),
            ("/admin/forms/kontakt", "form-edit", "#forms-edit"),
            ("/admin/texts/agency/new_lead/cs", "texts-edit", "#texts-edit"),
        ] {
            b.goto(&app.url(path)).await;
            b.wait_for(wait, 10).await;
            let wide = b.js("return document.documentElement.scrollWidth > window.innerWidth").await;
            assert_eq!(wide, false, "{lang} {path} scrolls sideways");
            b.screenshot(&format!("{name}{suffix}")).await;
        }
        b.close().await;
    }
}
