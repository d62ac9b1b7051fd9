//! Settings changed in the admin pages (migration 16): per section (`sms`, `email`, `phone`,
//! `general`, `mailbox:NAME`) a field → value map. A secret field's value is sealed with the
//! installation's settings key before it is written and opened when it is read, so a copy of
//! the database holds no password; it leaves the store only to the process that uses it (the
//! pages and the API never show it). A change and its audit row are one transaction.

use crate::engine::Conn;
use crate::records::AuditEntry;
use crate::tracking::SiteKeys;
use crate::tx::{Command, Pending};
use crate::{StoreError, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use std::collections::{BTreeMap, BTreeSet};

type R<T> = crate::Result<T>;

/// Every stored setting: section → field → value (secrets opened).
pub type StoredSettings = BTreeMap<String, BTreeMap<String, String>>;

/// A change of one section.
#[derive(Debug, Clone, Default)]
pub struct SettingsChange {
    pub section: String,
    /// Fields to set (`Some`) or to forget (`None`); fields not named keep their value.
    pub set: BTreeMap<String, Option<String>>,
    /// Which of the fields are secrets (sealed at rest).
    pub secret: BTreeSet<String>,
    /// Forget the whole section first (a mailbox removed).
    pub clear: bool,
    pub actor: Option<i64>,
    /// The audit row, written in the same transaction (never with a secret's value).
    pub audit: Option<AuditEntry>,
}

pub(crate) struct SaveSettings(pub SettingsChange);

#[async_trait]
impl Command for SaveSettings {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        let ch = &self.0;
        let keys = pending
            .playbooks
            .site_keys()
            .ok_or_else(|| StoreError::Internal("the installation's keys are not loaded yet".into()))?;
        if ch.clear {
            c.exec("DELETE FROM settings WHERE section = $1", params![ch.section.as_str()]).await?;
        }
        for (name, value) in &ch.set {
            c.exec("DELETE FROM settings WHERE section = $1 AND name = $2", params![ch.section.as_str(), name.as_str()]).await?;
            let Some(value) = value else { continue };
            let secret = ch.secret.contains(name);
            let stored = if secret { keys.seal_setting(value) } else { value.clone() };
            c.exec(
                "INSERT INTO settings (section, name, value, secret, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)",
                params![ch.section.as_str(), name.as_str(), stored, i64::from(secret), micros(now), ch.actor],
            )
            .await?;
        }
        if let Some(entry) = &ch.audit {
            crate::audit::append(c, entry, now).await?;
        }
        crate::shared::bump(c, crate::shared::Config::Settings).await?;
        Ok(())
    }
}

/// Every row, secrets opened with `keys`. A secret that no longer opens (the installation's
/// key changed) is left out, as if it had never been saved.
pub(crate) async fn all(c: &mut dyn Conn, keys: &SiteKeys) -> R<StoredSettings> {
    let rows = c.rows("SELECT section, name, value, secret FROM settings ORDER BY section, name", vec![]).await?;
    let mut out = StoredSettings::new();
    for r in rows {
        let value = r.str("value")?;
        let value = if r.i64("secret")? != 0 {
            match keys.open_setting(&value) {
                Ok(v) => v,
                Err(_) => {
                    tracing::warn!(section = %r.str("section")?, field = %r.str("name")?, "a stored secret does not open with this installation's key; ignored");
                    continue;
                }
            }
        } else {
            value
        };
        out.entry(r.str("section")?).or_default().insert(r.str("name")?, value);
    }
    Ok(out)
}
