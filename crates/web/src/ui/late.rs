//! "Late now" (`/late`): open tasks past their time and SLAs breached or about to be, each
//! with its lead, who holds it and how late, the latest first. Managers and admins see
//! everyone's; everybody else their own and what nobody holds.

use super::error::PageResult;
use super::{LANGUAGES, Signed, age, fail, i18n::Tr, page};
use crate::AppState;
use askama::Template;
use axum::extract::State;
use pronto_domain::user::Role;
use pronto_store::{Late, LateFilter};
use std::sync::Arc;

/// An SLA without a warning threshold of its own is at risk this long before its deadline.
pub(crate) const AT_RISK_WITHIN: jiff::SignedDuration = jiff::SignedDuration::from_mins(15);

struct LateRow {
    /// `task`, `breached` or `at-risk` (the row's class and badge).
    kind: &'static str,
    what: String,
    lead_id: i64,
    contact: String,
    holder: Option<String>,
    due_iso: String,
    /// "12 min late" or "due in 4 min".
    how: String,
}

#[derive(Template)]
#[template(path = "late.html")]
struct LatePage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    rows: Vec<LateRow>,
    everyone: bool,
}

pub(super) async fn late_page(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    let now = st.clock.now();
    let everyone = matches!(c.role, Role::Admin | Role::Manager);
    let filter = LateFilter { now, at_risk_within: AT_RISK_WITHIN, holder: (!everyone).then_some(c.user.id), limit: 200 };
    let late = st.store.late_now(&filter).await.map_err(|e| fail(&st, &c, &t, "/inbox")(e.into()))?;
    let rows = late
        .into_iter()
        .map(|l| {
            let (kind, what) = match l.what {
                Late::Task { title, .. } => ("task", t.with("lists-late-task", &[("title", &title)])),
                Late::SlaBreached { title, .. } => ("breached", t.with("lists-late-breached", &[("title", &title)])),
                Late::SlaAtRisk { title, .. } => ("at-risk", t.with("lists-late-at-risk", &[("title", &title)])),
            };
            let how = if l.due_at <= now {
                t.with("lists-late-by", &[("time", &age(l.due_at, now))])
            } else {
                t.with("lists-late-due-in", &[("time", &age(now, l.due_at))])
            };
            LateRow {
                kind,
                what,
                lead_id: l.lead_id,
                contact: l.contact.name.or(l.contact.email).or(l.contact.phone).unwrap_or_else(|| format!("#{}", l.lead_id)),
                holder: l.holder.map(|h| h.name),
                due_iso: l.due_at.to_string(),
                how,
            }
        })
        .collect();
    Ok(page(LatePage {
        admin: c.role == Role::Admin,
        now_iso: now.to_string(),
        me: Some(c.user.name.clone()),
        page: "late",
        languages: LANGUAGES,
        rows,
        everyone,
        t,
    }))
}
