//! Users and their roles. What each role may do is decided here, so the edge only asks.

use crate::lead::vocabulary;

vocabulary!(
    /// The roles of the contract.
    Role {
        Admin = "admin",
        Manager = "manager",
        Consultant = "consultant",
        Specialist = "specialist",
        Coordinator = "coordinator",
        Secretary = "secretary",
    }
);

/// Something a user may try to do. Deny by default: every action is listed here and
/// [`Role::may`] answers for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ManageUsers,
    ReadUsers,
    CreateLead,
    ReadLeads,
    EditLead,
    LogActivity,
    /// Complete a task (any task: a colleague may stand in).
    WorkTasks,
    /// Read the playbooks and their diagrams.
    ReadPlaybooks,
    /// Load a new playbook version.
    ManagePlaybooks,
    /// Read every notification, not only one's own.
    ReadAllNotifications,
    /// Subscribe other systems to events.
    ManageWebhooks,
    /// See the mailboxes' state and test their connections.
    ManageMail,
}

impl Role {
    pub fn may(self, action: Action) -> bool {
        match action {
            Action::ManageUsers | Action::ManagePlaybooks | Action::ManageWebhooks | Action::ManageMail => self == Role::Admin,
            Action::ReadAllNotifications => matches!(self, Role::Admin | Role::Manager),
            Action::ReadUsers
            | Action::CreateLead
            | Action::ReadLeads
            | Action::EditLead
            | Action::LogActivity
            | Action::WorkTasks
            | Action::ReadPlaybooks => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_admins_manage_users() {
        for role in Role::ALL {
            assert_eq!(role.may(Action::ManageUsers), *role == Role::Admin, "{role}");
            assert!(role.may(Action::CreateLead));
        }
        assert_eq!(Role::parse("secretary").unwrap(), Role::Secretary);
        assert!(Role::parse("boss").is_err());
    }
}
