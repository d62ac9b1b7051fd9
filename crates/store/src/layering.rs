//! A check on the store's own shape: no module imports one that imports it back. Every
//! `crate::…` path of every source file is resolved to the module that defines it (the crate
//! root's re-exports to their home: `StoreError`, `Result` to `error`; `micros`, `params` to
//! `engine`); the crate root itself (`lib.rs`, which declares every module and the `Store`
//! trait they implement) is left out. The test fails naming any cycle, and prints the order
//! the modules build on each other in (`cargo test -p pronto-store layering -- --nocapture`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What the crate root re-exports from a module (items only; modules resolve by name).
const ROOT_ITEMS: &[(&str, &str)] = &[
    ("StoreError", "error"),
    ("Result", "error"),
    ("micros", "engine"),
    ("from_micros", "engine"),
    ("params", "engine"),
    ("Playbooks", "playbooks"),
    ("IdempotencyKey", "write::leads"),
    ("NewUserRecord", "write::users"),
    ("UserPatch", "write::users"),
    ("TOKEN_USE_GRAIN", "write::access"),
    ("parse_hours", "process"),
];

fn modules(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("src is readable").flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        if p.is_dir() {
            modules(&p, &format!("{prefix}{name}::"), out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let module = match name.as_str() {
                "lib" if prefix.is_empty() => continue,
                "mod" => prefix.trim_end_matches("::").to_owned(),
                _ => format!("{prefix}{name}"),
            };
            out.insert(module, std::fs::read_to_string(&p).expect("a source file is readable"));
        }
    }
}

/// The paths a `crate::` reference names: `crate::a::{b, c::d}` → `a::b`, `a::c::d`.
fn paths(text: &str) -> Vec<String> {
    fn group(s: &[u8], mut i: usize, base: &str, out: &mut Vec<String>) -> usize {
        let mut cur = base.to_owned();
        loop {
            let start = i;
            while i < s.len() && (s[i].is_ascii_alphanumeric() || s[i] == b'_') {
                i += 1;
            }
            let ident = std::str::from_utf8(&s[start..i]).unwrap_or_default();
            if !ident.is_empty() {
                cur = if cur.is_empty() { ident.to_owned() } else { format!("{cur}::{ident}") };
            }
            let brace = if s[i..].starts_with(b"::{") {
                Some(3)
            } else if ident.is_empty() && s[i..].starts_with(b"{") {
                Some(1)
            } else {
                None
            };
            if let Some(skip) = brace {
                i += skip;
                loop {
                    while i < s.len() && (s[i] == b' ' || s[i] == b'\n' || s[i] == b',') {
                        i += 1;
                    }
                    if i >= s.len() || s[i] == b'}' {
                        return i + 1;
                    }
                    i = group(s, i, &cur, out);
                }
            }
            if s[i..].starts_with(b"::") {
                i += 2;
                continue;
            }
            out.push(cur);
            // Skip ` as x` and the like up to the next separator.
            while i < s.len() && !matches!(s[i], b',' | b'}' | b';' | b'(' | b')' | b'\n' | b' ' | b'<' | b'>' | b'.' | b'!') {
                i += 1;
            }
            return i;
        }
    }
    let s = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("crate::") {
        let i = from + at + "crate::".len();
        // `$crate::` in a macro is the same crate.
        from = group(s, i, "", &mut out).max(i);
    }
    out
}

/// Each module and the modules it uses.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = BTreeMap::new();
    modules(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), "", &mut files);
    let names: BTreeSet<String> = files.keys().cloned().collect();
    let mut g = BTreeMap::new();
    for (module, text) in &files {
        let mut uses = BTreeSet::new();
        for p in paths(text) {
            // The longest module the path starts with, else a root item's home.
            let mut target = None;
            let parts: Vec<&str> = p.split("::").collect();
            for n in (1..=parts.len()).rev() {
                let prefix = parts[..n].join("::");
                if names.contains(&prefix) {
                    target = Some(prefix);
                    break;
                }
            }
            let target = target.or_else(|| ROOT_ITEMS.iter().find(|(item, _)| *item == parts[0]).map(|(_, m)| (*m).to_owned()));
            if let Some(t) = target
                && t != *module
                && !module.starts_with(&format!("{t}::"))
            {
                uses.insert(t);
            }
        }
        g.insert(module.clone(), uses);
    }
    g
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let g = graph();
    assert!(g.contains_key("tx") && g.contains_key("write::leads"), "modules found: {:?}", g.keys());
    // Layers: a module's layer is one above the highest of what it uses; a cycle never settles.
    let mut layer: BTreeMap<&str, usize> = BTreeMap::new();
    let mut left: Vec<&String> = g.keys().collect();
    while !left.is_empty() {
        let ready: Vec<&String> =
            left.iter().copied().filter(|m| g[*m].iter().all(|d| layer.contains_key(d.as_str()) || !g.contains_key(d))).collect();
        assert!(
            !ready.is_empty(),
            "modules in an import cycle (each waits on another): {:?}",
            left.iter().map(|m| (m.as_str(), &g[*m])).collect::<Vec<_>>()
        );
        for m in ready {
            let l = g[m].iter().filter_map(|d| layer.get(d.as_str())).map(|l| l + 1).max().unwrap_or(0);
            layer.insert(m, l);
        }
        left.retain(|m| !layer.contains_key(m.as_str()));
    }
    let mut by_layer: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (m, l) in &layer {
        by_layer.entry(*l).or_default().push(m);
    }
    for (l, ms) in by_layer {
        println!("{l}: {}", ms.join(", "));
    }
    // The transaction buffer is below every area of the write side.
    for area in g.keys().filter(|m| m.starts_with("write::") || ["mail", "calls", "customer", "schedule", "process"].contains(&m.as_str()))
    {
        assert!(layer[area.as_str()] > layer["tx"], "{area} must build on tx, not under it");
        assert!(!g["tx"].contains(area), "tx imports the area {area}");
    }
}

#[test]
fn paths_are_read_with_their_groups() {
    let p = paths(
        "use crate::{Result, process};\nuse crate::write::{access, leads::{self, X}};\nlet x = crate::facts::apply(c);\n$crate::engine::P::from(v)",
    );
    assert_eq!(p, ["Result", "process", "write::access", "write::leads::self", "write::leads::X", "facts::apply", "engine::P::from"]);
}
