//! E-mail over SMTP (`lettre`, rustls): `PRONTO_SMTP_URL` (`smtp://host:port`,
//! `smtps://user:password@host`, `?tls=required` for STARTTLS) and `PRONTO_SMTP_FROM`. Every
//! message has a text and an HTML part, `Auto-Submitted: auto-generated` (it is automatic mail:
//! auto-responders must not answer it) and the notification's key in `X-Pronto-Key`. Names and
//! subjects cannot inject headers: line breaks and other control characters are removed before
//! they reach a header.

use crate::{SendError, Sent};
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// How e-mail leaves Pronto; `None` settings mean e-mail is not configured.
#[derive(Clone, Default)]
pub struct EmailConfig {
    pub url: Option<String>,
    pub from: Option<String>,
}

impl std::fmt::Debug for EmailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmailConfig").field("url", &self.url.as_deref().map(redact)).field("from", &self.from).finish()
    }
}

/// The URL with its password hidden.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}***{}", &url[..s + 3], &url[at..]),
        _ => url.to_owned(),
    }
}

/// The headers that thread a message into a conversation.
#[derive(Debug, Clone, Default)]
pub struct Threading {
    pub message_id: Option<String>,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    pub reply_to: Option<String>,
    /// Written by a person (a reply from Pronto), not an automatic alert.
    pub personal: bool,
    /// The company's name (`/admin/company`): the sender's name when `PRONTO_SMTP_FROM` gives none.
    pub sender_name: Option<String>,
    /// The company's signature, appended to the text (mail to customers).
    pub footer: Option<String>,
}

pub struct EmailSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for EmailSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EmailSender(from {})", self.from)
    }
}

#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

#[derive(Clone)]
struct ProntoKey(String);

impl Header for ProntoKey {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("X-Pronto-Key")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ProntoKey(s.to_owned()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// One line for a header: control characters (CR, LF, tab …) become spaces, runs collapse.
pub fn header_safe(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// Click-to-call and links in the HTML part: `+420 777 123 456` becomes a `tel:` link and an
/// `https://…` address a link (on text already HTML-escaped).
fn linkify(escaped: &str) -> String {
    let mut out = String::with_capacity(escaped.len() + 64);
    let chars: Vec<char> = escaped.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
        if rest.starts_with("https://") || rest.starts_with("http://") {
            let end = (i..chars.len()).find(|&j| chars[j].is_whitespace()).unwrap_or(chars.len());
            let url: String = chars[i..end].iter().collect::<String>().trim_end_matches(['.', ',', ')']).to_owned();
            let n = url.chars().count();
            out.push_str(&format!("<a href=\"{url}\">{url}</a>"));
            i += n;
            continue;
        }
        if chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            let mut j = i + 1;
            while j < chars.len() && (chars[j].is_ascii_digit() || (chars[j] == ' ' && chars.get(j + 1).is_some_and(char::is_ascii_digit))) {
                j += 1;
            }
            let shown: String = chars[i..j].iter().collect();
            let digits: String = shown.chars().filter(char::is_ascii_digit).collect();
            if (8..=15).contains(&digits.len()) {
                out.push_str(&format!("<a href=\"tel:+{digits}\">{shown}</a>"));
                i = j;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

impl EmailSender {
    /// `Ok(None)` when e-mail is not configured; an error names the setting that is wrong.
    pub fn from_config(c: &EmailConfig) -> Result<Option<EmailSender>, String> {
        let Some(url) = c.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) else { return Ok(None) };
        crate::install_tls();
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| {
                format!("PRONTO_SMTP_URL: `{}` is not an SMTP URL such as smtp://host:25 or smtps://user:password@host ({e})", redact(url))
            })?
            .timeout(Some(std::time::Duration::from_secs(15)))
            .build();
        let from = c.from.as_deref().map(str::trim).filter(|f| !f.is_empty()).ok_or("PRONTO_SMTP_FROM is required with PRONTO_SMTP_URL")?;
        let from: Mailbox = from.parse().map_err(|e| format!("PRONTO_SMTP_FROM: `{from}` is not an address ({e})"))?;
        Ok(Some(EmailSender { transport, from }))
    }

    /// From the settings' fields: `security` is `tls` (implicit TLS, usually port 465),
    /// `starttls` (usually 587) or `none` (plain, a server on the same machine); no URL to type,
    /// so a password with `@` or `/` needs no escaping. The caller validated the fields.
    pub fn from_parts(host: &str, port: u16, security: &str, user: Option<&str>, password: Option<&str>, from: &str) -> Result<EmailSender, String> {
        use lettre::transport::smtp::authentication::Credentials;
        crate::install_tls();
        let builder = match security {
            "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(host).map_err(|e| e.to_string())?,
            "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host).map_err(|e| e.to_string())?,
            _ => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
        };
        let mut builder = builder.port(port).timeout(Some(std::time::Duration::from_secs(15)));
        if let Some(user) = user.filter(|u| !u.is_empty()) {
            builder = builder.credentials(Credentials::new(user.to_owned(), password.unwrap_or_default().to_owned()));
        }
        let from: Mailbox = from.trim().parse().map_err(|e| format!("`{from}` is not an address ({e})"))?;
        Ok(EmailSender { transport: builder.build(), from })
    }

    /// The sender's address (`Firma <inbox@firma.cz>`).
    pub fn from_address(&self) -> String {
        self.from.to_string()
    }

    pub async fn send(&self, to: &str, subject: &str, text: &str, key: &str) -> Result<Sent, SendError> {
        self.send_with(to, subject, text, key, &Threading::default()).await
    }

    /// Sends with the conversation's headers: our Message-ID, `In-Reply-To` and `References`
    /// (so the customer's client threads it and their answer threads back), `Reply-To`. A
    /// person's e-mail (`personal`) is not marked `Auto-Submitted`.
    pub async fn send_with(&self, to: &str, subject: &str, text: &str, key: &str, t: &Threading) -> Result<Sent, SendError> {
        let to: Mailbox = to.parse().map_err(|e| SendError::fatal(format!("`{to}` is not an e-mail address: {e}")))?;
        let signed;
        let text = match t.footer.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
            Some(f) => {
                signed = format!("{}\n\n-- \n{f}", text.trim_end());
                signed.as_str()
            }
            None => text,
        };
        let from = match (&self.from.name, t.sender_name.as_deref().map(str::trim).filter(|n| !n.is_empty())) {
            (None, Some(name)) => Mailbox::new(Some(header_safe(name)), self.from.email.clone()),
            _ => self.from.clone(),
        };
        let html = format!(
            "<!doctype html><html><body><p style=\"font-family:sans-serif\">{}</p></body></html>",
            linkify(&html_escape(text)).replace('\n', "<br>")
        );
        let id = |s: &str| format!("<{}>", header_safe(s).replace(['<', '>', ' '], ""));
        let mut b = Message::builder().from(from).to(to).subject(header_safe(subject)).header(ProntoKey(header_safe(key)));
        if !t.personal {
            b = b.header(AutoSubmitted);
        }
        if let Some(m) = &t.message_id {
            b = b.message_id(Some(id(m)));
        }
        if let Some(r) = &t.in_reply_to {
            b = b.in_reply_to(id(r));
        }
        if !t.references.is_empty() {
            b = b.references(t.references.iter().map(|r| id(r)).collect::<Vec<_>>().join(" "));
        }
        if let Some(r) = &t.reply_to {
            let r: Mailbox = r.parse().map_err(|e| SendError::fatal(format!("`{r}` is not a reply address: {e}")))?;
            b = b.reply_to(r);
        }
        let message = b
            .multipart(MultiPart::alternative_plain_html(text.to_owned(), html))
            .map_err(|e| SendError::fatal(format!("cannot build the message: {e}")))?;
        match self.transport.send(message).await {
            Ok(res) => Ok(Sent { provider_id: res.message().next().map(|l| l.chars().take(120).collect()) }),
            Err(e) if e.is_permanent() => Err(SendError::fatal(format!("the mail server refused it: {e}"))),
            Err(e) => Err(SendError::retry(format!("the mail server did not take it: {e}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_call_and_addresses_open_in_the_html_part() {
        let html = linkify(&html_escape("New inquiry: Jana +420 777 123 456, web. Lead 7 https://crm.example.com/leads/7."));
        assert_eq!(
            html,
            "New inquiry: Jana <a href=\"tel:+420777123456\">+420 777 123 456</a>, web. Lead 7 <a href=\"https://crm.example.com/leads/7\">https://crm.example.com/leads/7</a>."
        );
        assert_eq!(linkify("a + 1 and +12"), "a + 1 and +12", "not a number");
        assert_eq!(linkify(&html_escape("<script>+420777123456")), "&lt;script&gt;<a href=\"tel:+420777123456\">+420777123456</a>");
    }

    #[test]
    fn headers_cannot_be_injected() {
        assert_eq!(header_safe("URGENT\r\nBcc: victim@example.com"), "URGENT Bcc: victim@example.com");
        assert_eq!(header_safe("a\tb\u{0}c"), "a b c");
    }

    #[test]
    fn the_password_is_not_shown() {
        assert_eq!(redact("smtps://user:secret@mail.example.com:465"), "smtps://***@mail.example.com:465");
        let c = EmailConfig { url: Some("smtp://u:p@h".into()), from: None };
        assert!(!format!("{c:?}").contains(":p@"));
    }
}
