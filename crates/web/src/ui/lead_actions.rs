//! What the lead card's forms do (`POST /leads/{id}/{action}`): a note, a call, the owner, the
//! stage, a task by hand, an e-mail to the customer, revoking the customer's link. Each is the
//! same use case as the API's; then back to the card, or the error page.

use super::error::PageResult;
use super::{Signed, fail, user_tz};
use crate::AppState;
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
    match action.as_str() {
        "note" => {
            let note = ActivityDraft { kind: Some("note".into()), body: given("text"), ..Default::default() };
            app::leads::log_activity(&st, &c, id, note).await.map_err(&fail)?;
        }
        "call" => {
            let call = ActivityDraft { kind: Some("call".into()), direction: given("direction"), outcome: given("outcome"), ..Default::default() };
            app::leads::log_activity(&st, &c, id, call).await.map_err(&fail)?;
        }
        "assign" => {
            let owner = field("owner").parse::<i64>().map_err(|_| fail(Error::invalid("owner", "must be a user id")))?;
            app::leads::patch(&st, &c, id, LeadPatchIn { owner: Some(Some(owner)), ..Default::default() }).await.map_err(&fail)?;
        }
        "stage" => {
            app::leads::patch(&st, &c, id, LeadPatchIn { stage: Some(field("stage")), ..Default::default() }).await.map_err(&fail)?;
        }
        "revoke-tracking" => {
            app::leads::revoke_link(&st, &c, id).await.map_err(&fail)?;
        }
        "task" => {
            let task = app::tasks::NewTask { title: field("title"), due: field("due"), assignee: field("assignee").parse().ok() };
            app::tasks::create(&st, &c, id, task, &user_tz(&st, &c)).await.map_err(&fail)?;
        }
        "email" => {
            let reply = app::mail::Reply { text: given("text"), subject: f.get("subject").cloned(), to: None };
            app::mail::send_reply(&st, &c, id, reply).await.map_err(&fail)?;
        }
        _ => return Err(fail(Error::not_found("action"))),
    }
    Ok(Redirect::to(&here).into_response())
}
