//! A minimal typst `World`: one template, one JSON file with the document's data, the optional
//! logo, and the embedded fonts. No file system, no packages, no network, no clock.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::fonts::FONTS;

/// The standard library, built once per process.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a fixed, valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The template's path inside the world.
static MAIN: LazyLock<FileId> = LazyLock::new(|| file_id("/offer.typ"));
/// The document's data, read by the template with `json(...)`: user text is never markup.
static DATA: LazyLock<FileId> = LazyLock::new(|| file_id("/data.json"));
/// The company's logo (PNG or SVG bytes).
static LOGO: LazyLock<FileId> = LazyLock::new(|| file_id("/logo"));

/// The path the template reads the logo from.
pub const LOGO_PATH: &str = "/logo";

pub struct OfferWorld {
    main: Source,
    data: Bytes,
    logo: Option<Bytes>,
}

impl OfferWorld {
    pub fn new(template: &str, data: Vec<u8>, logo: Option<Vec<u8>>) -> Self {
        OfferWorld { main: Source::new(*MAIN, template.to_owned()), data: Bytes::new(data), logo: logo.map(Bytes::new) }
    }
}

impl World for OfferWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        *MAIN
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == *MAIN { Ok(self.main.clone()) } else { Err(FileError::NotSource) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *MAIN {
            Ok(Bytes::from_string(self.main.clone()))
        } else if id == *DATA {
            Ok(self.data.clone())
        } else if id == *LOGO {
            self.logo.clone().ok_or_else(|| FileError::NotFound(LOGO_PATH.into()))
        } else {
            Err(FileError::NotFound(id.get().vpath().get_with_slash().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    /// No clock: the document's dates come formatted in its data.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
