//! 19. Playbook versions are data: several stores (nodes) on one database run every stored
//! version, whichever node loaded it; a file's text never replaces a newer version; a timer
//! batch fires around a lead whose playbook does not load.

use crate::harness::{PLAYBOOK, PLAYBOOK_NAME};
use crate::helpers::*;
use pronto_store::PlaybookSource::{Admin, File};

/// The suite's playbook with another title: a second version of it.
fn changed(title: &str) -> String {
    let v = PLAYBOOK.replacen("title = \"Store contract\"", &format!("title = \"{title}\""), 1);
    assert_ne!(v, PLAYBOOK, "the suite's playbook has the title this replaces");
    v
}

fn version_of(store: &Arc<dyn Store>) -> i64 {
    store.playbooks().current(PLAYBOOK_NAME).expect("the suite's playbook is known").0
}

async fn a_version_loaded_on_one_node_runs_on_another(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    // Node B is up before node A loads version 2 through its API.
    let b = db.open(clock.clone()).await;
    let loaded = store.load_playbook(changed("Second"), None, Admin).await.unwrap();
    assert_eq!((loaded.version, loaded.new, loaded.current), (2, true, 2));
    assert!(b.playbooks().get(PLAYBOOK_NAME, 2).is_none(), "B has not looked yet");

    // A lead taken by A runs on version 2; B changes it.
    let on_a = create(&store, &clock, person(Some("Taken by A"), Some("777 200 001"), None)).await;
    assert_eq!(store.lead(on_a.id).await.unwrap().playbook_version, 2);
    // (Closing it, which also cancels its timers.)
    b.patch_lead(on_a.id, LeadPatch { stage: Some("lost".into()), ..Default::default() }, None)
        .await
        .expect("B changes a lead on a version A loaded");
    assert_eq!(b.lead(on_a.id).await.unwrap().stage, "lost");
    assert_eq!(b.playbooks().get(PLAYBOOK_NAME, 2).map(|p| p.title.clone()).as_deref(), Some("Second"), "B knows it now");

    // A version B has never seen at all: a lead B takes starts on it.
    store.load_playbook(changed("Third"), None, Admin).await.unwrap();
    let other = create(&store, &clock, person(Some("Also A"), Some("777 200 002"), None)).await;
    let on_b = create(&b, &clock, person(Some("Taken by B"), Some("777 200 003"), None)).await;
    assert_eq!(b.lead(on_b.id).await.unwrap().playbook_version, 3, "the highest stored version, though B never loaded it");
    assert_eq!(version_of(&b), 3);

    // B fires the timers of every lead on those versions.
    clock.advance(mins(5));
    assert_eq!(b.fire_due_timers(100).await.unwrap(), 2, "the SLA warnings of the two leads still waiting");
    for lead in [other.id, on_b.id] {
        assert_eq!(timer_states(&b, lead).await, kind_status(&[(SLA_WARN, "fired"), (SLA_BREACH, "pending")]), "lead {lead}");
        assert_eq!(events_of(&b.timeline(lead).await.unwrap(), "sla.warning").len(), 1, "lead {lead}");
    }
    b.close().await;
}
contract_test!(a_version_loaded_on_one_node_runs_on_another, with_db);

/// What the pages read (`playbooks()`, synchronous) learns of other nodes' versions through
/// `refresh_playbooks`: one read when nothing changed, and again and again the same.
async fn refreshing_reads_the_versions_other_nodes_stored(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let b = db.open(clock.clone()).await;
    assert_eq!(b.refresh_playbooks().await.unwrap(), 0, "nothing new");
    store.load_playbook(changed("Second"), None, Admin).await.unwrap();
    store.load_playbook(changed("Third"), None, Admin).await.unwrap();
    let renamed = PLAYBOOK.replacen("name = \"contract\"", "name = \"contract_b\"", 1);
    store.load_playbook(renamed, None, Admin).await.unwrap();
    assert_eq!(version_of(&b), 1);
    assert_eq!(b.refresh_playbooks().await.unwrap(), 3, "two versions of one name, the first of another");
    assert_eq!(version_of(&b), 3);
    assert_eq!(b.playbooks().get(PLAYBOOK_NAME, 2).map(|p| p.title.clone()).as_deref(), Some("Second"));
    assert!(b.playbooks().current("contract_b").is_some(), "a new name too");
    assert_eq!(b.refresh_playbooks().await.unwrap(), 0, "read once");
    assert_eq!(version_of(&b), 3);
    b.close().await;
}
contract_test!(refreshing_reads_the_versions_other_nodes_stored, with_db);

/// `--playbook FILE` at every start: the file's text is the version it is; a newer one (an
/// admin's, loaded since through the API) stays in force and is named.
async fn a_files_older_text_never_replaces_a_newer_version(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let eva = store.create_user(new_user("eva", "Eva Admin", Role::Admin, None)).await.unwrap();
    clock.advance(mins(1));
    let at = clock.now();
    let api = store.load_playbook(changed("Second"), Some(eva), Admin).await.unwrap();
    assert_eq!((api.version, api.new, api.current), (2, true, 2));

    let file = store.load_playbook(PLAYBOOK.to_owned(), None, File).await.unwrap();
    assert_eq!((file.version, file.new, file.current), (1, false, 2), "the file is version 1; version 2 stays");
    assert_eq!((file.current_loaded_at, file.current_loaded_by.as_deref()), (at, Some("Eva Admin")));
    let said = file.superseded("the file contract.toml").expect("start-up says what happened");
    assert!(said.contains("the file contract.toml is version 1; version 2, loaded by Eva Admin at"), "{said}");
    assert_eq!(version_of(&store), 2);
    assert_eq!(store.playbook_versions(Some(PLAYBOOK_NAME)).await.unwrap().len(), 2, "nothing stored again");

    // A restart with the file (a store opened as `Db::open` opens it, with the file's rule).
    let restarted = db.open(clock.clone()).await;
    assert_eq!(version_of(&restarted), 2);
    assert_eq!(restarted.playbook_versions(Some(PLAYBOOK_NAME)).await.unwrap().len(), 2);
    let lead = create(&restarted, &clock, person(Some("After the restart"), Some("777 300 001"), None)).await;
    assert_eq!(restarted.lead(lead.id).await.unwrap().playbook_version, 2);
    restarted.close().await;

    // An admin going back to the file's text makes it current (a new version) …
    let back = store.load_playbook(PLAYBOOK.to_owned(), Some(eva), Admin).await.unwrap();
    assert_eq!((back.version, back.new, back.current), (3, true, 3));
    // … the same text again changes nothing, from the file or an admin …
    let again = store.load_playbook(PLAYBOOK.to_owned(), None, File).await.unwrap();
    assert_eq!((again.version, again.new, again.current), (3, false, 3));
    assert_eq!(again.superseded("the file"), None);
    let again = store.load_playbook(PLAYBOOK.to_owned(), Some(eva), Admin).await.unwrap();
    assert_eq!((again.version, again.new, again.current), (3, false, 3));
    // … and a file with a text never stored is the next version.
    let edited = store.load_playbook(changed("Edited file"), None, File).await.unwrap();
    assert_eq!((edited.version, edited.new, edited.current), (4, true, 4));
    assert_eq!(version_of(&store), 4);
}
contract_test!(a_files_older_text_never_replaces_a_newer_version, with_db);

/// A lead whose playbook version no longer loads (here: its stored text broken, as a newer
/// Pronto's text is for an older one) fails its own timers, never the batch: the other leads'
/// timers fire, once; the failing one is tried again a minute later, then given up.
async fn a_timer_batch_fires_around_a_lead_whose_playbook_fails(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let first = create(&store, &clock, person(Some("On version 1"), Some("777 400 001"), None)).await;
    store.load_playbook(changed("Second"), None, Admin).await.unwrap();
    let broken = create(&store, &clock, person(Some("On version 2"), Some("777 400 002"), None)).await;
    let last = create(&store, &clock, person(Some("Also on version 2"), Some("777 400 003"), None)).await;
    // Version 2 stops loading; only `last` moves back to version 1 (the rest stays as it was).
    db.exec_raw("UPDATE playbooks SET source = 'name = \"contract\"\n[[stages]' WHERE name = 'contract' AND version = 2").await.unwrap();
    db.exec_raw(&format!("UPDATE leads SET playbook_version = 1 WHERE id = {}", last.id)).await.unwrap();
    // A node that has not known version 2 meets it in the batch.
    let b = db.open(clock.clone()).await;
    assert!(b.playbooks().get(PLAYBOOK_NAME, 2).is_none());

    clock.advance(mins(5));
    assert_eq!(b.fire_due_timers(100).await.unwrap(), 2, "the warnings of `first` and `last`; not the broken lead's");
    for lead in [first.id, last.id] {
        assert_eq!(timer_states(&b, lead).await, kind_status(&[(SLA_WARN, "fired"), (SLA_BREACH, "pending")]), "lead {lead}");
        let timeline = b.timeline(lead).await.unwrap();
        assert_eq!(events_of(&timeline, "timer.fired").len(), 1, "lead {lead}: fired once");
        assert_eq!(events_of(&timeline, "sla.warning").len(), 1, "lead {lead}: its effects once");
    }
    assert!(events_of(&b.timeline(broken.id).await.unwrap(), "timer.fired").is_empty(), "rolled back");
    let row = |lead: i64| format!("SELECT COUNT(*) FROM timers WHERE lead_id = {lead} AND kind = '{SLA_WARN}'");
    let warn = row(broken.id);
    let failed_once = format!("{warn} AND status = 'pending' AND attempts = 1 AND last_error LIKE '%no longer loads%'");
    assert_eq!(db.count_raw(&failed_once).await, 1, "recorded on the timer, to be tried again");
    let due = b.timers(broken.id).await.unwrap().into_iter().find(|t| t.kind == SLA_WARN).unwrap().due_at;
    assert_eq!(due, clock.now() + mins(1), "a minute later");

    // Tried again each minute (the breach of `broken` fails alike), given up after five attempts.
    for _ in 0..10 {
        clock.advance(mins(1));
        b.fire_due_timers(100).await.expect("the batch never fails for one lead");
    }
    let given_up = format!("{warn} AND status = 'failed' AND attempts = 5");
    assert_eq!(db.count_raw(&given_up).await, 1, "given up");
    assert_eq!(b.timers(broken.id).await.unwrap().iter().filter(|t| t.status == "pending").count(), 0);
    for lead in [first.id, last.id] {
        assert_eq!(timer_states(&b, lead).await, kind_status(&[(SLA_WARN, "fired"), (SLA_BREACH, "fired")]), "lead {lead}");
    }
    b.close().await;
}
contract_test!(a_timer_batch_fires_around_a_lead_whose_playbook_fails, with_db);
