// Idle-lock bookkeeping, free of timers and DOM so it can be tested with a
// fake clock. The caller feeds it user activity and asks two questions:
// "should I send a heartbeat now?" and "has the user been idle too long?".

export const HEARTBEAT_INTERVAL_MS = 30_000;

export function minutesToMs(minutes) {
  const n = Number(minutes);
  return Number.isFinite(n) && n > 0 ? n * 60_000 : Infinity;
}

export function createIdleTracker({ idleMinutes, now, heartbeatIntervalMs = HEARTBEAT_INTERVAL_MS }) {
  let idleMs = minutesToMs(idleMinutes);
  let lastActivity = now;
  // Logging in or unlocking already told the core the user is present;
  // a new tracker is created each time, so both clocks start now.
  let lastHeartbeat = now;

  return {
    // Returns true when this activity should be reported with a heartbeat.
    activity(at) {
      lastActivity = Math.max(lastActivity, at);
      if (at - lastHeartbeat >= heartbeatIntervalMs) {
        lastHeartbeat = at;
        return true;
      }
      return false;
    },
    isIdle(at) {
      return at - lastActivity >= idleMs;
    },
    setIdleMinutes(minutes) {
      idleMs = minutesToMs(minutes);
    },
  };
}
