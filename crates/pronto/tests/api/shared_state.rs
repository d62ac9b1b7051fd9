//! State every node shares (issue 22): two `pronto serve` nodes on one PostgreSQL. A message
//! text and a setting saved on node A are in force on node B within seconds; the web form's
//! rate limit counts submissions to A and B together.

use crate::agency::TUESDAY_9;
use serde_json::json;
use std::time::Duration;
use testkit::{Engine, Options, Storage, eventually, spawn_app_on};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_one_node_saves_is_in_force_on_another_and_the_form_limit_counts_both() {
    if !testkit::postgres_enabled() {
        eprintln!("SKIPPED: PRONTO_TEST_POSTGRES=off");
        return;
    }
    let opts = Options::default().manual_clock(TUESDAY_9);
    let a = spawn_app_on(Storage::new(Engine::Postgres), opts.clone()).await;
    let mut b = spawn_app_on(Storage::sharing(&a.storage), opts).await;

    // A message text saved on A is B's within seconds, and so is its removal.
    let path = "/api/v1/messages/agency/new_lead/cs";
    let list = "/api/v1/messages?playbook=agency&template=new_lead&language=cs";
    assert_eq!(b.get(list).await.expect(200)["items"][0]["origin"], "shipped");
    a.send(a.req(reqwest::Method::PUT, path).json(&json!({ "text": "Volejte hned: { $contact_name }" }))).await.expect(200);
    let origin = || async { b.get(list).await.expect(200)["items"][0]["origin"].as_str().unwrap_or_default().to_owned() };
    assert!(eventually(Duration::from_secs(5), || async { origin().await == "company" }).await, "B does not use A's text:\n{}", b.output());
    assert!(b.get(list).await.expect(200)["items"][0]["example"].as_str().unwrap().starts_with("Volejte hned: "));
    a.send(a.req(reqwest::Method::DELETE, path)).await.expect(204);
    assert!(eventually(Duration::from_secs(5), || async { origin().await == "shipped" }).await, "B keeps a removed text");

    // The form's limit saved on A (3 a minute) is B's too, and counts both nodes' submissions.
    a.send(a.req(reqwest::Method::PUT, "/api/v1/settings/general").json(&json!({ "form_rate_per_minute": "3" }))).await.expect(200);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let submit = |app: &testkit::App, n: usize| {
        app.client
            .post(app.url("/forms/default"))
            .header("accept", "application/json")
            .json(&json!({ "name": format!("Rate {n}"), "email": format!("rate{n}@example.com") }))
    };
    a.send(submit(&a, 0)).await.expect(201);
    b.send(submit(&b, 1)).await.expect(201);
    a.send(submit(&a, 2)).await.expect(201);
    let limited = b.send(submit(&b, 3)).await;
    limited.problem(429);
    let wait: i64 = limited.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    a.send(submit(&a, 4)).await.problem(429);
    assert_eq!(a.all_leads("").await.len(), 3, "nothing stored over the limit, whichever node took it");
    b.stop().await;
}
