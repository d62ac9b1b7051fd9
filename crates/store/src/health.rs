//! Whether this node can write: the write probe behind `/healthz` (readiness).
//!
//! [`ProbeWrite`] is an ordinary command through the writer (the real write path: the same
//! queue, connection, transaction and commit as an inquiry): it stamps this node's row in
//! `report_meta` (`health:PID:STARTED`, so nodes never wait on each other's row) and reads the
//! database's schema version. On SQLite the store first writes 64 KiB beside the database
//! ([`room`]): SQLite reuses the space of an emptied WAL, so a one-row commit can still
//! succeed on a full disk where an inquiry's larger one fails. [`verdict`] turns the outcome
//! into ready or the reason to give a load balancer.

use crate::engine::Conn;
use crate::tx::{Command, Pending};
use crate::{StoreError, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use std::path::Path;

/// What a successful write probe saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteProbe {
    /// The newest migration the database has.
    pub schema_version: i64,
    /// The newest migration this Pronto knows.
    pub schema_known: i64,
}

/// How long another node's stale probe row is kept (a node restarted is a new row).
const STALE: jiff::SignedDuration = jiff::SignedDuration::from_hours(1);

/// Stamps this node's probe row (and removes probe rows not stamped for an hour) and reads
/// the schema version, in the writer's transaction.
pub(crate) struct ProbeWrite {
    pub key: String,
    pub schema_known: i64,
}

#[async_trait]
impl Command for ProbeWrite {
    type Output = WriteProbe;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> crate::Result<WriteProbe> {
        let _ = pending;
        c.exec(
            "INSERT INTO report_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![self.key.as_str(), micros(now).to_string()],
        )
        .await?;
        c.exec(
            // The CASE keeps the cast off other rows whatever order the database tests in.
            "DELETE FROM report_meta WHERE key LIKE 'health:%' AND key <> $1
             AND CASE WHEN key LIKE 'health:%' THEN CAST(value AS BIGINT) ELSE 0 END < $2",
            params![self.key.as_str(), micros(now - STALE)],
        )
        .await?;
        let version = c
            .row("SELECT MAX(version) AS v FROM schema_migrations", vec![])
            .await?
            .map(|r| r.opt_i64("v"))
            .transpose()?
            .flatten()
            .unwrap_or(0);
        Ok(WriteProbe { schema_version: version, schema_known: self.schema_known })
    }

    fn wakes_workers(&self) -> bool {
        false
    }
}

/// How much free room the database's file system must have for the node to be ready.
pub(crate) const ROOM: usize = 64 * 1024;

/// Writes [`ROOM`] bytes into `DB-probe` beside the database and removes the file: fails
/// (`disk full`) when the file system has no room for them.
pub(crate) fn room(db: &Path) -> crate::Result<()> {
    use std::io::Write;
    let probe = std::path::PathBuf::from(format!("{}-probe", db.display()));
    let written = std::fs::File::create(&probe).and_then(|mut f| f.write_all(&[0u8; ROOM]));
    let _ = std::fs::remove_file(&probe);
    written.map_err(|e| StoreError::Unavailable(format!("cannot write beside the database: {e}")))
}

/// Ready (what the probe saw), or the reason a load balancer should take the node out.
pub fn verdict(engine: &str, probe: &crate::Result<WriteProbe>) -> Result<WriteProbe, String> {
    match probe {
        Ok(p) if p.schema_version > p.schema_known => {
            Err(format!("the database's schema (version {}) is newer than this Pronto knows ({})", p.schema_version, p.schema_known))
        }
        Ok(p) => Ok(*p),
        Err(e) => Err(reason(engine, e)),
    }
}

/// Why a write failed, in the words `/healthz` answers with.
fn reason(engine: &str, e: &StoreError) -> String {
    let text = e.to_string();
    let lower = text.to_lowercase();
    if ["disk is full", "no space left", "disk full", "os error 28", "(53100)"].iter().any(|s| lower.contains(s)) {
        return "the database cannot be written: disk full".into();
    }
    match e {
        StoreError::Unavailable(_) if engine == "postgres" => "database unreachable".into(),
        StoreError::Unavailable(m) | StoreError::Internal(m) | StoreError::Conflict(m) => {
            let m: String = m.chars().take(200).collect();
            format!("the database cannot be written: {m}")
        }
        other => format!("the database cannot be written: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reasons_a_node_is_not_ready() {
        let ok = |v, k| Ok(WriteProbe { schema_version: v, schema_known: k });
        let unavailable = |m: &str| Err(StoreError::Unavailable(m.into()));
        let internal = |m: &str| Err(StoreError::Internal(m.into()));
        let table: Vec<(&str, crate::Result<WriteProbe>, Result<WriteProbe, &str>)> = vec![
            ("sqlite", ok(27, 27), Ok(WriteProbe { schema_version: 27, schema_known: 27 })),
            ("postgres", ok(26, 27), Ok(WriteProbe { schema_version: 26, schema_known: 27 })),
            ("postgres", ok(28, 27), Err("the database's schema (version 28) is newer than this Pronto knows (27)")),
            ("sqlite", unavailable("database or disk is full"), Err("the database cannot be written: disk full")),
            (
                "sqlite",
                unavailable("cannot write beside the database: No space left on device (os error 28)"),
                Err("the database cannot be written: disk full"),
            ),
            (
                "postgres",
                internal("error returned from database: could not extend file \"base/1/2\": No space left on device"),
                Err("the database cannot be written: disk full"),
            ),
            ("postgres", unavailable("error communicating with database: Connection refused (os error 111)"), Err("database unreachable")),
            ("postgres", unavailable("pool timed out while waiting for an open connection"), Err("database unreachable")),
            ("sqlite", unavailable("database is locked"), Err("the database cannot be written: database is locked")),
            (
                "postgres",
                internal("permission denied for table report_meta"),
                Err("the database cannot be written: permission denied for table report_meta"),
            ),
        ];
        for (engine, probe, want) in table {
            assert_eq!(verdict(engine, &probe), want.map_err(str::to_owned), "{engine} {probe:?}");
        }
    }

    #[test]
    fn room_fails_where_the_directory_cannot_be_written() {
        let dir = tempfile::tempdir().unwrap();
        room(&dir.path().join("pronto.db")).unwrap();
        assert!(!dir.path().join("pronto.db-probe").exists(), "the probe file is removed");
        assert!(room(&dir.path().join("missing").join("pronto.db")).is_err());
    }
}
