//! What happens next, over HTTP (issue 18, items 3, 6, 11 and 13): every action on the lead
//! card answers with a sentence at the top of the page it returns to; a scheduled retry is an
//! open task ("Call again — 09:07") on the card and under "Later" in My tasks; what the
//! customer sent stays on top until answered; stage changes follow the playbook (an admin may
//! override, recorded); due times in the past are refused; the card shows the phone given
//! with this inquiry.

use crate::agency::{TUESDAY_9, app_at, id, tasks, user};
use serde_json::json;
use testkit::both;
use testkit::{App, Engine};

both!(
    every_action_answers_with_what_happens_next,
    a_retry_is_an_open_task_on_the_card_and_later_in_my_tasks,
    what_the_customer_sent_stays_on_top_until_answered,
    stages_follow_the_playbook_unless_an_admin_overrides,
    a_due_time_in_the_past_is_refused,
    the_card_shows_the_phone_of_this_inquiry,
);

const PASSWORD: &str = "a long enough password";

struct Page {
    status: u16,
    location: Option<String>,
    html: String,
}

async fn send(app: &App, path: &str, cookie: &str, form: Option<&[(&str, &str)]>) -> Page {
    let method = if form.is_some() { reqwest::Method::POST } else { reqwest::Method::GET };
    let mut rb = app
        .client
        .request(method, app.url(path))
        .header("accept-language", "en")
        .header("cookie", format!("pronto_session={cookie}"))
        .header("origin", app.base().trim_end_matches('/'));
    if let Some(f) = form {
        rb = rb.form(f);
    }
    let r = rb.send().await.unwrap();
    let status = r.status().as_u16();
    let location = r.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
    Page { status, location, html: r.text().await.unwrap_or_default() }
}

async fn sign_in(app: &App, login: &str) -> String {
    let r = app
        .client
        .post(app.url("/login"))
        .header("origin", app.base().trim_end_matches('/'))
        .form(&[("login", login), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let set = r.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap().to_owned();
    set.strip_prefix("pronto_session=").unwrap().split(';').next().unwrap().to_owned()
}

/// Posts an action on the lead card and follows the redirect: (where it went, the page's flash).
async fn act(app: &App, c: &str, l: i64, action: &str, form: &[(&str, &str)]) -> (String, String) {
    let p = send(app, &format!("/leads/{l}/{action}"), c, Some(form)).await;
    assert_eq!(p.status, 303, "{action}: {}", p.html);
    let to = p.location.expect("a redirect");
    let page = send(app, &to, c, None).await;
    assert_eq!(page.status, 200);
    (to, flash(&page.html))
}

/// The text of the page's flash (empty when there is none).
fn flash(html: &str) -> String {
    html.split_once("class=\"flash\"")
        .and_then(|(_, rest)| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split_once("</p>"))
        .map(|(text, _)| text.to_owned())
        .unwrap_or_default()
}

async fn every_action_answers_with_what_happens_next(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let c = sign_in(&app, "jana").await;
    let l = id(&app
        .create_lead(&json!({ "channel": "web", "contact": { "name": "Lída", "phone": "777 444 555", "email": "lida@example.cz" } }))
        .await);
    // No answer: the next attempt, at its time in Prague (09:00 + 5 minutes).
    let (to, said) = act(&app, &c, l, "call", &[("direction", "out"), ("outcome", "no_answer")]).await;
    assert!(to.starts_with(&format!("/leads/{l}?done=call-no_answer&next=attempt&at=")), "{to}");
    assert_eq!(said, "No answer noted. Next attempt at 09:05.");
    // A note.
    let (_, said) = act(&app, &c, l, "note", &[("text", "Zkusím odpoledne")]).await;
    assert!(said.starts_with("Note saved. Next attempt at 09:05."), "{said}");
    // An e-mail: queued (no SMTP here), never "sent".
    let (_, said) = act(&app, &c, l, "email", &[("text", "Dobrý den, ozveme se.")]).await;
    assert!(said.starts_with("E-mail queued"), "{said}");
    let card = send(&app, &format!("/leads/{l}"), &c, None).await;
    assert!(card.html.contains("queued, not sent yet"), "the card says queued: {}", card.html);
    // A task by hand.
    let (_, said) = act(&app, &c, l, "task", &[("title", "Poslat reference"), ("due", "2031-05-06T14:30")]).await;
    assert!(said.starts_with("Task added."), "{said}");
    // Reached: the lead moves on; what follows is said.
    let (_, said) = act(&app, &c, l, "call", &[("direction", "out"), ("outcome", "reached")]).await;
    assert!(said.starts_with("Call noted: the customer was reached."), "{said}");
    // The stage.
    let (_, said) = act(&app, &c, l, "stage", &[("stage", "qualified")]).await;
    assert!(said.starts_with("Stage changed."), "{said}");
    // Handed to a colleague: by name, looked up by the page.
    let marek = user(&app, "marek", "consultant", "+420 777 000 003").await;
    let (to, said) = act(&app, &c, l, "assign", &[("owner", &marek.to_string())]).await;
    assert!(to.contains(&format!("next=handed&u={marek}")), "{to}");
    assert_eq!(said, "Owner changed. Handed to Marek.");
    // My tasks: completing and "call back at" answer on the page they came from.
    let m = sign_in(&app, "marek").await;
    let open = tasks(&app, l, "open").await;
    let task = open.iter().find(|t| t["title"] == "Poslat reference").expect("the task");
    let p = send(&app, &format!("/tasks/{}/callback", id(task)), &m, Some(&[("at", "2031-05-07T10:00")])).await;
    assert_eq!(p.status, 303);
    let page = send(&app, p.location.as_deref().unwrap(), &m, None).await;
    assert!(flash(&page.html).starts_with("Call-back time set."), "{}", flash(&page.html));
    let p = send(&app, &format!("/tasks/{}/complete", id(task)), &m, Some(&[("outcome", "done")])).await;
    let page = send(&app, p.location.as_deref().unwrap(), &m, None).await;
    assert!(flash(&page.html).starts_with("Task done."), "{}", flash(&page.html));
    // Nothing from the address reaches the page but known codes.
    let page = send(&app, &format!("/leads/{l}?done=%3Cscript%3Ealert(1)%3C/script%3E&next=handed&u=999999"), &c, None).await;
    assert_eq!(flash(&page.html), "");
    assert!(!page.html.contains("<script>alert(1)"));
    let page = send(&app, &format!("/leads/{l}?done=note&next=handed&u=999999"), &c, None).await;
    assert_eq!(flash(&page.html), "Note saved.", "an unknown user is no name");
}

async fn a_retry_is_an_open_task_on_the_card_and_later_in_my_tasks(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let c = sign_in(&app, "jana").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Lída", "phone": "777 444 555" } })).await);
    act(&app, &c, l, "call", &[("direction", "out"), ("outcome", "no_answer")]).await;
    let card = send(&app, &format!("/leads/{l}"), &c, None).await;
    let due = card.html.split_once("id=\"due-next\"").map(|(_, r)| r.split_once("</section>").unwrap().0.to_owned()).unwrap();
    assert!(due.contains("Call again — 09:05"), "the next step on the card's first screen: {due}");
    let mine = send(&app, "/tasks", &c, None).await;
    let later = mine.html.split_once("<h2>Later</h2>").map(|(_, r)| r.to_owned()).unwrap_or_default();
    assert!(later.contains("Call again — 09:05"), "under Later, not due now: {}", mine.html);
    assert!(!mine.html.contains("<h2>Due now</h2>"), "{}", mine.html);
}

async fn what_the_customer_sent_stays_on_top_until_answered(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let c = sign_in(&app, "jana").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Lída", "phone": "777 444 555" } })).await);
    let lead = app.get(&format!("/api/v1/leads/{l}")).await.expect(200);
    let page = lead["tracking_url"].as_str().expect("the customer's page").to_owned();
    let path = page.split_once("/t/").map(|(_, t)| format!("/t/{t}/message")).unwrap();
    let origin = app.base().trim_end_matches('/').to_owned();
    let r = app.client.post(app.url(&path)).header("origin", &origin).form(&[("text", "Můžete zavolat po 15. hodině?")]).send().await.unwrap();
    assert!(r.status().is_success() || r.status().is_redirection(), "{}", r.status());
    let top = |html: &str| html.split_once("id=\"customer-sent\"").map(|(_, r)| r.split_once("</section>").unwrap().0.to_owned());
    let card = send(&app, &format!("/leads/{l}"), &c, None).await;
    let sent = top(&card.html).expect("on top of the card");
    assert!(sent.contains("Můžete zavolat po 15. hodině?") && sent.contains("Message"), "{sent}");
    assert!(card.html.find("id=\"customer-sent\"") < card.html.find("id=\"call-bar\""), "above the call buttons");
    // Answered by a note of the team: gone.
    act(&app, &c, l, "note", &[("text", "Zavolám v 15:00")]).await;
    assert!(top(&send(&app, &format!("/leads/{l}"), &c, None).await.html).is_none());
    // A new message shows again; "mark answered" clears it without writing.
    let r = app.client.post(app.url(&path)).header("origin", &origin).form(&[("text", "Ještě jedna věc")]).send().await.unwrap();
    assert!(r.status().is_success() || r.status().is_redirection());
    assert!(top(&send(&app, &format!("/leads/{l}"), &c, None).await.html).is_some_and(|s| s.contains("Ještě jedna věc")));
    let (_, said) = act(&app, &c, l, "answered", &[]).await;
    assert!(said.starts_with("Marked as answered."), "{said}");
    assert!(top(&send(&app, &format!("/leads/{l}"), &c, None).await.html).is_none());
}

async fn stages_follow_the_playbook_unless_an_admin_overrides(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    user(&app, "boss", "admin", "+420 777 000 009").await;
    let c = sign_in(&app, "jana").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Lída", "phone": "777 444 555" } })).await);
    // The select offers what follows `received`, nothing more.
    let card = send(&app, &format!("/leads/{l}"), &c, None).await;
    let select = card.html.split_once("id=\"stage\"").map(|(_, r)| r.split_once("</select>").unwrap().0.to_owned()).unwrap();
    let offered: Vec<&str> = select.split("value=\"").skip(1).map(|v| v.split('"').next().unwrap()).collect();
    assert_eq!(offered, ["received", "contacted", "lost"], "{select}");
    // A jump is refused, on the page and in the API (RFC 9457, a client's mistake).
    let p = send(&app, &format!("/leads/{l}/stage"), &c, Some(&[("stage", "won")])).await;
    assert_eq!(p.status, 422);
    assert!(p.html.contains("This stage does not follow the current one. Move the inquiry to: First contact, Not now."), "{}", p.html);
    let (_, token) = app.user_with_token("petr", "consultant").await;
    let r = app.send(app.anon(reqwest::Method::PATCH, &format!("/api/v1/leads/{l}")).bearer_auth(&token).json(&json!({ "stage": "offer" }))).await;
    let problem = r.invalid(&["stage"]);
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("`offer` does not follow `received`"), "{problem}");
    assert_eq!(app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["stage"], "received");
    // What follows is allowed.
    assert_eq!(send(&app, &format!("/leads/{l}/stage"), &c, Some(&[("stage", "contacted")])).await.status, 303);
    // An admin sees every stage, the others marked, and may override: recorded.
    let b = sign_in(&app, "boss").await;
    let card = send(&app, &format!("/leads/{l}"), &b, None).await;
    assert!(card.html.contains("data-override=\"true\">Cooperation (admin override)"), "{}", card.html);
    assert_eq!(send(&app, &format!("/leads/{l}/stage"), &b, Some(&[("stage", "won")])).await.status, 303);
    assert_eq!(app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["stage"], "won");
    let audit = app.get("/api/v1/audit?kind=lead.stage_override").await.expect(200);
    let row = &audit["items"][0];
    assert_eq!(row["detail"]["override"], true, "{audit}");
    assert_eq!((row["detail"]["from"].as_str(), row["detail"]["to"].as_str()), (Some("contacted"), Some("won")));
}

async fn a_due_time_in_the_past_is_refused(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let c = sign_in(&app, "jana").await;
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Lída", "phone": "777 444 555" } })).await);
    let p = send(&app, &format!("/leads/{l}/task"), &c, Some(&[("title", "Staré"), ("due", "2020-01-10T09:00")])).await;
    assert_eq!(p.status, 422);
    assert!(p.html.contains("10. 1. 2020 09:00 is in the past (it is 09:00 now). Choose a later time."), "{}", p.html);
    assert!(tasks(&app, l, "open").await.iter().all(|t| t["title"] != "Staré"));
    let first = tasks(&app, l, "open").await.remove(0);
    let p = send(&app, &format!("/tasks/{}/callback", id(&first)), &c, Some(&[("at", "2031-05-06T08:00")])).await;
    assert_eq!(p.status, 422, "call back at a time already past");
    assert!(p.html.contains("is in the past"), "{}", p.html);
    // The same time in the future is fine.
    let p = send(&app, &format!("/leads/{l}/task"), &c, Some(&[("title", "Nové"), ("due", "2031-05-06T10:00")])).await;
    assert_eq!(p.status, 303);
}

async fn the_card_shows_the_phone_of_this_inquiry(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let c = sign_in(&app, "jana").await;
    let first =
        id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Petr", "phone": "777 111 222", "email": "petr@example.cz" } })).await);
    let second =
        id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Petr", "phone": "603 999 888", "email": "petr@example.cz" } })).await);
    let a = app.get(&format!("/api/v1/leads/{first}")).await.expect(200);
    let b = app.get(&format!("/api/v1/leads/{second}")).await.expect(200);
    assert_eq!(a["contact"]["id"], b["contact"]["id"], "one contact, two phones");
    let card = send(&app, &format!("/leads/{second}"), &c, None).await;
    assert!(card.html.contains("href=\"tel:+420603999888\""), "this inquiry's phone: {}", card.html);
    assert!(!card.html.contains("tel:+420777111222"), "not the contact's first");
    let card = send(&app, &format!("/leads/{first}"), &c, None).await;
    assert!(card.html.contains("href=\"tel:+420777111222\""));
}

/// Item 7 in real Chromium on a 360×740 phone: the card's first screen shows who, why, what is
/// due (the retry, with its countdown) and the call buttons; the page never scrolls sideways.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cards_first_screen_on_a_phone() {
    use crate::browser::Browser;
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let l = id(&app
        .create_lead(&json!({ "channel": "web", "subject": "Nový web pro pekárnu",
            "message": "Dobrý den,\npotřebujeme nový web s objednávkami chleba a rohlíků. Máme tři prodejny a rozvoz po Praze.\nDěkuji, Jana",
            "contact": { "name": "Jana Nováková", "phone": "777 123 456", "email": "jana@pekarna.cz", "company": "Pekárna Svoboda s.r.o." } }))
        .await);
    let c = sign_in(&app, "jana").await;
    act(&app, &c, l, "call", &[("direction", "out"), ("outcome", "no_answer")]).await;
    for lang in ["cs", "he", "en"] {
        let p = Browser::phone(lang).await;
        p.goto(&app.url("/login")).await;
        p.fill("#login", "jana").await;
        p.fill("#password", PASSWORD).await;
        p.click("button[type=submit]").await;
        p.wait_for("nav[aria-label=main]", 10).await;
        p.goto(&app.url(&format!("/leads/{l}"))).await;
        p.wait_for("#call-bar", 5).await;
        let bottom = |sel: &str| format!("return document.querySelector('{sel}').getBoundingClientRect().bottom + window.scrollY");
        for sel in ["#call-bar a.call", "#call-bar button[value=no_answer]", "#call-bar button[value=reached]", "#due-next time[data-due]", ".lead-head h1"] {
            let b = p.js(&bottom(sel)).await.as_f64().unwrap_or_else(|| panic!("{lang}: no {sel}"));
            assert!(b <= 740.0, "{lang}: {sel} ends at {b} px, below the first screen");
        }
        let href = p.js("return document.querySelector('#call-bar a.call').getAttribute('href')").await;
        assert_eq!(href, "tel:+420777123456");
        let h = p.js("return document.querySelector('#call-bar button[value=no_answer]').getBoundingClientRect().height").await.as_f64().unwrap();
        assert!(h >= 44.0, "{lang}: a thumb-sized button: {h}");
        // The card (everything in <main>; the header is the shell's) never reaches past 360 px.
        let width = p.js("return document.getElementById('main').scrollWidth").await.as_i64().unwrap();
        let wide = p
            .js("return Array.from(document.querySelectorAll('main *')).filter(e => { const r = e.getBoundingClientRect(); return r.right > 361 || r.left < -1; }).slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)).join(' | ')")
            .await;
        assert!(width <= 360 && wide == "", "{lang}: no sideways scrolling in the card: {width}: {wide}");
        // The long forms are folded on the phone.
        let open = p.js("return document.querySelectorAll('details.fold[open]').length").await.as_i64().unwrap();
        assert_eq!(open, 0, "{lang}: folded");
        p.screenshot(&format!("lead-first-screen-{lang}")).await;
        p.close().await;
    }
}
