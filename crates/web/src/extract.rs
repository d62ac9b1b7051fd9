//! Reading request bodies the way the contract promises: a size limit answered with 413,
//! the wrong content type with 415, malformed JSON with 400 and well-formed JSON of the wrong
//! shape with 422 naming the field. Unknown JSON fields are ignored.

use crate::error::ApiError;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, header};
use serde::de::DeserializeOwned;

/// Reads the whole body, refusing more than `limit` bytes.
pub async fn read_body(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        // to_bytes reports a length-limit error through its source chain
        let mut src: Option<&dyn std::error::Error> = Some(&e);
        while let Some(s) = src {
            if s.to_string().contains("length limit") {
                return ApiError::TooLarge(limit);
            }
            src = s.source();
        }
        ApiError::BadRequest(format!("could not read the request body: {e}"))
    })
}

/// The media type of the request, lower-cased, without parameters.
pub fn media_type(headers: &HeaderMap) -> Option<String> {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
}

fn is_json(media: &str) -> bool {
    media == "application/json" || (media.starts_with("application/") && media.ends_with("+json"))
}

/// Checks the content type is JSON, then parses `bytes` into `T`.
pub fn json<T: DeserializeOwned>(headers: &HeaderMap, bytes: &[u8]) -> Result<T, ApiError> {
    match media_type(headers) {
        Some(m) if is_json(&m) => {}
        Some(m) => return Err(ApiError::UnsupportedMediaType(format!("expected application/json, got {m}"))),
        None => return Err(ApiError::UnsupportedMediaType("expected Content-Type: application/json".into())),
    }
    parse_json(bytes)
}

/// Reads a JSON request body within `limit`: the parsed value and the raw bytes (for an
/// idempotency fingerprint).
pub async fn json_body<T: DeserializeOwned>(headers: &HeaderMap, body: Body, limit: usize) -> Result<(T, Bytes), ApiError> {
    let bytes = read_body(body, limit).await?;
    let value = json(headers, &bytes)?;
    Ok((value, bytes))
}

/// Parses JSON: syntax errors are 400, shape errors 422 with the field's path.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // Syntax first, so that a truncated document is a 400 even when its prefix has the wrong shape.
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| ApiError::BadRequest(format!("malformed JSON: {e}")))?;
    // Every body Pronto takes is an object.
    if !value.is_object() {
        return Err(ApiError::invalid("body", "must be a JSON object"));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "body".to_owned() } else { path };
        ApiError::invalid(&field, e.into_inner().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct T {
        a: Option<String>,
        b: Option<Inner>,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Inner {
        c: Option<String>,
    }

    #[test]
    fn syntax_is_400_and_shape_is_422_naming_the_field() {
        assert!(matches!(parse_json::<T>(b"{\"a\": "), Err(ApiError::BadRequest(_))));
        match parse_json::<T>(br#"{"b": {"c": 5}, "zzz": 1}"#) {
            Err(ApiError::Invalid(e)) => assert_eq!(e.0[0].field, "b.c"),
            other => panic!("{other:?}"),
        }
        match parse_json::<T>(b"[1]") {
            Err(ApiError::Invalid(e)) => assert_eq!(e.0[0].field, "body"),
            other => panic!("{other:?}"),
        }
        assert!(parse_json::<T>(br#"{"a": "x", "unknown": [1]}"#).is_ok());
    }
}
