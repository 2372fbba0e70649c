import type { ServerResponse } from "node:http";

/**
 * Tells when the machine routes have been quiet for a moment. The server loads Next only then: after a
 * crash or a deploy, providers' retries arrive first, and loading Next holds the event loop for a few
 * hundred milliseconds in which no webhook could be answered. Pages answer 503 with Retry-After meanwhile.
 */
export function createQuietGate(clock: () => number = () => performance.now()) {
  let inFlight = 0;
  let lastEnd = clock();
  return {
    /** Counts `res` as in flight until it closes. */
    track(res: ServerResponse) {
      inFlight++;
      res.once("close", () => {
        inFlight--;
        lastEnd = clock();
      });
    },
    /** Resolves once nothing was in flight for `quietMs`, or after `maxMs` whatever the traffic. */
    quiet(quietMs: number, maxMs: number): Promise<void> {
      const giveUpAt = clock() + maxMs;
      return new Promise((resolve) => {
        const check = () => {
          const now = clock();
          if (now >= giveUpAt || (inFlight === 0 && now - lastEnd >= quietMs)) return resolve();
          setTimeout(check, 10);
        };
        check();
      });
    },
  };
}
