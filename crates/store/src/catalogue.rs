//! The catalogue of products and services (migration 20): create, change, read by id or by
//! article number, the list with its search (the article number by prefix, the names by
//! substring, case and diacritics ignored on both engines through the folded columns), and the
//! import of a whole file (an upsert by article number: all rows or none, in one transaction,
//! with its audit row). Every write carries its audit row in the same transaction.

use crate::engine::{Conn, P, Row};
use crate::records::AuditEntry;
use crate::tx::{Command, Pending};
use crate::{StoreError, from_micros, micros, params};
use async_trait::async_trait;
use jiff::Timestamp;
use pronto_domain::catalogue::{LANGUAGES, Product, parse_price, parse_vat_rate};
use pronto_domain::search::{fold, terms};

/// A product as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductRecord {
    pub id: i64,
    pub product: Product,
    /// Offered (an inactive product stays on earlier offers but is not offered anew).
    pub active: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// What the list shows.
#[derive(Debug, Clone, Default)]
pub struct ProductFilter {
    /// Words typed: the article number starts with them, or every word is in a name.
    pub q: Option<String>,
    /// Inactive products too.
    pub all: bool,
    /// At most this many (0: no limit).
    pub limit: i64,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOutcome {
    pub created: i64,
    pub updated: i64,
}

const COLUMNS: &str = "id, sku, names, unit, price, currency, vat_rate, supplier, supplier_sku, active, created_at, updated_at";

fn bad(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Internal(format!("a stored product's {what}: {e}"))
}

fn record(r: &Row) -> crate::Result<ProductRecord> {
    let names: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&r.str("names")?).map_err(|e| bad("names", e))?;
    let mut names: Vec<(String, String)> = names.into_iter().filter_map(|(l, n)| n.as_str().map(|n| (l, n.to_owned()))).collect();
    names.sort_by_key(|(l, _)| LANGUAGES.iter().position(|x| x == l));
    Ok(ProductRecord {
        id: r.i64("id")?,
        product: Product {
            sku: r.str("sku")?,
            names,
            unit: r.str("unit")?,
            price: parse_price(&r.str("price")?).map_err(|(_, e)| bad("price", e))?,
            currency: r.str("currency")?,
            vat_rate: parse_vat_rate(&r.str("vat_rate")?).map_err(|(_, e)| bad("VAT rate", e))?,
            supplier: r.opt_str("supplier")?,
            supplier_sku: r.opt_str("supplier_sku")?,
        },
        active: r.bool("active")?,
        created_at: from_micros(r.i64("created_at")?),
        updated_at: from_micros(r.i64("updated_at")?),
    })
}

fn names_json(p: &Product) -> String {
    let m: serde_json::Map<String, serde_json::Value> =
        p.names.iter().map(|(l, n)| (l.clone(), serde_json::Value::from(n.as_str()))).collect();
    serde_json::Value::Object(m).to_string()
}

/// `term` matched literally inside `LIKE … ESCAPE '\'`, with `%` before (`inside`) and after.
fn like(term: &str, inside: bool) -> String {
    let mut p = String::from(if inside { "%" } else { "" });
    for ch in term.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    p
}

pub(crate) async fn get(c: &mut dyn Conn, id: i64) -> crate::Result<ProductRecord> {
    let row = c.row(&format!("SELECT {COLUMNS} FROM products WHERE id = $1"), params![id]).await?;
    row.as_ref().map(record).transpose()?.ok_or(StoreError::NotFound)
}

pub(crate) async fn by_sku(c: &mut dyn Conn, sku: &str) -> crate::Result<Option<ProductRecord>> {
    let row = c.row(&format!("SELECT {COLUMNS} FROM products WHERE sku = $1"), params![sku.trim()]).await?;
    row.as_ref().map(record).transpose()
}

/// The products `f` selects, by article number.
pub(crate) async fn list(c: &mut dyn Conn, f: &ProductFilter) -> crate::Result<Vec<ProductRecord>> {
    let mut sql = format!("SELECT {COLUMNS} FROM products WHERE 1 = 1");
    let mut ps: Vec<P> = Vec::new();
    if !f.all {
        ps.push(true.into());
        sql.push_str(&format!(" AND active = ${}", ps.len()));
    }
    let q = f.q.as_deref().map(fold).unwrap_or_default();
    if !q.is_empty() {
        ps.push(like(&q, false).into());
        let mut cond = format!("sku_folded LIKE ${} ESCAPE '\\'", ps.len());
        let words = terms(&q);
        let mut names = Vec::new();
        for w in words {
            ps.push(like(&w, true).into());
            names.push(format!("search LIKE ${} ESCAPE '\\'", ps.len()));
        }
        cond = format!("{cond} OR ({})", names.join(" AND "));
        sql.push_str(&format!(" AND ({cond})"));
    }
    sql.push_str(" ORDER BY sku");
    if f.limit > 0 {
        sql.push_str(&format!(" LIMIT {}", f.limit));
    }
    c.rows(&sql, ps).await?.iter().map(record).collect()
}

async fn sku_taken(c: &mut dyn Conn, sku: &str, other_than: Option<i64>) -> crate::Result<()> {
    if let Some(row) = c.row("SELECT id FROM products WHERE sku = $1", params![sku]).await?
        && Some(row.i64("id")?) != other_than
    {
        return Err(StoreError::Conflict(format!("a product with the article number `{sku}` exists already")));
    }
    Ok(())
}

async fn insert(c: &mut dyn Conn, p: &Product, active: bool, now: Timestamp) -> crate::Result<i64> {
    Ok(c.insert_id(
        "INSERT INTO products (sku, sku_folded, names, unit, price, currency, vat_rate, supplier, supplier_sku, search, active, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
        params![
            p.sku.as_str(),
            fold(&p.sku),
            names_json(p),
            p.unit.as_str(),
            p.price.to_string(),
            p.currency.as_str(),
            p.vat_rate.to_string(),
            p.supplier.clone(),
            p.supplier_sku.clone(),
            p.search_text(),
            active,
            micros(now)
        ],
    )
    .await?)
}

async fn update(c: &mut dyn Conn, id: i64, p: &Product, active: Option<bool>, now: Timestamp) -> crate::Result<()> {
    let mut ps = params![
        p.sku.as_str(),
        fold(&p.sku),
        names_json(p),
        p.unit.as_str(),
        p.price.to_string(),
        p.currency.as_str(),
        p.vat_rate.to_string(),
        p.supplier.clone(),
        p.supplier_sku.clone(),
        p.search_text(),
        micros(now),
        id
    ];
    let mut sql = String::from(
        "UPDATE products SET sku = $1, sku_folded = $2, names = $3, unit = $4, price = $5, currency = $6, vat_rate = $7, supplier = $8, \
         supplier_sku = $9, search = $10, updated_at = $11",
    );
    if let Some(a) = active {
        ps.push(a.into());
        sql.push_str(", active = $13");
    }
    sql.push_str(" WHERE id = $12");
    if c.exec(&sql, ps).await? == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Adds a product (`Conflict` when its article number is taken); returns its id.
pub(crate) struct CreateProduct {
    pub product: Product,
    pub active: bool,
    pub audit: AuditEntry,
}

#[async_trait]
impl Command for CreateProduct {
    type Output = i64;
    async fn apply(&self, c: &mut dyn Conn, _pending: &mut Pending, now: Timestamp) -> crate::Result<i64> {
        sku_taken(c, &self.product.sku, None).await?;
        let id = insert(c, &self.product, self.active, now).await?;
        let mut audit = self.audit.clone();
        audit.target = Some(format!("product/{id}"));
        crate::audit::append(c, &audit, now).await?;
        Ok(id)
    }
}

/// Changes a product (`NotFound`; `Conflict` when the new article number is another's);
/// `active` `None` keeps it as it is.
pub(crate) struct UpdateProduct {
    pub id: i64,
    pub product: Product,
    pub active: Option<bool>,
    pub audit: AuditEntry,
}

#[async_trait]
impl Command for UpdateProduct {
    type Output = ();
    async fn apply(&self, c: &mut dyn Conn, _pending: &mut Pending, now: Timestamp) -> crate::Result<()> {
        get(c, self.id).await?;
        sku_taken(c, &self.product.sku, Some(self.id)).await?;
        update(c, self.id, &self.product, self.active, now).await?;
        crate::audit::append(c, &self.audit, now).await?;
        Ok(())
    }
}

/// Takes a whole file: each product added, or changed when its article number exists (its
/// `active` kept). One transaction with its audit row: all or nothing (an article number
/// given twice refuses the whole batch).
pub(crate) struct ImportProducts {
    pub products: Vec<Product>,
    pub audit: AuditEntry,
}

#[async_trait]
impl Command for ImportProducts {
    type Output = ImportOutcome;
    async fn apply(&self, c: &mut dyn Conn, _pending: &mut Pending, now: Timestamp) -> crate::Result<ImportOutcome> {
        let mut out = ImportOutcome::default();
        let mut seen = std::collections::BTreeSet::new();
        for p in &self.products {
            // (The file's check refuses this first; a batch that holds it anyway is refused
            // whole, the rows written before it rolled back.)
            if !seen.insert(p.sku.as_str()) {
                return Err(StoreError::Invalid(pronto_domain::FieldErrors::single("sku", format!("`{}` is given twice", p.sku))));
            }
            match c.row("SELECT id FROM products WHERE sku = $1", params![p.sku.as_str()]).await? {
                Some(row) => {
                    update(c, row.i64("id")?, p, None, now).await?;
                    out.updated += 1;
                }
                None => {
                    insert(c, p, true, now).await?;
                    out.created += 1;
                }
            }
        }
        let mut audit = self.audit.clone();
        if let serde_json::Value::Object(m) = &mut audit.detail {
            m.insert("created".into(), out.created.into());
            m.insert("updated".into(), out.updated.into());
        }
        crate::audit::append(c, &audit, now).await?;
        Ok(out)
    }
}
