//! The offer reports' read (issue 20): the offers of the leads received in a window, each
//! lead with its report fact (`lead_facts`), for `pronto_domain::offer_report` to add up.
//!
//! Not kept as daily tallies like the other reports' figures: offers are a small share of the
//! leads (only those that got as far as an offer), and their money is per currency, so one
//! indexed read per report — the window's facts by `lead_facts(received_at)`, their offers by
//! `offers(lead_id, version)` — stays cheap, always agrees with the registry, and needs no
//! rebuild when an offer changes.

use crate::engine::{Conn, P};
use crate::playbooks::Playbooks;
use crate::{Result, from_micros, params};
use pronto_domain::offer_report::{LeadOffers, OfferFact};
use pronto_domain::tally::Fact;

/// The leads received in `[from, to)` with at least one offer (of `playbook` only, when
/// given), oldest first, with their offer versions in order; times in working time by each
/// lead's playbook calendar.
pub(crate) async fn lead_offers(
    c: &mut dyn Conn,
    pbs: &Playbooks,
    from: jiff::Timestamp,
    to: jiff::Timestamp,
    playbook: Option<&str>,
) -> Result<Vec<LeadOffers>> {
    let mut sql = "SELECT f.lead_id, f.fact, l.received_at, l.playbook, l.playbook_version,
                o.version, o.currency, o.gross, o.sent_at, o.decided_at, o.decision
         FROM lead_facts f JOIN leads l ON l.id = f.lead_id JOIN offers o ON o.lead_id = f.lead_id
         WHERE f.received_at >= $1 AND f.received_at < $2"
        .to_owned();
    let mut ps: Vec<P> = params![crate::micros(from), crate::micros(to)];
    if let Some(p) = playbook {
        sql.push_str(" AND l.playbook = $3");
        ps.push(p.into());
    }
    sql.push_str(" ORDER BY f.received_at, f.lead_id, o.version");
    let office = crate::facts::office_zone(pbs);
    let mut out: Vec<LeadOffers> = Vec::new();
    let mut calendar = None;
    let mut last: Option<i64> = None;
    for r in c.rows(&sql, ps).await? {
        let id = r.i64("lead_id")?;
        let received = from_micros(r.i64("received_at")?);
        if last != Some(id) {
            last = Some(id);
            let playbook = r.str("playbook")?;
            let pb = pbs.get(&playbook, r.i64("playbook_version")?).or_else(|| pbs.current(&playbook).map(|(_, p)| p));
            calendar = Some(pb.map(|p| p.calendar.clone()).unwrap_or_else(|| pronto_domain::calendar::Calendar::always(office.clone())));
            let lead: Fact = serde_json::from_str(&r.str("fact")?).unwrap_or_default();
            out.push(LeadOffers { lead, offers: vec![], to_first_sent: None });
        }
        let cal = calendar.as_ref().expect("set with the lead");
        let both = |a: jiff::Timestamp, b: jiff::Timestamp| ((b.as_second() - a.as_second()).max(0), cal.between(a, b).as_secs().max(0));
        let sent = r.opt_i64("sent_at")?.map(from_micros);
        let decided = r.opt_i64("decided_at")?.map(from_micros);
        let l = out.last_mut().expect("pushed above");
        if let Some(s) = sent {
            let first = l.to_first_sent.map(|(w, _)| w);
            let (w, b) = both(received, s);
            if first.is_none_or(|f| w < f) {
                l.to_first_sent = Some((w, b));
            }
        }
        l.offers.push(OfferFact {
            version: r.i64("version")?,
            currency: r.str("currency")?,
            gross: r.str("gross")?.parse().unwrap_or_default(),
            sent: sent.is_some(),
            decision: r.opt_str("decision")?,
            to_decision: sent.zip(decided).map(|(s, d)| both(s, d)),
        });
    }
    Ok(out)
}
