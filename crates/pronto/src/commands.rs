//! The administrative subcommands: `migrate`, `user add`, `token create`, `playbook check|show`.

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

pub async fn user(config: &Config, cmd: UserCommand) -> Result<(), AnyError> {
    let UserCommand::Add { login, name, role, phone, email, password } = cmd;
    let login = field("login", Login::parse(&login))?;
    let name = field("name", Line::parse(&name, 200))?;
    let role = field("role", Role::parse(&role))?;
    let phone = phone.map(|p| field("phone", Phone::parse(&p, config.web.region))).transpose()?;
    let email = email.map(|e| field("email", Email::parse(&e))).transpose()?;
    let (password, generated) = match password {
        Some(p) => (field("password", Password::parse(&p))?, false),
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
    let TokenCommand::Create { user, name } = cmd;
    let name = field("name", Line::parse(&name, 100))?;
    let store = open_store(config, clock(config)).await?;
    ensure_admin(store.as_ref(), config).await?;
    let result = async {
        let (u, _) = store.user_by_login(&user.trim().to_ascii_lowercase()).await.map_err(|e| match e {
            pronto_store::StoreError::NotFound => format!("--user: there is no user `{user}`"),
            other => other.to_string(),
        })?;
        let token = auth::new_token();
        let token_id = store.create_token(u.id, name.clone().into_string(), auth::token_hash(&token)).await.map_err(|e| e.to_string())?;
        let detail = serde_json::json!({ "token_id": token_id, "name": name.as_str(), "via": "cli" });
        let entry = pronto_web::audit::entry(None, None, pronto_web::audit::kind::TOKEN_CREATED, Some(format!("user/{}", u.id)), detail);
        store.audit(entry).await.map_err(|e| e.to_string())?;
        Ok::<_, String>(token)
    }
    .await;
    store.close().await;
    println!("{}", result?);
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
