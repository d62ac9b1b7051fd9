//! The values the team reads, in the reader's language: a stage, channel, status, outcome,
//! role, presence, SLA, direction, task kind or priority is never shown as its id. The
//! playbook names its own stages, outcomes, SLAs and tasks (`pronto_playbook::messages::Named`,
//! in the playbook's locale files); the UI names the rest (`locales/words/`, `words-…`). An id
//! nobody has a word for is shown humanized ("Manager busy", never `manager_busy`).
//!
//! [`line`] turns a stored event into one sentence of the timeline with the actor and the
//! reader's local time; every timestamp inside it (RFC 3339 or microseconds) is local too.

use super::i18n::Tr;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use pronto_domain::event::DomainEvent;
use pronto_playbook::Messages;
use pronto_playbook::Playbook;
use pronto_playbook::messages::Named;
use serde_json::Value;
use std::collections::BTreeMap;

/// The playbook a value belongs to: its name (for its texts), its definition if loaded (the
/// English titles of the file, used when it ships no translation) and the message texts.
#[derive(Clone, Copy)]
pub struct Book<'a> {
    pub name: &'a str,
    pub def: Option<&'a Playbook>,
    pub messages: &'a Messages,
}

impl<'a> Book<'a> {
    pub fn new(messages: &'a Messages, name: &'a str, def: Option<&'a Playbook>) -> Book<'a> {
        Book { name, def, messages }
    }

    /// [`stage`] of this book.
    pub fn stage_title(&self, t: &Tr, id: &str) -> String {
        stage(t, self, id)
    }
}

/// `manager_busy` → "Manager busy", `task.retry_scheduled` → "Task retry scheduled".
pub fn humanize(id: &str) -> String {
    let words: Vec<&str> = id.split(['_', '.', '-', ':']).filter(|w| !w.is_empty()).collect();
    let s = words.join(" ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => "—".to_owned(),
    }
}

/// The UI's word `words-{group}-{id}`, else the humanized id.
fn ui_word(t: &Tr, group: &str, id: &str) -> String {
    let key = format!("words-{group}-{id}");
    let w = t.t(&key);
    if w == key { humanize(id) } else { w }
}

/// A title the playbook gives (`stage-…`, `outcome-…`, …) in the reader's language.
fn titled(t: &Tr, book: &Book, what: Named, id: &str) -> Option<String> {
    book.messages.title(book.name, t.lang, what, id)
}

/// A stage of the lead's playbook.
pub fn stage(t: &Tr, book: &Book, id: &str) -> String {
    titled(t, book, Named::Stage, id)
        .or_else(|| book.def.and_then(|p| p.stage(id)).map(|s| s.title.clone()).filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| humanize(id))
}

/// What a call or task ended with (the playbook's own outcomes and the common ones).
pub fn outcome(t: &Tr, book: &Book, id: &str) -> String {
    titled(t, book, Named::Outcome, id).unwrap_or_else(|| ui_word(t, "outcome", id))
}

/// An SLA of the playbook.
pub fn sla(t: &Tr, book: &Book, id: &str) -> String {
    titled(t, book, Named::Sla, id)
        .or_else(|| book.def.and_then(|p| p.slas.get(id)).map(|s| s.title.clone()).filter(|s| !s.trim().is_empty() && s != id))
        .unwrap_or_else(|| humanize(id))
}

/// A task definition of the playbook (`first_call`).
pub fn task(t: &Tr, book: &Book, id: &str) -> String {
    titled(t, book, Named::Task, id)
        .or_else(|| book.def.and_then(|p| p.tasks.get(id)).map(|d| d.title.clone()))
        .unwrap_or_else(|| humanize(id))
}

/// A kind of task (`call`, `email`, `meeting`, `todo`).
pub fn task_kind(t: &Tr, book: &Book, id: &str) -> String {
    titled(t, book, Named::Kind, id).unwrap_or_else(|| ui_word(t, "kind", id))
}

/// Where an inquiry came from (`web`, `email`, `phone`, `in_person`, `api`).
pub fn channel(t: &Tr, id: &str) -> String {
    ui_word(t, "channel", id)
}

/// A lead's status (`open`, `won`, `lost`, `junk`).
pub fn status(t: &Tr, id: &str) -> String {
    ui_word(t, "status", id)
}

/// A task's state (`open`, `done`, `cancelled`).
pub fn task_status(t: &Tr, id: &str) -> String {
    ui_word(t, "task-status", id)
}

/// A user's role.
pub fn role(t: &Tr, id: &str) -> String {
    ui_word(t, "role", id)
}

/// A user's presence (`available`, `meeting`, `away`).
pub fn presence(t: &Tr, id: &str) -> String {
    ui_word(t, "presence", id)
}

/// A call's or e-mail's direction (`in`, `out`).
pub fn direction(t: &Tr, id: &str) -> String {
    ui_word(t, "direction", id)
}

/// A task's priority.
pub fn priority(t: &Tr, id: &str) -> String {
    ui_word(t, "priority", id)
}

/// What kind of activity (`call`, `note`, …), as the object of "logged".
pub fn activity(t: &Tr, id: &str) -> String {
    ui_word(t, "activity", id)
}

/// How a notification travels (`sms`, `email`, `in_app`, `webhook`).
pub fn notify_channel(t: &Tr, id: &str) -> String {
    ui_word(t, "notify", id)
}

/// A language's own name (`cs` → "čeština").
pub fn language(t: &Tr, id: &str) -> String {
    ui_word(t, "language", id)
}

/// The loaded playbooks and their texts, to name the values of many leads on one page (each
/// lead by its own playbook version).
pub struct Namer {
    reg: std::sync::Arc<pronto_store::Playbooks>,
    messages: std::sync::Arc<Messages>,
}

impl Namer {
    pub fn new(st: &crate::AppState) -> Namer {
        let reg = st.store.playbooks();
        let messages = reg.messages();
        Namer { reg, messages }
    }

    /// `f` with the book of `playbook` (version `version`; 0: the current one).
    pub fn with<R>(&self, playbook: &str, version: i64, f: impl FnOnce(&Book) -> R) -> R {
        let def = if version > 0 { self.reg.get(playbook, version) } else { self.reg.current(playbook).map(|(_, p)| p) };
        f(&Book::new(&self.messages, playbook, def.as_deref()))
    }

    pub fn stage(&self, t: &Tr, playbook: &str, version: i64, id: &str) -> String {
        self.with(playbook, version, |b| stage(t, b, id))
    }

    pub fn outcome(&self, t: &Tr, playbook: &str, version: i64, id: &str) -> String {
        self.with(playbook, version, |b| outcome(t, b, id))
    }

    pub fn sla(&self, t: &Tr, playbook: &str, version: i64, id: &str) -> String {
        self.with(playbook, version, |b| sla(t, b, id))
    }

    /// An SLA named without its playbook (the reports): the first loaded playbook that has it.
    pub fn any_sla(&self, t: &Tr, id: &str) -> String {
        let mut list = self.reg.list();
        list.sort_by_key(|(n, v, _)| (std::cmp::Reverse(n == &self.reg.default_name()), n.clone(), std::cmp::Reverse(*v)));
        match list.iter().find(|(_, _, p)| p.slas.contains_key(id)) {
            Some((n, _, p)) => sla(t, &Book::new(&self.messages, n, Some(p)), id),
            None => humanize(id),
        }
    }

    /// A stage named without its playbook (a report's drill-down): as [`Self::any_sla`].
    pub fn any_stage(&self, t: &Tr, id: &str) -> String {
        let mut list = self.reg.list();
        list.sort_by_key(|(n, v, _)| (std::cmp::Reverse(n == &self.reg.default_name()), n.clone(), std::cmp::Reverse(*v)));
        match list.iter().find(|(_, _, p)| p.stage(id).is_some()) {
            Some((n, _, p)) => stage(t, &Book::new(&self.messages, n, Some(p)), id),
            None => humanize(id),
        }
    }

    /// A task's title: the playbook's translation of its definition when the title is the
    /// definition's own, else the title as it was written (by hand).
    pub fn task_title(&self, t: &Tr, playbook: &str, version: i64, task_id: &str, title: &str) -> String {
        self.with(playbook, version, |b| task_title(t, b, task_id, title))
    }
}

/// The playbook's machinery: which rule ran, which timer fired. What they caused (tasks, alerts,
/// stages) has its own line; a person's timeline leaves these out.
pub const MACHINERY: &[&str] = &["playbook.rule", "timer.fired"];

/// Who and what the timeline names: users, contacts and tasks by id.
#[derive(Default)]
pub struct Names {
    pub users: BTreeMap<i64, String>,
    pub contacts: BTreeMap<i64, String>,
    pub tasks: BTreeMap<i64, String>,
}

/// One stored event as the timeline reads it.
pub struct Stored<'a> {
    pub at: Timestamp,
    pub kind: &'a str,
    pub data: &'a Value,
    /// Whoever did it, by name; none for what happened by itself.
    pub actor: Option<&'a str>,
}

/// A local time in `zone`: "10:55" on the day of `day`, else "2.12. 10:55".
pub fn local_time(at: Timestamp, day: Timestamp, zone: &TimeZone) -> String {
    let z = at.to_zoned(zone.clone());
    if z.date() == day.to_zoned(zone.clone()).date() {
        z.strftime("%H:%M").to_string()
    } else {
        z.strftime("%-d.%-m. %H:%M").to_string()
    }
}

/// `(local time, sentence)` of one event, e.g. `("10:55", "Jana Nováková logged a call: No
/// answer.")`; the page shows them as "10:55 — …".
pub fn line(t: &Tr, book: &Book, ev: &Stored, names: &Names, zone: &TimeZone) -> (String, String) {
    let when = ev.at.to_zoned(zone.clone()).strftime("%H:%M").to_string();
    (when, sentence(t, book, ev, names, zone))
}

/// The event as one sentence in the reader's language; whoever did it is named in it.
pub fn sentence(t: &Tr, book: &Book, ev: &Stored, names: &Names, zone: &TimeZone) -> String {
    let s = what_happened(t, book, ev, names, zone);
    match ev.actor {
        Some(a) if !a.is_empty() && !s.contains(a) => {
            let who = if t.dir() == "rtl" { format!("\u{2068}{a}\u{2069}") } else { a.to_owned() };
            t.with("words-by", &[("what", s.trim_end_matches('.')), ("who", &who)])
        }
        _ => s,
    }
}

fn what_happened(t: &Tr, book: &Book, ev: &Stored, names: &Names, zone: &TimeZone) -> String {
    use DomainEvent as E;
    let at = |ts: Timestamp| local_time(ts, ev.at, zone);
    let system = t.t("words-who-system");
    let who = ev.actor.map(str::to_owned).unwrap_or_else(|| system.clone());
    let user = |id: i64| names.users.get(&id).cloned().unwrap_or_else(|| t.t("words-someone"));
    let user_opt = |id: Option<i64>| id.map(user).unwrap_or_else(|| t.t("words-nobody"));
    let contact = |id: i64| names.contacts.get(&id).cloned().unwrap_or_else(|| t.t("words-another-contact"));
    let task_by_id = |id: i64| names.tasks.get(&id).cloned().unwrap_or_else(|| t.t("words-a-task"));
    // Right to left, every value (a Latin name, a time) is isolated so that it cannot reorder
    // the sentence around it.
    let rtl = t.dir() == "rtl";
    let say = |key: &str, vars: &[(&str, &str)]| {
        let isolate = |v: &str| if rtl { format!("\u{2068}{v}\u{2069}") } else { v.to_owned() };
        let owned: Vec<(&str, String)> = std::iter::once(("who", who.as_str())).chain(vars.iter().copied()).map(|(k, v)| (k, isolate(v))).collect();
        let all: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
        t.with(&format!("words-ev-{key}"), &all)
    };
    let Some(e) = DomainEvent::from_row(ev.kind, ev.data) else {
        return say("unknown", &[("what", &humanize(ev.kind))]);
    };
    match e {
        E::LeadReceived { channel: ch, .. } => say("lead-received", &[("channel", &channel(t, &ch))]),
        E::LeadAssigned { owner, .. } => match owner {
            Some(o) => say("lead-assigned", &[("owner", &user(o))]),
            None => say("lead-unassigned", &[]),
        },
        E::LeadUnassigned { .. } => say("lead-unassigned", &[]),
        E::LeadFirstResponse { .. } => say("lead-first-response", &[]),
        E::LeadStageChanged { to, .. } => say("lead-stage-changed", &[("to", &stage(t, book, &to))]),
        E::LeadStatusChanged { to, .. } => say("lead-status-changed", &[("to", &status(t, &to))]),
        E::LeadUpdated(fields) => {
            let list = fields.keys().map(|f| ui_word(t, "field", f)).collect::<Vec<_>>().join(", ");
            say("lead-updated", &[("fields", &list)])
        }
        E::TrackingRevoked { .. } => say("tracking-revoked", &[]),
        E::ActivityLogged { activity: a, direction: d, outcome: o, body, .. } => {
            let mut what = activity(t, &a);
            if let Some(d) = d.as_deref().filter(|_| a == "call" || a == "email") {
                what = format!("{what} ({})", direction(t, d).to_lowercase());
            }
            let detail = match (o, body) {
                (Some(o), _) => Some(outcome(t, book, &o)),
                (None, Some(b)) if !b.trim().is_empty() => Some(format!("“{}”", clip(&b, 80))),
                _ => None,
            };
            match detail {
                Some(d) => say("activity-logged-detail", &[("what", &what), ("detail", &d)]),
                None => say("activity-logged", &[("what", &what)]),
            }
        }
        E::TaskCreated { task: def, title, assignee, due_at, .. } => {
            let title = task_title(t, book, &def, &title);
            match assignee {
                Some(a) => say("task-created", &[("task", &title), ("assignee", &user(a)), ("at", &at(due_at))]),
                None => say("task-created-queue", &[("task", &title), ("at", &at(due_at))]),
            }
        }
        E::TaskRescheduled { task_id, to, .. } => say("task-rescheduled", &[("task", &task_by_id(task_id)), ("at", &at(to))]),
        E::TaskCompleted { task_id, task: def, outcome: o, .. } => {
            let title = names.tasks.get(&task_id).cloned().unwrap_or_else(|| task(t, book, &def));
            say("task-completed", &[("task", &title), ("outcome", &outcome(t, book, &o))])
        }
        E::TaskCancelled { task_ids, task: def, .. } => {
            let what = match (task_ids.as_slice(), def) {
                ([one], _) => task_by_id(*one),
                (_, Some(d)) => task(t, book, &d),
                _ => t.t("words-open-tasks"),
            };
            say("task-cancelled", &[("task", &what)])
        }
        E::TaskReassigned { task_id, to, .. } => say("task-reassigned", &[("task", &task_by_id(task_id)), ("to", &user_opt(to))]),
        E::TaskRetry { task: def, attempt } => say("task-retry", &[("task", &task(t, book, &def)), ("attempt", &attempt.to_string())]),
        E::TaskRetryScheduled { task: def, attempt, at: when, .. } => {
            say("task-retry-scheduled", &[("task", &task(t, book, &def)), ("attempt", &attempt.to_string()), ("at", &at(when))])
        }
        E::TaskRetriesExhausted { task: def, attempts } => {
            say("task-retries-exhausted", &[("task", &task(t, book, &def)), ("n", &attempts.to_string())])
        }
        E::PlaybookRule { rule, .. } => say("playbook-rule", &[("rule", &humanize(&rule))]),
        E::PlaybookLoop { .. } => say("playbook-loop", &[]),
        E::PlaybookLoaded { name, version } => {
            let title = book.def.filter(|p| p.name == name).map(|p| p.title.clone()).unwrap_or_else(|| humanize(&name));
            say("playbook-loaded", &[("name", &title), ("version", &version.to_string())])
        }
        E::SlaStarted { sla: s, due_at, .. } => say("sla-started", &[("sla", &sla(t, book, &s)), ("at", &at(due_at))]),
        E::SlaWarning { sla: s, due_at, .. } => match due_at {
            Some(d) => say("sla-warning", &[("sla", &sla(t, book, &s)), ("at", &at(d))]),
            None => say("sla-warning-soon", &[("sla", &sla(t, book, &s))]),
        },
        E::SlaBreached { sla: s, .. } => say("sla-breached", &[("sla", &sla(t, book, &s))]),
        E::SlaMet { sla: s, .. } => say("sla-met", &[("sla", &sla(t, book, &s))]),
        E::EscalationStep { step, to, channel: ch, .. } => {
            let to = if to.is_empty() { t.t("words-nobody") } else { to.iter().map(|u| user(*u)).collect::<Vec<_>>().join(", ") };
            say("escalation-step", &[("step", &step.to_string()), ("to", &to), ("channel", &notify_channel(t, &ch))])
        }
        E::EscalationSkipped { step, .. } => say("escalation-skipped", &[("step", &step.to_string())]),
        E::EscalationStopped { .. } => say("escalation-stopped", &[]),
        E::AssignmentFailed { .. } => say("assignment-failed", &[]),
        E::TimerFired { due_at, .. } => say("timer-fired", &[("at", &at(due_at))]),
        E::NotificationQueued { channel: ch, user: u, .. } => {
            say("notification-queued", &[("to", &u.map(user).unwrap_or_else(|| t.t("words-to-the-customer"))), ("channel", &notify_channel(t, &ch))])
        }
        E::NotificationSkipped { .. } => say("notification-skipped", &[]),
        E::NotificationHeld { user: u, .. } => say("notification-held", &[("to", &user(u))]),
        E::NotificationRedirected { user: u, .. } => say("notification-redirected", &[("to", &user(u))]),
        E::NotificationDeferred { user: u, until, .. } => say("notification-deferred", &[("to", &user(u)), ("at", &at(until))]),
        E::NotificationSent { of, .. } => say("notification-sent", &[("to", &recipient(t, &of, &user)), ("channel", &notify_channel(t, &of.channel))]),
        E::NotificationDelivered { of, .. } => {
            say("notification-delivered", &[("to", &recipient(t, &of, &user)), ("channel", &notify_channel(t, &of.channel))])
        }
        E::NotificationRetrying { retry_at, of, .. } => {
            let next = micros(&retry_at).map(at).unwrap_or_else(|| t.t("words-later"));
            say("notification-retrying", &[("to", &recipient(t, &of, &user)), ("channel", &notify_channel(t, &of.channel)), ("at", &next)])
        }
        E::NotificationFailed { of, .. } => say("notification-failed", &[("to", &recipient(t, &of, &user)), ("channel", &notify_channel(t, &of.channel))]),
        E::NotificationRequeued { channel: ch, .. } => say("notification-requeued", &[("channel", &notify_channel(t, &ch))]),
        E::NotificationTest { channel: ch, .. } => say("notification-test", &[("channel", &notify_channel(t, &ch))]),
        E::ContactPossibleDuplicate { other_contact_id, .. } => say("contact-possible-duplicate", &[("other", &contact(other_contact_id))]),
        E::ContactMerged { kept, merged, .. } => say("contact-merged", &[("other", &contact(merged)), ("contact", &contact(kept))]),
        E::ContactUnmerged { kept, merged, .. } => say("contact-unmerged", &[("other", &contact(merged)), ("contact", &contact(kept))]),
        E::ContactUpdated { phone, .. } => say("contact-updated", &[("phone", &phone)]),
        E::CustomerCallback { at: when, .. } => say("customer-callback", &[("at", &at(when))]),
        E::CustomerDocument { filename, .. } => say("customer-document", &[("file", &filename)]),
        E::OfferCreated { version, gross, currency, .. } => {
            say("offer-created", &[("version", &version.to_string()), ("gross", &crate::public_offers::amount(t, &gross)), ("currency", &currency)])
        }
        E::OfferSent { version, .. } => say("offer-sent", &[("version", &version.to_string())]),
        E::OfferDecided { version, decision, note, .. } => {
            let v = version.to_string();
            let note = note.unwrap_or_default();
            match decision.as_str() {
                "accept" => say("offer-accepted", &[("version", &v), ("note", &note)]),
                "decline" => say("offer-declined", &[("version", &v), ("note", &note)]),
                _ => say("offer-changes-requested", &[("version", &v), ("note", &note)]),
            }
        }
        E::RequisitesReceived { customer_type, source } => {
            say(&format!("requisites-{source}-{customer_type}"), &[])
        }
        E::InvoiceIssued { number, gross, currency, due_date, .. } => say(
            "invoice-issued",
            &[("number", &number), ("gross", &crate::public_offers::amount(t, &gross)), ("currency", &currency), ("due", &crate::public_offers::date(t, &due_date))],
        ),
        E::DeliveryPlanned { date, driver, .. } => match driver {
            Some(d) => say("delivery-planned-driver", &[("date", &crate::public_offers::date(t, &date)), ("driver", &d)]),
            None => say("delivery-planned", &[("date", &crate::public_offers::date(t, &date))]),
        },
        E::DeliveryPackReady { date, .. } => say("delivery-pack-ready", &[("date", &crate::public_offers::date(t, &date))]),
        E::DeliveryDone { at: when, .. } => say("delivery-done", &[("at", &at(when))]),
        E::ComplaintRecorded { .. } => say("complaint-recorded", &[]),
        E::ComplaintResolved { .. } => say("complaint-resolved", &[]),
        E::PaymentRecorded { number, amount: a, currency, left, .. } => say(
            "payment-recorded",
            &[("number", &number), ("amount", &crate::public_offers::amount(t, &a)), ("currency", &currency), ("left", &crate::public_offers::amount(t, &left))],
        ),
        E::InvoicePaid { number, gross, currency, .. } => {
            say("invoice-paid", &[("number", &number), ("gross", &crate::public_offers::amount(t, &gross)), ("currency", &currency)])
        }
        E::StatementImported { lines, matched, unmatched, .. } => say(
            "payments-imported",
            &[("lines", &lines.to_string()), ("matched", &matched.to_string()), ("unmatched", &unmatched.to_string())],
        ),
        E::StatementLineReviewed { decision, .. } => {
            say(if decision == "assigned" { "payments-reviewed-assigned" } else { "payments-reviewed-dismissed" }, &[])
        }
        E::InvoiceOverdue { number, step, left, .. } => say(
            if step == "escalation" { "invoice-overdue-escalation" } else { "invoice-overdue-reminder" },
            &[("number", &number), ("left", &crate::public_offers::amount(t, &left))],
        ),
        E::PurchaseRequested { supplier, lines, .. } => say("purchase-requested", &[("supplier", &supplier), ("lines", &lines.to_string())]),
        E::PurchaseInvoiceReceived { supplier, number, amount: a, currency, .. } => say(
            "purchase-invoice_received",
            &[("supplier", &supplier), ("number", &number), ("amount", &crate::public_offers::amount(t, &a)), ("currency", &currency)],
        ),
        E::PurchaseOverridden { supplier, reason, .. } => say("purchase-overridden", &[("supplier", &supplier), ("reason", &clip(&reason, 200))]),
        E::PurchasePaid { supplier, .. } => say("purchase-paid", &[("supplier", &supplier)]),
        E::EmailReceived { from, subject, .. } => say(
            "email-received",
            &[("from", &from.unwrap_or_else(|| t.t("words-someone"))), ("subject", &subject.map(|s| clip(&s, 80)).unwrap_or_default())],
        ),
        E::EmailIgnored { from, .. } => say("email-ignored", &[("from", &from.unwrap_or_else(|| t.t("words-someone")))]),
        E::EmailSent { to, subject, .. } => say("email-sent", &[("to", &to), ("subject", &clip(&subject, 80))]),
        E::EmailQueued { to, subject, .. } => say("email-queued", &[("to", &to), ("subject", &clip(&subject, 80))]),
        E::CustomerAnswered { .. } => say("customer-answered", &[]),
        E::MailboxReset { mailbox, .. } => say("mailbox-reset", &[("mailbox", &mailbox)]),
        E::MailboxFailed { mailbox, .. } => say("mailbox-failed", &[("mailbox", &mailbox)]),
        E::MailboxRecovered { mailbox } => say("mailbox-recovered", &[("mailbox", &mailbox)]),
        E::CallEvent { event, direction: d, duration_s, .. } => {
            let what = format!("{} ({})", ui_word(t, "call", &event), direction(t, &d).to_lowercase());
            match duration_s {
                Some(s) if s > 0 => say("call-event-long", &[("what", &what), ("duration", &duration(t, s))]),
                _ => say("call-event", &[("what", &what)]),
            }
        }
        E::ReportSent { recipients, .. } => say("report-sent", &[("n", &recipients.to_string())]),
        E::UserCreated { user_id, role: r, .. } => say("user-created", &[("user", &user(user_id)), ("role", &role(t, &r))]),
        E::UserUpdated { user_id, presence: Some(p), .. } => {
            say("user-presence", &[("user", &user(user_id)), ("presence", &presence(t, &p))])
        }
        E::UserUpdated { user_id, .. } => say("user-updated", &[("user", &user(user_id))]),
        E::UserRoleChanged { user_id, to, .. } => say("user-role-changed", &[("user", &user(user_id)), ("role", &role(t, &to))]),
        E::UserDeactivated { user_id, .. } => say("user-deactivated", &[("user", &user(user_id))]),
        E::UserReactivated { user_id } => say("user-reactivated", &[("user", &user(user_id))]),
        E::UserPasswordChanged { user_id, .. } => say("user-password-changed", &[("user", &user(user_id))]),
        E::UserPasswordReset { user_id, .. } => say("user-password-reset", &[("user", &user(user_id))]),
        E::SessionStarted { user_id } => say("session-started", &[("user", &user(user_id))]),
        E::TokenCreated { name, .. } => say("token-created", &[("name", &name)]),
        E::TokenRevoked { .. } => say("token-revoked", &[]),
        E::WebhookCreated { .. } => say("webhook-created", &[]),
        E::WebhookDeleted { .. } => say("webhook-deleted", &[]),
        E::MessageChanged { language: l, .. } => say("message-changed", &[("language", &language(t, &l))]),
        E::MessageReset { language: l, .. } => say("message-reset", &[("language", &language(t, &l))]),
    }
}

/// A task's title: the playbook's translation when it is the definition's own title, else the
/// title as written (by hand).
pub fn task_title(t: &Tr, book: &Book, def: &str, title: &str) -> String {
    match book.def.and_then(|p| p.tasks.get(def)) {
        Some(d) if d.title == title => task(t, book, def),
        _ => title.to_owned(),
    }
}

/// Who a delivery went to: the user, else the customer.
fn recipient(t: &Tr, of: &pronto_domain::event::Delivery, user: &dyn Fn(i64) -> String) -> String {
    of.user.map(user).unwrap_or_else(|| t.t("words-to-the-customer"))
}

/// A time stored as microseconds since the epoch, as text or a number.
fn micros(s: &str) -> Option<Timestamp> {
    s.trim().parse::<i64>().ok().and_then(|us| Timestamp::from_microsecond(us).ok())
}

/// "45 s", "3 min 5 s".
fn duration(t: &Tr, secs: i64) -> String {
    let (m, s) = (secs / 60, secs % 60);
    match (m, s) {
        (0, s) => t.with("words-seconds", &[("s", &s.to_string())]),
        (m, 0) => t.with("words-minutes", &[("m", &m.to_string())]),
        (m, s) => t.with("words-minutes-seconds", &[("m", &m.to_string()), ("s", &s.to_string())]),
    }
}

fn clip(s: &str, n: usize) -> String {
    let one = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= n { one } else { format!("{}…", one.chars().take(n).collect::<String>().trim_end()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const LANGS: &[&str] = &["en", "cs", "ru", "pl", "he"];

    fn distributor() -> Playbook {
        pronto_playbook::parse(pronto_playbook::builtin("distributor").unwrap()).unwrap()
    }

    #[test]
    fn values_are_named_never_shown_as_ids() {
        let m = Messages::default();
        let pb = distributor();
        let book = Book::new(&m, "distributor", Some(&pb));
        // (function, id, language, expected)
        type F = fn(&Tr, &Book, &str) -> String;
        let cases: &[(&str, F, &str, &str, &str)] = &[
            ("stage", |t, b, i| stage(t, b, i), "received", "en", "Request received"),
            ("stage", |t, b, i| stage(t, b, i), "received", "cs", "Požadavek přijat"),
            ("stage", |t, b, i| stage(t, b, i), "invoiced", "ru", "Счёт выставлен"),
            ("stage", |t, b, i| stage(t, b, i), "some_new_stage", "pl", "Some new stage"),
            ("outcome", |t, b, i| outcome(t, b, i), "manager_busy", "en", "Manager busy"),
            ("outcome", |t, b, i| outcome(t, b, i), "transferred", "cs", "Přepojeno na manažera"),
            ("outcome", |t, b, i| outcome(t, b, i), "no_answer", "he", "אין מענה"),
            ("outcome", |t, b, i| outcome(t, b, i), "out_of_stock", "pl", "Brak w magazynie"),
            ("outcome", |t, b, i| outcome(t, b, i), "left_a_voicemail", "ru", "Left a voicemail"),
            ("sla", |t, b, i| sla(t, b, i), "confirmation", "cs", "Potvrzovací hovor do 10 pracovních minut"),
            ("sla", |t, b, i| sla(t, b, i), "manager_call", "en", "Manager's call within one working hour"),
            ("sla", |t, b, i| sla(t, b, i), "no_such_sla", "en", "No such sla"),
            ("kind", |t, b, i| task_kind(t, b, i), "meeting", "pl", "Spotkanie"),
            ("task", |t, b, i| task(t, b, i), "confirm_call", "en", "Confirmation call: request accepted; ask city, private or legal entity, delivery date, urgency"),
            ("channel", |t, _, i| channel(t, i), "in_person", "en", "In person"),
            ("channel", |t, _, i| channel(t, i), "web", "ru", "Форма на сайте"),
            ("channel", |t, _, i| channel(t, i), "carrier_pigeon", "cs", "Carrier pigeon"),
            ("status", |t, _, i| status(t, i), "won", "pl", "Wygrane"),
            ("role", |t, _, i| role(t, i), "secretary", "cs", "Sekretářka"),
            ("presence", |t, _, i| presence(t, i), "meeting", "he", "בפגישה"),
            ("direction", |t, _, i| direction(t, i), "in", "en", "Incoming"),
            ("priority", |t, _, i| priority(t, i), "urgent", "ru", "Срочный"),
        ];
        for (what, f, id, lang, want) in cases {
            let t = Tr::new(lang);
            assert_eq!(f(&t, &book, id), *want, "{what} `{id}` in {lang}");
        }
        // Every value of every vocabulary has a word in every language (not the humanized id).
        use pronto_domain::lead::{Channel, LeadStatus};
        use pronto_domain::user::Role;
        for lang in LANGS {
            let t = Tr::new(lang);
            let groups: &[(&str, Vec<&str>)] = &[
                ("channel", Channel::ALL.iter().map(|c| c.as_str()).collect()),
                ("status", LeadStatus::ALL.iter().map(|c| c.as_str()).collect()),
                ("role", Role::ALL.iter().map(|c| c.as_str()).collect()),
                ("presence", pronto_playbook::Presence::WORDS.to_vec()),
                ("direction", vec!["in", "out"]),
                ("priority", pronto_playbook::model::Priority::WORDS.to_vec()),
                ("notify", pronto_playbook::model::CHANNELS.to_vec()),
                ("activity", vec!["call", "email", "sms", "meeting", "note", "message", "callback", "document"]),
                ("call", vec!["ringing", "answered", "missed", "ended", "transferred", "returned", "busy", "failed"]),
            ];
            for (group, ids) in groups {
                for id in ids {
                    let key = format!("words-{group}-{id}");
                    assert_ne!(t.t(&key), key, "{lang} has no word {key}");
                }
            }
            for id in pronto_playbook::model::CALL_OUTCOMES.iter().chain(pronto_playbook::model::INCOMING_CALL_OUTCOMES) {
                let w = outcome(&t, &book, id);
                assert!(!w.contains('_') && w != humanize(id) || *lang == "en", "{lang}: outcome {id} is {w}");
            }
        }
    }

    #[test]
    fn humanized_ids_read_as_words() {
        for (id, want) in [("manager_busy", "Manager busy"), ("task.retry_scheduled", "Task retry scheduled"), ("in_person", "In person"), ("", "—")] {
            assert_eq!(humanize(id), want);
        }
    }

    /// One stored row of every kind, as the writers store them.
    fn rows() -> Vec<(&'static str, Value)> {
        let t = "2026-12-02T09:55:00Z";
        let d = |user: Option<i64>| json!({ "notification_id": 5, "channel": "sms", "template": "new_lead", "user": user, "attempt": 1 });
        let with = |mut base: Value, extra: Value| {
            base.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            base
        };
        vec![
            ("lead.received", json!({ "channel": "in_person", "contact_id": 3, "contact_is_new": true, "entered_by": 2, "received_at": t })),
            ("lead.assigned", json!({ "from": 7, "owner": 8 })),
            ("lead.unassigned", json!({ "reason": "deactivated", "by": "playbook" })),
            ("lead.first_response", json!({ "activity_id": 12 })),
            ("lead.stage_changed", json!({ "from": "received", "to": "confirmed", "by": "playbook" })),
            ("lead.status_changed", json!({ "from": "open", "to": "won" })),
            ("lead.updated", json!({ "subject": { "from": null, "to": "Roof" }, "postal_code": { "from": "a", "to": "b" } })),
            ("tracking.revoked", json!({ "generation": 2 })),
            ("activity.logged", json!({ "activity_id": 12, "activity": "call", "direction": "in", "outcome": "manager_busy" })),
            ("task.created", json!({ "task_id": 4, "task": "confirm_call", "title": "Confirm", "kind": "call", "assignee": 8, "role": null, "priority": "urgent", "due_at": t, "attempt": 1 })),
            ("task.rescheduled", json!({ "task_id": 4, "from": t, "to": "2026-12-02T12:00:00Z" })),
            ("task.completed", json!({ "task_id": 4, "task": "confirm_call", "outcome": "transferred", "note": null, "attempt": 1 })),
            ("task.cancelled", json!({ "task_ids": [4, 5], "task": "confirm_call", "reason": "response" })),
            ("task.reassigned", json!({ "task_id": 4, "from": 7, "to": 8, "reason": "hand_over" })),
            ("task.retry", json!({ "task": "confirm_call", "attempt": 2 })),
            ("task.retry_scheduled", json!({ "task": "confirm_call", "attempt": 2, "at": t, "after": "5m" })),
            ("task.retries_exhausted", json!({ "task": "confirm_call", "attempts": 3 })),
            ("playbook.rule", json!({ "rule": "call-transferred", "on": "activity.logged" })),
            ("playbook.loop", json!({ "reason": "rules_cascade" })),
            ("playbook.loaded", json!({ "name": "distributor", "version": 3 })),
            ("sla.started", json!({ "sla": "confirmation", "title": "Confirmation", "due_at": t })),
            ("sla.warning", json!({ "sla": "confirmation", "title": "Confirmation", "due_at": t })),
            ("sla.breached", json!({ "sla": "manager_call", "title": "Manager call", "due_at": t })),
            ("sla.met", json!({ "sla": "confirmation", "how": "activity.logged" })),
            ("escalation.step", json!({ "escalation": "no_reaction", "step": 1, "to": [7, 8], "channel": "in_app" })),
            ("escalation.skipped", json!({ "escalation": "no_reaction", "step": 2, "reason": "no_recipient" })),
            ("escalation.stopped", json!({ "escalation": "no_reaction" })),
            ("assignment.failed", json!({ "assignment": "managers", "reason": "nobody_available" })),
            ("timer.fired", json!({ "timer_id": 9, "timer": "sla:confirmation:breach", "due_at": t })),
            ("notification.queued", json!({ "channel": "in_app", "user": 8, "template": "new_request", "urgent": true })),
            ("notification.skipped", json!({ "template": "new_request", "reason": "no_address" })),
            ("notification.held", json!({ "user": 8, "template": "new_request", "reason": "off_hours" })),
            ("notification.redirected", json!({ "user": 8, "template": "new_request", "reason": "away", "escalation": "no_reaction" })),
            ("notification.deferred", json!({ "user": 8, "template": "new_request", "until": t, "reason": "quiet_hours" })),
            ("notification.sent", with(d(Some(8)), json!({ "provider_id": "msg_1" }))),
            ("notification.delivered", d(None)),
            ("notification.retrying", with(d(Some(8)), json!({ "error": "timeout", "retry_at": "1796264227646552" }))),
            ("notification.failed", with(d(Some(8)), json!({ "error": "rejected" }))),
            ("notification.requeued", json!({ "notification_id": 5, "channel": "email" })),
            ("notification.test", json!({ "channel": "sms", "address": "+420601234567", "notification_id": 5 })),
            ("contact.possible_duplicate", json!({ "contact_id": 3, "other_contact_id": 4 })),
            ("contact.merged", json!({ "kept": 3, "merged": 4, "leads_moved": [1, 2] })),
            ("contact.unmerged", json!({ "kept": 3, "merged": 4, "leads_moved": [1, 2] })),
            ("contact.updated", json!({ "phone": "+420601234567", "from": "call" })),
            ("customer.callback", json!({ "at": t, "task_id": 4 })),
            ("offer.created", json!({ "offer_id": 3, "version": 2, "gross": "1210.00", "currency": "CZK", "superseded": [2] })),
            ("offer.sent", json!({ "offer_id": 3, "version": 2, "to": "eva@example.com" })),
            ("offer.decided", json!({ "offer_id": 3, "version": 2, "decision": "changes", "note": "Start with one service" })),
            ("requisites.received", json!({ "customer_type": "b2b", "source": "customer" })),
            ("invoice.issued", json!({ "invoice_id": 4, "offer_id": 3, "number": "20260001", "gross": "1210.00", "currency": "CZK", "due_date": "2026-12-17", "contract": false, "to": "eva@example.com" })),
            ("delivery.planned", json!({ "delivery_id": 5, "date": "2026-12-10", "driver": "Ivan", "pack_at": t })),
            ("delivery.pack_ready", json!({ "delivery_id": 5, "date": "2026-12-10", "documents": ["invoice", "vat_invoice", "delivery_note"] })),
            ("delivery.done", json!({ "delivery_id": 5, "at": t })),
            ("complaint.recorded", json!({ "complaint_id": 6, "task_id": 23, "owner_id": 2, "channel": "phone" })),
            ("complaint.resolved", json!({ "complaint_id": 6 })),
            ("payment.recorded", json!({ "invoice_id": 4, "payment_id": 9, "number": "20260001", "amount": "210.00", "currency": "CZK", "paid": "210.00", "left": "1000.00", "source": "api" })),
            ("invoice.paid", json!({ "invoice_id": 4, "number": "20260001", "gross": "1210.00", "currency": "CZK", "to": "eva@example.com" })),
            ("payments.imported", json!({ "statement_id": 2, "format": "gpc", "lines": 5, "matched": 3, "unmatched": 2 })),
            ("payments.reviewed", json!({ "line_id": 7, "decision": "assigned", "invoice_id": 4 })),
            ("invoice.overdue", json!({ "invoice_id": 4, "number": "20260001", "step": "reminder", "left": "1210.00" })),
            ("purchase.requested", json!({ "purchase_id": 5, "offer_id": 3, "supplier": "Yamaha Music", "lines": 2 })),
            ("purchase.invoice_received", json!({ "purchase_id": 5, "supplier": "Yamaha Music", "number": "FV-118", "amount": "900.00", "currency": "CZK", "filename": "fv118.pdf" })),
            ("purchase.overridden", json!({ "purchase_id": 5, "supplier": "Yamaha Music", "reason": "paid in advance" })),
            ("purchase.paid", json!({ "purchase_id": 5, "supplier": "Yamaha Music" })),
            ("customer.document", json!({ "file_id": 1, "filename": "Objednávka 12", "content_type": "application/pdf", "size": 1000 })),
            ("email.received", json!({ "email_id": 1, "from": "Jana Nováková", "subject": "Dotaz", "reply": false, "attachments": 0, "mailbox": "sales" })),
            ("email.ignored", json!({ "mailbox": "sales", "from": "Jana Nováková", "subject": "Spam", "reason": "auto_reply" })),
            ("email.sent", json!({ "email_id": 2, "to": "Jana Nováková", "subject": "Nabídka" })),
            ("email.queued", json!({ "email_id": 2, "to": "Jana Nováková", "subject": "Nabídka" })),
            ("customer.answered", json!({ "activity_id": 7 })),
            ("mailbox.reset", json!({ "mailbox": "sales", "uidvalidity": 2, "was": 1 })),
            ("mailbox.failed", json!({ "mailbox": "sales", "error": "auth_failed", "admins": 1 })),
            ("mailbox.recovered", json!({ "mailbox": "sales" })),
            ("call.event", json!({ "call": 1, "event": "transferred", "direction": "in", "at": t, "duration_s": 75 })),
            ("report.sent", json!({ "report": "daily_sales", "from": t, "to": t, "recipients": 3 })),
            ("user.created", json!({ "user_id": 8, "login": "marek", "role": "secretary" })),
            ("user.updated", json!({ "user_id": 8, "presence": "meeting" })),
            ("user.role_changed", json!({ "user_id": 8, "from": "consultant", "to": "manager" })),
            ("user.deactivated", json!({ "user_id": 8, "leads": 1, "tasks": 2, "reassigned": 3, "sessions_ended": 1, "tokens_revoked": 0 })),
            ("user.reactivated", json!({ "user_id": 8 })),
            ("user.password_changed", json!({ "user_id": 8, "sessions_ended": 1, "tokens_revoked": 0 })),
            ("user.password_reset", json!({ "user_id": 8, "sessions_ended": 1, "tokens_revoked": 0 })),
            ("session.started", json!({ "user_id": 8 })),
            ("token.created", json!({ "user_id": 8, "token_id": 1, "name": "Ústředna", "expires_at": null })),
            ("token.revoked", json!({ "user_id": 8, "token_id": 1 })),
            ("webhook.created", json!({ "webhook_id": 1, "url": "https://hooks.example.com/x", "events": ["lead.received"] })),
            ("webhook.deleted", json!({ "webhook_id": 1 })),
            ("message.changed", json!({ "playbook": "distributor", "template": "new_request", "language": "cs" })),
            ("message.reset", json!({ "playbook": "distributor", "template": "new_request", "language": "cs" })),
        ]
    }

    /// An id of the code (`task.retry_scheduled`, `manager_busy`, `in_app`) in a text.
    fn raw_id(s: &str) -> Option<String> {
        s.split(|c: char| c.is_whitespace() || "“”„«»\"(),:;!?".contains(c))
            .map(|w| w.trim_end_matches('.'))
            .find(|w| {
                let mut parts = w.split(['_', '.']);
                w.contains(['_', '.'])
                    && w.chars().any(|c| c.is_ascii_alphabetic())
                    && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
            })
            .map(str::to_owned)
    }

    /// An RFC 3339 UTC time (`2026-12-02T09:55:00Z`) or microseconds since the epoch.
    fn utc_or_micros(s: &str) -> bool {
        let b = s.as_bytes();
        let utc = b.windows(20).any(|w| w[4] == b'-' && w[10] == b'T' && w[19] == b'Z' && w[..4].iter().all(u8::is_ascii_digit));
        let micros = s.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() >= 16);
        utc || micros
    }

    #[test]
    fn every_event_kind_is_a_sentence_in_every_language() {
        let rows = rows();
        let kinds: Vec<&str> = rows.iter().map(|(k, _)| *k).collect();
        for k in DomainEvent::KINDS {
            assert!(kinds.contains(k), "no sample row of `{k}`");
        }
        assert_eq!(rows.len(), DomainEvent::KINDS.len());
        let m = Messages::default();
        let pb = distributor();
        let book = Book::new(&m, "distributor", Some(&pb));
        let names = Names {
            users: [(7, "Jana Nováková".to_owned()), (8, "Marek Dvořák".to_owned())].into(),
            contacts: [(3, "Petr Svoboda".to_owned()), (4, "Petr Svoboda (2)".to_owned())].into(),
            tasks: [(4, "Call the customer".to_owned())].into(),
        };
        let zone = TimeZone::get("Europe/Prague").unwrap();
        let at: Timestamp = "2026-12-02T09:50:00Z".parse().unwrap();
        for lang in LANGS {
            let t = Tr::new(lang);
            for (kind, data) in &rows {
                assert!(DomainEvent::from_row(kind, data).is_some(), "the sample of {kind} does not read back");
                for actor in [Some("Jana Nováková"), None] {
                    let ev = Stored { at, kind, data, actor };
                    let (time, s) = line(&t, &book, &ev, &names, &zone);
                    assert_eq!(time, "10:50", "{kind}");
                    let ctx = format!("{lang} {kind} {actor:?}: {s}");
                    assert!(!s.is_empty() && !s.contains("words-"), "{ctx}");
                    assert!(raw_id(&s).is_none(), "{ctx}: raw id {:?}", raw_id(&s));
                    assert!(!utc_or_micros(&s), "{ctx}: a UTC time");
                    assert!(!s.contains(['{', '}', '[', ']']), "{ctx}: braces");
                    assert!(!s.contains(kind), "{ctx}: the kind");
                    if actor.is_some() {
                        assert!(s.contains("Jana Nováková"), "{ctx}: no actor");
                    }
                }
            }
        }
    }

    #[test]
    fn the_example_of_the_issue_reads_as_a_sentence_with_local_times() {
        let m = Messages::default();
        let pb = distributor();
        let book = Book::new(&m, "distributor", Some(&pb));
        let names = Names::default();
        let zone = TimeZone::get("Europe/Prague").unwrap();
        let at: Timestamp = "2026-12-02T09:55:00Z".parse().unwrap();
        let t = Tr::new("en");
        let call = json!({ "activity_id": 1, "activity": "call", "direction": "out", "outcome": "no_answer" });
        let ev = Stored { at, kind: "activity.logged", data: &call, actor: Some("Jana Nováková") };
        assert_eq!(line(&t, &book, &ev, &names, &zone), ("10:55".to_owned(), "Jana Nováková logged a call (outgoing): No answer.".to_owned()));
        // Right to left, a Latin name is isolated so that it cannot turn the sentence around.
        let he = sentence(&Tr::new("he"), &book, &ev, &names, &zone);
        assert_eq!(he, "\u{2068}Jana Nováková\u{2069}: \u{2068}שיחה (יוצאת)\u{2069} – \u{2068}אין מענה\u{2069}.");
        let retry = json!({ "task": "confirm_call", "attempt": 2, "at": "2026-12-02T10:25:00Z", "after": "30m" });
        let ev = Stored { at, kind: "task.retry_scheduled", data: &retry, actor: None };
        let s = sentence(&t, &book, &ev, &names, &zone);
        assert!(s.ends_with("Next attempt at 11:25."), "{s}");
        let micros = json!({ "notification_id": 5, "channel": "sms", "template": "x", "attempt": 1, "error": "e", "retry_at": "1796264227646552" });
        let ev = Stored { at, kind: "notification.retrying", data: &micros, actor: None };
        let s = sentence(&Tr::new("cs"), &book, &ev, &names, &zone);
        // 1796264227646552 µs is 2026-12-03T02:17:07Z: 03:17 the next day in Prague.
        assert!(s.ends_with("další pokus v 3.12. 03:17.") && !s.contains("1796264227646552"), "{s}");
        // Another day shows the date.
        let next_day = json!({ "at": "2026-12-03T08:00:00Z", "task_id": 4 });
        let ev = Stored { at, kind: "customer.callback", data: &next_day, actor: None };
        assert_eq!(sentence(&t, &book, &ev, &names, &zone), "The customer asked to be called back at 3.12. 09:00.");
    }
}
