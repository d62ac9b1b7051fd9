//! The `pronto` binary: parses the command line and hands over to the crates that do the
//! work (`src/lib.rs`). Nothing here is business logic. The benchmarks are a binary of their
//! own: `pronto-bench` (crates/bench).

use clap::{Parser, Subcommand};
use pronto::config::{Config, Flags};
use pronto::{backup, commands, demo, serve, simulate};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(name = "pronto", version, about = "Lead response and sales-process engine: no inquiry lost, every one answered within minutes.")]
struct Cli {
    #[command(flatten)]
    flags: Flags,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run everything: HTTP API, web forms and workers.
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Manage users.
    User {
        #[command(subcommand)]
        command: commands::UserCommand,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: commands::TokenCommand,
    },
    /// Check playbook files and print the built-in ones.
    Playbook {
        #[command(subcommand)]
        command: commands::PlaybookCommand,
    },
    /// Fill an empty database with a realistic history (leads, calls, stages, quality calls).
    Demo(demo::DemoArgs),
    /// Replay arrivals through the real playbook with a modelled team on a scratch database,
    /// and print SLA compliance, response-time percentiles and the load per person.
    Simulate(simulate::SimulateArgs),
    /// Write a backup of the database and the stored files to FILE (a zip archive), while
    /// `pronto serve` may be running.
    Backup {
        /// The archive to write (must not exist yet).
        file: std::path::PathBuf,
    },
    /// Restore a backup made by `pronto backup` into an empty database and the data directory.
    Restore {
        /// The archive to read.
        file: std::path::PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Checking a file needs no configuration, database or runtime.
    if let Command::Playbook { command } = cli.command {
        return ExitCode::from(commands::playbook(command));
    }
    let config = match Config::resolve(&cli.flags) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("pronto: {e}");
            return ExitCode::from(2);
        }
    };
    // The simulator's scratch databases are nobody's business; its figures are on stdout.
    let quiet = matches!(cli.command, Command::Simulate(_));
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PRONTO_LOG")
                .unwrap_or_else(|_| if quiet { "warn" } else { "info,sqlx=warn" }.into()),
        )
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("pronto: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Serve => serve::run(config).await,
            Command::Migrate => commands::migrate(&config).await,
            Command::User { command } => commands::user(&config, command).await,
            Command::Token { command } => commands::token(&config, command).await,
            Command::Demo(args) => demo::run(&config, args).await,
            Command::Simulate(args) => simulate::run_command(&config, args).await,
            Command::Backup { file } => backup::backup(&config, &file, serve::clock(&config).now()).await,
            Command::Restore { file } => backup::restore(&config, &file).await,
            Command::Playbook { .. } => unreachable!("handled before the runtime starts"),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pronto: {e}");
            ExitCode::FAILURE
        }
    }
}
