//! The wire format of `/api/v1`: request and response bodies with their OpenAPI schemas.
//! Only this file knows field names on the wire; handlers map to and from domain drafts and
//! store records here.

use pronto_domain::lead::{ActivityDraft, ContactDraft, LeadDraft};
use pronto_store::{
    ActivityRecord, CompanyDetail, CompanyRecord, ContactDetail, EventRecord, LeadRecord, OutboxRecord, TaskRecord, UserRecord, UserRef,
};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

mod deliveries;
pub mod exact;
mod invoices;
mod offers;
mod playbooks;
mod requisites;
mod users;
mod work;

pub use deliveries::*;
pub use invoices::*;
pub use offers::*;
pub use playbooks::*;
pub use requisites::*;
pub use users::*;
pub use work::*;

/// A whole number as JSON Schema counts them: `7` and `7.0` alike (a generated client may
/// write either); a fraction is refused.
fn whole_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match Option::<serde_json::Number>::deserialize(d)? {
        None => Ok(None),
        Some(n) => match n.as_i64() {
            Some(i) => Ok(Some(i)),
            None => match n.as_f64() {
                Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(f as i64)),
                _ => Err(serde::de::Error::custom(format!("`{n}` is not a whole number"))),
            },
        },
    }
}

/// A list of [`whole_number`]s (or `null`).
fn whole_numbers<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<i64>>, D::Error> {
    #[derive(Deserialize)]
    struct W(#[serde(deserialize_with = "whole_number")] Option<i64>);
    match Option::<Vec<W>>::deserialize(d)? {
        None => Ok(None),
        Some(v) => v.into_iter().map(|W(n)| n.ok_or_else(|| serde::de::Error::custom("an id must be a whole number"))).collect::<Result<_, _>>().map(Some),
    }
}

/// [`whole_number`], with `null` told apart from an absent field.
fn nullable_whole_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
    whole_number(d).map(Some)
}

/// Distinguishes an absent field (`None`) from an explicit `null` (`Some(None)`).
fn nullable<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A contact as sent: at least one of `name`, `email`, `phone` (its schema is written out in
/// [`exact`], as JSON Schema says "at least one of" with `anyOf`).
#[derive(Debug, Default, Deserialize)]
pub struct ContactIn {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub company_id: Option<String>,
}

/// A new lead. Only `channel` is required, and at least one of contact `email`, `phone`, `name`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct LeadIn {
    /// `web`, `email`, `phone`, `in_person` or `api`.
    #[schema(value_type = String, required = true, pattern = r"^(web|email|phone|in_person|api)$")]
    pub channel: Option<String>,
    /// At least one of `name`, `email`, `phone`.
    #[schema(value_type = ContactIn, required = true)]
    pub contact: Option<ContactIn>,
    /// `b2c` or `b2b`.
    #[schema(pattern = r"^(b2c|b2b)?$")]
    pub customer_type: Option<String>,
    #[schema(max_length = 300, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$")]
    pub subject: Option<String>,
    #[schema(max_length = 20000, pattern = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$")]
    pub message: Option<String>,
    /// Letters, digits, spaces and `-`, with a digit; at most 12.
    #[schema(max_length = 12, pattern = r"^(([A-Za-z0-9-][A-Za-z0-9 -]*)?[0-9]([A-Za-z0-9 -]*[A-Za-z0-9-])?)?$")]
    pub postal_code: Option<String>,
    #[schema(max_length = 120, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$")]
    pub product: Option<String>,
    /// A language code such as `cs` or `en-GB`.
    #[schema(pattern = r"^([A-Za-z]{2,3}([-_][A-Za-z0-9]{2,3})?)?$")]
    pub language: Option<String>,
    #[schema(max_length = 120, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$")]
    pub source: Option<String>,
    /// The name of a loaded playbook (default: the default playbook).
    #[schema(max_length = 120, format = "playbook-name")]
    pub playbook: Option<String>,
    /// RFC 3339, not in the future and not before 1970; defaults to now.
    #[schema(format = "past-time")]
    pub received_at: Option<String>,
    /// The id of an active user who owns the lead.
    #[serde(default, deserialize_with = "whole_number")]
    #[schema(minimum = 1, format = "user-id")]
    pub owner: Option<i64>,
}

impl LeadIn {
    pub fn into_draft(self) -> LeadDraft {
        let c = self.contact.unwrap_or_default();
        LeadDraft {
            channel: self.channel,
            contact: ContactDraft { name: c.name, email: c.email, phone: c.phone, company: c.company, company_id: c.company_id },
            customer_type: self.customer_type,
            subject: self.subject,
            message: self.message,
            postal_code: self.postal_code,
            product: self.product,
            language: self.language,
            source: self.source,
            playbook: self.playbook,
            received_at: self.received_at,
            owner: self.owner,
            extra: vec![],
        }
    }
}

/// Changes to a lead. Absent fields stay; `null` clears a field.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct LeadPatchIn {
    /// A stage of the lead's playbook.
    #[schema(max_length = 64, format = "stage-id")]
    pub stage: Option<String>,
    /// `open`, `won`, `lost` or `junk`.
    #[schema(pattern = r"^(open|won|lost|junk)$")]
    pub status: Option<String>,
    /// The id of an active user, or null for nobody.
    #[serde(default, deserialize_with = "nullable_whole_number")]
    #[schema(value_type = Option<i64>, minimum = 1, format = "user-id")]
    pub owner: Option<Option<i64>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, pattern = r"^ *(b2c|b2b)? *$")]
    pub customer_type: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 300, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$")]
    pub subject: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 20000, pattern = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$")]
    pub message: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 12, pattern = r"^(([A-Za-z0-9-][A-Za-z0-9 -]*)?[0-9]([A-Za-z0-9 -]*[A-Za-z0-9-])?)?$")]
    pub postal_code: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 120, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$")]
    pub product: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, pattern = r"^([A-Za-z]{2,3}([-_][A-Za-z0-9]{2,3})?)?$")]
    pub language: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 120, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$")]
    pub source: Option<Option<String>>,
}

/// An activity as sent; what each `kind` requires is written out in [`exact`].
#[derive(Debug, Default, Deserialize)]
pub struct ActivityIn {
    pub kind: Option<String>,
    pub direction: Option<String>,
    pub outcome: Option<String>,
    pub body: Option<String>,
    pub at: Option<String>,
}

impl ActivityIn {
    pub fn into_draft(self) -> ActivityDraft {
        ActivityDraft { kind: self.kind, direction: self.direction, outcome: self.outcome, body: self.body, at: self.at }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserRefOut {
    pub id: i64,
    pub name: String,
}

impl From<UserRef> for UserRefOut {
    fn from(u: UserRef) -> Self {
        UserRefOut { id: u.id, name: u.name }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContactOut {
    pub id: i64,
    pub name: Option<String>,
    pub email: Option<String>,
    /// E.164.
    pub phone: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyOut {
    pub id: i64,
    pub name: Option<String>,
    pub company_id: Option<String>,
}

impl From<CompanyRecord> for CompanyOut {
    fn from(c: CompanyRecord) -> Self {
        CompanyOut { id: c.id, name: c.name, company_id: c.company_id }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LeadOut {
    pub id: i64,
    pub channel: String,
    pub stage: String,
    pub status: String,
    pub owner: Option<UserRefOut>,
    pub contact: ContactOut,
    pub company: Option<CompanyOut>,
    pub customer_type: Option<String>,
    pub subject: Option<String>,
    pub message: Option<String>,
    pub postal_code: Option<String>,
    pub product: Option<String>,
    pub language: Option<String>,
    pub source: Option<String>,
    pub playbook: String,
    /// The playbook version the lead runs on (it keeps it when a new version is loaded).
    pub playbook_version: i64,
    /// RFC 3339.
    pub received_at: String,
    /// The first response to the customer (RFC 3339), or null.
    pub first_response_at: Option<String>,
    pub entered_by: Option<UserRefOut>,
    /// Other fields a web form carried.
    #[schema(value_type = Object)]
    pub extra: Value,
    pub created_at: String,
    pub updated_at: String,
    /// The customer's own page for this inquiry (`GET /t/{token}`): absolute when
    /// `PRONTO_PUBLIC_URL` is set. `POST /api/v1/leads/{id}/tracking/revoke` replaces it.
    pub tracking_url: Option<String>,
}

impl From<LeadRecord> for LeadOut {
    fn from(l: LeadRecord) -> Self {
        LeadOut {
            id: l.id,
            channel: l.channel,
            stage: l.stage,
            status: l.status,
            owner: l.owner.map(Into::into),
            contact: ContactOut { id: l.contact.id, name: l.contact.name, email: l.contact.email, phone: l.contact.phone },
            company: l.company.map(Into::into),
            customer_type: l.customer_type,
            subject: l.subject,
            message: l.message,
            postal_code: l.postal_code,
            product: l.product,
            language: l.language,
            source: l.source,
            playbook: l.playbook,
            playbook_version: l.playbook_version,
            received_at: l.received_at.to_string(),
            first_response_at: l.first_response_at.map(|t| t.to_string()),
            entered_by: l.entered_by.map(Into::into),
            extra: l.extra,
            created_at: l.created_at.to_string(),
            updated_at: l.updated_at.to_string(),
            tracking_url: l.tracking_url,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LeadList {
    pub items: Vec<LeadOut>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// One thing that happened to a lead; the event's own fields follow `at` and `kind`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineItem {
    pub at: String,
    pub kind: String,
    pub actor: Option<UserRefOut>,
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub data: Map<String, Value>,
}

impl From<EventRecord> for TimelineItem {
    fn from(e: EventRecord) -> Self {
        let mut data = match e.data {
            Value::Object(m) => m,
            other => Map::from_iter([("data".to_owned(), other)]),
        };
        for reserved in ["at", "kind", "actor"] {
            data.remove(reserved);
        }
        TimelineItem { at: e.at.to_string(), kind: e.kind, actor: e.actor.map(Into::into), data }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Timeline {
    pub items: Vec<TimelineItem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityOut {
    pub id: i64,
    pub lead_id: i64,
    pub kind: String,
    pub direction: Option<String>,
    pub outcome: Option<String>,
    pub body: Option<String>,
    pub at: String,
    pub user: Option<UserRefOut>,
}

impl From<ActivityRecord> for ActivityOut {
    fn from(a: ActivityRecord) -> Self {
        ActivityOut {
            id: a.id,
            lead_id: a.lead_id,
            kind: a.kind,
            direction: a.direction,
            outcome: a.outcome,
            body: a.body,
            at: a.at.to_string(),
            user: a.user.map(Into::into),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityList {
    pub items: Vec<ActivityOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IdentityOut {
    /// `phone` or `email`.
    pub kind: String,
    pub value: String,
}

/// A contact with everything they ever asked and every contact with them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactDetailOut {
    pub id: i64,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<CompanyOut>,
    pub identities: Vec<IdentityOut>,
    pub leads: Vec<LeadOut>,
    pub activities: Vec<ActivityOut>,
}

impl From<ContactDetail> for ContactDetailOut {
    fn from(d: ContactDetail) -> Self {
        ContactDetailOut {
            id: d.contact.id,
            name: d.contact.name,
            email: d.contact.email,
            phone: d.contact.phone,
            company: d.company.map(Into::into),
            identities: d.identities.into_iter().map(|(kind, value)| IdentityOut { kind, value }).collect(),
            leads: d.leads.into_iter().map(Into::into).collect(),
            activities: d.activities.into_iter().map(Into::into).collect(),
        }
    }
}

/// A company with its people and every lead that came from it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyDetailOut {
    pub id: i64,
    pub name: Option<String>,
    pub company_id: Option<String>,
    pub contacts: Vec<ContactOut>,
    pub leads: Vec<LeadOut>,
}

impl From<CompanyDetail> for CompanyDetailOut {
    fn from(d: CompanyDetail) -> Self {
        CompanyDetailOut {
            id: d.company.id,
            name: d.company.name,
            company_id: d.company.company_id,
            contacts: d.contacts.into_iter().map(|c| ContactOut { id: c.id, name: c.name, email: c.email, phone: c.phone }).collect(),
            leads: d.leads.into_iter().map(Into::into).collect(),
        }
    }
}
