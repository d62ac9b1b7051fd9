//! The customer's page follows the deal (issue 21, item 8) with the real binary and the manual
//! clock, on both engines, with the built-in agency (Prague; `[deal]`: details `1bd`, invoice
//! `1bd`, delivery date `2bd`; no standard for the payment or the delivery): no panel before
//! there is a deal; then each milestone done with its local time, the next one with its
//! standard time and the date it is expected by (the payment by the invoice's due day, the
//! delivery on its planned day), partly then fully paid, the invoice to download (and the
//! contract for a legal entity), the delivery's day and address, delivered; in the customer's
//! languages.

use crate::agency::{TUESDAY_9, advance, app_at, id, user};
use crate::invoices::company;
use serde_json::{Value, json};
use testkit::both;
use testkit::{App, Engine};

both!(the_customers_page_follows_the_deal, a_legal_entity_downloads_the_invoice_and_the_contract,);

async fn page(app: &App, path: &str, lang: &str) -> String {
    let r = app.client.get(app.url(&format!("{path}?lang={lang}"))).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    r.text().await.unwrap()
}

/// The milestone `key`'s state (`done`, `current`, `ahead`) and its HTML.
fn milestone(html: &str, key: &str) -> (String, String) {
    let start = html.find(&format!("<li class=\"c-deal-{key} ")).unwrap_or_else(|| panic!("no milestone {key} in {html}"));
    let rest = &html[start..];
    let li = &rest[..rest.find("</li>").expect("the milestone ends")];
    let class_end = li.find('"').map(|i| i + 1).unwrap();
    let state = li[class_end..].split('"').next().unwrap().rsplit(' ').next().unwrap().to_owned();
    (state, li.to_owned())
}

fn has(html: &str, key: &str, state: &str, wants: &[&str], not: &[&str]) {
    let (got, li) = milestone(html, key);
    assert_eq!(got, state, "{key}: {li}");
    for w in wants {
        assert!(li.contains(w), "{key}: `{w}` in {li}");
    }
    for n in not {
        assert!(!li.contains(n), "{key}: no `{n}` in {li}");
    }
}

/// A lead in Czech whose offer of 29 800.00 CZK was sent: (lead, offer, the page's address).
pub(crate) async fn sent_offer(app: &App) -> (i64, i64, String) {
    let l = app
        .create_lead(&json!({ "channel": "web", "language": "cs",
            "contact": { "name": "Eva Malá", "email": "eva@example.com", "phone": "+420 777 123 456" } }))
        .await;
    let lid = id(&l);
    let page = l["tracking_url"].as_str().unwrap().to_owned();
    let body = json!({ "items": [
        { "name": "Website", "quantity": "1", "unit_price": "20000", "vat_rate": "21" },
        { "name": "Training", "quantity": "2", "unit_price": "2500.00", "vat_rate": "12" }
    ], "valid_until": "2031-05-20" });
    let o = id(&app.post(&format!("/api/v1/leads/{lid}/offers"), &body).await.expect(201));
    app.post(&format!("/api/v1/offers/{o}/send"), &json!({})).await.expect(200);
    (lid, o, page)
}

pub(crate) async fn accept(app: &App, page: &str, offer: i64) {
    let r = app.client.post(app.url(&format!("{page}/offers/{offer}"))).form(&[("decision", "accept")]).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 303);
}

pub(crate) fn private() -> Value {
    json!({ "customer_type": "b2c", "full_name": "Eva Malá", "phone": "777 123 456", "email": "eva.billing@example.com",
            "address": "Krátká 2, 602 00 Brno", "id_document": "Passport 45123987, valid until 2035-05-01" })
}

async fn the_customers_page_follows_the_deal(engine: Engine) {
    // Tuesday 6 May 2031, 09:00 in Prague.
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    company(&app).await;
    let (lid, offer, path) = sent_offer(&app).await;

    // No deal yet: no panel.
    let html = page(&app, &path, "en").await;
    assert!(!html.contains("c-deal") && !html.contains("Your order"), "no panel before a deal");

    // Accepted at 09:00: the details are next, expected within a working day.
    accept(&app, &path, offer).await;
    let html = page(&app, &path, "en").await;
    assert!(html.contains("Your order"), "the panel once accepted");
    has(
        &html,
        "requisites",
        "current",
        &["Your details received", "(next)", "Usually within 1 working day after the offer is accepted", "Expected by Wed 7 May 17:00"],
        &["Done:"],
    );
    has(&html, "invoice", "ahead", &["(later)", "Usually within 1 working day after we have your details"], &["Expected", "/pdf"]);
    has(&html, "payment", "ahead", &["Payment"], &["Usually", "Expected", "Please pay"]);
    has(&html, "delivery", "ahead", &["Usually within 2 working days after your payment"], &["Expected"]);
    has(&html, "delivered", "ahead", &["Delivered"], &["Usually", "Planned"]);
    assert!(!html.contains("UTC") && !html.contains("2031-05-07T"), "no UTC times");

    // The details at 11:00: done; the invoice next, by Wednesday's close.
    advance(&app, 2 * 3600).await;
    app.send(app.req(reqwest::Method::PUT, &format!("/api/v1/leads/{lid}/requisites")).json(&private())).await.expect(200);
    let html = page(&app, &path, "en").await;
    has(&html, "requisites", "done", &["Done: Tue 6 May 11:00"], &["Usually", "Expected"]);
    has(&html, "invoice", "current", &["Usually within 1 working day after we have your details", "Expected by Wed 7 May 17:00"], &[]);

    // The invoice on Wednesday at 10:00 (terms: 10 days): the payment next, by its due day.
    advance(&app, 23 * 3600).await;
    let inv = app.post(&format!("/api/v1/leads/{lid}/invoices"), &json!({ "offer_id": offer })).await.expect(201);
    let (iid, number) = (id(&inv), inv["number"].as_str().unwrap().to_owned());
    let html = page(&app, &path, "en").await;
    has(
        &html,
        "invoice",
        "done",
        &["Done: Wed 7 May 10:00", &format!("Invoice {number}"), &format!("{path}/invoices/{iid}/pdf"), "Download the invoice (PDF)"],
        &["contract.pdf", "Usually"],
    );
    has(&html, "payment", "current", &["Amount 29,800.00\u{a0}CZK", "Please pay by 17 May 2031"], &["Usually", "Done:"]);
    // The link downloads the invoice.
    let r = app.client.get(app.url(&format!("{path}/invoices/{iid}/pdf"))).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);

    // A part: still the next one, with what is left.
    let pay = format!("/api/v1/invoices/{iid}/payments");
    app.post(&pay, &json!({ "amount": "9800.00" })).await.expect(201);
    let html = page(&app, &path, "en").await;
    has(&html, "payment", "current", &["Paid 9,800.00\u{a0}CZK, 20,000.00\u{a0}CZK left to pay", "Please pay by 17 May 2031"], &["Done:"]);
    has(&html, "delivery", "ahead", &[], &["Expected"]);

    // The rest on Thursday at 14:00: paid; the delivery date next, within 2 working days.
    advance(&app, 28 * 3600).await;
    app.post(&pay, &json!({ "amount": "20000.00" })).await.expect(201);
    let html = page(&app, &path, "en").await;
    has(&html, "payment", "done", &["Done: Thu 8 May 14:00", "Paid in full"], &["Please pay", "left to pay"]);
    has(&html, "delivery", "current", &["Usually within 2 working days after your payment", "Expected by Mon 12 May 17:00"], &["Done:"]);

    // The delivery planned on Friday at 09:00 for Tuesday: the day and their address; delivered
    // expected that day.
    advance(&app, 19 * 3600).await;
    let d = app
        .post(&format!("/api/v1/leads/{lid}/deliveries"), &json!({ "date": "2031-05-13", "address": "Krátká 2, 602 00 Brno" }))
        .await
        .expect(201);
    let html = page(&app, &path, "en").await;
    has(&html, "delivery", "done", &["Done: Fri 9 May 09:00", "On Tue 13 May to Krátká 2, 602 00 Brno"], &["Usually"]);
    has(&html, "delivered", "current", &["Planned for Tue 13 May"], &["Usually", "Done:"]);
    // In the customer's other languages: Czech (theirs) and Hebrew, right to left.
    let cs = page(&app, &path, "cs").await;
    assert!(cs.contains("Vaše objednávka"), "Czech");
    has(&cs, "delivered", "current", &["Plánováno na út 13. kvě"], &[]);
    has(&cs, "delivery", "done", &["Hotovo: pá 9. kvě 09:00", "na adresu Krátká 2, 602 00 Brno"], &[]);
    let he = page(&app, &path, "he").await;
    assert!(he.contains("dir=\"rtl\"") && he.contains("ההזמנה שלך"), "Hebrew, right to left");
    for (lang, want) in [("ru", "Запланировано на вт, 13 мая"), ("pl", "Zaplanowane na wt. 13 maj")] {
        has(&page(&app, &path, lang).await, "delivered", "current", &[want], &[]);
    }

    // Delivered on Tuesday at 15:30: every milestone done, nothing expected.
    advance(&app, (4 * 24 + 6) * 3600 + 1800).await;
    app.post(&format!("/api/v1/deliveries/{}/delivered", id(&d)), &json!({})).await.expect(200);
    let html = page(&app, &path, "en").await;
    has(&html, "delivered", "done", &["Done: Tue 13 May 15:30"], &["Planned", "Usually"]);
    for key in ["requisites", "invoice", "payment", "delivery"] {
        has(&html, key, "done", &["Done:"], &["Expected", "Usually"]);
    }
    let panel = &html[html.find("<section class=\"c-deal\"").unwrap()..];
    let panel = &panel[..panel.find("</section>").unwrap()];
    assert!(!panel.contains("aria-current") && !panel.contains(" current\""), "nothing left to expect: {panel}");
}

async fn a_legal_entity_downloads_the_invoice_and_the_contract(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    company(&app).await;
    let (lid, offer, path) = sent_offer(&app).await;
    // Details entered by the team before the customer decided: the deal has begun.
    let legal = json!({ "customer_type": "b2b", "company": "Stavby Malá s.r.o.", "company_id": "270 82 440", "vat_id": "CZ27082440",
            "address": "Dlouhá 5, 110 00 Praha 1", "contact_person": "Eva Malá" });
    app.send(app.req(reqwest::Method::PUT, &format!("/api/v1/leads/{lid}/requisites")).json(&legal)).await.expect(200);
    let html = page(&app, &path, "en").await;
    has(&html, "requisites", "done", &["Done: Tue 6 May 09:00"], &[]);
    has(&html, "invoice", "current", &["Expected by Wed 7 May 17:00"], &[]);

    accept(&app, &path, offer).await;
    let inv = app.post(&format!("/api/v1/leads/{lid}/invoices"), &json!({ "offer_id": offer })).await.expect(201);
    let iid = id(&inv);
    let html = page(&app, &path, "en").await;
    has(
        &html,
        "invoice",
        "done",
        &[&format!("{path}/invoices/{iid}/pdf"), &format!("{path}/invoices/{iid}/contract.pdf"), "Download the contract (PDF)"],
        &[],
    );
    let r = app.client.get(app.url(&format!("{path}/invoices/{iid}/contract.pdf"))).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    // In Russian, a payment due on its day.
    let ru = page(&app, &path, "ru").await;
    has(&ru, "payment", "current", &["Пожалуйста, оплатите до 16.05.2031"], &[]);
}
