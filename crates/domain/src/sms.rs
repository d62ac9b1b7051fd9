//! SMS text shaping: how many segments a text costs, and how to make it fit a budget.
//!
//! An SMS is sent either in the GSM 03.38 (3GPP TS 23.038) 7-bit default alphabet or, as soon
//! as one character is outside it, in UCS-2 (UTF-16 code units on the wire). One segment holds
//! 160 septets or 70 UTF-16 units; a concatenated message loses room to the user-data header,
//! leaving 153 septets or 67 units per segment.
//!
//! Two atoms are never split across segments: a GSM extension character (escape + code, two
//! septets) and a UTF-16 surrogate pair. Segment counts are therefore computed by packing
//! characters greedily, not by dividing the total.
//!
//! Only the default alphabet and its basic extension table are used: national language shift
//! tables (Turkish, Spanish, Portuguese, Indian languages) are not assumed, since operator and
//! handset support for them is patchy.

/// How a text is encoded on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// GSM 03.38 default alphabet with the basic extension table.
    Gsm7,
    /// UTF-16 (UCS-2 on the wire, with surrogate pairs passed through).
    Ucs2,
}

/// The cost of a text as SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segments {
    pub encoding: Encoding,
    /// Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2.
    pub units: usize,
    pub segments: usize,
}

const GSM7_SINGLE: usize = 160;
const GSM7_CONCAT: usize = 153;
const UCS2_SINGLE: usize = 70;
const UCS2_CONCAT: usize = 67;

/// What a truncated text ends with. `…` is not in the GSM alphabet, so a text that is GSM-7
/// ends with three full stops instead: appending `…` would switch the whole message to UCS-2
/// and cut its capacity by more than half.
const ELLIPSIS_UCS2: &str = "…";
const ELLIPSIS_GSM7: &str = "...";

/// Septets a character costs in the GSM 03.38 default alphabet: 1 for the basic table, 2 for
/// the basic extension table (escape + code), `None` if it is not representable.
fn gsm_septets(c: char) -> Option<usize> {
    match c {
        // 0x00-0x0F
        '@' | '£' | '$' | '¥' | 'è' | 'é' | 'ù' | 'ì' | 'ò' | 'Ç' | '\n' | 'Ø' | 'ø' | '\r' | 'Å' | 'å'
        // 0x10-0x1F (0x1B is the escape to the extension table)
        | 'Δ' | '_' | 'Φ' | 'Γ' | 'Λ' | 'Ω' | 'Π' | 'Ψ' | 'Σ' | 'Θ' | 'Ξ' | 'Æ' | 'æ' | 'ß' | 'É'
        // 0x20-0x3F (0x24 is ¤, not $)
        | ' ' | '!' | '"' | '#' | '¤' | '%' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | '-' | '.' | '/'
        | '0'..='9' | ':' | ';' | '<' | '=' | '>' | '?'
        // 0x40-0x5F (0x40 is ¡, not @)
        | '¡' | 'A'..='Z' | 'Ä' | 'Ö' | 'Ñ' | 'Ü' | '§'
        // 0x60-0x7F (0x60 is ¿, not `)
        | '¿' | 'a'..='z' | 'ä' | 'ö' | 'ñ' | 'ü' | 'à' => Some(1),
        // Basic extension table: form feed, ^ { } \ [ ~ ] | €
        '\u{0C}' | '^' | '{' | '}' | '\\' | '[' | '~' | ']' | '|' | '€' => Some(2),
        _ => None,
    }
}

/// Counts segments by packing atoms (each never split) into `concat`-sized segments, unless
/// the whole text fits one `single`-sized segment.
fn pack(costs: impl Iterator<Item = usize>, single: usize, concat: usize) -> (usize, usize) {
    let (mut total, mut segments, mut used) = (0, 1, 0);
    for cost in costs {
        total += cost;
        if used + cost > concat {
            segments += 1;
            used = 0;
        }
        used += cost;
    }
    (total, if total <= single { 1 } else { segments })
}

/// The encoding, size and segment count of `text` as SMS. The empty text is one segment.
pub fn segments(text: &str) -> Segments {
    let gsm: Option<Vec<usize>> = text.chars().map(gsm_septets).collect();
    let (encoding, (units, segments)) = match gsm {
        Some(septets) => (Encoding::Gsm7, pack(septets.into_iter(), GSM7_SINGLE, GSM7_CONCAT)),
        None => (Encoding::Ucs2, pack(text.chars().map(char::len_utf16), UCS2_SINGLE, UCS2_CONCAT)),
    };
    Segments { encoding, units, segments }
}

/// Returns `text` unchanged if it fits in `max_segments`. Otherwise, if the text becomes pure
/// GSM-7 by transliterating Latin diacritics and typographic punctuation (`Nováková` →
/// `Novakova`, `—` → `-`), it is transliterated; characters already in the GSM alphabet (é, ü,
/// ß, Ø, …) are kept, and a text with any other script (Cyrillic, Hebrew, emoji) is never
/// transliterated. If it still does not fit, it is truncated at a character boundary, at a
/// word boundary when one is near, and ends with `…` (`...` when the result is GSM-7), so that
/// the result fits in `max_segments`. `max_segments == 0` yields the empty string.
pub fn fit(text: &str, max_segments: usize) -> String {
    if max_segments == 0 {
        return String::new();
    }
    if segments(text).segments <= max_segments {
        return text.to_owned();
    }
    if let Some(kept) = fit_before_link(text, max_segments) {
        return kept;
    }
    match transliterate(text) {
        Some(gsm) if segments(&gsm).segments <= max_segments => gsm,
        // Truncating the GSM-7 form keeps more than twice as much of the text.
        Some(gsm) => truncate(&gsm, max_segments),
        None => truncate(text, max_segments),
    }
}

/// A text that ends with a link (the customer's page in an acknowledgement): its words are
/// transliterated or shortened, never the link — a cut link opens nothing. `None` when the text
/// does not end with a link or the link alone does not fit.
fn fit_before_link(text: &str, max_segments: usize) -> Option<String> {
    let t = text.trim_end();
    let start = t.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let link = &t[start..];
    if !(link.starts_with("https://") || link.starts_with("http://")) || start == 0 {
        return None;
    }
    let words = t[..start].trim_end();
    let gsm = transliterate(words);
    if let Some(g) = &gsm {
        let whole = format!("{g} {link}");
        if segments(&whole).segments <= max_segments {
            return Some(whole);
        }
    }
    let short_gsm = gsm.as_ref().and_then(|g| cut(g, g.len(), &format!("{ELLIPSIS_GSM7} {link}"), max_segments));
    let short_ucs2 = cut(words, words.len(), &format!("{ELLIPSIS_UCS2} {link}"), max_segments);
    let kept = |c: &Option<(usize, String)>| c.as_ref().map(|(n, _)| *n);
    let best = if kept(&short_ucs2) > kept(&short_gsm) { short_ucs2 } else { short_gsm };
    best.filter(|(n, _)| *n > 0).map(|(_, s)| s)
}

/// The text with every non-GSM character replaced by its GSM-7 equivalent, or `None` if some
/// character has none (so the text has to stay UCS-2).
fn transliterate(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if gsm_septets(c).is_some() {
            out.push(c);
        } else {
            out.push_str(gsm_equivalent(c)?);
        }
    }
    Some(out)
}

/// The GSM-7 spelling of a Latin letter with a diacritic, or of typographic punctuation, that
/// is not itself in the GSM alphabet. Only Latin script is covered, on purpose.
fn gsm_equivalent(c: char) -> Option<&'static str> {
    Some(match c {
        // Latin-1 Supplement (Ä Å Æ Ç É Ñ Ö Ø Ü ß à ä å æ è é ì ñ ò ö ø ù ü are GSM-7 already)
        'À' | 'Á' | 'Â' | 'Ã' => "A",
        'È' | 'Ê' | 'Ë' => "E",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'Ð' => "D",
        'Ò' | 'Ó' | 'Ô' | 'Õ' => "O",
        'Ù' | 'Ú' | 'Û' => "U",
        'Ý' => "Y",
        'Þ' => "Th",
        'á' | 'â' | 'ã' => "a",
        // GSM 0x09 is the capital Ç; the lower case keeps its case rather than its cedilla.
        'ç' => "c",
        'ê' | 'ë' => "e",
        'í' | 'î' | 'ï' => "i",
        'ð' => "d",
        'ó' | 'ô' | 'õ' => "o",
        'ú' | 'û' => "u",
        'ý' | 'ÿ' => "y",
        'þ' => "th",
        // Latin Extended-A
        'Ā' | 'Ă' | 'Ą' => "A",
        'ā' | 'ă' | 'ą' => "a",
        'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "C",
        'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'Ď' | 'Đ' => "D",
        'ď' | 'đ' => "d",
        'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "G",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'Ĥ' | 'Ħ' => "H",
        'ĥ' | 'ħ' => "h",
        'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => "I",
        'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'Ĳ' => "IJ",
        'ĳ' => "ij",
        'Ĵ' => "J",
        'ĵ' => "j",
        'Ķ' => "K",
        'ķ' | 'ĸ' => "k",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => "L",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'Ń' | 'Ņ' | 'Ň' | 'Ŋ' => "N",
        'ń' | 'ņ' | 'ň' | 'ŋ' => "n",
        'ŉ' => "'n",
        'Ō' | 'Ŏ' | 'Ő' => "O",
        'ō' | 'ŏ' | 'ő' => "o",
        'Œ' => "OE",
        'œ' => "oe",
        'Ŕ' | 'Ŗ' | 'Ř' => "R",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' => "S",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' => "s",
        'Ţ' | 'Ť' | 'Ŧ' => "T",
        'ţ' | 'ť' | 'ŧ' => "t",
        'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'Ŵ' => "W",
        'ŵ' => "w",
        'Ŷ' | 'Ÿ' => "Y",
        'ŷ' => "y",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'ź' | 'ż' | 'ž' => "z",
        // Latin Extended-B: Romanian comma-below letters
        'Ș' => "S",
        'ș' => "s",
        'Ț' => "T",
        'ț' => "t",
        // Combining diacritics (text typed in decomposed form): the base letter stays.
        '\u{0300}'..='\u{036F}' => "",
        // Typographic punctuation and spaces
        '‘' | '’' | '‚' | '‛' | '′' | '´' | '`' => "'",
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => "\"",
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => "-",
        '…' => "...",
        '\t' | '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => " ",
        '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => "",
        _ => return None,
    })
}

/// Characters that belong to the preceding one (combining marks, joiners, variation selectors,
/// emoji modifiers): a cut is never placed right before them. An approximation of grapheme
/// boundaries, good enough not to strip an accent from its letter or a modifier from its emoji.
fn extends_previous(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}' | '\u{05BF}' | '\u{05C1}'..='\u{05C2}'
        | '\u{05C4}'..='\u{05C5}' | '\u{05C7}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{200C}'..='\u{200D}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}' | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Cuts `text` so that it, with an ellipsis, fits in `max_segments` (at least 1). Tries both a
/// GSM-7 result (the longest GSM-7 prefix, ending with `...`) and a UCS-2 result (ending with
/// `…`) and keeps whichever preserves more of the text: a mostly-GSM text whose only UCS-2
/// character comes late is better cut before it.
fn truncate(text: &str, max_segments: usize) -> String {
    let gsm_end = text.char_indices().find(|(_, c)| gsm_septets(*c).is_none()).map_or(text.len(), |(i, _)| i);
    let gsm = cut(text, gsm_end, ELLIPSIS_GSM7, max_segments);
    let ucs2 = cut(text, text.len(), ELLIPSIS_UCS2, max_segments);
    let kept = |candidate: &Option<(usize, String)>| candidate.as_ref().map(|(n, _)| *n);
    let best = if kept(&ucs2) > kept(&gsm) { ucs2 } else { gsm };
    best.map(|(_, s)| s).unwrap_or_default()
}

/// The longest prefix of `text` ending at or before byte `limit`, at a character (preferably
/// word) boundary, that fits in `max_segments` with `ellipsis` appended. Returns the number of
/// characters kept and the result.
fn cut(text: &str, limit: usize, ellipsis: &str, max_segments: usize) -> Option<(usize, String)> {
    let valid = |at: usize| {
        let before = text[..at].chars().next_back();
        let after = text[at..].chars().next();
        !after.is_some_and(extends_previous) && before != Some('\u{200D}')
    };
    let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).filter(|&i| i <= limit && valid(i)).collect();
    // Adding characters never lowers the segment count, so the fitting cuts are a prefix of `cuts`.
    let fits = |at: usize| segments(&format!("{}{ellipsis}", &text[..at])).segments <= max_segments;
    let mut at = *cuts.get(cuts.partition_point(|&i| fits(i)).checked_sub(1)?)?;
    let mid_word =
        text[..at].chars().next_back().is_some_and(|c| !c.is_whitespace()) && text[at..].chars().next().is_some_and(|c| !c.is_whitespace());
    if mid_word && let Some((space, _)) = text[..at].char_indices().rfind(|(_, c)| c.is_whitespace()) {
        // Back up to the word boundary unless that would throw away more than half of the text.
        if 2 * text[..space].chars().count() >= text[..at].chars().count() && valid(space) {
            at = space;
        }
    }
    let kept = text[..at].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—'));
    Some((kept.chars().count(), format!("{kept}{ellipsis}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Encoding::{Gsm7, Ucs2};

    fn rep(s: &str, n: usize) -> String {
        s.repeat(n)
    }

    #[test]
    fn the_alphabet_is_gsm_03_38() {
        let (mut basic, mut extension) = (0, 0);
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            match gsm_septets(c) {
                Some(1) => basic += 1,
                Some(2) => extension += 1,
                _ => {}
            }
        }
        // 128 code points minus the escape; 9 printable extensions plus form feed.
        assert_eq!((basic, extension), (127, 10));
        for c in "`\t\u{0}çÁáÊαЖש😀…—".chars() {
            assert_eq!(gsm_septets(c), None, "{c:?}");
        }
    }

    #[test]
    fn transliteration_only_produces_gsm7_and_only_for_non_gsm7() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if let Some(s) = gsm_equivalent(c) {
                assert!(gsm_septets(c).is_none(), "{c:?} is GSM-7 and must be kept");
                assert!(s.chars().all(|t| gsm_septets(t) == Some(1)), "{c:?} -> {s:?}");
                let latin_or_mark = c.is_ascii() || ('\u{C0}'..='\u{24F}').contains(&c) || ('\u{300}'..='\u{36F}').contains(&c);
                assert!(!c.is_alphabetic() || latin_or_mark, "{c:?} is not Latin");
            }
        }
    }

    #[test]
    fn counts_segments() {
        // (text, encoding, units, segments), all hand-computed
        let cases: Vec<(String, Encoding, usize, usize)> = vec![
            (String::new(), Gsm7, 0, 1),
            ("Hello".into(), Gsm7, 5, 1),
            (rep("a", 160), Gsm7, 160, 1),
            (rep("a", 161), Gsm7, 161, 2), // 153 + 8
            (rep("a", 306), Gsm7, 306, 2), // 153 + 153
            (rep("a", 307), Gsm7, 307, 3), // 153 + 153 + 1
            // The specials: @ £ $ are one septet; ` is not in the alphabet at all.
            ("@£$¥¤§¡¿ÄÖÑÜäöñüàèéùìòÇØøÅåÆæßÉΔΦΓΛΩΠΨΣΘΞ_\r\n".into(), Gsm7, 44, 1),
            ("`".into(), Ucs2, 1, 1),
            // Extension characters cost two septets.
            ("^{}\\[~]|€\u{0C}".into(), Gsm7, 20, 1),
            (rep("€", 80), Gsm7, 160, 1),
            (rep("€", 81), Gsm7, 162, 2), // 76 € (152, a 77th would be 154) + 5 € (10)
            // An extension pair at a segment boundary moves to the next segment:
            // 152 + [€ does not fit in 1 septet] | € + 151 a = 153 | 1 a.  Naively 306/153 = 2.
            (format!("{}€{}", rep("a", 152), rep("a", 152)), Gsm7, 306, 3),
            // Czech with an em dash (not GSM-7): 59 characters, all in the BMP.
            ("New inquiry: Jana Nováková +420 777 123 456, web — call now".into(), Ucs2, 59, 1),
            // Czech without the dash is still UCS-2 for á.
            ("Jana Nováková".into(), Ucs2, 13, 1),
            (rep("Ж", 70), Ucs2, 70, 1),
            (rep("Ж", 71), Ucs2, 71, 2), // 67 + 4
            (rep("Ж", 134), Ucs2, 134, 2),
            (rep("Ж", 135), Ucs2, 135, 3),
            // "Новая заявка" = 5 + 1 + 6
            ("Новая заявка".into(), Ucs2, 12, 1),
            // Hebrew: שלום (4) , (1) space יש (2) space לך (2) space פנייה (5) space חדשה (4) = 22
            ("שלום, יש לך פנייה חדשה".into(), Ucs2, 22, 1),
            (rep("ש", 71), Ucs2, 71, 2),
            // One GSM-7 letter among UCS-2 costs a full UTF-16 unit.
            (format!("{}a", rep("ש", 69)), Ucs2, 70, 1),
            // An emoji is a surrogate pair: 2 units.
            ("😀".into(), Ucs2, 2, 1),
            (format!("{}😀", rep("a", 68)), Ucs2, 70, 1),
            (format!("{}😀", rep("a", 69)), Ucs2, 71, 2), // 67 | 2 + 2
            // A surrogate pair at a segment boundary moves to the next segment:
            // 66 a + [😀 does not fit in 1 unit] | 😀 + 65 a = 67 | 1 a.  Naively 134/67 = 2.
            (format!("{}😀{}", rep("a", 66), rep("a", 66)), Ucs2, 134, 3),
        ];
        for (text, encoding, units, count) in cases {
            assert_eq!(segments(&text), Segments { encoding, units, segments: count }, "{text:?}");
        }
    }

    #[test]
    fn transliterates_latin_only() {
        let cases = [
            ("Příliš žluťoučký kůň úpěl ďábelské ódy", Some("Prilis zlutoucky kun upel dabelské ody")), // é is GSM-7
            ("Zażółć gęślą jaźń, Łódź", Some("Zazolc gesla jazn, Lodz")),
            ("Árvíztűrő tükörfúrógép", Some("Arvizturo tükörfurogép")), // ü ö é are GSM-7
            ("Ça coûte très cher, à bientôt", Some("Ça coute très cher, à bientot")),
            ("Grüße aus Köln, Søren Åberg, Ñandú", Some("Grüße aus Köln, Søren Åberg, Ñandu")),
            ("Ștefan Țurcanu — „ok“ … ça", Some("Stefan Turcanu - \"ok\" ... ca")),
            ("ΨΔ Nováková", Some("ΨΔ Novakova")),         // GSM-7 Greek capitals are kept
            ("Nova\u{301}kova\u{301}", Some("Novakova")), // decomposed input
            ("Jana Nováková, Иван", None),                // Cyrillic stays UCS-2
            ("Nováková שלום", None),                      // so does Hebrew
            ("Nováková 😀", None),
            ("Άλφα", None), // Greek letters outside the GSM alphabet
        ];
        for (input, want) in cases {
            assert_eq!(transliterate(input).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn a_link_at_the_end_is_never_cut() {
        let link = "https://crm.example.com/t/xjIr6M_RmVokjmfqK3ElBw";
        let ru = format!("Екатерина Александровна Петрова-Водкина, ваша заявка принята. Секретарь позвонит вам в течение 10 минут. Статус заявки: {link}");
        let out = fit(&ru, 2);
        assert!(out.ends_with(&format!("… {link}")), "{out}");
        assert!(segments(&out).segments <= 2, "{out}");
        assert!(out.starts_with("Екатерина Александровна"), "{out}");
        // Latin words are transliterated first, and then fit whole.
        let cs = format!("Dobrý den, Jana Nováková, děkujeme za poptávku. Náš konzultant se vám ozve během několika minut. Stav: {link}");
        let out = fit(&cs, 1);
        assert!(out.ends_with(link) && segments(&out).segments == 1, "{out}");
        // Without a link, or with nothing but a link, the usual rules.
        assert_eq!(fit(link, 1), link);
        assert!(fit_before_link("no link here at all", 1).is_none());
    }

    #[test]
    fn fits() {
        let czech = "Nová poptávka: Jana Nováková, +420 777 123 456, chce nabídku na úklid kanceláří — zavolejte jí ještě dnes.";
        let words = |w: &str, n: usize| vec![w; n].join(" ");
        // (text, max_segments, expected), all hand-computed
        let cases: Vec<(String, usize, String)> = vec![
            // Fits: untouched, even though transliteration would save units.
            (
                "New inquiry: Jana Nováková +420 777 123 456, web — call now".into(),
                1,
                "New inquiry: Jana Nováková +420 777 123 456, web — call now".into(),
            ),
            (czech.into(), 2, czech.into()), // 106 UCS-2 units = 67 + 39
            (rep("Ж", 70), 1, rep("Ж", 70)),
            (String::new(), 1, String::new()),
            // 106 UCS-2 units need 2 segments; transliterated it is 106 septets, 1 segment.
            (
                czech.into(),
                1,
                "Nova poptavka: Jana Novakova, +420 777 123 456, chce nabidku na uklid kancelari - zavolejte ji jeste dnes.".into(),
            ),
            // Still too long after transliteration: cut the GSM-7 form. "Nova poptavka: " is 15 septets,
            // 11 of them 165 > 160. With "..." 157 septets remain: 10 x 15 + "Nova po", back up to the
            // space after "Nova": 154 + 3 septets.
            (rep("Nová poptávka: ", 11), 1, format!("{}Nova...", rep("Nova poptavka: ", 10))),
            // Cyrillic is never transliterated; 2 segments = 134 units, so 133 + "…".
            // "заявка " is 7 units: 19 of them are exactly 133, ending at a space.
            (rep("заявка ", 30), 2, format!("{}…", words("заявка", 19))),
            // "слово " is 6 units: 133 units end one letter into the 23rd word, so back up to 22 words.
            (rep("слово ", 30), 2, format!("{}…", words("слово", 22))),
            (rep("Ж", 71), 1, format!("{}…", rep("Ж", 69))),
            // Cyrillic with Czech: neither is transliterated. 69 units = 11 + 11 x 5 + "ЖЖЖ", mid-word:
            // back up to the space after the 11th "ЖЖЖЖ" (65 units) and drop it.
            (format!("Иван Novák {}", rep("ЖЖЖЖ ", 20)), 1, format!("Иван Novák {}…", words("ЖЖЖЖ", 11))),
            // No space to back up to: a hard cut at a character boundary.
            (rep("a", 200), 1, format!("{}...", rep("a", 157))),
            // "Hello world " is 12 septets; 157 septets end in the 14th "Hello", back up to 13 x 12 - 1.
            (rep("Hello world ", 20), 1, format!("{}...", rep("Hello world ", 13).trim_end())),
            // Extension pairs: 78 € + "..." = 159 septets. For 2 segments: 76 € fill 152 of the first
            // 153 septets, the second takes 75 € + "..." = 153.
            (rep("€", 200), 1, format!("{}...", rep("€", 78))),
            (rep("€", 200), 2, format!("{}...", rep("€", 151))),
            // Surrogate pairs: 34 emoji (68 units) + "…" = 69; a 35th would need 71.
            (rep("😀", 40), 1, format!("{}…", rep("😀", 34))),
            // An emoji late in a GSM-7 text: cut before it and stay GSM-7 (157 kept), rather than
            // go UCS-2 with "…" (69 kept).
            (format!("{}😀", rep("a", 200)), 1, format!("{}...", rep("a", 157))),
            // A combining accent stays with its letter: 2 + 33 x 2 + 1 = 69 units would cut between
            // the 34th e and its accent, so 68 units + "…".
            (format!("ЖЖ{}", rep("e\u{301}", 100)), 1, format!("ЖЖ{}…", rep("e\u{301}", 33))),
            (rep("a", 200), 0, String::new()),
        ];
        for (text, max, want) in cases {
            let got = fit(&text, max);
            assert_eq!(got, want, "fit({text:?}, {max})");
            if max > 0 {
                assert!(segments(&got).segments <= max, "{got:?}");
            }
        }
    }

    #[test]
    fn fit_never_exceeds_the_budget() {
        let texts = [
            rep("Nová poptávka — ", 40),
            rep("Новая заявка 😀 ", 40),
            rep("a€ ", 200),
            format!("{}😀{}", rep("a", 66), rep("Ж", 300)),
            rep("שלום ", 100),
        ];
        for text in &texts {
            for max in 1..=4 {
                let got = fit(text, max);
                assert!(segments(&got).segments <= max, "fit({text:?}, {max}) = {got:?}");
                assert!(got.ends_with('…') || got.ends_with("..."), "{got:?}");
            }
        }
    }
}
