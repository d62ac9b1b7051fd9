//! HTTP clients for tests and benches: the tests' `reqwest` client and whole answers
//! ([`Resp`]) with their assertions, and [`Http`], a minimal HTTP/1.1 keep-alive client for
//! load generators (which share the machine with the server, so must cost little: a full
//! client library costs more CPU per request than the server's own HTTP layer).

use reqwest::Client;
use reqwest::header::HeaderMap;
use serde_json::Value;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};

/// Every single request's limit.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// An HTTP client that does not follow redirects (303s are checked).
pub fn client() -> Client {
    // reqwest may share its TLS features with Pronto's (rustls without a provider, in one
    // build of the workspace): the crypto provider must be set first.
    let _ = rustls::crypto::ring::default_provider().install_default();
    Client::builder().redirect(reqwest::redirect::Policy::none()).timeout(REQUEST_TIMEOUT).build().expect("http client")
}

pub fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A whole HTTP answer.
#[derive(Debug, Clone)]
pub struct Resp {
    /// `METHOD /path?query`, for messages.
    pub what: String,
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
}

impl Resp {
    /// Asserts the status and returns the JSON body (`null` for an empty body).
    #[track_caller]
    pub fn expect(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "{} answered {}, expected {status}: {}", self.what, self.status, self.text);
        if self.text.trim().is_empty() { Value::Null } else { self.json() }
    }

    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("{} answered non-JSON ({e}): {}", self.what, self.text))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts an RFC 9457 problem with `status`; returns it.
    #[track_caller]
    pub fn problem(&self, status: u16) -> Value {
        let p = self.expect(status);
        let ct = self.header("content-type").unwrap_or("");
        assert!(ct.starts_with("application/problem+json"), "{}: problem content-type, got {ct:?}", self.what);
        assert_eq!(p["status"], status, "{}: problem status: {p}", self.what);
        assert!(p["title"].as_str().is_some_and(|t| !t.is_empty()), "{}: problem title: {p}", self.what);
        assert!(p["detail"].as_str().is_some_and(|t| !t.is_empty()), "{}: problem detail: {p}", self.what);
        p
    }

    /// Asserts a 422 naming exactly these fields (in any order); returns the problem.
    #[track_caller]
    pub fn invalid(&self, fields: &[&str]) -> Value {
        let p = self.problem(422);
        let mut got: Vec<String> = p["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: 422 without errors[]: {p}", self.what))
            .iter()
            .map(|e| {
                assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{}: error without message: {e}", self.what);
                e["field"].as_str().expect("field").to_owned()
            })
            .collect();
        got.sort();
        got.dedup();
        let mut want: Vec<String> = fields.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{}: 422 fields: {p}", self.what);
        p
    }
}

pub struct Http {
    addr: String,
    /// The bearer token sent when a request asks for `auth`.
    token: String,
    conn: Option<tokio::io::BufStream<tokio::net::TcpStream>>,
}

impl Http {
    pub fn new(addr: &str) -> Http {
        Http { addr: addr.to_owned(), token: String::new(), conn: None }
    }

    /// The bearer token of the requests made with `auth`.
    pub fn token(mut self, token: &str) -> Http {
        self.token = token.to_owned();
        self
    }

    pub async fn connect(&mut self) -> std::io::Result<()> {
        if self.conn.is_none() {
            let s = tokio::net::TcpStream::connect(&self.addr).await?;
            s.set_nodelay(true)?;
            self.conn = Some(tokio::io::BufStream::new(s));
        }
        Ok(())
    }

    /// Sends `head` + `body` on the open connection and reads the answer: (status, body).
    pub async fn exchange(&mut self, head: &[u8], body: &[u8]) -> std::io::Result<(u16, Vec<u8>)> {
        let conn = self.conn.as_mut().ok_or(std::io::ErrorKind::NotConnected)?;
        let result = async {
            conn.write_all(head).await?;
            conn.write_all(body).await?;
            conn.flush().await?;
            let mut line = String::new();
            conn.read_line(&mut line).await?;
            let status: u16 = line.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or(std::io::ErrorKind::InvalidData)?;
            let (mut length, mut chunked) = (0usize, false);
            loop {
                line.clear();
                if conn.read_line(&mut line).await? == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                let l = line.trim_end();
                if l.is_empty() {
                    break;
                }
                if let Some((k, v)) = l.split_once(':') {
                    if k.eq_ignore_ascii_case("content-length") {
                        length = v.trim().parse().unwrap_or(0);
                    } else if k.eq_ignore_ascii_case("transfer-encoding") && v.to_ascii_lowercase().contains("chunked") {
                        chunked = true;
                    }
                }
            }
            let mut out = Vec::new();
            if chunked {
                loop {
                    line.clear();
                    conn.read_line(&mut line).await?;
                    let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or("0"), 16)
                        .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidData))?;
                    let mut chunk = vec![0u8; size + 2];
                    conn.read_exact(&mut chunk).await?;
                    if size == 0 {
                        break;
                    }
                    out.extend_from_slice(&chunk[..size]);
                }
            } else {
                out.resize(length, 0);
                conn.read_exact(&mut out).await?;
            }
            Ok((status, out))
        }
        .await;
        if result.is_err() {
            self.conn = None;
        }
        result
    }

    /// The request line and headers of a request (`auth`: with the bearer token).
    pub fn head(&self, method: &str, path: &str, content_type: Option<&str>, auth: bool, length: usize) -> Vec<u8> {
        let mut h = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\nContent-Length: {length}\r\n", self.addr);
        if let Some(t) = content_type {
            h += &format!("Content-Type: {t}\r\n");
        }
        if auth {
            h += &format!("Authorization: Bearer {}\r\n", self.token);
        }
        h += "\r\n";
        h.into_bytes()
    }

    pub async fn get(&mut self, path: &str, auth: bool) -> Result<(u16, String), BoxError> {
        self.connect().await?;
        let head = self.head("GET", path, None, auth, 0);
        let (status, body) = self.exchange(&head, b"").await?;
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }

    pub async fn post_json(&mut self, path: &str, body: &str, auth: bool) -> Result<(u16, String), BoxError> {
        self.connect().await?;
        let head = self.head("POST", path, Some("application/json"), auth, body.len());
        let (status, body) = self.exchange(&head, body.as_bytes()).await?;
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }
}
