//! The customer's page in real Chromium, on a phone as it is opened from an SMS: every language
//! of the seeds (Hebrew right to left), no sideways scrolling, and a message and a document
//! sent from it reaching the owner's timeline and notifications, seen in the team's UI.
//! Screenshots go to `docs/screenshots/customer-*.png`.

use crate::agency::{TUESDAY_9, advance, app_at, id, notes, timeline, user};
use crate::browser::Browser;
use testkit::Engine;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_customer_follows_writes_and_sends_a_document_from_a_phone() {
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let lead = app
        .create_lead(&json!({ "channel": "web", "language": "cs",
            "contact": { "name": "Eva Malá", "email": "eva@example.com", "phone": "+420 777 123 456" }, "message": "Nový e-shop" }))
        .await;
    let lid = id(&lead);
    let path = lead["tracking_url"].as_str().unwrap().to_owned();
    assert!(path.starts_with("/t/"), "without a public address the link is relative: {path}");

    let p = Browser::phone("cs").await;
    for lang in ["cs", "en", "ru", "pl", "he"] {
        p.goto(&app.url(&format!("{path}?lang={lang}"))).await;
        p.wait_for("ol.steps li.current", 10).await;
        assert_eq!(p.js("return document.documentElement.lang").await, lang);
        let dir = p.js("return getComputedStyle(document.body).direction").await;
        assert_eq!(dir, if lang == "he" { "rtl" } else { "ltr" }, "{lang}");
        let width = p.js("return document.documentElement.scrollWidth").await.as_i64().unwrap();
        assert!(width <= 360, "{lang}: no sideways scrolling: {width}");
        let h = p.js("return document.querySelector('form button').getBoundingClientRect().height").await.as_f64().unwrap();
        assert!(h >= 44.0, "{lang}: a thumb-sized button: {h}");
        if lang == "cs" || lang == "he" {
            p.screenshot(if lang == "cs" { "customer-page" } else { "customer-page-he" }).await;
        }
    }

    // A message.
    p.goto(&app.url(&format!("{path}?lang=en"))).await;
    p.fill("#text", "Could you call me after 3 pm? <b>thanks</b>").await;
    p.click("form[action$='/message'] button").await;
    p.wait_text("Thank you: your message has been passed on.", 10).await;
    p.wait_text("Could you call me after 3 pm? <b>thanks</b>", 5).await;

    // A document, chosen with the file picker.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("company-details.pdf");
    std::fs::write(&file, b"%PDF-1.4\nIC 12345678\n%%EOF").unwrap();
    let input = p.wait_for("#file", 5).await;
    input.send_keys(file.to_str().unwrap()).await.unwrap();
    p.click("form[action*='/upload'] button").await;
    p.wait_text("Thank you: your document has been received.", 10).await;
    p.wait_text("You sent the document company-details.pdf", 5).await;
    p.screenshot("customer-page-sent").await;
    p.close().await;

    // The owner's timeline and notifications have both.
    let tl = timeline(&app, lid).await;
    assert!(tl.iter().any(|e| e["activity"] == "message" && e["body"] == "Could you call me after 3 pm? <b>thanks</b>"));
    assert!(tl.iter().any(|e| e["kind"] == "customer.document" && e["filename"] == "company-details.pdf"));
    let ns = notes(&app, lid).await;
    let to_jana = |kind: &str, channel: &str| ns.iter().any(|n| n["recipient"]["user_id"] == jana && n["kind"] == kind && n["channel"] == channel);
    assert!(to_jana("customer_message", "sms") && to_jana("customer_message", "in_app"));
    assert!(to_jana("customer_document", "in_app"));

    // The team sees it on the lead card: the message, the document to download, the link.
    let b = Browser::start("en").await;
    b.goto(&app.url("/login")).await;
    b.fill("#login", "jana").await;
    b.fill("#password", "a long enough password").await;
    b.click("button[type=submit]").await;
    b.wait_for("nav[aria-label=main]", 10).await;
    b.goto(&app.url(&format!("/leads/{lid}"))).await;
    b.wait_text("Documents from the customer", 10).await;
    b.wait_text("company-details.pdf", 5).await;
    b.wait_text("Could you call me after 3 pm?", 5).await;
    let href = b.js("return document.querySelector('#tracking-link').getAttribute('href')").await;
    assert_eq!(href, path.as_str());
    b.js("document.getElementById('customer-page').scrollIntoView()").await;
    b.screenshot("lead-customer-page").await;
    // Revoking from the card: the customer's old link stops working.
    b.click("form[action$='/revoke-tracking'] button").await;
    let gone = testkit::eventually(std::time::Duration::from_secs(10), || async {
        app.client.get(app.url(&path)).send().await.map(|r| r.status().as_u16() == 404).unwrap_or(false)
    })
    .await;
    assert!(gone, "the revoked link answers 404");
    b.close().await;
}

/// "Your order" (issue 21, item 8) on a phone in Czech, English and Hebrew (right to left) and
/// on a desktop: the milestones with their times, the invoice to download, what is left to pay;
/// no sideways scrolling at 360 px. Screenshots `docs/screenshots/customer-order*.png`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_customer_follows_the_order_on_a_phone_and_a_desktop() {
    use crate::deal_page::{accept, private, sent_offer};
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    crate::invoices::company(&app).await;
    let (lid, offer, path) = sent_offer(&app).await;
    accept(&app, &path, offer).await;
    advance(&app, 2 * 3600).await;
    app.send(app.req(reqwest::Method::PUT, &format!("/api/v1/leads/{lid}/requisites")).json(&private())).await.expect(200);
    advance(&app, 3600).await;
    let inv = app.post(&format!("/api/v1/leads/{lid}/invoices"), &json!({ "offer_id": offer })).await.expect(201);
    app.post(&format!("/api/v1/invoices/{}/payments", id(&inv)), &json!({ "amount": "9800.00" })).await.expect(201);

    let p = Browser::phone("cs").await;
    for lang in ["cs", "en", "he"] {
        p.goto(&app.url(&format!("{path}?lang={lang}"))).await;
        p.wait_for("#order li.current", 10).await;
        let dir = p.js("return getComputedStyle(document.querySelector('#order')).direction").await;
        assert_eq!(dir, if lang == "he" { "rtl" } else { "ltr" }, "{lang}");
        let width = p.js("return document.documentElement.scrollWidth").await.as_i64().unwrap();
        assert!(width <= 360, "{lang}: no sideways scrolling: {width}");
        let done = p.js("return document.querySelectorAll('#order li.done').length").await.as_i64().unwrap();
        assert_eq!(done, 2, "{lang}: the details and the invoice are done");
        let link = p.js("return document.querySelector('#order a[href$=\"/pdf\"]').getBoundingClientRect().height").await.as_f64().unwrap();
        assert!(link >= 24.0, "{lang}: the download link is easy to tap: {link}");
        p.js("document.getElementById('order').scrollIntoView()").await;
        p.screenshot(match lang {
            "cs" => "customer-order",
            "en" => "customer-order-en",
            _ => "customer-order-he",
        })
        .await;
    }
    p.close().await;

    let b = Browser::start("en").await;
    b.goto(&app.url(&format!("{path}?lang=en"))).await;
    b.wait_for("#order li.current", 10).await;
    b.wait_text("Please pay by", 5).await;
    b.wait_text("left to pay", 5).await;
    let width = b.js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth").await;
    assert_eq!(width, serde_json::Value::Bool(true), "no sideways scrolling on a desktop");
    b.js("document.getElementById('order').scrollIntoView()").await;
    b.screenshot("customer-order-desktop").await;
    b.close().await;
}
