//! SMS providers: `log` (development: the message goes to the log only) and `twilio` (the
//! Twilio-compatible Messages API many gateways speak: a form-encoded POST to
//! `{URL}/2010-04-01/Accounts/{SID}/Messages.json` with basic auth and `To`, `From`, `Body`;
//! the answer's `sid` is the provider's id). The notification's idempotency key goes with the
//! request (`I-Twilio-Idempotency-Token`), so a retry after a crash is recognisable.

use crate::{SendError, Sent};

/// How SMS leave Pronto (`PRONTO_SMS_*`).
#[derive(Clone, Default)]
pub struct SmsConfig {
    /// `log` (default), `twilio` or `http` (a local gateway described by the fields below).
    pub provider: String,
    pub url: Option<String>,
    pub account_sid: Option<String>,
    pub auth_token: Option<String>,
    pub from: Option<String>,
    /// `http`: the method (default POST).
    pub method: Option<String>,
    /// `http`: extra headers, `Name: value` separated by newlines or `;`.
    pub headers: Option<String>,
    /// `http`: the body with `{to}`, `{from}`, `{body}`, `{key}`; JSON when it starts with `{`
    /// (values JSON-escaped), otherwise form-encoded (values percent-encoded).
    pub body: Option<String>,
}

impl std::fmt::Debug for SmsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsConfig")
            .field("provider", &self.provider)
            .field("url", &self.url)
            .field("account_sid", &self.account_sid)
            .field("auth_token", &self.auth_token.as_ref().map(|_| "***"))
            .field("from", &self.from)
            .field("method", &self.method)
            .field("headers", &self.headers.as_ref().map(|_| "***"))
            .field("body", &self.body)
            .finish()
    }
}

pub enum SmsProvider {
    Log,
    Twilio { client: reqwest::Client, endpoint: String, sid: String, token: String, from: String },
    Http { client: reqwest::Client, url: String, method: reqwest::Method, headers: Vec<(String, String)>, body: String, from: String },
}

impl std::fmt::Debug for SmsProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SmsProvider::Log => f.write_str("SmsProvider::Log"),
            // The auth token never reaches a log.
            SmsProvider::Twilio { endpoint, sid, from, .. } => write!(f, "SmsProvider::Twilio({endpoint}, {sid}, from {from})"),
            // Header values (API keys) stay out of logs.
            SmsProvider::Http { url, method, headers, .. } => {
                write!(f, "SmsProvider::Http({method} {url}, headers {:?})", headers.iter().map(|(k, _)| k).collect::<Vec<_>>())
            }
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
            "http" => {
                let url = c.url.as_deref().map(str::trim).filter(|u| u.starts_with("https://") || u.starts_with("http://"));
                let url = url.ok_or("PRONTO_SMS_URL: the http SMS provider needs the gateway's http(s) URL")?.to_owned();
                let method = c.method.as_deref().unwrap_or("POST").trim().to_ascii_uppercase();
                let method = match method.as_str() {
                    "POST" | "PUT" | "GET" => reqwest::Method::from_bytes(method.as_bytes()).map_err(|e| e.to_string())?,
                    other => return Err(format!("PRONTO_SMS_METHOD: `{other}` is not POST, PUT or GET")),
                };
                let mut headers = Vec::new();
                for h in c.headers.as_deref().unwrap_or("").split(['\n', ';']).map(str::trim).filter(|h| !h.is_empty()) {
                    let (k, v) = h
                        .split_once(':')
                        .ok_or_else(|| format!("PRONTO_SMS_HEADERS: `{}` is not `Name: value`", h.split(':').next().unwrap_or("")))?;
                    let (k, v) = (k.trim(), v.trim());
                    if k.is_empty() || !k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') || v.chars().any(char::is_control) {
                        return Err(format!("PRONTO_SMS_HEADERS: `{k}` is not a valid header"));
                    }
                    headers.push((k.to_owned(), v.to_owned()));
                }
                let body = c.body.clone().unwrap_or_else(|| "to={to}&from={from}&text={body}".into());
                Ok(SmsProvider::Http { client: crate::http_client(), url, method, headers, body, from: c.from.clone().unwrap_or_default() })
            }
            other => Err(format!("PRONTO_SMS_PROVIDER: `{other}` is not `log`, `twilio` or `http`")),
        }
    }

    /// Sends notification `id`'s text `body` to `to`, with the idempotency `key`.
    pub async fn send(&self, id: i64, to: &str, body: &str, key: &str) -> Result<Sent, SendError> {
        match self {
            SmsProvider::Log => {
                // No customer's number or name at INFO: the id, the number's last digits and the
                // length; the text itself only at DEBUG (development).
                tracing::info!(notification = id, to = %masked(to), chars = body.chars().count(), "SMS (log provider: not sent)");
                tracing::debug!(notification = id, to, body, "SMS text (log provider)");
                Ok(Sent { provider_id: None })
            }
            SmsProvider::Twilio { client, endpoint, sid, token, from } => {
                let req = client.post(endpoint).basic_auth(sid, Some(token)).header("I-Twilio-Idempotency-Token", key).form(&[
                    ("To", to),
                    ("From", from.as_str()),
                    ("Body", body),
                ]);
                answer(req, &["sid"]).await
            }
            SmsProvider::Http { client, url, method, headers, body: template, from } => {
                let json = template.trim_start().starts_with('{');
                let esc = |v: &str| if json { serde_json::Value::from(v).to_string().trim_matches('"').to_owned() } else { form_escape(v) };
                let body = template
                    .replace("{to}", &esc(to))
                    .replace("{from}", &esc(from))
                    .replace("{body}", &esc(body))
                    .replace("{key}", &esc(key));
                let mut req = client.request(method.clone(), url).header("Idempotency-Key", key);
                for (k, v) in headers {
                    req = req.header(k, v);
                }
                let ct = if json { "application/json" } else { "application/x-www-form-urlencoded" };
                answer(req.header("content-type", ct).body(body), &["id", "message_id", "messageId", "sid"]).await
            }
        }
    }
}

/// A phone number for the log: its last three digits only (`…123`).
pub fn masked(to: &str) -> String {
    let digits: Vec<char> = to.chars().filter(char::is_ascii_digit).collect();
    let tail: String = digits[digits.len().saturating_sub(3)..].iter().collect();
    format!("…{tail}")
}

/// Sends a gateway request and reads its answer: the provider's id from the first of `id_keys`
/// in a JSON answer; on an error the gateway's `message` (or the start of its answer).
async fn answer(req: reqwest::RequestBuilder, id_keys: &[&str]) -> Result<Sent, SendError> {
    let res = req.send().await.map_err(|e| SendError::retry(format!("SMS gateway unreachable: {}", without_url(&e))))?;
    let status = res.status();
    let text = res.text().await.unwrap_or_default();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    if status.is_success() {
        let id = id_keys.iter().find_map(|k| json[*k].as_str().map(str::to_owned).or_else(|| json[*k].as_i64().map(|n| n.to_string())));
        return Ok(Sent { provider_id: id });
    }
    let detail = json["message"].as_str().map(str::to_owned).unwrap_or_else(|| text.chars().take(200).collect());
    classify(status, format!("SMS gateway answered {}: {detail}", status.as_u16()))
}

/// 429 and 5xx may pass if tried again; other 4xx (a bad number, bad credentials) will not.
fn classify(status: reqwest::StatusCode, message: String) -> Result<Sent, SendError> {
    if status.as_u16() == 429 || status.is_server_error() { Err(SendError::retry(message)) } else { Err(SendError::fatal(message)) }
}

/// Percent-encodes a form value (`application/x-www-form-urlencoded`).
fn form_escape(v: &str) -> String {
    let mut out = String::with_capacity(v.len() * 3);
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A reqwest error's text without the URL (it may carry credentials).
pub(crate) fn without_url(e: &reqwest::Error) -> String {
    let mut msg = e.to_string();
    if let Some(u) = e.url() {
        msg = msg.replace(u.as_str(), "…");
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// What a tracing subscriber wrote.
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Buffer {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The log provider's lines at `level`, for one SMS to a customer.
    fn logged(level: tracing::Level) -> String {
        let buf = Buffer::default();
        let sink = buf.clone();
        let subscriber =
            tracing_subscriber::fmt().with_max_level(level).with_ansi(false).with_writer(move || sink.clone()).finish();
        tracing::subscriber::with_default(subscriber, || {
            let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
            let sent = rt.block_on(SmsProvider::Log.send(42, "+420777123456", "New lead Jana Nováková +420777123456", "lead/7/x/sms/1"));
            assert_eq!(sent, Ok(Sent { provider_id: None }));
        });
        String::from_utf8(buf.0.lock().unwrap().clone()).unwrap()
    }

    #[test]
    fn the_log_provider_writes_no_name_or_number_at_info() {
        let info = logged(tracing::Level::INFO);
        assert!(info.contains("SMS (log provider: not sent)") && info.contains("notification=42"), "{info}");
        assert!(info.contains("…456") && info.contains("chars=36"), "{info}");
        for secret in ["Jana", "Nováková", "777123", "+420777123456", "New lead"] {
            assert!(!info.contains(secret), "`{secret}` at INFO: {info}");
        }
        // A developer who asks for DEBUG sees the text.
        assert!(logged(tracing::Level::DEBUG).contains("New lead Jana Nováková"));
    }

    #[test]
    fn numbers_are_masked_to_their_last_digits() {
        for (to, masked_) in [("+420777123456", "…456"), ("12", "…12"), ("", "…"), ("+1 (555) 010-9999", "…999")] {
            assert_eq!(masked(to), masked_, "{to}");
        }
    }
}
