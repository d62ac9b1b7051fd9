//! Work on a lead: activities (a call, an e-mail, a meeting …, the first response) and tasks
//! (entered by hand, rescheduled, completed with an outcome), each followed by the playbook's
//! reaction.

use crate::engine::Conn;
use crate::process;
use crate::tx::{Command, Pending, write_effects};
use crate::write::users::user_exists;
use crate::{StoreError, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::FieldErrors;
use pronto_domain::effects::{self};
use pronto_domain::event::DomainEvent;
use pronto_domain::lead::{ActivityKind, Direction, NewActivity, Outcome as CallOutcome};
use pronto_playbook::Trigger;

type R<T> = crate::Result<T>;

pub(crate) struct LogActivity {
    pub lead_id: i64,
    pub activity: NewActivity,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for LogActivity {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        log_activity(c, pending, self.lead_id, &self.activity, self.actor, now).await
    }
}

pub(crate) struct CompleteTask {
    pub id: i64,
    pub outcome: String,
    pub note: Option<String>,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for CompleteTask {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        complete_task(c, pending, self.id, &self.outcome, self.note.as_deref(), self.actor, now).await
    }
}

/// A task entered by hand on the lead card (`done` completes it).
pub(crate) struct CreateTask {
    pub lead_id: i64,
    pub title: String,
    pub due_at: Timestamp,
    pub assignee: Option<i64>,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for CreateTask {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        let Self { lead_id, title, due_at, assignee, actor } = self;
        let lead = c.row("SELECT id FROM leads WHERE id = $1", params![*lead_id]).await?;
        if lead.is_none() {
            return Err(StoreError::NotFound);
        }
        if let Some(u) = assignee
            && !user_exists(c, *u).await?
        {
            return Err(StoreError::Invalid(FieldErrors::single("assignee", format!("there is no active user {u}"))));
        }
        let t = micros(now);
        let id = c
            .insert_id(
                "INSERT INTO tasks (lead_id, task, title, kind, role, assignee_id, priority, due_at, script, attempt, status, created_at)
                 VALUES ($1, 'manual', $2, 'todo', NULL, $3, 'normal', $4, NULL, 1, 'open', $5)",
                params![*lead_id, title.as_str(), *assignee, micros(*due_at), t],
            )
            .await?;
        process::adjust_open_tasks(pending, *assignee, 1).await?;
        pending.record(DomainEvent::task_by_hand(id, title, *assignee, *due_at), Some(*lead_id), None, *actor, now);
        Ok(id)
    }
}

/// "Call back at …": an open task is due at another time.
pub(crate) struct RescheduleTask {
    pub id: i64,
    pub due_at: Timestamp,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for RescheduleTask {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        let Self { id, due_at, actor } = self;
        let row = c.row("SELECT lead_id, status, due_at FROM tasks WHERE id = $1", params![*id]).await?.ok_or(StoreError::NotFound)?;
        if row.str("status")? != "open" {
            return Err(StoreError::Conflict(format!("task {id} is already {}", row.str("status")?)));
        }
        c.exec("UPDATE tasks SET due_at = $1 WHERE id = $2", params![micros(*due_at), *id]).await?;
        let e = DomainEvent::TaskRescheduled { task_id: *id, from: crate::from_micros(row.i64("due_at")?), to: *due_at };
        pending.record(e, Some(row.i64("lead_id")?), None, *actor, now);
        Ok(())
    }
}

/// What the customer sent from their page is answered, though nobody wrote or called.
pub(crate) struct MarkAnswered {
    pub lead_id: i64,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for MarkAnswered {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        let Self { lead_id, actor } = self;
        c.row("SELECT id FROM leads WHERE id = $1", params![*lead_id]).await?.ok_or(StoreError::NotFound)?;
        let last = c
            .row(
                "SELECT id FROM activities WHERE lead_id = $1 AND kind IN ('message', 'callback', 'document') ORDER BY at DESC, id DESC LIMIT 1",
                params![*lead_id],
            )
            .await?
            .ok_or_else(|| StoreError::Conflict(format!("the customer of lead {lead_id} has sent nothing from their page")))?;
        let activity_id = last.i64("id")?;
        pending.record(DomainEvent::CustomerAnswered { activity_id }, Some(*lead_id), None, *actor, now);
        c.exec("UPDATE leads SET updated_at = $1 WHERE id = $2", params![micros(now), *lead_id]).await?;
        Ok(activity_id)
    }
}

pub(crate) async fn log_activity(
    c: &mut dyn Conn,
    pending: &mut Pending,
    lead_id: i64,
    a: &NewActivity,
    actor: Option<i64>,
    now: Timestamp,
) -> R<i64> {
    // An outgoing call is an attempt at the lead's oldest open call task: it completes it with
    // the call's outcome, so retries run without anyone clicking. The task is closed first, so
    // that a reached customer does not cancel it as moot.
    let mut attempt = None;
    if a.kind == ActivityKind::Call
        && a.direction == Some(Direction::Out)
        && let Some(outcome) = a.outcome
    {
        let open = c
            .row(
                "SELECT id FROM tasks WHERE lead_id = $1 AND status = 'open' AND kind = 'call' ORDER BY due_at, id LIMIT 1",
                params![lead_id],
            )
            .await?;
        if let Some(task) = open {
            let task_id = task.i64("id")?;
            attempt = Some(mark_done(c, pending, task_id, outcome.as_str(), a.body.as_ref().map(|b| b.as_str()), actor, now).await?);
        }
    }
    let id = record_activity(c, pending, lead_id, a, actor, now).await?;
    if let Some(done) = attempt {
        task_completed(c, pending, done, actor, now).await?;
    }
    Ok(id)
}

/// Stores an activity, sets the lead's first response when it is one, and runs the playbook
/// on it.
pub(crate) async fn record_activity(
    c: &mut dyn Conn,
    pending: &mut Pending,
    lead_id: i64,
    a: &NewActivity,
    actor: Option<i64>,
    now: Timestamp,
) -> R<i64> {
    record(c, pending, lead_id, a, actor, now, true).await
}

/// An e-mail written in Pronto and only queued: kept on the timeline and a reaction of the
/// team, but not a response to the customer until it has left ([`reply_left`]).
pub(crate) async fn record_queued_reply(
    c: &mut dyn Conn,
    pending: &mut Pending,
    lead_id: i64,
    a: &NewActivity,
    actor: Option<i64>,
    now: Timestamp,
) -> R<i64> {
    record(c, pending, lead_id, a, actor, now, false).await
}

/// The e-mail of activity `activity_id` really left (the delivery worker handed it to the
/// SMTP server): now it is a response — the lead's first response when it had none, and the
/// playbook hears of it (SLAs waiting for a response are met, the work it completes is done).
pub(crate) async fn reply_left(c: &mut dyn Conn, pending: &mut Pending, lead_id: i64, activity_id: i64, now: Timestamp) -> R<()> {
    let Some(a) = c.row("SELECT user_id FROM activities WHERE id = $1 AND lead_id = $2", params![activity_id, lead_id]).await? else {
        return Ok(());
    };
    let actor = a.opt_i64("user_id")?;
    let row = c
        .row("SELECT contact_id, first_response_at, received_at FROM leads WHERE id = $1", params![lead_id])
        .await?
        .ok_or(StoreError::NotFound)?;
    let t = micros(now);
    if row.opt_i64("first_response_at")?.is_none() {
        c.exec(
            "UPDATE leads SET first_response_at = $1, updated_at = $2 WHERE id = $3",
            params![t.max(row.i64("received_at")?), t, lead_id],
        )
        .await?;
        pending.record(DomainEvent::LeadFirstResponse { activity_id }, Some(lead_id), Some(row.i64("contact_id")?), actor, now);
    }
    let (state, mut ctx) = process::lead_state(c, pending, lead_id).await?;
    ctx.actor = actor;
    let trigger = Trigger::ActivityLogged {
        kind: ActivityKind::Email.as_str().to_owned(),
        direction: Some(Direction::Out.as_str().to_owned()),
        outcome: None,
        response: true,
        by: actor,
    };
    process::run(c, pending, &state, &ctx, trigger, &format!("s{activity_id}"), now).await.map(|_| ())
}

#[allow(clippy::too_many_arguments)]
async fn record(
    c: &mut dyn Conn,
    pending: &mut Pending,
    lead_id: i64,
    a: &NewActivity,
    actor: Option<i64>,
    now: Timestamp,
    counts: bool,
) -> R<i64> {
    let row = c
        .row("SELECT contact_id, first_response_at, received_at FROM leads WHERE id = $1", params![lead_id])
        .await?
        .ok_or(StoreError::NotFound)?;
    let contact_id = row.i64("contact_id")?;
    let had_response = row.opt_i64("first_response_at")?.is_some();
    let received_at = row.i64("received_at")?;
    let t = micros(now);
    let id = c
        .insert_id(
            "INSERT INTO activities (lead_id, contact_id, kind, direction, outcome, body, at, user_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            params![
                lead_id,
                contact_id,
                a.kind.as_str(),
                a.direction.map(|d| d.as_str()),
                a.outcome.map(|o| o.as_str()),
                a.body.as_ref().map(|b| b.as_str()),
                micros(a.at),
                actor,
                t
            ],
        )
        .await?;
    let response = counts && a.is_response();
    // A reply only queued is no response yet: it records no first response either.
    let fx = effects::activity_logged(id, a, had_response || !counts);
    if response && !had_response {
        // A response logged with a time before the lead arrived still counts from arrival.
        c.exec(
            "UPDATE leads SET first_response_at = $1, updated_at = $2 WHERE id = $3",
            params![micros(a.at).max(received_at), t, lead_id],
        )
        .await?;
    } else {
        c.exec("UPDATE leads SET updated_at = $1 WHERE id = $2", params![t, lead_id]).await?;
    }
    write_effects(pending, &fx, Some(lead_id), Some(contact_id), actor, now);
    let (state, mut ctx) = process::lead_state(c, pending, lead_id).await?;
    ctx.actor = actor;
    let trigger = Trigger::ActivityLogged {
        kind: a.kind.as_str().to_owned(),
        direction: a.direction.map(|d| d.as_str().to_owned()),
        outcome: a.outcome.map(|o| o.as_str().to_owned()),
        response,
        by: actor,
    };
    process::run(c, pending, &state, &ctx, trigger, &format!("a{id}"), now).await?;
    Ok(id)
}

/// Completes a task with an outcome the lead's playbook allows. A call, e-mail or meeting
/// task also records the contact it stands for (a call that did not go through with its
/// outcome, any other outcome as a reached call), so the first response and the playbook's
/// reactions follow from one click.
async fn complete_task(
    c: &mut dyn Conn,
    pending: &mut Pending,
    id: i64,
    outcome: &str,
    note: Option<&str>,
    actor: Option<i64>,
    now: Timestamp,
) -> R<()> {
    let row =
        c.row("SELECT t.lead_id, t.kind, t.status, t.task FROM tasks t WHERE t.id = $1", params![id]).await?.ok_or(StoreError::NotFound)?;
    if row.str("status")? != "open" {
        return Err(StoreError::Conflict(format!("task {id} is already {}", row.str("status")?)));
    }
    let lead_id = row.i64("lead_id")?;
    let kind = row.str("kind")?;
    let activity = match kind.as_str() {
        "call" => Some((ActivityKind::Call, Some(Direction::Out), Some(CallOutcome::parse(outcome).unwrap_or(CallOutcome::Reached)))),
        "email" => Some((ActivityKind::Email, Some(Direction::Out), None)),
        "meeting" => Some((ActivityKind::Meeting, None, None)),
        _ => None,
    };
    // An outcome that records a complaint (the quality call's `negative`) needs its substance.
    let complaint = match check_outcome(c, pending, id, outcome).await? {
        Some(o) if o == outcome => Some(pronto_domain::delivery::complaint_text(note).map_err(StoreError::Invalid)?),
        _ => None,
    };
    let done = mark_done(c, pending, id, outcome, note, actor, now).await?;
    if let Some(text) = &complaint {
        crate::complaints::record(c, pending, lead_id, id, text.as_str(), actor, now).await?;
    }
    if let Some((kind, direction, call_outcome)) = activity {
        let a = NewActivity {
            kind,
            direction,
            outcome: call_outcome,
            body: note.and_then(|n| pronto_domain::values::Text::parse(n, pronto_domain::lead::MESSAGE_MAX).ok()),
            at: now,
        };
        record_activity(c, pending, lead_id, &a, actor, now).await?;
    }
    task_completed(c, pending, done, actor, now).await
}

/// Refuses an outcome the task's definition does not know, naming the ones it does; returns
/// the definition's outcome that records a complaint, if it has one.
async fn check_outcome(c: &mut dyn Conn, pending: &Pending, id: i64, outcome: &str) -> R<Option<String>> {
    let row = c
        .row("SELECT t.task, l.playbook, l.playbook_version FROM tasks t JOIN leads l ON l.id = t.lead_id WHERE t.id = $1", params![id])
        .await?
        .ok_or(StoreError::NotFound)?;
    let pb = process::playbook_of(c, pending, &row.str("playbook")?, row.i64("playbook_version")?).await?;
    let def = pb.tasks.get(&row.str("task")?);
    let allowed: Vec<String> = match def {
        Some(def) => def.outcomes.clone(),
        None => vec!["done".into()],
    };
    if !allowed.iter().any(|o| o == outcome) {
        return Err(StoreError::Invalid(FieldErrors::single(
            "outcome",
            format!("`{outcome}` is not an outcome of this task: use {}", allowed.join(", ")),
        )));
    }
    Ok(def.and_then(|d| d.complaint.clone()))
}

/// A task just completed, for the playbook's reaction.
struct DoneTask {
    id: i64,
    lead_id: i64,
    task: String,
    outcome: String,
    note: Option<String>,
    attempt: u32,
}

/// Marks an open task done with its outcome.
async fn mark_done(
    c: &mut dyn Conn,
    pending: &mut Pending,
    id: i64,
    outcome: &str,
    note: Option<&str>,
    actor: Option<i64>,
    now: Timestamp,
) -> R<DoneTask> {
    let row =
        c.row("SELECT lead_id, task, assignee_id, attempt FROM tasks WHERE id = $1", params![id]).await?.ok_or(StoreError::NotFound)?;
    c.exec(
        "UPDATE tasks SET status = 'done', outcome = $1, note = $2, done_at = $3, done_by = $4 WHERE id = $5",
        params![outcome, note, micros(now), actor, id],
    )
    .await?;
    process::adjust_open_tasks(pending, row.opt_i64("assignee_id")?, -1).await?;
    Ok(DoneTask {
        id,
        lead_id: row.i64("lead_id")?,
        task: row.str("task")?,
        outcome: outcome.to_owned(),
        note: note.map(str::to_owned),
        attempt: row.i64("attempt")? as u32,
    })
}

/// Records the completion on the timeline and runs the playbook's reaction to its outcome.
async fn task_completed(c: &mut dyn Conn, pending: &mut Pending, t: DoneTask, actor: Option<i64>, now: Timestamp) -> R<()> {
    let (state, mut ctx) = process::lead_state(c, pending, t.lead_id).await?;
    ctx.actor = actor;
    let e = DomainEvent::TaskCompleted {
        task_id: t.id,
        task: t.task.clone(),
        outcome: t.outcome.clone(),
        note: t.note.clone(),
        attempt: t.attempt,
    };
    process::push_event(pending, &ctx, e, now);
    let trigger = Trigger::TaskCompleted { task_id: t.id, task: t.task, outcome: t.outcome, by: actor, attempt: t.attempt };
    process::run(c, pending, &state, &ctx, trigger, &format!("k{}", t.id), now).await.map(|_| ())
}
