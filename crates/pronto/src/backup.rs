//! `pronto backup FILE` and `pronto restore FILE` (issue 19): one zip archive holding
//!
//! - `manifest.json`: the format, the engine, the schema version, Pronto's version, when, and
//!   how many rows each table had;
//! - SQLite: `database.sqlite`, a consistent copy made while `pronto serve` may be running;
//!   PostgreSQL: `tables/NNNN-TABLE.jsonl`, one JSON object per row, tables in dependency
//!   order, read in one `REPEATABLE READ` transaction;
//! - `files/…`: the data directory's stored files (mail attachments), byte for byte.
//!
//! The installation's key (`site_keys`) is a row like any other, so customers' links keep
//! working after a restore. A restore refuses a backup of a newer schema, of the other
//! engine, or a target database that holds rows.

use crate::config::Config;
use crate::serve::AnyError;
use pronto_store::backup::{self, TableRows, Target};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub const FORMAT: &str = "pronto-backup";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    pub engine: String,
    pub schema_version: i64,
    pub pronto_version: String,
    pub created_at: String,
    /// Rows per table (PostgreSQL: in the order they are restored).
    #[serde(default)]
    pub tables: Vec<(String, usize)>,
    pub files: usize,
}

/// Why a backup cannot be restored here, or `None` when it can (a pure decision, tested
/// below): another format, a newer schema, the other engine.
pub fn refusal(m: &Manifest, target_engine: &str, known_version: i64) -> Option<String> {
    if m.format != FORMAT {
        return Some("this file is not a Pronto backup".into());
    }
    if m.format_version > FORMAT_VERSION {
        return Some(format!(
            "the backup's format ({}) is newer than this pronto reads ({FORMAT_VERSION}); restore it with pronto {} or newer",
            m.format_version, m.pronto_version
        ));
    }
    if m.schema_version > known_version {
        return Some(format!(
            "the backup is of schema version {}, newer than this pronto knows ({known_version}); restore it with pronto {} or newer",
            m.schema_version, m.pronto_version
        ));
    }
    if m.engine != target_engine {
        return Some(format!(
            "the backup is of a {} database and the target is {target_engine}; a backup is restored into the same engine",
            m.engine
        ));
    }
    None
}

fn options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true)
}

/// Whether a file of the data directory belongs in the backup: not the database itself (it is
/// copied consistently on its own), its journals, the archive being written, or a half-done
/// restore.
pub fn is_stored_file(rel: &Path, db: Option<&Path>, archive: &Path) -> bool {
    let name = rel.to_string_lossy();
    if name.ends_with(".restoring") || name.ends_with(".part") {
        return false;
    }
    if let Some(db) = db {
        let db = db.to_string_lossy();
        for suffix in ["", "-wal", "-shm", "-journal"] {
            if name == format!("{db}{suffix}") {
                return false;
            }
        }
    }
    rel != archive
}

/// Every regular file under `dir`, as paths relative to it, sorted.
fn walk(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut todo = vec![PathBuf::new()];
    while let Some(rel) = todo.pop() {
        let entries = match std::fs::read_dir(dir.join(&rel)) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for e in entries {
            let e = e?;
            let t = e.file_type()?;
            let r = rel.join(e.file_name());
            if t.is_dir() {
                todo.push(r);
            } else if t.is_file() {
                out.push(r);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A path's form relative to `dir` when it is inside it.
fn relative_to(path: &Path, dir: &Path) -> Option<PathBuf> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    abs(path).strip_prefix(abs(dir)).ok().map(Path::to_owned)
}

pub async fn backup(config: &Config, file: &Path, now: jiff::Timestamp) -> Result<(), AnyError> {
    let target = Target::of(&config.database_url)?;
    if file.exists() {
        return Err(format!("{} exists already; choose a new file name", file.display()).into());
    }
    let part = PathBuf::from(format!("{}.part", file.display()));
    let out = std::fs::File::create(&part).map_err(|e| format!("cannot write {}: {e}", part.display()))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(out));
    let result = async {
        let mut tables = Vec::new();
        let schema_version = match &target {
            Target::Sqlite(db) => {
                let dir = tempfile::tempdir()?;
                let copy = dir.path().join("copy.sqlite");
                let v = backup::sqlite_snapshot(db, &copy).await?;
                zip.start_file("database.sqlite", options())?;
                std::io::copy(&mut std::fs::File::open(&copy)?, &mut zip)?;
                v
            }
            Target::Postgres(url) => {
                let mut n = 0;
                backup::pg_dump(url, |t: TableRows| {
                    n += 1;
                    zip.start_file(format!("tables/{n:04}-{}.jsonl", t.name), options()).map_err(std::io::Error::other)?;
                    for row in &t.rows {
                        zip.write_all(row.as_bytes())?;
                        zip.write_all(b"\n")?;
                    }
                    tables.push((t.name, t.rows.len()));
                    Ok(())
                })
                .await?
            }
        };
        let db_rel = match &target {
            Target::Sqlite(db) => relative_to(db, &config.data_dir),
            Target::Postgres(_) => None,
        };
        let archive_rel = relative_to(&part, &config.data_dir).unwrap_or_default();
        let mut files = 0;
        for rel in walk(&config.data_dir)? {
            if !is_stored_file(&rel, db_rel.as_deref(), &archive_rel) || relative_to(file, &config.data_dir).as_deref() == Some(&rel) {
                continue;
            }
            let name = format!("files/{}", rel.to_string_lossy().replace('\\', "/"));
            zip.start_file(name, options())?;
            std::io::copy(&mut std::fs::File::open(config.data_dir.join(&rel))?, &mut zip)?;
            files += 1;
        }
        let manifest = Manifest {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            engine: target.engine().into(),
            schema_version,
            pronto_version: env!("CARGO_PKG_VERSION").into(),
            created_at: now.to_string(),
            tables,
            files,
        };
        zip.start_file("manifest.json", options())?;
        zip.write_all(serde_json::to_string_pretty(&manifest)?.as_bytes())?;
        zip.finish()?.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        Ok::<_, AnyError>(manifest)
    }
    .await;
    let manifest = match result {
        Ok(m) => m,
        Err(e) => {
            let _ = std::fs::remove_file(&part);
            return Err(e);
        }
    };
    std::fs::rename(&part, file)?;
    let rows: usize = manifest.tables.iter().map(|(_, n)| n).sum();
    match target {
        Target::Sqlite(_) => println!(
            "backed up the SQLite database (schema version {}) and {} stored file(s) to {}",
            manifest.schema_version,
            manifest.files,
            file.display()
        ),
        Target::Postgres(_) => println!(
            "backed up {} table(s), {rows} row(s) of the PostgreSQL database (schema version {}) and {} stored file(s) to {}",
            manifest.tables.len(),
            manifest.schema_version,
            manifest.files,
            file.display()
        ),
    }
    Ok(())
}

/// A store error's message without its kind (a refusal reads as a sentence).
fn plain(e: pronto_store::StoreError) -> AnyError {
    match e {
        pronto_store::StoreError::Conflict(m) => m.into(),
        other => other.into(),
    }
}

fn read_entry(zip: &mut zip::ZipArchive<std::fs::File>, name: &str) -> Result<Vec<u8>, AnyError> {
    let mut e = zip.by_name(name).map_err(|_| format!("the backup has no {name}; it is damaged or not a Pronto backup"))?;
    let mut buf = Vec::new();
    e.read_to_end(&mut buf)?;
    Ok(buf)
}

pub async fn restore(config: &Config, file: &Path) -> Result<(), AnyError> {
    let target = Target::of(&config.database_url)?;
    let f = std::fs::File::open(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let mut zip = zip::ZipArchive::new(f).map_err(|_| format!("{} is not a Pronto backup (not a zip archive)", file.display()))?;
    let manifest: Manifest =
        serde_json::from_slice(&read_entry(&mut zip, "manifest.json")?).map_err(|e| format!("the backup's manifest is unreadable: {e}"))?;
    if let Some(why) = refusal(&manifest, target.engine(), target.known_version()) {
        return Err(why.into());
    }
    match &target {
        Target::Sqlite(db) => {
            let dir = tempfile::tempdir()?;
            let copy = dir.path().join("restore.sqlite");
            {
                let mut e = zip.by_name("database.sqlite").map_err(|_| "the backup has no database.sqlite; it is damaged")?;
                std::io::copy(&mut e, &mut std::fs::File::create(&copy)?)?;
            }
            backup::sqlite_restore(db, &copy).await.map_err(plain)?;
        }
        Target::Postgres(url) => {
            let mut names: Vec<String> = zip
                .file_names()
                .filter_map(|n| n.ok().map(|n| n.into_owned()))
                .filter(|n| n.starts_with("tables/") && n.ends_with(".jsonl"))
                .collect();
            names.sort();
            let mut tables = Vec::new();
            for name in names {
                let table = name
                    .trim_start_matches("tables/")
                    .trim_end_matches(".jsonl")
                    .split_once('-')
                    .map(|(_, t)| t.to_owned())
                    .unwrap_or_default();
                let text = String::from_utf8(read_entry(&mut zip, &name)?)?;
                tables.push(TableRows { name: table, rows: text.lines().filter(|l| !l.is_empty()).map(str::to_owned).collect() });
            }
            backup::pg_restore(url, manifest.schema_version, tables).await.map_err(plain)?;
        }
    }
    let mut files = 0;
    for i in 0..zip.len() {
        let mut e = zip.by_index(i)?;
        let Some(rel) = e.enclosed_name().and_then(|p| p.strip_prefix("files").ok().map(Path::to_owned)) else { continue };
        if e.is_dir() || rel.as_os_str().is_empty() {
            continue;
        }
        let dest = config.data_dir.join(&rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::io::copy(&mut e, &mut std::fs::File::create(&dest)?)?;
        files += 1;
    }
    let rows: usize = manifest.tables.iter().map(|(_, n)| n).sum();
    let what = match target {
        Target::Sqlite(_) => "the SQLite database".to_owned(),
        Target::Postgres(_) => format!("{} table(s), {rows} row(s)", manifest.tables.len()),
    };
    println!(
        "restored {what} (schema version {}, backed up {}) and {files} stored file(s); the database is now at schema version {}",
        manifest.schema_version,
        manifest.created_at,
        pronto_store::backup::schema_version(&config.database_url).await?
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(engine: &str, schema: i64) -> Manifest {
        Manifest {
            format: FORMAT.into(),
            format_version: 1,
            engine: engine.into(),
            schema_version: schema,
            pronto_version: "9.9.9".into(),
            created_at: "2026-12-03T10:00:00Z".into(),
            tables: vec![],
            files: 0,
        }
    }

    #[test]
    fn a_restore_is_refused_for_a_newer_schema_another_engine_or_another_format() {
        let other = Manifest { format: "zip".into(), ..manifest("sqlite", 3) };
        let newer_format = Manifest { format_version: 2, ..manifest("sqlite", 3) };
        let cases: Vec<(Manifest, &str, i64, Option<&str>)> = vec![
            (manifest("sqlite", 15), "sqlite", 15, None),
            (manifest("sqlite", 12), "sqlite", 15, None),
            (manifest("postgres", 15), "postgres", 15, None),
            (manifest("sqlite", 16), "sqlite", 15, Some("schema version 16, newer than this pronto knows (15)")),
            (manifest("postgres", 15), "sqlite", 15, Some("a postgres database and the target is sqlite")),
            (other, "sqlite", 15, Some("not a Pronto backup")),
            (newer_format, "sqlite", 15, Some("format (2) is newer")),
        ];
        for (m, engine, known, want) in cases {
            let got = refusal(&m, engine, known);
            match want {
                None => assert_eq!(got, None, "{m:?}"),
                Some(w) => assert!(got.as_deref().is_some_and(|g| g.contains(w)), "{m:?}: {got:?}"),
            }
        }
    }

    #[test]
    fn the_database_and_the_archive_are_not_stored_files() {
        let db = Path::new("pronto.db");
        let archive = Path::new("b.zip.part");
        let cases = [
            ("attachments/ab/abcdef", true),
            ("pronto.db", false),
            ("pronto.db-wal", false),
            ("pronto.db-shm", false),
            ("b.zip.part", false),
            ("pronto.db.restoring", false),
            ("notes.txt", true),
        ];
        for (rel, want) in cases {
            assert_eq!(is_stored_file(Path::new(rel), Some(db), archive), want, "{rel}");
        }
    }
}
