//! The company's own profile, one row: its identity shown to customers, the default language
//! and region (used when the configuration sets none), the office calendar (the same JSON as a
//! user's own hours, see [`crate::parse_hours`]) and the first-start guide's progress.

use crate::engine::Conn;
use crate::tx::{Command, Pending};
use crate::{StoreError, from_micros, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;

type R<T> = crate::Result<T>;

/// What the company says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyProfile {
    pub name: Option<String>,
    /// `#1a6cff`.
    pub accent: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub web: Option<String>,
    /// `cs`, `en`, `pl`, `ru`, `he`.
    pub language: Option<String>,
    /// `CZ`: the country phone numbers without a prefix are read in.
    pub region: Option<String>,
    /// The logo's media type, when there is one.
    pub logo_type: Option<String>,
    /// Grows with each new logo (its address changes with it).
    pub logo_version: i64,
    /// The office calendar as JSON (`{"time_zone", "hours": {"mon": "…"}, "holidays": […]}`).
    pub office_hours: Option<String>,
    /// The first-start guide's progress as JSON.
    pub guide: Option<String>,
    pub updated_at: Option<Timestamp>,
    /// What invoices need (issue 21, invoices).
    pub invoicing: CompanyInvoicing,
}

/// What the company's invoices say of it and how they are numbered (issue 21, invoices): the
/// registration and VAT ids, the bank account (local notation, IBAN, BIC), the payment terms in
/// days and the number pattern (`pronto_domain::invoice::NumberPattern`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyInvoicing {
    pub registration_id: Option<String>,
    pub vat_id: Option<String>,
    pub bank_account: Option<String>,
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub payment_terms_days: i64,
    pub invoice_pattern: String,
}

impl Default for CompanyInvoicing {
    fn default() -> Self {
        CompanyInvoicing {
            registration_id: None,
            vat_id: None,
            bank_account: None,
            iban: None,
            bic: None,
            payment_terms_days: i64::from(pronto_domain::invoice::DEFAULT_TERMS_DAYS),
            invoice_pattern: pronto_domain::invoice::DEFAULT_PATTERN.to_owned(),
        }
    }
}

/// The identity's fields, set together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompanyIdentity {
    pub name: Option<String>,
    pub accent: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub web: Option<String>,
    pub language: Option<String>,
    pub region: Option<String>,
}

/// One change to the profile (checked by the caller).
#[derive(Debug, Clone)]
pub enum CompanyChange {
    Identity(CompanyIdentity),
    /// `(media type, bytes)`, or none to remove the logo.
    Logo(Option<(String, Vec<u8>)>),
    OfficeHours(Option<String>),
    Guide(String),
    /// What invoices need (issue 21, invoices).
    Invoicing(CompanyInvoicing),
}

pub(crate) async fn profile(c: &mut dyn Conn) -> R<CompanyProfile> {
    let Some(r) = c
        .row(
            "SELECT name, accent, address, phone, email, web, language, region, logo_type, logo_version, office_hours, guide, updated_at,
                registration_id, vat_id, bank_account, iban, bic, payment_terms_days, invoice_pattern
             FROM company_profile WHERE id = 1",
            params![],
        )
        .await?
    else {
        return Ok(CompanyProfile::default());
    };
    Ok(CompanyProfile {
        name: r.opt_str("name")?,
        accent: r.opt_str("accent")?,
        address: r.opt_str("address")?,
        phone: r.opt_str("phone")?,
        email: r.opt_str("email")?,
        web: r.opt_str("web")?,
        language: r.opt_str("language")?,
        region: r.opt_str("region")?,
        logo_type: r.opt_str("logo_type")?,
        logo_version: r.i64("logo_version")?,
        office_hours: r.opt_str("office_hours")?,
        guide: r.opt_str("guide")?,
        updated_at: r.opt_i64("updated_at")?.map(from_micros),
        invoicing: CompanyInvoicing {
            registration_id: r.opt_str("registration_id")?,
            vat_id: r.opt_str("vat_id")?,
            bank_account: r.opt_str("bank_account")?,
            iban: r.opt_str("iban")?,
            bic: r.opt_str("bic")?,
            payment_terms_days: r.i64("payment_terms_days")?,
            invoice_pattern: r.str("invoice_pattern")?,
        },
    })
}

pub(crate) async fn logo(c: &mut dyn Conn) -> R<Option<(String, Vec<u8>)>> {
    use base64::Engine;
    let Some(r) = c.row("SELECT logo, logo_type FROM company_profile WHERE id = 1", params![]).await? else { return Ok(None) };
    match (r.opt_str("logo")?, r.opt_str("logo_type")?) {
        (Some(b), Some(t)) => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(b)
                .map_err(|e| StoreError::Internal(format!("the stored logo is not base64: {e}")))?;
            Ok(Some((t, bytes)))
        }
        _ => Ok(None),
    }
}

pub(crate) struct ChangeCompany {
    pub change: CompanyChange,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for ChangeCompany {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        let _ = pending;
        c.exec("INSERT INTO company_profile (id) VALUES (1) ON CONFLICT (id) DO NOTHING", params![]).await?;
        let (at, by) = (micros(now), self.actor);
        match &self.change {
            CompanyChange::Identity(i) => {
                c.exec(
                    "UPDATE company_profile SET name = $1, accent = $2, address = $3, phone = $4, email = $5, web = $6, language = $7,
                     region = $8, updated_at = $9, updated_by = $10 WHERE id = 1",
                    params![
                        i.name.clone(),
                        i.accent.clone(),
                        i.address.clone(),
                        i.phone.clone(),
                        i.email.clone(),
                        i.web.clone(),
                        i.language.clone(),
                        i.region.clone(),
                        at,
                        by
                    ],
                )
                .await?;
            }
            CompanyChange::Logo(l) => {
                use base64::Engine;
                let (t, b) = match l {
                    Some((t, bytes)) => (Some(t.clone()), Some(base64::engine::general_purpose::STANDARD.encode(bytes))),
                    None => (None, None),
                };
                c.exec(
                    "UPDATE company_profile SET logo = $1, logo_type = $2, logo_version = logo_version + 1, updated_at = $3, updated_by = $4 WHERE id = 1",
                    params![b, t, at, by],
                )
                .await?;
            }
            CompanyChange::OfficeHours(h) => {
                c.exec("UPDATE company_profile SET office_hours = $1, updated_at = $2, updated_by = $3 WHERE id = 1", params![h.clone(), at, by])
                    .await?;
            }
            CompanyChange::Invoicing(i) => {
                c.exec(
                    "UPDATE company_profile SET registration_id = $1, vat_id = $2, bank_account = $3, iban = $4, bic = $5,
                     payment_terms_days = $6, invoice_pattern = $7, updated_at = $8, updated_by = $9 WHERE id = 1",
                    params![
                        i.registration_id.clone(),
                        i.vat_id.clone(),
                        i.bank_account.clone(),
                        i.iban.clone(),
                        i.bic.clone(),
                        i.payment_terms_days,
                        i.invoice_pattern.clone(),
                        at,
                        by
                    ],
                )
                .await?;
            }
            CompanyChange::Guide(g) => {
                c.exec("UPDATE company_profile SET guide = $1, updated_at = $2, updated_by = $3 WHERE id = 1", params![g.as_str(), at, by]).await?;
            }
        }
        crate::shared::bump(c, crate::shared::Config::Company).await?;
        Ok(())
    }
}
