//! The report window's presets — today, this week, this month, last month — as the reader's
//! calendar has them: whole days in their time zone (a day that changes to or from summer
//! time is 23 or 25 hours long), weeks from Monday.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Preset {
    Today,
    ThisWeek,
    ThisMonth,
    LastMonth,
}

impl Preset {
    pub(crate) const ALL: [Preset; 4] = [Preset::Today, Preset::ThisWeek, Preset::ThisMonth, Preset::LastMonth];

    /// The word's key.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Preset::Today => "reports-today",
            Preset::ThisWeek => "reports-this-week",
            Preset::ThisMonth => "reports-this-month",
            Preset::LastMonth => "reports-last-month",
        }
    }

    /// Its first day and the day after its last, in the calendar of a reader whose today is
    /// `today`.
    pub(crate) fn days(self, today: Date) -> (Date, Date) {
        let add = |d: Date, s: Span| d.checked_add(s).unwrap_or(d);
        let first_of_month = today.first_of_month();
        match self {
            Preset::Today => (today, add(today, Span::new().days(1))),
            Preset::ThisWeek => {
                let monday = add(today, Span::new().days(-i64::from(today.weekday().to_monday_zero_offset())));
                (monday, add(monday, Span::new().days(7)))
            }
            Preset::ThisMonth => (first_of_month, add(first_of_month, Span::new().months(1))),
            Preset::LastMonth => (add(first_of_month, Span::new().months(-1)), first_of_month),
        }
    }

    /// The window `[from, to)` at `now` in the reader's zone `tz`.
    pub(crate) fn window(self, now: Timestamp, tz: &TimeZone) -> (Timestamp, Timestamp) {
        let today = now.to_zoned(tz.clone()).date();
        let (a, b) = self.days(today);
        let start = |d: Date| d.to_zoned(tz.clone()).map(|z| z.timestamp()).unwrap_or(now);
        (start(a), start(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn presets_are_whole_days_of_the_readers_calendar() {
        let prague = TimeZone::get("Europe/Prague").unwrap();
        use Preset::*;
        // (now, preset, from, to)
        let cases: &[(&str, Preset, &str, &str)] = &[
            // An ordinary Thursday in winter (UTC+1).
            ("2026-12-03T09:00:00Z", Today, "2026-12-02T23:00:00Z", "2026-12-03T23:00:00Z"),
            ("2026-12-03T09:00:00Z", ThisWeek, "2026-11-29T23:00:00Z", "2026-12-06T23:00:00Z"),
            ("2026-12-03T09:00:00Z", ThisMonth, "2026-11-30T23:00:00Z", "2026-12-31T23:00:00Z"),
            ("2026-12-03T09:00:00Z", LastMonth, "2026-10-31T23:00:00Z", "2026-11-30T23:00:00Z"),
            // Half past midnight on 1 March in Prague is still February in UTC: March it is.
            ("2026-02-28T23:30:00Z", ThisMonth, "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z"),
            ("2026-02-28T23:30:00Z", LastMonth, "2026-01-31T23:00:00Z", "2026-02-28T23:00:00Z"),
            ("2026-02-28T23:30:00Z", Today, "2026-02-28T23:00:00Z", "2026-03-01T23:00:00Z"),
            // The last evening of a month: still that month.
            ("2026-03-31T21:30:00Z", ThisMonth, "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z"),
            // January: last month is December of the year before.
            ("2026-01-15T12:00:00Z", LastMonth, "2025-11-30T23:00:00Z", "2025-12-31T23:00:00Z"),
            // A leap year's February.
            ("2028-03-10T12:00:00Z", LastMonth, "2028-01-31T23:00:00Z", "2028-02-29T23:00:00Z"),
            // Summer time starts on Sunday 29 March 2026: that day has 23 hours.
            ("2026-03-29T10:00:00Z", Today, "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"),
            ("2026-03-29T10:00:00Z", ThisWeek, "2026-03-22T23:00:00Z", "2026-03-29T22:00:00Z"),
            // And ends on Sunday 25 October 2026: 25 hours.
            ("2026-10-25T10:00:00Z", Today, "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"),
            ("2026-10-25T10:00:00Z", ThisMonth, "2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z"),
            // Monday is the first day of the week, Sunday the last.
            ("2026-11-30T08:00:00Z", ThisWeek, "2026-11-29T23:00:00Z", "2026-12-06T23:00:00Z"),
            ("2026-12-06T20:00:00Z", ThisWeek, "2026-11-29T23:00:00Z", "2026-12-06T23:00:00Z"),
        ];
        for (now, p, from, to) in cases {
            assert_eq!(p.window(ts(now), &prague), (ts(from), ts(to)), "{p:?} at {now}");
        }
        // The reader's zone decides: at 23:30 UTC it is already tomorrow in Prague, not in New York.
        let ny = TimeZone::get("America/New_York").unwrap();
        assert_eq!(Today.window(ts("2026-12-03T23:30:00Z"), &ny), (ts("2026-12-03T05:00:00Z"), ts("2026-12-04T05:00:00Z")));
        assert_eq!(Today.window(ts("2026-12-03T23:30:00Z"), &prague), (ts("2026-12-03T23:00:00Z"), ts("2026-12-04T23:00:00Z")));
    }
}
