//! The audit log an admin reads: each kind appears after its action (sign-in, failed with the
//! login tried and the address, sign-out, a refused request, a token, a user change, a message
//! override, a customer's document opened), the filters and the cursor work, parameters are
//! validated field by field, only admins read it (API and the page in the admin area).

use crate::access::{bare_app, lead_with_document, sign_in, ui};
use crate::agency::{id, user};
use reqwest::Method;
use serde_json::{Value, json};
use testkit::both;
use testkit::{App, Engine};

both!(every_kind_is_recorded_after_its_action, the_audit_log_is_filtered_paged_and_admins_only);

async fn rows(app: &App, query: &str) -> Vec<Value> {
    app.get(&format!("/api/v1/audit?{query}")).await.expect(200)["items"].as_array().unwrap().clone()
}

async fn newest(app: &App, kind: &str) -> Value {
    let r = rows(app, &format!("kind={kind}&limit=1")).await;
    r.first().cloned().unwrap_or_else(|| panic!("no `{kind}` row"))
}

async fn every_kind_is_recorded_after_its_action(engine: Engine) {
    let app = bare_app(engine).await;
    let jana = user(&app, "jana", "consultant", "+420 601 000 001").await;
    let created = newest(&app, "user.created").await;
    assert_eq!(
        (created["target"].as_str(), created["actor"]["login"].as_str()),
        (Some(format!("user/{jana}").as_str()), Some("admin")),
        "{created}"
    );
    assert_eq!(created["detail"]["role"], "consultant");

    // Sign-in: success and failure, with the address and the login tried; sign-out.
    let bad = app
        .client
        .post(app.url("/login"))
        .header("origin", app.base().trim_end_matches('/'))
        .form(&[("login", "jana"), ("password", "not her password at all")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 401);
    let unknown = app
        .client
        .post(app.url("/login"))
        .header("origin", app.base().trim_end_matches('/'))
        .form(&[("login", "nobody.here"), ("password", "whatever it is")])
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 401);
    let failed = rows(&app, "kind=sign_in.failed").await;
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert_eq!((failed[0]["actor"]["login"].as_str(), failed[0]["actor"]["id"].as_i64()), (Some("nobody.here"), None), "{failed:?}");
    assert_eq!((failed[1]["actor"]["login"].as_str(), failed[1]["actor"]["id"].as_i64()), (Some("jana"), Some(jana)), "{failed:?}");
    assert!(failed.iter().all(|r| r["ip"] == "127.0.0.1"), "{failed:?}");
    assert!(!failed.iter().any(|r| r.to_string().contains("not her password")), "no password in the log");
    let session = sign_in(&app, "jana").await;
    let ok = newest(&app, "sign_in.ok").await;
    assert_eq!(
        (ok["actor"]["id"].as_i64(), ok["ip"].as_str(), ok["actor"]["name"].as_str()),
        (Some(jana), Some("127.0.0.1"), Some("Jana")),
        "{ok}"
    );
    assert!(ok["at"].as_str().unwrap().ends_with('Z') || ok["at"].as_str().unwrap().contains('+'), "RFC 3339: {ok}");
    assert_eq!(ui(&app, Method::POST, "/logout", &session, Some(&[])).await.0, 303);
    assert_eq!(newest(&app, "sign_out").await["actor"]["id"], jana);

    // A refused request, with method, path and reason.
    let token = app.post(&format!("/api/v1/users/{jana}/tokens"), &json!({ "name": "laptop" })).await.expect(201)["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let t = newest(&app, "token.created").await;
    assert_eq!((t["target"].as_str(), t["detail"]["name"].as_str()), (Some(format!("user/{jana}").as_str()), Some("laptop")), "{t}");
    assert!(!t.to_string().contains(&token), "never the token itself");
    app.get_as(&token, "/api/v1/webhooks").await.problem(403);
    let d = newest(&app, "access.denied").await;
    assert_eq!(
        (d["actor"]["id"].as_i64(), d["detail"]["method"].as_str(), d["detail"]["path"].as_str()),
        (Some(jana), Some("GET"), Some("/api/v1/webhooks")),
        "{d}"
    );
    assert!(d["detail"]["reason"].as_str().unwrap().contains("may not manage webhooks"), "{d}");
    assert_eq!(d["ip"], "127.0.0.1");

    // A user change; a message override; a customer's document opened.
    app.patch(&format!("/api/v1/users/{jana}"), &json!({ "presence": "away" })).await.expect(200);
    let c = newest(&app, "user.changed").await;
    assert_eq!((c["target"].as_str(), c["detail"]["fields"][0].as_str()), (Some(format!("user/{jana}").as_str()), Some("presence")), "{c}");
    let path = "/api/v1/messages/agency/new_lead/cs";
    app.send(app.req(Method::PUT, path).json(&json!({ "text": "Volejte: { $contact_name }" }))).await.expect(200);
    let m = newest(&app, "messages.set").await;
    assert_eq!(
        (m["target"].as_str(), m["detail"]["text"].as_str()),
        (Some("messages/agency/new_lead/cs"), Some("Volejte: { $contact_name }")),
        "{m}"
    );
    app.send(app.req(Method::DELETE, path)).await.expect(204);
    assert_eq!(newest(&app, "messages.reset").await["target"], "messages/agency/new_lead/cs");
    let (l, doc) = lead_with_document(&app, jana).await;
    assert!(rows(&app, "kind=document.read").await.is_empty(), "listing is not opening");
    assert_eq!(app.get_as(&token, &format!("/api/v1/documents/{doc}")).await.status, 200);
    let r = newest(&app, "document.read").await;
    assert_eq!(
        (r["actor"]["id"].as_i64(), r["target"].as_str(), r["detail"]["document_id"].as_i64()),
        (Some(jana), Some(format!("lead/{l}").as_str()), Some(doc)),
        "{r}"
    );
    app.send(app.anon(Method::POST, &format!("/api/v1/leads/{l}/tracking/revoke")).bearer_auth(&token)).await.expect(200);
    assert_eq!(newest(&app, "link.revoked").await["target"], format!("lead/{l}"));
    // Settings: webhooks and playbooks.
    let w = app.post("/api/v1/webhooks", &json!({ "url": "https://hooks.example.com/x", "events": ["lead.received"] })).await.expect(201);
    app.send(app.req(Method::DELETE, &format!("/api/v1/webhooks/{}", id(&w)))).await.expect(204);
    assert_eq!(newest(&app, "webhook.created").await["detail"]["url"], "https://hooks.example.com/x");
    assert_eq!(newest(&app, "webhook.deleted").await["target"], format!("webhook/{}", id(&w)));
    assert_eq!(newest(&app, "playbook.loaded").await["target"], "playbook/bare");

    // A change from another site on Jana's session is recorded as hers; a refused request of
    // someone unidentified is not (anyone could fill the log with those).
    let session = sign_in(&app, "jana").await;
    let denied = rows(&app, "kind=access.denied&limit=200").await.len();
    let r = app
        .client
        .post(app.url(&format!("/leads/{l}/note")))
        .header("cookie", format!("pronto_session={session}"))
        .header("origin", "https://evil.example")
        .form(&[("text", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let x = newest(&app, "access.denied").await;
    assert_eq!((x["actor"]["id"].as_i64(), x["detail"]["path"].as_str()), (Some(jana), Some(format!("/leads/{l}/note").as_str())), "{x}");
    assert!(x["detail"]["reason"].as_str().unwrap().contains("CSRF"), "{x}");
    let r = app.client.post(app.url("/logout")).header("origin", "https://evil.example").send().await.unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(rows(&app, "kind=access.denied&limit=200").await.len(), denied + 1);
}

async fn the_audit_log_is_filtered_paged_and_admins_only(engine: Engine) {
    let app = bare_app(engine).await;
    let (manager, token) = app.user_with_token("mia", "manager").await;
    let manager = id(&manager);
    for _ in 0..3 {
        app.get_as(&token, "/api/v1/audit").await.problem(403);
    }
    // Newest first; by actor; by kind and by group; by time; paged.
    let all = rows(&app, "limit=200").await;
    let ids: Vec<i64> = all.iter().map(id).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");
    let mine = rows(&app, &format!("actor={manager}")).await;
    assert_eq!(mine.len(), 3, "{mine:?}");
    assert!(mine.iter().all(|r| r["kind"] == "access.denied" && r["detail"]["path"] == "/api/v1/audit"));
    assert_eq!(rows(&app, "kind=access").await.len(), 3);
    assert_eq!(rows(&app, "kind=access.denied").await.len(), 3);
    assert!(rows(&app, "kind=sign_in").await.is_empty());
    let newest_at = all[0]["at"].as_str().unwrap().to_owned();
    let after: jiff::Timestamp = newest_at.parse().unwrap();
    let later = (after + jiff::SignedDuration::from_secs(1)).to_string();
    assert!(rows(&app, &format!("from={}", testkit::urlencode(&later))).await.is_empty());
    assert_eq!(rows(&app, &format!("to={}&limit=200", testkit::urlencode(&later))).await.len(), all.len());
    let first = app.get("/api/v1/audit?limit=2").await.expect(200);
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let second = app.get(&format!("/api/v1/audit?limit=2&cursor={cursor}")).await.expect(200);
    let page: Vec<i64> = first["items"].as_array().unwrap().iter().chain(second["items"].as_array().unwrap()).map(id).collect();
    assert_eq!(page, ids[..4.min(ids.len())], "the pages follow on");

    // Every parameter is checked; a non-admin is refused.
    app.get("/api/v1/audit?actor=x&kind=Sign-In&from=yesterday&to=soon&limit=0&cursor=nope")
        .await
        .invalid(&["actor", "kind", "from", "to", "limit", "cursor"]);
    app.get("/api/v1/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z").await.invalid(&["from"]);
    app.get("/api/v1/audit?limit=201").await.invalid(&["limit"]);
    app.get("/api/v1/audit?actor=&kind=&limit=").await.expect(200);

    // The page in the admin area: the kinds in the reader's words, names not ids, filters.
    user(&app, "olga", "secretary", "+420 601 000 002").await;
    let admin = sign_in_admin(&app).await;
    let (status, html) = ui(&app, Method::GET, &format!("/admin/audit?actor={manager}"), &admin, None).await;
    assert_eq!(status, 200);
    assert!(html.contains("Refused") && html.contains("User mia") && html.contains("/api/v1/audit"), "{html}");
    assert!(!html.contains("Signed in</td>"), "filtered to the manager: {html}");
    let (_, all_page) = ui(&app, Method::GET, "/admin/audit?kind=user.created", &admin, None).await;
    assert!(all_page.contains("User added") && all_page.contains("Olga"), "a user by name, not `user/N`: {all_page}");
    let (status, html) = ui(&app, Method::GET, "/admin/audit?from=tomorrow", &admin, None).await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"audit-error\""), "{html}");
    let cs = app
        .client
        .get(app.url("/admin/audit"))
        .header("cookie", format!("pronto_session={admin}"))
        .header("accept-language", "cs")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(cs.contains("Auditní záznam") && cs.contains("Odmítnuto"), "Czech words");
    let olga = sign_in(&app, "olga").await;
    assert_eq!(ui(&app, Method::GET, "/admin/audit", &olga, None).await.0, 403);
}

async fn sign_in_admin(app: &App) -> String {
    let r = app
        .client
        .post(app.url("/login"))
        .header("origin", app.base().trim_end_matches('/'))
        .form(&[("login", "admin"), ("password", "it-admin-password-1234")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let set = r.headers()["set-cookie"].to_str().unwrap();
    set.strip_prefix("pronto_session=").unwrap().split(';').next().unwrap().to_owned()
}
