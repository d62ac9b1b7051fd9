//! Mail intake. The pure half — [`parse`] (MIME, charsets, HTML sanitised, attachments),
//! [`classify`] (auto-replies, bounces, lists, loops are not inquiries), [`thread`] (which lead
//! a reply belongs to; the addresses and ids Pronto's own mail carries) and [`signature`]
//! (a phone number in the sender's signature) — has no I/O and is tested on a fixture corpus.
//! The I/O half, [`imap`], reads mailboxes with IDLE and hands each message to the store.

pub mod classify;
pub mod imap;
pub mod parse;
pub mod signature;
pub mod thread;

pub use classify::ignore_reason;
pub use parse::{Attachment, Incoming, MailHeaders, ParseError, parse};
pub use signature::phones_in_signature;
pub use thread::{lead_of_message_id, lead_tag, message_id, reply_address, strip_quoted};
