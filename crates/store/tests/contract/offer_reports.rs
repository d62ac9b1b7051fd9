//! The offer reports' read (issue 20 item 7): offers made, sent and decided across two owners
//! and channels give the figures per group, the times in wall-clock and working time, and the
//! money per currency at each stage of the funnel; the playbook filter applies.

use crate::helpers::*;
use pronto_domain::offer::{Decision, OfferDraft, OfferItemDraft};
use pronto_domain::offer_report::{self, OfferTally, median, p90, pick};
use pronto_domain::tally::Dim;

fn offer(clock: &ManualClock, currency: &str, net: &str) -> pronto_domain::offer::NewOffer {
    let today = clock.now().to_zoned(jiff::tz::TimeZone::get("Europe/Prague").unwrap()).date();
    let d = OfferDraft {
        items: vec![OfferItemDraft {
            name: Some("Service".into()),
            quantity: Some("1".into()),
            unit_price: Some(net.into()),
            vat_rate: Some("21".into()),
            ..Default::default()
        }],
        currency: Some(currency.into()),
        valid_until: Some((today + jiff::Span::new().days(14)).to_string()),
        ..Default::default()
    };
    d.parse(&Default::default(), pronto_domain::money::Currency::parse("EUR").unwrap(), today).unwrap()
}

fn money(pairs: &[(&str, &str)]) -> offer_report::Amounts {
    pairs.iter().map(|(c, a)| (c.to_string(), a.parse().unwrap())).collect()
}

/// (made, sent, accepted, declined, changes)
fn counts(t: &OfferTally) -> (i64, i64, i64, i64, i64) {
    (t.made, t.sent, t.accepted, t.declined, t.changes)
}

contract_test!(offer_reports_count_money_and_times_per_owner_and_channel);

async fn offer_reports_count_money_and_times_per_owner_and_channel(store: Arc<dyn Store>, clock: Arc<ManualClock>) {
    let jana = store.create_user(user_with_phone("jana", "Jana", Role::Consultant, "603 111 222")).await.unwrap();
    let petr = store.create_user(user_with_phone("petr", "Petr", Role::Consultant, "603 333 444")).await.unwrap();
    let from = clock.now() - SignedDuration::from_hours(1);
    // Monday 10:00 in Prague: five leads on three channels, two owners.
    let lead = |n: usize, channel: &str| {
        let mut d = person(Some(&format!("Zákazník {n}")), Some(&format!("777 300 {n:03}")), None);
        d.channel = Some(channel.into());
        parse(&clock, d)
    };
    let drafts =
        [(lead(1, "web"), jana), (lead(2, "email"), petr), (lead(3, "web"), petr), (lead(4, "phone"), jana), (lead(5, "email"), jana)];
    let mut ids = Vec::new();
    for (d, owner) in drafts {
        let id = store.create_lead(d, None, None).await.unwrap().id;
        store.patch_lead(id, LeadPatch { owner: Some(Some(owner)), ..Default::default() }, None).await.unwrap();
        ids.push(id);
    }
    let [a, b, c, _d, f] = ids[..] else { unreachable!() };
    let exp = |clock: &ManualClock| clock.now() + SignedDuration::from_hours(24 * 14 + 12);

    // An hour on: A, B and F get an offer sent; C only a draft.
    clock.advance(SignedDuration::from_hours(1));
    let a1 = store.create_offer(a, offer(&clock, "CZK", "1000"), exp(&clock), Some(jana)).await.unwrap();
    store.send_offer(a1.id, Some(jana), None).await.unwrap();
    let b1 = store.create_offer(b, offer(&clock, "EUR", "100"), exp(&clock), Some(petr)).await.unwrap();
    store.send_offer(b1.id, Some(petr), None).await.unwrap();
    store.create_offer(c, offer(&clock, "CZK", "300"), exp(&clock), Some(petr)).await.unwrap();
    let f1 = store.create_offer(f, offer(&clock, "EUR", "50"), exp(&clock), Some(jana)).await.unwrap();
    store.send_offer(f1.id, Some(jana), None).await.unwrap();
    // A hour later: A asks for changes, B declines.
    clock.advance(SignedDuration::from_hours(1));
    store.decide_offer(a, a1.id, Decision::Changes, Some("Smaller".into())).await.unwrap();
    store.decide_offer(b, b1.id, Decision::Decline, None).await.unwrap();
    // A's smaller version, sent an hour later and accepted two hours after that.
    clock.advance(SignedDuration::from_hours(1));
    let a2 = store.create_offer(a, offer(&clock, "CZK", "800"), exp(&clock), Some(jana)).await.unwrap();
    store.send_offer(a2.id, Some(jana), None).await.unwrap();
    clock.advance(SignedDuration::from_hours(2));
    store.decide_offer(a, a2.id, Decision::Accept, None).await.unwrap();
    // F accepts the next day at 11:00: a day of the clock, 8 working hours (17:00 → 09:00 off).
    clock.advance(SignedDuration::from_hours(20));
    store.decide_offer(f, f1.id, Decision::Accept, None).await.unwrap();
    let to = clock.now() + SignedDuration::from_hours(1);

    let leads = store.report_offers(from, to, None).await.unwrap();
    assert_eq!(leads.len(), 4, "the lead without an offer is not read");
    assert_eq!(leads.iter().map(|l| l.offers.len()).collect::<Vec<_>>(), [2, 1, 1, 1]);

    let by_owner = offer_report::group(&leads, Dim::Owner);
    let (j, p) = (&by_owner[&jana.to_string()], &by_owner[&petr.to_string()]);
    assert_eq!(by_owner.len(), 2);
    assert_eq!(counts(j), (3, 3, 2, 0, 1));
    assert_eq!(counts(p), (2, 1, 0, 1, 0));
    assert_eq!((j.leads, j.leads_sent, p.leads, p.leads_sent), (2, 2, 2, 1));
    assert_eq!(j.value_offered, money(&[("CZK", "968.00"), ("EUR", "60.50")]), "the changed offer replaced the first");
    assert_eq!(j.value_won, money(&[("CZK", "968.00"), ("EUR", "60.50")]));
    assert_eq!(p.value_offered, money(&[("EUR", "121.00")]));
    assert!(p.value_won.is_empty());
    // Inquiry → first offer sent: an hour each; sent → decided: 1 h, 2 h, and a day (8 working hours).
    assert_eq!((median(pick(&j.to_offer, false)), p90(pick(&j.to_offer, false))), (Some(3600.0), Some(3600.0)));
    assert_eq!((median(pick(&j.to_decision, false)), p90(pick(&j.to_decision, false))), (Some(7200.0), Some(86_400.0)));
    assert_eq!((median(pick(&j.to_decision, true)), p90(pick(&j.to_decision, true))), (Some(7200.0), Some(28_800.0)));
    assert_eq!(median(pick(&p.to_decision, false)), Some(3600.0));

    let by_channel = offer_report::group(&leads, Dim::Channel);
    assert_eq!(by_channel.keys().map(String::as_str).collect::<Vec<_>>(), ["email", "web"]);
    assert_eq!(counts(&by_channel["web"]), (3, 2, 1, 0, 1));
    assert_eq!(counts(&by_channel["email"]), (2, 2, 1, 1, 0));
    assert_eq!(by_channel["web"].value_offered, money(&[("CZK", "968.00")]));
    assert_eq!(by_channel["email"].value_offered, money(&[("EUR", "181.50")]));
    assert_eq!(by_channel["email"].value_won, money(&[("EUR", "60.50")]));

    // The funnel's money: every sent offer's lead was received; the accepted ones reached won.
    let stages = offer_report::stage_money(&leads);
    assert_eq!(stages["received"].0, money(&[("CZK", "968.00"), ("EUR", "181.50")]));
    assert_eq!(stages["won"], (money(&[("CZK", "968.00"), ("EUR", "60.50")]), money(&[("CZK", "968.00"), ("EUR", "60.50")])));

    // The playbook filter applies; the window is the leads' arrival.
    assert_eq!(store.report_offers(from, to, Some("contract".into())).await.unwrap().len(), 4);
    assert!(store.report_offers(from, to, Some("agency".into())).await.unwrap().is_empty());
    assert!(store.report_offers(to, to + SignedDuration::from_hours(1), None).await.unwrap().is_empty());
}
