//! Writing to the customer from Pronto: checked, given its Message-ID (`<lead.unique@domain>`
//! of the sender's domain) and the reply address that threads the answer back to the lead,
//! then sent through the outbox.

use super::{Error, Result, or_not_found, random_hex};
use crate::AppState;
use crate::auth::Caller;
use pronto_domain::FieldErrors;
use pronto_domain::lead::MESSAGE_MAX;
use pronto_domain::user::Action;
use pronto_domain::values::{Email, Text};
use pronto_store::EmailRecord;

/// An e-mail as typed: the text; the subject (blank: "Re: " and the customer's last one); the
/// address (blank: the lead's contact's).
#[derive(Debug, Default)]
pub struct Reply {
    pub text: Option<String>,
    pub subject: Option<String>,
    pub to: Option<String>,
}

/// The lead's owner, someone with an open task on it, managers and admins write to the
/// customer; the e-mail is kept on the timeline and counts as a response.
pub async fn send_reply(st: &AppState, caller: &Caller, lead_id: i64, input: Reply) -> Result<EmailRecord> {
    caller.require(Action::LogActivity)?;
    crate::access::require_on_lead(st, caller, Action::SendEmail, lead_id).await?;
    let mut e = FieldErrors::new();
    let text = e.take("text", Text::parse(input.text.as_deref().unwrap_or(""), MESSAGE_MAX));
    // A line break in a subject would start a new header.
    let subject = e.take("subject", pronto_domain::lead::email_subject(input.subject.as_deref().unwrap_or(""))).flatten();
    let to = match input.to.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(t) => e.take("to", Email::parse(t)),
        None => None,
    };
    e.into_result()?;
    let unique = random_hex::<12>()?;
    let email = pronto_store::OutgoingEmail {
        lead_id,
        to: to.map(|t| t.as_str().to_owned()),
        subject: subject.map(|s| s.as_str().to_owned()),
        text: text.map(|t| t.into_string()).unwrap_or_default(),
        message_id: pronto_mail::thread::message_id(lead_id, &unique, &st.settings.smtp_address(&st.config)),
        reply_to: st.mail.reply_address().map(|a| pronto_mail::thread::reply_address(&a, lead_id)),
        actor: Some(caller.user.id),
    };
    let email_id = st.store.send_email(email).await.map_err(|e| or_not_found(e, "lead"))?;
    st.store
        .emails(lead_id)
        .await?
        .into_iter()
        .find(|e| e.id == email_id)
        .ok_or_else(|| Error::Internal("the e-mail just written is gone".into()))
}
