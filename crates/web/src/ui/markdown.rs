//! Call scripts are Markdown written by the admin in the playbook: shown as HTML, with any HTML
//! in the source escaped (shown as text), links only to web, mail and phone addresses, and no
//! images.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// `md` as HTML safe to put into a page as it is.
pub fn script_html(md: &str) -> String {
    let mut in_unsafe_link = Vec::new();
    let events = Parser::new_ext(md, Options::ENABLE_STRIKETHROUGH).filter_map(|e| match e {
        // Raw HTML is shown as the text it is (the writer escapes text).
        Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
        Event::Start(Tag::Link { dest_url, .. }) => {
            let safe = safe_url(&dest_url);
            in_unsafe_link.push(!safe);
            if safe {
                Some(Event::Start(Tag::Link {
                    link_type: pulldown_cmark::LinkType::Inline,
                    dest_url,
                    title: CowStr::Borrowed(""),
                    id: CowStr::Borrowed(""),
                }))
            } else {
                None
            }
        }
        Event::End(TagEnd::Link) => {
            if in_unsafe_link.pop().unwrap_or(false) {
                None
            } else {
                Some(Event::End(TagEnd::Link))
            }
        }
        // An image becomes its description.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        e => Some(e),
    });
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

fn safe_url(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:", "tel:"].iter().any(|p| u.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::script_html;

    #[test]
    fn markdown_renders_and_html_in_it_is_text() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            ("**x**", &["<strong>x</strong>"], &["**"]),
            ("*Promise nothing*", &["<em>Promise nothing</em>"], &[]),
            ("1. one\n2. two", &["<ol>", "<li>one</li>", "<li>two</li>"], &[]),
            ("- a\n- b", &["<ul>", "<li>a</li>"], &[]),
            ("<script>alert(1)</script>", &["&lt;script&gt;alert(1)&lt;/script&gt;"], &["<script>"]),
            ("say <b onmouseover=x>hi</b>", &["&lt;b onmouseover=x&gt;"], &["<b "]),
            ("[call](tel:+420601234567)", &[r#"<a href="tel:+420601234567">call</a>"#], &[]),
            ("[x](javascript:alert(1))", &["x"], &["<a", "javascript"]),
            ("![pic](https://example.com/a.png)", &["pic"], &["<img"]),
        ];
        for (md, has, lacks) in cases {
            let html = script_html(md);
            for h in *has {
                assert!(html.contains(h), "{md:?} → {html:?} lacks {h:?}");
            }
            for l in *lacks {
                assert!(!html.contains(l), "{md:?} → {html:?} has {l:?}");
            }
        }
    }
}
