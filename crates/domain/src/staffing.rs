//! The staffing simulator's models (issue 23), free of I/O: the team as `team.toml` describes
//! it ([`Team`]: people with a role, working hours, weekly meetings, how fast and how often
//! they answer), the arrivals ([`Arrival`]s from a CSV, or [`Rates`] per hour and weekday), the
//! seeded randomness that makes the same inputs give the same run ([`mix`], [`unit`],
//! [`normal`]), and the figures a run ends with ([`Figures`]: SLA compliance, response-time
//! percentiles, tasks per person per day). `pronto simulate` (crates/pronto/src/simulate.rs)
//! drives the real store and playbook engine with these on a manual clock.
//!
//! Every problem in a file is reported with its line (when known) and the field it is in.

use crate::calendar::Calendar;
use crate::lead::Channel;
use crate::user::Role;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

// ---------------------------------------------------------------------------------------------
// Problems

/// One problem in an input file: the line it is on (1-based, when known), the field, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub line: Option<usize>,
    pub field: String,
    pub message: String,
}

impl FileProblem {
    fn at(source: &str, offset: Option<usize>, field: impl Into<String>, message: impl Into<String>) -> FileProblem {
        FileProblem { line: offset.map(|o| line_of(source, o)), field: field.into(), message: message.into() }
    }

    /// `FILE:LINE: field: message` (the form editors and CI logs understand).
    pub fn render(&self, file: &str) -> String {
        let at = match self.line {
            Some(l) => format!("{file}:{l}"),
            None => file.to_owned(),
        };
        if self.field.is_empty() { format!("{at}: {}", self.message) } else { format!("{at}: {}: {}", self.field, self.message) }
    }
}

/// Every problem, one per line.
pub fn render_problems(problems: &[FileProblem], file: &str) -> String {
    problems.iter().map(|p| p.render(file)).collect::<Vec<_>>().join("\n")
}

fn line_of(source: &str, offset: usize) -> usize {
    let at = source.floor_char_boundary(offset.min(source.len()));
    source[..at].matches('\n').count() + 1
}

fn toml_problem(source: &str, e: &toml::de::Error) -> FileProblem {
    FileProblem::at(source, e.span().map(|s| s.start), "", format!("TOML: {}", e.message().trim()))
}

// ---------------------------------------------------------------------------------------------
// Randomness: a seeded hash, so that each decision depends on what it is about (the lead, the
// task, the attempt) and the seed, not on the order things happen in — two teams compared on
// the same seed see the same customers and the same draws for the same work.

/// A deterministic pseudo-random number for (`seed`, `a`, `b`): splitmix64 over the three.
pub fn mix(seed: u64, a: u64, b: u64) -> u64 {
    let mut z = seed
        .wrapping_mul(0xA076_1D64_78BD_642F)
        .wrapping_add(a.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(b.wrapping_mul(0xD1B5_4A32_D192_ED03))
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A uniform number in [0, 1) from a hash.
pub fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// A standard normal number (Box–Muller) from two hashes.
pub fn normal(h1: u64, h2: u64) -> f64 {
    let (u, v) = (unit(h1).max(1e-12), unit(h2));
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// A stable number for a text (FNV-1a), to key draws by a task's name.
pub fn text_key(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3))
}

// ---------------------------------------------------------------------------------------------
// Weekly spans

pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// `mon`, `mon-fri`, `sat,sun`, `mon-wed, fri`: which weekdays (Monday first).
pub fn parse_days(spec: &str) -> Result<[bool; 7], String> {
    let day = |s: &str| DAYS.iter().position(|d| *d == s.trim().to_ascii_lowercase());
    let mut out = [false; 7];
    for part in spec.split(',') {
        let part = part.trim();
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        match (day(a), day(b)) {
            (Some(a), Some(b)) if a <= b => (a..=b).for_each(|i| out[i] = true),
            (Some(_), Some(_)) => return Err(format!("`{part}` runs backwards: write the days Monday first, like mon-fri")),
            _ => return Err(format!("`{part}` is not a day or days like mon, mon-fri or sat,sun")),
        }
    }
    Ok(out)
}

fn parse_time(s: &str) -> Option<Time> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (i8, i8) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    if h == 24 && m == 0 {
        return Some(Time::MAX);
    }
    Time::new(h, m, 0, 0).ok()
}

/// `09:00-12:00` (`24:00` is midnight at the end of the day).
pub fn parse_span(spec: &str) -> Result<(Time, Time), String> {
    let (a, b) = spec.split_once('-').ok_or_else(|| format!("`{}` is not a span like 09:00-12:00", spec.trim()))?;
    let from = parse_time(a).filter(|t| *t != Time::MAX).ok_or_else(|| format!("`{}` is not a time like 09:00", a.trim()))?;
    let to = parse_time(b).ok_or_else(|| format!("`{}` is not a time like 12:00", b.trim()))?;
    if to <= from {
        return Err(format!("`{}` ends before it starts", spec.trim()));
    }
    Ok((from, to))
}

/// A weekly time range: these weekdays, from–to (local time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weekly {
    pub days: [bool; 7],
    pub from: Time,
    pub to: Time,
}

impl Weekly {
    /// `mon-fri 09:00-12:00`.
    pub fn parse(spec: &str) -> Result<Weekly, String> {
        let spec = spec.trim();
        let (days, span) = spec
            .rsplit_once(' ')
            .ok_or_else(|| format!("`{spec}` is not a weekly time like `mon-fri 09:00-12:00` or `wed 14:00-15:30`"))?;
        let days = parse_days(days)?;
        let (from, to) = parse_span(span)?;
        Ok(Weekly { days, from, to })
    }

    pub fn contains(&self, local: DateTime) -> bool {
        let day = local.date().weekday().to_monday_zero_offset() as usize;
        let t = local.time();
        self.days[day] && t >= self.from && (t < self.to || self.to == Time::MAX)
    }
}

// ---------------------------------------------------------------------------------------------
// The team

/// How long a person takes to answer a task they see.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Delay {
    Fixed(SignedDuration),
    /// Log-normal around `median` (half answer faster, half slower); `spread` is the
    /// distribution's sigma (0.8 by default: a tenth of the answers take over 2.8× the median).
    LogNormal {
        median: SignedDuration,
        spread: f64,
    },
}

/// The longest a drawn delay can be: a task not done in a working day is a different problem.
const MAX_DELAY: SignedDuration = SignedDuration::from_hours(8);

impl Delay {
    /// The delay for the draw `h` (a hash: [`mix`]).
    pub fn draw(&self, h: u64) -> SignedDuration {
        match *self {
            Delay::Fixed(d) => d,
            Delay::LogNormal { median, spread } => {
                let secs = median.as_secs_f64() * (spread * normal(h, h.rotate_left(17) ^ 0x5555)).exp();
                SignedDuration::from_secs(secs.round() as i64).clamp(SignedDuration::ZERO, MAX_DELAY)
            }
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Delay::Fixed(d) => format!("always {}", duration_text(d.as_secs())),
            Delay::LogNormal { median, .. } => format!("median {}", duration_text(median.as_secs())),
        }
    }
}

/// `2m`, `90s`, `1h`, `1.5m`: a duration of minutes to hours.
pub fn parse_delay(text: &str) -> Result<SignedDuration, String> {
    let t = text.trim();
    let bad = || format!("`{t}` is not a delay like 90s, 2m or 1h");
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).ok_or_else(bad)?;
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().map_err(|_| bad())?;
    let secs = match unit.trim() {
        "s" => n,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        _ => return Err(bad()),
    };
    if !(0.0..=MAX_DELAY.as_secs_f64()).contains(&secs) {
        return Err(format!("`{t}` is longer than 8 hours"));
    }
    Ok(SignedDuration::from_secs(secs.round() as i64))
}

/// Where a person is at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Outside their working hours.
    Off,
    Meeting,
    Working,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub login: String,
    pub name: String,
    pub role: Role,
    /// Their own working hours as the store keeps them (`("mon", "09:00-17:00")`), and the
    /// calendar of those; `None`: the office's (the playbook's calendar).
    pub hours: Option<(Vec<(&'static str, String)>, Calendar)>,
    pub meetings: Vec<Weekly>,
    pub delay: Delay,
    /// How often they answer a task at all (1: always; the rest waits for the playbook's
    /// escalation to hand it to somebody else).
    pub answers: f64,
}

impl Person {
    /// Where they are at `t`: their hours (else the office's `office` calendar), then meetings.
    pub fn state(&self, t: Timestamp, office: &Calendar) -> State {
        let cal = self.hours.as_ref().map(|(_, c)| c).unwrap_or(office);
        if !cal.is_working(t) {
            return State::Off;
        }
        let local = t.to_zoned(cal.time_zone().clone()).datetime();
        if self.meetings.iter().any(|m| m.contains(local)) { State::Meeting } else { State::Working }
    }

    /// The days from `from` to `to` (inclusive) on which they have working time.
    pub fn working_days(&self, from: Date, to: Date, office: &Calendar) -> u64 {
        let cal = self.hours.as_ref().map(|(_, c)| c).unwrap_or(office);
        let mut n = 0;
        let mut d = from;
        while d <= to {
            let start = instant(cal.time_zone(), d.to_datetime(Time::MIN));
            let end = d.tomorrow().ok().and_then(|t| instant(cal.time_zone(), t.to_datetime(Time::MIN)));
            if let (Some(a), Some(b)) = (start, end)
                && cal.between(a, b) > SignedDuration::ZERO
            {
                n += 1;
            }
            match d.tomorrow() {
                Ok(t) => d = t,
                Err(_) => break,
            }
        }
        n
    }

    /// Their own hours as the store keeps a user's (`{"time_zone", "hours": {...}}`), so the
    /// engine's assignment and escalations see when they work; `None` when they keep the office's.
    pub fn hours_json(&self) -> Option<String> {
        let (days, cal) = self.hours.as_ref()?;
        let hours: serde_json::Map<String, serde_json::Value> = days.iter().map(|(d, s)| ((*d).to_owned(), s.clone().into())).collect();
        Some(serde_json::json!({ "time_zone": cal.time_zone().iana_name().unwrap_or("UTC"), "hours": hours }).to_string())
    }
}

#[derive(Debug, Clone)]
pub struct Team {
    pub time_zone: TimeZone,
    /// How often a call reaches the customer (the rest: no answer, the playbook's retries).
    pub customer_answers: f64,
    pub people: Vec<Person>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamFile {
    time_zone: Option<Spanned<String>>,
    customer_answers: Option<Spanned<f64>>,
    #[serde(default)]
    people: Vec<Spanned<PersonFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonFile {
    login: Spanned<String>,
    name: Option<Spanned<String>>,
    role: Spanned<String>,
    hours: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
    #[serde(default)]
    meetings: Vec<Spanned<String>>,
    delay: Option<Spanned<DelayFile>>,
    answers: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum DelayFile {
    Fixed(String),
    LogNormal { median: String, spread: Option<f64> },
}

fn probability(source: &str, v: &Option<Spanned<f64>>, field: String, problems: &mut Vec<FileProblem>) -> f64 {
    match v {
        None => 1.0,
        Some(p) if (0.0..=1.0).contains(p.get_ref()) => *p.get_ref(),
        Some(p) => {
            problems.push(FileProblem::at(
                source,
                Some(p.span().start),
                field,
                format!("{} is not a probability from 0 to 1", p.get_ref()),
            ));
            1.0
        }
    }
}

/// Reads `team.toml`. Times are local to its `time_zone`, else to `default_zone` (the
/// company's). Every problem is reported, each with its line and field.
pub fn parse_team(source: &str, default_zone: &TimeZone) -> Result<Team, Vec<FileProblem>> {
    let file: TeamFile = toml::from_str(source).map_err(|e| vec![toml_problem(source, &e)])?;
    let mut problems = Vec::new();
    let tz = match &file.time_zone {
        None => default_zone.clone(),
        Some(z) => TimeZone::get(z.get_ref().trim()).unwrap_or_else(|_| {
            problems.push(FileProblem::at(
                source,
                Some(z.span().start),
                "time_zone",
                format!("`{}` is not a time zone such as Europe/Prague", z.get_ref()),
            ));
            default_zone.clone()
        }),
    };
    let customer_answers = probability(source, &file.customer_answers, "customer_answers".into(), &mut problems);
    if file.people.is_empty() {
        problems.push(FileProblem::at(source, None, "people", "the team has nobody: add a [[people]] table for each person"));
    }
    let mut people = Vec::new();
    let mut logins = std::collections::BTreeSet::new();
    for (i, p) in file.people.iter().enumerate() {
        let p = p.get_ref();
        let field = |f: &str| format!("people[{}].{f}", i + 1);
        let login = p.login.get_ref().trim().to_ascii_lowercase();
        if login.is_empty() || !login.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) {
            problems.push(FileProblem::at(
                source,
                Some(p.login.span().start),
                field("login"),
                format!("`{}` is not a login (letters, digits, dot, dash, underscore)", p.login.get_ref()),
            ));
        } else if !logins.insert(login.clone()) {
            problems.push(FileProblem::at(source, Some(p.login.span().start), field("login"), format!("`{login}` is in the team twice")));
        }
        let role = match Role::parse(p.role.get_ref()) {
            Ok(r) if r != Role::Admin => Some(r),
            Ok(_) => {
                problems.push(FileProblem::at(
                    source,
                    Some(p.role.span().start),
                    field("role"),
                    "admin takes no leads: give a working role",
                ));
                None
            }
            Err(e) => {
                problems.push(FileProblem::at(source, Some(p.role.span().start), field("role"), e.0));
                None
            }
        };
        let hours = match &p.hours {
            None => None,
            Some(h) => {
                let mut week: [Option<(String, String)>; 7] = Default::default();
                let before = problems.len();
                for (days, spec) in h.get_ref() {
                    match parse_days(days) {
                        Ok(d) => {
                            for (k, on) in d.iter().enumerate() {
                                if !on {
                                    continue;
                                }
                                if let Some((other, _)) = &week[k] {
                                    problems.push(FileProblem::at(
                                        source,
                                        Some(spec.span().start),
                                        field(&format!("hours.{days}")),
                                        format!("{} is given twice (also in `{other}`)", DAYS[k]),
                                    ));
                                }
                                week[k] = Some((days.clone(), spec.get_ref().clone()));
                            }
                        }
                        Err(e) => problems.push(FileProblem::at(source, Some(spec.span().start), field(&format!("hours.{days}")), e)),
                    }
                }
                let list: Vec<(&'static str, String)> =
                    week.iter().enumerate().filter_map(|(k, d)| d.as_ref().map(|(_, s)| (DAYS[k], s.clone()))).collect();
                let refs: Vec<(&str, &str)> = list.iter().map(|(d, s)| (*d, s.as_str())).collect();
                match Calendar::parse(tz.iana_name().unwrap_or("UTC"), &refs, &[]) {
                    Ok(cal) if problems.len() == before => Some((list, cal)),
                    Ok(_) => None,
                    Err(errors) => {
                        for e in errors.0 {
                            let day = e.field.strip_prefix("hours.").unwrap_or("");
                            let key = week
                                .iter()
                                .enumerate()
                                .find(|(k, _)| DAYS[*k] == day)
                                .and_then(|(_, w)| w.as_ref().map(|(k, _)| k.clone()))
                                .unwrap_or_default();
                            let span = h.get_ref().get(&key).map(|s| s.span().start).unwrap_or(h.span().start);
                            let f = if key.is_empty() { field("hours") } else { field(&format!("hours.{key}")) };
                            problems.push(FileProblem::at(source, Some(span), f, e.message));
                        }
                        None
                    }
                }
            }
        };
        let mut meetings = Vec::new();
        for (k, m) in p.meetings.iter().enumerate() {
            match Weekly::parse(m.get_ref()) {
                Ok(w) => meetings.push(w),
                Err(e) => problems.push(FileProblem::at(source, Some(m.span().start), field(&format!("meetings[{}]", k + 1)), e)),
            }
        }
        let delay = match &p.delay {
            None => Delay::Fixed(SignedDuration::from_mins(2)),
            Some(d) => {
                let start = Some(d.span().start);
                match d.get_ref() {
                    DelayFile::Fixed(t) => parse_delay(t).map(Delay::Fixed),
                    DelayFile::LogNormal { median, spread } => match spread {
                        Some(s) if !(0.0..=3.0).contains(s) => Err(format!("spread {s} is not from 0 to 3")),
                        _ => parse_delay(median).map(|m| Delay::LogNormal { median: m, spread: spread.unwrap_or(0.8) }),
                    },
                }
                .unwrap_or_else(|e| {
                    problems.push(FileProblem::at(source, start, field("delay"), e));
                    Delay::Fixed(SignedDuration::ZERO)
                })
            }
        };
        let answers = probability(source, &p.answers, field("answers"), &mut problems);
        let name = p.name.as_ref().map(|n| n.get_ref().trim().to_owned()).filter(|n| !n.is_empty()).unwrap_or_else(|| login.clone());
        if let Some(role) = role {
            people.push(Person { login, name, role, hours, meetings, delay, answers });
        }
    }
    if problems.is_empty() { Ok(Team { time_zone: tz, customer_answers, people }) } else { Err(problems) }
}

// ---------------------------------------------------------------------------------------------
// Arrivals

/// One inquiry arriving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    pub at: Timestamp,
    pub channel: Channel,
    /// Whether the customer left a phone number (the playbook calls, or writes when not);
    /// `None`: as the demo's customers do (most leave one).
    pub phone: Option<bool>,
}

/// A local time in `tz` as an instant (a skipped time: the moment the clocks jumped to).
fn instant(tz: &TimeZone, dt: DateTime) -> Option<Timestamp> {
    tz.to_ambiguous_zoned(dt).compatible().ok().map(|z| z.timestamp())
}

/// `2026-03-02 09:15`, `2026-03-02T09:15:30` (local in `tz`) or an instant with an offset.
fn parse_local(text: &str, tz: &TimeZone) -> Option<Timestamp> {
    let t = text.trim();
    if let Ok(ts) = t.parse::<Timestamp>() {
        return Some(ts);
    }
    let dt: DateTime = t.replacen(' ', "T", 1).parse().ok()?;
    instant(tz, dt)
}

/// Reads `at,channel` lines (a header first) with local times in `tz`; sorted by time.
pub fn parse_arrivals_csv(source: &str, tz: &TimeZone) -> Result<Vec<Arrival>, Vec<FileProblem>> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(true).from_reader(source.as_bytes());
    let header = reader.headers().map_err(|e| vec![FileProblem { line: Some(1), field: String::new(), message: e.to_string() }])?.clone();
    let col = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(at_col), channel_col) = (col("at"), col("channel")) else {
        return Err(vec![FileProblem {
            line: Some(1),
            field: String::new(),
            message: format!("the first line must name the columns `at,channel`, not `{}`", header.iter().collect::<Vec<_>>().join(",")),
        }]);
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                problems.push(FileProblem { line, field: String::new(), message: e.to_string() });
                continue;
            }
        };
        let line = record.position().map(|p| p.line() as usize);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let at_text = record.get(at_col).unwrap_or("");
        let at = parse_local(at_text, tz);
        if at.is_none() {
            problems.push(FileProblem {
                line,
                field: "at".into(),
                message: format!("`{at_text}` is not a local time like 2026-03-02 09:15"),
            });
        }
        let channel = match channel_col.and_then(|c| record.get(c)).filter(|c| !c.is_empty()) {
            None => Some(Channel::Web),
            Some(c) => match Channel::parse(c) {
                Ok(ch) => Some(ch),
                Err(e) => {
                    problems.push(FileProblem { line, field: "channel".into(), message: e.0 });
                    None
                }
            },
        };
        if let (Some(at), Some(channel)) = (at, channel) {
            out.push(Arrival { at, channel, phone: None });
        }
    }
    if out.is_empty() && problems.is_empty() {
        problems.push(FileProblem { line: None, field: String::new(), message: "no arrivals: add a line `2026-03-02 09:15,web`".into() });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    out.sort_by_key(|a| a.at);
    Ok(out)
}

/// Arrivals as rates: leads per hour by weekday and time of day, over `days` from `start`.
#[derive(Debug, Clone, PartialEq)]
pub struct Rates {
    pub start: Date,
    pub days: u32,
    /// Leads per hour, for each weekday (Monday first) and minute of the day.
    pub per_minute: Vec<[f64; 1440]>,
    /// Channels with their weights.
    pub channels: Vec<(Channel, f64)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RatesFile {
    start: Spanned<String>,
    days: Spanned<i64>,
    #[serde(default)]
    channels: BTreeMap<String, Spanned<f64>>,
    per_hour: Spanned<BTreeMap<String, Spanned<BTreeMap<String, Spanned<f64>>>>>,
}

/// Reads an arrivals rate file:
///
/// ```toml
/// start = "2026-03-02"
/// days = 90
/// channels = { web = 50, email = 25, phone = 25 }
/// [per_hour]
/// mon-fri = { "09:00-17:00" = 10, "17:00-20:00" = 2 }
/// ```
pub fn parse_rates(source: &str) -> Result<Rates, Vec<FileProblem>> {
    let file: RatesFile = toml::from_str(source).map_err(|e| vec![toml_problem(source, &e)])?;
    let mut problems = Vec::new();
    let start = file.start.get_ref().trim().parse::<Date>().unwrap_or_else(|_| {
        problems.push(FileProblem::at(
            source,
            Some(file.start.span().start),
            "start",
            format!("`{}` is not a date like 2026-03-02", file.start.get_ref()),
        ));
        Date::constant(2026, 1, 1)
    });
    let days = *file.days.get_ref();
    if !(1..=3660).contains(&days) {
        problems.push(FileProblem::at(
            source,
            Some(file.days.span().start),
            "days",
            format!("{days} is not a number of days from 1 to 3660"),
        ));
    }
    let mut channels = Vec::new();
    for (name, w) in &file.channels {
        match Channel::parse(name) {
            Ok(c) if *w.get_ref() >= 0.0 => channels.push((c, *w.get_ref())),
            Ok(_) => problems.push(FileProblem::at(source, Some(w.span().start), format!("channels.{name}"), "a weight is not negative")),
            Err(e) => problems.push(FileProblem::at(source, Some(w.span().start), format!("channels.{name}"), e.0)),
        }
    }
    if channels.is_empty() {
        channels.push((Channel::Web, 1.0));
    } else if channels.iter().all(|(_, w)| *w == 0.0) {
        problems.push(FileProblem::at(source, None, "channels", "every weight is zero"));
    }
    let mut per_minute = vec![[0.0f64; 1440]; 7];
    for (days_spec, spans) in file.per_hour.get_ref() {
        let days = match parse_days(days_spec) {
            Ok(d) => d,
            Err(e) => {
                problems.push(FileProblem::at(source, Some(spans.span().start), format!("per_hour.{days_spec}"), e));
                continue;
            }
        };
        for (span, rate) in spans.get_ref() {
            let field = format!("per_hour.{days_spec}.\"{span}\"");
            let (from, to) = match parse_span(span) {
                Ok(s) => s,
                Err(e) => {
                    problems.push(FileProblem::at(source, Some(rate.span().start), field, e));
                    continue;
                }
            };
            let r = *rate.get_ref();
            if !(0.0..=10_000.0).contains(&r) {
                problems.push(FileProblem::at(
                    source,
                    Some(rate.span().start),
                    field,
                    format!("{r} is not a rate of leads per hour from 0 to 10000"),
                ));
                continue;
            }
            let (a, b) = (minute_of(from), if to == Time::MAX { 1440 } else { minute_of(to) });
            for (d, on) in days.iter().enumerate() {
                if *on {
                    per_minute[d][a..b].iter_mut().for_each(|m| *m = r);
                }
            }
        }
    }
    if per_minute.iter().all(|d| d.iter().all(|r| *r == 0.0)) && problems.is_empty() {
        problems.push(FileProblem::at(source, Some(file.per_hour.span().start), "per_hour", "no leads arrive: give a rate for some hours"));
    }
    if problems.is_empty() { Ok(Rates { start, days: days as u32, per_minute, channels }) } else { Err(problems) }
}

fn minute_of(t: Time) -> usize {
    t.hour() as usize * 60 + t.minute() as usize
}

impl Rates {
    /// The arrivals the rates give for `seed`: in each minute a Poisson number of leads (the
    /// minute's rate), each at a random second of it, with a channel by the weights.
    pub fn arrivals(&self, seed: u64, tz: &TimeZone) -> Vec<Arrival> {
        let total: f64 = self.channels.iter().map(|(_, w)| w).sum();
        let mut out = Vec::new();
        let mut date = self.start;
        let mut n = 0u64;
        for d in 0..self.days {
            let wd = date.weekday().to_monday_zero_offset() as usize;
            for minute in 0..1440 {
                let lambda = self.per_minute[wd][minute] / 60.0;
                if lambda <= 0.0 {
                    continue;
                }
                let key = u64::from(d) * 1440 + minute as u64;
                // Poisson by inversion: the count whose cumulative probability passes u.
                let u = unit(mix(seed, key, 1));
                let (mut k, mut p) = (0u64, (-lambda).exp());
                let mut cum = p;
                while u > cum && k < 1000 {
                    k += 1;
                    p *= lambda / k as f64;
                    cum += p;
                }
                let Some(base) =
                    instant(tz, date.to_datetime(Time::new((minute / 60) as i8, (minute % 60) as i8, 0, 0).unwrap_or(Time::MIN)))
                else {
                    continue;
                };
                let mut seconds: Vec<i64> = (0..k).map(|j| (mix(seed, key, 100 + j) % 60) as i64).collect();
                seconds.sort_unstable();
                for s in seconds {
                    n += 1;
                    let mut r = unit(mix(seed, n, 2)) * total;
                    let mut channel = self.channels[0].0;
                    for (c, w) in &self.channels {
                        if r < *w {
                            channel = *c;
                            break;
                        }
                        r -= w;
                    }
                    out.push(Arrival { at: base + SignedDuration::from_secs(s), channel, phone: None });
                }
            }
            date = match date.tomorrow() {
                Ok(t) => t,
                Err(_) => break,
            };
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Figures

/// One lead at the end of a run, as the reports see it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LeadOutcome {
    /// Received → first response, seconds (wall clock and working time); `None`: never answered.
    pub response: Option<i64>,
    pub business_response: Option<i64>,
    /// Each SLA the lead ran: met or breached (none yet: still running at the end).
    pub sla: Vec<(String, bool)>,
}

/// Response-time percentiles over every lead; `None` at a rank means that many leads were
/// never answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Percentiles {
    pub p50: Option<i64>,
    pub p90: Option<i64>,
    pub p99: Option<i64>,
}

/// The `q`-th percentile (0 < q ≤ 1) by nearest rank over `values` sorted ascending with the
/// unanswered (`None`) last.
pub fn percentile(sorted: &[Option<i64>], q: f64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

pub fn percentiles(values: &[Option<i64>]) -> Percentiles {
    let mut v = values.to_vec();
    v.sort_by_key(|x| (x.is_none(), x.unwrap_or(0)));
    Percentiles { p50: percentile(&v, 0.5), p90: percentile(&v, 0.9), p99: percentile(&v, 0.99) }
}

/// One SLA's outcome over the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaFigure {
    pub sla: String,
    pub met: u64,
    pub breached: u64,
}

impl SlaFigure {
    /// Met of those decided, in percent.
    pub fn percent(&self) -> f64 {
        let n = self.met + self.breached;
        if n == 0 { 100.0 } else { self.met as f64 * 100.0 / n as f64 }
    }
}

/// A person's load: the tasks they did over the days they worked.
#[derive(Debug, Clone, PartialEq)]
pub struct Load {
    pub name: String,
    pub role: String,
    pub tasks: u64,
    pub working_days: u64,
    /// Leads they own at the end.
    pub leads: u64,
}

impl Load {
    pub fn per_day(&self) -> f64 {
        if self.working_days == 0 { 0.0 } else { self.tasks as f64 / self.working_days as f64 }
    }
}

/// What a run prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub leads: u64,
    pub answered: u64,
    pub sla: Vec<SlaFigure>,
    pub wall: Percentiles,
    pub business: Percentiles,
    /// How many leads were answered within each of [`BUCKETS`] (wall clock), then never.
    pub distribution: [u64; 8],
    pub load: Vec<Load>,
}

/// The figures of a run from its leads' outcomes and the people's loads.
pub fn figures(outcomes: &[LeadOutcome], load: Vec<Load>) -> Figures {
    let mut sla: BTreeMap<String, SlaFigure> = BTreeMap::new();
    for o in outcomes {
        for (name, met) in &o.sla {
            let f = sla.entry(name.clone()).or_insert_with(|| SlaFigure { sla: name.clone(), met: 0, breached: 0 });
            if *met {
                f.met += 1;
            } else {
                f.breached += 1;
            }
        }
    }
    let wall: Vec<Option<i64>> = outcomes.iter().map(|o| o.response).collect();
    let business: Vec<Option<i64>> = outcomes.iter().map(|o| o.business_response).collect();
    Figures {
        leads: outcomes.len() as u64,
        answered: outcomes.iter().filter(|o| o.response.is_some()).count() as u64,
        sla: sla.into_values().collect(),
        wall: percentiles(&wall),
        business: percentiles(&business),
        distribution: distribution(&wall),
        load,
    }
}

/// The buckets of a response-time distribution (the admin page's chart): up to 5, 10, 30
/// minutes, 1, 4, 24 hours, longer — and never answered, last.
pub const BUCKETS: [(i64, &str); 7] =
    [(300, "5m"), (600, "10m"), (1800, "30m"), (3600, "1h"), (14_400, "4h"), (86_400, "24h"), (i64::MAX, "more")];

/// How many of `values` fall in each of [`BUCKETS`], and then how many were never answered.
pub fn distribution(values: &[Option<i64>]) -> [u64; 8] {
    let mut out = [0u64; 8];
    for v in values {
        let i = match v {
            Some(s) => BUCKETS.iter().position(|(max, _)| *s <= *max).unwrap_or(6),
            None => 7,
        };
        out[i] += 1;
    }
    out
}

/// `45 s`, `2 min`, `1 h 05 min`, `2 d 3 h`.
pub fn duration_text(secs: i64) -> String {
    let s = secs.max(0);
    match s {
        0..60 => format!("{s} s"),
        60..3600 if s % 60 == 0 => format!("{} min", s / 60),
        60..3600 => format!("{} min {:02} s", s / 60, s % 60),
        3600..86_400 => format!("{} h {:02} min", s / 3600, s % 3600 / 60),
        _ => format!("{} d {} h", s / 86_400, s % 86_400 / 3600),
    }
}

/// A percentile as text: a duration, or "not answered".
pub fn rank_text(v: Option<i64>) -> String {
    v.map(duration_text).unwrap_or_else(|| "not answered".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prague() -> TimeZone {
        TimeZone::get("Europe/Prague").unwrap()
    }

    #[test]
    fn days_and_spans() {
        let cases: &[(&str, Result<[bool; 7], &str>)] = &[
            ("mon", Ok([true, false, false, false, false, false, false])),
            ("mon-fri", Ok([true, true, true, true, true, false, false])),
            ("sat,sun", Ok([false, false, false, false, false, true, true])),
            ("Mon-Wed, fri", Ok([true, true, true, false, true, false, false])),
            ("fri-mon", Err("`fri-mon` runs backwards")),
            ("monday", Err("`monday` is not a day")),
        ];
        for (spec, want) in cases {
            match (parse_days(spec), want) {
                (Ok(got), Ok(w)) => assert_eq!(got, *w, "{spec}"),
                (Err(e), Err(w)) => assert!(e.starts_with(w), "{spec}: {e}"),
                (got, _) => panic!("{spec}: {got:?}"),
            }
        }
        assert_eq!(parse_span("09:00-12:00"), Ok((Time::constant(9, 0, 0, 0), Time::constant(12, 0, 0, 0))));
        assert_eq!(parse_span("22:00-24:00").map(|s| s.1), Ok(Time::MAX));
        assert!(parse_span("12:00-09:00").unwrap_err().contains("ends before it starts"));
        assert!(parse_span("9-12").unwrap_err().contains("not a time"));
    }

    #[test]
    fn delays() {
        let cases: &[(&str, Result<i64, &str>)] =
            &[("2m", Ok(120)), ("90s", Ok(90)), ("1.5m", Ok(90)), ("1h", Ok(3600)), ("9h", Err("longer")), ("soon", Err("not a delay"))];
        for (text, want) in cases {
            match (parse_delay(text), want) {
                (Ok(d), Ok(w)) => assert_eq!(d.as_secs(), *w, "{text}"),
                (Err(e), Err(w)) => assert!(e.contains(w), "{text}: {e}"),
                (got, _) => panic!("{text}: {got:?}"),
            }
        }
        // A log-normal delay: half the draws under the median, half over; the same draw is the same.
        let d = Delay::LogNormal { median: SignedDuration::from_mins(4), spread: 0.8 };
        let draws: Vec<i64> = (0..2000).map(|i| d.draw(mix(7, i, 3)).as_secs()).collect();
        let under = draws.iter().filter(|s| **s < 240).count();
        assert!((900..1100).contains(&under), "{under} of 2000 under the median");
        assert_eq!(d.draw(mix(7, 1, 3)), d.draw(mix(7, 1, 3)));
        assert_eq!(Delay::Fixed(SignedDuration::from_mins(2)).draw(12345).as_secs(), 120);
    }

    const TEAM: &str = r#"
time_zone = "Europe/Prague"
customer_answers = 0.8

[[people]]
login = "jitka"
name = "Jitka Malá"
role = "consultant"
hours = { mon-fri = "09:00-17:00" }
meetings = ["mon-fri 09:00-12:00"]
delay = "2m"

[[people]]
login = "roman"
role = "secretary"
delay = { median = "4m" }
answers = 0.9
"#;

    #[test]
    fn a_team_file() {
        let team = parse_team(TEAM, &TimeZone::UTC).unwrap();
        assert_eq!(team.time_zone, prague());
        assert_eq!(team.customer_answers, 0.8);
        let [jitka, roman] = &team.people[..] else { panic!() };
        assert_eq!((jitka.login.as_str(), jitka.name.as_str(), jitka.role), ("jitka", "Jitka Malá", Role::Consultant));
        assert_eq!(jitka.delay, Delay::Fixed(SignedDuration::from_mins(2)));
        assert_eq!(jitka.hours.as_ref().unwrap().0.len(), 5);
        let json: serde_json::Value = serde_json::from_str(&jitka.hours_json().unwrap()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "time_zone": "Europe/Prague", "hours": { "mon": "09:00-17:00", "tue": "09:00-17:00", "wed": "09:00-17:00", "thu": "09:00-17:00", "fri": "09:00-17:00" } })
        );
        assert_eq!((roman.name.as_str(), roman.answers), ("roman", 0.9));
        assert_eq!(roman.delay, Delay::LogNormal { median: SignedDuration::from_mins(4), spread: 0.8 });
        assert!(roman.hours.is_none() && roman.hours_json().is_none());
        // No zone in the file: the company's.
        let t = parse_team("[[people]]\nlogin = \"a\"\nrole = \"consultant\"\n", &prague()).unwrap();
        assert_eq!(t.time_zone, prague());
        assert_eq!(t.customer_answers, 1.0);
    }

    #[test]
    fn where_a_person_is() {
        let team = parse_team(TEAM, &TimeZone::UTC).unwrap();
        let office = Calendar::parse("Europe/Prague", &[("mon", "08:00-18:00")], &[]).unwrap();
        let at = |s: &str| s.parse::<DateTime>().unwrap().to_zoned(prague()).unwrap().timestamp();
        let cases = [
            ("2026-03-02T08:30", State::Off, State::Working), // Monday: Jitka starts at 9, the office at 8
            ("2026-03-02T09:00", State::Meeting, State::Working),
            ("2026-03-02T11:59", State::Meeting, State::Working),
            ("2026-03-02T12:00", State::Working, State::Working),
            ("2026-03-02T17:00", State::Off, State::Working),
            ("2026-03-03T10:00", State::Meeting, State::Off), // Tuesday: the office is closed
            ("2026-03-07T10:00", State::Off, State::Off),     // Saturday
        ];
        for (t, jitka, roman) in cases {
            assert_eq!(team.people[0].state(at(t), &office), jitka, "jitka {t}");
            assert_eq!(team.people[1].state(at(t), &office), roman, "roman {t}");
        }
        // Two weeks: Jitka works ten days, Roman (the office's Mondays) two.
        let (from, to) = (Date::constant(2026, 3, 2), Date::constant(2026, 3, 15));
        assert_eq!(team.people[0].working_days(from, to, &office), 10);
        assert_eq!(team.people[1].working_days(from, to, &office), 2);
    }

    #[test]
    fn a_bad_team_file_says_where() {
        let cases: &[(&str, &str)] = &[
            (
                "time_zone = \"Mars/Olympus\"\n[[people]]\nlogin = \"a\"\nrole = \"consultant\"\n",
                "1: time_zone: `Mars/Olympus` is not a time zone",
            ),
            ("[[people]]\nlogin = \"a\"\nrole = \"boss\"\n", "3: people[1].role: `boss` is not one of: admin, manager"),
            ("[[people]]\nlogin = \"a\"\nrole = \"admin\"\n", "3: people[1].role: admin takes no leads"),
            (
                "[[people]]\nlogin = \"a\"\nrole = \"consultant\"\n[[people]]\nlogin = \"A\"\nrole = \"consultant\"\n",
                "5: people[2].login: `a` is in the team twice",
            ),
            (
                "[[people]]\nlogin = \"a\"\nrole = \"consultant\"\nhours = { mon = \"17:00-09:00\" }\n",
                "4: people[1].hours.mon: `17:00-09:00` ends before it starts",
            ),
            (
                "[[people]]\nlogin = \"a\"\nrole = \"consultant\"\nhours = { mon-fri = \"09:00-17:00\", mon = \"09:00-12:00\" }\n",
                "people[1].hours.mon-fri: mon is given twice",
            ),
            (
                "[[people]]\nlogin = \"a\"\nrole = \"consultant\"\nhours = { monday = \"09:00-17:00\" }\n",
                "4: people[1].hours.monday: `monday` is not a day",
            ),
            (
                "[[people]]\nlogin = \"a\"\nrole = \"consultant\"\n\nmeetings = [\"mon 9-12\"]\n",
                "5: people[1].meetings[1]: `9` is not a time like 09:00",
            ),
            ("[[people]]\nlogin = \"a\"\nrole = \"consultant\"\ndelay = \"soon\"\n", "4: people[1].delay: `soon` is not a delay"),
            ("[[people]]\nlogin = \"a\"\nrole = \"consultant\"\nanswers = 1.5\n", "4: people[1].answers: 1.5 is not a probability"),
            ("[[people]]\nlogin = \"a\"\nrole = \"consultant\"\nspeed = 3\n", "4: TOML: unknown field `speed`"),
            ("", "people: the team has nobody"),
        ];
        for (source, want) in cases {
            let problems = parse_team(source, &TimeZone::UTC).unwrap_err();
            let text = render_problems(&problems, "team.toml");
            assert!(text.contains(want), "{source}\n→ {text}\nwanted: {want}");
        }
    }

    #[test]
    fn arrivals_from_csv() {
        let csv = "at,channel\n2026-03-02 10:00,phone\n2026-03-02 09:15,web\n\n2026-03-02T08:00:00Z,email\n";
        let a = parse_arrivals_csv(csv, &prague()).unwrap();
        let times: Vec<String> = a.iter().map(|a| a.at.to_string()).collect();
        assert_eq!(times, ["2026-03-02T08:00:00Z", "2026-03-02T08:15:00Z", "2026-03-02T09:00:00Z"]);
        assert_eq!(a.iter().map(|a| a.channel.as_str()).collect::<Vec<_>>(), ["email", "web", "phone"]);
        // Without a channel column: web.
        assert_eq!(parse_arrivals_csv("at\n2026-03-02 10:00\n", &prague()).unwrap()[0].channel, Channel::Web);
        let cases: &[(&str, &str)] = &[
            ("when,what\n2026-03-02 10:00,web\n", "arrivals.csv:1: the first line must name the columns `at,channel`"),
            ("at,channel\n2026-03-02 10:00,web\n2026-03-32 10:00,web\n", "arrivals.csv:3: at: `2026-03-32 10:00` is not a local time"),
            ("at,channel\n2026-03-02 10:00,fax\n", "arrivals.csv:2: channel: `fax` is not one of: web, email, phone, in_person, api"),
            ("at,channel\n", "no arrivals"),
        ];
        for (source, want) in cases {
            let text = render_problems(&parse_arrivals_csv(source, &prague()).unwrap_err(), "arrivals.csv");
            assert!(text.contains(want), "{source}\n→ {text}\nwanted: {want}");
        }
    }

    const RATES: &str = r#"
start = "2026-03-02"
days = 7
channels = { web = 3, phone = 1 }
[per_hour]
mon-fri = { "09:00-17:00" = 6 }
sat = { "10:00-12:00" = 1 }
"#;

    #[test]
    fn arrivals_from_rates() {
        let r = parse_rates(RATES).unwrap();
        assert_eq!((r.start, r.days), (Date::constant(2026, 3, 2), 7));
        let a = r.arrivals(42, &prague());
        // 5 days × 8 h × 6/h + 2 h × 1/h = 242 expected; a Poisson count lands near it.
        assert!((200..290).contains(&a.len()), "{}", a.len());
        assert!(a.windows(2).all(|w| w[0].at <= w[1].at), "in order");
        let local = |a: &Arrival| a.at.to_zoned(prague()).datetime();
        assert!(a.iter().all(|a| {
            let l = local(a);
            let wd = l.date().weekday().to_monday_zero_offset();
            (wd < 5 && (9..17).contains(&l.hour())) || (wd == 5 && (10..12).contains(&l.hour()))
        }));
        let phones = a.iter().filter(|a| a.channel == Channel::Phone).count();
        assert!(phones > a.len() / 8 && phones < a.len() * 3 / 8, "{phones} of {}", a.len());
        // The same seed, the same arrivals; another seed, others.
        assert_eq!(a, r.arrivals(42, &prague()));
        assert_ne!(a, r.arrivals(43, &prague()));
        let cases: &[(&str, &str)] = &[
            (
                "start = \"2026-03-02\"\ndays = 0\n[per_hour]\nmon = { \"09:00-10:00\" = 1 }\n",
                "rates.toml:2: days: 0 is not a number of days",
            ),
            ("start = \"March\"\ndays = 1\n[per_hour]\nmon = { \"09:00-10:00\" = 1 }\n", "rates.toml:1: start: `March` is not a date"),
            (
                "start = \"2026-03-02\"\ndays = 1\n[per_hour]\nmon = { \"10:00-09:00\" = 1 }\n",
                "rates.toml:4: per_hour.mon.\"10:00-09:00\": `10:00-09:00` ends before it starts",
            ),
            (
                "start = \"2026-03-02\"\ndays = 1\nchannels = { fax = 1 }\n[per_hour]\nmon = { \"09:00-10:00\" = 1 }\n",
                "rates.toml:3: channels.fax: `fax` is not one of",
            ),
            ("start = \"2026-03-02\"\ndays = 1\n[per_hour]\nmon = { \"09:00-10:00\" = 0 }\n", "per_hour: no leads arrive"),
        ];
        for (source, want) in cases {
            let text = render_problems(&parse_rates(source).unwrap_err(), "rates.toml");
            assert!(text.contains(want), "{source}\n→ {text}\nwanted: {want}");
        }
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let cases: &[(&[Option<i64>], Percentiles)] = &[
            (&[], Percentiles { p50: None, p90: None, p99: None }),
            (&[Some(120)], Percentiles { p50: Some(120), p90: Some(120), p99: Some(120) }),
            (
                &[Some(10), Some(20), Some(30), Some(40), Some(50), Some(60), Some(70), Some(80), Some(90), Some(100)],
                Percentiles { p50: Some(50), p90: Some(90), p99: Some(100) },
            ),
            // Unanswered leads rank last.
            (&[None, Some(60), Some(30), None], Percentiles { p50: Some(60), p90: None, p99: None }),
        ];
        for (values, want) in cases {
            assert_eq!(percentiles(values), *want, "{values:?}");
        }
    }

    #[test]
    fn figures_of_a_run() {
        let o = |r: Option<i64>, met: Option<bool>| LeadOutcome {
            response: r,
            business_response: r,
            sla: met.map(|m| vec![("first_response".to_owned(), m)]).unwrap_or_default(),
        };
        let f = figures(&[o(Some(120), Some(true)), o(Some(900), Some(false)), o(None, Some(false)), o(Some(60), None)], vec![]);
        assert_eq!((f.leads, f.answered), (4, 3));
        assert_eq!(f.sla, [SlaFigure { sla: "first_response".into(), met: 1, breached: 2 }]);
        assert!((f.sla[0].percent() - 33.33).abs() < 0.01);
        assert_eq!(f.wall, Percentiles { p50: Some(120), p90: None, p99: None });
        assert_eq!(f.distribution, [2, 0, 1, 0, 0, 0, 0, 1]);
        // The buckets' edges belong to the shorter one.
        let cases: &[(Option<i64>, usize)] =
            &[(Some(0), 0), (Some(300), 0), (Some(301), 1), (Some(600), 1), (Some(3600), 3), (Some(86_401), 6), (None, 7)];
        for (v, bucket) in cases {
            let d = distribution(&[*v]);
            assert_eq!(d.iter().position(|n| *n == 1), Some(*bucket), "{v:?}");
        }
        let load = Load { name: "Jitka".into(), role: "consultant".into(), tasks: 45, working_days: 20, leads: 40 };
        assert_eq!(load.per_day(), 2.25);
        let cases = [(45, "45 s"), (120, "2 min"), (150, "2 min 30 s"), (3900, "1 h 05 min"), (97_200, "1 d 3 h")];
        for (s, want) in cases {
            assert_eq!(duration_text(s), want);
        }
        assert_eq!(rank_text(None), "not answered");
    }

    #[test]
    fn draws_are_stable_and_spread() {
        assert_eq!(mix(1, 2, 3), mix(1, 2, 3));
        assert_ne!(mix(1, 2, 3), mix(2, 2, 3));
        assert_ne!(mix(1, 2, 3), mix(1, 3, 2));
        let mean = (0..10_000).map(|i| unit(mix(9, i, 0))).sum::<f64>() / 10_000.0;
        assert!((mean - 0.5).abs() < 0.02, "{mean}");
        assert_ne!(text_key("first_call"), text_key("first_email"));
    }
}
