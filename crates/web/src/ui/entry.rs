//! A new inquiry entered by hand (`/leads/new`): a phone call, a walk-in, an e-mail received
//! elsewhere. The form keeps what was typed and says next to each field what is wrong; as the
//! phone, e-mail or company id is typed, `GET /leads/new/similar` (JSON) suggests the contacts
//! it may belong to (`static/js/entry.js` shows them). Without JS the same suggestions are a
//! confirmation step after the first submit. The lead is created by the intake every channel
//! shares (`app::leads::create`: one transaction, the playbook starts), and the answer says
//! who holds it and what is due first.

use super::error::PageResult;
use super::i18n::Tr;
use super::{LANGUAGES, Signed, fail, local, page, user_tz};
use crate::AppState;
use crate::app::{self, Error, entry::Suggestion};
use askama::Template;
use axum::Json;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pronto_domain::lead::{ContactDraft, LeadDraft};
use pronto_domain::user::Role;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// The channels a person enters by hand: (the value sent, the stored channel, the word key).
/// "Other" is stored as the API's channel (an inquiry from outside Pronto's own channels).
pub(super) const CHANNELS: [(&str, &str, &str); 4] =
    [("phone", "phone", "entry-ch-phone"), ("in_person", "in_person", "entry-ch-walk-in"), ("email", "email", "entry-ch-email"), ("other", "api", "entry-ch-other")];

/// What was typed, as sent.
#[derive(Debug, Default, Clone)]
pub(super) struct Typed {
    pub channel: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub company: String,
    pub company_id: String,
    pub subject: String,
    pub message: String,
    pub playbook: String,
    /// The contact chosen among the suggestions ("add to this contact").
    pub contact: Option<i64>,
}

impl Typed {
    fn read(f: &HashMap<String, String>) -> Typed {
        let v = |k: &str| f.get(k).cloned().unwrap_or_default();
        Typed {
            channel: v("channel"),
            name: v("name"),
            phone: v("phone"),
            email: v("email"),
            company: v("company"),
            company_id: v("company_id"),
            subject: v("subject"),
            message: v("message"),
            playbook: v("playbook"),
            contact: f.get("contact").and_then(|c| c.trim().parse().ok()),
        }
    }

    /// The intake's draft; `None` for a channel that is not one of [`CHANNELS`].
    pub(super) fn draft(&self) -> LeadDraft {
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let channel = CHANNELS.iter().find(|(v, ..)| *v == self.channel.trim()).map(|(_, stored, _)| (*stored).to_owned());
        LeadDraft {
            channel,
            contact: ContactDraft {
                name: opt(&self.name),
                email: opt(&self.email),
                phone: opt(&self.phone),
                company: opt(&self.company),
                company_id: opt(&self.company_id),
            },
            subject: opt(&self.subject),
            message: opt(&self.message),
            playbook: opt(&self.playbook),
            ..Default::default()
        }
    }
}

/// The form's field a draft's error belongs to, and the word that says what is wrong.
pub(super) fn field_of(error_field: &str) -> (&'static str, &'static str) {
    match error_field {
        "channel" => ("channel", "entry-err-channel"),
        "contact.name" => ("name", "entry-err-name"),
        "contact.phone" => ("phone", "entry-err-phone"),
        "contact.email" => ("email", "entry-err-email"),
        "contact.company" => ("company", "entry-err-company"),
        "contact.company_id" => ("company_id", "entry-err-company-id"),
        "contact" => ("name", "entry-err-who"),
        "subject" => ("subject", "entry-err-subject"),
        "message" => ("message", "entry-err-message"),
        "playbook" => ("playbook", "entry-err-playbook"),
        _ => ("form", "entry-err-form"),
    }
}

struct Opt {
    value: String,
    label: String,
}

/// A suggestion as the page shows it.
struct Similar {
    contact_id: i64,
    who: String,
    details: String,
    why: String,
    open: Vec<(i64, String)>,
}

#[derive(Template)]
#[template(path = "entry.html")]
struct EntryPage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    f: Typed,
    channels: Vec<Opt>,
    playbooks: Vec<Opt>,
    /// Field → its message.
    errors: HashMap<&'static str, String>,
    error_count: i64,
    /// The chosen contact, named.
    chosen: Option<String>,
    /// The confirmation step (no JS): the contacts this may belong to.
    similar: Vec<Similar>,
}

impl EntryPage {
    fn error(&self, field: &str) -> String {
        self.errors.get(field).cloned().unwrap_or_default()
    }
    fn has_error(&self, field: &str) -> bool {
        self.errors.contains_key(field)
    }
}

#[derive(Template)]
#[template(path = "entry_done.html")]
struct DonePage {
    t: Arc<Tr>,
    admin: bool,
    now_iso: String,
    me: Option<String>,
    page: &'static str,
    languages: &'static [(&'static str, &'static str)],
    lead_id: i64,
    headline: String,
    lines: Vec<String>,
}

fn name_of(s: &Suggestion, t: &Tr) -> String {
    s.name.clone().or_else(|| s.email.clone()).or_else(|| s.phone.clone()).unwrap_or_else(|| t.s("entry-contact-n", &s.contact_id.to_string()))
}

fn why_text(s: &Suggestion, t: &Tr) -> String {
    s.why.iter().map(|w| t.t(&format!("entry-same-{}", w.as_str().replace('_', "-")))).collect::<Vec<_>>().join(", ")
}

fn details_of(s: &Suggestion) -> String {
    [s.phone.clone(), s.email.clone(), s.company.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ")
}

fn lead_title(l: &pronto_store::LeadRecord, t: &Tr) -> String {
    l.subject.clone().unwrap_or_else(|| t.s("entry-inquiry-n", &l.id.to_string()))
}

async fn render(st: &AppState, c: &crate::auth::Caller, t: Arc<Tr>, f: Typed, errors: HashMap<&'static str, String>, similar: Vec<Suggestion>, status: StatusCode) -> Response {
    let channels = CHANNELS.iter().map(|(v, _, k)| Opt { value: (*v).to_owned(), label: t.t(k) }).collect();
    let mut playbooks: Vec<Opt> = st.store.playbooks().list().into_iter().map(|(name, _, pb)| Opt { value: name, label: pb.title.clone() }).collect();
    playbooks.sort_by(|a, b| a.label.cmp(&b.label));
    let chosen = match f.contact {
        Some(id) => st.store.contact(id).await.ok().map(|d| {
            d.contact.name.or(d.contact.email).or(d.contact.phone).unwrap_or_else(|| t.s("entry-contact-n", &id.to_string()))
        }),
        None => None,
    };
    let similar = similar
        .iter()
        .map(|s| Similar {
            contact_id: s.contact_id,
            who: name_of(s, &t),
            details: details_of(s),
            why: why_text(s, &t),
            open: s.open.iter().map(|l| (l.id, lead_title(l, &t))).collect(),
        })
        .collect();
    let mut r = page(EntryPage {
        admin: c.role == Role::Admin,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "new",
        languages: LANGUAGES,
        f,
        channels,
        playbooks,
        error_count: errors.len() as i64,
        errors,
        chosen,
        similar,
        t,
    });
    if r.status() == StatusCode::OK {
        *r.status_mut() = status;
    }
    r
}

/// `GET /leads/new`: the empty form (`?contact=ID`: for that contact, their details filled in).
pub(super) async fn new_page(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> PageResult {
    c.require(pronto_domain::user::Action::CreateLead).map_err(fail(&st, &c, &t, "/inbox"))?;
    let mut f = Typed { channel: "phone".into(), ..Default::default() };
    if let Some(id) = q.get("contact").and_then(|v| v.parse::<i64>().ok()) {
        let d = st.store.contact(id).await.map_err(|e| fail(&st, &c, &t, "/leads/new")(app::or_not_found(e, "contact")))?;
        f.contact = Some(id);
        f.name = d.contact.name.unwrap_or_default();
        f.phone = d.contact.phone.unwrap_or_default();
        f.email = d.contact.email.unwrap_or_default();
        if let Some(co) = d.company {
            f.company = co.name.unwrap_or_default();
            f.company_id = co.company_id.unwrap_or_default();
        }
    }
    Ok(render(&st, &c, t, f, HashMap::new(), vec![], StatusCode::OK).await)
}

/// `POST /leads/new`: checked field by field (the form again with the messages and what was
/// typed), then — unless a contact was chosen or the duplicates were seen — the contacts it
/// may belong to; then the lead, and what happens next.
pub(super) async fn create(State(st): State<AppState>, Signed(c, t): Signed, Form(form): Form<HashMap<String, String>>) -> PageResult {
    let back = fail(&st, &c, &t, "/leads/new");
    c.require(pronto_domain::user::Action::CreateLead).map_err(&back)?;
    let f = Typed::read(&form);
    let mut draft = f.draft();
    // Adding to a chosen contact: their phone and e-mail where none was typed, so the intake
    // joins them (the same phone or e-mail is the same person).
    if let Some(id) = f.contact {
        let d = st.store.contact(id).await.map_err(|e| back(app::or_not_found(e, "contact")))?;
        if draft.contact.phone.is_none() && draft.contact.email.is_none() {
            draft.contact.phone = d.contact.phone.clone();
            draft.contact.email = d.contact.email.clone();
        } else if draft.contact.email.is_none() {
            draft.contact.email = d.contact.email.clone();
        }
    }
    let mut errors: HashMap<&'static str, String> = HashMap::new();
    if draft.channel.is_none() {
        errors.insert("channel", t.t("entry-err-channel"));
    }
    let known_playbook = st.store.playbooks().list().iter().any(|(n, ..)| *n == f.playbook.trim());
    if !f.playbook.trim().is_empty() && !known_playbook {
        errors.insert("playbook", t.t("entry-err-playbook"));
    }
    if let Err(fe) = draft.parse(st.region(), st.clock.now()) {
        for e in &fe.0 {
            let (field, key) = field_of(&e.field);
            errors.entry(field).or_insert_with(|| t.t(key));
        }
    }
    if !errors.is_empty() {
        return Ok(render(&st, &c, t.clone(), f, errors, vec![], StatusCode::UNPROCESSABLE_ENTITY).await);
    }
    if f.contact.is_none() && form.get("confirm").map(String::as_str) != Some("new") {
        let similar = app::entry::similar(&st, &c, &f.phone, &f.email, &f.company_id).await.map_err(&back)?;
        if !similar.is_empty() {
            return Ok(render(&st, &c, t.clone(), f, errors, similar, StatusCode::OK).await);
        }
    }
    let created = app::leads::create(&st, &c, draft, None).await.map_err(&back)?;
    let lead = created.lead;
    let next = app::entry::next(&st, &c, &lead).await.map_err(&back)?;
    let zone = user_tz(&st, &c);
    let headline = match (&next.owner, &next.task) {
        (Some(o), Some((task, due))) => t.with("entry-done-owner-task", &[("owner", o), ("task", task), ("due", &local(*due, &zone))]),
        (Some(o), None) => t.with("entry-done-owner", &[("owner", o)]),
        (None, Some((task, due))) => t.with("entry-done-task", &[("task", task), ("due", &local(*due, &zone))]),
        (None, None) => t.t("entry-done-nobody"),
    };
    let mut lines = vec![];
    match f.contact {
        Some(id) if id == lead.contact.id => lines.push(t.s("entry-done-joined", &name_or(&lead, &t))),
        Some(_) => lines.push(t.t("entry-done-not-joined")),
        None => {}
    }
    Ok(page(DonePage {
        admin: c.role == Role::Admin,
        now_iso: st.clock.now().to_string(),
        me: Some(c.user.name.clone()),
        page: "new",
        languages: LANGUAGES,
        lead_id: lead.id,
        headline,
        lines,
        t: t.clone(),
    }))
}

fn name_or(l: &pronto_store::LeadRecord, t: &Tr) -> String {
    l.contact.name.clone().or(l.contact.email.clone()).or(l.contact.phone.clone()).unwrap_or_else(|| t.s("entry-contact-n", &l.contact.id.to_string()))
}

/// One suggestion as JSON (the words in the reader's language).
#[derive(Serialize)]
pub(super) struct SimilarOut {
    contact_id: i64,
    name: String,
    phone: Option<String>,
    email: Option<String>,
    details: String,
    why: Vec<&'static str>,
    why_text: String,
    open: Vec<OpenOut>,
    add_label: String,
}

#[derive(Serialize)]
pub(super) struct OpenOut {
    id: i64,
    url: String,
    title: String,
    label: String,
}

#[derive(Serialize)]
pub(super) struct SimilarAnswer {
    heading: String,
    /// "Adding to {name}" in the reader's words.
    adding: String,
    suggestions: Vec<SimilarOut>,
}

/// `GET /leads/new/similar?phone=&email=&company_id=` (signed in): the contacts the inquiry
/// being typed may belong to.
pub(super) async fn similar(State(st): State<AppState>, Signed(c, t): Signed, Query(q): Query<HashMap<String, String>>) -> Response {
    let v = |k: &str| q.get(k).map(String::as_str).unwrap_or("");
    match app::entry::similar(&st, &c, v("phone"), v("email"), v("company_id")).await {
        Ok(found) => {
            let suggestions = found
                .iter()
                .map(|s| SimilarOut {
                    contact_id: s.contact_id,
                    name: name_of(s, &t),
                    phone: s.phone.clone(),
                    email: s.email.clone(),
                    details: details_of(s),
                    why: s.why.iter().map(|w| w.as_str()).collect(),
                    why_text: why_text(s, &t),
                    open: s
                        .open
                        .iter()
                        .map(|l| OpenOut { id: l.id, url: format!("/leads/{}", l.id), title: lead_title(l, &t), label: t.t("entry-open-this") })
                        .collect(),
                    add_label: t.t("entry-add-to-contact"),
                })
                .collect();
            let mut r = Json(SimilarAnswer { heading: t.t("entry-similar-heading"), adding: t.s("entry-adding-to", "{name}"), suggestions }).into_response();
            r.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
            r
        }
        Err(Error::Forbidden { why, .. }) => (StatusCode::FORBIDDEN, why).into_response(),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_draft_error_has_a_field_and_a_word() {
        for (field, want) in [
            ("contact.phone", "phone"),
            ("contact.email", "email"),
            ("contact.company_id", "company_id"),
            ("contact", "name"),
            ("channel", "channel"),
            ("subject", "subject"),
            ("whatever", "form"),
        ] {
            assert_eq!(field_of(field).0, want, "{field}");
        }
        let en = Tr::new("en");
        for f in ["channel", "contact.name", "contact.phone", "contact.email", "contact.company", "contact.company_id", "contact", "subject", "message", "playbook", "x"] {
            let key = field_of(f).1;
            assert_ne!(en.t(key), key, "{key} has an English word");
        }
    }

    #[test]
    fn the_channels_a_person_enters_are_the_intakes() {
        for (v, stored, _) in CHANNELS {
            let d = Typed { channel: v.into(), name: "Jana".into(), ..Default::default() }.draft();
            assert_eq!(d.channel.as_deref(), Some(stored));
            assert!(d.parse(pronto_domain::values::Region::default(), jiff::Timestamp::UNIX_EPOCH).is_ok(), "{v}");
        }
        assert_eq!(Typed { channel: "web".into(), ..Default::default() }.draft().channel, None, "web is not entered by hand");
    }
}
