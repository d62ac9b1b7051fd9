//! The made-up customers of `pronto demo` (and of `pronto-bench ui` and `reports`): Czech
//! names, e-mail domains, companies, subjects and messages from small word lists, picked by a
//! deterministic pseudo-random number per lead, so the same `--leads` give the same history.

const MEN: &[(&str, &str)] = &[
    ("Jan", "jan"),
    ("Petr", "petr"),
    ("Tomáš", "tomas"),
    ("Martin", "martin"),
    ("Pavel", "pavel"),
    ("Jiří", "jiri"),
    ("Lukáš", "lukas"),
    ("Jakub", "jakub"),
    ("Ondřej", "ondrej"),
    ("Michal", "michal"),
];
const WOMEN: &[(&str, &str)] = &[
    ("Jana", "jana"),
    ("Eva", "eva"),
    ("Lucie", "lucie"),
    ("Kateřina", "katerina"),
    ("Veronika", "veronika"),
    ("Lenka", "lenka"),
    ("Petra", "petra"),
    ("Tereza", "tereza"),
    ("Markéta", "marketa"),
    ("Alena", "alena"),
];
/// (his, hers, ASCII)
pub const SURNAMES: &[(&str, &str, &str)] = &[
    ("Novák", "Nováková", "novak"),
    ("Svoboda", "Svobodová", "svoboda"),
    ("Novotný", "Novotná", "novotny"),
    ("Dvořák", "Dvořáková", "dvorak"),
    ("Černý", "Černá", "cerny"),
    ("Procházka", "Procházková", "prochazka"),
    ("Kučera", "Kučerová", "kucera"),
    ("Veselý", "Veselá", "vesely"),
    ("Horák", "Horáková", "horak"),
    ("Němec", "Němcová", "nemec"),
    ("Marek", "Marková", "marek"),
    ("Pospíšil", "Pospíšilová", "pospisil"),
    ("Hájek", "Hájková", "hajek"),
    ("Král", "Králová", "kral"),
    ("Jelínek", "Jelínková", "jelinek"),
    ("Růžička", "Růžičková", "ruzicka"),
    ("Beneš", "Benešová", "benes"),
    ("Fiala", "Fialová", "fiala"),
    ("Sedláček", "Sedláčková", "sedlacek"),
    ("Doležal", "Doležalová", "dolezal"),
];
const DOMAINS: &[&str] = &["seznam.cz", "gmail.com", "email.cz", "centrum.cz", "volny.cz", "outlook.com"];
const COMPANIES: &[&str] = &[
    "Pekařství U Mlýna s.r.o.",
    "Autoservis Brno s.r.o.",
    "Stavby Morava a.s.",
    "Zahradnictví Kvítek",
    "Hotel Na Vyhlídce",
    "Truhlářství Dub s.r.o.",
    "Advokátní kancelář Malý",
    "Fitness Centrum Pohyb",
    "Kavárna Mezi Řádky",
    "Elektro Servis Plus s.r.o.",
];
const SUBJECTS: &[&str] = &[
    "Nový web pro e-shop",
    "Redesign firemního webu",
    "SEO audit",
    "Kampaň na Google Ads",
    "Správa sociálních sítí",
    "Mobilní aplikace",
    "Údržba WordPressu",
    "Logo a vizuální identita",
    "Newsletter a e-mailing",
    "Cenová nabídka na web",
    "Překlad webu do angličtiny",
    "Online marketing pro restauraci",
];
const MESSAGES: &[&str] = &[
    "Dobrý den, mám zájem o nabídku. Zavolejte mi prosím.",
    "Dobrý den, potřebovali bychom nový web, ten současný je pomalý a na mobilu se špatně ovládá. Můžete se ozvat?",
    "Prosím o cenovou nabídku a termín, kdy byste mohli začít.",
    "Dobrý den, doporučil mi vás kolega. Rádi bychom se poradili o kampani na jaro.",
    "Máme e-shop na Shoptetu a chtěli bychom víc objednávek. Co byste navrhli?",
    "Dobrý den, zavolejte mi prosím po 14. hodině.",
];
const SOURCES: &[&str] = &["google", "facebook", "doporučení", "newsletter", "veletrh"];
/// (channel, per mille)
const CHANNELS: &[(&str, u64)] = &[("web", 500), ("email", 250), ("phone", 170), ("in_person", 50), ("api", 30)];
/// (stage, per mille of the open leads)
const OPEN_STAGES: &[(&str, u64)] = &[("received", 400), ("contacted", 250), ("qualified", 200), ("offer", 150)];

/// A deterministic pseudo-random number for (`i`, `salt`): splitmix64.
pub fn rnd(i: u64, salt: u64) -> u64 {
    let mut z =
        i.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(salt.wrapping_mul(0xD1B5_4A32_D192_ED03)).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub fn pick<T: Copy>(list: &[T], i: u64, salt: u64) -> T {
    list[(rnd(i, salt) % list.len() as u64) as usize]
}

fn weighted<'a>(list: &[(&'a str, u64)], i: u64, salt: u64) -> &'a str {
    let total: u64 = list.iter().map(|(_, w)| w).sum();
    let mut r = rnd(i, salt) % total;
    for (v, w) in list {
        if r < *w {
            return v;
        }
        r -= w;
    }
    list[0].0
}

/// Who contact `k` is: (name, e-mail, phone, company).
pub struct Person {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub company: Option<&'static str>,
}

pub fn person(k: u64) -> Person {
    let woman = rnd(k, 1).is_multiple_of(2);
    let (first, first_ascii) = if woman { pick(WOMEN, k, 2) } else { pick(MEN, k, 2) };
    let (his, hers, ascii) = pick(SURNAMES, k, 3);
    Person {
        name: format!("{first} {}", if woman { hers } else { his }),
        email: format!("{first_ascii}.{ascii}{k}@{}", pick(DOMAINS, k, 4)),
        phone: format!("+420 {} {:03} {:03}", 720 + k / 1_000_000 % 80, k / 1000 % 1000, k % 1000),
        company: (rnd(k, 6) % 10 < 3).then(|| pick(COMPANIES, k, 7)),
    }
}

/// The contact of lead `i`: one lead in ten comes from someone who wrote before.
fn contact_of(i: u64) -> u64 {
    if i > 10 && rnd(i, 10).is_multiple_of(10) { rnd(i, 11) % i } else { i }
}

pub fn draft(i: u64, received: jiff::Timestamp) -> pronto_domain::lead::LeadDraft {
    let k = contact_of(i);
    let p = person(k);
    let channel = weighted(CHANNELS, i, 12);
    // Phone calls always have a number; about a fifth of the others come without one, and a
    // third of the callers and walk-ins leave no e-mail.
    let phone = channel == "phone" || !rnd(k, 13).is_multiple_of(5);
    let email = !matches!(channel, "phone" | "in_person") || !rnd(k, 14).is_multiple_of(3);
    pronto_domain::lead::LeadDraft {
        channel: Some(channel.into()),
        contact: pronto_domain::lead::ContactDraft {
            name: Some(p.name),
            email: email.then_some(p.email),
            phone: phone.then_some(p.phone),
            company: p.company.map(str::to_owned),
            ..Default::default()
        },
        subject: Some(pick(SUBJECTS, i, 15).to_owned()),
        message: Some(pick(MESSAGES, i, 16).to_owned()),
        source: (channel == "web").then(|| pick(SOURCES, i, 17).to_owned()),
        received_at: Some(received.to_string()),
        ..Default::default()
    }
}

/// The stage lead `i` ends in, when it is not left in `received`.
pub fn final_stage(i: u64, open_percent: u64) -> Option<&'static str> {
    if rnd(i, 20) % 100 < open_percent {
        match weighted(OPEN_STAGES, i, 21) {
            "received" => None,
            s => Some(s),
        }
    } else if rnd(i, 22) % 10 < 3 {
        Some("won")
    } else {
        Some("lost")
    }
}

pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
