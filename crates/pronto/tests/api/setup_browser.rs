//! In real Chromium: the first-start guide walked as a new admin does (the company's name
//! typed, the office hours set, a colleague added, the rest skipped, finished), then the
//! customer's page names the company; screenshots of the company, calendars and guide pages
//! on a desktop, a phone and in Hebrew. SQLite only: it tests the browser, not the storage.

use crate::agency::{TUESDAY_9, app_at};
use crate::browser::Browser;
use serde_json::json;
use testkit::App;
use testkit::Engine;

const ADMIN_PASSWORD: &str = "it-admin-password-1234";

async fn sign_in_admin(b: &Browser, app: &App) {
    b.goto(&app.url("/login")).await;
    b.fill("#login", "admin").await;
    b.fill("#password", ADMIN_PASSWORD).await;
    b.click("button[type=submit]").await;
    b.wait_for("nav[aria-label=main]", 10).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_admin_walks_the_guide_and_customers_see_the_company() {
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    let b = Browser::start("en").await;
    sign_in_admin(&b, &app).await;
    // The inbox invites to the guide while it is not finished.
    b.wait_for(".setup-guide-banner a", 10).await;
    b.click(".setup-guide-banner a").await;
    b.wait_for("#guide-progress", 10).await;
    assert_eq!(b.text("#guide-progress").await, "0 of 6 done");
    b.screenshot("setup-guide").await;

    b.fill("#g-name", "Okna Novák s.r.o.").await;
    b.click("#step-company button[value=done]").await;
    b.wait_for("#step-company.done", 10).await;
    b.click("#step-language button[value=skip]").await;
    b.wait_for("#step-language.skipped", 10).await;
    b.fill("#g-from", "07:30").await;
    b.fill("#g-to", "15:30").await;
    b.click("#step-hours button[value=done]").await;
    b.wait_for("#step-hours.done", 10).await;
    b.fill("#g-mate-name", "Petra Malá").await;
    b.fill("#g-mate-login", "petra").await;
    b.fill("#g-mate-phone", "777 222 333").await;
    b.fill("#g-mate-password", "a long enough password").await;
    b.click("#step-team button[value=done]").await;
    b.wait_text("Petra Malá can now sign in", 10).await;
    b.click("#step-channels button[value=skip]").await;
    b.wait_for("#step-channels.skipped", 10).await;
    b.click("#step-form button[value=skip]").await;
    b.wait_for("#step-form.skipped", 10).await;
    assert_eq!(b.text("#guide-progress").await, "3 of 6 done");
    b.click("#guide-finish").await;
    b.wait_for("#empty-inbox", 10).await;
    assert!(b.js("return document.querySelector('.setup-guide-banner') === null").await == true, "no longer offered");

    let cal = app.get("/api/v1/company/calendar").await.expect(200);
    assert_eq!((cal["set"].as_bool(), cal["calendar"]["days"][0]["from"].as_str()), (Some(true), Some("07:30")), "{cal}");
    let users = app.get("/api/v1/users").await.expect(200);
    assert!(users.to_string().contains("\"petra\""), "the colleague exists");

    // The empty inbox's test inquiry; the customer's page of an inquiry names the company.
    b.screenshot("setup-empty-inbox").await;
    let lead = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Eva Malá", "email": "eva@example.com" } })).await;
    let url = lead["tracking_url"].as_str().unwrap().to_owned();
    b.goto(&app.url(&url)).await;
    b.wait_for(".company-brand", 10).await;
    assert_eq!(b.text(".company-brand .company-name").await, "Okna Novák s.r.o.");

    // The pages, for the README and the review.
    app.send(
        app.req(reqwest::Method::PUT, "/api/v1/company").json(&json!({ "name": "Okna Novák s.r.o.", "accent": "#0b7a75",
            "address": "Dlouhá 12, 602 00 Brno", "phone": "+420 541 000 111", "email": "info@okna-novak.cz", "web": "okna-novak.cz", "language": "cs" })),
    )
    .await
    .expect(200);
    b.goto(&app.url(&url)).await;
    b.wait_for(".company-contact", 10).await;
    b.screenshot("setup-customer-page").await;
    b.goto(&app.url("/admin/company")).await;
    b.wait_for("#co-name", 10).await;
    b.screenshot("setup-company").await;
    b.goto(&app.url("/admin/calendars")).await;
    b.wait_for("#calendar-form", 10).await;
    b.click("#add-holidays").await;
    b.wait_text("Check them and press Save", 10).await;
    b.screenshot("setup-calendars").await;
    b.close().await;

    for (lang, phone) in [("en", true), ("he", false)] {
        let b = if phone { Browser::phone(lang).await } else { Browser::start(lang).await };
        sign_in_admin(&b, &app).await;
        for (path, name) in [("/admin/company", "company"), ("/admin/calendars", "calendars"), ("/admin/guide", "guide")] {
            b.goto(&app.url(path)).await;
            b.wait_for("h1", 10).await;
            let wide = b.js("return document.documentElement.scrollWidth <= window.innerWidth").await;
            assert!(wide == true, "{lang} {path} scrolls sideways");
            b.screenshot(&format!("setup-{name}-{}", if phone { "phone" } else { lang })).await;
        }
        b.close().await;
    }
}
