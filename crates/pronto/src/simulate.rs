//! `pronto simulate`: what a staffing or process change does to the response times, before it
//! goes live (issue 23).
//!
//! Modelled on `demo.rs`: the real store and playbook engine on a [`ManualClock`] over a
//! temporary SQLite file, so the playbook's rules, round robin, tasks, retries, SLAs and
//! escalations run exactly as in production. The clock moves one minute at a time; in each
//! minute
//!
//! 1. people's meetings begin and end: their presence is set through the store's command, as a
//!    person does on the page (the engine skips a person in a meeting); their working hours are
//!    their own hours on their user, so assignment and escalations see them too;
//! 2. the arrivals of that minute become leads through `create_lead`, with their own arrival
//!    time (made-up customers from `demo_data`; channel and whether a phone was left from the
//!    arrivals);
//! 3. the timers that fell due are fired, as the server's worker would;
//! 4. each open task of a modelled person is done once the person is at work, not in a
//!    meeting, and their delay (drawn when the task reached them) has passed: a call task is
//!    completed `reached` (or `no_answer`, by the team file's `customer_answers`, which starts
//!    the playbook's retries), an e-mail or other task with its first outcome — each completion
//!    records the call or e-mail activity, as the task's button does. A person answers a task at
//!    all with their `answers` probability (the rest waits for the escalation to hand it on).
//!    A task nobody holds (no one was available when the lead came) is taken by the person at
//!    work who has done the fewest tasks.
//!
//! The figures are the reports' own: each lead's fact (`report_facts`: response time in wall
//! clock and working time, each SLA met or breached). Every draw is keyed by what it is about
//! (the arrival, the task, the attempt, the person) and the seed, so the same inputs and seed
//! print the same figures, and two teams compared see the same customers.

use crate::demo_data::{draft, thousands};
use crate::serve::AnyError;
use clap::Args;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use pronto_domain::Clock;
use pronto_domain::calendar::Calendar;
use pronto_domain::clock::ManualClock;
use pronto_domain::lead::Channel;
use pronto_domain::staffing::{self, Arrival, Delay, Figures, Load, Person, State, Team, mix, unit};
use pronto_playbook::Presence;
use pronto_store::{NewUserRecord, PlaybookSource, Store, StoreOptions, TaskFilter, TaskRecord, UserPatch};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, Clone, Args)]
pub struct SimulateArgs {
    /// The playbook: a built-in's or the database's name (`agency`), or a playbook file.
    #[arg(long, value_name = "NAME|FILE")]
    pub playbook: String,
    /// The team (team.toml: people, roles, hours, meetings, how fast and how often they answer).
    /// With --from-history, without it: the company's own users.
    #[arg(long, value_name = "FILE")]
    pub team: Option<PathBuf>,
    /// The arrivals: a CSV of `at,channel` (local times), or a TOML of rates per hour and weekday.
    #[arg(long, value_name = "FILE", conflicts_with = "from_history", required_unless_present = "from_history")]
    pub arrivals: Option<PathBuf>,
    /// The arrivals of the company's own last DAYS days (`90` or `90d`), read from the database.
    #[arg(long, value_name = "DAYS")]
    pub from_history: Option<String>,
    /// The seed of every random draw: the same inputs and seed print the same figures.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// A second team or playbook file (or a playbook's name), run on the same arrivals and seed
    /// and printed beside the first.
    #[arg(long, value_name = "FILE")]
    pub compare: Option<String>,
}

/// The playbook a run uses: its name and, when it is not the store's own, its text.
#[derive(Debug, Clone)]
pub struct PlaybookChoice {
    pub name: String,
    pub source: Option<String>,
    /// How the printout names it.
    pub label: String,
}

/// One run's inputs.
#[derive(Clone)]
pub struct Scenario {
    pub playbook: PlaybookChoice,
    pub team: Team,
    pub team_label: String,
    pub arrivals: Arc<Vec<Arrival>>,
    pub seed: u64,
    /// The company's office hours (the stored JSON), over the playbook's calendar.
    pub office_hours: Option<String>,
}

/// One run's result.
pub struct Run {
    pub figures: Figures,
    /// SLA id → its title in the playbook.
    pub sla_titles: BTreeMap<String, String>,
    pub zone: TimeZone,
    pub first: Timestamp,
    pub last: Timestamp,
    pub days: u64,
    /// Work the playbook refused (a task gone meanwhile): counted, not fatal.
    pub refused: u64,
    pub seconds: f64,
}

/// After the last arrival, the clock runs on until every lead is answered, at most this long
/// (a weekend and a bit: Friday evening's leads are answered on Monday).
const TAIL: SignedDuration = SignedDuration::from_hours(24 * 4);
const STEP: SignedDuration = SignedDuration::from_mins(1);

/// A planned answer to one task.
#[derive(Debug, Clone, Copy)]
struct Plan {
    person: usize,
    ready: Timestamp,
    answers: bool,
}

fn floor_minute(t: Timestamp) -> Timestamp {
    Timestamp::from_second(t.as_second().div_euclid(60) * 60).unwrap_or(t)
}

/// Runs `s` through the real engine and store on a scratch SQLite file.
pub async fn run(s: &Scenario) -> Result<Run, AnyError> {
    let began = Instant::now();
    let arrivals = s.arrivals.clone();
    let (Some(first), Some(last)) = (arrivals.first().map(|a| a.at), arrivals.last().map(|a| a.at)) else {
        return Err("no arrivals to simulate".into());
    };
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("simulate.db").display());
    let start = floor_minute(first);
    let clock = Arc::new(ManualClock::new(start - STEP));
    let store =
        pronto_store::open(&url, clock.clone(), StoreOptions { bulk_fill: true, read_connections: 2, ..StoreOptions::default() }).await?;
    let result = drive(store.clone(), &clock, s, start, last).await;
    store.close().await;
    let (figures, sla_titles, office, refused) = result?;
    let zone = office.time_zone().clone();
    let days = {
        let (a, b) = (first.to_zoned(zone.clone()).date(), last.to_zoned(zone.clone()).date());
        (b - a).get_days().max(0) as u64 + 1
    };
    Ok(Run { figures, sla_titles, zone, first, last, days, refused, seconds: began.elapsed().as_secs_f64() })
}

type Driven = (Figures, BTreeMap<String, String>, Calendar, u64);

async fn drive(store: Arc<dyn Store>, clock: &ManualClock, s: &Scenario, start: Timestamp, last: Timestamp) -> Result<Driven, AnyError> {
    let region = pronto_domain::values::Region::default();
    let pbs = store.playbooks();
    if let Some(source) = &s.playbook.source {
        store.load_playbook(source.clone(), None, PlaybookSource::Admin).await?;
    }
    let name = s.playbook.name.clone();
    if !pbs.set_default(&name) {
        return Err(format!("no playbook `{name}` (built in: {})", pbs.names().join(", ")).into());
    }
    if let Some(h) = &s.office_hours {
        store.change_company(pronto_store::company::CompanyChange::OfficeHours(Some(h.clone())), None).await?;
    }
    // The facts' office zone follows the default playbook.
    store.sync_report_facts().await?;
    let (_, pb) = pbs.current(&name).ok_or_else(|| format!("no playbook `{name}`"))?;
    let office = pb.calendar.clone();
    let sla_titles: BTreeMap<String, String> = pb.slas.iter().map(|(id, d)| (id.clone(), d.title.clone())).collect();

    // The team, as users with their own hours.
    use pronto_domain::values::{Email, Line, Login, Phone};
    let mut user_ids = Vec::with_capacity(s.team.people.len());
    for (n, p) in s.team.people.iter().enumerate() {
        let id = store
            .create_user(NewUserRecord {
                login: Login::parse(&p.login).map_err(|e| format!("login `{}`: {e}", p.login))?,
                name: Line::parse(&p.name, 200).map_err(|e| format!("name `{}`: {e}", p.name))?,
                role: p.role,
                phone: Some(Phone::parse(&format!("+420 777 300 {n:03}"), region).map_err(|e| e.to_string())?),
                email: Some(Email::parse(&format!("{}@simulate.example", p.login)).map_err(|e| e.to_string())?),
                password_hash: None,
                actor: None,
            })
            .await?;
        if let Some(h) = p.hours_json() {
            store.update_user(UserPatch { id, hours: Some(Some(h)), ..Default::default() }, None).await?;
        }
        user_ids.push(id);
    }
    let person_of: BTreeMap<i64, usize> = user_ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut in_meeting = vec![false; s.team.people.len()];
    let mut done_by = vec![0u64; s.team.people.len()];

    let mut feed = store.committed();
    let mut lead_index: BTreeMap<i64, u64> = BTreeMap::new();
    let mut open: BTreeMap<i64, Vec<TaskRecord>> = BTreeMap::new();
    let mut plans: BTreeMap<i64, Plan> = BTreeMap::new();
    let mut touched: BTreeSet<i64> = BTreeSet::new();
    let mut rescan = false;
    let mut next_due: Option<Timestamp> = None;
    let mut dirty = true;
    let mut refused = 0u64;
    let mut next_arrival = 0usize;
    let end = last + TAIL;
    let mut t = start;
    loop {
        clock.advance(t.duration_since(clock.now()));
        // 1. Meetings begin and end.
        for (i, p) in s.team.people.iter().enumerate() {
            let meeting = p.state(t, &office) == State::Meeting;
            if meeting != in_meeting[i] {
                in_meeting[i] = meeting;
                let presence = if meeting { Presence::Meeting } else { Presence::Available };
                store.update_user(UserPatch { id: user_ids[i], presence: Some(presence), ..Default::default() }, None).await?;
            }
        }
        // 2. Arrivals.
        while next_arrival < s.arrivals.len() && s.arrivals[next_arrival].at <= t {
            let a = &s.arrivals[next_arrival];
            let i = next_arrival as u64;
            next_arrival += 1;
            let mut d = draft(mix(s.seed, i, 10) % 1_000_000, a.at);
            d.channel = Some(a.channel.as_str().to_owned());
            d.source = None;
            match a.phone {
                Some(false) => {
                    d.contact.phone = None;
                    if d.contact.email.is_none() {
                        d.contact.email = Some(format!("customer{i}@simulate.example"));
                    }
                }
                Some(true) if d.contact.phone.is_none() => {
                    d.contact.phone = Some(format!("+420 603 {:03} {:03}", i / 1000 % 1000, i % 1000))
                }
                _ => {}
            }
            if a.channel == Channel::Phone && d.contact.phone.is_none() {
                d.contact.phone = Some(format!("+420 603 {:03} {:03}", i / 1000 % 1000, i % 1000));
            }
            d.playbook = Some(name.clone());
            let lead = d.parse(region, t).map_err(|e| format!("arrival {}: {e}", i + 1))?;
            let created = store.create_lead(lead, None, None).await?;
            lead_index.insert(created.id, i);
            touched.insert(created.id);
            dirty = true;
        }
        // 3. Timers, as the worker fires them.
        if dirty {
            next_due = store.next_timer_due().await?;
            dirty = false;
        }
        if next_due.is_some_and(|d| d <= t) {
            while store.fire_due_timers(5000).await? >= 5000 {}
            next_due = store.next_timer_due().await?;
        }
        // What changed: the leads the committed events name.
        loop {
            match feed.try_recv() {
                Ok(c) => {
                    if let Some(id) = c.lead_id {
                        touched.insert(id);
                    }
                }
                Err(tokio::sync::broadcast::error::TryRecvError::Lagged(_)) => rescan = true,
                Err(_) => break,
            }
        }
        if rescan {
            rescan = false;
            touched.extend(open.keys().copied());
            let all = store.tasks(&TaskFilter { status: Some("open".into()), limit: 100_000, ..Default::default() }).await?;
            touched.extend(all.iter().map(|t| t.lead_id));
        }
        for lead in std::mem::take(&mut touched) {
            let tasks =
                store.tasks(&TaskFilter { lead: Some(lead), status: Some("open".into()), limit: 1000, ..Default::default() }).await?;
            if tasks.is_empty() {
                if let Some(old) = open.remove(&lead) {
                    old.iter().for_each(|t| {
                        plans.remove(&t.id);
                    });
                }
            } else {
                let ids: BTreeSet<i64> = tasks.iter().map(|t| t.id).collect();
                if let Some(old) = open.get(&lead) {
                    old.iter().filter(|t| !ids.contains(&t.id)).for_each(|t| {
                        plans.remove(&t.id);
                    });
                }
                open.insert(lead, tasks);
            }
        }
        // 4. People answer.
        let states: Vec<State> = s.team.people.iter().map(|p| p.state(t, &office)).collect();
        let mut todo: Vec<(TaskRecord, usize)> = Vec::new();
        for (lead, tasks) in &open {
            let index = lead_index.get(lead).copied().unwrap_or(*lead as u64);
            for task in tasks {
                let holder = task.assignee.as_ref().and_then(|u| person_of.get(&u.id).copied());
                let holder = match (holder, plans.get(&task.id)) {
                    (Some(h), _) => Some(h),
                    // Nobody holds it: who took it keeps it while at work; else whoever is at
                    // work and has done the least takes it.
                    (None, Some(p)) if states[p.person] == State::Working => Some(p.person),
                    (None, _) => (0..states.len()).filter(|i| states[*i] == State::Working).min_by_key(|i| (done_by[*i], *i)),
                };
                let Some(person) = holder else { continue };
                let plan = match plans.get(&task.id) {
                    Some(p) if p.person == person => *p,
                    known => {
                        // The delay runs from when the task reached this person.
                        let seen = if known.is_none() && task.assignee.is_some() { task.created_at.max(start) } else { t };
                        let key = index.wrapping_mul(1_000_003) ^ staffing::text_key(&task.task) ^ (task.attempt as u64) << 48;
                        let p = &s.team.people[person];
                        let plan = Plan {
                            person,
                            ready: seen + p.delay.draw(mix(s.seed, key, 20 + person as u64)),
                            answers: unit(mix(s.seed, key, 40 + person as u64)) < p.answers,
                        };
                        plans.insert(task.id, plan);
                        plan
                    }
                };
                if plan.answers && plan.ready <= t && states[person] == State::Working {
                    todo.push((task.clone(), person));
                }
            }
        }
        for (task, person) in todo {
            let index = lead_index.get(&task.lead_id).copied().unwrap_or(task.lead_id as u64);
            let outcome = match task.kind.as_str() {
                "call" => {
                    let key = index.wrapping_mul(1_000_003) ^ staffing::text_key(&task.task) ^ (task.attempt as u64) << 48;
                    if unit(mix(s.seed, key, 60)) < s.team.customer_answers { "reached".to_owned() } else { "no_answer".to_owned() }
                }
                _ => pbs
                    .current(&name)
                    .and_then(|(_, pb)| pb.tasks.get(&task.task).and_then(|d| d.outcomes.first().cloned()))
                    .unwrap_or_else(|| "done".to_owned()),
            };
            plans.remove(&task.id);
            match store.complete_task(task.id, outcome, None, Some(user_ids[person])).await {
                Ok(()) => done_by[person] += 1,
                Err(_) => refused += 1,
            }
            touched.insert(task.lead_id);
            dirty = true;
        }
        if t >= end || (t >= last && next_arrival >= s.arrivals.len() && open.is_empty() && touched.is_empty()) {
            break;
        }
        // Nothing can happen before the next minute with an arrival, a due timer, a ready
        // answer or a change of anybody's state; each minute is still looked at (the states).
        t += STEP;
    }

    // The figures, from the leads' facts (the reports' own).
    let mut outcomes = Vec::with_capacity(s.arrivals.len());
    let mut owned: BTreeMap<i64, u64> = BTreeMap::new();
    let mut after = None;
    let (from, to) = (start - SignedDuration::from_hours(1), clock.now() + SignedDuration::from_hours(1));
    loop {
        let page = store.report_facts(from, to, after, 1000).await?;
        let Some((id, at, _)) = page.last() else { break };
        after = Some((*at, *id));
        for (_, _, f) in &page {
            if let Some(o) = f.owner {
                *owned.entry(o).or_default() += 1;
            }
            outcomes.push(staffing::LeadOutcome {
                response: f.response,
                business_response: f.business_response,
                sla: f.sla.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            });
        }
    }
    let zone = office.time_zone().clone();
    let (d0, d1) = (start.to_zoned(zone.clone()).date(), last.to_zoned(zone.clone()).date());
    let load = s
        .team
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| Load {
            name: p.name.clone(),
            role: p.role.as_str().to_owned(),
            tasks: done_by[i],
            working_days: p.working_days(d0, d1, &office),
            leads: owned.get(&user_ids[i]).copied().unwrap_or(0),
        })
        .collect();
    Ok((staffing::figures(&outcomes, load), sla_titles, office, refused))
}

// ---------------------------------------------------------------------------------------------
// The command

fn read(path: &Path) -> Result<String, AnyError> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()).into())
}

/// `90` or `90d`.
fn history_days(text: &str) -> Result<u32, AnyError> {
    let t = text.trim();
    let n = t.strip_suffix('d').unwrap_or(t);
    match n.parse::<u32>() {
        Ok(d) if (1..=3660).contains(&d) => Ok(d),
        _ => Err(format!("--from-history: `{t}` is not a number of days like 90 or 90d").into()),
    }
}

/// A playbook by name (built in, or the database's when given) or from a file.
async fn playbook_choice(spec: &str, db: Option<&dyn Store>) -> Result<PlaybookChoice, AnyError> {
    let path = Path::new(spec);
    if path.is_file() {
        let source = read(path)?;
        let pb = pronto_playbook::parse(&source)
            .map_err(|p| format!("the playbook file is invalid:\n{}", pronto_playbook::render_problems(&p, spec, &source)))?;
        return Ok(PlaybookChoice { name: pb.name.clone(), source: Some(source), label: spec.to_owned() });
    }
    if let Some(db) = db {
        let versions = db.playbook_versions(Some(spec)).await?;
        if let Some(v) = versions.iter().max_by_key(|v| v.version) {
            return Ok(PlaybookChoice { name: spec.to_owned(), source: Some(v.source.clone()), label: format!("{spec} (the company's)") });
        }
    }
    if pronto_playbook::builtin(spec).is_some() {
        return Ok(PlaybookChoice { name: spec.to_owned(), source: None, label: spec.to_owned() });
    }
    Err(format!("--playbook: `{spec}` is neither a playbook file nor a built-in playbook (agency, distributor)").into())
}

/// The zone and calendar of a playbook (for the team's default zone).
fn playbook_calendar(choice: &PlaybookChoice) -> Option<Calendar> {
    let source = choice.source.clone().or_else(|| pronto_playbook::builtin(&choice.name).map(str::to_owned))?;
    pronto_playbook::parse(&source).ok().map(|p| p.calendar)
}

fn team_from_file(path: &Path, zone: &TimeZone) -> Result<Team, AnyError> {
    let source = read(path)?;
    staffing::parse_team(&source, zone).map_err(|p| staffing::render_problems(&p, &path.display().to_string()).into())
}

fn arrivals_from_file(path: &Path, seed: u64, zone: &TimeZone) -> Result<Vec<Arrival>, AnyError> {
    let source = read(path)?;
    let file = path.display().to_string();
    let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        staffing::parse_arrivals_csv(&source, zone).map_err(|p| staffing::render_problems(&p, &file).into())
    } else {
        let rates = staffing::parse_rates(&source).map_err(|p| staffing::render_problems(&p, &file))?;
        Ok(rates.arrivals(seed, zone))
    }
}

/// The company's own: the arrivals of its last `days` days, its active users (their hours;
/// each answering as fast as the company's median first response in working time), its office
/// hours.
struct History {
    arrivals: Vec<Arrival>,
    team: Team,
    office_hours: Option<String>,
}

async fn history(db: &dyn Store, days: u32, now: Timestamp, zone: &TimeZone, playbook: &str) -> Result<History, AnyError> {
    let from = now - SignedDuration::from_hours(24 * i64::from(days));
    // (arrival, whether it ran on `playbook`)
    let mut arrivals: Vec<(Arrival, bool)> = Vec::new();
    let mut offset = 0u32;
    loop {
        let filter = pronto_store::LeadFilter {
            received_after: Some(from),
            sort: Some(pronto_store::LeadSort::Received),
            limit: 1000,
            offset,
            ..Default::default()
        };
        let page = db.leads(&filter).await?;
        for l in &page {
            let Ok(channel) = Channel::parse(&l.channel) else { continue };
            let a = Arrival { at: l.received_at, channel, phone: Some(l.phone.is_some() || l.contact.phone.is_some()) };
            arrivals.push((a, l.playbook == playbook));
        }
        if page.len() < 1000 {
            break;
        }
        offset += 1000;
    }
    // The leads that ran on the playbook simulated, when it has any (a company with two
    // playbooks simulates each on its own inquiries); else every lead.
    let ours = arrivals.iter().any(|(_, p)| *p);
    let mut arrivals: Vec<Arrival> = arrivals.into_iter().filter(|(_, p)| *p || !ours).map(|(a, _)| a).collect();
    arrivals.sort_by_key(|a| a.at);
    // How fast the company answers now: its median first response in working time.
    let mut times = Vec::new();
    let mut after = None;
    loop {
        let page = db.report_facts(from, now, after, 1000).await?;
        let Some((id, at, _)) = page.last() else { break };
        after = Some((*at, *id));
        times.extend(page.iter().filter_map(|(_, _, f)| f.business_response));
    }
    times.sort_unstable();
    let median = times.get(times.len() / 2).copied().unwrap_or(240).clamp(30, 8 * 3600);
    let mut people = Vec::new();
    for u in db.users().await? {
        let Ok(role) = pronto_domain::user::Role::parse(&u.role) else { continue };
        if !u.active || role == pronto_domain::user::Role::Admin {
            continue;
        }
        let hours = u.hours.as_ref().and_then(|h| {
            let cal = pronto_store::parse_hours(&h.to_string()).ok()?;
            let days: Vec<(&'static str, String)> = staffing::DAYS
                .iter()
                .filter_map(|d| h["hours"][*d].as_str().filter(|s| !s.trim().is_empty()).map(|s| (*d, s.to_owned())))
                .collect();
            Some((days, cal))
        });
        people.push(Person {
            login: u.login.clone(),
            name: u.name.clone(),
            role,
            hours,
            meetings: vec![],
            delay: Delay::LogNormal { median: SignedDuration::from_secs(median), spread: 0.8 },
            answers: 1.0,
        });
    }
    let office_hours = db.company_profile().await?.office_hours;
    Ok(History { arrivals, team: Team { time_zone: zone.clone(), customer_answers: 1.0, people }, office_hours })
}

/// What `--compare` names: a playbook (file or name) or a team file.
enum Variant {
    Playbook(PlaybookChoice),
    Team(Team, String),
}

async fn variant(spec: &str, db: Option<&dyn Store>, zone: &TimeZone) -> Result<Variant, AnyError> {
    let path = Path::new(spec);
    if path.is_file() {
        let source = read(path)?;
        // A team file has people; anything else is read as a playbook.
        if source.lines().any(|l| l.trim_start().starts_with("[[people]]")) {
            return Ok(Variant::Team(team_from_file(path, zone)?, spec.to_owned()));
        }
    }
    Ok(Variant::Playbook(playbook_choice(spec, db).await?))
}

pub async fn run_command(config: &crate::config::Config, args: SimulateArgs) -> Result<(), AnyError> {
    let db = match &args.from_history {
        Some(_) => Some(crate::serve::open_store(config, Arc::new(pronto_domain::SystemClock)).await?),
        None => None,
    };
    let result = command(db.as_deref(), &args).await;
    if let Some(db) = db {
        db.close().await;
    }
    let text = result?;
    print!("{text}");
    Ok(())
}

/// Runs the command; returns what it prints.
async fn command(db: Option<&dyn Store>, args: &SimulateArgs) -> Result<String, AnyError> {
    let playbook = playbook_choice(&args.playbook, db).await?;
    let cal = playbook_calendar(&playbook);
    let mut zone = cal.as_ref().map(|c| c.time_zone().clone()).unwrap_or(TimeZone::UTC);
    let (arrivals, team, team_label, office_hours, source) = match (&args.from_history, db) {
        (Some(days), Some(db)) => {
            let days = history_days(days)?;
            zone = db.office_zone();
            let h = history(db, days, pronto_domain::SystemClock.now(), &zone, &playbook.name).await?;
            if h.arrivals.is_empty() {
                return Err(format!("--from-history: the company has no leads in the last {days} days").into());
            }
            let (team, label) = match &args.team {
                Some(path) => (team_from_file(path, &zone)?, path.display().to_string()),
                None if h.team.people.is_empty() => {
                    return Err("--from-history: the company has no active users besides admins; give --team FILE".into());
                }
                None => (h.team, "the company's users".to_owned()),
            };
            let n = h.arrivals.len();
            (h.arrivals, team, label, h.office_hours, format!("{} inquiries of the last {days} days", thousands(n as u64)))
        }
        _ => {
            let (Some(team_path), Some(arrivals_path)) = (&args.team, &args.arrivals) else {
                return Err("give --team FILE --arrivals FILE, or --from-history DAYS".into());
            };
            let team = team_from_file(team_path, &zone)?;
            let arrivals = arrivals_from_file(arrivals_path, args.seed, &team.time_zone)?;
            let n = arrivals.len();
            (
                arrivals,
                team,
                team_path.display().to_string(),
                None,
                format!("{} leads from {}", thousands(n as u64), arrivals_path.display()),
            )
        }
    };
    let base = Scenario { playbook, team, team_label, arrivals: Arc::new(arrivals), seed: args.seed, office_hours };
    let second = match &args.compare {
        None => None,
        Some(spec) => Some(match variant(spec, db, &base.team.time_zone).await? {
            Variant::Playbook(p) => Scenario { playbook: p, ..base.clone() },
            Variant::Team(team, label) => Scenario { team, team_label: label, ..base.clone() },
        }),
    };
    let a = run(&base).await?;
    let b = match &second {
        Some(s) => Some(run(s).await?),
        None => None,
    };
    eprintln!(
        "simulate  {} days in {:.1} s{}",
        a.days,
        a.seconds,
        b.as_ref().map(|b| format!(" and {:.1} s", b.seconds)).unwrap_or_default()
    );
    let mut runs = vec![(&base, &a)];
    if let (Some(s), Some(b)) = (&second, &b) {
        runs.push((s, b));
    }
    Ok(render(&runs, &source))
}

// ---------------------------------------------------------------------------------------------
// The printout

fn local(t: Timestamp, zone: &TimeZone) -> String {
    t.to_zoned(zone.clone()).strftime("%a %Y-%m-%d %H:%M").to_string()
}

fn percent(met: u64, breached: u64) -> String {
    let n = met + breached;
    if n == 0 { "—".into() } else { format!("{:.1} % ({} of {})", met as f64 * 100.0 / n as f64, thousands(met), thousands(n)) }
}

/// The figures of one run, or of two side by side.
pub fn render(runs: &[(&Scenario, &Run)], source: &str) -> String {
    let (s0, r0) = runs[0];
    let mut out = String::new();
    out.push_str(&format!("pronto simulate: {source}, seed {}\n", s0.seed));
    out.push_str(&format!(
        "period: {} – {} ({}), {} days\n\n",
        local(r0.first, &r0.zone),
        local(r0.last, &r0.zone),
        r0.zone.iana_name().unwrap_or("UTC"),
        r0.days
    ));
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    if runs.len() > 1 {
        rows.push(("".into(), vec!["A".into(), "B".into()]));
    }
    rows.push(("playbook".into(), runs.iter().map(|(s, _)| s.playbook.label.clone()).collect()));
    rows.push(("team".into(), runs.iter().map(|(s, _)| format!("{} ({} people)", s.team_label, s.team.people.len())).collect()));
    let slas: BTreeSet<&String> = runs.iter().flat_map(|(_, r)| r.figures.sla.iter().map(|f| &f.sla)).collect();
    for sla in slas {
        let title = runs.iter().find_map(|(_, r)| r.sla_titles.get(sla)).cloned().unwrap_or_else(|| sla.clone());
        rows.push((
            format!("SLA met: {title}"),
            runs.iter()
                .map(|(_, r)| {
                    r.figures.sla.iter().find(|f| &f.sla == sla).map(|f| percent(f.met, f.breached)).unwrap_or_else(|| "—".into())
                })
                .collect(),
        ));
    }
    rows.push((
        "answered".into(),
        runs.iter().map(|(_, r)| format!("{} of {}", thousands(r.figures.answered), thousands(r.figures.leads))).collect(),
    ));
    for (label, pick) in [
        ("response p50", 0usize),
        ("response p90", 1),
        ("response p99", 2),
        ("working time p50", 3),
        ("working time p90", 4),
        ("working time p99", 5),
    ] {
        rows.push((
            label.into(),
            runs.iter()
                .map(|(_, r)| {
                    let (w, b) = (r.figures.wall, r.figures.business);
                    staffing::rank_text([w.p50, w.p90, w.p99, b.p50, b.p90, b.p99][pick])
                })
                .collect(),
        ));
    }
    let mut people: Vec<(String, String)> = Vec::new();
    for (_, r) in runs {
        for l in &r.figures.load {
            if !people.iter().any(|(n, _)| *n == l.name) {
                people.push((l.name.clone(), l.role.clone()));
            }
        }
    }
    for (name, role) in &people {
        rows.push((
            format!("{name} ({role}): tasks a working day"),
            runs.iter()
                .map(|(_, r)| match r.figures.load.iter().find(|l| &l.name == name) {
                    Some(l) => format!("{:.1} ({} tasks, {} leads)", l.per_day(), thousands(l.tasks), thousands(l.leads)),
                    None => "—".into(),
                })
                .collect(),
        ));
    }
    let width = rows.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0);
    let col = rows.iter().filter_map(|(_, v)| v.first()).map(|v| v.chars().count()).max().unwrap_or(0);
    for (label, values) in &rows {
        let mut line = format!("{label:<width$}");
        for (k, v) in values.iter().enumerate() {
            if k + 1 < values.len() {
                line.push_str(&format!("  {v:<col$}"));
            } else {
                line.push_str(&format!("  {v}"));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let refused: Vec<String> = runs.iter().filter(|(_, r)| r.refused > 0).map(|(_, r)| thousands(r.refused)).collect();
    if !refused.is_empty() {
        out.push_str(&format!("\n(work the playbook refused as it was done: {})\n", refused.join(" / ")));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The admin page's simulator (`pronto_web::simulator`, injected by `serve`)

/// The simulator the admin page runs: the company's own history on the server's database
/// (read only), its default playbook as stored.
pub struct WebSimulator {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
}

impl WebSimulator {
    async fn company(&self, days: u32) -> Result<(History, PlaybookChoice), AnyError> {
        let db = self.store.as_ref();
        let name = db.playbooks().default_name();
        let playbook = playbook_choice(&name, Some(db)).await?;
        let h = history(db, days, self.clock.now(), &db.office_zone(), &playbook.name).await?;
        Ok((h, playbook))
    }
}

use pronto_web::simulator::SimError;

impl pronto_web::simulator::Simulator for WebSimulator {
    fn company_team(&self, days: u32) -> pronto_web::simulator::SimFuture<'_, Team> {
        Box::pin(async move { self.company(days).await.map(|(h, _)| h.team).map_err(|e| SimError::Failed(e.to_string())) })
    }

    fn compare(&self, days: u32, teams: [Team; 2], seed: u64) -> pronto_web::simulator::SimFuture<'_, [pronto_web::simulator::SimRun; 2]> {
        Box::pin(async move {
            let (h, playbook) = self.company(days).await.map_err(|e| SimError::Failed(e.to_string()))?;
            if h.arrivals.is_empty() {
                return Err(SimError::NoHistory);
            }
            let arrivals = Arc::new(h.arrivals);
            let [a, b] = teams;
            let mut out = Vec::with_capacity(2);
            for team in [a, b] {
                let s = Scenario {
                    playbook: playbook.clone(),
                    team,
                    team_label: String::new(),
                    arrivals: arrivals.clone(),
                    seed,
                    office_hours: h.office_hours.clone(),
                };
                let r = run(&s).await.map_err(|e| SimError::Failed(e.to_string()))?;
                out.push(pronto_web::simulator::SimRun { figures: r.figures, first: r.first, last: r.last });
            }
            let [a, b]: [pronto_web::simulator::SimRun; 2] = out.try_into().map_err(|_| SimError::Failed("two runs".into()))?;
            Ok([a, b])
        })
    }
}
