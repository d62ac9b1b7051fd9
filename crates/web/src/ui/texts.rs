//! The admin's message texts (`/admin/texts`): every template of every playbook in every
//! language, each known by what it says in the reader's language; one edited with a live
//! preview on an example lead (`POST /admin/texts/preview`, called by `forms.js` as the admin
//! types), checked as the API checks it, saved as the company's own, or back to Pronto's.

use super::error::PageResult;
use super::{LANGUAGES, Signed, fail, i18n::Tr, page};
use crate::AppState;
use crate::app::{self, texts as uc};
use crate::auth::Caller;
use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use std::collections::HashMap;
use std::sync::Arc;

struct Cell {
    code: &'static str,
    name: &'static str,
    href: String,
    own: bool,
}

struct Row {
    /// What the text says, in the reader's language (filled in for the example lead).
    says: String,
    cells: Vec<Cell>,
}

struct Group {
    title: String,
    rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "texts_list.html")]
struct ListPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    groups: Vec<Group>,
    notice: Option<String>,
}

fn example(st: &AppState, r: &uc::TextRow) -> String {
    let text = if r.origin == "playbook" { to_fluent(&r.text) } else { r.text.clone() };
    uc::preview(st, &r.playbook, &r.template, r.language, &text, None).map(|(t, _)| t).unwrap_or(text)
}

fn short(s: &str) -> String {
    let line = s.lines().find(|l| !l.trim().is_empty()).unwrap_or_default().trim();
    if line.chars().count() > 90 { format!("{}…", line.chars().take(90).collect::<String>()) } else { line.to_owned() }
}

fn name_of(code: &str) -> &'static str {
    LANGUAGES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n).unwrap_or("")
}

pub(super) async fn list_page(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> PageResult {
    app::require_admin(&c).map_err(fail(&st, &c, &t, "/inbox"))?;
    let rows = uc::list(&st, &c, None).map_err(fail(&st, &c, &t, "/admin"))?;
    let mut groups: Vec<Group> = Vec::new();
    let mut current: Option<(String, String)> = None;
    for r in &rows {
        if current.as_ref() != Some(&(r.playbook.clone(), r.template.clone())) {
            if current.as_ref().is_none_or(|(p, _)| *p != r.playbook) {
                groups.push(Group { title: r.playbook_title.clone(), rows: Vec::new() });
            }
            current = Some((r.playbook.clone(), r.template.clone()));
            if let Some(g) = groups.last_mut() {
                g.rows.push(Row { says: String::new(), cells: Vec::new() });
            }
        }
        let Some(row) = groups.last_mut().and_then(|g| g.rows.last_mut()) else { continue };
        if r.language == t.lang || row.says.is_empty() {
            row.says = short(&example(&st, r));
        }
        row.cells.push(Cell {
            code: r.language,
            name: name_of(r.language),
            href: format!("/admin/texts/{}/{}/{}", r.playbook, r.template, r.language),
            own: r.origin == "company",
        });
    }
    let notice = q.get("done").map(|d| if d == "reset" { t.t("forms-tx-was-reset") } else { t.t("forms-saved") });
    Ok(page(ListPage {
        admin: true,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "admin",
        languages: LANGUAGES,
        groups,
        notice,
        t,
    }))
}

#[derive(Template)]
#[template(path = "texts_edit.html")]
struct EditPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    path: String,
    playbook: String,
    template: String,
    language: &'static str,
    language_name: &'static str,
    playbook_title: String,
    own: bool,
    text: String,
    subject: Option<String>,
    error: Option<String>,
    preview: String,
    preview_subject: Option<String>,
    variables: Vec<String>,
    notice: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn edit_page(st: &AppState, c: &Caller, t: Arc<Tr>, row: &uc::TextRow, text: String, subject: Option<String>, error: Option<String>, notice: Option<String>) -> EditPage {
    let (preview, preview_subject) = match uc::preview(st, &row.playbook, &row.template, row.language, &text, subject.as_deref()) {
        Ok(p) => p,
        Err(_) => (String::new(), None),
    };
    EditPage {
        admin: true,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "admin",
        languages: LANGUAGES,
        path: format!("/admin/texts/{}/{}/{}", row.playbook, row.template, row.language),
        playbook: row.playbook.clone(),
        template: row.template.clone(),
        language: row.language,
        language_name: name_of(row.language),
        playbook_title: row.playbook_title.clone(),
        own: row.origin == "company",
        text,
        subject,
        error,
        preview,
        preview_subject,
        variables: pronto_playbook::messages::VARIABLES.iter().map(|v| format!("{{ ${v} }}")).collect(),
        notice,
        t,
    }
}

pub(super) async fn edit(State(st): State<AppState>, Signed(c, t): Signed, Path((pb, template, lang)): Path<(String, String, String)>, Query(q): Query<HashMap<String, String>>) -> PageResult {
    app::require_admin(&c).map_err(fail(&st, &c, &t, "/inbox"))?;
    let row = uc::one(&st, &c, &pb, &template, &lang).map_err(fail(&st, &c, &t, "/admin/texts"))?;
    let notice = q.get("saved").map(|_| t.t("forms-saved"));
    // A playbook's own text uses `{contact.name}` placeholders: offered as Fluent to edit.
    let text = if row.origin == "playbook" { to_fluent(&row.text) } else { row.text.clone() };
    let subject = row.subject.as_deref().map(|s| if row.origin == "playbook" { to_fluent(s) } else { s.to_owned() });
    Ok(page(edit_page(&st, &c, t, &row, text, subject, None, notice)))
}

/// `{contact.name}` → `{ $contact_name }` (a playbook's placeholders in Fluent).
fn to_fluent(s: &str) -> String {
    let mut out = s.to_owned();
    for v in pronto_playbook::messages::VARIABLES {
        out = out.replace(&format!("{{{}}}", v.replacen('_', ".", 1)), &format!("{{ ${v} }}"));
    }
    out
}

pub(super) async fn save(State(st): State<AppState>, Signed(c, t): Signed, Path((pb, template, lang)): Path<(String, String, String)>, Form(f): Form<HashMap<String, String>>) -> PageResult {
    app::require_admin(&c).map_err(fail(&st, &c, &t, "/inbox"))?;
    let row = uc::one(&st, &c, &pb, &template, &lang).map_err(fail(&st, &c, &t, "/admin/texts"))?;
    let text = f.get("text").cloned().unwrap_or_default();
    let subject = f.get("subject").cloned().filter(|s| !s.trim().is_empty());
    match uc::set(&st, &c, &pb, &template, &lang, &text, subject.as_deref(), &t).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/texts/{pb}/{template}/{lang}?saved=1")).into_response()),
        Err(app::Error::Invalid(e)) => {
            let msg = e.0.into_iter().map(|f| f.message).collect::<Vec<_>>().join(" ");
            let mut r = page(edit_page(&st, &c, t, &row, text, subject, Some(msg), None));
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(r)
        }
        Err(e) => Err(fail(&st, &c, &t, "/admin/texts")(e)),
    }
}

pub(super) async fn reset(State(st): State<AppState>, Signed(c, t): Signed, Path((pb, template, lang)): Path<(String, String, String)>) -> PageResult {
    app::require_admin(&c).map_err(fail(&st, &c, &t, "/inbox"))?;
    uc::reset(&st, &c, &pb, &template, &lang).await.map_err(fail(&st, &c, &t, "/admin/texts"))?;
    Ok(Redirect::to("/admin/texts?done=reset").into_response())
}

/// The preview of a text as typed: an HTML fragment (the text for the example lead, or what
/// is wrong in the reader's words), 422 when it is wrong.
pub(super) async fn preview(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<HashMap<String, String>>) -> Response {
    if app::require_admin(&c).is_err() {
        return (StatusCode::FORBIDDEN, Html(String::new())).into_response();
    }
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let Ok(row) = uc::one(&st, &c, &get("playbook"), &get("template"), &get("language")) else {
        return (StatusCode::NOT_FOUND, Html(format!("<p class=\"field-error\">{}</p>", esc(&t.t("not-found"))))).into_response();
    };
    let subject = f.get("subject").cloned().filter(|s| !s.trim().is_empty());
    match uc::preview(&st, &row.playbook, &row.template, row.language, &get("text"), subject.as_deref()) {
        Ok((text, subj)) => {
            let mut html = String::new();
            if let Some(s) = subj {
                html.push_str(&format!("<p class=\"texts-preview-subject\" dir=\"auto\"><b>{}</b></p>", esc(&s)));
            }
            html.push_str(&format!("<p class=\"texts-preview-text\" dir=\"auto\" id=\"texts-preview-text\">{}</p>", esc(&text).replace('\n', "<br>")));
            Html(html).into_response()
        }
        Err(e) => (StatusCode::UNPROCESSABLE_ENTITY, Html(format!("<p class=\"field-error\" role=\"alert\" id=\"texts-preview-error\">{}</p>", esc(&uc::explain(&e, &t))))).into_response(),
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

pub(super) fn routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/admin/texts", get(list_page))
        .route("/admin/texts/preview", post(preview))
        .route("/admin/texts/{playbook}/{template}/{language}", get(edit).post(save))
        .route("/admin/texts/{playbook}/{template}/{language}/reset", post(reset))
}
