//! Playbooks: checking a text (every problem with its place) and loading it (an admin's): a
//! changed text becomes the next version of its name; leads already running keep theirs.

use super::Result;
use crate::AppState;
use crate::auth::Caller;
use pronto_domain::user::Action;

/// A loaded playbook: its name and version, and whether the version is new.
pub struct Loaded {
    pub name: String,
    pub version: i64,
    pub created: bool,
}

/// Checks a playbook's text without loading it.
pub fn check(caller: &Caller, source: &str) -> Result<std::result::Result<pronto_playbook::Playbook, Vec<pronto_playbook::Problem>>> {
    caller.require(Action::ReadPlaybooks)?;
    Ok(pronto_playbook::parse(source))
}

/// Loads a playbook's text; an invalid one is refused with every problem and the last good
/// version stays.
pub async fn load(st: &AppState, caller: &Caller, source: String) -> Result<Loaded> {
    caller.require(Action::ManagePlaybooks)?;
    let name = pronto_playbook::parse(&source).map(|p| p.name).unwrap_or_default();
    let loaded = st.store.load_playbook(source, Some(caller.user.id), pronto_store::PlaybookSource::Admin).await?;
    let (version, created) = (loaded.version, loaded.new);
    st.audit_change(caller, crate::audit::kind::PLAYBOOK_LOADED, Some(format!("playbook/{name}")), serde_json::json!({ "version": version, "new": created }))
        .await;
    Ok(Loaded { name, version, created })
}

/// Goes back to an old version of `name`: its text loaded as the new current version
/// (audited as a load, with the version gone back to).
pub async fn go_back(st: &AppState, caller: &Caller, name: &str, version: i64, source: String) -> Result<Loaded> {
    caller.require(Action::ManagePlaybooks)?;
    let done = st.store.load_playbook(source, Some(caller.user.id), pronto_store::PlaybookSource::Admin).await?;
    let (loaded, created) = (done.version, done.new);
    st.audit_change(
        caller,
        crate::audit::kind::PLAYBOOK_LOADED,
        Some(format!("playbook/{name}")),
        serde_json::json!({ "version": loaded, "new": created, "back_to": version }),
    )
    .await;
    Ok(Loaded { name: name.to_owned(), version: loaded, created })
}
