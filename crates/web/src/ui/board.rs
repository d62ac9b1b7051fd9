//! The pipeline board: a column per stage of the default playbook, its open leads with their
//! age (and value, when a lead carries one), and the moves the reader may make — as buttons
//! (keyboards, no JS) and by dragging a card to another column (`static/js/entry.js`: HTML5
//! drag and drop for a mouse, pointer events for touch), which posts `POST /board/move`: the
//! same stage change as the buttons, answered as JSON so a refused move snaps back with the
//! reason. "And 390 more" links to the inbox filtered by that stage.

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
    /// The lead's value, when it carries one (`value` among its fields; there are no offers
    /// with amounts yet, so today this is empty for every lead the product itself creates).
    value: Option<String>,
}

struct Column {
    id: String,
    title: String,
    count: i64,
    cards: Vec<Card>,
    next: Vec<(String, String)>,
    /// The list of every open lead in the stage (the inbox, filtered).
    more_href: String,
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
                    value: value_of(&l.extra),
                })
                .collect(),
            more_href: more_href(&s.id),
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

/// The list behind a column's "and N more": the inbox's open leads in that stage.
pub(super) fn more_href(stage: &str) -> String {
    format!("/inbox?{}", serde_urlencoded::to_string([("stage", stage)]).unwrap_or_default())
}

/// A lead's value as it was given (`value` among its fields: a number or a text), if any.
pub(super) fn value_of(extra: &serde_json::Value) -> Option<String> {
    match extra.get("value")? {
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    }
}

#[derive(serde::Deserialize)]
pub(super) struct Move {
    lead: i64,
    stage: String,
}

#[derive(serde::Serialize)]
struct Moved {
    ok: bool,
    message: String,
}

/// `POST /board/move` (a card dropped on a column): the same stage change as the card's
/// buttons (`app::leads::patch`, which the playbook's rules guard); JSON with what happened in
/// the reader's words, so the script can keep the card there or snap it back.
pub(super) async fn move_card(State(st): State<AppState>, Signed(c, t): Signed, axum::Form(m): axum::Form<Move>) -> axum::response::Response {
    use axum::response::IntoResponse;
    let patch = crate::dto::LeadPatchIn { stage: Some(m.stage.clone()), ..Default::default() };
    let (status, ok, message) = match crate::app::leads::patch(&st, &c, m.lead, patch).await {
        Ok(lead) => {
            let name = stage_title(&st, &lead.playbook, &lead.stage).unwrap_or(lead.stage.clone());
            (axum::http::StatusCode::OK, true, t.s("entry-board-moved", &name))
        }
        Err(e) => (super::error::status(&e), false, refusal(&t, &e)),
    };
    (status, axum::Json(Moved { ok, message })).into_response()
}

/// A stage's title in the lead's playbook.
fn stage_title(st: &AppState, playbook: &str, stage: &str) -> Option<String> {
    let (_, pb) = st.store.playbooks().current(playbook)?;
    pb.stage(stage).map(|s| s.title.clone())
}

/// Why a move was refused, in the reader's words (with what the rules said).
fn refusal(t: &Tr, e: &crate::app::Error) -> String {
    use crate::app::Error as E;
    match e {
        E::Forbidden { action: Some(Action::WorkDeal), .. } => t.t("denied-deal"),
        E::Forbidden { .. } => t.t("forbidden"),
        E::NotFound(_) => t.t("error-not-found"),
        E::Invalid(f) => t.s("entry-board-refused", &f.0.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join("; ")),
        E::Conflict(m) => t.s("entry-board-refused", m),
        _ => t.t("error-unavailable"),
    }
}
