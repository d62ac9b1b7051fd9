//! Playbooks: the company's sales process written down once as a TOML file ([`parse`]),
//! checked with precise `FILE:LINE:COLUMN` messages, and run by a pure [`engine`]:
//! (playbook, lead, trigger, now, directory) → commands, applied by the store in the
//! transaction that caused them.
//!
//! Architecture invariant: no I/O and no clock of its own; time comes in as `now`.

pub mod customer;
pub mod deal;
pub mod diagram;
pub mod engine;
pub mod messages;
pub mod model;
pub mod parse;

pub use engine::{Cmd, DirUser, Directory, LeadState, Notification, OpenTask, Presence, Trigger, hand_back, step};
pub use messages::Messages;
pub use model::Playbook;
pub use parse::{Problem, parse, render_problems};

/// The playbooks that ship with Pronto: `(name, source)`.
pub const BUILTIN: &[(&str, &str)] =
    &[("agency", include_str!("builtin/agency.toml")), ("distributor", include_str!("builtin/distributor.toml"))];

/// The default playbook's name.
pub const DEFAULT: &str = "agency";

pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}
