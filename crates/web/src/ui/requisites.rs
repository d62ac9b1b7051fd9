//! The customer's requisites in the team's pages (issue 21): the lead card's section (what is
//! on file; the passport data masked, shown only on an explicit click by a role allowed to —
//! that read is audited), and the form `/leads/{id}/requisites` (the customer's type chosen
//! first, then the fields it needs; refused → each message next to its field, everything typed
//! kept). The form's parts are shared with the customer's page (`public_requisites`).
//!
//! Permission (`Action::EditRequisites`, `Action::ReadIdDocument`) is checked before anything
//! is read or written; the same-origin check of every POST is the session's (`auth`).

use super::error::PageResult;
use super::i18n::Tr;
use super::{LANGUAGES, Signed, fail, page};
use crate::AppState;
use crate::app::{self, requisites as uc};
use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use pronto_domain::lead::CustomerType;
use pronto_domain::requisites::{OPTIONAL_FIELDS, Problems, RequisitesDraft, fields_of};
use pronto_domain::user::{Action, Role};
use pronto_store::RequisitesRecord;
use std::collections::HashMap;
use std::sync::Arc;

pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/leads/{id}/requisites", get(edit_page).post(save))
        .route("/leads/{id}/requisites/reveal", post(reveal))
}

/// One field of the form as shown.
pub struct Field {
    pub name: &'static str,
    pub label: String,
    pub value: String,
    pub error: Option<String>,
    pub hint: Option<String>,
    pub multiline: bool,
    pub input_type: &'static str,
    pub autocomplete: &'static str,
    pub required: bool,
}

/// The form: the type chooser (a GET form, no script needed), then the fields of the chosen
/// type (a POST form).
pub struct RqForm {
    /// Where the chooser goes (`GET`, with `rq_type`).
    pub choose_action: String,
    /// Where the fields go (`POST`).
    pub action: String,
    /// Hidden fields both forms carry (the customer's page: its language).
    pub hidden: Vec<(&'static str, String)>,
    /// `(value, label, chosen)` of each type.
    pub choices: Vec<(&'static str, String, bool)>,
    pub kind: Option<&'static str>,
    pub fields: Vec<Field>,
    pub error_count: usize,
    pub type_error: Option<String>,
    pub submit: String,
    /// The passport data must be typed again (it is never filled in).
    pub retype_id: bool,
}

/// A problem in the reader's words.
pub fn message(t: &Tr, field: &str, code: &str) -> String {
    match code {
        "invalid" => t.t(&format!("requisites-err-invalid-{field}")),
        other => t.t(&format!("requisites-err-{other}")),
    }
}

/// The form for `kind` (none chosen yet: only the chooser), filled with `draft`, each of
/// `problems` next to its field.
#[allow(clippy::too_many_arguments)]
pub fn form(
    t: &Tr,
    kind: Option<CustomerType>,
    draft: &RequisitesDraft,
    problems: Option<&Problems>,
    choose_action: String,
    action: String,
    hidden: Vec<(&'static str, String)>,
    submit: String,
    retype_id: bool,
) -> RqForm {
    let err = |f: &str| problems.and_then(|p| p.of(f)).map(|p| message(t, p.field, p.code));
    let fields = kind
        .map(|k| {
            fields_of(k)
                .iter()
                .map(|&name| {
                    let (input_type, autocomplete, multiline) = match name {
                        "phone" => ("tel", "tel", false),
                        "email" => ("email", "email", false),
                        "full_name" | "contact_person" => ("text", "name", false),
                        "company" => ("text", "organization", false),
                        "address" => ("text", "street-address", true),
                        "id_document" => ("text", "off", true),
                        _ => ("text", "off", false),
                    };
                    Field {
                        name,
                        label: t.t(&format!("requisites-f-{name}")),
                        value: draft.value(name).unwrap_or_default().to_owned(),
                        error: err(name),
                        hint: matches!(name, "vat_id" | "id_document").then(|| t.t(&format!("requisites-hint-{name}"))),
                        multiline,
                        input_type,
                        autocomplete,
                        required: !OPTIONAL_FIELDS.contains(&name),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let chosen = kind.map(CustomerType::as_str);
    RqForm {
        choose_action,
        action,
        hidden,
        choices: CustomerType::ALL.iter().map(|k| (k.as_str(), t.t(&format!("requisites-type-{}", k.as_str())), chosen == Some(k.as_str()))).collect(),
        kind: chosen,
        fields,
        error_count: problems.map(|p| p.0.len()).unwrap_or(0),
        type_error: err("customer_type"),
        submit,
        retype_id,
    }
}

/// The type a form shows: asked for in the address, else typed, else stored.
pub fn kind_of(asked: Option<&str>, draft: &RequisitesDraft) -> Option<CustomerType> {
    asked.or(draft.customer_type.as_deref()).and_then(|k| CustomerType::parse(k).ok())
}

/// The lead card's section.
pub struct Card {
    pub lead_id: i64,
    pub present: bool,
    pub kind: String,
    pub rows: Vec<(String, String)>,
    pub id_on_file: bool,
    pub id_shown: Option<String>,
    pub may_reveal: bool,
    pub may_edit: bool,
    pub updated: String,
    pub notice: Option<String>,
}

/// The section from what is stored; `shown` the passport data opened for this request.
#[allow(clippy::too_many_arguments)]
pub fn card(
    t: &Tr,
    lead_id: i64,
    r: Option<&RequisitesRecord>,
    shown: Option<String>,
    may_reveal: bool,
    may_edit: bool,
    when: impl Fn(jiff::Timestamp) -> String,
    q: &HashMap<String, String>,
) -> Card {
    let notice = (q.get("requisites").map(String::as_str) == Some("saved")).then(|| t.t("requisites-saved"));
    let Some(r) = r else {
        return Card {
            lead_id,
            present: false,
            kind: String::new(),
            rows: Vec::new(),
            id_on_file: false,
            id_shown: None,
            may_reveal,
            may_edit,
            updated: String::new(),
            notice,
        };
    };
    let mut rows = Vec::new();
    let mut row = |f: &str, v: &Option<String>| {
        if let Some(v) = v.as_ref().filter(|v| !v.is_empty()) {
            // What the form explains ("leave empty if …") is not the card's label.
            let label = match f {
                "vat_id" => t.t("requisites-shown-vat_id"),
                _ => t.t(&format!("requisites-f-{f}")),
            };
            rows.push((label, v.clone()));
        }
    };
    row("full_name", &r.full_name);
    row("company", &r.company);
    row("company_id", &r.company_id);
    row("vat_id", &r.vat_id);
    row("contact_person", &r.contact_person);
    row("phone", &r.phone);
    row("email", &r.email);
    row("address", &Some(r.address.clone()));
    Card {
        lead_id,
        present: true,
        kind: t.t(&format!("requisites-type-{}", r.customer_type)),
        rows,
        id_on_file: r.has_id_document,
        id_shown: shown,
        may_reveal,
        may_edit,
        updated: t.with("requisites-updated", &[("when", &t.iso(&when(r.updated_at))), ("source", &t.t(&format!("requisites-source-{}", r.source)))]),
        notice,
    }
}

#[derive(Template)]
#[template(path = "requisites_edit.html")]
struct EditPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    lead_id: i64,
    heading: String,
    rq: RqForm,
}

#[allow(clippy::result_large_err)]
fn lead_id(st: &AppState, c: &crate::auth::Caller, t: &Arc<Tr>, id: &str) -> Result<i64, super::error::UiError> {
    id.parse::<i64>().ok().filter(|i| *i > 0).ok_or_else(|| fail(st, c, t, "/inbox")(app::Error::not_found("lead")))
}

fn render(st: &AppState, c: &crate::auth::Caller, t: Arc<Tr>, l: &pronto_store::LeadRecord, rq: RqForm, status: StatusCode) -> axum::response::Response {
    let who = l.contact.name.clone().or(l.company.as_ref().and_then(|c| c.name.clone())).or(l.contact.email.clone()).unwrap_or_default();
    let mut r = page(EditPage {
        admin: c.role == Role::Admin,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "lead",
        languages: LANGUAGES,
        lead_id: l.id,
        heading: t.with("requisites-edit-title", &[("who", &who)]),
        rq,
        t,
    });
    if r.status() == StatusCode::OK {
        *r.status_mut() = status;
    }
    r
}

/// Refused unless the reader may enter the requisites of this lead.
async fn may_edit(st: &AppState, c: &crate::auth::Caller, t: &Arc<Tr>, id: i64) -> Result<pronto_store::LeadRecord, super::error::UiError> {
    let back = format!("/leads/{id}");
    let l = st.store.lead(id).await.map_err(|e| fail(st, c, t, "/inbox")(app::or_not_found(e, "lead")))?;
    crate::access::require_on_lead(st, c, Action::EditRequisites, id).await.map_err(fail(st, c, t, &back))?;
    Ok(l)
}

/// `GET /leads/{id}/requisites[?rq_type=b2c|b2b]`.
async fn edit_page(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> PageResult {
    let id = lead_id(&st, &c, &t, &id)?;
    let l = may_edit(&st, &c, &t, id).await?;
    let stored = st.store.requisites(id).await.map_err(|e| fail(&st, &c, &t, "/inbox")(app::or_not_found(e, "lead")))?;
    let mut draft = stored.as_ref().map(uc::draft_from).unwrap_or_default();
    let asked = q.get("rq_type").map(String::as_str);
    if asked.is_some() && asked != draft.customer_type.as_deref() {
        draft = RequisitesDraft::default();
    }
    let kind = kind_of(asked, &draft);
    let retype = stored.as_ref().is_some_and(|r| r.has_id_document);
    let rq = form(&t, kind, &draft, None, format!("/leads/{id}/requisites"), format!("/leads/{id}/requisites"), Vec::new(), t.t("requisites-save"), retype);
    Ok(render(&st, &c, t, &l, rq, StatusCode::OK))
}

/// `POST /leads/{id}/requisites`: saved → the lead card saying so; refused → the form again.
async fn save(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path(id): Path<String>,
    Form(form_fields): Form<Vec<(String, String)>>,
) -> PageResult {
    let id = lead_id(&st, &c, &t, &id)?;
    let back = format!("/leads/{id}");
    let l = may_edit(&st, &c, &t, id).await?;
    let draft = uc::draft_of(&form_fields);
    match uc::save(&st, &c, id, &draft, "staff").await {
        Ok(_) => Ok(Redirect::to(&format!("/leads/{id}?requisites=saved#requisites")).into_response()),
        Err(uc::Refused::Invalid(p)) => {
            let kind = kind_of(None, &draft);
            let rq = form(&t, kind, &draft, Some(&p), back.clone() + "/requisites", back + "/requisites", Vec::new(), t.t("requisites-save"), false);
            Ok(render(&st, &c, t, &l, rq, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(uc::Refused::Error(e)) => Err(fail(&st, &c, &t, &back)(e)),
    }
}

/// `POST /leads/{id}/requisites/reveal`: the lead card with the passport data shown (only to a
/// role allowed to; the read is in the audit log).
async fn reveal(State(st): State<AppState>, signed: Signed, Path(id): Path<String>) -> PageResult {
    let Signed(c, t) = &signed;
    let id = lead_id(&st, c, t, &id)?;
    let back = format!("/leads/{id}");
    st.store.lead(id).await.map_err(|e| fail(&st, c, t, "/inbox")(app::or_not_found(e, "lead")))?;
    crate::access::require_on_lead(&st, c, Action::ReadIdDocument, id).await.map_err(fail(&st, c, t, &back))?;
    super::lead_card::card_page(st, signed, id, HashMap::new(), true).await
}
