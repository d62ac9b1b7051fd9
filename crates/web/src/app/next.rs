//! What happens next: every action on a lead answers with it ("Next attempt at 10:55",
//! "Handed to Marek Dvořák", "E-mail queued — it will be sent within a minute"). A use case
//! that changed a lead says what it did ([`Done`]); [`after`] reads the lead as the change
//! left it and says what follows ([`Next`]). The pages show both as one sentence in the
//! reader's language; nothing here is text.

use crate::AppState;
use jiff::Timestamp;
use pronto_store::TaskFilter;

/// What the reader just did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    /// A call logged with its outcome.
    Call(CallOutcome),
    Note,
    /// An e-mail to the customer: `sent` when it has left already, else queued.
    Email { sent: bool },
    Assign,
    Stage,
    /// A task made by hand.
    Task,
    /// A task completed.
    Complete,
    /// "Call back at …": the task waits for that time.
    Callback,
    /// What the customer sent is marked answered.
    Answered,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallOutcome {
    Reached,
    NoAnswer,
    Busy,
    Failed,
    Other,
}

impl CallOutcome {
    pub fn parse(s: &str) -> CallOutcome {
        match s {
            "reached" => CallOutcome::Reached,
            "no_answer" => CallOutcome::NoAnswer,
            "busy" => CallOutcome::Busy,
            "failed" => CallOutcome::Failed,
            _ => CallOutcome::Other,
        }
    }
}

/// What follows on the lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// The next attempt of a call, an open task due at `at`.
    Attempt { at: Timestamp },
    /// The lead went to another person.
    HandedTo { user: i64 },
    /// The next open task on the lead is due at `at` (in the future).
    Task { at: Timestamp },
    /// An open task is due now (or late).
    DueNow,
    /// The lead is closed (won or lost).
    Closed,
    /// Nothing is open on the lead.
    Nothing,
}

/// The lead as a change left it: who owns it, before the change (`owner_before`), and its
/// soonest open task. A new owner other than the reader comes first; then a retry (an
/// attempt after the first) or the next task.
pub async fn after(st: &AppState, lead_id: i64, reader: i64, owner_before: Option<i64>) -> Next {
    let Ok(lead) = st.store.lead(lead_id).await else { return Next::Nothing };
    let owner = lead.owner.as_ref().map(|o| o.id);
    if owner != owner_before
        && let Some(o) = owner
        && o != reader
    {
        return Next::HandedTo { user: o };
    }
    if lead.status != "open" {
        return Next::Closed;
    }
    let open = st
        .store
        .tasks(&TaskFilter { lead: Some(lead_id), status: Some("open".into()), limit: 50, ..Default::default() })
        .await
        .unwrap_or_default();
    let now = st.clock.now();
    match open.iter().min_by_key(|t| (t.due_at, t.id)) {
        Some(t) if t.due_at <= now => Next::DueNow,
        Some(t) if t.kind == "call" && t.attempt > 1 => Next::Attempt { at: t.due_at },
        Some(t) => Next::Task { at: t.due_at },
        None => Next::Nothing,
    }
}

/// The owner of a lead now (to compare after a change).
pub async fn owner_of(st: &AppState, lead_id: i64) -> Option<i64> {
    st.store.lead(lead_id).await.ok().and_then(|l| l.owner.map(|o| o.id))
}

#[cfg(test)]
mod tests {
    use super::CallOutcome;

    #[test]
    fn call_outcomes_parse() {
        for (s, o) in [
            ("reached", CallOutcome::Reached),
            ("no_answer", CallOutcome::NoAnswer),
            ("busy", CallOutcome::Busy),
            ("failed", CallOutcome::Failed),
            ("transferred", CallOutcome::Other),
        ] {
            assert_eq!(CallOutcome::parse(s), o);
        }
    }
}
