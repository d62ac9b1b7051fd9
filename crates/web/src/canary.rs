//! The mystery shopper's runner (issue 23): sends a marked test inquiry through each
//! configured channel from outside the process — the web form over HTTP (through the public
//! address when one is set), an e-mail through the SMTP server to the intake mailbox, a signed
//! call event — follows it through the store (registered, the playbook's first step, the
//! team's alert accepted by the gateway), closes it, and records every hop with its time. The
//! rules are `pronto_domain::canary`'s; the run's end, the incident and the admins' messages
//! are one transaction (`pronto_store::canary::FinishRun`).
//!
//! [`schedule`] runs it every `interval_minutes` (in working hours by default) on one node at
//! a time (the `canary` lease); `POST /api/v1/canary/run` and the admin page's button run it now.

use crate::AppState;
use jiff::{SignedDuration, Timestamp};
use pronto_domain::canary::{self as rules, Channel, Hop, Seen, Verdict};
use pronto_store::canary::{FinishRun, HopRecord, Observed};
use std::time::Duration;

/// How often the runner looks at what the store saw of its inquiry.
const LOOK: Duration = Duration::from_millis(200);
/// How often the scheduler looks whether a run is due.
const TICK: Duration = Duration::from_secs(20);
/// The lease that makes one node the scheduler.
const LEASE: &str = "canary";

/// The channels that can be tried now: the web form always; e-mail when mail can be sent and
/// a mailbox is read; the phone exchange when its secret is set.
pub fn channels(st: &AppState) -> Vec<Channel> {
    let cur = st.settings.current();
    let mut out = vec![Channel::Form];
    if st.settings.senders.email().is_some() && cur.canary.mail_to.is_some() && !cur.mailboxes.is_empty() {
        out.push(Channel::Mail);
    }
    if cur.telephony_secret.is_some() {
        out.push(Channel::Call);
    }
    out
}

/// Runs `list` now, side by side; their verdicts.
pub async fn run_channels(st: AppState, list: Vec<Channel>) -> Vec<(Channel, Result<Verdict, String>)> {
    let runs: Vec<_> = list.into_iter().map(|ch| (ch, tokio::spawn(run(st.clone(), ch)))).collect();
    let mut out = Vec::new();
    for (ch, task) in runs {
        out.push((ch, task.await.unwrap_or_else(|e| Err(e.to_string()))));
    }
    out
}

/// The address this node is reached at from outside: the public address, else its own.
fn base_url(st: &AppState) -> Option<String> {
    st.settings.public_url().or_else(|| st.own_url.get().cloned()).map(|u| u.trim_end_matches('/').to_owned())
}

/// The hops' limits here: the intake mailbox's reader's interval, the alert's setting.
fn limits(st: &AppState) -> rules::Limits {
    let cur = st.settings.current();
    let poll = cur.mailboxes.first().map(|m| m.poll).unwrap_or(Duration::from_secs(60));
    rules::Limits {
        mail_poll: SignedDuration::try_from(poll).unwrap_or(SignedDuration::from_secs(60)),
        alert: SignedDuration::from_secs(i64::from(cur.canary.alert_seconds)),
    }
}

/// One run of `channel`: send, follow, close, record. The verdict, or why it could not run.
pub async fn run(st: AppState, channel: Channel) -> Result<Verdict, String> {
    let keys = st.store.playbooks().site_keys().ok_or("the installation's keys are not loaded yet")?;
    let id = st.store.start_canary_run(channel.as_str()).await.map_err(|e| e.to_string())?;
    let token = keys.canary_token(id);
    let started = st.clock.now();
    let sent = send(&st, channel, id, &token).await;
    let sent_seen = Seen { hop: Hop::Sent, at: sent.is_ok().then(|| st.clock.now()), error: sent.err() };
    let cur = st.settings.current();
    let poll = limits(&st);
    // The alert is checked only when it has a test recipient to go to.
    let alert_to = |ch: &str| match ch {
        "sms" => cur.canary.sms_to.is_some(),
        "email" => cur.canary.email_to.is_some() && st.settings.senders.email().is_some(),
        _ => false,
    };
    let mut seen = vec![sent_seen.clone()];
    let mut skip_alert = false;
    let mut observed = Observed::default();
    // Bounded: the last hop's limit, looked at every LOOK, and a little more.
    let looks = (rules::limit(channel, Hop::Closed, poll).as_millis() as u128 / LOOK.as_millis()) as usize + 50;
    let mut verdict = Verdict::Waiting;
    for _ in 0..looks {
        observed = st.store.canary_observe(id).await.map_err(|e| e.to_string())?;
        // Not checked: no alert row and no test recipient for one (a playbook whose first
        // step alerts nobody is seen by its owner, which `Playbook` covers).
        skip_alert = observed.alert.is_none() && !alert_to(&alert_channel(&observed));
        let skip: &[Hop] = if skip_alert { &[Hop::Closed, Hop::AlertAccepted] } else { &[Hop::Closed] };
        seen = hops(&sent_seen, &observed, st.clock.now());
        verdict = rules::verdict(channel, started, &seen, st.clock.now(), poll, skip);
        if verdict.is_final() {
            break;
        }
        tokio::time::sleep(LOOK).await;
    }
    if !verdict.is_final() {
        verdict = Verdict::Late { hop: first_missing(&seen), limit: rules::limit(channel, first_missing(&seen), poll) };
    }
    // Closed in the transaction that ends the run.
    let closed = st.clock.now();
    if verdict == Verdict::Passed {
        seen.push(Seen { hop: Hop::Closed, at: Some(closed), error: None });
        let skip: &[Hop] = if skip_alert { &[Hop::AlertAccepted] } else { &[] };
        verdict = rules::verdict(channel, started, &seen, closed, poll, skip);
    }
    let records = records(started, &seen, &verdict);
    let alert_channel = alert_channel(&observed);
    for r in &records {
        if let Some(ms) = r.ms {
            metrics::gauge!("pronto_canary_hop_seconds", "channel" => channel.as_str(), "hop" => r.name.clone()).set(ms as f64 / 1000.0);
        }
    }
    metrics::gauge!("pronto_canary_ok", "channel" => channel.as_str()).set(if verdict == Verdict::Passed { 1.0 } else { 0.0 });
    let finished = st
        .store
        .finish_canary_run(FinishRun { run: id, channel, hops: records, verdict: verdict.clone(), alert_channel })
        .await
        .map_err(|e| e.to_string())?;
    match &verdict {
        Verdict::Passed => tracing::info!(channel = channel.as_str(), run = id, incident = ?finished.step, "the test inquiry went through"),
        v => tracing::warn!(channel = channel.as_str(), run = id, error = ?v.error(), incident = ?finished.step, "the test inquiry failed"),
    }
    Ok(verdict)
}

/// The channel the team's alert went by (`sms` until one is seen: the playbooks alert by SMS).
fn alert_channel(o: &Observed) -> String {
    o.alert.as_ref().map_or_else(|| "sms".into(), |a| a.channel.clone())
}

/// The first hop not yet reached.
fn first_missing(seen: &[Seen]) -> Hop {
    Hop::EVERY.into_iter().find(|h| !seen.iter().any(|s| s.hop == *h && s.at.is_some())).unwrap_or(Hop::Closed)
}

/// How long a test inquiry's alert may wait behind a failing provider before the hop fails
/// (the outbox probes the provider every 3 s; a recovered one frees the backlog at once).
const HELD: SignedDuration = SignedDuration::from_secs(10);

/// The hops as the store shows them at `now`.
fn hops(sent: &Seen, o: &Observed, now: Timestamp) -> Vec<Seen> {
    let at = |hop, at| Seen { hop, at, error: None };
    let mut out = vec![sent.clone(), at(Hop::Registered, o.registered_at), at(Hop::Playbook, o.playbook_at)];
    if let Some(a) = &o.alert {
        out.push(match a.status.as_str() {
            "sent" | "delivered" => at(Hop::AlertAccepted, Some(a.updated_at)),
            // Refused for good, or failing and waiting for a retry: either way not accepted.
            "failed" => Seen { hop: Hop::AlertAccepted, at: None, error: Some(a.last_error.clone().unwrap_or_else(|| "refused".into())) },
            _ => match (&a.last_error, &a.channel_error) {
                (Some(e), _) => Seen { hop: Hop::AlertAccepted, at: None, error: Some(e.clone()) },
                (None, Some(e)) if now.duration_since(a.created_at) > HELD => {
                    Seen { hop: Hop::AlertAccepted, at: None, error: Some(format!("held: the gateway is failing ({e})")) }
                }
                _ => at(Hop::AlertAccepted, None),
            },
        });
    }
    out
}

/// What is recorded per hop: reached (and how long after the start), failed, or not reached.
fn records(started: Timestamp, seen: &[Seen], verdict: &Verdict) -> Vec<HopRecord> {
    Hop::EVERY
        .into_iter()
        .filter_map(|hop| {
            let s = seen.iter().find(|s| s.hop == hop)?;
            let ms = s.at.map(|at| at.duration_since(started).as_millis() as i64);
            let late = matches!(verdict, Verdict::Late { hop: h, .. } if *h == hop);
            let error = s.error.clone().or_else(|| late.then(|| verdict.error()).flatten());
            Some(HopRecord { name: hop.as_str().to_owned(), at: s.at, ms, ok: s.at.is_some() && error.is_none(), error })
        })
        .chain(
            // A hop never reached that decided the verdict is shown with why.
            verdict.hop().filter(|h| !seen.iter().any(|s| s.hop == *h)).map(|h| HopRecord {
                name: h.as_str().to_owned(),
                at: None,
                ms: None,
                ok: false,
                error: verdict.error(),
            }),
        )
        .collect()
}

const SUBJECT: &str = "Pronto test inquiry";
const TEXT: &str = "This is Pronto's own test inquiry (the mystery shopper): it checks that inquiries arrive \
                    and the team is alerted. It is closed at once and shown to nobody.";

/// Sends the test inquiry through `channel`; an error says what refused it.
async fn send(st: &AppState, channel: Channel, run: i64, token: &str) -> Result<(), String> {
    let cur = st.settings.current();
    let k = &cur.canary;
    let client = || {
        reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| e.to_string())
    };
    match channel {
        Channel::Form => {
            let base = base_url(st).ok_or("the node's address is not known yet")?;
            let mut fields = vec![("name", SUBJECT.to_owned()), ("message", TEXT.to_owned()), (crate::forms::CANARY_FIELD, token.to_owned())];
            if let Some(e) = &k.email_to {
                fields.push(("email", e.clone()));
            }
            if let Some(p) = &k.sms_to {
                fields.push(("phone", p.clone()));
            }
            let r = client()?
                .post(format!("{base}/forms/default"))
                .header("accept", "application/json")
                .form(&fields)
                .send()
                .await
                .map_err(|e| format!("the web form did not answer: {e}"))?;
            if r.status().is_success() {
                Ok(())
            } else {
                Err(format!("the web form answered {}", r.status()))
            }
        }
        Channel::Mail => {
            let email = st.settings.senders.email().ok_or("e-mail is not set up")?;
            let to = k.mail_to.as_deref().ok_or("no intake mailbox address (Settings → Mystery shopper)")?;
            // The mark rides in X-Pronto-Key, which every message Pronto sends carries.
            email
                .send(to, &format!("{SUBJECT} {run}"), TEXT, &format!("canary:{token}"))
                .await
                .map(|_| ())
                .map_err(|e| format!("the mail server did not take the test e-mail: {}", e.message))
        }
        Channel::Call => {
            let base = base_url(st).ok_or("the node's address is not known yet")?;
            let secret = cur.telephony_secret.clone().ok_or("the phone exchange is not set up")?;
            let body = serde_json::json!({
                "event": "missed", "call_id": format!("canary-{run}"), "direction": "in",
                "from": k.sms_to.clone().unwrap_or_else(|| "anonymous".into()), "canary": token,
            })
            .to_string();
            let (id, ts) = (format!("canary-{run}"), st.clock.now().as_second().to_string());
            let signature = pronto_alerts::signing::signature(&secret, &id, &ts, &body);
            let r = client()?
                .post(format!("{base}/hooks/telephony"))
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", ts)
                .header("webhook-signature", signature)
                .body(body)
                .send()
                .await
                .map_err(|e| format!("the call hook did not answer: {e}"))?;
            if r.status().is_success() {
                Ok(())
            } else {
                Err(format!("the call hook answered {}", r.status()))
            }
        }
    }
}

/// Whether a run of `channel` is due at `now`: on, in the hours it runs, and the interval
/// since the last run has passed. Pure.
pub fn due(enabled: bool, in_hours: bool, interval_minutes: u32, last: Option<Timestamp>, now: Timestamp) -> bool {
    enabled && in_hours && last.is_none_or(|l| now.duration_since(l) >= SignedDuration::from_mins(i64::from(interval_minutes)))
}

/// The scheduler: every [`TICK`], on the node holding the lease, runs each channel whose time
/// has come (in the background; a slow mail run does not hold up the others).
pub async fn schedule(st: AppState) {
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let running = std::sync::Arc::new(std::sync::Mutex::new(std::collections::BTreeSet::<Channel>::new()));
    loop {
        tick.tick().await;
        let k = st.settings.current().canary.clone();
        if !k.enabled || !st.store.take_lease(LEASE).await.unwrap_or(false) {
            continue;
        }
        let now = st.clock.now();
        // Office hours: the company's office calendar, else the default playbook's.
        let pbs = st.store.playbooks();
        let calendar = pbs.office_calendar().or_else(|| pbs.current(&pbs.default_name()).map(|(_, pb)| pb.calendar.clone()));
        let in_hours = !k.working_hours_only || calendar.is_none_or(|c| c.is_working(now));
        for ch in channels(&st) {
            let last = st.store.canary_last_started(ch.as_str()).await.ok().flatten();
            if !due(k.enabled, in_hours, k.interval_minutes, last, now) || !running.lock().expect("lock").insert(ch) {
                continue;
            }
            let (st, running) = (st.clone(), running.clone());
            tokio::spawn(async move {
                if let Err(e) = run(st, ch).await {
                    tracing::warn!(channel = ch.as_str(), error = %e, "the mystery shopper could not run");
                }
                running.lock().expect("lock").remove(&ch);
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_is_due_when_on_in_hours_and_the_interval_passed() {
        let at = |m: i64| Timestamp::from_second(1_780_000_000 + m * 60).unwrap();
        // (on, in hours, interval, last run, now, due)
        let cases = [
            (true, true, 60, None, 0, true),
            (true, true, 60, Some(0), 59, false),
            (true, true, 60, Some(0), 60, true),
            (false, true, 60, None, 0, false),
            (true, false, 60, Some(0), 120, false),
            (true, true, 5, Some(0), 5, true),
        ];
        for (on, hours, every, last, now, want) in cases {
            assert_eq!(due(on, hours, every, last.map(at), at(now)), want, "{on} {hours} {every} {last:?} {now}");
        }
    }

    #[test]
    fn the_hops_recorded_say_where_and_why() {
        let t0 = Timestamp::from_second(1_780_000_000).unwrap();
        let s = |hop, secs: Option<i64>| Seen { hop, at: secs.map(|x| t0 + SignedDuration::from_secs(x)), error: None };
        let seen = vec![s(Hop::Sent, Some(0)), s(Hop::Registered, Some(1)), s(Hop::Playbook, None)];
        let late = Verdict::Late { hop: Hop::Playbook, limit: SignedDuration::from_secs(20) };
        let r = records(t0, &seen, &late);
        assert_eq!(r.iter().map(|h| (h.name.as_str(), h.ms, h.ok)).collect::<Vec<_>>(), [
            ("sent", Some(0), true),
            ("registered", Some(1000), true),
            ("playbook", None, false)
        ]);
        assert_eq!(r[2].error.as_deref(), Some("not taken up by the playbook within 20 s"));
        // A failure at the first hop: the later ones are not there at all.
        let failed = Verdict::Failed { hop: Hop::Sent, error: "550".into() };
        let r = records(t0, &[Seen { hop: Hop::Sent, at: None, error: Some("550".into()) }], &failed);
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].ok, r[0].error.as_deref()), (false, Some("550")));
        // The alert: accepted, refused, failing, waiting.
        let o = |status: &str, err: Option<&str>, channel_err: Option<&str>| Observed {
            alert: Some(pronto_store::canary::AlertSeen {
                channel: "sms".into(),
                status: status.into(),
                created_at: t0,
                updated_at: t0,
                last_error: err.map(str::to_owned),
                channel_error: channel_err.map(str::to_owned),
            }),
            ..Default::default()
        };
        let alert = |o: Observed, after: i64| {
            hops(&s(Hop::Sent, Some(0)), &o, t0 + SignedDuration::from_secs(after)).into_iter().find(|h| h.hop == Hop::AlertAccepted).unwrap()
        };
        assert_eq!(alert(o("sent", None, None), 1).at, Some(t0));
        assert_eq!(alert(o("failed", Some("HTTP 400"), None), 1).error.as_deref(), Some("HTTP 400"));
        assert_eq!(alert(o("queued", Some("HTTP 500: boom"), None), 1).error.as_deref(), Some("HTTP 500: boom"));
        assert_eq!(alert(o("sending", None, None), 1), Seen { hop: Hop::AlertAccepted, at: None, error: None });
        // Held behind a failing provider: it waits a while for a probe to get through, then fails.
        assert_eq!(alert(o("queued", None, Some("HTTP 503")), 5).error, None);
        assert_eq!(alert(o("queued", None, Some("HTTP 503")), 11).error.as_deref(), Some("held: the gateway is failing (HTTP 503)"));
    }
}
