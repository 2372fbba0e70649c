import type { StepStore } from "../store/step-store";

type DueTimer = { id: string; instanceId: string; nodeId: string; dueAt: number };

/**
 * Feeds due timer rows back as `timer.fired` events. Nothing is loaded at start-up: the poller
 * asks the (status, dueAt) index for what is due now, so 100,000 waiting instances cost nothing
 * until their moment comes.
 */
export function createTimerPoller(store: StepStore, clock: () => number, fire: (timer: DueTimer) => Promise<unknown>) {
  let timer: NodeJS.Timeout | null = null;
  let busy = false;

  async function tick(): Promise<number> {
    if (busy) return 0;
    busy = true;
    try {
      let fired = 0;
      for (;;) {
        const due = store.statements.timersDue.all(clock(), 500) as DueTimer[];
        if (due.length === 0) return fired;
        await Promise.all(due.map(fire));
        fired += due.length;
      }
    } finally {
      busy = false;
    }
  }

  return {
    tick,
    start(everyMs = 500) {
      timer ??= setInterval(() => void tick().catch((e) => console.error("timer poll failed", e)), everyMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
