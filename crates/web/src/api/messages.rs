//! `/api/v1/messages`: the text of every alert and customer message, per playbook, template
//! and language, and the company's own versions of them (admins). Texts are Fluent patterns:
//! `{ $contact_name }` for the playbook's `{contact.name}`, selectors for plurals.

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::json_body;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use pronto_domain::user::Action;
use pronto_playbook::messages::{self, LANGUAGES, Override};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct MessageQuery {
    /// Only this playbook's templates.
    pub playbook: Option<String>,
    /// Only this template.
    pub template: Option<String>,
    /// Only this language.
    pub language: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MessageOut {
    pub playbook: String,
    pub template: String,
    pub language: String,
    /// The Fluent text (or, with origin `playbook`, the playbook's `{placeholder}` text).
    pub text: String,
    pub subject: Option<String>,
    /// `company` (the company's own), `shipped` (Pronto's translation) or `playbook` (the
    /// playbook's own text, used in every language that has no other).
    pub origin: &'static str,
    /// The text filled in for a made-up lead, as a recipient would read it.
    pub example: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MessageList {
    pub languages: Vec<&'static str>,
    /// What a text may use: `{ $contact_name }` …
    pub variables: Vec<&'static str>,
    pub items: Vec<MessageOut>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct MessageIn {
    /// A Fluent pattern using only the template's variables, e.g.
    /// `Nová poptávka: { $contact_name } { $contact_phone }`; at most 4000 characters.
    #[schema(value_type = String, required = true, min_length = 1, max_length = 4000, format = "fluent-pattern")]
    pub text: Option<String>,
    /// For e-mail; one line of Fluent, at most 500 characters.
    #[schema(max_length = 500, format = "fluent-pattern")]
    pub subject: Option<String>,
}

pub(crate) fn example_vars() -> Vec<(&'static str, String)> {
    messages::VARIABLES
        .iter()
        .map(|v| {
            let value = match *v {
                "lead_id" => "1042",
                "lead_subject" => "A new web site",
                "lead_message" => "Please call me after 2 pm.",
                "lead_product" => "web",
                "lead_source" => "google",
                "lead_stage" => "New",
                "lead_received_at" => "Tue 10:02",
                "lead_url" => "https://crm.example.com/leads/1042",
                "lead_tracking_url" => "https://crm.example.com/t/xjIr6M_RmVokjmfqK3ElBw",
                "channel" => "web",
                "contact_name" => "Jana Nováková",
                "contact_phone" => "+420 777 123 456",
                "contact_email" => "jana@example.cz",
                "owner_name" => "Petr Svoboda",
                "task_title" => "Call the new inquiry",
                "task_due_at" => "Tue 10:07",
                _ => "Digital agency",
            };
            (*v, value.to_owned())
        })
        .collect()
}

/// Every template of every playbook in every language, with where its text comes from.
#[utoipa::path(get, path = "/api/v1/messages", tag = "messages", params(MessageQuery),
    responses((status = 200, body = MessageList), (status = 401, body = Problem)),
    security(("bearer" = [])))]
pub async fn list(State(st): State<AppState>, caller: Caller, Query(q): Query<MessageQuery>) -> ApiResult<Json<MessageList>> {
    caller.require(Action::ReadPlaybooks)?;
    let reg = st.store.playbooks();
    let m = reg.messages();
    let vars = example_vars();
    let mut items = Vec::new();
    for (name, _, pb) in reg.list() {
        if q.playbook.as_deref().is_some_and(|p| p != name) {
            continue;
        }
        for (template, t) in &pb.templates {
            if q.template.as_deref().is_some_and(|x| x != template) {
                continue;
            }
            for lang in LANGUAGES {
                if q.language.as_deref().is_some_and(|l| l != *lang) {
                    continue;
                }
                let own = m.overrides().iter().find(|o| o.playbook == name && o.template == *template && o.language == *lang);
                let (text, subject, origin) = match own {
                    Some(o) => (o.text.clone(), o.subject.clone(), "company"),
                    None => match messages::shipped(&name, lang, template) {
                        Some((t, s)) => (t, s, "shipped"),
                        None => (t.text.clone(), t.subject.clone(), "playbook"),
                    },
                };
                let example = match m.render(&name, lang, template, &vars) {
                    Some((t, _)) => t,
                    None => vars.iter().fold(t.text.clone(), |acc, (k, v)| acc.replace(&format!("{{{}}}", k.replacen('_', ".", 1)), v)),
                };
                items.push(MessageOut {
                    playbook: name.clone(),
                    template: template.clone(),
                    language: (*lang).to_owned(),
                    text,
                    subject,
                    origin,
                    example,
                });
            }
        }
    }
    Ok(Json(MessageList { languages: LANGUAGES.to_vec(), variables: messages::VARIABLES.to_vec(), items }))
}

/// The playbook's template and the language in a path, checked.
fn target(st: &AppState, playbook: &str, template: &str, language: &str) -> ApiResult<Override> {
    let reg = st.store.playbooks();
    let (_, pb) = reg.current(playbook).ok_or_else(|| ApiError::not_found(&format!("playbook `{playbook}`")))?;
    if !pb.templates.contains_key(template) {
        return Err(ApiError::not_found(&format!("template `{template}` of playbook `{playbook}`")));
    }
    let lang = messages::language(language)
        .filter(|l| *l == language)
        .ok_or_else(|| ApiError::not_found(&format!("language `{language}` (one of: {})", LANGUAGES.join(", "))))?;
    Ok(Override { playbook: playbook.to_owned(), template: template.to_owned(), language: lang.to_owned(), text: String::new(), subject: None })
}

/// Set the company's own text for a template in a language; alerts use it at once.
#[utoipa::path(put, path = "/api/v1/messages/{playbook}/{template}/{language}", tag = "messages", request_body = MessageIn,
    params(("playbook" = String, Path), ("template" = String, Path), ("language" = String, Path)),
    responses((status = 200, body = MessageOut), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = [])))]
pub async fn set(
    State(st): State<AppState>,
    caller: Caller,
    Path((playbook, template, language)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<MessageOut>> {
    caller.require(Action::ManagePlaybooks)?;
    let mut o = target(&st, &playbook, &template, &language)?;
    let (input, _): (MessageIn, _) = json_body(&headers, body, st.config.body_limit).await?;
    let text = input.text.unwrap_or_default();
    let subject = input.subject.filter(|s| !s.is_empty());
    if text.chars().count() > 4000 || subject.as_ref().is_some_and(|s| s.chars().count() > 500) {
        return Err(ApiError::invalid("text", "at most 4000 characters of text and 500 of subject"));
    }
    if let Err(m) = messages::check_override(&template, &text, subject.as_deref()) {
        let (field, message) = m.split_once(": ").unwrap_or(("text", &m));
        return Err(ApiError::invalid(if field == "subject" { "subject" } else { "text" }, message));
    }
    o.text = text.trim().to_owned();
    o.subject = subject.map(|s| s.trim().to_owned());
    st.store.set_message(o.clone(), Some(caller.user.id)).await?;
    st.audit_change(
        &caller,
        crate::audit::kind::MESSAGE_SET,
        Some(format!("messages/{}/{}/{}", o.playbook, o.template, o.language)),
        serde_json::json!({ "text": o.text, "subject": o.subject }),
    )
    .await;
    let example = st.store.playbooks().messages().render(&o.playbook, &o.language, &o.template, &example_vars()).map(|(t, _)| t);
    Ok(Json(MessageOut {
        playbook: o.playbook,
        template: o.template,
        language: o.language,
        text: o.text,
        subject: o.subject,
        origin: "company",
        example: example.unwrap_or_default(),
    }))
}

/// Remove the company's own text: the shipped translation (or the playbook's text) is used again.
#[utoipa::path(delete, path = "/api/v1/messages/{playbook}/{template}/{language}", tag = "messages",
    params(("playbook" = String, Path), ("template" = String, Path), ("language" = String, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn reset(
    State(st): State<AppState>,
    caller: Caller,
    Path((playbook, template, language)): Path<(String, String, String)>,
) -> ApiResult<StatusCode> {
    caller.require(Action::ManagePlaybooks)?;
    let o = target(&st, &playbook, &template, &language)?;
    let target = format!("messages/{}/{}/{}", o.playbook, o.template, o.language);
    st.store
        .reset_message(o.playbook, o.template, o.language, Some(caller.user.id))
        .await
        .map_err(|e| super::or_not_found(e, "a company text for this template and language"))?;
    st.audit_change(&caller, crate::audit::kind::MESSAGE_RESET, Some(target), serde_json::json!({})).await;
    Ok(StatusCode::NO_CONTENT)
}
