//! Tasks: one made by hand on a lead, completing one with an outcome (the playbook then
//! reacts: a call with no answer schedules the retry, a reached customer moves the lead on),
//! and "call back at …" (the task waits for that time).

use super::{Error, Result, or_not_found};
use crate::AppState;
use crate::auth::Caller;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use pronto_domain::FieldErrors;
use pronto_domain::user::Action;
use pronto_store::TaskRecord;

/// A `datetime-local` value (a wall-clock time in `zone`) as a moment.
pub fn local_time(v: &str, zone: &TimeZone) -> Option<Timestamp> {
    let dt: jiff::civil::DateTime = v.trim().parse().ok()?;
    dt.to_zoned(zone.clone()).ok().map(|z| z.timestamp())
}

/// A task is due now or later: a time already past (a minute's grace for the form's
/// minutes) is refused, naming both times in `zone`.
pub fn not_past(due: Timestamp, now: Timestamp, zone: &TimeZone) -> std::result::Result<(), String> {
    if due >= now - jiff::SignedDuration::from_mins(1) {
        return Ok(());
    }
    let fmt = |t: Timestamp| t.to_zoned(zone.clone()).strftime("%Y-%m-%d %H:%M").to_string();
    Err(format!("{} is in the past (it is {} now): choose a later time", fmt(due), fmt(now)))
}

/// A task by hand, as the lead card's form sends it (`due` in the reader's time zone `zone`).
pub struct NewTask {
    pub title: String,
    pub due: String,
    pub assignee: Option<i64>,
}

/// Makes a task on lead `lead_id`; returns its id.
pub async fn create(st: &AppState, caller: &Caller, lead_id: i64, input: NewTask, zone: &TimeZone) -> Result<i64> {
    caller.require(Action::EditLead)?;
    let mut e = FieldErrors::new();
    let title = input.title.trim().to_owned();
    if title.is_empty() || title.chars().count() > 300 {
        e.add("title", "1–300 characters");
    }
    let due = local_time(&input.due, zone);
    match due {
        None => e.add("due", "a date and time"),
        Some(d) => {
            if let Err(m) = not_past(d, st.clock.now(), zone) {
                e.add("due", m);
            }
        }
    }
    e.into_result()?;
    let due = due.expect("checked");
    st.store.create_task(lead_id, title, due, input.assignee, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "lead"))
}

/// Completes task `id` with `outcome` (one of its playbook's) and maybe a note. A call task
/// also records the call, an e-mail task an outgoing e-mail, a meeting task a meeting.
pub async fn complete(st: &AppState, caller: &Caller, id: i64, outcome: Option<&str>, note: Option<&str>) -> Result<TaskRecord> {
    caller.require(Action::WorkTasks)?;
    let mut e = FieldErrors::new();
    let outcome = match outcome.map(str::trim).filter(|s| !s.is_empty()) {
        Some(o) if o.len() <= 64 => Some(o.to_owned()),
        Some(_) => {
            e.add("outcome", "is longer than 64 characters");
            None
        }
        None => {
            e.add("outcome", "is required");
            None
        }
    };
    let note = e.take_opt(
        "note",
        note.filter(|n| !n.trim().is_empty())
            .map(|n| pronto_domain::values::Text::parse(n, pronto_domain::lead::MESSAGE_MAX).map(|t| t.as_str().to_owned())),
    );
    e.into_result()?;
    st.store.complete_task(id, outcome.expect("checked"), note, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "task"))?;
    Ok(st.store.task(id).await?)
}

/// "Call back at …": task `id` waits until `at` (a wall-clock time in `zone`).
pub async fn reschedule(st: &AppState, caller: &Caller, id: i64, at: &str, zone: &TimeZone) -> Result<()> {
    caller.require(Action::WorkTasks)?;
    let Some(when) = local_time(at, zone) else {
        return Err(Error::invalid("at", format!("`{at}` is not a date and time")));
    };
    not_past(when, st.clock.now(), zone).map_err(|m| Error::invalid("at", m))?;
    st.store.reschedule_task(id, when, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "task"))
}

#[cfg(test)]
mod tests {
    use super::not_past;
    use jiff::Timestamp;
    use jiff::tz::TimeZone;

    #[test]
    fn a_due_time_in_the_past_is_refused() {
        let now: Timestamp = "2026-12-03T09:00:00Z".parse().unwrap();
        let prague = TimeZone::get("Europe/Prague").unwrap();
        let table: &[(&str, Option<&str>)] = &[
            ("2026-12-03T09:00:00Z", None),
            ("2026-12-03T10:30:00Z", None),
            ("2027-01-01T00:00:00Z", None),
            // The minute the form was filled in.
            ("2026-12-03T08:59:30Z", None),
            ("2026-12-03T08:58:00Z", Some("2026-12-03 09:58 is in the past (it is 2026-12-03 10:00 now): choose a later time")),
            ("2020-01-10T08:00:00Z", Some("2020-01-10 09:00 is in the past (it is 2026-12-03 10:00 now): choose a later time")),
        ];
        for (due, refused) in table {
            let got = not_past(due.parse().unwrap(), now, &prague).err();
            assert_eq!(got.as_deref(), *refused, "{due}");
        }
    }
}
