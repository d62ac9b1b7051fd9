//! From an `OfferDocument` to PDF bytes: the data goes to the template as a JSON file (so no
//! user text is ever parsed as typst markup), typst lays it out, typst-pdf writes the PDF with
//! no date and an identifier made from the offer itself (same offer, same bytes).

use serde::Serialize;
use typst::diag::SourceDiagnostic;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::document::{Direction, OfferDocument, OfferLine, VatSummaryRow};
use crate::fonts::FAMILY;
use crate::labels::{Labels, labels};
use crate::world::{LOGO_PATH, OfferWorld};
use crate::DocumentError;

/// The template, compiled into the binary.
const TEMPLATE: &str = include_str!("offer.typ");

/// How many compilations a cached typst result survives unused (typst memoizes globally).
const CACHE_MAX_AGE: usize = 10;

/// What the template reads from `/data.json`.
#[derive(Serialize)]
struct View<'a> {
    lang: &'static str,
    rtl: bool,
    font: &'static str,
    labels: &'static Labels,
    validity: String,
    company: CompanyView<'a>,
    customer: CustomerView<'a>,
    heading: HeadingView<'a>,
    lines: Vec<LineView<'a>>,
    vat_summary: Vec<VatView<'a>>,
    totals: TotalsView<'a>,
    texts: TextsView<'a>,
}

#[derive(Serialize)]
struct CompanyView<'a> {
    name: &'a str,
    address_lines: &'a [String],
    company_id: &'a str,
    vat_id: &'a str,
    phone: &'a str,
    email: &'a str,
    web: &'a str,
    /// `null` without a logo, else the path and typst's name of the format.
    logo: Option<LogoView>,
}

#[derive(Serialize)]
struct LogoView {
    path: &'static str,
    format: &'static str,
}

#[derive(Serialize)]
struct CustomerView<'a> {
    name: &'a str,
    company: &'a str,
    address_lines: &'a [String],
}

#[derive(Serialize)]
struct HeadingView<'a> {
    title: &'a str,
    number: &'a str,
    version: u32,
    issued: &'a str,
    valid_until: &'a str,
    delivery: &'a str,
}

#[derive(Serialize)]
struct LineView<'a> {
    position: usize,
    name: &'a str,
    sku: &'a str,
    quantity: &'a str,
    unit_price: &'a str,
    discount: &'a str,
    vat_rate: &'a str,
    total: &'a str,
    availability: &'a str,
}

#[derive(Serialize)]
struct VatView<'a> {
    rate: &'a str,
    base: &'a str,
    vat: &'a str,
    gross: &'a str,
}

#[derive(Serialize)]
struct TotalsView<'a> {
    net: &'a str,
    vat: &'a str,
    gross: &'a str,
    currency: &'a str,
}

#[derive(Serialize)]
struct TextsView<'a> {
    cooperation: &'a str,
    customer_provides: &'a str,
    we_do: &'a str,
    note: &'a str,
}

fn line_view((index, line): (usize, &OfferLine)) -> LineView<'_> {
    LineView {
        position: index + 1,
        name: &line.name,
        sku: &line.sku,
        quantity: &line.quantity,
        unit_price: &line.unit_price,
        discount: &line.discount,
        vat_rate: &line.vat_rate,
        total: &line.total,
        availability: &line.availability,
    }
}

fn vat_view(row: &VatSummaryRow) -> VatView<'_> {
    VatView { rate: &row.rate, base: &row.base, vat: &row.vat, gross: &row.gross }
}

fn view(doc: &OfferDocument) -> View<'_> {
    let words = labels(doc.language);
    View {
        lang: doc.language.code(),
        rtl: doc.language.direction() == Direction::RightToLeft,
        font: FAMILY,
        labels: words,
        validity: words.validity.replace("{date}", &doc.heading.valid_until),
        company: CompanyView {
            name: &doc.company.name,
            address_lines: &doc.company.address_lines,
            company_id: &doc.company.company_id,
            vat_id: &doc.company.vat_id,
            phone: &doc.company.phone,
            email: &doc.company.email,
            web: &doc.company.web,
            logo: doc
                .company
                .logo
                .as_ref()
                .map(|logo| LogoView { path: LOGO_PATH, format: logo.format.typst_name() }),
        },
        customer: CustomerView {
            name: &doc.customer.name,
            company: &doc.customer.company,
            address_lines: &doc.customer.address_lines,
        },
        heading: HeadingView {
            title: &doc.heading.title,
            number: &doc.heading.number,
            version: doc.heading.version,
            issued: &doc.heading.issued,
            valid_until: &doc.heading.valid_until,
            delivery: &doc.heading.delivery,
        },
        lines: doc.lines.iter().enumerate().map(line_view).collect(),
        vat_summary: doc.vat_summary.iter().map(vat_view).collect(),
        totals: TotalsView {
            net: &doc.totals.net,
            vat: &doc.totals.vat,
            gross: &doc.totals.gross,
            currency: &doc.totals.currency,
        },
        texts: TextsView {
            cooperation: &doc.texts.cooperation,
            customer_provides: &doc.texts.customer_provides,
            we_do: &doc.texts.we_do,
            note: &doc.texts.note,
        },
    }
}

/// A stable identifier for the PDF, made from the offer (typst-pdf hashes it into the file's
/// `/ID`), so that the same offer gives the same bytes.
fn ident(doc: &OfferDocument) -> String {
    format!(
        "pronto-offer:{}:{}:{}",
        doc.heading.number,
        doc.heading.version,
        doc.language.code()
    )
}

fn messages(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join("; ")
}

/// Lays the offer out and writes it as PDF.
pub fn offer_pdf(doc: &OfferDocument) -> Result<Vec<u8>, DocumentError> {
    let data = serde_json::to_vec(&view(doc)).map_err(|e| DocumentError::Data(e.to_string()))?;
    let logo = doc.company.logo.as_ref().map(|logo| logo.bytes.clone());
    let world = OfferWorld::new(TEMPLATE, data, logo);
    let compiled = typst::compile::<PagedDocument>(&world).output;
    let result = compiled.map_err(|errors| DocumentError::Layout(messages(&errors))).and_then(
        |document| {
            let options = PdfOptions {
                ident: Smart::Custom(ident(doc)),
                creator: Smart::Custom(Some("Pronto".into())),
                timestamp: None,
                ..PdfOptions::default()
            };
            typst_pdf::pdf(&document, &options)
                .map_err(|errors| DocumentError::Pdf(messages(&errors)))
        },
    );
    typst::comemo::evict(CACHE_MAX_AGE);
    result
}
