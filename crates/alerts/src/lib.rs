//! Delivery: the outbox worker and the senders behind it. The playbook writes notifications
//! to the outbox in the transaction that caused them; this crate takes them from there and
//! delivers each at least once — SMS through a provider (`log`, the Twilio-compatible
//! Messages API, or any HTTP gateway), e-mail over SMTP, webhooks over HTTP, in-app
//! notifications by marking them delivered and pushing them to the live feed.
//!
//! Architecture invariant: nothing here decides *whether* to alert anyone (that is the
//! playbook's); this crate only decides *how* and *when to try again*. Every attempt's result
//! is a store command, so the delivery status is on the notification and the lead's timeline.

pub mod email;
pub mod guard;
pub mod live;
pub mod senders;
pub mod signing;
pub mod sms;
pub mod worker;

pub use email::{EmailConfig, EmailSender};
pub use live::{Live, LiveEvent};
pub use senders::Senders;
pub use sms::{SmsConfig, SmsProvider};
pub use worker::{Outbox, OutboxConfig};

/// Why an attempt failed, and whether trying again could help.
#[derive(Debug, Clone, PartialEq)]
pub struct SendError {
    pub message: String,
    /// A client error of ours (a bad number, bad credentials) is not retried.
    pub retryable: bool,
}

impl SendError {
    pub fn retry(message: impl Into<String>) -> Self {
        SendError { message: message.into(), retryable: true }
    }
    pub fn fatal(message: impl Into<String>) -> Self {
        SendError { message: message.into(), retryable: false }
    }
}

/// What a provider answered for an accepted message.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub provider_id: Option<String>,
}

/// Makes `ring` the process's TLS crypto provider (the one sqlx already uses), once; every
/// HTTP client in the process needs it.
pub fn install_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// An HTTP client for the SMS providers: TLS with the system's roots (rustls on `ring`), no
/// redirects followed, a bounded connect. No deadline on the answer (issue 22): a request the
/// gateway has received may have been sent to the phone, so giving up on a slow answer and
/// trying again would send a second copy; the node holds its claim while it waits, however
/// long the gateway takes, and TCP keep-alive notices a gateway that went away.
pub fn http_client() -> reqwest::Client {
    install_tls();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(std::time::Duration::from_secs(5))
        .tcp_keepalive(std::time::Duration::from_secs(30))
        .tcp_nodelay(true)
        .build()
        .unwrap_or_else(|_| reqwest::Client::new())
}
