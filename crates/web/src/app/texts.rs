//! Message texts edited in the admin pages: every template of every playbook in every
//! language with where its text comes from; a text checked as typed (the same
//! [`messages::check_text`] the API's `PUT /api/v1/messages/…` runs) and previewed on an
//! example lead; saved as the company's own; "back to Pronto's text" (the override removed).

use super::{Error, Result};
use crate::AppState;
use crate::auth::Caller;
use crate::ui::i18n::Tr;
use pronto_domain::user::Action;
use pronto_playbook::messages::{self, LANGUAGES, Messages, Override, TextError, TextProblem};

/// One template in one language.
#[derive(Debug, Clone)]
pub struct TextRow {
    pub playbook: String,
    pub playbook_title: String,
    pub template: String,
    pub language: &'static str,
    pub text: String,
    pub subject: Option<String>,
    /// `company`, `shipped` or `playbook` (as the API says).
    pub origin: &'static str,
}

/// Every template of every playbook in every language (`only`: of one playbook).
pub fn list(st: &AppState, c: &Caller, only: Option<&str>) -> Result<Vec<TextRow>> {
    c.require(Action::ReadPlaybooks)?;
    let reg = st.store.playbooks();
    let m = reg.messages();
    let mut out = Vec::new();
    for (name, _, pb) in reg.list() {
        if only.is_some_and(|o| o != name) {
            continue;
        }
        for (template, t) in &pb.templates {
            for lang in LANGUAGES {
                let own = m.overrides().iter().find(|o| o.playbook == name && o.template == *template && o.language == *lang);
                let (text, subject, origin) = match own {
                    Some(o) => (o.text.clone(), o.subject.clone(), "company"),
                    None => match messages::shipped(&name, lang, template) {
                        Some((t, s)) => (t, s, "shipped"),
                        None => (t.text.clone(), t.subject.clone(), "playbook"),
                    },
                };
                out.push(TextRow {
                    playbook: name.clone(),
                    playbook_title: pb.title.clone(),
                    template: template.clone(),
                    language: lang,
                    text,
                    subject,
                    origin,
                });
            }
        }
    }
    Ok(out)
}

/// One template in one language (`NotFound` for an unknown playbook, template or language).
pub fn one(st: &AppState, c: &Caller, playbook: &str, template: &str, language: &str) -> Result<TextRow> {
    let lang = messages::language(language).filter(|l| *l == language).ok_or_else(|| Error::not_found("language"))?;
    list(st, c, Some(playbook))?
        .into_iter()
        .find(|r| r.template == template && r.language == lang)
        .ok_or_else(|| Error::not_found("template"))
}

/// The text as a recipient would read it, filled in for an example lead, or what is wrong.
pub fn preview(st: &AppState, playbook: &str, template: &str, language: &str, text: &str, subject: Option<&str>) -> std::result::Result<(String, Option<String>), TextError> {
    messages::check_text(template, text, subject)?;
    let reg = st.store.playbooks();
    let m = reg.messages();
    let mut overrides: Vec<Override> =
        m.overrides().iter().filter(|o| !(o.playbook == playbook && o.template == template && o.language == language)).cloned().collect();
    overrides.push(Override {
        playbook: playbook.to_owned(),
        template: template.to_owned(),
        language: language.to_owned(),
        text: text.trim().to_owned(),
        subject: subject.map(|s| s.trim().to_owned()),
    });
    let fresh = Messages::new(overrides, m.default_language, m.public_url.clone());
    // The example inquiry came by phone; the channel arrives translated, as in a real message.
    let vars: Vec<(&str, String)> = crate::api::messages::example_vars()
        .into_iter()
        .map(|(k, v)| match k {
            "channel" => (k, fresh.channel(language, "phone")),
            "lead_product" => (k, "e-shop".to_owned()),
            "lead_subject" => (k, "E-shop 2031".to_owned()),
            _ => (k, v),
        })
        .collect();
    Ok(fresh.render(playbook, language, template, &vars).unwrap_or_default())
}

/// What is wrong with a text, in `t`'s words, naming the line and the placeholder.
pub fn explain(e: &TextError, t: &Tr) -> String {
    let what = match &e.problem {
        TextProblem::TemplateName(_) => t.t("forms-tx-err-template"),
        TextProblem::Empty => t.t("forms-tx-err-empty"),
        TextProblem::SubjectEmpty => t.t("forms-tx-err-subject-empty"),
        TextProblem::SubjectLines => t.t("forms-tx-err-subject-lines"),
        TextProblem::Syntax { near, .. } => t.s("forms-tx-err-syntax", near),
        TextProblem::Junk | TextProblem::FluentSyntax => t.t("forms-tx-err-fluent"),
        TextProblem::CommentsOrTerms => t.t("forms-tx-err-comments"),
        TextProblem::NotOne => t.t("forms-tx-err-one"),
        TextProblem::UnknownVariable(name) => {
            let known = messages::VARIABLES.iter().map(|v| format!("{{ ${v} }}")).collect::<Vec<_>>().join(", ");
            t.with("forms-tx-err-variable", &[("name", &format!("${name}")), ("known", &known)])
        }
    };
    let field = if e.field == "subject" { t.t("forms-tx-subject") } else { t.t("forms-tx-text") };
    match e.line {
        Some(line) => t.with("forms-tx-err-at-line", &[("field", &field), ("line", &line.to_string()), ("what", &what)]),
        None => t.with("forms-tx-err-in", &[("field", &field), ("what", &what)]),
    }
}

/// Saves the company's own text (checked first, as the API checks it); audited.
pub async fn set(st: &AppState, c: &Caller, playbook: &str, template: &str, language: &str, text: &str, subject: Option<&str>, t: &Tr) -> Result<()> {
    c.require(Action::ManagePlaybooks)?;
    let row = one(st, c, playbook, template, language)?;
    let subject = subject.filter(|s| !s.trim().is_empty());
    if text.chars().count() > 4000 || subject.is_some_and(|s| s.chars().count() > 500) {
        return Err(Error::invalid("text", t.t("forms-tx-err-long")));
    }
    if let Err(e) = messages::check_text(template, text, subject) {
        return Err(Error::invalid(e.field, explain(&e, t)));
    }
    let o = Override {
        playbook: row.playbook,
        template: row.template,
        language: row.language.to_owned(),
        text: text.trim().to_owned(),
        subject: subject.map(|s| s.trim().to_owned()),
    };
    st.store.set_message(o.clone(), Some(c.user.id)).await?;
    st.audit_change(
        c,
        crate::audit::kind::MESSAGE_SET,
        Some(format!("messages/{}/{}/{}", o.playbook, o.template, o.language)),
        serde_json::json!({ "text": o.text, "subject": o.subject }),
    )
    .await;
    Ok(())
}

/// Back to Pronto's text: the company's own removed (`NotFound` when there is none); audited.
pub async fn reset(st: &AppState, c: &Caller, playbook: &str, template: &str, language: &str) -> Result<()> {
    c.require(Action::ManagePlaybooks)?;
    let row = one(st, c, playbook, template, language)?;
    st.store.reset_message(row.playbook.clone(), row.template.clone(), row.language.to_owned(), Some(c.user.id)).await?;
    st.audit_change(c, crate::audit::kind::MESSAGE_RESET, Some(format!("messages/{}/{}/{}", row.playbook, row.template, row.language)), serde_json::json!({}))
        .await;
    Ok(())
}
