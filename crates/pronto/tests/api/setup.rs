//! Setting the company up (issue 19): its identity (name, logo, colour, contact, language and
//! region) through the API and the pages, shown on the customer's pages; the office calendar as
//! a form that the SLA clock then follows; the first-start guide; the empty inbox's test
//! inquiry.

use crate::agency::{TUESDAY_9, app_at, at, id, kinds, tasks, time_of, timeline, user};
use reqwest::Method;
use serde_json::{Value, json};
use testkit::both;
use testkit::{App, Engine, spawn_app};

both!(
    the_company_is_set_through_the_api_and_shown_to_customers,
    the_office_calendar_is_a_form_and_the_sla_clock_follows_it,
    the_guide_and_the_empty_inbox_work_through_the_pages,
    mail_to_customers_is_signed_by_the_company,
);

const ADMIN_PASSWORD: &str = "it-admin-password-1234";

/// A 1×1 PNG.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";

async fn put(app: &App, path: &str, body: &Value, lang: &str) -> testkit::Resp {
    app.send(app.req(Method::PUT, path).header("accept-language", lang).json(body)).await
}

struct Page {
    status: u16,
    location: Option<String>,
    html: String,
}

/// The admin's session cookie, signed in through the page.
async fn admin_session(app: &App, lang: &str) -> String {
    let r = app
        .client
        .post(app.url("/login"))
        .header("origin", app.base().trim_end_matches('/'))
        .header("accept-language", lang)
        .form(&[("login", "admin"), ("password", ADMIN_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let set = r.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    set.strip_prefix("pronto_session=").and_then(|s| s.split(';').next()).expect("a session").to_owned()
}

async fn page(app: &App, cookie: &str, lang: &str, method: Method, path: &str, form: Option<&[(&str, &str)]>) -> Page {
    let mut rb = app
        .client
        .request(method, app.url(path))
        .header("cookie", format!("pronto_session={cookie}"))
        .header("accept-language", lang)
        .header("origin", app.base().trim_end_matches('/'));
    if let Some(f) = form {
        rb = rb.form(f);
    }
    let r = rb.send().await.unwrap();
    let status = r.status().as_u16();
    let location = r.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
    Page { status, location, html: r.text().await.unwrap_or_default() }
}

async fn the_company_is_set_through_the_api_and_shown_to_customers(engine: Engine) {
    let app = spawn_app(engine).await;
    let before = app.get("/api/v1/company").await.expect(200);
    assert_eq!((before["name"].clone(), before["region_in_force"].clone()), (Value::Null, json!("CZ")), "{before}");

    // Refusals name the field in the reader's language, and nothing is stored.
    let bad = json!({ "name": "Okna Novák s.r.o.", "accent": "blue", "web": "javascript:alert(1)" });
    let p = put(&app, "/api/v1/company", &bad, "en").await.problem(422);
    let text = p.to_string();
    assert!(text.contains("“blue” is not a colour like #1a6cff"), "{text}");
    assert!(text.contains("is not a web address"), "{text}");
    let p = put(&app, "/api/v1/company", &bad, "cs").await.problem(422);
    assert!(p.to_string().contains("není barva"), "Czech: {p}");
    assert_eq!(app.get("/api/v1/company").await.expect(200)["name"], Value::Null);

    let good = json!({ "name": "Okna Novák s.r.o.", "accent": "#1A6CFF", "address": "Dlouhá 12, Brno", "phone": "+421 905 123 456",
                       "email": "info@okna-novak.cz", "web": "okna-novak.cz", "language": "cs", "region": "SK" });
    let c = put(&app, "/api/v1/company", &good, "en").await.expect(200);
    assert_eq!(c["accent"], "#1a6cff");
    assert_eq!(c["web"], "https://okna-novak.cz");
    assert_eq!(c["phone"], "+421905123456");
    // The language and region take effect without a restart.
    assert_eq!((c["language_in_force"].as_str(), c["region_in_force"].as_str()), (Some("cs"), Some("SK")), "{c}");
    let u = app.post("/api/v1/users", &json!({ "name": "Peter", "login": "peter", "role": "consultant", "phone": "0905 111 222" })).await.expect(201);
    assert_eq!(u["phone"], "+421905111222", "a number without a prefix is read in the company's country");

    // The logo: PNG accepted and served with its type and nosniff; SVG and big files refused.
    let r = app.send(app.req(Method::PUT, "/api/v1/company/logo").header("content-type", "application/octet-stream").body(PNG.to_vec())).await;
    r.expect(204);
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec();
    let r = app.send(app.req(Method::PUT, "/api/v1/company/logo").header("accept-language", "en").body(svg)).await;
    assert!(r.problem(422).to_string().contains("SVG is not accepted"));
    let big = [PNG.to_vec(), vec![0u8; 600 * 1024]].concat();
    let r = app.send(app.req(Method::PUT, "/api/v1/company/logo").body(big)).await;
    assert_eq!(r.status, 413, "{}", r.text);
    let logo_url = app.get("/api/v1/company").await.expect(200)["logo_url"].as_str().expect("a logo").to_owned();
    let r = app.client.get(app.url(&logo_url)).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "image/png");
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert_eq!(r.bytes().await.unwrap().as_ref(), PNG);
    let css = app.client.get(app.url("/company/style.css")).send().await.unwrap().text().await.unwrap();
    assert!(css.contains("#1a6cff"), "{css}");

    // The customer's page says which company it is: name, logo, contact.
    let lead = app.create_lead(&json!({ "channel": "web", "contact": { "name": "Eva Malá", "email": "eva@example.com" } })).await;
    let url = lead["tracking_url"].as_str().expect("a page").to_owned();
    let html = app.client.get(app.url(&url)).send().await.unwrap().text().await.unwrap();
    for want in ["Okna Novák s.r.o.", &logo_url, "Dlouhá 12, Brno", "tel:+421905123456", "mailto:info@okna-novak.cz", "https://okna-novak.cz", "/company/style.css"] {
        assert!(html.contains(want), "the customer's page shows {want}");
    }
    let html = app.client.get(app.url("/process/agency")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Okna Novák s.r.o.") && html.contains("info@okna-novak.cz"), "the published process page shows the company");

    // Every change is in the audit log.
    let log = app.get("/api/v1/audit?kind=company").await.expect(200);
    let kinds: Vec<&str> = log["items"].as_array().unwrap().iter().filter_map(|r| r["kind"].as_str()).collect();
    assert!(kinds.contains(&"company.changed") && kinds.contains(&"company.logo"), "{log}");

    // The page: the same form, a refusal keeps what was typed and speaks the reader's language.
    let cookie = admin_session(&app, "cs").await;
    let p = page(&app, &cookie, "cs", Method::GET, "/admin/company", None).await;
    assert_eq!(p.status, 200);
    assert!(p.html.contains("Okna Novák s.r.o.") && p.html.contains("Název firmy"));
    let p = page(&app, &cookie, "cs", Method::POST, "/admin/company", Some(&[("name", "Okna Nové"), ("accent", "#12"), ("language", "cs")])).await;
    assert_eq!(p.status, 422);
    assert!(p.html.contains("„#12“ není barva") && p.html.contains("value=\"Okna Nové\""), "kept and explained");
    let p = page(&app, &cookie, "cs", Method::POST, "/admin/company", Some(&[("name", "Okna Nové"), ("accent", "#123456"), ("language", "en")])).await;
    assert_eq!(p.status, 200);
    assert_eq!(app.get("/api/v1/company").await.expect(200)["language_in_force"], "en");
    let html = app.client.get(app.url(&url)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Okna Nové"), "the customer's page follows the change");

    // Not an admin: refused before anything is written.
    let (_, token) = app.user_with_token("klara", "consultant").await;
    let r = app.send(app.client.put(app.url("/api/v1/company")).bearer_auth(&token).json(&good)).await;
    r.problem(403);
}

async fn the_office_calendar_is_a_form_and_the_sla_clock_follows_it(engine: Engine) {
    let app = app_at(engine, TUESDAY_9).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;

    let cz = app.get("/api/v1/holidays/CZ/2026").await.expect(200);
    assert!(cz.as_array().unwrap().iter().any(|h| h["date"] == "2026-04-03" && h["name"] == "Velký pátek"), "{cz}");
    app.get("/api/v1/holidays/FR/2026").await.problem(404);

    let cal = app.get("/api/v1/company/calendar").await.expect(200);
    assert_eq!(cal["set"], false, "the playbooks' calendars apply until one is saved");

    // Monday 16:00–08:00 is refused with a precise message in the reader's language.
    let day = |open: bool, from: &str, to: &str| json!({ "open": open, "from": from, "to": to });
    let mut week: Vec<Value> = (0..7).map(|_| day(false, "", "")).collect();
    week[0] = day(true, "16:00", "08:00");
    let body = json!({ "time_zone": "Europe/Prague", "days": week, "holidays": [] });
    let p = put(&app, "/api/v1/company/calendar", &body, "en").await.problem(422);
    assert!(p.to_string().contains("Monday: the end 08:00 is before the start 16:00"), "{p}");
    let p = put(&app, "/api/v1/company/calendar", &body, "cs").await.problem(422);
    assert!(p.to_string().contains("Pondělí: konec 08:00 je před začátkem 16:00"), "{p}");

    // Only Wednesday open (Tuesday is a holiday too): a lead on Tuesday at 9 is due on Wednesday at 8.
    let mut week: Vec<Value> = (0..7).map(|_| day(false, "", "")).collect();
    week[1] = day(true, "08:00", "16:00");
    week[2] = json!({ "open": true, "from": "08:00", "to": "16:00", "break_from": "12:00", "break_to": "12:30" });
    let body = json!({ "time_zone": "Europe/Prague", "days": week, "holidays": [{ "date": "2031-05-06", "name": "Firemní den" }] });
    let saved = put(&app, "/api/v1/company/calendar", &body, "en").await.expect(200);
    assert_eq!(saved["set"], true);
    assert_eq!(saved["calendar"]["days"][2]["break_to"], "12:30");
    assert_eq!(saved["calendar"]["holidays"][0]["name"], "Firemní den");
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Pan Středa", "phone": "777 123 456" } })).await);
    let wednesday_8 = at("2031-05-07T06:00:00Z");
    assert_eq!(time_of(&tasks(&app, l, "open").await[0]["due_at"]), wednesday_8, "the office calendar, not the playbook's, without a restart");
    let started = kinds(&timeline(&app, l).await, "sla.started");
    assert_eq!(time_of(&started[0]["due_at"]), wednesday_8 + jiff::SignedDuration::from_mins(10));

    // Removed: the playbook's own calendar again (Tuesday 9:00 is working time there).
    app.send(app.req(Method::DELETE, "/api/v1/company/calendar")).await.expect(204);
    let l = id(&app.create_lead(&json!({ "channel": "web", "contact": { "name": "Pan Úterý", "phone": "777 123 457" } })).await);
    assert_eq!(time_of(&tasks(&app, l, "open").await[0]["due_at"]), at(TUESDAY_9));

    // The page: a form per weekday, the country's holidays offered, a refusal explained.
    let cookie = admin_session(&app, "en").await;
    let p = page(&app, &cookie, "en", Method::GET, "/admin/calendars", None).await;
    assert_eq!(p.status, 200);
    assert!(p.html.contains("Czechia, Slovakia, Poland, Germany (nationwide only), Austria and the United Kingdom"), "the countries offered are named");
    let mut form: Vec<(String, String)> = vec![("tz".into(), "Europe/Prague".into())];
    for i in 0..5 {
        form.extend([(format!("d{i}_open"), "1".into()), (format!("d{i}_from"), "08:00".into()), (format!("d{i}_to"), "16:00".into())]);
        form.extend([(format!("d{i}_bf"), String::new()), (format!("d{i}_bt"), String::new())]);
    }
    form.extend([("hd0".into(), String::new()), ("hn0".into(), String::new())]);
    let f = |extra: &[(&str, &str)]| {
        let mut v: Vec<(String, String)> = form.clone();
        v.extend(extra.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())));
        v
    };
    let add = f(&[("do", "holidays"), ("country", "SK"), ("year", "2031")]);
    let r = app.client.post(app.url("/admin/calendars")).header("cookie", format!("pronto_session={cookie}")).header("accept-language", "en")
        .header("origin", app.base().trim_end_matches('/')).form(&add).send().await.unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("2032-08-29") && html.contains("Výročie Slovenského národného povstania"), "Slovak holidays of 2031 and 2032 offered");
    let bad = f(&[("do", "save"), ("d0_to", "07:00")]);
    let bad: Vec<(String, String)> = bad.into_iter().filter(|(k, v)| !(k == "d0_to" && v == "16:00")).collect();
    let r = app.client.post(app.url("/admin/calendars")).header("cookie", format!("pronto_session={cookie}")).header("accept-language", "en")
        .header("origin", app.base().trim_end_matches('/')).form(&bad).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Monday: the end 07:00 is before the start 08:00"), "explained on the page");
    let ok = f(&[("do", "save")]);
    let r = app.client.post(app.url("/admin/calendars")).header("cookie", format!("pronto_session={cookie}")).header("accept-language", "en")
        .header("origin", app.base().trim_end_matches('/')).form(&ok).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(app.get("/api/v1/company/calendar").await.expect(200)["set"], true);

    // A user's own hours: the same form, no JSON to type on the admin page.
    let admin = page(&app, &cookie, "en", Method::GET, "/admin", None).await;
    assert!(!admin.html.contains("\"time_zone\""), "no JSON field for hours on /admin");
    let list = app.get("/api/v1/users").await.expect(200);
    let jana_id = list["items"].as_array().or(list.as_array()).unwrap().iter().find(|u| u["login"] == "jana").map(id).unwrap();
    assert!(admin.html.contains(&format!("/admin/calendars/users/{jana_id}")));
    let r = app.client.post(app.url(&format!("/admin/calendars/users/{jana_id}"))).header("cookie", format!("pronto_session={cookie}"))
        .header("origin", app.base().trim_end_matches('/')).form(&ok).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let list = app.get("/api/v1/users").await.expect(200);
    let jana = list["items"].as_array().or(list.as_array()).unwrap().iter().find(|u| u["login"] == "jana").cloned().unwrap();
    assert_eq!(jana["hours"]["hours"]["mon"], "08:00-16:00", "{jana}");
    let log = app.get("/api/v1/audit?kind=calendar").await.expect(200);
    assert!(log["items"].as_array().unwrap().len() >= 3, "{log}");
}

async fn the_guide_and_the_empty_inbox_work_through_the_pages(engine: Engine) {
    let app = spawn_app(engine).await;
    let cookie = admin_session(&app, "en").await;

    // The empty inbox explains itself and offers a test inquiry; the guide is invited to.
    let p = page(&app, &cookie, "en", Method::GET, "/inbox", None).await;
    assert!(p.html.contains("No inquiries yet") && p.html.contains("Send a test inquiry"), "the empty inbox explains");
    assert!(p.html.contains("href=\"/admin/guide\"") && p.html.contains("0 of 6 done"), "the guide is offered");
    let p = page(&app, &cookie, "ru", Method::GET, "/inbox", None).await;
    assert!(p.html.contains("Запросов пока нет"));
    let p = page(&app, &cookie, "en", Method::POST, "/admin/test-inquiry", Some(&[])).await;
    assert_eq!(p.status, 303);
    let lead = p.location.as_deref().and_then(|l| l.strip_prefix("/leads/")).expect("to the new lead").parse::<i64>().unwrap();
    let l = app.get(&format!("/api/v1/leads/{lead}")).await.expect(200);
    assert!(l["subject"].as_str().unwrap().contains("TEST"), "marked as a test: {l}");
    assert_eq!(l["source"], "test");
    let p = page(&app, &cookie, "en", Method::GET, "/inbox", None).await;
    assert!(!p.html.contains("No inquiries yet"), "an inquiry is there now");

    // The guide: a step done, one skipped, a colleague added, finished.
    let p = page(&app, &cookie, "en", Method::GET, "/admin/guide", None).await;
    assert!(p.html.contains("0 of 6 done") && p.html.contains("/admin/settings/sms?back=/admin/guide") && p.html.contains("/admin/forms?back=/admin/guide"));
    let p = page(&app, &cookie, "en", Method::POST, "/admin/guide/company", Some(&[("name", "Střechy Dvořák"), ("do", "done")])).await;
    assert_eq!((p.status, p.location.as_deref()), (303, Some("/admin/guide")));
    assert_eq!(app.get("/api/v1/company").await.expect(200)["name"], "Střechy Dvořák");
    let p = page(&app, &cookie, "en", Method::POST, "/admin/guide/hours", Some(&[("tz", "Europe/Prague"), ("from", "7:30"), ("to", "15:30"), ("do", "done")])).await;
    assert_eq!(p.status, 303);
    assert_eq!(app.get("/api/v1/company/calendar").await.expect(200)["calendar"]["days"][4]["from"], "07:30");
    let p = page(&app, &cookie, "en", Method::POST, "/admin/guide/team", Some(&[("name", "Petra"), ("login", "x"), ("role", "consultant"), ("do", "done")])).await;
    assert_eq!(p.status, 422, "a refused colleague is explained and kept");
    assert!(p.html.contains("value=\"Petra\""));
    let p = page(&app, &cookie, "en", Method::POST, "/admin/guide/team",
        Some(&[("name", "Petra"), ("login", "petra"), ("role", "consultant"), ("phone", "777 222 333"), ("password", "a long enough password"), ("do", "done")])).await;
    assert_eq!(p.status, 200);
    assert!(p.html.contains("Petra can now sign in"));
    let p = page(&app, &cookie, "en", Method::POST, "/admin/guide/channels", Some(&[("do", "skip")])).await;
    assert_eq!(p.status, 303);
    let g = app.get("/api/v1/company/guide").await.expect(200);
    assert_eq!(g["done"], json!(["company", "hours", "team"]));
    assert_eq!(g["skipped"], json!(["channels"]));
    let p = page(&app, &cookie, "en", Method::GET, "/admin/guide", None).await;
    assert!(p.html.contains("3 of 6 done"));
    let p = page(&app, &cookie, "en", Method::POST, "/admin/guide/finish", Some(&[])).await;
    assert_eq!((p.status, p.location.as_deref()), (303, Some("/inbox")));
    let p = page(&app, &cookie, "en", Method::GET, "/inbox", None).await;
    assert!(!p.html.contains("Finish setting Pronto up"), "no longer offered once finished");
    assert_eq!(app.get("/api/v1/company/guide").await.expect(200)["finished"], true);
    // The API does the same.
    let g = app.post("/api/v1/company/guide/form", &json!({ "skip": true })).await.expect(200);
    assert_eq!(g["skipped"], json!(["channels", "form"]));
    app.post("/api/v1/company/guide/nonsense", &json!({})).await.problem(404);
    let t = app.post("/api/v1/company/test-inquiry", &json!({})).await.expect(201);
    assert!(t["lead"].as_i64().is_some());

    // Not an admin: the pages refuse.
    let (_, token) = app.user_with_token("olga", "coordinator").await;
    let r = app.send(app.client.get(app.url("/api/v1/company/guide")).bearer_auth(&token)).await;
    r.problem(403);
}

/// The text of a message with its transfer encodings undone (quoted-printable soft breaks,
/// base64 blocks), for looking into.
fn readable(mail: &str) -> String {
    fn b64(s: &str) -> Vec<u8> {
        let val = |c: u8| match c {
            b'A'..=b'Z' => Some(c - b'A'),
            b'a'..=b'z' => Some(c - b'a' + 26),
            b'0'..=b'9' => Some(c - b'0' + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        };
        let (mut out, mut acc, mut bits) = (Vec::new(), 0u32, 0);
        for v in s.bytes().filter_map(val) {
            acc = (acc << 6) | u32::from(v);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
            }
        }
        out
    }
    let mut out = mail.replace("=\r\n", "").replace("=\n", "");
    let mut block = String::new();
    for line in mail.lines().chain(std::iter::once("")) {
        let l = line.trim();
        if l.len() >= 16 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=') {
            block.push_str(l);
        } else if !block.is_empty() {
            out.push_str(&String::from_utf8_lossy(&b64(&block)));
            block.clear();
        }
    }
    out
}

async fn mail_to_customers_is_signed_by_the_company(engine: Engine) {
    let smtp = testkit::smtp::SmtpServer::start().await;
    // Tuesday 19:00 in Prague: the agency acknowledges the inquiry to the customer by e-mail.
    let app = testkit::spawn_app_with(
        engine,
        testkit::Options::default()
            .manual_clock("2031-05-06T17:00:00Z")
            .env("PRONTO_SMTP_URL", format!("smtp://127.0.0.1:{}", smtp.port))
            .env("PRONTO_SMTP_FROM", "pronto@agency.example"),
    )
    .await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let company = json!({ "name": "Okna Novak", "address": "Dlouha 12, Brno", "web": "okna-novak.example" });
    put(&app, "/api/v1/company", &company, "en").await.expect(200);
    app.create_lead(&json!({ "channel": "web", "contact": { "name": "Jana Nováková", "email": "jana@example.cz" } })).await;
    let to_customer = || smtp.messages().into_iter().find(|m| m.contains("To: jana@example.cz"));
    assert!(testkit::eventually(std::time::Duration::from_secs(10), || async { to_customer().is_some() }).await, "no mail arrived");
    let mail = to_customer().unwrap();
    assert!(mail.contains("From: \"Okna Novak\" <pronto@agency.example>") || mail.contains("From: Okna Novak <pronto@agency.example>"), "{mail}");
    let text = readable(&mail);
    assert!(text.contains("Dlouha 12, Brno") && text.contains("https://okna-novak.example"), "the company's signature: {text}");
}
