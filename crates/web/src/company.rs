//! The company's default language and region as the running server uses them: the
//! configuration (`PRONTO_LANGUAGE`, `PRONTO_DEFAULT_REGION` or the config file) wins where it
//! sets them; otherwise the company's profile (`/admin/company`) decides, from the moment it
//! is saved (no restart).

use crate::AppState;
use pronto_domain::values::Region;
use std::sync::RwLock;

/// The stored language and region, kept current by the use case that saves them.
#[derive(Default)]
pub struct Live {
    region: RwLock<Option<Region>>,
    language: RwLock<Option<String>>,
}

impl AppState {
    /// The region phone numbers without a country prefix are read in.
    pub fn region(&self) -> Region {
        if self.config.region_pinned {
            return self.config.region;
        }
        self.company.region.read().ok().and_then(|r| *r).unwrap_or(self.config.region)
    }

    /// The team's language as stored in the company's profile (none when the configuration pins it).
    pub fn company_language(&self) -> Option<String> {
        if self.config.language_pinned {
            return None;
        }
        self.company.language.read().ok().and_then(|l| l.clone())
    }

    /// Reads the profile and puts its language and region in force where the configuration
    /// sets none (at start, and after every save).
    pub async fn load_company(&self) {
        match self.store.company_profile().await {
            Ok(p) => self.apply_company(&p),
            Err(e) => tracing::warn!(error = %e, "the company's profile could not be read"),
        }
    }

    pub(crate) fn apply_company(&self, p: &pronto_store::company::CompanyProfile) {
        if let Ok(mut r) = self.company.region.write() {
            *r = p.region.as_deref().and_then(|r| Region::parse(r).ok());
        }
        if let Ok(mut l) = self.company.language.write() {
            *l = p.language.clone();
        }
        if !self.config.language_pinned {
            let reg = self.store.playbooks();
            let m = reg.messages();
            let lang = p.language.as_deref().unwrap_or("en");
            if m.default_language != lang {
                reg.configure_messages(lang, m.public_url.clone());
            }
        }
    }
}
