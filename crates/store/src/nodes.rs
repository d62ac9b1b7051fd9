//! The nodes sharing one database (issue 22). Every store opened by a `pronto serve` process is
//! a node: a row with a random id made at open, its heartbeat written every [`HEARTBEAT`]. What
//! a node claims — an outbox row it is sending, a lease such as a mailbox's reader — is its own
//! while its heartbeat is younger than [`NODE_DEAD`]; after that anyone may take it. So a slow
//! gateway never sees a second copy (the claim lives as long as its node), and a killed node's
//! work is taken over within seconds.

use crate::engine::Conn;
use crate::tx::{Command, Pending};
use crate::{micros, params};
use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};

type R<T> = crate::Result<T>;

/// How often a node writes its heartbeat.
pub const HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(1);
/// A node whose heartbeat is older than this is dead: what it claimed is free.
pub const NODE_DEAD: SignedDuration = SignedDuration::from_secs(5);
/// A dead node's row is removed after this long (it is kept a while for `/metrics` and logs).
const FORGET_AFTER: SignedDuration = SignedDuration::from_secs(3600);

/// This process's node: its id and what it says about itself.
#[derive(Debug, Clone)]
pub struct NodeId {
    pub id: String,
    pub host: String,
    pub pid: i64,
    pub version: String,
}

impl NodeId {
    /// A new node: a random id (so a restarted process is a new node and its predecessor's
    /// claims go free with its heartbeat), the host's name and the process id.
    pub fn new(version: &str) -> NodeId {
        let mut b = [0u8; 8];
        getrandom::fill(&mut b).expect("the operating system's random source failed");
        let id = b.iter().map(|x| format!("{x:02x}")).collect();
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .map(|h| h.trim().to_owned())
            .ok()
            .filter(|h| !h.is_empty())
            .or_else(|| std::env::var("HOSTNAME").ok())
            .unwrap_or_else(|| "localhost".to_owned());
        NodeId { id, host, pid: std::process::id() as i64, version: version.to_owned() }
    }
}

/// The oldest heartbeat (micros) of a node still alive at `now`.
pub(crate) fn alive_since(now: Timestamp) -> i64 {
    micros(now - NODE_DEAD)
}

/// SQL that holds when the node in column `col` is dead (or there is none), with `$n` bound to
/// [`alive_since`].
pub(crate) fn dead(col: &str, n: usize) -> String {
    format!("NOT EXISTS (SELECT 1 FROM nodes WHERE nodes.id = {col} AND nodes.heartbeat_at > ${n})")
}

/// Registers the node at open, and forgets nodes dead for an hour. `at` is the liveness
/// clock's now (`StoreOptions::liveness_clock`).
pub(crate) struct RegisterNode {
    pub node: NodeId,
    pub at: Timestamp,
}

#[async_trait]
impl Command for RegisterNode {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        let _ = (pending, now);
        let n = &self.node;
        let t = micros(self.at);
        c.exec("DELETE FROM nodes WHERE heartbeat_at < $1", params![micros(self.at - FORGET_AFTER)]).await?;
        c.exec(
            "INSERT INTO nodes (id, host, pid, version, started_at, heartbeat_at) VALUES ($1, $2, $3, $4, $5, $5)",
            params![n.id.as_str(), n.host.as_str(), n.pid, n.version.as_str(), t],
        )
        .await?;
        Ok(())
    }
}

/// The node's heartbeat: renews every claim it holds. A node forgotten meanwhile (its row
/// removed after a long pause) registers again. Answers how many nodes are alive, this one
/// included (the nodes share the database's writers by it: `writer::Writer::share_among`).
pub(crate) struct Heartbeat {
    pub node: NodeId,
    pub at: Timestamp,
}

#[async_trait]
impl Command for Heartbeat {
    type Output = usize;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<usize> {
        let n = c.exec("UPDATE nodes SET heartbeat_at = $1 WHERE id = $2", params![micros(self.at), self.node.id.as_str()]).await?;
        if n == 0 {
            RegisterNode { node: self.node.clone(), at: self.at }.apply(c, pending, now).await?;
        }
        let alive = c
            .rows("SELECT COUNT(*) AS n FROM nodes WHERE heartbeat_at > $1", params![alive_since(self.at)])
            .await?;
        let alive = alive.first().map(|r| r.i64("n")).transpose()?.unwrap_or(1);
        Ok(usize::try_from(alive).unwrap_or(1).max(1))
    }

    fn wakes_workers(&self) -> bool {
        false
    }
}

/// Takes the lease `name` for `node` when it is free (never taken, or held by a dead node) or
/// already its own; true when the node holds it now.
pub(crate) struct TakeLease {
    pub name: String,
    pub node: String,
    /// `alive_since` of the liveness clock's now.
    pub alive_since: i64,
}

#[async_trait]
impl Command for TakeLease {
    type Output = bool;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<bool> {
        let _ = pending;
        let t = micros(now);
        let held = c.row("SELECT node FROM leases WHERE name = $1", params![self.name.as_str()]).await?;
        match held {
            None => {
                c.exec("INSERT INTO leases (name, node, taken_at) VALUES ($1, $2, $3)", params![self.name.as_str(), self.node.as_str(), t])
                    .await?;
                Ok(true)
            }
            Some(r) if r.str("node")? == self.node => Ok(true),
            Some(_) => {
                let sql = format!("UPDATE leases SET node = $1, taken_at = $2 WHERE name = $3 AND {}", dead("leases.node", 4));
                let n = c.exec(&sql, params![self.node.as_str(), t, self.name.as_str(), self.alive_since]).await?;
                Ok(n == 1)
            }
        }
    }

    fn wakes_workers(&self) -> bool {
        false
    }
}

/// Gives the lease `name` back when `node` holds it (a node shutting down), so another node
/// takes it at once rather than after [`NODE_DEAD`].
pub(crate) struct ReleaseLease {
    pub name: String,
    pub node: String,
}

#[async_trait]
impl Command for ReleaseLease {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        let _ = (pending, now);
        c.exec("DELETE FROM leases WHERE name = $1 AND node = $2", params![self.name.as_str(), self.node.as_str()]).await?;
        Ok(())
    }

    fn wakes_workers(&self) -> bool {
        false
    }
}

/// A node leaving in good order (shutting down): its leases and the notifications it was
/// sending are free at once for the other nodes (a send cut short may have reached the
/// provider: sent again with the same idempotency key — at least once), and its row goes.
pub(crate) struct Leave {
    pub node: String,
}

#[async_trait]
impl Command for Leave {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        let _ = pending;
        let node = self.node.as_str();
        c.exec("DELETE FROM leases WHERE node = $1", params![node]).await?;
        c.exec(
            "UPDATE outbox SET status = 'queued', claimed_by = NULL, updated_at = $1 WHERE status = 'sending' AND claimed_by = $2",
            params![micros(now), node],
        )
        .await?;
        c.exec("DELETE FROM nodes WHERE id = $1", params![node]).await?;
        Ok(())
    }
}

/// A node as `/metrics` and the operators' pages show it.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeRecord {
    pub id: String,
    pub host: String,
    pub pid: i64,
    pub version: String,
    pub started_at: Timestamp,
    pub heartbeat_at: Timestamp,
    pub alive: bool,
}

/// Every node known, the live ones first, then by start.
pub(crate) async fn list(c: &mut dyn Conn, now: Timestamp) -> R<Vec<NodeRecord>> {
    let since = alive_since(now);
    let rows = c.rows("SELECT id, host, pid, version, started_at, heartbeat_at FROM nodes ORDER BY started_at, id", vec![]).await?;
    let mut out = rows
        .iter()
        .map(|r| {
            let hb = r.i64("heartbeat_at")?;
            Ok(NodeRecord {
                id: r.str("id")?,
                host: r.str("host")?,
                pid: r.i64("pid")?,
                version: r.str("version")?,
                started_at: crate::from_micros(r.i64("started_at")?),
                heartbeat_at: crate::from_micros(hb),
                alive: hb > since,
            })
        })
        .collect::<R<Vec<_>>>()?;
    out.sort_by_key(|n| !n.alive);
    Ok(out)
}
