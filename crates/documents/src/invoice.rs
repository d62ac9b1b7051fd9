//! The invoice and the contract (issue 21): plain data, every value decided and formatted by the
//! caller, laid out by `invoice.typ` and `contract.typ` in the document's language (Hebrew right
//! to left), reproducible (no date, the identifier made from the number and the language).

use serde::Serialize;

use crate::DocumentError;
use crate::document::{Company, Customer, Direction, Language, OfferLine, Totals, VatSummaryRow};
use crate::fonts::FAMILY;
use crate::render::{all_isolated, compile, isolated, money};
use crate::world::LOGO_PATH;

const INVOICE_TEMPLATE: &str = include_str!("invoice.typ");
const CONTRACT_TEMPLATE: &str = include_str!("contract.typ");

/// Where the money goes: the account in the local notation, the IBAN and the BIC; empty to
/// leave out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct BankDetails {
    pub account: String,
    pub iban: String,
    pub bic: String,
}

/// An invoice, ready to be printed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InvoiceDocument {
    pub language: Language,
    /// The seller: name, address, registration and VAT ids, contacts, logo.
    pub company: Company,
    /// The buyer, as the requisites say.
    pub customer: Customer,
    pub number: String,
    /// The payment reference (digits).
    pub variable_symbol: String,
    /// Dates as the reader writes them.
    pub issued: String,
    pub due: String,
    /// The delivery date; empty when not agreed.
    pub delivery: String,
    pub bank: BankDetails,
    pub lines: Vec<OfferLine>,
    pub vat_summary: Vec<VatSummaryRow>,
    pub totals: Totals,
}

/// A contract with a legal entity, made from the invoice: the parties with their ids, the
/// subject (the invoice's lines), the price and how and when it is paid, the delivery.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ContractDocument {
    pub language: Language,
    pub company: Company,
    /// The buyer: the company, its registration and VAT ids, address, the contact person.
    pub customer: Customer,
    /// The invoice's number: the contract's number too.
    pub number: String,
    pub variable_symbol: String,
    pub date: String,
    pub due: String,
    pub delivery: String,
    pub bank: BankDetails,
    pub lines: Vec<OfferLine>,
    pub totals: Totals,
}

/// The fixed words of the invoice and the contract in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct InvoiceLabels {
    pub invoice: &'static str,
    /// The invoice's title as the tax document of the driver's pack (issue 21, delivery).
    pub vat_invoice: &'static str,
    pub number: &'static str,
    pub issued: &'static str,
    pub due: &'static str,
    pub delivery: &'static str,
    pub variable_symbol: &'static str,
    pub seller: &'static str,
    pub buyer: &'static str,
    pub company_id: &'static str,
    pub vat_id: &'static str,
    pub payment: &'static str,
    pub account: &'static str,
    pub iban: &'static str,
    pub bic: &'static str,
    pub position: &'static str,
    pub item: &'static str,
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
    pub to_pay: &'static str,
    /// `{vs}` and `{date}` are replaced.
    pub pay_note: &'static str,
    pub contract: &'static str,
    pub contract_no: &'static str,
    pub date: &'static str,
    pub parties: &'static str,
    pub subject: &'static str,
    pub subject_text: &'static str,
    pub price: &'static str,
    /// `{total}`, `{date}`, `{number}` and `{vs}` are replaced.
    pub price_text: &'static str,
    pub delivery_title: &'static str,
    /// `{date}` is replaced.
    pub delivery_text: &'static str,
    pub delivery_agreed: &'static str,
    pub final_title: &'static str,
    pub final_text: &'static str,
    pub signature_seller: &'static str,
    pub signature_buyer: &'static str,
    pub page: &'static str,
}

const EN: InvoiceLabels = InvoiceLabels {
    invoice: "Invoice",
    vat_invoice: "VAT invoice",
    number: "Invoice no.",
    issued: "Issued",
    due: "Due",
    delivery: "Delivery",
    variable_symbol: "Payment reference",
    seller: "Seller",
    buyer: "Buyer",
    company_id: "Company ID",
    vat_id: "VAT ID",
    payment: "Payment",
    account: "Account",
    iban: "IBAN",
    bic: "BIC",
    position: "#",
    item: "Item",
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
    to_pay: "To pay",
    pay_note: "Please pay by bank transfer with the payment reference {vs} by {date}.",
    contract: "Contract",
    contract_no: "Contract no.",
    date: "Date",
    parties: "The parties",
    subject: "1. Subject",
    subject_text: "The seller delivers to the buyer the goods and services listed below; the buyer takes them over and pays the price.",
    price: "2. Price and payment",
    price_text: "The price is {total} including VAT, invoiced with invoice {number}, payable by {date} by bank transfer with the payment reference {vs}.",
    delivery_title: "3. Delivery",
    delivery_text: "The seller delivers on {date}.",
    delivery_agreed: "The seller delivers on the date agreed with the buyer.",
    final_title: "4. Final provisions",
    final_text: "This contract takes effect when signed by both parties. Each party receives one copy.",
    signature_seller: "For the seller",
    signature_buyer: "For the buyer",
    page: "Page",
};

const CS: InvoiceLabels = InvoiceLabels {
    invoice: "Faktura",
    vat_invoice: "Faktura – daňový doklad",
    number: "Faktura č.",
    issued: "Datum vystavení",
    due: "Datum splatnosti",
    delivery: "Dodání",
    variable_symbol: "Variabilní symbol",
    seller: "Dodavatel",
    buyer: "Odběratel",
    company_id: "IČO",
    vat_id: "DIČ",
    payment: "Platba",
    account: "Účet",
    iban: "IBAN",
    bic: "BIC",
    position: "#",
    item: "Položka",
    quantity: "Množství",
    unit_price: "Cena za jednotku",
    discount: "Sleva",
    vat_rate: "DPH",
    line_total: "Částka",
    vat_summary: "Rekapitulace DPH",
    rate: "Sazba",
    base: "Základ",
    vat: "DPH",
    gross: "Celkem",
    total_net: "Celkem bez DPH",
    total_vat: "DPH",
    to_pay: "K úhradě",
    pay_note: "Zaplaťte prosím převodem s variabilním symbolem {vs} do {date}.",
    contract: "Smlouva",
    contract_no: "Smlouva č.",
    date: "Datum",
    parties: "Smluvní strany",
    subject: "1. Předmět smlouvy",
    subject_text: "Dodavatel dodá odběrateli zboží a služby uvedené níže; odběratel je převezme a zaplatí cenu.",
    price: "2. Cena a platba",
    price_text: "Cena činí {total} včetně DPH, je vyúčtována fakturou {number} a je splatná do {date} převodem s variabilním symbolem {vs}.",
    delivery_title: "3. Dodání",
    delivery_text: "Dodavatel dodá dne {date}.",
    delivery_agreed: "Dodavatel dodá v termínu dohodnutém s odběratelem.",
    final_title: "4. Závěrečná ustanovení",
    final_text: "Smlouva nabývá účinnosti podpisem obou stran. Každá strana obdrží jedno vyhotovení.",
    signature_seller: "Za dodavatele",
    signature_buyer: "Za odběratele",
    page: "Strana",
};

const RU: InvoiceLabels = InvoiceLabels {
    invoice: "Счёт",
    vat_invoice: "Счёт-фактура",
    number: "Счёт №",
    issued: "Дата",
    due: "Оплатить до",
    delivery: "Поставка",
    variable_symbol: "Назначение платежа",
    seller: "Поставщик",
    buyer: "Покупатель",
    company_id: "ИНН",
    vat_id: "КПП / НДС",
    payment: "Оплата",
    account: "Счёт",
    iban: "IBAN",
    bic: "БИК",
    position: "№",
    item: "Наименование",
    quantity: "Кол-во",
    unit_price: "Цена",
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
    to_pay: "К оплате",
    pay_note: "Оплатите, пожалуйста, банковским переводом с назначением платежа {vs} до {date}.",
    contract: "Договор",
    contract_no: "Договор №",
    date: "Дата",
    parties: "Стороны",
    subject: "1. Предмет договора",
    subject_text: "Поставщик поставляет покупателю товары и услуги, перечисленные ниже; покупатель принимает их и оплачивает цену.",
    price: "2. Цена и оплата",
    price_text: "Цена составляет {total} с НДС, выставлена счётом {number} и оплачивается до {date} банковским переводом с назначением платежа {vs}.",
    delivery_title: "3. Поставка",
    delivery_text: "Поставщик осуществляет поставку {date}.",
    delivery_agreed: "Поставщик осуществляет поставку в срок, согласованный с покупателем.",
    final_title: "4. Заключительные положения",
    final_text: "Договор вступает в силу с момента подписания обеими сторонами. Каждая сторона получает один экземпляр.",
    signature_seller: "За поставщика",
    signature_buyer: "За покупателя",
    page: "Стр.",
};

const PL: InvoiceLabels = InvoiceLabels {
    invoice: "Faktura",
    vat_invoice: "Faktura VAT",
    number: "Faktura nr",
    issued: "Data wystawienia",
    due: "Termin płatności",
    delivery: "Dostawa",
    variable_symbol: "Tytuł płatności",
    seller: "Sprzedawca",
    buyer: "Nabywca",
    company_id: "REGON",
    vat_id: "NIP",
    payment: "Płatność",
    account: "Konto",
    iban: "IBAN",
    bic: "BIC",
    position: "Lp.",
    item: "Pozycja",
    quantity: "Ilość",
    unit_price: "Cena jedn.",
    discount: "Rabat",
    vat_rate: "VAT",
    line_total: "Kwota",
    vat_summary: "Zestawienie VAT",
    rate: "Stawka",
    base: "Netto",
    vat: "VAT",
    gross: "Brutto",
    total_net: "Razem netto",
    total_vat: "VAT",
    to_pay: "Do zapłaty",
    pay_note: "Prosimy o przelew z tytułem płatności {vs} do {date}.",
    contract: "Umowa",
    contract_no: "Umowa nr",
    date: "Data",
    parties: "Strony umowy",
    subject: "1. Przedmiot umowy",
    subject_text: "Sprzedawca dostarcza nabywcy towary i usługi wymienione poniżej; nabywca je odbiera i płaci cenę.",
    price: "2. Cena i płatność",
    price_text: "Cena wynosi {total} brutto, jest zafakturowana fakturą {number} i płatna do {date} przelewem z tytułem płatności {vs}.",
    delivery_title: "3. Dostawa",
    delivery_text: "Sprzedawca dostarcza w dniu {date}.",
    delivery_agreed: "Sprzedawca dostarcza w terminie uzgodnionym z nabywcą.",
    final_title: "4. Postanowienia końcowe",
    final_text: "Umowa wchodzi w życie z chwilą podpisania przez obie strony. Każda ze stron otrzymuje jeden egzemplarz.",
    signature_seller: "W imieniu sprzedawcy",
    signature_buyer: "W imieniu nabywcy",
    page: "Strona",
};

const HE: InvoiceLabels = InvoiceLabels {
    invoice: "חשבונית",
    vat_invoice: "חשבונית מס",
    number: "חשבונית מס׳",
    issued: "תאריך הנפקה",
    due: "לתשלום עד",
    delivery: "אספקה",
    variable_symbol: "אסמכתת תשלום",
    seller: "הספק",
    buyer: "הלקוח",
    company_id: "ח״פ",
    vat_id: "מספר עוסק",
    payment: "תשלום",
    account: "חשבון",
    iban: "IBAN",
    bic: "BIC",
    position: "#",
    item: "פריט",
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
    to_pay: "לתשלום",
    pay_note: "נא לשלם בהעברה בנקאית עם אסמכתת התשלום {vs} עד {date}.",
    contract: "חוזה",
    contract_no: "חוזה מס׳",
    date: "תאריך",
    parties: "הצדדים",
    subject: "1. נושא החוזה",
    subject_text: "הספק מספק ללקוח את הסחורות והשירותים המפורטים להלן; הלקוח מקבל אותם ומשלם את המחיר.",
    price: "2. מחיר ותשלום",
    price_text: "המחיר הוא {total} כולל מע״מ, לפי חשבונית {number}, לתשלום עד {date} בהעברה בנקאית עם אסמכתת התשלום {vs}.",
    delivery_title: "3. אספקה",
    delivery_text: "הספק מספק בתאריך {date}.",
    delivery_agreed: "הספק מספק במועד שסוכם עם הלקוח.",
    final_title: "4. הוראות סיום",
    final_text: "החוזה נכנס לתוקף עם חתימת שני הצדדים. כל צד מקבל עותק אחד.",
    signature_seller: "בשם הספק",
    signature_buyer: "בשם הלקוח",
    page: "עמוד",
};

/// The invoice's and the contract's words in `language`.
pub fn invoice_labels(language: Language) -> &'static InvoiceLabels {
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
    company_id: String,
    vat_id: String,
    contacts: Vec<String>,
}

#[derive(Serialize)]
struct LineView {
    position: usize,
    name: String,
    quantity: String,
    unit_price: String,
    discount: String,
    vat_rate: String,
    total: String,
}

#[derive(Serialize)]
struct VatView {
    rate: String,
    base: String,
    vat: String,
    gross: String,
}

#[derive(Serialize)]
struct View {
    lang: &'static str,
    rtl: bool,
    font: &'static str,
    labels: &'static InvoiceLabels,
    /// The word printed at the top: "Invoice", "VAT invoice" or "Contract".
    heading: String,
    title: String,
    author: String,
    logo: Option<(&'static str, &'static str)>,
    seller: PartyView,
    buyer: PartyView,
    number: String,
    variable_symbol: String,
    issued: String,
    due: String,
    delivery: String,
    bank: Vec<(String, String)>,
    lines: Vec<LineView>,
    vat_summary: Vec<VatView>,
    net: String,
    vat: String,
    gross: String,
    /// Texts with their values put in.
    pay_note: String,
    price_text: String,
    delivery_text: String,
}

fn seller(c: &Company) -> PartyView {
    PartyView {
        name: isolated(&c.name),
        company: String::new(),
        address_lines: all_isolated(&c.address_lines),
        company_id: isolated(&c.company_id),
        vat_id: isolated(&c.vat_id),
        contacts: all_isolated(&[c.phone.clone(), c.email.clone(), c.web.clone()]),
    }
}

fn buyer(c: &Customer) -> PartyView {
    PartyView {
        name: isolated(&c.name),
        company: isolated(&c.company),
        address_lines: all_isolated(&c.address_lines),
        company_id: String::new(),
        vat_id: String::new(),
        contacts: vec![],
    }
}

fn bank(b: &BankDetails, l: &InvoiceLabels) -> Vec<(String, String)> {
    [(l.account, &b.account), (l.iban, &b.iban), (l.bic, &b.bic)]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.to_owned(), isolated(v)))
        .collect()
}

fn lines(ls: &[OfferLine]) -> Vec<LineView> {
    ls.iter()
        .enumerate()
        .map(|(i, l)| LineView {
            position: i + 1,
            name: isolated(&l.name),
            quantity: isolated(&l.quantity),
            unit_price: isolated(&l.unit_price),
            discount: isolated(&l.discount),
            vat_rate: isolated(&l.vat_rate),
            total: isolated(&l.total),
        })
        .collect()
}

fn fill(text: &str, pairs: &[(&str, &str)]) -> String {
    pairs.iter().fold(text.to_owned(), |t, (k, v)| t.replace(k, &isolated(v)))
}

#[allow(clippy::too_many_arguments)]
fn view(
    language: Language,
    title: &str,
    company: &Company,
    customer: &Customer,
    number: &str,
    vs: &str,
    issued: &str,
    due: &str,
    delivery: &str,
    bank_details: &BankDetails,
    ls: &[OfferLine],
    vat_summary: &[VatSummaryRow],
    totals: &Totals,
) -> View {
    let l = invoice_labels(language);
    let gross = format!("{}\u{a0}{}", totals.gross.trim(), totals.currency.trim());
    let pairs = [("{vs}", vs), ("{date}", due), ("{number}", number), ("{total}", gross.as_str())];
    View {
        lang: language.code(),
        rtl: language.direction() == Direction::RightToLeft,
        font: FAMILY,
        labels: l,
        heading: title.to_owned(),
        title: format!("{title} {}", number.trim()).trim().to_owned(),
        author: company.name.trim().to_owned(),
        logo: company.logo.as_ref().map(|logo| (LOGO_PATH, logo.format.typst_name())),
        seller: seller(company),
        buyer: buyer(customer),
        number: isolated(number),
        variable_symbol: isolated(vs),
        issued: isolated(issued),
        due: isolated(due),
        delivery: isolated(delivery),
        bank: bank(bank_details, l),
        lines: lines(ls),
        vat_summary: vat_summary
            .iter()
            .map(|r| VatView { rate: isolated(&r.rate), base: isolated(&r.base), vat: isolated(&r.vat), gross: isolated(&r.gross) })
            .collect(),
        net: money(&totals.net, &totals.currency),
        vat: money(&totals.vat, &totals.currency),
        gross: money(&totals.gross, &totals.currency),
        pay_note: fill(l.pay_note, &pairs),
        price_text: fill(l.price_text, &pairs),
        delivery_text: if delivery.trim().is_empty() {
            l.delivery_agreed.to_owned()
        } else {
            fill(l.delivery_text, &[("{date}", delivery)])
        },
    }
}

/// Lays the invoice out and writes it as PDF.
pub fn invoice_pdf(doc: &InvoiceDocument) -> Result<Vec<u8>, DocumentError> {
    titled_invoice_pdf(doc, false)
}

/// The same invoice titled "VAT invoice" (the tax document of the driver's pack, issue 21).
pub fn vat_invoice_pdf(doc: &InvoiceDocument) -> Result<Vec<u8>, DocumentError> {
    titled_invoice_pdf(doc, true)
}

fn titled_invoice_pdf(doc: &InvoiceDocument, vat: bool) -> Result<Vec<u8>, DocumentError> {
    let l = invoice_labels(doc.language);
    let v = view(
        doc.language,
        if vat { l.vat_invoice } else { l.invoice },
        &doc.company,
        &doc.customer,
        &doc.number,
        &doc.variable_symbol,
        &doc.issued,
        &doc.due,
        &doc.delivery,
        &doc.bank,
        &doc.lines,
        &doc.vat_summary,
        &doc.totals,
    );
    let data = serde_json::to_vec(&v).map_err(|e| DocumentError::Data(e.to_string()))?;
    let logo = doc.company.logo.as_ref().map(|logo| logo.bytes.clone());
    let id = if vat { "pronto-vat-invoice" } else { "pronto-invoice" };
    compile(INVOICE_TEMPLATE, data, logo, format!("{id}:{}:{}", doc.number, doc.language.code()))
}

/// Lays the contract out and writes it as PDF.
pub fn contract_pdf(doc: &ContractDocument) -> Result<Vec<u8>, DocumentError> {
    let l = invoice_labels(doc.language);
    let v = view(
        doc.language,
        l.contract,
        &doc.company,
        &doc.customer,
        &doc.number,
        &doc.variable_symbol,
        &doc.date,
        &doc.due,
        &doc.delivery,
        &doc.bank,
        &doc.lines,
        &[],
        &doc.totals,
    );
    let data = serde_json::to_vec(&v).map_err(|e| DocumentError::Data(e.to_string()))?;
    let logo = doc.company.logo.as_ref().map(|logo| logo.bytes.clone());
    compile(CONTRACT_TEMPLATE, data, logo, format!("pronto-contract:{}:{}", doc.number, doc.language.code()))
}
