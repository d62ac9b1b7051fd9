//! `pronto serve`'s own accept loop (hyper's HTTP/1 over tokio), which owns what a connection
//! may cost: the cap on connections at once (in total and per client address), the time a
//! client has to send a request's headers, how long a kept-alive connection may sit idle, and
//! how long a request may go without a byte moving either way (a client that stopped reading).
//! A connection over a cap is accepted and closed at once (with a best-effort 503), so it does
//! not wait in the kernel's backlog in front of everyone else. Request time limits are the
//! web layer's (`pronto_web::limits`); this loop only marks which request is the live stream.
//!
//! The caps count the socket's peer (never `X-Forwarded-For`); an IPv6 client counts per /64,
//! which is what one household or server gets. Graceful shutdown: no new connections, idle ones
//! close, requests in progress finish (a live event stream is cut), then `serve` returns.
//!
//! The decisions are pure functions ([`admit`], [`verdict`], [`default_max_connections`]).

use axum::extract::ConnectInfo;
use hyper::body::{Body as HttpBody, Frame, SizeHint};
use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;

/// The route that streams for as long as the client listens.
pub const STREAM_PATH: &str = "/api/v1/events/stream";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub header_timeout: Duration,
    pub idle_timeout: Duration,
    pub max_connections: usize,
    pub max_per_ip: usize,
    /// A request during which no byte moves either way for this long is cut (a client that
    /// stopped reading its answer).
    pub stall_timeout: Duration,
    /// How long a graceful shutdown waits for requests in progress.
    pub grace: Duration,
}

/// Raises the soft open-files limit to the hard one (a server's descriptors are its
/// connections) and returns the soft limit now in force (`None` where it cannot be read).
pub fn raise_nofile_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: getrlimit/setrlimit only read and write the struct we pass.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } != 0 {
            return None;
        }
        if lim.rlim_cur < lim.rlim_max {
            let raised = libc::rlimit { rlim_cur: lim.rlim_max, rlim_max: lim.rlim_max };
            // SAFETY: as above.
            if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
                lim.rlim_cur = lim.rlim_max;
            }
        }
        Some(lim.rlim_cur as u64)
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Connections at once for an open-files limit: a quarter of the descriptors (at least 128)
/// stay for the database, stored files, mail and webhooks; at most 20,000 connections.
pub fn default_max_connections(nofile: Option<u64>) -> usize {
    let Some(n) = nofile else { return 1000 };
    let reserve = (n / 4).max(128);
    (n.saturating_sub(reserve) as usize).clamp(16, 20_000)
}

/// Why a connection is refused at the door.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Total,
    PerIp,
}

/// Whether one more connection may come in, with `open` connections in total and `from_ip`
/// of them from its address (an address over its own cap is told so, whatever the total).
pub fn admit(open: usize, from_ip: usize, limits: &Limits) -> Result<(), Refusal> {
    if from_ip >= limits.max_per_ip {
        Err(Refusal::PerIp)
    } else if open >= limits.max_connections {
        Err(Refusal::Total)
    } else {
        Ok(())
    }
}

/// The address a connection counts against: IPv4 as is (also when mapped into IPv6), IPv6 per /64.
pub fn ip_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !((1u128 << 64) - 1))),
        },
    }
}

/// The open connections, in total and per address.
#[derive(Default)]
struct Admission {
    open: Mutex<(usize, HashMap<IpAddr, usize>)>,
}

/// A connection's place; given back when dropped.
struct Slot {
    admission: Arc<Admission>,
    key: IpAddr,
}

impl Admission {
    fn enter(self: &Arc<Self>, ip: IpAddr, limits: &Limits) -> Result<Slot, Refusal> {
        let key = ip_key(ip);
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        let from_ip = open.1.get(&key).copied().unwrap_or(0);
        admit(open.0, from_ip, limits)?;
        open.0 += 1;
        *open.1.entry(key).or_default() += 1;
        Ok(Slot { admission: self.clone(), key })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.admission.open.lock().unwrap_or_else(|p| p.into_inner());
        open.0 -= 1;
        if let Some(n) = open.1.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                open.1.remove(&self.key);
            }
        }
    }
}

/// Where a connection stands, and when a byte last moved either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub phase: Phase,
    pub last_io: Instant,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// No request in progress and nothing received since `since`.
    Idle { since: Instant },
    /// The first bytes of a request arrived at `since`; its headers are not complete.
    Head { since: Instant },
    /// A request is being answered (the live stream when `streaming`).
    Busy { streaming: bool },
}

/// What the watchdog does with a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Look again at this moment (never later than a deadline that could pass meanwhile).
    CheckAt(Instant),
    Close(Why),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    Idle,
    SlowHeaders,
    Stalled,
}

/// The watchdog's decision at `now`. While idle, bytes may start a request at any moment, so
/// the next look is at most one header timeout away.
pub fn verdict(state: State, now: Instant, limits: &Limits) -> Verdict {
    match state.phase {
        Phase::Idle { since } if now >= since + limits.idle_timeout => Verdict::Close(Why::Idle),
        Phase::Idle { since } => Verdict::CheckAt((since + limits.idle_timeout).min(now + limits.header_timeout)),
        Phase::Head { since } if now >= since + limits.header_timeout => Verdict::Close(Why::SlowHeaders),
        Phase::Head { since } => Verdict::CheckAt(since + limits.header_timeout),
        Phase::Busy { .. } if now >= state.last_io + limits.stall_timeout => Verdict::Close(Why::Stalled),
        Phase::Busy { .. } => Verdict::CheckAt((state.last_io + limits.stall_timeout).min(now + limits.header_timeout)),
    }
}

type Shared = Arc<Mutex<State>>;

fn set(state: &Shared, f: impl FnOnce(Phase) -> Phase) {
    let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
    s.phase = f(s.phase);
}

fn get(state: &Shared) -> State {
    *state.lock().unwrap_or_else(|p| p.into_inner())
}

/// Bytes moved: notes the time, and the start of a request's headers when none was in progress.
fn moved(state: &Shared, read: bool) {
    let now = Instant::now();
    let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
    s.last_io = now;
    if read && matches!(s.phase, Phase::Idle { .. }) {
        s.phase = Phase::Head { since: now };
    }
}

/// The socket, noting when bytes arrive between requests (the start of the next one's headers).
struct Watched {
    tcp: TcpStream,
    phase: Shared,
}

impl AsyncRead for Watched {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.tcp).poll_read(cx, buf);
        if matches!(r, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            moved(&self.phase, true);
        }
        r
    }
}

impl AsyncWrite for Watched {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        let r = Pin::new(&mut self.tcp).poll_write(cx, buf);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            moved(&self.phase, false);
        }
        r
    }
    fn poll_write_vectored(mut self: Pin<&mut Self>, cx: &mut Context<'_>, bufs: &[std::io::IoSlice<'_>]) -> Poll<std::io::Result<usize>> {
        let r = Pin::new(&mut self.tcp).poll_write_vectored(cx, bufs);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            moved(&self.phase, false);
        }
        r
    }
    fn is_write_vectored(&self) -> bool {
        self.tcp.is_write_vectored()
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.tcp).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.tcp).poll_shutdown(cx)
    }
}

/// Held from a request's dispatch until its answer's body is written or dropped.
struct Busy(Shared);

impl Busy {
    fn begin(state: &Shared, streaming: bool) -> Busy {
        let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
        s.phase = Phase::Busy { streaming };
        // The handler's own time counts from here (the headers just arrived).
        s.last_io = Instant::now();
        drop(s);
        Busy(state.clone())
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        set(&self.0, |_| Phase::Idle { since: Instant::now() });
    }
}

/// An answer's body that ends the request's [`Busy`] when it is done with.
struct Tracked {
    inner: axum::body::Body,
    _busy: Busy,
}

impl HttpBody for Tracked {
    type Data = axum::body::Bytes;
    type Error = axum::Error;
    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }
    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }
    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// The answer to a connection over a cap, written if the socket takes it at once.
fn refusal_response(why: Refusal) -> Vec<u8> {
    let detail = match why {
        Refusal::Total => "the server has as many connections open as it takes; try again shortly",
        Refusal::PerIp => "too many connections are open from your address; close some and try again",
    };
    let status = if why == Refusal::Total { "503 Service Unavailable" } else { "429 Too Many Requests" };
    let body = serde_json::json!({ "type": "about:blank", "title": &status[4..], "status": status[..3].parse::<u16>().unwrap_or(503), "detail": detail })
        .to_string();
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/problem+json\r\nretry-after: 5\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Serves `app` on `listener` until `shutdown` resolves, then finishes gracefully.
pub async fn serve(listener: TcpListener, app: axum::Router, limits: Limits, shutdown: impl std::future::Future<Output = ()>) {
    let admission = Arc::new(Admission::default());
    // Connections hold a receiver; all have ended when the sender sees none left.
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    let mut refused_logged: Option<Instant> = None;
    loop {
        let (tcp, peer) = tokio::select! {
            _ = &mut shutdown => break,
            r = listener.accept() => match r {
                Ok(c) => c,
                Err(e) => {
                    // Out of descriptors or memory: wait a moment rather than spin.
                    let pause = matches!(e.raw_os_error(), Some(libc::EMFILE | libc::ENFILE | libc::ENOBUFS | libc::ENOMEM));
                    tracing::warn!(error = %e, "accepting a connection failed");
                    if pause {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                    continue;
                }
            },
        };
        let slot = match admission.enter(peer.ip(), &limits) {
            Ok(slot) => slot,
            Err(why) => {
                let _ = tcp.try_write(&refusal_response(why));
                drop(tcp);
                if refused_logged.is_none_or(|t| t.elapsed() > Duration::from_secs(10)) {
                    refused_logged = Some(Instant::now());
                    tracing::warn!(peer = %peer.ip(), reason = ?why, "connection refused: over the connection cap (logged once per 10 s)");
                }
                continue;
            }
        };
        let mut tcp = tcp;
        crate::serve::no_delay(&mut tcp);
        tokio::spawn(connection(tcp, peer, app.clone(), limits, slot, stop_rx.clone()));
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(stop_rx);
    if tokio::time::timeout(limits.grace, stop_tx.closed()).await.is_err() {
        tracing::warn!(grace = ?limits.grace, "requests still in progress after the grace period are cut");
    }
}

async fn connection(
    tcp: TcpStream,
    peer: SocketAddr,
    app: axum::Router,
    limits: Limits,
    slot: Slot,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let _slot = slot;
    let now = Instant::now();
    let phase: Shared = Arc::new(Mutex::new(State { phase: Phase::Idle { since: now }, last_io: now }));
    let io = hyper_util::rt::TokioIo::new(Watched { tcp, phase: phase.clone() });
    let service_phase = phase.clone();
    let service = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
        let app = app.clone();
        let busy = Busy::begin(&service_phase, req.uri().path() == STREAM_PATH);
        async move {
            req.extensions_mut().insert(ConnectInfo(peer));
            let res = tower::ServiceExt::oneshot(app, req.map(axum::body::Body::new)).await.unwrap_or_else(|e: Infallible| match e {});
            Ok::<_, Infallible>(res.map(|inner| Tracked { inner, _busy: busy }))
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    // Our watchdog times the headers (hyper's own timer would also cut idle connections at the
    // header timeout).
    builder.keep_alive(true).header_read_timeout(None);
    let conn = builder.serve_connection(io, service);
    let mut conn = std::pin::pin!(conn);
    let mut stopping = *stop.borrow();
    if stopping {
        conn.as_mut().graceful_shutdown();
    }
    loop {
        let check = match verdict(get(&phase), Instant::now(), &limits) {
            Verdict::CheckAt(at) => at,
            Verdict::Close(why) => {
                tracing::debug!(%peer, ?why, "closing the connection");
                return;
            }
        };
        tokio::select! {
            r = conn.as_mut() => {
                if let Err(e) = r {
                    tracing::debug!(%peer, error = %e, "connection ended with an error");
                }
                return;
            }
            _ = tokio::time::sleep_until(check) => {}
            _ = stop.changed(), if !stopping => {
                stopping = true;
                conn.as_mut().graceful_shutdown();
            }
        }
        if stopping && get(&phase).phase == (Phase::Busy { streaming: true }) {
            // A live stream never ends by itself; the client reconnects to the next process.
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            max_connections: 100,
            max_per_ip: 4,
            stall_timeout: Duration::from_secs(60),
            grace: Duration::from_secs(30),
        }
    }

    #[test]
    fn the_watchdog_closes_idle_and_slow_connections_only() {
        let t0 = Instant::now();
        let s = Duration::from_secs;
        let l = limits();
        let at = |phase: Phase, last_io: Instant| State { phase, last_io };
        #[rustfmt::skip]
        let cases = [
            // state, now, verdict
            (at(Phase::Idle { since: t0 }, t0), t0, Verdict::CheckAt(t0 + s(10))),
            (at(Phase::Idle { since: t0 }, t0), t0 + s(55), Verdict::CheckAt(t0 + s(60))),
            (at(Phase::Idle { since: t0 }, t0), t0 + s(60), Verdict::Close(Why::Idle)),
            (at(Phase::Idle { since: t0 }, t0), t0 + s(600), Verdict::Close(Why::Idle)),
            (at(Phase::Head { since: t0 + s(5) }, t0 + s(6)), t0 + s(6), Verdict::CheckAt(t0 + s(15))),
            (at(Phase::Head { since: t0 + s(5) }, t0 + s(14)), t0 + s(15), Verdict::Close(Why::SlowHeaders)),
            (at(Phase::Head { since: t0 }, t0), t0 + s(9), Verdict::CheckAt(t0 + s(10))),
            (at(Phase::Busy { streaming: false }, t0 + s(3590)), t0 + s(3600), Verdict::CheckAt(t0 + s(3610))),
            (at(Phase::Busy { streaming: false }, t0 + s(3590)), t0 + s(3645), Verdict::CheckAt(t0 + s(3650))),
            (at(Phase::Busy { streaming: false }, t0), t0 + s(60), Verdict::Close(Why::Stalled)),
            (at(Phase::Busy { streaming: true }, t0), t0, Verdict::CheckAt(t0 + s(10))),
            (at(Phase::Busy { streaming: true }, t0), t0 + s(61), Verdict::Close(Why::Stalled)),
        ];
        for (state, now, want) in cases {
            assert_eq!(verdict(state, now, &l), want, "{state:?} at +{:?}", now - t0);
        }
        // A header timeout longer than the idle one: idle still closes on time.
        let l2 = Limits { header_timeout: s(100), idle_timeout: s(5), ..l };
        assert_eq!(verdict(State { phase: Phase::Idle { since: t0 }, last_io: t0 }, t0, &l2), Verdict::CheckAt(t0 + s(5)));
    }

    #[test]
    fn the_caps_count_in_total_and_per_address() {
        let l = limits();
        #[rustfmt::skip]
        let cases = [
            (0, 0, Ok(())),
            (99, 3, Ok(())),
            (99, 4, Err(Refusal::PerIp)),
            (100, 0, Err(Refusal::Total)),
            (100, 4, Err(Refusal::PerIp)),
        ];
        for (open, from_ip, want) in cases {
            assert_eq!(admit(open, from_ip, &l), want, "{open} open, {from_ip} from the address");
        }
    }

    #[test]
    fn slots_are_given_back_and_ipv6_counts_per_64() {
        let l = Limits { max_connections: 3, max_per_ip: 2, ..limits() };
        let a = Arc::new(Admission::default());
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let one = a.enter(ip("2001:db8:1:2::1"), &l).unwrap();
        let _two = a.enter(ip("2001:db8:1:2:ffff::9"), &l).unwrap();
        assert_eq!(a.enter(ip("2001:db8:1:2::77"), &l).err(), Some(Refusal::PerIp), "same /64");
        let _three = a.enter(ip("2001:db8:1:3::1"), &l).unwrap();
        assert_eq!(a.enter(ip("10.0.0.1"), &l).err(), Some(Refusal::Total));
        drop(one);
        let _four = a.enter(ip("::ffff:10.0.0.1"), &l).expect("a closed connection's place is free again");
        assert_eq!(ip_key(ip("::ffff:10.0.0.1")), ip("10.0.0.1"));
        assert_eq!(a.open.lock().unwrap().0, 3);
    }

    #[test]
    fn the_default_cap_leaves_descriptors_for_the_rest() {
        #[rustfmt::skip]
        let cases = [(Some(1024), 768), (Some(256), 128), (Some(100), 16), (Some(65_536), 20_000), (Some(20_000), 15_000), (None, 1000)];
        for (nofile, want) in cases {
            assert_eq!(default_max_connections(nofile), want, "{nofile:?}");
        }
    }

    #[test]
    fn a_refusal_is_a_whole_problem_answer() {
        let r = String::from_utf8(refusal_response(Refusal::PerIp)).unwrap();
        let (head, body) = r.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 429 Too Many Requests\r\n"), "{head}");
        assert!(head.contains(&format!("content-length: {}", body.len())), "{head}");
        let p: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(p["status"], 429);
        assert!(p["detail"].as_str().unwrap().contains("your address"));
    }
}
