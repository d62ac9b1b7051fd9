//! The mystery shopper's rules (issue 23): which hops a test inquiry passes through each
//! channel, how long each may take, what a run's hops say (its verdict), when an incident opens
//! and closes, and on which channels the admins hear of it. Pure: the runner
//! (`crates/pronto/src/canary.rs`) sends and observes, these functions decide.

use jiff::{SignedDuration, Timestamp};

/// A channel a test inquiry goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Channel {
    /// The web form, over HTTP from outside the process.
    Form,
    /// An e-mail through the SMTP server to the intake mailbox.
    Mail,
    /// A signed call event from the phone exchange.
    Call,
}

impl Channel {
    pub const EVERY: [Channel; 3] = [Channel::Form, Channel::Mail, Channel::Call];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Form => "form",
            Channel::Mail => "mail",
            Channel::Call => "call",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::EVERY.into_iter().find(|c| c.as_str() == s)
    }
}

/// A step of a run, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Hop {
    /// The inquiry left the canary: the form's `201`, the SMTP server's acceptance, the call
    /// event's `2xx`.
    Sent,
    /// The lead is in the registry.
    Registered,
    /// The playbook ran on it (its owner or its first task).
    Playbook,
    /// The alert for the team was accepted by the SMS gateway or the SMTP server.
    AlertAccepted,
    /// The canary closed the test lead.
    Closed,
}

impl Hop {
    pub const EVERY: [Hop; 5] = [Hop::Sent, Hop::Registered, Hop::Playbook, Hop::AlertAccepted, Hop::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            Hop::Sent => "sent",
            Hop::Registered => "registered",
            Hop::Playbook => "playbook",
            Hop::AlertAccepted => "alert_accepted",
            Hop::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Hop> {
        Hop::EVERY.into_iter().find(|h| h.as_str() == s)
    }
}

/// What the limits depend on in an installation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How often the intake mailbox's reader looks (it also looks at once when the server
    /// says IDLE).
    pub mail_poll: SignedDuration,
    /// How long the team's alert may take to be accepted after the lead is registered (the
    /// `alert_seconds` setting; 60 s by default).
    pub alert: SignedDuration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { mail_poll: SignedDuration::from_secs(60), alert: SignedDuration::from_secs(60) }
    }
}

/// How long after the run started each hop may be reached.
pub fn limit(channel: Channel, hop: Hop, l: Limits) -> SignedDuration {
    let registered = match channel {
        Channel::Form | Channel::Call => SignedDuration::from_secs(10),
        Channel::Mail => SignedDuration::from_secs(60) + l.mail_poll * 2,
    };
    match hop {
        Hop::Sent => SignedDuration::from_secs(10),
        Hop::Registered => registered,
        Hop::Playbook => registered + SignedDuration::from_secs(10),
        Hop::AlertAccepted => registered + l.alert,
        Hop::Closed => registered + l.alert + SignedDuration::from_secs(30),
    }
}

/// What the runner saw of one hop: when it was reached, or the error that stopped it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub hop: Hop,
    pub at: Option<Timestamp>,
    pub error: Option<String>,
}

/// What a run's hops say at `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every hop reached within its limit.
    Passed,
    /// Not every hop reached yet, none past its limit.
    Waiting,
    /// A hop failed with an error.
    Failed { hop: Hop, error: String },
    /// A hop not reached (or reached too late) within its limit.
    Late { hop: Hop, limit: SignedDuration },
}

impl Verdict {
    /// The run is over: passed, failed or late.
    pub fn is_final(&self) -> bool {
        !matches!(self, Verdict::Waiting)
    }

    /// The hop that failed or was late.
    pub fn hop(&self) -> Option<Hop> {
        match self {
            Verdict::Failed { hop, .. } | Verdict::Late { hop, .. } => Some(*hop),
            _ => None,
        }
    }

    /// What failed, in words (for the alert and the page).
    pub fn error(&self) -> Option<String> {
        match self {
            Verdict::Failed { error, .. } => Some(error.clone()),
            Verdict::Late { hop, limit } => Some(format!("not {} within {} s", hop_words(*hop), limit.as_secs())),
            _ => None,
        }
    }
}

fn hop_words(hop: Hop) -> &'static str {
    match hop {
        Hop::Sent => "sent",
        Hop::Registered => "registered",
        Hop::Playbook => "taken up by the playbook",
        Hop::AlertAccepted => "alerted (the gateway did not accept the alert)",
        Hop::Closed => "closed",
    }
}

/// The verdict of a run of `channel` started at `started`, with `seen` (in any order; a hop
/// missing from it is not reached yet) at `now`. Hops are judged in order: the first that
/// failed, or is past its limit, decides; a hop reached late is late even when later ones
/// made up for it. `skip` are hops not checked in this installation (no test number for the
/// alert, say).
pub fn verdict(channel: Channel, started: Timestamp, seen: &[Seen], now: Timestamp, limits: Limits, skip: &[Hop]) -> Verdict {
    for hop in Hop::EVERY {
        if skip.contains(&hop) {
            continue;
        }
        let limit = limit(channel, hop, limits);
        let s = seen.iter().find(|s| s.hop == hop);
        if let Some(error) = s.and_then(|s| s.error.clone()) {
            return Verdict::Failed { hop, error };
        }
        match s.and_then(|s| s.at) {
            Some(at) if at.duration_since(started) > limit => return Verdict::Late { hop, limit },
            Some(_) => {}
            None if now.duration_since(started) > limit => return Verdict::Late { hop, limit },
            None => return Verdict::Waiting,
        }
    }
    Verdict::Passed
}

/// What a final verdict does to the channel's incident: one alert when it opens, nothing
/// while it stays open, one "recovered" message when a run passes again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncidentStep {
    /// Nothing was wrong and nothing is: no message.
    Quiet,
    /// A new incident: alert the admins once.
    Open,
    /// Still failing: the open incident covers it, no second alert.
    StillOpen,
    /// It works again: close the incident and say so.
    Recovered,
}

pub fn incident_step(open: bool, verdict: &Verdict) -> IncidentStep {
    match (open, verdict) {
        (_, Verdict::Waiting) if open => IncidentStep::StillOpen,
        (_, Verdict::Waiting) => IncidentStep::Quiet,
        (false, Verdict::Passed) => IncidentStep::Quiet,
        (true, Verdict::Passed) => IncidentStep::Recovered,
        (false, _) => IncidentStep::Open,
        (true, _) => IncidentStep::StillOpen,
    }
}

/// What a hop that failed depends on, so that the admins hear of it through something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Sms,
    Email,
    Other,
}

/// The part a failed `hop` of `channel` points at, `alert` being the channel the team's alert
/// goes by (`sms` or `email`): an SMTP server that refuses the test mail is e-mail's, a
/// gateway that does not accept the alert is SMS's; a mailbox that does not receive mail
/// (the IMAP side), the web form and the engine are neither.
pub fn failed_part(channel: Channel, hop: Hop, alert: &str) -> Part {
    match (channel, hop) {
        (Channel::Mail, Hop::Sent) => Part::Email,
        (_, Hop::AlertAccepted) if alert == "sms" => Part::Sms,
        (_, Hop::AlertAccepted) if alert == "email" => Part::Email,
        _ => Part::Other,
    }
}

/// The channels the admins are told of an incident on: never the part that failed; in-app
/// always.
pub fn alert_channels(failed: Part) -> &'static [&'static str] {
    match failed {
        Part::Sms => &["email", "in_app"],
        Part::Email => &["sms", "in_app"],
        Part::Other => &["sms", "email", "in_app"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> Timestamp {
        Timestamp::from_second(1_780_000_000 + s).unwrap()
    }

    fn seen(hops: &[(Hop, i64)]) -> Vec<Seen> {
        hops.iter().map(|(h, s)| Seen { hop: *h, at: Some(at(*s)), error: None }).collect()
    }

    #[test]
    fn a_runs_verdict_is_its_first_hop_that_failed_or_was_late() {
        use Hop::*;
        let poll = Limits { mail_poll: SignedDuration::from_secs(30), alert: SignedDuration::from_secs(60) };
        let all = [(Sent, 0), (Registered, 1), (Playbook, 1), (AlertAccepted, 2), (Closed, 3)];
        let failed = |hop, e: &str| Verdict::Failed { hop, error: e.into() };
        let late = |hop, s| Verdict::Late { hop, limit: SignedDuration::from_secs(s) };
        // (channel, hops seen, an error on a hop, now, skipped, verdict)
        let cases: Vec<(Channel, Vec<(Hop, i64)>, Option<(Hop, &str)>, i64, Vec<Hop>, Verdict)> = vec![
            (Channel::Form, all.to_vec(), None, 4, vec![], Verdict::Passed),
            (Channel::Form, all[..2].to_vec(), None, 5, vec![], Verdict::Waiting),
            // the form registered after 11 s: late, although everything after came
            (Channel::Form, vec![(Sent, 0), (Registered, 11), (Playbook, 11), (AlertAccepted, 12), (Closed, 12)], None, 12, vec![], late(Registered, 10)),
            // no alert accepted 70 s after registering (limit 10 + 60 s)
            (Channel::Form, all[..3].to_vec(), None, 71, vec![], late(AlertAccepted, 70)),
            (Channel::Form, all[..3].to_vec(), None, 69, vec![], Verdict::Waiting),
            // the gateway answered 500
            (Channel::Form, all[..3].to_vec(), Some((AlertAccepted, "HTTP 500")), 5, vec![], failed(AlertAccepted, "HTTP 500")),
            // the SMTP server refused the test mail: the first hop fails
            (Channel::Mail, vec![], Some((Sent, "550 refused")), 0, vec![], failed(Sent, "550 refused")),
            // mail may take the reader's two looks plus a minute: 120 s with a 30 s poll
            (Channel::Mail, all[..1].to_vec(), None, 119, vec![], Verdict::Waiting),
            (Channel::Mail, all[..1].to_vec(), None, 121, vec![], late(Registered, 120)),
            // no test number: the alert is not checked
            (Channel::Call, vec![(Sent, 0), (Registered, 1), (Playbook, 1), (Closed, 2)], None, 3, vec![AlertAccepted], Verdict::Passed),
        ];
        // A shorter alert limit (the setting): late sooner.
        let quick = Limits { alert: SignedDuration::from_secs(3), ..poll };
        assert_eq!(verdict(Channel::Form, at(0), &seen(&all[..3]), at(14), quick, &[]), late(AlertAccepted, 13));
        for (channel, hops, error, now, skip, want) in cases {
            let mut s = seen(&hops);
            if let Some((hop, e)) = error {
                s.push(Seen { hop, at: None, error: Some(e.into()) });
            }
            assert_eq!(verdict(channel, at(0), &s, at(now), poll, &skip), want, "{channel:?} {hops:?} {error:?} at {now}");
        }
    }

    #[test]
    fn one_alert_per_incident_and_one_when_it_recovers() {
        let bad = Verdict::Failed { hop: Hop::Sent, error: "x".into() };
        // (incident open, verdict, step)
        let cases = [
            (false, Verdict::Passed, IncidentStep::Quiet),
            (false, bad.clone(), IncidentStep::Open),
            (true, bad.clone(), IncidentStep::StillOpen),
            (true, Verdict::Late { hop: Hop::Registered, limit: SignedDuration::from_secs(10) }, IncidentStep::StillOpen),
            (true, Verdict::Passed, IncidentStep::Recovered),
            (false, Verdict::Waiting, IncidentStep::Quiet),
            (true, Verdict::Waiting, IncidentStep::StillOpen),
        ];
        for (open, v, want) in cases {
            assert_eq!(incident_step(open, &v), want, "{open} {v:?}");
        }
        // A sequence: fail, fail, fail, pass, pass, fail → two alerts, one recovery.
        let mut open = false;
        let mut said = Vec::new();
        for v in [bad.clone(), bad.clone(), bad.clone(), Verdict::Passed, Verdict::Passed, bad] {
            match incident_step(open, &v) {
                IncidentStep::Open => {
                    open = true;
                    said.push("alert");
                }
                IncidentStep::Recovered => {
                    open = false;
                    said.push("recovered");
                }
                _ => {}
            }
        }
        assert_eq!(said, ["alert", "recovered", "alert"]);
    }

    #[test]
    fn the_admins_hear_of_a_failure_on_another_channel() {
        // (channel, hop, the alert's channel, part, told on)
        let cases: [(Channel, Hop, &str, Part, &[&str]); 6] = [
            (Channel::Form, Hop::AlertAccepted, "sms", Part::Sms, &["email", "in_app"]),
            (Channel::Mail, Hop::Sent, "sms", Part::Email, &["sms", "in_app"]),
            (Channel::Mail, Hop::Registered, "sms", Part::Other, &["sms", "email", "in_app"]),
            (Channel::Call, Hop::AlertAccepted, "email", Part::Email, &["sms", "in_app"]),
            (Channel::Form, Hop::Registered, "sms", Part::Other, &["sms", "email", "in_app"]),
            (Channel::Form, Hop::Playbook, "sms", Part::Other, &["sms", "email", "in_app"]),
        ];
        for (channel, hop, alert, part, told) in cases {
            assert_eq!(failed_part(channel, hop, alert), part, "{channel:?} {hop:?}");
            assert_eq!(alert_channels(part), told, "{part:?}");
            assert!(!alert_channels(part).iter().any(|c| Some(*c) == matches!(part, Part::Sms).then_some("sms")));
        }
        for c in Channel::EVERY {
            assert_eq!(Channel::parse(c.as_str()), Some(c));
        }
        for h in Hop::EVERY {
            assert_eq!(Hop::parse(h.as_str()), Some(h));
        }
    }
}
