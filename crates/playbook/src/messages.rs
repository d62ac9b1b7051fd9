//! Message texts in the recipient's language, written in Fluent.
//!
//! A notification names a template of its playbook (`new_lead`, `sla_warning`, …). Its text
//! is looked up, in this order, in: the company's own override for that playbook, template
//! and language (stored in the database, edited through the API); the texts that ship with
//! the built-in playbooks (`locales/{language}/{playbook}.ftl`); and finally the playbook's
//! own `text`, which is what a custom playbook without translations sends in every language.
//!
//! Variables are the playbook's placeholders with `_` for `.` (`{contact.name}` is
//! `{ $contact_name }`); `$channel` arrives already translated (`channel-web` in
//! `common.ftl`). Fluent's selectors give CLDR plurals (cs/pl/ru need `few`/`many`).
//! Unicode isolation marks are off: they would push every SMS into UCS-2.

use fluent_bundle::{FluentArgs, FluentResource, concurrent::FluentBundle};
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};
use unic_langid::LanguageIdentifier;

/// The languages Pronto ships texts for.
pub const LANGUAGES: &[&str] = &["en", "cs", "ru", "pl", "he"];

/// The variables a message may use.
pub const VARIABLES: &[&str] = &[
    "lead_id",
    "lead_subject",
    "lead_message",
    "lead_product",
    "lead_source",
    "lead_stage",
    "lead_received_at",
    "lead_url",
    "lead_tracking_url",
    "channel",
    "contact_name",
    "contact_phone",
    "contact_email",
    "owner_name",
    "task_title",
    "task_due_at",
    "playbook",
];

macro_rules! ftl {
    ($($lang:literal),*) => {
        &[$(
            ($lang, "common", include_str!(concat!("locales/", $lang, "/common.ftl"))),
            ($lang, "agency", include_str!(concat!("locales/", $lang, "/agency.ftl"))),
            ($lang, "distributor", include_str!(concat!("locales/", $lang, "/distributor.ftl"))),
        )*]
    };
}

/// The shipped texts: `(language, file, source)`; `common` holds what every playbook shares.
pub const BUILTIN_FTL: &[(&str, &str, &str)] = ftl!("en", "cs", "ru", "pl", "he");

/// The company's own text for one template in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub playbook: String,
    pub template: String,
    pub language: String,
    pub text: String,
    pub subject: Option<String>,
}

type Bundle = FluentBundle<FluentResource>;

/// Every text in every language, ready to render. Built once per change of the overrides.
pub struct Messages {
    /// By `(playbook, language)`; a playbook without shipped texts or overrides has none.
    bundles: BTreeMap<(String, &'static str), Bundle>,
    /// Channel names, by language.
    common: BTreeMap<&'static str, Bundle>,
    overrides: Vec<Override>,
    /// The team's language when a user has not chosen one.
    pub default_language: &'static str,
    /// Where the web UI is reachable, for links to a lead (`{ $lead_url }`); none, no link.
    pub public_url: Option<String>,
}

impl Default for Messages {
    fn default() -> Self {
        Messages::new(Vec::new(), "en", None)
    }
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("overrides", &self.overrides.len())
            .field("default_language", &self.default_language)
            .field("public_url", &self.public_url)
            .finish()
    }
}

/// The supported language `code` names, if it names one (`cs-CZ` is `cs`).
pub fn language(code: &str) -> Option<&'static str> {
    let primary = code.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    LANGUAGES.iter().copied().find(|l| *l == primary)
}

fn bundle(lang: &'static str) -> Bundle {
    let id: LanguageIdentifier = lang.parse().expect("a shipped language parses");
    let mut b = Bundle::new_concurrent(vec![id]);
    b.set_use_isolating(false);
    b
}

fn resource(source: &str) -> FluentResource {
    // The shipped files are checked by the tests; an override is checked before it is stored.
    FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r)
}

impl Messages {
    pub fn new(overrides: Vec<Override>, default_language: &str, public_url: Option<String>) -> Messages {
        let mut common = BTreeMap::new();
        let mut bundles: BTreeMap<(String, &'static str), Bundle> = BTreeMap::new();
        for &(lang, file, source) in BUILTIN_FTL {
            if file == "common" {
                let mut b = bundle(lang);
                let _ = b.add_resource(resource(source));
                common.insert(lang, b);
            } else {
                let mut b = bundle(lang);
                let _ = b.add_resource(resource(source));
                bundles.insert((file.to_owned(), lang), b);
            }
        }
        for o in &overrides {
            let Some(lang) = language(&o.language) else { continue };
            let b = bundles.entry((o.playbook.clone(), lang)).or_insert_with(|| bundle(lang));
            b.add_resource_overriding(resource(&source_of(&o.template, &o.text, o.subject.as_deref())));
        }
        Messages {
            bundles,
            common,
            overrides,
            default_language: language(default_language).unwrap_or("en"),
            public_url: public_url.map(|u| u.trim_end_matches('/').to_owned()),
        }
    }

    pub fn overrides(&self) -> &[Override] {
        &self.overrides
    }

    /// The link to a lead in the web UI, or "" when no public address is set.
    pub fn lead_url(&self, id: i64) -> String {
        self.public_url.as_ref().map(|u| format!("{u}/leads/{id}")).unwrap_or_default()
    }

    /// The link to a customer's own page, or "" when no public address is set (a relative link
    /// is no use in an SMS).
    pub fn tracking_url(&self, token: &str) -> String {
        self.public_url.as_ref().map(|u| format!("{u}/t/{token}")).unwrap_or_default()
    }

    /// A channel's name in `lang` (`web`, `telefon`, …); the code itself when untranslated.
    pub fn channel(&self, lang: &str, code: &str) -> String {
        self.common
            .get(lang)
            .and_then(|b| {
                let m = b.get_message(&format!("channel-{code}"))?;
                let mut errors = vec![];
                Some(b.format_pattern(m.value()?, None, &mut errors).into_owned())
            })
            .unwrap_or_else(|| code.to_owned())
    }

    /// A shared text of `common.ftl` (the scheduled reports' words) in `lang`, else in English,
    /// else the key itself.
    pub fn common_text(&self, lang: &str, key: &str, vars: &[(&str, String)]) -> String {
        let format = |b: &Bundle| {
            let m = b.get_message(key)?;
            let mut args = FluentArgs::with_capacity(vars.len());
            for (k, v) in vars {
                // A whole number is a number, so the words' plurals choose by it.
                match v.parse::<i64>() {
                    Ok(n) => args.set(*k, n),
                    Err(_) => args.set(*k, v.clone()),
                }
            }
            let mut errors = vec![];
            Some(b.format_pattern(m.value()?, Some(&args), &mut errors).into_owned())
        };
        language(lang)
            .and_then(|l| self.common.get(l))
            .and_then(format)
            .or_else(|| self.common.get("en").and_then(format))
            .unwrap_or_else(|| key.to_owned())
    }

    /// Whether `playbook` has a text for `template` in `lang` (shipped or overridden).
    pub fn has(&self, playbook: &str, lang: &str, template: &str) -> bool {
        self.lookup(playbook, lang).is_some_and(|b| b.get_message(template).is_some_and(|m| m.value().is_some()))
    }

    fn lookup(&self, playbook: &str, lang: &str) -> Option<&Bundle> {
        let lang = language(lang)?;
        self.bundles.get(&(playbook.to_owned(), lang))
    }

    /// `template` of `playbook` in `lang` with `vars` filled in: `(text, subject)`, or `None`
    /// when there is no Fluent text for it (the playbook's own text is used then).
    pub fn render(&self, playbook: &str, lang: &str, template: &str, vars: &[(&str, String)]) -> Option<(String, Option<String>)> {
        let b = self.lookup(playbook, lang)?;
        let m = b.get_message(template)?;
        let value = m.value()?;
        let mut args = FluentArgs::with_capacity(vars.len());
        for (k, v) in vars {
            args.set(*k, v.clone());
        }
        let mut errors = vec![];
        let text = tidy(&b.format_pattern(value, Some(&args), &mut errors));
        let subject = m.get_attribute("subject").map(|a| tidy(&b.format_pattern(a.value(), Some(&args), &mut errors)));
        Some((text, subject))
    }
}

/// What a playbook names for people: its stages, the outcomes of its tasks and calls, its
/// SLAs, its tasks and the kinds of task. A title is the Fluent message `{prefix}-{id}`
/// (`stage-received`, `outcome-manager_busy`, `sla-first_response`, `kind-call`) of the
/// playbook's own file (`locales/{language}/{playbook}.ftl`, or the company's override of that
/// key), else of `common.ftl` (the outcomes and task kinds every playbook shares).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Stage,
    Outcome,
    Sla,
    Task,
    Kind,
}

impl Named {
    pub fn prefix(self) -> &'static str {
        match self {
            Named::Stage => "stage",
            Named::Outcome => "outcome",
            Named::Sla => "sla",
            Named::Task => "task",
            Named::Kind => "kind",
        }
    }

    /// The Fluent key of `id`.
    pub fn key(self, id: &str) -> String {
        format!("{}-{id}", self.prefix())
    }
}

fn plain(b: &Bundle, key: &str) -> Option<String> {
    let m = b.get_message(key)?;
    let mut errors = vec![];
    let s = b.format_pattern(m.value()?, None, &mut errors).trim().to_owned();
    (!s.is_empty()).then_some(s)
}

impl Messages {
    /// The title of `id` (a stage, outcome, SLA, task or task kind of `playbook`) in `lang`:
    /// the company's override, the shipped text of the playbook, Pronto's common word; `None`
    /// when none of them names it.
    pub fn title(&self, playbook: &str, lang: &str, what: Named, id: &str) -> Option<String> {
        let key = what.key(id);
        let lang = language(lang)?;
        self.bundles
            .get(&(playbook.to_owned(), lang))
            .and_then(|b| plain(b, &key))
            .or_else(|| self.common.get(lang).and_then(|b| plain(b, &key)))
    }
}

/// The shipped title of `id` in `lang` (the playbook's own file, else `common.ftl`): what
/// `playbook check` reads to see that every stage and outcome is named in every language.
pub fn shipped_title(playbook: &str, lang: &str, what: Named, id: &str) -> Option<String> {
    let key = what.key(id);
    let find = |file: &str| {
        let (_, _, source) = BUILTIN_FTL.iter().find(|(l, f, _)| *l == lang && *f == file)?;
        let res = fluent_syntax::parser::parse(*source).unwrap_or_else(|(r, _)| r);
        res.body.iter().find_map(|e| match e {
            ast::Entry::Message(m) if m.id.name == key => m.value.as_ref().map(pattern_source).filter(|s| !s.trim().is_empty()),
            _ => None,
        })
    };
    if playbook != "common" {
        if let Some(t) = find(playbook) {
            return Some(t);
        }
    }
    find("common")
}

/// The shipped Fluent text of a template, `(text, subject)`, as one would write an override.
pub fn shipped(playbook: &str, lang: &str, template: &str) -> Option<(String, Option<String>)> {
    let (_, _, source) = BUILTIN_FTL.iter().find(|(l, f, _)| *l == lang && *f == playbook)?;
    let res = fluent_syntax::parser::parse(*source).unwrap_or_else(|(r, _)| r);
    res.body.iter().find_map(|e| match e {
        ast::Entry::Message(m) if m.id.name == template => {
            let text = m.value.as_ref().map(pattern_source)?;
            let subject = m.attributes.iter().find(|a| a.id.name == "subject").map(|a| pattern_source(&a.value));
            Some((text, subject))
        }
        _ => None,
    })
}

/// A pattern written back as Fluent, without the `id =` it came with.
fn pattern_source(p: &ast::Pattern<&str>) -> String {
    let m = ast::Message { id: ast::Identifier { name: "m" }, value: Some(p.clone()), attributes: vec![], comment: None };
    let s = fluent_syntax::serializer::serialize(&ast::Resource { body: vec![ast::Entry::Message(m)] });
    let body = s.strip_prefix("m =").unwrap_or(&s);
    body.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// Values with nothing in them leave double spaces and dangling commas behind.
pub fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        if !out.is_empty() {
            out.push('\n');
        }
        let mut l = line.split_whitespace().collect::<Vec<_>>().join(" ");
        while l.contains(" ,") {
            l = l.replace(" ,", ",");
        }
        out.push_str(&l);
    }
    out
}

/// The Fluent source of one message: continuation lines indented, `.subject` as an attribute.
fn source_of(id: &str, text: &str, subject: Option<&str>) -> String {
    let mut s = format!("{id} =");
    for line in text.trim().lines() {
        s.push_str("\n    ");
        s.push_str(line.trim_end());
    }
    s.push('\n');
    if let Some(subj) = subject {
        s.push_str(&format!("    .subject = {}\n", subj.trim()));
    }
    s
}

/// What is wrong with a company's text (see [`check_text`]); `Display` is the API's English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextProblem {
    /// The template's name is not an identifier.
    TemplateName(String),
    Empty,
    SubjectEmpty,
    SubjectLines,
    /// Not valid Fluent: what the parser said, near `near`.
    Syntax { kind: String, near: String },
    Junk,
    /// A line beginning with `.`, `[` or `*`, or an `id =` line.
    FluentSyntax,
    CommentsOrTerms,
    NotOne,
    /// A variable that is not one of [`VARIABLES`].
    UnknownVariable(String),
}

/// A problem of the `field` (`text` or `subject`), on `line` (1-based, of that field) when
/// it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    pub field: &'static str,
    pub line: Option<usize>,
    pub problem: TextProblem,
}

impl std::fmt::Display for TextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let field = self.field;
        match &self.problem {
            TextProblem::TemplateName(t) => write!(f, "template `{t}`: a name is a letter followed by letters, digits, `_` or `-`"),
            TextProblem::Empty => write!(f, "text: must not be empty"),
            TextProblem::SubjectEmpty => write!(f, "subject: must not be empty when given"),
            TextProblem::SubjectLines => write!(f, "subject: must be one line"),
            TextProblem::Syntax { kind, near } => write!(f, "{field}: not valid Fluent: {kind} (at `{near}`)"),
            TextProblem::Junk => write!(f, "{field}: not valid Fluent"),
            TextProblem::FluentSyntax => {
                write!(f, "{field}: a line beginning with `.`, `[` or `*`, or an `id =` line, is Fluent syntax; write it differently")
            }
            TextProblem::CommentsOrTerms => write!(f, "{field}: comments and terms are not allowed in a message"),
            TextProblem::NotOne => write!(f, "{field}: must be one message"),
            TextProblem::UnknownVariable(bad) => {
                write!(f, "{field}: unknown variable `${bad}`; known: {}", VARIABLES.iter().map(|v| format!("${v}")).collect::<Vec<_>>().join(", "))
            }
        }
    }
}

/// Checks a company's text before it is stored: it must parse as one Fluent message, say
/// something, use only known variables and, for a subject, stay on one line.
pub fn check_override(template: &str, text: &str, subject: Option<&str>) -> Result<(), String> {
    check_text(template, text, subject).map_err(|e| e.to_string())
}

/// The line (1-based) of `value` that byte `pos` of `source_of("m", value)` falls on.
fn value_line(src: &str, pos: usize) -> usize {
    // `m =` is the first line; the value's lines follow, one source line each.
    src[..pos.min(src.len())].matches('\n').count().max(1)
}

/// [`check_override`] with what is wrong as data: the field, the line and the problem.
pub fn check_text(template: &str, text: &str, subject: Option<&str>) -> Result<(), TextError> {
    let err = |field: &'static str, line: Option<usize>, problem: TextProblem| Err(TextError { field, line, problem });
    if !is_identifier(template) {
        return err("text", None, TextProblem::TemplateName(template.to_owned()));
    }
    if text.trim().is_empty() {
        return err("text", None, TextProblem::Empty);
    }
    if let Some(s) = subject {
        if s.trim().is_empty() {
            return err("subject", None, TextProblem::SubjectEmpty);
        }
        if s.contains(['\r', '\n']) {
            return err("subject", None, TextProblem::SubjectLines);
        }
    }
    for (field, value) in [("text", Some(text)), ("subject", subject)] {
        let Some(value) = value else { continue };
        let src = source_of("m", value, None);
        let res = match FluentResource::try_new(src.clone()) {
            Ok(r) => r,
            Err((_, errors)) => {
                let e = &errors[0];
                let line = value_line(&src, e.pos.start).min(value.trim().lines().count().max(1));
                return err(field, Some(line), TextProblem::Syntax { kind: e.kind.to_string(), near: snippet(&src, e.pos.clone()) });
            }
        };
        let mut used = BTreeSet::new();
        let mut count = 0;
        for entry in res.entries() {
            match entry {
                ast::Entry::Message(m) => {
                    count += 1;
                    if m.id.name != "m" || !m.attributes.is_empty() {
                        return err(field, None, TextProblem::FluentSyntax);
                    }
                    if let Some(p) = &m.value {
                        variables(p, &mut used);
                    }
                }
                ast::Entry::Junk { .. } => return err(field, None, TextProblem::Junk),
                _ => return err(field, None, TextProblem::CommentsOrTerms),
            }
        }
        if count != 1 {
            return err(field, None, TextProblem::NotOne);
        }
        if let Some(bad) = used.iter().find(|v| !VARIABLES.contains(&v.as_str())) {
            let needle = format!("${bad}");
            let line = value.lines().position(|l| l.contains(&needle)).map(|i| i + 1);
            return err(field, line, TextProblem::UnknownVariable(bad.clone()));
        }
    }
    Ok(())
}

fn snippet(src: &str, pos: std::ops::Range<usize>) -> String {
    let start = pos.start.min(src.len());
    src[start..].chars().take(20).collect::<String>().replace('\n', " ")
}

fn is_identifier(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|f| f.is_ascii_alphabetic()) && c.all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-') && s.len() <= 64
}

/// The variables `pattern` refers to, in selectors and nested placeables too.
pub fn variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_variables(i, out),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                variables(&v.value, out);
            }
        }
    }
}

fn inline_variables(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
            for a in &arguments.named {
                inline_variables(&a.value, out);
            }
        }
        ast::InlineExpression::TermReference { arguments: Some(arguments), .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
            for a in &arguments.named {
                inline_variables(&a.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> Vec<(&'static str, String)> {
        vec![("contact_name", "Jana".into()), ("lead_id", "7".into()), ("lead_url", String::new())]
    }

    #[test]
    fn a_text_problem_names_its_field_and_line() {
        let table: &[(&str, Option<&str>, &str, Option<usize>, &str)] = &[
            ("Hi\nthere { $customer }", None, "text", Some(2), "unknown variable `$customer`"),
            ("Hi\n{ $contact_name", None, "text", Some(2), "not valid Fluent"),
            ("Hi", Some("Re: { $nope }"), "subject", Some(1), "unknown variable `$nope`"),
            ("Hi", Some("a\nb"), "subject", None, "one line"),
            ("   ", None, "text", None, "must not be empty"),
        ];
        for (text, subject, field, line, says) in table {
            let e = check_text("new_lead", text, *subject).unwrap_err();
            assert_eq!((e.field, e.line), (*field, *line), "{text:?}: {e}");
            assert!(e.to_string().contains(says), "{e}");
            assert_eq!(check_override("new_lead", text, *subject).unwrap_err(), e.to_string(), "the API's words are the same check");
        }
    }

    #[test]
    fn an_override_wins_over_the_shipped_text_and_only_in_its_language() {
        let o = Override {
            playbook: "agency".into(),
            template: "new_lead".into(),
            language: "cs".into(),
            text: "Volejte { $contact_name }, poptávka { $lead_id } { $lead_url }".into(),
            subject: Some("Poptávka { $lead_id }".into()),
        };
        let m = Messages::new(vec![o], "en", None);
        let (t, s) = m.render("agency", "cs", "new_lead", &vars()).unwrap();
        assert_eq!(t, "Volejte Jana, poptávka 7");
        assert_eq!(s.as_deref(), Some("Poptávka 7"));
        let (en, _) = m.render("agency", "en", "new_lead", &vars()).unwrap();
        assert!(en.starts_with("New inquiry: Jana"), "{en}");
        assert!(m.render("custom", "cs", "new_lead", &vars()).is_none());
    }

    #[test]
    fn plurals_follow_cldr_for_czech() {
        let text = "{ $lead_id ->\n [one] jeden pokus\n [few] { $lead_id } pokusy\n *[other] { $lead_id } pokusů\n}";
        check_override("attempts", text, None).unwrap();
        let o = Override { playbook: "p".into(), template: "attempts".into(), language: "cs".into(), text: text.into(), subject: None };
        let m = Messages::new(vec![o], "en", None);
        let n = |v: i64| {
            let b = m.lookup("p", "cs").unwrap();
            let msg = b.get_message("attempts").unwrap();
            let mut args = FluentArgs::new();
            args.set("lead_id", v);
            let mut e = vec![];
            b.format_pattern(msg.value().unwrap(), Some(&args), &mut e).into_owned()
        };
        assert_eq!(n(1), "jeden pokus");
        assert_eq!(n(3), "3 pokusy");
        assert_eq!(n(5), "5 pokusů");
    }

    #[test]
    fn bad_overrides_are_refused_with_the_reason() {
        let e = check_override("new_lead", "Hello { $customer }", None).unwrap_err();
        assert!(e.starts_with("text: unknown variable `$customer`"), "{e}");
        let e = check_override("new_lead", "Hello { $contact_name", None).unwrap_err();
        assert!(e.starts_with("text: not valid Fluent"), "{e}");
        let e = check_override("new_lead", "Hi", Some("a\nb")).unwrap_err();
        assert_eq!(e, "subject: must be one line");
        let e = check_override("new lead", "Hi", None).unwrap_err();
        assert!(e.starts_with("template `new lead`"), "{e}");
        assert_eq!(check_override("new_lead", "  ", None).unwrap_err(), "text: must not be empty");
        check_override("new_lead", "Line one { $contact_name }\nline two", Some("S { $lead_id }")).unwrap();
    }

    #[test]
    fn shipped_texts_read_back_as_fluent() {
        let (t, s) = shipped("distributor", "en", "urgent_callback").unwrap();
        assert!(t.starts_with("URGENT. The customer { $contact_name }"), "{t}");
        assert_eq!(s.as_deref(), Some("URGENT: call back { $contact_name } within 10 minutes"));
        assert!(shipped("agency", "en", "nothing").is_none());
        // What is read back is what an override may say.
        let (t, _) = shipped("agency", "cs", "new_lead").unwrap();
        check_override("new_lead", &t, None).unwrap();
    }

    #[test]
    fn languages_are_matched_by_their_primary_tag() {
        assert_eq!(language("cs-CZ"), Some("cs"));
        assert_eq!(language("HE"), Some("he"));
        assert_eq!(language("de"), None);
        assert_eq!(Messages::new(vec![], "pl_PL", None).default_language, "pl");
    }

    #[test]
    fn titles_come_from_the_override_the_playbook_then_the_common_words() {
        let o = Override { playbook: "agency".into(), template: "stage-offer".into(), language: "cs".into(), text: "Naše nabídka".into(), subject: None };
        let m = Messages::new(vec![o], "en", None);
        let cases = [
            ("agency", "cs", Named::Stage, "offer", Some("Naše nabídka")),
            ("agency", "en", Named::Stage, "offer", Some("Offer")),
            ("distributor", "ru", Named::Stage, "invoiced", Some("Счёт выставлен")),
            ("distributor", "pl", Named::Outcome, "manager_busy", Some("Menedżer zajęty")),
            ("custom", "he", Named::Outcome, "transferred", Some("הועבר למנהל")),
            ("custom", "cs", Named::Kind, "meeting", Some("Schůzka")),
            ("agency", "en", Named::Sla, "first_response", Some("First contact within 10 working minutes")),
            ("custom", "en", Named::Stage, "offer", None),
            ("agency", "de", Named::Stage, "offer", None),
        ];
        for (pb, lang, what, id, want) in cases {
            assert_eq!(m.title(pb, lang, what, id).as_deref(), want, "{pb} {lang} {id}");
        }
        assert_eq!(shipped_title("distributor", "he", Named::Sla, "manager_call").as_deref(), Some("שיחת מנהל תוך שעת עבודה אחת"));
        assert!(shipped_title("titles", "cs", Named::Stage, "received").is_none());
        for lang in LANGUAGES {
            for id in crate::model::CALL_OUTCOMES.iter().chain(crate::model::INCOMING_CALL_OUTCOMES).chain(&["done"]) {
                assert!(shipped_title("common", lang, Named::Outcome, id).is_some(), "{lang}: outcome {id}");
            }
            for id in crate::model::TASK_KINDS {
                assert!(shipped_title("common", lang, Named::Kind, id).is_some(), "{lang}: kind {id}");
            }
        }
    }

    #[test]
    fn channels_are_named_in_the_language() {
        let m = Messages::default();
        assert_eq!(m.channel("en", "web"), "web");
        assert_ne!(m.channel("cs", "phone"), "phone");
        assert_eq!(m.channel("en", "pigeon"), "pigeon");
        assert_eq!(Messages::new(vec![], "en", Some("https://crm.example.com/".into())).lead_url(7), "https://crm.example.com/leads/7");
    }
}
