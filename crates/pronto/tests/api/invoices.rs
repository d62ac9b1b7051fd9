//! Invoices and contracts (issue 21, item 2) over HTTP with the real binary, on both engines:
//! `POST /api/v1/leads/{id}/invoices` for an accepted offer → `201` with the contract's shape;
//! without requisites `422` naming them; a private customer gets the invoice and no contract, a
//! legal entity both; another lead's or an undecided offer is refused; the PDFs read back with
//! `pdftotext` hold the number, the amounts and the customer; the customer's page lists the
//! invoice with its PDF; one e-mail to the customer and the playbook's "call to confirm" task.
//!
//! The requisites are written straight into their table (their API is another part of the
//! issue): through the `sqlite3` or `psql` client on the test's database.

use crate::agency::{TUESDAY_9, app_at, id, tasks, token_of, user};
use reqwest::Method;
use serde_json::{Value, json};
use std::process::Command;
use testkit::both;
use testkit::{App, Engine};

both!(an_invoice_for_a_private_customer_and_a_legal_entity, invoices_are_refused_with_a_reason,);

/// One SQL statement on the test server's database.
pub(crate) fn sql(app: &App, statement: &str) {
    let out = match &app.storage.database_url {
        Some(url) => Command::new("psql").arg(url).arg("-v").arg("ON_ERROR_STOP=1").arg("-c").arg(statement).output(),
        None => {
            Command::new("sqlite3").arg("-cmd").arg(".timeout 5000").arg(app.storage.dir.path().join("pronto.db")).arg(statement).output()
        }
    }
    .expect("the sqlite3 / psql client runs");
    assert!(out.status.success(), "{statement}: {}", String::from_utf8_lossy(&out.stderr));
}

pub(crate) fn private_requisites(app: &App, lead: i64) {
    sql(
        app,
        &format!(
            "INSERT INTO requisites (lead_id, customer_type, full_name, phone, email, address, source, updated_at)
             VALUES ({lead}, 'b2c', 'Eva Malá', '+420777123456', 'eva.billing@example.com', 'Krátká 2, 602 00 Brno', 'staff', 1)"
        ),
    );
}

fn company_requisites(app: &App, lead: i64) {
    sql(
        app,
        &format!(
            "INSERT INTO requisites (lead_id, customer_type, address, company, company_id, vat_id, contact_person, source, updated_at)
             VALUES ({lead}, 'b2b', 'Dlouhá 5, 110 00 Praha', 'Malý obchod s.r.o.', '27074358', 'CZ27074358', 'Petr Malý', 'staff', 1)"
        ),
    );
}

pub(crate) async fn company(app: &App) {
    let identity = json!({ "name": "Studio Pronto", "address": "Dlouhá 1, 110 00 Praha", "email": "hello@studio.example" });
    app.send(app.req(Method::PUT, "/api/v1/company").json(&identity)).await.expect(200);
    let invoicing = json!({ "registration_id": "12345678", "vat_id": "CZ12345678", "bank_account": "123456789/0800",
        "iban": "CZ65 0800 0000 1920 0014 5399", "payment_terms_days": "10", "invoice_pattern": "{YYYY}{NNNN}" });
    let got = app.send(app.req(Method::PUT, "/api/v1/company/invoicing").json(&invoicing)).await.expect(200);
    assert_eq!(got["iban"], "CZ6508000000192000145399");
    assert_eq!(got["payment_terms_days"], 10);
}

/// A lead whose offer the customer accepted on their page: (lead, offer, the page's address).
pub(crate) async fn accepted(app: &App, name: &str, email: &str) -> (i64, i64, String) {
    let l = app
        .create_lead(
            &json!({ "channel": "web", "language": "cs", "contact": { "name": name, "email": email, "phone": "+420 777 123 456" } }),
        )
        .await;
    let lid = id(&l);
    let page = l["tracking_url"].as_str().unwrap().to_owned();
    let body = json!({ "items": [
        { "name": "Website", "quantity": "1", "unit_price": "20000", "vat_rate": "21" },
        { "name": "Training", "quantity": "2", "unit_price": "2500.00", "vat_rate": "12" }
    ], "valid_until": "2031-05-20" });
    let o = id(&app.post(&format!("/api/v1/leads/{lid}/offers"), &body).await.expect(201));
    app.post(&format!("/api/v1/offers/{o}/send"), &json!({})).await.expect(200);
    let r = app.client.post(app.url(&format!("{page}/offers/{o}"))).form(&[("decision", "accept")]).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 303);
    (lid, o, page)
}

async fn fetch(app: &App, path: &str, auth: bool) -> (u16, String, Vec<u8>) {
    let mut rb = app.client.get(app.url(path));
    if auth {
        rb = rb.header("authorization", format!("Bearer {}", app.token));
    }
    let r = rb.send().await.unwrap();
    let ct = r.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    (r.status().as_u16(), ct, r.bytes().await.unwrap().to_vec())
}

/// The PDF's text, every run of white space one space, without direction marks.
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    let raw = String::from_utf8(out.stdout).unwrap();
    let plain: String =
        raw.chars().filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')).collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn an_invoice_for_a_private_customer_and_a_legal_entity(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    company(&app).await;

    // A private customer: the invoice, no contract.
    let (lid, offer, page) = accepted(&app, "Eva Malá", "eva@example.com").await;
    private_requisites(&app, lid);
    let inv = app.post(&format!("/api/v1/leads/{lid}/invoices"), &json!({ "offer_id": offer })).await.expect(201);
    for key in ["id", "number", "issued_at", "due_at", "status", "net", "vat", "gross", "paid", "currency", "documents"] {
        assert!(inv.get(key).is_some(), "{key} is in {inv}");
    }
    let iid = id(&inv);
    assert_eq!(inv["number"], "20310001");
    assert_eq!(inv["variable_symbol"], "20310001");
    assert_eq!((inv["status"].as_str(), inv["currency"].as_str()), (Some("issued"), Some("CZK")));
    assert_eq!(
        (inv["net"].as_str(), inv["vat"].as_str(), inv["gross"].as_str(), inv["paid"].as_str()),
        (Some("25000.00"), Some("4800.00"), Some("29800.00"), Some("0.00"))
    );
    assert_eq!((inv["issue_date"].as_str(), inv["due_date"].as_str()), (Some("2031-05-06"), Some("2031-05-16")), "ten days' terms");
    assert!(inv["due_at"].as_str().unwrap().starts_with("2031-05-16T21:59:59"), "the end of the due day in Prague: {}", inv["due_at"]);
    assert_eq!(inv["documents"], json!([{ "kind": "invoice", "url": format!("/api/v1/invoices/{iid}/pdf") }]));
    assert_eq!(app.get(&format!("/api/v1/invoices/{iid}")).await.expect(200), inv);
    assert_eq!(app.get(&format!("/api/v1/leads/{lid}/invoices")).await.expect(200)["items"], json!([inv.clone()]));

    // The invoice's PDF: the number, the amounts, the customer, the seller's bank details.
    let (status, ct, pdf) = fetch(&app, &format!("/api/v1/invoices/{iid}/pdf"), true).await;
    assert_eq!((status, ct.as_str()), (200, "application/pdf"), "{}", String::from_utf8_lossy(&pdf));
    let words = pdf_text(&pdf);
    for want in [
        "Faktura",
        "20310001",
        "Eva Malá",
        "Krátká 2",
        "Studio Pronto",
        "29 800,00 CZK",
        "25 000,00",
        "4 800,00",
        "CZ6508000000192000145399",
        "16. 5. 2031",
        "Website",
    ] {
        assert!(words.contains(want), "{want:?} is not in the invoice's text:\n{words}");
    }
    assert!(fetch(&app, &format!("/api/v1/invoices/{iid}/pdf"), true).await.2 == pdf, "the same invoice gives the same bytes");
    assert_eq!(fetch(&app, &format!("/api/v1/invoices/{iid}/contract.pdf"), true).await.0, 404, "no contract for a private customer");
    assert_eq!(fetch(&app, &format!("/api/v1/invoices/{iid}/pdf"), false).await.0, 401);

    // One e-mail to the customer (the requisites' address) with the link to their page.
    let notes = app.get(&format!("/api/v1/notifications?lead={lid}")).await.expect(200);
    let mails: Vec<&Value> = notes["items"].as_array().unwrap().iter().filter(|n| n["kind"] == "invoice_issued").collect();
    assert_eq!(mails.len(), 1, "{notes}");
    assert_eq!((mails[0]["channel"].as_str(), mails[0]["recipient"]["address"].as_str()), (Some("email"), Some("eva.billing@example.com")));
    // The playbook: a task to call and confirm the documents arrived.
    let open = tasks(&app, lid, "open").await;
    assert!(
        open.iter().any(|t| t["kind"] == "call" && t["title"].as_str().is_some_and(|s| s.contains("doklady") || s.contains("documents"))),
        "{open:?}"
    );
    // The timeline.
    let tl = app.get(&format!("/api/v1/leads/{lid}/timeline")).await.expect(200);
    assert!(tl["items"].as_array().unwrap().iter().any(|e| e["kind"] == "invoice.issued"), "{tl}");

    // The customer's page lists it with its PDF, which they can download; no contract link.
    let html = app.client.get(app.url(&page)).send().await.unwrap().text().await.unwrap();
    let link = format!("{page}/invoices/{iid}/pdf");
    assert!(html.contains(&format!("href=\"{link}\"")), "the page links the invoice");
    assert!(!html.contains("contract.pdf"));
    let (status, ct, theirs) = fetch(&app, &link, false).await;
    assert_eq!((status, ct.as_str()), (200, "application/pdf"));
    assert!(theirs == pdf, "the customer's PDF is the team's");

    // A legal entity: the next number, the invoice and the contract.
    let (lid2, offer2, page2) = accepted(&app, "Petr Malý", "petr@example.com").await;
    company_requisites(&app, lid2);
    let inv2 = app.post(&format!("/api/v1/leads/{lid2}/invoices"), &json!({ "offer_id": offer2 })).await.expect(201);
    let iid2 = id(&inv2);
    assert_eq!(inv2["number"], "20310002");
    assert_eq!(
        inv2["documents"],
        json!([{ "kind": "invoice", "url": format!("/api/v1/invoices/{iid2}/pdf") },
               { "kind": "contract", "url": format!("/api/v1/invoices/{iid2}/contract.pdf") }])
    );
    let (status, ct, contract) = fetch(&app, &format!("/api/v1/invoices/{iid2}/contract.pdf"), true).await;
    assert_eq!((status, ct.as_str()), (200, "application/pdf"));
    let words = pdf_text(&contract);
    for want in
        ["Smlouva", "20310002", "Malý obchod s.r.o.", "27074358", "CZ27074358", "Studio Pronto", "12345678", "29 800,00 CZK", "Website"]
    {
        assert!(words.contains(want), "{want:?} is not in the contract's text:\n{words}");
    }
    let words = pdf_text(&fetch(&app, &format!("/api/v1/invoices/{iid2}/pdf"), true).await.2);
    assert!(words.contains("Malý obchod s.r.o.") && words.contains("CZ27074358"), "{words}");
    // Their page links both; another lead's page reads neither.
    let html = app.client.get(app.url(&page2)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(&format!("{page2}/invoices/{iid2}/contract.pdf")));
    assert_eq!(fetch(&app, &format!("{page2}/invoices/{iid2}/contract.pdf"), false).await.0, 200);
    assert_eq!(fetch(&app, &format!("{page}/invoices/{iid2}/pdf"), false).await.0, 404);
    assert_eq!(fetch(&app, &format!("{page2}/invoices/{iid}/pdf"), false).await.0, 404);
}

async fn invoices_are_refused_with_a_reason(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let sec = user(&app, "sona", "secretary", "+420 777 000 002").await;
    let sec_token = token_of(&app, sec).await;
    let (lid, offer, _) = accepted(&app, "Eva Malá", "eva@example.com").await;

    // Without requisites: 422 naming them.
    let p = app.post(&format!("/api/v1/leads/{lid}/invoices"), &json!({ "offer_id": offer })).await.problem(422);
    assert_eq!(p["errors"][0]["field"], "requisites", "{p}");
    private_requisites(&app, lid);
    // The offer is required, must be the lead's, must be accepted.
    let p = app.post(&format!("/api/v1/leads/{lid}/invoices"), &json!({})).await.problem(422);
    assert_eq!(p["errors"][0]["field"], "offer_id", "{p}");
    let (other, other_offer, _) = accepted(&app, "Adam Novák", "adam@example.com").await;
    let p = app.post(&format!("/api/v1/leads/{lid}/invoices"), &json!({ "offer_id": other_offer })).await.problem(422);
    assert_eq!(p["errors"][0]["field"], "offer_id", "{p}");
    let p = app.post(&format!("/api/v1/leads/{lid}/invoices"), &json!({ "offer_id": 999_999 })).await.problem(422);
    assert_eq!(p["errors"][0]["field"], "offer_id", "{p}");
    company_requisites(&app, other);
    let draft = app
        .post(
            &format!("/api/v1/leads/{other}/offers"),
            &json!({ "items": [{ "name": "More", "quantity": "1", "unit_price": "100", "vat_rate": "21" }], "valid_until": "2031-05-20" }),
        )
        .await
        .expect(201);
    let p = app.post(&format!("/api/v1/leads/{other}/invoices"), &json!({ "offer_id": id(&draft) })).await.problem(409);
    assert!(p["detail"].as_str().unwrap().contains("accepted"), "{p}");
    // The secretary does not issue invoices; reads them.
    app.post_as(&sec_token, &format!("/api/v1/leads/{lid}/invoices"), &json!({ "offer_id": offer })).await.problem(403);
    // Issued once; a second time is a conflict naming the invoice.
    let inv = app.post(&format!("/api/v1/leads/{lid}/invoices"), &json!({ "offer_id": offer })).await.expect(201);
    let p = app.post(&format!("/api/v1/leads/{lid}/invoices"), &json!({ "offer_id": offer })).await.problem(409);
    assert!(p["detail"].as_str().unwrap().contains(inv["number"].as_str().unwrap()), "{p}");
    app.get_as(&sec_token, &format!("/api/v1/invoices/{}", id(&inv))).await.expect(200);
    // Unknown lead, unknown invoice, malformed ids.
    app.post("/api/v1/leads/999999/invoices", &json!({ "offer_id": offer })).await.problem(404);
    app.get("/api/v1/invoices/999999").await.problem(404);
    app.get("/api/v1/leads/999999/invoices").await.problem(404);
    app.get("/api/v1/invoices/abc").await.problem(404);
    // The company's settings refuse a pattern without the counter and a bad IBAN, naming both.
    let r = app
        .send(app.req(Method::PUT, "/api/v1/company/invoicing").json(&json!({ "invoice_pattern": "{YYYY}", "iban": "CZ00 1234" })))
        .await;
    let p = r.problem(422);
    let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, ["iban", "invoice_pattern"], "{p}");
}
