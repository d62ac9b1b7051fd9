//! `pronto backup FILE` and `pronto restore FILE` (issue 19, item 7), on both engines: a
//! backup taken while `pronto serve` runs, restored into a new database and data directory,
//! keeps every lead, document (its bytes), stored file, customer link and login; a restore
//! refuses a target that holds data and a backup of a newer schema.

use crate::agency::user;
use crate::cli::{pronto, text};
use serde_json::json;
use std::io::{Read, Write};
use testkit::both;
use testkit::{Engine, Options, Storage, spawn_app_on};

both!(a_backup_taken_while_serving_restores_leads_documents_links_and_logins);

const PUBLIC: &str = "https://crm.example.com";

async fn sign_in(app: &testkit::App, login: &str, password: &str) -> u16 {
    let r = app
        .client
        .post(app.url("/login"))
        .header("origin", app.base())
        .form(&[("login", login), ("password", password)])
        .send()
        .await
        .unwrap();
    r.status().as_u16()
}

/// The same archive with its manifest's schema version raised to `version`.
fn with_schema(from: &std::path::Path, to: &std::path::Path, version: i64) {
    let mut src = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut w = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..src.len() {
        let mut e = src.by_index(i).unwrap();
        let name = e.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        if name == "manifest.json" {
            let mut m: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            m["schema_version"] = json!(version);
            bytes = serde_json::to_vec(&m).unwrap();
        }
        w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(&bytes).unwrap();
    }
    w.finish().unwrap();
}

async fn a_backup_taken_while_serving_restores_leads_documents_links_and_logins(engine: Engine) {
    let opts = || Options::default().env("PRONTO_PUBLIC_URL", PUBLIC);
    let app = spawn_app_on(Storage::new(engine), opts()).await;
    user(&app, "jana", "consultant", "+420 601 000 001").await;
    let mut leads = Vec::new();
    for (i, name) in ["Eva Dvořáková", "Karel Novák", "Zoë O'Brien"].iter().enumerate() {
        leads.push(
            app.create_lead(&json!({ "channel": "web", "language": "en",
                "contact": { "name": name, "email": format!("c{i}@example.com"), "phone": format!("+420 777 123 45{i}") },
                "message": "Potřebuji web" }))
                .await,
        );
    }
    let lid = leads[0]["id"].as_i64().unwrap();
    let page = leads[0]["tracking_url"].as_str().unwrap().strip_prefix(PUBLIC).unwrap().to_owned();
    let pdf = b"%PDF-1.4\nSCAN-OF-THE-CONTRACT-4242\n%%EOF".to_vec();
    let part = reqwest::multipart::Part::bytes(pdf.clone()).file_name("contract.pdf").mime_str("application/pdf").unwrap();
    let form = reqwest::multipart::Form::new().text("lang", "en").part("file", part);
    let r = app.client.post(app.url(&format!("{page}/upload"))).multipart(form).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 303);
    // A stored mail attachment (content-addressed under the data directory).
    let sha = "ab".repeat(32);
    let stored = app.storage.dir.path().join("attachments").join("ab").join(&sha);
    std::fs::create_dir_all(stored.parent().unwrap()).unwrap();
    std::fs::write(&stored, b"attachment bytes \x00\x01\x02").unwrap();
    // The company's profile: a row the migrations seed, replaced by the backup's.
    let company = json!({ "name": "Pekárna Svoboda s.r.o.", "accent": "#1a6cff" });
    app.send(app.req(reqwest::Method::PUT, "/api/v1/company").json(&company)).await.expect(200);
    let before = app.get("/api/v1/leads?limit=100").await.expect(200);
    let docs_before = app.get(&format!("/api/v1/leads/{lid}/documents")).await.expect(200);

    // Online: the server keeps running while the backup is taken.
    let out_dir = tempfile::tempdir().unwrap();
    let archive = out_dir.path().join("pronto-backup.zip");
    let b = pronto(&app.storage, &["backup", archive.to_str().unwrap()]);
    assert!(b.status.success(), "{}{}", text(&b.stdout), text(&b.stderr));
    assert!(text(&b.stdout).contains("1 stored file(s)"), "{}", text(&b.stdout));
    let again = pronto(&app.storage, &["backup", archive.to_str().unwrap()]);
    assert!(!again.status.success() && text(&again.stderr).contains("exists already"), "{}", text(&again.stderr));
    app.get("/api/v1/leads?limit=1").await.expect(200);

    let target = Storage::new(engine);
    let newer = out_dir.path().join("newer.zip");
    with_schema(&archive, &newer, 9999);
    let r = pronto(&target, &["restore", newer.to_str().unwrap()]);
    assert!(!r.status.success());
    assert!(text(&r.stderr).contains("schema version 9999, newer than this pronto knows"), "{}", text(&r.stderr));

    let r = pronto(&target, &["restore", archive.to_str().unwrap()]);
    assert!(r.status.success(), "{}{}", text(&r.stdout), text(&r.stderr));
    assert!(text(&r.stdout).contains("restored"), "{}", text(&r.stdout));
    let twice = pronto(&target, &["restore", archive.to_str().unwrap()]);
    assert!(!twice.status.success());
    assert!(text(&twice.stderr).contains("is not empty") && !text(&twice.stderr).contains("conflict:"), "{}", text(&twice.stderr));
    let copied = target.dir.path().join("attachments").join("ab").join(&sha);
    assert_eq!(std::fs::read(&copied).unwrap(), b"attachment bytes \x00\x01\x02", "the stored file came back byte for byte");

    let restored = spawn_app_on(target, opts()).await;
    // Every lead, as it was.
    let after = restored.get("/api/v1/leads?limit=100").await.expect(200);
    assert_eq!(after["items"], before["items"]);
    assert_eq!(restored.get("/api/v1/company").await.expect(200)["name"], "Pekárna Svoboda s.r.o.");
    // The document and its bytes.
    let docs = restored.get(&format!("/api/v1/leads/{lid}/documents")).await.expect(200);
    assert_eq!(docs, docs_before);
    let d = restored.send(restored.req(reqwest::Method::GET, docs["items"][0]["url"].as_str().unwrap())).await;
    assert_eq!(d.status, 200);
    assert_eq!(d.text.as_bytes(), pdf.as_slice());
    // The customer's link still opens their page (the installation key travelled).
    let p = restored.client.get(restored.url(&page)).header("accept-language", "en").send().await.unwrap();
    assert_eq!(p.status().as_u16(), 200);
    assert!(p.text().await.unwrap().contains("Eva"), "the customer's page greets them");
    let unknown = restored.client.get(restored.url("/t/AAAAAAAAAAAAAAAAAAAAAA")).send().await.unwrap();
    assert_eq!(unknown.status().as_u16(), 404, "only real links open a page");
    // Logins work; a wrong password does not.
    assert_eq!(sign_in(&restored, "jana", "a long enough password").await, 303);
    assert_ne!(sign_in(&restored, "jana", "not the password at all").await, 303);
    // New rows get new ids (the sequences moved past the restored rows).
    let next = restored.create_lead(&json!({ "channel": "web", "contact": { "name": "Nová", "phone": "+420 777 999 000" } })).await;
    assert!(next["id"].as_i64().unwrap() > leads.iter().map(|l| l["id"].as_i64().unwrap()).max().unwrap());
}
