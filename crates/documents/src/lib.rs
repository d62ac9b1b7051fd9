//! Pronto's documents: the offer, the invoice (also titled as the VAT invoice), the contract and the delivery note as PDFs. It knows nothing of the store or the web: the caller
//! hands it an [`OfferDocument`] with every value decided and formatted, and gets the PDF's
//! bytes back. Typst is used as a library with its own minimal world (`world.rs`): one built-in
//! template (`offer.typ`), the document's data as a JSON file, embedded fonts (`fonts.rs`); no
//! package downloads, no network, no system fonts, no clock.
//!
//! - The labels ("Offer", "Valid until"…) are the crate's own, in the five languages
//!   (`labels.rs`); Hebrew is laid out right to left.
//! - User text never becomes markup: the template reads it from JSON as plain strings.
//! - Reproducible: no creation date, the PDF's identifier is made from the offer's number,
//!   version and language; the same document gives the same bytes.

mod delivery_note;
mod document;
mod fonts;
mod invoice;
mod labels;
mod render;
mod world;

pub use document::{
    Company, Customer, Direction, Language, Logo, LogoFormat, OfferDocument, OfferHeading, OfferLine, OfferTexts, Totals, VatSummaryRow,
};
pub use delivery_note::{DeliveryNoteDocument, DeliveryNoteLabels, DeliveryNoteLine, delivery_note_labels, delivery_note_pdf};
pub use invoice::{BankDetails, ContractDocument, InvoiceDocument, InvoiceLabels, contract_pdf, invoice_labels, invoice_pdf, vat_invoice_pdf};
pub use labels::{Labels, labels};
pub use render::offer_pdf;

/// Why a document could not be made.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocumentError {
    /// The document's data could not be handed to the template.
    #[error("the document's data could not be prepared: {0}")]
    Data(String),
    /// Typst could not lay the document out (for example, a logo that is not a valid PNG/SVG).
    #[error("the document could not be laid out: {0}")]
    Layout(String),
    /// The laid-out document could not be written as PDF.
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}
