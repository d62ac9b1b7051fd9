//! Writes the sample offer in each language as `offer-LANG.pdf` into the folder given as the
//! first argument (default: the current folder), e.g. to look at them or to make the
//! screenshots in docs/screenshots/ (`pdftoppm -png -r 80 -f 1 -l 1 offer-en.pdf offer-pdf-en`).

#[path = "../tests/sample/mod.rs"]
mod sample;

use pronto_documents::{Language, offer_pdf};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    for language in Language::ALL {
        let pdf = offer_pdf(&sample::offer(language)).expect("the sample offer renders");
        let path = std::path::Path::new(&dir).join(format!("offer-{}.pdf", language.code()));
        std::fs::write(&path, pdf).expect("the PDF is written");
        println!("{}", path.display());
    }
    let long = offer_pdf(&sample::long_offer(Language::En, 60)).expect("the long offer renders");
    let path = std::path::Path::new(&dir).join("offer-long-en.pdf");
    std::fs::write(&path, long).expect("the PDF is written");
    println!("{}", path.display());
}
