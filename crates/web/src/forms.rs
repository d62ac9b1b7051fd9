//! Public web forms: `POST /forms/{form_key}` takes a submission from the company's own site
//! (urlencoded, multipart or JSON), with a honeypot against bots, a per-IP rate limit, a body
//! size limit and CORS. A browser is sent on with 303; a script asking for JSON gets 201.
//! The lead is committed durably before either answer leaves.

use crate::AppState;
use crate::api::leads::idempotency_key;
use crate::dto::FormReceipt;
use crate::error::{ApiError, ApiResult};
use crate::extract::{media_type, parse_json, read_body};
use crate::form_spec::FormSpec;
use crate::ui::i18n::Tr;
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequest, Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use pronto_domain::FieldErrors;
use pronto_domain::lead::{ContactDraft, LeadDraft, SHORT_MAX};
use pronto_domain::values::Line;
use std::net::{IpAddr, SocketAddr};
use tower_http::cors::{Any, CorsLayer};

/// A field that people cannot see and bots fill in.
pub const HONEYPOT: &str = "pronto_hp";

pub fn router() -> Router<AppState> {
    let cors = CorsLayer::new().allow_origin(Any).allow_methods([Method::POST]).allow_headers([
        header::CONTENT_TYPE,
        header::ACCEPT,
        header::HeaderName::from_static("idempotency-key"),
    ]);
    // OPTIONS is routed explicitly: the CORS layer answers the preflight before the handler,
    // and the router's 405 fallback never sees it.
    Router::new()
        .route("/forms/{form_key}", post(submit).options(|| async { StatusCode::NO_CONTENT }).layer(cors))
        .route("/forms/{form_key}/thanks", get(thanks))
}

/// The client's IP for per-IP limits (see [`crate::client_ip`]).
pub(crate) fn client_ip(st: &AppState, headers: &HeaderMap, peer: Option<SocketAddr>) -> IpAddr {
    crate::client_ip::of_request(headers, peer, &st.config.trusted_proxies)
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("application/json") && !a.contains("text/html"))
}

/// The submitted fields, in order, as text.
async fn fields(headers: &HeaderMap, bytes: axum::body::Bytes) -> ApiResult<Vec<(String, String)>> {
    let media = media_type(headers).unwrap_or_default();
    match media.as_str() {
        "application/x-www-form-urlencoded" => serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
            .map_err(|e| ApiError::BadRequest(format!("malformed form data: {e}"))),
        "multipart/form-data" => {
            let mut req = Request::new(Body::from(bytes));
            *req.headers_mut() = headers.clone();
            let mut mp = axum::extract::Multipart::from_request(req, &())
                .await
                .map_err(|e| ApiError::BadRequest(format!("malformed multipart body: {e}")))?;
            let mut out = Vec::new();
            while let Some(field) = mp.next_field().await.map_err(|e| ApiError::BadRequest(format!("malformed multipart body: {e}")))? {
                let name = field.name().unwrap_or_default().to_owned();
                if field.file_name().is_some() {
                    // Attachments arrive with the customer page's upload (a later feature);
                    // here a file part is skipped, not an error.
                    continue;
                }
                let text = field.text().await.map_err(|e| ApiError::BadRequest(format!("field `{name}`: {e}")))?;
                out.push((name, text));
            }
            Ok(out)
        }
        m if m == "application/json" || m.ends_with("+json") => {
            let value: serde_json::Map<String, serde_json::Value> = parse_json(&bytes)?;
            let mut out = Vec::new();
            for (k, v) in value {
                let text = match v {
                    serde_json::Value::Null => continue,
                    serde_json::Value::String(s) => s,
                    serde_json::Value::Number(n) => n.to_string(),
                    serde_json::Value::Bool(b) => b.to_string(),
                    _ => return Err(ApiError::invalid(&k, "must be text, a number or true/false")),
                };
                out.push((k, text));
            }
            Ok(out)
        }
        "" => Err(ApiError::UnsupportedMediaType(
            "send the form as application/x-www-form-urlencoded, multipart/form-data or application/json".into(),
        )),
        other => Err(ApiError::UnsupportedMediaType(format!(
            "{other} is not a form: use application/x-www-form-urlencoded, multipart/form-data or application/json"
        ))),
    }
}

/// The first language of an `Accept-Language` header.
fn accept_language(headers: &HeaderMap) -> Option<String> {
    let v = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let first = v.split(',').next()?.split(';').next()?.trim();
    (first != "*" && !first.is_empty()).then(|| first.to_owned())
}

/// The field that carries the mystery shopper's signed mark (`pronto_store::tracking::SiteKeys::canary_token`).
pub const CANARY_FIELD: &str = "_pronto_canary";

fn draft(form_key: &str, fields: Vec<(String, String)>, headers: &HeaderMap) -> (LeadDraft, bool) {
    let mut d = LeadDraft { channel: Some("web".into()), ..Default::default() };
    let mut c = ContactDraft::default();
    let mut bot = false;
    for (k, v) in fields {
        let slot = match k.as_str() {
            HONEYPOT => {
                bot |= !v.trim().is_empty();
                continue;
            }
            "name" => &mut c.name,
            "email" => &mut c.email,
            "phone" => &mut c.phone,
            "company" => &mut c.company,
            "company_id" => &mut c.company_id,
            "subject" => &mut d.subject,
            "message" => &mut d.message,
            "postal_code" => &mut d.postal_code,
            "product" => &mut d.product,
            "customer_type" => &mut d.customer_type,
            "language" => &mut d.language,
            "source" => &mut d.source,
            _ => {
                if !v.trim().is_empty() {
                    d.extra.push((k, v));
                }
                continue;
            }
        };
        *slot = Some(v);
    }
    d.contact = c;
    if d.language.as_deref().is_none_or(|l| l.trim().is_empty()) {
        d.language = accept_language(headers).filter(|l| pronto_domain::values::Language::parse(l).is_ok());
    }
    if d.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
        d.source = Some(format!("form:{form_key}"));
    }
    (d, bot)
}

/// The form behind a key: the config file's (which wins for its key) or one built in the
/// admin pages (read at every submission, so a change takes effect at once).
pub(crate) struct Resolved {
    pub source: Option<String>,
    pub playbook: Option<String>,
    /// The config file's redirect.
    pub redirect: Option<String>,
    /// The definition, for a form built in the admin pages.
    pub spec: Option<FormSpec>,
}

pub(crate) async fn resolve(st: &AppState, form_key: &str) -> ApiResult<Option<Resolved>> {
    if let Some(f) = st.config.forms.get(form_key) {
        return Ok(Some(Resolved { source: f.source.clone(), playbook: f.playbook.clone(), redirect: f.redirect.clone(), spec: None }));
    }
    if !crate::form_spec::valid_key(form_key) {
        return Ok(None);
    }
    let Some(rec) = st.store.web_form(form_key.to_owned()).await? else { return Ok(None) };
    let spec: FormSpec = serde_json::from_str(&rec.definition).map_err(|e| ApiError::Internal(format!("stored form `{form_key}`: {e}")))?;
    Ok(Some(Resolved { source: spec.source.clone(), playbook: spec.playbook.clone(), redirect: None, spec: Some(spec) }))
}

/// The visitor's language for the pages: the form's `language` field, else the browser's,
/// else the form's own, else English.
fn visitor_language(field: Option<&str>, headers: &HeaderMap, form: Option<&FormSpec>) -> &'static str {
    let browser = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(|v| {
        v.split(',').map(|p| p.split(';').next().unwrap_or_default().trim()).find_map(pronto_playbook::messages::language)
    });
    field
        .and_then(pronto_playbook::messages::language)
        .or(browser)
        .or_else(|| form.and_then(|f| pronto_playbook::messages::language(&f.language)))
        .unwrap_or("en")
}

async fn submit(State(st): State<AppState>, Path(form_key): Path<String>, req: Request) -> Response {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
    let (parts, body) = req.into_parts();
    let headers = parts.headers;
    let json = wants_json(&headers);
    let mut lang = visitor_language(None, &headers, None);
    let form = match resolve(&st, &form_key).await {
        Ok(Some(f)) => f,
        Ok(None) if json => return ApiError::not_found("form").into_response(),
        Ok(None) => return error_page(&ApiError::not_found("form"), lang, None),
        Err(e) if json => return e.into_response(),
        Err(e) => return error_page(&e, lang, None),
    };
    match accept(&st, &form_key, &form, peer, &headers, body, &mut lang).await {
        Ok(receipt) if json => (StatusCode::CREATED, Json(receipt)).into_response(),
        Ok(_) => {
            let target = form
                .spec
                .as_ref()
                .and_then(|s| s.redirect_to(lang).map(str::to_owned))
                .or_else(|| form.redirect.clone())
                .unwrap_or_else(|| format!("/forms/{form_key}/thanks?lang={lang}"));
            let mut res = StatusCode::SEE_OTHER.into_response();
            if let Ok(v) = HeaderValue::from_str(&target) {
                res.headers_mut().insert(header::LOCATION, v);
            }
            res
        }
        Err(Refused::Api(e)) if json => e.into_response(),
        Err(Refused::Api(e)) => error_page(&e, lang, form.spec.as_ref()),
        Err(Refused::Form(spec, problems)) if json => {
            let en = Tr::new("en");
            ApiError::Invalid(FieldErrors(
                problems.iter().map(|p| pronto_domain::FieldError { field: p.field.clone(), message: en.s(p.key, &spec.label(&p.field, &en)) }).collect(),
            ))
            .into_response()
        }
        Err(Refused::Form(spec, problems)) => {
            let t = Tr::new(lang);
            let items = problems.iter().map(|p| {
                let label = spec.label(&p.field, &t);
                (label.clone(), t.s(p.key, &label))
            });
            problem_page(StatusCode::UNPROCESSABLE_ENTITY, lang, items.collect())
        }
    }
}

/// Why a submission was not taken: as any request (`Api`), or the form's own rules (`Form`).
enum Refused {
    Api(ApiError),
    Form(FormSpec, Vec<crate::form_spec::Problem>),
}

impl<E: Into<ApiError>> From<E> for Refused {
    fn from(e: E) -> Self {
        Refused::Api(e.into())
    }
}

async fn accept(
    st: &AppState,
    form_key: &str,
    form: &Resolved,
    peer: Option<SocketAddr>,
    headers: &HeaderMap,
    body: Body,
    lang: &mut &'static str,
) -> Result<FormReceipt, Refused> {
    if let Some(wait) = st.form_limiter.check(client_ip(st, headers, peer)).await? {
        metrics::counter!("pronto_form_rate_limited_total").increment(1);
        return Err(ApiError::RateLimitedFor("too many submissions from your address; try again in a minute".into(), wait).into());
    }
    let bytes = read_body(body, st.config.body_limit).await?;
    let idem = idempotency_key(headers, format!("form:{form_key}"), &bytes)?;
    let fields = fields(headers, bytes).await?;
    *lang = visitor_language(fields.iter().find(|(k, _)| k == "language").map(|(_, v)| v.as_str()), headers, form.spec.as_ref());
    let consent = match &form.spec {
        Some(spec) if !fields.iter().any(|(k, v)| k == HONEYPOT && !v.trim().is_empty()) => {
            spec.check_submission(&fields, lang).map_err(|problems| Refused::Form(spec.clone(), problems))?
        }
        _ => None,
    };
    let (mut draft, bot) = draft(form_key, fields, headers);
    let now = st.clock.now();
    if bot {
        // Answer as if accepted, so the bot learns nothing; keep nothing.
        metrics::counter!("pronto_form_honeypot_total").increment(1);
        return Ok(FormReceipt { status: "received".into(), id: None, received_at: now.to_string() });
    }
    if let Some(text) = consent {
        // What the visitor agreed to, in the words they were shown, on the lead.
        draft.extra.retain(|(k, _)| k != "consent");
        draft.extra.push(("consent".into(), if text.is_empty() { "yes".into() } else { format!("yes: {text}") }));
    }
    if let Some(source) = &form.source
        && draft.source.as_deref() == Some(&format!("form:{form_key}"))
    {
        draft.source = Some(source.clone());
    }
    // The mystery shopper's mark: never kept as a field; a test inquiry when this
    // installation signed it.
    let mark = draft.extra.iter().find(|(k, _)| k == CANARY_FIELD).map(|(_, v)| v.clone());
    draft.extra.retain(|(k, _)| k != CANARY_FIELD);
    let mut lead = draft.parse(st.region(), now).map_err(rename_contact_fields)?;
    lead.canary_run = mark.and_then(|m| st.store.playbooks().site_keys()?.canary_run(&m));
    if let Some(playbook) = form.playbook.as_deref() {
        lead.playbook = Some(Line::parse(playbook, SHORT_MAX).map_err(|e| ApiError::Internal(e.to_string()))?);
    }
    let done = st.store.create_lead(lead, None, idem).await?;
    metrics::counter!("pronto_leads_received_total", "via" => "form").increment(u64::from(done.created));
    Ok(FormReceipt { status: "received".into(), id: Some(done.id), received_at: now.to_string() })
}

/// A form's fields are flat (`phone`, not `contact.phone`): name them as the form does.
fn rename_contact_fields(mut e: FieldErrors) -> ApiError {
    for f in &mut e.0 {
        if let Some(rest) = f.field.strip_prefix("contact.") {
            f.field = rest.to_owned();
        } else if f.field == "contact" {
            f.field = "name".into();
            f.message = "give at least one of name, email or phone".into();
        }
    }
    ApiError::Invalid(e)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn page(lang: &str, title: &str, body: &str) -> String {
    let dir = if lang == "he" { "rtl" } else { "ltr" };
    format!(
        "<!doctype html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{t}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;overflow-wrap:anywhere}}</style></head>\
         <body><h1>{t}</h1>{body}</body></html>",
        t = escape(title)
    )
}

/// The thank-you and error pages: no script, no framing, nothing sniffed, nothing cached, no
/// address passed on.
fn html_page(status: StatusCode, html: String) -> Response {
    let mut r = (status, Html(html)).into_response();
    let h = r.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"),
    );
    r
}

/// A field's problem in the visitor's words (Pronto's checks speak English to the API).
fn field_message(t: &Tr, field: &str, message: &str) -> String {
    match field {
        "phone" => t.t("forms-pub-bad-phone"),
        "email" => t.t("forms-pub-bad-email"),
        "company_id" => t.t("forms-pub-bad-company-id"),
        "name" if message.starts_with("give at least one") => t.t("forms-pub-who"),
        _ => t.t("forms-pub-bad-field"),
    }
}

/// The error page in the visitor's language `lang`: what is wrong, field by field, under the
/// form's own labels.
fn error_page(e: &ApiError, lang: &str, spec: Option<&FormSpec>) -> Response {
    let t = Tr::new(lang);
    let status = e.status();
    let mut items = Vec::new();
    if let ApiError::Invalid(errors) = e {
        let starter = FormSpec::starter(lang);
        let spec = spec.unwrap_or(&starter);
        for f in &errors.0 {
            let label = if crate::form_spec::FIELDS.contains(&f.field.as_str()) { spec.label(&f.field, &t) } else { f.field.clone() };
            items.push((label, field_message(&t, &f.field, &f.message)));
        }
    }
    problem_page(status, lang, items)
}

/// The page of a refused submission: `items` (label, message), else what the status means.
fn problem_page(status: StatusCode, lang: &str, items: Vec<(String, String)>) -> Response {
    let t = Tr::new(lang);
    let body = if items.is_empty() {
        let detail = match status.as_u16() {
            404 => t.t("forms-pub-no-form"),
            413 => t.t("forms-pub-too-big"),
            429 => t.t("forms-pub-too-many"),
            400..=499 => t.t("forms-pub-bad-request"),
            _ => t.t("forms-pub-failed"),
        };
        format!("<p>{}</p>", escape(&detail))
    } else {
        let li: String = items.iter().map(|(l, m)| format!("<li><b>{}</b>: {}</li>", escape(l), escape(m))).collect();
        format!("<ul>{li}</ul>")
    };
    let html = page(lang, &t.t("forms-pub-error-title"), &format!("{body}<p>{}</p>", escape(&t.t("forms-pub-go-back"))));
    html_page(status, html)
}

#[derive(serde::Deserialize)]
struct ThanksQuery {
    lang: Option<String>,
}

async fn thanks(State(st): State<AppState>, Path(form_key): Path<String>, Query(q): Query<ThanksQuery>, headers: HeaderMap) -> Response {
    let form = match resolve(&st, &form_key).await {
        Ok(Some(f)) => f,
        Ok(None) => return error_page(&ApiError::not_found("form"), visitor_language(q.lang.as_deref(), &headers, None), None),
        Err(e) => return error_page(&e, visitor_language(q.lang.as_deref(), &headers, None), None),
    };
    let lang = visitor_language(q.lang.as_deref(), &headers, form.spec.as_ref());
    let t = Tr::new(lang);
    let text = form.spec.as_ref().and_then(|s| s.thanks_text(lang)).map(str::to_owned).unwrap_or_else(|| t.t("forms-pub-thanks-text"));
    let body: String = text.lines().filter(|l| !l.trim().is_empty()).map(|l| format!("<p>{}</p>", escape(l))).collect();
    html_page(StatusCode::OK, page(lang, &t.t("forms-pub-thanks-title"), &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_map_to_the_draft_and_others_are_kept() {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("cs-CZ,cs;q=0.9,en;q=0.8"));
        let (d, bot) = draft(
            "default",
            vec![
                ("name".into(), "Jana".into()),
                ("phone".into(), "777123456".into()),
                ("budget".into(), "50k".into()),
                (HONEYPOT.into(), "".into()),
            ],
            &h,
        );
        assert!(!bot);
        assert_eq!(d.contact.name.as_deref(), Some("Jana"));
        assert_eq!(d.extra, vec![("budget".to_owned(), "50k".to_owned())]);
        assert_eq!(d.language.as_deref(), Some("cs-CZ"));
        assert_eq!(d.source.as_deref(), Some("form:default"));
        let (_, bot) = draft("default", vec![(HONEYPOT.into(), "http://spam".into())], &h);
        assert!(bot);
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(escape("<b a=\"x\">&'"), "&lt;b a=&quot;x&quot;&gt;&amp;&#39;");
    }
}
