//! The use cases of the team's work, shared by the JSON API (`api/`) and the HTML pages
//! (`ui/`): plain async functions that take the caller, the state (store, clock, settings) and
//! the input as typed or as a form sent it, check permission (`Role::may`, through
//! [`Caller::require`](crate::auth::Caller::require) and [`crate::access`]) before any write,
//! validate once, call the store and return a typed result or one [`Error`].
//!
//! The adapters only translate: `api/` parses JSON and maps an [`Error`] to its RFC 9457
//! document ([`crate::error::ApiError`]), `ui/` parses forms and renders an [`Error`] as a page
//! in the reader's language (`ui::error`). Nothing here knows HTTP.
//!
//! | module | use cases |
//! |---|---|
//! | [`entry`] | an inquiry entered by hand: the contacts it may belong to as it is typed, what happens next once it is in |
//! | [`leads`] | create a lead (intake through the API), change one (stage, status, owner, fields; the deal is not every role's), log an activity (a note, a call), revoke the customer's link, merge two contacts, mark what the customer sent answered |
//! | [`tasks`] | make a task by hand, complete one with an outcome, move its deadline ("call back at") |
//! | [`next`] | what an action did and what follows on the lead (the pages' "Next attempt at 10:55") |
//! | [`mail`] | write to the customer from Pronto (its Message-ID and reply address) |
//! | [`users`] | add a user, change one's details, role or being active, reset a password, one's own password change, revoke an API token |
//! | [`notifications`] | mark read, queue a failed one again, queue a test message (SMS, e-mail) |
//! | [`forms`] | web forms built in the admin pages: list, read, save (checked), remove |
//! | [`texts`] | message texts: check one as typed, preview it on an example lead, save it as the company's own, back to Pronto's |
//! | [`playbooks`] | check a playbook's text, load it as the next version |
//! | [`catalogue`] | the catalogue of products: list and search (everyone), add, change, import a file (admins, managers), export |
//! | [`company`] | the company's identity, logo, language and region; the office calendar and a user's own hours as a form (with the public holidays of a country); the first-start guide; a test inquiry |
//! | [`invoices`] | an invoice for an accepted offer (numbered, the customer told, the playbook's `invoice.issued`), read; [`invoice_pdf`] the invoice and the contract as PDFs |
//! | [`payments`] | a payment on an invoice (overpayment refused, paid in full: the customer told and the playbook's `invoice.paid`), an invoice's payments, a bank statement imported (CSV, ABO/GPC) and matched, the review list (assign, dismiss) |
//! | [`purchases`] | the supplier's purchase: request the supplier's invoice for the accepted offer, attach it (sealed), a manager's override, the supplier paid; the file opened (audited) |
//! | [`offers`] | an offer on a lead (the next version), sent to the customer, read; the customer's decision from their page |
//! | [`reports`] | the report queries checked, and the reports themselves (response time, funnel, feedback, trend, SLA, the leads behind a figure) |

pub mod canary;
pub mod catalogue;
pub mod company;
pub mod complaints;
pub mod deliveries;
pub mod delivery_pdf;
pub mod entry;
pub mod invoice_pdf;
pub mod invoices;
pub mod purchases;
pub mod forms;
pub mod leads;
pub mod mail;
pub mod next;
pub mod notifications;
pub mod offer_pdf;
pub mod offers;
pub mod payments;
pub mod playbooks;
pub mod reports;
pub mod requisites;
pub mod settings;
pub mod tasks;
pub mod texts;
pub mod users;

use pronto_domain::FieldErrors;
use pronto_domain::user::Action;
use pronto_store::StoreError;

/// What a use case can answer instead of its result.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Nothing by that id: "lead not found".
    #[error("{0}")]
    NotFound(String),
    /// The caller's role (or relation to the record) does not allow `action`; `why` names it.
    #[error("{why}")]
    Forbidden { action: Option<Action>, why: String },
    /// The input, field by field.
    #[error("invalid: {0}")]
    Invalid(FieldErrors),
    /// The state of the records does not allow it (e.g. merged already).
    #[error("{0}")]
    Conflict(String),
    /// Too many attempts: try again in `seconds`.
    #[error("{why}")]
    Wait { seconds: i64, why: String },
    /// Storage (or randomness) is not there now; try again.
    #[error("{0}")]
    Unavailable(String),
    /// A fault of the server: the detail is for the log only.
    #[error("internal error: {0}")]
    Internal(String),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Error::Invalid(FieldErrors::single(field, message))
    }

    pub fn not_found(what: &str) -> Self {
        Error::NotFound(format!("{what} not found"))
    }

    /// Refused without an action to name (the adapters say "you may not do this").
    pub fn forbidden(why: impl Into<String>) -> Self {
        Error::Forbidden { action: None, why: why.into() }
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Error::NotFound("not found".into()),
            StoreError::Invalid(f) => Error::Invalid(f),
            StoreError::Conflict(m) => Error::Conflict(m),
            StoreError::Unavailable(m) => Error::Unavailable(format!("storage unavailable: {m}")),
            StoreError::Internal(m) => Error::Internal(m),
        }
    }
}

impl From<FieldErrors> for Error {
    fn from(e: FieldErrors) -> Self {
        Error::Invalid(e)
    }
}

/// The edge's helpers (`auth`: password hashing and checking) answer [`ApiError`]s; as a use
/// case's error they keep their meaning.
impl From<crate::error::ApiError> for Error {
    fn from(e: crate::error::ApiError) -> Self {
        use crate::error::ApiError as A;
        match e {
            A::NotFound(m) => Error::NotFound(m),
            A::Forbidden(m) => Error::forbidden(m),
            A::Invalid(f) => Error::Invalid(f),
            A::Conflict(m) => Error::Conflict(m),
            A::Unavailable(m) => Error::Unavailable(m),
            other => Error::Internal(other.to_string()),
        }
    }
}

/// A store's "not found" as the [`Error::NotFound`] naming what was missing.
pub fn or_not_found(e: StoreError, what: &str) -> Error {
    match e {
        StoreError::NotFound => Error::not_found(what),
        other => other.into(),
    }
}

/// `N` random bytes as lower-case hex (a Message-ID's unique part).
pub(crate) fn random_hex<const N: usize>() -> Result<String> {
    let mut random = [0u8; N];
    getrandom::fill(&mut random).map_err(|e| Error::Internal(format!("no randomness: {e}")))?;
    Ok(random.iter().map(|b| format!("{b:02x}")).collect())
}

/// The admin's pages and tests (there is no finer permission for them).
pub fn require_admin(caller: &crate::auth::Caller) -> Result<()> {
    if caller.role == pronto_domain::user::Role::Admin {
        Ok(())
    } else {
        Err(Error::forbidden(format!("the role `{}` may not administer Pronto", caller.role)))
    }
}
