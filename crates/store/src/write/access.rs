//! Access: the per-account sign-in throttle (`pronto_domain::signin` decides the wait; the
//! count lives in `login_throttle`, so it survives restarts and is shared by every node), web
//! sessions, passwords (the user's change, an admin's reset that must be changed at the next
//! sign-in) and API tokens (expiry, last use, revocation).

use crate::engine::Conn;
use crate::records::{PasswordChange, PasswordChanged, TokenRecord, UserRecord};
use crate::tx::{Command, Pending};
use crate::write::users::{event, user_exists};
use crate::{StoreError, from_micros, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::event::DomainEvent;

type R<T> = crate::Result<T>;

pub(crate) struct CreateToken {
    pub user_id: i64,
    pub name: String,
    pub hash: String,
    pub expires_at: Option<Timestamp>,
}

#[async_trait]
impl Command for CreateToken {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        create_token(c, pending, self.user_id, &self.name, &self.hash, self.expires_at, now).await
    }
}

pub(crate) struct RevokeToken {
    pub user_id: i64,
    pub token_id: i64,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for RevokeToken {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        revoke_token(c, pending, self.user_id, self.token_id, self.actor, now).await
    }
}

/// A token was used: its `last_used_at` (at most once a minute).
pub(crate) struct TouchToken {
    pub id: i64,
}

#[async_trait]
impl Command for TouchToken {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        let _ = pending;
        touch_token(c, self.id, now).await
    }

    fn wakes_workers(&self) -> bool {
        false
    }
}

/// A wrong password for a login (the per-account throttle).
pub(crate) struct LoginFailed {
    pub key: String,
}

#[async_trait]
impl Command for LoginFailed {
    type Output = Option<Timestamp>;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<Option<Timestamp>> {
        let _ = pending;
        login_failed(c, &self.key, now).await
    }
}

pub(crate) struct LoginSucceeded {
    pub key: String,
}

#[async_trait]
impl Command for LoginSucceeded {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        let _ = (pending, now);
        login_succeeded(c, &self.key).await
    }
}

/// A user's new password (already hashed); their other sessions end.
pub(crate) struct SetPassword {
    pub change: PasswordChange,
}

#[async_trait]
impl Command for SetPassword {
    type Output = PasswordChanged;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<PasswordChanged> {
        set_password(c, pending, &self.change, now).await
    }
}

/// A web session begins (the one it replaces, if any, ends: the id rotates at login).
pub(crate) struct CreateSession {
    pub user_id: i64,
    pub hash: String,
    pub replaces: Option<String>,
}

#[async_trait]
impl Command for CreateSession {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        let Self { user_id, hash, replaces } = self;
        if let Some(old) = replaces {
            c.exec("DELETE FROM sessions WHERE id_hash = $1", params![old.as_str()]).await?;
        }
        let t = micros(now);
        c.exec(
            "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)",
            params![hash.as_str(), *user_id, t],
        )
        .await?;
        event(pending, DomainEvent::SessionStarted { user_id: *user_id }, Some(*user_id), now);
        Ok(())
    }
}

/// A session is used: its user, unless idle or absolute timeout passed (then it ends).
pub(crate) struct TouchSession {
    pub hash: String,
    pub idle: jiff::SignedDuration,
    pub absolute: jiff::SignedDuration,
}

#[async_trait]
impl Command for TouchSession {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        let Self { hash, idle, absolute } = self;
        let _ = pending;
        let t = micros(now);
        let row = c
            .row("SELECT user_id, created_at, last_seen_at FROM sessions WHERE id_hash = $1", params![hash.as_str()])
            .await?
            .ok_or(StoreError::NotFound)?;
        let (created, seen) = (row.i64("created_at")?, row.i64("last_seen_at")?);
        if t - seen > idle.as_micros() as i64 || t - created > absolute.as_micros() as i64 {
            c.exec("DELETE FROM sessions WHERE id_hash = $1", params![hash.as_str()]).await?;
            return Err(StoreError::NotFound);
        }
        // Recorded at most once a minute: a page view need not be a write.
        if t - seen > 60_000_000 {
            c.exec("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2", params![t, hash.as_str()]).await?;
        }
        Ok(row.i64("user_id")?)
    }

    fn wakes_workers(&self) -> bool {
        false
    }
}

pub(crate) struct EndSession {
    pub hash: String,
}

#[async_trait]
impl Command for EndSession {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        let _ = (pending, now);
        c.exec("DELETE FROM sessions WHERE id_hash = $1", params![self.hash.as_str()]).await?;
        Ok(())
    }
}

/// A new password: every session but the one kept ends; tokens are revoked when asked.
pub(crate) async fn set_password(c: &mut dyn Conn, pending: &mut Pending, ch: &PasswordChange, now: Timestamp) -> R<PasswordChanged> {
    let n = c
        .exec(
            "UPDATE users SET password_hash = $1, must_change_password = $2 WHERE id = $3",
            params![ch.hash.as_str(), ch.must_change, ch.user_id],
        )
        .await?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    let sessions_ended = c
        .exec("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2", params![ch.user_id, ch.keep_session.clone().unwrap_or_default()])
        .await? as i64;
    let tokens_revoked = if ch.revoke_tokens {
        c.exec("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL", params![micros(now), ch.user_id]).await?
            as i64
    } else {
        0
    };
    let e = DomainEvent::password_set(ch.must_change, ch.user_id, sessions_ended, tokens_revoked);
    event(pending, e, ch.actor.or(Some(ch.user_id)), now);
    Ok(PasswordChanged { sessions_ended, tokens_revoked })
}

/// Revokes one of `user_id`'s tokens (404 when it is not theirs or already revoked).
pub(crate) async fn revoke_token(
    c: &mut dyn Conn,
    pending: &mut Pending,
    user_id: i64,
    token_id: i64,
    actor: Option<i64>,
    now: Timestamp,
) -> R<()> {
    let n = c
        .exec(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
            params![micros(now), token_id, user_id],
        )
        .await?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    event(pending, DomainEvent::TokenRevoked { user_id, token_id }, actor, now);
    Ok(())
}

/// How stale `last_used_at` may get before a use writes it again.
pub const TOKEN_USE_GRAIN: jiff::SignedDuration = jiff::SignedDuration::from_mins(1);

/// Records a token's use (at most once per [`TOKEN_USE_GRAIN`]).
pub(crate) async fn touch_token(c: &mut dyn Conn, id: i64, now: Timestamp) -> R<()> {
    let t = micros(now);
    c.exec(
        "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at <= $3)",
        params![t, id, t - TOKEN_USE_GRAIN.as_micros() as i64],
    )
    .await?;
    Ok(())
}

/// A wrong password for `key`: one more failure in a row; answers until when the next attempt
/// must wait, if it must. Rows quiet for a day are forgotten.
pub(crate) async fn login_failed(c: &mut dyn Conn, key: &str, now: Timestamp) -> R<Option<Timestamp>> {
    let t = micros(now);
    c.exec("DELETE FROM login_throttle WHERE last_failure_at < $1", params![t - 86_400_000_000i64]).await?;
    let failures = c
        .row("SELECT failures FROM login_throttle WHERE login = $1", params![key])
        .await?
        .map(|r| r.i64("failures"))
        .transpose()?
        .unwrap_or(0)
        + 1;
    let until = pronto_domain::signin::wait_after(failures).map(|w| now + w);
    c.exec(
        "INSERT INTO login_throttle (login, failures, last_failure_at, blocked_until) VALUES ($1, $2, $3, $4)
         ON CONFLICT (login) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
             blocked_until = excluded.blocked_until",
        params![key, failures, t, until.map(micros).unwrap_or(0)],
    )
    .await?;
    Ok(until)
}

/// The right password: the count starts again.
pub(crate) async fn login_succeeded(c: &mut dyn Conn, key: &str) -> R<()> {
    c.exec("DELETE FROM login_throttle WHERE login = $1", params![key]).await?;
    Ok(())
}

// ── reads ──

fn token_record(r: &crate::engine::Row) -> R<TokenRecord> {
    Ok(TokenRecord {
        id: r.i64("t_id")?,
        user_id: r.i64("t_user")?,
        name: r.str("t_name")?,
        created_at: from_micros(r.i64("t_created")?),
        last_used_at: r.opt_i64("t_used")?.map(from_micros),
        expires_at: r.opt_i64("t_expires")?.map(from_micros),
    })
}

const TOKEN_COLUMNS: &str =
    "t.id AS t_id, t.user_id AS t_user, t.name AS t_name, t.created_at AS t_created, t.last_used_at AS t_used, t.expires_at AS t_expires";

/// A user's tokens that are not revoked (expired ones included, with their expiry), oldest first.
pub(crate) async fn tokens(c: &mut dyn Conn, user_id: i64) -> R<Vec<TokenRecord>> {
    c.row("SELECT id FROM users WHERE id = $1", params![user_id]).await?.ok_or(StoreError::NotFound)?;
    let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens t WHERE t.user_id = $1 AND t.revoked_at IS NULL ORDER BY t.id");
    c.rows(&sql, params![user_id]).await?.iter().map(token_record).collect()
}

/// The user of a token that is not revoked, with the token (the caller checks expiry and the
/// user's being active).
pub(crate) async fn token_auth(c: &mut dyn Conn, hash: &str) -> R<(UserRecord, TokenRecord)> {
    let sql = format!(
        "SELECT u.id, u.login, u.name, u.role, u.phone, u.email, u.active, u.created_at, u.presence, u.hours, u.open_tasks, u.language,
                u.must_change_password, {TOKEN_COLUMNS}
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL"
    );
    let r = c.row(&sql, params![hash]).await?.ok_or(StoreError::NotFound)?;
    Ok((crate::queries::user_record(&r)?, token_record(&r)?))
}

/// Until when `key` must wait before its next sign-in attempt (may be in the past).
pub(crate) async fn login_blocked(c: &mut dyn Conn, key: &str) -> R<Option<Timestamp>> {
    Ok(c.row("SELECT blocked_until FROM login_throttle WHERE login = $1", params![key])
        .await?
        .map(|r| r.i64("blocked_until"))
        .transpose()?
        .filter(|t| *t > 0)
        .map(from_micros))
}

async fn create_token(
    c: &mut dyn Conn,
    pending: &mut Pending,
    user_id: i64,
    name: &str,
    hash: &str,
    expires_at: Option<Timestamp>,
    now: Timestamp,
) -> R<i64> {
    if !user_exists(c, user_id).await? {
        return Err(StoreError::NotFound);
    }
    let id = c
        .insert_id(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
            params![user_id, name, hash, micros(now), expires_at.map(micros)],
        )
        .await?;
    event(pending, DomainEvent::TokenCreated { user_id, token_id: id, name: name.to_owned(), expires_at }, Some(user_id), now);
    Ok(id)
}
