//! The deal's staff pages (issue 21) in real Chromium, as a manager sees them after a realistic
//! day: `/payments` with a statement's line nobody's in the review list, the driver's page
//! `/deliveries` for tomorrow, management's `/complaints` with a complaint from a negative
//! quality call, and the lead card's deal sections (requisites of a legal entity, the
//! supplier's purchases, the invoice partly paid, the delivery planned). Each page on a desktop
//! (1280 wide), on a 360 px phone and in Hebrew (desktop and phone): it shows its content, fits
//! the phone without sideways scrolling and shows no raw codes; saved under `docs/screenshots/`
//! as the README shows them.

use crate::agency::{TUESDAY_9, advance, app_at, id, tasks, user};
use crate::browser::Browser;
use crate::invoices::company;
use reqwest::Method;
use serde_json::json;
use testkit::{App, Engine};

const PASSWORD: &str = "a long enough password";

/// What a page must never show: the store's and the API's codes.
const RAW: [&str; 12] = [
    "partially_paid",
    "invoice_received",
    "pack_ready",
    "unknown_reference",
    "not_a_credit",
    "b2b",
    "b2c",
    "inv-",
    "pay-",
    "dlv-",
    "cmp-",
    "pur-",
];

async fn sign_in(b: &Browser, app: &App, login: &str) {
    b.goto(&app.url("/login")).await;
    b.fill("#login", login).await;
    b.fill("#password", PASSWORD).await;
    b.click("button[type=submit]").await;
    b.wait_for("nav[aria-label=main]", 10).await;
}

/// A negative quality call a week after a distributor's delivery: a complaint in management's
/// table.
async fn complaint(app: &App) {
    let body = json!({ "channel": "phone", "playbook": "distributor", "subject": "Kuchyňská linka Lina",
        "contact": { "name": "Olga Petrová", "phone": "+420 603 111 222", "email": "olga@example.cz" } });
    let l = id(&app.create_lead(&body).await);
    app.patch(&format!("/api/v1/leads/{l}"), &json!({ "stage": "paid" })).await.expect(200);
    let d = id(&app
        .post(&format!("/api/v1/leads/{l}/deliveries"), &json!({ "date": "2031-05-06", "address": "Vinohradská 12, 120 00 Praha 2" }))
        .await
        .expect(201));
    app.post(&format!("/api/v1/deliveries/{d}/delivered"), &json!({ "at": TUESDAY_9 })).await.expect(200);
    advance(app, 7 * 86_400).await;
    let open = tasks(app, l, "open").await;
    let call = open.iter().find(|t| t["task"] == "quality_call").unwrap_or_else(|| panic!("{open:?}"));
    let note = "Dvířka horní skříňky jsou poškrábaná; zákaznice chce výměnu do konce měsíce.";
    app.post(&format!("/api/v1/tasks/{}/complete", id(call)), &json!({ "outcome": "negative", "note": note })).await.expect(200);
}

fn supplier_invoice(file: &[u8], number: &str, amount: &str) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(file.to_vec()).file_name("faktura.pdf").mime_str("application/pdf").unwrap())
        .text("number", number.to_owned())
        .text("amount", amount.to_owned())
        .text("currency", "CZK")
}

/// The deal: an accepted offer, a legal entity's requisites, two suppliers' purchases (one
/// invoice attached, one overridden from stock), the customer's invoice paid in part from a bank
/// statement whose other line is nobody's, a delivery tomorrow. Returns the lead.
async fn deal(app: &App, manager: &str) -> i64 {
    for (sku, name, price, supplier, ssku) in [
        ("LINA-240", "Kuchyňská linka Lina 240 cm", "48500", "Dřevotvar s.r.o.", "DT-L240"),
        ("DESKA-OAK", "Pracovní deska dub 240 cm", "6900", "Dřevotvar s.r.o.", "DT-PD-OAK"),
        ("DREZ-60", "Dřez granitový 60 cm", "4200", "Franke CZ", "FR-GR60"),
    ] {
        let p = json!({ "sku": sku, "name": name, "unit": "pcs", "price": price, "currency": "CZK", "vat_rate": "21",
            "supplier": supplier, "supplier_sku": ssku });
        app.post("/api/v1/products", &p).await.expect(201);
    }
    let l = app
        .create_lead(&json!({ "channel": "web", "language": "cs", "subject": "Nová kuchyň do kanceláře",
            "contact": { "name": "Eva Malá", "email": "eva@example.com", "phone": "+420 777 123 456" } }))
        .await;
    let lid = id(&l);
    let page = l["tracking_url"].as_str().unwrap().to_owned();
    let body = json!({ "items": [{ "sku": "LINA-240", "quantity": "1" }, { "sku": "DESKA-OAK", "quantity": "1" }, { "sku": "DREZ-60", "quantity": "1" }],
        "valid_until": "2031-06-30" });
    let offer = id(&app.post(&format!("/api/v1/leads/{lid}/offers"), &body).await.expect(201));
    app.post(&format!("/api/v1/offers/{offer}/send"), &json!({})).await.expect(200);
    let r = app.client.post(app.url(&format!("{page}/offers/{offer}"))).form(&[("decision", "accept")]).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 303);

    // The requisites of a legal entity.
    let legal = json!({ "customer_type": "b2b", "company": "Stavby Malá s.r.o.", "company_id": "270 82 440", "vat_id": "CZ27082440",
        "address": "Dlouhá 5, 110 00 Praha 1", "contact_person": "Eva Malá" });
    app.send(app.req(Method::PUT, &format!("/api/v1/leads/{lid}/requisites")).json(&legal)).await.expect(200);

    // The suppliers' purchases: Dřevotvar's invoice attached, Franke's sink from our own stock.
    let got = app.post(&format!("/api/v1/leads/{lid}/purchases"), &json!({ "offer_id": offer })).await.expect(201);
    let items = got["items"].as_array().unwrap().clone();
    let of = |s: &str| id(items.iter().find(|p| p["supplier"] == s).unwrap_or_else(|| panic!("{s} in {got}")));
    let (wood, sink) = (of("Dřevotvar s.r.o."), of("Franke CZ"));
    let pdf = b"%PDF-1.7\nDrevotvar FV-2031-118\n%%EOF\n";
    app.send(app.req(Method::POST, &format!("/api/v1/purchases/{wood}/supplier-invoice")).multipart(supplier_invoice(pdf, "FV-2031-118", "44120")))
        .await
        .expect(200);
    app.post_as(manager, &format!("/api/v1/purchases/{sink}/override"), &json!({ "reason": "Dřez máme skladem." })).await.expect(200);

    // The customer's invoice, then the bank statement: a part of it, and a line nobody's.
    let inv = app.post(&format!("/api/v1/leads/{lid}/invoices"), &json!({ "offer_id": offer })).await.expect(201);
    let vs = inv["variable_symbol"].as_str().unwrap().to_owned();
    let csv = format!(
        "Datum;Částka;Měna;Variabilní symbol;Protiúčet;Zpráva\n\
         13.05.2031;30 000,00;CZK;{vs};Stavby Malá s.r.o.;záloha kuchyň\n\
         13.05.2031;1 250,00;CZK;8842;Jan Dvořák;platba za montáž?\n"
    );
    let r = app
        .send(app.req(Method::POST, "/api/v1/payments/import?format=csv&name=vypis-kveten").header("content-type", "text/plain").body(csv))
        .await
        .expect(200);
    assert_eq!((r["matched"].as_i64(), r["unmatched"].as_i64()), (Some(1), Some(1)), "{r}");
    let got = app.get(&format!("/api/v1/invoices/{}", id(&inv))).await.expect(200);
    assert_eq!(got["status"], "partially_paid", "{got}");

    // The delivery tomorrow (Wednesday).
    app.post(
        &format!("/api/v1/leads/{lid}/deliveries"),
        &json!({ "date": "2031-05-14", "address": "Dlouhá 5, 110 00 Praha 1, 2. patro", "driver": "Pavel Novák" }),
    )
    .await
    .expect(201);
    lid
}

/// The page's checks: its content, no raw code, and on a phone no sideways scrolling.
async fn check(b: &Browser, path: &str, phone: bool) {
    let text = b.page_text().await;
    for raw in RAW {
        assert!(!text.contains(raw), "{path} shows the code {raw:?}:\n{text}");
    }
    if phone {
        let width = b.js("return document.documentElement.scrollWidth").await.as_i64().unwrap();
        assert!(width <= 360, "{path}: no sideways scrolling on a phone: {width}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_deal_pages_in_the_browser() {
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    user(&app, "sona", "secretary", "+420 777 000 002").await;
    let petra = user(&app, "petra", "manager", "+420 777 000 005").await;
    let petra_token = crate::agency::token_of(&app, petra).await;
    company(&app).await;
    complaint(&app).await;
    let lead = deal(&app, &petra_token).await;

    let b = Browser::start("en").await;
    sign_in(&b, &app, "petra").await;
    let session = b.client().get_named_cookie("pronto_session").await.unwrap();
    // A manager finds the payments and the complaints from the reports.
    b.goto(&app.url("/reports")).await;
    assert_eq!(b.js("return document.getElementById('payments-link').getAttribute('href')").await, "/payments");
    assert_eq!(b.js("return document.getElementById('complaints-link').getAttribute('href')").await, "/complaints");
    b.close().await;

    let lead_path = format!("/leads/{lead}");
    // (path, name, what the page must show: in English, in Hebrew; data the test wrote).
    let pages: [(&str, &str, &str); 4] = [
        ("/payments", "payments", "Jan Dvořák"),
        ("/deliveries?date=2031-05-14", "deliveries", "Pavel Novák"),
        ("/complaints", "complaints", "poškrábaná"),
        (lead_path.as_str(), "lead-deal", "Stavby Malá s.r.o."),
    ];
    for (device, lang, suffix) in [("desktop", "en", ""), ("phone", "en", "-phone"), ("desktop", "he", "-he"), ("phone", "he", "-phone-he")] {
        let phone = device == "phone";
        let b = if phone { Browser::phone(lang).await } else { Browser::start(lang).await };
        if !phone {
            // The window keeps 143 px for Chromium's (invisible) toolbars: a 1280x800 page.
            b.client().set_window_size(1280, 943).await.unwrap();
        }
        b.goto(&app.url("/login")).await;
        b.client().add_cookie(session.clone()).await.unwrap();
        b.goto(&app.url("/inbox")).await;
        b.wait_for("nav[aria-label=main]", 10).await;
        b.js(&format!("var s = document.getElementById('lang'); s.value = '{lang}'; s.form.submit(); return true")).await;
        b.wait_for(&format!("html[lang={lang}] nav[aria-label=main]"), 10).await;
        for (path, name, data) in pages {
            b.goto(&app.url(path)).await;
            b.wait_text(data, 10).await;
            check(&b, path, phone).await;
            if name == "lead-deal" {
                for section in ["requisites", "purchases", "invoices", "delivery"] {
                    assert_eq!(b.js(&format!("return !!document.getElementById('{section}')")).await, true, "{section} on the card");
                }
                let card = b.page_text().await;
                assert!(!card.contains("leave empty") && !card.contains("השאירו ריק"), "the card shows the VAT ID, not the form's hint");
                if lang == "he" {
                    // Amounts and article numbers keep their order inside Hebrew sentences.
                    let isolated = b.js("return document.getElementById('invoices').textContent.includes('\\u2068')").await;
                    assert_eq!(isolated, true, "the amounts are isolated on a right-to-left page");
                }
                // The deal's sections: the requisites and the suppliers, then the invoice and the
                // delivery.
                for (section, shot) in [("requisites", name.to_owned()), ("invoices", format!("{name}-invoices"))] {
                    let js = format!("document.getElementById('{section}').scrollIntoView({{block: 'start'}}); window.scrollBy(0, -12); return true");
                    b.js(&js).await;
                    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                    b.screenshot(&format!("{shot}{suffix}")).await;
                }
            } else {
                if path.starts_with("/deliveries") {
                    let text = b.page_text().await;
                    assert!(!text.contains("(optional)") && !text.contains("(לא חובה)"), "the driver's page names the driver, not the form's hint");
                }
                if phone && name == "payments" {
                    // On a phone the review list is below the upload: shown as it is worked.
                    b.js("document.getElementById('payments-review-h').scrollIntoView({block: 'start'}); return true").await;
                    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                }
                b.screenshot(&format!("{name}{suffix}")).await;
                if name == "payments" {
                    // The file picker speaks the page's language and names the file chosen.
                    let pick = b.text("#payments-upload .file-pick").await;
                    let want = if lang == "he" { "בחירת קובץ" } else { "Choose a file" };
                    assert!(pick.contains(want), "the picker in the page's language: {pick}");
                    let dir = tempfile::tempdir().unwrap();
                    let file = dir.path().join("vypis-kveten.csv");
                    std::fs::write(&file, "Datum;Částka;Měna;Variabilní symbol;Protiúčet;Zpráva\n").unwrap();
                    let input = b.wait_for("#payments-upload input[type=file]", 5).await;
                    input.send_keys(&file.display().to_string()).await.unwrap();
                    b.wait_text("vypis-kveten.csv", 5).await;
                }
            }
            // The whole page, a screen at a time, for whoever looks (not in the README).
            let dir = std::env::temp_dir().join("pronto-deal-shots");
            std::fs::create_dir_all(&dir).unwrap();
            b.js("document.querySelectorAll('details').forEach(function (d) { d.open = true; }); window.scrollTo(0, 0); return true").await;
            // Its folded forms opened, it still fits.
            check(&b, path, phone).await;
            for k in 0..16 {
                tokio::time::sleep(std::time::Duration::from_millis(150)).await;
                let png = b.client().screenshot().await.unwrap();
                std::fs::write(dir.join(format!("{name}{suffix}-{k}.png")), png).unwrap();
                let more = b.js("var y = window.scrollY; window.scrollBy(0, window.innerHeight - 120); return window.scrollY > y").await;
                if more != true {
                    break;
                }
            }
        }
        b.close().await;
    }

    // The other three languages on a phone: every page fits and shows no code.
    for lang in ["cs", "ru", "pl"] {
        let b = Browser::phone(lang).await;
        b.goto(&app.url("/login")).await;
        b.client().add_cookie(session.clone()).await.unwrap();
        b.goto(&app.url("/inbox")).await;
        b.wait_for("nav[aria-label=main]", 10).await;
        b.js(&format!("var s = document.getElementById('lang'); s.value = '{lang}'; s.form.submit(); return true")).await;
        b.wait_for(&format!("html[lang={lang}] nav[aria-label=main]"), 10).await;
        for (path, _, data) in pages {
            b.goto(&app.url(path)).await;
            b.wait_text(data, 10).await;
            b.js("document.querySelectorAll('details').forEach(function (d) { d.open = true; }); return true").await;
            check(&b, &format!("{path} ({lang})"), true).await;
        }
        b.close().await;
    }
}
