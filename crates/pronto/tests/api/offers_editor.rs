//! The staff's offer editor (issue 20, items 2, 3 and 6) over HTTP with the real binary: the
//! form posts; a bad line is refused with its message next to it and everything typed kept; a
//! good one creates version 1 (the card says what happens next), a new version prefilled from it
//! supersedes it, the card shows both side by side with what changed, and "Send to the customer"
//! sends the draft. Only who works the deal sees the buttons and may post; a post from another
//! site is refused. And in Chromium: a line filled from the catalogue's suggestion, saved, with
//! screenshots of the editor and the versions side by side (desktop and a 360 px phone).

use crate::agency::{TUESDAY_9, app_at, id, user};
use crate::browser::Browser;
use serde_json::{Value, json};
use testkit::both;
use testkit::{App, Engine};

both!(the_editor_refuses_a_bad_line_keeps_what_was_typed_and_saves_versions,);

const PASSWORD: &str = "a long enough password";
const VALID: &str = "2031-05-20";

struct Page {
    status: u16,
    location: String,
    html: String,
}

fn own(app: &App) -> String {
    app.base().trim_end_matches('/').to_owned()
}

async fn sign_in(app: &App, login: &str) -> String {
    let r = app
        .client
        .post(app.url("/login"))
        .header("origin", own(app))
        .form(&[("login", login), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let set = r.headers()["set-cookie"].to_str().unwrap();
    set.strip_prefix("pronto_session=").unwrap().split(';').next().unwrap().to_owned()
}

async fn get(app: &App, path: &str, cookie: &str) -> Page {
    let r = app
        .client
        .get(app.url(path))
        .header("accept-language", "en")
        .header("cookie", format!("pronto_session={cookie}"))
        .send()
        .await
        .unwrap();
    Page { status: r.status().as_u16(), location: String::new(), html: r.text().await.unwrap() }
}

async fn post(app: &App, path: &str, cookie: &str, origin: &str, form: &[(&str, &str)]) -> Page {
    let r = app
        .client
        .post(app.url(path))
        .header("accept-language", "en")
        .header("origin", origin)
        .header("cookie", format!("pronto_session={cookie}"))
        .form(form)
        .send()
        .await
        .unwrap();
    let location = r.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    Page { status: r.status().as_u16(), location, html: r.text().await.unwrap() }
}

async fn offers(app: &App, lid: i64) -> Vec<Value> {
    app.get(&format!("/api/v1/leads/{lid}/offers")).await.expect(200)["items"].as_array().cloned().unwrap_or_default()
}

async fn product(app: &App) {
    app.post(
        "/api/v1/products",
        &json!({ "sku": "KT-100", "name": { "cs": "Kotel Vaillant ecoTEC plus", "en": "Vaillant ecoTEC plus boiler" }, "unit": "ks",
                 "price": "32900", "currency": "CZK", "vat_rate": "21", "supplier": "Vaillant" }),
    )
    .await
    .expect(201);
}

async fn lead(app: &App, lang: &str) -> i64 {
    id(&app
        .create_lead(&json!({ "channel": "web", "language": lang,
            "contact": { "name": "Eva Malá", "email": "eva@example.com", "phone": "+420 777 123 456" }, "message": "Nový kotel" }))
        .await)
}

async fn the_editor_refuses_a_bad_line_keeps_what_was_typed_and_saves_versions(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    user(&app, "sara", "secretary", "+420 777 000 002").await;
    product(&app).await;
    let lid = lead(&app, "cs").await;
    let jana = sign_in(&app, "jana").await;
    let origin = own(&app);
    let new = format!("/leads/{lid}/offers/new");

    // The card offers the editor; the empty form has its rows without JS.
    let card = get(&app, &format!("/leads/{lid}"), &jana).await;
    assert!(card.html.contains(&format!("href=\"{new}\"")), "the card links to the editor");
    let form = get(&app, &new, &jana).await;
    assert_eq!(form.status, 200);
    for f in ["name=\"name_0\"", "name=\"sku_2\"", "name=\"availability_2\"", "name=\"valid_until\"", "name=\"we_provide\""] {
        assert!(form.html.contains(f), "{f} in the form");
    }

    // A bad line: refused next to its field, in the reader's words, everything typed kept.
    let bad = post(
        &app,
        &new,
        &jana,
        &origin,
        &[
            ("name_0", "Montáž kotle"),
            ("quantity_0", "0"),
            ("unit_price_0", "4 500,50"),
            ("vat_rate_0", "12"),
            ("sku_1", "NOPE-1"),
            ("quantity_1", "1"),
            ("name_2", ""),
            ("availability_0", "on_order"),
            ("available_on_0", ""),
            ("valid_until", VALID),
            ("cooperation", "Nejdřív prohlídka."),
        ],
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.html);
    assert!(bad.html.contains("id=\"err-quantity-0\""), "the quantity's message next to it");
    assert!(bad.html.contains("Give a quantity greater than 0"), "in the reader's words");
    assert!(bad.html.contains("id=\"err-sku-1\"") && bad.html.contains("No product with this article number"));
    assert!(bad.html.contains("id=\"err-available_on-0\""), "on order needs the supplier's date");
    for kept in ["value=\"Montáž kotle\"", "value=\"4 500,50\"", "value=\"NOPE-1\"", "Nejdřív prohlídka.", &format!("value=\"{VALID}\"")]
    {
        assert!(bad.html.contains(kept), "{kept} kept");
    }
    assert!(offers(&app, lid).await.is_empty(), "nothing saved");

    // A good one: version 1, the totals the server's; back on the card with what follows.
    let good = post(
        &app,
        &new,
        &jana,
        &origin,
        &[
            ("name_0", "Montáž kotle"),
            ("quantity_0", "1"),
            ("unit_0", "h"),
            ("unit_price_0", "4 500,50"),
            ("vat_rate_0", "12"),
            ("discount_0", "10"),
            ("sku_1", "KT-100"),
            ("quantity_1", "2"),
            ("availability_1", "on_order"),
            ("available_on_1", "2031-05-15"),
            ("name_2", ""),
            ("valid_until", VALID),
            ("we_provide", "Montáž a revize."),
        ],
    )
    .await;
    assert_eq!(good.status, 303, "{}", good.html);
    assert_eq!(good.location, format!("/leads/{lid}?offer=saved&v=1#offers"));
    let list = offers(&app, lid).await;
    assert_eq!(list.len(), 1);
    let v1 = &list[0];
    assert_eq!((v1["version"].as_i64(), v1["status"].as_str()), (Some(1), Some("draft")));
    // 4500.50 × 0.9 = 4050.45 at 12 %; 2 × 32900 = 65800 at 21 %.
    assert_eq!((v1["net"].as_str(), v1["gross"].as_str()), (Some("69850.45"), Some("84154.50")), "{v1}");
    assert_eq!(v1["items"][1]["name"], "Kotel Vaillant ecoTEC plus", "the catalogue's name in the lead's language");
    assert_eq!(v1["items"][1]["available_on"], "2031-05-15");
    let card = get(&app, &good.location, &jana).await;
    assert!(card.html.contains("Offer version 1 saved as a draft. Send it to the customer when it is ready."));
    assert!(card.html.contains("id=\"offer-send-1\""), "a draft can be sent");
    assert!(card.html.contains("id=\"offer-new-version\""));

    // A new version, prefilled from the first; a smaller one supersedes it.
    let v1_id = id(v1);
    let again = get(&app, &format!("{new}?from={v1_id}"), &jana).await;
    assert_eq!(again.status, 200);
    assert!(
        again.html.contains("value=\"Montáž kotle\"") && again.html.contains("value=\"KT-100\"") && again.html.contains("Montáž a revize."),
        "prefilled"
    );
    let v2 = post(
        &app,
        &new,
        &jana,
        &origin,
        &[
            ("from", &v1_id.to_string()),
            ("sku_0", "KT-100"),
            ("name_0", "Kotel Vaillant ecoTEC plus"),
            ("quantity_0", "1"),
            ("unit_price_0", "32900"),
            ("vat_rate_0", "21"),
            ("valid_until", "2031-05-27"),
        ],
    )
    .await;
    assert_eq!(v2.status, 303, "{}", v2.html);
    assert_eq!(v2.location, format!("/leads/{lid}?offer=saved&v=2#offers"));
    let list = offers(&app, lid).await;
    let status: Vec<(i64, &str)> = list.iter().map(|o| (o["version"].as_i64().unwrap(), o["status"].as_str().unwrap())).collect();
    assert_eq!(status, [(1, "superseded"), (2, "draft")]);
    // Side by side: what changed.
    let card = get(&app, &format!("/leads/{lid}"), &jana).await;
    assert!(card.html.contains("id=\"offer-compare\""));
    let summary = card.html.split("id=\"offer-compare-summary\">").nth(1).unwrap().split("</p>").next().unwrap();
    assert!(
        summary.contains("1 line removed")
            && summary.contains("1 line changed")
            && summary.contains("the totals")
            && summary.contains("the validity"),
        "{summary}"
    );
    assert!(card.html.contains("offer-cmp-removed") && card.html.contains("offer-cmp-changed"));
    assert!(!card.html.contains("id=\"offer-send-1\""), "a superseded version is not sent");

    // Sent: the customer gets the link; the card says how and what follows.
    let v2_id = id(&list[1]);
    let sent = post(&app, &format!("/leads/{lid}/offers/{v2_id}/send"), &jana, &origin, &[]).await;
    assert_eq!(sent.status, 303, "{}", sent.html);
    assert_eq!(sent.location, format!("/leads/{lid}?offer=sent&v=2&via=email#offers"));
    assert_eq!(app.get(&format!("/api/v1/offers/{v2_id}")).await.expect(200)["status"], "sent");
    let card = get(&app, &sent.location, &jana).await;
    assert!(card.html.contains("Offer version 2 sent to the customer by e-mail"));

    // The secretary does not work the deal: no buttons, no form, no post.
    let sara = sign_in(&app, "sara").await;
    let card = get(&app, &format!("/leads/{lid}"), &sara).await;
    assert_eq!(card.status, 200);
    assert!(!card.html.contains("offer-new-version") && !card.html.contains(&format!("href=\"{new}\"")), "no buttons");
    assert_eq!(get(&app, &new, &sara).await.status, 403);
    let refused = post(
        &app,
        &new,
        &sara,
        &origin,
        &[("name_0", "X"), ("quantity_0", "1"), ("unit_price_0", "1"), ("vat_rate_0", "21"), ("valid_until", VALID)],
    )
    .await;
    assert_eq!(refused.status, 403);
    // A post from another site: refused before anything is written.
    let cross = post(
        &app,
        &new,
        &jana,
        "https://evil.example",
        &[("name_0", "X"), ("quantity_0", "1"), ("unit_price_0", "1"), ("vat_rate_0", "21"), ("valid_until", VALID)],
    )
    .await;
    assert_eq!(cross.status, 403);
    assert_eq!(offers(&app, lid).await.len(), 2, "nothing written by the refused posts");
}

async fn browser_sign_in(b: &Browser, app: &App, login: &str) {
    b.goto(&app.url("/login")).await;
    b.fill("#login", login).await;
    b.fill("#password", PASSWORD).await;
    b.click("button[type=submit]").await;
    b.wait_for("nav[aria-label=main]", 10).await;
}

async fn fits(b: &Browser, what: &str) {
    let wide = b.js("return document.documentElement.scrollWidth <= window.innerWidth").await;
    assert!(wide == true, "{what} scrolls sideways");
}

/// In Chromium: a line from the catalogue's suggestion (typed without diacritics), a free-text
/// line, the live totals, saved; then a second version and the two side by side.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_line_is_filled_from_the_catalogue_suggestion_and_saved() {
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    product(&app).await;
    let lid = lead(&app, "cs").await;

    let b = Browser::start("cs").await;
    browser_sign_in(&b, &app, "jana").await;
    b.goto(&app.url(&format!("/leads/{lid}"))).await;
    b.click("#offer-new").await;
    b.wait_for("#offer-form", 10).await;
    b.fill("#o-name-0", "kotel vaillant").await;
    b.wait_for("#o-suggest-0 li", 10).await;
    b.js("document.querySelector('#o-suggest-0 li').dispatchEvent(new MouseEvent('mousedown', {bubbles: true}))").await;
    assert_eq!(b.js("return document.getElementById('o-sku-0').value").await, json!("KT-100"));
    assert_eq!(b.js("return document.getElementById('o-unit_price-0').value").await, json!("32900"));
    b.fill("#o-name-1", "Montáž").await;
    b.fill("#o-quantity-1", "3").await;
    b.fill("#o-unit_price-1", "850").await;
    b.fill("#o-vat_rate-1", "12").await;
    b.wait_for("#offer-totals:not([hidden])", 10).await;
    let totals = b.text("#offer-totals").await;
    assert!(totals.contains("665,00"), "live totals: {totals}");
    b.js("document.getElementById('offer-line-0').scrollIntoView()").await;
    b.screenshot("offers-editor").await;
    fits(&b, "the editor").await;
    b.click("#offer-add-line").await;
    b.wait_for("#offer-line-3", 10).await;
    b.click("#offer-save").await;
    b.wait_for("#offers-notice", 10).await;
    assert!(b.text("#offers-notice").await.contains("verze 1"), "what happens next is said");
    let o = app.get(&format!("/api/v1/leads/{lid}/offers")).await.expect(200)["items"][0].clone();
    assert_eq!((o["items"][0]["sku"].as_str(), o["gross"].as_str()), (Some("KT-100"), Some("42665.00")), "{o}");

    // A second version: one more boiler, the assembly gone; side by side.
    b.click("#offer-new-version").await;
    b.wait_for("#offer-form", 10).await;
    b.fill("#o-quantity-0", "2").await;
    b.js("document.querySelector('#offer-line-1 [data-remove]').click()").await;
    b.click("#offer-save").await;
    b.wait_for("#offer-compare", 10).await;
    b.js("document.getElementById('offer-compare').scrollIntoView()").await;
    b.screenshot("offers-versions").await;
    fits(&b, "the card with the versions").await;
    b.close().await;

    let p = Browser::phone("cs").await;
    browser_sign_in(&p, &app, "jana").await;
    p.goto(&app.url(&format!("/leads/{lid}/offers/new"))).await;
    p.wait_for("#offer-form", 10).await;
    fits(&p, "the editor on a phone").await;
    p.screenshot("offers-editor-phone").await;
    p.goto(&app.url(&format!("/leads/{lid}#offer-compare"))).await;
    p.wait_for("#offer-compare", 10).await;
    p.js("document.getElementById('offer-compare').scrollIntoView()").await;
    fits(&p, "the versions on a phone").await;
    p.screenshot("offers-versions-phone").await;
    p.close().await;

    let h = Browser::start("he").await;
    browser_sign_in(&h, &app, "jana").await;
    h.goto(&app.url(&format!("/leads/{lid}/offers/new?from={}", o["id"]))).await;
    h.wait_for("#offer-form", 10).await;
    fits(&h, "the editor in Hebrew").await;
    h.js("document.getElementById('offer-lines').scrollIntoView()").await;
    h.screenshot("offers-editor-he").await;
    h.close().await;
}
