//! Offers (issue 20) over HTTP with the real binary: made on a lead (totals exact, per VAT
//! rate; every mistake named; the deal is not the secretary's), versioned (the earlier one
//! superseded), sent (the customer's e-mail with the link to their page), shown on the
//! customer's page in their language with three choices, and decided there: `303` back, the
//! owner alerted; `409` with a page saying why for a superseded, expired or decided offer.
//! And in Chromium: the customer decides through the page's real form, on a phone.

use crate::agency::{TUESDAY_9, advance, app_at, complete, id, notes, tasks, timeline, token_of, user};
use crate::browser::Browser;
use serde_json::{Value, json};
use testkit::both;
use testkit::{App, Engine};

both!(
    offers_are_made_versioned_sent_and_decided,
    an_expired_or_superseded_offer_is_refused_with_409,
    a_line_given_by_sku_takes_the_catalogues_product,
    the_playbooks_tasks_prepare_and_send_the_offer,
);

/// Tuesday 2031-05-06 09:00 in Prague: valid for two weeks.
const VALID: &str = "2031-05-20";

async fn lead(app: &App, lang: &str) -> Value {
    app.create_lead(&json!({ "channel": "web", "language": lang,
        "contact": { "name": "Eva Malá", "email": "eva@example.com", "phone": "+420 777 123 456" }, "message": "Nový e-shop" }))
        .await
}

fn offer_body(valid_until: &str) -> Value {
    json!({
        "items": [
            { "name": "Website", "quantity": "1", "unit_price": "20000", "vat_rate": "21" },
            { "name": "Training", "quantity": "2", "unit_price": "2500.00", "vat_rate": "12", "discount": "10",
              "availability": "on_order", "available_on": "2031-05-15" }
        ],
        "valid_until": valid_until,
        "delivery_date": "2031-06-01",
        "cooperation": "A workshop, then the site in three weeks.",
        "customer_provides": "Texts and photos.",
        "we_provide": "Design, build, training.",
        "note": "Prices without hosting."
    })
}

struct Page {
    status: u16,
    location: Option<String>,
    body: String,
}

async fn post_form(app: &App, path: &str, form: &[(&str, &str)]) -> Page {
    let r = app.client.post(app.url(path)).form(form).send().await.unwrap();
    let status = r.status().as_u16();
    let location = r.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
    Page { status, location, body: r.text().await.unwrap() }
}

async fn get_page(app: &App, path: &str) -> String {
    let r = app.client.get(app.url(path)).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    r.text().await.unwrap()
}

async fn offers_are_made_versioned_sent_and_decided(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let sec = user(&app, "sara", "secretary", "+420 777 000 002").await;
    let sec_token = token_of(&app, sec).await;
    let l = lead(&app, "cs").await;
    let lid = id(&l);
    let page = l["tracking_url"].as_str().unwrap().to_owned();
    assert_eq!(l["owner"]["id"], jana);

    // Made: 201 with the contract's fields, the totals exact, per VAT rate.
    let o = app.post(&format!("/api/v1/leads/{lid}/offers"), &offer_body(VALID)).await.expect(201);
    for f in ["id", "lead_id", "version", "status", "items", "net", "vat", "gross", "currency", "valid_until"] {
        assert!(o.get(f).is_some(), "no {f} in {o}");
    }
    assert_eq!((o["lead_id"].as_i64(), o["version"].as_i64(), o["status"].as_str()), (Some(lid), Some(1), Some("draft")));
    assert_eq!(
        (o["net"].as_str(), o["vat"].as_str(), o["gross"].as_str(), o["currency"].as_str()),
        (Some("24500.00"), Some("4740.00"), Some("29240.00"), Some("CZK"))
    );
    assert_eq!(
        o["vat_summary"],
        json!([{ "rate": "12", "base": "4500.00", "vat": "540.00" }, { "rate": "21", "base": "20000.00", "vat": "4200.00" }])
    );
    assert_eq!(o["items"][1]["net"], "4500.00");
    assert_eq!((o["items"][1]["availability"].as_str(), o["items"][1]["available_on"].as_str()), (Some("on_order"), Some("2031-05-15")));
    assert_eq!(o["valid_until"], VALID);
    let v1 = id(&o);
    assert_eq!(app.get(&format!("/api/v1/offers/{v1}")).await.expect(200)["gross"], "29240.00");

    // Every mistake named at once; never a 5xx.
    let bad = app
        .post(
            &format!("/api/v1/leads/{lid}/offers"),
            &json!({ "items": [{ "name": "X", "quantity": "0", "unit_price": "1e3", "vat_rate": "120" }], "valid_until": "2031-05-01" }),
        )
        .await
        .expect(422);
    let fields: Vec<&str> = bad["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["valid_until", "items[0].quantity", "items[0].unit_price", "items[0].vat_rate"], "{bad}");
    let by_sku = app
        .post(&format!("/api/v1/leads/{lid}/offers"), &json!({ "items": [{ "sku": "NOPE-1", "quantity": "1" }], "valid_until": VALID }))
        .await
        .expect(422);
    assert_eq!(by_sku["errors"][0]["field"], "items[0].sku");
    app.post(&format!("/api/v1/leads/{lid}/offers"), &json!({ "valid_until": VALID })).await.expect(422);
    // Money travels as decimal strings, never as a (float) number.
    let num = app
        .post(
            &format!("/api/v1/leads/{lid}/offers"),
            &json!({ "items": [{ "name": "X", "quantity": "1", "unit_price": 0.1, "vat_rate": "21" }], "valid_until": VALID }),
        )
        .await;
    assert!([400, 422].contains(&num.status), "{}", num.text);
    app.post("/api/v1/leads/999999/offers", &offer_body(VALID)).await.expect(404);
    app.get("/api/v1/offers/999999").await.expect(404);
    // The deal is not the secretary's: neither making nor sending; reading is.
    app.post_as(&sec_token, &format!("/api/v1/leads/{lid}/offers"), &offer_body(VALID)).await.expect(403);
    app.post_as(&sec_token, &format!("/api/v1/offers/{v1}/send"), &json!({})).await.expect(403);
    app.get_as(&sec_token, &format!("/api/v1/offers/{v1}")).await.expect(200);

    // A draft is not on the customer's page.
    assert!(!get_page(&app, &page).await.contains("c-offer"), "a draft is never shown");

    // Sent: the customer's e-mail in Czech with the link to their page.
    let sent = app.post(&format!("/api/v1/offers/{v1}/send"), &json!({})).await.expect(200);
    assert_eq!(sent["status"], "sent");
    let ns = notes(&app, lid).await;
    let mail: Vec<&Value> = ns.iter().filter(|n| n["kind"] == "offer_sent").collect();
    assert_eq!(mail.len(), 1, "{ns:?}");
    assert_eq!((mail[0]["channel"].as_str(), mail[0]["recipient"]["address"].as_str()), (Some("email"), Some("eva@example.com")));
    let tl = timeline(&app, lid).await;
    assert!(tl.iter().any(|e| e["kind"] == "offer.sent" && e["offer_id"] == v1), "{tl:?}");

    // On the page, in Czech: lines, totals per rate, validity, the three choices.
    let html = get_page(&app, &page).await;
    for want in [
        "Naše nabídka (verze 1)",
        "Platí do 20. 5. 2031",
        "29\u{a0}240,00\u{a0}CZK",
        "DPH 12 % ze 4\u{a0}500,00\u{a0}CZK: 540,00\u{a0}CZK",
        "na objednávku, očekáváme 15. 5. 2031",
        "Přijmout nabídku",
        "Odmítnout",
        "Požádat o změny",
        "Začít jednou nebo dvěma službami",
        "Texts and photos.",
    ] {
        assert!(html.contains(want), "no {want:?} on the page");
    }
    assert!(html.contains(&format!("action=\"{page}/offers/{v1}\"")));

    // The customer asks for a smaller start (the suggested reason): 303 back, saying so.
    let r = post_form(
        &app,
        &format!("{page}/offers/{v1}"),
        &[("decision", "changes"), ("note", "Začít jednou nebo dvěma službami"), ("lang", "cs")],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location.as_deref(), Some(format!("{page}?lang=cs&sent=offer-changes").as_str()));
    assert!(get_page(&app, r.location.as_deref().unwrap()).await.contains("Vaši žádost o změny máme."));
    let o1 = app.get(&format!("/api/v1/offers/{v1}")).await.expect(200);
    assert_eq!(
        (o1["status"].as_str(), o1["decision_note"].as_str()),
        (Some("changes_requested"), Some("Začít jednou nebo dvěma službami"))
    );
    // The owner hears at once: SMS and in the app.
    let ns = notes(&app, lid).await;
    let to_jana = |ch: &str| ns.iter().any(|n| n["kind"] == "offer_changes" && n["recipient"]["user_id"] == jana && n["channel"] == ch);
    assert!(to_jana("sms") && to_jana("in_app"), "{ns:?}");

    // Version 2, smaller: v1 superseded; sent and accepted.
    let mut body = offer_body(VALID);
    body["items"] = json!([{ "name": "Website", "quantity": "1", "unit_price": "20000", "vat_rate": "21" }]);
    let o2 = app.post(&format!("/api/v1/leads/{lid}/offers"), &body).await.expect(201);
    assert_eq!((o2["version"].as_i64(), o2["gross"].as_str()), (Some(2), Some("24200.00")));
    let v2 = id(&o2);
    assert_eq!(app.get(&format!("/api/v1/offers/{v1}")).await.expect(200)["status"], "superseded");
    let list = app.get(&format!("/api/v1/leads/{lid}/offers")).await.expect(200);
    let versions: Vec<(i64, &str)> =
        list["items"].as_array().unwrap().iter().map(|o| (o["version"].as_i64().unwrap(), o["status"].as_str().unwrap())).collect();
    assert_eq!(versions, [(1, "superseded"), (2, "draft")]);
    app.post(&format!("/api/v1/offers/{v2}/send"), &json!({})).await.expect(200);
    let r = post_form(&app, &format!("{page}/offers/{v2}"), &[("decision", "accept"), ("lang", "en")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(app.get(&format!("/api/v1/offers/{v2}")).await.expect(200)["status"], "accepted");
    let html = get_page(&app, &format!("{page}?lang=en")).await;
    assert!(html.contains("You accepted this offer."), "the page says what was decided");
    // Sending a decided offer again is a conflict.
    app.post(&format!("/api/v1/offers/{v2}/send"), &json!({})).await.expect(409);
    // A bad decision is named; another page's offer is not found.
    let r = post_form(&app, &format!("{page}/offers/{v2}"), &[("decision", "maybe"), ("lang", "en")]).await;
    assert_eq!(r.status, 422);
    let other = lead(&app, "en").await;
    let other_page = other["tracking_url"].as_str().unwrap().to_owned();
    assert_eq!(post_form(&app, &format!("{other_page}/offers/{v2}"), &[("decision", "accept")]).await.status, 404);

    // The lead card lists the versions with their status and total, in the reader's words.
    let own = app.base().trim_end_matches('/').to_owned();
    let r = app
        .client
        .post(app.url("/login"))
        .header("origin", &own)
        .form(&[("login", "jana"), ("password", "a long enough password")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let cookie = r.headers().get("set-cookie").and_then(|v| v.to_str().ok()).and_then(|c| c.split(';').next()).unwrap().to_owned();
    let card =
        app.client.get(app.url(&format!("/leads/{lid}"))).header("cookie", cookie).header("accept-language", "en").send().await.unwrap();
    let card = card.text().await.unwrap();
    for want in
        ["Offers", "Version 2", "accepted", "24,200.00\u{a0}CZK", "Version 1", "replaced by a newer version", "valid until 20 May 2031"]
    {
        assert!(card.contains(want), "no {want:?} on the card");
    }
}

async fn an_expired_or_superseded_offer_is_refused_with_409(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = lead(&app, "en").await;
    let lid = id(&l);
    let page = l["tracking_url"].as_str().unwrap().to_owned();

    // Superseded: version 1 was sent, version 2 replaced it.
    let v1 = id(&app.post(&format!("/api/v1/leads/{lid}/offers"), &offer_body(VALID)).await.expect(201));
    app.post(&format!("/api/v1/offers/{v1}/send"), &json!({})).await.expect(200);
    let v2 = id(&app.post(&format!("/api/v1/leads/{lid}/offers"), &offer_body("2031-05-07")).await.expect(201));
    let r = post_form(&app, &format!("{page}/offers/{v1}"), &[("decision", "accept"), ("lang", "en")]).await;
    assert_eq!(r.status, 409);
    assert!(r.body.contains("A newer version of the offer replaced this one"), "{}", r.body);
    assert!(r.body.contains(&format!("href=\"{page}?lang=en\"")), "the way back");
    // A draft cannot be decided either.
    assert_eq!(post_form(&app, &format!("{page}/offers/{v2}"), &[("decision", "accept")]).await.status, 409);

    // Expired: valid through Wednesday; on Thursday it says so and refuses.
    app.post(&format!("/api/v1/offers/{v2}/send"), &json!({})).await.expect(200);
    advance(&app, 2 * 24 * 3600).await;
    assert_eq!(app.get(&format!("/api/v1/offers/{v2}")).await.expect(200)["status"], "expired");
    let html = get_page(&app, &format!("{page}?lang=en")).await;
    assert!(html.contains("This offer expired on 7 May 2031 and can no longer be accepted."), "the page says it");
    assert!(!html.contains(&format!("action=\"{page}/offers/{v2}\"")), "no choices on an expired offer");
    let r = post_form(&app, &format!("{page}/offers/{v2}"), &[("decision", "accept"), ("lang", "en")]).await;
    assert_eq!(r.status, 409);
    assert!(r.body.contains("The offer has expired."), "{}", r.body);
    assert_eq!(app.post(&format!("/api/v1/offers/{v2}/send"), &json!({})).await.status, 409);
    // Nothing was decided.
    let tl = timeline(&app, lid).await;
    assert!(!tl.iter().any(|e| e["kind"] == "offer.decided"), "{tl:?}");
}

/// The customer decides through the page's real form in Chromium, on a phone, in Hebrew
/// (right to left) and in English.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_customer_decides_on_their_page_in_chromium() {
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = lead(&app, "he").await;
    let lid = id(&l);
    let page = l["tracking_url"].as_str().unwrap().to_owned();
    let v1 = id(&app.post(&format!("/api/v1/leads/{lid}/offers"), &offer_body(VALID)).await.expect(201));
    app.post(&format!("/api/v1/offers/{v1}/send"), &json!({})).await.expect(200);

    let p = Browser::phone("he").await;
    p.goto(&app.url(&page)).await;
    p.wait_for(&format!("#offer-{v1}"), 10).await;
    assert_eq!(p.js("return getComputedStyle(document.body).direction").await, "rtl");
    let width = p.js("return document.documentElement.scrollWidth").await.as_i64().unwrap();
    assert!(width <= 360, "no sideways scrolling: {width}");
    let h = p.js("return document.querySelector('.c-offer-decide button').getBoundingClientRect().height").await.as_f64().unwrap();
    assert!(h >= 44.0, "a thumb-sized button: {h}");
    p.js(&format!("document.getElementById('offer-{v1}').scrollIntoView()")).await;
    p.screenshot("customer-offer-he").await;

    // Declined first with a reason, through the form: the page says so and shows no choices.
    p.goto(&app.url(&format!("{page}?lang=en"))).await;
    p.fill(&format!("#offer-{v1}-note"), "Too expensive for us now").await;
    p.click(".c-offer-decide button[value=decline]").await;
    p.wait_text("We have recorded that you declined the offer.", 10).await;
    p.wait_text("You declined this offer.", 5).await;
    assert_eq!(p.js("return document.querySelectorAll('.c-offer-decide').length").await, 0);

    // Version 2: the customer asks for a smaller start with the one-click reason.
    let v2 = id(&app.post(&format!("/api/v1/leads/{lid}/offers"), &offer_body(VALID)).await.expect(201));
    app.post(&format!("/api/v1/offers/{v2}/send"), &json!({})).await.expect(200);
    p.goto(&app.url(&format!("{page}?lang=en"))).await;
    p.wait_for(&format!("#offer-{v2}"), 10).await;
    p.click(".c-offer-quick button").await;
    p.wait_text("We have your request for changes.", 10).await;

    // Version 3: accepted.
    let v3 = id(&app.post(&format!("/api/v1/leads/{lid}/offers"), &offer_body(VALID)).await.expect(201));
    app.post(&format!("/api/v1/offers/{v3}/send"), &json!({})).await.expect(200);
    p.goto(&app.url(&format!("{page}?lang=en"))).await;
    p.wait_for(&format!("#offer-{v3}"), 10).await;
    p.click(".c-offer-decide button[value=accept]").await;
    p.wait_text("Thank you: you accepted the offer.", 10).await;
    p.js(&format!("document.getElementById('offer-{v3}').scrollIntoView()")).await;
    p.screenshot("customer-offer-accepted").await;
    p.close().await;

    let statuses: Vec<String> = app.get(&format!("/api/v1/leads/{lid}/offers")).await.expect(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| format!("{}:{}:{}", o["version"], o["status"].as_str().unwrap(), o["decision_note"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(statuses, ["1:declined:Too expensive for us now", "2:superseded:Start with one or two services", "3:accepted:"]);
    let ns = notes(&app, lid).await;
    for kind in ["offer_decline", "offer_changes", "offer_accept"] {
        assert!(ns.iter().any(|n| n["kind"] == kind && n["recipient"]["user_id"] == jana && n["channel"] == "sms"), "{kind}: {ns:?}");
    }
}

/// A line given by its article number takes the catalogue's product — its name in the lead's
/// language, unit, price and VAT rate — unless the request sets them; an unknown or withdrawn
/// article number is a 422 naming the line.
async fn a_line_given_by_sku_takes_the_catalogues_product(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let product = json!({ "sku": "WEB-01", "name": { "cs": "Webové stránky", "en": "Website" }, "unit": "ks",
        "price": "20000", "currency": "CZK", "vat_rate": "21", "supplier": "Studio" });
    let p = app.post("/api/v1/products", &product).await.expect(201);
    let lid = id(&lead(&app, "cs").await);
    let body = |items: Value| json!({ "items": items, "valid_until": VALID });
    let o = app.post(&format!("/api/v1/leads/{lid}/offers"), &body(json!([{ "sku": "WEB-01", "quantity": "2" }]))).await.expect(201);
    let line = &o["items"][0];
    assert_eq!(
        (line["name"].as_str(), line["unit"].as_str(), line["unit_price"].as_str(), line["vat_rate"].as_str()),
        (Some("Webové stránky"), Some("ks"), Some("20000"), Some("21")),
        "{o}"
    );
    assert_eq!(o["net"].as_str(), Some("40000.00"), "{o}");
    // What the request sets wins over the catalogue.
    let o = app
        .post(&format!("/api/v1/leads/{lid}/offers"), &body(json!([{ "sku": "WEB-01", "quantity": "1", "unit_price": "15000" }])))
        .await
        .expect(201);
    assert_eq!((o["items"][0]["unit_price"].as_str(), o["net"].as_str()), (Some("15000"), Some("15000.00")), "{o}");
    // Unknown, then withdrawn from the catalogue: refused, naming the line.
    let r = app.post(&format!("/api/v1/leads/{lid}/offers"), &body(json!([{ "sku": "NOPE-9", "quantity": "1" }]))).await.expect(422);
    assert!(r.to_string().contains("items"), "{r}");
    let mut withdrawn = product.clone();
    withdrawn["active"] = json!(false);
    app.send(app.req(reqwest::Method::PUT, &format!("/api/v1/products/{}", p["id"])).json(&withdrawn)).await.expect(200);
    app.post(&format!("/api/v1/leads/{lid}/offers"), &body(json!([{ "sku": "WEB-01", "quantity": "1" }]))).await.expect(422);
}

/// Item 5: the agency's "prepare the offer" task opens the editor and is done by saving a
/// version there; "present the offer" sends the draft from the task and is done by that; the
/// customer's request for changes gives the specialist the smaller version's task, and the
/// acceptance the coordinator's start. The owner hears of each decision in her own language.
async fn the_playbooks_tasks_prepare_and_send_the_offer(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = app
        .post(
            "/api/v1/users",
            &json!({ "name": "Jana Veselá", "login": "jana", "role": "consultant", "phone": "+420 777 000 001",
                     "password": "a long enough password" }),
        )
        .await
        .expect(201)["id"]
        .as_i64()
        .unwrap();
    app.patch(&format!("/api/v1/users/{jana}"), &json!({ "language": "cs" })).await.expect(200);
    user(&app, "olga", "coordinator", "+420 777 000 002").await;
    user(&app, "sima", "specialist", "+420 777 000 005").await;
    let l = lead(&app, "en").await;
    let lid = id(&l);
    let page = l["tracking_url"].as_str().unwrap().to_owned();
    let open_names = |v: &[Value]| v.iter().map(|t| t["task"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
    let first = tasks(&app, lid, "open").await.into_iter().find(|t| t["task"] == "first_call").unwrap();
    complete(&app, id(&first), "reached").await;
    app.patch(&format!("/api/v1/leads/{lid}"), &json!({ "stage": "qualified" })).await.expect(200);
    for _ in 0..2 {
        let t = tasks(&app, lid, "open").await.remove(0);
        complete(&app, id(&t), "done").await;
    }
    assert_eq!(open_names(&tasks(&app, lid, "open").await), ["prepare_offer"]);

    // The specialists' task (their queue's) opens the editor from the lead card; saving is what
    // completes it.
    let sima = crate::playbook_editor::session(&app, "sima", "a long enough password").await;
    let html = page_as(&app, &sima, &format!("/leads/{lid}")).await;
    assert!(html.contains(&format!("href=\"/leads/{lid}/offers/new\"")) && html.contains("Open the offer editor"), "{html}");
    let editor = page_as(&app, &sima, &format!("/leads/{lid}/offers/new")).await;
    assert!(editor.contains("Saving this version completes your task"), "the editor says what saving does");
    let saved = app
        .client
        .post(app.url(&format!("/leads/{lid}/offers/new")))
        .header("cookie", &sima)
        .header("origin", app.base())
        .header("accept-language", "en")
        .form(&[("valid_until", VALID), ("currency", "CZK"), ("name_0", "Website"), ("quantity_0", "1"), ("unit_price_0", "20000"), ("vat_rate_0", "21")])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status().as_u16(), 303);
    let to = saved.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.contains("offer=saved") && to.contains("task=done"), "{to}");
    assert!(page_as(&app, &sima, &to).await.contains("your task to prepare it is done"));
    let done = tasks(&app, lid, "done").await;
    let prepared = done.iter().find(|t| t["task"] == "prepare_offer").expect("prepare_offer done");
    assert_eq!(prepared["outcome"], "done");
    let open = tasks(&app, lid, "open").await;
    assert_eq!(open_names(&open), ["present_offer"]);
    assert_eq!(open[0]["assignee"]["id"].as_i64(), Some(jana));
    let v1 = id(&app.get(&format!("/api/v1/leads/{lid}/offers")).await.expect(200)["items"][0]);

    // The consultant's task sends the draft: the button on her tasks and on the card.
    let jana_s = crate::playbook_editor::session(&app, "jana", "a long enough password").await;
    let send_action = format!("action=\"/leads/{lid}/offers/{v1}/send\"");
    let mine = page_as(&app, &jana_s, "/tasks").await;
    assert!(mine.contains(&send_action) && !mine.contains("value=\"sent\""), "{mine}");
    assert!(mine.contains("value=\"accepted\""), "a decision heard at the meeting stays a button");
    assert!(page_as(&app, &jana_s, &format!("/leads/{lid}")).await.contains(&send_action));
    let r = app
        .client
        .post(app.url(&format!("/leads/{lid}/offers/{v1}/send")))
        .header("cookie", &jana_s)
        .header("origin", app.base())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(app.get(&format!("/api/v1/offers/{v1}")).await.expect(200)["status"], "sent");
    let done = tasks(&app, lid, "done").await;
    assert_eq!(done.iter().find(|t| t["task"] == "present_offer").map(|t| t["outcome"].clone()), Some(json!("sent")));
    assert!(tasks(&app, lid, "open").await.is_empty(), "the customer decides next");

    // Changes asked for: the specialist's smaller version, done by saving it; sent again.
    let r = post_form(&app, &format!("{page}/offers/{v1}"), &[("decision", "changes"), ("note", "Start with one service")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(open_names(&tasks(&app, lid, "open").await), ["prepare_smaller_offer"]);
    let ns = notes(&app, lid).await;
    let sms = ns.iter().find(|n| n["kind"] == "offer_changes" && n["recipient"]["user_id"] == jana && n["channel"] == "sms").expect("an SMS");
    let text = sms["text"].as_str().unwrap();
    assert!(text.starts_with("Eva Malá žádá změny nabídky 1") && text.contains("Lead 1: “Start with one service”"), "in Czech: {text}");
    let card = page_as(&app, &sima, &format!("/leads/{lid}")).await;
    assert!(card.contains(&format!("href=\"/leads/{lid}/offers/new?from={v1}\"")), "the smaller version starts from the last");
    let mut body = offer_body(VALID);
    body["items"] = json!([{ "name": "Website", "quantity": "1", "unit_price": "20000", "vat_rate": "21" }]);
    let v2 = id(&app.post(&format!("/api/v1/leads/{lid}/offers"), &body).await.expect(201));
    assert_eq!(open_names(&tasks(&app, lid, "open").await), ["present_offer"]);
    app.post(&format!("/api/v1/offers/{v2}/send"), &json!({})).await.expect(200);
    assert!(tasks(&app, lid, "open").await.is_empty());

    // Accepted: won, and the coordinator starts the cooperation; the owner told in Czech.
    let r = post_form(&app, &format!("{page}/offers/{v2}"), &[("decision", "accept")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let lead = app.get(&format!("/api/v1/leads/{lid}")).await.expect(200);
    assert_eq!((lead["stage"].as_str(), lead["status"].as_str()), (Some("won"), Some("won")));
    let mut next = open_names(&tasks(&app, lid, "open").await);
    next.sort();
    assert_eq!(next, ["ask_requisites", "start_cooperation"], "the coordinator's start, and the customer's details asked for");
    let ns = notes(&app, lid).await;
    let sms = ns.iter().find(|n| n["kind"] == "offer_accept" && n["channel"] == "sms").expect("an SMS");
    assert!(sms["text"].as_str().unwrap().starts_with("Eva Malá přijal(a) nabídku 2"), "{sms}");
}

async fn page_as(app: &App, cookie: &str, path: &str) -> String {
    let r = app.client.get(app.url(path)).header("cookie", cookie).header("accept-language", "en").send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200, "{path}");
    r.text().await.unwrap()
}
