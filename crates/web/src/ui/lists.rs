//! What every list page shares: its parameters read from the address (sort, direction, page
//! and the filters, each checked: a bad value is the default, never an error), the addresses
//! that keep them (sorting keeps the filters, paging keeps both), the sortable headers and the
//! "1–100 of 3,120" line.

use super::i18n::Tr;

/// Rows on a page.
pub(crate) const PAGE: u32 = 100;
/// The last page anyone can ask for (deeper is the last one anyway).
const MAX_PAGE: u32 = 100_000;

/// What a filter accepts.
#[derive(Clone, Copy)]
pub(crate) enum Accept {
    /// Any text up to this many characters (a search).
    Text(usize),
    /// One of these values.
    OneOf(&'static [&'static str]),
    /// A lower-case id (`a-z`, `0-9`, `_`), up to 64 characters (a stage).
    Id,
}

/// A list's sortable columns and its filters.
pub(crate) struct Spec {
    pub sorts: &'static [&'static str],
    pub filters: &'static [(&'static str, Accept)],
}

/// A list's parameters, as the address gave them and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Params {
    /// The sort column (one of the spec's); none: the list's own order.
    pub sort: Option<&'static str>,
    pub desc: bool,
    /// From 1.
    pub page: u32,
    /// The filters given and valid, in the spec's order.
    pub filters: Vec<(&'static str, String)>,
}

fn accepts(a: Accept, v: &str) -> bool {
    match a {
        Accept::Text(max) => v.chars().count() <= max,
        Accept::OneOf(list) => list.contains(&v),
        Accept::Id => v.len() <= 64 && v.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
    }
}

impl Params {
    /// Reads `query` (pairs as the address had them; the last of a repeated key wins).
    pub(crate) fn parse(query: &[(String, String)], spec: &Spec) -> Params {
        let get = |k: &str| query.iter().rev().find(|(key, _)| key == k).map(|(_, v)| v.trim());
        let sort = get("sort").and_then(|s| spec.sorts.iter().copied().find(|c| *c == s));
        let desc = sort.is_some() && get("dir") == Some("desc");
        let page = get("page").and_then(|p| p.parse::<u32>().ok()).filter(|p| *p >= 1).map_or(1, |p| p.min(MAX_PAGE));
        let filters = spec
            .filters
            .iter()
            .filter_map(|(k, a)| get(k).filter(|v| !v.is_empty() && accepts(*a, v)).map(|v| (*k, v.to_owned())))
            .collect();
        Params { sort, desc, page, filters }
    }

    /// A filter's value, or "".
    pub(crate) fn get(&self, key: &str) -> &str {
        self.filters.iter().find(|(k, _)| *k == key).map_or("", |(_, v)| v.as_str())
    }

    pub(crate) fn offset(&self) -> u32 {
        (self.page - 1) * PAGE
    }

    /// The address of `path` with these parameters (the defaults left out).
    pub(crate) fn href(&self, path: &str) -> String {
        let mut pairs: Vec<(&str, String)> = self.filters.iter().map(|(k, v)| (*k, v.clone())).collect();
        if let Some(c) = self.sort {
            pairs.push(("sort", c.to_owned()));
            pairs.push(("dir", if self.desc { "desc" } else { "asc" }.to_owned()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        let q = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        if q.is_empty() { path.to_owned() } else { format!("{path}?{q}") }
    }

    /// Sorted by `col`: ascending first, the other way on the second click; the filters kept,
    /// back to the first page.
    pub(crate) fn sorted_by(&self, col: &'static str) -> Params {
        let desc = self.sort == Some(col) && !self.desc;
        Params { sort: Some(col), desc, page: 1, filters: self.filters.clone() }
    }

    /// Page `page`, with the same sort and filters.
    pub(crate) fn at_page(&self, page: u32) -> Params {
        Params { page: page.max(1), ..self.clone() }
    }
}

/// A column's header: its words, the address that sorts by it, and how it is sorted now.
pub(crate) struct Header {
    pub label: String,
    /// None: not sortable.
    pub href: Option<String>,
    /// `ascending`, `descending` or `none` (for `aria-sort`).
    pub aria: &'static str,
    pub arrow: &'static str,
}

/// The headers of a list: (column key or "" when not sortable, words key).
pub(crate) fn headers(t: &Tr, p: &Params, path: &str, cols: &[(&'static str, &str)]) -> Vec<Header> {
    cols.iter()
        .map(|(col, key)| {
            let label = t.t(key);
            if col.is_empty() {
                return Header { label, href: None, aria: "none", arrow: "" };
            }
            let (aria, arrow) = match (p.sort == Some(*col), p.desc) {
                (true, false) => ("ascending", "▲"),
                (true, true) => ("descending", "▼"),
                _ => ("none", ""),
            };
            Header { label, href: Some(p.sorted_by(col).href(path)), aria, arrow }
        })
        .collect()
}

/// Where a list stands: "1–100 of 3,120", and the previous and next pages.
pub(crate) struct Pager {
    pub range: String,
    pub prev: Option<String>,
    pub next: Option<String>,
}

/// `n` with the reader's thousands separator.
pub(crate) fn number(n: i64, lang: &str) -> String {
    let sep = match lang {
        "en" | "he" => ",",
        _ => "\u{a0}",
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

pub(crate) fn pager(t: &Tr, p: &Params, path: &str, shown: usize, total: i64) -> Pager {
    let first = i64::from(p.offset()) + 1;
    let last = i64::from(p.offset()) + shown as i64;
    let range = if shown == 0 {
        t.with("lists-range-none", &[("total", &number(total, t.lang))])
    } else {
        t.with("lists-range", &[("first", &number(first, t.lang)), ("last", &number(last, t.lang)), ("total", &number(total, t.lang))])
    };
    let prev = (p.page > 1).then(|| p.at_page(p.page - 1).href(path));
    let next = (last < total && shown > 0).then(|| p.at_page(p.page + 1).href(path));
    Pager { range, prev, next }
}

/// The last page of `total` rows (at least 1).
pub(crate) fn last_page(total: i64) -> u32 {
    (((total.max(1) - 1) / i64::from(PAGE)) + 1).min(i64::from(MAX_PAGE)) as u32
}

/// A query string as pairs (a bad encoding: none).
pub(crate) fn pairs(raw: Option<&str>) -> Vec<(String, String)> {
    serde_urlencoded::from_str(raw.unwrap_or("")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: Spec = Spec {
        sorts: &["received", "contact", "owner"],
        filters: &[("q", Accept::Text(10)), ("channel", Accept::OneOf(&["web", "phone"])), ("stage", Accept::Id)],
    };

    fn parse(q: &str) -> Params {
        Params::parse(&pairs(Some(q)), &SPEC)
    }

    #[test]
    fn list_parameters_read_from_the_address_bad_values_are_the_defaults() {
        let f = |v: &[(&'static str, &str)]| v.iter().map(|(k, v)| (*k, v.to_string())).collect::<Vec<_>>();
        let cases: Vec<(&str, Option<&str>, bool, u32, Vec<(&str, String)>)> = vec![
            ("", None, false, 1, vec![]),
            ("sort=contact", Some("contact"), false, 1, vec![]),
            ("sort=contact&dir=desc", Some("contact"), true, 1, vec![]),
            ("sort=contact&dir=sideways", Some("contact"), false, 1, vec![]),
            ("sort=password&dir=desc", None, false, 1, vec![]),
            ("sort=received%3B+DROP+TABLE+leads", None, false, 1, vec![]),
            ("dir=desc", None, false, 1, vec![]),
            ("page=3", None, false, 3, vec![]),
            ("page=0", None, false, 1, vec![]),
            ("page=-2", None, false, 1, vec![]),
            ("page=abc", None, false, 1, vec![]),
            ("page=99999999999999", None, false, 1, vec![]),
            ("page=4000000", None, false, MAX_PAGE, vec![]),
            ("q=+nov%C3%A1k+", None, false, 1, f(&[("q", "novák")])),
            ("q=far+too+long+a+search", None, false, 1, vec![]),
            ("channel=web&stage=offer", None, false, 1, f(&[("channel", "web"), ("stage", "offer")])),
            ("stage=offer&channel=web", None, false, 1, f(&[("channel", "web"), ("stage", "offer")])),
            ("channel=fax&stage=Offer%21", None, false, 1, vec![]),
            ("q=&channel=", None, false, 1, vec![]),
            ("channel=web&channel=phone", None, false, 1, f(&[("channel", "phone")])),
            ("unknown=1&page=2&sort=owner&dir=asc", Some("owner"), false, 2, vec![]),
            ("%FF%FE=%C0&page=2", None, false, 2, vec![]),
        ];
        for (q, sort, desc, page, filters) in cases {
            assert_eq!(parse(q), Params { sort, desc, page, filters }, "{q}");
        }
    }

    #[test]
    fn addresses_keep_the_filters_sorting_keeps_them_paging_keeps_both() {
        let p = parse("q=nov%C3%A1k&channel=web&sort=contact&dir=desc&page=3");
        assert_eq!(p.href("/inbox"), "/inbox?q=nov%C3%A1k&channel=web&sort=contact&dir=desc&page=3");
        assert_eq!(parse(&p.href("/inbox")["/inbox?".len()..]), p, "the address reads back as it was");
        // Sorting: the filters stay, back to page 1; the same column again turns the order.
        assert_eq!(p.sorted_by("owner").href("/inbox"), "/inbox?q=nov%C3%A1k&channel=web&sort=owner&dir=asc");
        assert_eq!(p.sorted_by("contact").href("/inbox"), "/inbox?q=nov%C3%A1k&channel=web&sort=contact&dir=asc");
        assert_eq!(p.sorted_by("contact").sorted_by("contact").href("/inbox"), "/inbox?q=nov%C3%A1k&channel=web&sort=contact&dir=desc");
        // Paging: filters and sort stay.
        assert_eq!(p.at_page(4).href("/inbox"), "/inbox?q=nov%C3%A1k&channel=web&sort=contact&dir=desc&page=4");
        assert_eq!(p.at_page(1).href("/inbox"), "/inbox?q=nov%C3%A1k&channel=web&sort=contact&dir=desc");
        assert_eq!(parse("").href("/leads"), "/leads");
        assert_eq!(parse("q=a%26b%3Dc").href("/leads"), "/leads?q=a%26b%3Dc", "escaped");
    }

    #[test]
    fn the_pager_says_where_the_list_stands() {
        let t = Tr::new("en");
        let p = parse("channel=web&page=2");
        let g = pager(&t, &p, "/inbox", 100, 3120);
        assert_eq!(g.range, "101–200 of 3,120");
        assert_eq!(g.prev.as_deref(), Some("/inbox?channel=web"));
        assert_eq!(g.next.as_deref(), Some("/inbox?channel=web&page=3"));
        let g = pager(&t, &parse(""), "/inbox", 20, 20);
        assert_eq!((g.range.as_str(), g.prev, g.next), ("1–20 of 20", None, None));
        let g = pager(&t, &parse("page=32"), "/inbox", 20, 3120);
        assert_eq!((g.range.as_str(), g.next), ("3,101–3,120 of 3,120", None));
        assert_eq!(number(3120, "cs"), "3\u{a0}120");
        assert_eq!(number(1_234_567, "en"), "1,234,567");
        assert_eq!(number(999, "en"), "999");
        assert_eq!(number(0, "pl"), "0");
        assert_eq!((last_page(0), last_page(100), last_page(101), last_page(3120)), (1, 1, 2, 32));
    }

    #[test]
    fn headers_link_to_their_order_and_say_the_current_one() {
        let t = Tr::new("en");
        let p = parse("q=x&sort=contact");
        let h = headers(&t, &p, "/leads", &[("contact", "contact"), ("", "subject"), ("owner", "owner")]);
        assert_eq!((h[0].aria, h[0].arrow, h[0].href.as_deref()), ("ascending", "▲", Some("/leads?q=x&sort=contact&dir=desc")));
        assert_eq!((h[1].aria, h[1].href.as_deref()), ("none", None));
        assert_eq!((h[2].aria, h[2].href.as_deref()), ("none", Some("/leads?q=x&sort=owner&dir=asc")));
    }
}
