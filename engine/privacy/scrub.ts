import { ERASED } from "../contracts/privacy";
import type { Scrubbers } from "../store/privacy";

/**
 * Top-level keys of an event, effect or payload whose values are ids, kinds or flags rather than
 * anything a customer said: kept so logs still read as a history. Every other value is erased,
 * nested objects whole (a CRM payload, an HTTP body, a task's title all go).
 */
const KEPT = new Set([
  "type",
  "kind",
  "key",
  "id",
  "at",
  "instanceId",
  "flowId",
  "versionId",
  "conversationId",
  "customerId",
  "messageId",
  "providerMessageId",
  "taskId",
  "nodeId",
  "channel",
  "status",
  "outcome",
  "opensConversation",
  "eventId",
  "hook",
  "queue",
  "priority",
  "dueAt",
  "level",
  "audience",
]);

/** Every leaf value erased; keys and shape stay (so code reading the shape still works). */
export function eraseValues(value: unknown): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map(eraseValues);
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, eraseValues(v)]));
  return ERASED;
}

/** An event, an effect, an inbox or outbox payload (or a list of them): ids and types kept, the rest erased. */
export function scrubRecord(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrubRecord);
  if (value === null || typeof value !== "object") return eraseValues(value);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, KEPT.has(k) && (v === null || typeof v !== "object") ? v : eraseValues(v)]));
}

type Snapshot = { context?: Record<string, unknown> } & Record<string, unknown>;

/**
 * A persisted XState snapshot: the machine's own state (value, status, waits, counters, trail,
 * open tasks, caller) is kept, so the instance view still shows the path; what the customer and
 * the flow said (customer, message, vars, pending effects) is erased.
 */
export function scrubSnapshot(snapshot: Snapshot): Snapshot {
  const c = snapshot.context;
  if (!c) return snapshot;
  const customer = c.customer as { id: string; channel: string } | null | undefined;
  const message = c.message as { id: string; channel: string } | null | undefined;
  return {
    ...snapshot,
    context: {
      ...c,
      customer: customer ? { id: customer.id, name: null, channel: customer.channel, address: ERASED } : (customer ?? null),
      message: message ? { id: message.id, channel: message.channel, text: ERASED } : (message ?? null),
      vars: eraseValues(c.vars ?? {}),
      effects: scrubRecord(c.effects ?? []),
    },
  };
}

/** A task's guided steps: each text erased, whether it was ticked kept. */
export function scrubSteps(steps: { text: string; done: boolean }[]): { text: string; done: boolean }[] {
  return steps.map((step) => ({ ...step, text: ERASED }));
}

/** The scrubbers the store applies to JSON columns. */
export const jsonScrubbers: Scrubbers = {
  snapshot: (json) => JSON.stringify(scrubSnapshot(JSON.parse(json))),
  record: (json) => JSON.stringify(scrubRecord(JSON.parse(json))),
  steps: (json) => JSON.stringify(scrubSteps(JSON.parse(json))),
};
