//! The built-in playbooks are valid.

#[test]
fn builtin_playbooks_parse() {
    for (name, src) in pronto_playbook::BUILTIN {
        match pronto_playbook::parse(src) {
            Ok(pb) => assert_eq!(pb.name, *name),
            Err(p) => panic!("{}", pronto_playbook::render_problems(&p, name, src)),
        }
    }
}

/// The intake is the first stage and the stages it leads to directly; every later stage and
/// closing as won is the deal (the secretary's limit, `Action::WorkDeal`).
#[test]
fn deal_stages_of_the_builtins() {
    let table: &[(&str, &str, bool)] = &[
        ("agency", "received", false),
        ("agency", "contacted", false),
        ("agency", "lost", false),
        ("agency", "qualified", true),
        ("agency", "offer", true),
        ("agency", "won", true),
        ("agency", "no_such_stage", false),
        ("distributor", "received", false),
        ("distributor", "confirmed", false),
        ("distributor", "lost", false),
        ("distributor", "contacted", true),
        ("distributor", "deal", true),
        ("distributor", "invoiced", true),
        ("distributor", "paid", true),
        ("distributor", "delivered", true),
        ("distributor", "won", true),
    ];
    for (name, stage, deal) in table {
        let pb = pronto_playbook::parse(pronto_playbook::builtin(name).unwrap()).unwrap();
        assert_eq!(pb.is_deal_stage(stage), *deal, "{name} {stage}");
    }
}

/// Moving a lead by hand follows the stage's `next`; anything else is an admin's override
/// (recorded by the caller) or refused with the stages that are allowed (issue 18, item 11).
#[test]
fn stage_moves_follow_next() {
    use pronto_playbook::model::StageMove::{self, *};
    let refused = |a: &[&str]| Refused { allowed: a.iter().map(|s| s.to_string()).collect() };
    let table: Vec<(&str, &str, &str, bool, StageMove)> = vec![
        ("agency", "received", "received", false, Stay),
        ("agency", "received", "contacted", false, Follows),
        ("agency", "received", "lost", false, Follows),
        ("agency", "received", "won", false, refused(&["contacted", "lost"])),
        ("agency", "received", "won", true, Override),
        ("agency", "received", "offer", false, refused(&["contacted", "lost"])),
        ("agency", "contacted", "qualified", false, Follows),
        ("agency", "contacted", "received", false, refused(&["qualified", "lost"])),
        ("agency", "contacted", "received", true, Override),
        ("agency", "offer", "won", false, Follows),
        ("agency", "won", "received", false, refused(&[])),
        ("agency", "received", "no_such_stage", true, Unknown),
        ("agency", "a_stage_since_removed", "contacted", false, Follows),
        ("distributor", "received", "confirmed", false, Follows),
        ("distributor", "received", "won", false, refused(&["confirmed", "lost"])),
        ("distributor", "paid", "delivered", false, Follows),
        ("distributor", "paid", "lost", false, refused(&["delivered"])),
        ("distributor", "paid", "lost", true, Override),
    ];
    for (name, from, to, admin, expect) in table {
        let pb = pronto_playbook::parse(pronto_playbook::builtin(name).unwrap()).unwrap();
        assert_eq!(pb.stage_move(from, to, admin), expect, "{name}: {from} → {to} (admin {admin})");
    }
}
