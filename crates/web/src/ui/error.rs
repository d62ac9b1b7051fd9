//! The UI's one error type: what a use case refused ([`app::Error`]) as a page in the reader's
//! language, with the navigation, the status the refusal means and a way back — never plain
//! text. A refused action (403) says what the reader's role may not do, and the audit log
//! records it with its reason (see `audit::denials`).

use super::i18n::Tr;
use super::{LANGUAGES, page};
use crate::AppState;
use crate::app;
use crate::auth::Caller;
use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pronto_domain::user::{Action, Role};
use std::sync::Arc;

#[derive(Template)]
#[template(path = "denied.html")]
struct DeniedPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    reason: String,
    back: String,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    title: String,
    reason: String,
    /// (field, message): what was wrong with the input, or what the records said.
    details: Vec<(String, String)>,
    back: String,
}

/// A page that could not be shown or a change that was refused, for one reader.
pub(crate) struct UiError {
    t: Arc<Tr>,
    admin: bool,
    me: Option<String>,
    now_iso: String,
    back: String,
    err: app::Error,
}

impl UiError {
    /// `err` for reader `c` (in `t`'s words); the page links back to `back`.
    pub(crate) fn new(st: &AppState, c: &Caller, t: &Arc<Tr>, back: impl Into<String>, err: app::Error) -> Self {
        Self::for_reader(t.clone(), c.role == Role::Admin, c.user.name.clone(), st.clock.now().to_string(), back.into(), err)
    }

    /// `err` for a reader who is not signed in (the page has no navigation).
    pub(crate) fn anonymous(t: &Arc<Tr>, now_iso: String, back: impl Into<String>, err: app::Error) -> Self {
        UiError { t: t.clone(), admin: false, me: None, now_iso, back: back.into(), err }
    }

    /// `err` for a reader named `me` (an admin or not), at `now_iso`.
    fn for_reader(t: Arc<Tr>, admin: bool, me: String, now_iso: String, back: String, err: app::Error) -> Self {
        UiError { t, admin, me: Some(me), now_iso, back, err }
    }

    /// The status the page answers with.
    pub(crate) fn status(&self) -> StatusCode {
        status(&self.err)
    }
}

/// What each refusal means in HTTP.
pub(crate) fn status(e: &app::Error) -> StatusCode {
    match e {
        app::Error::NotFound(_) => StatusCode::NOT_FOUND,
        app::Error::Forbidden { .. } => StatusCode::FORBIDDEN,
        app::Error::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        app::Error::Conflict(_) => StatusCode::CONFLICT,
        app::Error::Wait { .. } => StatusCode::TOO_MANY_REQUESTS,
        app::Error::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        app::Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The reader's words for why `action` was refused.
fn denied_key(action: Option<Action>) -> &'static str {
    match action {
        Some(Action::WorkDeal) => "denied-deal",
        Some(Action::SendEmail) => "denied-email",
        Some(Action::ReadPersonalData) => "denied-documents",
        Some(Action::RevokeLink) => "denied-revoke",
        _ => "forbidden",
    }
}

impl IntoResponse for UiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let UiError { t, admin, me, now_iso, back, err } = self;
        let (title, reason, details) = match &err {
            app::Error::Forbidden { action, why } => {
                let mut r = page(DeniedPage { reason: t.t(denied_key(*action)), t, admin, now_iso, me, page: "denied", languages: LANGUAGES, back });
                *r.status_mut() = status;
                r.extensions_mut().insert(crate::audit::Denied(why.clone()));
                return r;
            }
            app::Error::NotFound(_) => ("error-title-not-found", t.t("error-not-found"), vec![]),
            app::Error::Invalid(f) => {
                ("error-title-invalid", t.t("error-invalid"), f.0.iter().map(|f| (f.field.clone(), f.message.clone())).collect())
            }
            app::Error::Conflict(m) => ("error-title-conflict", t.t("error-conflict"), vec![(String::new(), m.clone())]),
            app::Error::Wait { seconds, .. } => ("error-title-wait", t.with("error-wait", &[("seconds", &seconds.to_string())]), vec![]),
            app::Error::Unavailable(m) => {
                tracing::warn!(error = %m, "a page could not be served");
                ("error-title-unavailable", t.t("error-unavailable"), vec![])
            }
            app::Error::Internal(m) => {
                tracing::error!(error = %m, "a page failed");
                ("error-title-internal", t.t("error-internal"), vec![])
            }
        };
        let mut r = page(ErrorPage { title: t.t(title), reason, details, t, admin, now_iso, me, page: "error", languages: LANGUAGES, back });
        *r.status_mut() = status;
        if let app::Error::Wait { seconds, .. } = err
            && let Ok(v) = HeaderValue::from_str(&seconds.to_string())
        {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        r
    }
}

/// An error page with its own title and reason (for answers that are not a use case's refusal:
/// a request that cannot be read, a change from another site). The caller sets the status.
pub(crate) fn bare(t: &Arc<Tr>, admin: bool, me: Option<String>, now_iso: String, title: String, reason: String, back: String) -> Response {
    page(ErrorPage { title, reason, details: vec![], t: t.clone(), admin, now_iso, me, page: "error", languages: LANGUAGES, back })
}

/// A page's result: the page, or the error page.
pub(crate) type PageResult = Result<Response, UiError>;

#[cfg(test)]
mod tests {
    use super::*;
    use pronto_domain::FieldErrors;

    async fn render(lang: &str, err: app::Error) -> (StatusCode, Response, String) {
        let e = UiError::for_reader(Arc::new(Tr::new(lang)), false, "Jana".into(), "2031-05-06T09:00:00Z".into(), "/leads/7".into(), err);
        let r = e.into_response();
        let status = r.status();
        let (parts, body) = r.into_parts();
        let bytes = axum::body::to_bytes(body, 1 << 20).await.unwrap();
        (status, Response::from_parts(parts, axum::body::Body::empty()), String::from_utf8(bytes.to_vec()).unwrap())
    }

    /// The page has the navigation (the reader is signed in), says the way back, and is in the
    /// reader's language.
    fn a_page_with_the_navigation(html: &str, lang: &str) {
        assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{html}");
        assert!(html.contains("<nav aria-label=\"main\">") && html.contains("href=\"/inbox\"") && html.contains("class=\"me\"") && html.contains(">Jana</bdi></a>"), "{html}");
        assert!(html.contains("href=\"/leads/7\""), "the way back: {html}");
    }

    #[tokio::test]
    async fn a_lead_that_does_not_exist_is_a_404_page_in_the_readers_language() {
        let (status, r, html) = render("cs", app::Error::not_found("lead")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(r.headers()[header::CONTENT_TYPE], "text/html; charset=utf-8");
        assert_eq!(r.headers()[header::CACHE_CONTROL], "no-store");
        a_page_with_the_navigation(&html, "cs");
        assert!(html.contains(&Tr::new("cs").t("error-title-not-found")) && html.contains("Nenalezeno"), "{html}");
        assert!(html.contains("id=\"error-reason\""), "{html}");
    }

    #[tokio::test]
    async fn a_validation_error_lists_the_fields_with_422() {
        let mut e = FieldErrors::new();
        e.add("body", "is required for a note");
        e.add("due", "a date and time");
        let (status, _, html) = render("he", app::Error::Invalid(e)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        a_page_with_the_navigation(&html, "he");
        assert!(html.contains("dir=\"rtl\""), "Hebrew right to left");
        assert!(html.contains(&Tr::new("he").t("error-title-invalid")), "{html}");
        assert!(html.contains("<code>body</code>: is required for a note") && html.contains("<code>due</code>: a date and time"), "{html}");
    }

    #[tokio::test]
    async fn a_forbidden_action_says_why_and_the_audit_log_learns_the_reason() {
        let why = "the role `secretary` may not work the deal";
        let (status, r, html) = render("pl", app::Error::Forbidden { action: Some(Action::WorkDeal), why: why.into() }).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        a_page_with_the_navigation(&html, "pl");
        assert!(html.contains("id=\"denied-reason\"") && html.contains(&Tr::new("pl").t("denied-deal")), "{html}");
        assert_eq!(r.extensions().get::<crate::audit::Denied>().map(|d| d.0.as_str()), Some(why));
    }

    #[tokio::test]
    async fn a_server_fault_is_a_page_without_its_details() {
        let (status, _, html) = render("ru", app::Error::Internal("the disk is on fire at /var/lib".into())).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        a_page_with_the_navigation(&html, "ru");
        assert!(html.contains(&Tr::new("ru").t("error-title-internal")) && !html.contains("/var/lib"), "{html}");
        let (status, _, html) = render("en", app::Error::Unavailable("storage unavailable: pool timed out".into())).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(html.contains("Not available at the moment") && !html.contains("pool timed out"), "{html}");
    }

    #[tokio::test]
    async fn waiting_and_conflicts_have_their_status() {
        let (status, r, html) = render("en", app::Error::Wait { seconds: 7, why: "too many".into() }).await;
        assert_eq!((status, r.headers()[header::RETRY_AFTER].to_str().unwrap()), (StatusCode::TOO_MANY_REQUESTS, "7"));
        assert!(html.contains("Try again in 7 s."), "{html}");
        let (status, _, html) = render("en", app::Error::Conflict("one of the contacts was merged already".into())).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(html.contains("one of the contacts was merged already"), "{html}");
    }
}
