import type { AnyStateMachine } from "xstate";
import type { MachineJson } from "../compiler/compile";
import type { FlowDocument } from "../contracts/flow";
import { findNodeSpec } from "../../nodes/registry";
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
 * immutable, so the cache never goes stale) and, per flow, the latest version's triggers.
 */
export function createVersionCache(flows: FlowRepository) {
  const machines = new Map<string, AnyStateMachine>();
  let candidates: StartCandidate[] | null = null;

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
    /** Latest version of every live flow, newest publish first. */
    candidates(): StartCandidate[] {
      candidates ??= flows.latestVersions().map((row) => ({
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

export type VersionCache = ReturnType<typeof createVersionCache>;
