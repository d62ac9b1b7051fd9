//! `pronto demo --leads N --days D`: fills an empty database with a realistic history, for
//! trying Pronto and for `pronto-bench reports`.
//!
//! Everything goes through the store's commands — the playbooks run as in use: owners by round
//! robin, tasks, SLAs, timers, escalations, alerts. Time is the manual clock, moved in steps of
//! two minutes from `D` days ago to now; in each step the leads that arrive in it are
//! created (with their own arrival time), the calls, e-mails and stage changes that fall in it
//! are made (calls and e-mails at their own time, stage changes at the step's end), and the
//! timers that fell due are fired, as the server's worker would.
//!
//! The history: 80% of inquiries for the agency (web 50%, e-mail 25%, phone 17%, in person 5%,
//! API 3%), 20% for the distributor; most arrive in office hours on working days. 6% are never
//! answered; the rest are answered within minutes in office hours (log-normal, median about 4
//! minutes; a third of the team is slower) and at the next working morning otherwise. Phone
//! numbers are called once (70%), twice (20%) or three times before someone answers. Then the
//! leads move through their playbook's stages — each step with a chance to stop there and be
//! lost after a while — to won. Delivered distributor orders (a delivery recorded) get their quality call a week
//! later: positive (85%) or negative, which records a complaint. At the end the notifications the
//! history queued are marked sent, so that a server started on the database does not send a
//! year of old alerts.

use crate::demo_data::{draft, pick, rnd, thousands};
use crate::serve::AnyError;
use clap::Args;
use jiff::{SignedDuration, Timestamp};
use pronto_domain::Clock;
use pronto_domain::clock::ManualClock;
use pronto_domain::lead::{ActivityKind, Direction, LeadPatch, NewActivity, Outcome};
use pronto_store::{LeadFilter, NewUserRecord, Store, StoreOptions, TaskFilter};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// Inquiries to create.
    #[arg(long, default_value_t = 10_000)]
    pub leads: u64,
    /// Over this many days up to now.
    #[arg(long, default_value_t = 90)]
    pub days: u32,
    /// Concurrent commands per step at most.
    #[arg(long, default_value_t = 256)]
    pub concurrency: usize,
}

/// The clock's step: what falls in a step is done at its end (calls and e-mails keep their
/// own times), so an answer is at most this late for the playbook's SLA.
const STEP: SignedDuration = SignedDuration::from_mins(2);

/// What happens to a lead, in order.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Action {
    Create,
    Call(Outcome),
    Email,
    Stage(&'static str),
    Quality(bool),
}

/// The team: (login, name, role).
const TEAM: &[(&str, &str, &str)] = &[
    ("jitka", "Jitka Malá", "consultant"),
    ("roman", "Roman Šťastný", "consultant"),
    ("barbora", "Barbora Vlčková", "consultant"),
    ("david", "David Krejčí", "consultant"),
    ("simona", "Simona Havlíková", "consultant"),
    ("ivana", "Ivana Kopecká", "coordinator"),
    ("filip", "Filip Urban", "specialist"),
    ("zdenek", "Zdeněk Bartoš", "manager"),
    ("olga", "Olga Petrova", "manager"),
    ("sveta", "Světlana Ivanova", "secretary"),
];

/// A uniform number in [0, 1) for (`i`, `salt`).
fn unit(i: u64, salt: u64) -> f64 {
    (rnd(i, salt) >> 11) as f64 / (1u64 << 53) as f64
}

/// A standard normal number (Box–Muller).
fn normal(i: u64, salt: u64) -> f64 {
    let (u, v) = (unit(i, salt).max(1e-12), unit(i, salt + 1));
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

fn secs(s: f64) -> SignedDuration {
    SignedDuration::from_secs(s.max(0.0) as i64)
}

/// When lead `i` arrives: a day of the period (working days five times as likely), an hour
/// weighted to office hours.
fn arrival(i: u64, start: Timestamp, days: u32, tz: &jiff::tz::TimeZone) -> Timestamp {
    let first = start.to_zoned(tz.clone()).date();
    let mut day = first.checked_add(jiff::Span::new().days((rnd(i, 100) % days.max(1) as u64) as i64)).unwrap_or(first);
    if day.weekday().to_monday_one_offset() > 5 && rnd(i, 101) % 5 != 0 {
        day = day.checked_sub(jiff::Span::new().days(2)).unwrap_or(day);
    }
    const HOURS: &[(i8, u64)] = &[
        (7, 3),
        (8, 8),
        (9, 12),
        (10, 13),
        (11, 12),
        (12, 9),
        (13, 10),
        (14, 11),
        (15, 10),
        (16, 8),
        (17, 5),
        (18, 3),
        (19, 2),
        (20, 2),
        (21, 2),
        (22, 1),
        (23, 1),
        (6, 1),
    ];
    let total: u64 = HOURS.iter().map(|(_, w)| w).sum();
    let mut r = rnd(i, 102) % total;
    let mut hour = 10;
    for (h, w) in HOURS {
        if r < *w {
            hour = *h;
            break;
        }
        r -= w;
    }
    let minute = (rnd(i, 103) % 3600) as i64;
    day.to_datetime(jiff::civil::Time::new(hour, 0, 0, 0).unwrap_or(jiff::civil::Time::midnight()))
        .to_zoned(tz.clone())
        .map(|z| z.timestamp() + SignedDuration::from_secs(minute))
        .unwrap_or(start)
}

/// Everything that happens to lead `i` arriving at `at` (a distributor lead when `distributor`).
fn plan(i: u64, at: Timestamp, distributor: bool, has_phone: bool, cal: &pronto_domain::calendar::Calendar) -> Vec<(Timestamp, Action)> {
    let mut out = vec![(at, Action::Create)];
    if unit(i, 200) < 0.06 {
        return out; // never answered
    }
    // Answered: minutes in office hours, the next working morning otherwise.
    let slow = if rnd(i, 201) % 3 == 0 { 3.0 } else { 1.0 };
    let minutes = (normal(i, 202) * 1.0 + (4.0f64 * slow).ln()).exp().min(600.0);
    let start = if cal.is_working(at) { at } else { cal.next_working(at) + secs(unit(i, 203) * 1800.0) };
    let mut t = start + secs(minutes * 60.0);
    if has_phone {
        let tries = match unit(i, 204) {
            u if u < 0.7 => 1,
            u if u < 0.9 => 2,
            _ => 3,
        };
        for k in 1..tries {
            let before = t - SignedDuration::from_mins(10 * (tries - k));
            out.push((before.max(at), Action::Call(Outcome::NoAnswer)));
        }
        out.push((t, Action::Call(Outcome::Reached)));
    } else {
        out.push((t, Action::Email));
    }
    let stages: &[&'static str] = if distributor {
        &["confirmed", "contacted", "deal", "invoiced", "paid", "delivered"]
    } else {
        &["contacted", "qualified", "offer"]
    };
    // Each next stage: likely at first, less so further on; a lead that stops is lost later
    // (or stays open).
    let go_on: &[f64] = if distributor { &[0.95, 0.8, 0.6, 0.85, 0.9, 0.97] } else { &[0.9, 0.55, 0.6] };
    for (k, stage) in stages.iter().enumerate() {
        if unit(i, 210 + k as u64) > go_on[k] {
            if unit(i, 230) < 0.75 {
                out.push((t + secs(3600.0 + unit(i, 231) * 9.0 * 86_400.0), Action::Stage("lost")));
            }
            return out;
        }
        let wait = if k == 0 { 60.0 + unit(i, 240) * 3600.0 } else { 3600.0 + unit(i, 241 + k as u64) * 4.0 * 86_400.0 };
        t += secs(wait);
        out.push((t, Action::Stage(stage)));
    }
    if distributor {
        // The quality call comes a week after delivery (the playbook's timer); answered within
        // a few hours of it.
        out.push((t + SignedDuration::from_hours(7 * 24) + secs(3600.0 + unit(i, 250) * 4.0 * 3600.0), Action::Quality(unit(i, 251) < 0.85)));
    } else if unit(i, 252) < 0.45 {
        out.push((t + secs(86_400.0 + unit(i, 253) * 10.0 * 86_400.0), Action::Stage("won")));
    } else if unit(i, 254) < 0.8 {
        out.push((t + secs(86_400.0 + unit(i, 255) * 10.0 * 86_400.0), Action::Stage("lost")));
    }
    out
}

struct Lead {
    at: Timestamp,
    distributor: bool,
    has_phone: bool,
}

/// What the fill did, for the report line.
pub struct Filled {
    pub leads: u64,
    pub actions: u64,
    pub failed: u64,
    pub seconds: f64,
}

/// Fills `store` (on the manual `clock`, which this moves) with `args.leads` leads over
/// `args.days` days ending at `end`. The team is created first.
pub async fn fill(store: Arc<dyn Store>, clock: &ManualClock, args: &DemoArgs, end: Timestamp) -> Result<Filled, AnyError> {
    let began = Instant::now();
    let region = pronto_domain::values::Region::default();
    use pronto_domain::user::Role;
    use pronto_domain::values::{Email, Line, Login, Phone};
    for (n, (login, name, role)) in TEAM.iter().enumerate() {
        if store.user_by_login(login).await.is_ok() {
            continue;
        }
        store
            .create_user(NewUserRecord {
                login: Login::parse(login).map_err(|e| e.to_string())?,
                name: Line::parse(name, 200).map_err(|e| e.to_string())?,
                role: Role::parse(role).map_err(|e| e.to_string())?,
                phone: Some(Phone::parse(&format!("+420 777 200 {n:03}"), region).map_err(|e| e.to_string())?),
                email: Some(Email::parse(&format!("{login}@demo.example")).map_err(|e| e.to_string())?),
                password_hash: None,
                actor: None,
            })
            .await?;
    }
    let pbs = store.playbooks();
    let calendar = |name: &str| pbs.current(name).map(|(_, p)| p.calendar.clone()).ok_or_else(|| format!("no playbook `{name}`"));
    let (agency_cal, distributor_cal) = (calendar("agency")?, calendar("distributor")?);
    let start = end - SignedDuration::from_hours(24 * args.days.max(1) as i64);
    let n = args.leads;
    let leads: Vec<Lead> = (0..n)
        .map(|i| {
            let distributor = rnd(i, 300) % 5 == 0;
            let cal = if distributor { &distributor_cal } else { &agency_cal };
            let at = arrival(i, start, args.days, cal.time_zone()).clamp(start, end - SignedDuration::from_secs(1));
            let d = draft(i, at);
            Lead { at, distributor, has_phone: d.contact.phone.is_some() }
        })
        .collect();
    // The heap of (when, lead, next action).
    let mut heap: BinaryHeap<Reverse<(i64, u64, usize)>> =
        leads.iter().enumerate().map(|(i, l)| Reverse((l.at.as_microsecond(), i as u64, 0))).collect();
    let ids: Vec<std::sync::atomic::AtomicI64> = (0..n).map(|_| std::sync::atomic::AtomicI64::new(0)).collect();
    let ids = Arc::new(ids);
    let (mut actions, mut failed) = (0u64, 0u64);
    let mut step_end = start + STEP;
    clock.advance(start.duration_since(clock.now()));
    let mut shown = Instant::now();
    loop {
        let target = step_end.min(end);
        clock.advance(target.duration_since(clock.now()));
        // Every lead with something due in this step: all its actions up to the step's end.
        let mut due: BTreeMap<u64, Vec<(Timestamp, Action)>> = BTreeMap::new();
        while let Some(Reverse((t, i, k))) = heap.peek().copied() {
            if t >= target.as_microsecond() {
                break;
            }
            heap.pop();
            let l = &leads[i as usize];
            let cal = if l.distributor { &distributor_cal } else { &agency_cal };
            let all = plan(i, l.at, l.distributor, l.has_phone, cal);
            let mut k = k;
            let list = due.entry(i).or_default();
            while k < all.len() && all[k].0 < target {
                list.push(all[k]);
                k += 1;
            }
            if k < all.len() {
                heap.push(Reverse((all[k].0.as_microsecond().max(target.as_microsecond()), i, k)));
            }
        }
        let work: Vec<(u64, Vec<(Timestamp, Action)>)> = due.into_iter().collect();
        for chunk in work.chunks(args.concurrency.max(1)) {
            let tasks: Vec<_> = chunk
                .iter()
                .cloned()
                .map(|(i, list)| {
                    let (store, ids) = (store.clone(), ids.clone());
                    let distributor = leads[i as usize].distributor;
                    tokio::spawn(async move { run_lead(store.as_ref(), &ids, i, distributor, &list, end).await })
                })
                .collect();
            for t in tasks {
                let (done, bad) = t.await?;
                actions += done;
                failed += bad;
            }
        }
        // The timers that fell due, as the server's worker would fire them.
        while store.fire_due_timers(5000).await? >= 5000 {}
        if target >= end {
            break;
        }
        step_end = target + STEP;
        if shown.elapsed().as_secs() >= 10 {
            shown = Instant::now();
            let made = ids.iter().filter(|a| a.load(std::sync::atomic::Ordering::Relaxed) != 0).count();
            println!(
                "demo      {} {} of {} leads, {} actions ({:.0} s)",
                target.strftime("%Y-%m-%d"),
                thousands(made as u64),
                thousands(n),
                thousands(actions),
                began.elapsed().as_secs_f64()
            );
        }
    }
    let settled = store.settle_outbox().await?;
    println!("demo      {} notifications of the history marked sent", thousands(settled as u64));
    Ok(Filled { leads: n, actions, failed, seconds: began.elapsed().as_secs_f64() })
}

/// Runs one lead's actions of a step in order; returns (done, failed).
async fn run_lead(
    store: &dyn Store,
    ids: &[std::sync::atomic::AtomicI64],
    i: u64,
    distributor: bool,
    list: &[(Timestamp, Action)],
    end: Timestamp,
) -> (u64, u64) {
    let (mut done, mut failed) = (0, 0);
    let region = pronto_domain::values::Region::default();
    for (at, action) in list {
        let id = ids[i as usize].load(std::sync::atomic::Ordering::Relaxed);
        let result: Result<(), String> = async {
            match action {
                Action::Create => {
                    let mut d = draft(i, *at);
                    if distributor {
                        d.playbook = Some("distributor".into());
                    }
                    d.customer_type = match rnd(i, 400) % 10 {
                        0..=3 => Some("b2b".into()),
                        4..=8 => Some("b2c".into()),
                        _ => None,
                    };
                    let lead = d.parse(region, end).map_err(|e| e.to_string())?;
                    let created = store.create_lead(lead, None, None).await.map_err(|e| e.to_string())?;
                    ids[i as usize].store(created.id, std::sync::atomic::Ordering::Relaxed);
                }
                Action::Call(outcome) => {
                    let a = NewActivity {
                        kind: ActivityKind::Call,
                        direction: Some(Direction::Out),
                        outcome: Some(*outcome),
                        body: None,
                        at: *at,
                    };
                    store.log_activity(id, a, None).await.map_err(|e| e.to_string())?;
                }
                Action::Email => {
                    let body = pronto_domain::values::Text::parse(pick(REPLIES, i, 401), 10_000).ok();
                    let a = NewActivity { kind: ActivityKind::Email, direction: Some(Direction::Out), outcome: None, body, at: *at };
                    store.log_activity(id, a, None).await.map_err(|e| e.to_string())?;
                }
                // A distributor's order is delivered as the team records it (issue 21): a delivery
                // today, marked delivered — the playbook moves the lead on and sets the quality call.
                Action::Stage("delivered") => {
                    let zone = jiff::tz::TimeZone::get("Europe/Moscow").unwrap_or(jiff::tz::TimeZone::UTC);
                    let today = at.to_zoned(zone.clone()).date();
                    let address = pronto_domain::values::Text::parse("Tverskaya 1, Moscow", 100).map_err(|e| e.to_string())?;
                    let new = pronto_domain::delivery::NewDelivery { date: today, address, driver: None };
                    let d = store.plan_delivery(id, new, zone, None).await.map_err(|e| e.to_string())?;
                    store.mark_delivered(d.id, None, None).await.map_err(|e| e.to_string())?;
                }
                Action::Stage(stage) => {
                    let patch = LeadPatch { stage: Some((*stage).into()), ..Default::default() };
                    store.patch_lead(id, patch, None).await.map_err(|e| e.to_string())?;
                }
                Action::Quality(positive) => {
                    let filter = TaskFilter { lead: Some(id), status: Some("open".into()), limit: 50, ..Default::default() };
                    let tasks = store.tasks(&filter).await.map_err(|e| e.to_string())?;
                    let task = tasks.iter().find(|t| t.task == "quality_call").ok_or("no quality call yet")?;
                    let outcome = if *positive { "positive" } else { "negative" };
                    // A negative answer records a complaint: its substance is the note.
                    let note = (!*positive).then(|| pick(COMPLAINTS, i, 402).to_owned());
                    store.complete_task(task.id, outcome.into(), note, None).await.map_err(|e| e.to_string())?;
                }
            }
            Ok(())
        }
        .await;
        match result {
            Ok(()) => done += 1,
            Err(_) => failed += 1,
        }
    }
    (done, failed)
}

const REPLIES: &[&str] = &[
    "Dobrý den, děkujeme za poptávku. Kdy se vám hodí krátký hovor?",
    "Dobrý den, posíláme první informace a ozveme se s nabídkou.",
    "Děkujeme, rádi vám pomůžeme. Můžete nám poslat telefon?",
];

/// What a customer complains about on a negative quality call (the distributor is in Moscow).
const COMPLAINTS: &[&str] = &[
    "Доставили на два дня позже обещанного.",
    "Коробка повреждена, на корпусе царапина.",
    "Водитель не привёз товарную накладную.",
];

pub async fn run(config: &crate::config::Config, args: DemoArgs) -> Result<(), AnyError> {
    if args.leads == 0 || args.days == 0 {
        return Err("--leads and --days must be positive".into());
    }
    let end = pronto_domain::SystemClock.now();
    let clock = Arc::new(ManualClock::new(end - SignedDuration::from_hours(24 * args.days as i64)));
    let store = pronto_store::open(&config.database_url, clock.clone(), StoreOptions { bulk_fill: true, ..StoreOptions::default() }).await?;
    let existing = store.leads(&LeadFilter { limit: 1, ..Default::default() }).await?;
    if !existing.is_empty() {
        store.close().await;
        return Err("the database already has leads; `pronto demo` fills an empty one (set PRONTO_DATABASE_URL or --data-dir)".into());
    }
    crate::serve::default_playbook(store.as_ref(), &config.web.default_playbook).await?;
    crate::serve::ensure_admin(store.as_ref(), config).await?;
    println!("demo      {} leads over {} days into {}", thousands(args.leads), args.days, pronto_store::redact_url(&config.database_url));
    let result = fill(store.clone(), &clock, &args, end).await;
    store.close().await;
    let f = result?;
    println!(
        "demo      {} leads and {} actions in {:.0} s ({} refused by the playbook's rules); start `pronto serve` on the same database",
        thousands(f.leads),
        thousands(f.actions),
        f.seconds,
        thousands(f.failed)
    );
    Ok(())
}
