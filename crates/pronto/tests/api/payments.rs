//! Payments (issue 21, item 3) over HTTP with the real binary, on both engines and the manual
//! clock: a part then the rest (`paid` and `status` follow; paid in full the customer is told in
//! their language and the playbook's `invoice.paid` gives the coordinator the next step); more
//! than is left is `422` naming `amount`; payments sent at once never overpay; a CSV and a GPC
//! statement matched by reference and amount, the rest in the review list (assign, dismiss);
//! who may do what; an unpaid invoice reminds the customer and gives the owner a call 3 days
//! after its due day, a manager the debt 10 days after it, and a paid one nothing.

use crate::access::{sign_in, ui};
use crate::agency::{TUESDAY_9, advance, app_at, id, notes, tasks, timeline, token_of, user};
use crate::invoices::{accepted, company, private_requisites};
use reqwest::Method;
use serde_json::{Value, json};
use testkit::both;
use testkit::{App, Engine};

both!(
    a_part_then_the_rest_and_never_more,
    payments_at_once_never_overpay,
    statements_are_matched_and_reviewed,
    an_unpaid_invoice_is_chased_after_its_due_day,
    the_pages_record_and_review_payments,
);

/// An issued invoice of 29 800.00 CZK for a private customer who accepted on their page.
pub(crate) async fn invoice(app: &App, name: &str, email: &str) -> Value {
    let (lid, offer, _) = accepted(app, name, email).await;
    private_requisites(app, lid);
    app.post(&format!("/api/v1/leads/{lid}/invoices"), &json!({ "offer_id": offer })).await.expect(201)
}

pub(crate) fn pay(amount: &str) -> Value {
    json!({ "amount": amount, "paid_at": "2031-05-06", "reference": "20310001" })
}

async fn a_part_then_the_rest_and_never_more(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    user(&app, "kamil", "coordinator", "+420 777 000 003").await;
    let ota = user(&app, "ota", "consultant", "+420 777 000 004").await;
    let sec = user(&app, "sona", "secretary", "+420 777 000 002").await;
    company(&app).await;
    let inv = invoice(&app, "Eva Malá", "eva@example.com").await;
    let (iid, lid) = (id(&inv), inv["lead_id"].as_i64().unwrap());
    let path = format!("/api/v1/invoices/{iid}/payments");

    // A part: 201, the invoice partially paid, nothing told yet.
    let p = app.post(&path, &pay("9800.00")).await.expect(201);
    assert_eq!((p["amount"].as_str(), p["paid_at"].as_str(), p["source"].as_str()), (Some("9800.00"), Some("2031-05-06"), Some("api")));
    assert_eq!(p["paid_in_full"], false);
    assert_eq!((p["invoice"]["paid"].as_str(), p["invoice"]["status"].as_str()), (Some("9800.00"), Some("partially_paid")));
    let got = app.get(&format!("/api/v1/invoices/{iid}")).await.expect(200);
    assert_eq!((got["paid"].as_str(), got["status"].as_str()), (Some("9800.00"), Some("partially_paid")));
    assert!(notes(&app, lid).await.iter().all(|n| n["kind"] != "invoice_paid"));

    // More than is left, nothing, a float, a date to come, a bad date: 422 naming the field.
    for (body, field) in [
        (pay("20000.01"), "amount"),
        (pay("0"), "amount"),
        (json!({ "amount": 100.5 }), "amount"),
        (json!({ "paid_at": "2031-05-06" }), "amount"),
        (json!({ "amount": "1", "paid_at": "2031-06-01" }), "paid_at"),
        (json!({ "amount": "1", "paid_at": "yesterday" }), "paid_at"),
    ] {
        let p = app.post(&path, &body).await.problem(422);
        assert_eq!(p["errors"][0]["field"], field, "{body}: {p}");
    }
    let p = app.post(&path, &pay("20000.01")).await.problem(422);
    assert!(p["errors"][0]["message"].as_str().unwrap().contains("20000.00 CZK"), "what is left is named: {p}");
    // Who may: not the secretary nor another consultant (not the owner); 404 for no invoice.
    let owner = app.get(&format!("/api/v1/leads/{lid}")).await.expect(200)["owner"]["id"].as_i64().expect("an owner");
    let other = if owner == jana { ota } else { jana };
    let sec_token = token_of(&app, sec).await;
    app.post_as(&sec_token, &path, &pay("1")).await.problem(403);
    let other_token = token_of(&app, other).await;
    app.post_as(&other_token, &path, &pay("1")).await.problem(403);
    app.post("/api/v1/invoices/999999/payments", &pay("1")).await.problem(404);
    app.get_as(&sec_token, &path).await.expect(200);

    // The owner records the rest (no date: today): paid in full — the customer is told in their
    // language (Czech) and the coordinator has the next step.
    let owner_token = token_of(&app, owner).await;
    let p = app.post_as(&owner_token, &path, &json!({ "amount": "20000.00" })).await.expect(201);
    assert_eq!(p["paid_in_full"], true);
    assert_eq!((p["invoice"]["paid"].as_str(), p["invoice"]["status"].as_str()), (Some("29800.00"), Some("paid")));
    let told: Vec<Value> = notes(&app, lid).await.into_iter().filter(|n| n["kind"] == "invoice_paid").collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!((told[0]["channel"].as_str(), told[0]["recipient"]["address"].as_str()), (Some("email"), Some("eva.billing@example.com")));
    let open = tasks(&app, lid, "open").await;
    assert!(open.iter().any(|t| t["task"] == "paid_next_step"), "{open:?}");
    let kinds: Vec<Value> = timeline(&app, lid).await.into_iter().map(|e| e["kind"].clone()).collect();
    assert!(kinds.contains(&json!("invoice.paid")) && kinds.contains(&json!("payment.recorded")), "{kinds:?}");
    // Nothing more is taken.
    app.post(&path, &pay("1")).await.problem(422);
    let list = app.get(&path).await.expect(200);
    let amounts: Vec<&str> = list["items"].as_array().unwrap().iter().map(|p| p["amount"].as_str().unwrap()).collect();
    assert_eq!(amounts, ["9800.00", "20000.00"]);
    // The customer's page shows it paid.
    let page = app.get(&format!("/api/v1/leads/{lid}")).await.expect(200)["tracking_url"].as_str().unwrap().to_owned();
    let html = app.client.get(app.url(&page)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Zaplaceno celé"), "the customer's page says paid");
}

async fn payments_at_once_never_overpay(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    company(&app).await;
    let inv = invoice(&app, "Eva Malá", "eva@example.com").await;
    let path = format!("/api/v1/invoices/{}/payments", id(&inv));
    // Eight payments of 5 000 at once on 29 800: five fit, three are refused.
    let body = pay("5000.00");
    let answers = futures_util::future::join_all((0..8).map(|_| app.post(&path, &body))).await;
    let created = answers.iter().filter(|r| r.status == 201).count();
    let refused = answers.iter().filter(|r| r.status == 422).count();
    assert_eq!((created, refused), (5, 3));
    let got = app.get(&format!("/api/v1/invoices/{}", id(&inv))).await.expect(200);
    assert_eq!(got["paid"], "25000.00");
}

/// A `075` record (128 characters) of an ABO/GPC statement.
fn gpc_075(vs: &str, halers: u64, code: char, date: &str, name: &str) -> String {
    let s = format!(
        "075{:0>16}{:0>16}{:0>13}{halers:012}{code}{vs:0>10}{:0>10}{:0>10}{date}{name:<20}0{}{date}",
        "1234567890", "987654321", "1", "308", "0", "0203"
    );
    assert_eq!(s.len(), 128, "{s}");
    s
}

async fn statements_are_matched_and_reviewed(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let consultant = user(&app, "ota", "consultant", "+420 777 000 004").await;
    company(&app).await;
    let a = invoice(&app, "Eva Malá", "eva@example.com").await;
    let b = invoice(&app, "Petr Malý", "petr@example.com").await;
    let c = invoice(&app, "Adam Novák", "adam@example.com").await;
    let (vs_a, vs_b, vs_c) =
        (a["variable_symbol"].as_str().unwrap(), b["variable_symbol"].as_str().unwrap(), c["variable_symbol"].as_str().unwrap());

    // CSV with `;` and the Czech decimal comma: a in full, b in part, one nobody's.
    let csv = format!(
        "Datum;Částka;Měna;Variabilní symbol;Protiúčet;Zpráva\n\
         06.05.2031;29 800,00;CZK;{vs_a};Eva Malá;faktura\n\
         06.05.2031;800,00;CZK;{vs_b};Petr Malý;záloha\n\
         06.05.2031;123,00;CZK;555;Neznámý;?\n"
    );
    let import = |body: String, format: &'static str| {
        app.send(
            app.req(Method::POST, &format!("/api/v1/payments/import?format={format}&name=vypis"))
                .header("content-type", "text/plain")
                .body(body),
        )
    };
    let r = import(csv.clone(), "csv").await.expect(200);
    assert_eq!((r["matched"].as_i64(), r["unmatched"].as_i64()), (Some(2), Some(1)), "{r}");
    let got = app.get(&format!("/api/v1/invoices/{}", id(&a))).await.expect(200);
    assert_eq!(got["status"], "paid");
    let got = app.get(&format!("/api/v1/invoices/{}", id(&b))).await.expect(200);
    assert_eq!((got["paid"].as_str(), got["status"].as_str()), (Some("800.00"), Some("partially_paid")));
    let told = notes(&app, a["lead_id"].as_i64().unwrap()).await.into_iter().filter(|n| n["kind"] == "invoice_paid").count();
    assert_eq!(told, 1, "a's customer told once");

    // GPC: c in full, b more than is left, money sent; a reversal is not a line.
    let gpc = [
        format!("074{:0>16}{:<20}{}", "1234567890", "STUDIO PRONTO", "0605310000000000000000+"),
        gpc_075(vs_c, 2_980_000, '2', "060531", "ADAM NOVAK"),
        gpc_075(vs_b, 9_000_000, '2', "060531", "PETR MALY"),
        gpc_075("0", 50_000, '1', "060531", "NAJEM"),
        gpc_075(vs_a, 100, '5', "060531", "STORNO"),
    ]
    .join("\r\n");
    let r = import(gpc, "gpc").await.expect(200);
    assert_eq!((r["matched"].as_i64(), r["unmatched"].as_i64()), (Some(1), Some(2)), "{r}");
    let reasons: Vec<&str> = r["items"].as_array().unwrap().iter().filter_map(|l| l["reason"].as_str()).collect();
    assert_eq!(reasons, ["overpayment", "not_a_credit"]);
    assert_eq!(app.get(&format!("/api/v1/invoices/{}", id(&c))).await.expect(200)["status"], "paid");

    // The review list: the three, newest first.
    let review = app.get("/api/v1/payments/unmatched").await.expect(200)["items"].as_array().unwrap().clone();
    let refs: Vec<&str> = review.iter().map(|l| l["reason"].as_str().unwrap()).collect();
    assert_eq!(refs, ["not_a_credit", "overpayment", "unknown_reference"]);
    // The unknown 123.00 is b's: assigned by number; the money sent is dismissed; twice is 409.
    let unknown = id(&review[2]);
    let l = app.post(&format!("/api/v1/payments/unmatched/{unknown}/assign"), &json!({ "number": b["number"] })).await.expect(200);
    assert_eq!((l["status"].as_str(), l["invoice_id"].as_i64()), (Some("assigned"), Some(id(&b))));
    assert_eq!(app.get(&format!("/api/v1/invoices/{}", id(&b))).await.expect(200)["paid"], "923.00");
    let sent = id(&review[0]);
    app.post(&format!("/api/v1/payments/unmatched/{sent}/dismiss"), &json!({})).await.expect(200);
    app.post(&format!("/api/v1/payments/unmatched/{sent}/dismiss"), &json!({})).await.problem(409);
    // The overpayment cannot be assigned to b (more than is left): 422.
    let over = id(&review[1]);
    let p = app.post(&format!("/api/v1/payments/unmatched/{over}/assign"), &json!({ "invoice_id": id(&b) })).await.problem(422);
    assert_eq!(p["errors"][0]["field"], "amount", "{p}");
    let left = app.get("/api/v1/payments/unmatched").await.expect(200)["items"].as_array().unwrap().len();
    assert_eq!(left, 1);

    // Bad files are 422 naming the file; a consultant may neither import nor review.
    let p = import("nothing here".into(), "gpc").await.problem(422);
    assert_eq!(p["errors"][0]["field"], "file", "{p}");
    let p = import("a;b\n1;2\n".into(), "csv").await.problem(422);
    assert_eq!(p["errors"][0]["field"], "file", "{p}");
    let p = import(csv, "xml").await.problem(422);
    assert_eq!(p["errors"][0]["field"], "format", "{p}");
    let t = token_of(&app, consultant).await;
    app.get_as(&t, "/api/v1/payments/unmatched").await.problem(403);
    app.send(app.client.request(Method::POST, app.url("/api/v1/payments/import?format=csv")).bearer_auth(&t).body("x")).await.problem(403);
}

async fn an_unpaid_invoice_is_chased_after_its_due_day(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    user(&app, "kamil", "coordinator", "+420 777 000 003").await;
    user(&app, "petra", "manager", "+420 777 000 005").await;
    company(&app).await;
    let unpaid = invoice(&app, "Eva Malá", "eva@example.com").await;
    let paid = invoice(&app, "Petr Malý", "petr@example.com").await;
    let (lu, lp) = (unpaid["lead_id"].as_i64().unwrap(), paid["lead_id"].as_i64().unwrap());
    app.post(&format!("/api/v1/invoices/{}/payments", id(&paid)), &pay("29800.00")).await.expect(201);
    // Due on 16 May (ten days' terms), the day ending at 22:00 UTC; the reminder 3 days later.
    assert_eq!(unpaid["due_date"], "2031-05-16");
    let to_reminder = (13 * 24 + 15) * 3600; // 2031-05-06T07:00Z → 2031-05-19T22:00Z
    let reminders = |ns: &[Value]| ns.iter().filter(|n| n["kind"] == "invoice_reminder").count();
    let has = |ts: &[Value], task: &str| ts.iter().any(|t| t["task"] == task);

    advance(&app, to_reminder - 60).await;
    assert_eq!(app.get(&format!("/api/v1/invoices/{}", id(&unpaid))).await.expect(200)["status"], "overdue");
    assert_eq!(reminders(&notes(&app, lu).await), 0, "not before due + 3 days");
    assert!(!has(&tasks(&app, lu, "open").await, "unpaid_invoice_call"));
    advance(&app, 120).await;
    let ns = notes(&app, lu).await;
    assert_eq!(reminders(&ns), 1, "the customer reminded: {ns:?}");
    assert!(has(&tasks(&app, lu, "open").await, "unpaid_invoice_call"), "the owner calls");
    assert!(!has(&tasks(&app, lu, "open").await, "unpaid_invoice_escalation"));
    // Ten days after the due day: a manager takes the debt.
    advance(&app, 7 * 24 * 3600).await;
    assert!(has(&tasks(&app, lu, "open").await, "unpaid_invoice_escalation"), "escalated to a manager");
    // The paid invoice: nothing, ever.
    assert_eq!(reminders(&notes(&app, lp).await), 0);
    let open = tasks(&app, lp, "open").await;
    assert!(!has(&open, "unpaid_invoice_call") && !has(&open, "unpaid_invoice_escalation"), "{open:?}");
    // Paid late: the owner's call about it is cancelled.
    app.post(&format!("/api/v1/invoices/{}/payments", id(&unpaid)), &json!({ "amount": "29800.00" })).await.expect(201);
    assert!(!has(&tasks(&app, lu, "open").await, "unpaid_invoice_call"));
}

/// The lead card's "Record a payment" (the amount prefilled with what is left, a clear answer of
/// what happened) and the managers' page `/payments` (a statement uploaded, the review list
/// worked); a consultant who does not own the lead gets no form and no page.
async fn the_pages_record_and_review_payments(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let ota = user(&app, "ota", "consultant", "+420 777 000 004").await;
    user(&app, "petra", "manager", "+420 777 000 005").await;
    company(&app).await;
    let inv = invoice(&app, "Eva Malá", "eva@example.com").await;
    let (iid, lid) = (id(&inv), inv["lead_id"].as_i64().unwrap());
    let owner = app.get(&format!("/api/v1/leads/{lid}")).await.expect(200)["owner"]["id"].as_i64().unwrap();
    let (mine, theirs) = if owner == jana { ("jana", "ota") } else { ("ota", "jana") };
    assert!(owner == jana || owner == ota);
    let action = format!("action=\"/leads/{lid}/invoices/{iid}/payments\"");

    let s = sign_in(&app, theirs).await;
    let (code, html) = ui(&app, Method::GET, &format!("/leads/{lid}"), &s, None).await;
    assert_eq!(code, 200);
    assert!(!html.contains(&action), "no payment form for a colleague who does not own the lead");
    assert_eq!(ui(&app, Method::GET, "/payments", &s, None).await.0, 403);

    let s = sign_in(&app, mine).await;
    let (_, html) = ui(&app, Method::GET, &format!("/leads/{lid}"), &s, None).await;
    assert!(html.contains(&action), "the owner records payments");
    assert!(html.contains("value=\"29800.00\""), "the amount is what is left");
    let path = format!("/leads/{lid}/invoices/{iid}/payments");
    let (code, _) = ui(&app, Method::POST, &path, &s, Some(&[("amount", "99999"), ("paid_at", "2031-05-06"), ("reference", "")])).await;
    assert_eq!(code, 303);
    let (_, html) = ui(&app, Method::GET, &format!("/leads/{lid}?payment=over"), &s, None).await;
    assert!(html.contains("more than is left to pay"), "the refusal says why");
    let form = [("amount", "9800.00"), ("paid_at", "2031-05-06"), ("reference", "20310001")];
    let r = app
        .client
        .post(app.url(&path))
        .header("cookie", format!("pronto_session={s}"))
        .header("origin", app.base().trim_end_matches('/'))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let back = r.headers()["location"].to_str().unwrap().to_owned();
    let (_, html) = ui(&app, Method::GET, &back, &s, None).await;
    assert!(html.contains("Payment recorded") && html.contains("20,000.00"), "what is left is said");
    assert_eq!(app.get(&format!("/api/v1/invoices/{iid}")).await.expect(200)["paid"], "9800.00");

    // The manager's page: a statement with one line nobody's; assigned by the invoice's number.
    let m = sign_in(&app, "petra").await;
    let (code, html) = ui(&app, Method::GET, "/payments", &m, None).await;
    assert_eq!(code, 200);
    assert!(html.contains("action=\"/payments/import\"") && html.contains("Nothing to review"));
    let csv = "date;amount;currency;reference;counterparty;message\n2031-05-06;20000,00;CZK;777;Eva Malá;doplatek\n";
    let part = reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("vypis.csv").mime_str("text/csv").unwrap();
    let mp = reqwest::multipart::Form::new().text("format", "csv").part("file", part);
    let r = app
        .client
        .post(app.url("/payments/import"))
        .header("cookie", format!("pronto_session={m}"))
        .header("origin", app.base().trim_end_matches('/'))
        .multipart(mp)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let (_, html) = ui(&app, Method::GET, r.headers()["location"].to_str().unwrap(), &m, None).await;
    assert!(html.contains("0 payments recorded, 1 left for review"), "{html}");
    assert!(html.contains("no invoice has this reference"));
    let line = app.get("/api/v1/payments/unmatched").await.expect(200)["items"][0]["id"].as_i64().unwrap();
    let (code, _) =
        ui(&app, Method::POST, &format!("/payments/lines/{line}/assign"), &m, Some(&[("number", inv["number"].as_str().unwrap())])).await;
    assert_eq!(code, 303);
    let got = app.get(&format!("/api/v1/invoices/{iid}")).await.expect(200);
    assert_eq!((got["paid"].as_str(), got["status"].as_str()), (Some("29800.00"), Some("paid")));
    let (_, html) = ui(&app, Method::GET, "/payments", &m, None).await;
    assert!(html.contains("Nothing to review"));
}
