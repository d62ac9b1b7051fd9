//! Money in the reports (issue 21, item 7) over HTTP with the real binary, on both engines and
//! the manual clock: invoices issued and paid, money invoiced, received and outstanding (and
//! overdue after the due day) per channel and representative, as JSON, CSV and on the reports
//! page; the seed's sales report per channel and representative with this period beside the
//! one before; the head of sales' daily report counting invoices issued and paid per call and
//! request, and the monthly summary with the money, the sales per representative and the
//! month before.

use crate::access::{sign_in, ui};
use crate::agency::{TUESDAY_9, advance, app_at, id, user};
use crate::invoices::company;
use crate::payments::{invoice, pay};
use reqwest::Method;
use serde_json::Value;
use testkit::both;
use testkit::{App, Engine};

both!(money_per_channel_and_representative, the_head_of_sales_counts_invoices_issued_and_paid,);

fn czk(v: &Value) -> Option<&str> {
    v.as_array()?.iter().find(|m| m["currency"] == "CZK")?["amount"].as_str()
}

async fn report(app: &App, path: &str) -> Value {
    app.get(path).await.expect(200)
}

/// The agency's team with the company's invoicing set up, and two issued invoices of
/// 29 800.00 CZK (Eva's and Petr's), in that order.
async fn two_invoices(app: &App) -> (Value, Value) {
    user(app, "jana", "consultant", "+420 777 000 001").await;
    user(app, "kamil", "coordinator", "+420 777 000 003").await;
    user(app, "petra", "manager", "+420 777 000 005").await;
    company(app).await;
    (invoice(app, "Eva Malá", "eva@example.com").await, invoice(app, "Petr Malý", "petr@example.com").await)
}

/// Records a payment of `amount` on `invoice`.
async fn paid(app: &App, invoice: &Value, amount: &str) {
    app.post(&format!("/api/v1/invoices/{}/payments", id(invoice)), &pay(amount)).await.expect(201);
}

async fn money_per_channel_and_representative(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    // Two invoices of 29 800.00 CZK: one paid in two parts, one with 1 000.00 paid.
    let (a, b) = two_invoices(&app).await;
    paid(&app, &a, "9800.00").await;
    paid(&app, &a, "20000.00").await;
    paid(&app, &b, "1000.00").await;
    advance(&app, 60).await;

    let r = report(&app, "/api/v1/reports/money?group_by=channel").await;
    let t = &r["total"];
    assert_eq!((t["invoices_issued"].as_i64(), t["invoices_paid"].as_i64()), (Some(2), Some(1)), "{r}");
    assert_eq!(czk(&t["invoiced"]), Some("59600.00"), "{r}");
    assert_eq!(czk(&t["received"]), Some("30800.00"), "{r}");
    assert_eq!(czk(&t["outstanding"]), Some("28800.00"), "{r}");
    assert_eq!((t["overdue"].as_array().map(Vec::len), t["overdue_invoices"].as_i64()), (Some(0), Some(0)), "not due yet: {r}");
    let channel = app.get(&format!("/api/v1/leads/{}", a["lead_id"])).await.expect(200)["channel"].as_str().unwrap().to_owned();
    let g = r["groups"].as_array().unwrap().iter().find(|g| g["value"] == channel.as_str()).unwrap_or_else(|| panic!("{channel}: {r}"));
    assert_eq!(g["invoices_issued"], 2);

    // Per representative: named, and adding up to the total.
    let r = report(&app, "/api/v1/reports/money?group_by=owner").await;
    let groups = r["groups"].as_array().unwrap();
    assert_eq!(groups.iter().map(|g| g["invoices_issued"].as_i64().unwrap()).sum::<i64>(), 2, "{r}");
    let owner_a = app.get(&format!("/api/v1/leads/{}", a["lead_id"])).await.expect(200)["owner"].clone();
    let mine = groups.iter().find(|g| g["value"] == owner_a["id"].to_string()).unwrap_or_else(|| panic!("{owner_a}: {r}"));
    assert_eq!(mine["key"], owner_a["name"], "the representative by name");

    // The same as a CSV: exact decimals, one column per currency.
    let csv = app.get("/api/v1/reports/money?format=csv").await;
    assert_eq!(csv.status, 200);
    let csv = csv.text;
    assert!(csv.contains("invoiced CZK") && csv.contains("59600.00") && csv.contains("28800.00"), "{csv}");

    // Past the due day (16 May): what is left is overdue.
    advance(&app, 12 * 86_400).await;
    let r = report(&app, "/api/v1/reports/money").await;
    assert_eq!((czk(&r["total"]["overdue"]), r["total"]["overdue_invoices"].as_i64()), (Some("28800.00"), Some(1)), "{r}");
    assert_eq!(r["total"]["invoices_issued"], 2);
    // A window before the invoices shows none; a window after them, still what is owed.
    let r = report(&app, "/api/v1/reports/money?from=2031-04-01T00:00:00Z&to=2031-05-01T00:00:00Z").await;
    assert_eq!((r["total"]["invoices_issued"].as_i64(), r["total"]["outstanding"].as_array().map(Vec::len)), (Some(0), Some(0)), "{r}");
    let r = report(&app, "/api/v1/reports/money?from=2031-05-17T00:00:00Z&to=2031-05-18T00:00:00Z").await;
    assert_eq!((r["total"]["invoices_issued"].as_i64(), czk(&r["total"]["outstanding"])), (Some(0), Some("28800.00")), "{r}");
    // A bad query: a precise 422 or 400, never a 5xx.
    assert_eq!(app.get("/api/v1/reports/money?group_by=colour").await.problem(422)["errors"][0]["field"], "group_by");
    app.get("/api/v1/reports/money?from=2031-05-18T00:00:00Z&to=2031-05-01T00:00:00Z").await.problem(422);
    app.get("/api/v1/reports/money?format=csv&format=json").await.problem(400);

    // The sales report: per channel and representative, with the period before.
    let s = report(&app, "/api/v1/reports/sales").await;
    let t = &s["total"];
    assert_eq!((t["leads"].as_i64(), t["invoices_issued"].as_i64(), t["invoices_paid"].as_i64()), (Some(2), Some(2), Some(1)), "{s}");
    assert_eq!((czk(&t["invoiced"]), czk(&t["received"])), (Some("59600.00"), Some("30800.00")), "{s}");
    assert_eq!((s["previous"]["leads"].as_i64(), s["previous"]["invoices_issued"].as_i64()), (Some(0), Some(0)), "{s}");
    assert!(t["complaints_url"].as_str().unwrap().starts_with("/complaints?from="), "{s}");
    let line = s["by_channel"].as_array().unwrap().iter().find(|l| l["value"] == channel.as_str()).unwrap_or_else(|| panic!("{s}"));
    assert_eq!((line["leads"].as_i64(), line["invoices_issued"].as_i64()), (Some(2), Some(2)));
    assert!(line["complaints_url"].as_str().unwrap().ends_with(&format!("&channel={channel}")), "{line}");
    let line = s["by_representative"].as_array().unwrap().iter().find(|l| l["value"] == owner_a["id"].to_string()).unwrap_or_else(|| panic!("{s}"));
    assert_eq!(line["key"], owner_a["name"]);
    let csv = app.get("/api/v1/reports/sales?format=csv").await.text;
    assert!(csv.contains("representative") && csv.contains("previous period") && csv.contains("59600.00"), "{csv}");

    // The reports page shows both, the money in the reader's notation.
    let session = sign_in(&app, "petra").await;
    let (status, html) = ui(&app, Method::GET, "/reports", &session, None).await;
    assert_eq!(status, 200);
    for want in ["id=\"money\"", "Money: invoiced, paid, outstanding", "id=\"sales\"", "By representative", "The period before", "/api/v1/reports/money?"] {
        assert!(html.contains(want), "{want}");
    }
    assert!(html.contains("59,600.00") || html.contains("59\u{a0}600,00") || html.contains("59600.00"), "the amount");
}

async fn the_head_of_sales_counts_invoices_issued_and_paid(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let (a, _) = two_invoices(&app).await;
    paid(&app, &a, "29800.00").await;
    advance(&app, 60).await;
    let channel = app.get(&format!("/api/v1/leads/{}", a["lead_id"])).await.expect(200)["channel"].as_str().unwrap().to_owned();

    // The 19:30 report's preview for the day so far: the invoices by where the deals came from.
    let from = "2031-05-05T17:30:00Z";
    let to = "2031-05-06T17:30:00Z";
    let j = app.get(&format!("/api/v1/reports/scheduled/sales?from={from}&to={to}")).await.expect(200);
    let money = j["money"].as_array().unwrap();
    assert_eq!(money.iter().map(|l| l["invoices_issued"].as_i64().unwrap()).sum::<i64>(), 2, "{j}");
    assert_eq!(money.iter().map(|l| l["invoices_paid"].as_i64().unwrap()).sum::<i64>(), 1, "{j}");
    assert!(money.iter().any(|l| l["group"] == channel.as_str()), "a request by its channel: {j}");
    let by_owner = j["money_by_owner"].as_array().unwrap();
    assert_eq!(by_owner.iter().map(|l| l["invoices_issued"].as_i64().unwrap()).sum::<i64>(), 2, "{j}");
    assert!(by_owner.iter().all(|l| l["group"].as_str().is_some_and(|g| !g.is_empty() && g.parse::<i64>().is_err())), "named: {j}");
    let text = app.get(&format!("/api/v1/reports/scheduled/sales?from={from}&to={to}&format=text")).await.text;
    for want in ["Invoices issued: 2", "Invoices paid in full: 1", "Invoiced: 59600.00 CZK", "Received: 29800.00 CZK", "Outstanding: 29800.00 CZK", "Money by representative"] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    // The secretary's report has no money in it.
    let text = app.get(&format!("/api/v1/reports/scheduled/secretary?from={from}&to={to}&format=text")).await.text;
    assert!(!text.contains("Invoices issued"), "{text}");

    // (That the 19:30 e-mail goes by its durable timer is `reports::daily_reports_are_emailed_at_their_time`;
    // the preview is the same text.)

    // The monthly summary on 1 June: May's money, the sales per representative, the complaints
    // linked, and April beside it.
    let j = app.get("/api/v1/reports/scheduled/monthly?from=2031-04-30T22:00:00Z&to=2031-05-31T22:00:00Z").await.expect(200);
    assert_eq!(j["money_total"]["invoices_issued"], 2, "{j}");
    assert_eq!(j["totals"]["leads"], 2, "{j}");
    assert_eq!(j["previous"]["leads"], 0, "{j}");
    assert!(!j["feedback"].as_array().unwrap().is_empty(), "{j}");
    let text = app.get("/api/v1/reports/scheduled/monthly?from=2031-04-30T22:00:00Z&to=2031-05-31T22:00:00Z&format=text").await.text;
    for want in ["Money by channel", "Sales by representative", "Complaints: 0", "Compared with the month before", "Leads: 2 (0)"] {
        assert!(text.contains(want), "{want}\n{text}");
    }
}

/// The money and sales sections in Chromium: a desktop screenshot of each
/// (`docs/screenshots/reports-money.png`, `reports-sales.png`), on a phone (360 px) and in
/// Hebrew (`reports-sales-phone-he.png`) the page never scrolls sideways.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_money_sections_in_the_browser() {
    use crate::browser::Browser;
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    let (a, b) = two_invoices(&app).await;
    paid(&app, &a, "29800.00").await;
    paid(&app, &b, "5000.00").await;
    advance(&app, 60).await;
    for (device, lang) in [("desktop", "en"), ("phone", "en"), ("phone", "he")] {
        let b = if device == "phone" { Browser::phone(lang).await } else { Browser::start(lang).await };
        if device == "desktop" {
            b.client().set_window_size(1280, 943).await.unwrap();
        }
        b.goto(&app.url("/login")).await;
        b.fill("#login", "petra").await;
        b.fill("#password", "a long enough password").await;
        b.click("button[type=submit]").await;
        b.wait_for("nav[aria-label=main]", 10).await;
        b.goto(&app.url("/reports#money")).await;
        b.wait_for("#table-money", 30).await;
        b.wait_for("#table-sales-owner", 30).await;
        let width = b.js("return document.documentElement.scrollWidth").await.as_i64().unwrap();
        let suffix = match (device, lang) {
            ("desktop", _) => "",
            (_, "en") => "-phone",
            _ => "-phone-he",
        };
        if device == "phone" {
            assert!(width <= 360, "{lang}: no sideways scrolling at 360 px: {width}");
        }
        for section in ["money", "sales"] {
            b.js(&format!("document.getElementById('{section}').scrollIntoView(); return true")).await;
            b.screenshot(&format!("reports-{section}{suffix}")).await;
        }
        b.close().await;
    }
}
