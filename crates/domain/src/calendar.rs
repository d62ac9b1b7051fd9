//! Working time: a calendar is a time zone, weekly opening hours and holidays. It answers
//! "is this a working moment", "when does work next start" and "when is N minutes of
//! *working* time after this moment" — the arithmetic behind "call within 10 business
//! minutes" and "due at the next working time". Hours are local (civil) times, turned into
//! instants with the zone's rules, so durations stay right across daylight-saving changes.

use crate::FieldErrors;
use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use std::collections::BTreeSet;

/// How far ahead a calendar looks for working time before it gives up (a year and a bit:
/// longer than any run of holidays).
const HORIZON_DAYS: i32 = 400;

/// One span of working time in a day, `[open, close)`; `close` of `None` means midnight at the
/// end of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    open: Time,
    close: Option<Time>,
}

#[derive(Debug, Clone)]
pub struct Calendar {
    tz: TimeZone,
    /// Monday first.
    week: [Vec<Hours>; 7],
    holidays: BTreeSet<Date>,
}

fn weekday_index(w: Weekday) -> usize {
    w.to_monday_zero_offset() as usize
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn parse_time(s: &str) -> Option<Time> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
    Time::new(h, m, 0, 0).ok()
}

/// `"08:00-12:00, 13:00-17:00"`, or empty / `"closed"` for a day off; `24:00` closes at midnight.
fn parse_day(spec: &str) -> Result<Vec<Hours>, String> {
    let spec = spec.trim();
    if spec.is_empty() || spec.eq_ignore_ascii_case("closed") {
        return Ok(vec![]);
    }
    let mut out: Vec<Hours> = Vec::new();
    for part in spec.split(',') {
        let (a, b) = part.split_once('-').ok_or_else(|| format!("`{}` is not a span like 08:00-17:00", part.trim()))?;
        let open = parse_time(a).ok_or_else(|| format!("`{}` is not a time like 08:00", a.trim()))?;
        let close =
            if b.trim() == "24:00" { None } else { Some(parse_time(b).ok_or_else(|| format!("`{}` is not a time like 17:00", b.trim()))?) };
        if close.is_some_and(|c| c <= open) {
            return Err(format!("`{}` ends before it starts", part.trim()));
        }
        if let Some(prev) = out.last()
            && prev.close.is_none_or(|c| c > open)
        {
            return Err(format!("`{}` overlaps the span before it", part.trim()));
        }
        out.push(Hours { open, close });
    }
    Ok(out)
}

impl Calendar {
    /// Builds a calendar from text: an IANA zone (`Europe/Prague`), the hours of each day
    /// (`("mon", "08:00-17:00")`; days not listed are days off) and holiday dates (`2026-12-24`).
    /// Every problem is reported with the field it is in.
    pub fn parse(time_zone: &str, hours: &[(&str, &str)], holidays: &[&str]) -> Result<Calendar, FieldErrors> {
        let mut e = FieldErrors::new();
        let tz = e.take(
            "time_zone",
            TimeZone::get(time_zone.trim()).map_err(|_| format!("`{time_zone}` is not a time zone such as Europe/Prague")),
        );
        let mut week: [Vec<Hours>; 7] = Default::default();
        for (day, spec) in hours {
            let key = day.trim().to_ascii_lowercase();
            match DAYS.iter().position(|d| key.starts_with(d)) {
                Some(i) => {
                    if let Some(h) = e.take(&format!("hours.{key}"), parse_day(spec)) {
                        week[i] = h;
                    }
                }
                None => e.add(format!("hours.{key}"), "is not a day: use mon, tue, wed, thu, fri, sat or sun"),
            }
        }
        if week.iter().all(Vec::is_empty) && !e.0.iter().any(|f| f.field.starts_with("hours.")) {
            e.add("hours", "give working hours for at least one day");
        }
        let mut days = BTreeSet::new();
        for (i, h) in holidays.iter().enumerate() {
            if let Some(d) =
                e.take(&format!("holidays[{i}]"), h.trim().parse::<Date>().map_err(|_| format!("`{h}` is not a date like 2026-12-24")))
            {
                days.insert(d);
            }
        }
        e.into_result()?;
        Ok(Calendar { tz: tz.expect("checked"), week, holidays: days })
    }

    /// Every moment is working time (for on-call teams and tests).
    pub fn always(time_zone: TimeZone) -> Calendar {
        let all = vec![Hours { open: Time::midnight(), close: None }];
        Calendar { tz: time_zone, week: std::array::from_fn(|_| all.clone()), holidays: BTreeSet::new() }
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }

    /// The working spans of `date` as instants (none on a holiday or a day off).
    fn spans(&self, date: Date) -> impl Iterator<Item = (Timestamp, Timestamp)> + '_ {
        let hours: &[Hours] = if self.holidays.contains(&date) { &[] } else { &self.week[weekday_index(date.weekday())] };
        hours.iter().filter_map(move |h| {
            let start = self.instant(date, h.open)?;
            let end = match h.close {
                Some(c) => self.instant(date, c)?,
                None => self.instant(date.tomorrow().ok()?, Time::midnight())?,
            };
            (end > start).then_some((start, end))
        })
    }

    /// A local date and time as an instant. A time that does not exist (skipped by a DST change)
    /// means the moment the clocks jumped to; a time that exists twice means the first.
    fn instant(&self, date: Date, time: Time) -> Option<Timestamp> {
        self.tz.to_ambiguous_zoned(date.to_datetime(time)).compatible().ok().map(|z| z.timestamp())
    }

    /// The first working span that ends after `t`, starting at the span's start or at `t`.
    fn span_after(&self, t: Timestamp) -> Option<(Timestamp, Timestamp)> {
        let mut date = t.to_zoned(self.tz.clone()).date();
        // A span can begin the day before (one that runs to midnight across a DST change).
        date = date.yesterday().unwrap_or(date);
        for _ in 0..HORIZON_DAYS {
            if let Some((s, e)) = self.spans(date).find(|(_, e)| *e > t) {
                return Some((s.max(t), e));
            }
            date = date.tomorrow().ok()?;
        }
        None
    }

    pub fn is_working(&self, t: Timestamp) -> bool {
        self.span_after(t).is_some_and(|(s, _)| s == t)
    }

    /// `t` itself if it is working time, otherwise when work next starts.
    pub fn next_working(&self, t: Timestamp) -> Timestamp {
        self.span_after(t).map(|(s, _)| s).unwrap_or(t)
    }

    /// The moment `d` of working time after `t` (`d` of zero: the next working moment).
    pub fn add(&self, t: Timestamp, d: SignedDuration) -> Timestamp {
        let mut at = t;
        let mut left = d.max(SignedDuration::ZERO);
        loop {
            let Some((start, end)) = self.span_after(at) else { return at + left };
            let available = end.duration_since(start);
            if left <= available {
                return start + left;
            }
            left -= available;
            at = end;
        }
    }

    /// The end of the `n`-th working day after the day of `t` ("within 2 working days"): the
    /// close of the last working span of that day. With `n` of zero, the end of today's work
    /// (or of the next working day when today has none left).
    pub fn add_working_days(&self, t: Timestamp, n: u32) -> Timestamp {
        let mut date = t.to_zoned(self.tz.clone()).date();
        let mut left = n;
        // Today counts as day zero only while some of its working time is still ahead.
        if self.spans(date).next().is_some() && !self.spans(date).any(|(_, e)| e > t) {
            date = date.tomorrow().unwrap_or(date);
        }
        for _ in 0..HORIZON_DAYS {
            let end = self.spans(date).map(|(_, e)| e).max();
            if let Some(end) = end {
                if left == 0 {
                    return end;
                }
                left -= 1;
            }
            match date.tomorrow() {
                Ok(d) => date = d,
                Err(_) => break,
            }
        }
        t + SignedDuration::from_hours(24 * i64::from(n))
    }

    /// How much working time lies between `a` and `b` (zero when `b` is not after `a`).
    pub fn between(&self, a: Timestamp, b: Timestamp) -> SignedDuration {
        let mut total = SignedDuration::ZERO;
        let mut at = a;
        while at < b {
            let Some((start, end)) = self.span_after(at) else { break };
            if start >= b {
                break;
            }
            total += end.min(b).duration_since(start);
            at = end;
        }
        total
    }
}

/// Minutes as a duration, for tables of business time.
pub fn minutes(n: i64) -> SignedDuration {
    SignedDuration::from_secs(n * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn office() -> Calendar {
        Calendar::parse(
            "Europe/Prague",
            &[
                ("mon", "08:00-12:00, 13:00-17:00"),
                ("tue", "08:00-17:00"),
                ("wed", "08:00-17:00"),
                ("thu", "08:00-17:00"),
                ("fri", "08:00-16:00"),
            ],
            &["2026-12-24", "2026-12-25", "2026-12-28"],
        )
        .unwrap()
    }

    /// A local Prague time as an instant; `+01:00`/`+02:00` must be given for ambiguous times.
    fn at(s: &str) -> Timestamp {
        if s.ends_with(']') || s.contains('+') {
            s.parse::<jiff::Zoned>().map(|z| z.timestamp()).or_else(|_| s.parse::<Timestamp>()).unwrap()
        } else {
            jiff::civil::DateTime::strptime("%Y-%m-%d %H:%M", s)
                .unwrap()
                .to_zoned(TimeZone::get("Europe/Prague").unwrap())
                .unwrap()
                .timestamp()
        }
    }

    #[test]
    fn adding_working_days() {
        let cal = office();
        // (start, working days, expected end of that working day)
        let cases = [
            ("2026-03-03 10:00", 2, "2026-03-05 17:00"), // Tuesday + 2 → Thursday's close
            ("2026-03-05 10:00", 1, "2026-03-06 16:00"), // Thursday + 1 → Friday closes at 16:00
            ("2026-03-06 10:00", 1, "2026-03-09 17:00"), // Friday + 1 → over the weekend
            ("2026-03-06 18:00", 1, "2026-03-10 17:00"), // after Friday's close: Monday is day 0
            ("2026-03-07 11:00", 0, "2026-03-09 17:00"), // Saturday, 0 → Monday's close
            ("2026-12-23 09:00", 1, "2026-12-29 17:00"), // holidays 24, 25, 28 December
        ];
        for (from, n, want) in cases {
            assert_eq!(cal.add_working_days(at(from), n), at(want), "{from} + {n} working days");
        }
    }

    #[test]
    fn adding_business_minutes() {
        let cal = office();
        // (start, minutes of working time, expected)
        let cases = [
            ("2026-03-02 09:00", 10, "2026-03-02 09:10"), // Monday morning
            ("2026-03-02 11:55", 10, "2026-03-02 13:05"), // over the lunch break
            ("2026-03-02 12:30", 0, "2026-03-02 13:00"),  // "now" in the break: after lunch
            ("2026-03-02 16:55", 10, "2026-03-03 08:05"), // over the night
            ("2026-03-06 15:55", 10, "2026-03-09 08:05"), // Friday closes at 16:00
            ("2026-03-06 23:59", 0, "2026-03-09 08:00"),  // a lead at 23:59 on Friday: due Monday 08:00
            ("2026-03-06 23:59", 10, "2026-03-09 08:10"),
            ("2026-03-07 10:00", 60, "2026-03-09 09:00"), // Saturday
            ("2026-12-23 16:50", 20, "2026-12-29 08:10"), // 24th, 25th (holidays), weekend, 28th (holiday)
            // 48 working hours: the week holds 8 + 9 + 9 + 9 + 8 = 43, then 4 + 1 on Monday.
            ("2026-03-02 08:00", 48 * 60, "2026-03-09 14:00"),
        ];
        for (start, mins, want) in cases {
            assert_eq!(cal.add(at(start), minutes(mins)), at(want), "{start} + {mins} min");
        }
    }

    #[test]
    fn daylight_saving_changes_both_ways() {
        let prague = TimeZone::get("Europe/Prague").unwrap();
        let always = Calendar::always(prague);
        // Spring forward, 2026-03-29 02:00 CET → 03:00 CEST: one real hour after 01:30 is 03:30.
        assert_eq!(always.add(at("2026-03-29T01:30:00+01:00"), minutes(60)), at("2026-03-29T03:30:00+02:00"));
        // Fall back, 2026-10-25 03:00 CEST → 02:00 CET: one real hour after the first 02:30 is the second.
        assert_eq!(always.add(at("2026-10-25T02:30:00+02:00"), minutes(60)), at("2026-10-25T02:30:00+01:00"));
        // The night of the change has 23 and 25 hours.
        assert_eq!(always.between(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00")), minutes(23 * 60));
        assert_eq!(always.between(at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00")), minutes(25 * 60));

        // Office hours are local: 08:00 stays 08:00 on both sides of the change.
        let cal = office();
        assert_eq!(cal.next_working(at("2026-03-27 18:00")), at("2026-03-30 08:00"), "Friday evening before spring-forward");
        assert_eq!(cal.add(at("2026-03-27 15:30"), minutes(60)), at("2026-03-30 08:30"));
        assert_eq!(cal.add(at("2026-10-23 15:30"), minutes(60)), at("2026-10-26 08:30"), "over fall-back");
        assert_eq!(cal.between(at("2026-10-23 15:30"), at("2026-10-26 08:30")), minutes(60));
    }

    #[test]
    fn working_moments_and_time_between() {
        let cal = office();
        assert!(cal.is_working(at("2026-03-02 08:00")));
        assert!(!cal.is_working(at("2026-03-02 12:00")), "lunch");
        assert!(!cal.is_working(at("2026-03-02 17:00")), "closing time is not working time");
        assert!(!cal.is_working(at("2026-12-24 10:00")), "holiday");
        assert_eq!(cal.between(at("2026-03-02 07:00"), at("2026-03-02 18:00")), minutes(8 * 60));
        assert_eq!(cal.between(at("2026-03-06 15:00"), at("2026-03-09 09:00")), minutes(120));
        assert_eq!(cal.between(at("2026-03-09 09:00"), at("2026-03-06 15:00")), SignedDuration::ZERO);
        // Adding what lies between two working moments lands on the later one.
        for (a, b) in [("2026-03-02 09:17", "2026-03-05 14:02"), ("2026-12-23 10:00", "2026-12-29 11:00")] {
            assert_eq!(cal.add(at(a), cal.between(at(a), at(b))), at(b), "{a} → {b}");
        }
    }

    /// For many starts and durations (a fixed pseudo-random walk over 2026, DST days included):
    /// the result is never before the start, lies in working time or at the end of a span, and
    /// holds exactly the working time asked for.
    #[test]
    fn adding_and_measuring_agree() {
        let cal = office();
        let year_start = at("2026-01-01 00:00");
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let start = year_start + minutes((x % (365 * 24 * 60)) as i64);
            let d = minutes(((x >> 20) % 6000) as i64);
            let end = cal.add(start, d);
            assert!(end >= start, "{start} + {d:?} went back to {end}");
            assert_eq!(cal.between(start, end), d, "{start} + {d:?} = {end}");
            assert!(cal.is_working(end) || cal.between(end - minutes(1), end) == minutes(1), "{end} is not at working time");
        }
    }

    #[test]
    fn bad_calendars_name_the_field() {
        let err = Calendar::parse("Mars/Olympus", &[("mon", "17:00-08:00"), ("funday", "08:00-09:00"), ("tue", "8-9")], &["2026-02-30"])
            .unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["time_zone", "hours.mon", "hours.funday", "hours.tue", "holidays[0]"], "{err}");
        assert!(Calendar::parse("Europe/Prague", &[], &[]).is_err(), "no working time at all");
        assert!(Calendar::parse("Europe/Prague", &[("mon", "08:00-12:00, 11:00-13:00")], &[]).is_err(), "overlap");
        assert!(Calendar::parse("Europe/Prague", &[("sat", "closed"), ("sun", "20:00-24:00")], &[]).is_ok());
    }
}
