//! My tasks: the reader's open tasks grouped by when they are due (overdue, due now, later:
//! a scheduled retry waits there until its time), each with its lead, script and outcomes; completing one, and "call back at …".

use super::error::PageResult;
use super::{LANGUAGES, Signed, fail, i18n::Tr, local, page, user_tz};
use crate::AppState;
use crate::app::next::{self, CallOutcome, Done};
use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::response::IntoResponse;
use axum::http::HeaderMap;
use pronto_store::TaskFilter;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;

struct TaskRow {
    id: i64,
    lead_id: i64,
    title: String,
    /// A retry: the task's own title, under "Call again".
    again: Option<String>,
    priority: String,
    lead_line: String,
    phone: Option<String>,
    due_iso: String,
    due_local: String,
    /// The call script as HTML (rendered Markdown; HTML in the source escaped).
    script: Option<String>,
    outcomes: Vec<(String, String)>,
    /// The task records a complaint on one of its outcomes (the quality call's `negative`,
    /// issue 21): the outcomes' form asks for its substance.
    complaint_note: bool,
    /// The offer's editor or the draft's sending, for a task that prepares or sends the offer.
    offer: Option<super::offer_tasks::TaskOffer>,
}

struct Group {
    title: String,
    tasks: Vec<TaskRow>,
}

#[derive(Template)]
#[template(path = "tasks.html")]
struct TasksPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    groups: Vec<Group>,
    overdue: i64,
    /// What the last action did and what follows (`flash`).
    flash: Option<String>,
}

/// Which group a task due at `due` is in at `now`: overdue (over a minute late), due now
/// (within the minute), later (anything ahead: a scheduled retry waits here until its time).
pub(crate) fn group_of(due: jiff::Timestamp, now: jiff::Timestamp) -> usize {
    let minute = jiff::SignedDuration::from_mins(1);
    if due < now - minute {
        0
    } else if due <= now + minute {
        1
    } else {
        2
    }
}

pub(super) async fn tasks_page(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> PageResult {
    let filter = TaskFilter { assignee: Some(c.user.id), status: Some("open".into()), limit: 200, ..Default::default() };
    let list = st.store.tasks(&filter).await.map_err(|e| fail(&st, &c, &t, "/tasks")(e.into()))?;
    let now = st.clock.now();
    let zone = user_tz(&st, &c);
    let reg = st.store.playbooks();
    let namer = super::words::Namer::new(&st);
    let mut groups: Vec<Group> = ["overdue", "due-now", "later"].iter().map(|k| Group { title: t.t(k), tasks: vec![] }).collect();
    for k in list {
        let lead = st.store.lead(k.lead_id).await.ok();
        let outcomes: Vec<String> = lead
            .as_ref()
            .and_then(|l| reg.get(&l.playbook, l.playbook_version))
            .and_then(|pb| pb.tasks.get(&k.task).map(|d| d.outcomes.clone()))
            .unwrap_or_else(|| vec!["done".into()]);
        let complaint_note = lead
            .as_ref()
            .and_then(|l| reg.get(&l.playbook, l.playbook_version))
            .and_then(|pb| pb.tasks.get(&k.task).map(|d| d.complaint.is_some()))
            .unwrap_or(false);
        // A task that prepares or sends the offer opens the editor or sends the draft (issue 20).
        let work = lead.as_ref().and_then(|l| super::offer_tasks::work(&st, &l.playbook, l.playbook_version, &k.task));
        let offer = match work {
            Some(w) if c.require(pronto_domain::user::Action::WorkDeal).is_ok() => {
                let offers = st.store.lead_offers(k.lead_id).await.unwrap_or_default();
                Some(super::offer_tasks::action(&t, k.lead_id, w, &offers, now))
            }
            _ => None,
        };
        let outcomes = super::offer_tasks::outcomes_by_hand(outcomes, work);
        let g = group_of(k.due_at, now);
        // A scheduled retry says so: "Call again — 10:55".
        let again = k.kind == "call" && k.attempt > 1;
        groups[g].tasks.push(TaskRow {
            id: k.id,
            lead_id: k.lead_id,
            title: if again {
                format!("{} — {}", t.t("flow-call-again"), super::flash::when(k.due_at, now, &zone))
            } else {
                lead.as_ref().map(|l| namer.task_title(&t, &l.playbook, l.playbook_version, &k.task, &k.title)).unwrap_or_else(|| k.title.clone())
            },
            again: again.then(|| lead.as_ref().map(|l| namer.task_title(&t, &l.playbook, l.playbook_version, &k.task, &k.title)).unwrap_or_else(|| k.title.clone())),
            priority: k.priority.clone(),
            lead_line: lead
                .as_ref()
                .map(|l| {
                    let who = l.contact.name.clone().or(l.contact.email.clone()).unwrap_or_else(|| format!("#{}", l.id));
                    match &l.subject {
                        Some(s) => format!("{who} — {s}"),
                        None => who,
                    }
                })
                .unwrap_or_default(),
            phone: lead.as_ref().and_then(|l| l.phone.clone()),
            due_iso: k.due_at.to_string(),
            due_local: local(k.due_at, &zone),
            script: k.script.as_deref().map(super::markdown::script_html),
            outcomes: outcomes
                .into_iter()
                .map(|o| {
                    let label = match &lead {
                        Some(l) => namer.outcome(&t, &l.playbook, l.playbook_version, &o),
                        None => super::words::outcome(&t, &super::words::Book::new(&reg.messages(), "", None), &o),
                    };
                    (o, label)
                })
                .collect(),
            offer,
            complaint_note,
        });
    }
    let overdue = groups[0].tasks.len() as i64;
    groups.retain(|g| !g.tasks.is_empty());
    let flash = super::flash::sentence(&st, &t, &zone, &q).await;
    Ok(page(TasksPage {
        admin: c.role == pronto_domain::user::Role::Admin,
        now_iso: now.to_string(),
        t,
        me: Some(c.user.name.clone()),
        page: "tasks",
        languages: LANGUAGES,
        groups,
        overdue,
        flash,
    }))
}

#[derive(Deserialize)]
pub(super) struct OutcomeForm {
    outcome: String,
    /// What the customer said (the complaint's substance on a negative quality call).
    #[serde(default)]
    note: String,
}

pub(super) async fn complete(
    State(st): State<AppState>,
    headers: HeaderMap,
    Signed(c, t): Signed,
    Path(id): Path<i64>,
    Form(f): Form<OutcomeForm>,
) -> PageResult {
    let lead = st.store.task(id).await.ok().map(|k| k.lead_id);
    let owner_before = match lead {
        Some(l) => next::owner_of(&st, l).await,
        None => None,
    };
    let done = crate::app::tasks::complete(&st, &c, id, Some(&f.outcome), Some(f.note.trim()).filter(|n| !n.is_empty())).await.map_err(fail(&st, &c, &t, "/tasks"))?;
    let then = next::after(&st, done.lead_id, c.user.id, owner_before).await;
    let what = match done.kind.as_str() {
        "call" => Done::Call(CallOutcome::parse(&f.outcome)),
        _ => Done::Complete,
    };
    Ok(back_with(&headers, "/tasks", &super::flash::query(what, then)))
}

#[derive(Deserialize)]
pub(super) struct CallbackForm {
    at: String,
}

/// "Call back at …": the task waits for that time (the reader's time zone).
pub(super) async fn callback(
    State(st): State<AppState>,
    headers: HeaderMap,
    Signed(c, t): Signed,
    Path(id): Path<i64>,
    Form(f): Form<CallbackForm>,
) -> PageResult {
    let zone = user_tz(&st, &c);
    if let Some(at) = crate::app::tasks::local_time(&f.at, &zone)
        && crate::app::tasks::not_past(at, st.clock.now(), &zone).is_err()
    {
        let now = super::flash::when(st.clock.now(), st.clock.now(), &zone);
        let said = at.to_zoned(zone.clone()).strftime("%-d. %-m. %Y %H:%M").to_string();
        let e = crate::app::Error::invalid("at", t.with("flow-due-past", &[("due", &said), ("now", &now)]));
        return Err(fail(&st, &c, &t, "/tasks")(e));
    }
    crate::app::tasks::reschedule(&st, &c, id, &f.at, &zone).await.map_err(fail(&st, &c, &t, "/tasks"))?;
    let lead = st.store.task(id).await.map(|k| k.lead_id).unwrap_or_default();
    let owner = next::owner_of(&st, lead).await;
    let then = next::after(&st, lead, c.user.id, owner).await;
    Ok(back_with(&headers, "/tasks", &super::flash::query(Done::Callback, then)))
}

/// Back to the page the form was on (same origin only), else `fallback`, with `query` (the
/// flash) instead of the page's own query.
fn back_with(headers: &HeaderMap, fallback: &str, query: &str) -> axum::response::Response {
    let to = headers
        .get(axum::http::header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(super::redirect::back_path)
        .unwrap_or(fallback);
    let path = to.split(['?', '#']).next().unwrap_or(fallback);
    axum::response::Redirect::to(&format!("{path}?{query}")).into_response()
}

#[cfg(test)]
mod tests {
    use super::group_of;

    #[test]
    fn a_task_ahead_is_later_not_due_now() {
        let now: jiff::Timestamp = "2026-12-03T09:00:00Z".parse().unwrap();
        let table = [
            ("2026-12-03T08:00:00Z", 0),
            ("2026-12-03T08:58:59Z", 0),
            ("2026-12-03T08:59:30Z", 1),
            ("2026-12-03T09:00:00Z", 1),
            ("2026-12-03T09:01:00Z", 1),
            // A retry 5 minutes ahead waits under "later".
            ("2026-12-03T09:05:00Z", 2),
            ("2026-12-04T09:00:00Z", 2),
        ];
        for (due, g) in table {
            assert_eq!(group_of(due.parse().unwrap(), now), g, "{due}");
        }
    }
}
