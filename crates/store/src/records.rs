//! What reads return: plain records, joined and ready to show. The HTTP edge maps them to
//! its wire format; nothing here is serialised directly.

use jiff::Timestamp;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct UserRef {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContactSummary {
    pub id: i64,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompanyRecord {
    pub id: i64,
    pub name: Option<String>,
    pub company_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LeadRecord {
    pub id: i64,
    pub channel: String,
    pub stage: String,
    pub status: String,
    pub owner: Option<UserRef>,
    pub contact: ContactSummary,
    pub company: Option<CompanyRecord>,
    pub customer_type: Option<String>,
    pub subject: Option<String>,
    pub message: Option<String>,
    pub postal_code: Option<String>,
    pub product: Option<String>,
    pub language: Option<String>,
    pub source: Option<String>,
    pub playbook: String,
    pub playbook_version: i64,
    pub received_at: Timestamp,
    pub first_response_at: Option<Timestamp>,
    pub entered_by: Option<UserRef>,
    /// Extra form fields, as a JSON object.
    pub extra: Value,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// The generation of the customer's page token (revoking bumps it).
    pub tracking_gen: i64,
    /// When the lead was last closed (won, lost, junk); its page expires some time after.
    pub closed_at: Option<Timestamp>,
    /// The customer's own page (filled by the store from the installation's key).
    pub tracking_url: Option<String>,
    /// The phone given with this inquiry (else the contact's): the one to call about it.
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LeadCreated {
    pub id: i64,
    /// False when an idempotency key matched an earlier request.
    pub created: bool,
    pub contact_id: i64,
    /// False when the contact was found by phone, e-mail or company id.
    pub contact_is_new: bool,
}

/// Which leads to list, newest first; `before` is the cursor (the last id of the previous page).
#[derive(Debug, Clone, Default)]
pub struct LeadFilter {
    pub stage: Option<String>,
    pub status: Option<String>,
    pub channel: Option<String>,
    /// `Some(None)` lists leads with no owner.
    pub owner: Option<Option<i64>>,
    pub contact: Option<i64>,
    pub company: Option<i64>,
    pub query: Option<String>,
    /// Only leads received at or after this time.
    pub received_after: Option<Timestamp>,
    pub before: Option<i64>,
    pub limit: u32,
    /// The order (none: newest first, by id); ties are broken by id, so pages never overlap.
    pub sort: Option<LeadSort>,
    /// Descending when `sort` is given.
    pub descending: bool,
    /// Rows of the order to skip (a page of a sorted list).
    pub offset: u32,
}

/// A column a list of leads can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadSort {
    Received,
    Contact,
    Subject,
    Channel,
    Stage,
    Status,
    Owner,
}

/// A column the contacts list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactSort {
    /// Newest first (ascending: oldest first).
    Added,
    Name,
    Phone,
    Email,
    Company,
    Leads,
}

/// Which contacts to list (not merged away): those whose inquiries match `query`, sorted, a
/// page at a time.
#[derive(Debug, Clone, Default)]
pub struct ContactFilter {
    pub query: Option<String>,
    /// None: newest first.
    pub sort: Option<ContactSort>,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
    /// Leave this contact out (the one being merged).
    pub except: Option<i64>,
}

/// A merge of two contacts, as recorded (to show it and to undo it).
#[derive(Debug, Clone, PartialEq)]
pub struct MergeRecord {
    pub id: i64,
    pub kept: i64,
    pub merged: i64,
    pub at: Timestamp,
    pub actor: Option<i64>,
    pub undone_at: Option<Timestamp>,
    /// How many leads, activities and identities (phones, e-mails) moved.
    pub leads_moved: usize,
    pub activities_moved: usize,
    pub identities_moved: usize,
}

/// How long a merge can be undone (and only while neither contact changed since).
pub const MERGE_UNDO_WINDOW: jiff::SignedDuration = jiff::SignedDuration::from_hours(24);

/// Something late now, or about to be: an open task past its time, or an SLA breached or
/// about to be.
#[derive(Debug, Clone, PartialEq)]
pub struct LateRecord {
    pub what: Late,
    pub lead_id: i64,
    /// The lead's contact, as the lists name it.
    pub contact: ContactSummary,
    /// Who holds it: the task's assignee, else the lead's owner; none when nobody does.
    pub holder: Option<UserRef>,
    /// When it was (or is) due.
    pub due_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Late {
    /// An open task past its due time.
    Task { id: i64, title: String },
    /// An SLA whose deadline passed while its condition is still not met.
    SlaBreached { sla: String, title: String },
    /// An SLA running, due within the warning threshold (its own, else 15 minutes).
    SlaAtRisk { sla: String, title: String },
}

/// Which late things to list.
#[derive(Debug, Clone)]
pub struct LateFilter {
    pub now: Timestamp,
    /// An SLA without a warning threshold of its own is at risk this long before it is due.
    pub at_risk_within: jiff::SignedDuration,
    /// Only what this user holds, and what nobody holds (none: everyone's).
    pub holder: Option<i64>,
    /// At most this many of each kind.
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventRecord {
    pub id: i64,
    pub at: Timestamp,
    pub kind: String,
    pub lead_id: Option<i64>,
    pub actor: Option<UserRef>,
    pub data: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActivityRecord {
    pub id: i64,
    pub lead_id: i64,
    pub kind: String,
    pub direction: Option<String>,
    pub outcome: Option<String>,
    pub body: Option<String>,
    pub at: Timestamp,
    pub user: Option<UserRef>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContactDetail {
    pub contact: ContactSummary,
    pub company: Option<CompanyRecord>,
    /// Every phone and e-mail this contact was reached by.
    pub identities: Vec<(String, String)>,
    pub leads: Vec<LeadRecord>,
    pub activities: Vec<ActivityRecord>,
}

/// A company with its people and every lead that came from it.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyDetail {
    pub company: CompanyRecord,
    pub contacts: Vec<ContactSummary>,
    pub leads: Vec<LeadRecord>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UserRecord {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub active: bool,
    pub created_at: Timestamp,
    /// available, meeting or away.
    pub presence: String,
    /// The user's own working hours (JSON), when they differ from the playbook's.
    pub hours: Option<Value>,
    pub open_tasks: i64,
    /// The language the user reads alerts in; none, the team's default.
    pub language: Option<String>,
    /// An admin reset the password: it must be changed before anything else.
    pub must_change_password: bool,
}

/// An API token as listed (never the token itself).
#[derive(Debug, Clone, PartialEq)]
pub struct TokenRecord {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub expires_at: Option<Timestamp>,
}

/// What a user's deactivation handed back to the playbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HandedBack {
    /// Open leads they owned.
    pub leads: i64,
    /// Open tasks assigned to them.
    pub tasks: i64,
    /// Of those leads, how many got a new owner at once (the rest wait without one).
    pub reassigned: i64,
    pub sessions_ended: i64,
    pub tokens_revoked: i64,
}

/// A new password for a user.
#[derive(Debug, Clone)]
pub struct PasswordChange {
    pub user_id: i64,
    /// Argon2id.
    pub hash: String,
    /// The session (hashed id) that stays signed in; every other one ends.
    pub keep_session: Option<String>,
    /// Revoke the user's API tokens too.
    pub revoke_tokens: bool,
    /// Set by an admin's reset: the user must choose a new one at the next sign-in.
    pub must_change: bool,
    pub actor: Option<i64>,
}

/// What a password change did besides the password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PasswordChanged {
    pub sessions_ended: i64,
    pub tokens_revoked: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutboxRecord {
    pub id: i64,
    pub lead_id: Option<i64>,
    pub channel: String,
    pub recipient_user: Option<i64>,
    pub recipient_role: Option<String>,
    pub recipient_address: Option<String>,
    pub kind: String,
    pub idempotency_key: String,
    pub payload: Value,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub provider_id: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub next_attempt_at: Timestamp,
    pub read_at: Option<Timestamp>,
}

/// The result of one delivery attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Delivery {
    /// Handed to the provider (`sent`), or known to have arrived (`delivered`: in-app).
    Done { status: &'static str, provider_id: Option<String> },
    /// Failed; tried again at `retry_at`, or given up on (`None`: the dead-letter state).
    Failed { error: String, retry_at: Option<jiff::Timestamp> },
    /// Not tried: an earlier message to the same recipient failed in the same round, so this
    /// one waits for `retry_at` without using up an attempt.
    Postponed { retry_at: jiff::Timestamp },
}

/// One in-app notification as the notification centre shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct CentreItem {
    pub id: i64,
    /// The template it was written from (`sla_breached`, `customer_message` …) or what wrote
    /// it (`email_reply`, `mailbox_failed`, `test`).
    pub kind: String,
    /// The text as queued (the playbook's words, in the recipient's language).
    pub text: String,
    pub urgent: bool,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
    pub lead: Option<CentreLead>,
    /// Something the customer sent that nobody of the team has answered since.
    pub waiting: bool,
    /// The missed deadline of the latest SLA breached on the lead by the time of this one.
    pub deadline: Option<Timestamp>,
}

/// The lead a notification is about, as the centre names it.
#[derive(Debug, Clone, PartialEq)]
pub struct CentreLead {
    pub id: i64,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub channel: String,
    pub owner: Option<String>,
    pub first_response_at: Option<Timestamp>,
}

/// Which notifications to list.
#[derive(Debug, Clone, Default)]
pub struct NotificationFilter {
    pub lead: Option<i64>,
    pub recipient: Option<i64>,
    /// Only in-app notifications not yet read.
    pub unread: bool,
    pub status: Option<String>,
    pub before: Option<i64>,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskRecord {
    pub id: i64,
    pub lead_id: i64,
    /// The playbook's task definition it was made from.
    pub task: String,
    pub title: String,
    pub kind: String,
    pub role: Option<String>,
    pub assignee: Option<UserRef>,
    pub priority: String,
    pub due_at: Timestamp,
    pub script: Option<String>,
    pub attempt: i64,
    pub status: String,
    pub outcome: Option<String>,
    pub note: Option<String>,
    pub created_at: Timestamp,
    pub done_at: Option<Timestamp>,
}

/// Which tasks to list: open ones by due time, others newest first.
#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    pub lead: Option<i64>,
    pub assignee: Option<i64>,
    pub role: Option<String>,
    pub status: Option<String>,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlaybookVersion {
    pub name: String,
    pub version: i64,
    pub source: String,
    pub loaded_at: Timestamp,
    /// Who loaded it (their name), when a user did.
    pub loaded_by: Option<String>,
}

/// How a playbook's text is loaded ([`Store::load_playbook`](crate::Store::load_playbook)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaybookSource {
    /// An admin's load (the API, the pages, going back to an old version): the text becomes
    /// the current version — a new version unless the newest stored one has this text.
    Admin,
    /// A file given at start (`--playbook FILE`) or a built-in: a new version only when no
    /// stored version of its name has this text; otherwise it is that version, and the newest
    /// stored version stays current (perhaps one an admin loaded since).
    File,
}

/// What loading a playbook's text did.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaybookLoaded {
    pub name: String,
    /// The version the text is.
    pub version: i64,
    /// Whether that version was stored now.
    pub new: bool,
    /// The version new leads start on (the newest stored): `version`, unless a newer one
    /// exists.
    pub current: i64,
    /// When the current version was loaded, and who loaded it (a user's name; none for a
    /// file or a built-in).
    pub current_loaded_at: Timestamp,
    pub current_loaded_by: Option<String>,
}

impl PlaybookLoaded {
    /// What start-up says when the text is not the version in force, e.g. "playbook `agency`:
    /// the file is version 1; version 2, loaded by Eva at …, stays in force".
    pub fn superseded(&self, what: &str) -> Option<String> {
        if self.current == self.version {
            return None;
        }
        let by = self.current_loaded_by.as_deref().map(|u| format!(" by {u}")).unwrap_or_default();
        Some(format!(
            "playbook `{}`: {what} is version {}; version {}, loaded{by} at {}, stays in force",
            self.name, self.version, self.current, self.current_loaded_at
        ))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimerRecord {
    pub id: i64,
    pub lead_id: Option<i64>,
    pub kind: String,
    pub due_at: Timestamp,
    pub status: String,
}

/// An outgoing webhook subscription.
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookRecord {
    pub id: i64,
    pub url: String,
    pub events: Vec<String>,
    /// `whsec_…`: the key its deliveries are signed with.
    pub secret: String,
    pub created_at: Timestamp,
}

/// The event kinds the live feed carries (what a working screen redraws on).
pub const LIVE_KINDS: &[&str] = &[
    "lead.received",
    "lead.assigned",
    "lead.stage_changed",
    "lead.status_changed",
    "lead.first_response",
    "activity.logged",
    "task.created",
    "task.completed",
    "task.cancelled",
];

/// The `Committed::kind` of an in-app notification another node delivered (PostgreSQL,
/// `listen.rs`): `data` has `id`, `user`, `kind`, `text`, `urgent`, `created_at`; the live feed
/// shows it to its recipient as the delivering node's worker did on that node.
pub const IN_APP: &str = "notification.in_app";

/// An event whose transaction has committed, for live clients (`Store::committed`).
#[derive(Debug, Clone)]
pub struct Committed {
    pub kind: String,
    pub lead_id: Option<i64>,
    pub data: Value,
}

/// `outbox.recipient_role` of a test inquiry's alert (the mystery shopper's), sent to its test
/// recipient instead of a person (`process::run`).
pub const CANARY_ROLE: &str = "canary";

/// One message read from a mailbox, as the mail reader understood it; the store decides in
/// one transaction whether it is a new lead, a reply on a lead, a duplicate or not an inquiry,
/// and advances the mailbox's cursor with it.
#[derive(Debug, Clone)]
pub struct MailIn {
    pub mailbox: String,
    pub uidvalidity: i64,
    pub uid: i64,
    /// The Message-ID, or `sha256:…` of the raw message when it has none.
    pub message_id: String,
    pub in_reply_to: Vec<String>,
    pub references: Vec<String>,
    /// Leads the message names itself (a `+leadN` address, a Pronto Message-ID it answers).
    pub named_leads: Vec<i64>,
    /// Whether a `+leadN` tag named the first of `named_leads` (trusted only with the right sender).
    pub tagged: bool,
    pub from_address: Option<String>,
    pub from_name: Option<String>,
    pub to: Vec<String>,
    pub subject: Option<String>,
    pub text: String,
    /// The new part of the text (quotes removed): what a reply adds to the conversation.
    pub new_text: String,
    pub html: Option<String>,
    pub sent_at: Option<jiff::Timestamp>,
    pub attachments: Vec<AttachmentIn>,
    pub verdict: MailVerdict,
}

#[derive(Debug, Clone)]
pub enum MailVerdict {
    /// An inquiry: the lead it becomes unless it threads into an existing one, and a phone
    /// number from the signature for a contact that has none.
    Inquiry { lead: Box<pronto_domain::lead::NewLead>, signature_phone: Option<pronto_domain::values::Phone> },
    /// Not an inquiry (auto-reply, bounce, list, loop, unreadable): kept in the ignored list.
    Ignored { reason: String },
}

#[derive(Debug, Clone)]
pub struct AttachmentIn {
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    /// The file's content address (SHA-256); `None` when it was too large to keep.
    pub sha256: Option<String>,
    /// Its bytes, kept in `files` by the ingesting transaction (empty when not kept).
    pub data: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailOutcome {
    Lead(i64),
    Reply(i64),
    Ignored,
    /// The same Message-ID was stored before (read again after a reset, or sent twice).
    Duplicate,
    /// This UID was read already.
    AlreadyRead,
}

/// An e-mail written in Pronto to a lead's contact.
#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    pub lead_id: i64,
    /// Defaults to the lead's contact's e-mail.
    pub to: Option<String>,
    /// Defaults to "Re: " and the last incoming subject (or the lead's subject).
    pub subject: Option<String>,
    pub text: String,
    /// Our Message-ID (no <>), made by the caller, which has the randomness.
    pub message_id: String,
    /// `mailbox+leadN@…`, when a mailbox address is known.
    pub reply_to: Option<String>,
    pub actor: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct EmailRecord {
    pub id: i64,
    pub lead_id: i64,
    pub direction: String,
    pub mailbox: Option<String>,
    pub message_id: String,
    pub in_reply_to: Option<String>,
    pub from_address: Option<String>,
    pub from_name: Option<String>,
    pub to_address: Option<String>,
    pub subject: Option<String>,
    pub text: String,
    pub html: Option<String>,
    pub sent_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub attachments: Vec<AttachmentRecord>,
    /// Outgoing: the delivery status of its outbox row.
    pub status: Option<String>,
}

#[derive(Debug, Clone)]
pub struct AttachmentRecord {
    pub id: i64,
    pub email_id: i64,
    pub lead_id: i64,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    /// `None`: listed, not kept (too large).
    pub sha256: Option<String>,
}

#[derive(Debug, Clone)]
pub struct IgnoredMailRecord {
    pub id: i64,
    pub mailbox: String,
    pub uid: Option<i64>,
    pub message_id: Option<String>,
    pub from_address: Option<String>,
    pub subject: Option<String>,
    pub reason: String,
    pub at: Timestamp,
}

/// One event from the phone exchange, with what the HTTP edge already knows.
#[derive(Debug, Clone)]
pub struct CallIn {
    /// `generic` (the JSON hook) or `twilio`: call ids are unique per source.
    pub source: String,
    /// The delivery's id (`webhook-id`, Twilio's signature): a repeat changes nothing.
    pub webhook_id: Option<String>,
    pub event: pronto_domain::call::CallEvent,
    /// The customer's number (the caller, or whom we called) in E.164, when it is one.
    pub customer_phone: Option<pronto_domain::values::Phone>,
    /// The `source` of a lead the call starts (`phone`).
    pub source_label: String,
    /// The playbook of a lead the call starts (the default one when `None`).
    pub playbook: Option<String>,
    /// The mystery shopper's run, when the event carried its signed mark (checked by the edge).
    pub canary_run: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallResult {
    pub call: Option<i64>,
    pub lead: Option<i64>,
    /// The same delivery came before: nothing changed.
    pub duplicate: bool,
}

/// A call on the registry.
#[derive(Debug, Clone)]
pub struct CallRecord {
    pub id: i64,
    pub source: String,
    pub call_id: String,
    pub lead_id: Option<i64>,
    pub direction: String,
    pub from_number: Option<String>,
    pub to_number: Option<String>,
    /// `answered`, `missed`, `busy`, `failed`; none while ringing.
    pub resolution: Option<String>,
    pub started_at: Option<Timestamp>,
    pub answered_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
    pub duration_s: Option<i64>,
    pub answered_by: Option<i64>,
    /// Transfers as the exchange reported them (JSON).
    pub transfers: Value,
}

/// An SLA running on an open lead (`Store::slas_running`): the lead, who holds it and when
/// the SLA is breached unless someone responds.
#[derive(Debug, Clone)]
pub struct SlaRunning {
    pub sla: String,
    pub lead_id: i64,
    pub playbook: String,
    /// The contact's name (else e-mail, else phone).
    pub contact: Option<String>,
    pub owner: Option<String>,
    pub due_at: Timestamp,
}

/// A contact that looks like the person of a new inquiry (`Store::similar_contacts`).
#[derive(Debug, Clone)]
pub struct SimilarContact {
    pub id: i64,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    /// The company's registration number.
    pub company_id: Option<String>,
    /// Its phone numbers and e-mails as (kind, value): E.164 and lower case.
    pub identities: Vec<(String, String)>,
}

/// A row of the contacts list.
#[derive(Debug, Clone)]
pub struct ContactListItem {
    pub id: i64,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub leads: i64,
    /// The contact's newest inquiry.
    pub last_lead: Option<i64>,
}

/// A report's tallies per group value (see `pronto_domain::tally`).
#[derive(Debug, Clone, Default)]
pub struct ReportTallies {
    pub groups: std::collections::BTreeMap<String, pronto_domain::tally::Tally>,
    /// Computed from each lead's fact (exact percentiles), not from the daily tallies.
    pub exact: bool,
}

/// What the customer's page shows, read for a valid token: the lead as the customer may see
/// it and its history through the allow-list of `pronto_domain::tracking`.
#[derive(Debug, Clone)]
pub struct TrackingRecord {
    pub lead_id: i64,
    pub stage: String,
    pub status: String,
    pub playbook: String,
    pub playbook_version: i64,
    pub language: Option<String>,
    pub channel: String,
    pub received_at: Timestamp,
    /// When the lead entered its current stage.
    pub stage_entered_at: Timestamp,
    /// Every stage it has been in.
    pub reached: Vec<String>,
    /// The customer's own name as they gave it.
    pub contact_name: Option<String>,
    /// The owner's first name and role: all the customer learns of who takes care of them.
    pub owner_first_name: Option<String>,
    pub owner_role: Option<String>,
    /// The customer-safe history, oldest first.
    pub history: Vec<(Timestamp, pronto_domain::tracking::Happened)>,
}

/// Something the customer did on their page.
#[derive(Debug, Clone)]
pub enum CustomerAction {
    /// They wrote to us.
    Message { text: String },
    /// They asked to be called back at `at` (with an optional note).
    Callback { at: Timestamp, note: Option<String> },
    /// They sent a document (checked by the caller: size, type).
    Document { filename: String, content_type: String, bytes: Vec<u8> },
}

/// A document a customer sent, without its bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerFileRecord {
    pub id: i64,
    pub lead_id: i64,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: Timestamp,
}

/// One row to append to the audit log (the store stamps the time with its clock).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditEntry {
    /// The user who acted; `None` for someone not signed in (a failed sign-in).
    pub actor: Option<i64>,
    /// The actor's login and name as they were then (for a failed sign-in: the login tried).
    pub actor_login: Option<String>,
    pub actor_name: Option<String>,
    /// What happened: `sign_in.ok`, `access.denied`, `document.read`, …
    pub kind: String,
    /// What it happened to: `lead/7`, `user/3`, `webhook/2`, `messages/agency/new_lead/cs`.
    pub target: Option<String>,
    /// The client's address.
    pub ip: Option<String>,
    /// The rest, as JSON (`{"method": "GET", "path": "/api/v1/audit"}`).
    pub detail: Value,
}

/// A row of the audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    pub id: i64,
    pub at: Timestamp,
    pub actor: Option<i64>,
    pub actor_login: Option<String>,
    pub actor_name: Option<String>,
    pub kind: String,
    pub target: Option<String>,
    pub ip: Option<String>,
    pub detail: Value,
}

/// Which audit rows to list, newest first; `before` is the cursor (the last id of the
/// previous page).
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<i64>,
    /// A kind (`sign_in.failed`) or a group of kinds (`sign_in`: every `sign_in.*`).
    pub kind: Option<String>,
    /// At or after.
    pub from: Option<Timestamp>,
    /// Before.
    pub to: Option<Timestamp>,
    pub before: Option<i64>,
    pub limit: u32,
}

// ── Offers (issue 20) ──────────────────────────────────────────────────────────────────────

/// One line of an offer as stored: money as decimal text, exactly as computed when made.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferItemRecord {
    pub position: i64,
    pub sku: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub quantity: String,
    pub unit_price: String,
    pub discount: String,
    pub vat_rate: String,
    pub net: String,
    pub vat: String,
    pub gross: String,
    /// `in_stock`, `on_order` (with `available_on`), `not_available`, or not checked.
    pub availability: Option<String>,
    pub available_on: Option<String>,
}

/// One VAT rate's part of an offer.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferVatRecord {
    pub rate: String,
    pub base: String,
    pub vat: String,
}

/// An offer: one version of a lead's offer, its lines and totals.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OfferRecord {
    pub id: i64,
    pub lead_id: i64,
    pub version: i64,
    /// As stored: `draft`, `sent`, `accepted`, `declined`, `changes_requested`, `superseded`
    /// (see `pronto_domain::offer::effective_status` for `expired`).
    pub status: String,
    pub currency: String,
    pub net: String,
    pub vat: String,
    pub gross: String,
    pub vat_summary: Vec<OfferVatRecord>,
    /// The last day it is valid (`2026-12-31`).
    pub valid_until: String,
    /// The end of that day in the office's time zone.
    pub expires_at: Timestamp,
    pub delivery_date: Option<String>,
    pub cooperation: Option<String>,
    pub customer_provides: Option<String>,
    pub we_provide: Option<String>,
    pub note: Option<String>,
    pub created_at: Timestamp,
    pub created_by: Option<i64>,
    pub sent_at: Option<Timestamp>,
    pub sent_by: Option<i64>,
    pub decided_at: Option<Timestamp>,
    /// `accept`, `decline` or `changes`.
    pub decision: Option<String>,
    pub decision_note: Option<String>,
    pub superseded_by: Option<i64>,
    pub items: Vec<OfferItemRecord>,
}

/// How the customer is told an offer was sent: a message to their address, written by the
/// caller in the customer's language (with the link to their page).
#[derive(Debug, Clone, PartialEq)]
pub struct OfferMessage {
    /// `email` or `sms`.
    pub channel: String,
    pub address: String,
    pub subject: Option<String>,
    pub text: String,
}

// ── requisites (issue 21, helper "requisites") ──

/// The customer's requisites on a lead, as read without the passport data: `has_id_document`
/// says it is there (it is opened only by [`Store::reveal_id_document`](crate::Store), audited).
#[derive(Debug, Clone, PartialEq)]
pub struct RequisitesRecord {
    pub lead_id: i64,
    /// `b2c` or `b2b`.
    pub customer_type: String,
    pub full_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: String,
    pub has_id_document: bool,
    pub company: Option<String>,
    pub company_id: Option<String>,
    pub vat_id: Option<String>,
    pub contact_person: Option<String>,
    /// The VAT id's country (ISO 3166), when there is one.
    pub country: Option<String>,
    /// `staff`, `api` or `customer`.
    pub source: String,
    pub updated_at: Timestamp,
    pub updated_by: Option<i64>,
}
