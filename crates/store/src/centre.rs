//! The notification centre's reads: one user's in-app notifications with the lead each is
//! about (who, by which channel, whether the customer was answered), and how many are unread.
//! Marking them read is `write::delivery::MarkRead` (one transaction).

use crate::engine::{Conn, P, Row};
use crate::records::{CentreItem, CentreLead};
use crate::{Result, StoreError, from_micros, params};

/// What the customer sends: it waits for an answer until someone of the team responds.
pub const FROM_THE_CUSTOMER: &[&str] = &["customer_message", "customer_callback", "customer_document", "email_reply"];

/// A staff member's response to the customer, as `NewActivity::is_response` defines it: a
/// call in which they were reached, an outgoing e-mail or SMS, a meeting.
const ANSWERED: &str =
    "EXISTS (SELECT 1 FROM activities a WHERE a.lead_id = o.lead_id AND a.user_id IS NOT NULL AND a.created_at >= o.created_at
    AND ((a.kind = 'call' AND a.outcome IN ('reached', 'transferred', 'manager_busy'))
         OR (a.kind IN ('email', 'sms') AND a.direction = 'out') OR a.kind = 'meeting'))";

fn select(filter: &str, order_limit: &str) -> String {
    let waiting_kinds = FROM_THE_CUSTOMER.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ");
    format!(
        "SELECT o.id, o.kind, o.payload, o.created_at, o.read_at, o.lead_id,
                c.name AS contact_name, c.phone AS contact_phone, c.email AS contact_email, l.channel, l.first_response_at,
                u.name AS owner_name,
                (SELECT MAX(t.due_at) FROM timers t WHERE t.lead_id = o.lead_id AND t.kind LIKE 'sla:%:breach' AND t.due_at <= o.created_at) AS deadline,
                CAST(CASE WHEN o.kind IN ({waiting_kinds}) AND NOT {ANSWERED} THEN 1 ELSE 0 END AS BIGINT) AS waiting
         FROM outbox o
         LEFT JOIN leads l ON l.id = o.lead_id
         LEFT JOIN contacts c ON c.id = l.contact_id
         LEFT JOIN users u ON u.id = l.owner_id
         WHERE o.recipient_user = $1 AND o.channel = 'in_app' {filter}
         {order_limit}"
    )
}

fn item(r: &Row) -> Result<CentreItem> {
    let payload: serde_json::Value = serde_json::from_str(&r.str("payload")?).unwrap_or_default();
    let lead = match r.opt_i64("lead_id")? {
        Some(id) => Some(CentreLead {
            id,
            name: r.opt_str("contact_name")?,
            phone: r.opt_str("contact_phone")?,
            email: r.opt_str("contact_email")?,
            channel: r.opt_str("channel")?.unwrap_or_default(),
            owner: r.opt_str("owner_name")?,
            first_response_at: r.opt_i64("first_response_at")?.map(from_micros),
        }),
        None => None,
    };
    Ok(CentreItem {
        id: r.i64("id")?,
        kind: r.str("kind")?,
        text: payload["text"].as_str().unwrap_or_default().to_owned(),
        urgent: payload["urgent"].as_bool().unwrap_or(false),
        created_at: from_micros(r.i64("created_at")?),
        read_at: r.opt_i64("read_at")?.map(from_micros),
        lead,
        waiting: r.i64("waiting")? != 0,
        deadline: r.opt_i64("deadline")?.map(from_micros),
    })
}

/// `user`'s in-app notifications: first every customer's message still waiting for an answer
/// (however old), then the newest `limit`, newest first.
pub(crate) async fn list(c: &mut dyn Conn, user: i64, limit: i64) -> Result<Vec<CentreItem>> {
    let kinds = FROM_THE_CUSTOMER.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ");
    let waiting_sql = select(&format!("AND o.kind IN ({kinds}) AND NOT {ANSWERED}"), "ORDER BY o.id DESC LIMIT 500");
    let mut out: Vec<CentreItem> = c.rows(&waiting_sql, params![user]).await?.iter().map(item).collect::<Result<_>>()?;
    let recent_sql = select("", &format!("ORDER BY o.id DESC LIMIT {}", limit.clamp(1, 1000)));
    for i in c.rows(&recent_sql, params![user]).await?.iter().map(item) {
        let i = i?;
        if !out.iter().any(|w| w.id == i.id) {
            out.push(i);
        }
    }
    Ok(out)
}

/// One of `user`'s own in-app notifications; anyone else's is `NotFound`, like a missing one.
pub(crate) async fn one(c: &mut dyn Conn, user: i64, id: i64) -> Result<CentreItem> {
    let sql = select("AND o.id = $2", "");
    let ps: Vec<P> = params![user, id];
    c.row(&sql, ps).await?.as_ref().map(item).transpose()?.ok_or(StoreError::NotFound)
}

/// How many of `user`'s in-app notifications are unread.
pub(crate) async fn unread(c: &mut dyn Conn, user: i64) -> Result<i64> {
    let r = c
        .row("SELECT COUNT(*) AS n FROM outbox WHERE recipient_user = $1 AND channel = 'in_app' AND read_at IS NULL", params![user])
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(r.i64("n")?)
}
