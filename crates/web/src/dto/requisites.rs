//! The customer's requisites on the wire (issue 21).

use super::*;
use crate::app::requisites::{IdDocument, View};
use pronto_domain::requisites::RequisitesDraft;

/// The customer's requisites: a private person (`b2c`: `full_name`, `phone`, `email`,
/// `address`, `id_document`) or a legal entity (`b2b`: `company`, `company_id`, `vat_id`
/// (optional: not every company pays VAT), `address`, `contact_person`).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct RequisitesIn {
    /// `b2c` (a private person) or `b2b` (a legal entity).
    #[schema(value_type = String, required = true, pattern = r"^ *(b2c|b2b) *$")]
    pub customer_type: Option<String>,
    #[schema(max_length = 200)]
    pub full_name: Option<String>,
    /// Any notation; stored in E.164.
    #[schema(max_length = 40)]
    pub phone: Option<String>,
    #[schema(max_length = 254)]
    pub email: Option<String>,
    #[schema(max_length = 500)]
    pub address: Option<String>,
    /// The passport (or identity card) data the carrier needs; encrypted at rest.
    #[schema(max_length = 500)]
    pub id_document: Option<String>,
    #[schema(max_length = 200)]
    pub company: Option<String>,
    /// The company registration number (IČO in CZ, checked with its checksum).
    #[schema(max_length = 40)]
    pub company_id: Option<String>,
    /// With the country's prefix: `CZ12345678`, `SK…`, `PL…`, `DE…`, `ATU…`, `IL…`, `GB…`, any EU
    /// country's.
    #[schema(max_length = 40)]
    pub vat_id: Option<String>,
    #[schema(max_length = 200)]
    pub contact_person: Option<String>,
}

impl RequisitesIn {
    pub fn into_draft(self) -> RequisitesDraft {
        RequisitesDraft {
            customer_type: self.customer_type,
            full_name: self.full_name,
            phone: self.phone,
            email: self.email,
            address: self.address,
            id_document: self.id_document,
            company: self.company,
            company_id: self.company_id,
            vat_id: self.vat_id,
            contact_person: self.contact_person,
        }
    }
}

/// The requisites as stored. `id_document` is there only for the lead's owner, managers and
/// admins (each read audited); to others `id_document_on_file` says whether there is one.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequisitesOut {
    pub lead_id: i64,
    /// `b2c` or `b2b`.
    pub customer_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub address: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_document: Option<String>,
    /// Whether passport data is on file (whether or not it is shown).
    pub id_document_on_file: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vat_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_person: Option<String>,
    /// The VAT id's country (ISO 3166).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Who entered them: `staff`, `api` or `customer`.
    pub source: String,
    pub updated_at: String,
}

impl From<View> for RequisitesOut {
    fn from(v: View) -> Self {
        let r = v.record;
        RequisitesOut {
            lead_id: r.lead_id,
            customer_type: r.customer_type,
            full_name: r.full_name,
            phone: r.phone,
            email: r.email,
            address: r.address,
            id_document: match v.id_document {
                IdDocument::Shown(s) => Some(s),
                _ => None,
            },
            id_document_on_file: r.has_id_document,
            company: r.company,
            company_id: r.company_id,
            vat_id: r.vat_id,
            contact_person: r.contact_person,
            country: r.country,
            source: r.source,
            updated_at: r.updated_at.to_string(),
        }
    }
}

/// The passport data alone (`GET /api/v1/leads/{id}/requisites/id_document`).
#[derive(Debug, Serialize, ToSchema)]
pub struct IdDocumentOut {
    pub id_document: Option<String>,
}
