//! Contacts and companies, searched, sorted and a hundred at a time; two records of the same
//! person merged by hand: "Merge…" on a row, the other one chosen by search, both side by side
//! with which one stays, confirmed, and undone within a day while neither changed.

use super::error::PageResult;
use super::lists::{self, Accept, Header, PAGE, Pager, Params, Spec};
use super::{LANGUAGES, Signed, fail, i18n::Tr, local, page, user_tz};
use crate::AppState;
use crate::app;
use askama::Template;
use axum::extract::{Form, Path, Query, RawQuery, State};
use axum::response::{IntoResponse, Redirect};
use pronto_store::{ContactFilter, ContactSort, MERGE_UNDO_WINDOW};
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
    last_lead: Option<i64>,
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
    headers: Vec<Header>,
    pager: Pager,
    sort: Option<&'static str>,
    dir: &'static str,
}

const SPEC: Spec = Spec { sorts: &["added", "name", "phone", "email", "company", "leads"], filters: &[("q", Accept::Text(200))] };

fn sort_of(col: &str) -> Option<ContactSort> {
    Some(match col {
        "added" => ContactSort::Added,
        "name" => ContactSort::Name,
        "phone" => ContactSort::Phone,
        "email" => ContactSort::Email,
        "company" => ContactSort::Company,
        "leads" => ContactSort::Leads,
        _ => return None,
    })
}

fn display(id: i64, name: &Option<String>, email: &Option<String>, phone: &Option<String>) -> String {
    name.clone().or(email.clone()).or(phone.clone()).unwrap_or_else(|| format!("#{id}"))
}

fn row(x: pronto_store::ContactListItem) -> ContactRow {
    ContactRow {
        name: display(x.id, &x.name, &x.email, &x.phone),
        id: x.id,
        phone: x.phone,
        email: x.email,
        company: x.company.unwrap_or_default(),
        leads: x.leads,
        last_lead: x.last_lead,
    }
}

pub(super) async fn contacts_page(State(st): State<AppState>, Signed(c, t): Signed, RawQuery(raw): RawQuery) -> PageResult {
    let mut p = Params::parse(&lists::pairs(raw.as_deref()), &SPEC);
    let query = p.get("q").to_owned();
    let err = |e: pronto_store::StoreError| fail(&st, &c, &t, "/contacts")(e.into());
    let mut filter = ContactFilter {
        query: Some(query.clone()).filter(|s| !s.is_empty()),
        sort: p.sort.and_then(sort_of),
        descending: p.desc,
        limit: PAGE,
        offset: p.offset(),
        except: None,
    };
    let (mut list, mut total) = st.store.contact_page(&filter).await.map_err(err)?;
    if list.is_empty() && p.page > lists::last_page(total) {
        // A page past the end is the last one.
        p.page = lists::last_page(total);
        filter.offset = p.offset();
        (list, total) = st.store.contact_page(&filter).await.map_err(err)?;
    }
    let rows: Vec<ContactRow> = list.into_iter().map(row).collect();
    let companies = if p.page == 1 {
        st.store
            .companies(Some(query.clone()).filter(|s| !s.is_empty()), 20)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|(id, name, reg, people, leads)| (id, name.unwrap_or_default(), reg.unwrap_or_default(), people, leads))
            .collect()
    } else {
        vec![]
    };
    let cols =
        [("name", "contact"), ("phone", "phone"), ("email", "email"), ("company", "company"), ("leads", "lead"), ("", "lists-merge-col")];
    let headers = lists::headers(&t, &p, "/contacts", &cols);
    let pager = lists::pager(&t, &p, "/contacts", rows.len(), total);
    Ok(page(ContactsPage {
        admin: c.role == pronto_domain::user::Role::Admin,
        companies,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "contacts",
        languages: LANGUAGES,
        rows,
        q: query,
        headers,
        pager,
        sort: p.sort,
        dir: if p.desc { "desc" } else { "asc" },
        t,
    }))
}

/// One side of a merge, as the comparison shows it.
#[derive(Clone)]
struct Side {
    id: i64,
    name: String,
    phones: Vec<String>,
    emails: Vec<String>,
    company: String,
    leads: i64,
}

#[derive(Template)]
#[template(path = "lists_merge.html")]
struct MergePage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    /// The contact "Merge…" was chosen on.
    from: Side,
    q: String,
    /// Search results: the other contact to compare with.
    found: Vec<ContactRow>,
    /// Both side by side (none yet: searching), and which one stays.
    sides: Vec<Side>,
    other_id: i64,
    keep: i64,
}

async fn side(st: &AppState, id: i64) -> app::Result<Side> {
    let d = st.store.contact(id).await.map_err(|e| app::or_not_found(e, "contact"))?;
    let of = |kind: &str| d.identities.iter().filter(|(k, _)| k == kind).map(|(_, v)| v.clone()).collect::<Vec<_>>();
    Ok(Side {
        id,
        name: display(id, &d.contact.name, &d.contact.email, &d.contact.phone),
        phones: of("phone"),
        emails: of("email"),
        company: d.company.and_then(|c| c.name).unwrap_or_default(),
        leads: d.leads.len() as i64,
    })
}

/// "Merge…" on a contact: find the other record of the same person, then compare the two.
pub(super) async fn merge_page(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path(id): Path<i64>,
    Query(q): Query<HashMap<String, String>>,
) -> PageResult {
    let fail = fail(&st, &c, &t, "/contacts");
    let from = side(&st, id).await.map_err(&fail)?;
    let query = q.get("q").map(|s| s.trim().chars().take(200).collect::<String>()).unwrap_or_default();
    let other = match q.get("with").and_then(|w| w.parse::<i64>().ok()).filter(|w| *w != id) {
        Some(w) => Some(side(&st, w).await.map_err(&fail)?),
        None => None,
    };
    let found = if other.is_none() {
        // Without a search: the people whose inquiries share this one's name.
        let search = if query.is_empty() { from.name.clone() } else { query.clone() };
        let f = ContactFilter { query: Some(search), limit: 20, except: Some(id), ..Default::default() };
        st.store.contact_page(&f).await.map_err(|e| fail(e.into()))?.0.into_iter().map(row).collect()
    } else {
        vec![]
    };
    // The one with more inquiries stays (the older one when equal); the reader may choose.
    let keep = match (&other, q.get("keep").and_then(|k| k.parse::<i64>().ok())) {
        (Some(o), Some(k)) if k == o.id || k == id => k,
        (Some(o), _) if o.leads > from.leads || (o.leads == from.leads && o.id < id) => o.id,
        _ => id,
    };
    let sides = other.iter().map(|o| vec![from.clone(), o.clone()]).next().unwrap_or_default();
    let other_id = other.as_ref().map_or(0, |o| o.id);
    Ok(page(MergePage {
        admin: c.role == pronto_domain::user::Role::Admin,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "contacts",
        languages: LANGUAGES,
        from,
        q: query,
        found,
        sides,
        other_id,
        keep,
        t: t.clone(),
    }))
}

#[derive(Deserialize)]
pub(super) struct MergeForm {
    keep: i64,
    /// The other one; or the pair `a`, `b` of the comparison and `keep` one of them.
    other: Option<i64>,
    a: Option<i64>,
    b: Option<i64>,
}

/// The same person entered twice, merged by hand (confirmed on the comparison page).
pub(super) async fn merge(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<MergeForm>) -> PageResult {
    let fail = fail(&st, &c, &t, "/contacts");
    let other = match (f.other, f.a, f.b) {
        (Some(o), _, _) => o,
        (None, Some(a), Some(b)) if f.keep == a => b,
        (None, Some(a), Some(b)) if f.keep == b => a,
        _ => return Err(fail(app::Error::invalid("other", "choose the contact to merge"))),
    };
    let id = app::leads::merge_contacts(&st, &c, f.keep, other).await.map_err(&fail)?;
    Ok(Redirect::to(&format!("/contacts/merges/{id}")).into_response())
}

#[derive(Template)]
#[template(path = "lists_merged.html")]
struct MergedPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    id: i64,
    kept: Side,
    merged_name: String,
    summary: String,
    /// Until when it can be undone (none: it was undone, or too late).
    undo_until: Option<String>,
    undone: bool,
}

/// What a merge did, and the way to undo it.
pub(super) async fn merged_page(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<i64>) -> PageResult {
    let fail = fail(&st, &c, &t, "/contacts");
    let m = st.store.contact_merge(id).await.map_err(|e| fail(app::or_not_found(e, "merge")))?;
    let kept = side(&st, m.kept).await.map_err(&fail)?;
    let merged = st.store.contact(m.merged).await.map_err(|e| fail(app::or_not_found(e, "contact")))?;
    let now = st.clock.now();
    let until = m.at + MERGE_UNDO_WINDOW;
    let summary = [
        t.n("lists-moved-leads", m.leads_moved as i64),
        t.n("lists-moved-activities", m.activities_moved as i64),
        t.n("lists-moved-identities", m.identities_moved as i64),
    ]
    .join(", ");
    Ok(page(MergedPage {
        admin: c.role == pronto_domain::user::Role::Admin,
        now_iso: now.to_string(),
        me: Some(c.user.name.clone()),
        page: "contacts",
        languages: LANGUAGES,
        id,
        merged_name: display(m.merged, &merged.contact.name, &merged.contact.email, &merged.contact.phone),
        kept,
        summary,
        undo_until: (m.undone_at.is_none() && now < until).then(|| local(until, &user_tz(&st, &c))),
        undone: m.undone_at.is_some(),
        t: t.clone(),
    }))
}

/// Undoes a merge: both contacts as they were.
pub(super) async fn undo(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<i64>) -> PageResult {
    let back = format!("/contacts/merges/{id}");
    app::leads::undo_merge(&st, &c, id).await.map_err(fail(&st, &c, &t, &back))?;
    Ok(Redirect::to(&back).into_response())
}
