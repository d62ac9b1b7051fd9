//! The lead card: the customer, the inquiry, open tasks, the conversation, earlier inquiries
//! of the same contact, the timeline, the customer's documents (for those who may open them)
//! and the forms of what the reader may do (see `lead_actions`).

use super::error::PageResult;
use super::{LANGUAGES, Signed, fail, i18n::Tr, local, page, user_tz};
use crate::AppState;
use crate::app::or_not_found;
use askama::Template;
use axum::extract::{Path, State};
use pronto_domain::user::Action;
use pronto_store::{LeadFilter, TaskFilter};
use std::sync::Arc;

/// One line of the timeline: when (local) and what happened, as a sentence.
struct TimelineRow {
    at_iso: String,
    at_local: String,
    text: String,
}

struct EmailRow {
    direction: String,
    subject: String,
    who: String,
    when: String,
    text: String,
}

struct OpenTask {
    title: String,
    due_iso: String,
    due_local: String,
    assignee: Option<String>,
}

#[derive(Template)]
#[template(path = "lead.html")]
struct LeadPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    lead_id: i64,
    id_text: String,
    contact: String,
    phone: Option<String>,
    email: Option<String>,
    company: Option<String>,
    subject: String,
    message: String,
    channel: String,
    stage: String,
    status: String,
    owner: String,
    owner_id: i64,
    received_iso: String,
    received_local: String,
    /// `(id, title)` of the stages the reader may move the lead to.
    stages: Vec<(String, String)>,
    /// The lead's stage (`stage` is its title).
    stage_id: String,
    users: Vec<(i64, String)>,
    call_outcomes: Vec<(String, String)>,
    tasks: Vec<OpenTask>,
    emails: Vec<EmailRow>,
    earlier: Vec<(i64, String)>,
    timeline: Vec<TimelineRow>,
    tracking_url: Option<String>,
    /// The customer's documents: (id, file name, "size · when"); empty unless the reader may
    /// open them (`may_documents`), when `documents_hidden` counts them instead.
    documents: Vec<(i64, String, String)>,
    documents_hidden: i64,
    may_documents: bool,
    may_email: bool,
    may_revoke: bool,
}

pub(super) async fn lead_page(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<i64>) -> PageResult {
    let l = st.store.lead(id).await.map_err(|e| fail(&st, &c, &t, "/inbox")(or_not_found(e, "lead")))?;
    let zone = user_tz(&st, &c);
    let on = crate::access::on_lead(&st, &c, id).await.map_err(fail(&st, &c, &t, "/inbox"))?;
    let may = |a: Action| c.role.may(a, &on);
    // The stages this reader may move the lead to (the deal is not every role's).
    let stages = st
        .store
        .playbooks()
        .get(&l.playbook, l.playbook_version)
        .map(|pb| {
            pb.stage_ids()
                .into_iter()
                .filter(|s| *s == l.stage || may(Action::WorkDeal) || !pb.is_deal_stage(s))
                .map(|s| (s.to_owned(), super::words::Book::new(&st.store.playbooks().messages(), &pb.name, Some(&pb)).stage_title(&t, s)))
                .collect()
        })
        .unwrap_or_default();
    let namer = super::words::Namer::new(&st);
    let users = st.store.users().await.unwrap_or_default().into_iter().filter(|u| u.active).map(|u| (u.id, u.name)).collect();
    let tasks = st
        .store
        .tasks(&TaskFilter { lead: Some(id), status: Some("open".into()), limit: 50, ..Default::default() })
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|k| OpenTask { title: k.title, due_iso: k.due_at.to_string(), due_local: local(k.due_at, &zone), assignee: k.assignee.map(|a| a.name) })
        .collect();
    let emails = st
        .store
        .emails(id)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|e| EmailRow {
            direction: e.direction.clone(),
            subject: e.subject.unwrap_or_default(),
            who: if e.direction == "in" { e.from_name.or(e.from_address).unwrap_or_default() } else { e.to_address.unwrap_or_default() },
            when: local(e.created_at, &zone),
            text: e.text,
        })
        .collect();
    let earlier = st
        .store
        .leads(&LeadFilter { contact: Some(l.contact.id), limit: 20, ..Default::default() })
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|x| x.id != id)
        .map(|x| {
            let stage = namer.stage(&t, &x.playbook, x.playbook_version, &x.stage);
            (x.id, format!("#{} {} — {} ({})", x.id, x.subject.unwrap_or_default(), stage, local(x.received_at, &zone)))
        })
        .collect();
    let timeline = timeline(&st, &t, &l, &zone).await;
    let call_outcomes = ["reached", "no_answer", "busy", "failed"].iter().map(|o| (o.to_string(), t.t(&format!("outcome-{o}")))).collect();
    let files = st.store.customer_files(id).await.unwrap_or_default();
    let documents_hidden = files.len() as i64;
    let documents = if may(Action::ReadPersonalData) {
        files.into_iter().map(|f| (f.id, f.filename, format!("{} kB · {}", (f.size + 1023) / 1024, local(f.created_at, &zone)))).collect()
    } else {
        Vec::new()
    };
    Ok(page(LeadPage {
        admin: c.role == pronto_domain::user::Role::Admin,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "lead",
        languages: LANGUAGES,
        lead_id: id,
        id_text: format!("#{id}"),
        contact: l.contact.name.clone().or(l.contact.email.clone()).or(l.contact.phone.clone()).unwrap_or_else(|| format!("#{id}")),
        phone: l.contact.phone.clone(),
        email: l.contact.email.clone(),
        company: l.company.as_ref().and_then(|c| c.name.clone()),
        subject: l.subject.clone().unwrap_or_default(),
        message: l.message.clone().unwrap_or_default(),
        channel: super::words::channel(&t, &l.channel),
        stage: namer.stage(&t, &l.playbook, l.playbook_version, &l.stage),
        stage_id: l.stage.clone(),
        status: super::words::status(&t, &l.status),
        owner_id: l.owner.as_ref().map(|o| o.id).unwrap_or(0),
        owner: l.owner.map(|o| o.name).unwrap_or_else(|| t.t("unassigned")),
        received_iso: l.received_at.to_string(),
        received_local: local(l.received_at, &zone),
        stages,
        users,
        call_outcomes,
        tasks,
        emails,
        earlier,
        timeline,
        tracking_url: l.tracking_url.clone(),
        documents,
        documents_hidden,
        may_documents: may(Action::ReadPersonalData),
        may_email: may(Action::SendEmail),
        may_revoke: may(Action::RevokeLink),
        t,
    }))
}

/// The lead's events as sentences in the reader's language and time zone, newest last.
async fn timeline(st: &AppState, t: &Tr, l: &pronto_store::LeadRecord, zone: &jiff::tz::TimeZone) -> Vec<TimelineRow> {
    use super::words::{Book, Names, Stored, local_time, sentence};
    let events = st.store.timeline(l.id).await.unwrap_or_default();
    let mut names = Names::default();
    names.users = st.store.users().await.unwrap_or_default().into_iter().map(|u| (u.id, u.name)).collect();
    if let Some(n) = l.contact.name.clone().or(l.contact.email.clone()).or(l.contact.phone.clone()) {
        names.contacts.insert(l.contact.id, n);
    }
    let reg = st.store.playbooks();
    let messages = reg.messages();
    let def = reg.get(&l.playbook, l.playbook_version);
    let book = Book::new(&messages, &l.playbook, def.as_deref());
    names.tasks = st
        .store
        .tasks(&TaskFilter { lead: Some(l.id), limit: 500, ..Default::default() })
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|k| (k.id, super::words::task_title(t, &book, &k.task, &k.title)))
        .collect();
    let now = st.clock.now();
    events
        .iter()
        .filter(|e| !super::words::MACHINERY.contains(&e.kind.as_str()))
        .map(|e| TimelineRow {
            at_iso: e.at.to_string(),
            at_local: local_time(e.at, now, zone),
            text: sentence(t, &book, &Stored { at: e.at, kind: &e.kind, data: &e.data, actor: e.actor.as_ref().map(|a| a.name.as_str()) }, &names, zone),
        })
        .collect()
}

/// A timeline event's data in one line (the template escapes it).
pub(super) fn detail(v: &serde_json::Value) -> String {
    match v.as_object() {
        Some(m) => m
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| format!("{k}: {}", v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string())))
            .collect::<Vec<_>>()
            .join(", "),
        None => String::new(),
    }
}
