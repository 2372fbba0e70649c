import * as z from "zod";

/**
 * How much one instance may do in a day. A flow can loop through waits that answer themselves at
 * once (Send with "wait for delivery" → Delivered → the same Send sent 15,792 messages to one
 * customer in 10 s); past either cap the instance stops (status `stopped`, reason `limit`) with its
 * timers and open tasks cancelled. The window is 24 h from the first step counted in it, so a
 * conversation that lasts weeks is not stopped for its age. The defaults sit far above any
 * conversation with a person (100 messages to one customer in a day) and far below a runaway.
 */
export const instanceLimitsSchema = z.object({
  stepsPerDay: z.number().int().min(1).max(1_000_000).default(1_000),
  sendsPerDay: z.number().int().min(1).max(1_000_000).default(100),
  /** One step's budget (step-budget.ts): wall time on this thread, and nodes entered. */
  stepMs: z.number().int().min(10).max(10_000).default(250),
  nodesPerStep: z.number().int().min(10).max(1_000_000).default(10_000),
});
export type InstanceLimits = z.infer<typeof instanceLimitsSchema>;
export type InstanceLimitsInput = z.input<typeof instanceLimitsSchema>;

export const LIMIT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The current window's counts, kept in the instance's snapshot (written in the step's transaction). */
export type InstanceUsage = { since: number; steps: number; sends: number };

/** Why an instance was stopped: which cap, its value, and the window it counts in. */
export type LimitStop = { reason: "limit"; limit: "steps" | "sends"; max: number; windowHours: number };

/** The usage after a step at `at` with these effects: a new window once the last one is a day old. */
export function countStep(previous: InstanceUsage | undefined, effects: readonly { kind: string }[], at: number): InstanceUsage {
  const usage = previous && at - previous.since < LIMIT_WINDOW_MS ? previous : { since: at, steps: 0, sends: 0 };
  const sends = effects.filter((effect) => effect.kind === "message.send").length;
  return { since: usage.since, steps: usage.steps + 1, sends: usage.sends + sends };
}

/** The cap this usage has reached, if any: the step that reaches it is the instance's last. */
export function limitReached(usage: InstanceUsage, limits: InstanceLimits): LimitStop | null {
  const windowHours = LIMIT_WINDOW_MS / 3_600_000;
  if (usage.sends >= limits.sendsPerDay) return { reason: "limit", limit: "sends", max: limits.sendsPerDay, windowHours };
  if (usage.steps >= limits.stepsPerDay) return { reason: "limit", limit: "steps", max: limits.stepsPerDay, windowHours };
  return null;
}
