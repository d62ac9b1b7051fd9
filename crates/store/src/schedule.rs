//! Scheduled reports on the durable timers: the secretary's daily report (every request and
//! call, new customers who became requests, transfers to managers), the head of sales' daily
//! report (deals, invoices issued and paid, won and lost, by channel) and the monthly summary.
//! Each is a timer without a lead (`report:secretary`, `report:sales`, `report:monthly`); when it
//! fires, the report for the period before it is composed inside the writer's transaction,
//! queued as e-mails to the recipients (outbox rows) and the next timer is set — so a report is
//! sent once, even across a crash, and the manual clock drives it in tests.

use crate::engine::Conn;
use crate::tx::{Command, Pending, TimerRow, write_effects};
use crate::{Result, StoreError, from_micros, micros, params};
use async_trait::async_trait;
use pronto_domain::event::DomainEvent;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The events the scheduled reports read: transfers to managers and sales stages reached.
pub(crate) const ASSIGNED: &str = "lead.assigned";
pub(crate) const STAGE_CHANGED: &str = "lead.stage_changed";

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    Secretary,
    Sales,
    Monthly,
}

impl ReportKind {
    pub const EVERY: [ReportKind; 3] = [ReportKind::Secretary, ReportKind::Sales, ReportKind::Monthly];
    pub fn name(self) -> &'static str {
        match self {
            ReportKind::Secretary => "secretary",
            ReportKind::Sales => "sales",
            ReportKind::Monthly => "monthly",
        }
    }
    pub fn parse(s: &str) -> Option<ReportKind> {
        ReportKind::EVERY.into_iter().find(|k| k.name() == s)
    }
    fn timer(self) -> String {
        format!("report:{}", self.name())
    }
}

/// When the reports go and to whom; kept in `report_meta` so a firing timer finds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportSchedule {
    /// Local times in the office's zone, `HH:MM`; `None` turns a report off.
    pub secretary: Option<String>,
    pub sales: Option<String>,
    /// The monthly summary goes on the 1st at this time.
    pub monthly: Option<String>,
    /// E-mail addresses; empty: every active admin and manager with an address.
    pub recipients: Vec<String>,
}

impl Default for ReportSchedule {
    fn default() -> Self {
        ReportSchedule { secretary: Some("11:00".into()), sales: Some("19:30".into()), monthly: Some("09:00".into()), recipients: vec![] }
    }
}

impl ReportSchedule {
    /// Checks the times and addresses; each problem names its field (`reports.secretary`).
    pub fn check(&self) -> std::result::Result<(), pronto_domain::FieldErrors> {
        let mut e = pronto_domain::FieldErrors::new();
        for (k, v) in [("secretary", &self.secretary), ("sales", &self.sales), ("monthly", &self.monthly)] {
            if let Some(v) = v
                && parse_time(v).is_none()
            {
                e.add(&format!("reports.{k}"), format!("`{v}` is not a time of day like 11:00"));
            }
        }
        for r in &self.recipients {
            if pronto_domain::values::Email::parse(r).is_err() {
                e.add("reports.recipients", format!("`{r}` is not an e-mail address"));
            }
        }
        e.into_result()
    }
    fn at(&self, kind: ReportKind) -> Option<Time> {
        match kind {
            ReportKind::Secretary => self.secretary.as_deref(),
            ReportKind::Sales => self.sales.as_deref(),
            ReportKind::Monthly => self.monthly.as_deref(),
        }
        .and_then(parse_time)
    }
}

fn parse_time(s: &str) -> Option<Time> {
    let (h, m) = s.trim().split_once(':')?;
    Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()
}

/// The next time `kind` is due after `now` (daily at `at`; monthly on the 1st at `at`).
pub fn next_due(kind: ReportKind, at: Time, now: Timestamp, tz: &TimeZone) -> Timestamp {
    let today = now.to_zoned(tz.clone()).date();
    let mut d = match kind {
        ReportKind::Monthly => today.first_of_month(),
        _ => today,
    };
    for _ in 0..40 {
        if let Ok(z) = d.to_datetime(at).to_zoned(tz.clone())
            && z.timestamp() > now
        {
            return z.timestamp();
        }
        d = match kind {
            ReportKind::Monthly => d.first_of_month().checked_add(1.month()).unwrap_or(d),
            _ => d.tomorrow().unwrap_or(d),
        };
    }
    now + jiff::SignedDuration::from_hours(24)
}

/// The period a report sent at `due` covers: the day before it (same local time), or the
/// previous calendar month.
pub fn period(kind: ReportKind, due: Timestamp, tz: &TimeZone) -> (Timestamp, Timestamp) {
    let z = due.to_zoned(tz.clone());
    match kind {
        ReportKind::Monthly => {
            let this = z.date().first_of_month();
            let prev = this.checked_sub(1.month()).unwrap_or(this);
            let start = |d: Date| d.to_zoned(tz.clone()).map(|z| z.timestamp()).unwrap_or(due);
            (start(prev), start(this))
        }
        _ => (z.checked_sub(1.day()).map(|p| p.timestamp()).unwrap_or(due), due),
    }
}

/// Stores when the scheduled reports go and sets their timers.
pub(crate) struct ConfigureReports {
    pub schedule: ReportSchedule,
}

#[async_trait]
impl Command for ConfigureReports {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> Result<()> {
        configure(c, pending, &self.schedule, now).await
    }
}

/// One step of building the reports' facts for leads without one (see `facts::backfill`).
pub(crate) struct BackfillFacts {
    pub limit: i64,
}

#[async_trait]
impl Command for BackfillFacts {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> Result<i64> {
        let _ = now;
        let pbs = pending.playbooks.clone();
        crate::facts::backfill(c, &pbs, &mut pending.report_deltas, self.limit).await
    }
}

/// Writes the schedule and makes each report's timer match it: set when missing, moved when
/// its time changed, cancelled when the report is off.
pub(crate) async fn configure(c: &mut dyn Conn, pending: &mut Pending, s: &ReportSchedule, now: Timestamp) -> Result<()> {
    s.check().map_err(StoreError::Invalid)?;
    let text = serde_json::to_string(s).map_err(|e| StoreError::Internal(e.to_string()))?;
    c.exec(
        "INSERT INTO report_meta (key, value) VALUES ('schedule', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![text],
    )
    .await?;
    let tz = crate::facts::office_zone(&pending.playbooks);
    for kind in ReportKind::EVERY {
        let want = s.at(kind).map(|at| next_due(kind, at, now, &tz));
        let have = c
            .row(
                "SELECT id, due_at FROM timers WHERE lead_id IS NULL AND kind = $1 AND status = 'pending' ORDER BY due_at LIMIT 1",
                params![kind.timer()],
            )
            .await?;
        let have_due = have.as_ref().map(|r| r.i64("due_at")).transpose()?.map(from_micros);
        if have_due == want {
            continue;
        }
        if let Some(r) = have {
            c.exec("UPDATE timers SET status = 'cancelled', done_at = $1 WHERE id = $2", params![micros(now), r.i64("id")?]).await?;
        }
        if let Some(due) = want {
            pending.timers.push(TimerRow::new(None, kind.timer(), due, &json!({}), now));
        }
    }
    Ok(())
}

/// A report timer fired at `due`: composes the report for the period before it, queues it to
/// every recipient and sets the next one. Other timers without a lead are not this module's.
pub(crate) async fn fire(c: &mut dyn Conn, pending: &mut Pending, kind: &str, due: Timestamp, now: Timestamp) -> Result<bool> {
    let Some(kind) = kind.strip_prefix("report:").and_then(ReportKind::parse) else { return Ok(false) };
    let schedule: ReportSchedule = match c.row("SELECT value FROM report_meta WHERE key = 'schedule'", vec![]).await? {
        Some(r) => serde_json::from_str(&r.str("value")?).unwrap_or_default(),
        None => ReportSchedule::default(),
    };
    let tz = crate::facts::office_zone(&pending.playbooks);
    let (from, to) = period(kind, due, &tz);
    let report = compose(c, kind, from, to, &tz).await?;
    let messages = pending.playbooks.messages();
    let (subject, body) = render(&report, &tz, &messages, messages.default_language);
    let mut to_addresses = schedule.recipients.clone();
    if to_addresses.is_empty() {
        for r in c
            .rows(
                "SELECT email FROM users WHERE active = $1 AND role IN ('admin', 'manager') AND email IS NOT NULL ORDER BY id",
                params![true],
            )
            .await?
        {
            to_addresses.push(r.str("email")?);
        }
    }
    let t = micros(now);
    for address in &to_addresses {
        let payload = json!({ "text": body, "subject": subject });
        c.exec(
            "INSERT INTO outbox (created_at, lead_id, channel, recipient_user, recipient_role, recipient_address, kind, idempotency_key, payload, next_attempt_at, updated_at, status, attempts)
             VALUES ($1, NULL, 'email', NULL, NULL, $2, $3, $4, $5, $1, $1, 'queued', 0) ON CONFLICT (idempotency_key) DO NOTHING",
            params![t, address.as_str(), format!("report.{}", kind.name()), format!("report/{}/{}/{address}", kind.name(), micros(due)), payload.to_string()],
        )
        .await?;
    }
    let fx = pronto_domain::effects::Effects {
        events: vec![
            pronto_domain::event::DomainEvent::ReportSent {
                report: kind.name().to_owned(),
                from,
                to,
                recipients: to_addresses.len() as u64,
            }
            .into(),
        ],
        ..Default::default()
    };
    write_effects(pending, &fx, None, None, None, now);
    if let Some(at) = schedule.at(kind) {
        pending.timers.push(TimerRow::new(None, kind.timer(), next_due(kind, at, due.max(now), &tz), &json!({}), now));
    }
    Ok(true)
}

/// One request in a daily report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportLead {
    pub id: i64,
    pub received_at: Timestamp,
    pub channel: String,
    pub contact: String,
    pub owner: Option<String>,
    pub stage: String,
    /// The contact's first inquiry: a new customer who became a request.
    pub new_customer: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportCall {
    pub started_at: Option<Timestamp>,
    pub direction: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub state: String,
    pub lead_id: Option<i64>,
    pub answered_by: Option<String>,
}

/// A lead handed to a manager, or a lead moved to a sales stage.
#[derive(Debug, Clone, Serialize)]
pub struct ReportMove {
    pub lead_id: i64,
    pub at: Timestamp,
    pub channel: String,
    pub contact: String,
    /// The manager it went to, or the stage it reached.
    pub to: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Composed {
    pub report: ReportKind,
    pub from: Timestamp,
    pub to: Timestamp,
    pub leads: Vec<ReportLead>,
    pub calls: Vec<ReportCall>,
    pub transfers: Vec<ReportMove>,
    /// Deals opened, invoices issued and paid, won and lost, as far as the playbook has them.
    pub sales: Vec<ReportMove>,
    /// The monthly summary's figures per channel (from the report tallies).
    pub summary: Vec<SummaryLine>,
    /// Invoices issued and paid, money invoiced, received and owed (issue 21): per where the
    /// deal came from (incoming call, outgoing call, a request by its channel) in the daily
    /// sales report, per channel in the monthly summary. Empty in the secretary's report.
    pub money: Vec<MoneyLine>,
    /// The same per representative (the lead's owner).
    pub money_by_owner: Vec<MoneyLine>,
    /// The money of every group together (`group` is `all`).
    pub money_total: Option<MoneyLine>,
    /// The seed's sales report in the monthly summary: per representative, leads, won and
    /// lost, the quality calls' answers and the complaints (counted; the complaints themselves
    /// are on the Complaints page, `complaints_url`).
    pub feedback: Vec<FeedbackLine>,
    /// The monthly summary's month before, to see sales rise or fall.
    pub previous: Option<Totals>,
    /// This period's totals, to compare with `previous`.
    pub totals: Option<Totals>,
}

/// An amount of one currency, formatted with the currency's minor digits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amount {
    pub currency: String,
    pub amount: String,
}

fn amounts(m: &pronto_domain::offer_report::Amounts) -> Vec<Amount> {
    pronto_domain::offer_report::formatted(m).into_iter().map(|(currency, amount)| Amount { currency, amount }).collect()
}

/// One group's money in a scheduled report.
#[derive(Debug, Clone, Serialize)]
pub struct MoneyLine {
    /// `call_in`, `call_out` or a channel code; a representative's name.
    pub group: String,
    pub invoices_issued: i64,
    pub invoices_paid: i64,
    pub invoiced: Vec<Amount>,
    pub received: Vec<Amount>,
    pub outstanding: Vec<Amount>,
    pub overdue: Vec<Amount>,
    pub overdue_invoices: i64,
}

impl MoneyLine {
    fn of(group: String, t: &pronto_domain::money_report::MoneyTally) -> MoneyLine {
        MoneyLine {
            group,
            invoices_issued: t.issued,
            invoices_paid: t.paid,
            invoiced: amounts(&t.invoiced),
            received: amounts(&t.received),
            outstanding: amounts(&t.outstanding),
            overdue: amounts(&t.overdue),
            overdue_invoices: t.overdue_invoices,
        }
    }
}

/// One representative in the monthly sales report.
#[derive(Debug, Clone, Serialize)]
pub struct FeedbackLine {
    pub representative: String,
    pub leads: i64,
    pub won: i64,
    pub lost: i64,
    pub quality_positive: i64,
    pub quality_negative: i64,
    pub complaints: i64,
}

/// A period's totals: leads, won, invoices issued and paid, money invoiced and received.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    pub leads: i64,
    pub won: i64,
    pub invoices_issued: i64,
    pub invoices_paid: i64,
    pub invoiced: Vec<Amount>,
    pub received: Vec<Amount>,
}

/// One channel in the monthly summary.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryLine {
    pub channel: String,
    pub leads: i64,
    pub responded: i64,
    pub median_seconds: Option<f64>,
    pub within_5_min: i64,
    pub won: i64,
    pub lost: i64,
}

/// Reads what a report shows for `[from, to)`.
pub(crate) async fn compose(c: &mut dyn Conn, kind: ReportKind, from: Timestamp, to: Timestamp, tz: &TimeZone) -> Result<Composed> {
    let (a, b) = (micros(from), micros(to));
    let mut leads = Vec::new();
    for r in c
        .rows(
            "SELECT l.id, l.received_at, l.channel, l.stage, c.name AS contact, u.name AS owner,
                    (SELECT COUNT(*) FROM leads p WHERE p.contact_id = l.contact_id AND p.id < l.id) AS earlier
             FROM leads l JOIN contacts c ON c.id = l.contact_id LEFT JOIN users u ON u.id = l.owner_id
             WHERE l.received_at >= $1 AND l.received_at < $2 AND l.test = FALSE ORDER BY l.received_at, l.id LIMIT 5000",
            params![a, b],
        )
        .await?
    {
        leads.push(ReportLead {
            id: r.i64("id")?,
            received_at: from_micros(r.i64("received_at")?),
            channel: r.str("channel")?,
            contact: r.opt_str("contact")?.unwrap_or_default(),
            owner: r.opt_str("owner")?,
            stage: r.str("stage")?,
            new_customer: r.i64("earlier")? == 0,
        });
    }
    let mut calls = Vec::new();
    for r in c
        .rows(
            "SELECT k.started_at, k.direction, k.from_number, k.to_number, k.state, k.lead_id, u.name AS answered_by
             FROM calls k LEFT JOIN users u ON u.id = k.answered_by
             WHERE k.started_at >= $1 AND k.started_at < $2 ORDER BY k.started_at, k.id LIMIT 5000",
            params![a, b],
        )
        .await?
    {
        calls.push(ReportCall {
            started_at: r.opt_i64("started_at")?.map(from_micros),
            direction: r.str("direction")?,
            from: r.opt_str("from_number")?,
            to: r.opt_str("to_number")?,
            state: r.str("state")?,
            lead_id: r.opt_i64("lead_id")?,
            answered_by: r.opt_str("answered_by")?,
        });
    }
    let moves = |kind: &'static str| {
        format!(
            "SELECT e.lead_id, e.at, e.data, l.channel, c.name AS contact FROM events e JOIN leads l ON l.id = e.lead_id JOIN contacts c ON c.id = l.contact_id
             WHERE e.kind = '{kind}' AND e.at >= $1 AND e.at < $2 AND l.test = FALSE ORDER BY e.at, e.id LIMIT 5000"
        )
    };
    let managers: std::collections::BTreeMap<i64, String> = c
        .rows("SELECT id, name FROM users WHERE role = 'manager'", vec![])
        .await?
        .iter()
        .map(|r| Ok((r.i64("id")?, r.str("name")?)))
        .collect::<Result<_>>()?;
    let mut transfers = Vec::new();
    for r in c.rows(&moves(ASSIGNED), params![a, b]).await? {
        let data: serde_json::Value = serde_json::from_str(&r.str("data")?).unwrap_or_default();
        let Some(DomainEvent::LeadAssigned { owner, .. }) = DomainEvent::from_row(ASSIGNED, &data) else { continue };
        if let Some(name) = owner.and_then(|o| managers.get(&o)) {
            transfers.push(ReportMove {
                lead_id: r.i64("lead_id")?,
                at: from_micros(r.i64("at")?),
                channel: r.str("channel")?,
                contact: r.opt_str("contact")?.unwrap_or_default(),
                to: name.clone(),
            });
        }
    }
    let mut sales = Vec::new();
    if kind != ReportKind::Secretary {
        for r in c.rows(&moves(STAGE_CHANGED), params![a, b]).await? {
            let data: serde_json::Value = serde_json::from_str(&r.str("data")?).unwrap_or_default();
            let Some(DomainEvent::LeadStageChanged { to, .. }) = DomainEvent::from_row(STAGE_CHANGED, &data) else { continue };
            let to = to.as_str();
            if SALES_STAGES.contains(&to) {
                sales.push(ReportMove {
                    lead_id: r.i64("lead_id")?,
                    at: from_micros(r.i64("at")?),
                    channel: r.str("channel")?,
                    contact: r.opt_str("contact")?.unwrap_or_default(),
                    to: to.to_owned(),
                });
            }
        }
    }
    let mut summary = Vec::new();
    if kind == ReportKind::Monthly {
        let t = crate::facts::tallies(c, tz, pronto_domain::tally::Dim::Channel, from, to).await?;
        for (channel, t) in t.groups {
            summary.push(SummaryLine {
                median_seconds: t.median(false),
                channel,
                leads: t.leads,
                responded: t.responded,
                within_5_min: t.within[0],
                won: t.won,
                lost: t.lost,
            });
        }
    }
    let mut money = Vec::new();
    let mut money_by_owner = Vec::new();
    let mut money_total = None;
    let (mut feedback, mut previous, mut totals) = (Vec::new(), None, None);
    if kind != ReportKind::Secretary {
        use pronto_domain::money_report::group_by;
        use pronto_domain::tally::Dim;
        let users: std::collections::BTreeMap<String, String> = c
            .rows("SELECT id, name FROM users", vec![])
            .await?
            .iter()
            .map(|r| Ok((r.i64("id")?.to_string(), r.str("name")?)))
            .collect::<Result<_>>()?;
        let name = |id: &str| users.get(id).cloned().unwrap_or_else(|| "–".into());
        let invoices = crate::money_facts::invoice_facts(c, from, to).await?;
        let by = |f: &pronto_domain::money_report::InvoiceFact| match kind {
            ReportKind::Monthly => f.lead.channel.clone(),
            _ => f.origin.clone(),
        };
        money = group_by(&invoices, from, to, by).iter().map(|(k, t)| MoneyLine::of(k.clone(), t)).collect();
        money_by_owner = group_by(&invoices, from, to, |f| Dim::Owner.value(&f.lead)).iter().map(|(k, t)| MoneyLine::of(name(k), t)).collect();
        let mut all = pronto_domain::money_report::MoneyTally::default();
        for f in &invoices {
            all.add(f, from, to);
        }
        money_total = Some(MoneyLine::of("all".into(), &all));
        if kind == ReportKind::Monthly {
            for (owner, t) in crate::facts::tallies(c, tz, Dim::Owner, from, to).await?.groups {
                feedback.push(FeedbackLine {
                    representative: name(&owner),
                    leads: t.leads,
                    won: t.won,
                    lost: t.lost,
                    quality_positive: t.quality_positive,
                    quality_negative: t.quality_negative,
                    complaints: t.complaints,
                });
            }
            totals = Some(period_totals(c, tz, from, to).await?);
            let (pfrom, pto) = period(kind, from + jiff::SignedDuration::from_hours(1), tz);
            if pto <= from {
                previous = Some(period_totals(c, tz, pfrom, pto).await?);
            }
        }
    }
    Ok(Composed { report: kind, from, to, leads, calls, transfers, sales, summary, money, money_by_owner, money_total, feedback, previous, totals })
}

/// Leads, won and the invoices' money of `[from, to)`, for the month-on-month comparison.
async fn period_totals(c: &mut dyn Conn, tz: &TimeZone, from: Timestamp, to: Timestamp) -> Result<Totals> {
    let t = crate::facts::tallies(c, tz, pronto_domain::tally::Dim::All, from, to).await?;
    let (leads, won) = t.groups.values().fold((0, 0), |(l, w), t| (l + t.leads, w + t.won));
    let invoices = crate::money_facts::invoice_facts(c, from, to).await?;
    let mut m = pronto_domain::money_report::MoneyTally::default();
    for f in &invoices {
        m.add(f, from, to);
    }
    Ok(Totals { leads, won, invoices_issued: m.issued, invoices_paid: m.paid, invoiced: amounts(&m.invoiced), received: amounts(&m.received) })
}

/// The stages the head of sales counts, as the built-in playbooks name them.
pub const SALES_STAGES: [&str; 6] = ["deal", "offer", "invoiced", "paid", "won", "lost"];

/// Counts by key, in key order.
fn counts<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<(&'a str, usize)> {
    let mut m: std::collections::BTreeMap<&str, usize> = Default::default();
    for k in keys {
        *m.entry(k).or_default() += 1;
    }
    m.into_iter().collect()
}

/// The e-mail: a subject and a plain-text body with the figures first, then every line, in
/// `lang` (the team's language; the words are `common.ftl`'s `report-*`).
pub fn render(r: &Composed, tz: &TimeZone, m: &pronto_playbook::Messages, lang: &str) -> (String, String) {
    let w = |key: &str| m.common_text(lang, key, &[]);
    let channel = |code: &str| m.channel(lang, code);
    let local = |t: Timestamp| t.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M").to_string();
    let day = |t: Timestamp| t.to_zoned(tz.clone()).strftime("%Y-%m-%d").to_string();
    let title = w(match r.report {
        ReportKind::Secretary => "report-secretary",
        ReportKind::Sales => "report-sales",
        ReportKind::Monthly => "report-monthly",
    });
    let subject = match r.report {
        ReportKind::Monthly => format!("{title} {}", r.from.to_zoned(tz.clone()).strftime("%Y-%m")),
        _ => format!("{title} {}", day(r.to)),
    };
    let mut b = format!("{title}\n{} – {}\n\n", local(r.from), local(r.to));
    let line = |b: &mut String, label: &str, items: Vec<(String, usize)>| {
        let total: usize = items.iter().map(|(_, n)| n).sum();
        let parts: Vec<String> = items.iter().map(|(k, n)| format!("{k} {n}")).collect();
        b.push_str(&format!("{label}: {total}{}\n", if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(", ")) }));
    };
    let by_channel = |codes: &mut dyn Iterator<Item = &str>| counts(codes).into_iter().map(|(k, n)| (channel(k), n)).collect::<Vec<_>>();
    line(&mut b, &w("report-requests"), by_channel(&mut r.leads.iter().map(|l| l.channel.as_str())));
    line(&mut b, &w("report-new-customers"), by_channel(&mut r.leads.iter().filter(|l| l.new_customer).map(|l| l.channel.as_str())));
    line(
        &mut b,
        &w("report-calls"),
        counts(r.calls.iter().map(|c| c.state.as_str())).into_iter().map(|(k, n)| (k.to_owned(), n)).collect(),
    );
    line(
        &mut b,
        &w("report-transfers"),
        counts(r.transfers.iter().map(|t| t.to.as_str())).into_iter().map(|(k, n)| (k.to_owned(), n)).collect(),
    );
    if r.report != ReportKind::Secretary {
        for stage in SALES_STAGES {
            let of: Vec<&ReportMove> = r.sales.iter().filter(|m| m.to == stage).collect();
            if !of.is_empty() {
                let label = m.common_text(lang, "report-moved-to", &[("stage", stage.to_owned())]);
                line(&mut b, &label, by_channel(&mut of.iter().map(|m| m.channel.as_str())));
            }
        }
    }
    if r.report != ReportKind::Secretary {
        money_lines(&mut b, r, m, lang);
    }
    if r.report == ReportKind::Monthly {
        b.push_str(&format!("\n{}\n", w("report-by-channel")));
        for l in &r.summary {
            let median = l
                .median_seconds
                .map(|s| m.common_text(lang, "report-minutes", &[("n", format!("{:.0}", s / 60.0))]))
                .unwrap_or_else(|| "–".into());
            b.push_str(&format!(
                "  {}: {}, {}, {median}, {}, {}, {}\n",
                channel(&l.channel),
                l.leads,
                l.responded,
                l.within_5_min,
                l.won,
                l.lost
            ));
        }
        if !r.feedback.is_empty() {
            b.push_str(&format!("\n{}\n", w("report-sales-by-representative")));
            for l in &r.feedback {
                b.push_str(&format!(
                    "  {}: {}, {}, {}, {}, {}, {}\n",
                    l.representative, l.leads, l.won, l.lost, l.quality_positive, l.quality_negative, l.complaints
                ));
            }
        }
        let complaints: i64 = r.feedback.iter().map(|l| l.complaints).sum();
        let link = m.public_url.as_ref().map(|u| {
            let last = day(r.to - jiff::SignedDuration::from_secs(1));
            format!(" — {u}/complaints?from={}&to={last}", day(r.from))
        });
        b.push_str(&format!("{}: {complaints}{}\n", w("report-complaints"), link.unwrap_or_default()));
        if let (Some(now), Some(before)) = (&r.totals, &r.previous) {
            b.push_str(&format!("\n{}\n", w("report-compared")));
            for (key, a, p) in [
                ("report-leads", now.leads.to_string(), before.leads.to_string()),
                ("report-won", now.won.to_string(), before.won.to_string()),
                ("report-invoices-issued", now.invoices_issued.to_string(), before.invoices_issued.to_string()),
                ("report-invoices-paid", now.invoices_paid.to_string(), before.invoices_paid.to_string()),
                ("report-invoiced", sums(&now.invoiced), sums(&before.invoiced)),
                ("report-received", sums(&now.received), sums(&before.received)),
            ] {
                b.push_str(&format!("  {}: {a} ({p})\n", w(key)));
            }
        }
        return (subject, b);
    }
    if !r.leads.is_empty() {
        b.push_str(&format!("\n{}\n", w("report-requests")));
        for l in &r.leads {
            b.push_str(&format!(
                "  #{} {} {} {} — {}{}, {}\n",
                l.id,
                local(l.received_at),
                channel(&l.channel),
                l.contact,
                l.owner.clone().unwrap_or_else(|| w("report-unassigned")),
                if l.new_customer { format!(", {}", w("report-new-customer")) } else { String::new() },
                l.stage
            ));
        }
    }
    if !r.calls.is_empty() {
        b.push_str(&format!("\n{}\n", w("report-calls")));
        for k in &r.calls {
            b.push_str(&format!(
                "  {} {} {} → {} {}{}{}\n",
                k.started_at.map(local).unwrap_or_default(),
                k.direction,
                k.from.as_deref().unwrap_or("?"),
                k.to.as_deref().unwrap_or("?"),
                k.state,
                k.answered_by.as_deref().map(|a| format!(" ({a})")).unwrap_or_default(),
                k.lead_id.map(|l| format!(" #{l}")).unwrap_or_default()
            ));
        }
    }
    for (key, moves) in [("report-transfers", &r.transfers), ("report-sales-stages", &r.sales)] {
        if !moves.is_empty() {
            b.push_str(&format!("\n{}\n", w(key)));
            for t in moves {
                b.push_str(&format!("  #{} {} {} {} → {}\n", t.lead_id, local(t.at), channel(&t.channel), t.contact, t.to));
            }
        }
    }
    (subject, b)
}

/// Money in an e-mail: `1210.00 CZK + 50.00 EUR`, `0` for none.
fn sums(v: &[Amount]) -> String {
    if v.is_empty() { "0".to_owned() } else { v.iter().map(|a| format!("{} {}", a.amount, a.currency)).collect::<Vec<_>>().join(" + ") }
}

/// The money part of the sales report and the monthly summary: invoices issued and paid by
/// where the deals came from (daily) or by channel (monthly), the money in each currency, then
/// each representative's line.
fn money_lines(b: &mut String, r: &Composed, m: &pronto_playbook::Messages, lang: &str) {
    let w = |key: &str| m.common_text(lang, key, &[]);
    let group = |code: &str| match code {
        "call_in" => w("report-origin-call-in"),
        "call_out" => w("report-origin-call-out"),
        c => m.channel(lang, c),
    };
    let counted = |n: fn(&MoneyLine) -> i64| {
        let total: i64 = r.money.iter().map(n).sum();
        let parts: Vec<String> = r.money.iter().filter(|l| n(l) > 0).map(|l| format!("{} {}", group(&l.group), n(l))).collect();
        format!("{total}{}", if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(", ")) })
    };
    b.push_str(&format!("{}: {}\n", w("report-invoices-issued"), counted(|l| l.invoices_issued)));
    b.push_str(&format!("{}: {}\n", w("report-invoices-paid"), counted(|l| l.invoices_paid)));
    let Some(t) = &r.money_total else { return };
    let (invoiced, received, outstanding, overdue) = (sums(&t.invoiced), sums(&t.received), sums(&t.outstanding), sums(&t.overdue));
    let overdue_n = t.overdue_invoices;
    b.push_str(&format!("{}: {invoiced}\n{}: {received}\n", w("report-invoiced"), w("report-received")));
    b.push_str(&format!(
        "{}: {outstanding} ({})\n",
        w("report-outstanding"),
        m.common_text(lang, "report-overdue", &[("amount", overdue), ("n", overdue_n.to_string())])
    ));
    for (key, lines, named) in [("report-money-by-origin", &r.money, true), ("report-money-by-representative", &r.money_by_owner, false)] {
        if lines.is_empty() {
            continue;
        }
        let key = if named && r.report == ReportKind::Monthly { "report-money-by-channel" } else { key };
        b.push_str(&format!("\n{}\n", w(key)));
        for l in lines {
            b.push_str(&format!(
                "  {}: {}, {}, {}, {}, {}\n",
                if named { group(&l.group) } else { l.group.clone() },
                l.invoices_issued,
                l.invoices_paid,
                sums(&l.invoiced),
                sums(&l.received),
                sums(&l.outstanding)
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn next_due_daily_and_monthly_in_the_office_zone() {
        let tz = TimeZone::get("Europe/Prague").unwrap();
        let at = Time::new(11, 0, 0, 0).unwrap();
        // 10:59 CET → today 11:00; 11:00 exactly → tomorrow.
        assert_eq!(next_due(ReportKind::Secretary, at, ts("2026-11-24T09:59:00Z"), &tz), ts("2026-11-24T10:00:00Z"));
        assert_eq!(next_due(ReportKind::Secretary, at, ts("2026-11-24T10:00:00Z"), &tz), ts("2026-11-25T10:00:00Z"));
        // Across the change to summer time: 11:00 CEST is 09:00 UTC.
        assert_eq!(next_due(ReportKind::Secretary, at, ts("2027-03-27T12:00:00Z"), &tz), ts("2027-03-28T09:00:00Z"));
        let nine = Time::new(9, 0, 0, 0).unwrap();
        assert_eq!(next_due(ReportKind::Monthly, nine, ts("2026-11-24T10:00:00Z"), &tz), ts("2026-12-01T08:00:00Z"));
        assert_eq!(next_due(ReportKind::Monthly, nine, ts("2026-11-01T07:00:00Z"), &tz), ts("2026-11-01T08:00:00Z"));
    }

    #[test]
    fn periods() {
        let tz = TimeZone::get("Europe/Prague").unwrap();
        assert_eq!(
            period(ReportKind::Secretary, ts("2026-11-24T10:00:00Z"), &tz),
            (ts("2026-11-23T10:00:00Z"), ts("2026-11-24T10:00:00Z"))
        );
        // The night summer time ends is 25 hours long.
        assert_eq!(period(ReportKind::Sales, ts("2026-10-25T18:30:00Z"), &tz), (ts("2026-10-24T17:30:00Z"), ts("2026-10-25T18:30:00Z")));
        assert_eq!(period(ReportKind::Monthly, ts("2026-12-01T08:00:00Z"), &tz), (ts("2026-10-31T23:00:00Z"), ts("2026-11-30T23:00:00Z")));
    }

    #[test]
    fn schedule_is_checked() {
        assert!(ReportSchedule::default().check().is_ok());
        let bad = ReportSchedule { secretary: Some("25:00".into()), ..ReportSchedule::default() };
        assert_eq!(bad.check().unwrap_err().0[0].field, "reports.secretary");
        let bad = ReportSchedule { recipients: vec!["boss".into()], ..ReportSchedule::default() };
        assert_eq!(bad.check().unwrap_err().0[0].field, "reports.recipients");
    }

    #[test]
    fn the_body_counts_by_channel_and_lists_every_request() {
        let tz = TimeZone::get("Europe/Prague").unwrap();
        let lead = |id, channel: &str, new| ReportLead {
            id,
            received_at: ts("2026-11-23T12:00:00Z"),
            channel: channel.into(),
            contact: "Jana Nováková".into(),
            owner: None,
            stage: "received".into(),
            new_customer: new,
        };
        let r = Composed {
            report: ReportKind::Sales,
            from: ts("2026-11-23T10:00:00Z"),
            to: ts("2026-11-24T10:00:00Z"),
            leads: vec![lead(1, "web", true), lead(2, "web", false), lead(3, "phone", true)],
            calls: vec![],
            transfers: vec![ReportMove {
                lead_id: 2,
                at: ts("2026-11-23T13:00:00Z"),
                channel: "web".into(),
                contact: "X".into(),
                to: "Petr".into(),
            }],
            sales: vec![ReportMove {
                lead_id: 1,
                at: ts("2026-11-23T14:00:00Z"),
                channel: "web".into(),
                contact: "Y".into(),
                to: "invoiced".into(),
            }],
            summary: vec![],
            money: vec![],
            money_by_owner: vec![],
            money_total: None,
            feedback: vec![],
            previous: None,
            totals: None,
        };
        let m = pronto_playbook::Messages::default();
        let (subject, body) = render(&r, &tz, &m, "en");
        assert_eq!(subject, "Daily sales report 2026-11-24");
        assert!(body.contains("Requests: 3 (phone 1, web 2)"), "{body}");
        assert!(body.contains("New customers who became requests: 2 (phone 1, web 1)"), "{body}");
        assert!(body.contains("Transfers to managers: 1 (Petr 1)"), "{body}");
        assert!(body.contains("Moved to invoiced, by channel: 1 (web 1)"), "{body}");
        assert!(body.contains("#1 2026-11-23 13:00 web Jana Nováková — unassigned, new customer, received"), "{body}");
        // The monthly summary: figures per channel, not every line.
        let month = Composed {
            report: ReportKind::Monthly,
            from: ts("2026-10-31T23:00:00Z"),
            to: ts("2026-11-30T23:00:00Z"),
            summary: vec![SummaryLine {
                channel: "web".into(),
                leads: 2,
                responded: 1,
                median_seconds: Some(240.0),
                within_5_min: 1,
                won: 1,
                lost: 0,
            }],
            ..r
        };
        let (subject, body) = render(&month, &tz, &m, "en");
        assert_eq!(subject, "Monthly summary 2026-11");
        assert!(body.contains("  web: 2, 1, 4 min, 1, 1, 0"), "{body}");
        assert!(!body.contains("Jana"), "{body}");
        // In the team's language: a Russian company reads Russian.
        let (subject, body) = render(&month, &tz, &m, "ru");
        assert_eq!(subject, "Итоги месяца 2026-11");
        assert!(body.contains("  сайт: 2, 1, 4 мин, 1, 1, 0"), "{body}");
    }

    fn czk(a: &str) -> Vec<Amount> {
        vec![Amount { currency: "CZK".into(), amount: a.into() }]
    }
    fn money(group: &str, issued: i64, paid: i64, invoiced: &str, received: &str, outstanding: &str) -> MoneyLine {
        let m = |a: &str| if a == "0" { vec![] } else { czk(a) };
        MoneyLine {
            group: group.into(),
            invoices_issued: issued,
            invoices_paid: paid,
            invoiced: m(invoiced),
            received: m(received),
            outstanding: m(outstanding),
            overdue: vec![],
            overdue_invoices: 0,
        }
    }

    #[test]
    fn the_sales_report_counts_invoices_issued_and_paid_per_call_and_request() {
        let tz = TimeZone::get("Europe/Prague").unwrap();
        let mut total = money("all", 3, 1, "3630.00", "1210.00", "2420.00");
        total.overdue = czk("1210.00");
        total.overdue_invoices = 1;
        let r = Composed {
            report: ReportKind::Sales,
            from: ts("2026-11-23T18:30:00Z"),
            to: ts("2026-11-24T18:30:00Z"),
            leads: vec![],
            calls: vec![],
            transfers: vec![],
            sales: vec![],
            summary: vec![],
            money: vec![money("call_in", 2, 1, "2420.00", "1210.00", "1210.00"), money("call_out", 0, 0, "0", "0", "0"), money("web", 1, 0, "1210.00", "0", "1210.00")],
            money_by_owner: vec![money("Petr Novák", 3, 1, "3630.00", "1210.00", "2420.00")],
            money_total: Some(total),
            feedback: vec![],
            previous: None,
            totals: None,
        };
        let m = pronto_playbook::Messages::default();
        let (_, body) = render(&r, &tz, &m, "en");
        for want in [
            "Invoices issued: 3 (incoming call 2, web 1)",
            "Invoices paid in full: 1 (incoming call 1)",
            "Invoiced: 3630.00 CZK",
            "Received: 1210.00 CZK",
            "Outstanding: 2420.00 CZK (overdue 1210.00 CZK on 1 invoice)",
            "  Petr Novák: 3, 1, 3630.00 CZK, 1210.00 CZK, 2420.00 CZK",
        ] {
            assert!(body.contains(want), "{want}\n{body}");
        }
        // The secretary's report has no money.
        let (_, body) = render(&Composed { report: ReportKind::Secretary, ..r.clone() }, &tz, &m, "en");
        assert!(!body.contains("Invoices issued"), "{body}");
        // The monthly summary: by channel, the sales report per representative, the complaints
        // linked (not copied), and the month before.
        let month = Composed {
            report: ReportKind::Monthly,
            from: ts("2026-10-31T23:00:00Z"),
            to: ts("2026-11-30T23:00:00Z"),
            feedback: vec![FeedbackLine { representative: "Petr Novák".into(), leads: 9, won: 3, lost: 2, quality_positive: 2, quality_negative: 1, complaints: 1 }],
            totals: Some(Totals { leads: 9, won: 3, invoices_issued: 3, invoices_paid: 1, invoiced: czk("3630.00"), received: czk("1210.00") }),
            previous: Some(Totals { leads: 7, won: 1, invoices_issued: 1, invoices_paid: 1, invoiced: czk("500.00"), received: vec![] }),
            ..r
        };
        let linked = pronto_playbook::Messages::new(vec![], "en", Some("https://crm.example.com/".into()));
        let (_, body) = render(&month, &tz, &linked, "en");
        for want in [
            "Money by channel",
            "  Petr Novák: 9, 3, 2, 2, 1, 1",
            "Complaints: 1 — https://crm.example.com/complaints?from=2026-11-01&to=2026-11-30",
            "  Leads: 9 (7)",
            "  Invoiced: 3630.00 CZK (500.00 CZK)",
            "  Received: 1210.00 CZK (0)",
        ] {
            assert!(body.contains(want), "{want}\n{body}");
        }
        let (_, body) = render(&month, &tz, &linked, "he");
        assert!(body.contains("9 (7)"), "{body}");
    }
}

#[cfg(test)]
mod kind_lists {
    use pronto_domain::event::DomainEvent;

    /// The store's lists of event kinds (what the live feed carries, what changes a lead's report
    /// fact, what the scheduled reports count) name kinds of the typed enum: a renamed or removed
    /// event fails here instead of silently dropping out of a list.
    #[test]
    fn every_listed_kind_is_a_domain_event() {
        let lists: [(&str, &[&str]); 3] = [
            ("LIVE_KINDS", crate::records::LIVE_KINDS),
            ("CHANGES_FACTS", crate::facts::CHANGES_FACTS),
            ("schedule", &[super::ASSIGNED, super::STAGE_CHANGED]),
        ];
        for (name, kinds) in lists {
            for kind in kinds {
                assert!(DomainEvent::KINDS.contains(kind), "{name} lists {kind:?}, which is not a DomainEvent kind");
            }
        }
    }
}
