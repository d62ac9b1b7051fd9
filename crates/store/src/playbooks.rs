//! The playbooks the store runs leads on: every version ever loaded, by `(name, version)`,
//! and which version of each name new leads start on. The `playbooks` table is the truth
//! (several nodes may share it): the registry is this process's copy, filled at open, by
//! [`refresh`] (the versions stored since it last looked), and by [`version_of`] /
//! [`newest`] inside a write transaction that meets a version it does not know.

use crate::engine::Conn;
use crate::{StoreError, params};
use pronto_playbook::{Messages, Playbook};
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

#[derive(Default)]
struct Inner {
    /// What runs: each version as loaded, with the office calendar in place of its own when one is set.
    versions: BTreeMap<(String, i64), Arc<Playbook>>,
    /// Each version as loaded (its own calendar).
    loaded: BTreeMap<(String, i64), Arc<Playbook>>,
    /// The office calendar of the company's profile (`/admin/calendars`), when set.
    office: Option<pronto_domain::calendar::Calendar>,
    current: BTreeMap<String, i64>,
    /// The highest version of each name read from the table, whether it parsed or not (so
    /// that [`refresh`] reads a version that no longer loads once, not every time).
    seen: BTreeMap<String, i64>,
    default: String,
}

#[derive(Default)]
pub struct Playbooks {
    inner: RwLock<Inner>,
    /// The texts in every language with the company's overrides; replaced whole on a change.
    messages: RwLock<Arc<Messages>>,
    /// The installation's keys (the customer's page tokens, sealed files), set once at open.
    site: std::sync::OnceLock<Arc<crate::tracking::SiteKeys>>,
    /// Where a test inquiry's alerts for people go, channel → address (the mystery shopper's
    /// settings; `Store::set_canary_recipients`).
    canary: RwLock<std::collections::BTreeMap<String, String>>,
}

impl Playbooks {
    pub fn new() -> Arc<Playbooks> {
        let p = Playbooks::default();
        p.inner.write().expect("lock").default = pronto_playbook::DEFAULT.to_owned();
        Arc::new(p)
    }

    /// A version leads already run on.
    pub fn get(&self, name: &str, version: i64) -> Option<Arc<Playbook>> {
        self.inner.read().expect("lock").versions.get(&(name.to_owned(), version)).cloned()
    }

    /// The version new leads of `name` start on.
    pub fn current(&self, name: &str) -> Option<(i64, Arc<Playbook>)> {
        let inner = self.inner.read().expect("lock");
        let v = *inner.current.get(name)?;
        inner.versions.get(&(name.to_owned(), v)).map(|p| (v, p.clone()))
    }

    /// The message texts the engine renders with.
    pub fn messages(&self) -> Arc<Messages> {
        self.messages.read().expect("lock").clone()
    }

    /// Rebuilds the texts with `overrides`, keeping the language and link settings.
    pub fn set_overrides(&self, overrides: Vec<pronto_playbook::messages::Override>) {
        let mut m = self.messages.write().expect("lock");
        *m = Arc::new(Messages::new(overrides, m.default_language, m.public_url.clone()));
    }

    /// Sets the team's default language and the public address links to leads start with.
    pub fn configure_messages(&self, default_language: &str, public_url: Option<String>) {
        let mut m = self.messages.write().expect("lock");
        *m = Arc::new(Messages::new(m.overrides().to_vec(), default_language, public_url));
    }

    /// The installation's keys, once the store has opened.
    pub fn site_keys(&self) -> Option<Arc<crate::tracking::SiteKeys>> {
        self.site.get().cloned()
    }

    /// The test recipient of a test inquiry's alerts on `channel` (`sms`, `email`), if set.
    pub fn canary_recipient(&self, channel: &str) -> Option<String> {
        self.canary.read().expect("lock").get(channel).cloned()
    }

    /// Sets the test recipients (`sms` → a phone number, `email` → an address).
    pub fn set_canary_recipients(&self, to: std::collections::BTreeMap<String, String>) {
        *self.canary.write().expect("lock") = to;
    }

    pub(crate) fn set_site_keys(&self, keys: crate::tracking::SiteKeys) {
        let _ = self.site.set(Arc::new(keys));
    }

    pub fn default_name(&self) -> String {
        self.inner.read().expect("lock").default.clone()
    }

    /// Makes `name` the playbook of leads that do not name one; it must be loaded.
    pub fn set_default(&self, name: &str) -> bool {
        let mut inner = self.inner.write().expect("lock");
        if inner.current.contains_key(name) {
            inner.default = name.to_owned();
            true
        } else {
            false
        }
    }

    /// Every name with its current version, sorted by name.
    pub fn list(&self) -> Vec<(String, i64, Arc<Playbook>)> {
        let inner = self.inner.read().expect("lock");
        inner.current.iter().filter_map(|(n, v)| inner.versions.get(&(n.clone(), *v)).map(|p| (n.clone(), *v, p.clone()))).collect()
    }

    pub fn names(&self) -> Vec<String> {
        self.inner.read().expect("lock").current.keys().cloned().collect()
    }

    pub(crate) fn insert(&self, version: i64, pb: Playbook) {
        let mut inner = self.inner.write().expect("lock");
        let name = pb.name.clone();
        let pb = Arc::new(pb);
        let running = with_office(&pb, inner.office.as_ref());
        inner.loaded.insert((name.clone(), version), pb);
        inner.versions.insert((name.clone(), version), running);
        let seen = inner.seen.entry(name.clone()).or_insert(version);
        *seen = (*seen).max(version);
        let cur = inner.current.entry(name).or_insert(version);
        *cur = (*cur).max(version);
    }

    /// The highest version of `name` this process has read (0: none).
    fn seen(&self, name: &str) -> i64 {
        self.inner.read().expect("lock").seen.get(name).copied().unwrap_or(0)
    }

    /// A stored version that does not parse has been read (and reported).
    fn mark_seen(&self, name: &str, version: i64) {
        let mut inner = self.inner.write().expect("lock");
        let seen = inner.seen.entry(name.to_owned()).or_insert(version);
        *seen = (*seen).max(version);
    }

    /// Puts `office` in force as every playbook's calendar (the SLA clock, working-time
    /// conditions and timers), or, with none, each playbook's own calendar again. A user's own
    /// hours still win for what is theirs.
    pub fn set_office_calendar(&self, office: Option<pronto_domain::calendar::Calendar>) {
        let mut inner = self.inner.write().expect("lock");
        let running: BTreeMap<(String, i64), Arc<Playbook>> =
            inner.loaded.iter().map(|(k, pb)| (k.clone(), with_office(pb, office.as_ref()))).collect();
        inner.versions = running;
        inner.office = office;
    }

    /// The office calendar in force, when one is set.
    pub fn office_calendar(&self) -> Option<pronto_domain::calendar::Calendar> {
        self.inner.read().expect("lock").office.clone()
    }

    /// The current version of `name` as loaded, with its own calendar.
    pub fn own_calendar(&self, name: &str) -> Option<pronto_domain::calendar::Calendar> {
        let inner = self.inner.read().expect("lock");
        let v = *inner.current.get(name)?;
        inner.loaded.get(&(name.to_owned(), v)).map(|p| p.calendar.clone())
    }
}

fn with_office(pb: &Arc<Playbook>, office: Option<&pronto_domain::calendar::Calendar>) -> Arc<Playbook> {
    match office {
        Some(c) => Arc::new(Playbook { calendar: c.clone(), ..(**pb).clone() }),
        None => pb.clone(),
    }
}

/// The version `(name, version)` of a lead: from the registry, or read from the `playbooks`
/// table on `c` (inside the caller's transaction) and kept, when this process does not know it
/// yet — another node loaded it. `Internal` only when the row is missing or no longer parses.
pub(crate) async fn version_of(c: &mut dyn Conn, pbs: &Playbooks, name: &str, version: i64) -> crate::Result<Arc<Playbook>> {
    if let Some(pb) = pbs.get(name, version) {
        return Ok(pb);
    }
    let row = c
        .row("SELECT source FROM playbooks WHERE name = $1 AND version = $2", params![name, version])
        .await?
        .ok_or_else(|| StoreError::Internal(format!("the lead runs on playbook {name} version {version}, which is not stored")))?;
    let pb = parse_stored(name, version, &row.str("source")?)?;
    pbs.insert(version, pb);
    tracing::info!(playbook = %name, version, "a playbook version stored by another node is now known");
    pbs.get(name, version).ok_or_else(|| StoreError::Internal(format!("playbook {name} version {version} was not kept")))
}

/// The version new leads of `name` start on: the highest stored (one read of the primary
/// key), loaded as [`version_of`] does when this process does not know it. `None`: no
/// version of `name` is stored.
pub(crate) async fn newest(c: &mut dyn Conn, pbs: &Playbooks, name: &str) -> crate::Result<Option<(i64, Arc<Playbook>)>> {
    let row = c.row("SELECT MAX(version) AS version FROM playbooks WHERE name = $1", params![name]).await?;
    let Some(version) = row.map(|r| r.opt_i64("version")).transpose()?.flatten() else { return Ok(None) };
    Ok(Some((version, version_of(c, pbs, name, version).await?)))
}

/// Reads the versions stored since this process last looked (by any node) into the registry;
/// returns how many it read. One query when nothing changed; running it twice changes nothing.
/// A stored version that no longer parses is reported once and skipped.
pub(crate) async fn refresh(c: &mut dyn Conn, pbs: &Playbooks) -> crate::Result<usize> {
    let mut read = 0;
    for r in c.rows("SELECT name, MAX(version) AS version FROM playbooks GROUP BY name", vec![]).await? {
        let (name, newest) = (r.str("name")?, r.i64("version")?);
        let seen = pbs.seen(&name);
        if newest <= seen {
            continue;
        }
        let rows = c
            .rows("SELECT version, source FROM playbooks WHERE name = $1 AND version > $2 ORDER BY version", params![name.as_str(), seen])
            .await?;
        for v in rows {
            let version = v.i64("version")?;
            read += 1;
            match parse_stored(&name, version, &v.str("source")?) {
                Ok(pb) => pbs.insert(version, pb),
                Err(e) => {
                    tracing::warn!(playbook = %name, version, error = %e, "a stored playbook version no longer loads; skipped");
                    pbs.mark_seen(&name, version);
                }
            }
        }
    }
    Ok(read)
}

fn parse_stored(name: &str, version: i64, source: &str) -> crate::Result<Playbook> {
    let pb = pronto_playbook::parse(source).map_err(|p| {
        let first = p.first().map(|p| p.message.clone()).unwrap_or_default();
        StoreError::Internal(format!("playbook {name} version {version} no longer loads ({} problems; first: {first})", p.len()))
    })?;
    if pb.name != name {
        return Err(StoreError::Internal(format!("the text stored as playbook {name} version {version} is named `{}`", pb.name)));
    }
    Ok(pb)
}
