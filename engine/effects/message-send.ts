import * as z from "zod";
import { threadsReplies } from "../contracts/channels";
import { channelSchema } from "../contracts/events";
import { isNoAnswer, isRequestRefused } from "../contracts/outbound";
import { channelNameRu } from "../contracts/format";
import type { ConversationRepository } from "../store/conversations";
import type { OutboxRepository } from "../store/outbox";
import { defineEffect, effectSchema, PermanentFailure, UnknownOutcome } from "./define-effect";

const schema = effectSchema("message.send", {
  text: z.string(),
  /** Another channel the customer is known on; the conversation's own when absent. */
  channel: channelSchema.optional(),
  /** Continue on the delivery result (message.delivered / message.failed) instead of at once. */
  awaitDelivery: z.boolean().optional(),
  /** Quick replies: channels that can show them do; others get them spelled out. */
  buttons: z.array(z.string()).optional(),
});

/** What an outbox row carries for a send. A null address fails at dispatch (no such identity). */
const payload = z.object({
  messageId: z.string(),
  conversationId: z.string(),
  channel: channelSchema,
  address: z.string().nullable(),
  text: z.string(),
  buttons: z.array(z.string()).optional(),
  /** The customer's latest message when this was queued: threaded channels (e-mail) answer it. */
  inReplyTo: z.object({ providerMessageId: z.string(), subject: z.string().nullable() }).optional(),
  /** Absent for an operator's reply: nobody waits for its delivery. */
  nodeId: z.string().optional(),
  awaitDelivery: z.boolean().optional(),
});
export type OutboundPayload = z.infer<typeof payload>;

/** Why a send on a channel without an adapter (off, or not installed) fails. */
const noChannel = (channel: string) => `no ${channel} channel is configured`;

/** Quick replies as text for channels without buttons: "Was it you? (Yes / No)". */
export const spellOutButtons = (text: string, buttons: string[]) => `${text} (${buttons.join(" / ")})`;

/**
 * Queues a message in the conversation's timeline and in the outbox under `key`: the one way a
 * message leaves, whether a flow or an operator wrote it. On a channel its customer reads from our
 * store (web chat), the message is delivered by this commit: written as sent, no outbox row, unless the
 * flow waits for its delivery result (that comes back as an event from the dispatcher's settle).
 */
export function queueMessage(
  repos: { conversations: ConversationRepository; outbox: OutboxRepository },
  m: Omit<OutboundPayload, "messageId" | "inReplyTo"> & { key?: string; instanceId: string | null; author: "bot" | "operator"; at: number },
): void {
  const { key, instanceId, author, at, buttons, ...rest } = m;
  const quick = buttons?.length ? buttons : undefined;
  if (rest.address !== null && !rest.awaitDelivery && repos.outbox.deliversOnCommit(rest.channel)) {
    const messageId = repos.conversations.addOutbound(rest.conversationId, author, rest.text, quick ?? null, at, true);
    const { conversationId, channel, address, text } = rest;
    repos.outbox.delivered({ key: key ?? `reply:${messageId}`, messageId, conversationId, channel, address, text, ...(quick && { buttons: quick }) });
    return;
  }
  const inReplyTo = (threadsReplies(rest.channel) && repos.conversations.lastInbound(rest.conversationId)) || undefined;
  const messageId = repos.conversations.addOutbound(rest.conversationId, author, rest.text, quick ?? null, at);
  // A reply typed by a person has no flow key: the message's own id makes one.
  repos.outbox.add(
    key ?? `reply:${messageId}`,
    instanceId,
    "message.send",
    { messageId, ...rest, ...(quick && { buttons: quick }), ...(inReplyTo && { inReplyTo }) } satisfies OutboundPayload,
    at,
    `channel:${rest.channel}`,
  );
}

/** A message to the customer, sent through their channel's adapter after commit. */
export const messageSend = defineEffect({
  kind: "message.send",
  schema,
  write(effect, step) {
    if (!step.reply || !step.conversationId) return; // no conversation to answer in
    const channel = effect.channel ?? step.reply.channel;
    const address = channel === step.reply.channel ? step.reply.address : step.customerId && step.repos.customers.addressOn(step.customerId, channel);
    queueMessage(step.repos, {
      key: effect.key,
      instanceId: step.instanceId,
      author: "bot",
      at: step.at,
      conversationId: step.conversationId,
      channel,
      address: address ?? null,
      text: effect.text,
      buttons: effect.buttons,
      nodeId: effect.nodeId,
      awaitDelivery: !!effect.awaitDelivery,
    });
  },
  perform: {
    payload,
    async run(item, deps) {
      const p = item.payload;
      const adapter = deps.channel(p.channel);
      if (!adapter) throw new PermanentFailure(noChannel(p.channel));
      if (!p.address) throw new PermanentFailure(`the customer has no ${p.channel} address`);
      const buttons = p.buttons ?? [];
      const showButtons = buttons.length > 0 && !!adapter.quickReplies;
      const text = buttons.length && !adapter.quickReplies ? spellOutButtons(p.text, buttons) : p.text;
      const message = {
        key: item.key,
        messageId: p.messageId,
        conversationId: p.conversationId,
        channel: p.channel,
        address: p.address,
        text,
        ...(showButtons && { buttons }),
        ...(p.inReplyTo && { inReplyTo: p.inReplyTo }),
      };
      let receipt: Awaited<ReturnType<typeof adapter.send>>;
      try {
        receipt = await adapter.send(message);
      } catch (error) {
        // The provider refused for good (an SMTP 5xx, an internal host): the message fails now, without retries.
        if (isRequestRefused(error)) throw new PermanentFailure(error.message);
        // It may have acted on a send that got no answer, and takes no idempotency key: not sent again.
        throw isNoAnswer(error) ? new UnknownOutcome(error.message) : error;
      }
      deps.afterSend?.(message);
      return receipt ?? null;
    },
    feedback(o, at) {
      const { nodeId, awaitDelivery } = o.payload;
      if (!awaitDelivery || !nodeId) return null;
      return o.ok ? { type: "message.delivered", at, key: o.key, nodeId } : { type: "message.failed", at, key: o.key, nodeId, error: o.error };
    },
    settled(o, repos) {
      if (!o.ok && !o.final) return; // retried later: still queued
      const providerId = o.ok ? (o.result as { providerMessageId?: string | null } | null)?.providerMessageId : null;
      repos.conversations.sendSettled(o.payload.messageId, o.payload.channel, o.ok ? "sent" : o.unknown ? "unknown" : "failed", providerId || null);
    },
  },
  simulate(effect, world) {
    // As in production, an instance without a customer has no conversation to write in.
    if (!world.hasCustomer) return world.note(`${effect.nodeId}: nothing sent, the instance has no customer (a schedule starts it for nobody)`);
    const to = effect.channel ?? world.channel;
    // A channel without an adapter fails every send, as perform() does at run time; the trace says so.
    const deliverable = world.deliverable(to);
    if (!deliverable) world.note(`${effect.nodeId}: undeliverable, ${noChannel(to)}`);
    else if (world.reachable(to)) world.send(effect.channel ? `[${to}] ${effect.text}` : effect.text);
    if (!effect.awaitDelivery) return;
    const error = !deliverable ? noChannel(to) : world.reachable(to) ? null : `the customer has no ${to} address`;
    world.answer(
      error === null
        ? { type: "message.delivered", at: world.at, key: effect.key, nodeId: effect.nodeId }
        : { type: "message.failed", at: world.at, key: effect.key, nodeId: effect.nodeId, error },
    );
  },
  describe: (effect, { locale }) => {
    const buttons = effect.buttons?.length ? ` [${effect.buttons.join(" | ")}]` : "";
    return locale === "ru"
      ? `Отправить «${effect.text}»${effect.channel ? ` через ${channelNameRu(effect.channel)}` : ""}${buttons}`
      : `Send “${effect.text}”${effect.channel ? ` via ${effect.channel}` : ""}${buttons}`;
  },
});
