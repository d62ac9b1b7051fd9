//! Accounts: a user's lifecycle (deactivate — sessions end, tokens are revoked, their open work
//! goes back to the playbook's assignment —, reactivate, change of role, with the guard that
//! keeps one active admin), passwords (the user's change, an admin's reset that must be changed
//! at the next sign-in), API tokens (expiry, last use, revocation) and the per-account sign-in
//! throttle (`pronto_domain::signin` decides the wait; the count lives in `login_throttle`, so
//! it survives restarts and is shared by every node). Each write is one command of the writer.

use crate::commands::{Pending, db, write_effects};
use crate::engine::Conn;
use crate::records::{HandedBack, PasswordChange, PasswordChanged, TokenRecord, UserRecord};
use crate::{StoreError, from_micros, micros, params, process};
use jiff::Timestamp;
use pronto_domain::effects::{self, Effects};
use pronto_domain::user::Role;
use serde_json::json;

type R<T> = Result<T, StoreError>;

fn event(pending: &mut Pending, kind: &'static str, data: serde_json::Value, actor: Option<i64>, now: Timestamp) {
    let fx = Effects { events: vec![effects::Event { kind, data }], ..Default::default() };
    write_effects(pending, &fx, None, None, actor, now);
}

struct Account {
    login: String,
    role: String,
    active: bool,
}

async fn account(c: &mut dyn Conn, id: i64) -> R<Account> {
    let r = c.row("SELECT login, role, active FROM users WHERE id = $1", params![id]).await.map_err(db)?.ok_or(StoreError::NotFound)?;
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
    let others = c.rows(&sql, params![true]).await.map_err(db)?.iter().filter(|r| r.i64("id").is_ok_and(|a| a != id)).count();
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
        c.exec("UPDATE users SET active = $1 WHERE id = $2", params![true, id]).await.map_err(db)?;
        pending.dir = None;
        event(pending, "user.reactivated", json!({ "user_id": id }), actor, now);
        return Ok(HandedBack::default());
    }
    if actor == Some(id) {
        return Err(StoreError::Conflict("you cannot deactivate your own account; another admin can".into()));
    }
    keep_an_admin(c, id, &a, "deactivating them").await?;
    c.exec("UPDATE users SET active = $1 WHERE id = $2", params![false, id]).await.map_err(db)?;
    let mut out = HandedBack {
        sessions_ended: c.exec("DELETE FROM sessions WHERE user_id = $1", params![id]).await.map_err(db)? as i64,
        tokens_revoked: c
            .exec("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL", params![t, id])
            .await
            .map_err(db)? as i64,
        ..Default::default()
    };
    // The directory the playbook decides with is read again, without them.
    pending.dir = None;
    let role = Role::parse(&a.role).unwrap_or(Role::Consultant);
    let owned: Vec<i64> = c
        .rows("SELECT id FROM leads WHERE owner_id = $1 AND status = 'open' ORDER BY id", params![id])
        .await
        .map_err(db)?
        .iter()
        .map(|r| r.i64("id"))
        .collect::<Result<_, _>>()?;
    let tasks: Vec<i64> = c
        .rows("SELECT lead_id FROM tasks WHERE assignee_id = $1 AND status = 'open' ORDER BY id", params![id])
        .await
        .map_err(db)?
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
        let r = c.row("SELECT owner_id FROM leads WHERE id = $1", params![*lead]).await.map_err(db)?;
        if r.and_then(|r| r.opt_i64("owner_id").ok().flatten()).is_some() {
            out.reassigned += 1;
        }
    }
    event(
        pending,
        "user.deactivated",
        json!({ "user_id": id, "leads": out.leads, "tasks": out.tasks, "reassigned": out.reassigned,
                "sessions_ended": out.sessions_ended, "tokens_revoked": out.tokens_revoked }),
        actor,
        now,
    );
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
    c.exec("UPDATE users SET role = $1 WHERE id = $2", params![role.as_str(), id]).await.map_err(db)?;
    pending.dir = None;
    event(pending, "user.role_changed", json!({ "user_id": id, "from": a.role, "to": role.as_str() }), actor, now);
    Ok(())
}

/// A new password: every session but the one kept ends; tokens are revoked when asked.
pub(crate) async fn set_password(c: &mut dyn Conn, pending: &mut Pending, ch: &PasswordChange, now: Timestamp) -> R<PasswordChanged> {
    let n = c
        .exec(
            "UPDATE users SET password_hash = $1, must_change_password = $2 WHERE id = $3",
            params![ch.hash.as_str(), ch.must_change, ch.user_id],
        )
        .await
        .map_err(db)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    let sessions_ended = c
        .exec("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2", params![ch.user_id, ch.keep_session.clone().unwrap_or_default()])
        .await
        .map_err(db)? as i64;
    let tokens_revoked = if ch.revoke_tokens {
        c.exec("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL", params![micros(now), ch.user_id])
            .await
            .map_err(db)? as i64
    } else {
        0
    };
    let kind = if ch.must_change { "user.password_reset" } else { "user.password_changed" };
    event(
        pending,
        kind,
        json!({ "user_id": ch.user_id, "sessions_ended": sessions_ended, "tokens_revoked": tokens_revoked }),
        ch.actor.or(Some(ch.user_id)),
        now,
    );
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
        .await
        .map_err(db)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    event(pending, "token.revoked", json!({ "user_id": user_id, "token_id": token_id }), actor, now);
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
    .await
    .map_err(db)?;
    Ok(())
}

/// A wrong password for `key`: one more failure in a row; answers until when the next attempt
/// must wait, if it must. Rows quiet for a day are forgotten.
pub(crate) async fn login_failed(c: &mut dyn Conn, key: &str, now: Timestamp) -> R<Option<Timestamp>> {
    let t = micros(now);
    c.exec("DELETE FROM login_throttle WHERE last_failure_at < $1", params![t - 86_400_000_000i64]).await.map_err(db)?;
    let failures = c
        .row("SELECT failures FROM login_throttle WHERE login = $1", params![key])
        .await
        .map_err(db)?
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
    .await
    .map_err(db)?;
    Ok(until)
}

/// The right password: the count starts again.
pub(crate) async fn login_succeeded(c: &mut dyn Conn, key: &str) -> R<()> {
    c.exec("DELETE FROM login_throttle WHERE login = $1", params![key]).await.map_err(db)?;
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
