//! What an office document's ZIP container says it is. A `.docx`, `.xlsx`, `.odt` or `.ods` is
//! a ZIP file, and so is any archive renamed to one: only the container's own declaration
//! tells them apart — `[Content_Types].xml` naming the main part (Office Open XML) or the
//! `mimetype` entry (OpenDocument). Owns that check; `public::sniff` calls it for uploads.
//!
//! Only the one small entry is read, and at most [`ENTRY_MAX`] bytes of it, whatever size the
//! archive claims (a zip bomb stops there).

use std::io::{Cursor, Read};

/// The most read from the declaring entry.
pub const ENTRY_MAX: u64 = 256 * 1024;

/// The office formats a customer may send, by extension: the MIME type served, and what the
/// container must declare.
const FORMATS: &[(&str, &str, Declares)] = &[
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Declares::MainPart("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Declares::MainPart("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    ),
    ("odt", "application/vnd.oasis.opendocument.text", Declares::Mimetype("application/vnd.oasis.opendocument.text")),
    ("ods", "application/vnd.oasis.opendocument.spreadsheet", Declares::Mimetype("application/vnd.oasis.opendocument.spreadsheet")),
];

#[derive(Clone, Copy)]
enum Declares {
    /// `[Content_Types].xml` gives this content type to a part.
    MainPart(&'static str),
    /// The `mimetype` entry holds exactly this.
    Mimetype(&'static str),
}

/// The MIME type of a ZIP file named `.EXT` when its container declares that kind of document;
/// `None` for any other ZIP (or one that cannot be read).
pub fn office_type(ext: &str, bytes: &[u8]) -> Option<&'static str> {
    let (_, mime, declares) = FORMATS.iter().find(|(e, _, _)| *e == ext)?;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let ok = match declares {
        Declares::MainPart(ct) => entry(&mut zip, "[Content_Types].xml").is_some_and(|xml| content_types(&xml).any(|c| c == *ct)),
        Declares::Mimetype(m) => entry(&mut zip, "mimetype").is_some_and(|v| v.trim() == *m),
    };
    ok.then_some(*mime)
}

/// An entry's text, if it exists, is UTF-8 and not larger than [`ENTRY_MAX`].
fn entry(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<String> {
    let file = zip.by_name(name).ok()?;
    let mut buf = Vec::new();
    file.take(ENTRY_MAX + 1).read_to_end(&mut buf).ok()?;
    if buf.len() as u64 > ENTRY_MAX {
        return None;
    }
    String::from_utf8(buf).ok()
}

/// Every `ContentType="…"` value in a `[Content_Types].xml`.
fn content_types(xml: &str) -> impl Iterator<Item = &str> {
    xml.split("ContentType=").skip(1).filter_map(|rest| {
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        rest[1..].split(quote).next()
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A ZIP of these entries (deflated, `mimetype` stored as ODF asks).
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            let method = if *name == "mimetype" { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
            w.start_file(*name, zip::write::SimpleFileOptions::default().compression_method(method)).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// The smallest Word document Word opens: content types, the package relationship and
    /// the main part.
    pub(crate) fn docx() -> Vec<u8> {
        zip_of(&[
            (
                "[Content_Types].xml",
                br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
            ),
            (
                "_rels/.rels",
                br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
            ),
            (
                "word/document.xml",
                br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>ID card</w:t></w:r></w:p></w:body></w:document>"#,
            ),
        ])
    }

    pub(crate) fn xlsx() -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().write_string(0, 0, "income").unwrap();
        book.save_to_buffer().unwrap()
    }

    fn odt() -> Vec<u8> {
        zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<office:document-content/>")])
    }

    #[test]
    fn the_container_must_declare_what_the_name_claims() {
        const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        const ODT: &str = "application/vnd.oasis.opendocument.text";
        let plain = zip_of(&[("notes.txt", b"hello"), ("run.exe", b"MZ\x90\x00")]);
        let lying = zip_of(&[("[Content_Types].xml", b"<Types><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>")]);
        let table: &[(&str, &[u8], Option<&str>)] = &[
            ("docx", &docx(), Some(DOCX)),
            ("xlsx", &xlsx(), Some(XLSX)),
            ("odt", &odt(), Some(ODT)),
            // A plain archive renamed.
            ("docx", &plain, None),
            ("xlsx", &plain, None),
            ("odt", &plain, None),
            ("ods", &plain, None),
            // The right container under the wrong name.
            ("xlsx", &docx(), None),
            ("docx", &xlsx(), None),
            ("ods", &odt(), None),
            // Content types that name no main part; not a ZIP at all; an unknown extension.
            ("docx", &lying, None),
            ("docx", b"PK\x03\x04 not really", None),
            ("zip", &docx(), None),
        ];
        for (i, (ext, bytes, want)) in table.iter().enumerate() {
            assert_eq!(office_type(ext, bytes), *want, "row {i}: .{ext}");
        }
    }

    #[test]
    fn a_declaring_entry_larger_than_the_bound_is_not_read() {
        let mut huge = br#"<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#.to_vec();
        huge.resize(ENTRY_MAX as usize + 10, b' ');
        assert_eq!(office_type("docx", &zip_of(&[("[Content_Types].xml", &huge)])), None);
        let mut fits = huge.clone();
        fits.truncate(ENTRY_MAX as usize);
        assert!(office_type("docx", &zip_of(&[("[Content_Types].xml", &fits)])).is_some());
    }
}
