//! The `/api/v1` handlers, one file per resource, collected into an [`OpenApiRouter`] so the
//! OpenAPI description is generated from the same code that serves the requests.

pub mod audit;
pub mod calls;
pub mod canary;
pub mod catalogue;
pub mod company;
pub mod events;
pub mod leads;
pub mod mail;
pub mod forms;
pub mod invoices;
pub mod deliveries;
pub mod complaints;
pub mod payments;
pub mod purchases;
pub mod messages;
pub mod notifications;
pub mod offers;
pub mod requisites;
pub mod playbooks;
pub mod reports;
pub mod settings;
pub mod system;
pub mod tasks;
pub mod tracking;
pub mod users;
pub mod webhooks;

use crate::AppState;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "Pronto API", description = "The inquiry registry of Pronto: leads, contacts, activities, tasks, notifications, playbooks, users.", version = "1"),
    modifiers(&BearerAuth),
    components(schemas(crate::error::Problem))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
    }
}

/// Documents the problem responses every operation can give, in one place: RFC 9457 documents
/// are `application/problem+json`, and 400 (malformed), 401 (no token), 404 (unknown id),
/// 413/415/422 (a body too large, of the wrong type, or invalid) and 503 (storage unavailable)
/// are added where they apply, so the description matches what the server really answers.
/// Applied after the routes are collected (a `#[openapi(modifiers)]` runs before them).
pub struct ProblemResponses;

impl Modify for ProblemResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{RefOr, Response, content::Content};
        let problem = || {
            let mut r = Response::new("A problem document (RFC 9457)");
            r.content.insert(
                "application/problem+json".into(),
                RefOr::T(Content::new(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name("Problem"))))),
            );
            RefOr::T(r)
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            let ops = [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete];
            for op in ops.into_iter().flatten() {
                for resp in op.responses.responses.values_mut() {
                    if let RefOr::T(r) = resp
                        && let Some(c) = r.content.shift_remove("application/json")
                    {
                        let is_problem =
                            matches!(&c, RefOr::T(c) if matches!(&c.schema, Some(RefOr::Ref(r)) if r.ref_location.ends_with("/Problem")));
                        r.content.insert(if is_problem { "application/problem+json" } else { "application/json" }.into(), c);
                    }
                }
                let mut codes = vec!["400", "503"];
                if op.security.as_ref().is_some_and(|s| !s.is_empty()) {
                    codes.push("401");
                }
                if path.contains('{') {
                    codes.push("404");
                }
                if op.request_body.is_some() {
                    codes.extend(["413", "415", "422"]);
                }
                if op.parameters.as_ref().is_some_and(|p| !p.is_empty()) {
                    codes.push("422");
                }
                for code in codes {
                    op.responses.responses.entry(code.into()).or_insert_with(problem);
                }
            }
        }
    }
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(system::healthz))
        .routes(routes!(system::livez))
        .routes(routes!(leads::create_lead, leads::list_leads))
        .routes(routes!(leads::get_lead, leads::patch_lead))
        .routes(routes!(leads::timeline))
        .routes(routes!(leads::log_activity, leads::list_activities))
        .routes(routes!(leads::get_contact))
        .routes(routes!(leads::get_company))
        .routes(routes!(tracking::revoke))
        .routes(routes!(tracking::documents))
        .routes(routes!(tracking::document))
        .routes(routes!(tasks::list_tasks))
        .routes(routes!(tasks::get_task))
        .routes(routes!(tasks::complete_task))
        .routes(routes!(events::stream))
        .routes(routes!(notifications::list_notifications))
        .routes(routes!(notifications::mark_read))
        .routes(routes!(notifications::retry))
        .routes(routes!(playbooks::list_playbooks, playbooks::load))
        .routes(routes!(playbooks::check))
        .routes(routes!(playbooks::get_playbook))
        .routes(routes!(playbooks::diagram))
        .routes(routes!(calls::list_calls))
        .routes(routes!(reports::response_time))
        .routes(routes!(reports::sla))
        .routes(routes!(reports::funnel))
        .routes(routes!(reports::feedback))
        .routes(routes!(reports::trend))
        .routes(routes!(reports::drill))
        .routes(routes!(reports::scheduled))
        .routes(routes!(reports::offers))
        .routes(routes!(reports::money))
        .routes(routes!(reports::sales))
        .routes(routes!(mail::list_mailboxes))
        .routes(routes!(mail::test_mailbox))
        .routes(routes!(mail::test_settings))
        .routes(routes!(mail::ignored))
        .routes(routes!(mail::list_emails, mail::send_email))
        .routes(routes!(mail::attachment))
        .routes(routes!(messages::list))
        .routes(routes!(messages::set, messages::reset))
        .routes(routes!(forms::list))
        .routes(routes!(forms::get, forms::put, forms::delete))
        .routes(routes!(webhooks::create, webhooks::list))
        .routes(routes!(webhooks::delete))
        .routes(routes!(users::create_user, users::list_users))
        .routes(routes!(users::patch_user))
        .routes(routes!(users::create_token, users::list_tokens))
        .routes(routes!(users::revoke_token))
        .routes(routes!(users::reset_password))
        .routes(routes!(users::me))
        .routes(routes!(audit::list))
        .routes(routes!(settings::get, settings::put, settings::delete))
        .routes(routes!(settings::test))
        .routes(routes!(users::change_password))
        .routes(routes!(system::get_clock))
        .routes(routes!(system::advance_clock))
        .merge(company::routes())
        .merge(catalogue::routes())
        .merge(offers::routes())
        // The customer's requisites (issue 21, helper "requisites").
        .merge(requisites::routes())
        // ── invoices (issue 21, helper "invoices") ──
        .merge(invoices::routes())
        // ── delivery (issue 21, helper "delivery") ──
        .merge(deliveries::routes())
        .merge(complaints::routes())
        .merge(canary::routes())
        // ── payments (issue 21, helper "payments") ──
        .merge(payments::routes())
        .merge(purchases::routes())
}

/// Every answer under `/api/` — data, problems, 404s and 405s alike — is never cached
/// (`Cache-Control: no-store`; a download's stricter `private, no-store` is kept) and never
/// sniffed (`X-Content-Type-Options: nosniff`). A layer over the whole router, so the fallbacks
/// are covered too.
pub async fn api_headers(req: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    let api = is_api_path(req.uri().path());
    let mut res = next.run(req).await;
    if api {
        let h = res.headers_mut();
        if !h.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("no-store")) {
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
        h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    }
    res
}

/// `/api` and everything under it.
pub fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// A store's "not found" as a 404 that names what was missing; other errors as they are.
pub fn or_not_found(e: pronto_store::StoreError, what: &str) -> crate::error::ApiError {
    match e {
        pronto_store::StoreError::NotFound => crate::error::ApiError::not_found(what),
        other => other.into(),
    }
}

/// Parses a path id; anything that is not a positive integer names nothing, so it is a 404.
pub fn path_id(raw: &str, what: &str) -> Result<i64, crate::error::ApiError> {
    raw.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(|| crate::error::ApiError::not_found(what))
}

/// A `limit` query parameter: blank means `default` (as every blank filter means none),
/// otherwise a whole number in `1..=max`.
pub fn limit_param(e: &mut pronto_domain::FieldErrors, raw: Option<String>, default: u32, max: u32) -> u32 {
    match raw.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) {
        None => default,
        Some(v) => match v.parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => n,
            _ => {
                e.add("limit", format!("must be a whole number from 1 to {max}"));
                default
            }
        },
    }
}
