//! A raw RFC 5322 message read into an [`Incoming`]: addresses, ids and the subject decoded,
//! the body as plain text (charsets, quoted-printable and base64 undone), the HTML part
//! sanitised, the files the sender attached, and the headers [`crate::classify`] needs.
//!
//! MIME and charsets are `mail-parser`'s; what counts as a message, as an attachment and as
//! safe HTML is decided here.

use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

use mail_parser::{Addr, Address, HeaderName, HeaderValue, Message, MessageParser, MessagePart, MimeHeaders, PartType};

/// An e-mail as Pronto uses it. Addresses are lower-cased, ids carry no `<>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// The Message-ID, without `<>`, trimmed.
    pub message_id: Option<String>,
    /// The ids in In-Reply-To, without `<>`.
    pub in_reply_to: Vec<String>,
    /// The ids in References, without `<>`, oldest first.
    pub references: Vec<String>,
    pub from_name: Option<String>,
    /// The From address, lower-cased.
    pub from_address: Option<String>,
    /// The first Reply-To address, lower-cased.
    pub reply_to: Option<String>,
    /// The To, Cc, Delivered-To and X-Original-To addresses, lower-cased, each once, in that order.
    pub recipients: Vec<String>,
    /// The subject with encoded-words decoded, whitespace collapsed.
    pub subject: Option<String>,
    pub date: Option<jiff::Timestamp>,
    /// The plain text: the text/plain parts, else the text of the HTML part; LF line ends,
    /// trimmed. Forwarded messages follow under a `---------- Forwarded message ----------` line.
    pub text: String,
    /// The HTML part sanitised (see [`sanitize_html`]); `None` when there is no HTML part.
    pub html: Option<String>,
    pub attachments: Vec<Attachment>,
    pub headers: MailHeaders,
    /// The raw size in bytes.
    pub size: usize,
}

/// A file the sender attached (or placed inline in the HTML, or a forwarded message).
#[derive(Clone, PartialEq, Eq)]
pub struct Attachment {
    /// A safe file name: no path, no control characters, no leading dots, at most 150 characters.
    pub filename: String,
    /// `type/subtype`, lower-case, without parameters.
    pub content_type: String,
    /// The decoded content (text parts are stored as UTF-8).
    pub data: Vec<u8>,
}

impl fmt::Debug for Attachment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attachment")
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("size", &self.data.len())
            .finish()
    }
}

/// The top-level headers that tell an inquiry from automatic mail.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailHeaders {
    /// Auto-Submitted, lower-case, without parameters (`auto-replied`).
    pub auto_submitted: Option<String>,
    /// Precedence, lower-case (`bulk`, `list`, …).
    pub precedence: Option<String>,
    /// The id in List-Id (`novinky.dodavatel.cz`), or its whole value when it has no `<>`.
    pub list_id: Option<String>,
    pub list_unsubscribe: bool,
    /// The Return-Path address, lower-cased; `Some("")` for the null path `<>`.
    pub return_path: Option<String>,
    /// X-Autoreply or X-Autorespond present, or X-Auto-Response-Suppress naming All or OOF.
    pub x_autoreply: bool,
    /// X-Pronto-Key: set on every message Pronto sends.
    pub x_pronto_key: Option<String>,
    /// X-Pronto-Canary: the mark of the mystery shopper's test inquiry (checked by the reader
    /// against the installation's key).
    pub x_pronto_canary: Option<String>,
    /// The top-level content type, lower-case, without parameters (`multipart/report`).
    pub content_type: String,
    /// The report-type parameter of a multipart/report, lower-case.
    pub report_type: Option<String>,
}

/// Why raw bytes could not be read as a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The bytes are not an e-mail message; the reason says why.
    NotAMessage(String),
    /// The message is larger than the mailbox's limit.
    TooLarge { size: usize, limit: usize },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::NotAMessage(reason) => write!(f, "not an e-mail message: {reason}"),
            ParseError::TooLarge { size, limit } => {
                write!(f, "the message is {size} bytes, more than the limit of {limit} bytes")
            }
        }
    }
}

impl std::error::Error for ParseError {}

/// The line put above a forwarded message's text in [`Incoming::text`].
pub const FORWARDED_SEPARATOR: &str = "---------- Forwarded message ----------";

/// Longest attachment file name, in characters.
const FILENAME_MAX: usize = 150;

/// Reads one raw message of at most `limit` bytes.
///
/// Empty input, input that does not start with a header field, and a header block with none
/// of From, Message-ID and Subject are [`ParseError::NotAMessage`]; a message that lacks only
/// some of them is read with the missing parts `None`.
pub fn parse(raw: &[u8], limit: usize) -> Result<Incoming, ParseError> {
    if raw.len() > limit {
        return Err(ParseError::TooLarge { size: raw.len(), limit });
    }
    check_header_start(raw)?;
    // mail-parser promises not to panic, but a few of its recovery paths only hold in release
    // builds (debug assertions, index arithmetic). Untrusted input must never take the worker
    // down, so a panic in there is reported as an unreadable message.
    std::panic::catch_unwind(|| parse_checked(raw)).unwrap_or_else(|_| Err(not_a_message("its MIME structure could not be read")))
}

fn not_a_message(reason: &str) -> ParseError {
    ParseError::NotAMessage(reason.to_owned())
}

/// The input must start with a header field (`Name: value`), optionally after an mbox
/// `From ` line; this is what tells binary junk and plain text from a message.
fn check_header_start(raw: &[u8]) -> Result<(), ParseError> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(not_a_message("the input is empty"));
    }
    let mut first = first_line(raw);
    if first.starts_with(b"From ") {
        first = first_line(raw.get(first.len() + 1..).unwrap_or_default());
    }
    let Some(colon) = first.iter().position(|&b| b == b':') else {
        return Err(not_a_message("it does not start with a header field"));
    };
    let name = &first[..colon];
    if name.is_empty() || name.len() > 76 || !name.iter().all(|&b| b.is_ascii_graphic()) {
        return Err(not_a_message("it does not start with a header field"));
    }
    Ok(())
}

fn first_line(raw: &[u8]) -> &[u8] {
    let end = raw.iter().position(|&b| b == b'\n').unwrap_or(raw.len());
    let line = &raw[..end];
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn parse_checked(raw: &[u8]) -> Result<Incoming, ParseError> {
    let msg = MessageParser::new().parse(raw).ok_or_else(|| not_a_message("it has no header block"))?;
    let has = |name: HeaderName<'static>| msg.header(name).is_some();
    if !has(HeaderName::From) && !has(HeaderName::MessageId) && !has(HeaderName::Subject) {
        return Err(not_a_message("it has no From, Message-ID or Subject header"));
    }

    let from = msg.from().and_then(Address::first);
    let mut recipients = Vec::new();
    let mut seen = HashSet::new();
    let listed = msg.all_to().chain(msg.all_cc()).flat_map(Address::iter).filter_map(addr_of);
    let delivered = raw_values(&msg, raw, "Delivered-To").chain(raw_values(&msg, raw, "X-Original-To"));
    for a in listed.chain(delivered.flat_map(|v| plain_addresses(&v))) {
        if seen.insert(a.clone()) {
            recipients.push(a);
        }
    }

    let cids = html_bodies(&msg).flat_map(content_ids_in).collect::<HashSet<_>>();
    let mut attachments = Vec::new();
    let mut forwarded = Vec::new();
    for part in msg.attachments() {
        if let PartType::Message(inner) = &part.body {
            attachments.push(Attachment {
                filename: "forwarded.eml".to_owned(),
                content_type: "message/rfc822".to_owned(),
                data: inner.raw_message().to_vec(),
            });
            forwarded.push(forwarded_text(inner));
        } else if is_attachment(part, &cids) {
            attachments.push(attachment(part));
        }
    }

    let html = sanitized_html(&msg);
    let mut text = plain_text(&msg, html.as_deref());
    for f in forwarded {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(FORWARDED_SEPARATOR);
        text.push('\n');
        text.push_str(&f);
    }

    Ok(Incoming {
        message_id: ids(msg.header(HeaderName::MessageId)).into_iter().next(),
        in_reply_to: ids(msg.header(HeaderName::InReplyTo)),
        references: ids(msg.header(HeaderName::References)),
        from_name: from.and_then(|a| a.name()).and_then(clean_line),
        from_address: from.and_then(addr_of),
        reply_to: msg.reply_to().and_then(Address::first).and_then(addr_of),
        recipients,
        subject: msg.subject().and_then(clean_line),
        date: msg.date().filter(|d| d.is_valid()).and_then(|d| jiff::Timestamp::from_second(d.to_timestamp()).ok()),
        text,
        html,
        attachments,
        headers: mail_headers(&msg, raw),
        size: raw.len(),
    })
}

/// A lower-cased, trimmed address; `None` when empty.
fn addr_of(a: &Addr<'_>) -> Option<String> {
    a.address().map(str::trim).filter(|s| !s.is_empty()).map(str::to_lowercase)
}

/// Collapses whitespace (and line breaks) to single spaces; `None` when nothing is left.
fn clean_line(s: &str) -> Option<String> {
    let joined = s.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then_some(joined)
}

/// Message ids from a parsed In-Reply-To / References / Message-ID, without `<>`.
fn ids(value: Option<&HeaderValue<'_>>) -> Vec<String> {
    let list: Vec<&str> = match value {
        Some(HeaderValue::Text(t)) => vec![t.as_ref()],
        Some(HeaderValue::TextList(l)) => l.iter().map(|t| t.as_ref()).collect(),
        _ => Vec::new(),
    };
    list.into_iter()
        .map(|id| id.trim().trim_start_matches('<').trim_end_matches('>').trim().to_owned())
        .filter(|id| !id.is_empty())
        .collect()
}

/// The unfolded raw values of every top-level header called `name` (any case).
fn raw_values<'a>(msg: &'a Message<'_>, raw: &'a [u8], name: &'a str) -> impl Iterator<Item = String> + 'a {
    msg.headers().iter().filter(move |h| h.name.as_str().eq_ignore_ascii_case(name)).map(move |h| {
        let bytes = raw.get(h.offset_start as usize..h.offset_end as usize).unwrap_or_default();
        String::from_utf8_lossy(bytes).split_whitespace().collect::<Vec<_>>().join(" ")
    })
}

fn raw_value(msg: &Message<'_>, raw: &[u8], name: &str) -> Option<String> {
    raw_values(msg, raw, name).next()
}

/// Addresses in a simple header such as Delivered-To (`a@b`, `<a@b>`, comma separated).
fn plain_addresses(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(|item| match (item.find('<'), item.rfind('>')) {
            (Some(open), Some(close)) if open < close => &item[open + 1..close],
            _ => item,
        })
        .map(str::trim)
        .filter(|a| a.contains('@') && !a.contains(char::is_whitespace))
        .map(str::to_lowercase)
        .collect()
}

fn mail_headers(msg: &Message<'_>, raw: &[u8]) -> MailHeaders {
    let lower_token = |v: String| v.split(';').next().unwrap_or_default().trim().to_lowercase();
    let present = |name: &str| raw_value(msg, raw, name).is_some();
    let suppress = raw_value(msg, raw, "X-Auto-Response-Suppress").unwrap_or_default().to_lowercase();
    let suppress_all_or_oof = suppress.split(|c: char| c == ',' || c.is_whitespace()).any(|t| t == "all" || t == "oof");
    let (content_type, report_type) = match msg.root_part().content_type() {
        Some(ct) => (
            format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or("octet-stream")).to_lowercase(),
            ct.attribute("report-type").map(|r| r.trim().to_lowercase()),
        ),
        None => ("text/plain".to_owned(), None),
    };
    MailHeaders {
        auto_submitted: raw_value(msg, raw, "Auto-Submitted").map(lower_token).filter(|v| !v.is_empty()),
        precedence: raw_value(msg, raw, "Precedence").map(lower_token).filter(|v| !v.is_empty()),
        list_id: raw_value(msg, raw, "List-Id").map(|v| list_id(&v)).filter(|v| !v.is_empty()),
        list_unsubscribe: present("List-Unsubscribe"),
        return_path: raw_value(msg, raw, "Return-Path").map(|v| {
            let v = v.trim();
            let inner = match (v.find('<'), v.rfind('>')) {
                (Some(open), Some(close)) if open < close => &v[open + 1..close],
                _ => v,
            };
            inner.trim().to_lowercase()
        }),
        x_autoreply: present("X-Autoreply") || present("X-Autorespond") || suppress_all_or_oof,
        x_pronto_key: raw_value(msg, raw, "X-Pronto-Key").filter(|v| !v.is_empty()),
        // Its own header, or the mark in X-Pronto-Key (the mystery shopper sends through the
        // same sender as every message, which sets that header).
        x_pronto_canary: raw_value(msg, raw, "X-Pronto-Canary")
            .or_else(|| raw_value(msg, raw, "X-Pronto-Key").and_then(|k| k.trim().strip_prefix("canary:").map(str::to_owned)))
            .filter(|v| !v.is_empty()),
        content_type,
        report_type,
    }
}

/// The id in `Name <id>`, or the whole value.
fn list_id(value: &str) -> String {
    match (value.rfind('<'), value.rfind('>')) {
        (Some(open), Some(close)) if open < close => value[open + 1..close].trim().to_lowercase(),
        _ => value.trim().to_lowercase(),
    }
}

/// The message's HTML body parts (text parts standing in for a missing HTML part excluded).
fn html_bodies<'a>(msg: &'a Message<'_>) -> impl Iterator<Item = &'a str> {
    msg.html_bodies().filter_map(|p| match &p.body {
        PartType::Html(h) => Some(h.as_ref()),
        _ => None,
    })
}

fn sanitized_html(msg: &Message<'_>) -> Option<String> {
    let parts: Vec<String> = html_bodies(msg).map(|h| sanitize_html(h).trim().to_owned()).collect();
    (!parts.is_empty()).then(|| parts.join("\n"))
}

/// The text/plain body parts joined, else the text of the (sanitised) HTML; LF line ends, trimmed.
fn plain_text(msg: &Message<'_>, sanitized: Option<&str>) -> String {
    let plain: Vec<&str> = msg
        .text_bodies()
        .filter_map(|p| match &p.body {
            PartType::Text(t) if !t.trim().is_empty() => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let text = if !plain.is_empty() { plain.join("\n\n") } else { sanitized.map(html_to_text).unwrap_or_default() };
    normalize_newlines(&text).trim().to_owned()
}

fn normalize_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// A forwarded message as text: its From and Subject, a blank line, its body.
fn forwarded_text(inner: &Message<'_>) -> String {
    let mut out = String::new();
    if let Some(from) = inner.from().and_then(Address::first) {
        let address = from.address().unwrap_or_default();
        match from.name().and_then(clean_line) {
            Some(name) => out.push_str(&format!("From: {name} <{address}>\n")),
            None => out.push_str(&format!("From: {address}\n")),
        }
    }
    if let Some(subject) = inner.subject().and_then(clean_line) {
        out.push_str(&format!("Subject: {subject}\n"));
    }
    let html = sanitized_html(inner);
    let body = plain_text(inner, html.as_deref());
    if !out.is_empty() && !body.is_empty() {
        out.push('\n');
    }
    out.push_str(&body);
    out.trim_end().to_owned()
}

/// Content types that are never files the sender meant to send (message signatures).
const NOT_FILES: [&str; 3] = ["application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature"];

/// Whether an attachment-list part is a file the sender sent: marked as an attachment, binary,
/// a named part that is not body text, or an inline part the HTML shows by `cid:`.
fn is_attachment(part: &MessagePart<'_>, cids: &HashSet<String>) -> bool {
    if NOT_FILES.contains(&content_type_of(part).as_str()) {
        return false;
    }
    if part.content_disposition().is_some_and(|d| d.is_attachment()) {
        return true;
    }
    let named = part.attachment_name().is_some_and(|n| !n.trim().is_empty());
    let referenced = part.content_id().is_some_and(|id| cids.contains(&normalize_cid(id)));
    match &part.body {
        PartType::Binary(_) => true,
        PartType::InlineBinary(_) => named || referenced,
        PartType::Text(_) | PartType::Html(_) => named && !part.content_disposition().is_some_and(|d| d.is_inline()) || referenced,
        PartType::Message(_) | PartType::Multipart(_) => false,
    }
}

fn attachment(part: &MessagePart<'_>) -> Attachment {
    let content_type = content_type_of(part);
    Attachment {
        filename: sanitize_filename(part.attachment_name().unwrap_or_default(), &content_type),
        data: part.contents().to_vec(),
        content_type,
    }
}

fn content_type_of(part: &MessagePart<'_>) -> String {
    match part.content_type() {
        Some(ct) => match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub).to_lowercase(),
            None => ct.ctype().to_lowercase(),
        },
        None => "text/plain".to_owned(),
    }
}

/// `<id@host>` → `id@host`, lower-cased.
fn normalize_cid(id: &str) -> String {
    id.trim().trim_start_matches('<').trim_end_matches('>').trim().to_lowercase()
}

/// The content ids an HTML body refers to with `cid:` URLs.
fn content_ids_in(html: &str) -> Vec<String> {
    let lower = html.to_lowercase();
    lower
        .match_indices("cid:")
        .map(|(at, _)| {
            let rest = &lower[at + 4..];
            let end = rest.find(|c: char| c == '"' || c == '\'' || c == '>' || c == ')' || c.is_whitespace()).unwrap_or(rest.len());
            normalize_cid(&rest[..end])
        })
        .filter(|id| !id.is_empty())
        .collect()
}

/// A file name that is safe to store and offer for download: the last path component, without
/// control characters and leading dots, trimmed, at most 150 characters (the extension kept);
/// `attachment` plus an extension known for the content type when nothing is left.
pub fn sanitize_filename(name: &str, content_type: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control()).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        return format!("attachment{}", extension_for(content_type).map(|e| format!(".{e}")).unwrap_or_default());
    }
    if cleaned.chars().count() <= FILENAME_MAX {
        return cleaned.to_owned();
    }
    // Keep a short extension; cut the stem.
    let (stem, ext) = match cleaned.rfind('.') {
        Some(dot) if cleaned.len() - dot <= 16 && dot > 0 => (&cleaned[..dot], &cleaned[dot..]),
        _ => (cleaned, ""),
    };
    let keep = FILENAME_MAX - ext.chars().count();
    let mut out: String = stem.chars().take(keep).collect::<String>().trim_end().to_owned();
    out.push_str(ext);
    out
}

/// The usual file extension of a content type, for attachments without a name.
fn extension_for(content_type: &str) -> Option<&'static str> {
    Some(match content_type {
        "application/pdf" => "pdf",
        "image/jpeg" | "image/jpg" | "image/pjpeg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "image/heic" => "heic",
        "image/tiff" => "tif",
        "image/svg+xml" => "svg",
        "text/plain" => "txt",
        "text/html" => "html",
        "text/csv" => "csv",
        "text/calendar" => "ics",
        "text/vcard" | "text/x-vcard" => "vcf",
        "message/rfc822" => "eml",
        "application/zip" | "application/x-zip-compressed" => "zip",
        "application/msword" => "doc",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.ms-excel" => "xls",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "application/vnd.ms-powerpoint" => "ppt",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => "pptx",
        "application/vnd.oasis.opendocument.text" => "odt",
        "application/vnd.oasis.opendocument.spreadsheet" => "ods",
        "application/rtf" | "text/rtf" => "rtf",
        "audio/mpeg" => "mp3",
        "video/mp4" => "mp4",
        _ => return None,
    })
}

/// The one sanitiser: ammonia's defaults (no scripts, styles, event handlers, iframes, forms;
/// links get `rel="noopener noreferrer"`), no relative URLs, the `<title>` dropped with its
/// text, and images only from `http`, `https` or `cid` URLs.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_url_schemes(["cid"])
        .add_clean_content_tags(["title"])
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(|element, attribute, value| {
            if element == "img" && attribute == "src" {
                let v = value.trim_start().to_ascii_lowercase();
                let remote = v.starts_with("http://") || v.starts_with("https://") || v.starts_with("cid:");
                return remote.then(|| value.into());
            }
            Some(value.into())
        });
    b
});

/// HTML safe to show in Pronto's pages (see [`SANITIZER`]).
pub fn sanitize_html(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// The text of sanitised HTML: block elements and `<br>` become line breaks, blockquotes are
/// quoted with `> `, whitespace is collapsed outside `<pre>`. It relies on the sanitiser's
/// well-formed output (no comments, scripts or styles, entities only for `&<>"` and nbsp).
pub fn html_to_text(html: &str) -> String {
    let mut out = TextWriter::default();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<') {
            let end = tag_end(after);
            out.tag(&after[..end]);
            rest = after.get(end + 1..).unwrap_or_default();
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            out.text(&decode_entities(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out.finish()
}

/// The index of the `>` closing a tag, skipping quoted attribute values.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return i,
            _ => {}
        }
    }
    s.len()
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let semi = tail.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| {
            let name = &tail[1..i];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, i))
        });
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = &tail[i + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Builds plain text from HTML tags and text runs.
struct TextWriter {
    out: String,
    /// Nesting depth of `<blockquote>`.
    quote: usize,
    /// Inside `<pre>`: whitespace is kept.
    pre: usize,
    /// A collapsed space is owed before the next word.
    space: bool,
    /// Nothing (not even the quote prefix) is written on the current line yet.
    fresh: bool,
}

impl Default for TextWriter {
    fn default() -> Self {
        TextWriter { out: String::new(), quote: 0, pre: 0, space: false, fresh: true }
    }
}

impl TextWriter {
    fn tag(&mut self, tag: &str) {
        let closing = tag.starts_with('/');
        let name = tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
        let depth = |d: &mut usize| if closing { *d = d.saturating_sub(1) } else { *d += 1 };
        match name.as_str() {
            "br" => self.newline(),
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table" | "ul" | "ol" | "dl" | "hr" => self.paragraph(),
            "blockquote" if closing => {
                self.line_break();
                depth(&mut self.quote);
                self.paragraph();
            }
            "blockquote" => {
                self.paragraph();
                depth(&mut self.quote);
            }
            "pre" => {
                self.paragraph();
                depth(&mut self.pre);
            }
            "div" | "li" | "tr" | "dt" | "dd" | "section" | "article" | "header" | "footer" | "center" | "address" => self.line_break(),
            "td" | "th" => self.space = true,
            _ => {}
        }
    }

    /// Writes the quote prefix on a fresh line.
    fn begin_line(&mut self) {
        if self.fresh {
            self.out.push_str(&"> ".repeat(self.quote));
            self.fresh = false;
            self.space = false;
        }
    }

    fn word(&mut self, word: &str) {
        if self.fresh {
            self.begin_line();
        } else if self.space {
            self.out.push(' ');
        }
        self.out.push_str(word);
        self.space = false;
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.newline();
                }
                let line = line.trim_end_matches('\r');
                if !line.is_empty() {
                    self.begin_line();
                    self.out.push_str(line);
                }
            }
            return;
        }
        if text.starts_with(char::is_whitespace) {
            self.space = true;
        }
        for word in text.split_whitespace() {
            self.word(word);
            self.space = true;
        }
        if !text.ends_with(char::is_whitespace) && !text.trim().is_empty() {
            self.space = false;
        }
    }

    /// Ends the current line (a `<br>`), even an empty one.
    fn newline(&mut self) {
        self.begin_line();
        self.out.push('\n');
        self.fresh = true;
        self.space = false;
    }

    /// Ends the current line unless it is empty (a block element's edge).
    fn line_break(&mut self) {
        if !self.fresh {
            self.newline();
        }
    }

    /// Ends the current line and leaves one blank line (a paragraph's edge).
    fn paragraph(&mut self) {
        self.line_break();
        let before = self.out.strip_suffix('\n').unwrap_or_default();
        let last = before.rsplit('\n').next().unwrap_or_default();
        if !self.out.is_empty() && !last.chars().all(|c| c == '>' || c == ' ') {
            self.newline();
        }
    }

    fn finish(self) -> String {
        let mut lines: Vec<&str> = Vec::new();
        for line in self.out.lines().map(str::trim_end) {
            if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
                continue;
            }
            lines.push(line);
        }
        lines.join("\n").trim().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filenames_are_made_safe() {
        assert_eq!(sanitize_filename("../../etc/passwd", "text/plain"), "passwd");
        assert_eq!(sanitize_filename("C:\\Users\\jan\\nabídka.pdf", "application/pdf"), "nabídka.pdf");
        assert_eq!(sanitize_filename("..hidden", "text/plain"), "hidden");
        assert_eq!(sanitize_filename("a\u{0}b\nc.txt", "text/plain"), "abc.txt");
        assert_eq!(sanitize_filename("", "application/pdf"), "attachment.pdf");
        assert_eq!(sanitize_filename("  ...  ", "application/x-unknown"), "attachment");
        assert_eq!(sanitize_filename("dir/", "image/jpeg"), "attachment.jpg");
        let long = format!("{}.pdf", "ž".repeat(300));
        let cut = sanitize_filename(&long, "application/pdf");
        assert_eq!(cut.chars().count(), 150);
        assert!(cut.ends_with(".pdf"));
        let long = "x".repeat(400);
        assert_eq!(sanitize_filename(&long, "text/plain").chars().count(), 150);
    }

    #[test]
    fn the_mystery_shoppers_mark_is_read_from_either_header() {
        let mail = |h: &str| format!("From: Pronto <p@example.com>\r\nTo: intake@example.com\r\nSubject: test\r\nMessage-ID: <a@b>\r\n{h}\r\n\r\nHi\r\n");
        let mark = |h: &str| parse(mail(h).as_bytes(), usize::MAX).unwrap().headers.x_pronto_canary;
        assert_eq!(mark("X-Pronto-Key: canary:12.abc"), Some("12.abc".into()));
        assert_eq!(mark("X-Pronto-Canary: 13.def"), Some("13.def".into()));
        assert_eq!(mark("X-Pronto-Key: lead/1/x"), None, "Pronto's other mail carries no mark");
    }

    #[test]
    fn html_becomes_text_with_lines_and_quotes() {
        let html = "<div>Dobrý den,</div><div><br></div><div>děkuji&nbsp;za <b>nabídku</b> &amp; cenu.</div>\
                    <p>Odstavec</p><blockquote><p>citace</p>druhý řádek</blockquote><pre>a  b\n c</pre>";
        let text = html_to_text(&sanitize_html(html));
        assert_eq!(text, "Dobrý den,\n\nděkuji za nabídku & cenu.\n\nOdstavec\n\n> citace\n>\n> druhý řádek\n\na  b\n c");
    }

    #[test]
    fn entities_decode_and_bad_ones_stay() {
        assert_eq!(decode_entities("a &lt;b&gt; &#269;&#x159; &bogus; & x"), "a <b> čř &bogus; & x");
    }

    #[test]
    fn header_start_rules() {
        assert!(matches!(check_header_start(b""), Err(ParseError::NotAMessage(_))));
        assert!(matches!(check_header_start(b"  \r\n "), Err(ParseError::NotAMessage(_))));
        assert!(matches!(check_header_start(b"Hello there\nFrom: x@y.cz\n"), Err(ParseError::NotAMessage(_))));
        assert!(check_header_start(b"From: x@y.cz\n\nbody").is_ok());
        assert!(check_header_start(b"From x@y.cz Mon Mar  3 10:00:00 2025\nSubject: a\n\nbody").is_ok());
    }

    #[test]
    fn text_without_headers_is_not_a_message() {
        assert_eq!(
            parse(b"X-Foo: bar\n\nhello", 1000),
            Err(ParseError::NotAMessage("it has no From, Message-ID or Subject header".into()))
        );
        assert_eq!(parse(b"", 10).map(|_| ()).map_err(|e| e.to_string()), Err("not an e-mail message: the input is empty".to_owned()));
    }

    #[test]
    fn minimal_message_without_message_id() {
        let m = parse(b"From: Jan <JAN@Example.cz>\r\nSubject:  Ahoj \r\n\r\nText\r\nna dva\r\n", 1000).expect("parses");
        assert_eq!(m.message_id, None);
        assert_eq!(m.from_address.as_deref(), Some("jan@example.cz"));
        assert_eq!(m.subject.as_deref(), Some("Ahoj"));
        assert_eq!(m.text, "Text\nna dva");
        assert_eq!(m.html, None);
        assert_eq!(m.headers.content_type, "text/plain");
    }

    #[test]
    fn plain_addresses_in_simple_headers() {
        assert_eq!(plain_addresses("<Inbox@Firma.cz>"), vec!["inbox@firma.cz"]);
        assert_eq!(plain_addresses("a@b.cz, c@d.cz"), vec!["a@b.cz", "c@d.cz"]);
        assert!(plain_addresses("nobody").is_empty());
    }

    #[test]
    fn content_ids_found_in_html() {
        let ids = content_ids_in(r#"<img src="cid:Logo.1@X.cz"><img src='cid:b'> url(cid:c)"#);
        assert_eq!(ids, vec!["logo.1@x.cz", "b", "c"]);
    }
}
