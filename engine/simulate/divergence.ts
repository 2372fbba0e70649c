/** One node entered on a run's path, with the recorded step (its number in the instance's log) that led there. */
export type PathEntry = { step: number; nodeId: string };

/** Where two paths part: the position on the path, the recorded step, and the node each took there (null: that path had ended). */
export type PathDivergence = { index: number; step: number; real: string | null; draft: string | null };

/** The first place the draft's path leaves the real one, or null when both pass the same nodes in the same order. */
export function firstDivergence(real: PathEntry[], draft: PathEntry[]): PathDivergence | null {
  const length = Math.max(real.length, draft.length);
  for (let index = 0; index < length; index++) {
    const [r, d] = [real[index], draft[index]];
    if (r?.nodeId === d?.nodeId) continue;
    return { index, step: (r ?? d).step, real: r?.nodeId ?? null, draft: d?.nodeId ?? null };
  }
  return null;
}

/** An effect as recorded in a step (the engine's effects, read back loosely from the log). */
export type LoggedEffect = { kind: string; key: string; nodeId: string; text?: unknown; channel?: unknown };

/** The texts a run's sends carry, in order, written as Simulate mode writes them (`[sms] …` for another channel). */
export const sentTexts = (effects: LoggedEffect[]): string[] =>
  effects.flatMap((e) => (e.kind === "message.send" && typeof e.text === "string" ? [e.channel ? `[${String(e.channel)}] ${e.text}` : e.text] : []));

/** What the draft would send differently: both lists and the first position where they differ (null: the same messages). */
export function sentDifference(real: string[], draft: string[]) {
  const length = Math.max(real.length, draft.length);
  let first: number | null = null;
  for (let i = 0; i < length && first === null; i++) if (real[i] !== draft[i]) first = i;
  return { real, draft, first };
}
