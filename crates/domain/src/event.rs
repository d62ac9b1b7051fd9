//! Every domain event Pronto records, typed: one variant per kind, with the fields its stored
//! row carries. The event log (`events.kind`, `events.data`), the events API, webhooks, the live
//! feed and the timeline all speak this one vocabulary.
//!
//! On the wire an event is `{"kind": "lead.assigned", "data": {…}}` (serde, adjacently tagged),
//! exactly the stored row: [`DomainEvent::to_row`] gives the kind and the data JSON,
//! [`DomainEvent::from_row`] reads a stored row back (`None` for a kind this version does not
//! know, or a row of an older shape it cannot read: readers skip or show those raw).
//!
//! Field conventions, so the rows stay exactly what they were:
//! - `Option<T>` with `skip_serializing_if`: the key is left out when there is no value (the
//!   writer stripped nulls);
//! - plain `Option<T>`: the key is always there, `null` when there is no value;
//! - `Option<Option<T>>` with [`nullable`]: the key is absent, `null`, or a value (one kind
//!   written by several writers in different shapes).

use crate::effects::Event;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// What a by-playbook change says in `by`.
pub const BY_PLAYBOOK: &str = "playbook";

macro_rules! domain_events {
    ($( $(#[$doc:meta])* $kind:literal => $variant:ident $body:tt ),* $(,)?) => {
        /// One domain event; see the module documentation.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "kind", content = "data")]
        pub enum DomainEvent {
            $( $(#[$doc])* #[serde(rename = $kind)] $variant $body, )*
        }

        impl DomainEvent {
            /// Every kind, as stored.
            pub const KINDS: &'static [&'static str] = &[$($kind),*];

            /// The stored kind (`lead.assigned`).
            pub fn kind(&self) -> &'static str {
                match self {
                    $( DomainEvent::$variant { .. } => $kind, )*
                }
            }
        }
    };
}

domain_events! {
    // --- Leads -------------------------------------------------------------------------------
    /// A new lead, from any channel.
    "lead.received" => LeadReceived {
        #[serde(default = "web")]
        channel: String,
        #[serde(default)]
        contact_id: i64,
        #[serde(default)]
        contact_is_new: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        company_id: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        entered_by: Option<i64>,
        #[serde(default)]
        received_at: Timestamp,
    },
    /// A new owner: by hand (`from` is there, maybe null), at intake (`reason`) or by the
    /// playbook (`reason`, `by: playbook`).
    "lead.assigned" => LeadAssigned {
        #[serde(default, skip_serializing_if = "Option::is_none", with = "nullable")]
        from: Option<Option<i64>>,
        #[serde(default)]
        owner: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
    },
    /// The playbook took the owner away.
    "lead.unassigned" => LeadUnassigned { reason: String, by: String },
    /// The first activity that reached the customer.
    "lead.first_response" => LeadFirstResponse { activity_id: i64 },
    /// A new stage: by hand (`from`, `to`) or by the playbook (and `by`).
    "lead.stage_changed" => LeadStageChanged {
        #[serde(default)]
        from: Option<String>,
        to: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
    },
    /// A new status: by hand (`from`, `to`) or by the playbook (`to`, `by`).
    "lead.status_changed" => LeadStatusChanged {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<String>,
        to: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
    },
    /// Other fields edited by hand: field → its old and new value.
    "lead.updated" => LeadUpdated(BTreeMap<String, FromTo>),
    /// A new customer-page link; the old ones stop working.
    "tracking.revoked" => TrackingRevoked { generation: i64 },

    // --- Work: activities and tasks ----------------------------------------------------------
    /// An activity (call, e-mail, note …) on the lead; absent parts are left out.
    "activity.logged" => ActivityLogged {
        #[serde(default)]
        activity_id: i64,
        activity: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        direction: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        outcome: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        body: Option<String>,
    },
    /// A task. Three writers, three shapes: by the playbook (`kind`, `role`, `priority`,
    /// `attempt`), by hand and by the customer (`by`). See the `task_*` constructors.
    "task.created" => TaskCreated {
        task_id: i64,
        task: String,
        title: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
        #[serde(default)]
        assignee: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none", with = "nullable")]
        role: Option<Option<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        priority: Option<String>,
        due_at: Timestamp,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attempt: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
    },
    "task.rescheduled" => TaskRescheduled { task_id: i64, from: Timestamp, to: Timestamp },
    "task.completed" => TaskCompleted { task_id: i64, task: String, outcome: String, note: Option<String>, attempt: u32 },
    /// Open tasks closed by the playbook (`task`: of this kind only, or all).
    "task.cancelled" => TaskCancelled { task_ids: Vec<i64>, task: Option<String>, reason: String },
    "task.reassigned" => TaskReassigned { task_id: i64, from: Option<i64>, to: Option<i64>, reason: String },
    "task.retry" => TaskRetry { task: String, attempt: u32 },
    "task.retry_scheduled" => TaskRetryScheduled { task: String, attempt: u32, at: Timestamp, after: String },
    "task.retries_exhausted" => TaskRetriesExhausted { task: String, attempts: u32 },

    // --- The playbook's bookkeeping ----------------------------------------------------------
    "playbook.rule" => PlaybookRule { rule: String, on: String },
    "playbook.loop" => PlaybookLoop { reason: String },
    "playbook.loaded" => PlaybookLoaded { name: String, version: i64 },
    "sla.started" => SlaStarted { sla: String, title: String, due_at: Timestamp },
    /// `due_at` as the timer carried it.
    "sla.warning" => SlaWarning { sla: String, title: String, due_at: Option<Timestamp> },
    "sla.breached" => SlaBreached { sla: String, title: String, due_at: Option<Timestamp> },
    "sla.met" => SlaMet { sla: String, how: String },
    "escalation.step" => EscalationStep { escalation: String, step: u32, to: Vec<i64>, channel: String },
    "escalation.skipped" => EscalationSkipped { escalation: String, step: u32, reason: String },
    "escalation.stopped" => EscalationStopped { escalation: String },
    "assignment.failed" => AssignmentFailed { assignment: String, reason: String },
    "timer.fired" => TimerFired { timer_id: i64, timer: String, due_at: Timestamp },

    // --- Notifications -----------------------------------------------------------------------
    "notification.queued" => NotificationQueued { channel: String, user: Option<i64>, template: String, urgent: bool },
    "notification.skipped" => NotificationSkipped { template: String, reason: String },
    "notification.held" => NotificationHeld { user: i64, template: String, reason: String },
    "notification.redirected" => NotificationRedirected { user: i64, template: String, reason: String, escalation: String },
    "notification.deferred" => NotificationDeferred { user: i64, template: String, until: Timestamp, reason: String },
    "notification.sent" => NotificationSent {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provider_id: Option<String>,
        #[serde(flatten)]
        of: Delivery,
    },
    "notification.delivered" => NotificationDelivered {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        provider_id: Option<String>,
        #[serde(flatten)]
        of: Delivery,
    },
    /// `retry_at` is the time in microseconds since the epoch, as text (as it always was).
    "notification.retrying" => NotificationRetrying {
        error: String,
        retry_at: String,
        #[serde(flatten)]
        of: Delivery,
    },
    "notification.failed" => NotificationFailed {
        error: String,
        #[serde(flatten)]
        of: Delivery,
    },
    "notification.requeued" => NotificationRequeued { notification_id: i64, channel: String },
    "notification.test" => NotificationTest { channel: String, address: String, notification_id: i64 },

    // --- Contacts ----------------------------------------------------------------------------
    "contact.possible_duplicate" => ContactPossibleDuplicate { contact_id: i64, other_contact_id: i64 },
    "contact.merged" => ContactMerged { kept: i64, merged: i64, leads_moved: Vec<i64> },
    /// A merge undone: the leads, activities, phones and e-mails it moved are `merged`'s again.
    "contact.unmerged" => ContactUnmerged { kept: i64, merged: i64, leads_moved: Vec<i64> },
    /// A contact detail learnt elsewhere (`from`: where).
    "contact.updated" => ContactUpdated { phone: String, from: String },

    // --- The customer's page -----------------------------------------------------------------
    "customer.callback" => CustomerCallback { at: Timestamp, task_id: i64 },
    /// Somebody marked what the customer sent from their page answered (up to activity
    /// `activity_id`) without writing or calling: the card stops showing it on top.
    "customer.answered" => CustomerAnswered { activity_id: i64 },
    "customer.document" => CustomerDocument {
        #[serde(default)]
        file_id: i64,
        filename: String,
        #[serde(default)]
        content_type: String,
        #[serde(default)]
        size: i64,
    },

    // --- Mail and calls ----------------------------------------------------------------------
    "email.received" => EmailReceived {
        email_id: i64,
        from: Option<String>,
        subject: Option<String>,
        reply: bool,
        attachments: u64,
        /// Only on the e-mail that made a new lead.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        mailbox: Option<String>,
    },
    "email.ignored" => EmailIgnored { mailbox: String, from: Option<String>, subject: Option<String>, reason: String },
    /// An e-mail written in Pronto waits in the outbox (it is sent, and a response, once it left).
    "email.queued" => EmailQueued { email_id: i64, to: String, subject: String },
    "email.sent" => EmailSent { email_id: i64, to: String, subject: String },
    "mailbox.reset" => MailboxReset { mailbox: String, uidvalidity: i64, was: i64 },
    "mailbox.failed" => MailboxFailed { mailbox: String, error: String, admins: u64 },
    "mailbox.recovered" => MailboxRecovered { mailbox: String },
    "call.event" => CallEvent { call: i64, event: String, direction: String, at: Timestamp, duration_s: Option<i64> },
    "report.sent" => ReportSent { report: String, from: Timestamp, to: Timestamp, recipients: u64 },

    // --- Offers (issue 20) -------------------------------------------------------------------
    /// A new offer (version `version`); `superseded` lists the earlier versions it replaced.
    "offer.created" => OfferCreated { offer_id: i64, version: i64, gross: String, currency: String, superseded: Vec<i64> },
    /// The offer went to the customer (an e-mail with the link to their page).
    "offer.sent" => OfferSent { offer_id: i64, version: i64, to: Option<String> },
    /// The customer decided on their page: `accept`, `decline` or `changes`.
    "offer.decided" => OfferDecided { offer_id: i64, version: i64, decision: String, note: Option<String> },

    // --- Requisites (issue 21) ----------------------------------------------------------------
    /// The customer's requisites were entered or changed: `customer_type` `b2c` or `b2b`;
    /// `source` `staff`, `api` or `customer` (on their page). Never the values themselves.
    "requisites.received" => RequisitesReceived { customer_type: String, source: String },
    // --- Invoices (issue 21, invoices) ---------------------------------------------------------
    /// An invoice was issued for an accepted offer; `contract` when a contract goes with it (a
    /// legal entity); `to` is where the customer's message went.
    "invoice.issued" => InvoiceIssued {
        invoice_id: i64,
        offer_id: i64,
        number: String,
        gross: String,
        currency: String,
        due_date: String,
        contract: bool,
        to: Option<String>,
    },
    // --- The supplier's purchase (issue 21, purchases) ------------------------------------------
    /// The supplier's invoice was asked for: a purchase of `lines` lines of the accepted offer
    /// from `supplier`.
    "purchase.requested" => PurchaseRequested { purchase_id: i64, offer_id: Option<i64>, supplier: String, lines: i64 },
    /// The supplier's invoice arrived and is attached (the file sealed): its number and amount.
    "purchase.invoice_received" => PurchaseInvoiceReceived {
        purchase_id: i64,
        supplier: String,
        number: String,
        amount: String,
        currency: String,
        filename: String,
    },
    /// A manager let the customer's invoice be issued without the supplier's invoice: why.
    "purchase.overridden" => PurchaseOverridden { purchase_id: i64, supplier: String, reason: String },
    /// Management paid the supplier's invoice.
    "purchase.paid" => PurchasePaid { purchase_id: i64, supplier: String },

    // --- Deliveries and complaints (issue 21, delivery) ---------------------------------------
    /// A delivery was planned for `date` (the office's day); the driver's pack is made at
    /// `pack_at` (the evening before, or at once on the day).
    "delivery.planned" => DeliveryPlanned { delivery_id: i64, date: String, driver: Option<String>, pack_at: Timestamp },
    /// The driver's pack is ready: the documents it holds (`invoice`, `vat_invoice`,
    /// `delivery_note`).
    "delivery.pack_ready" => DeliveryPackReady { delivery_id: i64, date: String, documents: Vec<String> },
    /// The goods were delivered at `at`.
    "delivery.done" => DeliveryDone { delivery_id: i64, at: Timestamp },
    /// A negative quality call recorded a complaint (its text is in the complaints table).
    "complaint.recorded" => ComplaintRecorded { complaint_id: i64, task_id: i64, owner_id: Option<i64>, channel: String },
    /// A complaint was resolved (the note is in the complaints table).
    "complaint.resolved" => ComplaintResolved { complaint_id: i64 },
    // --- Payments (issue 21, payments) ---------------------------------------------------------
    /// A payment was recorded on an invoice (`source`: `manual`, `api`, `import`); `paid` is the
    /// invoice's total paid after it, `left` what is still to pay.
    "payment.recorded" => PaymentRecorded {
        invoice_id: i64,
        payment_id: i64,
        number: String,
        amount: String,
        currency: String,
        paid: String,
        left: String,
        source: String,
    },
    /// The invoice is paid in full; `to` is where the customer's message went.
    "invoice.paid" => InvoicePaid { invoice_id: i64, number: String, gross: String, currency: String, to: Option<String> },
    /// A bank statement was imported: its lines, how many became payments, how many wait for review.
    "payments.imported" => StatementImported { statement_id: i64, format: String, lines: i64, matched: i64, unmatched: i64 },
    /// A statement line in review was assigned to an invoice (`decision = assigned`) or dismissed.
    "payments.reviewed" => StatementLineReviewed { line_id: i64, decision: String, invoice_id: Option<i64> },
    /// An unpaid invoice's dunning step fired (`step`: `reminder`, `escalation`).
    "invoice.overdue" => InvoiceOverdue { invoice_id: i64, number: String, step: String, left: String },

    // --- Users, sessions, tokens, settings ---------------------------------------------------
    "user.created" => UserCreated { user_id: i64, login: String, role: String },
    /// What changed: a key per field given; `hours`, `phone`, `email` and `language` may be
    /// `null` (cleared).
    "user.updated" => UserUpdated {
        user_id: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        presence: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none", with = "nullable")]
        hours: Option<Option<Value>>,
        #[serde(default, skip_serializing_if = "Option::is_none", with = "nullable")]
        phone: Option<Option<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none", with = "nullable")]
        email: Option<Option<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none", with = "nullable")]
        language: Option<Option<String>>,
    },
    "user.role_changed" => UserRoleChanged { user_id: i64, from: String, to: String },
    "user.deactivated" => UserDeactivated {
        user_id: i64,
        leads: i64,
        tasks: i64,
        reassigned: i64,
        sessions_ended: i64,
        tokens_revoked: i64,
    },
    "user.reactivated" => UserReactivated { user_id: i64 },
    "user.password_changed" => UserPasswordChanged { user_id: i64, sessions_ended: i64, tokens_revoked: i64 },
    "user.password_reset" => UserPasswordReset { user_id: i64, sessions_ended: i64, tokens_revoked: i64 },
    "session.started" => SessionStarted { user_id: i64 },
    "token.created" => TokenCreated { user_id: i64, token_id: i64, name: String, expires_at: Option<Timestamp> },
    "token.revoked" => TokenRevoked { user_id: i64, token_id: i64 },
    "webhook.created" => WebhookCreated { webhook_id: i64, url: String, events: Vec<String> },
    "webhook.deleted" => WebhookDeleted { webhook_id: i64 },
    "message.changed" => MessageChanged { playbook: String, template: String, language: String },
    "message.reset" => MessageReset { playbook: String, template: String, language: String },
}

fn web() -> String {
    "web".to_owned()
}

/// One field's old and new value (`lead.updated`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FromTo {
    pub from: Value,
    pub to: Value,
}

/// Which notification a delivery event is about (`notification.sent`, `.delivered`,
/// `.retrying`, `.failed`); `user` is left out for a notification to an address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delivery {
    pub notification_id: i64,
    pub channel: String,
    pub template: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<i64>,
    pub attempt: i64,
}

/// A key that is absent (`None`), `null` (`Some(None)`) or a value (`Some(Some(v))`); use with
/// `#[serde(default, skip_serializing_if = "Option::is_none", with = "nullable")]`.
pub mod nullable {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(v: &Option<Option<T>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(d).map(Some)
    }
}

impl DomainEvent {
    /// The stored row: the kind and the data JSON.
    pub fn to_row(&self) -> Event {
        let Value::Object(mut m) = serde_json::to_value(self).expect("a domain event is plain JSON") else {
            unreachable!("an adjacently tagged enum serialises as an object")
        };
        let data = m.remove("data").unwrap_or(Value::Object(Default::default()));
        Event { kind: self.kind(), data }
    }

    /// Reads a stored row back; `None` for a kind this version does not know or data it
    /// cannot read (rows of other versions): never a panic.
    pub fn from_row(kind: &str, data: &Value) -> Option<DomainEvent> {
        if !DomainEvent::KINDS.contains(&kind) {
            return None;
        }
        let row = serde_json::json!({ "kind": kind, "data": data });
        serde_json::from_value(row).ok()
    }

    /// An owner given with the lead at intake.
    pub fn assigned_at_intake(owner: i64) -> DomainEvent {
        DomainEvent::LeadAssigned { from: None, owner: Some(owner), reason: Some("given at intake".into()), by: None }
    }

    /// An owner the playbook chose (an assignment, a hand-over), and why.
    pub fn assigned_by_playbook(owner: i64, reason: String) -> DomainEvent {
        DomainEvent::LeadAssigned { from: None, owner: Some(owner), reason: Some(reason), by: Some(BY_PLAYBOOK.into()) }
    }

    /// The playbook took the owner away.
    pub fn unassigned_by_playbook(reason: String) -> DomainEvent {
        DomainEvent::LeadUnassigned { reason, by: BY_PLAYBOOK.into() }
    }

    /// A stage the playbook moved the lead to.
    pub fn stage_by_playbook(from: &str, to: &str) -> DomainEvent {
        DomainEvent::LeadStageChanged { from: Some(from.to_owned()), to: to.to_owned(), by: Some(BY_PLAYBOOK.into()) }
    }

    /// A status the playbook set (with a closing stage).
    pub fn status_by_playbook(to: &str) -> DomainEvent {
        DomainEvent::LeadStatusChanged { from: None, to: to.to_owned(), by: Some(BY_PLAYBOOK.into()) }
    }

    /// A task the playbook created.
    #[allow(clippy::too_many_arguments)]
    pub fn task_by_playbook(
        task_id: i64,
        task: &str,
        title: &str,
        kind: &str,
        assignee: Option<i64>,
        role: Option<&str>,
        priority: &str,
        due_at: Timestamp,
        attempt: u32,
    ) -> DomainEvent {
        DomainEvent::TaskCreated {
            task_id,
            task: task.to_owned(),
            title: title.to_owned(),
            kind: Some(kind.to_owned()),
            assignee,
            role: Some(role.map(str::to_owned)),
            priority: Some(priority.to_owned()),
            due_at,
            attempt: Some(attempt),
            by: None,
        }
    }

    /// A task somebody created by hand (the task `manual`).
    pub fn task_by_hand(task_id: i64, title: &str, assignee: Option<i64>, due_at: Timestamp) -> DomainEvent {
        DomainEvent::TaskCreated {
            task_id,
            task: "manual".into(),
            title: title.to_owned(),
            kind: None,
            assignee,
            role: None,
            priority: None,
            due_at,
            attempt: None,
            by: Some("hand".into()),
        }
    }

    /// The call-back the customer asked for on their page (the task `customer_callback`).
    pub fn task_for_customer(task_id: i64, title: &str, assignee: Option<i64>, due_at: Timestamp) -> DomainEvent {
        DomainEvent::TaskCreated {
            task_id,
            task: "customer_callback".into(),
            title: title.to_owned(),
            kind: None,
            assignee,
            role: None,
            priority: None,
            due_at,
            attempt: None,
            by: Some("customer".into()),
        }
    }

    /// The outcome of one delivery attempt: `delivered` or `sent` with the provider's id.
    pub fn notification_sent(delivered: bool, provider_id: Option<String>, of: Delivery) -> DomainEvent {
        if delivered { DomainEvent::NotificationDelivered { provider_id, of } } else { DomainEvent::NotificationSent { provider_id, of } }
    }

    /// A password set by its owner or reset by an admin (`must_change`).
    pub fn password_set(must_change: bool, user_id: i64, sessions_ended: i64, tokens_revoked: i64) -> DomainEvent {
        if must_change {
            DomainEvent::UserPasswordReset { user_id, sessions_ended, tokens_revoked }
        } else {
            DomainEvent::UserPasswordChanged { user_id, sessions_ended, tokens_revoked }
        }
    }

    /// A message override set, or removed (`reset`).
    pub fn message_set(reset: bool, playbook: &str, template: &str, language: &str) -> DomainEvent {
        let (playbook, template, language) = (playbook.to_owned(), template.to_owned(), language.to_owned());
        if reset {
            DomainEvent::MessageReset { playbook, template, language }
        } else {
            DomainEvent::MessageChanged { playbook, template, language }
        }
    }

    /// The channel of the notification this event is about, for the `notification.*` kinds
    /// that name one.
    pub fn notification_channel(&self) -> Option<&str> {
        use DomainEvent::*;
        match self {
            NotificationQueued { channel, .. } | NotificationRequeued { channel, .. } | NotificationTest { channel, .. } => Some(channel),
            NotificationSent { of, .. }
            | NotificationDelivered { of, .. }
            | NotificationRetrying { of, .. }
            | NotificationFailed { of, .. } => Some(&of.channel),
            _ => None,
        }
    }

    /// Whether this event is about a task (the live feed tells its assignee).
    pub fn is_about_a_task(&self) -> bool {
        use DomainEvent::*;
        matches!(
            self,
            TaskCreated { .. }
                | TaskRescheduled { .. }
                | TaskCompleted { .. }
                | TaskCancelled { .. }
                | TaskReassigned { .. }
                | TaskRetry { .. }
                | TaskRetryScheduled { .. }
                | TaskRetriesExhausted { .. }
        )
    }
}

impl From<DomainEvent> for Event {
    fn from(e: DomainEvent) -> Event {
        e.to_row()
    }
}

impl From<&DomainEvent> for Event {
    fn from(e: &DomainEvent) -> Event {
        e.to_row()
    }
}

#[cfg(test)]
#[path = "event_tests.rs"]
mod tests;
