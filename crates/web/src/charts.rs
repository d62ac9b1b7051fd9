//! Server-rendered SVG charts for the report pages.
//!
//! Each function returns a self-contained `<svg>` string: no script, no `style=` attributes
//! and no `<style>` element (the page CSP forbids inline styles), only SVG presentation
//! attributes (`fill`, `font-size`, …) that the page stylesheet can override through the
//! classes `chart`, `bar`, `label`, `figure` (plus `title`, `axis` and `item` for the row
//! groups). The drawing uses a fixed 400-unit-wide `viewBox` with `width="100%"`, so it
//! scales down to a 360 px phone while the 12-unit text stays readable.
//!
//! All caller text is XML-escaped; labels that do not fit are shortened by characters
//! (never inside a UTF-8 sequence, never between a letter and its combining mark) and end
//! in "…", while the full label and figure stay available in each item's `<title>` tooltip.
//! With `rtl` the drawing is mirrored: bars grow from the right edge, labels sit on the
//! right, every `<text>` carries `direction="rtl"`, and trend columns run right to left.

use pronto_playbook::diagram::escape as esc;
use std::fmt::Write;

/// One bar, funnel step or trend point.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bar {
    /// Caption, already translated by the caller.
    pub label: String,
    /// Length of the bar; negative, NaN and infinite values count as 0.
    pub value: f64,
    /// The figure shown next to the bar, already formatted (e.g. "12 min", "34 %").
    pub text: String,
    /// Optional drill-down link; when present the item (bar, label, figure) is wrapped in
    /// `<a href>`. Only relative links and `http`, `https` and `mailto` URLs are linked.
    pub href: Option<String>,
}

/// Width of the `viewBox`.
const W: f64 = 400.0;
/// Outer padding.
const PAD: f64 = 8.0;
/// Height of the title band.
const TITLE_H: f64 = 32.0;
/// Gap between a label or figure and its bar.
const GAP: f64 = 6.0;
/// Average advance of a character at font size 12, used to fit text into a width.
const CHAR_W: f64 = 6.6;
/// Default bar colour; CSS on `.bar` overrides it.
const FILL: &str = "#2563eb";

/// Horizontal bars (e.g. response times by bucket, or a figure per channel): label column,
/// bar proportional to the largest value, figure just past the end of the bar.
pub fn bars(title: &str, bars: &[Bar], rtl: bool) -> String {
    const ROW_H: f64 = 26.0;
    const LABEL_W: f64 = 120.0;
    const FIG_W: f64 = 64.0;
    let x0 = LABEL_W + GAP;
    let scale = scale(bars, W - x0 - FIG_W);
    let mut svg = Svg::open("bars", title, TITLE_H + bars.len() as f64 * ROW_H + PAD, rtl);
    for (i, bar) in bars.iter().enumerate() {
        let y = TITLE_H + i as f64 * ROW_H;
        let w = value(bar) * scale;
        let linked = svg.item_open(bar);
        svg.rect(x0, y + 4.0, w, ROW_H - 8.0);
        svg.label(LABEL_W, y + ROW_H / 2.0, "end", &bar.label, chars_in(LABEL_W));
        svg.text("figure", x0 + w + 4.0, y + ROW_H / 2.0, "start", &bar.text);
        svg.item_close(linked);
    }
    svg.finish()
}

/// A funnel: one row per step, bars centred in the middle column with widths proportional
/// to the value; the label sits on the leading side and the step's `text` on the trailing one.
pub fn funnel(title: &str, steps: &[Bar], rtl: bool) -> String {
    const ROW_H: f64 = 30.0;
    const LABEL_W: f64 = 110.0;
    const FIG_W: f64 = 64.0;
    let x0 = LABEL_W + GAP;
    let len = W - x0 - FIG_W - GAP;
    let scale = scale(steps, len);
    let mut svg = Svg::open("funnel", title, TITLE_H + steps.len() as f64 * ROW_H + PAD, rtl);
    for (i, step) in steps.iter().enumerate() {
        let y = TITLE_H + i as f64 * ROW_H;
        let w = value(step) * scale;
        let linked = svg.item_open(step);
        svg.rect(x0 + (len - w) / 2.0, y + 3.0, w, ROW_H - 6.0);
        svg.label(LABEL_W, y + ROW_H / 2.0, "end", &step.label, chars_in(LABEL_W));
        svg.text("figure", x0 + len + GAP, y + ROW_H / 2.0, "start", &step.text);
        svg.item_close(linked);
    }
    svg.finish()
}

/// Vertical columns over time (e.g. a trend by week), heights proportional to the largest
/// value, figures above the columns (omitted when they do not fit the column's slot; the
/// tooltip keeps them) and labels underneath. With `rtl` the first point is on the right.
pub fn trend(title: &str, points: &[Bar], rtl: bool) -> String {
    const FIG_H: f64 = 18.0;
    const PLOT_H: f64 = 140.0;
    const LABEL_H: f64 = 20.0;
    let base = TITLE_H + FIG_H + PLOT_H;
    let scale = scale(points, PLOT_H);
    let mut svg = Svg::open("trend", title, base + LABEL_H + PAD, rtl);
    let _ = write!(
        svg.out,
        r#"<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-opacity="0.4"/>"#,
        num(PAD),
        num(base),
        num(W - PAD),
        num(base)
    );
    // `n >= 1` inside the loop, so the slot width is always finite.
    let slot = (W - 2.0 * PAD) / points.len().max(1) as f64;
    for (i, point) in points.iter().enumerate() {
        let left = PAD + i as f64 * slot; // mirrored by `Svg` when rtl
        let h = value(point) * scale;
        let linked = svg.item_open(point);
        svg.rect(left + slot * 0.15, base - h, slot * 0.7, h);
        if point.text.chars().count() as f64 * CHAR_W <= slot {
            svg.text("figure", left + slot / 2.0, base - h - 8.0, "middle", &point.text);
        }
        svg.text("label", left + slot / 2.0, base + LABEL_H / 2.0 + 2.0, "middle", &shorten(&point.label, chars_in(slot)));
        svg.item_close(linked);
    }
    svg.finish()
}

/// Two series side by side (the staffing simulator's "as now" and "changed", issue 23): one
/// row per label with the first series' bar above the second's, both on one scale, and a
/// legend under the title naming them. `a` and `b` carry the same labels in the same order;
/// the second series' bars carry the class `bar-b` (and a lighter fill) for the stylesheet.
pub fn pairs(title: &str, legend: (&str, &str), a: &[Bar], b: &[Bar], rtl: bool) -> String {
    const ROW_H: f64 = 34.0;
    const LEGEND_H: f64 = 20.0;
    const LABEL_W: f64 = 96.0;
    const FIG_W: f64 = 64.0;
    const FILL_B: &str = "#f59e0b";
    let x0 = LABEL_W + GAP;
    let both: Vec<Bar> = a.iter().chain(b).cloned().collect();
    let scale = scale(&both, W - x0 - FIG_W);
    let top = TITLE_H + LEGEND_H;
    let mut svg = Svg::open("pairs", title, top + a.len() as f64 * ROW_H + PAD, rtl);
    // The legend: a swatch and the name of each series.
    let half = (W - 2.0 * PAD) / 2.0;
    for (k, (name, fill)) in [(legend.0, FILL), (legend.1, FILL_B)].into_iter().enumerate() {
        let x = PAD + k as f64 * half;
        let sx = if rtl { W - x - 12.0 } else { x };
        let _ = write!(
            svg.out,
            r#"<rect class="swatch{}" x="{}" y="{}" width="12" height="12" fill="{fill}"/>"#,
            if k == 1 { " bar-b" } else { "" },
            num(sx),
            num(TITLE_H + 2.0)
        );
        svg.text("legend", x + 16.0, TITLE_H + 8.0, "start", &shorten(name, chars_in(half - 20.0)));
    }
    for (i, (x, y_bar)) in a.iter().zip(b).enumerate() {
        let y = top + i as f64 * ROW_H;
        svg.label(LABEL_W, y + ROW_H / 2.0, "end", &x.label, chars_in(LABEL_W));
        for (k, bar) in [x, y_bar].into_iter().enumerate() {
            let by = y + 3.0 + k as f64 * 14.0;
            let w = value(bar) * scale;
            let linked = svg.item_open(bar);
            let bx = if rtl { W - x0 - w } else { x0 };
            let _ = write!(
                svg.out,
                r#"<rect class="bar{}" x="{}" y="{}" width="{}" height="12" fill="{}"/>"#,
                if k == 1 { " bar-b" } else { "" },
                num(bx),
                num(by),
                num(w),
                if k == 1 { FILL_B } else { FILL }
            );
            svg.text_with("figure", x0 + w + 4.0, by + 6.0, "start", &bar.text, r#" font-size="11""#);
            svg.item_close(linked);
        }
    }
    svg.finish()
}

/// An SVG document under construction; mirrors x coordinates when right-to-left.
struct Svg {
    out: String,
    rtl: bool,
}

impl Svg {
    /// Writes the root element, its `<title>` and the visible title.
    fn open(kind: &str, title: &str, height: f64, rtl: bool) -> Self {
        let t = esc(title);
        let mut svg = Svg { out: String::with_capacity(2048), rtl };
        let _ = write!(
            svg.out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" role="img" aria-label="{t}" viewBox="0 0 {} {}" width="100%" font-size="12"><title>{t}</title>"#,
            num(W),
            num(height)
        );
        let visible = shorten(title, ((W - 2.0 * PAD) / (CHAR_W * 1.25)) as usize);
        svg.text_with("title", PAD, TITLE_H / 2.0, "start", &visible, r#" font-size="15" font-weight="bold""#);
        svg
    }

    /// A bar occupying `[x, x + w]` in left-to-right coordinates.
    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        let x = if self.rtl { W - x - w } else { x };
        let _ =
            write!(self.out, r#"<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="{FILL}"/>"#, num(x), num(y), num(w), num(h));
    }

    /// A text vertically centred on `y`, anchored at `x` (left-to-right coordinates). The
    /// anchor keyword is kept when mirroring: under `direction="rtl"` "start" means the right
    /// edge and "end" the left one, which is exactly the mirror image.
    fn text(&mut self, class: &str, x: f64, y: f64, anchor: &str, s: &str) {
        self.text_with(class, x, y, anchor, s, "");
    }

    /// A row's label centred on `y`: on one line when it fits `max` characters, else on two
    /// (broken between words), shortened only beyond that — the tooltip keeps it whole.
    fn label(&mut self, x: f64, y: f64, anchor: &str, s: &str, max: usize) {
        let lines = wrap(s, max, 2);
        if lines.len() < 2 {
            self.text("label", x, y, anchor, lines.first().map(String::as_str).unwrap_or(""));
            return;
        }
        for (i, line) in lines.iter().enumerate() {
            let dy = if i == 0 { -6.5 } else { 6.5 };
            self.text_with("label", x, y + dy, anchor, line, r#" font-size="11""#);
        }
    }

    fn text_with(&mut self, class: &str, x: f64, y: f64, anchor: &str, s: &str, extra: &str) {
        let (x, dir) = if self.rtl { (W - x, r#" direction="rtl""#) } else { (x, "") };
        let _ = write!(
            self.out,
            r#"<text class="{class}" x="{}" y="{}" text-anchor="{anchor}" dominant-baseline="central" fill="currentColor"{dir}{extra}>{}</text>"#,
            num(x),
            num(y),
            esc(s)
        );
    }

    /// Opens an item: the link (when the href is safe), a group and its tooltip. Returns
    /// whether a link was opened, for [`Svg::item_close`].
    fn item_open(&mut self, bar: &Bar) -> bool {
        let href = bar.href.as_deref().filter(|h| safe_href(h));
        if let Some(h) = href {
            let _ = write!(self.out, r#"<a href="{}">"#, esc(h));
        }
        let _ = write!(self.out, r#"<g class="item"><title>{}: {}</title>"#, esc(&bar.label), esc(&bar.text));
        href.is_some()
    }

    fn item_close(&mut self, linked: bool) {
        self.out.push_str(if linked { "</g></a>" } else { "</g>" });
    }

    fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

/// The value drawn for a bar: negative, NaN and infinite values count as 0.
fn value(b: &Bar) -> f64 {
    if b.value.is_finite() && b.value > 0.0 { b.value } else { 0.0 }
}

/// Units per value so that the largest value spans `len`; 0 when there is nothing to draw.
fn scale(bars: &[Bar], len: f64) -> f64 {
    let max = bars.iter().map(value).fold(0.0, f64::max);
    if max > 0.0 { len / max } else { 0.0 }
}

/// How many characters fit in `width` units.
fn chars_in(width: f64) -> usize {
    ((width / CHAR_W) as usize).max(1)
}

/// Formats a coordinate (always finite here) with at most two decimals.
fn num(x: f64) -> String {
    let s = format!("{:.2}", x);
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// `s` in at most `lines` lines of at most `max` characters, broken between words (a word
/// longer than a line is broken inside); the last line ends in "…" when the rest did not fit.
fn wrap(s: &str, max: usize, lines: usize) -> Vec<String> {
    let max = max.max(2);
    if s.chars().count() <= max || lines <= 1 {
        return vec![shorten(s, max)];
    }
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut words = s.split_whitespace().peekable();
    while let Some(w) = words.next() {
        let n = cur.chars().count();
        let fits = if n == 0 { w.chars().count() <= max } else { n + 1 + w.chars().count() <= max };
        if fits {
            if n > 0 {
                cur.push(' ');
            }
            cur.push_str(w);
            continue;
        }
        if out.len() + 1 == lines {
            // The last line: the rest of the words, shortened.
            let rest: Vec<&str> = std::iter::once(w).chain(words).collect();
            let joined = if cur.is_empty() { rest.join(" ") } else { format!("{cur} {}", rest.join(" ")) };
            out.push(shorten(&joined, max));
            return out;
        }
        if n > 0 {
            out.push(std::mem::take(&mut cur));
        }
        if w.chars().count() <= max {
            cur.push_str(w);
        } else {
            // A word longer than a line: its start here, the rest on the next.
            let head: String = w.chars().take(max).collect();
            let tail: String = w.chars().skip(max).collect();
            out.push(head);
            if out.len() == lines {
                let last = out.pop().unwrap_or_default();
                out.push(shorten(&format!("{last}{tail}"), max));
                return out;
            }
            cur = tail;
        }
    }
    if !cur.is_empty() {
        out.push(if out.len() + 1 == lines { shorten(&cur, max) } else { cur });
    }
    out
}

/// Shortens `s` to at most `max` characters, ending in "…" when cut. Counts chars, not
/// bytes, and never leaves a combining mark without its base letter.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i + 1 >= max && !is_combining(c) {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Combining marks common in the supported scripts (Latin diacritics, Cyrillic, Hebrew
/// points) and the zero-width joiner.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{483}'..='\u{489}' | '\u{591}'..='\u{5C7}' | '\u{200D}')
}

/// Links only relative URLs and http(s)/mailto ones (no `javascript:` and the like).
fn safe_href(h: &str) -> bool {
    match h.split_once(':') {
        None => true,
        Some((scheme, _)) if scheme.contains(['/', '?', '#']) => true,
        Some((scheme, _)) => ["http", "https", "mailto"].iter().any(|s| scheme.eq_ignore_ascii_case(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::events::Event;

    /// An element: its name and attributes.
    type Element = (String, Vec<(String, String)>);

    /// Parses `svg` as XML, asserting it is well formed with a single `<svg>` root; returns
    /// the elements in document order and the concatenated, unescaped text.
    fn parse(svg: &str) -> (Vec<Element>, String) {
        let mut reader = quick_xml::Reader::from_str(svg);
        let (mut elements, mut text, mut depth, mut roots) = (Vec::new(), String::new(), 0, 0);
        loop {
            let event = reader.read_event().unwrap_or_else(|e| panic!("bad XML {e}: {svg}"));
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    if depth == 0 {
                        roots += 1;
                        assert_eq!(e.name().as_ref(), "svg");
                    }
                    let attrs = e
                        .attributes()
                        .map(|a| {
                            let a = a.expect("attribute");
                            let key = a.key.as_ref().to_owned();
                            (key, a.normalized_value(quick_xml::XmlVersion::Implicit1_0).expect("attribute value").into_owned())
                        })
                        .collect();
                    elements.push((e.name().as_ref().to_owned(), attrs));
                    if matches!(event, Event::Start(_)) {
                        depth += 1;
                    }
                }
                Event::End(_) => depth -= 1,
                Event::Text(t) => text.push_str(&t.xml10_content()),
                Event::GeneralRef(r) => text.push(match r.as_ref() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("unknown entity {other}"),
                }),
                Event::Eof => break,
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!((depth, roots), (0, 1), "unbalanced: {svg}");
        (elements, text)
    }

    fn attr(e: &Element, name: &str) -> f64 {
        let v = &e.1.iter().find(|(k, _)| k == name).unwrap().1;
        v.parse().unwrap_or_else(|_| panic!("{name}={v}"))
    }

    /// The `class="bar"` rects of a chart.
    fn rects(svg: &str) -> Vec<Element> {
        parse(svg).0.into_iter().filter(|(n, a)| n == "rect" && a.iter().any(|(k, v)| k == "class" && v == "bar")).collect()
    }

    fn bar(label: &str, value: f64) -> Bar {
        Bar { label: label.into(), value, text: format!("{value}"), href: None }
    }

    type Chart = fn(&str, &[Bar], bool) -> String;
    const ALL: [Chart; 3] = [bars, funnel, trend];

    #[test]
    fn long_names_wrap_onto_two_lines_before_they_are_cut() {
        assert_eq!(wrap("Jana Nováková", 18, 2), vec!["Jana Nováková"]);
        assert_eq!(wrap("Marie Svobodová-Dvořáková", 18, 2), vec!["Marie", "Svobodová-Dvořáko…"]);
        assert_eq!(wrap("Pekárna Svoboda s.r.o. Brno", 18, 2), vec!["Pekárna Svoboda", "s.r.o. Brno"]);
        assert_eq!(wrap("first response within ten working minutes", 18, 2), vec!["first response", "within ten workin…"]);
        // Every character of a name that fits two lines is shown.
        assert_eq!(wrap("Aleksandra Wiśniewska", 18, 2), vec!["Aleksandra", "Wiśniewska"]);
        let svg = bars("t", &[bar("Aleksandra Wiśniewska", 3.0)], false);
        assert!(svg.contains(">Aleksandra</text>") && svg.contains(">Wiśniewska</text>"), "{svg}");
    }

    #[test]
    fn text_is_escaped() {
        let b =
            Bar { label: "<script>alert('x')</script>".into(), value: 1.0, text: "a & b \"c\"".into(), href: Some("/r?a=1&b=<2>".into()) };
        for chart in ALL {
            for rtl in [false, true] {
                let svg = chart("Tom & Jerry's <b>", std::slice::from_ref(&b), rtl);
                assert!(!svg.contains("<script") && !svg.contains("<b>"), "{svg}");
                let (elements, text) = parse(&svg);
                assert!(text.contains("Tom & Jerry's <b>"), "{text}");
                assert!(text.contains("<script>alert('x')</script>: a & b \"c\""), "{text}");
                let root = &elements[0].1;
                assert!(root.contains(&("aria-label".into(), "Tom & Jerry's <b>".into())));
                assert!(root.contains(&("role".into(), "img".into())));
                assert!(root.contains(&("width".into(), "100%".into())));
                assert!(root.iter().any(|(k, _)| k == "viewBox"));
                assert!(!svg.contains("style"));
            }
        }
    }

    #[test]
    fn rtl_mirrors() {
        let data = [bar("jedna", 1.0), bar("dva", 2.0)];
        for chart in [bars, funnel] {
            let ltr = rects(&chart("t", &data, false));
            let rtl = rects(&chart("t", &data, true));
            // The mirrored rect's right edge is the LTR rect's left edge, seen from the right.
            let (l, r) = (&ltr[0], &rtl[0]);
            assert!((W - attr(r, "x") - attr(r, "width") - attr(l, "x")).abs() < 0.02);
        }
        let (l, r) = (&rects(&bars("t", &data, false))[0], &rects(&bars("t", &data, true))[0]);
        assert!(attr(r, "x") > attr(l, "x"), "the first bar sits further right in RTL");
        assert!(attr(l, "x") < W / 2.0 && attr(r, "x") + attr(r, "width") > W / 2.0, "it grows from the right");
        let svg = bars("שלום", &[bar("עברית", 1.0)], true);
        assert!(svg.contains(r#"direction="rtl""#) && svg.contains("עברית"));
        assert!(!bars("t", &data, false).contains("direction"));
        // Trend: the first point is on the left in LTR and on the right in RTL.
        let ltr = rects(&trend("t", &data, false));
        let rtl = rects(&trend("t", &data, true));
        assert!(attr(&ltr[0], "x") < attr(&ltr[1], "x"));
        assert!(attr(&rtl[0], "x") > attr(&rtl[1], "x"));
    }

    #[test]
    fn empty_zero_and_bad_values_render() {
        let zeros = [bar("a", 0.0), bar("b", 0.0)];
        let bad = [bar("neg", -5.0), bar("nan", f64::NAN), bar("inf", f64::INFINITY)];
        for chart in ALL {
            for rtl in [false, true] {
                let empty = chart("Prázdné", &[], rtl);
                assert!(rects(&empty).is_empty() && parse(&empty).1.contains("Prázdné"));
                for data in [&zeros[..], &bad[..]] {
                    let svg = chart("t", data, rtl);
                    parse(&svg);
                    for r in rects(&svg) {
                        assert_eq!(attr(&r, "width").min(attr(&r, "height")), 0.0, "{svg}");
                    }
                    let markup: String = svg.split('>').map(|s| s.split('<').nth(1).unwrap_or("")).collect();
                    assert!(!markup.contains("NaN") && !markup.contains("inf"), "{svg}");
                }
            }
        }
    }

    #[test]
    fn hrefs_become_links() {
        let mut b = bar("Web", 3.0);
        b.href = Some("/reports/leads?channel=web&week=3".into());
        let evil = Bar { href: Some("JavaScript:alert(1)".into()), ..bar("x", 1.0) };
        for chart in ALL {
            let (elements, _) = parse(&chart("t", &[b.clone(), evil.clone(), bar("Phone", 1.0)], false));
            let links: Vec<_> = elements.iter().filter(|(n, _)| n == "a").collect();
            assert_eq!(links.len(), 1);
            assert_eq!(links[0].1, [("href".to_string(), "/reports/leads?channel=web&week=3".to_string())]);
        }
        assert!(safe_href("https://example.com/x") && safe_href("?q=a:b") && !safe_href(" javascript:x"));
    }

    #[test]
    fn sizes_are_proportional() {
        let data = [bar("one", 1.0), bar("two", 2.0), bar("zero", 0.0)];
        for (chart, dim) in [(bars as Chart, "width"), (funnel, "width"), (trend, "height")] {
            for rtl in [false, true] {
                let r = rects(&chart("t", &data, rtl));
                let (one, two) = (attr(&r[0], dim), attr(&r[1], dim));
                assert!(one > 0.0 && (two - 2.0 * one).abs() < 0.02, "{one} {two}");
                assert_eq!(attr(&r[2], dim), 0.0);
            }
        }
    }

    #[test]
    fn any_script_survives() {
        let long = "Žluťoučký kůň úpěl ďábelské ódy — Съешь же ещё этих мягких булок";
        let data = [bar(long, 1.0), bar("קבלת פנים", 2.0), bar("Ответ\u{301} по телефону", 3.0)];
        for chart in ALL {
            for rtl in [false, true] {
                let svg = chart(long, &data, rtl);
                let (_, text) = parse(&svg);
                assert!(text.contains(long) && text.contains("קבלת פנים"));
                assert!(svg.contains("Žluťoučký"));
            }
        }
        let short = shorten(long, 10);
        assert_eq!(short, "Žluťoučký…");
        assert_eq!(shorten("e\u{301}\u{301}x", 2), "e\u{301}\u{301}…");
        assert_eq!(shorten("krátký", 6), "krátký");
    }

    #[test]
    fn pairs_draw_both_series_on_one_scale() {
        let a = [bar("≤ 5 min", 80.0), bar("≤ 10 min", 20.0)];
        let b = [bar("≤ 5 min", 40.0), bar("≤ 10 min", 0.0)];
        let svg = pairs("Response times", ("A: as now", "B: changed"), &a, &b, false);
        let (elements, text) = parse(&svg);
        assert!(text.contains("A: as now") && text.contains("B: changed") && text.contains("≤ 10 min"), "{text}");
        let bars = |class: &str| -> Vec<f64> {
            elements.iter().filter(|(n, at)| n == "rect" && at.iter().any(|(k, v)| k == "class" && v == class)).map(|e| attr(e, "width")).collect()
        };
        let (wa, wb) = (bars("bar"), bars("bar bar-b"));
        assert_eq!((wa.len(), wb.len()), (2, 2));
        assert!((wa[0] - 2.0 * wb[0]).abs() < 0.01 && (wa[0] - 4.0 * wa[1]).abs() < 0.01 && wb[1] == 0.0, "{wa:?} {wb:?}");
        // Right to left: the bars grow from the right edge.
        let rtl = pairs("Response times", ("A", "B"), &a, &b, true);
        let r = rects(&rtl);
        assert!((attr(&r[0], "x") + attr(&r[0], "width") - (W - 96.0 - GAP)).abs() < 0.01, "{rtl}");
    }
}
