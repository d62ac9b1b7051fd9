//! The installation's configuration as writes: playbook versions, the company's texts for
//! templates, and the audit log.

use crate::engine::Conn;
use crate::records::AuditEntry;
use crate::tx::{Command, Pending};
use crate::{StoreError, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::FieldErrors;
use pronto_domain::event::DomainEvent;

type R<T> = crate::Result<T>;

pub(crate) struct LoadPlaybook {
    pub source: String,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for LoadPlaybook {
    type Output = (i64, bool);
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<(i64, bool)> {
        load_playbook(c, pending, &self.source, self.actor, now).await
    }
}

/// Appends a row to the audit log.
pub(crate) struct AppendAudit {
    pub entry: AuditEntry,
}

#[async_trait]
impl Command for AppendAudit {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        let _ = pending;
        crate::audit::append(c, &self.entry, now).await
    }
}

/// Stores (or, with `remove`, removes) the company's text for a template in a language.
pub(crate) struct SetMessage {
    pub message: pronto_playbook::messages::Override,
    pub remove: bool,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for SetMessage {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        let Self { message: m, remove, actor } = self;
        let n = c
            .exec(
                "DELETE FROM message_overrides WHERE playbook = $1 AND template = $2 AND language = $3",
                params![m.playbook.as_str(), m.template.as_str(), m.language.as_str()],
            )
            .await?;
        if *remove && n == 0 {
            return Err(StoreError::NotFound);
        }
        if !*remove {
            c.exec(
                "INSERT INTO message_overrides (playbook, template, language, text, subject, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                params![m.playbook.as_str(), m.template.as_str(), m.language.as_str(), m.text.as_str(), m.subject.clone(), micros(now), *actor],
            )
            .await?;
        }
        pending.record(DomainEvent::message_set(*remove, &m.playbook, &m.template, &m.language), None, None, *actor, now);
        Ok(())
    }
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
    let latest =
        c.row("SELECT version, source FROM playbooks WHERE name = $1 ORDER BY version DESC LIMIT 1", params![pb.name.as_str()]).await?;
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
    .await?;
    pending.record(DomainEvent::PlaybookLoaded { name: pb.name.clone(), version }, None, None, actor, now);
    Ok((version, true))
}
