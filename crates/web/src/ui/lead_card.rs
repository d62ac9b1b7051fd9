//! The lead card: the customer, the inquiry, open tasks, the conversation, earlier inquiries
//! of the same contact, the timeline, the customer's documents (for those who may open them)
//! and the forms of what the reader may do (see `lead_actions`).

use super::error::PageResult;
use super::{LANGUAGES, Signed, fail, i18n::Tr, local, page, user_tz};
use crate::AppState;
use crate::app::or_not_found;
use askama::Template;
use axum::extract::{Path, Query, State};
use pronto_domain::user::Action;
use pronto_store::{ActivityRecord, LeadFilter, TaskFilter};
use std::collections::HashMap;
use std::sync::Arc;

/// One line of the timeline: when (local) and what happened, as a sentence.
struct TimelineRow {
    at_iso: String,
    at_local: String,
    text: String,
}

struct EmailRow {
    /// Outgoing: "queued" or "sent" in the reader's words (a queued e-mail is never "sent").
    state: String,
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
    /// The offer's editor or the draft's sending, for a task that prepares or sends the offer.
    offer: Option<super::offer_tasks::TaskOffer>,
}

/// What the customer sent from their page and nobody answered yet: shown on top.
struct SentRow {
    what: String,
    when: String,
    text: String,
}

/// A stage the select offers: (id, label, an admin's override).
struct StageOption {
    id: String,
    label: String,
    over: bool,
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
    /// The phone given with this inquiry (else the contact's).
    phone: Option<String>,
    /// The first lines of the message, for the first screen.
    snippet: String,
    /// The soonest open task, for the first screen.
    next_task: Option<OpenTask>,
    /// What the last action did and what follows.
    flash: Option<String>,
    /// Now in the reader's zone as a `datetime-local` value (the task form's earliest time).
    now_local_input: String,
    customer_sent: Vec<SentRow>,
    email: Option<String>,
    company: Option<String>,
    subject: String,
    message: String,
    channel: String,
    status: String,
    owner: String,
    owner_id: i64,
    received_iso: String,
    received_local: String,
    /// The lead's stage id (`stage` is its title).
    stage_id: String,
    stage_title: String,
    stages: Vec<StageOption>,
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
    /// The lead's offers, newest first, with the editor's buttons and the comparison (issue 20).
    offers: super::offers_card::OffersCard,
    /// The customer's requisites (issue 21).
    rq_card: super::requisites::Card,
    /// The lead's invoices and "Issue the invoice" (issue 21, invoices).
    invoices: super::invoices_card::InvoicesCard,
    /// The lead's deliveries and the form to plan one (issue 21, delivery).
    delivery: super::delivery::DeliveryCard,
    /// The lead's purchases from suppliers (issue 21, purchases).
    purchases: super::purchases_card::PurchasesCard,
}

/// The stage's title in its playbook (its id when the playbook has no such stage).
pub(crate) fn stage_title(pb: &pronto_playbook::Playbook, id: &str) -> String {
    pb.stage(id).map(|s| s.title.clone()).unwrap_or_else(|| id.to_owned())
}

/// The stages the select offers: the one the lead is in and what the playbook says follows
/// it; an admin sees every other stage too, marked as an override. The deal's stages only to
/// those who work the deal.
fn stage_options(
    pb: &pronto_playbook::Playbook,
    current: &str,
    admin: bool,
    deal: bool,
    t: &Tr,
    title_of: &dyn Fn(&str) -> String,
) -> Vec<StageOption> {
    use pronto_playbook::model::StageMove;
    pb.stage_ids()
        .into_iter()
        .filter(|s| *s == current || deal || !pb.is_deal_stage(s))
        .filter_map(|s| {
            let over = match pb.stage_move(current, s, admin) {
                StageMove::Stay | StageMove::Follows => false,
                StageMove::Override => true,
                StageMove::Refused { .. } | StageMove::Unknown => return None,
            };
            let title = title_of(s);
            let label = if over { t.s("flow-stage-override", &title) } else { title };
            Some(StageOption { id: s.to_owned(), label, over })
        })
        .collect()
}

/// What the customer sent from their page (a message, a call-back request, a document) that
/// nobody has answered: after the team's last answer (an e-mail or SMS out, a call that
/// reached them, a note, a meeting — by a person) and after the last "mark answered"
/// (`marked`: the activity it went up to).
pub(crate) fn unanswered(acts: &[ActivityRecord], marked: Option<i64>) -> Vec<&ActivityRecord> {
    let from_customer = |a: &ActivityRecord| matches!(a.kind.as_str(), "message" | "callback" | "document") && a.user.is_none();
    let answer = |a: &ActivityRecord| {
        a.user.is_some()
            && match a.kind.as_str() {
                "email" | "sms" => a.direction.as_deref() == Some("out"),
                "call" => matches!(a.outcome.as_deref(), Some("reached" | "transferred" | "manager_busy")),
                "note" | "meeting" => true,
                _ => false,
            }
    };
    let mut sorted: Vec<&ActivityRecord> = acts.iter().collect();
    sorted.sort_by_key(|a| (a.at, a.id));
    let last_answer = sorted.iter().rposition(|a| answer(a));
    sorted
        .into_iter()
        .enumerate()
        .filter(|(i, a)| last_answer.is_none_or(|l| *i > l) && from_customer(a) && marked.is_none_or(|m| a.id > m))
        .map(|(_, a)| a)
        .collect()
}

/// The first lines of a message, for the first screen of a phone: three lines, 160 characters.
pub(crate) fn snippet(message: &str) -> String {
    let lines: Vec<&str> = message.lines().map(str::trim).filter(|l| !l.is_empty()).take(3).collect();
    let joined = lines.join(" ");
    if joined.chars().count() > 160 {
        format!("{}…", joined.chars().take(159).collect::<String>().trim_end())
    } else if message.lines().filter(|l| !l.trim().is_empty()).count() > 3 {
        format!("{joined} …")
    } else {
        joined
    }
}

pub(super) async fn lead_page(
    State(st): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Query(q): Query<HashMap<String, String>>,
) -> PageResult {
    card_page(st, signed, id, q, false).await
}

/// The lead card; `reveal_id_document`: the customer's passport data shown (issue 21: the
/// caller checked the reader may, and the read is audited).
pub(super) async fn card_page(
    st: AppState,
    Signed(c, t): Signed,
    id: i64,
    q: HashMap<String, String>,
    reveal_id_document: bool,
) -> PageResult {
    let l = st.store.lead(id).await.map_err(|e| fail(&st, &c, &t, "/inbox")(or_not_found(e, "lead")))?;
    let zone = user_tz(&st, &c);
    let now = st.clock.now();
    let on = crate::access::on_lead(&st, &c, id).await.map_err(fail(&st, &c, &t, "/inbox"))?;
    let may = |a: Action| c.role.may(a, &on);
    let namer = super::words::Namer::new(&st);
    let pb = st.store.playbooks().get(&l.playbook, l.playbook_version);
    // The stages this reader may move the lead to: what follows in the playbook (an admin
    // anything, marked); the deal is not every role's.
    let admin = crate::app::leads::may_override_stages(&c);
    let title_of = |s: &str| namer.stage(&t, &l.playbook, l.playbook_version, s);
    let stages = pb.as_ref().map(|pb| stage_options(pb, &l.stage, admin, may(Action::WorkDeal), &t, &title_of)).unwrap_or_default();
    let stage_label = title_of(&l.stage);
    let users = st.store.users().await.unwrap_or_default().into_iter().filter(|u| u.active).map(|u| (u.id, u.name)).collect();
    let open = st
        .store
        .tasks(&TaskFilter { lead: Some(id), status: Some("open".into()), limit: 50, ..Default::default() })
        .await
        .unwrap_or_default();
    let lead_offers = st.store.lead_offers(id).await.unwrap_or_default();
    // A scheduled retry is an open task due at its time: "Call again — 10:55".
    let row = |k: &pronto_store::TaskRecord| OpenTask {
        offer: super::offer_tasks::work(&st, &l.playbook, l.playbook_version, &k.task)
            .filter(|_| may(Action::WorkDeal))
            .map(|w| super::offer_tasks::action(&t, id, w, &lead_offers, now)),
        title: if k.kind == "call" && k.attempt > 1 {
            format!("{} — {}", t.t("flow-call-again"), super::flash::when(k.due_at, now, &zone))
        } else {
            namer.task_title(&t, &l.playbook, l.playbook_version, &k.task, &k.title)
        },
        due_iso: k.due_at.to_string(),
        due_local: local(k.due_at, &zone),
        assignee: k.assignee.as_ref().map(|a| a.name.clone()),
    };
    let next_task = open.iter().min_by_key(|k| (k.due_at, k.id)).map(row);
    let tasks: Vec<OpenTask> = open.iter().map(row).collect();
    let activities = st.store.activities(id).await.unwrap_or_default();
    let marked = st
        .store
        .timeline(id)
        .await
        .unwrap_or_default()
        .iter()
        .filter(|e| e.kind == "customer.answered")
        .filter_map(|e| e.data["activity_id"].as_i64())
        .max();
    let customer_sent = unanswered(&activities, marked)
        .into_iter()
        .map(|a| SentRow {
            what: t.t(&format!("flow-customer-{}", a.kind)),
            when: super::flash::when(a.at, now, &zone),
            text: a.body.clone().unwrap_or_default(),
        })
        .collect();
    let emails_list = st.store.emails(id).await.unwrap_or_default();
    let emails = emails_list
        .into_iter()
        .map(|e| EmailRow {
            state: match (e.direction.as_str(), e.status.as_deref()) {
                ("out", Some("sent" | "delivered")) => t.t("flow-email-sent"),
                ("out", Some("failed")) => t.t("flow-email-failed"),
                ("out", _) => t.t("flow-email-queued"),
                _ => String::new(),
            },
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
    let flash = super::flash::sentence(&st, &t, &zone, &q).await;
    let offers = super::offers_card::card(&t, id, &lead_offers, now, may(Action::WorkDeal), &q);
    // The customer's requisites (issue 21, helper "requisites").
    let stored = st.store.requisites(id).await.ok().flatten();
    let shown = if reveal_id_document && may(Action::ReadIdDocument) {
        crate::app::requisites::get(&st, &c, id, true).await.map_err(fail(&st, &c, &t, "/inbox"))?.and_then(|v| match v.id_document {
            crate::app::requisites::IdDocument::Shown(s) => Some(s),
            _ => None,
        })
    } else {
        None
    };
    let rq_card = super::requisites::card(
        &t,
        id,
        stored.as_ref(),
        shown,
        may(Action::ReadIdDocument),
        may(Action::EditRequisites),
        |at| local(at, &zone),
        &q,
    );
    let delivery = {
        let office = crate::app::offers::lead_zone(&st, &l);
        super::delivery::card(&t, id, &st.store.lead_deliveries(id).await.unwrap_or_default(), &office, now, may(Action::WorkDeal), &q)
    };
    let mut invoices = super::invoices_card::card(
        &t,
        id,
        &st.store.lead_invoices(id).await.unwrap_or_default(),
        &lead_offers,
        now,
        may(Action::WorkDeal),
        may(Action::RecordPayment),
        now.to_zoned(crate::app::offers::lead_zone(&st, &l)).date(),
        &q,
    );
    invoices.may_reconcile = may(Action::ReconcilePayments);
    // The supplier's purchase (issue 21, helper "purchase").
    let lead_purchases = st.store.lead_purchases(id).await.unwrap_or_default();
    for row in invoices.rows.iter_mut() {
        row.supplier = super::purchases_card::attached_to(&t, &lead_purchases, row.offer_id, may(Action::ReadPersonalData));
    }
    let purchases = super::purchases_card::card(
        &t,
        id,
        &lead_purchases,
        &lead_offers,
        super::purchases_card::May { work: may(Action::WorkDeal), manage: may(Action::ManagePurchases), open: may(Action::ReadPersonalData) },
        |at| local(at, &zone),
        &q,
    );
    Ok(page(LeadPage {
        offers,
        rq_card,
        invoices,
        delivery,
        purchases,
        admin: c.role == pronto_domain::user::Role::Admin,
        now_iso: now.to_string(),
        me: Some(c.user.name.clone()),
        page: "lead",
        languages: LANGUAGES,
        lead_id: id,
        id_text: format!("#{id}"),
        contact: l.contact.name.clone().or(l.contact.email.clone()).or(l.contact.phone.clone()).unwrap_or_else(|| format!("#{id}")),
        phone: l.phone.clone(),
        snippet: snippet(l.message.as_deref().unwrap_or_default()),
        next_task,
        flash,
        now_local_input: now.to_zoned(zone.clone()).strftime("%Y-%m-%dT%H:%M").to_string(),
        customer_sent,
        email: l.contact.email.clone(),
        company: l.company.as_ref().and_then(|c| c.name.clone()),
        subject: l.subject.clone().unwrap_or_default(),
        message: l.message.clone().unwrap_or_default(),
        channel: super::words::channel(&t, &l.channel),
        stage_id: l.stage.clone(),
        status: super::words::status(&t, &l.status),
        owner_id: l.owner.as_ref().map(|o| o.id).unwrap_or(0),
        owner: l.owner.map(|o| o.name).unwrap_or_else(|| t.t("unassigned")),
        received_iso: l.received_at.to_string(),
        received_local: local(l.received_at, &zone),
        stage_title: stage_label,
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
            text: sentence(
                t,
                &book,
                &Stored { at: e.at, kind: &e.kind, data: &e.data, actor: e.actor.as_ref().map(|a| a.name.as_str()) },
                &names,
                zone,
            ),
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

#[cfg(test)]
mod flow_tests {
    use super::{snippet, unanswered};
    use pronto_store::{ActivityRecord, UserRef};

    fn act(id: i64, min: i64, kind: &str, direction: Option<&str>, outcome: Option<&str>, staff: bool) -> ActivityRecord {
        ActivityRecord {
            id,
            lead_id: 1,
            kind: kind.into(),
            direction: direction.map(Into::into),
            outcome: outcome.map(Into::into),
            body: Some(format!("a{id}")),
            at: jiff::Timestamp::from_second(1_800_000_000 + min * 60).unwrap(),
            user: staff.then(|| UserRef { id: 5, name: "Jana".into() }),
        }
    }

    #[test]
    fn what_the_customer_sent_stays_on_top_until_answered() {
        let msg = |id, min| act(id, min, "message", None, None, false);
        let table: Vec<(&str, Vec<ActivityRecord>, Option<i64>, Vec<i64>)> = vec![
            ("nothing sent", vec![act(1, 0, "note", None, None, true)], None, vec![]),
            ("a message", vec![msg(1, 0)], None, vec![1]),
            (
                "a message, a call-back request and a document",
                vec![msg(1, 0), act(2, 1, "callback", None, None, false), act(3, 2, "document", None, None, false)],
                None,
                vec![1, 2, 3],
            ),
            ("answered by e-mail", vec![msg(1, 0), act(2, 5, "email", Some("out"), None, true)], None, vec![]),
            ("answered by a call that reached them", vec![msg(1, 0), act(2, 5, "call", Some("out"), Some("reached"), true)], None, vec![]),
            (
                "a call nobody answered is no answer",
                vec![msg(1, 0), act(2, 5, "call", Some("out"), Some("no_answer"), true)],
                None,
                vec![1],
            ),
            ("a note by the team", vec![msg(1, 0), act(2, 5, "note", None, None, true)], None, vec![]),
            ("an e-mail that came in is no answer", vec![msg(1, 0), act(2, 5, "email", Some("in"), None, false)], None, vec![1]),
            ("the answer came before the message", vec![act(1, 0, "email", Some("out"), None, true), msg(2, 5)], None, vec![2]),
            ("marked answered", vec![msg(1, 0), msg(2, 1)], Some(2), vec![]),
            ("a new message after the mark", vec![msg(1, 0), msg(2, 1), msg(3, 9)], Some(2), vec![3]),
        ];
        for (what, acts, marked, want) in table {
            let got: Vec<i64> = unanswered(&acts, marked).iter().map(|a| a.id).collect();
            assert_eq!(got, want, "{what}");
        }
    }

    #[test]
    fn the_first_lines_of_a_message() {
        assert_eq!(snippet(""), "");
        assert_eq!(snippet("Dobrý den,\n\nprosím o nabídku."), "Dobrý den, prosím o nabídku.");
        assert_eq!(snippet("a\nb\nc\nd"), "a b c …");
        let long = "x".repeat(400);
        assert_eq!(snippet(&long).chars().count(), 160);
    }
}
