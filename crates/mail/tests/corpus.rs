//! The fixture corpus: real-looking messages in the seeds' languages and charsets, the kinds of
//! automatic mail that are not inquiries, replies, attachments, forwards and junk. Each test
//! reads one fixture from `tests/fixtures` and checks what the store and the IMAP worker rely on.

use pronto_domain::values::{Phone, Region};
use pronto_mail::parse::FORWARDED_SEPARATOR;
use pronto_mail::{
    Incoming, ParseError, ignore_reason, lead_of_message_id, lead_tag, message_id, parse, phones_in_signature, reply_address, strip_quoted,
};

const LIMIT: usize = 1 << 20;

fn raw(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture(name: &str) -> Incoming {
    parse(&raw(name), LIMIT).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn own() -> Vec<String> {
    vec!["inbox@firma.cz".to_owned()]
}

fn phone(written: &str, region: &str) -> String {
    let region = Region::parse(region).expect("region");
    Phone::parse(written, region).unwrap_or_else(|e| panic!("{written}: {e}")).as_str().to_owned()
}

fn all_fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".eml"))
        .collect();
    names.sort();
    names.into_iter().map(|n| (n.clone(), raw(&n))).collect()
}

#[test]
fn czech_iso_8859_2_quoted_printable() {
    let m = fixture("01-cs-iso-8859-2-qp.eml");
    assert_eq!(m.message_id.as_deref(), Some("20250303101500.12345@mail.example.cz"));
    assert_eq!(m.subject.as_deref(), Some("Poptávka žaluzií do kanceláře"));
    assert_eq!(m.from_name.as_deref(), Some("Jan Novák"));
    assert_eq!(m.from_address.as_deref(), Some("jan.novak@example.cz"));
    assert_eq!(m.recipients, ["poptavky@firma.cz", "kolega@example.cz", "inbox@firma.cz"]);
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2025-03-03T09:15:00Z"));
    assert!(m.text.starts_with("Dobrý den,\n\nměli bychom zájem o venkovní žaluzie do kanceláře"), "{}", m.text);
    assert!(m.text.contains("Příliš žluťoučký kůň úpěl ďábelské ódy."));
    assert!(m.text.ends_with("Děkuji a přeji hezký den\nJan Novák"));
    assert!(!m.text.contains('\r'));
    assert_eq!(m.html, None);
    assert!(m.attachments.is_empty());
    assert_eq!(m.headers.return_path.as_deref(), Some("jan.novak@example.cz"));
    assert_eq!(m.size, raw("01-cs-iso-8859-2-qp.eml").len());
    assert_eq!(ignore_reason(&m, &own()), None);
    assert_eq!(lead_tag(&m.recipients), None);
}

#[test]
fn czech_windows_1250_without_message_id() {
    let m = fixture("02-cs-windows-1250.eml");
    assert_eq!(m.message_id, None);
    assert_eq!(m.subject.as_deref(), Some("Servis klimatizace – Brno"));
    assert_eq!(m.from_name.as_deref(), Some("Petra Dvořáková"));
    assert!(m.text.contains("potřebovali bychom servis klimatizace ve třech kancelářích v Brně – nejlépe ještě tento měsíc."));
    assert!(m.text.contains("stáří asi pět let"));
    assert_eq!(ignore_reason(&m, &own()), None);
}

#[test]
fn polish_iso_8859_2_with_a_subject_in_three_encoded_words() {
    let m = fixture("03-pl-iso-8859-2.eml");
    assert_eq!(m.subject.as_deref(), Some("Zapytanie ofertowe: dostawa krzeseł biurowych do Łodzi"));
    assert_eq!(m.from_name.as_deref(), Some("Łukasz Wiśniewski"));
    assert!(m.text.starts_with("Dzień dobry,"));
    assert!(m.text.contains("prosimy o ofertę na dostawę 40 krzeseł biurowych do naszego biura w Łodzi."));
    assert!(m.text.contains("Zależy nam na terminie do końca miesiąca."));
    let phones = phones_in_signature(&m.text);
    assert_eq!(phones, ["+48 601 234 567"]);
    assert_eq!(phone(&phones[0], "PL"), "+48601234567");
    assert_eq!(ignore_reason(&m, &own()), None);
}

#[test]
fn russian_koi8_r() {
    let m = fixture("04-ru-koi8-r.eml");
    assert_eq!(m.subject.as_deref(), Some("Запрос коммерческого предложения"));
    assert_eq!(m.from_name.as_deref(), Some("Иван Петров"));
    assert_eq!(m.from_address.as_deref(), Some("ivan.petrov@example.ru"));
    assert!(m.text.starts_with("Здравствуйте!"));
    assert!(m.text.contains("Просим прислать коммерческое предложение на поставку офисной мебели"));
    let phones = phones_in_signature(&m.text);
    assert_eq!(phones, ["+7 (495) 123-45-67"]);
    assert_eq!(phone(&phones[0], "CZ"), "+74951234567");
}

#[test]
fn russian_windows_1251_base64_with_a_split_subject() {
    let m = fixture("05-ru-windows-1251-base64.eml");
    assert_eq!(m.subject.as_deref(), Some("Вопрос по доставке в Москву"));
    assert_eq!(m.from_name.as_deref(), Some("Ольга Смирнова"));
    assert_eq!(m.reply_to.as_deref(), Some("olga.smirnova@example.ru"));
    assert!(m.text.contains("Подскажите, пожалуйста, сроки доставки в Москву и стоимость упаковки."));
    assert!(m.text.ends_with("Спасибо,\nОльга Смирнова"));
    assert!(!m.text.contains('\r'));
    assert!(phones_in_signature(&m.text).is_empty());
}

#[test]
fn hebrew_windows_1255_quoted_printable() {
    let m = fixture("06-he-windows-1255.eml");
    assert_eq!(m.subject.as_deref(), Some("בקשה להצעת מחיר"));
    assert_eq!(m.from_name.as_deref(), Some("דוד כהן"));
    assert!(m.text.contains("אנחנו מעוניינים בהצעת מחיר עבור 30 כיסאות משרדיים."));
    let phones = phones_in_signature(&m.text);
    assert_eq!(phones, ["054-765-4321"]);
    assert_eq!(phone(&phones[0], "IL"), "+972547654321");
}

#[test]
fn hebrew_iso_8859_8() {
    let m = fixture("07-he-iso-8859-8.eml");
    assert_eq!(m.subject.as_deref(), Some("שאלה לגבי ההזמנה"));
    assert_eq!(m.from_name.as_deref(), Some("מיכל לוי"));
    assert!(m.text.contains("מתי תוכלו לספק את ההזמנה שלנו?"));
    assert!(m.text.ends_with("בברכה,\nמיכל לוי"));
}

#[test]
fn html_only_is_sanitised_and_gives_the_text() {
    let m = fixture("08-html-only.eml");
    assert_eq!(m.subject.as_deref(), Some("Poptávka z webu"));
    assert_eq!(m.from_name.as_deref(), Some("Eva Svobodová"));
    assert_eq!(m.headers.content_type, "text/html");
    let html = m.html.as_deref().expect("html");
    // The words, the link and the remote image stay.
    assert!(html.contains("<p>Dobrý den,</p>"));
    assert!(html.contains("<b>nabídku</b>"));
    assert!(html.contains(r#"<a href="https://www.example.cz/produkt" rel="noopener noreferrer">tento produkt</a>"#));
    assert!(html.contains(r#"<img src="https://cdn.example.cz/foto.jpg" alt="foto">"#));
    // Nothing that runs, tracks or posts.
    for bad in [
        "<script",
        "alert(",
        "<style",
        "background",
        "onclick",
        "onload",
        "onerror",
        "steal",
        "<iframe",
        "evil.example",
        "<form",
        "<input",
        "javascript:",
        "data:image",
        "<title",
    ] {
        assert!(!html.contains(bad), "sanitised HTML still has {bad}: {html}");
    }
    assert_eq!(
        m.text,
        "Dobrý den,\n\nmám zájem o nabídku na tento produkt.\n\nFotka místa:\nklikněte zde\nS pozdravem\nEva Svobodová\nMobil: 603 111 222"
    );
    assert_eq!(phones_in_signature(&m.text), ["603 111 222"]);
    assert_eq!(phone("603 111 222", "CZ"), "+420603111222");
}

#[test]
fn attachments_with_rfc_2231_names_and_an_inline_image() {
    let m = fixture("09-attachments.eml");
    assert_eq!(m.subject.as_deref(), Some("Nabídka a fotky"));
    assert_eq!(m.from_name.as_deref(), Some("Marie Králová"));
    assert_eq!(m.text, "Dobrý den,\n\nv příloze posílám nabídku a fotku z měření.\n\nS pozdravem\nMarie Králová");
    assert!(m.html.as_deref().is_some_and(|h| h.contains(r#"<img src="cid:logo.123@example.cz" alt="logo">"#)));
    let got: Vec<(&str, &str, usize)> =
        m.attachments.iter().map(|a| (a.filename.as_str(), a.content_type.as_str(), a.data.len())).collect();
    assert_eq!(
        got,
        [("logo.png", "image/png", 70), ("nabídka žaluzie 2025.pdf", "application/pdf", 142), ("fotka z měření.jpg", "image/jpeg", 1046)]
    );
    assert!(m.attachments[0].data.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(m.attachments[1].data.starts_with(b"%PDF-1.4\n") && m.attachments[1].data.ends_with(b"%%EOF\n"));
    assert!(m.attachments[2].data.starts_with(&[0xFF, 0xD8]) && m.attachments[2].data.ends_with(&[0xFF, 0xD9]));
    assert_eq!(ignore_reason(&m, &own()), None);
}

#[test]
fn forwarded_message_is_an_attachment_and_text() {
    let m = fixture("10-forwarded.eml");
    assert_eq!(m.subject.as_deref(), Some("Fwd: Poptávka – oprava střechy"));
    assert_eq!(m.attachments.len(), 1);
    let eml = &m.attachments[0];
    assert_eq!((eml.filename.as_str(), eml.content_type.as_str()), ("forwarded.eml", "message/rfc822"));
    let inner = parse(&eml.data, LIMIT).expect("the forwarded message parses");
    assert_eq!(inner.subject.as_deref(), Some("Poptávka – oprava střechy"));
    assert_eq!(inner.from_address.as_deref(), Some("karel.vesely@example.cz"));

    let (own_text, forwarded) = m.text.split_once(FORWARDED_SEPARATOR).expect("separator line");
    assert_eq!(own_text.trim(), "Přeposílám poptávku, která přišla na můj osobní e-mail.\nMartin");
    assert_eq!(
        forwarded.trim(),
        "From: Karel Veselý <karel.vesely@example.cz>\nSubject: Poptávka – oprava střechy\n\nDobrý den,\n\n\
         potřeboval bych opravit střechu na rodinném domě v Kolíně.\n\nKarel Veselý\ntel. 731 222 333"
    );
    assert_eq!(m.text.matches(FORWARDED_SEPARATOR).count(), 1);
    // A forward is new text for the one who forwards it.
    assert_eq!(strip_quoted(&m.text), m.text);
    assert_eq!(phones_in_signature(&m.text), ["731 222 333"]);
    assert_eq!(ignore_reason(&m, &own()), None);
}

#[test]
fn out_of_office_is_an_auto_reply() {
    let m = fixture("11-auto-reply.eml");
    assert_eq!(m.subject.as_deref(), Some("Automatická odpověď: Vaše poptávka"));
    assert_eq!(m.headers.auto_submitted.as_deref(), Some("auto-replied"));
    // RFC 3834 auto-replies come with a null return path, yet they are auto-replies, not bounces.
    assert_eq!(m.headers.return_path.as_deref(), Some(""));
    assert_eq!(ignore_reason(&m, &own()).as_deref(), Some("auto-reply (Auto-Submitted: auto-replied)"));
    assert_eq!(lead_tag(&m.recipients), Some(17));
    assert_eq!(m.in_reply_to.iter().find_map(|id| lead_of_message_id(id)), Some(17));
    assert!(phones_in_signature(&m.text).is_empty(), "the 800 number in the sentence is not a signature phone");
}

#[test]
fn delivery_status_report_is_a_bounce() {
    let m = fixture("12-bounce.eml");
    assert_eq!(m.from_address.as_deref(), Some("mailer-daemon@mx.firma.cz"));
    assert_eq!(m.headers.content_type, "multipart/report");
    assert_eq!(m.headers.report_type.as_deref(), Some("delivery-status"));
    assert_eq!(m.headers.return_path.as_deref(), Some(""));
    assert_eq!(ignore_reason(&m, &own()).as_deref(), Some("bounce (Content-Type: multipart/report; report-type=delivery-status)"));
    assert!(m.text.starts_with("This is the mail system at host mx.firma.cz."));
    // The returned message's own X-Pronto-Key is inside, not on the bounce: not a loop.
    assert_eq!(m.headers.x_pronto_key, None);
    assert!(m.attachments.iter().any(|a| a.filename == "forwarded.eml"));

    // Without the report structure the sender still marks it.
    let mut plain = m.clone();
    plain.headers.content_type = "text/plain".into();
    assert_eq!(ignore_reason(&plain, &own()).as_deref(), Some("bounce (from mailer-daemon@mx.firma.cz)"));
}

#[test]
fn mailing_list_post() {
    let m = fixture("13-list.eml");
    assert_eq!(m.headers.list_id.as_deref(), Some("novinky.dodavatel.cz"));
    assert!(m.headers.list_unsubscribe);
    assert_eq!(m.headers.precedence.as_deref(), Some("list"));
    assert_eq!(ignore_reason(&m, &own()).as_deref(), Some("mailing list (List-Id: novinky.dodavatel.cz)"));
    assert_eq!(m.text, "Novinky v březnu\n\nNaše jarní akce: slevy až 30 % na všechny markýzy.");
    assert!(m.html.as_deref().is_some_and(|h| h.starts_with("<h1>Novinky v březnu</h1>")));
}

#[test]
fn reply_to_pronto_mail_names_its_lead() {
    let m = fixture("14-reply-lead42.eml");
    assert_eq!(m.subject.as_deref(), Some("Re: Poptávka žaluzií"));
    assert_eq!(m.in_reply_to, ["pronto.lead42.abc@firma.cz"]);
    assert_eq!(m.references, ["20250303101500.12345@mail.example.cz", "pronto.lead42.abc@firma.cz"]);
    assert_eq!(m.message_id.as_deref(), Some("CAF=reply.777@mail.gmail.com"));
    assert_eq!(m.recipients, ["inbox+lead42@firma.cz"]);
    assert_eq!(lead_tag(&m.recipients), Some(42));
    assert_eq!(lead_of_message_id(&m.in_reply_to[0]), Some(42));
    assert_eq!(m.references.iter().filter_map(|id| lead_of_message_id(id)).collect::<Vec<_>>(), [42]);
    assert!(m.text.contains("> posíláme nabídku na 12 žaluzií za 48 000 Kč."));
    assert_eq!(
        strip_quoted(&m.text),
        "Dobrý den,\n\nděkuji za nabídku. Termín montáže 15. 4. 2025 nám vyhovuje, objednáváme.\n\nJan Novák"
    );
    assert_eq!(ignore_reason(&m, &own()), None);
    // What Pronto put on the mail this answers.
    assert_eq!(reply_address("inbox@firma.cz", 42), "inbox+lead42@firma.cz");
    assert_eq!(message_id(42, "abc", "inbox@firma.cz"), "pronto.lead42.abc@firma.cz");
}

#[test]
fn signature_phone_but_not_dates_ibans_or_ids() {
    let m = fixture("15-signature-phone.eml");
    assert_eq!(m.subject.as_deref(), Some("Objednávka klimatizace"), "a raw UTF-8 header");
    assert!(m.text.contains("\n-- \nIng. Tomáš Procházka\n"), "the signature delimiter keeps its space");
    let phones = phones_in_signature(&m.text);
    assert_eq!(phones, ["+420 777 123 456"]);
    assert_eq!(phone(&phones[0], "CZ"), "+420777123456");
    assert_eq!(ignore_reason(&m, &own()), None);
}

#[test]
fn pronto_own_mail_is_a_loop() {
    let m = fixture("16-own-mail.eml");
    assert_eq!(m.headers.x_pronto_key.as_deref(), Some("lead/42/task/3/0"));
    assert_eq!(ignore_reason(&m, &own()).as_deref(), Some("loop: Pronto's own mail (X-Pronto-Key: lead/42/task/3/0)"));
    let mut copied = m.clone();
    copied.headers.x_pronto_key = None;
    assert_eq!(ignore_reason(&copied, &own()).as_deref(), Some("loop: sent from our own address inbox@firma.cz"));
    assert_eq!(ignore_reason(&copied, &[]), None);
    assert_eq!(m.message_id.as_deref().and_then(lead_of_message_id), Some(42));
}

#[test]
fn binary_junk_is_not_a_message() {
    let err = parse(&raw("17-malformed.eml"), LIMIT).expect_err("junk");
    assert_eq!(err, ParseError::NotAMessage("it does not start with a header field".into()));
    assert_eq!(err.to_string(), "not an e-mail message: it does not start with a header field");
    assert!(matches!(parse(b"", LIMIT), Err(ParseError::NotAMessage(_))));
    assert!(matches!(parse(b"\r\n\r\n", LIMIT), Err(ParseError::NotAMessage(_))));
}

#[test]
fn over_the_limit_is_too_large() {
    let bytes = raw("09-attachments.eml");
    let err = parse(&bytes, 1000).expect_err("too large");
    assert_eq!(err, ParseError::TooLarge { size: bytes.len(), limit: 1000 });
    assert_eq!(err.to_string(), format!("the message is {} bytes, more than the limit of 1000 bytes", bytes.len()));
    assert!(parse(&bytes, bytes.len()).is_ok(), "exactly at the limit is fine");
}

#[test]
fn inquiries_and_non_inquiries() {
    let ignored = ["11-auto-reply.eml", "12-bounce.eml", "13-list.eml", "16-own-mail.eml"];
    for (name, bytes) in all_fixtures() {
        let Ok(m) = parse(&bytes, LIMIT) else {
            assert_eq!(name, "17-malformed.eml");
            continue;
        };
        let reason = ignore_reason(&m, &own());
        assert_eq!(reason.is_some(), ignored.contains(&name.as_str()), "{name}: {reason:?}");
    }
}

/// A small deterministic generator (xorshift64*), enough for junk.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// Everything the worker does with a message, so that any panic would surface.
fn exercise(bytes: &[u8]) {
    if let Ok(m) = parse(bytes, LIMIT) {
        let _ = ignore_reason(&m, &own());
        let _ = lead_tag(&m.recipients);
        let _ = m.in_reply_to.iter().chain(&m.references).filter_map(|id| lead_of_message_id(id)).count();
        let new = strip_quoted(&m.text);
        let _ = phones_in_signature(&new);
        if let Some(from) = &m.from_address {
            let _ = message_id(1, "x", from);
            let _ = reply_address(from, 1);
        }
    }
}

#[test]
fn no_input_panics() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static PANICS: AtomicUsize = AtomicUsize::new(0);
    const THREAD: &str = "parse-fuzz";
    // `parse` guards mail-parser with catch_unwind; count panics anyway, so that one caught in
    // there fails this test too.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some(THREAD) {
            PANICS.fetch_add(1, Ordering::SeqCst);
        }
        previous(info);
    }));

    let worker = std::thread::Builder::new()
        .name(THREAD.into())
        .spawn(|| {
            let fixtures = all_fixtures();
            let mut rng = Rng(0x5eed_1234_abcd_ef01);
            for (_, bytes) in &fixtures {
                // Truncated at every 1/32 of the message and near the start and the end.
                let mut cuts: Vec<usize> = (0..=32).map(|k| bytes.len() * k / 32).collect();
                cuts.extend((0..40).map(|k| k.min(bytes.len())));
                cuts.extend((0..40).map(|k| bytes.len().saturating_sub(k)));
                for cut in cuts {
                    exercise(&bytes[..cut]);
                }
                // Random bytes overwritten, inserted and removed.
                for _ in 0..150 {
                    let mut b = bytes.clone();
                    for _ in 0..1 + rng.below(8) {
                        let at = rng.below(b.len());
                        match rng.below(3) {
                            0 if !b.is_empty() => b[at] = rng.next() as u8,
                            1 => b.insert(at, [b'\n', b'-', b'=', b'<', b'>', b':', b';', b'"', 0, 0xff][rng.below(10)]),
                            _ if !b.is_empty() => {
                                b.remove(at);
                            }
                            _ => {}
                        }
                    }
                    exercise(&b);
                }
            }
            // Pure junk, and junk behind a plausible header block.
            for _ in 0..1000 {
                let n = rng.below(3000);
                exercise(&rng.bytes(n));
                let mut b = b"From: a@b.cz\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n".to_vec();
                b.extend(rng.bytes(n));
                exercise(&b);
            }
        })
        .expect("spawn");
    assert!(worker.join().is_ok(), "the fuzz thread panicked outside parse");
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a panic happened (and was caught) while reading junk");
}

#[test]
fn large_hostile_inputs_stay_linear() {
    let started = std::time::Instant::now();
    let mut big = b"From: a@b.cz\r\nSubject: x\r\nTo: ".to_vec();
    big.extend((0..20_000).map(|i| format!("u{i}@example.cz, ")).collect::<String>().into_bytes());
    big.extend_from_slice(b"x@y.cz\r\n\r\n");
    big.extend(std::iter::repeat_n(b'\n', 500_000));
    big.extend("777 123 456, ".repeat(20_000).into_bytes());
    big.extend_from_slice(b"\n-- \n");
    big.extend("tel 777 123 456 ".repeat(5_000).into_bytes());
    let m = parse(&big, 4 << 20).expect("parses");
    assert_eq!(m.recipients.len(), 20_001);
    let new = strip_quoted(&m.text);
    let _ = phones_in_signature(&new);
    let _ = phones_in_signature(&"\n".repeat(300_000));
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "took {:?}", started.elapsed());
}
