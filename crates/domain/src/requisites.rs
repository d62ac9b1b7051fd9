//! The customer's requisites per lead (issue 21): what an invoice, a contract and the carrier
//! need — a private person's details (`b2c`: name, phone, e-mail, address and the passport data
//! the carrier asks for) or a legal entity's (`b2b`: company, company id, VAT id, address,
//! contact person).
//!
//! Pure: [`RequisitesDraft::parse`] checks every field at once and reports each problem with
//! the field it is about, a `code` the pages translate (`requisites-err-CODE`) and an English
//! message (the API's 422). Phone and e-mail are checked as the intake checks them
//! ([`Phone`], [`Email`]); the company id as everywhere ([`CompanyId`], the IČO checksum in
//! CZ); the VAT id by the format of its country ([`VatId`]).

use crate::error::FieldErrors;
use crate::lead::CustomerType;
use crate::values::{CompanyId, Email, Invalid, Line, Phone, Region, Text};

pub const NAME_MAX: usize = 200;
pub const ADDRESS_MAX: usize = 500;
pub const ID_DOCUMENT_MAX: usize = 500;

/// The fields of each type, in the order forms show them.
pub const B2C_FIELDS: &[&str] = &["full_name", "phone", "email", "address", "id_document"];
pub const B2B_FIELDS: &[&str] = &["company", "company_id", "vat_id", "address", "contact_person"];
/// Fields a type may leave empty: a legal entity that is not a VAT payer has no VAT id.
pub const OPTIONAL_FIELDS: &[&str] = &["vat_id"];

/// The fields a customer type asks for.
pub fn fields_of(t: CustomerType) -> &'static [&'static str] {
    match t {
        CustomerType::B2c => B2C_FIELDS,
        CustomerType::B2b => B2B_FIELDS,
    }
}

/// What was typed, every field optional (the API's JSON, the pages' forms).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequisitesDraft {
    pub customer_type: Option<String>,
    pub full_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub id_document: Option<String>,
    pub company: Option<String>,
    pub company_id: Option<String>,
    pub vat_id: Option<String>,
    pub contact_person: Option<String>,
}

/// A private person's details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivatePerson {
    pub full_name: Line,
    pub phone: Phone,
    pub email: Email,
    pub address: Text,
    /// The passport (or identity card) data the carrier needs; sealed at rest.
    pub id_document: Text,
}

/// A legal entity's details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalEntity {
    pub company: Line,
    pub company_id: CompanyId,
    pub vat_id: Option<VatId>,
    pub address: Text,
    pub contact_person: Line,
}

/// Validated requisites of one type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requisites {
    Private(PrivatePerson),
    Legal(LegalEntity),
}

impl Requisites {
    pub fn customer_type(&self) -> CustomerType {
        match self {
            Requisites::Private(_) => CustomerType::B2c,
            Requisites::Legal(_) => CustomerType::B2b,
        }
    }
    /// The ISO 3166 country the VAT id names, when there is one.
    pub fn country(&self) -> Option<&str> {
        match self {
            Requisites::Legal(l) => l.vat_id.as_ref().map(VatId::country),
            Requisites::Private(_) => None,
        }
    }
}

/// One problem with one field: the field, a code the pages translate, the English message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub code: &'static str,
    pub message: String,
}

/// Every problem of a draft, in the order of the fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    fn add(&mut self, field: &'static str, code: &'static str, message: impl Into<String>) {
        self.0.push(Problem { field, code, message: message.into() });
    }
    /// The problem of `field`, if any.
    pub fn of(&self, field: &str) -> Option<&Problem> {
        self.0.iter().find(|p| p.field == field)
    }
    /// As the API's field errors (`{"field", "message"}`).
    pub fn to_field_errors(&self) -> FieldErrors {
        let mut e = FieldErrors::new();
        for p in &self.0 {
            e.add(p.field, p.message.clone());
        }
        e
    }
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl RequisitesDraft {
    /// The value typed into `field` (for forms that keep what was typed).
    pub fn value(&self, field: &str) -> Option<&str> {
        let v = match field {
            "customer_type" => &self.customer_type,
            "full_name" => &self.full_name,
            "phone" => &self.phone,
            "email" => &self.email,
            "address" => &self.address,
            "id_document" => &self.id_document,
            "company" => &self.company,
            "company_id" => &self.company_id,
            "vat_id" => &self.vat_id,
            "contact_person" => &self.contact_person,
            _ => return None,
        };
        v.as_deref()
    }

    /// Checks every field at once. `region` reads a phone written without a country code and
    /// a company id whose country the VAT id does not name.
    pub fn parse(&self, region: Region) -> Result<Requisites, Problems> {
        let mut p = Problems::default();
        let Some(t) = given(&self.customer_type) else {
            p.add("customer_type", "type-required", "is required: `b2c` (a private person) or `b2b` (a legal entity)");
            return Err(p);
        };
        let Ok(t) = CustomerType::parse(t) else {
            p.add("customer_type", "type-invalid", format!("`{t}` is neither `b2c` (a private person) nor `b2b` (a legal entity)"));
            return Err(p);
        };
        let (who, other) = match t {
            CustomerType::B2c => ("a private customer (b2c)", B2B_FIELDS),
            CustomerType::B2b => ("a legal entity (b2b)", B2C_FIELDS),
        };
        for f in fields_of(t) {
            if !OPTIONAL_FIELDS.contains(f) && given(&self.value_owned(f)).is_none() {
                p.add(*f, "required", format!("is required for {who}"));
            }
        }
        for f in other {
            if !fields_of(t).contains(f) && given(&self.value_owned(f)).is_some() {
                p.add(*f, "not-for-type", format!("is not asked of {who}"));
            }
        }
        let check = |p: &mut Problems, field: &'static str, code: &'static str, r: Result<(), Invalid>| {
            if let Err(e) = r {
                if p.of(field).is_none() {
                    p.add(field, code, e.0);
                }
            }
        };
        let address = given(&self.address).map(|a| Text::parse(a, ADDRESS_MAX));
        if let Some(Err(e)) = &address {
            check(&mut p, "address", "invalid", Err(e.clone()));
        }
        let line = |field: &Option<String>| given(field).map(|v| Line::parse(v, NAME_MAX));
        match t {
            CustomerType::B2c => {
                let full_name = line(&self.full_name);
                let phone = given(&self.phone).map(|v| Phone::parse(v, region));
                let email = given(&self.email).map(Email::parse);
                let id_document = given(&self.id_document).map(|v| Text::parse(v, ID_DOCUMENT_MAX));
                for (field, r) in [
                    ("full_name", full_name.as_ref().map(|r| r.as_ref().map(|_| ()))),
                    ("phone", phone.as_ref().map(|r| r.as_ref().map(|_| ()))),
                    ("email", email.as_ref().map(|r| r.as_ref().map(|_| ()))),
                    ("id_document", id_document.as_ref().map(|r| r.as_ref().map(|_| ()))),
                ] {
                    if let Some(r) = r {
                        check(&mut p, field, "invalid", r.map_err(Clone::clone));
                    }
                }
                if !p.0.is_empty() {
                    return Err(in_order(p, t));
                }
                match (full_name, phone, email, address, id_document) {
                    (Some(Ok(full_name)), Some(Ok(phone)), Some(Ok(email)), Some(Ok(address)), Some(Ok(id_document))) => {
                        Ok(Requisites::Private(PrivatePerson { full_name, phone, email, address, id_document }))
                    }
                    _ => Err(p),
                }
            }
            CustomerType::B2b => {
                let company = line(&self.company);
                let contact_person = line(&self.contact_person);
                let vat_id = given(&self.vat_id).map(VatId::parse);
                if let Some(Err(e)) = &vat_id {
                    check(&mut p, "vat_id", "vat-invalid", Err(e.clone()));
                }
                // The company id is read in the VAT id's country when it names one.
                let id_region = match &vat_id {
                    Some(Ok(v)) => Region::parse(v.country()).unwrap_or(region),
                    _ => region,
                };
                let company_id = given(&self.company_id).map(|v| CompanyId::parse(v, id_region));
                for (field, r) in [
                    ("company", company.as_ref().map(|r| r.as_ref().map(|_| ()))),
                    ("company_id", company_id.as_ref().map(|r| r.as_ref().map(|_| ()))),
                    ("contact_person", contact_person.as_ref().map(|r| r.as_ref().map(|_| ()))),
                ] {
                    if let Some(r) = r {
                        check(&mut p, field, "invalid", r.map_err(Clone::clone));
                    }
                }
                if !p.0.is_empty() {
                    return Err(in_order(p, t));
                }
                match (company, company_id, vat_id.transpose(), address, contact_person) {
                    (Some(Ok(company)), Some(Ok(company_id)), Ok(vat_id), Some(Ok(address)), Some(Ok(contact_person))) => {
                        Ok(Requisites::Legal(LegalEntity { company, company_id, vat_id, address, contact_person }))
                    }
                    _ => Err(p),
                }
            }
        }
        .map_err(|p| in_order(p, t))
    }

    fn value_owned(&self, field: &str) -> Option<String> {
        self.value(field).map(str::to_owned)
    }
}

/// The problems in the order the type's form shows its fields (the other type's fields last).
fn in_order(mut p: Problems, t: CustomerType) -> Problems {
    let order = fields_of(t);
    p.0.sort_by_key(|x| order.iter().position(|f| *f == x.field).unwrap_or(usize::MAX));
    p
}

/// A VAT identification number: the country's two letters and the number, spaces, dots and
/// dashes removed, upper-cased (`CZ27082440`). The format is checked per country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatId(String);

/// The EU's VAT prefixes (Greece is `EL`; Northern Ireland `XI`).
const EU: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL",
    "PT", "RO", "SE", "SI", "SK", "XI",
];

fn digits(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit())
}

impl VatId {
    pub fn parse(text: &str) -> Result<VatId, Invalid> {
        let norm: String =
            text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '/')).flat_map(char::to_uppercase).collect();
        let shown = text.trim();
        if norm.len() < 3 || !norm.is_char_boundary(2) || !norm[..2].chars().all(|c| c.is_ascii_uppercase()) {
            return Err(Invalid(format!("`{shown}` is not a VAT id: it starts with the country's two letters, such as CZ12345678")));
        }
        let (cc, rest) = norm.split_at(2);
        let (ok, format) = match cc {
            "CZ" => (digits(rest, 8, 10), "CZ followed by 8 to 10 digits"),
            "SK" => (digits(rest, 10, 10), "SK followed by 10 digits"),
            "PL" => (digits(rest, 10, 10), "PL followed by 10 digits"),
            "DE" => (digits(rest, 9, 9), "DE followed by 9 digits"),
            "AT" => (rest.len() == 9 && rest.starts_with('U') && digits(&rest[1..], 8, 8), "ATU followed by 8 digits"),
            "IL" => (digits(rest, 9, 9), "IL followed by 9 digits"),
            "GB" => (
                digits(rest, 9, 9)
                    || digits(rest, 12, 12)
                    || ((rest.starts_with("GD") || rest.starts_with("HA")) && digits(&rest[2..], 3, 3)),
                "GB followed by 9 or 12 digits (or GD/HA and 3 digits)",
            ),
            cc if EU.contains(&cc) => {
                (rest.len() >= 2 && rest.len() <= 13 && rest.chars().all(|c| c.is_ascii_alphanumeric()), "the country code followed by 2 to 13 letters and digits")
            }
            _ => {
                return Err(Invalid(format!(
                    "`{shown}` is not a VAT id: `{cc}` is not a country whose VAT ids Pronto knows (EU countries, GB, IL)"
                )));
            }
        };
        if !ok {
            return Err(Invalid(format!("`{shown}` is not a valid {cc} VAT id: {format}")));
        }
        Ok(VatId(norm))
    }
    pub fn from_stored(s: String) -> Self {
        VatId(s)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The ISO 3166 code of the country (`EL` reads as `GR`, `XI` as `GB`).
    pub fn country(&self) -> &str {
        match &self.0[..2] {
            "EL" => "GR",
            "XI" => "GB",
            cc => cc,
        }
    }
}

/// The passport data as staff who may not read it see it: only that it is there.
pub const MASK: &str = "••••••";

#[cfg(test)]
mod tests {
    use super::*;

    fn private() -> RequisitesDraft {
        RequisitesDraft {
            customer_type: Some("b2c".into()),
            full_name: Some("Jana Nováková".into()),
            phone: Some("777 123 456".into()),
            email: Some("Jana@Example.cz".into()),
            address: Some("Dlouhá 5\n110 00 Praha 1".into()),
            id_document: Some("Passport 45123987, valid until 2031-05-01".into()),
            ..Default::default()
        }
    }

    fn legal() -> RequisitesDraft {
        RequisitesDraft {
            customer_type: Some("b2b".into()),
            company: Some("Stavby Novák s.r.o.".into()),
            company_id: Some("270 82 440".into()),
            vat_id: Some("CZ 27082440".into()),
            address: Some("Dlouhá 5, Praha".into()),
            contact_person: Some("Petr Novák".into()),
            ..Default::default()
        }
    }

    fn problems(d: &RequisitesDraft) -> Vec<(&'static str, &'static str, String)> {
        match d.parse(Region::default()) {
            Ok(r) => panic!("accepted: {r:?}"),
            Err(p) => p.0.into_iter().map(|p| (p.field, p.code, p.message)).collect(),
        }
    }

    #[test]
    fn valid_requisites_of_each_type_are_normalised() {
        let Requisites::Private(p) = private().parse(Region::default()).unwrap() else { panic!() };
        assert_eq!(p.phone.as_str(), "+420777123456");
        assert_eq!(p.email.as_str(), "jana@example.cz");
        assert_eq!(p.full_name.as_str(), "Jana Nováková");
        let r = legal().parse(Region::default()).unwrap();
        assert_eq!(r.customer_type(), CustomerType::B2b);
        assert_eq!(r.country(), Some("CZ"));
        let Requisites::Legal(l) = r else { panic!() };
        assert_eq!(l.company_id.as_str(), "27082440");
        assert_eq!(l.vat_id.unwrap().as_str(), "CZ27082440");
        // A legal entity that is no VAT payer leaves the VAT id out.
        let mut d = legal();
        d.vat_id = Some("  ".into());
        let Requisites::Legal(l) = d.parse(Region::default()).unwrap() else { panic!() };
        assert_eq!(l.vat_id, None);
        // The company id is read in the VAT id's country: a Polish NIP is no IČO.
        let mut d = legal();
        d.company_id = Some("123-456-32-18".into());
        d.vat_id = Some("PL1234563218".into());
        assert!(d.parse(Region::default()).is_ok());
    }

    #[test]
    fn each_missing_or_invalid_field_is_named() {
        type Case = (&'static str, fn(&mut RequisitesDraft), &'static [(&'static str, &'static str, &'static str)]);
        let cases: &[Case] = &[
            ("no type", |d| d.customer_type = None, &[("customer_type", "type-required", "is required: `b2c`")]),
            ("unknown type", |d| d.customer_type = Some("b2x".into()), &[("customer_type", "type-invalid", "`b2x` is neither")]),
            ("b2c without a name", |d| d.full_name = None, &[("full_name", "required", "is required for a private customer (b2c)")]),
            ("b2c blank phone", |d| d.phone = Some("  ".into()), &[("phone", "required", "is required for a private customer")]),
            ("b2c bad phone", |d| d.phone = Some("12".into()), &[("phone", "invalid", "`12` is not a valid phone number")]),
            ("b2c bad e-mail", |d| d.email = Some("jana@".into()), &[("email", "invalid", "`jana@` is not an e-mail address")]),
            ("b2c without an address", |d| d.address = None, &[("address", "required", "is required for a private customer")]),
            ("b2c without passport data", |d| d.id_document = None, &[("id_document", "required", "is required for a private customer")]),
            ("b2c passport too long", |d| d.id_document = Some("x".repeat(501)), &[("id_document", "invalid", "is longer than 500 characters")]),
            ("b2c name on two lines", |d| d.full_name = Some("Jana\nNováková".into()), &[("full_name", "invalid", "single line")]),
            ("b2c with a company id", |d| d.company_id = Some("27082440".into()), &[("company_id", "not-for-type", "is not asked of a private customer (b2c)")]),
            (
                "b2c all missing",
                |d| *d = RequisitesDraft { customer_type: Some("b2c".into()), ..Default::default() },
                &[
                    ("full_name", "required", "is required"),
                    ("phone", "required", "is required"),
                    ("email", "required", "is required"),
                    ("address", "required", "is required"),
                    ("id_document", "required", "is required"),
                ],
            ),
        ];
        for (name, change, want) in cases {
            let mut d = private();
            change(&mut d);
            let got = problems(&d);
            assert_eq!(got.len(), want.len(), "{name}: {got:?}");
            for ((f, c, m), (wf, wc, wm)) in got.iter().zip(want.iter()) {
                assert_eq!((*f, *c), (*wf, *wc), "{name}: {got:?}");
                assert!(m.contains(wm), "{name}: {m:?} lacks {wm:?}");
            }
        }
        let b2b: &[Case] = &[
            ("b2b without a company", |d| d.company = None, &[("company", "required", "is required for a legal entity (b2b)")]),
            ("b2b without a company id", |d| d.company_id = None, &[("company_id", "required", "is required for a legal entity")]),
            ("b2b bad IČO", |d| d.company_id = Some("26168684".into()), &[("company_id", "invalid", "is not a valid IČO (checksum)")]),
            ("b2b without a contact person", |d| d.contact_person = None, &[("contact_person", "required", "is required for a legal entity")]),
            ("b2b bad VAT id", |d| d.vat_id = Some("CZ123".into()), &[("vat_id", "vat-invalid", "is not a valid CZ VAT id: CZ followed by 8 to 10 digits")]),
            ("b2b with passport data", |d| d.id_document = Some("Passport 1".into()), &[("id_document", "not-for-type", "is not asked of a legal entity (b2b)")]),
            (
                "b2b everything wrong",
                |d| {
                    d.company = None;
                    d.vat_id = Some("XX1".into());
                    d.address = Some("a\u{7}b".into());
                },
                &[("company", "required", "is required"), ("vat_id", "vat-invalid", "`XX` is not a country"), ("address", "invalid", "control characters")],
            ),
        ];
        for (name, change, want) in b2b {
            let mut d = legal();
            change(&mut d);
            let got = problems(&d);
            assert_eq!(got.len(), want.len(), "{name}: {got:?}");
            for ((f, c, m), (wf, wc, wm)) in got.iter().zip(want.iter()) {
                assert_eq!((*f, *c), (*wf, *wc), "{name}: {got:?}");
                assert!(m.contains(wm), "{name}: {m:?} lacks {wm:?}");
            }
        }
    }

    #[test]
    fn vat_ids_by_country() {
        let good = [
            ("CZ 270 82 440", "CZ27082440", "CZ"),
            ("cz8501011234", "CZ8501011234", "CZ"),
            ("SK2020317068", "SK2020317068", "SK"),
            ("PL 526-000-12-46", "PL5260001246", "PL"),
            ("DE123456789", "DE123456789", "DE"),
            ("ATU12345678", "ATU12345678", "AT"),
            ("IL516179157", "IL516179157", "IL"),
            ("GB123456789", "GB123456789", "GB"),
            ("GB123456789012", "GB123456789012", "GB"),
            ("GBGD123", "GBGD123", "GB"),
            ("FR12345678901", "FR12345678901", "FR"),
            ("EL123456789", "EL123456789", "GR"),
            ("NL123456789B01", "NL123456789B01", "NL"),
            ("XI123456789", "XI123456789", "GB"),
        ];
        for (typed, norm, country) in good {
            let v = VatId::parse(typed).unwrap_or_else(|e| panic!("{typed}: {e}"));
            assert_eq!((v.as_str(), v.country()), (norm, country), "{typed}");
        }
        let bad = [
            ("CZ1234567", "CZ followed by 8 to 10 digits"),
            ("CZ12345678901", "CZ followed by 8 to 10 digits"),
            ("CZ1234567A", "CZ followed by 8 to 10 digits"),
            ("SK123456789", "SK followed by 10 digits"),
            ("PL123456789", "PL followed by 10 digits"),
            ("DE12345678", "DE followed by 9 digits"),
            ("AT12345678", "ATU followed by 8 digits"),
            ("IL12345678", "IL followed by 9 digits"),
            ("GB12345678", "GB followed by 9 or 12 digits"),
            ("FR1", "2 to 13 letters and digits"),
            ("FR12345678901234", "2 to 13 letters and digits"),
            ("US123456789", "`US` is not a country"),
            ("12345678", "starts with the country's two letters"),
            ("", "starts with the country's two letters"),
            ("ČZ12345678", "starts with the country's two letters"),
        ];
        for (typed, says) in bad {
            let e = VatId::parse(typed).expect_err(typed);
            assert!(e.0.contains(says), "{typed}: {e}");
        }
    }

    #[test]
    fn problems_become_the_apis_field_errors() {
        let mut d = private();
        d.email = None;
        let e = d.parse(Region::default()).unwrap_err();
        assert_eq!(e.to_field_errors().to_string(), "email: is required for a private customer (b2c)");
        assert_eq!(d.value("full_name"), Some("Jana Nováková"));
        assert_eq!(d.value("nope"), None);
    }
}
