//! What `pronto backup` and `pronto restore` need from the database (issue 19).
//!
//! - SQLite: a consistent copy made while Pronto may be writing (`VACUUM INTO` reads one
//!   snapshot of the WAL database and writes a compact file), restored by putting the file in
//!   place and applying the newer migrations.
//! - PostgreSQL: a logical dump made by Pronto itself — every table in dependency order, each
//!   row one JSON object (`row_to_json`), all read in one `REPEATABLE READ` transaction — and
//!   restored into an empty database: the migrations up to the backup's schema version, the
//!   rows in one transaction, the identity sequences moved past the highest id, then the rest
//!   of the migrations.
//!
//! The archive itself (a zip with a manifest and the data directory's files) is the `pronto`
//! crate's business.

use crate::engine::{Conn, Dialect};
use crate::pool::connect;
use crate::{Result, StoreError, migrate};
use sqlx::{Connection, Row as _};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Which engine a database URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Target {
    pub fn of(url: &str) -> Result<Target> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Target::Postgres(url.to_owned()))
        } else if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            Ok(Target::Sqlite(PathBuf::from(path)))
        } else {
            Err(StoreError::Internal(format!("`{}` is neither sqlite://PATH nor postgres://…", crate::redact_url(url))))
        }
    }

    /// `sqlite` or `postgres`, as the archive's manifest records it.
    pub fn engine(&self) -> &'static str {
        match self {
            Target::Sqlite(_) => "sqlite",
            Target::Postgres(_) => "postgres",
        }
    }

    fn dialect(&self) -> Dialect {
        match self {
            Target::Sqlite(_) => Dialect::Sqlite,
            Target::Postgres(_) => Dialect::Postgres,
        }
    }

    /// The newest schema version this Pronto knows for the engine.
    pub fn known_version(&self) -> i64 {
        migrate::list(self.dialect()).last().map(|m| m.version).unwrap_or(0)
    }
}

/// One table of a logical dump: its name and its rows, each a JSON object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRows {
    pub name: String,
    pub rows: Vec<String>,
}

fn blocking_err(e: tokio::task::JoinError) -> StoreError {
    StoreError::Internal(e.to_string())
}

/// A plain connection for reading (the backup never changes the live database).
fn raw(path: &Path) -> Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open(path).map_err(|e| StoreError::Unavailable(format!("cannot open {}: {e}", path.display())))?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    Ok(conn)
}

fn sqlite_version(conn: &rusqlite::Connection) -> Result<i64> {
    let has: i64 =
        conn.query_row("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", [], |r| r.get(0))?;
    if has == 0 {
        return Ok(0);
    }
    Ok(conn.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], |r| r.get(0))?)
}

/// Tables whose rows the migrations themselves write (the company's one profile row, the
/// config versions): an empty
/// database has them, so they do not make a target "not empty", and a restore replaces them.
pub(crate) const SEEDED_BY_MIGRATIONS: &[&str] = &["company_profile", "config_versions"];

/// The tables of a SQLite database that hold rows (beyond `schema_migrations` and what the
/// migrations seed), each with its row count.
fn sqlite_nonempty(conn: &rusqlite::Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
    )?;
    let names: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    // Search indexes (FTS5 virtual tables, migration 19) and their shadow tables hold nothing
    // of their own: they follow the rows they index.
    let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")?;
    let virtual_tables: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let derived = |n: &str| virtual_tables.iter().any(|v| n == v || n.strip_prefix(v.as_str()).is_some_and(|rest| rest.starts_with('_')));
    let mut out = Vec::new();
    for n in names.into_iter().filter(|n| !SEEDED_BY_MIGRATIONS.contains(&n.as_str()) && !derived(n)) {
        let count: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM {}", quote(&n)), [], |r| r.get(0))?;
        if count > 0 {
            out.push((n, count));
        }
    }
    Ok(out)
}

/// A consistent copy of the SQLite database at `db` written to `dest` (which must not exist),
/// made while Pronto may be serving; returns the copy's schema version.
pub async fn sqlite_snapshot(db: &Path, dest: &Path) -> Result<i64> {
    let (db, dest) = (db.to_owned(), dest.to_owned());
    tokio::task::spawn_blocking(move || {
        if !db.exists() {
            return Err(StoreError::Unavailable(format!("there is no database at {}", db.display())));
        }
        let conn = raw(&db)?;
        let dest_s = dest.to_str().ok_or_else(|| StoreError::Internal(format!("{} is not UTF-8", dest.display())))?;
        conn.execute("VACUUM INTO ?1", rusqlite::params![dest_s])?;
        let copy = rusqlite::Connection::open(&dest)?;
        sqlite_version(&copy)
    })
    .await
    .map_err(blocking_err)?
}

/// Puts the SQLite database `from` (a backup's copy) at `db` and applies the newer
/// migrations. Refuses a target that holds rows.
pub async fn sqlite_restore(db: &Path, from: &Path) -> Result<()> {
    let (db, from) = (db.to_owned(), from.to_owned());
    tokio::task::spawn_blocking(move || {
        if db.exists() {
            let conn = raw(&db)?;
            let full = sqlite_nonempty(&conn)?;
            if !full.is_empty() {
                return Err(not_empty(&db.display().to_string(), &full));
            }
            drop(conn);
        }
        if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Unavailable(format!("cannot create {}: {e}", dir.display())))?;
        }
        let tmp = PathBuf::from(format!("{}.restoring", db.display()));
        std::fs::copy(&from, &tmp).map_err(|e| StoreError::Unavailable(format!("cannot write {}: {e}", tmp.display())))?;
        for suffix in ["-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        std::fs::rename(&tmp, &db).map_err(|e| StoreError::Unavailable(format!("cannot write {}: {e}", db.display())))?;
        let mut conn = connect(&db).map_err(|e| StoreError::Unavailable(format!("cannot open {}: {e}", db.display())))?;
        tokio::runtime::Handle::current().block_on(migrate::run(&mut conn, Dialect::Sqlite)).map(|_| ())
    })
    .await
    .map_err(blocking_err)?
}

fn not_empty(what: &str, full: &[(String, i64)]) -> StoreError {
    let list: Vec<String> = full.iter().take(5).map(|(t, n)| format!("{t}: {n}")).collect();
    StoreError::Conflict(format!(
        "the database {what} is not empty ({}{}); restore needs an empty database: give a new one with --database-url, or move this one away",
        list.join(", "),
        if full.len() > 5 { ", …" } else { "" }
    ))
}

/// `"name"`, an SQL identifier quoted for both engines.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The tables in an order in which each comes after the tables it refers to (`refs` holds
/// `(table, referred table)`); a table's references to itself are ignored, and tables caught
/// in a cycle come last, in name order.
pub fn dependency_order(tables: &[String], refs: &[(String, String)]) -> Vec<String> {
    let mut needs: BTreeMap<&str, BTreeSet<&str>> = tables.iter().map(|t| (t.as_str(), BTreeSet::new())).collect();
    for (child, parent) in refs {
        if child != parent && needs.contains_key(parent.as_str()) {
            if let Some(n) = needs.get_mut(child.as_str()) {
                n.insert(parent.as_str());
            }
        }
    }
    let mut done: Vec<String> = Vec::new();
    loop {
        let ready: Vec<&str> = needs.iter().filter(|(_, n)| n.is_empty()).map(|(t, _)| *t).collect();
        if ready.is_empty() {
            break;
        }
        for t in ready {
            needs.remove(t);
            for n in needs.values_mut() {
                n.remove(t);
            }
            done.push(t.to_owned());
        }
    }
    done.extend(needs.keys().map(|t| (*t).to_owned()));
    done
}

async fn pg_connect(url: &str) -> Result<sqlx::PgConnection> {
    Ok(sqlx::PgConnection::connect(url).await?)
}

async fn pg_version(c: &mut sqlx::PgConnection) -> Result<i64> {
    let exists: bool = sqlx::query("SELECT to_regclass('schema_migrations') IS NOT NULL").fetch_one(&mut *c).await?.get(0);
    if !exists {
        return Ok(0);
    }
    Ok(sqlx::query("SELECT COALESCE(MAX(version), 0)::BIGINT FROM schema_migrations").fetch_one(&mut *c).await?.get(0))
}

/// Pronto's tables (not `schema_migrations`) in dependency order.
async fn pg_tables(c: &mut sqlx::PgConnection) -> Result<Vec<String>> {
    let tables: Vec<String> = sqlx::query(
        "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations' ORDER BY tablename",
    )
    .fetch_all(&mut *c)
    .await?
    .iter()
    .map(|r| r.get(0))
    .collect();
    let refs: Vec<(String, String)> = sqlx::query(
        "SELECT ch.relname::text, pa.relname::text FROM pg_constraint k \
         JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid \
         JOIN pg_namespace n ON n.oid = ch.relnamespace \
         WHERE k.contype = 'f' AND n.nspname = current_schema()",
    )
    .fetch_all(&mut *c)
    .await?
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect();
    Ok(dependency_order(&tables, &refs))
}

async fn pg_columns(c: &mut sqlx::PgConnection, table: &str) -> Result<Vec<String>> {
    Ok(sqlx::query(
        "SELECT column_name::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(&mut *c)
    .await?
    .iter()
    .map(|r| r.get(0))
    .collect())
}

/// The PostgreSQL database's schema version and its tables' rows, read in one
/// `REPEATABLE READ` transaction (one consistent moment while Pronto goes on writing);
/// `each` receives the tables one at a time, in dependency order.
pub async fn pg_dump(url: &str, mut each: impl FnMut(TableRows) -> std::io::Result<()>) -> Result<i64> {
    let mut c = pg_connect(url).await?;
    sqlx::query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").execute(&mut c).await?;
    let version = pg_version(&mut c).await?;
    if version == 0 {
        return Err(StoreError::Unavailable("the database has no Pronto tables".into()));
    }
    for table in pg_tables(&mut c).await? {
        let cols = pg_columns(&mut c, &table).await?;
        let order = if cols.iter().any(|c| c == "id") { " ORDER BY t.id" } else { "" };
        let sql = format!("SELECT row_to_json(t)::text FROM {} t{order}", quote(&table));
        let rows: Vec<String> = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&mut c).await?.iter().map(|r| r.get(0)).collect();
        each(TableRows { name: table, rows }).map_err(|e| StoreError::Unavailable(format!("cannot write the backup: {e}")))?;
    }
    sqlx::query("COMMIT").execute(&mut c).await?;
    let _ = c.close().await;
    Ok(version)
}

/// The schema version of the database at `url` (0 when it has no Pronto tables yet).
pub async fn schema_version(url: &str) -> Result<i64> {
    match Target::of(url)? {
        Target::Sqlite(path) => {
            if !path.exists() {
                return Ok(0);
            }
            tokio::task::spawn_blocking(move || sqlite_version(&raw(&path)?)).await.map_err(blocking_err)?
        }
        Target::Postgres(url) => {
            let mut c = pg_connect(&url).await?;
            let v = pg_version(&mut c).await;
            let _ = c.close().await;
            v
        }
    }
}

/// Rows per INSERT when restoring.
const BATCH: usize = 500;

/// Loads a logical dump made at schema `version` into the empty PostgreSQL database at `url`:
/// the migrations up to `version`, every row in one transaction, the identity sequences past
/// the highest id, then the newer migrations. Refuses a database that holds rows or is at a
/// newer schema than the backup.
pub async fn pg_restore(url: &str, version: i64, tables: Vec<TableRows>) -> Result<()> {
    let mut c = pg_connect(url).await?;
    let at = pg_version(&mut c).await?;
    if at > version {
        return Err(StoreError::Conflict(format!(
            "the target database is at schema version {at}, newer than the backup's ({version}); restore into a new, empty database"
        )));
    }
    migrate::run_to(&mut c as &mut dyn Conn, Dialect::Postgres, version).await?;
    let mut full = Vec::new();
    for t in pg_tables(&mut c).await?.into_iter().filter(|t| !SEEDED_BY_MIGRATIONS.contains(&t.as_str())) {
        let n: i64 = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {}", quote(&t)))).fetch_one(&mut c).await?.get(0);
        if n > 0 {
            full.push((t, n));
        }
    }
    if !full.is_empty() {
        return Err(not_empty(&crate::redact_url(url), &full));
    }
    let known: BTreeSet<String> = pg_tables(&mut c).await?.into_iter().collect();
    let mut tx = c.begin().await?;
    for t in &tables {
        if !known.contains(&t.name) {
            return Err(StoreError::Internal(format!("the backup has a table `{}` this schema does not", t.name)));
        }
        if SEEDED_BY_MIGRATIONS.contains(&t.name.as_str()) {
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {}", quote(&t.name)))).execute(&mut *tx).await?;
        }
        let cols = pg_columns(&mut tx, &t.name).await?.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "INSERT INTO {table} ({cols}) OVERRIDING SYSTEM VALUE SELECT {cols} FROM json_populate_recordset(NULL::{table}, $1::json)",
            table = quote(&t.name)
        );
        for chunk in t.rows.chunks(BATCH) {
            let array = format!("[{}]", chunk.join(","));
            sqlx::query(sqlx::AssertSqlSafe(sql.clone())).bind(array).execute(&mut *tx).await?;
        }
    }
    let serial: Vec<(String, String)> = sqlx::query(
        "SELECT table_name::text, column_name::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')",
    )
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect();
    for (table, col) in serial {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX({c}) FROM {t}), 0) + 1, false)",
            c = quote(&col),
            t = quote(&table)
        );
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(quote(&table)).bind(col).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    migrate::run(&mut c as &mut dyn Conn, Dialect::Postgres).await?;
    let _ = c.close().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::dependency_order;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn tables_come_after_the_tables_they_refer_to() {
        let r = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        let cases: Vec<(Vec<String>, Vec<(String, String)>, Vec<String>)> = vec![
            (s(&["a", "b"]), vec![], s(&["a", "b"])),
            (s(&["events", "leads", "users"]), vec![r("events", "leads"), r("leads", "users")], s(&["users", "leads", "events"])),
            // A table referring to itself is still placed.
            (s(&["leads", "users"]), vec![r("leads", "leads"), r("leads", "users")], s(&["users", "leads"])),
            // A reference to a table outside the list is ignored.
            (s(&["files"]), vec![r("files", "elsewhere")], s(&["files"])),
            // A cycle comes last instead of being lost.
            (s(&["a", "b", "c"]), vec![r("a", "b"), r("b", "a")], s(&["c", "a", "b"])),
        ];
        for (tables, refs, want) in cases {
            assert_eq!(dependency_order(&tables, &refs), want, "{tables:?} {refs:?}");
        }
    }
}
