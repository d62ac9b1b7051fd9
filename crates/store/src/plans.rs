//! The query plans of the lists that must stay fast on a large registry (issue 18: every page's
//! p95 ≤ 50 ms on 100,000 leads, `pronto-bench ui`): SQLite's `EXPLAIN QUERY PLAN` of each
//! list's statements, checked against the indexes meant to answer them. SQLite plans from the
//! schema (Pronto keeps no statistics), so a fresh database plans as a full one does; a plan
//! that goes back to reading every lead, contact or timer fails here, not in production.

use crate::engine::{Conn, DbError, Dialect, P, Row};
use crate::records::{ContactFilter, ContactSort, LateFilter, LeadFilter, LeadSort};
use async_trait::async_trait;

/// A connection that records the plan of every query it runs.
struct Explained<'a> {
    inner: &'a mut dyn Conn,
    plans: Vec<(String, Vec<String>)>,
}

#[async_trait]
impl Conn for Explained<'_> {
    fn dialect(&self) -> Dialect {
        self.inner.dialect()
    }
    async fn exec(&mut self, sql: &str, params: Vec<P>) -> Result<u64, DbError> {
        self.inner.exec(sql, params).await
    }
    async fn rows(&mut self, sql: &str, params: Vec<P>) -> Result<Vec<Row>, DbError> {
        let plan = self.inner.rows(&format!("EXPLAIN QUERY PLAN {sql}"), params.clone()).await?;
        let details = plan.iter().map(|r| r.str("detail").unwrap_or_default()).collect();
        self.plans.push((sql.to_owned(), details));
        self.inner.rows(sql, params).await
    }
    async fn script(&mut self, sql: &str) -> Result<(), DbError> {
        self.inner.script(sql).await
    }
    async fn insert_id(&mut self, sql: &str, params: Vec<P>) -> Result<i64, DbError> {
        self.inner.insert_id(sql, params).await
    }
}

async fn fresh() -> (tempfile::TempDir, crate::engine::SqliteConn) {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = crate::pool::connect(&dir.path().join("plans.db")).unwrap();
    crate::migrate::run(&mut conn, Dialect::Sqlite).await.unwrap();
    (dir, conn)
}

/// The plans of the statements `run` makes, one string per statement (its steps joined).
async fn plans<F>(run: F) -> Vec<String>
where
    F: for<'c> FnOnce(&'c mut Explained<'_>) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + 'c>>,
{
    let (_dir, mut conn) = fresh().await;
    let mut e = Explained { inner: &mut conn, plans: Vec::new() };
    run(&mut e).await;
    e.plans.into_iter().map(|(sql, steps)| format!("{} <= {sql}", steps.join(" / "))).collect()
}

fn assert_plan(plan: &str, uses: &[&str], never: &[&str]) {
    for u in uses {
        assert!(plan.contains(u), "the plan should use {u}:\n{plan}");
    }
    for n in never {
        assert!(!plan.contains(n), "the plan should not {n}:\n{plan}");
    }
}

const SORTS_EVERYTHING: &str = "USE TEMP B-TREE FOR ORDER BY";

#[tokio::test]
async fn the_search_reads_the_trigram_index_not_every_lead() {
    let f = LeadFilter { status: Some("open".into()), query: Some("novak jana@example".into()), limit: 100, ..Default::default() };
    let got = plans(|c| {
        Box::pin(async move {
            crate::queries::leads(c, &f).await.unwrap();
            crate::queries::count_leads(c, &f).await.unwrap();
        })
    })
    .await;
    assert_eq!(got.len(), 2);
    for p in &got {
        assert_plan(p, &["leads_fts VIRTUAL TABLE INDEX"], &["SCAN l "]);
    }
}

#[tokio::test]
async fn leads_by_contact_and_contacts_by_name_are_read_in_index_order() {
    let got = plans(|c| {
        Box::pin(async move {
            for descending in [false, true] {
                let f = LeadFilter { sort: Some(LeadSort::Contact), descending, limit: 100, offset: 200, ..Default::default() };
                crate::queries::leads(c, &f).await.unwrap();
                for sort in [ContactSort::Name, ContactSort::Email, ContactSort::Phone] {
                    let f = ContactFilter { sort: Some(sort), descending, limit: 100, offset: 200, ..Default::default() };
                    crate::queries::contact_page(c, &f, false).await.unwrap();
                }
            }
        })
    })
    .await;
    assert_eq!(got.len(), 8);
    for (i, p) in got.iter().enumerate() {
        let index = ["contacts_sort_name", "contacts_live_name", "contacts_live_email", "contacts_live_phone"][i % 4];
        assert_plan(p, &[index], &[SORTS_EVERYTHING]);
        if i % 4 == 0 {
            assert_plan(p, &["leads_contact"], &[]);
        }
    }
}

#[tokio::test]
async fn late_now_reads_ranges_of_the_timers_not_every_running_sla() {
    let playbooks = crate::playbooks::Playbooks::default();
    let got = plans(|c| {
        Box::pin(async move {
            let f = LateFilter { now: jiff::Timestamp::UNIX_EPOCH, at_risk_within: jiff::SignedDuration::from_mins(15), holder: None, limit: 200 };
            crate::late::late_now(c, &playbooks, &f).await.unwrap();
        })
    })
    .await;
    // Overdue tasks; SLAs at risk by their deadline, then by their warning; SLAs breached.
    assert!(got.len() >= 4, "{got:#?}");
    assert_plan(&got[0], &["tasks_open_due (status=? AND due_at<?)"], &[SORTS_EVERYTHING]);
    assert_plan(&got[1], &["timers_due (status=? AND due_at<?)"], &["CORRELATED"]);
    assert_plan(&got[2], &["USING INDEX timers_warn (status=? AND warn_at>? AND warn_at<?)"], &["CORRELATED"]);
}
