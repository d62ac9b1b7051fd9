//! The outbox worker. Woken by every commit (no polling on the hot path), it claims what is
//! due, sends each notification on its channel (a bounded number at a time per channel), and
//! records the result: sent, or failed with the next attempt after an exponential backoff with
//! jitter, or — after [`OutboxConfig::max_attempts`] — failed for good (the dead-letter list,
//! retried by hand). A notification is claimed by this node, which holds it while its
//! heartbeat lives (`pronto_store::nodes`), however long the provider takes: one that was being
//! sent when the node died is sent again by any node within seconds, with the same idempotency
//! key. One message per recipient is in flight, the oldest first. While a provider fails, its
//! oldest waiting message probes it every [`PROBE`]; the first success sends the rest at once.

use crate::sms::SmsProvider;
use crate::{SendError, Sent};
use jiff::{SignedDuration, Timestamp};
use pronto_domain::Clock;
use pronto_store::{Delivery, OutboxRecord, Store};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

#[derive(Debug, Clone)]
pub struct OutboxConfig {
    /// Attempts before a notification is given up on.
    pub max_attempts: i64,
    /// The first retry's delay; each further one doubles, up to `max_backoff`.
    pub first_backoff: SignedDuration,
    pub max_backoff: SignedDuration,
    /// Hosts webhooks may reach although they resolve to an address inside the network
    /// (`PRONTO_WEBHOOK_ALLOW`).
    pub webhook_allow: Vec<String>,
}

impl Default for OutboxConfig {
    fn default() -> Self {
        OutboxConfig {
            max_attempts: 8,
            first_backoff: SignedDuration::from_secs(5),
            max_backoff: SignedDuration::from_secs(3600),
            webhook_allow: vec![],
        }
    }
}

/// Notifications claimed per pass.
const BATCH: i64 = 100;
/// The longest the worker sleeps without looking (retries fall due without a commit).
const MAX_SLEEP: Duration = Duration::from_secs(1);
/// How many times (a second apart) an attempt's result is offered to the database.
const RECORD_TRIES: u32 = 120;
/// How often a failing provider is tried with its oldest waiting message.
pub const PROBE: SignedDuration = SignedDuration::from_secs(3);
/// The channels whose provider is probed while it fails (a webhook fails per address).
const PROBED: [&str; 2] = ["sms", "email"];

pub struct Outbox {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    /// The SMS provider and e-mail transport, replaced when the settings change.
    senders: Arc<crate::Senders>,
    /// The webhook client: its resolver refuses addresses inside the network.
    webhooks: reqwest::Client,
    webhook_allow: pronto_domain::netaddr::AllowList,
    config: OutboxConfig,
    limits: HashMap<&'static str, Arc<Semaphore>>,
    live: Arc<crate::Live>,
    /// Channels whose last attempt failed with a retryable error, with when to probe next.
    failing: std::sync::Mutex<HashMap<String, Timestamp>>,
}

impl Outbox {
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        sms: SmsProvider,
        email: Option<crate::EmailSender>,
        config: OutboxConfig,
        live: Arc<crate::Live>,
    ) -> Arc<Outbox> {
        Outbox::with_senders(store, clock, crate::Senders::new(sms, email), config, live)
    }

    /// A worker sending through `senders`, which the settings may replace while it runs.
    pub fn with_senders(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        senders: Arc<crate::Senders>,
        config: OutboxConfig,
        live: Arc<crate::Live>,
    ) -> Arc<Outbox> {
        let limits = HashMap::from([
            ("sms", Arc::new(Semaphore::new(8))),
            ("email", Arc::new(Semaphore::new(4))),
            ("webhook", Arc::new(Semaphore::new(8))),
        ]);
        let webhook_allow = pronto_domain::netaddr::AllowList::new(&config.webhook_allow);
        let webhooks = crate::guard::webhook_client(webhook_allow.clone());
        Arc::new(Outbox { store, clock, senders, webhooks, webhook_allow, config, limits, live, failing: Default::default() })
    }

    /// The worker's loop; runs until the task is dropped.
    pub async fn run(self: Arc<Self>) {
        let changed = self.store.outbox_changed();
        loop {
            // Look before claiming: a claim is a write, and every commit wakes this loop, so
            // claiming on every wake-up would keep a writer (and a core) busy doing nothing.
            let probe_in = self.clone().probe().await;
            let held = self.held();
            let wait = match self.store.next_notification_due_held(&held).await {
                Ok(Some(due)) if due <= self.clock.now() => match self.store.claim_notifications_held(BATCH, &held).await {
                    Ok(batch) if !batch.is_empty() => {
                        for group in by_recipient(batch) {
                            self.clone().dispatch(group, false).await;
                        }
                        continue;
                    }
                    // Due, yet nothing to take (another worker took it): do not spin.
                    Ok(_) => Duration::from_millis(50),
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot claim notifications");
                        MAX_SLEEP
                    }
                },
                Ok(Some(due)) => Duration::try_from(due.duration_since(self.clock.now())).unwrap_or(Duration::ZERO).min(MAX_SLEEP),
                Ok(None) => MAX_SLEEP,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot read the outbox");
                    MAX_SLEEP
                }
            };
            let wait = probe_in.map_or(wait, |p| wait.min(p));
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = changed.notified() => {}
            }
        }
    }

    /// The channels whose messages wait rather than being tried now: e-mail while it is not
    /// set up (it goes out once it is), and a provider that failed until a probe gets through
    /// ([`Outbox::probe`]) — so an outage or a missing setting costs one attempt every
    /// [`PROBE`], not a claim, an attempt and a write per message.
    fn held(&self) -> Vec<String> {
        let mut held: Vec<String> = self.failing.lock().expect("lock").keys().cloned().collect();
        if self.senders.email().is_none() && !held.iter().any(|c| c == "email") {
            held.push("email".to_owned());
        }
        held
    }

    /// Probes each failing provider whose time has come with its oldest waiting message;
    /// returns how long until the next probe, if any provider is failing.
    async fn probe(self: Arc<Self>) -> Option<Duration> {
        let now = self.clock.now();
        let due: Vec<String> = {
            let failing = self.failing.lock().expect("lock");
            failing.iter().filter(|(_, at)| **at <= now).map(|(c, _)| c.clone()).collect()
        };
        for channel in due {
            self.failing.lock().expect("lock").insert(channel.clone(), now + PROBE);
            match self.store.probe_channel(&channel).await {
                Ok(Some(n)) => self.clone().dispatch(vec![n], true).await,
                // Nothing waits: the provider is not known to fail any more.
                Ok(None) => {
                    self.failing.lock().expect("lock").remove(&channel);
                }
                Err(e) => tracing::warn!(error = %e, %channel, "cannot probe the provider"),
            }
        }
        let failing = self.failing.lock().expect("lock");
        failing.values().min().map(|at| Duration::try_from(at.duration_since(now)).unwrap_or(Duration::ZERO))
    }

    /// Notes how an attempt on `channel` went: a retryable failure starts probing the provider,
    /// a success ends it.
    fn provider(&self, channel: &str, ok: bool) {
        if !PROBED.contains(&channel) {
            return;
        }
        let mut failing = self.failing.lock().expect("lock");
        if ok {
            failing.remove(channel);
        } else if !failing.contains_key(channel) {
            failing.insert(channel.to_owned(), self.clock.now() + PROBE);
        }
    }

    /// Sends one recipient's notifications, oldest first, on their own task once the channel
    /// has room. When one fails and will be retried, the rest wait for the same time, so a
    /// recipient never gets a newer message before an older one. A `probe` that fails goes
    /// back to its retry time without counting the attempt.
    async fn dispatch(self: Arc<Self>, group: Vec<OutboxRecord>, probe: bool) {
        let Some(first) = group.first() else { return };
        // In-app notifications are delivered by being stored (the claim marks them) and pushed
        // to the recipient's open clients.
        if first.channel == "in_app" {
            for n in &group {
                self.live.publish(crate::LiveEvent {
                    user: n.recipient_user,
                    kind: "notification",
                    data: serde_json::json!({
                        "id": n.id, "lead_id": n.lead_id, "kind": n.kind, "text": n.payload["text"],
                        "urgent": n.payload["urgent"], "created_at": n.created_at.to_string(),
                    }),
                });
            }
            return;
        }
        let Some(limit) = self.limits.get(first.channel.as_str()).cloned() else { return };
        let Ok(permit) = limit.acquire_owned().await else { return };
        tokio::spawn(async move {
            let mut waiting: Option<Timestamp> = None;
            for n in group {
                let delivery = match waiting {
                    Some(retry_at) => Delivery::Postponed { retry_at },
                    None => {
                        let started = std::time::Instant::now();
                        let result = self.send(&n).await;
                        metrics::histogram!("pronto_delivery_seconds", "channel" => n.channel.clone())
                            .record(started.elapsed().as_secs_f64());
                        self.provider(&n.channel, result.is_ok() || result.as_ref().is_err_and(|e| !e.retryable));
                        match result {
                            Ok(sent) => Delivery::Done { status: "sent", provider_id: sent.provider_id },
                            Err(e) if probe && e.retryable => {
                                waiting = Some(n.next_attempt_at);
                                Delivery::Postponed { retry_at: n.next_attempt_at }
                            }
                            Err(e) => {
                                let retry_at = (e.retryable && n.attempts < self.config.max_attempts).then(|| self.retry_at(&n));
                                match retry_at {
                                    Some(at) => waiting = Some(at),
                                    None => tracing::warn!(id = n.id, channel = %n.channel, error = %e.message, "notification given up"),
                                }
                                Delivery::Failed { error: e.message, retry_at }
                            }
                        }
                    }
                };
                self.record(n.id, delivery).await;
            }
            drop(permit);
        });
    }

    /// Records an attempt's result, trying again every second for [`RECORD_TRIES`] seconds
    /// while the database cannot take it: the row stays claimed by this node meanwhile (no
    /// other node sends it again), and if the node dies it is sent again (at least once).
    async fn record(&self, id: i64, delivery: Delivery) {
        for attempt in 1..=RECORD_TRIES {
            match self.store.record_delivery(id, delivery.clone()).await {
                Ok(()) => return,
                Err(e) if attempt == RECORD_TRIES => {
                    tracing::error!(id, error = %e, "cannot record a delivery; it is tried again when this node restarts")
                }
                Err(e) => {
                    tracing::warn!(id, error = %e, attempt, "cannot record a delivery yet");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }

    /// Exponential backoff with jitter: 5 s, 10 s, 20 s … up to an hour, each up to a quarter
    /// longer, the jitter fixed per notification and attempt (no two retries in lockstep).
    fn retry_at(&self, n: &OutboxRecord) -> Timestamp {
        let exp = (n.attempts - 1).clamp(0, 20) as u32;
        let base = self.config.first_backoff.as_millis().saturating_mul(1i128 << exp).min(self.config.max_backoff.as_millis());
        let spread = (n.id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (n.attempts as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        let jitter = (spread % 1000) as i128 * base / 4000;
        self.clock.now() + SignedDuration::from_millis((base + jitter) as i64)
    }

    async fn send(&self, n: &OutboxRecord) -> Result<Sent, SendError> {
        let text = n.payload["text"].as_str().unwrap_or_default();
        match n.channel.as_str() {
            "sms" => {
                let to = n.recipient_address.as_deref().ok_or_else(|| SendError::fatal("no phone number to send to"))?;
                // One or two segments: transliterated or shortened to fit when it would not.
                self.senders.sms().send(n.id, to, &pronto_domain::sms::fit(text, 2), &n.idempotency_key).await
            }
            "email" => {
                let to = n.recipient_address.as_deref().ok_or_else(|| SendError::fatal("no e-mail address to send to"))?;
                let Some(email) = self.senders.email() else {
                    // Not configured: retried, so mail goes out once it is set up.
                    return Err(SendError::retry("e-mail is not set up (Settings → E-mail, or PRONTO_SMTP_URL and PRONTO_SMTP_FROM)"));
                };
                let subject = n.payload["subject"].as_str().map(str::to_owned).unwrap_or_else(|| text.chars().take(78).collect());
                let p = &n.payload;
                let threading = crate::email::Threading {
                    message_id: p["message_id"].as_str().map(str::to_owned),
                    in_reply_to: p["in_reply_to"].as_str().map(str::to_owned),
                    references: p["references"].as_array().map(|a| a.iter().filter_map(|r| r.as_str().map(str::to_owned)).collect()).unwrap_or_default(),
                    reply_to: p["reply_to"].as_str().map(str::to_owned),
                    personal: p["personal"].as_bool().unwrap_or(false),
                    ..Default::default()
                };
                // The company's name as the sender, and its signature on mail to a customer.
                let mut threading = threading;
                if let Ok(c) = self.store.company_profile().await {
                    if n.recipient_user.is_none() && n.recipient_role.is_none() {
                        let lines: Vec<&str> = [&c.name, &c.address, &c.phone, &c.email, &c.web].into_iter().filter_map(|v| v.as_deref()).collect();
                        threading.footer = (!lines.is_empty()).then(|| lines.join("\n"));
                    }
                    threading.sender_name = c.name;
                }
                email.send_with(to, &subject, text, &n.idempotency_key, &threading).await
            }
            "webhook" => self.webhook(n).await,
            other => Err(SendError::fatal(format!("unknown channel `{other}`"))),
        }
    }

    /// Posts the notification as JSON with the Standard Webhooks identity headers. The client
    /// connects only to addresses its resolver checked (`guard`): one inside the network or
    /// reserved is refused for good unless the host is allow-listed; redirects are not followed.
    async fn webhook(&self, n: &OutboxRecord) -> Result<Sent, SendError> {
        let url = n.recipient_address.as_deref().ok_or_else(|| SendError::fatal("no URL"))?;
        let parsed = reqwest::Url::parse(url).map_err(|e| SendError::fatal(format!("`{url}` is not a URL: {e}")))?;
        crate::guard::check_url(&self.webhook_allow, &parsed).map_err(|r| SendError::fatal(r.0))?;
        // A subscription's delivery carries the event; a playbook's webhook action its message.
        let subscription = n.payload["subscription"].as_i64();
        let body = match subscription {
            Some(_) => serde_json::json!({
                "type": n.kind,
                "timestamp": n.created_at.to_string(),
                "data": { "lead_id": n.lead_id, "event": n.payload["data"] },
            }),
            None => serde_json::json!({
                "type": format!("notification.{}", n.kind),
                "timestamp": n.created_at.to_string(),
                "data": { "lead_id": n.lead_id, "text": n.payload["text"], "notification_id": n.id },
            }),
        }
        .to_string();
        let timestamp = self.clock.now().as_second().to_string();
        let mut req = self
            .webhooks
            .post(parsed)
            .header("content-type", "application/json")
            .header("webhook-id", &n.idempotency_key)
            .header("webhook-timestamp", &timestamp);
        if let Some(id) = subscription {
            let subs = self.store.webhooks().await.map_err(|e| SendError::retry(format!("cannot read the subscription: {e}")))?;
            let Some(sub) = subs.into_iter().find(|s| s.id == id) else {
                return Err(SendError::fatal("the subscription was deleted"));
            };
            req = req.header("webhook-signature", crate::signing::signature(&sub.secret, &n.idempotency_key, &timestamp, &body));
        }
        let res = req.body(body).send().await.map_err(|e| match crate::guard::refusal(&e) {
            Some(refused) => SendError::fatal(refused.0),
            None => SendError::retry(format!("webhook unreachable: {}", crate::sms::without_url(&e))),
        })?;
        let status = res.status();
        if status.is_success() {
            Ok(Sent { provider_id: None })
        } else if status.is_redirection() {
            Err(SendError::fatal(format!("webhook answered {} (redirects are not followed)", status.as_u16())))
        } else if status.as_u16() == 429 || status.is_server_error() || status.as_u16() == 408 {
            Err(SendError::retry(format!("webhook answered {}", status.as_u16())))
        } else {
            Err(SendError::fatal(format!("webhook answered {}", status.as_u16())))
        }
    }
}

/// A claimed batch split by recipient (channel and address), each oldest first; in-app
/// notifications all in one group.
fn by_recipient(batch: Vec<OutboxRecord>) -> Vec<Vec<OutboxRecord>> {
    let mut groups: Vec<((String, Option<String>), Vec<OutboxRecord>)> = Vec::new();
    for n in batch {
        let key = (n.channel.clone(), if n.channel == "in_app" { None } else { n.recipient_address.clone() });
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, g)) => g.push(n),
            None => groups.push((key, vec![n])),
        }
    }
    for (_, g) in &mut groups {
        g.sort_by_key(|n| n.id);
    }
    groups.into_iter().map(|(_, g)| g).collect()
}
