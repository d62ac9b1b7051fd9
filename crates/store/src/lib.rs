//! Pronto's storage. [`Store`] is the one interface the rest of Pronto writes and reads
//! through; [`open`] returns it for a `sqlite://` or `postgres://` URL.
//!
//! Every write is a [`Command`](tx::Command) applied in one database transaction that
//! writes the new state, appends its domain events to the append-only `events` table and
//! writes the outbox and timer rows the change causes (see `pronto_domain::effects`).
//! Commands reach the database through a single writer per process that commits whatever is
//! queued in one transaction (group commit), each command inside its own savepoint so that
//! one failing command never takes its neighbours down. A caller's future resolves only after
//! its transaction committed durably.
//!
//! Architecture invariant: this crate knows nothing about HTTP, JSON request shapes or
//! configuration files; it receives validated domain values and returns plain records.

mod audit;
pub mod backup;
mod calls;
pub mod canary;
pub mod catalogue;
mod centre;
pub mod company;
pub mod complaints;
mod customer;
pub mod deliveries;
pub mod engine;
mod error;
mod facts;
pub mod health;
pub mod invoices;
pub mod purchases;
mod late;
mod listen;
mod mail;
mod migrate;
pub mod nodes;
mod offer_facts;
mod money_facts;
pub mod payments;
pub mod playbooks;
mod pool;
mod postgres;
mod process;
mod queries;
pub mod records;
pub mod schedule;
pub mod settings;
pub mod shared;
mod sql_store;
mod sqlite;
pub mod timers;
pub mod tracking;
mod tx;
pub mod web_forms;
mod write;
mod writer;

#[cfg(test)]
mod layering;
#[cfg(test)]
mod plans;

use async_trait::async_trait;
use pronto_domain::lead::{LeadPatch, NewActivity, NewLead};
use pronto_domain::{Clock, FieldErrors};
use std::sync::Arc;

pub(crate) use engine::{from_micros, micros};
pub use centre::FROM_THE_CUSTOMER;
pub use error::{Result, StoreError};
pub use playbooks::Playbooks;
pub use process::parse_hours;
pub use records::*;
pub use settings::{SettingsChange, StoredSettings};
pub use sqlite::{WAL_IDLE, WAL_LIMIT};
pub use timers::Timers;
pub use write::access::TOKEN_USE_GRAIN;
pub use write::leads::IdempotencyKey;
pub use write::offers::refusal_of as offer_refusal;
pub use write::users::{NewUserRecord, UserPatch};

/// Options that shape how a store is opened.
#[derive(Clone)]
pub struct StoreOptions {
    /// Most commands one transaction may carry.
    pub max_batch: usize,
    /// Read connections in the pool.
    pub read_connections: u32,
    /// Writers (each with its own connection) on PostgreSQL; SQLite always has one.
    pub pg_writers: usize,
    /// For filling a scratch database (`pronto demo`) only: SQLite commits without waiting for
    /// the disk (`synchronous=OFF`). Never for a server.
    pub bulk_fill: bool,
    /// The clock of the nodes' heartbeats and of who may take whose claims (`nodes.rs`). A
    /// node's liveness is a matter of real time even when the registry runs on a manual
    /// clock (`--clock manual`: a restarted process must take over its predecessor's work
    /// seconds later without anyone moving the clock); `None` is the system clock. Tests of
    /// the store pass their manual clock to kill a node by moving it.
    pub liveness_clock: Option<Arc<dyn pronto_domain::Clock>>,
}

impl std::fmt::Debug for StoreOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreOptions")
            .field("max_batch", &self.max_batch)
            .field("read_connections", &self.read_connections)
            .field("pg_writers", &self.pg_writers)
            .field("bulk_fill", &self.bulk_fill)
            .field("liveness_clock", &self.liveness_clock.as_ref().map(|_| "set"))
            .finish()
    }
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self { max_batch: 256, read_connections: 8, pg_writers: 4, bulk_fill: false, liveness_clock: None }
    }
}

/// The registry's storage. One behaviour on every engine: the shared test-suite in
/// `tests/store_contract.rs` runs against SQLite and PostgreSQL.
#[async_trait]
pub trait Store: Send + Sync {
    fn engine(&self) -> &'static str;
    async fn ping(&self) -> Result<()>;
    /// A write through the writer (this node's probe row, in a transaction of its own batch)
    /// and, on SQLite, 64 KiB of free room beside the database: whether this node can write
    /// now (`/healthz`). Judge the answer with [`health::verdict`].
    async fn probe_write(&self) -> Result<health::WriteProbe>;

    // ── writes: each one transaction, through the group-commit writer ──
    /// Stores a new lead, finding (or creating) its contact and company. With an idempotency
    /// key already used for the same request, returns that lead and creates nothing.
    async fn create_lead(&self, lead: NewLead, entered_by: Option<i64>, idem: Option<IdempotencyKey>) -> Result<LeadCreated>;
    async fn patch_lead(&self, id: i64, patch: LeadPatch, actor: Option<i64>) -> Result<()>;
    async fn log_activity(&self, lead_id: i64, activity: NewActivity, actor: Option<i64>) -> Result<i64>;
    async fn create_user(&self, user: NewUserRecord) -> Result<i64>;
    async fn create_token(&self, user_id: i64, name: String, token_hash: String) -> Result<i64>;
    /// A token that stops working at `expires_at` (none: until revoked).
    async fn create_token_expiring(
        &self,
        user_id: i64,
        name: String,
        token_hash: String,
        expires_at: Option<jiff::Timestamp>,
    ) -> Result<i64>;
    /// A user's tokens that are not revoked (never the token itself).
    async fn tokens(&self, user_id: i64) -> Result<Vec<TokenRecord>>;
    /// Revokes one of the user's tokens; `NotFound` when it is not theirs or already revoked.
    async fn revoke_token(&self, user_id: i64, token_id: i64, actor: Option<i64>) -> Result<()>;
    /// The user of a token that is not revoked, and the token (expiry is the caller's to check).
    async fn token_auth(&self, token_hash: &str) -> Result<(UserRecord, TokenRecord)>;
    /// Records a token's use (at most once a minute).
    async fn touch_token(&self, token_id: i64) -> Result<()>;
    /// Deactivates (ending sessions, revoking tokens, handing open leads and tasks back to the
    /// playbook) or reactivates a user. `Conflict` for oneself or the last active admin.
    async fn set_active(&self, user_id: i64, active: bool, actor: Option<i64>) -> Result<HandedBack>;
    /// A user's details, role and being active changed together, in one transaction.
    async fn update_account(
        &self,
        id: i64,
        details: Option<UserPatch>,
        role: Option<pronto_domain::user::Role>,
        active: Option<bool>,
        actor: Option<i64>,
    ) -> Result<HandedBack>;
    /// Changes a user's role. `Conflict` when that would leave no active admin.
    async fn set_role(&self, user_id: i64, role: pronto_domain::user::Role, actor: Option<i64>) -> Result<()>;
    /// A new password (the user's own change, or an admin's reset with `must_change`).
    async fn change_password(&self, change: PasswordChange) -> Result<PasswordChanged>;
    /// Until when sign-in attempts on `key` (`pronto_domain::signin::key`) must wait, if set.
    async fn login_blocked(&self, key: &str) -> Result<Option<jiff::Timestamp>>;
    /// One more wrong password for `key`; answers until when the next attempt must wait.
    async fn login_failed(&self, key: &str) -> Result<Option<jiff::Timestamp>>;
    /// The right password for `key`: its failures are forgotten.
    async fn login_succeeded(&self, key: &str) -> Result<()>;
    /// Creates the first `admin` when there are no users; returns whether it did.
    async fn ensure_admin(&self, password_hash: String) -> Result<bool>;
    /// Fires up to `limit` timers due by the store clock's now; returns how many fired.
    async fn fire_due_timers(&self, limit: i64) -> Result<i64>;
    /// When the earliest pending timer is due.
    async fn next_timer_due(&self) -> Result<Option<jiff::Timestamp>>;
    /// Notified after every commit that set a timer, so a timer worker can wake early.
    fn timers_changed(&self) -> Arc<tokio::sync::Notify>;
    /// Notified after every commit, so the outbox worker delivers new rows at once.
    fn outbox_changed(&self) -> Arc<tokio::sync::Notify>;
    /// Events as their transactions commit (new leads, tasks, assignments, stages, activities:
    /// `records::LIVE_KINDS`), for live clients; a slow listener misses some (`Lagged`).
    fn committed(&self) -> tokio::sync::broadcast::Receiver<Committed>;
    /// Takes up to `limit` notifications due for delivery (new, due for a retry, or claimed by
    /// a node that died) for this node, which holds them while its heartbeat lives: a crash
    /// while sending means another attempt within seconds, with the same idempotency key. Only
    /// the oldest waiting message of each recipient (one in flight per recipient, in order).
    async fn claim_notifications(&self, limit: i64) -> Result<Vec<OutboxRecord>> {
        self.claim_notifications_held(limit, &[]).await
    }
    /// [`Store::claim_notifications`] of every channel but `held` (a provider not set up, or
    /// failing and probed): their messages wait, queued, unclaimed.
    async fn claim_notifications_held(&self, limit: i64, held: &[String]) -> Result<Vec<OutboxRecord>>;
    /// Claims the oldest notification on `channel` waiting for a retry, before its backoff is
    /// over: a probe of a provider that failed. Record a failed probe as `Delivery::Postponed`
    /// to its retry time, which does not count the attempt.
    async fn probe_channel(&self, channel: &str) -> Result<Option<OutboxRecord>>;
    /// This process's node (`nodes`).
    fn node(&self) -> &nodes::NodeId;
    /// Writes this node's heartbeat now (the store does so every `nodes::HEARTBEAT` by itself).
    async fn heartbeat(&self) -> Result<()>;
    /// Every node sharing the database, the live ones first.
    async fn nodes(&self) -> Result<Vec<nodes::NodeRecord>>;
    /// Takes the lease `name` for this node when it is free or already its own (another node
    /// holding it must have died: no heartbeat for `nodes::NODE_DEAD`); true when held now.
    async fn take_lease(&self, name: &str) -> Result<bool>;
    /// The mystery shopper (issue 23): starts a run of `channel` ([`canary`]).
    async fn start_canary_run(&self, channel: &str) -> Result<i64>;
    /// What the store sees of a run's test lead.
    async fn canary_observe(&self, run: i64) -> Result<canary::Observed>;
    /// Ends a run: hops, verdict, the test lead closed, the channel's incident and the admins' messages.
    async fn finish_canary_run(&self, finish: canary::FinishRun) -> Result<canary::Finished>;
    /// The last run per channel and the runs since `since`.
    async fn canary_status(&self, since: jiff::Timestamp) -> Result<canary::CanaryStatus>;
    /// When the last run of `channel` started.
    async fn canary_last_started(&self, channel: &str) -> Result<Option<jiff::Timestamp>>;
    /// Gives the lease `name` back when this node holds it.
    async fn release_lease(&self, name: &str) -> Result<()>;
    /// Records how an attempt went: sent, delivered, or failed (retried later or given up).
    async fn record_delivery(&self, id: i64, delivery: Delivery) -> Result<()>;
    /// Queues a notification that was given up on again (the dead-letter list, by hand).
    async fn retry_notification(&self, id: i64, actor: Option<i64>) -> Result<()>;
    /// Marks a user's in-app notifications read (all of them when `ids` is empty); returns how many.
    async fn mark_read(&self, user: i64, ids: Vec<i64>) -> Result<i64>;
    /// The notification centre: `user`'s in-app notifications, every customer's message still
    /// waiting for an answer first, then the newest `limit`, newest first.
    async fn notification_centre(&self, user: i64, limit: i64) -> Result<Vec<CentreItem>>;
    /// One of `user`'s own in-app notifications (anyone else's is `NotFound`).
    async fn centre_item(&self, user: i64, id: i64) -> Result<CentreItem>;
    /// How many of `user`'s in-app notifications are unread.
    async fn unread_notifications(&self, user: i64) -> Result<i64>;
    /// Subscribes `url` to events (`lead.received`, `lead.*`, `*` …); returns its id.
    async fn create_webhook(&self, url: String, events: Vec<String>, secret: String, actor: Option<i64>) -> Result<i64>;
    async fn delete_webhook(&self, id: i64, actor: Option<i64>) -> Result<()>;
    /// Active subscriptions: (id, url, events, secret).
    async fn webhooks(&self) -> Result<Vec<WebhookRecord>>;
    /// When the earliest notification is due for an attempt.
    async fn next_notification_due(&self) -> Result<Option<jiff::Timestamp>> {
        self.next_notification_due_held(&[]).await
    }
    /// [`Store::next_notification_due`] of every channel but `held`.
    async fn next_notification_due_held(&self, held: &[String]) -> Result<Option<jiff::Timestamp>>;
    /// Completes an open task with an outcome its playbook allows; the playbook reacts.
    async fn complete_task(&self, id: i64, outcome: String, note: Option<String>, actor: Option<i64>) -> Result<()>;
    /// Changes a user's presence, own working hours or contact details.
    async fn update_user(&self, patch: UserPatch, actor: Option<i64>) -> Result<()>;
    /// Validates and stores a playbook. An admin's text ([`PlaybookSource::Admin`]) that is
    /// not the newest version's becomes its next version, which new leads start on; a file's
    /// or a built-in's ([`PlaybookSource::File`]) only when no stored version has it (it never
    /// replaces a newer version loaded since). Returns which version the text is and which one
    /// is current. An invalid text is refused (`Invalid`, each problem as
    /// `playbook:LINE:COLUMN`) and the last good version stays.
    async fn load_playbook(&self, source: String, actor: Option<i64>, how: PlaybookSource) -> Result<PlaybookLoaded>;
    /// Reads the playbook versions stored since this process last looked (another node may
    /// have loaded them) into [`Store::playbooks`]; returns how many. One indexed query when
    /// nothing changed; a write that meets an unknown version reads it anyway.
    async fn refresh_playbooks(&self) -> Result<usize>;
    /// The playbooks in use, every loaded version.
    fn playbooks(&self) -> Arc<Playbooks>;
    /// Stores a message read from a mailbox — a new lead, a reply on its lead, a duplicate or
    /// an ignored one — and moves the mailbox's cursor past it, in one transaction.
    async fn ingest_mail(&self, mail: MailIn) -> Result<MailOutcome>;
    /// Starts a web session (its id stored hashed), ending `replaces` if given.
    async fn create_session(&self, user_id: i64, hash: String, replaces: Option<String>) -> Result<()>;
    /// The session's user, or `NotFound` when it is unknown or timed out (idle or absolute).
    async fn touch_session(&self, hash: String, idle: jiff::SignedDuration, absolute: jiff::SignedDuration) -> Result<i64>;
    async fn end_session(&self, hash: String) -> Result<()>;
    /// The session's user without touching it, or `NotFound` when it ended or timed out: an
    /// open live stream asks this, so that it ends with its session.
    async fn session_user(&self, hash: String, idle: jiff::SignedDuration, absolute: jiff::SignedDuration) -> Result<i64>;
    /// Folds one event from the phone exchange into its call and applies what it means for the
    /// lead, in one transaction; a repeated delivery (same `webhook_id`) changes nothing.
    async fn call_event(&self, event: CallIn) -> Result<CallResult>;
    /// Calls on the registry, newest first (one lead's when given).
    async fn calls(&self, lead: Option<i64>, limit: i64) -> Result<Vec<CallRecord>>;
    /// Where a mailbox stopped reading: (UIDVALIDITY, last UID).
    async fn mailbox_cursor(&self, mailbox: &str) -> Result<Option<(i64, i64)>>;
    /// The mailbox has a new UIDVALIDITY: read it again from the start.
    async fn reset_mailbox(&self, mailbox: String, uidvalidity: i64) -> Result<()>;
    /// A mailbox stopped working (alerts the admins) or, with `None`, works again.
    async fn mailbox_alert(&self, mailbox: String, error: Option<String>) -> Result<()>;
    /// Sends an e-mail to a lead's contact through the outbox; returns the e-mail's id.
    async fn send_email(&self, email: OutgoingEmail) -> Result<i64>;
    async fn emails(&self, lead_id: i64) -> Result<Vec<EmailRecord>>;
    async fn attachment(&self, id: i64) -> Result<AttachmentRecord>;
    /// An attachment's bytes as stored in the database (`None`: not there — kept on a node's
    /// disk before migration 30, or too large to keep).
    async fn attachment_data(&self, id: i64) -> Result<Option<Vec<u8>>>;
    /// Content addresses of attachments whose bytes are not in the database (kept on a node's
    /// disk before migration 30), after `after` in order, at most `limit`.
    async fn files_missing(&self, after: String, limit: i64) -> Result<Vec<String>>;
    /// Keeps a file's bytes in the database under its content address (the caller checked it).
    async fn keep_file(&self, sha256: String, data: Vec<u8>) -> Result<()>;
    /// The versions of what the admin pages save (settings, message texts, the company's
    /// profile): one read of three rows, compared by each node with what it loaded.
    async fn config_versions(&self) -> Result<shared::ConfigVersions>;
    /// Reads again what another node changed: the message texts, or the company's office
    /// calendar (the settings are the web layer's).
    async fn reload_config(&self, what: shared::Config) -> Result<()>;
    /// Counts one hit of `key` in `scope` in the fixed window starting at `window_start`
    /// (microseconds; `shared::window`) and answers the window's count, shared by every node.
    async fn count_hit(&self, scope: &str, key: String, window_start: i64) -> Result<i64>;
    /// Messages that were not inquiries, newest first.
    async fn ignored_mail(&self, limit: i64) -> Result<Vec<IgnoredMailRecord>>;
    /// Stores the company's text for a playbook's template in a language (checked by the
    /// caller with `messages::check_override`); alerts use it from the next change on.
    async fn set_message(&self, message: pronto_playbook::messages::Override, actor: Option<i64>) -> Result<()>;
    /// Removes the company's text, so the shipped one (or the playbook's) is used again.
    async fn reset_message(&self, playbook: String, template: String, language: String, actor: Option<i64>) -> Result<()>;

    // ── reads ──
    async fn lead(&self, id: i64) -> Result<LeadRecord>;
    async fn leads(&self, filter: &LeadFilter) -> Result<Vec<LeadRecord>>;
    /// Contacts, newest first (those whose inquiries match `query`), with their inquiry counts.
    async fn contacts(&self, query: Option<String>, limit: i64) -> Result<Vec<ContactListItem>>;
    /// Contacts (not merged away) that hold the phone (E.164) or e-mail (lower case), or whose
    /// company has the registration number, with their identities; at most `limit`.
    /// SLAs running now, soonest breach first, of one playbook's leads (`None`: every lead's).
    async fn slas_running(&self, playbook: Option<String>, limit: i64) -> Result<Vec<SlaRunning>>;
    async fn similar_contacts(&self, phone: Option<String>, email: Option<String>, company_id: Option<String>, limit: i64) -> Result<Vec<SimilarContact>>;
    /// Merges `other` into `keep` (one person entered twice): its leads, activities, phone
    /// numbers and e-mails move; it stays, marked merged, for the record.
    /// Returns the merge's id: [`Store::undo_merge`] puts every row it moved back.
    async fn merge_contacts(&self, keep: i64, other: i64, actor: Option<i64>) -> Result<i64>;
    /// Undoes a merge within [`MERGE_UNDO_WINDOW`] while neither contact changed since (no new
    /// inquiry, no new detail, no later merge): the kept contact's details, and the leads,
    /// activities, phones and e-mails that moved, are as before. `Conflict` otherwise.
    async fn undo_merge(&self, id: i64, actor: Option<i64>) -> Result<()>;
    /// A merge as recorded.
    async fn contact_merge(&self, id: i64) -> Result<MergeRecord>;
    /// A page of contacts and how many the filter selects in all.
    async fn contact_page(&self, filter: &ContactFilter) -> Result<(Vec<ContactListItem>, i64)>;
    /// How many leads `filter` selects (its limit, offset and order aside).
    async fn count_leads(&self, filter: &LeadFilter) -> Result<i64>;
    /// Open tasks past their time and SLAs breached or at risk, the latest first.
    async fn late_now(&self, filter: &LateFilter) -> Result<Vec<LateRecord>>;
    /// A task entered by hand on a lead; returns its id.
    async fn create_task(
        &self,
        lead_id: i64,
        title: String,
        due_at: jiff::Timestamp,
        assignee: Option<i64>,
        actor: Option<i64>,
    ) -> Result<i64>;
    /// Moves an open task's deadline ("call back at …").
    async fn reschedule_task(&self, id: i64, due_at: jiff::Timestamp, actor: Option<i64>) -> Result<()>;
    /// What the customer sent from their page (a message, a call-back request, a document) is
    /// answered without writing or calling; returns the last such activity's id (`Conflict`
    /// when the customer sent nothing).
    async fn mark_answered(&self, lead_id: i64, actor: Option<i64>) -> Result<i64>;
    /// Companies, newest first (matching `query` by name or registration number), with counts.
    async fn companies(&self, query: Option<String>, limit: i64) -> Result<Vec<(i64, Option<String>, Option<String>, i64, i64)>>;
    /// Queues a test message (`sms` or `email`) to `address`; returns the notification's id.
    async fn queue_test(&self, channel: String, address: String, text: String, actor: Option<i64>) -> Result<i64>;
    /// SLAs running now, soonest breach first: (sla, lead, owner, breach due).
    async fn slas_at_risk(&self, limit: i64) -> Result<Vec<(String, i64, Option<String>, jiff::Timestamp)>>;
    /// Report tallies per value of `dim` for the leads received in `[from, to)`.
    async fn report_tallies(&self, dim: pronto_domain::tally::Dim, from: jiff::Timestamp, to: jiff::Timestamp) -> Result<ReportTallies>;
    /// The stored daily tallies of `dim` for the office days `[from_day, to_day]`: (day, value, tally).
    async fn report_days(
        &self,
        dim: pronto_domain::tally::Dim,
        from_day: i32,
        to_day: i32,
    ) -> Result<Vec<(i32, String, pronto_domain::tally::Tally)>>;
    /// The facts of leads received in `[from, to)`, oldest first, after a cursor (received_at µs,
    /// lead id): (lead id, received_at µs, fact).
    async fn report_facts(
        &self,
        from: jiff::Timestamp,
        to: jiff::Timestamp,
        after: Option<(i64, i64)>,
        limit: i64,
    ) -> Result<Vec<(i64, i64, pronto_domain::tally::Fact)>>;
    /// When the scheduled reports go and to whom; sets (or moves, or cancels) their timers.
    async fn configure_reports(&self, schedule: schedule::ReportSchedule) -> Result<()>;
    /// What a scheduled report shows for `[from, to)`.
    async fn compose_report(&self, kind: schedule::ReportKind, from: jiff::Timestamp, to: jiff::Timestamp) -> Result<schedule::Composed>;
    /// Builds the reports' facts of leads without one (a database from before the reports),
    /// or of every lead when the office's time zone changed, in batches of their own
    /// transactions; returns how many. Runs at open and after the default playbook is set.
    async fn sync_report_facts(&self) -> Result<i64>;
    /// The token of a lead's own page in `generation` (`LeadRecord::tracking_gen`).
    fn tracking_token(&self, lead_id: i64, generation: i64) -> Option<String>;
    /// Ends the lead's page link (the old token answers 404) and makes a new one; returns the
    /// new generation.
    async fn revoke_tracking(&self, lead_id: i64, actor: Option<i64>) -> Result<i64>;
    /// The customer's page for `token`; `NotFound` for an unknown, revoked or expired one (a
    /// closed lead's page lives `keep` after it closed).
    async fn tracking_page(&self, token: &str, keep: jiff::SignedDuration) -> Result<TrackingRecord>;
    /// Records what the customer did on their page (one transaction: the activity the playbook
    /// reacts to, and a call-back task or the sealed document); returns the activity's id.
    async fn customer_action(&self, lead_id: i64, action: CustomerAction) -> Result<i64>;
    /// The documents customers sent for a lead.
    async fn customer_files(&self, lead_id: i64) -> Result<Vec<CustomerFileRecord>>;
    /// One document, opened (decrypted).
    async fn customer_file(&self, id: i64) -> Result<(CustomerFileRecord, Vec<u8>)>;
    /// A customer's document without its bytes (to check who may open it first).
    async fn customer_file_info(&self, id: i64) -> Result<CustomerFileRecord>;
    /// Appends a row to the audit log (its own transaction), stamped with the store's clock.
    async fn audit(&self, entry: AuditEntry) -> Result<i64>;
    /// The audit log's rows that `filter` selects, newest first.
    async fn audit_log(&self, filter: &AuditFilter) -> Result<Vec<AuditRecord>>;
    /// Every setting saved in the admin pages, by section and field, secrets opened (for the
    /// process that uses them: never shown).
    async fn settings(&self) -> Result<StoredSettings>;
    /// Changes one section's settings (secrets sealed) and appends its audit row, in one
    /// transaction.
    async fn save_settings(&self, change: SettingsChange) -> Result<()>;
    /// The web forms built in the admin pages, by key.
    async fn web_forms(&self) -> Result<Vec<web_forms::FormRecord>>;
    /// The stored web form `key`, if there is one.
    async fn web_form(&self, key: String) -> Result<Option<web_forms::FormRecord>>;
    /// Stores a web form's definition (`None`: removes it; `NotFound` when there was none)
    /// and the audit row `audit` in one transaction.
    async fn save_web_form(&self, key: String, definition: Option<String>, audit: AuditEntry) -> Result<()>;
    /// Marks every queued notification as sent (in-app ones delivered and read): for a history
    /// filled by `pronto demo`, whose alerts are long past. Returns how many.
    async fn settle_outbox(&self) -> Result<i64>;
    /// The office's time zone (the default playbook's calendar), which report days are in.
    fn office_zone(&self) -> jiff::tz::TimeZone;
    /// The company's own profile (identity, language, region, office calendar, guide).
    async fn company_profile(&self) -> Result<company::CompanyProfile>;
    /// The company's logo: its media type and bytes, when there is one.
    async fn company_logo(&self) -> Result<Option<(String, Vec<u8>)>>;
    /// Changes the profile; a new office calendar takes effect for the next timer set.
    async fn change_company(&self, change: company::CompanyChange, actor: Option<i64>) -> Result<()>;
    /// How many open leads each stage holds.
    async fn stage_counts(&self) -> Result<Vec<(String, i64)>>;
    async fn timeline(&self, lead_id: i64) -> Result<Vec<EventRecord>>;
    async fn activities(&self, lead_id: i64) -> Result<Vec<ActivityRecord>>;
    async fn contact(&self, id: i64) -> Result<ContactDetail>;
    async fn company(&self, id: i64) -> Result<CompanyDetail>;
    async fn user(&self, id: i64) -> Result<UserRecord>;
    async fn users(&self) -> Result<Vec<UserRecord>>;
    /// The user and their password hash, for a login.
    async fn user_by_login(&self, login: &str) -> Result<(UserRecord, Option<String>)>;
    async fn user_by_token_hash(&self, token_hash: &str) -> Result<UserRecord>;
    async fn outbox(&self, lead_id: i64) -> Result<Vec<OutboxRecord>>;
    async fn timers(&self, lead_id: i64) -> Result<Vec<TimerRecord>>;
    async fn notifications(&self, filter: &NotificationFilter) -> Result<Vec<OutboxRecord>>;
    async fn task(&self, id: i64) -> Result<TaskRecord>;
    async fn tasks(&self, filter: &TaskFilter) -> Result<Vec<TaskRecord>>;
    async fn playbook_versions(&self, name: Option<&str>) -> Result<Vec<PlaybookVersion>>;

    // ── offers (issue 20) ──
    /// A new offer on the lead: its next version; the lead's open offers are superseded, in
    /// the same transaction, with the `offer.created` event. `expires_at` is the end of
    /// `valid_until` in the office's time zone.
    async fn create_offer(&self, lead_id: i64, offer: pronto_domain::offer::NewOffer, expires_at: jiff::Timestamp, actor: Option<i64>) -> Result<OfferRecord>;
    /// Sends the offer: `sent`, the customer's message queued, the playbook's `offer.sent`.
    /// A decided, superseded or expired offer is a `Conflict` (see [`offer_refusal`]).
    async fn send_offer(&self, offer_id: i64, actor: Option<i64>, message: Option<OfferMessage>) -> Result<OfferRecord>;
    /// The customer's decision on their page (the lead is the page's): only a `sent` offer
    /// before its end; otherwise a `Conflict` naming why ([`offer_refusal`]). Runs the playbook
    /// and alerts the owner.
    async fn decide_offer(
        &self,
        lead_id: i64,
        offer_id: i64,
        decision: pronto_domain::offer::Decision,
        note: Option<String>,
    ) -> Result<OfferRecord>;
    async fn offer(&self, id: i64) -> Result<OfferRecord>;
    /// The lead's offers, oldest version first; `NotFound` for no such lead.
    async fn lead_offers(&self, lead_id: i64) -> Result<Vec<OfferRecord>>;

    /// Lets the writer finish what is queued and stops it.
    async fn close(&self);

    // The catalogue (issue 20, `catalogue.rs`).
    /// Adds a product (offered or not) with its audit row (`Conflict` when the article number
    /// is taken); returns its id.
    async fn create_product(&self, product: pronto_domain::catalogue::Product, active: bool, audit: AuditEntry) -> Result<i64>;
    /// Changes a product with its audit row (`NotFound`; `Conflict` when the new article
    /// number is another product's); `active` `None` keeps it.
    async fn update_product(&self, id: i64, product: pronto_domain::catalogue::Product, active: Option<bool>, audit: AuditEntry) -> Result<()>;
    async fn product(&self, id: i64) -> Result<catalogue::ProductRecord>;
    /// The product with this article number, if any.
    async fn product_by_sku(&self, sku: &str) -> Result<Option<catalogue::ProductRecord>>;
    /// The products `filter` selects, by article number.
    async fn products(&self, filter: &catalogue::ProductFilter) -> Result<Vec<catalogue::ProductRecord>>;
    /// Takes a whole file: each product added or changed by article number, all or none, in
    /// one transaction with the audit row.
    async fn import_products(&self, products: Vec<pronto_domain::catalogue::Product>, audit: AuditEntry) -> Result<catalogue::ImportOutcome>;
    /// Every product, active or not, by article number (for the CSV export).
    async fn export_products(&self) -> Result<Vec<catalogue::ProductRecord>>;

    // ── offer reports (issue 20, helper "reports") ──
    /// The leads received in `[from, to)` that have offers (of `playbook` only, when given),
    /// each with its report fact and its offer versions (`pronto_domain::offer_report`).
    async fn report_offers(
        &self,
        from: jiff::Timestamp,
        to: jiff::Timestamp,
        playbook: Option<String>,
    ) -> Result<Vec<pronto_domain::offer_report::LeadOffers>>;

    // ── money reports (issue 21, item 7) ──
    /// The invoices that show in `[from, to)` — issued in it, paid in it or still owed at its
    /// end — with their leads' report facts and payments (`pronto_domain::money_report`).
    async fn report_money(&self, from: jiff::Timestamp, to: jiff::Timestamp) -> Result<Vec<pronto_domain::money_report::InvoiceFact>>;

    // ── requisites (issue 21, helper "requisites") ──
    /// Enters or replaces the lead's requisites in one transaction: the row (the passport data
    /// sealed), the `requisites.received` event, `message` to the customer in the outbox and
    /// the playbook's `requisites.received`. `source`: `staff`, `api` or `customer`.
    async fn save_requisites(
        &self,
        lead_id: i64,
        requisites: pronto_domain::requisites::Requisites,
        source: &'static str,
        actor: Option<i64>,
        message: Option<OfferMessage>,
    ) -> Result<RequisitesRecord>;
    /// The lead's requisites without the passport data; `None` before any were entered,
    /// `NotFound` for no such lead.
    async fn requisites(&self, lead_id: i64) -> Result<Option<RequisitesRecord>>;
    /// Opens the passport data with `audit` appended in the same transaction; `None` when
    /// there is none.
    async fn reveal_id_document(&self, lead_id: i64, audit: AuditEntry) -> Result<Option<String>>;
    // ── invoices (issue 21, helper "invoices") ──
    /// Issues the invoice for the lead's accepted offer in one transaction: the next number of
    /// the series and year (no gaps, none twice, under concurrent issue on both engines), the
    /// lines copied, the customer from the requisites, the `invoice.issued` event and trigger,
    /// and one message to the customer. No requisites: `Invalid` naming `requisites`; another
    /// lead's offer: `Invalid` naming `offer_id`; not accepted or already invoiced: `Conflict`.
    async fn issue_invoice(
        &self,
        lead_id: i64,
        offer_id: i64,
        zone: jiff::tz::TimeZone,
        message: invoices::InvoiceMessage,
        actor: Option<i64>,
    ) -> Result<invoices::InvoiceRecord>;
    async fn invoice(&self, id: i64) -> Result<invoices::InvoiceRecord>;
    /// The lead's invoices, oldest first; `NotFound` for no such lead.
    async fn lead_invoices(&self, lead_id: i64) -> Result<Vec<invoices::InvoiceRecord>>;
    // ── delivery (issue 21, helper "delivery") ──
    /// Plans a delivery in one transaction: the row, `delivery.planned`, and the timer that
    /// makes the driver's pack at 18:00 office time the evening before (at once on the day).
    /// A day in the past: `Invalid` naming `date`; no such lead: `NotFound`.
    async fn plan_delivery(
        &self,
        lead_id: i64,
        delivery: pronto_domain::delivery::NewDelivery,
        zone: jiff::tz::TimeZone,
        actor: Option<i64>,
    ) -> Result<deliveries::DeliveryRecord>;
    /// The goods were delivered at `at` (now when `None`): the status, `delivery.done` and the
    /// playbook's `delivery.done` trigger. Already delivered: `Conflict`; `at` in the future:
    /// `Invalid` naming `at`.
    async fn mark_delivered(&self, id: i64, at: Option<jiff::Timestamp>, actor: Option<i64>) -> Result<deliveries::DeliveryRecord>;
    async fn delivery(&self, id: i64) -> Result<deliveries::DeliveryRecord>;
    /// The lead's deliveries, oldest first; `NotFound` for no such lead.
    async fn lead_deliveries(&self, lead_id: i64) -> Result<Vec<deliveries::DeliveryRecord>>;
    /// The deliveries of one day (`YYYY-MM-DD`), with the customer, in the order planned.
    async fn deliveries_on(&self, date: String) -> Result<Vec<deliveries::DeliveryStop>>;
    /// The complaints the filter lets through, newest first.
    async fn complaints(&self, filter: complaints::ComplaintFilter) -> Result<Vec<complaints::ComplaintRecord>>;
    async fn complaint(&self, id: i64) -> Result<complaints::ComplaintRecord>;
    /// Resolves an open complaint with a note (`complaint.resolved`); already resolved: `Conflict`.
    async fn resolve_complaint(&self, id: i64, note: String, actor: Option<i64>) -> Result<complaints::ComplaintRecord>;
    // ── payments (issue 21, helper "payments") ──
    /// Records a payment in one transaction: the invoice locked, the amount checked against
    /// what is left (more: `Invalid` naming `amount`; a cancelled invoice: `Conflict`), `paid`
    /// raised, `payment.recorded`; paid in full: `invoice.paid`, the customer's message and the
    /// playbook's `invoice.paid`. `NotFound` for no such invoice.
    async fn record_payment(&self, payment: payments::NewPayment) -> Result<payments::PaymentOutcome>;
    /// The invoice's payments, oldest first; `NotFound` for no such invoice.
    async fn invoice_payments(&self, invoice_id: i64) -> Result<Vec<payments::PaymentRecord>>;
    /// The invoices whose variable symbol or number is one of `references`.
    async fn invoices_by_reference(&self, references: Vec<String>) -> Result<Vec<invoices::InvoiceRecord>>;
    /// Imports a bank statement in one transaction: its lines kept, each matched by reference
    /// and amount recorded as a payment (as [`Store::record_payment`]), the rest in review.
    async fn import_statement(&self, statement: payments::NewStatement) -> Result<payments::ImportOutcome>;
    /// Statement lines, newest first, at most `limit`: those in `status` (`unmatched` is the
    /// review list), or all.
    async fn statement_lines(&self, status: Option<String>, limit: i64) -> Result<Vec<payments::StatementLineRecord>>;
    async fn statement_line(&self, id: i64) -> Result<payments::StatementLineRecord>;
    /// Decides a line in review: assigned to `invoice_id` (recorded as its payment) or, with
    /// none, dismissed. A line not in review: `Conflict`.
    async fn review_statement_line(
        &self,
        line_id: i64,
        invoice_id: Option<i64>,
        message: Option<invoices::InvoiceMessage>,
        actor: Option<i64>,
    ) -> Result<(payments::StatementLineRecord, Option<payments::PaymentOutcome>)>;

    // ── purchases (issue 21, helper "purchase") ──
    /// Requests the supplier's invoice for the lead's accepted offer in one transaction: one
    /// purchase per supplier the catalogue names for its lines (or one from `supplier`, of
    /// `lines` when given), the lines with the supplier's article numbers, the
    /// `purchase.requested` event and trigger per purchase. Another lead's offer: `Invalid`
    /// naming `offer_id`; a line nobody supplies: `Invalid` naming `supplier`; an offer not
    /// accepted or a supplier requested already: `Conflict`.
    async fn request_purchase(
        &self,
        lead_id: i64,
        offer_id: i64,
        supplier: Option<String>,
        lines: Option<Vec<purchases::PurchaseLineInput>>,
        actor: Option<i64>,
    ) -> Result<Vec<purchases::PurchaseRecord>>;
    async fn purchase(&self, id: i64) -> Result<purchases::PurchaseRecord>;
    /// The lead's purchases, oldest first; `NotFound` for no such lead.
    async fn lead_purchases(&self, lead_id: i64) -> Result<Vec<purchases::PurchaseRecord>>;
    /// Purchases in `status` (all when none), newest first, at most `limit`.
    async fn purchases(&self, status: Option<String>, limit: i64) -> Result<Vec<purchases::PurchaseRecord>>;
    /// Attaches the supplier's invoice: the file sealed with the installation's key (never
    /// stored plain), its number and amount, the `purchase.invoice_received` event and trigger.
    async fn attach_supplier_invoice(
        &self,
        purchase_id: i64,
        invoice: pronto_domain::purchase::SupplierInvoice,
        filename: String,
        content_type: String,
        bytes: Vec<u8>,
        actor: Option<i64>,
    ) -> Result<purchases::PurchaseRecord>;
    /// The supplier's invoice file, opened (`NotFound` when none is attached).
    async fn supplier_invoice_file(&self, purchase_id: i64) -> Result<(purchases::PurchaseRecord, Vec<u8>)>;
    /// A manager lets the customer's invoice go without this supplier's invoice: the reason on
    /// the purchase, the `purchase.overridden` event and `audit`, in one transaction.
    async fn override_purchase(&self, purchase_id: i64, reason: String, actor: i64, audit: AuditEntry) -> Result<purchases::PurchaseRecord>;
    /// The supplier was paid: the `purchase.paid` event and trigger.
    async fn supplier_paid(&self, purchase_id: i64, actor: Option<i64>) -> Result<purchases::PurchaseRecord>;
}

/// Opens (creating if needed) and migrates the database at `url` (`sqlite://PATH` or
/// `postgres://…`).
pub async fn open(url: &str, clock: Arc<dyn Clock>, opts: StoreOptions) -> Result<Arc<dyn Store>> {
    let store = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        postgres::open(url, clock, opts).await?
    } else if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
        sqlite::open(path, clock, opts).await?
    } else {
        return Err(StoreError::Invalid(FieldErrors::single(
            "database_url",
            format!("`{}` is neither sqlite://PATH nor postgres://…", redact_url(url)),
        )));
    };
    Ok(store)
}

/// Applies the migrations and returns the versions that were new.
pub async fn migrate(url: &str) -> Result<Vec<i64>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        postgres::migrate_only(url).await
    } else {
        let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
        sqlite::migrate_only(path).await
    }
}

/// A database URL with its password hidden, for logs and messages.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn urls_are_redacted() {
        assert_eq!(super::redact_url("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(super::redact_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(super::redact_url("sqlite://x.db"), "sqlite://x.db");
    }
}
