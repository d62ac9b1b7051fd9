//! What an offer document holds: plain data, every value already decided and formatted by the
//! caller (amounts, dates, rates as the reader's strings). This crate only lays it out.

use serde::Serialize;

/// The language the document is written in. The direction follows it (Hebrew is right to left).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Cs,
    Ru,
    Pl,
    He,
}

/// The writing direction of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    LeftToRight,
    RightToLeft,
}

impl Language {
    /// Every language a document can be written in.
    pub const ALL: [Language; 5] = [Language::En, Language::Cs, Language::Ru, Language::Pl, Language::He];

    /// The language's BCP 47 code: `en`, `cs`, `ru`, `pl`, `he`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Cs => "cs",
            Language::Ru => "ru",
            Language::Pl => "pl",
            Language::He => "he",
        }
    }

    /// The language for a code (`"cs"`, `"he"`…); `None` for a language Pronto does not write.
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|language| language.code() == code)
    }

    /// The direction the language is written in.
    pub fn direction(self) -> Direction {
        match self {
            Language::He => Direction::RightToLeft,
            _ => Direction::LeftToRight,
        }
    }
}

/// An offer, ready to be printed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OfferDocument {
    /// The language of the labels and of the layout's direction.
    pub language: Language,
    /// Who makes the offer.
    pub company: Company,
    /// Who the offer is for.
    pub customer: Customer,
    /// The offer's title, number, version and dates.
    pub heading: OfferHeading,
    /// The items, in the order they are printed.
    pub lines: Vec<OfferLine>,
    /// One row per VAT rate used by the lines.
    pub vat_summary: Vec<VatSummaryRow>,
    /// The offer's totals.
    pub totals: Totals,
    /// The offer's texts; an empty text is left out.
    pub texts: OfferTexts,
}

/// The company making the offer, as printed in the header and footer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Company {
    pub name: String,
    /// Street, city, country… one printed line each.
    pub address_lines: Vec<String>,
    /// The company's registration number (IČO, REGON…); empty when there is none.
    pub company_id: String,
    /// The VAT identification number; empty when there is none.
    pub vat_id: String,
    pub phone: String,
    pub email: String,
    pub web: String,
    pub logo: Option<Logo>,
}

/// The company's logo, printed in the header.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Logo {
    pub format: LogoFormat,
    pub bytes: Vec<u8>,
}

/// The formats a logo can come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LogoFormat {
    Png,
    /// JPEG, as the company's profile may store it.
    Jpeg,
    /// WebP, as the company's profile may store it.
    Webp,
    Svg,
}

impl LogoFormat {
    /// The format of a media type the company's profile stores (`image/png`, `image/jpeg`,
    /// `image/webp`, `image/svg+xml`); `None` for any other.
    pub fn from_media_type(media_type: &str) -> Option<LogoFormat> {
        match media_type.trim().to_ascii_lowercase().as_str() {
            "image/png" => Some(LogoFormat::Png),
            "image/jpeg" | "image/jpg" => Some(LogoFormat::Jpeg),
            "image/webp" => Some(LogoFormat::Webp),
            "image/svg+xml" => Some(LogoFormat::Svg),
            _ => None,
        }
    }

    pub(crate) fn typst_name(self) -> &'static str {
        match self {
            LogoFormat::Png => "png",
            LogoFormat::Jpeg => "jpg",
            LogoFormat::Webp => "webp",
            LogoFormat::Svg => "svg",
        }
    }
}

/// The customer the offer is addressed to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Customer {
    /// The person's name.
    pub name: String,
    /// The customer's company; empty for a private person.
    pub company: String,
    pub address_lines: Vec<String>,
}

/// The offer's title, number, version and dates (dates already in the reader's format).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct OfferHeading {
    /// A title such as "Website redesign"; empty prints the word "Offer" alone.
    pub title: String,
    /// The offer's number as the customer sees it, e.g. `2026-0042`.
    pub number: String,
    /// 1 for the first version, 2 for the next…
    pub version: u32,
    pub issued: String,
    pub valid_until: String,
    /// The delivery date or period; empty when not promised.
    pub delivery: String,
}

/// One item of the offer, every value formatted for the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct OfferLine {
    pub name: String,
    /// The article number; empty for a free-text line.
    pub sku: String,
    /// The quantity with its unit, e.g. `3 pcs` or `12,5 h`.
    pub quantity: String,
    pub unit_price: String,
    /// The discount as printed (`10 %`); empty when there is none.
    pub discount: String,
    /// The VAT rate as printed (`21 %`).
    pub vat_rate: String,
    /// The line's total (net, after the discount).
    pub total: String,
    /// What can be delivered when, e.g. "In stock" or "On order, 12 Jan"; empty to leave out.
    pub availability: String,
}

/// The VAT for one rate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct VatSummaryRow {
    /// The rate as printed (`21 %`).
    pub rate: String,
    /// The net amount taxed at this rate.
    pub base: String,
    /// The VAT at this rate.
    pub vat: String,
    /// Base plus VAT.
    pub gross: String,
}

/// The offer's totals; `currency` is printed after each amount (`CZK`, `€`…).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Totals {
    pub net: String,
    pub vat: String,
    pub gross: String,
    pub currency: String,
}

/// The offer's texts. Paragraphs are separated by an empty line, lines by a newline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct OfferTexts {
    /// The course of cooperation: the steps and their dates.
    pub cooperation: String,
    /// What the customer provides.
    pub customer_provides: String,
    /// What the company does.
    pub we_do: String,
    pub note: String,
}
