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
