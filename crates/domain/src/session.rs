//! The workstation session: who is logged in and whether the idle lock has
//! fallen. Time is passed in (milliseconds) so the rule is testable.

/// Locks after `idle_ms` without activity; a locked session answers nothing
/// but an unlock with the same user's password (or a logout).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdleLock {
    last_activity_ms: i64,
    locked: bool,
}

impl IdleLock {
    pub fn new(now_ms: i64) -> IdleLock {
        IdleLock {
            last_activity_ms: now_ms,
            locked: false,
        }
    }

    /// True when the session is (now) locked; locks it if idle too long.
    pub fn check(&mut self, now_ms: i64, idle_minutes: i64) -> bool {
        if !self.locked && now_ms - self.last_activity_ms > idle_minutes.max(1) * 60_000 {
            self.locked = true;
        }
        self.locked
    }

    /// Records activity; has no effect on a locked session.
    pub fn touch(&mut self, now_ms: i64) {
        if !self.locked {
            self.last_activity_ms = now_ms;
        }
    }

    pub fn lock(&mut self) {
        self.locked = true;
    }

    pub fn unlock(&mut self, now_ms: i64) {
        self.locked = false;
        self.last_activity_ms = now_ms;
    }

    pub fn is_locked(&self) -> bool {
        self.locked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_idle_time_and_stays_locked() {
        let mut s = IdleLock::new(0);
        assert!(!s.check(9 * 60_000, 10));
        s.touch(9 * 60_000);
        assert!(!s.check(18 * 60_000, 10), "activity restarted the clock");
        assert!(s.check(19 * 60_000 + 1, 10));
        s.touch(19 * 60_000 + 2);
        assert!(s.check(19 * 60_000 + 3, 10), "touching does not unlock");
        s.unlock(20 * 60_000);
        assert!(!s.check(21 * 60_000, 10));
        s.lock();
        assert!(s.is_locked());
    }
}
