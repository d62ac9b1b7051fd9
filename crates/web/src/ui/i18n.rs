//! The UI's words in the user's language (Fluent, `ui/locales/{lang}.ftl` and `ui/locales/{area}/{lang}.ftl`), chosen from the
//! user's own setting, else the browser's `Accept-Language`, else English; Hebrew is laid out
//! right to left. A word missing in a language falls back to English.

use fluent_bundle::{FluentArgs, FluentResource, concurrent::FluentBundle};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

type Bundle = FluentBundle<FluentResource>;

/// The team's words (`locales/{lang}.ftl`) and the customer's page's (`locales/customer/`).
/// Each area of the UI keeps its words in its own file, `locales/{area}/{lang}.ftl`, so that
/// work on one page never edits another's file.
macro_rules! ftl {
    ($($lang:literal),*) => {
        &[$(($lang, concat!(
            include_str!(concat!("locales/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/customer/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/shell/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/notify/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/words/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/flow/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/lists/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/entry/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/reports/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/settings/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/setup/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/forms/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/playbooks/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/catalogue/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/offers/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/requisites/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/invoices/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/delivery/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/purchases/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/deal/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/canary/", $lang, ".ftl")), "\n",
            include_str!(concat!("locales/simulate/", $lang, ".ftl"))
        ))),*]
    };
}

const FTL: &[(&str, &str)] = ftl!("en", "cs", "ru", "pl", "he");

fn bundles() -> &'static BTreeMap<&'static str, Bundle> {
    static B: OnceLock<BTreeMap<&'static str, Bundle>> = OnceLock::new();
    B.get_or_init(|| {
        FTL.iter()
            .map(|(lang, src)| {
                let id = lang.parse().expect("a shipped language");
                let mut b = Bundle::new_concurrent(vec![id]);
                b.set_use_isolating(false);
                let res = FluentResource::try_new((*src).to_owned()).unwrap_or_else(|(r, _)| r);
                let _ = b.add_resource(res);
                (*lang, b)
            })
            .collect()
    })
}

/// The words of one language, for one page.
#[derive(Clone)]
pub struct Tr {
    pub lang: &'static str,
    bundle: &'static Bundle,
    fallback: &'static Bundle,
}

impl Tr {
    pub fn new(lang: &str) -> Tr {
        let b = bundles();
        let lang = pronto_playbook::messages::language(lang).unwrap_or("en");
        Tr { lang, bundle: &b[lang], fallback: &b["en"] }
    }

    /// `rtl` for Hebrew, else `ltr`.
    pub fn dir(&self) -> &'static str {
        if self.lang == "he" { "rtl" } else { "ltr" }
    }

    /// `s` isolated from the text around it on a right-to-left page (U+2068 … U+2069), so that
    /// a Latin name, an article number or `30,000.00 CZK` keeps its order inside a Hebrew
    /// sentence; as it is elsewhere.
    pub fn iso(&self, s: &str) -> String {
        if self.dir() == "rtl" { format!("\u{2068}{s}\u{2069}") } else { s.to_owned() }
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        for b in [self.bundle, self.fallback] {
            if let Some(p) = b.get_message(key).and_then(|m| m.value()) {
                let mut errors = vec![];
                return b.format_pattern(p, args, &mut errors).into_owned();
            }
        }
        key.to_owned()
    }

    /// A word or sentence.
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// With a number (CLDR plurals: `{ $n -> [one] … [few] … *[other] … }`).
    pub fn n(&self, key: &str, n: i64) -> String {
        let mut a = FluentArgs::new();
        a.set("n", n);
        self.format(key, Some(&a))
    }

    /// With named text values (`{ $name }`).
    pub fn with(&self, key: &str, vars: &[(&str, &str)]) -> String {
        let mut a = FluentArgs::new();
        for (k, v) in vars {
            a.set(*k, (*v).to_owned());
        }
        self.format(key, Some(&a))
    }

    /// With a text value.
    pub fn s(&self, key: &str, v: &str) -> String {
        let mut a = FluentArgs::new();
        a.set("v", v.to_owned());
        self.format(key, Some(&a))
    }
}

/// The language for a request: the user's, else the first supported one the browser asks for.
pub fn pick(user_language: Option<&str>, accept_language: Option<&str>) -> Arc<Tr> {
    if let Some(l) = user_language.and_then(pronto_playbook::messages::language) {
        return Arc::new(Tr::new(l));
    }
    let mut asked: Vec<(f32, &str)> = accept_language
        .unwrap_or("")
        .split(',')
        .filter_map(|part| {
            let mut it = part.trim().split(';');
            let tag = it.next()?.trim();
            let q = it.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse().ok()).unwrap_or(1.0);
            Some((q, tag))
        })
        .collect();
    asked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let lang = asked.iter().find_map(|(_, tag)| pronto_playbook::messages::language(tag)).unwrap_or("en");
    Arc::new(Tr::new(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_english_word() {
        let en = &bundles()["en"];
        let keys: Vec<String> = FluentResource::try_new(FTL[0].1.to_owned())
            .unwrap()
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect();
        assert!(keys.len() > 30);
        for (lang, _) in FTL {
            for k in &keys {
                assert!(bundles()[lang].has_message(k), "{lang} lacks {k}");
            }
        }
        assert!(en.has_message("inbox"));
    }

    #[test]
    fn the_browser_decides_when_the_user_did_not() {
        assert_eq!(pick(None, Some("he-IL,he;q=0.9,en;q=0.5")).lang, "he");
        assert_eq!(pick(None, Some("de-DE, pl;q=0.8")).lang, "pl");
        assert_eq!(pick(Some("cs"), Some("he")).lang, "cs");
        assert_eq!(pick(None, None).lang, "en");
        assert_eq!(Tr::new("he").dir(), "rtl");
        // CLDR plurals: Czech has `few`.
        let cs = Tr::new("cs");
        assert_ne!(cs.n("overdue-count", 2), cs.n("overdue-count", 5));
    }
}
