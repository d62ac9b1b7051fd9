//! The pipeline board: a column per stage of the default playbook, its open leads with their
//! age, and the moves the reader may make.

use super::error::PageResult;
use super::{LANGUAGES, Signed, age, fail, i18n::Tr, page};
use crate::AppState;
use askama::Template;
use axum::extract::State;
use pronto_domain::user::Action;
use pronto_store::LeadFilter;
use std::collections::HashMap;
use std::sync::Arc;

struct Card {
    id: i64,
    contact: String,
    owner: String,
    received_iso: String,
    age: String,
}

struct Column {
    id: String,
    title: String,
    count: i64,
    cards: Vec<Card>,
    next: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "board.html")]
struct BoardPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    columns: Vec<Column>,
}

/// A column per stage of the default playbook: how many open leads, the newest of them with
/// their age, and buttons to move each to the stages that follow.
pub(super) async fn board(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    let Some((_, pb)) = st.store.playbooks().current(&st.config.default_playbook) else {
        let missing = format!("the default playbook `{}` is not loaded", st.config.default_playbook);
        return Err(fail(&st, &c, &t, "/inbox")(crate::app::Error::Unavailable(missing)));
    };
    let counts: HashMap<String, i64> = st.store.stage_counts().await.unwrap_or_default().into_iter().collect();
    let now = st.clock.now();
    let messages = st.store.playbooks().messages();
    let book = super::words::Book::new(&messages, &pb.name, Some(&pb));
    let title = |id: &str| super::words::stage(&t, &book, id);
    let mut columns = Vec::new();
    for s in pb.stages.iter().filter(|s| s.status.is_none()) {
        let leads = st
            .store
            .leads(&LeadFilter { stage: Some(s.id.clone()), status: Some("open".into()), limit: 30, ..Default::default() })
            .await
            .unwrap_or_default();
        columns.push(Column {
            id: s.id.clone(),
            title: title(&s.id),
            count: counts.get(&s.id).copied().unwrap_or(0),
            cards: leads
                .into_iter()
                .map(|l| Card {
                    id: l.id,
                    contact: l.contact.name.or(l.contact.email).or(l.contact.phone).unwrap_or_else(|| format!("#{}", l.id)),
                    owner: l.owner.map(|o| o.name).unwrap_or_else(|| t.t("unassigned")),
                    received_iso: l.received_at.to_string(),
                    age: age(l.received_at, now),
                })
                .collect(),
            // Only the moves the reader may make (the deal is not every role's).
            next: s
                .next
                .iter()
                .filter(|n| c.role.may(Action::WorkDeal, &pronto_domain::user::On::NOTHING) || !pb.is_deal_stage(n))
                .filter_map(|n| pb.stage(n).map(|d| (d.id.clone(), title(&d.id))))
                .collect(),
        });
    }
    Ok(page(BoardPage { admin: c.role == pronto_domain::user::Role::Admin, t, now_iso: now.to_string(), me: Some(c.user.name.clone()), page: "board", languages: LANGUAGES, columns }))
}
