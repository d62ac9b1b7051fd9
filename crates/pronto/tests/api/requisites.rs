//! The customer's requisites (issue 21) over HTTP with the real binary: entered through the API
//! (`PUT /api/v1/leads/{id}/requisites`, 200), every missing or invalid field named (422), the
//! permission checked before the write (403), the passport data shown only to the owner,
//! managers and admins (each read audited), the customer's confirmation e-mail in the outbox in
//! the lead's language, the playbook's reaction (the task asking for them cancelled); the
//! customer's page asks for them after an accepted offer and takes them through its real form
//! (type chosen first, precise messages keeping what was typed); the lead card's section.

use crate::access::{sign_in, ui};
use crate::agency::{TUESDAY_9, app_at, id, notes, tasks, timeline, token_of, user};
use reqwest::Method;
use serde_json::{Value, json};
use testkit::both;
use testkit::{App, Engine};

both!(requisites_through_the_api, the_customer_enters_them_on_their_page,);

const PASSPORT: &str = "Passport 45123987, issued by MV ČR, valid until 2031-05-01";

fn private() -> Value {
    json!({ "customer_type": "b2c", "full_name": "Eva Malá", "phone": "777 123 456", "email": "Eva@Example.com",
            "address": "Dlouhá 5, 110 00 Praha 1", "id_document": PASSPORT })
}

fn legal() -> Value {
    json!({ "customer_type": "b2b", "company": "Stavby Malá s.r.o.", "company_id": "270 82 440", "vat_id": "CZ27082440",
            "address": "Dlouhá 5, 110 00 Praha 1", "contact_person": "Eva Malá" })
}

async fn lead(app: &App, lang: &str) -> Value {
    app.create_lead(&json!({ "channel": "web", "language": lang,
        "contact": { "name": "Eva Malá", "email": "eva@example.com", "phone": "+420 777 123 456" }, "message": "Nový e-shop" }))
        .await
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"].as_array().unwrap_or_else(|| panic!("no errors in {problem}")).iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect()
}

async fn audit_reads(app: &App) -> Vec<Value> {
    app.get("/api/v1/audit?kind=requisites.id_document_read").await.expect(200)["items"].as_array().unwrap().clone()
}

async fn requisites_through_the_api(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let petr = user(&app, "petr", "consultant", "+420 777 000 002").await;
    let milan = user(&app, "milan", "manager", "+420 777 000 003").await;
    let (jana_t, petr_t, milan_t) = (token_of(&app, jana).await, token_of(&app, petr).await, token_of(&app, milan).await);
    let l = lead(&app, "cs").await;
    let lid = id(&l);
    assert_eq!(l["owner"]["id"], jana);
    let path = format!("/api/v1/leads/{lid}/requisites");
    app.get(&path).await.expect(404);

    // The offer accepted on the customer's page: the agency's playbook asks for the requisites.
    let o = app
        .post(&format!("/api/v1/leads/{lid}/offers"), &json!({ "items": [{ "name": "Website", "quantity": "1", "unit_price": "20000", "vat_rate": "21" }], "valid_until": "2031-05-20" }))
        .await
        .expect(201);
    app.post(&format!("/api/v1/offers/{}/send", id(&o)), &json!({})).await.expect(200);
    let page = l["tracking_url"].as_str().unwrap().to_owned();
    let r = app.client.post(app.url(&format!("{page}/offers/{}", id(&o)))).form(&[("decision", "accept"), ("lang", "cs")]).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let open = tasks(&app, lid, "open").await;
    assert!(open.iter().any(|t| t["task"] == "ask_requisites"), "{open:?}");

    // 403 before anything is read or written: a consultant who neither owns the lead nor has a
    // task on it; the refused write left nothing.
    app.send(app.client.put(app.url(&path)).bearer_auth(&petr_t).json(&private())).await.problem(403);
    app.get(&path).await.expect(404);

    // 422: each missing or invalid field named, with what is wrong.
    for (body, want) in [
        (json!({}), vec!["customer_type"]),
        (json!({ "customer_type": "b2x" }), vec!["customer_type"]),
        (json!({ "customer_type": "b2c" }), vec!["full_name", "phone", "email", "address", "id_document"]),
        ({ let mut b = private(); b["phone"] = json!("12"); b }, vec!["phone"]),
        ({ let mut b = private(); b["email"] = json!("eva@"); b }, vec!["email"]),
        ({ let mut b = private(); b["company_id"] = json!("27082440"); b }, vec!["company_id"]),
        ({ let mut b = legal(); b["company_id"] = json!("26168684"); b }, vec!["company_id"]),
        ({ let mut b = legal(); b["vat_id"] = json!("CZ123"); b }, vec!["vat_id"]),
        ({ let mut b = legal(); b.as_object_mut().unwrap().remove("contact_person"); b }, vec!["contact_person"]),
    ] {
        let p = app.send(app.client.put(app.url(&path)).bearer_auth(&jana_t).json(&body)).await.expect(422);
        assert_eq!(fields(&p), want, "{body}: {p}");
    }
    let p = app.send(app.client.put(app.url(&path)).bearer_auth(&jana_t).json(&{ let mut b = legal(); b["vat_id"] = json!("CZ123"); b })).await.expect(422);
    assert!(p["errors"][0]["message"].as_str().unwrap().contains("CZ followed by 8 to 10 digits"), "{p}");
    let p = app.send(app.client.put(app.url(&path)).bearer_auth(&jana_t).json(&json!({ "customer_type": "b2c" }))).await.expect(422);
    assert!(p["errors"][0]["message"].as_str().unwrap().contains("is required for a private customer (b2c)"), "{p}");
    app.send(app.client.put(app.url("/api/v1/leads/999999/requisites")).bearer_auth(&milan_t).json(&private())).await.problem(404);

    // 200: the owner enters a private customer's details.
    let r = app.send(app.client.put(app.url(&path)).bearer_auth(&jana_t).json(&private())).await.expect(200);
    assert_eq!((r["customer_type"].as_str(), r["phone"].as_str(), r["email"].as_str()), (Some("b2c"), Some("+420777123456"), Some("eva@example.com")));
    assert_eq!((r["source"].as_str(), r["id_document_on_file"].as_bool()), (Some("api"), Some(true)));
    assert!(r.get("id_document").is_none(), "the answer to a write does not open the passport data: {r}");

    // The playbook: the task asking for them is done; the timeline says they arrived.
    let open = tasks(&app, lid, "open").await;
    assert!(!open.iter().any(|t| t["task"] == "ask_requisites"), "{open:?}");
    let tl = timeline(&app, lid).await;
    let ev: Vec<&Value> = tl.iter().filter(|e| e["kind"] == "requisites.received").collect();
    assert_eq!(ev.len(), 1, "{tl:?}");
    assert_eq!((ev[0]["customer_type"].as_str(), ev[0]["source"].as_str()), (Some("b2c"), Some("api")));
    assert!(!serde_json::to_string(&tl).unwrap().contains("45123987"), "the passport data is never on the timeline");

    // The confirmation to the customer, by e-mail in the lead's language (Czech).
    let ns = notes(&app, lid).await;
    let mail: Vec<&Value> = ns.iter().filter(|n| n["kind"] == "requisites_received").collect();
    assert_eq!(mail.len(), 1, "{ns:?}");
    assert_eq!((mail[0]["channel"].as_str(), mail[0]["recipient"]["address"].as_str()), (Some("email"), Some("eva@example.com")));
    assert!(mail[0]["subject"].as_str().unwrap().to_lowercase().contains("vaše údaje jsme obdrželi"), "{}", mail[0]);
    assert!(mail[0]["text"].as_str().unwrap().contains(&page), "the link to their page: {}", mail[0]);
    assert!(!mail[0]["text"].as_str().unwrap().contains("45123987"));

    // Read: the passport data for the owner and a manager (each read audited); omitted for a
    // colleague, whose 403 on the passport data alone is also audited as a denial, not a read.
    assert!(audit_reads(&app).await.is_empty());
    let own = app.get_as(&jana_t, &path).await.expect(200);
    assert_eq!(own["id_document"], PASSPORT);
    let mgr = app.get_as(&milan_t, &path).await.expect(200);
    assert_eq!(mgr["id_document"], PASSPORT);
    let other = app.get_as(&petr_t, &path).await.expect(200);
    assert!(other.get("id_document").is_none() && other["id_document_on_file"] == true, "{other}");
    assert_eq!(other["full_name"], "Eva Malá");
    app.get_as(&petr_t, &format!("{path}/id_document")).await.problem(403);
    let alone = app.get_as(&milan_t, &format!("{path}/id_document")).await.expect(200);
    assert_eq!(alone["id_document"], PASSPORT);
    let reads = audit_reads(&app).await;
    let who: Vec<i64> = reads.iter().map(|r| r["actor"]["id"].as_i64().or(r["actor_id"].as_i64()).unwrap_or(-1)).collect();
    assert_eq!(reads.len(), 3, "{reads:?}");
    assert!(who.contains(&jana) && who.contains(&milan) && !who.contains(&petr), "{reads:?}");
    assert!(reads.iter().all(|r| r["target"] == format!("lead/{lid}")), "{reads:?}");

    // A manager changes them to the company's: the passport data is gone with the private type.
    let r = app.send(app.client.put(app.url(&path)).bearer_auth(&milan_t).json(&legal())).await.expect(200);
    assert_eq!((r["customer_type"].as_str(), r["company_id"].as_str(), r["vat_id"].as_str(), r["country"].as_str()), (Some("b2b"), Some("27082440"), Some("CZ27082440"), Some("CZ")));
    assert_eq!(r["id_document_on_file"], false);
    assert!(app.get_as(&jana_t, &path).await.expect(200).get("id_document").is_none());
    // A b2b confirmation goes to the contact's e-mail.
    let ns = notes(&app, lid).await;
    assert_eq!(ns.iter().filter(|n| n["kind"] == "requisites_received").count(), 2, "{ns:?}");
}

async fn post_form(app: &App, path: &str, form: &[(&str, &str)]) -> (u16, Option<String>, String) {
    let r = app.client.post(app.url(path)).form(form).send().await.unwrap();
    let status = r.status().as_u16();
    let location = r.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
    (status, location, r.text().await.unwrap())
}

async fn get_page(app: &App, path: &str) -> String {
    let r = app.client.get(app.url(path)).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200, "{path}");
    r.text().await.unwrap()
}

async fn the_customer_enters_them_on_their_page(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    user(&app, "petr", "consultant", "+420 777 000 002").await;
    let l = lead(&app, "en").await;
    let lid = id(&l);
    assert_eq!(l["owner"]["id"], jana);
    let page = l["tracking_url"].as_str().unwrap().to_owned();

    // Before an accepted offer the section offers the form; after one, the page asks.
    let html = get_page(&app, &format!("{page}?lang=en")).await;
    assert!(html.contains("You can enter your details for the invoice here.") && !html.contains("id=\"rq-ask\""));
    let o = app
        .post(&format!("/api/v1/leads/{lid}/offers"), &json!({ "items": [{ "name": "Website", "quantity": "1", "unit_price": "20000", "vat_rate": "21" }], "valid_until": "2031-05-20" }))
        .await
        .expect(201);
    app.post(&format!("/api/v1/offers/{}/send", id(&o)), &json!({})).await.expect(200);
    assert_eq!(post_form(&app, &format!("{page}/offers/{}", id(&o)), &[("decision", "accept"), ("lang", "en")]).await.0, 303);
    let html = get_page(&app, &format!("{page}?lang=en")).await;
    assert!(html.contains("id=\"rq-ask\"") && html.contains("Please enter your details"), "the page asks");
    // The type first: the chooser is a GET form (no script); the fields follow the choice.
    assert!(html.contains(&format!("action=\"{page}#requisites\"")) && html.contains("name=\"rq_type\" value=\"b2b\""));
    assert!(!html.contains("name=\"company_id\""), "no fields before the type is chosen");
    let html = get_page(&app, &format!("{page}?lang=en&rq_type=b2b")).await;
    assert!(html.contains(&format!("action=\"{page}/requisites\"")), "the form posts to the page");
    for f in ["company", "company_id", "vat_id", "address", "contact_person"] {
        assert!(html.contains(&format!("name=\"{f}\"")), "no {f} field");
    }
    assert!(!html.contains("name=\"id_document\""), "a company gives no passport data");

    // Refused: each message next to its field, what was typed kept, nothing saved.
    let (status, _, body) = post_form(
        &app,
        &format!("{page}/requisites"),
        &[("lang", "en"), ("customer_type", "b2b"), ("company", "Stavby <Malá> s.r.o."), ("company_id", "26168684"), ("vat_id", "CZ12"), ("address", ""), ("contact_person", "Eva Malá")],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    for want in [
        "id=\"rq-errors\"",
        "id=\"err-company_id\"",
        "This is not a valid company ID",
        "id=\"err-vat_id\"",
        "This is not a valid VAT ID",
        "id=\"err-address\"",
        "Please fill this in.",
        "value=\"Stavby &#60;Malá&#62; s.r.o.\"",
        "value=\"CZ12\"",
    ] {
        assert!(body.contains(want), "no {want:?} in the refused page");
    }
    assert!(!body.contains("id=\"err-company\""), "the company's name was fine");
    assert!(!notes(&app, lid).await.iter().any(|n| n["kind"] == "requisites_received"));
    // In Czech, the same form answers in Czech.
    let (status, _, body) = post_form(&app, &format!("{page}/requisites"), &[("lang", "cs"), ("customer_type", "b2c"), ("full_name", "Eva Malá")]).await;
    assert_eq!(status, 422);
    assert!(body.contains("Vyplňte prosím.") && body.contains("value=\"Eva Malá\""), "{body}");

    // Accepted: back to the page saying so; the same confirmation; the playbook's task done.
    let (status, location, body) = post_form(
        &app,
        &format!("{page}/requisites"),
        &[("lang", "en"), ("customer_type", "b2c"), ("full_name", "Eva Malá"), ("phone", "+420 777 123 456"), ("email", "eva@example.com"), ("address", "Dlouhá 5\n110 00 Praha 1"), ("id_document", PASSPORT)],
    )
    .await;
    assert_eq!(status, 303, "{body}");
    assert_eq!(location.as_deref(), Some(format!("{page}?lang=en&sent=requisites").as_str()));
    let html = get_page(&app, location.as_deref().unwrap()).await;
    assert!(html.contains("we received your details") && html.contains("id=\"rq-have\""), "the page says so");
    assert!(!html.contains("45123987"), "the passport data is never shown back on the page");
    let ns = notes(&app, lid).await;
    let mail: Vec<&Value> = ns.iter().filter(|n| n["kind"] == "requisites_received").collect();
    assert_eq!(mail.len(), 1, "{ns:?}");
    assert_eq!(mail[0]["subject"].as_str().map(|s| s.to_lowercase().contains("we received your details")), Some(true), "{}", mail[0]);
    assert!(!tasks(&app, lid, "open").await.iter().any(|t| t["task"] == "ask_requisites"));
    let r = app.get(&format!("/api/v1/leads/{lid}/requisites")).await.expect(200);
    assert_eq!((r["source"].as_str(), r["id_document"].as_str()), (Some("customer"), Some(PASSPORT)));
    let tl = timeline(&app, lid).await;
    assert!(tl.iter().any(|e| e["kind"] == "requisites.received" && e["source"] == "customer" && e["actor"].is_null()), "{tl:?}");

    // The lead card: a colleague sees the details, the passport data masked, no reveal, no
    // edit; the owner reveals it on an explicit click (audited) and may edit.
    let petr = sign_in(&app, "petr").await;
    let (status, card) = ui(&app, Method::GET, &format!("/leads/{lid}"), &petr, None).await;
    assert_eq!(status, 200);
    assert!(card.contains("id=\"requisites\"") && card.contains("Eva Malá") && card.contains("id=\"rq-id-hidden\""), "the colleague's card");
    assert!(!card.contains("45123987") && !card.contains("id=\"rq-reveal\"") && !card.contains("id=\"rq-edit\""));
    let (status, _) = ui(&app, Method::POST, &format!("/leads/{lid}/requisites/reveal"), &petr, Some(&[])).await;
    assert_eq!(status, 403);
    let (status, _) = ui(&app, Method::GET, &format!("/leads/{lid}/requisites"), &petr, None).await;
    assert_eq!(status, 403);
    let before = audit_reads(&app).await.len();
    let jana_s = sign_in(&app, "jana").await;
    let (_, card) = ui(&app, Method::GET, &format!("/leads/{lid}"), &jana_s, None).await;
    assert!(card.contains("id=\"rq-reveal\"") && card.contains("id=\"rq-edit\"") && !card.contains("45123987"), "masked until asked");
    assert_eq!(audit_reads(&app).await.len(), before, "showing the card reads nothing");
    let (status, card) = ui(&app, Method::POST, &format!("/leads/{lid}/requisites/reveal"), &jana_s, Some(&[])).await;
    assert_eq!(status, 200);
    assert!(card.contains("id=\"rq-id-value\"") && card.contains("45123987"), "revealed on the click");
    assert_eq!(audit_reads(&app).await.len(), before + 1, "the click is audited");

    // The staff's form: refused with the messages, then saved back to the card.
    let (status, form) = ui(&app, Method::GET, &format!("/leads/{lid}/requisites"), &jana_s, None).await;
    assert_eq!(status, 200);
    assert!(form.contains("name=\"full_name\"") && form.contains("value=\"Eva Malá\"") && form.contains("id=\"rq-retype\""), "prefilled, passport to retype");
    let (status, form) = ui(&app, Method::POST, &format!("/leads/{lid}/requisites"), &jana_s, Some(&[("customer_type", "b2b"), ("company", "Stavby Malá s.r.o."), ("company_id", "27082440"), ("vat_id", "DE12"), ("address", "Praha"), ("contact_person", "Eva Malá")])).await;
    assert_eq!(status, 422);
    assert!(form.contains("id=\"err-vat_id\"") && form.contains("value=\"DE12\""), "{form}");
    let (status, _) = ui(&app, Method::POST, &format!("/leads/{lid}/requisites"), &jana_s, Some(&[("customer_type", "b2b"), ("company", "Stavby Malá s.r.o."), ("company_id", "27082440"), ("vat_id", "DE123456789"), ("address", "Praha"), ("contact_person", "Eva Malá")])).await;
    assert_eq!(status, 303);
    let (_, card) = ui(&app, Method::GET, &format!("/leads/{lid}?requisites=saved"), &jana_s, None).await;
    assert!(card.contains("id=\"requisites-notice\"") && card.contains("DE123456789") && card.contains("Stavby Malá s.r.o."), "the card after the save");
}
