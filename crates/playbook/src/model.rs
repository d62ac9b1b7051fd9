//! A validated playbook: the typed form of the TOML file. Every reference in it (stage, task,
//! template, pool, retry schedule, escalation chain, SLA, calendar, timer) has been checked by
//! [`crate::parse`], so the engine can index without failing.

use jiff::SignedDuration;
use jiff::civil::Time;
use pronto_domain::calendar::Calendar;
use pronto_domain::lead::{Channel, CustomerType, LeadStatus};
use pronto_domain::user::Role;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct Playbook {
    pub name: String,
    pub title: String,
    pub description: String,
    /// The customers' language when a lead does not say (`cs` for a Czech company); else the
    /// team's default language.
    pub language: Option<String>,
    /// The languages its stages, outcomes and SLAs have titles in (`languages = [...]`; see
    /// `messages::Named`); checked by `parse`.
    pub languages: Vec<String>,
    /// The calendar used for business time and the `time` condition.
    pub calendar: Calendar,
    /// The calendar's id in the file, shown in the API.
    pub calendar_id: String,
    pub calendars: BTreeMap<String, Calendar>,
    /// In the file's order; the first is where every lead starts.
    pub stages: Vec<StageDef>,
    pub templates: BTreeMap<String, Template>,
    pub tasks: BTreeMap<String, TaskDef>,
    pub retries: BTreeMap<String, RetryDef>,
    pub pools: BTreeMap<String, PoolDef>,
    pub escalations: BTreeMap<String, EscalationDef>,
    pub slas: BTreeMap<String, SlaDef>,
    pub rules: Vec<Rule>,
    /// The standard times of the deal's milestones shown on the customer's page (`[deal]`,
    /// issue 21); each optional, none when the playbook does not say.
    pub deal: DealTimes,
}

impl Playbook {
    pub fn first_stage(&self) -> &str {
        &self.stages[0].id
    }
    pub fn stage(&self, id: &str) -> Option<&StageDef> {
        self.stages.iter().find(|s| s.id == id)
    }
    pub fn stage_ids(&self) -> Vec<&str> {
        self.stages.iter().map(|s| s.id.as_str()).collect()
    }
    /// Whether moving a lead into `stage` is working the deal rather than the intake (see
    /// `pronto_domain::user::Action::WorkDeal`): the intake is the first stage and the stages
    /// it leads to directly; every later stage, and closing as won, is the deal. An unknown
    /// stage is neither (the move is refused for that).
    pub fn is_deal_stage(&self, stage: &str) -> bool {
        let Some(s) = self.stage(stage) else { return false };
        if s.status == Some(LeadStatus::Won) {
            return true;
        }
        let first = &self.stages[0];
        s.id != first.id && !first.next.contains(&s.id)
    }

    /// Whether a lead in stage `from` may be moved to `to` by hand: the stages the playbook
    /// says come next (`next`) may; any other only with an override (`may_override`: an
    /// admin), which the caller records. A stage the playbook no longer has (`from`) does not
    /// hold the lead back; an unknown `to` is refused elsewhere with its own message.
    pub fn stage_move(&self, from: &str, to: &str, may_override: bool) -> StageMove {
        if from == to {
            return StageMove::Stay;
        }
        let Some(target) = self.stage(to) else { return StageMove::Unknown };
        match self.stage(from) {
            None => StageMove::Follows,
            Some(f) if f.next.contains(&target.id) => StageMove::Follows,
            Some(_) if may_override => StageMove::Override,
            Some(f) => StageMove::Refused { allowed: f.next.clone() },
        }
    }
}

/// What moving a lead from one stage to another by hand is (see [`Playbook::stage_move`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StageMove {
    /// It is in that stage already.
    Stay,
    /// The playbook's `next`.
    Follows,
    /// Not what the playbook says, allowed to an admin, recorded as an override.
    Override,
    /// Not allowed: the stages that are.
    Refused { allowed: Vec<String> },
    /// The playbook has no such stage.
    Unknown,
}

#[derive(Debug, Clone)]
pub struct StageDef {
    pub id: String,
    pub title: String,
    pub description: String,
    /// The lead's status once it enters this stage (`won`, `lost`), if the stage ends the lead.
    pub status: Option<LeadStatus>,
    /// The stages a lead may move on to: what the diagram draws and reachability follows.
    pub next: Vec<String>,
    /// What the customer sees of this stage on their page; `None` when the playbook has no
    /// customer texts at all (the page then shows generic steps).
    pub customer: Option<CustomerStage>,
}

/// A stage as the customer sees it (`[stages.customer]`).
#[derive(Debug, Clone, Default)]
pub struct CustomerStage {
    /// An internal step: the customer sees the visible step before it.
    pub hidden: bool,
    /// The standard time of what comes next, counted from entering this stage.
    pub expect: Option<Expect>,
    /// Who takes care of the customer in this step.
    pub who: Option<Role>,
    /// By language code: the step's title and description in the customer's words.
    pub texts: BTreeMap<String, CustomerText>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerText {
    pub title: String,
    pub description: String,
}

/// A standard time the customer is promised: `15m`, `1h`, `2d` (wall clock), `10bm`, `1bh`,
/// `2bd` (working time on the playbook's calendar; days end at the day's close).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expect {
    pub amount: u32,
    pub unit: ExpectUnit,
    pub working: bool,
}

/// `[deal]`: how long each milestone of the deal usually takes, counted from the one before it
/// (`requisites` from the accepted offer, `invoice` from the details, `payment` from the invoice,
/// `delivery` — the delivery date agreed — from the payment, `delivered` from the delivery date
/// agreed). Shown to the customer; never invented when missing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DealTimes {
    pub requisites: Option<Expect>,
    pub invoice: Option<Expect>,
    pub payment: Option<Expect>,
    pub delivery: Option<Expect>,
    pub delivered: Option<Expect>,
}

impl DealTimes {
    /// The keys of `[deal]`, in the deal's order.
    pub const KEYS: [&'static str; 5] = ["requisites", "invoice", "payment", "delivery", "delivered"];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpectUnit {
    Minutes,
    Hours,
    Days,
}

/// A message text with `{placeholders}`; `subject` for e-mail.
#[derive(Debug, Clone)]
pub struct Template {
    pub text: String,
    pub subject: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

impl Priority {
    pub const WORDS: &'static [&'static str] = &["low", "normal", "high", "urgent"];
    pub fn as_str(self) -> &'static str {
        Self::WORDS[self as usize]
    }
    pub fn parse(s: &str) -> Option<Priority> {
        Some(match s {
            "low" => Priority::Low,
            "normal" => Priority::Normal,
            "high" => Priority::High,
            "urgent" => Priority::Urgent,
            _ => return None,
        })
    }
}

/// When something is due, counted from the moment the action runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Wall-clock time: `"15m"`, `"1h"`, `"2d"`.
    After(SignedDuration),
    /// Working time on the calendar: `"10bm"`, `"1bh"`; `"0bm"` is the next working moment.
    AfterBusiness(SignedDuration),
    /// The next working moment at or after this local time: `"10:00"`.
    At(Time),
}

/// Who an assignment, a task or a notification goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// The lead's owner.
    Owner,
    /// Whoever entered the lead by hand.
    EnteredBy,
    /// Whoever did what the rule reacts to (took the call, logged the activity, completed the
    /// task); the owner when nobody did.
    Actor,
    /// One user, by login.
    User(String),
    /// Everyone with the role (notifications), or the role as a queue (tasks).
    Role(Role),
    /// The customer (notifications only).
    Customer,
}

#[derive(Debug, Clone)]
pub struct TaskDef {
    pub id: String,
    pub title: String,
    /// `call`, `email`, `meeting`, `todo`.
    pub kind: String,
    pub assignee: Who,
    pub priority: Priority,
    pub due: Due,
    /// Markdown shown beside the task.
    pub script: Option<String>,
    /// The outcomes a person may complete it with.
    pub outcomes: Vec<String>,
    /// The retry schedule that runs on a failed attempt.
    pub retry: Option<String>,
    /// The task is moot once the customer has been reached (cancelled with its retries).
    pub until_response: bool,
    /// A response to the customer (a reached call, an e-mail that left, a meeting) completes
    /// the task with this outcome, and its `task.completed` rules run, instead of cancelling it.
    pub response_outcome: Option<String>,
    /// The task's part in the lead's offer (issue 20): `prepare` opens the offer editor and is
    /// done (`done`) when a new version of the offer is made; `send` sends the latest draft
    /// and is done (`sent`) when an offer goes to the customer.
    pub offer: Option<OfferWork>,
    /// The outcome that records a complaint (issue 21, quality): completing the task with it
    /// needs a note — the complaint's substance —, and the complaint goes to management's table
    /// in the same transaction (the distributor's quality call: `negative`).
    pub complaint: Option<String>,
}

/// What a task does with the lead's offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferWork {
    /// Prepare it in the offer editor; a new version completes the task with `done`.
    Prepare,
    /// Present and send it; the offer sent completes the task with `sent`.
    Send,
}

impl OfferWork {
    pub const WORDS: &'static [&'static str] = &["prepare", "send"];
    pub fn parse(s: &str) -> Option<OfferWork> {
        match s {
            "prepare" => Some(OfferWork::Prepare),
            "send" => Some(OfferWork::Send),
            _ => None,
        }
    }
    /// The outcome the offer's step completes the task with.
    pub fn outcome(self) -> &'static str {
        match self {
            OfferWork::Prepare => "done",
            OfferWork::Send => "sent",
        }
    }
    /// The offer trigger that completes such a task.
    pub fn completed_by(self) -> TriggerKind {
        match self {
            OfferWork::Prepare => TriggerKind::OfferCreated,
            OfferWork::Send => TriggerKind::OfferSent,
        }
    }
}

#[derive(Debug, Clone)]
pub struct RetryDef {
    pub id: String,
    /// Delay before each further attempt; its length is how many retries there are.
    pub after: Vec<Due>,
    /// Outcomes that count as a failed attempt.
    pub on: Vec<String>,
    /// What happens when the last retry failed too.
    pub exhausted: Vec<Action>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    Fixed,
    RoundRobin,
    LeastLoaded,
    Roster,
}

impl Strategy {
    pub const WORDS: &'static [&'static str] = &["fixed", "round_robin", "least_loaded", "roster"];
    pub fn as_str(self) -> &'static str {
        Self::WORDS[self as usize]
    }
}

#[derive(Debug, Clone)]
pub struct PoolRule {
    pub when: Conditions,
    pub target: Who,
}

#[derive(Debug, Clone)]
pub struct RosterEntry {
    /// Monday-first flags.
    pub days: [bool; 7],
    pub from: Time,
    pub to: Time,
    pub user: String,
}

#[derive(Debug, Clone)]
pub struct PoolDef {
    pub id: String,
    pub strategy: Strategy,
    pub role: Option<Role>,
    pub user: Option<String>,
    /// Tried in order before the strategy; the first whose conditions hold decides.
    pub rules: Vec<PoolRule>,
    pub roster: Vec<RosterEntry>,
    /// Keep an owner the lead already has (given by the API or entered by that person).
    pub keep_owner: bool,
}

#[derive(Debug, Clone)]
pub struct EscalationStep {
    pub notify: Who,
    pub channel: String,
    pub template: String,
    /// Give the lead's open tasks to this person too.
    pub hand_over: bool,
    /// How long this person has to react before the next step; none on the last step.
    pub ack_within: Option<Due>,
}

#[derive(Debug, Clone)]
pub struct EscalationDef {
    pub id: String,
    pub steps: Vec<EscalationStep>,
    pub until: Until,
}

/// What ends a running SLA or escalation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Until {
    /// The customer was reached (a response: reached call, outgoing e-mail or SMS, meeting).
    Response,
    /// Someone reacted: any outgoing attempt (a call with any outcome, an e-mail, an SMS, a
    /// meeting) or a completed task.
    Reaction,
    /// The lead entered this stage.
    Stage(String),
    /// A task made from this definition was completed.
    Task(String),
}

#[derive(Debug, Clone)]
pub struct SlaDef {
    pub id: String,
    pub title: String,
    pub within: Due,
    pub warn_before: Option<SignedDuration>,
    pub until: Until,
    pub on_warning: Vec<Action>,
    pub on_breach: Vec<Action>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerKind {
    LeadReceived,
    StageEntered,
    TaskCompleted,
    ActivityLogged,
    TimerElapsed,
    FieldChanged,
    /// An offer went to the customer.
    OfferSent,
    /// The customer accepted an offer on their page.
    OfferAccepted,
    /// The customer declined an offer.
    OfferDeclined,
    /// The customer asked for changes (a smaller offer, …).
    OfferChangesRequested,
    /// A new version of the lead's offer was made (a draft).
    OfferCreated,
    /// The customer's requisites were entered or changed (issue 21: by staff, the API or the
    /// customer on their page).
    RequisitesReceived,
    /// An invoice was issued (issue 21, invoices): the documents went to the customer.
    InvoiceIssued,
    /// A delivery was made (issue 21, delivery): the goods are with the customer.
    DeliveryDone,
    /// An invoice was paid in full (issue 21, payments): the customer has been told.
    InvoicePaid,
    /// The supplier's invoice was asked for: a purchase from one supplier (issue 21, purchases).
    PurchaseRequested,
    /// The supplier's invoice arrived and is attached to the purchase.
    PurchaseInvoiceReceived,
    /// Management paid the supplier's invoice.
    PurchasePaid,
}

impl TriggerKind {
    pub const WORDS: &'static [&'static str] = &[
        "lead.received",
        "stage.entered",
        "task.completed",
        "activity.logged",
        "timer.elapsed",
        "field.changed",
        "offer.sent",
        "offer.accepted",
        "offer.declined",
        "offer.changes_requested",
        "offer.created",
        "requisites.received",
        "invoice.issued",
        "delivery.done",
        "invoice.paid",
        "purchase.requested",
        "purchase.invoice_received",
        "purchase.paid",
    ];
    /// The triggers of an offer's life.
    pub const OFFERS: &'static [TriggerKind] = &[
        TriggerKind::OfferSent,
        TriggerKind::OfferAccepted,
        TriggerKind::OfferDeclined,
        TriggerKind::OfferChangesRequested,
        TriggerKind::OfferCreated,
    ];
    pub fn as_str(self) -> &'static str {
        Self::WORDS[self as usize]
    }
    pub fn parse(s: &str) -> Option<TriggerKind> {
        Self::WORDS.iter().position(|w| *w == s).map(|i| {
            [
                TriggerKind::LeadReceived,
                TriggerKind::StageEntered,
                TriggerKind::TaskCompleted,
                TriggerKind::ActivityLogged,
                TriggerKind::TimerElapsed,
                TriggerKind::FieldChanged,
                TriggerKind::OfferSent,
                TriggerKind::OfferAccepted,
                TriggerKind::OfferDeclined,
                TriggerKind::OfferChangesRequested,
                TriggerKind::OfferCreated,
                TriggerKind::RequisitesReceived,
                TriggerKind::InvoiceIssued,
                TriggerKind::DeliveryDone,
                TriggerKind::InvoicePaid,
                TriggerKind::PurchaseRequested,
                TriggerKind::PurchaseInvoiceReceived,
                TriggerKind::PurchasePaid,
            ][i]
        })
    }
}

/// Who entered the lead, relative to its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnteredBy {
    /// Nobody: it came in by itself (form, mail, exchange).
    Nobody,
    /// The owner entered it.
    Owner,
    /// A colleague entered it for the owner.
    Other,
}

/// A postal-code test: a prefix (`"1"`, `"110"`) or an inclusive numeric range of prefixes
/// (`"100-199"`, compared on as many leading digits as the bounds have).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostalMatch {
    Prefix(String),
    Range { digits: usize, from: u64, to: u64 },
}

impl PostalMatch {
    pub fn matches(&self, code: &str) -> bool {
        let digits: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        match self {
            PostalMatch::Prefix(p) => digits.to_ascii_uppercase().starts_with(&p.to_ascii_uppercase()),
            PostalMatch::Range { digits: n, from, to } => {
                digits.len() >= *n && digits[..*n].parse::<u64>().is_ok_and(|v| (*from..=*to).contains(&v))
            }
        }
    }
}

/// Every condition that is set must hold; a list holds when any of its items does.
#[derive(Debug, Clone, Default)]
pub struct Conditions {
    pub channel: Vec<Channel>,
    pub has_phone: Option<bool>,
    pub has_email: Option<bool>,
    pub customer_type: Vec<CustomerType>,
    /// `Some(false)`: the customer type is not known.
    pub customer_type_known: Option<bool>,
    pub postal_code: Vec<PostalMatch>,
    pub product: Vec<String>,
    pub source: Vec<String>,
    pub language: Vec<String>,
    pub entered_by: Vec<EnteredBy>,
    pub entered_by_role: Vec<Role>,
    /// `Some(true)`: now is working time on the playbook's calendar; `Some(false)`: it is not.
    pub working_time: Option<bool>,
    /// Local time-of-day windows, `[from, to)`.
    pub hours: Vec<(Time, Time)>,
    pub stage: Vec<String>,
    pub task: Vec<String>,
    pub outcome: Vec<String>,
    pub activity: Vec<String>,
    pub direction: Vec<String>,
    /// The activity is a response to the customer.
    pub response: Option<bool>,
    /// The lead has had its first response (`Some(true)`) or not yet (`Some(false)`).
    pub responded: Option<bool>,
    pub timer: Vec<String>,
    pub field: Vec<String>,
    /// `offer.*` rules: the lead's declined offers (this one included) are at least this many.
    pub min_refusals: Option<u32>,
    /// `offer.*` rules: … at most this many.
    pub max_refusals: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct Rule {
    /// `rules[3]` or the rule's `id`; named on the timeline.
    pub id: String,
    pub on: TriggerKind,
    pub when: Conditions,
    /// The rules above it (same trigger) whose actions its conditions read: it runs after
    /// them and depends on that (checked by [`crate::parse`]).
    pub after: Vec<String>,
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone)]
pub enum Action {
    Assign { pool: String },
    Task { task: String, assignee: Option<Who>, due: Option<Due> },
    CancelTasks { task: Option<String> },
    Notify { who: Who, channel: String, template: String, urgent: bool, fallback: Option<String> },
    Stage { stage: String },
    SetTimer { timer: String, due: Due },
    CancelTimer { timer: String },
    Webhook { url: String, template: Option<String> },
    Escalate { chain: String },
    StopEscalation { chain: String },
    StartSla { sla: String },
    StopSla { sla: String },
}

/// Notification channels a playbook may use.
pub const CHANNELS: &[&str] = &["sms", "email", "in_app", "webhook"];
/// Kinds of task.
pub const TASK_KINDS: &[&str] = &["call", "email", "meeting", "todo"];
/// Outcomes every call task knows, besides the playbook's own words.
pub const CALL_OUTCOMES: &[&str] = &["reached", "no_answer", "busy", "failed"];

/// What the phone exchange reports about incoming calls (activity outcomes rules can match).
pub const INCOMING_CALL_OUTCOMES: &[&str] = &["missed", "transferred", "manager_busy"];
