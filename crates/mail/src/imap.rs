//! Reading mailboxes: one task per mailbox that connects, reads what is new since the stored
//! cursor and then waits with IDLE (or polls) for the next message. Every message goes to the
//! store as one `ingest_mail` command, which stores it and moves the cursor in one
//! transaction: nothing is read twice or skipped across restarts, reconnects and resets.

use crate::parse::{self, Incoming, ParseError};
use crate::{classify, signature, thread};
use async_imap::{Client, Session};
use futures_util::StreamExt;
use jiff::{SignedDuration, Timestamp};
use pronto_domain::clock::Clock;
use pronto_domain::lead::{ContactDraft, LeadDraft, MESSAGE_MAX};
use pronto_domain::netaddr::{self, AllowList};
use pronto_domain::values::{Phone, Region};
use pronto_store::{AttachmentIn, MailIn, MailOutcome, MailVerdict, Store, StoreError};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

/// How a mailbox's connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tls {
    /// `imaps://`, port 993: TLS from the first byte.
    Implicit,
    /// Plain, then `STARTTLS`.
    StartTls,
    /// Plain text (a server on the same machine or in tests).
    None,
}

/// One mailbox to read inquiries from.
#[derive(Clone)]
pub struct MailboxConfig {
    pub name: String,
    pub host: String,
    pub port: u16,
    pub tls: Tls,
    pub user: String,
    pub password: String,
    pub folder: String,
    /// The playbook its leads run on (the default one when `None`).
    pub playbook: Option<String>,
    /// The lead's `source` (default `mailbox NAME`).
    pub source: Option<String>,
    /// The mailbox's own address (`poptavky@firma.cz`): loops are recognised by it, and replies
    /// written in Pronto ask for answers at `poptavky+leadN@firma.cz`.
    pub address: Option<String>,
    /// Mark processed mail `\Seen`.
    pub mark_seen: bool,
    /// Move processed mail to this folder (never deleted).
    pub move_to: Option<String>,
    /// How often to look when the server has no IDLE (or `idle = false`).
    pub poll: Duration,
    pub idle: bool,
    /// How long one IDLE lasts before it is renewed and the folder checked (default 5 min;
    /// servers drop IDLE after 30).
    pub idle_renew: Duration,
    /// Messages larger than this are read only in part: text kept, attachments not.
    pub max_bytes: usize,
    /// Attachments larger than this are listed but not kept.
    pub max_attachment_bytes: usize,
}

impl std::fmt::Debug for MailboxConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailboxConfig")
            .field("name", &self.name)
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("user", &self.user)
            .field("password", &"***")
            .field("folder", &self.folder)
            .finish_non_exhaustive()
    }
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl MailboxConfig {
    /// `imap://USER:PASSWORD@HOST:PORT/FOLDER` (`imaps://` for TLS; `?starttls` for STARTTLS,
    /// `poll=SECONDS`, `idle=false`, `idle_renew=SECONDS`); user and password percent-encoded.
    pub fn from_url(name: &str, url: &str) -> Result<MailboxConfig, String> {
        let bad = |why: &str| format!("mailbox `{name}`: `{}` is not an IMAP URL like imaps://user:password@host/INBOX ({why})", redact(url));
        let (scheme, rest) = url.trim().split_once("://").ok_or_else(|| bad("no scheme"))?;
        let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
        let mut tls = match scheme {
            "imaps" => Tls::Implicit,
            "imap" => Tls::None,
            _ => return Err(bad("the scheme is imap or imaps")),
        };
        let (mut poll, mut idle, mut idle_renew) = (Duration::from_secs(30), true, IDLE_RENEW);
        for q in query.split('&').filter(|q| !q.is_empty()) {
            let seconds = |v: &str, lo: u64, hi: u64| {
                v.parse::<u64>().ok().filter(|s| (lo..=hi).contains(s)).map(Duration::from_secs).ok_or_else(|| bad(&format!("`{q}`: {lo}–{hi} seconds")))
            };
            match q.split_once('=') {
                None if q == "starttls" => tls = Tls::StartTls,
                Some(("poll", v)) => poll = seconds(v, 1, 3600)?,
                Some(("idle_renew", v)) => idle_renew = seconds(v, 1, 1740)?,
                Some(("idle", "false")) => idle = false,
                Some(("idle", "true")) => idle = true,
                _ => return Err(bad(&format!("unknown option `{q}`; known: starttls, poll=S, idle=false, idle_renew=S"))),
            }
        }
        let (auth, rest) = rest.rsplit_once('@').ok_or_else(|| bad("no user@"))?;
        let (user, password) = auth.split_once(':').ok_or_else(|| bad("no user:password"))?;
        let (hostport, folder) = rest.split_once('/').unwrap_or((rest, ""));
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) => (h, p.parse::<u16>().map_err(|_| bad("the port is a number"))?),
            None => (hostport, if tls == Tls::Implicit { 993 } else { 143 }),
        };
        if host.is_empty() || user.is_empty() {
            return Err(bad("host and user are required"));
        }
        let folder = decode(folder);
        Ok(MailboxConfig {
            name: name.to_owned(),
            host: host.trim_start_matches('[').trim_end_matches(']').to_owned(),
            port,
            tls,
            user: decode(user),
            password: decode(password),
            folder: if folder.is_empty() { "INBOX".into() } else { folder },
            playbook: None,
            source: None,
            address: None,
            mark_seen: false,
            move_to: None,
            poll,
            idle,
            idle_renew,
            max_bytes: 25 << 20,
            max_attachment_bytes: 10 << 20,
        })
    }
}

/// The URL with its password hidden.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => match url[s + 3..at].split_once(':') {
            Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
            None => url.to_owned(),
        },
        _ => url.to_owned(),
    }
}

/// What a mailbox is doing, for `GET /api/v1/mailboxes`.
#[derive(Debug, Clone, Default)]
pub struct MailboxStatus {
    /// `starting`, `connecting`, `reading`, `idle` (waiting with IDLE), `polling`, `failing`.
    pub state: &'static str,
    pub since: Option<Timestamp>,
    pub last_error: Option<String>,
    pub failing_since: Option<Timestamp>,
    /// Whether the server offers IDLE (known once connected).
    pub idle_supported: Option<bool>,
    pub uidvalidity: Option<i64>,
    pub last_uid: Option<i64>,
    /// Messages stored since the start: new leads, replies, ignored.
    pub leads: u64,
    pub replies: u64,
    pub ignored: u64,
    pub last_message_at: Option<Timestamp>,
}

/// Every mailbox's status, shared by the readers and the API.
#[derive(Default)]
pub struct MailStatus {
    map: Mutex<BTreeMap<String, MailboxStatus>>,
    configs: Mutex<Vec<MailboxConfig>>,
}

impl MailStatus {
    pub fn get(&self) -> Vec<(MailboxConfig, MailboxStatus)> {
        let map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        self.configs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .map(|c| (c.clone(), map.get(&c.name).cloned().unwrap_or_default()))
            .collect()
    }

    pub fn config(&self, name: &str) -> Option<MailboxConfig> {
        self.configs.lock().unwrap_or_else(|p| p.into_inner()).iter().find(|c| c.name == name).cloned()
    }

    /// The mailbox address replies about a lead should ask answers at: the first mailbox with one.
    pub fn reply_address(&self) -> Option<String> {
        self.configs.lock().unwrap_or_else(|p| p.into_inner()).iter().find_map(|c| c.address.clone())
    }

    fn update(&self, name: &str, f: impl FnOnce(&mut MailboxStatus)) {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        f(map.entry(name.to_owned()).or_default());
    }
}

/// What the readers need from the rest of Pronto.
#[derive(Clone)]
pub struct MailDeps {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    /// The data directory (attachments are kept in the database; this is where older ones were).
    pub data_dir: PathBuf,
    pub region: Region,
    pub status: Arc<MailStatus>,
    /// Own addresses: mail from them is a loop (the mailboxes' and the SMTP sender's).
    pub own_addresses: Vec<String>,
}

/// Starts one reader per mailbox; they run until aborted.
pub fn spawn(mailboxes: Vec<MailboxConfig>, deps: MailDeps) -> Vec<tokio::task::JoinHandle<()>> {
    *deps.status.configs.lock().unwrap_or_else(|p| p.into_inner()) = mailboxes.clone();
    mailboxes
        .into_iter()
        .map(|cfg| {
            let deps = deps.clone();
            tokio::spawn(async move { run(cfg, deps).await })
        })
        .collect()
}

/// Consecutive failed attempts after which the admins are alerted (≈ 7 s of trying).
const ALERT_AFTER: u32 = 3;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// IDLE is renewed well before servers drop it (RFC 9051: at most 30 min), and each renewal
/// checks that the folder is still the one selected (a server may stay silent about a reset).
const IDLE_RENEW: Duration = Duration::from_secs(5 * 60);

/// How often a node standing by looks whether a mailbox's reader is gone.
const STANDBY_LOOK: Duration = Duration::from_secs(2);
/// What a session ends with when another node took the mailbox over.
const LEASE_LOST: &str = "another node holds the mailbox's lease";

/// The lease whose holder reads the mailbox `name`.
pub fn lease_name(name: &str) -> String {
    format!("mailbox:{name}")
}

async fn run(cfg: MailboxConfig, deps: MailDeps) {
    let mut failures: u32 = 0;
    let mut alerted = false;
    deps.status.update(&cfg.name, |s| {
        s.state = "starting";
        s.since = Some(deps.clock.now());
    });
    let lease = lease_name(&cfg.name);
    loop {
        // One node reads a mailbox: the one holding its lease (issue 22). The others stand by
        // and take it over within seconds of its holder's last heartbeat.
        match deps.store.take_lease(&lease).await {
            Ok(true) => {}
            Ok(false) => {
                let now = deps.clock.now();
                deps.status.update(&cfg.name, |s| {
                    if s.state != "standby" {
                        s.state = "standby";
                        s.since = Some(now);
                    }
                });
                tokio::time::sleep(STANDBY_LOOK).await;
                continue;
            }
            Err(e) => {
                tracing::warn!(mailbox = %cfg.name, error = %e, "cannot take the mailbox's lease");
                tokio::time::sleep(STANDBY_LOOK).await;
                continue;
            }
        }
        let mut healthy = false;
        let result = session(&cfg, &deps, &mut healthy, &mut alerted).await;
        if healthy {
            failures = 0;
        }
        let error = match result {
            Ok(()) => "the server closed the connection".to_owned(),
            Err(e) if e == LEASE_LOST => {
                tracing::info!(mailbox = %cfg.name, "another node reads this mailbox now");
                continue;
            }
            Err(e) => e,
        };
        failures += 1;
        let now = deps.clock.now();
        tracing::warn!(mailbox = %cfg.name, error = %error, failures, "mailbox reader stopped; reconnecting");
        deps.status.update(&cfg.name, |s| {
            s.state = "failing";
            s.since = Some(now);
            s.last_error = Some(error.clone());
            s.failing_since.get_or_insert(now);
        });
        if failures >= ALERT_AFTER && !alerted {
            match deps.store.mailbox_alert(cfg.name.clone(), Some(error.clone())).await {
                Ok(()) => alerted = true,
                Err(e) => tracing::error!(mailbox = %cfg.name, error = %e, "cannot record the mailbox alert"),
            }
        }
        // 1 s, 2 s, 4 s … up to a minute.
        let wait = Duration::from_secs(1u64 << failures.saturating_sub(1).min(6)).min(Duration::from_secs(60));
        tokio::time::sleep(wait).await;
    }
}

trait Io: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug> Io for T {}
type Stream = Box<dyn Io>;

fn tls_connector() -> Result<tokio_rustls::TlsConnector, String> {
    use tokio_rustls::rustls;
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_rustls::TlsConnector::from(Arc::new(config)))
}

async fn tls(tcp: TcpStream, host: &str) -> Result<Stream, String> {
    let name = tokio_rustls::rustls::pki_types::ServerName::try_from(host.to_owned()).map_err(|e| format!("TLS: `{host}`: {e}"))?;
    let s = tls_connector()?.connect(name, tcp).await.map_err(|e| format!("TLS with {host} failed: {e}"))?;
    Ok(Box::new(s))
}

/// Whose choice a mailbox's address is, and so where a connection to it may go.
#[derive(Debug, Clone, Copy)]
pub enum Reach<'a> {
    /// A configured mailbox: the operator chose the server (one on the same machine is fine).
    Configured,
    /// An address someone typed in to test it: only globally reachable addresses
    /// (`pronto_domain::netaddr`), or a host on the allow-list (`PRONTO_WEBHOOK_ALLOW`).
    Checked(&'a AllowList),
}

/// What a connection says when the other side is not an IMAP server: fixed, so the test never
/// shows what another kind of service answered.
pub const NOT_IMAP: &str = "the server did not answer as an IMAP server";

/// Resolves the host once, checks every address when `reach` asks for it, and connects to one
/// of exactly those addresses (no second look-up a rebinding DNS server could answer
/// differently).
async fn open(cfg: &MailboxConfig, reach: Reach<'_>) -> Result<TcpStream, TestError> {
    let at = format!("{}:{}", cfg.host, cfg.port);
    let addrs: Vec<std::net::SocketAddr> = tokio::time::timeout(CONNECT_TIMEOUT, tokio::net::lookup_host((cfg.host.as_str(), cfg.port)))
        .await
        .map_err(|_| TestError::Failed(format!("cannot resolve {} within 15 s", cfg.host)))?
        .map_err(|e| TestError::Failed(format!("cannot resolve {}: {e}", cfg.host)))?
        .collect();
    if let Reach::Checked(allow) = reach {
        for a in &addrs {
            netaddr::check(allow, &cfg.host, a.ip()).map_err(|m| TestError::Refused(format!("{m} (PRONTO_WEBHOOK_ALLOW allows a host)")))?;
        }
    }
    let mut error = format!("{} has no address", cfg.host);
    for a in addrs {
        match tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect(a)).await {
            Ok(Ok(tcp)) => return Ok(tcp),
            Ok(Err(e)) => error = format!("cannot connect to {at}: {e}"),
            Err(_) => error = format!("no answer from {at} within 15 s"),
        }
    }
    Err(TestError::Failed(error))
}

/// Connects and logs in; a precise error for each way it can fail, and never the words of a
/// server that is not an IMAP server.
async fn connect(cfg: &MailboxConfig, reach: Reach<'_>) -> Result<Session<Stream>, String> {
    let tcp = open(cfg, reach).await.map_err(|e| e.to_string())?;
    login(cfg, tcp).await
}

/// Greets (TLS as configured) and logs in on an open connection.
async fn login(cfg: &MailboxConfig, tcp: TcpStream) -> Result<Session<Stream>, String> {
    let at = format!("{}:{}", cfg.host, cfg.port);
    let _ = tcp.set_nodelay(true);
    // The error's text may quote what the service sent (an SSH banner, an HTTP page): not shown.
    let greeting_err = |_: std::io::Error| format!("{at}: {NOT_IMAP}");
    let stream: Stream = match cfg.tls {
        Tls::None => Box::new(tcp),
        Tls::Implicit => tls(tcp, &cfg.host).await?,
        Tls::StartTls => {
            let mut client = Client::new(tcp);
            tokio::time::timeout(CONNECT_TIMEOUT, client.read_response())
                .await
                .map_err(|_| format!("{at}: {NOT_IMAP} (no greeting within 15 s)"))?
                .map_err(greeting_err)?
                .ok_or_else(|| format!("{at} closed the connection at once"))?;
            client.run_command_and_check_ok("STARTTLS", None).await.map_err(|_| format!("{at} refused STARTTLS"))?;
            tls(client.into_inner(), &cfg.host).await?
        }
    };
    let mut client = Client::new(stream);
    if cfg.tls != Tls::StartTls {
        let greeting = tokio::time::timeout(CONNECT_TIMEOUT, client.read_response())
            .await
            .map_err(|_| format!("{at}: {NOT_IMAP} (no greeting within 15 s)"))?
            .map_err(greeting_err)?;
        greeting.ok_or_else(|| format!("{at} closed the connection at once"))?;
    }
    client.login(&cfg.user, &cfg.password).await.map_err(|(e, _)| match e {
        // The server's own IMAP answer (`NO [AUTHENTICATIONFAILED] …`) is worth showing.
        async_imap::error::Error::No(text) | async_imap::error::Error::Bad(text) => {
            format!("{at} refused the login of `{}`: {}", cfg.user, text.chars().take(200).collect::<String>())
        }
        _ => format!("{at}: {NOT_IMAP}"),
    })
}

/// What a connection test found.
#[derive(Debug, Clone)]
pub struct TestReport {
    pub idle: bool,
    pub exists: u32,
    pub uidvalidity: Option<u32>,
    pub capabilities: Vec<String>,
}

/// Why a connection test failed: the address was refused before anything was sent, or the
/// connection, TLS, login or folder failed (precisely, and never in a non-IMAP server's words).
#[derive(Debug, Clone, PartialEq)]
pub enum TestError {
    Refused(String),
    Failed(String),
}

impl std::fmt::Display for TestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TestError::Refused(m) | TestError::Failed(m) => f.write_str(m),
        }
    }
}

/// Connects, logs in and selects the folder, then logs out: the "test connection" button
/// (`reach`: a configured mailbox, or an address typed in, which is checked).
pub async fn test(cfg: &MailboxConfig, reach: Reach<'_>) -> Result<TestReport, TestError> {
    let run = async {
        let tcp = open(cfg, reach).await?;
        let fail = TestError::Failed;
        let mut s = login(cfg, tcp).await.map_err(fail)?;
        let caps = s.capabilities().await.map_err(|e| fail(format!("CAPABILITY failed: {e}")))?;
        let capabilities: Vec<String> = caps.iter().map(|c| format!("{c:?}")).collect();
        let idle = caps.has_str("IDLE");
        let mb = s.select(&cfg.folder).await.map_err(|e| fail(format!("cannot open the folder `{}`: {e}", cfg.folder)))?;
        let _ = s.logout().await;
        Ok(TestReport { idle, exists: mb.exists, uidvalidity: mb.uid_validity, capabilities })
    };
    tokio::time::timeout(Duration::from_secs(20), run).await.map_err(|_| TestError::Failed("the test took longer than 20 s".to_owned()))?
}

/// One connection's life: select, catch up, then wait for news and catch up again. Returns
/// (with the reason) when the connection fails; `healthy` is set once it worked.
async fn session(cfg: &MailboxConfig, deps: &MailDeps, healthy: &mut bool, alerted: &mut bool) -> Result<(), String> {
    deps.status.update(&cfg.name, |s| {
        if s.state != "failing" {
            s.state = "connecting";
        }
    });
    let mut s = connect(cfg, Reach::Configured).await?;
    tracing::debug!(mailbox = %cfg.name, "logged in");
    let caps = s.capabilities().await.map_err(|e| format!("CAPABILITY failed: {e}"))?;
    let idle = cfg.idle && caps.has_str("IDLE");
    let can_move = caps.has_str("MOVE");
    let mb = s.select(&cfg.folder).await.map_err(|e| format!("cannot open the folder `{}`: {e}", cfg.folder))?;
    let uidvalidity = i64::from(mb.uid_validity.ok_or("the server gave no UIDVALIDITY")?);
    tracing::debug!(mailbox = %cfg.name, uidvalidity, exists = mb.exists, "selected");
    let cursor = deps.store.mailbox_cursor(&cfg.name).await.map_err(|e| format!("cannot read the cursor: {e}"))?;
    let mut last = match cursor {
        Some((v, last)) if v == uidvalidity => last,
        _ => {
            // First start, or the folder was recreated: read it all again; Message-IDs keep
            // what was stored before from being stored twice.
            deps.store.reset_mailbox(cfg.name.clone(), uidvalidity).await.map_err(|e| format!("cannot reset the cursor: {e}"))?;
            0
        }
    };
    *healthy = true;
    if *alerted {
        if deps.store.mailbox_alert(cfg.name.clone(), None).await.is_ok() {
            *alerted = false;
        }
    }
    let now = deps.clock.now();
    deps.status.update(&cfg.name, |st| {
        st.state = "reading";
        st.since = Some(now);
        st.failing_since = None;
        st.idle_supported = Some(caps.has_str("IDLE"));
        st.uidvalidity = Some(uidvalidity);
        st.last_uid = Some(last);
    });
    loop {
        // Still this node's to read (held while its heartbeat lives; checked at every look).
        if !deps.store.take_lease(&lease_name(&cfg.name)).await.unwrap_or(false) {
            return Err(LEASE_LOST.to_owned());
        }
        last = catch_up(&mut s, cfg, deps, uidvalidity, last, can_move).await?;
        let now = deps.clock.now();
        deps.status.update(&cfg.name, |st| {
            st.state = if idle { "idle" } else { "polling" };
            st.since = Some(now);
            st.last_uid = Some(last);
        });
        tracing::debug!(mailbox = %cfg.name, last, "caught up");
        if idle {
            let mut handle = s.idle();
            handle.init().await.map_err(|e| format!("IDLE failed: {e}"))?;
            let (wait, stop) = handle.wait_with_timeout(cfg.idle_renew);
            let woke = wait.await;
            drop(stop);
            let woke = woke.map_err(|e| format!("the connection broke while idle: {e}"))?;
            s = handle.done().await.map_err(|e| format!("ending IDLE failed: {e}"))?;
            if woke == async_imap::extensions::idle::IdleResponse::Timeout {
                check_folder(&mut s, cfg, uidvalidity).await?;
            }
        } else {
            tokio::time::sleep(cfg.poll).await;
            s.noop().await.map_err(|e| format!("the connection broke: {e}"))?;
        }
    }
}

/// Whether the selected folder is still the same one: a new UIDVALIDITY means it was
/// recreated, and the reader starts over on a new connection.
async fn check_folder(s: &mut Session<Stream>, cfg: &MailboxConfig, uidvalidity: i64) -> Result<(), String> {
    let st = s.status(&cfg.folder, "(UIDVALIDITY)").await.map_err(|e| format!("STATUS failed: {e}"))?;
    match st.uid_validity {
        Some(v) if i64::from(v) != uidvalidity => Err(format!("the folder `{}` was recreated (UIDVALIDITY {uidvalidity} → {v})", cfg.folder)),
        _ => Ok(()),
    }
}

/// Reads every message above `last`, oldest first, and looks again until a look finds nothing
/// new: a message that arrives while others are read is announced (`EXISTS`) in the answer to
/// some other command, so IDLE would never hear of it. Returns the new last UID.
async fn catch_up(
    s: &mut Session<Stream>,
    cfg: &MailboxConfig,
    deps: &MailDeps,
    uidvalidity: i64,
    mut last: i64,
    can_move: bool,
) -> Result<i64, String> {
    loop {
        let before = last;
        last = read_above(s, cfg, deps, uidvalidity, last, can_move).await?;
        if last == before {
            return Ok(last);
        }
    }
}

/// Reads the messages above `last` that the folder holds now, oldest first; returns the new
/// last UID.
async fn read_above(
    s: &mut Session<Stream>,
    cfg: &MailboxConfig,
    deps: &MailDeps,
    uidvalidity: i64,
    mut last: i64,
    can_move: bool,
) -> Result<i64, String> {
    let mut todo: Vec<(u32, u32)> = Vec::new();
    {
        let mut list = s.uid_fetch(format!("{}:*", last + 1), "(UID RFC822.SIZE)").await.map_err(|e| format!("FETCH failed: {e}"))?;
        while let Some(f) = list.next().await {
            let f = f.map_err(|e| format!("FETCH failed: {e}"))?;
            // `N:*` names the last message even when its UID is below N.
            if let Some(uid) = f.uid.filter(|u| i64::from(*u) > last) {
                todo.push((uid, f.size.unwrap_or(0)));
            }
        }
    }
    todo.sort_unstable();
    for (uid, size) in todo {
        let partial = size as usize > cfg.max_bytes;
        let query = if partial { "BODY.PEEK[]<0.262144>" } else { "BODY.PEEK[]" };
        let raw = {
            let mut one = s.uid_fetch(uid.to_string(), query).await.map_err(|e| format!("FETCH {uid} failed: {e}"))?;
            let mut raw = None;
            while let Some(f) = one.next().await {
                let f = f.map_err(|e| format!("FETCH {uid} failed: {e}"))?;
                if f.uid == Some(uid)
                    && let Some(b) = f.body()
                {
                    raw = Some(b.to_vec());
                }
            }
            raw
        };
        // A message that vanished between the two fetches (moved by someone) is skipped.
        let Some(raw) = raw else { continue };
        let mail = build(cfg, deps, uidvalidity, i64::from(uid), &raw, partial.then_some(size as usize));
        let mut result = deps.store.ingest_mail(mail.clone()).await;
        // A message the store refuses as a lead (say, its mailbox names a playbook that is not
        // loaded) must not stop the mailbox: it goes to the ignored list with the reason.
        if let Err(StoreError::Invalid(why)) = &result {
            let reason = format!("not stored as a lead: {why}");
            tracing::warn!(mailbox = %cfg.name, uid, %reason, "mail refused");
            result = deps.store.ingest_mail(MailIn { verdict: MailVerdict::Ignored { reason }, ..mail }).await;
        }
        match result {
            Ok(outcome) => {
                let now = deps.clock.now();
                deps.status.update(&cfg.name, |st| {
                    match outcome {
                        MailOutcome::Lead(_) => st.leads += 1,
                        MailOutcome::Reply(_) => st.replies += 1,
                        MailOutcome::Ignored => st.ignored += 1,
                        MailOutcome::Duplicate | MailOutcome::AlreadyRead => {}
                    }
                    st.last_message_at = Some(now);
                    st.last_uid = Some(i64::from(uid));
                });
                tracing::info!(mailbox = %cfg.name, uid, ?outcome, "mail read");
            }
            // The store is down or the mailbox was reset meanwhile: reconnect and resume.
            Err(StoreError::Conflict(m)) => return Err(m),
            Err(e) => return Err(format!("cannot store message {uid}: {e}")),
        }
        last = i64::from(uid);
        after_commit(s, cfg, uid, can_move).await;
    }
    Ok(last)
}

/// What the company asked for once a message is safely stored: `\Seen`, or moved to a folder.
async fn after_commit(s: &mut Session<Stream>, cfg: &MailboxConfig, uid: u32, can_move: bool) {
    if cfg.mark_seen {
        match s.uid_store(uid.to_string(), "+FLAGS.SILENT (\\Seen)").await {
            Ok(stream) => {
                let _: Vec<_> = stream.collect().await;
            }
            Err(e) => tracing::warn!(mailbox = %cfg.name, uid, error = %e, "cannot mark the message seen"),
        }
    }
    if let Some(folder) = &cfg.move_to {
        let result = if can_move { s.uid_mv(uid.to_string(), folder).await } else { s.uid_copy(uid.to_string(), folder).await };
        if let Err(e) = result {
            tracing::warn!(mailbox = %cfg.name, uid, error = %e, folder = %folder, "cannot move the message");
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A file's content address: its SHA-256, hex (the key of its row in `files`).
fn content_address(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// Moves the attachments a node kept on its disk before migration 30 into the database (each
/// file checked against its content address), so every node serves them; files this node does
/// not have are left to the node that does. Returns how many were moved. Run once at start.
pub async fn import_old_attachments(store: &Arc<dyn Store>, data_dir: &std::path::Path) -> Result<usize, pronto_store::StoreError> {
    let mut after = String::new();
    let mut moved = 0;
    loop {
        let batch = store.files_missing(after.clone(), 200).await?;
        let Some(last) = batch.last() else { break };
        after = last.clone();
        for sha in batch {
            let Some(path) = attachment_path(data_dir, &sha) else { continue };
            let Ok(data) = tokio::fs::read(&path).await else { continue };
            if content_address(&data) != sha {
                tracing::warn!(file = %path.display(), "a stored attachment does not match its content address; left where it is");
                continue;
            }
            store.keep_file(sha, data).await?;
            moved += 1;
        }
    }
    Ok(moved)
}

/// Where an attachment's file lived on a node's disk before attachments were kept in the
/// database (migration 30): read when the database has no bytes for it.
pub fn attachment_path(data_dir: &std::path::Path, sha256: &str) -> Option<PathBuf> {
    (sha256.len() == 64 && sha256.chars().all(|c| c.is_ascii_hexdigit())).then(|| data_dir.join("attachments").join(&sha256[..2]).join(sha256))
}

/// Turns the raw message into what the store needs: the lead it would be (or why it is not
/// an inquiry), its threading hints, and its attachments written to disk.
fn build(cfg: &MailboxConfig, deps: &MailDeps, uidvalidity: i64, uid: i64, raw: &[u8], truncated_from: Option<usize>) -> MailIn {
    let digest_id = || format!("sha256:{}", hex(&Sha256::digest(raw)));
    let m = match parse::parse(raw, usize::MAX) {
        Ok(m) => m,
        Err(e) => {
            let reason = match e {
                ParseError::NotAMessage(why) => format!("unreadable: {why}"),
                other => format!("unreadable: {other}"),
            };
            return MailIn {
                mailbox: cfg.name.clone(),
                uidvalidity,
                uid,
                message_id: digest_id(),
                in_reply_to: vec![],
                references: vec![],
                named_leads: vec![],
                tagged: false,
                from_address: None,
                from_name: None,
                to: vec![],
                subject: None,
                text: String::new(),
                new_text: String::new(),
                html: None,
                sent_at: None,
                attachments: vec![],
                verdict: MailVerdict::Ignored { reason },
            };
        }
    };
    let message_id = m.message_id.clone().filter(|id| !id.is_empty()).unwrap_or_else(digest_id);
    let mut own = deps.own_addresses.clone();
    own.extend(cfg.address.iter().map(|a| a.to_lowercase()));
    // The mystery shopper's test inquiry comes from this installation's own address: signed
    // with its key, it is an inquiry (a test one), not a loop.
    let canary = m.headers.x_pronto_canary.as_deref().and_then(|t| deps.store.playbooks().site_keys()?.canary_run(t));
    let reason = if canary.is_some() { None } else { classify::ignore_reason(&m, &own) };
    let mut text = m.text.clone();
    if let Some(size) = truncated_from {
        text.push_str(&format!(
            "\n\n[Pronto: the message had {:.1} MB, more than the {:.0} MB limit; only its beginning was read and its attachments were not kept.]",
            size as f64 / 1048576.0,
            cfg.max_bytes as f64 / 1048576.0
        ));
    }
    let attachments = if truncated_from.is_some() || reason.is_some() { vec![] } else { keep_attachments(cfg, &m) };
    let new_text = thread::strip_quoted(&text);
    let mut named_leads = Vec::new();
    let tag = thread::lead_tag(&m.recipients);
    if let Some(l) = tag {
        named_leads.push(l);
    }
    named_leads.extend(m.in_reply_to.iter().chain(&m.references).filter_map(|id| thread::lead_of_message_id(id)));
    let mut verdict = match reason {
        Some(reason) => MailVerdict::Ignored { reason },
        None => inquiry(cfg, deps, &m, &text, &new_text),
    };
    if let (Some(run), MailVerdict::Inquiry { lead, .. }) = (canary, &mut verdict) {
        lead.canary_run = Some(run);
    }
    MailIn {
        mailbox: cfg.name.clone(),
        uidvalidity,
        uid,
        message_id,
        in_reply_to: m.in_reply_to.clone(),
        references: m.references.clone(),
        named_leads,
        tagged: tag.is_some(),
        from_address: m.from_address.clone(),
        from_name: m.from_name.clone(),
        to: m.recipients.clone(),
        subject: m.subject.clone(),
        text,
        new_text,
        html: m.html.clone(),
        sent_at: m.date,
        attachments,
        verdict,
    }
}

fn keep_attachments(cfg: &MailboxConfig, m: &Incoming) -> Vec<AttachmentIn> {
    m.attachments
        .iter()
        .map(|a| {
            // Kept in the database, in the ingesting transaction: every node serves it.
            let kept = a.data.len() <= cfg.max_attachment_bytes;
            AttachmentIn {
                filename: a.filename.clone(),
                content_type: a.content_type.clone(),
                size: a.data.len() as i64,
                sha256: kept.then(|| content_address(&a.data)),
                data: if kept { a.data.clone() } else { Vec::new() },
            }
        })
        .collect()
}

/// The lead an inquiry becomes: the sender as the contact, subject and text as the inquiry.
fn inquiry(cfg: &MailboxConfig, deps: &MailDeps, m: &Incoming, text: &str, new_text: &str) -> MailVerdict {
    let now = deps.clock.now();
    // The customer wrote at `Date` when it is believable (not in the future, not days old: a
    // wrong clock on their side must not make the inquiry late before anyone saw it).
    let received_at = m.date.filter(|d| *d <= now && *d >= now - SignedDuration::from_hours(48)).unwrap_or(now);
    let message: String = text.chars().take(MESSAGE_MAX).collect();
    let mut draft = LeadDraft {
        channel: Some("email".into()),
        contact: ContactDraft { name: m.from_name.clone(), email: m.from_address.clone(), ..Default::default() },
        subject: m.subject.as_ref().map(|s| s.chars().take(pronto_domain::lead::SUBJECT_MAX).collect()),
        message: (!message.trim().is_empty()).then_some(message),
        source: Some(cfg.source.clone().unwrap_or_else(|| format!("mailbox {}", cfg.name))),
        playbook: cfg.playbook.clone(),
        received_at: Some(received_at.to_string()),
        ..Default::default()
    };
    let lead = match draft.parse(deps.region, now) {
        Ok(l) => l,
        Err(first) => {
            // An address or name we cannot take must not lose the inquiry: keep what we can.
            tracing::warn!(mailbox = %cfg.name, errors = ?first, "mail sender partly unusable");
            let who = m.from_name.clone().or_else(|| m.from_address.clone()).unwrap_or_else(|| "Unknown sender".into());
            draft.contact = ContactDraft { name: Some(who.chars().take(pronto_domain::lead::NAME_MAX).collect()), ..Default::default() };
            draft.subject = draft.subject.map(|s| s.chars().filter(|c| !c.is_control()).collect());
            match draft.parse(deps.region, now) {
                Ok(l) => l,
                Err(e) => return MailVerdict::Ignored { reason: format!("unreadable: not a usable inquiry ({e:?})") },
            }
        }
    };
    let signature_phone =
        signature::phones_in_signature(new_text).iter().find_map(|p| Phone::parse(p, deps.region).ok());
    MailVerdict::Inquiry { lead: Box::new(lead), signature_phone }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_every_part_and_errors_hide_the_password() {
        let c = MailboxConfig::from_url("default", "imaps://poptavky%40firma.cz:p%40ss@imap.firma.cz/Dota%C5%BEy").unwrap();
        assert_eq!((c.host.as_str(), c.port, c.tls), ("imap.firma.cz", 993, Tls::Implicit));
        assert_eq!((c.user.as_str(), c.password.as_str(), c.folder.as_str()), ("poptavky@firma.cz", "p@ss", "Dotažy"));
        let c = MailboxConfig::from_url("x", "imap://u:p@127.0.0.1:1143?starttls").unwrap();
        assert_eq!((c.port, c.tls, c.folder.as_str()), (1143, Tls::StartTls, "INBOX"));
        let e = MailboxConfig::from_url("x", "pop3://u:secret@host").unwrap_err();
        assert!(e.contains("u:***@host") && !e.contains("secret"), "{e}");
        assert!(MailboxConfig::from_url("x", "imap://u:p@host:port").is_err());
        assert!(!format!("{c:?}").contains("\"p\""));
    }

    #[test]
    fn files_are_content_addressed() {
        let dir = std::path::Path::new("/srv/pronto");
        let a = content_address(b"hello");
        assert_eq!(a, content_address(b"hello"));
        assert_eq!(a, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assert_eq!(attachment_path(dir, &a).unwrap(), dir.join("attachments/2c").join(&a));
        assert!(attachment_path(dir, "../../etc/passwd").is_none());
    }
}
