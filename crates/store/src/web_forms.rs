//! Web forms built in the admin pages: each a key and its definition (JSON the web layer
//! writes and reads; the store keeps it as given). Saved or removed together with the audit
//! row that records who did it, in one transaction.

use crate::engine::Conn;
use crate::records::AuditEntry;
use crate::tx::{Command, Pending};
use crate::{StoreError, from_micros, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;

/// One stored form.
#[derive(Debug, Clone, PartialEq)]
pub struct FormRecord {
    pub key: String,
    /// The form's fields, labels and texts (JSON, as the web layer wrote it).
    pub definition: String,
    pub updated_at: Timestamp,
    pub updated_by: Option<i64>,
}

fn record(r: &crate::engine::Row) -> crate::Result<FormRecord> {
    Ok(FormRecord {
        key: r.str("key")?,
        definition: r.str("definition")?,
        updated_at: from_micros(r.i64("updated_at")?),
        updated_by: r.opt_i64("updated_by")?,
    })
}

/// Every stored form, by key.
pub(crate) async fn list(c: &mut dyn Conn) -> crate::Result<Vec<FormRecord>> {
    let rows = c.rows("SELECT key, definition, updated_at, updated_by FROM web_forms ORDER BY key", vec![]).await?;
    rows.iter().map(record).collect()
}

/// The stored form `key`, if there is one.
pub(crate) async fn get(c: &mut dyn Conn, key: &str) -> crate::Result<Option<FormRecord>> {
    let row = c.row("SELECT key, definition, updated_at, updated_by FROM web_forms WHERE key = $1", params![key]).await?;
    row.as_ref().map(record).transpose()
}

/// Stores (or, with `definition` `None`, removes) a form, and the audit row that says so.
pub(crate) struct SaveForm {
    pub key: String,
    pub definition: Option<String>,
    pub audit: AuditEntry,
}

#[async_trait]
impl Command for SaveForm {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> crate::Result<()> {
        let _ = pending;
        let n = c.exec("DELETE FROM web_forms WHERE key = $1", params![self.key.as_str()]).await?;
        match &self.definition {
            None if n == 0 => return Err(StoreError::NotFound),
            None => {}
            Some(d) => {
                c.exec(
                    "INSERT INTO web_forms (key, definition, updated_at, updated_by) VALUES ($1, $2, $3, $4)",
                    params![self.key.as_str(), d.as_str(), micros(now), self.audit.actor],
                )
                .await?;
            }
        }
        crate::audit::append(c, &self.audit, now).await?;
        Ok(())
    }
}
