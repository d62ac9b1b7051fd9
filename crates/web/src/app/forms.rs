//! Web forms built in the admin pages (admins only): list them with the config file's, read
//! one, save one (checked by [`FormSpec::check`]; its audit row in the same transaction),
//! remove one. A config file's form wins for its key: saving one under that key is allowed
//! (it takes over when the file's is removed), and the pages say so.

use super::{Error, Result, require_admin};
use crate::AppState;
use crate::auth::Caller;
use crate::form_spec::{FormSpec, Problem};
use crate::ui::i18n::Tr;
use pronto_domain::{FieldError, FieldErrors};

/// A form as the list shows it.
#[derive(Debug, Clone)]
pub struct FormItem {
    pub key: String,
    /// The config file has a form with this key (it wins).
    pub in_file: bool,
    /// The definition built in the admin pages, if any.
    pub spec: Option<FormSpec>,
    pub updated_at: Option<jiff::Timestamp>,
}

/// The names of the playbooks in use (for the form's process).
/// The address a request reached Pronto by (its `Host`, https when a proxy says so).
pub fn seen_base(headers: &axum::http::HeaderMap) -> Option<String> {
    let host = headers.get(axum::http::header::HOST)?.to_str().ok()?;
    if host.is_empty() || !host.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)) {
        return None;
    }
    let https = headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https");
    Some(format!("{}://{host}", if https { "https" } else { "http" }))
}

pub fn playbook_names(st: &AppState) -> Vec<String> {
    st.store.playbooks().list().into_iter().map(|(n, _, _)| n).collect()
}

fn parse(key: &str, definition: &str) -> Result<FormSpec> {
    serde_json::from_str(definition).map_err(|e| Error::Internal(format!("stored form `{key}`: {e}")))
}

/// Every form: the config file's and the stored ones, by key.
pub async fn list(st: &AppState, c: &Caller) -> Result<Vec<FormItem>> {
    require_admin(c)?;
    let mut out: Vec<FormItem> =
        st.config.forms.keys().map(|k| FormItem { key: k.clone(), in_file: true, spec: None, updated_at: None }).collect();
    for r in st.store.web_forms().await? {
        let spec = parse(&r.key, &r.definition)?;
        match out.iter_mut().find(|i| i.key == r.key) {
            Some(i) => {
                i.spec = Some(spec);
                i.updated_at = Some(r.updated_at);
            }
            None => out.push(FormItem { key: r.key, in_file: false, spec: Some(spec), updated_at: Some(r.updated_at) }),
        }
    }
    out.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(out)
}

/// One form (`NotFound` when neither the file nor the database has it).
pub async fn get(st: &AppState, c: &Caller, key: &str) -> Result<FormItem> {
    require_admin(c)?;
    let in_file = st.config.forms.contains_key(key);
    let rec = if crate::form_spec::valid_key(key) { st.store.web_form(key.to_owned()).await? } else { None };
    if rec.is_none() && !in_file {
        return Err(Error::not_found("form"));
    }
    let spec = rec.as_ref().map(|r| parse(key, &r.definition)).transpose()?;
    Ok(FormItem { key: key.to_owned(), in_file, spec, updated_at: rec.map(|r| r.updated_at) })
}

/// The problems as field errors in `t`'s words.
pub fn field_errors(problems: &[Problem], t: &Tr) -> FieldErrors {
    FieldErrors(problems.iter().map(|p| FieldError { field: p.field.clone(), message: t.t(p.key) }).collect())
}

/// Saves `spec` as form `key`; `new`: it must not exist yet (`Conflict`). Problems are
/// `Invalid` in the words of `t`.
pub async fn save(st: &AppState, c: &Caller, key: &str, spec: FormSpec, new: bool, t: &Tr) -> Result<()> {
    require_admin(c)?;
    let problems = spec.check(key, &playbook_names(st));
    if !problems.is_empty() {
        return Err(Error::Invalid(field_errors(&problems, t)));
    }
    if new && st.store.web_form(key.to_owned()).await?.is_some() {
        return Err(Error::Invalid(FieldErrors::single("key", t.t("forms-err-key-taken"))));
    }
    let definition = serde_json::to_string(&spec).map_err(|e| Error::Internal(e.to_string()))?;
    let detail = serde_json::json!({
        "fields": spec.fields.iter().map(|f| if f.required { format!("{}*", f.name) } else { f.name.clone() }).collect::<Vec<_>>(),
        "playbook": spec.playbook,
        "language": spec.language,
        "new": new,
    });
    let audit = crate::audit::entry(Some(&c.user), c.ip.clone(), crate::audit::kind::FORM_SAVED, Some(format!("form/{key}")), detail);
    st.store.save_web_form(key.to_owned(), Some(definition), audit).await?;
    Ok(())
}

/// Removes the stored form `key` (`NotFound` when there is none).
pub async fn delete(st: &AppState, c: &Caller, key: &str) -> Result<()> {
    require_admin(c)?;
    if !crate::form_spec::valid_key(key) {
        return Err(Error::not_found("form"));
    }
    let audit = crate::audit::entry(Some(&c.user), c.ip.clone(), crate::audit::kind::FORM_DELETED, Some(format!("form/{key}")), serde_json::json!({}));
    st.store.save_web_form(key.to_owned(), None, audit).await.map_err(|e| match e {
        pronto_store::StoreError::NotFound => Error::not_found("form"),
        e => e.into(),
    })
}

/// Where the company's site posts the form: Pronto's public address, else the address the
/// admin reached Pronto by (`seen`: `http://host:port`), else a placeholder.
pub fn action_url(st: &AppState, key: &str, seen: Option<&str>) -> String {
    let base = st.config.public_url.clone().or_else(|| seen.map(str::to_owned)).unwrap_or_else(|| "https://YOUR-PRONTO".into());
    format!("{}/forms/{key}", base.trim_end_matches('/'))
}
