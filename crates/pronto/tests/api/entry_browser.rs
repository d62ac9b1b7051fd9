//! In real Chromium: the new-inquiry form suggests the known contact while the phone number is
//! typed (in another notation), "add to this contact" links the form to them, and the answer
//! says what happens next; on the board a card dragged with a finger (WebDriver pointer actions
//! of a touch pointer) to the next stage moves the lead, and a move the rules refuse snaps back
//! with the reason. SQLite only: it tests the browser, not the storage.

use crate::agency::{TUESDAY_9, app_at, id, user};
use crate::browser::Browser;
use fantoccini::Locator;
use fantoccini::actions::{InputSource, PointerAction, TouchActions};
use serde_json::json;
use std::time::Duration;
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
async fn suggestions_appear_while_the_phone_is_typed() {
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let known = app
        .create_lead(&json!({ "channel": "web", "subject": "Nový web", "contact": { "name": "Jana Nováková", "phone": "+420 777 123 456" } }))
        .await;
    let contact = known["contact"]["id"].as_i64().unwrap();
    let b = Browser::start("en").await;
    sign_in(&b, &app, "jana").await;
    b.click("a.new-inquiry").await;
    b.wait_for("#entry-form", 10).await;
    assert!(b.js("return document.getElementById('similar').hidden").await == true, "nothing suggested before typing");
    b.fill("#name", "J. Nováková").await;
    // Typed as people dictate it: another notation of the same number.
    b.fill("#phone", "00420 777 123 456").await;
    b.wait_for("#similar-list li[data-contact]", 10).await;
    let text = b.text("#similar").await;
    assert!(text.contains("Already known?") && text.contains("Jana Nováková") && text.contains("same phone"), "{text}");
    assert!(text.contains("Open this inquiry: Nový web"), "{text}");
    b.screenshot("new-inquiry-suggestions").await;
    // "Add to this contact": the form is now theirs (not sent yet).
    b.click("#similar-list li[data-contact] button").await;
    b.wait_for("#entry-chosen:not([hidden])", 5).await;
    assert_eq!(b.js("return document.getElementById('entry-contact').value").await, contact.to_string());
    assert!(b.text("#entry-chosen").await.contains("Adding to Jana Nováková"));
    assert_eq!(app.all_leads("").await.len(), 1, "nothing sent yet");
    b.fill("#subject", "Calling about the offer").await;
    b.click("#entry-save").await;
    b.wait_for("#entry-next", 10).await;
    let next = b.text("#entry-next").await;
    assert!(next.starts_with("Created — assigned to Jana"), "{next}");
    b.screenshot("new-inquiry-created").await;
    let leads = app.all_leads("").await;
    assert_eq!(leads.len(), 2);
    assert!(leads.iter().all(|l| l["contact"]["id"].as_i64() == Some(contact)), "{leads:?}");
    b.click("#entry-open-lead").await;
    b.wait_text("Calling about the offer", 10).await;
    b.close().await;
}

/// A finger on `from`, dragged to `to`, lifted: real pointer actions of a touch pointer.
async fn drag(b: &Browser, from: &str, to: &str) {
    let c = b.client();
    let grip = c.find(Locator::Css(from)).await.unwrap_or_else(|e| panic!("{from}: {e}"));
    let target = c.find(Locator::Css(to)).await.unwrap_or_else(|e| panic!("{to}: {e}"));
    let finger = TouchActions::new("finger".into())
        .then(PointerAction::MoveToElement { element: grip, duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: 0 })
        .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(100)), x: 12.0, y: 8.0 })
        .then(PointerAction::MoveToElement { element: target, duration: Some(Duration::from_millis(300)), x: 0.0, y: 0.0 })
        .then(PointerAction::Up { button: 0 });
    c.perform_actions(finger).await.unwrap_or_else(|e| panic!("pointer actions: {e}"));
    c.release_actions().await.ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_card_dragged_to_the_next_stage_moves_the_lead() {
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    // A secretary: the intake's moves are hers, the deal (a stage after them) is not.
    user(&app, "sveta", "secretary", "+420 777 000 002").await;
    let a = id(&app.create_lead(&json!({ "channel": "web", "subject": "Web", "contact": { "name": "Petr Malý", "email": "petr@maly.cz" } })).await);
    let b2 = id(&app.create_lead(&json!({ "channel": "web", "subject": "Ads", "contact": { "name": "Eva Malá", "email": "eva@mala.cz" } })).await);
    let b = Browser::start("en").await;
    sign_in(&b, &app, "sveta").await;
    b.goto(&app.url("/board")).await;
    b.wait_for(&format!(".column[data-stage=received] .bcard[data-lead='{a}']"), 10).await;
    // Received → First contact: allowed.
    drag(&b, &format!(".bcard[data-lead='{a}'] .grip"), ".column[data-stage=contacted] h2").await;
    b.wait_for(&format!(".column[data-stage=contacted] .bcard[data-lead='{a}']"), 10).await;
    b.wait_text("Moved to First contact.", 10).await;
    assert_eq!(app.get(&format!("/api/v1/leads/{a}")).await.expect(200)["stage"], "contacted", "the server moved it");
    assert_eq!(b.text(".column[data-stage=contacted] h2 .count").await.trim(), "1");
    b.screenshot("board-dragged").await;
    // Received → Offer is the deal: the server refuses and the card snaps back with the reason.
    drag(&b, &format!(".bcard[data-lead='{b2}'] .grip"), ".column[data-stage=offer] h2").await;
    b.wait_for("#board-status.error", 10).await;
    let status = b.text("#board-status").await;
    assert!(!status.trim().is_empty(), "the reason is shown");
    b.wait_for(&format!(".column[data-stage=received] .bcard[data-lead='{b2}']"), 10).await;
    assert_eq!(app.get(&format!("/api/v1/leads/{b2}")).await.expect(200)["stage"], "received");
    b.close().await;
}
