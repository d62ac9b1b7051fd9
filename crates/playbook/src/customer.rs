//! The process as the customer sees it: the playbook's visible steps in their words, where
//! their inquiry stands, what comes next, its standard time and whether the case is on time.
//! Pure: the store supplies the lead's stage history and `now`.

use crate::model::{CustomerText, Expect, ExpectUnit, Playbook, StageDef};
use jiff::{SignedDuration, Timestamp};
use pronto_domain::calendar::Calendar;
use pronto_domain::lead::LeadStatus;
use pronto_domain::user::Role;

/// `15m`, `1h`, `2d` (wall clock); `10bm`, `1bh`, `2bd` (working time).
pub fn parse_expect(text: &str) -> Result<Expect, String> {
    let t = text.trim();
    let bad = || format!("`{t}` is not a standard time: use e.g. 15m, 1h, 2d (wall clock) or 10bm, 1bh, 2bd (working time)");
    let split = t.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (num, unit) = t.split_at(split);
    let amount: u32 = num.parse().map_err(|_| bad())?;
    let (unit, working) = match unit {
        "m" => (ExpectUnit::Minutes, false),
        "h" => (ExpectUnit::Hours, false),
        "d" => (ExpectUnit::Days, false),
        "bm" => (ExpectUnit::Minutes, true),
        "bh" => (ExpectUnit::Hours, true),
        "bd" => (ExpectUnit::Days, true),
        _ => return Err(bad()),
    };
    if amount == 0 {
        return Err(format!("`{t}`: a standard time must be more than zero"));
    }
    let secs = u64::from(amount)
        * match unit {
            ExpectUnit::Minutes => 60,
            ExpectUnit::Hours => 3600,
            ExpectUnit::Days => 86_400,
        };
    if secs > 366 * 86_400 {
        return Err(format!("`{t}` is longer than a year"));
    }
    Ok(Expect { amount, unit, working })
}

impl Expect {
    /// When what is promised is due, counted from `from`.
    pub fn due_from(&self, from: Timestamp, cal: &Calendar) -> Timestamp {
        let n = i64::from(self.amount);
        match (self.unit, self.working) {
            (ExpectUnit::Minutes, false) => from + SignedDuration::from_mins(n),
            (ExpectUnit::Hours, false) => from + SignedDuration::from_hours(n),
            (ExpectUnit::Days, false) => from + SignedDuration::from_hours(24 * n),
            (ExpectUnit::Minutes, true) => cal.add(from, SignedDuration::from_mins(n)),
            (ExpectUnit::Hours, true) => cal.add(from, SignedDuration::from_hours(n)),
            (ExpectUnit::Days, true) => cal.add_working_days(from, self.amount),
        }
    }
}

/// How a step is titled: the playbook's customer text, or a generic step (`received`,
/// `in_progress`, `done`, `closed`) when the playbook has none — never an internal stage name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepTitle {
    Text(CustomerText),
    Generic(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Done,
    Current,
    Ahead,
}

/// One step of the published process.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub title: StepTitle,
    pub expect: Option<Expect>,
    pub who: Option<Role>,
    pub state: StepState,
}

/// Where one inquiry stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub steps: Vec<Step>,
    /// Index of the current step.
    pub current: usize,
    /// `won` or `lost` once the inquiry is closed.
    pub closed: Option<LeadStatus>,
    /// The step that comes next, for an open inquiry.
    pub next: Option<usize>,
    /// The standard time for the next step and when it is due, counted from entering the
    /// current one.
    pub expect: Option<Expect>,
    pub due: Option<Timestamp>,
    /// Whether the case is within its standard time (`None` when there is no standard).
    pub on_time: Option<bool>,
    /// Who takes care of the customer in the current step (the role).
    pub who: Option<Role>,
}

/// The customer's text of a stage in `lang`, else in the playbook's customers' language, else
/// in English, else any.
pub fn text_in<'a>(pb: &'a Playbook, stage: &'a StageDef, lang: &str) -> Option<&'a CustomerText> {
    let c = stage.customer.as_ref().filter(|c| !c.hidden)?;
    c.texts.get(lang).or_else(|| pb.language.as_deref().and_then(|l| c.texts.get(l))).or_else(|| c.texts.get("en")).or_else(|| c.texts.values().next())
}

fn has_texts(pb: &Playbook) -> bool {
    pb.stages.iter().any(|s| s.customer.as_ref().is_some_and(|c| !c.hidden))
}

fn visible(s: &StageDef) -> bool {
    s.customer.as_ref().is_some_and(|c| !c.hidden)
}

/// The published process ("what you can expect from us"): the visible steps of an inquiry
/// that goes well, in `lang`.
pub fn process(pb: &Playbook, lang: &str) -> Vec<Step> {
    if !has_texts(pb) {
        return ["received", "in_progress", "done"]
            .iter()
            .map(|g| Step { title: StepTitle::Generic(g), expect: None, who: None, state: StepState::Ahead })
            .collect();
    }
    let won = pb.stages.iter().find(|s| s.status == Some(LeadStatus::Won));
    pb.stages
        .iter()
        .filter(|s| visible(s) && (s.status.is_none() || Some(s.id.as_str()) == won.map(|w| w.id.as_str())))
        .map(|s| step_of(pb, s, lang, StepState::Ahead))
        .collect()
}

fn step_of(pb: &Playbook, s: &StageDef, lang: &str, state: StepState) -> Step {
    let c = s.customer.as_ref();
    Step {
        title: text_in(pb, s, lang).cloned().map(StepTitle::Text).unwrap_or(StepTitle::Generic("in_progress")),
        expect: c.and_then(|c| c.expect),
        who: c.and_then(|c| c.who),
        state,
    }
}

/// Where an inquiry in `stage` stands: `reached` are the stages it has been in (any order),
/// `entered_at` when it entered `stage`.
pub fn progress(pb: &Playbook, lang: &str, stage: &str, reached: &[String], entered_at: Timestamp, now: Timestamp) -> Progress {
    let status = pb.stage(stage).and_then(|s| s.status);
    if !has_texts(pb) {
        let current = match status {
            Some(_) => 2,
            None if stage == pb.first_stage() => 0,
            None => 1,
        };
        let mut steps = process(pb, lang);
        if status.is_some_and(|s| s != LeadStatus::Won) {
            steps[2].title = StepTitle::Generic("closed");
        }
        for (i, s) in steps.iter_mut().enumerate() {
            s.state = state_at(i, current);
        }
        return Progress {
            next: (status.is_none()).then_some(current + 1),
            steps,
            current,
            closed: status,
            expect: None,
            due: None,
            on_time: None,
            who: None,
        };
    }
    // The visible stage the customer is in: this one, or the visible one before a hidden one.
    let at = pb.stages.iter().position(|s| s.id == stage).unwrap_or(0);
    let shown = pb.stages[..=at].iter().rposition(visible).unwrap_or(0);
    let shown_def = &pb.stages[shown];
    let mut steps = Vec::new();
    let mut current = 0;
    let goal = pb.stages.iter().find(|x| x.status == Some(LeadStatus::Won) && visible(x)).map(|x| x.id.as_str());
    for s in pb.stages.iter().filter(|s| visible(s)) {
        let is_current = s.id == shown_def.id;
        // Closing stages: only the goal while open; the one it closed in once closed.
        if s.status.is_some() && !is_current && !(status.is_none() && Some(s.id.as_str()) == goal) {
            continue;
        }
        let state = if is_current {
            current = steps.len();
            StepState::Current
        } else if reached.iter().any(|r| r == &s.id) {
            StepState::Done
        } else {
            StepState::Ahead
        };
        steps.push(step_of(pb, s, lang, state));
    }
    if status.is_some() {
        // A closed inquiry: what it passed, then how it ended; steps never reached drop out.
        steps.retain(|s| s.state != StepState::Ahead);
        current = steps.iter().position(|s| s.state == StepState::Current).unwrap_or(0);
    }
    let here = &steps[current];
    let (expect, who) = (here.expect, here.who);
    let next = (status.is_none()).then(|| current + 1).filter(|n| *n < steps.len());
    let due = expect.filter(|_| status.is_none() && next.is_some()).map(|e| e.due_from(entered_at, &pb.calendar));
    Progress { steps, current, closed: status, next, expect, due, on_time: due.map(|d| now <= d), who }
}

fn state_at(i: usize, current: usize) -> StepState {
    match i.cmp(&current) {
        std::cmp::Ordering::Less => StepState::Done,
        std::cmp::Ordering::Equal => StepState::Current,
        std::cmp::Ordering::Greater => StepState::Ahead,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PB: &str = r#"
name = "t"
language = "cs"
calendar = "office"
[calendars.office]
time_zone = "Europe/Prague"
hours = { mon = "09:00-17:00", tue = "09:00-17:00", wed = "09:00-17:00", thu = "09:00-17:00", fri = "09:00-17:00" }

[[stages]]
id = "received"
next = ["vetting", "lost"]
[stages.customer]
expect = "10bm"
who = "consultant"
en = { title = "We have your inquiry", description = "A consultant calls you." }
cs = { title = "Poptávku máme" }

[[stages]]
id = "vetting"
next = ["offer", "lost"]
[stages.customer]
hidden = true

[[stages]]
id = "offer"
next = ["won", "lost"]
[stages.customer]
expect = "2bd"
who = "specialist"
en = { title = "Your offer" }
cs = { title = "Nabídka" }

[[stages]]
id = "won"
status = "won"
[stages.customer]
en = { title = "Working together" }
cs = { title = "Spolupráce" }

[[stages]]
id = "lost"
status = "lost"
[stages.customer]
en = { title = "Closed" }
cs = { title = "Uzavřeno" }

[[rules]]
on = "lead.received"
when = { channel = "phone" }
do = [{ stage = "lost" }]
"#;

    fn at(s: &str) -> Timestamp {
        jiff::civil::DateTime::strptime("%Y-%m-%d %H:%M", s).unwrap().to_zoned(jiff::tz::TimeZone::get("Europe/Prague").unwrap()).unwrap().timestamp()
    }

    fn titles(p: &[Step]) -> Vec<String> {
        p.iter()
            .map(|s| match &s.title {
                StepTitle::Text(t) => t.title.clone(),
                StepTitle::Generic(g) => format!("<{g}>"),
            })
            .collect()
    }

    #[test]
    fn standard_times_parse_and_fall_due_on_the_calendar() {
        let pb = crate::parse(PB).unwrap();
        assert_eq!(parse_expect("2bd").unwrap(), Expect { amount: 2, unit: ExpectUnit::Days, working: true });
        assert!(parse_expect("2 days").unwrap_err().contains("is not a standard time"));
        assert!(parse_expect("0m").unwrap_err().contains("more than zero"));
        assert!(parse_expect("400d").unwrap_err().contains("longer than a year"));
        // Friday 16:55 + 10 working minutes → Monday 09:05.
        assert_eq!(parse_expect("10bm").unwrap().due_from(at("2026-03-06 16:55"), &pb.calendar), at("2026-03-09 09:05"));
        assert_eq!(parse_expect("2bd").unwrap().due_from(at("2026-03-06 10:00"), &pb.calendar), at("2026-03-10 17:00"));
        assert_eq!(parse_expect("1h").unwrap().due_from(at("2026-03-06 16:55"), &pb.calendar), at("2026-03-06 17:55"));
    }

    #[test]
    fn the_customer_sees_visible_steps_in_their_language_with_the_time_standard() {
        let pb = crate::parse(PB).unwrap();
        assert_eq!(titles(&process(&pb, "en")), ["We have your inquiry", "Your offer", "Working together"]);
        // A language without texts falls back to the customers' language of the playbook.
        assert_eq!(titles(&process(&pb, "he")), ["Poptávku máme", "Nabídka", "Spolupráce"]);

        let p = progress(&pb, "en", "received", &["received".into()], at("2026-03-02 09:00"), at("2026-03-02 09:05"));
        assert_eq!(p.current, 0);
        assert_eq!(p.next, Some(1));
        assert_eq!(p.who, Some(Role::Consultant));
        assert_eq!(p.due, Some(at("2026-03-02 09:10")));
        assert_eq!(p.on_time, Some(true));
        let late = progress(&pb, "en", "received", &["received".into()], at("2026-03-02 09:00"), at("2026-03-02 09:11"));
        assert_eq!(late.on_time, Some(false));

        // A hidden stage shows as the visible one before it; the standard runs from entering it.
        let reached: Vec<String> = vec!["received".into(), "vetting".into()];
        let p = progress(&pb, "en", "vetting", &reached, at("2026-03-02 10:00"), at("2026-03-02 11:00"));
        assert_eq!(p.current, 0);
        assert_eq!(p.steps[0].state, StepState::Current);

        let reached: Vec<String> = vec!["received".into(), "vetting".into(), "offer".into()];
        let p = progress(&pb, "en", "offer", &reached, at("2026-03-06 10:00"), at("2026-03-10 16:00"));
        assert_eq!((p.current, p.steps[0].state, p.steps[2].state), (1, StepState::Done, StepState::Ahead));
        assert_eq!((p.due, p.on_time), (Some(at("2026-03-10 17:00")), Some(true)));
    }

    #[test]
    fn a_closed_inquiry_shows_how_it_ended_and_no_clock() {
        let pb = crate::parse(PB).unwrap();
        let reached: Vec<String> = vec!["received".into(), "lost".into()];
        let p = progress(&pb, "en", "lost", &reached, at("2026-03-02 10:00"), at("2026-03-20 10:00"));
        assert_eq!(titles(&p.steps), ["We have your inquiry", "Closed"]);
        assert_eq!((p.current, p.closed, p.next, p.on_time), (1, Some(LeadStatus::Lost), None, None));
        let reached: Vec<String> = vec!["received".into(), "offer".into(), "won".into()];
        let p = progress(&pb, "cs", "won", &reached, at("2026-03-02 10:00"), at("2026-03-20 10:00"));
        assert_eq!(titles(&p.steps), ["Poptávku máme", "Nabídka", "Spolupráce"]);
        assert_eq!(p.current, 2);
    }

    #[test]
    fn a_playbook_without_customer_texts_shows_generic_steps_never_its_stage_names() {
        let src = PB.split("[[stages]]").next().unwrap().to_owned()
            + "[[stages]]\nid = \"secret_vetting\"\nnext = [\"won\"]\n[[stages]]\nid = \"won\"\nstatus = \"won\"\n"
            + "[[rules]]\non = \"lead.received\"\nwhen = { channel = \"phone\" }\ndo = [{ stage = \"won\" }]\n";
        let pb = crate::parse(&src).unwrap();
        let p = progress(&pb, "en", "secret_vetting", &[], at("2026-03-02 10:00"), at("2026-03-02 10:00"));
        assert_eq!(titles(&p.steps), ["<received>", "<in_progress>", "<done>"]);
        assert_eq!((p.current, p.next), (0, Some(1)));
        let p = progress(&pb, "en", "won", &[], at("2026-03-02 10:00"), at("2026-03-02 10:00"));
        assert_eq!(p.current, 2);
    }
}
