//! Settings saved in the admin pages: per section and field, secrets sealed at rest, a change
//! and its audit row in one transaction, kept across a reopen.

use crate::helpers::*;
use pronto_store::{AuditEntry, AuditFilter, SettingsChange};
use std::collections::{BTreeMap, BTreeSet};

contract_test!(settings_are_kept_per_section_with_secrets_sealed, with_db);

fn change(section: &str, set: &[(&str, Option<&str>)], secret: &[&str]) -> SettingsChange {
    SettingsChange {
        section: section.into(),
        set: set.iter().map(|(k, v)| (k.to_string(), v.map(str::to_owned))).collect::<BTreeMap<_, _>>(),
        secret: secret.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>(),
        clear: false,
        actor: None,
        audit: Some(AuditEntry { kind: "settings.changed".into(), target: Some(format!("settings/{section}")), detail: json!({ "fields": ["url"] }), ..Default::default() }),
    }
}

async fn settings_are_kept_per_section_with_secrets_sealed(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    assert!(store.settings().await.unwrap().is_empty(), "nothing saved yet");
    store
        .save_settings(change(
            "sms",
            &[("provider", Some("twilio")), ("url", Some("http://gw.example")), ("auth_token", Some("TOKEN-SECRET-4711"))],
            &["auth_token"],
        ))
        .await
        .unwrap();
    store.save_settings(change("mailbox:sales", &[("host", Some("imap.example")), ("password", Some("PW-0815"))], &["password"])).await.unwrap();
    let all = store.settings().await.unwrap();
    assert_eq!(all["sms"]["provider"], "twilio");
    assert_eq!(all["sms"]["auth_token"], "TOKEN-SECRET-4711", "the store opens a secret for the process");
    assert_eq!(all["mailbox:sales"]["password"], "PW-0815");
    // At rest, the secret is sealed; plain fields are plain.
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM settings WHERE value LIKE '%TOKEN-SECRET%' OR value LIKE '%PW-0815%'").await, 0);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM settings WHERE secret = 1").await, 2);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM settings WHERE value = 'twilio'").await, 1);
    // Each change wrote its audit row in its transaction, without the secret.
    let audit = store.audit_log(&AuditFilter { kind: Some("settings".into()), limit: 50, ..Default::default() }).await.unwrap();
    assert_eq!(audit.len(), 2);
    assert!(audit.iter().all(|a| !a.detail.to_string().contains("TOKEN-SECRET")));

    // A field not named keeps its value; `None` forgets one.
    clock.advance(SignedDuration::from_secs(60));
    store.save_settings(change("sms", &[("url", Some("http://other.example")), ("provider", None)], &[])).await.unwrap();
    let all = store.settings().await.unwrap();
    assert_eq!(all["sms"].get("provider"), None);
    assert_eq!(all["sms"]["url"], "http://other.example");
    assert_eq!(all["sms"]["auth_token"], "TOKEN-SECRET-4711", "the secret is kept when not retyped");

    // A removed mailbox is gone whole.
    store.save_settings(SettingsChange { section: "mailbox:sales".into(), clear: true, ..Default::default() }).await.unwrap();
    assert!(!store.settings().await.unwrap().contains_key("mailbox:sales"));

    // A reopened store (another node) reads the same, secrets opening with the same key.
    let again = db.open(clock.clone()).await;
    assert_eq!(again.settings().await.unwrap()["sms"]["auth_token"], "TOKEN-SECRET-4711");
}
