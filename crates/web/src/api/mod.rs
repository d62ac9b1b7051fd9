//! The `/api/v1` handlers, one file per resource, collected into an [`OpenApiRouter`] so the
//! OpenAPI description is generated from the same code that serves the requests.

pub mod leads;
pub mod system;
pub mod users;

use crate::AppState;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "Pronto API", description = "The inquiry registry of Pronto: leads, contacts, activities, users.", version = "1"),
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

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(leads::create_lead, leads::list_leads))
        .routes(routes!(leads::get_lead, leads::patch_lead))
        .routes(routes!(leads::timeline))
        .routes(routes!(leads::log_activity, leads::list_activities))
        .routes(routes!(leads::get_contact))
        .routes(routes!(users::create_user, users::list_users))
        .routes(routes!(users::create_token))
        .routes(routes!(users::me))
        .routes(routes!(system::get_clock))
        .routes(routes!(system::advance_clock))
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
