//! Calls reported by the phone exchange: the events as they arrive (in any order, possibly
//! twice) and the call's state they add up to. [`CallState::apply`] is pure and
//! order-independent for the final state: ringing → answered → ended, answered before ringing,
//! ended before answered, missed before ringing all end the same. What a call *means* for a
//! lead (a response, a missed call to call back, a transfer) is decided once, when the call
//! resolves, and returned as [`Change`]s for the store to act on.

use crate::lead::{Direction, vocabulary};
use jiff::Timestamp;

vocabulary!(
    /// What the exchange reports. `transferred`: the person who answered handed the caller to
    /// someone else (`transferred_to`); `returned`: a transferred caller waited too long
    /// (`hold_s`) and came back; `busy`: the line (or, after a transfer, the person) was busy;
    /// `failed`: an outgoing call could not be made.
    CallEventKind {
        Ringing = "ringing",
        Answered = "answered",
        Missed = "missed",
        Ended = "ended",
        Transferred = "transferred",
        Returned = "returned",
        Busy = "busy",
        Failed = "failed"
    }
);

/// One event, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct CallEvent {
    pub kind: CallEventKind,
    /// The exchange's id of the call (one call, several events).
    pub call_id: String,
    pub direction: Direction,
    /// The caller (incoming) or our line (outgoing), as sent.
    pub from: Option<String>,
    pub to: Option<String>,
    pub at: Timestamp,
    /// Who took the call: a user id, login or phone number, as the exchange knows them.
    pub answered_by: Option<String>,
    pub duration_s: Option<i64>,
    /// How long a transferred caller waited.
    pub hold_s: Option<i64>,
    pub transferred_to: Option<String>,
}

/// How a call ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Answered,
    /// Nobody answered (incoming: missed; outgoing: no answer).
    Missed,
    Busy,
    Failed,
}

impl Resolution {
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Answered => "answered",
            Resolution::Missed => "missed",
            Resolution::Busy => "busy",
            Resolution::Failed => "failed",
        }
    }
}

/// What a call is known to be so far; kept per call by the store (as JSON).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CallState {
    pub direction: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub started_at: Option<Timestamp>,
    pub answered_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
    pub answered_by: Option<String>,
    pub duration_s: Option<i64>,
    /// `answered`, `missed`, `busy`, `failed` once decided; never changes after.
    pub resolution: Option<String>,
    pub transfers: Vec<Transfer>,
    /// Events that contradicted the resolution (kept for the record).
    pub conflicts: u32,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Transfer {
    pub at: Timestamp,
    /// `transferred`, `returned` or `busy`.
    pub kind: String,
    pub to: Option<String>,
    pub hold_s: Option<i64>,
}

/// What an event changed that the lead must hear about.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The call resolved (once per call).
    Resolved { resolution: Resolution, at: Timestamp, by: Option<String> },
    /// Handed to someone else.
    Transferred { to: Option<String>, hold_s: Option<i64>, at: Timestamp },
    /// The transfer did not work out: the person was busy, or the caller waited too long and came
    /// back; either way a promised callback is due.
    TransferFailed { kind: CallEventKind, hold_s: Option<i64>, at: Timestamp },
}

fn earliest(a: Option<Timestamp>, b: Timestamp) -> Option<Timestamp> {
    Some(a.map_or(b, |a| a.min(b)))
}

impl CallState {
    /// Folds one event in; returns what it changed for the lead. The same event twice changes
    /// nothing the second time.
    pub fn apply(&mut self, e: &CallEvent) -> Vec<Change> {
        let mut out = Vec::new();
        if self.direction.is_none() {
            self.direction = Some(e.direction.as_str().to_owned());
        }
        self.from = self.from.take().or_else(|| e.from.clone());
        self.to = self.to.take().or_else(|| e.to.clone());
        self.started_at = earliest(self.started_at, e.at);
        if let Some(d) = e.duration_s {
            self.duration_s = Some(self.duration_s.map_or(d, |x| x.max(d)));
        }
        if self.answered_by.is_none() {
            self.answered_by = e.answered_by.clone();
        }
        // What this event says about the outcome.
        let says = match e.kind {
            CallEventKind::Ringing => None,
            CallEventKind::Answered => Some(Resolution::Answered),
            // An end with a talk time or a taker was answered (its `answered` may come later).
            CallEventKind::Ended if e.duration_s.is_some_and(|d| d > 0) || e.answered_by.is_some() => Some(Resolution::Answered),
            CallEventKind::Ended | CallEventKind::Missed => Some(Resolution::Missed),
            CallEventKind::Busy if self.resolution.as_deref() == Some("answered") || self.answered_at.is_some() => None,
            CallEventKind::Busy => Some(Resolution::Busy),
            CallEventKind::Failed => Some(Resolution::Failed),
            CallEventKind::Transferred | CallEventKind::Returned => Some(Resolution::Answered),
        };
        if matches!(e.kind, CallEventKind::Ended) {
            self.ended_at = Some(self.ended_at.map_or(e.at, |x| x.max(e.at)));
        }
        if says == Some(Resolution::Answered) {
            self.answered_at = earliest(self.answered_at, e.at);
        }
        if let Some(r) = says {
            match &self.resolution {
                None => {
                    self.resolution = Some(r.as_str().to_owned());
                    let at = if r == Resolution::Answered { self.answered_at.unwrap_or(e.at) } else { e.at };
                    out.push(Change::Resolved { resolution: r, at, by: self.answered_by.clone() });
                }
                Some(have) if have != r.as_str() => self.conflicts += 1,
                Some(_) => {}
            }
        }
        // Transfers: each one once (the same kind at the same time is the same transfer).
        let transfer = match e.kind {
            CallEventKind::Transferred => Some("transferred"),
            CallEventKind::Returned => Some("returned"),
            CallEventKind::Busy if self.answered_at.is_some() => Some("busy"),
            _ => None,
        };
        if let Some(kind) = transfer
            && !self.transfers.iter().any(|t| t.kind == kind && t.at == e.at)
        {
            self.transfers.push(Transfer { at: e.at, kind: kind.to_owned(), to: e.transferred_to.clone(), hold_s: e.hold_s });
            out.push(match e.kind {
                CallEventKind::Transferred => Change::Transferred { to: e.transferred_to.clone(), hold_s: e.hold_s, at: e.at },
                _ => Change::TransferFailed { kind: e.kind, hold_s: e.hold_s, at: e.at },
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(kind: CallEventKind, sec: i64) -> CallEvent {
        CallEvent {
            kind,
            call_id: "c1".into(),
            direction: Direction::In,
            from: Some("+420777123456".into()),
            to: Some("+420222000111".into()),
            at: Timestamp::from_second(1_900_000_000 + sec).unwrap(),
            answered_by: (kind == CallEventKind::Answered).then(|| "jana".into()),
            duration_s: (kind == CallEventKind::Ended).then_some(if sec > 20 { 40 } else { 0 }),
            hold_s: None,
            transferred_to: None,
        }
    }

    fn run(events: &[CallEvent]) -> (CallState, Vec<Change>) {
        let mut s = CallState::default();
        let mut all = Vec::new();
        for e in events {
            all.extend(s.apply(e));
        }
        (s, all)
    }

    #[test]
    fn every_order_of_an_answered_call_ends_the_same() {
        use CallEventKind::*;
        let (r, a, e) = (ev(Ringing, 0), ev(Answered, 5), ev(Ended, 45));
        let orders = [
            vec![r.clone(), a.clone(), e.clone()],
            vec![a.clone(), r.clone(), e.clone()],
            vec![e.clone(), a.clone(), r.clone()],
            vec![r.clone(), e.clone(), a.clone(), a.clone(), e.clone()],
        ];
        let (first, _) = run(&orders[0]);
        for o in &orders {
            let (s, changes) = run(o);
            assert_eq!(s.resolution.as_deref(), Some("answered"));
            assert_eq!(s.answered_at, first.answered_at.min(s.answered_at), "{o:?}");
            assert_eq!((s.started_at, s.ended_at, s.duration_s), (first.started_at, first.ended_at, first.duration_s));
            let resolved: Vec<_> = changes.iter().filter(|c| matches!(c, Change::Resolved { .. })).collect();
            assert_eq!(resolved.len(), 1, "decided once: {changes:?}");
        }
    }

    #[test]
    fn a_missed_call_is_missed_whatever_the_order_and_repeats() {
        use CallEventKind::*;
        for o in [vec![ev(Ringing, 0), ev(Missed, 30)], vec![ev(Missed, 30), ev(Ringing, 0)], vec![ev(Missed, 30), ev(Missed, 30)]] {
            let (s, changes) = run(&o);
            assert_eq!(s.resolution.as_deref(), Some("missed"));
            assert_eq!(changes.iter().filter(|c| matches!(c, Change::Resolved { resolution: Resolution::Missed, .. })).count(), 1);
        }
        // Ended without a talk time or a taker: nobody answered.
        let (s, _) = run(&[ev(Ringing, 0), ev(Ended, 10)]);
        assert_eq!(s.resolution.as_deref(), Some("missed"));
    }

    #[test]
    fn transfers_count_once_and_a_busy_manager_is_a_failed_transfer() {
        use CallEventKind::*;
        let mut t = ev(Transferred, 10);
        t.transferred_to = Some("milan".into());
        let mut b = ev(Busy, 20);
        b.hold_s = Some(15);
        let (s, changes) = run(&[ev(Answered, 5), t.clone(), t, b.clone(), b]);
        assert_eq!(s.resolution.as_deref(), Some("answered"));
        assert_eq!(s.transfers.len(), 2);
        assert!(matches!(changes[1], Change::Transferred { .. }));
        assert!(matches!(changes[2], Change::TransferFailed { kind: Busy, hold_s: Some(15), .. }));
        assert_eq!(changes.len(), 3);
    }
}
