//! 7. Users, tokens, accounts and the first admin.

use crate::helpers::*;

// 7. Users and tokens
// ═══════════════════════════════════════════════════════════════════════════════════════════

async fn users_logins_and_tokens(store: Arc<dyn Store>, _clock: Arc<ManualClock>) {
    let id = store
        .create_user(NewUserRecord {
            phone: Some(pronto_domain::values::Phone::parse("777 123 456", Region::default()).unwrap()),
            email: Some(pronto_domain::values::Email::parse("Jana@Example.cz").unwrap()),
            ..new_user("Jana.N", "Jana Nováková", Role::Consultant, Some("$argon2id$hash-1"))
        })
        .await
        .unwrap();
    let user = store.user(id).await.unwrap();
    assert_eq!(user.login, "jana.n");
    assert_eq!(user.name, "Jana Nováková");
    assert_eq!(user.role, "consultant");
    assert_eq!(user.phone.as_deref(), Some("+420777123456"));
    assert_eq!(user.email.as_deref(), Some("jana@example.cz"));
    assert!(user.active);
    assert_eq!(user.created_at, start());

    let err = store.create_user(new_user("JANA.N", "Jiná Jana", Role::Admin, None)).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "duplicate login: {err:?}");
    assert_eq!(store.users().await.unwrap().len(), 1);

    let (by_login, hash) = store.user_by_login("jana.n").await.unwrap();
    assert_eq!(by_login, user);
    assert_eq!(hash.as_deref(), Some("$argon2id$hash-1"));
    assert!(matches!(store.user_by_login("nobody").await, Err(StoreError::NotFound)));

    let other = store.create_user(new_user("petr", "Petr", Role::Specialist, None)).await.unwrap();
    assert_eq!(store.user_by_login("petr").await.unwrap().1, None, "a user without a password");
    assert_eq!(store.users().await.unwrap().iter().map(|u| u.id).collect::<Vec<_>>(), [id, other]);

    let token = store.create_token(id, "ci".into(), "sha256:abc".into()).await.unwrap();
    assert!(token > 0);
    assert_eq!(store.user_by_token_hash("sha256:abc").await.unwrap(), user);
    assert!(matches!(store.user_by_token_hash("sha256:nope").await, Err(StoreError::NotFound)));
    store.create_token(other, "cli".into(), "sha256:def".into()).await.unwrap();
    assert_eq!(store.user_by_token_hash("sha256:def").await.unwrap().id, other);
    let dup = store.create_token(other, "again".into(), "sha256:abc".into()).await.unwrap_err();
    assert!(matches!(dup, StoreError::Conflict(_)), "a token hash is unique: {dup:?}");
}
contract_test!(users_logins_and_tokens);

/// Accounts (migration 12): the per-account sign-in throttle counts, waits, survives a reopen
/// and clears on success; tokens expire and are revoked; the last active admin stays.
async fn accounts_throttle_tokens_and_the_last_admin(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    for n in 1..=4 {
        assert_eq!(store.login_failed("jana").await.unwrap(), None, "failure {n} is free");
    }
    let now = clock.now();
    assert_eq!(store.login_failed("jana").await.unwrap(), Some(now + SignedDuration::from_secs(2)));
    assert_eq!(store.login_blocked("jana").await.unwrap(), Some(now + SignedDuration::from_secs(2)));
    assert_eq!(store.login_failed("jana").await.unwrap(), Some(now + SignedDuration::from_secs(4)));
    assert_eq!(store.login_blocked("petr").await.unwrap(), None, "per account");
    store.login_succeeded("jana").await.unwrap();
    assert_eq!(store.login_blocked("jana").await.unwrap(), None);

    let admin = store.create_user(new_user("boss", "Boss", Role::Admin, Some("h"))).await.unwrap();
    let jana = store.create_user(new_user("jana", "Jana", Role::Consultant, Some("h"))).await.unwrap();
    let later = clock.now() + SignedDuration::from_hours(1);
    let t = store.create_token_expiring(jana, "laptop".into(), "sha256:j".into(), Some(later)).await.unwrap();
    let (u, tok) = store.token_auth("sha256:j").await.unwrap();
    assert_eq!((u.id, tok.id, tok.expires_at, tok.last_used_at), (jana, t, Some(later), None));
    store.touch_token(t).await.unwrap();
    assert_eq!(store.tokens(jana).await.unwrap()[0].last_used_at, Some(clock.now()));
    store.revoke_token(jana, t, Some(admin)).await.unwrap();
    assert!(matches!(store.token_auth("sha256:j").await, Err(StoreError::NotFound)));
    assert!(matches!(store.revoke_token(jana, t, Some(admin)).await, Err(StoreError::NotFound)));
    assert!(store.tokens(jana).await.unwrap().is_empty());

    assert!(matches!(store.set_active(admin, false, Some(admin)).await, Err(StoreError::Conflict(_))));
    assert!(matches!(store.set_role(admin, Role::Manager, Some(admin)).await, Err(StoreError::Conflict(_))));
    store.create_token(jana, "ci".into(), "sha256:k".into()).await.unwrap();
    let h = store.set_active(jana, false, Some(admin)).await.unwrap();
    assert_eq!(h.tokens_revoked, 1);
    assert!(!store.user(jana).await.unwrap().active);
    store.set_active(jana, true, Some(admin)).await.unwrap();
    assert!(store.user(jana).await.unwrap().active);
    assert!(matches!(store.token_auth("sha256:k").await, Err(StoreError::NotFound)), "revoked tokens stay revoked");
}
contract_test!(accounts_throttle_tokens_and_the_last_admin);

/// Two admins taking each other's admin rights away at the same moment: one of them must stay
/// (on PostgreSQL the writers are separate connections; the guard locks the admins' rows).
async fn two_admins_cannot_remove_each_other_at_once(store: Arc<dyn Store>, _clock: Arc<ManualClock>) {
    let mut survivor: Option<i64> = None;
    for round in 0..5 {
        let a = store.create_user(new_user(&format!("a{round}"), "A", Role::Admin, Some("h"))).await.unwrap();
        let b = store.create_user(new_user(&format!("b{round}"), "B", Role::Admin, Some("h"))).await.unwrap();
        // The last round's survivor steps down, so these two are the only active admins.
        if let Some(s) = survivor {
            store.set_active(s, false, Some(a)).await.unwrap();
        }
        let (x, y) = tokio::join!(store.set_active(a, false, Some(b)), store.set_role(b, Role::Manager, Some(a)));
        assert!(
            x.is_err() != y.is_err(),
            "round {round}: exactly one of the two is refused ({:?}, {:?})",
            x.as_ref().map(|_| ()),
            y
        );
        assert!(matches!(x.as_ref().err().or(y.as_ref().err()), Some(StoreError::Conflict(_))), "the refusal is a conflict");
        let admins: Vec<i64> = store.users().await.unwrap().into_iter().filter(|u| u.active && u.role == "admin").map(|u| u.id).collect();
        let stays = if x.is_err() { a } else { b };
        assert_eq!(admins, vec![stays], "round {round}: one admin stays");
        survivor = Some(stays);
    }
}
contract_test!(two_admins_cannot_remove_each_other_at_once);

async fn ensure_admin_creates_the_admin_only_once(store: Arc<dyn Store>, _clock: Arc<ManualClock>) {
    assert!(store.ensure_admin("hash-first".into()).await.unwrap());
    assert!(!store.ensure_admin("hash-second".into()).await.unwrap());
    let users = store.users().await.unwrap();
    assert_eq!(users.len(), 1, "{users:?}");
    assert_eq!(users[0].login, "admin");
    assert_eq!(users[0].role, "admin");
    let (_, hash) = store.user_by_login("admin").await.unwrap();
    assert_eq!(hash.as_deref(), Some("hash-first"), "the second call changes nothing");
}
contract_test!(ensure_admin_creates_the_admin_only_once);

async fn ensure_admin_does_nothing_when_users_exist(store: Arc<dyn Store>, _clock: Arc<ManualClock>) {
    store.create_user(new_user("jana", "Jana", Role::Manager, None)).await.unwrap();
    assert!(!store.ensure_admin("hash".into()).await.unwrap());
    assert!(matches!(store.user_by_login("admin").await, Err(StoreError::NotFound)));
}
contract_test!(ensure_admin_does_nothing_when_users_exist);

// ═══════════════════════════════════════════════════════════════════════════════════════════
