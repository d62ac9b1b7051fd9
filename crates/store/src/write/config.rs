//! The installation's configuration as writes: playbook versions, the company's texts for
//! templates, and the audit log.

use crate::engine::Conn;
use crate::records::{AuditEntry, PlaybookLoaded, PlaybookSource};
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
    pub how: PlaybookSource,
}

#[async_trait]
impl Command for LoadPlaybook {
    type Output = PlaybookLoaded;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<PlaybookLoaded> {
        load_playbook(c, pending, &self.source, self.actor, self.how, now).await
    }
}

/// Which version a text loaded as `how` is among the stored versions of its name (`(version,
/// text)`, any order): an existing one (`false`) or the next one (`true`). An admin's text is
/// the newest version when it has that text (a load that changes nothing), else the next; a
/// file's is the newest version with its text, whichever, so restarting with the file never
/// stores its text again over a version loaded since.
pub(crate) fn version_for(stored: &[(i64, &str)], text: &str, how: PlaybookSource) -> (i64, bool) {
    let newest = stored.iter().map(|(v, _)| *v).max().unwrap_or(0);
    let same = stored.iter().filter(|(v, s)| *s == text && (how == PlaybookSource::File || *v == newest)).map(|(v, _)| *v).max();
    match same {
        Some(v) => (v, false),
        None => (newest + 1, true),
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
        crate::shared::bump(c, crate::shared::Config::Messages).await?;
        Ok(())
    }
}

async fn load_playbook(
    c: &mut dyn Conn,
    pending: &mut Pending,
    source: &str,
    actor: Option<i64>,
    how: PlaybookSource,
    now: Timestamp,
) -> R<PlaybookLoaded> {
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
    let rows = c
        .rows(
            "SELECT p.version, p.source, p.loaded_at, u.name AS loaded_by FROM playbooks p LEFT JOIN users u ON u.id = p.loaded_by
             WHERE p.name = $1 ORDER BY p.version",
            params![pb.name.as_str()],
        )
        .await?;
    let mut stored = Vec::with_capacity(rows.len());
    for r in &rows {
        stored.push((r.i64("version")?, r.str("source")?));
    }
    let texts: Vec<(i64, &str)> = stored.iter().map(|(v, s)| (*v, s.as_str())).collect();
    let (version, new) = version_for(&texts, source, how);
    if !new {
        let newest = rows.last().ok_or_else(|| StoreError::Internal("a stored version without a row".into()))?;
        return Ok(PlaybookLoaded {
            name: pb.name,
            version,
            new,
            current: newest.i64("version")?,
            current_loaded_at: crate::from_micros(newest.i64("loaded_at")?),
            current_loaded_by: newest.opt_str("loaded_by")?,
        });
    }
    c.exec(
        "INSERT INTO playbooks (name, version, source, loaded_at, loaded_by) VALUES ($1, $2, $3, $4, $5)",
        params![pb.name.as_str(), version, source, micros(now), actor],
    )
    .await?;
    let by = match actor {
        Some(id) => c.row("SELECT name FROM users WHERE id = $1", params![id]).await?.map(|r| r.str("name")).transpose()?,
        None => None,
    };
    pending.record(DomainEvent::PlaybookLoaded { name: pb.name.clone(), version }, None, None, actor, now);
    Ok(PlaybookLoaded { name: pb.name, version, new, current: version, current_loaded_at: now, current_loaded_by: by })
}

#[cfg(test)]
mod tests {
    use super::version_for;
    use crate::records::PlaybookSource::{Admin, File};

    /// v1 the file's text, v2 an admin's, v3 the file's text again (an admin went back to it).
    #[test]
    fn which_version_a_text_is() {
        let stored = [(1, "file"), (2, "api"), (3, "file")];
        let cases: &[(&[(i64, &str)], &str, _, (i64, bool))] = &[
            // Nothing stored: the first version.
            (&[], "file", File, (1, true)),
            (&[], "file", Admin, (1, true)),
            // The newest has the text: nothing new either way.
            (&stored, "file", File, (3, false)),
            (&stored, "file", Admin, (3, false)),
            // An older version has the text: the file is that version; an admin's load makes
            // it current again as the next version.
            (&stored, "api", File, (2, false)),
            (&stored, "api", Admin, (4, true)),
            (&stored[..2], "file", File, (1, false)),
            (&stored[..2], "file", Admin, (3, true)),
            // A text never stored: the next version.
            (&stored, "new", File, (4, true)),
            (&stored, "new", Admin, (4, true)),
        ];
        for (stored, text, how, want) in cases {
            assert_eq!(version_for(stored, text, *how), *want, "{text:?} as {how:?} over {stored:?}");
        }
    }
}
