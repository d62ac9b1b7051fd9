//! The money reports' read (issue 21, item 7): the invoices that can show in a window
//! `[from, to)` — issued in it, paid in it, or still owed at its end — each with its lead's
//! report fact, where the deal came from and its payments, for
//! `pronto_domain::money_report` to add up.
//!
//! Like the offers' read, not kept as daily tallies: invoices are a small share of the leads,
//! their money is per currency, and "outstanding at the window's end" is a state, not a sum of
//! days. An invoice paid in full before the window is not read at all, so the read grows with
//! the open invoices and the window's, not with the whole history.

use crate::engine::Conn;
use crate::{Result, from_micros, micros, params};
use pronto_domain::money_report::{InvoiceFact, origin};
use pronto_domain::tally::Fact;
use std::collections::BTreeMap;

/// Which invoices can show in `[from, to)`: issued before its end, not cancelled, and not
/// paid in full before it began.
const SHOWN: &str = "i.issued_at < $2 AND i.status <> 'cancelled'
     AND (i.status <> 'paid' OR i.issued_at >= $1 OR EXISTS (SELECT 1 FROM payments q WHERE q.invoice_id = i.id AND q.recorded_at >= $1))";

/// The invoices that show in `[from, to)`, by id, with their payments.
pub(crate) async fn invoice_facts(c: &mut dyn Conn, from: jiff::Timestamp, to: jiff::Timestamp) -> Result<Vec<InvoiceFact>> {
    let (a, b) = (micros(from), micros(to));
    let mut out: BTreeMap<i64, InvoiceFact> = BTreeMap::new();
    let sql = format!(
        "SELECT i.id, i.currency, i.gross, i.issued_at, i.due_at, l.channel, l.owner_id, f.fact,
                (SELECT k.direction FROM calls k WHERE k.lead_id = i.lead_id ORDER BY k.started_at, k.id LIMIT 1) AS first_call
         FROM invoices i JOIN leads l ON l.id = i.lead_id LEFT JOIN lead_facts f ON f.lead_id = i.lead_id
         WHERE {SHOWN} ORDER BY i.id LIMIT 100000"
    );
    for r in c.rows(&sql, params![a, b]).await? {
        let channel = r.str("channel")?;
        // A lead without its report fact yet (the backfill has not reached it) still counts
        // by its channel and owner.
        let mut lead: Fact = r.opt_str("fact")?.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
        if lead.channel.is_empty() {
            lead.channel = channel.clone();
            lead.owner = r.opt_i64("owner_id")?;
        }
        let decimal = |s: String| s.parse().unwrap_or_default();
        out.insert(
            r.i64("id")?,
            InvoiceFact {
                origin: origin(&channel, r.opt_str("first_call")?.as_deref()),
                lead,
                currency: r.str("currency")?,
                gross: decimal(r.str("gross")?),
                issued_at: from_micros(r.i64("issued_at")?),
                due_at: from_micros(r.i64("due_at")?),
                cancelled: false,
                payments: vec![],
            },
        );
    }
    let sql = format!(
        "SELECT p.invoice_id, p.amount, p.recorded_at FROM payments p JOIN invoices i ON i.id = p.invoice_id
         WHERE {SHOWN} ORDER BY p.id"
    );
    for r in c.rows(&sql, params![a, b]).await? {
        if let Some(f) = out.get_mut(&r.i64("invoice_id")?) {
            f.payments.push((from_micros(r.i64("recorded_at")?), r.str("amount")?.parse().unwrap_or_default()));
        }
    }
    Ok(out.into_values().collect())
}
