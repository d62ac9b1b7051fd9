//! The customer's requisites on their page (issue 21): `POST /t/{token}/requisites`. The page
//! shows the section always (the customer may enter them at any time) and asks for them once an
//! offer was accepted; the type is chosen first (a GET form, no script), then the fields it
//! needs. A refused form comes back (422) with each message next to its field in the customer's
//! language and everything typed kept; saved → back to the page saying so, and the customer is
//! sent the same confirmation as when the team enters them (`app::requisites`). Rate-limited
//! per IP like every form of the page; the body is the page's bounded form.

use crate::ui::i18n::Tr;
use crate::ui::requisites::{RqForm, form, kind_of};
use pronto_domain::requisites::{Problems, RequisitesDraft};
use pronto_store::{OfferRecord, RequisitesRecord};

/// What the page says above the form.
pub struct Section {
    /// An offer was accepted and no requisites are there yet: the page asks for them.
    pub asked: bool,
    /// Requisites are on file.
    pub have: bool,
    /// Their type (`b2c`, `b2b`), for the "change" link.
    pub stored_type: String,
}

/// The section and its form: `asked_type` from the address (`rq_type`), `typed` the refused
/// form with its problems.
pub fn section(
    t: &Tr,
    token: &str,
    offers: &[OfferRecord],
    stored: Option<&RequisitesRecord>,
    asked_type: Option<&str>,
    typed: Option<(RequisitesDraft, Problems)>,
) -> (Section, RqForm) {
    let accepted = offers.iter().any(|o| o.status == "accepted");
    let s = Section { asked: accepted && stored.is_none(), have: stored.is_some(), stored_type: stored.map(|r| r.customer_type.clone()).unwrap_or_default() };
    let (draft, problems) = match typed {
        Some((d, p)) => (d, Some(p)),
        None => {
            // What is on file prefills a change (never the passport data); another type starts
            // empty.
            let d = stored.map(crate::app::requisites::draft_from).unwrap_or_default();
            let d = if asked_type.is_some() && asked_type != d.customer_type.as_deref() { RequisitesDraft::default() } else { d };
            (d, None)
        }
    };
    let kind = kind_of(asked_type, &draft);
    let rq = form(
        t,
        kind,
        &draft,
        problems.as_ref(),
        format!("/t/{token}"),
        format!("/t/{token}/requisites"),
        vec![("lang", t.lang.to_owned())],
        t.t("c-requisites-send"),
        stored.is_some_and(|r| r.has_id_document) && problems.is_none(),
    );
    (s, rq)
}
