//! The offer as a PDF (issue 20, item 3) over HTTP with the real binary: `GET
//! /api/v1/offers/{id}/pdf` is `application/pdf` in the lead's language, named
//! `offer-NUMBER-vVERSION.pdf`, read back with poppler's `pdftotext`: the company's name (and
//! its logo as an image), the customer, a line and the gross total as the reader writes them;
//! Hebrew for a Hebrew lead; the same offer gives the same bytes. The customer reads it from
//! their page (`/t/{token}/offers/{id}/pdf`) once it was sent, never another lead's; the lead
//! card links the team to it.

use crate::agency::{TUESDAY_9, app_at, id, user};
use reqwest::Method;
use serde_json::{Value, json};
use std::process::Command;
use testkit::both;
use testkit::{App, Engine};

both!(the_offer_is_a_pdf_for_the_team_and_for_its_customer_only, a_hebrew_leads_offer_is_printed_in_hebrew,);

const LOGO_PNG: &[u8] = include_bytes!("../../../documents/tests/fixtures/logo.png");

async fn company(app: &App) {
    let identity = json!({ "name": "Studio Pronto", "address": "Dlouhá 1, 110 00 Praha", "phone": "+420 222 333 444", "email": "hello@studio.example" });
    app.send(app.req(Method::PUT, "/api/v1/company").json(&identity)).await.expect(200);
    let r = app
        .send(app.req(Method::PUT, "/api/v1/company/logo").header("content-type", "application/octet-stream").body(LOGO_PNG.to_vec()))
        .await;
    assert!(r.status < 300, "the logo is stored: {} {}", r.status, r.text);
}

async fn lead(app: &App, lang: &str, name: &str, email: &str) -> Value {
    app.create_lead(&json!({ "channel": "web", "language": lang,
        "contact": { "name": name, "email": email, "phone": "+420 777 123 456" }, "message": "Nový e-shop" }))
        .await
}

fn offer_body() -> Value {
    json!({
        "items": [
            { "name": "Website", "quantity": "1", "unit_price": "20000", "vat_rate": "21" },
            { "name": "Training", "quantity": "2", "unit_price": "2500.00", "vat_rate": "12", "discount": "10",
              "availability": "on_order", "available_on": "2031-05-15" }
        ],
        "valid_until": "2031-05-20",
        "cooperation": "A workshop, then the site in three weeks."
    })
}

struct Got {
    status: u16,
    content_type: String,
    disposition: String,
    bytes: Vec<u8>,
}

async fn fetch(app: &App, path: &str, auth: Option<(&str, &str)>) -> Got {
    let mut rb = app.client.get(app.url(path));
    if let Some((name, value)) = auth {
        rb = rb.header(name, value);
    }
    let r = rb.send().await.unwrap();
    let header = |n: &str| r.headers().get(n).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let (status, content_type, disposition) = (r.status().as_u16(), header("content-type"), header("content-disposition"));
    Got { status, content_type, disposition, bytes: r.bytes().await.unwrap().to_vec() }
}

async fn staff_pdf(app: &App, offer: i64) -> Got {
    let bearer = format!("Bearer {}", app.token);
    fetch(app, &format!("/api/v1/offers/{offer}/pdf"), Some(("authorization", &bearer))).await
}

/// Runs a poppler tool on the PDF and returns what it printed.
fn poppler(tool: &str, pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("offer.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new(tool).args(args).arg(&path).args(if tool == "pdftotext" { &["-"][..] } else { &[][..] }).output();
    let out = out.unwrap_or_else(|e| panic!("{tool} from poppler-utils reads the PDF back (apt-get install poppler-utils): {e}"));
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The PDF's text without direction marks, every run of white space (no-break too) one space.
fn text(pdf: &[u8]) -> String {
    let raw = poppler("pdftotext", pdf, &["-enc", "UTF-8"]);
    let plain: String =
        raw.chars().filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')).collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Right to left, pdftotext keeps the words' order but may move a space or a full stop next to
/// a change of direction: compared without them.
fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '.' | ',')).collect()
}

async fn the_offer_is_a_pdf_for_the_team_and_for_its_customer_only(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    company(&app).await;
    let l = lead(&app, "cs", "Eva Malá", "eva@example.com").await;
    let lid = id(&l);
    let page = l["tracking_url"].as_str().unwrap().to_owned();
    let o = app.post(&format!("/api/v1/leads/{lid}/offers"), &offer_body()).await.expect(201);
    let v1 = id(&o);
    assert_eq!(o["gross"], "29240.00");

    // The team's PDF, in Czech: a PDF named after the offer, shown in the browser.
    let got = staff_pdf(&app, v1).await;
    assert_eq!(got.status, 200, "{}", String::from_utf8_lossy(&got.bytes));
    assert_eq!(got.content_type, "application/pdf");
    assert!(got.bytes.starts_with(b"%PDF-"), "the body is a PDF");
    assert_eq!(got.disposition, format!("inline; filename=\"offer-2031-{lid:04}-v1.pdf\""));
    let words = text(&got.bytes);
    for want in ["Studio Pronto", "Eva Malá", "Website", "Training", "Nabídka", "29 240,00 CZK"] {
        assert!(words.contains(want), "{want:?} is not in the PDF's text:\n{words}");
    }
    let images = poppler("pdfimages", &got.bytes, &["-list"]).lines().skip(2).filter(|l| !l.trim().is_empty()).count();
    assert!(images >= 1, "the company's logo is in the PDF");
    // The same offer, the same bytes.
    assert!(staff_pdf(&app, v1).await.bytes == got.bytes, "two PDFs of one offer differ");
    // Unknown, malformed, not signed in.
    assert_eq!(staff_pdf(&app, 999_999).await.status, 404);
    assert_eq!(fetch(&app, "/api/v1/offers/abc/pdf", Some(("authorization", &format!("Bearer {}", app.token)))).await.status, 404);
    assert_eq!(fetch(&app, &format!("/api/v1/offers/{v1}/pdf"), None).await.status, 401);

    // The customer's route: a draft is not there (nor linked); once sent it is.
    let customer = format!("{page}/offers/{v1}/pdf");
    assert_eq!(fetch(&app, &customer, None).await.status, 404, "a draft is not the customer's");
    app.post(&format!("/api/v1/offers/{v1}/send"), &json!({})).await.expect(200);
    let html = app.client.get(app.url(&page)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(&format!("href=\"{customer}\"")), "the page links the offer's PDF");
    let theirs = fetch(&app, &customer, None).await;
    assert_eq!((theirs.status, theirs.content_type.as_str()), (200, "application/pdf"));
    assert!(theirs.bytes == got.bytes, "the customer's PDF is the team's (sent later: issued that day, the same here)");
    // Another lead's page cannot read it; an offer that is not there is not found either.
    let other = lead(&app, "en", "Adam Novák", "adam@example.com").await;
    let other_page = other["tracking_url"].as_str().unwrap().to_owned();
    assert_eq!(fetch(&app, &format!("{other_page}/offers/{v1}/pdf"), None).await.status, 404);
    assert_eq!(fetch(&app, &format!("{page}/offers/999999/pdf"), None).await.status, 404);
    assert_eq!(fetch(&app, "/t/not-a-token/offers/1/pdf", None).await.status, 404);

    // The lead card links the team to each version's PDF, which their session opens.
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
    let card = app.client.get(app.url(&format!("/leads/{lid}"))).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
    let link = format!("/api/v1/offers/{v1}/pdf");
    assert!(card.contains(&format!("href=\"{link}\"")), "the lead card links the PDF");
    let by_session = fetch(&app, &link, Some(("cookie", &cookie))).await;
    assert_eq!((by_session.status, by_session.content_type.as_str()), (200, "application/pdf"));
}

async fn a_hebrew_leads_offer_is_printed_in_hebrew(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    company(&app).await;
    let l = lead(&app, "he", "Dana Levi", "dana@example.com").await;
    let o = app.post(&format!("/api/v1/leads/{}/offers", id(&l)), &offer_body()).await.expect(201);
    let got = staff_pdf(&app, id(&o)).await;
    assert_eq!((got.status, got.content_type.as_str()), (200, "application/pdf"));
    let words = text(&got.bytes);
    for want in ["הצעת מחיר", "סה״כ כולל מע״מ", "בהזמנה", "Studio Pronto", "Dana Levi", "Website", "29,240.00 CZK"]
    {
        assert!(compact(&words).contains(&compact(want)), "{want:?} is not in the Hebrew PDF's text:\n{words}");
    }
    assert!(!words.contains("Offer no."), "no English label in a Hebrew offer");
}
