//! Wake-ups across nodes (issue 22, PostgreSQL only). Every transaction that writes events,
//! outbox rows or timers sends `pg_notify('pronto', NODE)` (`writer::tell_other_nodes`); each
//! node LISTENs on its own connection. On another node's notification it reads the events
//! committed since its cursor into its own `Store::committed` feed at once — the live pages of
//! this node show what another node did — and the in-app notifications another node
//! delivered, for this node's open screens; and it wakes its timer and outbox workers
//! [`GRACE`] later, once for every notification of that span. The node that wrote the work
//! wakes its own workers at its commit and has claimed it by then, so under load the other
//! nodes look once per span instead of once per commit of every node (the claims' reads and
//! empty claims would otherwise cost each node as much as the work itself); a node that is
//! busy or slow is helped within [`GRACE`]. Without a notification (the listening connection
//! was lost and made again) it reads every [`FALLBACK`] anyway.

use crate::engine::Conn;
use crate::records::{Committed, IN_APP, LIVE_KINDS};
use crate::writer::Wakers;
use crate::{from_micros, params};
use sqlx::postgres::{PgListener, PgPool};
use std::collections::BTreeSet;
use std::sync::Weak;
use std::time::Duration;
use tokio::time::Instant;

/// The notification channel.
pub(crate) const CHANNEL: &str = "pronto";
/// How often a node reads without being told.
const FALLBACK: Duration = Duration::from_secs(1);
/// How long after another node's notification this node's workers look for work.
const GRACE: Duration = Duration::from_millis(200);
/// Rows read per pass.
const PAGE: i64 = 500;
/// Ids are handed out before their transactions commit, so a row may become visible after a
/// higher one: each pass reads this far below the cursor again and skips what it has seen.
const OVERLAP: i64 = 200;

/// Starts the listener of node `node`; it ends when the store (its `wakers`) is gone.
pub(crate) fn spawn(pool: PgPool, node: String, wakers: Weak<Wakers>) {
    tokio::spawn(async move {
        let mut feed = Feed { node, events: Cursor::default(), in_app: Cursor::default() };
        if let Err(e) = feed.start(&pool).await {
            tracing::warn!(error = %e, "the cross-node feed cannot read its starting point");
        }
        let Some(following) = wakers.upgrade().map(|w| w.following.clone()) else { return };
        let mut listener: Option<PgListener> = None;
        let mut watching = true;
        // When this node's workers look, after another node's notification.
        let mut wake_at: Option<Instant> = None;
        loop {
            if wakers.upgrade().is_none() {
                break;
            }
            if listener.is_none() {
                listener = match connect(&pool).await {
                    Ok(l) => Some(l),
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot listen for other nodes; reading every second");
                        None
                    }
                };
            }
            let wait = wake_at.map_or(FALLBACK, |at| at.saturating_duration_since(Instant::now()).min(FALLBACK));
            // Told by another node, or the fallback's time: read what is new.
            let told = match listener.as_mut() {
                Some(l) => tokio::select! {
                    r = tokio::time::timeout(wait, l.try_recv()) => match r {
                        Ok(Ok(Some(n))) => {
                            let mut other = n.payload() != feed.node;
                            while let Some(n) = l.next_buffered() {
                                other |= n.payload() != feed.node;
                            }
                            other
                        }
                        // The connection was lost and is made again: notifications may be lost.
                        Ok(Ok(None)) => true,
                        Ok(Err(e)) => {
                            tracing::warn!(error = %e, "the listening connection failed");
                            listener = None;
                            tokio::time::sleep(FALLBACK).await;
                            true
                        }
                        // Nothing told: the wake-up's time, or the fallback's.
                        Err(_) => false,
                    },
                    // Somebody started following this node's commits: start the feed now.
                    _ = following.notified() => false,
                },
                None => {
                    tokio::time::sleep(FALLBACK).await;
                    true
                }
            };
            let Some(w) = wakers.upgrade() else { break };
            if told && wake_at.is_none() {
                wake_at = Some(Instant::now() + GRACE);
            }
            if wake_at.is_some_and(|at| at <= Instant::now()) {
                wake_at = None;
                w.timers.notify_one();
                w.outbox.notify_one();
            }
            if w.committed.receiver_count() == 0 {
                // Nobody follows the commits (no live page is open on this node): read nothing.
                watching = false;
                continue;
            }
            if !watching {
                // Somebody started following: from now on (what was committed before is not
                // news to them).
                if let Err(e) = feed.start(&pool).await {
                    tracing::debug!(error = %e, "cannot move the cross-node cursors");
                    continue;
                }
                watching = true;
                continue;
            }
            if !told {
                continue;
            }
            match feed.read(&pool).await {
                Ok(live) => {
                    for e in live {
                        let _ = w.committed.send(e);
                    }
                }
                Err(e) => tracing::warn!(error = %e, "cannot read what other nodes committed"),
            }
        }
    });
}

async fn connect(pool: &PgPool) -> Result<PgListener, sqlx::Error> {
    let mut l = PgListener::connect_with(pool).await?;
    l.listen(CHANNEL).await?;
    Ok(l)
}

/// How far a table was read: the highest id read, and the ids in the overlap already handed on.
#[derive(Default)]
struct Cursor {
    last: i64,
    seen: BTreeSet<i64>,
}

impl Cursor {
    /// Whether `id` is new; remembers it.
    fn fresh(&mut self, id: i64) -> bool {
        if id <= self.last - OVERLAP || !self.seen.insert(id) {
            return false;
        }
        self.last = self.last.max(id);
        true
    }

    fn prune(&mut self) {
        let floor = self.last - OVERLAP;
        self.seen = self.seen.split_off(&floor);
    }
}

/// The highest id in `table` (0 when empty).
async fn max_id(c: &mut dyn Conn, table: &'static str) -> crate::Result<i64> {
    let row = c.row(&format!("SELECT COALESCE(MAX(id), 0) AS id FROM {table}"), vec![]).await?;
    Ok(row.map(|r| r.i64("id")).transpose()?.unwrap_or(0))
}

struct Feed {
    node: String,
    events: Cursor,
    in_app: Cursor,
}

impl Feed {
    /// Starts at the end: what was committed before is not news.
    async fn start(&mut self, pool: &PgPool) -> crate::Result<()> {
        let mut c = pool.acquire().await?;
        let c: &mut dyn Conn = &mut *c;
        self.events.last = max_id(c, "events").await?;
        self.in_app.last = max_id(c, "outbox").await?;
        self.events.seen.clear();
        self.in_app.seen.clear();
        Ok(())
    }

    /// What other nodes committed since the last read, as this node's live feed carries it.
    async fn read(&mut self, pool: &PgPool) -> crate::Result<Vec<Committed>> {
        let mut conn = pool.acquire().await?;
        let c: &mut dyn Conn = &mut *conn;
        let mut out = Vec::new();
        let rows = c
            .rows(
                "SELECT id, kind, lead_id, data FROM events WHERE id > $1 AND node IS DISTINCT FROM $2 ORDER BY id LIMIT $3",
                params![self.events.last - OVERLAP, self.node.as_str(), PAGE],
            )
            .await?;
        for r in &rows {
            let kind = r.str("kind")?;
            if !self.events.fresh(r.i64("id")?) || !LIVE_KINDS.contains(&kind.as_str()) {
                continue;
            }
            let data = serde_json::from_str(&r.str("data")?).unwrap_or_default();
            out.push(Committed { kind, lead_id: r.opt_i64("lead_id")?, data });
        }
        // Rows written by this node are skipped by the query, so move past them too.
        if rows.len() < PAGE as usize {
            self.events.last = self.events.last.max(max_id(c, "events").await?);
        }
        self.events.prune();
        let rows = c
            .rows(
                "SELECT id, lead_id, recipient_user, kind, payload, created_at FROM outbox
                 WHERE id > $1 AND channel = 'in_app' AND status = 'delivered' AND claimed_by IS DISTINCT FROM $2 ORDER BY id LIMIT $3",
                params![self.in_app.last - OVERLAP, self.node.as_str(), PAGE],
            )
            .await?;
        for r in &rows {
            if !self.in_app.fresh(r.i64("id")?) {
                continue;
            }
            let payload: serde_json::Value = serde_json::from_str(&r.str("payload")?).unwrap_or_default();
            out.push(Committed {
                kind: IN_APP.to_owned(),
                lead_id: r.opt_i64("lead_id")?,
                data: serde_json::json!({
                    "id": r.i64("id")?, "user": r.opt_i64("recipient_user")?, "kind": r.str("kind")?,
                    "text": payload["text"], "urgent": payload["urgent"],
                    "created_at": from_micros(r.i64("created_at")?).to_string(),
                }),
            });
        }
        if rows.len() < PAGE as usize {
            self.in_app.last = self.in_app.last.max(max_id(c, "outbox").await?);
        }
        self.in_app.prune();
        Ok(out)
    }
}
