import type { AnyStateMachine } from "xstate";
import type { MachineJson } from "../compiler/compile";
import type { FlowDocument } from "../contracts/flow";
import { findNodeSpec } from "../../nodes/registry";
import type { Db } from "../store/db";
import { buildMachine } from "./machine";

export type StartCandidate = {
  flowId: string;
  versionId: string;
  /** When the version was published (ms): schedules never fire for times before it. */
  publishedAt: number;
  triggers: { type: string; settings: Record<string, unknown> }[];
};

/**
 * Published versions as the runtime needs them: machines built once per version (versions are
 * immutable, so the cache never goes stale) and, per flow, the latest version's triggers.
 */
export function createVersionCache(db: Db) {
  const machines = new Map<string, AnyStateMachine>();
  const machineOf = db.prepare(`SELECT machine FROM "FlowVersion" WHERE id = ?`);
  const latest = db.prepare(`
    SELECT v.id, v.flowId, v.graph, v.createdAt FROM "FlowVersion" v JOIN "Flow" f ON f.id = v.flowId
    WHERE f.deletedAt IS NULL AND v.number = (SELECT MAX(number) FROM "FlowVersion" WHERE flowId = v.flowId)
    ORDER BY v.createdAt DESC, v.id`);
  let candidates: StartCandidate[] | null = null;

  return {
    machine(versionId: string): AnyStateMachine {
      let machine = machines.get(versionId);
      if (!machine) {
        const row = machineOf.get(versionId) as { machine: string } | undefined;
        if (!row) throw new Error(`flow version ${versionId} not found`);
        machine = buildMachine(JSON.parse(row.machine) as MachineJson);
        machines.set(versionId, machine);
      }
      return machine;
    },
    /** Latest version of every live flow, newest publish first. */
    candidates(): StartCandidate[] {
      candidates ??= (latest.all() as { id: string; flowId: string; graph: string; createdAt: string }[]).map((row) => ({
        flowId: row.flowId,
        publishedAt: Date.parse(row.createdAt),
        versionId: row.id,
        // Parsed like the compiler does, so a trigger stored without settings gets its defaults.
        triggers: (JSON.parse(row.graph) as FlowDocument).nodes.flatMap((n) => {
          const spec = findNodeSpec(n.type);
          const settings = spec?.trigger ? spec.settings.safeParse(n.settings) : null;
          return settings?.success ? [{ type: n.type, settings: settings.data }] : [];
        }),
      }));
      return candidates;
    },
    /** Call after a publish or a delete. */
    invalidate() {
      candidates = null;
    },
  };
}
