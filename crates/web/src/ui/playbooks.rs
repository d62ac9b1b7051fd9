//! Playbooks edited in the UI (issue 19, item 6), admins only:
//!
//! - `/admin/playbooks`: every playbook with its versions — which one is running, who loaded
//!   each and when (the reader's local time);
//! - `/admin/playbooks/{name}` (`?version=N` for an old one): the text in an editor with line
//!   numbers, the problems on their lines as one types (`playbooks.js` posts the text to
//!   `…/check`, debounced, which runs `pronto playbook check`'s check: `pronto_playbook::parse`
//!   through `app::playbooks::check`), the diagram beside it, the difference from the running
//!   version, "Load as the next version" (`app::playbooks::load`, the API's `POST
//!   /api/v1/playbooks`, audited) and, on an old version, "Go back to this version" (its text
//!   loaded as the new current version, audited).

use super::i18n::Tr;
use super::{LANGUAGES, Signed, page, user_tz};
use crate::AppState;
use crate::auth::Caller;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use base64::Engine as _;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/playbooks", get(list_page))
        .route("/admin/playbooks/{name}", get(editor_page))
        .route("/admin/playbooks/{name}/check", post(check))
        .route("/admin/playbooks/{name}/load", post(load))
        .route("/admin/playbooks/{name}/back", post(go_back))
}

/// One line of a line-by-line difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffLine {
    /// `=` the same, `-` only in the old text, `+` only in the new one.
    pub op: char,
    /// The line's number in the old text (`=`, `-`) or the new one (`+`).
    pub no: usize,
    pub text: String,
}

/// The difference between two texts, line by line (the longest common subsequence of
/// lines; a pure function, tested below). Texts up to a few thousand lines.
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: the common lines of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push(DiffLine { op: '=', no: i + 1, text: a[i].to_owned() });
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // What went comes before what came in its place.
            out.push(DiffLine { op: '-', no: i + 1, text: a[i].to_owned() });
            i += 1;
        } else {
            out.push(DiffLine { op: '+', no: j + 1, text: b[j].to_owned() });
            j += 1;
        }
    }
    out
}

/// Only the changed lines and `context` lines around each change; `None` marks a gap.
pub fn changes(diff: &[DiffLine], context: usize) -> Vec<Option<DiffLine>> {
    let near: Vec<bool> =
        (0..diff.len()).map(|k| diff[k.saturating_sub(context)..(k + context + 1).min(diff.len())].iter().any(|d| d.op != '=')).collect();
    let mut out = Vec::new();
    for (k, d) in diff.iter().enumerate() {
        if near[k] {
            out.push(Some(d.clone()));
        } else if out.last().is_some_and(|l: &Option<DiffLine>| l.is_some()) {
            out.push(None);
        }
    }
    if out.last() == Some(&None) {
        out.pop();
    }
    out
}

#[derive(Debug, Serialize)]
struct ProblemOut {
    line: usize,
    column: usize,
    message: String,
}

/// What the editor shows for a text: its problems on their lines, the diagram, the changes.
#[derive(Serialize)]
struct Checked {
    valid: bool,
    /// The playbook's name in the text (when it is valid).
    name: Option<String>,
    problems: Vec<ProblemOut>,
    /// The diagram as a `data:` address for an `<img>` (nothing in it can run).
    diagram: Option<String>,
    changes: Vec<Option<DiffLine>>,
    /// "Line 3" … in the reader's words.
    summary: String,
}

fn checked(t: &Tr, c: &Caller, source: &str, running: &str) -> crate::app::Result<Checked> {
    let result = crate::app::playbooks::check(c, source)?;
    let changes = changes(&line_diff(running, source), 2);
    Ok(match result {
        Ok(pb) => Checked {
            valid: true,
            name: Some(pb.name.clone()),
            problems: vec![],
            diagram: Some(diagram_url(&pb)),
            changes,
            summary: t.t("playbooks-valid"),
        },
        Err(ps) => {
            let problems: Vec<ProblemOut> = ps
                .iter()
                .map(|p| {
                    let (line, column) = p.line_col(source);
                    ProblemOut { line, column, message: p.message.clone() }
                })
                .collect();
            Checked {
                valid: false,
                name: None,
                summary: t.n("playbooks-problems", problems.len() as i64),
                problems,
                diagram: None,
                changes,
            }
        }
    })
}

fn diagram_url(pb: &pronto_playbook::Playbook) -> String {
    format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(pronto_playbook::diagram::svg(pb)))
}

struct VersionRow {
    version: i64,
    running: bool,
    when: String,
    when_iso: String,
    who: String,
}

struct PlaybookRow {
    name: String,
    title: String,
    default: bool,
    versions: Vec<VersionRow>,
}

#[derive(Template)]
#[template(path = "playbooks_list.html")]
struct ListPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    playbooks: Vec<PlaybookRow>,
}

async fn versions(st: &AppState, c: &Caller, t: &Tr, name: &str) -> Vec<(VersionRow, String)> {
    let zone = user_tz(st, c);
    let running = st.store.playbooks().current(name).map(|(v, _)| v);
    let mut rows: Vec<(VersionRow, String)> = st
        .store
        .playbook_versions(Some(name))
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|v| {
            (
                VersionRow {
                    version: v.version,
                    running: Some(v.version) == running,
                    when: v.loaded_at.to_zoned(zone.clone()).strftime("%Y-%m-%d %H:%M").to_string(),
                    when_iso: v.loaded_at.to_string(),
                    who: v.loaded_by.unwrap_or_else(|| t.t("playbooks-by-pronto")),
                },
                v.source,
            )
        })
        .collect();
    rows.reverse();
    rows
}

fn refuse(st: &AppState, c: &Caller, t: &Arc<Tr>, e: crate::app::Error) -> Response {
    super::error::UiError::new(st, c, t, "/admin", e).into_response()
}

async fn list_page(State(st): State<AppState>, Signed(c, t): Signed) -> Response {
    if let Err(e) = crate::app::require_admin(&c) {
        return refuse(&st, &c, &t, e);
    }
    let reg = st.store.playbooks();
    let default = reg.default_name();
    let mut playbooks = Vec::new();
    for (name, _, pb) in reg.list() {
        let versions = versions(&st, &c, &t, &name).await.into_iter().map(|(v, _)| v).collect();
        playbooks.push(PlaybookRow { default: name == default, title: pb.title.clone(), name, versions });
    }
    page(ListPage {
        admin: true,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "admin",
        languages: LANGUAGES,
        playbooks,
        t,
    })
}

#[derive(Template)]
#[template(path = "playbooks_editor.html")]
struct EditorPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    name: String,
    title: String,
    /// The version whose text is open.
    version: i64,
    running: i64,
    source: String,
    line_count: usize,
    problems: Vec<ProblemOut>,
    summary: String,
    diagram: Option<String>,
    changes: Vec<Option<DiffLine>>,
    versions: Vec<VersionRow>,
    notice: Option<String>,
}

/// The editor for `name` with `source` in it (the text of `version`).
async fn editor(
    st: &AppState,
    c: &Caller,
    t: Arc<Tr>,
    name: &str,
    version: i64,
    source: String,
    notice: Option<String>,
) -> crate::app::Result<EditorPage> {
    let all = versions(st, c, &t, name).await;
    let (running, running_text) =
        all.iter().find(|(v, _)| v.running).map(|(v, s)| (v.version, s.clone())).unwrap_or((version, source.clone()));
    let title = st.store.playbooks().current(name).map(|(_, pb)| pb.title.clone()).unwrap_or_else(|| name.to_owned());
    let ch = checked(&t, c, &source, &running_text)?;
    Ok(EditorPage {
        admin: true,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "admin",
        languages: LANGUAGES,
        name: name.to_owned(),
        title,
        version,
        running,
        line_count: source.lines().count().max(1),
        source,
        problems: ch.problems,
        summary: ch.summary,
        diagram: ch.diagram,
        changes: ch.changes,
        versions: all.into_iter().map(|(v, _)| v).collect(),
        notice,
        t,
    })
}

async fn editor_page(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path(name): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(e) = crate::app::require_admin(&c) {
        return refuse(&st, &c, &t, e);
    }
    let all = st.store.playbook_versions(Some(&name)).await.unwrap_or_default();
    let running = st.store.playbooks().current(&name).map(|(v, _)| v);
    let wanted = match q.get("version").filter(|v| !v.is_empty()) {
        None => running,
        Some(v) => v.parse::<i64>().ok(),
    };
    let Some(v) = wanted.and_then(|w| all.iter().find(|x| x.version == w)) else {
        return refuse(&st, &c, &t, crate::app::Error::not_found(&format!("playbook `{name}`")));
    };
    let notice = match (q.get("loaded").and_then(|v| v.parse::<i64>().ok()), q.get("back").and_then(|v| v.parse::<i64>().ok())) {
        (Some(l), Some(b)) => Some(t.with("playbooks-went-back", &[("v", &b.to_string()), ("n", &l.to_string())])),
        (Some(l), None) => Some(t.s("playbooks-loaded", &l.to_string())),
        _ => None,
    };
    match editor(&st, &c, t.clone(), &name, v.version, v.source.clone(), notice).await {
        Ok(p) => page(p),
        Err(e) => refuse(&st, &c, &t, e),
    }
}

#[derive(serde::Deserialize)]
struct SourceForm {
    #[serde(default)]
    source: String,
}

/// The editor's live check: problems with their lines, the diagram, the changes (JSON).
async fn check(State(st): State<AppState>, Signed(c, t): Signed, Path(name): Path<String>, Form(f): Form<SourceForm>) -> Response {
    if let Err(e) = crate::app::require_admin(&c) {
        return (StatusCode::FORBIDDEN, Json(serde_json::json!({ "message": e.to_string() }))).into_response();
    }
    let running =
        st.store.playbook_versions(Some(&name)).await.unwrap_or_default().into_iter().last().map(|v| v.source).unwrap_or_default();
    match checked(&t, &c, &f.source, &running) {
        Ok(ch) => Json(ch).into_response(),
        Err(e) => (super::error::status(&e), Json(serde_json::json!({ "message": e.to_string() }))).into_response(),
    }
}

fn loaded_at(name: &str, version: i64, back: Option<i64>) -> String {
    let name: String = url_encode(name);
    match back {
        Some(b) => format!("/admin/playbooks/{name}?loaded={version}&back={b}"),
        None => format!("/admin/playbooks/{name}?loaded={version}"),
    }
}

fn url_encode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)]).unwrap_or_default().trim_start_matches("x=").to_owned()
}

/// "Load as the next version": the same use case as `POST /api/v1/playbooks` (audited). A
/// text with problems is refused with them on their lines, the text kept.
async fn load(State(st): State<AppState>, Signed(c, t): Signed, Path(name): Path<String>, Form(f): Form<SourceForm>) -> Response {
    if let Err(e) = crate::app::require_admin(&c) {
        return refuse(&st, &c, &t, e);
    }
    match crate::app::playbooks::load(&st, &c, f.source.clone()).await {
        Ok(l) => Redirect::to(&loaded_at(&l.name, l.version, None)).into_response(),
        Err(e) => {
            let version = st.store.playbooks().current(&name).map(|(v, _)| v).unwrap_or(0);
            let notice = Some(t.t("playbooks-not-loaded"));
            match editor(&st, &c, t.clone(), &name, version, f.source, notice).await {
                Ok(p) => {
                    let mut r = page(p);
                    *r.status_mut() = super::error::status(&e);
                    r
                }
                Err(_) => refuse(&st, &c, &t, e),
            }
        }
    }
}

#[derive(serde::Deserialize)]
struct BackForm {
    #[serde(default)]
    version: String,
}

/// "Go back to this version": an old version's text loaded as the new current version
/// (audited as a load, with the version it went back to).
async fn go_back(State(st): State<AppState>, Signed(c, t): Signed, Path(name): Path<String>, Form(f): Form<BackForm>) -> Response {
    if let Err(e) = crate::app::require_admin(&c) {
        return refuse(&st, &c, &t, e);
    }
    let all = st.store.playbook_versions(Some(&name)).await.unwrap_or_default();
    let Some(old) = f.version.trim().parse::<i64>().ok().and_then(|n| all.into_iter().find(|v| v.version == n)) else {
        return refuse(&st, &c, &t, crate::app::Error::invalid("version", &t.s("playbooks-no-such-version", f.version.trim())));
    };
    match crate::app::playbooks::go_back(&st, &c, &name, old.version, old.source).await {
        Ok(l) => Redirect::to(&loaded_at(&l.name, l.version, Some(old.version))).into_response(),
        Err(e) => refuse(&st, &c, &t, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(d: &[DiffLine]) -> String {
        d.iter().map(|l| format!("{}{}", l.op, l.text)).collect::<Vec<_>>().join("|")
    }

    #[test]
    fn the_difference_is_line_by_line() {
        let cases = [
            ("a\nb\nc", "a\nb\nc", "=a|=b|=c"),
            ("a\nb\nc", "a\nB\nc", "=a|-b|+B|=c"),
            ("a\nc", "a\nb\nc", "=a|+b|=c"),
            ("a\nb\nc", "a\nc", "=a|-b|=c"),
            ("", "x", "+x"),
            ("x", "", "-x"),
            ("a\nb\nc\nd", "b\nc\nd\ne", "-a|=b|=c|=d|+e"),
        ];
        for (old, new, want) in cases {
            assert_eq!(ops(&line_diff(old, new)), want, "{old:?} → {new:?}");
        }
        let d = line_diff("a\nb\nc", "a\nB\nc");
        assert_eq!((d[1].no, d[2].no), (2, 2), "old and new line numbers");
    }

    #[test]
    fn only_the_changes_and_their_context_are_shown() {
        let old: String = (1..=20).map(|i| format!("l{i}\n")).collect();
        let new = old.replace("l3\n", "L3\n").replace("l17\n", "L17\n");
        let c = changes(&line_diff(&old, &new), 1);
        let shown: Vec<String> = c.iter().map(|l| l.as_ref().map(|l| format!("{}{}", l.op, l.text)).unwrap_or("…".into())).collect();
        assert_eq!(shown, ["=l2", "-l3", "+L3", "=l4", "…", "=l16", "-l17", "+L17", "=l18"]);
        assert!(changes(&line_diff("a\nb", "a\nb"), 2).is_empty(), "no change, nothing shown");
    }
}
