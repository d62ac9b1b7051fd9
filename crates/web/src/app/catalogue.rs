//! The catalogue of products and services: everyone signed in reads and searches it; admins
//! and managers (`Action::ManageCatalogue`) add and change products and import a catalogue
//! file. Each change is one store command with its audit row. A file with any bad row is
//! refused whole: [`Error::Invalid`] names every problem as `line N: column`.

use super::{Error, Result, or_not_found};
use crate::AppState;
use crate::audit::kind;
use crate::auth::Caller;
use pronto_domain::catalogue::{self, Problem, Product, ProductDraft};
use pronto_domain::user::Action;
use pronto_store::catalogue::{ImportOutcome, ProductFilter, ProductRecord};

/// How many products a list shows at most.
pub const LIST_LIMIT: i64 = 500;

/// Whether the caller may change the catalogue (the pages offer the forms only then).
pub fn may_manage(c: &Caller) -> bool {
    c.role.may(Action::ManageCatalogue, &pronto_domain::user::On::NOTHING)
}

/// The products whose article number starts with `q` or whose names hold every word of it
/// (case and diacritics ignored); `all`: inactive ones too.
pub async fn list(st: &AppState, _c: &Caller, q: Option<&str>, all: bool) -> Result<Vec<ProductRecord>> {
    let q = q.map(str::trim).filter(|q| !q.is_empty());
    Ok(st.store.products(&ProductFilter { q: q.map(str::to_owned), all, limit: LIST_LIMIT }).await?)
}

pub async fn get(st: &AppState, _c: &Caller, id: i64) -> Result<ProductRecord> {
    st.store.product(id).await.map_err(|e| or_not_found(e, "product"))
}

fn invalid(problems: &[Problem]) -> Error {
    Error::Invalid(catalogue::field_errors(problems))
}

/// A taken article number stays a `Conflict` (the API's `409`, the page's message at the field).
fn conflict_as_sku(e: pronto_store::StoreError) -> Error {
    or_not_found(e, "product")
}

fn detail(p: &Product) -> serde_json::Value {
    serde_json::json!({ "sku": p.sku, "price": p.price.to_string(), "currency": p.currency, "vat_rate": p.vat_rate.to_string() })
}

/// Adds a product; a taken article number is a `Conflict`.
pub async fn create(st: &AppState, c: &Caller, draft: &ProductDraft, active: bool) -> Result<ProductRecord> {
    c.require(Action::ManageCatalogue)?;
    let product = draft.parse().map_err(|p| invalid(&p))?;
    let audit = crate::audit::entry(Some(&c.user), c.ip.clone(), kind::PRODUCT_CREATED, None, detail(&product));
    let id = st.store.create_product(product, active, audit).await.map_err(conflict_as_sku)?;
    get(st, c, id).await
}

/// Changes a product (`active` `None` keeps it as it is).
pub async fn update(st: &AppState, c: &Caller, id: i64, draft: &ProductDraft, active: Option<bool>) -> Result<ProductRecord> {
    c.require(Action::ManageCatalogue)?;
    get(st, c, id).await?;
    let product = draft.parse().map_err(|p| invalid(&p))?;
    let mut d = detail(&product);
    d["active"] = active.into();
    let audit = crate::audit::entry(Some(&c.user), c.ip.clone(), kind::PRODUCT_CHANGED, Some(format!("product/{id}")), d);
    st.store.update_product(id, product, active, audit).await.map_err(conflict_as_sku)?;
    get(st, c, id).await
}

/// Reads a catalogue file without taking it (the page's preview): the products, or every
/// problem with its line.
pub fn check_file(c: &Caller, bytes: &[u8]) -> Result<std::result::Result<Vec<Product>, Vec<Problem>>> {
    c.require(Action::ManageCatalogue)?;
    Ok(catalogue::read_csv(bytes))
}

/// Takes a catalogue file: all rows or none (`Invalid` naming every bad row's line and column).
pub async fn import(st: &AppState, c: &Caller, bytes: &[u8]) -> Result<ImportOutcome> {
    let products = check_file(c, bytes)?.map_err(|p| invalid(&p))?;
    if products.is_empty() {
        return Err(Error::invalid("file", "holds no products: after the header line, one product per line"));
    }
    let audit = crate::audit::entry(
        Some(&c.user),
        c.ip.clone(),
        kind::CATALOGUE_IMPORTED,
        Some("catalogue".into()),
        serde_json::json!({ "rows": products.len() }),
    );
    Ok(st.store.import_products(products, audit).await?)
}

/// The whole catalogue as a file (every product, active or not).
pub async fn export(st: &AppState, _c: &Caller) -> Result<Vec<u8>> {
    let all: Vec<Product> = st.store.export_products().await?.into_iter().map(|r| r.product).collect();
    Ok(catalogue::write_csv(&all))
}
