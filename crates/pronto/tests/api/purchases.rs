//! The supplier's purchase (issue 21, item 4) over HTTP with the real binary, on both engines
//! and the manual clock: requested from the accepted offer (one purchase per supplier, the
//! supplier's article numbers from the catalogue); the customer's invoice refused (`409`
//! naming `supplier_invoice`) until the supplier's invoice is attached or a manager overrides
//! (a consultant may not: `403`, nothing written); the file stored sealed (not in plain text in
//! the database) and read back, audited; the supplier paid.

use crate::access::{sign_in, ui};
use crate::agency::{TUESDAY_9, app_at, id, user};
use reqwest::Method;
use serde_json::json;
use std::process::Command;
use testkit::both;
use testkit::{App, Engine};

both!(the_supplier_invoice_comes_before_the_customer_invoice,);

/// One SQL query on the test server's database; its output.
fn sql(app: &App, statement: &str) -> String {
    let out = match &app.storage.database_url {
        Some(url) => Command::new("psql").arg(url).arg("-At").arg("-v").arg("ON_ERROR_STOP=1").arg("-c").arg(statement).output(),
        None => {
            Command::new("sqlite3").arg("-cmd").arg(".timeout 5000").arg(app.storage.dir.path().join("pronto.db")).arg(statement).output()
        }
    }
    .expect("the sqlite3 / psql client runs");
    assert!(out.status.success(), "{statement}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn form(file: &[u8], name: &str, number: &str, amount: &str, currency: &str) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .part(
            "file",
            reqwest::multipart::Part::bytes(file.to_vec()).file_name(name.to_owned()).mime_str("application/octet-stream").unwrap(),
        )
        .text("number", number.to_owned())
        .text("amount", amount.to_owned())
        .text("currency", currency.to_owned())
}

async fn the_supplier_invoice_comes_before_the_customer_invoice(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let (_, consultant) = app.user_with_token("karel", "consultant").await;
    let (_, manager) = app.user_with_token("olga", "manager").await;
    for (sku, supplier, ssku, price) in [
        ("DRUM-1", "Yamaha Music", "Y-DR-77", "30000"),
        ("STICK-5A", "Vic Firth", "VF-5A", "300"),
        ("PEDAL-9", "Yamaha Music", "Y-FP-9", "2500"),
    ] {
        let p = json!({ "sku": sku, "name": sku, "unit": "pcs", "price": price, "currency": "CZK", "vat_rate": "21",
            "supplier": supplier, "supplier_sku": ssku });
        app.post("/api/v1/products", &p).await.expect(201);
    }
    let l = app
        .create_lead(&json!({ "channel": "web", "language": "cs", "contact": { "name": "Eva Malá", "email": "eva@example.com", "phone": "+420 777 123 456" } }))
        .await;
    let lid = id(&l);
    let page = l["tracking_url"].as_str().unwrap().to_owned();
    let body = json!({ "items": [{ "sku": "DRUM-1", "quantity": "1" }, { "sku": "STICK-5A", "quantity": "4" }, { "sku": "PEDAL-9", "quantity": "1" }],
        "valid_until": "2031-05-20" });
    let offer = id(&app.post(&format!("/api/v1/leads/{lid}/offers"), &body).await.expect(201));

    // Not accepted yet: 409; a missing offer_id: 422.
    app.post(&format!("/api/v1/leads/{lid}/purchases"), &json!({ "offer_id": offer })).await.problem(409);
    app.post(&format!("/api/v1/leads/{lid}/purchases"), &json!({})).await.invalid(&["offer_id"]);
    app.post(&format!("/api/v1/offers/{offer}/send"), &json!({})).await.expect(200);
    let r = app.client.post(app.url(&format!("{page}/offers/{offer}"))).form(&[("decision", "accept")]).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 303);
    sql(
        &app,
        &format!(
            "INSERT INTO requisites (lead_id, customer_type, full_name, phone, email, address, source, updated_at)
             VALUES ({lid}, 'b2c', 'Eva Malá', '+420777123456', 'eva.billing@example.com', 'Krátká 2, 602 00 Brno', 'staff', 1)"
        ),
    );

    // From the accepted offer: one purchase per supplier, the supplier's article numbers.
    let got = app.post(&format!("/api/v1/leads/{lid}/purchases"), &json!({ "offer_id": offer })).await.expect(201);
    let items = got["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{got}");
    assert_eq!((items[0]["supplier"].as_str(), items[0]["status"].as_str()), (Some("Yamaha Music"), Some("requested")));
    let lines: Vec<(&str, &str)> =
        items[0]["lines"].as_array().unwrap().iter().map(|l| (l["sku"].as_str().unwrap(), l["supplier_sku"].as_str().unwrap())).collect();
    assert_eq!(lines, [("DRUM-1", "Y-DR-77"), ("PEDAL-9", "Y-FP-9")]);
    assert_eq!(items[1]["lines"][0]["supplier_sku"], "VF-5A");
    assert_eq!(items[1]["lines"][0]["quantity"], "4");
    assert_eq!(items[0]["blocks_invoice"], true);
    let (yamaha, vic) = (id(&items[0]), id(&items[1]));
    assert_eq!(app.get(&format!("/api/v1/leads/{lid}/purchases")).await.expect(200)["items"].as_array().unwrap().len(), 2);
    app.post(&format!("/api/v1/leads/{lid}/purchases"), &json!({ "offer_id": offer })).await.problem(409);

    // The customer's invoice waits for the suppliers' invoices.
    let p = app.post(&format!("/api/v1/leads/{lid}/invoices"), &json!({ "offer_id": offer })).await.problem(409);
    assert!(p["detail"].as_str().unwrap().contains("supplier_invoice"), "{p}");

    // Attach Yamaha's invoice: precise 422s first, then the file stored sealed and read back.
    let pdf = b"%PDF-1.7\nYamaha invoice FV-118 plain-marker-7731\n%%EOF\n".to_vec();
    let url = format!("/api/v1/purchases/{yamaha}/supplier-invoice");
    app.send(app.req(Method::POST, &url).multipart(form(&pdf, "fv118.pdf", "", "27000", "CZK"))).await.invalid(&["number"]);
    app.send(app.req(Method::POST, &url).multipart(form(&pdf, "fv118.pdf", "FV-118", "27,000", "CZK"))).await.invalid(&["amount"]);
    app.send(app.req(Method::POST, &url).multipart(form(b"MZ\x90\x00", "fv118.pdf", "FV-118", "27000", "CZK"))).await.invalid(&["file"]);
    app.send(app.req(Method::POST, &url).json(&json!({}))).await.problem(415);
    let secretary = app.user_with_token("sveta", "secretary").await.1;
    let r = app.send(as_(&app, &secretary, Method::POST, &url).multipart(form(&pdf, "fv118.pdf", "FV-118", "27000", "CZK"))).await;
    assert_eq!(r.status, 403, "the secretary does not work the deal");
    let y = app.send(app.req(Method::POST, &url).multipart(form(&pdf, "fv118.pdf", "FV-118", "27000", "CZK"))).await.expect(200);
    assert_eq!(y["status"], "invoice_received");
    assert_eq!((y["supplier_invoice"]["number"].as_str(), y["supplier_invoice"]["amount"].as_str()), (Some("FV-118"), Some("27000.00")));
    let raw = sql(&app, &format!("SELECT file_sealed FROM purchases WHERE id = {yamaha}"));
    assert!(raw.trim().len() > 40 && !raw.contains("plain-marker-7731") && !raw.contains("PDF"), "sealed: {raw}");
    let r = app.client.get(app.url(&url)).header("authorization", format!("Bearer {}", app.token)).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    assert_eq!(r.bytes().await.unwrap().to_vec(), pdf, "read back as sent");
    // A consultant who does not own the lead does not open it.
    assert_eq!(app.get_as(&consultant, &url).await.status, 403);
    let audit = app.get("/api/v1/audit?kind=purchase").await.expect(200);
    assert!(audit["items"].as_array().unwrap().iter().any(|e| e["kind"] == "purchase.supplier_invoice_read"), "{audit}");

    // Still waiting for Vic Firth; a consultant may not override (403, nothing written).
    let p = app.post(&format!("/api/v1/leads/{lid}/invoices"), &json!({ "offer_id": offer })).await.problem(409);
    assert!(p["detail"].as_str().unwrap().contains("Vic Firth"), "{p}");
    let r = app.post_as(&consultant, &format!("/api/v1/purchases/{vic}/override"), &json!({ "reason": "from stock" })).await;
    assert_eq!(r.status, 403, "{}", r.text);
    assert_eq!(app.get(&format!("/api/v1/purchases/{vic}")).await.expect(200)["override"], serde_json::Value::Null);
    app.post_as(&manager, &format!("/api/v1/purchases/{vic}/override"), &json!({ "reason": " " })).await.invalid(&["reason"]);
    // Paying a supplier before their invoice: 409.
    app.post_as(&manager, &format!("/api/v1/purchases/{vic}/paid"), &json!({})).await.problem(409);
    let v = app
        .post_as(&manager, &format!("/api/v1/purchases/{vic}/override"), &json!({ "reason": "sticks from our own stock" }))
        .await
        .expect(200);
    assert_eq!(v["override"]["reason"], "sticks from our own stock");
    assert_eq!(v["blocks_invoice"], false);
    let audit = app.get("/api/v1/audit?kind=purchase.override").await.expect(200);
    assert_eq!(audit["items"].as_array().unwrap().len(), 1, "{audit}");
    let kinds: Vec<String> = app.get(&format!("/api/v1/leads/{lid}/timeline")).await.expect(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["kind"].as_str().map(str::to_owned))
        .collect();
    for k in ["purchase.requested", "purchase.invoice_received", "purchase.overridden"] {
        assert!(kinds.iter().any(|x| x == k), "{k} in {kinds:?}");
    }

    // Now the customer's invoice is issued, with the supplier's invoice attached (Vic Firth,
    // overridden, has none to attach).
    let inv = app.post(&format!("/api/v1/leads/{lid}/invoices"), &json!({ "offer_id": offer })).await.expect(201);
    let attached = |i: &serde_json::Value| -> Vec<(i64, String, String)> {
        i["supplier_invoices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["purchase_id"].as_i64().unwrap(), s["number"].as_str().unwrap().to_owned(), s["url"].as_str().unwrap().to_owned()))
            .collect()
    };
    let want = vec![(yamaha, "FV-118".to_owned(), format!("/api/v1/purchases/{yamaha}/supplier-invoice"))];
    assert_eq!(attached(&inv), want, "{inv}");
    assert_eq!(attached(&app.get(&format!("/api/v1/invoices/{}", inv["id"])).await.expect(200)), want);
    assert_eq!(attached(&app.get(&format!("/api/v1/leads/{lid}/invoices")).await.expect(200)["items"][0]), want);

    // Management's list, then the supplier paid (a consultant may not).
    let todo = app.get_as(&manager, "/api/v1/purchases?status=invoice_received").await.expect(200);
    assert!(todo["items"].as_array().unwrap().iter().any(|p| p["id"] == yamaha), "{todo}");
    app.get_as(&manager, "/api/v1/purchases?status=late").await.invalid(&["status"]);
    assert_eq!(app.get_as(&consultant, "/api/v1/purchases").await.status, 403);
    assert_eq!(app.post_as(&consultant, &format!("/api/v1/purchases/{yamaha}/paid"), &json!({})).await.status, 403);
    let paid = app.post_as(&manager, &format!("/api/v1/purchases/{yamaha}/paid"), &json!({})).await.expect(200);
    assert_eq!(paid["status"], "paid");
    assert!(paid["paid_at"].is_string());
    app.post_as(&manager, &format!("/api/v1/purchases/{yamaha}/paid"), &json!({})).await.problem(409);
    app.get("/api/v1/purchases/999999").await.problem(404);

    // The lead card: the Supplier section with the suppliers' article numbers and statuses, and
    // the supplier's invoice attached beside the customer's invoice, with its link.
    user(&app, "milan", "manager", "+420 777 000 009").await;
    let s = sign_in(&app, "milan").await;
    let (status, card) = ui(&app, Method::GET, &format!("/leads/{lid}"), &s, None).await;
    assert_eq!(status, 200);
    for want in
        ["id=\"purchases\"", "Yamaha Music", "Y-DR-77", "VF-5A", "supplier paid", "sticks from our own stock", "invoice FV-118 attached"]
    {
        assert!(card.contains(want), "the card shows {want}");
    }
    assert!(card.contains(&format!("href=\"/api/v1/purchases/{yamaha}/supplier-invoice\"")), "the link to the supplier's invoice");
    // The page's forms: a refusal comes back as a notice in the reader's words.
    let (status, _) = ui(&app, Method::POST, &format!("/leads/{lid}/purchases/{vic}/paid"), &s, Some(&[])).await;
    assert!(status == 303 || status == 200, "{status}");
    let (_, card) = ui(&app, Method::GET, &format!("/leads/{lid}?purchase=conflict"), &s, None).await;
    assert!(card.contains("the purchase has moved on"), "the refusal in words");
}

fn as_(app: &App, token: &str, method: Method, path: &str) -> reqwest::RequestBuilder {
    app.client.request(method, app.url(path)).header("authorization", format!("Bearer {token}"))
}
