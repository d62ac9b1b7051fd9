//! The store contract: one behaviour on every engine.
//!
//! Every test here is an `async fn` body that receives a freshly opened [`Store`] and the
//! [`ManualClock`] it was opened with; [`contract_test!`] turns it into two `#[tokio::test]`s,
//! `<name>::sqlite` and `<name>::postgres`, so each case runs against both engines:
//!
//! * **SQLite** — a fresh database file in its own temporary directory per test.
//! * **PostgreSQL** — a fresh database per test, `pronto_t_<pid>_<counter>_<random>`, created
//!   through the server named by `PRONTO_TEST_POSTGRES_URL` (default
//!   `postgres://postgres@127.0.0.1:5432/test`) and dropped afterwards (best effort). With
//!   `PRONTO_TEST_POSTGRES=off` the PostgreSQL half is skipped; otherwise a server that cannot
//!   be reached fails the test, it is never skipped silently.
//!
//! Time never comes from the system clock: every store runs on a [`ManualClock`] starting at
//! [`START`], and tests move it with `clock.advance(…)`.
//!
//! What is covered, section by section:
//!
//! 1. **create_lead** — the lead row and what its playbook (the default, `agency`) writes in
//!    the same transaction: the `lead.received` event, the owner chosen by round robin among
//!    the consultants (or `assignment.failed` when there is none), the first task, the
//!    notifications in the outbox and the first-response SLA's timers (warning after 5,
//!    breach after 10 working minutes); a given owner is kept and told; an unknown owner is
//!    invalid and writes nothing.
//! 2. **Dedupe** — one phone in any notation, one e-mail in any letter case, one company id
//!    however written are one contact / company; the same name alone never merges two people;
//!    a contact shows the activities of its earlier leads.
//! 3. **Idempotency** — same scope+key+fingerprint returns the same lead and writes nothing
//!    more (also under concurrent retries); same key with a different fingerprint conflicts;
//!    keys of different scopes are independent.
//! 4. **Listing** — cursor pagination (newest first), filters by stage, status, channel and
//!    owner (including "unassigned"), and search that ignores case and diacritics, finds a
//!    lead by its contact and treats `%`, `_` and `\` literally.
//! 5. **patch_lead** — stage/owner/status changes are events in the timeline, a new owner is
//!    told, stage `won` implies status `won`, closing a lead cancels its tasks and timers,
//!    other fields refresh the search, an unknown owner is invalid, an unknown lead (and any
//!    unknown id) is not found.
//! 6. **log_activity** — the first response sets `first_response_at` (never before arrival)
//!    and meets the SLA (its timers cancelled), a later one does not move it, a note is not a
//!    response; the timeline is oldest first.
//! 7. **Users** — create_user, duplicate logins, login hashes, API tokens, ensure_admin.
//! 8. **Durability** — close and reopen the same file / database: everything is there.
//! 9. **Group commit** — 200 concurrent writes (with everything the playbook adds to each);
//!    failing commands do not take their neighbours down; concurrent leads of one person are
//!    one contact; two stores (two nodes) on one database agree; closing keeps exactly the
//!    acknowledged writes.
//! 10. **Event log** — `UPDATE` and `DELETE` on `events` fail on both engines; durable timers
//!    fire at their time (in working time: never over a weekend), once, in order, and a
//!    response cancels them.

use jiff::{SignedDuration, Timestamp};
use pronto_domain::lead::{ActivityDraft, ContactDraft, LeadDraft, LeadPatch, LeadStatus, NewActivity, NewLead};
use pronto_domain::user::Role;
use pronto_domain::values::{Line, Login, Phone, Region};
use pronto_domain::{Clock, ManualClock};
use pronto_store::{
    EventRecord, IdempotencyKey, LeadFilter, LeadRecord, NewUserRecord, Store, StoreError, StoreOptions, TaskFilter, TaskRecord, UserRef,
};
use serde_json::json;
use sqlx::Connection as _;
use std::collections::HashSet;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

// ═══════════════════════════════════════════════════════════════════════════════════════════
// Harness: engines, fresh databases, the runner and the `contract_test!` macro
// ═══════════════════════════════════════════════════════════════════════════════════════════

/// Where every test's clock starts: a Monday, 10:00 in Prague (CET, UTC+1), inside the office
/// hours (Mon–Fri 09:00–17:00 Europe/Prague) of the default `agency` playbook, so that its
/// working minutes are plain minutes until 16:00Z.
const START: &str = "2026-03-02T09:00:00Z";

fn start() -> Timestamp {
    START.parse().expect("START is RFC 3339")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Engine {
    Sqlite,
    Postgres,
}

/// The database a test runs on: enough to reopen it or to talk to it without the store.
#[derive(Debug, Clone)]
struct Db {
    engine: Engine,
    /// The URL the store was opened with (`sqlite://PATH` or `postgres://…/pronto_t_…`).
    url: String,
}

impl Db {
    /// Opens (another) store on this database.
    async fn open(&self, clock: Arc<ManualClock>) -> Arc<dyn Store> {
        pronto_store::open(&self.url, clock, StoreOptions::default())
            .await
            .unwrap_or_else(|e| panic!("cannot open the {:?} store: {e}", self.engine))
    }

    /// Runs one statement on a raw connection of its own, bypassing the store.
    async fn exec_raw(&self, sql: &str) -> Result<u64, String> {
        match self.engine {
            Engine::Sqlite => {
                let c = rusqlite::Connection::open(self.sqlite_path()).map_err(|e| e.to_string())?;
                c.execute(sql, []).map(|n| n as u64).map_err(|e| e.to_string())
            }
            Engine::Postgres => {
                let mut c = sqlx::PgConnection::connect(&self.url).await.map_err(|e| e.to_string())?;
                let r = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).execute(&mut c).await.map(|r| r.rows_affected());
                let _ = c.close().await;
                r.map_err(|e| e.to_string())
            }
        }
    }

    /// A `SELECT COUNT(*) …` on a raw connection of its own.
    async fn count_raw(&self, sql: &str) -> i64 {
        let n = match self.engine {
            Engine::Sqlite => rusqlite::Connection::open(self.sqlite_path())
                .and_then(|c| c.query_row(sql, [], |r| r.get::<_, i64>(0)))
                .map_err(|e| e.to_string()),
            Engine::Postgres => {
                let mut c = sqlx::PgConnection::connect(&self.url).await.expect("a raw connection");
                let n = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(&mut c).await;
                let _ = c.close().await;
                n.map_err(|e| e.to_string())
            }
        };
        n.unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    fn sqlite_path(&self) -> &str {
        self.url.strip_prefix("sqlite://").expect("a sqlite:// URL")
    }
}

/// A database created for one test, and what it takes to remove it again.
struct Fixture {
    db: Db,
    /// The SQLite file's directory; removed when dropped.
    _dir: Option<tempfile::TempDir>,
    /// The PostgreSQL admin URL and the database to drop.
    pg: Option<(String, String)>,
}

fn postgres_admin_url() -> String {
    std::env::var("PRONTO_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

fn postgres_disabled() -> bool {
    std::env::var("PRONTO_TEST_POSTGRES").is_ok_and(|v| v.eq_ignore_ascii_case("off"))
}

/// `url` with its database (path) replaced by `name`; the query string is kept.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let authority = base.find("://").map(|i| i + 3).unwrap_or(0);
    let path = base[authority..].find('/').map(|i| authority + i).unwrap_or(base.len());
    format!("{}/{name}{query}", &base[..path])
}

/// A database name no other test (or test process) uses.
fn unique_database_name() -> String {
    use std::hash::BuildHasher;
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let random = std::collections::hash_map::RandomState::new().hash_one((std::process::id(), n)) as u32;
    format!("pronto_t_{}_{n}_{random:08x}", std::process::id())
}

impl Fixture {
    /// A fresh, empty database; `None` only when PostgreSQL is switched off.
    async fn create(engine: Engine) -> Option<Fixture> {
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("a temporary directory");
                let url = format!("sqlite://{}", dir.path().join("pronto.db").display());
                Some(Fixture { db: Db { engine, url }, _dir: Some(dir), pg: None })
            }
            Engine::Postgres => {
                if postgres_disabled() {
                    eprintln!("PRONTO_TEST_POSTGRES=off: the PostgreSQL half of this test is skipped");
                    return None;
                }
                let admin = postgres_admin_url();
                let name = unique_database_name();
                let mut c = sqlx::PgConnection::connect(&admin).await.unwrap_or_else(|e| {
                    panic!(
                        "cannot connect to PostgreSQL at {} ({e}); start it, point PRONTO_TEST_POSTGRES_URL \
                         at it, or set PRONTO_TEST_POSTGRES=off to skip the PostgreSQL half",
                        pronto_store::redact_url(&admin)
                    )
                });
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut c)
                    .await
                    .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
                let _ = c.close().await;
                let url = with_database(&admin, &name);
                Some(Fixture { db: Db { engine, url }, _dir: None, pg: Some((admin, name)) })
            }
        }
    }

    /// Removes the database (best effort: a failure is reported, not fatal).
    async fn destroy(self) {
        if let Some((admin, name)) = &self.pg {
            let dropped = async {
                let mut c = sqlx::PgConnection::connect(admin).await?;
                sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))).execute(&mut c).await?;
                c.close().await
            };
            if let Err(e) = dropped.await {
                eprintln!("could not drop the test database {name}: {e}");
            }
        }
    }
}

/// Runs one contract case on one engine: a fresh database, a store on a manual clock, the
/// case in its own task (so that a failing case still closes the store and drops the
/// database), then the case's panic, if any, re-raised.
async fn run<F, Fut>(engine: Engine, case: F)
where
    F: FnOnce(Arc<dyn Store>, Arc<ManualClock>, Db) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(fixture) = Fixture::create(engine).await else { return };
    let clock = Arc::new(ManualClock::new(start()));
    let store = fixture.db.open(clock.clone()).await;
    assert_eq!(
        store.engine(),
        match engine {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    );
    let outcome = tokio::spawn(case(store.clone(), clock, fixture.db.clone())).await;
    store.close().await;
    fixture.destroy().await;
    if let Err(e) = outcome {
        match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(e) => panic!("the test task did not finish: {e}"),
        }
    }
}

/// `contract_test!(name)` runs `async fn name(store, clock)` on both engines, as the tests
/// `name::sqlite` and `name::postgres`. `contract_test!(name, with_db)` passes the [`Db`] as a
/// third argument, for the cases that reopen the database or talk to it directly.
macro_rules! contract_test {
    ($name:ident) => {
        contract_test!(@both $name, |store, clock, _db| super::$name(store, clock));
    };
    ($name:ident, with_db) => {
        contract_test!(@both $name, |store, clock, db| super::$name(store, clock, db));
    };
    (@both $name:ident, $call:expr) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread")]
            async fn sqlite() {
                super::run(super::Engine::Sqlite, $call).await
            }
            #[tokio::test(flavor = "multi_thread")]
            async fn postgres() {
                super::run(super::Engine::Postgres, $call).await
            }
        }
    };
}

// ═══════════════════════════════════════════════════════════════════════════════════════════
// Helpers: drafts, activities, users, small queries
// ═══════════════════════════════════════════════════════════════════════════════════════════

/// A web lead from a person with the given name, phone and e-mail (any may be absent).
fn person(name: Option<&str>, phone: Option<&str>, email: Option<&str>) -> LeadDraft {
    LeadDraft {
        channel: Some("web".into()),
        contact: ContactDraft {
            name: name.map(Into::into),
            phone: phone.map(Into::into),
            email: email.map(Into::into),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// Parses a draft the way the edge does, at the clock's current time.
fn parse(clock: &ManualClock, draft: LeadDraft) -> NewLead {
    draft.parse(Region::default(), clock.now()).unwrap_or_else(|e| panic!("the draft is invalid: {e}"))
}

async fn create(store: &Arc<dyn Store>, clock: &ManualClock, draft: LeadDraft) -> pronto_store::LeadCreated {
    store.create_lead(parse(clock, draft), None, None).await.expect("create_lead")
}

fn activity(clock: &ManualClock, kind: &str, direction: Option<&str>, outcome: Option<&str>, body: Option<&str>) -> NewActivity {
    ActivityDraft {
        kind: Some(kind.into()),
        direction: direction.map(Into::into),
        outcome: outcome.map(Into::into),
        body: body.map(Into::into),
        at: None,
    }
    .parse(clock.now())
    .unwrap_or_else(|e| panic!("the activity is invalid: {e}"))
}

fn reached_call(clock: &ManualClock) -> NewActivity {
    activity(clock, "call", Some("out"), Some("reached"), Some("Domluveno zaměření"))
}

fn new_user(login: &str, name: &str, role: Role, password_hash: Option<&str>) -> NewUserRecord {
    NewUserRecord {
        login: Login::parse(login).expect("valid login"),
        name: Line::parse(name, 200).expect("valid name"),
        role,
        phone: None,
        email: None,
        password_hash: password_hash.map(Into::into),
        actor: None,
    }
}

fn all(limit: u32) -> LeadFilter {
    LeadFilter { limit, ..Default::default() }
}

fn ids(leads: &[LeadRecord]) -> Vec<i64> {
    leads.iter().map(|l| l.id).collect()
}

fn ids_of(acts: &[pronto_store::ActivityRecord]) -> Vec<i64> {
    acts.iter().map(|a| a.id).collect()
}

fn kinds(events: &[EventRecord]) -> Vec<&str> {
    events.iter().map(|e| e.kind.as_str()).collect()
}

fn events_of<'a>(events: &'a [EventRecord], kind: &str) -> Vec<&'a EventRecord> {
    events.iter().filter(|e| e.kind == kind).collect()
}

fn idem(scope: &str, key: &str, fingerprint: &str) -> Option<IdempotencyKey> {
    Some(IdempotencyKey { scope: scope.into(), key: key.into(), fingerprint: fingerprint.into() })
}

fn mins(n: i64) -> SignedDuration {
    SignedDuration::from_mins(n)
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// The timers the default playbook (`agency`) sets for a new lead: its first-response SLA's
/// warning (5 working minutes) and breach (10 working minutes) …
const SLA_WARN: &str = "sla:first_response:warn";
const SLA_BREACH: &str = "sla:first_response:breach";
/// … and, when its escalation has someone to wait for, the next escalation step (10 working
/// minutes).
const NO_REACTION: &str = "esc:no_reaction";

/// The timeline of a new web lead with a phone under the default playbook, when a consultant
/// (with a phone) takes it: assigned by round robin, the SLA started, a call task, an SMS to
/// the consultant and the first escalation step (a reminder in the app).
const RECEIVED_AND_ASSIGNED: [&str; 9] = [
    "lead.received",
    "playbook.rule",
    "lead.assigned",
    "sla.started",
    "playbook.rule",
    "task.created",
    "notification.queued",
    "escalation.step",
    "notification.queued",
];

/// The same with no user at all: nobody to assign it to, to notify or to escalate to.
const RECEIVED_UNASSIGNED: [&str; 10] = [
    "lead.received",
    "playbook.rule",
    "assignment.failed",
    "sla.started",
    "playbook.rule",
    "task.created",
    "notification.skipped",
    "escalation.skipped",
    "escalation.skipped",
    "escalation.skipped",
];

/// A user with a phone, so that the playbook's SMS reach them.
fn user_with_phone(login: &str, name: &str, role: Role, phone: &str) -> NewUserRecord {
    NewUserRecord { phone: Some(Phone::parse(phone, Region::default()).expect("valid phone")), ..new_user(login, name, role, None) }
}

/// A lead's timers as (kind, due, status), in the order they were set.
async fn timers_of(store: &Arc<dyn Store>, lead: i64) -> Vec<(String, Timestamp, String)> {
    store.timers(lead).await.unwrap().into_iter().map(|t| (t.kind, t.due_at, t.status)).collect()
}

/// A lead's timers as (kind, status), in the order they were set.
async fn timer_states(store: &Arc<dyn Store>, lead: i64) -> Vec<(String, String)> {
    store.timers(lead).await.unwrap().into_iter().map(|t| (t.kind, t.status)).collect()
}

fn kind_status(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, s)| (k.to_string(), s.to_string())).collect()
}

async fn tasks_of(store: &Arc<dyn Store>, lead: i64) -> Vec<TaskRecord> {
    store.tasks(&TaskFilter { lead: Some(lead), limit: 100, ..Default::default() }).await.unwrap()
}

/// The kinds of the events after the first `n` (what happened since a snapshot).
fn kinds_since(events: &[EventRecord], n: usize) -> Vec<&str> {
    kinds(&events[n..])
}

// ═══════════════════════════════════════════════════════════════════════════════════════════
// 1. create_lead and the effects it writes
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn create_lead_writes_lead_event_outbox_and_timer(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    // One consultant, who can take it and be reached by SMS.
    let jana = store.create_user(user_with_phone("jana", "Jana Veselá", Role::Consultant, "603 111 222")).await.unwrap();
    // The lead arrived two minutes before it was stored; its playbook runs when it is stored.
    let received_at = start() - mins(2);
    let draft = LeadDraft {
        subject: Some("Plastová okna".into()),
        message: Some("Dobrý den,\nchtěla bych nabídku.".into()),
        postal_code: Some("110 00".into()),
        source: Some("google".into()),
        received_at: Some(received_at.to_string()),
        extra: vec![("utm_campaign".into(), "jaro".into())],
        ..person(Some("Jana Nováková"), Some("+420 777 123 456"), Some("Jana@Example.cz"))
    };
    let created = store.create_lead(parse(&clock, draft), None, None).await.unwrap();
    assert!(created.created);
    assert!(created.contact_is_new);
    let id = created.id;

    let lead = store.lead(id).await.unwrap();
    assert_eq!(lead.id, id);
    assert_eq!(lead.channel, "web");
    assert_eq!(lead.stage, "received");
    assert_eq!(lead.status, "open");
    assert_eq!(lead.owner, Some(UserRef { id: jana, name: "Jana Veselá".into() }), "the playbook gave it to the consultant");
    assert_eq!(lead.entered_by, None);
    assert_eq!(lead.contact.id, created.contact_id);
    assert_eq!(lead.contact.name.as_deref(), Some("Jana Nováková"));
    assert_eq!(lead.contact.phone.as_deref(), Some("+420777123456"));
    assert_eq!(lead.contact.email.as_deref(), Some("jana@example.cz"));
    assert_eq!(lead.subject.as_deref(), Some("Plastová okna"));
    assert_eq!(lead.message.as_deref(), Some("Dobrý den,\nchtěla bych nabídku."));
    assert_eq!(lead.postal_code.as_deref(), Some("110 00"));
    assert_eq!(lead.source.as_deref(), Some("google"));
    assert_eq!(lead.playbook, "agency");
    assert_eq!(lead.playbook_version, 1);
    assert_eq!(lead.received_at, received_at);
    assert_eq!(lead.first_response_at, None);
    assert_eq!(lead.created_at, start());
    assert_eq!(lead.updated_at, start());
    assert_eq!(lead.extra, json!({ "utm_campaign": "jaro" }));

    // The timeline: the arrival, then what the playbook decided, in that order.
    // (In office hours the customer, who left an e-mail, is acknowledged last.)
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(kinds(&timeline), [&RECEIVED_AND_ASSIGNED[..], &["playbook.rule", "notification.queued"]].concat());
    assert_eq!(timeline[9].data, json!({ "rule": "acknowledgement", "on": "lead.received" }));
    assert!(timeline.iter().all(|e| e.lead_id == Some(id) && e.at == start() && e.actor.is_none()), "{timeline:?}");
    let received = &timeline[0];
    assert_eq!(received.data["channel"], "web");
    assert_eq!(received.data["contact_id"], created.contact_id);
    assert_eq!(received.data["contact_is_new"], true);
    assert_eq!(received.data["received_at"], received_at.to_string());
    assert_eq!(timeline[1].data, json!({ "rule": "assign", "on": "lead.received" }));
    assert_eq!(timeline[2].data["owner"], jana);
    assert_eq!(timeline[2].data["by"], "playbook");
    // The SLA counts from when the customer wrote (two minutes before it was stored), in
    // working time.
    assert_eq!(timeline[3].data["sla"], "first_response");
    assert_eq!(timeline[3].data["due_at"], "2026-03-02T09:08:00Z");
    assert_eq!(timeline[4].data, json!({ "rule": "call-when-there-is-a-phone", "on": "lead.received" }));

    // The first task: call the customer, now, the consultant's.
    let tasks = tasks_of(&store, id).await;
    assert_eq!(tasks.len(), 1, "{tasks:?}");
    let task = &tasks[0];
    assert_eq!(task.lead_id, id);
    assert_eq!(task.task, "first_call");
    assert_eq!(task.kind, "call");
    assert_eq!(task.assignee, Some(UserRef { id: jana, name: "Jana Veselá".into() }));
    assert_eq!(task.role.as_deref(), Some("consultant"));
    assert_eq!(task.priority, "urgent");
    assert_eq!(task.due_at, start());
    assert_eq!(task.attempt, 1);
    assert_eq!(task.status, "open");
    assert_eq!(task.created_at, start());
    assert_eq!(task.done_at, None);
    assert_eq!(timeline[5].data["task_id"], task.id);
    assert_eq!(timeline[5].data["task"], "first_call");
    assert_eq!(store.user(jana).await.unwrap().open_tasks, 1);

    // The outbox: an urgent SMS to the consultant's phone, and the escalation's first step, a
    // reminder in the app; each with a key that a replay of the same decision would repeat.
    let outbox = store.outbox(id).await.unwrap();
    assert_eq!(outbox.len(), 3, "{outbox:?}");
    let ack = &outbox[2];
    assert_eq!((ack.channel.as_str(), ack.kind.as_str(), ack.recipient_user), ("email", "ack", None));
    assert_eq!(ack.recipient_address.as_deref(), Some("jana@example.cz"));
    assert!(ack.payload["text"].as_str().unwrap().starts_with("Dobrý den, Jana Nováková"), "in Czech, the customers' language");
    let sms = &outbox[0];
    assert_eq!(sms.lead_id, Some(id));
    assert_eq!(sms.channel, "sms");
    assert_eq!(sms.recipient_user, Some(jana));
    assert_eq!(sms.recipient_role, None);
    assert_eq!(sms.recipient_address.as_deref(), Some("+420603111222"));
    assert_eq!(sms.kind, "new_lead");
    assert_eq!(sms.idempotency_key, format!("lead/{id}/received/1/sms/{jana}"));
    assert_eq!(sms.payload["text"], format!("New inquiry: Jana Nováková +420 777 123 456, web — call now. Lead {id}"));
    assert_eq!(sms.payload["urgent"], true);
    assert_eq!(sms.payload["lead_id"], id);
    assert_eq!(sms.status, "queued");
    assert_eq!(sms.attempts, 0);
    assert_eq!(sms.created_at, start());
    let reminder = &outbox[1];
    assert_eq!(reminder.channel, "in_app");
    assert_eq!(reminder.recipient_user, Some(jana));
    assert_eq!(reminder.recipient_address, None);
    assert_eq!(reminder.kind, "reminder");
    assert_eq!(reminder.idempotency_key, format!("lead/{id}/received/2/in_app/{jana}"));
    assert_eq!(reminder.payload["text"], format!("Still waiting for you: Jana Nováková +420 777 123 456 (web). Lead {id}"));
    assert_eq!(reminder.status, "queued");
    assert_eq!(timeline[6].data, json!({ "channel": "sms", "user": jana, "template": "new_lead", "urgent": true }));
    assert_eq!(timeline[7].data["step"], 1);
    assert_eq!(timeline[8].data["template"], "reminder");

    // The timers: the SLA's warning and breach counted from 09:58 Prague time (received), at
    // 10:03 and 10:08; the escalation's next step from 10:00 (when it started), at 10:10.
    let timers = store.timers(id).await.unwrap();
    assert!(timers.iter().all(|t| t.lead_id == Some(id)), "{timers:?}");
    assert_eq!(
        timers_of(&store, id).await,
        [
            (SLA_WARN.to_owned(), ts("2026-03-02T09:03:00Z"), "pending".to_owned()),
            (SLA_BREACH.to_owned(), ts("2026-03-02T09:08:00Z"), "pending".to_owned()),
            (NO_REACTION.to_owned(), ts("2026-03-02T09:10:00Z"), "pending".to_owned()),
        ]
    );
    assert_eq!(store.next_timer_due().await.unwrap(), Some(ts("2026-03-02T09:03:00Z")));

    // The lead is listed, and nothing else was written for anyone else.
    assert_eq!(ids(&store.leads(&all(100)).await.unwrap()), [id]);
    assert_eq!(store.notifications(&Default::default()).await.unwrap().len(), 3);
    assert_eq!(store.tasks(&TaskFilter { limit: 100, ..Default::default() }).await.unwrap().len(), 1);
}
contract_test!(create_lead_writes_lead_event_outbox_and_timer);

async fn create_lead_without_a_consultant_is_unassigned_and_says_so(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    // No users at all: the playbook still runs, and the timeline says what it could not do.
    let created = create(&store, &clock, person(Some("Jan Kos"), Some("777 000 111"), None)).await;
    let id = created.id;
    assert_eq!(store.lead(id).await.unwrap().owner, None);

    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(kinds(&timeline), RECEIVED_UNASSIGNED);
    assert_eq!(timeline[2].data, json!({ "assignment": "consultants", "reason": "nobody can take it" }));
    assert_eq!(timeline[6].data["template"], "new_lead");
    assert_eq!(timeline[6].data["reason"], "nobody is the owner");
    assert_eq!((timeline[7].data["step"].as_i64(), timeline[8].data["step"].as_i64()), (Some(1), Some(2)));
    assert_eq!(timeline[9].data["step"], 3);
    assert_eq!(timeline[9].data["reason"], "nobody in this step");

    // The task waits for whoever takes the lead; nobody was told, so the outbox is empty.
    let tasks = tasks_of(&store, id).await;
    assert_eq!(tasks.iter().map(|t| (t.task.as_str(), t.status.as_str())).collect::<Vec<_>>(), [("first_call", "open")]);
    assert_eq!(tasks[0].assignee, None);
    assert!(store.outbox(id).await.unwrap().is_empty());
    // The SLA runs all the same; the escalation, with nobody to wait for, sets no timer.
    assert_eq!(
        timers_of(&store, id).await,
        [(SLA_WARN.to_owned(), start() + mins(5), "pending".to_owned()), (SLA_BREACH.to_owned(), start() + mins(10), "pending".to_owned()),]
    );
}
contract_test!(create_lead_without_a_consultant_is_unassigned_and_says_so);

async fn create_lead_with_owner_tells_the_owner(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    // Karel is first in the consultants' round robin; the given owner, Petr, keeps the lead.
    let karel = store.create_user(user_with_phone("karel", "Karel Novotný", Role::Consultant, "603 000 001")).await.unwrap();
    let owner = store.create_user(user_with_phone("petr", "Petr Dvořák", Role::Consultant, "603 000 002")).await.unwrap();
    let clerk = store.create_user(new_user("eva", "Eva Malá", Role::Secretary, None)).await.unwrap();
    let draft = LeadDraft { owner: Some(owner), ..person(Some("Jan Kos"), Some("777 000 111"), None) };
    let created = store.create_lead(parse(&clock, draft), Some(clerk), None).await.unwrap();

    let lead = store.lead(created.id).await.unwrap();
    assert_eq!(lead.owner, Some(UserRef { id: owner, name: "Petr Dvořák".into() }));
    assert_eq!(lead.entered_by, Some(UserRef { id: clerk, name: "Eva Malá".into() }));

    // Assigned at intake, so the playbook's round robin does not assign it again.
    let timeline = store.timeline(created.id).await.unwrap();
    assert_eq!(
        kinds(&timeline),
        [
            "lead.received",
            "lead.assigned",
            "playbook.rule",
            "sla.started",
            "playbook.rule",
            "task.created",
            "notification.queued",
            "escalation.step",
            "notification.queued"
        ]
    );
    assert_eq!(timeline[1].data["owner"], owner);
    assert_eq!(events_of(&timeline, "lead.assigned").len(), 1);
    let clerk_ref = Some(UserRef { id: clerk, name: "Eva Malá".into() });
    assert!(timeline.iter().all(|e| e.actor == clerk_ref), "every event is the clerk's doing: {timeline:?}");

    // The owner is told, by SMS to his phone, and his is the task; Karel hears nothing.
    let outbox = store.outbox(created.id).await.unwrap();
    let told: Vec<(&str, Option<i64>, Option<&str>, &str)> =
        outbox.iter().map(|o| (o.channel.as_str(), o.recipient_user, o.recipient_address.as_deref(), o.kind.as_str())).collect();
    assert_eq!(told, [("sms", Some(owner), Some("+420603000002"), "new_lead"), ("in_app", Some(owner), None, "reminder")]);
    assert!(outbox.iter().all(|o| o.recipient_role.is_none()));
    let tasks = tasks_of(&store, created.id).await;
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].assignee.as_ref().map(|u| u.id), Some(owner));
    assert_eq!(store.user(karel).await.unwrap().open_tasks, 0);
    assert!(
        store.notifications(&pronto_store::NotificationFilter { recipient: Some(karel), ..Default::default() }).await.unwrap().is_empty()
    );
}
contract_test!(create_lead_with_owner_tells_the_owner);

async fn create_lead_with_unknown_owner_is_invalid_and_writes_nothing(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let draft = LeadDraft { owner: Some(987_654), ..person(Some("Jan Kos"), Some("777 000 111"), None) };
    let err = store.create_lead(parse(&clock, draft), None, None).await.unwrap_err();
    match err {
        StoreError::Invalid(e) => assert_eq!(e.0[0].field, "owner", "{e}"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(store.leads(&all(100)).await.unwrap().is_empty());
    // The playbook never ran: no task, no notification, no timer.
    assert!(store.tasks(&TaskFilter { limit: 100, ..Default::default() }).await.unwrap().is_empty());
    assert!(store.notifications(&Default::default()).await.unwrap().is_empty());
    assert_eq!(store.next_timer_due().await.unwrap(), None);
    // Nor was a contact left behind: the same person arriving later is new.
    let later = create(&store, &clock, person(Some("Jan Kos"), Some("777 000 111"), None)).await;
    assert!(later.contact_is_new);
}
contract_test!(create_lead_with_unknown_owner_is_invalid_and_writes_nothing);

// ═══════════════════════════════════════════════════════════════════════════════════════════
// 2. Dedupe: contacts and companies
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn dedupe_one_phone_in_any_notation_is_one_contact(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let a = create(&store, &clock, person(Some("Jana Nováková"), Some("+420 777 123 456"), None)).await;
    let b = create(&store, &clock, person(None, Some("777123456"), None)).await;
    let c = create(&store, &clock, person(Some("J. Nováková"), Some("00420 777-123-456"), None)).await;
    assert!(a.contact_is_new);
    assert!(!b.contact_is_new);
    assert!(!c.contact_is_new);
    assert_eq!(a.contact_id, b.contact_id);
    assert_eq!(a.contact_id, c.contact_id);
    assert_eq!(HashSet::from([a.id, b.id, c.id]).len(), 3, "three leads");

    let contact = store.contact(a.contact_id).await.unwrap();
    assert_eq!(contact.contact.id, a.contact_id);
    assert_eq!(contact.contact.phone.as_deref(), Some("+420777123456"));
    assert_eq!(contact.contact.name.as_deref(), Some("Jana Nováková"), "a later name never overwrites the first");
    assert_eq!(contact.identities, [("phone".to_owned(), "+420777123456".to_owned())]);
    assert_eq!(ids(&contact.leads), [c.id, b.id, a.id], "all three leads, newest first");
    for lead in [a.id, b.id, c.id] {
        assert_eq!(store.lead(lead).await.unwrap().contact.id, a.contact_id);
    }
}
contract_test!(dedupe_one_phone_in_any_notation_is_one_contact);

async fn dedupe_email_letter_case_is_one_contact(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let a = create(&store, &clock, person(Some("Petr Svoboda"), None, Some("Petr.Svoboda@Example.CZ"))).await;
    let b = create(&store, &clock, person(Some("Petr Svoboda"), None, Some("petr.svoboda@example.cz"))).await;
    // A phone given the second time is learnt as another way to reach the same person.
    let c = create(&store, &clock, person(None, Some("603 555 777"), Some("PETR.SVOBODA@EXAMPLE.CZ"))).await;
    assert_eq!(a.contact_id, b.contact_id);
    assert_eq!(a.contact_id, c.contact_id);
    assert!(!b.contact_is_new && !c.contact_is_new);
    let contact = store.contact(a.contact_id).await.unwrap();
    assert_eq!(contact.contact.email.as_deref(), Some("petr.svoboda@example.cz"));
    assert_eq!(contact.contact.phone.as_deref(), Some("+420603555777"), "a missing phone is filled in");
    assert_eq!(
        contact.identities,
        [("email".to_owned(), "petr.svoboda@example.cz".to_owned()), ("phone".to_owned(), "+420603555777".to_owned())]
    );
    assert_eq!(contact.leads.len(), 3);
    // … so the phone alone now finds them too.
    let d = create(&store, &clock, person(None, Some("+420603555777"), None)).await;
    assert_eq!(d.contact_id, a.contact_id);
}
contract_test!(dedupe_email_letter_case_is_one_contact);

async fn dedupe_one_company_id_is_one_company(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let with_company = |name: &str, phone: &str, company: Option<&str>, ico: &str| LeadDraft {
        customer_type: Some("b2b".into()),
        contact: ContactDraft {
            name: Some(name.into()),
            phone: Some(phone.into()),
            company: company.map(Into::into),
            company_id: Some(ico.into()),
            ..Default::default()
        },
        ..person(None, None, None)
    };
    let a = create(&store, &clock, with_company("Jana Nováková", "777 111 222", Some("Stavby Praha s.r.o."), "26168685")).await;
    let b = create(&store, &clock, with_company("Karel Beneš", "777 333 444", None, "261 68 685")).await;
    assert_ne!(a.contact_id, b.contact_id, "two people of one company are two contacts");

    let la = store.lead(a.id).await.unwrap();
    let lb = store.lead(b.id).await.unwrap();
    let company = la.company.clone().expect("the first lead has a company");
    assert_eq!(company.company_id.as_deref(), Some("26168685"));
    assert_eq!(company.name.as_deref(), Some("Stavby Praha s.r.o."));
    assert_eq!(lb.company, Some(company.clone()), "the same IČO however written is the same company");
    assert_eq!(lb.customer_type.as_deref(), Some("b2b"));
    assert_eq!(store.contact(b.contact_id).await.unwrap().company, Some(company.clone()));

    // A company name alone is never the same company.
    let c = create(
        &store,
        &clock,
        LeadDraft {
            contact: ContactDraft { name: Some("Ota Malý".into()), company: Some("Stavby Praha s.r.o.".into()), ..Default::default() },
            ..person(None, None, None)
        },
    )
    .await;
    let lc = store.lead(c.id).await.unwrap();
    assert_ne!(lc.company.as_ref().map(|co| co.id), Some(company.id));

    // The company shows both people and both leads, and nothing of the namesake.
    let detail = store.company(company.id).await.unwrap();
    assert_eq!(detail.company, company);
    let people: Vec<i64> = detail.contacts.iter().map(|p| p.id).collect();
    assert_eq!(people, [a.contact_id, b.contact_id]);
    let leads: HashSet<i64> = detail.leads.iter().map(|l| l.id).collect();
    assert_eq!(leads, HashSet::from([a.id, b.id]));
    assert!(matches!(store.company(company.id + 1000).await, Err(StoreError::NotFound)));
}
contract_test!(dedupe_one_company_id_is_one_company);

async fn a_returning_customer_naming_a_company_gets_it(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let first = create(&store, &clock, person(Some("Eva Dvořáková"), Some("777 555 666"), None)).await;
    assert_eq!(store.lead(first.id).await.unwrap().company, None);
    let again = create(
        &store,
        &clock,
        LeadDraft {
            contact: ContactDraft {
                phone: Some("+420 777 555 666".into()), company: Some("Pekárna Dvořák".into()), ..Default::default()
            },
            ..person(None, None, None)
        },
    )
    .await;
    assert_eq!(again.contact_id, first.contact_id, "the same phone is the same person");
    let company = store.lead(again.id).await.unwrap().company.expect("the named company is recorded");
    assert_eq!(company.name.as_deref(), Some("Pekárna Dvořák"));
    assert_eq!(store.contact(first.contact_id).await.unwrap().company, Some(company.clone()), "and kept on the contact");
    // Named again later, the company is not created twice.
    let third = create(
        &store,
        &clock,
        LeadDraft {
            contact: ContactDraft { phone: Some("777555666".into()), company: Some("Pekárna Dvořák".into()), ..Default::default() },
            ..person(None, None, None)
        },
    )
    .await;
    assert_eq!(store.lead(third.id).await.unwrap().company, Some(company));
}
contract_test!(a_returning_customer_naming_a_company_gets_it);

async fn same_name_alone_never_merges_people(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let a = create(&store, &clock, person(Some("Jan Novák"), Some("777 111 222"), None)).await;
    let b = create(&store, &clock, person(Some("Jan Novák"), None, Some("jan.novak@example.cz"))).await;
    let c = create(&store, &clock, person(Some("Jan Novák"), Some("608 999 000"), Some("jnovak@example.com"))).await;
    let d = create(&store, &clock, person(Some("Jan Novák"), None, None)).await;
    let e = create(&store, &clock, person(Some("Jan Novák"), None, None)).await;
    let contacts: HashSet<i64> = [a, b, c, d, e].iter().map(|x| x.contact_id).collect();
    assert_eq!(contacts.len(), 5, "five people called Jan Novák");
    for id in &contacts {
        assert_eq!(store.contact(*id).await.unwrap().leads.len(), 1);
    }
}
contract_test!(same_name_alone_never_merges_people);

async fn contact_shows_the_activities_of_earlier_leads(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let first = create(&store, &clock, person(Some("Jana Nováková"), Some("777 123 456"), None)).await;
    clock.advance(mins(5));
    let call = store.log_activity(first.id, reached_call(&clock), None).await.unwrap();
    clock.advance(mins(5));
    let note = store.log_activity(first.id, activity(&clock, "note", None, None, Some("Chce nabídku do pátku")), None).await.unwrap();
    clock.advance(SignedDuration::from_hours(24));
    let second = create(&store, &clock, person(None, Some("+420777123456"), None)).await;
    assert_eq!(second.contact_id, first.contact_id);

    let contact = store.contact(second.contact_id).await.unwrap();
    assert_eq!(ids(&contact.leads), [second.id, first.id]);
    let acts: Vec<(i64, i64, &str)> = contact.activities.iter().map(|a| (a.id, a.lead_id, a.kind.as_str())).collect();
    assert_eq!(acts, [(call, first.id, "call"), (note, first.id, "note")], "oldest first");
    assert_eq!(contact.activities[0].at, start() + mins(5));
    assert_eq!(contact.activities[1].body.as_deref(), Some("Chce nabídku do pátku"));
    // The new lead itself has none of its own yet.
    assert!(store.activities(second.id).await.unwrap().is_empty());
    assert_eq!(store.activities(first.id).await.unwrap().len(), 2);
}
contract_test!(contact_shows_the_activities_of_earlier_leads);

// ═══════════════════════════════════════════════════════════════════════════════════════════
// 3. Idempotency
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn idempotency_same_request_returns_the_same_lead(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    // Two consultants: a second lead would go to the second one, so a retry that ran the
    // playbook again could not hide.
    let jana = store.create_user(user_with_phone("jana", "Jana", Role::Consultant, "603 111 222")).await.unwrap();
    let petr = store.create_user(user_with_phone("petr", "Petr", Role::Consultant, "603 333 444")).await.unwrap();
    let draft = || person(Some("Jana Nováková"), Some("777 123 456"), None);
    let first = store.create_lead(parse(&clock, draft()), None, idem("user:1", "k-1", "fp-a")).await.unwrap();
    assert!(first.created);
    let timeline = store.timeline(first.id).await.unwrap();
    let outbox = store.outbox(first.id).await.unwrap();
    let timers = store.timers(first.id).await.unwrap();
    let tasks = tasks_of(&store, first.id).await;
    assert_eq!(kinds(&timeline), RECEIVED_AND_ASSIGNED);
    assert_eq!((outbox.len(), timers.len(), tasks.len()), (2, 3, 1));

    clock.advance(mins(1));
    let again = store.create_lead(parse(&clock, draft()), None, idem("user:1", "k-1", "fp-a")).await.unwrap();
    assert_eq!(again.id, first.id);
    assert!(!again.created);
    assert_eq!(again.contact_id, first.contact_id);

    assert_eq!(ids(&store.leads(&all(100)).await.unwrap()), [first.id], "no second lead");
    assert_eq!(store.timeline(first.id).await.unwrap(), timeline, "no second event");
    assert_eq!(store.outbox(first.id).await.unwrap(), outbox, "no second notification");
    assert_eq!(store.timers(first.id).await.unwrap(), timers, "no second timer");
    assert_eq!(tasks_of(&store, first.id).await, tasks, "no second task");
    assert_eq!(store.notifications(&Default::default()).await.unwrap().len(), 2);
    assert_eq!(store.lead(first.id).await.unwrap().owner.map(|o| o.id), Some(jana));
    assert_eq!((store.user(jana).await.unwrap().open_tasks, store.user(petr).await.unwrap().open_tasks), (1, 0));
    // The round robin did not move either: the next new lead is Petr's.
    let next = store.create_lead(parse(&clock, draft()), None, idem("user:1", "k-2", "fp-a")).await.unwrap();
    assert!(next.created);
    assert_eq!(store.lead(next.id).await.unwrap().owner.map(|o| o.id), Some(petr));
}
contract_test!(idempotency_same_request_returns_the_same_lead);

async fn idempotency_same_key_different_request_conflicts(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let first = store
        .create_lead(parse(&clock, person(Some("Jana"), Some("777 123 456"), None)), None, idem("user:1", "k-1", "fp-a"))
        .await
        .unwrap();
    let err = store
        .create_lead(parse(&clock, person(Some("Karel"), Some("777 999 888"), None)), None, idem("user:1", "k-1", "fp-b"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert_eq!(ids(&store.leads(&all(100)).await.unwrap()), [first.id]);
    // The key still answers for its own request.
    let again = store
        .create_lead(parse(&clock, person(Some("Jana"), Some("777 123 456"), None)), None, idem("user:1", "k-1", "fp-a"))
        .await
        .unwrap();
    assert_eq!((again.id, again.created), (first.id, false));
}
contract_test!(idempotency_same_key_different_request_conflicts);

async fn idempotency_keys_are_scoped(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let draft = || person(Some("Jana"), Some("777 123 456"), None);
    let one = store.create_lead(parse(&clock, draft()), None, idem("user:1", "k-1", "fp-a")).await.unwrap();
    let two = store.create_lead(parse(&clock, draft()), None, idem("user:2", "k-1", "fp-a")).await.unwrap();
    assert!(one.created && two.created);
    assert_ne!(one.id, two.id, "the same key of another user is another request");
    // Even with another fingerprint, another scope is no conflict.
    let three = store.create_lead(parse(&clock, draft()), None, idem("user:3", "k-1", "fp-z")).await.unwrap();
    assert!(three.created);
    // And each scope still remembers its own.
    let two_again = store.create_lead(parse(&clock, draft()), None, idem("user:2", "k-1", "fp-a")).await.unwrap();
    assert_eq!((two_again.id, two_again.created), (two.id, false));
    assert_eq!(store.leads(&all(100)).await.unwrap().len(), 3);
}
contract_test!(idempotency_keys_are_scoped);

async fn idempotency_holds_under_concurrent_retries(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let mut tasks = Vec::new();
    for _ in 0..30 {
        let lead = parse(&clock, person(Some("Jana"), Some("777 123 456"), None));
        let store = store.clone();
        tasks.push(tokio::spawn(async move { store.create_lead(lead, None, idem("user:1", "k-1", "fp-a")).await }));
    }
    let mut lead_ids = HashSet::new();
    let mut created = 0;
    for task in tasks {
        let r = task.await.unwrap().unwrap();
        lead_ids.insert(r.id);
        created += usize::from(r.created);
    }
    assert_eq!(lead_ids.len(), 1, "one lead for one key");
    assert_eq!(created, 1, "exactly one request created it");
    assert_eq!(store.leads(&all(100)).await.unwrap().len(), 1);
}
contract_test!(idempotency_holds_under_concurrent_retries);

// ═══════════════════════════════════════════════════════════════════════════════════════════
// 4. Listing: pagination, filters, search
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn list_pagination_walks_every_lead_exactly_once(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let mut created = Vec::new();
    for i in 0..53 {
        created.push(create(&store, &clock, person(Some(&format!("Zákazník {i}")), None, None)).await.id);
    }
    let mut seen: Vec<i64> = Vec::new();
    let mut before = None;
    let mut pages = Vec::new();
    loop {
        let page = store.leads(&LeadFilter { before, limit: 10, ..Default::default() }).await.unwrap();
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 10);
        pages.push(page.len());
        seen.extend(ids(&page));
        before = page.last().map(|l| l.id);
        assert!(pages.len() <= 6, "pagination does not end: {pages:?}");
    }
    assert_eq!(pages, [10, 10, 10, 10, 10, 3]);
    assert!(seen.windows(2).all(|w| w[0] > w[1]), "newest first, no repeats: {seen:?}");
    let mut newest_first = created.clone();
    newest_first.reverse();
    assert_eq!(seen, newest_first, "every lead exactly once");
}
contract_test!(list_pagination_walks_every_lead_exactly_once);

async fn list_filters_by_stage_status_channel_and_owner(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    // A specialist: neither in the consultants' round robin nor in the escalation, so the
    // playbook leaves the leads given to nobody unassigned.
    let jana = store.create_user(new_user("jana", "Jana Nováková", Role::Specialist, None)).await.unwrap();
    let lead =
        |channel: &str, owner: Option<i64>| LeadDraft { channel: Some(channel.into()), owner, ..person(Some("Zákazník"), None, None) };
    let a = create(&store, &clock, lead("web", Some(jana))).await.id;
    let b = create(&store, &clock, lead("phone", None)).await.id;
    let c = create(&store, &clock, lead("email", Some(jana))).await.id;
    let d = create(&store, &clock, lead("web", None)).await.id;
    store.patch_lead(b, LeadPatch { stage: Some("contacted".into()), ..Default::default() }, None).await.unwrap();
    store.patch_lead(c, LeadPatch { stage: Some("won".into()), ..Default::default() }, None).await.unwrap();

    let list = |f: LeadFilter| {
        let store = store.clone();
        // Limit 100 unless the case sets its own.
        let limit = if f.limit == 0 { 100 } else { f.limit };
        async move { ids(&store.leads(&LeadFilter { limit, ..f }).await.unwrap()) }
    };
    assert_eq!(list(LeadFilter::default()).await, [d, c, b, a]);
    assert_eq!(list(LeadFilter { stage: Some("received".into()), ..Default::default() }).await, [d, a]);
    assert_eq!(list(LeadFilter { stage: Some("contacted".into()), ..Default::default() }).await, [b]);
    assert_eq!(list(LeadFilter { stage: Some("offer".into()), ..Default::default() }).await, Vec::<i64>::new());
    assert_eq!(list(LeadFilter { status: Some("won".into()), ..Default::default() }).await, [c]);
    assert_eq!(list(LeadFilter { status: Some("open".into()), ..Default::default() }).await, [d, b, a]);
    assert_eq!(list(LeadFilter { channel: Some("web".into()), ..Default::default() }).await, [d, a]);
    assert_eq!(list(LeadFilter { channel: Some("phone".into()), ..Default::default() }).await, [b]);
    assert_eq!(list(LeadFilter { owner: Some(Some(jana)), ..Default::default() }).await, [c, a]);
    assert_eq!(list(LeadFilter { owner: Some(None), ..Default::default() }).await, [d, b], "None = unassigned");
    assert_eq!(list(LeadFilter { owner: Some(Some(jana + 1000)), ..Default::default() }).await, Vec::<i64>::new());
    assert_eq!(list(LeadFilter { channel: Some("web".into()), owner: Some(None), ..Default::default() }).await, [d], "filters combine");
    assert_eq!(list(LeadFilter { limit: 2, ..Default::default() }).await, [d, c], "limit");
}
contract_test!(list_filters_by_stage_status_channel_and_owner);

async fn search_ignores_case_and_diacritics(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let jana = create(&store, &clock, person(Some("Jana Nováková"), Some("777 123 456"), None)).await.id;
    let petr = create(&store, &clock, person(Some("Petr Novák"), None, Some("petr@example.cz"))).await.id;
    let eva =
        create(&store, &clock, LeadDraft { subject: Some("Střešní OKNA".into()), ..person(Some("Eva Svobodová"), None, None) }).await.id;

    let search = |q: &str| {
        let store = store.clone();
        let q = q.to_owned();
        async move { ids(&store.leads(&LeadFilter { query: Some(q), limit: 100, ..Default::default() }).await.unwrap()) }
    };
    assert_eq!(search("novakova").await, [jana]);
    assert_eq!(search("NOVÁKOVÁ").await, [jana]);
    assert_eq!(search("Nováková").await, [jana]);
    assert_eq!(search("novak").await, [petr, jana]);
    assert_eq!(search("jana novak").await, [jana], "every term must match");
    assert_eq!(search("strešni okna").await, [eva], "subjects are searched, folded");
    assert_eq!(search("777123456").await, [jana], "phones are searched");
    assert_eq!(search("PETR@EXAMPLE").await, [petr], "e-mails are searched");
    assert_eq!(search("svobodova novakova").await, Vec::<i64>::new());
    assert_eq!(search("dvořák").await, Vec::<i64>::new());
}
contract_test!(search_ignores_case_and_diacritics);

async fn search_finds_a_lead_by_its_contact(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let first = create(&store, &clock, person(Some("Jana Nováková"), Some("777 123 456"), Some("jana@example.cz"))).await;
    // The same person again, this time giving only her phone: the lead is listed as hers …
    let second = create(&store, &clock, person(None, Some("+420777123456"), None)).await;
    assert_eq!(second.contact_id, first.contact_id);
    assert_eq!(store.lead(second.id).await.unwrap().contact.name.as_deref(), Some("Jana Nováková"));
    // … so searching for her finds it, before and after any edit of the lead.
    let search = |q: &str| {
        let store = store.clone();
        let q = q.to_owned();
        async move { ids(&store.leads(&LeadFilter { query: Some(q), limit: 100, ..Default::default() }).await.unwrap()) }
    };
    assert_eq!(search("novakova").await, [second.id, first.id]);
    assert_eq!(search("jana@example").await, [second.id, first.id]);
    let patch = LeadPatch { subject: Some(Some(Line::parse("Okna", 300).unwrap())), ..Default::default() };
    store.patch_lead(second.id, patch, None).await.unwrap();
    assert_eq!(search("novakova").await, [second.id, first.id]);
    assert_eq!(search("novakova okna").await, [second.id]);
}
contract_test!(search_finds_a_lead_by_its_contact);

async fn search_matches_wildcards_literally(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let subject = |s: &str| LeadDraft { subject: Some(s.into()), ..person(Some("Zákazník"), None, None) };
    let percent = create(&store, &clock, subject("Sleva 50% na okna")).await.id;
    let _fifty = create(&store, &clock, subject("Sleva 50 na okna")).await.id;
    let _five_thousand = create(&store, &clock, subject("Sleva 5000 na dveře")).await.id;
    let underscore = create(&store, &clock, subject("kód a_b")).await.id;
    let _axb = create(&store, &clock, subject("kód axb")).await.id;
    let _backslash = create(&store, &clock, subject("cesta c:x")).await.id;

    let search = |q: &str| {
        let store = store.clone();
        let q = q.to_owned();
        async move { ids(&store.leads(&LeadFilter { query: Some(q), limit: 100, ..Default::default() }).await.unwrap()) }
    };
    assert_eq!(search("50%").await, [percent]);
    assert_eq!(search("%").await, [percent], "`%` is a character, not a wildcard");
    assert_eq!(search("5%0").await, Vec::<i64>::new());
    assert_eq!(search("a_b").await, [underscore], "`_` is a character, not a wildcard");
    assert_eq!(search("_").await, [underscore]);
    assert_eq!(search("c:\\x").await, Vec::<i64>::new(), "`\\` is a character, not an escape");
    assert_eq!(search("sleva").await.len(), 3);
}
contract_test!(search_matches_wildcards_literally);

// ═══════════════════════════════════════════════════════════════════════════════════════════
// 5. patch_lead
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn patch_stage_owner_and_status_are_events_in_the_timeline(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let jana = store.create_user(new_user("jana", "Jana Nováková", Role::Manager, None)).await.unwrap();
    let petr = store.create_user(new_user("petr", "Petr Dvořák", Role::Consultant, None)).await.unwrap();
    let eva = store.create_user(new_user("eva", "Eva Malá", Role::Consultant, None)).await.unwrap();
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    // The round robin gave it to Petr, the first consultant.
    assert_eq!(store.lead(id).await.unwrap().owner.map(|o| o.id), Some(petr));
    let created = store.timeline(id).await.unwrap().len();
    let outbox_before = store.outbox(id).await.unwrap().len();

    clock.advance(mins(1));
    store.patch_lead(id, LeadPatch { stage: Some("contacted".into()), ..Default::default() }, Some(jana)).await.unwrap();
    clock.advance(mins(1));
    store.patch_lead(id, LeadPatch { owner: Some(Some(eva)), ..Default::default() }, Some(jana)).await.unwrap();
    clock.advance(mins(1));
    store.patch_lead(id, LeadPatch { status: Some(LeadStatus::Junk), ..Default::default() }, Some(jana)).await.unwrap();
    clock.advance(mins(1));
    store.patch_lead(id, LeadPatch { owner: Some(None), ..Default::default() }, Some(jana)).await.unwrap();
    // A patch that changes nothing writes nothing.
    store.patch_lead(id, LeadPatch { stage: Some("contacted".into()), ..Default::default() }, Some(jana)).await.unwrap();
    store.patch_lead(id, LeadPatch { owner: Some(None), ..Default::default() }, Some(jana)).await.unwrap();

    let lead = store.lead(id).await.unwrap();
    assert_eq!(lead.stage, "contacted");
    assert_eq!(lead.status, "junk");
    assert_eq!(lead.owner, None);
    assert_eq!(lead.updated_at, start() + mins(4));

    // Closing the lead (junk) cancelled its open task: the playbook's reaction, in the same
    // transaction and with the same actor.
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(
        kinds_since(&timeline, created),
        ["lead.stage_changed", "lead.assigned", "lead.status_changed", "task.cancelled", "lead.assigned"]
    );
    let changes = &timeline[created..];
    assert_eq!(changes[0].data, json!({ "from": "received", "to": "contacted" }));
    assert_eq!(changes[1].data, json!({ "from": petr, "owner": eva }));
    assert_eq!(changes[2].data, json!({ "from": "open", "to": "junk" }));
    assert_eq!(changes[3].data["reason"], "the lead was closed (junk)");
    assert_eq!(changes[4].data, json!({ "from": eva, "owner": null }));
    let jana_ref = Some(UserRef { id: jana, name: "Jana Nováková".into() });
    for e in changes {
        assert_eq!(e.actor, jana_ref, "{}", e.kind);
    }
    let at: Vec<Timestamp> = changes.iter().map(|e| e.at).collect();
    assert_eq!(at, [start() + mins(1), start() + mins(2), start() + mins(3), start() + mins(3), start() + mins(4)]);

    // The new owner was told (once); a closed lead needs no task, no SLA and no escalation.
    let outbox = store.outbox(id).await.unwrap();
    assert_eq!(outbox.len(), outbox_before + 1, "{outbox:?}");
    let assigned: Vec<_> = outbox.iter().filter(|o| o.kind == "lead.assigned").collect();
    assert_eq!(assigned.len(), 1, "{outbox:?}");
    assert_eq!(assigned[0].recipient_user, Some(eva));
    assert_eq!(assigned[0].channel, "in_app");
    assert_eq!(assigned[0].created_at, start() + mins(2));
    let tasks = tasks_of(&store, id).await;
    assert_eq!(tasks.iter().map(|t| (t.task.as_str(), t.status.as_str())).collect::<Vec<_>>(), [("first_call", "cancelled")]);
    assert_eq!(tasks[0].done_at, Some(start() + mins(3)));
    assert_eq!(
        timer_states(&store, id).await,
        kind_status(&[(SLA_WARN, "cancelled"), (SLA_BREACH, "cancelled"), (NO_REACTION, "cancelled")])
    );
    assert_eq!(store.next_timer_due().await.unwrap(), None);
}
contract_test!(patch_stage_owner_and_status_are_events_in_the_timeline);

async fn patch_stage_won_implies_status_won(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    let created = store.timeline(id).await.unwrap().len();
    clock.advance(mins(1));
    store.patch_lead(id, LeadPatch { stage: Some("won".into()), ..Default::default() }, None).await.unwrap();
    let lead = store.lead(id).await.unwrap();
    assert_eq!((lead.stage.as_str(), lead.status.as_str()), ("won", "won"));
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(kinds_since(&timeline, created), ["lead.stage_changed", "lead.status_changed", "task.cancelled"]);
    assert_eq!(timeline[created].data, json!({ "from": "received", "to": "won" }));
    assert_eq!(timeline[created + 1].data, json!({ "from": "open", "to": "won" }));
    // Entering a closing stage closes the lead: its tasks and timers are cancelled.
    assert_eq!(timeline[created + 2].data["reason"], "the lead was closed (won)");
    assert!(tasks_of(&store, id).await.iter().all(|t| t.status == "cancelled" && t.done_at == Some(start() + mins(1))));
    assert_eq!(timer_states(&store, id).await, kind_status(&[(SLA_WARN, "cancelled"), (SLA_BREACH, "cancelled")]));

    // An explicit status wins over the one a stage implies.
    let other = create(&store, &clock, person(Some("Jiný"), Some("777 999 888"), None)).await.id;
    store
        .patch_lead(other, LeadPatch { stage: Some("lost".into()), status: Some(LeadStatus::Junk), ..Default::default() }, None)
        .await
        .unwrap();
    let lead = store.lead(other).await.unwrap();
    assert_eq!((lead.stage.as_str(), lead.status.as_str()), ("lost", "junk"));
    assert_eq!(timer_states(&store, other).await, kind_status(&[(SLA_WARN, "cancelled"), (SLA_BREACH, "cancelled")]));
    assert_eq!(store.next_timer_due().await.unwrap(), None, "no timer of a closed lead is left to fire");
}
contract_test!(patch_stage_won_implies_status_won);

async fn patch_other_fields_update_the_search(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let id = create(&store, &clock, person(Some("Zákazník"), None, Some("z@example.cz"))).await.id;
    let created = store.timeline(id).await.unwrap().len();
    let patch = LeadPatch { subject: Some(Some(Line::parse("Zimní zahrada", 300).unwrap())), ..Default::default() };
    store.patch_lead(id, patch, None).await.unwrap();
    assert_eq!(store.lead(id).await.unwrap().subject.as_deref(), Some("Zimní zahrada"));
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(kinds_since(&timeline, created), ["lead.updated"]);
    assert_eq!(timeline[created].data, json!({ "subject": { "from": null, "to": "Zimní zahrada" } }));
    let found = store.leads(&LeadFilter { query: Some("zimni".into()), limit: 10, ..Default::default() }).await.unwrap();
    assert_eq!(ids(&found), [id]);
}
contract_test!(patch_other_fields_update_the_search);

async fn patch_rejects_unknown_owner_and_unknown_lead(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    let timeline = store.timeline(id).await.unwrap();
    let timers = store.timers(id).await.unwrap();
    let tasks = tasks_of(&store, id).await;
    clock.advance(mins(1));
    let err = store
        .patch_lead(id, LeadPatch { owner: Some(Some(424_242)), stage: Some("offer".into()), ..Default::default() }, None)
        .await
        .unwrap_err();
    match err {
        StoreError::Invalid(e) => assert_eq!(e.0[0].field, "owner", "{e}"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    let lead = store.lead(id).await.unwrap();
    assert_eq!((lead.owner, lead.stage.as_str()), (None, "received"), "nothing of the failed patch was kept");
    assert_eq!(lead.updated_at, start());
    assert_eq!(store.timeline(id).await.unwrap(), timeline, "no event");
    assert_eq!(store.timers(id).await.unwrap(), timers, "no timer set or cancelled");
    assert_eq!(tasks_of(&store, id).await, tasks, "no task created or cancelled");
    // A stage the lead's playbook does not know is invalid too.
    let err = store.patch_lead(id, LeadPatch { stage: Some("paid".into()), ..Default::default() }, None).await.unwrap_err();
    match err {
        StoreError::Invalid(e) => assert_eq!(e.0[0].field, "stage", "{e}"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert_eq!(store.timeline(id).await.unwrap(), timeline);

    let err = store.patch_lead(id + 1000, LeadPatch { stage: Some("offer".into()), ..Default::default() }, None).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}
contract_test!(patch_rejects_unknown_owner_and_unknown_lead);

async fn unknown_ids_are_not_found(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    let missing = id + 1000;
    assert!(matches!(store.lead(missing).await, Err(StoreError::NotFound)));
    assert!(matches!(store.timeline(missing).await, Err(StoreError::NotFound)));
    assert!(matches!(store.activities(missing).await, Err(StoreError::NotFound)));
    assert!(matches!(store.contact(missing).await, Err(StoreError::NotFound)));
    assert!(matches!(store.user(missing).await, Err(StoreError::NotFound)));
    assert!(matches!(store.log_activity(missing, reached_call(&clock), None).await, Err(StoreError::NotFound)));
    assert!(matches!(store.create_token(missing, "t".into(), "h".into()).await, Err(StoreError::NotFound)));
}
contract_test!(unknown_ids_are_not_found);

// ═══════════════════════════════════════════════════════════════════════════════════════════
// 6. log_activity, first response, timeline order
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn an_outgoing_reached_call_is_the_first_response(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    let created = store.timeline(id).await.unwrap().len();
    clock.advance(mins(2));
    // An unanswered call is an attempt, not a response: the SLA keeps running, and the call
    // task is done with that outcome, so the playbook schedules the next attempt in 5 minutes.
    store.log_activity(id, activity(&clock, "call", Some("out"), Some("no_answer"), None), None).await.unwrap();
    assert_eq!(store.lead(id).await.unwrap().first_response_at, None);
    assert_eq!(
        timers_of(&store, id).await,
        [
            (SLA_WARN.to_owned(), start() + mins(5), "pending".to_owned()),
            (SLA_BREACH.to_owned(), start() + mins(10), "pending".to_owned()),
            ("retry:first_call".to_owned(), start() + mins(7), "pending".to_owned()),
        ]
    );
    let attempt = store.timeline(id).await.unwrap().len();

    clock.advance(mins(1));
    let call = store.log_activity(id, reached_call(&clock), None).await.unwrap();
    let lead = store.lead(id).await.unwrap();
    assert_eq!(lead.first_response_at, Some(start() + mins(3)));
    assert_eq!(lead.updated_at, start() + mins(3));
    assert_eq!(lead.stage, "contacted", "the playbook moves a lead that was reached to its first contact");
    // The response meets the SLA: its timers (and the next attempt's) are cancelled.
    assert_eq!(
        timer_states(&store, id).await,
        kind_status(&[(SLA_WARN, "cancelled"), (SLA_BREACH, "cancelled"), ("retry:first_call", "cancelled")])
    );
    assert_eq!(store.next_timer_due().await.unwrap(), None);

    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(kinds(&timeline[created..attempt]), ["activity.logged", "task.completed", "task.retry_scheduled"]);
    assert_eq!(timeline[created].data["outcome"], "no_answer");
    assert_eq!(timeline[created + 1].data["outcome"], "no_answer");
    assert_eq!(
        kinds_since(&timeline, attempt),
        ["activity.logged", "lead.first_response", "sla.met", "playbook.rule", "lead.stage_changed"]
    );
    let response = &timeline[attempt..];
    assert_eq!(response[0].data["outcome"], "reached");
    assert_eq!(response[0].data["direction"], "out");
    assert_eq!(response[1].data, json!({ "activity_id": call }));
    assert_eq!(response[2].data, json!({ "sla": "first_response", "how": "met" }));
    assert!(response.iter().all(|e| e.at == start() + mins(3)));
}
contract_test!(an_outgoing_reached_call_is_the_first_response);

async fn a_second_response_keeps_the_first_response_time(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    clock.advance(mins(4));
    store.log_activity(id, reached_call(&clock), None).await.unwrap();
    clock.advance(mins(30));
    store.log_activity(id, activity(&clock, "email", Some("out"), None, Some("Posílám nabídku")), None).await.unwrap();
    clock.advance(mins(30));
    store.log_activity(id, reached_call(&clock), None).await.unwrap();

    let lead = store.lead(id).await.unwrap();
    assert_eq!(lead.first_response_at, Some(start() + mins(4)));
    assert_eq!(lead.updated_at, start() + mins(64));
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(events_of(&timeline, "lead.first_response").len(), 1);
    assert_eq!(events_of(&timeline, "activity.logged").len(), 3);
    let met = events_of(&timeline, "sla.met");
    assert_eq!(met.len(), 1, "the SLA is met once");
    assert_eq!(met[0].at, start() + mins(4));
    assert_eq!(store.activities(id).await.unwrap().len(), 3);
    assert_eq!(timer_states(&store, id).await, kind_status(&[(SLA_WARN, "cancelled"), (SLA_BREACH, "cancelled")]));
    assert!(store.timers(id).await.unwrap().iter().all(|t| t.status == "cancelled"));
}
contract_test!(a_second_response_keeps_the_first_response_time);

async fn a_response_dated_before_arrival_counts_from_arrival(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    clock.advance(mins(20));
    // Logged late, dated (by the client) a minute before the lead arrived.
    let early = ActivityDraft {
        kind: Some("sms".into()),
        direction: Some("out".into()),
        at: Some((start() - mins(1)).to_string()),
        ..Default::default()
    }
    .parse(clock.now())
    .unwrap();
    store.log_activity(id, early, None).await.unwrap();
    let lead = store.lead(id).await.unwrap();
    assert_eq!(lead.first_response_at, Some(start()), "never before received_at");
    assert_eq!(store.activities(id).await.unwrap()[0].at, start() - mins(1), "the activity keeps its own time");
}
contract_test!(a_response_dated_before_arrival_counts_from_arrival);

async fn a_note_is_not_a_response(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    let created = store.timeline(id).await.unwrap().len();
    let tasks = tasks_of(&store, id).await;
    clock.advance(mins(1));
    let note = store.log_activity(id, activity(&clock, "note", None, None, Some("Volat po 16h")), None).await.unwrap();
    let email_in = store.log_activity(id, activity(&clock, "email", Some("in"), None, None), None).await.unwrap();

    let lead = store.lead(id).await.unwrap();
    assert_eq!(lead.first_response_at, None);
    assert_eq!(lead.stage, "received");
    // Nothing the playbook waits for happened: the SLA runs on, the call task stays open.
    assert_eq!(timer_states(&store, id).await, kind_status(&[(SLA_WARN, "pending"), (SLA_BREACH, "pending")]));
    assert_eq!(tasks_of(&store, id).await, tasks);
    assert_eq!(tasks[0].status, "open");
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(kinds_since(&timeline, created), ["activity.logged", "activity.logged"]);
    let acts = store.activities(id).await.unwrap();
    assert_eq!(ids_of(&acts), [note, email_in]);
    assert_eq!(acts[0].kind, "note");
    assert_eq!(acts[0].body.as_deref(), Some("Volat po 16h"));
    assert_eq!(acts[0].at, start() + mins(1));
}
contract_test!(a_note_is_not_a_response);

async fn timeline_is_oldest_first(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let jana = store.create_user(user_with_phone("jana", "Jana", Role::Consultant, "603 111 222")).await.unwrap();
    let petr = store.create_user(user_with_phone("petr", "Petr", Role::Consultant, "603 333 444")).await.unwrap();
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    assert_eq!(store.lead(id).await.unwrap().owner.map(|o| o.id), Some(jana));
    clock.advance(mins(1));
    store.patch_lead(id, LeadPatch { owner: Some(Some(petr)), ..Default::default() }, Some(petr)).await.unwrap();
    clock.advance(mins(1));
    store.log_activity(id, reached_call(&clock), Some(petr)).await.unwrap();
    clock.advance(mins(1));
    store.patch_lead(id, LeadPatch { stage: Some("offer".into()), ..Default::default() }, Some(petr)).await.unwrap();
    // Another lead's events never show up here.
    create(&store, &clock, person(Some("Jiný"), Some("777 999 888"), None)).await;

    let timeline = store.timeline(id).await.unwrap();
    let mut expected: Vec<&str> = RECEIVED_AND_ASSIGNED.to_vec();
    // Taken over by Petr; his call reaches the customer: the escalation and the SLA end, the
    // playbook moves the lead to its first contact, and the call task is done (reached); then
    // Petr moves the lead on.
    expected.extend([
        "lead.assigned",
        "activity.logged",
        "lead.first_response",
        "escalation.stopped",
        "sla.met",
        "playbook.rule",
        "lead.stage_changed",
        "task.completed",
        "lead.stage_changed",
    ]);
    assert_eq!(kinds(&timeline), expected);
    let at: Vec<Timestamp> = timeline.iter().map(|e| e.at).collect();
    let mut expected_at = vec![start(); RECEIVED_AND_ASSIGNED.len()];
    expected_at.push(start() + mins(1));
    expected_at.extend([start() + mins(2); 7]);
    expected_at.push(start() + mins(3));
    assert_eq!(at, expected_at);
    assert!(timeline.windows(2).all(|w| w[0].id < w[1].id), "oldest first");
    assert!(timeline.iter().all(|e| e.lead_id == Some(id)));
    let n = timeline.len();
    assert_eq!(timeline[n - 3].data, json!({ "from": "received", "to": "contacted", "by": "playbook" }));
    assert_eq!(timeline[n - 2].data["outcome"], "reached");
    assert_eq!(timeline[n - 1].data, json!({ "from": "contacted", "to": "offer" }));
    // The activity remembers who logged it.
    assert_eq!(store.activities(id).await.unwrap()[0].user, Some(UserRef { id: petr, name: "Petr".into() }));
}
contract_test!(timeline_is_oldest_first);

// ═══════════════════════════════════════════════════════════════════════════════════════════
// 7. Users and tokens
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn users_logins_and_tokens(store: Arc<dyn Store>, _clock: Arc<ManualClock>) {
    let id = store
        .create_user(NewUserRecord {
            phone: Some(pronto_domain::values::Phone::parse("777 123 456", Region::default()).unwrap()),
            email: Some(pronto_domain::values::Email::parse("Jana@Example.cz").unwrap()),
            ..new_user("Jana.N", "Jana Nováková", Role::Consultant, Some("$argon2id$hash-1"))
        })
        .await
        .unwrap();
    let user = store.user(id).await.unwrap();
    assert_eq!(user.login, "jana.n");
    assert_eq!(user.name, "Jana Nováková");
    assert_eq!(user.role, "consultant");
    assert_eq!(user.phone.as_deref(), Some("+420777123456"));
    assert_eq!(user.email.as_deref(), Some("jana@example.cz"));
    assert!(user.active);
    assert_eq!(user.created_at, start());

    let err = store.create_user(new_user("JANA.N", "Jiná Jana", Role::Admin, None)).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "duplicate login: {err:?}");
    assert_eq!(store.users().await.unwrap().len(), 1);

    let (by_login, hash) = store.user_by_login("jana.n").await.unwrap();
    assert_eq!(by_login, user);
    assert_eq!(hash.as_deref(), Some("$argon2id$hash-1"));
    assert!(matches!(store.user_by_login("nobody").await, Err(StoreError::NotFound)));

    let other = store.create_user(new_user("petr", "Petr", Role::Specialist, None)).await.unwrap();
    assert_eq!(store.user_by_login("petr").await.unwrap().1, None, "a user without a password");
    assert_eq!(store.users().await.unwrap().iter().map(|u| u.id).collect::<Vec<_>>(), [id, other]);

    let token = store.create_token(id, "ci".into(), "sha256:abc".into()).await.unwrap();
    assert!(token > 0);
    assert_eq!(store.user_by_token_hash("sha256:abc").await.unwrap(), user);
    assert!(matches!(store.user_by_token_hash("sha256:nope").await, Err(StoreError::NotFound)));
    store.create_token(other, "cli".into(), "sha256:def".into()).await.unwrap();
    assert_eq!(store.user_by_token_hash("sha256:def").await.unwrap().id, other);
    let dup = store.create_token(other, "again".into(), "sha256:abc".into()).await.unwrap_err();
    assert!(matches!(dup, StoreError::Conflict(_)), "a token hash is unique: {dup:?}");
}
contract_test!(users_logins_and_tokens);

/// Accounts (migration 12): the per-account sign-in throttle counts, waits, survives a reopen
/// and clears on success; tokens expire and are revoked; the last active admin stays.
async fn accounts_throttle_tokens_and_the_last_admin(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    for n in 1..=4 {
        assert_eq!(store.login_failed("jana").await.unwrap(), None, "failure {n} is free");
    }
    let now = clock.now();
    assert_eq!(store.login_failed("jana").await.unwrap(), Some(now + SignedDuration::from_secs(2)));
    assert_eq!(store.login_blocked("jana").await.unwrap(), Some(now + SignedDuration::from_secs(2)));
    assert_eq!(store.login_failed("jana").await.unwrap(), Some(now + SignedDuration::from_secs(4)));
    assert_eq!(store.login_blocked("petr").await.unwrap(), None, "per account");
    store.login_succeeded("jana").await.unwrap();
    assert_eq!(store.login_blocked("jana").await.unwrap(), None);

    let admin = store.create_user(new_user("boss", "Boss", Role::Admin, Some("h"))).await.unwrap();
    let jana = store.create_user(new_user("jana", "Jana", Role::Consultant, Some("h"))).await.unwrap();
    let later = clock.now() + SignedDuration::from_hours(1);
    let t = store.create_token_expiring(jana, "laptop".into(), "sha256:j".into(), Some(later)).await.unwrap();
    let (u, tok) = store.token_auth("sha256:j").await.unwrap();
    assert_eq!((u.id, tok.id, tok.expires_at, tok.last_used_at), (jana, t, Some(later), None));
    store.touch_token(t).await.unwrap();
    assert_eq!(store.tokens(jana).await.unwrap()[0].last_used_at, Some(clock.now()));
    store.revoke_token(jana, t, Some(admin)).await.unwrap();
    assert!(matches!(store.token_auth("sha256:j").await, Err(StoreError::NotFound)));
    assert!(matches!(store.revoke_token(jana, t, Some(admin)).await, Err(StoreError::NotFound)));
    assert!(store.tokens(jana).await.unwrap().is_empty());

    assert!(matches!(store.set_active(admin, false, Some(admin)).await, Err(StoreError::Conflict(_))));
    assert!(matches!(store.set_role(admin, Role::Manager, Some(admin)).await, Err(StoreError::Conflict(_))));
    store.create_token(jana, "ci".into(), "sha256:k".into()).await.unwrap();
    let h = store.set_active(jana, false, Some(admin)).await.unwrap();
    assert_eq!(h.tokens_revoked, 1);
    assert!(!store.user(jana).await.unwrap().active);
    store.set_active(jana, true, Some(admin)).await.unwrap();
    assert!(store.user(jana).await.unwrap().active);
    assert!(matches!(store.token_auth("sha256:k").await, Err(StoreError::NotFound)), "revoked tokens stay revoked");
}
contract_test!(accounts_throttle_tokens_and_the_last_admin);

/// Two admins taking each other's admin rights away at the same moment: one of them must stay
/// (on PostgreSQL the writers are separate connections; the guard locks the admins' rows).
async fn two_admins_cannot_remove_each_other_at_once(store: Arc<dyn Store>, _clock: Arc<ManualClock>) {
    let mut survivor: Option<i64> = None;
    for round in 0..5 {
        let a = store.create_user(new_user(&format!("a{round}"), "A", Role::Admin, Some("h"))).await.unwrap();
        let b = store.create_user(new_user(&format!("b{round}"), "B", Role::Admin, Some("h"))).await.unwrap();
        // The last round's survivor steps down, so these two are the only active admins.
        if let Some(s) = survivor {
            store.set_active(s, false, Some(a)).await.unwrap();
        }
        let (x, y) = tokio::join!(store.set_active(a, false, Some(b)), store.set_role(b, Role::Manager, Some(a)));
        assert!(
            x.is_err() != y.is_err(),
            "round {round}: exactly one of the two is refused ({:?}, {:?})",
            x.as_ref().map(|_| ()),
            y
        );
        assert!(matches!(x.as_ref().err().or(y.as_ref().err()), Some(StoreError::Conflict(_))), "the refusal is a conflict");
        let admins: Vec<i64> = store.users().await.unwrap().into_iter().filter(|u| u.active && u.role == "admin").map(|u| u.id).collect();
        let stays = if x.is_err() { a } else { b };
        assert_eq!(admins, vec![stays], "round {round}: one admin stays");
        survivor = Some(stays);
    }
}
contract_test!(two_admins_cannot_remove_each_other_at_once);

async fn ensure_admin_creates_the_admin_only_once(store: Arc<dyn Store>, _clock: Arc<ManualClock>) {
    assert!(store.ensure_admin("hash-first".into()).await.unwrap());
    assert!(!store.ensure_admin("hash-second".into()).await.unwrap());
    let users = store.users().await.unwrap();
    assert_eq!(users.len(), 1, "{users:?}");
    assert_eq!(users[0].login, "admin");
    assert_eq!(users[0].role, "admin");
    let (_, hash) = store.user_by_login("admin").await.unwrap();
    assert_eq!(hash.as_deref(), Some("hash-first"), "the second call changes nothing");
}
contract_test!(ensure_admin_creates_the_admin_only_once);

async fn ensure_admin_does_nothing_when_users_exist(store: Arc<dyn Store>, _clock: Arc<ManualClock>) {
    store.create_user(new_user("jana", "Jana", Role::Manager, None)).await.unwrap();
    assert!(!store.ensure_admin("hash".into()).await.unwrap());
    assert!(matches!(store.user_by_login("admin").await, Err(StoreError::NotFound)));
}
contract_test!(ensure_admin_does_nothing_when_users_exist);

// ═══════════════════════════════════════════════════════════════════════════════════════════
// 8. Durability
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn data_survives_close_and_reopen(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let user = store.create_user(new_user("jana", "Jana", Role::Consultant, Some("hash"))).await.unwrap();
    store.create_token(user, "ci".into(), "sha256:tok".into()).await.unwrap();
    let created = store
        .create_lead(parse(&clock, person(Some("Zákazník"), Some("777 123 456"), None)), Some(user), idem("user:1", "k", "fp"))
        .await
        .unwrap();
    clock.advance(mins(3));
    store.log_activity(created.id, reached_call(&clock), Some(user)).await.unwrap();
    let lead = store.lead(created.id).await.unwrap();
    let timeline = store.timeline(created.id).await.unwrap();
    let contact = store.contact(created.contact_id).await.unwrap();
    let timers = store.timers(created.id).await.unwrap();
    let outbox = store.outbox(created.id).await.unwrap();
    store.close().await;
    assert!(
        store.create_lead(parse(&clock, person(Some("Po zavření"), None, None)), None, None).await.is_err(),
        "a closed store takes no writes"
    );

    let reopened = db.open(clock.clone()).await;
    assert_eq!(reopened.lead(created.id).await.unwrap(), lead);
    assert_eq!(reopened.timeline(created.id).await.unwrap(), timeline);
    assert_eq!(reopened.contact(created.contact_id).await.unwrap(), contact);
    assert_eq!(reopened.timers(created.id).await.unwrap(), timers);
    assert_eq!(reopened.outbox(created.id).await.unwrap(), outbox);
    assert_eq!(reopened.user_by_login("jana").await.unwrap().1.as_deref(), Some("hash"));
    assert_eq!(reopened.user_by_token_hash("sha256:tok").await.unwrap().id, user);
    // What the first store remembered still holds: the idempotency key and the contact.
    let again = reopened
        .create_lead(parse(&clock, person(Some("Zákazník"), Some("777 123 456"), None)), Some(user), idem("user:1", "k", "fp"))
        .await
        .unwrap();
    assert_eq!((again.id, again.created), (created.id, false));
    let next = reopened.create_lead(parse(&clock, person(None, Some("777123456"), None)), None, None).await.unwrap();
    assert!(next.id > created.id);
    assert_eq!(next.contact_id, created.contact_id);
    reopened.close().await;

    // And once more, with what the second store wrote.
    let third = db.open(clock).await;
    assert_eq!(third.leads(&all(100)).await.unwrap().len(), 2);
    third.close().await;
}
contract_test!(data_survives_close_and_reopen, with_db);

// ═══════════════════════════════════════════════════════════════════════════════════════════
// 9. Group commit under concurrency
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn group_commit_200_concurrent_leads(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    // Two consultants share the leads by round robin; each lead's playbook run (owner, task,
    // notifications, timers, the consultants' task counters) commits with it.
    let jana = store.create_user(user_with_phone("jana", "Jana", Role::Consultant, "603 111 222")).await.unwrap();
    let petr = store.create_user(user_with_phone("petr", "Petr", Role::Consultant, "603 333 444")).await.unwrap();
    let mut tasks = Vec::new();
    for i in 0..200 {
        let lead = parse(&clock, person(Some(&format!("Zákazník {i}")), Some(&format!("777 100 {i:03}")), None));
        let store = store.clone();
        tasks.push(tokio::spawn(async move { store.create_lead(lead, None, None).await }));
    }
    let mut lead_ids = HashSet::new();
    for task in tasks {
        let created = task.await.unwrap().expect("every concurrent create_lead succeeds");
        assert!(created.created && created.contact_is_new);
        lead_ids.insert(created.id);
    }
    assert_eq!(lead_ids.len(), 200, "200 distinct ids");
    let listed = store.leads(&all(1000)).await.unwrap();
    assert_eq!(ids(&listed).into_iter().collect::<HashSet<i64>>(), lead_ids);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM events WHERE kind = 'lead.received'").await, 200);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM events WHERE kind = 'lead.assigned'").await, 200);
    // Per lead: an SMS to its consultant and a reminder in the app; the SLA's two timers and
    // the escalation's; one open call task.
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM outbox").await, 400);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM outbox WHERE channel = 'sms' AND kind = 'new_lead'").await, 200);
    assert_eq!(db.count_raw("SELECT COUNT(DISTINCT idempotency_key) FROM outbox").await, 400);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM timers WHERE status = 'pending'").await, 600);
    assert_eq!(db.count_raw(&format!("SELECT COUNT(*) FROM timers WHERE kind = '{SLA_BREACH}' AND status = 'pending'")).await, 200);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM tasks WHERE status = 'open'").await, 200);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM contacts").await, 200);
    // Every lead has an owner, its task is the owner's, and the counters agree with the tasks.
    let owned_by = |user: i64| listed.iter().filter(|l| l.owner.as_ref().map(|o| o.id) == Some(user)).count() as i64;
    assert_eq!(owned_by(jana) + owned_by(petr), 200, "every lead went to a consultant");
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM tasks t JOIN leads l ON l.id = t.lead_id WHERE t.assignee_id = l.owner_id").await, 200);
    assert_eq!(store.user(jana).await.unwrap().open_tasks, owned_by(jana));
    assert_eq!(store.user(petr).await.unwrap().open_tasks, owned_by(petr));
    for id in lead_ids.iter().take(20) {
        assert_eq!(kinds(&store.timeline(*id).await.unwrap()), RECEIVED_AND_ASSIGNED, "lead {id}");
        assert_eq!(store.timers(*id).await.unwrap().len(), 3, "lead {id}");
    }
}
contract_test!(group_commit_200_concurrent_leads, with_db);

async fn group_commit_isolates_failing_commands(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    // A specialist: outside the consultants' round robin and the escalation, so the leads
    // given to nobody stay unassigned.
    let owner = store.create_user(new_user("jana", "Jana", Role::Specialist, None)).await.unwrap();
    let bad = |i: usize| i % 23 == 5;
    let mut tasks = Vec::new();
    for i in 0..200 {
        let draft = LeadDraft {
            owner: if bad(i) {
                Some(owner + 10_000)
            } else if i % 2 == 0 {
                Some(owner)
            } else {
                None
            },
            ..person(Some(&format!("Zákazník {i}")), None, Some(&format!("z{i}@example.cz")))
        };
        let lead = parse(&clock, draft);
        let store = store.clone();
        tasks.push((i, tokio::spawn(async move { store.create_lead(lead, None, None).await })));
    }
    let mut ok = HashSet::new();
    let mut failed = 0;
    for (i, task) in tasks {
        match task.await.unwrap() {
            Ok(created) => {
                assert!(!bad(i), "lead {i} with an unknown owner was accepted");
                ok.insert(created.id);
            }
            Err(StoreError::Invalid(e)) => {
                assert!(bad(i), "lead {i} failed: {e}");
                assert_eq!(e.0[0].field, "owner");
                failed += 1;
            }
            Err(e) => panic!("lead {i}: unexpected error {e:?}"),
        }
    }
    let expected_bad = (0..200).filter(|i| bad(*i)).count();
    let expected_owned = (0..200).filter(|i| !bad(*i) && i % 2 == 0).count();
    assert_eq!(failed, expected_bad);
    assert_eq!(ok.len(), 200 - expected_bad);
    let listed: HashSet<i64> = ids(&store.leads(&all(1000)).await.unwrap()).into_iter().collect();
    assert_eq!(listed, ok, "every good lead is stored, no bad one");
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM events WHERE kind = 'lead.received'").await, ok.len() as i64);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM contacts").await, ok.len() as i64, "failed commands leave no contact");
    // What the playbook wrote, only for the good leads: one e-mail task each, the SLA's two
    // timers each, the customer's acknowledgement each (they left an e-mail), and for an owned
    // lead the escalation's timer and two notifications.
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM tasks WHERE task = 'first_email'").await, ok.len() as i64);
    assert_eq!(db.count_raw("SELECT COUNT(DISTINCT lead_id) FROM tasks").await, ok.len() as i64);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM timers").await, (2 * ok.len() + expected_owned) as i64);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM outbox").await, (2 * expected_owned + ok.len()) as i64);
    assert_eq!(db.count_raw(&format!("SELECT COUNT(*) FROM outbox WHERE recipient_user = {owner}")).await, 2 * expected_owned as i64);
    assert_eq!(store.user(owner).await.unwrap().open_tasks, expected_owned as i64);
    let owned = store.leads(&LeadFilter { owner: Some(Some(owner)), limit: 1000, ..Default::default() }).await.unwrap();
    assert_eq!(owned.len(), expected_owned);
    let unassigned = store.leads(&LeadFilter { owner: Some(None), limit: 1000, ..Default::default() }).await.unwrap();
    assert_eq!(unassigned.len(), ok.len() - expected_owned);
}
contract_test!(group_commit_isolates_failing_commands, with_db);

async fn concurrent_leads_of_one_person_make_one_contact(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let notations = ["+420 777 123 456", "777123456", "00420 777-123-456", "777 123 456"];
    let mut tasks = Vec::new();
    for i in 0..40 {
        let lead = parse(&clock, person(Some("Jana Nováková"), Some(notations[i % notations.len()]), None));
        let store = store.clone();
        tasks.push(tokio::spawn(async move { store.create_lead(lead, None, None).await }));
    }
    let mut contacts = HashSet::new();
    let mut new_contacts = 0;
    for task in tasks {
        let created = task.await.unwrap().unwrap();
        contacts.insert(created.contact_id);
        new_contacts += usize::from(created.contact_is_new);
    }
    assert_eq!(contacts.len(), 1, "one person, one contact");
    assert_eq!(new_contacts, 1, "exactly one lead created the contact");
    let contact = store.contact(*contacts.iter().next().unwrap()).await.unwrap();
    assert_eq!(contact.leads.len(), 40);
}
contract_test!(concurrent_leads_of_one_person_make_one_contact);

async fn two_stores_on_one_database_agree(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    // Two nodes (two stores, two writers) on one database, writing the same people at once.
    let other = db.open(clock.clone()).await;
    let phones = ["+420 777 100 001", "+420 777 100 002", "+420 777 100 003"];
    let mut tasks = Vec::new();
    for i in 0..60 {
        let node = if i % 2 == 0 { store.clone() } else { other.clone() };
        // Each node walks the people in its own order.
        let phone = if i % 2 == 0 { phones[i % 3] } else { phones[2 - i % 3] };
        let lead = parse(&clock, person(Some("Zákazník"), Some(phone), None));
        let key = idem("user:1", &format!("k-{}", i % 10), "fp");
        let keyed = i < 20;
        tasks.push(tokio::spawn(async move {
            let r = node.create_lead(lead, None, if keyed { key } else { None }).await;
            (phone, keyed, r)
        }));
    }
    let mut contact_of: std::collections::HashMap<&str, HashSet<i64>> = Default::default();
    let mut leads = HashSet::new();
    for task in tasks {
        let (phone, keyed, r) = task.await.unwrap();
        let r = r.unwrap_or_else(|e| panic!("a write on two nodes failed: {e:?}"));
        // A keyed retry answers with the lead of the key's first request, whoever's phone.
        if !keyed {
            contact_of.entry(phone).or_default().insert(r.contact_id);
        }
        leads.insert(r.id);
    }
    for (phone, contacts) in &contact_of {
        assert_eq!(contacts.len(), 1, "{phone} is one contact on both nodes: {contacts:?}");
    }
    assert_eq!(leads.len(), 10 + 40, "20 keyed requests over 10 keys are 10 leads, plus 40 unkeyed");
    assert_eq!(store.leads(&all(1000)).await.unwrap().len(), 50);
    assert_eq!(other.leads(&all(1000)).await.unwrap().len(), 50);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM contacts").await, 3);
    other.close().await;
}
contract_test!(two_stores_on_one_database_agree, with_db);

async fn close_keeps_every_acknowledged_write(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let mut tasks = Vec::new();
    for i in 0..100 {
        let lead = parse(&clock, person(Some(&format!("Zákazník {i}")), None, None));
        let store = store.clone();
        tasks.push(tokio::spawn(async move { store.create_lead(lead, None, None).await }));
    }
    tokio::task::yield_now().await;
    store.close().await;
    let mut acknowledged = HashSet::new();
    for task in tasks {
        match task.await.unwrap() {
            Ok(created) => {
                acknowledged.insert(created.id);
            }
            Err(StoreError::Unavailable(_)) => {}
            Err(e) => panic!("unexpected error while closing: {e:?}"),
        }
    }
    let reopened = db.open(clock).await;
    let stored: HashSet<i64> = ids(&reopened.leads(&all(1000)).await.unwrap()).into_iter().collect();
    assert_eq!(stored, acknowledged, "exactly the acknowledged writes are stored");
    reopened.close().await;
}
contract_test!(close_keeps_every_acknowledged_write, with_db);

// ═══════════════════════════════════════════════════════════════════════════════════════════
// 10. The event log is append-only
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn events_are_append_only(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let id = create(&store, &clock, person(Some("Zákazník"), Some("777 123 456"), None)).await.id;
    store.patch_lead(id, LeadPatch { stage: Some("contacted".into()), ..Default::default() }, None).await.unwrap();
    let before = store.timeline(id).await.unwrap();
    assert_eq!(kinds(&before), [&RECEIVED_UNASSIGNED[..], &["lead.stage_changed"]].concat());
    let n = db.count_raw("SELECT COUNT(*) FROM events").await;
    let of_lead = format!("SELECT COUNT(*) FROM events WHERE lead_id = {id}");
    assert_eq!(db.count_raw(&of_lead).await, before.len() as i64);

    let update = db.exec_raw("UPDATE events SET kind = 'tampered'").await;
    assert!(update.is_err(), "UPDATE on events succeeded: {update:?}");
    let update_one = db.exec_raw(&format!("UPDATE events SET data = '{{}}' WHERE lead_id = {id}")).await;
    assert!(update_one.is_err(), "UPDATE of one event succeeded: {update_one:?}");
    let delete = db.exec_raw("DELETE FROM events").await;
    assert!(delete.is_err(), "DELETE on events succeeded: {delete:?}");
    let delete_one = db.exec_raw(&format!("DELETE FROM events WHERE id = {}", before[0].id)).await;
    assert!(delete_one.is_err(), "DELETE of one event succeeded: {delete_one:?}");

    assert_eq!(store.timeline(id).await.unwrap(), before, "the events are untouched");
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM events").await, n);
    assert_eq!(db.count_raw(&of_lead).await, before.len() as i64);
    // Appending still works.
    store.patch_lead(id, LeadPatch { stage: Some("offer".into()), ..Default::default() }, None).await.unwrap();
    let after = store.timeline(id).await.unwrap();
    assert_eq!(after[..before.len()], before[..]);
    assert_eq!(kinds_since(&after, before.len()), ["lead.stage_changed"]);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM events").await, n + 1);
}
contract_test!(events_are_append_only, with_db);

/// The audit log: rows read back newest first with every field, filtered by actor, kind (or
/// its group) and time, paged by id; and, like the events, never changed or deleted.
async fn the_audit_log_is_append_only_and_filtered(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    use pronto_store::{AuditEntry, AuditFilter};
    let row = |actor: Option<i64>, kind: &str| AuditEntry {
        actor,
        actor_login: actor.map(|a| format!("user{a}")),
        actor_name: actor.map(|a| format!("User {a}")),
        kind: kind.into(),
        target: Some("lead/7".into()),
        ip: Some("192.0.2.7".into()),
        detail: serde_json::json!({ "path": "/api/v1/audit" }),
    };
    let t0 = clock.now();
    store.audit(row(None, "sign_in.failed")).await.unwrap();
    clock.advance(jiff::SignedDuration::from_secs(60));
    store.audit(row(Some(1), "sign_in.ok")).await.unwrap();
    clock.advance(jiff::SignedDuration::from_secs(60));
    store.audit(row(Some(2), "access.denied")).await.unwrap();
    // `_` in a group is a letter, not a wildcard.
    store.audit(row(Some(2), "signxin.ok")).await.unwrap();
    let all = |f: AuditFilter| {
        let store = store.clone();
        async move { store.audit_log(&AuditFilter { limit: 50, ..f }).await.unwrap().into_iter().map(|r| r.kind).collect::<Vec<_>>() }
    };
    assert_eq!(all(AuditFilter::default()).await, ["signxin.ok", "access.denied", "sign_in.ok", "sign_in.failed"], "newest first");
    let first = store.audit_log(&AuditFilter { limit: 50, ..Default::default() }).await.unwrap().pop().unwrap();
    assert_eq!((first.at, first.actor, first.ip.as_deref(), first.target.as_deref()), (t0, None, Some("192.0.2.7"), Some("lead/7")));
    assert_eq!(first.detail["path"], "/api/v1/audit");
    assert_eq!(all(AuditFilter { actor: Some(2), ..Default::default() }).await, ["signxin.ok", "access.denied"]);
    assert_eq!(all(AuditFilter { kind: Some("sign_in".into()), ..Default::default() }).await, ["sign_in.ok", "sign_in.failed"]);
    assert_eq!(all(AuditFilter { kind: Some("sign_in.ok".into()), ..Default::default() }).await, ["sign_in.ok"]);
    let t1 = t0 + jiff::SignedDuration::from_secs(60);
    assert_eq!(all(AuditFilter { from: Some(t1), ..Default::default() }).await, ["signxin.ok", "access.denied", "sign_in.ok"]);
    assert_eq!(all(AuditFilter { to: Some(t1), ..Default::default() }).await, ["sign_in.failed"]);
    let page = store.audit_log(&AuditFilter { limit: 2, ..Default::default() }).await.unwrap();
    let rest = store.audit_log(&AuditFilter { limit: 2, before: Some(page[1].id), ..Default::default() }).await.unwrap();
    assert_eq!(rest.iter().map(|r| r.kind.as_str()).collect::<Vec<_>>(), ["sign_in.ok", "sign_in.failed"]);

    let n = db.count_raw("SELECT COUNT(*) FROM audit_log").await;
    for sql in [
        "UPDATE audit_log SET kind = 'tampered'".to_owned(),
        format!("UPDATE audit_log SET actor_id = NULL WHERE id = {}", first.id),
        "DELETE FROM audit_log".to_owned(),
        format!("DELETE FROM audit_log WHERE id = {}", first.id),
    ] {
        let r = db.exec_raw(&sql).await;
        assert!(r.is_err(), "{sql} succeeded: {r:?}");
    }
    if db.engine == Engine::Postgres {
        let r = db.exec_raw("TRUNCATE audit_log").await;
        assert!(r.is_err(), "TRUNCATE succeeded: {r:?}");
    }
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM audit_log").await, n);
    assert_eq!(all(AuditFilter::default()).await.len(), 4, "untouched");
}
contract_test!(the_audit_log_is_append_only_and_filtered, with_db);

// ── durable timers ──

async fn timers_fire_once_in_order_and_never_early(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    // No users: each lead's only timers are its SLA's warning (+5) and breach (+10 minutes).
    let a = create(&store, &clock, person(Some("A"), Some("777 100 001"), None)).await;
    clock.advance(mins(1));
    let b = create(&store, &clock, person(Some("B"), Some("777 100 002"), None)).await;
    let answered = create(&store, &clock, person(Some("C"), Some("777 100 003"), None)).await;
    store.log_activity(answered.id, reached_call(&clock), None).await.unwrap();
    assert_eq!(timer_states(&store, answered.id).await, kind_status(&[(SLA_WARN, "cancelled"), (SLA_BREACH, "cancelled")]));
    assert_eq!(store.next_timer_due().await.unwrap(), Some(start() + mins(5)), "A's warning");

    // Due, in order: A's warning 09:05, B's 09:06, A's breach 09:10, B's 09:11.
    // One second before A's warning, nothing fires.
    clock.advance(SignedDuration::from_secs(3 * 60 + 59));
    assert_eq!(store.fire_due_timers(100).await.unwrap(), 0, "nothing is due yet");
    clock.advance(SignedDuration::from_secs(1));
    assert_eq!(store.fire_due_timers(100).await.unwrap(), 1, "A's warning, exactly at its time");
    assert_eq!(store.fire_due_timers(100).await.unwrap(), 0, "a timer fires once");
    assert_eq!(store.next_timer_due().await.unwrap(), Some(start() + mins(6)), "B's warning");
    clock.advance(SignedDuration::from_secs(59));
    assert_eq!(store.fire_due_timers(100).await.unwrap(), 0, "B's warning is not due yet");
    clock.advance(SignedDuration::from_secs(1));
    assert_eq!(store.fire_due_timers(100).await.unwrap(), 1, "B's warning");
    clock.advance(SignedDuration::from_secs(3 * 60 + 59));
    assert_eq!(store.fire_due_timers(100).await.unwrap(), 0, "A's breach is not due yet");
    // An hour later, both breaches are due: they fire in due order, each once.
    clock.advance(SignedDuration::from_secs(3600));
    assert_eq!(store.fire_due_timers(100).await.unwrap(), 2, "A's and B's breaches; C's were cancelled by the response");
    assert_eq!(store.fire_due_timers(100).await.unwrap(), 0);
    assert_eq!(store.next_timer_due().await.unwrap(), None);

    for (lead, fired) in [(a.id, true), (b.id, true), (answered.id, false)] {
        let timeline = store.timeline(lead).await.unwrap();
        let fired_timers: Vec<&str> = events_of(&timeline, "timer.fired").iter().map(|e| e.data["timer"].as_str().unwrap()).collect();
        let status = if fired {
            assert_eq!(fired_timers, [SLA_WARN, SLA_BREACH], "lead {lead}");
            assert_eq!(events_of(&timeline, "sla.warning").len(), 1, "lead {lead}");
            assert_eq!(events_of(&timeline, "sla.breached").len(), 1, "lead {lead}");
            assert!(events_of(&timeline, "sla.met").is_empty(), "lead {lead}");
            "fired"
        } else {
            assert!(fired_timers.is_empty(), "lead {lead}");
            assert!(events_of(&timeline, "sla.breached").is_empty(), "lead {lead}");
            assert_eq!(events_of(&timeline, "sla.met").len(), 1, "lead {lead}");
            "cancelled"
        };
        assert_eq!(timer_states(&store, lead).await, kind_status(&[(SLA_WARN, status), (SLA_BREACH, status)]), "lead {lead}");
    }
    // Fired in due order: A's warning, B's warning, A's breach, B's breach.
    let fired = |lead: i64, timer: &'static str| {
        let store = store.clone();
        async move {
            let timeline = store.timeline(lead).await.unwrap();
            let e = timeline.into_iter().find(|e| e.kind == "timer.fired" && e.data["timer"] == timer).unwrap();
            (e.id, e.at)
        }
    };
    let order = [fired(a.id, SLA_WARN).await, fired(b.id, SLA_WARN).await, fired(a.id, SLA_BREACH).await, fired(b.id, SLA_BREACH).await];
    assert!(order.windows(2).all(|w| w[0].0 < w[1].0), "{order:?}");
    assert_eq!(order.map(|(_, at)| at)[..2], [start() + mins(5), start() + mins(6)], "fired when they fell due");
}
contract_test!(timers_fire_once_in_order_and_never_early);

async fn advancing_fires_each_timer_at_its_own_time(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let start = clock.now();
    let a = create(&store, &clock, person(Some("A"), Some("777 200 001"), None)).await;
    clock.advance(SignedDuration::from_secs(120));
    let b = create(&store, &clock, person(Some("B"), Some("777 200 002"), None)).await;
    clock.advance(SignedDuration::from_secs(-120)); // never goes back
    let timers = pronto_store::Timers::new(store.clone(), clock.clone());
    let now = timers.advance(SignedDuration::from_secs(3600)).await.unwrap();
    assert_eq!(now, start + SignedDuration::from_secs(120 + 3600));
    let due = |m: i64| start + mins(m);
    for (lead, warn, breach) in [(a.id, due(5), due(10)), (b.id, due(7), due(12))] {
        let expected = [(SLA_WARN.to_owned(), warn, "fired".to_owned()), (SLA_BREACH.to_owned(), breach, "fired".to_owned())];
        assert_eq!(timers_of(&store, lead).await, expected, "lead {lead}");
        let timeline = store.timeline(lead).await.unwrap();
        let fired: Vec<(&str, Timestamp)> =
            events_of(&timeline, "timer.fired").iter().map(|e| (e.data["timer"].as_str().unwrap(), e.at)).collect();
        assert_eq!(
            fired,
            [(SLA_WARN, warn), (SLA_BREACH, breach)],
            "lead {lead}'s timers fired at their own due times, not at the end of the span"
        );
        assert_eq!(events_of(&timeline, "sla.breached")[0].at, breach);
    }

    // Working minutes: a lead stored on Friday at 16:57 in Prague has 3 minutes that day and
    // the rest on Monday morning; nothing fires over the weekend.
    let friday = ts("2026-03-06T15:57:00Z");
    clock.advance(friday.duration_since(clock.now()));
    let late = create(&store, &clock, person(Some("Pozdní"), Some("777 200 003"), None)).await;
    let (warn, breach) = (ts("2026-03-09T08:02:00Z"), ts("2026-03-09T08:07:00Z")); // Monday 09:02 and 09:07
    assert_eq!(
        timers_of(&store, late.id).await,
        [(SLA_WARN.to_owned(), warn, "pending".to_owned()), (SLA_BREACH.to_owned(), breach, "pending".to_owned())]
    );
    // Through the weekend to Monday 09:01:59: nothing is due.
    let now = timers.advance(ts("2026-03-09T08:01:59Z").duration_since(friday)).await.unwrap();
    assert_eq!(now, ts("2026-03-09T08:01:59Z"));
    assert!(events_of(&store.timeline(late.id).await.unwrap(), "timer.fired").is_empty(), "nothing fired early");
    assert_eq!(store.next_timer_due().await.unwrap(), Some(warn));
    timers.advance(SignedDuration::from_mins(10)).await.unwrap();
    let timeline = store.timeline(late.id).await.unwrap();
    let fired: Vec<(&str, Timestamp)> =
        events_of(&timeline, "timer.fired").iter().map(|e| (e.data["timer"].as_str().unwrap(), e.at)).collect();
    assert_eq!(fired, [(SLA_WARN, warn), (SLA_BREACH, breach)]);
    assert_eq!(store.next_timer_due().await.unwrap(), None);
}
contract_test!(advancing_fires_each_timer_at_its_own_time);

contract_test!(report_tallies_are_what_a_rebuild_from_the_registry_gives, with_db);

/// Every figure is recomputable: after a concurrent history (leads on several channels, owners
/// changed, answers, stages, timers firing), the daily tallies kept incrementally equal the ones
/// rebuilt from scratch from the registry, and their sums equal the leads' facts grouped.
async fn report_tallies_are_what_a_rebuild_from_the_registry_gives(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    use pronto_domain::tally::{self, Dim, Tally};
    let jana = store.create_user(user_with_phone("jana", "Jana", Role::Consultant, "603 111 222")).await.unwrap();
    let petr = store.create_user(user_with_phone("petr", "Petr", Role::Consultant, "603 333 444")).await.unwrap();
    let start = clock.now();
    let mut ids = Vec::new();
    for round in 0..4 {
        let mut tasks = Vec::new();
        for i in 0..30 {
            let n = round * 30 + i;
            let mut draft = person(Some(&format!("Zákazník {n}")), Some(&format!("777 200 {n:03}")), None);
            draft.channel = Some(["web", "email", "phone", "in_person"][n % 4].into());
            draft.source = (n % 3 == 0).then(|| "google".into());
            draft.customer_type = Some(["b2b", "b2c"][n % 2].into());
            let lead = parse(&clock, draft);
            let store = store.clone();
            tasks.push(tokio::spawn(async move { store.create_lead(lead, None, None).await.unwrap().id }));
        }
        for t in tasks {
            ids.push(t.await.unwrap());
        }
        // Ten hours on: answers, hand-overs, stages, with timers firing meanwhile.
        clock.advance(SignedDuration::from_mins(7));
        let mut tasks = Vec::new();
        for (k, id) in ids.iter().copied().enumerate().skip(round * 30) {
            let store = store.clone();
            let call = activity(&clock, "call", Some("out"), Some(if k % 3 == 0 { "no_answer" } else { "reached" }), None);
            let (stage, owner) = (["contacted", "qualified", "lost", "received"][k % 4], if k % 5 == 0 { petr } else { jana });
            tasks.push(tokio::spawn(async move {
                store.log_activity(id, call, None).await.unwrap();
                let _ = store
                    .patch_lead(id, LeadPatch { stage: Some(stage.into()), owner: Some(Some(owner)), ..Default::default() }, None)
                    .await;
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        clock.advance(SignedDuration::from_hours(10));
        while store.fire_due_timers(1000).await.unwrap() > 0 {}
    }
    let end = clock.now() + SignedDuration::from_hours(1);
    let tz = store.office_zone();
    let (d0, d1) = (tally::day_number(start.to_zoned(tz.clone()).date()), tally::day_number(end.to_zoned(tz.clone()).date()));
    let snapshot = |store: Arc<dyn Store>| async move {
        let mut all = Vec::new();
        for dim in Dim::EVERY {
            let mut rows = store.report_days(dim, d0, d1).await.unwrap();
            rows.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
            all.push((dim, rows));
        }
        all
    };
    let incremental = snapshot(store.clone()).await;
    let days = &incremental[0].1;
    assert!(days.len() >= 2, "the history spans days: {days:?}");
    let mut total = Tally::default();
    for (_, _, t) in days {
        total.merge(t);
    }
    assert_eq!(total.leads, ids.len() as i64);
    // The tallies' sums are the facts grouped.
    let facts: Vec<_> = store
        .report_facts(start - SignedDuration::from_hours(1), end, None, 10_000)
        .await
        .unwrap()
        .into_iter()
        .map(|(_, _, f)| f)
        .collect();
    assert_eq!(facts.len(), ids.len());
    let mut exact = tally::group(&facts, Dim::All).remove("all").unwrap();
    exact.exact = None;
    assert_eq!(total, exact);
    assert!(total.responded > 0 && total.lost > 0 && total.reached.get("qualified").copied().unwrap_or(0) > 0, "{total:?}");
    // Built again from nothing, the same.
    db.exec_raw("DELETE FROM report_cells").await.unwrap();
    db.exec_raw("DELETE FROM lead_facts").await.unwrap();
    assert_eq!(store.sync_report_facts().await.unwrap(), ids.len() as i64);
    assert_eq!(snapshot(store.clone()).await, incremental);
}

// ── the customer's page ──

contract_test!(customer_page_tokens_actions_and_sealed_documents, with_db);

/// A lead's page token exists from its intake transaction, is stored only as a hash, opens the
/// page until revoked (then the new one does) and until its time after closing runs out; what
/// the customer does is an activity the playbook reacts to, a call-back task, or a document
/// kept sealed at rest and opened only through the store.
async fn customer_page_tokens_actions_and_sealed_documents(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let keep = SignedDuration::from_hours(24 * 10);
    let owner = store.create_user(user_with_phone("jana", "Jana Nováková", Role::Consultant, "603 111 222")).await.unwrap();
    let id = create(&store, &clock, person(Some("Eva Malá"), Some("777 123 456"), Some("eva@example.com"))).await.id;
    let lead = store.lead(id).await.unwrap();
    assert_eq!(lead.tracking_gen, 0);
    let token = store.tracking_token(id, 0).expect("the keys are loaded");
    assert_eq!(token.len(), 22);
    assert_eq!(lead.tracking_url.as_deref(), Some(format!("/t/{token}").as_str()));
    // Only the hash is stored.
    assert_eq!(db.count_raw(&format!("SELECT COUNT(*) FROM tracking_tokens WHERE lead_id = {id}")).await, 1);
    assert_eq!(db.count_raw(&format!("SELECT COUNT(*) FROM tracking_tokens WHERE hash = '{token}'")).await, 0);

    // The internal note never reaches the page; the owner's first name and role do.
    store.log_activity(id, activity(&clock, "note", None, None, Some("INTERNAL-MARKER-5150")), None).await.unwrap();
    let page = store.tracking_page(&token, keep).await.unwrap();
    assert_eq!((page.lead_id, page.stage.as_str(), page.owner_first_name.as_deref(), page.owner_role.as_deref()), (id, "received", Some("Jana"), Some("consultant")));
    assert!(!format!("{page:?}").contains("INTERNAL-MARKER-5150"));
    assert!(!format!("{page:?}").contains("Nováková"), "only the first name");
    assert!(matches!(page.history.first(), Some((_, pronto_domain::tracking::Happened::Received { .. }))));
    assert!(matches!(store.tracking_page("AAAAAAAAAAAAAAAAAAAAAA", keep).await, Err(StoreError::NotFound)));

    // A message runs the playbook: the owner gets an SMS and an in-app alert.
    clock.advance(SignedDuration::from_mins(1));
    store.customer_action(id, pronto_store::CustomerAction::Message { text: "Prosím o nabídku".into() }).await.unwrap();
    let outbox = store.outbox(id).await.unwrap();
    let to_owner: Vec<_> =
        outbox.iter().filter(|n| n.payload["template"] == "customer_message" && n.recipient_user == Some(owner)).map(|n| n.channel.as_str()).collect();
    assert_eq!(to_owner, ["sms", "in_app"]);
    // A call-back is a task for the owner at the time asked for.
    let at = clock.now() + SignedDuration::from_hours(3);
    store.customer_action(id, pronto_store::CustomerAction::Callback { at, note: Some("po obědě".into()) }).await.unwrap();
    let cb = tasks_of(&store, id).await.into_iter().find(|t| t.task == "customer_callback").expect("a call-back task");
    assert_eq!((cb.due_at, cb.assignee.as_ref().map(|a| a.id)), (at, Some(owner)));
    // A document is sealed at rest and opens through the store.
    let secret = b"%PDF-1.4 PASSPORT-NUMBER-4242";
    store
        .customer_action(
            id,
            pronto_store::CustomerAction::Document { filename: "op.pdf".into(), content_type: "application/pdf".into(), bytes: secret.to_vec() },
        )
        .await
        .unwrap();
    let files = store.customer_files(id).await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!((files[0].filename.as_str(), files[0].size), ("op.pdf", secret.len() as i64));
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM customer_file_data WHERE sealed LIKE '%PASSPORT%'").await, 0);
    let (_, opened) = store.customer_file(files[0].id).await.unwrap();
    assert_eq!(opened, secret);
    let page = store.tracking_page(&token, keep).await.unwrap();
    let seen: Vec<String> = page.history.iter().map(|(_, h)| format!("{h:?}")).collect();
    assert!(seen.iter().any(|h| h.contains("Prosím o nabídku")), "{seen:?}");
    assert!(seen.iter().any(|h| h.starts_with("YouAskedCallback")), "{seen:?}");
    assert!(seen.iter().any(|h| h.contains("op.pdf")), "{seen:?}");
    let acts: Vec<String> = store.activities(id).await.unwrap().into_iter().map(|a| a.kind).collect();
    assert!(["message", "callback", "document"].iter().all(|k| acts.iter().any(|a| a == k)), "{acts:?}");

    // Revoking: the old link opens nothing, the new one does.
    assert_eq!(store.revoke_tracking(id, None).await.unwrap(), 1);
    assert!(matches!(store.tracking_page(&token, keep).await, Err(StoreError::NotFound)));
    let fresh = store.tracking_token(id, 1).unwrap();
    assert_ne!(fresh, token);
    assert_eq!(store.tracking_page(&fresh, keep).await.unwrap().lead_id, id);
    assert_eq!(store.lead(id).await.unwrap().tracking_url, Some(format!("/t/{fresh}")));

    // Closed, the page lives `keep` longer, then answers as if it never existed.
    store.patch_lead(id, LeadPatch { status: Some(LeadStatus::Lost), ..Default::default() }, None).await.unwrap();
    clock.advance(SignedDuration::from_hours(24 * 9));
    assert_eq!(store.tracking_page(&fresh, keep).await.unwrap().status, "lost");
    clock.advance(SignedDuration::from_hours(24 * 2));
    assert!(matches!(store.tracking_page(&fresh, keep).await, Err(StoreError::NotFound)));
    // Reopened, it is back.
    store.patch_lead(id, LeadPatch { status: Some(LeadStatus::Open), ..Default::default() }, None).await.unwrap();
    assert!(store.tracking_page(&fresh, keep).await.is_ok());
}

// ═══════════════════════════════════════════════════════════════════════════════════════════
// Webhook fan-out: a delivery never triggers a webhook
// ═══════════════════════════════════════════════════════════════════════════════════════════

contract_test!(a_webhook_delivery_never_triggers_a_webhook);

/// A `*` and a `notification.*` subscription, and every notification delivered as soon as it
/// is claimed (each delivery records `notification.sent`): the outbox runs dry after a few
/// rounds, and the lead's webhook rows are exactly its events each subscription asked for,
/// without the events about webhook deliveries.
async fn a_webhook_delivery_never_triggers_a_webhook(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    store.create_webhook("https://hooks.example/all".into(), vec!["*".into()], "whsec_a".into(), None).await.unwrap();
    store.create_webhook("https://hooks.example/notes".into(), vec!["notification.*".into()], "whsec_n".into(), None).await.unwrap();
    store.create_user(user_with_phone("jana", "Jana", Role::Consultant, "+420777000001")).await.unwrap();
    let lead = create(&store, &clock, person(Some("Echo"), Some("777 123 456"), None)).await.id;
    let mut rounds = 0;
    loop {
        let batch = store.claim_notifications(100, mins(1)).await.unwrap();
        if batch.is_empty() {
            break;
        }
        rounds += 1;
        assert!(rounds <= 5, "deliveries keep causing deliveries: {} more", batch.len());
        for n in batch.into_iter().filter(|n| n.channel != "in_app") {
            store.record_delivery(n.id, pronto_store::Delivery::Done { status: "sent", provider_id: None }).await.unwrap();
        }
    }
    let timeline = store.timeline(lead).await.unwrap();
    let about_hooks = timeline.iter().filter(|e| e.kind == "notification.sent" && e.data["channel"] == "webhook").count();
    let wanted = |pattern: &str| {
        timeline.iter().filter(|e| pronto_domain::subscription::wants(&[pattern], &e.kind, &e.data)).count()
    };
    let expected = wanted("*") + wanted("notification.*");
    assert!(wanted("notification.*") >= 2 && expected >= 4, "the lead's SMS gives notification events: {timeline:#?}");
    assert_eq!(about_hooks, expected, "every webhook row was delivered and recorded: {timeline:#?}");
    // Time passes and the store is asked again: nothing new is due.
    clock.advance(mins(30));
    let late: Vec<_> = store.claim_notifications(100, mins(1)).await.unwrap().into_iter().filter(|n| n.channel == "webhook").collect();
    assert!(late.is_empty(), "{late:?}");
}
