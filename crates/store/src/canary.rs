//! The mystery shopper's records (issue 23, migration 32): a run per channel and its hops,
//! what the store sees of a run's test lead (registered, taken up by the playbook, its alert
//! accepted), and the end of a run in one transaction — the hops, the test lead closed (its
//! tasks and timers cancelled), and the channel's incident opened or closed with the admins'
//! messages as outbox rows. The rules (limits, verdicts, which channel tells the admins) are
//! `pronto_domain::canary`'s.

use crate::engine::Conn;
use crate::tx::{Command, Pending};
use crate::{StoreError, from_micros, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::canary::{self as rules, IncidentStep, Verdict};
use serde_json::json;

type R<T> = crate::Result<T>;

use crate::records::CANARY_ROLE as ROLE;

/// What the store sees of a run's test lead.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Observed {
    pub lead_id: Option<i64>,
    /// When the lead was written.
    pub registered_at: Option<Timestamp>,
    /// The playbook's first step on it: an owner or a task.
    pub playbook_at: Option<Timestamp>,
    /// The alert for the team, redirected to the test recipient.
    pub alert: Option<AlertSeen>,
    /// When the canary closed it.
    pub closed_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AlertSeen {
    pub channel: String,
    /// `queued`, `sending`, `sent`, `failed`.
    pub status: String,
    pub updated_at: Timestamp,
    pub created_at: Timestamp,
    pub last_error: Option<String>,
    /// While it waits untried: the error of the channel's latest attempt, when that failed
    /// (the provider is failing, and the outbox holds the channel's messages until a probe
    /// gets through).
    pub channel_error: Option<String>,
}

pub(crate) async fn observe(c: &mut dyn Conn, run: i64) -> R<Observed> {
    let Some(lead) = c.row("SELECT id, created_at, status, updated_at FROM leads WHERE canary_run = $1", params![run]).await? else {
        return Ok(Observed::default());
    };
    let id = lead.i64("id")?;
    let mut seen = Observed {
        lead_id: Some(id),
        registered_at: Some(from_micros(lead.i64("created_at")?)),
        closed_at: (lead.str("status")? != "open").then(|| lead.i64("updated_at")).transpose()?.map(from_micros),
        ..Default::default()
    };
    let first = c
        .row(
            "SELECT MIN(at) AS at FROM events WHERE lead_id = $1 AND kind IN ('lead.assigned', 'task.created', 'notification.queued')",
            params![id],
        )
        .await?;
    seen.playbook_at = first.and_then(|r| r.opt_i64("at").ok().flatten()).map(from_micros);
    let alert = c
        .row(
            "SELECT channel, status, created_at, updated_at, last_error FROM outbox WHERE lead_id = $1 AND recipient_role = $2 ORDER BY id LIMIT 1",
            params![id, ROLE],
        )
        .await?;
    if let Some(a) = alert {
        let (channel, status, created_at) = (a.str("channel")?, a.str("status")?, a.i64("created_at")?);
        let last_error = a.opt_str("last_error")?;
        let channel_error = if last_error.is_none() && status == "queued" {
            // The channel's latest attempt (of the last ten minutes).
            c.row(
                "SELECT status, last_error FROM outbox WHERE channel = $1 AND attempts > 0 AND updated_at >= $2 ORDER BY updated_at DESC, id DESC LIMIT 1",
                params![channel.as_str(), created_at - 600_000_000],
            )
            .await?
            .filter(|r| r.str("status").is_ok_and(|s| s != "sent" && s != "delivered"))
            .and_then(|r| r.opt_str("last_error").ok().flatten())
        } else {
            None
        };
        seen.alert = Some(AlertSeen {
            channel,
            status,
            created_at: from_micros(created_at),
            updated_at: from_micros(a.i64("updated_at")?),
            last_error,
            channel_error,
        });
    }
    Ok(seen)
}

/// Starts a run of `channel` (its id goes into the test inquiry's signed token).
pub(crate) struct StartRun {
    pub channel: String,
    pub node: String,
}

#[async_trait]
impl Command for StartRun {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        let _ = pending;
        Ok(c.insert_id(
            "INSERT INTO canary_runs (channel, started_at, status, node) VALUES ($1, $2, 'running', $3)",
            params![self.channel.as_str(), micros(now), self.node.as_str()],
        )
        .await?)
    }

    fn wakes_workers(&self) -> bool {
        false
    }
}

/// One hop as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct HopRecord {
    pub name: String,
    pub at: Option<Timestamp>,
    /// Milliseconds since the run started.
    pub ms: Option<i64>,
    pub ok: bool,
    pub error: Option<String>,
}

/// The end of a run: its hops and verdict; the test lead closed; the channel's incident.
pub struct FinishRun {
    pub run: i64,
    pub channel: rules::Channel,
    pub hops: Vec<HopRecord>,
    pub verdict: Verdict,
    /// The channel the team's alert went by (`sms`, `email`): which part a failed alert hop
    /// points at.
    pub alert_channel: String,
}

/// What the end of a run did to the channel's incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finished {
    pub step: IncidentStep,
    /// Messages queued for the admins.
    pub messages: usize,
}

#[async_trait]
impl Command for FinishRun {
    type Output = Finished;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<Finished> {
        let t = micros(now);
        for h in &self.hops {
            c.exec(
                "INSERT INTO canary_hops (run_id, hop, at, ms, ok, error) VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (run_id, hop) DO UPDATE SET at = excluded.at, ms = excluded.ms, ok = excluded.ok, error = excluded.error",
                params![self.run, h.name.as_str(), h.at.map(micros), h.ms, h.ok, h.error.clone()],
            )
            .await?;
        }
        let status = match &self.verdict {
            Verdict::Passed => "passed",
            Verdict::Late { .. } => "late",
            Verdict::Failed { .. } | Verdict::Waiting => "failed",
        };
        c.exec(
            "UPDATE canary_runs SET finished_at = $1, status = $2, failed_hop = $3, error = $4 WHERE id = $5",
            params![t, status, self.verdict.hop().map(|h| h.as_str()), self.verdict.error(), self.run],
        )
        .await?;
        close_test_lead(c, pending, self.run, now).await?;
        let channel = self.channel.as_str();
        let open = c.row("SELECT id, via FROM canary_incidents WHERE channel = $1 AND closed_at IS NULL", params![channel]).await?;
        let step = rules::incident_step(open.is_some(), &self.verdict);
        let messages = pending.playbooks.messages();
        let lang = messages.default_language;
        let what = messages.common_text(lang, &format!("canary-channel-{channel}"), &[]);
        let mut sent = 0;
        match step {
            IncidentStep::Open => {
                let hop = self.verdict.hop().unwrap_or(rules::Hop::Sent);
                let via = rules::alert_channels(rules::failed_part(self.channel, hop, &self.alert_channel));
                let error = self.verdict.error().unwrap_or_default();
                let id = c
                    .insert_id(
                        "INSERT INTO canary_incidents (channel, opened_at, hop, error, via) VALUES ($1, $2, $3, $4, $5)",
                        params![channel, t, hop.as_str(), error.as_str(), via.join(",")],
                    )
                    .await?;
                let text = messages.common_text(
                    lang,
                    "canary-alert",
                    &[("channel", what), ("hop", messages.common_text(lang, &format!("canary-hop-{}", hop.as_str()), &[])), ("error", error)],
                );
                sent = tell_admins(c, via, &text, &format!("canary/{id}/open"), now).await?;
            }
            IncidentStep::Recovered => {
                let open = open.ok_or_else(|| StoreError::Internal("an incident to close is gone".into()))?;
                let id = open.i64("id")?;
                c.exec("UPDATE canary_incidents SET closed_at = $1 WHERE id = $2", params![t, id]).await?;
                let via: Vec<&'static str> = open.str("via")?.split(',').filter(|v| !v.is_empty()).map(known_channel).collect();
                let text = messages.common_text(lang, "canary-recovered", &[("channel", what)]);
                sent = tell_admins(c, &via, &text, &format!("canary/{id}/closed"), now).await?;
            }
            IncidentStep::Quiet | IncidentStep::StillOpen => {}
        }
        Ok(Finished { step, messages: sent })
    }

    fn wakes_workers(&self) -> bool {
        true
    }
}

/// A channel name of an incident's `via`, as [`tell_admins`] takes it.
fn known_channel(s: &str) -> &'static str {
    match s {
        "sms" => "sms",
        "email" => "email",
        _ => "in_app",
    }
}

/// Closes run `run`'s test lead at once when the run is over already.
pub(crate) async fn close_if_over(c: &mut dyn Conn, pending: &mut Pending, run: i64, now: Timestamp) -> R<()> {
    let over = c.row("SELECT status FROM canary_runs WHERE id = $1", params![run]).await?.map(|r| r.str("status")).transpose()?;
    if over.is_none_or(|s| s != "running") {
        close_test_lead(c, pending, run, now).await?;
    }
    Ok(())
}

/// Closes a run's test lead as junk: its open tasks and pending timers cancelled, so it is
/// in nobody's work and nothing more happens on it.
async fn close_test_lead(c: &mut dyn Conn, pending: &mut Pending, run: i64, now: Timestamp) -> R<()> {
    let t = micros(now);
    let Some(lead) = c.row("SELECT id FROM leads WHERE canary_run = $1 AND test = $2", params![run, true]).await? else {
        return Ok(());
    };
    let id = lead.i64("id")?;
    pending.test_leads.insert(id);
    for task in c.rows("SELECT id, assignee_id FROM tasks WHERE lead_id = $1 AND status = 'open'", params![id]).await? {
        c.exec("UPDATE tasks SET status = 'cancelled', done_at = $1 WHERE id = $2", params![t, task.i64("id")?]).await?;
        crate::process::adjust_open_tasks(pending, task.opt_i64("assignee_id")?, -1).await?;
    }
    c.exec("UPDATE timers SET status = 'cancelled', done_at = $1 WHERE lead_id = $2 AND status = 'pending'", params![t, id]).await?;
    c.exec("UPDATE leads SET status = 'junk', updated_at = $1 WHERE id = $2", params![t, id]).await?;
    Ok(())
}

/// Queues `text` for every active admin on each of `via` they can be reached on; how many.
async fn tell_admins(c: &mut dyn Conn, via: &[&str], text: &str, key: &str, now: Timestamp) -> R<usize> {
    let t = micros(now);
    let admins = c.rows("SELECT id, phone, email FROM users WHERE role = 'admin' AND active = $1 ORDER BY id", params![true]).await?;
    let payload = json!({ "text": text, "subject": text.chars().take(78).collect::<String>(), "urgent": true }).to_string();
    let mut n = 0;
    for a in &admins {
        let user = a.i64("id")?;
        for channel in via {
            let address = match *channel {
                "sms" => a.opt_str("phone")?,
                "email" => a.opt_str("email")?,
                _ => None,
            };
            if *channel != "in_app" && address.is_none() {
                continue;
            }
            c.exec(
                "INSERT INTO outbox (created_at, lead_id, channel, recipient_user, recipient_role, recipient_address, kind, idempotency_key, payload, next_attempt_at, updated_at, status, attempts)
                 VALUES ($1, NULL, $2, $3, NULL, $4, 'canary', $5, $6, $1, $1, 'queued', 0) ON CONFLICT (idempotency_key) DO NOTHING",
                params![t, *channel, user, address, format!("{key}/{user}/{channel}"), payload.as_str()],
            )
            .await?;
            n += 1;
        }
    }
    Ok(n)
}

/// The last run of each channel, hop by hop, and each channel's runs per day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CanaryStatus {
    pub channels: Vec<ChannelStatus>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChannelStatus {
    pub channel: String,
    pub last_run_at: Option<Timestamp>,
    /// `None` while the last run is still running.
    pub ok: Option<bool>,
    pub status: String,
    pub error: Option<String>,
    pub hops: Vec<HopRecord>,
    /// An incident open since then.
    pub incident_since: Option<Timestamp>,
    /// The finished runs since `since`, oldest first: (started, passed, milliseconds to the
    /// alert or the last hop reached).
    pub history: Vec<(Timestamp, bool, Option<i64>)>,
}

pub(crate) async fn status(c: &mut dyn Conn, since: Timestamp) -> R<CanaryStatus> {
    let mut out = CanaryStatus::default();
    for channel in rules::Channel::EVERY {
        let name = channel.as_str();
        let Some(last) = c
            .row("SELECT id, started_at, status, error FROM canary_runs WHERE channel = $1 ORDER BY id DESC LIMIT 1", params![name])
            .await?
        else {
            continue;
        };
        let run = last.i64("id")?;
        let status = last.str("status")?;
        let mut hops = c
            .rows("SELECT hop, at, ms, ok, error FROM canary_hops WHERE run_id = $1", params![run])
            .await?
            .iter()
            .map(|h| {
                Ok(HopRecord {
                    name: h.str("hop")?,
                    at: h.opt_i64("at")?.map(from_micros),
                    ms: h.opt_i64("ms")?,
                    ok: h.bool("ok")?,
                    error: h.opt_str("error")?,
                })
            })
            .collect::<R<Vec<_>>>()?;
        hops.sort_by_key(|h| rules::Hop::parse(&h.name).map(|x| x as u8).unwrap_or(u8::MAX));
        let incident = c.row("SELECT opened_at FROM canary_incidents WHERE channel = $1 AND closed_at IS NULL", params![name]).await?;
        let history = c
            .rows(
                "SELECT r.started_at, r.status,
                        (SELECT MAX(h.ms) FROM canary_hops h WHERE h.run_id = r.id AND h.ok = $3 AND h.hop <> 'closed') AS ms
                 FROM canary_runs r WHERE r.channel = $1 AND r.started_at >= $2 AND r.status <> 'running' ORDER BY r.started_at LIMIT 5000",
                params![name, micros(since), true],
            )
            .await?
            .iter()
            .map(|r| Ok((from_micros(r.i64("started_at")?), r.str("status")? == "passed", r.opt_i64("ms")?)))
            .collect::<R<Vec<_>>>()?;
        out.channels.push(ChannelStatus {
            channel: name.to_owned(),
            last_run_at: Some(from_micros(last.i64("started_at")?)),
            ok: match status.as_str() {
                "running" => None,
                s => Some(s == "passed"),
            },
            status,
            error: last.opt_str("error")?,
            hops,
            incident_since: incident.map(|r| r.i64("opened_at")).transpose()?.map(from_micros),
            history,
        });
    }
    Ok(out)
}

/// When the last run of `channel` started (the scheduler's "is one due").
pub(crate) async fn last_started(c: &mut dyn Conn, channel: &str) -> R<Option<Timestamp>> {
    let r = c.row("SELECT MAX(started_at) AS at FROM canary_runs WHERE channel = $1", params![channel]).await?;
    Ok(r.and_then(|r| r.opt_i64("at").ok().flatten()).map(from_micros))
}
