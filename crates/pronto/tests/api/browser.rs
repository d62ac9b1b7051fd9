//! A real browser for the web UI tests: Debian's headless Chromium driven through its own
//! private `chromedriver` (WebDriver, via `fantoccini`).
//!
//! ```ignore
//! let app = testkit::spawn_app(Engine::Sqlite).await;
//! let b = Browser::start("en").await;          // desktop, 1280x900
//! b.goto(&app.url("/")).await;
//! b.fill("input[name=login]", "admin").await;
//! b.click("button[type=submit]").await;
//! b.wait_text("Leads", 10).await;
//! b.screenshot("leads").await;                 // docs/screenshots/leads.png
//! b.close().await;
//! ```
//!
//! Every `Browser` has its own chromedriver (on a port it picks itself: `--port=0`), its own
//! Chromium and a fresh profile in a temporary directory, so tests run in parallel. The flags
//! are the ones of docs/testing-notes.md ("Browser tests: Debian's Chromium"); without the
//! networking ones Chromium keeps trying to reach the internet.
//!
//! Helpers panic with a message (they are for tests); those that look for an element wait for
//! it first (up to [`WAIT`]). For anything else there is [`Browser::client`].
//!
//! Needs `apt-get install chromium chromium-driver` (`.ci/run` installs them).

#![allow(dead_code)]

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::{Child, Command};

/// How long the element helpers (`text`, `fill`, `click`) wait for their element.
pub const WAIT: Duration = Duration::from_secs(10);
/// How long chromedriver may take to listen, and Chromium to open a session.
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How many times a browser that fails to start is started again.
const START_TRIES: usize = 3;
/// The desktop window. Headless Chromium keeps room for its (invisible) toolbars in it: the
/// viewport, and so every desktop screenshot, is 1280x757.
pub const DESKTOP: (u32, u32) = (1280, 900);
/// The phone viewport of [`Browser::phone`] (CSS pixels).
pub const PHONE: (u32, u32) = (360, 740);
/// The phone's device pixel ratio (screenshots are `PHONE` times this: 720x1480).
pub const PHONE_PIXEL_RATIO: f64 = 2.0;
/// A current Chrome on Android.
const PHONE_USER_AGENT: &str =
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36";
const POLL: Duration = Duration::from_millis(100);
const INSTALL_HINT: &str = "apt-get install chromium chromium-driver; .ci/run installs them";

/// The last lines chromedriver wrote, shown when something fails.
#[derive(Default)]
struct Tail(VecDeque<String>);

impl Tail {
    fn push(&mut self, line: String) {
        if self.0.len() == 200 {
            self.0.pop_front();
        }
        self.0.push_back(line);
    }
}

/// A headless Chromium with its chromedriver. Closed by [`close`](Browser::close), or (best
/// effort) when dropped.
pub struct Browser {
    client: Option<Client>,
    session: Option<String>,
    driver: Option<Child>,
    /// `http://127.0.0.1:PORT` of chromedriver.
    driver_url: String,
    tail: Arc<Mutex<Tail>>,
    /// The Chromium profile (`--user-data-dir`); removed on drop.
    profile: tempfile::TempDir,
    /// How long `start`/`phone` took.
    pub startup: Duration,
}

/// `name` on `PATH`, if it is there.
fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file())
}

fn forward_lines<R: AsyncRead + Unpin + Send + 'static>(
    reader: R,
    tail: Arc<Mutex<Tail>>,
    ready: Option<tokio::sync::oneshot::Sender<u16>>,
) {
    tokio::spawn(async move {
        let mut ready = ready;
        let mut lines = BufReader::new(reader).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            // "ChromeDriver was started successfully on port 43441."
            if let Some(rest) = line.split("started successfully on port ").nth(1)
                && let Ok(port) = rest.trim().trim_end_matches('.').parse::<u16>()
                && let Some(tx) = ready.take()
            {
                let _ = tx.send(port);
            }
            tail.lock().unwrap().push(line);
        }
    });
}

impl Browser {
    /// A desktop browser (1280x900 window) asking for `lang` (e.g. `"en"`, `"he"`): `--lang` and
    /// the `intl.accept_languages` preference, so both `navigator.language` and the
    /// `Accept-Language` header say so.
    pub async fn start(lang: &str) -> Browser {
        Browser::launch(lang, false).await
    }

    /// A phone: Chrome's mobile emulation at 360x740 CSS pixels (touch, mobile user agent,
    /// device pixel ratio [`PHONE_PIXEL_RATIO`]). Pages without
    /// `<meta name="viewport" content="width=device-width, initial-scale=1">` lay out at 980 px.
    pub async fn phone(lang: &str) -> Browser {
        Browser::launch(lang, true).await
    }

    /// Starts chromedriver and Chromium, trying again (up to [`START_TRIES`] times) when one of
    /// them fails to start: on a loaded 2-core machine chromedriver now and then exits before it
    /// listens, which is not what any test is about.
    async fn launch(lang: &str, phone: bool) -> Browser {
        let started = Instant::now();
        let mut failures = Vec::new();
        for _ in 0..START_TRIES {
            match Browser::try_launch(lang, phone).await {
                Ok(mut browser) => {
                    if !failures.is_empty() {
                        eprintln!("browser started after {} failed tries:\n{}", failures.len(), failures.join("\n---\n"));
                    }
                    browser.startup = started.elapsed();
                    return browser;
                }
                Err(why) => failures.push(why),
            }
        }
        panic!("the browser did not start in {START_TRIES} tries:\n{}", failures.join("\n---\n"));
    }

    async fn try_launch(lang: &str, phone: bool) -> Result<Browser, String> {
        let driver_bin = which("chromedriver").unwrap_or_else(|| panic!("chromedriver is not on PATH: {INSTALL_HINT}"));
        let chromium = which("chromium").unwrap_or_else(|| panic!("chromium is not on PATH: {INSTALL_HINT}"));
        let profile = tempfile::Builder::new().prefix("pronto-chromium-").tempdir().expect("temp dir for the Chromium profile");

        // Its own process group: Chromium (a child of chromedriver) goes with it on drop; its
        // crash handlers start their own sessions and quit when Chromium is gone.
        let mut cmd = Command::new(&driver_bin);
        cmd.arg("--port=0").stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).kill_on_drop(true).process_group(0);
        let mut driver = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {}: {e} ({INSTALL_HINT})", driver_bin.display()));
        let tail: Arc<Mutex<Tail>> = Arc::default();
        let (tx, rx) = tokio::sync::oneshot::channel();
        forward_lines(driver.stdout.take().expect("stdout"), tail.clone(), Some(tx));
        forward_lines(driver.stderr.take().expect("stderr"), tail.clone(), None);
        let output = |tail: &Arc<Mutex<Tail>>| tail.lock().unwrap().0.iter().cloned().collect::<Vec<_>>().join("\n");
        let port = match tokio::time::timeout(START_TIMEOUT, rx).await {
            Ok(Ok(port)) => port,
            Ok(Err(_)) => {
                let status = tokio::time::timeout(Duration::from_secs(5), driver.wait()).await;
                tokio::time::sleep(Duration::from_millis(100)).await;
                return Err(format!("chromedriver exited without listening ({status:?}):\n{}", output(&tail)));
            }
            Err(_) => {
                kill_group(&driver);
                return Err(format!("chromedriver did not listen within {START_TIMEOUT:?}:\n{}", output(&tail)));
            }
        };
        let driver_url = format!("http://127.0.0.1:{port}");

        let (w, h) = DESKTOP;
        let args = vec![
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            // /dev/shm is 64 MB in a default container; Debian's wrapper means to add this
            // when /dev/shm is small but its check breaks when /dev/shm is mounted twice.
            "--disable-dev-shm-usage".to_owned(),
            format!("--user-data-dir={}", profile.path().display()),
            format!("--window-size={w},{h}"),
            format!("--lang={lang}"),
        ];
        let mut chrome = json!({
            "binary": chromium,
            "args": args,
            "prefs": { "intl.accept_languages": lang },
        });
        if phone {
            let (pw, ph) = PHONE;
            chrome["mobileEmulation"] = json!({
                "deviceMetrics": { "width": pw, "height": ph, "pixelRatio": PHONE_PIXEL_RATIO, "touch": true, "mobile": true },
                "userAgent": PHONE_USER_AGENT,
                "clientHints": { "platform": "Android", "mobile": true },
            });
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert("goog:chromeOptions".into(), chrome);

        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let mut builder = ClientBuilder::new(connector);
        builder.capabilities(caps);
        let client = match tokio::time::timeout(START_TIMEOUT, builder.connect(&driver_url)).await {
            Ok(Ok(client)) => client,
            Ok(Err(e)) => {
                kill_group(&driver);
                return Err(format!("chromedriver could not start Chromium: {e}\n{}", output(&tail)));
            }
            Err(_) => {
                kill_group(&driver);
                return Err(format!("Chromium did not start within {START_TIMEOUT:?}\n{}", output(&tail)));
            }
        };
        let session = client.session_id().await.ok().flatten();
        let browser =
            Browser { client: Some(client), session, driver: Some(driver), driver_url, tail, profile, startup: Duration::ZERO };
        if !phone {
            browser.client().set_window_size(w, h).await.unwrap_or_else(|e| panic!("set_window_size: {e}"));
        }
        Ok(browser)
    }

    /// The WebDriver session, for anything the helpers do not cover.
    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("browser is open")
    }

    /// What chromedriver wrote lately.
    pub fn driver_output(&self) -> String {
        self.tail.lock().unwrap().0.iter().cloned().collect::<Vec<_>>().join("\n")
    }

    /// Opens `url` and waits for the page to load.
    pub async fn goto(&self, url: &str) {
        self.client().goto(url).await.unwrap_or_else(|e| panic!("goto {url}: {e}"));
    }

    /// The current URL.
    pub async fn url(&self) -> String {
        self.client().current_url().await.map(|u| u.to_string()).unwrap_or_else(|e| format!("(no URL: {e})"))
    }

    /// The page's visible text (`document.body.innerText`).
    pub async fn page_text(&self) -> String {
        match self.client().execute("return document.body ? document.body.innerText : ''", vec![]).await {
            Ok(Value::String(s)) => s,
            Ok(other) => other.to_string(),
            Err(e) => format!("(no page text: {e})"),
        }
    }

    /// Where the failing helper was, for its panic message.
    async fn context(&self) -> String {
        let mut text = self.page_text().await;
        if text.chars().count() > 2000 {
            text = text.chars().take(2000).collect::<String>() + "…";
        }
        format!("at {}; page text:\n{text}", self.url().await)
    }

    /// Waits (polling, up to `secs`) until the CSS selector matches; returns the (first) element.
    pub async fn wait_for(&self, css: &str, secs: u64) -> Element {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let error = match self.client().find(Locator::Css(css)).await {
                Ok(el) => return el,
                Err(e) if e.is_no_such_element() => None,
                Err(e) => Some(e),
            };
            if Instant::now() >= deadline {
                let why = error.map(|e| format!(" (last error: {e})")).unwrap_or_default();
                panic!("no element matches `{css}` after {secs} s{why}, {}", self.context().await);
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits (polling, up to `secs`) until the page's visible text contains `text`.
    pub async fn wait_text(&self, text: &str, secs: u64) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if self.page_text().await.contains(text) {
                return;
            }
            if Instant::now() >= deadline {
                panic!("the page does not say {text:?} after {secs} s, {}", self.context().await);
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// The visible text of the element matching `css` (waited for).
    pub async fn text(&self, css: &str) -> String {
        let el = self.wait_for(css, WAIT.as_secs()).await;
        el.text().await.unwrap_or_else(|e| panic!("text of `{css}`: {e}"))
    }

    /// Replaces the value of the field matching `css` (waited for) by typing `value`.
    pub async fn fill(&self, css: &str, value: &str) {
        let el = self.wait_for(css, WAIT.as_secs()).await;
        el.clear().await.unwrap_or_else(|e| panic!("clear `{css}`: {e}"));
        el.send_keys(value).await.unwrap_or_else(|e| panic!("type into `{css}`: {e}"));
    }

    /// Clicks the element matching `css` (waited for).
    pub async fn click(&self, css: &str) {
        let el = self.wait_for(css, WAIT.as_secs()).await;
        // As a person scrolls a control out from under a fixed bar (the phone's tab bar) first.
        let arg = serde_json::to_value(&el).expect("an element as a script argument");
        self.client()
            .execute("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", vec![arg])
            .await
            .unwrap_or_else(|e| panic!("scroll to `{css}`: {e}"));
        el.click().await.unwrap_or_else(|e| panic!("click `{css}`: {e}"));
    }

    /// Runs `script` as the body of a function and returns its JSON value: write
    /// `return navigator.language`, not just `navigator.language` (that gives `null`).
    pub async fn js(&self, script: &str) -> Value {
        self.client().execute(script, vec![]).await.unwrap_or_else(|e| panic!("js {script:?}: {e}"))
    }

    /// Where [`screenshot`](Browser::screenshot) saves `name`: `docs/screenshots/{name}.png` of the workspace.
    pub fn screenshot_path(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots").join(format!("{name}.png"))
    }

    /// Saves a PNG of the viewport to `docs/screenshots/{name}.png` (creating the folder).
    pub async fn screenshot(&self, name: &str) {
        let png = self.client().screenshot().await.unwrap_or_else(|e| panic!("screenshot {name}: {e}"));
        let path = Browser::screenshot_path(name);
        std::fs::create_dir_all(path.parent().expect("parent")).unwrap_or_else(|e| panic!("mkdir for {}: {e}", path.display()));
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }

    /// Ends the session (Chromium quits) and stops chromedriver.
    pub async fn close(mut self) {
        if let Some(client) = self.client.take() {
            match tokio::time::timeout(Duration::from_secs(20), client.close()).await {
                Ok(Ok(())) => self.session = None,
                Ok(Err(e)) => eprintln!("warning: closing the WebDriver session: {e}"),
                Err(_) => eprintln!("warning: closing the WebDriver session took over 20 s"),
            }
        }
        if let Some(mut driver) = self.driver.take() {
            kill_group(&driver);
            let _ = driver.start_kill();
            let _ = tokio::time::timeout(Duration::from_secs(10), driver.wait()).await;
        }
        // Drop: the profile directory goes.
    }
}

/// SIGKILL to chromedriver's process group (chromedriver and the Chromium it started).
fn kill_group(driver: &Child) {
    if let Some(pid) = driver.id() {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", "--", &format!("-{pid}")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// `DELETE /session/{id}` to chromedriver, blocking, without the async runtime (it may be gone).
fn delete_session_blocking(driver_url: &str, session: &str) {
    let Some(addr) = driver_url.strip_prefix("http://") else { return };
    let Ok(addr) = addr.parse::<std::net::SocketAddr>() else { return };
    let Ok(mut stream) = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(2)) else { return };
    let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let req = format!("DELETE /session/{session} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    if stream.write_all(req.as_bytes()).is_ok() {
        let mut answer = [0u8; 512];
        let _ = stream.read(&mut answer);
    }
}

impl Drop for Browser {
    /// Best effort, never panics: ends the session politely, then kills what is left.
    fn drop(&mut self) {
        if let (Some(session), Some(_)) = (&self.session, &self.driver) {
            delete_session_blocking(&self.driver_url, session);
        }
        if let Some(driver) = &mut self.driver {
            kill_group(driver);
            let _ = driver.start_kill();
        }
        if std::thread::panicking() {
            let out = self.tail.lock().map(|t| t.0.iter().cloned().collect::<Vec<_>>().join("\n")).unwrap_or_default();
            if !out.is_empty() {
                eprintln!("===== chromedriver output =====\n{out}");
            }
        }
    }
}
