//! Durability: data survives a graceful restart, and the kill test — clients post leads with
//! idempotency keys while the server is SIGKILLed and restarted; afterwards every acknowledged
//! lead exists exactly once.

use reqwest::Method;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use testkit::both;
use testkit::{Engine, random_u64, spawn_app};

both!(data_survives_restart, acknowledged_leads_survive_kills);

async fn data_survives_restart(engine: Engine) {
    let mut app = spawn_app(engine).await;
    let (user, token) = app.user_with_token("restart.manager", "manager").await;
    let body = json!({ "channel": "phone", "contact": { "name": "Stále Tady", "phone": "+420 731 000 222", "email": "stale@example.cz" },
                       "subject": "Persisted", "message": "Přežije restart?" });
    let first = app.send(app.req(Method::POST, "/api/v1/leads").header("Idempotency-Key", "restart-key").json(&body)).await.expect(201);
    let lead_id = first["id"].as_i64().unwrap();
    app.patch(&format!("/api/v1/leads/{lead_id}"), &json!({ "stage": "contacted", "owner": user["id"] })).await.expect(200);
    app.post_as(
        &token,
        &format!("/api/v1/leads/{lead_id}/activities"),
        &json!({ "kind": "call", "direction": "out", "outcome": "reached" }),
    )
    .await
    .expect(201);
    let lead = app.get(&format!("/api/v1/leads/{lead_id}")).await.expect(200);
    assert!(!lead["first_response_at"].is_null());
    let timeline = app.get(&format!("/api/v1/leads/{lead_id}/timeline")).await.expect(200);
    let contact = app.get(&format!("/api/v1/contacts/{}", lead["contact"]["id"])).await.expect(200);
    let users = app.get("/api/v1/users").await.expect(200);

    for round in 0..2 {
        app.stop().await; // SIGTERM: must exit 0 in time
        app.start().await;
        assert_eq!(app.get(&format!("/api/v1/leads/{lead_id}")).await.expect(200), lead, "round {round}");
        assert_eq!(app.get(&format!("/api/v1/leads/{lead_id}/timeline")).await.expect(200), timeline);
        assert_eq!(app.get(&format!("/api/v1/contacts/{}", lead["contact"]["id"])).await.expect(200), contact);
        assert_eq!(app.get("/api/v1/users").await.expect(200), users);
        assert_eq!(app.get_as(&token, "/api/v1/me").await.expect(200)["id"], user["id"], "a user's token survives");
        assert_eq!(app.me().await["login"], "admin");
    }

    // Idempotency keys and duplicate detection survive too.
    let replay = app.send(app.req(Method::POST, "/api/v1/leads").header("Idempotency-Key", "restart-key").json(&body)).await;
    assert_eq!(replay.expect(201)["id"], lead_id);
    assert_eq!(replay.header("idempotent-replayed"), Some("true"));
    let again = app.create_lead(&json!({ "channel": "web", "contact": { "phone": "00420731000222" } })).await;
    assert_eq!(again["contact"]["id"], lead["contact"]["id"]);
    assert!(again["id"].as_i64().unwrap() > lead_id);
    assert_eq!(app.all_leads("").await.len(), 2);
}

const CLIENTS: usize = 4;
const KILLS: usize = 4;
const MAX_KEYS_PER_CLIENT: usize = 300;
const MAX_ATTEMPTS_PER_KEY: usize = 1000;
const DEADLINE: Duration = Duration::from_secs(120);

struct Ack {
    key: String,
    id: i64,
    body: Value,
    /// Whether a request for this key failed (connection error or 5xx) before it was acknowledged.
    retried: bool,
    /// Whether the acknowledgement was a replay (the lead had been committed by a request whose
    /// answer was lost): the case idempotency keys exist for.
    replayed: bool,
}

async fn acknowledged_leads_survive_kills(engine: Engine) {
    let mut app = spawn_app(engine).await;
    let base = Arc::new(RwLock::new(app.base().to_owned()));
    let stop = Arc::new(AtomicBool::new(false));
    let failures = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let run = random_u64() as u32;

    let mut clients = tokio::task::JoinSet::new();
    for c in 0..CLIENTS {
        let (base, stop, failures, token) = (base.clone(), stop.clone(), failures.clone(), app.token.clone());
        clients.spawn(async move {
            pronto_alerts::install_tls();
            let http = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
            let mut acks = Vec::new();
            for n in 0..MAX_KEYS_PER_CLIENT {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let key = format!("kill-{run:08x}-{c}-{n}-k");
                let body = json!({ "channel": "api", "contact": { "name": format!("Kill {c}-{n}"), "email": format!("kill-{c}-{n}@example.com") },
                                   "subject": key, "message": format!("idempotency key {key}") });
                let mut retried = false;
                let mut acked = None;
                let mut replayed = false;
                for _attempt in 0..MAX_ATTEMPTS_PER_KEY {
                    assert!(started.elapsed() < DEADLINE, "client {c}: key {key} not acknowledged within {DEADLINE:?}");
                    let url = format!("{}/api/v1/leads", base.read().unwrap());
                    let res = http.post(url).bearer_auth(&token).header("Idempotency-Key", &key).json(&body).send().await;
                    match res {
                        Ok(res) if res.status().as_u16() == 201 => {
                            let replay = res.headers().get("idempotent-replayed").is_some_and(|v| v == "true");
                            // A body cut off by the kill is no acknowledgement: retry the key.
                            if let Ok(lead) = res.json::<Value>().await {
                                replayed = replay;
                                acked = Some(lead["id"].as_i64().expect("lead id"));
                                break;
                            }
                        }
                        Ok(res) if res.status().is_server_error() => {}
                        Ok(res) => {
                            let status = res.status();
                            panic!("client {c}: key {key}: unexpected {status}: {}", res.text().await.unwrap_or_default());
                        }
                        Err(_) => {}
                    }
                    retried = true;
                    failures.fetch_add(1, Ordering::Relaxed);
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                let id = acked.unwrap_or_else(|| panic!("client {c}: key {key} not acknowledged in {MAX_ATTEMPTS_PER_KEY} attempts"));
                acks.push(Ack { key, id, retried, replayed, body });
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            acks
        });
    }

    let mut rng = random_u64();
    for _ in 0..KILLS {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        tokio::time::sleep(Duration::from_millis(150 + rng % 451)).await;
        app.kill().await;
        app.start().await;
        *base.write().unwrap() = app.base().to_owned();
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, Ordering::SeqCst);

    let mut acks = Vec::new();
    while let Some(joined) = tokio::time::timeout(DEADLINE, clients.join_next()).await.expect("clients finish") {
        acks.extend(joined.unwrap_or_else(|e| panic!("a client failed: {e}")));
    }
    let failures = failures.load(Ordering::Relaxed);
    eprintln!(
        "kill test ({engine:?}): {} leads acknowledged, {failures} failed attempts retried, {} keys retried, {} acknowledged by replay, {KILLS} kills, {:?}",
        acks.len(),
        acks.iter().filter(|a| a.retried).count(),
        acks.iter().filter(|a| a.replayed).count(),
        started.elapsed()
    );
    assert!(acks.len() >= CLIENTS * 5, "too little traffic to mean anything: {}", acks.len());
    assert!(failures > 0, "no request ever failed: the kills did not hit the clients");

    // Every acknowledged key's lead exists exactly once, under the acknowledged id.
    let keys: BTreeSet<&str> = acks.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(keys.len(), acks.len(), "keys are unique");
    let leads = app.all_leads("").await;
    let mut by_key: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for lead in &leads {
        let subject = lead["subject"].as_str().unwrap_or_else(|| panic!("a lead without subject: {lead}")).to_owned();
        by_key.entry(subject).or_default().push(lead["id"].as_i64().unwrap());
    }
    let duplicates: Vec<_> = by_key.iter().filter(|(_, ids)| ids.len() > 1).collect();
    assert!(duplicates.is_empty(), "duplicated leads: {duplicates:?}");
    assert_eq!(leads.len(), acks.len(), "total leads == acknowledged keys");
    for ack in &acks {
        assert_eq!(by_key.get(&ack.key), Some(&vec![ack.id]), "key {} acknowledged as lead {}", ack.key, ack.id);
    }
    let ids: BTreeSet<i64> = acks.iter().map(|a| a.id).collect();
    assert_eq!(ids.len(), acks.len(), "every key has its own lead");

    // Each acknowledged lead can be read; the ones that needed retries have one history.
    let acks = Arc::new(acks);
    let mut readers = tokio::task::JoinSet::new();
    for r in 0..4 {
        let (acks, base, token) = (acks.clone(), app.base().to_owned(), app.token.clone());
        readers.spawn(async move {
            pronto_alerts::install_tls();
            let http = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
            for ack in acks.iter().skip(r).step_by(4) {
                let res = http.get(format!("{base}/api/v1/leads/{}", ack.id)).bearer_auth(&token).send().await.expect("GET lead");
                assert_eq!(res.status().as_u16(), 200, "lead {} of key {}", ack.id, ack.key);
                let lead: Value = res.json().await.expect("lead JSON");
                assert_eq!(lead["subject"], ack.key.as_str());
                if ack.retried {
                    let res = http.get(format!("{base}/api/v1/leads/{}/timeline", ack.id)).bearer_auth(&token).send().await.unwrap();
                    let timeline: Value = res.json().await.expect("timeline JSON");
                    let received = timeline["items"].as_array().unwrap().iter().filter(|e| e["kind"] == "lead.received").count();
                    assert_eq!(received, 1, "retried key {} has one lead.received: {timeline}", ack.key);
                }
            }
        });
    }
    while let Some(r) = readers.join_next().await {
        r.unwrap_or_else(|e| panic!("a reader failed: {e}"));
    }

    // Replaying keys now creates nothing; search finds each key's one lead.
    for ack in acks.iter().step_by(20) {
        let res = app.send(app.req(Method::POST, "/api/v1/leads").header("Idempotency-Key", &ack.key).json(&ack.body)).await;
        assert_eq!(res.expect(201)["id"], ack.id, "replay of {}", ack.key);
        assert_eq!(res.header("idempotent-replayed"), Some("true"));
        let found = app.get(&format!("/api/v1/leads?q={}", testkit::urlencode(&ack.key))).await.expect(200);
        let found: Vec<i64> = found["items"].as_array().unwrap().iter().map(|l| l["id"].as_i64().unwrap()).collect();
        assert_eq!(found, vec![ack.id], "search by key {}", ack.key);
    }
    assert_eq!(app.all_leads("").await.len(), acks.len());
}
