//! Six users' journeys walked in real Chromium on a seeded registry, each recorded by the
//! journey recorder ([`crate::journey`]): the actions taken (taps, fields typed, choices,
//! addresses) and the time. Each test asserts that the journey completes — its end state is on
//! the screen — and that it took no more actions than its budget; the seconds are written to
//! `docs/usability-measured.json`, never asserted. docs/usability.md explains the figures.
//!
//! The registry: `pronto demo`'s history (300 inquiries over 18 days, both playbooks, the
//! demo team) filled once per test run on the manual clock, ending on Tuesday 2031-05-20 at
//! 09:00 in Prague; every test copies it and starts its own server at that moment.
//!
//! Run them: `cargo test -p pronto --test api --locked -- journeys:: --test-threads 2`.

use crate::browser::Browser;
use crate::journey::Journey;
use pronto_domain::clock::ManualClock;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use testkit::{App, Engine, Options, Storage, spawn_app_on};

/// Tuesday 09:00 in Prague (summer time), 10:00 in Moscow: both offices are open.
pub const NOW: &str = "2031-05-20T07:00:00Z";
/// The seeded registry: inquiries, over days up to [`NOW`].
const SEED_LEADS: u64 = 300;
const SEED_DAYS: u32 = 18;
pub const PASSWORD: &str = "a long enough password";
/// Who signs in (created before the demo fills the rest of its team; the same logins and
/// names as `pronto demo`'s team).
const STAFF: &[(&str, &str, &str)] = &[
    ("jitka", "Jitka Malá", "consultant"),
    ("zdenek", "Zdeněk Bartoš", "manager"),
    ("sveta", "Světlana Ivanova", "secretary"),
];
/// The admin's password (testkit's `PRONTO_ADMIN_PASSWORD`).
const ADMIN_PASSWORD: &str = "it-admin-password-1234";

static SEED: OnceLock<PathBuf> = OnceLock::new();

/// Fills the registry once per test process (in its own thread and runtime) and returns the
/// folder of its SQLite files.
fn seed_template() -> &'static Path {
    SEED.get_or_init(|| {
        std::thread::spawn(|| tokio::runtime::Runtime::new().expect("runtime").block_on(make_seed()))
            .join()
            .expect("seeding the registry")
    })
}

async fn make_seed() -> PathBuf {
    use pronto_domain::user::Role;
    use pronto_domain::values::{Email, Line, Login, Phone, Region};
    use pronto_store::{NewUserRecord, StoreOptions};
    let dir = tempfile::Builder::new().prefix("journeys-seed-").tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("seed dir").keep();
    let url = format!("sqlite://{}", dir.join("pronto.db").display());
    let end: jiff::Timestamp = NOW.parse().unwrap();
    let clock = Arc::new(ManualClock::new(end - jiff::SignedDuration::from_hours(24 * SEED_DAYS as i64)));
    let store = pronto_store::open(&url, clock.clone(), StoreOptions { bulk_fill: true, ..StoreOptions::default() }).await.expect("open the seed");
    let hash = |p: &str| {
        let p = p.to_owned();
        async move { pronto_web::auth::hash_password(p).await.expect("hash") }
    };
    store.ensure_admin(hash(ADMIN_PASSWORD).await).await.expect("admin");
    for (n, (login, name, role)) in STAFF.iter().enumerate() {
        store
            .create_user(NewUserRecord {
                login: Login::parse(login).unwrap(),
                name: Line::parse(name, 200).unwrap(),
                role: Role::parse(role).unwrap(),
                phone: Some(Phone::parse(&format!("+420 777 300 {n:03}"), Region::default()).unwrap()),
                email: Some(Email::parse(&format!("{login}@demo.example")).unwrap()),
                password_hash: Some(hash(PASSWORD).await),
                actor: None,
            })
            .await
            .expect("staff");
    }
    let args = pronto::demo::DemoArgs { leads: SEED_LEADS, days: SEED_DAYS, concurrency: 64 };
    let filled = pronto::demo::fill(store.clone(), &clock, &args, end).await.expect("demo fill");
    eprintln!("journeys: seeded {} leads, {} actions in {:.1} s", filled.leads, filled.actions, filled.seconds);
    store.close().await;
    // The SQLite checkpointer thread notices the close within 100 ms; the files are copied after.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    dir
}

/// A server on a copy of the seeded registry, its clock standing at [`NOW`].
pub async fn seeded_app() -> App {
    let template = tokio::task::spawn_blocking(|| seed_template().to_owned()).await.expect("seed");
    let storage = Storage::new(Engine::Sqlite);
    for f in ["pronto.db", "pronto.db-wal", "pronto.db-shm"] {
        let from = template.join(f);
        if from.exists() {
            std::fs::copy(&from, storage.dir.path().join(f)).expect("copy the seed");
        }
    }
    spawn_app_on(storage, Options::default().manual_clock(NOW)).await
}

/// The users, by login.
pub async fn users(app: &App) -> Vec<Value> {
    app.get("/api/v1/users").await.expect(200)["items"].as_array().cloned().unwrap_or_default()
}

pub async fn user_id(app: &App, login: &str) -> i64 {
    users(app).await.iter().find(|u| u["login"] == login).and_then(|u| u["id"].as_i64()).unwrap_or_else(|| panic!("no user {login}"))
}

/// The other consultants are in a meeting: the next inquiry is `login`'s.
pub async fn only_available_consultant(app: &App, login: &str) {
    for u in users(app).await {
        if u["role"] == "consultant" && u["login"] != login {
            app.patch(&format!("/api/v1/users/{}", u["id"]), &json!({ "presence": "meeting" })).await.expect(200);
        }
    }
}

/// Signs in through the login page (before a journey starts: not counted).
pub async fn sign_in(b: &Browser, app: &App, login: &str, password: &str) {
    b.goto(&app.url("/login")).await;
    b.fill("#login", login).await;
    b.fill("#password", password).await;
    b.click("button[type=submit]").await;
    b.wait_for("nav[aria-label=main]", 10).await;
}

pub async fn advance(app: &App, seconds: i64) {
    app.post("/api/v1/clock/advance", &json!({ "seconds": seconds })).await.expect(200);
}

pub async fn open_tasks(app: &App, lead: i64) -> Vec<Value> {
    app.get(&format!("/api/v1/tasks?lead={lead}&status=open")).await.expect(200)["items"].as_array().cloned().unwrap_or_default()
}

/// A web form arrives (the customer's doing, not the consultant's); returns the lead's id.
pub async fn web_form(app: &App, name: &str, phone: &str, message: &str) -> i64 {
    let r = app
        .client
        .post(app.url("/forms/default"))
        .header("accept", "application/json")
        .json(&json!({ "name": name, "phone": phone, "message": message }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    r.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

// Today's consultant journey (main at e1849db, before issue 18) was walked by the test
// `consultant_journey_before_issue_18` of commit 3a01d3e: docs/usability.md has its figures.

/// The session cookie of `b`, for fetching what a link gives (an export) as that user.
pub async fn session_cookie(b: &Browser) -> String {
    let cookies = b.client().get_all_cookies().await.expect("cookies");
    let c = cookies.iter().find(|c| c.name() == "pronto_session").expect("signed in");
    format!("pronto_session={}", c.value())
}

/// The lead's stage (API).
pub async fn stage_of(app: &App, lead: i64) -> String {
    app.get(&format!("/api/v1/leads/{lead}")).await.json()["stage"].as_str().unwrap_or_default().to_owned()
}

// ---------------------------------------------------------------------------------------------
// (a) The consultant, on a phone: a new inquiry on screen → call → no answer → the next attempt
// → reached → the next stage.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consultant_new_inquiry_to_next_stage() {
    let app = seeded_app().await;
    only_available_consultant(&app, "jitka").await;
    let b = Browser::phone("en").await;
    sign_in(&b, &app, "jitka", PASSWORD).await;
    let mut j = Journey::start(&b, "consultant", "phone 360×740").await;
    let l = web_form(&app, "Tereza Walk", "777 123 456", "A new e-shop, please call me.").await;
    j.see("Tereza Walk", 10).await;
    j.tap(&format!("[data-lead='{l}'] a[href='/leads/{l}']")).await;
    j.see_url(&format!("/leads/{l}"), 10).await;
    j.dial("#call-bar a.tel").await;
    j.tap("#call-bar button[value=no_answer]").await;
    // The next attempt is on the card: what happens next, and the retry as an open task.
    j.see("Call again", 10).await;
    let retry = open_tasks(&app, l).await;
    assert_eq!(retry.len(), 1, "the retry is an open task: {retry:?}");
    assert_eq!(retry[0]["attempt"], 2);
    j.see("09:05", 5).await;
    let text = b.text("#due-next").await;
    assert!(text.contains("Call again") && text.contains("09:05"), "the card shows the next attempt: {text}");
    b.screenshot("journey-consultant-next-attempt").await;
    // Five minutes later the consultant calls again and reaches the customer.
    advance(&app, 300).await;
    j.dial("#call-bar a.tel").await;
    j.tap("#call-bar button[value=reached]").await;
    let contacted = testkit::eventually(std::time::Duration::from_secs(10), || async { stage_of(&app, l).await == "contacted" }).await;
    assert!(contacted, "reached: the first contact");
    // On a phone the card's forms start folded: one tap opens "Change stage".
    j.tap("details:has(#stage) > summary").await;
    j.see_el("#stage", 10).await;
    j.choose("#stage", "qualified").await;
    j.tap("form[action$='/stage'] button[type=submit]").await;
    j.see("Stage changed.", 10).await;
    assert_eq!(stage_of(&app, l).await, "qualified");
    b.screenshot("journey-consultant-done").await;
    j.finish(8).await;
    b.close().await;
}

// ---------------------------------------------------------------------------------------------
// (b) The secretary, distributor playbook: confirm the request and hand it over to a manager.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secretary_confirms_and_hands_over() {
    let app = seeded_app().await;
    let b = Browser::start("en").await;
    sign_in(&b, &app, "sveta", PASSWORD).await;
    let lead = app
        .create_lead(&json!({ "channel": "web", "playbook": "distributor", "subject": "Article 4711, 40 pieces",
            "contact": { "name": "Pavel Orlov", "phone": "+7 916 555 44 33" } }))
        .await;
    let l = lead["id"].as_i64().unwrap();
    let sveta = user_id(&app, "sveta").await;
    let task = open_tasks(&app, l).await.into_iter().find(|t| t["assignee"]["id"] == sveta || t["assignee"] == sveta);
    let task = task.unwrap_or_else(|| panic!("the secretary's confirmation call: {:?}", lead))["id"].as_i64().unwrap();
    let mut j = Journey::start(&b, "secretary", "desktop 1280×900").await;
    j.tap("a[href='/tasks']").await;
    j.see_el(&format!("#task-{task}"), 10).await;
    j.tap(&format!("#task-{task} button[value=transferred]")).await;
    let handed = testkit::eventually(std::time::Duration::from_secs(10), || async {
        let owner = app.get(&format!("/api/v1/leads/{l}")).await.json()["owner"]["id"].as_i64();
        owner.is_some() && owner != Some(sveta)
    })
    .await;
    assert!(handed, "the confirmation handed the lead over");
    let owner = app.get(&format!("/api/v1/leads/{l}")).await.json()["owner"]["name"].as_str().unwrap().to_owned();
    j.see(&format!("Handed to {owner}"), 10).await;
    b.screenshot("journey-secretary-handed-over").await;
    j.finish(3).await;
    b.close().await;
}

// ---------------------------------------------------------------------------------------------
// (c) The manager: who is late now; who is slowest this month; export.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn manager_late_now_slowest_this_month_export() {
    let app = seeded_app().await;
    let b = Browser::start("en").await;
    sign_in(&b, &app, "zdenek", PASSWORD).await;
    let mut j = Journey::start(&b, "manager", "desktop 1280×900").await;
    // Who is late now: overdue tasks and SLAs, with who holds each.
    j.tap("a[href='/late']").await;
    j.see_el("#late tbody tr", 10).await;
    let rows = b.js("return document.querySelectorAll('#late tbody tr').length").await.as_i64().unwrap();
    assert!(rows > 0, "something is late in a registry in use");
    b.screenshot("journey-manager-late").await;
    // Who is slowest this month: the reports, the preset, the response-time table sorted.
    j.tap("a[href='/reports']").await;
    j.tap_text("nav.presets a", "This month").await;
    j.see_url("from=", 10).await;
    j.choose("#group_by", "owner").await;
    j.tap("form.report-picker button[type=submit]").await;
    j.see_url("group_by=owner", 10).await;
    j.tap_text("#table-response thead a.sort", "Median").await;
    j.see_url("sort=response", 10).await;
    let first = b.text("#table-response tbody tr:first-child th").await;
    assert!(!first.is_empty(), "the slowest person heads the table");
    b.screenshot("journey-manager-slowest").await;
    // Export: the download link gives a file.
    let href = b
        .js("var a = document.querySelector('p.downloads a[href*=response-time]'); return a ? a.getAttribute('href') : null")
        .await
        .as_str()
        .map(str::to_owned)
        .expect("a download link");
    j.tap("p.downloads a[href*=response-time]").await;
    let r = app.client.get(app.url(&href)).header("cookie", session_cookie(&b).await).send().await.unwrap();
    assert_eq!(r.status(), 200, "{href}");
    assert!(r.headers().get("content-disposition").is_some(), "{href} is a download");
    j.finish(8).await;
    b.close().await;
}

// ---------------------------------------------------------------------------------------------
// (d) The admin: add a user.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_adds_a_user() {
    let app = seeded_app().await;
    let b = Browser::start("en").await;
    sign_in(&b, &app, "admin", ADMIN_PASSWORD).await;
    let mut j = Journey::start(&b, "admin", "desktop 1280×900").await;
    j.tap("a[href='/admin']").await;
    j.type_in("#nu-name", "Karolína Nová").await;
    j.type_in("#nu-login", "karolina").await;
    j.choose("#nu-role", "consultant").await;
    j.type_in("#nu-phone", "777 555 123").await;
    j.type_in("#nu-password", "green tea at seven").await;
    j.tap("form[action='/admin/users'] button[type=submit]").await;
    j.see_el("nav[aria-label=main]", 10).await;
    let added = testkit::eventually(std::time::Duration::from_secs(10), || async { users(&app).await.iter().any(|u| u["login"] == "karolina") }).await;
    assert!(added, "the user was added; the page says:\n{}", b.page_text().await);
    j.see("Karolína Nová", 10).await;
    let added = users(&app).await.into_iter().find(|u| u["login"] == "karolina").expect("the user was added");
    assert_eq!(added["role"], "consultant");
    assert_eq!(added["name"], "Karolína Nová");
    b.screenshot("journey-admin-user-added").await;
    j.finish(7).await;
    b.close().await;
}

// ---------------------------------------------------------------------------------------------
// (e) The customer's message, from their page, reaching the owner: the bell, the notification
// centre, the message at the top of the card.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn customer_message_reaches_the_owner() {
    let app = seeded_app().await;
    only_available_consultant(&app, "jitka").await;
    let lead = app
        .create_lead(&json!({ "channel": "web", "language": "en", "subject": "A new e-shop",
            "contact": { "name": "Eva Malá", "email": "eva@example.com", "phone": "+420 777 123 456" } }))
        .await;
    let l = lead["id"].as_i64().unwrap();
    let page = lead["tracking_url"].as_str().unwrap().to_owned();
    let owner = Browser::start("en").await;
    sign_in(&owner, &app, "jitka", PASSWORD).await;
    let before = owner.js("var c = document.getElementById('bell-count'); return c && !c.hidden ? c.textContent.trim() : ''").await;
    let customer = Browser::phone("en").await;
    customer.goto(&app.url(&format!("{page}?lang=en"))).await;
    customer.wait_for("#text", 10).await;

    let mut j = Journey::start(&customer, "customer-message", "phone 360×740 (customer), desktop 1280×900 (owner)").await;
    j.type_in("#text", "Could you call me after 3 pm?").await;
    j.tap("form[action$='/message'] button").await;
    j.see("Thank you: your message has been passed on.", 10).await;
    // The owner's page, open all along, counts it on the bell without a reload.
    j.switch_to(&owner).await;
    let counted = testkit::eventually(std::time::Duration::from_secs(15), || async {
        let now = owner.js("var c = document.getElementById('bell-count'); return c && !c.hidden ? c.textContent.trim() : ''").await;
        now != before && now.as_str().is_some_and(|s| !s.is_empty())
    })
    .await;
    assert!(counted, "the bell counts the message: {}", owner.page_text().await);
    owner.screenshot("journey-customer-message-bell").await;
    j.tap("#bell").await;
    j.see("Eva Malá", 10).await;
    j.tap(&format!("button.open[data-lead-id='{l}']")).await;
    j.see_url(&format!("/leads/{l}"), 10).await;
    let top = owner.text("#customer-sent").await;
    assert!(top.contains("Could you call me after 3 pm?"), "the message at the top of the card: {top}");
    owner.screenshot("journey-customer-message-card").await;
    j.finish(4).await;
    customer.close().await;
    owner.close().await;
}

// ---------------------------------------------------------------------------------------------
// (f) A walk-in entered by hand through the New inquiry form.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn walk_in_entered_by_hand() {
    let app = seeded_app().await;
    let b = Browser::start("en").await;
    sign_in(&b, &app, "jitka", PASSWORD).await;
    let mut j = Journey::start(&b, "walk-in", "desktop 1280×900").await;
    j.tap("a[href='/leads/new']").await;
    j.tap("input[name=channel][value=in_person]").await;
    j.type_in("#name", "Marta Procházková").await;
    j.type_in("#phone", "603 222 111").await;
    j.type_in("#message", "Came to the office: wants a new logo and a website.").await;
    j.tap("#entry-save").await;
    j.see_el("#entry-next", 10).await;
    let created = app.all_leads("q=Proch%C3%A1zkov%C3%A1").await;
    let walk_in = created.iter().find(|x| x["channel"] == "in_person").unwrap_or_else(|| panic!("the walk-in is in the registry: {created:?}"));
    assert_eq!(walk_in["contact"]["phone"], "+420603222111");
    b.screenshot("journey-walk-in").await;
    j.finish(6).await;
    b.close().await;
}
