//! An inquiry entered by hand (a call, a walk-in, an e-mail received elsewhere): the contacts
//! it may belong to while it is typed, and what the team is told once it is in. The lead
//! itself is created by [`super::leads::create`], the intake every channel shares.

use super::Result;
use crate::AppState;
use crate::auth::Caller;
use pronto_domain::similar::{self, Known, Probe, Why};
use pronto_domain::user::Action;
use pronto_store::{LeadFilter, LeadRecord, TaskFilter};

/// A contact that looks like the person being entered, with their open inquiries.
#[derive(Debug, Clone)]
pub struct Suggestion {
    pub contact_id: i64,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub company: Option<String>,
    /// Why it is suggested, strongest first.
    pub why: Vec<Why>,
    /// Their open inquiries, newest first (at most three).
    pub open: Vec<LeadRecord>,
}

/// At most this many contacts are suggested.
pub const SUGGESTIONS: i64 = 5;

/// The contacts with the same phone (any notation), e-mail (any letter case) or company id as
/// typed so far; nothing while no value is complete.
pub async fn similar(st: &AppState, caller: &Caller, phone: &str, email: &str, company_id: &str) -> Result<Vec<Suggestion>> {
    caller.require(Action::ReadLeads)?;
    let probe = Probe::read(phone, email, company_id, st.region());
    if probe.is_empty() {
        return Ok(vec![]);
    }
    let found = st
        .store
        .similar_contacts(
            probe.phone.as_ref().map(|p| p.as_str().to_owned()),
            probe.email.as_ref().map(|e| e.as_str().to_owned()),
            probe.company_id.as_ref().map(|c| c.as_str().to_owned()),
            SUGGESTIONS,
        )
        .await?;
    let mut out = Vec::with_capacity(found.len());
    for c in found {
        let why = similar::why(&probe, &Known { identities: &c.identities, company_id: c.company_id.as_deref() });
        if why.is_empty() {
            continue;
        }
        let open = st.store.leads(&LeadFilter { contact: Some(c.id), status: Some("open".into()), limit: 3, ..Default::default() }).await?;
        out.push(Suggestion { contact_id: c.id, name: c.name, phone: c.phone, email: c.email, company: c.company, why, open });
    }
    // The strongest reasons first (a phone before an e-mail before a company).
    out.sort_by(|a, b| a.why.cmp(&b.why));
    Ok(out)
}

/// What happens next to a lead just taken in: who holds it and its first open task.
pub struct Next {
    pub owner: Option<String>,
    /// The soonest open task: its title and when it is due.
    pub task: Option<(String, jiff::Timestamp)>,
}

pub async fn next(st: &AppState, caller: &Caller, lead: &LeadRecord) -> Result<Next> {
    caller.require(Action::ReadLeads)?;
    let tasks = st.store.tasks(&TaskFilter { lead: Some(lead.id), status: Some("open".into()), limit: 20, ..Default::default() }).await?;
    let task = tasks.into_iter().min_by_key(|t| t.due_at).map(|t| (t.title, t.due_at));
    Ok(Next { owner: lead.owner.as_ref().map(|o| o.name.clone()), task })
}
