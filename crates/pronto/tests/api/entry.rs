//! A new inquiry entered by hand (`/leads/new`) and the board's drag and drop, over HTTP: the
//! form creates the lead through the intake (the playbook starts; the answer says who holds it
//! and what is due), refuses bad fields next to them with what was typed kept, suggests the
//! contacts it may belong to (the same phone in any notation, e-mail in any case, company id)
//! as JSON and — without JS — as a confirmation step; "add to this contact" joins them. The
//! board: a dropped card is the same stage change as the buttons (refusals as JSON with the
//! reason), and "and N more" links to the list of that stage.

use crate::agency::{TUESDAY_9, app_at, id, user};
use serde_json::{Value, json};
use testkit::both;
use testkit::{App, Engine};

both!(
    a_walk_in_typed_by_hand_starts_the_process_and_says_what_is_next,
    bad_fields_are_explained_next_to_them_and_what_was_typed_stays,
    the_same_person_is_suggested_in_any_notation_and_confirmed_without_js,
    a_dropped_card_changes_the_stage_like_the_buttons_and_more_links_to_the_stage,
);

const PASSWORD: &str = "a long enough password";

struct Page {
    status: u16,
    html: String,
}

fn own(app: &App) -> String {
    app.base().trim_end_matches('/').to_owned()
}

async fn sign_in(app: &App, login: &str) -> String {
    let r = app.client.post(app.url("/login")).header("origin", own(app)).form(&[("login", login), ("password", PASSWORD)]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let set = r.headers()["set-cookie"].to_str().unwrap();
    set.strip_prefix("pronto_session=").unwrap().split(';').next().unwrap().to_owned()
}

async fn get(app: &App, path: &str, cookie: &str) -> Page {
    let r = app.client.get(app.url(path)).header("accept-language", "en").header("cookie", format!("pronto_session={cookie}")).send().await.unwrap();
    Page { status: r.status().as_u16(), html: r.text().await.unwrap() }
}

async fn post(app: &App, path: &str, cookie: &str, form: &[(&str, &str)]) -> Page {
    let r = app
        .client
        .post(app.url(path))
        .header("accept-language", "en")
        .header("origin", own(app))
        .header("cookie", format!("pronto_session={cookie}"))
        .form(form)
        .send()
        .await
        .unwrap();
    Page { status: r.status().as_u16(), html: r.text().await.unwrap() }
}

async fn similar(app: &App, cookie: &str, query: &[(&str, &str)]) -> Value {
    let enc = |v: &str| v.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect::<String>();
    let q: Vec<String> = query.iter().map(|(k, v)| format!("{k}={}", enc(v))).collect();
    let r = app
        .client
        .get(app.url(&format!("/leads/new/similar?{}", q.join("&"))))
        .header("accept-language", "en")
        .header("cookie", format!("pronto_session={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn lead_count(app: &App) -> usize {
    app.all_leads("").await.len()
}

/// The HTML's plain text of an attribute value (askama escapes).
fn plain(html: &str) -> String {
    html.replace("&#38;", "&").replace("&amp;", "&").replace("&#43;", "+").replace("&#34;", "\"")
}

async fn a_walk_in_typed_by_hand_starts_the_process_and_says_what_is_next(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    let jana = user(&app, "jana", "consultant", "+420 777 000 001").await;
    let c = sign_in(&app, "jana").await;
    let form = get(&app, "/leads/new", &c).await;
    assert_eq!(form.status, 200);
    for word in ["Phone call", "Walk-in", "E-mail", "Other", "Company ID"] {
        assert!(form.html.contains(word), "{word}: {}", form.html);
    }
    let done = post(
        &app,
        "/leads/new",
        &c,
        &[("channel", "in_person"), ("name", "Karel Dvořák"), ("phone", "603 111 222"), ("subject", "Wants a new web shop"), ("message", "Came by at nine.")],
    )
    .await;
    assert_eq!(done.status, 200, "{}", done.html);
    let leads = app.all_leads("").await;
    assert_eq!(leads.len(), 1);
    let lead = &leads[0];
    assert_eq!((lead["channel"].as_str(), lead["contact"]["phone"].as_str()), (Some("in_person"), Some("+420603111222")), "{lead}");
    // The agency's rule: a walk-in entered by a consultant is theirs; the answer says so and
    // names the first task with its local time.
    assert_eq!(lead["owner"]["id"].as_i64(), Some(jana), "{lead}");
    let tasks = app.get(&format!("/api/v1/tasks?lead={}&status=open", id(lead))).await.expect(200)["items"].as_array().unwrap().clone();
    let first = tasks.iter().min_by_key(|t| t["due_at"].as_str().unwrap().to_owned()).expect("the playbook made a task");
    let due: jiff::Timestamp = first["due_at"].as_str().unwrap().parse().unwrap();
    let local = due.to_zoned(jiff::tz::TimeZone::get("Europe/Prague").unwrap()).strftime("%H:%M").to_string();
    let html = plain(&done.html);
    assert!(html.contains("Created — assigned to Jana,") && html.contains(first["title"].as_str().unwrap()) && html.contains(&local), "{html}");
    assert!(html.contains(&format!("href=\"/leads/{}\"", id(lead))), "then the lead card: {html}");
}

async fn bad_fields_are_explained_next_to_them_and_what_was_typed_stays(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let c = sign_in(&app, "jana").await;
    let p = post(
        &app,
        "/leads/new",
        &c,
        &[("name", "Karel <b>Dvořák</b>"), ("phone", "777 12x"), ("email", "karel@"), ("company_id", "12345678"), ("subject", "Web")],
    )
    .await;
    assert_eq!(p.status, 422, "{}", p.html);
    let html = plain(&p.html);
    for (field, message) in [
        ("channel", "Choose how the inquiry came in."),
        ("phone", "This is not a phone number"),
        ("email", "This is not an e-mail address"),
        ("company_id", "This is not a valid company ID"),
    ] {
        let at = html.find(&format!("id=\"err-{field}\"")).unwrap_or_else(|| panic!("no message for {field}: {html}"));
        assert!(html[at..].split("</p>").next().unwrap().contains(message), "{field}: {html}");
    }
    // What was typed is still there (escaped), and nothing was created.
    assert!(html.contains("value=\"777 12x\"") && html.contains("value=\"karel@\"") && html.contains("value=\"12345678\""), "{html}");
    assert!(p.html.contains("Karel &#60;b&#62;Dvořák&#60;/b&#62;") && !p.html.contains("<b>Dvořák"), "escaped: {}", p.html);
    assert!(html.contains("aria-invalid=\"true\" aria-describedby=\"err-phone\""), "{html}");
    // Nobody at all.
    let p = post(&app, "/leads/new", &c, &[("channel", "phone"), ("subject", "Who?")]).await;
    assert_eq!(p.status, 422);
    assert!(p.html.contains("Give a name, a phone number or an e-mail."), "{}", p.html);
    assert_eq!(lead_count(&app).await, 0);
}

async fn the_same_person_is_suggested_in_any_notation_and_confirmed_without_js(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let c = sign_in(&app, "jana").await;
    let first = app
        .create_lead(&json!({ "channel": "web", "subject": "Nový web", "contact": { "name": "Jana Nováková", "phone": "+420 777 123 456",
                               "email": "Jana@Example.CZ", "company": "Pekárna Svoboda", "company_id": "25596641" } }))
        .await;
    let (lead, contact) = (id(&first), first["contact"]["id"].as_i64().unwrap());
    // The same phone in three notations, the e-mail in another case, the company id spaced.
    for q in [
        vec![("phone", "777123456")],
        vec![("phone", "+420 777 123 456")],
        vec![("phone", "00420 777-123-456")],
        vec![("email", "JANA@example.cz")],
        vec![("company_id", "255 96 641")],
    ] {
        let a = similar(&app, &c, &q).await;
        let s = &a["suggestions"];
        assert_eq!(s.as_array().map(Vec::len), Some(1), "{q:?}: {a}");
        assert_eq!((s[0]["contact_id"].as_i64(), s[0]["name"].as_str()), (Some(contact), Some("Jana Nováková")), "{a}");
        assert_eq!(s[0]["open"][0]["url"], format!("/leads/{lead}"), "open this inquiry: {a}");
        let why = s[0]["why"][0].as_str().unwrap();
        assert_eq!(why, q[0].0, "{a}");
    }
    // Someone else, or half typed: nothing.
    for q in [vec![("phone", "777 123 457")], vec![("phone", "777 12")], vec![("email", "jana@example.com")]] {
        assert_eq!(similar(&app, &c, &q).await["suggestions"].as_array().map(Vec::len), Some(0), "{q:?}");
    }
    // Without JS: the first submit shows them as a confirmation step and creates nothing …
    let typed = [("channel", "phone"), ("name", "J. Nováková"), ("phone", "00420777123456"), ("subject", "Calling about the offer")];
    let p = post(&app, "/leads/new", &c, &typed).await;
    assert_eq!(p.status, 200);
    assert!(p.html.contains("Already known?") && p.html.contains("Jana Nováková") && p.html.contains(&format!("href=\"/leads/{lead}\"")), "{}", p.html);
    assert!(p.html.contains(&format!("name=\"contact\" value=\"{contact}\"")) && p.html.contains("name=\"confirm\" value=\"new\""), "{}", p.html);
    assert!(plain(&p.html).contains("value=\"00420777123456\""), "what was typed stays");
    assert_eq!(lead_count(&app).await, 1);
    // … "add to this contact" creates it for them.
    let cid = contact.to_string();
    let mut add = typed.to_vec();
    add.push(("contact", &cid));
    let p = post(&app, "/leads/new", &c, &add).await;
    assert_eq!(p.status, 200, "{}", p.html);
    assert!(p.html.contains("Added to Jana Nováková."), "{}", p.html);
    let leads = app.all_leads("").await;
    assert_eq!(leads.len(), 2);
    assert!(leads.iter().all(|l| l["contact"]["id"].as_i64() == Some(contact)), "{leads:?}");
    // Only the company in common: a new contact of that company, once confirmed.
    let other = [("channel", "email"), ("name", "Petr Svoboda"), ("email", "petr@svoboda.cz"), ("company_id", "25596641")];
    let p = post(&app, "/leads/new", &c, &other).await;
    assert!(p.html.contains("same company ID"), "{}", p.html);
    let mut confirmed = other.to_vec();
    confirmed.push(("confirm", "new"));
    let p = post(&app, "/leads/new", &c, &confirmed).await;
    assert_eq!(p.status, 200, "{}", p.html);
    let leads = app.all_leads("").await;
    assert_eq!(leads.len(), 3);
    let petr = leads.iter().find(|l| l["contact"]["name"] == "Petr Svoboda").unwrap();
    assert_ne!(petr["contact"]["id"].as_i64(), Some(contact));
    // Not for strangers.
    let r = app.client.get(app.url("/leads/new/similar?phone=777123456")).send().await.unwrap();
    assert_eq!(r.status(), 303, "to the sign-in page");
}

async fn a_dropped_card_changes_the_stage_like_the_buttons_and_more_links_to_the_stage(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    user(&app, "sec", "secretary", "+420 777 000 002").await;
    let c = sign_in(&app, "jana").await;
    let mut ids = vec![];
    for i in 0..33 {
        ids.push(id(&app.create_lead(&json!({ "channel": "web", "subject": format!("Web {i}"), "contact": { "name": format!("Client {i}"), "email": format!("c{i}@example.cz") } })).await));
    }
    // A lead whose web form carried a value (there are no offers with amounts yet): the card
    // shows it; the others have none and show none.
    let r = app
        .client
        .post(app.url("/forms/default"))
        .header("accept", "application/json")
        .json(&json!({ "name": "Valérie Hodnotná", "email": "valerie@example.cz", "message": "Rozpočet", "value": "12 500 Kč" }))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let board = get(&app, "/board", &c).await;
    assert_eq!(board.status, 200);
    // 34 received, 30 shown: "and 4 more" is the inbox of that stage.
    let html = plain(&board.html);
    assert!(html.contains("<a href=\"/inbox?stage=received\">and 4 more</a>"), "{html}");
    assert!(html.contains("<p class=\"value\" dir=\"auto\">12 500 Kč</p>"), "{html}");
    assert_eq!(html.matches("class=\"value\"").count(), 1, "only the lead with a value");
    let inbox = get(&app, "/inbox?stage=received", &c).await;
    assert_eq!(inbox.status, 200);
    assert!(inbox.html.contains("Client 0") && inbox.html.contains("Client 32"), "every lead of the stage is in the list");
    assert!(html.contains(&format!("data-lead=\"{}\" data-stage=\"received\" draggable=\"true\"", ids[32])), "{html}");
    // A drop: the same stage change as the buttons.
    let moved = post(&app, "/board/move", &c, &[("lead", &ids[0].to_string()), ("stage", "contacted")]).await;
    assert_eq!(moved.status, 200, "{}", moved.html);
    let a: Value = serde_json::from_str(&moved.html).unwrap();
    assert_eq!((a["ok"].as_bool(), a["message"].as_str()), (Some(true), Some("Moved to First contact.")), "{a}");
    assert_eq!(app.get(&format!("/api/v1/leads/{}", ids[0])).await.expect(200)["stage"], "contacted");
    // A stage the playbook does not have: refused with the reason, nothing changes.
    let bad = post(&app, "/board/move", &c, &[("lead", &ids[1].to_string()), ("stage", "nowhere")]).await;
    let a: Value = serde_json::from_str(&bad.html).unwrap();
    assert!(bad.status >= 400 && a["ok"] == false && a["message"].as_str().is_some_and(|m| m.starts_with("Not moved")), "{} {a}", bad.status);
    assert_eq!(app.get(&format!("/api/v1/leads/{}", ids[1])).await.expect(200)["stage"], "received");
    // The deal is not the secretary's: refused with the role's reason.
    let s = sign_in(&app, "sec").await;
    let deal = post(&app, "/board/move", &s, &[("lead", &ids[0].to_string()), ("stage", "qualified")]).await;
    assert_eq!(deal.status, 403, "{}", deal.html);
    let a: Value = serde_json::from_str(&deal.html).unwrap();
    assert_eq!(a["ok"], false);
    assert!(!a["message"].as_str().unwrap().is_empty());
    assert_eq!(app.get(&format!("/api/v1/leads/{}", ids[0])).await.expect(200)["stage"], "contacted");
}
