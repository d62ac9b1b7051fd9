//! A throwaway dovecot IMAP server for tests and benchmarks, and the IMAP client helpers that
//! deliver mail into it the way a delivery agent would (APPEND).
//!
//! Used by the integration tests (`crates/pronto/tests`) and `pronto-bench mail`.
//!
//! How the server is run (Debian's `dovecot-imapd`, see docs/testing-notes.md):
//! - a private config, base_dir, state_dir and log in a temp folder under /tmp, so any number of
//!   instances run side by side without touching /etc, /run or /var;
//! - `dovecot -F` under a small `sh` watchdog that stops dovecot when our end of its stdin closes,
//!   so a test process that dies without running `Drop` does not leave a dovecot behind;
//! - the mail processes run as the package's users (`dovecot`, `dovenull`: imap-login refuses to
//!   run as root), which is why the temp folder is world-traversable and the home is owned by
//!   `dovecot`;
//! - mailboxes in `sdbox` format, not maildir: with maildir dovecot refuses both
//!   `DELETE INBOX` and `RENAME INBOX`, so INBOX could not be reset over IMAP; with sdbox
//!   `RENAME INBOX` works and leaves a fresh INBOX with a new UIDVALIDITY.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use async_imap::imap_proto::rfc4315::UidSetMember;
use async_imap::imap_proto::{Response, ResponseCode, Status};
use async_imap::types::Flag;
use futures_util::TryStreamExt;
use tokio::io::AsyncWriteExt;

/// How long `start()`/`restart()` wait for the greeting, and `stop()` for dovecot to exit.
const START_TIMEOUT: Duration = Duration::from_secs(20);
const STOP_TIMEOUT: Duration = Duration::from_secs(10);
/// Upper bound for one client helper call (connect, login, command, logout).
const CALL_TIMEOUT: Duration = Duration::from_secs(20);

/// Runs dovecot in the foreground (`$0` the binary, `$1` the config, `$2` the temp folder) and
/// SIGTERMs it as soon as our end of stdin closes. `stop()` writes a line first; a bare end of
/// file means the process that started it died without `Drop` (killed, or the `Dovecot` lived
/// in a static), and then the watchdog also removes the temp folder once dovecot is gone.
const WATCHDOG: &str = r#"
exec 3<&0 </dev/null
"$0" -F -c "$1" 3<&- &
pid=$!
( read -r _ <&3 || : > "$2/orphaned"; kill -TERM "$pid" 2>/dev/null ) &
watcher=$!
exec 3<&-
wait "$pid"
status=$?
kill "$watcher" 2>/dev/null
if [ -e "$2/orphaned" ]; then
    case "$2" in /tmp/pronto-dovecot-*) rm -rf "$2" ;; esac
fi
exit "$status"
"#;

pub type Session = async_imap::Session<tokio::net::TcpStream>;

/// A running (or stopped) private dovecot on `127.0.0.1:port` with one user.
pub struct Dovecot {
    pub port: u16,
    pub user: String,
    pub password: String,
    /// Unique per instance; part of the IMAP greeting so we never mistake another server on
    /// the same port for ours.
    token: String,
    binary: PathBuf,
    config: PathBuf,
    log: PathBuf,
    stderr: PathBuf,
    pid_file: PathBuf,
    child: Option<Child>,
    dir: tempfile::TempDir,
}

impl Dovecot {
    /// Starts dovecot from a private config in a temp folder on a free 127.0.0.1 port with one
    /// user; waits until it accepts IMAP. A clear `Err` when dovecot is not installed or does
    /// not come up (with the tail of its log).
    pub fn start() -> Result<Dovecot, String> {
        let binary = find_program("dovecot").ok_or_else(|| {
            "dovecot is not installed (no `dovecot` in PATH or /usr/sbin): \
             install dovecot-imapd (apt-get install -y dovecot-imapd)"
                .to_string()
        })?;
        let dovecot_user = passwd_entry("dovecot")?;
        passwd_entry("dovenull")?;

        // Under /tmp, not $TMPDIR: every directory on the way must be traversable by the
        // `dovecot` and `dovenull` users, and unix socket paths must stay short.
        let dir = tempfile::Builder::new()
            .prefix("pronto-dovecot-")
            .tempdir_in("/tmp")
            .map_err(|e| format!("dovecot: cannot create a temp folder in /tmp: {e}"))?;
        let root = dir.path().to_path_buf();
        set_mode(&root, 0o755)?;
        let home = root.join("home");
        std::fs::create_dir(&home).map_err(|e| format!("dovecot: mkdir {}: {e}", home.display()))?;
        std::os::unix::fs::chown(&home, Some(dovecot_user.0), Some(dovecot_user.1))
            .map_err(|e| format!("dovecot: chown dovecot {}: {e} (must run as root)", home.display()))?;

        let token = root.file_name().map(|n| n.to_string_lossy().replace(|c: char| !c.is_ascii_alphanumeric(), "")).unwrap_or_default();
        let user = "pronto".to_string();
        let password = format!("pw{token}");
        let users = root.join("users");
        write_file(&users, &format!("{user}:{{PLAIN}}{password}::::{}\n", home.display()), 0o644)?;

        let mut dovecot = Dovecot {
            port: 0,
            user,
            password,
            token,
            binary,
            config: root.join("dovecot.conf"),
            log: root.join("dovecot.log"),
            stderr: root.join("stderr.log"),
            pid_file: root.join("run").join("master.pid"),
            child: None,
            dir,
        };
        // A free port is only free until someone takes it: retry with a new one when dovecot
        // cannot listen.
        let mut last_error = String::new();
        for _ in 0..5 {
            dovecot.port = free_port()?;
            match dovecot.launch() {
                Ok(()) => return Ok(dovecot),
                Err(Launch::PortTaken(e)) => last_error = e,
                Err(Launch::Failed(e)) => return Err(e),
            }
        }
        Err(last_error)
    }

    /// `imap://USER:PASSWORD@127.0.0.1:PORT/INBOX`
    pub fn url(&self) -> String {
        format!("imap://{}:{}@127.0.0.1:{}/INBOX", self.user, self.password, self.port)
    }

    /// The private folder (config, log, mail home). Stays until the `Dovecot` is dropped.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The last lines of dovecot's log (for failure messages).
    pub fn log_tail(&self) -> String {
        let mut text = String::new();
        for file in [&self.stderr, &self.log] {
            if let Ok(content) = std::fs::read_to_string(file) {
                text.push_str(&content);
            }
        }
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(25)..].join("\n")
    }

    /// Stops dovecot (connected clients get `* BYE`) and waits until the port is free.
    /// A no-op when it is not running. Also done on `Drop`; never panics.
    pub fn stop(&mut self) {
        if !self.stop_process() {
            return;
        }
        // Login processes may hold the listening socket a moment longer than the master.
        let deadline = Instant::now() + STOP_TIMEOUT;
        while TcpListener::bind((Ipv4Addr::LOCALHOST, self.port)).is_err() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Ends the dovecot process tree; false when there was none.
    fn stop_process(&mut self) -> bool {
        let Some(mut child) = self.child.take() else { return false };
        // A line, then end of file, makes the watchdog SIGTERM dovecot and wait for it.
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(b"stop\n");
        }
        let deadline = Instant::now() + STOP_TIMEOUT;
        let exited = loop {
            match child.try_wait() {
                Ok(Some(_)) => break true,
                Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
                _ => break false,
            }
        };
        if !exited {
            // Hung: kill the master by its pid file, then the watchdog.
            if let Ok(pid) = std::fs::read_to_string(&self.pid_file) {
                let _ = Command::new("kill").args(["-KILL", pid.trim()]).stdout(Stdio::null()).stderr(Stdio::null()).status();
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        true
    }

    /// Starts it again on the same port with the same mail (stops it first when running).
    pub fn restart(&mut self) -> Result<(), String> {
        self.stop();
        // The port was free when stop() returned, but someone else may grab it meanwhile:
        // a few tries, then give up (the port must stay the same).
        let mut last_error = String::new();
        for _ in 0..5 {
            match self.launch() {
                Ok(()) => return Ok(()),
                Err(Launch::PortTaken(e)) => {
                    last_error = e;
                    std::thread::sleep(Duration::from_millis(200));
                }
                Err(Launch::Failed(e)) => return Err(e),
            }
        }
        Err(last_error)
    }

    /// Whether the dovecot process is running (started and not stopped or crashed).
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.as_mut().map(|c| c.try_wait()), Some(Ok(None)))
    }

    /// Delivers one raw message into `folder` by IMAP APPEND (as a delivery agent would);
    /// returns the UID it got when the server says (UIDPLUS `APPENDUID`).
    pub async fn append(&self, folder: &str, raw: &[u8]) -> Result<Option<u32>, String> {
        let folder_q = quote(folder)?;
        self.with_session("APPEND", async move |session: &mut Session| {
            let id = session.run_command(format!("APPEND {folder_q} {{{}}}", raw.len())).await.map_err(|e| e.to_string())?;
            // Wait for the continuation request ("+ Ready for literal data").
            loop {
                let response = session.read_response().await.map_err(|e| e.to_string())?.ok_or("connection closed")?;
                match response.parsed() {
                    Response::Continue { .. } => break,
                    Response::Done { tag, status, outcome } if *tag == id => {
                        return Err(format!("{status:?} {}", outcome.information.as_deref().unwrap_or("")));
                    }
                    _ => {}
                }
            }
            let stream = session.get_mut();
            stream.write_all(raw).await.map_err(|e| e.to_string())?;
            stream.write_all(b"\r\n").await.map_err(|e| e.to_string())?;
            stream.flush().await.map_err(|e| e.to_string())?;
            loop {
                let response = session.read_response().await.map_err(|e| e.to_string())?.ok_or("connection closed")?;
                if let Response::Done { tag, status, outcome } = response.parsed() {
                    if *tag != id {
                        continue;
                    }
                    if *status != Status::Ok {
                        return Err(format!("{status:?} {}", outcome.information.as_deref().unwrap_or("")));
                    }
                    return Ok(match &outcome.code {
                        Some(ResponseCode::AppendUid(_, uids)) => uids.first().map(|m| match m {
                            UidSetMember::Uid(uid) => *uid,
                            UidSetMember::UidRange(range) => *range.start(),
                        }),
                        _ => None,
                    });
                }
            }
        })
        .await
    }

    /// Creates a folder.
    pub async fn create(&self, folder: &str) -> Result<(), String> {
        quote(folder)?;
        self.with_session("CREATE", async move |session: &mut Session| session.create(folder).await.map_err(|e| e.to_string())).await
    }

    /// Deletes and recreates `folder` empty, so it gets a NEW UIDVALIDITY and UIDs start at 1
    /// again (a mailbox reset). INBOX, which cannot be deleted, is renamed away instead (the
    /// server then makes a fresh INBOX) and the renamed box deleted.
    ///
    /// Then it disconnects all of the user's IMAP sessions (`kick`), like an administrator
    /// restoring a mailbox would: dovecot cannot reliably tell a session that has the folder
    /// selected about the reset. Depending on timing it says `* BYE IMAP session state is
    /// inconsistent` or `* NO Internal error occurred` and then stays silent for good, even
    /// about new mail. After the kick every client sees `* BYE`, reconnects and finds the new
    /// UIDVALIDITY.
    pub async fn reset(&self, folder: &str) -> Result<(), String> {
        quote(folder)?;
        self.with_session("reset", async move |session: &mut Session| {
            if folder.eq_ignore_ascii_case("INBOX") {
                static RESETS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
                let n = RESETS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let aside = format!("pronto-reset-{}-{n}", std::process::id());
                session.rename("INBOX", &aside).await.map_err(|e| format!("RENAME INBOX: {e}"))?;
                session.delete(&aside).await.map_err(|e| format!("DELETE {aside}: {e}"))?;
                // The server recreates INBOX on its own; make sure it exists.
                if session.examine("INBOX").await.is_err() {
                    session.create("INBOX").await.map_err(|e| format!("CREATE INBOX: {e}"))?;
                }
                return Ok(());
            }
            if let Err(e) = session.delete(folder).await {
                // A folder that does not exist yet is simply created.
                let names: Vec<_> =
                    session.list(None, Some(folder)).await.map_err(|e| e.to_string())?.try_collect().await.map_err(|e| e.to_string())?;
                if !names.is_empty() {
                    return Err(format!("DELETE: {e}"));
                }
            }
            session.create(folder).await.map_err(|e| format!("CREATE: {e}"))
        })
        .await?;
        self.kick().await
    }

    /// Disconnects all of the user's IMAP sessions (`doveadm kick`); they get
    /// `* BYE Server shutting down.`. Fine when nobody is connected.
    pub async fn kick(&self) -> Result<(), String> {
        let doveadm = find_program("doveadm").unwrap_or_else(|| PathBuf::from("doveadm"));
        let run = tokio::process::Command::new(&doveadm)
            .arg("-c")
            .arg(&self.config)
            .args(["kick", &self.user])
            .stdin(Stdio::null())
            .kill_on_drop(true)
            .output();
        let output = tokio::time::timeout(CALL_TIMEOUT, run)
            .await
            .map_err(|_| format!("dovecot: doveadm kick: no answer within {CALL_TIMEOUT:?}"))?
            .map_err(|e| format!("dovecot: cannot run {}: {e}", doveadm.display()))?;
        // Exit code 68 (EX_NOUSER): "no users kicked", nobody was connected.
        if output.status.success() || output.status.code() == Some(68) {
            Ok(())
        } else {
            Err(format!(
                "dovecot: doveadm kick failed ({}): {}{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    }

    /// `(uid, flags)` of every message in `folder`, by UID, read with EXAMINE so no flag
    /// changes. Flags as IMAP spells them (`"\\Seen"`, `"\\Flagged"`, keywords as is);
    /// `\Recent` is left out: it is a per-session flag that depends on who looked first.
    pub async fn list(&self, folder: &str) -> Result<Vec<(u32, Vec<String>)>, String> {
        quote(folder)?;
        self.with_session("list", async move |session: &mut Session| {
            let mailbox = session.examine(folder).await.map_err(|e| format!("EXAMINE: {e}"))?;
            if mailbox.exists == 0 {
                return Ok(Vec::new());
            }
            let fetches: Vec<_> = session
                .uid_fetch("1:*", "(UID FLAGS)")
                .await
                .map_err(|e| format!("UID FETCH: {e}"))?
                .try_collect()
                .await
                .map_err(|e| format!("UID FETCH: {e}"))?;
            let mut messages: Vec<(u32, Vec<String>)> = fetches
                .iter()
                .filter_map(|fetch| {
                    let uid = fetch.uid?;
                    let flags = fetch.flags().filter_map(|flag| flag_name(&flag)).collect();
                    Some((uid, flags))
                })
                .collect();
            messages.sort_by_key(|(uid, _)| *uid);
            Ok(messages)
        })
        .await
    }

    /// A fresh, logged-in IMAP session (plain TCP). The caller should `logout()` it.
    pub async fn session(&self) -> Result<Session, String> {
        let tcp = tokio::net::TcpStream::connect((Ipv4Addr::LOCALHOST, self.port))
            .await
            .map_err(|e| format!("dovecot: connect to 127.0.0.1:{}: {e}", self.port))?;
        let mut client = async_imap::Client::new(tcp);
        client
            .read_response()
            .await
            .map_err(|e| format!("dovecot: reading the greeting: {e}"))?
            .ok_or("dovecot: connection closed before the greeting")?;
        client.login(&self.user, &self.password).await.map_err(|(e, _)| format!("dovecot: LOGIN: {e}"))
    }

    /// Runs `f` on a fresh session, logs out, all within `CALL_TIMEOUT`.
    async fn with_session<T>(&self, what: &str, f: impl AsyncFnOnce(&mut Session) -> Result<T, String>) -> Result<T, String> {
        let call = async {
            let mut session = self.session().await?;
            let result = f(&mut session).await;
            let _ = session.logout().await;
            result
        };
        match tokio::time::timeout(CALL_TIMEOUT, call).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) if e.starts_with("dovecot:") => Err(e),
            Ok(Err(e)) => Err(format!("dovecot: {what}: {e}")),
            Err(_) => Err(format!("dovecot: {what}: no answer within {CALL_TIMEOUT:?}")),
        }
    }

    /// Writes the config for `self.port` and starts dovecot; waits for our greeting.
    fn launch(&mut self) -> Result<(), Launch> {
        let failed = Launch::Failed;
        let root = self.dir.path();
        write_file(&self.config, &self.config_text(), 0o644).map_err(failed)?;
        let _ = std::fs::remove_file(&self.stderr);
        let log_start = std::fs::metadata(&self.log).map(|m| m.len()).unwrap_or(0);
        let stderr =
            std::fs::File::create(&self.stderr).map_err(|e| Launch::Failed(format!("dovecot: create {}: {e}", self.stderr.display())))?;
        let child = Command::new("sh")
            .arg("-c")
            .arg(WATCHDOG)
            .arg(&self.binary)
            .arg(&self.config)
            .arg(root)
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(stderr.try_clone().map(Stdio::from).unwrap_or_else(|_| Stdio::null()))
            .stderr(stderr)
            .spawn()
            .map_err(|e| Launch::Failed(format!("dovecot: cannot run sh: {e}")))?;
        self.child = Some(child);

        let greeting = format!("pronto-dovecot {}", self.token);
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if greets(self.port, &greeting) {
                return Ok(());
            }
            let exited = !self.is_running();
            if exited || Instant::now() >= deadline {
                let log = std::fs::read(&self.log).unwrap_or_default();
                let new_log = String::from_utf8_lossy(&log[(log_start as usize).min(log.len())..]).into_owned();
                let stderr = std::fs::read_to_string(&self.stderr).unwrap_or_default();
                let port_taken = format!("{stderr}{new_log}").contains("Address already in use");
                let why = if exited { "exited" } else { "did not greet within the timeout" };
                self.stop_process();
                let message =
                    format!("dovecot on 127.0.0.1:{} {why} ({}); its log:\n{}", self.port, self.binary.display(), self.log_tail());
                return Err(if port_taken { Launch::PortTaken(message) } else { Launch::Failed(message) });
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn config_text(&self) -> String {
        let root = self.dir.path().display();
        let users = self.dir.path().join("users");
        let users = users.display();
        format!(
            r#"# Private throwaway dovecot for pronto's tests (crates/testkit/src/dovecot.rs).
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = {token}
log_path = {root}/dovecot.log
login_greeting = pronto-dovecot {token} ready.
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = sdbox:~/mail
mail_fsync = never
default_login_user = dovenull
default_internal_user = dovecot
default_internal_group = dovecot
mail_uid = dovecot
mail_gid = dovecot
first_valid_uid = 1

namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  args = {users}
}}
userdb {{
  driver = passwd-file
  args = {users}
}}
protocol imap {{
  mail_max_userip_connections = 1000
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
# No growing delays after failed logins (tests try wrong passwords on purpose).
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"#,
            token = self.token,
            port = self.port,
        )
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        self.stop();
    }
}

enum Launch {
    /// Dovecot could not listen on the port: worth another try.
    PortTaken(String),
    Failed(String),
}

/// Whether `127.0.0.1:port` answers with an IMAP greeting containing `marker`.
fn greets(port: u16, marker: &str) -> bool {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&address, Duration::from_millis(200)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let mut line = Vec::new();
    let mut byte = [0u8; 256];
    while !line.ends_with(b"\n") && line.len() < 4096 {
        match stream.read(&mut byte) {
            Ok(0) | Err(_) => break,
            Ok(n) => line.extend_from_slice(&byte[..n]),
        }
    }
    let _ = stream.write_all(b"x LOGOUT\r\n");
    let line = String::from_utf8_lossy(&line);
    line.starts_with("* OK") && line.contains(marker)
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|e| format!("dovecot: no free port on 127.0.0.1: {e}"))?;
    listener.local_addr().map(|a| a.port()).map_err(|e| format!("dovecot: no free port on 127.0.0.1: {e}"))
}

/// A program in PATH or the usual bin/sbin folders (dovecot is in /usr/sbin, which a
/// non-root PATH may lack; doveadm in /usr/bin).
fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin"].map(PathBuf::from))
        .map(|dir| dir.join(name))
        .find(|file| file.is_file())
}

/// (uid, gid) of a system user, from /etc/passwd.
fn passwd_entry(name: &str) -> Result<(u32, u32), String> {
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    passwd
        .lines()
        .map(|line| line.split(':').collect::<Vec<_>>())
        .find(|fields| fields.len() > 3 && fields[0] == name)
        .and_then(|fields| Some((fields[2].parse().ok()?, fields[3].parse().ok()?)))
        .ok_or_else(|| format!("dovecot: no system user `{name}` (created by the package): install dovecot-imapd"))
}

fn set_mode(path: &Path, mode: u32) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(|e| format!("dovecot: chmod {}: {e}", path.display()))
}

fn write_file(path: &Path, content: &str, mode: u32) -> Result<(), String> {
    std::fs::write(path, content).map_err(|e| format!("dovecot: write {}: {e}", path.display()))?;
    set_mode(path, mode)
}

/// A mailbox name as an IMAP quoted string (ASCII only: no modified UTF-7 here).
fn quote(name: &str) -> Result<String, String> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii() && !c.is_ascii_control()) {
        return Err(format!("dovecot: unsupported folder name {name:?} (printable ASCII only)"));
    }
    Ok(format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\"")))
}

fn flag_name(flag: &Flag<'_>) -> Option<String> {
    Some(match flag {
        Flag::Seen => "\\Seen".into(),
        Flag::Answered => "\\Answered".into(),
        Flag::Flagged => "\\Flagged".into(),
        Flag::Deleted => "\\Deleted".into(),
        Flag::Draft => "\\Draft".into(),
        Flag::Recent => return None,
        Flag::MayCreate => "\\*".into(),
        Flag::Custom(name) => name.to_string(),
    })
}
