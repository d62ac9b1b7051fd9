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

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct UserIn {
    #[schema(value_type = String, required = true, max_length = 200, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$")]
    pub name: Option<String>,
    /// 2–64 characters of a-z, 0-9, `.`, `_`, `-` (letter case ignored); unique.
    #[schema(value_type = String, required = true, pattern = r"^[A-Za-z0-9._-]{2,64}$")]
    pub login: Option<String>,
    /// `admin`, `manager`, `consultant`, `specialist`, `coordinator` or `secretary`.
    #[schema(value_type = String, required = true, pattern = r"^(admin|manager|consultant|specialist|coordinator|secretary)$")]
    pub role: Option<String>,
    #[schema(max_length = 40, format = "phone")]
    pub phone: Option<String>,
    #[schema(max_length = 254, pattern = r"^([A-Za-z0-9]([A-Za-z0-9_%+-]{0,62}[A-Za-z0-9])?@[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?)*\.[A-Za-z]{2,10})?$")]
    pub email: Option<String>,
    /// 10 to 256 characters; without one the user can only use API tokens.
    #[schema(min_length = 12, max_length = 256, format = "new-password")]
    pub password: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub active: bool,
    pub created_at: String,
    /// `available`, `meeting` or `away`: who is in a meeting is not interrupted by
    /// non-urgent alerts, and is skipped by assignment.
    pub presence: String,
    /// The user's own working hours, when they differ from the playbook's calendar.
    #[schema(value_type = Option<Object>)]
    pub hours: Option<Value>,
    /// Open tasks assigned to the user.
    pub open_tasks: i64,
    /// `cs`, `en`, `ru`, `pl` or `he`: the language of the user's alerts; null, the team's default.
    pub language: Option<String>,
    /// An admin reset the password: the user must choose a new one before anything else.
    pub must_change_password: bool,
}

impl From<UserRecord> for UserOut {
    fn from(u: UserRecord) -> Self {
        UserOut {
            id: u.id,
            login: u.login,
            name: u.name,
            role: u.role,
            phone: u.phone,
            email: u.email,
            active: u.active,
            created_at: u.created_at.to_string(),
            presence: u.presence,
            hours: u.hours,
            open_tasks: u.open_tasks,
            language: u.language,
            must_change_password: u.must_change_password,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserList {
    pub items: Vec<UserOut>,
}

/// A new API token's name and expiry (its schema is written out in [`exact`]).
#[derive(Debug, Default, Deserialize)]
pub struct TokenIn {
    /// What the token is for (shown in lists; default `api`): one line, at most 100 characters.
    pub name: Option<String>,
    /// When the token stops working (RFC 3339, in the future). Not with `expires_in_days`.
    pub expires_at: Option<String>,
    /// Days until the token stops working (1–3650), a whole number (`7.0` too). Not with
    /// `expires_at`.
    pub expires_in_days: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenOut {
    pub id: i64,
    /// Shown once; only its hash is stored.
    pub token: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClockOut {
    pub now: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct AdvanceIn {
    pub seconds: Option<i64>,
}

/// The answer to a web-form submission that asked for JSON.
#[derive(Debug, Serialize, ToSchema)]
pub struct FormReceipt {
    pub status: String,
    pub id: Option<i64>,
    pub received_at: String,
}

/// A user's availability, own working hours and contact details.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct UserPatchIn {
    /// `available`, `meeting` or `away`.
    #[schema(pattern = r"^(available|meeting|away)$")]
    pub presence: Option<String>,
    /// `{"time_zone": "Europe/Prague", "hours": {"mon": "08:00-12:00"}, "holidays": ["2026-12-24"]}`, or null to clear.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<WorkingHoursIn>)]
    pub hours: Option<Option<Value>>,
    /// A phone number in any notation (see `ContactIn.phone`); null or empty clears it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 40, format = "phone")]
    pub phone: Option<Option<String>>,
    /// Null or empty clears it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, max_length = 254, pattern = r"^([A-Za-z0-9]([A-Za-z0-9_%+-]{0,62}[A-Za-z0-9])?@[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?)*\.[A-Za-z]{2,10})?$")]
    pub email: Option<Option<String>>,
    /// `cs`, `en`, `ru`, `pl` or `he` (a region is ignored: `en-GB`), or null for the team's default.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, pattern = r"^((en|cs|ru|pl|he)([-_][A-Za-z0-9]*)?)?$")]
    pub language: Option<Option<String>>,
    /// Admin only: `false` deactivates the user (their sessions end, their tokens are revoked,
    /// their open leads and tasks go back to the playbook's assignment); `true` reactivates.
    pub active: Option<bool>,
    /// Admin only: the new role.
    #[schema(value_type = Option<String>, pattern = r"^(admin|manager|consultant|specialist|coordinator|secretary)$")]
    pub role: Option<String>,
}

/// An admin's password reset.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct PasswordResetIn {
    /// Also revoke the user's API tokens (default false: automation keeps working).
    pub revoke_tokens: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PasswordResetOut {
    /// Shown once: the user signs in with it and must then choose their own.
    pub temporary_password: String,
    pub must_change: bool,
    pub sessions_ended: i64,
    pub tokens_revoked: i64,
}

/// The caller's own password change.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct PasswordChangeIn {
    /// The password the caller signs in with now.
    #[schema(value_type = String, required = true, min_length = 1, max_length = 256)]
    pub current: Option<String>,
    /// The new one: at least 12 characters, not a common password, not the login or name.
    #[schema(value_type = String, required = true, min_length = 12, max_length = 256, format = "new-password")]
    pub new: Option<String>,
    /// Also revoke every API token of the user (default false).
    pub revoke_tokens: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PasswordChangeOut {
    /// The user's other sessions that ended (all of them when the change came with a token).
    pub sessions_ended: i64,
    pub tokens_revoked: i64,
    /// What was done, in words.
    pub message: String,
}

/// An API token as listed (never the token itself).
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenInfoOut {
    pub id: i64,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub expires_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenList {
    pub items: Vec<TokenInfoOut>,
}

impl From<pronto_store::TokenRecord> for TokenInfoOut {
    fn from(t: pronto_store::TokenRecord) -> Self {
        TokenInfoOut {
            id: t.id,
            name: t.name,
            created_at: t.created_at.to_string(),
            last_used_at: t.last_used_at.map(|t| t.to_string()),
            expires_at: t.expires_at.map(|t| t.to_string()),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TaskOut {
    pub id: i64,
    pub lead_id: i64,
    /// The playbook's task definition it was made from.
    pub task: String,
    pub title: String,
    /// `call`, `email`, `meeting` or `todo`.
    pub kind: String,
    pub assignee: Option<UserRefOut>,
    /// The role whose queue holds it.
    pub role: Option<String>,
    /// `low`, `normal`, `high` or `urgent`.
    pub priority: String,
    pub due_at: String,
    /// `open`, `done` or `cancelled`.
    pub status: String,
    pub outcome: Option<String>,
    pub note: Option<String>,
    /// The call script (Markdown).
    pub script: Option<String>,
    /// 1 for the first try; retries count up.
    pub attempt: i64,
    pub created_at: String,
    pub done_at: Option<String>,
}

impl From<TaskRecord> for TaskOut {
    fn from(t: TaskRecord) -> Self {
        TaskOut {
            id: t.id,
            lead_id: t.lead_id,
            task: t.task,
            title: t.title,
            kind: t.kind,
            assignee: t.assignee.map(Into::into),
            role: t.role,
            priority: t.priority,
            due_at: t.due_at.to_string(),
            status: t.status,
            outcome: t.outcome,
            note: t.note,
            script: t.script,
            attempt: t.attempt,
            created_at: t.created_at.to_string(),
            done_at: t.done_at.map(|d| d.to_string()),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TaskList {
    pub items: Vec<TaskOut>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct TaskCompleteIn {
    /// One of the task's outcomes (a call: reached, no_answer, busy, failed, or the playbook's own).
    #[schema(value_type = String, required = true, max_length = 64, format = "task-outcome")]
    pub outcome: Option<String>,
    #[schema(max_length = 20000, pattern = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$")]
    pub note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecipientOut {
    pub user_id: Option<i64>,
    /// Phone number, e-mail address or URL; null for in-app.
    pub address: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationOut {
    pub id: i64,
    pub lead_id: Option<i64>,
    /// `sms`, `email`, `in_app` or `webhook`.
    pub channel: String,
    pub recipient: RecipientOut,
    /// The playbook template it was made from.
    pub kind: String,
    pub text: Option<String>,
    pub subject: Option<String>,
    pub urgent: bool,
    pub created_at: String,
    /// `queued`, `sending`, `sent`, `delivered` or `failed` (given up: the dead-letter list).
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub provider_id: Option<String>,
    /// When the next attempt is due (queued or sending).
    pub next_attempt_at: String,
    /// In-app: when the recipient read it.
    pub read_at: Option<String>,
}

impl From<OutboxRecord> for NotificationOut {
    fn from(o: OutboxRecord) -> Self {
        let text = o.payload.get("text").and_then(Value::as_str).map(str::to_owned);
        let subject = o.payload.get("subject").and_then(Value::as_str).map(str::to_owned);
        let urgent = o.payload.get("urgent").and_then(Value::as_bool).unwrap_or(false);
        NotificationOut {
            id: o.id,
            lead_id: o.lead_id,
            channel: o.channel,
            recipient: RecipientOut { user_id: o.recipient_user, address: o.recipient_address, role: o.recipient_role },
            kind: o.kind,
            text,
            subject,
            urgent,
            created_at: o.created_at.to_string(),
            status: o.status,
            attempts: o.attempts,
            last_error: o.last_error,
            provider_id: o.provider_id,
            next_attempt_at: o.next_attempt_at.to_string(),
            read_at: o.read_at.map(|t| t.to_string()),
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct MarkReadIn {
    /// Notification ids (up to 1000); none (or absent) marks all of the caller's.
    #[serde(default, deserialize_with = "whole_numbers")]
    #[schema(max_items = 1000, inline, value_type = Option<Vec<NotificationId>>)]
    pub ids: Option<Vec<i64>>,
}

/// A notification's id.
#[derive(ToSchema)]
#[schema(minimum = 1)]
#[allow(dead_code)]
pub struct NotificationId(i64);

/// A user's own working hours (the playbook calendar's shape): at least one day, each day a
/// time range that starts before it ends.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct WorkingHoursIn {
    /// An IANA time zone (default `UTC`).
    #[schema(format = "time-zone")]
    time_zone: Option<String>,
    /// `mon`…`sun` → `HH:MM-HH:MM`, at least one day.
    #[schema(schema_with = week_hours)]
    hours: std::collections::BTreeMap<String, String>,
    /// Days off, `YYYY-MM-DD`.
    #[schema(inline, value_type = Option<Vec<HolidayDate>>)]
    holidays: Option<Vec<String>>,
}

/// At least one weekday, each a working time that starts before it ends (the description
/// shows ranges from the morning to the afternoon, which always do); no other keys.
fn week_hours() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{AdditionalProperties, AllOfBuilder, AnyOfBuilder, ObjectBuilder, Schema, Type};
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    const RANGE: &str = r"^(0[0-9]|1[01]):[0-5][0-9]-(1[2-9]|2[0-3]):[0-5][0-9]$";
    // A blank day is a day off.
    let day = |blank_ok: bool| {
        ObjectBuilder::new().schema_type(Type::String).pattern(Some(if blank_ok { format!("({RANGE})|^$") } else { RANGE.to_owned() }))
    };
    let mut base = ObjectBuilder::new().schema_type(Type::Object).additional_properties(Some(AdditionalProperties::FreeForm(false)));
    for d in DAYS {
        base = base.property(d, day(true));
    }
    let some_day = DAYS.iter().fold(AnyOfBuilder::new(), |b, d| {
        b.item(ObjectBuilder::new().schema_type(Type::Object).property(*d, day(false)).required(*d))
    });
    Schema::AllOf(AllOfBuilder::new().item(base).item(Schema::AnyOf(some_day.build())).build())
}

/// A date `YYYY-MM-DD`.
#[derive(ToSchema)]
#[schema(value_type = String, format = Date)]
#[allow(dead_code)]
pub struct HolidayDate(String);

#[derive(Debug, Serialize, ToSchema)]
pub struct MarkedRead {
    pub marked: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationList {
    pub items: Vec<NotificationOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookSummary {
    pub name: String,
    pub title: String,
    pub description: String,
    /// The version new leads start on.
    pub version: i64,
    pub default: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookList {
    pub items: Vec<PlaybookSummary>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StageOut {
    pub id: String,
    pub title: String,
    pub description: String,
    /// The status a lead gets on entering it (`won`, `lost`), if it closes the lead.
    pub status: Option<String>,
    pub next: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookVersionOut {
    pub version: i64,
    pub loaded_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookOut {
    pub name: String,
    pub title: String,
    pub description: String,
    pub version: i64,
    pub default: bool,
    pub calendar: String,
    pub time_zone: String,
    pub stages: Vec<StageOut>,
    /// Task definitions by id, with their scripts.
    #[schema(value_type = Object)]
    pub tasks: Value,
    /// SLAs by id.
    #[schema(value_type = Object)]
    pub slas: Value,
    pub rules: Vec<String>,
    pub versions: Vec<PlaybookVersionOut>,
    /// The TOML text of this version.
    pub source: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookLoaded {
    pub name: String,
    pub version: i64,
    /// False when the text was the same as the current version's.
    pub created: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookCheck {
    pub valid: bool,
    pub name: Option<String>,
    pub problems: Vec<PlaybookProblem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The request bodies whose rules JSON Schema states only with `anyOf`: written out here as
/// JSON, so the description says exactly what the handlers accept.
pub mod exact {
    use serde_json::json;
    use utoipa::openapi::{RefOr, schema::Schema};

    const LINE: &str = r"^[^\u0000-\u001f\u007f-\u009f]*$";
    const NONBLANK_LINE: &str = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$";
    const TEXT: &str = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$";
    const NONBLANK_TEXT: &str = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$";
    const EMAIL: &str = r"^[A-Za-z0-9]([A-Za-z0-9_%+-]{0,62}[A-Za-z0-9])?@[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?)*\.[A-Za-z]{2,10}$";

    /// A plain schema (no combinators: utoipa reads those as objects) from a JSON literal.
    fn plain(v: serde_json::Value) -> Schema {
        serde_json::from_value(v).expect("a valid schema literal")
    }

    /// `base` and at least one of `branches`.
    fn with_any_of(base: Schema, branches: Vec<serde_json::Value>) -> RefOr<Schema> {
        use utoipa::openapi::schema::{AllOfBuilder, AnyOfBuilder};
        let any = branches.into_iter().fold(AnyOfBuilder::new(), |b, v| b.item(plain(v))).build();
        RefOr::T(AllOfBuilder::new().item(base).item(Schema::AnyOf(any)).build().into())
    }

    /// `{"required": [f]}` for each field: at least one of them is given.
    pub fn at_least_one_of(fields: &[&str]) -> Vec<serde_json::Value> {
        fields.iter().map(|f| json!({ "type": "object", "required": [f] })).collect()
    }

    /// Wraps the derived schemas of the PATCH bodies: at least one field to change (the
    /// handlers answer 422 to a body that names none).
    pub struct AtLeastOneField;

    impl utoipa::Modify for AtLeastOneField {
        fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
            let lead = ["stage", "status", "owner", "customer_type", "subject", "message", "postal_code", "product", "language", "source"];
            let user = ["presence", "hours", "phone", "email", "language"];
            // `active` and `role` count only when not null (null is "not given").
            let mut user_branches = at_least_one_of(&user);
            user_branches.push(json!({ "type": "object", "required": ["active"], "properties": { "active": { "type": "boolean" } } }));
            user_branches.push(json!({ "type": "object", "required": ["role"], "properties": { "role": { "type": "string" } } }));
            let Some(c) = openapi.components.as_mut() else { return };
            for (name, branches) in [("LeadPatchIn", at_least_one_of(&lead)), ("UserPatchIn", user_branches)] {
                if let Some(RefOr::T(base)) = c.schemas.get(name).cloned() {
                    c.schemas.insert(name.to_owned(), with_any_of(base, branches));
                }
            }
        }
    }

    impl utoipa::PartialSchema for super::ContactIn {
        fn schema() -> RefOr<Schema> {
            let base = plain(json!({
                "type": "object",
                "description": "At least one of `name`, `email`, `phone` (blank counts as absent).",
                "properties": {
                    "name": { "type": ["string", "null"], "maxLength": 200, "pattern": LINE, "description": "One line, at most 200 characters." },
                    "email": { "type": ["string", "null"], "maxLength": 254, "pattern": format!("({EMAIL})|^$"), "description": "An e-mail address." },
                    "phone": { "type": ["string", "null"], "maxLength": 40, "format": "phone",
                        "description": "Any notation a valid number is written in (`777 123 456`, `+48 601 234 567`); without a country code it is read in `PRONTO_DEFAULT_REGION`. Stored and returned in E.164." },
                    "company": { "type": ["string", "null"], "maxLength": 200, "pattern": LINE, "description": "The company's name." },
                    "company_id": { "type": ["string", "null"], "maxLength": 64, "format": "company-id",
                        "description": "The company's registration number (IČO, NIP, …): 2–32 letters and digits (spaces, `-`, `.`, `/` ignored); an IČO must pass its checksum." }
                }
            }));
            with_any_of(base, vec![
                json!({ "type": "object", "required": ["name"], "properties": { "name": { "type": "string", "pattern": NONBLANK_LINE } } }),
                json!({ "type": "object", "required": ["email"], "properties": { "email": { "type": "string", "pattern": EMAIL } } }),
                json!({ "type": "object", "required": ["phone"], "properties": { "phone": { "type": "string", "minLength": 1, "format": "phone" } } }),
            ])
        }
    }
    impl utoipa::ToSchema for super::ContactIn {}

    impl utoipa::PartialSchema for super::ActivityIn {
        fn schema() -> RefOr<Schema> {
            let no_outcome = json!({ "type": ["string", "null"], "pattern": r"^\s*$" });
            let direction = json!({ "type": "string", "enum": ["in", "out"] });
            let optional_direction = json!({ "type": ["string", "null"], "pattern": r"^(in|out)?$" });
            let base = plain(json!({
                "type": "object",
                "description": "A call needs `direction` and `outcome`; an e-mail or SMS `direction`; a note its `body`; only a call has an `outcome`.",
                "required": ["kind"],
                "properties": {
                    "kind": { "type": "string", "enum": ["call", "email", "sms", "meeting", "note"] },
                    "direction": { "type": ["string", "null"], "pattern": r"^(in|out)?$", "description": "`in` or `out`." },
                    "outcome": { "type": ["string", "null"], "pattern": r"^(reached|no_answer|busy|failed|missed|transferred|manager_busy)?$",
                        "description": "For calls: `reached`, `no_answer`, `busy`, `failed`, `missed`, `transferred` or `manager_busy`." },
                    "body": { "type": ["string", "null"], "maxLength": 20000, "pattern": TEXT },
                    "at": { "type": ["string", "null"], "format": "past-time", "description": "RFC 3339, not in the future and not before 1970; default now." }
                }
            }));
            with_any_of(base, vec![
                json!({ "type": "object", "properties": { "kind": { "type": "string", "enum": ["call"] }, "direction": direction,
                        "outcome": { "type": "string", "enum": ["reached", "no_answer", "busy", "failed", "missed", "transferred", "manager_busy"] } },
                        "required": ["direction", "outcome"] }),
                json!({ "type": "object", "properties": { "kind": { "type": "string", "enum": ["email", "sms"] }, "direction": direction, "outcome": no_outcome },
                        "required": ["direction"] }),
                json!({ "type": "object", "properties": { "kind": { "type": "string", "enum": ["meeting"] }, "direction": optional_direction, "outcome": no_outcome } }),
                json!({ "type": "object", "properties": { "kind": { "type": "string", "enum": ["note"] }, "direction": optional_direction, "outcome": no_outcome,
                        "body": { "type": "string", "maxLength": 20000, "pattern": NONBLANK_TEXT } },
                        "required": ["body"] }),
            ])
        }
    }
    impl utoipa::ToSchema for super::ActivityIn {}

    impl utoipa::PartialSchema for super::TokenIn {
        fn schema() -> RefOr<Schema> {
            let base = plain(json!({
                "type": "object",
                "description": "Either `expires_at` or `expires_in_days`, or neither (the token works until revoked).",
                "properties": {
                    "name": { "type": ["string", "null"], "maxLength": 100, "pattern": LINE, "description": "What the token is for (shown in lists; default `api`)." },
                    "expires_at": { "type": ["string", "null"], "format": "future-time", "description": "When the token stops working: RFC 3339 with offset, in the future." },
                    "expires_in_days": { "type": ["integer", "null"], "minimum": 1, "maximum": 3650, "description": "Days until the token stops working." }
                }
            }));
            // Not both: at least one of the two is absent (or null).
            with_any_of(base, vec![
                json!({ "type": "object", "properties": { "expires_at": { "type": "null" } } }),
                json!({ "type": "object", "properties": { "expires_in_days": { "type": "null" } } }),
            ])
        }
    }
    impl utoipa::ToSchema for super::TokenIn {}
}
