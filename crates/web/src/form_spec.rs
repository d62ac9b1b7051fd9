//! A web form built in the admin pages: which fields it asks for (from a fixed list), which of
//! them are required, their labels, the consent text, the thank-you text and the redirect per
//! language. Pure: checking a definition, checking a visitor's submission against it, and the
//! HTML snippet the company pastes into its site. Messages are keys of the `forms` area's
//! words (`forms-err-…`, `forms-pub-…`), so every reader gets them in their language.

use crate::forms::HONEYPOT;
use crate::ui::i18n::Tr;
use pronto_playbook::messages::LANGUAGES;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The fields a form may ask for, in the order the snippet shows them.
pub const FIELDS: &[&str] = &["name", "email", "phone", "company", "message", "product", "postal_code", "customer_type", "consent"];

/// A form's definition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FormSpec {
    /// The process its inquiries start (none: the usual one).
    #[serde(default)]
    pub playbook: Option<String>,
    /// Where its inquiries say they came from (none: `form:KEY`).
    #[serde(default)]
    pub source: Option<String>,
    /// The language the snippet is written in, and the visitor's pages' when nothing else says.
    #[schema(example = "cs")]
    pub language: String,
    /// The fields asked for, in order.
    pub fields: Vec<FieldSpec>,
    /// The text the visitor agrees to with the consent box, per language (`cs`: …).
    #[serde(default)]
    pub consent_text: BTreeMap<String, String>,
    /// The thank-you page's text per language (none: Pronto's).
    #[serde(default)]
    pub thanks: BTreeMap<String, String>,
    /// Where the visitor goes after sending, per language (none: the thank-you page).
    #[serde(default)]
    pub redirect: BTreeMap<String, String>,
}

/// One field of a form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FieldSpec {
    /// One of: name, email, phone, company, message, product, postal_code, customer_type, consent.
    pub name: String,
    #[serde(default)]
    pub required: bool,
    /// The label per language (none: Pronto's word).
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
}

/// A problem with a definition or a submission: the field (as the admin page names its
/// input) and the key of the words that explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub key: &'static str,
}

fn problem(field: impl Into<String>, key: &'static str) -> Problem {
    Problem { field: field.into(), key }
}

fn one_line(s: &str, max: usize) -> bool {
    s.chars().count() <= max && !s.chars().any(char::is_control)
}

/// A form's key is its address (`/forms/KEY`): 1–40 of `a-z`, `0-9`, `-`, `_`, starting with
/// a letter or digit.
pub fn valid_key(key: &str) -> bool {
    let mut c = key.chars();
    c.next().is_some_and(|f| f.is_ascii_lowercase() || f.is_ascii_digit())
        && key.len() <= 40
        && key != "new"
        && key.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-' || ch == '_')
}

/// A redirect is an `http(s)://` address or a path on the company's site, one line.
pub fn valid_redirect(r: &str) -> bool {
    let r = r.trim();
    if !one_line(r, 500) || r.contains(char::is_whitespace) {
        return false;
    }
    match r.split_once("://") {
        Some((scheme, rest)) => (scheme == "https" || scheme == "http") && !rest.is_empty() && !rest.starts_with('/'),
        None => crate::ui::redirect::is_local_path(r),
    }
}

impl FormSpec {
    /// A new form: name, e-mail, phone and message, in `language`.
    pub fn starter(language: &str) -> FormSpec {
        let f = |name: &str| FieldSpec { name: name.into(), required: false, labels: BTreeMap::new() };
        FormSpec { language: language.into(), fields: vec![f("name"), f("email"), f("phone"), f("message")], ..Default::default() }
    }

    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Every problem of the definition (empty: it may be saved). `playbooks`: the names in use.
    pub fn check(&self, key: &str, playbooks: &[String]) -> Vec<Problem> {
        let mut out = Vec::new();
        if !valid_key(key) {
            out.push(problem("key", "forms-err-key"));
        }
        if self.playbook.as_ref().is_some_and(|p| !playbooks.contains(p)) {
            out.push(problem("playbook", "forms-err-playbook"));
        }
        if self.source.as_ref().is_some_and(|s| !one_line(s, 100)) {
            out.push(problem("source", "forms-err-source"));
        }
        if !LANGUAGES.contains(&self.language.as_str()) {
            out.push(problem("language", "forms-err-language"));
        }
        let mut seen = Vec::new();
        for f in &self.fields {
            if !FIELDS.contains(&f.name.as_str()) || seen.contains(&f.name.as_str()) {
                out.push(problem("fields", "forms-err-field"));
                continue;
            }
            seen.push(f.name.as_str());
            for (lang, label) in &f.labels {
                if !LANGUAGES.contains(&lang.as_str()) {
                    out.push(problem("language", "forms-err-language"));
                } else if !one_line(label, 200) {
                    out.push(problem(format!("label_{}_{lang}", f.name), "forms-err-label"));
                }
            }
        }
        if !seen.iter().any(|n| ["name", "email", "phone"].contains(n)) {
            out.push(problem("fields", "forms-err-contact"));
        }
        for (what, map, max) in [("consent", &self.consent_text, 2000), ("thanks", &self.thanks, 2000), ("redirect", &self.redirect, 500)] {
            for (lang, text) in map {
                if !LANGUAGES.contains(&lang.as_str()) {
                    out.push(problem("language", "forms-err-language"));
                } else if text.chars().count() > max {
                    out.push(problem(format!("{what}_{lang}"), "forms-err-long"));
                } else if what == "redirect" && !text.trim().is_empty() && !valid_redirect(text) {
                    out.push(problem(format!("redirect_{lang}"), "forms-err-redirect"));
                }
            }
        }
        if seen.contains(&"consent") && LANGUAGES.contains(&self.language.as_str()) && self.consent_text.get(&self.language).is_none_or(|t| t.trim().is_empty()) {
            out.push(problem(format!("consent_{}", self.language), "forms-err-consent"));
        }
        out
    }

    /// What is shown in `lang` from `map`: its own text, else the form's language's, else none.
    fn in_lang<'a>(&'a self, map: &'a BTreeMap<String, String>, lang: &str) -> Option<&'a str> {
        map.get(lang).or_else(|| map.get(&self.language)).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    /// The label of field `name` in `lang`: the form's own, else Pronto's word.
    pub fn label(&self, name: &str, t: &Tr) -> String {
        self.field(name)
            .and_then(|f| f.labels.get(t.lang))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .unwrap_or_else(|| t.t(&format!("forms-f-{name}")))
    }

    pub fn consent_text(&self, lang: &str) -> Option<&str> {
        self.in_lang(&self.consent_text, lang)
    }

    /// The form's own thank-you text in `lang` (none: Pronto's, in the visitor's language).
    pub fn thanks_text(&self, lang: &str) -> Option<&str> {
        self.thanks.get(lang).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    pub fn redirect_to(&self, lang: &str) -> Option<&str> {
        self.in_lang(&self.redirect, lang)
    }

    /// A visitor's submission checked against the form: every required field filled in and,
    /// when the form asks for consent, the box ticked. Returns the consent text agreed to.
    pub fn check_submission(&self, fields: &[(String, String)], lang: &str) -> Result<Option<String>, Vec<Problem>> {
        let given = |name: &str| fields.iter().any(|(k, v)| k == name && !v.trim().is_empty());
        let mut out = Vec::new();
        for f in &self.fields {
            if f.name == "consent" {
                let ticked = fields.iter().any(|(k, v)| k == "consent" && matches!(v.trim().to_ascii_lowercase().as_str(), "yes" | "on" | "true" | "1"));
                if !ticked {
                    out.push(problem("consent", "forms-pub-consent"));
                }
            } else if f.required && !given(&f.name) {
                out.push(problem(f.name.clone(), "forms-pub-required"));
            }
        }
        if !out.is_empty() {
            return Err(out);
        }
        Ok(self.field("consent").map(|_| self.consent_text(lang).unwrap_or_default().to_owned()))
    }

    /// The HTML the company pastes into its site, in `t`'s language, posting to `action`.
    pub fn snippet(&self, action: &str, t: &Tr) -> String {
        let mut s = format!("<form method=\"post\" action=\"{}\" accept-charset=\"utf-8\">\n", esc(action));
        s.push_str(&format!("  <input type=\"hidden\" name=\"language\" value=\"{}\">\n", esc(t.lang)));
        for f in &self.fields {
            let label = esc(&self.label(&f.name, t));
            let req = if f.required || f.name == "consent" { " required" } else { "" };
            let input = match f.name.as_str() {
                "consent" => {
                    let text = esc(self.consent_text(t.lang).unwrap_or_default());
                    s.push_str(&format!("  <p><label><input type=\"checkbox\" name=\"consent\" value=\"yes\"{req}> {label}</label><br><small>{text}</small></p>\n"));
                    continue;
                }
                "message" => format!("<textarea name=\"message\" rows=\"4\"{req}></textarea>"),
                "customer_type" => format!(
                    "<select name=\"customer_type\"{req}><option value=\"\"></option><option value=\"b2b\">{}</option><option value=\"b2c\">{}</option></select>",
                    esc(&t.t("forms-b2b")),
                    esc(&t.t("forms-b2c"))
                ),
                "email" => format!("<input name=\"email\" type=\"email\" autocomplete=\"email\"{req}>"),
                "phone" => format!("<input name=\"phone\" type=\"tel\" autocomplete=\"tel\"{req}>"),
                "name" => format!("<input name=\"name\" autocomplete=\"name\"{req}>"),
                "company" => format!("<input name=\"company\" autocomplete=\"organization\"{req}>"),
                "postal_code" => format!("<input name=\"postal_code\" autocomplete=\"postal-code\"{req}>"),
                other => format!("<input name=\"{other}\"{req}>"),
            };
            s.push_str(&format!("  <p><label>{label}<br>{input}</label></p>\n"));
        }
        s.push_str(&format!(
            "  <input name=\"{HONEYPOT}\" style=\"display:none\" tabindex=\"-1\" autocomplete=\"off\" aria-hidden=\"true\">\n  <p><button type=\"submit\">{}</button></p>\n</form>",
            esc(&t.t("forms-send"))
        ));
        s
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> FormSpec {
        let mut s = FormSpec::starter("cs");
        s.fields[2].required = true;
        s.fields.push(FieldSpec { name: "consent".into(), required: true, labels: BTreeMap::new() });
        s.consent_text.insert("cs".into(), "Souhlasím se zpracováním osobních údajů.".into());
        s
    }

    #[test]
    fn keys_and_redirects() {
        for (k, ok) in [("contact", true), ("b2b-form_2", true), ("0", true), ("", false), ("-x", false), ("Kontakt", false), ("a/b", false), ("new", false), ("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", false)] {
            assert_eq!(valid_key(k), ok, "{k:?}");
        }
        for (r, ok) in [
            ("https://firma.cz/dekujeme", true),
            ("http://firma.cz", true),
            ("/dekujeme", true),
            ("//evil.example", false),
            ("javascript:alert(1)", false),
            ("ftp://x", false),
            ("https:///x", false),
            ("https://a b", false),
            ("dekujeme", false),
        ] {
            assert_eq!(valid_redirect(r), ok, "{r:?}");
        }
    }

    #[test]
    fn a_definition_is_checked_field_by_field() {
        let pbs = vec!["agency".to_owned()];
        assert_eq!(spec().check("contact", &pbs), vec![]);
        let cases: Vec<(Box<dyn Fn(&mut FormSpec)>, &str, &str)> = vec![
            (Box::new(|s| s.playbook = Some("nope".into())), "playbook", "forms-err-playbook"),
            (Box::new(|s| s.language = "de".into()), "language", "forms-err-language"),
            (Box::new(|s| s.fields.push(FieldSpec { name: "budget".into(), ..Default::default() })), "fields", "forms-err-field"),
            (Box::new(|s| s.fields.retain(|f| !["name", "email", "phone"].contains(&f.name.as_str()))), "fields", "forms-err-contact"),
            (Box::new(|s| { s.consent_text.clear(); }), "consent_cs", "forms-err-consent"),
            (Box::new(|s| { s.redirect.insert("he".into(), "//evil".into()); }), "redirect_he", "forms-err-redirect"),
            (Box::new(|s| { s.fields[0].labels.insert("ru".into(), "a\nb".into()); }), "label_name_ru", "forms-err-label"),
            (Box::new(|s| { s.thanks.insert("pl".into(), "x".repeat(2001)); }), "thanks_pl", "forms-err-long"),
            (Box::new(|s| s.source = Some("a\tb".into())), "source", "forms-err-source"),
        ];
        for (change, field, key) in cases {
            let mut s = spec();
            change(&mut s);
            assert_eq!(s.check("contact", &pbs), vec![problem(field, key)], "{field}");
        }
        assert_eq!(spec().check("Bad Key", &pbs), vec![problem("key", "forms-err-key")]);
    }

    #[test]
    fn a_submission_needs_the_required_fields_and_the_consent() {
        let s = spec();
        let kv = |v: &[(&str, &str)]| v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
        assert_eq!(
            s.check_submission(&kv(&[("name", "Jana"), ("phone", " ")]), "cs"),
            Err(vec![problem("phone", "forms-pub-required"), problem("consent", "forms-pub-consent")])
        );
        assert_eq!(s.check_submission(&kv(&[("phone", "777123456"), ("consent", "no")]), "cs"), Err(vec![problem("consent", "forms-pub-consent")]));
        assert_eq!(
            s.check_submission(&kv(&[("phone", "777123456"), ("consent", "yes")]), "he"),
            Ok(Some("Souhlasím se zpracováním osobních údajů.".into())),
            "the form's own language's text when the visitor's has none"
        );
        let mut plain = FormSpec::starter("en");
        plain.fields.truncate(1);
        assert_eq!(plain.check_submission(&kv(&[]), "en"), Ok(None));
    }

    #[test]
    fn the_snippet_carries_the_real_honeypot_the_types_and_the_consent() {
        let t = Tr::new("cs");
        let html = spec().snippet("https://crm.example.com/forms/contact", &t);
        assert!(html.contains(&format!("name=\"{HONEYPOT}\"")), "{html}");
        assert!(!html.contains("name=\"website\""), "{html}");
        assert!(html.contains("type=\"tel\" autocomplete=\"tel\" required"), "{html}");
        assert!(html.contains("type=\"email\""), "{html}");
        assert!(html.contains("name=\"consent\" value=\"yes\" required"), "{html}");
        assert!(html.contains("Souhlasím se zpracováním"), "{html}");
        assert!(html.contains("action=\"https://crm.example.com/forms/contact\""), "{html}");
        assert!(html.contains("name=\"language\" value=\"cs\""), "{html}");
        let mut s = spec();
        s.fields[0].labels.insert("cs".into(), "<b>Vaše jméno</b>".into());
        assert!(s.snippet("/forms/x", &t).contains("&lt;b&gt;Vaše jméno&lt;/b&gt;"));
    }
}
