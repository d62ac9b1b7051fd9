//! From TOML text to a validated [`Playbook`], or every problem with the byte span it is at.
//!
//! The file is read with `toml`'s span-keeping document parser, then walked by hand so that one
//! pass reports every problem (unknown keys, wrong types, bad durations, references to stages,
//! roles, tasks or templates that do not exist, unreachable stages, timers that nothing
//! handles) instead of stopping at the first.

use crate::model::*;
use jiff::SignedDuration;
use jiff::civil::Time;
use pronto_domain::calendar::Calendar;
use pronto_domain::lead::{Channel, CustomerType, LeadStatus};
use pronto_domain::user::Role;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One problem in a playbook file: where it is (bytes) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
}

impl Problem {
    /// 1-based line and column (in characters) of the problem's start in `source`.
    pub fn line_col(&self, source: &str) -> (usize, usize) {
        let at = self.span.start.min(source.len());
        let before = &source[..source.floor_char_boundary(at)];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
        (line, col)
    }

    /// `FILE:LINE:COLUMN: message`, the form editors and CI logs understand.
    pub fn render(&self, file: &str, source: &str) -> String {
        let (line, col) = self.line_col(source);
        format!("{file}:{line}:{col}: {}", self.message)
    }
}

/// Renders every problem, one per line.
pub fn render_problems(problems: &[Problem], file: &str, source: &str) -> String {
    problems.iter().map(|p| p.render(file, source)).collect::<Vec<_>>().join("\n")
}

type V<'i> = Spanned<DeValue<'i>>;

/// Placeholders a template may use.
pub const PLACEHOLDERS: &[&str] = &[
    "lead.id",
    "lead.url",
    "lead.tracking_url",
    "lead.subject",
    "lead.message",
    "lead.product",
    "lead.source",
    "lead.stage",
    "lead.received_at",
    "channel",
    "contact.name",
    "contact.phone",
    "contact.email",
    "owner.name",
    "task.title",
    "task.due_at",
    "playbook",
];

struct Cx {
    problems: Vec<Problem>,
}

impl Cx {
    fn err(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.problems.push(Problem { span, message: message.into() });
    }

    /// Reports keys of `t` that are not in `allowed`.
    fn known_keys(&mut self, t: &DeTable, allowed: &[&str], what: &str) {
        for (k, _) in t.iter() {
            if !allowed.contains(&k.get_ref().as_ref()) {
                self.err(k.span(), format!("unknown key `{}` in {what}; expected one of: {}", k.get_ref(), allowed.join(", ")));
            }
        }
    }

    fn table<'a, 'i>(&mut self, v: &'a V<'i>, what: &str) -> Option<&'a DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                self.err(v.span(), format!("{what} must be a table, not {}", other.type_str()));
                None
            }
        }
    }

    fn string<'a>(&mut self, v: &'a V, what: &str) -> Option<&'a str> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.as_ref()),
            other => {
                self.err(v.span(), format!("{what} must be a string, not {}", other.type_str()));
                None
            }
        }
    }

    fn boolean(&mut self, v: &V, what: &str) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.err(v.span(), format!("{what} must be true or false, not {}", other.type_str()));
                None
            }
        }
    }

    fn array<'a, 'i>(&mut self, v: &'a V<'i>, what: &str) -> Option<&'a [V<'i>]> {
        match v.get_ref() {
            DeValue::Array(a) => Some(a),
            other => {
                self.err(v.span(), format!("{what} must be an array, not {}", other.type_str()));
                None
            }
        }
    }

    /// A string or an array of strings, each with its span.
    fn strings(&mut self, v: &V, what: &str) -> Vec<(String, Range<usize>)> {
        match v.get_ref() {
            DeValue::String(s) => vec![(s.to_string(), v.span())],
            DeValue::Array(a) => a.iter().filter_map(|x| self.string(x, what).map(|s| (s.to_owned(), x.span()))).collect(),
            other => {
                self.err(v.span(), format!("{what} must be a string or an array of strings, not {}", other.type_str()));
                vec![]
            }
        }
    }

    fn req_str<'a>(&mut self, t: &'a DeTable, key: &str, at: Range<usize>, what: &str) -> Option<(&'a str, Range<usize>)> {
        match t.get(key) {
            Some(v) => self.string(v, &format!("`{key}` of {what}")).map(|s| (s, v.span())),
            None => {
                self.err(at, format!("{what} needs `{key}`"));
                None
            }
        }
    }

    fn opt_str<'a>(&mut self, t: &'a DeTable, key: &str, what: &str) -> Option<(&'a str, Range<usize>)> {
        t.get(key).and_then(|v| self.string(v, &format!("`{key}` of {what}")).map(|s| (s, v.span())))
    }

    fn due(&mut self, text: &str, span: Range<usize>) -> Option<Due> {
        match parse_due(text) {
            Ok(d) => Some(d),
            Err(m) => {
                self.err(span, m);
                None
            }
        }
    }

    fn role(&mut self, text: &str, span: Range<usize>) -> Option<Role> {
        match Role::parse(text) {
            Ok(r) => Some(r),
            Err(e) => {
                self.err(span, format!("unknown role: {}", e.0));
                None
            }
        }
    }

    fn who(&mut self, text: &str, span: Range<usize>, customer_ok: bool) -> Option<Who> {
        let w = match text {
            "owner" => Who::Owner,
            "entered_by" => Who::EnteredBy,
            "actor" => Who::Actor,
            "customer" if customer_ok => Who::Customer,
            _ => {
                if let Some(r) = text.strip_prefix("role:") {
                    Who::Role(self.role(r, span)?)
                } else if let Some(u) = text.strip_prefix("user:").filter(|u| !u.is_empty()) {
                    Who::User(u.to_owned())
                } else {
                    let extra = if customer_ok { ", customer" } else { "" };
                    self.err(span, format!("`{text}` is not a recipient: use owner, entered_by, actor, role:ROLE, user:LOGIN{extra}"));
                    return None;
                }
            }
        };
        Some(w)
    }
}

/// `"now"`, `"90s"`, `"15m"`, `"1h"`, `"2d"` (wall clock); `"10bm"`, `"1bh"` (working time on
/// the calendar); `"10:00"` (the next working moment at or after that local time).
pub fn parse_due(text: &str) -> Result<Due, String> {
    let t = text.trim();
    if t == "now" {
        return Ok(Due::After(SignedDuration::ZERO));
    }
    if let Some((h, m)) = t.split_once(':') {
        let time = h.parse::<i8>().ok().zip(m.parse::<i8>().ok()).and_then(|(h, m)| Time::new(h, m, 0, 0).ok());
        return time.map(Due::At).ok_or_else(|| format!("`{t}` is not a time of day like 10:00"));
    }
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let bad = || format!("`{t}` is not a duration: use e.g. 90s, 15m, 1h, 2d (wall clock), 10bm or 1bh (working time), now, or 10:00");
    let n: i64 = num.parse().map_err(|_| bad())?;
    let unit_secs = match unit {
        "s" => 1,
        "m" | "bm" => 60,
        "h" | "bh" => 3600,
        "d" => 86_400,
        _ => return Err(bad()),
    };
    if n.checked_mul(unit_secs).is_none_or(|s| s > 366 * 86_400) {
        return Err(format!("`{t}` is longer than a year"));
    }
    Ok(match unit {
        "s" => Due::After(SignedDuration::from_secs(n)),
        "m" => Due::After(SignedDuration::from_secs(n * 60)),
        "h" => Due::After(SignedDuration::from_secs(n * 3600)),
        "d" => Due::After(SignedDuration::from_secs(n * 86_400)),
        "bm" => Due::AfterBusiness(SignedDuration::from_secs(n * 60)),
        "bh" => Due::AfterBusiness(SignedDuration::from_secs(n * 3600)),
        _ => return Err(bad()),
    })
}

fn parse_hhmm(s: &str) -> Option<Time> {
    let (h, m) = s.trim().split_once(':')?;
    if h.trim() == "24" && m.trim() == "00" {
        return Some(Time::MAX);
    }
    Time::new(h.trim().parse().ok()?, m.trim().parse().ok()?, 0, 0).ok()
}

fn parse_window(s: &str) -> Option<(Time, Time)> {
    let (a, b) = s.split_once('-')?;
    let (a, b) = (parse_hhmm(a)?, parse_hhmm(b)?);
    (a < b).then_some((a, b))
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// `"mon-fri"`, `"sat,sun"`, `"mon"`.
fn parse_days(s: &str) -> Option<[bool; 7]> {
    let mut out = [false; 7];
    for part in s.split(',') {
        let idx = |d: &str| DAYS.iter().position(|x| *x == d.trim().to_ascii_lowercase());
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (idx(a)?, idx(b)?);
                let mut i = a;
                loop {
                    out[i] = true;
                    if i == b {
                        break;
                    }
                    i = (i + 1) % 7;
                }
            }
            None => out[idx(part)?] = true,
        }
    }
    Some(out)
}

/// The ids declared in each section, collected before any reference is checked.
#[derive(Default)]
struct Ids {
    stages: BTreeSet<String>,
    templates: BTreeSet<String>,
    tasks: BTreeSet<String>,
    retries: BTreeSet<String>,
    pools: BTreeSet<String>,
    escalations: BTreeSet<String>,
    slas: BTreeSet<String>,
    calendars: BTreeSet<String>,
    outcomes: BTreeSet<String>,
}

impl Ids {
    fn check(&self, cx: &mut Cx, set: &BTreeSet<String>, what: &str, id: &str, span: Range<usize>) -> bool {
        if set.contains(id) {
            return true;
        }
        let known: Vec<&str> = set.iter().map(String::as_str).collect();
        let hint = if known.is_empty() { "none is defined".to_owned() } else { format!("known: {}", known.join(", ")) };
        cx.err(span, format!("unknown {what} `{id}` ({hint})"));
        false
    }
}

/// Where timers are set and handled, for the "timer without a way out" check.
#[derive(Default)]
struct TimerUse {
    set: Vec<(String, Range<usize>)>,
    handled: BTreeSet<String>,
    /// Stages that actions move a lead to.
    stage_targets: BTreeSet<String>,
    escalations_started: BTreeSet<String>,
    slas_started: BTreeSet<String>,
}

const ROOT_KEYS: &[&str] = &[
    "name",
    "title",
    "description",
    "language",
    "languages",
    "calendar",
    "calendars",
    "stages",
    "templates",
    "tasks",
    "retry",
    "assignment",
    "escalation",
    "sla",
    "rules",
    "deal",
];

/// Parses and validates a playbook; `Err` carries every problem found.
pub fn parse(source: &str) -> Result<Playbook, Vec<Problem>> {
    let (doc, errors) = DeTable::parse_recoverable(source);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| Problem { span: e.span().unwrap_or(0..0), message: format!("TOML syntax: {}", e.message().trim()) })
            .collect());
    }
    let mut cx = Cx { problems: Vec::new() };
    let root = doc.get_ref();
    let whole = 0..0;
    cx.known_keys(root, ROOT_KEYS, "the playbook");

    let name = match cx.req_str(root, "name", whole.clone(), "the playbook") {
        Some((n, span)) => {
            if n.is_empty() || n.len() > 64 || !n.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_') {
                cx.err(span, format!("name `{n}` must be 1–64 lower-case letters, digits, `-` or `_`"));
            }
            n.to_owned()
        }
        None => String::new(),
    };
    let title = cx.opt_str(root, "title", "the playbook").map(|(s, _)| s.to_owned()).unwrap_or_else(|| name.clone());
    let description = cx.opt_str(root, "description", "the playbook").map(|(s, _)| s.to_owned()).unwrap_or_default();
    let language = match cx.opt_str(root, "language", "the playbook") {
        Some((l, span)) => match crate::messages::language(l) {
            Some(l) => Some(l.to_owned()),
            None => {
                cx.err(span, format!("language `{l}` is not one Pronto has texts for; one of: {}", crate::messages::LANGUAGES.join(", ")));
                None
            }
        },
        None => None,
    };

    // The languages the team reads the playbook's titles in.
    let mut languages: Vec<(String, Range<usize>)> = Vec::new();
    if let Some(v) = root.get("languages") {
        for (l, span) in cx.strings(v, "`languages`") {
            match crate::messages::language(&l) {
                Some(code) if languages.iter().any(|(x, _)| x == code) => cx.err(span, format!("language `{l}` is listed twice")),
                Some(code) => languages.push((code.to_owned(), span)),
                None => cx.err(span, format!("language `{l}` is not one Pronto has texts for; one of: {}", crate::messages::LANGUAGES.join(", "))),
            }
        }
    }

    // Ids first, so that references can be checked wherever they appear.
    let mut ids = Ids::default();
    let section = |cx: &mut Cx, key: &str| -> Option<&DeTable> { root.get(key).and_then(|v| cx.table(v, &format!("`{key}`"))) };
    for (key, set) in [
        ("templates", &mut ids.templates),
        ("tasks", &mut ids.tasks),
        ("retry", &mut ids.retries),
        ("assignment", &mut ids.pools),
        ("escalation", &mut ids.escalations),
        ("sla", &mut ids.slas),
        ("calendars", &mut ids.calendars),
    ] {
        if let Some(DeValue::Table(t)) = root.get(key).map(|v| v.get_ref()) {
            set.extend(t.iter().map(|(k, _)| k.get_ref().to_string()));
        }
    }
    ids.outcomes.extend(CALL_OUTCOMES.iter().map(|s| s.to_string()));
    ids.outcomes.extend(crate::model::INCOMING_CALL_OUTCOMES.iter().map(|s| s.to_string()));
    if let Some(DeValue::Table(t)) = root.get("tasks").map(|v| v.get_ref()) {
        for (_, v) in t.iter() {
            if let Some(o) = v.get_ref().as_table().and_then(|t| t.get("outcomes")) {
                if let DeValue::Array(a) = o.get_ref() {
                    ids.outcomes.extend(a.iter().filter_map(|x| x.get_ref().as_str().map(str::to_owned)));
                }
            }
        }
    }

    // Calendars.
    let mut calendars = BTreeMap::new();
    if let Some(t) = section(&mut cx, "calendars") {
        for (k, v) in t.iter() {
            let what = format!("calendar `{}`", k.get_ref());
            let Some(ct) = cx.table(v, &what) else { continue };
            cx.known_keys(ct, &["time_zone", "hours", "holidays"], &what);
            let tz = cx.req_str(ct, "time_zone", k.span(), &what);
            let mut hours: Vec<(String, String)> = Vec::new();
            let mut hours_span = k.span();
            if let Some(h) = ct.get("hours") {
                hours_span = h.span();
                if let Some(ht) = cx.table(h, &format!("`hours` of {what}")) {
                    for (d, spec) in ht.iter() {
                        if let Some(s) = cx.string(spec, &format!("hours of `{}`", d.get_ref())) {
                            hours.push((d.get_ref().to_string(), s.to_owned()));
                        }
                    }
                }
            } else {
                cx.err(k.span(), format!("{what} needs `hours`"));
            }
            let holidays: Vec<(String, Range<usize>)> = ct.get("holidays").map(|h| cx.strings(h, "`holidays`")).unwrap_or_default();
            if let Some((tz, tz_span)) = tz {
                let hs: Vec<(&str, &str)> = hours.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                let hd: Vec<&str> = holidays.iter().map(|(h, _)| h.as_str()).collect();
                match Calendar::parse(tz, &hs, &hd) {
                    Ok(c) => {
                        calendars.insert(k.get_ref().to_string(), c);
                    }
                    Err(errs) => {
                        for e in errs.0 {
                            let span = if e.field == "time_zone" {
                                tz_span.clone()
                            } else if let Some(i) =
                                e.field.strip_prefix("holidays[").and_then(|r| r.trim_end_matches(']').parse::<usize>().ok())
                            {
                                holidays.get(i).map(|h| h.1.clone()).unwrap_or(hours_span.clone())
                            } else {
                                hours_span.clone()
                            };
                            cx.err(span, format!("{what}: {}: {}", e.field, e.message));
                        }
                    }
                }
            }
        }
    }
    let (calendar_id, calendar) = match root.get("calendar") {
        Some(v) => match cx.string(v, "`calendar`") {
            Some(id) if ids.check(&mut cx, &ids.calendars, "calendar", id, v.span()) => {
                (id.to_owned(), calendars.get(id).cloned().unwrap_or_else(|| Calendar::always(jiff::tz::TimeZone::UTC)))
            }
            _ => (String::new(), Calendar::always(jiff::tz::TimeZone::UTC)),
        },
        None if calendars.len() == 1 => {
            let (id, c) = calendars.iter().next().expect("one");
            (id.clone(), c.clone())
        }
        None if calendars.is_empty() => ("always".to_owned(), Calendar::always(jiff::tz::TimeZone::UTC)),
        None => {
            cx.err(0..0, "several calendars are defined: say which one is the playbook's with `calendar = \"…\"`");
            (String::new(), Calendar::always(jiff::tz::TimeZone::UTC))
        }
    };

    // Stages.
    let mut stages: Vec<StageDef> = Vec::new();
    let mut stage_next_spans: Vec<Vec<(String, Range<usize>)>> = Vec::new();
    let mut stage_spans: Vec<Range<usize>> = Vec::new();
    match root.get("stages") {
        None => cx.err(0..0, "the playbook needs `stages` (an array of tables, e.g. [[stages]] id = \"received\")"),
        Some(v) => {
            if let Some(arr) = cx.array(v, "`stages`") {
                if arr.is_empty() {
                    cx.err(v.span(), "`stages` is empty: a playbook needs at least one stage");
                }
                for item in arr {
                    let Some(st) = cx.table(item, "a stage") else { continue };
                    cx.known_keys(st, &["id", "title", "description", "status", "next", "customer"], "a stage");
                    let Some((id, id_span)) = cx.req_str(st, "id", item.span(), "a stage") else { continue };
                    if !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') || id.is_empty() {
                        cx.err(id_span.clone(), format!("stage id `{id}` must be lower-case letters, digits or `_`"));
                    }
                    if !ids.stages.insert(id.to_owned()) {
                        cx.err(id_span.clone(), format!("stage `{id}` is defined twice"));
                    }
                    let status = cx.opt_str(st, "status", "a stage").and_then(|(s, span)| match LeadStatus::parse(s) {
                        Ok(LeadStatus::Open) | Err(_) => {
                            cx.err(span, format!("`{s}` is not a closing status: use won, lost or junk"));
                            None
                        }
                        Ok(st) => Some(st),
                    });
                    let next = st.get("next").map(|n| cx.strings(n, "`next`")).unwrap_or_default();
                    stages.push(StageDef {
                        id: id.to_owned(),
                        title: cx.opt_str(st, "title", "a stage").map(|(s, _)| s.to_owned()).unwrap_or_else(|| id.to_owned()),
                        description: cx.opt_str(st, "description", "a stage").map(|(s, _)| s.to_owned()).unwrap_or_default(),
                        status,
                        next: next.iter().map(|(n, _)| n.clone()).collect(),
                        customer: st.get("customer").and_then(|v| customer_stage(&mut cx, v, id)),
                    });
                    stage_next_spans.push(next);
                    stage_spans.push(id_span);
                }
            }
        }
    }
    check_customer_texts(&mut cx, &mut stages, &stage_spans, language.as_deref());
    for next in &stage_next_spans {
        for (n, span) in next {
            ids.check(&mut cx, &ids.stages, "stage", n, span.clone());
        }
    }

    // Templates.
    let mut templates = BTreeMap::new();
    if let Some(t) = section(&mut cx, "templates") {
        for (k, v) in t.iter() {
            let what = format!("template `{}`", k.get_ref());
            let Some(tt) = cx.table(v, &what) else { continue };
            cx.known_keys(tt, &["text", "subject"], &what);
            let text = cx.req_str(tt, "text", k.span(), &what);
            let subject = cx.opt_str(tt, "subject", &what);
            for (s, span) in text.iter().chain(subject.iter()) {
                check_placeholders(&mut cx, s, span.clone());
            }
            templates.insert(
                k.get_ref().to_string(),
                Template { text: text.map(|t| t.0.to_owned()).unwrap_or_default(), subject: subject.map(|s| s.0.to_owned()) },
            );
        }
    }

    let mut uses = TimerUse::default();

    // Retry schedules.
    let mut retries = BTreeMap::new();
    if let Some(t) = section(&mut cx, "retry") {
        for (k, v) in t.iter() {
            let what = format!("retry schedule `{}`", k.get_ref());
            let Some(rt) = cx.table(v, &what) else { continue };
            cx.known_keys(rt, &["after", "on", "exhausted"], &what);
            let after: Vec<Due> = match rt.get("after") {
                Some(a) => {
                    let list = cx.strings(a, "`after`");
                    if list.is_empty() {
                        cx.err(a.span(), format!("{what}: `after` lists no delay"));
                    }
                    list.iter().filter_map(|(s, span)| cx.due(s, span.clone())).collect()
                }
                None => {
                    cx.err(k.span(), format!("{what} needs `after` (e.g. [\"5m\", \"15m\"])"));
                    vec![]
                }
            };
            let on: Vec<String> = match rt.get("on") {
                Some(o) => cx
                    .strings(o, "`on`")
                    .into_iter()
                    .filter(|(s, span)| ids.check(&mut cx, &ids.outcomes, "outcome", s, span.clone()))
                    .map(|(s, _)| s)
                    .collect(),
                None => vec!["no_answer".into(), "busy".into(), "failed".into()],
            };
            let exhausted = actions(&mut cx, &ids, &mut uses, rt.get("exhausted"), &what);
            retries.insert(k.get_ref().to_string(), RetryDef { id: k.get_ref().to_string(), after, on, exhausted });
        }
    }

    // Task definitions.
    let mut tasks = BTreeMap::new();
    let mut outcome_spans: Vec<(String, Range<usize>)> = Vec::new();
    let mut task_spans: Vec<(String, Range<usize>)> = Vec::new();
    if let Some(t) = section(&mut cx, "tasks") {
        for (k, v) in t.iter() {
            let id = k.get_ref().to_string();
            let what = format!("task `{id}`");
            let Some(tt) = cx.table(v, &what) else { continue };
            task_spans.push((id.clone(), k.span()));
            cx.known_keys(tt, &["title", "kind", "assignee", "priority", "due", "script", "outcomes", "retry", "until_response", "response_outcome", "offer", "complaint"], &what);
            let title = cx.req_str(tt, "title", k.span(), &what).map(|(s, _)| s.to_owned()).unwrap_or_default();
            let kind = match cx.opt_str(tt, "kind", &what) {
                Some((s, span)) if !TASK_KINDS.contains(&s) => {
                    cx.err(span, format!("`{s}` is not a task kind: use {}", TASK_KINDS.join(", ")));
                    "todo".to_owned()
                }
                Some((s, _)) => s.to_owned(),
                None => "todo".to_owned(),
            };
            let assignee = match cx.opt_str(tt, "assignee", &what) {
                Some((s, span)) => cx.who(s, span, false).unwrap_or(Who::Owner),
                None => Who::Owner,
            };
            let priority = match cx.opt_str(tt, "priority", &what) {
                Some((s, span)) => Priority::parse(s).unwrap_or_else(|| {
                    cx.err(span, format!("`{s}` is not a priority: use {}", Priority::WORDS.join(", ")));
                    Priority::Normal
                }),
                None => Priority::Normal,
            };
            let due = match cx.opt_str(tt, "due", &what) {
                Some((s, span)) => cx.due(s, span).unwrap_or(Due::After(SignedDuration::ZERO)),
                None => Due::After(SignedDuration::ZERO),
            };
            let script = cx.opt_str(tt, "script", &what).map(|(s, _)| s.to_owned());
            let given = tt.get("outcomes").map(|o| cx.strings(o, "`outcomes`")).unwrap_or_default();
            outcome_spans.extend(given.iter().cloned());
            let mut outcomes: Vec<String> = given.into_iter().map(|(s, _)| s).collect();
            if kind == "call" {
                for o in CALL_OUTCOMES {
                    if !outcomes.iter().any(|x| x == o) {
                        outcomes.push((*o).to_owned());
                    }
                }
            }
            if outcomes.is_empty() {
                outcomes.push("done".to_owned());
            }
            let retry = cx.opt_str(tt, "retry", &what).and_then(|(s, span)| {
                ids.check(&mut cx, &ids.retries, "retry schedule", s, span.clone()).then(|| {
                    if let Some(r) = retries.get(s) {
                        for o in &r.on {
                            if !outcomes.contains(o) {
                                cx.err(span.clone(), format!("retry schedule `{s}` retries on `{o}`, which {what} cannot end with"));
                            }
                        }
                    }
                    s.to_owned()
                })
            });
            let response_outcome = cx.opt_str(tt, "response_outcome", &what).and_then(|(s, span)| {
                if outcomes.iter().any(|o| o == s) {
                    Some(s.to_owned())
                } else {
                    cx.err(span, format!("`{s}` is not an outcome of {what}: use {}", outcomes.join(", ")));
                    None
                }
            });
            let offer = cx.opt_str(tt, "offer", &what).and_then(|(s, span)| match OfferWork::parse(s) {
                None => {
                    cx.err(span, format!("`{s}` is not an offer step: use {}", OfferWork::WORDS.join(", ")));
                    None
                }
                Some(w) if !outcomes.iter().any(|o| o == w.outcome()) => {
                    cx.err(span, format!("{what} with `offer = \"{s}\"` is completed with `{}`: add it to its outcomes", w.outcome()));
                    None
                }
                Some(w) => Some(w),
            });
            let complaint = cx.opt_str(tt, "complaint", &what).and_then(|(s, span)| {
                if outcomes.iter().any(|o| o == s) {
                    Some(s.to_owned())
                } else {
                    cx.err(span, format!("`{s}` is not an outcome of {what}: use {}", outcomes.join(", ")));
                    None
                }
            });
            let until_response =
                tt.get("until_response").and_then(|b| cx.boolean(b, "`until_response`")).unwrap_or(false) || response_outcome.is_some();
            tasks.insert(
                id.clone(),
                TaskDef { id, title, kind, assignee, priority, due, script, outcomes, retry, until_response, response_outcome, offer, complaint },
            );
        }
    }

    // Assignment pools.
    let mut pools = BTreeMap::new();
    if let Some(t) = section(&mut cx, "assignment") {
        for (k, v) in t.iter() {
            let id = k.get_ref().to_string();
            let what = format!("assignment `{id}`");
            let Some(pt) = cx.table(v, &what) else { continue };
            cx.known_keys(pt, &["strategy", "role", "user", "rules", "roster", "keep_owner"], &what);
            let strategy = match cx.req_str(pt, "strategy", k.span(), &what) {
                Some((s, span)) => match Strategy::WORDS.iter().position(|w| *w == s) {
                    Some(i) => [Strategy::Fixed, Strategy::RoundRobin, Strategy::LeastLoaded, Strategy::Roster][i],
                    None => {
                        cx.err(span, format!("`{s}` is not a strategy: use {}", Strategy::WORDS.join(", ")));
                        Strategy::Fixed
                    }
                },
                None => Strategy::Fixed,
            };
            let role = cx.opt_str(pt, "role", &what).and_then(|(s, span)| cx.role(s, span));
            let user = cx.opt_str(pt, "user", &what).map(|(s, _)| s.to_owned());
            match strategy {
                Strategy::Fixed if user.is_none() => cx.err(k.span(), format!("{what}: strategy `fixed` needs `user`")),
                Strategy::RoundRobin | Strategy::LeastLoaded if role.is_none() => {
                    cx.err(k.span(), format!("{what}: strategy `{}` needs `role`", strategy.as_str()))
                }
                Strategy::Roster if pt.get("roster").is_none() => cx.err(k.span(), format!("{what}: strategy `roster` needs `roster`")),
                _ => {}
            }
            let mut rules = Vec::new();
            if let Some(rs) = pt.get("rules").and_then(|r| cx.array(r, "`rules`")) {
                for r in rs {
                    let Some(rt) = cx.table(r, "an assignment rule") else { continue };
                    cx.known_keys(rt, &["when", "to"], "an assignment rule");
                    let when = rt.get("when").map(|w| conditions(&mut cx, &ids, w, None)).unwrap_or_default();
                    let target = cx.req_str(rt, "to", r.span(), "an assignment rule").and_then(|(s, span)| cx.who(s, span, false));
                    if let Some(target) = target {
                        rules.push(PoolRule { when, target });
                    }
                }
            }
            let mut roster = Vec::new();
            if let Some(rs) = pt.get("roster").and_then(|r| cx.array(r, "`roster`")) {
                for r in rs {
                    let Some(rt) = cx.table(r, "a roster entry") else { continue };
                    cx.known_keys(rt, &["days", "hours", "user"], "a roster entry");
                    let days = cx.req_str(rt, "days", r.span(), "a roster entry").and_then(|(d, span)| {
                        parse_days(d).or_else(|| {
                            cx.err(span, format!("`{d}` is not a set of days like mon-fri or sat,sun"));
                            None
                        })
                    });
                    let hours = match cx.opt_str(rt, "hours", "a roster entry") {
                        Some((h, span)) => parse_window(h).or_else(|| {
                            cx.err(span, format!("`{h}` is not a span of the day like 08:00-16:00"));
                            None
                        }),
                        None => Some((Time::midnight(), Time::MAX)),
                    };
                    let user = cx.req_str(rt, "user", r.span(), "a roster entry");
                    if let (Some(days), Some((from, to)), Some((user, _))) = (days, hours, user) {
                        roster.push(RosterEntry { days, from, to, user: user.to_owned() });
                    }
                }
            }
            let keep_owner = pt.get("keep_owner").and_then(|b| cx.boolean(b, "`keep_owner`")).unwrap_or(true);
            pools.insert(id.clone(), PoolDef { id, strategy, role, user, rules, roster, keep_owner });
        }
    }

    // Escalation chains.
    let mut escalations = BTreeMap::new();
    if let Some(t) = section(&mut cx, "escalation") {
        for (k, v) in t.iter() {
            let id = k.get_ref().to_string();
            let what = format!("escalation `{id}`");
            let Some(et) = cx.table(v, &what) else { continue };
            cx.known_keys(et, &["steps", "until"], &what);
            let until = until(&mut cx, &ids, et, &what);
            let mut steps = Vec::new();
            let arr = match et.get("steps") {
                Some(s) => cx.array(s, "`steps`").unwrap_or(&[]),
                None => {
                    cx.err(k.span(), format!("{what} needs `steps`"));
                    &[]
                }
            };
            for (i, s) in arr.iter().enumerate() {
                let Some(st) = cx.table(s, "an escalation step") else { continue };
                cx.known_keys(st, &["notify", "channel", "template", "hand_over", "ack_within"], "an escalation step");
                let notify = cx.req_str(st, "notify", s.span(), "an escalation step").and_then(|(n, span)| cx.who(n, span, false));
                let channel = channel(&mut cx, st, s.span(), "an escalation step");
                let template = cx
                    .req_str(st, "template", s.span(), "an escalation step")
                    .and_then(|(t, span)| ids.check(&mut cx, &ids.templates, "template", t, span).then(|| t.to_owned()));
                let hand_over = st.get("hand_over").and_then(|b| cx.boolean(b, "`hand_over`")).unwrap_or(false);
                let ack_within = cx.opt_str(st, "ack_within", "an escalation step").and_then(|(d, span)| {
                    if i + 1 == arr.len() {
                        cx.err(
                            span.clone(),
                            format!("{what}: the last step's `ack_within` is a timer without a way out (no step follows)"),
                        );
                    }
                    cx.due(d, span)
                });
                if ack_within.is_none() && i + 1 < arr.len() && st.get("ack_within").is_none() {
                    cx.err(s.span(), format!("{what}: step {} has no `ack_within`, so the steps after it never run", i + 1));
                }
                if let (Some(notify), Some(channel), Some(template)) = (notify, channel, template) {
                    steps.push(EscalationStep { notify, channel, template, hand_over, ack_within });
                }
            }
            if arr.is_empty() && et.get("steps").is_some() {
                cx.err(k.span(), format!("{what} has no steps"));
            }
            escalations.insert(id.clone(), EscalationDef { id, steps, until });
        }
    }

    // SLAs.
    let mut slas = BTreeMap::new();
    let mut sla_spans: Vec<(String, Range<usize>)> = Vec::new();
    if let Some(t) = section(&mut cx, "sla") {
        for (k, v) in t.iter() {
            let id = k.get_ref().to_string();
            let what = format!("SLA `{id}`");
            let Some(st) = cx.table(v, &what) else { continue };
            cx.known_keys(st, &["title", "within", "warn_before", "until", "on_warning", "on_breach"], &what);
            let title = cx.opt_str(st, "title", &what).map(|(s, _)| s.to_owned()).unwrap_or_else(|| id.clone());
            let within = cx.req_str(st, "within", k.span(), &what).and_then(|(d, span)| cx.due(d, span));
            let warn_before = cx.opt_str(st, "warn_before", &what).and_then(|(d, span)| match cx.due(d, span.clone())? {
                Due::After(d) | Due::AfterBusiness(d) => Some(d),
                Due::At(_) => {
                    cx.err(span, "`warn_before` is a duration, not a time of day");
                    None
                }
            });
            if matches!(within, Some(Due::At(_))) {
                cx.err(st.get("within").map(|v| v.span()).unwrap_or(k.span()), "`within` is a duration, not a time of day");
            }
            let until = until(&mut cx, &ids, st, &what);
            let on_warning = actions(&mut cx, &ids, &mut uses, st.get("on_warning"), &what);
            if warn_before.is_some() && st.get("on_warning").is_none() {
                cx.err(k.span(), format!("{what} has `warn_before` but no `on_warning` actions"));
            }
            let on_breach = actions(&mut cx, &ids, &mut uses, st.get("on_breach"), &what);
            if st.get("on_breach").is_none()
                || (on_breach.is_empty() && st.get("on_breach").and_then(|v| v.get_ref().as_array()).is_some_and(|a| a.is_empty()))
            {
                cx.err(k.span(), format!("{what}: the breach timer has no way out: give `on_breach` actions"));
            }
            sla_spans.push((id.clone(), k.span()));
            slas.insert(
                id.clone(),
                SlaDef { id, title, within: within.unwrap_or(Due::After(SignedDuration::ZERO)), warn_before, until, on_warning, on_breach },
            );
        }
    }

    // Rules.
    let mut rules = Vec::new();
    let mut order = Vec::new();
    match root.get("rules") {
        None => cx.err(0..0, "the playbook has no `rules`: without them it does nothing"),
        Some(v) => {
            for (i, item) in cx.array(v, "`rules`").unwrap_or(&[]).iter().enumerate() {
                let Some(rt) = cx.table(item, "a rule") else { continue };
                cx.known_keys(rt, &["id", "on", "when", "after", "do"], "a rule");
                let id = cx.opt_str(rt, "id", "a rule").map(|(s, _)| s.to_owned()).unwrap_or_else(|| format!("rules[{i}]"));
                let on = cx.req_str(rt, "on", item.span(), "a rule").and_then(|(s, span)| {
                    TriggerKind::parse(s).or_else(|| {
                        cx.err(span, format!("`{s}` is not a trigger: use {}", TriggerKind::WORDS.join(", ")));
                        None
                    })
                });
                let when = rt.get("when").map(|w| conditions(&mut cx, &ids, w, on)).unwrap_or_default();
                if on == Some(TriggerKind::TimerElapsed) {
                    if when.timer.is_empty() {
                        cx.err(item.span(), "a `timer.elapsed` rule must name its timer: when = { timer = \"…\" }");
                    }
                    uses.handled.extend(when.timer.iter().cloned());
                }
                let what = format!("rule `{id}`");
                if rt.get("do").is_none() {
                    cx.err(item.span(), format!("{what} needs `do`"));
                }
                let acts = actions(&mut cx, &ids, &mut uses, rt.get("do"), &what);
                let after = rt.get("after").map(|v| cx.strings(v, "`after`")).unwrap_or_default();
                if let Some(on) = on {
                    order.push(RuleOrder::of(&id, on, rt.get("when"), &acts, &after));
                    rules.push(Rule { id, on, when, after: after.into_iter().map(|(s, _)| s).collect(), actions: acts });
                }
            }
        }
    }

    // Whole-file checks: rules that depend on the order of the rules above them, timers
    // without a way out, unreachable stages.
    check_rule_order(&mut cx, &order);
    for (timer, span) in &uses.set {
        if !uses.handled.contains(timer) {
            cx.err(
                span.clone(),
                format!("timer `{timer}` is set but no rule handles it: add a rule with on = \"timer.elapsed\", when = {{ timer = \"{timer}\" }}"),
            );
        }
    }
    if !stages.is_empty() {
        let mut reached: BTreeSet<&str> = BTreeSet::from([stages[0].id.as_str()]);
        let mut frontier = vec![stages[0].id.as_str()];
        while let Some(s) = frontier.pop() {
            if let Some(def) = stages.iter().find(|d| d.id == s) {
                for n in &def.next {
                    if reached.insert(n.as_str()) {
                        frontier.push(n.as_str());
                    }
                }
            }
        }
        for (st, span) in stages.iter().zip(&stage_spans).skip(1) {
            if !reached.contains(st.id.as_str()) && !uses.stage_targets.contains(&st.id) {
                cx.err(
                    span.clone(),
                    format!("stage `{}` is unreachable: no stage lists it in `next` and no rule moves a lead to it", st.id),
                );
            }
        }
    }

    check_titles(&mut cx, &name, &languages, &stages, &stage_spans, &outcome_spans, &sla_spans, &task_spans);
    let deal = deal_times(&mut cx, root);

    if !cx.problems.is_empty() {
        cx.problems.sort_by_key(|p| p.span.start);
        return Err(cx.problems);
    }
    Ok(Playbook {
        name,
        title,
        description,
        language,
        languages: languages.into_iter().map(|(l, _)| l).collect(),
        calendar,
        calendar_id,
        calendars,
        stages,
        templates,
        tasks,
        retries,
        pools,
        escalations,
        slas,
        rules,
        deal,
    })
}

/// `[deal]`: the standard time of each milestone of the deal the customer's page shows, each
/// optional; a bad one is reported at its value, naming its key.
fn deal_times(cx: &mut Cx, root: &DeTable) -> DealTimes {
    let mut out = DealTimes::default();
    let Some(v) = root.get("deal") else { return out };
    let Some(t) = cx.table(v, "`deal`") else { return out };
    cx.known_keys(t, &DealTimes::KEYS, "`deal`");
    for key in DealTimes::KEYS {
        let Some(v) = t.get(key) else { continue };
        let Some(s) = cx.string(v, &format!("`deal.{key}`")) else { continue };
        let e = match crate::customer::parse_expect(s) {
            Ok(e) => e,
            Err(m) => {
                cx.err(v.span(), format!("`deal.{key}`: {m}"));
                continue;
            }
        };
        let slot = match key {
            "requisites" => &mut out.requisites,
            "invoice" => &mut out.invoice,
            "payment" => &mut out.payment,
            "delivery" => &mut out.delivery,
            _ => &mut out.delivered,
        };
        *slot = Some(e);
    }
    out
}

/// Every stage, outcome, SLA and task has a title in every language the playbook declares
/// (`languages`): the Fluent message `stage-ID`, `outcome-ID`, `sla-ID` or `task-ID` of the playbook's own
/// texts (`locales/LANG/NAME.ftl`), or of the words every playbook shares (`common.ftl`: the
/// call outcomes and those the phone exchange reports).
#[allow(clippy::too_many_arguments)]
fn check_titles(
    cx: &mut Cx,
    name: &str,
    languages: &[(String, Range<usize>)],
    stages: &[StageDef],
    stage_spans: &[Range<usize>],
    outcomes: &[(String, Range<usize>)],
    slas: &[(String, Range<usize>)],
    tasks: &[(String, Range<usize>)],
) {
    use crate::messages::{Named, shipped_title};
    let builtin = CALL_OUTCOMES.iter().chain(INCOMING_CALL_OUTCOMES);
    for (lang, lang_span) in languages {
        let mut missing = |what: Named, id: &str, span: Range<usize>, noun: &str| {
            if shipped_title(name, lang, what, id).is_none() {
                cx.err(span, format!("{noun} `{id}` has no `{lang}` title: add `{}` to locales/{lang}/{name}.ftl, or leave `{lang}` out of `languages`", what.key(id)));
            }
        };
        for (st, span) in stages.iter().zip(stage_spans) {
            missing(Named::Stage, &st.id, span.clone(), "stage");
        }
        let mut seen = BTreeSet::new();
        for (o, span) in outcomes {
            if seen.insert(o.as_str()) {
                missing(Named::Outcome, o, span.clone(), "outcome");
            }
        }
        for o in builtin.clone() {
            if seen.insert(o) {
                missing(Named::Outcome, o, lang_span.clone(), "outcome");
            }
        }
        for (id, span) in slas {
            missing(Named::Sla, id, span.clone(), "SLA");
        }
        for (id, span) in tasks {
            missing(Named::Task, id, span.clone(), "task");
        }
    }
}

/// What of the lead a rule's conditions read that an earlier rule's actions may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Facet {
    /// Set by `assign`; read by `entered_by` (is the one who entered it the owner?).
    Owner,
    /// Set by `stage` (and whatever its `stage.entered` rules do); read by `stage`.
    Stage,
}

impl Facet {
    fn what(self) -> &'static str {
        match self {
            Facet::Owner => "the owner",
            Facet::Stage => "the stage",
        }
    }
}

/// A rule as the order check sees it.
struct RuleOrder {
    id: String,
    on: TriggerKind,
    /// Condition keys that read a facet, with the key's span.
    reads: Vec<(Facet, &'static str, Range<usize>)>,
    /// Facets its own actions change (before a `stage` action's cascade is added).
    writes: BTreeSet<Facet>,
    after: Vec<(String, Range<usize>)>,
}

impl RuleOrder {
    fn of(id: &str, on: TriggerKind, when: Option<&V>, actions: &[Action], after: &[(String, Range<usize>)]) -> RuleOrder {
        let mut reads = Vec::new();
        if let Some(DeValue::Table(t)) = when.map(|w| w.get_ref()) {
            for (k, _) in t.iter() {
                match k.get_ref().as_ref() {
                    "entered_by" => reads.push((Facet::Owner, "entered_by", k.span())),
                    "stage" => reads.push((Facet::Stage, "stage", k.span())),
                    _ => {}
                }
            }
        }
        let writes = actions
            .iter()
            .filter_map(|a| match a {
                Action::Assign { .. } => Some(Facet::Owner),
                Action::Stage { .. } => Some(Facet::Stage),
                _ => None,
            })
            .collect();
        RuleOrder { id: id.to_owned(), on, reads, writes, after: after.to_vec() }
    }
}

/// The rules of one trigger run in file order, and each sees what the ones above it did. A
/// rule whose conditions read what an earlier rule of the same trigger changes (the owner an
/// `assign` sets, the stage a `stage` action moves to) depends on that order, so it must say
/// so with `after = "RULE"`; an `after` must name such a rule above it.
fn check_rule_order(cx: &mut Cx, rules: &[RuleOrder]) {
    // A `stage` action runs the `stage.entered` rules at once: it changes what they change.
    let cascade: BTreeSet<Facet> =
        rules.iter().filter(|r| r.on == TriggerKind::StageEntered).flat_map(|r| r.writes.iter().copied()).chain([Facet::Stage]).collect();
    let writes = |r: &RuleOrder| -> BTreeSet<Facet> {
        let mut w = r.writes.clone();
        if w.contains(&Facet::Stage) {
            w.extend(cascade.iter().copied());
        }
        w
    };
    for (j, rule) in rules.iter().enumerate() {
        let above: Vec<&RuleOrder> = rules[..j].iter().filter(|r| r.on == rule.on).collect();
        for (facet, key, span) in &rule.reads {
            let unsaid: Vec<&str> = above
                .iter()
                .filter(|r| writes(r).contains(facet) && !rule.after.iter().any(|(a, _)| *a == r.id))
                .map(|r| r.id.as_str())
                .collect();
            if !unsaid.is_empty() {
                let named = unsaid.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ");
                let (which, change) = if unsaid.len() == 1 { ("rule", "changes") } else { ("rules", "change") };
                let on = rule.on.as_str();
                let quoted: Vec<String> = unsaid.iter().map(|r| format!("\"{r}\"")).collect();
                let say = if quoted.len() == 1 { quoted[0].clone() } else { format!("[{}]", quoted.join(", ")) };
                let message = format!(
                    "rule `{}`: `{key}` reads {}, which {which} {named} above it {change}: the `{on}` rules run in file order, so this one depends on that order; say so with after = {say}",
                    rule.id,
                    facet.what(),
                );
                cx.err(span.clone(), message);
            }
        }
        for (name, span) in &rule.after {
            match above.iter().find(|r| r.id == *name) {
                None if rules.iter().any(|r| r.id == *name) => cx.err(
                    span.clone(),
                    format!("rule `{}`: `after`: rule `{name}` is not one of the `{}` rules above this one", rule.id, rule.on.as_str()),
                ),
                None => cx.err(span.clone(), format!("rule `{}`: `after`: there is no rule `{name}`", rule.id)),
                Some(r) if !rule.reads.iter().any(|(f, _, _)| writes(r).contains(f)) => cx.err(
                    span.clone(),
                    format!("rule `{}`: `after`: rule `{name}` changes nothing this rule's conditions read", rule.id),
                ),
                Some(_) => {}
            }
        }
    }
}

/// `[stages.customer]`: `hidden`, `expect`, `who` and one `{ title, description }` per language.
fn customer_stage(cx: &mut Cx, v: &V, stage: &str) -> Option<CustomerStage> {
    let what = format!("the customer texts of stage `{stage}`");
    let t = cx.table(v, &what)?;
    let mut allowed: Vec<&str> = vec!["hidden", "expect", "who"];
    allowed.extend(crate::messages::LANGUAGES);
    cx.known_keys(t, &allowed, &what);
    let mut out = CustomerStage { hidden: t.get("hidden").and_then(|h| cx.boolean(h, "`hidden`")).unwrap_or(false), ..Default::default() };
    if let Some((e, span)) = cx.opt_str(t, "expect", &what) {
        match crate::customer::parse_expect(e) {
            Ok(x) => out.expect = Some(x),
            Err(m) => cx.err(span, m),
        }
    }
    if let Some((w, span)) = cx.opt_str(t, "who", &what) {
        out.who = cx.role(w, span);
    }
    for lang in crate::messages::LANGUAGES {
        let Some(lv) = t.get(*lang) else { continue };
        let lwhat = format!("the `{lang}` text of stage `{stage}`");
        let Some(lt) = cx.table(lv, &lwhat) else { continue };
        cx.known_keys(lt, &["title", "description"], &lwhat);
        let title = match cx.req_str(lt, "title", lv.span(), &lwhat) {
            Some((s, span)) if s.trim().is_empty() => {
                cx.err(span, format!("{lwhat}: `title` must not be empty"));
                continue;
            }
            Some((s, span)) if s.chars().count() > 80 => {
                cx.err(span, format!("{lwhat}: `title` is longer than 80 characters"));
                continue;
            }
            Some((s, _)) => s.trim().to_owned(),
            None => continue,
        };
        let description = match cx.opt_str(lt, "description", &lwhat) {
            Some((s, span)) if s.chars().count() > 600 => {
                cx.err(span, format!("{lwhat}: `description` is longer than 600 characters"));
                String::new()
            }
            Some((s, _)) => s.trim().to_owned(),
            None => String::new(),
        };
        out.texts.insert((*lang).to_owned(), CustomerText { title, description });
    }
    if out.hidden && !out.texts.is_empty() {
        cx.err(v.span(), format!("stage `{stage}` is `hidden` from the customer: it has no customer texts"));
    }
    if !out.hidden && out.texts.is_empty() {
        cx.err(v.span(), format!("{what}: give a title in at least one language ({}), or `hidden = true`", crate::messages::LANGUAGES.join(", ")));
    }
    Some(out)
}

/// Customer texts are all or nothing: once one stage has them, every stage needs them (or
/// `hidden = true`), in the same languages, including the playbook's customers' language; the
/// first stage cannot be hidden.
fn check_customer_texts(cx: &mut Cx, stages: &mut [StageDef], spans: &[Range<usize>], language: Option<&str>) {
    let Some(model) = stages.iter().find(|s| s.customer.as_ref().is_some_and(|c| !c.hidden)) else {
        for (s, span) in stages.iter().zip(spans) {
            if s.customer.is_some() {
                cx.err(span.clone(), format!("stage `{}` is hidden from the customer, but no stage has customer texts", s.id));
            }
        }
        return;
    };
    let langs: Vec<String> = model.customer.as_ref().map(|c| c.texts.keys().cloned().collect()).unwrap_or_default();
    let model_id = model.id.clone();
    if let Some(l) = language
        && !langs.iter().any(|x| x == l)
    {
        cx.err(spans[0].clone(), format!("the playbook's customers read `{l}`, but stage `{model_id}` has no `{l}` customer text"));
    }
    for (i, (s, span)) in stages.iter().zip(spans).enumerate() {
        match &s.customer {
            None => cx.err(
                span.clone(),
                format!("stage `{}` has no customer texts (`[stages.customer]`), which the other stages have; add them or `hidden = true`", s.id),
            ),
            Some(c) if c.hidden && i == 0 => cx.err(span.clone(), format!("stage `{}` is where every lead starts: it cannot be hidden from the customer", s.id)),
            Some(c) if c.hidden => {}
            Some(c) => {
                let have: Vec<&String> = c.texts.keys().collect();
                for l in &langs {
                    if !have.contains(&l) {
                        cx.err(span.clone(), format!("stage `{}` has no `{l}` customer text, which stage `{model_id}` has", s.id));
                    }
                }
                for l in have {
                    if !langs.contains(l) {
                        cx.err(span.clone(), format!("stage `{}` has a `{l}` customer text, which stage `{model_id}` does not", s.id));
                    }
                }
            }
        }
    }
}

fn check_placeholders(cx: &mut Cx, text: &str, span: Range<usize>) {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = after[..close].trim();
                if !PLACEHOLDERS.contains(&name) {
                    cx.err(span.clone(), format!("unknown placeholder `{{{name}}}`; known: {}", PLACEHOLDERS.join(", ")));
                }
                rest = &after[close + 1..];
            }
            None => {
                cx.err(span.clone(), "a `{` without its `}`");
                break;
            }
        }
    }
}

fn channel(cx: &mut Cx, t: &DeTable, at: Range<usize>, what: &str) -> Option<String> {
    let (c, span) = cx.req_str(t, "channel", at, what)?;
    if CHANNELS.contains(&c) {
        Some(c.to_owned())
    } else {
        cx.err(span, format!("`{c}` is not a channel: use {}", CHANNELS.join(", ")));
        None
    }
}

fn until(cx: &mut Cx, ids: &Ids, t: &DeTable, what: &str) -> Until {
    let Some((u, span)) = cx.opt_str(t, "until", what) else { return Until::Response };
    if u == "response" {
        Until::Response
    } else if u == "reaction" {
        Until::Reaction
    } else if let Some(s) = u.strip_prefix("stage:") {
        ids.check(cx, &ids.stages, "stage", s, span);
        Until::Stage(s.to_owned())
    } else if let Some(s) = u.strip_prefix("task:") {
        ids.check(cx, &ids.tasks, "task", s, span);
        Until::Task(s.to_owned())
    } else {
        cx.err(span, format!("`until = \"{u}\"`: use response, reaction, stage:STAGE or task:TASK"));
        Until::Response
    }
}

const CONDITION_KEYS: &[&str] = &[
    "channel",
    "has_phone",
    "has_email",
    "customer_type",
    "postal_code",
    "product",
    "source",
    "language",
    "entered_by",
    "entered_by_role",
    "time",
    "hours",
    "stage",
    "task",
    "outcome",
    "activity",
    "direction",
    "response",
    "responded",
    "timer",
    "field",
    "min_refusals",
    "max_refusals",
];

/// The fields a `field.changed` rule may watch.
pub const FIELDS: &[&str] = &["owner", "status", "customer_type", "subject", "message", "postal_code", "product", "language", "source"];

fn conditions(cx: &mut Cx, ids: &Ids, v: &V, on: Option<TriggerKind>) -> Conditions {
    let mut c = Conditions::default();
    let Some(t) = cx.table(v, "`when`") else { return c };
    cx.known_keys(t, CONDITION_KEYS, "`when`");
    for (k, v) in t.iter() {
        let key = k.get_ref().as_ref();
        let only = |cx: &mut Cx, kinds: &[TriggerKind]| {
            if let Some(on) = on
                && !kinds.contains(&on)
            {
                cx.err(k.span(), format!("`{key}` does not apply to `{}` rules", on.as_str()));
            }
        };
        match key {
            "has_phone" => c.has_phone = cx.boolean(v, "`has_phone`"),
            "has_email" => c.has_email = cx.boolean(v, "`has_email`"),
            "response" => {
                only(cx, &[TriggerKind::ActivityLogged]);
                c.response = cx.boolean(v, "`response`")
            }
            "responded" => c.responded = cx.boolean(v, "`responded`"),
            "min_refusals" | "max_refusals" => {
                only(cx, TriggerKind::OFFERS);
                let n = match v.get_ref() {
                    DeValue::Integer(i) => i.as_str().parse::<u32>().ok().filter(|n| (1..=100).contains(n)),
                    _ => None,
                };
                match n {
                    None => cx.err(v.span(), format!("`{key}` must be a whole number from 1 to 100")),
                    Some(n) if key == "min_refusals" => c.min_refusals = Some(n),
                    Some(n) => c.max_refusals = Some(n),
                }
            }
            "time" => match cx.string(v, "`time`") {
                Some("working") => c.working_time = Some(true),
                Some("after_hours") => c.working_time = Some(false),
                Some(other) => cx.err(v.span(), format!("`time = \"{other}\"`: use working or after_hours")),
                None => {}
            },
            _ => {
                let list = cx.strings(v, &format!("`{key}`"));
                for (s, span) in list {
                    match key {
                        "channel" => match Channel::parse(&s) {
                            Ok(ch) => c.channel.push(ch),
                            Err(e) => cx.err(span, format!("channel: {}", e.0)),
                        },
                        "customer_type" => match CustomerType::parse(&s) {
                            Ok(ct) => c.customer_type.push(ct),
                            Err(_) if s == "unknown" => c.customer_type_known = Some(false),
                            Err(e) => cx.err(span, format!("customer_type: {} or unknown", e.0)),
                        },
                        "postal_code" => match parse_postal(&s) {
                            Some(m) => c.postal_code.push(m),
                            None => cx.err(span, format!("`{s}` is not a postal-code prefix (110) or range (100-199)")),
                        },
                        "product" => c.product.push(s.to_lowercase()),
                        "source" => c.source.push(s.to_lowercase()),
                        "language" => c.language.push(s.to_lowercase()),
                        "entered_by" => match s.as_str() {
                            "nobody" => c.entered_by.push(EnteredBy::Nobody),
                            "owner" => c.entered_by.push(EnteredBy::Owner),
                            "other" => c.entered_by.push(EnteredBy::Other),
                            _ => cx.err(span, format!("`{s}` is not who entered a lead: use nobody, owner or other")),
                        },
                        "entered_by_role" => {
                            if let Some(r) = cx.role(&s, span) {
                                c.entered_by_role.push(r)
                            }
                        }
                        "hours" => match parse_window(&s) {
                            Some(w) => c.hours.push(w),
                            None => cx.err(span, format!("`{s}` is not a span of the day like 08:00-12:00")),
                        },
                        "stage" => {
                            ids.check(cx, &ids.stages, "stage", &s, span);
                            c.stage.push(s)
                        }
                        "task" => {
                            only(cx, &[TriggerKind::TaskCompleted]);
                            ids.check(cx, &ids.tasks, "task", &s, span);
                            c.task.push(s)
                        }
                        "outcome" => {
                            only(cx, &[TriggerKind::TaskCompleted, TriggerKind::ActivityLogged]);
                            ids.check(cx, &ids.outcomes, "outcome", &s, span);
                            c.outcome.push(s)
                        }
                        "activity" => {
                            only(cx, &[TriggerKind::ActivityLogged]);
                            if pronto_domain::lead::ActivityKind::parse(&s).is_err() {
                                let all: Vec<&str> = pronto_domain::lead::ActivityKind::ALL.iter().map(|k| k.as_str()).collect();
                                cx.err(span, format!("`{s}` is not an activity: use {}", all.join(", ")));
                            }
                            c.activity.push(s)
                        }
                        "direction" => {
                            only(cx, &[TriggerKind::ActivityLogged]);
                            if s != "in" && s != "out" {
                                cx.err(span, format!("`{s}` is not a direction: use in or out"));
                            }
                            c.direction.push(s)
                        }
                        "timer" => {
                            only(cx, &[TriggerKind::TimerElapsed]);
                            c.timer.push(s)
                        }
                        "field" => {
                            only(cx, &[TriggerKind::FieldChanged]);
                            if !FIELDS.contains(&s.as_str()) {
                                cx.err(span, format!("`{s}` is not a field: use {}", FIELDS.join(", ")));
                            }
                            c.field.push(s)
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    c
}

fn parse_postal(s: &str) -> Option<PostalMatch> {
    let s = s.trim().replace(' ', "");
    match s.split_once('-') {
        Some((a, b)) => {
            if a.is_empty() || a.len() != b.len() || !a.chars().chain(b.chars()).all(|c| c.is_ascii_digit()) {
                return None;
            }
            let (from, to) = (a.parse().ok()?, b.parse().ok()?);
            (from <= to).then_some(PostalMatch::Range { digits: a.len(), from, to })
        }
        None => {
            let p = s.trim_end_matches('*');
            (!p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric())).then(|| PostalMatch::Prefix(p.to_owned()))
        }
    }
}

const VERBS: &[&str] = &[
    "assign",
    "task",
    "cancel_tasks",
    "notify",
    "stage",
    "timer",
    "cancel_timer",
    "webhook",
    "escalate",
    "stop_escalation",
    "start_sla",
    "stop_sla",
];

fn actions(cx: &mut Cx, ids: &Ids, uses: &mut TimerUse, v: Option<&V>, what: &str) -> Vec<Action> {
    let Some(v) = v else { return vec![] };
    let Some(arr) = cx.array(v, &format!("the actions of {what}")) else { return vec![] };
    arr.iter().filter_map(|a| action(cx, ids, uses, a)).collect()
}

fn action(cx: &mut Cx, ids: &Ids, uses: &mut TimerUse, v: &V) -> Option<Action> {
    let t = cx.table(v, "an action")?;
    let verbs: Vec<&str> = t.iter().map(|(k, _)| k.get_ref().as_ref()).filter(|k| VERBS.contains(k)).collect();
    if verbs.len() != 1 {
        cx.err(v.span(), format!("an action needs exactly one of: {}", VERBS.join(", ")));
        return None;
    }
    let verb = verbs[0];
    let (arg, arg_span) = cx.req_str(t, verb, v.span(), "an action")?;
    let arg = arg.to_owned();
    let allowed: &[&str] = match verb {
        "task" => &["task", "assignee", "due"],
        "notify" => &["notify", "channel", "template", "urgent", "fallback"],
        "timer" => &["timer", "after", "at"],
        "webhook" => &["webhook", "template"],
        other => std::slice::from_ref(VERBS.iter().find(|v| **v == other).expect("a verb")),
    };
    cx.known_keys(t, allowed, &format!("a `{verb}` action"));
    let ok = |cx: &mut Cx, set: &BTreeSet<String>, what: &str| ids.check(cx, set, what, &arg, arg_span.clone()).then_some(());
    Some(match verb {
        "assign" => {
            ok(cx, &ids.pools, "assignment")?;
            Action::Assign { pool: arg }
        }
        "task" => {
            ok(cx, &ids.tasks, "task")?;
            let assignee = cx.opt_str(t, "assignee", "a task action").and_then(|(s, span)| cx.who(s, span, false));
            let due = cx.opt_str(t, "due", "a task action").and_then(|(s, span)| cx.due(s, span));
            Action::Task { task: arg, assignee, due }
        }
        "cancel_tasks" => {
            let task = if arg == "*" { None } else { ok(cx, &ids.tasks, "task").map(|()| arg.clone()) };
            Action::CancelTasks { task }
        }
        "notify" => {
            let who = cx.who(&arg, arg_span.clone(), true)?;
            let channel = channel(cx, t, v.span(), "a notify action")?;
            if who == Who::Customer && !matches!(channel.as_str(), "sms" | "email") {
                cx.err(arg_span.clone(), "the customer can be notified by sms or email only");
            }
            let template = cx
                .req_str(t, "template", v.span(), "a notify action")
                .and_then(|(s, span)| ids.check(cx, &ids.templates, "template", s, span).then(|| s.to_owned()))?;
            let urgent = t.get("urgent").and_then(|b| cx.boolean(b, "`urgent`")).unwrap_or(false);
            let fallback = cx
                .opt_str(t, "fallback", "a notify action")
                .and_then(|(s, span)| ids.check(cx, &ids.escalations, "escalation", s, span).then(|| s.to_owned()));
            Action::Notify { who, channel, template, urgent, fallback }
        }
        "stage" => {
            ok(cx, &ids.stages, "stage")?;
            uses.stage_targets.insert(arg.clone());
            Action::Stage { stage: arg }
        }
        "timer" => {
            let due = match (cx.opt_str(t, "after", "a timer action"), cx.opt_str(t, "at", "a timer action")) {
                (Some((s, span)), None) | (None, Some((s, span))) => cx.due(s, span)?,
                _ => {
                    cx.err(v.span(), "a timer action needs one of `after` or `at`");
                    return None;
                }
            };
            uses.set.push((arg.clone(), arg_span));
            Action::SetTimer { timer: arg, due }
        }
        "cancel_timer" => Action::CancelTimer { timer: arg },
        "webhook" => {
            if !(arg.starts_with("https://") || arg.starts_with("http://")) {
                cx.err(arg_span, format!("`{arg}` is not an http(s) URL"));
            }
            let template = cx
                .opt_str(t, "template", "a webhook action")
                .and_then(|(s, span)| ids.check(cx, &ids.templates, "template", s, span).then(|| s.to_owned()));
            Action::Webhook { url: arg, template }
        }
        "escalate" => {
            ok(cx, &ids.escalations, "escalation")?;
            uses.escalations_started.insert(arg.clone());
            Action::Escalate { chain: arg }
        }
        "stop_escalation" => {
            ok(cx, &ids.escalations, "escalation")?;
            Action::StopEscalation { chain: arg }
        }
        "start_sla" => {
            ok(cx, &ids.slas, "SLA")?;
            uses.slas_started.insert(arg.clone());
            Action::StartSla { sla: arg }
        }
        "stop_sla" => {
            ok(cx, &ids.slas, "SLA")?;
            Action::StopSla { sla: arg }
        }
        _ => unreachable!("checked above"),
    })
}
