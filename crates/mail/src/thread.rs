//! Which lead a message belongs to, and the addresses and ids Pronto's own mail carries so that
//! replies find their way back: `inbox+lead42@firma.cz` as Reply-To, and
//! `pronto.lead42.<unique>@firma.cz` as Message-ID (echoed in the reply's In-Reply-To and
//! References). Also the new part of a reply, without the quoted mail below it.

/// The lead a `+lead` tagged address names: `inbox+lead42@firma.cz` → 42 (any recipient).
pub fn lead_tag(addresses: &[String]) -> Option<i64> {
    addresses.iter().find_map(|a| {
        let a = a.trim().trim_start_matches('<').trim_end_matches('>');
        let (local, _) = a.rsplit_once('@')?;
        local.split('+').skip(1).find_map(lead_in_tag)
    })
}

/// `lead42` (any case) → 42.
fn lead_in_tag(tag: &str) -> Option<i64> {
    let prefix = tag.get(..4)?;
    if !prefix.eq_ignore_ascii_case("lead") {
        return None;
    }
    lead_number(tag.get(4..)?)
}

/// A positive lead id written in decimal digits only.
fn lead_number(digits: &str) -> Option<i64> {
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n > 0)
}

/// The reply address Pronto sets on its mail about a lead: `inbox@firma.cz` → `inbox+lead42@firma.cz`.
///
/// Other `+tags` of the mailbox are kept; an existing `+leadN` tag is replaced.
pub fn reply_address(mailbox_address: &str, lead: i64) -> String {
    let mailbox = mailbox_address.trim();
    let (local, domain) = mailbox.rsplit_once('@').map_or((mailbox, None), |(l, d)| (l, Some(d)));
    let local = local.split('+').filter(|t| lead_in_tag(t).is_none()).collect::<Vec<_>>().join("+");
    match domain {
        Some(domain) => format!("{local}+lead{lead}@{domain}"),
        None => format!("{local}+lead{lead}"),
    }
}

/// A Message-ID for Pronto's mail about a lead (no <>): `pronto.lead42.<unique>@domain`, where `unique` is given by the caller (it has the randomness), domain from the sender address (or `pronto.invalid`).
///
/// Characters of `unique` other than ASCII letters, digits, `-` and `_` are dropped.
pub fn message_id(lead: i64, unique: &str, from_address: &str) -> String {
    let unique: String = unique.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    let unique = if unique.is_empty() { "0".to_owned() } else { unique };
    let from = from_address.trim().trim_start_matches('<').trim_end_matches('>');
    let domain = from.rsplit_once('@').map(|(_, d)| d.trim().to_ascii_lowercase()).filter(|d| is_domain(d));
    format!("pronto.lead{lead}.{unique}@{}", domain.as_deref().unwrap_or("pronto.invalid"))
}

fn is_domain(d: &str) -> bool {
    !d.is_empty()
        && d.len() <= 253
        && d.split('.').all(|label| !label.is_empty() && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// The lead a Message-ID made by `message_id` names.
pub fn lead_of_message_id(id: &str) -> Option<i64> {
    let id = id.trim().trim_start_matches('<').trim_end_matches('>').trim();
    let (left, domain) = id.rsplit_once('@')?;
    if domain.is_empty() || !left.get(..11)?.eq_ignore_ascii_case("pronto.lead") {
        return None;
    }
    let (number, unique) = left.get(11..)?.split_once('.')?;
    if unique.is_empty() {
        return None;
    }
    lead_number(number)
}

/// The new part of a reply: the text without quoted lines (`>`), without the quoted tail after an attribution line (English "On … wrote:", Czech "Dne … napsal(a):", Polish "… napisał(a):", Russian "… написал(а):" / "пишет:", Hebrew "… כתב/ה:"), and without a trailing "-----Original Message-----" / "Původní zpráva" block; if nothing is left, the original text.
///
/// Also cut: an attribution wrapped over two lines, Gmail's `… <address>:` attribution followed
/// by quoted lines, and an Outlook header block (`From:` … `Subject:`, after a `____` rule or
/// not). Line ends become LF; runs of blank lines left by removed quotes are collapsed.
pub fn strip_quoted(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = normalized.lines().collect();
    let cut = quote_start(&lines).unwrap_or(lines.len());
    let mut kept: Vec<&str> = Vec::new();
    for line in &lines[..cut] {
        if line.trim_start().starts_with('>') {
            continue;
        }
        if line.trim().is_empty() && kept.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        kept.push(line);
    }
    let out = kept.join("\n").trim().to_owned();
    if out.is_empty() { normalized.trim().to_owned() } else { out }
}

/// Words an attribution line starts with (English, Czech, Polish, German, French).
const OPENINGS: [&str; 5] = ["on ", "dne ", "w dniu ", "am ", "le "];

/// The index of the first line of the quoted tail, if there is one.
fn quote_start(lines: &[&str]) -> Option<usize> {
    let clean: Vec<String> = lines.iter().map(|l| without_bidi(l).trim().to_owned()).collect();
    // Whether the next non-empty line after each line is quoted, and whether the previous
    // non-empty line before it is a forward marker: one pass each, so that long runs of blank
    // lines stay linear.
    let mut quote_follows = vec![false; clean.len()];
    let mut next_quoted = false;
    for (i, line) in clean.iter().enumerate().rev() {
        quote_follows[i] = next_quoted;
        if !line.is_empty() {
            next_quoted = line.starts_with('>');
        }
    }
    let mut after_forward = vec![false; clean.len()];
    let mut previous_forward = false;
    for (i, line) in clean.iter().enumerate() {
        after_forward[i] = previous_forward;
        if !line.is_empty() {
            previous_forward = is_forward_marker(line);
        }
    }
    (0..clean.len()).find(|&i| {
        let line = clean[i].as_str();
        if is_separator(line) || is_attribution(line, quote_follows[i]) {
            return true;
        }
        // An attribution wrapped before its last few words (`On … <a@b.cz>` / `wrote:`).
        let wrapped = clean.get(i + 1).is_some_and(|next| {
            !line.ends_with(':')
                && next.split_whitespace().count() <= 4
                && (OPENINGS.iter().any(|o| line.to_lowercase().starts_with(o)) || line.contains('@'))
                && is_attribution(&format!("{line} {next}"), quote_follows[i + 1])
        });
        // The From/Subject lines under a forward marker are the forwarded mail, not a quote.
        wrapped || !after_forward[i] && is_outlook_header(&clean[i..])
    })
}

/// Removes the invisible direction marks Hebrew mail puts around lines.
fn without_bidi(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')).collect()
}

/// `-----Original Message-----`, `------ Původní zpráva ------` and their kin.
fn is_separator(line: &str) -> bool {
    const TITLES: [&str; 11] = [
        "original message",
        "původní zpráva",
        "puvodni zprava",
        "původní e-mail",
        "původní email",
        "oryginalna wiadomość",
        "wiadomość oryginalna",
        "исходное сообщение",
        "הודעה מקורית",
        "ursprüngliche nachricht",
        "message d'origine",
    ];
    if !line.starts_with("--") {
        return false;
    }
    let title = line.trim_matches(|c: char| c == '-' || c == '_' || c.is_whitespace()).to_lowercase();
    TITLES.contains(&title.as_str())
}

/// `---------- Forwarded message ----------` and its kin (forwarded mail is kept).
fn is_forward_marker(line: &str) -> bool {
    const TITLES: [&str; 8] = [
        "forwarded message",
        "přeposlaná zpráva",
        "přeposlaný e-mail",
        "přeposlaný email",
        "wiadomość przekazana",
        "пересылаемое сообщение",
        "הודעה שהועברה",
        "weitergeleitete nachricht",
    ];
    line.starts_with("--") && {
        let title = line.trim_matches(|c: char| c == '-' || c.is_whitespace()).to_lowercase();
        TITLES.contains(&title.as_str())
    }
}

/// An attribution line: `On … wrote:`, `Dne … napsal(a):`, `… napisał(a):`, `… написал(а):`,
/// `… пишет:`, `… כתב/ה:` (and German, French). Besides its closing words it needs an opening
/// word, a date or an address, or quoted lines right after it, so "as I wrote:" in a sentence
/// does not cut the message.
fn is_attribution(line: &str, quote_follows: bool) -> bool {
    const ENDINGS: [&str; 16] = [
        "wrote:",
        "napsal(a):",
        "napsal/a:",
        "napsal:",
        "napsala:",
        "napisał(a):",
        "napisał:",
        "napisała:",
        "написал(а):",
        "написал:",
        "написала:",
        "пишет:",
        "כתב/ה:",
        "כתב:",
        "כתבה:",
        "schrieb:",
    ];
    if line.chars().count() > 300 {
        return false;
    }
    let lower = line.to_lowercase();
    let marked = ENDINGS.iter().any(|e| lower.ends_with(e)) || lower.ends_with("a écrit :") || lower.ends_with("a écrit:");
    let context = OPENINGS.iter().any(|o| lower.starts_with(o)) || lower.contains('@') || lower.contains(|c: char| c.is_ascii_digit());
    if marked && (context || quote_follows) {
        return true;
    }
    // Gmail in several languages: `<date>, <name> <address>:` then quoted lines.
    quote_follows && lower.ends_with(">:") && lower.contains('@') && lower.contains(|c: char| c.is_ascii_digit())
}

/// An Outlook header block: a `From:` line (or a `____` rule and then one) with a `Subject:`
/// line among the next four.
fn is_outlook_header(lines: &[String]) -> bool {
    const FROM: [&str; 6] = ["from:", "od:", "von:", "от:", "de:", "מאת:"];
    const SUBJECT: [&str; 6] = ["subject:", "předmět:", "temat:", "тема:", "betreff:", "נושא:"];
    let mut lines = lines.iter().map(|l| l.to_lowercase());
    let Some(mut first) = lines.next() else { return false };
    if first.len() >= 10 && first.chars().all(|c| c == '_') {
        match lines.next() {
            Some(l) => first = l,
            None => return false,
        }
    }
    FROM.iter().any(|f| first.starts_with(f)) && lines.take(4).any(|l| SUBJECT.iter().any(|s| l.starts_with(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn lead_tags() {
        assert_eq!(lead_tag(&v(&["inbox+lead42@firma.cz"])), Some(42));
        assert_eq!(lead_tag(&v(&["a@b.cz", "<Inbox+LEAD7@Firma.cz>"])), Some(7));
        assert_eq!(lead_tag(&v(&["inbox+sales+lead9@firma.cz"])), Some(9));
        assert_eq!(lead_tag(&v(&["inbox@firma.cz", "inbox+leadx@firma.cz", "inbox+lead@firma.cz", "inbox+lead0@firma.cz"])), None);
        assert_eq!(lead_tag(&v(&["inbox+lead99999999999999999999@firma.cz", "lead5@firma.cz"])), None);
        assert_eq!(lead_tag(&[]), None);
    }

    #[test]
    fn reply_addresses_round_trip() {
        assert_eq!(reply_address("inbox@firma.cz", 42), "inbox+lead42@firma.cz");
        assert_eq!(reply_address(" inbox+sales@firma.cz ", 3), "inbox+sales+lead3@firma.cz");
        assert_eq!(reply_address("inbox+lead1@firma.cz", 2), "inbox+lead2@firma.cz");
        assert_eq!(lead_tag(&[reply_address("inbox@firma.cz", 123456)]), Some(123456));
    }

    #[test]
    fn message_ids_round_trip() {
        let id = message_id(42, "abc", "Inbox@Firma.CZ");
        assert_eq!(id, "pronto.lead42.abc@firma.cz");
        assert_eq!(lead_of_message_id(&id), Some(42));
        assert_eq!(lead_of_message_id(&format!("<{id}>")), Some(42));
        assert_eq!(message_id(7, "a b<c>@d", "nobody"), "pronto.lead7.abcd@pronto.invalid");
        assert_eq!(message_id(7, "", "x@bad..domain"), "pronto.lead7.0@pronto.invalid");
        assert_eq!(lead_of_message_id("pronto.lead42@firma.cz"), None);
        assert_eq!(lead_of_message_id("pronto.lead42.@firma.cz"), None);
        assert_eq!(lead_of_message_id("pronto.leadx.abc@firma.cz"), None);
        assert_eq!(lead_of_message_id("CAF=reply.777@mail.gmail.com"), None);
        assert_eq!(lead_of_message_id(""), None);
        assert_eq!(lead_of_message_id("pronto.lead"), None);
    }

    #[test]
    fn strips_quotes_after_attributions_in_each_language() {
        let cases = [
            "Díky, beru.\n\nDne 3. 3. 2025 v 14:02 Firma <inbox@firma.cz> napsal(a):\n> nabídka",
            "Díky, beru.\n\npo 3. 3. 2025 v 14:02 odesílatel Firma <inbox@firma.cz> napsal:\n\n> nabídka",
            "Díky, beru.\n\nOn Mon, Mar 3, 2025 at 2:02 PM Firma <inbox@firma.cz>\nwrote:\n> offer",
            "Díky, beru.\n\nW dniu 3.03.2025 o 14:02, Firma pisze napisał(a):\nnie cytowane",
            "Díky, beru.\n\n03.03.2025 14:02, Фирма пишет:\n> предложение",
            "Díky, beru.\n\nПётр написал(а):\n> предложение",
            "Díky, beru.\n\n\u{200f}בתאריך 3 במרץ 2025, חברה כתב/ה:\u{200f}\n> הצעה",
            "Díky, beru.\n\nпн, 3 мар. 2025 г. в 14:02, Firma <inbox@firma.cz>:\n> предложение",
            "Díky, beru.\n\n-----Original Message-----\nFrom: Firma\nSent: Monday\n\nnabídka",
            "Díky, beru.\n\n---------- Původní zpráva ----------\nOd: Firma\nnabídka",
            "Díky, beru.\n\n________________________________\nOd: Firma <inbox@firma.cz>\nOdesláno: 3. 3. 2025\nKomu: Jan\nPředmět: Nabídka\n\nnabídka",
            "Díky, beru.\n\nFrom: Firma <inbox@firma.cz>\nSent: Monday, March 3, 2025\nTo: Jan\nSubject: Offer\n\noffer",
        ];
        for text in cases {
            assert_eq!(strip_quoted(text), "Díky, beru.", "{text}");
        }
    }

    #[test]
    fn keeps_forwarded_mail() {
        let text =
            "Posílám dál.\n\n---------- Forwarded message ----------\nFrom: Karel <k@example.cz>\nSubject: Poptávka\n\nChci střechu.";
        assert_eq!(strip_quoted(text), text);
        let with_quote = format!("{text}\n\nDne 1. 3. 2025 Firma <a@b.cz> napsal(a):\n> nabídka");
        assert_eq!(strip_quoted(&with_quote), text);
    }

    #[test]
    fn keeps_text_that_only_looks_like_a_quote() {
        let text = "Jak jsem napsal:\nchceme 5 kusů.\nOriginal message follows.";
        assert_eq!(strip_quoted(text), text);
        let interleaved = "> Kolik kusů?\nPět.\r\n> A kdy?\r\nV pondělí.";
        assert_eq!(strip_quoted(interleaved), "Pět.\nV pondělí.");
        assert_eq!(strip_quoted("> jen citace\n> nic víc\n"), "> jen citace\n> nic víc");
        assert_eq!(strip_quoted(""), "");
    }
}
