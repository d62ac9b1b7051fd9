//! The delivery note (issue 21, delivery): the goods of a delivery, their quantities, the
//! supplier and the recipient, the delivery address, day and driver, and the signatures —
//! laid out by `delivery_note.typ` in the document's language (Hebrew right to left),
//! reproducible (no date, the identifier made from the number and the language). Every value is
//! decided and formatted by the caller.

use serde::Serialize;

use crate::DocumentError;
use crate::document::{Company, Customer, Direction, Language};
use crate::fonts::FAMILY;
use crate::render::{all_isolated, compile, isolated};
use crate::world::LOGO_PATH;

const TEMPLATE: &str = include_str!("delivery_note.typ");

/// One line of the delivery note: what is handed over, and how much.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct DeliveryNoteLine {
    pub name: String,
    /// The article number; empty when there is none.
    pub sku: String,
    /// The quantity with its unit (`2 pcs`).
    pub quantity: String,
}

/// A delivery note, ready to be printed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DeliveryNoteDocument {
    pub language: Language,
    /// The supplier.
    pub company: Company,
    /// The recipient.
    pub customer: Customer,
    pub number: String,
    /// The delivery day as the reader writes it.
    pub date: String,
    pub address: String,
    /// The driver's name; empty when not named.
    pub driver: String,
    /// The invoice's number; empty without one.
    pub invoice: String,
    pub lines: Vec<DeliveryNoteLine>,
}

/// The fixed words of the delivery note in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DeliveryNoteLabels {
    pub title: &'static str,
    pub number: &'static str,
    pub date: &'static str,
    pub supplier: &'static str,
    pub recipient: &'static str,
    pub address: &'static str,
    pub driver: &'static str,
    pub invoice: &'static str,
    pub position: &'static str,
    pub item: &'static str,
    pub sku: &'static str,
    pub quantity: &'static str,
    pub handed_over: &'static str,
    pub received: &'static str,
    pub condition: &'static str,
    pub page: &'static str,
}

const EN: DeliveryNoteLabels = DeliveryNoteLabels {
    title: "Delivery note",
    number: "Delivery note no.",
    date: "Delivery date",
    supplier: "Supplier",
    recipient: "Recipient",
    address: "Delivery address",
    driver: "Driver",
    invoice: "Invoice",
    position: "#",
    item: "Item",
    sku: "Article no.",
    quantity: "Quantity",
    handed_over: "Handed over by (driver)",
    received: "Received by (customer): name and signature",
    condition: "The goods were received complete and undamaged.",
    page: "Page",
};

const CS: DeliveryNoteLabels = DeliveryNoteLabels {
    title: "Dodací list",
    number: "Číslo dodacího listu",
    date: "Datum dodání",
    supplier: "Dodavatel",
    recipient: "Odběratel",
    address: "Místo dodání",
    driver: "Řidič",
    invoice: "Faktura",
    position: "#",
    item: "Položka",
    sku: "Katalogové číslo",
    quantity: "Množství",
    handed_over: "Předal (řidič)",
    received: "Převzal (zákazník): jméno a podpis",
    condition: "Zboží bylo převzato úplné a nepoškozené.",
    page: "Strana",
};

const RU: DeliveryNoteLabels = DeliveryNoteLabels {
    title: "Товарная накладная",
    number: "Накладная №",
    date: "Дата доставки",
    supplier: "Поставщик",
    recipient: "Грузополучатель",
    address: "Адрес доставки",
    driver: "Водитель",
    invoice: "Счёт",
    position: "№",
    item: "Наименование",
    sku: "Артикул",
    quantity: "Количество",
    handed_over: "Отпустил (водитель)",
    received: "Получил (клиент): ФИО и подпись",
    condition: "Товар получен полностью и без повреждений.",
    page: "Страница",
};

const PL: DeliveryNoteLabels = DeliveryNoteLabels {
    title: "Dowód dostawy",
    number: "Nr dowodu dostawy",
    date: "Data dostawy",
    supplier: "Dostawca",
    recipient: "Odbiorca",
    address: "Adres dostawy",
    driver: "Kierowca",
    invoice: "Faktura",
    position: "Lp.",
    item: "Pozycja",
    sku: "Nr katalogowy",
    quantity: "Ilość",
    handed_over: "Wydał (kierowca)",
    received: "Odebrał (klient): imię, nazwisko i podpis",
    condition: "Towar odebrano w komplecie i bez uszkodzeń.",
    page: "Strona",
};

const HE: DeliveryNoteLabels = DeliveryNoteLabels {
    title: "תעודת משלוח",
    number: "מספר תעודת משלוח",
    date: "תאריך אספקה",
    supplier: "ספק",
    recipient: "מקבל",
    address: "כתובת למשלוח",
    driver: "נהג",
    invoice: "חשבונית",
    position: "#",
    item: "פריט",
    sku: "מק״ט",
    quantity: "כמות",
    handed_over: "מסר (נהג)",
    received: "קיבל (לקוח): שם וחתימה",
    condition: "הסחורה התקבלה שלמה וללא נזק.",
    page: "עמוד",
};

/// The delivery note's words in `language`.
pub fn delivery_note_labels(language: Language) -> &'static DeliveryNoteLabels {
    match language {
        Language::En => &EN,
        Language::Cs => &CS,
        Language::Ru => &RU,
        Language::Pl => &PL,
        Language::He => &HE,
    }
}

#[derive(Serialize)]
struct PartyView {
    name: String,
    company: String,
    address_lines: Vec<String>,
}

#[derive(Serialize)]
struct LineView {
    position: usize,
    name: String,
    sku: String,
    quantity: String,
}

#[derive(Serialize)]
struct View {
    lang: &'static str,
    rtl: bool,
    font: &'static str,
    labels: &'static DeliveryNoteLabels,
    title: String,
    author: String,
    logo: Option<(&'static str, &'static str)>,
    supplier: PartyView,
    supplier_ids: Vec<String>,
    recipient: PartyView,
    number: String,
    date: String,
    address: String,
    driver: String,
    invoice: String,
    lines: Vec<LineView>,
}

/// Lays the delivery note out and writes it as PDF.
pub fn delivery_note_pdf(doc: &DeliveryNoteDocument) -> Result<Vec<u8>, DocumentError> {
    let l = delivery_note_labels(doc.language);
    let c = &doc.company;
    let v = View {
        lang: doc.language.code(),
        rtl: doc.language.direction() == Direction::RightToLeft,
        font: FAMILY,
        labels: l,
        title: format!("{} {}", l.title, doc.number.trim()).trim().to_owned(),
        author: c.name.trim().to_owned(),
        logo: c.logo.as_ref().map(|logo| (LOGO_PATH, logo.format.typst_name())),
        supplier: PartyView { name: isolated(&c.name), company: String::new(), address_lines: all_isolated(&c.address_lines) },
        supplier_ids: all_isolated(&[c.company_id.clone(), c.vat_id.clone(), c.phone.clone()]),
        recipient: PartyView {
            name: isolated(&doc.customer.name),
            company: isolated(&doc.customer.company),
            address_lines: all_isolated(&doc.customer.address_lines),
        },
        number: isolated(&doc.number),
        date: isolated(&doc.date),
        address: isolated(&doc.address),
        driver: isolated(&doc.driver),
        invoice: isolated(&doc.invoice),
        lines: doc
            .lines
            .iter()
            .enumerate()
            .map(|(i, x)| LineView { position: i + 1, name: isolated(&x.name), sku: isolated(&x.sku), quantity: isolated(&x.quantity) })
            .collect(),
    };
    let data = serde_json::to_vec(&v).map_err(|e| DocumentError::Data(e.to_string()))?;
    let logo = c.logo.as_ref().map(|logo| logo.bytes.clone());
    compile(TEMPLATE, data, logo, format!("pronto-delivery-note:{}:{}", doc.number, doc.language.code()))
}
