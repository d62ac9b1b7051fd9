//! The office calendar as a person fills it in: each weekday open or closed, from–to and an
//! optional break; holidays as dates with names; and the public holidays of a few countries,
//! computed (fixed dates and the ones that move with Easter). Pure: the pages and the API turn
//! a [`Problem`] into words in the reader's language.

use jiff::civil::{Date, Time, Weekday};

/// Monday first, as stored (`mon` … `sun`).
pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// One weekday as typed: times are `HH:MM`; an empty break is no break.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayForm {
    pub open: bool,
    pub from: String,
    pub to: String,
    pub break_from: String,
    pub break_to: String,
}

/// What is wrong with a typed week or holiday, naming the day (`mon`…) it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `value` is not a time like 08:00.
    NotATime { day: &'static str, value: String },
    /// The day is open but a time is missing.
    Missing { day: &'static str },
    /// The end is at or before the start.
    EndBeforeStart { day: &'static str, from: String, to: String },
    /// The break is not inside the day's hours, or ends before it starts.
    BreakOutside { day: &'static str, from: String, to: String },
    /// Only one end of the break is given.
    BreakHalf { day: &'static str },
    /// Every day is closed.
    NoDay,
    /// `value` is not a date like 2026-12-24.
    NotADate { value: String },
    /// `value` is not a time zone such as Europe/Prague.
    NotAZone { value: String },
}

fn time(s: &str) -> Option<Time> {
    let s = s.trim();
    let (h, m) = s.split_once(':').or_else(|| s.split_once('.'))?;
    let (h, m): (i8, i8) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    if h == 24 && m == 0 {
        return Some(Time::MAX);
    }
    Time::new(h, m, 0, 0).ok()
}

fn hhmm(t: Time) -> String {
    if t == Time::MAX { "24:00".into() } else { format!("{:02}:{:02}", t.hour(), t.minute()) }
}

/// The stored text of each day (`("mon", "08:00-12:00, 12:30-16:00")`, closed days left out),
/// or every problem found.
pub fn week_spec(days: &[DayForm; 7]) -> Result<Vec<(&'static str, String)>, Vec<Problem>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, d) in days.iter().enumerate() {
        let day = DAYS[i];
        if !d.open {
            continue;
        }
        let parse = |v: &str, problems: &mut Vec<Problem>| -> Option<Time> {
            if v.trim().is_empty() {
                return None;
            }
            let t = time(v);
            if t.is_none() {
                problems.push(Problem::NotATime { day, value: v.trim().to_owned() });
            }
            t
        };
        let before = problems.len();
        let (from, to) = (parse(&d.from, &mut problems), parse(&d.to, &mut problems));
        let (bf, bt) = (parse(&d.break_from, &mut problems), parse(&d.break_to, &mut problems));
        if problems.len() > before {
            continue;
        }
        let (Some(from), Some(to)) = (from, to) else {
            problems.push(Problem::Missing { day });
            continue;
        };
        if to <= from {
            problems.push(Problem::EndBeforeStart { day, from: d.from.trim().to_owned(), to: d.to.trim().to_owned() });
            continue;
        }
        let spec = match (bf, bt) {
            (None, None) => format!("{}-{}", hhmm(from), hhmm(to)),
            (Some(a), Some(b)) if a > from && b > a && b < to => format!("{}-{}, {}-{}", hhmm(from), hhmm(a), hhmm(b), hhmm(to)),
            (Some(_), Some(_)) => {
                problems.push(Problem::BreakOutside { day, from: d.break_from.trim().to_owned(), to: d.break_to.trim().to_owned() });
                continue;
            }
            _ => {
                problems.push(Problem::BreakHalf { day });
                continue;
            }
        };
        out.push((day, spec));
    }
    if problems.is_empty() && out.is_empty() {
        problems.push(Problem::NoDay);
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// The form of a stored day (`"08:00-12:00, 12:30-16:00"`): from the first opening to the last
/// closing, the first gap as the break. Empty or `closed`: a closed day.
pub fn day_form(spec: &str) -> DayForm {
    let spans: Vec<(String, String)> = spec
        .split(',')
        .filter_map(|p| p.split_once('-'))
        .map(|(a, b)| (a.trim().to_owned(), b.trim().to_owned()))
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .collect();
    let (Some(first), Some(last)) = (spans.first(), spans.last()) else { return DayForm::default() };
    let (break_from, break_to) = if spans.len() > 1 { (first.1.clone(), spans[1].0.clone()) } else { (String::new(), String::new()) };
    DayForm { open: true, from: first.0.clone(), to: last.1.clone(), break_from, break_to }
}

/// The countries whose public holidays Pronto can offer.
pub const HOLIDAY_COUNTRIES: &[&str] = &["CZ", "SK", "PL", "DE", "AT", "GB"];

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian algorithm).
pub fn easter(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, month as i8, day as i8).expect("a real date")
}

/// The nationwide public holidays (days off) of `country` (`CZ`, `SK`, `PL`, `DE`, `AT`, `GB`
/// — England and Wales) in `year`, in date order with their names in the country's language;
/// `None` for a country not offered. Regional holidays (a German state's) are not included.
pub fn public_holidays(country: &str, year: i16) -> Option<Vec<(Date, &'static str)>> {
    let e = easter(year);
    let d = |m: i8, day: i8| Date::new(year, m, day).expect("a real date");
    let after = |n: i64| e.checked_add(jiff::Span::new().days(n)).expect("in range");
    let mut out: Vec<(Date, &'static str)> = match country.trim().to_ascii_uppercase().as_str() {
        "CZ" => vec![
            (d(1, 1), "Den obnovy samostatného českého státu, Nový rok"),
            (after(-2), "Velký pátek"),
            (after(1), "Velikonoční pondělí"),
            (d(5, 1), "Svátek práce"),
            (d(5, 8), "Den vítězství"),
            (d(7, 5), "Den slovanských věrozvěstů Cyrila a Metoděje"),
            (d(7, 6), "Den upálení mistra Jana Husa"),
            (d(9, 28), "Den české státnosti"),
            (d(10, 28), "Den vzniku samostatného československého státu"),
            (d(11, 17), "Den boje za svobodu a demokracii"),
            (d(12, 24), "Štědrý den"),
            (d(12, 25), "1. svátek vánoční"),
            (d(12, 26), "2. svátek vánoční"),
        ],
        "SK" => {
            let mut v = vec![
                (d(1, 1), "Deň vzniku Slovenskej republiky"),
                (d(1, 6), "Zjavenie Pána (Traja králi)"),
                (after(-2), "Veľký piatok"),
                (after(1), "Veľkonočný pondelok"),
                (d(5, 1), "Sviatok práce"),
                (d(5, 8), "Deň víťazstva nad fašizmom"),
                (d(7, 5), "Sviatok svätého Cyrila a svätého Metoda"),
                (d(8, 29), "Výročie Slovenského národného povstania"),
                (d(9, 15), "Sedembolestná Panna Mária"),
                (d(11, 1), "Sviatok Všetkých svätých"),
                (d(12, 24), "Štedrý deň"),
                (d(12, 25), "Prvý sviatok vianočný"),
                (d(12, 26), "Druhý sviatok vianočný"),
            ];
            // Constitution Day and 17 November stopped being days off (consolidation, 2024).
            if year < 2024 {
                v.push((d(9, 1), "Deň Ústavy Slovenskej republiky"));
            }
            if year < 2025 {
                v.push((d(11, 17), "Deň boja za slobodu a demokraciu"));
            }
            v
        }
        "PL" => {
            let mut v = vec![
                (d(1, 1), "Nowy Rok"),
                (d(1, 6), "Święto Trzech Króli"),
                (e, "Wielkanoc"),
                (after(1), "Poniedziałek Wielkanocny"),
                (d(5, 1), "Święto Pracy"),
                (d(5, 3), "Święto Konstytucji 3 Maja"),
                (after(49), "Zielone Świątki"),
                (after(60), "Boże Ciało"),
                (d(8, 15), "Wniebowzięcie Najświętszej Maryi Panny"),
                (d(11, 1), "Wszystkich Świętych"),
                (d(11, 11), "Narodowe Święto Niepodległości"),
                (d(12, 25), "Boże Narodzenie (pierwszy dzień)"),
                (d(12, 26), "Boże Narodzenie (drugi dzień)"),
            ];
            if year >= 2025 {
                v.push((d(12, 24), "Wigilia Bożego Narodzenia"));
            }
            v
        }
        "DE" => vec![
            (d(1, 1), "Neujahr"),
            (after(-2), "Karfreitag"),
            (after(1), "Ostermontag"),
            (d(5, 1), "Tag der Arbeit"),
            (after(39), "Christi Himmelfahrt"),
            (after(50), "Pfingstmontag"),
            (d(10, 3), "Tag der Deutschen Einheit"),
            (d(12, 25), "1. Weihnachtstag"),
            (d(12, 26), "2. Weihnachtstag"),
        ],
        "AT" => vec![
            (d(1, 1), "Neujahr"),
            (d(1, 6), "Heilige Drei Könige"),
            (after(1), "Ostermontag"),
            (d(5, 1), "Staatsfeiertag"),
            (after(39), "Christi Himmelfahrt"),
            (after(50), "Pfingstmontag"),
            (after(60), "Fronleichnam"),
            (d(8, 15), "Mariä Himmelfahrt"),
            (d(10, 26), "Nationalfeiertag"),
            (d(11, 1), "Allerheiligen"),
            (d(12, 8), "Mariä Empfängnis"),
            (d(12, 25), "Christtag"),
            (d(12, 26), "Stefanitag"),
        ],
        "GB" => {
            let monday = |m: i8, last: bool| -> Date {
                let mut x = if last { d(m, 1).last_of_month() } else { d(m, 1) };
                while x.weekday() != Weekday::Monday {
                    x = if last { x.yesterday().expect("in range") } else { x.tomorrow().expect("in range") };
                }
                x
            };
            let mut v = vec![
                (after(-2), "Good Friday"),
                (after(1), "Easter Monday"),
                (monday(5, false), "Early May bank holiday"),
                (monday(5, true), "Spring bank holiday"),
                (monday(8, true), "Summer bank holiday"),
            ];
            // A fixed holiday on a weekend is taken on the next weekday not already a holiday.
            let mut taken: Vec<Date> = Vec::new();
            for (day, name) in [(d(1, 1), "New Year's Day"), (d(12, 25), "Christmas Day"), (d(12, 26), "Boxing Day")] {
                let mut x = day;
                while matches!(x.weekday(), Weekday::Saturday | Weekday::Sunday) || taken.contains(&x) {
                    x = x.tomorrow().expect("in range");
                }
                taken.push(x);
                v.push((x, name));
            }
            v
        }
        _ => return None,
    };
    out.sort();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(open: bool, from: &str, to: &str, bf: &str, bt: &str) -> DayForm {
        DayForm { open, from: from.into(), to: to.into(), break_from: bf.into(), break_to: bt.into() }
    }

    #[test]
    fn easter_sundays() {
        for (y, m, d) in [(2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2028, 4, 16), (2019, 4, 21), (2000, 4, 23)] {
            assert_eq!(easter(y), Date::new(y, m, d).unwrap(), "{y}");
        }
    }

    #[test]
    fn public_holidays_of_each_country() {
        let has = |c: &str, y: i16, m: i8, d: i8, name: &str| {
            let list = public_holidays(c, y).unwrap();
            assert!(list.contains(&(Date::new(y, m, d).unwrap(), name)), "{c} {y}: {name} on {m}-{d}; got {list:?}");
        };
        let cases: &[(&str, i16, i8, i8, &str)] = &[
            ("CZ", 2026, 4, 3, "Velký pátek"),
            ("CZ", 2026, 4, 6, "Velikonoční pondělí"),
            ("CZ", 2026, 7, 6, "Den upálení mistra Jana Husa"),
            ("SK", 2026, 8, 29, "Výročie Slovenského národného povstania"),
            ("SK", 2027, 3, 26, "Veľký piatok"),
            ("PL", 2026, 6, 4, "Boże Ciało"),
            ("PL", 2026, 5, 24, "Zielone Świątki"),
            ("PL", 2026, 12, 24, "Wigilia Bożego Narodzenia"),
            ("DE", 2026, 5, 14, "Christi Himmelfahrt"),
            ("DE", 2026, 5, 25, "Pfingstmontag"),
            ("AT", 2026, 6, 4, "Fronleichnam"),
            ("AT", 2026, 10, 26, "Nationalfeiertag"),
            ("GB", 2026, 5, 4, "Early May bank holiday"),
            ("GB", 2026, 5, 25, "Spring bank holiday"),
            ("GB", 2026, 8, 31, "Summer bank holiday"),
            // 26 December 2026 is a Saturday: Boxing Day moves to Monday the 28th.
            ("GB", 2026, 12, 28, "Boxing Day"),
            // 25 December 2027 is a Saturday: Christmas on Monday 27th, Boxing Day on Tuesday 28th.
            ("GB", 2027, 12, 27, "Christmas Day"),
            ("GB", 2027, 12, 28, "Boxing Day"),
            ("GB", 2028, 1, 3, "New Year's Day"),
        ];
        for (c, y, m, d, name) in cases {
            has(c, *y, *m, *d, name);
        }
        let counts: &[(&str, i16, usize)] = &[("CZ", 2026, 13), ("SK", 2026, 13), ("PL", 2026, 14), ("DE", 2026, 9), ("AT", 2026, 13), ("GB", 2026, 8)];
        for (c, y, n) in counts {
            assert_eq!(public_holidays(c, *y).unwrap().len(), *n, "{c} {y}");
        }
        assert_eq!(public_holidays("cz", 2026), public_holidays("CZ", 2026), "either case");
        assert!(public_holidays("FR", 2026).is_none());
        let l = public_holidays("CZ", 2026).unwrap();
        assert!(l.windows(2).all(|w| w[0].0 < w[1].0), "in date order");
    }

    #[test]
    fn a_week_as_typed_becomes_the_stored_hours_or_precise_problems() {
        let open = day(true, "08:00", "16:00", "", "");
        let closed = day(false, "", "", "", "");
        let week = |mon: DayForm| [mon, open.clone(), open.clone(), open.clone(), open.clone(), closed.clone(), closed.clone()];
        let cases: Vec<(DayForm, Result<&str, Problem>)> = vec![
            (open.clone(), Ok("08:00-16:00")),
            (day(true, "8:00", "16.30", "12:00", "12:30"), Ok("08:00-12:00, 12:30-16:30")),
            (day(true, "00:00", "24:00", "", ""), Ok("00:00-24:00")),
            (day(true, "16:00", "08:00", "", ""), Err(Problem::EndBeforeStart { day: "mon", from: "16:00".into(), to: "08:00".into() })),
            (day(true, "Po–Pá 8–16", "16:00", "", ""), Err(Problem::NotATime { day: "mon", value: "Po–Pá 8–16".into() })),
            (day(true, "08:00", "", "", ""), Err(Problem::Missing { day: "mon" })),
            (day(true, "08:00", "16:00", "17:00", "17:30"), Err(Problem::BreakOutside { day: "mon", from: "17:00".into(), to: "17:30".into() })),
            (day(true, "08:00", "16:00", "12:30", "12:00"), Err(Problem::BreakOutside { day: "mon", from: "12:30".into(), to: "12:00".into() })),
            (day(true, "08:00", "16:00", "12:00", ""), Err(Problem::BreakHalf { day: "mon" })),
            (day(true, "25:00", "16:00", "", ""), Err(Problem::NotATime { day: "mon", value: "25:00".into() })),
        ];
        for (mon, want) in cases {
            let got = week_spec(&week(mon.clone()));
            match want {
                Ok(spec) => assert_eq!(got.unwrap()[0], ("mon", spec.to_owned()), "{mon:?}"),
                Err(p) => assert_eq!(got.unwrap_err(), vec![p], "{mon:?}"),
            }
        }
        assert_eq!(week_spec(&std::array::from_fn(|_| closed.clone())).unwrap_err(), vec![Problem::NoDay]);
        // A closed day's leftover times are not checked.
        assert_eq!(week_spec(&week(day(false, "nonsense", "", "", ""))).unwrap().len(), 4);
    }

    #[test]
    fn a_stored_day_fills_the_form_back() {
        assert_eq!(day_form("08:00-12:00, 12:30-16:00"), day(true, "08:00", "16:00", "12:00", "12:30"));
        assert_eq!(day_form("09:00-17:00"), day(true, "09:00", "17:00", "", ""));
        assert_eq!(day_form(""), DayForm::default());
        assert_eq!(day_form("closed"), DayForm::default());
        // Round trip.
        let mut w: [DayForm; 7] = Default::default();
        w[0] = day_form("08:00-12:00, 12:30-16:00");
        assert_eq!(week_spec(&w).unwrap(), vec![("mon", "08:00-12:00, 12:30-16:00".to_owned())]);
    }
}
