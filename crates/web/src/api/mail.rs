//! Mail: the mailboxes and their readers' state with a "test connection" (admins), the
//! messages that were not inquiries, a lead's e-mails, writing to the customer from Pronto,
//! and attachments (always downloaded, never shown inline).

use super::{limit_param, or_not_found, path_id};
use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::json_body;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pronto_domain::FieldErrors;
use pronto_domain::user::Action;
use pronto_mail::imap::{MailboxConfig, Reach, TestError, Tls};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Serialize, ToSchema)]
pub struct MailboxOut {
    pub name: String,
    pub host: String,
    pub port: u16,
    /// `tls`, `starttls` or `none`.
    pub tls: &'static str,
    pub user: String,
    pub folder: String,
    pub address: Option<String>,
    pub playbook: Option<String>,
    /// `starting`, `connecting`, `reading`, `idle` (waiting with IDLE), `polling`, `failing`,
    /// `standby` (another node reads this mailbox; this one takes over if that node dies).
    pub state: &'static str,
    pub since: Option<String>,
    pub last_error: Option<String>,
    pub failing_since: Option<String>,
    pub idle_supported: Option<bool>,
    pub uidvalidity: Option<i64>,
    pub last_uid: Option<i64>,
    pub leads: u64,
    pub replies: u64,
    pub ignored: u64,
    pub last_message_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MailboxList {
    pub items: Vec<MailboxOut>,
}

fn tls_word(t: Tls) -> &'static str {
    match t {
        Tls::Implicit => "tls",
        Tls::StartTls => "starttls",
        Tls::None => "none",
    }
}

/// The configured mailboxes and what their readers are doing.
#[utoipa::path(get, path = "/api/v1/mailboxes", tag = "mail",
    responses((status = 200, body = MailboxList), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_mailboxes(State(st): State<AppState>, caller: Caller) -> ApiResult<Json<MailboxList>> {
    caller.require(Action::ManageMail)?;
    let t = |x: Option<jiff::Timestamp>| x.map(|t| t.to_string());
    let items = st
        .mail
        .get()
        .into_iter()
        .map(|(c, s)| MailboxOut {
            tls: tls_word(c.tls),
            name: c.name,
            host: c.host,
            port: c.port,
            user: c.user,
            folder: c.folder,
            address: c.address,
            playbook: c.playbook,
            state: if s.state.is_empty() { "starting" } else { s.state },
            since: t(s.since),
            last_error: s.last_error,
            failing_since: t(s.failing_since),
            idle_supported: s.idle_supported,
            uidvalidity: s.uidvalidity,
            last_uid: s.last_uid,
            leads: s.leads,
            replies: s.replies,
            ignored: s.ignored,
            last_message_at: t(s.last_message_at),
        })
        .collect();
    Ok(Json(MailboxList { items }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MailboxTest {
    pub ok: bool,
    /// Why it failed, precisely (connection, TLS, login, folder); never what a server that is
    /// not an IMAP server said.
    pub error: Option<String>,
    pub idle: Option<bool>,
    pub messages: Option<u32>,
    pub uidvalidity: Option<u32>,
}

/// A test's answer; an address that may not be reached is refused as invalid input (422).
async fn run_test(cfg: &MailboxConfig, reach: Reach<'_>) -> ApiResult<MailboxTest> {
    Ok(match pronto_mail::imap::test(cfg, reach).await {
        Ok(r) => MailboxTest { ok: true, error: None, idle: Some(r.idle), messages: Some(r.exists), uidvalidity: r.uidvalidity },
        Err(TestError::Refused(m)) => return Err(ApiError::invalid("url", &m)),
        Err(TestError::Failed(e)) => MailboxTest { ok: false, error: Some(e), idle: None, messages: None, uidvalidity: None },
    })
}

/// Test a configured mailbox's connection: connect, TLS, log in, open the folder.
#[utoipa::path(post, path = "/api/v1/mailboxes/{name}/test", tag = "mail", params(("name" = String, Path)),
    responses((status = 200, body = MailboxTest), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn test_mailbox(State(st): State<AppState>, caller: Caller, Path(name): Path<String>) -> ApiResult<Json<MailboxTest>> {
    caller.require(Action::ManageMail)?;
    let cfg = st.mail.config(&name).ok_or_else(|| ApiError::not_found(&format!("mailbox `{name}`")))?;
    // A configured mailbox is the operator's choice: reached as configured.
    let result = run_test(&cfg, Reach::Configured).await?;
    st.audit_change(&caller, crate::audit::kind::MAILBOX_TESTED, Some(format!("mailbox/{name}")), serde_json::json!({ "host": cfg.host, "ok": result.ok }))
        .await;
    Ok(Json(result))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct MailboxTestIn {
    /// `imaps://USER:PASSWORD@HOST:PORT/FOLDER` (`imap://…`, `?starttls`).
    #[schema(value_type = String, required = true, format = "imap-url")]
    pub url: Option<String>,
}

/// Test settings before they go into the configuration. The host must resolve to globally
/// reachable addresses only (or be on `PRONTO_WEBHOOK_ALLOW`); otherwise 422 and no connection.
#[utoipa::path(post, path = "/api/v1/mailboxes/test", tag = "mail", request_body = MailboxTestIn,
    responses((status = 200, body = MailboxTest), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn test_settings(State(st): State<AppState>, caller: Caller, headers: HeaderMap, body: Body) -> ApiResult<Json<MailboxTest>> {
    caller.require(Action::ManageMail)?;
    let (input, _): (MailboxTestIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let url = input.url.unwrap_or_default();
    let cfg = MailboxConfig::from_url("test", &url).map_err(|m| ApiError::invalid("url", &m))?;
    // Typed in: only a globally reachable address or an allow-listed host (no port scans of the
    // network behind Pronto).
    let result = run_test(&cfg, Reach::Checked(&st.config.outbound_allow)).await?;
    // The host and port, never the URL (it carries the password).
    st.audit_change(&caller, crate::audit::kind::MAILBOX_TESTED, None, serde_json::json!({ "host": cfg.host, "port": cfg.port, "ok": result.ok }))
        .await;
    Ok(Json(result))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct IgnoredQuery {
    /// 1–500, default 100.
    #[param(pattern = r"^([1-9]|[1-9][0-9]|[1-4][0-9]{2}|500)?$")]
    pub limit: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IgnoredOut {
    pub id: i64,
    pub mailbox: String,
    pub uid: Option<i64>,
    pub message_id: Option<String>,
    pub from: Option<String>,
    pub subject: Option<String>,
    /// Why it is not an inquiry: `auto-reply (…)`, `bounce (…)`, `mailing list (…)`, `loop (…)`, `unreadable: …`.
    pub reason: String,
    pub at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IgnoredList {
    pub items: Vec<IgnoredOut>,
}

/// Mail that did not become a lead, newest first, each with the reason.
#[utoipa::path(get, path = "/api/v1/mail/ignored", tag = "mail", params(IgnoredQuery),
    responses((status = 200, body = IgnoredList), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn ignored(State(st): State<AppState>, caller: Caller, Query(q): Query<IgnoredQuery>) -> ApiResult<Json<IgnoredList>> {
    caller.require(Action::ReadAllNotifications)?;
    let mut e = FieldErrors::new();
    let limit = limit_param(&mut e, q.limit, 100, 500);
    e.into_result()?;
    let items = st
        .store
        .ignored_mail(i64::from(limit))
        .await?
        .into_iter()
        .map(|r| IgnoredOut {
            id: r.id,
            mailbox: r.mailbox,
            uid: r.uid,
            message_id: r.message_id,
            from: r.from_address,
            subject: r.subject,
            reason: r.reason,
            at: r.at.to_string(),
        })
        .collect();
    Ok(Json(IgnoredList { items }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttachmentOut {
    pub id: i64,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    /// Whether the file was kept (a file over the size limit is only listed).
    pub stored: bool,
    /// `GET` it to download.
    pub url: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EmailOut {
    pub id: i64,
    pub lead_id: i64,
    /// `in` (from the customer) or `out` (written in Pronto).
    pub direction: String,
    pub mailbox: Option<String>,
    pub message_id: String,
    pub in_reply_to: Option<String>,
    pub from: Option<String>,
    pub from_name: Option<String>,
    pub to: Option<String>,
    pub subject: Option<String>,
    pub text: String,
    /// The HTML as sanitised at intake (scripts, styles, handlers and frames removed).
    pub html: Option<String>,
    pub sent_at: Option<String>,
    pub created_at: String,
    pub attachments: Vec<AttachmentOut>,
    /// Outgoing: `queued`, `sending`, `sent`, `failed`.
    pub status: Option<String>,
}

impl From<pronto_store::EmailRecord> for EmailOut {
    fn from(e: pronto_store::EmailRecord) -> Self {
        EmailOut {
            id: e.id,
            lead_id: e.lead_id,
            direction: e.direction,
            mailbox: e.mailbox,
            message_id: e.message_id,
            in_reply_to: e.in_reply_to,
            from: e.from_address,
            from_name: e.from_name,
            to: e.to_address,
            subject: e.subject,
            text: e.text,
            html: e.html,
            sent_at: e.sent_at.map(|t| t.to_string()),
            created_at: e.created_at.to_string(),
            attachments: e
                .attachments
                .into_iter()
                .map(|a| AttachmentOut {
                    stored: a.sha256.is_some(),
                    url: a.sha256.is_some().then(|| format!("/api/v1/attachments/{}", a.id)),
                    id: a.id,
                    filename: a.filename,
                    content_type: a.content_type,
                    size: a.size,
                })
                .collect(),
            status: e.status,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EmailList {
    pub items: Vec<EmailOut>,
}

/// A lead's conversation: every e-mail in and out, oldest first, with attachments.
#[utoipa::path(get, path = "/api/v1/leads/{id}/emails", tag = "mail", params(("id" = i64, Path)),
    responses((status = 200, body = EmailList), (status = 401, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn list_emails(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<EmailList>> {
    caller.require(Action::ReadLeads)?;
    let id = path_id(&id, "lead")?;
    let items = st.store.emails(id).await.map_err(|e| or_not_found(e, "lead"))?.into_iter().map(Into::into).collect();
    Ok(Json(EmailList { items }))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct EmailIn {
    /// The text of the e-mail.
    #[schema(value_type = String, required = true, max_length = 20000, pattern = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$")]
    pub text: Option<String>,
    /// One line of at most 300 characters. Default (absent or blank): "Re: " and the customer's last subject.
    #[schema(max_length = 300, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$")]
    pub subject: Option<String>,
    /// Default: the lead's contact's e-mail.
    #[schema(max_length = 254, pattern = r"^([A-Za-z0-9]([A-Za-z0-9_%+-]{0,62}[A-Za-z0-9])?@[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?)*\.[A-Za-z]{2,10})?$")]
    pub to: Option<String>,
}

/// Write to the customer: sent through the outbox with the conversation's threading headers,
/// kept on the timeline, and a response (the first one sets `first_response_at`). The lead's
/// owner, someone with an open task on it, managers and admins.
#[utoipa::path(post, path = "/api/v1/leads/{id}/emails", tag = "mail", request_body = EmailIn, params(("id" = i64, Path)),
    responses((status = 201, body = EmailOut), (status = 401, body = Problem),
        (status = 403, description = "Only the lead's owner, the assignee of an open task on it, managers and admins write to the customer", body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn send_email(
    State(st): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<(StatusCode, Json<EmailOut>)> {
    caller.require(Action::LogActivity)?;
    let id = path_id(&id, "lead")?;
    // Refused before the body is read, as ever (403/404 before 400/415/422); the use case
    // checks again before it writes.
    crate::access::require_on_lead(&st, &caller, Action::SendEmail, id).await?;
    let (input, _): (EmailIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let reply = crate::app::mail::Reply { text: input.text, subject: input.subject, to: input.to };
    let out = crate::app::mail::send_reply(&st, &caller, id, reply).await?;
    Ok((StatusCode::CREATED, Json(out.into())))
}

/// Types a browser may show from a download (everything else is `application/octet-stream`).
const SAFE_TYPES: &[&str] = &["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"];

/// Download an attachment. Always `Content-Disposition: attachment`, `nosniff` and a sandbox
/// CSP, and only harmless types keep their type: a file a customer sent never runs in the page.
/// The lead's owner, managers and admins only; every download is in the audit log.
#[utoipa::path(get, path = "/api/v1/attachments/{id}", tag = "mail", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 401, body = Problem),
        (status = 403, description = "Only the lead's owner, managers and admins open a customer's attachments", body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn attachment(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Response> {
    caller.require(Action::ReadLeads)?;
    let id = path_id(&id, "attachment")?;
    let a = st.store.attachment(id).await.map_err(|e| or_not_found(e, "attachment"))?;
    crate::access::require_on_lead(&st, &caller, Action::ReadPersonalData, a.lead_id).await?;
    let Some(sha) = a.sha256.as_deref() else {
        return Err(ApiError::not_found("attachment file (it was larger than the limit and not kept)"));
    };
    // In the database (every node serves it); one kept before migration 30 is read from the
    // node's data directory.
    let data = match st.store.attachment_data(a.id).await? {
        Some(data) => data,
        None => {
            let path = pronto_mail::imap::attachment_path(&st.config.data_dir, sha).ok_or_else(|| ApiError::not_found("attachment file"))?;
            tokio::fs::read(&path).await.map_err(|_| ApiError::not_found("attachment file"))?
        }
    };
    st.audit(&caller, crate::audit::kind::ATTACHMENT_READ, Some(format!("lead/{}", a.lead_id)), serde_json::json!({ "attachment_id": a.id, "filename": a.filename }))
        .await?;
    Ok(download(&a.filename, &a.content_type, data))
}

/// A file as a download that never opens in the page: `Content-Disposition: attachment`,
/// `nosniff`, a sandbox CSP, and only harmless types keep their type.
pub(crate) fn download(filename: &str, content_type: &str, data: Vec<u8>) -> Response {
    let ct = content_type.to_ascii_lowercase();
    let ct = if SAFE_TYPES.contains(&ct.as_str()) { ct } else { "application/octet-stream".to_owned() };
    let ascii: String = filename.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_ ".contains(c) { c } else { '_' }).collect();
    let encoded: String = filename
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b".-_".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut res = (StatusCode::OK, data).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_str(&ct).unwrap_or(HeaderValue::from_static("application/octet-stream")));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox; default-src 'none'"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    res
}
