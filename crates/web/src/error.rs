//! The one error type of the HTTP edge and its RFC 9457 rendering. Every handler returns
//! [`ApiError`]; a client's mistake maps to a 4xx with a precise `detail`, and a server fault
//! to a 5xx whose details go to the log, never to the client.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pronto_domain::FieldErrors;
use pronto_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("authentication required")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("this resource does not take that method")]
    MethodNotAllowed,
    #[error("request body is larger than {0} bytes")]
    TooLarge(usize),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("invalid: {0}")]
    Invalid(FieldErrors),
    #[error("{0}")]
    RateLimited(String),
    /// 429 with `Retry-After` the given seconds.
    #[error("{0}")]
    RateLimitedFor(String, i64),
    /// 408: the request (its body) did not arrive in time.
    #[error("{0}")]
    Timeout(String),
    #[error("{0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// `about:blank` or a URI naming the problem type.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// For 422: every invalid field with its message.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemField {
    /// The field's path, e.g. `contact.phone`.
    pub field: String,
    pub message: String,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::RateLimited(_) | ApiError::RateLimitedFor(..) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Timeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        ApiError::Invalid(FieldErrors::single(field, message))
    }

    pub fn not_found(what: &str) -> Self {
        ApiError::NotFound(format!("{what} not found"))
    }

    pub fn problem(&self) -> Problem {
        let status = self.status();
        let (detail, errors) = match self {
            ApiError::Invalid(e) => (
                format!("{} invalid field{}: {e}", e.0.len(), if e.0.len() == 1 { "" } else { "s" }),
                e.0.iter().map(|f| ProblemField { field: f.field.clone(), message: f.message.clone() }).collect(),
            ),
            ApiError::Unauthorized(d) => (d.clone(), vec![]),
            ApiError::Internal(_) => ("the server failed; the error is in its log".to_owned(), vec![]),
            other => (other.to_string(), vec![]),
        };
        Problem {
            kind: "about:blank".into(),
            title: status.canonical_reason().unwrap_or("Error").into(),
            status: status.as_u16(),
            detail,
            errors,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::NotFound("not found".into()),
            StoreError::Invalid(f) => ApiError::Invalid(f),
            StoreError::Conflict(m) => ApiError::Conflict(m),
            StoreError::Unavailable(m) => ApiError::Unavailable(format!("storage unavailable: {m}")),
            StoreError::Internal(m) => ApiError::Internal(m),
        }
    }
}

/// A use case's error as its problem document: the same status and `detail` as ever.
impl From<crate::app::Error> for ApiError {
    fn from(e: crate::app::Error) -> Self {
        use crate::app::Error as E;
        match e {
            E::NotFound(m) => ApiError::NotFound(m),
            E::Forbidden { why, .. } => ApiError::Forbidden(why),
            E::Invalid(f) => ApiError::Invalid(f),
            E::Conflict(m) => ApiError::Conflict(m),
            E::Wait { seconds, why } => ApiError::RateLimitedFor(why, seconds),
            E::Unavailable(m) => ApiError::Unavailable(m),
            E::Internal(m) => ApiError::Internal(m),
        }
    }
}

impl From<FieldErrors> for ApiError {
    fn from(e: FieldErrors) -> Self {
        ApiError::Invalid(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(msg) = &self {
            tracing::error!(error = %msg, "request failed");
        }
        let problem = self.problem();
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut res = (self.status(), body).into_response();
        res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if let ApiError::Unauthorized(_) = self {
            res.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let ApiError::RateLimited(_) = self {
            res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        }
        if let ApiError::RateLimitedFor(_, secs) = &self
            && let Ok(v) = HeaderValue::from_str(&secs.to_string())
        {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        if let ApiError::Forbidden(why) = self {
            // The audit log records the refusal with its reason (see `audit::denials`).
            res.extensions_mut().insert(crate::audit::Denied(why));
        }
        res
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// A query string read like `axum::extract::Query`, refused as a problem (`400`,
/// `application/problem+json`) rather than axum's plain text: a repeated or malformed
/// parameter is the client's mistake and is answered in the API's own shape.
pub struct ProblemQuery<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for ProblemQuery<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| ProblemQuery(v))
            .map_err(|e| ApiError::BadRequest(e.body_text()))
    }
}
