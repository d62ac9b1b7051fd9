//! What the `pronto` binary runs (`src/main.rs` parses the command line and calls these), as a
//! library so that `pronto-bench` (crates/bench) can fill a database with `pronto demo`'s
//! history. Nothing here is business logic: that lives in the crates below.
//!
//! - `serve`: `pronto serve` — configuration to running server, workers and shutdown;
//! - `accept`: the accept loop `serve` runs HTTP/1 on (connection limits, timeouts);
//! - `config`: flags, environment and `pronto.toml` resolved into one [`config::Config`];
//! - `commands`: `migrate`, `user …`, `token …`, `playbook check|show`;
//! - `backup`: `pronto backup` and `pronto restore`, one zip archive;
//! - `demo`: `pronto demo`, a realistic history; `demo_data`: its made-up customers;
//! - `simulate`: `pronto simulate`, a staffing or process change on the real engine (issue 23).

pub mod accept;
pub mod backup;
pub mod commands;
pub mod config;
pub mod demo;
pub mod demo_data;
pub mod serve;
pub mod simulate;
