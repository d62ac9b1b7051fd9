//! The inbox (open leads, new and unassigned first) and the list of every lead (`/leads`,
//! closed ones too): filters (text, channel, stage, owner, age, status) kept in the address,
//! sorted by any column, a hundred at a time with the count, and a checkbox per row for the
//! bulk actions (`bulk.rs`).

use super::error::PageResult;
use super::lists::{self, Accept, Header, PAGE, Pager, Params, Spec};
use super::{CHANNELS, LANGUAGES, Signed, age, fail, i18n::Tr, page};
use crate::AppState;
use askama::Template;
use axum::extract::{RawQuery, State};
use pronto_store::{LeadFilter, LeadSort};
use std::sync::Arc;

pub(super) struct LeadRow {
    pub id: i64,
    pub contact: String,
    pub phone: Option<String>,
    pub subject: String,
    pub channel: String,
    pub stage: String,
    pub status: String,
    pub owner: String,
    pub unassigned: bool,
    pub received_iso: String,
    pub age: String,
    pub checked: bool,
}

/// What the bulk actions offer: owners, stages, closing statuses.
pub(super) struct BulkChoices {
    pub owners: Vec<(i64, String)>,
    pub stages: Vec<(String, String)>,
    pub statuses: &'static [&'static str],
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    /// `/inbox` or `/leads`.
    path: &'static str,
    rows: Vec<LeadRow>,
    /// Nothing has come in yet (no filter): what will appear here and how to try it.
    first_run: bool,
    /// The first-start guide's progress, while an admin has not finished it.
    guide: Option<String>,
    q: String,
    channel: String,
    stage: String,
    owner: String,
    age: String,
    /// `(id, word)`: the filter's options.
    channels: Vec<(String, String)>,
    stages: Vec<(String, String)>,
    status: String,
    headers: Vec<Header>,
    pager: Pager,
    /// The order, kept when the filters change.
    sort: Option<&'static str>,
    dir: &'static str,
    /// This page's address (the bulk actions come back to it).
    here: String,
    /// The same page with every row ticked (select all without a script).
    select_all: String,
    bulk: BulkChoices,
}

const SORTS: &[&str] = &["received", "contact", "subject", "channel", "stage", "status", "owner"];
const STATUSES: &[&str] = &["open", "won", "lost", "junk"];
const CLOSING: &[&str] = &["lost", "junk", "won"];

const INBOX: Spec = Spec {
    sorts: SORTS,
    filters: &[
        ("q", Accept::Text(200)),
        ("channel", Accept::OneOf(CHANNELS)),
        ("stage", Accept::Id),
        ("owner", Accept::OneOf(&["none", "me"])),
        ("age", Accept::OneOf(&["1h", "24h", "7d"])),
    ],
};

const LEADS: Spec = Spec {
    sorts: SORTS,
    filters: &[
        ("q", Accept::Text(200)),
        ("channel", Accept::OneOf(CHANNELS)),
        ("stage", Accept::Id),
        ("owner", Accept::OneOf(&["none", "me"])),
        ("age", Accept::OneOf(&["1h", "24h", "7d"])),
        ("status", Accept::OneOf(STATUSES)),
    ],
};

fn sort_of(col: &str) -> Option<LeadSort> {
    Some(match col {
        "received" => LeadSort::Received,
        "contact" => LeadSort::Contact,
        "subject" => LeadSort::Subject,
        "channel" => LeadSort::Channel,
        "stage" => LeadSort::Stage,
        "status" => LeadSort::Status,
        "owner" => LeadSort::Owner,
        _ => return None,
    })
}

pub(super) async fn inbox(State(st): State<AppState>, Signed(c, t): Signed, RawQuery(raw): RawQuery) -> PageResult {
    list(st, c, t, raw, "/inbox").await
}

pub(super) async fn leads(State(st): State<AppState>, Signed(c, t): Signed, RawQuery(raw): RawQuery) -> PageResult {
    list(st, c, t, raw, "/leads").await
}

/// The owners, stages and statuses the bulk actions offer.
pub(super) async fn bulk_choices(st: &AppState) -> BulkChoices {
    let owners = st.store.users().await.unwrap_or_default().into_iter().filter(|u| u.active).map(|u| (u.id, u.name)).collect();
    let stages = st
        .store
        .playbooks()
        .current(&st.config.default_playbook)
        .map(|(_, pb)| pb.stages.iter().filter(|s| s.status.is_none()).map(|s| (s.id.clone(), s.title.clone())).collect())
        .unwrap_or_default();
    BulkChoices { owners, stages, statuses: CLOSING }
}

async fn list(st: AppState, c: crate::auth::Caller, t: Arc<Tr>, raw: Option<String>, path: &'static str) -> PageResult {
    let inbox = path == "/inbox";
    let pairs = lists::pairs(raw.as_deref());
    let mut p = Params::parse(&pairs, if inbox { &INBOX } else { &LEADS });
    let select_all = pairs.iter().any(|(k, v)| k == "all" && v == "1");
    let now = st.clock.now();
    let since = match p.get("age") {
        "1h" => Some(now - jiff::SignedDuration::from_hours(1)),
        "24h" => Some(now - jiff::SignedDuration::from_hours(24)),
        "7d" => Some(now - jiff::SignedDuration::from_hours(24 * 7)),
        _ => None,
    };
    let given = |k: &str| Some(p.get(k).to_owned()).filter(|s| !s.is_empty());
    let mut filter = LeadFilter {
        stage: given("stage"),
        status: if inbox { Some("open".into()) } else { given("status") },
        channel: given("channel"),
        owner: match p.get("owner") {
            "none" => Some(None),
            "me" => Some(Some(c.user.id)),
            _ => None,
        },
        query: given("q"),
        received_after: since,
        limit: PAGE,
        sort: p.sort.and_then(sort_of),
        descending: p.desc,
        ..Default::default()
    };
    let err = |e: pronto_store::StoreError| fail(&st, &c, &t, path)(e.into());
    let total = st.store.count_leads(&filter).await.map_err(err)?;
    // A page past the end is the last one.
    p.page = p.page.min(lists::last_page(total));
    filter.offset = p.offset();
    let leads = st.store.leads(&filter).await.map_err(err)?;
    let namer = super::words::Namer::new(&st);
    let mut rows: Vec<LeadRow> = leads
        .into_iter()
        .map(|l| LeadRow {
            id: l.id,
            contact: l.contact.name.clone().or(l.contact.email.clone()).or(l.contact.phone.clone()).unwrap_or_else(|| format!("#{}", l.id)),
            phone: l.contact.phone.clone(),
            subject: l.subject.clone().unwrap_or_default(),
            channel: super::words::channel(&t, &l.channel),
            stage: namer.stage(&t, &l.playbook, l.playbook_version, &l.stage),
            status: l.status.clone(),
            unassigned: l.owner.is_none(),
            owner: l.owner.map(|o| o.name).unwrap_or_else(|| t.t("unassigned")),
            received_iso: l.received_at.to_string(),
            age: age(l.received_at, now),
            checked: select_all,
        })
        .collect();
    // The inbox in its own order: new and unassigned first.
    if inbox && p.sort.is_none() {
        rows.sort_by_key(|r| !r.unassigned);
    }
    let stages = st
        .store
        .playbooks()
        .current(&st.config.default_playbook)
        .map(|(_, pb)| pb.stage_ids().iter().map(|s| (s.to_string(), namer.stage(&t, &pb.name, 0, s))).collect())
        .unwrap_or_default();
    let channels = CHANNELS.iter().map(|c| (c.to_string(), super::words::channel(&t, c))).collect();
    let mut cols = vec![("contact", "contact"), ("subject", "subject"), ("channel", "channel"), ("stage", "stage")];
    if !inbox {
        cols.push(("status", "status"));
    }
    cols.extend([("owner", "owner"), ("received", "age")]);
    let headers = lists::headers(&t, &p, path, &cols);
    let pager = lists::pager(&t, &p, path, rows.len(), total);
    let here = p.href(path);
    let select_all = format!("{here}{}all=1", if here.contains('?') { "&" } else { "?" });
    Ok(page(InboxPage {
        admin: c.role == pronto_domain::user::Role::Admin,
        now_iso: now.to_string(),
        me: Some(c.user.name.clone()),
        page: if inbox { "inbox" } else { "leads" },
        languages: LANGUAGES,
        path,
        first_run: inbox && total == 0 && ["q", "channel", "stage", "owner", "age"].iter().all(|k| p.get(k).is_empty()),
        guide: if inbox { super::setup::guide_banner(&st, &c, &t).await } else { None },
        rows,
        q: p.get("q").to_owned(),
        channel: p.get("channel").to_owned(),
        stage: p.get("stage").to_owned(),
        owner: p.get("owner").to_owned(),
        age: p.get("age").to_owned(),
        status: p.get("status").to_owned(),
        channels,
        stages,
        headers,
        pager,
        sort: p.sort,
        dir: if p.desc { "desc" } else { "asc" },
        here,
        select_all,
        bulk: bulk_choices(&st).await,
        t,
    }))
}
