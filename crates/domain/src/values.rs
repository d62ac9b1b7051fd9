//! Value types that every input is parsed into at the edge. Each has a private field and a
//! `parse` constructor, so an invalid phone number, e-mail or company id cannot exist past
//! the edge. Error messages are written for the person who typed the value.

use std::fmt;
use std::str::FromStr;

/// A problem with one value; the caller knows which field it came from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

fn invalid<T>(msg: impl Into<String>) -> Result<T, Invalid> {
    Err(Invalid(msg.into()))
}

fn has_control(s: &str, allow_newlines: bool) -> bool {
    s.chars().any(|c| c.is_control() && !(allow_newlines && (c == '\n' || c == '\r' || c == '\t')))
}

/// The region used to read phone numbers written without a country code (`777 123 456`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region(phonenumber::country::Id);

impl Region {
    pub fn parse(code: &str) -> Result<Self, Invalid> {
        phonenumber::country::Id::from_str(&code.trim().to_ascii_uppercase())
            .map(Region)
            .map_err(|_| Invalid(format!("`{code}` is not an ISO 3166 region code such as CZ")))
    }
    pub fn code(&self) -> String {
        format!("{:?}", self.0)
    }
}

impl Default for Region {
    fn default() -> Self {
        Region(phonenumber::country::Id::CZ)
    }
}

/// A phone number in E.164 (`+420777123456`): any notation a person writes is accepted and
/// normalised, so the same number always compares equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Phone(String);

impl Phone {
    pub fn parse(text: &str, region: Region) -> Result<Self, Invalid> {
        let t = text.trim();
        if t.is_empty() {
            return invalid("must not be empty");
        }
        if t.len() > 40 || has_control(t, false) {
            return invalid("is not a phone number");
        }
        let number = phonenumber::parse(Some(region.0), t).map_err(|_| Invalid(format!("`{t}` is not a phone number")))?;
        if !phonenumber::is_valid(&number) {
            return invalid(format!("`{t}` is not a valid phone number"));
        }
        Ok(Phone(number.format().mode(phonenumber::Mode::E164).to_string()))
    }
    /// Trusts a value that was stored by [`Phone::parse`].
    pub fn from_stored(e164: String) -> Self {
        Phone(e164)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An e-mail address, lower-cased so that letter case never makes a second contact.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let t = text.trim();
        if t.is_empty() {
            return invalid("must not be empty");
        }
        if t.len() > 254 {
            return invalid("is longer than 254 characters");
        }
        let lower = t.to_lowercase();
        let ok = email_address::EmailAddress::parse_with_options(
            &lower,
            email_address::Options::default().without_display_text().without_domain_literal(),
        )
        .ok()
        .filter(|a| a.domain().contains('.') && !a.domain().ends_with('.'));
        match ok {
            Some(_) => Ok(Email(lower)),
            None => invalid(format!("`{t}` is not an e-mail address")),
        }
    }
    pub fn from_stored(s: String) -> Self {
        Email(s)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A company registration number (Czech IČO, Polish NIP/REGON, …): spaces and dashes removed,
/// letters upper-cased. An 8-digit number read in region CZ must pass the IČO checksum.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CompanyId(String);

impl CompanyId {
    pub fn parse(text: &str, region: Region) -> Result<Self, Invalid> {
        let norm: String =
            text.chars().filter(|c| !c.is_whitespace() && *c != '-' && *c != '.' && *c != '/').flat_map(char::to_uppercase).collect();
        if norm.is_empty() {
            return invalid("must not be empty");
        }
        if norm.len() < 2 || norm.len() > 32 || !norm.chars().all(|c| c.is_ascii_alphanumeric()) {
            return invalid(format!("`{}` is not a company id: use 2–32 letters and digits", text.trim()));
        }
        if region == Region(phonenumber::country::Id::CZ) && norm.len() <= 8 && norm.chars().all(|c| c.is_ascii_digit()) {
            let padded = format!("{norm:0>8}");
            if !ico_checksum_ok(&padded) {
                return invalid(format!("`{}` is not a valid IČO (checksum)", text.trim()));
            }
            return Ok(CompanyId(padded));
        }
        Ok(CompanyId(norm))
    }
    pub fn from_stored(s: String) -> Self {
        CompanyId(s)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The Czech IČO: weights 8..2 over the first seven digits, mod 11.
fn ico_checksum_ok(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 8 {
        return false;
    }
    let sum: u32 = d[..7].iter().zip((2..=8).rev()).map(|(x, w)| x * w).sum();
    let check = (11 - sum % 11) % 10;
    d[7] == check
}

/// Trimmed single-line text with a length limit (names, subjects, sources …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line(String);

impl Line {
    pub fn parse(text: &str, max_chars: usize) -> Result<Self, Invalid> {
        let t = text.trim();
        if t.is_empty() {
            return invalid("must not be empty");
        }
        if has_control(t, false) {
            return invalid("must be a single line without control characters");
        }
        if t.chars().count() > max_chars {
            return invalid(format!("is longer than {max_chars} characters"));
        }
        Ok(Line(t.to_owned()))
    }
    pub fn from_stored(s: String) -> Self {
        Line(s)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Multi-line text with a length limit (messages, notes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(String);

impl Text {
    pub fn parse(text: &str, max_chars: usize) -> Result<Self, Invalid> {
        let t = text.trim();
        if t.is_empty() {
            return invalid("must not be empty");
        }
        if has_control(t, true) {
            return invalid("must not contain control characters");
        }
        if t.chars().count() > max_chars {
            return invalid(format!("is longer than {max_chars} characters"));
        }
        Ok(Text(t.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0
    }
}

/// A language tag such as `cs`, `en-GB`, `he`: lower-case primary subtag, optional region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language(String);

impl Language {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let t = text.trim().replace('_', "-");
        let mut parts = t.split('-');
        let primary = parts.next().unwrap_or_default().to_ascii_lowercase();
        let region = parts.next().map(str::to_ascii_uppercase);
        let ok = (2..=3).contains(&primary.len())
            && primary.chars().all(|c| c.is_ascii_alphabetic())
            && region.as_ref().is_none_or(|r| (2..=3).contains(&r.len()) && r.chars().all(|c| c.is_ascii_alphanumeric()))
            && parts.next().is_none();
        if !ok {
            return invalid(format!("`{}` is not a language code such as cs or en-GB", text.trim()));
        }
        Ok(Language(match region {
            Some(r) => format!("{primary}-{r}"),
            None => primary,
        }))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A postal code as written in the seeds' countries (`110 00`, `00-950`, `101000`):
/// digits, letters, spaces and dashes, upper-cased, at most 12 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostalCode(String);

impl PostalCode {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let t = text.trim().to_ascii_uppercase();
        let ok = !t.is_empty()
            && t.len() <= 12
            && t.chars().any(|c| c.is_ascii_digit())
            && t.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
        if !ok {
            return invalid(format!("`{}` is not a postal code", text.trim()));
        }
        Ok(PostalCode(t))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A user's login: 2–64 of `a-z 0-9 . _ -`, lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login(String);

impl Login {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let t = text.trim().to_ascii_lowercase();
        let ok = (2..=64).contains(&t.len()) && t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        if !ok {
            return invalid("must be 2–64 characters of a-z, 0-9, '.', '_' or '-'");
        }
        Ok(Login(t))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password as typed, checked against the one policy (`crate::password`: at least 12
/// characters, not a common or breached password, not the login or the name).
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = crate::password::MIN_CHARS;
    /// Checks the policy without knowing whose password it is.
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        Self::parse_for(text, &[])
    }
    /// Checks the policy for an account: `context` is its login and the person's name.
    pub fn parse_for(text: &str, context: &[&str]) -> Result<Self, Invalid> {
        match crate::password::problem(text, context) {
            Some(m) => invalid(m),
            None => Ok(Password(text.to_owned())),
        }
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_phone_in_any_notation_is_one_e164_number() {
        let cz = Region::default();
        for written in ["+420 777 123 456", "777123456", "00420 777-123-456", "+420777123456", "(+420) 777 123 456"] {
            assert_eq!(Phone::parse(written, cz).unwrap().as_str(), "+420777123456", "{written}");
        }
        let pl = Region::parse("pl").unwrap();
        assert_eq!(Phone::parse("512 345 678", pl).unwrap().as_str(), "+48512345678");
        assert_eq!(Phone::parse("+7 912 345-67-89", cz).unwrap().as_str(), "+79123456789");
        for bad in ["", "abc", "12", "+420 123", "777\n123456"] {
            assert!(Phone::parse(bad, cz).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn emails_are_lower_cased_and_checked() {
        assert_eq!(Email::parse(" Jana.Novakova@Example.CZ ").unwrap().as_str(), "jana.novakova@example.cz");
        for bad in ["", "jana", "jana@", "@example.cz", "jana@localhost", "a b@example.cz", "Jana <j@example.cz>"] {
            assert!(Email::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn company_ids_are_normalised_and_ico_checked_in_cz() {
        let cz = Region::default();
        assert_eq!(CompanyId::parse("261 68 685", cz).unwrap().as_str(), "26168685");
        assert_eq!(CompanyId::parse("27082440", cz).unwrap().as_str(), "27082440");
        assert!(CompanyId::parse("26168684", cz).is_err(), "bad IČO checksum accepted");
        let pl = Region::parse("PL").unwrap();
        assert_eq!(CompanyId::parse("123-456-32-18", pl).unwrap().as_str(), "1234563218");
        assert!(CompanyId::parse("x", cz).is_err());
        assert!(CompanyId::parse("ab$cd", cz).is_err());
    }

    #[test]
    fn lines_languages_postal_codes_logins() {
        assert_eq!(Line::parse("  Jana ", 10).unwrap().as_str(), "Jana");
        assert!(Line::parse("a\nb", 10).is_err());
        assert!(Line::parse("abcdefghijk", 10).is_err());
        assert_eq!(Language::parse("en_gb").unwrap().as_str(), "en-GB");
        assert!(Language::parse("english").is_err());
        assert_eq!(PostalCode::parse("110 00").unwrap().as_str(), "110 00");
        assert!(PostalCode::parse("<script>").is_err());
        assert_eq!(Login::parse("Jana.N").unwrap().as_str(), "jana.n");
        assert!(Login::parse("j").is_err());
        assert!(Password::parse("short").is_err());
    }
}
