//! What an intake joins and records: which existing contact and company a new lead belongs
//! to, what is created or filled in, and the text the lead is searched by. Pure: the store
//! loads the [`Candidates`] (the company with the lead's registration number, the contacts
//! holding its phone or e-mail), calls [`plan`] and applies the [`Plan`] it returns.
//!
//! The rules: the same registration number is the same company, and the same phone or
//! e-mail is the same person; a name alone never is. The phone decides when phone and e-mail
//! point at two contacts (the other one is a possible duplicate). A known contact's details
//! are filled where they are missing, never overwritten.

use crate::lead::NewLead;
use crate::search;

/// A company as stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CompanyRow {
    pub id: i64,
    pub name: Option<String>,
    /// The registration number.
    pub reg: Option<String>,
}

/// A contact as stored, with its company.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactRow {
    pub id: i64,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<CompanyRow>,
}

/// What the store found for an intake.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// The company with the lead's registration number.
    pub company_by_reg: Option<CompanyRow>,
    /// The contact who has the lead's phone number.
    pub by_phone: Option<ContactRow>,
    /// The contact who has the lead's e-mail address.
    pub by_email: Option<ContactRow>,
}

/// The lead's company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompanyChoice {
    None,
    Existing(i64),
    /// A company to create (at most one per intake).
    New {
        name: Option<String>,
        reg: Option<String>,
    },
}

/// The lead's contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactChoice {
    /// A known contact, updated to the plan's details; `own_company` is the company it keeps
    /// (none: it takes the lead's).
    Existing { id: i64, own_company: Option<i64> },
    /// A new contact, with the lead's company.
    New,
}

/// What an intake records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// A company found by registration number that had no name gets the lead's.
    pub name_company: Option<(i64, String)>,
    pub company: CompanyChoice,
    pub contact: ContactChoice,
    /// The contact's name, e-mail and phone after this intake.
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// The contact's identities to record (kind, value): the phone first.
    pub identities: Vec<(&'static str, String)>,
    /// Another contact that has one of the lead's identities.
    pub possible_duplicate: Option<i64>,
    /// The lead's folded search text.
    pub search: String,
}

impl Plan {
    /// Whether the contact is a new one.
    pub fn contact_is_new(&self) -> bool {
        self.contact == ContactChoice::New
    }
}

/// Decides what `lead` joins and records, given what the store found.
pub fn plan(lead: &NewLead, found: &Candidates) -> Plan {
    let ct = &lead.contact;
    let given_name = ct.name.as_ref().map(|n| n.as_str().to_owned());
    let given_email = ct.email.as_ref().map(|e| e.as_str().to_owned());
    let given_phone = ct.phone.as_ref().map(|p| p.as_str().to_owned());
    let given_company = ct.company.as_ref().map(|n| n.as_str().to_owned());

    // The company: the same registration number is the same company; a name alone never is.
    let mut name_company = None;
    // The lead's company with the name and number it shows.
    let mut company: Option<(CompanyChoice, CompanyRow)> = match &ct.company_id {
        Some(reg) => match &found.company_by_reg {
            Some(row) => {
                let mut shown = row.clone();
                if row.name.is_none()
                    && let Some(name) = &given_company
                {
                    name_company = Some((row.id, name.clone()));
                    shown.name = Some(name.clone());
                }
                shown.reg = Some(reg.as_str().to_owned());
                Some((CompanyChoice::Existing(row.id), shown))
            }
            None => {
                let reg = Some(reg.as_str().to_owned());
                let shown = CompanyRow { id: 0, name: given_company.clone(), reg: reg.clone() };
                Some((CompanyChoice::New { name: given_company.clone(), reg }, shown))
            }
        },
        None => None,
    };

    // The contact: the same phone or e-mail is the same person; the phone decides.
    let hits: Vec<&ContactRow> = [&found.by_phone, &found.by_email].into_iter().flatten().collect();
    let matched = hits.first().copied();
    let possible_duplicate = matched.and_then(|m| hits.iter().find(|h| h.id != m.id).map(|h| h.id));
    let new_named_company = |name: &String| {
        (CompanyChoice::New { name: Some(name.clone()), reg: None }, CompanyRow { id: 0, name: Some(name.clone()), reg: None })
    };
    let (contact, name, email, phone) = match matched {
        Some(row) => {
            // Fill what the contact lacks; never overwrite what a person entered before.
            let own = row.company.clone();
            if company.is_none() {
                company = own.clone().map(|c| (CompanyChoice::Existing(c.id), c));
            }
            // A returning customer naming their company for the first time: record it.
            if company.is_none()
                && let Some(name) = &given_company
            {
                company = Some(new_named_company(name));
            }
            (
                ContactChoice::Existing { id: row.id, own_company: own.map(|c| c.id) },
                row.name.clone().or(given_name),
                row.email.clone().or(given_email),
                row.phone.clone().or(given_phone),
            )
        }
        None => {
            if company.is_none()
                && let Some(name) = &given_company
            {
                company = Some(new_named_company(name));
            }
            (ContactChoice::New, given_name, given_email, given_phone)
        }
    };

    let mut identities = Vec::with_capacity(2);
    if let Some(p) = &ct.phone {
        identities.push(("phone", p.as_str().to_owned()));
    }
    if let Some(e) = &ct.email {
        identities.push(("email", e.as_str().to_owned()));
    }

    let company_shown =
        company.as_ref().map(|(_, row)| [row.name.clone(), row.reg.clone()].into_iter().flatten().collect::<Vec<_>>().join(" "));
    let line = |v: &Option<crate::values::Line>| v.as_ref().map(|x| x.as_str().to_owned());
    let search = search::fold(
        &[
            name.clone(),
            email.clone(),
            phone.clone(),
            company_shown,
            line(&lead.subject),
            lead.message.as_ref().map(|m| m.as_str().to_owned()),
            lead.postal_code.as_ref().map(|p| p.as_str().to_owned()),
            line(&lead.product),
            line(&lead.source),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" "),
    );
    Plan {
        name_company,
        company: company.map_or(CompanyChoice::None, |(choice, _)| choice),
        contact,
        name,
        email,
        phone,
        identities,
        possible_duplicate,
        search,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lead::{ContactDraft, LeadDraft};
    use crate::values::Region;

    fn lead(name: Option<&str>, email: Option<&str>, phone: Option<&str>, company: Option<&str>, reg: Option<&str>) -> NewLead {
        let s = |v: Option<&str>| v.map(str::to_owned);
        LeadDraft {
            channel: Some("web".into()),
            contact: ContactDraft { name: s(name), email: s(email), phone: s(phone), company: s(company), company_id: s(reg) },
            subject: Some("Roof".into()),
            ..Default::default()
        }
        .parse(Region::default(), "2026-03-02T09:00:00Z".parse().unwrap())
        .unwrap()
    }

    fn company(id: i64, name: Option<&str>, reg: Option<&str>) -> CompanyRow {
        CompanyRow { id, name: name.map(str::to_owned), reg: reg.map(str::to_owned) }
    }

    fn contact(id: i64, name: Option<&str>, email: Option<&str>, phone: Option<&str>, co: Option<CompanyRow>) -> ContactRow {
        ContactRow { id, name: name.map(str::to_owned), email: email.map(str::to_owned), phone: phone.map(str::to_owned), company: co }
    }

    /// One intake, what the store found, and the contact, company, duplicate and search text
    /// the plan must come to.
    struct Case {
        what: &'static str,
        lead: NewLead,
        found: Candidates,
        contact: ContactChoice,
        company: CompanyChoice,
        name_company: Option<(i64, String)>,
        shown: [Option<&'static str>; 3],
        duplicate: Option<i64>,
        search: &'static str,
    }

    #[test]
    fn intakes_join_and_record() {
        let phone = lead(None, None, Some("777 123 456"), None, None).contact.phone.unwrap().as_str().to_owned();
        let phone: &'static str = Box::leak(phone.into_boxed_str());
        let cases = vec![
            Case {
                what: "a stranger without a company is a new contact",
                lead: lead(Some("Jana Nová"), Some("jana@example.com"), None, None, None),
                found: Candidates::default(),
                contact: ContactChoice::New,
                company: CompanyChoice::None,
                name_company: None,
                shown: [Some("Jana Nová"), Some("jana@example.com"), None],
                duplicate: None,
                search: "jana nova jana@example.com roof",
            },
            Case {
                what: "a company named without a number is created by name",
                lead: lead(Some("Jana"), Some("jana@example.com"), None, Some("Acme"), None),
                found: Candidates::default(),
                contact: ContactChoice::New,
                company: CompanyChoice::New { name: Some("Acme".into()), reg: None },
                name_company: None,
                shown: [Some("Jana"), Some("jana@example.com"), None],
                duplicate: None,
                search: "jana jana@example.com acme roof",
            },
            Case {
                what: "an unknown registration number is a new company with it",
                lead: lead(Some("Jana"), Some("jana@example.com"), None, Some("Acme"), Some("27074358")),
                found: Candidates::default(),
                contact: ContactChoice::New,
                company: CompanyChoice::New { name: Some("Acme".into()), reg: Some("27074358".into()) },
                name_company: None,
                shown: [Some("Jana"), Some("jana@example.com"), None],
                duplicate: None,
                search: "jana jana@example.com acme 27074358 roof",
            },
            Case {
                what: "a known registration number is that company, named if it had no name",
                lead: lead(Some("Jana"), Some("jana@example.com"), None, Some("Acme"), Some("27074358")),
                found: Candidates { company_by_reg: Some(company(7, None, Some("27074358"))), ..Default::default() },
                contact: ContactChoice::New,
                company: CompanyChoice::Existing(7),
                name_company: Some((7, "Acme".into())),
                shown: [Some("Jana"), Some("jana@example.com"), None],
                duplicate: None,
                search: "jana jana@example.com acme 27074358 roof",
            },
            Case {
                what: "a known company keeps its name",
                lead: lead(None, Some("jana@example.com"), None, Some("ACME Ltd"), Some("27074358")),
                found: Candidates { company_by_reg: Some(company(7, Some("Acme"), Some("27074358"))), ..Default::default() },
                contact: ContactChoice::New,
                company: CompanyChoice::Existing(7),
                name_company: None,
                shown: [None, Some("jana@example.com"), None],
                duplicate: None,
                search: "jana@example.com acme 27074358 roof",
            },
            Case {
                what: "a known e-mail is that contact; what it lacks is filled, nothing overwritten",
                lead: lead(Some("J. Nová"), Some("jana@example.com"), Some("777 123 456"), None, None),
                found: Candidates {
                    by_email: Some(contact(3, Some("Jana Nová"), Some("jana@example.com"), None, None)),
                    ..Default::default()
                },
                contact: ContactChoice::Existing { id: 3, own_company: None },
                company: CompanyChoice::None,
                name_company: None,
                shown: [Some("Jana Nová"), Some("jana@example.com"), Some(phone)],
                duplicate: None,
                search: "",
            },
            Case {
                what: "a returning contact's company is the lead's",
                lead: lead(None, Some("jana@example.com"), None, Some("Other"), None),
                found: Candidates {
                    by_email: Some(contact(3, Some("Jana"), Some("jana@example.com"), None, Some(company(5, Some("Acme"), Some("123"))))),
                    ..Default::default()
                },
                contact: ContactChoice::Existing { id: 3, own_company: Some(5) },
                company: CompanyChoice::Existing(5),
                name_company: None,
                shown: [Some("Jana"), Some("jana@example.com"), None],
                duplicate: None,
                search: "jana jana@example.com acme 123 roof",
            },
            Case {
                what: "a returning contact naming a company for the first time: it is created",
                lead: lead(None, Some("jana@example.com"), None, Some("Acme"), None),
                found: Candidates { by_email: Some(contact(3, Some("Jana"), Some("jana@example.com"), None, None)), ..Default::default() },
                contact: ContactChoice::Existing { id: 3, own_company: None },
                company: CompanyChoice::New { name: Some("Acme".into()), reg: None },
                name_company: None,
                shown: [Some("Jana"), Some("jana@example.com"), None],
                duplicate: None,
                search: "jana jana@example.com acme roof",
            },
            Case {
                what: "a registration number wins over the contact's own company, which the contact keeps",
                lead: lead(None, Some("jana@example.com"), None, None, Some("00006947")),
                found: Candidates {
                    company_by_reg: Some(company(8, Some("Beta"), Some("00006947"))),
                    by_email: Some(contact(3, None, Some("jana@example.com"), None, Some(company(5, Some("Acme"), None)))),
                    ..Default::default()
                },
                contact: ContactChoice::Existing { id: 3, own_company: Some(5) },
                company: CompanyChoice::Existing(8),
                name_company: None,
                shown: [None, Some("jana@example.com"), None],
                duplicate: None,
                search: "jana@example.com beta 00006947 roof",
            },
            Case {
                what: "phone and e-mail of two contacts: the phone decides, the other is a possible duplicate",
                lead: lead(Some("Jana"), Some("jana@example.com"), Some("777 123 456"), None, None),
                found: Candidates {
                    by_phone: Some(contact(4, None, None, Some(phone), None)),
                    by_email: Some(contact(3, Some("Jana N."), Some("jana@example.com"), None, None)),
                    ..Default::default()
                },
                contact: ContactChoice::Existing { id: 4, own_company: None },
                company: CompanyChoice::None,
                name_company: None,
                shown: [Some("Jana"), Some("jana@example.com"), Some(phone)],
                duplicate: Some(3),
                search: "",
            },
            Case {
                what: "phone and e-mail of the same contact: no duplicate",
                lead: lead(None, Some("jana@example.com"), Some("777 123 456"), None, None),
                found: Candidates {
                    by_phone: Some(contact(3, None, Some("jana@example.com"), Some(phone), None)),
                    by_email: Some(contact(3, None, Some("jana@example.com"), Some(phone), None)),
                    ..Default::default()
                },
                contact: ContactChoice::Existing { id: 3, own_company: None },
                company: CompanyChoice::None,
                name_company: None,
                shown: [None, Some("jana@example.com"), Some(phone)],
                duplicate: None,
                search: "",
            },
        ];
        for c in cases {
            let p = plan(&c.lead, &c.found);
            assert_eq!(p.contact, c.contact, "{}", c.what);
            assert_eq!(p.contact_is_new(), c.contact == ContactChoice::New, "{}", c.what);
            assert_eq!(p.company, c.company, "{}", c.what);
            assert_eq!(p.name_company, c.name_company, "{}", c.what);
            let shown = c.shown.map(|s| s.map(str::to_owned));
            assert_eq!([p.name.clone(), p.email.clone(), p.phone.clone()], shown, "{}", c.what);
            assert_eq!(p.possible_duplicate, c.duplicate, "{}", c.what);
            if !c.search.is_empty() {
                assert_eq!(p.search, c.search, "{}", c.what);
            } else {
                // With a phone number: its normalised form is in the text, then the subject.
                let parts: Vec<String> = shown.into_iter().flatten().collect();
                assert_eq!(p.search, search::fold(&format!("{} roof", parts.join(" "))), "{}", c.what);
            }
        }
    }

    #[test]
    fn identities_are_the_phone_then_the_email() {
        let l = lead(None, Some("jana@example.com"), Some("777 123 456"), None, None);
        let p = plan(&l, &Candidates::default());
        let kinds: Vec<&str> = p.identities.iter().map(|(k, _)| *k).collect();
        assert_eq!(kinds, ["phone", "email"]);
        assert_eq!(p.identities[1].1, "jana@example.com");
        let p = plan(&lead(Some("Jana"), None, None, None, None), &Candidates::default());
        assert!(p.identities.is_empty());
    }
}
