//! The group-commit writer: one task per process owns the write connection, takes every
//! command queued since its last commit, applies each inside its own savepoint and commits
//! them all with one durable fsync. A caller hears back only after that commit, so an
//! acknowledged write is on disk; when the commit fails, every command in it fails.
//!
//! With several writers on one PostgreSQL database (several nodes), two batches can wait on
//! each other's rows; PostgreSQL then fails a statement of one of them. That writer commits
//! the commands before it, releasing their locks, and retries the command in a new
//! transaction.

use crate::StoreError;
use crate::engine::{Conn, Dialect};
use crate::error::is_lock_cycle;
use crate::playbooks::Playbooks;
use crate::tx::{self, Command, Pending};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::Clock;
use std::sync::{Arc, Mutex};
use tokio::sync::{mpsc, oneshot};

/// Opens the writer's own connection (again, after a failure).
#[async_trait]
pub(crate) trait Connector: Send + Sync + 'static {
    fn dialect(&self) -> Dialect;
    async fn connect(&self) -> Result<Box<dyn Conn>, crate::engine::DbError>;
    /// Upkeep on the writer's connection between two batches, after their callers heard back
    /// (SQLite: emptying a WAL past its limit, which only the writer itself can do under
    /// writes that never pause).
    async fn between_batches(&self, _c: &mut dyn Conn) {}
}

/// A queued command with the caller waiting for its typed result. The writer sees only this:
/// it applies the command (again, when it must retry it) and finally answers the caller.
#[async_trait]
trait Job: Send {
    /// Applies the command; its output is kept until [`Job::answer`].
    async fn apply(&mut self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> Result<(), StoreError>;
    /// Answers the caller: the kept output when the command's transaction committed.
    fn answer(self: Box<Self>, result: Result<(), StoreError>);
    /// Whether its commit wakes the workers (`Command::wakes_workers`).
    fn wakes_workers(&self) -> bool;
}

struct Queued<C: Command> {
    cmd: C,
    output: Option<C::Output>,
    reply: oneshot::Sender<Result<C::Output, StoreError>>,
}

#[async_trait]
impl<C: Command> Job for Queued<C> {
    async fn apply(&mut self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> Result<(), StoreError> {
        self.output = Some(self.cmd.apply(c, pending, now).await?);
        Ok(())
    }

    fn wakes_workers(&self) -> bool {
        self.cmd.wakes_workers()
    }

    fn answer(self: Box<Self>, result: Result<(), StoreError>) {
        let Queued { output, reply, .. } = *self;
        let answer = result.and_then(|()| output.ok_or_else(|| StoreError::Internal("a command committed without a result".into())));
        let _ = reply.send(answer);
    }
}

type Batch = Vec<Box<dyn Job>>;

pub(crate) struct Writer {
    queue: Mutex<Option<mpsc::Sender<Box<dyn Job>>>>,
    done: tokio::sync::Mutex<Vec<oneshot::Receiver<()>>>,
    /// Notified after each commit that changed something (timers may have been set, outbox
    /// rows written).
    wakers: Arc<Wakers>,
    /// How many of the writers take batches now.
    share: Arc<Share>,
}

/// How many of a node's writers take batches: all of them alone, a share when several nodes
/// write to one PostgreSQL database. The writers are what the database runs at once; split
/// among N nodes, each node's batches stay as large as one node's, so the commits (and the
/// work each costs the database whatever its size) do not multiply with the nodes.
pub(crate) struct Share {
    writers: usize,
    active: std::sync::atomic::AtomicUsize,
    changed: tokio::sync::Notify,
}

impl Share {
    fn new(writers: usize) -> Share {
        Share { writers, active: std::sync::atomic::AtomicUsize::new(writers), changed: Default::default() }
    }

    /// Waits until writer `n` may take a batch.
    async fn turn(&self, n: usize) {
        use std::sync::atomic::Ordering;
        loop {
            let changed = self.changed.notified();
            if n < self.active.load(Ordering::Acquire) {
                return;
            }
            changed.await;
        }
    }
}

/// The writers each of `nodes` live nodes runs when they share `writers` (at least one).
pub(crate) fn writers_per_node(writers: usize, nodes: usize) -> usize {
    writers.div_ceil(nodes.max(1)).max(1)
}

/// The queue the writers share: a writer holds the lock only while it takes a batch.
type SharedQueue = Arc<tokio::sync::Mutex<mpsc::Receiver<Box<dyn Job>>>>;

/// How often a command is retried after a unique-key race with another node.
const ATTEMPTS: usize = 3;

impl Writer {
    /// Starts `writers` writers (one for SQLite, which has one write lock; several for
    /// PostgreSQL, where each waits on the network rather than on a lock). Each runs on a
    /// thread of its own with its own single-threaded runtime: a SQLite commit blocks while it
    /// fsyncs, and must never hold up a thread that serves requests.
    pub(crate) fn start(
        connector: Box<dyn Connector>,
        clock: Arc<dyn Clock>,
        playbooks: Arc<Playbooks>,
        max_batch: usize,
        writers: usize,
    ) -> Self {
        let (tx, rx) = mpsc::channel::<Box<dyn Job>>(max_batch.max(1) * 16);
        let rx: SharedQueue = Arc::new(tokio::sync::Mutex::new(rx));
        let connector: Arc<dyn Connector> = Arc::from(connector);
        let mut done = Vec::new();
        let wakers = Arc::new(Wakers::default());
        let share = Arc::new(Share::new(writers.max(1)));
        for n in 0..writers.max(1) {
            let (done_tx, done_rx) = oneshot::channel::<()>();
            let (connector, rx, changed) = (connector.clone(), rx.clone(), wakers.clone());
            let turn = Turn { n, share: share.clone() };
            let env = Env { clock: clock.clone(), playbooks: playbooks.clone() };
            let spawned = std::thread::Builder::new().name(format!("pronto-writer-{n}")).spawn(move || {
                match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                    Ok(rt) => rt.block_on(run(connector, rx, env, max_batch.max(1), changed, turn)),
                    Err(e) => tracing::error!(error = %e, "a writer cannot start its runtime"),
                }
                let _ = done_tx.send(());
            });
            match spawned {
                Ok(_) => done.push(done_rx),
                Err(e) => tracing::error!(error = %e, "a writer thread cannot start"),
            }
        }
        Writer { queue: Mutex::new(Some(tx)), done: tokio::sync::Mutex::new(done), wakers, share }
    }

    /// Runs this node's share of the writers when `nodes` nodes are alive (the heartbeat
    /// counts them every second).
    pub(crate) fn share_among(&self, nodes: usize) {
        use std::sync::atomic::Ordering;
        let active = writers_per_node(self.share.writers, nodes);
        if self.share.active.swap(active, Ordering::AcqRel) != active {
            tracing::debug!(nodes, writers = active, "writers shared among the nodes");
            self.share.changed.notify_waiters();
        }
    }

    pub(crate) fn wakers(&self) -> Arc<Wakers> {
        self.wakers.clone()
    }

    /// Queues `cmd` and waits until its transaction committed (or failed).
    pub(crate) async fn submit<C: Command>(&self, cmd: C) -> Result<C::Output, StoreError> {
        let queue = self.queue.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let Some(queue) = queue else {
            return Err(StoreError::Unavailable("the store is shutting down".into()));
        };
        let (reply, answer) = oneshot::channel();
        queue
            .send(Box::new(Queued { cmd, output: None, reply }))
            .await
            .map_err(|_| StoreError::Unavailable("the writer has stopped".into()))?;
        answer.await.map_err(|_| StoreError::Unavailable("the writer has stopped".into()))?
    }

    /// Stops taking commands, lets the queued ones commit, and waits for the task.
    pub(crate) async fn close(&self) {
        drop(self.queue.lock().unwrap_or_else(|p| p.into_inner()).take());
        // Every writer takes its turn again, to find the queue closed and stop.
        self.share_among(1);
        for done in self.done.lock().await.drain(..) {
            let _ = done.await;
        }
    }
}

/// What every command needs besides its connection: the time and the playbooks.
pub(crate) struct Env {
    pub clock: Arc<dyn Clock>,
    pub playbooks: Arc<Playbooks>,
}

/// The workers a commit wakes: each waits on its own `Notify`, which keeps one permit, so a
/// worker busy elsewhere still sees that something changed.
pub struct Wakers {
    pub timers: Arc<tokio::sync::Notify>,
    pub outbox: Arc<tokio::sync::Notify>,
    /// Committed events for live clients; sending without listeners costs nothing.
    pub committed: tokio::sync::broadcast::Sender<crate::records::Committed>,
    /// Told when somebody starts following `committed` (the cross-node feed starts reading).
    pub following: Arc<tokio::sync::Notify>,
}

impl Default for Wakers {
    fn default() -> Self {
        Wakers {
            timers: Default::default(),
            outbox: Default::default(),
            committed: tokio::sync::broadcast::channel(4096).0,
            following: Default::default(),
        }
    }
}

/// Which writer this is, and the share that says whether it takes batches now.
struct Turn {
    n: usize,
    share: Arc<Share>,
}

async fn run(connector: Arc<dyn Connector>, rx: SharedQueue, env: Env, max_batch: usize, changed: Arc<Wakers>, turn: Turn) {
    let mut conn: Option<Box<dyn Conn>> = None;
    let mut batch: Batch = Vec::with_capacity(max_batch);
    loop {
        turn.share.turn(turn.n).await;
        {
            let mut rx = rx.lock().await;
            let Some(first) = rx.recv().await else { break };
            batch.push(first);
            while batch.len() < max_batch {
                match rx.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
        }
        metrics::histogram!("pronto_store_batch_size").record(batch.len() as f64);
        // A duration on the monotonic clock, for metrics only; it never reaches the domain.
        let started = std::time::Instant::now();
        let (results, live) = commit(&mut conn, connector.as_ref(), &mut batch, &env).await;
        let took = started.elapsed();
        metrics::histogram!("pronto_store_commit_seconds").record(took.as_secs_f64());
        if took > std::time::Duration::from_millis(20) {
            tracing::debug!(commands = batch.len(), ms = took.as_millis() as u64, "slow commit");
        }
        if batch.iter().zip(&results).any(|(job, r)| r.is_ok() && job.wakes_workers()) {
            // Wakes each waiting worker once, however many commits came before it looked.
            changed.timers.notify_one();
            changed.outbox.notify_one();
        }
        if changed.committed.receiver_count() > 0 {
            for e in live {
                let _ = changed.committed.send(e);
            }
        }
        for (job, result) in batch.drain(..).zip(results) {
            job.answer(result);
        }
        if let Some(c) = conn.as_mut() {
            connector.between_batches(c.as_mut()).await;
        }
    }
}

type Committed = Vec<crate::records::Committed>;

/// Runs a batch; returns each command's result and the live events of what committed.
async fn commit(
    slot: &mut Option<Box<dyn Conn>>,
    connector: &dyn Connector,
    batch: &mut [Box<dyn Job>],
    env: &Env,
) -> (Vec<Result<(), StoreError>>, Committed) {
    let mut live = Vec::new();
    let results = commit_batch(slot, connector, batch, env, &mut live).await;
    (results, live)
}

async fn commit_batch(
    slot: &mut Option<Box<dyn Conn>>,
    connector: &dyn Connector,
    batch: &mut [Box<dyn Job>],
    env: &Env,
    live: &mut Committed,
) -> Vec<Result<(), StoreError>> {
    let len = batch.len();
    let all_fail = |e: &dyn std::fmt::Display| -> Vec<Result<(), StoreError>> {
        (0..len).map(|_| Err(StoreError::Unavailable(e.to_string()))).collect()
    };
    if slot.is_none() {
        match connector.connect().await {
            Ok(c) => *slot = Some(c),
            Err(e) => {
                tracing::error!(error = %e, "the writer cannot connect to the database");
                return all_fail(&e);
            }
        }
    }
    let conn = slot.as_mut().expect("connected above").as_mut();
    let begin = connector.dialect().begin_write();
    if let Some(results) = optimistic(conn, begin, batch, env, live).await {
        return results;
    }
    // What the careful path's commands note; published only as far as it committed.
    let mut noted: Committed = Vec::new();
    // What they change in the report tallies, applied last before each commit.
    let mut deltas = crate::facts::Deltas::new();
    if let Err(e) = conn.exec(begin, vec![]).await {
        tracing::error!(error = %e, "cannot begin a write transaction");
        *slot = None;
        return all_fail(&e);
    }
    let mut results: Vec<Result<(), StoreError>> = Vec::with_capacity(batch.len());
    // `results[..durable]` were committed already (see the lock cycles below).
    let mut durable = 0;
    let mut cycles = 0;
    while results.len() < batch.len() {
        let result = apply_in_savepoint(conn, batch[results.len()].as_mut(), env, &mut noted, &mut deltas).await;
        if matches!(&result, Err(e) if is_lock_cycle(e)) && cycles < ATTEMPTS {
            // This transaction and another writer's (another node's) wait on each other's rows.
            // Retrying inside this transaction would wait again: commit what the batch did so
            // far, which releases its locks, and retry the command in a new transaction.
            cycles += 1;
            if let Err(e) = apply_deltas_and_commit(conn, &mut deltas).await {
                tracing::error!(error = %e, "commit failed; the rest of the batch fails");
                let _ = conn.exec("ROLLBACK", vec![]).await;
                *slot = None;
                return fail_from(results, durable, batch.len(), &e);
            }
            durable = results.len();
            live.append(&mut noted);
            if let Err(e) = conn.exec(begin, vec![]).await {
                tracing::error!(error = %e, "cannot begin a write transaction");
                *slot = None;
                return fail_from(results, durable, batch.len(), &e);
            }
            continue;
        }
        cycles = 0;
        results.push(result);
    }
    if let Err(e) = apply_deltas_and_commit(conn, &mut deltas).await {
        tracing::error!(error = %e, "commit failed; every command of the batch not yet committed fails");
        let _ = conn.exec("ROLLBACK", vec![]).await;
        *slot = None;
        return fail_from(results, durable, batch.len(), &e);
    }
    live.append(&mut noted);
    results
}

/// The fast path: the whole batch in one transaction without savepoints (two statements per
/// command fewer). Commands check what can fail before they write, so in practice a batch
/// fails only for a rare reason; then it is rolled back and `None` sends it down the careful
/// path, where each command has its own savepoint.
async fn optimistic(
    conn: &mut dyn Conn,
    begin: &str,
    batch: &mut [Box<dyn Job>],
    env: &Env,
    live: &mut Committed,
) -> Option<Vec<Result<(), StoreError>>> {
    conn.exec(begin, vec![]).await.ok()?;
    let mut results = Vec::with_capacity(batch.len());
    let mut pending = Pending::new(env.playbooks.clone());
    for job in batch.iter_mut() {
        match job.apply(conn, &mut pending, env.clock.now()).await {
            Ok(()) => results.push(Ok(())),
            Err(_) => {
                let _ = conn.exec("ROLLBACK", vec![]).await;
                return None;
            }
        }
    }
    if tx::flush(conn, &mut pending).await.is_err()
        || crate::facts::apply(conn, std::mem::take(&mut pending.report_deltas)).await.is_err()
        || (pending.wrote && tell_other_nodes(conn).await.is_err())
    {
        let _ = conn.exec("ROLLBACK", vec![]).await;
        return None;
    }
    match conn.exec("COMMIT", vec![]).await {
        Ok(_) => {
            live.append(&mut pending.live);
            Some(results)
        }
        Err(_) => {
            let _ = conn.exec("ROLLBACK", vec![]).await;
            None
        }
    }
}

/// The results of a batch whose transaction failed: what an earlier commit made durable
/// (`results[..durable]`) stands, everything after it fails.
fn fail_from(
    mut results: Vec<Result<(), StoreError>>,
    durable: usize,
    len: usize,
    e: &dyn std::fmt::Display,
) -> Vec<Result<(), StoreError>> {
    results.truncate(durable);
    results.resize_with(len, || Err(StoreError::Unavailable(e.to_string())));
    results
}

/// Applies the batch's changes to the report tallies (its last locks), then commits.
/// (The careful path is rare: it tells the other nodes whatever its commands wrote.)
async fn apply_deltas_and_commit(conn: &mut dyn Conn, deltas: &mut crate::facts::Deltas) -> Result<(), StoreError> {
    crate::facts::apply(conn, std::mem::take(deltas)).await?;
    tell_other_nodes(conn).await?;
    conn.exec("COMMIT", vec![]).await?;
    Ok(())
}

/// On PostgreSQL, tells every node listening (`listen.rs`) that this transaction wrote events,
/// outbox rows or timers: delivered when it commits, with this node's id (the writer's
/// connection carries it as `pronto.node`), so another node's workers and live pages wake at
/// once. SQLite has one node: nothing to tell.
async fn tell_other_nodes(conn: &mut dyn Conn) -> Result<(), StoreError> {
    if matches!(conn.dialect(), crate::engine::Dialect::Postgres) {
        conn.exec("SELECT pg_notify('pronto', current_setting('pronto.node', true))", vec![]).await?;
    }
    Ok(())
}

async fn apply_in_savepoint(
    conn: &mut dyn Conn,
    job: &mut dyn Job,
    env: &Env,
    noted: &mut Committed,
    deltas: &mut crate::facts::Deltas,
) -> Result<(), StoreError> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        conn.exec("SAVEPOINT cmd", vec![]).await?;
        let mut pending = Pending::new(env.playbooks.clone());
        let applied = match job.apply(conn, &mut pending, env.clock.now()).await {
            Ok(()) => tx::flush(conn, &mut pending).await,
            Err(e) => Err(e),
        };
        match applied {
            Ok(()) => {
                conn.exec("RELEASE SAVEPOINT cmd", vec![]).await?;
                noted.append(&mut pending.live);
                for (k, t) in std::mem::take(&mut pending.report_deltas) {
                    deltas.entry(k).or_default().merge(&t);
                }
                return Ok(());
            }
            Err(e) => {
                conn.exec("ROLLBACK TO SAVEPOINT cmd", vec![]).await?;
                conn.exec("RELEASE SAVEPOINT cmd", vec![]).await?;
                if matches!(e, StoreError::Conflict(_)) && attempt < ATTEMPTS {
                    continue;
                }
                if let StoreError::Internal(msg) = &e {
                    tracing::error!(error = %msg, "a command failed");
                }
                return Err(e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Share, writers_per_node};
    use std::sync::atomic::Ordering;
    use std::time::Duration;

    #[tokio::test]
    async fn a_writer_past_its_nodes_share_waits_until_the_share_grows() {
        let share = std::sync::Arc::new(Share::new(4));
        share.active.store(2, Ordering::Release);
        let soon = |n: usize| {
            let share = share.clone();
            async move { tokio::time::timeout(Duration::from_millis(20), share.turn(n)).await.is_ok() }
        };
        assert!(soon(0).await && soon(1).await, "writers within the share take batches");
        assert!(!soon(2).await && !soon(3).await, "the others wait");
        let waiting = tokio::spawn({
            let share = share.clone();
            async move { share.turn(3).await }
        });
        tokio::task::yield_now().await;
        share.active.store(4, Ordering::Release);
        share.changed.notify_waiters();
        tokio::time::timeout(Duration::from_secs(5), waiting).await.expect("woken when the share grew").unwrap();
    }

    #[test]
    fn the_nodes_share_the_writers() {
        // (writers, live nodes) → writers each node runs
        for (writers, nodes, each) in [(4, 1, 4), (4, 2, 2), (4, 3, 2), (4, 4, 1), (4, 9, 1), (1, 1, 1), (1, 3, 1), (4, 0, 4)] {
            assert_eq!(writers_per_node(writers, nodes), each, "{writers} writers, {nodes} nodes");
        }
    }
}
