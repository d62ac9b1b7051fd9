//! The one password policy (the API, the web UI, the CLI and the admin's reset all ask here),
//! after NIST SP 800-63B: length over composition, and no password an attacker tries first —
//! one from a list of common and breached passwords shipped in the binary
//! (`data/common-passwords.txt`, Django's list of 20,000, BSD-3-Clause; see `data/README.md`),
//! such a password with digits or symbols around it, one character or pattern repeated, a
//! keyboard or alphabet run, or the user's own login, name or the product's name.

use std::collections::HashSet;
use std::sync::LazyLock;

/// At least this many characters.
pub const MIN_CHARS: usize = 12;
/// At most this many (Argon2 takes any length; this bounds the work a request can ask for).
pub const MAX_CHARS: usize = 256;

static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("../data/common-passwords.txt").lines().map(str::trim).filter(|l| !l.is_empty()).collect());

/// Whether `word` (any case) is on the list of common and breached passwords.
pub fn is_common(word: &str) -> bool {
    COMMON.contains(word.to_lowercase().as_str())
}

/// Why `password` may not be used, or `None`. `context` is what an attacker knows about the
/// account (its login, the person's name); words of three letters or more from it may not
/// appear in the password.
pub fn problem(password: &str, context: &[&str]) -> Option<String> {
    let n = password.chars().count();
    if n < MIN_CHARS {
        return Some(format!("must be at least {MIN_CHARS} characters (it has {n}); a few unrelated words make a good one"));
    }
    if n > MAX_CHARS {
        return Some(format!("must be at most {MAX_CHARS} characters"));
    }
    let lower = password.to_lowercase();
    if is_common(&lower) {
        return Some("is one of the most common passwords, which attackers try first; choose another".into());
    }
    // A common password with digits or symbols before or after it ("password2024!").
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    if core.chars().count() >= 4 && core != lower && is_common(core) {
        return Some(format!("is a common password (`{core}`) with digits or symbols added, which attackers try first; choose another"));
    }
    if repeated(&lower) {
        return Some("repeats one character or pattern; choose something less regular".into());
    }
    if run(&lower) {
        return Some("is a run of the alphabet, the digits or the keyboard; choose something less regular".into());
    }
    let words = context.iter().flat_map(|c| c.split(|ch: char| !ch.is_alphanumeric())).chain(["pronto"]);
    for w in words {
        let w = w.to_lowercase();
        if w.chars().count() >= 3 && lower.contains(&w) {
            return Some(format!("must not contain `{w}` (the login, the person's name or the product's)"));
        }
    }
    None
}

/// One unit repeated: `aaaaaaaaaaaa`, `abcabcabcabc`, `12121212121212`.
fn repeated(s: &str) -> bool {
    let c: Vec<char> = s.chars().collect();
    (1..=c.len() / 2).any(|unit| c.len().is_multiple_of(unit) && c.chunks(unit).all(|ch| ch == &c[..unit]))
}

/// Every character the next one of a row: `abcdefghijkl`, `123456789012`, `qwertyuiop[]`.
fn run(s: &str) -> bool {
    const ROWS: &[&str] =
        &["abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./", "qwertzuiop", "yxcvbnm"];
    let c: Vec<char> = s.chars().collect();
    let next = |a: char, b: char, step: i32| {
        ROWS.iter().any(|row| {
            let r: Vec<char> = row.chars().collect();
            r.iter().enumerate().any(|(i, x)| {
                *x == a && {
                    let j = i as i32 + step;
                    j >= 0 && (j as usize) < r.len() && r[j as usize] == b
                }
            })
        })
    };
    [1, -1].iter().any(|&step| c.windows(2).all(|w| next(w[0], w[1], step)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_table() {
        let ok = None::<&str>;
        let table: &[(&str, &[&str], Option<&str>)] = &[
            ("horse staple battery", &["jana", "Jana Nováková"], ok),
            ("Wintergarden-Ostrava-17", &["jana"], ok),
            ("short", &[], Some("at least 12 characters")),
            ("elevenchars", &[], Some("at least 12 characters")),
            (&"x".repeat(257), &[], Some("at most 256")),
            ("qwertyuiop123", &[], Some("common")),
            ("1q2w3e4r5t6y", &[], Some("most common")),
            ("Password2024!", &[], Some("common password (`password`)")),
            ("!!sunshine!!!", &[], Some("common password (`sunshine`)")),
            ("aaaaaaaaaaaaaa", &[], Some("repeats")),
            ("abcabcabcabc", &[], Some("repeats")),
            ("abcdefghijklm", &[], Some("run")),
            ("098765432109", &[], Some("run")),
            ("jana.novakova-1", &["jana.novakova", "Jana Nováková"], Some("must not contain `jana`")),
            ("my secret NOVÁKOVÁ", &["jn", "Jana Nováková"], Some("must not contain `nováková`")),
            ("pronto-is-our-tool", &[], Some("`pronto`")),
        ];
        for (pw, ctx, want) in table {
            let got = problem(pw, ctx);
            match (want, &got) {
                (None, None) => {}
                (Some(w), Some(g)) => assert!(g.contains(w), "{pw}: {g} should say {w}"),
                _ => panic!("{pw}: expected {want:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn the_shipped_list_is_loaded() {
        assert!(COMMON.len() > 19_000, "{}", COMMON.len());
        assert!(is_common("Password") && is_common("123456") && !is_common("horse staple battery"));
    }
}
