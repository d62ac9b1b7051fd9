//! Writes the sample offer in each language as `offer-LANG.pdf` into the folder given as the
//! first argument (default: the current folder), e.g. to look at them or to make the
//! screenshots in docs/screenshots/ (`pdftoppm -png -r 80 -f 1 -l 1 offer-en.pdf offer-pdf-en`).

#[path = "../tests/sample/mod.rs"]
mod sample;

use pronto_documents::{Language, Logo, LogoFormat, offer_pdf};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    for language in Language::ALL {
        let pdf = offer_pdf(&sample::offer(language)).expect("the sample offer renders");
        let path = std::path::Path::new(&dir).join(format!("offer-{}.pdf", language.code()));
        std::fs::write(&path, pdf).expect("the PDF is written");
        println!("{}", path.display());
    }
    let mut png = sample::offer(Language::Pl);
    png.company.logo = Some(Logo { format: LogoFormat::Png, bytes: sample::LOGO_PNG.to_vec() });
    let path = std::path::Path::new(&dir).join("offer-pl-png-logo.pdf");
    std::fs::write(&path, offer_pdf(&png).expect("the offer with a PNG logo renders")).expect("the PDF is written");
    println!("{}", path.display());
    let mut wide = sample::offer(Language::En);
    let wide_svg =
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="60"><rect width="1000" height="60" fill="#1f3a5f"/></svg>"##;
    wide.company.logo = Some(Logo { format: LogoFormat::Svg, bytes: wide_svg.as_bytes().to_vec() });
    let path = std::path::Path::new(&dir).join("offer-en-wide-logo.pdf");
    std::fs::write(&path, offer_pdf(&wide).expect("the offer with a wide logo renders")).expect("the PDF is written");
    println!("{}", path.display());
    let long = offer_pdf(&sample::long_offer(Language::En, 60)).expect("the long offer renders");
    let path = std::path::Path::new(&dir).join("offer-long-en.pdf");
    std::fs::write(&path, long).expect("the PDF is written");
    println!("{}", path.display());
}
