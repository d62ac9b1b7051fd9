//! Reports computed from plain rows (no I/O): lead response time — received → first response —
//! per group, with the median, the 90th percentile and how many were answered within 5 minutes.

use jiff::Timestamp;
use std::collections::BTreeMap;

/// One lead as the response-time report sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseRow {
    pub key: String,
    pub received_at: Timestamp,
    pub first_response_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseGroup {
    pub key: String,
    pub leads: i64,
    /// Leads that had a first response.
    pub responded: i64,
    /// Of the responded leads; `None` when none was.
    pub median_seconds: Option<f64>,
    /// Nearest rank: the smallest time at least 90% of the responded leads were answered in.
    pub p90_seconds: Option<f64>,
    /// Leads answered within 5 minutes of arriving.
    pub within_5_min: i64,
}

/// The median of sorted values (the mean of the middle two for an even count).
fn median(sorted: &[i64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2] as f64),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0),
    }
}

/// Nearest-rank percentile of sorted values.
fn nearest_rank(sorted: &[i64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(sorted[rank - 1] as f64)
}

/// Groups `rows` by key (sorted by key). A response before the lead arrived (a lead entered
/// late) counts as zero seconds.
pub fn response_time(rows: &[ResponseRow]) -> Vec<ResponseGroup> {
    let mut by: BTreeMap<&str, (i64, Vec<i64>)> = BTreeMap::new();
    for r in rows {
        let e = by.entry(r.key.as_str()).or_default();
        e.0 += 1;
        if let Some(f) = r.first_response_at {
            e.1.push((f.as_second() - r.received_at.as_second()).max(0));
        }
    }
    by.into_iter()
        .map(|(key, (leads, mut times))| {
            times.sort_unstable();
            ResponseGroup {
                key: key.to_owned(),
                leads,
                responded: times.len() as i64,
                median_seconds: median(&times),
                p90_seconds: nearest_rank(&times, 0.9),
                within_5_min: times.iter().filter(|t| **t <= 300).count() as i64,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, after: Option<i64>) -> ResponseRow {
        let received = Timestamp::from_second(2_000_000_000).unwrap();
        ResponseRow { key: key.into(), received_at: received, first_response_at: after.map(|s| Timestamp::from_second(2_000_000_000 + s).unwrap()) }
    }

    #[test]
    fn hand_computed_groups_with_ties_empty_and_never_answered() {
        let rows = vec![
            // web: 60, 120, 120 (a tie), 600, and one never answered.
            row("web", Some(60)),
            row("web", Some(120)),
            row("web", Some(120)),
            row("web", Some(600)),
            row("web", None),
            // phone: an even count, 30 and 90 → median 60.
            row("phone", Some(90)),
            row("phone", Some(30)),
            // email: nobody answered.
            row("email", None),
            // api: answered "before" it was entered → 0 s.
            row("api", Some(-50)),
        ];
        let g = response_time(&rows);
        let web = g.iter().find(|g| g.key == "web").unwrap();
        assert_eq!((web.leads, web.responded, web.median_seconds, web.p90_seconds, web.within_5_min), (5, 4, Some(120.0), Some(600.0), 3));
        let phone = g.iter().find(|g| g.key == "phone").unwrap();
        assert_eq!((phone.median_seconds, phone.p90_seconds, phone.within_5_min), (Some(60.0), Some(90.0), 2));
        let email = g.iter().find(|g| g.key == "email").unwrap();
        assert_eq!((email.leads, email.responded, email.median_seconds, email.p90_seconds, email.within_5_min), (1, 0, None, None, 0));
        let api = g.iter().find(|g| g.key == "api").unwrap();
        assert_eq!(api.median_seconds, Some(0.0));
        assert_eq!(g.iter().map(|g| g.key.as_str()).collect::<Vec<_>>(), ["api", "email", "phone", "web"], "sorted by key");
        assert!(response_time(&[]).is_empty());
    }

    #[test]
    fn the_90th_percentile_is_the_nearest_rank() {
        let rows: Vec<ResponseRow> = (1..=10).map(|i| row("k", Some(i * 10))).collect();
        let g = &response_time(&rows)[0];
        assert_eq!((g.median_seconds, g.p90_seconds), (Some(55.0), Some(90.0)));
        let rows: Vec<ResponseRow> = (1..=11).map(|i| row("k", Some(i * 10))).collect();
        assert_eq!(response_time(&rows)[0].p90_seconds, Some(100.0));
    }
}
