//! Contacts and companies, searched; two records of the same person merged by hand.

use super::error::PageResult;
use super::{LANGUAGES, Signed, fail, i18n::Tr, page};
use crate::AppState;
use askama::Template;
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect};
use pronto_store::LeadFilter;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;

struct ContactRow {
    id: i64,
    name: String,
    phone: Option<String>,
    email: Option<String>,
    company: String,
    leads: i64,
    first_lead: Option<i64>,
}

#[derive(Template)]
#[template(path = "contacts.html")]
struct ContactsPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    rows: Vec<ContactRow>,
    companies: Vec<(i64, String, String, i64, i64)>,
    q: String,
    merged: bool,
}

pub(super) async fn contacts_page(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> PageResult {
    let query = q.get("q").map(|v| v.trim().to_owned()).unwrap_or_default();
    let list = st.store.contacts(Some(query.clone()).filter(|s| !s.is_empty()), 100).await.map_err(|e| fail(&st, &c, &t, "/contacts")(e.into()))?;
    let mut rows = Vec::with_capacity(list.len());
    for x in list {
        let first = st.store.leads(&LeadFilter { contact: Some(x.id), limit: 1, ..Default::default() }).await.ok().and_then(|l| l.first().map(|l| l.id));
        rows.push(ContactRow {
            id: x.id,
            name: x.name.clone().or(x.email.clone()).or(x.phone.clone()).unwrap_or_else(|| format!("#{}", x.id)),
            phone: x.phone,
            email: x.email,
            company: x.company.unwrap_or_default(),
            leads: x.leads,
            first_lead: first,
        });
    }
    let companies = st
        .store
        .companies(Some(query.clone()).filter(|s| !s.is_empty()), 100)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|(id, name, reg, people, leads)| (id, name.unwrap_or_default(), reg.unwrap_or_default(), people, leads))
        .collect();
    Ok(page(ContactsPage {
        admin: c.role == pronto_domain::user::Role::Admin,
        companies,
        t,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "contacts",
        languages: LANGUAGES,
        rows,
        q: query,
        merged: q.contains_key("merged"),
    }))
}

#[derive(Deserialize)]
pub(super) struct MergeForm {
    keep: i64,
    other: i64,
}

/// The same person entered twice, merged by hand.
pub(super) async fn merge(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<MergeForm>) -> PageResult {
    crate::app::leads::merge_contacts(&st, &c, f.keep, f.other).await.map_err(fail(&st, &c, &t, "/contacts"))?;
    Ok(Redirect::to("/contacts?merged=1").into_response())
}
