//! Leads (inquiries), their contacts and activities: the closed vocabularies (channel, stage,
//! status, activity kind …) and the drafts a client sends, parsed into validated inputs.

use crate::error::FieldErrors;
use crate::values::{CompanyId, Email, Language, Line, Phone, PostalCode, Region, Text};
use jiff::{SignedDuration, Timestamp};

/// Declares a closed vocabulary stored and sent as lower-case words.
macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
            pub fn parse(text: &str) -> Result<Self, crate::values::Invalid> {
                match text.trim() {
                    $($word => Ok($name::$variant),)+
                    other => Err(crate::values::Invalid(format!(
                        "`{}` is not one of: {}", other, [$($word),+].join(", ")
                    ))),
                }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary!(
    /// Where an inquiry came in.
    Channel { Web = "web", Email = "email", Phone = "phone", InPerson = "in_person", Api = "api" }
);
vocabulary!(CustomerType { B2c = "b2c", B2b = "b2b" });
vocabulary!(
    /// Whether a lead is still being worked.
    LeadStatus { Open = "open", Won = "won", Lost = "lost", Junk = "junk" }
);
vocabulary!(
    /// What happened. `message`, `callback` and `document` come only from the customer's own
    /// page (they wrote, asked to be called back, sent a file); people log the others.
    ActivityKind {
        Call = "call",
        Email = "email",
        Sms = "sms",
        Meeting = "meeting",
        Note = "note",
        Message = "message",
        Callback = "callback",
        Document = "document"
    }
);

impl ActivityKind {
    /// Recorded by the customer on their page, never logged by a person.
    pub fn is_customers(self) -> bool {
        matches!(self, ActivityKind::Message | ActivityKind::Callback | ActivityKind::Document)
    }
}
vocabulary!(Direction { In = "in", Out = "out" });
// `missed`: an incoming call nobody answered; `transferred`: handed to someone else;
// `manager_busy`: the person it was handed to was busy, or the caller waited too long.
vocabulary!(Outcome {
    Reached = "reached",
    NoAnswer = "no_answer",
    Busy = "busy",
    Failed = "failed",
    Missed = "missed",
    Transferred = "transferred",
    ManagerBusy = "manager_busy"
});

/// Limits on free text, shared by every intake path.
pub const NAME_MAX: usize = 200;
pub const SUBJECT_MAX: usize = 300;
pub const MESSAGE_MAX: usize = 20_000;
pub const SHORT_MAX: usize = 120;
/// How far in the future a client-supplied time may be (clock skew between machines).
pub const FUTURE_SKEW: SignedDuration = SignedDuration::from_secs(300);

/// The subject of an e-mail written to a customer (the API's and the UI's alike): blank means
/// "the default" (`None`); otherwise one line — a line break would start a new mail header —
/// of at most [`SUBJECT_MAX`] characters.
pub fn email_subject(raw: &str) -> Result<Option<Line>, crate::values::Invalid> {
    if raw.trim().is_empty() { Ok(None) } else { Line::parse(raw, SUBJECT_MAX).map(Some) }
}

/// A contact as the client sent it, before validation.
#[derive(Debug, Clone, Default)]
pub struct ContactDraft {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub company_id: Option<String>,
}

/// A lead as the client sent it, before validation. Every channel (API, web form, later
/// e-mail and telephony) fills one of these and calls [`LeadDraft::parse`].
#[derive(Debug, Clone, Default)]
pub struct LeadDraft {
    pub channel: Option<String>,
    pub contact: ContactDraft,
    pub customer_type: Option<String>,
    pub subject: Option<String>,
    pub message: Option<String>,
    pub postal_code: Option<String>,
    pub product: Option<String>,
    pub language: Option<String>,
    pub source: Option<String>,
    pub playbook: Option<String>,
    pub received_at: Option<String>,
    pub owner: Option<i64>,
    /// Any other fields a web form carried: kept on the lead, never interpreted.
    pub extra: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct ContactInput {
    pub name: Option<Line>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub company: Option<Line>,
    pub company_id: Option<CompanyId>,
}

/// A validated new lead.
#[derive(Debug, Clone)]
pub struct NewLead {
    pub channel: Channel,
    pub contact: ContactInput,
    pub customer_type: Option<CustomerType>,
    pub subject: Option<Line>,
    pub message: Option<Text>,
    pub postal_code: Option<PostalCode>,
    pub product: Option<Line>,
    pub language: Option<Language>,
    pub source: Option<Line>,
    pub playbook: Option<Line>,
    pub received_at: Timestamp,
    pub owner: Option<i64>,
    pub extra: Vec<(String, String)>,
    /// The lead arrives answered (a call somebody picked up): its first response, at once.
    pub answered_at: Option<Timestamp>,
    /// A test inquiry of the mystery shopper's run (issue 23), set only by an intake that
    /// checked the run's signed token: the lead is left out of every list, count, report,
    /// webhook and live feed, and its alerts go to the canary's test recipients.
    pub canary_run: Option<i64>,
}

/// Treats an empty or blank optional field as absent: forms send `phone=` for "not given".
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.trim().is_empty())
}

pub fn parse_time(text: &str, now: Timestamp) -> Result<Timestamp, crate::values::Invalid> {
    let t: Timestamp =
        text.trim().parse().map_err(|_| crate::values::Invalid(format!("`{}` is not an RFC 3339 time with offset", text.trim())))?;
    if t > now + FUTURE_SKEW {
        return Err(crate::values::Invalid("is in the future".into()));
    }
    if t < Timestamp::UNIX_EPOCH {
        return Err(crate::values::Invalid("is before 1970".into()));
    }
    Ok(t)
}

impl LeadDraft {
    pub fn parse(&self, region: Region, now: Timestamp) -> Result<NewLead, FieldErrors> {
        let mut e = FieldErrors::new();
        let channel = match given(&self.channel) {
            None => {
                e.add("channel", "is required");
                None
            }
            Some(c) => e.take("channel", Channel::parse(c)),
        };
        let c = &self.contact;
        let contact = ContactInput {
            name: e.take_opt("contact.name", given(&c.name).map(|v| Line::parse(v, NAME_MAX))),
            email: e.take_opt("contact.email", given(&c.email).map(Email::parse)),
            phone: e.take_opt("contact.phone", given(&c.phone).map(|v| Phone::parse(v, region))),
            company: e.take_opt("contact.company", given(&c.company).map(|v| Line::parse(v, NAME_MAX))),
            company_id: e.take_opt("contact.company_id", given(&c.company_id).map(|v| CompanyId::parse(v, region))),
        };
        if given(&c.name).is_none() && given(&c.email).is_none() && given(&c.phone).is_none() {
            e.add("contact", "give at least one of name, email or phone");
        }
        let lead = NewLead {
            channel: channel.unwrap_or(Channel::Api),
            contact,
            customer_type: e.take_opt("customer_type", given(&self.customer_type).map(CustomerType::parse)),
            subject: e.take_opt("subject", given(&self.subject).map(|v| Line::parse(v, SUBJECT_MAX))),
            message: e.take_opt("message", given(&self.message).map(|v| Text::parse(v, MESSAGE_MAX))),
            postal_code: e.take_opt("postal_code", given(&self.postal_code).map(PostalCode::parse)),
            product: e.take_opt("product", given(&self.product).map(|v| Line::parse(v, SHORT_MAX))),
            language: e.take_opt("language", given(&self.language).map(Language::parse)),
            source: e.take_opt("source", given(&self.source).map(|v| Line::parse(v, SHORT_MAX))),
            playbook: e.take_opt("playbook", given(&self.playbook).map(|v| Line::parse(v, SHORT_MAX))),
            received_at: e.take_opt("received_at", given(&self.received_at).map(|v| parse_time(v, now))).unwrap_or(now),
            owner: self.owner,
            extra: self.extra.clone(),
            answered_at: None,
            canary_run: None,
        };
        if self.extra.len() > 50 {
            e.add("form", "more than 50 fields");
        }
        for (k, v) in &self.extra {
            let field: String = k.chars().filter(|c| !c.is_control()).take(64).collect();
            if k.chars().count() > 64 || v.chars().count() > 2_000 {
                e.add(field, "field name over 64 or value over 2000 characters");
            } else if k.chars().any(char::is_control) || v.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
                e.add(field, "must not contain control characters");
            }
        }
        e.into_result().map(|()| lead)
    }
}

/// A change to a lead's editable fields; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct LeadPatch {
    /// A stage of the lead's playbook; the store checks it against that playbook.
    pub stage: Option<String>,
    pub status: Option<LeadStatus>,
    pub owner: Option<Option<i64>>,
    pub customer_type: Option<Option<CustomerType>>,
    pub subject: Option<Option<Line>>,
    pub message: Option<Option<Text>>,
    pub postal_code: Option<Option<PostalCode>>,
    pub product: Option<Option<Line>>,
    pub language: Option<Option<Language>>,
    pub source: Option<Option<Line>>,
}

impl LeadPatch {
    pub fn is_empty(&self) -> bool {
        self.stage.is_none()
            && self.status.is_none()
            && self.owner.is_none()
            && self.customer_type.is_none()
            && self.subject.is_none()
            && self.message.is_none()
            && self.postal_code.is_none()
            && self.product.is_none()
            && self.language.is_none()
            && self.source.is_none()
    }
}

/// An activity as the client sent it.
#[derive(Debug, Clone, Default)]
pub struct ActivityDraft {
    pub kind: Option<String>,
    pub direction: Option<String>,
    pub outcome: Option<String>,
    pub body: Option<String>,
    pub at: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewActivity {
    pub kind: ActivityKind,
    pub direction: Option<Direction>,
    pub outcome: Option<Outcome>,
    pub body: Option<Text>,
    pub at: Timestamp,
}

impl ActivityDraft {
    pub fn parse(&self, now: Timestamp) -> Result<NewActivity, FieldErrors> {
        let mut e = FieldErrors::new();
        let kind = match given(&self.kind) {
            None => {
                e.add("kind", "is required");
                None
            }
            Some(k) => e.take("kind", ActivityKind::parse(k)),
        };
        let direction = e.take_opt("direction", given(&self.direction).map(Direction::parse));
        let outcome = e.take_opt("outcome", given(&self.outcome).map(Outcome::parse));
        let body = e.take_opt("body", given(&self.body).map(|v| Text::parse(v, MESSAGE_MAX)));
        let at = e.take_opt("at", given(&self.at).map(|v| parse_time(v, now))).unwrap_or(now);
        if let Some(k) = kind {
            if k.is_customers() {
                e.add("kind", format!("`{k}` is recorded by the customer on their page; log a call, email, sms, meeting or note"));
            }
            if matches!(k, ActivityKind::Call | ActivityKind::Email | ActivityKind::Sms)
                && direction.is_none()
                && given(&self.direction).is_none()
            {
                e.add("direction", format!("is required for a {k}: in or out"));
            }
            if k == ActivityKind::Call && outcome.is_none() && given(&self.outcome).is_none() {
                e.add("outcome", "is required for a call: reached, no_answer, busy or failed");
            }
            if k != ActivityKind::Call && outcome.is_some() {
                e.add("outcome", "is only for calls");
            }
            if k == ActivityKind::Note && body.is_none() && given(&self.body).is_none() {
                e.add("body", "is required for a note");
            }
        }
        e.into_result()?;
        Ok(NewActivity { kind: kind.expect("checked"), direction, outcome, body, at })
    }
}

impl NewActivity {
    /// Whether this activity answers the customer: a call in which they were reached, an
    /// outgoing e-mail or SMS, or a meeting. The first one sets `first_response_at`.
    pub fn is_response(&self) -> bool {
        match self.kind {
            // Handed to a colleague or promised a callback, the customer was spoken to.
            ActivityKind::Call => matches!(self.outcome, Some(Outcome::Reached | Outcome::Transferred | Outcome::ManagerBusy)),
            ActivityKind::Email | ActivityKind::Sms => self.direction == Some(Direction::Out),
            ActivityKind::Meeting => true,
            ActivityKind::Note | ActivityKind::Message | ActivityKind::Callback | ActivityKind::Document => false,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_email_subject_is_one_line_or_the_default() {
        use super::email_subject;
        assert_eq!(email_subject("  ").unwrap(), None);
        assert_eq!(email_subject(" Offer ").unwrap().unwrap().as_str(), "Offer");
        // A line break at either end is trimmed away like any white space; inside, it is refused.
        assert_eq!(email_subject("Offer\r\n").unwrap().unwrap().as_str(), "Offer");
        for bad in ["Offer\r\nBcc: all@example.com", "Offer\nX-Evil: 1", "a\rb", "a\u{0}b"] {
            assert_eq!(email_subject(bad).unwrap_err().0, "must be a single line without control characters", "{bad:?}");
        }
        assert!(email_subject(&"x".repeat(super::SUBJECT_MAX + 1)).is_err());
    }

    use super::*;

    fn now() -> Timestamp {
        "2026-03-02T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_draft_needs_a_channel_and_a_way_to_reach_the_customer() {
        let err = LeadDraft::default().parse(Region::default(), now()).unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["channel", "contact"]);

        let draft = LeadDraft {
            channel: Some("web".into()),
            contact: ContactDraft { phone: Some("777 123 456".into()), email: Some("nope".into()), ..Default::default() },
            customer_type: Some("b3b".into()),
            received_at: Some("2030-01-01T00:00:00Z".into()),
            ..Default::default()
        };
        let err = draft.parse(Region::default(), now()).unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["contact.email", "customer_type", "received_at"]);
        assert!(err.0[1].message.contains("b2c, b2b"), "{}", err.0[1].message);
    }

    #[test]
    fn a_valid_draft_is_normalised() {
        let draft = LeadDraft {
            channel: Some("in_person".into()),
            contact: ContactDraft {
                name: Some(" Jana ".into()),
                phone: Some("00420 777-123-456".into()),
                email: Some("".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let lead = draft.parse(Region::default(), now()).unwrap();
        assert_eq!(lead.channel, Channel::InPerson);
        assert_eq!(lead.contact.phone.unwrap().as_str(), "+420777123456");
        assert!(lead.contact.email.is_none(), "blank is absent");
        assert_eq!(lead.received_at, now());
    }

    #[test]
    fn which_activities_are_responses() {
        let cases = [
            ("call", Some("out"), Some("reached"), true),
            ("call", Some("out"), Some("no_answer"), false),
            ("call", Some("in"), Some("reached"), true),
            ("call", Some("in"), Some("missed"), false),
            ("call", Some("in"), Some("transferred"), true),
            ("call", Some("in"), Some("manager_busy"), true),
            ("email", Some("out"), None, true),
            ("email", Some("in"), None, false),
            ("sms", Some("out"), None, true),
            ("meeting", None, None, true),
        ];
        for (kind, dir, outcome, want) in cases {
            let a = ActivityDraft {
                kind: Some(kind.into()),
                direction: dir.map(Into::into),
                outcome: outcome.map(Into::into),
                ..Default::default()
            }
            .parse(now())
            .unwrap();
            assert_eq!(a.is_response(), want, "{kind} {dir:?} {outcome:?}");
        }
        let err = ActivityDraft { kind: Some("call".into()), ..Default::default() }.parse(now()).unwrap_err();
        assert_eq!(err.0.len(), 2, "{err}");
    }
}
