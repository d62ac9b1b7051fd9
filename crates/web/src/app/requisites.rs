//! The customer's requisites (issue 21): entered by staff (the lead card, the API) or by the
//! customer on their page; read by everyone who reads leads, except the passport data, which
//! only the roles `Action::ReadIdDocument` allows open, each read in the audit log.
//!
//! Entering them is `Action::EditRequisites` (the lead's owner, the assignee of an open task on
//! it, managers, admins), checked before anything is validated or written. Every save tells
//! the customer that their details arrived (e-mail, else SMS, in the lead's language).

use super::{Error, Result, or_not_found};
use crate::AppState;
use crate::auth::Caller;
use crate::ui::i18n::Tr;
use pronto_domain::requisites::{Problems, Requisites, RequisitesDraft};
use pronto_domain::user::Action;
use pronto_store::{LeadRecord, OfferMessage, RequisitesRecord};
use serde_json::json;

/// The passport data as this caller sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum IdDocument {
    /// None was entered (a legal entity, or nothing yet).
    Absent,
    /// There is one, and this caller may not read it (or did not ask to).
    Hidden,
    /// Opened for a caller allowed to (the read is in the audit log).
    Shown(String),
}

/// The requisites with the passport data as the caller sees it.
#[derive(Debug, Clone)]
pub struct View {
    pub record: RequisitesRecord,
    pub id_document: IdDocument,
    /// Whether the caller may open the passport data.
    pub may_read_id_document: bool,
}

/// Whether the caller may open the passport data of lead `lead_id`.
pub async fn may_read_id_document(st: &AppState, caller: &Caller, lead_id: i64) -> Result<bool> {
    if caller.role.may(Action::ReadIdDocument, &pronto_domain::user::On::NOTHING) {
        return Ok(true);
    }
    let on = crate::access::on_lead(st, caller, lead_id).await?;
    Ok(caller.role.may(Action::ReadIdDocument, &on))
}

/// Whether the caller may enter the requisites of lead `lead_id`.
pub async fn may_edit(st: &AppState, caller: &Caller, lead_id: i64) -> Result<bool> {
    if caller.role.may(Action::EditRequisites, &pronto_domain::user::On::NOTHING) {
        return Ok(true);
    }
    let on = crate::access::on_lead(st, caller, lead_id).await?;
    Ok(caller.role.may(Action::EditRequisites, &on))
}

/// The lead's requisites (`None` before any were entered). With `open_id_document`, the
/// passport data is opened for a caller allowed to (audited); to anyone else it is hidden.
pub async fn get(st: &AppState, caller: &Caller, lead_id: i64, open_id_document: bool) -> Result<Option<View>> {
    caller.require(Action::ReadLeads)?;
    let Some(record) = st.store.requisites(lead_id).await.map_err(|e| or_not_found(e, "lead"))? else {
        return Ok(None);
    };
    let may = may_read_id_document(st, caller, lead_id).await?;
    let id_document = match (record.has_id_document, may && open_id_document) {
        (false, _) => IdDocument::Absent,
        (true, false) => IdDocument::Hidden,
        (true, true) => match reveal_unchecked(st, caller, lead_id).await? {
            Some(v) => IdDocument::Shown(v),
            None => IdDocument::Absent,
        },
    };
    Ok(Some(View { record, id_document, may_read_id_document: may }))
}

/// Opens the passport data for a caller allowed to (403 otherwise), with its audit row.
pub async fn reveal(st: &AppState, caller: &Caller, lead_id: i64) -> Result<Option<String>> {
    caller.require(Action::ReadLeads)?;
    st.store.lead(lead_id).await.map_err(|e| or_not_found(e, "lead"))?;
    crate::access::require_on_lead(st, caller, Action::ReadIdDocument, lead_id).await?;
    reveal_unchecked(st, caller, lead_id).await
}

async fn reveal_unchecked(st: &AppState, caller: &Caller, lead_id: i64) -> Result<Option<String>> {
    let entry = crate::audit::entry(
        Some(&caller.user),
        caller.ip.clone(),
        crate::audit::kind::ID_DOCUMENT_READ,
        Some(format!("lead/{lead_id}")),
        json!({ "lead_id": lead_id }),
    );
    Ok(st.store.reveal_id_document(lead_id, entry).await.map_err(|e| or_not_found(e, "lead"))?)
}

/// Why a save was refused: the caller's, or the fields'.
pub enum Refused {
    Error(Error),
    Invalid(Problems),
}

impl From<Error> for Refused {
    fn from(e: Error) -> Self {
        Refused::Error(e)
    }
}

impl From<Refused> for Error {
    fn from(r: Refused) -> Self {
        match r {
            Refused::Error(e) => e,
            Refused::Invalid(p) => Error::Invalid(p.to_field_errors()),
        }
    }
}

/// Staff enter the requisites (`source`: `staff` from the pages, `api`): permission first,
/// then every field checked, then one transaction.
pub async fn save(
    st: &AppState,
    caller: &Caller,
    lead_id: i64,
    draft: &RequisitesDraft,
    source: &'static str,
) -> std::result::Result<RequisitesRecord, Refused> {
    caller.require(Action::ReadLeads)?;
    let lead = st.store.lead(lead_id).await.map_err(|e| or_not_found(e, "lead"))?;
    crate::access::require_on_lead(st, caller, Action::EditRequisites, lead_id).await?;
    let r = draft.parse(st.region()).map_err(Refused::Invalid)?;
    Ok(store(st, &lead, r, source, Some(caller.user.id)).await?)
}

/// The customer entered them on their page (lead found by the page's token).
pub async fn save_by_customer(st: &AppState, lead: &LeadRecord, draft: &RequisitesDraft) -> std::result::Result<RequisitesRecord, Refused> {
    let r = draft.parse(st.region()).map_err(Refused::Invalid)?;
    Ok(store(st, lead, r, "customer", None).await?)
}

async fn store(st: &AppState, lead: &LeadRecord, r: Requisites, source: &'static str, actor: Option<i64>) -> Result<RequisitesRecord> {
    let company = st.store.company_profile().await.ok().and_then(|c| c.name);
    let message = message_for(lead, &r, company.as_deref());
    st.store.save_requisites(lead.id, r, source, actor, message).await.map_err(|e| or_not_found(e, "lead"))
}

/// The confirmation that the details arrived: by e-mail (the one in the requisites, else the
/// contact's), else by SMS, in the inquiry's language, with the link to their page.
pub fn message_for(lead: &LeadRecord, r: &Requisites, company: Option<&str>) -> Option<OfferMessage> {
    let t = Tr::new(lead.language.as_deref().unwrap_or("en"));
    let link = lead.tracking_url.clone().unwrap_or_default();
    let company = company.unwrap_or_default();
    let name = match r {
        Requisites::Private(p) => p.full_name.as_str().to_owned(),
        Requisites::Legal(l) => l.contact_person.as_str().to_owned(),
    };
    let vars = [("link", link.as_str()), ("company", company), ("name", name.as_str())];
    let email = match r {
        Requisites::Private(p) => Some(p.email.as_str().to_owned()),
        Requisites::Legal(_) => None,
    }
    .or_else(|| lead.contact.email.clone());
    if let Some(address) = email {
        return Some(OfferMessage {
            channel: "email".into(),
            address,
            subject: Some(if company.is_empty() { t.t("requisites-mail-subject-plain") } else { t.with("requisites-mail-subject", &vars) }),
            text: t.with("requisites-mail-text", &vars),
        });
    }
    let phone = match r {
        Requisites::Private(p) => Some(p.phone.as_str().to_owned()),
        Requisites::Legal(_) => None,
    }
    .or_else(|| lead.contact.phone.clone());
    phone.map(|address| OfferMessage { channel: "sms".into(), address, subject: None, text: t.with("requisites-sms-text", &vars) })
}

/// The draft of a form's fields (the pages' and the customer's page's form).
pub fn draft_of(form: &[(String, String)]) -> RequisitesDraft {
    let get = |k: &str| form.iter().rev().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    RequisitesDraft {
        customer_type: get("customer_type"),
        full_name: get("full_name"),
        phone: get("phone"),
        email: get("email"),
        address: get("address"),
        id_document: get("id_document"),
        company: get("company"),
        company_id: get("company_id"),
        vat_id: get("vat_id"),
        contact_person: get("contact_person"),
    }
}

/// A draft to fill a form with what is stored (the passport data never: it is typed anew).
pub fn draft_from(r: &RequisitesRecord) -> RequisitesDraft {
    RequisitesDraft {
        customer_type: Some(r.customer_type.clone()),
        full_name: r.full_name.clone(),
        phone: r.phone.clone(),
        email: r.email.clone(),
        address: Some(r.address.clone()),
        id_document: None,
        company: r.company.clone(),
        company_id: r.company_id.clone(),
        vat_id: r.vat_id.clone(),
        contact_person: r.contact_person.clone(),
    }
}
