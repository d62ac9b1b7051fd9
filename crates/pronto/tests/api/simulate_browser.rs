//! In real Chromium: the admin's staffing simulator (`/admin/simulate`, issue 23) on the
//! company's own last days — a consultant left out, another answering faster, a consultant
//! added without typing TOML — shows both runs' figures and both response-time distributions in
//! one chart; a typo is named with the person it is about; usable at 360 px. Screenshots for the
//! review. SQLite only: it tests the page, not the storage.

use crate::agency::{TUESDAY_9, app_at, user};
use crate::browser::Browser;
use serde_json::json;
use testkit::Engine;

const ADMIN_PASSWORD: &str = "it-admin-password-1234";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_tries_a_staffing_change() {
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    user(&app, "jitka", "consultant", "777 100 001").await;
    user(&app, "roman", "consultant", "777 100 002").await;
    user(&app, "ivana", "coordinator", "777 100 003").await;
    // Last week's inquiries: Monday to Friday, every hour from 8 to 17 (Prague), by phone.
    let now: jiff::Timestamp = TUESDAY_9.parse().unwrap();
    for day in 1..=7i64 {
        for hour in 0..10i64 {
            let at = now - jiff::SignedDuration::from_hours(24 * day) + jiff::SignedDuration::from_mins(60 * hour - 60 + day * 7);
            let body = json!({ "channel": "phone", "received_at": at.to_string(),
                "contact": { "name": format!("Zákazník {day}-{hour}"), "phone": format!("+420 603 1{day:02} {hour:03}") } });
            app.post("/api/v1/leads", &body).await.expect(201);
        }
    }

    for (lang, phone) in [("en", false), ("en", true), ("he", false)] {
        let b = if phone { Browser::phone(lang).await } else { Browser::start(lang).await };
        b.goto(&app.url("/login")).await;
        b.fill("#login", "admin").await;
        b.fill("#password", ADMIN_PASSWORD).await;
        b.click("button[type=submit]").await;
        b.wait_for("nav[aria-label=main]", 10).await;
        b.goto(&app.url("/admin/simulate")).await;
        b.wait_for("#sim-form", 10).await;
        assert!(b.text("#sim-jitka legend").await.contains("Jitka"), "a row per person");
        if lang == "en" && !phone {
            // A typo: named with the person, nothing run.
            b.fill("#delay-roman", "fast").await;
            b.click("#sim-run").await;
            b.wait_for("#sim-errors", 30).await;
            assert!(b.text("#sim-errors").await.contains("Roman: “fast” is not a number of minutes"), "{}", b.text("#sim-errors").await);
        }
        // B: Jitka left out, Roman answering in 1 minute, a consultant added for 8–16.
        b.js("document.querySelector('input[name=keep_jitka]').checked = false").await;
        b.fill("#delay-roman", "1").await;
        b.js("document.querySelector('#role-new1').value = 'consultant'").await;
        // (A time field types by the locale's clock, AM/PM in English: set as the picker does.)
        b.js("document.querySelector('#from-new1').value = '08:00'; document.querySelector('#to-new1').value = '16:00'").await;
        b.click("#sim-run").await;
        b.wait_for("#sim-chart svg", 60).await;
        let results = b.text("#sim-results").await;
        if lang == "en" {
            assert!(results.contains("inquiries from"), "{results}");
            assert!(results.contains("Within the SLA") && results.contains("Response time, median"), "{results}");
            assert!(results.contains("New person 1: tasks a working day"), "{results}");
            let legend = b.js("return document.querySelector('#sim-chart svg').textContent").await;
            assert!(legend.as_str().is_some_and(|s| s.contains("A: as now") && s.contains("B: changed")), "{legend}");
        }
        let bars = b.js("return document.querySelectorAll('#sim-chart rect.bar').length").await;
        assert_eq!(bars, json!(16), "eight buckets, two runs each");
        let wide = b.js("return document.documentElement.scrollWidth <= window.innerWidth").await;
        assert!(wide == true, "{lang} phone={phone}: the page scrolls sideways");
        // The form keeps what was typed.
        assert_eq!(b.js("return document.querySelector('input[name=keep_jitka]').checked").await, json!(false));
        // The results and the chart, for the review.
        b.js("document.querySelector('#sim-results').scrollIntoView()").await;
        b.screenshot(&format!("simulate-{}", if phone { "phone" } else { lang })).await;
        b.js("document.querySelector('#sim-chart').scrollIntoView()").await;
        b.screenshot(&format!("simulate-chart-{}", if phone { "phone" } else { lang })).await;
        b.close().await;
    }
}
