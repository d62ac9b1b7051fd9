//! Alerts and customer messages in the recipient's language: the shipped Fluent texts cover
//! every template of the built-in playbooks in all five languages, the English ones say what
//! the playbook's own text says, a user or customer gets their language, links to the lead
//! appear when Pronto knows its public address, and a company's override wins.

use jiff::Timestamp;
use pronto_domain::lead::{Channel, LeadStatus};
use pronto_domain::user::Role;
use pronto_playbook::messages::{LANGUAGES, Messages, Override, VARIABLES};
use pronto_playbook::{Cmd, DirUser, Directory, LeadState, Notification, Presence, Trigger, step};
use std::collections::BTreeSet;
use std::sync::Arc;

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn lead(language: Option<&str>, email: Option<&str>, received: Timestamp) -> LeadState {
    LeadState {
        id: 7,
        channel: Channel::Web,
        stage: "received".into(),
        status: LeadStatus::Open,
        owner: None,
        entered_by: None,
        contact_name: Some("Jana Nováková".into()),
        contact_phone: Some("+420777123456".into()),
        contact_email: email.map(str::to_owned),
        customer_type: None,
        subject: None,
        message: None,
        postal_code: None,
        product: None,
        source: None,
        language: language.map(str::to_owned),
        received_at: received,
        first_response_at: None,
        open_tasks: vec![],
        timers: vec![],
        tracking_token: None,
    }
}

fn team(language: Option<&str>, messages: Messages) -> Directory {
    Directory {
        users: vec![DirUser {
            id: 1,
            login: "jana".into(),
            name: "Jana".into(),
            role: Role::Consultant,
            presence: Presence::Available,
            phone: Some("+420777000001".into()),
            email: Some("jana@agency.example".into()),
            calendar: None,
            open_tasks: 0,
            language: language.map(str::to_owned),
        }],
        cursors: Default::default(),
        messages: Arc::new(messages),
    }
}

fn notes(cmds: &[Cmd], channel: &str) -> Vec<Notification> {
    cmds.iter()
        .filter_map(|c| match c {
            Cmd::Notify(n) if n.channel == channel => Some(n.clone()),
            _ => None,
        })
        .collect()
}

fn agency() -> pronto_playbook::Playbook {
    pronto_playbook::parse(pronto_playbook::builtin("agency").unwrap()).unwrap()
}

const WORKDAY: &str = "2031-05-06T07:00:00Z"; // Tuesday 09:00 in Prague
const NIGHT: &str = "2031-05-06T20:00:00Z"; // Tuesday 22:00 in Prague

#[test]
fn every_builtin_template_has_a_text_in_every_language_with_known_variables() {
    let m = Messages::default();
    for (name, source) in pronto_playbook::BUILTIN {
        let pb = pronto_playbook::parse(source).unwrap();
        for (id, t) in &pb.templates {
            let en = pronto_playbook::messages::shipped(name, "en", id).unwrap_or_else(|| panic!("{name}/{id} has no en text"));
            let vars_of = |text: &str| -> BTreeSet<String> {
                let res = fluent_syntax_vars(text);
                for v in &res {
                    assert!(VARIABLES.contains(&v.as_str()), "{name}/{id}: unknown variable ${v}");
                }
                res
            };
            let en_vars = vars_of(&en.0);
            for lang in LANGUAGES {
                assert!(m.has(name, lang, id), "{name}/{id} has no {lang} text");
                let (text, subject) = pronto_playbook::messages::shipped(name, lang, id).unwrap();
                assert_eq!(vars_of(&text), en_vars, "{name}/{id}/{lang} uses other variables than en");
                assert_eq!(subject.is_some(), t.subject.is_some(), "{name}/{id}/{lang}: a subject exactly when the playbook has one");
                pronto_playbook::messages::check_override(id, &text, subject.as_deref()).unwrap();
            }
        }
    }
}

/// The variables a Fluent text uses, by the same walk the override check does.
fn fluent_syntax_vars(text: &str) -> BTreeSet<String> {
    let src = format!("m = {text}\n");
    let res = fluent_syntax::parser::parse(src.as_str()).unwrap();
    let mut out = BTreeSet::new();
    for e in &res.body {
        if let fluent_syntax::ast::Entry::Message(m) = e {
            pronto_playbook::messages::variables(m.value.as_ref().unwrap(), &mut out);
        }
    }
    out
}

#[test]
fn english_texts_say_what_the_playbook_says() {
    // The engine renders the shipped English text; rendering the playbook's own text (what a
    // playbook without translations sends) must give the same words.
    let pb = agency();
    let now = at(WORKDAY);
    let cmds = step(&pb, &lead(None, None, now), &Trigger::LeadReceived, "received", now, &team(None, Messages::default()));
    let sms = notes(&cmds, "sms");
    assert_eq!(sms[0].text, "New inquiry: Jana Nováková +420 777 123 456, web — call now. Lead 7");
}

#[test]
fn a_user_reads_alerts_in_their_language_with_a_link_to_the_lead() {
    let pb = agency();
    let now = at(WORKDAY);
    let with_url = || Messages::new(vec![], "en", Some("https://crm.example.com/".into()));
    let mut texts = vec![];
    for lang in ["cs", "ru", "pl", "he", "en"] {
        let cmds = step(&pb, &lead(None, None, now), &Trigger::LeadReceived, "received", now, &team(Some(lang), with_url()));
        let sms = notes(&cmds, "sms");
        assert_eq!(sms.len(), 1, "{lang}");
        let t = &sms[0].text;
        assert!(t.contains("Jana Nováková") && t.contains("+420 777 123 456"), "{lang}: {t}");
        assert!(t.ends_with("https://crm.example.com/leads/7"), "{lang}: {t}");
        texts.push(t.clone());
    }
    assert!(texts[0].starts_with("Nová poptávka"), "{}", texts[0]);
    assert!(texts[1].contains("телефон") || texts[1].contains("сайт") || texts[1].chars().any(|c| ('а'..='я').contains(&c)), "{}", texts[1]);
    assert!(texts[3].chars().any(|c| ('\u{5d0}'..='\u{5ea}').contains(&c)), "Hebrew: {}", texts[3]);
    assert!(!texts.iter().any(|t| t.contains('\u{2068}') || t.contains('\u{2069}')), "no isolation marks in SMS");
    let distinct: BTreeSet<_> = texts.iter().collect();
    assert_eq!(distinct.len(), 5, "five languages, five texts");
    // The team's default language applies to a user who has not chosen one.
    let cmds = step(&pb, &lead(None, None, now), &Trigger::LeadReceived, "received", now, &team(None, Messages::new(vec![], "pl", None)));
    let t = &notes(&cmds, "sms")[0].text;
    assert!(t.starts_with("Nowe zapytanie") || !t.starts_with("New inquiry"), "{t}");
    assert!(t.ends_with("7"), "no address, no link: {t}");
}

#[test]
fn the_customer_is_answered_in_their_language_else_the_playbooks() {
    let pb = agency();
    let now = at(NIGHT);
    let ack = |language: Option<&str>| {
        let cmds =
            step(&pb, &lead(language, Some("jana@example.cz"), now), &Trigger::LeadReceived, "received", now, &team(None, Messages::default()));
        let mut mails = notes(&cmds, "email");
        mails.retain(|n| n.template == "ack_after_hours");
        assert_eq!(mails.len(), 1, "{language:?}: {cmds:#?}");
        mails.remove(0)
    };
    assert_eq!(ack(None).subject.as_deref(), Some("Vaši poptávku jsme přijali"), "the playbook's language: Czech");
    assert_eq!(ack(Some("en")).subject.as_deref(), Some("We have received your inquiry"));
    assert_eq!(ack(Some("de")).subject.as_deref(), Some("We have received your inquiry"), "a language we lack: English");
    let ru = ack(Some("ru"));
    assert!(ru.text.starts_with("Здравствуйте") || ru.text.chars().any(|c| ('а'..='я').contains(&c)), "{}", ru.text);
    assert!(ru.text.contains("Jana Nováková"));
    let he = ack(Some("he"));
    assert!(he.subject.unwrap().chars().any(|c| ('\u{5d0}'..='\u{5ea}').contains(&c)));
}

#[test]
fn a_company_override_wins_in_its_language_only() {
    let pb = agency();
    let now = at(WORKDAY);
    let o = Override {
        playbook: "agency".into(),
        template: "new_lead".into(),
        language: "cs".into(),
        text: "Zavolej { $contact_name } hned! { $lead_url }".into(),
        subject: None,
    };
    let m = || Messages::new(vec![o.clone()], "en", None);
    let cs = step(&pb, &lead(None, None, now), &Trigger::LeadReceived, "received", now, &team(Some("cs"), m()));
    assert_eq!(notes(&cs, "sms")[0].text, "Zavolej Jana Nováková hned!");
    let en = step(&pb, &lead(None, None, now), &Trigger::LeadReceived, "received", now, &team(Some("en"), m()));
    assert!(notes(&en, "sms")[0].text.starts_with("New inquiry"));
}
