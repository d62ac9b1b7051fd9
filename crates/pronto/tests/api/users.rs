//! Users and API tokens: only an admin adds users; a token is issued by an admin or to the
//! user themself; a new user's token works; roles are enforced (403) before anything is written.

use serde_json::json;
use testkit::both;
use testkit::{Engine, spawn_app};

both!(users_and_tokens);

async fn users_and_tokens(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.me().await;
    let admin_id = admin["id"].as_i64().expect("admin id");

    let klara = app
        .post(
            "/api/v1/users",
            &json!({ "name": "Klára Konzultantová", "login": "klara", "role": "consultant", "phone": "777 111 222",
                     "email": "klara@example.com", "password": "a long enough password" }),
        )
        .await
        .expect(201);
    let klara_id = klara["id"].as_i64().expect("id");
    assert_eq!(klara["login"], "klara");
    assert_eq!(klara["role"], "consultant");
    assert_eq!(klara["name"], "Klára Konzultantová");
    assert_eq!(klara["phone"], "+420777111222", "E.164");
    assert!(klara.get("password").is_none() && klara.get("password_hash").is_none(), "no password in the answer: {klara}");
    assert!(!klara.to_string().contains("a long enough password"));

    // Every role of the contract exists; a user without a password is fine (tokens only).
    let mut created = vec![admin_id, klara_id];
    for role in ["admin", "manager", "specialist", "coordinator", "secretary"] {
        let u = app
            .post("/api/v1/users", &json!({ "name": format!("The {role}"), "login": format!("the-{role}"), "role": role }))
            .await
            .expect(201);
        assert_eq!(u["role"], role);
        created.push(u["id"].as_i64().unwrap());
    }
    let secretary_id = created[6];

    // Validation and conflicts.
    app.post("/api/v1/users", &json!({ "name": "", "login": "", "role": "boss" })).await.invalid(&["name", "login", "role"]);
    app.post(
        "/api/v1/users",
        &json!({ "name": "X", "login": "x y", "role": "consultant", "email": "nope", "phone": "12", "password": "short" }),
    )
    .await
    .invalid(&["login", "email", "phone", "password"]);
    app.post("/api/v1/users", &json!({ "name": "Second Klára", "login": "klara", "role": "consultant" })).await.problem(409);
    app.post("/api/v1/users", &json!({ "name": "Third Klára", "login": "KLARA", "role": "consultant" })).await.problem(409);

    let list = app.get("/api/v1/users").await.expect(200);
    let mut listed: Vec<i64> = list["items"].as_array().expect("items").iter().map(|u| u["id"].as_i64().unwrap()).collect();
    listed.sort();
    created.sort();
    assert_eq!(listed, created, "{list}");

    // A token for Klára, made by the admin, works as Klára.
    let issued = app.post(&format!("/api/v1/users/{klara_id}/tokens"), &json!({ "name": "laptop" })).await.expect(201);
    assert!(issued["id"].as_i64().is_some(), "{issued}");
    let token = issued["token"].as_str().expect("token").to_owned();
    assert!(token.len() >= 20);
    let me = app.get_as(&token, "/api/v1/me").await.expect(200);
    assert_eq!(me["id"], klara_id);
    assert_eq!(me["login"], "klara");
    assert_eq!(me["role"], "consultant");
    let lead =
        app.post_as(&token, "/api/v1/leads", &json!({ "channel": "phone", "contact": { "name": "Her Customer" } })).await.expect(201);
    assert_eq!(lead["entered_by"]["id"], klara_id, "entered by the token's user: {lead}");

    // A consultant may not manage users: 403 before anything is read or written.
    let forbidden = app
        .post_as(
            &token,
            "/api/v1/users",
            &json!({ "name": "Sneaky", "login": "sneaky", "role": "admin", "password": "a long enough password" }),
        )
        .await;
    forbidden.problem(403);
    app.post_as(&token, "/api/v1/users", &json!({ "name": "Colleague", "login": "colleague", "role": "consultant" })).await.problem(403);
    app.post_as(&token, "/api/v1/users", &json!({})).await.problem(403);
    let after = app.get("/api/v1/users").await.expect(200);
    assert_eq!(after["items"].as_array().unwrap().len(), created.len(), "the forbidden users were not created: {after}");

    // She may make her own token, not anyone else's.
    let own = app.post_as(&token, &format!("/api/v1/users/{klara_id}/tokens"), &json!({})).await.expect(201);
    let own_token = own["token"].as_str().expect("token");
    assert_ne!(own_token, token);
    assert_eq!(app.get_as(own_token, "/api/v1/me").await.expect(200)["id"], klara_id);
    assert_eq!(app.get_as(&token, "/api/v1/me").await.expect(200)["id"], klara_id, "the first token still works");
    app.post_as(&token, &format!("/api/v1/users/{admin_id}/tokens"), &json!({})).await.problem(403);
    app.post_as(&token, &format!("/api/v1/users/{secretary_id}/tokens"), &json!({})).await.problem(403);

    // A token for a user made without a password; an unknown user is 404.
    let sec = app.post(&format!("/api/v1/users/{secretary_id}/tokens"), &json!({})).await.expect(201);
    let sec_me = app.get_as(sec["token"].as_str().unwrap(), "/api/v1/me").await.expect(200);
    assert_eq!(sec_me["id"], secretary_id);
    assert_eq!(sec_me["role"], "secretary");
    app.post("/api/v1/users/987654321/tokens", &json!({})).await.problem(404);

    // The admin is still the admin.
    assert_eq!(app.me().await["id"], admin_id);
}
