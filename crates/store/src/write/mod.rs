//! The write side's areas, each a set of [`Command`](crate::tx::Command)s over the
//! transaction buffer (`tx`). Dependencies point down only:
//! `tx` ← `process` ← `users` ← `access`, `work` ← `customer` ← `leads` ← `mail`, `calls`;
//! `delivery`, `config`, `schedule` ← `timers`; `work` ← `offers`; `process` ← `requisites`.

pub(crate) mod access;
pub(crate) mod config;
pub(crate) mod delivery;
pub(crate) mod leads;
pub(crate) mod offers;
pub(crate) mod requisites;
pub(crate) mod timers;
pub(crate) mod users;
pub(crate) mod work;

#[cfg(test)]
mod tests {
    use crate::engine::{Conn, Dialect};
    use crate::playbooks::Playbooks;
    use crate::tx::{Command, Pending, flush};
    use crate::{micros, params};
    use jiff::Timestamp;
    use pronto_domain::lead::{ActivityDraft, ContactDraft, LeadDraft};
    use pronto_domain::values::Region;

    /// A lead created and answered in the same batch: its timer is written already cancelled,
    /// exactly as if the two commands had been committed one after the other.
    #[tokio::test]
    async fn a_timer_set_and_cancelled_in_one_batch_is_recorded_cancelled() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = crate::pool::connect(&dir.path().join("t.db")).unwrap();
        crate::migrate::run(&mut c, Dialect::Sqlite).await.unwrap();
        let now: Timestamp = "2026-03-02T09:00:00Z".parse().unwrap();
        let lead = LeadDraft {
            channel: Some("web".into()),
            contact: ContactDraft { phone: Some("777 123 456".into()), ..Default::default() },
            ..Default::default()
        }
        .parse(Region::default(), now)
        .unwrap();
        let call = ActivityDraft {
            kind: Some("call".into()),
            direction: Some("out".into()),
            outcome: Some("reached".into()),
            ..Default::default()
        }
        .parse(now)
        .unwrap();
        let playbooks = Playbooks::new();
        let agency = pronto_playbook::builtin("agency").unwrap();
        c.exec("INSERT INTO playbooks (name, version, source, loaded_at) VALUES ('agency', 1, $1, 0)", params![agency]).await.unwrap();
        playbooks.insert(1, pronto_playbook::parse(agency).unwrap());
        playbooks.set_site_keys(crate::tracking::SiteKeys::new(&[3u8; 32]));
        let mut pending = Pending::new(playbooks);
        c.exec("BEGIN", vec![]).await.unwrap();
        let created =
            crate::write::leads::CreateLead { lead, entered_by: None, idem: None }.apply(&mut c, &mut pending, now).await.unwrap();
        crate::write::work::LogActivity { lead_id: created.id, activity: call, actor: None }
            .apply(&mut c, &mut pending, now)
            .await
            .unwrap();
        flush(&mut c, &mut pending).await.unwrap();
        c.exec("COMMIT", vec![]).await.unwrap();
        // The SLA's warning and breach were set, then made moot by the reached call: both
        // written, both cancelled. (Without users there is nobody to escalate to.)
        let rows = c.rows("SELECT kind, status, done_at FROM timers WHERE lead_id = $1 ORDER BY id", params![created.id]).await.unwrap();
        let kinds: Vec<String> = rows.iter().map(|r| r.str("kind").unwrap()).collect();
        assert_eq!(kinds, ["sla:first_response:warn", "sla:first_response:breach"]);
        for r in &rows {
            assert_eq!(r.str("status").unwrap(), "cancelled");
            assert_eq!(r.opt_i64("done_at").unwrap(), Some(micros(now)));
        }
        let kinds = c.rows("SELECT kind FROM events WHERE lead_id = $1 ORDER BY id", params![created.id]).await.unwrap();
        let kinds: Vec<String> = kinds.iter().map(|r| r.str("kind").unwrap()).collect();
        let at = |k: &str| kinds.iter().position(|x| x == k).unwrap_or_else(|| panic!("no {k} in {kinds:?}"));
        assert_eq!(at("lead.received"), 0, "events in the order decided: {kinds:?}");
        assert!(at("sla.started") < at("activity.logged"));
        assert!(at("activity.logged") < at("lead.first_response"));
        assert!(at("lead.first_response") < at("sla.met"));
    }
}
