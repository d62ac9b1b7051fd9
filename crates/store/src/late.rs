//! "Late now": open tasks past their time, SLAs breached whose condition is still not met, and
//! SLAs about to be breached (within their own warning threshold, else `at_risk_within`), each
//! with its lead and who holds it. Reads only; the playbooks say what ends each SLA.

use crate::engine::{Conn, P, Row};
use crate::playbooks::Playbooks;
use crate::records::{ContactSummary, Late, LateFilter, LateRecord, UserRef};
use crate::{Result, from_micros, micros};
use jiff::Timestamp;
use pronto_playbook::model::Until;

const CONTACT_COLS: &str = "l.contact_id, c.name AS contact_name, c.email AS contact_email, c.phone AS contact_phone";

fn contact(r: &Row) -> Result<ContactSummary> {
    Ok(ContactSummary {
        id: r.i64("contact_id")?,
        name: r.opt_str("contact_name")?,
        email: r.opt_str("contact_email")?,
        phone: r.opt_str("contact_phone")?,
    })
}

fn holder(r: &Row) -> Result<Option<UserRef>> {
    Ok(match (r.opt_i64("holder_id")?, r.opt_str("holder_name")?) {
        (Some(id), Some(name)) => Some(UserRef { id, name }),
        _ => None,
    })
}

/// `AND (who = $n OR who IS NULL)` for a reader who sees their own and nobody's.
fn scope(f: &LateFilter, who: &str, ps: &mut Vec<P>) -> String {
    match f.holder {
        Some(me) => {
            ps.push(me.into());
            format!(" AND ({who} = ${n} OR {who} IS NULL)", n = ps.len())
        }
        None => String::new(),
    }
}

/// What tells whether a breached SLA's condition was met since its deadline.
#[derive(Debug, Clone, Default)]
pub(crate) struct SlaFacts {
    pub due: Timestamp,
    pub stage: String,
    pub first_response_at: Option<Timestamp>,
    /// The last activity a person logged on the lead.
    pub last_reaction_at: Option<Timestamp>,
    /// The lead's completed tasks: (task definition, when).
    pub done_tasks: Vec<(String, Timestamp)>,
}

/// Whether an SLA that ends on `until` is still breached (its deadline `f.due` passed and
/// nothing since met it). What met it before the deadline stopped it then: it never fired.
pub(crate) fn still_breached(until: &Until, f: &SlaFacts) -> bool {
    match until {
        Until::Response => f.first_response_at.is_none(),
        Until::Reaction => !(f.last_reaction_at.is_some_and(|t| t >= f.due) || f.done_tasks.iter().any(|(_, at)| *at >= f.due)),
        Until::Stage(s) => f.stage != *s,
        Until::Task(t) => !f.done_tasks.iter().any(|(task, at)| task == t && *at >= f.due),
    }
}

/// The SLA's id from a timer kind `sla:ID:breach`.
fn sla_id(kind: &str) -> String {
    kind.trim_start_matches("sla:").trim_end_matches(":breach").to_owned()
}

pub(crate) async fn late_now(c: &mut dyn Conn, playbooks: &Playbooks, f: &LateFilter) -> Result<Vec<LateRecord>> {
    let now = micros(f.now);
    let limit = i64::from(f.limit.clamp(1, 1000));
    let mut out = Vec::new();

    // Open tasks past their time; held by the assignee, else by the lead's owner.
    let mut ps: Vec<P> = vec![now.into()];
    let who = "COALESCE(t.assignee_id, l.owner_id)";
    let sc = scope(f, who, &mut ps);
    ps.push(limit.into());
    let sql = format!(
        "SELECT t.id, t.title, t.lead_id, t.due_at, {who} AS holder_id, h.name AS holder_name, {CONTACT_COLS}
         FROM tasks t JOIN leads l ON l.id = t.lead_id JOIN contacts c ON c.id = l.contact_id LEFT JOIN users h ON h.id = {who}
         WHERE t.status = 'open' AND t.due_at < $1 AND l.test = FALSE{sc} ORDER BY t.due_at, t.id LIMIT ${}",
        ps.len()
    );
    for r in c.rows(&sql, ps).await? {
        out.push(LateRecord {
            what: Late::Task { id: r.i64("id")?, title: r.str("title")? },
            lead_id: r.i64("lead_id")?,
            contact: contact(&r)?,
            holder: holder(&r)?,
            due_at: from_micros(r.i64("due_at")?),
        });
    }

    let title = |pb: &str, version: i64, sla: &str| {
        playbooks.get(pb, version).and_then(|p| p.slas.get(sla).map(|s| s.title.clone())).unwrap_or_else(|| sla.to_owned())
    };

    // SLAs running: at risk from their warning's time (the playbook's threshold, in working
    // time, carried on the deadline's timer as `warn_at`), else `at_risk_within` before the
    // deadline; past the deadline and not fired yet: breached. Two ranges of two indexes
    // (`timers_due`, `timers_warn`), so that the running SLAs that are not at risk are never read.
    let soon = micros(f.now + f.at_risk_within);
    let mut seen = std::collections::HashSet::new();
    let ranges = [("t.due_at <= $1", "t.due_at", soon), ("t.warn_at IS NOT NULL AND t.warn_at <= $1", "t.warn_at", now)];
    for (at_risk, order, bound) in ranges {
        let mut ps: Vec<P> = vec![bound.into()];
        let sc = scope(f, "l.owner_id", &mut ps);
        ps.push(limit.into());
        let sql = format!(
            "SELECT t.id, t.kind, t.lead_id, t.due_at, l.owner_id AS holder_id, h.name AS holder_name, l.playbook, l.playbook_version, {CONTACT_COLS}
             FROM timers t JOIN leads l ON l.id = t.lead_id JOIN contacts c ON c.id = l.contact_id LEFT JOIN users h ON h.id = l.owner_id
             WHERE t.status = 'pending' AND {at_risk} AND t.kind LIKE 'sla:%:breach' AND l.status = 'open' AND l.test = FALSE{sc}
             ORDER BY {order}, t.id LIMIT ${}",
            ps.len()
        );
        for r in c.rows(&sql, ps).await? {
            if !seen.insert(r.i64("id")?) {
                continue;
            }
            let sla = sla_id(&r.str("kind")?);
            let due = r.i64("due_at")?;
            let title = title(&r.str("playbook")?, r.i64("playbook_version")?, &sla);
            out.push(LateRecord {
                what: if due <= now { Late::SlaBreached { sla, title } } else { Late::SlaAtRisk { sla, title } },
                lead_id: r.i64("lead_id")?,
                contact: contact(&r)?,
                holder: holder(&r)?,
                due_at: from_micros(due),
            });
        }
    }

    // SLAs breached (their deadline fired) on open leads, the newest run of each, while what
    // ends them has not happened since.
    let mut ps: Vec<P> = Vec::new();
    let sc = scope(f, "l.owner_id", &mut ps);
    ps.push((limit * 4).into());
    let sql = format!(
        "SELECT t.kind, t.lead_id, t.due_at, l.owner_id AS holder_id, h.name AS holder_name, l.playbook, l.playbook_version, l.stage,
                l.first_response_at, (SELECT MAX(a.at) FROM activities a WHERE a.lead_id = l.id AND a.user_id IS NOT NULL) AS last_reaction,
                {CONTACT_COLS}
         FROM leads l JOIN timers t ON t.lead_id = l.id JOIN contacts c ON c.id = l.contact_id LEFT JOIN users h ON h.id = l.owner_id
         WHERE l.status = 'open' AND l.test = FALSE AND t.status = 'fired' AND t.kind LIKE 'sla:%:breach'
           AND NOT EXISTS (SELECT 1 FROM timers n WHERE n.lead_id = t.lead_id AND n.kind = t.kind AND n.id > t.id){sc}
         ORDER BY t.due_at, t.id LIMIT ${}",
        ps.len()
    );
    let rows = c.rows(&sql, ps).await?;
    let leads: Vec<i64> = rows.iter().map(|r| r.i64("lead_id")).collect::<std::result::Result<_, _>>()?;
    let mut done: std::collections::HashMap<i64, Vec<(String, Timestamp)>> = Default::default();
    for chunk in leads.chunks(500) {
        let list = chunk.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
        let sql = format!("SELECT lead_id, task, done_at FROM tasks WHERE status = 'done' AND done_at IS NOT NULL AND lead_id IN ({list})");
        for r in c.rows(&sql, vec![]).await? {
            done.entry(r.i64("lead_id")?).or_default().push((r.str("task")?, from_micros(r.i64("done_at")?)));
        }
    }
    let mut breached = 0;
    for r in &rows {
        if breached >= limit {
            break;
        }
        let sla = sla_id(&r.str("kind")?);
        let (pb, version) = (r.str("playbook")?, r.i64("playbook_version")?);
        let Some(until) = playbooks.get(&pb, version).and_then(|p| p.slas.get(&sla).map(|s| s.until.clone())) else { continue };
        let lead_id = r.i64("lead_id")?;
        let facts = SlaFacts {
            due: from_micros(r.i64("due_at")?),
            stage: r.str("stage")?,
            first_response_at: r.opt_i64("first_response_at")?.map(from_micros),
            last_reaction_at: r.opt_i64("last_reaction")?.map(from_micros),
            done_tasks: done.remove(&lead_id).unwrap_or_default(),
        };
        if !still_breached(&until, &facts) {
            continue;
        }
        breached += 1;
        out.push(LateRecord {
            what: Late::SlaBreached { title: title(&pb, version, &sla), sla },
            lead_id,
            contact: contact(r)?,
            holder: holder(r)?,
            due_at: facts.due,
        });
    }
    // The latest first; what is not late yet after, the soonest first.
    out.sort_by_key(|l| (l.due_at, l.lead_id));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        format!("2026-03-02T{s}:00Z").parse().unwrap()
    }

    #[test]
    fn a_breached_sla_stays_breached_until_what_ends_it_happens() {
        let due = at("09:10");
        let base = SlaFacts { due, stage: "received".into(), ..Default::default() };
        let with = |f: &dyn Fn(&mut SlaFacts)| {
            let mut x = base.clone();
            f(&mut x);
            x
        };
        let cases: Vec<(&str, Until, SlaFacts, bool)> = vec![
            ("no response yet", Until::Response, base.clone(), true),
            ("responded after the deadline", Until::Response, with(&|f| f.first_response_at = Some(at("09:20"))), false),
            ("nobody reacted", Until::Reaction, base.clone(), true),
            ("a note before the deadline does not count", Until::Reaction, with(&|f| f.last_reaction_at = Some(at("09:05"))), true),
            ("a call after the deadline", Until::Reaction, with(&|f| f.last_reaction_at = Some(at("09:30"))), false),
            ("a task done after the deadline", Until::Reaction, with(&|f| f.done_tasks = vec![("call".into(), at("09:11"))]), false),
            ("not in the stage", Until::Stage("offer".into()), base.clone(), true),
            ("in the stage", Until::Stage("offer".into()), with(&|f| f.stage = "offer".into()), false),
            ("another task done", Until::Task("manager_call".into()), with(&|f| f.done_tasks = vec![("call".into(), at("09:30"))]), true),
            (
                "the task done after the deadline",
                Until::Task("manager_call".into()),
                with(&|f| f.done_tasks = vec![("manager_call".into(), at("09:30"))]),
                false,
            ),
        ];
        for (name, until, facts, want) in cases {
            assert_eq!(still_breached(&until, &facts), want, "{name}");
        }
    }

    #[test]
    fn the_sla_id_comes_from_the_timer_kind() {
        assert_eq!(sla_id("sla:first_response:breach"), "first_response");
        assert_eq!(sla_id("sla:manager_call:breach"), "manager_call");
    }
}
