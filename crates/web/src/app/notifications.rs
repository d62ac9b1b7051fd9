//! Notifications: marking one's in-app notifications read, queueing a failed one again (the
//! dead-letter list), and an admin's test message through a delivery channel.

use super::{Error, Result, or_not_found, require_admin};
use crate::AppState;
use crate::auth::Caller;
use pronto_domain::user::Action;
use pronto_store::{CentreItem, NotificationFilter, OutboxRecord};

/// Marks the caller's in-app notifications read: the ones named, or all; returns how many.
pub async fn mark_read(st: &AppState, caller: &Caller, ids: Vec<i64>) -> Result<i64> {
    caller.require(Action::ReadLeads)?;
    if ids.len() > 1000 || ids.iter().any(|id| *id <= 0) {
        return Err(Error::invalid("ids", "give up to 1000 notification ids, or none for all"));
    }
    Ok(st.store.mark_read(caller.user.id, ids).await?)
}

/// The caller's notification centre: their own in-app notifications, what the customer sent
/// and nobody answered first, then the newest.
pub async fn centre(st: &AppState, caller: &Caller) -> Result<Vec<CentreItem>> {
    caller.require(Action::ReadLeads)?;
    Ok(st.store.notification_centre(caller.user.id, 200).await?)
}

/// How many of the caller's in-app notifications are unread.
pub async fn unread(st: &AppState, caller: &Caller) -> Result<i64> {
    caller.require(Action::ReadLeads)?;
    Ok(st.store.unread_notifications(caller.user.id).await?)
}

/// Opens one of the caller's own notifications, marking it read; anyone else's is not found.
pub async fn open(st: &AppState, caller: &Caller, id: i64) -> Result<CentreItem> {
    caller.require(Action::ReadLeads)?;
    let item = st.store.centre_item(caller.user.id, id).await.map_err(|e| or_not_found(e, "notification"))?;
    if item.read_at.is_none() {
        st.store.mark_read(caller.user.id, vec![id]).await?;
    }
    Ok(item)
}

/// Queues failed notification `id` again: admins and managers.
pub async fn retry(st: &AppState, caller: &Caller, id: i64) -> Result<OutboxRecord> {
    caller.require(Action::ReadAllNotifications)?;
    st.store.retry_notification(id, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "notification"))?;
    let n = st.store.notifications(&NotificationFilter { limit: 1000, ..Default::default() }).await?;
    n.into_iter().find(|n| n.id == id).ok_or_else(|| Error::not_found("notification"))
}

/// A test message queued (an admin's): `channel` is `sms` or `email`, `to` a phone number or
/// an address as typed. Returns the notification's id and the address as understood; it is
/// delivered like any alert.
pub async fn queue_test(st: &AppState, caller: &Caller, channel: &str, to: &str) -> Result<(i64, String)> {
    require_admin(caller)?;
    let to = to.trim();
    let address = match channel {
        "sms" => pronto_domain::values::Phone::parse(to, st.region()).map(|p| p.as_str().to_owned()).map_err(|e| e.to_string()),
        "email" => pronto_domain::values::Email::parse(to).map(|e| e.as_str().to_owned()).map_err(|e| e.to_string()),
        _ => return Err(Error::not_found(&format!("channel `{channel}`"))),
    }
    .map_err(|m| Error::invalid("to", m))?;
    let text = format!("Pronto test message ({channel}) from {}", caller.user.name);
    let id = st.store.queue_test(channel.to_owned(), address.clone(), text, Some(caller.user.id)).await?;
    st.audit_change(caller, crate::audit::kind::DELIVERY_TESTED, None, serde_json::json!({ "channel": channel, "to": address })).await;
    Ok((id, address))
}
