//! Which messages are not inquiries: Pronto's own mail coming back (a loop), bounces,
//! auto-replies and mailing-list posts. The reason is shown to users in the list of ignored
//! messages, so it names the header that decided.

use crate::parse::Incoming;

/// Why a message is not an inquiry (auto-reply, bounce, mailing list, loop), or None when it is one.
///
/// Checked in this order: a loop (`X-Pronto-Key`, or sent from one of `own_addresses`, a `+tag`
/// ignored); a bounce (a delivery-status report, or from `mailer-daemon` / `postmaster`); an
/// auto-reply (`Auto-Submitted` other than `no`, `X-Autoreply`, `X-Autorespond`,
/// `X-Auto-Response-Suppress: All|OOF`, `Precedence: auto_reply`); a bounce by its null
/// `Return-Path: <>` alone (after the auto-reply markers, because RFC 3834 auto-replies are sent
/// with a null return path too); a mailing list or bulk mail (`List-Id`, `List-Unsubscribe`,
/// `Precedence: list|bulk|junk`).
pub fn ignore_reason(m: &Incoming, own_addresses: &[String]) -> Option<String> {
    let h = &m.headers;
    let from = m.from_address.as_deref().unwrap_or_default();

    // A loop: Pronto's own mail.
    if let Some(key) = &h.x_pronto_key {
        return Some(format!("loop: Pronto's own mail (X-Pronto-Key: {key})"));
    }
    if !from.is_empty() && own_addresses.iter().any(|own| same_mailbox(own, from)) {
        return Some(format!("loop: sent from our own address {from}"));
    }

    // A bounce.
    if h.content_type == "multipart/report" && h.report_type.as_deref() == Some("delivery-status") {
        return Some("bounce (Content-Type: multipart/report; report-type=delivery-status)".to_owned());
    }
    let local = from.rsplit_once('@').map_or(from, |(local, _)| local);
    if local == "mailer-daemon" || local == "postmaster" {
        return Some(format!("bounce (from {from})"));
    }

    // An auto-reply.
    if let Some(value) = h.auto_submitted.as_deref().filter(|v| *v != "no") {
        let kind = if value == "auto-replied" { "auto-reply" } else { "automatic message" };
        return Some(format!("{kind} (Auto-Submitted: {value})"));
    }
    if h.x_autoreply {
        return Some("auto-reply (X-Autoreply, X-Autorespond or X-Auto-Response-Suppress header)".to_owned());
    }
    if h.precedence.as_deref() == Some("auto_reply") {
        return Some("auto-reply (Precedence: auto_reply)".to_owned());
    }

    if h.return_path.as_deref() == Some("") {
        return Some("bounce (empty Return-Path <>)".to_owned());
    }

    // A mailing list or bulk mail.
    if let Some(id) = &h.list_id {
        return Some(format!("mailing list (List-Id: {id})"));
    }
    if h.list_unsubscribe {
        return Some("mailing list (List-Unsubscribe header)".to_owned());
    }
    match h.precedence.as_deref() {
        Some("list") => Some("mailing list (Precedence: list)".to_owned()),
        Some(p @ ("bulk" | "junk")) => Some(format!("bulk mail (Precedence: {p})")),
        _ => None,
    }
}

/// Whether two addresses name the same mailbox: case and a `+tag` do not matter.
fn same_mailbox(a: &str, b: &str) -> bool {
    fn base(addr: &str) -> Option<(String, String)> {
        let addr = addr.trim().to_lowercase();
        let (local, domain) = addr.rsplit_once('@')?;
        let local = local.split('+').next().unwrap_or_default();
        (!local.is_empty() && !domain.is_empty()).then(|| (local.to_owned(), domain.to_owned()))
    }
    matches!((base(a), base(b)), (Some(x), Some(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::MailHeaders;

    fn message(from: &str, headers: MailHeaders) -> Incoming {
        Incoming {
            message_id: None,
            in_reply_to: vec![],
            references: vec![],
            from_name: None,
            from_address: Some(from.to_owned()),
            reply_to: None,
            recipients: vec![],
            subject: None,
            date: None,
            text: String::new(),
            html: None,
            attachments: vec![],
            headers: MailHeaders { content_type: "text/plain".into(), ..headers },
            size: 0,
        }
    }

    fn reason(from: &str, headers: MailHeaders) -> Option<String> {
        ignore_reason(&message(from, headers), &["Inbox@Firma.cz".to_owned()])
    }

    #[test]
    fn an_inquiry_has_no_reason() {
        assert_eq!(reason("jan@example.cz", MailHeaders::default()), None);
        let no = MailHeaders { auto_submitted: Some("no".into()), ..Default::default() };
        assert_eq!(reason("jan@example.cz", no), None);
    }

    #[test]
    fn own_address_with_or_without_tag_is_a_loop() {
        assert_eq!(reason("inbox@firma.cz", MailHeaders::default()).as_deref(), Some("loop: sent from our own address inbox@firma.cz"));
        assert!(reason("inbox+lead42@firma.cz", MailHeaders::default()).is_some_and(|r| r.starts_with("loop:")));
        assert_eq!(reason("inbox@firma.com", MailHeaders::default()), None);
    }

    #[test]
    fn each_rule_names_its_header() {
        let cases = [
            (
                MailHeaders { auto_submitted: Some("auto-generated".into()), ..Default::default() },
                "automatic message (Auto-Submitted: auto-generated)",
            ),
            (
                MailHeaders { x_autoreply: true, ..Default::default() },
                "auto-reply (X-Autoreply, X-Autorespond or X-Auto-Response-Suppress header)",
            ),
            (MailHeaders { precedence: Some("auto_reply".into()), ..Default::default() }, "auto-reply (Precedence: auto_reply)"),
            (MailHeaders { precedence: Some("bulk".into()), ..Default::default() }, "bulk mail (Precedence: bulk)"),
            (MailHeaders { precedence: Some("junk".into()), ..Default::default() }, "bulk mail (Precedence: junk)"),
            (MailHeaders { precedence: Some("list".into()), ..Default::default() }, "mailing list (Precedence: list)"),
            (MailHeaders { list_unsubscribe: true, ..Default::default() }, "mailing list (List-Unsubscribe header)"),
            (MailHeaders { return_path: Some(String::new()), ..Default::default() }, "bounce (empty Return-Path <>)"),
        ];
        for (headers, want) in cases {
            assert_eq!(reason("jan@example.cz", headers).as_deref(), Some(want));
        }
        assert_eq!(reason("postmaster@example.cz", MailHeaders::default()).as_deref(), Some("bounce (from postmaster@example.cz)"));
    }

    #[test]
    fn order_is_loop_bounce_auto_reply_list() {
        let all = MailHeaders {
            x_pronto_key: Some("lead/1/x".into()),
            auto_submitted: Some("auto-replied".into()),
            list_id: Some("l.example.cz".into()),
            ..Default::default()
        };
        assert!(reason("mailer-daemon@example.cz", all.clone()).is_some_and(|r| r.starts_with("loop:")));
        let no_key = MailHeaders { x_pronto_key: None, ..all };
        assert!(reason("mailer-daemon@example.cz", no_key.clone()).is_some_and(|r| r.starts_with("bounce")));
        assert!(reason("jan@example.cz", no_key.clone()).is_some_and(|r| r.starts_with("auto-reply")));
        let list_only = MailHeaders { auto_submitted: None, return_path: Some(String::new()), ..no_key };
        assert!(reason("jan@example.cz", list_only).is_some_and(|r| r.starts_with("bounce (empty")));
    }
}
