//! The mail commands: a message read from a mailbox (a new lead, a reply on a lead, a
//! duplicate or not an inquiry) stored together with the mailbox's new cursor; an e-mail
//! written in Pronto; a mailbox that stopped (or started again) working.

use crate::engine::{Conn, P};
use crate::records::{MailIn, MailOutcome, MailVerdict, OutgoingEmail};
use crate::tx::{Command, OutboxRow, Pending, write_effects};
use crate::write::leads::create_lead;
use crate::write::work::{log_activity, record_queued_reply};
use crate::{StoreError, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::effects::{self, Effects};
use pronto_domain::event::DomainEvent;
use pronto_domain::lead::{ActivityKind, Direction, MESSAGE_MAX, NewActivity};
use pronto_domain::values::Text;
use serde_json::json;

type R<T> = Result<T, StoreError>;

pub(crate) struct IngestMail {
    pub mail: MailIn,
}

#[async_trait]
impl Command for IngestMail {
    type Output = MailOutcome;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<MailOutcome> {
        ingest(c, pending, &self.mail, now).await
    }
}

pub(crate) struct ResetMailbox {
    pub mailbox: String,
    pub uidvalidity: i64,
}

#[async_trait]
impl Command for ResetMailbox {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        reset(c, pending, &self.mailbox, self.uidvalidity, now).await
    }
}

pub(crate) struct MailboxAlert {
    pub mailbox: String,
    pub error: Option<String>,
}

#[async_trait]
impl Command for MailboxAlert {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        alert(c, pending, &self.mailbox, self.error.as_deref(), now).await
    }
}

pub(crate) struct SendEmail {
    pub email: OutgoingEmail,
}

#[async_trait]
impl Command for SendEmail {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        send(c, pending, &self.email, now).await
    }
}

/// Stores one message and moves the mailbox's cursor past it, in the caller's transaction.
pub(crate) async fn ingest(c: &mut dyn Conn, pending: &mut Pending, m: &MailIn, now: Timestamp) -> R<MailOutcome> {
    let t = micros(now);
    // The cursor first: a UID at or below it was read (a redelivery of the same fetch).
    let state = c.row("SELECT uidvalidity, last_uid FROM mailbox_state WHERE mailbox = $1", params![m.mailbox.as_str()]).await?;
    match &state {
        Some(r) if r.i64("uidvalidity")? != m.uidvalidity => {
            return Err(StoreError::Conflict(format!(
                "mailbox `{}` was reset (UIDVALIDITY {} is stored, the message has {})",
                m.mailbox,
                r.i64("uidvalidity")?,
                m.uidvalidity
            )));
        }
        Some(r) if r.i64("last_uid")? >= m.uid => return Ok(MailOutcome::AlreadyRead),
        Some(_) => {
            c.exec("UPDATE mailbox_state SET last_uid = $1, updated_at = $2 WHERE mailbox = $3", params![m.uid, t, m.mailbox.as_str()])
                .await?;
        }
        None => {
            c.exec(
                "INSERT INTO mailbox_state (mailbox, uidvalidity, last_uid, updated_at) VALUES ($1, $2, $3, $4)",
                params![m.mailbox.as_str(), m.uidvalidity, m.uid, t],
            )
            .await?;
        }
    }
    // The same message again (a mailbox reset, a copy in two mailboxes): nothing new.
    let seen = c.row("SELECT id FROM emails WHERE message_id = $1", params![m.message_id.as_str()]).await?.is_some()
        || c.row("SELECT id FROM ignored_mail WHERE message_id = $1", params![m.message_id.as_str()]).await?.is_some();
    if seen {
        return Ok(MailOutcome::Duplicate);
    }
    let (lead, signature_phone) = match &m.verdict {
        MailVerdict::Ignored { reason } => {
            c.exec(
                "INSERT INTO ignored_mail (mailbox, uid, message_id, from_address, subject, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                params![
                    m.mailbox.as_str(),
                    m.uid,
                    m.message_id.as_str(),
                    m.from_address.clone(),
                    m.subject.clone(),
                    reason.as_str(),
                    t
                ],
            )
            .await?;
            let fx = Effects {
                events: vec![
                    DomainEvent::EmailIgnored {
                        mailbox: m.mailbox.clone(),
                        from: m.from_address.clone(),
                        subject: m.subject.clone(),
                        reason: reason.to_string(),
                    }
                    .into(),
                ],
                ..Default::default()
            };
            write_effects(pending, &fx, None, None, None, now);
            return Ok(MailOutcome::Ignored);
        }
        MailVerdict::Inquiry { lead, signature_phone } => (lead, signature_phone),
    };
    if let Some(lead_id) = thread(c, m).await? {
        let email_id = insert_email(c, m, lead_id, now).await?;
        let body = if m.new_text.trim().is_empty() { &m.text } else { &m.new_text };
        let activity = NewActivity {
            kind: ActivityKind::Email,
            direction: Some(Direction::In),
            outcome: None,
            body: Text::parse(&clip(body), MESSAGE_MAX).ok().or_else(|| Text::parse("(no text)", MESSAGE_MAX).ok()),
            at: now,
        };
        log_activity(c, pending, lead_id, &activity, None, now).await?;
        let owner =
            c.row("SELECT owner_id FROM leads WHERE id = $1", params![lead_id]).await?.and_then(|r| r.opt_i64("owner_id").ok().flatten());
        let who = m.from_name.clone().or_else(|| m.from_address.clone()).unwrap_or_else(|| "the customer".into());
        let text = format!("Reply from {who}: {}", m.subject.as_deref().unwrap_or("(no subject)"));
        let mut fx = Effects {
            events: vec![
                DomainEvent::EmailReceived {
                    email_id,
                    from: m.from_address.clone(),
                    subject: m.subject.clone(),
                    reply: true,
                    attachments: m.attachments.len() as u64,
                    mailbox: None,
                }
                .into(),
            ],
            ..Default::default()
        };
        // The owner hears about the answer in the app (and on the live stream); when nobody
        // owns the lead, the managers and admins do.
        let to: Vec<i64> = match owner {
            Some(u) => vec![u],
            None => {
                let rows = c
                    .rows(
                        "SELECT id FROM users WHERE active = $1 AND role IN ('manager', 'admin') ORDER BY CASE WHEN role = 'manager' THEN 0 ELSE 1 END, id",
                        params![true],
                    )
                    .await?;
                rows.iter().map(|r| r.i64("id")).collect::<Result<_, _>>()?
            }
        };
        for u in to {
            fx.outbox.push(effects::OutboxIntent {
                channel: "in_app",
                recipient: effects::Recipient::User(u),
                kind: "email_reply",
                key: format!("email/{email_id}/{u}"),
                payload: json!({ "lead_id": lead_id, "text": text, "urgent": false }),
            });
        }
        write_effects(pending, &fx, Some(lead_id), None, None, now);
        return Ok(MailOutcome::Reply(lead_id));
    }
    let created = create_lead(c, pending, lead, None, None, now).await?;
    if let Some(phone) = signature_phone {
        add_phone(c, pending, created.contact_id, created.id, phone.as_str(), now).await?;
    }
    let email_id = insert_email(c, m, created.id, now).await?;
    let fx = Effects {
        events: vec![
            DomainEvent::EmailReceived {
                email_id,
                from: m.from_address.clone(),
                subject: m.subject.clone(),
                reply: false,
                attachments: m.attachments.len() as u64,
                mailbox: Some(m.mailbox.clone()),
            }
            .into(),
        ],
        ..Default::default()
    };
    write_effects(pending, &fx, Some(created.id), Some(created.contact_id), None, now);
    Ok(MailOutcome::Lead(created.id))
}

fn clip(s: &str) -> String {
    if s.chars().count() <= MESSAGE_MAX { s.to_owned() } else { s.chars().take(MESSAGE_MAX - 1).chain(['…']).collect() }
}

/// The lead a message answers: one of ours it names by Message-ID (In-Reply-To or
/// References, ours or an e-mail we stored), or its `+lead` tag when it comes from the lead's
/// contact (a tag alone from a stranger is not trusted).
async fn thread(c: &mut dyn Conn, m: &MailIn) -> R<Option<i64>> {
    let ids: Vec<&String> = m.in_reply_to.iter().chain(&m.references).filter(|s| !s.is_empty()).take(50).collect();
    if !ids.is_empty() {
        let list = crate::engine::placeholders(1, ids.len());
        let ps: Vec<P> = ids.iter().map(|s| P::from(s.as_str())).collect();
        let sql = format!("SELECT lead_id FROM emails WHERE message_id IN ({list}) ORDER BY id DESC LIMIT 1");
        if let Some(r) = c.row(&sql, ps).await? {
            return Ok(Some(r.i64("lead_id")?));
        }
    }
    for (i, lead) in m.named_leads.iter().enumerate() {
        let Some(r) =
            c.row("SELECT l.id, ct.email FROM leads l JOIN contacts ct ON ct.id = l.contact_id WHERE l.id = $1", params![*lead]).await?
        else {
            continue;
        };
        let by_tag = m.tagged && i == 0;
        let contact_email = r.opt_str("email")?.map(|e| e.to_lowercase());
        if !by_tag || (contact_email.is_some() && contact_email == m.from_address) {
            return Ok(Some(r.i64("id")?));
        }
    }
    Ok(None)
}

async fn insert_email(c: &mut dyn Conn, m: &MailIn, lead_id: i64, now: Timestamp) -> R<i64> {
    let t = micros(now);
    let id = c
        .insert_id(
            "INSERT INTO emails (lead_id, direction, mailbox, uid, message_id, in_reply_to, refs, from_address, from_name, to_address, subject, text, html, sent_at, created_at)
             VALUES ($1, 'in', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            params![
                lead_id,
                m.mailbox.as_str(),
                m.uid,
                m.message_id.as_str(),
                m.in_reply_to.first().cloned(),
                (!m.references.is_empty()).then(|| m.references.join(" ")),
                m.from_address.clone(),
                m.from_name.clone(),
                (!m.to.is_empty()).then(|| m.to.join(", ")),
                m.subject.clone(),
                m.text.as_str(),
                m.html.clone(),
                m.sent_at.map(micros),
                t
            ],
        )
        .await?;
    for a in &m.attachments {
        if let Some(sha) = &a.sha256 {
            crate::shared::put_file(c, sha, &a.data, now).await?;
        }
        c.exec(
            "INSERT INTO attachments (email_id, lead_id, filename, content_type, size, sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            params![id, lead_id, a.filename.as_str(), a.content_type.as_str(), a.size, a.sha256.clone(), t],
        )
        .await?;
    }
    Ok(id)
}

/// A phone found in the signature joins a contact that has none, unless another contact
/// already has that number (two people are never merged by a signature).
async fn add_phone(c: &mut dyn Conn, pending: &mut Pending, contact_id: i64, lead_id: i64, phone: &str, now: Timestamp) -> R<()> {
    let has = c.row("SELECT phone FROM contacts WHERE id = $1", params![contact_id]).await?;
    if has.as_ref().map(|r| r.opt_str("phone")).transpose()?.flatten().is_some() {
        return Ok(());
    }
    let taken = c.row("SELECT contact_id FROM contact_identities WHERE kind = 'phone' AND value = $1", params![phone]).await?;
    if taken.is_some() {
        return Ok(());
    }
    c.exec("UPDATE contacts SET phone = $1 WHERE id = $2", params![phone, contact_id]).await?;
    c.exec("INSERT INTO contact_identities (kind, value, contact_id) VALUES ('phone', $1, $2)", params![phone, contact_id]).await?;
    let fx = Effects {
        events: vec![DomainEvent::ContactUpdated { phone: phone.to_owned(), from: "the e-mail signature".into() }.into()],
        ..Default::default()
    };
    write_effects(pending, &fx, Some(lead_id), Some(contact_id), None, now);
    Ok(())
}

/// A new UIDVALIDITY: the mailbox is read again from the start (Message-IDs keep out doubles).
pub(crate) async fn reset(c: &mut dyn Conn, pending: &mut Pending, mailbox: &str, uidvalidity: i64, now: Timestamp) -> R<()> {
    let t = micros(now);
    let old = c.row("SELECT uidvalidity FROM mailbox_state WHERE mailbox = $1", params![mailbox]).await?;
    match old {
        Some(r) if r.i64("uidvalidity")? == uidvalidity => return Ok(()),
        Some(r) => {
            c.exec(
                "UPDATE mailbox_state SET uidvalidity = $1, last_uid = 0, updated_at = $2 WHERE mailbox = $3",
                params![uidvalidity, t, mailbox],
            )
            .await?;
            let fx = Effects {
                events: vec![DomainEvent::MailboxReset { mailbox: mailbox.to_owned(), uidvalidity, was: r.i64("uidvalidity")? }.into()],
                ..Default::default()
            };
            write_effects(pending, &fx, None, None, None, now);
        }
        None => {
            c.exec(
                "INSERT INTO mailbox_state (mailbox, uidvalidity, last_uid, updated_at) VALUES ($1, $2, 0, $3)",
                params![mailbox, uidvalidity, t],
            )
            .await?;
        }
    }
    Ok(())
}

/// A mailbox stopped working (`error`) or works again (`None`): an event, and on failure an
/// alert to every admin — in the app, and by e-mail and SMS where they have an address.
pub(crate) async fn alert(c: &mut dyn Conn, pending: &mut Pending, mailbox: &str, error: Option<&str>, now: Timestamp) -> R<()> {
    let Some(error) = error else {
        let fx = Effects { events: vec![DomainEvent::MailboxRecovered { mailbox: mailbox.to_owned() }.into()], ..Default::default() };
        write_effects(pending, &fx, None, None, None, now);
        return Ok(());
    };
    let t = micros(now);
    let text = format!("The mailbox `{mailbox}` stopped working: {error}. Inquiries sent there wait until it works again.");
    let admins = c.rows("SELECT id, phone, email FROM users WHERE role = 'admin' AND active = $1 ORDER BY id", params![true]).await?;
    for a in &admins {
        let id = a.i64("id")?;
        for (channel, address) in [("in_app", None), ("email", a.opt_str("email")?), ("sms", a.opt_str("phone")?)] {
            if channel != "in_app" && address.is_none() {
                continue;
            }
            let payload = json!({ "text": text, "subject": format!("Mailbox {mailbox} stopped working"), "urgent": true });
            pending.outbox.push(OutboxRow {
                created_at: now,
                lead_id: None,
                channel: channel.to_owned(),
                recipient_user: Some(id),
                recipient_role: None,
                recipient_address: address,
                kind: "mailbox_failed".into(),
                idempotency_key: format!("mailbox/{mailbox}/{t}/{channel}/{id}"),
                payload,
                next_attempt_at: now,
            });
        }
    }
    let fx = Effects {
        events: vec![
            DomainEvent::MailboxFailed { mailbox: mailbox.to_owned(), error: error.to_owned(), admins: admins.len() as u64 }.into(),
        ],
        ..Default::default()
    };
    write_effects(pending, &fx, None, None, None, now);
    Ok(())
}

/// An e-mail written in Pronto: the e-mail row, an outgoing e-mail activity (a response) and
/// the outbox row that sends it with the threading headers. Returns the e-mail's id.
pub(crate) async fn send(c: &mut dyn Conn, pending: &mut Pending, e: &OutgoingEmail, now: Timestamp) -> R<i64> {
    let lead = c
        .row("SELECT l.id, l.subject, ct.email FROM leads l JOIN contacts ct ON ct.id = l.contact_id WHERE l.id = $1", params![e.lead_id])
        .await?
        .ok_or(StoreError::NotFound)?;
    let to = match e.to.clone().or(lead.opt_str("email")?) {
        Some(to) => to,
        None => {
            return Err(StoreError::Invalid(pronto_domain::FieldErrors::single(
                "to",
                "the lead's contact has no e-mail address; give `to`",
            )));
        }
    };
    // Threading: answer the customer's last message, carrying the conversation's references.
    let last = c
        .row(
            "SELECT message_id, refs, subject FROM emails WHERE lead_id = $1 AND direction = 'in' ORDER BY id DESC LIMIT 1",
            params![e.lead_id],
        )
        .await?;
    let in_reply_to = last.as_ref().map(|r| r.str("message_id")).transpose()?.filter(|id| !id.starts_with("sha256:"));
    let mut references: Vec<String> = last
        .as_ref()
        .map(|r| r.opt_str("refs"))
        .transpose()?
        .flatten()
        .map(|s| s.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    if let Some(id) = &in_reply_to {
        references.push(id.clone());
    }
    let subject = match &e.subject {
        Some(s) => s.clone(),
        None => {
            let base = last.as_ref().map(|r| r.opt_str("subject")).transpose()?.flatten().or(lead.opt_str("subject")?);
            match base {
                Some(b) if b.to_lowercase().starts_with("re:") => b,
                Some(b) => format!("Re: {b}"),
                None => "Your inquiry".to_owned(),
            }
        }
    };
    let t = micros(now);
    let id = c
        .insert_id(
            "INSERT INTO emails (lead_id, direction, message_id, in_reply_to, refs, to_address, subject, text, created_at, actor_id)
             VALUES ($1, 'out', $2, $3, $4, $5, $6, $7, $8, $9)",
            params![
                e.lead_id,
                e.message_id.as_str(),
                in_reply_to.clone(),
                (!references.is_empty()).then(|| references.join(" ")),
                to.as_str(),
                subject.as_str(),
                e.text.as_str(),
                t,
                e.actor
            ],
        )
        .await?;
    let activity = NewActivity {
        kind: ActivityKind::Email,
        direction: Some(Direction::Out),
        outcome: None,
        body: Text::parse(&clip(&format!("{subject}\n\n{}", e.text)), MESSAGE_MAX).ok(),
        at: now,
    };
    // Not a response until it has left: the delivery worker's "sent" makes it one.
    let activity_id = record_queued_reply(c, pending, e.lead_id, &activity, e.actor, now).await?;
    let payload = json!({
        "lead_id": e.lead_id, "email_id": id, "activity_id": activity_id, "text": e.text, "subject": subject, "personal": true,
        "message_id": e.message_id, "in_reply_to": in_reply_to, "references": references, "reply_to": e.reply_to,
    });
    pending.outbox.push(OutboxRow {
        created_at: now,
        lead_id: Some(e.lead_id),
        channel: "email".into(),
        recipient_user: None,
        recipient_role: None,
        recipient_address: Some(to.clone()),
        kind: "reply".into(),
        idempotency_key: format!("email/{id}"),
        payload,
        next_attempt_at: now,
    });
    let fx = Effects {
        events: vec![DomainEvent::EmailQueued { email_id: id, to: to.clone(), subject: subject.clone() }.into()],
        ..Default::default()
    };
    write_effects(pending, &fx, Some(e.lead_id), None, e.actor, now);
    Ok(id)
}
