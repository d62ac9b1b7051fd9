//! The user lifecycle and sign-in hardening (issue 16, items 3 and 5), over HTTP on both
//! engines with the manual clock: deactivation stops sessions and tokens at once and hands
//! open work back to the playbook; reactivation; role changes and the last-admin guard; an
//! admin's password reset forces a change at sign-in; tokens listed, revoked and expiring;
//! one's own password change ends the other sessions and revokes tokens only when asked; the
//! admin page's forms; the per-account sign-in throttle.

use crate::agency::{TUESDAY_9, advance, app_at, id, token_of, user};
use crate::cli::{pronto, text};
use serde_json::{Value, json};
use testkit::both;
use testkit::{App, Engine, Options, Storage, spawn_app_on};

both!(
    deactivation_stops_access_at_once_and_hands_work_back,
    roles_change_and_the_last_admin_stays,
    a_reset_password_must_be_changed_at_sign_in,
    tokens_are_listed_revoked_and_expire,
    a_password_change_ends_other_sessions_and_revokes_tokens_when_asked,
    the_admin_page_runs_the_lifecycle,
    sign_in_is_throttled_per_account,
    the_cli_runs_the_lifecycle,
);

const PASSWORD: &str = "a long enough password";

struct Page {
    status: u16,
    location: Option<String>,
    cookie: Option<String>,
    retry_after: Option<String>,
    html: String,
}

async fn send(app: &App, method: reqwest::Method, path: &str, cookie: Option<&str>, form: Option<&[(&str, &str)]>) -> Page {
    let mut rb = app.client.request(method, app.url(path)).header("accept-language", "en");
    if let Some(c) = cookie {
        rb = rb.header("cookie", format!("pronto_session={c}"));
    }
    rb = rb.header("origin", app.base().trim_end_matches('/'));
    if let Some(f) = form {
        rb = rb.form(f);
    }
    let r = rb.send().await.unwrap();
    let status = r.status().as_u16();
    let h = |n: &str| r.headers().get(n).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let (location, retry_after) = (h("location"), h("retry-after"));
    let cookie = h("set-cookie").and_then(|s| s.strip_prefix("pronto_session=").map(|s| s.split(';').next().unwrap_or("").to_owned()));
    Page { status, location, cookie, retry_after, html: r.text().await.unwrap_or_default() }
}

async fn login(app: &App, login: &str, password: &str) -> Page {
    send(app, reqwest::Method::POST, "/login", None, Some(&[("login", login), ("password", password)])).await
}

async fn sign_in(app: &App, who: &str, password: &str) -> String {
    let p = login(app, who, password).await;
    assert_eq!(p.status, 303, "{}", p.html);
    p.cookie.expect("a session cookie")
}

async fn open_tasks_of(app: &App, user: i64) -> Vec<Value> {
    app.get(&format!("/api/v1/tasks?assignee={user}&status=open")).await.expect(200)["items"].as_array().unwrap().clone()
}

async fn lead(app: &App, phone: &str) -> Value {
    app.create_lead(&json!({ "channel": "web", "contact": { "name": "Customer", "phone": phone } })).await
}

async fn deactivation_stops_access_at_once_and_hands_work_back(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let petr = user(&app, "petr", "consultant", "+420 777 000 002").await;
    let token = token_of(&app, jana).await;
    let session = sign_in(&app, "jana", PASSWORD).await;
    // Round robin: the two consultants take turns; Jana owns some leads and their call tasks.
    let mut hers = Vec::new();
    for i in 0..4 {
        let l = lead(&app, &format!("+420 608 000 10{i}")).await;
        if l["owner"]["id"] == jana {
            hers.push(id(&l));
        }
    }
    assert_eq!(hers.len(), 2, "round robin gave Jana two of four");
    let her_tasks = open_tasks_of(&app, jana).await;
    assert!(!her_tasks.is_empty());
    assert_eq!(app.get_as(&token, "/api/v1/me").await.expect(200)["id"], jana);
    // Her live streams, one by token and one by session, are open.
    let stream = |by_token: bool| {
        let rb = app.client.get(app.url("/api/v1/events/stream"));
        let rb = if by_token { rb.bearer_auth(&token) } else { rb.header("cookie", format!("pronto_session={session}")) };
        rb.send()
    };
    let mut streams = Vec::new();
    for by_token in [true, false] {
        let r = stream(by_token).await.unwrap();
        assert_eq!(r.status(), 200, "stream by token: {by_token}");
        streams.push(r);
    }

    let out = app.patch(&format!("/api/v1/users/{jana}"), &json!({ "active": false })).await.expect(200);
    assert_eq!(out["active"], false);
    // Her open streams end too: the server closes each cleanly (it checks its credential every
    // few seconds); a stream still open when the client's own request limit runs out is an error.
    for mut s in streams {
        loop {
            match s.chunk().await {
                Ok(Some(_)) => continue,
                Ok(None) => break,
                Err(e) => panic!("a deactivated user's live stream did not end: {e}"),
            }
        }
    }
    // At once: the token and the session answer 401 / the sign-in page.
    app.get_as(&token, "/api/v1/me").await.problem(401);
    let p = send(&app, reqwest::Method::GET, "/inbox", Some(&session), None).await;
    assert_eq!((p.status, p.location.as_deref()), (303, Some("/login")));
    assert_eq!(login(&app, "jana", PASSWORD).await.status, 401, "she cannot sign in");
    // Her open leads went to Petr (the pool for her role), her open tasks with them.
    for l in &hers {
        assert_eq!(app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["owner"]["id"], petr, "lead {l}");
    }
    assert!(open_tasks_of(&app, jana).await.is_empty());
    let petrs: Vec<i64> = open_tasks_of(&app, petr).await.iter().map(id).collect();
    for t in &her_tasks {
        assert!(petrs.contains(&id(t)), "task {} went to Petr: {petrs:?}", id(t));
    }
    let users = app.get("/api/v1/users").await.expect(200);
    let row = users["items"].as_array().unwrap().iter().find(|u| u["id"] == jana).unwrap().clone();
    assert_eq!((row["active"].clone(), row["open_tasks"].clone()), (json!(false), json!(0)), "{row}");
    // She is never picked again.
    for i in 0..3 {
        assert_eq!(lead(&app, &format!("+420 608 000 20{i}")).await["owner"]["id"], petr);
    }

    // Reactivated: she signs in again; the token revoked at the deactivation stays revoked.
    let out = app.patch(&format!("/api/v1/users/{jana}"), &json!({ "active": true })).await.expect(200);
    assert_eq!(out["active"], true);
    sign_in(&app, "jana", PASSWORD).await;
    app.get_as(&token, "/api/v1/me").await.problem(401);
    let fresh = token_of(&app, jana).await;
    assert_eq!(app.get_as(&fresh, "/api/v1/me").await.expect(200)["id"], jana);

    // Only an admin changes `active`, even on oneself; one's own presence is still one's own.
    app.send(app.client.patch(app.url(&format!("/api/v1/users/{jana}"))).bearer_auth(&fresh).json(&json!({ "active": false })))
        .await
        .problem(403);
    app.send(app.client.patch(app.url(&format!("/api/v1/users/{jana}"))).bearer_auth(&fresh).json(&json!({ "presence": "away" })))
        .await
        .expect(200);
    // Without Petr available and Jana away, a deactivated owner's lead waits without an owner.
    let l = id(&lead(&app, "+420 608 000 300").await);
    let owner = app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["owner"]["id"].as_i64().unwrap();
    assert_eq!(owner, petr);
    app.patch(&format!("/api/v1/users/{petr}"), &json!({ "active": false })).await.expect(200);
    assert!(app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["owner"].is_null(), "nobody available: no owner");
    let unassigned = app.get(&format!("/api/v1/tasks?lead={l}&status=open")).await.expect(200);
    assert!(unassigned["items"].as_array().unwrap().iter().all(|t| t["assignee"].is_null()), "{unassigned}");
}

async fn roles_change_and_the_last_admin_stays(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let admin = id(&app.me().await);
    // An admin cannot deactivate themself, nor demote the last active admin.
    let p = app.patch(&format!("/api/v1/users/{admin}"), &json!({ "active": false })).await.problem(409);
    assert!(p["detail"].as_str().unwrap().contains("your own account"), "{p}");
    let p = app.patch(&format!("/api/v1/users/{admin}"), &json!({ "role": "manager" })).await.problem(409);
    assert!(p["detail"].as_str().unwrap().contains("last active admin"), "{p}");
    app.patch(&format!("/api/v1/users/{admin}"), &json!({ "role": "boss" })).await.invalid(&["role"]);
    // One PATCH is one transaction: a refused part leaves the rest unchanged too.
    app.patch(&format!("/api/v1/users/{admin}"), &json!({ "presence": "away", "role": "manager" })).await.problem(409);
    assert_eq!(app.me().await["presence"], "available");

    // A second admin: works as admin until demoted, then at once as a manager.
    let eva = user(&app, "eva", "admin", "+420 777 000 003").await;
    let eva_token = token_of(&app, eva).await;
    app.get_as(&eva_token, "/api/v1/users").await.expect(200);
    app.post_as(&eva_token, "/api/v1/users", &json!({ "name": "By Eva", "login": "by-eva", "role": "secretary" })).await.expect(201);
    let out = app.patch(&format!("/api/v1/users/{eva}"), &json!({ "role": "manager" })).await.expect(200);
    assert_eq!(out["role"], "manager");
    app.post_as(&eva_token, "/api/v1/users", &json!({ "name": "Again", "login": "again", "role": "secretary" })).await.problem(403);
    // A manager may not change roles (their own included).
    app.send(app.client.patch(app.url(&format!("/api/v1/users/{eva}"))).bearer_auth(&eva_token).json(&json!({ "role": "admin" })))
        .await
        .problem(403);
    // With Eva admin again, the first admin may be demoted; then Eva is the last one.
    app.patch(&format!("/api/v1/users/{eva}"), &json!({ "role": "admin" })).await.expect(200);
    app.send(app.client.patch(app.url(&format!("/api/v1/users/{admin}"))).bearer_auth(&eva_token).json(&json!({ "role": "manager" })))
        .await
        .expect(200);
    let p = app
        .send(app.client.patch(app.url(&format!("/api/v1/users/{eva}"))).bearer_auth(&eva_token).json(&json!({ "role": "consultant" })))
        .await
        .problem(409);
    assert!(p["detail"].as_str().unwrap().contains("`eva` is the last active admin"), "{p}");
}

async fn a_reset_password_must_be_changed_at_sign_in(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let token = token_of(&app, jana).await;
    let before = sign_in(&app, "jana", PASSWORD).await;
    app.post_as(&token, &format!("/api/v1/users/{jana}/password-reset"), &json!({})).await.problem(403);
    let reset = app.post(&format!("/api/v1/users/{jana}/password-reset"), &json!({})).await.expect(200);
    let temporary = reset["temporary_password"].as_str().unwrap().to_owned();
    assert!(temporary.len() >= 16, "{reset}");
    assert_eq!(reset["must_change"], true);
    assert_eq!(reset["sessions_ended"], 1);
    app.post("/api/v1/users/987654/password-reset", &json!({})).await.problem(404);
    // Her session ended, the old password is gone; her token still works (automation).
    assert_eq!(send(&app, reqwest::Method::GET, "/inbox", Some(&before), None).await.location.as_deref(), Some("/login"));
    assert_eq!(login(&app, "jana", PASSWORD).await.status, 401);
    assert_eq!(app.get_as(&token, "/api/v1/me").await.expect(200)["must_change_password"], true);
    // The temporary password signs in — to the change page, before anything else.
    let p = login(&app, "jana", &temporary).await;
    assert_eq!((p.status, p.location.as_deref()), (303, Some("/account")));
    let s = p.cookie.unwrap();
    for path in ["/inbox", "/tasks", "/board"] {
        assert_eq!(send(&app, reqwest::Method::GET, path, Some(&s), None).await.location.as_deref(), Some("/account"), "{path}");
    }
    let account = send(&app, reqwest::Method::GET, "/account", Some(&s), None).await;
    assert!(account.html.contains("An admin reset your password"), "{}", account.html);
    // The API refuses her session with a clear message, except to read herself.
    let r = app.send(app.client.get(app.url("/api/v1/leads")).header("cookie", format!("pronto_session={s}"))).await;
    let p = r.problem(403);
    assert!(p["detail"].as_str().unwrap().contains("choose a new one first"), "{p}");
    let r = app.send(app.client.get(app.url("/api/v1/me")).header("cookie", format!("pronto_session={s}"))).await;
    assert_eq!(r.expect(200)["must_change_password"], true);
    // She chooses her own; then everything is open again.
    let p = send(
        &app,
        reqwest::Method::POST,
        "/account/password",
        Some(&s),
        Some(&[("current", &temporary), ("new", "my very own secret phrase")]),
    )
    .await;
    assert_eq!(p.status, 200, "{}", p.html);
    assert_eq!(send(&app, reqwest::Method::GET, "/inbox", Some(&s), None).await.status, 200);
    assert_eq!(app.get_as(&token, "/api/v1/me").await.expect(200)["must_change_password"], false);
    sign_in(&app, "jana", "my very own secret phrase").await;
    // With revoke_tokens the reset also ends her tokens.
    let reset = app.post(&format!("/api/v1/users/{jana}/password-reset"), &json!({ "revoke_tokens": true })).await.expect(200);
    assert_eq!(reset["tokens_revoked"], 1);
    app.get_as(&token, "/api/v1/me").await.problem(401);
}

async fn tokens_are_listed_revoked_and_expire(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let admin = id(&app.me().await);
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let first = token_of(&app, jana).await;
    let tokens = format!("/api/v1/users/{jana}/tokens");
    // Expiry: in days or at a time, not both, in the future.
    let day = app.post_as(&first, &tokens, &json!({ "name": "laptop", "expires_in_days": 1 })).await.expect(201);
    let two_hours = app.post_as(&first, &tokens, &json!({ "name": "script", "expires_at": "2031-05-06T09:00:00Z" })).await.expect(201);
    app.post_as(&first, &tokens, &json!({ "expires_at": "2031-05-06T09:00:00Z", "expires_in_days": 3 })).await.invalid(&["expires_at"]);
    app.post_as(&first, &tokens, &json!({ "expires_at": "2030-01-01T00:00:00Z" })).await.invalid(&["expires_at"]);
    app.post_as(&first, &tokens, &json!({ "expires_at": "tomorrow" })).await.invalid(&["expires_at"]);
    app.post_as(&first, &tokens, &json!({ "expires_in_days": 0 })).await.invalid(&["expires_in_days"]);
    let (day_token, script) = (day["token"].as_str().unwrap().to_owned(), two_hours["token"].as_str().unwrap().to_owned());

    // The list: name, created, last used, expiry — never the token. Her own, or an admin's look.
    app.get_as(&script, "/api/v1/me").await.expect(200);
    let list = app.get_as(&first, &tokens).await.expect(200);
    assert!(!list.to_string().contains("pronto_"), "no token in the list: {list}");
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "{list}");
    let by_name = |n: &str| items.iter().find(|t| t["name"] == n).unwrap().clone();
    assert_eq!(by_name("laptop")["expires_at"], "2031-05-07T07:00:00Z");
    assert_eq!(by_name("script")["expires_at"], "2031-05-06T09:00:00Z");
    assert_eq!(by_name("script")["last_used_at"], "2031-05-06T07:00:00Z", "used just now");
    assert!(by_name("laptop")["last_used_at"].is_null());
    assert_eq!(by_name("laptop")["created_at"], "2031-05-06T07:00:00Z");
    assert_eq!(app.get(&tokens).await.expect(200)["items"].as_array().unwrap().len(), 3, "the admin sees them too");
    // Not someone else's.
    app.get_as(&first, &format!("/api/v1/users/{admin}/tokens")).await.problem(403);
    app.send(app.client.delete(app.url(&format!("/api/v1/users/{admin}/tokens/1"))).bearer_auth(&first)).await.problem(403);
    app.get("/api/v1/users/987654/tokens").await.problem(404);

    // Revoked: 204, then 401 from the next request; a second revoke is 404.
    let laptop = id(&day);
    let r = app.send(app.client.delete(app.url(&format!("{tokens}/{laptop}"))).bearer_auth(&first)).await;
    assert_eq!(r.status, 204, "{}", r.text);
    app.get_as(&day_token, "/api/v1/me").await.problem(401);
    app.send(app.client.delete(app.url(&format!("{tokens}/{laptop}"))).bearer_auth(&first)).await.problem(404);
    assert_eq!(app.get_as(&first, &tokens).await.expect(200)["items"].as_array().unwrap().len(), 2);

    // Expiry follows the (manual) clock.
    advance(&app, 2 * 3600 - 1).await;
    app.get_as(&script, "/api/v1/me").await.expect(200);
    advance(&app, 1).await;
    let p = app.get_as(&script, "/api/v1/me").await.problem(401);
    assert!(p["detail"].as_str().unwrap().contains("expired"), "{p}");
    app.get_as(&first, "/api/v1/me").await.expect(200);
    // last_used_at moves at most once a minute.
    let used = |l: &Value| l["items"].as_array().unwrap().iter().find(|t| t["name"] == "api").unwrap()["last_used_at"].clone();
    let a = used(&app.get(&tokens).await.expect(200));
    assert_eq!(a, "2031-05-06T09:00:00Z");
    advance(&app, 30).await;
    app.get_as(&first, "/api/v1/me").await.expect(200);
    assert_eq!(used(&app.get(&tokens).await.expect(200)), a, "within the minute: not written again");
    advance(&app, 31).await;
    app.get_as(&first, "/api/v1/me").await.expect(200);
    assert_eq!(used(&app.get(&tokens).await.expect(200)), "2031-05-06T09:01:01Z");
}

async fn a_password_change_ends_other_sessions_and_revokes_tokens_when_asked(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let token = token_of(&app, jana).await;
    let phone = sign_in(&app, "jana", PASSWORD).await;
    let desk = sign_in(&app, "jana", PASSWORD).await;
    let (a, t) = (&app, &token);
    let change = |body: Value| async move { a.post_as(t, "/api/v1/me/password", &body).await };
    change(json!({ "current": "not my password", "new": "a brand new password" })).await.invalid(&["current"]);
    let weak = change(json!({ "current": PASSWORD, "new": "Password2024!" })).await.invalid(&["new"]);
    assert!(weak.to_string().contains("common password"), "{weak}");
    change(json!({ "current": PASSWORD, "new": "jana is the best" })).await.invalid(&["new"]);
    change(json!({})).await.invalid(&["current", "new"]);
    // Through the API with a token: every session ends (the token is none of them); tokens stay.
    let done = change(json!({ "current": PASSWORD, "new": "a brand new password" })).await.expect(200);
    assert_eq!((done["sessions_ended"].clone(), done["tokens_revoked"].clone()), (json!(2), json!(0)), "{done}");
    assert!(done["message"].as_str().unwrap().contains("still work"), "{done}");
    for s in [&phone, &desk] {
        assert_eq!(send(&app, reqwest::Method::GET, "/inbox", Some(s), None).await.location.as_deref(), Some("/login"));
    }
    app.get_as(&token, "/api/v1/me").await.expect(200);
    // On the account page, with the box ticked: the other session ends, this one stays, the tokens go.
    let phone = sign_in(&app, "jana", "a brand new password").await;
    let desk = sign_in(&app, "jana", "a brand new password").await;
    let p = send(
        &app,
        reqwest::Method::POST,
        "/account/password",
        Some(&desk),
        Some(&[("current", "a brand new password"), ("new", "yet another good phrase"), ("revoke_tokens", "1")]),
    )
    .await;
    assert_eq!(p.status, 200, "{}", p.html);
    assert!(p.html.contains("Your other sessions ended (1); API tokens revoked: 1."), "{}", p.html);
    app.get_as(&token, "/api/v1/me").await.problem(401);
    assert_eq!(send(&app, reqwest::Method::GET, "/inbox", Some(&phone), None).await.status, 303);
    assert_eq!(send(&app, reqwest::Method::GET, "/inbox", Some(&desk), None).await.status, 200);
    // Without the box, tokens stay.
    let token = token_of(&app, jana).await;
    let p = send(
        &app,
        reqwest::Method::POST,
        "/account/password",
        Some(&desk),
        Some(&[("current", "yet another good phrase"), ("new", "and one more good phrase")]),
    )
    .await;
    assert!(p.html.contains("your API tokens still work"), "{}", p.html);
    app.get_as(&token, "/api/v1/me").await.expect(200);
}

async fn the_admin_page_runs_the_lifecycle(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let petr = user(&app, "petr", "consultant", "+420 777 000 002").await;
    let token = token_of(&app, jana).await;
    let mut hers = 0;
    for i in 0..2 {
        if lead(&app, &format!("+420 608 000 10{i}")).await["owner"]["id"] == jana {
            hers += 1;
        }
    }
    assert_eq!(hers, 1);
    let her_tasks = open_tasks_of(&app, jana).await.len();
    let admin = sign_in(&app, "admin", "it-admin-password-1234").await;
    let post = |path: String, form: Vec<(&'static str, String)>| {
        let admin = admin.clone();
        let app = &app;
        async move {
            let f: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            send(app, reqwest::Method::POST, &path, Some(&admin), Some(&f)).await
        }
    };
    let page = send(&app, reqwest::Method::GET, "/admin", Some(&admin), None).await;
    assert!(page.html.contains(&format!("action=\"/admin/users/{jana}/deactivate\"")), "{}", page.html);
    assert!(page.html.contains("<td dir=\"auto\">api</td>"), "Jana's token is listed: {}", page.html);

    // Role.
    let p = post(format!("/admin/users/{petr}/role"), vec![("role", "manager".into())]).await;
    assert!(p.html.contains("Petr is now Manager"), "{}", p.html);
    assert_eq!(app.get(&format!("/api/v1/users/{petr}/tokens")).await.status, 200);
    let petr_now =
        app.get("/api/v1/users").await.expect(200)["items"].as_array().unwrap().iter().find(|u| u["id"] == petr).unwrap().clone();
    assert_eq!(petr_now["role"], "manager");
    post(format!("/admin/users/{petr}/role"), vec![("role", "consultant".into())]).await;

    // Deactivation says what happens next.
    let p = post(format!("/admin/users/{jana}/deactivate"), vec![("confirm", "1".into())]).await;
    let said = format!(
        "Jana can no longer sign in: 0 session(s) ended, 1 API token(s) revoked. {her_tasks} open task(s) and 1 open lead(s) went back to the process; 1 lead(s) have a new owner already"
    );
    assert!(p.html.contains(&said), "{said}\n{}", p.html);
    app.get_as(&token, "/api/v1/me").await.problem(401);
    assert!(p.html.contains(&format!("action=\"/admin/users/{jana}/activate\"")), "{}", p.html);
    // The last admin cannot be deactivated from the page either (oneself).
    let me = id(&app.me().await);
    let p = post(format!("/admin/users/{me}/deactivate"), vec![("confirm", "1".into())]).await;
    assert!(p.html.contains("you cannot deactivate your own account"), "{}", p.html);
    // Reactivation.
    let p = post(format!("/admin/users/{jana}/activate"), vec![("confirm", "1".into())]).await;
    assert!(p.html.contains("Jana can sign in again"), "{}", p.html);

    // A password reset shows the temporary password once; it signs in to the change page.
    let p = post(format!("/admin/users/{jana}/reset-password"), vec![("confirm", "1".into())]).await;
    let shown = p.html.split("(shown only now): ").nth(1).and_then(|r| r.split(' ').next()).expect("the temporary password").to_owned();
    let l = login(&app, "jana", &shown).await;
    assert_eq!(l.location.as_deref(), Some("/account"));

    // Token revocation from the page.
    let t2 = token_of(&app, jana).await;
    let listed = app.get(&format!("/api/v1/users/{jana}/tokens")).await.expect(200);
    let tid = id(&listed["items"][0]);
    let p = post(format!("/admin/users/{jana}/tokens/{tid}/revoke"), vec![]).await;
    assert!(p.html.contains("The token “api” of Jana no longer works."), "{}", p.html);
    app.get_as(&t2, "/api/v1/me").await.problem(401);
    // Not for anyone but an admin.
    let jana_s = sign_in(&app, "petr", PASSWORD).await;
    assert_eq!(send(&app, reqwest::Method::POST, &format!("/admin/users/{jana}/deactivate"), Some(&jana_s), Some(&[])).await.status, 403);
}

async fn sign_in_is_throttled_per_account(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    // Five wrong passwords are answered as such; the sixth attempt waits (even with the right one).
    for _ in 0..5 {
        assert_eq!(login(&app, "jana", "wrong").await.status, 401);
    }
    let p = login(&app, "jana", PASSWORD).await;
    assert_eq!(p.status, 429, "{}", p.html);
    assert_eq!(p.retry_after.as_deref(), Some("2"));
    assert!(p.html.contains("Too many wrong passwords for this account. Try again in 2 s."), "{}", p.html);
    // Other accounts are not affected.
    user(&app, "petr", "consultant", "+420 777 000 002").await;
    sign_in(&app, "petr", PASSWORD).await;
    advance(&app, 2).await;
    // A wrong one now doubles the wait.
    assert_eq!(login(&app, "jana", "wrong again").await.status, 401);
    let p = login(&app, "jana", PASSWORD).await;
    assert_eq!((p.status, p.retry_after.as_deref()), (429, Some("4")));
    advance(&app, 60).await; // also past the per-IP minute
    sign_in(&app, "jana", PASSWORD).await;
    // A success starts the count again: five free failures.
    for _ in 0..5 {
        assert_eq!(login(&app, "jana", "wrong").await.status, 401);
    }
    assert_eq!(login(&app, "jana", "wrong").await.status, 429);
    // An unknown login is throttled the same way (the answer does not tell which logins exist).
    advance(&app, 60).await;
    for _ in 0..5 {
        assert_eq!(login(&app, "nobody", "wrong").await.status, 401);
    }
    assert_eq!(login(&app, "nobody", "wrong").await.status, 429);
    // The current-password check of a password change counts too.
    advance(&app, 60 * 20).await;
    let petr = app.get("/api/v1/users").await.expect(200)["items"].as_array().unwrap().iter().find(|u| u["login"] == "petr").unwrap()["id"]
        .as_i64()
        .unwrap();
    let token = token_of(&app, petr).await;
    for _ in 0..5 {
        app.post_as(&token, "/api/v1/me/password", &json!({ "current": "guess", "new": "a brand new password" }))
            .await
            .invalid(&["current"]);
    }
    let r = app.post_as(&token, "/api/v1/me/password", &json!({ "current": PASSWORD, "new": "a brand new password" })).await;
    r.problem(429);
    assert_eq!(r.header("retry-after"), Some("2"));
    advance(&app, 2).await;
    app.post_as(&token, "/api/v1/me/password", &json!({ "current": PASSWORD, "new": "a brand new password" })).await.expect(200);
    // Throttle state is in the database: it survives a restart.
    for _ in 0..5 {
        assert_eq!(login(&app, "petr", "wrong").await.status, 401);
    }
    let mut app = app;
    app.stop().await;
    app.start().await;
    assert_eq!(login(&app, "petr", "a brand new password").await.status, 429);
}

async fn the_cli_runs_the_lifecycle(engine: Engine) {
    let storage = Storage::new(engine);
    let ok = |args: &[&str]| {
        let o = pronto(&storage, args);
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
        text(&o.stdout)
    };
    let fails = |args: &[&str]| {
        let o = pronto(&storage, args);
        assert!(!o.status.success(), "{args:?} should fail: {}", text(&o.stdout));
        text(&o.stderr)
    };
    ok(&["user", "add", "--login", "jana", "--name", "Jana Nováková", "--role", "consultant", "--password", PASSWORD]);
    assert!(
        fails(&["user", "add", "--login", "eva", "--name", "Eva", "--role", "secretary", "--password", "eva-secretary-1"])
            .contains("`eva`")
    );
    // Tokens: with an expiry, listed (never the token), revoked by id.
    let laptop = ok(&["token", "create", "--user", "jana", "--name", "laptop", "--expires-days", "30"]).trim().to_owned();
    let spare = ok(&["token", "create", "--user", "jana", "--name", "spare"]).trim().to_owned();
    assert!(fails(&["token", "create", "--user", "jana", "--expires-days", "0"]).contains("--expires-days"));
    let list = ok(&["token", "list", "--user", "jana"]);
    assert!(!list.contains("pronto_"), "{list}");
    let row =
        |name: &str| list.lines().find(|l| l.split('\t').nth(1) == Some(name)).unwrap_or_else(|| panic!("{name} in {list}")).to_owned();
    assert!(!row("laptop").ends_with("never"), "an expiry: {list}");
    assert!(row("spare").ends_with("never"), "{list}");
    let spare_id = row("spare").split('\t').next().unwrap().to_owned();
    assert!(ok(&["token", "revoke", "--user", "jana", "--id", &spare_id]).contains("revoked"));
    assert!(fails(&["token", "revoke", "--user", "jana", "--id", &spare_id]).contains("no token"));
    // Role, reset, deactivation and reactivation.
    assert!(ok(&["user", "role", "--login", "jana", "--role", "manager"]).contains("jana is now manager"));
    assert!(fails(&["user", "role", "--login", "jana", "--role", "boss"]).contains("--role"));
    assert!(fails(&["user", "role", "--login", "admin", "--role", "manager"]).contains("last active admin"));
    assert!(fails(&["user", "deactivate", "--login", "admin"]).contains("last active admin"));
    let reset = ok(&["user", "reset-password", "--login", "jana"]);
    let temporary = reset.lines().find_map(|l| l.strip_prefix("temporary password: ")).unwrap().split(' ').next().unwrap().to_owned();
    let off = ok(&["user", "deactivate", "--login", "jana"]);
    assert!(off.contains("jana can no longer sign in") && off.contains("1 token(s) revoked"), "{off}");
    assert!(fails(&["user", "deactivate", "--login", "nobody"]).contains("no user `nobody`"));
    let app = spawn_app_on(storage, Options::default()).await;
    let jana =
        app.get("/api/v1/users").await.expect(200)["items"].as_array().unwrap().iter().find(|u| u["login"] == "jana").unwrap().clone();
    assert_eq!(
        (jana["active"].clone(), jana["role"].clone(), jana["must_change_password"].clone()),
        (json!(false), json!("manager"), json!(true))
    );
    for t in [&laptop, &spare] {
        app.get_as(t, "/api/v1/me").await.problem(401);
    }
    assert_eq!(login(&app, "jana", &temporary).await.status, 401, "deactivated");
    let mut app = app;
    app.stop().await;
    let o = pronto(&app.storage, &["user", "activate", "--login", "jana"]);
    assert!(text(&o.stdout).contains("jana can sign in again"), "{}", text(&o.stderr));
    app.start().await;
    assert_eq!(login(&app, "jana", &temporary).await.location.as_deref(), Some("/account"), "active, and must change the password");
}
