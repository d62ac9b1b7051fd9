//! The supplier's purchase (issue 21, item 4): per deal and supplier, the lines bought (copied
//! from the accepted offer with the supplier's article numbers from the catalogue), the
//! supplier's invoice (its number, amount and file — the file sealed with the installation's
//! key like the customer's documents), a manager's recorded override, and the supplier paid.
//! Each step is one transaction: the row, its `purchase.*` event, the audit row where one is
//! due and the playbook's `purchase.*` trigger. [`waiting_for`] is the gate the customer's
//! invoice (`invoices.rs`) waits at.

use crate::engine::{Conn, Row};
use crate::process;
use crate::records::AuditEntry;
use crate::tx::{Command, Pending};
use crate::{StoreError, from_micros, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::FieldErrors;
use pronto_domain::event::DomainEvent;
use pronto_domain::purchase::{self, GateItem, SourceLine};
use pronto_playbook::Trigger;
use pronto_playbook::model::TriggerKind;

type R<T> = crate::Result<T>;

/// One line bought from the supplier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseLineRecord {
    pub position: i64,
    pub sku: Option<String>,
    /// The supplier's own article number (from the catalogue).
    pub supplier_sku: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub quantity: String,
}

/// The supplier's invoice attached to a purchase (the file's bytes stay sealed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierInvoiceRecord {
    pub number: String,
    pub amount: String,
    pub currency: String,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub received_at: Timestamp,
}

/// A manager's decision to issue the customer's invoice without the supplier's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseOverride {
    pub by: i64,
    pub reason: String,
    pub at: Timestamp,
}

/// A purchase from one supplier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseRecord {
    pub id: i64,
    pub lead_id: i64,
    pub offer_id: Option<i64>,
    pub supplier: String,
    /// `requested`, `invoice_received`, `paid`.
    pub status: String,
    pub invoice: Option<SupplierInvoiceRecord>,
    pub override_: Option<PurchaseOverride>,
    pub requested_at: Timestamp,
    pub paid_at: Option<Timestamp>,
    pub created_by: Option<i64>,
    pub lines: Vec<PurchaseLineRecord>,
}

impl PurchaseRecord {
    /// The customer's invoice waits for this purchase.
    pub fn blocks_invoice(&self) -> bool {
        !purchase::waiting_for(&[self.gate()]).is_empty()
    }
    fn gate(&self) -> GateItem {
        GateItem { supplier: self.supplier.clone(), status: self.status.clone(), overridden: self.override_.is_some() }
    }
}

/// A line as given by the caller (validated at the edge).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseLineInput {
    pub sku: Option<String>,
    pub supplier_sku: Option<String>,
    pub name: String,
    pub quantity: String,
}

/// A file already checked and sealed by the caller (`SqlStore` seals it off the writer).
#[derive(Debug, Clone)]
pub(crate) struct SealedInvoiceFile {
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    /// `nonce ‖ ciphertext`, base64.
    pub sealed: String,
}

fn conflict(m: &str) -> StoreError {
    StoreError::Conflict(m.to_owned())
}

fn invalid(field: &str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid(FieldErrors::single(field, message))
}

/// Requests the supplier's invoice: the purchases the lead's accepted offer makes (one per
/// supplier, or one from `supplier`), from `lines` when given.
pub(crate) struct RequestPurchase {
    pub lead_id: i64,
    pub offer_id: i64,
    pub supplier: Option<String>,
    pub lines: Option<Vec<PurchaseLineInput>>,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for RequestPurchase {
    type Output = Vec<PurchaseRecord>;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<Vec<PurchaseRecord>> {
        request(c, pending, self, now).await
    }
}

async fn request(c: &mut dyn Conn, pending: &mut Pending, cmd: &RequestPurchase, now: Timestamp) -> R<Vec<PurchaseRecord>> {
    if c.row("SELECT id FROM leads WHERE id = $1", params![cmd.lead_id]).await?.is_none() {
        return Err(StoreError::NotFound);
    }
    let offer = c
        .row("SELECT id, lead_id, status FROM offers WHERE id = $1", params![cmd.offer_id])
        .await?
        .filter(|o| o.i64("lead_id").ok() == Some(cmd.lead_id))
        .ok_or_else(|| invalid("offer_id", format!("{} is not an offer of this lead", cmd.offer_id)))?;
    let status = offer.str("status")?;
    if status != "accepted" {
        return Err(StoreError::Conflict(format!(
            "the offer is {status}: only an offer the customer accepted is bought from the supplier"
        )));
    }
    let source: Vec<SourceLine> = match &cmd.lines {
        Some(given) => given
            .iter()
            .map(|l| SourceLine {
                sku: l.sku.clone(),
                supplier_sku: l.supplier_sku.clone(),
                name: l.name.clone(),
                unit: None,
                quantity: l.quantity.clone(),
                supplier: None,
            })
            .collect(),
        None => c
            .rows(
                "SELECT i.sku, i.name, i.unit, i.quantity, p.supplier, p.supplier_sku FROM offer_items i
                 LEFT JOIN products p ON p.sku = i.sku WHERE i.offer_id = $1 ORDER BY i.position",
                params![cmd.offer_id],
            )
            .await?
            .iter()
            .map(|r| {
                Ok(SourceLine {
                    sku: r.opt_str("sku")?,
                    supplier_sku: r.opt_str("supplier_sku")?,
                    name: r.str("name")?,
                    unit: r.opt_str("unit")?,
                    quantity: r.str("quantity")?,
                    supplier: r.opt_str("supplier")?,
                })
            })
            .collect::<R<_>>()?,
    };
    if cmd.lines.is_some() && cmd.supplier.is_none() {
        return Err(invalid("supplier", "is required with `lines`: say whom the lines are bought from"));
    }
    let groups = purchase::group_by_supplier(&source, cmd.supplier.as_deref()).map_err(StoreError::Invalid)?;
    for (supplier, _) in &groups {
        if c.row("SELECT id FROM purchases WHERE offer_id = $1 AND supplier = $2", params![cmd.offer_id, supplier.as_str()])
            .await?
            .is_some()
        {
            return Err(StoreError::Conflict(format!("the supplier's invoice from {supplier} is requested for this offer already")));
        }
    }
    let t = micros(now);
    let (_, mut ctx) = process::lead_state(c, pending, cmd.lead_id).await?;
    ctx.actor = cmd.actor;
    let mut ids = Vec::new();
    for (supplier, lines) in &groups {
        let id = c
            .insert_id(
                "INSERT INTO purchases (lead_id, offer_id, supplier, status, requested_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)",
                params![cmd.lead_id, cmd.offer_id, supplier.as_str(), purchase::REQUESTED, t, cmd.actor],
            )
            .await?;
        for (i, l) in lines.iter().enumerate() {
            c.exec(
                "INSERT INTO purchase_lines (purchase_id, position, sku, supplier_sku, name, unit, quantity) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                params![id, i as i64 + 1, l.sku.clone(), l.supplier_sku.clone(), l.name.as_str(), l.unit.clone(), l.quantity.as_str()],
            )
            .await?;
        }
        let e = DomainEvent::PurchaseRequested {
            purchase_id: id,
            offer_id: Some(cmd.offer_id),
            supplier: supplier.clone(),
            lines: lines.len() as i64,
        };
        process::push_event(pending, &ctx, e, now);
        ids.push((id, supplier.clone()));
    }
    c.exec("UPDATE leads SET updated_at = $1 WHERE id = $2", params![t, cmd.lead_id]).await?;
    for (id, supplier) in &ids {
        let (state, _) = process::lead_state(c, pending, cmd.lead_id).await?;
        let trigger =
            Trigger::Purchase { kind: TriggerKind::PurchaseRequested, purchase_id: *id, supplier: supplier.clone(), by: cmd.actor };
        process::run(c, pending, &state, &ctx, trigger, &format!("p{id}"), now).await?;
    }
    let mut out = Vec::new();
    for (id, _) in ids {
        out.push(purchase_by_id(c, id).await?);
    }
    Ok(out)
}

/// Attaches the supplier's invoice (number, amount, the sealed file) to a purchase; an invoice
/// attached before is replaced until the supplier is paid.
pub(crate) struct AttachSupplierInvoice {
    pub purchase_id: i64,
    pub invoice: purchase::SupplierInvoice,
    pub file: SealedInvoiceFile,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for AttachSupplierInvoice {
    type Output = PurchaseRecord;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<PurchaseRecord> {
        let p = purchase_by_id(c, self.purchase_id).await?;
        if let Some(why) = purchase::refusal(&p.status, p.override_.is_some(), "attach") {
            return Err(conflict(why));
        }
        let t = micros(now);
        let (i, f) = (&self.invoice, &self.file);
        c.exec(
            "UPDATE purchases SET status = $1, invoice_number = $2, invoice_amount = $3, invoice_currency = $4, file_name = $5,
                file_type = $6, file_size = $7, file_sha256 = $8, file_sealed = $9, received_at = $10 WHERE id = $11",
            params![
                purchase::INVOICE_RECEIVED,
                i.number.as_str(),
                i.amount.as_str(),
                i.currency.as_str(),
                f.filename.as_str(),
                f.content_type.as_str(),
                f.size,
                f.sha256.as_str(),
                f.sealed.as_str(),
                t,
                self.purchase_id
            ],
        )
        .await?;
        c.exec("UPDATE leads SET updated_at = $1 WHERE id = $2", params![t, p.lead_id]).await?;
        let (state, mut ctx) = process::lead_state(c, pending, p.lead_id).await?;
        ctx.actor = self.actor;
        let e = DomainEvent::PurchaseInvoiceReceived {
            purchase_id: p.id,
            supplier: p.supplier.clone(),
            number: i.number.clone(),
            amount: i.amount.clone(),
            currency: i.currency.clone(),
            filename: f.filename.clone(),
        };
        process::push_event(pending, &ctx, e, now);
        let trigger = Trigger::Purchase {
            kind: TriggerKind::PurchaseInvoiceReceived,
            purchase_id: p.id,
            supplier: p.supplier.clone(),
            by: self.actor,
        };
        process::run(c, pending, &state, &ctx, trigger, &format!("p{}r{t}", p.id), now).await?;
        purchase_by_id(c, p.id).await
    }
}

/// A manager lets the customer's invoice go without this purchase's supplier invoice: who, why
/// and when on the purchase, the `purchase.overridden` event and the audit row, together.
pub(crate) struct OverridePurchase {
    pub purchase_id: i64,
    pub reason: String,
    pub actor: i64,
    pub audit: AuditEntry,
}

#[async_trait]
impl Command for OverridePurchase {
    type Output = PurchaseRecord;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<PurchaseRecord> {
        let p = purchase_by_id(c, self.purchase_id).await?;
        if let Some(why) = purchase::refusal(&p.status, p.override_.is_some(), "override") {
            return Err(conflict(why));
        }
        let t = micros(now);
        c.exec(
            "UPDATE purchases SET override_by = $1, override_reason = $2, override_at = $3 WHERE id = $4",
            params![self.actor, self.reason.as_str(), t, self.purchase_id],
        )
        .await?;
        crate::audit::append(c, &self.audit, now).await?;
        let (_, mut ctx) = process::lead_state(c, pending, p.lead_id).await?;
        ctx.actor = Some(self.actor);
        let e = DomainEvent::PurchaseOverridden { purchase_id: p.id, supplier: p.supplier.clone(), reason: self.reason.clone() };
        process::push_event(pending, &ctx, e, now);
        c.exec("UPDATE leads SET updated_at = $1 WHERE id = $2", params![t, p.lead_id]).await?;
        purchase_by_id(c, p.id).await
    }
}

/// Management paid the supplier's invoice.
pub(crate) struct SupplierPaid {
    pub purchase_id: i64,
    pub actor: Option<i64>,
}

#[async_trait]
impl Command for SupplierPaid {
    type Output = PurchaseRecord;
    async fn apply(&self, c: &mut dyn Conn, pending: &mut Pending, now: Timestamp) -> R<PurchaseRecord> {
        let p = purchase_by_id(c, self.purchase_id).await?;
        if let Some(why) = purchase::refusal(&p.status, p.override_.is_some(), "paid") {
            return Err(conflict(why));
        }
        let t = micros(now);
        c.exec("UPDATE purchases SET status = $1, paid_at = $2 WHERE id = $3", params![purchase::PAID, t, self.purchase_id]).await?;
        c.exec("UPDATE leads SET updated_at = $1 WHERE id = $2", params![t, p.lead_id]).await?;
        let (state, mut ctx) = process::lead_state(c, pending, p.lead_id).await?;
        ctx.actor = self.actor;
        process::push_event(pending, &ctx, DomainEvent::PurchasePaid { purchase_id: p.id, supplier: p.supplier.clone() }, now);
        let trigger =
            Trigger::Purchase { kind: TriggerKind::PurchasePaid, purchase_id: p.id, supplier: p.supplier.clone(), by: self.actor };
        process::run(c, pending, &state, &ctx, trigger, &format!("p{}paid", p.id), now).await?;
        purchase_by_id(c, p.id).await
    }
}

const SELECT: &str = "SELECT id, lead_id, offer_id, supplier, status, invoice_number, invoice_amount, invoice_currency, file_name,
    file_type, file_size, file_sha256, requested_at, received_at, paid_at, override_by, override_reason, override_at, created_by
    FROM purchases";

fn purchase_of(r: &Row, lines: Vec<PurchaseLineRecord>) -> R<PurchaseRecord> {
    let invoice = match (r.opt_str("invoice_number")?, r.opt_str("file_name")?) {
        (Some(number), Some(filename)) => Some(SupplierInvoiceRecord {
            number,
            amount: r.opt_str("invoice_amount")?.unwrap_or_default(),
            currency: r.opt_str("invoice_currency")?.unwrap_or_default(),
            filename,
            content_type: r.opt_str("file_type")?.unwrap_or_default(),
            size: r.opt_i64("file_size")?.unwrap_or(0),
            sha256: r.opt_str("file_sha256")?.unwrap_or_default(),
            received_at: from_micros(r.opt_i64("received_at")?.unwrap_or(0)),
        }),
        _ => None,
    };
    let override_ = match (r.opt_i64("override_by")?, r.opt_i64("override_at")?) {
        (Some(by), Some(at)) => {
            Some(PurchaseOverride { by, reason: r.opt_str("override_reason")?.unwrap_or_default(), at: from_micros(at) })
        }
        _ => None,
    };
    Ok(PurchaseRecord {
        id: r.i64("id")?,
        lead_id: r.i64("lead_id")?,
        offer_id: r.opt_i64("offer_id")?,
        supplier: r.str("supplier")?,
        status: r.str("status")?,
        invoice,
        override_,
        requested_at: from_micros(r.i64("requested_at")?),
        paid_at: r.opt_i64("paid_at")?.map(from_micros),
        created_by: r.opt_i64("created_by")?,
        lines,
    })
}

fn line_of(r: &Row) -> R<PurchaseLineRecord> {
    Ok(PurchaseLineRecord {
        position: r.i64("position")?,
        sku: r.opt_str("sku")?,
        supplier_sku: r.opt_str("supplier_sku")?,
        name: r.str("name")?,
        unit: r.opt_str("unit")?,
        quantity: r.str("quantity")?,
    })
}

const LINES: &str = "SELECT purchase_id, position, sku, supplier_sku, name, unit, quantity FROM purchase_lines";

/// One purchase with its lines.
pub(crate) async fn purchase_by_id(c: &mut dyn Conn, id: i64) -> R<PurchaseRecord> {
    let r = c.row(&format!("{SELECT} WHERE id = $1"), params![id]).await?.ok_or(StoreError::NotFound)?;
    let lines = c.rows(&format!("{LINES} WHERE purchase_id = $1 ORDER BY position"), params![id]).await?;
    purchase_of(&r, lines.iter().map(line_of).collect::<R<_>>()?)
}

async fn with_lines(c: &mut dyn Conn, rows: Vec<Row>) -> R<Vec<PurchaseRecord>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let id = r.i64("id")?;
        let lines = c.rows(&format!("{LINES} WHERE purchase_id = $1 ORDER BY position"), params![id]).await?;
        out.push(purchase_of(r, lines.iter().map(line_of).collect::<R<_>>()?)?);
    }
    Ok(out)
}

/// A lead's purchases, oldest first; `NotFound` for no such lead.
pub(crate) async fn purchases_of_lead(c: &mut dyn Conn, lead_id: i64) -> R<Vec<PurchaseRecord>> {
    if c.row("SELECT id FROM leads WHERE id = $1", params![lead_id]).await?.is_none() {
        return Err(StoreError::NotFound);
    }
    let rows = c.rows(&format!("{SELECT} WHERE lead_id = $1 ORDER BY id"), params![lead_id]).await?;
    with_lines(c, rows).await
}

/// Every purchase in `status` (all when none), newest first, at most `limit`: management's list
/// of supplier invoices to pay.
pub(crate) async fn purchases_by_status(c: &mut dyn Conn, status: Option<String>, limit: i64) -> R<Vec<PurchaseRecord>> {
    let rows = match status {
        Some(s) => c.rows(&format!("{SELECT} WHERE status = $1 ORDER BY id DESC LIMIT $2"), params![s, limit]).await?,
        None => c.rows(&format!("{SELECT} ORDER BY id DESC LIMIT $1"), params![limit]).await?,
    };
    with_lines(c, rows).await
}

/// The supplier's invoice file of a purchase, sealed (base64); `NotFound` when none is attached.
pub(crate) async fn sealed_file(c: &mut dyn Conn, id: i64) -> R<(PurchaseRecord, String)> {
    let p = purchase_by_id(c, id).await?;
    let sealed = c
        .row("SELECT file_sealed FROM purchases WHERE id = $1", params![id])
        .await?
        .and_then(|r| r.opt_str("file_sealed").ok().flatten())
        .ok_or(StoreError::NotFound)?;
    Ok((p, sealed))
}

/// The suppliers whose invoice the lead's customer invoice still waits for (none: it may be
/// issued; a lead without purchases has no gate).
pub(crate) async fn waiting_for(c: &mut dyn Conn, lead_id: i64) -> R<Vec<String>> {
    let rows = c.rows("SELECT supplier, status, override_at FROM purchases WHERE lead_id = $1 ORDER BY id", params![lead_id]).await?;
    let items = rows
        .iter()
        .map(|r| Ok(GateItem { supplier: r.str("supplier")?, status: r.str("status")?, overridden: r.opt_i64("override_at")?.is_some() }))
        .collect::<R<Vec<_>>>()?;
    Ok(purchase::waiting_for(&items))
}
