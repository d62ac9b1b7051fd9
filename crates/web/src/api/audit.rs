//! `GET /api/v1/audit`: the audit log for admins — sign-ins, sign-outs, refused requests,
//! user and token changes, settings changes and reads of customers' documents — newest first,
//! filtered by actor, kind and time, paged with a cursor.

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Problem};
use axum::Json;
use axum::extract::{RawQuery, State};
use base64::Engine as _;
use pronto_domain::FieldErrors;
use pronto_domain::user::Action;
use pronto_store::{AuditFilter, AuditRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only what this user did (a user id).
    #[param(value_type = Option<i64>, minimum = 1)]
    pub actor: Option<String>,
    /// A kind (`sign_in.failed`) or a group of kinds (`sign_in`: every `sign_in.*`).
    #[param(value_type = Option<String>, pattern = r"^([a-z_]+(\.[a-z_]+)?)?$", max_length = 64)]
    pub kind: Option<String>,
    /// At or after this time (RFC 3339 with offset; blank: no bound); before `to`.
    #[param(value_type = Option<String>, pattern = r"^((19[7-9][0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9]))?$")]
    pub from: Option<String>,
    /// Before this time (RFC 3339 with offset; blank: no bound).
    #[param(value_type = Option<String>, pattern = r"^((19[7-9][0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9]))?$")]
    pub to: Option<String>,
    /// A whole number from 1 to 200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` of the previous page.
    #[param(value_type = Option<String>, pattern = r"^[A-Za-z0-9_-]{0,64}$", format = "audit-cursor")]
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditActor {
    /// `null` for someone not signed in.
    pub id: Option<i64>,
    /// The login (for a failed sign-in: the login tried).
    pub login: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditOut {
    pub id: i64,
    pub at: String,
    pub actor: AuditActor,
    /// `sign_in.ok`, `sign_in.failed`, `sign_out`, `access.denied`, `user.created`,
    /// `user.changed`, `user.password_changed`, `token.created`, `messages.set`,
    /// `messages.reset`, `playbook.loaded`, `webhook.created`, `webhook.deleted`,
    /// `mailbox.tested`, `delivery.tested`, `link.revoked`, `document.read`, `attachment.read`.
    pub kind: String,
    /// What it happened to: `lead/7`, `user/3`, `webhook/2`, `messages/agency/new_lead/cs`.
    pub target: Option<String>,
    /// The client's address.
    pub ip: Option<String>,
    /// The rest: for a refused request `method`, `path` and `reason`.
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

impl From<AuditRecord> for AuditOut {
    fn from(r: AuditRecord) -> Self {
        AuditOut {
            id: r.id,
            at: r.at.to_string(),
            actor: AuditActor { id: r.actor, login: r.actor_login, name: r.actor_name },
            kind: r.kind,
            target: r.target,
            ip: r.ip,
            detail: r.detail,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditList {
    pub items: Vec<AuditOut>,
    pub next_cursor: Option<String>,
}

pub(crate) fn encode_cursor(id: i64) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("audit:{id}"))
}

fn decode_cursor(c: &str) -> Option<i64> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(c.trim()).ok()?;
    String::from_utf8(bytes).ok()?.strip_prefix("audit:")?.parse().ok().filter(|id: &i64| *id > 0)
}

/// The query's filter, every invalid parameter reported at once. The time bounds are parsed
/// by `time(field, value)` (RFC 3339 for the API; the UI reads dates in the reader's zone).
pub(crate) fn filter(q: &AuditQuery, time: impl Fn(&str, &str) -> Result<jiff::Timestamp, String>) -> Result<AuditFilter, FieldErrors> {
    let mut e = FieldErrors::new();
    let nonblank = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let actor = nonblank(&q.actor).and_then(|v| match v.parse::<i64>() {
        Ok(id) if id > 0 => Some(id),
        _ => {
            e.add("actor", "must be a user id (a whole number from 1)");
            None
        }
    });
    let kind = nonblank(&q.kind).and_then(|k| {
        if crate::audit::kind::valid_filter(&k) {
            Some(k)
        } else {
            e.add("kind", "must be a kind like `sign_in.failed` or a group like `sign_in` (lower-case letters and `_`)");
            None
        }
    });
    let mut at = |field: &str, v: Option<String>| {
        v.and_then(|v| match time(field, &v) {
            Ok(t) => Some(t),
            Err(m) => {
                e.add(field, m);
                None
            }
        })
    };
    let from = at("from", nonblank(&q.from));
    let to = at("to", nonblank(&q.to));
    if let (Some(f), Some(t)) = (from, to)
        && f >= t
    {
        e.add("from", "must be before `to`");
    }
    let limit = super::limit_param(&mut e, nonblank(&q.limit), 50, 200);
    let before = nonblank(&q.cursor).and_then(|c| match decode_cursor(&c) {
        Some(id) => Some(id),
        None => {
            e.add("cursor", "is not a cursor this server gave out");
            None
        }
    });
    e.into_result().map(|()| AuditFilter { actor, kind, from, to, before, limit })
}

/// RFC 3339 with an offset.
pub(crate) fn rfc3339(_field: &str, v: &str) -> Result<jiff::Timestamp, String> {
    v.parse::<jiff::Timestamp>().map_err(|_| format!("`{v}` is not an RFC 3339 time with offset"))
}

/// One page of `filter` (one extra row tells whether there is a next page).
pub(crate) async fn page(st: &AppState, mut filter: AuditFilter) -> ApiResult<(Vec<AuditRecord>, Option<String>)> {
    let limit = filter.limit as usize;
    filter.limit += 1;
    let mut rows = st.store.audit_log(&filter).await?;
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|r| encode_cursor(r.id))
    } else {
        None
    };
    Ok((rows, next))
}

/// The audit log, newest first (admins).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = AuditList), (status = 401, body = Problem),
        (status = 403, description = "Only admins read the audit log", body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(State(st): State<AppState>, caller: Caller, RawQuery(raw): RawQuery) -> ApiResult<Json<AuditList>> {
    caller.require(Action::ReadAudit)?;
    let q: AuditQuery = serde_urlencoded::from_str(raw.as_deref().unwrap_or(""))
        .map_err(|e| ApiError::BadRequest(format!("malformed query string: {e}")))?;
    let (rows, next_cursor) = page(&st, filter(&q, rfc3339)?).await?;
    Ok(Json(AuditList { items: rows.into_iter().map(Into::into).collect(), next_cursor }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> AuditQuery {
        serde_urlencoded::from_str(&serde_urlencoded::to_string(pairs).unwrap()).unwrap()
    }

    #[test]
    fn the_query_is_validated_field_by_field() {
        let ok = filter(&q(&[("actor", "3"), ("kind", "sign_in"), ("from", "2026-01-01T00:00:00Z"), ("limit", "10")]), rfc3339).unwrap();
        assert_eq!((ok.actor, ok.kind.as_deref(), ok.limit, ok.to), (Some(3), Some("sign_in"), 10, None));
        assert_eq!(filter(&q(&[("actor", ""), ("limit", "")]), rfc3339).unwrap().limit, 50, "blank means none");
        let table: &[(&[(&str, &str)], &[&str])] = &[
            (&[("actor", "x")], &["actor"]),
            (&[("actor", "0")], &["actor"]),
            (&[("kind", "Sign_in")], &["kind"]),
            (&[("from", "yesterday")], &["from"]),
            (&[("to", "2026-01-01")], &["to"]),
            (&[("from", "2026-02-01T00:00:00Z"), ("to", "2026-01-01T00:00:00Z")], &["from"]),
            (&[("limit", "0")], &["limit"]),
            (&[("limit", "201")], &["limit"]),
            (&[("cursor", "bm9wZQ")], &["cursor"]),
            (&[("actor", "-1"), ("kind", "a.b.c"), ("limit", "x")], &["actor", "kind", "limit"]),
        ];
        for (pairs, fields) in table {
            let e = filter(&q(pairs), rfc3339).unwrap_err();
            let got: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
            assert_eq!(&got, fields, "{pairs:?}");
        }
        assert_eq!(decode_cursor(&encode_cursor(42)), Some(42));
    }
}
