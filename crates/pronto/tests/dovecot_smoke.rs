//! Proves the throwaway dovecot of `testkit::dovecot` works: IDLE announced, APPEND gives
//! UIDs, reset gives a new UIDVALIDITY, restart keeps the mail, instances run side by side.

use std::time::Instant;

use testkit::dovecot::Dovecot;

fn message(subject: &str) -> Vec<u8> {
    format!(
        "From: Alice <alice@example.com>\r\nTo: sales@example.com\r\nSubject: {subject}\r\n\
         Message-ID: <{subject}@example.com>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0100\r\n\r\n\
         Hello, I would like a quote.\r\n"
    )
    .into_bytes()
}

fn start() -> Dovecot {
    let started = Instant::now();
    let server = Dovecot::start().unwrap_or_else(|e| panic!("{e}"));
    eprintln!("dovecot on port {} started in {:?}", server.port, started.elapsed());
    server
}

async fn uid_validity(server: &Dovecot, folder: &str) -> u32 {
    let mut session = server.session().await.unwrap();
    let mailbox = session.select(folder).await.unwrap();
    let _ = session.logout().await;
    mailbox.uid_validity.expect("SELECT gives UIDVALIDITY")
}

#[tokio::test]
async fn dovecot_serves_imap_with_idle_uids_resets_and_restarts() {
    let mut server = start();
    assert_eq!(server.url(), format!("imap://{}:{}@127.0.0.1:{}/INBOX", server.user, server.password, server.port));

    let mut session = server.session().await.unwrap();
    let capabilities = session.capabilities().await.unwrap();
    assert!(capabilities.has_str("IDLE"), "IDLE announced");
    assert!(capabilities.has_str("UIDPLUS"), "UIDPLUS announced");
    session.logout().await.unwrap();

    assert_eq!(server.list("INBOX").await.unwrap(), vec![]);
    assert_eq!(server.append("INBOX", &message("first")).await.unwrap(), Some(1));
    assert_eq!(server.append("INBOX", &message("second")).await.unwrap(), Some(2));
    let listed = server.list("INBOX").await.unwrap();
    assert_eq!(listed.iter().map(|(uid, _)| *uid).collect::<Vec<_>>(), vec![1, 2]);
    assert!(listed.iter().all(|(_, flags)| !flags.iter().any(|f| f == "\\Seen")), "{listed:?}");
    // Listing reads without marking anything read.
    assert_eq!(server.list("INBOX").await.unwrap(), listed);

    // A reset of INBOX: empty, a new UIDVALIDITY, UIDs from 1 again.
    let before = uid_validity(&server, "INBOX").await;
    server.reset("INBOX").await.unwrap();
    assert_eq!(server.list("INBOX").await.unwrap(), vec![]);
    let after = uid_validity(&server, "INBOX").await;
    assert_ne!(before, after, "UIDVALIDITY changes on reset");
    assert_eq!(server.append("INBOX", &message("third")).await.unwrap(), Some(1));

    // Other folders: create, append, reset.
    server.create("Leads").await.unwrap();
    assert_eq!(server.append("Leads", &message("lead")).await.unwrap(), Some(1));
    let before = uid_validity(&server, "Leads").await;
    server.reset("Leads").await.unwrap();
    assert_eq!(server.list("Leads").await.unwrap(), vec![]);
    assert_ne!(uid_validity(&server, "Leads").await, before);
    server.reset("Fresh").await.unwrap();
    assert_eq!(server.list("Fresh").await.unwrap(), vec![]);
    assert!(server.append("Missing", &message("x")).await.is_err(), "APPEND to a missing folder fails");

    // Stop: nobody answers; restart: same port, same mail, same UIDVALIDITY.
    let port = server.port;
    let stopping = Instant::now();
    server.stop();
    eprintln!("stop took {:?}", stopping.elapsed());
    assert!(server.list("INBOX").await.is_err(), "stopped server does not answer");
    server.stop(); // idempotent
    let restarting = Instant::now();
    server.restart().unwrap();
    eprintln!("restart took {:?}", restarting.elapsed());
    assert_eq!(server.port, port);
    assert_eq!(server.list("INBOX").await.unwrap().len(), 1);
    assert_eq!(uid_validity(&server, "INBOX").await, after);
    assert_eq!(server.append("INBOX", &message("fourth")).await.unwrap(), Some(2));
}

#[tokio::test]
async fn reset_says_bye_to_an_idling_client_which_then_finds_the_new_uidvalidity() {
    use async_imap::extensions::idle::IdleResponse;
    use async_imap::imap_proto::{Response, Status};

    let server = start();
    for folder in ["INBOX", "Leads"] {
        if folder != "INBOX" {
            server.create(folder).await.unwrap();
        }
        server.append(folder, &message("first")).await.unwrap();
        let before = uid_validity(&server, folder).await;
        let mut session = server.session().await.unwrap();
        session.select(folder).await.unwrap();
        let mut idle = session.idle();
        idle.init().await.unwrap();
        let (wait, _stop) = idle.wait_with_timeout(std::time::Duration::from_secs(10));
        server.reset(folder).await.unwrap();
        match wait.await {
            Ok(IdleResponse::NewData(data)) => {
                assert!(matches!(data.parsed(), Response::Data { status: Status::Bye, .. }), "{folder}: {data:?}")
            }
            Err(_) => {} // connection closed
            other => panic!("{folder}: the idling client is not told about the reset: {other:?}"),
        }
        assert_ne!(uid_validity(&server, folder).await, before);
        assert_eq!(server.append(folder, &message("second")).await.unwrap(), Some(1));
    }
}

#[tokio::test]
async fn instances_run_side_by_side() {
    let starts: Vec<_> = (0..4).map(|_| std::thread::spawn(Dovecot::start)).collect();
    let servers: Vec<Dovecot> = starts.into_iter().map(|t| t.join().unwrap().unwrap_or_else(|e| panic!("{e}"))).collect();
    let mut ports: Vec<u16> = servers.iter().map(|s| s.port).collect();
    ports.sort();
    ports.dedup();
    assert_eq!(ports.len(), servers.len(), "distinct ports");
    for (i, server) in servers.iter().enumerate() {
        for n in 0..=i {
            server.append("INBOX", &message(&format!("m{n}"))).await.unwrap();
        }
    }
    for (i, server) in servers.iter().enumerate() {
        assert_eq!(server.list("INBOX").await.unwrap().len(), i + 1, "each has its own mail");
    }
}

/// Mail appended after a reset is in the new folder, numbered from 1.
#[tokio::test]
async fn append_after_reset_lands() {
    let d = tokio::task::spawn_blocking(Dovecot::start).await.unwrap().unwrap();
    d.create("Leads").await.unwrap();
    let m = b"Message-ID: <a@b>\r\nFrom: a@b.cz\r\nSubject: x\r\n\r\nhi\r\n";
    d.append("Leads", m).await.unwrap();
    d.reset("Leads").await.unwrap();
    let uid = d.append("Leads", m).await.unwrap();
    let uid2 = d.append("Leads", m).await.unwrap();
    assert_eq!((uid, uid2), (Some(1), Some(2)), "UIDs start again at 1 after a reset");
    assert_eq!(d.list("Leads").await.unwrap().len(), 2);
}
