//! The admin's audit page (`/admin/audit`): the audit log newest first, filtered by who, what
//! and days (in the reader's zone); times in the reader's zone, people and leads by name
//! rather than id, the kinds in the reader's language; a table that folds into lines on a
//! phone. The same filter as `GET /api/v1/audit` (`api::audit::filter`).

use super::lead_card::detail;
use super::{LANGUAGES, Signed, page, user_tz};
use crate::AppState;
use crate::api::audit::{AuditQuery, filter};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use i18n::Tr;
use jiff::Timestamp;
use std::collections::HashMap;
use std::sync::Arc;

use super::i18n;

struct Row {
    kind: String,
    at_iso: String,
    at_local: String,
    who: String,
    what: String,
    target: String,
    target_href: Option<String>,
    ip: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "admin_audit.html")]
struct AuditPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    users: Vec<(i64, String)>,
    kinds: Vec<(String, String)>,
    actor: String,
    kind: String,
    from: String,
    to: String,
    error: Option<String>,
    rows: Vec<Row>,
    next: Option<String>,
}

/// A kind in the reader's words (`audit-sign_in-ok`), or the kind itself when this version has
/// no words for it.
fn kind_label(t: &Tr, kind: &str) -> String {
    let key = format!("audit-{}", kind.replace('.', "-"));
    let label = t.t(&key);
    if label == key { kind.to_owned() } else { label }
}

/// A day (`2026-03-01`) in `zone`: its first moment; for `to`, the first moment of the day
/// after (the day is included).
fn day(zone: &jiff::tz::TimeZone, field: &str, v: &str) -> Result<Timestamp, String> {
    let d: jiff::civil::Date = v.parse().map_err(|_| format!("`{v}` is not a date (YYYY-MM-DD)"))?;
    let d = if field == "to" { d.tomorrow().map_err(|e| e.to_string())? } else { d };
    d.to_zoned(zone.clone()).map(|z| z.timestamp()).map_err(|e| e.to_string())
}

pub(super) async fn audit_page(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Err(e) = crate::app::require_admin(&c) {
        return super::error::UiError::new(&st, &c, &t, "/inbox", e).into_response();
    }
    let get = |k: &str| q.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let query = AuditQuery {
        actor: Some(get("actor")),
        kind: Some(get("kind")),
        from: Some(get("from")),
        to: Some(get("to")),
        limit: Some("100".into()),
        cursor: Some(get("cursor")),
    };
    let zone = user_tz(&st, &c);
    let users: Vec<(i64, String)> = st.store.users().await.unwrap_or_default().into_iter().map(|u| (u.id, u.name)).collect();
    let names: HashMap<i64, &str> = users.iter().map(|(id, n)| (*id, n.as_str())).collect();
    let (mut rows, mut next, mut error, mut status) = (Vec::new(), None, None, StatusCode::OK);
    match filter(&query, |field, v| day(&zone, field, v)) {
        Err(e) => {
            error = Some(format!("{} {e}", t.t("audit-bad-filter")));
            status = StatusCode::UNPROCESSABLE_ENTITY;
        }
        Ok(f) => match crate::api::audit::page(&st, f).await {
            Err(e) => {
                error = Some(format!("{}: {e}", t.t("error")));
                status = StatusCode::SERVICE_UNAVAILABLE;
            }
            Ok((records, cursor)) => {
                next = cursor.map(|cur| {
                    serde_urlencoded::to_string([
                        ("actor", get("actor")),
                        ("kind", get("kind")),
                        ("from", get("from")),
                        ("to", get("to")),
                        ("cursor", cur),
                    ])
                    .unwrap_or_default()
                });
                rows = records
                    .into_iter()
                    .map(|r| {
                        let who = match (r.actor.and_then(|id| names.get(&id).copied()), &r.actor_name, &r.actor_login) {
                            (Some(n), _, _) => n.to_owned(),
                            (None, Some(n), _) => n.clone(),
                            (None, None, Some(l)) => format!("{} ({l})", t.t("audit-unknown")),
                            (None, None, None) => t.t("audit-unknown"),
                        };
                        let (target, target_href) = match r.target.as_deref().and_then(|x| x.split_once('/')) {
                            Some(("lead", id)) => (t.s("lead-card", &format!("#{id}")), Some(format!("/leads/{id}"))),
                            Some(("user", id)) => (
                                id.parse::<i64>()
                                    .ok()
                                    .and_then(|id| names.get(&id).map(|n| (*n).to_owned()))
                                    .unwrap_or_else(|| r.target.clone().unwrap_or_default()),
                                None,
                            ),
                            _ => (r.target.clone().unwrap_or_default(), None),
                        };
                        // A failed sign-in shows the login tried.
                        let mut detail_text = detail(&r.detail);
                        if r.kind == crate::audit::kind::SIGN_IN_FAILED
                            && let Some(l) = &r.actor_login
                        {
                            detail_text = format!("{}: {l}", t.t("login"));
                        }
                        Row {
                            what: kind_label(&t, &r.kind),
                            kind: r.kind.replace('.', "-"),
                            at_iso: r.at.to_string(),
                            at_local: r.at.to_zoned(zone.clone()).strftime("%Y-%m-%d %H:%M:%S").to_string(),
                            who,
                            target,
                            target_href,
                            ip: r.ip.unwrap_or_default(),
                            detail: detail_text,
                        }
                    })
                    .collect();
            }
        },
    }
    let kinds = crate::audit::kind::ALL.iter().map(|k| ((*k).to_owned(), kind_label(&t, k))).collect();
    let mut r = page(AuditPage {
        admin: true,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "audit",
        languages: LANGUAGES,
        users,
        kinds,
        actor: get("actor"),
        kind: get("kind"),
        from: get("from"),
        to: get("to"),
        error,
        rows,
        next,
        t,
    });
    *r.status_mut() = status;
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_the_readers_and_to_includes_its_day() {
        let prague = jiff::tz::TimeZone::get("Europe/Prague").unwrap();
        assert_eq!(day(&prague, "from", "2026-03-01").unwrap().to_string(), "2026-02-28T23:00:00Z");
        assert_eq!(day(&prague, "to", "2026-03-01").unwrap().to_string(), "2026-03-01T23:00:00Z");
        assert!(day(&prague, "from", "1. 3. 2026").unwrap_err().contains("YYYY-MM-DD"));
    }

    #[test]
    fn every_kind_has_words_in_every_language() {
        let files = [
            ("en", concat!(include_str!("locales/en.ftl"), "\n", include_str!("locales/settings/en.ftl"), "\n", include_str!("locales/setup/en.ftl"), "\n", include_str!("locales/forms/en.ftl"), "\n", include_str!("locales/playbooks/en.ftl"), "\n", include_str!("locales/catalogue/en.ftl"), "\n", include_str!("locales/requisites/en.ftl"), "\n", include_str!("locales/purchases/en.ftl"))),
            ("cs", concat!(include_str!("locales/cs.ftl"), "\n", include_str!("locales/settings/cs.ftl"), "\n", include_str!("locales/setup/cs.ftl"), "\n", include_str!("locales/forms/cs.ftl"), "\n", include_str!("locales/playbooks/cs.ftl"), "\n", include_str!("locales/catalogue/cs.ftl"), "\n", include_str!("locales/requisites/cs.ftl"), "\n", include_str!("locales/purchases/cs.ftl"))),
            ("ru", concat!(include_str!("locales/ru.ftl"), "\n", include_str!("locales/settings/ru.ftl"), "\n", include_str!("locales/setup/ru.ftl"), "\n", include_str!("locales/forms/ru.ftl"), "\n", include_str!("locales/playbooks/ru.ftl"), "\n", include_str!("locales/catalogue/ru.ftl"), "\n", include_str!("locales/requisites/ru.ftl"), "\n", include_str!("locales/purchases/ru.ftl"))),
            ("pl", concat!(include_str!("locales/pl.ftl"), "\n", include_str!("locales/settings/pl.ftl"), "\n", include_str!("locales/setup/pl.ftl"), "\n", include_str!("locales/forms/pl.ftl"), "\n", include_str!("locales/playbooks/pl.ftl"), "\n", include_str!("locales/catalogue/pl.ftl"), "\n", include_str!("locales/requisites/pl.ftl"), "\n", include_str!("locales/purchases/pl.ftl"))),
            ("he", concat!(include_str!("locales/he.ftl"), "\n", include_str!("locales/settings/he.ftl"), "\n", include_str!("locales/setup/he.ftl"), "\n", include_str!("locales/forms/he.ftl"), "\n", include_str!("locales/playbooks/he.ftl"), "\n", include_str!("locales/catalogue/he.ftl"), "\n", include_str!("locales/requisites/he.ftl"), "\n", include_str!("locales/purchases/he.ftl"))),
        ];
        let page_words = [
            "audit",
            "audit-hint",
            "audit-who",
            "audit-what",
            "audit-when",
            "audit-target",
            "audit-ip",
            "audit-detail",
            "audit-anyone",
            "audit-anything",
            "audit-empty",
            "audit-older",
            "audit-unknown",
            "audit-bad-filter",
            "denied-title",
            "denied-back",
            "denied-deal",
            "denied-email",
            "denied-documents",
            "denied-revoke",
            "documents-restricted",
        ];
        for (lang, src) in files {
            let kinds = crate::audit::kind::ALL.iter().map(|k| format!("audit-{}", k.replace('.', "-")));
            for key in kinds.chain(page_words.iter().map(|w| (*w).to_owned())) {
                assert!(src.lines().any(|l| l.starts_with(&format!("{key} ="))), "{lang}: no `{key}`");
            }
        }
    }
}
