//! Deliveries and complaints (issue 21, items 5 and 6): pure rules.
//!
//! - A delivery is planned for a day (not in the past, in the office's zone), to an address
//!   (required), with an optional driver (a name). [`DeliveryDraft::parse`] reports every bad
//!   field at once.
//! - The driver's pack (the invoice, the VAT invoice and the delivery note) is ready on the
//!   delivery day, or at 18:00 the evening before when the delivery is not today
//!   ([`pack_at`]): the seed's "on the delivery day, or the evening before".
//! - A complaint is what the customer said on a negative quality call: its substance is the
//!   note typed on the call ([`complaint_text`]); it is resolved with a note ([`resolution`]).

use crate::error::FieldErrors;
use crate::values::{Line, Text};
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

pub const ADDRESS_MAX: usize = 500;
pub const DRIVER_MAX: usize = 200;
pub const COMPLAINT_MAX: usize = 5_000;
/// The evening before a delivery, the pack is printed at this hour (office time).
pub const PACK_HOUR: i8 = 18;

/// What was typed to plan a delivery.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliveryDraft {
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub address: Option<String>,
    /// The driver's name (optional).
    pub driver: Option<String>,
}

/// A delivery ready to be planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDelivery {
    pub date: Date,
    pub address: Text,
    pub driver: Option<Line>,
}

impl DeliveryDraft {
    /// Checks every field; `today` is the office's day now (a delivery is never planned in the
    /// past).
    pub fn parse(&self, today: Date) -> Result<NewDelivery, FieldErrors> {
        let mut e = FieldErrors::new();
        let date = match self.date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => {
                e.add("date", "is required (YYYY-MM-DD)");
                None
            }
            Some(s) => match s.parse::<Date>() {
                Err(_) => {
                    e.add("date", format!("`{s}` is not a date (YYYY-MM-DD)"));
                    None
                }
                Ok(d) if d < today => {
                    e.add("date", format!("{d} is in the past (today is {today})"));
                    None
                }
                Ok(d) => Some(d),
            },
        };
        let address = match self.address.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => {
                e.add("address", "is required");
                None
            }
            Some(a) => e.take("address", Text::parse(a, ADDRESS_MAX)),
        };
        let driver =
            e.take_opt("driver", self.driver.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|d| Line::parse(d, DRIVER_MAX)));
        match (date, address) {
            (Some(date), Some(address)) if e.is_empty() => Ok(NewDelivery { date, address, driver }),
            _ => Err(e),
        }
    }
}

/// When the driver's pack is made for a delivery on `date`: at once when the delivery is today
/// (or, by a late plan, already past its evening), else at 18:00 office time the evening before.
pub fn pack_at(date: Date, now: Timestamp, zone: &TimeZone) -> Timestamp {
    let today = now.to_zoned(zone.clone()).date();
    if date <= today {
        return now;
    }
    let evening = date.yesterday().ok().and_then(|d| d.at(PACK_HOUR, 0, 0, 0).to_zoned(zone.clone()).ok()).map(|z| z.timestamp());
    match evening {
        Some(t) if t > now => t,
        _ => now,
    }
}

/// The statuses of a delivery, in the order they follow.
pub const DELIVERY_STATUSES: &[&str] = &["planned", "pack_ready", "delivered"];

/// The statuses of a complaint.
pub const COMPLAINT_STATUSES: &[&str] = &["open", "resolved"];

/// The substance of a complaint: the note typed on the negative quality call; required.
pub fn complaint_text(note: Option<&str>) -> Result<Text, FieldErrors> {
    match note.map(str::trim).filter(|s| !s.is_empty()) {
        None => Err(FieldErrors::single("note", "the substance of the complaint is required on a negative answer")),
        Some(n) => Text::parse(n, COMPLAINT_MAX).map_err(|e| FieldErrors::single("note", e.to_string())),
    }
}

/// How a complaint was resolved: required.
pub fn resolution(note: Option<&str>) -> Result<Text, FieldErrors> {
    match note.map(str::trim).filter(|s| !s.is_empty()) {
        None => Err(FieldErrors::single("note", "say how the complaint was resolved")),
        Some(n) => Text::parse(n, COMPLAINT_MAX).map_err(|e| FieldErrors::single("note", e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn the_pack_is_made_the_evening_before_or_at_once() {
        let prague = TimeZone::get("Europe/Prague").unwrap();
        let moscow = TimeZone::get("Europe/Moscow").unwrap();
        let cases: &[(&str, &str, &TimeZone, &str)] = &[
            // (delivery day, now, zone, pack at)
            ("2026-12-10", "2026-12-03T10:00:00Z", &prague, "2026-12-09T17:00:00Z"),
            ("2026-12-10", "2026-12-03T10:00:00Z", &moscow, "2026-12-09T15:00:00Z"),
            // today: at once
            ("2026-12-03", "2026-12-03T10:00:00Z", &prague, "2026-12-03T10:00:00Z"),
            // tomorrow, planned before the evening: at 18:00 today
            ("2026-12-04", "2026-12-03T10:00:00Z", &prague, "2026-12-03T17:00:00Z"),
            // tomorrow, planned after 18:00: at once
            ("2026-12-04", "2026-12-03T18:30:00Z", &prague, "2026-12-03T18:30:00Z"),
            // summer time
            ("2026-07-10", "2026-07-01T10:00:00Z", &prague, "2026-07-09T16:00:00Z"),
            // 23:30 UTC is already tomorrow in Prague: a delivery "tomorrow" in UTC is today there
            ("2026-12-04", "2026-12-03T23:30:00Z", &prague, "2026-12-03T23:30:00Z"),
        ];
        for (date, now, zone, want) in cases {
            assert_eq!(pack_at(date.parse().unwrap(), ts(now), zone), ts(want), "{date} at {now}");
        }
    }

    #[test]
    fn a_delivery_is_checked_field_by_field() {
        let today: Date = "2026-12-03".parse().unwrap();
        let d = |date: Option<&str>, address: Option<&str>, driver: Option<&str>| DeliveryDraft {
            date: date.map(str::to_owned),
            address: address.map(str::to_owned),
            driver: driver.map(str::to_owned),
        };
        let fields = |r: Result<NewDelivery, FieldErrors>| -> Vec<String> {
            r.err().map(|e| e.0.into_iter().map(|e| e.field).collect()).unwrap_or_default()
        };
        let cases: &[(DeliveryDraft, &[&str])] = &[
            (d(Some("2026-12-03"), Some("Tverskaya 1, Moscow"), None), &[]),
            (d(Some("2026-12-10"), Some("Tverskaya 1"), Some("Ivan")), &[]),
            (d(Some("2026-12-10"), Some("Tverskaya 1"), Some("  ")), &[]),
            (d(Some("2026-12-02"), Some("Tverskaya 1"), None), &["date"]),
            (d(Some("10.12.2026"), Some("Tverskaya 1"), None), &["date"]),
            (d(None, None, None), &["date", "address"]),
            (d(Some("2026-12-10"), Some("   "), None), &["address"]),
            (d(Some("2026-12-10"), Some("x"), Some("a\u{7}b")), &["driver"]),
        ];
        for (draft, want) in cases {
            assert_eq!(fields(draft.parse(today)), *want, "{draft:?}");
        }
        let ok = d(Some("2026-12-10"), Some(" Tverskaya 1 "), Some(" Ivan ")).parse(today).unwrap();
        assert_eq!(ok.address.as_str(), "Tverskaya 1");
        assert_eq!(ok.driver.as_ref().map(|l| l.as_str()), Some("Ivan"));
    }

    #[test]
    fn a_complaint_needs_its_substance_and_a_resolution_its_note() {
        assert_eq!(complaint_text(None).unwrap_err().0[0].field, "note");
        assert_eq!(complaint_text(Some("  ")).unwrap_err().0[0].field, "note");
        assert_eq!(complaint_text(Some(" scratched door ")).unwrap().as_str(), "scratched door");
        assert!(resolution(None).is_err());
        assert_eq!(resolution(Some("replaced")).unwrap().as_str(), "replaced");
    }
}
