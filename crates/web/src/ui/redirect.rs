//! Where a form's "back" redirect may go: a path on this site, never another host. Owns the
//! rule and its table; `ui::back` applies it to the `Referer`.
//!
//! Browsers read `//host` and `/\host` as another host (the backslash is a slash to them), and
//! they drop tabs and line breaks inside a URL, so `/<TAB>/host` is `//host` too. A local path
//! is therefore a single `/` followed by a character that is neither `/` nor `\`, with no
//! control character anywhere.

/// True when `path` is a path on this site and nothing else.
pub fn is_local_path(path: &str) -> bool {
    let mut chars = path.chars();
    chars.next() == Some('/') && matches!(chars.next(), Some(c) if c != '/' && c != '\\') && !path.chars().any(char::is_control)
}

/// The path of an absolute `Referer` (`scheme://host/path?query`) if it is a local path.
pub fn back_path(referer: &str) -> Option<&str> {
    let (scheme, rest) = referer.split_once("://")?;
    if scheme.is_empty() || !scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) {
        return None;
    }
    let path = &rest[rest.find('/')?..];
    is_local_path(path).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_path_on_this_site_is_a_way_back() {
        let table: &[(&str, Option<&str>)] = &[
            ("http://crm.example.com/inbox", Some("/inbox")),
            ("https://crm.example.com/leads/7?tab=mail#x", Some("/leads/7?tab=mail#x")),
            ("http://127.0.0.1:8080/tasks", Some("/tasks")),
            ("http://crm.example.com/a/b//c", Some("/a/b//c")),
            ("http://crm.example.com/a\\b", Some("/a\\b")),
            // Another host, however written.
            ("http://crm.example.com//evil.example", None),
            ("http://crm.example.com/\\evil.example", None),
            ("http://crm.example.com/\\\\evil.example", None),
            ("http://crm.example.com/\t/evil.example", None),
            ("http://crm.example.com/\n/evil.example", None),
            ("http://crm.example.com/x\r\nSet-Cookie: a=b", None),
            // No path, no scheme, nonsense.
            ("http://crm.example.com", None),
            ("http://crm.example.com/", None),
            ("/inbox", None),
            ("://host/inbox", None),
            ("java script://host/x", None),
            ("", None),
        ];
        for (referer, want) in table {
            assert_eq!(back_path(referer), *want, "Referer: {referer:?}");
        }
    }

    #[test]
    fn a_local_path_is_one_slash_then_something_else() {
        for ok in ["/inbox", "/a", "/leads/1", "/?x=1", "/#top", "/a:b", "/ä"] {
            assert!(is_local_path(ok), "{ok:?}");
        }
        for bad in ["", "/", "//x", "/\\x", "x/", "https://x/", "\\/x", "/\u{0}x", "/x\u{7f}", "/x\u{85}"] {
            assert!(!is_local_path(bad), "{bad:?}");
        }
    }
}
