//! Pronto's domain: the registry's vocabulary (leads, contacts, companies, activities, users),
//! the validated value types every input is parsed into at the edge, the events and effects a
//! state change causes, and the injected clock.
//!
//! Architecture invariant: this crate does no I/O. It knows nothing about HTTP, SQL or the
//! process environment, and it never reads the system clock except through [`clock::Clock`].

pub mod calendar;
pub mod canary;
pub mod catalogue;
pub mod call;
pub mod clock;
pub mod delivery;
pub mod effects;
pub mod event;
pub mod error;
pub mod intake;
pub mod invoice;
pub mod lead;
pub mod money;
pub mod money_report;
pub mod netaddr;
pub mod offer;
pub mod offer_report;
pub mod payment;
pub mod office_hours;
pub mod password;
pub mod purchase;
pub mod requisites;
pub mod search;
pub mod signin;
pub mod similar;
pub mod sms;
pub mod staffing;
pub mod subscription;
pub mod tally;
pub mod tracking;
pub mod user;
pub mod values;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{FieldError, FieldErrors};
pub use event::DomainEvent;
