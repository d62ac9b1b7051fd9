//! The store's error, and the one conversion from a database error to it.

use crate::engine::DbError;
use pronto_domain::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("invalid: {0}")]
    Invalid(FieldErrors),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Internal(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How a command's error says that its transaction and another writer's (another node's)
/// waited on each other; the writer then commits what its batch did so far and retries.
const LOCK_CYCLE: &str = "waited on another writer that waited on this one";

/// The one conversion from a database error: a unique-key violation is a `Conflict` (another
/// writer got there first; the writer retries the command), a lock cycle is marked for the
/// writer (see [`is_lock_cycle`]), a missing row is `NotFound`, an unreachable database
/// `Unavailable`, anything else `Internal`.
impl From<DbError> for StoreError {
    fn from(e: DbError) -> Self {
        if e.is_unique_violation() {
            StoreError::Conflict(format!("a concurrent write got there first: {e}"))
        } else if e.is_lock_cycle() {
            StoreError::Unavailable(format!("{LOCK_CYCLE}: {e}"))
        } else if matches!(e, DbError::Pg(sqlx::Error::RowNotFound)) {
            StoreError::NotFound
        } else if e.is_unavailable() {
            StoreError::Unavailable(e.to_string())
        } else {
            StoreError::Internal(e.to_string())
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        DbError::from(e).into()
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        DbError::from(e).into()
    }
}

/// Whether the error is a lock cycle with another writer (see [`LOCK_CYCLE`]).
pub(crate) fn is_lock_cycle(e: &StoreError) -> bool {
    matches!(e, StoreError::Unavailable(m) if m.starts_with(LOCK_CYCLE))
}
