//! [`SqlStore`]: the [`Store`] over either engine. Writes go to the group-commit writer as
//! commands; reads take a pooled connection and run the shared queries of `queries.rs`.

use crate::engine::{Conn, Dialect};
use crate::playbooks::Playbooks;
use crate::pool::ReadPool;
use crate::records::*;
use crate::write::leads::{self, IdempotencyKey};
use crate::write::users::{self, NewUserRecord, UserPatch};
use crate::write::{access, config, delivery, timers, work};
use crate::writer::{Connector, Writer};
use crate::{Result, Store, StoreError, StoreOptions, queries};
use crate::{calls, customer, mail, schedule};
use async_trait::async_trait;
use pronto_domain::Clock;
use pronto_domain::lead::{LeadPatch, NewActivity, NewLead};
use std::sync::Arc;

type BoxFut<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<T>> + Send + 'a>>;

pub(crate) struct SqlStore {
    dialect: Dialect,
    pool: ReadPool,
    writer: Writer,
    playbooks: Arc<Playbooks>,
    clock: Arc<dyn Clock>,
    node: crate::nodes::NodeId,
    /// The clock of liveness (`StoreOptions::liveness_clock`).
    wall: Arc<dyn Clock>,
    /// This process's row of the write probe (`health::ProbeWrite`).
    probe_key: String,
    /// The rate-count window this node last removed the ended ones before (`count_hit`).
    pruned_window: std::sync::atomic::AtomicI64,
}

impl SqlStore {
    pub(crate) fn new(
        dialect: Dialect,
        pool: ReadPool,
        connector: Box<dyn Connector>,
        clock: Arc<dyn Clock>,
        opts: StoreOptions,
        node: crate::nodes::NodeId,
    ) -> Self {
        let writers = match dialect {
            Dialect::Sqlite => 1,
            Dialect::Postgres => opts.pg_writers,
        };
        let playbooks = Playbooks::new();
        SqlStore {
            dialect,
            pool,
            writer: Writer::start(connector, clock.clone(), playbooks.clone(), opts.max_batch, writers),
            playbooks,
            probe_key: format!("health:{}:{}", std::process::id(), crate::micros(clock.now())),
            clock,
            node,
            pruned_window: std::sync::atomic::AtomicI64::new(i64::MIN),
            wall: opts.liveness_clock.clone().unwrap_or_else(|| Arc::new(pronto_domain::SystemClock)),
        }
    }

    /// Loads every stored playbook version, then the built-in ones (a built-in whose text is
    /// none of its stored versions — a new Pronto changed it — becomes its next version).
    pub(crate) async fn init(self) -> Result<Arc<dyn Store>> {
        self.writer.submit(crate::nodes::RegisterNode { node: self.node.clone(), at: self.wall.now() }).await?;
        self.load_site_keys().await?;
        self.refresh_playbooks().await?;
        for (_, source) in pronto_playbook::BUILTIN {
            let loaded = self.load_playbook((*source).to_owned(), None, PlaybookSource::File).await?;
            if let Some(said) = loaded.superseded("the built-in text") {
                tracing::info!("{said}");
            }
        }
        self.reload_messages().await?;
        self.reload_office_calendar().await?;
        self.sync_report_facts().await?;
        let mut tokens = 0;
        loop {
            let n = self.writer.submit(customer::BackfillTokens { limit: 2000 }).await?;
            tokens += n;
            if n == 0 {
                break;
            }
        }
        if tokens > 0 {
            tracing::info!(leads = tokens, "page tokens made for leads from before the customer's page");
        }
        if let ReadPool::Pg(pool) = &self.pool {
            crate::listen::spawn(pool.clone(), self.node.id.clone(), Arc::downgrade(&self.writer.wakers()));
        }
        let store = Arc::new(self);
        store.beat();
        Ok(store)
    }

    /// Writes the node's heartbeat every `nodes::HEARTBEAT` until the store is dropped: while
    /// it beats, what the node claimed stays its own.
    fn beat(self: &Arc<Self>) {
        let weak = Arc::downgrade(self);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(crate::nodes::HEARTBEAT).await;
                let Some(store) = weak.upgrade() else { break };
                if let Err(e) = store.heartbeat().await {
                    tracing::warn!(error = %e, "cannot write the node's heartbeat");
                }
            }
        });
    }

    /// Reads the installation's secret, making it at the first open.
    async fn load_site_keys(&self) -> Result<()> {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD;
        let candidate = b64.encode(crate::tracking::SiteKeys::random_secret());
        let secret = self.writer.submit(customer::EnsureSecret { candidate }).await?;
        let bytes = b64.decode(secret).map_err(|e| StoreError::Internal(format!("the stored site secret is not base64: {e}")))?;
        self.playbooks.set_site_keys(crate::tracking::SiteKeys::new(&bytes));
        Ok(())
    }

    /// Fills each lead's `tracking_url`: the public address's page link, or `/t/TOKEN` when no
    /// public address is configured.
    fn with_tracking(&self, leads: &mut [LeadRecord]) {
        let Some(keys) = self.playbooks.site_keys() else { return };
        let messages = self.playbooks.messages();
        for l in leads {
            let token = keys.token(l.id, l.tracking_gen);
            let url = messages.tracking_url(&token);
            l.tracking_url = Some(if url.is_empty() { format!("/t/{token}") } else { url });
        }
    }

    fn keys(&self) -> Result<Arc<crate::tracking::SiteKeys>> {
        self.playbooks.site_keys().ok_or_else(|| StoreError::Internal("the installation's keys are not loaded yet".into()))
    }

    /// Puts the office calendar stored in the company's profile in force (over the playbooks' own).
    async fn reload_office_calendar(&self) -> Result<()> {
        let p = self.read(|c| Box::pin(crate::company::profile(c))).await?;
        let cal = p.office_hours.as_deref().and_then(|h| match crate::parse_hours(h) {
            Ok(c) => Some(c),
            Err(e) => {
                tracing::warn!(error = %e, "the stored office calendar does not load; the playbooks' own calendars stay in force");
                None
            }
        });
        self.playbooks.set_office_calendar(cal);
        Ok(())
    }

    /// Rebuilds the message texts from the stored overrides.
    async fn reload_messages(&self) -> Result<()> {
        let overrides = self.read(|c| Box::pin(queries::message_overrides(c))).await?;
        self.playbooks.set_overrides(overrides);
        Ok(())
    }

    /// Runs a read on a pooled connection. SQLite calls block, so they run on the blocking
    /// thread pool; PostgreSQL's are truly asynchronous.
    async fn read<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(&'a mut dyn Conn) -> BoxFut<'a, T> + Send + 'static,
    {
        match &self.pool {
            ReadPool::Sqlite(pool) => {
                let pool = pool.clone();
                tokio::task::spawn_blocking(move || {
                    let mut conn = pool.take()?;
                    let result = tokio::runtime::Handle::current().block_on(f(&mut conn));
                    pool.give_back(conn);
                    result
                })
                .await
                .map_err(|e| StoreError::Internal(format!("a read panicked: {e}")))?
            }
            ReadPool::Pg(pool) => {
                let mut conn = pool.acquire().await?;
                f(&mut *conn).await
            }
        }
    }
}

#[async_trait]
impl Store for SqlStore {
    fn engine(&self) -> &'static str {
        self.dialect.name()
    }

    async fn ping(&self) -> Result<()> {
        self.read(|c| Box::pin(async move { c.row("SELECT 1 AS one", vec![]).await.map(|_| ()).map_err(Into::into) })).await
    }

    async fn probe_write(&self) -> Result<crate::health::WriteProbe> {
        if let ReadPool::Sqlite(pool) = &self.pool {
            let path = pool.path.clone();
            tokio::task::spawn_blocking(move || crate::health::room(&path)).await.map_err(|e| StoreError::Internal(e.to_string()))??;
        }
        let schema_known = crate::migrate::list(self.dialect).last().map(|m| m.version).unwrap_or(0);
        self.writer.submit(crate::health::ProbeWrite { key: self.probe_key.clone(), schema_known }).await
    }

    async fn create_lead(&self, lead: NewLead, entered_by: Option<i64>, idem: Option<IdempotencyKey>) -> Result<LeadCreated> {
        self.writer.submit(leads::CreateLead { lead, entered_by, idem }).await
    }

    async fn patch_lead(&self, id: i64, patch: LeadPatch, actor: Option<i64>) -> Result<()> {
        self.writer.submit(leads::PatchLead { id, patch, actor }).await
    }

    async fn log_activity(&self, lead_id: i64, activity: NewActivity, actor: Option<i64>) -> Result<i64> {
        self.writer.submit(work::LogActivity { lead_id, activity, actor }).await
    }

    async fn create_user(&self, user: NewUserRecord) -> Result<i64> {
        self.writer.submit(users::CreateUser { user }).await
    }

    async fn create_token(&self, user_id: i64, name: String, hash: String) -> Result<i64> {
        self.writer.submit(access::CreateToken { user_id, name, hash, expires_at: None }).await
    }

    async fn create_token_expiring(&self, user_id: i64, name: String, hash: String, expires_at: Option<jiff::Timestamp>) -> Result<i64> {
        self.writer.submit(access::CreateToken { user_id, name, hash, expires_at }).await
    }

    async fn tokens(&self, user_id: i64) -> Result<Vec<crate::records::TokenRecord>> {
        self.read(move |c| Box::pin(access::tokens(c, user_id))).await
    }

    async fn revoke_token(&self, user_id: i64, token_id: i64, actor: Option<i64>) -> Result<()> {
        self.writer.submit(access::RevokeToken { user_id, token_id, actor }).await
    }

    async fn token_auth(&self, token_hash: &str) -> Result<(UserRecord, crate::records::TokenRecord)> {
        let hash = token_hash.to_owned();
        self.read(move |c| Box::pin(async move { access::token_auth(c, &hash).await })).await
    }

    async fn touch_token(&self, id: i64) -> Result<()> {
        self.writer.submit(access::TouchToken { id }).await
    }

    async fn set_active(&self, id: i64, active: bool, actor: Option<i64>) -> Result<crate::records::HandedBack> {
        self.writer.submit(users::SetActive { id, active, actor }).await
    }

    async fn update_account(
        &self,
        id: i64,
        details: Option<UserPatch>,
        role: Option<pronto_domain::user::Role>,
        active: Option<bool>,
        actor: Option<i64>,
    ) -> Result<crate::records::HandedBack> {
        self.writer.submit(users::UpdateAccount { id, details, role, active, actor }).await
    }

    async fn set_role(&self, id: i64, role: pronto_domain::user::Role, actor: Option<i64>) -> Result<()> {
        self.writer.submit(users::SetRole { id, role, actor }).await
    }

    async fn change_password(&self, change: crate::records::PasswordChange) -> Result<crate::records::PasswordChanged> {
        self.writer.submit(access::SetPassword { change }).await
    }

    async fn login_blocked(&self, key: &str) -> Result<Option<jiff::Timestamp>> {
        let key = key.to_owned();
        self.read(move |c| Box::pin(async move { access::login_blocked(c, &key).await })).await
    }

    async fn login_failed(&self, key: &str) -> Result<Option<jiff::Timestamp>> {
        self.writer.submit(access::LoginFailed { key: key.to_owned() }).await
    }

    async fn login_succeeded(&self, key: &str) -> Result<()> {
        self.writer.submit(access::LoginSucceeded { key: key.to_owned() }).await
    }

    async fn fire_due_timers(&self, limit: i64) -> Result<i64> {
        self.writer.submit(timers::FireDueTimers { limit }).await
    }

    async fn next_timer_due(&self) -> Result<Option<jiff::Timestamp>> {
        self.read(|c| {
            Box::pin(async move {
                let row = c.row("SELECT MIN(due_at) AS due FROM timers WHERE status = 'pending'", vec![]).await?;
                Ok(row.map(|r| r.opt_i64("due")).transpose()?.flatten().map(crate::from_micros))
            })
        })
        .await
    }

    fn timers_changed(&self) -> Arc<tokio::sync::Notify> {
        self.writer.wakers().timers.clone()
    }

    fn outbox_changed(&self) -> Arc<tokio::sync::Notify> {
        self.writer.wakers().outbox.clone()
    }

    fn committed(&self) -> tokio::sync::broadcast::Receiver<crate::records::Committed> {
        let wakers = self.writer.wakers();
        let rx = wakers.committed.subscribe();
        wakers.following.notify_one();
        rx
    }

    async fn claim_notifications_held(&self, limit: i64, held: &[String]) -> Result<Vec<OutboxRecord>> {
        let alive_since = crate::nodes::alive_since(self.wall.now());
        let channels = delivery::sendable(held);
        self.writer.submit(delivery::ClaimNotifications { limit, node: self.node.id.clone(), alive_since, channels }).await
    }

    async fn probe_channel(&self, channel: &str) -> Result<Option<OutboxRecord>> {
        self.writer.submit(delivery::ProbeChannel { channel: channel.to_owned(), node: self.node.id.clone() }).await
    }

    fn node(&self) -> &crate::nodes::NodeId {
        &self.node
    }

    async fn heartbeat(&self) -> Result<()> {
        let alive = self.writer.submit(crate::nodes::Heartbeat { node: self.node.clone(), at: self.wall.now() }).await?;
        self.writer.share_among(alive);
        Ok(())
    }

    async fn nodes(&self) -> Result<Vec<crate::nodes::NodeRecord>> {
        let now = self.wall.now();
        self.read(move |c| Box::pin(crate::nodes::list(c, now))).await
    }

    async fn take_lease(&self, name: &str) -> Result<bool> {
        let alive_since = crate::nodes::alive_since(self.wall.now());
        self.writer.submit(crate::nodes::TakeLease { name: name.to_owned(), node: self.node.id.clone(), alive_since }).await
    }

    async fn start_canary_run(&self, channel: &str) -> Result<i64> {
        self.writer.submit(crate::canary::StartRun { channel: channel.to_owned(), node: self.node.id.clone() }).await
    }

    async fn canary_observe(&self, run: i64) -> Result<crate::canary::Observed> {
        self.read(move |c| Box::pin(crate::canary::observe(c, run))).await
    }

    async fn finish_canary_run(&self, finish: crate::canary::FinishRun) -> Result<crate::canary::Finished> {
        self.writer.submit(finish).await
    }

    async fn canary_status(&self, since: jiff::Timestamp) -> Result<crate::canary::CanaryStatus> {
        self.read(move |c| Box::pin(crate::canary::status(c, since))).await
    }

    async fn canary_last_started(&self, channel: &str) -> Result<Option<jiff::Timestamp>> {
        let channel = channel.to_owned();
        self.read(move |c| Box::pin(async move { crate::canary::last_started(c, &channel).await })).await
    }

    async fn release_lease(&self, name: &str) -> Result<()> {
        self.writer.submit(crate::nodes::ReleaseLease { name: name.to_owned(), node: self.node.id.clone() }).await
    }

    async fn record_delivery(&self, id: i64, delivery: Delivery) -> Result<()> {
        self.writer.submit(delivery::RecordDelivery { id, delivery }).await
    }

    async fn retry_notification(&self, id: i64, actor: Option<i64>) -> Result<()> {
        self.writer.submit(delivery::RetryNotification { id, actor }).await
    }

    async fn mark_read(&self, user: i64, ids: Vec<i64>) -> Result<i64> {
        self.writer.submit(delivery::MarkRead { user, ids }).await
    }
    async fn notification_centre(&self, user: i64, limit: i64) -> Result<Vec<CentreItem>> {
        self.read(move |c| Box::pin(crate::centre::list(c, user, limit))).await
    }
    async fn centre_item(&self, user: i64, id: i64) -> Result<CentreItem> {
        self.read(move |c| Box::pin(crate::centre::one(c, user, id))).await
    }
    async fn unread_notifications(&self, user: i64) -> Result<i64> {
        self.read(move |c| Box::pin(crate::centre::unread(c, user))).await
    }

    async fn create_webhook(&self, url: String, events: Vec<String>, secret: String, actor: Option<i64>) -> Result<i64> {
        self.writer.submit(delivery::CreateWebhook { url, events, secret, actor }).await
    }

    async fn delete_webhook(&self, id: i64, actor: Option<i64>) -> Result<()> {
        self.writer.submit(delivery::DeleteWebhook { id, actor }).await
    }

    async fn webhooks(&self) -> Result<Vec<WebhookRecord>> {
        self.read(|c| {
            Box::pin(async move {
                let rows = c
                    .rows("SELECT id, url, events, secret, created_at FROM webhooks WHERE active = $1 ORDER BY id", crate::params![true])
                    .await?;
                rows.iter()
                    .map(|r| {
                        Ok(WebhookRecord {
                            id: r.i64("id")?,
                            url: r.str("url")?,
                            events: r.str("events")?.split(',').map(str::to_owned).collect(),
                            secret: r.str("secret")?,
                            created_at: crate::from_micros(r.i64("created_at")?),
                        })
                    })
                    .collect()
            })
        })
        .await
    }

    async fn next_notification_due_held(&self, held: &[String]) -> Result<Option<jiff::Timestamp>> {
        let now = self.clock.now();
        let node = self.node.id.clone();
        let alive_since = crate::nodes::alive_since(self.wall.now());
        let channels = delivery::sendable(held);
        self.read(move |c| {
            Box::pin(async move {
                delivery::next_due(c, &node, alive_since, &channels, now).await
            })
        })
        .await
    }

    async fn complete_task(&self, id: i64, outcome: String, note: Option<String>, actor: Option<i64>) -> Result<()> {
        self.writer.submit(work::CompleteTask { id, outcome, note, actor }).await
    }

    async fn update_user(&self, patch: UserPatch, actor: Option<i64>) -> Result<()> {
        self.writer.submit(users::UpdateUser { patch, actor }).await
    }

    async fn load_playbook(&self, source: String, actor: Option<i64>, how: PlaybookSource) -> Result<PlaybookLoaded> {
        let pb = pronto_playbook::parse(&source).ok();
        let loaded = self.writer.submit(config::LoadPlaybook { source, actor, how }).await?;
        if let Some(pb) = pb
            && self.playbooks.get(&pb.name, loaded.version).is_none()
        {
            self.playbooks.insert(loaded.version, pb);
        }
        if self.playbooks.current(&loaded.name).is_none_or(|(v, _)| v < loaded.current) {
            // A newer version stored by another node since this process last looked.
            self.refresh_playbooks().await?;
        }
        Ok(loaded)
    }

    async fn refresh_playbooks(&self) -> Result<usize> {
        let pbs = self.playbooks.clone();
        self.read(move |c| Box::pin(async move { crate::playbooks::refresh(c, &pbs).await })).await
    }

    fn playbooks(&self) -> Arc<Playbooks> {
        self.playbooks.clone()
    }

    async fn ingest_mail(&self, mail: crate::records::MailIn) -> Result<crate::records::MailOutcome> {
        self.writer.submit(mail::IngestMail { mail }).await
    }

    async fn create_session(&self, user_id: i64, hash: String, replaces: Option<String>) -> Result<()> {
        self.writer.submit(access::CreateSession { user_id, hash, replaces }).await
    }

    async fn touch_session(&self, hash: String, idle: jiff::SignedDuration, absolute: jiff::SignedDuration) -> Result<i64> {
        self.writer.submit(access::TouchSession { hash, idle, absolute }).await
    }

    async fn session_user(&self, hash: String, idle: jiff::SignedDuration, absolute: jiff::SignedDuration) -> Result<i64> {
        let now = crate::micros(self.clock.now());
        self.read(move |c| Box::pin(async move { queries::session_user(c, &hash, idle, absolute, now).await })).await
    }

    async fn end_session(&self, hash: String) -> Result<()> {
        self.writer.submit(access::EndSession { hash }).await
    }

    async fn call_event(&self, event: crate::records::CallIn) -> Result<crate::records::CallResult> {
        self.writer.submit(calls::CallEvent { event }).await
    }

    async fn calls(&self, lead: Option<i64>, limit: i64) -> Result<Vec<crate::records::CallRecord>> {
        self.read(move |c| Box::pin(queries::calls(c, lead, limit))).await
    }

    async fn mailbox_cursor(&self, mailbox: &str) -> Result<Option<(i64, i64)>> {
        let mailbox = mailbox.to_owned();
        self.read(move |c| Box::pin(async move { queries::mailbox_cursor(c, &mailbox).await })).await
    }

    async fn reset_mailbox(&self, mailbox: String, uidvalidity: i64) -> Result<()> {
        self.writer.submit(mail::ResetMailbox { mailbox, uidvalidity }).await
    }

    async fn mailbox_alert(&self, mailbox: String, error: Option<String>) -> Result<()> {
        self.writer.submit(mail::MailboxAlert { mailbox, error }).await
    }

    async fn send_email(&self, email: crate::records::OutgoingEmail) -> Result<i64> {
        self.writer.submit(mail::SendEmail { email }).await
    }

    async fn emails(&self, lead_id: i64) -> Result<Vec<crate::records::EmailRecord>> {
        self.read(move |c| Box::pin(queries::emails(c, lead_id))).await
    }

    async fn attachment(&self, id: i64) -> Result<crate::records::AttachmentRecord> {
        self.read(move |c| Box::pin(queries::attachment(c, id))).await
    }

    async fn attachment_data(&self, id: i64) -> Result<Option<Vec<u8>>> {
        self.read(move |c| Box::pin(crate::shared::attachment_data(c, id))).await
    }

    async fn files_missing(&self, after: String, limit: i64) -> Result<Vec<String>> {
        self.read(move |c| Box::pin(async move { crate::shared::files_missing(c, &after, limit).await })).await
    }

    async fn keep_file(&self, sha256: String, data: Vec<u8>) -> Result<()> {
        self.writer.submit(crate::shared::KeepFile { sha256, data }).await
    }

    async fn config_versions(&self) -> Result<crate::shared::ConfigVersions> {
        self.read(|c| Box::pin(crate::shared::versions(c))).await
    }

    async fn reload_config(&self, what: crate::shared::Config) -> Result<()> {
        match what {
            crate::shared::Config::Messages => self.reload_messages().await,
            crate::shared::Config::Company => self.reload_office_calendar().await,
            crate::shared::Config::Settings => Ok(()),
        }
    }

    async fn count_hit(&self, scope: &str, key: String, window_start: i64) -> Result<i64> {
        let prune = self.pruned_window.swap(window_start, std::sync::atomic::Ordering::Relaxed) < window_start;
        self.writer.submit(crate::shared::CountHit { scope: scope.to_owned(), key, window_start, prune }).await
    }

    async fn ignored_mail(&self, limit: i64) -> Result<Vec<crate::records::IgnoredMailRecord>> {
        self.read(move |c| Box::pin(queries::ignored_mail(c, limit))).await
    }

    async fn set_message(&self, message: pronto_playbook::messages::Override, actor: Option<i64>) -> Result<()> {
        self.writer.submit(config::SetMessage { message, remove: false, actor }).await?;
        self.reload_messages().await
    }

    async fn reset_message(&self, playbook: String, template: String, language: String, actor: Option<i64>) -> Result<()> {
        let message = pronto_playbook::messages::Override { playbook, template, language, text: String::new(), subject: None };
        self.writer.submit(config::SetMessage { message, remove: true, actor }).await?;
        self.reload_messages().await
    }

    async fn ensure_admin(&self, password_hash: String) -> Result<bool> {
        self.writer.submit(users::EnsureAdmin { password_hash }).await
    }

    async fn lead(&self, id: i64) -> Result<LeadRecord> {
        let mut l = self.read(move |c| Box::pin(queries::lead(c, id))).await?;
        self.with_tracking(std::slice::from_mut(&mut l));
        Ok(l)
    }
    async fn leads(&self, filter: &LeadFilter) -> Result<Vec<LeadRecord>> {
        let filter = filter.clone();
        let mut ls = self.read(move |c| Box::pin(async move { queries::leads(c, &filter).await })).await?;
        self.with_tracking(&mut ls);
        Ok(ls)
    }
    async fn contacts(&self, query: Option<String>, limit: i64) -> Result<Vec<crate::records::ContactListItem>> {
        self.read(move |c| Box::pin(async move { queries::contacts(c, query.as_deref(), limit).await })).await
    }
    async fn slas_running(&self, playbook: Option<String>, limit: i64) -> Result<Vec<crate::records::SlaRunning>> {
        self.read(move |c| Box::pin(async move { queries::slas_running(c, playbook, limit).await })).await
    }
    async fn similar_contacts(
        &self,
        phone: Option<String>,
        email: Option<String>,
        company_id: Option<String>,
        limit: i64,
    ) -> Result<Vec<crate::records::SimilarContact>> {
        self.read(move |c| Box::pin(async move { queries::similar_contacts(c, phone, email, company_id, limit).await })).await
    }
    async fn merge_contacts(&self, keep: i64, other: i64, actor: Option<i64>) -> Result<i64> {
        self.writer.submit(leads::MergeContacts { keep, other, actor }).await
    }
    async fn undo_merge(&self, id: i64, actor: Option<i64>) -> Result<()> {
        self.writer.submit(leads::UndoMerge { id, actor }).await
    }
    async fn contact_merge(&self, id: i64) -> Result<MergeRecord> {
        self.read(move |c| Box::pin(leads::merge_record(c, id))).await
    }
    async fn contact_page(&self, filter: &ContactFilter) -> Result<(Vec<ContactListItem>, i64)> {
        let filter = filter.clone();
        self.read(move |c| Box::pin(async move { queries::contact_page(c, &filter, true).await })).await
    }
    async fn count_leads(&self, filter: &LeadFilter) -> Result<i64> {
        let filter = filter.clone();
        self.read(move |c| Box::pin(async move { queries::count_leads(c, &filter).await })).await
    }
    async fn late_now(&self, filter: &LateFilter) -> Result<Vec<LateRecord>> {
        let (filter, playbooks) = (filter.clone(), self.playbooks.clone());
        self.read(move |c| Box::pin(async move { crate::late::late_now(c, &playbooks, &filter).await })).await
    }
    async fn create_task(
        &self,
        lead_id: i64,
        title: String,
        due_at: jiff::Timestamp,
        assignee: Option<i64>,
        actor: Option<i64>,
    ) -> Result<i64> {
        self.writer.submit(work::CreateTask { lead_id, title, due_at, assignee, actor }).await
    }
    async fn mark_answered(&self, lead_id: i64, actor: Option<i64>) -> Result<i64> {
        self.writer.submit(work::MarkAnswered { lead_id, actor }).await
    }
    async fn reschedule_task(&self, id: i64, due_at: jiff::Timestamp, actor: Option<i64>) -> Result<()> {
        self.writer.submit(work::RescheduleTask { id, due_at, actor }).await
    }

    async fn companies(&self, query: Option<String>, limit: i64) -> Result<Vec<(i64, Option<String>, Option<String>, i64, i64)>> {
        self.read(move |c| Box::pin(async move { queries::companies(c, query.as_deref(), limit).await })).await
    }
    async fn queue_test(&self, channel: String, address: String, text: String, actor: Option<i64>) -> Result<i64> {
        self.writer.submit(delivery::QueueTest { channel, address, text, actor }).await
    }
    async fn report_tallies(&self, dim: pronto_domain::tally::Dim, from: jiff::Timestamp, to: jiff::Timestamp) -> Result<ReportTallies> {
        let office = crate::facts::office_zone(&self.playbooks);
        self.read(move |c| Box::pin(async move { crate::facts::tallies(c, &office, dim, from, to).await })).await
    }
    async fn report_days(
        &self,
        dim: pronto_domain::tally::Dim,
        from_day: i32,
        to_day: i32,
    ) -> Result<Vec<(i32, String, pronto_domain::tally::Tally)>> {
        self.read(move |c| Box::pin(crate::facts::cells_by_day(c, dim, from_day, to_day))).await
    }
    async fn report_facts(
        &self,
        from: jiff::Timestamp,
        to: jiff::Timestamp,
        after: Option<(i64, i64)>,
        limit: i64,
    ) -> Result<Vec<(i64, i64, pronto_domain::tally::Fact)>> {
        self.read(move |c| Box::pin(crate::facts::facts(c, from, to, after, limit))).await
    }
    async fn configure_reports(&self, schedule: crate::schedule::ReportSchedule) -> Result<()> {
        self.writer.submit(schedule::ConfigureReports { schedule }).await
    }
    async fn compose_report(
        &self,
        kind: crate::schedule::ReportKind,
        from: jiff::Timestamp,
        to: jiff::Timestamp,
    ) -> Result<crate::schedule::Composed> {
        let office = crate::facts::office_zone(&self.playbooks);
        self.read(move |c| Box::pin(async move { crate::schedule::compose(c, kind, from, to, &office).await })).await
    }
    async fn sync_report_facts(&self) -> Result<i64> {
        let mut synced = 0;
        loop {
            let n = self.writer.submit(schedule::BackfillFacts { limit: 5000 }).await?;
            if n == 0 {
                break;
            }
            synced += n;
        }
        if synced > 0 {
            tracing::info!(leads = synced, "report facts built");
        }
        Ok(synced)
    }
    fn tracking_token(&self, lead_id: i64, generation: i64) -> Option<String> {
        self.playbooks.site_keys().map(|k| k.token(lead_id, generation))
    }
    async fn revoke_tracking(&self, lead_id: i64, actor: Option<i64>) -> Result<i64> {
        self.writer.submit(customer::RevokeTracking { lead_id, actor }).await
    }
    async fn tracking_page(&self, token: &str, keep: jiff::SignedDuration) -> Result<TrackingRecord> {
        let hash = crate::tracking::token_hash(token);
        let now = self.clock.now();
        self.read(move |c| Box::pin(async move { crate::customer::page(c, &hash, keep, now).await })).await
    }
    async fn customer_action(&self, lead_id: i64, action: CustomerAction) -> Result<i64> {
        use crate::customer::{Act, SealedFile};
        let act = match action {
            CustomerAction::Message { text } => Act::Message { text },
            CustomerAction::Callback { at, note } => Act::Callback { at, note },
            CustomerAction::Document { filename, content_type, bytes } => {
                use base64::Engine;
                let keys = self.keys()?;
                // Hashing and sealing happen here, off the writer's thread.
                let file = tokio::task::spawn_blocking(move || SealedFile {
                    size: bytes.len() as i64,
                    sha256: crate::tracking::content_hash(&bytes),
                    sealed: base64::engine::general_purpose::STANDARD.encode(keys.seal(&bytes)),
                    filename,
                    content_type,
                })
                .await
                .map_err(|e| StoreError::Internal(format!("sealing a file panicked: {e}")))?;
                Act::Document(file)
            }
        };
        self.writer.submit(customer::CustomerAct { lead_id, act }).await
    }
    async fn customer_files(&self, lead_id: i64) -> Result<Vec<CustomerFileRecord>> {
        self.read(move |c| Box::pin(crate::customer::files(c, lead_id))).await
    }
    async fn customer_file(&self, id: i64) -> Result<(CustomerFileRecord, Vec<u8>)> {
        use base64::Engine;
        let (rec, sealed) = self.read(move |c| Box::pin(crate::customer::file(c, id))).await?;
        let keys = self.keys()?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(sealed)
            .map_err(|e| StoreError::Internal(format!("a sealed file is not base64: {e}")))?;
        let plain = keys.open(&bytes).map_err(|e| StoreError::Internal(e.to_string()))?;
        Ok((rec, plain))
    }
    async fn customer_file_info(&self, id: i64) -> Result<CustomerFileRecord> {
        self.read(move |c| Box::pin(crate::customer::file_info(c, id))).await
    }
    async fn audit(&self, entry: AuditEntry) -> Result<i64> {
        self.writer.submit(config::AppendAudit { entry }).await
    }
    async fn web_forms(&self) -> Result<Vec<crate::web_forms::FormRecord>> {
        self.read(|c| Box::pin(crate::web_forms::list(c))).await
    }
    async fn web_form(&self, key: String) -> Result<Option<crate::web_forms::FormRecord>> {
        self.read(move |c| Box::pin(async move { crate::web_forms::get(c, &key).await })).await
    }
    async fn save_web_form(&self, key: String, definition: Option<String>, audit: AuditEntry) -> Result<()> {
        self.writer.submit(crate::web_forms::SaveForm { key, definition, audit }).await
    }
    async fn audit_log(&self, filter: &AuditFilter) -> Result<Vec<AuditRecord>> {
        let filter = filter.clone();
        self.read(move |c| Box::pin(async move { crate::audit::list(c, &filter).await })).await
    }
    async fn settings(&self) -> Result<crate::StoredSettings> {
        let keys = self.keys()?;
        self.read(move |c| Box::pin(async move { crate::settings::all(c, &keys).await })).await
    }
    async fn save_settings(&self, change: crate::SettingsChange) -> Result<()> {
        self.writer.submit(crate::settings::SaveSettings(change)).await
    }
    async fn settle_outbox(&self) -> Result<i64> {
        self.writer.submit(delivery::SettleOutbox).await
    }
    fn office_zone(&self) -> jiff::tz::TimeZone {
        crate::facts::office_zone(&self.playbooks)
    }
    async fn company_profile(&self) -> Result<crate::company::CompanyProfile> {
        self.read(|c| Box::pin(crate::company::profile(c))).await
    }
    async fn company_logo(&self) -> Result<Option<(String, Vec<u8>)>> {
        self.read(|c| Box::pin(crate::company::logo(c))).await
    }
    async fn change_company(&self, change: crate::company::CompanyChange, actor: Option<i64>) -> Result<()> {
        let hours = matches!(change, crate::company::CompanyChange::OfficeHours(_));
        self.writer.submit(crate::company::ChangeCompany { change, actor }).await?;
        if hours {
            self.reload_office_calendar().await?;
        }
        Ok(())
    }
    async fn slas_at_risk(&self, limit: i64) -> Result<Vec<(String, i64, Option<String>, jiff::Timestamp)>> {
        self.read(move |c| Box::pin(queries::slas_at_risk(c, limit))).await
    }
    async fn stage_counts(&self) -> Result<Vec<(String, i64)>> {
        self.read(|c| Box::pin(queries::stage_counts(c))).await
    }
    async fn timeline(&self, lead_id: i64) -> Result<Vec<EventRecord>> {
        self.read(move |c| Box::pin(queries::timeline(c, lead_id))).await
    }
    async fn activities(&self, lead_id: i64) -> Result<Vec<ActivityRecord>> {
        self.read(move |c| {
            Box::pin(async move {
                queries::lead_exists(c, lead_id).await?;
                queries::activities(c, "a.lead_id", lead_id).await
            })
        })
        .await
    }
    async fn contact(&self, id: i64) -> Result<ContactDetail> {
        let mut d = self.read(move |c| Box::pin(queries::contact(c, id))).await?;
        self.with_tracking(&mut d.leads);
        Ok(d)
    }
    async fn company(&self, id: i64) -> Result<CompanyDetail> {
        let mut d = self.read(move |c| Box::pin(queries::company(c, id))).await?;
        self.with_tracking(&mut d.leads);
        Ok(d)
    }
    async fn user(&self, id: i64) -> Result<UserRecord> {
        self.read(move |c| Box::pin(async move { queries::user(c, "id", id.into()).await.map(|(u, _)| u) })).await
    }
    async fn users(&self) -> Result<Vec<UserRecord>> {
        self.read(|c| Box::pin(queries::users(c))).await
    }
    async fn user_by_login(&self, login: &str) -> Result<(UserRecord, Option<String>)> {
        let login = login.to_owned();
        self.read(move |c| Box::pin(async move { queries::user(c, "login", login.into()).await })).await
    }
    async fn user_by_token_hash(&self, token_hash: &str) -> Result<UserRecord> {
        let hash = token_hash.to_owned();
        self.read(move |c| Box::pin(async move { queries::user_by_token_hash(c, &hash).await })).await
    }
    async fn outbox(&self, lead_id: i64) -> Result<Vec<OutboxRecord>> {
        let f = NotificationFilter { lead: Some(lead_id), ..Default::default() };
        self.read(move |c| Box::pin(async move { queries::notifications(c, &f).await })).await
    }
    async fn notifications(&self, filter: &NotificationFilter) -> Result<Vec<OutboxRecord>> {
        let f = filter.clone();
        self.read(move |c| Box::pin(async move { queries::notifications(c, &f).await })).await
    }
    async fn task(&self, id: i64) -> Result<TaskRecord> {
        self.read(move |c| Box::pin(queries::task(c, id))).await
    }
    async fn tasks(&self, filter: &TaskFilter) -> Result<Vec<TaskRecord>> {
        let f = filter.clone();
        self.read(move |c| Box::pin(async move { queries::tasks(c, &f).await })).await
    }
    async fn playbook_versions(&self, name: Option<&str>) -> Result<Vec<PlaybookVersion>> {
        let name = name.map(str::to_owned);
        self.read(move |c| Box::pin(async move { queries::playbook_versions(c, name.as_deref()).await })).await
    }
    async fn timers(&self, lead_id: i64) -> Result<Vec<TimerRecord>> {
        self.read(move |c| Box::pin(queries::timers(c, lead_id))).await
    }

    // ── offers (issue 20) ──
    async fn create_offer(
        &self,
        lead_id: i64,
        offer: pronto_domain::offer::NewOffer,
        expires_at: jiff::Timestamp,
        actor: Option<i64>,
    ) -> Result<OfferRecord> {
        self.writer.submit(crate::write::offers::CreateOffer { lead_id, offer, expires_at, actor }).await
    }
    async fn send_offer(&self, offer_id: i64, actor: Option<i64>, message: Option<OfferMessage>) -> Result<OfferRecord> {
        self.writer.submit(crate::write::offers::SendOffer { offer_id, actor, message }).await
    }
    async fn decide_offer(
        &self,
        lead_id: i64,
        offer_id: i64,
        decision: pronto_domain::offer::Decision,
        note: Option<String>,
    ) -> Result<OfferRecord> {
        self.writer.submit(crate::write::offers::DecideOffer { lead_id, offer_id, decision, note }).await
    }
    async fn offer(&self, id: i64) -> Result<OfferRecord> {
        self.read(move |c| Box::pin(crate::write::offers::offer(c, id))).await
    }
    async fn lead_offers(&self, lead_id: i64) -> Result<Vec<OfferRecord>> {
        self.read(move |c| Box::pin(crate::write::offers::offers_of_lead(c, lead_id))).await
    }

    async fn close(&self) {
        // Leaves in good order: what this node held is the other nodes' at once.
        if let Err(e) = self.writer.submit(crate::nodes::Leave { node: self.node.id.clone() }).await {
            tracing::warn!(error = %e, "cannot leave in good order; the other nodes take over after the heartbeat's timeout");
        }
        self.writer.close().await;
        match &self.pool {
            ReadPool::Sqlite(p) => p.close(),
            ReadPool::Pg(p) => p.close().await,
        }
    }

    // The catalogue (issue 20).
    async fn create_product(&self, product: pronto_domain::catalogue::Product, active: bool, audit: AuditEntry) -> Result<i64> {
        self.writer.submit(crate::catalogue::CreateProduct { product, active, audit }).await
    }
    async fn update_product(&self, id: i64, product: pronto_domain::catalogue::Product, active: Option<bool>, audit: AuditEntry) -> Result<()> {
        self.writer.submit(crate::catalogue::UpdateProduct { id, product, active, audit }).await
    }
    async fn product(&self, id: i64) -> Result<crate::catalogue::ProductRecord> {
        self.read(move |c| Box::pin(crate::catalogue::get(c, id))).await
    }
    async fn product_by_sku(&self, sku: &str) -> Result<Option<crate::catalogue::ProductRecord>> {
        let sku = sku.to_owned();
        self.read(move |c| Box::pin(async move { crate::catalogue::by_sku(c, &sku).await })).await
    }
    async fn products(&self, filter: &crate::catalogue::ProductFilter) -> Result<Vec<crate::catalogue::ProductRecord>> {
        let f = filter.clone();
        self.read(move |c| Box::pin(async move { crate::catalogue::list(c, &f).await })).await
    }
    async fn import_products(&self, products: Vec<pronto_domain::catalogue::Product>, audit: AuditEntry) -> Result<crate::catalogue::ImportOutcome> {
        self.writer.submit(crate::catalogue::ImportProducts { products, audit }).await
    }
    async fn export_products(&self) -> Result<Vec<crate::catalogue::ProductRecord>> {
        let f = crate::catalogue::ProductFilter { all: true, ..Default::default() };
        self.read(move |c| Box::pin(async move { crate::catalogue::list(c, &f).await })).await
    }

    // ── offer reports (issue 20, helper "reports") ──
    async fn report_offers(
        &self,
        from: jiff::Timestamp,
        to: jiff::Timestamp,
        playbook: Option<String>,
    ) -> Result<Vec<pronto_domain::offer_report::LeadOffers>> {
        let pbs = self.playbooks.clone();
        self.read(move |c| Box::pin(async move { crate::offer_facts::lead_offers(c, &pbs, from, to, playbook.as_deref()).await })).await
    }

    async fn report_money(&self, from: jiff::Timestamp, to: jiff::Timestamp) -> Result<Vec<pronto_domain::money_report::InvoiceFact>> {
        self.read(move |c| Box::pin(crate::money_facts::invoice_facts(c, from, to))).await
    }

    // ── requisites (issue 21, helper "requisites") ──
    async fn save_requisites(
        &self,
        lead_id: i64,
        requisites: pronto_domain::requisites::Requisites,
        source: &'static str,
        actor: Option<i64>,
        message: Option<OfferMessage>,
    ) -> Result<RequisitesRecord> {
        self.writer.submit(crate::write::requisites::SaveRequisites { lead_id, requisites, source, actor, message }).await
    }
    async fn requisites(&self, lead_id: i64) -> Result<Option<RequisitesRecord>> {
        self.read(move |c| Box::pin(crate::write::requisites::requisites(c, lead_id))).await
    }
    async fn reveal_id_document(&self, lead_id: i64, audit: AuditEntry) -> Result<Option<String>> {
        self.writer.submit(crate::write::requisites::RevealIdDocument { lead_id, audit }).await
    }
    // ── invoices (issue 21, helper "invoices") ──
    async fn issue_invoice(
        &self,
        lead_id: i64,
        offer_id: i64,
        zone: jiff::tz::TimeZone,
        message: crate::invoices::InvoiceMessage,
        actor: Option<i64>,
    ) -> Result<crate::invoices::InvoiceRecord> {
        self.writer.submit(crate::invoices::IssueInvoice { lead_id, offer_id, zone, message, actor }).await
    }
    async fn invoice(&self, id: i64) -> Result<crate::invoices::InvoiceRecord> {
        self.read(move |c| Box::pin(crate::invoices::invoice(c, id))).await
    }
    async fn lead_invoices(&self, lead_id: i64) -> Result<Vec<crate::invoices::InvoiceRecord>> {
        self.read(move |c| Box::pin(crate::invoices::invoices_of_lead(c, lead_id))).await
    }
    // ── delivery (issue 21, helper "delivery") ──
    async fn plan_delivery(
        &self,
        lead_id: i64,
        delivery: pronto_domain::delivery::NewDelivery,
        zone: jiff::tz::TimeZone,
        actor: Option<i64>,
    ) -> Result<crate::deliveries::DeliveryRecord> {
        self.writer.submit(crate::deliveries::PlanDelivery { lead_id, delivery, zone, actor }).await
    }
    async fn mark_delivered(&self, id: i64, at: Option<jiff::Timestamp>, actor: Option<i64>) -> Result<crate::deliveries::DeliveryRecord> {
        self.writer.submit(crate::deliveries::MarkDelivered { id, at, actor }).await
    }
    async fn delivery(&self, id: i64) -> Result<crate::deliveries::DeliveryRecord> {
        self.read(move |c| Box::pin(crate::deliveries::delivery(c, id))).await
    }
    async fn lead_deliveries(&self, lead_id: i64) -> Result<Vec<crate::deliveries::DeliveryRecord>> {
        self.read(move |c| Box::pin(crate::deliveries::of_lead(c, lead_id))).await
    }
    async fn deliveries_on(&self, date: String) -> Result<Vec<crate::deliveries::DeliveryStop>> {
        self.read(move |c| Box::pin(async move { crate::deliveries::on_day(c, &date).await })).await
    }
    async fn complaints(&self, filter: crate::complaints::ComplaintFilter) -> Result<Vec<crate::complaints::ComplaintRecord>> {
        self.read(move |c| Box::pin(async move { crate::complaints::list(c, &filter).await })).await
    }
    async fn complaint(&self, id: i64) -> Result<crate::complaints::ComplaintRecord> {
        self.read(move |c| Box::pin(crate::complaints::one(c, id))).await
    }
    async fn resolve_complaint(&self, id: i64, note: String, actor: Option<i64>) -> Result<crate::complaints::ComplaintRecord> {
        self.writer.submit(crate::complaints::ResolveComplaint { id, note, actor }).await
    }
    // ── payments (issue 21, helper "payments") ──
    async fn record_payment(&self, payment: crate::payments::NewPayment) -> Result<crate::payments::PaymentOutcome> {
        self.writer.submit(crate::payments::RecordPayment(payment)).await
    }
    async fn invoice_payments(&self, invoice_id: i64) -> Result<Vec<crate::payments::PaymentRecord>> {
        self.read(move |c| Box::pin(crate::payments::invoice_payments(c, invoice_id))).await
    }
    async fn invoices_by_reference(&self, references: Vec<String>) -> Result<Vec<crate::invoices::InvoiceRecord>> {
        self.read(move |c| Box::pin(async move { crate::payments::invoices_by_reference(c, &references).await })).await
    }
    async fn import_statement(&self, statement: crate::payments::NewStatement) -> Result<crate::payments::ImportOutcome> {
        self.writer.submit(crate::payments::ImportStatement(statement)).await
    }
    async fn statement_lines(&self, status: Option<String>, limit: i64) -> Result<Vec<crate::payments::StatementLineRecord>> {
        self.read(move |c| Box::pin(crate::payments::statement_lines(c, status, limit))).await
    }
    async fn statement_line(&self, id: i64) -> Result<crate::payments::StatementLineRecord> {
        self.read(move |c| Box::pin(crate::payments::statement_line(c, id))).await
    }
    async fn review_statement_line(
        &self,
        line_id: i64,
        invoice_id: Option<i64>,
        message: Option<crate::invoices::InvoiceMessage>,
        actor: Option<i64>,
    ) -> Result<(crate::payments::StatementLineRecord, Option<crate::payments::PaymentOutcome>)> {
        self.writer.submit(crate::payments::ReviewLine { line_id, invoice_id, message, actor }).await
    }

    // ── purchases (issue 21, helper "purchase") ──
    async fn request_purchase(
        &self,
        lead_id: i64,
        offer_id: i64,
        supplier: Option<String>,
        lines: Option<Vec<crate::purchases::PurchaseLineInput>>,
        actor: Option<i64>,
    ) -> Result<Vec<crate::purchases::PurchaseRecord>> {
        self.writer.submit(crate::purchases::RequestPurchase { lead_id, offer_id, supplier, lines, actor }).await
    }
    async fn purchase(&self, id: i64) -> Result<crate::purchases::PurchaseRecord> {
        self.read(move |c| Box::pin(crate::purchases::purchase_by_id(c, id))).await
    }
    async fn lead_purchases(&self, lead_id: i64) -> Result<Vec<crate::purchases::PurchaseRecord>> {
        self.read(move |c| Box::pin(crate::purchases::purchases_of_lead(c, lead_id))).await
    }
    async fn purchases(&self, status: Option<String>, limit: i64) -> Result<Vec<crate::purchases::PurchaseRecord>> {
        self.read(move |c| Box::pin(crate::purchases::purchases_by_status(c, status, limit))).await
    }
    async fn attach_supplier_invoice(
        &self,
        purchase_id: i64,
        invoice: pronto_domain::purchase::SupplierInvoice,
        filename: String,
        content_type: String,
        bytes: Vec<u8>,
        actor: Option<i64>,
    ) -> Result<crate::purchases::PurchaseRecord> {
        use base64::Engine;
        let keys = self.keys()?;
        // Hashing and sealing happen here, off the writer's thread (as the customer's documents).
        let file = tokio::task::spawn_blocking(move || crate::purchases::SealedInvoiceFile {
            size: bytes.len() as i64,
            sha256: crate::tracking::content_hash(&bytes),
            sealed: base64::engine::general_purpose::STANDARD.encode(keys.seal(&bytes)),
            filename,
            content_type,
        })
        .await
        .map_err(|e| StoreError::Internal(format!("sealing a file panicked: {e}")))?;
        self.writer.submit(crate::purchases::AttachSupplierInvoice { purchase_id, invoice, file, actor }).await
    }
    async fn supplier_invoice_file(&self, purchase_id: i64) -> Result<(crate::purchases::PurchaseRecord, Vec<u8>)> {
        use base64::Engine;
        let (rec, sealed) = self.read(move |c| Box::pin(crate::purchases::sealed_file(c, purchase_id))).await?;
        let keys = self.keys()?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(sealed)
            .map_err(|e| StoreError::Internal(format!("a sealed file is not base64: {e}")))?;
        let plain = keys.open(&bytes).map_err(|e| StoreError::Internal(e.to_string()))?;
        Ok((rec, plain))
    }
    async fn override_purchase(
        &self,
        purchase_id: i64,
        reason: String,
        actor: i64,
        audit: AuditEntry,
    ) -> Result<crate::purchases::PurchaseRecord> {
        self.writer.submit(crate::purchases::OverridePurchase { purchase_id, reason, actor, audit }).await
    }
    async fn supplier_paid(&self, purchase_id: i64, actor: Option<i64>) -> Result<crate::purchases::PurchaseRecord> {
        self.writer.submit(crate::purchases::SupplierPaid { purchase_id, actor }).await
    }
}
