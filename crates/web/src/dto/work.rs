//! Tasks and notifications on the wire, with the working hours' schema.

use super::*;

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
