//! The reports' words and numbers in the reader's language: durations, shares, groups and
//! figures by name.

use super::*;

/// A translated word, else `or` (a value the UI has no word for).
pub(super) fn word(t: &Tr, key: &str, or: &str) -> String {
    let w = t.t(key);
    if w == key { or.to_owned() } else { w }
}

/// A number with at most one decimal, in the language's decimal separator.
pub(super) fn dec(t: &Tr, v: f64) -> String {
    let s = format!("{v:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s);
    if matches!(t.lang, "cs" | "ru" | "pl") { s.replace('.', ",") } else { s.to_owned() }
}

pub(super) fn share(n: i64, of: i64) -> f64 {
    if of > 0 { n as f64 / of as f64 } else { 0.0 }
}

/// A share (0–1) as a percentage, spaced as the language writes it.
pub(super) fn pct(t: &Tr, share: f64) -> String {
    let n = (share * 100.0).round() as i64;
    if matches!(t.lang, "en" | "he") { format!("{n}%") } else { format!("{n}\u{a0}%") }
}

pub(super) fn unit(t: &Tr, u: &str) -> String {
    t.t(&format!("rep-unit-{u}"))
}

/// A duration as people say it: "45 s", "4 min 10 s", "2 h 5 min", "3 d 4 h".
pub(in crate::ui) fn duration(t: &Tr, secs: f64) -> String {
    let s = secs.round().max(0.0) as i64;
    let pair = |a: i64, ua: &str, b: i64, ub: &str| {
        if b == 0 { format!("{a} {}", unit(t, ua)) } else { format!("{a} {} {b} {}", unit(t, ua), unit(t, ub)) }
    };
    if s < 60 {
        format!("{s} {}", unit(t, "s"))
    } else if s < 3600 {
        pair(s / 60, "min", s % 60, "s")
    } else if s < 86_400 {
        pair(s / 3600, "h", s % 3600 / 60, "min")
    } else {
        pair(s / 86_400, "d", s % 86_400 / 3600, "h")
    }
}

/// A duration in one unit, for a chart's narrow figure: "45 s", "13.4 min", "1.5 h".
pub(super) fn short_duration(t: &Tr, secs: f64) -> String {
    let (d, u) = if secs < 60.0 {
        (1.0, "s")
    } else if secs < 3600.0 {
        (60.0, "min")
    } else if secs < 86_400.0 {
        (3600.0, "h")
    } else {
        (86_400.0, "d")
    };
    format!("{} {}", dec(t, secs / d), unit(t, u))
}

pub(super) fn opt_duration(t: &Tr, secs: Option<f64>) -> String {
    secs.map(|s| duration(t, s)).unwrap_or_else(|| "—".into())
}

/// Response-time bucket `i` (`[EDGES[i], EDGES[i + 1])` seconds): "< 15 s", "1–1.5 min",
/// "12–24 h", "≥ 14 d"; both ends in the unit of the upper one.
pub(super) fn bucket_label(t: &Tr, i: usize) -> String {
    let per = |s: i64| match s {
        s if s <= 60 => (1, "s"),
        s if s <= 3600 => (60, "min"),
        s if s <= 86_400 => (3600, "h"),
        _ => (86_400, "d"),
    };
    let lo = EDGES[i];
    let Some(&hi) = EDGES.get(i + 1) else {
        let (d, u) = per(lo);
        return format!("≥ {} {}", dec(t, (lo / d) as f64), unit(t, u));
    };
    let (d, u) = per(hi);
    let (a, b) = (dec(t, lo as f64 / d as f64), dec(t, hi as f64 / d as f64));
    if i == 0 { format!("< {b} {}", unit(t, u)) } else { format!("{a}–{b} {}", unit(t, u)) }
}

/// A grouping's name ("Channel", "Owner", …).
pub(super) fn dim_name(t: &Tr, dim: Dim) -> String {
    t.t(&format!("rep-dim-{}", dim.name()))
}

/// A group as people read it: `key` is the report's (an owner's name), `value` its id.
pub(super) fn group_name(t: &Tr, dim: Dim, key: &str, value: &str) -> String {
    match dim {
        Dim::All => t.t("rep-dim-all"),
        Dim::Channel => word(t, &format!("rep-channel-{value}"), value),
        Dim::Owner if value == "none" => t.t("unassigned"),
        Dim::Source if value == "none" => t.t("rep-no-source"),
        Dim::Segment if value == "unknown" => t.t("rep-segment-unknown"),
        Dim::Segment => value.to_uppercase(),
        Dim::Hour => format!("{value}:00"),
        Dim::Weekday => word(t, &format!("rep-weekday-{value}"), key),
        _ => key.to_owned(),
    }
}

/// What a drill-down figure means, as a heading.
pub(super) fn figure_name(t: &Tr, names: &crate::ui::words::Namer, figure: &str) -> String {
    if let Some(i) = figure.strip_prefix("bucket:").and_then(|i| i.parse::<usize>().ok()).filter(|i| *i < EDGES.len()) {
        t.s("rep-figure-bucket", &bucket_label(t, i))
    } else if let Some(stage) = figure.strip_prefix("reached:") {
        t.s("rep-figure-reached", &names.any_stage(t, stage))
    } else if let Some(n) = figure.strip_prefix("attempts:") {
        t.s("rep-figure-attempts", n)
    } else if let Some(sla) = figure.strip_prefix("sla_met:") {
        t.s("rep-figure-sla-met", &names.any_sla(t, sla))
    } else if let Some(sla) = figure.strip_prefix("sla_breached:") {
        t.s("rep-figure-sla-breached", &names.any_sla(t, sla))
    } else {
        word(t, &format!("rep-figure-{figure}"), figure)
    }
}

