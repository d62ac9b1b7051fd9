//! The admin's web forms (`/admin/forms`): the list (the config file's forms and those built
//! here), a form built or changed (`/admin/forms/new`, `/admin/forms/{key}`: its fields, which
//! are required, labels, the consent text, the thank-you text and the redirect per language)
//! and the HTML to paste into the company's site. Admins only. A `back` path (e.g. from the
//! first-start guide) is carried through and returned to after saving.

use super::error::{PageResult, UiError};
use super::{LANGUAGES, Signed, fail, i18n::Tr, page, redirect::is_local_path};
use crate::AppState;
use crate::app::{self, forms as uc};
use crate::auth::Caller;
use crate::form_spec::{FIELDS, FieldSpec, FormSpec};
use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The `back` of a query or form, if it is a path on this site.
fn back_of(m: &HashMap<String, String>) -> Option<String> {
    m.get("back").map(|b| b.trim()).filter(|b| is_local_path(b)).map(str::to_owned)
}

fn with_back(path: &str, back: &Option<String>) -> String {
    match back {
        Some(b) => format!("{path}?back={}", urlencoding(b)),
        None => path.to_owned(),
    }
}

fn urlencoding(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).unwrap_or_default().trim_start_matches('=').to_owned()
}

struct ListRow {
    key: String,
    href: String,
    /// Where it is defined, in the reader's words.
    place: String,
    fields: String,
    in_file: bool,
}

#[derive(Template)]
#[template(path = "forms_list.html")]
struct ListPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    rows: Vec<ListRow>,
    new_href: String,
    back: Option<String>,
    notice: Option<String>,
}

fn admin_only(st: &AppState, c: &Caller, t: &Arc<Tr>) -> Result<(), UiError> {
    app::require_admin(c).map_err(fail(st, c, t, "/inbox"))
}

fn field_words(spec: &FormSpec, t: &Tr) -> String {
    spec.fields
        .iter()
        .map(|f| if f.required || f.name == "consent" { format!("{}*", t.t(&format!("forms-f-{}", f.name))) } else { t.t(&format!("forms-f-{}", f.name)) })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) async fn list_page(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> PageResult {
    admin_only(&st, &c, &t)?;
    let back = back_of(&q);
    let items = uc::list(&st, &c).await.map_err(fail(&st, &c, &t, "/admin"))?;
    let rows = items
        .into_iter()
        .map(|i| ListRow {
            href: with_back(&format!("/admin/forms/{}", i.key), &back),
            place: match (i.in_file, i.spec.is_some()) {
                (true, true) => t.t("forms-place-both"),
                (true, false) => t.t("forms-place-file"),
                _ => t.t("forms-place-here"),
            },
            fields: i.spec.as_ref().map(|s| field_words(s, &t)).unwrap_or_else(|| field_words(&FormSpec::starter(t.lang), &t)),
            in_file: i.in_file,
            key: i.key,
        })
        .collect();
    let notice = q.get("saved").map(|_| t.t("forms-saved"));
    Ok(page(ListPage {
        admin: true,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "admin",
        languages: LANGUAGES,
        rows,
        new_href: with_back("/admin/forms/new", &back),
        back,
        notice,
        t,
    }))
}

struct FieldRow {
    name: &'static str,
    word: String,
    on: bool,
    required: bool,
}

struct LabelInput {
    name: String,
    word: String,
    value: String,
    placeholder: String,
    error: Option<String>,
}

struct LangBlock {
    code: &'static str,
    name: &'static str,
    open: bool,
    labels: Vec<LabelInput>,
    consent: String,
    consent_error: Option<String>,
    thanks: String,
    thanks_error: Option<String>,
    redirect: String,
    redirect_error: Option<String>,
}

#[derive(Template)]
#[template(path = "forms_edit.html")]
struct EditPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    new: bool,
    key: String,
    action: String,
    back: Option<String>,
    in_file: bool,
    stored: bool,
    playbook: String,
    playbooks: Vec<(String, String)>,
    source: String,
    language: String,
    fields: Vec<FieldRow>,
    blocks: Vec<LangBlock>,
    errors: BTreeMap<String, String>,
    snippet: Option<String>,
    snippet_lang: &'static str,
    public_action: String,
    notice: Option<String>,
}

impl EditPage {
    fn has_error(&self, f: &str) -> bool {
        self.errors.contains_key(f)
    }
    fn error_count(&self) -> i64 {
        self.errors.len() as i64
    }
    fn error(&self, f: &str) -> &str {
        self.errors.get(f).map(String::as_str).unwrap_or_default()
    }
}

#[allow(clippy::too_many_arguments)]
fn edit_page(
    st: &AppState,
    c: &Caller,
    t: Arc<Tr>,
    key: &str,
    new: bool,
    spec: &FormSpec,
    in_file: bool,
    stored: bool,
    errors: BTreeMap<String, String>,
    back: Option<String>,
    snippet_lang: &'static str,
    notice: Option<String>,
    seen: Option<String>,
) -> EditPage {
    let fields = FIELDS
        .iter()
        .map(|n| FieldRow {
            name: n,
            word: t.t(&format!("forms-f-{n}")),
            on: spec.field(n).is_some(),
            required: spec.field(n).is_some_and(|f| f.required || *n == "consent"),
        })
        .collect();
    let blocks = LANGUAGES
        .iter()
        .map(|(code, name)| {
            let lt = Tr::new(code);
            let err = |f: String| errors.get(&f).cloned();
            LangBlock {
                code,
                name,
                open: *code == spec.language || errors.keys().any(|k| k.ends_with(&format!("_{code}"))),
                labels: FIELDS
                    .iter()
                    .map(|n| LabelInput {
                        name: format!("label_{n}_{code}"),
                        word: t.t(&format!("forms-f-{n}")),
                        value: spec.field(n).and_then(|f| f.labels.get(*code)).cloned().unwrap_or_default(),
                        placeholder: lt.t(&format!("forms-f-{n}")),
                        error: err(format!("label_{n}_{code}")),
                    })
                    .collect(),
                consent: spec.consent_text.get(*code).cloned().unwrap_or_default(),
                consent_error: err(format!("consent_{code}")),
                thanks: spec.thanks.get(*code).cloned().unwrap_or_default(),
                thanks_error: err(format!("thanks_{code}")),
                redirect: spec.redirect.get(*code).cloned().unwrap_or_default(),
                redirect_error: err(format!("redirect_{code}")),
            }
        })
        .collect();
    let reg = st.store.playbooks();
    let playbooks = reg.list().into_iter().map(|(n, _, pb)| (n, pb.title.clone())).collect();
    let public_action = uc::action_url(st, key, seen.as_deref());
    let snippet = (stored && errors.is_empty()).then(|| spec.snippet(&public_action, &Tr::new(snippet_lang)));
    EditPage {
        admin: true,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "admin",
        languages: LANGUAGES,
        new,
        key: key.to_owned(),
        action: if new { "/admin/forms/new".into() } else { format!("/admin/forms/{key}") },
        back,
        in_file,
        stored,
        playbook: spec.playbook.clone().unwrap_or_default(),
        playbooks,
        source: spec.source.clone().unwrap_or_default(),
        language: spec.language.clone(),
        fields,
        blocks,
        errors,
        snippet,
        snippet_lang,
        public_action,
        notice,
        t,
    }
}

/// The form as the page sent it (what was typed is kept when it is refused).
fn spec_from_form(f: &HashMap<String, String>) -> FormSpec {
    let get = |k: &str| f.get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let langs = || LANGUAGES.iter().map(|(c, _)| *c);
    let per_lang = |what: &str| -> BTreeMap<String, String> {
        langs().filter_map(|l| f.get(&format!("{what}_{l}")).map(|v| (l.to_owned(), v.trim().to_owned()))).filter(|(_, v)| !v.is_empty()).collect()
    };
    FormSpec {
        playbook: get("playbook"),
        source: get("source"),
        language: get("language").unwrap_or_else(|| "en".into()),
        fields: FIELDS
            .iter()
            .filter(|n| f.contains_key(&format!("f_{n}")))
            .map(|n| FieldSpec {
                name: (*n).to_owned(),
                required: *n == "consent" || f.contains_key(&format!("r_{n}")),
                labels: per_lang(&format!("label_{n}")),
            })
            .collect(),
        consent_text: per_lang("consent"),
        thanks: per_lang("thanks"),
        redirect: per_lang("redirect"),
    }
}

fn snippet_lang(q: &HashMap<String, String>, spec: &FormSpec) -> &'static str {
    q.get("lang").and_then(|l| pronto_playbook::messages::language(l)).unwrap_or_else(|| pronto_playbook::messages::language(&spec.language).unwrap_or("en"))
}

pub(super) async fn new_page(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>, headers: HeaderMap) -> PageResult {
    admin_only(&st, &c, &t)?;
    let spec = FormSpec::starter(t.lang);
    let lang = snippet_lang(&q, &spec);
    Ok(page(edit_page(&st, &c, t, "", true, &spec, false, false, BTreeMap::new(), back_of(&q), lang, None, uc::seen_base(&headers))))
}

pub(super) async fn edit(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path(key): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> PageResult {
    admin_only(&st, &c, &t)?;
    let item = uc::get(&st, &c, &key).await.map_err(fail(&st, &c, &t, "/admin/forms"))?;
    let stored = item.spec.is_some();
    let spec = item.spec.unwrap_or_else(|| FormSpec::starter(t.lang));
    let lang = snippet_lang(&q, &spec);
    let notice = q.get("saved").map(|_| t.t("forms-saved"));
    Ok(page(edit_page(&st, &c, t, &key, false, &spec, item.in_file, stored, BTreeMap::new(), back_of(&q), lang, notice, uc::seen_base(&headers))))
}

async fn save(st: AppState, c: Caller, t: Arc<Tr>, key: String, new: bool, f: HashMap<String, String>) -> PageResult {
    admin_only(&st, &c, &t)?;
    let spec = spec_from_form(&f);
    let back = back_of(&f);
    match uc::save(&st, &c, &key, spec.clone(), new, &t).await {
        Ok(()) => {
            let to = match &back {
                Some(b) => b.clone(),
                None => format!("/admin/forms/{key}?saved=1"),
            };
            Ok(Redirect::to(&to).into_response())
        }
        Err(app::Error::Invalid(e)) => {
            let errors = e.0.into_iter().map(|f| (f.field, f.message)).collect();
            let in_file = st.config.forms.contains_key(&key);
            let lang = pronto_playbook::messages::language(&spec.language).unwrap_or("en");
            let mut r = page(edit_page(&st, &c, t, &key, new, &spec, in_file, !new, errors, back, lang, None, None));
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(r)
        }
        Err(e) => Err(fail(&st, &c, &t, "/admin/forms")(e)),
    }
}

pub(super) async fn create(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<HashMap<String, String>>) -> PageResult {
    let key = f.get("key").map(|k| k.trim().to_owned()).unwrap_or_default();
    save(st, c, t, key, true, f).await
}

pub(super) async fn update(State(st): State<AppState>, Signed(c, t): Signed, Path(key): Path<String>, Form(f): Form<HashMap<String, String>>) -> PageResult {
    save(st, c, t, key, false, f).await
}

pub(super) async fn delete(State(st): State<AppState>, Signed(c, t): Signed, Path(key): Path<String>, Form(f): Form<HashMap<String, String>>) -> PageResult {
    admin_only(&st, &c, &t)?;
    uc::delete(&st, &c, &key).await.map_err(fail(&st, &c, &t, "/admin/forms"))?;
    Ok(Redirect::to(&with_back("/admin/forms", &back_of(&f))).into_response())
}

pub(super) fn routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/admin/forms", get(list_page))
        .route("/admin/forms/new", get(new_page).post(create))
        .route("/admin/forms/{key}", get(edit).post(update))
        .route("/admin/forms/{key}/delete", post(delete))
        .merge(super::texts::routes())
}
