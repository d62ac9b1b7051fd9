//! Playbooks as files and versions: `pronto playbook check`, `--playbook FILE`, the API to
//! list, show, draw, check and load them; each lead stays on the version it started with.

use crate::agency::{TUESDAY_9, advance, app_at, id, kinds, notes, tasks, timeline, user};
use serde_json::json;
use std::process::Command;
use testkit::both;
use testkit::{Engine, Options, Storage, spawn_app_on};

both!(versions_and_the_api, a_playbook_file_becomes_the_default, a_custom_playbook_assigns_by_rule_roster_and_hours);

fn pronto() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pronto"))
}

/// The agency playbook with a different first-response time.
fn agency_with_sla(within: &str) -> String {
    pronto_playbook::builtin("agency").unwrap().replace("within = \"10bm\"", &format!("within = \"{within}\""))
}

fn toml_post(app: &testkit::App, path: &str, body: String) -> reqwest::RequestBuilder {
    app.req(reqwest::Method::POST, path).header("content-type", "application/toml").body(body)
}

/// Two nodes on one PostgreSQL, both started with `--playbook FILE`: a version loaded through
/// node A's API runs on node B (a change, a new lead, the timers) and survives B's restart
/// with the file, which says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_playbook_loaded_on_one_node_runs_on_another_and_survives_its_restart() {
    if !testkit::postgres_enabled() {
        eprintln!("SKIPPED: PRONTO_TEST_POSTGRES=off");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ours.toml");
    let ours = pronto_playbook::builtin("agency")
        .unwrap()
        .replace("name = \"agency\"", "name = \"ours\"")
        .replace("languages = [\"en\", \"cs\", \"ru\", \"pl\", \"he\"]\n", "");
    std::fs::write(&file, &ours).unwrap();
    let opts = Options::default().manual_clock(TUESDAY_9).env("PRONTO_PLAYBOOK", file.display());
    let a = spawn_app_on(Storage::new(Engine::Postgres), opts.clone()).await;
    let mut b = spawn_app_on(Storage::sharing(&a.storage), opts).await;

    // Version 2 through A's API: a 30-minute first response instead of 10.
    let v2 = ours.replace("within = \"10bm\"", "within = \"30bm\"");
    assert_ne!(v2, ours);
    let loaded = a.send(toml_post(&a, "/api/v1/playbooks", v2)).await.expect(201);
    assert_eq!(loaded["version"], 2);
    let on_a = id(&a.create_lead(&json!({ "channel": "web", "contact": { "name": "Na A", "phone": "777 030 301" } })).await);
    let waiting = id(&a.create_lead(&json!({ "channel": "web", "contact": { "name": "Čeká", "phone": "777 030 302" } })).await);
    assert_eq!(a.get(&format!("/api/v1/leads/{on_a}")).await.expect(200)["playbook_version"], 2);

    // B changes A's lead and starts its own on version 2.
    b.patch(&format!("/api/v1/leads/{on_a}"), &json!({ "stage": "contacted" })).await.expect(200);
    let on_b = b.create_lead(&json!({ "channel": "web", "contact": { "name": "Na B", "phone": "777 030 303" } })).await;
    assert_eq!(on_b["playbook_version"], 2);
    // B's timers: the 30-minute SLA's breach of a lead A took fires on B, at B's time.
    advance(&b, 31 * 60).await;
    let fired = kinds(&timeline(&b, waiting).await, "timer.fired");
    assert!(fired.iter().any(|e| e["timer"] == "sla:first_response:breach"), "{fired:?}\n{}", b.output());
    let fired = kinds(&timeline(&b, id(&on_b)).await, "timer.fired");
    assert!(fired.iter().any(|e| e["timer"] == "sla:first_response:breach"), "{fired:?}");

    // B restarted with the file: the file is version 1, version 2 stays in force, and B says so.
    b.stop().await;
    b.start().await;
    assert!(b.output().contains("is version 1; version 2, loaded by"), "{}", b.output());
    let pb = b.get("/api/v1/playbooks/ours").await.expect(200);
    assert_eq!((pb["version"].as_i64(), pb["versions"].as_array().map(Vec::len)), (Some(2), Some(2)));
    let after = b.create_lead(&json!({ "channel": "web", "contact": { "name": "Po restartu", "phone": "777 030 304" } })).await;
    assert_eq!(after["playbook_version"], 2);
    b.stop().await;
}

#[test]
fn playbook_check_reports_file_line_column() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.toml");
    std::fs::write(&good, pronto_playbook::builtin("distributor").unwrap()).unwrap();
    let out = pronto().args(["playbook", "check"]).arg(&good).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok — playbook `distributor`"));

    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "name = \"x\"\n[[stages]]\nid = \"a\"\n[[stages]]\nid = \"b\"\n[[rules]]\non = \"lead.received\"\ndo = [{ stage = \"c\" }, { notify = \"role:boss\", channel = \"sms\", template = \"t\" }]\n",
    )
    .unwrap();
    let out = pronto().args(["playbook", "check"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let f = bad.display().to_string();
    assert!(text.contains(&format!("{f}:5:6: stage `b` is unreachable")), "{text}");
    assert!(text.contains(&format!("{f}:8:17: unknown stage `c`")), "{text}");
    assert!(text.contains(&format!("{f}:8:35: unknown role")), "{text}");
    assert_eq!(text.lines().count(), 3, "one line per problem, nothing else: {text}");

    let out = pronto().args(["playbook", "check", "/nonexistent/p.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = pronto().args(["playbook", "show", "agency"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), pronto_playbook::builtin("agency").unwrap());
}

async fn versions_and_the_api(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let list = app.get("/api/v1/playbooks").await.expect(200);
    let names: Vec<&str> = list["items"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["agency", "distributor"]);
    assert_eq!(list["items"][0]["default"], true);
    let agency = app.get("/api/v1/playbooks/agency").await.expect(200);
    assert_eq!(agency["version"], 1);
    assert_eq!(agency["time_zone"], "Europe/Prague");
    assert_eq!(agency["stages"][0]["id"], "received");
    assert!(agency["tasks"]["first_call"]["script"].as_str().unwrap().contains("consultant"));
    assert_eq!(agency["source"], pronto_playbook::builtin("agency").unwrap());
    app.get("/api/v1/playbooks/nope").await.problem(404);
    let svg = app.get("/api/v1/playbooks/distributor/diagram.svg").await;
    assert_eq!(svg.status, 200);
    assert!(svg.header("content-type").unwrap().starts_with("image/svg+xml"));
    assert!(svg.text.starts_with("<svg") && svg.text.contains("Confirmed by the secretary"), "{}", &svg.text[..200.min(svg.text.len())]);

    // A lead on version 1, then version 2 with a 30-minute SLA: the old lead keeps 10 minutes.
    let old = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Starý", "phone": "777 010 101" } })).await);
    let check = app.send(toml_post(&app, "/api/v1/playbooks/check", agency_with_sla("30bm"))).await.expect(200);
    assert_eq!(check["valid"], true);
    let loaded = app.send(toml_post(&app, "/api/v1/playbooks", agency_with_sla("30bm"))).await.expect(201);
    assert_eq!((loaded["name"].as_str(), loaded["version"].as_i64(), loaded["created"].as_bool()), (Some("agency"), Some(2), Some(true)));
    let same = app.send(toml_post(&app, "/api/v1/playbooks", agency_with_sla("30bm"))).await.expect(200);
    assert_eq!((same["version"].as_i64(), same["created"].as_bool()), (Some(2), Some(false)), "the same text is not a new version");
    let new = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Nový", "phone": "777 010 102" } })).await;
    assert_eq!(new["playbook_version"], 2);
    let due = |tl: &[serde_json::Value]| kinds(tl, "sla.started")[0]["due_at"].as_str().unwrap().to_owned();
    assert_eq!(due(&timeline(&app, old).await), "2031-05-06T07:10:00Z");
    assert_eq!(due(&timeline(&app, id(&new)).await), "2031-05-06T07:30:00Z");
    assert_eq!(app.get(&format!("/api/v1/leads/{old}")).await.expect(200)["playbook_version"], 1);
    let v1 = app.get("/api/v1/playbooks/agency?version=1").await.expect(200);
    assert_eq!(v1["version"], 1);
    assert_eq!(v1["versions"].as_array().unwrap().len(), 2);

    // An invalid version is refused with every problem; the last good one stays.
    let broken = agency_with_sla("30bm").replace("template = \"new_lead\"", "template = \"no_such\"");
    let p = app.send(toml_post(&app, "/api/v1/playbooks", broken.clone())).await.problem(422);
    assert!(
        p["errors"].as_array().unwrap().iter().any(|e| e["field"].as_str().unwrap().starts_with("playbook:")
            && e["message"].as_str().unwrap().contains("unknown template `no_such`")),
        "{p}"
    );
    let check = app.send(toml_post(&app, "/api/v1/playbooks/check", broken)).await.expect(200);
    assert_eq!(check["valid"], false);
    assert!(check["problems"][0]["line"].as_u64().unwrap() > 1);
    assert_eq!(app.get("/api/v1/playbooks/agency").await.expect(200)["version"], 2);
    app.send(app.req(reqwest::Method::POST, "/api/v1/playbooks").header("content-type", "application/json").body("{}")).await.problem(415);
    // Only an admin loads playbooks.
    let (_, token) = app.user_with_token("clerk", "secretary").await;
    app.send(
        app.client
            .post(app.url("/api/v1/playbooks"))
            .bearer_auth(&token)
            .header("content-type", "application/toml")
            .body(agency_with_sla("20bm")),
    )
    .await
    .problem(403);
    // A lead naming an unknown playbook is a client's mistake.
    app.post("/api/v1/leads", &json!({ "channel": "web", "playbook": "nope", "contact": { "name": "X" } })).await.invalid(&["playbook"]);
}

/// `--playbook FILE` (here PRONTO_PLAYBOOK) loads a file as the default; an invalid file is
/// refused at start, and a restart with a broken edit keeps the last good version.
async fn a_playbook_file_becomes_the_default(engine: Engine) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ours.toml");
    // A copy under its own name ships no translated titles: it declares no `languages`.
    let ours = pronto_playbook::builtin("agency")
        .unwrap()
        .replace("name = \"agency\"", "name = \"ours\"")
        .replace("languages = [\"en\", \"cs\", \"ru\", \"pl\", \"he\"]\n", "");
    std::fs::write(&file, &ours).unwrap();
    let opts = Options::default().manual_clock(TUESDAY_9).env("PRONTO_PLAYBOOK", file.display());
    let mut app = spawn_app_on(Storage::new(engine), opts).await;
    let lead = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Soubor", "phone": "777 020 202" } })).await;
    assert_eq!((lead["playbook"].as_str(), lead["playbook_version"].as_i64()), (Some("ours"), Some(1)));
    let list = app.get("/api/v1/playbooks").await.expect(200);
    assert!(list["items"].as_array().unwrap().iter().any(|p| p["name"] == "ours" && p["default"] == true), "{list}");

    // A broken edit: the server starts, says why, and keeps version 1 of `ours`.
    app.stop().await;
    std::fs::write(&file, ours.replace("[[rules]]", "[[rulez]]")).unwrap();
    app.start().await;
    let lead = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Dál", "phone": "777 020 203" } })).await;
    assert_eq!((lead["playbook"].as_str(), lead["playbook_version"].as_i64()), (Some("ours"), Some(1)));
    assert!(app.output().contains("ours.toml:"), "the problems are logged with their place: {}", app.output());

    // A file that was never good: Pronto refuses to start.
    let never = dir.path().join("never.toml");
    std::fs::write(&never, "name = \"never\"\nstages = 3\n").unwrap();
    let out = pronto()
        .args(["serve", "--listen", "127.0.0.1:0", "--playbook"])
        .arg(&never)
        .env("PRONTO_DATA_DIR", dir.path().join("data"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("never.toml:2:10"), "{}", String::from_utf8_lossy(&out.stderr));
}

/// What the built-ins cannot show without a company's own logins and systems: assignment by
/// postal code and product to named people, a fixed owner, an on-duty roster, a user's own
/// working hours, a notification to one user, and a webhook.
const CUSTOM: &str = r#"
name = "custom"
calendar = "office"

[calendars.office]
time_zone = "Europe/Prague"
hours = { mon = "08:00-18:00", tue = "08:00-18:00", wed = "08:00-18:00", thu = "08:00-18:00", fri = "08:00-18:00" }

[[stages]]
id = "new"
next = ["done"]

[[stages]]
id = "done"
status = "won"

[templates.hello]
text = "Lead {lead.id} for {owner.name}"

[tasks.call]
title = "Call"
kind = "call"

[assignment.regional]
strategy = "roster"
roster = [
  { days = "mon-fri", hours = "08:00-12:00", user = "morning" },
  { days = "mon-fri", hours = "12:00-18:00", user = "afternoon" },
]
rules = [
  { when = { postal_code = ["100-199"] }, to = "user:prague" },
  { when = { product = "eshop" }, to = "role:specialist" },
]

[assignment.boss]
strategy = "fixed"
user = "prague"
keep_owner = false

[[rules]]
on = "lead.received"
do = [
  { assign = "regional" },
  { task = "call" },
  { notify = "user:prague", channel = "in_app", template = "hello" },
  { webhook = "https://crm.example.com/hooks/pronto", template = "hello" },
]

[[rules]]
on = "field.changed"
when = { field = "source", source = "boss" }
do = [{ assign = "boss" }]
"#;

async fn a_custom_playbook_assigns_by_rule_roster_and_hours(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await; // 09:00 in Prague
    let prague = user(&app, "prague", "manager", "+420 777 100 001").await;
    let morning = user(&app, "morning", "consultant", "+420 777 100 002").await;
    let afternoon = user(&app, "afternoon", "consultant", "+420 777 100 003").await;
    let spec = user(&app, "spec", "specialist", "+420 777 100 004").await;
    app.send(toml_post(&app, "/api/v1/playbooks", CUSTOM.to_owned())).await.expect(201);
    let lead = |extra: serde_json::Value| {
        let mut body = json!({ "channel": "api", "playbook": "custom", "contact": { "name": "C", "phone": format!("777 {:06}", testkit::random_u64() % 1_000_000) } });
        body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        body
    };
    let owner = |v: &serde_json::Value| v["owner"]["id"].as_i64();
    // Rules first: a Prague postal code goes to `prague`, an e-shop to a specialist.
    assert_eq!(owner(&app.create_lead(&lead(json!({ "postal_code": "110 00" }))).await), Some(prague));
    assert_eq!(owner(&app.create_lead(&lead(json!({ "product": "eshop" }))).await), Some(spec));
    // Otherwise the roster: the morning shift at 09:00 …
    let l = app.create_lead(&lead(json!({}))).await;
    assert_eq!(owner(&l), Some(morning));
    let reason = kinds(&timeline(&app, id(&l)).await, "lead.assigned");
    assert!(reason[0]["reason"].as_str().unwrap().contains("on duty: Morning"), "{reason:?}");
    // … and at 13:00 the afternoon shift, unless their own hours say they are not in yet.
    advance(&app, 4 * 3600).await;
    assert_eq!(owner(&app.create_lead(&lead(json!({}))).await), Some(afternoon));
    app.send(app.req(reqwest::Method::PATCH, &format!("/api/v1/users/{afternoon}")).json(&json!({
        "hours": { "time_zone": "Europe/Prague", "hours": { "mon": "14:00-18:00", "tue": "14:00-18:00" } } })))
        .await
        .expect(200);
    app.send(app.req(reqwest::Method::PATCH, &format!("/api/v1/users/{afternoon}")).json(&json!({ "hours": { "hours": { "xyz": "1" } } })))
        .await
        .invalid(&["hours"]);
    let l = app.create_lead(&lead(json!({}))).await;
    assert_eq!(owner(&l), None, "the one on duty is outside their own hours: nobody");
    let failed = kinds(&timeline(&app, id(&l)).await, "assignment.failed");
    assert!(failed[0]["reason"].as_str().unwrap().contains("outside their working hours"), "{failed:?}");
    // A notification to one user by login, and a webhook with the lead.
    let ns = notes(&app, id(&l)).await;
    assert!(
        ns.iter().any(|n| n["channel"] == "in_app" && n["recipient"]["user_id"] == prague && n["text"] == format!("Lead {} for", id(&l))),
        "{ns:?}"
    );
    let hook: Vec<_> = ns.iter().filter(|n| n["channel"] == "webhook").collect();
    assert_eq!(hook.len(), 1, "{ns:?}");
    assert_eq!(hook[0]["recipient"]["address"], "https://crm.example.com/hooks/pronto");
    assert_eq!(tasks(&app, id(&l), "open").await.len(), 1);
    // field.changed with a condition on the new value: a fixed owner.
    app.patch(&format!("/api/v1/leads/{}", id(&l)), &json!({ "source": "boss" })).await.expect(200);
    assert_eq!(owner(&app.get(&format!("/api/v1/leads/{}", id(&l))).await.expect(200)), Some(prague));
}
