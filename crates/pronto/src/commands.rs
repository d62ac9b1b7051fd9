//! The administrative subcommands: `migrate`, `user add|deactivate|activate|role|reset-password`,
//! `token create|list|revoke`, `playbook check|show`. They act as the system (no actor), with
//! the same rules as the API: the last active admin stays, the password policy is one.

use crate::config::Config;
use crate::serve::{AnyError, clock, ensure_admin, open_store};
use clap::Subcommand;
use pronto_domain::user::Role;
use pronto_domain::values::{Email, Line, Login, Password, Phone};
use pronto_store::NewUserRecord;
use pronto_web::auth;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user. Without --password (or PRONTO_USER_PASSWORD) one is generated and printed.
    Add {
        #[arg(long)]
        login: String,
        #[arg(long)]
        name: String,
        /// admin, manager, consultant, specialist, coordinator or secretary.
        #[arg(long)]
        role: String,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long, env = "PRONTO_USER_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
    /// Deactivate a user: their sessions end, their tokens are revoked, their open leads and
    /// tasks go back to the playbook's assignment.
    Deactivate {
        #[arg(long)]
        login: String,
    },
    /// Reactivate a deactivated user (their old tokens stay revoked).
    Activate {
        #[arg(long)]
        login: String,
    },
    /// Change a user's role.
    Role {
        #[arg(long)]
        login: String,
        /// admin, manager, consultant, specialist, coordinator or secretary.
        #[arg(long)]
        role: String,
    },
    /// Give a user a temporary password (printed once) to change at the next sign-in.
    ResetPassword {
        #[arg(long)]
        login: String,
        /// Also revoke the user's API tokens.
        #[arg(long)]
        revoke_tokens: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for a user and print it (shown once).
    Create {
        /// The user's login.
        #[arg(long)]
        user: String,
        /// What the token is for.
        #[arg(long, default_value = "cli")]
        name: String,
        /// Days until the token stops working (1–3650); without it, until revoked.
        #[arg(long)]
        expires_days: Option<i64>,
    },
    /// List a user's tokens: id, name, created, last used, expiry (never the token).
    List {
        #[arg(long)]
        user: String,
    },
    /// Revoke one of a user's tokens by its id.
    Revoke {
        #[arg(long)]
        user: String,
        #[arg(long)]
        id: i64,
    },
}

pub async fn migrate(config: &Config) -> Result<(), AnyError> {
    let applied = pronto_store::migrate(&config.database_url).await?;
    if applied.is_empty() {
        println!("the database is up to date");
    } else {
        println!("applied migrations {applied:?}");
    }
    Ok(())
}

fn field<T, E: std::fmt::Display>(name: &str, r: Result<T, E>) -> Result<T, AnyError> {
    r.map_err(|e| format!("--{name}: {e}").into())
}

/// Runs `f` on an opened store for the user with `login`, then closes the store.
async fn with_user<T>(
    config: &Config,
    login: &str,
    f: impl AsyncFnOnce(&dyn pronto_store::Store, pronto_store::UserRecord) -> Result<T, String>,
) -> Result<T, AnyError> {
    let store = open_store(config, clock(config)).await?;
    ensure_admin(store.as_ref(), config).await?;
    let result = async {
        let (u, _) = store.user_by_login(&login.trim().to_ascii_lowercase()).await.map_err(|e| match e {
            pronto_store::StoreError::NotFound => format!("there is no user `{login}`"),
            other => other.to_string(),
        })?;
        f(store.as_ref(), u).await
    }
    .await;
    store.close().await;
    Ok(result?)
}

fn store_error(e: pronto_store::StoreError) -> String {
    match e {
        pronto_store::StoreError::Conflict(m) => m,
        other => other.to_string(),
    }
}

pub async fn user(config: &Config, cmd: UserCommand) -> Result<(), AnyError> {
    let (login, name, role, phone, email, password) = match cmd {
        UserCommand::Add { login, name, role, phone, email, password } => (login, name, role, phone, email, password),
        UserCommand::Deactivate { login } => {
            let h = with_user(config, &login, async |s, u| s.set_active(u.id, false, None).await.map_err(store_error)).await?;
            println!(
                "{login} can no longer sign in: {} session(s) ended, {} token(s) revoked; {} open task(s) and {} open lead(s) went back to the process ({} lead(s) have a new owner already)",
                h.sessions_ended, h.tokens_revoked, h.tasks, h.leads, h.reassigned
            );
            return Ok(());
        }
        UserCommand::Activate { login } => {
            with_user(config, &login, async |s, u| s.set_active(u.id, true, None).await.map_err(store_error)).await?;
            println!("{login} can sign in again (tokens revoked at the deactivation stay revoked)");
            return Ok(());
        }
        UserCommand::Role { login, role } => {
            let role = field("role", Role::parse(&role))?;
            with_user(config, &login, async |s, u| s.set_role(u.id, role, None).await.map_err(store_error)).await?;
            println!("{login} is now {role}");
            return Ok(());
        }
        UserCommand::ResetPassword { login, revoke_tokens } => {
            let temporary = auth::new_password();
            let hash = auth::hash_password(temporary.clone()).await.map_err(|e| e.to_string())?;
            let done = with_user(config, &login, async |s, u| {
                let change = pronto_store::PasswordChange { user_id: u.id, hash, keep_session: None, revoke_tokens, must_change: true, actor: None };
                s.change_password(change).await.map_err(store_error)
            })
            .await?;
            println!("temporary password: {temporary} (shown once; {login} must choose their own at the next sign-in)");
            println!("{} session(s) ended, {} token(s) revoked", done.sessions_ended, done.tokens_revoked);
            return Ok(());
        }
    };
    let login = field("login", Login::parse(&login))?;
    let name = field("name", Line::parse(&name, 200))?;
    let role = field("role", Role::parse(&role))?;
    let phone = phone.map(|p| field("phone", Phone::parse(&p, config.web.region))).transpose()?;
    let email = email.map(|e| field("email", Email::parse(&e))).transpose()?;
    let (password, generated) = match password {
        Some(p) => (field("password", Password::parse_for(&p, &[login.as_str(), name.as_str()]))?, false),
        None => (Password::parse(&auth::new_password()).map_err(|e| e.to_string())?, true),
    };
    let store = open_store(config, clock(config)).await?;
    ensure_admin(store.as_ref(), config).await?;
    let hash = auth::hash_password(password.expose().to_owned()).await.map_err(|e| e.to_string())?;
    let result =
        store.create_user(NewUserRecord { login: login.clone(), name, role, phone, email, password_hash: Some(hash), actor: None }).await;
    if let Ok(id) = &result {
        let detail = serde_json::json!({ "login": login.as_str(), "role": role.as_str(), "via": "cli" });
        let entry = pronto_web::audit::entry(None, None, pronto_web::audit::kind::USER_CREATED, Some(format!("user/{id}")), detail);
        store.audit(entry).await?;
    }
    store.close().await;
    let id = result?;
    println!("created user {} (id {id}, role {role})", login.as_str());
    if generated {
        println!("password: {} (shown once)", password.expose());
    }
    Ok(())
}

pub async fn token(config: &Config, cmd: TokenCommand) -> Result<(), AnyError> {
    match cmd {
        TokenCommand::Create { user, name, expires_days } => {
            let name = field("name", Line::parse(&name, 100))?;
            let now = clock(config).now();
            let expires_at = pronto_web::api::users::token_expiry(None, expires_days, now).map_err(|(_, m)| format!("--expires-days: {m}"))?;
            let token = with_user(config, &user, async |s, u| {
                let token = auth::new_token();
                let token_id = s
                    .create_token_expiring(u.id, name.as_str().to_owned(), auth::token_hash(&token), expires_at)
                    .await
                    .map_err(|e| e.to_string())?;
                let detail = serde_json::json!({ "token_id": token_id, "name": name.as_str(), "via": "cli" });
                let entry = pronto_web::audit::entry(None, None, pronto_web::audit::kind::TOKEN_CREATED, Some(format!("user/{}", u.id)), detail);
                s.audit(entry).await.map_err(|e| e.to_string())?;
                Ok(token)
            })
            .await
            .map_err(|e| format!("--user: {e}"))?;
            println!("{token}");
        }
        TokenCommand::List { user } => {
            let tokens = with_user(config, &user, async |s, u| s.tokens(u.id).await.map_err(|e| e.to_string())).await?;
            println!("id\tname\tcreated\tlast used\texpires");
            let show = |t: Option<jiff::Timestamp>| t.map(|t| t.to_string()).unwrap_or_else(|| "never".into());
            for t in tokens {
                println!("{}\t{}\t{}\t{}\t{}", t.id, t.name, t.created_at, show(t.last_used_at), show(t.expires_at));
            }
        }
        TokenCommand::Revoke { user, id } => {
            with_user(config, &user, async |s, u| {
                s.revoke_token(u.id, id, None).await.map_err(|e| match e {
                    pronto_store::StoreError::NotFound => format!("--id: {user} has no token {id} that is not revoked"),
                    other => other.to_string(),
                })
            })
            .await?;
            println!("token {id} of {user} is revoked");
        }
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum PlaybookCommand {
    /// Validate a playbook file: exit 0, or print FILE:LINE:COLUMN: message for each problem and exit 1.
    Check { file: std::path::PathBuf },
    /// Print a built-in playbook (agency, distributor), to start your own from.
    Show { name: String },
}

/// Runs a playbook subcommand; returns the process exit code.
pub fn playbook(command: PlaybookCommand) -> u8 {
    match command {
        PlaybookCommand::Check { file } => {
            let shown = file.display().to_string();
            let source = match std::fs::read_to_string(&file) {
                Ok(s) => s,
                Err(e) => {
                    println!("{shown}:1:1: cannot read the file: {e}");
                    return 1;
                }
            };
            match pronto_playbook::parse(&source) {
                Ok(pb) => {
                    println!("{shown}: ok — playbook `{}`, {} stages, {} rules", pb.name, pb.stages.len(), pb.rules.len());
                    0
                }
                Err(problems) => {
                    println!("{}", pronto_playbook::render_problems(&problems, &shown, &source));
                    eprintln!("{shown}: {} problem{}", problems.len(), if problems.len() == 1 { "" } else { "s" });
                    1
                }
            }
        }
        PlaybookCommand::Show { name } => match pronto_playbook::builtin(&name) {
            Some(src) => {
                print!("{src}");
                0
            }
            None => {
                eprintln!("pronto: no built-in playbook `{name}`; there are: agency, distributor");
                2
            }
        },
    }
}
