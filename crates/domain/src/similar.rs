//! Duplicate suggestions while a person types a new inquiry by hand: what they typed so far
//! read leniently into a [`Probe`] (a half-typed phone or e-mail is simply not asked about),
//! and why a stored contact looks like the same person ([`why`]). The rules are the intake's
//! (`intake.rs`): the same phone in any notation (E.164 after [`Phone::parse`]), the same
//! e-mail whatever its letter case, the same company registration number.

use crate::values::{CompanyId, Email, Phone, Region};

/// What to look for: the typed values that are complete enough to compare.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Probe {
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub company_id: Option<CompanyId>,
}

impl Probe {
    /// Reads what was typed; a value that does not parse (yet) is left out.
    pub fn read(phone: &str, email: &str, company_id: &str, region: Region) -> Probe {
        fn given(s: &str) -> Option<&str> {
            Some(s.trim()).filter(|s| !s.is_empty())
        }
        Probe {
            phone: given(phone).and_then(|p| Phone::parse(p, region).ok()),
            email: given(email).and_then(|e| Email::parse(e).ok()),
            company_id: given(company_id).and_then(|c| CompanyId::parse(c, region).ok()),
        }
    }

    /// Nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.phone.is_none() && self.email.is_none() && self.company_id.is_none()
    }
}

/// Why a contact is suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Why {
    Phone,
    Email,
    CompanyId,
}

impl Why {
    pub fn as_str(self) -> &'static str {
        match self {
            Why::Phone => "phone",
            Why::Email => "email",
            Why::CompanyId => "company_id",
        }
    }
}

/// A stored contact as the suggestions compare it: its identities (`phone`/`email`, as the
/// intake stored them: E.164 and lower case) and its company's registration number.
#[derive(Debug, Clone, Default)]
pub struct Known<'a> {
    pub identities: &'a [(String, String)],
    pub company_id: Option<&'a str>,
}

/// Why `known` looks like the person of `probe`, strongest first; empty: it does not.
pub fn why(probe: &Probe, known: &Known<'_>) -> Vec<Why> {
    let has = |kind: &str, value: &str| known.identities.iter().any(|(k, v)| k == kind && v.eq_ignore_ascii_case(value));
    let mut out = Vec::new();
    if probe.phone.as_ref().is_some_and(|p| has("phone", p.as_str())) {
        out.push(Why::Phone);
    }
    if probe.email.as_ref().is_some_and(|e| has("email", e.as_str())) {
        out.push(Why::Email);
    }
    if let (Some(a), Some(b)) = (&probe.company_id, known.company_id)
        && a.as_str() == b
    {
        out.push(Why::CompanyId);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn the_same_phone_in_any_notation_the_same_email_in_any_case_the_same_company() {
        let stored = ids(&[("phone", "+420777123456"), ("email", "jana@example.cz")]);
        let known = Known { identities: &stored, company_id: Some("25596641") };
        let r = Region::default();
        let cases: &[(&str, &str, &str, &[Why])] = &[
            ("777 123 456", "", "", &[Why::Phone]),
            ("+420 777 123 456", "", "", &[Why::Phone]),
            ("00420777123456", "", "", &[Why::Phone]),
            ("(+420) 777-123-456", "", "", &[Why::Phone]),
            ("", "Jana@Example.CZ", "", &[Why::Email]),
            ("", " jana@example.cz ", "", &[Why::Email]),
            ("", "", "255 96 641", &[Why::CompanyId]),
            ("777123456", "JANA@example.cz", "25596641", &[Why::Phone, Why::Email, Why::CompanyId]),
            // Not the same person.
            ("777 123 457", "", "", &[]),
            ("", "jana@example.com", "", &[]),
            ("", "", "27082440", &[]),
            // Half typed: nothing asked yet.
            ("777 12", "jana@", "2559", &[]),
            ("", "", "", &[]),
        ];
        for (phone, email, company, want) in cases {
            let p = Probe::read(phone, email, company, r);
            assert_eq!(why(&p, &known), *want, "{phone:?} {email:?} {company:?}");
        }
    }

    #[test]
    fn a_half_typed_value_is_not_asked_about() {
        let r = Region::default();
        assert!(Probe::read("777", "a@", "12", r).is_empty());
        assert!(!Probe::read("777 123 456", "", "", r).is_empty());
        assert_eq!(Probe::read("", "A@B.CZ", "", r).email.map(|e| e.as_str().to_owned()), Some("a@b.cz".into()));
    }
}
