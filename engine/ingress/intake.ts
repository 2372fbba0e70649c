import { CONVERSATION_GAP_MS, type Channel, type FlowEvent } from "../contracts/events";
import type { CrmEventBody } from "../contracts/crm-events";
import type { WebhookBody } from "../contracts/webhooks";
import { inputError } from "../contracts/errors";
import type { DeliveryStatus, InboundMessage } from "../channels/channel";
import type { FlowRuntime } from "../runtime/flow-runtime";
import { newId } from "../store/ids";
import type { StepRepositories } from "../store/index";
import { addressDigest, inboxKey } from "../store/inbox";
import type { DueTimer } from "../store/timers";
import type { GivenIdentity, IdentitySource } from "../contracts/identity";
import { createIdentity } from "./identity";

export type MessageOutcome = { duplicate: boolean; customerId: string | null; conversationId: string | null; instanceId: string | null };
export type StartOutcome = { duplicate: boolean; customerId: string | null; instanceIds: string[] };

/** A redelivery: nothing about what the first delivery reached is told back. */
const DUPLICATE_MESSAGE: MessageOutcome = { duplicate: true, customerId: null, conversationId: null, instanceId: null };
const DUPLICATE_START: StartOutcome = { duplicate: true, customerId: null, instanceIds: [] };

/**
 * What arrives from outside, inside the step's transaction: deduplicated by an inbox key, the
 * customer recognised, their conversation opened, then correlated to the instance waiting in it
 * or to the published flows whose trigger takes it.
 */
export function createIntake(repos: StepRepositories, runtime: FlowRuntime, region: () => string) {
  const { inbox, conversations, instances, customers } = repos;
  const identity = createIdentity(repos, region);

  /** Whether a message at `at` opens the conversation: nothing was said in it before, or not for a long quiet gap. */
  function opensConversation(conversationId: string, at: number): boolean {
    const last = conversations.lastMessageAt(conversationId);
    return last === null || at - last > CONVERSATION_GAP_MS;
  }

  return {
    /**
     * A customer message: dedupe, identify, record, then resume or start the conversation's flow.
     * The dedup key is scoped to the sender (channel and address, which the channel verified), so
     * one sender reusing another's message id cannot swallow the other's message. A phone or e-mail
     * address is taken in its normal form (E.164, lower case) from here on.
     */
    message(received: InboundMessage, at: number): MessageOutcome {
      const msg = { ...received, address: identity.normalAddress(received.channel, received.address) };
      // Scoped to the sender's address, which the key holds only as a digest: erasing a customer leaves no address in the inbox.
      // The provider's id before the digest: ids that grow with time insert next to each other in the key's index, where a
      // digest first lands each insert on a random page (+25 % WAL written per event in bench (b)).
      const key = inboxKey(msg.channel, msg.providerMessageId, addressDigest(msg.address));
      if (!inbox.record(key, msg.channel, msg, at)) return DUPLICATE_MESSAGE;
      identity.redeemHandoff(msg.channel, msg.address, msg.text, at);
      const who = identity.customerOn(msg.channel, msg.address, msg.name, at, msg.thread);
      const { conversationId } = who;
      identity.notice(who.customer.id, msg.text, msg.identities, at);
      // A consent keyword (SMS STOP / START) is kept in the customer's fields, per channel, where flows and the card read it.
      if (msg.consent) customers.mergeFields(who.customer.id, { consent: { [msg.channel]: msg.consent } });
      const opens = opensConversation(conversationId, at);
      conversations.addInbound(conversationId, msg.text, msg.providerMessageId, at, msg.thread?.subject ?? null);
      const event: FlowEvent = {
        type: "message.received",
        at,
        messageId: msg.providerMessageId,
        text: msg.text,
        channel: msg.channel,
        opensConversation: opens,
      };

      let instanceId: string | null = null;
      const waiting = instances.waitingIn(conversationId);
      // A flow tested on its own (the editor's chat) still reaches the subflows it called.
      if (waiting && (!msg.flowId || runtime.runsFor(waiting, msg.flowId))) {
        runtime.advance(waiting, event);
        instanceId = waiting.id;
      } else {
        // A conversation runs one flow at a time: the best-fitting published flow that takes the message.
        const [chosen] = runtime.startable(event, msg.flowId);
        if (chosen) instanceId = runtime.start(chosen, who, event);
      }
      if (instanceId) inbox.link(key, instanceId);
      return { duplicate: false, customerId: who.customer.id, conversationId, instanceId };
    },

    /** An identifier a customer gave (the chat widget's "leave your e-mail or phone"): filed under them, or a merge suggested. */
    identify: (customerId: string, given: GivenIdentity, source: IdentitySource, at: number) => identity.identify(customerId, given, source, at),

    /** A due timer: claimed and applied in the same transaction, so it fires exactly once. */
    timerDue: (timer: DueTimer, at: number) => runtime.fireTimer(timer, at),
    /** A timer whose step keeps failing is set aside (never fired), so the poller moves on. */
    timerFailed: (timer: DueTimer) => repos.timers.fail(timer.id),

    /** A customer leaves an e-mail or phone (an identity claim; see identity.ts). */
    contactClaimed: identity.claimContact,

    /** A provider's report on a message we sent: the timeline shows it (a repeat changes nothing). */
    deliveryStatus(status: DeliveryStatus, at: number): { duplicate: boolean; known: boolean } {
      const key = inboxKey(status.channel, "status", status.providerMessageId, status.status);
      if (!inbox.record(key, status.channel, status, at)) return { duplicate: true, known: true };
      const known = conversations.setStatusByProvider(status.channel, status.providerMessageId, status.status, at, status.messageId);
      return { duplicate: false, known };
    },

    /**
     * A CRM event about a customer (proactive flows): identifies the customer on the given channel
     * and starts an instance in every published flow whose trigger takes the event. Event ids are
     * deduplicated per sender (the API key that called).
     */
    crmEvent(body: CrmEventBody, sender: string, at: number): StartOutcome {
      const key = inboxKey("crm", sender, body.eventId);
      if (!inbox.record(key, "crm", body, at)) return DUPLICATE_START;
      const who = identity.customerOn(body.customer.channel, body.customer.address, body.customer.name ?? null, at);
      const event: FlowEvent = { type: "crm.event", at, eventId: body.eventId, name: body.name, payload: body.payload };
      const instanceIds = runtime.startable(event).map((chosen) => runtime.start(chosen, who, event));
      if (instanceIds[0]) inbox.link(key, instanceIds[0]);
      return { duplicate: false, customerId: who.customer.id, instanceIds };
    },

    /**
     * A call to a flow's webhook (`POST /api/hooks/<hook>`): the payload is checked against each
     * listening trigger's declared fields, then every listening flow starts. With an
     * `Idempotency-Key`, a repeated call from the same sender (API key) is processed once.
     */
    webhook(call: { hook: string; sender: string; idempotencyKey: string | null; body: WebhookBody }, at: number): StartOutcome {
      const event: FlowEvent = { type: "webhook.received", at, hook: call.hook, payload: call.body.payload };
      const chosen = runtime.startable(event);
      if (chosen.length === 0) throw inputError("hook.unknown", { hook: call.hook }, "hook");
      chosen.forEach((c) => runtime.checkPayload(c, event));
      const key = inboxKey("hook", call.sender, call.hook, call.idempotencyKey ?? newId());
      if (!inbox.record(key, "webhook", call.body, at)) return DUPLICATE_START;
      const c = call.body.customer;
      const who = c ? identity.customerOn(c.channel, c.address, c.name ?? null, at) : null;
      const instanceIds = chosen.map((flow) => runtime.start(flow, who, event));
      inbox.link(key, instanceIds[0]);
      return { duplicate: false, customerId: who?.customer.id ?? null, instanceIds };
    },

    /**
     * An operator starts a flow for a customer (a guided procedure, an outbound contact). The
     * instance runs in the customer's conversation on the channel they were first known on.
     */
    operatorStart(start: { flowId: string; customerId: string; operatorId: string; note: string }, at: number): string {
      const known = customers.withFirstIdentity(start.customerId);
      if (!known) throw inputError("customer.not-found", { customerId: start.customerId }, "customerId");
      const event: FlowEvent = { type: "flow.started", at, by: start.operatorId, note: start.note };
      const [chosen] = runtime.startable(event, start.flowId);
      if (!chosen) throw inputError("flow.no-operator-trigger", {}, "flowId");
      inbox.record(`operator:${newId()}`, "operator", start, at);
      return runtime.start(chosen, identity.customerOn(known.channel as Channel, known.address, known.name, at), event);
    },

    /**
     * Starts every published flow whose time-driven trigger (schedule) fell due in the last
     * `graceMs` and after it was published. Each (flow, trigger, due time) starts once, across
     * restarts and processes: the inbox key is the dedup. After downtime only the latest missed
     * time is caught up.
     */
    schedulesDue(at: number, graceMs: number): string[] {
      return runtime
        .dueSchedules(at, graceMs)
        .filter((due) => inbox.record(due.key, "schedule", due.record, at))
        .map((due) => runtime.start(due.candidate, null, due.event));
    },
  };
}

export type Intake = ReturnType<typeof createIntake>;
