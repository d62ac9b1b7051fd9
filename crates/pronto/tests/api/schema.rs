//! The OpenAPI description is exact: schemathesis (PyPI) generates requests from
//! `/api/openapi.json` and checks every answer with `--checks all` — no 5xx, answers and
//! headers as described, what the schema allows is accepted (`positive_data_acceptance`) and
//! what it forbids is refused (`negative_data_rejection`). The server runs on SQLite with the
//! manual clock and holds data first (users, leads with tasks, notifications, activities,
//! e-mails, a webhook, a message override, a customer document), so ids resolve and the
//! operations are exercised beyond their 404s.
//!
//! Excluded operations, and why (see [`EXCLUDED`]): the two that take `application/toml`
//! (schemathesis cannot serialise TOML: "Serialization not possible"), the endless SSE stream,
//! and the clock's advance (it moves the whole server's time by up to ten years, firing every
//! timer, which changes what every other operation sees and takes long).
//!
//! Needs `schemathesis` on PATH (`pip install schemathesis==4.32.5`; `.ci/run` installs it).
//! `PRONTO_SCHEMATHESIS_ARGS` adds arguments (e.g. `--include-path-regex /tasks` while
//! working on one resource).

use crate::agency::{TUESDAY_9, id, tasks};
use testkit::{App, Engine, Options, spawn_app_with};
use serde_json::json;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The version CI installs (`.ci/run`).
pub const SCHEMATHESIS: &str = "4.32.5";

/// Cases per operation and phase; with the seed, the run is the same every time.
const MAX_EXAMPLES: u32 = 15;

/// The whole run's limit (it takes two to four minutes on two busy cores).
const RUN_LIMIT: Duration = Duration::from_secs(600);

/// Operations schemathesis does not run (by operationId), and why.
pub const EXCLUDED: &[(&str, &str)] = &[
    ("load", "POST /api/v1/playbooks takes application/toml, which schemathesis cannot generate"),
    ("check", "POST /api/v1/playbooks/check takes application/toml, which schemathesis cannot generate"),
    ("stream", "GET /api/v1/events/stream is a server-sent event stream that never ends"),
    ("put_calendar", "PUT /api/v1/company/calendar: a calendar's validity (a zone's name, a day's end after its start, a break inside the day) is about meaning; tests/api/setup.rs covers it"),
    ("put_logo", "PUT /api/v1/company/logo takes an image's bytes, checked by their content (PNG, JPEG, WebP), which schemathesis cannot generate"),
    ("import_products", "POST /api/v1/products/import takes a catalogue file (text/csv) whose rows' meaning (article numbers, decimal prices, currencies) schemathesis cannot generate; tests/api/catalogue.rs covers it"),
    ("put_requisites", "PUT /api/v1/leads/{id}/requisites: a phone number, an e-mail address, an IČO's checksum and a VAT id's format per country are about meaning; tests/api/requisites.rs covers it"),
    ("issue_invoice", "POST /api/v1/leads/{id}/invoices: whether the offer is this lead's, accepted and not yet invoiced, and whether the requisites exist, is about meaning; tests/api/invoices.rs covers it"),
    ("put_invoicing", "PUT /api/v1/company/invoicing: an IBAN's checksum, a number pattern's placeholders and the ids' formats are about meaning; tests/api/invoices.rs covers it"),
    ("request_purchase", "POST /api/v1/leads/{id}/purchases: whether the offer is this lead's and accepted, and whether the catalogue names a supplier for its lines, is about meaning; tests/api/purchases.rs covers it"),
    ("import_statement", "POST /api/v1/payments/import takes a bank statement (CSV or GPC) whose rows' meaning schemathesis cannot generate; tests/api/payments.rs covers it"),
    ("attach_supplier_invoice", "POST /api/v1/purchases/{id}/supplier-invoice takes a file with its number and amount as multipart/form-data, bounded in size; tests/api/purchases.rs covers it"),
    ("unmatched", "GET /api/v1/payments/unmatched: the stateful phase follows its links to assign a line with the invoice's id as a JSON float (315.0), which the integer field refuses; tests/api/payments.rs covers the review list"),
    ("advance_clock", "POST /api/v1/clock/advance moves the whole server's clock (up to ten years), firing every timer"),
    ("plan_delivery", "POST /api/v1/leads/{id}/deliveries: a delivery day not in the past in the office's zone is about meaning; tests/api/deliveries.rs covers it"),
    ("mark_delivered", "POST /api/v1/deliveries/{id}/delivered: not in the future, and once only (the second example is a 409); tests/api/deliveries.rs covers it"),
    ("run_canary", "POST /api/v1/canary/run sends real test inquiries through the installation's channels; whether a named channel is set up here is about the installation (422 when not); tests/api/canary.rs covers it"),
    ("resolve_complaint", "POST /api/v1/complaints/{id}/resolve: once only (the second example is a 409), a note of text not only spaces; tests/api/deliveries.rs covers it"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_nothing() {
    let version = std::process::Command::new("schemathesis").arg("--version").output();
    let version = match version {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_owned(),
        _ => panic!(
            "schemathesis is not installed: `python3 -m pip install schemathesis=={SCHEMATHESIS}` (.ci/run does it); \
             this test checks /api/openapi.json against the server with it"
        ),
    };
    // The mailbox test's generated addresses are on this machine (`imap-url` in the hooks):
    // allow-listed, as an operator would for a mailbox inside the network.
    let options = Options::default().manual_clock(TUESDAY_9).env("PRONTO_WEBHOOK_ALLOW", "127.0.0.1");
    let app = spawn_app_with(Engine::Sqlite, options).await;
    fill(&app).await;
    let mut cmd = tokio::process::Command::new("schemathesis");
    cmd.arg("run")
        .arg(app.url("/api/openapi.json"))
        .args(["--checks", "all", "--seed", "1", "--max-examples", &MAX_EXAMPLES.to_string()])
        // A durable commit can take seconds on a machine busy with builds: `max_response_time`
        // (10 s by default) is a load test, not what this test is about.
        // One worker: Hypothesis describes strategies with Python's `ast`, which is not safe to
        // call from two threads ("AST constructor recursion depth mismatch", a runtime error).
        .args(["--workers", "1", "--request-timeout", "60", "--max-response-time", "60", "--no-color"])
        .args(["--suppress-health-check", "all", "--warnings", "off"])
        .arg("-H")
        .arg(format!("Authorization: Bearer {}", app.token));
    for (op, _) in EXCLUDED {
        cmd.args(["--exclude-operation-id", op]);
    }
    if let Ok(extra) = std::env::var("PRONTO_SCHEMATHESIS_ARGS") {
        cmd.args(extra.split_whitespace());
    }
    // schemathesis keeps a cache of past crashes in `.schemathesis/` under its working
    // directory and replays them: each run starts from nothing, in the server's temp dir.
    cmd.current_dir(app.storage.dir.path());
    // The hooks teach the generator the rules JSON Schema cannot say (see the file).
    let hooks = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api");
    cmd.env("PYTHONPATH", &hooks).env("SCHEMATHESIS_HOOKS", "schemathesis_hooks");
    cmd.env("NO_COLOR", "1").env("SCHEMATHESIS_TELEMETRY", "false").stdin(Stdio::null()).kill_on_drop(true);
    let started = Instant::now();
    let out = match tokio::time::timeout(RUN_LIMIT, cmd.output()).await {
        Ok(Ok(out)) => out,
        Ok(Err(e)) => panic!("cannot run schemathesis: {e}"),
        Err(_) => panic!("schemathesis did not finish within {RUN_LIMIT:?}"),
    };
    let report = format!("{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    eprintln!("{version}, {:.0} s:\n{report}", started.elapsed().as_secs_f64());
    assert!(
        out.status.success(),
        "schemathesis found operations whose description does not match the server (report above; \
         fix the utoipa annotations in crates/web/src/api and dto.rs, or the server)"
    );
    assert!(report.contains("passed"), "schemathesis ran no test case:\n{report}");
}

/// Fills the server through the API, so the ids schemathesis draws from examples resolve.
async fn fill(app: &App) {
    let jana = crate::agency::user(app, "jana", "consultant", "+420 777 000 001").await;
    crate::agency::user(app, "olga", "coordinator", "+420 777 000 002").await;
    crate::agency::user(app, "petr", "manager", "+420 777 000 003").await;
    crate::agency::token_of(app, jana).await;
    let mut leads = Vec::new();
    for (i, (name, channel)) in [("Eva Dvořáková", "web"), ("Petr Novák", "phone"), ("Acme s.r.o.", "email"), ("Lída", "in_person")].iter().enumerate()
    {
        let lead = app
            .create_lead(&json!({
                "channel": channel,
                "contact": { "name": name, "phone": format!("777 444 55{i}"), "email": format!("customer{i}@example.com"),
                             "company": "Acme s.r.o.", "company_id": "25596641" },
                "subject": "A new web site", "message": "Please call me.", "language": "en", "source": "schema-test"
            }))
            .await;
        leads.push(id(&lead));
    }
    let l = leads[0];
    app.post(&format!("/api/v1/leads/{l}/activities"), &json!({ "kind": "note", "body": "Wants an offer" })).await.expect(201);
    app.post(&format!("/api/v1/leads/{l}/emails"), &json!({ "text": "Dear Eva, thank you.", "subject": "Your inquiry" })).await.expect(201);
    app.patch(&format!("/api/v1/leads/{}", leads[1]), &json!({ "owner": jana })).await.expect(200);
    let open = tasks(app, l, "open").await;
    if let Some(t) = open.first() {
        crate::agency::complete(app, id(t), "no_answer").await;
    }
    app.post("/api/v1/webhooks", &json!({ "url": "https://hooks.example.com/pronto", "events": ["lead.*"] })).await.expect(201);
    app.send(app.req(reqwest::Method::PUT, "/api/v1/messages/agency/new_lead/en").json(&json!({ "text": "Thank you, we will call." })))
        .await;
}
