//! The admin's staffing simulator (`/admin/simulate`, issue 23): the company's inquiries of
//! the last days replayed through its playbook twice — with the team as it is now (A) and as
//! changed in a form (B: people left out, working hours Monday to Friday, how fast each one
//! answers, people added by role) — no TOML to type. Both runs' figures side by side and both
//! response-time distributions in one inline SVG chart. The simulator is the `pronto` crate's
//! (`crate::simulator`, handed in by `pronto serve`); nothing changes in the registry.

use super::error::PageResult;
use super::{LANGUAGES, Signed, fail, i18n::Tr, page};
use crate::AppState;
use crate::auth::Caller;
use crate::charts::{Bar, pairs};
use askama::Template;
use axum::Router;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use jiff::SignedDuration;
use pronto_domain::calendar::Calendar;
use pronto_domain::staffing::{self, Delay, Person, Team};
use pronto_domain::user::Role;
use std::collections::HashMap;
use std::sync::Arc;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/admin/simulate", get(form_page).post(run))
}

/// How many people the form offers to add.
const NEW_ROWS: usize = 2;
/// The roles a person added may have.
const ROLES: &[&str] = &["consultant", "secretary", "coordinator", "specialist", "manager"];
const DEFAULT_DAYS: u32 = 90;
const SEED: u64 = 1;

/// One person's row of the form, as shown or as typed.
struct Row {
    key: String,
    name: String,
    role: String,
    keep: bool,
    from: String,
    to: String,
    delay: String,
}

/// One line of the results: a label and the two runs' figures.
struct Line {
    label: String,
    a: String,
    b: String,
}

#[derive(Template)]
#[template(path = "admin_simulate.html")]
struct SimulatePage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    available: bool,
    days: String,
    rows: Vec<Row>,
    new_rows: Vec<Row>,
    roles: Vec<(String, String)>,
    errors: Vec<String>,
    period: Option<String>,
    lines: Vec<Line>,
    chart: Option<String>,
}

/// `minutes` with at most one decimal, as typed in the form.
fn minutes_text(d: SignedDuration) -> String {
    let m = d.as_secs_f64() / 60.0;
    let s = format!("{m:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

fn median(d: &Delay) -> SignedDuration {
    match d {
        Delay::Fixed(d) => *d,
        Delay::LogNormal { median, .. } => *median,
    }
}

/// The form's hours of a person: from the first opening to the last closing of their first
/// working day; empty when they keep the office's hours.
fn hours_of(p: &Person) -> (String, String) {
    let Some((days, _)) = &p.hours else { return (String::new(), String::new()) };
    let Some((_, spec)) = days.first() else { return (String::new(), String::new()) };
    let f = pronto_domain::office_hours::day_form(spec);
    (f.from, f.to)
}

fn rows_of(t: &Tr, team: &Team) -> Vec<Row> {
    team.people
        .iter()
        .map(|p| {
            let (from, to) = hours_of(p);
            Row {
                key: p.login.clone(),
                name: p.name.clone(),
                role: t.t(&format!("words-role-{}", p.role.as_str())),
                keep: true,
                from,
                to,
                delay: minutes_text(median(&p.delay)),
            }
        })
        .collect()
}

fn blank_rows() -> Vec<Row> {
    (1..=NEW_ROWS)
        .map(|k| Row {
            key: format!("new{k}"),
            name: String::new(),
            role: String::new(),
            keep: false,
            from: "09:00".into(),
            to: "17:00".into(),
            delay: "3".into(),
        })
        .collect()
}

fn roles(t: &Tr) -> Vec<(String, String)> {
    ROLES.iter().map(|r| ((*r).to_owned(), t.t(&format!("words-role-{r}")))).collect()
}

#[allow(clippy::too_many_arguments)]
fn render(
    st: &AppState,
    c: &Caller,
    t: Arc<Tr>,
    days: String,
    rows: Vec<Row>,
    new_rows: Vec<Row>,
    errors: Vec<String>,
    results: Option<(String, Vec<Line>, String)>,
) -> Response {
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let (period, lines, chart) = match results {
        Some((p, l, c)) => (Some(p), l, Some(c)),
        None => (None, vec![], None),
    };
    let mut r = page(SimulatePage {
        admin: true,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "admin",
        languages: LANGUAGES,
        available: st.simulator.is_some(),
        days,
        rows,
        new_rows,
        roles: roles(&t),
        errors,
        period,
        lines,
        chart,
        t,
    });
    *r.status_mut() = status;
    r
}

async fn form_page(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    crate::app::require_admin(&c).map_err(fail(&st, &c, &t, "/inbox"))?;
    let Some(sim) = st.simulator.clone() else {
        return Ok(render(&st, &c, t, DEFAULT_DAYS.to_string(), vec![], vec![], vec![], None));
    };
    match sim.company_team(DEFAULT_DAYS).await {
        Ok(team) => {
            let rows = rows_of(&t, &team);
            Ok(render(&st, &c, t, DEFAULT_DAYS.to_string(), rows, blank_rows(), vec![], None))
        }
        Err(e) => {
            let e = sim_error(&t, e);
            Ok(render(&st, &c, t, DEFAULT_DAYS.to_string(), vec![], blank_rows(), vec![e], None))
        }
    }
}

/// A `HH:MM` time of the form, or the problem in the reader's words.
fn time_field(t: &Tr, who: &str, v: &str, errors: &mut Vec<String>) -> Option<String> {
    let v = v.trim();
    let ok = v
        .split_once(':')
        .and_then(|(h, m)| Some((h.parse::<u8>().ok()?, m.parse::<u8>().ok()?)))
        .is_some_and(|(h, m)| (h < 24 && m < 60 && m.to_string().len() <= 2) || (h == 24 && m == 0));
    if ok {
        Some(v.to_owned())
    } else {
        errors.push(t.with("sim-err-time", &[("who", who), ("v", v)]));
        None
    }
}

/// Team B from team A and the form: who stays, their hours and delay, who is added. Every
/// problem is named with the person it is about.
fn changed_team(t: &Tr, a: &Team, f: &HashMap<String, String>, errors: &mut Vec<String>) -> Team {
    let get = |k: &str| f.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let zone = a.time_zone.iana_name().unwrap_or("UTC").to_owned();
    let hours = |who: &str, from: &str, to: &str, errors: &mut Vec<String>| -> Option<Option<(Vec<(&'static str, String)>, Calendar)>> {
        if from.is_empty() && to.is_empty() {
            return Some(None);
        }
        let (from, to) = (time_field(t, who, from, errors)?, time_field(t, who, to, errors)?);
        let spec = format!("{from}-{to}");
        let days: Vec<(&'static str, String)> = ["mon", "tue", "wed", "thu", "fri"].iter().map(|d| (*d, spec.clone())).collect();
        let refs: Vec<(&str, &str)> = days.iter().map(|(d, s)| (*d, s.as_str())).collect();
        match Calendar::parse(&zone, &refs, &[]) {
            Ok(cal) => Some(Some((days, cal))),
            Err(_) => {
                errors.push(t.with("sim-err-hours", &[("who", who), ("from", &from), ("to", &to)]));
                None
            }
        }
    };
    let delay = |who: &str, v: &str, errors: &mut Vec<String>| -> Option<SignedDuration> {
        match v.replace(',', ".").parse::<f64>() {
            Ok(m) if (0.0..=480.0).contains(&m) => Some(SignedDuration::from_secs((m * 60.0).round() as i64)),
            _ => {
                errors.push(t.with("sim-err-delay", &[("who", who), ("v", v)]));
                None
            }
        }
    };
    let mut people = Vec::new();
    for p in &a.people {
        let key = &p.login;
        if get(&format!("keep_{key}")).is_empty() {
            continue;
        }
        let mut q = p.clone();
        let (from0, to0) = hours_of(p);
        let (from, to) = (get(&format!("from_{key}")), get(&format!("to_{key}")));
        if (from.as_str(), to.as_str()) != (from0.as_str(), to0.as_str())
            && let Some(h) = hours(&p.name, &from, &to, errors)
        {
            q.hours = h;
        }
        let typed = get(&format!("delay_{key}"));
        if typed != minutes_text(median(&p.delay))
            && let Some(d) = delay(&p.name, &typed, errors)
        {
            q.delay = match p.delay {
                Delay::LogNormal { spread, .. } => Delay::LogNormal { median: d, spread },
                Delay::Fixed(_) => Delay::Fixed(d),
            };
        }
        people.push(q);
    }
    for k in 1..=NEW_ROWS {
        let role = get(&format!("role_new{k}"));
        if role.is_empty() {
            continue;
        }
        let name = t.with("sim-new-name", &[("n", &k.to_string())]);
        let Ok(role) = Role::parse(&role).map_err(|_| errors.push(t.with("sim-err-role", &[("v", &role)]))) else { continue };
        let from = get(&format!("from_new{k}"));
        let to = get(&format!("to_new{k}"));
        let h = hours(&name, &from, &to, errors);
        let d = delay(&name, &get(&format!("delay_new{k}")), errors);
        if let (Some(hours), Some(d)) = (h, d) {
            people.push(Person {
                login: format!("new{k}"),
                name,
                role,
                hours,
                meetings: vec![],
                delay: Delay::LogNormal { median: d, spread: 0.8 },
                answers: 1.0,
            });
        }
    }
    if people.is_empty() {
        errors.push(t.t("sim-err-nobody"));
    }
    Team { time_zone: a.time_zone.clone(), customer_answers: a.customer_answers, people }
}

/// The rows as typed, to show the form again.
fn typed_rows(t: &Tr, a: &Team, f: &HashMap<String, String>) -> (Vec<Row>, Vec<Row>) {
    let get = |k: &str| f.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let rows = rows_of(t, a)
        .into_iter()
        .map(|r| Row {
            keep: !get(&format!("keep_{}", r.key)).is_empty(),
            from: get(&format!("from_{}", r.key)),
            to: get(&format!("to_{}", r.key)),
            delay: get(&format!("delay_{}", r.key)),
            ..r
        })
        .collect();
    let new_rows = blank_rows()
        .into_iter()
        .map(|r| Row {
            role: get(&format!("role_{}", r.key)),
            from: get(&format!("from_{}", r.key)),
            to: get(&format!("to_{}", r.key)),
            delay: get(&format!("delay_{}", r.key)),
            ..r
        })
        .collect();
    (rows, new_rows)
}

fn sim_error(t: &Tr, e: crate::simulator::SimError) -> String {
    match e {
        crate::simulator::SimError::NoHistory => t.t("sim-no-history"),
        crate::simulator::SimError::Failed(e) => t.with("sim-failed", &[("e", &e)]),
    }
}

/// A duration in the reader's words, or "not answered".
fn rank(t: &Tr, v: Option<i64>) -> String {
    match v {
        Some(s) => super::reports::words::duration(t, s as f64),
        None => t.t("sim-not-answered"),
    }
}

fn sla_percent(f: &staffing::Figures) -> String {
    let (met, breached) = f.sla.iter().fold((0, 0), |(m, b), s| (m + s.met, b + s.breached));
    if met + breached == 0 { "—".into() } else { format!("{:.1} %", met as f64 * 100.0 / (met + breached) as f64) }
}

async fn run(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<HashMap<String, String>>) -> PageResult {
    crate::app::require_admin(&c).map_err(fail(&st, &c, &t, "/inbox"))?;
    let days_text = f.get("days").map(|d| d.trim().to_owned()).unwrap_or_default();
    let Some(sim) = st.simulator.clone() else {
        return Ok(render(&st, &c, t, days_text, vec![], vec![], vec![], None));
    };
    let mut errors = Vec::new();
    let days = match days_text.parse::<u32>() {
        Ok(d) if (1..=365).contains(&d) => d,
        _ => {
            errors.push(t.with("sim-err-days", &[("v", &days_text)]));
            DEFAULT_DAYS
        }
    };
    let a = match sim.company_team(days).await {
        Ok(a) => a,
        Err(e) => {
            let e = sim_error(&t, e);
            return Ok(render(&st, &c, t, days_text, vec![], blank_rows(), vec![e], None));
        }
    };
    let b = changed_team(&t, &a, &f, &mut errors);
    let (rows, new_rows) = typed_rows(&t, &a, &f);
    if !errors.is_empty() {
        return Ok(render(&st, &c, t, days_text, rows, new_rows, errors, None));
    }
    let [ra, rb] = match sim.compare(days, [a, b], SEED).await {
        Ok(r) => r,
        Err(e) => {
            let e = sim_error(&t, e);
            return Ok(render(&st, &c, t, days_text, rows, new_rows, vec![e], None));
        }
    };
    let zone = st.store.office_zone();
    let date = |ts: jiff::Timestamp| ts.to_zoned(zone.clone()).strftime("%Y-%m-%d").to_string();
    let period = t.with(
        "sim-period",
        &[("n", &ra.figures.leads.to_string()), ("from", &date(ra.first)), ("to", &date(ra.last)), ("days", &days.to_string())],
    );
    let (fa, fb) = (&ra.figures, &rb.figures);
    let mut lines = vec![
        Line { label: t.t("sim-sla"), a: sla_percent(fa), b: sla_percent(fb) },
        Line { label: t.t("sim-answered"), a: format!("{} / {}", fa.answered, fa.leads), b: format!("{} / {}", fb.answered, fb.leads) },
        Line { label: t.t("sim-p50"), a: rank(&t, fa.wall.p50), b: rank(&t, fb.wall.p50) },
        Line { label: t.t("sim-p90"), a: rank(&t, fa.wall.p90), b: rank(&t, fb.wall.p90) },
        Line { label: t.t("sim-work-p50"), a: rank(&t, fa.business.p50), b: rank(&t, fb.business.p50) },
        Line { label: t.t("sim-work-p90"), a: rank(&t, fa.business.p90), b: rank(&t, fb.business.p90) },
    ];
    let mut names: Vec<&str> = fa.load.iter().map(|l| l.name.as_str()).collect();
    names.extend(fb.load.iter().map(|l| l.name.as_str()).filter(|n| !fa.load.iter().any(|l| l.name == *n)));
    for name in names {
        let per = |f: &staffing::Figures| {
            f.load.iter().find(|l| l.name == name).map(|l| format!("{:.1}", l.per_day())).unwrap_or_else(|| "—".into())
        };
        lines.push(Line { label: t.with("sim-load", &[("who", name)]), a: per(fa), b: per(fb) });
    }
    let labels: Vec<String> =
        staffing::BUCKETS.iter().map(|(_, k)| t.t(&format!("sim-bucket-{k}"))).chain(std::iter::once(t.t("sim-not-answered"))).collect();
    let bars = |f: &staffing::Figures| -> Vec<Bar> {
        labels.iter().zip(f.distribution).map(|(l, n)| Bar { label: l.clone(), value: n as f64, text: n.to_string(), href: None }).collect()
    };
    let chart = pairs(&t.t("sim-chart"), (&t.t("sim-a"), &t.t("sim-b")), &bars(fa), &bars(fb), t.dir() == "rtl");
    Ok(render(&st, &c, t, days_text, rows, new_rows, vec![], Some((period, lines, chart))))
}
