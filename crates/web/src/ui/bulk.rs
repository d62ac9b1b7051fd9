//! Bulk actions on the ticked leads of a list (`POST /leads/bulk`): assign, move to a stage,
//! close. First a confirmation page ("Assign 12 inquiries to Marek Dvořák?"), then each lead
//! changed through the same use case as one lead's card (permission checked per lead), and an
//! answer that says what happened — how many changed, and which were refused and why.

use super::error::PageResult;
use super::i18n::Tr;
use super::{LANGUAGES, Signed, fail, page, redirect};
use crate::AppState;
use crate::app::{self, Error};
use crate::dto::LeadPatchIn;
use askama::Template;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use pronto_domain::user::Action;
use std::sync::Arc;

/// Most leads one bulk action changes.
const MAX: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BulkAction {
    Assign(i64),
    Stage(String),
    Close(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BulkRequest {
    pub leads: Vec<i64>,
    pub action: BulkAction,
    pub back: String,
    pub confirmed: bool,
}

/// Why a bulk form cannot be done (the reader's words key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BulkProblem {
    NoLeads,
    TooMany,
    NoAction,
}

/// Reads the bulk form: the ticked leads (repeated `lead`), the action and its value, where
/// the list was, and whether the reader confirmed.
pub(crate) fn parse(form: &[(String, String)]) -> Result<BulkRequest, BulkProblem> {
    let get = |k: &str| form.iter().rev().find(|(key, _)| key == k).map(|(_, v)| v.trim());
    let mut leads: Vec<i64> = Vec::new();
    for (_, v) in form.iter().filter(|(k, _)| k == "lead") {
        if let Ok(id) = v.trim().parse::<i64>()
            && id > 0
            && !leads.contains(&id)
        {
            leads.push(id);
        }
    }
    if leads.is_empty() {
        return Err(BulkProblem::NoLeads);
    }
    if leads.len() > MAX {
        return Err(BulkProblem::TooMany);
    }
    let action = match get("action") {
        Some("assign") => BulkAction::Assign(get("owner").and_then(|o| o.parse().ok()).filter(|o| *o > 0).ok_or(BulkProblem::NoAction)?),
        Some("stage") => BulkAction::Stage(get("stage").and_then(|s| app::leads::stage_id(s).ok()).ok_or(BulkProblem::NoAction)?),
        Some("close") => {
            BulkAction::Close(get("status").filter(|s| ["won", "lost", "junk"].contains(s)).ok_or(BulkProblem::NoAction)?.to_owned())
        }
        _ => return Err(BulkProblem::NoAction),
    };
    let back = get("back").filter(|b| redirect::is_local_path(b)).unwrap_or("/inbox").to_owned();
    Ok(BulkRequest { leads, action, back, confirmed: get("confirm") == Some("yes") })
}

#[derive(Template)]
#[template(path = "lists_bulk.html")]
struct BulkPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    /// The question, or what happened.
    heading: String,
    /// The leads asked about: (id, name).
    leads: Vec<(i64, String)>,
    /// The form to confirm (none once done).
    confirm: Option<(Vec<(String, String)>, String)>,
    /// Refused leads: (id, name, why).
    refused: Vec<(i64, String, String)>,
    done: bool,
    back: String,
}

fn name(l: &pronto_store::LeadRecord) -> String {
    l.contact.name.clone().or(l.contact.email.clone()).or(l.contact.phone.clone()).unwrap_or_else(|| format!("#{}", l.id))
}

/// Why one lead was refused, in the reader's words.
pub(crate) fn why(t: &Tr, e: &Error) -> String {
    match e {
        Error::Forbidden { action: Some(Action::WorkDeal), .. } => t.t("denied-deal"),
        Error::Forbidden { .. } => t.t("forbidden"),
        Error::NotFound(_) => t.t("error-not-found"),
        Error::Invalid(f) => f.0.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join("; "),
        Error::Conflict(m) => m.clone(),
        _ => t.t("error-internal"),
    }
}

pub(super) async fn bulk(State(st): State<AppState>, Signed(c, t): Signed, Form(form): Form<Vec<(String, String)>>) -> PageResult {
    let req = match parse(&form) {
        Ok(r) => r,
        Err(p) => {
            let back =
                form.iter().find(|(k, _)| k == "back").map(|(_, v)| v.as_str()).filter(|b| redirect::is_local_path(b)).unwrap_or("/inbox");
            let key = match p {
                BulkProblem::NoLeads => "lists-bulk-none",
                BulkProblem::TooMany => "lists-bulk-too-many",
                BulkProblem::NoAction => "lists-bulk-no-action",
            };
            return Err(fail(&st, &c, &t, back)(Error::invalid("lead", t.t(key))));
        }
    };
    let what = match &req.action {
        BulkAction::Assign(owner) => {
            let who = st.store.user(*owner).await.map_err(|e| fail(&st, &c, &t, &req.back)(app::or_not_found(e, "user")))?;
            ("assign", who.name)
        }
        BulkAction::Stage(s) => {
            let title = st
                .store
                .playbooks()
                .current(&st.config.default_playbook)
                .and_then(|(_, pb)| pb.stage(s).map(|d| d.title.clone()))
                .unwrap_or_else(|| s.clone());
            ("stage", title)
        }
        BulkAction::Close(s) => ("close", t.t(&format!("lists-status-{s}"))),
    };
    let count = t.n("lists-inquiries", req.leads.len() as i64);
    let base = |st: &AppState, c: &crate::auth::Caller, t: Arc<Tr>| BulkPage {
        admin: c.role == pronto_domain::user::Role::Admin,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "bulk",
        languages: LANGUAGES,
        heading: String::new(),
        leads: vec![],
        confirm: None,
        refused: vec![],
        done: false,
        back: req.back.clone(),
        t,
    };
    if !req.confirmed {
        let mut leads = Vec::with_capacity(req.leads.len());
        for id in &req.leads {
            match st.store.lead(*id).await {
                Ok(l) => leads.push((l.id, name(&l))),
                Err(_) => leads.push((*id, format!("#{id}"))),
            }
        }
        let mut hidden: Vec<(String, String)> = req.leads.iter().map(|id| ("lead".to_owned(), id.to_string())).collect();
        hidden.push(("back".into(), req.back.clone()));
        hidden.push(("confirm".into(), "yes".into()));
        hidden.push(("action".into(), what.0.into()));
        match &req.action {
            BulkAction::Assign(o) => hidden.push(("owner".into(), o.to_string())),
            BulkAction::Stage(s) => hidden.push(("stage".into(), s.clone())),
            BulkAction::Close(s) => hidden.push(("status".into(), s.clone())),
        }
        let heading = t.with(&format!("lists-bulk-{}-q", what.0), &[("leads", &count), ("to", &what.1)]);
        let yes = t.t(&format!("lists-bulk-{}-yes", what.0));
        return Ok(page(BulkPage { heading, leads, confirm: Some((hidden, yes)), ..base(&st, &c, t.clone()) }));
    }
    let mut changed = 0i64;
    let mut refused = Vec::new();
    for id in &req.leads {
        let input = match &req.action {
            BulkAction::Assign(o) => LeadPatchIn { owner: Some(Some(*o)), ..Default::default() },
            BulkAction::Stage(s) => LeadPatchIn { stage: Some(s.clone()), ..Default::default() },
            BulkAction::Close(s) => LeadPatchIn { status: Some(s.clone()), ..Default::default() },
        };
        match app::leads::patch(&st, &c, *id, input).await {
            Ok(_) => changed += 1,
            Err(e) => {
                let who = st.store.lead(*id).await.map(|l| name(&l)).unwrap_or_else(|_| format!("#{id}"));
                refused.push((*id, who, why(&t, &e)));
            }
        }
    }
    let mut heading = t.n(&format!("lists-bulk-{}-done", what.0), changed);
    if !refused.is_empty() {
        heading = format!("{heading}, {}", t.n("lists-bulk-refused", refused.len() as i64));
    }
    let status = if changed == 0 && !refused.is_empty() { StatusCode::FORBIDDEN } else { StatusCode::OK };
    let mut r = page(BulkPage { heading, refused, done: true, ..base(&st, &c, t.clone()) });
    if status != StatusCode::OK {
        *r.status_mut() = status;
    }
    Ok(r.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn the_bulk_form_reads_the_leads_the_action_and_the_way_back() {
        let ok = |leads: Vec<i64>, action: BulkAction, back: &str, confirmed: bool| {
            Ok(BulkRequest { leads, action, back: back.into(), confirmed })
        };
        let cases: Vec<(Vec<(&str, &str)>, Result<BulkRequest, BulkProblem>)> = vec![
            (
                vec![("lead", "3"), ("lead", "5"), ("action", "assign"), ("owner", "7"), ("back", "/inbox?q=x")],
                ok(vec![3, 5], BulkAction::Assign(7), "/inbox?q=x", false),
            ),
            (
                vec![
                    ("lead", "3"),
                    ("lead", "3"),
                    ("lead", "x"),
                    ("lead", "-1"),
                    ("action", "stage"),
                    ("stage", "offer"),
                    ("confirm", "yes"),
                ],
                ok(vec![3], BulkAction::Stage("offer".into()), "/inbox", true),
            ),
            (
                vec![("lead", "9"), ("action", "close"), ("status", "lost"), ("back", "https://evil.example/")],
                ok(vec![9], BulkAction::Close("lost".into()), "/inbox", false),
            ),
            (
                vec![("lead", "9"), ("action", "close"), ("status", "lost"), ("back", "//evil.example/")],
                ok(vec![9], BulkAction::Close("lost".into()), "/inbox", false),
            ),
            (vec![("action", "assign"), ("owner", "7")], Err(BulkProblem::NoLeads)),
            (vec![("lead", "1"), ("action", "assign"), ("owner", "nobody")], Err(BulkProblem::NoAction)),
            (vec![("lead", "1"), ("action", "close"), ("status", "open")], Err(BulkProblem::NoAction)),
            (vec![("lead", "1"), ("action", "stage"), ("stage", "Offer; DROP")], Err(BulkProblem::NoAction)),
            (vec![("lead", "1"), ("action", "explode")], Err(BulkProblem::NoAction)),
            (vec![("lead", "1")], Err(BulkProblem::NoAction)),
        ];
        for (f, want) in cases {
            assert_eq!(parse(&form(&f)), want, "{f:?}");
        }
        let many: Vec<(String, String)> =
            (1..=501).map(|i| ("lead".to_owned(), i.to_string())).chain([("action".to_owned(), "assign".to_owned())]).collect();
        assert_eq!(parse(&many), Err(BulkProblem::TooMany));
    }
}
