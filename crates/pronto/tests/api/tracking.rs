//! The customer's own page (`/t/{token}`) and the published process (`/process/{playbook}`)
//! over HTTP with the real binary: the link in the lead's JSON and in the acknowledgement, the
//! page in every language with where the inquiry stands and whether it is on time, nothing
//! internal on it, everything escaped, wrong / revoked / expired links alike 404, what the
//! customer does reaching the owner, documents checked and only ever downloaded, the rate
//! limit.

use crate::agency::{TUESDAY_9, advance, id, notes, timeline, token_of, user};
use testkit::both;
use testkit::{App, Engine, Options, spawn_app_with};
use serde_json::{Value, json};

both!(
    the_customer_follows_the_inquiry_in_their_language,
    nothing_internal_reaches_the_customer_and_everything_is_escaped,
    wrong_revoked_and_expired_links_are_the_same_404,
    what_the_customer_does_reaches_the_owner,
    documents_are_checked_and_only_downloaded,
    the_published_process_and_the_rate_limit,
);

const PUBLIC: &str = "https://crm.example.com";

async fn app(engine: Engine, extra: &[(&str, &str)]) -> App {
    let mut o = Options::default().manual_clock(TUESDAY_9).env("PRONTO_PUBLIC_URL", PUBLIC);
    for (k, v) in extra {
        o = o.env(k, v);
    }
    spawn_app_with(engine, o).await
}

/// The path of a lead's page (`/t/TOKEN`), from its JSON.
fn page_path(lead: &Value) -> String {
    let url = lead["tracking_url"].as_str().unwrap_or_else(|| panic!("no tracking_url in {lead}"));
    let path = url.strip_prefix(PUBLIC).unwrap_or_else(|| panic!("{url} is not under {PUBLIC}"));
    let token = path.strip_prefix("/t/").unwrap();
    assert_eq!(token.len(), 22, "128 bits, base64url: {token}");
    assert!(token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{token}");
    path.to_owned()
}

struct Html {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: String,
}

async fn get(app: &App, path: &str) -> Html {
    let r = app.client.get(app.url(path)).send().await.unwrap();
    let (status, headers) = (r.status().as_u16(), r.headers().clone());
    Html { status, headers, body: r.text().await.unwrap() }
}

async fn post_form(app: &App, path: &str, form: &[(&str, &str)]) -> Html {
    let r = app.client.post(app.url(path)).form(form).send().await.unwrap();
    let (status, headers) = (r.status().as_u16(), r.headers().clone());
    Html { status, headers, body: r.text().await.unwrap() }
}

async fn upload(app: &App, path: &str, name: &str, bytes: Vec<u8>) -> Html {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()).mime_str("application/pdf").unwrap();
    let form = reqwest::multipart::Form::new().text("lang", "en").part("file", part);
    let r = app.client.post(app.url(&format!("{path}/upload"))).multipart(form).send().await.unwrap();
    let (status, headers) = (r.status().as_u16(), r.headers().clone());
    Html { status, headers, body: r.text().await.unwrap() }
}

/// The text of a page without its tags, entities decoded (what a reader sees).
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out.replace("&#60;", "<").replace("&#62;", ">").replace("&#38;", "&").replace("&#34;", "\"").replace("&#39;", "'");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The playbook's customer title of `stage` in `lang`.
fn title(playbook: &str, stage: &str, lang: &str) -> String {
    let pb = pronto_playbook::parse(pronto_playbook::builtin(playbook).unwrap()).unwrap();
    pb.stage(stage).unwrap().customer.as_ref().unwrap().texts[lang].title.clone()
}

async fn web_lead(app: &App, name: &str, language: &str) -> Value {
    app.create_lead(&json!({ "channel": "web", "language": language,
        "contact": { "name": name, "email": "eva@example.com", "phone": "+420 777 123 456" }, "message": "Potřebuji web" }))
        .await
}

async fn the_customer_follows_the_inquiry_in_their_language(engine: Engine) {
    let app = app(engine, &[]).await;
    let jana = user(&app, "jana", "consultant", "+420 601 000 001").await;
    let lead = web_lead(&app, "Eva Malá", "cs").await;
    let lid = id(&lead);
    let path = page_path(&lead);
    // The acknowledgement e-mail (in office hours) carries the link.
    let ns = notes(&app, lid).await;
    let ack = ns.iter().find(|n| n["channel"] == "email" && n["recipient"]["address"] == "eva@example.com").expect("an acknowledgement");
    assert!(ack["text"].as_str().unwrap().contains(&format!("{PUBLIC}{path}")), "{ack}");

    // Czech, the inquiry's language: where it stands, who takes care, what comes next.
    let p = get(&app, &path).await;
    assert_eq!(p.status, 200);
    for (h, v) in [("x-robots-tag", "noindex, nofollow"), ("referrer-policy", "no-referrer"), ("cache-control", "no-store")] {
        assert_eq!(p.headers[h], v, "{h}");
    }
    assert!(p.body.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    assert!(p.body.contains("<html lang=\"cs\" dir=\"ltr\">"));
    let t = text(&p.body);
    assert!(t.contains("Dobrý den, Eva"), "{t}");
    assert!(t.contains(&title("agency", "received", "cs")), "{t}");
    assert!(t.contains("Jana"), "the owner's first name: {t}");
    assert!(t.contains("do 10 pracovních minut"), "the standard time: {t}");
    // Every language of the seeds, Hebrew right to left.
    for lang in ["en", "ru", "pl", "he"] {
        let p = get(&app, &format!("{path}?lang={lang}")).await;
        let dir = if lang == "he" { "rtl" } else { "ltr" };
        assert!(p.body.contains(&format!("<html lang=\"{lang}\" dir=\"{dir}\">")), "{lang}");
        let t = text(&p.body);
        assert!(t.contains(&title("agency", "received", lang)), "{lang}: {t}");
        assert!(t.contains(&title("agency", "contacted", lang)), "{lang}: the next step: {t}");
    }
    let en = text(&get(&app, &format!("{path}?lang=en")).await.body);
    assert!(en.contains("Your inquiry is on time."), "{en}");
    assert!(en.contains("Taking care of you: Jana, consultant"), "{en}");
    assert!(en.contains("Next: First conversation"), "{en}");
    assert!(en.contains("Our standard time: within 10 working minutes"), "{en}");
    assert!(en.contains("Expected by Tue 6 May 09:10"), "{en}");
    assert!(en.contains("Received Tue 6 May 09:00"), "{en}");

    // Nobody called for 11 minutes: the page says so.
    advance(&app, 11 * 60).await;
    let en = text(&get(&app, &format!("{path}?lang=en")).await.body);
    assert!(en.contains("taking longer than our standard time"), "{en}");

    // The consultant calls: the customer sees the call, the new step and the next standard.
    let tok = token_of(&app, jana).await;
    app.post_as(&tok, &format!("/api/v1/leads/{lid}/activities"), &json!({ "kind": "call", "direction": "out", "outcome": "reached" }))
        .await
        .expect(201);
    let en = text(&get(&app, &format!("{path}?lang=en")).await.body);
    assert!(en.contains("Our consultant called you"), "{en}");
    assert!(en.contains("Step reached: First conversation"), "{en}");
    assert!(en.contains("Next: Preparing the details"), "{en}");
    assert!(en.contains("within 2 working days"), "{en}");
    assert!(en.contains("Your inquiry is on time."), "{en}");

    // Closed: how it ended, no clock, no forms.
    app.patch(&format!("/api/v1/leads/{lid}"), &json!({ "status": "lost" })).await.expect(200);
    let p = get(&app, &format!("{path}?lang=en")).await;
    let en = text(&p.body);
    assert!(en.contains("This inquiry is closed."), "{en}");
    assert!(!en.contains("Our standard time"), "{en}");
    assert!(!p.body.contains("/message\""), "no forms on a closed inquiry");
}

async fn nothing_internal_reaches_the_customer_and_everything_is_escaped(engine: Engine) {
    let app = app(engine, &[]).await;
    // An owner whose name is markup, and a colleague who must never be named.
    let owner = app
        .post("/api/v1/users", &json!({ "name": "<b>Ann</b> Smith", "login": "ann", "role": "consultant", "phone": "+420 601 000 002" }))
        .await
        .expect(201);
    user(&app, "zoran", "specialist", "+420 601 000 003").await;
    let lead = web_lead(&app, "<script>alert('name')</script>Eva", "en").await;
    let lid = id(&lead);
    let path = page_path(&lead);
    let marker = "INTERNAL-MARKER-9931";
    app.post(&format!("/api/v1/leads/{lid}/activities"), &json!({ "kind": "note", "body": format!("{marker} do not tell") })).await.expect(201);
    // The customer writes markup; it comes back as text.
    let r = post_form(&app, &format!("{path}/message"), &[("text", "<img src=x onerror=alert('msg')>"), ("lang", "en")]).await;
    assert_eq!(r.status, 303);
    let r = upload(&app, &path, "<svg onload=alert('file')>.pdf", b"%PDF-1.4 x".to_vec()).await;
    assert_eq!(r.status, 303, "{}", r.body);
    // Time passes: SLA warnings, breaches and escalations happen internally.
    advance(&app, 30 * 60).await;

    let p = get(&app, &format!("{path}?lang=en")).await;
    assert_eq!(p.status, 200);
    let html = &p.body;
    for raw in ["<script>alert", "<img src=x", "<svg onload", "<b>Ann</b>"] {
        assert!(!html.contains(raw), "{raw} is not escaped");
    }
    let t = text(html);
    assert!(t.contains("Hello <script>alert('name')</script>Eva,"), "{t}");
    assert!(t.contains("<img src=x onerror=alert('msg')>"), "{t}");
    assert!(t.contains("You sent the document <svg onload=alert('file')>.pdf"), "{t}");
    assert!(t.contains("Taking care of you: <b>Ann</b>, consultant"), "{t}");
    // Nothing internal: the note, other people, the owner's surname, internal stage and SLA
    // names, task titles, templates, rule names.
    let pb = pronto_playbook::parse(pronto_playbook::builtin("agency").unwrap()).unwrap();
    let mut internal: Vec<String> = vec![marker.into(), "Zoran".into(), "Smith".into(), "jana".into()];
    internal.extend(pb.stages.iter().map(|s| s.title.clone()).filter(|t| t != "Offer" && t != "Received"));
    internal.extend(pb.slas.values().map(|s| s.title.clone()));
    internal.extend(pb.tasks.values().map(|s| s.title.clone()));
    internal.extend(pb.rules.iter().map(|r| r.id.clone()));
    internal.extend(["sla", "escalat", "playbook", "owner_id", "first_response"].map(String::from));
    for word in &internal {
        assert!(!t.contains(word.as_str()), "`{word}` reached the customer: {t}");
    }
    // The lead's timeline shows all of it to the team, so the page really filtered it.
    let tl = timeline(&app, lid).await;
    assert!(tl.iter().any(|e| e["body"].as_str().is_some_and(|b| b.contains(marker))), "the note is on the team's timeline");
    assert!(tl.iter().any(|e| e["kind"].as_str().is_some_and(|k| k.starts_with("sla."))));
    assert_eq!(owner["name"], "<b>Ann</b> Smith");

    // A company's own playbook: its customer texts are escaped too, and internal names of a
    // playbook without customer texts are never shown.
    let custom = r#"
name = "custom"
[[stages]]
id = "secret_triage_stage"
title = "Secret triage"
next = ["done"]
[[stages]]
id = "done"
status = "won"
[[rules]]
on = "lead.received"
when = { channel = "phone" }
do = [{ stage = "done" }]
"#;
    app.send(app.req(reqwest::Method::POST, "/api/v1/playbooks").header("content-type", "application/toml").body(custom)).await.expect(201);
    let l2 = app.create_lead(&json!({ "channel": "web", "playbook": "custom", "contact": { "email": "x@example.com" } })).await;
    let t = text(&get(&app, &format!("{}?lang=en", page_path(&l2))).await.body);
    assert!(t.contains("Received") && t.contains("In progress") && t.contains("Done"), "{t}");
    assert!(!t.contains("Secret triage") && !t.contains("secret_triage_stage"), "{t}");
    let with_texts = r#"
name = "custom2"
[[stages]]
id = "start"
next = ["done"]
[stages.customer]
en = { title = "<i>Step</i> one", description = "<script>alert('pb')</script>" }
[[stages]]
id = "done"
status = "won"
[stages.customer]
en = { title = "Done" }
[[rules]]
on = "lead.received"
when = { channel = "phone" }
do = [{ stage = "done" }]
"#;
    app.send(app.req(reqwest::Method::POST, "/api/v1/playbooks").header("content-type", "application/toml").body(with_texts)).await.expect(201);
    let l3 = app.create_lead(&json!({ "channel": "web", "playbook": "custom2", "contact": { "email": "y@example.com" } })).await;
    let p = get(&app, &format!("{}?lang=en", page_path(&l3))).await;
    assert!(!p.body.contains("<i>Step") && !p.body.contains("<script>alert('pb')"), "playbook texts escaped");
    assert!(text(&p.body).contains("<i>Step</i> one"));
}

async fn wrong_revoked_and_expired_links_are_the_same_404(engine: Engine) {
    let app = app(engine, &[("PRONTO_TRACKING_DAYS", "2")]).await;
    let lead = web_lead(&app, "Eva", "en").await;
    let lid = id(&lead);
    let path = page_path(&lead);
    assert_eq!(get(&app, &path).await.status, 200);
    let unknown = get(&app, "/t/AAAAAAAAAAAAAAAAAAAAAA").await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.headers["x-robots-tag"], "noindex, nofollow");
    for odd in ["/t/x", "/t/%27%20OR%201=1--", &format!("{path}A"), &path[..path.len() - 1]] {
        let r = get(&app, odd).await;
        assert_eq!((r.status, &r.body), (404, &unknown.body), "{odd}");
    }

    // Revoked: the old link is like one that never existed; the lead's JSON has the new one.
    let r = app.post(&format!("/api/v1/leads/{lid}/tracking/revoke"), &json!({})).await.expect(200);
    let fresh = page_path(&r);
    assert_ne!(fresh, path);
    let old = get(&app, &path).await;
    assert_eq!((old.status, &old.body), (404, &unknown.body));
    assert_eq!(post_form(&app, &format!("{path}/message"), &[("text", "hi")]).await.status, 404);
    assert_eq!(page_path(&app.get(&format!("/api/v1/leads/{lid}")).await.expect(200)), fresh);
    assert_eq!(get(&app, &fresh).await.status, 200);
    assert_eq!(app.send(app.anon(reqwest::Method::POST, &format!("/api/v1/leads/{lid}/tracking/revoke"))).await.status, 401);
    app.send(app.req(reqwest::Method::POST, "/api/v1/leads/999999/tracking/revoke")).await.problem(404);

    // Expired: PRONTO_TRACKING_DAYS after the inquiry closed.
    app.patch(&format!("/api/v1/leads/{lid}"), &json!({ "status": "won" })).await.expect(200);
    advance(&app, 86_400).await;
    assert_eq!(get(&app, &fresh).await.status, 200, "a day after closing it is still there");
    advance(&app, 86_400 + 60).await;
    let gone = get(&app, &fresh).await;
    assert_eq!((gone.status, &gone.body), (404, &unknown.body));
}

async fn what_the_customer_does_reaches_the_owner(engine: Engine) {
    let app = app(engine, &[]).await;
    let jana = user(&app, "jana", "consultant", "+420 601 000 001").await;
    let lead = web_lead(&app, "Eva", "en").await;
    let lid = id(&lead);
    let path = page_path(&lead);

    // A message: on the timeline, an SMS and an in-app alert to the owner.
    let r = post_form(&app, &format!("{path}/message"), &[("text", "Could you send the offer by Friday?"), ("lang", "en")]).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.headers["location"], format!("{path}?lang=en&sent=message"));
    let tl = timeline(&app, lid).await;
    let logged = tl.iter().find(|e| e["kind"] == "activity.logged" && e["activity"] == "message").expect("the message on the timeline");
    assert_eq!(logged["body"], "Could you send the offer by Friday?");
    assert_eq!(logged["direction"], "in");
    let ns = notes(&app, lid).await;
    let to_jana: Vec<(&str, &str)> = ns
        .iter()
        .filter(|n| n["recipient"]["user_id"] == jana && n["kind"] == "customer_message")
        .map(|n| (n["channel"].as_str().unwrap(), n["text"].as_str().unwrap()))
        .collect();
    assert_eq!(to_jana.len(), 2, "{ns:?}");
    assert!(to_jana.iter().any(|(c, _)| *c == "sms") && to_jana.iter().any(|(c, _)| *c == "in_app"));
    assert!(to_jana[0].1.contains("Eva wrote on their page"), "{to_jana:?}");
    let shown = text(&get(&app, &format!("{path}?lang=en&sent=message")).await.body);
    assert!(shown.contains("Thank you: your message has been passed on."), "{shown}");
    assert!(shown.contains("You wrote: Could you send the offer by Friday?"), "{shown}");

    // A call-back at a time: a task for the owner due then, and alerts.
    let r = post_form(&app, &format!("{path}/callback"), &[("at", "2031-05-07T14:30"), ("note", "after lunch"), ("lang", "en")]).await;
    assert_eq!(r.status, 303);
    let tasks = app.get(&format!("/api/v1/tasks?lead={lid}&status=open")).await.expect(200);
    let cb = tasks["items"].as_array().unwrap().iter().find(|t| t["task"] == "customer_callback").expect("a call-back task").clone();
    assert_eq!(cb["due_at"], "2031-05-07T12:30:00Z", "14:30 in Prague");
    assert_eq!(cb["assignee"]["id"], jana);
    let ns = notes(&app, lid).await;
    assert!(ns.iter().any(|n| n["recipient"]["user_id"] == jana && n["kind"] == "customer_callback" && n["channel"] == "sms"));
    let shown = text(&get(&app, &format!("{path}?lang=en")).await.body);
    assert!(shown.contains("You asked us to call you back Wed 7 May 14:30"), "{shown}");

    // Mistakes are explained, never a 5xx, and record nothing.
    // (Deliveries of the alerts above may still add their own lines; count what a mistake
    // could have recorded.)
    let recorded = |tl: Vec<Value>| {
        tl.iter().filter(|e| matches!(e["kind"].as_str(), Some("activity.logged" | "task.created" | "customer.callback" | "customer.document"))).count()
    };
    let before = recorded(timeline(&app, lid).await);
    for (path_end, form, want) in [
        ("message", vec![("text", "   "), ("lang", "en")], "Please write a message"),
        ("callback", vec![("at", "2031-05-01T10:00"), ("lang", "en")], "a time in the future"),
        ("callback", vec![("at", "2031-09-01T10:00"), ("lang", "en")], "a time in the future"),
        ("callback", vec![("at", "tomorrow"), ("lang", "en")], "a time in the future"),
    ] {
        let r = post_form(&app, &format!("{path}/{path_end}"), &form).await;
        assert_eq!(r.status, 422, "{path_end} {form:?}");
        assert!(text(&r.body).contains(want), "{}", text(&r.body));
    }
    let long = "x".repeat(4001);
    assert_eq!(post_form(&app, &format!("{path}/message"), &[("text", &long)]).await.status, 422);
    assert_eq!(recorded(timeline(&app, lid).await), before, "nothing recorded");
}

async fn documents_are_checked_and_only_downloaded(engine: Engine) {
    let app = app(engine, &[]).await;
    let jana = user(&app, "jana", "consultant", "+420 601 000 001").await;
    let lead = web_lead(&app, "Eva", "en").await;
    let lid = id(&lead);
    let path = page_path(&lead);

    let pdf = b"%PDF-1.4\nPASSPORT-NUMBER-4242\n%%EOF".to_vec();
    let r = upload(&app, &path, "../../op scan.pdf", pdf.clone()).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let docs = app.get(&format!("/api/v1/leads/{lid}/documents")).await.expect(200);
    let items = docs["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["filename"], "op scan.pdf", "no path survives");
    assert_eq!(items[0]["content_type"], "application/pdf");
    assert_eq!(items[0]["size"], pdf.len());
    let r = app.send(app.req(reqwest::Method::GET, items[0]["url"].as_str().unwrap())).await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-disposition").unwrap().starts_with("attachment;"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(r.header("content-security-policy"), Some("sandbox; default-src 'none'"));
    // The owner heard of it in the app.
    let ns = notes(&app, lid).await;
    assert!(ns.iter().any(|n| n["recipient"]["user_id"] == jana && n["kind"] == "customer_document" && n["channel"] == "in_app"));
    // Only for the team.
    assert_eq!(app.send(app.anon(reqwest::Method::GET, items[0]["url"].as_str().unwrap())).await.status, 401);

    // Type by content, whatever the name or the browser says; size capped; a file needed.
    for (name, bytes, status, want) in [
        ("invoice.pdf", b"MZ\x90\x00 an executable".to_vec(), 422, "This kind of file is not accepted"),
        ("page.html", b"<html><script>alert(1)</script></html>".to_vec(), 422, "This kind of file is not accepted"),
        ("archive.zip", b"PK\x03\x04 zip".to_vec(), 422, "This kind of file is not accepted"),
        ("empty.pdf", vec![], 422, "Please choose a file"),
        ("big.pdf", [b"%PDF-1.4\n".to_vec(), vec![b'a'; 10 * 1024 * 1024]].concat(), 413, "The file is too large: at most 10 MB"),
    ] {
        let r = upload(&app, &path, name, bytes).await;
        assert_eq!(r.status, status, "{name}");
        assert!(text(&r.body).contains(want), "{name}: {}", text(&r.body));
    }
    let r = app.client.post(app.url(&format!("{path}/upload"))).form(&[("x", "y")]).send().await.unwrap();
    assert_eq!(r.status(), 422, "not multipart");
    assert_eq!(app.get(&format!("/api/v1/leads/{lid}/documents")).await.expect(200)["items"].as_array().unwrap().len(), 1);

    // Text is accepted as text and still only downloaded.
    let r = upload(&app, &path, "notes.txt", b"<script>alert(1)</script>".to_vec()).await;
    assert_eq!(r.status, 303);
    let docs = app.get(&format!("/api/v1/leads/{lid}/documents")).await.expect(200);
    let txt = docs["items"].as_array().unwrap().iter().find(|d| d["filename"] == "notes.txt").unwrap().clone();
    let r = app.send(app.req(reqwest::Method::GET, txt["url"].as_str().unwrap())).await;
    assert!(r.header("content-disposition").unwrap().starts_with("attachment;"));
    assert_eq!(r.header("content-type"), Some("text/plain"));
}

async fn the_published_process_and_the_rate_limit(engine: Engine) {
    let app = app(engine, &[("PRONTO_PAGE_RATE_LIMIT", "14")]).await;
    let p = get(&app, "/process/agency?lang=en").await;
    assert_eq!(p.status, 200);
    assert_eq!(p.headers["x-robots-tag"], "noindex, nofollow");
    let t = text(&p.body);
    assert!(t.contains("What you can expect from us"), "{t}");
    for stage in ["received", "contacted", "qualified", "offer", "won"] {
        assert!(t.contains(&title("agency", stage, "en")), "{stage}: {t}");
    }
    assert!(!t.contains(&title("agency", "lost", "en")), "the published process is the way that goes well");
    assert!(t.contains("Who: our consultant") && t.contains("Then: within 10 working minutes"), "{t}");
    assert!(t.contains("Then: within 2 working days"), "{t}");
    assert!(!t.contains("Worth working together"), "an internal stage title: {t}");
    let ru = get(&app, "/process/distributor").await;
    assert!(ru.body.contains("<html lang=\"ru\""), "the playbook's customers' language");
    assert!(text(&ru.body).contains(&title("distributor", "confirmed", "ru")));
    let he = get(&app, "/process/distributor?lang=he").await;
    assert!(he.body.contains("dir=\"rtl\""));
    assert_eq!(get(&app, "/process/nope").await.status, 404);

    // Per client address: the 15th request within the minute is refused, then it refills.
    let mut statuses = Vec::new();
    for _ in 0..10 {
        statuses.push(get(&app, "/process/agency").await.status);
    }
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    let r = get(&app, "/t/AAAAAAAAAAAAAAAAAAAAAA").await;
    assert_eq!(r.status, 429);
    assert_eq!(r.headers["retry-after"], "60");
    advance(&app, 60).await;
    assert_eq!(get(&app, "/process/agency").await.status, 200);
}
