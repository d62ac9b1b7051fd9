//! Who is calling: bearer tokens (random, shown once, stored only as a SHA-256 hash),
//! Argon2id password hashes, and the [`Caller`] extractor that every `/api/v1` handler takes.
//! Deny by default: no token, an unknown token or a revoked one is 401; a role without the
//! permission is 403, checked before anything is written.

use crate::AppState;
use crate::error::ApiError;
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use base64::Engine as _;
use pronto_domain::user::{Action, On, Role};
use pronto_store::{StoreError, UserRecord};
use sha2::{Digest, Sha256};

/// A new API token: `pronto_` and 32 random bytes, base64url.
pub fn new_token() -> String {
    format!("pronto_{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>()))
}

/// A readable random password for the first admin.
pub fn new_password() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<15>())
}

pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).expect("the operating system's random source failed");
    b
}

/// Tokens carry 256 bits of entropy, so a fast hash is enough to keep them useless if the
/// database leaks (a slow password hash would only slow every request).
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hashes a password with Argon2id (default parameters) off the async threads.
pub async fn hash_password(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || Argon2::default().hash_password(password.as_bytes()).map(|h| h.to_string()))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Internal(format!("password hashing failed: {e}")))
}

/// An Argon2id hash (of random bytes nobody knows) with the default parameters, made once per
/// process: an unknown login, an inactive user or one without a password is checked against it,
/// so every sign-in does the same work and takes the same time.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let secret = hex(&random_bytes::<24>());
        Argon2::default().hash_password(secret.as_bytes()).map(|h| h.to_string()).expect("Argon2 hashes any input")
    })
}

/// The hash a sign-in verifies against: the user's own, or [`dummy_hash`] when there is no
/// active user with a password (so the attempt still goes through Argon2 and then fails).
pub fn hash_to_verify(found: Option<(&UserRecord, Option<&str>)>) -> (&'static str, bool) {
    match found {
        Some((u, Some(_))) if u.active => ("", true),
        _ => (dummy_hash(), false),
    }
}

/// What a password check answered.
#[derive(Debug)]
pub enum SignIn {
    /// The right password of an active user.
    Ok(Box<UserRecord>),
    /// Wrong login or password (the same answer for both).
    Wrong,
    /// Too many failures on this login: try again after this long.
    Wait(jiff::SignedDuration),
}

/// Checks `password` for `login` under the per-account throttle (`pronto_domain::signin`):
/// while the login must wait, nothing is verified; otherwise the password goes through Argon2
/// whether the login exists or not, a failure is counted and a success clears the count.
pub async fn check_password(state: &AppState, login: &str, password: &str) -> Result<SignIn, ApiError> {
    let key = pronto_domain::signin::key(login);
    let now = state.clock.now();
    if let Some(until) = state.store.login_blocked(&key).await?
        && until > now
    {
        return Ok(SignIn::Wait(until.duration_since(now)));
    }
    let found = match state.store.user_by_login(&key).await {
        Ok(f) => Some(f),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    let (dummy, real) = hash_to_verify(found.as_ref().map(|(u, h)| (u, h.as_deref())));
    let hash = if real { found.as_ref().and_then(|(_, h)| h.clone()).unwrap_or_default() } else { dummy.to_owned() };
    let ok = verify_password(password.to_owned(), hash).await && real;
    match (ok, found) {
        (true, Some((user, _))) => {
            state.store.login_succeeded(&key).await?;
            Ok(SignIn::Ok(Box::new(user)))
        }
        _ => {
            state.store.login_failed(&key).await?;
            Ok(SignIn::Wrong)
        }
    }
}

/// Seconds to wait, rounded up, at least 1 (for `Retry-After`).
pub fn wait_secs(wait: jiff::SignedDuration) -> i64 {
    let ms = wait.as_millis().max(0) as i64;
    ((ms + 999) / 1000).max(1)
}

pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || Argon2::default().verify_password(password.as_bytes(), hash.as_str()).is_ok())
        .await
        .unwrap_or(false)
}

/// Compares without leaking where two strings first differ.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The authenticated user of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: UserRecord,
    pub role: Role,
    /// Signed in through the web UI's session cookie (not a bearer token).
    pub by_session: bool,
    /// The client's address, as the audit log records it.
    pub ip: Option<String>,
    /// What authenticated the request, so that a long answer (the live stream) can ask again.
    pub credential: Credential,
}

/// What a request was authenticated with (hashes only, never the secret itself).
#[derive(Debug, Clone)]
pub enum Credential {
    /// The web UI's session, by its hashed id.
    Session(String),
    /// An API token, by its hash.
    Token(String),
    /// `PRONTO_ADMIN_TOKEN`, given from outside.
    AdminToken,
}

impl Caller {
    /// Whether what authenticated this caller still stands: the account is active, the
    /// session has not ended or timed out, the token is neither revoked nor expired. A live
    /// stream asks this every [`RECHECK`] and ends when the answer is no (or cannot be had).
    pub async fn still_valid(&self, st: &AppState) -> bool {
        let user = match &self.credential {
            Credential::Session(hash) => match st.store.session_user(hash.clone(), SESSION_IDLE, SESSION_ABSOLUTE).await {
                Ok(id) if id == self.user.id => st.store.user(id).await.ok(),
                _ => None,
            },
            Credential::Token(hash) => match st.store.token_auth(hash).await {
                Ok((u, t)) if t.expires_at.is_none_or(|e| e > st.clock.now()) => Some(u),
                _ => None,
            },
            Credential::AdminToken => st.store.user(self.user.id).await.ok(),
        };
        user.is_some_and(|u| u.active && u.id == self.user.id)
    }
}

/// How often a live stream checks that its credential still stands.
pub const RECHECK: std::time::Duration = std::time::Duration::from_secs(5);

/// What a session user whose password was reset may still reach in the API.
pub const MUST_CHANGE_ALLOWS: &[&str] = &["/api/v1/me", "/api/v1/me/password"];

/// The web UI's session cookie.
pub const SESSION_COOKIE: &str = "pronto_session";
/// A session ends after this long without a request…
pub const SESSION_IDLE: jiff::SignedDuration = jiff::SignedDuration::from_hours(12);
/// …and after this long in any case.
pub const SESSION_ABSOLUTE: jiff::SignedDuration = jiff::SignedDuration::from_hours(7 * 24);

/// A cookie's value from the request.
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// CSRF: a state change carried by the session cookie must come from our own pages — the
/// browser says so with `Sec-Fetch-Site` (same-origin), or else with an `Origin` naming this
/// host. A request that says neither is refused.
pub fn same_origin(headers: &axum::http::HeaderMap) -> bool {
    let h = |n: &str| headers.get(n).and_then(|v| v.to_str().ok());
    if let Some(site) = h("sec-fetch-site") {
        return site == "same-origin" || site == "none";
    }
    match (h("origin"), h("host")) {
        (Some(origin), Some(host)) => origin.split_once("://").map(|(_, rest)| rest) == Some(host),
        _ => false,
    }
}

impl Caller {
    /// 403 unless the caller's role may do `action` (whatever the record: see
    /// [`Caller::require_on`] for an action on one lead).
    pub fn require(&self, action: Action) -> crate::app::Result<()> {
        self.require_on(action, &On::NOTHING)
    }

    /// 403 unless the caller's role may do `action` to a record it stands to as `on`.
    pub fn require_on(&self, action: Action, on: &On) -> crate::app::Result<()> {
        if self.role.may(action, on) {
            Ok(())
        } else {
            Err(crate::app::Error::Forbidden { action: Some(action), why: format!("the role `{}` may not {}", self.role, action.describe()) })
        }
    }
}

/// The client's address of a request (as the sign-in limit sees it), `None` when unknown.
pub fn request_ip(state: &AppState, parts: &Parts) -> Option<String> {
    let peer = parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0);
    let ip = crate::forms::client_ip(state, &parts.headers, peer);
    (!ip.is_unspecified()).then(|| ip.to_string())
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let caller = Self::identify(parts, state).await?;
        // The audit log's denials middleware learns who made the request.
        if let Some(seen) = parts.extensions.get::<crate::audit::Seen>() {
            seen.set(&caller);
        }
        Ok(caller)
    }
}

impl Caller {
    async fn identify(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let ip = request_ip(state, parts);
        let Some(header) = parts.headers.get(header::AUTHORIZATION) else {
            // The web UI: the session cookie (and, for a change, a same-origin request).
            let Some(sid) = cookie(&parts.headers, SESSION_COOKIE) else {
                return Err(ApiError::Unauthorized("send Authorization: Bearer TOKEN (or sign in)".into()));
            };
            let session = token_hash(sid);
            let id = match state.store.touch_session(session.clone(), SESSION_IDLE, SESSION_ABSOLUTE).await {
                Ok(id) => id,
                Err(StoreError::NotFound) => return Err(ApiError::Unauthorized("the session has ended; sign in again".into())),
                Err(e) => return Err(e.into()),
            };
            if !parts.method.is_safe() && !same_origin(&parts.headers) {
                // The audit log records whose session was used from another site.
                if let (Some(seen), Ok(u)) = (parts.extensions.get::<crate::audit::Seen>(), state.store.user(id).await) {
                    seen.set_user(&u, ip.clone());
                }
                return Err(ApiError::Forbidden("a change from another site is refused (CSRF)".into()));
            }
            let user = match state.store.user(id).await {
                Ok(u) if u.active => u,
                Ok(_) | Err(StoreError::NotFound) => return Err(ApiError::Unauthorized("the account is not active".into())),
                Err(e) => return Err(e.into()),
            };
            // A password an admin reset must be changed first: the API says so (the UI sends
            // the browser to the account page); only reading oneself and the change are let through.
            if user.must_change_password && parts.uri.path().starts_with("/api/") && !MUST_CHANGE_ALLOWS.contains(&parts.uri.path()) {
                return Err(ApiError::Forbidden(
                    "your password was reset by an admin: choose a new one first (POST /api/v1/me/password, or the account page)".into(),
                ));
            }
            let role = Role::parse(&user.role).map_err(|e| ApiError::Internal(format!("user {} has a bad role: {e}", user.id)))?;
            return Ok(Caller { user, role, by_session: true, ip, credential: Credential::Session(session) });
        };
        let token = header
            .to_str()
            .ok()
            .and_then(|h| h.strip_prefix("Bearer ").or_else(|| h.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| ApiError::Unauthorized("the Authorization header must be `Bearer TOKEN`".into()))?;
        let is_admin_token = state.config.admin_token.as_ref().is_some_and(|admin| constant_time_eq(admin.as_bytes(), token.as_bytes()));
        let credential = if is_admin_token { Credential::AdminToken } else { Credential::Token(token_hash(token)) };
        let user = match &credential {
            Credential::AdminToken | Credential::Session(_) => state.store.user_by_login("admin").await.map(|(u, _)| u),
            Credential::Token(hash) => match state.store.token_auth(hash).await {
                Ok((u, t)) => {
                    let now = state.clock.now();
                    if t.expires_at.is_some_and(|e| e <= now) {
                        return Err(ApiError::Unauthorized("the token has expired; ask for a new one".into()));
                    }
                    // `last_used_at`, written at most once a minute per token.
                    if u.active && t.last_used_at.is_none_or(|l| now.duration_since(l) >= pronto_store::TOKEN_USE_GRAIN) {
                        state.store.touch_token(t.id).await?;
                    }
                    Ok(u)
                }
                Err(e) => Err(e),
            },
        };
        let user = match user {
            Ok(u) if u.active => u,
            Ok(_) | Err(StoreError::NotFound) => return Err(ApiError::Unauthorized("the token is not valid".into())),
            Err(e) => return Err(e.into()),
        };
        let role = Role::parse(&user.role).map_err(|e| ApiError::Internal(format!("user {} has a bad role: {e}", user.id)))?;
        Ok(Caller { user, role, by_session: false, ip, credential })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_hash_with_argon2id_and_verify() {
        let h = hash_password("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password("correct horse battery".into(), h.clone()).await);
        assert!(!verify_password("wrong horse battery".into(), h).await);
    }

    /// An unknown login (or an inactive user, or one without a password) is verified against
    /// the dummy hash: a real Argon2id hash with the default parameters, so the attempt does the
    /// same work as for a known login, and fails.
    #[tokio::test]
    async fn unknown_logins_go_through_argon2() {
        use argon2::password_hash::phc::PasswordHash;
        let user = UserRecord {
            id: 1,
            login: "jana".into(),
            name: "Jana".into(),
            role: "consultant".into(),
            phone: None,
            email: None,
            active: true,
            created_at: jiff::Timestamp::UNIX_EPOCH,
            presence: "available".into(),
            hours: None,
            open_tasks: 0,
            language: None,
            must_change_password: false,
        };
        let inactive = UserRecord { active: false, ..user.clone() };
        for found in [None, Some((&user, None)), Some((&inactive, Some("$argon2id$…")))] {
            let (hash, real) = hash_to_verify(found);
            assert!(!real);
            let parsed = PasswordHash::new(hash).expect("the dummy is a real PHC hash");
            assert_eq!(parsed.algorithm.as_str(), "argon2id");
            let mine = hash_password("anything at all".into()).await.unwrap();
            let mine = PasswordHash::new(&mine).unwrap();
            assert_eq!(parsed.params, mine.params, "the same cost as a real user's hash");
            assert!(!verify_password("anything at all".into(), hash.to_owned()).await);
        }
        assert_eq!(hash_to_verify(Some((&user, Some("h")))), ("", true));
        assert_eq!(wait_secs(jiff::SignedDuration::from_millis(1500)), 2);
        assert_eq!(wait_secs(jiff::SignedDuration::ZERO), 1);
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert!(a.starts_with("pronto_") && a.len() > 40);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
        assert!(constant_time_eq(b"abc", b"abc") && !constant_time_eq(b"abc", b"abd") && !constant_time_eq(b"ab", b"abc"));
    }
}
