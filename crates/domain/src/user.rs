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
}

impl Role {
    pub fn may(self, action: Action) -> bool {
        match action {
            Action::ManageUsers => self == Role::Admin,
            Action::ReadUsers | Action::CreateLead | Action::ReadLeads | Action::EditLead | Action::LogActivity => true,
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
