//! The back-off rule for password checks: after a few failures in a row an
//! account (or, once there is a network portal, a source address) waits
//! before the next attempt, longer after each further failure. Pure: the
//! store keeps the counts and passes the time in.

/// Failures in a row that cost nothing: a mistyped password or two, a
/// forgotten Caps Lock.
pub const FREE_FAILURES: u32 = 4;

/// The longest wait. Long enough to make guessing hopeless (a few dozen
/// guesses a day), short enough that a colleague who mistyped is not shut
/// out for the shift; an administrator can always reset a password.
pub const MAX_LOCK_MINUTES: i64 = 30;

/// Failures older than this no longer count: the count starts again.
pub const FORGET_AFTER_HOURS: i64 = 24;

/// How long to wait after the `failures`-th failure in a row: nothing for
/// the first four, then 1, 2, 4, 8, 16 minutes and at most 30.
pub fn lock_minutes(failures: u32) -> Option<i64> {
    if failures <= FREE_FAILURES {
        return None;
    }
    let doublings = (failures - FREE_FAILURES - 1).min(10);
    Some((1_i64 << doublings).min(MAX_LOCK_MINUTES))
}

/// Whole minutes left of a wait of `seconds`, rounded up, at least 1 and at
/// most the longest wait (a clock set back never makes the wait longer).
pub fn minutes_left(seconds: i64) -> i64 {
    ((seconds.max(1) + 59) / 60).clamp(1, MAX_LOCK_MINUTES)
}

/// What the user reads while an account waits.
pub fn locked_message(seconds_left: i64) -> String {
    format!(
        "密码错误次数过多，请在{}分钟后再试",
        minutes_left(seconds_left)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_after_the_free_failures_and_stop_at_the_cap() {
        let waits: Vec<Option<i64>> = (1..=12).map(lock_minutes).collect();
        assert_eq!(
            waits,
            vec![
                None,
                None,
                None,
                None,
                Some(1),
                Some(2),
                Some(4),
                Some(8),
                Some(16),
                Some(30),
                Some(30),
                Some(30)
            ]
        );
        assert_eq!(lock_minutes(u32::MAX), Some(MAX_LOCK_MINUTES));
    }

    #[test]
    fn minutes_are_rounded_up_and_bounded() {
        assert_eq!(minutes_left(1), 1);
        assert_eq!(minutes_left(60), 1);
        assert_eq!(minutes_left(61), 2);
        assert_eq!(minutes_left(-5), 1);
        assert_eq!(minutes_left(10 * 86_400), MAX_LOCK_MINUTES);
        assert_eq!(locked_message(119), "密码错误次数过多，请在2分钟后再试");
    }
}
