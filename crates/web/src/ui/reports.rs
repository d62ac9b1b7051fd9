//! The report pages. `GET /reports` shows, for a window of office days, response time, the
//! funnel with call attempts, the weekly trend, SLA compliance and customer feedback — each as
//! server-rendered SVG charts (`crate::charts`) with a small table whose every figure links to
//! `GET /reports/leads`, the leads behind it (the API's drill-down, as a page). CSV and XLSX
//! are the API's own exports with the same query (a GET takes the session cookie). The figures
//! are `app::reports`'; this file only words and draws them in the reader's language, Hebrew
//! right to left.

use super::i18n::Tr;
use super::{LANGUAGES, Signed, local, page, user_tz};
use crate::AppState;
use crate::app::reports::{self as api, Checked, ReportQuery};
use crate::charts::{self, Bar};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, Timestamp};
use pronto_domain::FieldErrors;
use pronto_domain::tally::{Dim, EDGES};
use pronto_domain::user::{Action, Role};
use std::collections::HashMap;
use std::sync::Arc;
use words::*;

mod drill;
mod words;

pub(super) use drill::drill_page;

/// The groupings the picker offers (the API also takes `all` and `playbook`).
const DIMS: [Dim; 6] = [Dim::Channel, Dim::Owner, Dim::Source, Dim::Segment, Dim::Hour, Dim::Weekday];

/// One cell: a figure and, when leads stand behind it, the link to them.
struct Fig {
    text: String,
    href: Option<String>,
    /// A tooltip (the count behind a share).
    title: Option<String>,
}

impl Fig {
    fn text(s: impl Into<String>) -> Fig {
        Fig { text: s.into(), href: None, title: None }
    }
    fn link(s: impl Into<String>, href: String) -> Fig {
        Fig { text: s.into(), href: Some(href), title: None }
    }
}

/// A small table; the first cell of a row names it.
struct Tbl {
    caption: Option<String>,
    head: Vec<String>,
    rows: Vec<Vec<Fig>>,
}

/// A report's part of the page.
struct Section {
    id: &'static str,
    title: String,
    /// SVG, escaped by `charts`.
    charts: Vec<String>,
    notes: Vec<String>,
    tables: Vec<Tbl>,
    /// (label, link) of the CSV/XLSX exports.
    downloads: Vec<(&'static str, String)>,
}

/// The window, grouping, playbook and time-basis picker.
struct Picker {
    from: String,
    to: String,
    group_by: String,
    time: String,
    playbook: String,
    dims: Vec<(&'static str, String)>,
    playbooks: Vec<(String, String)>,
    presets: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "reports.html")]
struct ReportsPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    title: String,
    subtitle: Option<String>,
    errors: Vec<String>,
    picker: Option<Picker>,
    sections: Vec<Section>,
    /// The drill-down's next page and the way back to the reports.
    next: Option<String>,
    back: Option<String>,
}

impl ReportsPage {
    fn new(st: &AppState, c: &crate::auth::Caller, t: Arc<Tr>, title: String) -> Self {
        ReportsPage {
            t,
            admin: c.role == Role::Admin,
            now_iso: st.clock.now().to_string(),
            me: Some(c.user.name.clone()),
            page: "reports",
            languages: LANGUAGES,
            title,
            subtitle: None,
            errors: vec![],
            picker: None,
            sections: vec![],
            next: None,
            back: None,
        }
    }

    fn render(self, status: StatusCode) -> Response {
        let mut r = page(self);
        if r.status() == StatusCode::OK {
            *r.status_mut() = status;
        }
        r
    }
}

/// A query string.
fn qs(pairs: &[(&str, String)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// The query's non-empty, trimmed value of `k`.
fn arg(q: &HashMap<String, String>, k: &str) -> Option<String> {
    q.get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn day_start(d: Date, zone: &TimeZone) -> Option<Timestamp> {
    d.to_zoned(zone.clone()).ok().map(|z| z.timestamp())
}

/// A window bound as the API takes it (RFC 3339) from the page's: a date of the office
/// (`to` inclusive) or an RFC 3339 time (the links carry those).
fn bound(e: &mut FieldErrors, field: &str, v: Option<String>, zone: &TimeZone, end: bool) -> Option<String> {
    let v = v?;
    if v.parse::<Timestamp>().is_ok() {
        return Some(v);
    }
    match v.parse::<Date>() {
        Ok(d) => day_start(if end { d.tomorrow().unwrap_or(d) } else { d }, zone).map(|t| t.to_string()),
        Err(_) => {
            e.add(field, format!("`{v}` is not a date (YYYY-MM-DD)"));
            None
        }
    }
}

/// The window of a page's query (`from`, `to`) as the API takes it; by default the last 30
/// office days, today included.
fn window(q: &HashMap<String, String>, zone: &TimeZone, today: Date, e: &mut FieldErrors) -> (Option<String>, Option<String>) {
    let day = |n: i64| today.checked_sub(Span::new().days(n)).ok().and_then(|d| day_start(d, zone)).map(|t| t.to_string());
    (bound(e, "from", arg(q, "from"), zone, false).or_else(|| day(29)), bound(e, "to", arg(q, "to"), zone, true).or_else(|| day(-1)))
}

/// A window bound for a page's link: the office's date when it is a midnight there (`to`
/// inclusive, as the picker shows it), else the RFC 3339 time.
fn link_bound(ts: Timestamp, zone: &TimeZone, end: bool) -> String {
    let z = ts.to_zoned(zone.clone());
    match z.start_of_day() {
        Ok(s) if s.timestamp() == ts && end => z.date().yesterday().map_or_else(|_| ts.to_string(), |d| d.to_string()),
        Ok(s) if s.timestamp() == ts => z.date().to_string(),
        _ => ts.to_string(),
    }
}

/// Field errors as lines.
fn lines(e: &FieldErrors) -> Vec<String> {
    e.0.iter().map(|f| format!("{}: {}", f.field, f.message)).collect()
}

/// An error of a report as lines and the status to answer with.
fn failure(e: crate::app::Error) -> (StatusCode, Vec<String>) {
    match e {
        crate::app::Error::Invalid(f) => (StatusCode::UNPROCESSABLE_ENTITY, lines(&f)),
        e => (StatusCode::SERVICE_UNAVAILABLE, vec![e.to_string()]),
    }
}

// ── the links of a page ──

/// What the links of one report page share: the window, grouping and time basis.
struct Ctx<'a> {
    t: &'a Tr,
    c: &'a Checked,
    rtl: bool,
    /// The office's, whose days the links name.
    zone: &'a TimeZone,
    /// Stages and SLAs by their titles.
    names: &'a super::words::Namer,
}

impl Ctx<'_> {
    /// The report's query for the API's exports.
    fn query(&self, dim: Dim) -> Vec<(&'static str, String)> {
        let mut q = vec![("from", self.c.from.to_string()), ("to", self.c.to.to_string()), ("group_by", dim.name().to_owned())];
        if self.c.business {
            q.push(("time", "business".into()));
        }
        q
    }

    /// The drill-down page of `figure` for a group (`None`: every group) in `[from, to)`.
    fn drill_at(&self, from: Timestamp, to: Timestamp, dim: Dim, value: Option<&str>, figure: &str) -> String {
        let (from, to) = (link_bound(from, self.zone, false), link_bound(to, self.zone, true));
        let mut q = vec![("from", from), ("to", to), ("group_by", dim.name().to_owned())];
        if let Some(v) = value {
            q.push(("value", v.to_owned()));
        }
        q.push(("figure", figure.to_owned()));
        if self.c.business {
            q.push(("time", "business".into()));
        }
        format!("/reports/leads?{}", qs(&q))
    }

    fn drill(&self, dim: Dim, value: Option<&str>, figure: &str) -> String {
        self.drill_at(self.c.from, self.c.to, dim, value, figure)
    }

    /// A count linked to its leads.
    fn fig(&self, n: i64, dim: Dim, value: Option<&str>, figure: &str) -> Fig {
        Fig::link(n.to_string(), self.drill(dim, value, figure))
    }

    /// A share linked to its leads, the count in the tooltip.
    fn share(&self, s: f64, n: i64, dim: Dim, value: Option<&str>, figure: &str) -> Fig {
        Fig { text: pct(self.t, s), href: Some(self.drill(dim, value, figure)), title: Some(n.to_string()) }
    }

    /// CSV and XLSX of the API's `/api/v1/reports/{path}` with `q`.
    fn downloads(&self, path: &str, q: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
        [("CSV", "csv"), ("XLSX", "xlsx")]
            .into_iter()
            .map(|(label, f)| {
                let mut q = q.clone();
                q.push(("format", f.to_owned()));
                (label, format!("/api/v1/reports/{path}?{}", qs(&q)))
            })
            .collect()
    }

    /// The rows of `groups` and then the total's (`value` None: every group).
    fn rows<G>(
        &self,
        groups: &[G],
        total: &G,
        key: impl Fn(&G) -> (&str, &str),
        row: impl Fn(&G, Option<&str>, String) -> Vec<Fig>,
    ) -> Vec<Vec<Fig>> {
        let dim = self.c.dim;
        groups
            .iter()
            .map(|g| {
                let (k, v) = key(g);
                row(g, Some(v), group_name(self.t, dim, k, v))
            })
            .chain([row(total, None, self.t.t("rep-total"))])
            .collect()
    }
}

// ── GET /reports ──

/// The report page: the picker, then every report for its window.
pub(super) async fn reports_page(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Err(e) = c.require(Action::ReadLeads) {
        return super::error::UiError::new(&st, &c, &t, "/inbox", e).into_response();
    }
    let zone = st.store.office_zone();
    let now = st.clock.now();
    let today = now.to_zoned(zone.clone()).date();
    let days_ago = |n: i64| today.checked_sub(Span::new().days(n)).unwrap_or(today);
    let mut e = FieldErrors::new();
    let (from, to) = window(&q, &zone, today, &mut e);
    let playbook = arg(&q, "playbook");
    let rq = ReportQuery { from, to, group_by: arg(&q, "group_by"), time: arg(&q, "time"), format: None, playbook: None };
    let checked = api::check(now, &rq, Dim::Channel);
    if let Err(f) = &checked {
        e.0.extend(f.0.iter().cloned());
    }
    let mut p = ReportsPage::new(&st, &c, t.clone(), t.t("reports"));
    let reader = user_tz(&st, &c);
    // The picker shows the window as office days (`to` inclusive).
    let date = |ts: Timestamp| ts.to_zoned(zone.clone()).date().to_string();
    let (shown_from, shown_to) = match &checked {
        Ok(c) => (date(c.from), date(c.to - SignedDuration::from_micros(1))),
        Err(_) => (days_ago(29).to_string(), today.to_string()),
    };
    let group_by = checked.as_ref().map(|c| c.dim).unwrap_or(Dim::Channel).name().to_owned();
    let time = if checked.as_ref().is_ok_and(|c| c.business) { "business" } else { "wall" };
    let preset = |from: Date| {
        let mut q = vec![("from", from.to_string()), ("to", today.to_string()), ("group_by", group_by.clone()), ("time", time.to_owned())];
        if let Some(pb) = &playbook {
            q.push(("playbook", pb.clone()));
        }
        format!("/reports?{}", qs(&q))
    };
    let monday = days_ago(today.weekday().to_monday_zero_offset() as i64);
    let new_year = Date::new(today.year(), 1, 1).unwrap_or(today);
    p.picker = Some(Picker {
        from: shown_from,
        to: shown_to,
        playbook: playbook.clone().unwrap_or_else(|| st.config.default_playbook.clone()),
        dims: DIMS.iter().map(|d| (d.name(), dim_name(&t, *d))).collect(),
        playbooks: st.store.playbooks().list().into_iter().map(|(name, _, pb)| (name, pb.title.clone())).collect(),
        presets: vec![
            (t.t("rep-this-week"), preset(monday)),
            (t.t("rep-last-30-days"), preset(days_ago(29))),
            (t.t("rep-this-year"), preset(new_year)),
        ],
        group_by,
        time: time.to_owned(),
    });
    let checked = match checked {
        Ok(c) if e.is_empty() => c,
        _ => {
            p.errors = lines(&e);
            return p.render(StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let namer = super::words::Namer::new(&st);
    let x = Ctx { t: &t, c: &checked, rtl: t.dir() == "rtl", zone: &zone, names: &namer };
    match sections(&st, &x, playbook.as_deref(), &reader).await {
        Ok(s) => {
            p.sections = s;
            p.render(StatusCode::OK)
        }
        Err(err) => {
            let (status, errors) = failure(err);
            p.errors = errors;
            p.render(status)
        }
    }
}

/// Every report of the window; times at risk in the `reader`'s zone.
async fn sections(st: &AppState, x: &Ctx<'_>, playbook: Option<&str>, reader: &TimeZone) -> Result<Vec<Section>, crate::app::Error> {
    let by_owner = Checked { from: x.c.from, to: x.c.to, dim: Dim::Owner, business: x.c.business, format: x.c.format };
    Ok(vec![
        response(x, &api::response_report(st, x.c).await?),
        funnel(x, &api::funnel_report(st, x.c, playbook).await?),
        trend(x, &api::trend_report(st, x.c).await?),
        sla(x, &api::sla_report(st, x.c.from, x.c.to).await?, reader),
        feedback(&Ctx { c: &by_owner, ..*x }, &api::feedback_report(st, &by_owner).await?),
    ])
}

/// Response time: the distribution over the buckets, the median per group, and per group
/// leads, responded, median, p90 and the shares answered within 5 min / 1 h / 24 h / never.
fn response(x: &Ctx, r: &api::ResponseTimeReport) -> Section {
    let (t, dim) = (x.t, x.c.dim);
    let d = &r.total.distribution;
    // From the first bucket with answers to the last: the shape without 30 empty rows.
    let span = d.iter().position(|n| *n > 0).zip(d.iter().rposition(|n| *n > 0));
    let dist: Vec<Bar> = span
        .map(|(a, b)| {
            (a..=b)
                .map(|i| Bar {
                    label: bucket_label(t, i),
                    value: d[i] as f64,
                    text: d[i].to_string(),
                    href: Some(x.drill(dim, None, &format!("bucket:{i}"))),
                })
                .collect()
        })
        .unwrap_or_default();
    let medians: Vec<Bar> = r
        .groups
        .iter()
        .map(|g| Bar {
            label: group_name(t, dim, &g.key, &g.value),
            value: g.median_seconds.unwrap_or(0.0),
            text: g.median_seconds.map(|s| short_duration(t, s)).unwrap_or_else(|| "—".into()),
            href: Some(x.drill(dim, Some(&g.value), "responded")),
        })
        .collect();
    let rows = x.rows(
        &r.groups,
        &r.total,
        |g| (&g.key, &g.value),
        |g, v, name| {
            let time = |s: Option<f64>| Fig { text: opt_duration(t, s), href: s.map(|_| x.drill(dim, v, "responded")), title: None };
            vec![
                Fig::text(name),
                x.fig(g.leads, dim, v, "leads"),
                x.fig(g.responded, dim, v, "responded"),
                time(g.median_seconds),
                time(g.p90_seconds),
                x.share(g.within_5_min_share, g.within_5_min, dim, v, "within_5_min"),
                x.share(g.within_1_hour_share, g.within_1_hour, dim, v, "within_1_hour"),
                x.share(g.within_24_hours_share, g.within_24_hours, dim, v, "within_24_hours"),
                x.share(g.never_share, g.never, dim, v, "never"),
            ]
        },
    );
    let mut notes = vec![t.t(if r.exact { "rep-exact" } else { "rep-interpolated" })];
    if r.total.leads == 0 {
        notes.insert(0, t.t("rep-no-data"));
    }
    let head = [dim_name(t, dim)].into_iter().chain(
        [
            "rep-leads",
            "rep-responded",
            "rep-median",
            "rep-p90",
            "rep-within-5-min",
            "rep-within-1-hour",
            "rep-within-24-hours",
            "rep-never",
        ]
        .map(|k| t.t(k)),
    );
    Section {
        id: "response-time",
        title: t.t("rep-response"),
        charts: vec![charts::bars(&t.t("rep-chart-distribution"), &dist, x.rtl), charts::bars(&t.t("rep-chart-median"), &medians, x.rtl)],
        notes,
        tables: vec![Tbl { caption: None, head: head.collect(), rows }],
        downloads: x.downloads("response-time", x.query(dim)),
    }
}

/// The funnel: leads that reached each stage, won/lost/open and conversion per group, the
/// mean time in each stage, and call attempts per lead (0, 1, 2, 3, 4+).
fn funnel(x: &Ctx, f: &api::FunnelReport) -> Section {
    let (t, dim, all) = (x.t, x.c.dim, &f.total);
    let steps: Vec<Bar> = f
        .stages
        .iter()
        .zip(&all.reached)
        .map(|(s, n)| Bar {
            label: x.names.stage(t, &f.playbook, 0, &s.id),
            value: *n as f64,
            text: n.to_string(),
            href: Some(x.drill(dim, None, &format!("reached:{}", s.id))),
        })
        .collect();
    const ATTEMPTS: [&str; 5] = ["0", "1", "2", "3", "4+"];
    let names: Vec<String> = (0..4).map(|n| t.n("rep-calls", n)).chain([t.t("rep-calls-more")]).collect();
    let tries: Vec<Bar> = all
        .call_attempts
        .iter()
        .enumerate()
        .map(|(i, n)| Bar {
            label: names[i].clone(),
            value: *n as f64,
            text: pct(t, share(*n, all.leads)),
            href: Some(x.drill(dim, None, &format!("attempts:{}", ATTEMPTS[i]))),
        })
        .collect();
    let mut notes = vec![];
    // The most common number of attempts (the first of equals), said in words.
    if let Some((i, n)) = all.call_attempts.iter().enumerate().rev().max_by_key(|(_, n)| **n).filter(|_| all.leads > 0) {
        notes.push(t.s("rep-attempts-most", &format!("{} — {}", names[i], pct(t, share(*n, all.leads)))));
    } else {
        notes.push(t.t("rep-no-data"));
    }
    let stages = Tbl {
        caption: None,
        head: ["stage", "rep-reached", "rep-share", "rep-mean-in-stage"].map(|k| t.t(k)).to_vec(),
        rows: f
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let n = all.reached.get(i).copied().unwrap_or(0);
                vec![
                    Fig::text(x.names.stage(t, &f.playbook, 0, &s.id)),
                    x.fig(n, dim, None, &format!("reached:{}", s.id)),
                    Fig::text(pct(t, share(n, all.leads))),
                    Fig::text(opt_duration(t, all.mean_stage_seconds.get(i).copied().flatten())),
                ]
            })
            .collect(),
    };
    let outcome = x.rows(
        &f.groups,
        all,
        |g| (&g.key, &g.value),
        |g, v, name| {
            vec![
                Fig::text(name),
                x.fig(g.leads, dim, v, "leads"),
                x.fig(g.won, dim, v, "won"),
                x.fig(g.lost, dim, v, "lost"),
                x.fig(g.open, dim, v, "open"),
                Fig::link(pct(t, g.conversion), x.drill(dim, v, "won")),
            ]
        },
    );
    let calls = x.rows(
        &f.groups,
        all,
        |g| (&g.key, &g.value),
        |g, v, name| {
            [Fig::text(name)]
                .into_iter()
                .chain(g.call_attempts.iter().zip(ATTEMPTS).map(|(n, a)| x.fig(*n, dim, v, &format!("attempts:{a}"))))
                .collect()
        },
    );
    let mut q = x.query(dim);
    q.push(("playbook", f.playbook.clone()));
    Section {
        id: "funnel",
        title: t.t("rep-funnel"),
        charts: vec![charts::funnel(&t.t("rep-chart-funnel"), &steps, x.rtl), charts::bars(&t.t("rep-chart-attempts"), &tries, x.rtl)],
        notes,
        tables: vec![
            stages,
            Tbl {
                caption: None,
                head: [dim_name(t, dim)]
                    .into_iter()
                    .chain(["rep-leads", "rep-won", "rep-lost", "rep-open", "rep-conversion"].map(|k| t.t(k)))
                    .collect(),
                rows: outcome,
            },
            Tbl {
                caption: Some(t.t("rep-chart-attempts")),
                head: [dim_name(t, dim)].into_iter().chain(names.iter().cloned()).collect(),
                rows: calls,
            },
        ],
        downloads: x.downloads("funnel", q),
    }
}

/// Week by week: leads and the median response time, each week linked to its leads.
fn trend(x: &Ctx, r: &api::TrendReport) -> Section {
    let (t, zone) = (x.t, x.zone);
    let first = x.c.from.to_zoned(zone.clone()).date();
    let end = (x.c.to - SignedDuration::from_micros(1)).to_zoned(zone.clone()).date().tomorrow().unwrap_or(first);
    // A week's days inside the window, as the trend counted them.
    let window = |monday: Date| {
        let next = monday.checked_add(Span::new().days(7)).unwrap_or(end);
        (day_start(monday.max(first), zone).unwrap_or(x.c.from), day_start(next.min(end), zone).unwrap_or(x.c.to))
    };
    let weeks: Vec<(Date, &api::TrendWeek)> = r.weeks.iter().filter_map(|w| Some((w.week.parse::<Date>().ok()?, w))).collect();
    let label = |d: Date| d.strftime("%d.%m.").to_string();
    let drill = |d: Date, figure: &str| {
        let (a, b) = window(d);
        x.drill_at(a, b, Dim::All, None, figure)
    };
    let leads: Vec<Bar> = weeks
        .iter()
        .map(|(d, w)| Bar { label: label(*d), value: w.leads as f64, text: w.leads.to_string(), href: Some(drill(*d, "leads")) })
        .collect();
    let medians: Vec<Bar> = weeks
        .iter()
        .map(|(d, w)| Bar {
            label: label(*d),
            value: w.median_seconds.unwrap_or(0.0),
            text: w.median_seconds.map(|s| short_duration(t, s)).unwrap_or_else(|| "—".into()),
            href: Some(drill(*d, "responded")),
        })
        .collect();
    let rows = weeks
        .iter()
        .map(|(d, w)| {
            vec![
                Fig::text(d.to_string()),
                Fig::link(w.leads.to_string(), drill(*d, "leads")),
                Fig::link(w.responded.to_string(), drill(*d, "responded")),
                Fig { text: opt_duration(t, w.median_seconds), href: w.median_seconds.map(|_| drill(*d, "responded")), title: None },
                Fig::link(w.within_5_min.to_string(), drill(*d, "within_5_min")),
                Fig::link(w.won.to_string(), drill(*d, "won")),
            ]
        })
        .collect();
    let mut q = x.query(Dim::All);
    q.retain(|(k, _)| *k != "group_by");
    Section {
        id: "trend",
        title: t.t("rep-trend"),
        charts: vec![
            charts::trend(&t.t("rep-chart-trend-leads"), &leads, x.rtl),
            charts::trend(&t.t("rep-chart-trend-median"), &medians, x.rtl),
        ],
        notes: vec![t.t("rep-trend-note")],
        tables: vec![Tbl {
            caption: None,
            head: ["rep-week", "rep-leads", "rep-responded", "rep-median", "rep-within-5-min", "rep-won"].map(|k| t.t(k)).to_vec(),
            rows,
        }],
        downloads: x.downloads("trend", q),
    }
}

/// SLA compliance per SLA and the leads at risk now (who holds them, when they breach).
fn sla(x: &Ctx, s: &api::SlaReport, reader: &TimeZone) -> Section {
    let t = x.t;
    let bars: Vec<Bar> = s
        .slas
        .iter()
        .map(|l| Bar {
            label: x.names.any_sla(t, &l.sla),
            value: l.compliance.unwrap_or(0.0) * 100.0,
            text: l.compliance.map(|c| pct(t, c)).unwrap_or_else(|| "—".into()),
            href: None,
        })
        .collect();
    let lines = s
        .slas
        .iter()
        .map(|l| {
            vec![
                Fig::text(x.names.any_sla(t, &l.sla)),
                x.fig(l.met, Dim::All, None, &format!("sla_met:{}", l.sla)),
                x.fig(l.breached, Dim::All, None, &format!("sla_breached:{}", l.sla)),
                Fig::text(l.compliance.map(|c| pct(t, c)).unwrap_or_else(|| "—".into())),
                Fig::text(l.at_risk.len().to_string()),
            ]
        })
        .collect();
    let risk: Vec<Vec<Fig>> = s
        .slas
        .iter()
        .flat_map(|l| l.at_risk.iter().map(move |r| (l, r)))
        .map(|(l, r)| {
            let due = r.breach_at.parse::<Timestamp>().map(|d| local(d, reader)).unwrap_or_else(|_| r.breach_at.clone());
            vec![
                Fig::link(format!("#{}", r.lead_id), format!("/leads/{}", r.lead_id)),
                Fig::text(x.names.any_sla(t, &l.sla)),
                Fig::text(r.owner.clone().unwrap_or_else(|| t.t("unassigned"))),
                Fig::text(due),
            ]
        })
        .collect();
    let notes = if risk.is_empty() { vec![t.t("rep-none-at-risk")] } else { vec![] };
    let q = vec![("from", x.c.from.to_string()), ("to", x.c.to.to_string())];
    Section {
        id: "sla",
        title: t.t("rep-sla"),
        charts: vec![charts::bars(&t.t("rep-chart-sla"), &bars, x.rtl)],
        notes,
        tables: vec![
            Tbl {
                caption: None,
                head: ["rep-sla-name", "rep-met", "rep-breached", "rep-compliance", "rep-at-risk"].map(|k| t.t(k)).to_vec(),
                rows: lines,
            },
            Tbl {
                caption: Some(t.t("rep-at-risk")),
                head: ["lead", "rep-sla-name", "owner", "rep-breach-at"].map(|k| t.t(k)).to_vec(),
                rows: risk,
            },
        ],
        downloads: x.downloads("sla", q),
    }
}

/// Customer feedback per owner: quality calls positive/negative and complaints.
fn feedback(x: &Ctx, r: &api::FeedbackReport) -> Section {
    let (t, dim) = (x.t, x.c.dim);
    let bars: Vec<Bar> = r
        .groups
        .iter()
        .map(|g| Bar {
            label: group_name(t, dim, &g.key, &g.value),
            value: g.leads_with_complaints as f64,
            text: g.leads_with_complaints.to_string(),
            href: Some(x.drill(dim, Some(&g.value), "complaints")),
        })
        .collect();
    let rows = x.rows(
        &r.groups,
        &r.total,
        |g| (&g.key, &g.value),
        |g, v, name| {
            vec![
                Fig::text(name),
                x.fig(g.leads, dim, v, "leads"),
                x.fig(g.quality_positive, dim, v, "quality_positive"),
                x.fig(g.quality_negative, dim, v, "quality_negative"),
                x.fig(g.complaints, dim, v, "complaints"),
                x.fig(g.leads_with_complaints, dim, v, "complaints"),
            ]
        },
    );
    Section {
        id: "feedback",
        title: t.t("rep-feedback"),
        charts: vec![charts::bars(&t.t("rep-chart-complaints"), &bars, x.rtl)],
        notes: vec![],
        tables: vec![Tbl {
            caption: None,
            head: [dim_name(t, dim)]
                .into_iter()
                .chain(
                    ["rep-leads", "rep-quality-positive", "rep-quality-negative", "rep-complaints", "rep-leads-with-complaints"]
                        .map(|k| t.t(k)),
                )
                .collect(),
            rows,
        }],
        downloads: x.downloads("feedback", x.query(dim)),
    }
}
