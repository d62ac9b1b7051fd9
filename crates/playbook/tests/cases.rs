//! The engine, case by case: (playbook, lead, trigger, now, team) → the commands, as data.
//!
//! Every `tests/cases/PLAYBOOK/NAME.toml` is one call of [`pronto_playbook::step`]: a lead in a
//! state, what happened to it, when, and the team the engine decides with. The commands it
//! returns are written out one per line (users by `@login`, times in the playbook's time zone)
//! and compared with `NAME.snap` beside the case. `UPDATE_SNAPSHOTS=1 cargo test -p
//! pronto-playbook --test cases` writes the snapshots instead; read the diff before committing
//! it: a snapshot says what the rule must do, not merely what the engine did.
//!
//! Every rule of every built-in playbook must run in at least one case (the `playbook.rule`
//! lines of the snapshots), and each case names the rules it is there for in `covers`, which
//! must run in it. `cases/README.md` lists the case format and which case covers which rule.
//!
//! ```toml
//! # A web lead with a phone in office hours: assigned, called, the customer acknowledged.
//! playbook = "agency"                 # a built-in playbook, or a file under tests/cases/
//! now = "2031-05-06T09:00:00+02:00"   # RFC 3339 with the offset of the local time
//! covers = ["assign", "call-when-there-is-a-phone"]
//!
//! [lead]                              # every key optional; see `lead()` below
//! channel = "web"
//! name = "Jana Nováková"
//! phone = "+420777123456"
//!
//! [trigger]
//! on = "lead.received"
//!
//! [[team]]
//! login = "jana"
//! role = "consultant"
//! ```

use jiff::Timestamp;
use pronto_domain::calendar::Calendar;
use pronto_domain::lead::{Channel, CustomerType, LeadStatus};
use pronto_domain::user::Role;
use pronto_playbook::{Cmd, DirUser, Directory, LeadState, OpenTask, Playbook, Presence, Trigger};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

/// Every case file, sorted: `(path, path relative to tests/cases)`.
fn case_files() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let root = cases_dir();
    let mut dirs = vec![root.clone()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = e.expect("a directory entry").path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "toml") && p.parent() != Some(root.join("playbooks").as_path()) {
                let rel = p.strip_prefix(&root).expect("under the root").to_string_lossy().replace('\\', "/");
                out.push((p, rel));
            }
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

// ── reading a case ──────────────────────────────────────────────────────────────────────────

/// One case, read: what it runs and what it claims.
struct Case {
    playbook: Playbook,
    lead: LeadState,
    trigger: Trigger,
    cause: String,
    now: Timestamp,
    dir: Directory,
    covers: Vec<String>,
}

/// A table's fields, taken one by one; whatever is left at the end is an unknown key.
struct Fields {
    what: String,
    map: Map<String, Value>,
}

impl Fields {
    fn new(what: &str, v: Value) -> Fields {
        match v {
            Value::Object(map) => Fields { what: what.to_owned(), map },
            other => panic!("{what} must be a table, not {other}"),
        }
    }
    fn take(&mut self, key: &str) -> Option<Value> {
        self.map.remove(key)
    }
    fn str(&mut self, key: &str) -> Option<String> {
        self.take(key).map(|v| match v {
            Value::String(s) => s,
            other => panic!("{}: `{key}` must be a string, not {other}", self.what),
        })
    }
    fn req(&mut self, key: &str) -> String {
        self.str(key).unwrap_or_else(|| panic!("{}: `{key}` is required", self.what))
    }
    fn int(&mut self, key: &str) -> Option<i64> {
        self.take(key).map(|v| v.as_i64().unwrap_or_else(|| panic!("{}: `{key}` must be an integer, not {v}", self.what)))
    }
    fn bool(&mut self, key: &str) -> Option<bool> {
        self.take(key).map(|v| v.as_bool().unwrap_or_else(|| panic!("{}: `{key}` must be true or false, not {v}", self.what)))
    }
    fn strs(&mut self, key: &str) -> Vec<String> {
        match self.take(key) {
            None => vec![],
            Some(Value::String(s)) => vec![s],
            Some(Value::Array(a)) => a
                .into_iter()
                .map(|v| v.as_str().map(str::to_owned).unwrap_or_else(|| panic!("{}: `{key}` must list strings, not {v}", self.what)))
                .collect(),
            Some(other) => panic!("{}: `{key}` must be a string or a list of strings, not {other}", self.what),
        }
    }
    fn time(&mut self, key: &str) -> Option<Timestamp> {
        self.str(key).map(|s| s.parse().unwrap_or_else(|e| panic!("{}: `{key}` = `{s}` is not an RFC 3339 time: {e}", self.what)))
    }
    fn done(self) {
        if let Some(k) = self.map.keys().next() {
            panic!("{}: unknown key `{k}`", self.what);
        }
    }
}

fn playbook(name: &str) -> Playbook {
    let src = match pronto_playbook::builtin(name) {
        Some(s) => s.to_owned(),
        None => std::fs::read_to_string(cases_dir().join(name)).unwrap_or_else(|e| panic!("playbook `{name}`: not built in, and {e}")),
    };
    pronto_playbook::parse(&src).unwrap_or_else(|p| panic!("{}", pronto_playbook::render_problems(&p, name, &src)))
}

/// `[[team]]`: the users the engine may choose, notify and hand over to.
fn team(file: &str, v: Option<Value>) -> Vec<DirUser> {
    let list = match v {
        None => return vec![],
        Some(Value::Array(a)) => a,
        Some(other) => panic!("{file}: `team` must be a list of tables ([[team]]), not {other}"),
    };
    let mut users = Vec::new();
    for (i, u) in list.into_iter().enumerate() {
        let mut f = Fields::new(&format!("{file}: team[{i}]"), u);
        let login = f.req("login");
        let role = f.req("role");
        let presence = f.str("presence").unwrap_or_else(|| "available".into());
        let calendar = f.take("hours").map(|h| {
            let mut h = Fields::new(&format!("{file}: team[{i}].hours"), h);
            let zone = h.req("time_zone");
            let holidays = h.strs("holidays");
            let days: Vec<(String, String)> = std::mem::take(&mut h.map)
                .into_iter()
                .map(|(k, v)| (k, v.as_str().unwrap_or_else(|| panic!("{file}: team[{i}].hours: a day's hours are a string")).to_owned()))
                .collect();
            let days: Vec<(&str, &str)> = days.iter().map(|(d, s)| (d.as_str(), s.as_str())).collect();
            let holidays: Vec<&str> = holidays.iter().map(String::as_str).collect();
            Calendar::parse(&zone, &days, &holidays).unwrap_or_else(|e| panic!("{file}: team[{i}].hours: {e}"))
        });
        users.push(DirUser {
            id: f.int("id").unwrap_or(i as i64 + 1),
            name: f.str("name").unwrap_or_else(|| login.clone()),
            role: Role::parse(&role).unwrap_or_else(|_| panic!("{file}: team[{i}]: `{role}` is not a role")),
            presence: Presence::parse(&presence).unwrap_or_else(|| panic!("{file}: team[{i}]: `{presence}` is not a presence")),
            phone: f.str("phone"),
            email: f.str("email"),
            calendar,
            open_tasks: f.int("open_tasks").unwrap_or(0),
            language: f.str("language"),
            login,
        });
        f.done();
    }
    users
}

/// A user named in a case by login: their id in the team.
fn user_id(file: &str, users: &[DirUser], login: &str) -> i64 {
    users.iter().find(|u| u.login == login).map(|u| u.id).unwrap_or_else(|| panic!("{file}: no `{login}` in the team"))
}

/// `[lead]`: the lead as the store would hand it to the engine. Unset keys: lead 7 on `web`,
/// in the first stage, open, nobody's, received `now`, no contact details, tasks or timers.
fn lead(file: &str, v: Option<Value>, pb: &Playbook, users: &[DirUser], now: Timestamp) -> LeadState {
    let mut f = Fields::new(&format!("{file}: [lead]"), v.unwrap_or(Value::Object(Map::new())));
    let who = |f: &mut Fields, key: &str| f.str(key).map(|l| user_id(file, users, &l));
    let open_tasks = match f.take("tasks") {
        None => vec![],
        Some(Value::Array(a)) => a
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                let mut t = Fields::new(&format!("{file}: [lead] tasks[{i}]"), t);
                let task = OpenTask {
                    id: t.int("id").unwrap_or(i as i64 + 1),
                    task: t.req("task"),
                    assignee: t.str("assignee").map(|l| user_id(file, users, &l)),
                    attempt: t.int("attempt").unwrap_or(1) as u32,
                };
                t.done();
                task
            })
            .collect(),
        Some(other) => panic!("{file}: [lead] tasks must be a list of tables, not {other}"),
    };
    let status = f.str("status").map(|s| LeadStatus::parse(&s).unwrap_or_else(|_| panic!("{file}: `{s}` is not a status")));
    let stage = f.str("stage").unwrap_or_else(|| pb.first_stage().to_owned());
    let l = LeadState {
        id: f.int("id").unwrap_or(7),
        channel: Channel::parse(&f.str("channel").unwrap_or_else(|| "web".into())).unwrap_or_else(|e| panic!("{file}: {}", e.0)),
        status: status.unwrap_or_else(|| pb.stage(&stage).and_then(|s| s.status).unwrap_or(LeadStatus::Open)),
        stage,
        owner: who(&mut f, "owner"),
        entered_by: who(&mut f, "entered_by"),
        contact_name: f.str("name"),
        contact_phone: f.str("phone"),
        contact_email: f.str("email"),
        customer_type: f.str("customer_type").map(|s| CustomerType::parse(&s).unwrap_or_else(|e| panic!("{file}: {}", e.0))),
        subject: f.str("subject"),
        message: f.str("message"),
        postal_code: f.str("postal_code"),
        product: f.str("product"),
        source: f.str("source"),
        language: f.str("language"),
        received_at: f.time("received_at").unwrap_or(now),
        first_response_at: f.time("first_response_at"),
        open_tasks,
        timers: f.strs("timers"),
        tracking_token: f.str("tracking_token"),
    };
    f.done();
    l
}

/// `[trigger]`: what happened, and the `cause` the store would name it by.
fn trigger(file: &str, v: Option<Value>, users: &[DirUser]) -> (Trigger, String) {
    let mut f = Fields::new(&format!("{file}: [trigger]"), v.unwrap_or_else(|| panic!("{file}: no [trigger]")));
    let on = f.req("on");
    let by = |f: &mut Fields| f.str("by").map(|l| user_id(file, users, &l));
    let json = |f: &mut Fields, key: &str| f.take(key).unwrap_or(Value::Null);
    let t = match on.as_str() {
        "lead.received" => (Trigger::LeadReceived, "received".to_owned()),
        "stage.entered" => (Trigger::StageEntered { from: f.str("from") }, "p1-stage".to_owned()),
        "task.completed" => {
            let task_id = f.int("task_id").unwrap_or(1);
            let t = Trigger::TaskCompleted {
                task_id,
                task: f.req("task"),
                outcome: f.req("outcome"),
                by: by(&mut f),
                attempt: f.int("attempt").unwrap_or(1) as u32,
            };
            (t, format!("k{task_id}"))
        }
        "activity.logged" => {
            let t = Trigger::ActivityLogged {
                kind: f.req("kind"),
                direction: f.str("direction"),
                outcome: f.str("outcome"),
                response: f.bool("response").unwrap_or(false),
                by: by(&mut f),
            };
            (t, "a1".to_owned())
        }
        "timer.elapsed" => (Trigger::TimerElapsed { kind: f.req("kind"), payload: json(&mut f, "payload") }, "t1".to_owned()),
        "field.changed" => {
            let field = f.req("field");
            let cause = format!("p1-{field}");
            (Trigger::FieldChanged { field, from: json(&mut f, "from"), to: json(&mut f, "to") }, cause)
        }
        "offer.sent" | "offer.accepted" | "offer.declined" | "offer.changes_requested" | "offer.created" => {
            let kind = pronto_playbook::model::TriggerKind::parse(&on).expect("an offer trigger");
            let offer_id = f.int("offer_id").unwrap_or(1);
            let t = Trigger::Offer {
                kind,
                offer_id,
                version: f.int("version").unwrap_or(1),
                note: f.str("note"),
                refusals: f.int("refusals").unwrap_or(0) as u32,
                by: by(&mut f),
            };
            (t, format!("o{offer_id}"))
        }
        "requisites.received" => {
            (Trigger::RequisitesReceived { customer_type: f.req("customer_type"), by: by(&mut f) }, "r1".to_owned())
        }
        "invoice.issued" | "invoice.paid" => {
            let kind = pronto_playbook::model::TriggerKind::parse(&on).expect("an invoice trigger");
            let invoice_id = f.int("invoice_id").unwrap_or(1);
            let number = f.str("number").unwrap_or_else(|| "20310001".to_owned());
            let contract = f.take("contract").and_then(|v| v.as_bool()).unwrap_or(false);
            let due_at = f.time("due_at");
            let t = Trigger::Invoice { kind, invoice_id, number, contract, due_at, by: by(&mut f) };
            (t, format!("i{invoice_id}"))
        }
        "delivery.done" => {
            let kind = pronto_playbook::model::TriggerKind::parse(&on).expect("a delivery trigger");
            let delivery_id = f.int("delivery_id").unwrap_or(1);
            let t = Trigger::Delivery { kind, delivery_id, by: by(&mut f) };
            (t, format!("d{delivery_id}"))
        }
        "purchase.requested" | "purchase.invoice_received" | "purchase.paid" => {
            let kind = pronto_playbook::model::TriggerKind::parse(&on).expect("a purchase trigger");
            let purchase_id = f.int("purchase_id").unwrap_or(1);
            let supplier = f.str("supplier").unwrap_or_else(|| "Yamaha Music".to_owned());
            let t = Trigger::Purchase { kind, purchase_id, supplier, by: by(&mut f) };
            (t, format!("p{purchase_id}"))
        }
        other => panic!("{file}: `{other}` is not a trigger"),
    };
    f.done();
    t
}

fn read_case(path: &Path, file: &str) -> Case {
    let src = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let doc: Value = toml::from_str(&src).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut f = Fields::new(file, doc);
    let pb = playbook(&f.req("playbook"));
    let now = f.time("now").unwrap_or_else(|| panic!("{file}: `now` is required"));
    let users = team(file, f.take("team"));
    let lead = lead(file, f.take("lead"), &pb, &users, now);
    let (trigger, cause) = trigger(file, f.take("trigger"), &users);
    let cause = f.str("cause").unwrap_or(cause);
    let mut cursors = BTreeMap::new();
    if let Some(c) = f.take("cursors") {
        let mut c = Fields::new(&format!("{file}: [cursors]"), c);
        for (pool, login) in std::mem::take(&mut c.map) {
            let login = login.as_str().unwrap_or_else(|| panic!("{file}: [cursors] {pool} must be a login")).to_owned();
            cursors.insert(pool, user_id(file, &users, &login));
        }
    }
    let messages = match f.str("public_url") {
        Some(url) => std::sync::Arc::new(pronto_playbook::Messages::new(Vec::new(), "en", Some(url))),
        None => Default::default(),
    };
    assert!(f.map.contains_key("covers"), "{file}: no `covers`: name the rules the case is there for (`[]`: none, it shows the structure)");
    let covers = f.strs("covers");
    f.done();
    Case { playbook: pb, lead, trigger, cause, now, dir: Directory { users, cursors, messages }, covers }
}

// ── writing the commands out ────────────────────────────────────────────────────────────────

struct Render<'a> {
    case: &'a Case,
}

impl Render<'_> {
    fn user(&self, id: i64) -> String {
        match self.case.dir.user(id) {
            Some(u) => format!("@{}", u.login),
            None => format!("#{id}"),
        }
    }

    /// A moment in the playbook's time zone: `Tue 2031-05-06 09:00 +02:00`.
    fn at(&self, t: Timestamp) -> String {
        let z = t.to_zoned(self.case.playbook.calendar.time_zone().clone());
        let fmt = if z.second() == 0 && z.subsec_nanosecond() == 0 { "%a %Y-%m-%d %H:%M %:z" } else { "%a %Y-%m-%d %H:%M:%S %:z" };
        z.strftime(fmt).to_string()
    }

    /// One line of the timeline. (The only place that reads the shape of `Cmd::Event`.)
    fn event(&self, cmd: &Cmd) -> Option<String> {
        let Cmd::Event { kind, data } = cmd else { return None };
        if *kind == "playbook.rule" {
            return Some(format!("rule {} (on {})", data["rule"].as_str().unwrap_or("?"), data["on"].as_str().unwrap_or("?")));
        }
        Some(format!("event {kind} {data}"))
    }

    fn line(&self, cmd: &Cmd) -> String {
        if let Some(e) = self.event(cmd) {
            return e;
        }
        match cmd {
            Cmd::Assign { user, reason } => format!("assign {} — {reason}", self.user(*user)),
            Cmd::CreateTask(t) => {
                let to = match (t.assignee, t.role) {
                    (Some(u), Some(r)) => format!("{} ({r})", self.user(u)),
                    (Some(u), None) => self.user(u),
                    (None, Some(r)) => format!("the {r} queue"),
                    (None, None) => "nobody".to_owned(),
                };
                let script = if t.script.is_some() { ", with a script" } else { "" };
                format!(
                    "task {} \"{}\" ({}, {}) for {to}, due {}, attempt {}{script}",
                    t.task,
                    t.title,
                    t.kind,
                    t.priority.as_str(),
                    self.at(t.due_at),
                    t.attempt
                )
            }
            Cmd::CompleteTask { task_id, task, attempt, outcome, reason } => {
                format!("complete task {task_id} ({task}, attempt {attempt}) as {outcome} — {reason}")
            }
            Cmd::CancelTasks { task, reason } => match task {
                Some(t) => format!("cancel tasks {t} — {reason}"),
                None => format!("cancel every task — {reason}"),
            },
            Cmd::HandOver { to, reason } => format!("hand over to {} — {reason}", self.user(*to)),
            Cmd::Notify(n) => {
                let to = match (n.user, &n.address) {
                    (Some(u), Some(a)) => format!("{} at {a}", self.user(u)),
                    (Some(u), None) => self.user(u),
                    (None, Some(a)) => a.clone(),
                    (None, None) => "nobody".to_owned(),
                };
                let mut s = format!("notify {} to {to}: {}", n.channel, n.template);
                if n.urgent {
                    s.push_str(", urgent");
                }
                if let Some(at) = n.not_before {
                    s.push_str(&format!(", not before {}", self.at(at)));
                }
                s.push_str(&format!(" [{}]", n.key));
                if let Some(subject) = &n.subject {
                    s.push_str(&format!("\n    subject: {subject}"));
                }
                s.push_str(&format!("\n    text: {}", n.text.replace('\n', "\n          ")));
                s
            }
            Cmd::SetStage { stage, status } => match status {
                Some(st) => format!("stage {stage} (status {})", st.as_str()),
                None => format!("stage {stage}"),
            },
            Cmd::SetTimer { kind, due_at, payload } => format!("timer {kind} at {} {payload}", self.at(*due_at)),
            Cmd::CancelTimers { kind, prefix } => match (kind.as_str(), prefix) {
                ("", true) => "cancel every timer".to_owned(),
                (k, true) => format!("cancel timers {k}*"),
                (k, false) => format!("cancel timer {k}"),
            },
            Cmd::SetCursor { pool, user } => format!("cursor {pool} → {}", self.user(*user)),
            Cmd::Unassign { reason } => format!("unassign — {reason}"),
            Cmd::ReassignTask { task_id, to, reason } => {
                format!("reassign task #{task_id} to {} — {reason}", to.map(|u| self.user(u)).unwrap_or_else(|| "nobody".into()))
            }
            Cmd::Event { .. } => unreachable!("rendered above"),
        }
    }
}

/// The rules that ran: the ids of the `playbook.rule` lines.
fn rules_run(cmds: &[Cmd]) -> Vec<String> {
    cmds.iter()
        .filter_map(|c| match c {
            Cmd::Event { kind: "playbook.rule", data } => data["rule"].as_str().map(str::to_owned),
            _ => None,
        })
        .collect()
}

/// Runs a case: the rendered snapshot and the rules that ran.
fn run(case: &Case) -> (String, Vec<String>) {
    let cmds = pronto_playbook::step(&case.playbook, &case.lead, &case.trigger, &case.cause, case.now, &case.dir);
    let again = pronto_playbook::step(&case.playbook, &case.lead, &case.trigger, &case.cause, case.now, &case.dir);
    assert_eq!(cmds, again, "the engine is a pure function");
    let r = Render { case };
    // What a rule did is indented under its `rule` line; what the playbook's structure did
    // before any rule ran (retries, SLAs, escalations, closing) is not.
    let mut text = String::new();
    let mut in_rule = false;
    for c in &cmds {
        let line = r.line(c);
        if line.starts_with("rule ") {
            in_rule = true;
            text.push_str(&line);
        } else if in_rule {
            text.push_str(&format!("  {}", line.replace("\n", "\n  ")));
        } else {
            text.push_str(&line);
        }
        text.push('\n');
    }
    if text.is_empty() {
        text = "(nothing)\n".into();
    }
    (text, rules_run(&cmds))
}

fn updating() -> bool {
    std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| !v.is_empty() && v != "0")
}

// ── the checks ──────────────────────────────────────────────────────────────────────────────

#[test]
fn every_case_gives_its_snapshot() {
    let files = case_files();
    assert!(!files.is_empty(), "no cases under {}", cases_dir().display());
    let mut failures = Vec::new();
    for (path, file) in &files {
        let case = read_case(path, file);
        let (got, ran) = run(&case);
        for rule in &case.covers {
            if !ran.contains(rule) {
                failures.push(format!("{file}: covers `{rule}`, but that rule did not run (ran: {ran:?})"));
            }
        }
        let snap = path.with_extension("snap");
        let want = std::fs::read_to_string(&snap).ok();
        if want.as_deref() == Some(got.as_str()) {
            continue;
        }
        if updating() {
            std::fs::write(&snap, &got).unwrap_or_else(|e| panic!("{}: {e}", snap.display()));
            eprintln!("updated {}", snap.display());
            continue;
        }
        match want {
            None => failures.push(format!("{file}: no snapshot yet; run with UPDATE_SNAPSHOTS=1 and read it:\n{got}")),
            Some(want) => failures.push(format!("{file}: the commands differ from the snapshot\n{}", diff(&want, &got))),
        }
    }
    assert!(failures.is_empty(), "\n{}\n(UPDATE_SNAPSHOTS=1 rewrites the snapshots)", failures.join("\n\n"));
}

/// The lines only in `want` (`-`) and only in `got` (`+`), in order, with the common ones
/// around them; small files, so the simplest longest-common-subsequence does.
fn diff(want: &str, got: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push_str(&format!("  {}\n", a[i]));
            (i, j) = (i + 1, j + 1);
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push_str(&format!("+ {}\n", b[j]));
            j += 1;
        } else {
            out.push_str(&format!("- {}\n", a[i]));
            i += 1;
        }
    }
    out
}

#[test]
fn every_rule_of_the_builtin_playbooks_has_a_case() {
    let mut run_by: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for (path, file) in case_files() {
        let case = read_case(&path, &file);
        let (_, ran) = run(&case);
        for rule in ran {
            run_by.entry(case.playbook.name.clone()).or_default().entry(rule).or_default().push(file.clone());
        }
    }
    let mut missing = Vec::new();
    for (name, src) in pronto_playbook::BUILTIN {
        let pb = pronto_playbook::parse(src).expect("a valid built-in");
        for rule in &pb.rules {
            if !run_by.get(*name).is_some_and(|m| m.contains_key(&rule.id)) {
                missing.push(format!("{name}: rule `{}` runs in no case", rule.id));
            }
        }
    }
    assert!(missing.is_empty(), "add a case under tests/cases/ for:\n{}", missing.join("\n"));
}

/// The table of `cases/README.md` (rule → the cases it runs in) is the one the cases give.
#[test]
fn the_readme_lists_which_case_covers_which_rule() {
    let mut covered: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for (path, file) in case_files() {
        let case = read_case(&path, &file);
        for rule in &case.covers {
            covered.entry((case.playbook.name.clone(), rule.clone())).or_default().insert(file.clone());
        }
    }
    let mut table = String::new();
    for (name, src) in pronto_playbook::BUILTIN {
        let pb = pronto_playbook::parse(src).expect("a valid built-in");
        table.push_str(&format!("\n| {name} rule | case |\n|---|---|\n"));
        for rule in &pb.rules {
            let files = covered.get(&(name.to_string(), rule.id.clone())).map(|s| s.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>());
            table.push_str(&format!("| `{}` | {} |\n", rule.id, files.map(|f| f.join(", ")).unwrap_or_else(|| "—".into())));
        }
    }
    let readme_path = cases_dir().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).expect("tests/cases/README.md");
    const BEGIN: &str = "<!-- rules: begin -->\n";
    const END: &str = "<!-- rules: end -->";
    let (Some(b), Some(e)) = (readme.find(BEGIN), readme.find(END)) else { panic!("README.md has no {BEGIN:?} … {END:?}") };
    let current = &readme[b + BEGIN.len()..e];
    if current == table {
        return;
    }
    if updating() {
        let new = format!("{}{table}{}", &readme[..b + BEGIN.len()], &readme[e..]);
        std::fs::write(&readme_path, new).expect("README.md is writable");
        return;
    }
    panic!("cases/README.md's table is not the one the cases give (UPDATE_SNAPSHOTS=1 rewrites it):\n{}", diff(current, &table));
}
