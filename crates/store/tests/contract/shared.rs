//! State every node shares (issue 22): a save bumps its config version, which another node
//! reads and reloads; rate counts counted across nodes, old windows removed; a mail
//! attachment's bytes in the database, read by another node.

use crate::helpers::*;
use pronto_store::shared::{Config, ConfigVersions, window};
use pronto_store::{AttachmentIn, MailIn, MailVerdict, SettingsChange};

contract_test!(a_save_on_one_node_is_seen_and_reloaded_by_another, with_db);
contract_test!(rate_counts_are_shared_by_nodes_and_old_windows_removed, with_db);
contract_test!(an_attachment_kept_by_one_node_is_read_by_another, with_db);

async fn a_save_on_one_node_is_seen_and_reloaded_by_another(a: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let b = db.open(clock.clone()).await;
    let v0 = b.config_versions().await.unwrap();
    assert_eq!(v0, a.config_versions().await.unwrap());

    // A message text saved on A: B sees the messages moved, nothing else, and reloads them.
    let text = pronto_playbook::messages::Override {
        playbook: "contract".into(),
        template: "owner_new_lead".into(),
        language: "en".into(),
        text: "Shared text { $name }".into(),
        subject: None,
    };
    a.set_message(text.clone(), None).await.unwrap();
    let v1 = b.config_versions().await.unwrap();
    assert_eq!(v1.changed_since(&v0), vec![Config::Messages]);
    assert!(b.playbooks().messages().overrides().is_empty(), "B has not reloaded yet");
    b.reload_config(Config::Messages).await.unwrap();
    assert_eq!(b.playbooks().messages().overrides(), [text.clone()]);
    a.reset_message(text.playbook, text.template, text.language, None).await.unwrap();
    let v2 = b.config_versions().await.unwrap();
    assert_eq!(v2.changed_since(&v1), vec![Config::Messages]);
    b.reload_config(Config::Messages).await.unwrap();
    assert!(b.playbooks().messages().overrides().is_empty(), "the reset is in force on B");

    // Settings and the company's profile move their own versions.
    let mut set = std::collections::BTreeMap::new();
    set.insert("form_rate_per_minute".to_owned(), Some("7".to_owned()));
    a.save_settings(SettingsChange { section: "general".into(), set, ..Default::default() }).await.unwrap();
    let v3 = b.config_versions().await.unwrap();
    assert_eq!(v3.changed_since(&v2), vec![Config::Settings]);
    a.change_company(
        pronto_store::company::CompanyChange::OfficeHours(Some(
            r#"{"time_zone": "Pacific/Auckland", "hours": {"mon": "08:00-16:00"}}"#.into(),
        )),
        None,
    )
    .await
    .unwrap();
    let v4 = b.config_versions().await.unwrap();
    assert_eq!(v4.changed_since(&v3), vec![Config::Company]);
    assert_ne!(b.office_zone().iana_name(), Some("Pacific/Auckland"));
    b.reload_config(Config::Company).await.unwrap();
    assert_eq!(b.office_zone().iana_name(), Some("Pacific/Auckland"), "the office calendar saved on A is in force on B");
    assert_eq!(v4.changed_since(&v4), vec![]);
    assert_ne!(v4, ConfigVersions::default());
}

async fn rate_counts_are_shared_by_nodes_and_old_windows_removed(a: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let b = db.open(clock.clone()).await;
    let (w, _) = window(clock.now(), SignedDuration::from_mins(1));
    assert_eq!(a.count_hit("form", "10.0.0.1".into(), w).await.unwrap(), 1);
    assert_eq!(b.count_hit("form", "10.0.0.1".into(), w).await.unwrap(), 2, "B counts on A's count");
    assert_eq!(a.count_hit("form", "10.0.0.1".into(), w).await.unwrap(), 3);
    assert_eq!(a.count_hit("form", "10.0.0.2".into(), w).await.unwrap(), 1, "per key");
    assert_eq!(b.count_hit("login", "10.0.0.1".into(), w).await.unwrap(), 1, "per scope");
    // Concurrent hits from both nodes: every one counted once.
    let mut hits = Vec::new();
    for i in 0..20 {
        let s = if i % 2 == 0 { a.clone() } else { b.clone() };
        hits.push(tokio::spawn(async move { s.count_hit("form", "10.0.0.3".into(), w).await.unwrap() }));
    }
    let mut counts: Vec<i64> = Vec::new();
    for h in hits {
        counts.push(h.await.unwrap());
    }
    counts.sort();
    assert_eq!(counts, (1..=20).collect::<Vec<_>>());
    // The next window starts at zero, and the ended ones are removed.
    clock.advance(SignedDuration::from_secs(60));
    let (next, _) = window(clock.now(), SignedDuration::from_mins(1));
    assert_eq!(next, w + 60_000_000);
    assert_eq!(a.count_hit("form", "10.0.0.1".into(), next).await.unwrap(), 1);
    assert_eq!(db.count_raw(&format!("SELECT COUNT(*) FROM rate_counts WHERE window_start < {next}")).await, 0);
}

async fn an_attachment_kept_by_one_node_is_read_by_another(a: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let b = db.open(clock.clone()).await;
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let sha = "0f".repeat(32);
    let lead = parse(&clock, person(Some("Jana Mailová"), None, Some("jana@example.com")));
    let mail = |uid: i64, message_id: &str| MailIn {
        mailbox: "sales".into(),
        uidvalidity: 1,
        uid,
        message_id: message_id.into(),
        in_reply_to: vec![],
        references: vec![],
        named_leads: vec![],
        tagged: false,
        from_address: Some("jana@example.com".into()),
        from_name: Some("Jana Mailová".into()),
        to: vec!["sales@example.com".into()],
        subject: Some("Offer".into()),
        text: "See the attachment".into(),
        new_text: "See the attachment".into(),
        html: None,
        sent_at: None,
        attachments: vec![
            AttachmentIn {
                filename: "plan.bin".into(),
                content_type: "application/octet-stream".into(),
                size: bytes.len() as i64,
                sha256: Some(sha.clone()),
                data: bytes.clone(),
            },
            AttachmentIn {
                filename: "huge.iso".into(),
                content_type: "application/octet-stream".into(),
                size: 1 << 30,
                sha256: None,
                data: vec![],
            },
        ],
        verdict: MailVerdict::Inquiry { lead: Box::new(lead.clone()), signature_phone: None },
    };
    let pronto_store::MailOutcome::Lead(lead_id) = a.ingest_mail(mail(1, "<one@example.com>")).await.unwrap() else { panic!("not a lead") };
    let emails = b.emails(lead_id).await.unwrap();
    let files = &emails[0].attachments;
    assert_eq!(files.len(), 2);
    assert_eq!(b.attachment_data(files[0].id).await.unwrap().as_deref(), Some(&bytes[..]), "B serves what A kept, byte for byte");
    assert_eq!(b.attachment_data(files[1].id).await.unwrap(), None, "not kept: no bytes");
    // The same file in another message is kept once.
    a.ingest_mail(mail(2, "<two@example.com>")).await.unwrap();
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM files").await, 1);
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM attachments WHERE sha256 IS NOT NULL").await, 2);

    // A file kept on a node's disk before migration 30 (no bytes in `files`): listed as
    // missing once, kept by `keep_file`, then served from the database.
    db.exec_raw("DELETE FROM files").await.unwrap();
    assert_eq!(b.attachment_data(files[0].id).await.unwrap(), None);
    assert_eq!(a.files_missing(String::new(), 10).await.unwrap(), vec![sha.clone()]);
    assert_eq!(a.files_missing(sha.clone(), 10).await.unwrap(), Vec::<String>::new(), "paged by content address");
    a.keep_file(sha.clone(), bytes.clone()).await.unwrap();
    assert!(a.files_missing(String::new(), 10).await.unwrap().is_empty());
    assert_eq!(b.attachment_data(files[0].id).await.unwrap().as_deref(), Some(&bytes[..]));
}
