//! A fake SMS gateway speaking the Twilio Messages wire format
//! (`POST /2010-04-01/Accounts/{SID}/Messages.json`, form-encoded): it records every request
//! and answers as told (201 with a message SID by default; a status, a delay, or down).

use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde_json::json;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the gateway received, and how it will answer the next requests (201 when empty).
#[derive(Default)]
pub struct Gateway {
    pub received: Mutex<Vec<(HeaderMap, HashMap<String, String>)>>,
    /// When each of `received` came (same index).
    pub arrived: Mutex<Vec<Instant>>,
    pub answers: Mutex<VecDeque<u16>>,
    /// Answer this much later (a slow gateway, to be killed in the middle of).
    pub delay: Mutex<Duration>,
    /// Down: every request answers 503.
    pub down: Mutex<bool>,
}

async fn messages(State(g): State<Arc<Gateway>>, headers: HeaderMap, Form(form): Form<HashMap<String, String>>) -> (StatusCode, String) {
    let n = {
        let mut r = g.received.lock().unwrap();
        r.push((headers, form));
        g.arrived.lock().unwrap().push(Instant::now());
        r.len()
    };
    let delay = *g.delay.lock().unwrap();
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let status = if *g.down.lock().unwrap() { 503 } else { g.answers.lock().unwrap().pop_front().unwrap_or(201) };
    let body = if status < 300 {
        json!({ "sid": format!("SM{n:032}"), "status": "queued" })
    } else {
        json!({ "code": 21211, "message": format!("gateway says {status}"), "status": status })
    };
    (StatusCode::from_u16(status).unwrap(), body.to_string())
}

/// Starts a gateway on a free 127.0.0.1 port; its base URL (for `PRONTO_SMS_URL`).
pub async fn gateway() -> (Arc<Gateway>, String) {
    let g = Arc::new(Gateway::default());
    let app = axum::Router::new().route("/2010-04-01/Accounts/{sid}/Messages.json", post(messages)).with_state(g.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (g, url)
}
