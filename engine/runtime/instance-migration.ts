import { type MachineJson, nodeIdsOfState } from "../compiler/compile";
import type { z } from "zod";
import type { AuditEntry } from "../contracts/audit";
import { inputError } from "../contracts/errors";
import { flowDocumentSchema } from "../contracts/flow";
import { migrationApplySchema, type MigrationRequest, migrationRequestSchema } from "../contracts/migration";
import type { StepRepositories } from "../store/index";
import type { FlowRepository } from "../store/flows";
import { newId } from "../store/ids";
import type { MigrateBatchArgs, MigrationBatch, migrateBatch } from "./migrate-batch";
import {
  type MigrationProblem,
  type NodeMapping,
  nodeWaits,
  type PlanVersion,
  planProblems,
  problem,
  renameStateValue,
  suggestMapping,
} from "./migration-plan";
import type { VersionCache } from "./versions";

/** Instances per transaction: small enough that messages and timers of other instances go on between batches. */
export const MIGRATION_BATCH = 200;

type Deps = {
  flows: FlowRepository;
  repos: Pick<StepRepositories, "instances" | "timers" | "tasks">;
  versions: VersionCache;
  /** One batch (`migrateBatch`) through the engine's writer: one commit each. */
  migrate: (args: MigrateBatchArgs) => Promise<ReturnType<typeof migrateBatch>>;
  /** The audit trail gets one row per applied migration, saying what moved. */
  record: (entry: AuditEntry) => unknown;
  batchSize?: number;
};

/**
 * Moving a flow's waiting instances to another of its versions: `preview` counts them per waiting
 * node, suggests where each node goes (the same id and type), and says what stops the plan; `apply`
 * checks the plan again and moves them in batches, recording what moved.
 */
export function createInstanceMigration({ flows, repos, versions, migrate, record, batchSize = MIGRATION_BATCH }: Deps) {
  async function planVersion(flowId: string, versionId: string): Promise<PlanVersion & { versionId: string }> {
    const v = await flows.version(versionId);
    if (!v || v.flowId !== flowId) throw inputError("version.not-found", { versionId }, "versionId");
    return { versionId, number: v.number, document: flowDocumentSchema.parse(JSON.parse(v.graph)), machine: JSON.parse(v.machine) as MachineJson };
  }

  /** Resting states that the mapped nodes cannot hold in the target (a Run in parallel laid out differently). */
  function unresolved(states: string[], mapping: NodeMapping, to: PlanVersion & { versionId: string }): MigrationProblem[] {
    const machine = versions.machine(to.versionId);
    const problems = states.flatMap((state) => {
      const value = state.startsWith("{") ? JSON.parse(state) : state;
      try {
        machine.resolveState({ value: renameStateValue(value, mapping) as never, context: {} as never });
        return [];
      } catch {
        const node = nodeIdsOfState(state)[0];
        return [problem("migration.state-unresolved", node, { node, version: to.number })];
      }
    });
    return problems.filter((p, i) => problems.findIndex((q) => q.nodeId === p.nodeId) === i);
  }

  async function preview(input: MigrationRequest) {
    const request = migrationRequestSchema.parse(input);
    const published = await flows.versions(request.flowId);
    if (!published.length) throw inputError("flow.no-published-version", { flowId: request.flowId }, "flowId");
    const toVersionId = request.toVersionId ?? published[0].id;
    if (!published.some((v) => v.id === toVersionId)) throw inputError("version.not-found", { versionId: toVersionId }, "toVersionId");

    const waiting = repos.instances.waitingStates(request.flowId);
    const sources = published
      .filter((v) => v.id !== toVersionId)
      .map((v) => ({ versionId: v.id, number: v.number, waiting: waiting.filter((w) => w.versionId === v.id).reduce((sum, w) => sum + w.n, 0) }))
      .filter((s) => s.waiting > 0);
    const to = await planVersion(request.flowId, toVersionId);
    const toSummary = { versionId: to.versionId, number: to.number };
    const fromVersionId = request.fromVersionId ?? sources[0]?.versionId;
    if (!fromVersionId) return { sources, from: null, to: toSummary, rows: [], targets: [], problems: [] };
    if (fromVersionId === toVersionId) throw inputError("migration.same-version", { version: to.number }, "fromVersionId");
    const from = await planVersion(request.flowId, fromVersionId);

    // An instance inside a Run in parallel rests in several nodes: it counts under each.
    const states = waiting.filter((w) => w.versionId === fromVersionId);
    const counts = new Map<string, number>();
    for (const { state, n } of states) for (const node of nodeIdsOfState(state)) counts.set(node, (counts.get(node) ?? 0) + n);
    const nodeIds = [...counts.keys()].sort();
    const suggested = suggestMapping(from.document, to.document, nodeIds);
    const mapping = request.mapping ?? suggested;
    const problems = planProblems(from, to, nodeIds, mapping);
    const typeOf = (doc: PlanVersion["document"], id: string) => doc.nodes.find((n) => n.id === id)?.type ?? null;
    return {
      sources,
      from: { versionId: from.versionId, number: from.number, waiting: states.reduce((sum, s) => sum + s.n, 0) },
      to: toSummary,
      /** Per waiting node: how many instances rest there, where the plan sends them, and where the suggestion would. */
      rows: nodeIds.map((nodeId) => ({
        nodeId,
        type: typeOf(from.document, nodeId),
        waiting: counts.get(nodeId)!,
        target: mapping[nodeId] || null,
        targetType: mapping[nodeId] ? typeOf(to.document, mapping[nodeId]) : null,
        suggested: suggested[nodeId] ?? null,
      })),
      /** The target version's nodes that can hold an instance. */
      targets: to.document.nodes.filter((n) => nodeWaits(to.document, n.id)).map((n) => ({ nodeId: n.id, type: n.type })),
      problems: problems.length
        ? problems
        : unresolved(
            states.map((s) => s.state),
            mapping,
            to,
          ),
      mapping,
    };
  }

  /**
   * Applies a plan: refused (naming the node) while `preview` finds a problem; otherwise batches of
   * `batchSize` instances, each batch one transaction through the write path. Returns what moved.
   */
  async function apply(input: z.input<typeof migrationApplySchema>, by: Pick<AuditEntry, "actor" | "role" | "requestId">) {
    const request = migrationApplySchema.parse(input);
    const plan = await preview(request);
    if (!plan.from) throw inputError("migration.no-waiting", { version: plan.to.number }, "fromVersionId");
    const [first] = plan.problems;
    if (first) throw inputError(first.code, first.params as never, "mapping");
    const batch: MigrationBatch = {
      flowId: request.flowId,
      migrationId: newId(),
      from: { versionId: plan.from.versionId, number: plan.from.number },
      to: plan.to,
      mapping: plan.mapping,
    };
    const pairs = new Map<string, { from: string; to: string; count: number }>();
    const total = { moved: 0, skipped: 0, timers: 0, tasks: 0, batches: 0 };
    let after: string | null = "";
    while (after !== null) {
      const start: string = after;
      const done = await migrate({ plan: batch, afterId: start, limit: batchSize });
      total.batches++;
      total.moved += done.moved.length;
      total.skipped += done.skipped;
      for (const move of done.moved) {
        total.timers += move.timers;
        total.tasks += move.tasks;
        for (const node of move.nodes) {
          const key = `${node.from}\u0000${node.to}`;
          pairs.set(key, { ...node, count: (pairs.get(key)?.count ?? 0) + 1 });
        }
      }
      after = done.last;
    }
    const result = { migrationId: batch.migrationId, from: batch.from, to: batch.to, ...total, nodes: [...pairs.values()] };
    record({ ...by, action: "instances.migrated", target: { type: "flow", id: request.flowId }, outcome: "ok", detail: result });
    return result;
  }

  return { preview, apply };
}

export type InstanceMigration = ReturnType<typeof createInstanceMigration>;
