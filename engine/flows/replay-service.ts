import type { CustomerRef } from "../contracts/events";
import { inputError } from "../contracts/errors";
import { flowDocumentSchema } from "../contracts/flow";
import type { LoggedEffect } from "../simulate/divergence";
import { replayOnDraft } from "../simulate/replay";
import type { FlowRepository } from "../store/flows";
import type { InstanceRepository } from "../store/instances";
import type { DeliverableChannels } from "./flow-service";

const parseDocument = (json: string) => flowDocumentSchema.parse(JSON.parse(json));

/** "Replay on draft": a finished or waiting instance's recorded events, run through its flow's saved draft. Reads only. */
export function createReplayService(instances: InstanceRepository, flows: FlowRepository, deliverable: DeliverableChannels) {
  return {
    async onDraft(instanceId: string) {
      const instance = await instances.withHistory(instanceId);
      if (!instance) throw inputError("instance.not-found", { instanceId }, "instanceId");
      const flow = await flows.live(instance.flowId);
      if (!flow) throw inputError("flow.not-found", { flowId: instance.flowId }, "flowId");
      const customer = (JSON.parse(instance.snapshot) as { context?: { customer?: CustomerRef | null } }).context?.customer ?? null;
      const replay = replayOnDraft(
        parseDocument(flow.draft),
        {
          document: parseDocument(instance.version.graph),
          status: instance.status,
          customer: customer && { name: customer.name, channel: customer.channel },
          // A migration's log step moved the instance between versions; the customer's events are the rest.
          steps: instance.events
            .filter((e) => e.type !== "instance.migrated")
            .map((e) => ({
              step: e.step,
              type: e.type,
              payload: JSON.parse(e.payload) as unknown,
              trail: JSON.parse(e.trail) as string[],
              effects: JSON.parse(e.effects) as LoggedEffect[],
            })),
        },
        deliverable(),
      );
      return { instanceId, flowId: instance.flowId, version: instance.version.number, ...replay };
    },
  };
}
