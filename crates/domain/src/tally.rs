//! The report aggregates, free of I/O. Every lead is one [`Fact`]: what the reports need to know
//! about it (the office day and hour it arrived, channel, owner, source, segment, response time
//! in wall-clock and business seconds, the stages it reached and how long it spent in them, call
//! attempts, quality-call outcome, complaints). A fact adds into one [`Tally`] per
//! [`Dim`]ension value per day; tallies add up, so a report over any run of days merges a few
//! hundred of them instead of reading every lead, and when a lead changes the store subtracts
//! its old fact and adds the new one in the same transaction.
//!
//! Response times are kept exactly as counts at the reported thresholds (5 minutes, 1 hour,
//! 24 hours) and as a histogram over [`EDGES`] for the median and the 90th percentile, which
//! are interpolated inside a bucket when a report is read from tallies. A report over few leads
//! is computed from their facts, with exact times ([`Tally::exact`]).

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Bucket `i` of the response-time histogram holds `[EDGES[i], EDGES[i + 1])` seconds; the last
/// one everything from 14 days on.
pub const EDGES: [i64; 31] = [
    0, 15, 30, 45, 60, 90, 120, 180, 240, 300, 420, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10_800, 14_400, 21_600, 28_800, 43_200,
    86_400, 129_600, 172_800, 259_200, 345_600, 604_800, 1_209_600,
];

pub fn bucket(seconds: i64) -> usize {
    EDGES.partition_point(|e| *e <= seconds.max(0)) - 1
}

/// The office day as a number, `20261122`.
pub fn day_number(d: jiff::civil::Date) -> i32 {
    d.year() as i32 * 10_000 + d.month() as i32 * 100 + d.day() as i32
}

pub fn day_of_number(n: i32) -> Option<jiff::civil::Date> {
    jiff::civil::Date::new((n / 10_000) as i16, ((n / 100) % 100) as i8, (n % 100) as i8).ok()
}

/// One lead as the reports see it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Fact {
    /// When it arrived (microseconds since the epoch) and the office day, hour (0–23) and
    /// weekday (1 = Monday) that was.
    pub received_us: i64,
    pub day: i32,
    pub hour: i8,
    pub weekday: i8,
    pub playbook: String,
    pub channel: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// `b2b`, `b2c` or `unknown`.
    pub segment: String,
    /// Received → first response, wall clock and working time of the lead's calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_response: Option<i64>,
    /// The stages it reached, in the playbook's order (a lost lead: those before it was lost).
    #[serde(default)]
    pub reached: Vec<String>,
    /// `open`, `won` or `lost`.
    pub status: String,
    /// Seconds spent in each stage it has left.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stage_seconds: BTreeMap<String, i64>,
    /// Outgoing calls made to the customer.
    #[serde(default)]
    pub calls: i64,
    /// The quality call's outcome: `positive` or `negative`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<String>,
    #[serde(default)]
    pub complaints: i64,
    /// Each SLA the lead ran: met (`true`) or breached.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sla: BTreeMap<String, bool>,
}

/// What a fact is made from: the lead as stored.
#[derive(Debug, Clone)]
pub struct LeadFacts<'a> {
    pub received_at: Timestamp,
    pub first_response_at: Option<Timestamp>,
    pub playbook: &'a str,
    pub channel: &'a str,
    pub owner: Option<i64>,
    pub source: Option<&'a str>,
    pub customer_type: Option<&'a str>,
    pub stage: &'a str,
    pub status: &'a str,
    /// The playbook's stages in order, and which of them are terminal (won/lost).
    pub stages: &'a [(String, Option<String>)],
    /// Every stage change so far: (when, to).
    pub stage_changes: &'a [(Timestamp, String)],
    pub calls: i64,
    pub quality: Option<&'a str>,
    pub complaints: i64,
    /// The SLA outcomes recorded, in order: (SLA, met). A breach stands even if met later.
    pub sla_outcomes: &'a [(String, bool)],
}

impl Fact {
    /// The fact of a lead: days and hours in the office's zone, business time by `calendar`.
    pub fn of(l: &LeadFacts<'_>, office: &TimeZone, calendar: &crate::calendar::Calendar) -> Fact {
        let local = l.received_at.to_zoned(office.clone());
        let response = l.first_response_at.map(|f| (f.as_second() - l.received_at.as_second()).max(0));
        let business_response = l.first_response_at.map(|f| calendar.between(l.received_at, f).as_secs().max(0));
        // Reached: every stage up to the furthest one it has been in (lost is not a step).
        let index = |id: &str| l.stages.iter().position(|(s, _)| s == id);
        let lost = |id: &str| l.stages.iter().any(|(s, st)| s == id && st.as_deref() == Some("lost"));
        let mut furthest = index(l.stage).filter(|_| !lost(l.stage));
        for (_, to) in l.stage_changes {
            if !lost(to) {
                furthest = furthest.max(index(to));
            }
        }
        let reached = match furthest {
            Some(f) => l.stages[..=f].iter().filter(|(s, _)| !lost(s)).map(|(s, _)| s.clone()).collect(),
            None => l.stages.first().map(|(s, _)| vec![s.clone()]).unwrap_or_default(),
        };
        // Time in stages: from each change to the next; the first stage from arrival.
        let mut stage_seconds = BTreeMap::new();
        let mut at = l.received_at;
        let mut current = l.stages.first().map(|(s, _)| s.clone()).unwrap_or_default();
        for (when, to) in l.stage_changes {
            *stage_seconds.entry(current.clone()).or_insert(0) += (when.as_second() - at.as_second()).max(0);
            at = *when;
            current = to.clone();
        }
        Fact {
            received_us: l.received_at.as_microsecond(),
            day: day_number(local.date()),
            hour: local.hour(),
            weekday: local.weekday().to_monday_one_offset(),
            playbook: l.playbook.to_owned(),
            channel: l.channel.to_owned(),
            owner: l.owner,
            source: l.source.map(str::to_owned).filter(|s| !s.is_empty()),
            segment: l.customer_type.unwrap_or("unknown").to_owned(),
            response,
            business_response,
            reached,
            status: l.status.to_owned(),
            stage_seconds,
            calls: l.calls,
            quality: l.quality.map(str::to_owned),
            complaints: l.complaints,
            sla: l.sla_outcomes.iter().fold(BTreeMap::new(), |mut m, (name, met)| {
                let e = m.entry(name.clone()).or_insert(*met);
                *e = *e && *met;
                m
            }),
        }
    }
}

/// What a report groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dim {
    All,
    Channel,
    Owner,
    Source,
    Segment,
    Hour,
    Weekday,
    Playbook,
}

impl Dim {
    pub const EVERY: [Dim; 8] = [Dim::All, Dim::Channel, Dim::Owner, Dim::Source, Dim::Segment, Dim::Hour, Dim::Weekday, Dim::Playbook];

    pub fn name(self) -> &'static str {
        match self {
            Dim::All => "all",
            Dim::Channel => "channel",
            Dim::Owner => "owner",
            Dim::Source => "source",
            Dim::Segment => "segment",
            Dim::Hour => "hour",
            Dim::Weekday => "weekday",
            Dim::Playbook => "playbook",
        }
    }

    pub fn parse(s: &str) -> Option<Dim> {
        Dim::EVERY.into_iter().find(|d| d.name() == s)
    }

    /// The group a fact falls in: an owner by id (`none` without one), a source (`none`), an
    /// hour `00`–`23`, a weekday `1`–`7` (Monday first).
    pub fn value(self, f: &Fact) -> String {
        match self {
            Dim::All => "all".into(),
            Dim::Channel => f.channel.clone(),
            Dim::Owner => f.owner.map(|o| o.to_string()).unwrap_or_else(|| "none".into()),
            Dim::Source => f.source.clone().unwrap_or_else(|| "none".into()),
            Dim::Segment => f.segment.clone(),
            Dim::Hour => format!("{:02}", f.hour),
            Dim::Weekday => f.weekday.to_string(),
            Dim::Playbook => f.playbook.clone(),
        }
    }
}

/// A count of leads with every figure the reports show, additive.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Tally {
    pub leads: i64,
    pub responded: i64,
    /// Answered within 5 minutes, 1 hour, 24 hours (wall clock) …
    pub within: [i64; 3],
    /// … and of working time.
    pub within_business: [i64; 3],
    /// Histograms of response seconds over [`EDGES`] (empty: all zero).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hist: Vec<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hist_business: Vec<i64>,
    /// Leads that reached each stage, by stage id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reached: BTreeMap<String, i64>,
    pub won: i64,
    pub lost: i64,
    /// Seconds spent in each stage by the leads that left it, and how many left it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stage_seconds: BTreeMap<String, i64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stage_exits: BTreeMap<String, i64>,
    /// Leads by outgoing call attempts: 0, 1, 2, 3, 4 or more.
    pub attempts: [i64; 5],
    pub quality_positive: i64,
    pub quality_negative: i64,
    pub complaints: i64,
    /// Leads with a complaint (a lead may have several).
    pub complained: i64,
    /// Leads whose SLA was met, or breached, by SLA.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sla_met: BTreeMap<String, i64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sla_breached: BTreeMap<String, i64>,
    /// The exact response times when this tally was made from facts (not stored).
    #[serde(skip)]
    pub exact: Option<(Vec<i64>, Vec<i64>)>,
}

pub const THRESHOLDS: [i64; 3] = [300, 3600, 86_400];

fn bump(v: &mut Vec<i64>, i: usize, by: i64) {
    if v.len() < EDGES.len() {
        v.resize(EDGES.len(), 0);
    }
    v[i] += by;
}

fn bump_map(m: &mut BTreeMap<String, i64>, k: &str, by: i64) {
    let e = m.entry(k.to_owned()).or_insert(0);
    *e += by;
    if *e == 0 {
        m.remove(k);
    }
}

impl Tally {
    /// An empty tally that keeps exact times (for facts read one by one).
    pub fn exact() -> Tally {
        Tally { exact: Some((vec![], vec![])), ..Tally::default() }
    }

    /// Adds a fact (`sign` 1) or takes it away (`sign` -1).
    pub fn add(&mut self, f: &Fact, sign: i64) {
        self.leads += sign;
        if let Some(r) = f.response {
            self.responded += sign;
            for (i, t) in THRESHOLDS.iter().enumerate() {
                if r <= *t {
                    self.within[i] += sign;
                }
            }
            bump(&mut self.hist, bucket(r), sign);
            if let Some((times, _)) = &mut self.exact {
                times.push(r);
            }
        }
        if let Some(b) = f.business_response {
            for (i, t) in THRESHOLDS.iter().enumerate() {
                if b <= *t {
                    self.within_business[i] += sign;
                }
            }
            bump(&mut self.hist_business, bucket(b), sign);
            if let Some((_, times)) = &mut self.exact {
                times.push(b);
            }
        }
        for s in &f.reached {
            bump_map(&mut self.reached, s, sign);
        }
        match f.status.as_str() {
            "won" => self.won += sign,
            "lost" => self.lost += sign,
            _ => {}
        }
        for (s, secs) in &f.stage_seconds {
            bump_map(&mut self.stage_seconds, s, sign * secs);
            bump_map(&mut self.stage_exits, s, sign);
        }
        self.attempts[f.calls.clamp(0, 4) as usize] += sign;
        match f.quality.as_deref() {
            Some("positive") => self.quality_positive += sign,
            Some("negative") => self.quality_negative += sign,
            _ => {}
        }
        self.complaints += sign * f.complaints;
        if f.complaints > 0 {
            self.complained += sign;
        }
        for (name, met) in &f.sla {
            bump_map(if *met { &mut self.sla_met } else { &mut self.sla_breached }, name, sign);
        }
        self.trim();
    }

    /// An all-zero histogram is stored as none.
    fn trim(&mut self) {
        if self.hist.iter().all(|n| *n == 0) {
            self.hist.clear();
        }
        if self.hist_business.iter().all(|n| *n == 0) {
            self.hist_business.clear();
        }
    }

    pub fn merge(&mut self, o: &Tally) {
        self.leads += o.leads;
        self.responded += o.responded;
        for i in 0..3 {
            self.within[i] += o.within[i];
            self.within_business[i] += o.within_business[i];
        }
        for (i, n) in o.hist.iter().enumerate() {
            bump(&mut self.hist, i, *n);
        }
        for (i, n) in o.hist_business.iter().enumerate() {
            bump(&mut self.hist_business, i, *n);
        }
        for (k, n) in &o.reached {
            bump_map(&mut self.reached, k, *n);
        }
        self.won += o.won;
        self.lost += o.lost;
        for (k, n) in &o.stage_seconds {
            bump_map(&mut self.stage_seconds, k, *n);
        }
        for (k, n) in &o.stage_exits {
            bump_map(&mut self.stage_exits, k, *n);
        }
        for i in 0..5 {
            self.attempts[i] += o.attempts[i];
        }
        self.quality_positive += o.quality_positive;
        self.quality_negative += o.quality_negative;
        self.complaints += o.complaints;
        self.complained += o.complained;
        for (k, n) in &o.sla_met {
            bump_map(&mut self.sla_met, k, *n);
        }
        for (k, n) in &o.sla_breached {
            bump_map(&mut self.sla_breached, k, *n);
        }
        self.exact = match (self.exact.take(), &o.exact) {
            (Some((mut a, mut b)), Some((c, d))) => {
                a.extend_from_slice(c);
                b.extend_from_slice(d);
                Some((a, b))
            }
            _ => None,
        };
        self.trim();
    }

    pub fn is_empty(&self) -> bool {
        *self == Tally::default()
    }

    /// Whether the percentiles are exact (from facts) rather than interpolated in buckets.
    pub fn is_exact(&self) -> bool {
        self.exact.is_some()
    }

    /// The median response time: the mean of the middle two for an even count.
    pub fn median(&self, business: bool) -> Option<f64> {
        match &self.exact {
            Some((wall, work)) => {
                let mut v = if business { work.clone() } else { wall.clone() };
                v.sort_unstable();
                let n = v.len();
                match n {
                    0 => None,
                    _ if n % 2 == 1 => Some(v[n / 2] as f64),
                    _ => Some((v[n / 2 - 1] + v[n / 2]) as f64 / 2.0),
                }
            }
            None => interpolate(if business { &self.hist_business } else { &self.hist }, 0.5),
        }
    }

    /// The 90th percentile by nearest rank (exact) or interpolated in its bucket.
    pub fn p90(&self, business: bool) -> Option<f64> {
        match &self.exact {
            Some((wall, work)) => {
                let mut v = if business { work.clone() } else { wall.clone() };
                v.sort_unstable();
                if v.is_empty() {
                    return None;
                }
                let rank = ((0.9 * v.len() as f64).ceil() as usize).clamp(1, v.len());
                Some(v[rank - 1] as f64)
            }
            None => interpolate(if business { &self.hist_business } else { &self.hist }, 0.9),
        }
    }

    /// How many leads each response-time bucket holds, wall clock or working time.
    pub fn distribution(&self, business: bool) -> Vec<i64> {
        let h = if business { &self.hist_business } else { &self.hist };
        let mut out = vec![0; EDGES.len()];
        for (i, n) in h.iter().enumerate() {
            out[i] = *n;
        }
        out
    }
}

/// The `q` quantile of a histogram, linear inside its bucket (the last, open bucket: its start).
fn interpolate(hist: &[i64], q: f64) -> Option<f64> {
    let n: i64 = hist.iter().sum();
    if n <= 0 {
        return None;
    }
    let target = q * n as f64;
    let mut before = 0.0;
    for (i, c) in hist.iter().enumerate() {
        let c = *c as f64;
        if c > 0.0 && before + c >= target {
            let lo = EDGES[i] as f64;
            let Some(hi) = EDGES.get(i + 1) else { return Some(lo) };
            return Some(lo + (*hi as f64 - lo) * ((target - before) / c).clamp(0.0, 1.0));
        }
        before += c;
    }
    None
}

/// Every (dimension, value) a fact counts in.
pub fn keys(f: &Fact) -> impl Iterator<Item = (Dim, String)> + '_ {
    Dim::EVERY.into_iter().map(move |d| (d, d.value(f)))
}

/// What changing a lead's fact from `old` to `new` does to the tallies: per (day, dimension,
/// value), the tally to add (negative counts take away). Keys whose change nets to nothing are
/// left out; sorted, so that concurrent writers lock rows in one order.
pub fn delta(old: Option<&Fact>, new: Option<&Fact>) -> Vec<((i32, Dim, String), Tally)> {
    let mut out: BTreeMap<(i32, Dim, String), Tally> = BTreeMap::new();
    if let Some(o) = old {
        for (d, v) in keys(o) {
            out.entry((o.day, d, v)).or_default().add(o, -1);
        }
    }
    if let Some(n) = new {
        for (d, v) in keys(n) {
            out.entry((n.day, d, v)).or_default().add(n, 1);
        }
    }
    out.into_iter().filter(|(_, t)| !t.is_empty()).collect()
}

/// The figures a report shows, as drill-down names: whether a lead counts in `figure`
/// (`None`: no such figure). `business` picks working-time response thresholds.
pub fn counts_in(f: &Fact, figure: &str, business: bool) -> Option<bool> {
    let response = if business { f.business_response } else { f.response };
    let within = |t: i64| response.is_some_and(|r| r <= t);
    Some(match figure {
        "leads" => true,
        "responded" => response.is_some(),
        "never" => response.is_none(),
        "within_5_min" => within(300),
        "within_1_hour" => within(3600),
        "within_24_hours" => within(86_400),
        "won" => f.status == "won",
        "lost" => f.status == "lost",
        "open" => f.status == "open",
        "complaints" => f.complaints > 0,
        "quality_positive" => f.quality.as_deref() == Some("positive"),
        "quality_negative" => f.quality.as_deref() == Some("negative"),
        _ => {
            if let Some(stage) = figure.strip_prefix("reached:") {
                f.reached.iter().any(|s| s == stage)
            } else if let Some(n) = figure.strip_prefix("attempts:") {
                let n: i64 = n.trim_end_matches('+').parse().ok()?;
                if n >= 4 { f.calls >= 4 } else { f.calls == n }
            } else if let Some(name) = figure.strip_prefix("sla_met:").filter(|n| !n.is_empty()) {
                f.sla.get(name) == Some(&true)
            } else if let Some(name) = figure.strip_prefix("sla_breached:").filter(|n| !n.is_empty()) {
                f.sla.get(name) == Some(&false)
            } else if let Some(i) = figure.strip_prefix("bucket:") {
                let i: usize = i.parse().ok().filter(|i| *i < EDGES.len())?;
                response.is_some_and(|r| bucket(r) == i)
            } else {
                return None;
            }
        }
    })
}

/// Groups facts (read one by one) into exact tallies per value of `dim`.
pub fn group(facts: &[Fact], dim: Dim) -> BTreeMap<String, Tally> {
    let mut out: BTreeMap<String, Tally> = BTreeMap::new();
    for f in facts {
        out.entry(dim.value(f)).or_insert_with(Tally::exact).add(f, 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn stages() -> Vec<(String, Option<String>)> {
        ["received", "contacted", "qualified", "offer", "won", "lost"]
            .iter()
            .map(|s| (s.to_string(), matches!(*s, "won" | "lost").then(|| s.to_string())))
            .collect()
    }

    fn office() -> Calendar {
        Calendar::parse(
            "Europe/Prague",
            &[("mon", "09:00-17:00"), ("tue", "09:00-17:00"), ("wed", "09:00-17:00"), ("thu", "09:00-17:00"), ("fri", "09:00-17:00")],
            &["2026-12-24"],
        )
        .unwrap()
    }

    fn lead<'a>(
        received: &str,
        first: Option<&str>,
        stage: &'a str,
        status: &'a str,
        st: &'a [(String, Option<String>)],
        changes: &'a [(Timestamp, String)],
    ) -> LeadFacts<'a> {
        LeadFacts {
            received_at: ts(received),
            first_response_at: first.map(ts),
            playbook: "agency",
            channel: "web",
            owner: Some(7),
            source: Some("google"),
            customer_type: None,
            stage,
            status,
            stages: st,
            stage_changes: changes,
            calls: 1,
            quality: None,
            complaints: 0,
            sla_outcomes: &[],
        }
    }

    #[test]
    fn buckets_hold_their_lower_edge() {
        assert_eq!((bucket(0), bucket(14), bucket(15), bucket(300), bucket(299)), (0, 0, 1, 9, 8));
        assert_eq!(bucket(10_000_000), EDGES.len() - 1);
        assert_eq!(bucket(-5), 0);
    }

    #[test]
    fn a_fact_in_office_time_with_business_seconds_across_a_weekend_and_dst() {
        let cal = office();
        let tz = cal.time_zone().clone();
        let st = stages();
        // Friday 16:50 CET → Monday 09:10: 10 + 10 working minutes, 64 h 20 min of wall clock.
        let f = Fact::of(&lead("2026-11-20T15:50:00Z", Some("2026-11-23T08:10:00Z"), "received", "open", &st, &[]), &tz, &cal);
        assert_eq!((f.day, f.hour, f.weekday), (20261120, 16, 5));
        assert_eq!((f.response, f.business_response), (Some(64 * 3600 + 20 * 60), Some(1200)));
        // Saturday 24 October 2026 23:30 UTC is Sunday 01:30 CEST; DST ends at 03:00 that night:
        // the wall clock to Monday 09:00 CET (08:00 UTC) is 32 h 30 min, no working time.
        let f = Fact::of(&lead("2026-10-24T23:30:00Z", Some("2026-10-26T08:00:00Z"), "received", "open", &st, &[]), &tz, &cal);
        assert_eq!((f.day, f.hour, f.weekday), (20261025, 1, 7));
        assert_eq!((f.response, f.business_response), (Some(32 * 3600 + 30 * 60), Some(0)));
        // The office's holiday: Christmas Eve counts no working time.
        let f = Fact::of(&lead("2026-12-24T09:00:00Z", Some("2026-12-24T15:00:00Z"), "received", "open", &st, &[]), &tz, &cal);
        assert_eq!(f.business_response, Some(0));
    }

    #[test]
    fn reached_stages_and_time_in_each() {
        let cal = office();
        let tz = cal.time_zone().clone();
        let st = stages();
        let changes = vec![(ts("2026-11-20T10:10:00Z"), "contacted".to_string()), (ts("2026-11-20T12:00:00Z"), "lost".to_string())];
        let f = Fact::of(&lead("2026-11-20T10:00:00Z", None, "lost", "lost", &st, &changes), &tz, &cal);
        assert_eq!(f.reached, vec!["received", "contacted"]);
        assert_eq!(f.stage_seconds, BTreeMap::from([("received".to_string(), 600), ("contacted".to_string(), 6600)]));
        // Straight to won: every step before it counts as reached.
        let changes = vec![(ts("2026-11-20T11:00:00Z"), "won".to_string())];
        let f = Fact::of(&lead("2026-11-20T10:00:00Z", None, "won", "won", &st, &changes), &tz, &cal);
        assert_eq!(f.reached, vec!["received", "contacted", "qualified", "offer", "won"]);
    }

    fn fact(response: Option<i64>) -> Fact {
        Fact {
            day: 20261120,
            channel: "web".into(),
            segment: "b2c".into(),
            status: "open".into(),
            response,
            business_response: response,
            ..Fact::default()
        }
    }

    #[test]
    fn exact_and_bucketed_percentiles() {
        // Ties, an even count, and a never-answered lead.
        let facts: Vec<Fact> = [Some(60), Some(60), Some(120), Some(600), None].into_iter().map(fact).collect();
        let g = group(&facts, Dim::Channel);
        let t = &g["web"];
        assert_eq!((t.leads, t.responded, t.within), (5, 4, [3, 4, 4]));
        assert_eq!((t.median(false), t.p90(false)), (Some(90.0), Some(600.0)));
        // The same from a stored tally: interpolated in its buckets [60, 90) and [600, 900).
        let mut stored = Tally::default();
        for f in &facts {
            stored.add(f, 1);
        }
        assert!(!stored.is_exact());
        // 4 times; the median's rank 2 is the end of the two in [60, 90); p90's rank 3.6 is 0.6
        // into the one in [600, 900).
        assert_eq!(stored.median(false), Some(90.0));
        assert_eq!(stored.p90(false), Some(600.0 + 300.0 * 0.6));
        // Nothing answered: no percentiles.
        let none = group(&[fact(None)], Dim::Channel);
        assert_eq!((none["web"].median(false), none["web"].p90(true)), (None, None));
    }

    #[test]
    fn a_delta_moves_a_lead_between_groups_and_back_to_nothing() {
        let a = Fact { owner: Some(1), ..fact(Some(100)) };
        let b = Fact { owner: Some(2), ..fact(Some(100)) };
        let d = delta(Some(&a), Some(&b));
        // Only the owner groups change.
        let keys: Vec<_> = d.iter().map(|(k, _)| (k.1, k.2.clone())).collect();
        assert_eq!(keys, vec![(Dim::Owner, "1".to_string()), (Dim::Owner, "2".to_string())]);
        assert_eq!((d[0].1.leads, d[1].1.leads), (-1, 1));
        assert!(delta(Some(&a), Some(&a)).is_empty());
        // Adding then taking away leaves an empty tally.
        let mut t = Tally::default();
        for (_, x) in delta(None, Some(&a)).into_iter().filter(|(k, _)| k.1 == Dim::All) {
            t.merge(&x);
        }
        for (_, x) in delta(Some(&a), None).into_iter().filter(|(k, _)| k.1 == Dim::All) {
            t.merge(&x);
        }
        assert!(t.is_empty(), "{t:?}");
    }

    #[test]
    fn attempts_quality_and_complaints() {
        let facts = vec![
            Fact { calls: 0, ..fact(None) },
            Fact { calls: 1, quality: Some("positive".into()), ..fact(None) },
            Fact { calls: 1, quality: Some("negative".into()), complaints: 2, ..fact(None) },
            Fact { calls: 7, ..fact(None) },
        ];
        let t = &group(&facts, Dim::All)["all"];
        assert_eq!(t.attempts, [1, 2, 0, 0, 1]);
        assert_eq!((t.quality_positive, t.quality_negative, t.complaints, t.complained), (1, 1, 2, 1));
    }

    #[test]
    fn drill_down_figures_agree_with_the_tally() {
        let facts = vec![
            Fact { calls: 1, reached: vec!["received".into(), "contacted".into()], status: "won".into(), ..fact(Some(200)) },
            Fact { calls: 4, complaints: 1, quality: Some("negative".into()), ..fact(Some(4000)) },
            fact(None),
        ];
        let t = &group(&facts, Dim::All)["all"];
        let n = |fig: &str| facts.iter().filter(|f| counts_in(f, fig, false).unwrap()).count() as i64;
        assert_eq!((n("leads"), n("responded"), n("never")), (t.leads, t.responded, t.leads - t.responded));
        assert_eq!((n("within_5_min"), n("within_1_hour"), n("within_24_hours")), (t.within[0], t.within[1], t.within[2]));
        assert_eq!(
            (n("won"), n("reached:contacted"), n("attempts:1"), n("attempts:4+")),
            (t.won, t.reached["contacted"], t.attempts[1], t.attempts[4])
        );
        assert_eq!((n("complaints"), n("quality_negative")), (t.complained, t.quality_negative));
        assert_eq!(n(&format!("bucket:{}", bucket(200))), t.hist[bucket(200)]);
        assert_eq!(counts_in(&facts[0], "moon", false), None);
        assert_eq!(counts_in(&facts[0], "sla_met:", false), None);
        assert_eq!(counts_in(&facts[0], "bucket:99", false), None);
    }

    #[test]
    fn sla_outcomes_a_breach_stands() {
        let cal = office();
        let tz = cal.time_zone().clone();
        let st = stages();
        let outcomes = vec![("first_response".to_string(), false), ("first_response".to_string(), true), ("offer".to_string(), true)];
        let f =
            Fact::of(&LeadFacts { sla_outcomes: &outcomes, ..lead("2026-11-20T10:00:00Z", None, "received", "open", &st, &[]) }, &tz, &cal);
        assert_eq!(f.sla, BTreeMap::from([("first_response".to_string(), false), ("offer".to_string(), true)]));
        let t = &group(&[f.clone()], Dim::All)["all"];
        assert_eq!(
            (t.sla_met.get("offer"), t.sla_breached.get("first_response"), t.sla_met.get("first_response")),
            (Some(&1), Some(&1), None)
        );
        assert_eq!((counts_in(&f, "sla_breached:first_response", false), counts_in(&f, "sla_met:offer", false)), (Some(true), Some(true)));
        assert_eq!(counts_in(&f, "sla_met:first_response", false), Some(false));
    }

    #[test]
    fn tallies_survive_json() {
        let mut t = Tally::default();
        t.add(&Fact { reached: vec!["received".into()], stage_seconds: BTreeMap::from([("received".into(), 30)]), ..fact(Some(40)) }, 1);
        let back: Tally = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(back, t);
    }
}
