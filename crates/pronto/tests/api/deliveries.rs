//! Delivery, the quality call and complaints (issue 21, items 5 and 6) over HTTP with the real
//! binary and the manual clock, on both engines, with the built-in distributor (its office in
//! Moscow, UTC+3): the driver's pack made by its durable timer at 18:00 the evening before (and
//! at once for a delivery today), the delivery note as a PDF, the driver's page; delivered → the
//! quality call a week later; a negative answer → a complaint in management's table with the
//! representative and the channel, managers told in-app and by e-mail, resolved with a note,
//! exported as CSV and XLSX, counted by the feedback report; a consultant may not read them;
//! every refusal names its field.

use crate::access::{sign_in, ui};
use crate::agency::{advance, app_at, id, kinds, notes, tasks, timeline, to_user, token_of, user};
use reqwest::Method;
use serde_json::{Value, json};
use std::process::Command;
use testkit::both;
use testkit::{App, Engine};

both!(the_pack_is_made_the_evening_before_or_on_the_day, delivered_then_the_quality_call_and_a_complaint_for_management,);

/// Tuesday 2031-05-06, 09:00 in Moscow.
const TUESDAY_9_MSK: &str = "2031-05-06T06:00:00Z";

async fn request(app: &App, name: &str, phone: &str) -> i64 {
    let body = json!({ "channel": "web", "playbook": "distributor", "subject": "Article 4711",
        "contact": { "name": name, "phone": phone, "email": "olga@example.ru" } });
    id(&app.create_lead(&body).await)
}

async fn fetch(app: &App, path: &str) -> (u16, String, Vec<u8>) {
    let r = app.client.get(app.url(path)).header("authorization", format!("Bearer {}", app.token)).send().await.unwrap();
    let ct = r.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    (r.status().as_u16(), ct, r.bytes().await.unwrap().to_vec())
}

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

async fn the_pack_is_made_the_evening_before_or_on_the_day(engine: Engine) {
    let app = app_at(engine, TUESDAY_9_MSK).await;
    user(&app, "sveta", "secretary", "+7 916 000 00 01").await;
    user(&app, "ivan", "manager", "+7 916 000 00 02").await;
    let l = request(&app, "Olga Petrova", "+7 916 123 45 67").await;

    // Refusals name their field.
    let path = format!("/api/v1/leads/{l}/deliveries");
    for (body, field) in [
        (json!({ "date": "2031-05-05", "address": "Tverskaya 1" }), "date"),
        (json!({ "date": "Thursday", "address": "Tverskaya 1" }), "date"),
        (json!({ "address": "Tverskaya 1" }), "date"),
        (json!({ "date": "2031-05-08" }), "address"),
        (json!({ "date": "2031-05-08", "address": "  " }), "address"),
        (json!({ "date": "2031-05-08", "address": "Tverskaya 1", "driver": "a\u{7}b" }), "driver"),
    ] {
        let p = app.post(&path, &body).await.problem(422);
        assert_eq!(p["errors"][0]["field"], field, "{body}: {p}");
    }
    app.post("/api/v1/leads/999999/deliveries", &json!({ "date": "2031-05-08", "address": "x" })).await.problem(404);

    // Thursday: the pack at 18:00 on Wednesday, Moscow time.
    let d = app.post(&path, &json!({ "date": "2031-05-08", "address": "Tverskaya 1, Moscow", "driver": "Pavel" })).await.expect(201);
    for key in ["id", "status", "documents"] {
        assert!(d.get(key).is_some(), "{key} in {d}");
    }
    let did = id(&d);
    assert_eq!((d["status"].as_str(), d["documents"].clone()), (Some("planned"), json!([])));
    assert_eq!(d["pack_at"], "2031-05-07T15:00:00Z", "18:00 the evening before in Moscow");
    assert_eq!(kinds(&timeline(&app, l).await, "delivery.planned").len(), 1);
    let (status, _, _) = fetch(&app, &format!("/api/v1/deliveries/{did}/delivery_note.pdf")).await;
    assert_eq!(status, 404, "no delivery note before the pack");

    advance(&app, 33 * 3600 - 1).await;
    assert_eq!(app.get(&format!("/api/v1/deliveries/{did}")).await.expect(200)["status"], "planned", "not a second early");
    advance(&app, 1).await;
    let d = app.get(&format!("/api/v1/deliveries/{did}")).await.expect(200);
    assert_eq!(d["status"], "pack_ready", "{d}");
    assert_eq!(d["pack_ready_at"], "2031-05-07T15:00:00Z");
    assert_eq!(d["documents"], json!([{ "kind": "delivery_note", "url": format!("/api/v1/deliveries/{did}/delivery_note.pdf") }]));
    assert_eq!(kinds(&timeline(&app, l).await, "delivery.pack_ready").len(), 1);
    assert_eq!(app.get(&format!("/api/v1/leads/{l}/deliveries")).await.expect(200)["items"], json!([d.clone()]));

    // The delivery note, read back.
    let (status, ct, pdf) = fetch(&app, &format!("/api/v1/deliveries/{did}/delivery_note.pdf")).await;
    assert_eq!((status, ct.as_str()), (200, "application/pdf"), "{}", String::from_utf8_lossy(&pdf));
    let words = pdf_text(&pdf);
    for want in ["Tverskaya 1, Moscow", "Pavel", "Olga Petrova", &format!("2031-{did:04}")] {
        assert!(words.contains(want), "{want} in {words}");
    }

    // Today (Wednesday, after 18:00 in Moscow): the pack at once.
    let today = app.post(&path, &json!({ "date": "2031-05-07", "address": "Arbat 2" })).await.expect(201);
    assert_eq!(today["status"], "pack_ready", "{today}");
    assert_eq!(today["pack_at"], today["pack_ready_at"]);

    // The driver's page for Thursday: one printable page with the customer, address, phone, the
    // documents and "Mark delivered".
    let session = sign_in(&app, "sveta").await;
    let (status, html) = ui(&app, Method::GET, "/deliveries?date=2031-05-08", &session, None).await;
    assert_eq!(status, 200);
    for want in [
        "Olga Petrova",
        "Tverskaya 1, Moscow",
        "+79161234567",
        &format!("/api/v1/deliveries/{did}/delivery_note.pdf"),
        &format!("action=\"/deliveries/{did}/delivered\""),
        "data-print",
    ] {
        assert!(html.contains(want), "{want} on the driver's page");
    }
    assert!(!html.contains("Arbat 2"), "another day's delivery");
    let (status, html) = ui(&app, Method::GET, "/deliveries?date=nope", &session, None).await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"delivery-error\""));
    // The lead card's section lists it.
    let (_, card) = ui(&app, Method::GET, &format!("/leads/{l}"), &session, None).await;
    assert!(card.contains("id=\"delivery\"") && card.contains("Tverskaya 1, Moscow"), "the card's delivery section");
    // Marked delivered from the driver's page.
    let (status, _) = ui(&app, Method::POST, &format!("/deliveries/{did}/delivered"), &session, Some(&[])).await;
    assert_eq!(status, 303);
    assert_eq!(app.get(&format!("/api/v1/deliveries/{did}")).await.expect(200)["status"], "delivered");
}

async fn complaint_rows(app: &App, query: &str) -> Vec<Value> {
    app.get(&format!("/api/v1/complaints{query}")).await.expect(200)["items"].as_array().unwrap().clone()
}

async fn delivered_then_the_quality_call_and_a_complaint_for_management(engine: Engine) {
    let app = app_at(engine, TUESDAY_9_MSK).await;
    let sveta = user(&app, "sveta", "secretary", "+7 916 000 00 01").await;
    let ivan = user(&app, "ivan", "manager", "+7 916 000 00 02").await;
    let kate = user(&app, "kate", "consultant", "+7 916 000 00 03").await;
    let l = request(&app, "Olga Petrova", "+7 916 123 45 67").await;
    let first = app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["owner"]["id"].as_i64().unwrap();
    assert_eq!(first, sveta);
    app.patch(&format!("/api/v1/leads/{l}"), &json!({ "stage": "paid" })).await.expect(200);
    let d = id(&app
        .post(&format!("/api/v1/leads/{l}/deliveries"), &json!({ "date": "2031-05-06", "address": "Tverskaya 1" }))
        .await
        .expect(201));

    // Delivered: not in the future; once.
    let p = app.post(&format!("/api/v1/deliveries/{d}/delivered"), &json!({ "at": "2031-05-06T07:00:00Z" })).await.problem(422);
    assert_eq!(p["errors"][0]["field"], "at");
    let p = app.post(&format!("/api/v1/deliveries/{d}/delivered"), &json!({ "at": "yesterday" })).await.problem(422);
    assert_eq!(p["errors"][0]["field"], "at");
    let done = app.post(&format!("/api/v1/deliveries/{d}/delivered"), &json!({ "at": TUESDAY_9_MSK })).await.expect(200);
    assert_eq!((done["status"].as_str(), done["delivered_at"].as_str()), (Some("delivered"), Some(TUESDAY_9_MSK)));
    app.post(&format!("/api/v1/deliveries/{d}/delivered"), &json!({})).await.problem(409);
    assert_eq!(kinds(&timeline(&app, l).await, "delivery.done").len(), 1);
    assert_eq!(app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["stage"], "delivered", "the playbook's delivery.done");

    // The quality call a week later (the rule's 7d), with the seed's script.
    advance(&app, 7 * 86_400 - 1).await;
    assert!(tasks(&app, l, "open").await.iter().all(|t| t["task"] != "quality_call"), "not before a week");
    advance(&app, 1).await;
    let open = tasks(&app, l, "open").await;
    let call = open.iter().find(|t| t["task"] == "quality_call").unwrap_or_else(|| panic!("{open:?}"));
    assert_eq!(call["role"], "secretary");
    assert!(call["script"].as_str().unwrap().contains("essence of the complaint"), "{call}");

    // Negative without the substance: refused naming the note; nothing recorded.
    let p = app.post(&format!("/api/v1/tasks/{}/complete", id(call)), &json!({ "outcome": "negative" })).await.problem(422);
    assert_eq!(p["errors"][0]["field"], "note", "{p}");
    assert!(complaint_rows(&app, "").await.is_empty());
    assert!(tasks(&app, l, "open").await.iter().any(|t| t["task"] == "quality_call"), "the task is still open");
    let text = "The door of the cabinet was scratched; the customer wants a replacement.";
    // The representative is the lead's owner when the complaint is recorded (the unconfirmed
    // request went to the manager on the way).
    let owner = app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["owner"]["id"].as_i64().unwrap();
    app.post(&format!("/api/v1/tasks/{}/complete", id(call)), &json!({ "outcome": "negative", "note": text })).await.expect(200);

    // In management's table, with the representative and the channel.
    let items = complaint_rows(&app, "").await;
    assert_eq!(items.len(), 1, "{items:?}");
    let k = &items[0];
    for key in ["id", "lead_id", "owner", "channel", "text", "created_at", "status"] {
        assert!(k.get(key).is_some(), "{key} in {k}");
    }
    assert_eq!((k["lead_id"].as_i64(), k["owner"]["id"].as_i64(), k["channel"].as_str()), (Some(l), Some(owner), Some("web")));
    assert_eq!((k["text"].as_str(), k["status"].as_str()), (Some(text), Some("open")));
    assert_eq!(k["created_at"], "2031-05-13T06:00:00Z");
    assert_eq!(kinds(&timeline(&app, l).await, "complaint.recorded").len(), 1);
    let lead = app.get(&format!("/api/v1/leads/{l}")).await.expect(200);
    assert_eq!(lead["status"], "won");
    // Managers are told, in-app and by e-mail.
    let ns = notes(&app, l).await;
    assert_eq!(to_user(&ns, ivan, "in_app").iter().filter(|n| n["kind"] == "complaint").count(), 1, "{ns:?}");
    assert_eq!(to_user(&ns, ivan, "email").iter().filter(|n| n["kind"] == "complaint").count(), 1, "{ns:?}");

    // A consultant may not read or resolve them.
    let kt = token_of(&app, kate).await;
    assert_eq!(app.get_as(&kt, "/api/v1/complaints").await.status, 403);
    assert_eq!(app.post_as(&kt, &format!("/api/v1/complaints/{}/resolve", id(k)), &json!({ "note": "x" })).await.status, 403);
    let it = token_of(&app, ivan).await;
    assert_eq!(app.get_as(&it, "/api/v1/complaints").await.status, 200, "a manager reads them");

    // Filters.
    assert_eq!(complaint_rows(&app, "?status=open").await.len(), 1);
    assert!(complaint_rows(&app, "?status=resolved").await.is_empty());
    assert_eq!(complaint_rows(&app, "?from=2031-05-13&to=2031-05-13").await.len(), 1);
    assert!(complaint_rows(&app, "?from=2031-05-14").await.is_empty());
    assert_eq!(app.get("/api/v1/complaints?status=maybe").await.problem(422)["errors"][0]["field"], "status");
    assert_eq!(app.get("/api/v1/complaints?from=soon").await.problem(422)["errors"][0]["field"], "from");

    // CSV and XLSX.
    let (status, ct, csv) = fetch(&app, "/api/v1/complaints?format=csv").await;
    assert_eq!((status, ct.as_str()), (200, "text/csv; charset=utf-8"));
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.contains("Olga Petrova") && csv.contains("scratched") && csv.contains(if owner == ivan { "Ivan" } else { "Sveta" }),
        "{csv}"
    );
    let (status, ct, xlsx) = fetch(&app, "/api/v1/complaints?format=xlsx").await;
    assert_eq!((status, ct.as_str()), (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    assert!(xlsx.starts_with(b"PK"), "a zip");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.xlsx"), &xlsx).unwrap();
    let out = Command::new("unzip").arg("-p").arg(dir.path().join("c.xlsx")).arg("xl/sharedStrings.xml").output().expect("unzip");
    assert!(String::from_utf8_lossy(&out.stdout).contains("scratched"), "the XLSX holds the complaint");

    // The feedback report counts it, per channel and per representative.
    let r = app.get("/api/v1/reports/feedback?group_by=channel").await.expect(200);
    assert_eq!(r["total"]["complaints"], 1, "{r}");
    let r = app.get("/api/v1/reports/feedback?group_by=owner").await.expect(200);
    let g = r["groups"].as_array().unwrap().iter().find(|g| g["value"] == owner.to_string()).unwrap_or_else(|| panic!("{r}"));
    assert_eq!(g["complaints"], 1, "{r}");

    // Filtered by channel and representative; the sales report counts it and links exactly it
    // (the complaint is not copied into the report).
    assert_eq!(complaint_rows(&app, "?channel=web").await.len(), 1);
    assert!(complaint_rows(&app, "?channel=phone").await.is_empty());
    assert_eq!(complaint_rows(&app, &format!("?owner={owner}")).await.len(), 1);
    assert!(complaint_rows(&app, "?owner=none").await.is_empty());
    assert_eq!(app.get("/api/v1/complaints?channel=fax").await.problem(422)["errors"][0]["field"], "channel");
    assert_eq!(app.get("/api/v1/complaints?owner=someone").await.problem(422)["errors"][0]["field"], "owner");
    let s = app.get("/api/v1/reports/sales").await.expect(200);
    assert_eq!((s["total"]["complaints"].as_i64(), s["total"]["quality_negative"].as_i64()), (Some(1), Some(1)), "{s}");
    for (side, value) in [("by_channel", "web".to_owned()), ("by_representative", owner.to_string())] {
        let line = s[side].as_array().unwrap().iter().find(|g| g["value"] == value.as_str()).unwrap_or_else(|| panic!("{side}: {s}"));
        assert_eq!(line["complaints"], 1, "{line}");
        assert!(line.get("text").is_none(), "counted, not copied: {line}");
        let url = line["complaints_url"].as_str().unwrap();
        let listed = complaint_rows(&app, url.strip_prefix("/complaints").unwrap()).await;
        assert_eq!(listed.iter().map(|k| id(k)).collect::<Vec<_>>(), vec![id(k)], "{url}");
    }

    // The page for managers; resolved with a note.
    let session = sign_in(&app, "ivan").await;
    let (status, html) = ui(&app, Method::GET, "/complaints", &session, None).await;
    assert_eq!(status, 200);
    assert!(html.contains("scratched") && html.contains(&format!("action=\"/complaints/{}/resolve\"", id(k))), "the table");
    let (_, html) = ui(&app, Method::GET, "/complaints?channel=phone", &session, None).await;
    assert!(!html.contains("scratched") && html.contains("<option value=\"phone\" selected"), "filtered by channel");
    let (_, html) = ui(&app, Method::GET, &format!("/complaints?owner={owner}"), &session, None).await;
    assert!(html.contains("scratched"), "filtered by representative");
    let consultant = sign_in(&app, "kate").await;
    assert_eq!(ui(&app, Method::GET, "/complaints", &consultant, None).await.0, 403);
    let p = app.post(&format!("/api/v1/complaints/{}/resolve", id(k)), &json!({ "note": " " })).await.problem(422);
    assert_eq!(p["errors"][0]["field"], "note");
    let r = app.post(&format!("/api/v1/complaints/{}/resolve", id(k)), &json!({ "note": "Replaced the door." })).await.expect(200);
    assert_eq!((r["status"].as_str(), r["resolution"].as_str()), (Some("resolved"), Some("Replaced the door.")));
    app.post(&format!("/api/v1/complaints/{}/resolve", id(k)), &json!({ "note": "again" })).await.problem(409);
    assert_eq!(complaint_rows(&app, "?status=resolved").await.len(), 1);
    assert_eq!(kinds(&timeline(&app, l).await, "complaint.resolved").len(), 1);
}
