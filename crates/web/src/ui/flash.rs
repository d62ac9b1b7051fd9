//! The answer to every action on a lead, shown at the top of the page it returns to: "No
//! answer noted. Next attempt at 10:55." The action redirects with a code, never text
//! (`?done=call-no_answer&next=attempt&at=1796264227`, see [`query`]); the page maps the code
//! to a sentence in the reader's language and looks the data up itself (the time in the
//! reader's zone, a user's name from the store), so nothing from the address reaches the page
//! but known words, a number turned into a time and a name the store holds. `flow.js` takes
//! the code out of the address once shown, so a reload does not say it again.

use super::i18n::Tr;
use crate::AppState;
use crate::app::next::{CallOutcome, Done, Next};
use jiff::Timestamp;
use std::collections::HashMap;

/// What an action did and what follows, as the query of the page it redirects to.
pub(crate) fn query(done: Done, next: Next) -> String {
    let done = match done {
        Done::Call(o) => match o {
            CallOutcome::Reached => "call-reached",
            CallOutcome::NoAnswer => "call-no_answer",
            CallOutcome::Busy => "call-busy",
            CallOutcome::Failed => "call-failed",
            CallOutcome::Other => "call",
        },
        Done::Note => "note",
        Done::Email { sent: true } => "email-sent",
        Done::Email { sent: false } => "email-queued",
        Done::Assign => "assign",
        Done::Stage => "stage",
        Done::Task => "task",
        Done::Complete => "complete",
        Done::Callback => "callback",
        Done::Answered => "answered",
    };
    let next = match next {
        Next::Attempt { at } => format!("&next=attempt&at={}", at.as_second()),
        Next::HandedTo { user } => format!("&next=handed&u={user}"),
        Next::Task { at } => format!("&next=task&at={}", at.as_second()),
        Next::DueNow => "&next=due".into(),
        Next::Closed => "&next=closed".into(),
        Next::Nothing => "&next=none".into(),
    };
    format!("done={done}{next}")
}

/// The codes a page knows (anything else in the address is ignored).
const DONE: &[&str] = &[
    "call-reached",
    "call-no_answer",
    "call-busy",
    "call-failed",
    "call",
    "note",
    "email-sent",
    "email-queued",
    "email-unconfigured",
    "assign",
    "stage",
    "task",
    "complete",
    "callback",
    "answered",
];
const NEXT: &[&str] = &["attempt", "handed", "task", "due", "closed", "none"];

/// The parts of a page's query that make its flash, checked: `(done, next, at, user)`.
pub(crate) fn parse(q: &HashMap<String, String>) -> Option<(&'static str, Option<&'static str>, Option<Timestamp>, Option<i64>)> {
    let done = DONE.iter().find(|d| q.get("done").is_some_and(|v| v == **d))?;
    let next = NEXT.iter().find(|n| q.get("next").is_some_and(|v| v == **n)).copied();
    let at = q.get("at").and_then(|v| v.parse::<i64>().ok()).and_then(|s| Timestamp::from_second(s).ok());
    let user = q.get("u").and_then(|v| v.parse::<i64>().ok());
    Some((done, next, at, user))
}

/// The flash of a page's query as one sentence in the reader's language, or none.
pub(crate) async fn sentence(st: &AppState, t: &Tr, zone: &jiff::tz::TimeZone, q: &HashMap<String, String>) -> Option<String> {
    let (mut done, next, at, user) = parse(q)?;
    // Queued with nothing to send it: say so rather than promise a minute.
    if done == "email-queued" && st.settings.senders.email().is_none() {
        done = "email-unconfigured";
    }
    let first = t.t(&format!("flow-done-{done}"));
    let then = match next {
        Some("attempt") => at.map(|at| t.s("flow-next-attempt", &when(at, st.clock.now(), zone))),
        Some("task") => at.map(|at| t.s("flow-next-task", &when(at, st.clock.now(), zone))),
        Some("handed") => match user {
            Some(u) => st.store.user(u).await.ok().map(|u| t.s("flow-next-handed", &u.name)),
            None => None,
        },
        Some(n @ ("due" | "closed" | "none")) => Some(t.t(&format!("flow-next-{n}"))),
        _ => None,
    };
    Some(match then {
        Some(then) => format!("{first} {then}"),
        None => first,
    })
}

/// A time as the reader says it: "10:55" today, "4. 12. 10:55" another day.
pub(crate) fn when(at: Timestamp, now: Timestamp, zone: &jiff::tz::TimeZone) -> String {
    let z = at.to_zoned(zone.clone());
    if z.date() == now.to_zoned(zone.clone()).date() { z.strftime("%H:%M").to_string() } else { z.strftime("%-d. %-m. %H:%M").to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> HashMap<String, String> {
        s.split('&').filter_map(|p| p.split_once('=')).map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
    }

    #[test]
    fn what_an_action_says_goes_through_the_address_as_codes_only() {
        let at = Timestamp::from_second(1_796_264_100).unwrap();
        let table: &[(Done, Next, &str)] = &[
            (Done::Call(CallOutcome::NoAnswer), Next::Attempt { at }, "done=call-no_answer&next=attempt&at=1796264100"),
            (Done::Assign, Next::HandedTo { user: 7 }, "done=assign&next=handed&u=7"),
            (Done::Email { sent: false }, Next::Task { at }, "done=email-queued&next=task&at=1796264100"),
            (Done::Stage, Next::Closed, "done=stage&next=closed"),
            (Done::Note, Next::Nothing, "done=note&next=none"),
            (Done::Callback, Next::DueNow, "done=callback&next=due"),
        ];
        for (done, next, want) in table {
            let got = query(*done, *next);
            assert_eq!(got, *want);
            assert!(parse(&q(&got)).is_some(), "{got}");
        }
        // Anything not a known code is no flash at all; a bad number is no time.
        assert_eq!(parse(&q("done=<script>alert(1)</script>")), None);
        assert_eq!(parse(&q("next=attempt&at=1")), None);
        assert_eq!(parse(&q("done=note&next=<b>&at=x&u=y")), Some(("note", None, None, None)));
    }

    #[test]
    fn a_time_today_is_only_the_hour() {
        let zone = jiff::tz::TimeZone::get("Europe/Prague").unwrap();
        let now: Timestamp = "2026-12-03T09:00:00Z".parse().unwrap();
        assert_eq!(when("2026-12-03T09:55:00Z".parse().unwrap(), now, &zone), "10:55");
        assert_eq!(when("2026-12-04T07:05:00Z".parse().unwrap(), now, &zone), "4. 12. 08:05");
    }
}
