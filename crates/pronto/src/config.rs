//! Configuration in two stages (ripgrep's way): [`Flags`] are the raw command-line flags and
//! environment variables as clap read them; [`Config::resolve`] merges them over the TOML
//! file and the defaults (flag > env > file > default) into validated settings.

use clap::Args;
use pronto_domain::values::Region;
use pronto_web::{FormConfig, WebConfig};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Settings every subcommand shares. clap gives a flag precedence over its environment
/// variable; the file fills in what neither set.
#[derive(Debug, Clone, Default, Args)]
pub struct Flags {
    /// Address to bind, e.g. 127.0.0.1:8080 (port 0 picks a free port).
    #[arg(long, env = "PRONTO_LISTEN", global = true)]
    pub listen: Option<String>,
    /// Where the SQLite file and stored files live.
    #[arg(long, env = "PRONTO_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// `sqlite://PATH` or `postgres://…`; overrides the data-dir database.
    #[arg(long, env = "PRONTO_DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// TOML configuration file.
    #[arg(long, env = "PRONTO_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// Default playbook: a built-in name or a file.
    #[arg(long, env = "PRONTO_PLAYBOOK", global = true)]
    pub playbook: Option<String>,
    /// `manual` for the test clock (time stands still until advanced through the API).
    #[arg(long, env = "PRONTO_CLOCK", global = true)]
    pub clock: Option<String>,
}

/// The TOML file. Unknown keys are errors, so a typo never silently does nothing.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub listen: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub playbook: Option<String>,
    pub clock: Option<String>,
    pub clock_start: Option<String>,
    /// Region for phone numbers written without a country code (default CZ).
    pub default_region: Option<String>,
    pub body_limit: Option<usize>,
    pub form_rate_per_minute: Option<u32>,
    /// Customer-page requests per client IP and minute (0: no limit).
    pub page_rate_per_minute: Option<u32>,
    /// How many days a closed inquiry's customer page stays open (default 180).
    pub tracking_days: Option<i64>,
    /// Whoever connects is a proxy that may name the client in X-Forwarded-For (one hop).
    pub trust_forwarded_for: Option<bool>,
    /// Addresses and networks of the proxies that may name the client in X-Forwarded-For.
    pub trusted_proxies: Option<Vec<String>>,
    /// Seconds a client has to send a request's headers.
    pub header_timeout: Option<u64>,
    /// Seconds a kept-alive connection may sit without a request.
    pub idle_timeout: Option<u64>,
    /// Seconds a request may take (the live event stream excepted).
    pub request_timeout: Option<u64>,
    /// Connections open at once (default: from the open-files limit).
    pub max_connections: Option<usize>,
    /// Connections open at once from one IP address (IPv6: one /64).
    pub max_connections_per_ip: Option<usize>,
    /// Live event streams open at once per user.
    pub streams_per_user: Option<usize>,
    /// PostgreSQL: write transactions the whole cluster runs at once, shared among the live
    /// nodes (default 4).
    pub db_writers: Option<usize>,
    /// When set, `/metrics` answers only to `Authorization: Bearer` and this token.
    pub metrics_token: Option<String>,
    /// The team's language when a user has not chosen one (cs, en, ru, pl, he).
    pub language: Option<String>,
    /// Where people reach this Pronto (`https://crm.example.com`), for links in alerts.
    pub public_url: Option<String>,
    #[serde(default)]
    pub forms: BTreeMap<String, FileForm>,
    /// Mailboxes to take inquiries from, by name.
    #[serde(default)]
    pub mailboxes: BTreeMap<String, FileMailbox>,
    /// When the scheduled reports are e-mailed, and to whom.
    pub reports: Option<FileReports>,
}

/// `[reports]`: local times (`HH:MM`, the office's zone) or `off`, and the recipients.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileReports {
    pub secretary: Option<String>,
    pub sales: Option<String>,
    pub monthly: Option<String>,
    pub recipients: Option<Vec<String>>,
}

/// `[mailboxes.NAME]`: either `url = "imaps://user:password@host/INBOX"` or the parts.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileMailbox {
    pub url: Option<String>,
    pub host: Option<String>,
    pub port: Option<u16>,
    /// `tls` (default), `starttls` or `none`.
    pub tls: Option<String>,
    pub user: Option<String>,
    pub password: Option<String>,
    /// The name of an environment variable holding the password (keeps it out of the file).
    pub password_env: Option<String>,
    pub folder: Option<String>,
    pub playbook: Option<String>,
    pub source: Option<String>,
    /// The mailbox's own address (for loops and `+lead` reply addresses); default the user when it is one.
    pub address: Option<String>,
    pub mark_seen: Option<bool>,
    pub move_to: Option<String>,
    pub poll_seconds: Option<u64>,
    pub idle: Option<bool>,
    pub max_message_mb: Option<usize>,
    pub max_attachment_mb: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileForm {
    pub source: Option<String>,
    pub playbook: Option<String>,
    pub redirect: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockKind {
    Real,
    Manual,
}

/// Validated settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: String,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub clock: ClockKind,
    pub clock_start: Option<jiff::Timestamp>,
    pub admin_password: Option<String>,
    pub web: WebConfig,
    pub sms: pronto_alerts::SmsConfig,
    pub email: pronto_alerts::EmailConfig,
    /// Hosts outgoing webhooks may reach although they resolve inside the network.
    pub webhook_allow: Vec<String>,
    /// The team's language when a user has not chosen one.
    pub language: String,
    /// Where people reach this Pronto, for links to a lead in alerts.
    pub public_url: Option<String>,
    /// Mailboxes read for inquiries.
    pub mailboxes: Vec<pronto_mail::imap::MailboxConfig>,
    /// The scheduled reports (defaults: 11:00, 19:30, the 1st at 09:00; to admins and managers).
    pub reports: pronto_store::schedule::ReportSchedule,
    /// Connection limits of `pronto serve`.
    pub net: NetConfig,
    /// PostgreSQL: write transactions all nodes together run at once (each live node runs its
    /// share); SQLite has one writer.
    pub db_writers: usize,
}

/// How `pronto serve` treats connections (see `crate::accept`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetConfig {
    /// From the first byte of a request to the end of its headers.
    pub header_timeout: std::time::Duration,
    /// A connection with no request in progress and nothing arriving is closed after this.
    pub idle_timeout: std::time::Duration,
    /// Connections at once; `None`: derived from the open-files limit at start.
    pub max_connections: Option<usize>,
    /// Connections at once from one client address (the socket's peer; IPv6 per /64).
    pub max_connections_per_ip: usize,
}

impl Default for NetConfig {
    fn default() -> Self {
        NetConfig {
            header_timeout: std::time::Duration::from_secs(10),
            idle_timeout: std::time::Duration::from_secs(60),
            max_connections: None,
            max_connections_per_ip: 64,
        }
    }
}

/// A whole number from the environment variable `var`, else the file's, else `default`;
/// outside `range` is an error naming the setting.
fn number<T>(var: &str, key: &str, file: Option<T>, default: T, range: std::ops::RangeInclusive<T>) -> Result<T, ConfigError>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    let v = match env(var) {
        Some(v) => v.trim().parse::<T>().map_err(|_| ConfigError(format!("{var}: `{v}` is not a whole number")))?,
        None => file.unwrap_or(default),
    };
    if !range.contains(&v) {
        return Err(ConfigError(format!("{key}: {v} is not between {} and {}", range.start(), range.end())));
    }
    Ok(v)
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

/// Reads an environment variable that is not one of the clap flags.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

impl Config {
    pub fn resolve(flags: &Flags) -> Result<Config, ConfigError> {
        let file = match &flags.config {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| ConfigError(format!("config {}: {e}", path.display())))?;
                toml::from_str::<FileConfig>(&text).map_err(|e| ConfigError(format!("config {}: {e}", path.display())))?
            }
            None => FileConfig::default(),
        };
        let listen = flags.listen.clone().or(file.listen).unwrap_or_else(|| "127.0.0.1:8080".into());
        let data_dir = flags.data_dir.clone().or(file.data_dir).unwrap_or_else(|| PathBuf::from("./pronto-data"));
        let database_url = flags
            .database_url
            .clone()
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("pronto.db").display()));
        let clock = match flags.clock.clone().or(file.clock).as_deref().map(str::trim) {
            None | Some("") | Some("real") => ClockKind::Real,
            Some("manual") => ClockKind::Manual,
            Some(other) => return Err(ConfigError(format!("clock: `{other}` is neither `real` nor `manual`"))),
        };
        let clock_start = match env("PRONTO_CLOCK_START").or(file.clock_start) {
            Some(s) => Some(
                s.trim()
                    .parse::<jiff::Timestamp>()
                    .map_err(|e| ConfigError(format!("PRONTO_CLOCK_START: `{s}` is not an RFC 3339 time with offset ({e})")))?,
            ),
            None => None,
        };
        let region_given = env("PRONTO_DEFAULT_REGION").or(file.default_region);
        let region_pinned = region_given.is_some();
        let region = match region_given {
            Some(r) => Region::parse(&r).map_err(|e| ConfigError(format!("default_region: {e}")))?,
            None => Region::default(),
        };
        let mut web = WebConfig { region, region_pinned, ..WebConfig::default() };
        if let Some(p) = flags.playbook.clone().or(file.playbook) {
            web.default_playbook = p;
        }
        web.admin_token = env("PRONTO_ADMIN_TOKEN");
        if let Some(t) = &web.admin_token
            && t.len() < 16
        {
            return Err(ConfigError("PRONTO_ADMIN_TOKEN: use at least 16 characters".into()));
        }
        web.metrics_token = env("PRONTO_METRICS_TOKEN").or(file.metrics_token).map(|t| t.trim().to_owned());
        if let Some(t) = &web.metrics_token
            && (t.len() < 16 || !t.bytes().all(|b| b.is_ascii_graphic()))
        {
            return Err(ConfigError("metrics_token (PRONTO_METRICS_TOKEN): use at least 16 visible ASCII characters".into()));
        }
        web.body_limit = match env("PRONTO_BODY_LIMIT") {
            Some(v) => v.parse().map_err(|_| ConfigError(format!("PRONTO_BODY_LIMIT: `{v}` is not a number of bytes")))?,
            None => file.body_limit.unwrap_or(web.body_limit),
        };
        if web.body_limit < 1024 {
            return Err(ConfigError("body_limit: at least 1024 bytes".into()));
        }
        web.form_rate_per_minute = match env("PRONTO_FORM_RATE_LIMIT") {
            Some(v) => v.parse().map_err(|_| ConfigError(format!("PRONTO_FORM_RATE_LIMIT: `{v}` is not a whole number")))?,
            None => file.form_rate_per_minute.unwrap_or(web.form_rate_per_minute),
        };
        web.page_rate_per_minute = match env("PRONTO_PAGE_RATE_LIMIT") {
            Some(v) => v.parse().map_err(|_| ConfigError(format!("PRONTO_PAGE_RATE_LIMIT: `{v}` is not a whole number")))?,
            None => file.page_rate_per_minute.unwrap_or(web.page_rate_per_minute),
        };
        web.tracking_days = match env("PRONTO_TRACKING_DAYS") {
            Some(v) => v.parse().map_err(|_| ConfigError(format!("PRONTO_TRACKING_DAYS: `{v}` is not a whole number of days")))?,
            None => file.tracking_days.unwrap_or(web.tracking_days),
        };
        if !(1..=3650).contains(&web.tracking_days) {
            return Err(ConfigError(format!("tracking_days: {} is not between 1 and 3650 days", web.tracking_days)));
        }
        web.trusted_proxies.any_peer = file.trust_forwarded_for.unwrap_or(false);
        web.trusted_proxies.nets = match env("PRONTO_TRUSTED_PROXIES") {
            Some(v) => {
                pronto_web::client_ip::TrustedProxies::parse_list(&v).map_err(|e| ConfigError(format!("PRONTO_TRUSTED_PROXIES: {e}")))?
            }
            None => {
                let list = file.trusted_proxies.unwrap_or_default();
                list.iter()
                    .map(|s| pronto_web::client_ip::parse_net(s))
                    .collect::<Result<_, _>>()
                    .map_err(|e| ConfigError(format!("trusted_proxies: {e}")))?
            }
        };
        let secs = std::time::Duration::from_secs;
        web.request_timeout = secs(number("PRONTO_REQUEST_TIMEOUT", "request_timeout", file.request_timeout, 30, 1..=3600)?);
        web.streams_per_user = number("PRONTO_STREAMS_PER_USER", "streams_per_user", file.streams_per_user, 8, 1..=1000)?;
        let db_writers = number("PRONTO_DB_WRITERS", "db_writers", file.db_writers, 4, 1..=64)?;
        let net = NetConfig {
            header_timeout: secs(number("PRONTO_HEADER_TIMEOUT", "header_timeout", file.header_timeout, 10, 1..=3600)?),
            idle_timeout: secs(number("PRONTO_IDLE_TIMEOUT", "idle_timeout", file.idle_timeout, 60, 1..=3600)?),
            max_connections: if env("PRONTO_MAX_CONNECTIONS").is_some() || file.max_connections.is_some() {
                Some(number("PRONTO_MAX_CONNECTIONS", "max_connections", file.max_connections, 0, 16..=1_000_000)?)
            } else {
                None
            },
            max_connections_per_ip: number(
                "PRONTO_MAX_CONNECTIONS_PER_IP",
                "max_connections_per_ip",
                file.max_connections_per_ip,
                64,
                1..=1_000_000,
            )?,
        };
        for (key, f) in file.forms {
            if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                return Err(ConfigError(format!("forms.{key}: a form key is letters, digits, '-' and '_'")));
            }
            web.forms.insert(key, FormConfig { source: f.source, playbook: f.playbook, redirect: f.redirect });
        }
        let sms = pronto_alerts::SmsConfig {
            provider: env("PRONTO_SMS_PROVIDER").unwrap_or_else(|| "log".into()),
            url: env("PRONTO_SMS_URL"),
            account_sid: env("PRONTO_SMS_ACCOUNT_SID"),
            auth_token: env("PRONTO_SMS_AUTH_TOKEN"),
            from: env("PRONTO_SMS_FROM"),
            method: env("PRONTO_SMS_METHOD"),
            headers: env("PRONTO_SMS_HEADERS"),
            body: env("PRONTO_SMS_BODY"),
        };
        // Checked now, so a typo stops the start with a message instead of failing every SMS.
        pronto_alerts::SmsProvider::from_config(&sms).map_err(ConfigError)?;
        let email = pronto_alerts::EmailConfig { url: env("PRONTO_SMTP_URL"), from: env("PRONTO_SMTP_FROM") };
        pronto_alerts::EmailSender::from_config(&email).map_err(ConfigError)?;
        let webhook_allow = env("PRONTO_WEBHOOK_ALLOW")
            .map(|v| v.split(',').map(|h| h.trim().to_owned()).filter(|h| !h.is_empty()).collect())
            .unwrap_or_default();
        // The same list lets a mailbox typed into the test reach a host inside the network.
        web.outbound_allow = pronto_domain::netaddr::AllowList::new(&webhook_allow);
        let language = env("PRONTO_LANGUAGE").or(file.language);
        web.language_pinned = language.is_some();
        let language = language.unwrap_or_else(|| "en".into());
        let language = match pronto_playbook::messages::language(language.trim()) {
            Some(l) => l.to_owned(),
            None => {
                return Err(ConfigError(format!(
                    "PRONTO_LANGUAGE: `{language}` is not one of: {}",
                    pronto_playbook::messages::LANGUAGES.join(", ")
                )));
            }
        };
        let file_public_url = file.public_url.clone();
        let public_url = match env("PRONTO_PUBLIC_URL").or(file.public_url) {
            Some(u) => {
                let u = u.trim().trim_end_matches('/').to_owned();
                let host = u.strip_prefix("https://").or_else(|| u.strip_prefix("http://")).unwrap_or("");
                if host.is_empty() || host.contains(['@', ' ', '?', '#']) || u.chars().any(char::is_control) {
                    return Err(ConfigError(format!("PRONTO_PUBLIC_URL: `{u}` is not an http(s) address like https://crm.example.com")));
                }
                Some(u)
            }
            None => None,
        };
        let mut mailboxes = Vec::new();
        if let Some(url) = env("PRONTO_IMAP_URL") {
            mailboxes.push(mailbox_defaults(pronto_mail::imap::MailboxConfig::from_url("default", &url).map_err(ConfigError)?));
        }
        for (name, m) in file.mailboxes {
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') || name.len() > 64 {
                return Err(ConfigError(format!("mailboxes.{name}: a mailbox name is letters, digits, '-' and '_'")));
            }
            if mailboxes.iter().any(|b: &pronto_mail::imap::MailboxConfig| b.name == name) {
                return Err(ConfigError(format!("mailboxes.{name}: `default` is the name of the PRONTO_IMAP_URL mailbox")));
            }
            mailboxes.push(file_mailbox(&name, m)?);
        }
        let file_reports = file.reports.unwrap_or_default();
        let defaults = pronto_store::schedule::ReportSchedule::default();
        let time = |var: &str, file: Option<String>, default: Option<String>| match env(var).or(file) {
            Some(v) if v.trim().eq_ignore_ascii_case("off") => None,
            Some(v) => Some(v.trim().to_owned()),
            None => default,
        };
        let reports = pronto_store::schedule::ReportSchedule {
            secretary: time("PRONTO_REPORTS_SECRETARY_AT", file_reports.secretary, defaults.secretary),
            sales: time("PRONTO_REPORTS_SALES_AT", file_reports.sales, defaults.sales),
            monthly: time("PRONTO_REPORTS_MONTHLY_AT", file_reports.monthly, defaults.monthly),
            recipients: match env("PRONTO_REPORTS_TO") {
                Some(v) => v.split(',').map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()).collect(),
                None => file_reports.recipients.unwrap_or_default(),
            },
        };
        if let Err(e) = reports.check() {
            return Err(ConfigError(e.0.iter().map(|f| format!("{}: {}", f.field, f.message)).collect::<Vec<_>>().join("; ")));
        }
        web.data_dir = data_dir.clone();
        web.smtp_from = email.from.clone();
        web.telephony_secret = env("PRONTO_TELEPHONY_SECRET");
        if let Some(s) = &web.telephony_secret
            && s.strip_prefix("whsec_").unwrap_or(s).len() < 16
        {
            return Err(ConfigError("PRONTO_TELEPHONY_SECRET: use a whsec_… secret of at least 16 characters".into()));
        }
        web.twilio_token = env("PRONTO_TELEPHONY_TWILIO_TOKEN");
        web.fixed = fixed_settings(flags.config.as_deref(), &file_public_url, file.form_rate_per_minute, &mailboxes);
        web.sms_provider = sms.provider.clone();
        web.public_url = public_url.clone();
        Ok(Config {
            language,
            public_url,
            mailboxes,
            reports,
            listen,
            data_dir,
            database_url,
            clock,
            clock_start,
            admin_password: env("PRONTO_ADMIN_PASSWORD"),
            web,
            sms,
            email,
            webhook_allow,
            net,
            db_writers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_need_no_configuration() {
        let c = Config::resolve(&Flags::default()).unwrap();
        assert_eq!(c.listen, "127.0.0.1:8080");
        assert_eq!(c.database_url, "sqlite://./pronto-data/pronto.db");
        assert_eq!(c.clock, ClockKind::Real);
        assert!(c.web.forms.contains_key("default"));
    }

    #[test]
    fn flags_beat_the_file_and_the_file_beats_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pronto.toml");
        std::fs::write(&path, "listen = \"0.0.0.0:9000\"\ndata_dir = \"/srv/pronto\"\n[forms.contact]\nsource = \"site\"\n").unwrap();
        let flags = Flags { config: Some(path.clone()), listen: Some("127.0.0.1:1".into()), ..Default::default() };
        let c = Config::resolve(&flags).unwrap();
        assert_eq!(c.listen, "127.0.0.1:1", "flag wins");
        assert_eq!(c.data_dir, PathBuf::from("/srv/pronto"), "file beats default");
        assert_eq!(c.database_url, "sqlite:///srv/pronto/pronto.db");
        assert_eq!(c.web.forms["contact"].source.as_deref(), Some("site"));
    }

    #[test]
    fn connection_limits_and_proxies_come_from_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pronto.toml");
        let c = Config::resolve(&Flags::default()).unwrap();
        assert_eq!(c.net, NetConfig::default());
        assert_eq!((c.web.request_timeout.as_secs(), c.web.streams_per_user, c.db_writers), (30, 8, 4));
        assert!(!c.web.trusted_proxies.enabled(), "no proxy is trusted by default");
        std::fs::write(
            &path,
            "trust_forwarded_for = true\ntrusted_proxies = [\"10.0.0.0/8\", \"::1\"]\nheader_timeout = 5\nidle_timeout = 20\n\
             request_timeout = 7\nmax_connections = 500\nmax_connections_per_ip = 9\nstreams_per_user = 3\ndb_writers = 8\n",
        )
        .unwrap();
        let c = Config::resolve(&Flags { config: Some(path.clone()), ..Default::default() }).unwrap();
        assert!(c.web.trusted_proxies.any_peer, "the old setting keeps working");
        let nets: Vec<String> = c.web.trusted_proxies.nets.iter().map(|n| n.to_string()).collect();
        assert_eq!(nets, ["10.0.0.0/8", "::1/128"]);
        let secs = std::time::Duration::from_secs;
        let want = NetConfig { header_timeout: secs(5), idle_timeout: secs(20), max_connections: Some(500), max_connections_per_ip: 9 };
        assert_eq!(c.net, want);
        assert_eq!((c.web.request_timeout, c.web.streams_per_user, c.db_writers), (secs(7), 3, 8));
        for (bad, says) in [
            ("db_writers = 0", "db_writers: 0 is not between 1 and 64"),
            ("trusted_proxies = [\"proxy.lan\"]", "trusted_proxies: `proxy.lan` is not an IP address or network"),
            ("header_timeout = 0", "header_timeout: 0 is not between 1 and 3600"),
            ("max_connections = 3", "max_connections: 3 is not between 16 and 1000000"),
        ] {
            std::fs::write(&path, bad).unwrap();
            let err = Config::resolve(&Flags { config: Some(path.clone()), ..Default::default() }).unwrap_err().0;
            assert!(err.contains(says), "{bad}: {err}");
        }
    }

    #[test]
    fn the_metrics_token_comes_from_the_file_and_must_be_long() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pronto.toml");
        std::fs::write(&path, "metrics_token = \"scrape-me-0123456789\"\n").unwrap();
        let c = Config::resolve(&Flags { config: Some(path.clone()), ..Default::default() }).unwrap();
        assert_eq!(c.web.metrics_token.as_deref(), Some("scrape-me-0123456789"));
        assert_eq!(Config::resolve(&Flags::default()).unwrap().web.metrics_token, None, "no token by default");
        std::fs::write(&path, "metrics_token = \"short\"\n").unwrap();
        let err = Config::resolve(&Flags { config: Some(path), ..Default::default() }).unwrap_err().0;
        assert!(err.contains("metrics_token") && err.contains("16"), "{err}");
    }

    #[test]
    fn the_file_fixes_the_settings_it_sets() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pronto.toml");
        std::fs::write(&path, "public_url = \"https://crm.example.com/\"\nform_rate_per_minute = 7\n").unwrap();
        let c = Config::resolve(&Flags { config: Some(path.clone()), ..Default::default() }).unwrap();
        let l = c.web.fixed.locked("general", "public_url").expect("the file's address is fixed");
        assert_eq!(l.value.as_deref(), Some("https://crm.example.com"));
        assert!(l.by.ends_with("pronto.toml → public_url"), "{}", l.by);
        assert_eq!(c.web.fixed.locked("general", "form_rate_per_minute").and_then(|l| l.value.clone()).as_deref(), Some("7"));
        assert!(c.web.fixed.locked("sms", "url").is_none(), "what nothing sets stays free");
        assert!(Config::resolve(&Flags::default()).unwrap().web.fixed.fields.is_empty());
    }

    #[test]
    fn a_bad_file_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, "listen = \"x\"\nlisten_typo = 1\n").unwrap();
        let err = Config::resolve(&Flags { config: Some(path), ..Default::default() }).unwrap_err().0;
        assert!(err.contains("listen_typo") && err.contains("line 2"), "{err}");
    }
}

/// What the environment and the file set of the settings the admin pages change: those fields
/// are shown there as set on the server and cannot be changed in the pages (they win).
fn fixed_settings(
    file: Option<&std::path::Path>,
    file_public_url: &Option<String>,
    file_form_rate: Option<u32>,
    mailboxes: &[pronto_mail::imap::MailboxConfig],
) -> pronto_web::settings::Fixed {
    let mut fixed = pronto_web::settings::Fixed::default();
    for section in [("sms", pronto_web::settings::SMS), ("phone", pronto_web::settings::PHONE), ("canary", pronto_web::settings::CANARY)] {
        for f in section.1 {
            if let Some(v) = env(f.env) {
                fixed.lock(section.0, f.name, f.env, Some(v));
            }
        }
    }
    if let Some(url) = env("PRONTO_SMTP_URL") {
        for f in ["host", "port", "security", "user", "password"] {
            fixed.lock("email", f, "PRONTO_SMTP_URL", None);
        }
        fixed.smtp_url = Some(url);
    }
    if let Some(from) = env("PRONTO_SMTP_FROM") {
        fixed.lock("email", "from", "PRONTO_SMTP_FROM", Some(from));
    }
    let in_file = |key: &str| format!("{} → {key}", file.map(|p| p.display().to_string()).unwrap_or_else(|| "pronto.toml".into()));
    match (env("PRONTO_PUBLIC_URL"), file_public_url) {
        (Some(u), _) => fixed.lock("general", "public_url", "PRONTO_PUBLIC_URL", Some(u.trim().trim_end_matches('/').to_owned())),
        (None, Some(u)) => fixed.lock("general", "public_url", &in_file("public_url"), Some(u.trim().trim_end_matches('/').to_owned())),
        _ => {}
    }
    match (env("PRONTO_FORM_RATE_LIMIT"), file_form_rate) {
        (Some(n), _) => fixed.lock("general", "form_rate_per_minute", "PRONTO_FORM_RATE_LIMIT", Some(n.trim().to_owned())),
        (None, Some(n)) => fixed.lock("general", "form_rate_per_minute", &in_file("form_rate_per_minute"), Some(n.to_string())),
        _ => {}
    }
    fixed.mailboxes = mailboxes.to_vec();
    fixed
}

/// The own address of a mailbox whose user is an e-mail address, when none was given.
fn mailbox_defaults(mut m: pronto_mail::imap::MailboxConfig) -> pronto_mail::imap::MailboxConfig {
    if m.address.is_none() && m.user.contains('@') {
        m.address = Some(m.user.to_lowercase());
    }
    m
}

fn file_mailbox(name: &str, f: FileMailbox) -> Result<pronto_mail::imap::MailboxConfig, ConfigError> {
    use pronto_mail::imap::{MailboxConfig, Tls};
    let at = |what: &str| ConfigError(format!("mailboxes.{name}: {what}"));
    let mut m = match &f.url {
        Some(url) => MailboxConfig::from_url(name, url).map_err(ConfigError)?,
        None => {
            let host = f.host.clone().ok_or_else(|| at("give `url`, or `host`, `user` and `password`"))?;
            let tls = match f.tls.as_deref().unwrap_or("tls") {
                "tls" => Tls::Implicit,
                "starttls" => Tls::StartTls,
                "none" => Tls::None,
                other => return Err(at(&format!("tls `{other}` is not one of tls, starttls, none"))),
            };
            let mut m = MailboxConfig::from_url(name, &format!("imap://x:x@{host}")).map_err(ConfigError)?;
            m.tls = tls;
            m.port = f.port.unwrap_or(if tls == Tls::Implicit { 993 } else { 143 });
            m.user = f.user.clone().ok_or_else(|| at("`user` is required"))?;
            m.password = f.password.clone().unwrap_or_default();
            m
        }
    };
    if let Some(var) = &f.password_env {
        m.password = env(var).ok_or_else(|| at(&format!("the environment variable `{var}` (password_env) is not set")))?;
    }
    if f.url.is_none() && f.password.is_none() && f.password_env.is_none() {
        return Err(at("`password` or `password_env` is required"));
    }
    if let Some(folder) = f.folder {
        m.folder = folder;
    }
    m.playbook = f.playbook;
    m.source = f.source;
    m.address = f.address.map(|a| a.trim().to_lowercase());
    m.mark_seen = f.mark_seen.unwrap_or(false);
    m.move_to = f.move_to;
    if let Some(s) = f.poll_seconds {
        if !(5..=3600).contains(&s) {
            return Err(at("poll_seconds is 5–3600"));
        }
        m.poll = std::time::Duration::from_secs(s);
    }
    m.idle = f.idle.unwrap_or(true);
    if let Some(mb) = f.max_message_mb {
        m.max_bytes = mb.clamp(1, 200) << 20;
    }
    if let Some(mb) = f.max_attachment_mb {
        m.max_attachment_bytes = mb.clamp(1, 200) << 20;
    }
    Ok(mailbox_defaults(m))
}
