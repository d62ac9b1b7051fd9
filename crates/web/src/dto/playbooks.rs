//! Playbooks on the wire: the list, one version, a check's problems, a load's answer.

use super::*;

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookSummary {
    pub name: String,
    pub title: String,
    pub description: String,
    /// The version new leads start on.
    pub version: i64,
    pub default: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookList {
    pub items: Vec<PlaybookSummary>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StageOut {
    pub id: String,
    pub title: String,
    pub description: String,
    /// The status a lead gets on entering it (`won`, `lost`), if it closes the lead.
    pub status: Option<String>,
    pub next: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookVersionOut {
    pub version: i64,
    pub loaded_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookOut {
    pub name: String,
    pub title: String,
    pub description: String,
    pub version: i64,
    pub default: bool,
    pub calendar: String,
    pub time_zone: String,
    pub stages: Vec<StageOut>,
    /// Task definitions by id, with their scripts.
    #[schema(value_type = Object)]
    pub tasks: Value,
    /// SLAs by id.
    #[schema(value_type = Object)]
    pub slas: Value,
    pub rules: Vec<String>,
    pub versions: Vec<PlaybookVersionOut>,
    /// The TOML text of this version.
    pub source: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookLoaded {
    pub name: String,
    pub version: i64,
    /// False when the text was the same as the current version's.
    pub created: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookCheck {
    pub valid: bool,
    pub name: Option<String>,
    pub problems: Vec<PlaybookProblem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaybookProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}
