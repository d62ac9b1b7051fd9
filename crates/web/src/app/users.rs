//! Users and access: adding a user (an admin), changing one's details (oneself or an admin),
//! role and being active (an admin), resetting a password (an admin), one's own password
//! change (the current password under the per-account throttle), revoking an API token
//! (oneself or an admin). Every change is in the audit log.

use super::{Error, Result, or_not_found};
use crate::AppState;
use crate::auth::{Caller, SignIn, hash_password, new_password};
use crate::dto::{UserIn, UserPatchIn};
use pronto_domain::FieldErrors;
use pronto_domain::user::{Action, Role};
use pronto_domain::values::{Email, Line, Login, Password, Phone};
use pronto_store::{HandedBack, NewUserRecord, PasswordChange, PasswordChanged, UserRecord};

/// Adds a user (admin only): checked, the first password hashed; returns the new account.
pub async fn create(st: &AppState, caller: &Caller, input: UserIn) -> Result<UserRecord> {
    caller.require(Action::ManageUsers)?;
    let mut e = FieldErrors::new();
    let required = |e: &mut FieldErrors, field: &str, v: &Option<String>| -> Option<String> {
        match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => Some(s.to_owned()),
            None => {
                e.add(field, "is required");
                None
            }
        }
    };
    let name = required(&mut e, "name", &input.name).and_then(|v| e.take("name", Line::parse(&v, 200)));
    let login = required(&mut e, "login", &input.login).and_then(|v| e.take("login", Login::parse(&v)));
    let role = required(&mut e, "role", &input.role).and_then(|v| e.take("role", Role::parse(&v)));
    let blank = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let phone = e.take_opt("phone", blank(&input.phone).map(|v| Phone::parse(&v, st.region())));
    let email = e.take_opt("email", blank(&input.email).map(|v| Email::parse(&v)));
    let context: Vec<&str> = [input.login.as_deref(), input.name.as_deref()].into_iter().flatten().collect();
    let password = e.take_opt("password", input.password.as_deref().map(|p| Password::parse_for(p, &context)));
    e.into_result()?;
    let password_hash = match password {
        Some(p) => Some(hash_password(p.expose().to_owned()).await?),
        None => None,
    };
    let user = NewUserRecord {
        login: login.expect("checked"),
        name: name.expect("checked"),
        role: role.expect("checked"),
        phone,
        email,
        password_hash,
        actor: Some(caller.user.id),
    };
    let id = st.store.create_user(user).await?;
    let user = st.store.user(id).await?;
    st.audit_change(caller, crate::audit::kind::USER_CREATED, Some(format!("user/{id}")), serde_json::json!({ "login": user.login, "role": user.role }))
        .await;
    Ok(user)
}

/// The working hours' JSON shape: an object whose `time_zone` is text, `hours` an object of
/// texts and `holidays` a list of texts (what they say, `parse_hours` checks).
fn hours_shape_ok(v: &serde_json::Value) -> bool {
    let Some(o) = v.as_object() else { return false };
    o.get("time_zone").is_none_or(|t| t.is_string() || t.is_null())
        && o.get("hours").is_some_and(|h| h.as_object().is_some_and(|m| m.values().all(serde_json::Value::is_string)))
        && o.get("holidays").is_none_or(|h| h.is_null() || h.as_array().is_some_and(|a| a.iter().all(serde_json::Value::is_string)))
}

/// Changes user `id`'s presence, working hours, contact details or language (the user
/// themself, or an admin), role or being active (an admin), in one transaction.
pub async fn patch(st: &AppState, caller: &Caller, id: i64, input: UserPatchIn) -> Result<UserRecord> {
    if id != caller.user.id {
        caller.require(Action::ManageUsers)?;
    }
    // Whether one is active and one's role are an admin's to change, even for oneself.
    if input.active.is_some() || input.role.is_some() {
        caller.require(Action::ManageUsers)?;
    }
    let mut e = FieldErrors::new();
    let role = e.take_opt("role", input.role.as_deref().map(|r| Role::parse(r.trim())));
    let presence = e.take_opt(
        "presence",
        input
            .presence
            .as_deref()
            .map(|p| pronto_playbook::Presence::parse(p.trim()).ok_or_else(|| format!("`{p}` is not one of: available, meeting, away"))),
    );
    let hours = match input.hours {
        None => None,
        Some(None) => Some(None),
        Some(Some(v)) if !hours_shape_ok(&v) => {
            e.add("hours", "is {\"time_zone\": \"Europe/Prague\", \"hours\": {\"mon\": \"08:00-16:00\"}, \"holidays\": [\"2026-12-24\"]}");
            None
        }
        Some(Some(v)) => {
            let text = v.to_string();
            match pronto_store::parse_hours(&text) {
                Ok(_) => Some(Some(text)),
                Err(m) => {
                    e.add("hours", m);
                    None
                }
            }
        }
    };
    let blank = |v: Option<Option<String>>| v.map(|x| x.filter(|s| !s.trim().is_empty()));
    let phone =
        blank(input.phone).map(|p| p.and_then(|p| e.take("phone", Phone::parse(&p, st.region())).map(|p| p.as_str().to_owned())));
    let email = blank(input.email).map(|m| m.and_then(|m| e.take("email", Email::parse(&m)).map(|m| m.as_str().to_owned())));
    let language = blank(input.language).map(|l| {
        l.and_then(|l| {
            e.take(
                "language",
                pronto_playbook::messages::language(l.trim()).map(str::to_owned).ok_or_else(|| {
                    format!("`{l}` is not a language Pronto speaks; one of: {}", pronto_playbook::messages::LANGUAGES.join(", "))
                }),
            )
        })
    });
    e.into_result()?;
    let details = presence.is_some() || hours.is_some() || phone.is_some() || email.is_some() || language.is_some();
    if !details && role.is_none() && input.active.is_none() {
        return Err(Error::invalid("body", "name at least one of presence, hours, phone, email, language, active, role"));
    }
    let mut changed = Vec::new();
    for (field, set) in [
        ("presence", presence.is_some()),
        ("hours", hours.is_some()),
        ("phone", phone.is_some()),
        ("email", email.is_some()),
        ("language", language.is_some()),
        ("role", role.is_some()),
        ("active", input.active.is_some()),
    ] {
        if set {
            changed.push(field);
        }
    }
    // One transaction: the details, the role and being active change together or not at all.
    let details = details.then_some(pronto_store::UserPatch { id, presence, hours, phone, email, language });
    st.store.update_account(id, details, role, input.active, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "user"))?;
    let detail = serde_json::json!({ "fields": changed, "role": role.map(|r| r.to_string()), "active": input.active });
    st.audit_change(caller, crate::audit::kind::USER_CHANGED, Some(format!("user/{id}")), detail).await;
    Ok(st.store.user(id).await.map_err(|e| or_not_found(e, "user"))?)
}

/// Deactivates user `id` (their sessions end, tokens are revoked, open work goes back to the
/// playbook's assignment: the answer counts it) or reactivates them. An admin's.
pub async fn set_active(st: &AppState, caller: &Caller, id: i64, active: bool) -> Result<HandedBack> {
    caller.require(Action::ManageUsers)?;
    let h = st.store.set_active(id, active, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "user"))?;
    let detail = if active {
        serde_json::json!({ "fields": ["active"], "active": true })
    } else {
        serde_json::json!({ "fields": ["active"], "active": false, "tasks": h.tasks, "leads": h.leads })
    };
    st.audit_change(caller, crate::audit::kind::USER_CHANGED, Some(format!("user/{id}")), detail).await;
    Ok(h)
}

/// Gives user `id` the role `role` (as typed). An admin's.
pub async fn set_role(st: &AppState, caller: &Caller, id: i64, role: &str) -> Result<Role> {
    caller.require(Action::ManageUsers)?;
    let role = Role::parse(role.trim()).map_err(|e| Error::invalid("role", e.to_string()))?;
    st.store.set_role(id, role, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "user"))?;
    let detail = serde_json::json!({ "fields": ["role"], "role": role.as_str() });
    st.audit_change(caller, crate::audit::kind::USER_CHANGED, Some(format!("user/{id}")), detail).await;
    Ok(role)
}

/// An admin's reset: a temporary password (returned, shown once) the user must replace at
/// the next sign-in; their sessions end, their tokens too when `revoke_tokens`.
pub async fn reset_password(st: &AppState, caller: &Caller, id: i64, revoke_tokens: bool) -> Result<(String, PasswordChanged)> {
    caller.require(Action::ManageUsers)?;
    st.store.user(id).await.map_err(|e| or_not_found(e, "user"))?;
    let temporary = new_password();
    let hash = hash_password(temporary.clone()).await?;
    let change = PasswordChange { user_id: id, hash, keep_session: None, revoke_tokens, must_change: true, actor: Some(caller.user.id) };
    let done = st.store.change_password(change).await.map_err(|e| or_not_found(e, "user"))?;
    let detail = serde_json::json!({ "sessions_ended": done.sessions_ended, "tokens_revoked": done.tokens_revoked });
    st.audit_change(caller, crate::audit::kind::PASSWORD_RESET, Some(format!("user/{id}")), detail).await;
    Ok((temporary, done))
}

/// The caller's own change: the current password is checked under the per-account throttle
/// ([`Error::Wait`]; a wrong one is invalid `current`), the new one against the policy
/// (invalid `new`); every other session ends (all when `keep` is none), and the API tokens when
/// `revoke_tokens`.
pub async fn change_own_password(
    st: &AppState,
    caller: &Caller,
    current: &str,
    new: &str,
    revoke_tokens: bool,
    keep: Option<String>,
) -> Result<PasswordChanged> {
    let user = &caller.user;
    match crate::auth::check_password(st, &user.login, current).await? {
        SignIn::Ok(u) if u.id == user.id => {}
        SignIn::Wait(w) => {
            let seconds = crate::auth::wait_secs(w);
            return Err(Error::Wait { seconds, why: format!("too many wrong passwords for this account; try again in {seconds} s") });
        }
        _ => return Err(Error::invalid("current", "is not your current password")),
    }
    if new == current {
        return Err(Error::invalid("new", "must differ from the current password"));
    }
    let new = Password::parse_for(new, &[&user.login, &user.name]).map_err(|e| Error::invalid("new", e.to_string()))?;
    let hash = hash_password(new.expose().to_owned()).await?;
    let change = PasswordChange { user_id: user.id, hash, keep_session: keep, revoke_tokens, must_change: false, actor: Some(user.id) };
    let done = st.store.change_password(change).await?;
    let detail = serde_json::json!({ "sessions_ended": done.sessions_ended, "tokens_revoked": done.tokens_revoked });
    st.audit_change(caller, crate::audit::kind::PASSWORD_CHANGED, Some(format!("user/{}", user.id)), detail).await;
    Ok(done)
}

/// Revokes user `user`'s token `token` (oneself, or an admin): it answers 401 from the next
/// request on. Returns the token's name.
pub async fn revoke_token(st: &AppState, caller: &Caller, user: i64, token: i64) -> Result<String> {
    if user != caller.user.id {
        caller.require(Action::ManageUsers)?;
    }
    let name = st.store.tokens(user).await.unwrap_or_default().into_iter().find(|k| k.id == token).map(|k| k.name);
    st.store.revoke_token(user, token, Some(caller.user.id)).await.map_err(|e| or_not_found(e, "token"))?;
    let name = name.unwrap_or_default();
    st.audit_change(caller, crate::audit::kind::TOKEN_REVOKED, Some(format!("user/{user}")), serde_json::json!({ "token_id": token, "name": name }))
        .await;
    Ok(name)
}

/// The caller's own language for the pages (`cs`, `en`, `pl`, `ru`, `he`; a region is
/// ignored); a language Pronto does not speak changes nothing.
pub async fn set_language(st: &AppState, caller: &Caller, language: &str) -> Result<()> {
    let Some(l) = pronto_playbook::messages::language(language) else { return Ok(()) };
    let patch = pronto_store::UserPatch { id: caller.user.id, language: Some(Some(l.to_owned())), ..Default::default() };
    Ok(st.store.update_user(patch, Some(caller.user.id)).await?)
}
