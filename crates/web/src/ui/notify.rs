//! The notification centre: the bell's unread count (a small JSON read under the session,
//! kept live by the event stream), `/notifications` — the reader's own in-app notifications,
//! each a sentence in their language with the lead's name and the way to its card — marking
//! them read, and the sentence a desktop or phone notification shows ("Jana Nováková, web
//! inquiry: call now", never "#3006"). Also serves the vendored morphing library the live
//! pages use (`/static/vendor/idiomorph.js`).

use super::error::PageResult;
use super::{LANGUAGES, Signed, back, fail, i18n::Tr, local, page, user_tz};
use crate::AppState;
use askama::Template;
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use jiff::Timestamp;
use pronto_domain::user::Action;
use pronto_store::{CentreItem, CentreLead};
use serde_json::{Value, json};
use std::sync::Arc;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(centre_page))
        .route("/notifications/unread", get(unread))
        .route("/notifications/read", post(read_all))
        .route("/notifications/{id}/open", post(open))
        .route("/notifications/{id}/read", post(read_one))
        .route("/notifications/lead/{id}", get(about_lead))
        .route("/static/vendor/idiomorph.js", get(|| async { vendor(IDIOMORPH) }))
}

/// idiomorph (0BSD, `static/vendor/idiomorph.LICENSE`): merges a fresh page into the open one.
const IDIOMORPH: &str = include_str!("../../static/vendor/idiomorph.js");

/// A vendored file: it changes only with the binary, so browsers keep it a long time.
fn vendor(body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=31536000, immutable")], body)
        .into_response()
}

/// What a sentence is built from: the kind of notification, the lead it is about, how late.
#[derive(Debug, Clone, Default)]
pub(crate) struct About<'a> {
    /// The template (`sla_breached`, `new_lead` …) or what wrote it (`email_reply` …).
    pub kind: &'a str,
    /// The customer's name (else phone, else e-mail); `None` without a lead.
    pub who: Option<&'a str>,
    /// The lead's channel id (`web`, `email`, `phone`, `in_person`, `api`).
    pub channel: Option<&'a str>,
    /// Minutes past the deadline (a breached SLA).
    pub late_min: Option<i64>,
    /// The text as queued: the words for a kind this page has no sentence for.
    pub text: &'a str,
}

/// What happened, in one sentence in the reader's language: who, by which channel, and what to
/// do ("SLA breached: Jana Nováková, web inquiry, 12 min late"). A kind without a sentence of
/// its own says what was queued.
pub(crate) fn sentence(t: &Tr, a: &About) -> String {
    let key = format!("notify-s-{}", a.kind);
    if t.t(&key) == key {
        return match (a.text.trim(), a.who) {
            ("", Some(who)) => t.with("notify-s-other", &[("who", who)]),
            ("", None) => t.t("notify-s-nothing"),
            (text, _) => text.to_owned(),
        };
    }
    let someone = t.t("notify-someone");
    let who = a.who.filter(|w| !w.trim().is_empty()).unwrap_or(&someone);
    let via = match a.channel {
        Some(c) if t.t(&format!("notify-via-{c}")) != format!("notify-via-{c}") => t.t(&format!("notify-via-{c}")),
        Some(c) => c.to_owned(),
        None => t.t("notify-via-unknown"),
    };
    let late = a.late_min.unwrap_or(0).max(0).to_string();
    t.with(&key, &[("who", who), ("via", &via), ("late", &late)])
}

/// The customer's name as a sentence names them: the name, else the phone, else the e-mail.
fn who(lead: &CentreLead) -> Option<&str> {
    lead.name.as_deref().or(lead.phone.as_deref()).or(lead.email.as_deref())
}

/// How late a breached deadline is when read (or was when the customer was first answered).
fn late_min(kind: &str, deadline: Timestamp, answered: Option<Timestamp>, now: Timestamp) -> Option<i64> {
    (kind == "sla_breached").then(|| (answered.unwrap_or(now).as_second() - deadline.as_second()).max(0) / 60)
}

fn item_sentence(t: &Tr, i: &CentreItem, now: Timestamp) -> String {
    let lead = i.lead.as_ref();
    sentence(
        t,
        &About {
            kind: &i.kind,
            who: lead.and_then(who),
            channel: lead.map(|l| l.channel.as_str()),
            late_min: late_min(&i.kind, i.deadline.unwrap_or(i.created_at), lead.and_then(|l| l.first_response_at), now),
            text: &i.text,
        },
    )
}

/// "just now", "5 min ago", "3 h ago", "2 days ago".
fn ago(t: &Tr, at: Timestamp, now: Timestamp) -> String {
    let m = (now.as_second() - at.as_second()).max(0) / 60;
    match m {
        0 => t.t("notify-ago-now"),
        1..=59 => t.n("notify-ago-min", m),
        60..=2879 => t.n("notify-ago-h", m / 60),
        _ => t.n("notify-ago-d", m / 1440),
    }
}

struct LeadLink {
    id: i64,
    name: String,
}

struct Row {
    id: i64,
    sentence: String,
    lead: Option<LeadLink>,
    unread: bool,
    waiting: bool,
    urgent: bool,
    at_iso: String,
    ago: String,
    local: String,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct CentrePage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    rows: Vec<Row>,
    unread: i64,
}

async fn centre_page(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    let items = crate::app::notifications::centre(&st, &c).await.map_err(fail(&st, &c, &t, "/inbox"))?;
    let now = st.clock.now();
    let zone = user_tz(&st, &c);
    let rows: Vec<Row> = items
        .iter()
        .map(|i| Row {
            id: i.id,
            sentence: item_sentence(&t, i, now),
            lead: i.lead.as_ref().map(|l| LeadLink { id: l.id, name: who(l).map(str::to_owned).unwrap_or_else(|| t.t("notify-someone")) }),
            unread: i.read_at.is_none(),
            waiting: i.waiting,
            urgent: i.urgent,
            at_iso: i.created_at.to_string(),
            ago: ago(&t, i.created_at, now),
            local: local(i.created_at, &zone),
        })
        .collect();
    Ok(page(CentrePage {
        admin: c.role == pronto_domain::user::Role::Admin,
        now_iso: now.to_string(),
        unread: rows.iter().filter(|r| r.unread).count() as i64,
        t,
        me: Some(c.user.name.clone()),
        page: "notifications",
        languages: LANGUAGES,
        rows,
    }))
}

/// The bell: `{"unread": N}` for the signed-in reader (never cached).
async fn unread(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    let n = crate::app::notifications::unread(&st, &c).await.map_err(fail(&st, &c, &t, "/inbox"))?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(json!({ "unread": n })).into_response()).into_response())
}

/// Opening a notification marks it read and goes to its lead's card.
async fn open(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<i64>) -> PageResult {
    let item = crate::app::notifications::open(&st, &c, id).await.map_err(fail(&st, &c, &t, "/notifications"))?;
    Ok(match item.lead {
        Some(l) => Redirect::to(&format!("/leads/{}", l.id)).into_response(),
        None => Redirect::to("/notifications").into_response(),
    })
}

/// Marks one read and goes back to the list.
async fn read_one(State(st): State<AppState>, headers: HeaderMap, Signed(c, t): Signed, Path(id): Path<i64>) -> PageResult {
    crate::app::notifications::open(&st, &c, id).await.map_err(fail(&st, &c, &t, "/notifications"))?;
    Ok(back(&headers, "/notifications"))
}

/// Marks all of the reader's notifications read.
async fn read_all(State(st): State<AppState>, headers: HeaderMap, Signed(c, t): Signed) -> PageResult {
    crate::app::notifications::mark_read(&st, &c, vec![]).await.map_err(fail(&st, &c, &t, "/notifications"))?;
    Ok(back(&headers, "/notifications"))
}

/// What a desktop notification says of a new lead: `{"title", "body"}` in the reader's
/// language ("Jana Nováková, web inquiry: call now").
async fn about_lead(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<i64>) -> PageResult {
    crate::access::require_on_lead(&st, &c, Action::ReadLeads, id).await.map_err(fail(&st, &c, &t, "/inbox"))?;
    let l = st.store.lead(id).await.map_err(|e| fail(&st, &c, &t, "/inbox")(crate::app::or_not_found(e, "lead")))?;
    let who = l.contact.name.as_deref().or(l.contact.phone.as_deref()).or(l.contact.email.as_deref());
    let kind = if l.contact.phone.is_some() { "new_lead" } else { "new_lead_email" };
    let body = sentence(&t, &About { kind, who, channel: Some(&l.channel), ..Default::default() });
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({ "title": t.t("notify-new-lead"), "body": body, "url": format!("/leads/{id}") })),
    )
        .into_response())
}

/// The sentence a live `notification` event carries to its recipient, in their language.
pub(crate) async fn live_sentence(st: &AppState, t: &Tr, data: &Value) -> String {
    let kind = data["kind"].as_str().unwrap_or_default();
    let text = data["text"].as_str().unwrap_or_default();
    let created = data["created_at"].as_str().and_then(|s| s.parse::<Timestamp>().ok()).unwrap_or_else(|| st.clock.now());
    let lead = match data["lead_id"].as_i64() {
        Some(id) => st.store.lead(id).await.ok(),
        None => None,
    };
    // The deadline a breach missed: its timer's due time (a timer may fire a little late).
    let mut deadline = created;
    if kind == "sla_breached"
        && let Some(l) = &lead
    {
        let timers = st.store.timers(l.id).await.unwrap_or_default();
        if let Some(due) = timers
            .iter()
            .filter(|t| t.kind.starts_with("sla:") && t.kind.ends_with(":breach") && t.due_at <= created)
            .map(|t| t.due_at)
            .max()
        {
            deadline = due;
        }
    }
    let who = lead.as_ref().and_then(|l| l.contact.name.as_deref().or(l.contact.phone.as_deref()).or(l.contact.email.as_deref()));
    let about = About {
        kind,
        who,
        channel: lead.as_ref().map(|l| l.channel.as_str()),
        late_min: late_min(kind, deadline, lead.as_ref().and_then(|l| l.first_response_at), st.clock.now()),
        text,
    };
    sentence(t, &about)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(lang: &str, kind: &str, who: Option<&str>, channel: Option<&str>, late: Option<i64>, text: &str) -> String {
        sentence(&Tr::new(lang), &About { kind, who, channel, late_min: late, text })
    }

    /// Every kind a team member is told about, as the centre and the desktop notification say it.
    #[test]
    fn a_sentence_for_every_kind() {
        let jana = Some("Jana Nováková");
        let cases: &[(&str, Option<&str>, Option<&str>, Option<i64>, &str)] = &[
            ("new_lead", jana, Some("web"), None, "Jana Nováková, web inquiry: call now"),
            ("new_lead_email", jana, Some("email"), None, "Jana Nováková, e-mail: no phone, write an e-mail"),
            ("new_request", jana, Some("web"), None, "Jana Nováková, web inquiry: confirm the request by phone now"),
            ("urgent_order", jana, Some("web"), None, "Urgent order: Jana Nováková, web inquiry"),
            ("late_request", jana, Some("phone"), None, "Jana Nováková, phone call: came in just before closing, confirm it today"),
            ("in_person", jana, Some("in_person"), None, "Jana Nováková, walk-in: entered for you, follow up"),
            ("missed_call", jana, Some("phone"), None, "Missed call from Jana Nováková: call back now"),
            ("no_reaction", jana, Some("web"), None, "Nobody has reacted to Jana Nováková, web inquiry: take it over"),
            ("silence", jana, Some("web"), None, "Jana Nováková, web inquiry: not confirmed yet, call now"),
            ("reminder", jana, Some("web"), None, "Still waiting for you: Jana Nováková, web inquiry"),
            ("sla_warning", jana, Some("web"), None, "SLA at risk: Jana Nováková, web inquiry, no first contact yet"),
            ("sla_breached", jana, Some("web"), Some(12), "SLA breached: Jana Nováková, web inquiry, 12 min late"),
            ("handover", jana, Some("web"), None, "Jana Nováková, web inquiry: worth working with, gather the input data"),
            ("handed_over", jana, Some("phone"), None, "Handed to you: Jana Nováková, phone call, call within one hour"),
            ("urgent_callback", jana, Some("phone"), None, "Urgent: call Jana Nováková back within 10 minutes"),
            ("offer_ready", jana, Some("web"), None, "The offer for Jana Nováková is ready to present"),
            ("offer_follow_up", jana, Some("web"), None, "The offer for Jana Nováková has waited three days: follow it up"),
            ("offer_accept", jana, Some("web"), None, "Jana Nováková accepted the offer on their page: the next steps are yours"),
            ("offer_decline", jana, Some("web"), None, "Jana Nováková declined the offer on their page"),
            ("offer_changes", jana, Some("web"), None, "Jana Nováková asked for changes to the offer: prepare a new version"),
            ("complaint", jana, Some("web"), None, "Complaint from Jana Nováková after delivery: see the quality-call task"),
            ("customer_message", jana, Some("web"), None, "Jana Nováková wrote on their page"),
            ("customer_callback", jana, Some("web"), None, "Jana Nováková asked to be called back"),
            ("customer_document", jana, Some("web"), None, "Jana Nováková sent a document"),
            ("email_reply", jana, Some("email"), None, "Jana Nováková answered by e-mail"),
            ("mailbox_failed", None, None, None, "A mailbox stopped working: inquiries sent there wait"),
            ("test", None, None, None, "A test message"),
            // A lead without a name: its phone; nothing at all: "a customer".
            ("new_lead", Some("+420777123456"), Some("api"), None, "+420777123456, API: call now"),
            ("reminder", None, Some("web"), None, "Still waiting for you: a customer, web inquiry"),
            // A kind of the company's own: the text it queued.
            ("our_own", jana, Some("web"), None, "Queued words"),
        ];
        for (kind, who, channel, late, want) in cases {
            let text = if *kind == "our_own" { "Queued words" } else { "Lead 3006" };
            assert_eq!(s("en", kind, *who, *channel, *late, text), *want, "{kind}");
        }
        // Never the lead's number alone, in any language.
        for lang in ["en", "cs", "pl", "ru", "he"] {
            for (kind, who, channel, late, _) in cases.iter().filter(|c| c.0 != "our_own") {
                let got = s(lang, kind, *who, *channel, *late, "Lead 3006");
                assert!(!got.contains("3006") && !got.contains("notify-") && !got.contains('{'), "{lang} {kind}: {got}");
                if let Some(w) = who {
                    assert!(got.contains(w), "{lang} {kind} names who: {got}");
                }
            }
        }
        assert_eq!(
            s("cs", "sla_breached", jana, Some("web"), Some(12), ""),
            "Zmeškaná lhůta: Jana Nováková, poptávka z webu, 12 min po termínu"
        );
    }

    /// Templates only customers receive: never a team member's notification.
    const TO_CUSTOMERS: &[&str] = &["ack", "ack_after_hours", "payment_received", "thanks", "invoice_reminder"];

    /// Every template a built-in playbook sends to a team member has a sentence of its own.
    #[test]
    fn every_built_in_template_for_the_team_has_a_sentence() {
        let t = Tr::new("en");
        for (name, src) in pronto_playbook::BUILTIN {
            let pb = pronto_playbook::parse(src).expect("a built-in playbook");
            for template in pb.templates.keys() {
                if TO_CUSTOMERS.contains(&template.as_str()) {
                    continue;
                }
                let key = format!("notify-s-{template}");
                assert_ne!(t.t(&key), key, "{name}: `{template}` has no sentence");
            }
        }
    }

    #[test]
    fn how_long_ago_and_how_late() {
        let t = Tr::new("en");
        let now: Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
        let at = |m: i64| now - jiff::SignedDuration::from_mins(m);
        for (m, want) in [(0, "just now"), (1, "1 min ago"), (59, "59 min ago"), (60, "1 h ago"), (2880, "2 days ago")] {
            assert_eq!(ago(&t, at(m), now), want);
        }
        assert_eq!(late_min("sla_breached", at(12), None, now), Some(12));
        assert_eq!(late_min("sla_breached", at(12), Some(at(5)), now), Some(7), "until the first response");
        assert_eq!(late_min("reminder", at(12), None, now), None);
    }
}
