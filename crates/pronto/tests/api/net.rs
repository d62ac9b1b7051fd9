//! What a connection may cost (issue 16, items 1 and 6), on the real binary: a flood of idle and
//! header-trickling sockets does not starve other clients, idle and slow-header connections are
//! closed, the per-address and total caps, the request time limit (408 for a slow body; the live
//! stream exempt), the cap on live streams per user, and `X-Forwarded-For` read from the right.
//!
//! Other clients come from other loopback addresses (the whole of 127/8 is local on Linux).

use futures_util::StreamExt;
use reqwest::Method;
use serde_json::json;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use testkit::both;
use testkit::{App, Engine, Options, spawn_app_with};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::time::Instant;

both!(connection_flood, forwarded_for_is_read_from_the_right);

fn server_addr(app: &App) -> SocketAddr {
    app.base().trim_start_matches("http://").parse().expect("server address")
}

/// A connection to `to` from the loopback address `from`.
async fn connect_from(from: [u8; 4], to: SocketAddr) -> std::io::Result<TcpStream> {
    let s = TcpSocket::new_v4()?;
    s.bind(SocketAddr::from((from, 0)))?;
    s.connect(to).await
}

/// A client whose connections come from `from`.
fn client_from(from: [u8; 4]) -> reqwest::Client {
    pronto_alerts::install_tls();
    reqwest::Client::builder()
        .local_address(IpAddr::from(from))
        .timeout(Duration::from_secs(20))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// True when the server closed `s` (end of file or reset) within `within`; what it sent
/// before (an answer, a refusal) is read and dropped.
async fn closed_within(s: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, s.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
        }
    }
}

/// Everything the server sends until it closes (or `within` passes), as text.
async fn read_all(s: &mut TcpStream, within: Duration) -> String {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + within;
    while let Ok(Ok(n)) = tokio::time::timeout_at(deadline, s.read(&mut buf)).await {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One request on a kept-alive connection; the answer's head and body as text.
async fn get_on(s: &mut TcpStream, path: &str) -> String {
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: pronto\r\n\r\n").as_bytes()).await.expect("write");
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf)).await.expect("an answer in time").expect("read");
        assert!(n > 0, "closed before answering: {}", String::from_utf8_lossy(&out));
        out.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&out);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let len = head
                .lines()
                .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap()))
                .unwrap_or(0);
            if body.len() >= len {
                return text.into_owned();
            }
        }
    }
}

/// Our own open-files limit as high as it goes: the test holds 1,700 sockets.
fn raise_own_nofile() {
    let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: plain system calls on a local struct.
    unsafe {
        assert_eq!(libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim), 0);
        lim.rlim_cur = lim.rlim_max;
        libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim);
    }
    assert!(lim.rlim_cur >= 4096, "this test needs at least 4096 open files, the hard limit is {}", lim.rlim_max);
}

/// The attack: a server with 1,024 descriptors, one client holding 1,500 idle sockets
/// and 200 that send their headers a byte a second; another client still gets `/healthz` and
/// sends a web form, each in under a second.
async fn connection_flood(engine: Engine) {
    raise_own_nofile();
    let app = spawn_app_with(engine, Options::default().nofile(1024)).await;
    let addr = server_addr(&app);

    // A hundred connecting at a time (more would overflow the kernel's accept queue, which
    // leaves sockets half-open on our side whatever the server does).
    let idle: Vec<TcpStream> = futures_util::stream::iter(0..1500)
        .map(|_| tokio::time::timeout(Duration::from_secs(5), connect_from([127, 0, 0, 1], addr)))
        .buffer_unordered(100)
        .filter_map(|r| async move { r.ok().and_then(Result::ok) })
        .collect()
        .await;
    let mut trickle = tokio::task::JoinSet::new();
    for _ in 0..200 {
        trickle.spawn(async move {
            let Ok(Ok(mut s)) = tokio::time::timeout(Duration::from_secs(5), connect_from([127, 0, 0, 1], addr)).await else { return };
            let head =
                b"GET /healthz HTTP/1.1\r\nHost: pronto\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
            for b in head {
                if s.write_all(&[*b]).await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }
    // The trickle is under way.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(idle.len() >= 1000, "the attacker opened {} sockets", idle.len());

    let other = client_from([127, 0, 0, 2]);
    let t = Instant::now();
    let health = other.get(app.url("/healthz")).send().await.unwrap_or_else(|e| panic!("/healthz during the flood: {e}\n{}", app.output()));
    let took = t.elapsed();
    assert_eq!(health.status(), 200);
    assert!(took < Duration::from_secs(1), "/healthz took {took:?} during the flood");
    let fresh = client_from([127, 0, 0, 2]);
    let t = Instant::now();
    let form = fresh
        .post(app.url("/forms/default"))
        .header("accept", "application/json")
        .form(&[("name", "Flood survivor"), ("email", "survivor@example.com")])
        .send()
        .await
        .expect("the web form during the flood");
    let took = t.elapsed();
    assert_eq!(form.status(), 201, "{:?}", form.text().await);
    assert!(took < Duration::from_secs(1), "the web form took {took:?} during the flood");

    // The attacker's address holds at most its 64 places; the rest were closed at once.
    let still_open =
        futures_util::future::join_all(idle.into_iter().map(|mut s| async move { !closed_within(&mut s, Duration::from_secs(2)).await }))
            .await
            .into_iter()
            .filter(|open| *open)
            .count();
    assert!(still_open <= 64, "{still_open} of the idle sockets are still open");
    trickle.abort_all();
    assert_eq!(app.all_leads("").await.len(), 1, "the form's lead is stored");
}

/// A connection that sends nothing is closed after the idle timeout (not the shorter header
/// timeout), so is a kept-alive one after its answer, and one that trickles its headers after
/// the header timeout although bytes keep coming.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_slow_header_connections_are_closed() {
    let opts = Options::default().env("PRONTO_HEADER_TIMEOUT", 1).env("PRONTO_IDLE_TIMEOUT", 4);
    let app = spawn_app_with(Engine::Sqlite, opts).await;
    let addr = server_addr(&app);

    let mut idle = connect_from([127, 0, 0, 1], addr).await.unwrap();
    let mut kept = connect_from([127, 0, 0, 1], addr).await.unwrap();
    let answer = get_on(&mut kept, "/healthz").await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let mut slow = connect_from([127, 0, 0, 1], addr).await.unwrap();
    let writer = tokio::spawn(async move {
        let (_, mut w) = slow.split();
        for b in b"GET /healthz HTTP/1.1\r\nHost: pronto\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n" {
            if w.write_all(&[*b]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let mut buf = [0u8; 64];
        slow.read(&mut buf).await
    });

    let t = Instant::now();
    let slow_end = tokio::time::timeout(Duration::from_secs(3), writer).await.expect("the trickler was cut off within 3 s").unwrap();
    assert!(matches!(slow_end, Ok(0) | Err(_)), "the trickler got no answer, only the close: {slow_end:?}");
    assert!(
        !closed_within(&mut idle, Duration::from_secs(2).saturating_sub(t.elapsed())).await,
        "idle is not closed at the header timeout"
    );
    assert!(!closed_within(&mut kept, Duration::from_millis(100)).await, "kept-alive is not closed at the header timeout");
    assert!(closed_within(&mut idle, Duration::from_secs(5)).await, "idle is closed after the idle timeout");
    assert!(closed_within(&mut kept, Duration::from_secs(5)).await, "kept-alive is closed after the idle timeout");
}

/// Over the per-address cap a connection is answered 429 and closed at once while other
/// addresses come in; over the total cap 503; a closed connection's place is free again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_caps_per_address_and_in_total() {
    let opts = Options::default().env("PRONTO_MAX_CONNECTIONS_PER_IP", 4).env("PRONTO_MAX_CONNECTIONS", 16);
    let app = spawn_app_with(Engine::Sqlite, opts).await;
    let addr = server_addr(&app);

    let mut held = Vec::new();
    for host in 10..14u8 {
        for _ in 0..4 {
            let mut s = connect_from([127, 0, 0, host], addr).await.unwrap();
            let answer = get_on(&mut s, "/healthz").await;
            assert!(answer.starts_with("HTTP/1.1 200"), "127.0.0.{host}: {answer}");
            held.push(s);
        }
    }
    let mut fifth = connect_from([127, 0, 0, 10], addr).await.unwrap();
    let refusal = read_all(&mut fifth, Duration::from_secs(2)).await;
    assert!(refusal.starts_with("HTTP/1.1 429"), "a fifth connection from one address: {refusal:?}");
    assert!(refusal.contains("too many connections are open from your address"), "{refusal}");

    let mut seventeenth = connect_from([127, 0, 0, 20], addr).await.unwrap();
    let refusal = read_all(&mut seventeenth, Duration::from_secs(2)).await;
    assert!(refusal.starts_with("HTTP/1.1 503"), "the 17th connection: {refusal:?}");

    // One of the first address's connections ends: a place for another address.
    drop(held.remove(0));
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let mut s = connect_from([127, 0, 0, 20], addr).await.unwrap();
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: pronto\r\nConnection: close\r\n\r\n").await.unwrap();
        let answer = read_all(&mut s, Duration::from_secs(2)).await;
        if answer.starts_with("HTTP/1.1 200") {
            break;
        }
        assert!(Instant::now() < deadline, "the freed place was not given again: {answer:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A body that stops arriving is answered 408 when the request time is up; the live event
/// stream is not timed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_bodies_time_out_but_the_live_stream_does_not() {
    let app = spawn_app_with(Engine::Sqlite, Options::default().env("PRONTO_REQUEST_TIMEOUT", 2)).await;
    let addr = server_addr(&app);

    let mut stream = app.req(Method::GET, "/api/v1/events/stream").send().await.expect("stream");
    assert_eq!(stream.status(), 200);

    let mut s = connect_from([127, 0, 0, 1], addr).await.unwrap();
    s.write_all(
        b"POST /forms/default HTTP/1.1\r\nHost: pronto\r\nAccept: application/json\r\n\
          Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nname=Slo",
    )
    .await
    .unwrap();
    let t = Instant::now();
    let answer = read_all(&mut s, Duration::from_secs(6)).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
    assert!(answer.contains("application/problem+json"), "{answer}");
    assert!(answer.contains("the request body did not arrive within 2 s"), "{answer}");
    assert!(t.elapsed() >= Duration::from_millis(1500), "answered before the limit: {:?}", t.elapsed());

    // Well past the limit, the stream still delivers.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let lead = app.create_lead(&json!({ "channel": "phone", "contact": { "name": "Still streaming", "phone": "+420777000111" } })).await;
    let id = lead["id"].as_i64().unwrap();
    let mut seen = String::new();
    while !seen.contains(&format!("\"id\":{id}")) {
        let chunk =
            tokio::time::timeout(Duration::from_secs(10), stream.chunk()).await.expect("an event in time").expect("the stream goes on");
        seen.push_str(&String::from_utf8_lossy(&chunk.expect("the stream did not end")));
    }
}

/// A user holds at most `PRONTO_STREAMS_PER_USER` live streams: one more is 429 with a clear
/// message, other users are not affected, and a closed stream's place is free again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_streams_per_user_are_capped() {
    let app = spawn_app_with(Engine::Sqlite, Options::default().env("PRONTO_STREAMS_PER_USER", 2)).await;
    let (_, other) = app.user_with_token("streamer", "consultant").await;
    let open = || app.req(Method::GET, "/api/v1/events/stream").send();
    let first = open().await.unwrap();
    let second = open().await.unwrap();
    assert_eq!((first.status().as_u16(), second.status().as_u16()), (200, 200));
    let third = app.send(app.req(Method::GET, "/api/v1/events/stream")).await;
    let p = third.problem(429);
    assert_eq!(p["detail"], "at most 2 live event streams may be open at once per user; close one first");
    let theirs = app.client.get(app.url("/api/v1/events/stream")).bearer_auth(&other).send().await.unwrap();
    assert_eq!(theirs.status(), 200, "another user's stream");

    drop(first);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let again = open().await.unwrap();
        if again.status() == 200 {
            break;
        }
        assert_eq!(again.status(), 429);
        assert!(Instant::now() < deadline, "the closed stream's place was not given back");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Behind a trusted proxy the client is the right-most address the proxy did not add itself:
/// a spoofed first entry changes nothing, so it cannot escape the form's rate limit.
async fn forwarded_for_is_read_from_the_right(engine: Engine) {
    // The test connects from 127.0.0.1: that is "the proxy".
    let opts = Options::default().env("PRONTO_FORM_RATE_LIMIT", 3).env("PRONTO_TRUSTED_PROXIES", "127.0.0.0/30, 10.0.0.0/8");
    let app = spawn_app_with(engine, opts).await;
    let post = |xff: String| {
        app.send(
            app.anon(Method::POST, "/forms/default")
                .header("accept", "application/json")
                .header("x-forwarded-for", xff)
                .form(&[("name", "Spoofer")]),
        )
    };
    for n in 0..3 {
        post(format!("192.0.2.{n}, 203.0.113.7, 10.0.0.5")).await.expect(201);
    }
    let p = post("192.0.2.99, 203.0.113.7, 10.0.0.5".into()).await.problem(429);
    assert!(p["detail"].as_str().unwrap().contains("too many submissions"), "{p}");
    post("192.0.2.1, 198.51.100.8".into()).await.expect(201);

    // Not from a trusted proxy: the header is not read at all (another server, same rules).
    let direct =
        spawn_app_with(engine, Options::default().env("PRONTO_FORM_RATE_LIMIT", 2).env("PRONTO_TRUSTED_PROXIES", "10.0.0.0/8")).await;
    let post = |xff: &str| {
        direct.send(
            direct
                .anon(Method::POST, "/forms/default")
                .header("accept", "application/json")
                .header("x-forwarded-for", xff)
                .form(&[("name", "Direct")]),
        )
    };
    post("198.51.100.1").await.expect(201);
    post("198.51.100.2").await.expect(201);
    post("198.51.100.3").await.problem(429);
}
