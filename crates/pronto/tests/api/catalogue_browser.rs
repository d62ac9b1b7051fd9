//! In real Chromium (issue 20, item 1): a manager adds a product through the catalogue's form
//! (names per language in their own fields, the price with its currency), is back on the list
//! that says so, and finds it by typing its name without diacritics (the list answers as she
//! types); a catalogue file with a bad row is refused with the row's line. Screenshots of the
//! list, the form and the refused file on a desktop, a 360 px phone and in Hebrew. SQLite only:
//! it tests the browser, not the storage.

use crate::agency::{TUESDAY_9, app_at, user};
use crate::browser::Browser;
use serde_json::json;
use testkit::{App, Engine};

async fn sign_in(b: &Browser, app: &App, login: &str) {
    b.goto(&app.url("/login")).await;
    b.fill("#login", login).await;
    b.fill("#password", "a long enough password").await;
    b.click("button[type=submit]").await;
    b.wait_for("nav[aria-label=main]", 10).await;
}

/// The page lays out within the window (nothing scrolls sideways).
async fn fits(b: &Browser, what: &str) {
    let wide = b.js("return document.documentElement.scrollWidth <= window.innerWidth").await;
    assert!(wide == true, "{what} scrolls sideways");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_adds_a_product_and_finds_it_without_diacritics() {
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    user(&app, "marta", "manager", "+420 777 000 001").await;
    for p in [
        json!({ "sku": "KT-100", "name": { "cs": "Kotel Vaillant ecoTEC plus", "en": "Vaillant ecoTEC plus boiler" }, "unit": "ks", "price": "32900", "currency": "CZK", "vat_rate": "21", "supplier": "Vaillant", "supplier_sku": "0010021978" }),
        json!({ "sku": "CP-7", "name": { "cs": "Oběhové čerpadlo Grundfos Alpha2", "en": "Grundfos Alpha2 circulation pump" }, "unit": "ks", "price": "4890.5", "currency": "CZK", "vat_rate": "21", "supplier": "Grundfos" }),
    ] {
        app.post("/api/v1/products", &p).await.expect(201);
    }

    let b = Browser::start("cs").await;
    sign_in(&b, &app, "marta").await;
    // From the navigation.
    b.click("nav[aria-label=main] a[href='/catalogue']").await;
    b.wait_for("#catalogue", 10).await;
    b.click("#catalogue-add").await;
    b.wait_for("#catalogue-form", 10).await;
    b.fill("#p-sku", "SRV-1").await;
    b.fill("#p-name-cs", "Servisní prohlídka kotle").await;
    b.fill("#p-name-en", "Boiler service check").await;
    b.fill("#p-unit", "hod").await;
    b.fill("#p-price", "1290,50").await;
    b.fill("#p-vat", "12").await;
    b.fill("#p-supplier", "Vlastní technik").await;
    b.screenshot("catalogue-form").await;
    b.click("#catalogue-save").await;
    b.wait_for("#catalogue-notice", 10).await;
    assert!(b.text("#catalogue-notice").await.starts_with("Uloženo: SRV-1."), "what happens next is said");
    b.wait_text("1\u{a0}290,50\u{a0}CZK", 10).await;

    // Found as typed, without diacritics, without pressing anything.
    b.fill("#catalogue-q", "servisni prohlidka").await;
    b.wait_text("Servisní prohlídka kotle", 10).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while b.js("return document.querySelectorAll('#catalogue tbody tr').length").await != json!(1) {
        assert!(std::time::Instant::now() < deadline, "the list narrows to the one product");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(b.url().await.contains("q=servisni"), "the address follows the search");
    let p = app.get("/api/v1/products?q=SRV").await.expect(200);
    assert_eq!((&p["items"][0]["price"], &p["items"][0]["vat_rate"]), (&json!("1290.5"), &json!("12")));

    // A file with a bad row: its line named, nothing saved.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cenik.csv");
    std::fs::write(&file, "sku;name_cs;unit;price;currency;vat_rate\nA-1;Čerpadlo;ks;100;CZK;21\nA-2;Ventil;ks;sto;CZK;21\n").unwrap();
    b.goto(&app.url("/catalogue")).await;
    b.wait_for("#catalogue-csv", 10).await.send_keys(file.to_str().unwrap()).await.unwrap();
    b.click("#catalogue-import").await;
    b.wait_for("#catalogue-problems", 10).await;
    assert!(b.text("#catalogue-file-error").await.contains("Nic se neuložilo"));
    assert!(b.text("#catalogue-problems tbody").await.contains("3"), "the line");
    assert!(app.get("/api/v1/products?q=A-").await.expect(200)["items"].as_array().unwrap().is_empty());
    b.js("document.getElementById('catalogue-file').scrollIntoView()").await;
    b.screenshot("catalogue-import-errors").await;
    b.goto(&app.url("/catalogue")).await;
    b.wait_for("#catalogue", 10).await;
    b.screenshot("catalogue").await;
    fits(&b, "cs /catalogue").await;
    b.close().await;

    // A phone and Hebrew.
    for (lang, phone) in [("cs", true), ("he", false), ("he", true)] {
        let b = if phone { Browser::phone(lang).await } else { Browser::start(lang).await };
        sign_in(&b, &app, "marta").await;
        b.goto(&app.url("/catalogue")).await;
        b.wait_for("#catalogue", 10).await;
        fits(&b, &format!("{lang} /catalogue")).await;
        let name = match (lang, phone) {
            ("cs", true) => "catalogue-phone".to_owned(),
            (l, true) => format!("catalogue-phone-{l}"),
            (l, false) => format!("catalogue-{l}"),
        };
        b.screenshot(&name).await;
        b.goto(&app.url("/catalogue/new")).await;
        b.wait_for("#catalogue-form", 10).await;
        fits(&b, &format!("{lang} /catalogue/new")).await;
        b.screenshot(&name.replace("catalogue", "catalogue-form")).await;
        b.close().await;
    }
}
