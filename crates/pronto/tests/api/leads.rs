//! Leads through the API: create / get / list / patch / timeline, duplicate detection,
//! idempotency, cursor pagination, filters and text search.

use jiff::Timestamp;
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use testkit::both;
use testkit::{Engine, spawn_app};

both!(lead_round_trip, duplicates_join_one_contact, idempotency_key_creates_once, pagination_walks_every_lead_once, filters_and_search);

fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("no id in {v}"))
}

fn ts(v: &Value) -> Timestamp {
    let s = v.as_str().unwrap_or_else(|| panic!("not a time: {v}"));
    s.parse().unwrap_or_else(|e| panic!("not RFC 3339 ({e}): {s}"))
}

fn ids(items: &[Value]) -> Vec<i64> {
    items.iter().map(id).collect()
}

async fn lead_round_trip(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.me().await;
    assert_eq!(admin["login"], "admin");
    assert_eq!(admin["role"], "admin");
    let before = Timestamp::now();

    let created = app
        .post(
            "/api/v1/leads",
            &json!({
                "channel": "phone",
                "contact": { "name": "Jana Nováková", "email": "Jana.Novakova@Example.com", "phone": "+420 777 123 456",
                             "company": "Kuchyně Nováková s.r.o.", "company_id": "26168685" },
                "customer_type": "b2b",
                "subject": "Nová kuchyň",
                "message": "Dobrý den,\nchtěla bych nabídku.",
                "postal_code": "110 00",
                "product": "kitchen",
                "language": "cs",
                "source": "integration-test",
                "an_unknown_field": { "is": "ignored" }
            }),
        )
        .await;
    let lead = created.expect(201);
    let lead_id = id(&lead);
    assert!(lead_id > 0);
    assert_eq!(lead["channel"], "phone");
    assert_eq!(lead["status"], "open");
    let first_stage = lead["stage"].as_str().expect("stage").to_owned();
    assert!(lead["owner"].is_null(), "{lead}");
    assert_eq!(lead["contact"]["name"], "Jana Nováková");
    assert_eq!(lead["contact"]["phone"], "+420777123456", "E.164");
    assert!(lead["contact"]["email"].as_str().unwrap().eq_ignore_ascii_case("jana.novakova@example.com"), "{lead}");
    assert!(lead["contact"]["id"].as_i64().is_some());
    assert_eq!(lead["customer_type"], "b2b");
    assert_eq!(lead["subject"], "Nová kuchyň");
    assert_eq!(lead["message"], "Dobrý den,\nchtěla bych nabídku.");
    assert_eq!(lead["product"], "kitchen");
    assert_eq!(lead["playbook"], "agency", "the default playbook");
    assert!(lead["first_response_at"].is_null());
    assert_eq!(lead["entered_by"]["id"], admin["id"], "the creating token's user entered it: {lead}");
    assert_eq!(lead["entered_by"]["name"], admin["name"]);
    let received = ts(&lead["received_at"]);
    assert!(received >= before - jiff::SignedDuration::from_secs(5) && received <= Timestamp::now() + jiff::SignedDuration::from_secs(5));
    assert!(lead["received_at"].as_str().unwrap().len() >= 20, "RFC 3339 with offset");

    // GET gives the same document.
    let got = app.get(&format!("/api/v1/leads/{lead_id}")).await.expect(200);
    assert_eq!(got, lead);

    // PATCH: stage, owner and another field, then status, then clearing a field.
    let patched = app
        .patch(&format!("/api/v1/leads/{lead_id}"), &json!({ "stage": "contacted", "owner": admin["id"], "subject": "Kuchyň a koupelna" }))
        .await
        .expect(200);
    assert_eq!(patched["stage"], "contacted");
    assert_eq!(patched["owner"]["id"], admin["id"]);
    assert_eq!(patched["owner"]["name"], admin["name"]);
    assert_eq!(patched["subject"], "Kuchyň a koupelna");
    assert_eq!(patched["message"], lead["message"], "untouched fields stay");
    let patched = app.patch(&format!("/api/v1/leads/{lead_id}"), &json!({ "status": "junk" })).await.expect(200);
    assert_eq!(patched["status"], "junk");
    assert_eq!(patched["stage"], "contacted");
    let patched = app.patch(&format!("/api/v1/leads/{lead_id}"), &json!({ "product": null })).await.expect(200);
    assert!(patched["product"].is_null(), "null clears: {patched}");
    let got = app.get(&format!("/api/v1/leads/{lead_id}")).await.expect(200);
    assert_eq!(got["stage"], "contacted");
    assert_eq!(got["status"], "junk");
    assert_eq!(got["owner"]["id"], admin["id"]);
    assert_eq!(got["subject"], "Kuchyň a koupelna");
    assert!(got["product"].is_null());
    assert_eq!(got["contact"], lead["contact"]);

    // Invalid patches change nothing.
    app.patch(&format!("/api/v1/leads/{lead_id}"), &json!({ "stage": "nonsense" })).await.invalid(&["stage"]);
    app.patch(&format!("/api/v1/leads/{lead_id}"), &json!({ "status": "maybe", "customer_type": "b3b" }))
        .await
        .invalid(&["status", "customer_type"]);
    let unknown_owner = app.patch(&format!("/api/v1/leads/{lead_id}"), &json!({ "owner": 999_999 })).await;
    assert!((400..500).contains(&unknown_owner.status), "an unknown owner is the client's mistake: {unknown_owner:?}");
    let still = app.get(&format!("/api/v1/leads/{lead_id}")).await.expect(200);
    assert_eq!(still["status"], "junk");
    assert_eq!(still["owner"]["id"], admin["id"], "an unknown owner is refused, not stored: {still}");

    // Timeline: oldest first, everything that happened.
    let timeline = app.get(&format!("/api/v1/leads/{lead_id}/timeline")).await.expect(200);
    let items = timeline["items"].as_array().expect("items");
    let kinds: Vec<&str> = items.iter().map(|i| i["kind"].as_str().expect("kind")).collect();
    assert_eq!(kinds.first(), Some(&"lead.received"), "{kinds:?}");
    for want in ["lead.stage_changed", "lead.assigned", "lead.status_changed", "lead.updated"] {
        assert!(kinds.contains(&want), "timeline lacks {want}: {kinds:?}");
    }
    assert_eq!(kinds.iter().filter(|k| **k == "lead.received").count(), 1, "{kinds:?}");
    let pos = |k: &str| kinds.iter().position(|x| *x == k).unwrap();
    assert!(pos("lead.stage_changed") < pos("lead.status_changed"), "oldest first: {kinds:?}");
    let mut last = None;
    for item in items {
        let at = ts(&item["at"]);
        if let Some(prev) = last {
            assert!(at >= prev, "timeline not oldest first: {timeline}");
        }
        last = Some(at);
    }
    let stage_changed = &items[pos("lead.stage_changed")];
    assert_eq!(stage_changed["actor"]["id"], admin["id"], "{stage_changed}");
    assert_eq!(stage_changed["to"], "contacted", "{stage_changed}");
    assert_eq!(stage_changed["from"], first_stage.as_str(), "{stage_changed}");

    // Listed.
    let list = app.get("/api/v1/leads").await.expect(200);
    assert_eq!(ids(list["items"].as_array().unwrap()), vec![lead_id]);
    assert!(list["next_cursor"].is_null());

    // Not found.
    app.get("/api/v1/leads/987654321").await.problem(404);
    app.get("/api/v1/leads/987654321/timeline").await.problem(404);
    app.patch("/api/v1/leads/987654321", &json!({ "stage": "won" })).await.problem(404);
    app.get("/api/v1/leads/not-a-number").await.problem(404);
}

async fn duplicates_join_one_contact(engine: Engine) {
    let app = spawn_app(engine).await;
    let lead = |contact: Value| {
        let app = &app;
        async move { app.create_lead(&json!({ "channel": "phone", "contact": contact })).await }
    };

    // One phone number in three notations.
    let a = lead(json!({ "name": "Jana Nováková", "phone": "+420 777 123 456" })).await;
    let b = lead(json!({ "name": "J. Nováková", "phone": "777123456" })).await;
    let c = lead(json!({ "phone": "00420 777-123-456" })).await;
    let contact = a["contact"]["id"].as_i64().unwrap();
    for l in [&a, &b, &c] {
        assert_eq!(l["contact"]["id"], contact, "same phone, same contact: {l}");
        assert_eq!(l["contact"]["phone"], "+420777123456");
    }

    // One e-mail address in two letter cases.
    let d = lead(json!({ "name": "Petr Svoboda", "email": "Petr.Svoboda@Example.COM" })).await;
    let e = lead(json!({ "name": "Petr Svoboda", "email": "petr.svoboda@example.com" })).await;
    let mail_contact = d["contact"]["id"].as_i64().unwrap();
    assert_eq!(e["contact"]["id"], mail_contact, "e-mail letter case: {d} {e}");
    assert_ne!(mail_contact, contact);

    // Never on the name alone.
    let f = lead(json!({ "name": "Karel Novák" })).await;
    let g = lead(json!({ "name": "Karel Novák" })).await;
    assert_ne!(f["contact"]["id"], g["contact"]["id"], "a name alone must not merge");
    let h = lead(json!({ "name": "Jana Nováková", "phone": "+420 602 000 111" })).await;
    assert_ne!(h["contact"]["id"], contact, "same name, other phone: other contact");

    // A new address arriving with a known phone joins, and is known afterwards.
    let i = lead(json!({ "phone": "777 123 456", "email": "jana@novakova.example" })).await;
    assert_eq!(i["contact"]["id"], contact);
    let j = lead(json!({ "email": "JANA@Novakova.example" })).await;
    assert_eq!(j["contact"]["id"], contact, "the e-mail learned with the phone identifies the contact");

    // The same company id in two notations is the same company.
    let k = lead(json!({ "name": "Eva Malá", "email": "eva@firma.example", "company": "Firma a.s.", "company_id": "26168685" })).await;
    let l = lead(json!({ "name": "Adam Velký", "email": "adam@firma.example", "company": "FIRMA", "company_id": "261 68 685" })).await;
    let company = k["company"]["id"].as_i64().unwrap_or_else(|| panic!("lead has no company: {k}"));
    assert_eq!(l["company"]["id"], company, "same IČO: {k} {l}");
    assert_eq!(k["company"]["company_id"], l["company"]["company_id"]);
    let m = lead(json!({ "name": "Other", "email": "other@else.example", "company": "Firma a.s." })).await;
    assert_ne!(m["company"]["id"], company, "a company name alone must not merge: {m}");
    // The company shows both people and both leads.
    let firm = app.get(&format!("/api/v1/companies/{company}")).await.expect(200);
    assert_eq!(firm["company_id"], "26168685");
    assert_eq!(firm["contacts"].as_array().map(Vec::len), Some(2), "{firm}");
    let firm_leads: BTreeSet<i64> = ids(firm["leads"].as_array().expect("leads")).into_iter().collect();
    assert_eq!(firm_leads, BTreeSet::from([id(&k), id(&l)]), "{firm}");
    app.get("/api/v1/companies/999999").await.problem(404);

    // The contact shows every lead of the person, and their activities.
    app.post(&format!("/api/v1/leads/{}/activities", id(&a)), &json!({ "kind": "note", "body": "called back later" })).await.expect(201);
    let detail = app.get(&format!("/api/v1/contacts/{contact}")).await.expect(200);
    assert_eq!(detail["id"], contact);
    assert_eq!(detail["phone"], "+420777123456");
    let lead_ids: BTreeSet<i64> = ids(detail["leads"].as_array().expect("leads")).into_iter().collect();
    assert_eq!(lead_ids, BTreeSet::from([id(&a), id(&b), id(&c), id(&i), id(&j)]), "{detail}");
    let identities = detail["identities"].as_array().expect("identities");
    assert!(identities.iter().any(|x| x["kind"] == "phone" && x["value"] == "+420777123456"), "{detail}");
    assert!(
        identities.iter().any(|x| x["kind"] == "email" && x["value"].as_str().unwrap().eq_ignore_ascii_case("jana@novakova.example")),
        "{detail}"
    );
    let activities = detail["activities"].as_array().expect("activities");
    assert_eq!(activities.len(), 1, "{detail}");
    assert_eq!(activities[0]["body"], "called back later");

    let detail = app.get(&format!("/api/v1/contacts/{mail_contact}")).await.expect(200);
    let lead_ids: BTreeSet<i64> = ids(detail["leads"].as_array().unwrap()).into_iter().collect();
    assert_eq!(lead_ids, BTreeSet::from([id(&d), id(&e)]));
    app.get("/api/v1/contacts/987654321").await.problem(404);
}

async fn idempotency_key_creates_once(engine: Engine) {
    let app = spawn_app(engine).await;
    let body = json!({ "channel": "api", "contact": { "name": "Ida Potentní", "email": "ida@example.com" }, "message": "only once" });
    let post = |key: Option<&str>, body: &Value| {
        let mut rb = app.req(Method::POST, "/api/v1/leads").json(body);
        if let Some(k) = key {
            rb = rb.header("Idempotency-Key", k);
        }
        app.send(rb)
    };

    let first = post(Some("order-1"), &body).await;
    let lead = first.expect(201);
    assert_ne!(first.header("idempotent-replayed"), Some("true"), "the first request is not a replay");
    let again = post(Some("order-1"), &body).await;
    assert_eq!(again.expect(201)["id"], lead["id"], "same key, same lead");
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(app.all_leads("").await.len(), 1, "the repeat created nothing");

    // The same key with another body is a conflict, and changes nothing.
    let other = json!({ "channel": "api", "contact": { "name": "Someone Else", "email": "else@example.com" } });
    post(Some("order-1"), &other).await.problem(409);
    assert_eq!(app.all_leads("").await.len(), 1);
    assert_eq!(post(Some("order-1"), &body).await.expect(201)["id"], lead["id"], "the key still means the first lead");

    // Other keys and no key create.
    let second = post(Some("order-2"), &body).await.expect(201);
    assert_ne!(second["id"], lead["id"]);
    let third = post(None, &body).await.expect(201);
    assert_ne!(third["id"], lead["id"]);
    assert_ne!(third["id"], second["id"]);
    assert_eq!(app.all_leads("").await.len(), 3);
    let timeline = app.get(&format!("/api/v1/leads/{}/timeline", id(&lead))).await.expect(200);
    let received = timeline["items"].as_array().unwrap().iter().filter(|i| i["kind"] == "lead.received").count();
    assert_eq!(received, 1, "a replay adds no event: {timeline}");

    // A bad key is the client's mistake.
    let bad = post(Some(&"k".repeat(300)), &body).await;
    assert!((400..500).contains(&bad.status), "{}: {}", bad.status, bad.text);
}

async fn pagination_walks_every_lead_once(engine: Engine) {
    let app = spawn_app(engine).await;
    let mut created = Vec::new();
    for i in 0..45 {
        let lead = app.create_lead(&json!({ "channel": "web", "contact": { "name": format!("Page Lead {i:02}") } })).await;
        created.push(id(&lead));
    }

    let mut walked: Vec<Value> = Vec::new();
    let mut sizes = Vec::new();
    let mut cursor: Option<String> = None;
    let mut late = None;
    for page_no in 0.. {
        assert!(page_no < 10, "more pages than 45 leads / 10 need");
        let path = match &cursor {
            None => "/api/v1/leads?limit=10".to_owned(),
            Some(c) => format!("/api/v1/leads?limit=10&cursor={}", testkit::urlencode(c)),
        };
        let page = app.get(&path).await.expect(200);
        let items = page["items"].as_array().expect("items");
        sizes.push(items.len());
        walked.extend(items.iter().cloned());
        if page_no == 0 {
            // A lead arriving during the walk must not shift the later pages.
            late = Some(id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Late Lead" } })).await));
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(sizes, vec![10, 10, 10, 10, 5]);
    let walked_ids = ids(&walked);
    let distinct: BTreeSet<i64> = walked_ids.iter().copied().collect();
    assert_eq!(distinct.len(), 45, "every lead exactly once: {walked_ids:?}");
    assert_eq!(distinct, created.iter().copied().collect::<BTreeSet<_>>());
    let newest_first: Vec<i64> = created.iter().rev().copied().collect();
    assert_eq!(walked_ids, newest_first, "newest first");
    for pair in walked.windows(2) {
        assert!(ts(&pair[0]["received_at"]) >= ts(&pair[1]["received_at"]), "newest first by received_at");
    }

    // Everything on one page, and the late lead first.
    let all = app.get("/api/v1/leads?limit=200").await.expect(200);
    assert_eq!(all["items"].as_array().unwrap().len(), 46);
    assert!(all["next_cursor"].is_null());
    assert_eq!(all["items"][0]["id"], late.unwrap());
    // Exactly `limit` left: no empty page after it.
    let page = app.get("/api/v1/leads?limit=46").await.expect(200);
    assert_eq!(page["items"].as_array().unwrap().len(), 46);
    assert!(page["next_cursor"].is_null(), "no next page when nothing is left");
    // Default limit.
    let page = app.get("/api/v1/leads").await.expect(200);
    assert!(!page["items"].as_array().unwrap().is_empty());

    for bad in ["limit=0", "limit=201", "limit=ten"] {
        app.get(&format!("/api/v1/leads?{bad}")).await.invalid(&["limit"]);
    }
    let junk = app.get("/api/v1/leads?cursor=bm90LWEtY3Vyc29y").await;
    assert!(junk.status == 400 || junk.status == 422, "a junk cursor is the client's mistake: {} {}", junk.status, junk.text);
}

async fn filters_and_search(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.me().await;
    // A specialist: the agency playbook hands new leads to consultants, and this test wants
    // to set owners by hand.
    let (consultant, consultant_token) = app.user_with_token("filter.consultant", "specialist").await;

    let l1 = app
        .create_lead(
            &json!({ "channel": "web", "contact": { "name": "Jana Nováková", "email": "jana@example.cz" }, "subject": "Kuchyň na míru" }),
        )
        .await;
    let l2 = app
        .create_lead(&json!({ "channel": "phone", "contact": { "name": "Petr Dvořák", "phone": "+420 602 111 222" }, "message": "Hledám žluťoučkého koně" }))
        .await;
    let l3 = app
        .create_lead(
            &json!({ "channel": "email", "contact": { "name": "Eva Malá", "email": "eva@example.cz", "company": "Stavby Říčany" } }),
        )
        .await;
    let l4 = app.create_lead(&json!({ "channel": "phone", "contact": { "name": "Jan Novak", "phone": "603 333 444" } })).await;
    let (i1, i2, i3, i4) = (id(&l1), id(&l2), id(&l3), id(&l4));

    app.patch(&format!("/api/v1/leads/{i2}"), &json!({ "stage": "contacted" })).await.expect(200);
    app.patch(&format!("/api/v1/leads/{i3}"), &json!({ "owner": consultant["id"] })).await.expect(200);
    app.patch(&format!("/api/v1/leads/{i1}"), &json!({ "owner": admin["id"] })).await.expect(200);
    app.patch(&format!("/api/v1/leads/{i4}"), &json!({ "status": "junk" })).await.expect(200);

    let set = |v: &[i64]| v.iter().copied().collect::<BTreeSet<i64>>();
    let check = |query: &'static str, want: BTreeSet<i64>| {
        let app = &app;
        async move {
            let got: BTreeSet<i64> = ids(&app.all_leads(query).await).into_iter().collect();
            assert_eq!(got, want, "GET /api/v1/leads?{query}");
        }
    };
    check("", set(&[i1, i2, i3, i4])).await;
    check("channel=phone", set(&[i2, i4])).await;
    check("channel=in_person", set(&[])).await;
    check("stage=contacted", set(&[i2])).await;
    check("status=junk", set(&[i4])).await;
    check("status=open", set(&[i1, i2, i3])).await;
    check("owner=me", set(&[i1])).await;
    check("owner=none", set(&[i2, i4])).await;
    let by_consultant: BTreeSet<i64> = ids(&app.all_leads(&format!("owner={}", consultant["id"])).await).into_iter().collect();
    assert_eq!(by_consultant, set(&[i3]));
    let mine = app.get_as(&consultant_token, "/api/v1/leads?owner=me").await.expect(200);
    assert_eq!(ids(mine["items"].as_array().unwrap()), vec![i3], "`me` is the caller");

    // Search ignores case and diacritics, over contact, company, subject and message.
    check("q=novakova", set(&[i1])).await;
    check("q=NOV%C3%81KOV%C3%81", set(&[i1])).await; // NOVÁKOVÁ
    check("q=Nov%C3%A1kov%C3%A1", set(&[i1])).await; // Nováková
    check("q=novak", set(&[i1, i4])).await;
    check("q=jana%20novakova", set(&[i1])).await;
    check("q=kuchyn", set(&[i1])).await;
    check("q=ZLUTOUCKEHO", set(&[i2])).await;
    check("q=ricany", set(&[i3])).await;
    check("q=dvorak&channel=phone", set(&[i2])).await;
    check("q=dvorak&channel=web", set(&[])).await;
    check("q=novak&status=open", set(&[i1])).await;
    check("q=nobody-is-called-this", set(&[])).await;
    check("q=%25", set(&[])).await; // `%` is literal, not a wildcard

    app.get("/api/v1/leads?stage=nonsense").await.invalid(&["stage"]);
    app.get("/api/v1/leads?status=nonsense").await.invalid(&["status"]);
    app.get("/api/v1/leads?channel=fax").await.invalid(&["channel"]);
    app.get("/api/v1/leads?owner=somebody").await.invalid(&["owner"]);
}
