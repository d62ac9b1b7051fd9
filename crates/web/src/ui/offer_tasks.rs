//! The offer's part in a task (issue 20, item 5). A playbook task with `offer = "prepare"` opens
//! the offer editor (from the latest version when the lead has one: a smaller offer starts from
//! the last); saving a version completes it. A task with `offer = "send"` sends the lead's latest
//! draft from the task (or opens the editor when there is none to send); sending completes it.
//! The outcome the offer's step completes such a task with is therefore not offered as a button.

use super::i18n::Tr;
use crate::AppState;
use pronto_domain::offer::{OfferStatus, effective_status};
use pronto_playbook::model::OfferWork;
use pronto_store::OfferRecord;

/// What a task shows for the offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskOffer {
    /// The editor's address and the link's words.
    pub editor: String,
    pub editor_label: String,
    /// The form that sends the latest draft: (action, button's words).
    pub send: Option<(String, String)>,
}

/// The offer step of task `task` in the lead's playbook version, if it has one.
pub fn work(st: &AppState, playbook: &str, version: i64, task: &str) -> Option<OfferWork> {
    st.store.playbooks().get(playbook, version).and_then(|pb| pb.tasks.get(task).and_then(|d| d.offer))
}

/// The outcomes a person completes the task with by hand: the one the offer's step gives is
/// left out (saving or sending is what gives it).
pub fn outcomes_by_hand(outcomes: Vec<String>, work: Option<OfferWork>) -> Vec<String> {
    match work {
        Some(w) => outcomes.into_iter().filter(|o| o != w.outcome()).collect(),
        None => outcomes,
    }
}

/// What the task offers, from the lead's offers (oldest first) at `now`.
pub fn action(t: &Tr, lead_id: i64, work: OfferWork, offers: &[OfferRecord], now: jiff::Timestamp) -> TaskOffer {
    let latest = offers.iter().max_by_key(|o| o.version);
    let draft = latest.filter(|o| OfferStatus::parse(&o.status).is_ok_and(|s| effective_status(s, o.expires_at, now) == OfferStatus::Draft));
    let (editor, editor_label) = match latest {
        Some(o) => (format!("/leads/{lead_id}/offers/new?from={}", o.id), t.with("offers-task-new-version", &[("version", &o.version.to_string())])),
        None => (format!("/leads/{lead_id}/offers/new"), t.t("offers-task-editor")),
    };
    let send = match work {
        OfferWork::Send => draft.map(|o| {
            (format!("/leads/{lead_id}/offers/{}/send", o.id), t.with("offers-task-send", &[("version", &o.version.to_string())]))
        }),
        OfferWork::Prepare => None,
    };
    TaskOffer { editor, editor_label, send }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pronto_store::OfferRecord;

    fn offer(id: i64, version: i64, status: &str, expires: &str) -> OfferRecord {
        OfferRecord {
            id,
            lead_id: 7,
            version,
            status: status.into(),
            currency: "CZK".into(),
            expires_at: expires.parse().unwrap(),
            ..OfferRecord::default()
        }
    }

    #[test]
    fn what_a_task_offers_for_the_offer() {
        let t = Tr::new("en");
        let now: jiff::Timestamp = "2026-12-03T10:00:00Z".parse().unwrap();
        let later = "2026-12-20T00:00:00Z";
        let past = "2026-12-01T00:00:00Z";
        let draft2 = [offer(3, 1, "superseded", later), offer(5, 2, "draft", later)];
        let sent = [offer(3, 1, "sent", later)];
        let expired = [offer(3, 1, "draft", past)];
        // (work, offers, editor, send action)
        let cases: &[(OfferWork, &[OfferRecord], &str, Option<&str>)] = &[
            (OfferWork::Prepare, &[], "/leads/7/offers/new", None),
            (OfferWork::Prepare, &draft2, "/leads/7/offers/new?from=5", None),
            (OfferWork::Send, &[], "/leads/7/offers/new", None),
            (OfferWork::Send, &draft2, "/leads/7/offers/new?from=5", Some("/leads/7/offers/5/send")),
            // Sent already, or a draft past its validity: nothing to send, a new version to make.
            (OfferWork::Send, &sent, "/leads/7/offers/new?from=3", None),
            (OfferWork::Send, &expired, "/leads/7/offers/new?from=3", None),
        ];
        for (work, offers, editor, send) in cases {
            let a = action(&t, 7, *work, offers, now);
            assert_eq!(a.editor, *editor, "{work:?} {offers:?}");
            assert_eq!(a.send.as_ref().map(|s| s.0.as_str()), *send, "{work:?} {offers:?}");
        }
        let a = action(&t, 7, OfferWork::Send, &draft2, now);
        assert_eq!(a.send.unwrap().1, "Send version 2 to the customer");
        assert_eq!(action(&t, 7, OfferWork::Prepare, &[], now).editor_label, "Open the offer editor");
        for lang in ["cs", "ru", "pl", "he"] {
            let a = action(&Tr::new(lang), 7, OfferWork::Send, &draft2, now);
            assert!(!a.editor_label.contains("offers-task") && !a.send.unwrap().1.contains("offers-task"), "{lang}");
        }
    }

    #[test]
    fn the_outcome_the_offer_gives_is_not_a_button() {
        let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(outcomes_by_hand(v(&["done"]), Some(OfferWork::Prepare)), v(&[]));
        assert_eq!(outcomes_by_hand(v(&["sent", "accepted", "smaller"]), Some(OfferWork::Send)), v(&["accepted", "smaller"]));
        assert_eq!(outcomes_by_hand(v(&["done"]), None), v(&["done"]));
    }
}
