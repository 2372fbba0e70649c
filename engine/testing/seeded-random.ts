/** A small seeded generator (mulberry32), so a run that found a fault can be repeated exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The run's seed: SOAK_SEED when set (to replay a run), else a fresh one; printed by whoever uses it. */
export function runSeed(env: Record<string, string | undefined> = process.env): number {
  const given = Number(env.SOAK_SEED);
  return Number.isInteger(given) && given > 0 ? given : 1 + Math.floor(Math.random() * 1_000_000);
}
