import { nodeIdsOfState } from "../compiler/compile";
import { inputError } from "../contracts/errors";
import { flowDocumentSchema } from "../contracts/flow";
import type { CustomerRepository } from "../store/customers";
import type { InstanceRepository } from "../store/instances";
import { findNodeSpec } from "../../nodes/registry";

/** Instances of a flow and the history of one: the path for the canvas and the event log. */
export function createInstanceService(instances: InstanceRepository, customers: CustomerRepository) {
  /** The instance that called this one as a subflow, if any (kept in the snapshot's context). */
  async function callerOf(snapshot: string) {
    const caller = (JSON.parse(snapshot) as { context?: { caller?: { instanceId: string } | null } }).context?.caller;
    if (!caller) return null;
    const row = await instances.summary(caller.instanceId);
    return row && { instanceId: row.id, flowName: row.flow.name };
  }

  return {
    async list(flowId: string) {
      const rows = await instances.listForFlow(flowId);
      const titleOf = nodeTitles(rows.map((r) => ({ versionId: r.versionId, graph: r.version.graph })));
      const names = await customers.knownAs(rows.flatMap((r) => r.customerId ?? []));
      return rows.map((r) => ({
        id: r.id,
        status: r.status,
        state: r.state,
        /** The node the instance is at, by title (for people; `state` is the raw XState value). */
        currentNode: titleOf(r.versionId, r.state),
        version: r.version.number,
        steps: r.stepCount,
        /** Their name, else an e-mail or phone they are known by. */
        customerName: r.customerId ? (names.get(r.customerId) ?? null) : null,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
      }));
    },

    async get(id: string) {
      const instance = await instances.withHistory(id);
      if (!instance) throw inputError("instance.not-found", { instanceId: id }, "instanceId");
      const events = instance.events.map((e) => ({
        step: e.step,
        type: e.type,
        payload: JSON.parse(e.payload) as Record<string, unknown>,
        trail: JSON.parse(e.trail) as string[],
        effects: JSON.parse(e.effects) as { kind: string; key: string }[],
        createdAt: e.createdAt,
      }));
      return {
        calledBy: await callerOf(instance.snapshot),
        id: instance.id,
        flowId: instance.flowId,
        flowName: instance.flow.name,
        status: instance.status,
        state: instance.state,
        version: { id: instance.versionId, number: instance.version.number },
        document: flowDocumentSchema.parse(JSON.parse(instance.version.graph)),
        /** Every node the instance has passed through, in order. */
        path: events.flatMap((e) => e.trail),
        events,
        createdAt: instance.createdAt,
      };
    },
  };
}

/** Looks up "Send reply (greet)" for a version's `n_greet` state, parsing each graph once. */
function nodeTitles(versions: { versionId: string; graph: string }[]) {
  const byVersion = new Map<string, Map<string, string>>();
  for (const { versionId, graph } of versions) {
    if (byVersion.has(versionId)) continue;
    const doc = flowDocumentSchema.parse(JSON.parse(graph));
    byVersion.set(versionId, new Map(doc.nodes.map((n) => [n.id, `${findNodeSpec(n.type)?.title ?? n.type} (${n.id})`])));
  }
  // Inside a Run in parallel the instance rests in one node per unfinished branch.
  return (versionId: string, state: string) => {
    const nodeIds = nodeIdsOfState(state);
    return nodeIds.length ? nodeIds.map((id) => byVersion.get(versionId)?.get(id) ?? id).join(" + ") : state;
  };
}
