//! Call events from the phone exchange: each folded into its call's state (order-independent,
//! `pronto_domain::call`), and what the call means for its lead applied in the same
//! transaction — an answered call is a response (a new lead arrives answered, with its owner
//! the person who took it), a missed call is an activity the playbook's missed-call rules react
//! to (or a new lead on the phone channel), an outgoing call is an attempt at the lead's call
//! task, a transfer hands the lead to the person who took it over.

use crate::engine::Conn;
use crate::records::{CallIn, CallResult};
use crate::tx::{Command, Pending, write_effects};
use crate::write::leads::{create_lead, patch_lead};
use crate::write::work::log_activity;
use crate::{StoreError, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::call::{CallState, Change, Resolution};
use pronto_domain::effects::Effects;
use pronto_domain::event::DomainEvent;
use pronto_domain::lead::{ActivityKind, Channel, ContactInput, Direction, LeadPatch, MESSAGE_MAX, NewActivity, NewLead, Outcome};
use pronto_domain::values::{Line, Text};

type R<T> = Result<T, StoreError>;

pub(crate) struct CallEvent {
    pub event: CallIn,
}

#[async_trait]
impl Command for CallEvent {
    type Output = CallResult;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<CallResult> {
        event(c, pending, &self.event, now).await
    }
}

pub(crate) async fn event(c: &mut dyn crate::engine::Conn, pending: &mut Pending, e: &CallIn, now: Timestamp) -> R<CallResult> {
    let t = micros(now);
    if let Some(id) = &e.webhook_id {
        let n = c
            .exec(
                "INSERT INTO webhook_receipts (source, webhook_id, received_at) VALUES ($1, $2, $3) ON CONFLICT (source, webhook_id) DO NOTHING",
                params![e.source.as_str(), id.as_str(), t],
            )
            .await?;
        if n == 0 {
            return Ok(CallResult { call: None, lead: None, duplicate: true });
        }
    }
    let ev = &e.event;
    let row = c
        .row("SELECT id, lead_id, state FROM calls WHERE source = $1 AND call_id = $2", params![e.source.as_str(), ev.call_id.as_str()])
        .await?;
    let (call_id, mut lead, mut state) = match &row {
        Some(r) => (
            Some(r.i64("id")?),
            r.opt_i64("lead_id")?,
            serde_json::from_str::<CallState>(&r.str("state")?).map_err(|e| StoreError::Internal(format!("a stored call state: {e}")))?,
        ),
        None => (None, None, CallState::default()),
    };
    let changes = state.apply(ev);
    let incoming = state.direction.as_deref() != Some("out");
    let taker = match &state.answered_by {
        Some(who) => user(c, who).await?,
        None => None,
    };
    for change in &changes {
        match change {
            Change::Resolved { resolution, at, .. } => {
                lead = resolved(c, pending, e, &state, lead, *resolution, *at, taker, incoming, now).await?;
            }
            Change::Transferred { to, at, .. } => {
                if let Some(l) = lead {
                    hand_over(c, pending, l, to.as_deref(), taker, now).await?;
                    activity(c, pending, l, Direction::In, Outcome::Transferred, "The call was transferred", taker, *at, now).await?;
                }
            }
            Change::TransferFailed { kind, hold_s, at } => {
                if let Some(l) = lead {
                    let to = ev.transferred_to.clone().or_else(|| state.transfers.iter().rev().find_map(|t| t.to.clone()));
                    hand_over(c, pending, l, to.as_deref(), taker, now).await?;
                    let why = match (kind.as_str(), hold_s) {
                        ("returned", Some(h)) => format!("The caller waited {h} s and came back: a callback is due"),
                        ("returned", None) => "The caller came back from the transfer: a callback is due".to_owned(),
                        _ => "The person the call was transferred to was busy: a callback is due".to_owned(),
                    };
                    activity(c, pending, l, Direction::In, Outcome::ManagerBusy, &why, taker, *at, now).await?;
                }
            }
        }
    }
    // The call row, with the state as it stands.
    let resolution = state.resolution.clone();
    let state_json = serde_json::to_string(&state).map_err(|e| StoreError::Internal(e.to_string()))?;
    let m = |t: Option<Timestamp>| t.map(micros);
    let id = match call_id {
        Some(id) => {
            c.exec(
                "UPDATE calls SET lead_id = $1, state = $2, resolution = $3, started_at = $4, answered_at = $5, ended_at = $6,
                        duration_s = $7, answered_by = $8, from_number = $9, to_number = $10, updated_at = $11 WHERE id = $12",
                params![
                    lead,
                    state_json,
                    resolution,
                    m(state.started_at),
                    m(state.answered_at),
                    m(state.ended_at),
                    state.duration_s,
                    taker,
                    state.from.clone(),
                    state.to.clone(),
                    t,
                    id
                ],
            )
            .await?;
            id
        }
        None => c
            .insert_id(
                "INSERT INTO calls (source, call_id, lead_id, direction, from_number, to_number, state, resolution, started_at, answered_at,
                        ended_at, duration_s, answered_by, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)",
                params![
                    e.source.as_str(),
                    ev.call_id.as_str(),
                    lead,
                    ev.direction.as_str(),
                    state.from.clone(),
                    state.to.clone(),
                    state_json,
                    resolution,
                    m(state.started_at),
                    m(state.answered_at),
                    m(state.ended_at),
                    state.duration_s,
                    taker,
                    t
                ],
            )
            .await?,
    };
    if let Some(l) = lead {
        let fx = Effects {
            events: vec![
                DomainEvent::CallEvent {
                    call: id,
                    event: ev.kind.as_str().to_owned(),
                    direction: ev.direction.as_str().to_owned(),
                    at: ev.at,
                    duration_s: ev.duration_s,
                }
                .into(),
            ],
            ..Default::default()
        };
        write_effects(pending, &fx, Some(l), None, None, now);
    }
    Ok(CallResult { call: Some(id), lead, duplicate: false })
}

/// A user named by the exchange: id, login or phone number.
async fn user(c: &mut dyn crate::engine::Conn, who: &str) -> R<Option<i64>> {
    let who = who.trim();
    // A user id is a short number; a phone number (9+ digits, often with +) is not one.
    if who.len() < 9
        && who.chars().all(|c| c.is_ascii_digit())
        && let Ok(id) = who.parse::<i64>()
    {
        return Ok(c
            .row("SELECT id FROM users WHERE id = $1 AND active = $2", params![id, true])
            .await?
            .map(|r| r.i64("id"))
            .transpose()?);
    }
    let r = c.row("SELECT id FROM users WHERE (login = $1 OR phone = $1) AND active = $2 ORDER BY id LIMIT 1", params![who, true]).await?;
    Ok(r.map(|r| r.i64("id")).transpose()?)
}

/// The caller's open lead: the newest open lead of the contact with this phone.
async fn open_lead(c: &mut dyn crate::engine::Conn, phone: &str) -> R<Option<i64>> {
    let r = c
        .row(
            "SELECT l.id FROM contact_identities ci JOIN leads l ON l.contact_id = ci.contact_id
             WHERE ci.kind = 'phone' AND ci.value = $1 AND l.status = 'open' ORDER BY l.id DESC LIMIT 1",
            params![phone],
        )
        .await?;
    Ok(r.map(|r| r.i64("id")).transpose()?)
}

#[allow(clippy::too_many_arguments)]
async fn resolved(
    c: &mut dyn crate::engine::Conn,
    pending: &mut Pending,
    e: &CallIn,
    state: &CallState,
    lead: Option<i64>,
    resolution: Resolution,
    at: Timestamp,
    taker: Option<i64>,
    incoming: bool,
    now: Timestamp,
) -> R<Option<i64>> {
    let phone = e.customer_phone.as_ref().map(|p| p.as_str().to_owned());
    let found = match (lead, &phone) {
        (Some(l), _) => Some(l),
        (None, Some(p)) => open_lead(c, p).await?,
        (None, None) => None,
    };
    let shown =
        phone.clone().or_else(|| if incoming { state.from.clone() } else { state.to.clone() }).unwrap_or_else(|| "unknown number".into());
    if !incoming {
        // An outgoing call is an attempt at the lead's call task: the outcome drives retries.
        let Some(l) = found else { return Ok(None) };
        let outcome = match resolution {
            Resolution::Answered => Outcome::Reached,
            Resolution::Missed => Outcome::NoAnswer,
            Resolution::Busy => Outcome::Busy,
            Resolution::Failed => Outcome::Failed,
        };
        let note = match state.duration_s {
            Some(d) if resolution == Resolution::Answered => format!("Outgoing call to {shown}, {d} s"),
            _ => format!("Outgoing call to {shown}: {}", outcome.as_str().replace('_', " ")),
        };
        activity(c, pending, l, Direction::Out, outcome, &note, taker, at, now).await?;
        return Ok(Some(l));
    }
    match (resolution, found) {
        (Resolution::Answered, Some(l)) => {
            activity(c, pending, l, Direction::In, Outcome::Reached, &format!("Incoming call from {shown}"), taker, at, now).await?;
            Ok(Some(l))
        }
        (Resolution::Answered, None) => {
            // A new inquiry by phone that somebody took: it arrives answered, theirs.
            let l = new_lead(c, pending, e, state, taker, Some(at), &shown, now).await?;
            activity(c, pending, l, Direction::In, Outcome::Reached, &format!("Incoming call from {shown}"), taker, at, now).await?;
            Ok(Some(l))
        }
        (_, Some(l)) => {
            activity(c, pending, l, Direction::In, Outcome::Missed, &format!("Missed call from {shown}"), None, at, now).await?;
            Ok(Some(l))
        }
        // A missed call from someone without an open lead is a new inquiry: the playbook's
        // arrival rules call back, alert and escalate.
        (_, None) => Ok(Some(new_lead(c, pending, e, state, None, None, &shown, now).await?)),
    }
}

#[allow(clippy::too_many_arguments)]
async fn new_lead(
    c: &mut dyn crate::engine::Conn,
    pending: &mut Pending,
    e: &CallIn,
    state: &CallState,
    owner: Option<i64>,
    answered_at: Option<Timestamp>,
    shown: &str,
    now: Timestamp,
) -> R<i64> {
    let received_at = state.started_at.map_or(now, |s| s.min(now));
    let missed = answered_at.is_none();
    let lead = NewLead {
        channel: Channel::Phone,
        contact: ContactInput {
            phone: e.customer_phone.clone(),
            name: if e.customer_phone.is_none() { Line::parse(shown, 200).ok() } else { None },
            ..Default::default()
        },
        customer_type: None,
        subject: Line::parse(if missed { "Missed call" } else { "Phone call" }, 300).ok(),
        message: None,
        postal_code: None,
        product: None,
        language: None,
        source: Line::parse(&e.source_label, 120).ok(),
        playbook: e.playbook.as_deref().and_then(|p| Line::parse(p, 120).ok()),
        received_at,
        owner,
        extra: vec![],
        answered_at,
        canary_run: e.canary_run,
    };
    Ok(create_lead(c, pending, &lead, None, None, now).await?.id)
}

#[allow(clippy::too_many_arguments)]
async fn activity(
    c: &mut dyn crate::engine::Conn,
    pending: &mut Pending,
    lead: i64,
    direction: Direction,
    outcome: Outcome,
    body: &str,
    by: Option<i64>,
    at: Timestamp,
    now: Timestamp,
) -> R<()> {
    let a = NewActivity {
        kind: ActivityKind::Call,
        direction: Some(direction),
        outcome: Some(outcome),
        body: Text::parse(&body.chars().take(MESSAGE_MAX).collect::<String>(), MESSAGE_MAX).ok(),
        at: at.min(now),
    };
    log_activity(c, pending, lead, &a, by, now).await.map(|_| ())
}

/// A transfer to a person the exchange names hands the lead to them (when they are a user).
async fn hand_over(
    c: &mut dyn crate::engine::Conn,
    pending: &mut Pending,
    lead: i64,
    to: Option<&str>,
    actor: Option<i64>,
    now: Timestamp,
) -> R<()> {
    let Some(to) = to else { return Ok(()) };
    let Some(u) = user(c, to).await? else { return Ok(()) };
    let owner = c.row("SELECT owner_id FROM leads WHERE id = $1", params![lead]).await?.and_then(|r| r.opt_i64("owner_id").ok().flatten());
    if owner == Some(u) {
        return Ok(());
    }
    let patch = LeadPatch { owner: Some(Some(u)), ..Default::default() };
    patch_lead(c, pending, lead, &patch, actor, now).await
}
