//! Users: creating them (the first admin too), their details, presence and hours, their role
//! and their lifecycle (deactivate — sessions end, tokens are revoked, their open work goes
//! back to the playbook's assignment —, reactivate), with the guard that keeps one active
//! admin. Sign-in, sessions, passwords and tokens are `write::access`.

use crate::engine::Conn;
use crate::records::HandedBack;
use crate::tx::{Command, Pending};
use crate::{StoreError, micros, params, process};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::event::DomainEvent;
use pronto_domain::user::Role;
use pronto_domain::values::{Email, Line, Login, Phone};
use serde_json::Value;

type R<T> = crate::Result<T>;

#[derive(Debug, Clone)]
pub struct NewUserRecord {
    pub login: Login,
    pub name: Line,
    pub role: Role,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub password_hash: Option<String>,
    pub actor: Option<i64>,
}

/// A change to a user's availability and contact details.
#[derive(Debug, Clone, Default)]
pub struct UserPatch {
    pub id: i64,
    pub presence: Option<pronto_playbook::Presence>,
    /// `Some(None)` clears the user's own hours.
    pub hours: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub email: Option<Option<String>>,
    /// The language the user reads alerts in (`cs`); `Some(None)` returns to the default.
    pub language: Option<Option<String>>,
}

pub(crate) struct CreateUser {
    pub user: NewUserRecord,
}

#[async_trait]
impl Command for CreateUser {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        create_user(c, pending, &self.user, now).await
    }
}

pub(crate) struct EnsureAdmin {
    pub password_hash: String,
}

#[async_trait]
impl Command for EnsureAdmin {
    type Output = bool;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<bool> {
        ensure_admin(c, pending, &self.password_hash, now).await
    }
}

pub(crate) struct UpdateUser {
    pub patch: UserPatch,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for UpdateUser {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        set_presence(c, pending, &self.patch, self.actor, now).await
    }
}

/// Deactivates (handing their open work back to the playbook) or reactivates a user.
pub(crate) struct SetActive {
    pub id: i64,
    pub active: bool,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for SetActive {
    type Output = HandedBack;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<HandedBack> {
        set_active(c, pending, self.id, self.active, self.actor, now).await
    }
}

pub(crate) struct SetRole {
    pub id: i64,
    pub role: Role,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for SetRole {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        set_role(c, pending, self.id, self.role, self.actor, now).await
    }
}

/// A `PATCH` of a user: details, role and being active in one transaction.
pub(crate) struct UpdateAccount {
    pub id: i64,
    pub details: Option<UserPatch>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for UpdateAccount {
    type Output = HandedBack;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<HandedBack> {
        let Self { id, details, role, active, actor } = self;
        if let Some(d) = details {
            set_presence(c, pending, d, *actor, now).await?;
        }
        if let Some(r) = role {
            set_role(c, pending, *id, *r, *actor, now).await?;
        }
        match active {
            Some(a) => set_active(c, pending, *id, *a, *actor, now).await,
            None => Ok(HandedBack::default()),
        }
    }
}

pub(crate) async fn user_exists(c: &mut dyn Conn, id: i64) -> R<bool> {
    Ok(c.row("SELECT id FROM users WHERE id = $1 AND active = $2", params![id, true]).await?.is_some())
}

/// Records an event about a user (on no lead).
pub(crate) fn event(pending: &mut Pending, event: DomainEvent, actor: Option<i64>, now: Timestamp) {
    pending.record(event, None, None, actor, now);
}

struct Account {
    login: String,
    role: String,
    active: bool,
}

async fn account(c: &mut dyn Conn, id: i64) -> R<Account> {
    let r = c.row("SELECT login, role, active FROM users WHERE id = $1", params![id]).await?.ok_or(StoreError::NotFound)?;
    Ok(Account { login: r.str("login")?, role: r.str("role")?, active: r.bool("active")? })
}

/// 409 when `id` is the last active admin and `what` would end that.
async fn keep_an_admin(c: &mut dyn Conn, id: i64, a: &Account, what: &str) -> R<()> {
    if a.role != Role::Admin.as_str() || !a.active {
        return Ok(());
    }
    // The active admins' rows are locked first on PostgreSQL, so two writers taking away the last
    // two admins at once are served one after the other (the second sees the first's change);
    // SQLite's writer is alone already.
    let lock = match c.dialect() {
        crate::engine::Dialect::Postgres => " FOR UPDATE",
        crate::engine::Dialect::Sqlite => "",
    };
    let sql = format!("SELECT id FROM users WHERE role = 'admin' AND active = $1{lock}");
    let others = c.rows(&sql, params![true]).await?.iter().filter(|r| r.i64("id").is_ok_and(|a| a != id)).count();
    if others == 0 {
        return Err(StoreError::Conflict(format!(
            "`{}` is the last active admin: {what} would leave nobody to manage Pronto; make another user admin first",
            a.login
        )));
    }
    Ok(())
}

/// Deactivates (`active = false`) or reactivates a user. Deactivating ends their sessions,
/// revokes their tokens (a reactivation does not bring them back) and hands their open leads
/// and tasks back to the playbook, in this one transaction.
pub(crate) async fn set_active(
    c: &mut dyn Conn,
    pending: &mut Pending,
    id: i64,
    active: bool,
    actor: Option<i64>,
    now: Timestamp,
) -> R<HandedBack> {
    let a = account(c, id).await?;
    if a.active == active {
        return Ok(HandedBack::default());
    }
    let t = micros(now);
    if active {
        c.exec("UPDATE users SET active = $1 WHERE id = $2", params![true, id]).await?;
        pending.dir = None;
        event(pending, DomainEvent::UserReactivated { user_id: id }, actor, now);
        return Ok(HandedBack::default());
    }
    if actor == Some(id) {
        return Err(StoreError::Conflict("you cannot deactivate your own account; another admin can".into()));
    }
    keep_an_admin(c, id, &a, "deactivating them").await?;
    c.exec("UPDATE users SET active = $1 WHERE id = $2", params![false, id]).await?;
    let mut out = HandedBack {
        sessions_ended: c.exec("DELETE FROM sessions WHERE user_id = $1", params![id]).await? as i64,
        tokens_revoked: c.exec("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL", params![t, id]).await?
            as i64,
        ..Default::default()
    };
    // The directory the playbook decides with is read again, without them.
    pending.dir = None;
    let role = Role::parse(&a.role).unwrap_or(Role::Consultant);
    let owned: Vec<i64> = c
        .rows("SELECT id FROM leads WHERE owner_id = $1 AND status = 'open' ORDER BY id", params![id])
        .await?
        .iter()
        .map(|r| r.i64("id"))
        .collect::<Result<_, _>>()?;
    let tasks: Vec<i64> = c
        .rows("SELECT lead_id FROM tasks WHERE assignee_id = $1 AND status = 'open' ORDER BY id", params![id])
        .await?
        .iter()
        .map(|r| r.i64("lead_id"))
        .collect::<Result<_, _>>()?;
    out.leads = owned.len() as i64;
    out.tasks = tasks.len() as i64;
    let mut leads: Vec<i64> = owned.iter().chain(&tasks).copied().collect();
    leads.sort_unstable();
    leads.dedup();
    for lead in leads {
        let (state, mut ctx) = process::lead_state(c, pending, lead).await?;
        ctx.actor = actor;
        process::hand_back(c, pending, &state, &ctx, id, role, now).await?;
    }
    for lead in &owned {
        let r = c.row("SELECT owner_id FROM leads WHERE id = $1", params![*lead]).await?;
        if r.and_then(|r| r.opt_i64("owner_id").ok().flatten()).is_some() {
            out.reassigned += 1;
        }
    }
    let e = DomainEvent::UserDeactivated {
        user_id: id,
        leads: out.leads,
        tasks: out.tasks,
        reassigned: out.reassigned,
        sessions_ended: out.sessions_ended,
        tokens_revoked: out.tokens_revoked,
    };
    event(pending, e, actor, now);
    Ok(out)
}

/// A new role; the last active admin keeps theirs.
pub(crate) async fn set_role(c: &mut dyn Conn, pending: &mut Pending, id: i64, role: Role, actor: Option<i64>, now: Timestamp) -> R<()> {
    let a = account(c, id).await?;
    if a.role == role.as_str() {
        return Ok(());
    }
    if role != Role::Admin {
        keep_an_admin(c, id, &a, "a role other than admin").await?;
    }
    c.exec("UPDATE users SET role = $1 WHERE id = $2", params![role.as_str(), id]).await?;
    pending.dir = None;
    event(pending, DomainEvent::UserRoleChanged { user_id: id, from: a.role, to: role.as_str().to_owned() }, actor, now);
    Ok(())
}

async fn set_presence(c: &mut dyn Conn, pending: &mut Pending, u: &UserPatch, actor: Option<i64>, now: Timestamp) -> R<()> {
    if !user_exists(c, u.id).await? {
        return Err(StoreError::NotFound);
    }
    if let Some(p) = &u.presence {
        c.exec("UPDATE users SET presence = $1 WHERE id = $2", params![p.as_str(), u.id]).await?;
    }
    if let Some(h) = &u.hours {
        c.exec("UPDATE users SET hours = $1 WHERE id = $2", params![h.clone(), u.id]).await?;
    }
    for (field, value) in [("phone", &u.phone), ("email", &u.email), ("language", &u.language)] {
        if let Some(v) = value {
            c.exec(&format!("UPDATE users SET {field} = $1 WHERE id = $2"), params![v.clone(), u.id]).await?;
        }
    }
    pending.dir = None;
    let e = DomainEvent::UserUpdated {
        user_id: u.id,
        presence: u.presence.as_ref().map(|p| p.as_str().to_owned()),
        hours: u.hours.as_ref().map(|h| h.as_deref().and_then(|h| serde_json::from_str::<Value>(h).ok()).filter(|v| !v.is_null())),
        phone: u.phone.clone(),
        email: u.email.clone(),
        language: u.language.clone(),
    };
    event(pending, e, actor, now);
    Ok(())
}

async fn create_user(c: &mut dyn Conn, pending: &mut Pending, u: &NewUserRecord, now: Timestamp) -> R<i64> {
    if c.row("SELECT id FROM users WHERE login = $1", params![u.login.as_str()]).await?.is_some() {
        return Err(StoreError::Conflict(format!("the login `{}` is taken", u.login.as_str())));
    }
    let id = c
        .insert_id(
            "INSERT INTO users (login, name, role, phone, email, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            params![
                u.login.as_str(),
                u.name.as_str(),
                u.role.as_str(),
                u.phone.as_ref().map(|p| p.as_str()),
                u.email.as_ref().map(|e| e.as_str()),
                u.password_hash.clone(),
                micros(now)
            ],
        )
        .await?;
    pending.dir = None;
    let e = DomainEvent::UserCreated { user_id: id, login: u.login.as_str().to_owned(), role: u.role.as_str().to_owned() };
    event(pending, e, u.actor, now);
    Ok(id)
}

async fn ensure_admin(c: &mut dyn Conn, pending: &mut Pending, password_hash: &str, now: Timestamp) -> R<bool> {
    let n = c.row("SELECT COUNT(*) AS n FROM users", vec![]).await?.map(|r| r.i64("n")).transpose()?.unwrap_or(0);
    if n > 0 {
        return Ok(false);
    }
    let admin = NewUserRecord {
        login: Login::parse("admin").expect("valid"),
        name: Line::parse("Administrator", 10_000).expect("valid"),
        role: Role::Admin,
        phone: None,
        email: None,
        password_hash: Some(password_hash.to_owned()),
        actor: None,
    };
    create_user(c, pending, &admin, now).await?;
    Ok(true)
}
