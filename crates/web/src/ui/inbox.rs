//! The inbox: open leads, new and unassigned first, with filters (text, channel, stage,
//! owner, age).

use super::error::PageResult;
use super::{CHANNELS, LANGUAGES, Signed, age, fail, i18n::Tr, page};
use crate::AppState;
use askama::Template;
use axum::extract::{Query, State};
use pronto_store::LeadFilter;
use std::collections::HashMap;
use std::sync::Arc;

struct LeadRow {
    id: i64,
    contact: String,
    phone: Option<String>,
    subject: String,
    channel: String,
    stage: String,
    owner: String,
    unassigned: bool,
    received_iso: String,
    age: String,
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
    rows: Vec<LeadRow>,
    q: String,
    channel: String,
    stage: String,
    owner: String,
    age: String,
    /// `(id, word)`: the filter's options.
    channels: Vec<(String, String)>,
    stages: Vec<(String, String)>,
}

pub(super) async fn inbox(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> PageResult {
    let get = |k: &str| q.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let (query, channel, stage, owner, age_filter) = (get("q"), get("channel"), get("stage"), get("owner"), get("age"));
    let since = match age_filter.as_str() {
        "1h" => Some(st.clock.now() - jiff::SignedDuration::from_hours(1)),
        "24h" => Some(st.clock.now() - jiff::SignedDuration::from_hours(24)),
        "7d" => Some(st.clock.now() - jiff::SignedDuration::from_hours(24 * 7)),
        _ => None,
    };
    let filter = LeadFilter {
        stage: Some(stage.clone()).filter(|s| !s.is_empty()),
        status: Some("open".into()),
        channel: Some(channel.clone()).filter(|s| CHANNELS.contains(&s.as_str())),
        owner: match owner.as_str() {
            "none" => Some(None),
            "me" => Some(Some(c.user.id)),
            _ => None,
        },
        query: Some(query.clone()).filter(|s| !s.is_empty()),
        received_after: since,
        limit: 100,
        ..Default::default()
    };
    let leads = st.store.leads(&filter).await.map_err(|e| fail(&st, &c, &t, "/inbox")(e.into()))?;
    let now = st.clock.now();
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
            unassigned: l.owner.is_none(),
            owner: l.owner.map(|o| o.name).unwrap_or_else(|| t.t("unassigned")),
            received_iso: l.received_at.to_string(),
            age: age(l.received_at, now),
        })
        .collect();
    // New and unassigned first.
    rows.sort_by_key(|r| !r.unassigned);
    let stages = st
        .store
        .playbooks()
        .current(&st.config.default_playbook)
        .map(|(_, pb)| pb.stage_ids().iter().map(|s| (s.to_string(), namer.stage(&t, &pb.name, 0, s))).collect())
        .unwrap_or_default();
    let channels = CHANNELS.iter().map(|c| (c.to_string(), super::words::channel(&t, c))).collect();
    Ok(page(InboxPage {
        admin: c.role == pronto_domain::user::Role::Admin,
        now_iso: now.to_string(),
        t,
        me: Some(c.user.name.clone()),
        page: "inbox",
        languages: LANGUAGES,
        rows,
        q: query,
        channel,
        stage,
        owner,
        age: age_filter,
        channels,
        stages,
    }))
}
