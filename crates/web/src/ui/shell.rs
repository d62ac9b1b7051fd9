//! The frame of every page: the initials in a person's avatar, the icons and the favicon, and
//! error pages that are always whole pages — an answer of 400 or more that is not HTML (a
//! refused cross-site change, an address that cannot be parsed, an unknown path, a template
//! that failed) becomes the error page in the reader's language, with the navigation when the
//! reader is signed in. The API (`/api/`), the public forms, the customer's page and hooks keep
//! their own answers, and so does any request that does not ask for HTML.

use super::error::{UiError, bare};
use super::i18n::{self, Tr};
use crate::AppState;
use crate::app;
use crate::auth::Caller;
use axum::Router;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::sync::Arc;

/// The initials of a person's (or a company's) name for an avatar: the first letter of the
/// first and of the last word, upper case (`"Jana Nováková"` → `"JN"`), one letter for one
/// word. Words ending with a period (`Ing.`, `s.r.o.`) count only when there is nothing
/// else; signs and digits are skipped (a phone number has no initials); a letter keeps its combining marks (Hebrew points,
/// a decomposed `Č`). Empty when the name has no letter at all.
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split(|c: char| c.is_whitespace() || c == ',').filter(|w| w.chars().any(char::is_alphabetic)).collect();
    let plain: Vec<&str> = words.iter().copied().filter(|w| !w.ends_with('.')).collect();
    let words = if plain.is_empty() { words } else { plain };
    let first = |w: &str| -> String {
        let mut out = String::new();
        let mut it = w.chars().skip_while(|c| !c.is_alphabetic());
        if let Some(c) = it.next() {
            out.extend(c.to_uppercase());
            out.extend(it.take_while(|m| is_mark(*m)));
        }
        out
    };
    match words.as_slice() {
        [] => String::new(),
        [one] => first(one),
        [a, .., b] => first(a) + &first(b),
    }
}

/// A combining mark (it belongs to the letter before it).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{483}'..='\u{489}' | '\u{591}'..='\u{5BD}' | '\u{5BF}' | '\u{5C1}'..='\u{5C2}' | '\u{5C4}'..='\u{5C5}' | '\u{5C7}'
        | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

const FAVICON_SVG: &str = include_str!("../../static/favicon.svg");
const FAVICON_ICO: &[u8] = include_bytes!("../../static/favicon.ico");
const ICONS: &str = include_str!("../../static/icons.svg");

/// The favicon (SVG, and the ICO browsers ask for by themselves) and the icon sprite.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/favicon.ico", get(|| async { binary("image/x-icon", FAVICON_ICO) }))
        .route("/favicon.svg", get(|| async { binary("image/svg+xml", FAVICON_SVG.as_bytes()) }))
        .route("/static/icons.svg", get(|| async { binary("image/svg+xml", ICONS.as_bytes()) }))
}

fn binary(ct: &'static str, body: &'static [u8]) -> Response {
    ([(header::CONTENT_TYPE, ct), (header::CACHE_CONTROL, "public, max-age=86400")], body).into_response()
}

/// A change refused because it came from another site (the page says so).
#[derive(Clone, Copy)]
pub(crate) struct CrossSite;

/// Paths whose answers are not the team's pages: they keep their own error bodies.
fn not_a_page(path: &str) -> bool {
    crate::api::is_api_path(path)
        || ["/forms/", "/t/", "/process/", "/hooks/", "/healthz", "/livez", "/metrics", "/static/"].iter().any(|p| path.starts_with(p))
}

/// Whether the browser asked for a page (a navigation or a form sends `Accept: text/html…`).
fn wants_html(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/html"))
}

fn is_html(r: &Response) -> bool {
    r.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"))
}

/// Middleware: a bare error answer to a browser becomes a whole page (see the module's doc).
pub async fn whole_error_pages(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let dress = wants_html(req.headers()) && !not_a_page(req.uri().path());
    let headers = dress.then(|| req.headers().clone());
    let r = next.run(req).await;
    match headers {
        Some(h) if r.status().as_u16() >= 400 && !is_html(&r) => error_page(&st, &h, r).await,
        _ => r,
    }
}

/// The reader of a request, identified by their session as if they were only reading (a
/// cross-site change is refused, but its page still shows who is signed in); their words.
async fn reader(st: &AppState, headers: &HeaderMap) -> (Option<Caller>, Arc<Tr>) {
    let (mut parts, ()) = axum::http::Request::builder().method(Method::GET).uri("/").body(()).expect("a request").into_parts();
    parts.headers = headers.clone();
    parts.headers.remove(header::AUTHORIZATION);
    let caller = Caller::from_request_parts(&mut parts, st).await.ok();
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let t = i18n::pick(caller.as_ref().and_then(|c| c.user.language.as_deref()), accept);
    (caller, t)
}

async fn error_page(st: &AppState, headers: &HeaderMap, bare_answer: Response) -> Response {
    let status = bare_answer.status();
    let (parts, _) = bare_answer.into_parts();
    let (caller, t) = reader(st, headers).await;
    let err = match status {
        StatusCode::NOT_FOUND => app::Error::not_found("page"),
        StatusCode::TOO_MANY_REQUESTS => {
            let seconds = parts.headers.get(header::RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(|s| s.parse().ok()).unwrap_or(60);
            app::Error::Wait { seconds, why: String::new() }
        }
        StatusCode::SERVICE_UNAVAILABLE | StatusCode::GATEWAY_TIMEOUT => app::Error::Unavailable(String::new()),
        s if s.is_server_error() => app::Error::Internal(String::new()),
        _ => app::Error::Internal(String::new()),
    };
    // What the reader reads: the refusal, or what a request that cannot be read means.
    let (title, reason) = match status {
        StatusCode::FORBIDDEN if parts.extensions.get::<CrossSite>().is_some() => ("denied-title", "shell-cross-site"),
        StatusCode::FORBIDDEN => ("denied-title", "forbidden"),
        s if s.is_client_error() && !matches!(s, StatusCode::NOT_FOUND | StatusCode::TOO_MANY_REQUESTS) => ("error-title-invalid", "shell-bad-request"),
        _ => ("", ""),
    };
    let now = st.clock.now().to_string();
    let mut page = match caller {
        Some(c) if title.is_empty() => UiError::new(st, &c, &t, "/inbox", err).into_response(),
        Some(c) => bare(&t, c.role == pronto_domain::user::Role::Admin, Some(c.user.name.clone()), now, t.t(title), t.t(reason), "/inbox".into()),
        None if title.is_empty() => UiError::anonymous(&t, now, "/", err).into_response(),
        None => bare(&t, false, None, now, t.t(title), t.t(reason), "/".into()),
    };
    *page.status_mut() = status;
    // The audit log's reason, and the headers that mean something to the browser.
    page.extensions_mut().extend(parts.extensions);
    for h in [header::RETRY_AFTER, header::ALLOW, header::SET_COOKIE] {
        if let Some(v) = parts.headers.get(&h) {
            page.headers_mut().insert(h, v.clone());
        }
    }
    page
}

/// A 403 that says the change came from another site.
pub(crate) fn cross_site(why: &str) -> Response {
    let mut r = (StatusCode::FORBIDDEN, why.to_owned()).into_response();
    r.extensions_mut().insert(CrossSite);
    r.extensions_mut().insert(crate::audit::Denied(why.to_owned()));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_names() {
        for (name, want) in [
            ("Jana Nováková", "JN"),
            ("jana nováková", "JN"),
            ("Marek", "M"),
            ("admin", "A"),
            ("Jan van der Berg", "JB"),
            ("Ing. Petr Malý", "PM"),
            ("Pekárna Svoboda s.r.o.", "PS"),
            ("Ing.", "I"),
            ("Čeněk Šťastný", "ČŠ"),
            ("C\u{30C}eněk Z\u{30C}ák", "C\u{30C}Z\u{30C}"),
            ("Олег Петров", "ОП"),
            ("łucja żak", "ŁŻ"),
            ("דוד כהן", "דכ"),
            ("ד\u{5BC}\u{5B8}ו\u{5B4}ד", "ד\u{5BC}\u{5B8}"),
            ("Jean-Paul Sartre", "JS"),
            ("  Jana   ", "J"),
            ("(Jana) Nováková", "JN"),
            ("Nováková, Jana", "NJ"),
            ("straße", "S"),
            ("ǆuro", "Ǆ"),
            ("山田 太郎", "山太"),
            ("+420 777 123 456", ""),
            ("R2-D2 Droid", "RD"),
            ("🙂", ""),
            ("", ""),
            ("   ", ""),
        ] {
            assert_eq!(initials(name), want, "{name:?}");
        }
    }

    #[test]
    fn what_is_a_page() {
        for (path, page) in [("/inbox", true), ("/leads/x", true), ("/no/such/page", true), ("/api/v1/leads", false), ("/api", false), ("/t/abc", false), ("/forms/default", false), ("/static/app.css", false)] {
            assert_eq!(!not_a_page(path), page, "{path}");
        }
        let mut h = HeaderMap::new();
        assert!(!wants_html(&h), "no Accept: not a browser");
        h.insert(header::ACCEPT, HeaderValue::from_static("text/html,application/xhtml+xml,*/*;q=0.8"));
        assert!(wants_html(&h));
        h.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        assert!(!wants_html(&h));
    }
}
