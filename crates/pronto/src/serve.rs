//! `pronto serve`: opens the store, makes sure there is an admin, binds, announces the
//! address and serves until SIGTERM or SIGINT, then lets in-flight requests and queued
//! writes finish.

use crate::config::{ClockKind, Config};
use pronto_domain::{Clock, ManualClock, SystemClock};
use pronto_store::{Store, StoreOptions};
use pronto_web::{AppState, auth};
use std::io::Write;
use std::sync::Arc;

pub type AnyError = Box<dyn std::error::Error + Send + Sync>;

pub fn clock(config: &Config) -> Arc<dyn Clock> {
    match config.clock {
        ClockKind::Real => Arc::new(SystemClock),
        ClockKind::Manual => {
            let start = config.clock_start.unwrap_or_else(|| SystemClock.now());
            Arc::new(ManualClock::new(start))
        }
    }
}

pub async fn open_store(config: &Config, clock: Arc<dyn Clock>) -> Result<Arc<dyn Store>, AnyError> {
    tracing::info!(database = %pronto_store::redact_url(&config.database_url), "opening the database");
    pronto_store::open(&config.database_url, clock, StoreOptions { pg_writers: config.db_writers, ..StoreOptions::default() })
        .await
        .map_err(|e| format!("database {}: {e}", pronto_store::redact_url(&config.database_url)).into())
}

/// On an empty database, creates `admin`; prints the password when it was generated.
pub async fn ensure_admin(store: &dyn Store, config: &Config) -> Result<(), AnyError> {
    if !store.users().await?.is_empty() {
        return Ok(());
    }
    let (password, generated) = match &config.admin_password {
        Some(p) => (p.clone(), false),
        None => (auth::new_password(), true),
    };
    let hash = auth::hash_password(password.clone()).await.map_err(|e| e.to_string())?;
    if store.ensure_admin(hash).await? && generated {
        println!("created user `admin` with password {password} (shown once; change it)");
    }
    Ok(())
}

/// What `pronto serve` says at start when `PRONTO_ADMIN_PASSWORD` is set but users exist
/// already (the password only ever sets the first admin's): `admins` are the active admins'
/// logins; `admin` is named when it is one of them.
pub fn admin_password_notice(password_set: bool, users_exist: bool, admins: &[&str]) -> Option<String> {
    if !password_set || !users_exist {
        return None;
    }
    let who = admins.iter().find(|a| **a == "admin").or(admins.first()).copied().unwrap_or("admin");
    Some(format!(
        "PRONTO_ADMIN_PASSWORD is set but the admin `{who}` exists already: the password was not changed; \
         use `pronto user reset-password --login {who}` (or change it on the account page) and unset PRONTO_ADMIN_PASSWORD"
    ))
}

/// Makes the configured playbook (a built-in name, a loaded name, or a file) the default.
/// A file is loaded as a new version only when its text is none of the stored versions of its
/// name; when it is an older one and a newer version (loaded through the API, on any node)
/// exists, the newer stays in force and start-up says so. An invalid file is refused: the
/// problems are logged as FILE:LINE:COLUMN, and the last good version of that playbook stays
/// in use when there is one; without one, Pronto does not start.
pub async fn default_playbook(store: &dyn Store, setting: &str) -> Result<(), AnyError> {
    let reg = store.playbooks();
    if reg.current(setting).is_some() {
        reg.set_default(setting);
        return Ok(());
    }
    let path = std::path::Path::new(setting);
    let source = std::fs::read_to_string(path)
        .map_err(|e| format!("playbook `{setting}` is neither a loaded playbook ({}) nor a readable file: {e}", reg.names().join(", ")))?;
    let name = match pronto_playbook::parse(&source) {
        Ok(pb) => {
            let loaded = store.load_playbook(source, None, pronto_store::PlaybookSource::File).await?;
            match loaded.superseded(&format!("the file {setting}")) {
                // A newer version (an admin's, through any node) is never replaced silently.
                Some(said) => {
                    println!("{said}");
                    tracing::warn!(playbook = %pb.name, version = loaded.version, current = loaded.current, file = %setting, "{said}");
                }
                None => tracing::info!(playbook = %pb.name, version = loaded.version, new = loaded.new, file = %setting, "playbook loaded"),
            }
            pb.name
        }
        Err(problems) => {
            let report = pronto_playbook::render_problems(&problems, setting, &source);
            let name = source.parse::<toml::Table>().ok().and_then(|t| t.get("name").and_then(|n| n.as_str()).map(str::to_owned));
            match name.filter(|n| reg.current(n).is_some()) {
                Some(n) => {
                    tracing::error!(file = %setting, problems = %report, "the playbook file is invalid; keeping the last good version of `{n}`");
                    n
                }
                None => return Err(format!("the playbook file is invalid:\n{report}").into()),
            }
        }
    };
    reg.set_default(&name);
    Ok(())
}

pub async fn run(config: Config) -> Result<(), AnyError> {
    let clock = clock(&config);
    let store = open_store(&config, clock.clone()).await?;
    store.playbooks().configure_messages(&config.language, config.public_url.clone());
    default_playbook(store.as_ref(), &config.web.default_playbook).await?;
    // Report days are the office's (the default playbook's zone): rebuilt if that changed.
    store.sync_report_facts().await?;
    store.configure_reports(config.reports.clone()).await?;
    let existing = store.users().await?;
    ensure_admin(store.as_ref(), &config).await?;
    let admins: Vec<&str> = existing.iter().filter(|u| u.role == "admin" && u.active).map(|u| u.login.as_str()).collect();
    if let Some(notice) = admin_password_notice(config.admin_password.is_some(), !existing.is_empty(), &admins) {
        println!("{notice}");
        tracing::warn!("{notice}");
    }
    let live = Arc::new(pronto_alerts::Live::default());
    // What commits (new leads, tasks, stage changes …) reaches live clients at once.
    let follow = {
        let store = store.clone();
        move || store.committed()
    };
    let relay = tokio::spawn(pronto_alerts::live::relay(follow, live.clone()));
    // Mailboxes: one reader each, from the stored cursor on. The settings run them: the ones
    // of the environment and the file, and the ones saved in the admin pages (restarted when
    // those change).
    let mail_status = Arc::new(pronto_mail::imap::MailStatus::default());
    let own: Vec<String> = config
        .email
        .from
        .iter()
        .map(|f| f.rsplit_once('<').map(|(_, a)| a.trim_end_matches('>')).unwrap_or(f).trim().to_lowercase())
        .collect();
    // The admin's staffing simulator (issue 23) reads this database and runs on scratch ones.
    let simulator = Arc::new(crate::simulate::WebSimulator { store: store.clone(), clock: clock.clone() });
    let state = AppState::new(store.clone(), clock.clone(), config.web.clone())
        .with_live(live.clone())
        .with_mail(mail_status.clone())
        .with_simulator(simulator);
    state.settings.run_mail(pronto_mail::imap::MailDeps {
        store: store.clone(),
        clock: clock.clone(),
        data_dir: config.data_dir.clone(),
        region: config.web.region,
        status: mail_status,
        own_addresses: own,
    });
    // The company's language and region, where the configuration sets none.
    state.load_company().await;
    // The settings saved in the admin pages, over the environment's and the file's.
    state.reload_settings().await.map_err(|e| format!("cannot read the settings: {e}"))?;
    if state.settings.public_url().is_none() {
        tracing::warn!("no public address (Settings → Address and limits, or PRONTO_PUBLIC_URL): messages go out without links (to the lead for the team, to their own page for customers)");
    }
    let mailboxes = state.settings.current().mailboxes.clone();
    if !mailboxes.is_empty() {
        tracing::info!(mailboxes = ?mailboxes, "reading mail");
    }
    // Fires what fell due while the process was down, then every timer at its time.
    let timer_worker = tokio::spawn(state.timers.clone().run());
    // Playbook versions other nodes stored, for the pages and the API (a write that meets one
    // reads it at once anyway).
    let playbook_refresh = tokio::spawn(refresh_playbooks(store.clone()));
    // Mail attachments this node kept on its disk before they were kept in the database.
    {
        let (store, dir) = (store.clone(), config.data_dir.clone());
        tokio::spawn(async move {
            match pronto_mail::imap::import_old_attachments(&store, &dir).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(files = n, "mail attachments moved from the data directory into the database"),
                Err(e) => tracing::warn!(error = %e, "cannot move the mail attachments into the database; they are served from the data directory"),
            }
        });
    }
    // Settings, message texts and the company's profile saved on any node, in force here.
    let config_refresh = tokio::spawn(follow_shared_config(state.clone()));
    // Delivers what the outbox holds (what was left when the process stopped first), then every
    // notification the moment its transaction commits — through the senders the settings
    // replace when an admin saves them.
    tracing::info!(senders = ?state.settings.senders, "delivery");
    let outbox_config = pronto_alerts::OutboxConfig { webhook_allow: config.webhook_allow.clone(), ..Default::default() };
    let outbox_worker = tokio::spawn(
        pronto_alerts::Outbox::with_senders(store.clone(), clock.clone(), state.settings.senders.clone(), outbox_config, live).run(),
    );
    let settings = state.settings.clone();
    let own_url = state.own_url.clone();
    // The mystery shopper: a test inquiry through each channel on its schedule (one node at a time).
    let canary = tokio::spawn(pronto_web::canary::schedule(state.clone()));
    let app = pronto_web::app(state);
    // Signal handlers are in place before the address is announced, so a signal sent the
    // moment a supervisor sees `listening on` still shuts down gracefully.
    let shutdown = shutdown_signal()?;
    let nofile = crate::accept::raise_nofile_limit();
    let limits = crate::accept::Limits {
        header_timeout: config.net.header_timeout,
        idle_timeout: config.net.idle_timeout,
        max_connections: config.net.max_connections.unwrap_or_else(|| crate::accept::default_max_connections(nofile)),
        max_per_ip: config.net.max_connections_per_ip,
        // At least two of the live stream's 15-second keep-alives.
        stall_timeout: config.net.idle_timeout.max(config.web.request_timeout).max(std::time::Duration::from_secs(30)),
        // Every request but the live stream ends within the request time limit.
        grace: config.web.request_timeout + std::time::Duration::from_secs(5),
    };
    let listener = tokio::net::TcpListener::bind(&config.listen).await.map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let addr = listener.local_addr()?;
    let _ = own_url.set(format!("http://{addr}"));
    println!("listening on http://{addr}");
    std::io::stdout().flush()?;
    tracing::info!(%addr, engine = store.engine(), data_dir = %config.data_dir.display(), open_files = ?nofile, limits = ?limits, "serving");
    crate::accept::serve(listener, app, limits, shutdown).await;
    tracing::info!("shutting down: finishing queued writes");
    timer_worker.abort();
    canary.abort();
    playbook_refresh.abort();
    config_refresh.abort();
    outbox_worker.abort();
    relay.abort();
    settings.stop_mail();
    store.close().await;
    Ok(())
}

/// How often a node looks for playbook versions that other nodes stored.
pub const PLAYBOOK_REFRESH: std::time::Duration = std::time::Duration::from_secs(3);

/// Reads the playbook versions other nodes stored, every [`PLAYBOOK_REFRESH`] (one indexed
/// query when there are none).
async fn refresh_playbooks(store: Arc<dyn Store>) {
    let mut tick = tokio::time::interval(PLAYBOOK_REFRESH);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match store.refresh_playbooks().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(versions = n, "playbook versions stored by another node are now known"),
            Err(e) => tracing::warn!(error = %e, "cannot read the stored playbook versions; trying again"),
        }
    }
}

/// Puts in force what any node saved in the admin pages, every `CONFIG_REFRESH` (one read of
/// three rows when nothing changed).
async fn follow_shared_config(state: pronto_web::AppState) {
    let mut tick = tokio::time::interval(pronto_web::settings::CONFIG_REFRESH);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut seen = None;
    loop {
        tick.tick().await;
        if let Err(e) = state.follow_shared_config(&mut seen).await {
            tracing::warn!(error = %e, "cannot read the shared configuration; trying again");
        }
    }
}

/// Answers leave at once: without TCP_NODELAY a response written in two parts waits for the
/// client's delayed ACK (Nagle's algorithm), which adds milliseconds to every request.
pub fn no_delay(tcp: &mut tokio::net::TcpStream) {
    if let Err(e) = tcp.set_nodelay(true) {
        tracing::debug!(error = %e, "cannot set TCP_NODELAY");
    }
}

/// Resolves on the first SIGTERM or SIGINT (Ctrl-C).
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => tracing::info!("SIGTERM"),
            _ = int.recv() => tracing::info!("SIGINT"),
        }
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

#[cfg(test)]
mod tests {
    use super::admin_password_notice;

    #[test]
    fn an_ignored_admin_password_is_said_at_start() {
        let cases: [(bool, bool, &[&str], Option<&str>); 5] = [
            (false, true, &["admin"], None),
            (true, false, &[], None),
            (true, true, &["admin"], Some("the admin `admin` exists already: the password was not changed")),
            (true, true, &["boss", "admin"], Some("`pronto user reset-password --login admin`")),
            (true, true, &["boss"], Some("the admin `boss` exists already")),
        ];
        for (set, exist, admins, want) in cases {
            let got = admin_password_notice(set, exist, admins);
            match want {
                None => assert_eq!(got, None),
                Some(w) => assert!(got.as_deref().is_some_and(|g| g.starts_with("PRONTO_ADMIN_PASSWORD is set") && g.contains(w)), "{got:?}"),
            }
        }
    }
}
