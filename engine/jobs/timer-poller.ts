import type { DueTimer, TimerRepository } from "../store/timers";

/**
 * Feeds due timer rows back as `timer.fired` events. Nothing is loaded at start-up: the poller
 * asks the (status, dueAt) index for what is due now, so 100,000 waiting instances cost nothing
 * until their moment comes. A timer is marked failed only for its own step's fault (writer/doors.ts),
 * never because the store was busy.
 */
export function createTimerPoller(timers: TimerRepository, clock: () => number, fire: (timer: DueTimer) => Promise<unknown>) {
  let busy = false;

  async function tick(): Promise<number> {
    if (busy) return 0;
    busy = true;
    try {
      let fired = 0;
      for (;;) {
        const due = timers.due(clock(), 500);
        if (due.length === 0) return fired;
        // All settle before the next read; a busy store leaves its timers pending and ends this tick (the job backs off).
        const failed = (await Promise.allSettled(due.map(fire))).find((o) => o.status === "rejected");
        if (failed) throw failed.reason;
        fired += due.length;
      }
    } finally {
      busy = false;
    }
  }

  return { tick };
}
