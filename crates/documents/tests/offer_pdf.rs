//! The offer PDF (issue 20, item 3): rendered in each language and read back with Debian's
//! `pdftotext` (package poppler-utils), the text checked for the labels, the company, the lines
//! and the totals; Hebrew right to left and in logical order; the same offer gives the same
//! bytes; user text is printed literally; a long offer breaks across pages with its header.

mod sample;

use std::process::Command;

use pronto_documents::{DocumentError, Language, Logo, LogoFormat, OfferDocument, labels, offer_pdf};

/// Runs poppler's `pdftotext` with `args` on the PDF and returns what it printed.
fn poppler(pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("offer.pdf");
    std::fs::write(&path, pdf).expect("the PDF written to the temporary directory");
    let output = Command::new("pdftotext").args(args).arg(&path).arg("-").output().unwrap_or_else(|error| {
        panic!(
            "these tests read the PDF's text with `pdftotext` from Debian's poppler-utils \
                 (apt-get install poppler-utils): {error}"
        )
    });
    assert!(output.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("pdftotext prints UTF-8")
}

/// How many raster images the PDF holds (poppler's `pdfimages -list`: two lines of heading).
fn images(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("offer.pdf");
    std::fs::write(&path, pdf).expect("the PDF written to the temporary directory");
    let output = Command::new("pdfimages").arg("-list").arg(&path).output().expect("pdfimages (poppler-utils) runs");
    assert!(output.status.success(), "pdfimages failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).lines().skip(2).filter(|l| !l.trim().is_empty()).count()
}

/// The PDF's text, pages separated by a form feed, every run of spaces and newlines one space.
fn pdf_text(pdf: &[u8]) -> String {
    let raw = poppler(pdf, &["-enc", "UTF-8"]);
    raw.split('\u{c}').map(|page| page.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\u{c}")
}

fn render(doc: &OfferDocument) -> Vec<u8> {
    offer_pdf(doc).unwrap_or_else(|error| panic!("the offer renders: {error}"))
}

/// Unicode's direction marks and embeddings: pdftotext puts them around the runs of a
/// right-to-left page, typst's isolates may come through; they are not text.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The text to compare: without direction marks, lower case, runs of spaces as one space.
fn comparable(text: &str) -> String {
    let plain: String = text.chars().filter(|c| !is_bidi_control(*c)).collect();
    plain.to_lowercase().split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// For a right-to-left page: pdftotext keeps the logical order of the words but moves a space
/// or a full stop next to a change of direction ("17 בדצמבר 2026." comes out as
/// "17בדצמבר .2026"), so spaces and the marks `.` `,` are left out of the comparison.
fn compact(text: &str) -> String {
    comparable(text).chars().filter(|c| !c.is_whitespace() && !matches!(c, '.' | ',')).collect()
}

fn is_hebrew(text: &str) -> bool {
    text.chars().any(|c| ('\u{5d0}'..='\u{5ea}').contains(&c))
}

fn assert_contains(text: &str, wanted: &str, what: &str) {
    let found = comparable(text).contains(&comparable(wanted)) || (is_hebrew(text) && compact(text).contains(&compact(wanted)));
    assert!(found, "{what}: {wanted:?} is missing from the PDF's text:\n{}", comparable(text));
}

#[test]
fn each_language_prints_its_labels_company_lines_and_totals() {
    for language in Language::ALL {
        let doc = sample::offer(language);
        let text = pdf_text(&render(&doc));
        let l = labels(language);
        let what = format!("{language:?}");
        for label in [
            l.offer,
            l.number,
            l.version,
            l.issued,
            l.valid_until,
            l.delivery,
            l.prepared_for,
            l.company_id,
            l.vat_id,
            l.phone,
            l.email,
            l.web,
            l.item,
            l.sku,
            l.quantity,
            l.unit_price,
            l.discount,
            l.vat_rate,
            l.line_total,
            l.vat_summary,
            l.rate,
            l.base,
            l.vat,
            l.gross,
            l.total_net,
            l.total_vat,
            l.total_gross,
            l.cooperation,
            l.customer_provides,
            l.we_do,
            l.note,
            l.page,
        ] {
            assert_contains(&text, label, &format!("{what} label"));
        }
        assert_contains(&text, &l.validity.replace("{date}", &doc.heading.valid_until), &what);
        for value in [
            sample::COMPANY,
            "27074358",
            "CZ27074358",
            "obchod@acme.example",
            &doc.customer.name,
            &doc.customer.company,
            &doc.customer.address_lines[0],
            &doc.heading.title,
            &doc.heading.number,
            &doc.heading.issued,
            &doc.heading.delivery,
            "WEB-DESIGN-01",
            "HOST-12M",
            "10 %",
            &doc.totals.net,
            &doc.totals.vat,
            &doc.totals.gross,
            "CZK",
        ] {
            assert_contains(&text, value, &what);
        }
        for line in &doc.lines {
            assert_contains(&text, &line.name, &what);
            assert_contains(&text, &line.quantity, &what);
            assert_contains(&text, &line.unit_price, &what);
            assert_contains(&text, &line.total, &what);
        }
        for availability in [sample::words(language).in_stock, sample::words(language).on_order] {
            assert_contains(&text, availability, &what);
        }
        for row in &doc.vat_summary {
            assert_contains(&text, &row.base, &what);
            assert_contains(&text, &row.vat, &what);
        }
        // The texts, line by line (paragraphs and line breaks are kept as written).
        for text_line in doc.texts.cooperation.lines().filter(|l| !l.is_empty()) {
            assert_contains(&text, text_line, &what);
        }
    }
}

#[test]
fn no_english_words_in_the_other_languages() {
    let english = labels(Language::En);
    let words = [
        english.offer,
        english.valid_until,
        english.unit_price,
        english.quantity,
        english.total_gross,
        english.prepared_for,
        english.cooperation,
        english.we_do,
        english.page,
    ];
    for language in [Language::Cs, Language::Ru, Language::Pl, Language::He] {
        let text = pdf_text(&render(&sample::offer(language))).to_lowercase();
        for word in words {
            assert!(!text.contains(&word.to_lowercase()), "{language:?}: the English {word:?} is in the PDF:\n{text}");
        }
    }
}

#[test]
fn hebrew_is_read_in_logical_order_with_the_latin_company_name_intact() {
    let doc = sample::offer(Language::He);
    let text = pdf_text(&render(&doc));
    let l = labels(Language::He);
    for wanted in [l.offer, l.total_gross, l.valid_until, &doc.customer.name, &doc.customer.company] {
        assert_contains(&text, wanted, "Hebrew in logical order");
        let reversed: String = wanted.chars().rev().collect();
        assert!(!text.contains(&reversed), "{wanted:?} is printed reversed:\n{text}");
    }
    assert_contains(&text, sample::COMPANY, "the Latin company name in the Hebrew document");
}

/// The horizontal middle of the first word `word` on the first page, in points.
fn word_x(pdf: &[u8], word: &str) -> f64 {
    let html = poppler(pdf, &["-bbox", "-f", "1", "-l", "1", "-enc", "UTF-8"]);
    let tag = html
        .lines()
        .find(|line| line.contains("<word ") && line.contains(&format!(">{word}</word>")))
        .unwrap_or_else(|| panic!("{word:?} is not a word on the first page:\n{html}"));
    let attribute = |name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).expect("a bbox attribute") + name.len() + 2;
        let end = start + tag[start..].find('"').expect("the attribute's end");
        tag[start..end].parse().expect("a number")
    };
    (attribute("xMin") + attribute("xMax")) / 2.0
}

#[test]
fn the_layout_follows_the_direction_of_the_language() {
    // A4 is 595 points wide. The word "Offer" heads the end side of the page: on the right in a
    // left-to-right language, on the left in Hebrew; the customer's name is on the start side.
    const MIDDLE: f64 = 595.0 / 2.0;
    let english = render(&sample::offer(Language::En));
    assert!(word_x(&english, "Offer") > MIDDLE, "English: \"Offer\" is on the right");
    assert!(word_x(&english, "Jane") < MIDDLE, "English: the customer is on the left");
    // pdftotext's word boxes give each Hebrew word's letters in the order they are drawn, from
    // left to right, that is reversed.
    let hebrew = render(&sample::offer(Language::He));
    assert!(word_x(&hebrew, "תעצה") < MIDDLE, "Hebrew: the title (הצעת) is on the left");
    assert!(word_x(&hebrew, "הנד") > MIDDLE, "Hebrew: the customer (דנה) is on the right");
}

#[test]
fn the_same_offer_gives_the_same_bytes() {
    for language in [Language::Cs, Language::He] {
        let doc = sample::offer(language);
        let first = render(&doc);
        let second = render(&doc.clone());
        assert!(first == second, "{language:?}: two renderings of one offer differ");
        let raw = String::from_utf8_lossy(&first);
        assert!(!raw.contains("CreationDate"), "the PDF carries no creation date");
    }
    // Another version of the offer is another document.
    let mut next = sample::offer(Language::Cs);
    let first = render(&next);
    next.heading.version += 1;
    assert!(render(&next) != first, "a new version gives a new PDF");
}

#[test]
fn user_text_is_printed_literally_never_run_as_markup() {
    let tricky = [
        "#panic(\"x\")",
        "*bold* $x$ _under_",
        "#set text(size: 40pt) <label> @ref",
        "[brackets] \\backslash // not a comment",
        "\"quotes\" & <b>html</b>",
    ];
    let mut doc = sample::offer(Language::En);
    doc.customer.name = tricky[0].into();
    doc.company.name = tricky[1].into();
    doc.lines[0].name = tricky[2].into();
    doc.texts.note = tricky[3].into();
    doc.heading.title = tricky[4].into();
    let text = pdf_text(&render(&doc));
    for value in tricky {
        assert_contains(&text, value, "user text printed literally");
    }
}

#[test]
fn a_long_offer_breaks_across_pages_and_repeats_the_table_header() {
    let doc = sample::long_offer(Language::En, 60);
    let text = pdf_text(&render(&doc));
    let pages: Vec<&str> = text.split('\u{c}').filter(|page| !page.trim().is_empty()).collect();
    assert!(pages.len() >= 2, "60 lines take more than one page, got {}", pages.len());
    let l = labels(Language::En);
    let pages_with_lines: Vec<&&str> = pages.iter().filter(|page| page.contains("SKU-")).collect();
    assert!(pages_with_lines.len() >= 2, "the lines continue on the next page");
    for (index, page) in pages_with_lines.iter().enumerate() {
        for header in [l.item, l.quantity, l.unit_price, l.line_total] {
            assert!(page.contains(header), "page {} lacks the header {header:?}", index + 1);
        }
    }
    // Every line once, in order.
    let mut from = 0;
    for i in 1..=60 {
        let needle = format!("SKU-{i} ");
        let at = text[from..].find(&needle).unwrap_or_else(|| panic!("line {i} is missing or out of order"));
        from += at + needle.len();
    }
    let last = pages.len();
    assert!(pages[last - 1].contains(&format!("{} {last} / {last}", l.page)), "the footer counts the pages");
}

#[test]
fn a_png_jpeg_webp_or_svg_logo_and_no_logo_all_render() {
    // The company's profile stores PNG, JPEG or WebP; the documents take SVG too.
    const LOGO_JPEG: &[u8] = include_bytes!("fixtures/logo.jpg");
    const LOGO_WEBP: &[u8] = include_bytes!("fixtures/logo.webp");
    let mut doc = sample::offer(Language::Pl);
    for (logo, media_type) in [
        (Some(Logo { format: LogoFormat::Png, bytes: sample::LOGO_PNG.to_vec() }), "image/png"),
        (Some(Logo { format: LogoFormat::Jpeg, bytes: LOGO_JPEG.to_vec() }), "image/jpeg"),
        (Some(Logo { format: LogoFormat::Webp, bytes: LOGO_WEBP.to_vec() }), "image/webp"),
        (Some(Logo { format: LogoFormat::Svg, bytes: sample::LOGO_SVG.to_vec() }), "image/svg+xml"),
        (None, ""),
    ] {
        let raster = logo.as_ref().is_some_and(|l| l.format != LogoFormat::Svg);
        if let Some(l) = &logo {
            assert_eq!(LogoFormat::from_media_type(media_type), Some(l.format), "{media_type}");
        }
        doc.company.logo = logo;
        let pdf = render(&doc);
        let text = pdf_text(&pdf);
        assert_contains(&text, sample::COMPANY, "the company's name next to the logo");
        assert_eq!(images(&pdf) > 0, raster, "{media_type:?}: a raster logo is an image in the PDF, and only then");
    }
    assert_eq!(LogoFormat::from_media_type("image/gif"), None, "a format the profile does not store");
}

#[test]
fn a_logo_that_is_not_an_image_is_a_layout_error() {
    let mut doc = sample::offer(Language::En);
    doc.company.logo = Some(Logo { format: LogoFormat::Png, bytes: b"not a png".to_vec() });
    match offer_pdf(&doc) {
        Err(DocumentError::Layout(message)) => assert!(!message.is_empty()),
        other => panic!("expected a layout error, got {other:?}"),
    }
}

#[test]
fn empty_texts_and_fields_are_left_out() {
    let mut doc = sample::offer(Language::En);
    doc.texts = Default::default();
    doc.heading.delivery = String::new();
    doc.company.vat_id = String::new();
    let text = pdf_text(&render(&doc));
    let l = labels(Language::En);
    for absent in [l.cooperation, l.customer_provides, l.we_do, l.delivery, l.vat_id] {
        assert!(!text.contains(absent), "{absent:?} is printed without a value:\n{text}");
    }
    assert_contains(&text, l.total_gross, "the totals stay");
}

/// `pdfinfo`'s value for `key` (poppler-utils, like pdftotext).
fn pdf_info(pdf: &[u8], key: &str) -> Option<String> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("offer.pdf");
    std::fs::write(&path, pdf).expect("the PDF written");
    let output = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .unwrap_or_else(|error| panic!("`pdfinfo` from Debian's poppler-utils is needed (apt-get install poppler-utils): {error}"));
    assert!(output.status.success(), "pdfinfo failed");
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{key}:")).map(|v| v.trim().to_owned()))
}

#[test]
fn the_pdf_is_titled_in_the_language_and_names_the_company_but_no_date() {
    for (language, title) in [(Language::Cs, "Nabídka 2026-0042"), (Language::He, "הצעת מחיר 2026-0042")] {
        let pdf = render(&sample::offer(language));
        assert_eq!(pdf_info(&pdf, "Title").as_deref(), Some(title), "{language:?}");
        assert_eq!(pdf_info(&pdf, "Author").as_deref(), Some(sample::COMPANY), "{language:?}");
        assert_eq!(pdf_info(&pdf, "CreationDate"), None, "{language:?}: no creation date");
        assert_eq!(pdf_info(&pdf, "Pages").as_deref(), Some("1"), "{language:?}");
    }
}
