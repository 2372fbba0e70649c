import { performance } from "node:perf_hooks";

/**
 * What one step may spend. A step runs inside the write transaction, so every customer, webhook and
 * timer waits while it runs: a flow that loops through nodes without ever waiting, or one slow
 * node, must fail alone instead. The step is checked each time it enters a node; a step that
 * exceeds its budget leaves its instance `stopped` with this reason (flow-runtime.ts).
 */
export type StepBudget = { ms: number; nodes: number };

/** Why a step was cut short: which budget, its value, and the node it was entering. */
export type BudgetStop = { reason: "budget"; budget: "time" | "nodes"; max: number; nodeId: string };

export class StepBudgetExceeded extends Error {
  override name = "StepBudgetExceeded";
  constructor(readonly stop: BudgetStop) {
    super(`the step ${stop.budget === "time" ? `ran past ${stop.max} ms` : `entered more than ${stop.max} nodes`} (at node ${stop.nodeId})`);
  }
}

export const isStepBudgetExceeded = (e: unknown): e is StepBudgetExceeded => e instanceof Error && e.name === "StepBudgetExceeded";

// Steps run one at a time on this thread (xstate's transition is synchronous), so one meter suffices.
let meter: { budget: StepBudget; until: number; nodesLeft: number } | null = null;

/** Runs one step under `budget`; without a budget the step is not metered (the compiler's own checks). */
export function metered<T>(budget: StepBudget | undefined, step: () => T): T {
  if (!budget) return step();
  const outer = meter;
  meter = { budget, until: performance.now() + budget.ms, nodesLeft: budget.nodes };
  try {
    return step();
  } finally {
    meter = outer;
  }
}

/** Charges entering `nodeId` to the running step; throws `StepBudgetExceeded` past either budget. */
export function chargeNode(nodeId: string): void {
  if (!meter) return;
  if (--meter.nodesLeft < 0) throw new StepBudgetExceeded({ reason: "budget", budget: "nodes", max: meter.budget.nodes, nodeId });
  if (performance.now() > meter.until) throw new StepBudgetExceeded({ reason: "budget", budget: "time", max: meter.budget.ms, nodeId });
}
