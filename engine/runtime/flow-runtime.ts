import { newId } from "../store/ids";
import type { Channel, CustomerRef, FlowEvent } from "../contracts/events";
import type { InboundMessage } from "../channels/channel";
import type { EffectOutcome } from "./dispatcher";
import type { HttpRequestPayload, HttpResult } from "../http/http-performer";
import type { CrmEventBody } from "../contracts/crm-events";
import type { WebhookBody } from "../contracts/webhooks";
import { EngineInputError } from "../contracts/errors";
import { findNodeSpec } from "../../nodes/registry";
import { iso } from "../store/db";
import type { InstanceRow, OutboxPayload, StepStore } from "../store/step-store";
import { eventStep, startStep, type PersistedState, type StepResult } from "./step";
import { createSubflows } from "./subflows";
import type { createVersionCache, StartCandidate } from "./versions";

/** The event a settled effect feeds back to its flow, if the flow waits for one. */
function resultEvent(o: EffectOutcome, at: number): FlowEvent | null {
  if (o.kind === "message.send") {
    const { nodeId, awaitDelivery } = o.payload as OutboxPayload;
    if (!awaitDelivery) return null;
    return o.ok ? { type: "message.delivered", at, key: o.key, nodeId } : { type: "message.failed", at, key: o.key, nodeId, error: o.error };
  }
  if (o.kind === "http.request") {
    const { nodeId } = o.payload as HttpRequestPayload;
    if (o.ok) return { type: "http.responded", at, key: o.key, nodeId, ...(o.result as HttpResult) };
    return { type: "http.failed", at, key: o.key, nodeId, error: o.error, unknown: o.unknown };
  }
  return null;
}

export type CrmEventOutcome = { duplicate: boolean; customerId: string | null; instanceIds: string[] };

export type MessageOutcome = {
  duplicate: boolean;
  customerId: string | null;
  conversationId: string | null;
  instanceId: string | null;
};

/**
 * The synchronous heart of the engine: each function runs inside one transaction (savepoint)
 * handed to it by the group commit, loads what it needs, runs the pure step and writes the result.
 */
export function createFlowRuntime(store: StepStore, versions: ReturnType<typeof createVersionCache>) {
  const { statements: s } = store;

  function persist(row: { id: string; flowId: string; versionId: string; conversationId: string | null; customerId: string | null; stepCount: number } , isNew: boolean, result: StepResult, event: FlowEvent, reply: { channel: Channel; address: string } | null) {
    store.writeStep({
      instanceId: row.id,
      isNew,
      flowId: row.flowId,
      versionId: row.versionId,
      conversationId: row.conversationId,
      customerId: row.customerId,
      status: result.status,
      state: typeof result.state.value === "string" ? result.state.value : JSON.stringify(result.state.value),
      snapshot: JSON.stringify(result.state),
      step: row.stepCount + 1,
      eventType: event.type,
      eventPayload: JSON.stringify(event),
      trail: result.trail,
      effects: result.effects,
      at: event.at,
      reply,
    });
    subflows.afterStep(result, event.at);
  }

  /** Applies an event to a stored instance (which must be waiting). */
  function advance(instance: InstanceRow, event: FlowEvent): StepResult | null {
    if (instance.status !== "waiting") return null;
    const state = JSON.parse(instance.snapshot) as PersistedState;
    const result = eventStep(versions.machine(instance.versionId), state, event);
    const customer = state.context.customer;
    persist(instance, false, result, event, customer ? { channel: customer.channel, address: customer.address } : null);
    return result;
  }

  /**
   * Latest published versions whose triggers take this event: the most specific trigger first
   * (a flow for "webchat" beats one for "any channel"), then the newest publish.
   */
  function startable(event: FlowEvent, flowId?: string) {
    const candidates = versions.candidates().filter((c) => !flowId || c.flowId === flowId);
    if (flowId && candidates.length === 0) throw new EngineInputError(`flow ${flowId} has no published version`, "flowId");
    const fit = (c: StartCandidate) =>
      Math.max(
        -1,
        ...c.triggers.map((t) => {
          const trigger = findNodeSpec(t.type)?.trigger;
          return trigger?.matches(t.settings as never, event) ? (trigger.specificity?.(t.settings as never) ?? 0) : -1;
        }),
      );
    return candidates
      .map((c) => ({ c, score: fit(c) }))
      .filter((x) => x.score >= 0)
      .sort((a, b) => b.score - a.score) // stable: ties keep newest-publish order
      .map((x) => x.c);
  }

  /** Starts an instance for a customer's conversation, or with nobody (e.g. a system webhook). */
  function startInstance(chosen: { flowId: string; versionId: string }, who: { customer: CustomerRef; conversationId: string } | null, event: FlowEvent): string {
    const instanceId = newId();
    const conversationId = who?.conversationId ?? null;
    const customer = who?.customer ?? null;
    const row = { id: instanceId, flowId: chosen.flowId, versionId: chosen.versionId, conversationId, customerId: customer?.id ?? null, stepCount: 0 };
    const result = startStep(versions.machine(chosen.versionId), { instanceId, flowId: chosen.flowId, versionId: chosen.versionId, conversationId, customer, event });
    persist(row, true, result, event, customer && { channel: customer.channel, address: customer.address });
    return instanceId;
  }

  const subflows = createSubflows({ store, versions, start: startInstance, advance });

  /** Identifies a customer by a channel address and opens their conversation there. */
  function customerOn(channel: Channel, address: string, name: string | null, at: number) {
    const customer = store.resolveCustomer(channel, address, name, at);
    const conversationId = store.openConversation(customer.id, channel, address, at);
    return { customer: { id: customer.id, name: customer.name, channel, address } satisfies CustomerRef, conversationId };
  }

  /** Triggers may check a payload against what they declare (webhooks); the first problem is refused. */
  function checkPayload(chosen: StartCandidate, event: FlowEvent) {
    for (const t of chosen.triggers) {
      const problem = findNodeSpec(t.type)?.trigger?.check?.(t.settings as never, event);
      if (problem) throw new EngineInputError(`${problem.field}: ${problem.message}`, problem.field);
    }
  }

  /** Records an inbound event under its dedup key; false when it was seen before. */
  const firstDelivery = (inboxId: string, source: string, payload: unknown, at: number) =>
    s.inboxInsert.run(inboxId, source, JSON.stringify(payload), iso(at)).changes > 0;

  return {
    /** A customer message: dedupe, identify, record, then resume or start the conversation's flow. */
    receiveMessage(msg: InboundMessage, at: number): MessageOutcome {
      const inboxId = `${msg.channel}:${msg.providerMessageId}`;
      if (!firstDelivery(inboxId, msg.channel, msg, at)) {
        const prior = s.inboxGet.get(inboxId) as { instanceId: string | null };
        return { duplicate: true, customerId: null, conversationId: null, instanceId: prior.instanceId };
      }
      store.redeemHandoff(msg.channel, msg.address, msg.text, at);
      const who = customerOn(msg.channel, msg.address, msg.name, at);
      const { conversationId } = who;
      const opensConversation = store.opensConversation(conversationId, at);
      s.messageInsert.run(newId(), conversationId, "in", "customer", msg.text, msg.providerMessageId, "received", iso(at));
      const event: FlowEvent = { type: "message.received", at, messageId: msg.providerMessageId, text: msg.text, channel: msg.channel, opensConversation };

      let instanceId: string | null = null;
      const waiting = s.instanceWaiting.get(conversationId) as InstanceRow | undefined;
      // A flow tested on its own (the editor's chat) still reaches the subflows it called.
      if (waiting && (!msg.flowId || subflows.runsFor(waiting, msg.flowId))) {
        advance(waiting, event);
        instanceId = waiting.id;
      } else {
        // A conversation runs one flow at a time: the best-fitting published flow that takes the message.
        const [chosen] = startable(event, msg.flowId);
        if (chosen) instanceId = startInstance(chosen, who, event);
      }
      if (instanceId) s.inboxLink.run(instanceId, inboxId);
      return { duplicate: false, customerId: who.customer.id, conversationId, instanceId };
    },

    /**
     * A CRM event about a customer (proactive flows): identifies the customer on the given channel
     * and starts an instance in every published flow whose trigger takes the event.
     */
    receiveCrmEvent(body: CrmEventBody, at: number): CrmEventOutcome {
      const inboxId = `crm:${body.eventId}`;
      if (!firstDelivery(inboxId, "crm", body, at)) return { duplicate: true, customerId: null, instanceIds: [] };
      const who = customerOn(body.customer.channel, body.customer.address, body.customer.name ?? null, at);
      const event: FlowEvent = { type: "crm.event", at, eventId: body.eventId, name: body.name, payload: body.payload };
      const instanceIds = startable(event).map((chosen) => startInstance(chosen, who, event));
      if (instanceIds[0]) s.inboxLink.run(instanceIds[0], inboxId);
      return { duplicate: false, customerId: who.customer.id, instanceIds };
    },

    /**
     * A call to a flow's webhook (`POST /api/hooks/<hook>`): the payload is checked against each
     * listening trigger's declared fields, then every listening flow starts. With an
     * `Idempotency-Key`, a repeated call is processed once.
     */
    receiveWebhook(call: { hook: string; idempotencyKey: string | null; body: WebhookBody }, at: number): CrmEventOutcome {
      const event: FlowEvent = { type: "webhook.received", at, hook: call.hook, payload: call.body.payload };
      const chosen = startable(event);
      if (chosen.length === 0) throw new EngineInputError(`no published flow listens on the webhook "${call.hook}"`, "hook");
      chosen.forEach((c) => checkPayload(c, event));
      const inboxId = `hook:${call.hook}:${call.idempotencyKey ?? newId()}`;
      if (!firstDelivery(inboxId, "webhook", call.body, at)) return { duplicate: true, customerId: null, instanceIds: [] };
      const c = call.body.customer;
      const who = c ? customerOn(c.channel, c.address, c.name ?? null, at) : null;
      const instanceIds = chosen.map((flow) => startInstance(flow, who, event));
      s.inboxLink.run(instanceIds[0], inboxId);
      return { duplicate: false, customerId: who?.customer.id ?? null, instanceIds };
    },

    /**
     * Settles a send in one transaction with its consequence: the outbox row is marked, and a flow
     * that waits for the delivery result gets it as an event, so a crash can lose neither.
     */
    settleEffect(outcome: EffectOutcome, at: number): void {
      const result = outcome.ok ? "done" : outcome.unknown ? "unknown" : outcome.final ? "failed" : "retry";
      const message = outcome.kind === "message.send" ? (outcome.payload as OutboxPayload) : null;
      if (!store.settleOutbox(outcome.key, result, outcome.ok ? null : outcome.error, at, message?.messageId)) return;
      if (result === "retry" || !outcome.instanceId) return;
      const event = resultEvent(outcome, at);
      const instance = event && (s.instanceGet.get(outcome.instanceId) as InstanceRow | undefined);
      if (event && instance) advance(instance, event);
    },

    /**
     * An operator starts a flow for a customer (a guided procedure, an outbound contact). The
     * instance runs in the customer's conversation on the channel they were first known on.
     */
    startByOperator(start: { flowId: string; customerId: string; operatorId: string; note: string }, at: number): string {
      const known = s.customerIdentity.get(start.customerId) as { id: string; name: string | null; channel: Channel; address: string } | undefined;
      if (!known) throw new EngineInputError(`customer ${start.customerId} not found`, "customerId");
      const event: FlowEvent = { type: "flow.started", at, by: start.operatorId, note: start.note };
      const [chosen] = startable(event, start.flowId);
      if (!chosen) throw new EngineInputError("this flow has no \"Started by an operator\" trigger in its published version", "flowId");
      firstDelivery(`operator:${newId()}`, "operator", start, at);
      return startInstance(chosen, customerOn(known.channel, known.address, known.name, at), event);
    },

    /**
     * Starts every published flow whose time-driven trigger (schedule) fell due in the last
     * `graceMs` and after it was published. Each (flow, trigger, due time) starts once, across
     * restarts and processes: the inbox key is the dedup. After downtime only the latest missed
     * time is caught up.
     */
    firePolledTriggers(at: number, graceMs: number): string[] {
      const started: string[] = [];
      for (const candidate of versions.candidates()) {
        candidate.triggers.forEach((t, index) => {
          const poll = findNodeSpec(t.type)?.trigger?.poll;
          const due = poll?.lastDue(t.settings as never, at) ?? null;
          if (!poll || due === null || due < candidate.publishedAt || at - due > graceMs) return;
          if (!firstDelivery(`poll:${candidate.versionId}:${index}:${due}`, "schedule", { type: t.type, due }, at)) return;
          started.push(startInstance(candidate, null, poll.event(t.settings as never, due, at)));
        });
      }
      return started;
    },

    /** A due timer: claimed and applied in the same transaction, so it fires exactly once. */
    fireTimer(timer: { id: string; instanceId: string; nodeId: string }, at: number): boolean {
      if (s.timerClaim.run(timer.id).changes === 0) return false;
      s.inboxInsert.run(`timer:${timer.id}`, "timer", JSON.stringify(timer), iso(at));
      const instance = s.instanceGet.get(timer.instanceId) as InstanceRow | undefined;
      if (instance) advance(instance, { type: "timer.fired", at, timerId: timer.id, nodeId: timer.nodeId });
      return true;
    },

    /** An operator finished a task: close it and resume the instance parked on it. */
    completeTask(task: { id: string; instanceId: string | null; nodeId: string | null }, outcome: string, at: number): void {
      s.inboxInsert.run(`task:${task.id}`, "task", JSON.stringify({ taskId: task.id, outcome }), iso(at));
      const instance = task.instanceId ? (s.instanceGet.get(task.instanceId) as InstanceRow | undefined) : undefined;
      if (instance) advance(instance, { type: "task.completed", at, taskId: task.id, nodeId: task.nodeId ?? "", outcome });
    },
  };
}

export type FlowRuntime = ReturnType<typeof createFlowRuntime>;
