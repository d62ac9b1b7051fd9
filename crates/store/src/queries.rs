//! The read side: the shared SQL that turns rows into records. Plain reads on a pooled
//! connection; they never write.

use crate::engine::{Conn, Dialect, P, Row};
use crate::records::*;
use crate::{Result, StoreError, from_micros, params};
use serde_json::Value;

const LEAD_SELECT: &str = "SELECT l.id, l.channel, l.stage, l.status, l.owner_id, o.name AS owner_name,
    l.contact_id, c.name AS contact_name, c.email AS contact_email, c.phone AS contact_phone,
    l.company_id, co.name AS company_name, co.company_id AS company_reg,
    l.customer_type, l.subject, l.message, l.postal_code, l.product, l.language, l.source, l.playbook, l.playbook_version,
    l.received_at, l.first_response_at, l.entered_by, e.name AS entered_by_name, l.extra, l.created_at, l.updated_at,
    l.tracking_gen, l.closed_at, COALESCE(l.phone, c.phone) AS lead_phone
    FROM leads l
    JOIN contacts c ON c.id = l.contact_id
    LEFT JOIN users o ON o.id = l.owner_id
    LEFT JOIN users e ON e.id = l.entered_by
    LEFT JOIN companies co ON co.id = l.company_id";

fn user_ref(r: &Row, id: &str, name: &str) -> Result<Option<UserRef>> {
    Ok(match (r.opt_i64(id)?, r.opt_str(name)?) {
        (Some(id), Some(name)) => Some(UserRef { id, name }),
        _ => None,
    })
}

fn lead_record(r: &Row) -> Result<LeadRecord> {
    Ok(LeadRecord {
        id: r.i64("id")?,
        channel: r.str("channel")?,
        stage: r.str("stage")?,
        status: r.str("status")?,
        owner: user_ref(r, "owner_id", "owner_name")?,
        contact: ContactSummary {
            id: r.i64("contact_id")?,
            name: r.opt_str("contact_name")?,
            email: r.opt_str("contact_email")?,
            phone: r.opt_str("contact_phone")?,
        },
        company: match r.opt_i64("company_id")? {
            Some(id) => Some(CompanyRecord { id, name: r.opt_str("company_name")?, company_id: r.opt_str("company_reg")? }),
            None => None,
        },
        customer_type: r.opt_str("customer_type")?,
        subject: r.opt_str("subject")?,
        message: r.opt_str("message")?,
        postal_code: r.opt_str("postal_code")?,
        product: r.opt_str("product")?,
        language: r.opt_str("language")?,
        source: r.opt_str("source")?,
        playbook: r.str("playbook")?,
        playbook_version: r.i64("playbook_version")?,
        received_at: from_micros(r.i64("received_at")?),
        first_response_at: r.opt_i64("first_response_at")?.map(from_micros),
        entered_by: user_ref(r, "entered_by", "entered_by_name")?,
        extra: r.opt_str("extra")?.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_else(|| Value::Object(Default::default())),
        created_at: from_micros(r.i64("created_at")?),
        updated_at: from_micros(r.i64("updated_at")?),
        tracking_gen: r.i64("tracking_gen")?,
        phone: r.opt_str("lead_phone")?,
        closed_at: r.opt_i64("closed_at")?.map(from_micros),
        tracking_url: None,
    })
}

pub(crate) async fn lead(c: &mut dyn Conn, id: i64) -> Result<LeadRecord> {
    let sql = format!("{LEAD_SELECT} WHERE l.id = $1");
    let row = c.row(&sql, params![id]).await?.ok_or(StoreError::NotFound)?;
    lead_record(&row)
}

pub(crate) async fn lead_exists(c: &mut dyn Conn, id: i64) -> Result<()> {
    c.row("SELECT id FROM leads WHERE id = $1", params![id]).await?.map(|_| ()).ok_or(StoreError::NotFound)
}

/// Escapes `%`, `_` and `\` so a search term matches literally inside `LIKE … ESCAPE '\'`.
fn like_pattern(term: &str) -> String {
    let mut p = String::with_capacity(term.len() + 2);
    p.push('%');
    for ch in term.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    p
}

/// The conditions that select the leads (`l`) whose folded search text holds every term of
/// `query` (at most eight), their parameters pushed onto `ps`. On SQLite the terms of three or
/// more characters are looked up together in the trigram index `leads_fts` (migration 19)
/// and shorter ones matched with `LIKE`; on PostgreSQL every term is a `LIKE`, which its
/// trigram index answers.
fn search_conditions(dialect: Dialect, query: &str, ps: &mut Vec<P>) -> Vec<String> {
    let terms: Vec<String> = pronto_domain::search::terms(query).into_iter().take(8).collect();
    let mut conds = Vec::new();
    let (indexed, short): (Vec<&String>, Vec<&String>) = match dialect {
        Dialect::Sqlite => terms.iter().partition(|t| t.chars().count() >= 3),
        Dialect::Postgres => (Vec::new(), terms.iter().collect()),
    };
    if !indexed.is_empty() {
        ps.push(fts_phrases(&indexed).into());
        conds.push(format!("l.id IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ${})", ps.len()));
    }
    for term in short {
        ps.push(like_pattern(term).into());
        conds.push(format!("l.search LIKE ${} ESCAPE '\\'", ps.len()));
    }
    conds
}

/// An FTS5 query that holds every term as a phrase (`"a" "b"`: both, each a substring with
/// the trigram tokenizer), quotes doubled so that no term is read as query syntax.
fn fts_phrases(terms: &[&String]) -> String {
    terms.iter().map(|t| format!("\"{}\"", t.replace('"', "\"\""))).collect::<Vec<_>>().join(" ")
}

/// The WHERE clause of `f` (empty when it selects every lead) and its parameters.
fn lead_conditions(f: &LeadFilter, dialect: Dialect) -> (String, Vec<P>) {
    // A test inquiry (the mystery shopper's) is in nobody's list or count.
    let mut conds: Vec<String> = vec![not_test(dialect).to_owned()];
    let mut ps: Vec<P> = Vec::new();
    let bind = |cond: &str, p: P, conds: &mut Vec<String>, ps: &mut Vec<P>| {
        ps.push(p);
        conds.push(cond.replace('?', &format!("${}", ps.len())));
    };
    if let Some(v) = &f.stage {
        bind("l.stage = ?", v.as_str().into(), &mut conds, &mut ps);
    }
    if let Some(v) = &f.status {
        bind("l.status = ?", v.as_str().into(), &mut conds, &mut ps);
    }
    if let Some(v) = &f.channel {
        bind("l.channel = ?", v.as_str().into(), &mut conds, &mut ps);
    }
    match f.owner {
        Some(Some(id)) => bind("l.owner_id = ?", id.into(), &mut conds, &mut ps),
        Some(None) => conds.push("l.owner_id IS NULL".into()),
        None => {}
    }
    if let Some(id) = f.contact {
        bind("l.contact_id = ?", id.into(), &mut conds, &mut ps);
    }
    if let Some(id) = f.company {
        bind("l.company_id = ?", id.into(), &mut conds, &mut ps);
    }
    if let Some(q) = &f.query {
        conds.extend(search_conditions(dialect, q, &mut ps));
    }
    if let Some(after) = f.received_after {
        bind("l.received_at >= ?", from_ts(after).into(), &mut conds, &mut ps);
    }
    if let Some(before) = f.before {
        bind("l.id < ?", before.into(), &mut conds, &mut ps);
    }
    (format!(" WHERE {}", conds.join(" AND ")), ps)
}

/// Holds for a lead (`l`) that is not a test inquiry. SQLite is told that it almost always
/// holds, so that it plans a list as before (by the sort's index), not as a scan of `leads`.
fn not_test(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => "likelihood(l.test = 0, 0.9999)",
        Dialect::Postgres => "l.test = FALSE",
    }
}

/// The ORDER BY of a lead list: the column, then the id the same way (a stable order).
fn lead_order(f: &LeadFilter) -> String {
    let dir = if f.descending { "DESC" } else { "ASC" };
    let col = match f.sort {
        None => return "l.id DESC".into(),
        Some(LeadSort::Received) => "l.received_at",
        // The contact's id before the lead's: the contacts' index `contacts_sort_name` (migration
        // 19) gives this order, and each contact's leads come by `leads_contact` in id order.
        Some(LeadSort::Contact) => return format!("LOWER(COALESCE(c.name, c.email, c.phone, '')) {dir}, c.id {dir}, l.id {dir}"),
        Some(LeadSort::Subject) => "LOWER(COALESCE(l.subject, ''))",
        Some(LeadSort::Channel) => "l.channel",
        Some(LeadSort::Stage) => "l.stage",
        Some(LeadSort::Status) => "l.status",
        Some(LeadSort::Owner) => "LOWER(COALESCE(o.name, ''))",
    };
    format!("{col} {dir}, l.id {dir}")
}

pub(crate) async fn leads(c: &mut dyn Conn, f: &LeadFilter) -> Result<Vec<LeadRecord>> {
    let (wh, mut ps) = lead_conditions(f, c.dialect());
    let mut sql = format!("{LEAD_SELECT}{wh} ORDER BY {}", lead_order(f));
    ps.push(P::from(i64::from(f.limit.clamp(1, 1000))));
    sql.push_str(&format!(" LIMIT ${}", ps.len()));
    if f.offset > 0 {
        ps.push(P::from(i64::from(f.offset)));
        sql.push_str(&format!(" OFFSET ${}", ps.len()));
    }
    c.rows(&sql, ps).await?.iter().map(lead_record).collect()
}

/// How many leads `f` selects (its limit, offset and order aside).
pub(crate) async fn count_leads(c: &mut dyn Conn, f: &LeadFilter) -> Result<i64> {
    let (wh, ps) = lead_conditions(f, c.dialect());
    let r = c.row(&format!("SELECT COUNT(*) AS n FROM leads l{wh}"), ps).await?.ok_or(StoreError::NotFound)?;
    Ok(r.i64("n")?)
}

pub(crate) async fn timeline(c: &mut dyn Conn, lead_id: i64) -> Result<Vec<EventRecord>> {
    lead_exists(c, lead_id).await?;
    let rows = c
        .rows(
            "SELECT ev.id, ev.at, ev.kind, ev.lead_id, ev.actor_id, u.name AS actor_name, ev.data
             FROM events ev LEFT JOIN users u ON u.id = ev.actor_id WHERE ev.lead_id = $1 ORDER BY ev.id",
            params![lead_id],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(EventRecord {
                id: r.i64("id")?,
                at: from_micros(r.i64("at")?),
                kind: r.str("kind")?,
                lead_id: r.opt_i64("lead_id")?,
                actor: user_ref(r, "actor_id", "actor_name")?,
                data: serde_json::from_str(&r.str("data")?).unwrap_or(Value::Null),
            })
        })
        .collect()
}

/// Activities where `column` (`a.lead_id` or `a.contact_id`) equals `id`, oldest first.
pub(crate) async fn activities(c: &mut dyn Conn, column: &'static str, id: i64) -> Result<Vec<ActivityRecord>> {
    let sql = format!(
        "SELECT a.id, a.lead_id, a.kind, a.direction, a.outcome, a.body, a.at, a.user_id, u.name AS user_name
         FROM activities a LEFT JOIN users u ON u.id = a.user_id WHERE {column} = $1 ORDER BY a.at, a.id"
    );
    let rows = c.rows(&sql, params![id]).await?;
    rows.iter()
        .map(|r| {
            Ok(ActivityRecord {
                id: r.i64("id")?,
                lead_id: r.i64("lead_id")?,
                kind: r.str("kind")?,
                direction: r.opt_str("direction")?,
                outcome: r.opt_str("outcome")?,
                body: r.opt_str("body")?,
                at: from_micros(r.i64("at")?),
                user: user_ref(r, "user_id", "user_name")?,
            })
        })
        .collect()
}

pub(crate) async fn contact(c: &mut dyn Conn, id: i64) -> Result<ContactDetail> {
    let r = c
        .row(
            "SELECT c.id, c.name, c.email, c.phone, c.company_id, co.name AS company_name, co.company_id AS company_reg
             FROM contacts c LEFT JOIN companies co ON co.id = c.company_id WHERE c.id = $1",
            params![id],
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let contact = ContactSummary { id, name: r.opt_str("name")?, email: r.opt_str("email")?, phone: r.opt_str("phone")? };
    let company = match r.opt_i64("company_id")? {
        Some(cid) => Some(CompanyRecord { id: cid, name: r.opt_str("company_name")?, company_id: r.opt_str("company_reg")? }),
        None => None,
    };
    let identities = c
        .rows("SELECT kind, value FROM contact_identities WHERE contact_id = $1 ORDER BY kind, value", params![id])
        .await?
        .iter()
        .map(|r| Ok((r.str("kind")?, r.str("value")?)))
        .collect::<Result<Vec<_>>>()?;
    let leads = leads(c, &LeadFilter { contact: Some(id), limit: 1000, ..Default::default() }).await?;
    let activities = activities(c, "a.contact_id", id).await?;
    Ok(ContactDetail { contact, company, identities, leads, activities })
}

pub(crate) async fn company(c: &mut dyn Conn, id: i64) -> Result<CompanyDetail> {
    let r = c.row("SELECT id, name, company_id FROM companies WHERE id = $1", params![id]).await?.ok_or(StoreError::NotFound)?;
    let company = CompanyRecord { id, name: r.opt_str("name")?, company_id: r.opt_str("company_id")? };
    let contacts = c
        .rows("SELECT id, name, email, phone FROM contacts WHERE company_id = $1 ORDER BY id", params![id])
        .await?
        .iter()
        .map(|r| Ok(ContactSummary { id: r.i64("id")?, name: r.opt_str("name")?, email: r.opt_str("email")?, phone: r.opt_str("phone")? }))
        .collect::<Result<Vec<_>>>()?;
    let leads = leads(c, &LeadFilter { company: Some(id), limit: 1000, ..Default::default() }).await?;
    Ok(CompanyDetail { company, contacts, leads })
}

pub(crate) fn user_record(r: &Row) -> Result<UserRecord> {
    Ok(UserRecord {
        id: r.i64("id")?,
        login: r.str("login")?,
        name: r.str("name")?,
        role: r.str("role")?,
        phone: r.opt_str("phone")?,
        email: r.opt_str("email")?,
        active: r.bool("active")?,
        created_at: from_micros(r.i64("created_at")?),
        presence: r.str("presence")?,
        hours: r.opt_str("hours")?.and_then(|h| serde_json::from_str(&h).ok()),
        open_tasks: r.i64("open_tasks")?,
        language: r.opt_str("language")?,
        must_change_password: r.bool("must_change_password")?,
    })
}

const USER_COLUMNS: &str =
    "id, login, name, role, phone, email, active, created_at, presence, hours, open_tasks, language, must_change_password, password_hash";

/// A user by `id` or `login`, with the password hash.
pub(crate) async fn user(c: &mut dyn Conn, column: &'static str, value: P) -> Result<(UserRecord, Option<String>)> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE {column} = $1");
    let r = c.row(&sql, vec![value]).await?.ok_or(StoreError::NotFound)?;
    Ok((user_record(&r)?, r.opt_str("password_hash")?))
}

/// A session's user, if it stands at `now` (microseconds): not ended, not idle or old past
/// the limits. Reads only.
pub(crate) async fn session_user(
    c: &mut dyn Conn,
    hash: &str,
    idle: jiff::SignedDuration,
    absolute: jiff::SignedDuration,
    now: i64,
) -> Result<i64> {
    let r = c
        .row("SELECT user_id, created_at, last_seen_at FROM sessions WHERE id_hash = $1", params![hash])
        .await?
        .ok_or(StoreError::NotFound)?;
    let (created, seen) = (r.i64("created_at")?, r.i64("last_seen_at")?);
    if now - seen > idle.as_micros() as i64 || now - created > absolute.as_micros() as i64 {
        return Err(StoreError::NotFound);
    }
    Ok(r.i64("user_id")?)
}

pub(crate) async fn users(c: &mut dyn Conn) -> Result<Vec<UserRecord>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY id");
    c.rows(&sql, vec![]).await?.iter().map(user_record).collect()
}

pub(crate) async fn user_by_token_hash(c: &mut dyn Conn, hash: &str) -> Result<UserRecord> {
    let r = c
        .row(
            "SELECT u.id, u.login, u.name, u.role, u.phone, u.email, u.active, u.created_at, u.presence, u.hours, u.open_tasks, u.language,
                    u.must_change_password
             FROM api_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active = $2",
            params![hash, true],
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    user_record(&r)
}

pub(crate) async fn notifications(c: &mut dyn Conn, f: &NotificationFilter) -> Result<Vec<OutboxRecord>> {
    // A test inquiry's alerts (to the mystery shopper's test recipient) are nobody's.
    let mut conds = vec![format!("COALESCE(recipient_role, '') <> '{}'", crate::records::CANARY_ROLE)];
    let mut ps: Vec<P> = Vec::new();
    if let Some(lead) = f.lead {
        ps.push(lead.into());
        conds.push(format!("lead_id = ${}", ps.len()));
    }
    if let Some(user) = f.recipient {
        ps.push(user.into());
        conds.push(format!("recipient_user = ${}", ps.len()));
    }
    if let Some(before) = f.before {
        ps.push(before.into());
        conds.push(format!("id < ${}", ps.len()));
    }
    if f.unread {
        conds.push("channel = 'in_app' AND read_at IS NULL".to_owned());
    }
    if let Some(status) = &f.status {
        ps.push(status.as_str().into());
        conds.push(format!("status = ${}", ps.len()));
    }
    let filter = format!("WHERE {}", conds.join(" AND "));
    // One lead's notifications read oldest first, like its timeline; any wider list newest first.
    let order = if f.lead.is_some() { "id" } else { "id DESC" };
    let limit = if f.limit == 0 { 10_000 } else { f.limit };
    let sql = format!("SELECT {OUTBOX_COLUMNS} FROM outbox {filter} ORDER BY {order} LIMIT {limit}");
    c.rows(&sql, ps).await?.iter().map(outbox_record).collect()
}

pub(crate) const OUTBOX_COLUMNS: &str = "id, lead_id, channel, recipient_user, recipient_role, recipient_address, kind, idempotency_key,
    payload, status, attempts, last_error, provider_id, created_at, updated_at, next_attempt_at, read_at";

pub(crate) fn outbox_record(r: &Row) -> Result<OutboxRecord> {
    Ok(OutboxRecord {
        id: r.i64("id")?,
        lead_id: r.opt_i64("lead_id")?,
        channel: r.str("channel")?,
        recipient_user: r.opt_i64("recipient_user")?,
        recipient_role: r.opt_str("recipient_role")?,
        recipient_address: r.opt_str("recipient_address")?,
        kind: r.str("kind")?,
        idempotency_key: r.str("idempotency_key")?,
        payload: serde_json::from_str(&r.str("payload")?).unwrap_or(Value::Null),
        status: r.str("status")?,
        attempts: r.i64("attempts")?,
        last_error: r.opt_str("last_error")?,
        provider_id: r.opt_str("provider_id")?,
        created_at: from_micros(r.i64("created_at")?),
        updated_at: from_micros(r.i64("updated_at")?),
        next_attempt_at: from_micros(r.i64("next_attempt_at")?),
        read_at: r.opt_i64("read_at")?.map(from_micros),
    })
}

const TASK_SELECT: &str = "SELECT t.id, t.lead_id, t.task, t.title, t.kind, t.role, t.assignee_id, u.name AS assignee_name, t.priority,
    t.due_at, t.script, t.attempt, t.status, t.outcome, t.note, t.created_at, t.done_at
    FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id";

fn task_record(r: &Row) -> Result<TaskRecord> {
    Ok(TaskRecord {
        id: r.i64("id")?,
        lead_id: r.i64("lead_id")?,
        task: r.str("task")?,
        title: r.str("title")?,
        kind: r.str("kind")?,
        role: r.opt_str("role")?,
        assignee: match (r.opt_i64("assignee_id")?, r.opt_str("assignee_name")?) {
            (Some(id), Some(name)) => Some(UserRef { id, name }),
            _ => None,
        },
        priority: r.str("priority")?,
        due_at: from_micros(r.i64("due_at")?),
        script: r.opt_str("script")?,
        attempt: r.i64("attempt")?,
        status: r.str("status")?,
        outcome: r.opt_str("outcome")?,
        note: r.opt_str("note")?,
        created_at: from_micros(r.i64("created_at")?),
        done_at: r.opt_i64("done_at")?.map(from_micros),
    })
}

pub(crate) async fn task(c: &mut dyn Conn, id: i64) -> Result<TaskRecord> {
    let r = c.row(&format!("{TASK_SELECT} WHERE t.id = $1"), params![id]).await?.ok_or(StoreError::NotFound)?;
    task_record(&r)
}

pub(crate) async fn tasks(c: &mut dyn Conn, f: &TaskFilter) -> Result<Vec<TaskRecord>> {
    let mut conds = Vec::new();
    let mut ps: Vec<P> = Vec::new();
    for (col, v) in [("t.lead_id", f.lead.map(P::from)), ("t.assignee_id", f.assignee.map(P::from))] {
        if let Some(v) = v {
            ps.push(v);
            conds.push(format!("{col} = ${}", ps.len()));
        }
    }
    for (col, v) in [("t.status", &f.status), ("t.role", &f.role)] {
        if let Some(v) = v {
            ps.push(v.as_str().into());
            conds.push(format!("{col} = ${}", ps.len()));
        }
    }
    // A test inquiry's tasks are on nobody's list.
    conds.push("NOT EXISTS (SELECT 1 FROM leads tl WHERE tl.id = t.lead_id AND tl.test = TRUE)".into());
    let filter = format!("WHERE {}", conds.join(" AND "));
    let limit = if f.limit == 0 { 1_000 } else { f.limit };
    let order = if f.status.as_deref() == Some("open") { "t.due_at, t.id" } else { "t.id" };
    let rows = c.rows(&format!("{TASK_SELECT} {filter} ORDER BY {order} LIMIT {limit}"), ps).await?;
    rows.iter().map(task_record).collect()
}

/// The company's own message texts.
pub(crate) async fn message_overrides(c: &mut dyn Conn) -> Result<Vec<pronto_playbook::messages::Override>> {
    let rows = c
        .rows("SELECT playbook, template, language, text, subject FROM message_overrides ORDER BY playbook, template, language", vec![])
        .await?;
    rows.iter()
        .map(|r| {
            Ok(pronto_playbook::messages::Override {
                playbook: r.str("playbook")?,
                template: r.str("template")?,
                language: r.str("language")?,
                text: r.str("text")?,
                subject: r.opt_str("subject")?,
            })
        })
        .collect()
}

pub(crate) async fn playbook_versions(c: &mut dyn Conn, name: Option<&str>) -> Result<Vec<PlaybookVersion>> {
    let rows = match name {
        Some(n) => {
            c.rows(
                "SELECT p.name, p.version, p.source, p.loaded_at, u.name AS loaded_by FROM playbooks p LEFT JOIN users u ON u.id = p.loaded_by \
                 WHERE p.name = $1 ORDER BY p.version",
                params![n],
            )
            .await?
        }
        None => {
            c.rows(
                "SELECT p.name, p.version, p.source, p.loaded_at, u.name AS loaded_by FROM playbooks p LEFT JOIN users u ON u.id = p.loaded_by \
                 ORDER BY p.name, p.version",
                vec![],
            )
            .await?
        }
    };
    rows.iter()
        .map(|r| {
            Ok(PlaybookVersion {
                name: r.str("name")?,
                version: r.i64("version")?,
                source: r.str("source")?,
                loaded_at: from_micros(r.i64("loaded_at")?),
                loaded_by: r.opt_str("loaded_by")?,
            })
        })
        .collect()
}

pub(crate) async fn timers(c: &mut dyn Conn, lead_id: i64) -> Result<Vec<TimerRecord>> {
    let rows = c.rows("SELECT id, lead_id, kind, due_at, status FROM timers WHERE lead_id = $1 ORDER BY id", params![lead_id]).await?;
    rows.iter()
        .map(|r| {
            Ok(TimerRecord {
                id: r.i64("id")?,
                lead_id: r.opt_i64("lead_id")?,
                kind: r.str("kind")?,
                due_at: from_micros(r.i64("due_at")?),
                status: r.str("status")?,
            })
        })
        .collect()
}

fn attachment_record(r: &Row) -> Result<crate::records::AttachmentRecord> {
    Ok(crate::records::AttachmentRecord {
        id: r.i64("id")?,
        email_id: r.i64("email_id")?,
        lead_id: r.i64("lead_id")?,
        filename: r.str("filename")?,
        content_type: r.str("content_type")?,
        size: r.i64("size")?,
        sha256: r.opt_str("sha256")?,
    })
}

const ATTACHMENT_COLUMNS: &str = "id, email_id, lead_id, filename, content_type, size, sha256";

/// A lead's e-mails, oldest first, each with its attachments and (outgoing) delivery status.
pub(crate) async fn emails(c: &mut dyn Conn, lead_id: i64) -> Result<Vec<crate::records::EmailRecord>> {
    lead_exists(c, lead_id).await?;
    let rows = c
        .rows(
            "SELECT e.id, e.lead_id, e.direction, e.mailbox, e.message_id, e.in_reply_to, e.from_address, e.from_name, e.to_address,
                    e.subject, e.text, e.html, e.sent_at, e.created_at,
                    (SELECT o.status FROM outbox o WHERE o.idempotency_key = 'email/' || CAST(e.id AS TEXT)) AS status
             FROM emails e WHERE e.lead_id = $1 ORDER BY e.id",
            params![lead_id],
        )
        .await?;
    let sql = format!("SELECT {ATTACHMENT_COLUMNS} FROM attachments WHERE lead_id = $1 ORDER BY id");
    let files = c.rows(&sql, params![lead_id]).await?.iter().map(attachment_record).collect::<Result<Vec<_>>>()?;
    rows.iter()
        .map(|r| {
            let id = r.i64("id")?;
            Ok(crate::records::EmailRecord {
                id,
                lead_id: r.i64("lead_id")?,
                direction: r.str("direction")?,
                mailbox: r.opt_str("mailbox")?,
                message_id: r.str("message_id")?,
                in_reply_to: r.opt_str("in_reply_to")?,
                from_address: r.opt_str("from_address")?,
                from_name: r.opt_str("from_name")?,
                to_address: r.opt_str("to_address")?,
                subject: r.opt_str("subject")?,
                text: r.str("text")?,
                html: r.opt_str("html")?,
                sent_at: r.opt_i64("sent_at")?.map(from_micros),
                created_at: from_micros(r.i64("created_at")?),
                attachments: files.iter().filter(|f| f.email_id == id).cloned().collect(),
                status: r.opt_str("status")?,
            })
        })
        .collect()
}

pub(crate) async fn attachment(c: &mut dyn Conn, id: i64) -> Result<crate::records::AttachmentRecord> {
    let sql = format!("SELECT {ATTACHMENT_COLUMNS} FROM attachments WHERE id = $1");
    let r = c.row(&sql, params![id]).await?.ok_or(StoreError::NotFound)?;
    attachment_record(&r)
}

pub(crate) async fn ignored_mail(c: &mut dyn Conn, limit: i64) -> Result<Vec<crate::records::IgnoredMailRecord>> {
    let rows = c
        .rows(
            "SELECT id, mailbox, uid, message_id, from_address, subject, reason, at FROM ignored_mail ORDER BY id DESC LIMIT $1",
            params![limit],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(crate::records::IgnoredMailRecord {
                id: r.i64("id")?,
                mailbox: r.str("mailbox")?,
                uid: r.opt_i64("uid")?,
                message_id: r.opt_str("message_id")?,
                from_address: r.opt_str("from_address")?,
                subject: r.opt_str("subject")?,
                reason: r.str("reason")?,
                at: from_micros(r.i64("at")?),
            })
        })
        .collect()
}

/// Where a mailbox stopped reading: (UIDVALIDITY, last UID).
pub(crate) async fn mailbox_cursor(c: &mut dyn Conn, mailbox: &str) -> Result<Option<(i64, i64)>> {
    match c.row("SELECT uidvalidity, last_uid FROM mailbox_state WHERE mailbox = $1", params![mailbox]).await? {
        Some(r) => Ok(Some((r.i64("uidvalidity")?, r.i64("last_uid")?))),
        None => Ok(None),
    }
}

pub(crate) async fn calls(c: &mut dyn Conn, lead: Option<i64>, limit: i64) -> Result<Vec<crate::records::CallRecord>> {
    const COLS: &str = "id, source, call_id, lead_id, direction, from_number, to_number, state, resolution, started_at, answered_at, ended_at, duration_s, answered_by";
    let rows = match lead {
        Some(l) => {
            lead_exists(c, l).await?;
            c.rows(&format!("SELECT {COLS} FROM calls WHERE lead_id = $1 ORDER BY id DESC LIMIT $2"), params![l, limit]).await?
        }
        None => c.rows(&format!("SELECT {COLS} FROM calls ORDER BY id DESC LIMIT $1"), params![limit]).await?,
    };
    rows.iter()
        .map(|r| {
            let state: Value = serde_json::from_str(&r.str("state")?).unwrap_or(Value::Null);
            Ok(crate::records::CallRecord {
                id: r.i64("id")?,
                source: r.str("source")?,
                call_id: r.str("call_id")?,
                lead_id: r.opt_i64("lead_id")?,
                direction: r.str("direction")?,
                from_number: r.opt_str("from_number")?,
                to_number: r.opt_str("to_number")?,
                resolution: r.opt_str("resolution")?,
                started_at: r.opt_i64("started_at")?.map(from_micros),
                answered_at: r.opt_i64("answered_at")?.map(from_micros),
                ended_at: r.opt_i64("ended_at")?.map(from_micros),
                duration_s: r.opt_i64("duration_s")?,
                answered_by: r.opt_i64("answered_by")?,
                transfers: state["transfers"].clone(),
            })
        })
        .collect()
}

fn from_ts(t: jiff::Timestamp) -> i64 {
    crate::micros(t)
}

/// Open leads per stage.
pub(crate) async fn stage_counts(c: &mut dyn Conn) -> Result<Vec<(String, i64)>> {
    let rows = c.rows("SELECT stage, COUNT(*) AS n FROM leads WHERE status = 'open' AND test = FALSE GROUP BY stage", vec![]).await?;
    rows.iter().map(|r| Ok((r.str("stage")?, r.i64("n")?))).collect()
}

/// Contacts (not merged away), newest first, optionally those whose inquiries match `query`
/// (folded like the lead search), each with its number of inquiries.
pub(crate) async fn contacts(c: &mut dyn Conn, query: Option<&str>, limit: i64) -> Result<Vec<crate::records::ContactListItem>> {
    let f = ContactFilter { query: query.map(str::to_owned), limit: limit.clamp(1, 1000) as u32, ..Default::default() };
    Ok(contact_page(c, &f, false).await?.0)
}

/// The WHERE clause of a contacts list and its parameters.
fn contact_conditions(f: &ContactFilter, dialect: Dialect) -> (String, Vec<P>) {
    // A contact known only from test inquiries (the mystery shopper) is not listed.
    let mut conds = vec![
        "ct.merged_into IS NULL".to_owned(),
        "(NOT EXISTS (SELECT 1 FROM leads tl WHERE tl.contact_id = ct.id AND tl.test = TRUE)
          OR EXISTS (SELECT 1 FROM leads tl WHERE tl.contact_id = ct.id AND tl.test = FALSE))"
            .to_owned(),
    ];
    let mut ps: Vec<P> = Vec::new();
    if let Some(q) = &f.query {
        let terms = search_conditions(dialect, q, &mut ps);
        if !terms.is_empty() {
            conds.push(format!("ct.id IN (SELECT l.contact_id FROM leads l WHERE {})", terms.join(" AND ")));
        }
    }
    if let Some(id) = f.except {
        ps.push(id.into());
        conds.push(format!("ct.id <> ${}", ps.len()));
    }
    (format!(" WHERE {}", conds.join(" AND ")), ps)
}

/// A page of contacts (`f`), and how many there are in all when `count`.
pub(crate) async fn contact_page(
    c: &mut dyn Conn,
    f: &ContactFilter,
    count: bool,
) -> Result<(Vec<crate::records::ContactListItem>, i64)> {
    let (wh, mut ps) = contact_conditions(f, c.dialect());
    let total = if count {
        let r = c.row(&format!("SELECT COUNT(*) AS n FROM contacts ct{wh}"), ps.clone()).await?.ok_or(StoreError::NotFound)?;
        r.i64("n")?
    } else {
        0
    };
    let dir = if f.descending { "DESC" } else { "ASC" };
    let col = match f.sort {
        None => None,
        Some(ContactSort::Added) => Some("ct.id"),
        Some(ContactSort::Name) => Some("LOWER(COALESCE(ct.name, ct.email, ct.phone, ''))"),
        Some(ContactSort::Phone) => Some("COALESCE(ct.phone, '')"),
        Some(ContactSort::Email) => Some("LOWER(COALESCE(ct.email, ''))"),
        Some(ContactSort::Company) => Some("LOWER(COALESCE(co.name, ''))"),
        Some(ContactSort::Leads) => Some("leads"),
    };
    let order = match col {
        None => "ct.id DESC".to_owned(),
        Some("ct.id") => format!("ct.id {dir}"),
        Some(col) => format!("{col} {dir}, ct.id {dir}"),
    };
    ps.push(P::from(i64::from(f.limit.clamp(1, 1000))));
    let limit = ps.len();
    ps.push(P::from(i64::from(f.offset)));
    let offset = ps.len();
    let sql = format!(
        "SELECT ct.id, ct.name, ct.email, ct.phone, co.name AS company,
                (SELECT COUNT(*) FROM leads l2 WHERE l2.contact_id = ct.id) AS leads,
                (SELECT MAX(l3.id) FROM leads l3 WHERE l3.contact_id = ct.id) AS last_lead
         FROM contacts ct LEFT JOIN companies co ON co.id = ct.company_id{wh}
         ORDER BY {order} LIMIT ${limit} OFFSET ${offset}"
    );
    let rows = c.rows(&sql, ps).await?;
    let items = rows
        .iter()
        .map(|r| {
            Ok(crate::records::ContactListItem {
                id: r.i64("id")?,
                name: r.opt_str("name")?,
                email: r.opt_str("email")?,
                phone: r.opt_str("phone")?,
                company: r.opt_str("company")?,
                leads: r.i64("leads")?,
                last_lead: r.opt_i64("last_lead")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((items, total))
}

/// Companies: (id, name, registration number, people, inquiries), newest first.
pub(crate) async fn companies(
    c: &mut dyn Conn,
    query: Option<&str>,
    limit: i64,
) -> Result<Vec<(i64, Option<String>, Option<String>, i64, i64)>> {
    let base = "SELECT co.id, co.name, co.company_id,
                       (SELECT COUNT(*) FROM contacts ct WHERE ct.company_id = co.id AND ct.merged_into IS NULL) AS people,
                       (SELECT COUNT(*) FROM leads l WHERE l.company_id = co.id) AS leads
                FROM companies co";
    let rows = match query.map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => {
            let like = format!("%{}%", q.to_lowercase().replace('%', "").replace('_', ""));
            c.rows(
                &format!("{base} WHERE LOWER(co.name) LIKE $1 OR co.company_id LIKE $1 ORDER BY co.id DESC LIMIT $2"),
                params![like, limit],
            )
            .await?
        }
        None => c.rows(&format!("{base} ORDER BY co.id DESC LIMIT $1"), params![limit]).await?,
    };
    rows.iter().map(|r| Ok((r.i64("id")?, r.opt_str("name")?, r.opt_str("company_id")?, r.i64("people")?, r.i64("leads")?))).collect()
}

/// SLAs running now, soonest breach first: (sla, lead, owner's name, breach due).
pub(crate) async fn slas_at_risk(c: &mut dyn Conn, limit: i64) -> Result<Vec<(String, i64, Option<String>, jiff::Timestamp)>> {
    let rows = c
        .rows(
            "SELECT t.kind, t.lead_id, t.due_at, u.name AS owner FROM timers t JOIN leads l ON l.id = t.lead_id LEFT JOIN users u ON u.id = l.owner_id
             WHERE t.status = 'pending' AND t.kind LIKE 'sla:%:breach' AND l.test = FALSE ORDER BY t.due_at LIMIT $1",
            params![limit],
        )
        .await?;
    rows.iter()
        .map(|r| {
            let kind = r.str("kind")?;
            let sla = kind.trim_start_matches("sla:").trim_end_matches(":breach").to_owned();
            Ok((sla, r.i64("lead_id")?, r.opt_str("owner")?, from_micros(r.i64("due_at")?)))
        })
        .collect()
}

/// SLAs running now (their breach timer pending), soonest breach first, of `playbook`'s leads
/// (`None`: every lead's), with the lead's contact and owner.
pub(crate) async fn slas_running(c: &mut dyn Conn, playbook: Option<String>, limit: i64) -> Result<Vec<crate::records::SlaRunning>> {
    let base = "SELECT t.kind, t.lead_id, t.due_at, l.playbook, u.name AS owner, COALESCE(ct.name, ct.email, ct.phone) AS contact
                FROM timers t JOIN leads l ON l.id = t.lead_id LEFT JOIN users u ON u.id = l.owner_id
                LEFT JOIN contacts ct ON ct.id = l.contact_id
                WHERE t.status = 'pending' AND t.kind LIKE 'sla:%:breach' AND l.test = FALSE";
    let rows = match playbook {
        Some(p) => c.rows(&format!("{base} AND l.playbook = $1 ORDER BY t.due_at LIMIT $2"), params![p, limit]).await?,
        None => c.rows(&format!("{base} ORDER BY t.due_at LIMIT $1"), params![limit]).await?,
    };
    rows.iter()
        .map(|r| {
            let kind = r.str("kind")?;
            Ok(crate::records::SlaRunning {
                sla: kind.trim_start_matches("sla:").trim_end_matches(":breach").to_owned(),
                lead_id: r.i64("lead_id")?,
                playbook: r.str("playbook")?,
                contact: r.opt_str("contact")?,
                owner: r.opt_str("owner")?,
                due_at: from_micros(r.i64("due_at")?),
            })
        })
        .collect()
}

/// Contacts that hold `phone` or `email` (as the intake stores them) or whose company has the
/// registration number `company_id`, newest first, with every identity they hold.
pub(crate) async fn similar_contacts(
    c: &mut dyn Conn,
    phone: Option<String>,
    email: Option<String>,
    company_id: Option<String>,
    limit: i64,
) -> Result<Vec<crate::records::SimilarContact>> {
    let mut ps: Vec<P> = Vec::new();
    let mut conds = Vec::new();
    for (kind, value) in [("phone", phone), ("email", email)] {
        let Some(value) = value else { continue };
        ps.push(P::from(kind));
        ps.push(P::from(value));
        conds.push(format!("ct.id IN (SELECT contact_id FROM contact_identities WHERE kind = ${} AND value = ${})", ps.len() - 1, ps.len()));
    }
    if let Some(reg) = company_id {
        ps.push(P::from(reg));
        conds.push(format!("co.company_id = ${}", ps.len()));
    }
    if conds.is_empty() {
        return Ok(vec![]);
    }
    ps.push(P::from(limit));
    let sql = format!(
        "SELECT ct.id, ct.name, ct.email, ct.phone, co.name AS company, co.company_id AS reg
         FROM contacts ct LEFT JOIN companies co ON co.id = ct.company_id
         WHERE ct.merged_into IS NULL AND ({}) ORDER BY ct.id DESC LIMIT ${}",
        conds.join(" OR "),
        ps.len()
    );
    let mut out = Vec::new();
    for r in c.rows(&sql, ps).await? {
        let id = r.i64("id")?;
        let identities = c
            .rows("SELECT kind, value FROM contact_identities WHERE contact_id = $1 ORDER BY kind, value", params![id])
            .await?
            .iter()
            .map(|i| Ok((i.str("kind")?, i.str("value")?)))
            .collect::<Result<Vec<_>>>()?;
        out.push(crate::records::SimilarContact {
            id,
            name: r.opt_str("name")?,
            email: r.opt_str("email")?,
            phone: r.opt_str("phone")?,
            company: r.opt_str("company")?,
            company_id: r.opt_str("reg")?,
            identities,
        });
    }
    Ok(out)
}
