/**
 * A fixed-window counter per key (a client address): at most `max` hits per `windowMs`. In memory,
 * per process; at most `maxKeys` keys are tracked (expired windows go first, then the oldest).
 */
export type RateLimit = { max: number; windowMs: number };

export function createRateLimiter({ max, windowMs }: RateLimit, clock: () => number = Date.now, maxKeys = 10_000) {
  const windows = new Map<string, { start: number; hits: number }>();
  const prune = (now: number) => {
    for (const [key, w] of windows) if (now - w.start >= windowMs) windows.delete(key);
    // Map iteration is insertion order: the first keys are the oldest windows.
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  };
  return {
    /** Counts a hit; `null` when allowed, else the whole seconds to wait (for Retry-After). */
    hit(key: string): number | null {
      const now = clock();
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        if (!w && windows.size >= maxKeys) prune(now);
        windows.delete(key);
        w = { start: now, hits: 0 };
        windows.set(key, w);
      }
      if (w.hits >= max) return Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));
      w.hits++;
      return null;
    },
  };
}
