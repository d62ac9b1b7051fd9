//! The customer's page on the storage side: the installation's secret, page tokens (made in
//! the lead's intake transaction, revoked by bumping a generation, expiring after the lead
//! closed), the page's read through the allow-list, and what customers do there — each one
//! transaction: an activity the playbook reacts to, plus its call-back task or sealed file.

use crate::engine::Conn;
use crate::records::{CustomerFileRecord, TrackingRecord};
use crate::tracking::{SiteKeys, token_hash};
use crate::tx::{Command, Pending};
use crate::write::work::record_activity;
use crate::{StoreError, from_micros, micros, params};
use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use pronto_domain::event::DomainEvent;
use pronto_domain::lead::{ActivityKind, Direction, MESSAGE_MAX, NewActivity};
use pronto_domain::tracking::{CUSTOMER_EVENT_KINDS, first_name, happened};
use pronto_domain::user::Role;
use pronto_domain::values::Text;
use serde_json::Value;

type R<T> = Result<T, StoreError>;

/// The `site_keys` row that holds the installation's secret.
const SECRET: &str = "site";
/// The `site_keys` row that says every lead from before the tokens has one.
const BACKFILLED: &str = "tracking-backfilled";

/// Keeps the installation's secret (`candidate` unless one exists); answers the one in force.
pub(crate) struct EnsureSecret {
    pub candidate: String,
}

#[async_trait]
impl Command for EnsureSecret {
    type Output = String;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<String> {
        let _ = pending;
        ensure_secret(c, &self.candidate, now).await
    }
}

/// Gives up to `limit` leads from before the customer's page their page token.
pub(crate) struct BackfillTokens {
    pub limit: i64,
}

#[async_trait]
impl Command for BackfillTokens {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        backfill_tokens(c, pending, self.limit, now).await
    }
}

/// Ends a lead's page link and makes a new one.
pub(crate) struct RevokeTracking {
    pub lead_id: i64,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for RevokeTracking {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        revoke(c, pending, self.lead_id, self.actor, now).await
    }
}

/// Something the customer did on their page.
pub(crate) struct CustomerAct {
    pub lead_id: i64,
    pub act: Act,
}

#[async_trait]
impl Command for CustomerAct {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        act(c, pending, self.lead_id, &self.act, now).await
    }
}

/// Stores `candidate` as the installation's secret unless one exists; returns the one in force.
pub(crate) async fn ensure_secret(c: &mut dyn Conn, candidate: &str, now: Timestamp) -> R<String> {
    c.exec(
        "INSERT INTO site_keys (name, secret, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
        params![SECRET, candidate, micros(now)],
    )
    .await?;
    let row = c.row("SELECT secret FROM site_keys WHERE name = $1", params![SECRET]).await?.ok_or(StoreError::NotFound)?;
    Ok(row.str("secret")?)
}

fn keys(pending: &Pending) -> R<std::sync::Arc<SiteKeys>> {
    pending.playbooks.site_keys().ok_or_else(|| StoreError::Internal("the installation's keys are not loaded yet".into()))
}

/// Stores the hash of the lead's page token for `generation`; returns the token.
pub(crate) async fn insert_token(c: &mut dyn Conn, pending: &Pending, lead_id: i64, generation: i64, now: Timestamp) -> R<String> {
    let token = keys(pending)?.token(lead_id, generation);
    let hash = token_hash(&token);
    c.exec(
        "INSERT INTO tracking_tokens (hash, lead_id, generation, created_at) VALUES ($1, $2, $3, $4)",
        params![hash, lead_id, generation, micros(now)],
    )
    .await?;
    Ok(token)
}

/// Gives up to `limit` leads from before the customer's page their token; returns how many,
/// and marks the work finished when none was left.
pub(crate) async fn backfill_tokens(c: &mut dyn Conn, pending: &Pending, limit: i64, now: Timestamp) -> R<i64> {
    if c.row("SELECT name FROM site_keys WHERE name = $1", params![BACKFILLED]).await?.is_some() {
        return Ok(0);
    }
    let rows = c
        .rows(
            "SELECT l.id, l.tracking_gen FROM leads l
             WHERE NOT EXISTS (SELECT 1 FROM tracking_tokens t WHERE t.lead_id = l.id) ORDER BY l.id LIMIT $1",
            params![limit],
        )
        .await?;
    for r in &rows {
        insert_token(c, pending, r.i64("id")?, r.i64("tracking_gen")?, now).await?;
    }
    if (rows.len() as i64) < limit {
        c.exec(
            "INSERT INTO site_keys (name, secret, created_at) VALUES ($1, '', $2) ON CONFLICT (name) DO NOTHING",
            params![BACKFILLED, micros(now)],
        )
        .await?;
    }
    Ok(rows.len() as i64)
}

/// Ends the lead's current page link and makes a new one; returns the new generation.
pub(crate) async fn revoke(c: &mut dyn Conn, pending: &mut Pending, lead_id: i64, actor: Option<i64>, now: Timestamp) -> R<i64> {
    let row = c.row("SELECT tracking_gen, contact_id FROM leads WHERE id = $1", params![lead_id]).await?.ok_or(StoreError::NotFound)?;
    let generation = row.i64("tracking_gen")? + 1;
    let t = micros(now);
    c.exec("UPDATE tracking_tokens SET revoked_at = $1 WHERE lead_id = $2 AND revoked_at IS NULL", params![t, lead_id]).await?;
    c.exec("UPDATE leads SET tracking_gen = $1, updated_at = $2 WHERE id = $3", params![generation, t, lead_id]).await?;
    insert_token(c, pending, lead_id, generation, now).await?;
    pending.record(DomainEvent::TrackingRevoked { generation }, Some(lead_id), Some(row.i64("contact_id")?), actor, now);
    Ok(generation)
}

/// A document already checked and sealed by the caller.
#[derive(Debug, Clone)]
pub(crate) struct SealedFile {
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    /// `nonce ‖ ciphertext`, base64.
    pub sealed: String,
}

/// What the customer did, ready to store.
#[derive(Debug, Clone)]
pub(crate) enum Act {
    Message { text: String },
    Callback { at: Timestamp, note: Option<String> },
    Document(SealedFile),
}

/// Records what the customer did on their page: the activity (which runs the playbook's
/// `activity.logged` rules — the owner's alerts), and the call-back task or the sealed file.
/// Returns the activity's id.
pub(crate) async fn act(c: &mut dyn Conn, pending: &mut Pending, lead_id: i64, act: &Act, now: Timestamp) -> R<i64> {
    let row =
        c.row("SELECT contact_id, owner_id, playbook FROM leads WHERE id = $1", params![lead_id]).await?.ok_or(StoreError::NotFound)?;
    let contact_id = row.i64("contact_id")?;
    let owner = row.opt_i64("owner_id")?;
    let text = |s: &str| Text::parse(s, MESSAGE_MAX).ok();
    let t = micros(now);
    let mut events = Vec::new();
    let mut file_id = None;
    let (kind, body) = match act {
        Act::Message { text: m } => (ActivityKind::Message, text(m)),
        Act::Callback { at, note } => {
            let zone = pending.playbooks.current(&row.str("playbook")?).map(|(_, pb)| pb.calendar.time_zone().clone());
            let local = zone.map(|z| at.to_zoned(z).strftime("%a %d %b %H:%M").to_string()).unwrap_or_else(|| at.to_string());
            let title = format!("Call back at {local}: the customer asked on their page");
            let task_id = c
                .insert_id(
                    "INSERT INTO tasks (lead_id, task, title, kind, role, assignee_id, priority, due_at, script, attempt, status, created_at)
                     VALUES ($1, 'customer_callback', $2, 'todo', NULL, $3, 'high', $4, $5, 1, 'open', $6)",
                    params![lead_id, title.as_str(), owner, micros(*at), note.clone(), t],
                )
                .await?;
            crate::process::adjust_open_tasks(pending, owner, 1).await?;
            events.push(DomainEvent::task_for_customer(task_id, &title, owner, *at));
            events.push(DomainEvent::CustomerCallback { at: *at, task_id });
            (ActivityKind::Callback, note.as_deref().and_then(text))
        }
        Act::Document(f) => {
            let id = c
                .insert_id(
                    "INSERT INTO customer_files (lead_id, filename, content_type, size, sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                    params![lead_id, f.filename.as_str(), f.content_type.as_str(), f.size, f.sha256.as_str(), t],
                )
                .await?;
            c.exec("INSERT INTO customer_file_data (file_id, sealed) VALUES ($1, $2)", params![id, f.sealed.as_str()]).await?;
            file_id = Some(id);
            events.push(DomainEvent::CustomerDocument {
                file_id: id,
                filename: f.filename.clone(),
                content_type: f.content_type.clone(),
                size: f.size,
            });
            (ActivityKind::Document, text(&f.filename))
        }
    };
    for e in events {
        pending.record(e, Some(lead_id), Some(contact_id), None, now);
    }
    let a = NewActivity { kind, direction: Some(Direction::In), outcome: None, body, at: now };
    let id = record_activity(c, pending, lead_id, &a, None, now).await?;
    if let Some(f) = file_id {
        c.exec("UPDATE customer_files SET activity_id = $1 WHERE id = $2", params![id, f]).await?;
    }
    tell_the_team(c, pending, lead_id, contact_id, kind, id, now).await?;
    Ok(id)
}

/// What the customer sent always reaches someone in the app (the notification centre keeps it
/// until the team answers): when the playbook's rules told nobody in the app — the lead has no
/// owner, or its playbook has no such rule — the owner is told, or else the managers and
/// admins.
async fn tell_the_team(
    c: &mut dyn Conn,
    pending: &mut Pending,
    lead_id: i64,
    contact_id: i64,
    kind: ActivityKind,
    activity_id: i64,
    now: Timestamp,
) -> R<()> {
    let template = match kind {
        ActivityKind::Message => "customer_message",
        ActivityKind::Callback => "customer_callback",
        _ => "customer_document",
    };
    let told = pending.outbox.iter().any(|o| o.lead_id == Some(lead_id) && o.channel == "in_app" && o.kind == template);
    if told {
        return Ok(());
    }
    let owner = c.row("SELECT owner_id FROM leads WHERE id = $1", params![lead_id]).await?.and_then(|r| r.opt_i64("owner_id").ok().flatten());
    let to: Vec<i64> = match owner {
        Some(u) => vec![u],
        None => c
            .rows(
                "SELECT id FROM users WHERE active = $1 AND role IN ('manager', 'admin') ORDER BY CASE WHEN role = 'manager' THEN 0 ELSE 1 END, id",
                params![true],
            )
            .await?
            .iter()
            .map(|r| r.i64("id"))
            .collect::<Result<_, _>>()?,
    };
    let name = c
        .row("SELECT name FROM contacts WHERE id = $1", params![contact_id])
        .await?
        .and_then(|r| r.opt_str("name").ok().flatten())
        .unwrap_or_else(|| format!("The customer of lead {lead_id}"));
    let text = match kind {
        ActivityKind::Message => format!("{name} wrote on their page — read it and answer. Lead {lead_id}"),
        ActivityKind::Callback => format!("{name} asked on their page to be called back — see the task. Lead {lead_id}"),
        _ => format!("{name} sent a document on their page. Lead {lead_id}"),
    };
    for u in to {
        pending.outbox.push(crate::tx::OutboxRow {
            created_at: now,
            lead_id: Some(lead_id),
            channel: "in_app".into(),
            recipient_user: Some(u),
            recipient_role: None,
            recipient_address: None,
            kind: template.into(),
            idempotency_key: format!("customer/{activity_id}/{u}"),
            payload: serde_json::json!({ "lead_id": lead_id, "template": template, "text": text, "urgent": false }),
            next_attempt_at: now,
        });
        let e = DomainEvent::NotificationQueued { channel: "in_app".into(), user: Some(u), template: template.into(), urgent: false };
        pending.record(e, Some(lead_id), Some(contact_id), None, now);
    }
    Ok(())
}

/// The page of the lead whose token hashes to `hash`: `NotFound` for an unknown, revoked or
/// expired token alike, after the same one indexed read.
pub(crate) async fn page(c: &mut dyn Conn, hash: &str, keep: SignedDuration, now: Timestamp) -> R<TrackingRecord> {
    let found = c
        .row(
            "SELECT t.lead_id, t.revoked_at, l.status, l.closed_at FROM tracking_tokens t JOIN leads l ON l.id = t.lead_id WHERE t.hash = $1",
            params![hash],
        )
        .await?;
    let Some(found) = found else { return Err(StoreError::NotFound) };
    let expired = found.str("status")? != "open" && found.opt_i64("closed_at")?.is_some_and(|at| from_micros(at) + keep < now);
    if found.opt_i64("revoked_at")?.is_some() || expired {
        return Err(StoreError::NotFound);
    }
    let lead_id = found.i64("lead_id")?;
    let l = c
        .row(
            "SELECT l.stage, l.status, l.playbook, l.playbook_version, l.language, l.channel, l.received_at,
                    c.name AS contact_name, o.name AS owner_name, o.role AS owner_role
             FROM leads l JOIN contacts c ON c.id = l.contact_id LEFT JOIN users o ON o.id = l.owner_id WHERE l.id = $1",
            params![lead_id],
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let kinds = CUSTOMER_EVENT_KINDS.iter().enumerate().map(|(i, _)| format!("${}", i + 2)).collect::<Vec<_>>().join(", ");
    let mut ps = params![lead_id];
    ps.extend(CUSTOMER_EVENT_KINDS.iter().map(|k| crate::engine::P::from(*k)));
    let rows = c
        .rows(
            &format!(
                "SELECT e.kind, e.data, e.at, u.role FROM events e LEFT JOIN users u ON u.id = e.actor_id
                 WHERE e.lead_id = $1 AND e.kind IN ({kinds}) ORDER BY e.id"
            ),
            ps,
        )
        .await?;
    let stage = l.str("stage")?;
    let received_at = from_micros(l.i64("received_at")?);
    let mut stage_entered_at = received_at;
    let mut reached = Vec::new();
    let mut history = Vec::new();
    for r in &rows {
        let kind = r.str("kind")?;
        let data: Value = serde_json::from_str(&r.str("data")?).unwrap_or(Value::Null);
        let at = from_micros(r.i64("at")?);
        let role = r.opt_str("role")?.and_then(|s| Role::parse(&s).ok());
        let Some(event) = DomainEvent::from_row(&kind, &data) else { continue };
        if let DomainEvent::LeadStageChanged { to, .. } = &event {
            reached.push(to.clone());
            if *to == stage {
                stage_entered_at = at;
            }
        }
        if let Some(h) = happened(&event, role) {
            history.push((at, h));
        }
    }
    Ok(TrackingRecord {
        lead_id,
        stage,
        status: l.str("status")?,
        playbook: l.str("playbook")?,
        playbook_version: l.i64("playbook_version")?,
        language: l.opt_str("language")?,
        channel: l.str("channel")?,
        received_at,
        stage_entered_at,
        reached,
        contact_name: l.opt_str("contact_name")?,
        owner_first_name: l.opt_str("owner_name")?.map(|n| first_name(&n).to_owned()).filter(|n| !n.is_empty()),
        owner_role: l.opt_str("owner_role")?,
        history,
    })
}

fn file_record(r: &crate::engine::Row) -> R<CustomerFileRecord> {
    Ok(CustomerFileRecord {
        id: r.i64("id")?,
        lead_id: r.i64("lead_id")?,
        filename: r.str("filename")?,
        content_type: r.str("content_type")?,
        size: r.i64("size")?,
        sha256: r.str("sha256")?,
        created_at: from_micros(r.i64("created_at")?),
    })
}

const FILE_COLUMNS: &str = "f.id, f.lead_id, f.filename, f.content_type, f.size, f.sha256, f.created_at";

/// The documents customers sent for a lead, oldest first.
pub(crate) async fn files(c: &mut dyn Conn, lead_id: i64) -> R<Vec<CustomerFileRecord>> {
    let rows = c.rows(&format!("SELECT {FILE_COLUMNS} FROM customer_files f WHERE f.lead_id = $1 ORDER BY f.id"), params![lead_id]).await?;
    rows.iter().map(file_record).collect()
}

/// One document, without its bytes.
pub(crate) async fn file_info(c: &mut dyn Conn, id: i64) -> R<CustomerFileRecord> {
    let r =
        c.row(&format!("SELECT {FILE_COLUMNS} FROM customer_files f WHERE f.id = $1"), params![id]).await?.ok_or(StoreError::NotFound)?;
    file_record(&r)
}

/// One document with its sealed bytes (base64).
pub(crate) async fn file(c: &mut dyn Conn, id: i64) -> R<(CustomerFileRecord, String)> {
    let r = c
        .row(
            &format!("SELECT {FILE_COLUMNS}, d.sealed FROM customer_files f JOIN customer_file_data d ON d.file_id = f.id WHERE f.id = $1"),
            params![id],
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok((file_record(&r)?, r.str("sealed")?))
}
