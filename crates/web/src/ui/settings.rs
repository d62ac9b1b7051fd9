//! The settings pages (admins only): `/admin/settings`, an overview with each channel's state in
//! a sentence, and one page per section — `sms`, `email`, `phone`, `general` and `mailboxes` —
//! with plain fields, "send a test", and the fields set on the server shown but not editable.
//! A save applies at once (`crate::settings`); `?back=/local/path` returns there after saving.

use super::error::{PageResult, UiError};
use super::{LANGUAGES, Signed, fail, i18n::Tr, page};
use crate::AppState;
use crate::app::Error;
use crate::app::settings::{self as uc, SectionView};
use crate::auth::Caller;
use crate::settings::Kind;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/settings", get(overview))
        .route("/admin/settings/mailboxes", get(mailboxes_page).post(add_mailbox))
        .route("/admin/settings/mailboxes/{name}", post(save_mailbox))
        .route("/admin/settings/mailboxes/{name}/test", post(test_mailbox))
        .route("/admin/settings/mailboxes/{name}/remove", post(remove_mailbox))
        .route("/admin/settings/{section}", get(section_page).post(save_section))
        .route("/admin/settings/{section}/test", post(test_section))
}

/// Where to go after saving: a local path (one `/`, not `//`), else `None`.
pub fn local_back(back: &str) -> Option<&str> {
    // The site's one rule for a way back (`ui::redirect`), with a bound on its length.
    (back.len() <= 200 && super::redirect::is_local_path(back) && !back.contains(['\\', ' '])).then_some(back)
}

struct Sentence {
    id: &'static str,
    href: &'static str,
    title: String,
    text: String,
    ready: bool,
}

#[derive(Template)]
#[template(path = "settings_overview.html")]
struct OverviewPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    rows: Vec<Sentence>,
    problems: Vec<String>,
}

fn admin_only(st: &AppState, c: &Caller, t: &Arc<Tr>) -> Result<(), UiError> {
    crate::app::require_admin(c).map_err(fail(st, c, t, "/inbox"))
}

async fn overview(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    admin_only(&st, &c, &t)?;
    let cur = st.settings.current();
    let sms = match cur.sms.provider.as_str() {
        "log" | "" => (false, t.t("settings-sum-sms-off")),
        _ => (
            true,
            t.with(
                "settings-sum-sms",
                &[("url", cur.sms.url.as_deref().unwrap_or("")), ("from", cur.sms.from.as_deref().unwrap_or(""))],
            ),
        ),
    };
    let email = match (st.settings.senders.email(), &cur.email_host) {
        (Some(_), host) => (
            true,
            t.with("settings-sum-email", &[("host", host.as_deref().unwrap_or("")), ("from", cur.email_from.as_deref().unwrap_or(""))]),
        ),
        (None, _) => (false, t.t("settings-sum-email-off")),
    };
    let names: Vec<String> = cur.mailboxes.iter().map(|m| m.name.clone()).collect();
    let mail = if names.is_empty() {
        (false, t.t("settings-sum-mailboxes-off"))
    } else {
        (true, t.with("settings-sum-mailboxes", &[("count", &names.len().to_string()), ("names", &names.join(", "))]))
    };
    let phone = if cur.telephony_secret.is_some() { (true, t.t("settings-sum-phone")) } else { (false, t.t("settings-sum-phone-off")) };
    let general = match &cur.public_url {
        Some(u) => (true, t.with("settings-sum-general", &[("url", u), ("n", &cur.form_rate_per_minute.to_string())])),
        None => (false, t.with("settings-sum-general-off", &[("n", &cur.form_rate_per_minute.to_string())])),
    };
    let k = &cur.canary;
    let canary = if k.enabled {
        let hours = t.t(if k.working_hours_only { "settings-choice-canary-working" } else { "settings-choice-canary-always" });
        let to = k.sms_to.as_deref().or(k.email_to.as_deref()).unwrap_or("—");
        (true, t.with("settings-sum-canary", &[("n", &k.interval_minutes.to_string()), ("hours", &hours), ("to", to)]))
    } else {
        (false, t.t("settings-sum-canary-off"))
    };
    let rows = vec![
        Sentence { id: "sms", href: "/admin/settings/sms", title: t.t("settings-sms"), text: sms.1, ready: sms.0 },
        Sentence { id: "email", href: "/admin/settings/email", title: t.t("settings-email"), text: email.1, ready: email.0 },
        Sentence { id: "mailboxes", href: "/admin/settings/mailboxes", title: t.t("settings-mailboxes"), text: mail.1, ready: mail.0 },
        Sentence { id: "phone", href: "/admin/settings/phone", title: t.t("settings-phone"), text: phone.1, ready: phone.0 },
        Sentence { id: "general", href: "/admin/settings/general", title: t.t("settings-general"), text: general.1, ready: general.0 },
        Sentence { id: "canary", href: "/admin/canary", title: t.t("settings-canary"), text: canary.1, ready: canary.0 },
    ];
    Ok(page(OverviewPage {
        admin: true,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "admin",
        languages: LANGUAGES,
        rows,
        problems: cur.problems.clone(),
        t,
    }))
}

/// One field of a form as the page shows it.
struct Row {
    name: &'static str,
    /// The input's id (unique on the page).
    id: String,
    label: String,
    hint: Option<String>,
    /// `text`, `secret`, `choice`, `number`, `url`, `long`.
    kind: &'static str,
    value: String,
    saved: bool,
    locked: Option<String>,
    options: Vec<(&'static str, String)>,
    error: Option<String>,
    /// Shown only for this SMS provider (`twilio`, `http`), or empty.
    only: &'static str,
}

/// One form: a section, or one mailbox.
struct FormView {
    id: String,
    action: String,
    test_action: Option<String>,
    remove_action: Option<String>,
    /// The new mailbox's name field.
    name_field: Option<(String, Option<String>)>,
    title: String,
    rows: Vec<Row>,
    /// The test's recipient (SMS: a phone; e-mail: an address), with its default.
    test_to: Option<(&'static str, String)>,
    /// A test's result: (ok, sentence).
    result: Option<(bool, String)>,
    errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "settings_page.html")]
struct SectionPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    section: String,
    title: String,
    intro: String,
    back: String,
    saved: bool,
    forms: Vec<FormView>,
    /// Mailboxes set in the configuration file: (name, server).
    file_mailboxes: Vec<(String, String)>,
}

fn label_group(section: &str) -> &str {
    if section.starts_with("mailbox:") { "mailbox" } else { section }
}

/// The rows of a section's form: saved values, or what was typed on a refused save.
fn rows(t: &Tr, v: &SectionView, typed: Option<&BTreeMap<String, String>>, errors: &HashMap<String, String>, id_prefix: &str) -> Vec<Row> {
    let g = label_group(&v.section);
    v.fields
        .iter()
        .map(|f| {
            let hint_key = format!("settings-h-{g}-{}", f.field.name);
            let hint = t.t(&hint_key);
            let (kind, options): (&'static str, Vec<(&'static str, String)>) = match f.field.kind {
                Kind::Text => ("text", vec![]),
                Kind::Secret => ("secret", vec![]),
                Kind::Choice(c) => ("choice", c.iter().map(|o| (*o, t.t(&format!("settings-choice-{g}-{}", o.to_ascii_lowercase())))).collect()),
                Kind::Number { .. } => ("number", vec![]),
                Kind::Url => ("url", vec![]),
                Kind::Long => ("long", vec![]),
            };
            let value = match (typed.and_then(|m| m.get(f.field.name)), f.field.kind) {
                (_, Kind::Secret) => String::new(),
                (Some(v), _) if f.locked_by.is_none() => v.clone(),
                _ => f.value.clone(),
            };
            Row {
                name: f.field.name,
                id: format!("{id_prefix}{}", f.field.name),
                label: t.t(&format!("settings-f-{g}-{}", f.field.name)),
                hint: (hint != hint_key).then_some(hint),
                kind,
                value,
                saved: f.saved,
                locked: f.locked_by.as_ref().map(|by| t.with("settings-locked", &[("by", by)])),
                options,
                error: errors.get(f.field.name).cloned(),
                only: f.field.only.unwrap_or(""),
            }
        })
        .collect()
}

fn errors_of(e: &Error) -> HashMap<String, String> {
    match e {
        Error::Invalid(fe) => fe.0.iter().map(|f| (f.field.clone(), f.message.clone())).collect(),
        _ => HashMap::new(),
    }
}

fn form_input(f: &HashMap<String, String>, section: &str) -> BTreeMap<String, String> {
    let known = crate::settings::fields(section).unwrap_or(&[]);
    f.iter().filter(|(k, _)| known.iter().any(|x| x.name == k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect()
}

const PAGES: &[&str] = &["sms", "email", "phone", "general", "canary"];

fn known_page(st: &AppState, c: &Caller, t: &Arc<Tr>, section: &str) -> Result<(), UiError> {
    if PAGES.contains(&section) { Ok(()) } else { Err(fail(st, c, t, "/admin/settings")(Error::NotFound(format!("settings section `{section}`")))) }
}

#[derive(serde::Deserialize, Default)]
struct PageQuery {
    back: Option<String>,
    saved: Option<String>,
}

/// Renders a section's page (`typed`/`error`: a refused save; `result`: a test's answer).
async fn render_section(
    st: &AppState,
    c: &Caller,
    t: Arc<Tr>,
    section: &str,
    back: &str,
    saved: bool,
    typed: Option<&BTreeMap<String, String>>,
    error: Option<&Error>,
    result: Option<(bool, String)>,
) -> PageResult {
    let v = uc::view(st, c, section).await.map_err(fail(st, c, &t, "/admin/settings"))?;
    let errs = error.map(errors_of).unwrap_or_default();
    let test_to = match section {
        "sms" => Some(("tel", c.user.phone.clone().unwrap_or_default())),
        "email" => Some(("email", c.user.email.clone().unwrap_or_default())),
        _ => None,
    };
    let mut general_errors: Vec<String> = errs.iter().filter(|(k, _)| !v.fields.iter().any(|f| f.field.name == k.as_str())).map(|(_, m)| m.clone()).collect();
    if let Some(e @ (Error::Conflict(_) | Error::Unavailable(_) | Error::Internal(_))) = error {
        general_errors.push(e.to_string());
    }
    let form = FormView {
        id: format!("settings-{section}"),
        action: format!("/admin/settings/{section}"),
        test_action: (!matches!(section, "general" | "canary")).then(|| format!("/admin/settings/{section}/test")),
        remove_action: None,
        name_field: None,
        title: t.t(&format!("settings-{section}")),
        rows: rows(&t, &v, typed, &errs, "s-"),
        test_to,
        result,
        errors: general_errors,
    };
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let mut r = page(SectionPage {
        admin: true,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "admin",
        languages: LANGUAGES,
        section: section.to_owned(),
        title: t.t(&format!("settings-{section}")),
        intro: t.t(&format!("settings-intro-{section}")),
        back: back.to_owned(),
        saved,
        forms: vec![form],
        file_mailboxes: vec![],
        t,
    });
    *r.status_mut() = status;
    Ok(r)
}

async fn section_page(State(st): State<AppState>, Signed(c, t): Signed, Path(section): Path<String>, Query(q): Query<PageQuery>) -> PageResult {
    admin_only(&st, &c, &t)?;
    known_page(&st, &c, &t, &section)?;
    let back = q.back.as_deref().and_then(local_back).unwrap_or("");
    render_section(&st, &c, t, &section, back, q.saved.is_some(), None, None, None).await
}

fn after_save(back: Option<&String>, page: &str) -> Response {
    match back.and_then(|b| local_back(b)) {
        Some(b) => Redirect::to(b).into_response(),
        None => Redirect::to(&format!("{page}?saved=1")).into_response(),
    }
}

async fn save_section(State(st): State<AppState>, Signed(c, t): Signed, Path(section): Path<String>, Form(f): Form<HashMap<String, String>>) -> PageResult {
    admin_only(&st, &c, &t)?;
    known_page(&st, &c, &t, &section)?;
    let input = form_input(&f, &section);
    let back = f.get("back").and_then(|b| local_back(b)).unwrap_or("").to_owned();
    match uc::save(&st, &c, &section, &input, &t).await {
        Ok(_) => Ok(after_save(f.get("back"), &format!("/admin/settings/{section}"))),
        Err(e @ (Error::Invalid(_) | Error::Conflict(_))) => render_section(&st, &c, t, &section, &back, false, Some(&input), Some(&e), None).await,
        Err(e) => Err(fail(&st, &c, &t, "/admin/settings")(e)),
    }
}

async fn test_section(State(st): State<AppState>, Signed(c, t): Signed, Path(section): Path<String>, Form(f): Form<HashMap<String, String>>) -> PageResult {
    admin_only(&st, &c, &t)?;
    known_page(&st, &c, &t, &section)?;
    let back = f.get("back").and_then(|b| local_back(b)).unwrap_or("").to_owned();
    let result = match uc::test(&st, &c, &section, f.get("to").map(String::as_str), &t).await {
        Ok(r) => (r.ok, r.message),
        Err(Error::Invalid(e)) => (false, e.0.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join(" ")),
        Err(e) => return Err(fail(&st, &c, &t, "/admin/settings")(e)),
    };
    render_section(&st, &c, t, &section, &back, false, None, None, Some(result)).await
}

/// The mailboxes page: the file's (read-only), each saved one as its own form, and a new one.
/// `focus`: the mailbox a refused save, a test or a result is about.
async fn render_mailboxes(
    st: &AppState,
    c: &Caller,
    t: Arc<Tr>,
    saved: bool,
    focus: Option<(&str, Option<&BTreeMap<String, String>>, Option<&Error>, Option<(bool, String)>)>,
) -> PageResult {
    let names = uc::saved_mailboxes(st, c).await.map_err(fail(st, c, &t, "/admin/settings"))?;
    let mut forms = Vec::new();
    let focus_name = focus.as_ref().map(|f| f.0.to_owned());
    let is_new = focus_name.as_ref().is_some_and(|n| !names.contains(n));
    for name in names.iter().map(Some).chain(std::iter::once(None)) {
        let key = name.cloned().unwrap_or_default();
        let here = match (&focus, name) {
            (Some(f), Some(n)) if f.0 == n => Some(f),
            (Some(f), None) if is_new => Some(f),
            _ => None,
        };
        let section = format!("mailbox:{}", if key.is_empty() { "new" } else { &key });
        let mut v = uc::view(st, c, &section).await.map_err(fail(st, c, &t, "/admin/settings"))?;
        if key.is_empty() {
            for f in &mut v.fields {
                f.saved = false;
                f.value.clear();
            }
        }
        let errs = here.and_then(|f| f.2).map(errors_of).unwrap_or_default();
        let prefix = if key.is_empty() { "mb-new-".to_owned() } else { format!("mb-{key}-") };
        let mut general: Vec<String> =
            errs.iter().filter(|(k, _)| *k != "name" && !v.fields.iter().any(|f| f.field.name == k.as_str())).map(|(_, m)| m.clone()).collect();
        if let Some(e @ (Error::Conflict(_) | Error::Unavailable(_) | Error::Internal(_))) = here.and_then(|f| f.2) {
            general.push(e.to_string());
        }
        forms.push(FormView {
            id: if key.is_empty() { "mailbox-new".into() } else { format!("mailbox-{key}") },
            action: if key.is_empty() { "/admin/settings/mailboxes".into() } else { format!("/admin/settings/mailboxes/{key}") },
            test_action: (!key.is_empty()).then(|| format!("/admin/settings/mailboxes/{key}/test")),
            remove_action: (!key.is_empty()).then(|| format!("/admin/settings/mailboxes/{key}/remove")),
            name_field: key.is_empty().then(|| (if is_new { focus_name.clone().unwrap_or_default() } else { String::new() }, errs.get("name").cloned())),
            title: if key.is_empty() { t.t("settings-mailbox-new") } else { key.clone() },
            rows: rows(&t, &v, here.and_then(|f| f.1), &errs, &prefix),
            test_to: None,
            result: here.and_then(|f| f.3.clone()),
            errors: general,
        });
    }
    let file_mailboxes = st.settings.fixed.mailboxes.iter().map(|m| (m.name.clone(), m.host.clone())).collect();
    let status = if focus.as_ref().is_some_and(|f| f.2.is_some()) { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let mut r = page(SectionPage {
        admin: true,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "admin",
        languages: LANGUAGES,
        section: "mailboxes".into(),
        title: t.t("settings-mailboxes"),
        intro: t.t("settings-intro-mailboxes"),
        back: String::new(),
        saved,
        forms,
        file_mailboxes,
        t,
    });
    *r.status_mut() = status;
    Ok(r)
}

async fn mailboxes_page(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<PageQuery>) -> PageResult {
    admin_only(&st, &c, &t)?;
    render_mailboxes(&st, &c, t, q.saved.is_some(), None).await
}

async fn save_one(st: &AppState, c: &Caller, t: Arc<Tr>, name: &str, f: &HashMap<String, String>) -> PageResult {
    if !crate::settings::valid_mailbox_name(name) {
        let e = Error::Invalid(pronto_domain::FieldErrors(vec![pronto_domain::FieldError { field: "name".into(), message: t.t("settings-e-name") }]));
        return render_mailboxes(st, c, t, false, Some((name, None, Some(&e), None))).await;
    }
    let section = format!("mailbox:{name}");
    let input = form_input(f, &section);
    match uc::save(st, c, &section, &input, &t).await {
        Ok(_) => Ok(Redirect::to("/admin/settings/mailboxes?saved=1").into_response()),
        Err(e @ (Error::Invalid(_) | Error::Conflict(_))) => render_mailboxes(st, c, t, false, Some((name, Some(&input), Some(&e), None))).await,
        Err(e) => Err(fail(st, c, &t, "/admin/settings/mailboxes")(e)),
    }
}

async fn add_mailbox(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<HashMap<String, String>>) -> PageResult {
    admin_only(&st, &c, &t)?;
    let name = f.get("name").map(|n| n.trim().to_owned()).unwrap_or_default();
    save_one(&st, &c, t, &name, &f).await
}

async fn save_mailbox(State(st): State<AppState>, Signed(c, t): Signed, Path(name): Path<String>, Form(f): Form<HashMap<String, String>>) -> PageResult {
    admin_only(&st, &c, &t)?;
    save_one(&st, &c, t, &name, &f).await
}

async fn test_mailbox(State(st): State<AppState>, Signed(c, t): Signed, Path(name): Path<String>) -> PageResult {
    admin_only(&st, &c, &t)?;
    if !crate::settings::valid_mailbox_name(&name) {
        return Err(fail(&st, &c, &t, "/admin/settings/mailboxes")(Error::NotFound(format!("mailbox `{name}`"))));
    }
    let result = match uc::test(&st, &c, &format!("mailbox:{name}"), None, &t).await {
        Ok(r) => (r.ok, r.message),
        Err(e) => return Err(fail(&st, &c, &t, "/admin/settings/mailboxes")(e)),
    };
    render_mailboxes(&st, &c, t, false, Some((&name, None, None, Some(result)))).await
}

async fn remove_mailbox(State(st): State<AppState>, Signed(c, t): Signed, Path(name): Path<String>) -> PageResult {
    admin_only(&st, &c, &t)?;
    uc::remove_mailbox(&st, &c, &name).await.map_err(fail(&st, &c, &t, "/admin/settings/mailboxes"))?;
    Ok(Redirect::to("/admin/settings/mailboxes?saved=1").into_response())
}

#[cfg(test)]
mod tests {
    use super::local_back;

    #[test]
    fn only_a_local_path_is_a_way_back() {
        for (back, ok) in [
            ("/admin/guide", true),
            ("/admin/guide?step=2", true),
            ("//evil.example", false),
            ("/\\evil.example", false),
            ("https://evil.example", false),
            ("admin", false),
            ("", false),
            ("/a b", false),
        ] {
            assert_eq!(local_back(back).is_some(), ok, "{back}");
        }
    }
}
