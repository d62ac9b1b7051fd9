//! The SMS provider and the e-mail transport the outbox worker sends through, shared and
//! replaceable while Pronto runs: when an admin saves the SMS or e-mail settings, the web edge
//! builds the new sender and [`Senders::set_sms`] / [`Senders::set_email`] swap it in. The
//! worker takes the current one (an `Arc`) for each notification, so a send in flight finishes
//! on the sender it started with and the next one uses the new settings — no restart.

use crate::{EmailSender, SmsProvider};
use std::sync::{Arc, RwLock};

pub struct Senders {
    sms: RwLock<Arc<SmsProvider>>,
    email: RwLock<Option<Arc<EmailSender>>>,
}

impl std::fmt::Debug for Senders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Senders({:?}, {:?})", self.sms(), self.email())
    }
}

impl Default for Senders {
    fn default() -> Self {
        Senders { sms: RwLock::new(Arc::new(SmsProvider::Log)), email: RwLock::new(None) }
    }
}

impl Senders {
    pub fn new(sms: SmsProvider, email: Option<EmailSender>) -> Arc<Senders> {
        Arc::new(Senders { sms: RwLock::new(Arc::new(sms)), email: RwLock::new(email.map(Arc::new)) })
    }

    /// The SMS provider in use now.
    pub fn sms(&self) -> Arc<SmsProvider> {
        self.sms.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The e-mail transport in use now (`None`: e-mail is not set up).
    pub fn email(&self) -> Option<Arc<EmailSender>> {
        self.email.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn set_sms(&self, sms: SmsProvider) {
        *self.sms.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(sms);
    }

    pub fn set_email(&self, email: Option<EmailSender>) {
        *self.email.write().unwrap_or_else(|p| p.into_inner()) = email.map(Arc::new);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_sender_replaces_the_old_one_for_the_next_send() {
        let s = Senders::default();
        assert!(matches!(*s.sms(), SmsProvider::Log));
        let held = s.sms();
        let cfg = crate::SmsConfig {
            provider: "twilio".into(),
            url: Some("http://127.0.0.1:9".into()),
            account_sid: Some("AC1".into()),
            auth_token: Some("t".into()),
            from: Some("+420123456789".into()),
            ..Default::default()
        };
        s.set_sms(SmsProvider::from_config(&cfg).unwrap());
        assert!(matches!(*s.sms(), SmsProvider::Twilio { .. }), "the next send uses the new settings");
        assert!(matches!(*held, SmsProvider::Log), "a send in flight keeps its sender");
        assert!(s.email().is_none());
    }
}
