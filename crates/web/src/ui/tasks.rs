//! My tasks: the reader's open tasks grouped by when they are due (overdue, due now, today,
//! later), each with its lead, script and outcomes; completing one, and "call back at …".

use super::error::PageResult;
use super::{LANGUAGES, Signed, back, fail, i18n::Tr, local, page, user_tz};
use crate::AppState;
use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::HeaderMap;
use pronto_store::TaskFilter;
use serde::Deserialize;
use std::sync::Arc;

struct TaskRow {
    id: i64,
    lead_id: i64,
    title: String,
    priority: String,
    lead_line: String,
    phone: Option<String>,
    due_iso: String,
    due_local: String,
    /// The call script as HTML (rendered Markdown; HTML in the source escaped).
    script: Option<String>,
    outcomes: Vec<(String, String)>,
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
}

pub(super) async fn tasks_page(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    let filter = TaskFilter { assignee: Some(c.user.id), status: Some("open".into()), limit: 200, ..Default::default() };
    let list = st.store.tasks(&filter).await.map_err(|e| fail(&st, &c, &t, "/tasks")(e.into()))?;
    let now = st.clock.now();
    let zone = user_tz(&st, &c);
    let today_end = now.to_zoned(zone.clone()).date().tomorrow().ok().and_then(|d| d.to_zoned(zone.clone()).ok()).map(|z| z.timestamp());
    let reg = st.store.playbooks();
    let namer = super::words::Namer::new(&st);
    let mut groups: Vec<Group> = ["overdue", "due-now", "today", "later"].iter().map(|k| Group { title: t.t(k), tasks: vec![] }).collect();
    for k in list {
        let lead = st.store.lead(k.lead_id).await.ok();
        let outcomes: Vec<String> = lead
            .as_ref()
            .and_then(|l| reg.get(&l.playbook, l.playbook_version))
            .and_then(|pb| pb.tasks.get(&k.task).map(|d| d.outcomes.clone()))
            .unwrap_or_else(|| vec!["done".into()]);
        let g = if k.due_at < now - jiff::SignedDuration::from_mins(1) {
            0
        } else if k.due_at <= now + jiff::SignedDuration::from_mins(15) {
            1
        } else if today_end.is_some_and(|e| k.due_at < e) {
            2
        } else {
            3
        };
        groups[g].tasks.push(TaskRow {
            id: k.id,
            lead_id: k.lead_id,
            title: lead.as_ref().map(|l| namer.task_title(&t, &l.playbook, l.playbook_version, &k.task, &k.title)).unwrap_or_else(|| k.title.clone()),
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
            phone: lead.as_ref().and_then(|l| l.contact.phone.clone()),
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
        });
    }
    let overdue = groups[0].tasks.len() as i64;
    groups.retain(|g| !g.tasks.is_empty());
    Ok(page(TasksPage { admin: c.role == pronto_domain::user::Role::Admin, now_iso: now.to_string(), t, me: Some(c.user.name.clone()), page: "tasks", languages: LANGUAGES, groups, overdue }))
}

#[derive(Deserialize)]
pub(super) struct OutcomeForm {
    outcome: String,
}

pub(super) async fn complete(
    State(st): State<AppState>,
    headers: HeaderMap,
    Signed(c, t): Signed,
    Path(id): Path<i64>,
    Form(f): Form<OutcomeForm>,
) -> PageResult {
    crate::app::tasks::complete(&st, &c, id, Some(&f.outcome), None).await.map_err(fail(&st, &c, &t, "/tasks"))?;
    Ok(back(&headers, "/tasks"))
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
    crate::app::tasks::reschedule(&st, &c, id, &f.at, &user_tz(&st, &c)).await.map_err(fail(&st, &c, &t, "/tasks"))?;
    Ok(back(&headers, "/tasks"))
}
