/**
 * Failed sign-ins per account and client address, in a sliding window. Guessing one person's
 * password from one place stops after `max` failures until the oldest leaves the window; a success
 * clears the count. Successes are not counted, so a shift signing in from one office address is not
 * held up (all attempts from one address have a higher cap of their own, sign-in.ts).
 */
export function createFailedSignIns({ max, windowMs, now = Date.now }: { max: number; windowMs: number; now?: () => number }) {
  const failures = new Map<string, number[]>();
  // Oldest keys go first once this many are kept: memory stays bounded whatever is sprayed.
  const KEPT = 10_000;
  const key = (email: string, ip: string | null) => `${email.trim().toLowerCase()}\n${ip ?? ""}`;
  const recent = (k: string) => (failures.get(k) ?? []).filter((at) => at > now() - windowMs);

  return {
    /** Seconds until this account may be tried again from this address; 0 when it may now. */
    retryAfter(email: string, ip: string | null): number {
      const times = recent(key(email, ip));
      return times.length < max ? 0 : Math.max(1, Math.ceil((times[0] + windowMs - now()) / 1000));
    },
    failed(email: string, ip: string | null): void {
      const k = key(email, ip);
      const times = [...recent(k), now()].slice(-max);
      failures.delete(k);
      if (failures.size >= KEPT) failures.delete(failures.keys().next().value as string);
      failures.set(k, times);
    },
    succeeded(email: string, ip: string | null): void {
      failures.delete(key(email, ip));
    },
  };
}
