//! Complaints (issue 21, item 6): a task completed with its definition's `complaint` outcome
//! (the distributor's quality call answered `negative`) records the customer's complaint in the
//! same transaction ([`record`], called by the task's completion): its substance is the note
//! typed on the call, linked to the lead's owner (the representative) and the lead's channel.
//! Management reads them as a table ([`list`]) and resolves each with a note
//! ([`ResolveComplaint`]). Who is told is the playbook's to decide (the distributor's
//! `quality-negative` notifies the managers in-app and by e-mail).

use crate::engine::{Conn, P, Row};
use crate::tx::{Command, Pending};
use crate::{StoreError, from_micros, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::event::DomainEvent;

type R<T> = crate::Result<T>;

/// A complaint as management's table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintRecord {
    pub id: i64,
    pub lead_id: i64,
    pub task_id: Option<i64>,
    /// The representative: the lead's owner when the complaint was recorded.
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub owner_login: Option<String>,
    /// The lead's channel (`web`, `phone`, `email` …).
    pub channel: String,
    /// The complaint's substance.
    pub text: String,
    /// `open` or `resolved`.
    pub status: String,
    pub created_at: Timestamp,
    pub created_by: Option<i64>,
    pub resolved_at: Option<Timestamp>,
    pub resolved_by: Option<i64>,
    pub resolution: Option<String>,
    /// The customer: the contact's name and the company's.
    pub customer: String,
    pub company: Option<String>,
}

/// Which complaints to list: by status, by the time they were recorded (`from` inclusive, `to`
/// exclusive).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComplaintFilter {
    pub status: Option<String>,
    pub from: Option<Timestamp>,
    pub to: Option<Timestamp>,
    /// The lead's channel (`web`, `phone`, …).
    pub channel: Option<String>,
    /// The representative: `Some(None)` the complaints with no owner.
    pub owner: Option<Option<i64>>,
}

/// Records the complaint of lead `lead_id` from task `task_id` (its completion is in the same
/// transaction); returns its id.
pub(crate) async fn record(
    c: &mut dyn Conn,
    pending: &mut Pending,
    lead_id: i64,
    task_id: i64,
    text: &str,
    actor: Option<i64>,
    now: Timestamp,
) -> R<i64> {
    let lead =
        c.row("SELECT owner_id, channel, contact_id FROM leads WHERE id = $1", params![lead_id]).await?.ok_or(StoreError::NotFound)?;
    let owner = lead.opt_i64("owner_id")?;
    let channel = lead.str("channel")?;
    let id = c
        .insert_id(
            "INSERT INTO complaints (lead_id, task_id, owner_id, channel, text, status, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, 'open', $6, $7)",
            params![lead_id, task_id, owner, channel.clone(), text.to_owned(), micros(now), actor],
        )
        .await?;
    pending.record(
        DomainEvent::ComplaintRecorded { complaint_id: id, task_id, owner_id: owner, channel },
        Some(lead_id),
        Some(lead.i64("contact_id")?),
        actor,
        now,
    );
    Ok(id)
}

/// Resolve complaint `id` with a note.
pub(crate) struct ResolveComplaint {
    pub id: i64,
    pub note: String,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for ResolveComplaint {
    type Output = ComplaintRecord;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<ComplaintRecord> {
        let row = c
            .row(
                "SELECT k.lead_id, k.status, l.contact_id FROM complaints k JOIN leads l ON l.id = k.lead_id WHERE k.id = $1",
                params![self.id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        if row.str("status")? != "open" {
            return Err(StoreError::Conflict("the complaint is already resolved".into()));
        }
        c.exec(
            "UPDATE complaints SET status = 'resolved', resolved_at = $1, resolved_by = $2, resolution = $3 WHERE id = $4",
            params![micros(now), self.actor, self.note.clone(), self.id],
        )
        .await?;
        pending.record(
            DomainEvent::ComplaintResolved { complaint_id: self.id },
            Some(row.i64("lead_id")?),
            Some(row.i64("contact_id")?),
            self.actor,
            now,
        );
        one(c, self.id).await
    }
}

const SELECT: &str = "SELECT k.id, k.lead_id, k.task_id, k.owner_id, u.name AS owner_name, u.login AS owner_login, k.channel, k.text,
    k.status, k.created_at, k.created_by, k.resolved_at, k.resolved_by, k.resolution, c.name AS c_name, co.name AS co_name
    FROM complaints k JOIN leads l ON l.id = k.lead_id JOIN contacts c ON c.id = l.contact_id
    LEFT JOIN companies co ON co.id = l.company_id LEFT JOIN users u ON u.id = k.owner_id";

fn record_of(r: &Row) -> R<ComplaintRecord> {
    Ok(ComplaintRecord {
        id: r.i64("id")?,
        lead_id: r.i64("lead_id")?,
        task_id: r.opt_i64("task_id")?,
        owner_id: r.opt_i64("owner_id")?,
        owner_name: r.opt_str("owner_name")?,
        owner_login: r.opt_str("owner_login")?,
        channel: r.str("channel")?,
        text: r.str("text")?,
        status: r.str("status")?,
        created_at: from_micros(r.i64("created_at")?),
        created_by: r.opt_i64("created_by")?,
        resolved_at: r.opt_i64("resolved_at")?.map(from_micros),
        resolved_by: r.opt_i64("resolved_by")?,
        resolution: r.opt_str("resolution")?,
        customer: r.opt_str("c_name")?.unwrap_or_default(),
        company: r.opt_str("co_name")?,
    })
}

/// One complaint.
pub(crate) async fn one(c: &mut dyn Conn, id: i64) -> R<ComplaintRecord> {
    let row = c.row(&format!("{SELECT} WHERE k.id = $1"), params![id]).await?.ok_or(StoreError::NotFound)?;
    record_of(&row)
}

/// The complaints the filter lets through, newest first.
pub(crate) async fn list(c: &mut dyn Conn, f: &ComplaintFilter) -> R<Vec<ComplaintRecord>> {
    let mut sql = format!("{SELECT} WHERE 1 = 1");
    let mut ps: Vec<P> = vec![];
    if let Some(s) = &f.status {
        ps.push(P::from(s.clone()));
        sql.push_str(&format!(" AND k.status = ${}", ps.len()));
    }
    if let Some(t) = f.from {
        ps.push(P::from(micros(t)));
        sql.push_str(&format!(" AND k.created_at >= ${}", ps.len()));
    }
    if let Some(t) = f.to {
        ps.push(P::from(micros(t)));
        sql.push_str(&format!(" AND k.created_at < ${}", ps.len()));
    }
    if let Some(ch) = &f.channel {
        ps.push(P::from(ch.clone()));
        sql.push_str(&format!(" AND k.channel = ${}", ps.len()));
    }
    match f.owner {
        Some(Some(o)) => {
            ps.push(P::from(o));
            sql.push_str(&format!(" AND k.owner_id = ${}", ps.len()));
        }
        Some(None) => sql.push_str(" AND k.owner_id IS NULL"),
        None => {}
    }
    sql.push_str(" ORDER BY k.created_at DESC, k.id DESC");
    let rows = c.rows(&sql, ps).await?;
    rows.iter().map(record_of).collect()
}
