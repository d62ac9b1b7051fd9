//! Complaints (issue 21, item 6): management's table of the customers' complaints — recorded by
//! a negative quality call in the store, with the substance typed on the call, the
//! representative (the lead's owner) and the channel —, filtered by status and time, exported
//! as CSV or XLSX, each resolved with a note. Managers and admins only
//! ([`Action::ManageComplaints`]).

use super::{Error, Result};
use crate::AppState;
use crate::auth::Caller;
use jiff::Timestamp;
use pronto_domain::FieldErrors;
use pronto_domain::user::Action;
use pronto_store::StoreError;
use pronto_store::complaints::{ComplaintFilter, ComplaintRecord};

/// The query as typed: `status` `open`|`resolved`, `from` and `to` as RFC 3339 times or
/// `YYYY-MM-DD` days (the office's; `to` takes the whole day).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Query {
    pub status: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// A channel code (`web`, `email`, `phone`, `in_person`, `api`).
    pub channel: Option<String>,
    /// A representative's user id, or `none` for the complaints with no owner.
    pub owner: Option<String>,
}

/// Parses the query: every bad field at once.
pub fn filter(q: &Query, zone: &jiff::tz::TimeZone) -> Result<ComplaintFilter> {
    let mut e = FieldErrors::new();
    let status = match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) if pronto_domain::delivery::COMPLAINT_STATUSES.contains(&s) => Some(s.to_owned()),
        Some(s) => {
            e.add("status", format!("`{s}` is not a status: use open or resolved"));
            None
        }
    };
    let mut time = |field: &str, v: &Option<String>, end: bool| -> Option<Timestamp> {
        let s = v.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
        if let Ok(t) = s.parse::<Timestamp>() {
            return Some(t);
        }
        match s.parse::<jiff::civil::Date>() {
            Ok(d) => {
                let d = if end { d.tomorrow().unwrap_or(d) } else { d };
                d.to_zoned(zone.clone()).ok().map(|z| z.timestamp())
            }
            Err(_) => {
                e.add(field, format!("`{s}` is neither a day (YYYY-MM-DD) nor a time (RFC 3339)"));
                None
            }
        }
    };
    let from = time("from", &q.from, false);
    let to = time("to", &q.to, true);
    let channel = match q.channel.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(c) if pronto_domain::lead::Channel::ALL.iter().any(|k| k.as_str() == c) => Some(c.to_owned()),
        Some(c) => {
            e.add("channel", format!("`{c}` is not a channel: use web, email, phone, in_person or api"));
            None
        }
    };
    let owner = match q.owner.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some("none") => Some(None),
        Some(o) => match o.parse::<i64>() {
            Ok(id) if id > 0 => Some(Some(id)),
            _ => {
                e.add("owner", format!("`{o}` is not a user id (or `none`)"));
                None
            }
        },
    };
    if e.is_empty() { Ok(ComplaintFilter { status, from, to, channel, owner }) } else { Err(Error::Invalid(e)) }
}

/// The complaints the query lets through, newest first.
pub async fn list(st: &AppState, caller: &Caller, q: &Query) -> Result<Vec<ComplaintRecord>> {
    caller.require(Action::ManageComplaints)?;
    let f = filter(q, &st.store.office_zone())?;
    Ok(st.store.complaints(f).await?)
}

/// Resolves complaint `id` with a note.
pub async fn resolve(st: &AppState, caller: &Caller, id: i64, note: Option<&str>) -> Result<ComplaintRecord> {
    caller.require(Action::ManageComplaints)?;
    let note = pronto_domain::delivery::resolution(note).map_err(Error::Invalid)?;
    st.store.resolve_complaint(id, note.into_string(), Some(caller.user.id)).await.map_err(|e| match e {
        StoreError::NotFound => Error::NotFound("complaint not found".into()),
        other => other.into(),
    })
}
