//! The settings' use cases, shared by the admin pages and the API: a section as the form shows
//! it (secrets never, fields set on the server marked), saving one (checked, audited, applied
//! at once — see `crate::settings`), removing a mailbox, and "send a test" on a channel.

use super::{Error, Result, require_admin};
use crate::AppState;
use crate::auth::Caller;
use crate::settings::{Field, Kind, fields};
use crate::ui::i18n::Tr;
use pronto_domain::{FieldError, FieldErrors};
use pronto_store::SettingsChange;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// One field as the form shows it.
#[derive(Debug, Clone)]
pub struct FieldView {
    pub field: Field,
    /// The value (empty for a secret: it is never shown again).
    pub value: String,
    /// A secret that is saved (the page says "saved — type a new one to replace it").
    pub saved: bool,
    /// What set it on the server (then it cannot be changed here).
    pub locked_by: Option<String>,
}

/// A section as the form shows it.
#[derive(Debug, Clone)]
pub struct SectionView {
    pub section: String,
    pub fields: Vec<FieldView>,
}

fn section_fields(section: &str) -> Result<&'static [Field]> {
    fields(section).ok_or_else(|| Error::NotFound(format!("settings section `{section}`")))
}

/// A section's fields with their saved values (secrets: only whether one is saved).
pub async fn view(st: &AppState, caller: &Caller, section: &str) -> Result<SectionView> {
    require_admin(caller)?;
    let list = section_fields(section)?;
    let stored = st.store.settings().await?;
    let saved = stored.get(section).cloned().unwrap_or_default();
    let fields = list
        .iter()
        .map(|f| {
            let locked = st.settings.fixed.locked(section, f.name);
            let secret = f.kind == Kind::Secret;
            let value = match locked {
                Some(l) if !secret => l.value.clone().unwrap_or_default(),
                Some(_) => String::new(),
                None if secret => String::new(),
                None => saved.get(f.name).cloned().unwrap_or_default(),
            };
            FieldView {
                field: *f,
                value,
                saved: secret && (saved.contains_key(f.name) || locked.is_some()),
                locked_by: locked.map(|l| l.by.clone()),
            }
        })
        .collect();
    Ok(SectionView { section: section.to_owned(), fields })
}

/// The names of the saved mailboxes (the file's are in `st.settings.fixed.mailboxes`).
pub async fn saved_mailboxes(st: &AppState, caller: &Caller) -> Result<Vec<String>> {
    require_admin(caller)?;
    Ok(st.store.settings().await?.keys().filter_map(|s| s.strip_prefix("mailbox:").map(str::to_owned)).collect())
}

/// A problem with one field: the field, the message's key and its values.
pub type Problem = (&'static str, &'static str, Vec<(&'static str, String)>);

/// Checks a section's values as they would apply (saved, typed and set on the server together).
/// Pure: every rule in one place, messages by key (the caller words them in the reader's language).
pub fn check(section: &str, v: &BTreeMap<String, String>) -> Vec<Problem> {
    let Some(list) = fields(section) else { return vec![("section", "settings-e-unknown", vec![])] };
    let mut out: Vec<Problem> = Vec::new();
    let get = |k: &str| v.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
    for f in list {
        let Some(value) = get(f.name) else { continue };
        match f.kind {
            Kind::Choice(options) if !options.contains(&value) => out.push((f.name, "settings-e-choice", vec![])),
            Kind::Number { min, max } if value.parse::<u32>().map_or(true, |n| n < min || n > max) => {
                out.push((f.name, "settings-e-number", vec![("min", min.to_string()), ("max", max.to_string())]))
            }
            Kind::Url if !is_web_address(value) => out.push((f.name, "settings-e-url", vec![])),
            _ if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') => {
                out.push((f.name, "settings-e-control", vec![]))
            }
            _ => {}
        }
    }
    let require = |out: &mut Vec<Problem>, names: &[&'static str]| {
        for n in names {
            if get(n).is_none() {
                out.push((n, "settings-e-required", vec![]));
            }
        }
    };
    match section {
        "sms" => {
            match get("provider").unwrap_or("log") {
                "twilio" => require(&mut out, &["url", "account_sid", "auth_token", "from"]),
                "http" => require(&mut out, &["url"]),
                _ => {}
            }
            if let Some(sid) = get("account_sid")
                && !sid.chars().all(|c| c.is_ascii_alphanumeric())
            {
                out.push(("account_sid", "settings-e-sid", vec![]));
            }
            if let Some(from) = get("from")
                && !is_sender(from)
            {
                out.push(("from", "settings-e-from", vec![]));
            }
            if let Some(h) = get("headers")
                && h.split(['\n', ';']).map(str::trim).filter(|h| !h.is_empty()).any(|h| match h.split_once(':') {
                    Some((k, _)) => k.trim().is_empty() || !k.trim().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
                    None => true,
                })
            {
                out.push(("headers", "settings-e-header", vec![]));
            }
        }
        "email" => {
            let any = ["host", "port", "security", "user", "password", "from"].iter().any(|k| get(k).is_some());
            if any {
                require(&mut out, &["host", "from"]);
            }
            if let Some(h) = get("host")
                && !is_host(h)
            {
                out.push(("host", "settings-e-host", vec![]));
            }
            if let Some(a) = get("from")
                && !is_address(a)
            {
                out.push(("from", "settings-e-address", vec![]));
            }
        }
        "phone" => {
            if let Some(s) = get("secret")
                && s.strip_prefix("whsec_").unwrap_or(s).chars().count() < 16
            {
                out.push(("secret", "settings-e-secret-short", vec![]));
            }
        }
        "canary" => {
            if let Some(p) = get("sms_to")
                && pronto_domain::values::Phone::parse(p, pronto_domain::values::Region::default()).is_err()
                && !(p.starts_with('+') && p[1..].chars().all(|c| c.is_ascii_digit() || c == ' '))
            {
                out.push(("sms_to", "settings-e-phone", vec![]));
            }
            for k in ["email_to", "mail_to"] {
                if let Some(a) = get(k)
                    && !is_address(a)
                {
                    out.push((k, "settings-e-address", vec![]));
                }
            }
        }
        s if s.starts_with("mailbox:") => {
            require(&mut out, &["host", "user", "password"]);
            if let Some(h) = get("host")
                && !is_host(h)
            {
                out.push(("host", "settings-e-host", vec![]));
            }
        }
        _ => {}
    }
    out
}

/// `https://host…` or `http://host…`, with a host and nothing that hides where it goes.
fn is_web_address(u: &str) -> bool {
    let host = u.strip_prefix("https://").or_else(|| u.strip_prefix("http://")).unwrap_or("");
    let host = host.split('/').next().unwrap_or("");
    !host.is_empty() && !host.contains(['@', ' ', '?', '#']) && !u.chars().any(|c| c.is_control() || c == ' ')
}

/// A server's name alone (`smtp.example.com`, `127.0.0.1`): no scheme, user, port or path.
fn is_host(h: &str) -> bool {
    h.len() <= 253 && h.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_') && !h.starts_with(['.', '-'])
}

/// `pronto@example.com` or `Pronto <pronto@example.com>`.
fn is_address(a: &str) -> bool {
    let bare = a.rsplit_once('<').map(|(_, r)| r.trim_end_matches('>')).unwrap_or(a).trim();
    match bare.split_once('@') {
        Some((l, d)) => !l.is_empty() && d.contains('.') && !bare.contains([' ', '<', '>', ',']) && !d.starts_with('.') && !d.ends_with('.'),
        None => false,
    }
}

/// An SMS sender: a number (`+420 777 123 456`) or a name of up to 11 letters and digits.
fn is_sender(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let number = s.strip_prefix('+').unwrap_or(s).chars().all(|c| c.is_ascii_digit() || c == ' ') && (6..=15).contains(&digits);
    number || (s.len() <= 11 && s.chars().all(|c| c.is_ascii_alphanumeric()) && s.chars().any(|c| c.is_ascii_alphabetic()))
}

fn words(t: &Tr, problems: Vec<Problem>) -> Error {
    Error::Invalid(FieldErrors(
        problems
            .into_iter()
            .map(|(field, key, vars)| {
                let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
                FieldError { field: field.to_owned(), message: t.with(key, &vars) }
            })
            .collect(),
    ))
}

/// Saves what was typed in a section: an empty secret keeps the saved one, an empty other
/// field forgets it; a field set on the server cannot be given. Checked as it would apply,
/// written with its audit row (the changed fields' names, never a value of a secret), applied
/// at once. Returns the names of the fields that changed.
pub async fn save(st: &AppState, caller: &Caller, section: &str, input: &BTreeMap<String, String>, t: &Tr) -> Result<Vec<String>> {
    require_admin(caller)?;
    let list = section_fields(section)?;
    if let Some(name) = section.strip_prefix("mailbox:")
        && st.settings.fixed.mailboxes.iter().any(|m| m.name == name)
    {
        return Err(words(t, vec![("name", "settings-e-mailbox-file", vec![])]));
    }
    let mut problems: Vec<Problem> = Vec::new();
    for k in input.keys() {
        if !list.iter().any(|f| f.name == k) {
            problems.push(("field", "settings-e-unknown", vec![("name", k.clone())]));
        }
    }
    let stored = st.store.settings().await?;
    let old = stored.get(section).cloned().unwrap_or_default();
    let mut set: BTreeMap<String, Option<String>> = BTreeMap::new();
    for f in list {
        let Some(typed) = input.get(f.name) else { continue };
        let typed = if f.kind == Kind::Long { typed.trim_end().to_owned() } else { typed.trim().to_owned() };
        if let Some(l) = st.settings.fixed.locked(section, f.name) {
            if !typed.is_empty() && (f.kind == Kind::Secret || l.value.as_deref() != Some(typed.as_str())) {
                problems.push((f.name, "settings-e-locked", vec![("by", l.by.clone())]));
            }
            continue;
        }
        match (f.kind, typed.is_empty()) {
            (Kind::Secret, true) => {}
            (_, true) => {
                set.insert(f.name.to_owned(), None);
            }
            (_, false) => {
                set.insert(f.name.to_owned(), Some(typed));
            }
        }
    }
    if !problems.is_empty() {
        return Err(words(t, problems));
    }
    // As it would apply: saved, then typed, then what the server sets.
    let mut next = old.clone();
    for (k, v) in &set {
        match v {
            Some(v) => next.insert(k.clone(), v.clone()),
            None => next.remove(k),
        };
    }
    let mut as_applied = stored.clone();
    as_applied.insert(section.to_owned(), next.clone());
    let problems = check(section, &crate::settings::effective(section, &st.settings.fixed, &as_applied));
    if !problems.is_empty() {
        return Err(words(t, problems));
    }
    let changed: Vec<String> = set.keys().filter(|k| old.get(*k) != next.get(*k)).cloned().collect();
    if changed.is_empty() && stored.contains_key(section) {
        return Ok(changed);
    }
    let secret: BTreeSet<String> = list.iter().filter(|f| f.kind == Kind::Secret).map(|f| f.name.to_owned()).collect();
    let audit = crate::audit::entry(
        Some(&caller.user),
        caller.ip.clone(),
        crate::audit::kind::SETTINGS_CHANGED,
        Some(format!("settings/{section}")),
        serde_json::json!({ "section": section, "fields": changed }),
    );
    let set = set.into_iter().filter(|(k, _)| changed.contains(k)).collect();
    st.store.save_settings(SettingsChange { section: section.to_owned(), set, secret, clear: false, actor: Some(caller.user.id), audit: Some(audit) }).await?;
    st.reload_settings().await.map_err(|e| Error::Conflict(e.to_string()))?;
    Ok(changed)
}

/// Removes a mailbox saved in the pages (its reader stops).
pub async fn remove_mailbox(st: &AppState, caller: &Caller, name: &str) -> Result<()> {
    require_admin(caller)?;
    let section = format!("mailbox:{name}");
    if !st.store.settings().await?.contains_key(&section) {
        return Err(Error::NotFound(format!("mailbox `{name}`")));
    }
    let audit = crate::audit::entry(
        Some(&caller.user),
        caller.ip.clone(),
        crate::audit::kind::SETTINGS_REMOVED,
        Some(format!("settings/{section}")),
        serde_json::json!({ "section": section }),
    );
    st.store.save_settings(SettingsChange { section, clear: true, actor: Some(caller.user.id), audit: Some(audit), ..Default::default() }).await?;
    st.reload_settings().await.map_err(|e| Error::Conflict(e.to_string()))?;
    Ok(())
}

/// What a test found, in the reader's words.
#[derive(Debug, Clone)]
pub struct TestOutcome {
    pub ok: bool,
    pub message: String,
}

/// The longest a test waits for a gateway, a mail server or a mailbox.
const TEST_TIMEOUT: Duration = Duration::from_secs(20);

/// The HTTP status in a gateway's refusal (`SMS gateway answered 401: …`).
pub fn gateway_status(message: &str) -> Option<u16> {
    message.split("answered ").nth(1)?.get(..3)?.parse().ok()
}

/// "Send a test" on a channel with the saved settings, through the same sender alerts use.
/// It is sent here, by the request, rather than queued in the outbox: it is a diagnostic, and
/// its result is the answer the admin waits for (bounded by [`TEST_TIMEOUT`]).
pub async fn test(st: &AppState, caller: &Caller, section: &str, to: Option<&str>, t: &Tr) -> Result<TestOutcome> {
    require_admin(caller)?;
    section_fields(section)?;
    let to = to.map(str::trim).filter(|s| !s.is_empty());
    let current = st.settings.current();
    let outcome = match section {
        "sms" => {
            let to = to.map(str::to_owned).or_else(|| caller.user.phone.clone()).unwrap_or_default();
            let phone = pronto_domain::values::Phone::parse(&to, st.config.region)
                .map_err(|_| words(t, vec![("to", "settings-test-to-phone", vec![])]))?;
            let sms = st.settings.senders.sms();
            if matches!(*sms, pronto_alerts::SmsProvider::Log) {
                TestOutcome { ok: false, message: t.t("settings-test-sms-log") }
            } else {
                let key = format!("settings-test/{}", st.clock.now().as_microsecond());
                let text = t.t("settings-test-text");
                match tokio::time::timeout(TEST_TIMEOUT, sms.send(0, phone.as_str(), &text, &key)).await {
                    Err(_) => TestOutcome { ok: false, message: t.t("settings-test-timeout") },
                    Ok(Ok(_)) => TestOutcome { ok: true, message: t.with("settings-test-sms-sent", &[("to", phone.as_str())]) },
                    Ok(Err(e)) => match gateway_status(&e.message) {
                        Some(code) => TestOutcome {
                            ok: false,
                            message: t.with("settings-test-sms-refused", &[("status", &code.to_string()), ("detail", &e.message)]),
                        },
                        None => TestOutcome { ok: false, message: t.with("settings-test-unreachable", &[("detail", &e.message)]) },
                    },
                }
            }
        }
        "email" => {
            let to = to.map(str::to_owned).or_else(|| caller.user.email.clone()).unwrap_or_default();
            if !is_address(&to) {
                return Err(words(t, vec![("to", "settings-test-to-email", vec![])]));
            }
            match st.settings.senders.email() {
                None => TestOutcome { ok: false, message: t.t("settings-test-email-off") },
                Some(mail) => {
                    let key = format!("settings-test/{}", st.clock.now().as_microsecond());
                    let (subject, text) = (t.t("settings-test-subject"), t.t("settings-test-text"));
                    let send = mail.send(&to, &subject, &text, &key);
                    match tokio::time::timeout(TEST_TIMEOUT, send).await {
                        Err(_) => TestOutcome { ok: false, message: t.t("settings-test-timeout") },
                        Ok(Ok(_)) => TestOutcome { ok: true, message: t.with("settings-test-email-sent", &[("to", &to)]) },
                        Ok(Err(e)) => TestOutcome { ok: false, message: t.with("settings-test-email-failed", &[("detail", &e.message)]) },
                    }
                }
            }
        }
        "phone" => {
            let base = current.public_url.clone().unwrap_or_else(|| "https://YOUR-PRONTO".into());
            let url = format!("{base}/hooks/telephony");
            match &current.telephony_secret {
                None => TestOutcome { ok: false, message: t.with("settings-test-phone-off", &[("url", &url)]) },
                Some(_) => TestOutcome { ok: true, message: t.with("settings-test-phone", &[("url", &url)]) },
            }
        }
        "general" => TestOutcome { ok: true, message: t.t("saved") },
        s => {
            let name = s.strip_prefix("mailbox:").unwrap_or(s);
            let cfg = current.mailboxes.iter().find(|m| m.name == name).cloned().ok_or_else(|| Error::NotFound(format!("mailbox `{name}`")))?;
            match pronto_mail::imap::test(&cfg, pronto_mail::imap::Reach::Configured).await {
                Ok(r) => TestOutcome {
                    ok: true,
                    message: t.with("settings-test-mailbox-ok", &[("folder", &cfg.folder), ("count", &r.exists.to_string())]),
                },
                Err(e) => TestOutcome { ok: false, message: t.with("settings-test-unreachable", &[("detail", &e.to_string())]) },
            }
        }
    };
    st.audit_change(caller, crate::audit::kind::SETTINGS_TESTED, Some(format!("settings/{section}")), serde_json::json!({ "section": section, "ok": outcome.ok }))
        .await;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn each_rule_names_its_field() {
        let twilio_ok = [("provider", "twilio"), ("url", "http://127.0.0.1:9"), ("account_sid", "AC1"), ("auth_token", "x"), ("from", "+420777123456")];
        let cases: Vec<(&str, Vec<(&str, &str)>, Vec<(&str, &str)>)> = vec![
            ("sms", vec![], vec![]),
            ("sms", twilio_ok.to_vec(), vec![]),
            ("sms", vec![("provider", "twilio")], vec![("url", "settings-e-required"), ("account_sid", "settings-e-required"), ("auth_token", "settings-e-required"), ("from", "settings-e-required")]),
            ("sms", vec![("provider", "pigeon")], vec![("provider", "settings-e-choice")]),
            ("sms", vec![("provider", "http"), ("url", "sms.example.com")], vec![("url", "settings-e-url")]),
            ("sms", vec![("provider", "http"), ("url", "https://sms.example.com"), ("headers", "Authorization Bearer x")], vec![("headers", "settings-e-header")]),
            ("sms", vec![("provider", "http"), ("url", "https://a.example"), ("from", "my shop!")], vec![("from", "settings-e-from")]),
            ("sms", vec![("provider", "http"), ("url", "https://a.example"), ("from", "Shop")], vec![]),
            ("sms", vec![("account_sid", "AC-1")], vec![("account_sid", "settings-e-sid")]),
            ("email", vec![], vec![]),
            ("email", vec![("host", "smtp.example.com"), ("port", "587"), ("security", "starttls"), ("from", "Pronto <p@example.com>")], vec![]),
            ("email", vec![("host", "smtp://smtp.example.com"), ("from", "nobody")], vec![("host", "settings-e-host"), ("from", "settings-e-address")]),
            ("email", vec![("port", "70000"), ("host", "h"), ("from", "a@b.cz")], vec![("port", "settings-e-number")]),
            ("email", vec![("user", "u")], vec![("host", "settings-e-required"), ("from", "settings-e-required")]),
            ("phone", vec![("secret", "whsec_short")], vec![("secret", "settings-e-secret-short")]),
            ("phone", vec![("secret", "whsec_0123456789abcdef")], vec![]),
            ("general", vec![("public_url", "crm.example.com"), ("form_rate_per_minute", "-1")], vec![("public_url", "settings-e-url"), ("form_rate_per_minute", "settings-e-number")]),
            ("general", vec![("public_url", "https://crm.example.com"), ("form_rate_per_minute", "0")], vec![]),
            ("mailbox:sales", vec![("host", "imap.example.com")], vec![("user", "settings-e-required"), ("password", "settings-e-required")]),
            ("nothing", vec![], vec![("section", "settings-e-unknown")]),
        ];
        for (section, input, want) in cases {
            let got: Vec<(&str, &str)> = check(section, &v(&input)).into_iter().map(|(f, k, _)| (f, k)).collect();
            assert_eq!(got, want, "{section} {input:?}");
        }
    }

    #[test]
    fn the_status_of_a_refusal_is_read_from_the_gateways_answer() {
        assert_eq!(gateway_status("SMS gateway answered 401: bad token"), Some(401));
        assert_eq!(gateway_status("SMS gateway unreachable: connection refused"), None);
    }
}
