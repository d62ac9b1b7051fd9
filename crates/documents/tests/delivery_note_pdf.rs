//! The delivery note and the VAT invoice (issue 21, delivery): rendered in each language and read
//! back with poppler's `pdftotext` — the labels of the language, the number, the day, the
//! address, the driver, the supplier and the recipient, the goods and their quantities, the
//! signatures; Hebrew right to left; the same document gives the same bytes; user text is
//! printed literally. The VAT invoice is the invoice titled as one.

use std::process::Command;

use pronto_documents::{
    BankDetails, Company, Customer, DeliveryNoteDocument, DeliveryNoteLine, InvoiceDocument, Language, OfferLine, Totals,
    delivery_note_labels, delivery_note_pdf, invoice_labels, invoice_pdf, vat_invoice_pdf,
};

fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    let raw = String::from_utf8(out.stdout).unwrap();
    let plain: String =
        raw.chars().filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')).collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower case, without spaces and full stops: headings are printed in capitals, and right to
/// left pdftotext may move a space or a full stop at a change of direction.
fn compact(s: &str) -> String {
    s.to_lowercase().chars().filter(|c| !c.is_whitespace() && !matches!(c, '.' | ',' | ':' | '(' | ')')).collect()
}

fn company() -> Company {
    Company {
        name: "Studio Pronto".into(),
        address_lines: vec!["Dlouhá 1".into(), "110 00 Praha".into()],
        company_id: "12345678".into(),
        vat_id: "CZ12345678".into(),
        phone: "+420 222 333 444".into(),
        email: String::new(),
        web: String::new(),
        logo: None,
    }
}

fn note(language: Language) -> DeliveryNoteDocument {
    DeliveryNoteDocument {
        language,
        company: company(),
        customer: Customer {
            name: "Petr Malý".into(), company: "Malý obchod s.r.o.".into(), address_lines: vec!["+420777123456".into()]
        },
        number: "2031-0005".into(),
        date: "8 May 2031".into(),
        address: "Krátká 2, Brno".into(),
        driver: "Pavel Novák".into(),
        invoice: "20310007".into(),
        lines: vec![
            DeliveryNoteLine { name: "Boiler #1 *bold* $x$".into(), sku: "B-100".into(), quantity: "2 pcs".into() },
            DeliveryNoteLine { name: "Valve".into(), sku: String::new(), quantity: "10 pcs".into() },
        ],
    }
}

#[test]
fn each_language_prints_the_delivery_note() {
    for language in Language::ALL {
        let pdf = delivery_note_pdf(&note(language)).unwrap_or_else(|e| panic!("{language:?}: {e}"));
        assert!(pdf.starts_with(b"%PDF-"));
        let text = compact(&pdf_text(&pdf));
        let l = delivery_note_labels(language);
        for want in [
            l.title,
            l.date,
            l.address,
            l.driver,
            l.supplier,
            l.recipient,
            l.quantity,
            l.handed_over,
            l.received,
            "2031-0005",
            "8 May 2031",
            "Krátká 2, Brno",
            "Pavel Novák",
            "20310007",
            "Studio Pronto",
            "Malý obchod s.r.o.",
            "Petr Malý",
            "Boiler #1 *bold* $x$",
            "B-100",
            "10 pcs",
        ] {
            assert!(text.contains(&compact(want)), "{language:?}: {want:?} is not in\n{}", pdf_text(&pdf));
        }
        assert_eq!(delivery_note_pdf(&note(language)).unwrap(), pdf, "{language:?}: the same note gives the same bytes");
    }
}

#[test]
fn the_labels_differ_by_language() {
    let titles: std::collections::BTreeSet<&str> = Language::ALL.iter().map(|l| delivery_note_labels(*l).title).collect();
    assert_eq!(titles.len(), Language::ALL.len());
    assert_eq!(delivery_note_labels(Language::He).title, "תעודת משלוח");
}

#[test]
fn the_vat_invoice_is_the_invoice_titled_as_one() {
    for language in Language::ALL {
        let doc = InvoiceDocument {
            language,
            company: company(),
            customer: Customer { name: "Petr Malý".into(), company: String::new(), address_lines: vec![] },
            number: "20310007".into(),
            variable_symbol: "20310007".into(),
            issued: "6 May 2031".into(),
            due: "16 May 2031".into(),
            delivery: String::new(),
            bank: BankDetails::default(),
            lines: vec![OfferLine {
                name: "Boiler".into(),
                quantity: "1".into(),
                unit_price: "100.00".into(),
                vat_rate: "21 %".into(),
                total: "100.00".into(),
                ..Default::default()
            }],
            vat_summary: vec![],
            totals: Totals { net: "100.00".into(), vat: "21.00".into(), gross: "121.00".into(), currency: "CZK".into() },
        };
        let vat = vat_invoice_pdf(&doc).unwrap();
        let plain = invoice_pdf(&doc).unwrap();
        assert_ne!(vat, plain);
        let l = invoice_labels(language);
        let text = compact(&pdf_text(&vat));
        assert!(text.contains(&compact(&format!("{} 20310007", l.vat_invoice))), "{language:?}: {}", pdf_text(&vat));
        assert!(text.contains(&compact("121.00 CZK")), "{language:?}");
    }
}
