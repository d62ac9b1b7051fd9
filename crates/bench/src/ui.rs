//! `pronto-bench ui`: the server time of the web UI's pages with `--leads` (default 100,000)
//! leads in the database. Target (issues 7 and 18): p95 ≤ 50 ms for every page; a page's
//! HTML + CSS + JS ≤ 100 KB.
//!
//! What is measured, and how:
//!
//! * **The database**: a fresh SQLite file in a temporary directory, filled in this process
//!   through the `Store` (`create_lead` from many concurrent tasks: the writer commits them in
//!   batches), with the built-in default playbook (`agency`). First an `admin` (with a known
//!   password), five consultants, a coordinator, a specialist and a manager are created; every
//!   lead then gets an owner by the playbook's round robin and its first tasks, SLA, timers and
//!   alerts. The leads are Czech customers from small word lists (first names, surnames,
//!   e-mail domains, companies for some, a subject and a message each), received over the last
//!   year (oldest first), on mixed channels (web 50%, e-mail 25%, phone 17%, walk-in 5%, API
//!   3%); one in ten is from a contact who wrote before; some have no phone, some no e-mail.
//!   `--open-percent` of them (default 30) stay open, spread over the open stages (received
//!   40%, contacted 25%, qualified 20%, offer 15%); the rest are closed as won (30%) or lost
//!   (70%) with `patch_lead`, as a registry that has been in use for a while.
//! * **Settled**: a registry of this size delivered its alerts long ago, and its timers fire a
//!   few at a time. So that the server measured is not busy delivering the fill's ~280,000
//!   notifications or firing a year of overdue timers, the fill's queued notifications are
//!   marked sent (in-app ones delivered), and the pending timers are moved (keeping their
//!   order) to a year ahead, with SQL, before the server starts.
//! * **The server**: `pronto serve` (the `pronto` binary beside this one) on that database (SMS to the in-process
//!   gateway of `pronto-bench alerts`, which has nothing to deliver). The bench signs in through
//!   the UI (`POST /login`, form-encoded, with a same-origin `Origin` header) and keeps the
//!   `pronto_session` cookie.
//! * **The pages**: `GET /inbox`, `/inbox?q=SURNAME` (a surname, another each request, each in
//!   about 5% of the leads), `/inbox?q=E-MAIL` (a random customer's address: one or two leads,
//!   the worst case of the search), `/leads/{id}` (random leads), `/board`, `/contacts` (first
//!   page, and pages of it sorted by name), `/leads?sort=contact` (every lead sorted by its
//!   contact, pages 1–100 both ways), `/inbox?page=N` (pages 1–300) and `/late`; a lead card
//!   with a long timeline (the newest lead, with 400 notes and calls logged on it after the
//!   fill), `/notifications`, `/leads/new`, `/tasks` and `/reports` for this month by owner
//!   (the "this month" preset); and `/healthz` (readiness, its verdict reused for 250 ms) as the run's own baseline;
//!   `--requests`
//!   (default 200) each, one after another on one keep-alive connection; latency = the request
//!   written → the whole answer read, on the monotonic clock. Five requests per page before
//!   are not counted (the first is reported). A page that answers 404 is "not there".
//! * **Sizes**: the largest answer of each page plus `/static/app.css`, `/static/app.js` and
//!   `/static/vendor/idiomorph.js` when served, as they come over the wire to a client that
//!   accepts gzip (every browser; the uncompressed HTML is shown beside), against 100,000 bytes.
//! * **The store alone**, after the server stopped: the same reads the inbox, the search, the
//!   lead card and the board make, and the session look-up every signed-in request makes,
//!   timed in this process — how much of a page's time is the database.

use crate::AnyError;
use crate::alerts::{Http, http, ms, sorted, spawn_serve};
use crate::intake::pct;
use clap::Args;
use pronto::demo_data::{SURNAMES, draft, final_stage, person, rnd, thousands};
use pronto_domain::{Clock, SystemClock};
use pronto_store::{LeadFilter, NewUserRecord, Store, StoreOptions, TaskFilter};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[derive(Debug, Clone, Args)]
pub struct UiArgs {
    /// Leads in the database.
    #[arg(long, default_value_t = 100_000)]
    leads: u64,
    /// Measured requests per page.
    #[arg(long, default_value_t = 200)]
    requests: usize,
    /// Percentage of the leads left open (the rest are won or lost).
    #[arg(long, default_value_t = 30)]
    open_percent: u64,
    /// Concurrent tasks filling the database.
    #[arg(long, default_value_t = 256)]
    fill_tasks: usize,
    /// Keep the database (its directory is printed) to look at afterwards.
    #[arg(long)]
    keep: bool,
    /// Measure again on a database an earlier `--keep` run filled (its `pronto.db`), instead of
    /// filling a new one; the server applies any newer migration to it first.
    #[arg(long)]
    database: Option<std::path::PathBuf>,
}

const TARGET_P95_MS: f64 = 50.0;
const TARGET_BYTES: usize = 100_000;
pub(crate) const ADMIN_PASSWORD: &str = "bench-ui-admin-password";
pub(crate) const WARM_UP: usize = 5;

pub(crate) fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").ok().and_then(|l| l.split_whitespace().next().map(str::to_owned)).unwrap_or_else(|| "?".into())
}

pub(crate) fn line(what: &str, text: String) {
    println!("{what:<9} {text}");
}

// ---------------------------------------------------------------------------------------------
// Filling.

struct Filled {
    ids: Vec<i64>,
    /// E-mail addresses of some customers, for the rare search.
    emails: Vec<String>,
    /// A lead with a long timeline ([`LONG_TIMELINE`] notes and calls on top of its history).
    long: i64,
}

/// Activities logged on the lead with the long timeline (issue 18): each is an event on its
/// card's timeline.
const LONG_TIMELINE: usize = 400;

async fn fill(args: &UiArgs, url: &str) -> Result<Filled, AnyError> {
    let store = pronto_store::open(url, Arc::new(SystemClock), StoreOptions::default()).await?;
    let result = fill_store(args, store.clone()).await;
    store.close().await;
    result
}

async fn fill_store(args: &UiArgs, store: Arc<dyn Store>) -> Result<Filled, AnyError> {
    let region = pronto_domain::values::Region::default();
    use pronto_domain::user::Role;
    use pronto_domain::values::{Line, Login, Phone};
    let hash = pronto_web::auth::hash_password(ADMIN_PASSWORD.to_owned()).await.map_err(|e| e.to_string())?;
    store.ensure_admin(hash).await?;
    let staff = [
        ("Jitka Malá", "consultant"),
        ("Roman Šťastný", "consultant"),
        ("Barbora Vlčková", "consultant"),
        ("David Krejčí", "consultant"),
        ("Simona Havlíková", "consultant"),
        ("Ivana Kopecká", "coordinator"),
        ("Filip Urban", "specialist"),
        ("Zdeněk Bartoš", "manager"),
    ];
    for (n, (name, role)) in staff.iter().enumerate() {
        store
            .create_user(NewUserRecord {
                login: Login::parse(&format!("user{n}")).map_err(|e| e.to_string())?,
                name: Line::parse(name, 200).map_err(|e| e.to_string())?,
                role: Role::parse(role).map_err(|e| e.to_string())?,
                phone: Some(Phone::parse(&format!("+420 777 100 {n:03}"), region).map_err(|e| e.to_string())?),
                email: None,
                password_hash: None,
                actor: None,
            })
            .await?;
    }

    let n = args.leads;
    let open_percent = args.open_percent.min(100);
    let now = SystemClock.now();
    // Received over the last year, oldest first (ids and times grow together, as in use).
    let step_us = 365 * 24 * 3600 * 1_000_000i64 / n.max(1) as i64;
    let start = Instant::now();
    let counter = Arc::new(AtomicU64::new(0));
    let moved = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = (0..args.fill_tasks.clamp(1, 1024))
        .map(|_| {
            let (store, counter, moved) = (store.clone(), counter.clone(), moved.clone());
            tokio::spawn(async move {
                let mut ids = Vec::new();
                loop {
                    let i = counter.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        return Ok::<_, String>(ids);
                    }
                    let jitter = (rnd(i, 30) % step_us.max(1) as u64) as i64;
                    let received =
                        jiff::Timestamp::from_microsecond(now.as_microsecond() - (n - i) as i64 * step_us + jitter).unwrap_or(now);
                    let lead = draft(i, received).parse(region, now).map_err(|e| format!("bench lead {i}: {e}"))?;
                    let created = store.create_lead(lead, None, None).await.map_err(|e| e.to_string())?;
                    if let Some(stage) = final_stage(i, open_percent) {
                        let patch = pronto_domain::lead::LeadPatch { stage: Some(stage.into()), ..Default::default() };
                        store.patch_lead(created.id, patch, None).await.map_err(|e| e.to_string())?;
                        moved.fetch_add(1, Ordering::Relaxed);
                    }
                    ids.push(created.id);
                }
            })
        })
        .collect();
    let mut ids = Vec::with_capacity(n as usize);
    for t in tasks {
        ids.extend(t.await??);
    }
    let took = start.elapsed().as_secs_f64();
    ids.sort_unstable();
    line(
        "fill",
        format!(
            "{} leads through the store in {took:.1} s ({:.0} leads/s; {} tasks), {} of them then moved to another stage (won/lost/open stages; {open_percent}% left open)",
            thousands(ids.len() as u64),
            ids.len() as f64 / took.max(1e-9),
            args.fill_tasks.clamp(1, 1024),
            thousands(moved.load(Ordering::Relaxed)),
        ),
    );
    let emails = (0..64u64).map(|j| person(rnd(j, 40) % n.max(1)).email).collect();
    // The lead card with a long timeline: an open lead (the newest) worked on for a long time.
    let long = *ids.last().ok_or("no leads")?;
    for k in 0..LONG_TIMELINE {
        use pronto_domain::lead::{ActivityKind, Direction, NewActivity, Outcome};
        let a = if k % 2 == 0 {
            NewActivity { kind: ActivityKind::Note, direction: None, outcome: None, body: pronto_domain::values::Text::parse(&format!("Poznámka {k}: zákazník chce nabídku do pátku."), 10_000).ok(), at: now }
        } else {
            NewActivity { kind: ActivityKind::Call, direction: Some(Direction::Out), outcome: Some(Outcome::NoAnswer), body: None, at: now }
        };
        store.log_activity(long, a, None).await?;
    }
    line("fill", format!("lead {long}: {LONG_TIMELINE} notes and calls logged on it (the card with a long timeline)"));
    Ok(Filled { ids, emails, long })
}

/// What the measurement needs of a database an earlier run filled: the leads, the same
/// customers' e-mails the fill would have picked, and the newest lead (the long timeline).
fn refilled(db: &std::path::Path) -> Result<Filled, AnyError> {
    if !db.is_file() {
        return Err(format!("--database {}: no such file", db.display()).into());
    }
    let c = rusqlite::Connection::open(db)?;
    let mut st = c.prepare("SELECT id FROM leads ORDER BY id")?;
    let ids = st.query_map([], |r| r.get::<_, i64>(0))?.collect::<Result<Vec<_>, _>>()?;
    let n = ids.len() as u64;
    let long = *ids.last().ok_or("the database has no leads")?;
    let emails = (0..64u64).map(|j| person(rnd(j, 40) % n.max(1)).email).collect();
    Ok(Filled { ids, emails, long })
}

/// Marks the fill's queued notifications as delivered and moves the pending timers a year
/// ahead, keeping their order, so that the server measured has no backlog (see the module docs).
fn settle(path: &str) -> Result<String, AnyError> {
    let c = rusqlite::Connection::open(path)?;
    c.busy_timeout(Duration::from_secs(30))?;
    let count = |sql: &str| -> Result<i64, rusqlite::Error> { c.query_row(sql, [], |r| r.get(0)) };
    let (leads, open, unowned) = (
        count("SELECT COUNT(*) FROM leads")?,
        count("SELECT COUNT(*) FROM leads WHERE status = 'open'")?,
        count("SELECT COUNT(*) FROM leads WHERE owner_id IS NULL")?,
    );
    let (events, tasks_open) = (count("SELECT COUNT(*) FROM events")?, count("SELECT COUNT(*) FROM tasks WHERE status = 'open'")?);
    let outbox = c.execute(
        "UPDATE outbox SET status = CASE WHEN channel = 'in_app' THEN 'delivered' ELSE 'sent' END, attempts = 1 WHERE status IN ('queued', 'sending')",
        [],
    )?;
    let year = 365 * 24 * 3600 * 1_000_000i64;
    let now = jiff::Timestamp::now().as_microsecond();
    let timers = c.execute(
        "UPDATE timers SET due_at = due_at + (?1 - (SELECT MIN(due_at) FROM timers WHERE status = 'pending')) WHERE status = 'pending'",
        [now + year],
    )?;
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Ok(format!(
        "{} leads ({} open, {} without an owner), {} events, {} open tasks; {} notifications marked sent/delivered, {} pending timers moved a year ahead; database {:.0} MB",
        thousands(leads as u64),
        thousands(open as u64),
        thousands(unowned as u64),
        thousands(events as u64),
        thousands(tasks_open as u64),
        thousands(outbox as u64),
        thousands(timers as u64),
        size as f64 / 1e6
    ))
}

// ---------------------------------------------------------------------------------------------
// The pages.

fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out += &format!("%{b:02X}");
        }
    }
    out
}

/// Signs in through the form and returns the session cookie's value.
pub(crate) async fn sign_in(addr: &str) -> Result<String, AnyError> {
    let body = format!("login=admin&password={}", url_encode(ADMIN_PASSWORD));
    let req = format!(
        "POST /login HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut s = tokio::net::TcpStream::connect(addr).await?;
    s.write_all(req.as_bytes()).await?;
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).await?;
    let text = String::from_utf8_lossy(&answer);
    let head = text.split("\r\n\r\n").next().unwrap_or_default();
    let cookie = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .find_map(|(_, v)| v.trim().strip_prefix("pronto_session=").map(|v| v.split(';').next().unwrap_or_default().to_owned()))
        .filter(|v| !v.is_empty());
    cookie.ok_or_else(|| format!("signing in gave no session cookie:\n{}", head.trim()).into())
}

struct Page {
    name: &'static str,
    shown: String,
    status: u16,
    first: f64,
    lat: Vec<f64>,
    /// The largest answer as it came over the wire (gzip-compressed: the bench accepts gzip,
    /// as every browser does) …
    bytes: usize,
    /// … and the same answer uncompressed.
    raw: usize,
}

/// The size of `body` uncompressed (`body` itself when it is not gzip).
fn uncompressed(body: &[u8]) -> usize {
    use std::io::Read;
    if body.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        if flate2::read::GzDecoder::new(body).read_to_end(&mut out).is_ok() {
            return out.len();
        }
    }
    body.len()
}

fn get_head(addr: &str, path: &str, sid: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/html\r\nAccept-Encoding: gzip\r\nAccept-Language: cs\r\nCookie: pronto_session={sid}\r\n\r\n")
        .into_bytes()
}

/// `paths(k)` is the k-th request's path; the first [`WARM_UP`] are not counted.
async fn measure_page(
    http: &mut Http,
    addr: &str,
    sid: &str,
    name: &'static str,
    shown: String,
    requests: usize,
    paths: impl Fn(usize) -> String,
) -> Result<Page, AnyError> {
    let mut page = Page { name, shown, status: 0, first: f64::NAN, lat: Vec::with_capacity(requests), bytes: 0, raw: 0 };
    for k in 0..WARM_UP + requests {
        let head = get_head(addr, &paths(k), sid);
        http.connect().await?;
        let sent = Instant::now();
        let (status, body) = http.exchange(&head, b"").await?;
        let took = ms(sent.elapsed());
        if k == 0 {
            page.first = took;
            page.status = status;
            if status == 404 {
                return Ok(page);
            }
        }
        if status != 200 {
            return Err(format!(
                "GET {} answered {status}: {}",
                paths(k),
                String::from_utf8_lossy(&body).chars().take(300).collect::<String>()
            )
            .into());
        }
        if body.len() > page.bytes {
            (page.bytes, page.raw) = (body.len(), uncompressed(&body));
        }
        if k >= WARM_UP {
            page.lat.push(took);
        }
    }
    page.lat = sorted(page.lat);
    Ok(page)
}

async fn asset(http: &mut Http, addr: &str, sid: &str, path: &str) -> Result<usize, AnyError> {
    http.connect().await?;
    let (status, body) = http.exchange(&get_head(addr, path, sid), b"").await?;
    if status == 404 && path.starts_with("/static/vendor/") {
        return Ok(0);
    }
    if status != 200 {
        return Err(format!("GET {path} answered {status}").into());
    }
    Ok(body.len())
}

pub(crate) fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "MISS" }
}

pub async fn run(args: UiArgs) -> Result<(), AnyError> {
    if args.leads == 0 || args.requests == 0 {
        return Err("--leads and --requests must be positive".into());
    }
    println!(
        "pronto bench ui: server time of the web UI's pages with {} leads; {} requests per page; {} cores, load average {} at start",
        thousands(args.leads),
        args.requests,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        load_average(),
    );
    let dir = tempfile::tempdir()?;
    let (path, filled) = match &args.database {
        Some(db) => {
            let filled = refilled(db)?;
            line("database", format!("{} (filled by an earlier run): {} leads", db.display(), thousands(filled.ids.len() as u64)));
            (db.clone(), filled)
        }
        None => {
            let path = dir.path().join("pronto.db");
            let filled = fill(&args, &format!("sqlite://{}", path.display())).await?;
            // The SQLite checkpointer thread notices the close within 100 ms.
            tokio::time::sleep(Duration::from_millis(300)).await;
            line("settle", settle(&path.display().to_string())?);
            (path, filled)
        }
    };
    let url = format!("sqlite://{}", path.display());

    let (_gateway, gateway_url) = crate::alerts::gateway().await?;
    let mut server = spawn_serve(&url, dir.path(), &gateway_url, &[("PRONTO_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await?;
    let result = measure(&args, &filled, &server.addr).await;
    let _ = server.child.kill().await;
    let errors = (&mut server.errors).await.unwrap_or_default();
    let pages = result.map_err(|e| -> AnyError { format!("{e}\n{}", errors.trim()).into() })?;

    store_alone(&args, &url, &filled, &pages).await?;
    println!("load      load average {} at the end", load_average());
    if args.keep {
        println!("kept      {}", path.display());
        std::mem::forget(dir);
    }
    Ok(())
}

async fn measure(args: &UiArgs, filled: &Filled, addr: &str) -> Result<Vec<Page>, AnyError> {
    let sid = sign_in(addr).await?;
    line("serve", format!("pronto serve on {addr}; signed in as admin through POST /login"));
    let mut http = http(addr);
    let n = args.requests;
    let ids = &filled.ids;
    let mut pages = Vec::new();
    pages.push(measure_page(&mut http, addr, &sid, "inbox", "/inbox".into(), n, |_| "/inbox".into()).await?);
    pages.push(
        measure_page(&mut http, addr, &sid, "search", "/inbox?q=SURNAME".into(), n, |k| {
            format!("/inbox?q={}", url_encode(SURNAMES[k % SURNAMES.len()].0))
        })
        .await?,
    );
    pages.push(
        measure_page(&mut http, addr, &sid, "find", "/inbox?q=E-MAIL".into(), n, |k| {
            format!("/inbox?q={}", url_encode(&filled.emails[k % filled.emails.len()]))
        })
        .await?,
    );
    pages.push(
        measure_page(&mut http, addr, &sid, "lead", "/leads/{id}".into(), n, |k| {
            format!("/leads/{}", ids[(rnd(k as u64, 50) % ids.len() as u64) as usize])
        })
        .await?,
    );
    pages.push(measure_page(&mut http, addr, &sid, "board", "/board".into(), n, |_| "/board".into()).await?);
    // The lists (issue 18): contacts, every lead sorted by a column, a deep page, late now.
    pages.push(measure_page(&mut http, addr, &sid, "contacts", "/contacts".into(), n, |_| "/contacts".into()).await?);
    pages.push(
        measure_page(&mut http, addr, &sid, "contacts", "/contacts?sort=name".into(), n, |k| {
            format!("/contacts?sort=name&page={}", 1 + k % 50)
        })
        .await?,
    );
    pages.push(
        measure_page(&mut http, addr, &sid, "leads", "/leads?sort=contact".into(), n, |k| {
            format!("/leads?sort=contact&dir={}&page={}", if k % 2 == 0 { "asc" } else { "desc" }, 1 + k % 100)
        })
        .await?,
    );
    pages.push(measure_page(&mut http, addr, &sid, "paging", "/inbox?page=N".into(), n, |k| format!("/inbox?page={}", 1 + k % 300)).await?);
    pages.push(measure_page(&mut http, addr, &sid, "late", "/late".into(), n, |_| "/late".into()).await?);
    // Issue 18's pages (a page not there yet answers 404 and is reported so).
    let long = filled.long;
    pages.push(measure_page(&mut http, addr, &sid, "long", "/leads/{long}".into(), n, |_| format!("/leads/{long}")).await?);
    pages.push(measure_page(&mut http, addr, &sid, "notices", "/notifications".into(), n, |_| "/notifications".into()).await?);
    pages.push(measure_page(&mut http, addr, &sid, "new", "/leads/new".into(), n, |_| "/leads/new".into()).await?);
    pages.push(measure_page(&mut http, addr, &sid, "tasks", "/tasks".into(), n, |_| "/tasks".into()).await?);
    let month = this_month();
    pages.push(measure_page(&mut http, addr, &sid, "reports", "/reports?this month".into(), n, |_| month.clone()).await?);
    // The baseline of the same run: the health check (a database ping, no page).
    pages.push(measure_page(&mut http, addr, &sid, "health", "/healthz".into(), n, |_| "/healthz".into()).await?);

    let css = asset(&mut http, addr, &sid, "/static/app.css").await?;
    let js = asset(&mut http, addr, &sid, "/static/app.js").await?
        + asset(&mut http, addr, &sid, "/static/vendor/idiomorph.js").await?;

    let inbox_p95 = pages.iter().find(|p| p.name == "inbox").map(|p| pct(&p.lat, 0.95)).unwrap_or(f64::NAN);
    for p in &pages {
        if p.status == 404 {
            line(p.name, format!("{:<18} not there (404)", p.shown));
            continue;
        }
        let p95 = pct(&p.lat, 0.95);
        line(
            p.name,
            format!(
                "{:<18} p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms (first request {:.1} ms, not counted); p95 {:.2}x the inbox's   target p95 <= {TARGET_P95_MS:.0} ms  {}",
                p.shown,
                pct(&p.lat, 0.5),
                p95,
                p.lat.last().copied().unwrap_or(f64::NAN),
                p.first,
                p95 / inbox_p95,
                verdict(p95 <= TARGET_P95_MS),
            ),
        );
    }
    for p in pages.iter().filter(|p| p.status != 404 && p.name != "health") {
        let total = p.bytes + css + js;
        line(
            "size",
            format!(
                "{:<18} HTML {} B ({} B uncompressed) + app.css {} B + app.js {} B = {} B on the wire   target <= {} B  {}",
                p.shown,
                thousands(p.bytes as u64),
                thousands(p.raw as u64),
                thousands(css as u64),
                thousands(js as u64),
                thousands(total as u64),
                thousands(TARGET_BYTES as u64),
                verdict(total <= TARGET_BYTES),
            ),
        );
    }
    Ok(pages)
}

/// The reports page for this month so far (the "this month" preset: the 1st of the month to
/// tomorrow, by owner), in UTC days.
fn this_month() -> String {
    let today = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date();
    let first = today.first_of_month();
    let tomorrow = today.tomorrow().unwrap_or(today);
    format!("/reports?from={first}&to={tomorrow}&group_by=owner")
}

/// The store's part: the reads each page makes, and the session touch of every signed-in
/// request, timed in this process after the server stopped.
async fn store_alone(args: &UiArgs, url: &str, filled: &Filled, pages: &[Page]) -> Result<(), AnyError> {
    let store = pronto_store::open(url, Arc::new(SystemClock), StoreOptions::default()).await?;
    let result = async {
        let n = args.requests;
        let admin = store.user_by_login("admin").await?.0.id;
        let hash = pronto_web::auth::token_hash(&pronto_web::auth::new_token());
        store.create_session(admin, hash.clone(), None).await?;
        let (idle, absolute) = (pronto_web::auth::SESSION_IDLE, pronto_web::auth::SESSION_ABSOLUTE);
        let mut session = Vec::new();
        for _ in 0..WARM_UP + n {
            let t = Instant::now();
            let id = store.touch_session(hash.clone(), idle, absolute).await?;
            store.user(id).await?;
            session.push(ms(t.elapsed()));
        }
        let open = |query: Option<String>| LeadFilter { status: Some("open".into()), query, limit: 100, ..Default::default() };
        let mut inbox = Vec::new();
        let mut search = Vec::new();
        let mut find = Vec::new();
        let mut lead = Vec::new();
        let mut board = Vec::new();
        let open_stages: Vec<String> = store
            .playbooks()
            .current("agency")
            .map(|(_, pb)| pb.stages.iter().filter(|s| s.status.is_none()).map(|s| s.id.clone()).collect())
            .unwrap_or_default();
        // One page's reads at a time, as the pages were requested.
        for _ in 0..WARM_UP + n {
            let t = Instant::now();
            store.leads(&open(None)).await?;
            inbox.push(ms(t.elapsed()));
        }
        for k in 0..WARM_UP + n {
            let t = Instant::now();
            store.leads(&open(Some(SURNAMES[k % SURNAMES.len()].0.to_owned()))).await?;
            search.push(ms(t.elapsed()));
        }
        for k in 0..WARM_UP + n {
            let t = Instant::now();
            store.leads(&open(Some(filled.emails[k % filled.emails.len()].clone()))).await?;
            find.push(ms(t.elapsed()));
        }
        for k in 0..WARM_UP + n {
            let id = filled.ids[(rnd(k as u64, 50) % filled.ids.len() as u64) as usize];
            let t = Instant::now();
            let l = store.lead(id).await?;
            store.users().await?;
            store.tasks(&TaskFilter { lead: Some(id), status: Some("open".into()), limit: 50, ..Default::default() }).await?;
            store.emails(id).await?;
            store.leads(&LeadFilter { contact: Some(l.contact.id), limit: 20, ..Default::default() }).await?;
            store.timeline(id).await?;
            lead.push(ms(t.elapsed()));
        }
        for _ in 0..WARM_UP + n {
            let t = Instant::now();
            store.stage_counts().await?;
            for stage in &open_stages {
                store
                    .leads(&LeadFilter { stage: Some(stage.clone()), status: Some("open".into()), limit: 30, ..Default::default() })
                    .await?;
            }
            board.push(ms(t.elapsed()));
        }
        let figures = |v: Vec<f64>| {
            let v = sorted(v.into_iter().skip(WARM_UP).collect());
            format!("p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms", pct(&v, 0.5), pct(&v, 0.95), v.last().copied().unwrap_or(f64::NAN))
        };
        let http_p95 = |name: &str| {
            pages
                .iter()
                .find(|p| p.name == name && p.status != 404)
                .map(|p| format!(" (page p95 {:.1} ms)", pct(&p.lat, 0.95)))
                .unwrap_or_default()
        };
        line("store", format!("session:  touch (through the writer; written at most once a minute) + user   {}", figures(session)));
        line("store", format!("inbox:    leads(open, 100)                  {}{}", figures(inbox), http_p95("inbox")));
        line("store", format!("search:   leads(open, q=SURNAME, 100)       {}{}", figures(search), http_p95("search")));
        line("store", format!("find:     leads(open, q=E-MAIL, 100)        {}{}", figures(find), http_p95("find")));
        line(
            "store",
            format!("lead:     lead, users, open tasks, e-mails, earlier leads, timeline   {}{}", figures(lead), http_p95("lead")),
        );
        line(
            "store",
            format!(
                "board:    stage counts + leads(stage, open, 30) for each of {} open stages   {}{}",
                open_stages.len(),
                figures(board),
                http_p95("board")
            ),
        );
        Ok::<(), AnyError>(())
    }
    .await;
    store.close().await;
    result
}
