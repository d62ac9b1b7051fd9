//! The store contract: one behaviour on every engine.
//!
//! Every test is an `async fn` body that receives a freshly opened `Store` and the
//! `ManualClock` it was opened with; `contract_test!` (in `contract/harness.rs`) turns it into
//! two `#[tokio::test]`s, `<section>::<name>::sqlite` and `<section>::<name>::postgres`, so each
//! case runs against both engines:
//!
//! * **SQLite** — a fresh database file in its own temporary directory per test.
//! * **PostgreSQL** — a fresh database per test, `pronto_t_<pid>_<counter>_<random>`, created
//!   through the server named by `PRONTO_TEST_POSTGRES_URL` (default
//!   `postgres://postgres@127.0.0.1:5432/test`) and dropped afterwards (best effort). With
//!   `PRONTO_TEST_POSTGRES=off` the PostgreSQL half is skipped; otherwise a server that cannot
//!   be reached fails the test, it is never skipped silently.
//!
//! Time never comes from the system clock: every store runs on a `ManualClock` starting at
//! `START`, and tests move it with `clock.advance(…)`.
//!
//! New leads run on the suite's own playbook, `tests/fixtures/contract.toml` (loaded and made
//! the default by `Db::open`), never on a built-in one: a change of the shipped playbooks cannot
//! change what these tests see. What the playbook decides is tested in `pronto-playbook`
//! (`tests/cases/`); here, that the store writes what it decided, atomically, on both engines.
//!
//! What is covered, section by section (the module under `contract/` in brackets):
//!
//! 1. **create_lead** [intake] — the lead row and what its playbook (the suite's) writes in
//!    the same transaction: the `lead.received` event, the owner chosen by round robin among
//!    the consultants (or `assignment.failed` when there is none), the first task, the
//!    notifications in the outbox and the first-response SLA's timers (warning after 5,
//!    breach after 10 working minutes); a given owner is kept and told; an unknown owner is
//!    invalid and writes nothing.
//! 2. **Dedupe** [intake] — one phone in any notation, one e-mail in any letter case, one company id
//!    however written are one contact / company; the same name alone never merges two people;
//!    a contact shows the activities of its earlier leads.
//! 3. **Idempotency** [intake] — same scope+key+fingerprint returns the same lead and writes nothing
//!    more (also under concurrent retries); same key with a different fingerprint conflicts;
//!    keys of different scopes are independent.
//! 4. **Listing** [leads] — cursor pagination (newest first), filters by stage, status, channel and
//!    owner (including "unassigned"), and search that ignores case and diacritics, finds a
//!    lead by its contact and treats `%`, `_` and `\` literally.
//! 5. **patch_lead** [leads] — stage/owner/status changes are events in the timeline, a new owner is
//!    told, stage `won` implies status `won`, closing a lead cancels its tasks and timers,
//!    other fields refresh the search, an unknown owner is invalid, an unknown lead (and any
//!    unknown id) is not found.
//! 6. **log_activity** [leads] — the first response sets `first_response_at` (never before arrival)
//!    and meets the SLA (its timers cancelled), a later one does not move it, a note is not a
//!    response; the timeline is oldest first.
//! 7. **Users** [users] — create_user, duplicate logins, login hashes, API tokens, ensure_admin.
//! 8. **Durability** [durability] — close and reopen the same file / database: everything is there.
//! 9. **Group commit** [durability] — 200 concurrent writes (with everything the playbook adds to each);
//!    failing commands do not take their neighbours down; concurrent leads of one person are
//!    one contact; two stores (two nodes) on one database agree; closing keeps exactly the
//!    acknowledged writes.
//! 10. **Event log** [log_and_timers] — `UPDATE` and `DELETE` on `events` fail on both engines; durable timers
//!    fire at their time (in working time: never over a weekend), once, in order, and a
//!    response cancels them.
//! 11. **Report tallies** [log_and_timers] — the daily tallies kept incrementally are the ones a
//!    rebuild from the registry gives.
//! 12. **The customer's page and webhooks** [customer] — page tokens, the customer's actions,
//!    sealed documents; a webhook delivery never triggers a webhook.
//! 14. **Web forms** [forms] — a form built in the admin pages is stored, replaced, listed and
//!    removed with its audit row in one transaction; removing a missing one is `NotFound`.
//! 13. **Lists** [lists] — leads and contacts sorted by any column (stable), paged and counted;
//!    a merge of two contacts undone leaves every row it touched as it was (within a day, while
//!    neither changed); "late now": overdue tasks, SLAs breached or at risk, who holds them.
//! 14. **What happens next** [flow] — a scheduled retry is an open task at once and its timer
//!    makes the same task due; a queued e-mail is a response only once it left; a lead keeps
//!    the phone given with its inquiry; what the customer sent is marked answered.
//! 16. **Offers** [offers] — versions (a new one supersedes the open one), totals stored exactly
//!    per VAT rate, sending (the customer's message in the outbox), the customer's decisions
//!    (the playbook's `offer.*` rules, the owner's SMS and in-app alert, the objections listed
//!    when refusals close the lead), refusals (superseded, expired, decided, not sent) that
//!    write nothing.
//! 15. **Settings** [settings] — saved per section and field, secrets sealed at rest and opened
//!    for the process, a change and its audit row together, kept across a reopen.
//! 16. **The catalogue** [catalogue] — products added, changed, found by article number
//!    (prefix) and name (substring, diacritics ignored), each with its audit row; an import
//!    adds and changes by article number in one transaction.
//! 17. **Offer reports** [offer_reports] — offers made, sent and decided across owners and
//!    channels give the counts, the money per currency and the times the reports show.
//! 18. **Requisites** [requisites] — saved with the event, the customer's confirmation and the
//!    playbook's `requisites.received` in one transaction; the passport data sealed at rest
//!    (neither in the row nor in the database file) and opened only with its audit row.
//! 19. **Playbook versions are data** [playbooks] — a version loaded through one store (node)
//!    runs on another that never loaded it (a change, a new lead on the highest stored
//!    version, its timers), `refresh_playbooks` reads other nodes' versions once; a file's
//!    text that is an older version never replaces a newer one; a timer batch fires around a
//!    lead whose playbook version no longer loads (tried again a minute later, given up after
//!    five attempts).
//! 21. **Several nodes** [nodes] — a claimed notification is its node's while the node beats,
//!    a dead node's is taken over without counting the attempt, one message per recipient in
//!    flight in order, a failing provider's probe costs no attempt, leases one node's at a time.
//! 20. **Health** [health] — the write probe behind `/healthz` goes through the writer, stamps
//!    this node's row and sees a schema newer than the binary; SQLite's WAL stays below its
//!    limit under writes that never pause.

#[macro_use]
#[path = "contract/harness.rs"]
mod harness;
#[path = "contract/helpers.rs"]
mod helpers;

#[path = "contract/catalogue.rs"]
mod catalogue;
#[path = "contract/customer.rs"]
mod customer;
#[path = "contract/deliveries.rs"]
mod deliveries;
#[path = "contract/durability.rs"]
mod durability;
#[path = "contract/flow.rs"]
mod flow;
#[path = "contract/forms.rs"]
mod forms;
#[path = "contract/health.rs"]
mod health;
#[path = "contract/intake.rs"]
mod intake;
#[path = "contract/invoices.rs"]
mod invoices;
#[path = "contract/purchases.rs"]
mod purchases;
#[path = "contract/leads.rs"]
mod leads;
#[path = "contract/lists.rs"]
mod lists;
#[path = "contract/log_and_timers.rs"]
mod log_and_timers;
#[path = "contract/payments.rs"]
mod payments;
#[path = "contract/nodes.rs"]
mod nodes;
#[path = "contract/canary.rs"]
mod canary;
#[path = "contract/playbooks.rs"]
mod playbooks;
#[path = "contract/notify.rs"]
mod notify;
#[path = "contract/offers.rs"]
mod offers;
#[path = "contract/offer_reports.rs"]
mod offer_reports;
#[path = "contract/requisites.rs"]
mod requisites;
#[path = "contract/settings.rs"]
mod settings;
#[path = "contract/shared.rs"]
mod shared;
#[path = "contract/users.rs"]
mod users;
