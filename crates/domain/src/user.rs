//! Users and their roles, and what each role may do — to any record, or to one lead given how
//! the caller stands to it ([`On`]: its owner, the assignee of an open task on it, or neither).
//! Decided here, so the edge only asks: [`Role::may`]. Deny by default.
//!
//! The model, for a small company (the README's "Roles and permissions" is this table):
//! - everyone sees every lead (list, card, timeline, the e-mail conversation, the customer's
//!   contact details — whoever picks up the phone must be able to answer it), creates leads,
//!   logs calls and notes, hands a lead over, moves it through the intake and works tasks;
//! - the deal — moving a lead into a stage after the intake or closing it as won — is not the
//!   secretary's: she works the intake and hands over;
//! - a customer's documents and mail attachments (ID documents, contracts) are opened by the
//!   lead's owner, managers and admins only, and so is revoking the customer's page link;
//! - e-mail from the company's address goes out from the lead's owner, from someone with an
//!   open task on the lead, or from a manager or admin;
//! - users, playbooks, webhooks, mailboxes and the audit log are the admin's.

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
    /// Leads in lists and on their card, with the contact's name, phone and e-mail, the
    /// timeline and the e-mail conversation.
    ReadLeads,
    /// Edit a lead's fields, hand it over (owner), move it within the intake or close it as
    /// lost, add a task to it.
    EditLead,
    LogActivity,
    /// Move a lead into a deal stage (after the intake) or close it as won.
    WorkDeal,
    /// Write to the customer from the company's address.
    SendEmail,
    /// Open the customer's documents (sent from their page) and mail attachments.
    ReadPersonalData,
    /// Revoke the customer's page link (a new one is made).
    RevokeLink,
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
    /// Read the audit log.
    ReadAudit,
    /// Add and change the catalogue's products, import a catalogue file (everyone signed in
    /// reads the catalogue).
    ManageCatalogue,
    /// Enter or change the customer's requisites (issue 21): the lead's owner, the assignee
    /// of an open task on it (the task asking for them), managers and admins.
    EditRequisites,
    /// Read the passport data in the customer's requisites (issue 21; each read audited): the
    /// lead's owner, managers and admins — not an assignee, who needs no more than the rest.
    ReadIdDocument,
    /// Read the customers' complaints (management's table, its exports) and resolve them
    /// (issue 21, quality): managers and admins.
    ManageComplaints,
    /// Record a payment on an invoice (issue 21): the lead's owner, managers and admins.
    RecordPayment,
    /// Import bank statements and work the review list of unmatched lines (issue 21):
    /// managers and admins.
    ReconcilePayments,
    /// The supplier's purchase (issue 21): let the customer's invoice go without the supplier's
    /// invoice (an override, recorded) and mark the supplier paid — managers and admins.
    ManagePurchases,
}

impl Action {
    pub const ALL: &'static [Action] = &[
        Action::ManageUsers,
        Action::ReadUsers,
        Action::CreateLead,
        Action::ReadLeads,
        Action::EditLead,
        Action::LogActivity,
        Action::WorkDeal,
        Action::SendEmail,
        Action::ReadPersonalData,
        Action::RevokeLink,
        Action::WorkTasks,
        Action::ReadPlaybooks,
        Action::ManagePlaybooks,
        Action::ReadAllNotifications,
        Action::ManageWebhooks,
        Action::ManageMail,
        Action::ReadAudit,
        Action::ManageCatalogue,
        Action::EditRequisites,
        Action::ReadIdDocument,
        Action::ManageComplaints,
        Action::RecordPayment,
        Action::ReconcilePayments,
        Action::ManagePurchases,
    ];

    /// How a refusal explains itself (`the role `secretary` may not …`).
    pub fn describe(self) -> &'static str {
        match self {
            Action::ManageUsers => "manage users",
            Action::ReadUsers => "read users",
            Action::CreateLead => "create leads",
            Action::ReadLeads => "read leads",
            Action::EditLead => "edit leads",
            Action::LogActivity => "log activities",
            Action::WorkDeal => "move a lead into a deal stage or close it as won (that is the deal, after the intake)",
            Action::SendEmail => "send e-mail on a lead they neither own nor have an open task on",
            Action::ReadPersonalData => "open the customer's documents or attachments of a lead they do not own",
            Action::RevokeLink => "revoke the customer's page link of a lead they do not own",
            Action::WorkTasks => "work tasks",
            Action::ReadPlaybooks => "read playbooks",
            Action::ManagePlaybooks => "load playbooks",
            Action::ReadAllNotifications => "read everyone's notifications",
            Action::ManageWebhooks => "manage webhooks",
            Action::ManageMail => "manage mailboxes",
            Action::ReadAudit => "read the audit log",
            Action::ManageCatalogue => "change the catalogue of products",
            Action::EditRequisites => "enter the customer's requisites on a lead they neither own nor have an open task on",
            Action::ReadIdDocument => "read the passport data of the customer of a lead they do not own",
            Action::ManageComplaints => "read and resolve the customers' complaints",
            Action::RecordPayment => "record a payment on an invoice of a lead they do not own",
            Action::ReconcilePayments => "import bank statements or work the review list of payments",
            Action::ManagePurchases => "override the supplier's invoice or mark a supplier paid",
        }
    }
}

/// How the caller stands to the record an action is about. [`On::NOTHING`] for an action
/// that is about no one record (or a caller with no relation to it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct On {
    /// The caller owns the lead.
    pub owner: bool,
    /// The caller is the assignee of an open task on the lead.
    pub assignee: bool,
}

impl On {
    pub const NOTHING: On = On { owner: false, assignee: false };
    pub const OWNER: On = On { owner: true, assignee: false };
    pub const ASSIGNEE: On = On { owner: false, assignee: true };
}

impl Role {
    /// May this role do `action` to a record it stands to as `on`? Deny by default: every
    /// action is answered here, and relations only ever add to what a role may do.
    pub fn may(self, action: Action, on: &On) -> bool {
        let privileged = matches!(self, Role::Admin | Role::Manager);
        match action {
            Action::ManageUsers | Action::ManagePlaybooks | Action::ManageWebhooks | Action::ManageMail | Action::ReadAudit => {
                self == Role::Admin
            }
            Action::ReadAllNotifications | Action::ManageCatalogue | Action::ManageComplaints | Action::ReconcilePayments | Action::ManagePurchases => {
                privileged
            }
            Action::ReadUsers
            | Action::CreateLead
            | Action::ReadLeads
            | Action::EditLead
            | Action::LogActivity
            | Action::WorkTasks
            | Action::ReadPlaybooks => true,
            Action::WorkDeal => self != Role::Secretary,
            Action::SendEmail | Action::EditRequisites => privileged || on.owner || on.assignee,
            Action::ReadPersonalData | Action::RevokeLink | Action::ReadIdDocument | Action::RecordPayment => {
                privileged || on.owner
            }
        }
    }
}

/// The permission table, row by row: roles × action × relation → allowed. The relation is
/// `owner`, `assignee` (of an open task on the lead), `other`, or `*` (whatever the
/// relation: the row holds for all three). [`Role::may`] is checked against every row and the
/// table against every role × action × relation (`tests::the_permission_table`); the API
/// tests try every row through the real server, and the README's "Roles and permissions" is
/// this table.
pub const TABLE: &[(&str, Action, &str, bool)] = {
    use Action::*;
    &[
        // Everyone: the leads, the intake, tasks, playbooks, the team.
        ("admin manager consultant specialist coordinator secretary", ReadLeads, "*", true),
        ("admin manager consultant specialist coordinator secretary", CreateLead, "*", true),
        ("admin manager consultant specialist coordinator secretary", EditLead, "*", true),
        ("admin manager consultant specialist coordinator secretary", LogActivity, "*", true),
        ("admin manager consultant specialist coordinator secretary", WorkTasks, "*", true),
        ("admin manager consultant specialist coordinator secretary", ReadPlaybooks, "*", true),
        ("admin manager consultant specialist coordinator secretary", ReadUsers, "*", true),
        // The deal: not the secretary's, whatever her relation to the lead.
        ("admin manager consultant specialist coordinator", WorkDeal, "*", true),
        ("secretary", WorkDeal, "*", false),
        // E-mail from the company's address: owner, task assignee, managers, admins.
        ("admin manager", SendEmail, "*", true),
        ("consultant specialist coordinator secretary", SendEmail, "owner", true),
        ("consultant specialist coordinator secretary", SendEmail, "assignee", true),
        ("consultant specialist coordinator secretary", SendEmail, "other", false),
        // Documents and attachments; revoking the customer's link: owner, managers, admins.
        ("admin manager", ReadPersonalData, "*", true),
        ("consultant specialist coordinator secretary", ReadPersonalData, "owner", true),
        ("consultant specialist coordinator secretary", ReadPersonalData, "assignee", false),
        ("consultant specialist coordinator secretary", ReadPersonalData, "other", false),
        ("admin manager", RevokeLink, "*", true),
        ("consultant specialist coordinator secretary", RevokeLink, "owner", true),
        ("consultant specialist coordinator secretary", RevokeLink, "assignee", false),
        ("consultant specialist coordinator secretary", RevokeLink, "other", false),
        // Everyone's notifications: managers and admins.
        ("admin manager", ReadAllNotifications, "*", true),
        ("consultant specialist coordinator secretary", ReadAllNotifications, "*", false),
        // The catalogue's products: managers and admins change them (everyone reads them).
        ("admin manager", ManageCatalogue, "*", true),
        ("consultant specialist coordinator secretary", ManageCatalogue, "*", false),
        // The customer's requisites (issue 21): entered by the owner, the task's assignee,
        // managers and admins; the passport data in them read by the owner, managers and admins.
        ("admin manager", EditRequisites, "*", true),
        ("consultant specialist coordinator secretary", EditRequisites, "owner", true),
        ("consultant specialist coordinator secretary", EditRequisites, "assignee", true),
        ("consultant specialist coordinator secretary", EditRequisites, "other", false),
        ("admin manager", ReadIdDocument, "*", true),
        ("consultant specialist coordinator secretary", ReadIdDocument, "owner", true),
        ("consultant specialist coordinator secretary", ReadIdDocument, "assignee", false),
        ("consultant specialist coordinator secretary", ReadIdDocument, "other", false),
        // The customers' complaints (issue 21): management's table, read and resolved by
        // managers and admins.
        ("admin manager", ManageComplaints, "*", true),
        ("consultant specialist coordinator secretary", ManageComplaints, "*", false),
        // Payments (issue 21): recorded by the lead's owner, managers and admins; statements
        // imported and the review list worked by managers and admins.
        ("admin manager", RecordPayment, "*", true),
        ("consultant specialist coordinator secretary", RecordPayment, "owner", true),
        ("consultant specialist coordinator secretary", RecordPayment, "assignee", false),
        ("consultant specialist coordinator secretary", RecordPayment, "other", false),
        ("admin manager", ReconcilePayments, "*", true),
        ("consultant specialist coordinator secretary", ReconcilePayments, "*", false),
        // The supplier's purchase (issue 21): overriding the supplier's invoice and paying the
        // supplier are management's (everyone working the deal requests and attaches).
        ("admin manager", ManagePurchases, "*", true),
        ("consultant specialist coordinator secretary", ManagePurchases, "*", false),
        // Administration: admins only.
        ("admin", ManageUsers, "*", true),
        ("admin", ManagePlaybooks, "*", true),
        ("admin", ManageWebhooks, "*", true),
        ("admin", ManageMail, "*", true),
        ("admin", ReadAudit, "*", true),
        ("manager consultant specialist coordinator secretary", ManageUsers, "*", false),
        ("manager consultant specialist coordinator secretary", ManagePlaybooks, "*", false),
        ("manager consultant specialist coordinator secretary", ManageWebhooks, "*", false),
        ("manager consultant specialist coordinator secretary", ManageMail, "*", false),
        ("manager consultant specialist coordinator secretary", ReadAudit, "*", false),
    ]
};

#[cfg(test)]
mod tests {
    use super::*;

    fn relations(r: &str) -> Vec<On> {
        match r {
            "*" => vec![On::OWNER, On::ASSIGNEE, On::NOTHING],
            "owner" => vec![On::OWNER],
            "assignee" => vec![On::ASSIGNEE],
            "other" => vec![On::NOTHING],
            _ => panic!("unknown relation {r}"),
        }
    }

    #[test]
    fn the_permission_table() {
        let mut covered = std::collections::BTreeSet::new();
        for (roles, action, relation, allowed) in TABLE {
            for role in roles.split_whitespace() {
                let role = Role::parse(role).unwrap();
                for on in relations(relation) {
                    assert_eq!(role.may(*action, &on), *allowed, "{role} {action:?} {on:?}");
                    assert!(covered.insert((role.as_str(), format!("{action:?}"), on.owner, on.assignee)), "{role} {action:?} twice");
                }
            }
        }
        // The table is complete: every role × action × relation has exactly one row.
        assert_eq!(covered.len(), Role::ALL.len() * Action::ALL.len() * 3);
    }

    #[test]
    fn being_owner_and_assignee_adds_nothing_beyond_owner() {
        let both = On { owner: true, assignee: true };
        for role in Role::ALL {
            for action in Action::ALL {
                assert_eq!(role.may(*action, &both), role.may(*action, &On::OWNER), "{role} {action:?}");
            }
        }
        assert_eq!(Role::parse("secretary").unwrap(), Role::Secretary);
        assert!(Role::parse("boss").is_err());
    }
}
