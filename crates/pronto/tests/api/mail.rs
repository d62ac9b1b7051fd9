//! Mail intake through a real IMAP server (Debian's dovecot, started per test on a free port;
//! messages delivered by IMAP APPEND): inquiries become leads at once (IDLE), replies thread
//! into their lead, what is not an inquiry is listed with the reason, nothing is read twice or
//! skipped across restarts, server outages and mailbox resets, and replies written in Pronto
//! leave through a real SMTP server with the conversation's headers.

use crate::agency::{TUESDAY_9, id, kinds, notes, timeline, user};
use testkit::smtp::SmtpServer;
use testkit::both;
use testkit::dovecot::Dovecot;
use testkit::{App, Engine, Options, eventually, spawn_app_with};
use serde_json::{Value, json};
use std::time::Duration;

both!(
    an_inquiry_by_mail_becomes_a_lead_at_once,
    what_is_not_an_inquiry_is_listed_with_the_reason,
    attachments_are_kept_and_only_downloaded,
    a_reply_from_pronto_threads_and_the_answer_comes_back,
    nothing_is_read_twice_or_skipped_across_restarts_outages_and_resets,
    killed_while_reading_every_message_is_stored_once,
    several_mailboxes_from_the_config_file_with_their_options,
    without_idle_the_mailbox_is_polled,
    a_mailbox_that_stops_working_alerts_the_admin
);

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../mail/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

async fn dovecot() -> Dovecot {
    tokio::task::spawn_blocking(Dovecot::start).await.unwrap().expect("dovecot (apt-get install dovecot-imapd; .ci/run installs it)")
}

async fn app_reading(engine: Engine, imap_url: String, opts: Options) -> App {
    let app = spawn_app_with(engine, opts.manual_clock(TUESDAY_9).env("PRONTO_IMAP_URL", imap_url)).await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    app
}

async fn email_leads(app: &App) -> Vec<Value> {
    app.all_leads("channel=email").await
}

async fn wait_leads(app: &App, n: usize) -> Vec<Value> {
    let ok = eventually(Duration::from_secs(15), || async { email_leads(app).await.len() >= n }).await;
    let leads = email_leads(app).await;
    assert!(ok, "expected {n} leads from mail, got {}: {leads:#?}", leads.len());
    leads
}

/// A Czech inquiry in ISO-8859-2 arrives in the mailbox: a lead on the e-mail channel with the
/// decoded sender, subject and text, its e-mail on the conversation, and the consultant's SMS.
async fn an_inquiry_by_mail_becomes_a_lead_at_once(engine: Engine) {
    let d = dovecot().await;
    let app = app_reading(engine, d.url(), Options::default()).await;
    // The reader is idle on the mailbox before the message comes.
    assert!(
        eventually(Duration::from_secs(10), || async {
            app.get("/api/v1/mailboxes").await.expect(200)["items"][0]["state"] == "idle"
        })
        .await,
        "{}",
        app.get("/api/v1/mailboxes").await.expect(200)
    );
    let started = std::time::Instant::now();
    d.append("INBOX", &fixture("01-cs-iso-8859-2-qp.eml")).await.unwrap();
    let leads = wait_leads(&app, 1).await;
    let took = started.elapsed();
    assert!(took < Duration::from_secs(5), "IDLE, not polling: {took:?}");
    let l = &leads[0];
    assert_eq!(l["contact"]["email"], "jan.novak@example.cz", "{l}");
    assert_eq!(l["contact"]["name"], "Jan Novák", "{l}");
    assert_eq!(l["subject"], "Poptávka žaluzií do kanceláře", "{l}");
    assert_eq!(l["source"], "mailbox default", "{l}");
    let lid = id(l);
    let emails = app.get(&format!("/api/v1/leads/{lid}/emails")).await.expect(200);
    let e = &emails["items"][0];
    assert_eq!(e["direction"], "in");
    assert_eq!(e["message_id"], "20250303101500.12345@mail.example.cz");
    assert!(e["text"].as_str().unwrap().contains("žaluzi"), "{e}");
    assert!(kinds(&timeline(&app, lid).await, "email.received").len() == 1);
    // The consultant is told (no phone in the mail: "write an e-mail").
    assert!(notes(&app, lid).await.iter().any(|n| n["channel"] == "sms"), "{:#?}", notes(&app, lid).await);
    // A phone in another sender's signature joins their new contact.
    d.append("INBOX", &fixture("15-signature-phone.eml")).await.unwrap();
    let leads = wait_leads(&app, 2).await;
    let sig = leads.iter().find(|x| x["contact"]["email"] == "tomas.prochazka@stavby-prochazka.cz").expect("the second lead");
    let contact = app.get(&format!("/api/v1/contacts/{}", sig["contact"]["id"])).await.expect(200);
    assert_eq!(contact["phone"], "+420777123456", "{contact}");
    let m = app.get("/api/v1/mailboxes").await.expect(200);
    assert_eq!(m["items"][0]["leads"], 2, "{m}");
    assert_eq!(m["items"][0]["idle_supported"], true, "{m}");
}

/// Auto-replies, bounces, list mail, Pronto's own mail and junk are not leads: each is in the
/// ignored list with its reason, and the mailbox keeps reading after the junk.
async fn what_is_not_an_inquiry_is_listed_with_the_reason(engine: Engine) {
    let d = dovecot().await;
    let app = app_reading(engine, d.url(), Options::default()).await;
    for f in ["11-auto-reply.eml", "12-bounce.eml", "13-list.eml", "16-own-mail.eml", "17-malformed.eml", "02-cs-windows-1250.eml"] {
        d.append("INBOX", &fixture(f)).await.unwrap();
    }
    wait_leads(&app, 1).await;
    let ignored = app.get("/api/v1/mail/ignored").await.expect(200);
    let reasons: Vec<String> = ignored["items"].as_array().unwrap().iter().map(|i| i["reason"].as_str().unwrap().to_owned()).collect();
    assert_eq!(reasons.len(), 5, "{ignored:#}");
    for word in ["auto-reply", "bounce", "mailing list", "loop", "unreadable"] {
        assert!(reasons.iter().any(|r| r.starts_with(word)), "no `{word}` among {reasons:?}");
    }
    assert_eq!(email_leads(&app).await.len(), 1, "only the real inquiry");
    let (_, token) = app.user_with_token("clerk", "secretary").await;
    app.send(app.anon(reqwest::Method::GET, "/api/v1/mail/ignored").bearer_auth(&token)).await.problem(403);
}

async fn attachments_are_kept_and_only_downloaded(engine: Engine) {
    let d = dovecot().await;
    let app = app_reading(engine, d.url(), Options::default()).await;
    d.append("INBOX", &fixture("09-attachments.eml")).await.unwrap();
    let l = id(&wait_leads(&app, 1).await[0]);
    let emails = app.get(&format!("/api/v1/leads/{l}/emails")).await.expect(200);
    let files = emails["items"][0]["attachments"].as_array().unwrap().clone();
    assert!(files.len() >= 2, "{emails:#}");
    for f in &files {
        assert_eq!(f["stored"], true, "{f}");
        let url = f["url"].as_str().unwrap();
        let r = app.send(app.req(reqwest::Method::GET, url)).await;
        assert_eq!(r.status, 200, "{url}");
        assert!(r.header("content-disposition").unwrap().starts_with("attachment;"), "{f}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert!(r.header("content-security-policy").unwrap().contains("sandbox"));
        let ct = r.header("content-type").unwrap();
        assert!(["application/pdf", "image/png", "image/jpeg", "application/octet-stream"].contains(&ct), "{ct}");
    }
    // Each download is in the audit log; someone who does not own the lead opens none.
    let read = app.get("/api/v1/audit?kind=attachment.read").await.expect(200);
    assert_eq!(read["items"].as_array().unwrap().len(), files.len(), "{read}");
    assert_eq!(read["items"][0]["target"], format!("lead/{l}"));
    let (_, clerk) = app.user_with_token("clerk.files", "secretary").await;
    let r = app.send(app.anon(reqwest::Method::GET, files[0]["url"].as_str().unwrap()).bearer_auth(&clerk)).await;
    r.problem(403);
    app.send(app.req(reqwest::Method::GET, "/api/v1/attachments/999999")).await.problem(404);
    app.send(app.anon(reqwest::Method::GET, files[0]["url"].as_str().unwrap())).await.problem(401);
}

/// The consultant answers from Pronto: the mail leaves through SMTP answering the customer's
/// message (In-Reply-To, References, Reply-To with the lead's tag), counts as the first
/// response; the customer's answer comes back into the same lead and tells the owner.
async fn a_reply_from_pronto_threads_and_the_answer_comes_back(engine: Engine) {
    let smtp = SmtpServer::start().await;
    let d = dovecot().await;
    let app = app_reading(
        engine,
        d.url(),
        Options::default()
            .env("PRONTO_SMTP_URL", format!("smtp://127.0.0.1:{}", smtp.port))
            .env("PRONTO_SMTP_FROM", "Firma <inbox@firma.cz>"),
    )
    .await;
    d.append("INBOX", &fixture("01-cs-iso-8859-2-qp.eml")).await.unwrap();
    let lead = wait_leads(&app, 1).await.remove(0);
    let l = id(&lead);
    assert!(lead["first_response_at"].is_null());
    let sent = app
        .post(&format!("/api/v1/leads/{l}/emails"), &json!({ "text": "Dobrý den, pane Nováku,\nrádi vám pošleme nabídku." }))
        .await
        .expect(201);
    assert_eq!(sent["direction"], "out");
    assert_eq!(sent["subject"], "Re: Poptávka žaluzií do kanceláře");
    let ours = sent["message_id"].as_str().unwrap().to_owned();
    assert!(ours.starts_with(&format!("pronto.lead{l}.")) && ours.ends_with("@firma.cz"), "{ours}");
    // A response once it left (the delivery worker sends it at once here).
    let answered =
        eventually(Duration::from_secs(10), || async { !app.get(&format!("/api/v1/leads/{l}")).await.expect(200)["first_response_at"].is_null() })
            .await;
    assert!(answered, "a response once sent");
    // (The playbook's acknowledgement to the customer may go through SMTP too.)
    let ours_header = format!("Message-ID: <{ours}>");
    let found = eventually(Duration::from_secs(10), || async { smtp.messages().iter().any(|m| m.contains(&ours_header)) }).await;
    assert!(found, "our reply did not reach SMTP: {:?}", smtp.messages());
    let mail = smtp.messages().into_iter().find(|m| m.contains(&ours_header)).unwrap();
    assert!(mail.contains("In-Reply-To: <20250303101500.12345@mail.example.cz>"), "{mail}");
    assert!(mail.contains("References: <20250303101500.12345@mail.example.cz>"), "{mail}");
    assert!(mail.contains(&format!("Message-ID: <{ours}>")), "{mail}");
    assert!(!mail.contains("Auto-Submitted"), "a person's mail: {mail}");
    assert!(mail.contains("To: jan.novak@example.cz"), "{mail}");
    // The customer answers (their client quotes us and replies to our Message-ID).
    let answer = format!(
        "Message-ID: <answer.1@mail.example.cz>\r\nIn-Reply-To: <{ours}>\r\nReferences: <20250303101500.12345@mail.example.cz> <{ours}>\r\n\
         Date: Tue, 4 Mar 2025 09:30:00 +0100\r\nFrom: Jan Novak <jan.novak@example.cz>\r\nTo: inbox@firma.cz\r\n\
         Subject: Re: Poptavka\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDěkuji, pošlete ji prosím do pátku.\r\n\r\n> Dobrý den, pane Nováku,\r\n"
    );
    d.append("INBOX", answer.as_bytes()).await.unwrap();
    assert!(
        eventually(Duration::from_secs(15), || async {
            app.get(&format!("/api/v1/leads/{l}/emails")).await.expect(200)["items"].as_array().unwrap().len() == 3
        })
        .await
    );
    assert_eq!(email_leads(&app).await.len(), 1, "no new lead for a reply");
    let acts = app.get(&format!("/api/v1/leads/{l}/activities")).await.expect(200);
    let inbound = acts["items"].as_array().unwrap().iter().find(|a| a["kind"] == "email" && a["direction"] == "in").cloned().expect("the answer");
    assert_eq!(inbound["body"], "Děkuji, pošlete ji prosím do pátku.", "only the new part: {inbound}");
    // The owner (the consultant who got the lead) hears about it in the app.
    let owner = lead["owner"]["id"].as_i64().or(lead["owner_id"].as_i64());
    let told = notes(&app, l).await;
    assert!(told.iter().any(|n| n["kind"] == "email_reply" && n["channel"] == "in_app" && (owner.is_none() || n["recipient"]["user_id"] == owner.unwrap())), "{told:#?}");
    // The tag alone from a stranger does not attach to someone else's lead.
    let stranger = format!(
        "Message-ID: <x.9@evil.example>\r\nDate: Tue, 4 Mar 2025 09:30:00 +0100\r\nFrom: Eve <eve@evil.example>\r\nTo: inbox+lead{l}@firma.cz\r\nSubject: hi\r\n\r\nhello\r\n"
    );
    d.append("INBOX", stranger.as_bytes()).await.unwrap();
    wait_leads(&app, 2).await;
    app.post(&format!("/api/v1/leads/{l}/emails"), &json!({ "text": " " })).await.invalid(&["text"]);
    app.post("/api/v1/leads/999999/emails", &json!({ "text": "x" })).await.problem(404);
}

/// Two messages read; Pronto stops; two more arrive meanwhile; Pronto starts: four leads. The
/// IMAP server goes away and comes back: the reader reconnects and reads what came. The folder
/// is recreated (new UIDVALIDITY) with an old message in it again: not a second lead.
async fn nothing_is_read_twice_or_skipped_across_restarts_outages_and_resets(engine: Engine) {
    let mut d = dovecot().await;
    // IDLE renewed every 2 s: dovecot does not tell a session about a folder recreated under it.
    // A folder of its own (dovecot cannot recreate INBOX cleanly under a connected client).
    d.create("Leads").await.unwrap();
    let url = format!("{}?idle_renew=2", d.url().trim_end_matches("INBOX").to_owned() + "Leads");
    let mut app = app_reading(engine, url, Options::default()).await;
    let msg = |n: u32| {
        format!(
            "Message-ID: <restart.{n}@example.cz>\r\nDate: Tue, 4 Mar 2025 09:30:00 +0100\r\nFrom: Zakaznik {n} <z{n}@example.cz>\r\n\
             To: inbox@firma.cz\r\nSubject: Poptavka {n}\r\n\r\nDobry den, poptavka cislo {n}.\r\n"
        )
        .into_bytes()
    };
    d.append("Leads", &msg(1)).await.unwrap();
    d.append("Leads", &msg(2)).await.unwrap();
    wait_leads(&app, 2).await;
    app.stop().await;
    d.append("Leads", &msg(3)).await.unwrap();
    d.append("Leads", &msg(4)).await.unwrap();
    app.start().await;
    wait_leads(&app, 4).await;
    // The server goes away (the reader fails and retries) and comes back.
    d.stop();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    tokio::task::block_in_place(|| d.restart()).unwrap();
    d.append("Leads", &msg(5)).await.unwrap();
    wait_leads(&app, 5).await;
    // A reset: the folder is recreated empty; an old message comes back, and a new one.
    d.reset("Leads").await.unwrap();
    // (The kicked session of the old folder must be gone first: dovecot's exiting process can
    // otherwise hide mail appended to the new folder in the same instant.)
    tokio::time::sleep(Duration::from_millis(2500)).await;
    d.append("Leads", &msg(2)).await.unwrap();
    d.append("Leads", &msg(6)).await.unwrap();
    wait_leads(&app, 6).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let leads = email_leads(&app).await;
    let mut subjects: Vec<String> = leads.iter().map(|l| l["subject"].as_str().unwrap().to_owned()).collect();
    subjects.sort();
    assert_eq!(subjects, (1..=6).map(|n| format!("Poptavka {n}")).collect::<Vec<_>>(), "each once");
    // Never deleted: everything is still in the folder.
    assert_eq!(d.list("Leads").await.unwrap().len(), 2);
}

/// A mailbox that cannot be reached alerts the admins (the peers' silent failure); the test
/// button says why, precisely.
async fn a_mailbox_that_stops_working_alerts_the_admin(engine: Engine) {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let app = spawn_app_with(
        engine,
        Options::default()
            .manual_clock(TUESDAY_9)
            .env("PRONTO_IMAP_URL", format!("imap://u:wrong@127.0.0.1:{closed}/INBOX"))
            // The test of a typed-in address reaches a host inside the network only when allowed.
            .env("PRONTO_WEBHOOK_ALLOW", "127.0.0.1"),
    )
    .await;
    let me = app.me().await["id"].as_i64().unwrap();
    assert!(
        eventually(Duration::from_secs(20), || async {
            let ns = app.get(&format!("/api/v1/notifications?recipient={me}")).await.expect(200);
            ns["items"].as_array().unwrap().iter().any(|n| n["kind"] == "mailbox_failed" && n["channel"] == "in_app")
        })
        .await,
        "no alert to the admin"
    );
    let m = app.get("/api/v1/mailboxes").await.expect(200);
    assert_eq!(m["items"][0]["state"], "failing", "{m}");
    assert!(m["items"][0]["last_error"].as_str().unwrap().contains("cannot connect"), "{m}");
    let t = app.post("/api/v1/mailboxes/default/test", &json!({})).await.expect(200);
    assert_eq!(t["ok"], false);
    assert!(t["error"].as_str().unwrap().contains(&format!("127.0.0.1:{closed}")), "{t}");
    // A working server, tested before it goes into the configuration.
    let d = dovecot().await;
    let ok = app.post("/api/v1/mailboxes/test", &json!({ "url": d.url() })).await.expect(200);
    assert_eq!((ok["ok"].as_bool(), ok["idle"].as_bool()), (Some(true), Some(true)), "{ok}");
    let bad = d.url().replacen(&format!(":{}@", d.password), ":nope@", 1);
    let t = app.post("/api/v1/mailboxes/test", &json!({ "url": bad })).await.expect(200);
    assert!(t["error"].as_str().unwrap().contains("refused the login"), "{t}");
    app.post("/api/v1/mailboxes/test", &json!({ "url": "pop3://x" })).await.invalid(&["url"]);
    app.post("/api/v1/mailboxes/nosuch/test", &json!({})).await.problem(404);
}

fn numbered(n: u32, extra: &str) -> Vec<u8> {
    format!(
        "Message-ID: <n.{n}@example.cz>\r\nDate: Tue, 4 Mar 2025 09:30:00 +0100\r\nFrom: Zakaznik {n} <z{n}@example.cz>\r\n\
         To: inbox@firma.cz\r\nSubject: Poptavka {n}\r\n{extra}\r\nDobry den, poptavka cislo {n}.\r\n"
    )
    .into_bytes()
}

/// Thirty messages wait; Pronto is SIGKILLed while it reads them and started again: every one
/// becomes exactly one lead (the lead and the cursor commit together).
async fn killed_while_reading_every_message_is_stored_once(engine: Engine) {
    let d = dovecot().await;
    for n in 1..=30 {
        d.append("INBOX", &numbered(n, "")).await.unwrap();
    }
    let mut app = app_reading(engine, d.url(), Options::default()).await;
    assert!(eventually(Duration::from_secs(15), || async { !email_leads(&app).await.is_empty() }).await);
    app.kill().await;
    app.start().await;
    let leads = wait_leads(&app, 30).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut subjects: Vec<String> = email_leads(&app).await.iter().map(|l| l["subject"].as_str().unwrap().to_owned()).collect();
    subjects.sort();
    subjects.dedup();
    assert_eq!((leads.len(), subjects.len()), (30, 30), "each message once: {subjects:?}");
    assert_eq!(email_leads(&app).await.len(), 30);
}

/// Two mailboxes from the config file: one marks processed mail \Seen and moves it to a
/// folder, keeps attachments up to 1 MB (a bigger one is listed, not kept); the other reads
/// only the beginning of a message over 1 MB.
async fn several_mailboxes_from_the_config_file_with_their_options(engine: Engine) {
    let d = dovecot().await;
    d.create("Processed").await.unwrap();
    d.create("Big").await.unwrap();
    d.create("Odd").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("pronto.toml");
    std::fs::write(
        &config,
        format!(
            "[mailboxes.sales]\nhost = \"127.0.0.1\"\nport = {port}\ntls = \"none\"\nuser = \"{user}\"\npassword_env = \"SALES_IMAP_PASSWORD\"\n\
             mark_seen = true\nmove_to = \"Processed\"\nmax_attachment_mb = 1\nsource = \"sales mailbox\"\n\n\
             [mailboxes.big]\nurl = \"imap://{user}:{pw}@127.0.0.1:{port}/Big\"\nmax_message_mb = 1\n\n\
             [mailboxes.odd]\nurl = \"imap://{user}:{pw}@127.0.0.1:{port}/Odd\"\nplaybook = \"not-loaded\"\n",
            port = d.port,
            user = d.user,
            pw = d.password
        ),
    )
    .unwrap();
    let app = spawn_app_with(
        engine,
        Options::default()
            .manual_clock(TUESDAY_9)
            .env("PRONTO_CONFIG", config.display())
            .env("SALES_IMAP_PASSWORD", &d.password),
    )
    .await;
    user(&app, "jana", "consultant", "+420 777 000 001").await;
    let big_file = "A".repeat(1_500_000);
    let with_big_attachment = format!(
        "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nV priloze vykres.\r\n\
         --b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"vykres.dwg\"\r\n\r\n{big_file}\r\n--b--\r\n"
    );
    let head = |n: u32, extra: &str| {
        format!(
            "Message-ID: <n.{n}@example.cz>\r\nDate: Tue, 4 Mar 2025 09:30:00 +0100\r\nFrom: Zakaznik {n} <z{n}@example.cz>\r\n\
             To: inbox@firma.cz\r\nSubject: Poptavka {n}\r\n{extra}"
        )
    };
    d.append("INBOX", format!("{}{with_big_attachment}", head(1, "")).as_bytes()).await.unwrap();
    d.append("INBOX", &fixture("09-attachments.eml")).await.unwrap();
    d.append("Big", format!("{}{with_big_attachment}", head(2, "")).as_bytes()).await.unwrap();
    let leads = wait_leads(&app, 3).await;
    let m = app.get("/api/v1/mailboxes").await.expect(200);
    let names: Vec<&str> = m["items"].as_array().unwrap().iter().map(|b| b["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["big", "odd", "sales"], "by name: {m}");
    // sales: the big attachment listed, not kept; the small ones kept.
    let one = leads.iter().find(|l| l["subject"] == "Poptavka 1").unwrap();
    assert_eq!(one["source"], "sales mailbox");
    let e = app.get(&format!("/api/v1/leads/{}/emails", id(one))).await.expect(200);
    let f = &e["items"][0]["attachments"][0];
    assert_eq!((f["filename"].as_str(), f["stored"].as_bool(), f["size"].as_i64()), (Some("vykres.dwg"), Some(false), Some(1_500_000)), "{e}");
    assert!(f["url"].is_null());
    // big: only the beginning read, and said so.
    let two = leads.iter().find(|l| l["subject"] == "Poptavka 2").unwrap();
    let e = app.get(&format!("/api/v1/leads/{}/emails", id(two))).await.expect(200);
    assert!(e["items"][0]["text"].as_str().unwrap().contains("only its beginning was read"), "{e}");
    assert!(e["items"][0]["attachments"].as_array().unwrap().is_empty());
    // sales: processed mail moved to Processed and marked \Seen; nothing deleted.
    assert!(eventually(Duration::from_secs(5), || async { d.list("INBOX").await.unwrap().is_empty() }).await);
    let moved = d.list("Processed").await.unwrap();
    assert_eq!(moved.len(), 2, "{moved:?}");
    assert!(moved.iter().all(|(_, flags)| flags.iter().any(|f| f == "\\Seen")), "{moved:?}");
    assert_eq!(d.list("Big").await.unwrap().len(), 1, "the other mailbox keeps its mail");
    // A mailbox whose leads cannot be stored (its playbook is not loaded) does not stall: the
    // message is listed with the reason and the next one is read too.
    d.append("Odd", &numbered(7, "")).await.unwrap();
    d.append("Odd", &numbered(8, "")).await.unwrap();
    assert!(
        testkit::eventually(std::time::Duration::from_secs(10), || async {
            app.get("/api/v1/mail/ignored").await.expect(200)["items"].as_array().unwrap().len() == 2
        })
        .await
    );
    let ignored = app.get("/api/v1/mail/ignored").await.expect(200);
    assert!(ignored["items"][0]["reason"].as_str().unwrap().contains("not-loaded"), "{ignored}");
}

/// A server without IDLE (or `idle=false`) is polled.
async fn without_idle_the_mailbox_is_polled(engine: Engine) {
    let d = dovecot().await;
    let app = app_reading(engine, format!("{}?idle=false&poll=1", d.url()), Options::default()).await;
    assert!(
        eventually(Duration::from_secs(10), || async {
            app.get("/api/v1/mailboxes").await.expect(200)["items"][0]["state"] == "polling"
        })
        .await
    );
    d.append("INBOX", &numbered(1, "")).await.unwrap();
    wait_leads(&app, 1).await;
}

/// Two nodes on one PostgreSQL: an attachment node A read from the mailbox is downloaded from
/// node B (it is in the database, not in A's data directory).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_attachment_read_by_one_node_is_downloaded_from_another() {
    if !testkit::postgres_enabled() {
        eprintln!("SKIPPED: PRONTO_TEST_POSTGRES=off");
        return;
    }
    let d = dovecot().await;
    let a = app_reading(Engine::Postgres, d.url(), Options::default()).await;
    let mut b = testkit::spawn_app_on(testkit::Storage::sharing(&a.storage), Options::default().manual_clock(TUESDAY_9)).await;
    d.append("INBOX", &fixture("09-attachments.eml")).await.unwrap();
    let l = id(&wait_leads(&a, 1).await[0]);
    let emails = b.get(&format!("/api/v1/leads/{l}/emails")).await.expect(200);
    let files = emails["items"][0]["attachments"].as_array().unwrap().clone();
    assert!(files.len() >= 2, "{emails:#}");
    for f in &files {
        let url = f["url"].as_str().unwrap();
        let from_a = a.send(a.req(reqwest::Method::GET, url)).await;
        let from_b = b.send(b.req(reqwest::Method::GET, url)).await;
        assert_eq!((from_a.status, from_b.status), (200, 200), "{url}");
        assert_eq!(from_b.text, from_a.text, "{url}: the same file from either node");
        assert_eq!(from_b.header("content-length").map(str::to_owned), Some(f["size"].to_string()), "{f}");
    }
    assert!(!a.storage.dir.path().join("attachments").exists(), "nothing kept in A's own folder");
    b.stop().await;
}
