//! The team's side of the customer's page: revoking a lead's page link, and the documents
//! customers sent from their page (listed, and downloaded only as attachments).

use super::{or_not_found, path_id};
use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use pronto_domain::user::Action;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct TrackingOut {
    /// The new link to the customer's page; the old one answers 404 from now on.
    pub tracking_url: String,
}

/// Revoke the customer's page link of a lead (it reached the wrong person): a new link is made
/// and the old one stops working at once.
#[utoipa::path(post, path = "/api/v1/leads/{id}/tracking/revoke", tag = "leads", params(("id" = i64, Path)),
    responses((status = 200, body = TrackingOut), (status = 401, body = Problem),
        (status = 403, description = "Only the lead's owner, managers and admins revoke a customer's link", body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn revoke(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<TrackingOut>> {
    caller.require(Action::EditLead)?;
    let id = path_id(&id, "lead")?;
    Ok(Json(TrackingOut { tracking_url: crate::app::leads::revoke_link(&st, &caller, id).await? }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentOut {
    pub id: i64,
    pub lead_id: i64,
    /// As the customer named it.
    pub filename: String,
    /// What the content was recognised as (not what the browser claimed).
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: String,
    /// `GET` it for the file (always an attachment).
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentList {
    pub items: Vec<DocumentOut>,
}

impl From<pronto_store::CustomerFileRecord> for DocumentOut {
    fn from(f: pronto_store::CustomerFileRecord) -> Self {
        DocumentOut {
            url: format!("/api/v1/documents/{}", f.id),
            id: f.id,
            lead_id: f.lead_id,
            filename: f.filename,
            content_type: f.content_type,
            size: f.size,
            sha256: f.sha256,
            created_at: f.created_at.to_string(),
        }
    }
}

/// The documents the customer sent from their page (the lead's owner, managers and admins).
#[utoipa::path(get, path = "/api/v1/leads/{id}/documents", tag = "leads", params(("id" = i64, Path)),
    responses((status = 200, body = DocumentList), (status = 401, body = Problem),
        (status = 403, description = "Only the lead's owner, managers and admins see a customer's documents", body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn documents(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Json<DocumentList>> {
    caller.require(Action::ReadLeads)?;
    let id = path_id(&id, "lead")?;
    st.store.lead(id).await.map_err(|e| or_not_found(e, "lead"))?;
    crate::access::require_on_lead(&st, &caller, Action::ReadPersonalData, id).await?;
    let items = st.store.customer_files(id).await?.into_iter().map(Into::into).collect();
    Ok(Json(DocumentList { items }))
}

/// Download a document a customer sent: decrypted, always as an attachment, never shown inline.
/// The lead's owner, managers and admins only; every download is in the audit log.
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "leads", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 401, body = Problem),
        (status = 403, description = "Only the lead's owner, managers and admins open a customer's documents", body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn document(State(st): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Response> {
    caller.require(Action::ReadLeads)?;
    let id = path_id(&id, "document")?;
    let info = st.store.customer_file_info(id).await.map_err(|e| or_not_found(e, "document"))?;
    crate::access::require_on_lead(&st, &caller, Action::ReadPersonalData, info.lead_id).await?;
    let (f, bytes) = st.store.customer_file(id).await.map_err(|e| or_not_found(e, "document"))?;
    // Recorded before it is served: a read that cannot be recorded is refused (503).
    st.audit(&caller, crate::audit::kind::DOCUMENT_READ, Some(format!("lead/{}", f.lead_id)), serde_json::json!({ "document_id": f.id, "filename": f.filename }))
        .await?;
    Ok(super::mail::download(&f.filename, &f.content_type, bytes))
}
