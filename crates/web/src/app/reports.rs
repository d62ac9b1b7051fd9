//! The reports' use cases: the query every report takes, checked; and the reports themselves
//! — response time, the funnel, customer feedback, the weekly trend, SLA compliance, the leads
//! behind a figure — from the stores' tallies (`pronto_domain::tally`), typed. The API answers
//! them as JSON, CSV or XLSX (`api::reports`); the reports page words and draws them
//! (`ui::reports`).

use super::Result;
use crate::AppState;
use pronto_domain::FieldErrors;
use pronto_domain::tally::{self, Dim, EDGES, Tally};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

/// A window `[from, to)` from the query: RFC 3339, default the 30 days before now.
pub(crate) fn window(
    now: jiff::Timestamp,
    from: &Option<String>,
    to: &Option<String>,
    e: &mut FieldErrors,
) -> (jiff::Timestamp, jiff::Timestamp) {
    let mut time = |field: &str, v: &Option<String>| -> Option<jiff::Timestamp> {
        let v = v.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
        match v.parse::<jiff::Timestamp>() {
            Ok(t) => Some(t),
            Err(_) => {
                e.add(field, format!("`{v}` is not an RFC 3339 time with offset"));
                None
            }
        }
    };
    let to = time("to", to).unwrap_or(now);
    let from = time("from", from).unwrap_or(to - jiff::SignedDuration::from_hours(24 * 30));
    if from >= to {
        e.add("from", "must be before `to`");
    }
    (from, to)
}

/// What every report takes.
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct ReportQuery {
    /// RFC 3339; default 30 days before `to`; must be before `to`.
    #[param(pattern = r"^((19[7-9][0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9]))?$")]
    pub from: Option<String>,
    /// RFC 3339, exclusive; default now.
    #[param(pattern = r"^((19[7-9][0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9]))?$")]
    pub to: Option<String>,
    /// `channel` (default), `owner`, `source`, `segment` (b2b/b2c), `hour`, `weekday`,
    /// `playbook` or `all`.
    #[param(pattern = r"^(channel|owner|source|segment|hour|weekday|playbook|all)?$")]
    pub group_by: Option<String>,
    /// `wall` (default) or `business`: response times in working time of the lead's calendar.
    #[param(pattern = r"^(wall|business)?$")]
    pub time: Option<String>,
    /// `json` (default), `csv` or `xlsx`.
    #[param(pattern = r"^(json|csv|xlsx)?$")]
    pub format: Option<String>,
    /// The funnel's playbook (its stages and its leads); default the default playbook.
    #[param(pattern = r"^[a-z0-9_-]{0,64}$", format = "playbook-name")]
    pub playbook: Option<String>,
}

/// The checked query.
pub(crate) struct Checked {
    pub from: jiff::Timestamp,
    pub to: jiff::Timestamp,
    pub dim: Dim,
    pub business: bool,
    pub format: Format,
}

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Format {
    Json,
    Csv,
    Xlsx,
}

pub(crate) fn check(now: jiff::Timestamp, q: &ReportQuery, default_dim: Dim) -> std::result::Result<Checked, FieldErrors> {
    let mut e = FieldErrors::new();
    let (from, to) = window(now, &q.from, &q.to, &mut e);
    let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let dim = match given(&q.group_by) {
        None => default_dim,
        Some(g) => Dim::parse(&g).unwrap_or_else(|| {
            e.add("group_by", "is one of channel, owner, source, segment, hour, weekday, playbook, all");
            default_dim
        }),
    };
    let business = match given(&q.time).as_deref() {
        None | Some("wall") => false,
        Some("business") => true,
        Some(_) => {
            e.add("time", "is `wall` or `business`");
            false
        }
    };
    if let Some(p) = given(&q.playbook)
        && !(p.len() <= 64 && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'))
    {
        e.add("playbook", "is a playbook name: lower-case letters, digits, `-` and `_`");
    }
    let format = match given(&q.format).as_deref() {
        None | Some("json") => Format::Json,
        Some("csv") => Format::Csv,
        Some("xlsx") => Format::Xlsx,
        Some(_) => {
            e.add("format", "is `json`, `csv` or `xlsx`");
            Format::Json
        }
    };
    e.into_result()?;
    Ok(Checked { from, to, dim, business, format })
}


/// Shows a group's value: an owner's name for their id, a weekday's English name.
pub(crate) async fn labels(st: &AppState, dim: Dim) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    match dim {
        Dim::Owner => {
            for u in st.store.users().await? {
                out.insert(u.id.to_string(), u.name);
            }
            out.insert("none".into(), "unassigned".into());
        }
        Dim::Playbook => {
            for (name, _, pb) in st.store.playbooks().list() {
                out.insert(name, pb.title.clone());
            }
        }
        Dim::Weekday => {
            for (i, d) in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].iter().enumerate() {
                out.insert((i + 1).to_string(), (*d).to_owned());
            }
        }
        _ => {}
    }
    Ok(out)
}

/// The tallies of `[from, to)` by `dim`, of one playbook's leads (`None`: every lead's). The
/// stores keep tallies by one grouping at a time: one playbook's total is its group by
/// playbook; grouped otherwise, its leads' facts are tallied here.
pub(crate) async fn tallies_of(
    st: &AppState,
    dim: Dim,
    from: jiff::Timestamp,
    to: jiff::Timestamp,
    playbook: Option<&str>,
) -> Result<pronto_store::ReportTallies> {
    let Some(p) = playbook else { return Ok(st.store.report_tallies(dim, from, to).await?) };
    if matches!(dim, Dim::All | Dim::Playbook) {
        let mut r = st.store.report_tallies(Dim::Playbook, from, to).await?;
        let mine = r.groups.remove(p);
        let key = if dim == Dim::All { "all".to_owned() } else { p.to_owned() };
        r.groups = mine.into_iter().map(|t| (key.clone(), t)).collect();
        return Ok(r);
    }
    const PAGE: i64 = 5000;
    let mut facts = Vec::new();
    let mut after = None;
    loop {
        let page = st.store.report_facts(from, to, after, PAGE).await?;
        let n = page.len() as i64;
        if let Some((id, received, _)) = page.last() {
            after = Some((*received, *id));
        }
        facts.extend(page.into_iter().filter(|(_, _, f)| f.playbook == p).map(|(_, _, f)| f));
        if n < PAGE {
            break;
        }
    }
    Ok(pronto_store::ReportTallies { groups: tally::group(&facts, dim), exact: true })
}

pub(crate) fn share(n: i64, of: i64) -> f64 {
    if of > 0 { n as f64 / of as f64 } else { 0.0 }
}

// ── response time ──

#[derive(Debug, Serialize, ToSchema)]
pub struct ResponseTimeGroup {
    /// The group as people read it (an owner's name).
    pub key: String,
    /// The group's value for drill-down (`GET /api/v1/reports/leads?group_by=…&value=…`).
    pub value: String,
    pub leads: i64,
    pub responded: i64,
    /// Never answered.
    pub never: i64,
    pub median_seconds: Option<f64>,
    pub p90_seconds: Option<f64>,
    pub within_5_min: i64,
    pub within_1_hour: i64,
    pub within_24_hours: i64,
    /// The same as shares of all the group's leads (0–1).
    pub within_5_min_share: f64,
    pub within_1_hour_share: f64,
    pub within_24_hours_share: f64,
    pub never_share: f64,
    /// Answered leads per bucket of `buckets`.
    pub distribution: Vec<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ResponseTimeReport {
    pub from: String,
    pub to: String,
    pub group_by: String,
    /// `wall` or `business`.
    pub time: String,
    /// Percentiles exact (from every lead) or interpolated in the histogram buckets.
    pub exact: bool,
    /// Bucket `i` holds response times in `[buckets[i], buckets[i+1])` seconds.
    pub buckets: Vec<i64>,
    pub total: ResponseTimeGroup,
    pub groups: Vec<ResponseTimeGroup>,
}

pub(crate) fn response_group(key: String, value: String, t: &Tally, business: bool, exact: bool) -> ResponseTimeGroup {
    let within = if business { t.within_business } else { t.within };
    let mut t = t.clone();
    if !exact {
        t.exact = None;
    }
    ResponseTimeGroup {
        key,
        value,
        leads: t.leads,
        responded: t.responded,
        never: t.leads - t.responded,
        median_seconds: t.median(business),
        p90_seconds: t.p90(business),
        within_5_min: within[0],
        within_1_hour: within[1],
        within_24_hours: within[2],
        within_5_min_share: share(within[0], t.leads),
        within_1_hour_share: share(within[1], t.leads),
        within_24_hours_share: share(within[2], t.leads),
        never_share: share(t.leads - t.responded, t.leads),
        distribution: t.distribution(business),
    }
}

pub(crate) fn total(groups: &BTreeMap<String, Tally>) -> Tally {
    let mut all = Tally::exact();
    for t in groups.values() {
        all.merge(t);
    }
    all
}

pub(crate) async fn response_report(st: &AppState, c: &Checked) -> Result<ResponseTimeReport> {
    let r = st.store.report_tallies(c.dim, c.from, c.to).await?;
    let names = labels(st, c.dim).await?;
    let mut groups: Vec<ResponseTimeGroup> = r
        .groups
        .iter()
        .map(|(v, t)| response_group(names.get(v).cloned().unwrap_or_else(|| v.clone()), v.clone(), t, c.business, r.exact))
        .collect();
    if c.dim == Dim::Owner {
        groups.sort_by(|a, b| a.key.cmp(&b.key));
    }
    Ok(ResponseTimeReport {
        from: c.from.to_string(),
        to: c.to.to_string(),
        group_by: c.dim.name().into(),
        time: if c.business { "business" } else { "wall" }.into(),
        exact: r.exact,
        buckets: EDGES.to_vec(),
        total: response_group("all".into(), "all".into(), &total(&r.groups), c.business, r.exact),
        groups,
    })
}



// ── funnel ──

#[derive(Debug, Serialize, ToSchema)]
pub struct FunnelStage {
    pub id: String,
    pub title: String,
    /// The offers' money (issue 20): gross per currency offered to the leads that reached
    /// this stage (each lead's latest sent offer), and won from them.
    pub value_offered: Vec<Money>,
    pub value_won: Vec<Money>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FunnelGroup {
    pub key: String,
    pub value: String,
    pub leads: i64,
    /// Leads that reached each of `stages` (same order).
    pub reached: Vec<i64>,
    pub won: i64,
    pub lost: i64,
    pub open: i64,
    /// won / leads.
    pub conversion: f64,
    /// Mean seconds spent in each of `stages` by the leads that left it (null: none left it).
    pub mean_stage_seconds: Vec<Option<f64>>,
    /// Leads by outgoing call attempts: 0, 1, 2, 3, 4 or more.
    pub call_attempts: [i64; 5],
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FunnelReport {
    pub from: String,
    pub to: String,
    pub group_by: String,
    pub playbook: String,
    pub stages: Vec<FunnelStage>,
    pub total: FunnelGroup,
    pub groups: Vec<FunnelGroup>,
}

pub(crate) fn funnel_group(key: String, value: String, t: &Tally, stages: &[FunnelStage]) -> FunnelGroup {
    FunnelGroup {
        key,
        value,
        leads: t.leads,
        reached: stages.iter().map(|s| t.reached.get(&s.id).copied().unwrap_or(0)).collect(),
        won: t.won,
        lost: t.lost,
        open: t.leads - t.won - t.lost,
        conversion: share(t.won, t.leads),
        mean_stage_seconds: stages
            .iter()
            .map(|s| {
                let n = t.stage_exits.get(&s.id).copied().unwrap_or(0);
                (n > 0).then(|| t.stage_seconds.get(&s.id).copied().unwrap_or(0) as f64 / n as f64)
            })
            .collect(),
        call_attempts: t.attempts,
    }
}

pub(crate) async fn funnel_report(st: &AppState, c: &Checked, playbook: Option<&str>) -> Result<FunnelReport> {
    let name = playbook.map(str::to_owned).unwrap_or_else(|| st.config.default_playbook.clone());
    let Some((_, pb)) = st.store.playbooks().current(&name) else {
        return Err(FieldErrors::single("playbook", format!("no playbook `{name}`")).into());
    };
    let offers = st.store.report_offers(c.from, c.to, Some(name.clone())).await?;
    let money_at = pronto_domain::offer_report::stage_money(&offers);
    let stages: Vec<FunnelStage> = pb
        .stages
        .iter()
        .filter(|s| s.status.map(|st| st.as_str()) != Some("lost"))
        .map(|s| {
            let (offered, won) = money_at.get(&s.id).map(|(o, w)| (money(o), money(w))).unwrap_or_default();
            FunnelStage { id: s.id.clone(), title: s.title.clone(), value_offered: offered, value_won: won }
        })
        .collect();
    let r = tallies_of(st, c.dim, c.from, c.to, Some(&name)).await?;
    let names = labels(st, c.dim).await?;
    let groups =
        r.groups.iter().map(|(v, t)| funnel_group(names.get(v).cloned().unwrap_or_else(|| v.clone()), v.clone(), t, &stages)).collect();
    Ok(FunnelReport {
        from: c.from.to_string(),
        to: c.to.to_string(),
        group_by: c.dim.name().into(),
        playbook: name,
        total: funnel_group("all".into(), "all".into(), &total(&r.groups), &stages),
        stages,
        groups,
    })
}


// ── feedback ──

#[derive(Debug, Serialize, ToSchema)]
pub struct FeedbackGroup {
    pub key: String,
    pub value: String,
    pub leads: i64,
    pub quality_positive: i64,
    pub quality_negative: i64,
    /// Complaints recorded, and on how many leads.
    pub complaints: i64,
    pub leads_with_complaints: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FeedbackReport {
    pub from: String,
    pub to: String,
    pub group_by: String,
    pub total: FeedbackGroup,
    pub groups: Vec<FeedbackGroup>,
}

pub(crate) fn feedback_group(key: String, value: String, t: &Tally) -> FeedbackGroup {
    FeedbackGroup {
        key,
        value,
        leads: t.leads,
        quality_positive: t.quality_positive,
        quality_negative: t.quality_negative,
        complaints: t.complaints,
        leads_with_complaints: t.complained,
    }
}

pub(crate) async fn feedback_report(st: &AppState, c: &Checked) -> Result<FeedbackReport> {
    let r = st.store.report_tallies(c.dim, c.from, c.to).await?;
    let names = labels(st, c.dim).await?;
    Ok(FeedbackReport {
        from: c.from.to_string(),
        to: c.to.to_string(),
        group_by: c.dim.name().into(),
        total: feedback_group("all".into(), "all".into(), &total(&r.groups)),
        groups: r.groups.iter().map(|(v, t)| feedback_group(names.get(v).cloned().unwrap_or_else(|| v.clone()), v.clone(), t)).collect(),
    })
}


// ── trend ──

#[derive(Debug, Serialize, ToSchema)]
pub struct TrendWeek {
    /// The week's Monday (office days).
    pub week: String,
    pub leads: i64,
    pub responded: i64,
    pub median_seconds: Option<f64>,
    pub within_5_min: i64,
    pub won: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrendReport {
    pub from: String,
    pub to: String,
    pub time: String,
    pub weeks: Vec<TrendWeek>,
}

pub(crate) async fn trend_report(st: &AppState, c: &Checked) -> Result<TrendReport> {
    let tz = st.store.office_zone();
    let first = c.from.to_zoned(tz.clone()).date();
    let last = (c.to - jiff::SignedDuration::from_secs(1)).to_zoned(tz).date();
    let monday = |d: jiff::civil::Date| d.checked_sub(jiff::Span::new().days(d.weekday().to_monday_zero_offset() as i64)).unwrap_or(d);
    let mut weeks: BTreeMap<jiff::civil::Date, Tally> = BTreeMap::new();
    let mut w = monday(first);
    while w <= last {
        weeks.insert(w, Tally::default());
        w = w.checked_add(jiff::Span::new().days(7)).unwrap_or(last.tomorrow().unwrap_or(last));
    }
    for (day, _, t) in st.store.report_days(Dim::All, tally::day_number(first), tally::day_number(last)).await? {
        if let Some(d) = tally::day_of_number(day) {
            weeks.entry(monday(d)).or_default().merge(&t);
        }
    }
    let within = |t: &Tally| if c.business { t.within_business[0] } else { t.within[0] };
    Ok(TrendReport {
        from: c.from.to_string(),
        to: c.to.to_string(),
        time: if c.business { "business" } else { "wall" }.into(),
        weeks: weeks
            .into_iter()
            .map(|(d, t)| TrendWeek {
                week: d.to_string(),
                leads: t.leads,
                responded: t.responded,
                median_seconds: t.median(c.business),
                within_5_min: within(&t),
                won: t.won,
            })
            .collect(),
    })
}


// ── drill-down ──

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct DrillQuery {
    /// RFC 3339; default 30 days before `to`; must be before `to`.
    #[param(pattern = r"^((19[7-9][0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9]))?$")]
    pub from: Option<String>,
    /// RFC 3339, exclusive; default now.
    #[param(pattern = r"^((19[7-9][0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9]))?$")]
    pub to: Option<String>,
    /// The report's grouping (default `all`).
    #[param(pattern = r"^(channel|owner|source|segment|hour|weekday|playbook|all)?$")]
    pub group_by: Option<String>,
    /// The group's `value` as the report gave it (default: every group).
    pub value: Option<String>,
    /// `leads` (default), `responded`, `never`, `within_5_min`, `within_1_hour`,
    /// `within_24_hours`, `bucket:N`, `reached:STAGE`, `won`, `lost`, `open`, `attempts:N`
    /// (`attempts:4+`), `complaints`, `quality_positive`, `quality_negative`, `sla_met:SLA`,
    /// `sla_breached:SLA`.
    #[param(pattern = r"^(leads|responded|never|within_5_min|within_1_hour|within_24_hours|won|lost|open|complaints|quality_positive|quality_negative|reached:[^\u0000-\u001f]*|attempts:[0-9]{1,9}\+?|sla_met:[^\u0000-\u001f]+|sla_breached:[^\u0000-\u001f]+|bucket:([0-9]|[12][0-9]|30))?$")]
    pub figure: Option<String>,
    /// `wall` (default) or `business`.
    #[param(pattern = r"^(wall|business)?$")]
    pub time: Option<String>,
    /// `json` (default), `csv` or `xlsx`.
    #[param(pattern = r"^(json|csv|xlsx)?$")]
    pub format: Option<String>,
    /// At most this many (default 100, at most 1000), oldest first.
    #[param(pattern = r"^([1-9][0-9]{0,2}|1000)?$")]
    pub limit: Option<String>,
    /// The `next` of the previous page (`MICROSECONDS.ID`).
    #[param(pattern = r"^(-?[0-9]{1,18}\.-?[0-9]{1,18})?$")]
    pub after: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DrillLead {
    pub id: i64,
    pub url: String,
    pub received_at: String,
    pub channel: String,
    pub owner_id: Option<i64>,
    pub source: Option<String>,
    pub segment: String,
    pub response_seconds: Option<i64>,
    pub business_response_seconds: Option<i64>,
    pub status: String,
    pub calls: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DrillReport {
    pub figure: String,
    pub group_by: String,
    pub value: Option<String>,
    pub leads: Vec<DrillLead>,
    /// Pass as `after` for the next page; null on the last.
    pub next: Option<String>,
}


/// Whether `figure` names a figure the drill-down knows (see `tally::counts_in`).
pub(crate) fn known_figure(figure: &str) -> bool {
    tally::counts_in(&tally::Fact::default(), figure, false).is_some()
}

/// A drill-down page's cursor: the last lead's arrival (µs) and id, as `µs.id`.
pub(crate) fn cursor(v: &str) -> Option<(i64, i64)> {
    let (a, b) = v.split_once('.')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// Walks the window's facts in pages until `limit` leads count in the figure.
pub(crate) async fn drill_leads(
    st: &AppState,
    c: &Checked,
    value: Option<&str>,
    figure: &str,
    limit: i64,
    after: Option<(i64, i64)>,
) -> Result<DrillReport> {
    const PAGE: i64 = 5000;
    let lead = |id: i64, received: i64, f: &tally::Fact| DrillLead {
        id,
        url: format!("/leads/{id}"),
        received_at: jiff::Timestamp::from_microsecond(received).map(|t| t.to_string()).unwrap_or_default(),
        channel: f.channel.clone(),
        owner_id: f.owner,
        source: f.source.clone(),
        segment: f.segment.clone(),
        response_seconds: f.response,
        business_response_seconds: f.business_response,
        status: f.status.clone(),
        calls: f.calls,
    };
    let mut out = Vec::new();
    let mut at = after;
    let mut next = None;
    'pages: loop {
        let page = st.store.report_facts(c.from, c.to, at, PAGE).await?;
        for (id, received, f) in &page {
            let in_group = value.is_none_or(|v| c.dim.value(f) == v);
            if in_group && tally::counts_in(f, figure, c.business) == Some(true) {
                if out.len() as i64 == limit {
                    next = at.map(|(a, b)| format!("{a}.{b}"));
                    break 'pages;
                }
                out.push(lead(*id, *received, f));
            }
            at = Some((*received, *id));
        }
        if (page.len() as i64) < PAGE {
            break;
        }
    }
    Ok(DrillReport { figure: figure.to_owned(), group_by: c.dim.name().into(), value: value.map(str::to_owned), leads: out, next })
}

// ── SLA ──

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct SlaQuery {
    /// RFC 3339; default 30 days before `to`; must be before `to`.
    #[param(pattern = r"^((19[7-9][0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9]))?$")]
    pub from: Option<String>,
    /// RFC 3339, exclusive; default now.
    #[param(pattern = r"^((19[7-9][0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9]))?$")]
    pub to: Option<String>,
    /// `json` (default), `csv` or `xlsx`.
    #[param(pattern = r"^(json|csv|xlsx)?$")]
    pub format: Option<String>,
    /// Only this playbook's leads (default: every lead).
    #[param(pattern = r"^[a-z0-9_-]{0,64}$", format = "playbook-name")]
    pub playbook: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AtRisk {
    pub lead_id: i64,
    /// The lead's contact (name, else e-mail, else phone).
    pub contact: Option<String>,
    /// Who holds it.
    pub owner: Option<String>,
    /// When it is breached unless someone responds.
    pub breach_at: String,
    /// The time is past: breached (its timer has not fired yet).
    pub breached: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SlaLine {
    pub sla: String,
    /// The SLA's title in its playbook (its id when no playbook names it).
    pub title: String,
    pub met: i64,
    pub breached: i64,
    /// met / (met + breached); null with neither.
    pub compliance: Option<f64>,
    /// Running now, soonest breach first.
    pub at_risk: Vec<AtRisk>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SlaReport {
    pub from: String,
    pub to: String,
    pub slas: Vec<SlaLine>,
}

/// SLA compliance of the leads received in `[from, to)` and the SLAs running now, of one
/// playbook's leads (`None`: every lead's).
pub(crate) async fn sla_report(st: &AppState, from: jiff::Timestamp, to: jiff::Timestamp, playbook: Option<&str>) -> Result<SlaReport> {
    let all = total(&tallies_of(st, Dim::All, from, to, playbook).await?.groups);
    let risk = st.store.slas_running(playbook.map(str::to_owned), 500).await?;
    let now = st.clock.now();
    // An SLA's title: the chosen playbook's, else the first playbook naming it.
    let books = st.store.playbooks().list();
    let title = |sla: &str| {
        books
            .iter()
            .filter(|(n, ..)| playbook.is_none_or(|p| p == n.as_str()))
            .chain(books.iter())
            .find_map(|(_, _, pb)| pb.slas.get(sla).map(|d| d.title.clone()))
            .unwrap_or_else(|| sla.to_owned())
    };
    let mut names: Vec<String> =
        all.sla_met.keys().chain(all.sla_breached.keys()).cloned().chain(risk.iter().map(|r| r.sla.clone())).collect();
    names.sort();
    names.dedup();
    let slas = names
        .into_iter()
        .map(|name| {
            let (met, breached) = (all.sla_met.get(&name).copied().unwrap_or(0), all.sla_breached.get(&name).copied().unwrap_or(0));
            SlaLine {
                compliance: (met + breached > 0).then(|| met as f64 / (met + breached) as f64),
                at_risk: risk
                    .iter()
                    .filter(|r| r.sla == name)
                    .map(|r| AtRisk {
                        lead_id: r.lead_id,
                        contact: r.contact.clone(),
                        owner: r.owner.clone(),
                        breach_at: r.due_at.to_string(),
                        breached: r.due_at <= now,
                    })
                    .collect(),
                title: title(&name),
                sla: name,
                met,
                breached,
            }
        })
        .collect();
    Ok(SlaReport { from: from.to_string(), to: to.to_string(), slas })
}


// ── scheduled reports ──

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct ScheduledQuery {
    /// The period; default the one the report sent last (or next) covers; `from` before `to`.
    #[param(pattern = r"^((19[7-9][0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9]))?$")]
    pub from: Option<String>,
    #[param(pattern = r"^((19[7-9][0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9]))?$")]
    pub to: Option<String>,
    /// `json` (default) or `text` (the e-mail as it is sent).
    #[param(pattern = r"^(json|text)?$")]
    pub format: Option<String>,
}


// ── offers (issue 20) ──

/// An amount of one currency, as money travels (`"1234.50"`, ISO 4217).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Money {
    pub currency: String,
    pub amount: String,
}

/// Money per currency, never converted: with the currency's minor digits, by currency.
pub(crate) fn money(m: &pronto_domain::offer_report::Amounts) -> Vec<Money> {
    pronto_domain::offer_report::formatted(m).into_iter().map(|(currency, amount)| Money { currency, amount }).collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OffersGroup {
    pub key: String,
    pub value: String,
    /// Leads with an offer made, and with one sent.
    pub leads: i64,
    pub leads_sent: i64,
    /// Offer versions made, sent, accepted, declined, with changes requested.
    pub made: i64,
    pub sent: i64,
    pub accepted: i64,
    pub declined: i64,
    pub changes_requested: i64,
    /// accepted / decided; null when none was decided.
    pub acceptance: Option<f64>,
    /// Gross, per currency: each lead's latest sent version, and the accepted ones.
    pub value_offered: Vec<Money>,
    pub value_won: Vec<Money>,
    /// Inquiry → the lead's first offer sent, in `time`'s basis.
    pub median_to_offer_seconds: Option<f64>,
    pub p90_to_offer_seconds: Option<f64>,
    /// An offer sent → the customer's decision.
    pub median_to_decision_seconds: Option<f64>,
    pub p90_to_decision_seconds: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OffersReport {
    pub from: String,
    pub to: String,
    pub group_by: String,
    pub time: String,
    /// Only this playbook's leads; null: every lead's.
    pub playbook: Option<String>,
    pub total: OffersGroup,
    pub groups: Vec<OffersGroup>,
}

pub(crate) fn offers_group(key: String, value: String, t: &pronto_domain::offer_report::OfferTally, business: bool) -> OffersGroup {
    use pronto_domain::offer_report::{median, p90, pick};
    OffersGroup {
        key,
        value,
        leads: t.leads,
        leads_sent: t.leads_sent,
        made: t.made,
        sent: t.sent,
        accepted: t.accepted,
        declined: t.declined,
        changes_requested: t.changes,
        acceptance: t.acceptance(),
        value_offered: money(&t.value_offered),
        value_won: money(&t.value_won),
        median_to_offer_seconds: median(pick(&t.to_offer, business)),
        p90_to_offer_seconds: p90(pick(&t.to_offer, business)),
        median_to_decision_seconds: median(pick(&t.to_decision, business)),
        p90_to_decision_seconds: p90(pick(&t.to_decision, business)),
    }
}

/// Offers of the leads received in `[from, to)`, of one playbook's leads (`None`: every lead's).
pub(crate) async fn offers_report(st: &AppState, c: &Checked, playbook: Option<&str>) -> Result<OffersReport> {
    use pronto_domain::offer_report::{OfferTally, group};
    let leads = st.store.report_offers(c.from, c.to, playbook.map(str::to_owned)).await?;
    let groups = group(&leads, c.dim);
    let names = labels(st, c.dim).await?;
    let mut all = OfferTally::default();
    for t in groups.values() {
        all.merge(t);
    }
    Ok(OffersReport {
        from: c.from.to_string(),
        to: c.to.to_string(),
        group_by: c.dim.name().into(),
        time: if c.business { "business" } else { "wall" }.into(),
        playbook: playbook.map(str::to_owned),
        total: offers_group("all".into(), "all".into(), &all, c.business),
        groups: groups
            .iter()
            .map(|(v, t)| offers_group(names.get(v).cloned().unwrap_or_else(|| v.clone()), v.clone(), t, c.business))
            .collect(),
    })
}


// ── money (issue 21, item 7) ──

/// One group's money in a window: invoices issued in it and paid in full in it, money
/// invoiced and received in it, and what is owed at its end (overdue: past the due day).
#[derive(Debug, Serialize, ToSchema)]
pub struct MoneyGroup {
    pub key: String,
    pub value: String,
    pub invoices_issued: i64,
    pub invoices_paid: i64,
    /// Gross of the invoices issued, per currency.
    pub invoiced: Vec<Money>,
    /// Payments recorded in the window, on any invoice.
    pub received: Vec<Money>,
    /// Left to pay at the window's end, on every invoice issued before it.
    pub outstanding: Vec<Money>,
    pub overdue: Vec<Money>,
    pub overdue_invoices: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MoneyReport {
    pub from: String,
    pub to: String,
    pub group_by: String,
    pub total: MoneyGroup,
    pub groups: Vec<MoneyGroup>,
}

pub(crate) fn money_group(key: String, value: String, t: &pronto_domain::money_report::MoneyTally) -> MoneyGroup {
    MoneyGroup {
        key,
        value,
        invoices_issued: t.issued,
        invoices_paid: t.paid,
        invoiced: money(&t.invoiced),
        received: money(&t.received),
        outstanding: money(&t.outstanding),
        overdue: money(&t.overdue),
        overdue_invoices: t.overdue_invoices,
    }
}

/// Invoiced, paid and outstanding in `[from, to)` per group of the lead the invoice is for.
pub(crate) async fn money_report(st: &AppState, c: &Checked) -> Result<MoneyReport> {
    use pronto_domain::money_report::{MoneyTally, group};
    let invoices = st.store.report_money(c.from, c.to).await?;
    let groups = group(&invoices, c.from, c.to, c.dim);
    let names = labels(st, c.dim).await?;
    let mut all = MoneyTally::default();
    groups.values().for_each(|t| all.merge(t));
    Ok(MoneyReport {
        from: c.from.to_string(),
        to: c.to.to_string(),
        group_by: c.dim.name().into(),
        total: money_group("all".into(), "all".into(), &all),
        groups: groups.iter().map(|(v, t)| money_group(names.get(v).cloned().unwrap_or_else(|| v.clone()), v.clone(), t)).collect(),
    })
}

// ── the sales report of the seed `001` (issue 21, item 7) ──

/// One channel's or one representative's sales: the leads received in the window and how
/// they ended, the money, the customers' feedback on the quality calls, and the complaints
/// recorded on the window's office days — counted, with `complaints_url` the Complaints page
/// that lists exactly them.
#[derive(Debug, Serialize, ToSchema)]
pub struct SalesLine {
    pub key: String,
    pub value: String,
    pub leads: i64,
    pub won: i64,
    pub lost: i64,
    pub invoices_issued: i64,
    pub invoices_paid: i64,
    pub invoiced: Vec<Money>,
    pub received: Vec<Money>,
    pub outstanding: Vec<Money>,
    pub quality_positive: i64,
    pub quality_negative: i64,
    pub complaints: i64,
    /// The staff page listing exactly these complaints.
    pub complaints_url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SalesReport {
    pub from: String,
    pub to: String,
    pub by_channel: Vec<SalesLine>,
    pub by_representative: Vec<SalesLine>,
    pub total: SalesLine,
    /// The window of the same length just before, to see sales rise or fall.
    pub previous: SalesLine,
}

/// The complaints recorded in `[from, to)`, counted per channel and per representative
/// (`none`: no owner).
async fn complaint_counts(st: &AppState, from: jiff::Timestamp, to: jiff::Timestamp) -> Result<(BTreeMap<String, i64>, BTreeMap<String, i64>)> {
    let f = pronto_store::complaints::ComplaintFilter { from: Some(from), to: Some(to), ..Default::default() };
    let (mut by_channel, mut by_owner) = (BTreeMap::new(), BTreeMap::new());
    for k in st.store.complaints(f).await? {
        *by_channel.entry(k.channel.clone()).or_default() += 1;
        *by_owner.entry(k.owner_id.map(|o| o.to_string()).unwrap_or_else(|| "none".into())).or_default() += 1;
    }
    Ok((by_channel, by_owner))
}

/// The sales report: per channel and per representative, leads, won and lost, the money,
/// the quality calls' answers and the complaints (linked), with the totals of this window and
/// of the one before.
pub(crate) async fn sales_report(st: &AppState, c: &Checked) -> Result<SalesReport> {
    use pronto_domain::money_report::{MoneyTally, group};
    let zone = st.store.office_zone();
    let day = |t: jiff::Timestamp| t.to_zoned(zone.clone()).strftime("%Y-%m-%d").to_string();
    let window = format!("from={}&to={}", day(c.from), day(c.to - jiff::SignedDuration::from_secs(1)));
    // The complaints are counted over the whole office days the link opens, so that a count
    // and the list behind it always agree.
    let days = |from: jiff::Timestamp, to: jiff::Timestamp| {
        let start = |d: jiff::civil::Date| d.to_zoned(zone.clone()).map(|z| z.timestamp()).unwrap_or(from);
        let last = (to - jiff::SignedDuration::from_secs(1)).to_zoned(zone.clone()).date();
        (start(from.to_zoned(zone.clone()).date()), start(last.tomorrow().unwrap_or(last)))
    };
    let invoices = st.store.report_money(c.from, c.to).await?;
    let (cfrom, cto) = days(c.from, c.to);
    let (complaints_by_channel, complaints_by_owner) = complaint_counts(st, cfrom, cto).await?;
    let line = |key: String, value: String, t: &Tally, m: &MoneyTally, complaints: i64, url: String| SalesLine {
        key,
        value,
        leads: t.leads,
        won: t.won,
        lost: t.lost,
        invoices_issued: m.issued,
        invoices_paid: m.paid,
        invoiced: money(&m.invoiced),
        received: money(&m.received),
        outstanding: money(&m.outstanding),
        quality_positive: t.quality_positive,
        quality_negative: t.quality_negative,
        complaints,
        complaints_url: url,
    };
    let mut sides = vec![];
    for (dim, counts, param) in [(Dim::Channel, &complaints_by_channel, "channel"), (Dim::Owner, &complaints_by_owner, "owner")] {
        let tallies = st.store.report_tallies(dim, c.from, c.to).await?.groups;
        let money = group(&invoices, c.from, c.to, dim);
        let names = labels(st, dim).await?;
        let mut values: std::collections::BTreeSet<String> = tallies.keys().cloned().collect();
        values.extend(money.keys().cloned());
        values.extend(counts.keys().cloned());
        let lines: Vec<SalesLine> = values
            .into_iter()
            .map(|v| {
                let empty_t = Tally::default();
                let empty_m = MoneyTally::default();
                line(
                    names.get(&v).cloned().unwrap_or_else(|| v.clone()),
                    v.clone(),
                    tallies.get(&v).unwrap_or(&empty_t),
                    money.get(&v).unwrap_or(&empty_m),
                    counts.get(&v).copied().unwrap_or(0),
                    format!("/complaints?{window}&{param}={v}"),
                )
            })
            .collect();
        sides.push(lines);
    }
    let by_representative = sides.pop().unwrap_or_default();
    let by_channel = sides.pop().unwrap_or_default();
    let totals = |from: jiff::Timestamp, to: jiff::Timestamp, invoices: Vec<pronto_domain::money_report::InvoiceFact>, complaints: i64| async move {
        let t = total(&st.store.report_tallies(Dim::All, from, to).await?.groups);
        let mut m = MoneyTally::default();
        invoices.iter().for_each(|f| m.add(f, from, to));
        let url = format!("/complaints?from={}&to={}", day(from), day(to - jiff::SignedDuration::from_secs(1)));
        Ok::<_, super::Error>(line("all".into(), "all".into(), &t, &m, complaints, url))
    };
    let all_complaints: i64 = complaints_by_channel.values().sum();
    let total_line = totals(c.from, c.to, invoices, all_complaints).await?;
    let len = c.to.duration_since(c.from);
    let (pfrom, pto) = (c.from - len, c.from);
    let before = st.store.report_money(pfrom, pto).await?;
    let (pcfrom, pcto) = days(pfrom, pto);
    let (prev_complaints, _) = complaint_counts(st, pcfrom, pcto).await?;
    let previous = totals(pfrom, pto, before, prev_complaints.values().sum()).await?;
    Ok(SalesReport { from: c.from.to_string(), to: c.to.to_string(), by_channel, by_representative, total: total_line, previous })
}
