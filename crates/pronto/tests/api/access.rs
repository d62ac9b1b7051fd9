//! Least privilege per record, through the real server: every row of the permission table
//! (`pronto_domain::user::TABLE`: roles × action × relation → allowed) is tried by a user of
//! each role, with that relation to a lead of their own (its owner, the assignee of an open
//! task on it, or neither), and answers 2xx or 403. The UI keeps the same rules, and says why
//! on its error page.

use crate::agency::{id, user};
use pronto_domain::user::{Action, TABLE};
use reqwest::Method;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use testkit::both;
use testkit::{App, Engine, Options, Resp, spawn_app_with};

both!(the_permission_table_holds_through_the_api, the_ui_keeps_the_same_rules);

/// A process whose one rule never fires here, so nothing but the test gives anyone a lead or a task: the intake
/// is `new` and what it leads to (`contacted`, `lost`); `offer` and `won` are the deal.
pub const BARE: &str = r#"
name = "bare"
calendar = "office"

[calendars.office]
time_zone = "Europe/Prague"
hours = { mon = "08:00-18:00", tue = "08:00-18:00", wed = "08:00-18:00", thu = "08:00-18:00", fri = "08:00-18:00" }

[[stages]]
id = "new"
next = ["contacted", "lost"]

[[stages]]
id = "contacted"
next = ["offer", "lost"]

[[stages]]
id = "offer"
next = ["won", "lost"]

[[stages]]
id = "won"
status = "won"

[[stages]]
id = "lost"
status = "lost"

[tasks.visit]
title = "Visit the customer"
kind = "meeting"

# Only for walk-ins, which the tests never create.
[[rules]]
on = "lead.received"
when = { channel = "in_person" }
do = [{ task = "visit" }]
"#;

const ROLES: &[&str] = &["admin", "manager", "consultant", "specialist", "coordinator", "secretary"];
const RELATIONS: &[&str] = &["owner", "assignee", "other"];

pub async fn bare_app(engine: Engine) -> App {
    let app = spawn_app_with(engine, Options::default().env("PRONTO_PAGE_RATE_LIMIT", 0)).await;
    let r = app.send(app.req(Method::POST, "/api/v1/playbooks").header("content-type", "application/toml").body(BARE)).await;
    assert!(r.status == 201 || r.status == 200, "{}: {}", r.status, r.text);
    app
}

/// A lead of the bare playbook, owned by `owner`, with a document the customer sent from their
/// page; returns (lead id, document id).
pub async fn lead_with_document(app: &App, owner: i64) -> (i64, i64) {
    let lead = app
        .create_lead(&json!({ "channel": "api", "playbook": "bare", "contact": { "name": "Eva Nová", "email": "eva@example.com", "phone": "+420 777 123 456" } }))
        .await;
    let l = id(&lead);
    app.patch(&format!("/api/v1/leads/{l}"), &json!({ "owner": owner })).await.expect(200);
    let page = lead["tracking_url"].as_str().unwrap().to_owned();
    let part = reqwest::multipart::Part::bytes(b"%PDF-1.4\nPASSPORT 4242\n%%EOF".to_vec())
        .file_name("passport.pdf")
        .mime_str("application/pdf")
        .unwrap();
    let form = reqwest::multipart::Form::new().text("lang", "en").part("file", part);
    let r = app.client.post(app.url(&format!("{page}/upload"))).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 303, "the upload");
    let docs = app.get(&format!("/api/v1/leads/{l}/documents")).await.expect(200);
    (l, id(&docs["items"][0]))
}

/// A task on lead `l` for `assignee`, entered by hand (the lead card's form, as admin).
async fn task_for(app: &App, l: i64, assignee: i64, title: &str) -> i64 {
    let r = app
        .send(app.req(Method::POST, &format!("/leads/{l}/task")).form(&[
            ("title", title),
            ("due", "2031-05-06T14:30"),
            ("assignee", &assignee.to_string()),
        ]))
        .await;
    assert_eq!(r.status, 303, "{}", r.text);
    let tasks = app.get(&format!("/api/v1/tasks?lead={l}&status=open")).await.expect(200);
    id(tasks["items"].as_array().unwrap().iter().find(|t| t["title"] == title).unwrap())
}

fn as_(app: &App, token: &str, method: Method, path: &str) -> reqwest::RequestBuilder {
    app.client.request(method, app.url(path)).bearer_auth(token)
}

/// Whether an answer is the one the table asks for: a 2xx when allowed, a 403 problem naming
/// the role when not.
fn check(r: &Resp, allowed: bool, what: &str, role: &str) {
    if allowed {
        assert!((200..300).contains(&r.status), "{what}: {role} should be allowed: {} {}", r.status, r.text);
    } else {
        assert_eq!(r.status, 403, "{what}: {role} should be refused: {}", r.text);
        let p = r.json();
        assert!(p["detail"].as_str().unwrap().contains(&format!("the role `{role}` may not")), "{p}");
    }
}

async fn the_permission_table_holds_through_the_api(engine: Engine) {
    let app = bare_app(engine).await;
    let bystander = user(&app, "bystander", "consultant", "+420 601 000 009").await;
    let mut people: BTreeMap<&str, (i64, String)> = BTreeMap::new();
    people.insert("admin", (id(&app.me().await), app.token.clone()));
    for role in &ROLES[1..] {
        let (u, token) = app.user_with_token(&format!("the.{role}"), role).await;
        people.insert(role, (id(&u), token));
    }
    // A lead per role and relation, with a customer's document on it.
    let mut leads: BTreeMap<(&str, &str), (i64, i64)> = BTreeMap::new();
    for role in ROLES {
        let me = people[role].0;
        for relation in RELATIONS {
            let (l, doc) = lead_with_document(&app, if *relation == "owner" { me } else { bystander }).await;
            if *relation == "assignee" {
                task_for(&app, l, me, "Prepare the contract").await;
            }
            leads.insert((role, relation), (l, doc));
        }
    }

    let mut tried = BTreeSet::new();
    let mut n = 0;
    for (roles, action, relation, allowed) in TABLE {
        for role in roles.split_whitespace() {
            let (_, token) = &people[role];
            let relations: Vec<&str> = if *relation == "*" { RELATIONS.to_vec() } else { vec![*relation] };
            for rel in relations {
                let (l, doc) = leads[&(role, rel)];
                let what = format!("{action:?} {role} {rel}");
                let answers: Vec<Resp> = match action {
                    // Not about one record: tried once per role.
                    Action::CreateLead
                    | Action::ReadPlaybooks
                    | Action::ReadUsers
                    | Action::ReadAllNotifications
                    | Action::ManageUsers
                    | Action::ManagePlaybooks
                    | Action::ManageWebhooks
                    | Action::ManageMail
                    | Action::ReadAudit
                    | Action::ManageCatalogue
                    | Action::ManageComplaints
                    | Action::ReconcilePayments
                    | Action::ManagePurchases => {
                        if !tried.insert((role, format!("{action:?}"))) {
                            continue;
                        }
                        vec![general(&app, token, *action, role).await]
                    }
                    Action::ReadLeads => vec![
                        app.get_as(token, &format!("/api/v1/leads/{l}")).await,
                        app.get_as(token, &format!("/api/v1/leads/{l}/timeline")).await,
                        app.get_as(token, &format!("/api/v1/leads/{l}/emails")).await,
                    ],
                    Action::EditLead => vec![
                        app.send(
                            as_(&app, token, Method::PATCH, &format!("/api/v1/leads/{l}"))
                                .json(&json!({ "subject": format!("Edited by {role}") })),
                        )
                        .await,
                        // Within the intake: a stage move is an edit.
                        app.send(as_(&app, token, Method::PATCH, &format!("/api/v1/leads/{l}")).json(&json!({ "stage": "contacted" })))
                            .await,
                    ],
                    Action::LogActivity => {
                        vec![
                            app.post_as(token, &format!("/api/v1/leads/{l}/activities"), &json!({ "kind": "note", "body": "Called back" }))
                                .await,
                        ]
                    }
                    Action::WorkTasks => {
                        let t = task_for(&app, l, bystander, &format!("Stand in for {role}")).await;
                        vec![app.post_as(token, &format!("/api/v1/tasks/{t}/complete"), &json!({ "outcome": "done" })).await]
                    }
                    Action::WorkDeal => {
                        // Into the deal: from `contacted` (the intake) to `offer`.
                        app.patch(&format!("/api/v1/leads/{l}"), &json!({ "stage": "contacted" })).await;
                        vec![
                            app.send(as_(&app, token, Method::PATCH, &format!("/api/v1/leads/{l}")).json(&json!({ "stage": "offer" })))
                                .await,
                        ]
                    }
                    Action::SendEmail => vec![
                        app.post_as(token, &format!("/api/v1/leads/{l}/emails"), &json!({ "text": "Dobrý den, posílám nabídku." })).await,
                    ],
                    Action::ReadPersonalData => vec![
                        app.get_as(token, &format!("/api/v1/leads/{l}/documents")).await,
                        app.get_as(token, &format!("/api/v1/documents/{doc}")).await,
                    ],
                    Action::RevokeLink => {
                        vec![app.send(as_(&app, token, Method::POST, &format!("/api/v1/leads/{l}/tracking/revoke"))).await]
                    }
                    // The customer's requisites (issue 21).
                    Action::EditRequisites => vec![
                        app.send(as_(&app, token, Method::PUT, &format!("/api/v1/leads/{l}/requisites")).json(&json!({
                            "customer_type": "b2b", "company": format!("Firma {role}"), "company_id": "27082440",
                            "address": "Dlouhá 5, Praha", "contact_person": "Eva Malá" })))
                        .await,
                    ],
                    Action::ReadIdDocument => vec![app.get_as(token, &format!("/api/v1/leads/{l}/requisites/id_document")).await],
                    // A payment needs an invoice on the lead (an accepted offer, the requisites):
                    // its rows are tried in tests/api/payments.rs (owner, another consultant,
                    // the secretary, an admin).
                    Action::RecordPayment => continue,
                };
                for r in &answers {
                    check(r, *allowed, &format!("{what} ({})", r.what), role);
                    n += 1;
                }
            }
        }
    }
    assert!(n > 250, "{n} requests");

    // What a refusal leaves: nothing. The secretary's deal moves: neither `won` nor the status
    // `won`; closing as lost is hers (the intake).
    let (_, secretary) = &people["secretary"];
    let (l, _) = leads[&("secretary", "owner")];
    assert_eq!(app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["stage"], "contacted", "the refused move changed nothing");
    for body in [json!({ "stage": "won" }), json!({ "status": "won" })] {
        let r = app.send(as_(&app, secretary, Method::PATCH, &format!("/api/v1/leads/{l}")).json(&body)).await;
        check(&r, false, "secretary closing as won", "secretary");
    }
    app.send(as_(&app, secretary, Method::PATCH, &format!("/api/v1/leads/{l}")).json(&json!({ "stage": "lost" }))).await.expect(200);
    // A refused e-mail queued nothing; a lead that does not exist is a 404, not a 403.
    let (l, _) = leads[&("consultant", "other")];
    let emails = app.get(&format!("/api/v1/leads/{l}/emails")).await.expect(200);
    assert!(emails["items"].as_array().unwrap().is_empty(), "{emails}");
    let (_, consultant) = &people["consultant"];
    app.post_as(consultant, "/api/v1/leads/999999/emails", &json!({ "text": "x" })).await.problem(404);
    app.get_as(consultant, "/api/v1/documents/999999").await.problem(404);
}

/// One request for an action that is about no one record.
async fn general(app: &App, token: &str, action: Action, role: &str) -> Resp {
    match action {
        Action::CreateLead => {
            app.post_as(
                token,
                "/api/v1/leads",
                &json!({ "channel": "phone", "playbook": "bare", "contact": { "name": format!("Via {role}") } }),
            )
            .await
        }
        Action::ReadPlaybooks => app.get_as(token, "/api/v1/playbooks").await,
        Action::ReadUsers => app.get_as(token, "/api/v1/users").await,
        Action::ReadAllNotifications => app.get_as(token, "/api/v1/mail/ignored").await,
        Action::ManageUsers => {
            app.post_as(
                token,
                "/api/v1/users",
                &json!({ "name": format!("Made by {role}"), "login": format!("made.by.{role}"), "role": "consultant" }),
            )
            .await
        }
        Action::ManagePlaybooks => {
            app.send(as_(app, token, Method::POST, "/api/v1/playbooks").header("content-type", "application/toml").body(BARE)).await
        }
        Action::ManageWebhooks => app.get_as(token, "/api/v1/webhooks").await,
        Action::ManageMail => app.get_as(token, "/api/v1/mailboxes").await,
        Action::ReadAudit => app.get_as(token, "/api/v1/audit").await,
        Action::ManageCatalogue => {
            let body = json!({ "sku": format!("ACCESS-{role}"), "name": "Boiler", "unit": "pcs", "price": "100", "currency": "EUR", "vat_rate": "21" });
            app.post_as(token, "/api/v1/products", &body).await
        }
        Action::ManageComplaints => app.get_as(token, "/api/v1/complaints").await,
        Action::ReconcilePayments => app.get_as(token, "/api/v1/payments/unmatched").await,
        // The supplier's purchase (issue 21): management's list of supplier invoices to pay.
        Action::ManagePurchases => app.get_as(token, "/api/v1/purchases?status=invoice_received").await,
        other => panic!("{other:?} is about a record"),
    }
}

/// The lead card through the UI (a session): a consultant who neither owns the lead nor has a
/// task on it sees neither the e-mail form, the documents nor the revoke button, and a forged
/// post is refused with the error page saying why; the secretary is offered no deal stage.
async fn the_ui_keeps_the_same_rules(engine: Engine) {
    let app = bare_app(engine).await;
    let owner = user(&app, "owner", "consultant", "+420 601 000 001").await;
    user(&app, "colleague", "consultant", "+420 601 000 002").await;
    user(&app, "desk", "secretary", "+420 601 000 003").await;
    let (l, _) = lead_with_document(&app, owner).await;

    let colleague = sign_in(&app, "colleague").await;
    let card = ui(&app, Method::GET, &format!("/leads/{l}"), &colleague, None).await;
    assert_eq!(card.0, 200);
    assert!(!card.1.contains(&format!("action=\"/leads/{l}/email\"")), "no e-mail form");
    assert!(!card.1.contains(&format!("action=\"/leads/{l}/revoke-tracking\"")), "no revoke button");
    assert!(!card.1.contains("/api/v1/documents/") && card.1.contains("id=\"documents-restricted\""), "documents counted, not linked");
    for (action, form, why) in
        [("email", vec![("text", "Hello")], "someone with an open task on it"), ("revoke-tracking", vec![], "revokes the customer")]
    {
        let (status, html) = ui(&app, Method::POST, &format!("/leads/{l}/{action}"), &colleague, Some(&form)).await;
        assert_eq!(status, 403, "{action}");
        assert!(html.contains(why) && html.contains("id=\"denied-reason\""), "{action}: {html}");
    }
    let emails = app.get(&format!("/api/v1/leads/{l}/emails")).await.expect(200);
    assert!(emails["items"].as_array().unwrap().is_empty());

    let owner_session = sign_in(&app, "owner").await;
    let card = ui(&app, Method::GET, &format!("/leads/{l}"), &owner_session, None).await.1;
    assert!(card.contains(&format!("action=\"/leads/{l}/email\"")) && card.contains("/api/v1/documents/"), "the owner's card");

    let desk = sign_in(&app, "desk").await;
    let card = ui(&app, Method::GET, &format!("/leads/{l}"), &desk, None).await.1;
    assert!(card.contains("<option value=\"contacted\"") && !card.contains("<option value=\"offer\""), "intake stages only");
    let (status, html) = ui(&app, Method::POST, &format!("/leads/{l}/stage"), &desk, Some(&[("stage", "offer")])).await;
    assert_eq!(status, 403);
    assert!(html.contains("Moving an inquiry into the deal"), "{html}");
    assert_eq!(ui(&app, Method::POST, &format!("/leads/{l}/stage"), &desk, Some(&[("stage", "contacted")])).await.0, 303);
    assert_eq!(app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["stage"], "contacted");
    // The board offers her the intake's moves only.
    let agency = id(&app.create_lead(&json!({ "channel": "api", "contact": { "name": "Board Lead", "phone": "+420 777 123 999" } })).await);
    app.patch(&format!("/api/v1/leads/{agency}"), &json!({ "stage": "contacted" })).await.expect(200);
    let board = ui(&app, Method::GET, "/board", &desk, None).await.1;
    assert!(board.contains("name=\"stage\" value=\"lost\"") && !board.contains("name=\"stage\" value=\"qualified\""), "{board}");
    let board = ui(&app, Method::GET, "/board", &owner_session, None).await.1;
    assert!(board.contains("name=\"stage\" value=\"qualified\""), "{board}");
}

pub async fn sign_in(app: &App, login: &str) -> String {
    let r = app
        .client
        .post(app.url("/login"))
        .header("origin", app.base().trim_end_matches('/'))
        .form(&[("login", login), ("password", "a long enough password")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "sign-in of {login}");
    let set = r.headers()["set-cookie"].to_str().unwrap();
    set.strip_prefix("pronto_session=").unwrap().split(';').next().unwrap().to_owned()
}

pub async fn ui(app: &App, method: Method, path: &str, session: &str, form: Option<&[(&str, &str)]>) -> (u16, String) {
    let mut rb = app
        .client
        .request(method, app.url(path))
        .header("cookie", format!("pronto_session={session}"))
        .header("origin", app.base().trim_end_matches('/'))
        .header("accept-language", "en");
    if let Some(f) = form {
        rb = rb.form(f);
    }
    let r = rb.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}
