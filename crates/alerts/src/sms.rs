//! SMS providers: `log` (development: the message goes to the log only) and `twilio` (the
//! Twilio-compatible Messages API many gateways speak: a form-encoded POST to
//! `{URL}/2010-04-01/Accounts/{SID}/Messages.json` with basic auth and `To`, `From`, `Body`;
//! the answer's `sid` is the provider's id). The notification's idempotency key goes with the
//! request (`I-Twilio-Idempotency-Token`), so a retry after a crash is recognisable.

use crate::{SendError, Sent};

/// How SMS leave Pronto (`PRONTO_SMS_*`).
#[derive(Clone, Default)]
pub struct SmsConfig {
    /// `log` (default) or `twilio`.
    pub provider: String,
    pub url: Option<String>,
    pub account_sid: Option<String>,
    pub auth_token: Option<String>,
    pub from: Option<String>,
}

impl std::fmt::Debug for SmsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsConfig")
            .field("provider", &self.provider)
            .field("url", &self.url)
            .field("account_sid", &self.account_sid)
            .field("auth_token", &self.auth_token.as_ref().map(|_| "***"))
            .field("from", &self.from)
            .finish()
    }
}

pub enum SmsProvider {
    Log,
    Twilio { client: reqwest::Client, endpoint: String, sid: String, token: String, from: String },
}

impl std::fmt::Debug for SmsProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SmsProvider::Log => f.write_str("SmsProvider::Log"),
            // The auth token never reaches a log.
            SmsProvider::Twilio { endpoint, sid, from, .. } => write!(f, "SmsProvider::Twilio({endpoint}, {sid}, from {from})"),
        }
    }
}

impl SmsProvider {
    /// Builds the provider, or says which setting is missing or wrong.
    pub fn from_config(c: &SmsConfig) -> Result<SmsProvider, String> {
        match c.provider.trim() {
            "" | "log" => Ok(SmsProvider::Log),
            "twilio" => {
                let need = |v: &Option<String>, name: &str| {
                    v.as_deref()
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .ok_or_else(|| format!("{name} is required for the twilio SMS provider"))
                };
                let url = need(&c.url, "PRONTO_SMS_URL")?;
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    return Err(format!("PRONTO_SMS_URL: `{url}` is not an http(s) URL"));
                }
                let sid = need(&c.account_sid, "PRONTO_SMS_ACCOUNT_SID")?;
                if !sid.chars().all(|c| c.is_ascii_alphanumeric()) {
                    return Err("PRONTO_SMS_ACCOUNT_SID: letters and digits only".into());
                }
                Ok(SmsProvider::Twilio {
                    client: crate::http_client(),
                    endpoint: format!("{}/2010-04-01/Accounts/{sid}/Messages.json", url.trim_end_matches('/')),
                    sid,
                    token: need(&c.auth_token, "PRONTO_SMS_AUTH_TOKEN")?,
                    from: need(&c.from, "PRONTO_SMS_FROM")?,
                })
            }
            other => Err(format!("PRONTO_SMS_PROVIDER: `{other}` is neither `log` nor `twilio`")),
        }
    }

    pub async fn send(&self, to: &str, body: &str, key: &str) -> Result<Sent, SendError> {
        match self {
            SmsProvider::Log => {
                tracing::info!(to, key, body, "SMS (log provider: not sent)");
                Ok(Sent { provider_id: None })
            }
            SmsProvider::Twilio { client, endpoint, sid, token, from } => {
                let res = client
                    .post(endpoint)
                    .basic_auth(sid, Some(token))
                    .header("I-Twilio-Idempotency-Token", key)
                    .form(&[("To", to), ("From", from.as_str()), ("Body", body)])
                    .send()
                    .await
                    .map_err(|e| SendError::retry(format!("SMS gateway unreachable: {}", without_url(&e))))?;
                let status = res.status();
                let text = res.text().await.unwrap_or_default();
                if status.is_success() {
                    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
                    return Ok(Sent { provider_id: v["sid"].as_str().map(str::to_owned) });
                }
                let detail: String = serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|v| v["message"].as_str().map(str::to_owned))
                    .unwrap_or_else(|| text.chars().take(200).collect());
                let message = format!("SMS gateway answered {}: {detail}", status.as_u16());
                // 429 and 5xx may pass; other 4xx (a bad number, bad credentials) will not.
                if status.as_u16() == 429 || status.is_server_error() {
                    Err(SendError::retry(message))
                } else {
                    Err(SendError::fatal(message))
                }
            }
        }
    }
}

/// A reqwest error's text without the URL (it may carry credentials).
pub(crate) fn without_url(e: &reqwest::Error) -> String {
    let mut msg = e.to_string();
    if let Some(u) = e.url() {
        msg = msg.replace(u.as_str(), "…");
    }
    msg
}
