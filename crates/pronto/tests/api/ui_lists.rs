//! The lists (issue 18, items 8, 10, 13) over HTTP: the inbox, every lead and the contacts
//! page past 100 rows with counts, sorted by any column with the filters kept in the address;
//! bulk actions that ask first and say what was refused; "late now" with who holds each; the
//! contacts page without a select per row and its companies in the page, not in `<title>`;
//! merging contacts compared side by side, confirmed and undone.

use crate::agency::{TUESDAY_9, advance, app_at, id, user};
use serde_json::json;
use testkit::both;
use testkit::{App, Engine};

both!(
    lists_page_count_sort_and_keep_their_filters,
    bulk_actions_ask_first_and_report_what_was_refused,
    contacts_merge_side_by_side_confirmed_and_undone,
    late_now_shows_what_is_late_and_who_holds_it,
);

const PASSWORD: &str = "a long enough password";

struct Page {
    status: u16,
    location: Option<String>,
    html: String,
}

async fn send(app: &App, method: reqwest::Method, path: &str, cookie: &str, form: Option<&[(&str, &str)]>) -> Page {
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

async fn get(app: &App, path: &str, cookie: &str) -> Page {
    send(app, reqwest::Method::GET, path, cookie, None).await
}

async fn post(app: &App, path: &str, cookie: &str, form: &[(&str, &str)]) -> Page {
    send(app, reqwest::Method::POST, path, cookie, Some(form)).await
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
    let set = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    set.strip_prefix("pronto_session=").unwrap().split(';').next().unwrap().to_owned()
}

/// The text between `from` and the next `to` after it.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("no {from} in {html}")) + from.len();
    let end = html[start..].find(to).map_or(html.len(), |e| start + e);
    &html[start..end]
}

async fn lists_page_count_sort_and_keep_their_filters(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let c = sign_in(&app, "jana").await;
    let mut ids = Vec::new();
    for i in 0..104 {
        let channel = if i % 2 == 0 { "web" } else { "phone" };
        let l = app.create_lead(&json!({ "channel": channel, "subject": format!("Poptávka {i}"), "contact": { "name": format!("Zákazník {i:03}"), "phone": format!("777 5{:02} {i:03}", i % 100) } })).await;
        ids.push(id(&l));
    }
    // One closed: not in the inbox, in every lead's list.
    app.patch(&format!("/api/v1/leads/{}", ids[0]), &json!({ "status": "lost" })).await.expect(200);

    let inbox = get(&app, "/inbox", &c).await;
    assert_eq!(inbox.status, 200);
    assert!(inbox.html.contains("1–100 of 103"), "{}", between(&inbox.html, "lists-range", "</p>"));
    assert_eq!(inbox.html.matches("name=\"lead\" value=").count(), 100, "a page of 100 rows, each with its checkbox");
    assert!(inbox.html.contains("href=\"/inbox?page=2\""), "the next page");
    let two = get(&app, "/inbox?page=2", &c).await;
    assert!(two.html.contains("101–103 of 103") && two.html.contains("rel=\"prev\" href=\"/inbox\""), "{}", two.html);
    assert_eq!(two.html.matches("name=\"lead\" value=").count(), 3);
    let all = get(&app, "/leads", &c).await;
    assert_eq!(all.status, 200);
    assert!(all.html.contains("1–100 of 104"), "closed ones too");
    let lost = get(&app, "/leads?status=lost", &c).await;
    assert!(lost.html.contains("1–1 of 1") && lost.html.contains(&format!("value=\"{}\"", ids[0])), "{}", lost.html);

    // Sorted by contact, descending: the last name first; the filter stays in every header's
    // address and in the pages'; the filter form keeps the order.
    let p = get(&app, "/inbox?channel=web&sort=contact&dir=desc", &c).await;
    assert!(p.html.contains("1–51 of 51"), "the web ones: {}", between(&p.html, "lists-range", "</p>"));
    let first = p.html.find("Zákazník 102").expect("the last web contact");
    assert!(first < p.html.find("Zákazník 100").unwrap() && first < p.html.find("Zákazník 002").unwrap(), "descending");
    assert!(p.html.contains("aria-sort=\"descending\""));
    assert!(p.html.contains("href=\"/inbox?channel=web&#38;sort=contact&#38;dir=asc\""), "the same header turns the order, filter kept");
    assert!(p.html.contains("href=\"/inbox?channel=web&#38;sort=owner&#38;dir=asc\""), "another column, filter kept");
    assert!(
        p.html.contains("name=\"sort\" value=\"contact\"") && p.html.contains("name=\"dir\" value=\"desc\""),
        "filtering keeps the order"
    );
    let p = get(&app, "/leads?sort=contact", &c).await;
    assert!(
        p.html.contains("href=\"/leads?sort=contact&#38;dir=asc&#38;page=2\""),
        "paging keeps the order: {}",
        between(&p.html, "lists-pager", "</nav>")
    );
    assert!(p.html.find("Zákazník 000").unwrap() < p.html.find("Zákazník 001").unwrap());
    let p2 = get(&app, "/leads?sort=contact&dir=asc&page=2", &c).await;
    assert!(p2.html.contains("101–104 of 104") && p2.html.contains("Zákazník 103") && !p2.html.contains("Zákazník 000<"));
    // Whatever the address says, a page: bad values are the defaults.
    for bad in [
        "/inbox?page=abc&sort=password&dir=up",
        "/inbox?page=-1&channel=fax&stage=Nope!",
        "/leads?status=maybe&page=999999",
        "/contacts?sort=1;drop&page=0",
        "/inbox?age=forever&owner=everyone",
    ] {
        let p = get(&app, bad, &c).await;
        assert_eq!(p.status, 200, "{bad}");
    }
    let deep = get(&app, "/leads?page=999999", &c).await;
    assert!(deep.html.contains("101–104 of 104"), "past the end: the last page");
    // Without a script: "select all on this page" ticks every row.
    let ticked = get(&app, "/inbox?channel=phone&all=1", &c).await;
    assert_eq!(ticked.html.matches("checked aria-label").count(), 52, "{}", ticked.html.len());
}

async fn bulk_actions_ask_first_and_report_what_was_refused(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let marek = user(&app, "marek", "consultant", "+420 777 000 002").await;
    user(&app, "sona", "secretary", "+420 777 000 003").await;
    let mut ids = Vec::new();
    for i in 0..3 {
        ids.push(id(&app
            .create_lead(&json!({ "channel": "web", "contact": { "name": format!("Klient {i}"), "phone": format!("777 600 00{i}") } }))
            .await));
    }
    let sona = sign_in(&app, "sona").await;
    let (a, b, cc) = (ids[0].to_string(), ids[1].to_string(), ids[2].to_string());
    let m = marek.to_string();
    // First the question, nothing changed yet.
    let ask = post(
        &app,
        "/leads/bulk",
        &sona,
        &[("lead", &a), ("lead", &b), ("lead", "987654"), ("action", "assign"), ("owner", &m), ("back", "/inbox?channel=web")],
    )
    .await;
    assert_eq!(ask.status, 200);
    assert!(ask.html.contains("Assign 3 inquiries to Marek?"), "{}", between(&ask.html, "<h1", "</h1>"));
    assert!(ask.html.contains("name=\"confirm\" value=\"yes\"") && ask.html.contains("href=\"/inbox?channel=web\""), "confirm or go back");
    // Confirmed: each lead through the use case; the one that does not exist is reported.
    let done = post(
        &app,
        "/leads/bulk",
        &sona,
        &[
            ("lead", &a),
            ("lead", &b),
            ("lead", "987654"),
            ("action", "assign"),
            ("owner", &m),
            ("back", "/inbox?channel=web"),
            ("confirm", "yes"),
        ],
    )
    .await;
    assert_eq!(done.status, 200);
    assert!(done.html.contains("2 assigned, 1 refused"), "{}", between(&done.html, "<h1", "</h1>"));
    assert!(between(&done.html, "id=\"bulk-refused\"", "</ul>").contains("#987654"), "the refused one is named");
    for l in [&ids[0], &ids[1]] {
        assert_eq!(app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["owner"]["id"], marek);
    }
    // Closing as won is the deal: a secretary is refused, lead by lead, and told why.
    let ask = post(&app, "/leads/bulk", &sona, &[("lead", &a), ("lead", &cc), ("action", "close"), ("status", "won")]).await;
    assert!(ask.html.contains("Close 2 inquiries as “Won”?"), "{}", between(&ask.html, "<h1", "</h1>"));
    let refused =
        post(&app, "/leads/bulk", &sona, &[("lead", &a), ("lead", &cc), ("action", "close"), ("status", "won"), ("confirm", "yes")]).await;
    assert_eq!(refused.status, 403);
    assert!(refused.html.contains("0 closed, 2 refused"), "{}", between(&refused.html, "<h1", "</h1>"));
    let why = between(&refused.html, "id=\"bulk-refused\"", "</ul>");
    assert!(why.contains("Klient 0") && why.contains("Klient 2") && why.contains("deal"), "{why}");
    for l in [&ids[0], &ids[2]] {
        assert_eq!(app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["status"], "open", "nothing closed");
    }
    // A consultant may close them as lost.
    let jana = sign_in(&app, "jana").await;
    let ok =
        post(&app, "/leads/bulk", &jana, &[("lead", &a), ("lead", &cc), ("action", "close"), ("status", "lost"), ("confirm", "yes")]).await;
    assert!(ok.html.contains("2 closed") && !ok.html.contains("refused"), "{}", between(&ok.html, "<h1", "</h1>"));
    assert_eq!(app.get(&format!("/api/v1/leads/{}", ids[2])).await.expect(200)["status"], "lost");
    // Nothing ticked, or an unknown action: a page that says so, never a 500.
    let none = post(&app, "/leads/bulk", &jana, &[("action", "assign"), ("owner", &m)]).await;
    assert_eq!(none.status, 422);
    assert!(none.html.contains("Tick at least one inquiry first."));
    assert_eq!(post(&app, "/leads/bulk", &jana, &[("lead", &a), ("action", "explode")]).await.status, 422);
}

async fn contacts_merge_side_by_side_confirmed_and_undone(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let c = sign_in(&app, "jana").await;
    let a = app.create_lead(&json!({ "channel": "web", "subject": "Web", "contact": { "name": "Petr Malý", "phone": "777 100 200", "company": "Malý s.r.o." } })).await;
    let b = app
        .create_lead(&json!({ "channel": "email", "subject": "Kampaň", "contact": { "name": "P. Malý", "email": "petr@maly.cz" } }))
        .await;
    let (ca, cb) = (a["contact"]["id"].as_i64().unwrap(), b["contact"]["id"].as_i64().unwrap());
    for i in 0..5 {
        app.create_lead(&json!({ "channel": "web", "contact": { "name": format!("Jiný {i}"), "phone": format!("777 700 00{i}") } })).await;
    }
    // The list: no select per row, the companies in the page (not in <title>), a count.
    let list = get(&app, "/contacts", &c).await;
    assert_eq!(list.status, 200);
    let main = between(&list.html, "<main", "</main>");
    assert!(!main.contains("<select") && !main.contains("<option"), "no merge select per row");
    let title = between(&list.html, "<title>", "</title>");
    assert!(!title.contains('<') && title.contains("Contacts"), "the title is text only: {title}");
    let main = between(&list.html, "<main", "</main>");
    assert!(main.contains("id=\"companies-table\"") && main.contains("Malý s.r.o."), "the companies table is in <main>");
    assert!(list.html.contains("1–7 of 7"), "{}", between(&list.html, "lists-range", "</p>"));
    assert!(list.html.contains(&format!("href=\"/contacts/{ca}/merge\"")));
    // Merge…: find the other one by search, then both side by side.
    let find = get(&app, &format!("/contacts/{ca}/merge?q=maly"), &c).await;
    assert!(
        find.html.contains(&format!("id=\"candidate-{cb}\"")) && !find.html.contains(&format!("id=\"candidate-{ca}\"")),
        "{}",
        find.html
    );
    let compare = get(&app, &format!("/contacts/{ca}/merge?with={cb}"), &c).await;
    let (left, right) = (
        between(&compare.html, &format!("id=\"side-{ca}\""), "</fieldset>"),
        between(&compare.html, &format!("id=\"side-{cb}\""), "</fieldset>"),
    );
    assert!(left.contains("Petr Malý") && left.contains("+420777100200") && left.contains("Malý s.r.o."), "{left}");
    assert!(right.contains("P. Malý") && right.contains("petr@maly.cz"), "{right}");
    assert!(left.contains(&format!("value=\"{ca}\" checked")), "the older one stays unless chosen otherwise");
    // Confirmed: merged, and the answer offers the undo.
    let (sa, sb) = (ca.to_string(), cb.to_string());
    let p = post(&app, "/contacts/merge", &c, &[("a", &sa), ("b", &sb), ("keep", &sa)]).await;
    assert_eq!(p.status, 303);
    let done_at = p.location.unwrap();
    assert!(done_at.starts_with("/contacts/merges/"), "{done_at}");
    let done = get(&app, &done_at, &c).await;
    assert!(
        done.html.contains("P. Malý merged into Petr Malý") && done.html.contains("one inquiry moved"),
        "{}",
        between(&done.html, "<main", "</main>")
    );
    assert!(done.html.contains(&format!("action=\"{done_at}/undo\"")), "an undo button");
    assert_eq!(app.get(&format!("/api/v1/contacts/{ca}")).await.expect(200)["leads"].as_array().unwrap().len(), 2);
    let list = get(&app, "/contacts", &c).await;
    assert!(!list.html.contains(&format!("id=\"contact-{cb}\"")) && list.html.contains("1–6 of 6"));
    // Undone: both as they were.
    let p = post(&app, &format!("{done_at}/undo"), &c, &[]).await;
    assert_eq!((p.status, p.location.as_deref()), (303, Some(done_at.as_str())));
    let undone = get(&app, &done_at, &c).await;
    assert!(undone.html.contains("Merge undone") && !undone.html.contains("/undo\""), "{}", between(&undone.html, "<main", "</main>"));
    let ka = app.get(&format!("/api/v1/contacts/{ca}")).await.expect(200);
    let kb = app.get(&format!("/api/v1/contacts/{cb}")).await.expect(200);
    assert_eq!((ka["leads"].as_array().unwrap().len(), kb["leads"].as_array().unwrap().len()), (1, 1));
    assert_eq!((ka["email"].clone(), kb["email"].clone()), (json!(null), json!("petr@maly.cz")), "{ka} {kb}");
    // Twice: refused with a page, never a 500.
    assert_eq!(post(&app, &format!("{done_at}/undo"), &c, &[]).await.status, 409);
    assert_eq!(get(&app, "/contacts/merges/987654", &c).await.status, 404);
}

async fn late_now_shows_what_is_late_and_who_holds_it(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    user(&app, "petr", "consultant", "+420 777 000 002").await;
    user(&app, "boss", "manager", "+420 777 000 009").await;
    let a = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Alena Dvořáková", "phone": "777 800 001" } })).await;
    let b = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Bohumil Černý", "phone": "777 800 002" } })).await;
    let owner = |l: &serde_json::Value| l["owner"]["name"].as_str().unwrap_or_default().to_owned();
    let (a, b) =
        (app.get(&format!("/api/v1/leads/{}", id(&a))).await.expect(200), app.get(&format!("/api/v1/leads/{}", id(&b))).await.expect(200));
    assert_ne!(owner(&a), owner(&b), "one each");
    let boss = sign_in(&app, "boss").await;
    // Just arrived: the first-response SLAs are at risk (10 working minutes, warned at 5).
    let now = get(&app, "/late", &boss).await;
    assert_eq!(now.status, 200);
    let table = between(&now.html, "id=\"late\"", "</table>");
    assert!(table.contains("At risk") && table.contains("Alena Dvořáková") && table.contains("Bohumil Černý"), "{table}");
    // Past the deadline: breached, with who holds each, the latest first.
    advance(&app, 11 * 60).await;
    let now = get(&app, "/late", &boss).await;
    let table = between(&now.html, "id=\"late\"", "</table>");
    assert!(table.contains("Breached") && table.contains("late"), "{table}");
    let holder = owner(&app.get(&format!("/api/v1/leads/{}", id(&a))).await.expect(200));
    let row_a = between(table, &format!("class=\"lists-late-breached\" data-lead=\"{}\"", id(&a)), "</tr>");
    assert!(!holder.is_empty() && row_a.contains(&holder), "who holds it ({holder}): {row_a}");
    // A consultant sees their own (and nobody's), not a colleague's.
    let mine = get(&app, "/late", &sign_in(&app, "jana").await).await;
    let table = between(&mine.html, "<main", "</main>");
    assert!(!table.contains("<td>Petr</td>") && !table.contains("<td>Boss</td>"), "only her own and nobody's: {table}");
    // Answered: no longer breached.
    app.post(&format!("/api/v1/leads/{}/activities", id(&a)), &json!({ "kind": "call", "direction": "out", "outcome": "reached" }))
        .await
        .expect(201);
    let now = get(&app, "/late", &boss).await;
    assert!(
        !now.html.contains(&format!("class=\"lists-late-breached\" data-lead=\"{}\"", id(&a))),
        "{}",
        between(&now.html, "<main", "</main>")
    );
    assert!(now.html.contains(&format!("class=\"lists-late-breached\" data-lead=\"{}\"", id(&b))));
}

/// In Chromium: the header checkbox ticks the page, the bulk action asks and answers; the
/// lists, the comparison and "late now" on a desktop and on a 360 px phone without sideways
/// scrolling (screenshots in docs/screenshots/lists-*.png).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lists_in_the_browser() {
    use crate::browser::Browser;
    let app = app_at(Engine::Sqlite, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    user(&app, "marek", "manager", "+420 777 000 002").await;
    let mut contacts = Vec::new();
    for i in 0..12 {
        let l = app.create_lead(&json!({ "channel": if i % 3 == 0 { "email" } else { "web" }, "subject": format!("Střešní okna {i}"),
            "contact": { "name": format!("Zákazník Dlouhé-Jméno {i:02}"), "phone": format!("777 900 0{i:02}"), "email": format!("zakaznik{i}@example.cz"),
                         "company": if i % 4 == 0 { "Pekárna Svoboda s.r.o." } else { "" } } })).await;
        contacts.push(l["contact"]["id"].as_i64().unwrap());
    }
    advance(&app, 11 * 60).await;
    for (lang, phone) in [("en", false), ("en", true), ("he", true)] {
        let b = if phone { Browser::phone(lang).await } else { Browser::start(lang).await };
        b.goto(&app.url("/login")).await;
        b.fill("#login", "marek").await;
        b.fill("#password", PASSWORD).await;
        b.click("button[type=submit]").await;
        b.wait_for("nav[aria-label=main]", 10).await;
        let suffix = format!("{}{}", if phone { "-phone" } else { "" }, if lang == "he" { "-he" } else { "" });
        for (path, name) in [
            ("/leads?sort=contact".to_owned(), "leads"),
            ("/contacts".to_owned(), "contacts"),
            (format!("/contacts/{}/merge?with={}", contacts[0], contacts[1]), "merge"),
            ("/late".to_owned(), "late"),
        ] {
            b.goto(&app.url(&path)).await;
            b.wait_for("main h1", 10).await;
            let wide = b.js("return document.documentElement.scrollWidth - window.innerWidth").await;
            if phone {
                assert!(wide.as_i64().unwrap_or(99) <= 0, "{path} ({lang}) scrolls sideways by {wide} px");
            }
            b.screenshot(&format!("lists-{name}{suffix}")).await;
        }
        if !phone {
            // The header checkbox (shown with the script) ticks every row of the page.
            b.goto(&app.url("/inbox")).await;
            b.click("input[data-select-all]").await;
            let ticked = b.js("return document.querySelectorAll('input[name=lead]:checked').length").await;
            assert_eq!(ticked, 12);
            b.click("button[value=assign]").await;
            b.wait_for("#bulk-heading", 10).await;
            assert!(b.text("#bulk-heading").await.starts_with("Assign 12 inquiries to "), "{}", b.text("#bulk-heading").await);
            b.screenshot("lists-bulk-confirm").await;
            b.click("form.lists-confirm button[type=submit]").await;
            b.wait_for("#bulk-result", 10).await;
            assert!(b.text("#bulk-result").await.starts_with("12 assigned"), "{}", b.text("#bulk-result").await);
            b.screenshot("lists-bulk-done").await;
        }
        b.close().await;
    }
}
