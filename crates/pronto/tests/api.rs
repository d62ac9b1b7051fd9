//! HTTP-level integration tests: the real `pronto` binary on a random port, every test on
//! SQLite and on PostgreSQL (the harness is crates/testkit).

#[path = "api/access.rs"]
mod access;
#[path = "api/accounts.rs"]
mod accounts;
#[path = "api/activities.rs"]
mod activities;
#[path = "api/audit.rs"]
mod audit;
#[path = "api/agency.rs"]
mod agency;
#[path = "api/alerts.rs"]
mod alerts;
#[path = "api/backup.rs"]
mod backup;
#[path = "api/browser.rs"]
mod browser;
#[path = "api/browser_smoke.rs"]
mod browser_smoke;
#[path = "api/canary.rs"]
mod canary;
#[path = "api/catalogue.rs"]
mod catalogue;
#[path = "api/catalogue_browser.rs"]
mod catalogue_browser;
#[path = "api/cli.rs"]
mod cli;
#[path = "api/deal_browser.rs"]
mod deal_browser;
#[path = "api/distributor.rs"]
mod distributor;
#[path = "api/durability.rs"]
mod durability;
#[path = "api/e2e.rs"]
mod e2e;
#[path = "api/e2e_customer.rs"]
mod e2e_customer;
#[path = "api/entry.rs"]
mod entry;
#[path = "api/entry_browser.rs"]
mod entry_browser;
#[path = "api/errors.rs"]
mod errors;
#[path = "api/flow.rs"]
mod flow;
#[path = "api/forms.rs"]
mod forms;
#[path = "api/forms_admin.rs"]
mod forms_admin;
#[path = "api/hardening.rs"]
mod hardening;
#[path = "api/journey.rs"]
mod journey;
#[path = "api/journeys.rs"]
mod journeys;
#[path = "api/health.rs"]
mod health;
#[path = "api/invoices.rs"]
mod invoices;
#[path = "api/deliveries.rs"]
mod deliveries;
#[path = "api/payments.rs"]
mod payments;
#[path = "api/money_reports.rs"]
mod money_reports;
#[path = "api/deal_page.rs"]
mod deal_page;
#[path = "api/purchases.rs"]
mod purchases;
#[path = "api/leads.rs"]
mod leads;
#[path = "api/mail.rs"]
mod mail;
#[path = "api/net.rs"]
mod net;
#[path = "api/nodes.rs"]
mod nodes;
#[path = "api/notify.rs"]
mod notify;
#[path = "api/offer_pdf.rs"]
mod offer_pdf;
#[path = "api/offers.rs"]
mod offers;
#[path = "api/offer_reports.rs"]
mod offer_reports;
#[path = "api/offers_editor.rs"]
mod offers_editor;
#[path = "api/outbound.rs"]
mod outbound;
#[path = "api/phone.rs"]
mod phone;
#[path = "api/playbooks.rs"]
mod playbooks;
#[path = "api/playbook_editor.rs"]
mod playbook_editor;
#[path = "api/requisites.rs"]
mod requisites;
#[path = "api/reports.rs"]
mod reports;
#[path = "api/ui_reports_views.rs"]
mod ui_reports_views;
#[path = "api/robustness.rs"]
mod robustness;
#[path = "api/schema.rs"]
mod schema;
#[path = "api/settings.rs"]
mod settings;
#[path = "api/simulate.rs"]
mod simulate;
#[path = "api/simulate_browser.rs"]
mod simulate_browser;
#[path = "api/shared_state.rs"]
mod shared_state;
#[path = "api/setup.rs"]
mod setup;
#[path = "api/setup_browser.rs"]
mod setup_browser;
#[path = "api/system.rs"]
mod system;
#[path = "api/tracking.rs"]
mod tracking;
#[path = "api/ui.rs"]
mod ui;
#[path = "api/ui_lists.rs"]
mod ui_lists;
#[path = "api/ui_reports.rs"]
mod ui_reports;
#[path = "api/ui_words.rs"]
mod ui_words;
#[path = "api/ui_shell.rs"]
mod ui_shell;
#[path = "api/users.rs"]
mod users;
