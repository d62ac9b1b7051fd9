//! Running the playbook inside a write transaction: load what the pure engine needs (the
//! lead's state, the directory of users), call `pronto_playbook::step`, and apply the commands
//! it returns on the same connection, so the change, its events, tasks, timers and outbox rows
//! commit together or not at all.

use crate::engine::{Conn, P, Row};
use crate::tracking::SiteKeys;
use crate::tx::{EventRow, OutboxRow, Pending, TimerRow};
use crate::{StoreError, from_micros, micros, params};
use jiff::Timestamp;
use pronto_domain::calendar::Calendar;
use pronto_domain::effects;
use pronto_domain::event::{BY_PLAYBOOK, DomainEvent};
use pronto_domain::lead::{Channel, CustomerType, LeadStatus};
use pronto_domain::user::Role;
use pronto_playbook::{Cmd, DirUser, Directory, LeadState, OpenTask, Playbook, Presence, Trigger};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

type R<T> = Result<T, StoreError>;

/// Who and what a run is about, besides the trigger.
pub(crate) struct RunCtx {
    pub lead_id: i64,
    pub contact_id: i64,
    pub actor: Option<i64>,
    pub playbook: String,
    pub version: i64,
    /// A test inquiry (the mystery shopper's): alerts go to its test recipients, never to people.
    pub test: bool,
}

/// The playbook version a lead runs on: known to this process, or read from the `playbooks`
/// table in this transaction (another node loaded it); an error naming it only when it is not
/// stored or no longer parses.
pub(crate) async fn playbook_of(c: &mut dyn Conn, pending: &Pending, name: &str, version: i64) -> R<Arc<Playbook>> {
    crate::playbooks::version_of(c, &pending.playbooks, name, version).await
}

const LEAD_STATE_SELECT: &str = "SELECT l.id, l.channel, l.stage, l.status, l.owner_id, l.entered_by, l.customer_type, l.subject,
    l.message, l.postal_code, l.product, l.source, l.language, l.received_at, l.first_response_at, l.playbook, l.playbook_version,
    l.contact_id, c.name AS c_name, c.email AS c_email, COALESCE(l.phone, c.phone) AS c_phone, l.tracking_gen, l.test
    FROM leads l JOIN contacts c ON c.id = l.contact_id";

fn state_of(r: &Row, open_tasks: Vec<OpenTask>, timers: Vec<String>, keys: Option<&SiteKeys>) -> R<(LeadState, RunCtx)> {
    let opt = |col: &str| r.opt_str(col);
    let id = r.i64("id")?;
    let state = LeadState {
        id,
        channel: Channel::parse(&r.str("channel")?).unwrap_or(Channel::Api),
        stage: r.str("stage")?,
        status: LeadStatus::parse(&r.str("status")?).unwrap_or(LeadStatus::Open),
        owner: r.opt_i64("owner_id")?,
        entered_by: r.opt_i64("entered_by")?,
        contact_name: opt("c_name")?,
        contact_phone: opt("c_phone")?,
        contact_email: opt("c_email")?,
        customer_type: opt("customer_type")?.and_then(|t| CustomerType::parse(&t).ok()),
        subject: opt("subject")?,
        message: opt("message")?,
        postal_code: opt("postal_code")?,
        product: opt("product")?,
        source: opt("source")?,
        language: opt("language")?,
        received_at: from_micros(r.i64("received_at")?),
        first_response_at: r.opt_i64("first_response_at")?.map(from_micros),
        open_tasks,
        timers,
        tracking_token: keys.map(|k| k.token(id, r.i64("tracking_gen").unwrap_or(0))),
    };
    let ctx = RunCtx {
        lead_id: id,
        contact_id: r.i64("contact_id")?,
        actor: None,
        playbook: r.str("playbook")?,
        version: r.i64("playbook_version")?,
        test: r.bool("test")?,
    };
    Ok((state, ctx))
}

fn open_task(t: &Row) -> R<OpenTask> {
    Ok(OpenTask { id: t.i64("id")?, task: t.str("task")?, assignee: t.opt_i64("assignee_id")?, attempt: t.i64("attempt")? as u32 })
}

/// Loads the lead as the engine sees it, with its open tasks and pending timers (including
/// the ones this transaction set but has not written yet).
pub(crate) async fn lead_state(c: &mut dyn Conn, pending: &Pending, id: i64) -> R<(LeadState, RunCtx)> {
    let r = c.row(&format!("{LEAD_STATE_SELECT} WHERE l.id = $1"), params![id]).await?.ok_or(StoreError::NotFound)?;
    let tasks =
        c.rows("SELECT id, task, assignee_id, attempt FROM tasks WHERE lead_id = $1 AND status = 'open' ORDER BY id", params![id]).await?;
    let open_tasks = tasks.iter().map(open_task).collect::<R<Vec<_>>>()?;
    let mut timers: Vec<String> = c
        .rows("SELECT kind FROM timers WHERE lead_id = $1 AND status = 'pending'", params![id])
        .await?
        .iter()
        .map(|r| r.str("kind"))
        .collect::<Result<_, _>>()?;
    timers.extend(pending.timers.iter().filter(|t| t.lead_id == Some(id) && t.is_pending()).map(|t| t.kind.clone()));
    state_of(&r, open_tasks, timers, pending.playbooks.site_keys().as_deref())
}

/// [`lead_state`] for many leads in three statements (the timer worker fires hundreds of
/// timers per transaction; on PostgreSQL every statement is a round trip). Only valid while
/// this transaction has not yet set timers of its own for these leads.
pub(crate) async fn lead_states(c: &mut dyn Conn, ids: &[i64], keys: Option<&SiteKeys>) -> R<HashMap<i64, (LeadState, RunCtx)>> {
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let list = crate::engine::placeholders(1, chunk.len());
        let ps = || chunk.iter().map(|id| P::from(*id)).collect::<Vec<P>>();
        let mut tasks: HashMap<i64, Vec<OpenTask>> = HashMap::new();
        let sql =
            format!("SELECT id, lead_id, task, assignee_id, attempt FROM tasks WHERE lead_id IN ({list}) AND status = 'open' ORDER BY id");
        for t in c.rows(&sql, ps()).await? {
            tasks.entry(t.i64("lead_id")?).or_default().push(open_task(&t)?);
        }
        let mut timers: HashMap<i64, Vec<String>> = HashMap::new();
        let sql = format!("SELECT lead_id, kind FROM timers WHERE lead_id IN ({list}) AND status = 'pending'");
        for t in c.rows(&sql, ps()).await? {
            timers.entry(t.i64("lead_id")?).or_default().push(t.str("kind")?);
        }
        for r in c.rows(&format!("{LEAD_STATE_SELECT} WHERE l.id IN ({list})"), ps()).await? {
            let id = r.i64("id")?;
            let s = state_of(&r, tasks.remove(&id).unwrap_or_default(), timers.remove(&id).unwrap_or_default(), keys)?;
            out.insert(id, s);
        }
    }
    Ok(out)
}

/// A user's own working hours, stored as JSON `{"time_zone", "hours": {"mon": "…"}, "holidays"}`.
pub fn parse_hours(json: &str) -> Result<Calendar, String> {
    let v: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    // Blank means not given, as everywhere.
    let tz = v["time_zone"].as_str().map(str::trim).filter(|t| !t.is_empty()).unwrap_or("UTC");
    let hours: Vec<(String, String)> = v["hours"]
        .as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned())).collect())
        .unwrap_or_default();
    let holidays: Vec<String> =
        v["holidays"].as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect()).unwrap_or_default();
    let hs: Vec<(&str, &str)> = hours.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let hd: Vec<&str> = holidays.iter().map(String::as_str).collect();
    Calendar::parse(tz, &hs, &hd).map_err(|e| e.to_string())
}

/// The directory of active users, read once per transaction and kept current by the
/// commands applied in it.
async fn directory<'p>(c: &mut dyn Conn, pending: &'p mut Pending, playbook: &str) -> R<&'p Directory> {
    if pending.dir.is_none() {
        let rows = c
            .rows(
                "SELECT id, login, name, role, presence, phone, email, hours, open_tasks, language FROM users WHERE active = $1 ORDER BY id",
                params![true],
            )
            .await?;
        let mut users = Vec::with_capacity(rows.len());
        for r in &rows {
            let Ok(role) = Role::parse(&r.str("role")?) else { continue };
            users.push(DirUser {
                id: r.i64("id")?,
                login: r.str("login")?,
                name: r.str("name")?,
                role,
                presence: Presence::parse(&r.str("presence")?).unwrap_or(Presence::Available),
                phone: r.opt_str("phone")?,
                email: r.opt_str("email")?,
                calendar: r.opt_str("hours")?.and_then(|h| parse_hours(&h).ok()),
                open_tasks: r.i64("open_tasks")?,
                language: r.opt_str("language")?,
            });
        }
        pending.dir = Some(Directory { users, cursors: Default::default(), messages: pending.playbooks.messages() });
        pending.cursors_of.clear();
    }
    if !pending.cursors_of.contains(playbook) {
        let rows = c.rows("SELECT pool, user_id FROM assignment_cursors WHERE playbook = $1", params![playbook]).await?;
        let dir = pending.dir.as_mut().expect("loaded");
        dir.cursors.retain(|k, _| !k.starts_with(&format!("{playbook}/")));
        for r in &rows {
            dir.cursors.insert(format!("{playbook}/{}", r.str("pool")?), r.i64("user_id")?);
        }
        pending.cursors_of.insert(playbook.to_owned());
    }
    Ok(pending.dir.as_ref().expect("loaded"))
}

/// Runs the lead's playbook on `trigger` and applies what it decides. Returns whether that
/// changed the lead's state (anything beyond timeline events).
pub(crate) async fn run(
    c: &mut dyn Conn,
    pending: &mut Pending,
    state: &LeadState,
    ctx: &RunCtx,
    trigger: Trigger,
    cause: &str,
    now: Timestamp,
) -> R<bool> {
    if ctx.test {
        pending.test_leads.insert(ctx.lead_id);
    }
    let pb = playbook_of(c, pending, &ctx.playbook, ctx.version).await?;
    let dir = directory(c, pending, &ctx.playbook).await?;
    // Cursors are kept per playbook in the cached directory; the engine sees its own.
    let prefix = format!("{}/", ctx.playbook);
    let view;
    let dir = if dir.cursors.is_empty() {
        dir
    } else {
        view = Directory {
            users: dir.users.clone(),
            cursors: dir.cursors.iter().filter_map(|(k, v)| k.strip_prefix(&prefix).map(|p| (p.to_owned(), *v))).collect(),
            messages: dir.messages.clone(),
        };
        &view
    };
    let cmds = pronto_playbook::step(&pb, state, &trigger, cause, now, dir);
    let changed = cmds.iter().any(|c| !matches!(c, Cmd::Event { .. }));
    apply(c, pending, state, ctx, cmds, now).await?;
    Ok(changed)
}

/// A deactivated user's hold on this lead (ownership, open tasks) goes back to the playbook's
/// assignment (`pronto_playbook::hand_back`), applied like any decision of the playbook.
/// The caller has already marked the user inactive and dropped the cached directory.
pub(crate) async fn hand_back(
    c: &mut dyn Conn,
    pending: &mut Pending,
    state: &LeadState,
    ctx: &RunCtx,
    departed: i64,
    role: Role,
    now: Timestamp,
) -> R<()> {
    let pb = playbook_of(c, pending, &ctx.playbook, ctx.version).await?;
    let dir = directory(c, pending, &ctx.playbook).await?;
    let prefix = format!("{}/", ctx.playbook);
    let view = Directory {
        users: dir.users.clone(),
        cursors: dir.cursors.iter().filter_map(|(k, v)| k.strip_prefix(&prefix).map(|p| (p.to_owned(), *v))).collect(),
        messages: dir.messages.clone(),
    };
    let cmds = pronto_playbook::hand_back(&pb, state, departed, role, now, &view);
    apply(c, pending, state, ctx, cmds, now).await
}

/// Moves a user's open-task counter by `by`: in this transaction's directory now, in the table
/// at the flush.
pub(crate) async fn adjust_open_tasks(pending: &mut Pending, user: Option<i64>, by: i64) -> R<()> {
    let Some(user) = user else { return Ok(()) };
    // Written at the flush (`tx::Pending::open_task_moves`).
    *pending.open_task_moves.entry(user).or_default() += by;
    if let Some(u) = pending.dir.as_mut().and_then(|d| d.users.iter_mut().find(|u| u.id == user)) {
        u.open_tasks += by;
    }
    Ok(())
}

/// Records an event on the run's lead (a typed [`DomainEvent`], or a row the engine built).
pub(crate) fn push_event(pending: &mut Pending, ctx: &RunCtx, event: impl Into<effects::Event>, now: Timestamp) {
    let e = event.into();
    pending.event(EventRow {
        at: now,
        kind: e.kind.to_owned(),
        lead_id: Some(ctx.lead_id),
        contact_id: Some(ctx.contact_id),
        actor: ctx.actor,
        data: e.data,
    });
}

/// Closes open tasks: `ids` with their assignees.
async fn close_tasks(c: &mut dyn Conn, pending: &mut Pending, rows: &[(i64, Option<i64>)], status: &str, now: Timestamp) -> R<()> {
    for (id, assignee) in rows {
        c.exec("UPDATE tasks SET status = $1, done_at = $2 WHERE id = $3 AND status = 'open'", params![status, micros(now), *id]).await?;
        adjust_open_tasks(pending, *assignee, -1).await?;
    }
    Ok(())
}

async fn apply(c: &mut dyn Conn, pending: &mut Pending, state: &LeadState, ctx: &RunCtx, cmds: Vec<Cmd>, now: Timestamp) -> R<()> {
    let t = micros(now);
    let mut stage = state.stage.clone();
    for cmd in cmds {
        match cmd {
            Cmd::Assign { user, reason } => {
                c.exec("UPDATE leads SET owner_id = $1, updated_at = $2 WHERE id = $3", params![user, t, ctx.lead_id]).await?;
                push_event(pending, ctx, by_playbook_assigned(Some(user), reason), now);
            }
            Cmd::CreateTask(task) => {
                let id = c
                    .insert_id(
                        "INSERT INTO tasks (lead_id, task, title, kind, role, assignee_id, priority, due_at, script, attempt, status, created_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11)",
                        params![
                            ctx.lead_id,
                            task.task.as_str(),
                            task.title.as_str(),
                            task.kind.as_str(),
                            task.role.map(|r| r.as_str()),
                            task.assignee,
                            task.priority.as_str(),
                            micros(task.due_at),
                            task.script.clone(),
                            task.attempt as i64,
                            t
                        ],
                    )
                    .await?;
                adjust_open_tasks(pending, task.assignee, 1).await?;
                let e = DomainEvent::task_by_playbook(
                    id,
                    &task.task,
                    &task.title,
                    &task.kind,
                    task.assignee,
                    task.role.map(|r| r.as_str()),
                    task.priority.as_str(),
                    task.due_at,
                    task.attempt,
                );
                push_event(pending, ctx, e, now);
            }
            Cmd::CompleteTask { task_id, task, attempt, outcome, reason: _ } => {
                let row = if task_id > 0 {
                    c.row("SELECT id, assignee_id FROM tasks WHERE id = $1 AND lead_id = $2 AND status = 'open'", params![task_id, ctx.lead_id])
                        .await?
                } else {
                    c.row(
                        "SELECT id, assignee_id FROM tasks WHERE lead_id = $1 AND task = $2 AND attempt = $3 AND status = 'open' ORDER BY id LIMIT 1",
                        params![ctx.lead_id, task.as_str(), attempt as i64],
                    )
                    .await?
                };
                let Some(row) = row else { continue };
                let id = row.i64("id")?;
                c.exec(
                    "UPDATE tasks SET status = 'done', outcome = $1, done_at = $2, done_by = $3 WHERE id = $4",
                    params![outcome.as_str(), t, ctx.actor, id],
                )
                .await?;
                adjust_open_tasks(pending, row.opt_i64("assignee_id")?, -1).await?;
                push_event(pending, ctx, DomainEvent::TaskCompleted { task_id: id, task, outcome, note: None, attempt }, now);
            }
            Cmd::CancelTasks { task, reason } => {
                let rows = match &task {
                    Some(k) => {
                        c.rows(
                            "SELECT id, assignee_id FROM tasks WHERE lead_id = $1 AND status = 'open' AND task = $2",
                            params![ctx.lead_id, k.as_str()],
                        )
                        .await?
                    }
                    None => {
                        c.rows("SELECT id, assignee_id FROM tasks WHERE lead_id = $1 AND status = 'open'", params![ctx.lead_id]).await?
                    }
                };
                let rows: Vec<(i64, Option<i64>)> = rows.iter().map(|r| Ok((r.i64("id")?, r.opt_i64("assignee_id")?))).collect::<R<_>>()?;
                if !rows.is_empty() {
                    close_tasks(c, pending, &rows, "cancelled", now).await?;
                    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
                    push_event(pending, ctx, DomainEvent::TaskCancelled { task_ids: ids, task: task.clone(), reason: reason.clone() }, now);
                }
            }
            Cmd::HandOver { to, reason } => {
                let rows = c.rows("SELECT id, assignee_id FROM tasks WHERE lead_id = $1 AND status = 'open'", params![ctx.lead_id]).await?;
                for r in &rows {
                    let (id, from) = (r.i64("id")?, r.opt_i64("assignee_id")?);
                    if from == Some(to) {
                        continue;
                    }
                    c.exec("UPDATE tasks SET assignee_id = $1 WHERE id = $2", params![to, id]).await?;
                    adjust_open_tasks(pending, from, -1).await?;
                    adjust_open_tasks(pending, Some(to), 1).await?;
                }
                c.exec("UPDATE leads SET owner_id = $1, updated_at = $2 WHERE id = $3", params![to, t, ctx.lead_id]).await?;
                push_event(pending, ctx, by_playbook_assigned(Some(to), format!("handed over by {reason}")), now);
            }
            Cmd::Notify(n) => {
                // A test inquiry's alerts for people go to the canary's test recipients
                // (none set: not sent), never to a person's phone, mailbox or alerts.
                let (user, role, address) = match (ctx.test, n.user) {
                    (true, Some(_)) => match pending.playbooks.canary_recipient(n.channel.as_str()) {
                        Some(to) => (None, Some(crate::records::CANARY_ROLE.to_owned()), Some(to)),
                        None => continue,
                    },
                    _ => (n.user, None, n.address.clone()),
                };
                let payload = json!({
                    "lead_id": ctx.lead_id, "template": n.template, "text": n.text, "subject": n.subject, "urgent": n.urgent,
                });
                pending.outbox.push(OutboxRow {
                    created_at: now,
                    lead_id: Some(ctx.lead_id),
                    channel: n.channel.as_str().to_owned(),
                    recipient_user: user,
                    recipient_role: role,
                    recipient_address: address,
                    kind: n.template.as_str().to_owned(),
                    idempotency_key: n.key.clone(),
                    payload,
                    next_attempt_at: n.not_before.unwrap_or(now),
                });
                let e = DomainEvent::NotificationQueued {
                    channel: n.channel.clone(),
                    user: n.user,
                    template: n.template.clone(),
                    urgent: n.urgent,
                };
                push_event(pending, ctx, e, now);
            }
            Cmd::SetStage { stage: to, status } => {
                let status_now = status.map(|s| s.as_str());
                match status_now {
                    Some(s) => {
                        c.exec(
                            "UPDATE leads SET stage = $1, status = $2, updated_at = $3, closed_at = $3 WHERE id = $4",
                            params![to.as_str(), s, t, ctx.lead_id],
                        )
                        .await?
                    }
                    None => {
                        c.exec("UPDATE leads SET stage = $1, updated_at = $2 WHERE id = $3", params![to.as_str(), t, ctx.lead_id]).await?
                    }
                };
                push_event(
                    pending,
                    ctx,
                    DomainEvent::LeadStageChanged { from: Some(stage.clone()), to: to.clone(), by: Some(BY_PLAYBOOK.into()) },
                    now,
                );
                if let Some(s) = status_now {
                    push_event(
                        pending,
                        ctx,
                        DomainEvent::LeadStatusChanged { from: None, to: s.to_owned(), by: Some(BY_PLAYBOOK.into()) },
                        now,
                    );
                }
                stage = to;
            }
            Cmd::SetTimer { kind, due_at, payload } => pending.timers.push(TimerRow::new(Some(ctx.lead_id), kind, due_at, &payload, now)),
            Cmd::CancelTimers { kind, prefix } => {
                let matches = |k: &str| if prefix { k.starts_with(&kind) } else { k == kind };
                for tm in pending.timers.iter_mut().filter(|tm| tm.lead_id == Some(ctx.lead_id) && matches(&tm.kind)) {
                    tm.cancel(now);
                }
                if prefix {
                    let pattern = format!("{}%", kind.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
                    c.exec(
                        "UPDATE timers SET status = 'cancelled', done_at = $1 WHERE lead_id = $2 AND status = 'pending' AND kind LIKE $3 ESCAPE '\\'",
                        params![t, ctx.lead_id, pattern],
                    )
                    .await?;
                } else {
                    c.exec(
                        "UPDATE timers SET status = 'cancelled', done_at = $1 WHERE lead_id = $2 AND status = 'pending' AND kind = $3",
                        params![t, ctx.lead_id, kind.as_str()],
                    )
                    .await?;
                }
            }
            Cmd::Unassign { reason } => {
                c.exec("UPDATE leads SET owner_id = NULL, updated_at = $1 WHERE id = $2", params![t, ctx.lead_id]).await?;
                push_event(pending, ctx, DomainEvent::LeadUnassigned { reason, by: BY_PLAYBOOK.into() }, now);
            }
            Cmd::ReassignTask { task_id, to, reason } => {
                let Some(row) = c
                    .row("SELECT assignee_id FROM tasks WHERE id = $1 AND lead_id = $2 AND status = 'open'", params![task_id, ctx.lead_id])
                    .await?
                else {
                    continue;
                };
                let from = row.opt_i64("assignee_id")?;
                c.exec("UPDATE tasks SET assignee_id = $1 WHERE id = $2", params![to, task_id]).await?;
                adjust_open_tasks(pending, from, -1).await?;
                adjust_open_tasks(pending, to, 1).await?;
                push_event(pending, ctx, DomainEvent::TaskReassigned { task_id, from, to, reason }, now);
            }
            Cmd::Event { kind, data } => push_event(pending, ctx, effects::Event { kind, data }, now),
            Cmd::SetCursor { pool, user } => {
                // Written at the flush (`tx::Pending::cursor_moves`).
                pending.cursor_moves.insert((ctx.playbook.clone(), pool.clone()), user);
                if let Some(d) = pending.dir.as_mut() {
                    d.cursors.insert(format!("{}/{pool}", ctx.playbook), user);
                }
            }
        }
    }
    Ok(())
}

/// An owner the playbook gave the lead.
fn by_playbook_assigned(owner: Option<i64>, reason: String) -> DomainEvent {
    DomainEvent::LeadAssigned { from: None, owner, reason: Some(reason), by: Some(BY_PLAYBOOK.into()) }
}
