//! Sample offers in each language, shared by the tests and the `offer_samples` example.
#![allow(dead_code)]

use pronto_documents::{
    Company, Customer, Language, Logo, LogoFormat, OfferDocument, OfferHeading, OfferLine, OfferTexts, Totals, VatSummaryRow,
};

/// The company's name stays Latin in every language (a Latin name inside a Hebrew document).
pub const COMPANY: &str = "Acme Digital s.r.o.";

pub const LOGO_SVG: &[u8] = include_bytes!("../fixtures/logo.svg");
pub const LOGO_PNG: &[u8] = include_bytes!("../fixtures/logo.png");

/// What changes with the language in a sample offer.
pub struct Words {
    pub customer: &'static str,
    pub customer_company: &'static str,
    pub customer_address: [&'static str; 2],
    pub title: &'static str,
    pub lines: [&'static str; 3],
    pub unit: &'static str,
    pub hours: &'static str,
    pub in_stock: &'static str,
    pub on_order: &'static str,
    pub issued: &'static str,
    pub valid_until: &'static str,
    pub delivery: &'static str,
    pub cooperation: &'static str,
    pub provides: &'static str,
    pub we_do: &'static str,
    pub note: &'static str,
    /// Amounts as the language writes them: line totals, the VAT rows, the totals.
    pub amounts: Amounts,
}

pub struct Amounts {
    pub unit_prices: [&'static str; 3],
    pub totals: [&'static str; 3],
    pub vat_rows: [[&'static str; 4]; 2],
    pub net: &'static str,
    pub vat: &'static str,
    pub gross: &'static str,
}

const AMOUNTS_DOT: Amounts = Amounts {
    unit_prices: ["45,000.00", "1,200.00", "2,500.00"],
    totals: ["40,500.00", "14,400.00", "30,000.00"],
    vat_rows: [["21 %", "54,900.00", "11,529.00", "66,429.00"], ["12 %", "30,000.00", "3,600.00", "33,600.00"]],
    net: "84,900.00",
    vat: "15,129.00",
    gross: "100,029.00",
};

const AMOUNTS_COMMA: Amounts = Amounts {
    unit_prices: ["45 000,00", "1 200,00", "2 500,00"],
    totals: ["40 500,00", "14 400,00", "30 000,00"],
    vat_rows: [["21 %", "54 900,00", "11 529,00", "66 429,00"], ["12 %", "30 000,00", "3 600,00", "33 600,00"]],
    net: "84 900,00",
    vat: "15 129,00",
    gross: "100 029,00",
};

pub fn words(language: Language) -> Words {
    match language {
        Language::En => Words {
            customer: "Jane Miller",
            customer_company: "Brightside Ltd",
            customer_address: ["12 Harbour Street", "Bristol BS1 4RB"],
            title: "Website redesign",
            lines: ["Website design", "Content migration", "Hosting, 12 months"],
            unit: "pcs",
            hours: "h",
            in_stock: "In stock",
            on_order: "On order, delivery 15 January 2027",
            issued: "3 December 2026",
            valid_until: "17 December 2026",
            delivery: "31 January 2027",
            cooperation: "1. Kick-off meeting within a week of your order.\n2. Design drafts in two weeks.\n\nLaunch after your approval.",
            provides: "Texts and photos for the pages.",
            we_do: "Design, programming and the launch.",
            note: "Prices are exclusive of travel costs.",
            amounts: AMOUNTS_DOT,
        },
        Language::Cs => Words {
            customer: "Jiří Novák",
            customer_company: "Žluťoučký kůň a.s.",
            customer_address: ["Řeznická 12", "110 00 Praha 1"],
            title: "Nový web společnosti",
            lines: ["Návrh webu", "Převod obsahu", "Hosting na 12 měsíců"],
            unit: "ks",
            hours: "hod.",
            in_stock: "Skladem",
            on_order: "Na objednávku, dodání 15. ledna 2027",
            issued: "3. prosince 2026",
            valid_until: "17. prosince 2026",
            delivery: "31. ledna 2027",
            cooperation: "1. Úvodní schůzka do týdne od objednávky.\n2. Návrhy do dvou týdnů.\n\nSpuštění po vašem schválení.",
            provides: "Texty a fotografie pro stránky.",
            we_do: "Návrh, programování a spuštění.",
            note: "Ceny nezahrnují cestovní náklady.",
            amounts: AMOUNTS_COMMA,
        },
        Language::Ru => Words {
            customer: "Иван Петров",
            customer_company: "ООО «Ромашка»",
            customer_address: ["ул. Ленина, 5", "Москва 101000"],
            title: "Новый сайт компании",
            lines: ["Дизайн сайта", "Перенос контента", "Хостинг на 12 месяцев"],
            unit: "шт.",
            hours: "ч",
            in_stock: "В наличии",
            on_order: "Под заказ, поставка 15 января 2027",
            issued: "3 декабря 2026",
            valid_until: "17 декабря 2026",
            delivery: "31 января 2027",
            cooperation: "1. Встреча в течение недели после заказа.\n2. Эскизы через две недели.\n\nЗапуск после вашего согласования.",
            provides: "Тексты и фотографии для страниц.",
            we_do: "Дизайн, программирование и запуск.",
            note: "Цены не включают транспортные расходы.",
            amounts: AMOUNTS_COMMA,
        },
        Language::Pl => Words {
            customer: "Łukasz Żółkiewski",
            customer_company: "Zażółć Gęślą Jaźń sp. z o.o.",
            customer_address: ["ul. Świętokrzyska 7", "00-001 Warszawa"],
            title: "Nowa strona internetowa",
            lines: ["Projekt strony", "Przeniesienie treści", "Hosting na 12 miesięcy"],
            unit: "szt.",
            hours: "godz.",
            in_stock: "Dostępne od ręki",
            on_order: "Na zamówienie, dostawa 15 stycznia 2027",
            issued: "3 grudnia 2026",
            valid_until: "17 grudnia 2026",
            delivery: "31 stycznia 2027",
            cooperation: "1. Spotkanie w ciągu tygodnia od zamówienia.\n2. Projekty w dwa tygodnie.\n\nUruchomienie po Państwa akceptacji.",
            provides: "Teksty i zdjęcia na strony.",
            we_do: "Projekt, programowanie i uruchomienie.",
            note: "Ceny nie obejmują kosztów podróży.",
            amounts: AMOUNTS_COMMA,
        },
        Language::He => Words {
            customer: "דנה כהן",
            customer_company: "אופק מערכות בע״מ",
            customer_address: ["רחוב הרצל 10", "תל אביב 6100000"],
            title: "אתר חדש לחברה",
            lines: ["עיצוב אתר", "העברת תוכן", "אחסון ל־12 חודשים"],
            unit: "יח׳",
            hours: "שעות",
            in_stock: "במלאי",
            on_order: "בהזמנה, אספקה 15 בינואר 2027",
            issued: "3 בדצמבר 2026",
            valid_until: "17 בדצמבר 2026",
            delivery: "31 בינואר 2027",
            cooperation: "1. פגישת פתיחה תוך שבוע מההזמנה.\n2. סקיצות תוך שבועיים.\n\nעלייה לאוויר לאחר אישורכם.",
            provides: "טקסטים ותמונות לעמודים.",
            we_do: "עיצוב, תכנות ועלייה לאוויר.",
            note: "המחירים אינם כוללים הוצאות נסיעה.",
            amounts: AMOUNTS_DOT,
        },
    }
}

/// A three-line offer in `language` with two VAT rates and an SVG logo.
pub fn offer(language: Language) -> OfferDocument {
    let w = words(language);
    let a = &w.amounts;
    let skus = ["WEB-DESIGN-01", "", "HOST-12M"];
    let quantities = [format!("1 {}", w.unit), format!("12 {}", w.hours), format!("12 {}", w.unit)];
    let discounts = ["10 %", "", ""];
    let rates = ["21 %", "21 %", "12 %"];
    let availability = [w.in_stock, "", w.on_order];
    let lines = (0..3)
        .map(|i| OfferLine {
            name: w.lines[i].into(),
            sku: skus[i].into(),
            quantity: quantities[i].clone(),
            unit_price: a.unit_prices[i].into(),
            discount: discounts[i].into(),
            vat_rate: rates[i].into(),
            total: a.totals[i].into(),
            availability: availability[i].into(),
        })
        .collect();
    OfferDocument {
        language,
        company: Company {
            name: COMPANY.into(),
            address_lines: vec!["Vinohradská 1511/230".into(), "100 00 Praha 10".into()],
            company_id: "27074358".into(),
            vat_id: "CZ27074358".into(),
            phone: "+420 222 333 444".into(),
            email: "obchod@acme.example".into(),
            web: "acme.example".into(),
            logo: Some(Logo { format: LogoFormat::Svg, bytes: LOGO_SVG.to_vec() }),
        },
        customer: Customer {
            name: w.customer.into(),
            company: w.customer_company.into(),
            address_lines: w.customer_address.iter().map(|s| s.to_string()).collect(),
        },
        heading: OfferHeading {
            title: w.title.into(),
            number: "2026-0042".into(),
            version: 2,
            issued: w.issued.into(),
            valid_until: w.valid_until.into(),
            delivery: w.delivery.into(),
        },
        lines,
        vat_summary: a
            .vat_rows
            .iter()
            .map(|r| VatSummaryRow { rate: r[0].into(), base: r[1].into(), vat: r[2].into(), gross: r[3].into() })
            .collect(),
        totals: Totals { net: a.net.into(), vat: a.vat.into(), gross: a.gross.into(), currency: "CZK".into() },
        texts: OfferTexts {
            cooperation: w.cooperation.into(),
            customer_provides: w.provides.into(),
            we_do: w.we_do.into(),
            note: w.note.into(),
        },
    }
}

/// The sample offer with `count` lines named `Item 1` … `Item N` (article numbers `SKU-1`…).
pub fn long_offer(language: Language, count: usize) -> OfferDocument {
    let mut doc = offer(language);
    doc.lines = (1..=count)
        .map(|i| OfferLine {
            name: format!("Item {i}"),
            sku: format!("SKU-{i}"),
            quantity: "1".into(),
            unit_price: "100.00".into(),
            discount: String::new(),
            vat_rate: "21 %".into(),
            total: "100.00".into(),
            availability: String::new(),
        })
        .collect();
    doc
}
