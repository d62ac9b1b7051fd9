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
mod money;
mod offers;
mod presets;
pub(super) mod words;

pub(super) use drill::drill_page;

/// The groupings the picker offers (the API also takes `all` and `playbook`).
const DIMS: [Dim; 6] = [Dim::Channel, Dim::Owner, Dim::Source, Dim::Segment, Dim::Hour, Dim::Weekday];

/// One cell: a figure and, when leads stand behind it, the link to them.
struct Fig {
    text: String,
    href: Option<String>,
    /// A tooltip (the count behind a share).
    title: Option<String>,
    /// What the column sorts by when the text is not a plain number (a duration's seconds,
    /// a share).
    key: Option<f64>,
}

impl Fig {
    fn text(s: impl Into<String>) -> Fig {
        Fig { text: s.into(), href: None, title: None, key: None }
    }
    fn link(s: impl Into<String>, href: String) -> Fig {
        Fig { text: s.into(), href: Some(href), title: None, key: None }
    }
    fn keyed(mut self, key: Option<f64>) -> Fig {
        self.key = key;
        self
    }
    /// The value it sorts by: its key, else its text read as a number ("12", "45 %").
    fn sort_value(&self) -> Option<f64> {
        self.key.or_else(|| {
            let t = self.text.trim_end_matches(['%', '\u{a0}', ' ']).replace('\u{a0}', "");
            t.parse::<f64>().ok()
        })
    }
}

/// A small table; the first cell of a row names it.
struct Tbl {
    caption: Option<String>,
    head: Vec<String>,
    rows: Vec<Vec<Fig>>,
    /// Sortable by its headers (`?sort=ID:COLUMN:asc|desc`); empty: not sortable.
    id: &'static str,
    /// Its last row is the total (it stays last).
    total: bool,
    /// Each header's link to sort by it, and how the table is sorted by it now.
    sort_links: Vec<(String, &'static str)>,
}

impl Tbl {
    fn new(id: &'static str, caption: Option<String>, head: Vec<String>, rows: Vec<Vec<Fig>>, total: bool) -> Tbl {
        Tbl { caption, head, rows, id, total, sort_links: vec![] }
    }
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
    /// The table order chosen (`sort`), kept when the picker is sent.
    sort: String,
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
    /// Managers and admins: the link to the complaints' table (issue 21, quality).
    complaints_link: bool,
    /// Managers and admins: the link to the payments' page (statements, the review list).
    payments_link: bool,
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
            complaints_link: c.role.may(pronto_domain::user::Action::ManageComplaints, &pronto_domain::user::On::NOTHING),
            payments_link: c.role.may(pronto_domain::user::Action::ReconcilePayments, &pronto_domain::user::On::NOTHING),
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
    /// The playbook whose funnel and SLAs are shown.
    playbook: Option<String>,
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
        Fig { text: pct(self.t, s), href: Some(self.drill(dim, value, figure)), title: Some(n.to_string()), key: Some(s) }
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

// ── sorting ──

/// A table's order from `?sort=TABLE:COLUMN:asc|desc`.
pub(crate) fn parse_sort(v: &str) -> Option<(&str, usize, bool)> {
    let mut it = v.splitn(3, ':');
    let (id, col, dir) = (it.next()?, it.next()?.parse().ok()?, it.next()?);
    let desc = match dir {
        "asc" => false,
        "desc" => true,
        _ => return None,
    };
    Some((id, col, desc))
}

/// Rows by column `col`: numbers by value, words alphabetically (case-insensitively), cells
/// without a figure ("—") last either way.
fn sort_rows(rows: &mut [Vec<Fig>], col: usize, desc: bool) {
    rows.sort_by(|a, b| {
        let (a, b) = (a.get(col), b.get(col));
        let (na, nb) = (a.and_then(Fig::sort_value), b.and_then(Fig::sort_value));
        let o = match (na, nb) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => return std::cmp::Ordering::Less,
            (None, Some(_)) => return std::cmp::Ordering::Greater,
            (None, None) => {
                let w = |f: Option<&Fig>| f.map(|f| f.text.to_lowercase()).filter(|t| t != "—");
                match (w(a), w(b)) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => return std::cmp::Ordering::Less,
                    (None, Some(_)) => return std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            }
        };
        if desc { o.reverse() } else { o }
    });
}

/// Sorts the table the query names and gives every sortable table's headers their links: the
/// page's query with that order (ascending first, then the other way), to its section.
fn sort_tables(sections: &mut [Section], q: &HashMap<String, String>, sort: &str) {
    let chosen = parse_sort(sort);
    let mut base: Vec<(&str, String)> = q.iter().filter(|(k, _)| k.as_str() != "sort").map(|(k, v)| (k.as_str(), v.clone())).collect();
    base.sort();
    for s in sections.iter_mut() {
        for tb in s.tables.iter_mut().filter(|tb| !tb.id.is_empty()) {
            let now = chosen.filter(|(id, col, _)| *id == tb.id && *col < tb.head.len());
            if let Some((_, col, desc)) = now {
                let body = if tb.total && !tb.rows.is_empty() { tb.rows.len() - 1 } else { tb.rows.len() };
                sort_rows(&mut tb.rows[..body], col, desc);
            }
            tb.sort_links = (0..tb.head.len())
                .map(|i| {
                    let (state, next) = match now {
                        Some((_, col, false)) if col == i => ("ascending", "desc"),
                        Some((_, col, true)) if col == i => ("descending", "asc"),
                        _ => ("none", if i == 0 { "asc" } else { "desc" }),
                    };
                    let mut q = base.clone();
                    q.push(("sort", format!("{}:{i}:{next}", tb.id)));
                    (format!("/reports?{}#{}", qs(&q), s.id), state)
                })
                .collect();
        }
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
    let sort = arg(&q, "sort").unwrap_or_default();
    // A preset's window in the reader's calendar, the other choices kept.
    let preset = |from: Timestamp, to: Timestamp| {
        let mut q = vec![("from", from.to_string()), ("to", to.to_string()), ("group_by", group_by.clone()), ("time", time.to_owned())];
        if let Some(pb) = &playbook {
            q.push(("playbook", pb.clone()));
        }
        if !sort.is_empty() {
            q.push(("sort", sort.clone()));
        }
        format!("/reports?{}", qs(&q))
    };
    let mut presets: Vec<(String, String)> = presets::Preset::ALL
        .into_iter()
        .map(|p| {
            let (a, b) = p.window(now, &reader);
            (t.t(p.key()), preset(a, b))
        })
        .collect();
    let today_start = day_start(today, &zone).unwrap_or(now);
    let tomorrow = day_start(today.tomorrow().unwrap_or(today), &zone).unwrap_or(now);
    presets.push((t.t("rep-last-30-days"), preset(day_start(days_ago(29), &zone).unwrap_or(today_start), tomorrow)));
    p.picker = Some(Picker {
        from: shown_from,
        to: shown_to,
        playbook: playbook.clone().unwrap_or_else(|| st.config.default_playbook.clone()),
        dims: DIMS.iter().map(|d| (d.name(), dim_name(&t, *d))).collect(),
        playbooks: st.store.playbooks().list().into_iter().map(|(name, _, pb)| (name, pb.title.clone())).collect(),
        presets,
        sort: sort.clone(),
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
    let shown = playbook.clone().unwrap_or_else(|| st.config.default_playbook.clone());
    let namer = super::words::Namer::new(&st);
    let x = Ctx { t: &t, c: &checked, rtl: t.dir() == "rtl", zone: &zone, names: &namer, playbook: Some(shown) };
    match sections(&st, &x, &reader, p.complaints_link).await {
        Ok(mut s) => {
            sort_tables(&mut s, &q, &sort);
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
async fn sections(st: &AppState, x: &Ctx<'_>, reader: &TimeZone, complaints_link: bool) -> Result<Vec<Section>, crate::app::Error> {
    let playbook = x.playbook.as_deref();
    let by_owner = Checked { from: x.c.from, to: x.c.to, dim: Dim::Owner, business: x.c.business, format: x.c.format };
    Ok(vec![
        response(x, &api::response_report(st, x.c).await?),
        funnel(x, &api::funnel_report(st, x.c, playbook).await?),
        trend(x, &api::trend_report(st, x.c).await?),
        sla(x, &api::sla_report(st, x.c.from, x.c.to, playbook).await?, reader),
        feedback(&Ctx { c: &by_owner, playbook: x.playbook.clone(), ..*x }, &api::feedback_report(st, &by_owner).await?),
        offers::offers(x, &api::offers_report(st, x.c, playbook).await?),
        money::money(x, &api::money_report(st, x.c).await?),
        money::sales(x, &api::sales_report(st, x.c).await?, complaints_link),
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
    // Ranked by the figure: the slowest first; groups nobody answered last.
    let mut ranked: Vec<&api::ResponseTimeGroup> = r.groups.iter().collect();
    ranked.sort_by(|a, b| rank(b.median_seconds, a.median_seconds));
    let medians: Vec<Bar> = ranked
        .into_iter()
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
            let time = |s: Option<f64>| Fig { text: opt_duration(t, s), href: s.map(|_| x.drill(dim, v, "responded")), title: None, key: s };
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
        tables: vec![Tbl::new("response", None, head.collect(), rows, true)],
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
    let stages = Tbl::new(
        "funnel-stages",
        None,
        ["stage", "rep-reached", "rep-share", "rep-mean-in-stage", "reports-offers-funnel-offered", "reports-offers-funnel-won"]
            .map(|k| t.t(k))
            .to_vec(),
        f
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let n = all.reached.get(i).copied().unwrap_or(0);
                vec![
                    Fig::text(x.names.stage(t, &f.playbook, 0, &s.id)),
                    x.fig(n, dim, None, &format!("reached:{}", s.id)),
                    Fig::text(pct(t, share(n, all.leads))),
                    Fig::text(opt_duration(t, all.mean_stage_seconds.get(i).copied().flatten()))
                        .keyed(all.mean_stage_seconds.get(i).copied().flatten()),
                    offers::money_fig(t, &s.value_offered),
                    offers::money_fig(t, &s.value_won),
                ]
            })
            .collect(),
        false,
    );
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
                Fig::link(pct(t, g.conversion), x.drill(dim, v, "won")).keyed(Some(g.conversion)),
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
            Tbl::new(
                "funnel-outcome",
                None,
                [dim_name(t, dim)].into_iter().chain(["rep-leads", "rep-won", "rep-lost", "rep-open", "rep-conversion"].map(|k| t.t(k))).collect(),
                outcome,
                true,
            ),
            Tbl::new(
                "funnel-calls",
                Some(t.t("rep-chart-attempts")),
                [dim_name(t, dim)].into_iter().chain(names.iter().cloned()).collect(),
                calls,
                true,
            ),
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
                Fig { text: opt_duration(t, w.median_seconds), href: w.median_seconds.map(|_| drill(*d, "responded")), title: None, key: w.median_seconds },
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
        tables: vec![Tbl::new(
            "trend",
            None,
            ["rep-week", "rep-leads", "rep-responded", "rep-median", "rep-within-5-min", "rep-won"].map(|k| t.t(k)).to_vec(),
            rows,
            false,
        )],
        downloads: x.downloads("trend", q),
    }
}

/// SLA compliance per SLA (by its title) and the SLAs running now: whose lead, who holds it,
/// and when it is due — or, once that time has passed, that it is breached.
fn sla(x: &Ctx, s: &api::SlaReport, reader: &TimeZone) -> Section {
    let t = x.t;
    // Ranked by the figure: the best kept first; SLAs without a result last.
    let mut ranked: Vec<&api::SlaLine> = s.slas.iter().collect();
    ranked.sort_by(|a, b| rank(b.compliance, a.compliance));
    let bars: Vec<Bar> = ranked
        .into_iter()
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
                Fig::text(l.compliance.map(|c| pct(t, c)).unwrap_or_else(|| "—".into())).keyed(l.compliance),
                Fig::text(l.at_risk.len().to_string()),
            ]
        })
        .collect();
    let risk: Vec<Vec<Fig>> = s
        .slas
        .iter()
        .flat_map(|l| l.at_risk.iter().map(move |r| (l, r)))
        .map(|(l, r)| {
            let at = r.breach_at.parse::<Timestamp>().ok();
            let when = at.map(|d| local(d, reader)).unwrap_or_else(|| r.breach_at.clone());
            let who = r.contact.clone().unwrap_or_else(|| t.s("reports-lead-n", &r.lead_id.to_string()));
            vec![
                Fig::link(who, format!("/leads/{}", r.lead_id)),
                Fig::text(x.names.any_sla(t, &l.sla)),
                Fig::text(r.owner.clone().unwrap_or_else(|| t.t("unassigned"))),
                Fig::text(t.s(if r.breached { "reports-breached-at" } else { "reports-due-at" }, &when))
                    .keyed(at.map(|a| a.as_second() as f64)),
            ]
        })
        .collect();
    let notes = if risk.is_empty() { vec![t.t("rep-none-at-risk")] } else { vec![] };
    let mut q = vec![("from", x.c.from.to_string()), ("to", x.c.to.to_string())];
    if let Some(p) = &x.playbook {
        q.push(("playbook", p.clone()));
    }
    Section {
        id: "sla",
        title: t.t("rep-sla"),
        charts: vec![charts::bars(&t.t("rep-chart-sla"), &bars, x.rtl)],
        notes,
        tables: vec![
            Tbl::new(
                "sla",
                None,
                ["rep-sla-name", "rep-met", "rep-breached", "rep-compliance", "rep-at-risk"].map(|k| t.t(k)).to_vec(),
                lines,
                false,
            ),
            Tbl::new("sla-running", Some(t.t("rep-at-risk")), vec![t.t("lead"), t.t("rep-sla-name"), t.t("owner"), t.t("reports-when")], risk, false),
        ],
        downloads: x.downloads("sla", q),
    }
}

/// Descending by a figure that may be missing (missing last); use as `rank(b, a)`.
fn rank(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.total_cmp(&b),
        (Some(_), None) => std::cmp::Ordering::Greater,
        (None, Some(_)) => std::cmp::Ordering::Less,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// Customer feedback per owner: quality calls positive/negative and complaints.
fn feedback(x: &Ctx, r: &api::FeedbackReport) -> Section {
    let (t, dim) = (x.t, x.c.dim);
    // Ranked by the figure: the most complained about first.
    let mut ranked: Vec<&api::FeedbackGroup> = r.groups.iter().collect();
    ranked.sort_by(|a, b| b.leads_with_complaints.cmp(&a.leads_with_complaints).then(b.leads.cmp(&a.leads)));
    let bars: Vec<Bar> = ranked
        .into_iter()
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
        tables: vec![Tbl::new(
            "feedback",
            None,
            [dim_name(t, dim)]
                .into_iter()
                .chain(
                    ["rep-leads", "rep-quality-positive", "rep-quality-negative", "rep-complaints", "rep-leads-with-complaints"]
                        .map(|k| t.t(k)),
                )
                .collect(),
            rows,
            true,
        )],
        downloads: x.downloads("feedback", x.query(dim)),
    }
}
