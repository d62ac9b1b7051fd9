//! Embedded migrations and the small runner that applies them, per engine, each in its own
//! transaction, recording what was applied in `schema_migrations`.

use crate::engine::{Conn, Dialect};
use crate::{StoreError, params};

pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

pub(crate) const SQLITE: &[Migration] = &[
    Migration { version: 1, name: "registry", sql: include_str!("../migrations/sqlite/0001_registry.sql") },
    Migration { version: 2, name: "company indexes", sql: include_str!("../migrations/sqlite/0002_company_indexes.sql") },
    Migration { version: 3, name: "playbooks", sql: include_str!("../migrations/sqlite/0003_playbooks.sql") },
    Migration { version: 4, name: "delivery", sql: include_str!("../migrations/sqlite/0004_delivery.sql") },
    Migration { version: 5, name: "webhooks", sql: include_str!("../migrations/sqlite/0005_webhooks.sql") },
    Migration { version: 6, name: "messages", sql: include_str!("../migrations/sqlite/0006_messages.sql") },
    Migration { version: 7, name: "mail", sql: include_str!("../migrations/sqlite/0007_mail.sql") },
    Migration { version: 8, name: "calls", sql: include_str!("../migrations/sqlite/0008_calls.sql") },
    Migration { version: 9, name: "sessions, the board, merged contacts", sql: include_str!("../migrations/sqlite/0009_sessions.sql") },
    Migration { version: 10, name: "reports", sql: include_str!("../migrations/sqlite/0010_reports.sql") },
    Migration { version: 11, name: "the customer's page", sql: include_str!("../migrations/sqlite/0011_tracking.sql") },
    Migration { version: 12, name: "accounts", sql: include_str!("../migrations/sqlite/0012_accounts.sql") },
    Migration { version: 13, name: "the audit log", sql: include_str!("../migrations/sqlite/0013_audit.sql") },
    Migration { version: 14, name: "lists: merges that can be undone", sql: include_str!("../migrations/sqlite/0014_lists.sql") },
    Migration { version: 15, name: "the phone of each inquiry", sql: include_str!("../migrations/sqlite/0015_lead_phone.sql") },
    Migration { version: 16, name: "settings", sql: include_str!("../migrations/sqlite/0016_settings.sql") },
    Migration { version: 17, name: "the company's profile", sql: include_str!("../migrations/sqlite/0017_company.sql") },
    Migration { version: 18, name: "web forms", sql: include_str!("../migrations/sqlite/0018_forms.sql") },
    Migration { version: 19, name: "lists that stay fast", sql: include_str!("../migrations/sqlite/0019_fast_lists.sql") },
    Migration { version: 20, name: "the catalogue", sql: include_str!("../migrations/sqlite/0020_catalogue.sql") },
    Migration { version: 21, name: "offers", sql: include_str!("../migrations/sqlite/0021_offers.sql") },
    Migration { version: 22, name: "requisites", sql: include_str!("../migrations/sqlite/0022_requisites.sql") },
    Migration { version: 23, name: "invoices", sql: include_str!("../migrations/sqlite/0023_invoices.sql") },
    Migration { version: 24, name: "payments", sql: include_str!("../migrations/sqlite/0024_payments.sql") },
    Migration { version: 25, name: "deliveries", sql: include_str!("../migrations/sqlite/0025_deliveries.sql") },
    Migration { version: 26, name: "complaints", sql: include_str!("../migrations/sqlite/0026_complaints.sql") },
    Migration { version: 27, name: "the supplier's purchase", sql: include_str!("../migrations/sqlite/0027_purchases.sql") },
    Migration { version: 28, name: "nodes, claims and leases", sql: include_str!("../migrations/sqlite/0028_nodes.sql") },
    Migration { version: 29, name: "timers tried again", sql: include_str!("../migrations/sqlite/0029_timer_attempts.sql") },
    Migration { version: 30, name: "shared state: config versions, rate counts, files", sql: include_str!("../migrations/sqlite/0030_shared_state.sql") },
    Migration { version: 31, name: "report cells in shares per writer; due messages per channel", sql: include_str!("../migrations/sqlite/0031_report_cell_shards.sql") },
    Migration { version: 32, name: "the mystery shopper: test leads, runs, hops, incidents", sql: include_str!("../migrations/sqlite/0032_canary.sql") },
];

pub(crate) const POSTGRES: &[Migration] = &[
    Migration { version: 1, name: "registry", sql: include_str!("../migrations/postgres/0001_registry.sql") },
    Migration { version: 2, name: "company indexes", sql: include_str!("../migrations/postgres/0002_company_indexes.sql") },
    Migration { version: 3, name: "playbooks", sql: include_str!("../migrations/postgres/0003_playbooks.sql") },
    Migration { version: 4, name: "delivery", sql: include_str!("../migrations/postgres/0004_delivery.sql") },
    Migration { version: 5, name: "webhooks", sql: include_str!("../migrations/postgres/0005_webhooks.sql") },
    Migration { version: 6, name: "messages", sql: include_str!("../migrations/postgres/0006_messages.sql") },
    Migration { version: 7, name: "mail", sql: include_str!("../migrations/postgres/0007_mail.sql") },
    Migration { version: 8, name: "calls", sql: include_str!("../migrations/postgres/0008_calls.sql") },
    Migration { version: 9, name: "sessions, the board, merged contacts", sql: include_str!("../migrations/postgres/0009_sessions.sql") },
    Migration { version: 10, name: "reports", sql: include_str!("../migrations/postgres/0010_reports.sql") },
    Migration { version: 11, name: "the customer's page", sql: include_str!("../migrations/postgres/0011_tracking.sql") },
    Migration { version: 12, name: "accounts", sql: include_str!("../migrations/postgres/0012_accounts.sql") },
    Migration { version: 13, name: "the audit log", sql: include_str!("../migrations/postgres/0013_audit.sql") },
    Migration { version: 14, name: "lists: merges that can be undone", sql: include_str!("../migrations/postgres/0014_lists.sql") },
    Migration { version: 15, name: "the phone of each inquiry", sql: include_str!("../migrations/postgres/0015_lead_phone.sql") },
    Migration { version: 16, name: "settings", sql: include_str!("../migrations/postgres/0016_settings.sql") },
    Migration { version: 17, name: "the company's profile", sql: include_str!("../migrations/postgres/0017_company.sql") },
    Migration { version: 18, name: "web forms", sql: include_str!("../migrations/postgres/0018_forms.sql") },
    Migration { version: 19, name: "lists that stay fast", sql: include_str!("../migrations/postgres/0019_fast_lists.sql") },
    Migration { version: 20, name: "the catalogue", sql: include_str!("../migrations/postgres/0020_catalogue.sql") },
    Migration { version: 21, name: "offers", sql: include_str!("../migrations/postgres/0021_offers.sql") },
    Migration { version: 22, name: "requisites", sql: include_str!("../migrations/postgres/0022_requisites.sql") },
    Migration { version: 23, name: "invoices", sql: include_str!("../migrations/postgres/0023_invoices.sql") },
    Migration { version: 24, name: "payments", sql: include_str!("../migrations/postgres/0024_payments.sql") },
    Migration { version: 25, name: "deliveries", sql: include_str!("../migrations/postgres/0025_deliveries.sql") },
    Migration { version: 26, name: "complaints", sql: include_str!("../migrations/postgres/0026_complaints.sql") },
    Migration { version: 27, name: "the supplier's purchase", sql: include_str!("../migrations/postgres/0027_purchases.sql") },
    Migration { version: 28, name: "nodes, claims and leases", sql: include_str!("../migrations/postgres/0028_nodes.sql") },
    Migration { version: 29, name: "timers tried again", sql: include_str!("../migrations/postgres/0029_timer_attempts.sql") },
    Migration { version: 30, name: "shared state: config versions, rate counts, files", sql: include_str!("../migrations/postgres/0030_shared_state.sql") },
    Migration { version: 31, name: "report cells in shares per writer; due messages per channel", sql: include_str!("../migrations/postgres/0031_report_cell_shards.sql") },
    Migration { version: 32, name: "the mystery shopper: test leads, runs, hops, incidents", sql: include_str!("../migrations/postgres/0032_canary.sql") },
];

/// Applies every migration not yet recorded; returns the versions applied now. On
/// PostgreSQL an advisory lock keeps several nodes starting at once from racing.
pub(crate) async fn run(c: &mut dyn Conn, dialect: Dialect) -> Result<Vec<i64>, StoreError> {
    run_to(c, dialect, i64::MAX).await
}

/// The migrations of `dialect`.
pub(crate) fn list(dialect: Dialect) -> &'static [Migration] {
    match dialect {
        Dialect::Sqlite => SQLITE,
        Dialect::Postgres => POSTGRES,
    }
}

/// Like [`run`], stopping after version `upto` (a restore loads its rows at the backup's
/// schema version, then applies the rest).
pub(crate) async fn run_to(c: &mut dyn Conn, dialect: Dialect, upto: i64) -> Result<Vec<i64>, StoreError> {
    let all = list(dialect);
    let list = &all[..all.iter().take_while(|m| m.version <= upto).count()];
    if dialect == Dialect::Postgres {
        c.exec("SELECT pg_advisory_lock(7243100)", vec![]).await?;
    }
    let result = apply_all(c, dialect, list, all).await;
    if dialect == Dialect::Postgres {
        let _ = c.exec("SELECT pg_advisory_unlock(7243100)", vec![]).await;
    }
    result
}

async fn apply_all(c: &mut dyn Conn, dialect: Dialect, list: &[Migration], all: &[Migration]) -> Result<Vec<i64>, StoreError> {
    c.script("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)")
        .await?;
    let mut applied = Vec::new();
    for m in list {
        let done = c.row("SELECT version FROM schema_migrations WHERE version = $1", params![m.version]).await?;
        if done.is_some() {
            continue;
        }
        c.exec(dialect.begin_write(), vec![]).await?;
        let step = async {
            c.script(m.sql).await?;
            c.exec("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", params![m.version, m.name]).await?;
            c.exec("COMMIT", vec![]).await
        };
        if let Err(e) = step.await {
            let _ = c.exec("ROLLBACK", vec![]).await;
            return Err(StoreError::Internal(format!("migration {} ({}) failed: {e}", m.version, m.name)));
        }
        tracing::info!(version = m.version, name = m.name, "migration applied");
        applied.push(m.version);
    }
    let newest =
        c.row("SELECT MAX(version) AS v FROM schema_migrations", vec![]).await?.and_then(|r| r.opt_i64("v").ok().flatten()).unwrap_or(0);
    let known = all.last().map(|m| m.version).unwrap_or(0);
    if newest > known {
        return Err(StoreError::Internal(format!(
            "the database is at schema version {newest}, newer than this pronto knows ({known}); upgrade pronto"
        )));
    }
    Ok(applied)
}
