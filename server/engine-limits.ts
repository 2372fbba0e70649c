import type { EngineOptions } from "../engine/index";

type Env = Record<string, string | undefined>;

/** A positive whole number from the environment, or undefined (the engine's default) when unset; a bad value stops the start. */
function count(env: Env, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text.trim() === "") return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, not "${text}"`);
  return value;
}

/**
 * The engine's bounds from the environment (each unset one keeps the engine's default, which the
 * README's Guarantees section lists): per-instance caps and the step budget, the commit queue, and
 * how many effects run at once per channel, per HTTP host and in all.
 */
export function engineLimitsFromEnv(env: Env = process.env): Pick<EngineOptions, "instanceLimits" | "commits" | "outbox"> {
  return {
    instanceLimits: {
      stepsPerDay: count(env, "OMNIFLOW_INSTANCE_STEPS_PER_DAY"),
      sendsPerDay: count(env, "OMNIFLOW_INSTANCE_SENDS_PER_DAY"),
      stepMs: count(env, "OMNIFLOW_STEP_MS"),
      nodesPerStep: count(env, "OMNIFLOW_NODES_PER_STEP"),
    },
    commits: { maxPending: count(env, "OMNIFLOW_COMMIT_QUEUE_MAX"), giveUpAfterMs: count(env, "OMNIFLOW_STORE_WAIT_MS") },
    outbox: {
      perChannel: count(env, "OMNIFLOW_OUTBOX_PER_CHANNEL"),
      perHost: count(env, "OMNIFLOW_OUTBOX_PER_HOST"),
      total: count(env, "OMNIFLOW_OUTBOX_TOTAL"),
    },
  };
}
