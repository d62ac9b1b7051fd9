//! The browser harness itself (`browser.rs`): the real server opened in a real Chromium, on a
//! desktop and on a phone. SQLite only: it tests the browser, not the storage.

use crate::browser::{Browser, DESKTOP, PHONE};
use testkit::{Engine, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_smoke() {
    let app = spawn_app(Engine::Sqlite).await;
    let health = app.get("/healthz").await;
    assert_eq!(health.expect(200)["status"], "ok");
    let health = health.text.trim().to_owned();

    // Desktop, English.
    let b = Browser::start("en").await;
    eprintln!("Browser::start took {:?}", b.startup);
    b.goto(&app.url("/healthz")).await;
    b.wait_text(&health, 10).await;
    assert!(b.text("body").await.contains(&health));
    let lang = b.js("return navigator.language").await;
    assert!(lang.as_str().is_some_and(|l| l.starts_with("en")), "navigator.language = {lang}");
    let size = b.js("return [window.innerWidth, window.innerHeight]").await;
    eprintln!("desktop viewport {size}");
    assert_eq!(size[0], DESKTOP.0, "desktop viewport width");
    b.screenshot("smoke").await;
    let png = Browser::screenshot_path("smoke");
    let bytes = std::fs::read(&png).expect("screenshot written");
    std::fs::remove_file(&png).expect("remove the smoke screenshot");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    b.close().await;

    // Phone, Hebrew.
    let p = Browser::phone("he").await;
    eprintln!("Browser::phone took {:?}", p.startup);
    p.goto(&app.url("/healthz")).await;
    p.wait_text(&health, 10).await;
    let lang = p.js("return navigator.language").await;
    assert!(lang.as_str().is_some_and(|l| l.starts_with("he")), "navigator.language = {lang}");
    let phone = p.js("return [window.screen.width, window.matchMedia('(pointer: coarse)').matches, navigator.userAgent]").await;
    eprintln!("phone {phone}");
    assert_eq!(phone[0], PHONE.0, "phone screen width");
    assert_eq!(phone[1], true, "touch");
    assert!(phone[2].as_str().is_some_and(|ua| ua.contains("Mobile")), "mobile user agent");
    p.close().await;
}
