//! The audit log (migration 13): appending a row, and the filtered, newest-first read the
//! admin's API and page show. The table refuses UPDATE and DELETE on both engines, so a row,
//! once written, stays as it was.

use crate::engine::{Conn, P};
use crate::records::{AuditEntry, AuditFilter, AuditRecord};
use crate::{StoreError, micros, params};
use jiff::Timestamp;

type R<T> = Result<T, StoreError>;

/// Appends `entry` at `now` on the caller's connection (inside its transaction).
pub(crate) async fn append(c: &mut dyn Conn, entry: &AuditEntry, now: Timestamp) -> R<i64> {
    let detail = if entry.detail.is_null() { "{}".to_owned() } else { entry.detail.to_string() };
    c.insert_id(
        "INSERT INTO audit_log (at, actor_id, actor_login, actor_name, kind, target, ip, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        params![
            micros(now),
            entry.actor,
            entry.actor_login.clone(),
            entry.actor_name.clone(),
            entry.kind.as_str(),
            entry.target.clone(),
            entry.ip.clone(),
            detail
        ],
    )
    .await
    .map_err(StoreError::from)
}

/// The rows `filter` selects, newest first (by id: the order they were written).
pub(crate) async fn list(c: &mut dyn Conn, filter: &AuditFilter) -> R<Vec<AuditRecord>> {
    let mut sql = String::from("SELECT id, at, actor_id, actor_login, actor_name, kind, target, ip, detail FROM audit_log WHERE 1 = 1");
    let mut args: Vec<P> = Vec::new();
    let mut arg = |sql: &mut String, clause: &str, v: P| {
        args.push(v);
        sql.push_str(&clause.replace('?', &format!("${}", args.len())));
    };
    if let Some(actor) = filter.actor {
        arg(&mut sql, " AND actor_id = ?", actor.into());
    }
    if let Some(kind) = &filter.kind {
        if kind.contains('.') {
            arg(&mut sql, " AND kind = ?", kind.clone().into());
        } else {
            arg(&mut sql, " AND (kind = ?", kind.clone().into());
            arg(
                &mut sql,
                " OR kind LIKE ? ESCAPE '\\')",
                format!("{}.%", kind.replace('\\', "\\\\").replace('_', "\\_").replace('%', "\\%")).into(),
            );
        }
    }
    if let Some(from) = filter.from {
        arg(&mut sql, " AND at >= ?", micros(from).into());
    }
    if let Some(to) = filter.to {
        arg(&mut sql, " AND at < ?", micros(to).into());
    }
    if let Some(before) = filter.before {
        arg(&mut sql, " AND id < ?", before.into());
    }
    arg(&mut sql, " ORDER BY id DESC LIMIT ?", i64::from(filter.limit).into());
    let rows = c.rows(&sql, args).await?;
    rows.iter()
        .map(|r| {
            Ok(AuditRecord {
                id: r.i64("id")?,
                at: crate::from_micros(r.i64("at")?),
                actor: r.opt_i64("actor_id")?,
                actor_login: r.opt_str("actor_login")?,
                actor_name: r.opt_str("actor_name")?,
                kind: r.str("kind")?,
                target: r.opt_str("target")?,
                ip: r.opt_str("ip")?,
                detail: serde_json::from_str(&r.str("detail")?).unwrap_or(serde_json::Value::Null),
            })
        })
        .collect()
}
