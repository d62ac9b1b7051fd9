//! Connections Pronto makes to addresses users choose (issue 16, items 2 and 7, and the `log`
//! SMS provider of item 8): a webhook subscribed to `*` or `notification.*` never triggers
//! itself; webhooks and the mailbox test reach no address inside the network (names resolving
//! to loopback, IP literals in every spelling) unless allow-listed, and never connect to one;
//! the mailbox test never echoes what a non-IMAP service said; SMS in the log carry no
//! customer's name or number.

use crate::agency::{TUESDAY_9, id, notes, timeline, user};
use testkit::both;
use testkit::{Engine, Options, eventually, spawn_app_with};
use axum::http::StatusCode;
use axum::routing::post;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::AsyncWriteExt;

both!(
    a_webhook_never_triggers_itself,
    webhooks_never_connect_inside_the_network,
    the_mailbox_test_is_no_port_scanner_or_banner_grabber,
    the_log_sms_provider_writes_no_customer_at_info
);

/// A receiver that records each delivery's path and event type.
async fn receiver() -> (Arc<Mutex<Vec<(String, String)>>>, String) {
    let got: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let sink = got.clone();
    let app = axum::Router::new().route(
        "/{path}",
        post(move |axum::extract::Path(path): axum::extract::Path<String>, body: String| {
            let sink = sink.clone();
            async move {
                let v: Value = serde_json::from_str(&body).unwrap_or_default();
                sink.lock().unwrap().push((path, v["type"].as_str().unwrap_or_default().to_owned()));
                StatusCode::NO_CONTENT
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (got, base)
}

/// A TCP service that counts connections and greets each with `banner`.
async fn listener(banner: &'static str) -> (Arc<AtomicUsize>, u16) {
    let count = Arc::new(AtomicUsize::new(0));
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = l.local_addr().unwrap().port();
    let seen = count.clone();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = l.accept().await {
            seen.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let _ = s.write_all(banner.as_bytes()).await;
                tokio::time::sleep(Duration::from_secs(30)).await;
            });
        }
    });
    (count, port)
}

fn sorted(mut v: Vec<(String, String)>) -> Vec<(String, String)> {
    v.sort();
    v
}

/// Subscriptions to `*` and `notification.*` and a playbook's own webhook action: one lead gives
/// an exact, bounded set of deliveries although every delivery records `notification.sent`,
/// and the count stays put while the workers keep running.
async fn a_webhook_never_triggers_itself(engine: Engine) {
    let (got, base) = receiver().await;
    let app = spawn_app_with(engine, Options::default().manual_clock(TUESDAY_9).env("PRONTO_WEBHOOK_ALLOW", "127.0.0.1")).await;
    let pb = format!(
        "name = \"echo\"\n[[stages]]\nid = \"new\"\n[templates.hello]\ntext = \"Hello {{contact.name}}\"\n\
         [[rules]]\non = \"lead.received\"\n\
         do = [{{ notify = \"customer\", channel = \"sms\", template = \"hello\" }}, {{ webhook = \"{base}/action\" }}]\n"
    );
    app.send(app.req(reqwest::Method::POST, "/api/v1/playbooks").header("content-type", "application/toml").body(pb)).await.expect(201);
    app.post("/api/v1/webhooks", &json!({ "url": format!("{base}/all"), "events": ["*"] })).await.expect(201);
    app.post("/api/v1/webhooks", &json!({ "url": format!("{base}/notes"), "events": ["notification.*"] })).await.expect(201);
    let l = id(&app
        .create_lead(&json!({ "channel": "api", "playbook": "echo", "contact": { "name": "Echo", "phone": "777 123 456" } }))
        .await);
    let expected = sorted(
        [
            ("action", "notification.webhook"),
            ("all", "lead.received"),
            ("all", "playbook.rule"),
            ("all", "notification.queued"),
            ("all", "notification.sent"),
            // Each subscription's creation (no lead), the first one's own included.
            ("all", "webhook.created"),
            ("all", "webhook.created"),
            ("notes", "notification.queued"),
            ("notes", "notification.sent"),
        ]
        .map(|(p, t)| (p.to_owned(), t.to_owned()))
        .to_vec(),
    );
    let settled = || async {
        let ns = notes(&app, l).await;
        ns.len() > 1 && ns.iter().all(|n| n["status"] == "sent") && got.lock().unwrap().len() >= expected.len()
    };
    assert!(eventually(Duration::from_secs(10), settled).await, "{:?}\n{:?}", got.lock().unwrap(), notes(&app, l).await);
    // The workers go on for a while: nothing more arrives.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(sorted(got.lock().unwrap().clone()), expected, "{:#?}", timeline(&app, l).await);
    // Every delivery of the lead was recorded as sent: those are the events that must not be
    // delivered.
    let of_lead = expected.iter().filter(|(_, t)| t != "webhook.created").count();
    let tl = timeline(&app, l).await;
    let sent_webhooks = tl.iter().filter(|e| e["kind"] == "notification.sent" && e["channel"] == "webhook").count();
    assert_eq!(sent_webhooks, of_lead, "{tl:#?}");
    assert_eq!(notes(&app, l).await.iter().filter(|n| n["channel"] == "webhook").count(), of_lead);
}

/// Webhooks to a name that resolves to loopback and to literal internal addresses in other
/// spellings are refused for good, and the service at that address never sees a connection;
/// an allow-listed host is still reached.
async fn webhooks_never_connect_inside_the_network(engine: Engine) {
    let (count, port) = listener("HTTP/1.1 204 No Content\r\n\r\n").await;
    let (got, base) = receiver().await;
    let app = spawn_app_with(engine, Options::default().manual_clock(TUESDAY_9).env("PRONTO_WEBHOOK_ALLOW", "127.0.0.1")).await;
    let refused = [
        format!("http://localhost:{port}/h"),
        format!("http://[::ffff:127.0.0.1]:{port}/h"),
        format!("http://[::ffff:7f00:1]:{port}/h"),
        format!("http://[64:ff9b::7f00:1]:{port}/h"),
        format!("http://[::1]:{port}/h"),
        format!("http://198.18.0.1:{port}/h"),
        format!("http://240.0.0.1:{port}/h"),
        format!("http://224.0.0.1:{port}/h"),
        format!("http://[fec0::1]:{port}/h"),
        format!("http://[2002:7f00:1::1]:{port}/h"),
    ];
    for url in &refused {
        app.post("/api/v1/webhooks", &json!({ "url": url, "events": ["lead.received"] })).await.expect(201);
    }
    app.post("/api/v1/webhooks", &json!({ "url": format!("{base}/allowed"), "events": ["lead.received"] })).await.expect(201);
    let l = id(&app.create_lead(&json!({ "channel": "api", "contact": { "name": "Hooked" } })).await);
    let hooks = || async { notes(&app, l).await.into_iter().filter(|n| n["channel"] == "webhook").collect::<Vec<_>>() };
    assert!(
        eventually(Duration::from_secs(10), || async {
            let hs = hooks().await;
            hs.len() == refused.len() + 1 && hs.iter().all(|n| n["status"] == "sent" || n["status"] == "failed")
        })
        .await,
        "{:#?}",
        hooks().await
    );
    for n in hooks().await {
        let url = n["recipient"]["address"].as_str().unwrap();
        if url.ends_with("/allowed") {
            assert_eq!(n["status"], "sent", "{n}");
        } else {
            assert_eq!((n["status"].as_str(), n["attempts"].as_i64()), (Some("failed"), Some(1)), "refused for good: {n}");
            assert!(n["last_error"].as_str().unwrap().contains("inside the network"), "{n}");
        }
    }
    assert_eq!(got.lock().unwrap().len(), 1);
    assert_eq!(count.load(Ordering::SeqCst), 0, "no connection to a refused address");
}

/// The mailbox test: an address inside the network is refused before anything connects (422),
/// unless allow-listed; a service that is not an IMAP server is named as such, and what it said
/// (its banner) is never shown.
async fn the_mailbox_test_is_no_port_scanner_or_banner_grabber(engine: Engine) {
    let (count, port) = listener("SSH-2.0-secret-banner\r\n").await;
    let app = spawn_app_with(engine, Options::default().manual_clock(TUESDAY_9).env("PRONTO_WEBHOOK_ALLOW", "127.0.0.1")).await;
    for host in ["localhost", "[::1]", "198.18.0.1", "[::ffff:127.0.0.1]", "[64:ff9b::7f00:1]", "169.254.169.254"] {
        let p = app.post("/api/v1/mailboxes/test", &json!({ "url": format!("imap://u:p@{host}:{port}/INBOX") })).await.invalid(&["url"]);
        assert!(p.to_string().contains("inside the network"), "{host}: {p}");
    }
    assert_eq!(count.load(Ordering::SeqCst), 0, "a refused address is never connected to");
    for tls in ["", "?starttls"] {
        let t = app.post("/api/v1/mailboxes/test", &json!({ "url": format!("imap://u:p@127.0.0.1:{port}/INBOX{tls}") })).await.expect(200);
        assert_eq!(t["ok"], false, "{t}");
        let error = t["error"].as_str().unwrap();
        assert!(error.contains("did not answer as an IMAP server"), "{t}");
        assert!(!error.contains("secret") && !error.contains("SSH"), "the banner is not echoed: {t}");
    }
    assert_eq!(count.load(Ordering::SeqCst), 2, "the allow-listed host was reached");
}

/// With the `log` SMS provider, the log at INFO names the notification and the number's last
/// digits, never the customer's name or number (the owner's SMS carries both).
async fn the_log_sms_provider_writes_no_customer_at_info(engine: Engine) {
    let app = spawn_app_with(engine, Options::default().manual_clock(TUESDAY_9).env("PRONTO_LOG", "info")).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Zdenka Tajna", "phone": "+420 605 918 273" } })).await);
    let sent = || async { notes(&app, l).await.into_iter().filter(|n| n["channel"] == "sms" && n["status"] == "sent").count() };
    assert!(eventually(Duration::from_secs(10), || async { sent().await > 0 }).await, "{:?}", notes(&app, l).await);
    let sms = notes(&app, l).await.into_iter().find(|n| n["channel"] == "sms" && n["status"] == "sent").unwrap();
    assert!(sms["text"].as_str().unwrap().contains("Zdenka"), "the SMS names the customer: {sms}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let log = app.output();
    assert!(log.contains("SMS (log provider: not sent)") && log.contains(&format!("notification={}", sms["id"])), "{log}");
    for secret in ["Zdenka", "Tajna", "605918273", "605 918 273", "+420777000001"] {
        assert!(!log.contains(secret), "`{secret}` in the log:\n{log}");
    }
}
