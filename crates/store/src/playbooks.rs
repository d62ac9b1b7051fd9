//! The playbooks the store runs leads on: every version ever loaded, by `(name, version)`,
//! and which version of each name new leads start on. Filled from the `playbooks` table at
//! open and whenever a new version is loaded; read by commands inside the writer.

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
    default: String,
}

#[derive(Default)]
pub struct Playbooks {
    inner: RwLock<Inner>,
    /// The texts in every language with the company's overrides; replaced whole on a change.
    messages: RwLock<Arc<Messages>>,
    /// The installation's keys (the customer's page tokens, sealed files), set once at open.
    site: std::sync::OnceLock<Arc<crate::tracking::SiteKeys>>,
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
        let cur = inner.current.entry(name).or_insert(version);
        *cur = (*cur).max(version);
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
