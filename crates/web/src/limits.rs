//! What one request may take: a time limit on every route but the live event stream, from the
//! request's headers to the answer's last byte — 408 while the request body is still arriving,
//! 503 when the server itself was slow, and an answer still being written when the time is up
//! (a client that reads slowly) is cut off with the connection. And the number of live event streams one user may hold open (429 over it). The connection
//! limits (headers, idle keep-alive, connections per address) are `pronto serve`'s accept loop.

use crate::AppState;
use crate::error::ApiError;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::{Body as HttpBody, Frame, SizeHint};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

/// The one route without a time limit: it streams for as long as the client listens.
pub const STREAM_PATH: &str = "/api/v1/events/stream";

/// Whether a request falls under the time limit.
pub fn timed(path: &str) -> bool {
    path != STREAM_PATH
}

/// The answer when the limit passed: the client's fault while its body was still arriving.
pub fn timeout_error(body_complete: bool, limit: std::time::Duration) -> ApiError {
    let secs = limit.as_secs();
    if body_complete {
        ApiError::Unavailable(format!("the server did not answer within {secs} s; try again"))
    } else {
        ApiError::Timeout(format!("the request body did not arrive within {secs} s"))
    }
}

/// The request body, noting when it has all arrived.
struct Watched {
    inner: Body,
    complete: Arc<AtomicBool>,
}

impl HttpBody for Watched {
    type Data = Bytes;
    type Error = axum::Error;
    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let r = Pin::new(&mut self.inner).poll_frame(cx);
        if matches!(r, Poll::Ready(None)) || self.inner.is_end_stream() {
            self.complete.store(true, Ordering::Relaxed);
        }
        r
    }
    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }
    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// An answer's body that fails when the request's time is up (hyper then drops the connection).
struct Deadline {
    inner: Body,
    sleep: Pin<Box<tokio::time::Sleep>>,
}

impl HttpBody for Deadline {
    type Data = Bytes;
    type Error = axum::Error;
    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        if let Poll::Ready(frame) = Pin::new(&mut self.inner).poll_frame(cx) {
            return Poll::Ready(frame);
        }
        match self.sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(axum::Error::new("the request time limit passed while the answer was being sent")))),
            Poll::Pending => Poll::Pending,
        }
    }
    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }
    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Middleware: the request time limit (`request_timeout`).
pub async fn deadline(State(st): State<AppState>, req: Request, next: Next) -> Response {
    if !timed(req.uri().path()) {
        return next.run(req).await;
    }
    let limit = st.config.request_timeout;
    let (parts, body) = req.into_parts();
    let complete = Arc::new(AtomicBool::new(body.is_end_stream()));
    let req = Request::from_parts(parts, Body::new(Watched { inner: body, complete: complete.clone() }));
    let deadline = tokio::time::Instant::now() + limit;
    match tokio::time::timeout_at(deadline, next.run(req)).await {
        Ok(res) => res.map(|inner| Body::new(Deadline { inner, sleep: Box::pin(tokio::time::sleep_until(deadline)) })),
        Err(_) => {
            let done = complete.load(Ordering::Relaxed);
            tracing::info!(limit = ?limit, body_complete = done, "request time limit reached");
            let mut res = timeout_error(done, limit).into_response();
            if !done {
                // The rest of the body is not worth reading.
                res.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            res
        }
    }
}

/// Live event streams open per user.
#[derive(Default)]
pub struct Streams {
    open: Mutex<HashMap<i64, usize>>,
}

/// One open stream; its place is given back when dropped (the client went away).
pub struct StreamSlot {
    streams: Arc<Streams>,
    user: i64,
}

impl Streams {
    /// A place for one more stream of `user`, unless `max` are open.
    pub fn open(self: &Arc<Self>, user: i64, max: usize) -> Option<StreamSlot> {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        let n = open.entry(user).or_default();
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(StreamSlot { streams: self.clone(), user })
    }

    /// How many streams `user` has open.
    pub fn count(&self, user: i64) -> usize {
        self.open.lock().unwrap_or_else(|p| p.into_inner()).get(&user).copied().unwrap_or(0)
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut open = self.streams.open.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = open.get_mut(&self.user) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.user);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn only_the_live_stream_is_untimed() {
        for (path, want) in [
            ("/api/v1/events/stream", false),
            ("/api/v1/leads", true),
            ("/forms/default", true),
            ("/api/v1/events/stream/x", true),
            ("/healthz", true),
        ] {
            assert_eq!(timed(path), want, "{path}");
        }
    }

    #[test]
    fn a_slow_body_is_the_clients_fault_and_a_slow_answer_ours() {
        let limit = Duration::from_secs(30);
        let e = timeout_error(false, limit);
        assert_eq!(e.status().as_u16(), 408);
        assert_eq!(e.problem().detail, "the request body did not arrive within 30 s");
        let e = timeout_error(true, limit);
        assert_eq!(e.status().as_u16(), 503);
        assert_eq!(e.problem().detail, "the server did not answer within 30 s; try again");
    }

    #[tokio::test]
    async fn an_answer_still_sending_when_the_time_is_up_fails() {
        let never = Body::from_stream(futures_util::stream::pending::<Result<Bytes, std::io::Error>>());
        let body = Deadline { inner: never, sleep: Box::pin(tokio::time::sleep(Duration::from_millis(10))) };
        let err = collect(body).await.expect_err("cut off");
        assert!(err.to_string().contains("time limit"), "{err}");
        let done = Deadline { inner: Body::from("whole"), sleep: Box::pin(tokio::time::sleep(Duration::from_secs(3600))) };
        assert_eq!(collect(done).await.unwrap(), "whole", "an answer in time is untouched");
    }

    /// Reads a body to its end.
    async fn collect(mut body: impl HttpBody<Data = Bytes, Error = axum::Error> + Unpin) -> Result<String, axum::Error> {
        let mut out = Vec::new();
        while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
            if let Ok(data) = frame?.into_data() {
                out.extend_from_slice(&data);
            }
        }
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    #[test]
    fn streams_are_counted_per_user_and_given_back() {
        let s = Arc::new(Streams::default());
        let a1 = s.open(1, 2).unwrap();
        let _a2 = s.open(1, 2).unwrap();
        assert!(s.open(1, 2).is_none(), "a third stream of user 1");
        let _b = s.open(2, 2).expect("other users are not affected");
        drop(a1);
        assert_eq!(s.count(1), 1);
        assert!(s.open(1, 2).is_some(), "a closed stream's place is free again");
    }
}
