//! Sign-in throttling per account, on top of the per-IP limit: how long the next attempt on a
//! login must wait after `failures` wrong passwords in a row. The first few are free; then the
//! wait doubles with each failure (2 s, 4 s, 8 s …) up to a quarter of an hour. The store keeps
//! the count per login (known or not, so the answer does not tell which logins exist) and a
//! success clears it.

use jiff::SignedDuration;

/// Failures in a row that cost nothing.
pub const FREE_FAILURES: i64 = 5;
/// The longest wait.
pub const MAX_WAIT: SignedDuration = SignedDuration::from_mins(15);

/// The wait after `failures` wrong attempts in a row, or none.
pub fn wait_after(failures: i64) -> Option<SignedDuration> {
    if failures < FREE_FAILURES {
        return None;
    }
    let n = (failures - FREE_FAILURES + 1).min(20) as u32;
    Some(SignedDuration::from_secs(2i64.pow(n)).min(MAX_WAIT))
}

/// The key an account is throttled by: the login as typed, trimmed, lower-cased, bounded.
pub fn key(login: &str) -> String {
    login.trim().to_lowercase().chars().take(100).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_after_five_failures_up_to_a_quarter_hour() {
        let table =
            [(0, None), (1, None), (4, None), (5, Some(2)), (6, Some(4)), (7, Some(8)), (13, Some(512)), (14, Some(900)), (60, Some(900))];
        for (failures, secs) in table {
            assert_eq!(wait_after(failures), secs.map(SignedDuration::from_secs), "{failures}");
        }
        assert_eq!(key("  Jana.N "), "jana.n");
        assert_eq!(key(&"x".repeat(500)).len(), 100);
    }
}
