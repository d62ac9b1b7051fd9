//! Phone numbers in an e-mail signature, so that a lead that arrives by mail can be called.
//! Only candidates are found here, as written; the caller validates each with
//! `pronto_domain::values::Phone::parse` in the mailbox's region.

use std::collections::HashSet;

use crate::thread::strip_quoted;

/// Phone numbers in the sender's signature (after a `-- ` line, or else in the last 10 non-empty lines of the new, unquoted text), in order, as written (the caller validates them with Phone::parse). Skip things that are clearly dates, IBANs, postal codes, order numbers: a candidate needs 9–15 digits, may start with + or 00, may contain spaces, dots, dashes, slashes and parentheses, and should be on a line that has a phone-ish label (tel, phone, mobil, mob., телефон, тел., טלפון, telefon, T:, M:) or consist mostly of the number.
///
/// The quoted part is removed first ([`strip_quoted`]). When the part after `-- ` holds no
/// number, the last 10 non-empty lines above it are read instead. A number is also skipped when
/// it looks like a date, ends in a Czech bank code (`/0800`), or follows a label such as Fax,
/// IBAN, IČO, account or order. Each number is returned once.
pub fn phones_in_signature(text: &str) -> Vec<String> {
    let new = strip_quoted(text);
    let lines: Vec<&str> = new.lines().collect();
    let delimiter = lines.iter().position(|l| l.trim_end() == "--");
    let (above, signature) = match delimiter {
        Some(i) => (&lines[..i], &lines[i + 1..]),
        None => (&lines[..], &lines[..0]),
    };
    let found = phones_in(signature.iter().copied());
    if !found.is_empty() {
        return found;
    }
    let mut tail: Vec<&str> = above.iter().rev().filter(|l| !l.trim().is_empty()).take(10).copied().collect();
    tail.reverse();
    phones_in(tail.into_iter())
}

/// Longer lines are prose, not signature lines (and would make the label search slow).
const LINE_MAX: usize = 200;

fn phones_in<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for line in lines.filter(|l| l.chars().count() <= LINE_MAX) {
        for phone in candidates(line) {
            if seen.insert(digits_of(&phone)) {
                out.push(phone);
            }
        }
    }
    out
}

fn digits_of(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Characters a written phone number may contain after its first one.
fn is_phone_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, ' ' | '\u{a0}' | '.' | '-' | '/' | '(' | ')')
}

/// The phone numbers on one line.
fn candidates(line: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let can_start = c == '+' || c == '(' || c.is_ascii_digit();
        if !can_start || i > 0 && chars[i - 1].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && (is_phone_char(chars[j].1) || chars[j].1 == '+' && chars[j - 1].1 == '(') {
            j += 1;
        }
        let end = chars.get(j).map_or(line.len(), |&(at, _)| at);
        let number = trim_number(&line[start..end]);
        // `123456789Kč`: digits run straight into a word.
        let glued_to_word = number.len() == end - start && chars.get(j).is_some_and(|&(_, c)| c.is_alphanumeric());
        if !glued_to_word && is_phone(number, &line[..start], line) {
            out.push(number.to_owned());
        }
        i = j;
    }
    out
}

/// Drops trailing separators and an unmatched closing parenthesis.
fn trim_number(s: &str) -> &str {
    let mut s = s;
    loop {
        let t = s.trim_end_matches([' ', '\u{a0}', '.', '-', '/', '(']);
        let t = if t.ends_with(')') && t.matches('(').count() < t.matches(')').count() { &t[..t.len() - 1] } else { t };
        if t.len() == s.len() {
            return t;
        }
        s = t;
    }
}

/// Whether `number` (found after `before` on `line`) is a phone number.
fn is_phone(number: &str, before: &str, line: &str) -> bool {
    let digits = digits_of(number);
    if !(9..=15).contains(&digits.len()) || looks_like_date(number) || has_bank_code(number) {
        return false;
    }
    let before = before.to_lowercase();
    let phone_label = last_label(&before, PHONE_LABELS);
    let other_label = last_label(&before, OTHER_LABELS);
    match (phone_label, other_label) {
        (Some(p), Some(o)) => return p > o,
        (Some(_), None) => return true,
        (None, Some(_)) => return false,
        (None, None) => {}
    }
    // No label before it: a label later on the line (`777 123 456 (mobil)`), or a line that is
    // mostly the number.
    let lower = line.to_lowercase();
    if last_label(&lower, OTHER_LABELS).is_some() {
        return false;
    }
    if last_label(&lower, PHONE_LABELS).is_some() {
        return true;
    }
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    visible(number) * 2 >= visible(line)
}

/// Words that announce a phone number (matched at the start of a word, lower-case).
const PHONE_LABELS: &[&str] =
    &["tel", "phone", "mobil", "mob", "cell", "gsm", "tlf", "t:", "m:", "телефон", "тел", "моб", "טלפון", "נייד", "☎", "📞"];

/// Words that announce some other number.
const OTHER_LABELS: &[&str] = &[
    "fax",
    "iban",
    "bic",
    "swift",
    "ič",
    "dič",
    "účet",
    "č. ú",
    "č.ú",
    "account",
    "konto",
    "nip",
    "regon",
    "krs",
    "psč",
    "zip",
    "order",
    "objedn",
    "faktur",
    "invoice",
    "zamówien",
    "заказ",
    "инн",
    "огрн",
    "кпп",
    "счёт",
    "счет",
];

/// The byte position of the last label in `text` that starts a word.
fn last_label(text: &str, labels: &[&str]) -> Option<usize> {
    labels
        .iter()
        .flat_map(|label| text.match_indices(label).map(|(at, _)| at))
        .filter(|&at| text[..at].chars().next_back().is_none_or(|c| !c.is_alphabetic()))
        .max()
}

/// `12.03.2025`, `3. 3. 25`, `12/03/2025`, `2025-03-12` inside the candidate.
fn looks_like_date(number: &str) -> bool {
    // The digit groups, and the separator between each two (spaces dropped).
    let mut groups: Vec<String> = Vec::new();
    let mut seps: Vec<String> = Vec::new();
    let mut sep = String::new();
    let mut in_digits = false;
    for c in number.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                if !groups.is_empty() {
                    seps.push(std::mem::take(&mut sep));
                }
                sep.clear();
                groups.push(String::new());
                in_digits = true;
            }
            if let Some(g) = groups.last_mut() {
                g.push(c);
            }
        } else {
            in_digits = false;
            if !c.is_whitespace() {
                sep.push(c);
            }
        }
    }
    let value = |s: &str| s.parse::<u32>().unwrap_or(u32::MAX);
    (0..groups.len().saturating_sub(2)).any(|k| {
        let (a, b, c) = (&groups[k], &groups[k + 1], &groups[k + 2]);
        let (s1, s2) = (seps[k].as_str(), seps[k + 1].as_str());
        if s1 != s2 || !matches!(s1, "." | "/" | "-") {
            return false;
        }
        let day_month = (1..=2).contains(&a.len()) && (1..=2).contains(&b.len()) && {
            let (x, y) = (value(a), value(b));
            x > 0 && y > 0 && x <= 31 && y <= 31 && (x <= 12 || y <= 12)
        };
        let year_last = day_month && (c.len() == 4 || c.len() == 2 && s1 != "-");
        let iso = a.len() == 4 && (1..=2).contains(&b.len()) && (1..=2).contains(&c.len()) && value(b) <= 12 && value(c) <= 31;
        year_last || iso
    })
}

/// A Czech account number ends in `/` and a four-digit bank code.
fn has_bank_code(number: &str) -> bool {
    number.rsplit_once('/').is_some_and(|(_, code)| code.trim().len() == 4 && code.trim().chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_numbers_in_many_notations() {
        let cases = [
            ("Tel.: +420 777 123 456", "+420 777 123 456"),
            ("tel. +48 601 234 567", "+48 601 234 567"),
            ("Тел.: +7 (495) 123-45-67", "+7 (495) 123-45-67"),
            ("טלפון: 052-123-4567", "052-123-4567"),
            ("Mobil: 603 111 222", "603 111 222"),
            ("M: 00420.777.123.456", "00420.777.123.456"),
            ("T: (+420) 224 123 456.", "(+420) 224 123 456"),
            ("Phone +44 (0)20 7946 0958", "+44 (0)20 7946 0958"),
            ("mob. 777123456", "777123456"),
            ("телефон 8 (912) 345-67-89", "8 (912) 345-67-89"),
            ("+420 777 123 456", "+420 777 123 456"),
            ("Jan Novák | +420 777 123 456", "+420 777 123 456"),
            ("777 123 456 (mobil)", "777 123 456"),
        ];
        for (line, want) in cases {
            assert_eq!(phones_in_signature(line), vec![want.to_owned()], "{line}");
        }
    }

    #[test]
    fn not_phones() {
        for line in [
            "IBAN: CZ65 0800 0000 1920 0014 5399",
            "Č. ú.: 2000145399/0800",
            "2000145399/0800",
            "IČO: 27074358, DIČ: CZ27074358",
            "Objednávka č. 2025004711",
            "Fax: +420 224 123 457",
            "Aktualizováno: 12.03.2025 10.30",
            "12/03/2025 14 30",
            "2025-03-12 1430",
            "Vinohradská 12, 120 00 Praha 2",
            "Zavolejte mi na 777 123 456, prosím, kdykoli odpoledne",
            "12345678",
            "1234567890123456",
            "ABC777123456",
        ] {
            assert_eq!(phones_in_signature(line), Vec::<String>::new(), "{line}");
        }
    }

    #[test]
    fn two_numbers_on_a_line_and_fax_after_phone() {
        assert_eq!(phones_in_signature("Tel.: +420 777 123 456, Fax: +420 224 123 457"), vec!["+420 777 123 456"]);
        assert_eq!(phones_in_signature("Tel. 224 123 456 / mobil 777 123 456"), vec!["224 123 456".to_owned(), "777 123 456".to_owned()]);
    }

    #[test]
    fn only_the_signature_and_the_new_text_count() {
        let text = "Dobrý den,\nvolejte 602 111 222 kdykoli.\n-- \nJan\nTel: 777 123 456\n\nDne 1. 3. 2025 Firma <a@b.cz> napsal(a):\n> Tel: 800 100 200";
        assert_eq!(phones_in_signature(text), vec!["777 123 456"]);
        // Without a delimiter, only the last 10 non-empty lines are read.
        let mut long = String::from("tel 602 111 222\n");
        for i in 0..10 {
            long.push_str(&format!("řádek {i}\n"));
        }
        assert_eq!(phones_in_signature(&long), Vec::<String>::new());
        long.push_str("M: 777 123 456\n");
        assert_eq!(phones_in_signature(&long), vec!["777 123 456"]);
        // A delimiter with no number after it: the lines above are read.
        assert_eq!(phones_in_signature("Jan Novák\ntel 777 123 456\n--\nSent from my iPhone"), vec!["777 123 456"]);
        // The same number twice is returned once.
        assert_eq!(phones_in_signature("Tel: 777 123 456\nM: 777-123-456"), vec!["777 123 456"]);
    }

    #[test]
    fn dates() {
        assert!(looks_like_date("12.03.2025"));
        assert!(looks_like_date("3. 3. 2025 10"));
        assert!(looks_like_date("12/03/25 14 30"));
        assert!(looks_like_date("2025-03-12 10"));
        assert!(!looks_like_date("777.123.456"));
        assert!(!looks_like_date("+7 (495) 123-45-67"));
        assert!(!looks_like_date("052-123-4567"));
        assert!(!looks_like_date("8-912-01-02-03"));
    }
}
