//! The engine: a pure function of (playbook, lead, trigger, now, directory) → commands.
//!
//! It reads nothing and writes nothing; the store hands it the lead's state and the directory
//! of users, applies the commands it returns in the same transaction as the change that
//! triggered it, and so the whole process can be tested and replayed with a virtual clock.
//!
//! Timers the engine sets are named by what they are for: `t:NAME` (a playbook timer),
//! `retry:TASK` (the next attempt), `esc:CHAIN` (the next escalation step), `sla:ID:warn` and
//! `sla:ID:breach`.

use crate::model::*;
use jiff::civil::Time;
use jiff::{SignedDuration, Timestamp};
use pronto_domain::DomainEvent;
use pronto_domain::calendar::Calendar;
use pronto_domain::lead::{Channel, CustomerType, LeadStatus};
use pronto_domain::user::Role;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// What the engine knows about a lead.
#[derive(Debug, Clone)]
pub struct LeadState {
    pub id: i64,
    pub channel: Channel,
    pub stage: String,
    pub status: LeadStatus,
    pub owner: Option<i64>,
    pub entered_by: Option<i64>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub customer_type: Option<CustomerType>,
    pub subject: Option<String>,
    pub message: Option<String>,
    pub postal_code: Option<String>,
    pub product: Option<String>,
    pub source: Option<String>,
    pub language: Option<String>,
    pub received_at: Timestamp,
    pub first_response_at: Option<Timestamp>,
    pub open_tasks: Vec<OpenTask>,
    /// Kinds of the lead's pending timers.
    pub timers: Vec<String>,
    /// The token of the customer's own page (`{lead.tracking_url}`), when the store has one.
    pub tracking_token: Option<String>,
}

#[derive(Debug, Clone)]
pub struct OpenTask {
    pub id: i64,
    pub task: String,
    pub assignee: Option<i64>,
    pub attempt: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Available,
    Meeting,
    Away,
}

impl Presence {
    pub const WORDS: &'static [&'static str] = &["available", "meeting", "away"];
    pub fn as_str(self) -> &'static str {
        Self::WORDS[self as usize]
    }
    pub fn parse(s: &str) -> Option<Presence> {
        Some(match s {
            "available" => Presence::Available,
            "meeting" => Presence::Meeting,
            "away" => Presence::Away,
            _ => return None,
        })
    }
    fn reason(self) -> &'static str {
        match self {
            Presence::Available => "available",
            Presence::Meeting => "in a meeting",
            Presence::Away => "away",
        }
    }
}

#[derive(Debug, Clone)]
pub struct DirUser {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub presence: Presence,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The user's own working hours, when they differ from the playbook's.
    pub calendar: Option<Calendar>,
    pub open_tasks: i64,
    /// The language the user reads their alerts in; none, the team's default.
    pub language: Option<String>,
}

/// The read-only view of the team the engine decides with.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    /// Active users, by id.
    pub users: Vec<DirUser>,
    /// The last user each round-robin pool chose.
    pub cursors: BTreeMap<String, i64>,
    /// The texts of every template in every language, with the company's overrides.
    pub messages: std::sync::Arc<crate::messages::Messages>,
}

impl Directory {
    pub fn user(&self, id: i64) -> Option<&DirUser> {
        self.users.iter().find(|u| u.id == id)
    }
    pub fn by_login(&self, login: &str) -> Option<&DirUser> {
        self.users.iter().find(|u| u.login == login)
    }
    /// Whether `u` can take work at `now`: present, and inside their own hours if they have them.
    fn available(&self, u: &DirUser, now: Timestamp) -> Result<(), String> {
        if u.presence != Presence::Available {
            return Err(u.presence.reason().to_owned());
        }
        if let Some(c) = &u.calendar
            && !c.is_working(now)
        {
            return Err("outside their working hours".to_owned());
        }
        Ok(())
    }
}

/// What happened to the lead.
#[derive(Debug, Clone)]
pub enum Trigger {
    LeadReceived,
    StageEntered { from: Option<String> },
    TaskCompleted { task_id: i64, task: String, outcome: String, by: Option<i64>, attempt: u32 },
    ActivityLogged { kind: String, direction: Option<String>, outcome: Option<String>, response: bool, by: Option<i64> },
    TimerElapsed { kind: String, payload: Value },
    FieldChanged { field: String, from: Value, to: Value },
    /// Something happened to one of the lead's offers (issue 20): it was sent, or the customer
    /// decided on it. `kind` is one of the `offer.*` trigger kinds; `refusals` counts the
    /// lead's declined offers, this one included; `note` is the customer's reason.
    Offer { kind: TriggerKind, offer_id: i64, version: i64, note: Option<String>, refusals: u32, by: Option<i64> },
    /// The customer's requisites were entered or changed (issue 21): `customer_type` `b2c` or
    /// `b2b`; `by` the user who entered them (none: the customer on their page).
    RequisitesReceived { customer_type: String, by: Option<i64> },
    /// One of the lead's deliveries was made (issue 21, delivery): `delivery.done`.
    Delivery { kind: TriggerKind, delivery_id: i64, by: Option<i64> },
    /// Something happened to one of the lead's invoices (issue 21): `invoice.issued`,
    /// `invoice.paid`. `contract` says a contract went with it (a legal entity). `due_at` is the
    /// end of the invoice's due day: a timer its rules set counts from it (the dunning's
    /// "3 days after the due day"), and carries the invoice's id.
    Invoice { kind: TriggerKind, invoice_id: i64, number: String, contract: bool, due_at: Option<Timestamp>, by: Option<i64> },
    /// Something happened to one of the lead's invoices (issue 21): `invoice.issued`.
    /// `contract` says a contract went with it (a legal entity).
    /// Something happened to one of the lead's purchases from a supplier (issue 21,
    /// purchases): `purchase.requested`, `purchase.invoice_received`, `purchase.paid`.
    Purchase { kind: TriggerKind, purchase_id: i64, supplier: String, by: Option<i64> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub channel: String,
    pub user: Option<i64>,
    pub address: Option<String>,
    /// The template's id.
    pub template: String,
    pub text: String,
    pub subject: Option<String>,
    pub urgent: bool,
    /// Stable and unique: the same decision replayed gives the same key.
    pub key: String,
    /// Not to be sent before this (a non-urgent alert outside the recipient's working time).
    pub not_before: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewTask {
    pub task: String,
    pub title: String,
    pub kind: String,
    pub role: Option<Role>,
    pub assignee: Option<i64>,
    pub priority: Priority,
    pub due_at: Timestamp,
    pub script: Option<String>,
    pub attempt: u32,
}

/// What the store must do, in order, in the triggering transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum Cmd {
    Assign {
        user: i64,
        reason: String,
    },
    CreateTask(NewTask),
    /// One open task is done with `outcome` without a person completing it (a response to
    /// the customer completed it); the engine has run the playbook's reaction to it already.
    CompleteTask {
        task_id: i64,
        task: String,
        attempt: u32,
        outcome: String,
        reason: String,
    },
    /// Cancels the lead's open tasks made from `task` (all of them when `None`).
    CancelTasks {
        task: Option<String>,
        reason: String,
    },
    /// Gives the lead (and its open tasks) to `to`.
    HandOver {
        to: i64,
        reason: String,
    },
    Notify(Notification),
    SetStage {
        stage: String,
        status: Option<LeadStatus>,
    },
    SetTimer {
        kind: String,
        due_at: Timestamp,
        payload: Value,
    },
    /// Cancels pending timers whose kind is `kind`, or starts with it when `prefix`.
    CancelTimers {
        kind: String,
        prefix: bool,
    },
    /// A line on the lead's timeline.
    Event {
        kind: &'static str,
        data: Value,
    },
    SetCursor {
        pool: String,
        user: i64,
    },
    /// The lead has no owner any more (its owner left and nobody could take it).
    Unassign {
        reason: String,
    },
    /// One open task goes to `to`, or to nobody (its role's queue).
    ReassignTask {
        task_id: i64,
        to: Option<i64>,
        reason: String,
    },
}

/// How deep stage changes may cascade (a rule moving a lead that enters a stage whose rule
/// moves it again …) before the engine stops and says so.
const MAX_DEPTH: u32 = 8;

/// Runs the playbook on one trigger. `cause` names the trigger uniquely (`received`, `a17`
/// for activity 17, `t42` for timer 42 …) and makes notification keys stable.
pub fn step(pb: &Playbook, lead: &LeadState, trigger: &Trigger, cause: &str, now: Timestamp, dir: &Directory) -> Vec<Cmd> {
    let actor = match trigger {
        Trigger::TaskCompleted { by, .. }
        | Trigger::ActivityLogged { by, .. }
        | Trigger::Offer { by, .. }
        | Trigger::RequisitesReceived { by, .. }
        | Trigger::Invoice { by, .. }
        | Trigger::Delivery { by, .. }
        | Trigger::Purchase { by, .. } => *by,
        Trigger::LeadReceived => lead.entered_by,
        _ => None,
    };
    let mut run = Run {
        pb,
        dir,
        now,
        cause,
        lead: lead.clone(),
        out: Vec::new(),
        seq: 0,
        arrival: matches!(trigger, Trigger::LeadReceived),
        actor,
        invoice_timers: None,
        invoice_rule: None,
    };
    run.react(trigger, 0);
    run.out
}

/// A user was deactivated: what they held on this lead goes back to the playbook's
/// assignment. `dir` no longer holds them. Ownership is decided again by the pool for their
/// role (else the first pool a rule assigns with), skipping whoever cannot take work now; their
/// open tasks on the lead follow the new owner, or wait unassigned in their role's queue.
pub fn hand_back(pb: &Playbook, lead: &LeadState, departed: i64, role: Role, now: Timestamp, dir: &Directory) -> Vec<Cmd> {
    let mut run = Run {
        pb,
        dir,
        now,
        cause: "handback",
        lead: lead.clone(),
        out: Vec::new(),
        seq: 0,
        arrival: false,
        actor: None,
        invoice_timers: None,
        invoice_rule: None,
    };
    run.hand_back(departed, role);
    run.out
}

/// The pool that assigns leads to people of `role`: the one for that role, else the first one
/// a rule assigns with.
pub fn pool_for(pb: &Playbook, role: Role) -> Option<&str> {
    if let Some(p) = pb.pools.values().find(|p| p.role == Some(role)) {
        return Some(p.id.as_str());
    }
    pb.rules.iter().flat_map(|r| &r.actions).find_map(|a| match a {
        Action::Assign { pool } if pb.pools.contains_key(pool) => Some(pool.as_str()),
        _ => None,
    })
}

struct Run<'a> {
    pb: &'a Playbook,
    dir: &'a Directory,
    now: Timestamp,
    cause: &'a str,
    lead: LeadState,
    out: Vec<Cmd>,
    seq: u32,
    /// The trigger is the lead's arrival: SLAs started now count from when it was received.
    arrival: bool,
    /// Who did what triggered this (completed the task, logged the activity, entered the lead).
    actor: Option<i64>,
    /// While an invoice's rules run: the end of its due day (their timers count from it) and
    /// its id (their timers carry it).
    invoice_timers: Option<(Timestamp, i64)>,
    /// The invoice whose trigger the running rule answers (its timers are its own).
    invoice_rule: Option<i64>,
}

impl<'a> Run<'a> {
    fn event(&mut self, e: DomainEvent) {
        let row = e.to_row();
        self.out.push(Cmd::Event { kind: row.kind, data: row.data });
    }

    fn set_timer(&mut self, kind: String, due_at: Timestamp, payload: Value) {
        self.cancel_timers(&kind, false);
        self.lead.timers.push(kind.clone());
        self.out.push(Cmd::SetTimer { kind, due_at, payload });
    }

    fn cancel_timers(&mut self, kind: &str, prefix: bool) {
        let before = self.lead.timers.len();
        self.lead.timers.retain(|k| !(if prefix { k.starts_with(kind) } else { k == kind }));
        if self.lead.timers.len() != before {
            self.out.push(Cmd::CancelTimers { kind: kind.to_owned(), prefix });
        }
    }

    fn has_timer(&self, kind: &str, prefix: bool) -> bool {
        self.lead.timers.iter().any(|k| if prefix { k.starts_with(kind) } else { k == kind })
    }

    fn react(&mut self, trigger: &Trigger, depth: u32) {
        if depth > MAX_DEPTH {
            self.event(DomainEvent::PlaybookLoop { reason: format!("stage changes cascaded more than {MAX_DEPTH} times; stopped") });
            return;
        }
        // What the playbook's structure implies before any rule runs.
        match trigger {
            Trigger::TimerElapsed { kind, payload } => {
                if !self.timer_elapsed(kind, payload) {
                    return;
                }
            }
            Trigger::TaskCompleted { task, outcome, attempt, .. } => {
                self.lead.open_tasks.retain(|t| !(t.task == *task && t.attempt == *attempt));
                // An attempt done before its time: its timer has nothing left to make due.
                if !self.lead.open_tasks.iter().any(|t| t.task == *task) {
                    self.cancel_timers(&format!("retry:{task}"), false);
                }
                self.task_completed(task, outcome, *attempt);
                self.stop_until(&Until::Task(task.clone()));
                self.stop_until(&Until::Reaction);
            }
            Trigger::ActivityLogged { response, direction, kind, .. } => {
                if direction.as_deref() == Some("out") || kind == "meeting" {
                    self.stop_until(&Until::Reaction);
                }
                if *response {
                    // Only the team's own answer completes work; a call the exchange reports
                    // coming in has its own rules (transferred, manager busy).
                    let ours = direction.as_deref() == Some("out") || kind == "meeting";
                    self.responded(depth, ours);
                }
            }
            Trigger::StageEntered { .. } => {
                let stage = self.lead.stage.clone();
                self.stop_until(&Until::Stage(stage.clone()));
                if self.pb.stage(&stage).and_then(|s| s.status).is_some() {
                    self.closed(&stage);
                }
            }
            Trigger::FieldChanged { field, to, .. } if field == "status" && to.as_str() != Some(LeadStatus::Open.as_str()) => {
                self.closed(to.as_str().unwrap_or("closed"));
            }
            Trigger::Offer { kind, .. } => self.offer_work_done(*kind, depth),
            _ => {}
        }
        let kind = match trigger {
            Trigger::LeadReceived => TriggerKind::LeadReceived,
            Trigger::StageEntered { .. } => TriggerKind::StageEntered,
            Trigger::TaskCompleted { .. } => TriggerKind::TaskCompleted,
            Trigger::ActivityLogged { .. } => TriggerKind::ActivityLogged,
            Trigger::TimerElapsed { .. } => TriggerKind::TimerElapsed,
            Trigger::FieldChanged { .. } => TriggerKind::FieldChanged,
            Trigger::RequisitesReceived { .. } => TriggerKind::RequisitesReceived,
            Trigger::Offer { kind, .. }
            | Trigger::Invoice { kind, .. }
            | Trigger::Delivery { kind, .. }
            | Trigger::Purchase { kind, .. } => *kind,
        };
        // An invoice's rules set their timers from its due day; what they cascade into (a stage
        // entered) counts from now as always.
        let outer = self.invoice_timers.take();
        let outer_rule = self.invoice_rule.take();
        let invoice = match trigger {
            Trigger::Invoice { due_at: Some(due), invoice_id, .. } => Some((*due, *invoice_id)),
            _ => None,
        };
        let rule_invoice = match trigger {
            Trigger::Invoice { invoice_id, .. } => Some(*invoice_id),
            _ => None,
        };
        for rule in &self.pb.rules {
            if rule.on == kind && self.holds(&rule.when, Some(trigger)) {
                self.event(DomainEvent::PlaybookRule { rule: rule.id.clone(), on: kind.as_str().to_owned() });
                for a in &rule.actions {
                    self.invoice_timers = invoice;
                    self.invoice_rule = rule_invoice;
                    self.act(a, depth);
                }
            }
        }
        self.invoice_timers = outer;
        self.invoice_rule = outer_rule;
    }

    /// A closed lead needs nothing more: no task, no timer.
    fn closed(&mut self, why: &str) {
        self.cancel_timers("", true);
        if !self.lead.open_tasks.is_empty() {
            self.lead.open_tasks.clear();
            self.out.push(Cmd::CancelTasks { task: None, reason: format!("the lead was closed ({why})") });
        }
    }

    /// The built-in part of a timer: retries, escalation steps, SLA warnings and breaches.
    /// Returns whether playbook rules should see it (`t:` timers).
    fn timer_elapsed(&mut self, kind: &str, payload: &Value) -> bool {
        self.lead.timers.retain(|k| k != kind);
        let open = self.lead.status == LeadStatus::Open;
        if let Some(task) = kind.strip_prefix("retry:") {
            let attempt = payload["attempt"].as_u64().unwrap_or(1) as u32;
            // The attempt has been an open task since it was scheduled: now it is due. One
            // completed or cancelled meanwhile is not made again. (A timer set before retries
            // were tasks carries no `task_open`: the attempt is made now, as then.)
            let made = payload["task_open"].as_bool().unwrap_or(false);
            let waiting = self.lead.open_tasks.iter().any(|t| t.task == task && t.attempt == attempt);
            if open && let Some(def) = self.pb.tasks.get(task) {
                if waiting {
                    self.event(DomainEvent::TaskRetry { task: task.to_owned(), attempt });
                } else if !made {
                    self.event(DomainEvent::TaskRetry { task: task.to_owned(), attempt });
                    self.create_task(def, None, None, attempt);
                }
            }
            return false;
        }
        if let Some(chain) = kind.strip_prefix("esc:") {
            let step = payload["step"].as_u64().unwrap_or(0) as usize;
            if open {
                self.escalation_step(chain, step);
            }
            return false;
        }
        if let Some(rest) = kind.strip_prefix("sla:") {
            let (id, what) = rest.rsplit_once(':').unwrap_or((rest, "breach"));
            if let Some(sla) = self.pb.slas.get(id).cloned()
                && open
            {
                if what == "warn" {
                    self.event(DomainEvent::SlaWarning {
                        sla: id.to_owned(),
                        title: sla.title.clone(),
                        due_at: payload["due_at"].as_str().and_then(|t| t.parse().ok()),
                    });
                    for a in &sla.on_warning {
                        self.act(a, 0);
                    }
                } else {
                    self.event(DomainEvent::SlaBreached {
                        sla: id.to_owned(),
                        title: sla.title.clone(),
                        due_at: payload["due_at"].as_str().and_then(|t| t.parse().ok()),
                    });
                    for a in &sla.on_breach {
                        self.act(a, 0);
                    }
                }
            }
            return false;
        }
        // An invoice's timer (the dunning, issue 21) goes on after the deal is won: the money is
        // still owed (the store lets it through only while the invoice is unpaid).
        open || payload.get("invoice_id").is_some()
    }

    fn task_completed(&mut self, task: &str, outcome: &str, attempt: u32) {
        let Some(def) = self.pb.tasks.get(task) else { return };
        let Some(retry) = def.retry.as_ref().and_then(|r| self.pb.retries.get(r)) else { return };
        if !retry.on.iter().any(|o| o == outcome) || self.lead.status != LeadStatus::Open {
            return;
        }
        let done = attempt.saturating_sub(1) as usize;
        match retry.after.get(done) {
            Some(due) => {
                let at = self.due_at(*due, None);
                self.event(DomainEvent::TaskRetryScheduled { task: task.to_owned(), attempt: attempt + 1, at, after: outcome.to_owned() });
                // The next attempt is an open task at once, due at its time (the card and My
                // tasks show "call again at 10:55"); the timer marks the moment it is due.
                self.set_timer(format!("retry:{task}"), at, json!({ "attempt": attempt + 1, "task_open": true }));
                // Who tried calls again; a task for a role's queue goes to the one who tried.
                let def = def.clone();
                let who = match self.task_assignee(&def.assignee) {
                    (None, _) if self.actor.is_some() => Some(Who::Actor),
                    _ => None,
                };
                self.create_task_at(&def, who.as_ref(), at, attempt + 1);
            }
            None => {
                self.event(DomainEvent::TaskRetriesExhausted { task: task.to_owned(), attempts: attempt });
                for a in &retry.exhausted.clone() {
                    self.act(a, 0);
                }
            }
        }
    }

    /// The offer's step a task waited for happened (issue 20): a new version made completes
    /// the open `offer = "prepare"` tasks with `done`, the offer sent the `offer = "send"` ones
    /// with `sent`; the playbook reacts as if a person had completed them.
    fn offer_work_done(&mut self, kind: TriggerKind, depth: u32) {
        let done: Vec<(OpenTask, &'static str)> = self
            .lead
            .open_tasks
            .iter()
            .filter_map(|t| {
                let w = self.pb.tasks.get(&t.task)?.offer?;
                (w.completed_by() == kind).then(|| (t.clone(), w.outcome()))
            })
            .collect();
        for (t, outcome) in done {
            if !self.lead.open_tasks.iter().any(|x| x.id == t.id && x.task == t.task && x.attempt == t.attempt) {
                continue;
            }
            let reason = match kind {
                TriggerKind::OfferCreated => "the offer was prepared",
                _ => "the offer was sent to the customer",
            };
            self.out.push(Cmd::CompleteTask {
                task_id: t.id,
                task: t.task.clone(),
                attempt: t.attempt,
                outcome: outcome.to_owned(),
                reason: reason.into(),
            });
            let trigger = Trigger::TaskCompleted { task_id: t.id, task: t.task, outcome: outcome.to_owned(), by: self.actor, attempt: t.attempt };
            self.react(&trigger, depth + 1);
        }
    }

    /// The customer was reached: what waited for that is moot.
    fn responded(&mut self, depth: u32, ours: bool) {
        self.stop_until(&Until::Response);
        // Work a response completes (`response_outcome`: the distributor's confirmation, done
        // by a call, an e-mail, whatever reached the customer) is done with that outcome, and
        // the playbook reacts as if a person had completed it (the handover to a manager).
        let done: Vec<(OpenTask, String)> = self
            .lead
            .open_tasks
            .iter()
            .filter(|_| ours)
            .filter_map(|t| self.pb.tasks.get(&t.task).and_then(|d| d.response_outcome.clone()).map(|o| (t.clone(), o)))
            .collect();
        for (t, outcome) in done {
            if !self.lead.open_tasks.iter().any(|x| x.id == t.id && x.task == t.task && x.attempt == t.attempt) {
                continue;
            }
            self.out.push(Cmd::CompleteTask {
                task_id: t.id,
                task: t.task.clone(),
                attempt: t.attempt,
                outcome: outcome.clone(),
                reason: "the customer was answered".into(),
            });
            let trigger = Trigger::TaskCompleted { task_id: t.id, task: t.task, outcome, by: self.actor, attempt: t.attempt };
            self.react(&trigger, depth + 1);
        }
        // Retries of work that waited for this are moot; other retries (a promised callback) stay.
        let moot_retries: Vec<String> = self
            .lead
            .timers
            .iter()
            .filter_map(|k| k.strip_prefix("retry:"))
            .filter(|t| self.pb.tasks.get(*t).is_some_and(|d| d.until_response))
            .map(str::to_owned)
            .collect();
        for t in moot_retries {
            self.cancel_timers(&format!("retry:{t}"), false);
        }
        let moot: Vec<String> = self
            .lead
            .open_tasks
            .iter()
            .filter(|t| self.pb.tasks.get(&t.task).is_some_and(|d| d.until_response))
            .map(|t| t.task.clone())
            .collect();
        let mut seen = Vec::new();
        for task in moot {
            if !seen.contains(&task) {
                self.out.push(Cmd::CancelTasks { task: Some(task.clone()), reason: "the customer was reached".into() });
                seen.push(task);
            }
        }
        self.lead.open_tasks.retain(|t| !seen.contains(&t.task));
    }

    /// Ends every SLA and escalation waiting for `until`.
    fn stop_until(&mut self, until: &Until) {
        let slas: Vec<String> = self.pb.slas.values().filter(|s| s.until == *until).map(|s| s.id.clone()).collect();
        for id in slas {
            self.stop_sla(&id, "met");
        }
        let chains: Vec<String> = self.pb.escalations.values().filter(|e| e.until == *until).map(|e| e.id.clone()).collect();
        for id in chains {
            if self.has_timer(&format!("esc:{id}"), false) {
                self.cancel_timers(&format!("esc:{id}"), false);
                self.event(DomainEvent::EscalationStopped { escalation: id });
            }
        }
    }

    fn stop_sla(&mut self, id: &str, how: &str) {
        let prefix = format!("sla:{id}:");
        if self.has_timer(&prefix, true) {
            let breached = !self.has_timer(&format!("sla:{id}:breach"), false);
            self.cancel_timers(&prefix, true);
            if !breached {
                self.event(DomainEvent::SlaMet { sla: id.to_owned(), how: how.to_owned() });
            }
        }
    }

    fn holds(&self, c: &Conditions, trigger: Option<&Trigger>) -> bool {
        let l = &self.lead;
        // `unknown` in a list matches a lead that does not say (no product, source, language …).
        let any = |list: &[String], v: Option<&str>| {
            list.is_empty()
                || match v {
                    Some(v) => list.iter().any(|x| x.eq_ignore_ascii_case(v)),
                    None => list.iter().any(|x| x == "unknown"),
                }
        };
        if !c.channel.is_empty() && !c.channel.contains(&l.channel) {
            return false;
        }
        if c.has_phone.is_some_and(|h| h != l.contact_phone.is_some()) || c.has_email.is_some_and(|h| h != l.contact_email.is_some()) {
            return false;
        }
        let type_ok = match (c.customer_type.is_empty(), c.customer_type_known, l.customer_type) {
            (true, None, _) => true,
            (_, Some(false), None) => true,
            (_, _, Some(t)) => c.customer_type.contains(&t),
            (_, _, None) => false,
        };
        if !type_ok {
            return false;
        }
        if !c.postal_code.is_empty() && !l.postal_code.as_deref().is_some_and(|p| c.postal_code.iter().any(|m| m.matches(p))) {
            return false;
        }
        if !any(&c.product, l.product.as_deref()) || !any(&c.source, l.source.as_deref()) || !any(&c.language, l.language.as_deref()) {
            return false;
        }
        if !c.entered_by.is_empty() {
            let who = match (l.entered_by, l.owner) {
                (None, _) => EnteredBy::Nobody,
                (Some(e), Some(o)) if e == o => EnteredBy::Owner,
                (Some(_), _) => EnteredBy::Other,
            };
            if !c.entered_by.contains(&who) {
                return false;
            }
        }
        if !c.entered_by_role.is_empty()
            && !l.entered_by.and_then(|e| self.dir.user(e)).is_some_and(|u| c.entered_by_role.contains(&u.role))
        {
            return false;
        }
        if c.working_time.is_some_and(|w| w != self.pb.calendar.is_working(self.now)) {
            return false;
        }
        if !c.hours.is_empty() {
            let t = self.now.to_zoned(self.pb.calendar.time_zone().clone()).time();
            if !c.hours.iter().any(|(a, b)| t >= *a && (t < *b || *b == Time::MAX)) {
                return false;
            }
        }
        if !any(&c.stage, Some(&l.stage)) {
            return false;
        }
        if c.responded.is_some_and(|r| r != l.first_response_at.is_some()) {
            return false;
        }
        match trigger {
            Some(Trigger::TaskCompleted { task, outcome, .. }) => any(&c.task, Some(task)) && any(&c.outcome, Some(outcome)),
            Some(Trigger::ActivityLogged { kind, direction, outcome, response, .. }) => {
                any(&c.activity, Some(kind))
                    && any(&c.direction, direction.as_deref())
                    && any(&c.outcome, outcome.as_deref())
                    && c.response.is_none_or(|r| r == *response)
            }
            Some(Trigger::TimerElapsed { kind, .. }) => {
                // An invoice's timer is `t:NAME@INVOICE` (one per invoice): its rules know it by NAME.
                c.timer.is_empty() || kind.strip_prefix("t:").map(timer_name).is_some_and(|n| c.timer.iter().any(|x| x == n))
            }
            Some(Trigger::FieldChanged { field, .. }) => any(&c.field, Some(field)),
            Some(Trigger::Offer { refusals, .. }) => {
                c.min_refusals.is_none_or(|m| *refusals >= m) && c.max_refusals.is_none_or(|m| *refusals <= m)
            }
            _ => true,
        }
    }

    fn act(&mut self, a: &Action, depth: u32) {
        match a {
            Action::Assign { pool } => self.assign(pool),
            Action::Task { task, assignee, due } => {
                if let Some(def) = self.pb.tasks.get(task) {
                    self.create_task(def, assignee.as_ref(), *due, 1);
                }
            }
            Action::CancelTasks { task } => {
                let before = self.lead.open_tasks.len();
                self.lead.open_tasks.retain(|t| task.as_ref().is_some_and(|x| *x != t.task));
                if before != self.lead.open_tasks.len() {
                    self.out.push(Cmd::CancelTasks { task: task.clone(), reason: "the playbook cancelled it".into() });
                }
                match task {
                    Some(t) => self.cancel_timers(&format!("retry:{t}"), false),
                    None => self.cancel_timers("retry:", true),
                }
            }
            Action::Notify { who, channel, template, urgent, fallback } => {
                self.notify(who, channel, template, *urgent, fallback.as_deref());
            }
            Action::Stage { stage } => {
                if *stage != self.lead.stage {
                    let from = std::mem::replace(&mut self.lead.stage, stage.clone());
                    let status = self.pb.stage(stage).and_then(|s| s.status);
                    if let Some(s) = status {
                        self.lead.status = s;
                    }
                    self.out.push(Cmd::SetStage { stage: stage.clone(), status });
                    self.react(&Trigger::StageEntered { from: Some(from) }, depth + 1);
                }
            }
            Action::SetTimer { timer, due } => match self.invoice_timers {
                Some((from, invoice_id)) => {
                    let at = due_at(*due, from, &self.pb.calendar);
                    // One per invoice: a second invoice of the lead has its own dunning.
                    self.set_timer(format!("t:{timer}@{invoice_id}"), at, json!({ "timer": timer, "invoice_id": invoice_id }));
                }
                None => {
                    let at = self.due_at(*due, None);
                    self.set_timer(format!("t:{timer}"), at, json!({ "timer": timer }));
                }
            },
            Action::CancelTimer { timer } => {
                self.cancel_timers(&format!("t:{timer}"), false);
                // An invoice's rule cancels that invoice's timer; any other rule every invoice's.
                match self.invoice_rule {
                    Some(id) => self.cancel_timers(&format!("t:{timer}@{id}"), false),
                    None => self.cancel_timers(&format!("t:{timer}@"), true),
                }
            }
            Action::Webhook { url, template } => {
                let text = template.as_ref().map(|t| self.texts(t, self.dir.messages.default_language, None).0).unwrap_or_default();
                let key = self.key("webhook", url);
                self.out.push(Cmd::Notify(Notification {
                    channel: "webhook".into(),
                    user: None,
                    address: Some(url.clone()),
                    template: template.clone().unwrap_or_else(|| "webhook".into()),
                    text,
                    subject: None,
                    urgent: false,
                    key,
                    not_before: None,
                }));
            }
            Action::Escalate { chain } => {
                if !self.has_timer(&format!("esc:{chain}"), false) && self.lead.status == LeadStatus::Open {
                    self.escalation_step(chain, 0);
                }
            }
            Action::StopEscalation { chain } => {
                if self.has_timer(&format!("esc:{chain}"), false) {
                    self.cancel_timers(&format!("esc:{chain}"), false);
                    self.event(DomainEvent::EscalationStopped { escalation: chain.clone() });
                }
            }
            Action::StartSla { sla } => self.start_sla(sla),
            Action::StopSla { sla } => self.stop_sla(sla, "stopped by a rule"),
        }
    }

    fn start_sla(&mut self, id: &str) {
        let Some(sla) = self.pb.slas.get(id) else { return };
        if self.has_timer(&format!("sla:{id}:"), true) {
            return;
        }
        // A promise of a first response is kept already when the lead arrives answered (a call
        // somebody picked up).
        if sla.until == Until::Response && self.lead.first_response_at.is_some() {
            return;
        }
        // An SLA started on arrival counts from when the customer wrote (a mail fetched late
        // or a lead entered afterwards has used part of its time already).
        let from = if self.arrival { self.lead.received_at.min(self.now) } else { self.now };
        let due = due_at(sla.within, from, &self.pb.calendar);
        if let Some(before) = sla.warn_before {
            let warn = match sla.within {
                Due::AfterBusiness(d) => self.pb.calendar.add(from, (d - before).max(SignedDuration::ZERO)),
                _ => (due - before).max(from),
            };
            self.set_timer(format!("sla:{id}:warn"), warn, json!({ "sla": id, "due_at": due.to_string() }));
        }
        self.set_timer(format!("sla:{id}:breach"), due, json!({ "sla": id, "due_at": due.to_string() }));
        self.event(DomainEvent::SlaStarted { sla: id.to_owned(), title: sla.title.clone(), due_at: due });
    }

    /// Runs step `n` of a chain: tells that person, hands over the lead's tasks if the step
    /// says so, and sets the timer for the next step. A person who is not available is
    /// skipped at once: urgent work goes to the next person instead.
    fn escalation_step(&mut self, chain: &str, n: usize) {
        let Some(def) = self.pb.escalations.get(chain) else { return };
        let mut i = n;
        while let Some(step) = def.steps.get(i) {
            let last = i + 1 == def.steps.len();
            let people = self.resolve(&step.notify);
            let available: Vec<&DirUser> = people.iter().filter(|u| self.dir.available(u, self.now).is_ok()).copied().collect();
            if available.is_empty() && !last {
                let why = people
                    .iter()
                    .map(|u| format!("{} ({})", u.name, self.dir.available(u, self.now).err().unwrap_or_default()))
                    .collect::<Vec<_>>();
                self.event(DomainEvent::EscalationSkipped {
                    escalation: chain.to_owned(),
                    step: i as u32 + 1,
                    reason: if why.is_empty() { "nobody in this step".to_owned() } else { format!("not available: {}", why.join(", ")) },
                });
                i += 1;
                continue;
            }
            let to: Vec<&DirUser> = if available.is_empty() { people.clone() } else { available };
            if to.is_empty() {
                self.event(DomainEvent::EscalationSkipped {
                    escalation: chain.to_owned(),
                    step: i as u32 + 1,
                    reason: "nobody in this step".into(),
                });
                return;
            }
            self.event(DomainEvent::EscalationStep {
                escalation: chain.to_owned(),
                step: i as u32 + 1,
                to: to.iter().map(|u| u.id).collect(),
                channel: step.channel.clone(),
            });
            let ids: Vec<i64> = to.iter().map(|u| u.id).collect();
            for u in ids.iter().filter_map(|id| self.dir.user(*id)) {
                self.send(u, &step.channel, &step.template, true, None);
            }
            if step.hand_over
                && let Some(first) = to.iter().min_by_key(|u| (u.open_tasks, u.id))
            {
                let id = first.id;
                self.out.push(Cmd::HandOver { to: id, reason: format!("escalation `{chain}`, step {}", i + 1) });
                for t in &mut self.lead.open_tasks {
                    t.assignee = Some(id);
                }
            }
            if let Some(due) = step.ack_within
                && !last
            {
                let at = self.due_at(due, None);
                self.set_timer(format!("esc:{chain}"), at, json!({ "step": i + 1 }));
            }
            return;
        }
    }

    fn key(&mut self, what: &str, to: &str) -> String {
        self.seq += 1;
        format!("lead/{}/{}/{}/{what}/{to}", self.lead.id, self.cause, self.seq)
    }

    fn resolve(&self, who: &Who) -> Vec<&'a DirUser> {
        let dir: &'a Directory = self.dir;
        match who {
            Who::Owner => self.lead.owner.and_then(|o| dir.user(o)).into_iter().collect(),
            Who::EnteredBy => self.lead.entered_by.and_then(|o| dir.user(o)).into_iter().collect(),
            Who::Actor => self.actor.and_then(|o| dir.user(o)).into_iter().collect(),
            Who::User(login) => dir.by_login(login).into_iter().collect(),
            Who::Role(r) => dir.users.iter().filter(|u| u.role == *r).collect(),
            Who::Customer => vec![],
        }
    }

    fn notify(&mut self, who: &Who, channel: &str, template: &str, urgent: bool, fallback: Option<&str>) {
        if *who == Who::Customer {
            let address = match channel {
                "sms" => self.lead.contact_phone.clone(),
                _ => self.lead.contact_email.clone(),
            };
            let Some(address) = address else {
                self.event(DomainEvent::NotificationSkipped {
                    template: template.to_owned(),
                    reason: format!("the customer has no {channel} address"),
                });
                return;
            };
            let (text, subject) = self.texts(template, self.customer_language(), None);
            let key = self.key(channel, "customer");
            self.out.push(Cmd::Notify(Notification {
                channel: channel.into(),
                user: None,
                address: Some(address),
                template: template.into(),
                text,
                subject,
                urgent,
                key,
                not_before: None,
            }));
            return;
        }
        let people: Vec<i64> = self.resolve(who).iter().map(|u| u.id).collect();
        if people.is_empty() {
            self.event(DomainEvent::NotificationSkipped { template: template.to_owned(), reason: format!("nobody is {}", who_text(who)) });
            return;
        }
        for id in people {
            let u = self.dir.user(id).expect("resolved");
            self.send(u, channel, template, urgent, fallback);
        }
    }

    /// One notification to one person, minding their presence: a person in a meeting or away
    /// is not interrupted by SMS or e-mail for non-urgent news (it waits in the app), and
    /// urgent news goes to the fallback chain instead when there is one.
    fn send(&mut self, u: &DirUser, channel: &str, template: &str, urgent: bool, fallback: Option<&str>) {
        let mut channel = channel.to_owned();
        if matches!(channel.as_str(), "sms" | "email")
            && let Err(why) = self.dir.available(u, self.now)
            && u.presence != Presence::Available
        {
            if urgent {
                if let Some(chain) = fallback {
                    self.event(DomainEvent::NotificationRedirected {
                        user: u.id,
                        template: template.to_owned(),
                        reason: format!("{} is {why}; urgent, so the next person is told", u.name),
                        escalation: chain.to_owned(),
                    });
                    self.escalate_from_next(chain, u.id);
                    return;
                }
            } else {
                self.event(DomainEvent::NotificationHeld {
                    user: u.id,
                    template: template.to_owned(),
                    reason: format!("{} is {why}; not urgent, so it waits in the app", u.name),
                });
                channel = "in_app".into();
            }
        }
        let address = match channel.as_str() {
            "sms" => u.phone.clone(),
            "email" => u.email.clone(),
            _ => None,
        };
        if matches!(channel.as_str(), "sms" | "email") && address.is_none() {
            self.event(DomainEvent::NotificationHeld {
                user: u.id,
                template: template.to_owned(),
                reason: format!("{} has no {channel} address", u.name),
            });
            channel = "in_app".into();
        }
        // Quiet hours: a non-urgent SMS or e-mail waits for the recipient's working time (their
        // own hours, else the playbook's calendar); urgent ones go now.
        let mut not_before = None;
        if !urgent && matches!(channel.as_str(), "sms" | "email") {
            let cal = u.calendar.as_ref().unwrap_or(&self.pb.calendar);
            if !cal.is_working(self.now) {
                let at = cal.next_working(self.now);
                self.event(DomainEvent::NotificationDeferred {
                    user: u.id,
                    template: template.to_owned(),
                    until: at,
                    reason: "outside working time; not urgent".into(),
                });
                not_before = Some(at);
            }
        }
        let (text, subject) = self.texts(template, self.user_language(u), None);
        let key = self.key(&channel, &u.id.to_string());
        self.out.push(Cmd::Notify(Notification {
            channel,
            user: Some(u.id),
            address,
            template: template.into(),
            text,
            subject,
            urgent,
            key,
            not_before,
        }));
    }

    /// Starts `chain` at the first step that does not name `skip`.
    fn escalate_from_next(&mut self, chain: &str, skip: i64) {
        let Some(def) = self.pb.escalations.get(chain) else { return };
        let start = def.steps.iter().position(|s| !self.resolve(&s.notify).iter().all(|u| u.id == skip)).unwrap_or(def.steps.len());
        if start < def.steps.len() {
            self.escalation_step(chain, start);
        }
    }

    /// The text (and subject) of `template` in `lang`: the Fluent text when there is one,
    /// else the playbook's own.
    fn texts(&self, template: &str, lang: &str, task: Option<&NewTask>) -> (String, Option<String>) {
        let vars: Vec<(&str, String)> = crate::messages::VARIABLES
            .iter()
            .map(|v| {
                let value = match *v {
                    "channel" => self.dir.messages.channel(lang, self.lead.channel.as_str()),
                    other => self.value(&other.replacen('_', ".", 1), task),
                };
                (*v, value)
            })
            .collect();
        if let Some(found) = self.dir.messages.render(&self.pb.name, lang, template, &vars) {
            return found;
        }
        match self.pb.templates.get(template) {
            Some(t) => (self.render(&t.text, task), t.subject.as_ref().map(|s| self.render(s, task))),
            None => (String::new(), None),
        }
    }

    /// The language a user reads: their own, else the team's.
    fn user_language(&self, u: &DirUser) -> &'static str {
        u.language.as_deref().and_then(crate::messages::language).unwrap_or(self.dir.messages.default_language)
    }

    /// The language the customer reads: the lead's when Pronto has it, English for another
    /// stated language, else the playbook's customers' language, else the team's.
    fn customer_language(&self) -> &'static str {
        match self.lead.language.as_deref() {
            Some(l) => crate::messages::language(l).unwrap_or("en"),
            None => self.pb.language.as_deref().and_then(crate::messages::language).unwrap_or(self.dir.messages.default_language),
        }
    }

    /// One placeholder's value (`contact.name`); an unknown name renders as itself.
    fn value(&self, name: &str, task: Option<&NewTask>) -> String {
        let l = &self.lead;
        match name {
            "lead.id" => l.id.to_string(),
            "lead.url" => self.dir.messages.lead_url(l.id),
            "lead.tracking_url" => l.tracking_token.as_deref().map(|t| self.dir.messages.tracking_url(t)).unwrap_or_default(),
            "lead.subject" => l.subject.clone().unwrap_or_default(),
            "lead.message" => l.message.clone().unwrap_or_default(),
            "lead.product" => l.product.clone().unwrap_or_default(),
            "lead.source" => l.source.clone().unwrap_or_default(),
            "lead.stage" => self.pb.stage(&l.stage).map(|s| s.title.clone()).unwrap_or_else(|| l.stage.clone()),
            "lead.received_at" => l.received_at.to_zoned(self.pb.calendar.time_zone().clone()).strftime("%a %H:%M").to_string(),
            "channel" => l.channel.as_str().to_owned(),
            "contact.name" => l.contact_name.clone().unwrap_or_default(),
            "contact.phone" => l.contact_phone.as_deref().map(pretty_phone).unwrap_or_default(),
            "contact.email" => l.contact_email.clone().unwrap_or_default(),
            "owner.name" => l.owner.and_then(|o| self.dir.user(o)).map(|u| u.name.clone()).unwrap_or_default(),
            "task.title" => task.map(|t| t.title.clone()).unwrap_or_default(),
            "task.due_at" => {
                task.map(|t| t.due_at.to_zoned(self.pb.calendar.time_zone().clone()).strftime("%a %H:%M").to_string()).unwrap_or_default()
            }
            "playbook" => self.pb.title.clone(),
            other => format!("{{{other}}}"),
        }
    }

    /// Fills `{placeholders}` from the lead; an empty value renders as empty.
    pub fn render(&self, text: &str, task: Option<&NewTask>) -> String {
        let mut out = String::with_capacity(text.len() + 32);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return crate::messages::tidy(&out);
            };
            out.push_str(&self.value(after[..close].trim(), task));
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        crate::messages::tidy(&out)
    }

    fn due_at(&self, due: Due, user: Option<i64>) -> Timestamp {
        let cal = user.and_then(|u| self.dir.user(u)).and_then(|u| u.calendar.as_ref()).unwrap_or(&self.pb.calendar);
        due_at(due, self.now, cal)
    }

    fn create_task(&mut self, def: &TaskDef, assignee: Option<&Who>, due: Option<Due>, attempt: u32) {
        let (user, _) = self.task_assignee(assignee.unwrap_or(&def.assignee));
        let due_at = self.due_at(due.unwrap_or(def.due), user);
        self.create_task_at(def, assignee, due_at, attempt);
    }

    /// The user (and role) a task for `who` goes to.
    fn task_assignee(&self, who: &Who) -> (Option<i64>, Option<Role>) {
        match who {
            Who::Owner => (self.lead.owner, self.lead.owner.and_then(|o| self.dir.user(o)).map(|u| u.role)),
            Who::EnteredBy => (self.lead.entered_by, self.lead.entered_by.and_then(|o| self.dir.user(o)).map(|u| u.role)),
            // The one who did it, else the owner.
            Who::Actor => {
                let who = self.actor.or(self.lead.owner);
                (who, who.and_then(|o| self.dir.user(o)).map(|u| u.role))
            }
            Who::User(login) => match self.dir.by_login(login) {
                Some(u) => (Some(u.id), Some(u.role)),
                None => (None, None),
            },
            Who::Role(r) => (None, Some(*r)),
            Who::Customer => (None, None),
        }
    }

    fn create_task_at(&mut self, def: &TaskDef, assignee: Option<&Who>, due_at: Timestamp, attempt: u32) {
        let (user, role) = self.task_assignee(assignee.unwrap_or(&def.assignee));
        let t = NewTask {
            task: def.id.clone(),
            title: def.title.clone(),
            kind: def.kind.clone(),
            role,
            assignee: user,
            priority: def.priority,
            due_at,
            script: def.script.clone(),
            attempt,
        };
        self.lead.open_tasks.push(OpenTask { id: 0, task: def.id.clone(), assignee: user, attempt });
        self.out.push(Cmd::CreateTask(t));
    }

    fn assign(&mut self, pool_id: &str) {
        let Some(pool) = self.pb.pools.get(pool_id) else { return };
        // An owner given when the lead was entered (the API's `owner`, the person who took
        // the call) stays; later, only pools that say `keep_owner` keep one.
        if self.lead.owner.is_some() && (pool.keep_owner || self.arrival) {
            return;
        }
        // An explicit rule decides first; the first rule whose conditions hold is the one.
        let mut skipped: Vec<String> = Vec::new();
        for (i, rule) in pool.rules.iter().enumerate() {
            if !self.holds(&rule.when, None) {
                continue;
            }
            let reason = format!("assignment `{pool_id}`, rule {}", i + 1);
            match &rule.target {
                Who::User(login) => match self.dir.by_login(login) {
                    Some(u) => match self.dir.available(u, self.now) {
                        Ok(()) => return self.assign_to(u.id, format!("{reason}: {}", u.name)),
                        Err(why) => skipped.push(format!("{} ({why})", u.name)),
                    },
                    None => skipped.push(format!("{login} (no such active user)")),
                },
                Who::Role(r) => {
                    if let Some((id, why)) = self.pick(pool, *r, &mut skipped) {
                        return self.assign_to(id, format!("{reason}: {why}"));
                    }
                }
                Who::EnteredBy | Who::Owner | Who::Actor => {
                    let id = match rule.target {
                        Who::Owner => self.lead.owner,
                        Who::Actor => self.actor,
                        _ => self.lead.entered_by,
                    };
                    if let Some(u) = id.and_then(|id| self.dir.user(id)) {
                        return self.assign_to(u.id, format!("{reason}: {} entered it", u.name));
                    }
                }
                Who::Customer => {}
            }
        }
        let decided = match pool.strategy {
            Strategy::Fixed => pool.user.as_deref().and_then(|login| match self.dir.by_login(login) {
                Some(u) => match self.dir.available(u, self.now) {
                    Ok(()) => Some((u.id, format!("fixed: {}", u.name))),
                    Err(why) => {
                        skipped.push(format!("{} ({why})", u.name));
                        None
                    }
                },
                None => {
                    skipped.push(format!("{login} (no such active user)"));
                    None
                }
            }),
            Strategy::Roster => {
                let local = self.now.to_zoned(self.pb.calendar.time_zone().clone());
                let day = local.weekday().to_monday_zero_offset() as usize;
                let t = local.time();
                let mut found = None;
                for e in pool.roster.iter().filter(|e| e.days[day] && t >= e.from && (t < e.to || e.to == Time::MAX)) {
                    match self.dir.by_login(&e.user) {
                        Some(u) => match self.dir.available(u, self.now) {
                            Ok(()) => {
                                found = Some((u.id, format!("on duty: {}", u.name)));
                                break;
                            }
                            Err(why) => skipped.push(format!("{} ({why})", u.name)),
                        },
                        None => skipped.push(format!("{} (no such active user)", e.user)),
                    }
                }
                found
            }
            Strategy::RoundRobin | Strategy::LeastLoaded => None,
        };
        let decided = decided.or_else(|| pool.role.and_then(|r| self.pick(pool, r, &mut skipped)));
        match decided {
            Some((id, why)) => {
                let skipped_text = if skipped.is_empty() { String::new() } else { format!("; skipped {}", skipped.join(", ")) };
                self.assign_to(id, format!("assignment `{pool_id}`, {why}{skipped_text}"));
            }
            None => {
                let why =
                    if skipped.is_empty() { "nobody can take it".to_owned() } else { format!("not available: {}", skipped.join(", ")) };
                self.event(DomainEvent::AssignmentFailed { assignment: pool_id.to_owned(), reason: why });
            }
        }
    }

    /// Chooses within a role by the pool's strategy (round robin unless least-loaded).
    fn pick(&mut self, pool: &PoolDef, role: Role, skipped: &mut Vec<String>) -> Option<(i64, String)> {
        let mut candidates: Vec<&DirUser> = Vec::new();
        for u in self.dir.users.iter().filter(|u| u.role == role) {
            match self.dir.available(u, self.now) {
                Ok(()) => candidates.push(u),
                Err(why) => skipped.push(format!("{} ({why})", u.name)),
            }
        }
        candidates.sort_by_key(|u| u.id);
        if pool.strategy == Strategy::LeastLoaded {
            let u = candidates.iter().min_by_key(|u| (u.open_tasks, u.id))?;
            return Some((u.id, format!("least loaded {role}: {} ({} open tasks)", u.name, u.open_tasks)));
        }
        let last = self.dir.cursors.get(&pool.id).copied().unwrap_or(0);
        let u = candidates.iter().find(|u| u.id > last).or(candidates.first())?;
        self.out.push(Cmd::SetCursor { pool: pool.id.clone(), user: u.id });
        Some((u.id, format!("round robin among {role}: {}", u.name)))
    }

    fn hand_back(&mut self, departed: i64, role: Role) {
        let reason = "its holder was deactivated".to_owned();
        if self.lead.owner == Some(departed) && self.lead.status == LeadStatus::Open {
            self.lead.owner = None;
            if let Some(pool) = pool_for(self.pb, role) {
                self.assign(pool);
            }
            if self.lead.owner.is_none() {
                self.out.push(Cmd::Unassign { reason: reason.clone() });
            }
        }
        let to = self.lead.owner.filter(|o| *o != departed && self.dir.user(*o).is_some());
        let tasks: Vec<i64> = self.lead.open_tasks.iter().filter(|t| t.assignee == Some(departed)).map(|t| t.id).collect();
        for task_id in tasks {
            self.out.push(Cmd::ReassignTask { task_id, to, reason: reason.clone() });
        }
    }

    fn assign_to(&mut self, user: i64, reason: String) {
        self.lead.owner = Some(user);
        self.out.push(Cmd::Assign { user, reason });
    }
}

fn who_text(w: &Who) -> String {
    match w {
        Who::Owner => "the owner".into(),
        Who::EnteredBy => "the one who entered it".into(),
        Who::Actor => "the one who did it".into(),
        Who::User(l) => format!("user {l}"),
        Who::Role(r) => format!("in the role {r}"),
        Who::Customer => "the customer".into(),
    }
}

/// `+420777123456` → `+420 777 123 456` for a message a person reads.
fn pretty_phone(e164: &str) -> String {
    if let Some(rest) = e164.strip_prefix("+420").filter(|r| r.len() == 9) {
        return format!("+420 {} {} {}", &rest[..3], &rest[3..6], &rest[6..]);
    }
    e164.to_owned()
}

/// When a [`Due`] counted from `now` falls, on `cal`.
pub fn due_at(due: Due, now: Timestamp, cal: &Calendar) -> Timestamp {
    match due {
        Due::After(d) => now + d,
        Due::AfterBusiness(d) => cal.add(now, d),
        Due::At(t) => {
            let tz = cal.time_zone().clone();
            let mut date = now.to_zoned(tz.clone()).date();
            for _ in 0..400 {
                if let Ok(z) = date.to_datetime(t).to_zoned(tz.clone()) {
                    let at = z.timestamp();
                    if at >= now && cal.is_working(at) {
                        return at;
                    }
                }
                match date.tomorrow() {
                    Ok(d) => date = d,
                    Err(_) => break,
                }
            }
            cal.next_working(now)
        }
    }
}

/// A playbook timer's name from its kind after `t:`: `NAME`, or `NAME@INVOICE` for an
/// invoice's own timer.
fn timer_name(kind: &str) -> &str {
    kind.split_once('@').map_or(kind, |(name, _)| name)
}
