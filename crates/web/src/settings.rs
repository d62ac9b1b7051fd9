//! Settings changed in the admin pages and effective without a restart.
//!
//! Three layers, the first that has a field wins: the environment and the configuration file
//! ([`Fixed`], read once at start: an operator's choice the pages show and do not let anyone
//! change), the rows saved in the admin pages (`pronto_store::settings`, secrets sealed), and the
//! defaults. [`resolve`] merges them into [`Current`] — a pure function, tested by a table.
//!
//! How a change takes effect: [`Settings`] holds the current values behind an
//! `RwLock<Arc<Current>>`; saving a section ([`crate::app::settings::save`]) writes the rows
//! (and the audit row) in one transaction, then [`AppState::reload_settings`] reads every row,
//! resolves them and swaps in the result: the outbox worker's SMS provider and e-mail
//! transport ([`pronto_alerts::Senders`]), the phone exchange's secret, the public address
//! (links in messages), the web forms' rate limit, and the mailbox readers (stopped and started
//! again from their stored cursors when a mailbox changed). Readers of a value take the `Arc`
//! of the moment, so a request or a send in flight finishes with the values it started with.
//! The save also bumps the settings' row of `config_versions` in its transaction: every other
//! node sees it within [`CONFIG_REFRESH`] and reloads ([`AppState::follow_shared_config`]).

use crate::AppState;
use pronto_alerts::{EmailSender, SmsConfig, SmsProvider};
use pronto_mail::imap::{MailDeps, MailboxConfig, Tls};
use pronto_store::StoredSettings;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, RwLock};

/// What a field holds, for the form and the check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Text,
    /// Written once, never shown again (sealed at rest).
    Secret,
    /// One of the listed values (the words are `settings-choice-{value}`).
    Choice(&'static [&'static str]),
    Number { min: u32, max: u32 },
    Url,
    /// A long text (a request body template).
    Long,
}

/// One field of a section: its name (the form's and the API's), its kind, the environment
/// variable that wins over it, and (for SMS) the provider it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub env: &'static str,
    /// Shown only for this provider (`twilio`, `http`); `None`: always.
    pub only: Option<&'static str>,
}

const fn f(name: &'static str, kind: Kind, env: &'static str, only: Option<&'static str>) -> Field {
    Field { name, kind, env, only }
}

pub const PROVIDERS: &[&str] = &["log", "twilio", "http"];
pub const SECURITY: &[&str] = &["tls", "starttls", "none"];
const METHODS: &[&str] = &["POST", "PUT", "GET"];

pub const SMS: &[Field] = &[
    f("provider", Kind::Choice(PROVIDERS), "PRONTO_SMS_PROVIDER", None),
    f("url", Kind::Url, "PRONTO_SMS_URL", None),
    f("account_sid", Kind::Text, "PRONTO_SMS_ACCOUNT_SID", Some("twilio")),
    f("auth_token", Kind::Secret, "PRONTO_SMS_AUTH_TOKEN", Some("twilio")),
    f("from", Kind::Text, "PRONTO_SMS_FROM", None),
    f("method", Kind::Choice(METHODS), "PRONTO_SMS_METHOD", Some("http")),
    f("headers", Kind::Secret, "PRONTO_SMS_HEADERS", Some("http")),
    f("body", Kind::Long, "PRONTO_SMS_BODY", Some("http")),
];
pub const EMAIL: &[Field] = &[
    f("host", Kind::Text, "PRONTO_SMTP_URL", None),
    f("port", Kind::Number { min: 1, max: 65535 }, "PRONTO_SMTP_URL", None),
    f("security", Kind::Choice(SECURITY), "PRONTO_SMTP_URL", None),
    f("user", Kind::Text, "PRONTO_SMTP_URL", None),
    f("password", Kind::Secret, "PRONTO_SMTP_URL", None),
    f("from", Kind::Text, "PRONTO_SMTP_FROM", None),
];
pub const PHONE: &[Field] = &[f("secret", Kind::Secret, "PRONTO_TELEPHONY_SECRET", None)];
pub const GENERAL: &[Field] = &[
    f("public_url", Kind::Url, "PRONTO_PUBLIC_URL", None),
    f("form_rate_per_minute", Kind::Number { min: 0, max: 10000 }, "PRONTO_FORM_RATE_LIMIT", None),
];
pub const MAILBOX: &[Field] = &[
    f("host", Kind::Text, "", None),
    f("port", Kind::Number { min: 1, max: 65535 }, "", None),
    f("security", Kind::Choice(SECURITY), "", None),
    f("user", Kind::Text, "", None),
    f("password", Kind::Secret, "", None),
    f("folder", Kind::Text, "", None),
];

/// The mystery shopper (issue 23): when it runs and where its test alerts go.
pub const ON_OFF: &[&str] = &["on", "off"];
pub const HOURS: &[&str] = &["working", "always"];
pub const CANARY: &[Field] = &[
    f("enabled", Kind::Choice(ON_OFF), "PRONTO_CANARY", None),
    f("interval_minutes", Kind::Number { min: 5, max: 1440 }, "", None),
    f("hours", Kind::Choice(HOURS), "", None),
    f("alert_seconds", Kind::Number { min: 1, max: 3600 }, "", None),
    f("sms_to", Kind::Text, "", None),
    f("email_to", Kind::Text, "", None),
    f("mail_to", Kind::Text, "", None),
];

/// The sections the pages and the API know (a mailbox is `mailbox:NAME`).
pub const SECTIONS: &[&str] = &["sms", "email", "phone", "general", "canary"];

/// A section's fields; `None` for an unknown section.
pub fn fields(section: &str) -> Option<&'static [Field]> {
    match section {
        "sms" => Some(SMS),
        "email" => Some(EMAIL),
        "phone" => Some(PHONE),
        "general" => Some(GENERAL),
        "canary" => Some(CANARY),
        s if s.strip_prefix("mailbox:").is_some_and(valid_mailbox_name) => Some(MAILBOX),
        _ => None,
    }
}

/// A mailbox's name: letters, digits, `-` and `_`, at most 64.
pub fn valid_mailbox_name(n: &str) -> bool {
    !n.is_empty() && n.len() <= 64 && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A field the environment or the configuration file set: who set it (`PRONTO_SMS_URL`, or
/// `the configuration file (public_url)`) and, when it is one field's, its value.
#[derive(Clone)]
pub struct Locked {
    pub by: String,
    pub value: Option<String>,
}

/// What the environment and the configuration file set; read once at start. They win.
#[derive(Clone, Default)]
pub struct Fixed {
    /// section → field → who set it.
    pub fields: BTreeMap<String, BTreeMap<String, Locked>>,
    /// `PRONTO_SMTP_URL` whole (it sets host, port, security, user and password at once).
    pub smtp_url: Option<String>,
    /// The mailboxes of `PRONTO_IMAP_URL` and the file's `[mailboxes.NAME]`.
    pub mailboxes: Vec<MailboxConfig>,
}

impl std::fmt::Debug for Fixed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Which fields are set, never their values (secrets among them).
        let names: Vec<String> = self.fields.iter().flat_map(|(s, m)| m.keys().map(move |k| format!("{s}.{k}"))).collect();
        write!(f, "Fixed({names:?}, mailboxes {:?})", self.mailboxes.iter().map(|m| &m.name).collect::<Vec<_>>())
    }
}

impl Fixed {
    /// Records that `by` set `section.field` (to `value`, when it is this field's alone).
    pub fn lock(&mut self, section: &str, field: &str, by: &str, value: Option<String>) {
        self.fields.entry(section.to_owned()).or_default().insert(field.to_owned(), Locked { by: by.to_owned(), value });
    }

    pub fn locked(&self, section: &str, field: &str) -> Option<&Locked> {
        let key = if section.starts_with("mailbox:") { "mailbox" } else { section };
        self.fields.get(key).and_then(|m| m.get(field))
    }
}

/// A section's values as they apply: the environment's and the file's over the saved ones.
pub fn effective(section: &str, fixed: &Fixed, stored: &StoredSettings) -> BTreeMap<String, String> {
    let mut out = stored.get(section).cloned().unwrap_or_default();
    if let Some(locked) = fixed.fields.get(section) {
        for (field, l) in locked {
            match &l.value {
                Some(v) => {
                    out.insert(field.clone(), v.clone());
                }
                None => {
                    out.remove(field);
                }
            }
        }
    }
    out
}

/// What applies now.
#[derive(Clone, Default)]
pub struct Current {
    pub sms: SmsConfig,
    /// The e-mail settings as they apply (`host` empty: not set up), for the overview.
    pub email_host: Option<String>,
    pub email_from: Option<String>,
    pub telephony_secret: Option<String>,
    pub public_url: Option<String>,
    pub form_rate_per_minute: u32,
    pub mailboxes: Vec<MailboxConfig>,
    /// The mystery shopper's settings.
    pub canary: CanaryConfig,
    /// Settings that could not be applied (logged; shown on the overview).
    pub problems: Vec<String>,
}

/// When the mystery shopper runs and where its test inquiries and alerts go (section `canary`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanaryConfig {
    pub enabled: bool,
    pub interval_minutes: u32,
    /// Only while the office is open (the office calendar), or around the clock.
    pub working_hours_only: bool,
    /// How long the team's alert may take to be accepted (seconds).
    pub alert_seconds: u32,
    /// The phone the test inquiry's alerts (and its acknowledgement) go to; none: the alert
    /// is not checked.
    pub sms_to: Option<String>,
    /// The address the test inquiry's alerts and acknowledgement go to.
    pub email_to: Option<String>,
    /// The intake mailbox's address the test e-mail is sent to (default: the first mailbox's).
    pub mail_to: Option<String>,
}

impl Default for CanaryConfig {
    fn default() -> Self {
        CanaryConfig { enabled: true, interval_minutes: 60, working_hours_only: true, alert_seconds: 60, sms_to: None, email_to: None, mail_to: None }
    }
}

/// The default web-form limit (per client IP and minute) when nothing sets one.
pub const DEFAULT_FORM_RATE: u32 = 20;

/// Merges the layers into what applies, and builds the senders. Pure but for building the
/// SMTP transport (which connects only when it sends).
pub fn resolve(fixed: &Fixed, stored: &StoredSettings) -> (Current, SmsProvider, Option<EmailSender>) {
    let mut problems = Vec::new();
    let get = |m: &BTreeMap<String, String>, k: &str| m.get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let s = effective("sms", fixed, stored);
    let sms = SmsConfig {
        provider: get(&s, "provider").unwrap_or_else(|| "log".into()),
        url: get(&s, "url"),
        account_sid: get(&s, "account_sid"),
        auth_token: get(&s, "auth_token"),
        from: get(&s, "from"),
        method: get(&s, "method"),
        headers: get(&s, "headers"),
        body: s.get("body").cloned().filter(|b| !b.trim().is_empty()),
    };
    let provider = SmsProvider::from_config(&sms).unwrap_or_else(|e| {
        problems.push(format!("SMS: {e}"));
        SmsProvider::Log
    });
    let e = effective("email", fixed, stored);
    let from = get(&e, "from");
    let mut email_host = get(&e, "host");
    let email = match (&fixed.smtp_url, &email_host) {
        (Some(url), _) => {
            email_host = Some(pronto_mail::imap::redact(url));
            EmailSender::from_config(&pronto_alerts::EmailConfig { url: Some(url.clone()), from: from.clone() }).unwrap_or_else(|e| {
                problems.push(format!("e-mail: {e}"));
                None
            })
        }
        (None, Some(host)) => {
            let security = get(&e, "security").unwrap_or_else(|| "tls".into());
            let port = get(&e, "port").and_then(|p| p.parse().ok()).unwrap_or(default_port(&security));
            match EmailSender::from_parts(host, port, &security, get(&e, "user").as_deref(), e.get("password").map(String::as_str), from.as_deref().unwrap_or("")) {
                Ok(s) => Some(s),
                Err(err) => {
                    problems.push(format!("e-mail: {err}"));
                    None
                }
            }
        }
        (None, None) => None,
    };
    let p = effective("phone", fixed, stored);
    let g = effective("general", fixed, stored);
    let mut mailboxes = fixed.mailboxes.clone();
    for (section, values) in stored {
        let Some(name) = section.strip_prefix("mailbox:") else { continue };
        if mailboxes.iter().any(|m| m.name == name) {
            continue; // the file's mailbox of that name wins
        }
        match mailbox(name, values) {
            Ok(m) => mailboxes.push(m),
            Err(e) => problems.push(format!("mailbox {name}: {e}")),
        }
    }
    let k = effective("canary", fixed, stored);
    let canary = CanaryConfig {
        enabled: get(&k, "enabled").is_none_or(|v| v != "off"),
        interval_minutes: get(&k, "interval_minutes").and_then(|n| n.parse().ok()).unwrap_or(60),
        working_hours_only: get(&k, "hours").is_none_or(|v| v != "always"),
        alert_seconds: get(&k, "alert_seconds").and_then(|n| n.parse().ok()).unwrap_or(60),
        sms_to: get(&k, "sms_to"),
        email_to: get(&k, "email_to").or_else(|| from.as_deref().map(bare_address)),
        mail_to: get(&k, "mail_to").or_else(|| mailboxes.iter().find_map(|m| m.address.clone())),
    };
    let current = Current {
        canary,
        sms,
        email_host,
        email_from: from,
        telephony_secret: get(&p, "secret"),
        public_url: get(&g, "public_url").map(|u| u.trim_end_matches('/').to_owned()),
        form_rate_per_minute: get(&g, "form_rate_per_minute").and_then(|n| n.parse().ok()).unwrap_or(DEFAULT_FORM_RATE),
        mailboxes,
        problems,
    };
    (current, provider, email)
}

/// `jana@firma.cz` of `Jana <jana@firma.cz>`.
fn bare_address(from: &str) -> String {
    from.rsplit_once('<').map(|(_, a)| a.trim_end_matches('>')).unwrap_or(from).trim().to_owned()
}

/// The usual port of an SMTP security choice.
pub fn default_port(security: &str) -> u16 {
    match security {
        "tls" => 465,
        "starttls" => 587,
        _ => 25,
    }
}

/// A saved mailbox as the readers take it.
pub fn mailbox(name: &str, v: &BTreeMap<String, String>) -> Result<MailboxConfig, String> {
    let host = v.get("host").map(|h| h.trim()).filter(|h| !h.is_empty()).ok_or("no server")?;
    let mut m = MailboxConfig::from_url(name, &format!("imap://x:x@{host}"))?;
    m.tls = match v.get("security").map(String::as_str).unwrap_or("tls") {
        "starttls" => Tls::StartTls,
        "none" => Tls::None,
        _ => Tls::Implicit,
    };
    m.port = v.get("port").and_then(|p| p.parse().ok()).unwrap_or(if m.tls == Tls::Implicit { 993 } else { 143 });
    m.user = v.get("user").cloned().unwrap_or_default();
    m.password = v.get("password").cloned().unwrap_or_default();
    m.folder = v.get("folder").map(|f| f.trim().to_owned()).filter(|f| !f.is_empty()).unwrap_or_else(|| "INBOX".into());
    if m.user.contains('@') {
        m.address = Some(m.user.to_lowercase());
    }
    Ok(m)
}

/// What identifies a running reader: a change of any of these restarts it.
fn fingerprint(m: &MailboxConfig) -> String {
    format!("{}|{}|{}|{:?}|{}|{}|{}", m.name, m.host, m.port, m.tls, m.user, m.password, m.folder)
}

struct MailRunner {
    deps: MailDeps,
    readers: Vec<tokio::task::JoinHandle<()>>,
    running: Vec<String>,
}

/// The settings as they apply now, shared by every request and worker.
pub struct Settings {
    pub fixed: Fixed,
    current: RwLock<Arc<Current>>,
    /// What the outbox worker sends through.
    pub senders: Arc<pronto_alerts::Senders>,
    mail: Mutex<Option<MailRunner>>,
    /// Saves are applied one at a time.
    reload: tokio::sync::Mutex<()>,
}

impl Settings {
    /// From the environment and the file alone (the saved rows come with the first reload).
    pub fn new(fixed: Fixed) -> Settings {
        let (current, sms, email) = resolve(&fixed, &StoredSettings::new());
        Settings {
            fixed,
            current: RwLock::new(Arc::new(current)),
            senders: pronto_alerts::Senders::new(sms, email),
            mail: Mutex::new(None),
            reload: tokio::sync::Mutex::new(()),
        }
    }

    /// What applies now.
    pub fn current(&self) -> Arc<Current> {
        self.current.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn telephony_secret(&self) -> Option<String> {
        self.current().telephony_secret.clone()
    }

    pub fn public_url(&self) -> Option<String> {
        self.current().public_url.clone()
    }

    /// The bare address mail is sent from (`Firma <inbox@firma.cz>` → `inbox@firma.cz`): it
    /// names our Message-IDs.
    pub fn smtp_address(&self, config: &crate::WebConfig) -> String {
        match self.current().email_from.as_deref() {
            Some(from) => from.rsplit_once('<').map(|(_, a)| a.trim_end_matches('>')).unwrap_or(from).trim().to_owned(),
            None => config.smtp_address(),
        }
    }

    /// Lets the settings run the mailbox readers (`pronto serve`); the next reload starts them.
    pub fn run_mail(&self, deps: MailDeps) {
        *self.mail.lock().unwrap_or_else(|p| p.into_inner()) = Some(MailRunner { deps, readers: Vec::new(), running: Vec::new() });
    }

    /// Stops the mailbox readers (at shutdown).
    pub fn stop_mail(&self) {
        if let Some(r) = self.mail.lock().unwrap_or_else(|p| p.into_inner()).as_mut() {
            for h in r.readers.drain(..) {
                h.abort();
            }
            r.running.clear();
        }
    }

    /// Restarts the readers when the list of mailboxes (or any one's connection) changed.
    fn apply_mailboxes(&self, list: &[MailboxConfig]) {
        let mut guard = self.mail.lock().unwrap_or_else(|p| p.into_inner());
        let Some(r) = guard.as_mut() else { return };
        let want: Vec<String> = list.iter().map(fingerprint).collect();
        if want == r.running && (!r.readers.is_empty() || list.is_empty()) {
            return;
        }
        for h in r.readers.drain(..) {
            h.abort();
        }
        r.readers = pronto_mail::imap::spawn(list.to_vec(), r.deps.clone());
        r.running = want;
        tracing::info!(mailboxes = ?list.iter().map(|m| &m.name).collect::<Vec<_>>(), "mailbox readers (re)started");
    }
}

impl AppState {
    /// Reads the saved settings, resolves them over the environment's and the file's, and puts
    /// the result to work: senders, secret, public address, rate limit, mailbox readers.
    pub async fn reload_settings(&self) -> Result<(), crate::error::ApiError> {
        let _one_at_a_time = self.settings.reload.lock().await;
        let stored = self.store.settings().await?;
        let (current, sms, email) = resolve(&self.settings.fixed, &stored);
        for p in &current.problems {
            tracing::warn!(problem = %p, "a setting cannot be applied");
        }
        self.settings.senders.set_sms(sms);
        self.settings.senders.set_email(email);
        self.form_limiter.set_rate(current.form_rate_per_minute);
        let messages = self.store.playbooks().messages();
        if messages.public_url.as_deref() != current.public_url.as_deref() {
            self.store.playbooks().configure_messages(messages.default_language, current.public_url.clone());
        }
        self.settings.apply_mailboxes(&current.mailboxes);
        // Where a test inquiry's alerts for people go instead (the mystery shopper's settings).
        let k = &current.canary;
        let to = [("sms", &k.sms_to), ("email", &k.email_to)].into_iter().filter_map(|(c, v)| Some((c.to_owned(), v.clone()?))).collect();
        self.store.playbooks().set_canary_recipients(to);
        *self.settings.current.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(current);
        Ok(())
    }

    /// Puts in force what any node saved since `seen` (settings, message texts, the company's
    /// profile and office calendar): one read of `config_versions`, and a reload of only what
    /// moved. `seen` is `None` at first: everything is read once. Run every
    /// [`CONFIG_REFRESH`] by `pronto serve`.
    pub async fn follow_shared_config(&self, seen: &mut Option<pronto_store::shared::ConfigVersions>) -> Result<(), crate::error::ApiError> {
        use pronto_store::shared::Config;
        let now = self.store.config_versions().await?;
        let changed = match seen {
            Some(before) => now.changed_since(before),
            None => vec![Config::Settings, Config::Messages, Config::Company],
        };
        for what in &changed {
            match what {
                Config::Settings => self.reload_settings().await?,
                Config::Messages => self.store.reload_config(Config::Messages).await?,
                Config::Company => {
                    self.store.reload_config(Config::Company).await?;
                    self.load_company().await;
                }
            }
        }
        if seen.is_some() && !changed.is_empty() {
            tracing::info!(changed = ?changed, "configuration saved on a node is now in force here");
        }
        *seen = Some(now);
        Ok(())
    }
}

/// How often a node looks for settings, message texts and the company's profile saved by any
/// node (`AppState::follow_shared_config`).
pub const CONFIG_REFRESH: std::time::Duration = std::time::Duration::from_secs(1);

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(rows: &[(&str, &str, &str)]) -> StoredSettings {
        let mut s = StoredSettings::new();
        for (section, k, v) in rows {
            s.entry(section.to_string()).or_default().insert(k.to_string(), v.to_string());
        }
        s
    }

    #[test]
    fn the_environment_wins_over_the_pages_and_the_pages_over_the_defaults() {
        let mut env = Fixed::default();
        env.lock("sms", "url", "PRONTO_SMS_URL", Some("https://env.example".into()));
        env.lock("general", "form_rate_per_minute", "PRONTO_FORM_RATE_LIMIT", Some("5".into()));
        let saved = stored(&[
            ("sms", "provider", "twilio"),
            ("sms", "url", "https://page.example"),
            ("sms", "account_sid", "AC1"),
            ("sms", "auth_token", "tok"),
            ("sms", "from", "+420777000111"),
            ("general", "form_rate_per_minute", "50"),
            ("general", "public_url", "https://crm.example.com/"),
            ("phone", "secret", "whsec_0123456789abcdef"),
        ]);
        let (none, nothing) = (Fixed::default(), StoredSettings::new());
        // (layers, what applies)
        let cases: Vec<(&Fixed, &StoredSettings, &str, Option<&str>, u32, Option<&str>)> = vec![
            (&env, &saved, "twilio", Some("https://env.example"), 5, Some("https://crm.example.com")),
            (&none, &saved, "twilio", Some("https://page.example"), 50, Some("https://crm.example.com")),
            (&none, &nothing, "log", None, DEFAULT_FORM_RATE, None),
        ];
        for (fixed, stored, provider, url, rate, public) in cases {
            let (c, sms, email) = resolve(fixed, stored);
            assert_eq!(c.sms.provider, provider);
            assert_eq!(c.sms.url.as_deref(), url);
            assert_eq!(c.form_rate_per_minute, rate);
            assert_eq!(c.public_url.as_deref(), public);
            assert_eq!(matches!(sms, SmsProvider::Twilio { .. }), provider == "twilio");
            assert!(email.is_none(), "no e-mail set up");
            assert!(c.problems.is_empty(), "{:?}", c.problems);
        }
    }

    #[test]
    fn email_from_fields_or_from_the_environment_url() {
        let saved = stored(&[("email", "host", "127.0.0.1"), ("email", "port", "2525"), ("email", "security", "none"), ("email", "from", "Pronto <p@example.com>")]);
        let (c, _, email) = resolve(&Fixed::default(), &saved);
        assert!(email.is_some() && c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(c.email_host.as_deref(), Some("127.0.0.1"));
        let mut env = Fixed { smtp_url: Some("smtp://u:secret@mail.example:25".into()), ..Default::default() };
        env.lock("email", "from", "PRONTO_SMTP_FROM", Some("env@example.com".into()));
        let (c, _, email) = resolve(&env, &saved);
        assert!(email.is_some());
        assert_eq!(c.email_from.as_deref(), Some("env@example.com"));
        assert!(!c.email_host.unwrap_or_default().contains("secret"), "the URL's password is not shown");
    }

    #[test]
    fn saved_mailboxes_join_the_files_and_the_files_win_by_name() {
        let file = MailboxConfig::from_url("sales", "imaps://a:b@file.example/INBOX").unwrap();
        let fixed = Fixed { mailboxes: vec![file], ..Default::default() };
        let saved = stored(&[
            ("mailbox:sales", "host", "page.example"),
            ("mailbox:support", "host", "imap.example"),
            ("mailbox:support", "user", "help@example.com"),
            ("mailbox:support", "security", "starttls"),
        ]);
        let (c, _, _) = resolve(&fixed, &saved);
        let by: Vec<(String, String, u16)> = c.mailboxes.iter().map(|m| (m.name.clone(), m.host.clone(), m.port)).collect();
        assert_eq!(by, [("sales".into(), "file.example".into(), 993), ("support".into(), "imap.example".into(), 143)]);
        assert_eq!(c.mailboxes[1].address.as_deref(), Some("help@example.com"));
        assert_eq!(c.mailboxes[1].folder, "INBOX");
    }

    #[test]
    fn sections_and_mailbox_names() {
        for (s, known) in [("sms", true), ("email", true), ("phone", true), ("general", true), ("mailbox:sales-1", true), ("mailbox:", false), ("mailbox:a b", false), ("x", false)] {
            assert_eq!(fields(s).is_some(), known, "{s}");
        }
    }
}
