//! From an `OfferDocument` to PDF bytes: the data goes to the template as a JSON file (so no
//! user text is ever parsed as typst markup), typst lays it out, typst-pdf writes the PDF with
//! no date and an identifier made from the offer itself (same offer, same bytes).

use serde::Serialize;
use typst::diag::SourceDiagnostic;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::DocumentError;
use crate::document::{Direction, OfferDocument, OfferLine, VatSummaryRow};
use crate::fonts::FAMILY;
use crate::labels::{Labels, labels};
use crate::world::{LOGO_PATH, OfferWorld};

/// The template, compiled into the binary.
const TEMPLATE: &str = include_str!("offer.typ");

/// How many compilations a cached typst result survives unused (typst memoizes globally).
const CACHE_MAX_AGE: usize = 10;

/// What the template reads from `/data.json`.
#[derive(Serialize)]
struct View {
    lang: &'static str,
    rtl: bool,
    font: &'static str,
    labels: &'static Labels,
    validity: String,
    /// The PDF's title and author (plain, without the isolates of the printed values).
    meta: MetaView,
    company: CompanyView,
    customer: CustomerView,
    heading: HeadingView,
    lines: Vec<LineView>,
    vat_summary: Vec<VatView>,
    totals: TotalsView,
    texts: TextsView,
}

#[derive(Serialize)]
struct MetaView {
    title: String,
    author: String,
}

#[derive(Serialize)]
struct CompanyView {
    name: String,
    address_lines: Vec<String>,
    company_id: String,
    vat_id: String,
    phone: String,
    email: String,
    web: String,
    /// `null` without a logo, else the path and typst's name of the format.
    logo: Option<LogoView>,
}

#[derive(Serialize)]
struct LogoView {
    path: &'static str,
    format: &'static str,
}

#[derive(Serialize)]
struct CustomerView {
    name: String,
    company: String,
    address_lines: Vec<String>,
}

#[derive(Serialize)]
struct HeadingView {
    title: String,
    number: String,
    version: u32,
    issued: String,
    valid_until: String,
    delivery: String,
}

#[derive(Serialize)]
struct LineView {
    position: usize,
    name: String,
    sku: String,
    quantity: String,
    unit_price: String,
    discount: String,
    vat_rate: String,
    total: String,
    availability: String,
}

#[derive(Serialize)]
struct VatView {
    rate: String,
    base: String,
    vat: String,
    gross: String,
}

#[derive(Serialize)]
struct TotalsView {
    /// Each amount with its currency.
    net: String,
    vat: String,
    gross: String,
}

#[derive(Serialize)]
struct TextsView {
    cooperation: String,
    customer_provides: String,
    we_do: String,
    note: String,
}

/// A short value (a name, an address line, an amount, a date) wrapped in Unicode's "first
/// strong isolate" (U+2068 … U+2069): it keeps its own direction inside a paragraph of the other
/// direction, like HTML's `dir="auto"` (a Latin address stays in order in a Hebrew document, a
/// Hebrew name in an English one). Empty stays empty, so the template can leave it out.
pub(crate) fn isolated(value: &str) -> String {
    let value = value.trim();
    if value.is_empty() { String::new() } else { format!("\u{2068}{value}\u{2069}") }
}

pub(crate) fn all_isolated(values: &[String]) -> Vec<String> {
    values.iter().map(|value| isolated(value)).filter(|value| !value.is_empty()).collect()
}

fn line_view((index, line): (usize, &OfferLine)) -> LineView {
    LineView {
        position: index + 1,
        name: isolated(&line.name),
        sku: isolated(&line.sku),
        quantity: isolated(&line.quantity),
        unit_price: isolated(&line.unit_price),
        discount: isolated(&line.discount),
        vat_rate: isolated(&line.vat_rate),
        total: isolated(&line.total),
        availability: isolated(&line.availability),
    }
}

fn vat_view(row: &VatSummaryRow) -> VatView {
    VatView { rate: isolated(&row.rate), base: isolated(&row.base), vat: isolated(&row.vat), gross: isolated(&row.gross) }
}

/// An amount with its currency, kept together as one left-to-right unit.
pub(crate) fn money(amount: &str, currency: &str) -> String {
    isolated(&format!("{}\u{a0}{}", amount.trim(), currency.trim()))
}

fn view(doc: &OfferDocument) -> View {
    let words = labels(doc.language);
    let company = &doc.company;
    let totals = &doc.totals;
    View {
        lang: doc.language.code(),
        rtl: doc.language.direction() == Direction::RightToLeft,
        font: FAMILY,
        labels: words,
        validity: words.validity.replace("{date}", &isolated(&doc.heading.valid_until)),
        meta: MetaView {
            title: format!("{} {}", words.offer, doc.heading.number.trim()).trim().to_owned(),
            author: company.name.trim().to_owned(),
        },
        company: CompanyView {
            name: isolated(&company.name),
            address_lines: all_isolated(&company.address_lines),
            company_id: isolated(&company.company_id),
            vat_id: isolated(&company.vat_id),
            phone: isolated(&company.phone),
            email: isolated(&company.email),
            web: isolated(&company.web),
            logo: company.logo.as_ref().map(|logo| LogoView { path: LOGO_PATH, format: logo.format.typst_name() }),
        },
        customer: CustomerView {
            name: isolated(&doc.customer.name),
            company: isolated(&doc.customer.company),
            address_lines: all_isolated(&doc.customer.address_lines),
        },
        heading: HeadingView {
            title: isolated(&doc.heading.title),
            number: isolated(&doc.heading.number),
            version: doc.heading.version,
            issued: isolated(&doc.heading.issued),
            valid_until: isolated(&doc.heading.valid_until),
            delivery: isolated(&doc.heading.delivery),
        },
        lines: doc.lines.iter().enumerate().map(line_view).collect(),
        vat_summary: doc.vat_summary.iter().map(vat_view).collect(),
        totals: TotalsView {
            net: money(&totals.net, &totals.currency),
            vat: money(&totals.vat, &totals.currency),
            gross: money(&totals.gross, &totals.currency),
        },
        // Long texts are written in the document's language: its direction, no isolation.
        texts: TextsView {
            cooperation: doc.texts.cooperation.clone(),
            customer_provides: doc.texts.customer_provides.clone(),
            we_do: doc.texts.we_do.clone(),
            note: doc.texts.note.clone(),
        },
    }
}

/// A stable identifier for the PDF, made from the offer (typst-pdf hashes it into the file's
/// `/ID`), so that the same offer gives the same bytes.
fn ident(doc: &OfferDocument) -> String {
    format!("pronto-offer:{}:{}:{}", doc.heading.number, doc.heading.version, doc.language.code())
}

fn messages(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join("; ")
}

/// Lays the offer out and writes it as PDF.
pub fn offer_pdf(doc: &OfferDocument) -> Result<Vec<u8>, DocumentError> {
    let data = serde_json::to_vec(&view(doc)).map_err(|e| DocumentError::Data(e.to_string()))?;
    let logo = doc.company.logo.as_ref().map(|logo| logo.bytes.clone());
    compile(TEMPLATE, data, logo, ident(doc))
}

/// Lays a template out on its data (and logo) and writes it as PDF with the identifier `ident`.
pub(crate) fn compile(template: &str, data: Vec<u8>, logo: Option<Vec<u8>>, ident: String) -> Result<Vec<u8>, DocumentError> {
    let world = OfferWorld::new(template, data, logo);
    let compiled = typst::compile::<PagedDocument>(&world).output;
    let result = compiled.map_err(|errors| DocumentError::Layout(messages(&errors))).and_then(|document| {
        let options = PdfOptions {
            ident: Smart::Custom(ident),
            creator: Smart::Custom(Some("Pronto".into())),
            timestamp: None,
            ..PdfOptions::default()
        };
        typst_pdf::pdf(&document, &options).map_err(|errors| DocumentError::Pdf(messages(&errors)))
    });
    typst::comemo::evict(CACHE_MAX_AGE);
    result
}
