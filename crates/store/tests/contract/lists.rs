//! 13. Lists that scale — leads sorted by any column with a stable order, paged by offset and
//! counted; contacts sorted, paged and counted; merging contacts recorded so that undoing it
//! leaves every row as it was; "late now": overdue tasks and SLAs breached or at risk, with
//! who holds them.

use crate::helpers::*;
use pronto_store::{ContactFilter, ContactSort, Late, LateFilter, LeadSort};

async fn leads_sort_by_any_column_page_and_count(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let names = ["Dana", "adam", "Cyril", "Bára", "Adam", "Eva", "Cyril"];
    let mut ids = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let d = LeadDraft { subject: Some(format!("S{}", 9 - i)), ..person(Some(n), Some(&format!("777 000 1{i:02}")), None) };
        ids.push(create(&store, &clock, d).await.id);
        clock.advance(SignedDuration::from_mins(1));
    }
    store.patch_lead(ids[2], LeadPatch { status: Some(LeadStatus::Lost), ..Default::default() }, None).await.unwrap();
    let list = |sort: Option<LeadSort>, descending: bool, offset: u32, limit: u32| {
        let store = store.clone();
        async move { ids_of(&store.leads(&LeadFilter { sort, descending, offset, limit, ..Default::default() }).await.unwrap()) }
    };
    // By contact, case-insensitive; ties in the id's order, reversed with the column.
    let asc = list(Some(LeadSort::Contact), false, 0, 100).await;
    assert_eq!(asc, [ids[1], ids[4], ids[3], ids[2], ids[6], ids[0], ids[5]], "adam, Adam, Bára, Cyril, Cyril, Dana, Eva");
    let desc = list(Some(LeadSort::Contact), true, 0, 100).await;
    assert_eq!(desc, asc.iter().rev().copied().collect::<Vec<_>>(), "descending is the exact reverse (stable)");
    assert_eq!(list(Some(LeadSort::Subject), false, 0, 100).await, ids.iter().rev().copied().collect::<Vec<_>>());
    assert_eq!(list(Some(LeadSort::Received), false, 0, 100).await, ids);
    assert_eq!(list(Some(LeadSort::Status), true, 0, 1).await, [ids[6]], "open after lost, the newest open first");
    // Pages by offset walk every lead once, in order.
    let mut walked = Vec::new();
    for page in 0..4 {
        walked.extend(list(Some(LeadSort::Contact), false, page * 2, 2).await);
    }
    assert_eq!(walked, asc);
    // The count follows the filters, not the page.
    assert_eq!(store.count_leads(&LeadFilter { limit: 2, offset: 4, ..Default::default() }).await.unwrap(), 7);
    assert_eq!(store.count_leads(&LeadFilter { status: Some("open".into()), ..Default::default() }).await.unwrap(), 6);
    assert_eq!(store.count_leads(&LeadFilter { query: Some("cyril".into()), ..Default::default() }).await.unwrap(), 2);
    let f = LeadFilter { query: Some("cyril".into()), status: Some("open".into()), limit: 10, ..Default::default() };
    assert_eq!((store.count_leads(&f).await.unwrap(), ids_of(&store.leads(&f).await.unwrap())), (1, vec![ids[6]]));
}
contract_test!(leads_sort_by_any_column_page_and_count);

async fn contacts_page_sorted_counted_and_without_the_merged(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let a = create(&store, &clock, person(Some("Zdeněk"), Some("777 100 001"), None)).await;
    let b = create(&store, &clock, person(Some("Alena"), Some("777 100 002"), Some("alena@example.cz"))).await;
    create(&store, &clock, person(Some("Alena"), Some("777 100 002"), None)).await;
    let c = create(&store, &clock, person(Some("Marek"), None, Some("marek@example.cz"))).await;
    let page = |f: ContactFilter| {
        let store = store.clone();
        async move {
            let (items, total) = store.contact_page(&ContactFilter { limit: if f.limit == 0 { 100 } else { f.limit }, ..f }).await.unwrap();
            (items.iter().map(|i| i.id).collect::<Vec<_>>(), total)
        }
    };
    let (ac, bc, cc) = (a.contact_id, b.contact_id, c.contact_id);
    assert_eq!(page(ContactFilter::default()).await, (vec![cc, bc, ac], 3), "newest first");
    assert_eq!(page(ContactFilter { sort: Some(ContactSort::Name), ..Default::default() }).await.0, [bc, cc, ac]);
    assert_eq!(page(ContactFilter { sort: Some(ContactSort::Leads), descending: true, ..Default::default() }).await.0, [bc, cc, ac]);
    assert_eq!(page(ContactFilter { sort: Some(ContactSort::Email), ..Default::default() }).await.0, [ac, bc, cc], "no e-mail first");
    assert_eq!(page(ContactFilter { limit: 1, offset: 1, ..Default::default() }).await, (vec![bc], 3), "a page, and the whole count");
    assert_eq!(page(ContactFilter { query: Some("alena".into()), ..Default::default() }).await, (vec![bc], 1));
    assert_eq!(page(ContactFilter { except: Some(bc), ..Default::default() }).await, (vec![cc, ac], 2));
    let (items, _) = store.contact_page(&ContactFilter { limit: 10, ..Default::default() }).await.unwrap();
    let alena = items.iter().find(|i| i.id == bc).unwrap();
    assert_eq!((alena.leads, alena.last_lead.is_some()), (2, true));
    store.merge_contacts(bc, ac, None).await.unwrap();
    assert_eq!(page(ContactFilter::default()).await, (vec![cc, bc], 2), "the merged record is not listed");
}
contract_test!(contacts_page_sorted_counted_and_without_the_merged);

/// Every row a merge touches, as text: the two contacts, their leads (contact, search), their
/// activities and identities.
async fn rows_of(db: &Db, a: i64, b: i64) -> Vec<String> {
    let mut out = Vec::new();
    for sql in [
        format!(
            "SELECT CAST(id AS TEXT) || '|' || COALESCE(name, '-') || '|' || COALESCE(email, '-') || '|' || COALESCE(phone, '-') || '|' ||
                    COALESCE(CAST(company_id AS TEXT), '-') || '|' || COALESCE(CAST(merged_into AS TEXT), '-') FROM contacts WHERE id IN ({a}, {b}) ORDER BY id"
        ),
        format!("SELECT CAST(id AS TEXT) || '|' || CAST(contact_id AS TEXT) || '|' || search || '|' || CAST(updated_at AS TEXT) FROM leads WHERE contact_id IN ({a}, {b}) ORDER BY id"),
        format!("SELECT CAST(id AS TEXT) || '|' || CAST(contact_id AS TEXT) || '|' || CAST(lead_id AS TEXT) FROM activities WHERE contact_id IN ({a}, {b}) ORDER BY id"),
        format!("SELECT kind || '|' || value || '|' || CAST(contact_id AS TEXT) FROM contact_identities WHERE contact_id IN ({a}, {b}) ORDER BY kind, value"),
    ] {
        out.push(format!("-- {}", sql.split(" FROM ").nth(1).unwrap_or_default().split(' ').next().unwrap_or_default()));
        out.extend(db.texts_raw(&sql).await);
    }
    out
}

async fn a_merge_undone_leaves_every_row_as_it_was(store: Arc<dyn Store>, clock: Arc<ManualClock>, db: Db) {
    let keep = create(&store, &clock, person(None, Some("777 200 001"), None)).await;
    let other = create(&store, &clock, LeadDraft { subject: Some("Okna".into()), ..person(Some("Petr Malý"), None, Some("petr@maly.cz")) }).await;
    let second = create(&store, &clock, person(Some("Petr Malý"), Some("777 200 002"), Some("petr@maly.cz"))).await;
    assert_eq!(second.contact_id, other.contact_id);
    store.log_activity(other.id, activity(&clock, "note", None, None, Some("Volat odpoledne")), None).await.unwrap();
    store.log_activity(keep.id, activity(&clock, "note", None, None, Some("Jiná poznámka")), None).await.unwrap();
    let (k, o) = (keep.contact_id, other.contact_id);
    let before = rows_of(&db, k, o).await;
    let events = db.count_raw("SELECT COUNT(*) FROM events").await;

    let merge = store.merge_contacts(k, o, None).await.unwrap();
    let merged = rows_of(&db, k, o).await;
    assert_ne!(merged, before, "the merge moved rows");
    let detail = store.contact(k).await.unwrap();
    assert_eq!((detail.contact.name.as_deref(), detail.leads.len()), (Some("Petr Malý"), 3), "the name it lacked, and every lead");
    let m = store.contact_merge(merge).await.unwrap();
    assert_eq!((m.kept, m.merged, m.leads_moved, m.activities_moved, m.identities_moved, m.undone_at), (k, o, 2, 1, 2, None));
    // Found by the other's name now, through the kept contact.
    let found = store.leads(&LeadFilter { query: Some("maly".into()), limit: 10, ..Default::default() }).await.unwrap();
    assert_eq!(found.len(), 3);

    clock.advance(SignedDuration::from_mins(30));
    store.undo_merge(merge, None).await.unwrap();
    assert_eq!(rows_of(&db, k, o).await, before, "contacts, leads (and their search), activities and identities as before");
    let found = store.leads(&LeadFilter { query: Some("maly".into()), limit: 10, ..Default::default() }).await.unwrap();
    assert_eq!(ids_of(&found), [second.id, other.id], "the search follows the undo: the kept contact's lead no longer has the name");
    assert!(store.contact_merge(merge).await.unwrap().undone_at.is_some());
    assert!(matches!(store.undo_merge(merge, None).await, Err(StoreError::Conflict(_))), "once");
    let kinds = db.texts_raw(&format!("SELECT kind FROM events ORDER BY id")).await;
    assert_eq!(db.count_raw("SELECT COUNT(*) FROM events").await, events + 2);
    assert_eq!(&kinds[kinds.len() - 2..], ["contact.merged", "contact.unmerged"]);
    // A new inquiry from the other's e-mail joins the other again.
    let again = create(&store, &clock, person(None, None, Some("PETR@maly.cz"))).await;
    assert_eq!(again.contact_id, o);
    assert!(matches!(store.undo_merge(merge + 1000, None).await, Err(StoreError::NotFound)));
}
contract_test!(a_merge_undone_leaves_every_row_as_it_was, with_db);

async fn a_merge_cannot_be_undone_after_a_change_or_a_day(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let a = create(&store, &clock, person(Some("Jana"), Some("777 300 001"), None)).await.contact_id;
    let b = create(&store, &clock, person(Some("Jana N."), None, Some("jana@example.cz"))).await.contact_id;
    let c = create(&store, &clock, person(Some("Karel"), Some("777 300 003"), None)).await.contact_id;
    let d = create(&store, &clock, person(Some("Karel K."), Some("777 300 004"), None)).await.contact_id;
    // A new inquiry joined the kept contact after the merge: too late to undo.
    let m = store.merge_contacts(a, b, None).await.unwrap();
    create(&store, &clock, person(None, None, Some("jana@example.cz"))).await;
    assert!(matches!(store.undo_merge(m, None).await, Err(StoreError::Conflict(_))), "the kept contact changed");
    // A day later: too late.
    let m = store.merge_contacts(c, d, None).await.unwrap();
    clock.advance(SignedDuration::from_hours(25));
    assert!(matches!(store.undo_merge(m, None).await, Err(StoreError::Conflict(_))), "after 24 hours");
    assert!(matches!(store.merge_contacts(c, d, None).await, Err(StoreError::Conflict(_))), "merged already");
}
contract_test!(a_merge_cannot_be_undone_after_a_change_or_a_day);

async fn late_now_lists_overdue_tasks_and_slas_with_who_holds_them(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let jana = store.create_user(new_user("jana", "Jana Nováková", Role::Consultant, None)).await.unwrap();
    let petr = store.create_user(new_user("petr", "Petr Malý", Role::Consultant, None)).await.unwrap();
    let lead = |name: &str, owner: Option<i64>| LeadDraft { owner, ..person(Some(name), Some("777 400 001"), None) };
    let a = create(&store, &clock, lead("Alena", Some(jana))).await.id;
    let b = create(&store, &clock, LeadDraft { owner: Some(petr), ..person(Some("Bohouš"), Some("777 400 002"), None) }).await.id;
    let late = |holder: Option<i64>| {
        let store = store.clone();
        let now = clock.now();
        async move {
            store
                .late_now(&LateFilter { now, at_risk_within: SignedDuration::from_mins(15), holder, limit: 100 })
                .await
                .unwrap()
                .into_iter()
                .map(|l| {
                    let kind = match l.what {
                        Late::Task { .. } => "task",
                        Late::SlaBreached { .. } => "breached",
                        Late::SlaAtRisk { .. } => "at-risk",
                    };
                    (kind, l.lead_id, l.holder.map(|h| h.name))
                })
                .collect::<Vec<_>>()
        }
    };
    // Both SLAs run (10 working minutes, warning after 5): nothing late yet but both are at
    // risk within 15 minutes.
    let now = late(None).await;
    assert!(now.iter().all(|(k, _, _)| *k == "at-risk"), "{now:?}");
    assert!(now.contains(&("at-risk", a, Some("Jana Nováková".into()))) && now.contains(&("at-risk", b, Some("Petr Malý".into()))), "{now:?}");
    // Jana sees her own (and nobody's), not Petr's.
    assert!(late(Some(jana)).await.iter().all(|(_, l, _)| *l == a));
    // With a narrow window an SLA is at risk from its own warning's time (5 of its 10 working
    // minutes), not before.
    let narrow = || {
        let store = store.clone();
        let now = clock.now();
        async move {
            let f = LateFilter { now, at_risk_within: SignedDuration::from_mins(1), holder: None, limit: 100 };
            let mut at_risk: Vec<i64> =
                store.late_now(&f).await.unwrap().into_iter().filter(|l| matches!(l.what, Late::SlaAtRisk { .. })).map(|l| l.lead_id).collect();
            at_risk.sort();
            at_risk
        }
    };
    assert_eq!(narrow().await, Vec::<i64>::new(), "the warnings are 5 minutes ahead");
    clock.advance(SignedDuration::from_mins(6));
    assert_eq!(narrow().await, [a, b], "past the warnings, 4 minutes before the deadlines");
    // Past the deadline, the breach fired: breached, and the tasks are overdue.
    clock.advance(SignedDuration::from_mins(5));
    while store.fire_due_timers(100).await.unwrap() > 0 {}
    let now = late(None).await;
    assert!(now.contains(&("breached", a, Some("Jana Nováková".into()))), "{now:?}");
    assert!(now.contains(&("breached", b, Some("Petr Malý".into()))), "{now:?}");
    // A response meets it: no longer breached.
    store.log_activity(a, reached_call(&clock), Some(jana)).await.unwrap();
    let now = late(None).await;
    assert!(!now.iter().any(|(k, l, _)| *k == "breached" && *l == a), "{now:?}");
    assert!(now.iter().any(|(k, l, _)| *k == "breached" && *l == b), "{now:?}");
    // The latest first.
    let all = store.late_now(&LateFilter { now: clock.now(), at_risk_within: SignedDuration::from_mins(15), holder: None, limit: 100 }).await.unwrap();
    assert!(all.windows(2).all(|w| w[0].due_at <= w[1].due_at), "{all:?}");
}
contract_test!(late_now_lists_overdue_tasks_and_slas_with_who_holds_them);

fn ids_of(leads: &[LeadRecord]) -> Vec<i64> {
    leads.iter().map(|l| l.id).collect()
}
