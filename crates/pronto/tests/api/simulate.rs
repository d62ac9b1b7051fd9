//! The staffing simulator (issue 23): hand-computed cases through the real engine and store
//! (`pronto::simulate::run`), and `pronto simulate` on the command line — the same seed prints
//! the same figures, `--compare` prints both runs, a bad file is named with its line and field,
//! and the README's "Try a staffing change" command runs as written.

use pronto::simulate::{PlaybookChoice, Run, Scenario, run};
use pronto_domain::staffing::{self, Percentiles};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

fn scenario(team: &str, arrivals: &str) -> Scenario {
    let zone = jiff::tz::TimeZone::get("Europe/Prague").unwrap();
    let team = staffing::parse_team(team, &zone).unwrap_or_else(|p| panic!("{}", staffing::render_problems(&p, "team.toml")));
    let arrivals = staffing::parse_arrivals_csv(arrivals, &zone).unwrap();
    Scenario {
        playbook: PlaybookChoice { name: "agency".into(), source: None, label: "agency".into() },
        team,
        team_label: "team.toml".into(),
        arrivals: Arc::new(arrivals),
        seed: 1,
        office_hours: None,
    }
}

/// One consultant working the agency's office hours (Mon–Fri 9–17, Prague).
const ONE: &str = "[[people]]\nlogin = \"jitka\"\nname = \"Jitka\"\nrole = \"consultant\"\nhours = { mon-fri = \"09:00-17:00\" }\n";

/// Monday 2 March 2026, a phone lead at every full hour from 9:00 to 16:00.
fn hourly() -> String {
    let mut s = "at,channel\n".to_owned();
    for h in 9..17 {
        s.push_str(&format!("2026-03-02 {h:02}:00,phone\n"));
    }
    s
}

const MIN: i64 = 60;

struct Case {
    name: &'static str,
    team: String,
    arrivals: String,
    /// SLA first_response: (met, breached).
    sla: (u64, u64),
    wall: Percentiles,
    business: Percentiles,
    /// Tasks the first person did a working day.
    per_day: f64,
}

fn p(p50: i64, p90: i64, p99: i64) -> Percentiles {
    Percentiles { p50: Some(p50), p90: Some(p90), p99: Some(p99) }
}

/// The hand-computed table. The agency's SLA is a first contact within 10 working minutes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hand_computed_cases() {
    let cases = [
        // Answers every call in 2 minutes: all eight within the SLA, every response 2 minutes.
        Case {
            name: "one consultant, a lead an hour, answers in 2 minutes",
            team: format!("{ONE}delay = \"2m\"\n"),
            arrivals: hourly(),
            sla: (8, 0),
            wall: p(2 * MIN, 2 * MIN, 2 * MIN),
            business: p(2 * MIN, 2 * MIN, 2 * MIN),
            per_day: 8.0,
        },
        // In a meeting 9–12: nobody can take the 9, 10 and 11 o'clock leads (the engine skips
        // her); she takes them at 12:00 and calls at 12:02 — three breaches, 3 h 2 min, 2 h 2 min
        // and 1 h 2 min; the five from 12:00 on are answered in 2 minutes.
        Case {
            name: "the same consultant in meetings 9–12",
            team: format!("{ONE}delay = \"2m\"\nmeetings = [\"mon-fri 09:00-12:00\"]\n"),
            arrivals: hourly(),
            sla: (5, 3),
            wall: p(2 * MIN, 182 * MIN, 182 * MIN),
            business: p(2 * MIN, 182 * MIN, 182 * MIN),
            per_day: 8.0,
        },
        // Answers in 12 minutes: every lead breaches the 10-minute SLA.
        Case {
            name: "answers in 12 minutes",
            team: format!("{ONE}delay = \"12m\"\n"),
            arrivals: hourly(),
            sla: (0, 8),
            wall: p(12 * MIN, 12 * MIN, 12 * MIN),
            business: p(12 * MIN, 12 * MIN, 12 * MIN),
            per_day: 8.0,
        },
        // A lead at 17:30 on Monday waits for Tuesday 9:00 and is called at 9:02: 15 h 32 min on
        // the wall clock, 2 working minutes — within the SLA.
        Case {
            name: "a lead after hours",
            team: format!("{ONE}delay = \"2m\"\n"),
            arrivals: "at,channel\n2026-03-02 17:30,phone\n".into(),
            sla: (1, 0),
            wall: p(932 * MIN, 932 * MIN, 932 * MIN),
            business: p(2 * MIN, 2 * MIN, 2 * MIN),
            per_day: 1.0,
        },
    ];
    for c in cases {
        let r: Run = run(&scenario(&c.team, &c.arrivals)).await.unwrap_or_else(|e| panic!("{}: {e}", c.name));
        let f = &r.figures;
        let sla = f.sla.iter().find(|s| s.sla == "first_response").unwrap_or_else(|| panic!("{}: {:?}", c.name, f.sla));
        assert_eq!((sla.met, sla.breached), c.sla, "{}: SLA", c.name);
        assert_eq!(f.wall, c.wall, "{}: wall-clock response", c.name);
        assert_eq!(f.business, c.business, "{}: working-time response", c.name);
        assert_eq!(f.answered, f.leads, "{}: every lead answered", c.name);
        assert_eq!(f.load[0].per_day(), c.per_day, "{}: load {:?}", c.name, f.load);
        assert_eq!(r.refused, 0, "{}", c.name);
    }
}

fn pronto(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pronto"));
    for (k, _) in std::env::vars() {
        if k.starts_with("PRONTO_") {
            cmd.env_remove(k);
        }
    }
    cmd.args(args)
        .arg("--data-dir")
        .arg(dir.path())
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .stdin(Stdio::null())
        .output()
        .expect("run pronto")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The same inputs and seed print the same figures; another seed prints others. `--compare`
/// prints both runs side by side, each figure in its column.
#[test]
fn the_command_line_same_seed_same_figures_and_compare() {
    let args = ["simulate", "--playbook", "agency", "--team", "examples/team.toml", "--arrivals", "examples/arrivals.csv", "--seed", "7"];
    let a = pronto(&args);
    assert!(a.status.success(), "{}", text(&a.stderr));
    let b = pronto(&args);
    let out = text(&a.stdout);
    assert_eq!(out, text(&b.stdout), "the same seed, the same figures");
    for want in [
        "seed 7",
        "period: Mon 2026-03-02 08:",
        "(Europe/Prague)",
        "SLA met: First contact within 10 working minutes",
        "response p90",
        "working time p99",
        "Jitka Malá (consultant): tasks a working day",
    ] {
        assert!(out.contains(want), "{want}\n{out}");
    }
    assert!(!out.contains("lead 1") && !out.contains(":00Z") && !out.contains("UTC"), "no internal ids, no UTC: {out}");
    let other =
        pronto(&["simulate", "--playbook", "agency", "--team", "examples/team.toml", "--arrivals", "examples/arrivals.csv", "--seed", "8"]);
    assert_ne!(out, text(&other.stdout), "another seed, other draws");

    let c = pronto(&[&args[..], &["--compare", "examples/team-monday.toml"]].concat());
    assert!(c.status.success(), "{}", text(&c.stderr));
    let both = text(&c.stdout);
    let team_line = both.lines().find(|l| l.starts_with("team ")).unwrap_or_else(|| panic!("{both}"));
    assert!(team_line.contains("examples/team.toml (4 people)") && team_line.contains("examples/team-monday.toml (5 people)"), "{both}");
    let barbora = both.lines().find(|l| l.starts_with("Barbora Vlčková")).unwrap_or_else(|| panic!("{both}"));
    assert!(barbora.contains("—"), "only in B: {barbora}");
    // Run A of the comparison is the single run: the same first column.
    let columns = |s: &str, label: &str| -> Vec<String> {
        let line = s.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("{label}: {s}"));
        line[label.len()..].split("  ").map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).collect()
    };
    for label in ["SLA met: First contact within 10 working minutes", "response p90", "working time p50", "answered"] {
        let (one, two) = (columns(&out, label), columns(&both, label));
        assert_eq!((one.len(), two.len()), (1, 2), "{label}: {one:?} {two:?}");
        assert_eq!(one[0], two[0], "{label}");
    }
}

/// `--from-history`: the company's own inquiries of the last days and its users, read from the
/// configured database (a demo's), which is left as it was.
#[test]
fn from_the_company_history() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pronto"));
        for (k, _) in std::env::vars() {
            if k.starts_with("PRONTO_") {
                cmd.env_remove(k);
            }
        }
        cmd.args(args).arg("--data-dir").arg(dir.path()).current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).output().unwrap()
    };
    let demo = run(&["demo", "--leads", "150", "--days", "7"]);
    assert!(demo.status.success(), "{}", text(&demo.stderr));
    let out = run(&["simulate", "--playbook", "agency", "--from-history", "7d"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    let n: u64 = s.split("pronto simulate: ").nth(1).and_then(|r| r.split(' ').next()).and_then(|n| n.parse().ok()).unwrap_or(0);
    // The demo's agency leads (four in five of 150) of the last 7 days (those it put at the very
    // start of its week fall a few seconds before this run's window).
    assert!((40..=130).contains(&n) && s.contains("inquiries of the last 7 days"), "{s}");
    assert!(s.contains("agency (the company's)") && s.contains("the company's users (10 people)"), "{s}");
    assert!(s.contains("Jitka Malá (consultant)") && s.lines().any(|l| l.starts_with("answered ")), "{s}");
    // With a team file instead of the company's users; the database is untouched.
    let out = run(&["simulate", "--playbook", "agency", "--from-history", "7", "--team", "examples/team.toml"]);
    assert!(out.status.success() && text(&out.stdout).contains("examples/team.toml (4 people)"), "{}", text(&out.stderr));
    let again = run(&["demo", "--leads", "10", "--days", "1"]);
    assert!(text(&again.stderr).contains("already has leads"), "{}", text(&again.stderr));
    let bad = run(&["simulate", "--playbook", "agency", "--from-history", "soon"]);
    assert!(text(&bad.stderr).contains("--from-history: `soon` is not a number of days like 90 or 90d"), "{}", text(&bad.stderr));
}

/// A playbook file compared with the built-in: the agency's with calls retried after 3 and 10
/// minutes instead of 5 and 15.
#[test]
fn compare_a_playbook_file() {
    let dir = tempfile::tempdir().unwrap();
    let source = pronto_playbook::builtin("agency").unwrap().replace("after = [\"5m\", \"15m\"]", "after = [\"3m\", \"10m\"]");
    assert!(source.contains("\"3m\", \"10m\""));
    let file = dir.path().join("agency-retry.toml");
    std::fs::write(&file, source).unwrap();
    let out = pronto(&[
        "simulate",
        "--playbook",
        "agency",
        "--team",
        "examples/team.toml",
        "--arrivals",
        "examples/arrivals.csv",
        "--compare",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    let line = s.lines().find(|l| l.starts_with("playbook ")).unwrap_or_else(|| panic!("{s}"));
    assert!(line.contains("agency") && line.contains("agency-retry.toml"), "{s}");
}

/// A broken file is refused with its line and field; nothing runs.
#[test]
fn bad_files_are_named_with_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team.toml");
    std::fs::write(&team, "[[people]]\nlogin = \"a\"\nrole = \"boss\"\n").unwrap();
    let out = pronto(&["simulate", "--playbook", "agency", "--team", team.to_str().unwrap(), "--arrivals", "examples/arrivals.csv"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("team.toml:3: people[1].role: `boss` is not one of"), "{err}");
    let csv = dir.path().join("arrivals.csv");
    std::fs::write(&csv, "at,channel\n2026-03-02 09:00,web\n2026-03-02 25:00,web\n").unwrap();
    let out = pronto(&["simulate", "--playbook", "agency", "--team", "examples/team.toml", "--arrivals", csv.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert!(!out.status.success() && err.contains("arrivals.csv:3: at: `2026-03-02 25:00` is not a local time"), "{err}");
    let out = pronto(&["simulate", "--playbook", "nosuch", "--team", "examples/team.toml", "--arrivals", "examples/arrivals.csv"]);
    assert!(text(&out.stderr).contains("--playbook: `nosuch` is neither a playbook file nor a built-in playbook"), "{}", text(&out.stderr));
    let out = pronto(&["simulate", "--playbook", "agency", "--team", "examples/team.toml"]);
    assert!(!out.status.success() && text(&out.stderr).contains("--arrivals"), "{}", text(&out.stderr));
}

/// The README's "Try a staffing change": its `cargo run --release -- simulate …` command, run as
/// written with the binary the tests built.
#[test]
fn the_readme_tries_a_staffing_change() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let section = readme.split("**Try a staffing change**").nth(1).expect("the README's simulator section");
    let command: Vec<&str> = section
        .lines()
        .find_map(|l| l.strip_prefix("cargo run --release -- "))
        .expect("a command")
        .split('#')
        .next()
        .unwrap()
        .split_whitespace()
        .filter(|w| *w != "\\")
        .collect();
    assert_eq!(command[0], "simulate");
    let out = pronto(&command);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("SLA met") && s.lines().any(|l| l.starts_with("team ") && l.contains("team-monday")), "{s}");
}
