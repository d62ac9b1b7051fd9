//! The words the offer document prints around the caller's data, in each language. One struct
//! literal per language, so a missing word is a compile error.

use serde::Serialize;

use crate::document::Language;

/// The fixed words of an offer document in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Labels {
    pub offer: &'static str,
    pub number: &'static str,
    pub version: &'static str,
    pub issued: &'static str,
    pub valid_until: &'static str,
    pub delivery: &'static str,
    pub prepared_for: &'static str,
    pub company_id: &'static str,
    pub vat_id: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub web: &'static str,
    pub position: &'static str,
    pub item: &'static str,
    pub sku: &'static str,
    pub quantity: &'static str,
    pub unit_price: &'static str,
    pub discount: &'static str,
    pub vat_rate: &'static str,
    pub line_total: &'static str,
    pub vat_summary: &'static str,
    pub rate: &'static str,
    pub base: &'static str,
    pub vat: &'static str,
    pub gross: &'static str,
    pub total_net: &'static str,
    pub total_vat: &'static str,
    pub total_gross: &'static str,
    pub cooperation: &'static str,
    pub customer_provides: &'static str,
    pub we_do: &'static str,
    pub note: &'static str,
    /// `{date}` is replaced by the offer's validity date.
    pub validity: &'static str,
    pub page: &'static str,
}

const EN: Labels = Labels {
    offer: "Offer",
    number: "Offer no.",
    version: "Version",
    issued: "Issued",
    valid_until: "Valid until",
    delivery: "Delivery",
    prepared_for: "Prepared for",
    company_id: "Company ID",
    vat_id: "VAT ID",
    phone: "Phone",
    email: "E-mail",
    web: "Web",
    position: "#",
    item: "Item",
    sku: "Art. no.",
    quantity: "Quantity",
    unit_price: "Unit price",
    discount: "Discount",
    vat_rate: "VAT",
    line_total: "Amount",
    vat_summary: "VAT summary",
    rate: "Rate",
    base: "Net",
    vat: "VAT",
    gross: "Gross",
    total_net: "Total excl. VAT",
    total_vat: "VAT",
    total_gross: "Total incl. VAT",
    cooperation: "Course of cooperation",
    customer_provides: "What you provide",
    we_do: "What we do",
    note: "Note",
    validity: "This offer is valid until {date}.",
    page: "Page",
};

const CS: Labels = Labels {
    offer: "Nabídka",
    number: "Číslo nabídky",
    version: "Verze",
    issued: "Vystaveno",
    valid_until: "Platnost do",
    delivery: "Termín dodání",
    prepared_for: "Pro",
    company_id: "IČO",
    vat_id: "DIČ",
    phone: "Tel.",
    email: "E-mail",
    web: "Web",
    position: "č.",
    item: "Položka",
    sku: "Kód",
    quantity: "Množství",
    unit_price: "Cena za jednotku",
    discount: "Sleva",
    vat_rate: "DPH",
    line_total: "Částka",
    vat_summary: "Rekapitulace DPH",
    rate: "Sazba",
    base: "Základ",
    vat: "DPH",
    gross: "S DPH",
    total_net: "Celkem bez DPH",
    total_vat: "DPH",
    total_gross: "Celkem s DPH",
    cooperation: "Průběh spolupráce",
    customer_provides: "Co zajistíte vy",
    we_do: "Co uděláme my",
    note: "Poznámka",
    validity: "Nabídka platí do {date}.",
    page: "Strana",
};

const RU: Labels = Labels {
    offer: "Коммерческое предложение",
    number: "Номер",
    version: "Версия",
    issued: "Дата",
    valid_until: "Действительно до",
    delivery: "Срок поставки",
    prepared_for: "Для",
    company_id: "Рег. номер",
    vat_id: "ИНН",
    phone: "Тел.",
    email: "Эл. почта",
    web: "Сайт",
    position: "№",
    item: "Наименование",
    sku: "Артикул",
    quantity: "Количество",
    unit_price: "Цена за единицу",
    discount: "Скидка",
    vat_rate: "НДС",
    line_total: "Сумма",
    vat_summary: "НДС по ставкам",
    rate: "Ставка",
    base: "Без НДС",
    vat: "НДС",
    gross: "С НДС",
    total_net: "Итого без НДС",
    total_vat: "НДС",
    total_gross: "Итого с НДС",
    cooperation: "Порядок сотрудничества",
    customer_provides: "Что предоставляете вы",
    we_do: "Что делаем мы",
    note: "Примечание",
    validity: "Предложение действительно до {date}.",
    page: "Страница",
};

const PL: Labels = Labels {
    offer: "Oferta",
    number: "Numer oferty",
    version: "Wersja",
    issued: "Data wystawienia",
    valid_until: "Ważna do",
    delivery: "Termin dostawy",
    prepared_for: "Dla",
    company_id: "REGON",
    vat_id: "NIP",
    phone: "Tel.",
    email: "E-mail",
    web: "WWW",
    position: "Lp.",
    item: "Pozycja",
    sku: "Nr kat.",
    quantity: "Ilość",
    unit_price: "Cena jedn.",
    discount: "Rabat",
    vat_rate: "VAT",
    line_total: "Wartość",
    vat_summary: "Zestawienie VAT",
    rate: "Stawka",
    base: "Netto",
    vat: "VAT",
    gross: "Brutto",
    total_net: "Razem netto",
    total_vat: "VAT",
    total_gross: "Razem brutto",
    cooperation: "Przebieg współpracy",
    customer_provides: "Co zapewniają Państwo",
    we_do: "Co robimy my",
    note: "Uwagi",
    validity: "Oferta jest ważna do {date}.",
    page: "Strona",
};

const HE: Labels = Labels {
    offer: "הצעת מחיר",
    number: "מספר הצעה",
    version: "גרסה",
    issued: "תאריך",
    valid_until: "בתוקף עד",
    delivery: "מועד אספקה",
    prepared_for: "עבור",
    company_id: "ח״פ",
    vat_id: "עוסק מורשה",
    phone: "טלפון",
    email: "דוא״ל",
    web: "אתר",
    position: "מס׳",
    item: "פריט",
    sku: "מק״ט",
    quantity: "כמות",
    unit_price: "מחיר ליחידה",
    discount: "הנחה",
    vat_rate: "מע״מ",
    line_total: "סכום",
    vat_summary: "סיכום מע״מ",
    rate: "שיעור",
    base: "לפני מע״מ",
    vat: "מע״מ",
    gross: "כולל מע״מ",
    total_net: "סה״כ לפני מע״מ",
    total_vat: "מע״מ",
    total_gross: "סה״כ כולל מע״מ",
    cooperation: "מהלך שיתוף הפעולה",
    customer_provides: "מה אתם מספקים",
    we_do: "מה אנחנו עושים",
    note: "הערה",
    validity: "ההצעה בתוקף עד {date}.",
    page: "עמוד",
};

/// The document's words in `language`.
pub fn labels(language: Language) -> &'static Labels {
    match language {
        Language::En => &EN,
        Language::Cs => &CS,
        Language::Ru => &RU,
        Language::Pl => &PL,
        Language::He => &HE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Direction;

    /// Every word of a table, by name, for the checks below.
    fn words(l: &Labels) -> Vec<(String, String)> {
        let value = serde_json::to_value(l).expect("labels serialize");
        let map = value.as_object().expect("an object");
        map.iter().map(|(name, word)| (name.clone(), word.as_str().expect("a string").into())).collect()
    }

    #[test]
    fn every_word_is_written_in_every_language() {
        for language in Language::ALL {
            for (name, word) in words(labels(language)) {
                assert!(!word.trim().is_empty(), "{language:?}: {name} is empty");
            }
            assert!(labels(language).validity.contains("{date}"), "{language:?}: the date's place");
        }
    }

    #[test]
    fn the_other_languages_do_not_fall_back_to_english() {
        // Words that are the same in English and the other language by nature.
        let shared = ["position", "email", "web", "vat_rate", "vat", "total_vat"];
        let english = words(labels(Language::En));
        for language in [Language::Cs, Language::Ru, Language::Pl, Language::He] {
            for ((name, en), (_, word)) in english.iter().zip(words(labels(language))) {
                if !shared.contains(&name.as_str()) {
                    assert_ne!(*en, word, "{language:?}: {name} is still English");
                }
            }
        }
    }

    #[test]
    fn languages_by_code_and_their_direction() {
        let cases = [
            ("en", Some(Language::En), Direction::LeftToRight),
            ("cs", Some(Language::Cs), Direction::LeftToRight),
            ("ru", Some(Language::Ru), Direction::LeftToRight),
            ("pl", Some(Language::Pl), Direction::LeftToRight),
            ("he", Some(Language::He), Direction::RightToLeft),
        ];
        for (code, language, direction) in cases {
            assert_eq!(Language::from_code(code), language, "{code}");
            let language = language.expect("a known code");
            assert_eq!(language.code(), code);
            assert_eq!(language.direction(), direction, "{code}");
        }
        for unknown in ["", "de", "EN", "he-IL"] {
            assert_eq!(Language::from_code(unknown), None, "{unknown:?}");
        }
    }
}
