//! Pronto's HTTP edge: the `/api/v1` JSON API, the public web forms, health, metrics and the
//! OpenAPI description. [`app`] builds the router from an [`AppState`] without binding a
//! socket; the binary serves it.
//!
//! Architecture invariant: a change goes through one use case in [`app`] (permission checked
//! before any write, the input validated once, the store called), whichever adapter carries it:
//! [`api`] (JSON in, RFC 9457 problems out) or [`ui`] (forms in, pages and the error page in the
//! reader's language out). Nothing is sent to the outside world from here (the store writes
//! outbox rows that workers deliver).

pub mod access;
pub mod api;
pub mod app;
pub mod audit;
pub mod auth;
pub mod canary;
pub mod charts;
pub mod client_ip;
pub mod company;
pub mod dto;
pub mod error;
pub mod export;
pub mod extract;
pub mod form_spec;
pub mod forms;
pub mod health;
pub mod limits;
pub mod metrics;
pub mod office;
pub mod public;
pub mod public_offers;
pub mod public_deal;
pub mod public_requisites;
pub mod ratelimit;
pub mod settings;
pub mod simulator;
pub mod telephony;
pub mod ui;

use axum::Router;
use pronto_domain::Clock;
use pronto_domain::values::Region;
use pronto_store::Store;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A public web form's settings.
#[derive(Debug, Clone, Default)]
pub struct FormConfig {
    /// Recorded as the lead's `source` unless the form sends one.
    pub source: Option<String>,
    pub playbook: Option<String>,
    /// Where a browser goes after sending (default: Pronto's own thank-you page).
    pub redirect: Option<String>,
}

/// What the HTTP edge needs to know from the configuration.
#[derive(Debug, Clone)]
pub struct WebConfig {
    pub region: Region,
    /// Whether the environment or the config file set the region (it then wins over the
    /// company's profile).
    pub region_pinned: bool,
    /// Whether the environment or the config file set the team's language (it then wins over
    /// the company's profile).
    pub language_pinned: bool,
    pub default_playbook: String,
    /// `PRONTO_ADMIN_TOKEN`: a token of `admin` given from outside (automation).
    pub admin_token: Option<String>,
    /// Largest request body, in bytes.
    pub body_limit: usize,
    pub forms: BTreeMap<String, FormConfig>,
    /// Web-form submissions per client IP and minute; 0 turns the limit off.
    pub form_rate_per_minute: u32,
    /// Which peers may name the client in `X-Forwarded-For` (`trusted_proxies`, and
    /// `trust_forwarded_for = true`: any peer); see [`client_ip`].
    pub trusted_proxies: client_ip::TrustedProxies,
    /// Longest time a request may take (the live event stream excepted): 503, or 408 while the
    /// body is still arriving.
    pub request_timeout: std::time::Duration,
    /// Live event streams (`GET /api/v1/events/stream`) open at once per user; 429 above.
    pub streams_per_user: usize,
    /// Where stored files (attachments) live.
    pub data_dir: std::path::PathBuf,
    /// The sender of outgoing mail (`PRONTO_SMTP_FROM`): its domain names our Message-IDs.
    pub smtp_from: Option<String>,
    /// `PRONTO_TELEPHONY_SECRET`: what the exchange signs its JSON call events with.
    pub telephony_secret: Option<String>,
    /// `PRONTO_TELEPHONY_TWILIO_TOKEN`: the auth token Twilio signs its voice callbacks with.
    pub twilio_token: Option<String>,
    /// `PRONTO_PUBLIC_URL`: the address the outside world calls (Twilio's signature covers it).
    pub public_url: Option<String>,
    /// The SMS provider in use (`log`, `twilio`, `http`), shown to admins.
    pub sms_provider: String,
    /// `PRONTO_TRACKING_DAYS`: how long a closed inquiry's customer page stays open.
    pub tracking_days: i64,
    /// Customer-page requests per client IP and minute; 0 turns the limit off.
    pub page_rate_per_minute: u32,
    /// Hosts inside the network that addresses typed in (a mailbox to test) may reach
    /// (`PRONTO_WEBHOOK_ALLOW`, the webhooks' list).
    pub outbound_allow: pronto_domain::netaddr::AllowList,
    /// `metrics_token` / `PRONTO_METRICS_TOKEN`: when set, `/metrics` answers only to
    /// `Authorization: Bearer` and this token.
    pub metrics_token: Option<String>,
    /// What the environment and the configuration file set of the settings the admin pages
    /// change (they win there); see [`settings`].
    pub fixed: settings::Fixed,
}

impl WebConfig {
    /// The bare address of `PRONTO_SMTP_FROM` (`Firma <inbox@firma.cz>` → `inbox@firma.cz`).
    pub fn smtp_address(&self) -> String {
        let from = self.smtp_from.as_deref().unwrap_or("");
        from.rsplit_once('<').map(|(_, a)| a.trim_end_matches('>')).unwrap_or(from).trim().to_owned()
    }
}

impl Default for WebConfig {
    fn default() -> Self {
        let mut forms = BTreeMap::new();
        forms.insert("default".to_owned(), FormConfig::default());
        WebConfig {
            region: Region::default(),
            region_pinned: false,
            language_pinned: false,
            default_playbook: "agency".into(),
            admin_token: None,
            body_limit: 1024 * 1024,
            forms,
            form_rate_per_minute: 20,
            trusted_proxies: client_ip::TrustedProxies::default(),
            request_timeout: std::time::Duration::from_secs(30),
            streams_per_user: 8,
            data_dir: std::path::PathBuf::from("./pronto-data"),
            smtp_from: None,
            telephony_secret: None,
            twilio_token: None,
            public_url: None,
            sms_provider: "log".into(),
            tracking_days: 180,
            page_rate_per_minute: 60,
            outbound_allow: Default::default(),
            metrics_token: None,
            fixed: settings::Fixed::default(),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<WebConfig>,
    /// Web-form submissions per client IP (counted in the database: every node's).
    pub form_limiter: Arc<ratelimit::SharedLimiter>,
    /// Sign-in attempts per client IP: 10 a minute (counted in the database: every node's).
    pub login_limiter: Arc<ratelimit::SharedLimiter>,
    /// Customer-page requests per client IP (`page_rate_per_minute`).
    pub page_limiter: Arc<ratelimit::IpLimiter>,
    /// The timer worker: `serve` runs its loop; the manual clock's `advance` drives it.
    pub timers: Arc<pronto_store::Timers>,
    /// What `GET /api/v1/events/stream` pushes to connected clients.
    pub live: Arc<pronto_alerts::Live>,
    /// The mailboxes and what their readers are doing.
    pub mail: Arc<pronto_mail::imap::MailStatus>,
    /// Live event streams open per user (`streams_per_user`).
    pub streams: Arc<limits::Streams>,
    /// The settings as they apply now (changed in the admin pages without a restart).
    pub settings: Arc<settings::Settings>,
    /// The company's language and region as stored (see [`company`]).
    pub company: Arc<company::Live>,
    /// Whether this node can write now (`/healthz`).
    pub readiness: Arc<health::Readiness>,
    /// Where this node listens (`http://127.0.0.1:8080`), set once it is bound: the mystery
    /// shopper's address when no public address is set.
    pub own_url: Arc<std::sync::OnceLock<String>>,
    /// The staffing simulator (issue 23), handed in by `pronto serve`.
    pub simulator: Option<Arc<dyn simulator::Simulator>>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, config: WebConfig) -> Self {
        let settings = Arc::new(settings::Settings::new(config.fixed.clone()));
        let form_limiter = Arc::new(ratelimit::SharedLimiter::per_minute("form", config.form_rate_per_minute, store.clone(), clock.clone()));
        let timers = pronto_store::Timers::new(store.clone(), clock.clone());
        let login_limiter = Arc::new(ratelimit::SharedLimiter::per_minute("login", 10, store.clone(), clock.clone()));
        let page_limiter = Arc::new(ratelimit::IpLimiter::per_minute(config.page_rate_per_minute, clock.clone()));
        let readiness = Arc::new(health::Readiness::new(store.clone()));
        AppState {
            readiness,
            store,
            clock,
            config: Arc::new(config),
            form_limiter,
            login_limiter,
            page_limiter,
            timers,
            live: Arc::default(),
            mail: Arc::default(),
            streams: Arc::default(),
            settings,
            company: Arc::default(),
            own_url: Arc::default(),
            simulator: None,
        }
    }

    /// Shares the live feed the outbox worker publishes to.
    pub fn with_live(mut self, live: Arc<pronto_alerts::Live>) -> Self {
        self.live = live;
        self
    }

    /// Hands in the staffing simulator the admin page runs (`pronto serve` does).
    pub fn with_simulator(mut self, simulator: Arc<dyn simulator::Simulator>) -> Self {
        self.simulator = Some(simulator);
        self
    }

    /// Shares the mailbox readers' status.
    pub fn with_mail(mut self, mail: Arc<pronto_mail::imap::MailStatus>) -> Self {
        self.mail = mail;
        self
    }
}

/// The whole HTTP surface.
pub fn app(state: AppState) -> Router {
    // Install the recorder before the first request, so every request is counted.
    metrics::handle();
    let (api, mut openapi) = api::router().split_for_parts();
    utoipa::Modify::modify(&api::ProblemResponses, &mut openapi);
    utoipa::Modify::modify(&dto::exact::AtLeastOneField, &mut openapi);
    let openapi = Arc::new(openapi);
    Router::new()
        .merge(api)
        .merge(api::system::router(openapi))
        .merge(forms::router())
        .merge(telephony::router())
        .merge(ui::router())
        .merge(public::router())
        .fallback(api::system::not_found)
        .method_not_allowed_fallback(api::system::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.clone(), ui::whole_error_pages))
        .layer(axum::middleware::from_fn_with_state(state.clone(), audit::denials))
        .layer(axum::middleware::from_fn_with_state(state.clone(), limits::deadline))
        .layer(axum::middleware::from_fn(api::api_headers))
        .layer(axum::middleware::from_fn(metrics::track))
        // Pages, styles, scripts and JSON leave gzip-compressed when the client accepts it (a
        // list page's 60 KB of HTML is under 10 KB on the wire); the live feed
        // (`text/event-stream`) and images never are (tower-http's default predicate).
        .layer(tower_http::compression::CompressionLayer::new().gzip(true).quality(tower_http::CompressionLevel::Fastest))
        .with_state(state)
}
