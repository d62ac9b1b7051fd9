//! Users, their tokens and passwords, the clock and the web forms' receipt, on the wire.

use super::*;

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
