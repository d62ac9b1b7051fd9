//! 14. Web forms built in the admin pages: stored, replaced, listed, removed, each with its
//! audit row in the same transaction; removing a form that is not there is `NotFound` and
//! writes no audit row.

use crate::helpers::*;
use pronto_store::{AuditEntry, AuditFilter};

fn audit(kind: &str, key: &str) -> AuditEntry {
    AuditEntry {
        actor: None,
        actor_login: Some("admin".into()),
        actor_name: Some("Admin".into()),
        kind: kind.into(),
        target: Some(format!("form/{key}")),
        ip: None,
        detail: json!({}),
    }
}

async fn web_forms_are_stored_with_their_audit_row(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    assert!(store.web_forms().await.unwrap().is_empty());
    assert_eq!(store.web_form("contact".into()).await.unwrap(), None);

    store.save_web_form("contact".into(), Some(r#"{"fields":["name"]}"#.into()), audit("forms.saved", "contact")).await.unwrap();
    clock.advance(SignedDuration::from_secs(60));
    store.save_web_form("b2b".into(), Some(r#"{"fields":["company"]}"#.into()), audit("forms.saved", "b2b")).await.unwrap();
    store.save_web_form("contact".into(), Some(r#"{"fields":["phone"]}"#.into()), audit("forms.saved", "contact")).await.unwrap();

    let all = store.web_forms().await.unwrap();
    assert_eq!(all.iter().map(|f| f.key.as_str()).collect::<Vec<_>>(), ["b2b", "contact"], "by key");
    let contact = store.web_form("contact".into()).await.unwrap().expect("stored");
    assert_eq!(contact.definition, r#"{"fields":["phone"]}"#, "a second save replaces the first");
    assert_eq!(contact.updated_at, clock.now());

    store.save_web_form("contact".into(), None, audit("forms.deleted", "contact")).await.unwrap();
    assert_eq!(store.web_form("contact".into()).await.unwrap(), None);
    let err = store.save_web_form("contact".into(), None, audit("forms.deleted", "contact")).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");

    let kinds: Vec<String> =
        store.audit_log(&AuditFilter { limit: 50, ..AuditFilter::default() }).await.unwrap().into_iter().map(|r| r.kind).collect();
    assert_eq!(kinds, ["forms.deleted", "forms.saved", "forms.saved", "forms.saved"], "one audit row per change, none for the refused one");
}

contract_test!(web_forms_are_stored_with_their_audit_row);
