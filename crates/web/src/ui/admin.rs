//! The admin page: the team (see `admin_users` for what is done to an account), the web
//! forms' snippets, the delivery channels with a test each (SMS, e-mail, a mailbox, the phone
//! exchange), playbooks (checked, loaded) and webhooks. Admins only.

use super::error::{PageResult, UiError};
use super::account::TokenRow;
use super::{LANGUAGES, Signed, fail, i18n::Tr, page, user_tz};
use crate::AppState;
use crate::app::Error;
use crate::auth::Caller;
use crate::error::ApiError;
use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use std::collections::HashMap;
use std::sync::Arc;

pub(super) struct UserRow {
    id: i64,
    name: String,
    login: String,
    role: String,
    phone: Option<String>,
    presence: String,
    hours: String,
    active: bool,
    tokens: Vec<TokenRow>,
}

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    notice: Option<String>,
    users: Vec<UserRow>,
    /// `(id, word)`, for the selects.
    presences: Vec<(&'static str, String)>,
    roles: Vec<(&'static str, String)>,
    forms: Vec<(String, String)>,
    sms: String,
    smtp: String,
    telephony: String,
    mailboxes: Vec<(String, String)>,
    playbooks: Vec<(String, String, i64)>,
    webhooks: Vec<(i64, String, String)>,
}

/// The admin page, with `notice` (a test's or a check's result) on top.
pub(super) async fn admin_render(st: &AppState, c: &Caller, t: Arc<Tr>, notice: Option<String>) -> Response {
    let zone = user_tz(st, c);
    let mut users = Vec::new();
    // Active users first, then the deactivated ones (to reactivate).
    let mut all = st.store.users().await.unwrap_or_default();
    all.sort_by_key(|u| (!u.active, u.id));
    for u in all {
        let tokens = if u.active { super::account::token_rows(st, u.id, &t, &zone).await } else { Vec::new() };
        users.push(UserRow {
            id: u.id,
            name: u.name,
            login: u.login,
            role: u.role,
            phone: u.phone,
            presence: u.presence,
            hours: u.hours.map(|h| h.to_string()).unwrap_or_default(),
            active: u.active,
            tokens,
        });
    }
    let base = st.settings.public_url().unwrap_or_else(|| "https://YOUR-PRONTO".into());
    let forms = st
        .config
        .forms
        .keys()
        .map(|k| {
            (
                k.clone(),
                crate::form_spec::FormSpec::starter(t.lang).snippet(&format!("{base}/forms/{k}"), &t),
            )
        })
        .collect();
    let mailboxes = st
        .mail
        .get()
        .into_iter()
        .map(|(cfg, s)| {
            // In the reader's words; `standby`: another node reads this mailbox (issue 22).
            let state = if s.state.is_empty() { "starting" } else { s.state };
            (cfg.name, format!("{} {}", t.t(&format!("mailbox-state-{state}")), s.last_error.unwrap_or_default()).trim_end().to_owned())
        })
        .collect();
    let reg = st.store.playbooks();
    let playbooks = reg.list().into_iter().map(|(n, v, pb)| (n, pb.title.clone(), v)).collect();
    let webhooks = st.store.webhooks().await.unwrap_or_default().into_iter().map(|w| (w.id, w.url, w.events.join(", "))).collect();
    // In the reader's words (the details are on /admin/settings).
    let set = |b: bool| t.t(if b { "settings-state-set" } else { "settings-state-unset" });
    page(AdminPage {
        admin: true,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "admin",
        languages: LANGUAGES,
        notice,
        users,
        presences: pronto_playbook::Presence::WORDS.iter().map(|p| (*p, super::words::presence(&t, p))).collect(),
        roles: pronto_domain::user::Role::ALL.iter().map(|r| (r.as_str(), super::words::role(&t, r.as_str()))).collect(),
        forms,
        sms: t.t(&format!("settings-choice-sms-{}", st.settings.current().sms.provider)),
        smtp: set(st.settings.senders.email().is_some()),
        telephony: format!(
            "{} — {base}/hooks/telephony",
            set(st.settings.telephony_secret().is_some() || st.config.twilio_token.is_some())
        ),
        mailboxes,
        playbooks,
        webhooks,
        t,
    })
}

/// The admin's pages: anyone else gets the error page (403).
fn admin_only(st: &AppState, c: &Caller, t: &Arc<Tr>) -> Result<(), UiError> {
    crate::app::require_admin(c).map_err(fail(st, c, t, "/inbox"))
}

pub(super) async fn admin_page(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    admin_only(&st, &c, &t)?;
    Ok(admin_render(&st, &c, t, None).await)
}

/// A test message through a channel (`sms`, `email`), delivered like any alert.
pub(super) async fn test_channel(
    State(st): State<AppState>,
    Signed(c, t): Signed,
    Path(channel): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> PageResult {
    admin_only(&st, &c, &t)?;
    let to = f.get("to").map(|v| v.trim().to_owned()).unwrap_or_default();
    let notice = match crate::app::notifications::queue_test(&st, &c, &channel, &to).await {
        Ok((id, a)) => format!("test {channel} to {a} queued as notification {id}: its delivery is at /api/v1/notifications?status="),
        Err(Error::Invalid(e)) => format!("{to}: {}", e.0.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join("; ")),
        Err(e @ Error::NotFound(_)) => return Err(fail(&st, &c, &t, "/admin")(e)),
        Err(e) => e.to_string(),
    };
    Ok(admin_render(&st, &c, t, Some(notice)).await)
}

pub(super) async fn test_mailbox(State(st): State<AppState>, Signed(c, t): Signed, Path(name): Path<String>) -> PageResult {
    admin_only(&st, &c, &t)?;
    let notice = match st.mail.config(&name) {
        Some(cfg) => {
            let result = pronto_mail::imap::test(&cfg, pronto_mail::imap::Reach::Configured).await;
            st.audit_change(&c, crate::audit::kind::MAILBOX_TESTED, Some(format!("mailbox/{name}")), serde_json::json!({ "host": cfg.host, "ok": result.is_ok() }))
                .await;
            match result {
                Ok(r) => format!("{name}: connected, {} messages, IDLE {}", r.exists, if r.idle { "yes" } else { "no" }),
                Err(e) => format!("{name}: {e}"),
            }
        }
        None => t.t("not-found"),
    };
    Ok(admin_render(&st, &c, t, Some(notice)).await)
}

/// A playbook's text checked, or loaded as the next version.
pub(super) async fn playbook(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<HashMap<String, String>>) -> PageResult {
    admin_only(&st, &c, &t)?;
    let source = f.get("source").cloned().unwrap_or_default();
    let notice = match crate::app::playbooks::check(&c, &source).map_err(fail(&st, &c, &t, "/admin"))? {
        Err(problems) => pronto_playbook::render_problems(&problems, "playbook", &source),
        Ok(pb) if f.get("do").map(String::as_str) != Some("load") => format!("`{}` is a valid playbook ({} stages, {} rules)", pb.name, pb.stages.len(), pb.rules.len()),
        Ok(_) => match crate::app::playbooks::load(&st, &c, source).await {
            Ok(l) if l.created => format!("`{}` loaded as version {}", l.name, l.version),
            Ok(l) => format!("`{}` is unchanged (version {})", l.name, l.version),
            Err(e) => e.to_string(),
        },
    };
    Ok(admin_render(&st, &c, t, Some(notice)).await)
}

pub(super) async fn add_webhook(State(st): State<AppState>, Signed(c, t): Signed, Form(f): Form<HashMap<String, String>>) -> PageResult {
    admin_only(&st, &c, &t)?;
    let url = f.get("url").map(|v| v.trim().to_owned()).unwrap_or_default();
    let events: Vec<String> = f.get("events").map(|v| v.split([',', ' ']).filter(|e| !e.is_empty()).map(str::to_owned).collect()).unwrap_or_default();
    let notice = match crate::api::webhooks::subscribe(&st, &url, events.clone(), Some(c.user.id)).await {
        Ok((id, secret)) => {
            st.audit_change(&c, crate::audit::kind::WEBHOOK_CREATED, Some(format!("webhook/{id}")), serde_json::json!({ "url": url, "events": events })).await;
            format!("webhook {id} created; its signing secret (shown once): {secret}")
        }
        Err(ApiError::Invalid(e)) => e.to_string(),
        Err(e) => e.to_string(),
    };
    Ok(admin_render(&st, &c, t, Some(notice)).await)
}

pub(super) async fn delete_webhook(State(st): State<AppState>, Signed(c, t): Signed, Path(id): Path<i64>) -> PageResult {
    admin_only(&st, &c, &t)?;
    let notice = match st.store.delete_webhook(id, Some(c.user.id)).await {
        Ok(()) => {
            st.audit_change(&c, crate::audit::kind::WEBHOOK_DELETED, Some(format!("webhook/{id}")), serde_json::json!({})).await;
            t.t("saved")
        }
        Err(e) => e.to_string(),
    };
    Ok(admin_render(&st, &c, t, Some(notice)).await)
}

/// The phone exchange's side cannot be started from here; what can be checked is Pronto's:
/// a `ringing` event signed with the configured secret goes through the same verification and
/// into the call registry (a ringing call alone is no lead).
pub(super) async fn test_telephony(State(st): State<AppState>, Signed(c, t): Signed) -> PageResult {
    admin_only(&st, &c, &t)?;
    let secret = st.settings.telephony_secret();
    let notice = match secret.as_deref() {
        None => "PRONTO_TELEPHONY_SECRET is not set: the exchange's events cannot be verified, so none are taken".to_owned(),
        Some(secret) => {
            let now = st.clock.now();
            let id = format!("pronto-test-{}", now.as_microsecond());
            let body = serde_json::json!({ "event": "ringing", "call_id": id, "from": "+420000000000", "at": now.to_string() }).to_string();
            let ts = now.as_second().to_string();
            let mut h = HeaderMap::new();
            for (k, v) in [("webhook-id", id.clone()), ("webhook-timestamp", ts.clone()), ("webhook-signature", pronto_alerts::signing::signature(secret, &id, &ts, &body))] {
                if let Ok(v) = HeaderValue::from_str(&v) {
                    h.insert(k, v);
                }
            }
            match crate::telephony::verify_generic(&st, &h, body.as_bytes()) {
                Ok((source, webhook_id, event)) => {
                    let input = pronto_store::CallIn {
                        source: source.into(),
                        webhook_id,
                        event,
                        customer_phone: None,
                        source_label: "phone".into(),
                        playbook: None,
                        canary_run: None,
                    };
                    match st.store.call_event(input).await {
                        Ok(r) => format!("a signed test event was verified and recorded as call {} (no lead: it only rang)", r.call.unwrap_or_default()),
                        Err(e) => e.to_string(),
                    }
                }
                Err(e) => e.to_string(),
            }
        }
    };
    Ok(admin_render(&st, &c, t, Some(notice)).await)
}
