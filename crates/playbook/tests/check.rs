//! `pronto playbook check` in miniature: every file in `tests/broken/` is an invalid playbook
//! whose first lines say what must be reported and exactly where:
//!
//! ```toml
//! # expect: 12:27: unknown stage `wonn`
//! ```
//!
//! The file is parsed, its problems rendered as `FILE:LINE:COLUMN: message`, and each expected
//! `LINE:COLUMN: text` must be one of those lines (the text a part of the message); no other
//! problem may be reported. The built-in playbooks must pass the same check.

use std::path::{Path, PathBuf};

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

/// `(line, column, text)` from the file's leading `# expect:` lines.
fn expectations(src: &str) -> Vec<(usize, usize, String)> {
    src.lines()
        .map_while(|l| l.strip_prefix("# expect:"))
        .map(|e| {
            let e = e.trim();
            let mut parts = e.splitn(3, ':');
            let mut num = |what: &str| -> usize {
                parts.next().and_then(|n| n.trim().parse().ok()).unwrap_or_else(|| panic!("`# expect: {e}`: no {what}"))
            };
            let (line, col) = (num("line"), num("column"));
            let text = parts.next().map(|t| t.trim().to_owned()).unwrap_or_default();
            (line, col, text)
        })
        .collect()
}

fn name(path: &Path) -> String {
    path.file_name().expect("a file name").to_string_lossy().into_owned()
}

#[test]
fn the_corpus_covers_enough_mistakes() {
    let files = corpus();
    assert!(files.len() >= 14, "only {} broken playbooks", files.len());
    for f in &files {
        let src = std::fs::read_to_string(f).expect("readable");
        assert!(!expectations(&src).is_empty(), "{}: starts with no `# expect: LINE:COLUMN: message`", name(f));
    }
}

#[test]
fn every_broken_playbook_fails() {
    for f in corpus() {
        let src = std::fs::read_to_string(&f).expect("readable");
        if let Ok(pb) = pronto_playbook::parse(&src) {
            panic!("{} parsed as the valid playbook `{}`", name(&f), pb.name);
        }
    }
}

#[test]
fn each_problem_is_reported_at_its_line_and_column() {
    let mut failures = Vec::new();
    for f in corpus() {
        let file = name(&f);
        let src = std::fs::read_to_string(&f).expect("readable");
        let Err(problems) = pronto_playbook::parse(&src) else { continue };
        let rendered = pronto_playbook::render_problems(&problems, &file, &src);
        let expected = expectations(&src);
        // Nothing else: one mistake must not drag a trail of follow-on messages behind it.
        if problems.len() != expected.len() {
            failures.push(format!("{file}: {} problems expected, {} reported:\n{rendered}\n", expected.len(), problems.len()));
        }
        for (line, col, text) in expected {
            let at = format!("{file}:{line}:{col}: ");
            if !rendered.lines().any(|l| l.strip_prefix(&at).is_some_and(|m| m.contains(&text))) {
                failures.push(format!("{file}: expected `{line}:{col}: {text}`, got:\n{rendered}\n"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn several_problems_in_one_file_are_all_reported() {
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken/several_problems.toml");
    let src = std::fs::read_to_string(&f).expect("readable");
    let problems = pronto_playbook::parse(&src).expect_err("invalid");
    assert!(problems.len() >= expectations(&src).len() && problems.len() >= 5, "{problems:?}");
    // In the order they appear in the file.
    assert!(problems.windows(2).all(|w| w[0].span.start <= w[1].span.start));
}

#[test]
fn the_builtin_playbooks_pass() {
    for (name, src) in pronto_playbook::BUILTIN {
        if let Err(problems) = pronto_playbook::parse(src) {
            panic!("{}", pronto_playbook::render_problems(&problems, &format!("{name}.toml"), src));
        }
    }
}

/// The agency's walk-in rules compare who entered the lead with the owner `assign` chose just
/// above them: without their `after = "assign"` the check refuses the file, at each of them.
#[test]
fn the_agency_walk_in_rules_must_say_they_come_after_assign() {
    let src = pronto_playbook::builtin("agency").expect("built in");
    assert_eq!(src.matches("after = \"assign\"\n").count(), 2, "both walk-in rules say it");
    let without = src.replace("after = \"assign\"\n", "");
    let problems = pronto_playbook::parse(&without).expect_err("refused without `after`");
    let rendered = pronto_playbook::render_problems(&problems, "agency.toml", &without);
    assert_eq!(problems.len(), 2, "{rendered}");
    for rule in ["walk-in-entered-by-a-colleague", "walk-in-entered-by-the-consultant"] {
        let want = format!("rule `{rule}`: `entered_by` reads the owner, which rule `assign` above it changes");
        assert!(rendered.lines().any(|l| l.contains(&want)), "{want}\n{rendered}");
    }
    // And they do come after it (moved above it, `after` is refused: tests/broken/rule_after_problems.toml).
    let pb = pronto_playbook::parse(src).expect("valid");
    let order: Vec<&str> = pb.rules.iter().filter(|r| r.on.as_str() == "lead.received").map(|r| r.id.as_str()).collect();
    let assign = order.iter().position(|r| *r == "assign").expect("an assign rule");
    assert!(order.iter().position(|r| *r == "walk-in-entered-by-the-consultant").is_some_and(|w| w > assign), "{order:?}");
}
