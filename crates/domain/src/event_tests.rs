//! Every kind against the exact row its writer stored before the events were typed (the
//! `json!` of each writer, copied with sample values): a renamed or dropped field fails here.

use super::*;
use serde_json::json;

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn of(user: Option<i64>) -> Delivery {
    Delivery { notification_id: 5, channel: "sms".into(), template: "new_lead".into(), user, attempt: 1 }
}

/// (the event, its kind, the row today's writers store)
fn cases() -> Vec<(DomainEvent, &'static str, Value)> {
    use DomainEvent::*;
    let t = at("2026-03-02T09:00:00Z");
    let t2 = at("2026-03-02T10:30:00.5Z");
    let s = |v: &str| v.to_owned();
    vec![
        // crates/store create_lead (nulls stripped)
        (
            LeadReceived {
                channel: s("web"),
                contact_id: 3,
                contact_is_new: true,
                company_id: Some(4),
                source: Some(s("google")),
                entered_by: Some(2),
                received_at: t,
            },
            "lead.received",
            json!({ "channel": "web", "contact_id": 3, "contact_is_new": true, "company_id": 4, "source": "google",
                    "entered_by": 2, "received_at": "2026-03-02T09:00:00Z" }),
        ),
        (
            LeadReceived {
                channel: s("email"),
                contact_id: 3,
                contact_is_new: false,
                company_id: None,
                source: None,
                entered_by: None,
                received_at: t,
            },
            "lead.received",
            json!({ "channel": "email", "contact_id": 3, "contact_is_new": false, "received_at": "2026-03-02T09:00:00Z" }),
        ),
        // effects::lead_changed (by hand), to someone and to nobody
        (LeadAssigned { from: Some(None), owner: Some(7), reason: None, by: None }, "lead.assigned", json!({ "from": null, "owner": 7 })),
        (LeadAssigned { from: Some(Some(7)), owner: Some(8), reason: None, by: None }, "lead.assigned", json!({ "from": 7, "owner": 8 })),
        // create_lead: an owner given at intake
        (
            LeadAssigned { from: None, owner: Some(7), reason: Some(s("given at intake")), by: None },
            "lead.assigned",
            json!({ "owner": 7, "reason": "given at intake" }),
        ),
        // process: Assign and HandOver
        (
            LeadAssigned { from: None, owner: Some(7), reason: Some(s("assignment `web`, round robin")), by: Some(s("playbook")) },
            "lead.assigned",
            json!({ "owner": 7, "reason": "assignment `web`, round robin", "by": "playbook" }),
        ),
        (
            LeadUnassigned { reason: s("the owner left"), by: s("playbook") },
            "lead.unassigned",
            json!({ "reason": "the owner left", "by": "playbook" }),
        ),
        (LeadFirstResponse { activity_id: 9 }, "lead.first_response", json!({ "activity_id": 9 })),
        // by hand, by the playbook
        (
            LeadStageChanged { from: Some(s("received")), to: s("contacted"), by: None },
            "lead.stage_changed",
            json!({ "from": "received", "to": "contacted" }),
        ),
        (
            LeadStageChanged { from: Some(s("received")), to: s("won"), by: Some(s("playbook")) },
            "lead.stage_changed",
            json!({ "from": "received", "to": "won", "by": "playbook" }),
        ),
        (
            LeadStatusChanged { from: Some(s("open")), to: s("lost"), by: None },
            "lead.status_changed",
            json!({ "from": "open", "to": "lost" }),
        ),
        (
            LeadStatusChanged { from: None, to: s("won"), by: Some(s("playbook")) },
            "lead.status_changed",
            json!({ "to": "won", "by": "playbook" }),
        ),
        (
            LeadUpdated(BTreeMap::from([
                (s("subject"), FromTo { from: json!(null), to: json!("Roof") }),
                (s("product"), FromTo { from: json!("a"), to: json!(null) }),
            ])),
            "lead.updated",
            json!({ "subject": { "from": null, "to": "Roof" }, "product": { "from": "a", "to": null } }),
        ),
        (TrackingRevoked { generation: 2 }, "tracking.revoked", json!({ "generation": 2 })),
        // effects::activity_logged (nulls stripped)
        (
            ActivityLogged {
                activity_id: 11,
                activity: s("call"),
                direction: Some(s("out")),
                outcome: Some(s("reached")),
                body: Some(s("ok")),
            },
            "activity.logged",
            json!({ "activity_id": 11, "activity": "call", "direction": "out", "outcome": "reached", "body": "ok" }),
        ),
        (
            ActivityLogged { activity_id: 12, activity: s("note"), direction: None, outcome: None, body: None },
            "activity.logged",
            json!({ "activity_id": 12, "activity": "note" }),
        ),
        // task.created, writer 1: the playbook (process.rs)
        (
            DomainEvent::task_by_playbook(20, "first_call", "Call the customer", "call", None, Some("consultant"), "high", t, 1),
            "task.created",
            json!({ "task_id": 20, "task": "first_call", "title": "Call the customer", "kind": "call", "assignee": null,
                    "role": "consultant", "priority": "high", "due_at": "2026-03-02T09:00:00Z", "attempt": 1 }),
        ),
        (
            DomainEvent::task_by_playbook(21, "first_call", "Call", "call", Some(7), None, "normal", t, 2),
            "task.created",
            json!({ "task_id": 21, "task": "first_call", "title": "Call", "kind": "call", "assignee": 7,
                    "role": null, "priority": "normal", "due_at": "2026-03-02T09:00:00Z", "attempt": 2 }),
        ),
        // task.created, writer 2: by hand (CreateTask)
        (
            DomainEvent::task_by_hand(22, "Send the offer", None, t),
            "task.created",
            json!({ "task_id": 22, "task": "manual", "title": "Send the offer", "assignee": null,
                    "due_at": "2026-03-02T09:00:00Z", "by": "hand" }),
        ),
        // task.created, writer 3: the customer's call-back (customer.rs)
        (
            DomainEvent::task_for_customer(23, "Call back at Mon 02 Mar 10:00: the customer asked on their page", Some(7), t),
            "task.created",
            json!({ "task_id": 23, "task": "customer_callback", "title": "Call back at Mon 02 Mar 10:00: the customer asked on their page",
                    "assignee": 7, "due_at": "2026-03-02T09:00:00Z", "by": "customer" }),
        ),
        (
            TaskRescheduled { task_id: 22, from: t, to: t2 },
            "task.rescheduled",
            json!({ "task_id": 22, "from": "2026-03-02T09:00:00Z", "to": "2026-03-02T10:30:00.5Z" }),
        ),
        (
            TaskCompleted { task_id: 20, task: s("first_call"), outcome: s("reached"), note: None, attempt: 1 },
            "task.completed",
            json!({ "task_id": 20, "task": "first_call", "outcome": "reached", "note": null, "attempt": 1 }),
        ),
        (
            TaskCompleted { task_id: 20, task: s("first_call"), outcome: s("no_answer"), note: Some(s("voicemail")), attempt: 2 },
            "task.completed",
            json!({ "task_id": 20, "task": "first_call", "outcome": "no_answer", "note": "voicemail", "attempt": 2 }),
        ),
        (
            TaskCancelled { task_ids: vec![20, 21], task: None, reason: s("the lead was closed (won)") },
            "task.cancelled",
            json!({ "task_ids": [20, 21], "task": null, "reason": "the lead was closed (won)" }),
        ),
        (
            TaskCancelled { task_ids: vec![20], task: Some(s("first_call")), reason: s("the customer was reached") },
            "task.cancelled",
            json!({ "task_ids": [20], "task": "first_call", "reason": "the customer was reached" }),
        ),
        (
            TaskReassigned { task_id: 20, from: Some(7), to: None, reason: s("Jana left") },
            "task.reassigned",
            json!({ "task_id": 20, "from": 7, "to": null, "reason": "Jana left" }),
        ),
        (TaskRetry { task: s("first_call"), attempt: 2 }, "task.retry", json!({ "task": "first_call", "attempt": 2 })),
        (
            TaskRetryScheduled { task: s("first_call"), attempt: 2, at: t, after: s("no_answer") },
            "task.retry_scheduled",
            json!({ "task": "first_call", "attempt": 2, "at": "2026-03-02T09:00:00Z", "after": "no_answer" }),
        ),
        (
            TaskRetriesExhausted { task: s("first_call"), attempts: 3 },
            "task.retries_exhausted",
            json!({ "task": "first_call", "attempts": 3 }),
        ),
        // the playbook engine
        (PlaybookRule { rule: s("assign"), on: s("lead.received") }, "playbook.rule", json!({ "rule": "assign", "on": "lead.received" })),
        (
            PlaybookLoop { reason: s("stage changes cascaded more than 8 times; stopped") },
            "playbook.loop",
            json!({ "reason": "stage changes cascaded more than 8 times; stopped" }),
        ),
        (PlaybookLoaded { name: s("agency"), version: 3 }, "playbook.loaded", json!({ "name": "agency", "version": 3 })),
        (
            SlaStarted { sla: s("first_response"), title: s("First response"), due_at: t },
            "sla.started",
            json!({ "sla": "first_response", "title": "First response", "due_at": "2026-03-02T09:00:00Z" }),
        ),
        (
            SlaWarning { sla: s("first_response"), title: s("First response"), due_at: Some(t) },
            "sla.warning",
            json!({ "sla": "first_response", "title": "First response", "due_at": "2026-03-02T09:00:00Z" }),
        ),
        (
            SlaBreached { sla: s("first_response"), title: s("First response"), due_at: None },
            "sla.breached",
            json!({ "sla": "first_response", "title": "First response", "due_at": null }),
        ),
        (SlaMet { sla: s("first_response"), how: s("met") }, "sla.met", json!({ "sla": "first_response", "how": "met" })),
        (
            EscalationStep { escalation: s("unanswered"), step: 1, to: vec![3, 4], channel: s("sms") },
            "escalation.step",
            json!({ "escalation": "unanswered", "step": 1, "to": [3, 4], "channel": "sms" }),
        ),
        (
            EscalationSkipped { escalation: s("unanswered"), step: 2, reason: s("nobody in this step") },
            "escalation.skipped",
            json!({ "escalation": "unanswered", "step": 2, "reason": "nobody in this step" }),
        ),
        (EscalationStopped { escalation: s("unanswered") }, "escalation.stopped", json!({ "escalation": "unanswered" })),
        (
            AssignmentFailed { assignment: s("web"), reason: s("nobody can take it") },
            "assignment.failed",
            json!({ "assignment": "web", "reason": "nobody can take it" }),
        ),
        (
            TimerFired { timer_id: 30, timer: s("sla:first_response:breach"), due_at: t },
            "timer.fired",
            json!({ "timer_id": 30, "timer": "sla:first_response:breach", "due_at": "2026-03-02T09:00:00Z" }),
        ),
        // notifications: process (queued), engine (skipped … deferred), the alerts worker
        (
            NotificationQueued { channel: s("sms"), user: Some(7), template: s("new_lead"), urgent: true },
            "notification.queued",
            json!({ "channel": "sms", "user": 7, "template": "new_lead", "urgent": true }),
        ),
        (
            NotificationQueued { channel: s("email"), user: None, template: s("thanks"), urgent: false },
            "notification.queued",
            json!({ "channel": "email", "user": null, "template": "thanks", "urgent": false }),
        ),
        (
            NotificationSkipped { template: s("thanks"), reason: s("the customer has no email address") },
            "notification.skipped",
            json!({ "template": "thanks", "reason": "the customer has no email address" }),
        ),
        (
            NotificationHeld { user: 7, template: s("new_lead"), reason: s("Jana has no sms address") },
            "notification.held",
            json!({ "user": 7, "template": "new_lead", "reason": "Jana has no sms address" }),
        ),
        (
            NotificationRedirected { user: 7, template: s("new_lead"), reason: s("Jana is away"), escalation: s("urgent") },
            "notification.redirected",
            json!({ "user": 7, "template": "new_lead", "reason": "Jana is away", "escalation": "urgent" }),
        ),
        (
            NotificationDeferred { user: 7, template: s("new_lead"), until: t, reason: s("outside working time; not urgent") },
            "notification.deferred",
            json!({ "user": 7, "template": "new_lead", "until": "2026-03-02T09:00:00Z", "reason": "outside working time; not urgent" }),
        ),
        // record_delivery: the outcome's fields, then the notification's; nulls stripped
        (
            DomainEvent::notification_sent(false, Some(s("sm-1")), of(Some(7))),
            "notification.sent",
            json!({ "provider_id": "sm-1", "notification_id": 5, "channel": "sms", "template": "new_lead", "user": 7, "attempt": 1 }),
        ),
        (
            DomainEvent::notification_sent(true, None, of(None)),
            "notification.delivered",
            json!({ "notification_id": 5, "channel": "sms", "template": "new_lead", "attempt": 1 }),
        ),
        (
            NotificationRetrying { error: s("503"), retry_at: s("1772442000000000"), of: of(Some(7)) },
            "notification.retrying",
            json!({ "error": "503", "retry_at": "1772442000000000", "notification_id": 5, "channel": "sms", "template": "new_lead",
                    "user": 7, "attempt": 1 }),
        ),
        (
            NotificationFailed { error: s("invalid number"), of: of(None) },
            "notification.failed",
            json!({ "error": "invalid number", "notification_id": 5, "channel": "sms", "template": "new_lead", "attempt": 1 }),
        ),
        (
            NotificationRequeued { notification_id: 5, channel: s("webhook") },
            "notification.requeued",
            json!({ "notification_id": 5, "channel": "webhook" }),
        ),
        (
            NotificationTest { channel: s("sms"), address: s("+420777000111"), notification_id: 6 },
            "notification.test",
            json!({ "channel": "sms", "address": "+420777000111", "notification_id": 6 }),
        ),
        // contacts
        (
            ContactPossibleDuplicate { contact_id: 3, other_contact_id: 2 },
            "contact.possible_duplicate",
            json!({ "contact_id": 3, "other_contact_id": 2 }),
        ),
        (
            ContactMerged { kept: 2, merged: 3, leads_moved: vec![10, 11] },
            "contact.merged",
            json!({ "kept": 2, "merged": 3, "leads_moved": [10, 11] }),
        ),
        (
            ContactUnmerged { kept: 2, merged: 3, leads_moved: vec![10, 11] },
            "contact.unmerged",
            json!({ "kept": 2, "merged": 3, "leads_moved": [10, 11] }),
        ),
        (
            ContactUpdated { phone: s("+420777000111"), from: s("the e-mail signature") },
            "contact.updated",
            json!({ "phone": "+420777000111", "from": "the e-mail signature" }),
        ),
        // offers
        (
            OfferCreated { offer_id: 3, version: 2, gross: s("1210.00"), currency: s("CZK"), superseded: vec![2] },
            "offer.created",
            json!({ "offer_id": 3, "version": 2, "gross": "1210.00", "currency": "CZK", "superseded": [2] }),
        ),
        (OfferSent { offer_id: 3, version: 2, to: Some(s("jan@example.com")) }, "offer.sent", json!({ "offer_id": 3, "version": 2, "to": "jan@example.com" })),
        (
            OfferDecided { offer_id: 3, version: 2, decision: s("changes"), note: None },
            "offer.decided",
            json!({ "offer_id": 3, "version": 2, "decision": "changes", "note": null }),
        ),
        // requisites (issue 21)
        (
            RequisitesReceived { customer_type: s("b2b"), source: s("customer") },
            "requisites.received",
            json!({ "customer_type": "b2b", "source": "customer" }),
        ),
        // invoices
        (
            InvoiceIssued {
                invoice_id: 4,
                offer_id: 3,
                number: s("20260001"),
                gross: s("1210.00"),
                currency: s("CZK"),
                due_date: s("2026-12-17"),
                contract: true,
                to: Some(s("jan@example.com")),
            },
            "invoice.issued",
            json!({ "invoice_id": 4, "offer_id": 3, "number": "20260001", "gross": "1210.00", "currency": "CZK", "due_date": "2026-12-17", "contract": true, "to": "jan@example.com" }),
        ),
        // deliveries and complaints
        (
            DeliveryPlanned { delivery_id: 5, date: s("2026-12-10"), driver: Some(s("Ivan")), pack_at: t },
            "delivery.planned",
            json!({ "delivery_id": 5, "date": "2026-12-10", "driver": "Ivan", "pack_at": "2026-03-02T09:00:00Z" }),
        ),
        (
            DeliveryPackReady { delivery_id: 5, date: s("2026-12-10"), documents: vec![s("invoice"), s("delivery_note")] },
            "delivery.pack_ready",
            json!({ "delivery_id": 5, "date": "2026-12-10", "documents": ["invoice", "delivery_note"] }),
        ),
        (DeliveryDone { delivery_id: 5, at: t }, "delivery.done", json!({ "delivery_id": 5, "at": "2026-03-02T09:00:00Z" })),
        (
            ComplaintRecorded { complaint_id: 6, task_id: 23, owner_id: Some(2), channel: s("phone") },
            "complaint.recorded",
            json!({ "complaint_id": 6, "task_id": 23, "owner_id": 2, "channel": "phone" }),
        ),
        (ComplaintResolved { complaint_id: 6 }, "complaint.resolved", json!({ "complaint_id": 6 })),
        // payments
        (
            PaymentRecorded {
                invoice_id: 4,
                payment_id: 9,
                number: s("20260001"),
                amount: s("210.00"),
                currency: s("CZK"),
                paid: s("210.00"),
                left: s("1000.00"),
                source: s("api"),
            },
            "payment.recorded",
            json!({ "invoice_id": 4, "payment_id": 9, "number": "20260001", "amount": "210.00", "currency": "CZK", "paid": "210.00", "left": "1000.00", "source": "api" }),
        ),
        (
            InvoicePaid { invoice_id: 4, number: s("20260001"), gross: s("1210.00"), currency: s("CZK"), to: None },
            "invoice.paid",
            json!({ "invoice_id": 4, "number": "20260001", "gross": "1210.00", "currency": "CZK", "to": null }),
        ),
        (
            StatementImported { statement_id: 2, format: s("gpc"), lines: 5, matched: 3, unmatched: 2 },
            "payments.imported",
            json!({ "statement_id": 2, "format": "gpc", "lines": 5, "matched": 3, "unmatched": 2 }),
        ),
        (
            StatementLineReviewed { line_id: 7, decision: s("assigned"), invoice_id: Some(4) },
            "payments.reviewed",
            json!({ "line_id": 7, "decision": "assigned", "invoice_id": 4 }),
        ),
        (
            InvoiceOverdue { invoice_id: 4, number: s("20260001"), step: s("reminder"), left: s("1210.00") },
            "invoice.overdue",
            json!({ "invoice_id": 4, "number": "20260001", "step": "reminder", "left": "1210.00" }),
        ),
        // the supplier's purchase
        (
            PurchaseRequested { purchase_id: 5, offer_id: Some(3), supplier: s("Yamaha Music"), lines: 2 },
            "purchase.requested",
            json!({ "purchase_id": 5, "offer_id": 3, "supplier": "Yamaha Music", "lines": 2 }),
        ),
        (
            PurchaseInvoiceReceived {
                purchase_id: 5,
                supplier: s("Yamaha Music"),
                number: s("FV-2026-118"),
                amount: s("900.00"),
                currency: s("CZK"),
                filename: s("fv118.pdf"),
            },
            "purchase.invoice_received",
            json!({ "purchase_id": 5, "supplier": "Yamaha Music", "number": "FV-2026-118", "amount": "900.00", "currency": "CZK", "filename": "fv118.pdf" }),
        ),
        (
            PurchaseOverridden { purchase_id: 5, supplier: s("Yamaha Music"), reason: s("paid in advance") },
            "purchase.overridden",
            json!({ "purchase_id": 5, "supplier": "Yamaha Music", "reason": "paid in advance" }),
        ),
        (PurchasePaid { purchase_id: 5, supplier: s("Yamaha Music") }, "purchase.paid", json!({ "purchase_id": 5, "supplier": "Yamaha Music" })),
        // the customer's page
        (CustomerCallback { at: t, task_id: 23 }, "customer.callback", json!({ "at": "2026-03-02T09:00:00Z", "task_id": 23 })),
        (CustomerAnswered { activity_id: 31 }, "customer.answered", json!({ "activity_id": 31 })),
        (
            CustomerDocument { file_id: 4, filename: s("ico.pdf"), content_type: s("application/pdf"), size: 1200 },
            "customer.document",
            json!({ "file_id": 4, "filename": "ico.pdf", "content_type": "application/pdf", "size": 1200 }),
        ),
        // mail: a reply, a new lead's e-mail, an ignored one
        (
            EmailReceived { email_id: 8, from: Some(s("jan@example.com")), subject: None, reply: true, attachments: 0, mailbox: None },
            "email.received",
            json!({ "email_id": 8, "from": "jan@example.com", "subject": null, "reply": true, "attachments": 0 }),
        ),
        (
            EmailReceived { email_id: 9, from: None, subject: Some(s("Roof")), reply: false, attachments: 2, mailbox: Some(s("INBOX")) },
            "email.received",
            json!({ "email_id": 9, "from": null, "subject": "Roof", "reply": false, "attachments": 2, "mailbox": "INBOX" }),
        ),
        (
            EmailIgnored { mailbox: s("INBOX"), from: Some(s("noreply@x.cz")), subject: None, reason: s("automatic reply") },
            "email.ignored",
            json!({ "mailbox": "INBOX", "from": "noreply@x.cz", "subject": null, "reason": "automatic reply" }),
        ),
        (
            EmailQueued { email_id: 10, to: s("jan@example.com"), subject: s("Re: Roof") },
            "email.queued",
            json!({ "email_id": 10, "to": "jan@example.com", "subject": "Re: Roof" }),
        ),
        (
            EmailSent { email_id: 10, to: s("jan@example.com"), subject: s("Re: Roof") },
            "email.sent",
            json!({ "email_id": 10, "to": "jan@example.com", "subject": "Re: Roof" }),
        ),
        (
            MailboxReset { mailbox: s("INBOX"), uidvalidity: 5, was: 4 },
            "mailbox.reset",
            json!({ "mailbox": "INBOX", "uidvalidity": 5, "was": 4 }),
        ),
        (
            MailboxFailed { mailbox: s("INBOX"), error: s("login failed"), admins: 1 },
            "mailbox.failed",
            json!({ "mailbox": "INBOX", "error": "login failed", "admins": 1 }),
        ),
        (MailboxRecovered { mailbox: s("INBOX") }, "mailbox.recovered", json!({ "mailbox": "INBOX" })),
        (
            CallEvent { call: 4, event: s("ended"), direction: s("in"), at: t, duration_s: Some(65) },
            "call.event",
            json!({ "call": 4, "event": "ended", "direction": "in", "at": "2026-03-02T09:00:00Z", "duration_s": 65 }),
        ),
        (
            CallEvent { call: 4, event: s("ringing"), direction: s("in"), at: t, duration_s: None },
            "call.event",
            json!({ "call": 4, "event": "ringing", "direction": "in", "at": "2026-03-02T09:00:00Z", "duration_s": null }),
        ),
        (
            ReportSent { report: s("daily"), from: t, to: t2, recipients: 2 },
            "report.sent",
            json!({ "report": "daily", "from": "2026-03-02T09:00:00Z", "to": "2026-03-02T10:30:00.5Z", "recipients": 2 }),
        ),
        // users and access
        (
            UserCreated { user_id: 7, login: s("jana"), role: s("consultant") },
            "user.created",
            json!({ "user_id": 7, "login": "jana", "role": "consultant" }),
        ),
        (
            UserUpdated { user_id: 7, presence: Some(s("away")), hours: None, phone: None, email: None, language: None },
            "user.updated",
            json!({ "presence": "away", "user_id": 7 }),
        ),
        (
            UserUpdated {
                user_id: 7,
                presence: None,
                hours: Some(None),
                phone: Some(Some(s("+420777000111"))),
                email: Some(None),
                language: Some(Some(s("cs"))),
            },
            "user.updated",
            json!({ "hours": null, "phone": "+420777000111", "email": null, "language": "cs", "user_id": 7 }),
        ),
        (
            UserUpdated {
                user_id: 7,
                presence: None,
                hours: Some(Some(json!({ "mon": ["08:00-16:00"] }))),
                phone: None,
                email: None,
                language: None,
            },
            "user.updated",
            json!({ "hours": { "mon": ["08:00-16:00"] }, "user_id": 7 }),
        ),
        (
            UserRoleChanged { user_id: 7, from: s("consultant"), to: s("manager") },
            "user.role_changed",
            json!({ "user_id": 7, "from": "consultant", "to": "manager" }),
        ),
        (
            UserDeactivated { user_id: 7, leads: 3, tasks: 4, reassigned: 2, sessions_ended: 1, tokens_revoked: 0 },
            "user.deactivated",
            json!({ "user_id": 7, "leads": 3, "tasks": 4, "reassigned": 2, "sessions_ended": 1, "tokens_revoked": 0 }),
        ),
        (UserReactivated { user_id: 7 }, "user.reactivated", json!({ "user_id": 7 })),
        (
            DomainEvent::password_set(false, 7, 2, 0),
            "user.password_changed",
            json!({ "user_id": 7, "sessions_ended": 2, "tokens_revoked": 0 }),
        ),
        (
            DomainEvent::password_set(true, 7, 1, 3),
            "user.password_reset",
            json!({ "user_id": 7, "sessions_ended": 1, "tokens_revoked": 3 }),
        ),
        (SessionStarted { user_id: 7 }, "session.started", json!({ "user_id": 7 })),
        (
            TokenCreated { user_id: 7, token_id: 2, name: s("zapier"), expires_at: None },
            "token.created",
            json!({ "user_id": 7, "token_id": 2, "name": "zapier", "expires_at": null }),
        ),
        (
            TokenCreated { user_id: 7, token_id: 3, name: s("ci"), expires_at: Some(t) },
            "token.created",
            json!({ "user_id": 7, "token_id": 3, "name": "ci", "expires_at": "2026-03-02T09:00:00Z" }),
        ),
        (TokenRevoked { user_id: 7, token_id: 2 }, "token.revoked", json!({ "user_id": 7, "token_id": 2 })),
        (
            WebhookCreated { webhook_id: 1, url: s("https://hooks.example/p"), events: vec![s("lead.*"), s("task.created")] },
            "webhook.created",
            json!({ "webhook_id": 1, "url": "https://hooks.example/p", "events": ["lead.*", "task.created"] }),
        ),
        (WebhookDeleted { webhook_id: 1 }, "webhook.deleted", json!({ "webhook_id": 1 })),
        (
            DomainEvent::message_set(false, "agency", "new_lead", "cs"),
            "message.changed",
            json!({ "playbook": "agency", "template": "new_lead", "language": "cs" }),
        ),
        (
            DomainEvent::message_set(true, "agency", "new_lead", "cs"),
            "message.reset",
            json!({ "playbook": "agency", "template": "new_lead", "language": "cs" }),
        ),
    ]
}

#[test]
fn every_kind_is_stored_exactly_as_before() {
    for (event, kind, row) in cases() {
        let stored = event.to_row();
        assert_eq!(stored.kind, kind);
        assert_eq!(stored.data, row, "{kind}: the stored data changed");
    }
}

#[test]
fn every_stored_row_reads_back_as_its_event() {
    for (event, kind, row) in cases() {
        assert_eq!(DomainEvent::from_row(kind, &row).as_ref(), Some(&event), "{kind} {row}");
        let via_serde: DomainEvent = serde_json::from_value(json!({ "kind": kind, "data": row })).unwrap();
        assert_eq!(via_serde, event);
        assert_eq!(serde_json::to_value(&event).unwrap(), json!({ "kind": kind, "data": row }));
    }
}

#[test]
fn every_kind_has_a_case() {
    let covered: Vec<&str> = cases().iter().map(|c| c.1).collect();
    for k in DomainEvent::KINDS {
        assert!(covered.contains(k), "no exact-row case for {k}");
    }
    let mut kinds = DomainEvent::KINDS.to_vec();
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds.len(), DomainEvent::KINDS.len(), "a kind is listed twice");
}

#[test]
fn unknown_or_unreadable_rows_are_none_not_a_panic() {
    assert_eq!(DomainEvent::from_row("lead.patched", &json!({ "field": "x" })), None);
    assert_eq!(DomainEvent::from_row("", &Value::Null), None);
    assert_eq!(DomainEvent::from_row("task.created", &json!({ "title": "no id" })), None);
    assert_eq!(DomainEvent::from_row("lead.first_response", &json!("not an object")), None);
    assert_eq!(DomainEvent::from_row("kind", &json!({})), None);
}

#[test]
fn the_customer_relevant_kinds_read_rows_with_parts_missing() {
    // Readers of the customer page see what they need even when other parts are absent.
    let e = DomainEvent::from_row("lead.received", &json!({})).unwrap();
    assert!(matches!(e, DomainEvent::LeadReceived { ref channel, .. } if channel == "web"));
    assert!(DomainEvent::from_row("lead.assigned", &json!({ "owner": 7, "reason": "x" })).is_some());
    assert!(DomainEvent::from_row("activity.logged", &json!({ "activity": "meeting" })).is_some());
    assert!(DomainEvent::from_row("customer.document", &json!({ "filename": "ico.pdf", "file_id": 3 })).is_some());
}

#[test]
fn the_notification_channel_is_read_from_every_kind_that_names_it() {
    let channels: Vec<(&str, Option<String>)> =
        cases().iter().map(|(e, k, _)| (*k, e.notification_channel().map(str::to_owned))).filter(|(_, c)| c.is_some()).collect();
    let kinds: Vec<&str> = channels.iter().map(|c| c.0).collect();
    for k in [
        "notification.queued",
        "notification.sent",
        "notification.delivered",
        "notification.retrying",
        "notification.failed",
        "notification.requeued",
        "notification.test",
    ] {
        assert!(kinds.contains(&k), "{k}");
    }
    assert!(kinds.iter().all(|k| k.starts_with("notification.")));
}

#[test]
fn task_events_are_the_task_kinds() {
    for (e, k, _) in cases() {
        assert_eq!(e.is_about_a_task(), k.starts_with("task."), "{k}");
    }
}

#[test]
fn the_constructors_write_their_writers_rows() {
    let row = |e: DomainEvent| {
        let r = e.to_row();
        (r.kind, r.data)
    };
    assert_eq!(row(DomainEvent::assigned_at_intake(7)), ("lead.assigned", json!({ "owner": 7, "reason": "given at intake" })));
    assert_eq!(
        row(DomainEvent::assigned_by_playbook(7, "handed over by escalation `x`, step 1".into())),
        ("lead.assigned", json!({ "owner": 7, "reason": "handed over by escalation `x`, step 1", "by": "playbook" }))
    );
    assert_eq!(
        row(DomainEvent::unassigned_by_playbook("Jana left".into())),
        ("lead.unassigned", json!({ "reason": "Jana left", "by": "playbook" }))
    );
    assert_eq!(
        row(DomainEvent::stage_by_playbook("received", "won")),
        ("lead.stage_changed", json!({ "from": "received", "to": "won", "by": "playbook" }))
    );
    assert_eq!(row(DomainEvent::status_by_playbook("won")), ("lead.status_changed", json!({ "to": "won", "by": "playbook" })));
}
