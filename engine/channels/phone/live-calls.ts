/**
 * Calls in progress, in this process: where a send to a caller goes while they are on the line.
 * The outbox performs a send as for any channel; for an address with a live call the adapter hands
 * the message to the call instead of placing one, and the webhook waiting for the call's next TwiML
 * collects it. So each message leaves through the dispatcher exactly once, whatever answers first.
 */

/** A message handed to a live call, waiting to be spoken. */
export type Spoken = { messageId: string; text: string; buttons: string[] };

type LiveCall = { callSid: string; address: string; handed: Spoken[]; spoken: Set<string>; wake: Set<() => void>; seenAt: number };

/**
 * A call Twilio has not asked about for this long is taken as over even without its status callback
 * (the number may have none): a live call asks at least every Gather timeout or hold loop.
 */
const SILENT_MS = 120_000;

/** What a webhook collected for its answer: the messages in order, and whether some it expected have not come yet. */
export type Collected = { said: Spoken[]; missing: boolean };

export function createLiveCalls(now: () => number = Date.now) {
  const bySid = new Map<string, LiveCall>();
  const byAddress = new Map<string, LiveCall>();

  function end(callSid: string): void {
    const call = bySid.get(callSid);
    if (!call) return;
    bySid.delete(callSid);
    if (byAddress.get(call.address) === call) byAddress.delete(call.address);
    for (const wake of call.wake) wake();
  }

  return {
    /** A call is on the line (any of its webhooks says so; calling again is harmless). */
    begin(callSid: string, address: string): void {
      const known = bySid.get(callSid);
      if (known) return void (known.seenAt = now());
      const call: LiveCall = { callSid, address, handed: [], spoken: new Set(), wake: new Set(), seenAt: now() };
      bySid.set(callSid, call);
      byAddress.set(address, call);
    },
    /** The call is over: later sends to the address place a call. */
    end,
    /** Hands a message to the address's live call; the call's SID, or null when there is none. */
    hand(address: string, spoken: Spoken): string | null {
      const call = byAddress.get(address);
      if (!call) return null;
      if (now() - call.seenAt > SILENT_MS) {
        end(call.callSid);
        return null;
      }
      // A send may be repeated (at-least-once): the same message is spoken once.
      if (!call.spoken.has(spoken.messageId)) call.handed.push(spoken);
      call.spoken.add(spoken.messageId);
      for (const wake of call.wake) wake();
      return call.callSid;
    },
    /**
     * Waits up to `withinMs` until every message of `expected` (ids, in order) was handed to the
     * call, then takes what was handed: the expected ones in their order, then any others.
     */
    async collect(callSid: string, expected: readonly string[], withinMs: number): Promise<Collected> {
      const call = bySid.get(callSid);
      if (!call) return { said: [], missing: expected.length > 0 };
      const arrived = () => expected.every((id) => call.handed.some((m) => m.messageId === id));
      if (!arrived()) {
        await new Promise<void>((resolve) => {
          const done = () => {
            if (!arrived() && bySid.has(callSid)) return;
            clearTimeout(timer);
            call.wake.delete(done);
            resolve();
          };
          const timer = setTimeout(() => {
            call.wake.delete(done);
            resolve();
          }, withinMs);
          call.wake.add(done);
        });
      }
      const rank = (m: Spoken) => {
        const at = expected.indexOf(m.messageId);
        return at === -1 ? expected.length : at;
      };
      const missing = !arrived();
      return { said: call.handed.splice(0).sort((a, b) => rank(a) - rank(b)), missing };
    },
    /** Calls on the line now (tests, the sandbox). */
    live: () => [...bySid.keys()],
  };
}

export type LiveCalls = ReturnType<typeof createLiveCalls>;
