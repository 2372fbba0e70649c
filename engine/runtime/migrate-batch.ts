import { nodeIdsOfState } from "../compiler/compile";
import type { StepRepositories } from "../store/index";
import type { InstanceRow } from "../store/instances";
import { migrateState, type NodeMapping } from "./migration-plan";
import type { PersistedState } from "./step";

/** A checked plan as one batch applies it. */
export type MigrationBatch = {
  flowId: string;
  migrationId: string;
  from: { versionId: string; number: number };
  to: { versionId: string; number: number };
  mapping: NodeMapping;
};

/** One batch as the engine's writer runs it (writer/commands.ts): the plan, the id to continue after, how many. */
export type MigrateBatchArgs = { plan: MigrationBatch; afterId: string; limit: number };

/** What one instance's move changed: the nodes it rested in, and the timers and tasks that followed it. */
export type InstanceMove = { instanceId: string; nodes: { from: string; to: string }[]; timers: number; tasks: number };

/**
 * Moves up to `limit` waiting instances of `plan.from` (ids after `afterId`) to `plan.to`, inside the
 * transaction the group commit runs it in. Each keeps its context; its state, what its nodes are
 * parked on, its pending timers (same due time) and open tasks (still queued) are re-addressed to
 * the mapped nodes, and its log gets an `instance.migrated` step saying what moved. An instance that
 * meanwhile rests in a node the plan does not map (it moved on since the preview) is left where it
 * is and counted as skipped. `last` is the id to continue after; null when the version had no more.
 */
export function migrateBatch(
  repos: Pick<StepRepositories, "instances" | "timers" | "tasks">,
  plan: MigrationBatch,
  afterId: string,
  limit: number,
  at: number,
) {
  const rows = repos.instances.waitingOnVersion(plan.flowId, plan.from.versionId, afterId, limit);
  const moved: InstanceMove[] = [];
  let skipped = 0;
  for (const row of rows) {
    const move = migrateInstance(repos, row, plan, at);
    if (move) moved.push(move);
    else skipped++;
  }
  return { moved, skipped, last: rows.length === limit ? rows[rows.length - 1].id : null };
}

function migrateInstance(
  repos: Pick<StepRepositories, "instances" | "timers" | "tasks">,
  row: InstanceRow,
  plan: MigrationBatch,
  at: number,
): InstanceMove | null {
  const before = JSON.parse(row.snapshot) as PersistedState;
  const resting = nodeIdsOfState(stateText(before.value));
  if (!resting.length || resting.some((node) => !plan.mapping[node])) return null;
  const mapping: NodeMapping = Object.fromEntries(resting.map((node) => [node, plan.mapping[node]]));
  const state = migrateState(before, mapping, plan.to.versionId);
  const nodes = resting.map((node) => ({ from: node, to: mapping[node] }));
  const repinned = repos.instances.repin(
    {
      instance: {
        id: row.id,
        flowId: row.flowId,
        versionId: plan.to.versionId,
        conversationId: row.conversationId,
        customerId: row.customerId,
        status: row.status,
        state: stateText(state.value),
        snapshot: JSON.stringify(state),
        step: row.stepCount + 1,
      },
      eventType: "instance.migrated",
      eventPayload: JSON.stringify({ type: "instance.migrated", at, migrationId: plan.migrationId, from: plan.from, to: plan.to, nodes }),
      at,
    },
    plan.from.versionId,
  );
  if (!repinned) return null;
  // Rows are re-addressed one by one from what they say now, so two nodes swapping ids cannot undo each other.
  const timers = repos.timers.pendingOf(row.id).filter((t) => mapping[t.nodeId]);
  for (const t of timers) repos.timers.readdress(t.id, mapping[t.nodeId]);
  const tasks = repos.tasks.openOf(row.id).filter((t) => t.nodeId && mapping[t.nodeId]);
  for (const t of tasks) repos.tasks.readdress(t.id, mapping[t.nodeId!]);
  return { instanceId: row.id, nodes, timers: timers.length, tasks: tasks.length };
}

/** A state value as the `state` column holds it: `n_wait`, or the JSON of a Run in parallel's object. */
const stateText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
