/** A fixed, readable start for every test clock: 2026-01-05 09:00 UTC (a Monday). */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

export type FakeClock = {
  /** Pass as the engine's `clock` option. */
  now: () => number;
  advance(ms: number): number;
  set(ms: number): number;
};

/** A clock that moves only when the test says so, so timers fire exactly when expected. */
export function fakeClock(start = T0): FakeClock {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => (current += ms),
    set: (ms) => (current = ms),
  };
}
