//! Small hardening items of issue 16: API answers are never cached or sniffed, `/metrics`
//! behind a token, the UI's e-mail subject parsed as the API parses it, and a ZIP renamed
//! `.docx` refused at the customer's upload. (The "back" redirect's rule is a table in
//! `crates/web/src/ui/redirect.rs`; the container check's in `crates/web/src/office.rs`.)

use testkit::both;
use testkit::{App, Engine, Options, spawn_app, spawn_app_with};
use reqwest::Method;
use serde_json::json;

both!(api_answers_are_not_cached_or_sniffed, the_ui_email_subject_is_one_line_as_in_the_api, a_renamed_zip_is_not_a_word_document);

async fn api_answers_are_not_cached_or_sniffed(engine: Engine) {
    let app = spawn_app(engine).await;
    let lead = app.create_lead(&json!({ "channel": "phone", "contact": { "name": "Eva", "phone": "777 123 456" } })).await;
    let cases = [
        app.send(app.req(Method::GET, "/api/v1/leads")).await,
        app.send(app.req(Method::GET, &format!("/api/v1/leads/{}", lead["id"]))).await,
        app.send(app.anon(Method::GET, "/api/v1/leads")).await,
        app.send(app.req(Method::GET, "/api/v1/leads/999999")).await,
        app.send(app.req(Method::GET, "/api/v1/no-such-thing")).await,
        app.send(app.req(Method::DELETE, "/api/v1/leads")).await,
        app.send(app.req(Method::GET, "/api/v1/leads?limit=0")).await,
        app.send(app.req(Method::POST, "/api/v1/leads").body("{").header("content-type", "application/json")).await,
        app.send(app.anon(Method::GET, "/api/openapi.json")).await,
    ];
    let statuses: Vec<u16> = cases.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [200, 200, 401, 404, 404, 405, 422, 400, 200], "the cases cover answers and errors");
    for r in &cases {
        assert_eq!(r.header("cache-control"), Some("no-store"), "{}: {:?}", r.what, r.headers);
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"), "{}: {:?}", r.what, r.headers);
    }
    // Outside the API the pages keep their own rules (the public form's assets may be cached).
    let css = app.send(app.anon(Method::GET, "/static/app.css")).await;
    assert_eq!(css.header("cache-control"), Some("public, max-age=3600"));
}

async fn metrics_need_the_token_when_one_is_set(engine: Engine) {
    let token = "scrape-0123456789abcdef";
    let app = spawn_app_with(engine, Options::default().env("PRONTO_METRICS_TOKEN", token)).await;
    let get = |auth: Option<String>| {
        let mut rb = app.anon(Method::GET, "/metrics");
        if let Some(a) = auth {
            rb = rb.header("authorization", a);
        }
        app.send(rb)
    };
    for auth in [None, Some("Bearer wrong-token-0123456789".to_owned()), Some(format!("Basic {token}")), Some(format!("Bearer {token}x"))] {
        let r = get(auth.clone()).await;
        r.problem(401);
        assert!(r.header("www-authenticate").is_some_and(|v| v.starts_with("Bearer")), "{auth:?}: {:?}", r.headers);
        assert!(!r.text.contains("pronto_http_requests_total"), "{auth:?}: nothing leaks");
    }
    let r = get(Some(format!("Bearer {token}"))).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(r.text.contains("pronto_http_requests_total"), "{}", r.text);
    // The admin's API token is not the scrape token.
    assert_eq!(get(Some(format!("Bearer {}", app.token))).await.status, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_need_the_token_when_one_is_set_sqlite() {
    metrics_need_the_token_when_one_is_set(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_open_without_a_token() {
    let app = spawn_app(Engine::Sqlite).await;
    let r = app.send(app.anon(Method::GET, "/metrics")).await;
    assert_eq!(r.status, 200);
}

const PASSWORD: &str = "a long enough password";

async fn sign_in(app: &App, login: &str) -> String {
    let r = app
        .client
        .post(app.url("/login"))
        .header("origin", app.base())
        .form(&[("login", login), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let set = r.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    set.strip_prefix("pronto_session=").and_then(|s| s.split(';').next()).expect("a session cookie").to_owned()
}

async fn the_ui_email_subject_is_one_line_as_in_the_api(engine: Engine) {
    let app = spawn_app(engine).await;
    app.user_with_token("jana", "consultant").await;
    let cookie = sign_in(&app, "jana").await;
    let lead = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Eva", "email": "eva@example.com" } })).await;
    let id = lead["id"].as_i64().unwrap();
    let post = |subject: &'static str| {
        app.client
            .post(app.url(&format!("/leads/{id}/email")))
            .header("origin", app.base())
            .header("cookie", format!("pronto_session={cookie}"))
            .form(&[("text", "Dear Eva, thank you."), ("subject", subject)])
            .send()
    };
    let injected = "Offer\r\nBcc: everyone@example.com";
    let r = post(injected).await.unwrap();
    assert_eq!(r.status(), 422);
    // The UI's error page (issue 17) lists the refused field with the use case's words.
    let page = r.text().await.unwrap();
    let ui_message = page
        .split("<code>subject</code>: ")
        .nth(1)
        .and_then(|rest| rest.split("</li>").next())
        .map(|m| format!("subject: {m}"))
        .unwrap_or_else(|| panic!("the field on the error page: {page}"));
    assert_eq!(ui_message, "subject: must be a single line without control characters");
    let api = app.post(&format!("/api/v1/leads/{id}/emails"), &json!({ "text": "Dear Eva", "subject": injected })).await.invalid(&["subject"]);
    assert_eq!(format!("subject: {}", api["errors"][0]["message"].as_str().unwrap()), ui_message, "the same rule and words as the API");
    assert_eq!(app.get(&format!("/api/v1/leads/{id}/emails")).await.expect(200)["items"].as_array().unwrap().len(), 0, "nothing was stored");
    // A good subject goes through, trimmed; a blank one means the default.
    assert_eq!(post("  Your offer  ").await.unwrap().status(), 303);
    assert_eq!(post("   ").await.unwrap().status(), 303);
    let mails = app.get(&format!("/api/v1/leads/{id}/emails")).await.expect(200);
    let subjects: Vec<&str> = mails["items"].as_array().unwrap().iter().filter_map(|m| m["subject"].as_str()).collect();
    assert!(subjects.contains(&"Your offer"), "{mails}");
    assert!(subjects.iter().all(|s| !s.contains(['\r', '\n'])), "{mails}");
}

/// A Word document as Word writes it, at its smallest.
fn docx() -> Vec<u8> {
    zip_of(&[
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        ("word/document.xml", br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>"#),
    ])
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

async fn a_renamed_zip_is_not_a_word_document(engine: Engine) {
    let app = spawn_app(engine).await;
    let lead = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Eva", "email": "eva@example.com" } })).await;
    let id = lead["id"].as_i64().unwrap();
    let page = lead["tracking_url"].as_str().expect("the customer's page").to_owned();
    let path = page.find("/t/").map(|i| page[i..].to_owned()).unwrap();
    let upload = |name: &'static str, bytes: Vec<u8>| {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name);
        app.client.post(app.url(&format!("{path}/upload"))).multipart(reqwest::multipart::Form::new().part("file", part)).send()
    };
    let renamed = zip_of(&[("notes.txt", b"not a document"), ("payload.exe", b"MZ\x90\x00")]);
    let r = upload("passport.docx", renamed).await.unwrap();
    assert_eq!(r.status(), 422, "a plain ZIP named .docx");
    assert_eq!(upload("passport.docx", docx()).await.unwrap().status(), 303, "a real Word document");
    let docs = app.get(&format!("/api/v1/leads/{id}/documents")).await.expect(200);
    let items = docs["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{docs}");
    assert_eq!(items[0]["content_type"], "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
}
