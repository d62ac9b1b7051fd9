//! State every node shares (issue 22, migration 30).
//!
//! - **Config versions**: saving settings, a message text or the company's profile bumps its
//!   row of `config_versions` in the saving transaction ([`bump`]); each node reads the few rows
//!   every second ([`ConfigVersions`]) and reloads what moved, so a save on one node is in force
//!   on every node within a second or two.
//! - **Rate counts**: a fixed-window counter per (scope, key, window) in `rate_counts`, counted
//!   and read in one statement ([`CountHit`]); the windows that ended are removed by the same
//!   command once per window per node. Every node sees the same count.
//! - **Files**: a mail attachment's bytes in `files` (content-addressed by SHA-256, base64),
//!   written in the ingesting transaction ([`put_file`]), read by any node ([`attachment_data`]).

use crate::engine::Conn;
use crate::tx::{Command, Pending};
use crate::{StoreError, micros, params};
use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};

type R<T> = crate::Result<T>;

/// What the admin pages change, one row each in `config_versions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Config {
    Settings,
    Messages,
    Company,
}

impl Config {
    fn name(self) -> &'static str {
        match self {
            Config::Settings => "settings",
            Config::Messages => "messages",
            Config::Company => "company",
        }
    }
}

/// The versions of what the admin pages change; a node compares them with the ones it loaded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConfigVersions {
    pub settings: i64,
    pub messages: i64,
    pub company: i64,
}

impl ConfigVersions {
    /// What moved since `before` (a pure comparison, so a missed beat loses nothing).
    pub fn changed_since(&self, before: &ConfigVersions) -> Vec<Config> {
        let mut out = Vec::new();
        if self.settings != before.settings {
            out.push(Config::Settings);
        }
        if self.messages != before.messages {
            out.push(Config::Messages);
        }
        if self.company != before.company {
            out.push(Config::Company);
        }
        out
    }
}

/// Marks `what` changed, in the transaction that changed it.
pub(crate) async fn bump(c: &mut dyn Conn, what: Config) -> R<()> {
    c.exec("UPDATE config_versions SET version = version + 1 WHERE name = $1", params![what.name()]).await?;
    Ok(())
}

/// The versions now (three rows of a tiny table).
pub(crate) async fn versions(c: &mut dyn Conn) -> R<ConfigVersions> {
    let mut v = ConfigVersions::default();
    for r in c.rows("SELECT name, version FROM config_versions", params![]).await? {
        let n = r.i64("version")?;
        match r.str("name")?.as_str() {
            "settings" => v.settings = n,
            "messages" => v.messages = n,
            "company" => v.company = n,
            _ => {}
        }
    }
    Ok(v)
}

/// The fixed window `now` falls in: its start (microseconds) and the whole seconds until it
/// ends (at least 1: what `Retry-After` says).
pub fn window(now: Timestamp, length: SignedDuration) -> (i64, i64) {
    let len = length.as_micros().max(1) as i64;
    let t = micros(now);
    let start = t - t.rem_euclid(len);
    let left = start + len - t;
    (start, ((left + 999_999) / 1_000_000).max(1))
}

/// Counts one hit of `key` in `scope` in the window `now` falls in and answers the count
/// with it; removes the windows that ended when `prune` (once per window per node).
pub(crate) struct CountHit {
    pub scope: String,
    pub key: String,
    pub window_start: i64,
    pub prune: bool,
}

#[async_trait]
impl Command for CountHit {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, _now: Timestamp) -> R<i64> {
        let _ = pending;
        if self.prune {
            c.exec("DELETE FROM rate_counts WHERE window_start < $1", params![self.window_start]).await?;
        }
        let r = c
            .row(
                "INSERT INTO rate_counts (scope, key, window_start, hits) VALUES ($1, $2, $3, 1)
                 ON CONFLICT (scope, key, window_start) DO UPDATE SET hits = rate_counts.hits + 1 RETURNING hits",
                params![self.scope.as_str(), self.key.as_str(), self.window_start],
            )
            .await?
            .ok_or_else(|| StoreError::Internal("the rate count returned no row".into()))?;
        Ok(r.i64("hits")?)
    }

    fn wakes_workers(&self) -> bool {
        false
    }
}

/// Keeps a file's bytes (once per content), in the caller's transaction.
pub(crate) async fn put_file(c: &mut dyn Conn, sha256: &str, data: &[u8], now: Timestamp) -> R<()> {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(data);
    c.exec(
        "INSERT INTO files (sha256, data, size, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING",
        params![sha256, b64, data.len() as i64, micros(now)],
    )
    .await?;
    Ok(())
}

/// Content addresses of attachments whose bytes are not in `files` (kept on a node's disk
/// before migration 30), after `after`, in order, at most `limit`.
pub(crate) async fn files_missing(c: &mut dyn Conn, after: &str, limit: i64) -> R<Vec<String>> {
    let rows = c
        .rows(
            "SELECT DISTINCT a.sha256 FROM attachments a LEFT JOIN files f ON f.sha256 = a.sha256
             WHERE a.sha256 IS NOT NULL AND f.sha256 IS NULL AND a.sha256 > $1 ORDER BY a.sha256 LIMIT $2",
            params![after, limit],
        )
        .await?;
    rows.iter().map(|r| Ok(r.str("sha256")?)).collect()
}

/// Keeps a file read from a node's disk (`Store::keep_file`).
pub(crate) struct KeepFile {
    pub sha256: String,
    pub data: Vec<u8>,
}

#[async_trait]
impl Command for KeepFile {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        let _ = pending;
        put_file(c, &self.sha256, &self.data, now).await
    }
}

/// An attachment's bytes from `files`; `None` when they are not there (kept on a node's disk
/// before migration 30, or too large to keep).
pub(crate) async fn attachment_data(c: &mut dyn Conn, attachment_id: i64) -> R<Option<Vec<u8>>> {
    use base64::Engine;
    let Some(r) =
        c.row("SELECT f.data FROM attachments a JOIN files f ON f.sha256 = a.sha256 WHERE a.id = $1", params![attachment_id]).await?
    else {
        return Ok(None);
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(r.str("data")?)
        .map_err(|e| StoreError::Internal(format!("a stored file is not base64: {e}")))?;
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_start_on_their_boundary_and_say_how_long_is_left() {
        let minute = SignedDuration::from_mins(1);
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        let start = micros(t("2026-01-01T10:00:00Z"));
        for (now, want_start, left) in [
            ("2026-01-01T10:00:00Z", start, 60),
            ("2026-01-01T10:00:00.5Z", start, 60),
            ("2026-01-01T10:00:59Z", start, 1),
            ("2026-01-01T10:00:59.9Z", start, 1),
            ("2026-01-01T10:01:00Z", start + 60_000_000, 60),
            ("2026-01-01T10:00:20Z", start, 40),
        ] {
            assert_eq!(window(t(now), minute), (want_start, left), "{now}");
        }
    }

    #[test]
    fn what_moved_is_reloaded_and_nothing_else() {
        let a = ConfigVersions { settings: 1, messages: 2, company: 3 };
        assert!(a.changed_since(&a).is_empty());
        assert_eq!(ConfigVersions { messages: 3, ..a }.changed_since(&a), vec![Config::Messages]);
        assert_eq!(ConfigVersions { settings: 2, company: 4, ..a }.changed_since(&a), vec![Config::Settings, Config::Company]);
    }
}
