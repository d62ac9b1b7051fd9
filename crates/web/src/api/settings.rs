//! `/api/v1/settings/{section}`: what the admin pages change — `sms`, `email`, `phone`,
//! `general` and `mailbox:NAME` — read, saved (effective at once) and tested. Admins only.
//! Secrets are write-only: a read says whether one is saved, never what it is. A field set on
//! the server (an environment variable, the configuration file) names what set it and cannot
//! be changed here. Messages are in the caller's language.

use crate::AppState;
use crate::app::settings as uc;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use crate::extract::json_body;
use crate::settings::Kind;
use crate::ui::i18n::{self, Tr};
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsField {
    pub name: String,
    /// The value; always `null` for a secret.
    pub value: Option<String>,
    /// A token or password: written, never read back.
    pub secret: bool,
    /// For a secret: whether one is saved.
    pub saved: bool,
    /// What set it on the server (`PRONTO_SMS_URL`, the configuration file): it cannot be changed here.
    pub set_by: Option<String>,
    /// The values it may take, for a choice.
    pub choices: Option<Vec<String>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsOut {
    pub section: String,
    pub fields: Vec<SettingsField>,
}

/// The fields to change, by name, as text (`{"provider": "twilio", "url": "https://…"}`); an
/// empty text forgets a field; an empty or absent secret keeps the saved one.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[schema(example = json!({"provider": "twilio", "url": "https://api.twilio.com", "account_sid": "AC123", "auth_token": "token", "from": "+420777123456"}))]
#[serde(transparent)]
pub struct SettingsIn(pub BTreeMap<String, String>);

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SettingsTestIn {
    /// SMS: the number to send to (default: the caller's phone); e-mail: the address (default
    /// the caller's). Other sections need nothing.
    #[schema(max_length = 320)]
    pub to: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsTestOut {
    pub ok: bool,
    /// What happened, in plain words.
    pub message: String,
}

fn words(caller: &Caller, headers: &HeaderMap) -> Arc<Tr> {
    i18n::pick(caller.user.language.as_deref(), headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
}

fn out(v: uc::SectionView) -> SettingsOut {
    SettingsOut {
        section: v.section,
        fields: v
            .fields
            .into_iter()
            .map(|f| {
                let secret = f.field.kind == Kind::Secret;
                SettingsField {
                    name: f.field.name.to_owned(),
                    value: if secret { None } else { Some(f.value) },
                    secret,
                    saved: f.saved,
                    set_by: f.locked_by,
                    choices: match f.field.kind {
                        Kind::Choice(c) => Some(c.iter().map(|s| (*s).to_owned()).collect()),
                        _ => None,
                    },
                }
            })
            .collect(),
    }
}

/// A section's settings (secrets: only whether one is saved).
#[utoipa::path(get, path = "/api/v1/settings/{section}", tag = "settings",
    params(("section" = String, Path, description = "`sms`, `email`, `phone`, `general` or `mailbox:NAME`")),
    responses((status = 200, body = SettingsOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn get(State(st): State<AppState>, caller: Caller, Path(section): Path<String>) -> ApiResult<Json<SettingsOut>> {
    Ok(Json(out(uc::view(&st, &caller, &section).await?)))
}

/// Save a section; it applies at once (no restart).
#[utoipa::path(put, path = "/api/v1/settings/{section}", tag = "settings", request_body = SettingsIn,
    params(("section" = String, Path, description = "`sms`, `email`, `phone`, `general` or `mailbox:NAME`")),
    responses((status = 200, body = SettingsOut), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn put(State(st): State<AppState>, caller: Caller, Path(section): Path<String>, headers: HeaderMap, body: Body) -> ApiResult<Json<SettingsOut>> {
    crate::app::require_admin(&caller)?;
    crate::settings::fields(&section).ok_or_else(|| crate::error::ApiError::not_found(&format!("settings section `{section}`")))?;
    let (input, _): (SettingsIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let t = words(&caller, &headers);
    uc::save(&st, &caller, &section, &input.0, &t).await?;
    Ok(Json(out(uc::view(&st, &caller, &section).await?)))
}

/// Remove a mailbox saved in the admin pages (its reader stops).
#[utoipa::path(delete, path = "/api/v1/settings/{section}", tag = "settings",
    params(("section" = String, Path, description = "`mailbox:NAME`")),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn delete(State(st): State<AppState>, caller: Caller, Path(section): Path<String>) -> ApiResult<StatusCode> {
    crate::app::require_admin(&caller)?;
    let name = section.strip_prefix("mailbox:").ok_or_else(|| crate::error::ApiError::not_found(&format!("mailbox `{section}`")))?;
    uc::remove_mailbox(&st, &caller, name).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Send a test through a channel with its saved settings: an SMS, an e-mail, a mailbox's
/// login, the phone exchange's address. Waits for the answer (at most 20 s).
#[utoipa::path(post, path = "/api/v1/settings/{section}/test", tag = "settings", request_body = SettingsTestIn,
    params(("section" = String, Path, description = "`sms`, `email`, `phone` or `mailbox:NAME`")),
    responses((status = 200, body = SettingsTestOut), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn test(State(st): State<AppState>, caller: Caller, Path(section): Path<String>, headers: HeaderMap, body: Body) -> ApiResult<Json<SettingsTestOut>> {
    crate::app::require_admin(&caller)?;
    crate::settings::fields(&section).ok_or_else(|| crate::error::ApiError::not_found(&format!("settings section `{section}`")))?;
    let (input, _): (SettingsTestIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let t = words(&caller, &headers);
    let r = uc::test(&st, &caller, &section, input.to.as_deref(), &t).await?;
    Ok(Json(SettingsTestOut { ok: r.ok, message: r.message }))
}
