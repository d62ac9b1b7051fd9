//! The playbooks the store runs leads on: every version ever loaded, by `(name, version)`,
//! and which version of each name new leads start on. Filled from the `playbooks` table at
//! open and whenever a new version is loaded; read by commands inside the writer.

use pronto_playbook::{Messages, Playbook};
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

#[derive(Default)]
struct Inner {
    versions: BTreeMap<(String, i64), Arc<Playbook>>,
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
        inner.versions.insert((name.clone(), version), Arc::new(pb));
        let cur = inner.current.entry(name).or_insert(version);
        *cur = (*cur).max(version);
    }
}
