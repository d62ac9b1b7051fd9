//! The offer reports (issue 20 item 7) over HTTP: offers made, sent and decided on leads of two
//! owners and channels give the API's figures (counts, money per currency, times), its CSV, the
//! funnel's money per stage, and the report page's section in the reader's language.

use crate::agency::{TUESDAY_9, advance, app_at, id, user};
use serde_json::{Value, json};
use testkit::both;
use testkit::{App, Engine};

both!(offer_reports_count_the_money_and_the_times);

async fn offer(app: &App, lead: i64, currency: &str, price: &str) -> i64 {
    let body = json!({ "items": [{ "name": "Website", "quantity": "1", "unit_price": price, "vat_rate": "21" }],
                       "currency": currency, "valid_until": "2031-05-20" });
    id(&app.post(&format!("/api/v1/leads/{lead}/offers"), &body).await.expect(201))
}

async fn decide(app: &App, page: &str, offer: i64, decision: &str) {
    let r =
        app.client.post(app.url(&format!("{page}/offers/{offer}"))).form(&[("decision", decision), ("lang", "en")]).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 303, "{decision}");
}

fn group<'a>(r: &'a Value, value: &str) -> &'a Value {
    r["groups"].as_array().unwrap().iter().find(|g| g["value"] == value).unwrap_or_else(|| panic!("no group {value} in {r}"))
}

/// Jana's web lead and Petr's e-mail lead, each sent an offer ten minutes after the inquiry;
/// twenty minutes later Jana's (1 210 CZK) is accepted, Petr's (121 EUR) declined.
async fn seed(app: &App) -> (i64, i64) {
    let jana = user(app, "jana", "consultant", "+420 777 000 001").await;
    let petr = user(app, "petr", "consultant", "+420 777 000 002").await;
    let mut pages = Vec::new();
    let mut leads = Vec::new();
    for (n, (channel, owner)) in [("web", jana), ("email", petr)].into_iter().enumerate() {
        let l = app
            .create_lead(&json!({ "channel": channel, "contact": { "name": format!("Zákazník {n}"), "email": format!("z{n}@example.com"),
                                  "phone": format!("+420 777 100 00{n}") } }))
            .await;
        app.patch(&format!("/api/v1/leads/{}", id(&l)), &json!({ "owner": owner })).await.expect(200);
        pages.push(l["tracking_url"].as_str().unwrap().to_owned());
        leads.push(id(&l));
    }
    // Ten minutes on, each gets an offer sent; twenty minutes later Jana's is accepted, Petr's declined.
    advance(app, 600).await;
    let a = offer(app, leads[0], "CZK", "1000").await;
    let b = offer(app, leads[1], "EUR", "100").await;
    for o in [a, b] {
        app.post(&format!("/api/v1/offers/{o}/send"), &json!({})).await.expect(200);
    }
    advance(app, 1200).await;
    decide(app, &pages[0], a, "accept").await;
    decide(app, &pages[1], b, "decline").await;
    (jana, petr)
}

async fn offer_reports_count_the_money_and_the_times(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let (jana, petr) = seed(&app).await;
    let r = app.get("/api/v1/reports/offers?group_by=owner&playbook=agency").await.expect(200);
    let (j, p) = (group(&r, &jana.to_string()), group(&r, &petr.to_string()));
    assert_eq!(
        (j["made"].as_i64(), j["sent"].as_i64(), j["accepted"].as_i64(), j["declined"].as_i64()),
        (Some(1), Some(1), Some(1), Some(0))
    );
    assert_eq!(
        (p["made"].as_i64(), p["sent"].as_i64(), p["accepted"].as_i64(), p["declined"].as_i64()),
        (Some(1), Some(1), Some(0), Some(1))
    );
    assert_eq!(j["value_won"], json!([{ "currency": "CZK", "amount": "1210.00" }]));
    assert_eq!(p["value_offered"], json!([{ "currency": "EUR", "amount": "121.00" }]));
    assert_eq!(p["value_won"], json!([]));
    assert_eq!(r["total"]["value_offered"], json!([{ "currency": "CZK", "amount": "1210.00" }, { "currency": "EUR", "amount": "121.00" }]));
    assert_eq!(
        (r["total"]["median_to_offer_seconds"].as_f64(), r["total"]["median_to_decision_seconds"].as_f64()),
        (Some(600.0), Some(1200.0))
    );
    assert_eq!(r["total"]["acceptance"].as_f64(), Some(0.5));
    // The playbook filter applies; a bad grouping is named.
    let other = app.get("/api/v1/reports/offers?playbook=distributor").await.expect(200);
    assert_eq!(other["total"]["made"], 0);
    app.get("/api/v1/reports/offers?group_by=colour").await.expect(422);
    // The CSV: a column per currency, the exact decimals.
    let csv = app.client.get(app.url("/api/v1/reports/offers?group_by=channel&format=csv")).bearer_auth(&app.token).send().await.unwrap();
    assert_eq!(csv.status().as_u16(), 200);
    let csv = csv.text().await.unwrap();
    assert!(csv.lines().next().unwrap().contains("value offered CZK") && csv.contains("1210.00"), "{csv}");
    // The funnel gains the money: every offered lead reached the first stage.
    let f = app.get("/api/v1/reports/funnel?playbook=agency").await.expect(200);
    assert_eq!(f["stages"][0]["value_offered"], r["total"]["value_offered"], "{f}");
    assert_eq!(f["stages"][0]["value_won"], json!([{ "currency": "CZK", "amount": "1210.00" }]));
    let csv = app.client.get(app.url("/api/v1/reports/funnel?playbook=agency&format=csv")).bearer_auth(&app.token).send().await.unwrap();
    let csv = csv.text().await.unwrap();
    let head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let won_at = head.iter().position(|c| c.trim_matches('"') == "value won in received").expect("the stage money's columns");
    let total = csv.lines().last().unwrap();
    assert!(total.contains("1210.00 CZK"), "the money on the total's row: {csv}");
    assert!(head.len() > won_at, "{csv}");

    // The page: the section with the figures, in the reader's language.
    let cookie = {
        let r = app
            .client
            .post(app.url("/login"))
            .header("origin", app.base().trim_end_matches('/'))
            .form(&[("login", "jana"), ("password", "a long enough password")])
            .send()
            .await
            .unwrap();
        let set = r.headers()["set-cookie"].to_str().unwrap().to_owned();
        set.strip_prefix("pronto_session=").unwrap().split(';').next().unwrap().to_owned()
    };
    let page = |lang: &'static str| {
        let (app, cookie) = (&app, cookie.clone());
        async move {
            let r = app
                .client
                .get(app.url("/reports?group_by=owner"))
                .header("accept-language", lang)
                .header("cookie", format!("pronto_session={cookie}"))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status().as_u16(), 200);
            r.text().await.unwrap()
        }
    };
    let html = page("en").await;
    assert!(html.contains("<section class=\"card report\" id=\"offers\">"), "{html}");
    assert!(
        html.contains("id=\"table-offers\"") && html.contains("id=\"table-offers-money\"") && html.contains("id=\"table-offers-time\"")
    );
    assert!(html.contains(">Won CZK</a>") && html.contains(">1,210.00<") && html.contains(">121.00<"), "{html}");
    assert!(html.contains(">10 min<") && html.contains(">20 min<"), "the times in words: {html}");
    assert!(html.contains("1,210.00\u{a0}CZK, 121.00\u{a0}EUR"), "the funnel's money: {html}");
    // Ranked by the figure: Jana (one accepted) before Petr.
    let offers_table = html.split("id=\"table-offers\"").nth(1).unwrap().split("</table>").next().unwrap();
    let (ji, pi) = (offers_table.find(">Jana<").unwrap(), offers_table.find(">Petr<").unwrap());
    assert!(ji < pi, "{offers_table}");
    let cs = page("cs").await;
    assert!(cs.contains("Nabídky") && cs.contains("1\u{a0}210,00"), "{cs}");
}

/// The section in Chromium: a desktop screenshot of it (`docs/screenshots/reports-offers.png`),
/// and on a phone (360 px, Czech) the page never scrolls sideways.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_offers_section_in_the_browser() {
    use crate::browser::Browser;
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    seed(&app).await;
    for (b, lang) in [(Browser::start("en").await, "en"), (Browser::phone("cs").await, "cs")] {
        b.goto(&app.url("/login")).await;
        b.fill("#login", "jana").await;
        b.fill("#password", "a long enough password").await;
        b.click("button[type=submit]").await;
        b.wait_for("nav[aria-label=main]", 10).await;
        b.goto(&app.url("/reports?group_by=owner#offers")).await;
        b.wait_for("#table-offers-money", 10).await;
        if lang == "en" {
            b.wait_text("Offers accepted", 5).await;
            b.js("document.getElementById('offers').scrollIntoView(); return true").await;
            b.screenshot("reports-offers").await;
        } else {
            let width = b.js("return document.documentElement.scrollWidth").await.as_i64().unwrap();
            assert!(width <= 360, "no sideways scrolling at 360 px: {width}");
        }
        b.close().await;
    }
}
