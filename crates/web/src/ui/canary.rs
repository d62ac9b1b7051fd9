//! The mystery shopper's page (`/admin/canary`, admins and managers; issue 23): the last test
//! inquiry through each channel hop by hop in local times, whether an incident is open, the
//! last 30 days per channel as a small chart, and (admins) "run it now" and its settings.

use super::error::PageResult;
use super::{LANGUAGES, Signed, fail, i18n::Tr, page};
use crate::AppState;
use crate::app;
use crate::charts::{self, Bar};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use jiff::Timestamp;
use pronto_store::canary::ChannelStatus;
use std::sync::Arc;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/canary", get(canary_page)).route("/admin/canary/run", post(run_now))
}

/// One hop as the page shows it.
struct HopView {
    name: String,
    when: String,
    /// "+1.2 s" after the start.
    after: String,
    ok: bool,
    error: Option<String>,
}

struct ChannelView {
    id: String,
    name: String,
    /// The last run in a sentence: went through, failed at …, running.
    state: String,
    ok: Option<bool>,
    incident: Option<String>,
    hops: Vec<HopView>,
    chart: String,
}

#[derive(Template)]
#[template(path = "canary.html")]
struct CanaryPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    channels: Vec<ChannelView>,
    /// The channels not tried (not set up), in words.
    not_tried: Vec<String>,
    /// What the schedule is, in a sentence.
    schedule: String,
    started: bool,
}

#[derive(serde::Deserialize, Default)]
struct PageQuery {
    started: Option<String>,
}

fn seconds(ms: i64) -> String {
    format!("+{:.1} s", ms as f64 / 1000.0)
}

fn view(t: &Tr, c: &ChannelStatus, now: Timestamp, zone: &jiff::tz::TimeZone) -> ChannelView {
    let name = t.t(&format!("canary-channel-{}", c.channel));
    let when = |at: Timestamp| super::words::local_time(at, now, zone);
    let failed_hop = c.hops.iter().find(|h| !h.ok).map(|h| t.t(&format!("canary-hop-{}", h.name)));
    let state = match (c.ok, &failed_hop) {
        (None, _) => t.t("canary-running"),
        (Some(true), _) => t.with("canary-passed", &[("when", &c.last_run_at.map(when).unwrap_or_default())]),
        (Some(false), hop) => t.with(
            "canary-failed",
            &[("when", &c.last_run_at.map(when).unwrap_or_default()), ("hop", hop.as_deref().unwrap_or("")), ("error", c.error.as_deref().unwrap_or(""))],
        ),
    };
    let hops = c
        .hops
        .iter()
        .map(|h| HopView {
            name: t.t(&format!("canary-hop-{}", h.name)),
            when: h.at.map(when).unwrap_or_else(|| "—".into()),
            after: h.ms.map(seconds).unwrap_or_default(),
            ok: h.ok,
            error: h.error.clone(),
        })
        .collect();
    // The last 30 days: the share of runs that went through, per day, in the office's days.
    let today = now.to_zoned(zone.clone()).date();
    let points: Vec<Bar> = (0..app::canary::DAYS)
        .rev()
        .map(|back| {
            let day = today.checked_sub(jiff::Span::new().days(back)).unwrap_or(today);
            let runs: Vec<bool> = c.history.iter().filter(|(at, _, _)| at.to_zoned(zone.clone()).date() == day).map(|(_, ok, _)| *ok).collect();
            let passed = runs.iter().filter(|ok| **ok).count();
            let share = if runs.is_empty() { 0.0 } else { passed as f64 * 100.0 / runs.len() as f64 };
            Bar {
                label: String::new(),
                value: share,
                text: if runs.is_empty() { String::new() } else { t.with("canary-day", &[("passed", &passed.to_string()), ("runs", &runs.len().to_string())]) },
                href: None,
            }
        })
        .collect();
    let first = today.checked_sub(jiff::Span::new().days(app::canary::DAYS - 1)).unwrap_or(today);
    let short = |d: jiff::civil::Date| format!("{}.{}.", d.day(), d.month());
    let chart = charts::trend(&t.with("canary-chart", &[("from", &short(first)), ("to", &short(today))]), &points, t.lang == "he");
    ChannelView {
        id: c.channel.clone(),
        name,
        state,
        ok: c.ok,
        incident: c.incident_since.map(|at| t.with("canary-incident", &[("when", &when(at))])),
        hops,
        chart,
    }
}

async fn canary_page(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<PageQuery>) -> PageResult {
    let status = app::canary::status(&st, &c).await.map_err(fail(&st, &c, &t, "/inbox"))?;
    let now = st.clock.now();
    let zone = st.store.office_zone();
    let channels: Vec<ChannelView> = status.channels.iter().map(|ch| view(&t, ch, now, &zone)).collect();
    let tried: Vec<&str> = crate::canary::channels(&st).iter().map(|c| c.as_str()).collect();
    let not_tried = ["mail", "call"].into_iter().filter(|c| !tried.contains(c)).map(|c| t.t(&format!("canary-not-set-{c}"))).collect();
    let k = st.settings.current().canary.clone();
    let schedule = if k.enabled {
        t.with(
            if k.working_hours_only { "canary-schedule-working" } else { "canary-schedule-always" },
            &[("n", &k.interval_minutes.to_string())],
        )
    } else {
        t.t("canary-schedule-off")
    };
    let admin = c.role == pronto_domain::user::Role::Admin;
    Ok(page(CanaryPage {
        admin,
        now_iso: now.to_string(),
        me: Some(c.user.name.clone()),
        page: "admin",
        languages: LANGUAGES,
        channels,
        not_tried,
        schedule,
        started: q.started.is_some(),
        t,
    }))
}

async fn run_now(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    app::canary::run_now(&st, &c, None).map_err(fail(&st, &c, &t, "/admin/canary"))?;
    Ok(Redirect::to("/admin/canary?started=1").into_response())
}
