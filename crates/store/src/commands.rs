//! The write side: every [`Command`] and how it is applied inside the writer's transaction.
//! Each command reads what it needs, writes the new state and then writes the effects that
//! `pronto_domain::effects` decided (events, outbox rows, timers), all on the same
//! connection, so they commit or roll back together.

use crate::engine::{Conn, DbError, Dialect, P};
use crate::playbooks::Playbooks;
use crate::process;
use crate::records::LeadCreated;
use crate::{StoreError, micros, params};
use jiff::Timestamp;
use pronto_domain::FieldErrors;
use pronto_domain::effects::{self, Effects, FieldChange, Recipient};
use pronto_domain::lead::{ActivityKind, Direction, LeadPatch, LeadStatus, NewActivity, NewLead, Outcome as CallOutcome};
use pronto_domain::search;
use pronto_domain::subscription;
use pronto_domain::user::Role;
use pronto_domain::values::{Email, Line, Login, Phone};
use pronto_playbook::{LeadState, Trigger};
use serde_json::{Value, json};
use std::sync::Arc;

/// An `Idempotency-Key` as the edge received it: scoped to who sent it, with a fingerprint of
/// the request so that the same key with a different body is a conflict, not a silent reuse.
#[derive(Debug, Clone)]
pub struct IdempotencyKey {
    pub scope: String,
    pub key: String,
    pub fingerprint: String,
}

#[derive(Debug, Clone)]
pub struct NewUserRecord {
    pub login: Login,
    pub name: Line,
    pub role: Role,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub password_hash: Option<String>,
    pub actor: Option<i64>,
}

#[derive(Debug)]
pub(crate) enum Command {
    CreateLead {
        lead: Box<NewLead>,
        entered_by: Option<i64>,
        idem: Option<IdempotencyKey>,
    },
    PatchLead {
        id: i64,
        patch: Box<LeadPatch>,
        actor: Option<i64>,
    },
    LogActivity {
        lead_id: i64,
        activity: Box<NewActivity>,
        actor: Option<i64>,
    },
    CreateUser(Box<NewUserRecord>),
    CreateToken {
        user_id: i64,
        name: String,
        hash: String,
        expires_at: Option<Timestamp>,
    },
    /// Deactivates (handing their open work back to the playbook) or reactivates a user.
    SetActive {
        id: i64,
        active: bool,
        actor: Option<i64>,
    },
    SetRole {
        id: i64,
        role: Role,
        actor: Option<i64>,
    },
    /// A `PATCH` of a user: details, role and being active in one transaction.
    UpdateAccount {
        id: i64,
        details: Option<Box<UserPatch>>,
        role: Option<Role>,
        active: Option<bool>,
        actor: Option<i64>,
    },
    RevokeToken {
        user_id: i64,
        token_id: i64,
        actor: Option<i64>,
    },
    /// A token was used: its `last_used_at` (at most once a minute).
    TouchToken {
        id: i64,
    },
    /// A wrong password for a login (the per-account throttle).
    LoginFailed {
        key: String,
    },
    LoginSucceeded {
        key: String,
    },
    EnsureAdmin {
        password_hash: String,
    },
    /// Marks every queued notification sent (a demo history's alerts).
    SettleOutbox,
    /// Stores when the scheduled reports go and sets their timers.
    ConfigureReports(Box<crate::schedule::ReportSchedule>),
    /// One step of building the reports' facts for leads without one (see `facts::backfill`).
    BackfillFacts {
        limit: i64,
    },
    /// Fires up to `limit` pending timers due at or before the command's `now`.
    FireDueTimers {
        limit: i64,
    },
    CompleteTask {
        id: i64,
        outcome: String,
        note: Option<String>,
        actor: Option<i64>,
    },
    UpdateUser {
        patch: Box<UserPatch>,
        actor: Option<i64>,
    },
    LoadPlaybook {
        source: String,
        actor: Option<i64>,
    },
    ClaimNotifications {
        limit: i64,
        lease: jiff::SignedDuration,
    },
    RecordDelivery {
        id: i64,
        delivery: Box<crate::records::Delivery>,
    },
    RetryNotification {
        id: i64,
        actor: Option<i64>,
    },
    MarkRead {
        user: i64,
        ids: Vec<i64>,
    },
    CreateWebhook {
        url: String,
        events: Vec<String>,
        secret: String,
        actor: Option<i64>,
    },
    DeleteWebhook {
        id: i64,
        actor: Option<i64>,
    },
    IngestMail(Box<crate::records::MailIn>),
    ResetMailbox {
        mailbox: String,
        uidvalidity: i64,
    },
    MailboxAlert {
        mailbox: String,
        error: Option<String>,
    },
    SendEmail(Box<crate::records::OutgoingEmail>),
    CallEvent(Box<crate::records::CallIn>),
    /// A web session begins (the one it replaces, if any, ends: the id rotates at login).
    CreateSession {
        user_id: i64,
        hash: String,
        replaces: Option<String>,
    },
    /// A session is used: its user, unless idle or absolute timeout passed (then it ends).
    TouchSession {
        hash: String,
        idle: jiff::SignedDuration,
        absolute: jiff::SignedDuration,
    },
    EndSession {
        hash: String,
    },
    /// A task entered by hand on the lead card (`done` completes it).
    CreateTask {
        lead_id: i64,
        title: String,
        due_at: Timestamp,
        assignee: Option<i64>,
        actor: Option<i64>,
    },
    /// "Call back at …": an open task is due at another time.
    RescheduleTask {
        id: i64,
        due_at: Timestamp,
        actor: Option<i64>,
    },
    /// A user's new password (already hashed); their other sessions end.
    SetPassword(Box<crate::records::PasswordChange>),
    /// A test message from the admin page, delivered like any alert.
    QueueTest {
        channel: String,
        address: String,
        text: String,
        actor: Option<i64>,
    },
    /// Two records of one person: `other`'s leads, activities and identities move to `keep`.
    MergeContacts {
        keep: i64,
        other: i64,
        actor: Option<i64>,
    },
    /// Keeps the installation's secret (`candidate` unless one exists); answers the one in force.
    EnsureSecret {
        candidate: String,
    },
    /// Gives up to `limit` leads from before the customer's page their page token.
    BackfillTokens {
        limit: i64,
    },
    /// Ends a lead's page link and makes a new one.
    RevokeTracking {
        lead_id: i64,
        actor: Option<i64>,
    },
    /// Something the customer did on their page.
    CustomerAct {
        lead_id: i64,
        act: Box<crate::customer::Act>,
    },
    /// Appends a row to the audit log.
    Audit(Box<crate::records::AuditEntry>),
    /// Stores (or, with no text, removes) the company's text for a template in a language.
    SetMessage {
        message: pronto_playbook::messages::Override,
        remove: bool,
        actor: Option<i64>,
    },
}

/// A change to a user's availability and contact details.
#[derive(Debug, Clone, Default)]
pub struct UserPatch {
    pub id: i64,
    pub presence: Option<pronto_playbook::Presence>,
    /// `Some(None)` clears the user's own hours.
    pub hours: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub email: Option<Option<String>>,
    /// The language the user reads alerts in (`cs`); `Some(None)` returns to the default.
    pub language: Option<Option<String>>,
}

#[derive(Debug)]
pub(crate) enum Outcome {
    Lead(LeadCreated),
    Id(i64),
    Done,
    Flag(bool),
    Version(i64, bool),
    Notifications(Vec<crate::records::OutboxRecord>),
    Mail(crate::records::MailOutcome),
    Text(String),
    Call(crate::records::CallResult),
    HandedBack(crate::records::HandedBack),
    PasswordChanged(crate::records::PasswordChanged),
    When(Option<Timestamp>),
}

type R<T> = Result<T, StoreError>;

pub(crate) fn db(e: DbError) -> StoreError {
    if e.is_unique_violation() {
        StoreError::Conflict(format!("a concurrent write got there first: {e}"))
    } else if e.is_lock_cycle() {
        StoreError::Unavailable(format!("{LOCK_CYCLE}: {e}"))
    } else {
        StoreError::from(e)
    }
}

/// How a command's error says that its transaction and another writer's (another node's)
/// waited on each other; the writer then commits what its batch did so far and retries.
const LOCK_CYCLE: &str = "waited on another writer that waited on this one";

pub(crate) fn is_lock_cycle(e: &StoreError) -> bool {
    matches!(e, StoreError::Unavailable(m) if m.starts_with(LOCK_CYCLE))
}

pub(crate) async fn apply(c: &mut dyn Conn, pending: &mut Pending, cmd: &Command, now: Timestamp) -> R<Outcome> {
    match cmd {
        Command::CreateLead { lead, entered_by, idem } => {
            create_lead(c, pending, lead, *entered_by, idem.as_ref(), now).await.map(Outcome::Lead)
        }
        Command::PatchLead { id, patch, actor } => patch_lead(c, pending, *id, patch, *actor, now).await.map(|()| Outcome::Done),
        Command::LogActivity { lead_id, activity, actor } => {
            log_activity(c, pending, *lead_id, activity, *actor, now).await.map(Outcome::Id)
        }
        Command::CreateUser(u) => create_user(c, pending, u, now).await.map(Outcome::Id),
        Command::CreateToken { user_id, name, hash, expires_at } => {
            create_token(c, pending, *user_id, name, hash, *expires_at, now).await.map(Outcome::Id)
        }
        Command::SetActive { id, active, actor } => {
            crate::accounts::set_active(c, pending, *id, *active, *actor, now).await.map(Outcome::HandedBack)
        }
        Command::SetRole { id, role, actor } => crate::accounts::set_role(c, pending, *id, *role, *actor, now).await.map(|()| Outcome::Done),
        Command::UpdateAccount { id, details, role, active, actor } => {
            if let Some(d) = details {
                set_presence(c, pending, d, *actor, now).await?;
            }
            if let Some(r) = role {
                crate::accounts::set_role(c, pending, *id, *r, *actor, now).await?;
            }
            match active {
                Some(a) => crate::accounts::set_active(c, pending, *id, *a, *actor, now).await.map(Outcome::HandedBack),
                None => Ok(Outcome::HandedBack(Default::default())),
            }
        }
        Command::RevokeToken { user_id, token_id, actor } => {
            crate::accounts::revoke_token(c, pending, *user_id, *token_id, *actor, now).await.map(|()| Outcome::Done)
        }
        Command::TouchToken { id } => crate::accounts::touch_token(c, *id, now).await.map(|()| Outcome::Done),
        Command::LoginFailed { key } => crate::accounts::login_failed(c, key, now).await.map(Outcome::When),
        Command::LoginSucceeded { key } => crate::accounts::login_succeeded(c, key).await.map(|()| Outcome::Done),
        Command::Audit(entry) => crate::audit::append(c, entry, now).await.map(Outcome::Id),
        Command::EnsureAdmin { password_hash } => ensure_admin(c, pending, password_hash, now).await.map(Outcome::Flag),
        Command::FireDueTimers { limit } => fire_due_timers(c, pending, *limit, now).await.map(Outcome::Id),
        Command::SettleOutbox => {
            let t = micros(now);
            let n = c
                .exec(
                    "UPDATE outbox SET status = CASE WHEN channel = 'in_app' THEN 'delivered' ELSE 'sent' END, attempts = 1,
                            read_at = CASE WHEN channel = 'in_app' THEN $1 ELSE read_at END, updated_at = $1
                     WHERE status IN ('queued', 'sending')",
                    params![t],
                )
                .await
                .map_err(db)?;
            Ok(Outcome::Id(n as i64))
        }
        Command::ConfigureReports(s) => crate::schedule::configure(c, pending, s, now).await.map(|()| Outcome::Done),
        Command::BackfillFacts { limit } => {
            let pbs = pending.playbooks.clone();
            crate::facts::backfill(c, &pbs, &mut pending.report_deltas, *limit).await.map(Outcome::Id)
        }
        Command::CompleteTask { id, outcome, note, actor } => {
            complete_task(c, pending, *id, outcome, note.as_deref(), *actor, now).await.map(|()| Outcome::Done)
        }
        Command::UpdateUser { patch, actor } => set_presence(c, pending, patch, *actor, now).await.map(|()| Outcome::Done),
        Command::ClaimNotifications { limit, lease } => claim_notifications(c, *limit, *lease, now).await.map(Outcome::Notifications),
        Command::RecordDelivery { id, delivery } => record_delivery(c, pending, *id, delivery, now).await.map(|()| Outcome::Done),
        Command::RetryNotification { id, actor } => retry_notification(c, pending, *id, *actor, now).await.map(|()| Outcome::Done),
        Command::MarkRead { user, ids } => mark_read(c, *user, ids, now).await.map(Outcome::Id),
        Command::CreateWebhook { url, events, secret, actor } => {
            let id = c
                .insert_id(
                    "INSERT INTO webhooks (url, events, secret, active, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)",
                    params![url.as_str(), events.join(","), secret.as_str(), true, micros(now), *actor],
                )
                .await
                .map_err(db)?;
            let fx = Effects {
                events: vec![effects::Event { kind: "webhook.created", data: json!({ "webhook_id": id, "url": url, "events": events }) }],
                ..Default::default()
            };
            write_effects(pending, &fx, None, None, *actor, now);
            Ok(Outcome::Id(id))
        }
        Command::DeleteWebhook { id, actor } => {
            let n = c.exec("UPDATE webhooks SET active = $1 WHERE id = $2 AND active = $3", params![false, *id, true]).await.map_err(db)?;
            if n == 0 {
                return Err(StoreError::NotFound);
            }
            let fx = Effects {
                events: vec![effects::Event { kind: "webhook.deleted", data: json!({ "webhook_id": id }) }],
                ..Default::default()
            };
            write_effects(pending, &fx, None, None, *actor, now);
            Ok(Outcome::Done)
        }
        Command::LoadPlaybook { source, actor } => {
            load_playbook(c, pending, source, *actor, now).await.map(|(v, new)| Outcome::Version(v, new))
        }
        Command::IngestMail(m) => crate::mail::ingest(c, pending, m, now).await.map(Outcome::Mail),
        Command::ResetMailbox { mailbox, uidvalidity } => {
            crate::mail::reset(c, pending, mailbox, *uidvalidity, now).await.map(|()| Outcome::Done)
        }
        Command::MailboxAlert { mailbox, error } => {
            crate::mail::alert(c, pending, mailbox, error.as_deref(), now).await.map(|()| Outcome::Done)
        }
        Command::SendEmail(e) => crate::mail::send(c, pending, e, now).await.map(Outcome::Id),
        Command::CallEvent(e) => crate::calls::event(c, pending, e, now).await.map(Outcome::Call),
        Command::CreateSession { user_id, hash, replaces } => {
            if let Some(old) = replaces {
                c.exec("DELETE FROM sessions WHERE id_hash = $1", params![old.as_str()]).await.map_err(db)?;
            }
            let t = micros(now);
            c.exec(
                "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)",
                params![hash.as_str(), *user_id, t],
            )
            .await
            .map_err(db)?;
            let fx = Effects {
                events: vec![effects::Event { kind: "session.started", data: json!({ "user_id": user_id }) }],
                ..Default::default()
            };
            write_effects(pending, &fx, None, None, Some(*user_id), now);
            Ok(Outcome::Done)
        }
        Command::TouchSession { hash, idle, absolute } => {
            let t = micros(now);
            let row = c
                .row("SELECT user_id, created_at, last_seen_at FROM sessions WHERE id_hash = $1", params![hash.as_str()])
                .await
                .map_err(db)?
                .ok_or(StoreError::NotFound)?;
            let (created, seen) = (row.i64("created_at")?, row.i64("last_seen_at")?);
            if t - seen > idle.as_micros() as i64 || t - created > absolute.as_micros() as i64 {
                c.exec("DELETE FROM sessions WHERE id_hash = $1", params![hash.as_str()]).await.map_err(db)?;
                return Err(StoreError::NotFound);
            }
            // Recorded at most once a minute: a page view need not be a write.
            if t - seen > 60_000_000 {
                c.exec("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2", params![t, hash.as_str()]).await.map_err(db)?;
            }
            Ok(Outcome::Id(row.i64("user_id")?))
        }
        Command::EnsureSecret { candidate } => crate::customer::ensure_secret(c, candidate, now).await.map(Outcome::Text),
        Command::BackfillTokens { limit } => crate::customer::backfill_tokens(c, pending, *limit, now).await.map(Outcome::Id),
        Command::RevokeTracking { lead_id, actor } => crate::customer::revoke(c, pending, *lead_id, *actor, now).await.map(Outcome::Id),
        Command::CustomerAct { lead_id, act } => crate::customer::act(c, pending, *lead_id, act, now).await.map(Outcome::Id),
        Command::CreateTask { lead_id, title, due_at, assignee, actor } => {
            let lead = c.row("SELECT id FROM leads WHERE id = $1", params![*lead_id]).await.map_err(db)?;
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
                .await
                .map_err(db)?;
            process::adjust_open_tasks(c, pending, *assignee, 1).await?;
            let fx = Effects {
                events: vec![effects::Event {
                    kind: "task.created",
                    data: json!({ "task_id": id, "task": "manual", "title": title, "assignee": assignee, "due_at": due_at.to_string(), "by": "hand" }),
                }],
                ..Default::default()
            };
            write_effects(pending, &fx, Some(*lead_id), None, *actor, now);
            Ok(Outcome::Id(id))
        }
        Command::RescheduleTask { id, due_at, actor } => {
            let row = c
                .row("SELECT lead_id, status, due_at FROM tasks WHERE id = $1", params![*id])
                .await
                .map_err(db)?
                .ok_or(StoreError::NotFound)?;
            if row.str("status")? != "open" {
                return Err(StoreError::Conflict(format!("task {id} is already {}", row.str("status")?)));
            }
            c.exec("UPDATE tasks SET due_at = $1 WHERE id = $2", params![micros(*due_at), *id]).await.map_err(db)?;
            let fx = Effects {
                events: vec![effects::Event {
                    kind: "task.rescheduled",
                    data: json!({ "task_id": id, "from": crate::from_micros(row.i64("due_at")?).to_string(), "to": due_at.to_string() }),
                }],
                ..Default::default()
            };
            write_effects(pending, &fx, Some(row.i64("lead_id")?), None, *actor, now);
            Ok(Outcome::Done)
        }
        Command::SetPassword(ch) => crate::accounts::set_password(c, pending, ch, now).await.map(Outcome::PasswordChanged),
        Command::QueueTest { channel, address, text, actor } => {
            let t = micros(now);
            let payload = json!({ "text": text, "subject": "Pronto test message", "urgent": true });
            let id = c
                .insert_id(
                    "INSERT INTO outbox (created_at, lead_id, channel, recipient_user, recipient_role, recipient_address, kind, idempotency_key, payload, next_attempt_at, updated_at, status, attempts)
                     VALUES ($1, NULL, $2, $3, NULL, $4, 'test', $5, $6, $1, $1, 'queued', 0)",
                    params![t, channel.as_str(), *actor, address.as_str(), format!("test/{channel}/{t}"), payload.to_string()],
                )
                .await
                .map_err(db)?;
            let fx = Effects {
                events: vec![effects::Event {
                    kind: "notification.test",
                    data: json!({ "channel": channel, "address": address, "notification_id": id }),
                }],
                ..Default::default()
            };
            write_effects(pending, &fx, None, None, *actor, now);
            Ok(Outcome::Id(id))
        }
        Command::MergeContacts { keep, other, actor } => {
            merge_contacts(c, pending, *keep, *other, *actor, now).await.map(|()| Outcome::Done)
        }
        Command::EndSession { hash } => {
            c.exec("DELETE FROM sessions WHERE id_hash = $1", params![hash.as_str()]).await.map_err(db)?;
            Ok(Outcome::Done)
        }
        Command::SetMessage { message: m, remove, actor } => {
            let n = c
                .exec(
                    "DELETE FROM message_overrides WHERE playbook = $1 AND template = $2 AND language = $3",
                    params![m.playbook.as_str(), m.template.as_str(), m.language.as_str()],
                )
                .await
                .map_err(db)?;
            if *remove && n == 0 {
                return Err(StoreError::NotFound);
            }
            if !*remove {
                c.exec(
                    "INSERT INTO message_overrides (playbook, template, language, text, subject, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    params![m.playbook.as_str(), m.template.as_str(), m.language.as_str(), m.text.as_str(), m.subject.clone(), micros(now), *actor],
                )
                .await
                .map_err(db)?;
            }
            let kind = if *remove { "message.reset" } else { "message.changed" };
            let fx = Effects {
                events: vec![effects::Event {
                    kind,
                    data: json!({ "playbook": m.playbook, "template": m.template, "language": m.language }),
                }],
                ..Default::default()
            };
            write_effects(pending, &fx, None, None, *actor, now);
            Ok(Outcome::Done)
        }
    }
}

/// Events, outbox rows and timers that commands of the current transaction decided, written
/// together by [`flush`] before the commit: a few multi-row INSERTs per batch instead of three
/// statements per command. Commands never read these tables back, except that cancelling a
/// lead's timers must also reach the ones still waiting here.
pub(crate) struct Pending {
    pub(crate) events: Vec<[P; 6]>,
    pub(crate) outbox: Vec<[P; 11]>,
    pub(crate) timers: Vec<PendingTimer>,
    pub(crate) playbooks: Arc<Playbooks>,
    /// The users as the playbook engine sees them, read once per transaction.
    pub(crate) dir: Option<pronto_playbook::Directory>,
    /// Playbooks whose round-robin cursors `dir` holds.
    pub(crate) cursors_of: std::collections::BTreeSet<String>,
    /// Counts edits in this transaction, so each has its own name.
    pub(crate) seq: u64,
    /// The events live clients hear about, published once the transaction committed.
    pub(crate) live: Vec<crate::records::Committed>,
    /// What this changes in the report tallies; the writer applies it last before the commit.
    pub(crate) report_deltas: crate::facts::Deltas,
}

impl Pending {
    /// Keeps `kind` for the live feed when it is one live clients follow.
    pub(crate) fn note(&mut self, kind: &str, lead_id: Option<i64>, data: &Value) {
        if crate::records::LIVE_KINDS.contains(&kind) {
            self.live.push(crate::records::Committed { kind: kind.to_owned(), lead_id, data: data.clone() });
        }
    }

    pub(crate) fn new(playbooks: Arc<Playbooks>) -> Pending {
        Pending {
            events: vec![],
            outbox: vec![],
            timers: vec![],
            playbooks,
            dir: None,
            cursors_of: Default::default(),
            seq: 0,
            live: vec![],
            report_deltas: Default::default(),
        }
    }
}

pub(crate) struct PendingTimer {
    pub(crate) lead_id: Option<i64>,
    pub(crate) kind: String,
    /// lead_id, kind, due_at, payload, created_at, status, done_at
    row: [P; 7],
}

impl PendingTimer {
    pub(crate) fn new(lead_id: Option<i64>, kind: String, due_at: Timestamp, payload: &Value, now: Timestamp) -> PendingTimer {
        let row = [
            lead_id.into(),
            kind.as_str().into(),
            micros(due_at).into(),
            payload.to_string().into(),
            micros(now).into(),
            "pending".into(),
            P::I64(None),
        ];
        PendingTimer { lead_id, kind, row }
    }
    pub(crate) fn cancel(&mut self, now: Timestamp) {
        self.row[5] = "cancelled".into();
        self.row[6] = micros(now).into();
    }
    pub(crate) fn is_pending(&self) -> bool {
        matches!(&self.row[5], P::Str(Some(s)) if s == "pending")
    }
}

pub(crate) fn write_effects(
    pending: &mut Pending,
    fx: &Effects,
    lead_id: Option<i64>,
    contact_id: Option<i64>,
    actor: Option<i64>,
    now: Timestamp,
) {
    let t = micros(now);
    for e in &fx.events {
        pending.events.push([t.into(), e.kind.into(), lead_id.into(), contact_id.into(), actor.into(), e.data.to_string().into()]);
        pending.note(e.kind, lead_id, &e.data);
    }
    for o in &fx.outbox {
        let (user, role) = match &o.recipient {
            Recipient::User(id) => (Some(*id), None),
            Recipient::Role(r) => (None, Some(r.as_str())),
        };
        pending.outbox.push([
            t.into(),
            lead_id.into(),
            o.channel.into(),
            user.into(),
            role.into(),
            P::Str(None),
            o.kind.into(),
            o.key.as_str().into(),
            o.payload.to_string().into(),
            t.into(),
            t.into(),
        ]);
    }
}

/// Rows per INSERT: a few fixed sizes, so the prepared-statement cache holds a few shapes.
const CHUNKS: [usize; 4] = [64, 16, 4, 1];

async fn insert_rows<const N: usize>(c: &mut dyn Conn, head: &str, tail: &str, rows: Vec<[P; N]>) -> R<()> {
    let mut left = rows.len();
    let mut rows = rows.into_iter();
    while left > 0 {
        let n = CHUNKS.iter().copied().find(|n| *n <= left).unwrap_or(1);
        let mut sql = String::with_capacity(head.len() + n * N * 5);
        sql.push_str(head);
        let mut params = Vec::with_capacity(n * N);
        for r in 0..n {
            sql.push_str(if r == 0 { " (" } else { ", (" });
            for (i, p) in rows.next().expect("counted").into_iter().enumerate() {
                params.push(p);
                if i > 0 {
                    sql.push_str(", ");
                }
                sql.push('$');
                sql.push_str(&params.len().to_string());
            }
            sql.push(')');
        }
        sql.push_str(tail);
        c.exec(&sql, params).await.map_err(db)?;
        left -= n;
    }
    Ok(())
}

/// Every event a webhook subscription asked for becomes an outbox row for it, in the same
/// transaction as the event (`pronto_domain::subscription::wants`: never an event about a
/// webhook's own delivery).
async fn fan_out_webhooks(c: &mut dyn Conn, pending: &mut Pending) -> R<()> {
    if pending.events.is_empty() {
        return Ok(());
    }
    let subs = c.rows("SELECT id, url, events FROM webhooks WHERE active = $1", params![true]).await.map_err(db)?;
    if subs.is_empty() {
        return Ok(());
    }
    let subs: Vec<(i64, String, Vec<String>)> = subs
        .iter()
        .map(|r| Ok((r.i64("id")?, r.str("url")?, r.str("events")?.split(',').map(|e| e.trim().to_owned()).collect())))
        .collect::<R<_>>()?;
    let text = |p: &P| match p {
        P::Str(Some(s)) => s.clone(),
        _ => String::new(),
    };
    // The rows' keys must be unique across transactions too: two transactions in the same
    // microsecond (a frozen manual clock, a fast burst) would otherwise share `wh/SUB/AT/SEQ`
    // and the second one's deliveries would be dropped by `ON CONFLICT DO NOTHING`.
    let mut nonce = [0u8; 8];
    getrandom::fill(&mut nonce).expect("the operating system's random source failed");
    let nonce = u64::from_le_bytes(nonce);
    let mut rows = Vec::new();
    for e in &pending.events {
        let (at, kind, lead) = (e[0].clone(), text(&e[1]), e[2].clone());
        if !subs.iter().any(|(_, _, events)| events.iter().any(|p| subscription::matches(p, &kind))) {
            continue;
        }
        let data: Value = serde_json::from_str(&text(&e[5])).unwrap_or(Value::Null);
        for (id, url, events) in &subs {
            // Never an event about a webhook's own delivery: it would ask for another one.
            if !subscription::wants(events, &kind, &data) {
                continue;
            }
            pending.seq += 1;
            let at_us = match &at {
                P::I64(Some(v)) => *v,
                _ => 0,
            };
            let lead_id = match &lead {
                P::I64(Some(v)) => Some(*v),
                _ => None,
            };
            let payload = json!({ "subscription": id, "type": kind, "lead_id": lead_id, "data": data, "text": kind });
            rows.push([
                at.clone(),
                lead.clone(),
                "webhook".into(),
                P::I64(None),
                P::Str(None),
                url.as_str().into(),
                kind.as_str().into(),
                format!("wh/{id}/{at_us}/{}.{nonce:016x}", pending.seq).into(),
                payload.to_string().into(),
                at.clone(),
                at.clone(),
            ]);
        }
    }
    pending.outbox.extend(rows);
    Ok(())
}

/// Writes what [`Pending`] holds, in the order it was decided.
pub(crate) async fn flush(c: &mut dyn Conn, pending: &mut Pending) -> R<()> {
    fan_out_webhooks(c, pending).await?;
    let events = std::mem::take(&mut pending.events);
    let mut leads: Vec<i64> = events
        .iter()
        .filter(|e| matches!(&e[1], P::Str(Some(kind)) if crate::facts::CHANGES_FACTS.contains(&kind.as_str())))
        .filter_map(|e| if let P::I64(Some(id)) = e[2] { Some(id) } else { None })
        .collect();
    leads.sort_unstable();
    leads.dedup();
    let outbox = std::mem::take(&mut pending.outbox);
    let timers: Vec<[P; 7]> = std::mem::take(&mut pending.timers).into_iter().map(|t| t.row).collect();
    insert_rows(c, "INSERT INTO events (at, kind, lead_id, contact_id, actor_id, data) VALUES", "", events).await?;
    insert_rows(
        c,
        "INSERT INTO outbox (created_at, lead_id, channel, recipient_user, recipient_role, recipient_address, kind, idempotency_key, payload, next_attempt_at, updated_at) VALUES",
        " ON CONFLICT (idempotency_key) DO NOTHING",
        outbox,
    )
    .await?;
    insert_rows(c, "INSERT INTO timers (lead_id, kind, due_at, payload, created_at, status, done_at) VALUES", "", timers).await?;
    // The reports' facts and tallies of every lead this wrote events for (after the events:
    // a lead's stage changes are read from them).
    crate::facts::sync(c, &pending.playbooks, &leads, &mut pending.report_deltas).await
}

/// Fires the timers that are due, earliest first (ties by id). A timer fires once: the UPDATE
/// only takes it while it is still pending. Firing records `timer.fired` on the lead's
/// timeline; what a timer then causes is the playbook engine's to decide (issue 3).
async fn fire_due_timers(c: &mut dyn Conn, pending: &mut Pending, limit: i64, now: Timestamp) -> R<i64> {
    // Timers set earlier in this batch are not in the table yet; write them first.
    flush(c, pending).await?;
    let t = micros(now);
    let due = c
        .rows(
            "SELECT id, lead_id, kind, due_at, payload FROM timers WHERE status = 'pending' AND due_at <= $1 ORDER BY due_at, id LIMIT $2",
            params![t, limit],
        )
        .await
        .map_err(db)?;
    if due.is_empty() {
        return Ok(0);
    }
    // Take them in one statement; a timer another path took meanwhile is not ours to fire.
    let mut taken = std::collections::HashSet::with_capacity(due.len());
    for chunk in due.chunks(500) {
        let list = (2..chunk.len() + 2).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let mut ps = vec![P::from(t)];
        for r in chunk {
            ps.push(P::from(r.i64("id")?));
        }
        // `done_at IS NULL` is "still pending" (firing and cancelling both set it), and unlike
        // `status = 'pending'` it cannot tempt SQLite's planner into the due-time index, which
        // would read every pending timer instead of these ids.
        let sql = format!("UPDATE timers SET status = 'fired', done_at = $1 WHERE id IN ({list}) AND done_at IS NULL RETURNING id");
        for r in c.rows(&sql, ps).await.map_err(db)? {
            taken.insert(r.i64("id")?);
        }
    }
    // On PostgreSQL, where every statement is a network round trip, every lead's state is read
    // in three statements; SQLite answers in microseconds and its planner reads one lead's
    // pending timers through their partial index, so it reads each lead as it comes. A lead
    // the playbook changed is read again.
    let mut states = match c.dialect() {
        Dialect::Postgres => {
            let mut leads: Vec<i64> = due.iter().filter_map(|r| r.opt_i64("lead_id").ok().flatten()).collect();
            leads.sort_unstable();
            leads.dedup();
            process::lead_states(c, &leads, pending.playbooks.site_keys().as_deref()).await?
        }
        Dialect::Sqlite => Default::default(),
    };
    let mut fired = 0;
    for row in due {
        let id = row.i64("id")?;
        if !taken.contains(&id) {
            continue;
        }
        fired += 1;
        let lead_id = row.opt_i64("lead_id")?;
        let due_at = crate::from_micros(row.i64("due_at")?);
        let kind = row.str("kind")?;
        let fx = Effects {
            events: vec![effects::Event {
                kind: "timer.fired",
                data: json!({ "timer_id": id, "timer": kind, "due_at": due_at.to_string() }),
            }],
            ..Default::default()
        };
        write_effects(pending, &fx, lead_id, None, None, now);
        let Some(lead_id) = lead_id else {
            crate::schedule::fire(c, pending, &kind, due_at, now).await?;
            continue;
        };
        let (mut state, ctx) = match states.remove(&lead_id) {
            Some(s) => s,
            None => process::lead_state(c, pending, lead_id).await?,
        };
        // The timers of this batch were all taken above; this one is no longer pending.
        if let Some(i) = state.timers.iter().position(|k| *k == kind) {
            state.timers.remove(i);
        }
        let payload: Value = serde_json::from_str(&row.str("payload")?).unwrap_or(Value::Null);
        let trigger = Trigger::TimerElapsed { kind, payload };
        let changed = process::run(c, pending, &state, &ctx, trigger, &format!("t{id}"), now).await?;
        if !changed {
            states.insert(lead_id, (state, ctx));
        }
    }
    Ok(fired)
}

/// Takes the notifications due for an attempt and leases them: `sending` until `now + lease`.
/// A row still `sending` after its lease belongs to a worker that died; it is taken again.
async fn claim_notifications(
    c: &mut dyn Conn,
    limit: i64,
    lease: jiff::SignedDuration,
    now: Timestamp,
) -> R<Vec<crate::records::OutboxRecord>> {
    let t = micros(now);
    let due = c
        .rows(
            // A message waits while an earlier one to the same recipient waits for a retry, so
            // that after an outage they arrive in the order they were written.
            "SELECT id FROM outbox o WHERE status IN ('queued', 'sending') AND next_attempt_at <= $1
               AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.channel = o.channel AND e.recipient_address = o.recipient_address
                               AND e.status = 'queued' AND e.attempts > 0 AND e.id < o.id AND e.next_attempt_at > $1)
             ORDER BY next_attempt_at, id LIMIT $2",
            params![t, limit],
        )
        .await
        .map_err(db)?;
    if due.is_empty() {
        return Ok(vec![]);
    }
    let list = (4..due.len() + 4).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let mut ps = vec![P::from(micros(now + lease)), P::from(t), P::from(t)];
    for r in &due {
        ps.push(P::from(r.i64("id")?));
    }
    // `next_attempt_at <= now` keeps a row another writer just leased out of this claim.
    let sql = format!(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = $1, updated_at = $2
         WHERE id IN ({list}) AND next_attempt_at <= $3 RETURNING {}",
        crate::queries::OUTBOX_COLUMNS
    );
    let mut out: Vec<_> = c.rows(&sql, ps).await.map_err(db)?.iter().map(crate::queries::outbox_record).collect::<Result<_, _>>()?;
    out.sort_by_key(|o| (o.created_at, o.id));
    // An in-app notification is delivered by being in the store: the centre shows it.
    let in_app: Vec<i64> = out.iter().filter(|o| o.channel == "in_app").map(|o| o.id).collect();
    if !in_app.is_empty() {
        let list = (2..in_app.len() + 2).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let mut ps = vec![P::from(t)];
        ps.extend(in_app.iter().map(|id| P::from(*id)));
        c.exec(&format!("UPDATE outbox SET status = 'delivered', updated_at = $1 WHERE id IN ({list})"), ps).await.map_err(db)?;
        for o in out.iter_mut().filter(|o| o.channel == "in_app") {
            o.status = "delivered".into();
        }
    }
    Ok(out)
}

async fn record_delivery(c: &mut dyn Conn, pending: &mut Pending, id: i64, d: &crate::records::Delivery, now: Timestamp) -> R<()> {
    use crate::records::Delivery;
    let t = micros(now);
    let row = c
        .row("SELECT lead_id, channel, recipient_user, recipient_address, kind, attempts FROM outbox WHERE id = $1", params![id])
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)?;
    let channel = row.str("channel")?;
    let address = row.opt_str("recipient_address")?;
    let (event, data) = match d {
        Delivery::Done { status, provider_id } => {
            c.exec(
                "UPDATE outbox SET status = $1, provider_id = $2, last_error = NULL, updated_at = $3 WHERE id = $4",
                params![*status, provider_id.clone(), t, id],
            )
            .await
            .map_err(db)?;
            // The provider answers again: what waits for a retry on this channel (for a
            // webhook, at this address) goes now, oldest first, instead of after its backoff.
            let same = if channel == "webhook" { "AND recipient_address = $4" } else { "" };
            let mut ps = params![t, channel.as_str(), t];
            if channel == "webhook" {
                ps.push(address.clone().into());
            }
            c.exec(
                &format!(
                    "UPDATE outbox SET next_attempt_at = $1 WHERE channel = $2 AND status = 'queued' AND attempts > 0 AND next_attempt_at > $3 {same}"
                ),
                ps,
            )
            .await
            .map_err(db)?;
            (if *status == "delivered" { "notification.delivered" } else { "notification.sent" }, json!({ "provider_id": provider_id }))
        }
        Delivery::Postponed { retry_at } => {
            c.exec(
                "UPDATE outbox SET status = 'queued', attempts = attempts - 1, next_attempt_at = $1, updated_at = $2 WHERE id = $3",
                params![micros(*retry_at), t, id],
            )
            .await
            .map_err(db)?;
            return Ok(());
        }
        Delivery::Failed { error, retry_at: Some(at) } => {
            // Never before an earlier message to the same recipient that also waits.
            let earlier = c
                .row(
                    "SELECT MAX(next_attempt_at) AS at FROM outbox WHERE channel = $1 AND recipient_address = $2
                       AND status = 'queued' AND attempts > 0 AND id < $3",
                    params![channel.as_str(), address.clone(), id],
                )
                .await
                .map_err(db)?
                .and_then(|r| r.opt_i64("at").ok().flatten());
            let at = earlier.map_or(micros(*at), |e| e.max(micros(*at)));
            c.exec(
                "UPDATE outbox SET status = 'queued', last_error = $1, next_attempt_at = $2, updated_at = $3 WHERE id = $4",
                params![error.as_str(), at, t, id],
            )
            .await
            .map_err(db)?;
            ("notification.retrying", json!({ "error": error, "retry_at": at.to_string() }))
        }
        Delivery::Failed { error, retry_at: None } => {
            c.exec("UPDATE outbox SET status = 'failed', last_error = $1, updated_at = $2 WHERE id = $3", params![error.as_str(), t, id])
                .await
                .map_err(db)?;
            ("notification.failed", json!({ "error": error }))
        }
    };
    let mut data = data;
    if let Value::Object(m) = &mut data {
        m.insert("notification_id".into(), json!(id));
        m.insert("channel".into(), json!(channel));
        m.insert("template".into(), json!(row.str("kind")?));
        m.insert("user".into(), json!(row.opt_i64("recipient_user")?));
        m.insert("attempt".into(), json!(row.i64("attempts")?));
    }
    effects::strip_nulls(&mut data);
    let fx = Effects { events: vec![effects::Event { kind: event, data }], ..Default::default() };
    write_effects(pending, &fx, row.opt_i64("lead_id")?, None, None, now);
    Ok(())
}

async fn retry_notification(c: &mut dyn Conn, pending: &mut Pending, id: i64, actor: Option<i64>, now: Timestamp) -> R<()> {
    let row =
        c.row("SELECT lead_id, status, channel FROM outbox WHERE id = $1", params![id]).await.map_err(db)?.ok_or(StoreError::NotFound)?;
    if row.str("status")? != "failed" {
        return Err(StoreError::Conflict(format!("notification {id} is {}; only a failed one is retried by hand", row.str("status")?)));
    }
    let t = micros(now);
    c.exec("UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = $1, updated_at = $1 WHERE id = $2", params![t, id])
        .await
        .map_err(db)?;
    let fx = Effects {
        events: vec![effects::Event {
            kind: "notification.requeued",
            data: json!({ "notification_id": id, "channel": row.str("channel")? }),
        }],
        ..Default::default()
    };
    write_effects(pending, &fx, row.opt_i64("lead_id")?, None, actor, now);
    Ok(())
}

async fn mark_read(c: &mut dyn Conn, user: i64, ids: &[i64], now: Timestamp) -> R<i64> {
    let t = micros(now);
    if ids.is_empty() {
        let n = c
            .exec("UPDATE outbox SET read_at = $1 WHERE recipient_user = $2 AND channel = 'in_app' AND read_at IS NULL", params![t, user])
            .await
            .map_err(db)?;
        return Ok(n as i64);
    }
    let mut n = 0;
    for id in ids {
        n += c
            .exec(
                "UPDATE outbox SET read_at = $1 WHERE id = $2 AND recipient_user = $3 AND channel = 'in_app' AND read_at IS NULL",
                params![t, *id, user],
            )
            .await
            .map_err(db)?;
    }
    Ok(n as i64)
}

async fn user_exists(c: &mut dyn Conn, id: i64) -> R<bool> {
    Ok(c.row("SELECT id FROM users WHERE id = $1 AND active = $2", params![id, true]).await.map_err(db)?.is_some())
}

pub(crate) async fn create_lead(
    c: &mut dyn Conn,
    pending: &mut Pending,
    lead: &NewLead,
    entered_by: Option<i64>,
    idem: Option<&IdempotencyKey>,
    now: Timestamp,
) -> R<LeadCreated> {
    if let Some(k) = idem {
        let found = c
            .row(
                "SELECT i.fingerprint, i.lead_id, l.contact_id FROM idempotency i JOIN leads l ON l.id = i.lead_id WHERE i.scope = $1 AND i.key = $2",
                params![k.scope.as_str(), k.key.as_str()],
            )
            .await
            .map_err(db)?;
        if let Some(row) = found {
            if row.str("fingerprint")? != k.fingerprint {
                return Err(StoreError::Conflict("this Idempotency-Key was already used with a different request".into()));
            }
            return Ok(LeadCreated { id: row.i64("lead_id")?, created: false, contact_id: row.i64("contact_id")?, contact_is_new: false });
        }
    }
    if let Some(owner) = lead.owner
        && !user_exists(c, owner).await?
    {
        return Err(StoreError::Invalid(FieldErrors::single("owner", format!("there is no active user {owner}"))));
    }
    let playbook = lead.playbook.as_ref().map(|p| p.as_str().to_owned()).unwrap_or_else(|| pending.playbooks.default_name());
    let Some((version, pb)) = pending.playbooks.current(&playbook) else {
        return Err(StoreError::Invalid(FieldErrors::single(
            "playbook",
            format!("there is no playbook `{playbook}`; loaded: {}", pending.playbooks.names().join(", ")),
        )));
    };
    let t = micros(now);
    let ct = &lead.contact;

    // The company: the same registration number is the same company; a name alone never is.
    let mut company_id: Option<i64> = None;
    if let Some(reg) = &ct.company_id {
        if let Some(row) = c.row("SELECT id, name FROM companies WHERE company_id = $1", params![reg.as_str()]).await.map_err(db)? {
            let id = row.i64("id")?;
            if row.opt_str("name")?.is_none() && ct.company.is_some() {
                c.exec("UPDATE companies SET name = $1 WHERE id = $2", params![ct.company.as_ref().map(|n| n.as_str()), id])
                    .await
                    .map_err(db)?;
            }
            company_id = Some(id);
        } else {
            let new_id = c
                .insert_id(
                    "INSERT INTO companies (name, company_id, created_at) VALUES ($1, $2, $3)",
                    params![ct.company.as_ref().map(|n| n.as_str()), reg.as_str(), t],
                )
                .await
                .map_err(db)?;
            company_id = Some(new_id);
        }
    }

    // The contact: the same phone or e-mail is the same person; a name alone never is.
    let mut identities: Vec<(&str, &str)> = Vec::with_capacity(2);
    if let Some(p) = &ct.phone {
        identities.push(("phone", p.as_str()));
    }
    if let Some(e) = &ct.email {
        identities.push(("email", e.as_str()));
    }
    let mut matched: Option<i64> = None;
    let mut other_match: Option<i64> = None;
    if !identities.is_empty() {
        // One look-up for both identities; the phone, listed first, decides when they disagree.
        let mut ps: Vec<P> = Vec::with_capacity(4);
        let mut conds = Vec::with_capacity(2);
        for (kind, value) in &identities {
            ps.push(P::from(*kind));
            ps.push(P::from(*value));
            conds.push(format!("(kind = ${} AND value = ${})", ps.len() - 1, ps.len()));
        }
        let sql = format!("SELECT kind, contact_id FROM contact_identities WHERE {}", conds.join(" OR "));
        let mut found: Vec<(String, i64)> = Vec::with_capacity(2);
        for row in c.rows(&sql, ps).await.map_err(db)? {
            found.push((row.str("kind")?, row.i64("contact_id")?));
        }
        for (kind, _) in &identities {
            if let Some((_, id)) = found.iter().find(|(k, _)| k == kind) {
                match matched {
                    None => matched = Some(*id),
                    Some(m) if m != *id => other_match = Some(*id),
                    _ => {}
                }
            }
        }
    }
    // The contact as it stands after this lead (name, e-mail, phone): what the lead is listed
    // and searched by, here as in `refresh_search`.
    let (contact_id, contact_is_new, shown) = match matched {
        Some(id) => {
            let row = c
                .row("SELECT name, email, phone, company_id FROM contacts WHERE id = $1", params![id])
                .await
                .map_err(db)?
                .ok_or(StoreError::NotFound)?;
            // Fill what the contact lacks; never overwrite what a person entered before.
            let name = row.opt_str("name")?.or_else(|| ct.name.as_ref().map(|n| n.as_str().to_owned()));
            let email = row.opt_str("email")?.or_else(|| ct.email.as_ref().map(|e| e.as_str().to_owned()));
            let phone = row.opt_str("phone")?.or_else(|| ct.phone.as_ref().map(|p| p.as_str().to_owned()));
            let known_company = row.opt_i64("company_id")?;
            if company_id.is_none() {
                company_id = known_company;
            }
            // A returning customer naming their company for the first time: record it.
            if company_id.is_none()
                && let Some(name) = &ct.company
            {
                company_id = Some(
                    c.insert_id("INSERT INTO companies (name, created_at) VALUES ($1, $2)", params![name.as_str(), t]).await.map_err(db)?,
                );
            }
            c.exec(
                "UPDATE contacts SET name = $1, email = $2, phone = $3, company_id = $4 WHERE id = $5",
                params![name.clone(), email.clone(), phone.clone(), known_company.or(company_id), id],
            )
            .await
            .map_err(db)?;
            (id, false, [name, email, phone])
        }
        None => {
            if company_id.is_none()
                && let Some(name) = &ct.company
            {
                let new_id =
                    c.insert_id("INSERT INTO companies (name, created_at) VALUES ($1, $2)", params![name.as_str(), t]).await.map_err(db)?;
                company_id = Some(new_id);
            }
            let new_id = c
                .insert_id(
                    "INSERT INTO contacts (name, email, phone, company_id, created_at) VALUES ($1, $2, $3, $4, $5)",
                    params![
                        ct.name.as_ref().map(|n| n.as_str()),
                        ct.email.as_ref().map(|e| e.as_str()),
                        ct.phone.as_ref().map(|p| p.as_str()),
                        company_id,
                        t
                    ],
                )
                .await
                .map_err(db)?;
            let shown = [
                ct.name.as_ref().map(|n| n.as_str().to_owned()),
                ct.email.as_ref().map(|e| e.as_str().to_owned()),
                ct.phone.as_ref().map(|p| p.as_str().to_owned()),
            ];
            (new_id, true, shown)
        }
    };
    if !identities.is_empty() {
        // A new contact's identities must be new: a unique violation means another node just
        // created the same person, and the writer retries this command to find them.
        let mut ps: Vec<P> = Vec::with_capacity(6);
        let mut rows = Vec::with_capacity(2);
        for (kind, value) in &identities {
            ps.push(P::from(*kind));
            ps.push(P::from(*value));
            ps.push(P::from(contact_id));
            rows.push(format!("(${}, ${}, ${})", ps.len() - 2, ps.len() - 1, ps.len()));
        }
        let conflict = if contact_is_new { "" } else { " ON CONFLICT (kind, value) DO NOTHING" };
        let sql = format!("INSERT INTO contact_identities (kind, value, contact_id) VALUES {}{conflict}", rows.join(", "));
        c.exec(&sql, ps).await.map_err(db)?;
    }

    let company_name = match company_id {
        Some(id) => c.row("SELECT name, company_id FROM companies WHERE id = $1", params![id]).await.map_err(db)?.map(|r| {
            [r.opt_str("name").ok().flatten(), r.opt_str("company_id").ok().flatten()].into_iter().flatten().collect::<Vec<_>>().join(" ")
        }),
        None => None,
    };
    let s = |v: &Option<Line>| v.as_ref().map(|x| x.as_str().to_owned());
    let [shown_name, shown_email, shown_phone] = shown;
    let (shown_name_for_engine, shown_email_for_engine, shown_phone_for_engine) =
        (shown_name.clone(), shown_email.clone(), shown_phone.clone());
    let search_text = search::fold(
        &[
            shown_name,
            shown_email,
            shown_phone,
            company_name,
            s(&lead.subject),
            lead.message.as_ref().map(|m| m.as_str().to_owned()),
            lead.postal_code.as_ref().map(|p| p.as_str().to_owned()),
            s(&lead.product),
            s(&lead.source),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" "),
    );
    let extra = if lead.extra.is_empty() {
        None
    } else {
        Some(Value::Object(lead.extra.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect()).to_string())
    };
    let new_id = c
        .insert_id(
            "INSERT INTO leads (channel, stage, status, owner_id, contact_id, company_id, customer_type, subject, message,
                postal_code, product, language, source, playbook, received_at, entered_by, extra, search, created_at, updated_at,
                playbook_version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $20)",
            params![
                lead.channel.as_str(),
                pb.first_stage(),
                LeadStatus::Open.as_str(),
                lead.owner,
                contact_id,
                company_id,
                lead.customer_type.map(|c| c.as_str()),
                s(&lead.subject),
                lead.message.as_ref().map(|m| m.as_str()),
                lead.postal_code.as_ref().map(|p| p.as_str()),
                s(&lead.product),
                lead.language.as_ref().map(|l| l.as_str()),
                s(&lead.source),
                playbook.as_str(),
                micros(lead.received_at),
                entered_by,
                extra,
                search_text,
                t,
                version
            ],
        )
        .await
        .map_err(db)?;
    let lead_id = new_id;
    let tracking_token = crate::customer::insert_token(c, pending, lead_id, 0, now).await?;
    if let Some(at) = lead.answered_at {
        c.exec("UPDATE leads SET first_response_at = $1 WHERE id = $2", params![micros(at), lead_id]).await.map_err(db)?;
    }

    let mut data = json!({
        "channel": lead.channel.as_str(),
        "contact_id": contact_id,
        "contact_is_new": contact_is_new,
        "company_id": company_id,
        "source": s(&lead.source),
        "entered_by": entered_by,
        "received_at": lead.received_at.to_string(),
    });
    effects::strip_nulls(&mut data);
    let mut fx = Effects { events: vec![effects::Event { kind: "lead.received", data }], ..Default::default() };
    if let Some(owner) = lead.owner {
        fx.events.push(effects::Event { kind: "lead.assigned", data: json!({ "owner": owner, "reason": "given at intake" }) });
    }
    if let Some(other) = other_match {
        fx.events.push(effects::Event {
            kind: "contact.possible_duplicate",
            data: json!({ "contact_id": contact_id, "other_contact_id": other }),
        });
    }
    write_effects(pending, &fx, Some(lead_id), Some(contact_id), entered_by, now);

    // The playbook decides the rest: owner, tasks, alerts, SLAs, timers.
    let state = LeadState {
        id: lead_id,
        channel: lead.channel,
        stage: pb.first_stage().to_owned(),
        status: LeadStatus::Open,
        owner: lead.owner,
        entered_by,
        contact_name: shown_name_for_engine,
        contact_phone: shown_phone_for_engine,
        contact_email: shown_email_for_engine,
        customer_type: lead.customer_type,
        subject: s(&lead.subject),
        message: lead.message.as_ref().map(|m| m.as_str().to_owned()),
        postal_code: lead.postal_code.as_ref().map(|p| p.as_str().to_owned()),
        product: s(&lead.product),
        source: s(&lead.source),
        language: lead.language.as_ref().map(|l| l.as_str().to_owned()),
        received_at: lead.received_at,
        first_response_at: lead.answered_at,
        open_tasks: vec![],
        timers: vec![],
        tracking_token: Some(tracking_token),
    };
    let ctx = process::RunCtx { lead_id, contact_id, actor: entered_by, playbook: playbook.clone(), version };
    process::run(c, pending, &state, &ctx, Trigger::LeadReceived, "received", now).await?;

    if let Some(k) = idem {
        c.exec(
            "INSERT INTO idempotency (scope, key, fingerprint, lead_id, created_at) VALUES ($1, $2, $3, $4, $5)",
            params![k.scope.as_str(), k.key.as_str(), k.fingerprint.as_str(), lead_id, t],
        )
        .await
        .map_err(db)?;
    }
    Ok(LeadCreated { id: lead_id, created: true, contact_id, contact_is_new })
}

pub(crate) async fn patch_lead(
    c: &mut dyn Conn,
    pending: &mut Pending,
    id: i64,
    p: &LeadPatch,
    actor: Option<i64>,
    now: Timestamp,
) -> R<()> {
    let row = c
        .row(
            "SELECT stage, status, owner_id, customer_type, subject, message, postal_code, product, language, source, contact_id,
                    playbook, playbook_version
             FROM leads WHERE id = $1",
            params![id],
        )
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)?;
    let contact_id = row.i64("contact_id")?;
    if let Some(Some(owner)) = p.owner
        && !user_exists(c, owner).await?
    {
        return Err(StoreError::Invalid(FieldErrors::single("owner", format!("there is no active user {owner}"))));
    }
    let pb = process::playbook_of(pending, &row.str("playbook")?, row.i64("playbook_version")?)?;
    let stage_def = match &p.stage {
        Some(st) => Some(pb.stage(st).ok_or_else(|| {
            StoreError::Invalid(FieldErrors::single(
                "stage",
                format!("`{st}` is not a stage of the playbook `{}`: use one of {}", pb.name, pb.stage_ids().join(", ")),
            ))
        })?),
        None => None,
    };
    let current_status = LeadStatus::parse(&row.str("status")?).unwrap_or(LeadStatus::Open);
    let new_status = p.status.or_else(|| stage_def.and_then(|d| d.status)).unwrap_or(current_status);

    let mut changes: Vec<FieldChange> = Vec::new();
    let mut sets: Vec<String> = Vec::new();
    let mut values: Vec<P> = Vec::new();
    let mut set = |field: &'static str, from: Value, to: Value, param: P, changes: &mut Vec<FieldChange>| {
        if from != to {
            values.push(param);
            // The API's `owner` is the column `owner_id`; every other field is its column.
            let column = if field == "owner" { "owner_id" } else { field };
            sets.push(format!("{column} = ${}", values.len()));
            changes.push(FieldChange { field, from, to });
        }
    };
    let text = |col: &str| -> R<Value> { Ok(row.opt_str(col)?.map(Value::String).unwrap_or(Value::Null)) };
    if let Some(stage) = &p.stage {
        set("stage", text("stage")?, json!(stage), P::from(stage.as_str()), &mut changes);
    }
    set("status", text("status")?, json!(new_status.as_str()), P::from(new_status.as_str()), &mut changes);
    if let Some(owner) = p.owner {
        set("owner", json!(row.opt_i64("owner_id")?), json!(owner), P::from(owner), &mut changes);
    }
    macro_rules! field {
        ($name:ident) => {
            if let Some(v) = &p.$name {
                let to = v.as_ref().map(|x| x.as_str().to_owned());
                set(stringify!($name), text(stringify!($name))?, json!(to), P::from(to), &mut changes);
            }
        };
    }
    field!(customer_type);
    field!(subject);
    field!(message);
    field!(postal_code);
    field!(product);
    field!(language);
    field!(source);
    if changes.is_empty() {
        return Ok(());
    }
    if changes.iter().any(|ch| ch.field == "status") {
        // A closed lead's page expires some time after it closed; reopening stops that.
        values.push(if new_status == LeadStatus::Open { P::I64(None) } else { P::from(micros(now)) });
        sets.push(format!("closed_at = ${}", values.len()));
    }
    values.push(P::from(micros(now)));
    sets.push(format!("updated_at = ${}", values.len()));
    values.push(P::from(id));
    let sql = format!("UPDATE leads SET {} WHERE id = ${}", sets.join(", "), values.len());
    c.exec(&sql, values).await.map_err(db)?;
    if changes.iter().any(|ch| matches!(ch.field, "subject" | "message" | "postal_code" | "product" | "source")) {
        refresh_search(c, id).await?;
    }
    pending.seq += 1;
    let edit = format!("p{}.{}", micros(now), pending.seq);
    // A new owner by hand takes over the open tasks the previous owner held.
    if let Some(ch) = changes.iter().find(|ch| ch.field == "owner")
        && let (Some(from), Some(to)) = (ch.from.as_i64(), ch.to.as_i64())
    {
        let moved = c
            .rows("SELECT id FROM tasks WHERE lead_id = $1 AND status = 'open' AND assignee_id = $2", params![id, from])
            .await
            .map_err(db)?;
        for r in &moved {
            c.exec("UPDATE tasks SET assignee_id = $1 WHERE id = $2", params![to, r.i64("id")?]).await.map_err(db)?;
        }
        let n = moved.len() as i64;
        if n > 0 {
            process::adjust_open_tasks(c, pending, Some(from), -n).await?;
            process::adjust_open_tasks(c, pending, Some(to), n).await?;
        }
    }
    let fx = effects::lead_changed(id, &edit, &changes);
    write_effects(pending, &fx, Some(id), Some(contact_id), actor, now);
    // The playbook sees the stage entered first, then every other field that changed.
    let t = edit;
    let (mut state, mut ctx) = process::lead_state(c, pending, id).await?;
    ctx.actor = actor;
    if let Some(ch) = changes.iter().find(|ch| ch.field == "stage") {
        let trigger = Trigger::StageEntered { from: ch.from.as_str().map(str::to_owned) };
        process::run(c, pending, &state, &ctx, trigger, &format!("{t}-stage"), now).await?;
        (state, ctx) = process::lead_state(c, pending, id).await?;
        ctx.actor = actor;
    }
    for ch in changes.iter().filter(|ch| ch.field != "stage") {
        let trigger = Trigger::FieldChanged { field: ch.field.to_owned(), from: ch.from.clone(), to: ch.to.clone() };
        process::run(c, pending, &state, &ctx, trigger, &format!("{t}-{}", ch.field), now).await?;
        (state, ctx) = process::lead_state(c, pending, id).await?;
        ctx.actor = actor;
    }
    Ok(())
}

/// Recomputes a lead's folded search text from its current fields and contact.
async fn merge_contacts(c: &mut dyn Conn, pending: &mut Pending, keep: i64, other: i64, actor: Option<i64>, now: Timestamp) -> R<()> {
    if keep == other {
        return Err(StoreError::Invalid(FieldErrors::single("other", "a contact cannot be merged into itself")));
    }
    let get = "SELECT name, email, phone, company_id, merged_into FROM contacts WHERE id = $1";
    let k = c.row(get, params![keep]).await.map_err(db)?.ok_or(StoreError::NotFound)?;
    let o = c.row(get, params![other]).await.map_err(db)?.ok_or(StoreError::NotFound)?;
    if k.opt_i64("merged_into")?.is_some() || o.opt_i64("merged_into")?.is_some() {
        return Err(StoreError::Conflict("one of the contacts was merged already".into()));
    }
    // What the kept record lacks, the other gives; nothing it has is overwritten.
    let name = k.opt_str("name")?.or(o.opt_str("name")?);
    let email = k.opt_str("email")?.or(o.opt_str("email")?);
    let phone = k.opt_str("phone")?.or(o.opt_str("phone")?);
    let company = k.opt_i64("company_id")?.or(o.opt_i64("company_id")?);
    c.exec(
        "UPDATE contacts SET name = $1, email = $2, phone = $3, company_id = $4 WHERE id = $5",
        params![name, email, phone, company, keep],
    )
    .await
    .map_err(db)?;
    let leads: Vec<i64> = c
        .rows("SELECT id FROM leads WHERE contact_id = $1", params![other])
        .await
        .map_err(db)?
        .iter()
        .map(|r| r.i64("id").map_err(db))
        .collect::<R<_>>()?;
    for sql in [
        "UPDATE leads SET contact_id = $1 WHERE contact_id = $2",
        "UPDATE activities SET contact_id = $1 WHERE contact_id = $2",
        "UPDATE contact_identities SET contact_id = $1 WHERE contact_id = $2",
    ] {
        c.exec(sql, params![keep, other]).await.map_err(db)?;
    }
    c.exec("UPDATE contacts SET merged_into = $1 WHERE id = $2", params![keep, other]).await.map_err(db)?;
    let all: Vec<i64> = c
        .rows("SELECT id FROM leads WHERE contact_id = $1", params![keep])
        .await
        .map_err(db)?
        .iter()
        .map(|r| r.i64("id").map_err(db))
        .collect::<R<_>>()?;
    for l in &all {
        refresh_search(c, *l).await?;
    }
    let fx = Effects {
        events: vec![effects::Event { kind: "contact.merged", data: json!({ "kept": keep, "merged": other, "leads_moved": leads }) }],
        ..Default::default()
    };
    write_effects(pending, &fx, None, Some(keep), actor, now);
    Ok(())
}

async fn refresh_search(c: &mut dyn Conn, id: i64) -> R<()> {
    let row = c
        .row(
            "SELECT c.name, c.email, c.phone, co.name AS company, co.company_id AS reg, l.subject, l.message, l.postal_code, l.product, l.source
             FROM leads l JOIN contacts c ON c.id = l.contact_id LEFT JOIN companies co ON co.id = l.company_id WHERE l.id = $1",
            params![id],
        )
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)?;
    let mut parts = Vec::new();
    for col in ["name", "email", "phone", "company", "reg", "subject", "message", "postal_code", "product", "source"] {
        if let Some(v) = row.opt_str(col)? {
            parts.push(v);
        }
    }
    c.exec("UPDATE leads SET search = $1 WHERE id = $2", params![search::fold(&parts.join(" ")), id]).await.map_err(db)?;
    Ok(())
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
            .await
            .map_err(db)?;
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
    let row = c
        .row("SELECT contact_id, first_response_at, received_at FROM leads WHERE id = $1", params![lead_id])
        .await
        .map_err(db)?
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
        .await
        .map_err(db)?;
    let fx = effects::activity_logged(id, a, had_response);
    if a.is_response() && !had_response {
        // A response logged with a time before the lead arrived still counts from arrival.
        c.exec(
            "UPDATE leads SET first_response_at = $1, updated_at = $2 WHERE id = $3",
            params![micros(a.at).max(received_at), t, lead_id],
        )
        .await
        .map_err(db)?;
    } else {
        c.exec("UPDATE leads SET updated_at = $1 WHERE id = $2", params![t, lead_id]).await.map_err(db)?;
    }
    write_effects(pending, &fx, Some(lead_id), Some(contact_id), actor, now);
    let (state, mut ctx) = process::lead_state(c, pending, lead_id).await?;
    ctx.actor = actor;
    let trigger = Trigger::ActivityLogged {
        kind: a.kind.as_str().to_owned(),
        direction: a.direction.map(|d| d.as_str().to_owned()),
        outcome: a.outcome.map(|o| o.as_str().to_owned()),
        response: a.is_response(),
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
    let row = c
        .row("SELECT t.lead_id, t.kind, t.status, t.task FROM tasks t WHERE t.id = $1", params![id])
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)?;
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
    check_outcome(c, pending, id, outcome).await?;
    let done = mark_done(c, pending, id, outcome, note, actor, now).await?;
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

/// Refuses an outcome the task's definition does not know, naming the ones it does.
async fn check_outcome(c: &mut dyn Conn, pending: &Pending, id: i64, outcome: &str) -> R<()> {
    let row = c
        .row("SELECT t.task, l.playbook, l.playbook_version FROM tasks t JOIN leads l ON l.id = t.lead_id WHERE t.id = $1", params![id])
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)?;
    let pb = process::playbook_of(pending, &row.str("playbook")?, row.i64("playbook_version")?)?;
    let allowed: Vec<String> = match pb.tasks.get(&row.str("task")?) {
        Some(def) => def.outcomes.clone(),
        None => vec!["done".into()],
    };
    if !allowed.iter().any(|o| o == outcome) {
        return Err(StoreError::Invalid(FieldErrors::single(
            "outcome",
            format!("`{outcome}` is not an outcome of this task: use {}", allowed.join(", ")),
        )));
    }
    Ok(())
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
    let row = c
        .row("SELECT lead_id, task, assignee_id, attempt FROM tasks WHERE id = $1", params![id])
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)?;
    c.exec(
        "UPDATE tasks SET status = 'done', outcome = $1, note = $2, done_at = $3, done_by = $4 WHERE id = $5",
        params![outcome, note, micros(now), actor, id],
    )
    .await
    .map_err(db)?;
    process::adjust_open_tasks(c, pending, row.opt_i64("assignee_id")?, -1).await?;
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
    process::push_event(
        pending,
        &ctx,
        "task.completed",
        &json!({ "task_id": t.id, "task": t.task, "outcome": t.outcome, "note": t.note, "attempt": t.attempt }),
        now,
    );
    let trigger = Trigger::TaskCompleted { task_id: t.id, task: t.task, outcome: t.outcome, by: actor, attempt: t.attempt };
    process::run(c, pending, &state, &ctx, trigger, &format!("k{}", t.id), now).await.map(|_| ())
}

async fn set_presence(c: &mut dyn Conn, pending: &mut Pending, u: &UserPatch, actor: Option<i64>, now: Timestamp) -> R<()> {
    if !user_exists(c, u.id).await? {
        return Err(StoreError::NotFound);
    }
    let mut data = serde_json::Map::new();
    if let Some(p) = &u.presence {
        c.exec("UPDATE users SET presence = $1 WHERE id = $2", params![p.as_str(), u.id]).await.map_err(db)?;
        data.insert("presence".into(), json!(p.as_str()));
    }
    if let Some(h) = &u.hours {
        c.exec("UPDATE users SET hours = $1 WHERE id = $2", params![h.clone(), u.id]).await.map_err(db)?;
        data.insert("hours".into(), h.as_deref().and_then(|h| serde_json::from_str(h).ok()).unwrap_or(Value::Null));
    }
    for (field, value) in [("phone", &u.phone), ("email", &u.email), ("language", &u.language)] {
        if let Some(v) = value {
            c.exec(&format!("UPDATE users SET {field} = $1 WHERE id = $2"), params![v.clone(), u.id]).await.map_err(db)?;
            data.insert(field.into(), json!(v));
        }
    }
    pending.dir = None;
    data.insert("user_id".into(), json!(u.id));
    let fx = Effects { events: vec![effects::Event { kind: "user.updated", data: Value::Object(data) }], ..Default::default() };
    write_effects(pending, &fx, None, None, actor, now);
    Ok(())
}

async fn load_playbook(c: &mut dyn Conn, pending: &mut Pending, source: &str, actor: Option<i64>, now: Timestamp) -> R<(i64, bool)> {
    let pb = pronto_playbook::parse(source).map_err(|p| {
        StoreError::Invalid(FieldErrors(
            p.iter()
                .map(|p| {
                    let (l, col) = p.line_col(source);
                    pronto_domain::FieldError { field: format!("playbook:{l}:{col}"), message: p.message.clone() }
                })
                .collect(),
        ))
    })?;
    let latest = c
        .row("SELECT version, source FROM playbooks WHERE name = $1 ORDER BY version DESC LIMIT 1", params![pb.name.as_str()])
        .await
        .map_err(db)?;
    if let Some(r) = &latest
        && r.str("source")? == source
    {
        return Ok((r.i64("version")?, false));
    }
    let version = latest.map(|r| r.i64("version")).transpose()?.unwrap_or(0) + 1;
    c.exec(
        "INSERT INTO playbooks (name, version, source, loaded_at, loaded_by) VALUES ($1, $2, $3, $4, $5)",
        params![pb.name.as_str(), version, source, micros(now), actor],
    )
    .await
    .map_err(db)?;
    let fx = Effects {
        events: vec![effects::Event { kind: "playbook.loaded", data: json!({ "name": pb.name, "version": version }) }],
        ..Default::default()
    };
    write_effects(pending, &fx, None, None, actor, now);
    Ok((version, true))
}

async fn create_user(c: &mut dyn Conn, pending: &mut Pending, u: &NewUserRecord, now: Timestamp) -> R<i64> {
    if c.row("SELECT id FROM users WHERE login = $1", params![u.login.as_str()]).await.map_err(db)?.is_some() {
        return Err(StoreError::Conflict(format!("the login `{}` is taken", u.login.as_str())));
    }
    let id = c
        .insert_id(
            "INSERT INTO users (login, name, role, phone, email, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            params![
                u.login.as_str(),
                u.name.as_str(),
                u.role.as_str(),
                u.phone.as_ref().map(|p| p.as_str()),
                u.email.as_ref().map(|e| e.as_str()),
                u.password_hash.clone(),
                micros(now)
            ],
        )
        .await
        .map_err(db)?;
    pending.dir = None;
    let fx = Effects {
        events: vec![effects::Event {
            kind: "user.created",
            data: json!({ "user_id": id, "login": u.login.as_str(), "role": u.role.as_str() }),
        }],
        ..Default::default()
    };
    write_effects(pending, &fx, None, None, u.actor, now);
    Ok(id)
}

async fn create_token(
    c: &mut dyn Conn,
    pending: &mut Pending,
    user_id: i64,
    name: &str,
    hash: &str,
    expires_at: Option<Timestamp>,
    now: Timestamp,
) -> R<i64> {
    if !user_exists(c, user_id).await? {
        return Err(StoreError::NotFound);
    }
    let id = c
        .insert_id(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
            params![user_id, name, hash, micros(now), expires_at.map(micros)],
        )
        .await
        .map_err(db)?;
    let fx = Effects {
        events: vec![effects::Event {
            kind: "token.created",
            data: json!({ "user_id": user_id, "token_id": id, "name": name, "expires_at": expires_at.map(|t| t.to_string()) }),
        }],
        ..Default::default()
    };
    write_effects(pending, &fx, None, None, Some(user_id), now);
    Ok(id)
}

async fn ensure_admin(c: &mut dyn Conn, pending: &mut Pending, password_hash: &str, now: Timestamp) -> R<bool> {
    let n = c.row("SELECT COUNT(*) AS n FROM users", vec![]).await.map_err(db)?.map(|r| r.i64("n")).transpose()?.unwrap_or(0);
    if n > 0 {
        return Ok(false);
    }
    let admin = NewUserRecord {
        login: Login::parse("admin").expect("valid"),
        name: Line::parse("Administrator", 10_000).expect("valid"),
        role: Role::Admin,
        phone: None,
        email: None,
        password_hash: Some(password_hash.to_owned()),
        actor: None,
    };
    create_user(c, pending, &admin, now).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Dialect;
    use pronto_domain::lead::{ActivityDraft, ContactDraft, LeadDraft};
    use pronto_domain::values::Region;

    /// A lead created and answered in the same batch: its timer is written already cancelled,
    /// exactly as if the two commands had been committed one after the other.
    #[tokio::test]
    async fn a_timer_set_and_cancelled_in_one_batch_is_recorded_cancelled() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = crate::sqlite::connect(&dir.path().join("t.db")).unwrap();
        crate::migrate::run(&mut c, Dialect::Sqlite).await.unwrap();
        let now: Timestamp = "2026-03-02T09:00:00Z".parse().unwrap();
        let lead = LeadDraft {
            channel: Some("web".into()),
            contact: ContactDraft { phone: Some("777 123 456".into()), ..Default::default() },
            ..Default::default()
        }
        .parse(Region::default(), now)
        .unwrap();
        let call = ActivityDraft {
            kind: Some("call".into()),
            direction: Some("out".into()),
            outcome: Some("reached".into()),
            ..Default::default()
        }
        .parse(now)
        .unwrap();
        let playbooks = Playbooks::new();
        playbooks.insert(1, pronto_playbook::parse(pronto_playbook::builtin("agency").unwrap()).unwrap());
        playbooks.set_site_keys(crate::tracking::SiteKeys::new(&[3u8; 32]));
        let mut pending = Pending::new(playbooks);
        c.exec("BEGIN", vec![]).await.unwrap();
        let Outcome::Lead(created) =
            apply(&mut c, &mut pending, &Command::CreateLead { lead: Box::new(lead), entered_by: None, idem: None }, now).await.unwrap()
        else {
            panic!("not a lead")
        };
        apply(&mut c, &mut pending, &Command::LogActivity { lead_id: created.id, activity: Box::new(call), actor: None }, now)
            .await
            .unwrap();
        flush(&mut c, &mut pending).await.unwrap();
        c.exec("COMMIT", vec![]).await.unwrap();
        // The SLA's warning and breach were set, then made moot by the reached call: both
        // written, both cancelled. (Without users there is nobody to escalate to.)
        let rows = c.rows("SELECT kind, status, done_at FROM timers WHERE lead_id = $1 ORDER BY id", params![created.id]).await.unwrap();
        let kinds: Vec<String> = rows.iter().map(|r| r.str("kind").unwrap()).collect();
        assert_eq!(kinds, ["sla:first_response:warn", "sla:first_response:breach"]);
        for r in &rows {
            assert_eq!(r.str("status").unwrap(), "cancelled");
            assert_eq!(r.opt_i64("done_at").unwrap(), Some(micros(now)));
        }
        let kinds = c.rows("SELECT kind FROM events WHERE lead_id = $1 ORDER BY id", params![created.id]).await.unwrap();
        let kinds: Vec<String> = kinds.iter().map(|r| r.str("kind").unwrap()).collect();
        let at = |k: &str| kinds.iter().position(|x| x == k).unwrap_or_else(|| panic!("no {k} in {kinds:?}"));
        assert_eq!(at("lead.received"), 0, "events in the order decided: {kinds:?}");
        assert!(at("sla.started") < at("activity.logged"));
        assert!(at("activity.logged") < at("lead.first_response"));
        assert!(at("lead.first_response") < at("sla.met"));
    }
}
