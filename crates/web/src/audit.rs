//! The audit log at the edge: [`AppState::audit`], the one call every handler makes after a
//! change or a read worth recording (who, from where, what, to what); [`denials`], the
//! middleware that records every refused request (403) with its method, path and reason; and
//! the kinds of rows. The rows themselves are the store's (`audit_log`, append-only).

use crate::AppState;
use crate::auth::Caller;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use pronto_store::{AuditEntry, UserRecord};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};

/// The kinds of rows, by what happened.
pub mod kind {
    pub const SIGN_IN_OK: &str = "sign_in.ok";
    pub const SIGN_IN_FAILED: &str = "sign_in.failed";
    pub const SIGN_OUT: &str = "sign_out";
    pub const ACCESS_DENIED: &str = "access.denied";
    pub const USER_CREATED: &str = "user.created";
    pub const USER_CHANGED: &str = "user.changed";
    pub const PASSWORD_CHANGED: &str = "user.password_changed";
    pub const PASSWORD_RESET: &str = "user.password_reset";
    pub const TOKEN_CREATED: &str = "token.created";
    pub const TOKEN_REVOKED: &str = "token.revoked";
    pub const MESSAGE_SET: &str = "messages.set";
    pub const MESSAGE_RESET: &str = "messages.reset";
    pub const PLAYBOOK_LOADED: &str = "playbook.loaded";
    pub const WEBHOOK_CREATED: &str = "webhook.created";
    pub const WEBHOOK_DELETED: &str = "webhook.deleted";
    pub const MAILBOX_TESTED: &str = "mailbox.tested";
    pub const DELIVERY_TESTED: &str = "delivery.tested";
    pub const LINK_REVOKED: &str = "link.revoked";
    pub const DOCUMENT_READ: &str = "document.read";
    pub const ATTACHMENT_READ: &str = "attachment.read";
    /// An admin moved a lead to a stage its playbook does not name next.
    pub const STAGE_OVERRIDE: &str = "lead.stage_override";
    /// A section of the settings saved (which fields, never a secret's value).
    pub const SETTINGS_CHANGED: &str = "settings.changed";
    pub const SETTINGS_REMOVED: &str = "settings.removed";
    pub const SETTINGS_TESTED: &str = "settings.tested";
    /// A web form built in the admin pages saved, or removed.
    pub const FORM_SAVED: &str = "forms.saved";
    pub const FORM_DELETED: &str = "forms.deleted";
    /// The company's identity, language or region (`/admin/company`).
    pub const COMPANY_CHANGED: &str = "company.changed";
    pub const COMPANY_LOGO: &str = "company.logo";
    /// The office calendar or a user's own hours (`/admin/calendars`).
    pub const CALENDAR_CHANGED: &str = "calendar.changed";
    /// A step of the first-start guide done, skipped, or the guide finished.
    pub const GUIDE_CHANGED: &str = "guide.changed";
    /// The catalogue: a product added or changed, a catalogue file imported.
    pub const PRODUCT_CREATED: &str = "catalogue.product_created";
    pub const PRODUCT_CHANGED: &str = "catalogue.product_changed";
    pub const CATALOGUE_IMPORTED: &str = "catalogue.imported";
    /// The passport data of a customer's requisites was read (issue 21).
    pub const ID_DOCUMENT_READ: &str = "requisites.id_document_read";
    /// A manager let the customer's invoice go without the supplier's (issue 21, purchases).
    pub const PURCHASE_OVERRIDE: &str = "purchase.override";
    /// A supplier's invoice file was opened (issue 21, purchases).
    pub const SUPPLIER_INVOICE_READ: &str = "purchase.supplier_invoice_read";

    /// Every kind this version writes (the page's filter offers them).
    pub const ALL: &[&str] = &[
        SIGN_IN_OK,
        SIGN_IN_FAILED,
        SIGN_OUT,
        ACCESS_DENIED,
        USER_CREATED,
        USER_CHANGED,
        PASSWORD_CHANGED,
        PASSWORD_RESET,
        TOKEN_CREATED,
        TOKEN_REVOKED,
        MESSAGE_SET,
        MESSAGE_RESET,
        PLAYBOOK_LOADED,
        WEBHOOK_CREATED,
        WEBHOOK_DELETED,
        MAILBOX_TESTED,
        DELIVERY_TESTED,
        LINK_REVOKED,
        DOCUMENT_READ,
        ATTACHMENT_READ,
        STAGE_OVERRIDE,
        SETTINGS_CHANGED,
        SETTINGS_REMOVED,
        SETTINGS_TESTED,
        FORM_SAVED,
        FORM_DELETED,
        COMPANY_CHANGED,
        COMPANY_LOGO,
        CALENDAR_CHANGED,
        GUIDE_CHANGED,
        PRODUCT_CREATED,
        PRODUCT_CHANGED,
        CATALOGUE_IMPORTED,
        ID_DOCUMENT_READ,
        PURCHASE_OVERRIDE,
        SUPPLIER_INVOICE_READ,
    ];

    /// A kind (`sign_in.failed`) or a group of kinds (`sign_in`) as the filter takes it:
    /// lower-case letters and `_`, one optional `.` part, at most 64 characters.
    pub fn valid_filter(k: &str) -> bool {
        let part = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        k.len() <= 64
            && match k.split_once('.') {
                Some((g, n)) => part(g) && part(n),
                None => part(k),
            }
    }
}

/// A row about what `user` did from `ip`.
pub fn entry(user: Option<&UserRecord>, ip: Option<String>, kind: &str, target: Option<String>, detail: Value) -> AuditEntry {
    AuditEntry {
        actor: user.map(|u| u.id),
        actor_login: user.map(|u| u.login.clone()),
        actor_name: user.map(|u| u.name.clone()),
        kind: kind.to_owned(),
        target,
        ip,
        detail,
    }
}

impl AppState {
    /// Records that `caller` did `kind` to `target` (`lead/7`, `user/3`…). A row that cannot
    /// be written is an error: a read that must be audited (a customer's document) is then
    /// refused rather than served unrecorded.
    pub async fn audit(&self, caller: &Caller, kind: &str, target: Option<String>, detail: Value) -> Result<(), crate::error::ApiError> {
        self.audit_entry(entry(Some(&caller.user), caller.ip.clone(), kind, target, detail)).await
    }

    /// Appends any row (a sign-in has no caller yet).
    pub async fn audit_entry(&self, e: AuditEntry) -> Result<(), crate::error::ApiError> {
        self.store.audit(e).await.map(|_| ()).map_err(Into::into)
    }

    /// Records a change that already happened: a row that cannot be written is logged, and
    /// the change's answer stands.
    pub async fn audit_change(&self, caller: &Caller, kind: &str, target: Option<String>, detail: Value) {
        if let Err(e) = self.audit(caller, kind, target, detail).await {
            tracing::warn!(kind, error = %e, "an audit row could not be written");
        }
    }
}

/// A user and the address they came from.
type Who = (UserRecord, Option<String>);

/// Who made a request, filled by the `Caller` extractor for [`denials`].
#[derive(Clone, Default)]
pub struct Seen(Arc<Mutex<Option<Who>>>);

impl Seen {
    pub fn set(&self, c: &Caller) {
        self.set_user(&c.user, c.ip.clone());
    }
    pub fn set_user(&self, user: &UserRecord, ip: Option<String>) {
        if let Ok(mut g) = self.0.lock() {
            *g = Some((user.clone(), ip));
        }
    }
    fn get(&self) -> Option<Who> {
        self.0.lock().ok().and_then(|g| g.clone())
    }
}

/// Why a request was refused (a response extension set by every 403 the edge gives).
#[derive(Clone, Debug)]
pub struct Denied(pub String);

/// Records every refused request (403) of a known user — role checks, per-record checks, a
/// cross-site change carried by their session — with the method, the path and the reason.
/// A 403 to someone unidentified is not recorded: anyone could fill the table with them.
pub async fn denials(State(st): State<AppState>, mut req: Request, next: Next) -> Response {
    let seen = Seen::default();
    req.extensions_mut().insert(seen.clone());
    let method = req.method().to_string();
    let path = req.uri().path().to_owned();
    let peer = req.extensions().get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0);
    let ip = crate::forms::client_ip(&st, req.headers(), peer);
    let ip = (!ip.is_unspecified()).then(|| ip.to_string());
    let res = next.run(req).await;
    if res.status() == axum::http::StatusCode::FORBIDDEN
        && let Some(who) = seen.get()
    {
        let reason = res.extensions().get::<Denied>().map(|d| d.0.clone());
        let who = Some(who);
        let ip = who.as_ref().and_then(|(_, ip)| ip.clone()).or(ip);
        let e =
            entry(who.as_ref().map(|(u, _)| u), ip, kind::ACCESS_DENIED, None, json!({ "method": method, "path": path, "reason": reason }));
        if let Err(e) = st.store.audit(e).await {
            tracing::warn!(error = %e, "a refused request could not be recorded in the audit log");
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::kind::valid_filter;

    #[test]
    fn kind_filters() {
        for (k, ok) in [
            ("sign_in", true),
            ("sign_in.failed", true),
            ("access.denied", true),
            ("", false),
            ("Sign_in", false),
            ("sign_in.", false),
            (".x", false),
            ("a.b.c", false),
            ("sign-in", false),
            ("x%", false),
        ] {
            assert_eq!(valid_filter(k), ok, "{k:?}");
        }
        for k in super::kind::ALL {
            assert!(valid_filter(k), "{k}");
        }
    }
}
