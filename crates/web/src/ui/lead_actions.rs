//! What the lead card's forms do (`POST /leads/{id}/{action}`): a note, a call, the owner, the
//! stage, a task by hand, an e-mail to the customer, revoking the customer's link, marking what
//! the customer sent answered. Each is the same use case as the API's; then back to the card
//! with what was done and what follows (`flash`: "No answer noted. Next attempt at 10:55."),
//! or the error page.

use super::error::PageResult;
use super::{Signed, fail, user_tz};
use crate::AppState;
use crate::app::next::{self, CallOutcome, Done};
use crate::app::{self, Error};
use crate::dto::LeadPatchIn;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect};
use pronto_domain::lead::ActivityDraft;
use std::collections::HashMap;

pub(super) async fn lead_action(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path((id, action)): Path<(i64, String)>,
    Form(f): Form<HashMap<String, String>>,
) -> PageResult {
    let here = format!("/leads/{id}");
    let fail = fail(&st, &c, &t, &here);
    let field = |k: &str| f.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let given = |k: &str| Some(field(k)).filter(|v| !v.is_empty());
    let owner_before = next::owner_of(&st, id).await;
    let zone = user_tz(&st, &c);
    let done = match action.as_str() {
        "note" => {
            let note = ActivityDraft { kind: Some("note".into()), body: given("text"), ..Default::default() };
            app::leads::log_activity(&st, &c, id, note).await.map_err(&fail)?;
            Done::Note
        }
        "call" => {
            let outcome = given("outcome");
            let call = ActivityDraft {
                kind: Some("call".into()),
                direction: given("direction"),
                outcome: outcome.clone(),
                ..Default::default()
            };
            app::leads::log_activity(&st, &c, id, call).await.map_err(&fail)?;
            Done::Call(CallOutcome::parse(outcome.as_deref().unwrap_or_default()))
        }
        "assign" => {
            let owner = field("owner").parse::<i64>().map_err(|_| fail(Error::invalid("owner", "must be a user id")))?;
            app::leads::patch(&st, &c, id, LeadPatchIn { owner: Some(Some(owner)), ..Default::default() }).await.map_err(&fail)?;
            Done::Assign
        }
        "stage" => {
            let to = field("stage");
            // Permission before the process: a move that is not the caller's to make is a 403
            // whatever the playbook says.
            if let Ok(l) = st.store.lead(id).await
                && !c.role.may(pronto_domain::user::Action::WorkDeal, &pronto_domain::user::On::NOTHING)
                && crate::access::is_deal_move(&st, &l.playbook, l.playbook_version, Some(&to), None)
            {
                c.require(pronto_domain::user::Action::WorkDeal).map_err(&fail)?;
            }
            // Refused in the reader's words (the select offers only what may follow).
            if let Ok(l) = st.store.lead(id).await
                && let Some(pb) = st.store.playbooks().get(&l.playbook, l.playbook_version)
                && let pronto_playbook::model::StageMove::Refused { allowed } =
                    pb.stage_move(&l.stage, &to, app::leads::may_override_stages(&c))
            {
                let names: Vec<String> = allowed.iter().map(|s| super::lead_card::stage_title(&pb, s)).collect();
                let why = if names.is_empty() { t.t("flow-stage-ends") } else { t.s("flow-stage-refused", &names.join(", ")) };
                return Err(fail(Error::invalid("stage", why)));
            }
            app::leads::patch(&st, &c, id, LeadPatchIn { stage: Some(to), ..Default::default() }).await.map_err(&fail)?;
            Done::Stage
        }
        "revoke-tracking" => {
            app::leads::revoke_link(&st, &c, id).await.map_err(&fail)?;
            return Ok(Redirect::to(&here).into_response());
        }
        "task" => {
            let due = field("due");
            // A time already past, in the reader's words and zone.
            if let Some(at) = app::tasks::local_time(&due, &zone)
                && app::tasks::not_past(at, st.clock.now(), &zone).is_err()
            {
                let now = super::flash::when(st.clock.now(), st.clock.now(), &zone);
                let said = at.to_zoned(zone.clone()).strftime("%-d. %-m. %Y %H:%M").to_string();
                return Err(fail(Error::invalid("due", t.with("flow-due-past", &[("due", &said), ("now", &now)]))));
            }
            let task = app::tasks::NewTask { title: field("title"), due, assignee: field("assignee").parse().ok() };
            app::tasks::create(&st, &c, id, task, &zone).await.map_err(&fail)?;
            Done::Task
        }
        "email" => {
            let reply = app::mail::Reply { text: given("text"), subject: f.get("subject").cloned(), to: None };
            let sent = app::mail::send_reply(&st, &c, id, reply).await.map_err(&fail)?;
            Done::Email { sent: sent.status.as_deref() == Some("sent") }
        }
        "answered" => {
            app::leads::mark_answered(&st, &c, id).await.map_err(&fail)?;
            Done::Answered
        }
        _ => return Err(fail(Error::not_found("action"))),
    };
    let then = next::after(&st, id, c.user.id, owner_before).await;
    Ok(Redirect::to(&format!("{here}?{}", super::flash::query(done, then))).into_response())
}
