//! The journey recorder: a thin wrapper around [`Browser`] that walks a user's journey and
//! counts what the user does — taps (clicks), fields typed, choices in a list, addresses typed —
//! and the pages the browser loaded on the way, with the journey's time on the monotonic clock.
//!
//! ```ignore
//! let mut j = Journey::start(&b, "consultant", "phone 360×740").await;
//! j.tap("tr[data-lead] a").await;              // 1 tap, and the card loads
//! j.dial("a.tel").await;                        // 1 tap: the phone's dialler (outside the browser)
//! j.tap_text("button", "No answer").await;      // 1 tap
//! j.see("Call again", 10).await;                // no action: the end state is on the screen
//! j.finish(6).await;                            // asserts ≤ 6 actions; writes the figures
//! ```
//!
//! What counts as an action: a tap or click ([`tap`](Journey::tap), [`tap_text`](Journey::tap_text),
//! [`dial`](Journey::dial)), a field typed into ([`type_in`](Journey::type_in)), a choice from a
//! list ([`choose`](Journey::choose)), an address typed or a bookmark opened
//! ([`visit`](Journey::visit)). Waiting for something to appear ([`see`](Journey::see)) is not
//! an action. Page loads are counted apart (a marker on `window` that a new document does not
//! have), whatever caused them: a link, a form's post-and-redirect, an address.
//!
//! [`finish`](Journey::finish) asserts the action count against the journey's budget (a
//! regression guard on clicks, never on time) and merges the figures into
//! `docs/usability-measured.json` (under a file lock: journeys run in parallel). The seconds are
//! written, never asserted.

#![allow(dead_code)]

use crate::browser::Browser;
use fantoccini::Locator;
use serde_json::{Value, json};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long an action's element is waited for.
const WAIT_SECS: u64 = 10;

/// One user's journey being walked.
pub struct Journey<'a> {
    b: &'a Browser,
    name: &'static str,
    device: &'static str,
    started: Instant,
    taps: u32,
    fields: u32,
    choices: u32,
    addresses: u32,
    loads: u32,
    /// What was done, in order (for the file and for a failing budget's message).
    steps: Vec<String>,
    /// The marker of the document the journey last saw.
    mark: u64,
}

/// The figures of a finished journey.
#[derive(Debug, Clone)]
pub struct Measured {
    pub name: &'static str,
    pub actions: u32,
    pub page_loads: u32,
    pub seconds: f64,
}

impl<'a> Journey<'a> {
    /// Starts the clock on the page `b` shows now (that page is where the user is; its load is
    /// not counted).
    pub async fn start(b: &'a Browser, name: &'static str, device: &'static str) -> Journey<'a> {
        let mut j = Journey {
            b,
            name,
            device,
            started: Instant::now(),
            taps: 0,
            fields: 0,
            choices: 0,
            addresses: 0,
            loads: 0,
            steps: Vec::new(),
            mark: 0,
        };
        j.remark().await;
        j.started = Instant::now();
        j
    }

    /// Goes on in another browser (a second person of the same journey, e.g. the customer and
    /// then the team); the page it shows is where that person is (not counted as a load).
    pub async fn switch_to(&mut self, b: &'a Browser) {
        self.notice_loads().await;
        self.b = b;
        self.remark().await;
        self.step("(the other person)".into());
    }

    pub fn actions(&self) -> u32 {
        self.taps + self.fields + self.choices + self.addresses
    }

    /// Puts a new marker on the current document.
    async fn remark(&mut self) {
        self.mark += 1;
        let script = format!("window.__prontoJourney = {}; return window.__prontoJourney", self.mark);
        self.b.js(&script).await;
    }

    /// The marker of the current document (`null` on a new one).
    async fn current_mark(&self) -> Option<u64> {
        match self.b.client().execute("return window.__prontoJourney === undefined ? null : window.__prontoJourney", vec![]).await {
            Ok(Value::Number(n)) => n.as_u64(),
            _ => None,
        }
    }

    /// Counts a load when the document is not the one last marked (and marks the new one once
    /// it has finished loading).
    async fn notice_loads(&mut self) {
        if self.current_mark().await != Some(self.mark) {
            self.wait_loaded().await;
            self.loads += 1;
            self.remark().await;
        }
    }

    async fn wait_loaded(&self) {
        let deadline = Instant::now() + Duration::from_secs(WAIT_SECS);
        while Instant::now() < deadline {
            if let Ok(Value::String(s)) = self.b.client().execute("return document.readyState", vec![]).await
                && s == "complete"
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn step(&mut self, what: String) {
        self.steps.push(what);
    }

    /// A tap (a click) on the element matching `css`.
    pub async fn tap(&mut self, css: &str) {
        self.notice_loads().await;
        self.b.click(css).await;
        self.taps += 1;
        self.step(format!("tap {css}"));
    }

    /// A tap on the first element matching `css` whose visible text contains `text` (waited for).
    pub async fn tap_text(&mut self, css: &str, text: &str) {
        self.notice_loads().await;
        let deadline = Instant::now() + Duration::from_secs(WAIT_SECS);
        loop {
            if let Ok(all) = self.b.client().find_all(Locator::Css(css)).await {
                for el in all {
                    if el.text().await.is_ok_and(|t| t.contains(text)) && el.is_displayed().await.unwrap_or(false) {
                        el.click().await.unwrap_or_else(|e| panic!("{}: tap `{css}` «{text}»: {e}", self.name));
                        self.taps += 1;
                        self.step(format!("tap {css} «{text}»"));
                        return;
                    }
                }
            }
            if Instant::now() >= deadline {
                panic!("{}: nothing matching `{css}` says {text:?}; page:\n{}", self.name, self.b.page_text().await);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// A tap on a `tel:` link: the phone's dialler opens, outside the browser, so the link is
    /// checked (it is there and dials a number) and counted, not followed.
    pub async fn dial(&mut self, css: &str) -> String {
        self.notice_loads().await;
        let el = self.b.wait_for(css, WAIT_SECS).await;
        let href = el.attr("href").await.ok().flatten().unwrap_or_default();
        assert!(href.starts_with("tel:+"), "{}: `{css}` does not dial: {href:?}", self.name);
        self.taps += 1;
        self.step(format!("tap {css} (dials {href})"));
        href
    }

    /// Types `value` into the field matching `css` (one action however long the text).
    pub async fn type_in(&mut self, css: &str, value: &str) {
        self.notice_loads().await;
        self.b.fill(css, value).await;
        self.fields += 1;
        self.step(format!("type {css}"));
    }

    /// Chooses the option of the list (`<select>`) matching `css` whose value is `wanted` (or,
    /// for options without a value, whose text is, ignoring case).
    pub async fn choose(&mut self, css: &str, wanted: &str) {
        self.notice_loads().await;
        let el = self.b.wait_for(css, WAIT_SECS).await;
        let options = el.find_all(Locator::Css("option")).await.unwrap_or_else(|e| panic!("{}: options of `{css}`: {e}", self.name));
        let mut found = None;
        for o in options {
            let value = o.prop("value").await.ok().flatten().unwrap_or_default();
            let text = o.text().await.unwrap_or_default();
            if value == wanted || text.trim().eq_ignore_ascii_case(wanted) {
                found = Some(o);
                break;
            }
        }
        let o = found.unwrap_or_else(|| panic!("{}: `{css}` has no option {wanted:?}", self.name));
        o.click().await.unwrap_or_else(|e| panic!("{}: choose {wanted:?} in `{css}`: {e}", self.name));
        self.choices += 1;
        self.step(format!("choose {css} = {wanted}"));
    }

    /// Opens `url` as a user does by typing an address or opening a bookmark.
    pub async fn visit(&mut self, url: &str) {
        self.notice_loads().await;
        self.b.goto(url).await;
        self.addresses += 1;
        self.step(format!("visit {url}"));
    }

    /// Waits until the page says `text` (not an action).
    pub async fn see(&mut self, text: &str, secs: u64) {
        self.b.wait_text(text, secs).await;
        self.notice_loads().await;
    }

    /// Waits until an element matches `css` (not an action).
    pub async fn see_el(&mut self, css: &str, secs: u64) -> fantoccini::elements::Element {
        let el = self.b.wait_for(css, secs).await;
        self.notice_loads().await;
        el
    }

    /// Waits until the current address ends with `suffix` (not an action).
    pub async fn see_url(&mut self, contains: &str, secs: u64) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while !self.b.url().await.contains(contains) {
            if Instant::now() >= deadline {
                panic!("{}: the address is {} after {secs} s, not …{contains}…", self.name, self.b.url().await);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.notice_loads().await;
    }

    /// Ends the journey: the end state has been seen (the caller's `see` calls). Asserts the
    /// actions against `budget`, writes the figures and returns them.
    pub async fn finish(mut self, budget: u32) -> Measured {
        self.notice_loads().await;
        let seconds = self.started.elapsed().as_secs_f64();
        let actions = self.actions();
        let m = Measured { name: self.name, actions, page_loads: self.loads, seconds };
        let record = json!({
            "actions": actions,
            "budget": budget,
            "taps": self.taps,
            "fields_typed": self.fields,
            "choices": self.choices,
            "addresses_typed": self.addresses,
            "page_loads": self.loads,
            "seconds": (seconds * 100.0).round() / 100.0,
            "device": self.device,
            "date": jiff::Timestamp::now().round(jiff::Unit::Second).map(|t| t.to_string()).unwrap_or_default(),
            "steps": self.steps,
        });
        eprintln!("journey {}: {actions} actions (budget {budget}), {} page loads, {seconds:.2} s", self.name, self.loads);
        record_figures(self.name, record);
        assert!(
            actions <= budget,
            "journey {}: {actions} actions, over its budget of {budget}:\n  {}",
            self.name,
            self.steps.join("\n  ")
        );
        m
    }
}

/// `docs/usability-measured.json` of the workspace, or `PRONTO_JOURNEYS_FILE`.
pub fn figures_path() -> PathBuf {
    std::env::var_os("PRONTO_JOURNEYS_FILE")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/usability-measured.json"))
}

/// Merges `record` as `journeys.NAME` into the figures file, under an exclusive lock.
fn record_figures(name: &str, record: Value) {
    let path = figures_path();
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    f.lock().unwrap_or_else(|e| panic!("lock {}: {e}", path.display()));
    let mut text = String::new();
    f.read_to_string(&mut text).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let mut all: Value = serde_json::from_str(&text).unwrap_or_else(|_| json!({}));
    if !all.is_object() {
        all = json!({});
    }
    all["about"] = json!(
        "Written by the journey tests (crates/pronto/tests/api/journeys.rs): actions = taps + fields typed + choices + addresses typed; seconds on the monotonic clock, never asserted. See docs/usability.md."
    );
    if !all["journeys"].is_object() {
        all["journeys"] = json!({});
    }
    all["journeys"][name] = record;
    let out = serde_json::to_string_pretty(&all).expect("json") + "\n";
    f.set_len(0).expect("truncate");
    f.rewind().expect("rewind");
    f.write_all(out.as_bytes()).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    let _ = f.unlock();
}
