//! Report aggregates kept up to date in the writer's transaction (see `pronto_domain::tally`).
//! Every flush of a command's effects syncs the facts of the leads it wrote events for: the
//! lead's new fact is computed from its row, its stage changes, calls and quality tasks; when it
//! differs from the stored one, the difference is applied to the daily tallies — all in the
//! same transaction as the change itself, so the reports never disagree with the registry.

use crate::engine::{Conn, Dialect, P, placeholders};
use crate::playbooks::Playbooks;
use crate::{Result, StoreError, from_micros, params};
use pronto_domain::event::DomainEvent;
use pronto_domain::tally::{self, Dim, Fact, LeadFacts, Tally};
use std::collections::BTreeMap;

/// The office's time zone: the default playbook's calendar (UTC before any is loaded).
pub(crate) fn office_zone(pbs: &Playbooks) -> jiff::tz::TimeZone {
    pbs.current(&pbs.default_name()).map(|(_, pb)| pb.calendar.time_zone().clone()).unwrap_or(jiff::tz::TimeZone::UTC)
}

/// What the facts and tallies were built with: the office's zone and the shape of a fact. A
/// change of either rebuilds them (see [`backfill`]).
fn built_with(z: &jiff::tz::TimeZone) -> String {
    format!("{} facts-v{FACT_VERSION}", z.iana_name().unwrap_or("UTC"))
}

/// Raised whenever `Fact` learns something new, so that facts made before are made again.
const FACT_VERSION: u32 = 2;

/// The facts of `ids` as they stand in this transaction, by lead (a lead that does not exist
/// has none): three statements for the whole list.
pub(crate) async fn facts_of(c: &mut dyn Conn, pbs: &Playbooks, office: &jiff::tz::TimeZone, ids: &[i64]) -> Result<BTreeMap<i64, Fact>> {
    let mut out = BTreeMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let ps = || ids.iter().map(|id| crate::engine::P::from(*id)).collect::<Vec<_>>();
    // Stage changes and SLA outcomes, in order, per lead.
    let mut history: BTreeMap<i64, (Vec<(jiff::Timestamp, String)>, Vec<(String, bool)>)> = BTreeMap::new();
    let sql = format!(
        "SELECT lead_id, at, kind, data FROM events WHERE lead_id IN ({}) AND kind IN ('lead.stage_changed', 'sla.met', 'sla.breached') ORDER BY id",
        placeholders(1, ids.len())
    );
    for e in c.rows(&sql, ps()).await? {
        let data: serde_json::Value = serde_json::from_str(&e.str("data")?).unwrap_or_default();
        let h = history.entry(e.i64("lead_id")?).or_default();
        match DomainEvent::from_row(&e.str("kind")?, &data) {
            Some(DomainEvent::LeadStageChanged { to, .. }) => h.0.push((from_micros(e.i64("at")?), to)),
            Some(DomainEvent::SlaMet { sla, .. }) => h.1.push((sla, true)),
            Some(DomainEvent::SlaBreached { sla, .. }) => h.1.push((sla, false)),
            _ => {}
        }
    }
    let sql = format!(
        "SELECT l.id, l.received_at, l.first_response_at, l.playbook, l.playbook_version, l.channel, l.owner_id, l.source,
                l.customer_type, l.stage, l.status,
                (SELECT COUNT(*) FROM activities a WHERE a.lead_id = l.id AND a.kind = 'call' AND a.direction = 'out') AS calls,
                (SELECT COUNT(*) FROM complaints k WHERE k.lead_id = l.id) AS complaints,
                (SELECT t.outcome FROM tasks t WHERE t.lead_id = l.id AND t.task = 'quality_call' AND t.outcome IS NOT NULL
                 ORDER BY t.id DESC LIMIT 1) AS quality
         FROM leads l WHERE l.id IN ({}) AND l.test = FALSE",
        placeholders(1, ids.len())
    );
    for r in c.rows(&sql, ps()).await? {
        let id = r.i64("id")?;
        let playbook = r.str("playbook")?;
        let pb = pbs.get(&playbook, r.i64("playbook_version")?).or_else(|| pbs.current(&playbook).map(|(_, p)| p));
        let stages: Vec<(String, Option<String>)> = pb
            .as_ref()
            .map(|pb| pb.stages.iter().map(|s| (s.id.clone(), s.status.map(|st| st.as_str().to_owned()))).collect())
            .unwrap_or_default();
        let calendar = pb.as_ref().map(|p| p.calendar.clone()).unwrap_or_else(|| pronto_domain::calendar::Calendar::always(office.clone()));
        let (changes, sla) = history.remove(&id).unwrap_or_default();
        let (channel, source, ctype, stage, status, quality) = (
            r.str("channel")?,
            r.opt_str("source")?,
            r.opt_str("customer_type")?,
            r.str("stage")?,
            r.str("status")?,
            r.opt_str("quality")?,
        );
        let facts = LeadFacts {
            received_at: from_micros(r.i64("received_at")?),
            first_response_at: r.opt_i64("first_response_at")?.map(from_micros),
            playbook: &playbook,
            channel: &channel,
            owner: r.opt_i64("owner_id")?,
            source: source.as_deref(),
            customer_type: ctype.as_deref(),
            stage: &stage,
            status: &status,
            stages: &stages,
            stage_changes: &changes,
            calls: r.i64("calls")?,
            quality: quality.as_deref(),
            complaints: r.i64("complaints")?,
            sla_outcomes: &sla,
        };
        out.insert(id, Fact::of(&facts, office, &calendar));
    }
    Ok(out)
}

/// The events that may change what a lead's fact holds (its row's reported columns, its stage
/// history, outgoing calls, quality-call tasks and complaints (issue 21: the complaints table)); a lead whose events in a
/// transaction are all others (timers firing, alerts, SLA bookkeeping) keeps its fact.
pub(crate) const CHANGES_FACTS: &[&str] = &[
    "lead.received",
    "lead.assigned",
    "lead.unassigned",
    "lead.first_response",
    "lead.stage_changed",
    "lead.status_changed",
    "lead.updated",
    "activity.logged",
    "task.created",
    "task.completed",
    "sla.met",
    "sla.breached",
    "complaint.recorded",
];

/// What a transaction changes in the daily tallies, applied just before it commits.
pub(crate) type Deltas = BTreeMap<(i32, Dim, String), Tally>;

/// Brings the facts of `leads` up to date and adds what that changes in the tallies to
/// `changes`, which the writer applies last before the commit ([`apply`]): the tallies' rows
/// are then every transaction's last locks, taken in one global order, so two writers never
/// wait on each other through them.
pub(crate) async fn sync(c: &mut dyn Conn, pbs: &Playbooks, leads: &[i64], changes: &mut Deltas) -> Result<()> {
    if leads.is_empty() {
        return Ok(());
    }
    let office = office_zone(pbs);
    // In chunks, three reads and one write each, however many leads a batch touched.
    for chunk in leads.chunks(200) {
        let mut new = facts_of(c, pbs, &office, chunk).await?;
        let mut old: BTreeMap<i64, Fact> = BTreeMap::new();
        let sql = format!("SELECT lead_id, fact FROM lead_facts WHERE lead_id IN ({})", placeholders(1, chunk.len()));
        for r in c.rows(&sql, chunk.iter().map(|id| crate::engine::P::from(*id)).collect()).await? {
            if let Ok(f) = serde_json::from_str(&r.str("fact")?) {
                old.insert(r.i64("lead_id")?, f);
            }
        }
        let mut rows: Vec<crate::engine::P> = Vec::new();
        for &id in chunk {
            let (o, n) = (old.remove(&id), new.remove(&id));
            if o == n {
                continue;
            }
            if let Some(n) = &n {
                let text = serde_json::to_string(n).map_err(|e| StoreError::Internal(e.to_string()))?;
                rows.extend([id.into(), n.received_us.into(), (n.day as i64).into(), text.into()]);
            }
            for (k, t) in tally::delta(o.as_ref(), n.as_ref()) {
                changes.entry(k).or_default().merge(&t);
            }
        }
        if !rows.is_empty() {
            let values = (0..rows.len() / 4)
                .map(|i| format!("(${}, ${}, ${}, ${})", 4 * i + 1, 4 * i + 2, 4 * i + 3, 4 * i + 4))
                .collect::<Vec<_>>();
            let sql = format!(
                "INSERT INTO lead_facts (lead_id, received_at, day, fact) VALUES {}
                 ON CONFLICT (lead_id) DO UPDATE SET received_at = excluded.received_at, day = excluded.day, fact = excluded.fact",
                values.join(", ")
            );
            c.exec(&sql, rows).await?;
        }
    }
    Ok(())
}

/// How many shares a cell is kept in on PostgreSQL: each writer connection adds to share
/// `pg_backend_pid() % SHARES`, so writers (of one node or of several) do not wait on each
/// other's commits for the same day's row; the reads add the shares up ([`cells_by_day`]).
/// Two writers on one share only wait, as every writer did before.
const SHARES: i64 = 16;

/// Cells read, merged and written per statement (a statement's parameters are limited).
const CELLS_PER_STATEMENT: usize = 400;

/// Adds each change to this writer's share of its stored tally: a few statements for all the
/// cells of a batch (rather than a few per cell), in key order.
pub(crate) async fn apply(c: &mut dyn Conn, changes: Deltas) -> Result<()> {
    let mut cells: Vec<(i64, &'static str, String, Tally)> =
        changes.into_iter().filter(|(_, t)| !t.is_empty()).map(|((day, dim, value), t)| (day as i64, dim.name(), value, t)).collect();
    // The order the rows are locked in, the same for every writer (as the database sorts).
    cells.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
    for chunk in cells.chunks(CELLS_PER_STATEMENT) {
        apply_cells(c, chunk).await?;
    }
    Ok(())
}

async fn apply_cells(c: &mut dyn Conn, cells: &[(i64, &'static str, String, Tally)]) -> Result<()> {
    let pg = c.dialect() == Dialect::Postgres;
    let (lock, shard) = if pg { (" FOR UPDATE", format!("pg_backend_pid() % {SHARES}")) } else { ("", "0".to_owned()) };
    let keys = || cells.iter().flat_map(|(d, dim, v, _)| [P::from(*d), P::from(*dim), P::from(v.as_str())]).collect::<Vec<_>>();
    let triples = |n: usize, extra: &str| {
        (0..n).map(|i| format!("(${}, ${}, ${}{extra})", 3 * i + 1, 3 * i + 2, 3 * i + 3)).collect::<Vec<_>>().join(", ")
    };
    if pg {
        // Another writer on the same share may be adding the same new rows: make sure they
        // exist (waiting for theirs) so that the read below locks them, instead of two writers
        // each inserting their own tally and one overwriting the other's. (SQLite has one
        // writer.)
        c.exec(
            &format!(
                "INSERT INTO report_cells (day, dim, value, shard, tally) VALUES {} ON CONFLICT (day, dim, value, shard) DO NOTHING",
                triples(cells.len(), &format!(", {shard}, '{{}}'"))
            ),
            keys(),
        )
        .await?;
    }
    let mut stored: BTreeMap<(i64, String, String), Tally> = BTreeMap::new();
    for r in c
        .rows(
            &format!(
                "SELECT day, dim, value, tally FROM report_cells WHERE shard = {shard} AND (day, dim, value) IN (VALUES {})
                 ORDER BY day, dim, value{lock}",
                triples(cells.len(), "")
            ),
            keys(),
        )
        .await?
    {
        let t = serde_json::from_str(&r.str("tally")?).unwrap_or_default();
        stored.insert((r.i64("day")?, r.str("dim")?, r.str("value")?), t);
    }
    let (mut kept, mut emptied) = (Vec::new(), Vec::new());
    for (day, dim, value, change) in cells {
        let mut t = stored.remove(&(*day, (*dim).to_owned(), value.clone())).unwrap_or_default();
        t.merge(change);
        if t.is_empty() {
            emptied.extend([P::from(*day), P::from(*dim), P::from(value.as_str())]);
        } else {
            let text = serde_json::to_string(&t).map_err(|e| StoreError::Internal(e.to_string()))?;
            kept.extend([P::from(*day), P::from(*dim), P::from(value.as_str()), P::from(text)]);
        }
    }
    if !kept.is_empty() {
        let rows = (0..kept.len() / 4)
            .map(|i| format!("(${}, ${}, ${}, {shard}, ${})", 4 * i + 1, 4 * i + 2, 4 * i + 3, 4 * i + 4))
            .collect::<Vec<_>>()
            .join(", ");
        c.exec(
            &format!(
                "INSERT INTO report_cells (day, dim, value, shard, tally) VALUES {rows}
                 ON CONFLICT (day, dim, value, shard) DO UPDATE SET tally = excluded.tally"
            ),
            kept,
        )
        .await?;
    }
    if !emptied.is_empty() {
        let sql = format!("DELETE FROM report_cells WHERE shard = {shard} AND (day, dim, value) IN (VALUES {})", triples(emptied.len() / 3, ""));
        c.exec(&sql, emptied).await?;
    }
    Ok(())
}

/// One step of making the facts whole (a writer command, its own transaction): first, when
/// the office's zone or the shape of a fact changed since the tallies were built,
/// they are dropped to be built afresh; then up to `limit` leads without a fact (a database
/// from before the reports) get one. Returns how many it synced; 0 when whole.
pub(crate) async fn backfill(c: &mut dyn Conn, pbs: &Playbooks, deltas: &mut Deltas, limit: i64) -> Result<i64> {
    let zone = built_with(&office_zone(pbs));
    let built = c.row("SELECT value FROM report_meta WHERE key = 'zone'", vec![]).await?.map(|r| r.str("value")).transpose()?;
    if built.as_deref() != Some(zone.as_str()) {
        c.exec("DELETE FROM report_cells", vec![]).await?;
        c.exec("DELETE FROM lead_facts", vec![]).await?;
        c.exec(
            "INSERT INTO report_meta (key, value) VALUES ('zone', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![zone.as_str()],
        )
        .await?;
    }
    let ids: Vec<i64> = c
        .rows(
            "SELECT l.id FROM leads l LEFT JOIN lead_facts f ON f.lead_id = l.id WHERE f.lead_id IS NULL AND l.test = FALSE ORDER BY l.id LIMIT $1",
            params![limit],
        )
        .await?
        .iter()
        .map(|r| r.i64("id"))
        .collect::<std::result::Result<_, _>>()?;
    sync(c, pbs, &ids, deltas).await?;
    Ok(ids.len() as i64)
}

// ── reads ──

/// The tallies of `dim` per value for the office days `[from_day, to_day]` (inclusive), merged.
pub(crate) async fn cells(c: &mut dyn Conn, dim: Dim, from_day: i32, to_day: i32) -> Result<BTreeMap<String, Tally>> {
    let mut out: BTreeMap<String, Tally> = BTreeMap::new();
    for (_, value, t) in cells_by_day(c, dim, from_day, to_day).await? {
        out.entry(value).or_default().merge(&t);
    }
    Ok(out)
}

/// The stored tallies of `dim` for the office days `[from_day, to_day]`, their shares added
/// up: (day, value, tally), by day.
pub(crate) async fn cells_by_day(c: &mut dyn Conn, dim: Dim, from_day: i32, to_day: i32) -> Result<Vec<(i32, String, Tally)>> {
    let mut out: Vec<(i32, String, Tally)> = Vec::new();
    for r in c
        .rows(
            "SELECT day, value, tally FROM report_cells WHERE dim = $1 AND day >= $2 AND day <= $3 ORDER BY day, value",
            params![dim.name(), from_day as i64, to_day as i64],
        )
        .await?
    {
        let (day, value) = (r.i64("day")? as i32, r.str("value")?);
        let t: Tally = serde_json::from_str(&r.str("tally")?).unwrap_or_default();
        match out.last_mut() {
            Some((d, v, sum)) if *d == day && *v == value => sum.merge(&t),
            _ => out.push((day, value, t)),
        }
    }
    Ok(out)
}

/// The facts of leads received in `[from, to)`, oldest first (by arrival, then id), after the
/// cursor `(received_at µs, lead id)` when given: (lead id, received_at µs, fact).
pub(crate) async fn facts(
    c: &mut dyn Conn,
    from: jiff::Timestamp,
    to: jiff::Timestamp,
    after: Option<(i64, i64)>,
    limit: i64,
) -> Result<Vec<(i64, i64, Fact)>> {
    let (a, id) = after.unwrap_or((crate::micros(from) - 1, i64::MAX));
    let rows = c
        .rows(
            "SELECT lead_id, received_at, fact FROM lead_facts WHERE received_at >= $1 AND received_at < $2
               AND (received_at > $3 OR (received_at = $3 AND lead_id > $4))
             ORDER BY received_at, lead_id LIMIT $5",
            params![crate::micros(from), crate::micros(to), a, id, limit],
        )
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        if let Ok(f) = serde_json::from_str(&r.str("fact")?) {
            out.push((r.i64("lead_id")?, r.i64("received_at")?, f));
        }
    }
    Ok(out)
}

/// Up to this many leads a report is computed from their facts, with exact percentiles.
const EXACT_UP_TO: i64 = 20_000;

/// The tallies of `dim` per value for leads received in `[from, to)`: the office days wholly
/// inside from the stored tallies, the part-days at either end from the leads' facts; or, when
/// the window holds few leads, all of it from the facts (exact percentiles).
pub(crate) async fn tallies(
    c: &mut dyn Conn,
    office: &jiff::tz::TimeZone,
    dim: Dim,
    from: jiff::Timestamp,
    to: jiff::Timestamp,
) -> Result<crate::records::ReportTallies> {
    let start_of = |d: jiff::civil::Date| d.to_zoned(office.clone()).map(|z| z.timestamp()).ok();
    let from_local = from.to_zoned(office.clone());
    let mut first = from_local.date();
    if start_of(first) != Some(from) {
        first = first.tomorrow().unwrap_or(first);
    }
    let last = to.to_zoned(office.clone()).date().yesterday().unwrap_or(first);
    let (whole_from, whole_to) = match (start_of(first), last.tomorrow().ok().and_then(start_of)) {
        (Some(a), Some(b)) if first <= last && a >= from && b <= to => (a, b),
        _ => (to, to),
    };
    if whole_from < whole_to {
        let mut groups = cells(c, dim, tally::day_number(first), tally::day_number(last)).await?;
        let in_days: i64 = groups.values().map(|t| t.leads).sum();
        if in_days > EXACT_UP_TO {
            for (a, b) in [(from, whole_from), (whole_to, to)] {
                if a < b {
                    let edge: Vec<Fact> = facts(c, a, b, None, i64::MAX).await?.into_iter().map(|(_, _, f)| f).collect();
                    for (k, t) in tally::group(&edge, dim) {
                        groups.entry(k).or_default().merge(&t);
                    }
                }
            }
            return Ok(crate::records::ReportTallies { groups, exact: false });
        }
    }
    let all: Vec<Fact> = facts(c, from, to, None, i64::MAX).await?.into_iter().map(|(_, _, f)| f).collect();
    Ok(crate::records::ReportTallies { groups: tally::group(&all, dim), exact: true })
}
