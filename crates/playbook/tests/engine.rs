//! The engine as a pure function: (playbook, lead, trigger, now, directory) → commands, with a
//! virtual clock and no database. Business time across Prague's DST changes, the next working
//! time after a Friday night, presence, and stable notification keys.

use jiff::Timestamp;
use pronto_domain::lead::{Channel, LeadStatus};
use pronto_domain::user::Role;
use pronto_playbook::{Cmd, DirUser, Directory, LeadState, Presence, Trigger, step};

fn agency() -> pronto_playbook::Playbook {
    pronto_playbook::parse(pronto_playbook::builtin("agency").unwrap()).unwrap()
}

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn lead(received: Timestamp) -> LeadState {
    LeadState {
        id: 7,
        channel: Channel::Web,
        stage: "received".into(),
        status: LeadStatus::Open,
        owner: None,
        entered_by: None,
        contact_name: Some("Jana Nováková".into()),
        contact_phone: Some("+420777123456".into()),
        contact_email: None,
        customer_type: None,
        subject: None,
        message: None,
        postal_code: None,
        product: None,
        source: None,
        language: None,
        received_at: received,
        first_response_at: None,
        open_tasks: vec![],
        timers: vec![],
        tracking_token: None,
    }
}

fn person(id: i64, login: &str, role: Role, presence: Presence) -> DirUser {
    DirUser {
        id,
        login: login.into(),
        name: login.into(),
        role,
        presence,
        phone: Some(format!("+42077700000{id}")),
        email: None,
        calendar: None,
        open_tasks: 0,
        language: None,
    }
}

fn team(consultant: Presence) -> Directory {
    Directory {
        users: vec![
            person(1, "jana", Role::Consultant, consultant),
            person(2, "olga", Role::Coordinator, Presence::Available),
            person(3, "milan", Role::Manager, Presence::Available),
        ],
        cursors: Default::default(),
        messages: Default::default(),
    }
}

fn timer(cmds: &[Cmd], kind: &str) -> Option<Timestamp> {
    cmds.iter().find_map(|c| match c {
        Cmd::SetTimer { kind: k, due_at, .. } if k == kind => Some(*due_at),
        _ => None,
    })
}

fn task_due(cmds: &[Cmd]) -> Timestamp {
    cmds.iter()
        .find_map(|c| match c {
            Cmd::CreateTask(t) => Some(t.due_at),
            _ => None,
        })
        .expect("a task")
}

/// (received, the first-response SLA's breach, the call task's due time) — hand-computed on
/// the office calendar (Europe/Prague, Mon–Fri 09:00–17:00).
const TABLE: &[(&str, &str, &str)] = &[
    // A Tuesday morning: 10 working minutes later; the call is due at once.
    ("2031-05-06T07:00:00Z", "2031-05-06T07:10:00Z", "2031-05-06T07:00:00Z"),
    // 23:59 on Friday: Monday 09:10; the task at Monday 09:00.
    ("2031-05-09T21:59:00Z", "2031-05-12T07:10:00Z", "2031-05-12T07:00:00Z"),
    // Friday 16:55 CET before clocks go forward (Sunday 2031-03-30): 5 min on Friday,
    // 5 on Monday 09:00 CEST (07:00Z).
    ("2031-03-28T15:55:00Z", "2031-03-31T07:05:00Z", "2031-03-28T15:55:00Z"),
    // Friday 16:55 CEST before clocks go back (Sunday 2031-10-26): Monday 09:05 CET (08:05Z).
    ("2031-10-24T14:55:00Z", "2031-10-27T08:05:00Z", "2031-10-24T14:55:00Z"),
    // Christmas Eve 2026 (a Thursday and a holiday) 10:00: the 25th and 26th are holidays,
    // the 27th a Sunday, so Monday the 28th, 09:10 CET.
    ("2026-12-24T09:00:00Z", "2026-12-28T08:10:00Z", "2026-12-28T08:00:00Z"),
];

#[test]
fn business_time_across_nights_weekends_dst_and_holidays() {
    let pb = agency();
    for (received, breach, due) in TABLE {
        let now = at(received);
        let cmds = step(&pb, &lead(now), &Trigger::LeadReceived, "received", now, &team(Presence::Available));
        assert_eq!(timer(&cmds, "sla:first_response:breach"), Some(at(breach)), "breach for a lead at {received}");
        assert_eq!(task_due(&cmds), at(due), "call task for a lead at {received}");
        let warn = timer(&cmds, "sla:first_response:warn").unwrap();
        assert!(warn >= now && warn < at(breach), "the warning comes first: {warn}");
    }
}

#[test]
fn a_new_lead_is_assigned_tasked_and_announced() {
    let pb = agency();
    let now = at("2031-05-06T07:00:00Z");
    let cmds = step(&pb, &lead(now), &Trigger::LeadReceived, "received", now, &team(Presence::Available));
    assert!(
        matches!(&cmds[..], [Cmd::Event { kind: "playbook.rule", .. }, Cmd::SetCursor { .. }, Cmd::Assign { user: 1, .. }, ..]),
        "{cmds:#?}"
    );
    let sms: Vec<_> = cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::Notify(n) if n.channel == "sms" => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(sms.len(), 1);
    assert_eq!(sms[0].text, "New inquiry: Jana Nováková +420 777 123 456, web — call now. Lead 7");
    assert_eq!(sms[0].address.as_deref(), Some("+420777000001"));
    // Replaying the same decision gives the same keys (a redelivery is recognisable), and
    // every notification of one decision has its own.
    let again = step(&pb, &lead(now), &Trigger::LeadReceived, "received", now, &team(Presence::Available));
    assert_eq!(cmds, again, "a pure function");
    let keys: Vec<&str> = cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::Notify(n) => Some(n.key.as_str()),
            _ => None,
        })
        .collect();
    let unique: std::collections::HashSet<&&str> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len(), "{keys:?}");
}

#[test]
fn a_consultant_in_a_meeting_is_not_assigned_and_urgent_work_goes_on() {
    let pb = agency();
    let now = at("2031-05-06T07:00:00Z");
    let cmds = step(&pb, &lead(now), &Trigger::LeadReceived, "received", now, &team(Presence::Meeting));
    assert!(!cmds.iter().any(|c| matches!(c, Cmd::Assign { .. })), "{cmds:#?}");
    assert!(
        cmds.iter().any(|c| matches!(c, Cmd::Notify(n) if n.user == Some(2) && n.channel == "sms")),
        "the coordinator is told at once: {cmds:#?}"
    );
    assert!(cmds.iter().any(|c| matches!(c, Cmd::HandOver { to: 2, .. })));
    assert!(!cmds.iter().any(|c| matches!(c, Cmd::Notify(n) if n.user == Some(1))), "nothing interrupts the meeting");
}

#[test]
fn a_closed_lead_keeps_no_timers_or_tasks() {
    let pb = agency();
    let now = at("2031-05-06T07:00:00Z");
    let mut l = lead(now);
    l.stage = "lost".into();
    l.status = LeadStatus::Lost;
    l.timers = vec!["sla:first_response:breach".into(), "retry:first_call".into()];
    l.open_tasks = vec![pronto_playbook::OpenTask { id: 1, task: "first_call".into(), assignee: Some(1), attempt: 1 }];
    let cmds = step(&pb, &l, &Trigger::StageEntered { from: Some("received".into()) }, "p1", now, &team(Presence::Available));
    assert!(cmds.contains(&Cmd::CancelTimers { kind: String::new(), prefix: true }), "{cmds:#?}");
    assert!(cmds.iter().any(|c| matches!(c, Cmd::CancelTasks { task: None, .. })));
    // A timer of a closed lead that fires anyway (it raced the close) does nothing.
    let fired = step(
        &pb,
        &l,
        &Trigger::TimerElapsed { kind: "retry:first_call".into(), payload: serde_json::json!({"attempt": 2}) },
        "t9",
        now,
        &team(Presence::Available),
    );
    assert!(!fired.iter().any(|c| matches!(c, Cmd::CreateTask(_))), "{fired:#?}");
}

/// A deactivated user's hold on a lead goes back to the assignment of their role's pool:
/// table of who else is there → the new owner (or none) and where the open tasks go.
#[test]
fn a_deactivated_owner_hands_the_lead_back_to_the_pool() {
    use pronto_playbook::OpenTask;
    let pb = agency();
    let now = at("2031-05-06T07:00:00Z");
    // (the other consultant's presence, if there is one; the new owner, who also gets her task)
    let table: &[(Option<Presence>, Option<i64>)] =
        &[(Some(Presence::Available), Some(4)), (Some(Presence::Away), None), (Some(Presence::Meeting), None), (None, None)];
    for (other, owner) in table {
        // Jana (1) left: the directory no longer has her.
        let mut dir = team(Presence::Available);
        dir.users.retain(|u| u.id != 1);
        if let Some(p) = other {
            dir.users.push(person(4, "petr", Role::Consultant, *p));
        }
        let mut l = lead(now);
        l.owner = Some(1);
        l.open_tasks = vec![
            OpenTask { id: 10, task: "first_call".into(), assignee: Some(1), attempt: 1 },
            OpenTask { id: 11, task: "follow_up".into(), assignee: Some(2), attempt: 1 },
        ];
        let cmds = pronto_playbook::hand_back(&pb, &l, 1, Role::Consultant, now, &dir);
        let assigned = cmds.iter().find_map(|c| match c {
            Cmd::Assign { user, .. } => Some(*user),
            _ => None,
        });
        assert_eq!(assigned, *owner, "{other:?}: {cmds:#?}");
        assert_eq!(cmds.iter().any(|c| matches!(c, Cmd::Unassign { .. })), owner.is_none(), "{other:?}: {cmds:#?}");
        let moved: Vec<(i64, Option<i64>)> = cmds
            .iter()
            .filter_map(|c| match c {
                Cmd::ReassignTask { task_id, to, .. } => Some((*task_id, *to)),
                _ => None,
            })
            .collect();
        assert_eq!(moved, vec![(10, *owner)], "only her task moves, to the new owner or to nobody: {other:?}");
    }
    // A lead she does not own: only her tasks move, to the owner.
    let mut l = lead(now);
    l.owner = Some(3);
    l.open_tasks = vec![OpenTask { id: 12, task: "first_call".into(), assignee: Some(1), attempt: 1 }];
    let mut dir = team(Presence::Available);
    dir.users.retain(|u| u.id != 1);
    let cmds = pronto_playbook::hand_back(&pb, &l, 1, Role::Consultant, now, &dir);
    assert!(matches!(&cmds[..], [Cmd::ReassignTask { task_id: 12, to: Some(3), .. }]), "{cmds:#?}");
    // A closed lead keeps its owner for the record.
    let mut l = lead(now);
    l.owner = Some(1);
    l.status = LeadStatus::Won;
    assert!(pronto_playbook::hand_back(&pb, &l, 1, Role::Consultant, now, &dir).is_empty());
}
