//! What reads return: plain records, joined and ready to show. The HTTP edge maps them to
//! its wire format; nothing here is serialised directly.

use jiff::Timestamp;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct UserRef {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContactSummary {
    pub id: i64,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompanyRecord {
    pub id: i64,
    pub name: Option<String>,
    pub company_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LeadRecord {
    pub id: i64,
    pub channel: String,
    pub stage: String,
    pub status: String,
    pub owner: Option<UserRef>,
    pub contact: ContactSummary,
    pub company: Option<CompanyRecord>,
    pub customer_type: Option<String>,
    pub subject: Option<String>,
    pub message: Option<String>,
    pub postal_code: Option<String>,
    pub product: Option<String>,
    pub language: Option<String>,
    pub source: Option<String>,
    pub playbook: String,
    pub received_at: Timestamp,
    pub first_response_at: Option<Timestamp>,
    pub entered_by: Option<UserRef>,
    /// Extra form fields, as a JSON object.
    pub extra: Value,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LeadCreated {
    pub id: i64,
    /// False when an idempotency key matched an earlier request.
    pub created: bool,
    pub contact_id: i64,
    /// False when the contact was found by phone, e-mail or company id.
    pub contact_is_new: bool,
}

/// Which leads to list, newest first; `before` is the cursor (the last id of the previous page).
#[derive(Debug, Clone, Default)]
pub struct LeadFilter {
    pub stage: Option<String>,
    pub status: Option<String>,
    pub channel: Option<String>,
    /// `Some(None)` lists leads with no owner.
    pub owner: Option<Option<i64>>,
    pub contact: Option<i64>,
    pub company: Option<i64>,
    pub query: Option<String>,
    pub before: Option<i64>,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventRecord {
    pub id: i64,
    pub at: Timestamp,
    pub kind: String,
    pub lead_id: Option<i64>,
    pub actor: Option<UserRef>,
    pub data: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActivityRecord {
    pub id: i64,
    pub lead_id: i64,
    pub kind: String,
    pub direction: Option<String>,
    pub outcome: Option<String>,
    pub body: Option<String>,
    pub at: Timestamp,
    pub user: Option<UserRef>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContactDetail {
    pub contact: ContactSummary,
    pub company: Option<CompanyRecord>,
    /// Every phone and e-mail this contact was reached by.
    pub identities: Vec<(String, String)>,
    pub leads: Vec<LeadRecord>,
    pub activities: Vec<ActivityRecord>,
}

/// A company with its people and every lead that came from it.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyDetail {
    pub company: CompanyRecord,
    pub contacts: Vec<ContactSummary>,
    pub leads: Vec<LeadRecord>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UserRecord {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub active: bool,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutboxRecord {
    pub id: i64,
    pub lead_id: Option<i64>,
    pub channel: String,
    pub recipient_user: Option<i64>,
    pub recipient_role: Option<String>,
    pub kind: String,
    pub idempotency_key: String,
    pub status: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimerRecord {
    pub id: i64,
    pub lead_id: Option<i64>,
    pub kind: String,
    pub due_at: Timestamp,
    pub status: String,
}
