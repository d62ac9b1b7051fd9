//! The invoice and the contract PDFs (issue 21): rendered in each language and read back with
//! poppler's `pdftotext`: the labels of the language, the number, the payment reference, the
//! bank details, the seller and the buyer, the amounts; Hebrew right to left; the same
//! document gives the same bytes; user text is printed literally.

use std::process::Command;

use pronto_documents::{
    BankDetails, Company, ContractDocument, Customer, InvoiceDocument, Language, OfferLine, Totals, VatSummaryRow, contract_pdf,
    invoice_labels, invoice_pdf,
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
    s.to_lowercase().chars().filter(|c| !c.is_whitespace() && !matches!(c, '.' | ',')).collect()
}

fn company() -> Company {
    Company {
        name: "Studio Pronto".into(),
        address_lines: vec!["Dlouhá 1".into(), "110 00 Praha".into()],
        company_id: "12345678".into(),
        vat_id: "CZ12345678".into(),
        phone: "+420 222 333 444".into(),
        email: "hello@studio.example".into(),
        web: String::new(),
        logo: None,
    }
}

fn customer() -> Customer {
    Customer {
        name: "Petr Malý".into(),
        company: "Malý obchod s.r.o.".into(),
        address_lines: vec!["Krátká 2, Brno".into(), "IČO 27074358".into()],
    }
}

fn lines() -> Vec<OfferLine> {
    vec![
        OfferLine {
            name: "Website #1 *bold* $x$".into(),
            quantity: "1".into(),
            unit_price: "20,000.00".into(),
            vat_rate: "21 %".into(),
            total: "20,000.00".into(),
            ..Default::default()
        },
        OfferLine {
            name: "Training".into(),
            quantity: "2 h".into(),
            unit_price: "2,500.00".into(),
            vat_rate: "12 %".into(),
            total: "5,000.00".into(),
            ..Default::default()
        },
    ]
}

fn totals() -> Totals {
    Totals { net: "25,000.00".into(), vat: "4,800.00".into(), gross: "29,800.00".into(), currency: "CZK".into() }
}

fn bank() -> BankDetails {
    BankDetails { account: "123456789/0800".into(), iban: "CZ6508000000192000145399".into(), bic: "GIBACZPX".into() }
}

fn invoice(language: Language) -> InvoiceDocument {
    InvoiceDocument {
        language,
        company: company(),
        customer: customer(),
        number: "20310007".into(),
        variable_symbol: "20310007".into(),
        issued: "6 May 2031".into(),
        due: "16 May 2031".into(),
        delivery: "20 May 2031".into(),
        bank: bank(),
        lines: lines(),
        vat_summary: vec![
            VatSummaryRow { rate: "12 %".into(), base: "5,000.00".into(), vat: "600.00".into(), gross: "5,600.00".into() },
            VatSummaryRow { rate: "21 %".into(), base: "20,000.00".into(), vat: "4,200.00".into(), gross: "24,200.00".into() },
        ],
        totals: totals(),
    }
}

fn contract(language: Language) -> ContractDocument {
    ContractDocument {
        language,
        company: company(),
        customer: customer(),
        number: "20310007".into(),
        variable_symbol: "20310007".into(),
        date: "6 May 2031".into(),
        due: "16 May 2031".into(),
        delivery: String::new(),
        bank: bank(),
        lines: lines(),
        totals: totals(),
    }
}

#[test]
fn each_language_prints_the_invoice_with_its_payment_details() {
    for language in Language::ALL {
        let pdf = invoice_pdf(&invoice(language)).unwrap_or_else(|e| panic!("{language:?}: {e}"));
        assert!(pdf.starts_with(b"%PDF-"));
        let text = compact(&pdf_text(&pdf));
        let l = invoice_labels(language);
        for want in [
            l.invoice,
            l.due,
            l.variable_symbol,
            l.to_pay,
            "20310007",
            "Studio Pronto",
            "CZ12345678",
            "Malý obchod s.r.o.",
            "Petr Malý",
            "IČO 27074358",
            "CZ6508000000192000145399",
            "123456789/0800",
            "29,800.00 CZK",
            "16 May 2031",
            "Website #1 *bold* $x$",
        ] {
            assert!(text.contains(&compact(want)), "{language:?}: {want:?} is not in\n{}", pdf_text(&pdf));
        }
        assert_eq!(invoice_pdf(&invoice(language)).unwrap(), pdf, "{language:?}: the same invoice gives the same bytes");
    }
}

#[test]
fn each_language_prints_the_contract_with_the_parties_and_the_price() {
    for language in Language::ALL {
        let pdf = contract_pdf(&contract(language)).unwrap_or_else(|e| panic!("{language:?}: {e}"));
        let text = compact(&pdf_text(&pdf));
        let l = invoice_labels(language);
        for want in [
            l.contract,
            l.parties,
            l.seller,
            l.buyer,
            l.delivery_agreed,
            l.signature_buyer,
            "20310007",
            "Malý obchod s.r.o.",
            "IČO 27074358",
            "Studio Pronto",
            "12345678",
            "29,800.00 CZK",
            "Training",
        ] {
            assert!(text.contains(&compact(want)), "{language:?}: {want:?} is not in\n{}", pdf_text(&pdf));
        }
        assert_eq!(contract_pdf(&contract(language)).unwrap(), pdf, "{language:?}: reproducible");
    }
}

#[test]
fn the_invoice_and_the_contract_differ_and_no_english_in_czech() {
    let inv = pdf_text(&invoice_pdf(&invoice(Language::Cs)).unwrap()).to_lowercase();
    let con = pdf_text(&contract_pdf(&contract(Language::Cs)).unwrap()).to_lowercase();
    assert!(inv.contains("faktura") && inv.contains("variabilní symbol"), "{inv}");
    assert!(con.contains("smlouva") && con.contains("smluvní strany"), "{con}");
    for english in ["invoice", "payment reference", "contract", "the parties"] {
        assert!(!inv.contains(english) && !con.contains(english), "{english} in a Czech document");
    }
}
