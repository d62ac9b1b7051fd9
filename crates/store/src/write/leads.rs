//! Leads and intake: a new lead (idempotency, the contact and company it joins — decided by
//! `pronto_domain::intake` —, its search text, the playbook's first run), a lead's edit, and
//! two contacts merged into one.

use crate::engine::{Conn, P};
use crate::process;
use crate::records::LeadCreated;
use crate::tx::{Command, Pending, write_effects};
use crate::write::users::user_exists;
use crate::{StoreError, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::FieldErrors;
use pronto_domain::effects::{self, FieldChange};
use pronto_domain::event::DomainEvent;
use pronto_domain::intake::{self, Candidates, CompanyChoice, CompanyRow, ContactChoice, ContactRow};
use pronto_domain::lead::{LeadPatch, LeadStatus, NewLead};
use pronto_domain::search;
use pronto_domain::values::Line;
use pronto_playbook::{LeadState, Trigger};
use serde_json::{Value, json};

type R<T> = crate::Result<T>;

/// An `Idempotency-Key` as the edge received it: scoped to who sent it, with a fingerprint of
/// the request so that the same key with a different body is a conflict, not a silent reuse.
#[derive(Debug, Clone)]
pub struct IdempotencyKey {
    pub scope: String,
    pub key: String,
    pub fingerprint: String,
}

pub(crate) struct CreateLead {
    pub lead: NewLead,
    pub entered_by: Option<i64>,
    pub idem: Option<IdempotencyKey>,
}

#[async_trait]
impl Command for CreateLead {
    type Output = LeadCreated;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<LeadCreated> {
        create_lead(c, pending, &self.lead, self.entered_by, self.idem.as_ref(), now).await
    }
}

pub(crate) struct PatchLead {
    pub id: i64,
    pub patch: LeadPatch,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for PatchLead {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        patch_lead(c, pending, self.id, &self.patch, self.actor, now).await
    }
}

/// Two records of one person: `other`'s leads, activities and identities move to `keep`.
pub(crate) struct MergeContacts {
    pub keep: i64,
    pub other: i64,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for MergeContacts {
    /// The merge's id (to undo it).
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<i64> {
        merge_contacts(c, pending, self.keep, self.other, self.actor, now).await
    }
}

/// A merge undone: every row it moved goes back, the kept contact's details are what they were.
pub(crate) struct UndoMerge {
    pub id: i64,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for UndoMerge {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<()> {
        undo_merge(c, pending, self.id, self.actor, now).await
    }
}

/// Loads what an intake could join: the company with the lead's registration number and the
/// contacts that have its phone or e-mail (with their companies), in two statements.
async fn candidates(c: &mut dyn Conn, lead: &NewLead) -> R<Candidates> {
    let ct = &lead.contact;
    let mut found = Candidates::default();
    if let Some(reg) = &ct.company_id
        && let Some(row) = c.row("SELECT id, name FROM companies WHERE company_id = $1", params![reg.as_str()]).await?
    {
        found.company_by_reg = Some(CompanyRow { id: row.i64("id")?, name: row.opt_str("name")?, reg: Some(reg.as_str().to_owned()) });
    }
    let mut ps: Vec<P> = Vec::with_capacity(4);
    let mut conds = Vec::with_capacity(2);
    for (kind, value) in [("phone", ct.phone.as_ref().map(|p| p.as_str())), ("email", ct.email.as_ref().map(|e| e.as_str()))] {
        let Some(value) = value else { continue };
        ps.push(P::from(kind));
        ps.push(P::from(value));
        conds.push(format!("(i.kind = ${} AND i.value = ${})", ps.len() - 1, ps.len()));
    }
    if conds.is_empty() {
        return Ok(found);
    }
    let sql = format!(
        "SELECT i.kind, c.id, c.name, c.email, c.phone, c.company_id, co.name AS co_name, co.company_id AS co_reg
         FROM contact_identities i JOIN contacts c ON c.id = i.contact_id LEFT JOIN companies co ON co.id = c.company_id
         WHERE {}",
        conds.join(" OR ")
    );
    for row in c.rows(&sql, ps).await? {
        let company = match row.opt_i64("company_id")? {
            Some(id) => Some(CompanyRow { id, name: row.opt_str("co_name")?, reg: row.opt_str("co_reg")? }),
            None => None,
        };
        let contact = ContactRow {
            id: row.i64("id")?,
            name: row.opt_str("name")?,
            email: row.opt_str("email")?,
            phone: row.opt_str("phone")?,
            company,
        };
        match row.str("kind")?.as_str() {
            "phone" => found.by_phone = Some(contact),
            _ => found.by_email = Some(contact),
        }
    }
    Ok(found)
}

pub(crate) async fn create_lead(
    c: &mut dyn Conn,
    pending: &mut Pending,
    lead: &NewLead,
    entered_by: Option<i64>,
    idem: Option<&IdempotencyKey>,
    now: Timestamp,
) -> R<LeadCreated> {
    if let Some(k) = idem {
        let found = c
            .row(
                "SELECT i.fingerprint, i.lead_id, l.contact_id FROM idempotency i JOIN leads l ON l.id = i.lead_id WHERE i.scope = $1 AND i.key = $2",
                params![k.scope.as_str(), k.key.as_str()],
            )
            .await?;
        if let Some(row) = found {
            if row.str("fingerprint")? != k.fingerprint {
                return Err(StoreError::Conflict("this Idempotency-Key was already used with a different request".into()));
            }
            return Ok(LeadCreated { id: row.i64("lead_id")?, created: false, contact_id: row.i64("contact_id")?, contact_is_new: false });
        }
    }
    if let Some(owner) = lead.owner
        && !user_exists(c, owner).await?
    {
        return Err(StoreError::Invalid(FieldErrors::single("owner", format!("there is no active user {owner}"))));
    }
    let playbook = lead.playbook.as_ref().map(|p| p.as_str().to_owned()).unwrap_or_else(|| pending.playbooks.default_name());
    // The highest stored version, whichever node loaded it.
    let Some((version, pb)) = crate::playbooks::newest(c, &pending.playbooks, &playbook).await? else {
        return Err(StoreError::Invalid(FieldErrors::single(
            "playbook",
            format!("there is no playbook `{playbook}`; loaded: {}", pending.playbooks.names().join(", ")),
        )));
    };
    let t = micros(now);

    // Which contact and company the lead joins, and what it records, is the domain's to decide.
    let plan = intake::plan(lead, &candidates(c, lead).await?);
    if let Some((id, name)) = &plan.name_company {
        c.exec("UPDATE companies SET name = $1 WHERE id = $2", params![name.as_str(), *id]).await?;
    }
    let company_id = match &plan.company {
        CompanyChoice::None => None,
        CompanyChoice::Existing(id) => Some(*id),
        CompanyChoice::New { name, reg } => Some(
            c.insert_id("INSERT INTO companies (name, company_id, created_at) VALUES ($1, $2, $3)", params![name.clone(), reg.clone(), t])
                .await?,
        ),
    };
    let contact_id = match plan.contact {
        ContactChoice::Existing { id, own_company } => {
            c.exec(
                "UPDATE contacts SET name = $1, email = $2, phone = $3, company_id = $4 WHERE id = $5",
                params![plan.name.clone(), plan.email.clone(), plan.phone.clone(), own_company.or(company_id), id],
            )
            .await?;
            id
        }
        ContactChoice::New => {
            c.insert_id(
                "INSERT INTO contacts (name, email, phone, company_id, created_at) VALUES ($1, $2, $3, $4, $5)",
                params![plan.name.clone(), plan.email.clone(), plan.phone.clone(), company_id, t],
            )
            .await?
        }
    };
    let contact_is_new = plan.contact_is_new();
    if !plan.identities.is_empty() {
        // A new contact's identities must be new: a unique violation means another node just
        // created the same person, and the writer retries this command to find them.
        let mut ps: Vec<P> = Vec::with_capacity(6);
        let mut rows = Vec::with_capacity(2);
        for (kind, value) in &plan.identities {
            ps.push(P::from(*kind));
            ps.push(P::from(value.as_str()));
            ps.push(P::from(contact_id));
            rows.push(format!("(${}, ${}, ${})", ps.len() - 2, ps.len() - 1, ps.len()));
        }
        let conflict = if contact_is_new { "" } else { " ON CONFLICT (kind, value) DO NOTHING" };
        let sql = format!("INSERT INTO contact_identities (kind, value, contact_id) VALUES {}{conflict}", rows.join(", "));
        c.exec(&sql, ps).await?;
    }

    let s = |v: &Option<Line>| v.as_ref().map(|x| x.as_str().to_owned());
    let extra = if lead.extra.is_empty() {
        None
    } else {
        Some(Value::Object(lead.extra.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect()).to_string())
    };
    let lead_id = c
        .insert_id(
            "INSERT INTO leads (channel, stage, status, owner_id, contact_id, company_id, customer_type, subject, message,
                postal_code, product, language, source, playbook, received_at, entered_by, extra, search, created_at, updated_at,
                playbook_version, phone)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $20, $21)",
            params![
                lead.channel.as_str(),
                pb.first_stage(),
                LeadStatus::Open.as_str(),
                lead.owner,
                contact_id,
                company_id,
                lead.customer_type.map(|c| c.as_str()),
                s(&lead.subject),
                lead.message.as_ref().map(|m| m.as_str()),
                lead.postal_code.as_ref().map(|p| p.as_str()),
                s(&lead.product),
                lead.language.as_ref().map(|l| l.as_str()),
                s(&lead.source),
                playbook.as_str(),
                micros(lead.received_at),
                entered_by,
                extra,
                plan.search.as_str(),
                t,
                version,
                lead.contact.phone.as_ref().map(|p| p.as_str())
            ],
        )
        .await?;
    if let Some(run) = lead.canary_run {
        c.exec("UPDATE leads SET test = $1, canary_run = $2 WHERE id = $3", params![true, run, lead_id]).await?;
        pending.test_leads.insert(lead_id);
    }
    let tracking_token = crate::customer::insert_token(c, pending, lead_id, 0, now).await?;
    if let Some(at) = lead.answered_at {
        c.exec("UPDATE leads SET first_response_at = $1 WHERE id = $2", params![micros(at), lead_id]).await?;
    }

    let received = DomainEvent::LeadReceived {
        channel: lead.channel.as_str().to_owned(),
        contact_id,
        contact_is_new,
        company_id,
        source: s(&lead.source),
        entered_by,
        received_at: lead.received_at,
    };
    let (on_lead, by) = (Some(lead_id), Some(contact_id));
    pending.record(received, on_lead, by, entered_by, now);
    if let Some(owner) = lead.owner {
        let assigned = DomainEvent::LeadAssigned { from: None, owner: Some(owner), reason: Some("given at intake".into()), by: None };
        pending.record(assigned, on_lead, by, entered_by, now);
    }
    if let Some(other) = plan.possible_duplicate {
        pending.record(DomainEvent::ContactPossibleDuplicate { contact_id, other_contact_id: other }, on_lead, by, entered_by, now);
    }

    // The playbook decides the rest: owner, tasks, alerts, SLAs, timers.
    let state = LeadState {
        id: lead_id,
        channel: lead.channel,
        stage: pb.first_stage().to_owned(),
        status: LeadStatus::Open,
        owner: lead.owner,
        entered_by,
        contact_name: plan.name,
        contact_phone: lead.contact.phone.as_ref().map(|p| p.as_str().to_owned()).or(plan.phone),
        contact_email: plan.email,
        customer_type: lead.customer_type,
        subject: s(&lead.subject),
        message: lead.message.as_ref().map(|m| m.as_str().to_owned()),
        postal_code: lead.postal_code.as_ref().map(|p| p.as_str().to_owned()),
        product: s(&lead.product),
        source: s(&lead.source),
        language: lead.language.as_ref().map(|l| l.as_str().to_owned()),
        received_at: lead.received_at,
        first_response_at: lead.answered_at,
        open_tasks: vec![],
        timers: vec![],
        tracking_token: Some(tracking_token),
    };
    let ctx = process::RunCtx { lead_id, contact_id, actor: entered_by, playbook: playbook.clone(), version, test: lead.canary_run.is_some() };
    process::run(c, pending, &state, &ctx, Trigger::LeadReceived, "received", now).await?;
    if let Some(run) = lead.canary_run {
        // A test inquiry that arrives after its run ended (mail held up by an outage) is
        // closed at once: nobody follows it any more.
        crate::canary::close_if_over(c, pending, run, now).await?;
    }

    if let Some(k) = idem {
        c.exec(
            "INSERT INTO idempotency (scope, key, fingerprint, lead_id, created_at) VALUES ($1, $2, $3, $4, $5)",
            params![k.scope.as_str(), k.key.as_str(), k.fingerprint.as_str(), lead_id, t],
        )
        .await?;
    }
    Ok(LeadCreated { id: lead_id, created: true, contact_id, contact_is_new })
}

pub(crate) async fn patch_lead(
    c: &mut dyn Conn,
    pending: &mut Pending,
    id: i64,
    p: &LeadPatch,
    actor: Option<i64>,
    now: Timestamp,
) -> R<()> {
    let row = c
        .row(
            "SELECT stage, status, owner_id, customer_type, subject, message, postal_code, product, language, source, contact_id,
                    playbook, playbook_version
             FROM leads WHERE id = $1",
            params![id],
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let contact_id = row.i64("contact_id")?;
    if let Some(Some(owner)) = p.owner
        && !user_exists(c, owner).await?
    {
        return Err(StoreError::Invalid(FieldErrors::single("owner", format!("there is no active user {owner}"))));
    }
    let pb = process::playbook_of(c, pending, &row.str("playbook")?, row.i64("playbook_version")?).await?;
    let stage_def = match &p.stage {
        Some(st) => Some(pb.stage(st).ok_or_else(|| {
            StoreError::Invalid(FieldErrors::single(
                "stage",
                format!("`{st}` is not a stage of the playbook `{}`: use one of {}", pb.name, pb.stage_ids().join(", ")),
            ))
        })?),
        None => None,
    };
    let current_status = LeadStatus::parse(&row.str("status")?).unwrap_or(LeadStatus::Open);
    let new_status = p.status.or_else(|| stage_def.and_then(|d| d.status)).unwrap_or(current_status);

    let mut changes: Vec<FieldChange> = Vec::new();
    let mut sets: Vec<String> = Vec::new();
    let mut values: Vec<P> = Vec::new();
    let mut set = |field: &'static str, from: Value, to: Value, param: P, changes: &mut Vec<FieldChange>| {
        if from != to {
            values.push(param);
            // The API's `owner` is the column `owner_id`; every other field is its column.
            let column = if field == "owner" { "owner_id" } else { field };
            sets.push(format!("{column} = ${}", values.len()));
            changes.push(FieldChange { field, from, to });
        }
    };
    let text = |col: &str| -> R<Value> { Ok(row.opt_str(col)?.map(Value::String).unwrap_or(Value::Null)) };
    if let Some(stage) = &p.stage {
        set("stage", text("stage")?, json!(stage), P::from(stage.as_str()), &mut changes);
    }
    set("status", text("status")?, json!(new_status.as_str()), P::from(new_status.as_str()), &mut changes);
    if let Some(owner) = p.owner {
        set("owner", json!(row.opt_i64("owner_id")?), json!(owner), P::from(owner), &mut changes);
    }
    macro_rules! field {
        ($name:ident) => {
            if let Some(v) = &p.$name {
                let to = v.as_ref().map(|x| x.as_str().to_owned());
                set(stringify!($name), text(stringify!($name))?, json!(to), P::from(to), &mut changes);
            }
        };
    }
    field!(customer_type);
    field!(subject);
    field!(message);
    field!(postal_code);
    field!(product);
    field!(language);
    field!(source);
    if changes.is_empty() {
        return Ok(());
    }
    if changes.iter().any(|ch| ch.field == "status") {
        // A closed lead's page expires some time after it closed; reopening stops that.
        values.push(if new_status == LeadStatus::Open { P::I64(None) } else { P::from(micros(now)) });
        sets.push(format!("closed_at = ${}", values.len()));
    }
    values.push(P::from(micros(now)));
    sets.push(format!("updated_at = ${}", values.len()));
    values.push(P::from(id));
    let sql = format!("UPDATE leads SET {} WHERE id = ${}", sets.join(", "), values.len());
    c.exec(&sql, values).await?;
    if changes.iter().any(|ch| matches!(ch.field, "subject" | "message" | "postal_code" | "product" | "source")) {
        refresh_search(c, id).await?;
    }
    pending.seq += 1;
    let edit = format!("p{}.{}", micros(now), pending.seq);
    // A new owner by hand takes over the open tasks the previous owner held.
    if let Some(ch) = changes.iter().find(|ch| ch.field == "owner")
        && let (Some(from), Some(to)) = (ch.from.as_i64(), ch.to.as_i64())
    {
        let moved = c.rows("SELECT id FROM tasks WHERE lead_id = $1 AND status = 'open' AND assignee_id = $2", params![id, from]).await?;
        for r in &moved {
            c.exec("UPDATE tasks SET assignee_id = $1 WHERE id = $2", params![to, r.i64("id")?]).await?;
        }
        let n = moved.len() as i64;
        if n > 0 {
            process::adjust_open_tasks(pending, Some(from), -n).await?;
            process::adjust_open_tasks(pending, Some(to), n).await?;
        }
    }
    let fx = effects::lead_changed(id, &edit, &changes);
    write_effects(pending, &fx, Some(id), Some(contact_id), actor, now);
    // The playbook sees the stage entered first, then every other field that changed.
    let t = edit;
    let (mut state, mut ctx) = process::lead_state(c, pending, id).await?;
    ctx.actor = actor;
    if let Some(ch) = changes.iter().find(|ch| ch.field == "stage") {
        let trigger = Trigger::StageEntered { from: ch.from.as_str().map(str::to_owned) };
        process::run(c, pending, &state, &ctx, trigger, &format!("{t}-stage"), now).await?;
        (state, ctx) = process::lead_state(c, pending, id).await?;
        ctx.actor = actor;
    }
    for ch in changes.iter().filter(|ch| ch.field != "stage") {
        let trigger = Trigger::FieldChanged { field: ch.field.to_owned(), from: ch.from.clone(), to: ch.to.clone() };
        process::run(c, pending, &state, &ctx, trigger, &format!("{t}-{}", ch.field), now).await?;
        (state, ctx) = process::lead_state(c, pending, id).await?;
        ctx.actor = actor;
    }
    Ok(())
}

/// The ids `sql` selects (one column, `id`).
async fn ids(c: &mut dyn Conn, sql: &str, ps: Vec<P>) -> R<Vec<i64>> {
    c.rows(sql, ps).await?.iter().map(|r| r.i64("id").map_err(StoreError::from)).collect()
}

/// A contact's own fields, as a merge records them before and after.
async fn contact_fields(c: &mut dyn Conn, id: i64) -> R<(Value, Option<i64>)> {
    let r = c
        .row("SELECT name, email, phone, company_id, merged_into FROM contacts WHERE id = $1", params![id])
        .await?
        .ok_or(StoreError::NotFound)?;
    let fields = json!({ "name": r.opt_str("name")?, "email": r.opt_str("email")?, "phone": r.opt_str("phone")?, "company_id": r.opt_i64("company_id")? });
    Ok((fields, r.opt_i64("merged_into")?))
}

/// The leads of `contacts`, sorted: (id, search, updated_at).
async fn lead_search(c: &mut dyn Conn, contacts: [i64; 2]) -> R<Vec<Value>> {
    let rows = c
        .rows("SELECT id, search, updated_at FROM leads WHERE contact_id = $1 OR contact_id = $2 ORDER BY id", params![contacts[0], contacts[1]])
        .await?;
    rows.iter().map(|r| Ok(json!([r.i64("id")?, r.str("search")?, r.i64("updated_at")?]))).collect()
}

async fn merge_contacts(c: &mut dyn Conn, pending: &mut Pending, keep: i64, other: i64, actor: Option<i64>, now: Timestamp) -> R<i64> {
    if keep == other {
        return Err(StoreError::Invalid(FieldErrors::single("other", "a contact cannot be merged into itself")));
    }
    let (kept_before, k_merged) = contact_fields(c, keep).await?;
    let (other_fields, o_merged) = contact_fields(c, other).await?;
    if k_merged.is_some() || o_merged.is_some() {
        return Err(StoreError::Conflict("one of the contacts was merged already".into()));
    }
    // What the kept record lacks, the other gives; nothing it has is overwritten.
    let pick = |f: &str| if kept_before[f].is_null() { other_fields[f].clone() } else { kept_before[f].clone() };
    let (name, email, phone, company) = (pick("name"), pick("email"), pick("phone"), pick("company_id"));
    c.exec(
        "UPDATE contacts SET name = $1, email = $2, phone = $3, company_id = $4 WHERE id = $5",
        params![name.as_str().map(str::to_owned), email.as_str().map(str::to_owned), phone.as_str().map(str::to_owned), company.as_i64(), keep],
    )
    .await?;
    // What moves, recorded so that an undo moves exactly that back.
    let searches = lead_search(c, [keep, other]).await?;
    let leads = ids(c, "SELECT id FROM leads WHERE contact_id = $1 ORDER BY id", params![other]).await?;
    let activities = ids(c, "SELECT id FROM activities WHERE contact_id = $1 ORDER BY id", params![other]).await?;
    let identities: Vec<Value> = c
        .rows("SELECT kind, value FROM contact_identities WHERE contact_id = $1 ORDER BY kind, value", params![other])
        .await?
        .iter()
        .map(|r| Ok(json!([r.str("kind")?, r.str("value")?])))
        .collect::<R<_>>()?;
    for sql in [
        "UPDATE leads SET contact_id = $1 WHERE contact_id = $2",
        "UPDATE activities SET contact_id = $1 WHERE contact_id = $2",
        "UPDATE contact_identities SET contact_id = $1 WHERE contact_id = $2",
    ] {
        c.exec(sql, params![keep, other]).await?;
    }
    c.exec("UPDATE contacts SET merged_into = $1 WHERE id = $2", params![keep, other]).await?;
    let all = ids(c, "SELECT id FROM leads WHERE contact_id = $1 ORDER BY id", params![keep]).await?;
    for l in &all {
        refresh_search(c, *l).await?;
    }
    let (kept_after, _) = contact_fields(c, keep).await?;
    let undo = json!({
        "kept_before": kept_before,
        "kept_after": kept_after,
        "other": other_fields,
        "leads": leads,
        "activities": activities,
        "identities": identities,
        "search": searches,
        "kept_leads_after": all,
    });
    let id = c
        .insert_id(
            "INSERT INTO contact_merges (kept_id, merged_id, at, actor_id, undo) VALUES ($1, $2, $3, $4, $5)",
            params![keep, other, micros(now), actor, undo.to_string()],
        )
        .await?;
    pending.record(DomainEvent::ContactMerged { kept: keep, merged: other, leads_moved: leads }, None, Some(keep), actor, now);
    Ok(id)
}

async fn undo_merge(c: &mut dyn Conn, pending: &mut Pending, id: i64, actor: Option<i64>, now: Timestamp) -> R<()> {
    let m = c
        .row("SELECT kept_id, merged_id, at, undo, undone_at FROM contact_merges WHERE id = $1", params![id])
        .await?
        .ok_or(StoreError::NotFound)?;
    let (keep, other) = (m.i64("kept_id")?, m.i64("merged_id")?);
    if m.opt_i64("undone_at")?.is_some() {
        return Err(StoreError::Conflict("this merge was undone already".into()));
    }
    if now.duration_since(crate::from_micros(m.i64("at")?)) > crate::records::MERGE_UNDO_WINDOW {
        return Err(StoreError::Conflict("a merge can be undone for 24 hours only".into()));
    }
    let undo: Value = serde_json::from_str(&m.str("undo")?).map_err(|e| StoreError::Internal(format!("a merge's record does not read: {e}")))?;
    let (kept_now, k_merged) = contact_fields(c, keep).await?;
    let (other_now, o_merged) = contact_fields(c, other).await?;
    let kept_leads = ids(c, "SELECT id FROM leads WHERE contact_id = $1 ORDER BY id", params![keep]).await?;
    let later = c
        .row(
            "SELECT id FROM contact_merges WHERE id > $1 AND undone_at IS NULL AND (kept_id IN ($2, $3) OR merged_id IN ($2, $3))",
            params![id, keep, other],
        )
        .await?;
    if kept_now != undo["kept_after"]
        || k_merged.is_some()
        || o_merged != Some(keep)
        || other_now != undo["other"]
        || json!(kept_leads) != undo["kept_leads_after"]
        || later.is_some()
    {
        return Err(StoreError::Conflict("one of the contacts changed since the merge; it can no longer be undone".into()));
    }
    let list = |k: &str| -> Vec<i64> { undo[k].as_array().map(|a| a.iter().filter_map(Value::as_i64).collect()).unwrap_or_default() };
    let before = &undo["kept_before"];
    let s = |f: &str| before[f].as_str().map(str::to_owned);
    c.exec(
        "UPDATE contacts SET name = $1, email = $2, phone = $3, company_id = $4 WHERE id = $5",
        params![s("name"), s("email"), s("phone"), before["company_id"].as_i64(), keep],
    )
    .await?;
    c.exec("UPDATE contacts SET merged_into = NULL WHERE id = $1", params![other]).await?;
    let leads = list("leads");
    for l in &leads {
        c.exec("UPDATE leads SET contact_id = $1 WHERE id = $2 AND contact_id = $3", params![other, *l, keep]).await?;
        c.exec("UPDATE activities SET contact_id = $1 WHERE lead_id = $2 AND contact_id = $3", params![other, *l, keep]).await?;
    }
    for a in list("activities") {
        c.exec("UPDATE activities SET contact_id = $1 WHERE id = $2 AND contact_id = $3", params![other, a, keep]).await?;
    }
    for i in undo["identities"].as_array().into_iter().flatten() {
        let (kind, value) = (i[0].as_str().unwrap_or_default(), i[1].as_str().unwrap_or_default());
        c.exec(
            "UPDATE contact_identities SET contact_id = $1 WHERE kind = $2 AND value = $3 AND contact_id = $4",
            params![other, kind, value, keep],
        )
        .await?;
    }
    // Each lead's search text as it was, unless the lead changed since (then from its fields).
    for row in undo["search"].as_array().into_iter().flatten() {
        let (lead, search, updated) = (row[0].as_i64().unwrap_or_default(), row[1].as_str().unwrap_or_default(), row[2].as_i64());
        let n = c
            .exec("UPDATE leads SET search = $1 WHERE id = $2 AND updated_at = $3", params![search, lead, updated])
            .await?;
        if n == 0 {
            refresh_search(c, lead).await?;
        }
    }
    c.exec("UPDATE contact_merges SET undone_at = $1, undone_by = $2 WHERE id = $3", params![micros(now), actor, id]).await?;
    pending.record(DomainEvent::ContactUnmerged { kept: keep, merged: other, leads_moved: leads }, None, Some(other), actor, now);
    Ok(())
}

/// A merge as recorded.
pub(crate) async fn merge_record(c: &mut dyn Conn, id: i64) -> R<crate::records::MergeRecord> {
    let m = c
        .row("SELECT id, kept_id, merged_id, at, actor_id, undo, undone_at FROM contact_merges WHERE id = $1", params![id])
        .await?
        .ok_or(StoreError::NotFound)?;
    let undo: Value = serde_json::from_str(&m.str("undo")?).unwrap_or(Value::Null);
    let n = |k: &str| undo[k].as_array().map_or(0, Vec::len);
    Ok(crate::records::MergeRecord {
        id: m.i64("id")?,
        kept: m.i64("kept_id")?,
        merged: m.i64("merged_id")?,
        at: crate::from_micros(m.i64("at")?),
        actor: m.opt_i64("actor_id")?,
        undone_at: m.opt_i64("undone_at")?.map(crate::from_micros),
        leads_moved: n("leads"),
        activities_moved: n("activities"),
        identities_moved: n("identities"),
    })
}

/// Recomputes a lead's folded search text from its current fields and contact.
async fn refresh_search(c: &mut dyn Conn, id: i64) -> R<()> {
    let row = c
        .row(
            "SELECT c.name, c.email, c.phone, co.name AS company, co.company_id AS reg, l.subject, l.message, l.postal_code, l.product, l.source
             FROM leads l JOIN contacts c ON c.id = l.contact_id LEFT JOIN companies co ON co.id = l.company_id WHERE l.id = $1",
            params![id],
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut parts = Vec::new();
    for col in ["name", "email", "phone", "company", "reg", "subject", "message", "postal_code", "product", "source"] {
        if let Some(v) = row.opt_str(col)? {
            parts.push(v);
        }
    }
    c.exec("UPDATE leads SET search = $1 WHERE id = $2", params![search::fold(&parts.join(" ")), id]).await?;
    Ok(())
}
