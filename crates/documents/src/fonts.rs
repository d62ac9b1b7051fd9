//! The fonts compiled into the binary (Libertinus Serif: Latin with Czech and Polish
//! diacritics, Cyrillic, Hebrew; SIL OFL 1.1, see `fonts/OFL.txt`). Typst never looks for
//! system fonts here: a document looks the same on every machine.

use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

const FILES: [&[u8]; 3] = [
    include_bytes!("../fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("../fonts/LibertinusSerif-Bold.otf"),
    include_bytes!("../fonts/LibertinusSerif-Italic.otf"),
];

/// The family name the template sets.
pub const FAMILY: &str = "Libertinus Serif";

/// The embedded fonts and their book, parsed once per process.
pub struct Fonts {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
}

pub static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = FILES.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect();
    Fonts { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts }
});
