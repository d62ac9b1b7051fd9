//! `pronto-bench`: measures Pronto on this machine (docs/performance.md). Not part of the
//! product: the benches, their load generators and gateways live here, on `testkit`.
//!
//! Every bench but `intake` and `tracking` (which run the server or the store in this process)
//! spawns the real `pronto serve`: the `pronto` binary beside this one
//! (`cargo build --release -p pronto -p pronto-bench`), or `PRONTO_BIN`.

mod alerts;
mod intake;
mod mail;
mod nodes;
mod phone;
mod reports;
mod soak;
mod timers;
mod tracking;
mod ui;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

pub type AnyError = testkit::http::BoxError;

#[derive(Debug, Parser)]
#[command(name = "pronto-bench", version, about = "Measure Pronto on this machine (see docs/performance.md).")]
struct Cli {
    #[command(subcommand)]
    command: BenchCommand,
}

#[derive(Debug, Subcommand)]
enum BenchCommand {
    /// Web-form intake over HTTP versus raw durable INSERTs, on SQLite and/or PostgreSQL.
    Intake(intake::IntakeArgs),
    /// A million pending timers: memory, first fire, throughput and lateness under intake.
    Timers(timers::TimersArgs),
    /// Web form to SMS at a local Twilio-compatible gateway: p50/p99 at fixed lead rates.
    Alerts(alerts::AlertsArgs),
    /// A message appended to an IMAP mailbox (dovecot) to the SMS at a local gateway: p50/p99 with IDLE.
    Mail(mail::MailArgs),
    /// A missed call reported by the exchange to the SMS at a local gateway: p50/p99 at 20 calls/s.
    Phone(phone::PhoneArgs),
    /// Server time of the inbox, the lead card and the board with 100,000 leads: p50/p95, page sizes.
    Ui(ui::UiArgs),
    /// Every report's server time on a `pronto demo` database (1,000,000 leads) beside a naive GROUP BY scan.
    Reports(reports::ReportsArgs),
    /// The customer page's token look-up: unknown, revoked, expired and valid tokens side by side.
    Tracking(tracking::TrackingArgs),
    /// Several nodes on one PostgreSQL under load, random nodes killed (SIGKILL) and restarted:
    /// nothing acknowledged lost, no timer fired twice, no alert with two idempotency keys.
    Soak(soak::SoakArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("PRONTO_LOG").unwrap_or_else(|_| "info,sqlx=warn".into()))
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("pronto-bench: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command {
            BenchCommand::Intake(args) => intake::run(args).await,
            BenchCommand::Timers(args) => timers::run(args).await,
            BenchCommand::Alerts(args) => alerts::run(args).await,
            BenchCommand::Mail(args) => mail::run(args).await,
            BenchCommand::Phone(args) => phone::run(args).await,
            BenchCommand::Ui(args) => ui::run(args).await,
            BenchCommand::Reports(args) => reports::run(args).await,
            BenchCommand::Tracking(args) => tracking::run(args).await,
            BenchCommand::Soak(args) => soak::run(args).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pronto-bench: {e}");
            ExitCode::FAILURE
        }
    }
}
