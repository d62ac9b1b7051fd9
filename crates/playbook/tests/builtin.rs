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
