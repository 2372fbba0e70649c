import type { AnyStateMachine } from "xstate";
import type { MachineJson } from "../compiler/compile";
import { type TriggerRanks, triggersOf } from "../compiler/triggers";
import type { FlowDocument } from "../contracts/flow";
import type { FlowRepository } from "../store/flows";
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
 * immutable, so the cache never goes stale), per active flow the latest version's triggers, and
 * the owners' order where triggers overlap.
 */
export function createVersionCache(flows: FlowRepository) {
  const machines = new Map<string, AnyStateMachine>();
  let candidates: StartCandidate[] | null = null;
  let ranks: TriggerRanks | null = null;

  return {
    machine(versionId: string): AnyStateMachine {
      let machine = machines.get(versionId);
      if (!machine) {
        const json = flows.machineOf(versionId);
        if (!json) throw new Error(`flow version ${versionId} not found`);
        machine = buildMachine(JSON.parse(json) as MachineJson);
        machines.set(versionId, machine);
      }
      return machine;
    },
    /** Latest version of every live, active flow, newest publish first. */
    candidates(): StartCandidate[] {
      candidates ??= flows.latestVersions().map((row) => ({
        flowId: row.flowId,
        publishedAt: Date.parse(row.createdAt),
        versionId: row.id,
        triggers: triggersOf(JSON.parse(row.graph) as FlowDocument),
      }));
      return candidates;
    },
    /** The owners' order per claim key. */
    ranks(): TriggerRanks {
      if (!ranks) {
        ranks = new Map();
        for (const r of flows.ranks()) ranks.set(r.claim, (ranks.get(r.claim) ?? new Map()).set(r.flowId, r.rank));
      }
      return ranks;
    },
    /** Call after a publish, a delete, a (de)activation or a change of order. */
    invalidate() {
      candidates = null;
      ranks = null;
    },
  };
}

export type VersionCache = ReturnType<typeof createVersionCache>;
