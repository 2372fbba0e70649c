import * as z from "zod";
import { CHANNEL_NAMES } from "../../../engine/contracts/channels";
import { channelSchema, type FlowEvent } from "../../../engine/contracts/events";
import { channelLabelRu, EN_CHANNEL_TITLES, RU_CHANNEL_LABELS } from "../../../engine/contracts/format";
import { takeMessage } from "../../_kit/context";
import { action, defineNode, type NoParams } from "../../_kit/define-node";

/**
 * A message is claimed by its channel and whether it opens the conversation: `any` channel claims
 * every channel, `any-message` both moments, so "any channel" overlaps "web chat, first message".
 */
const claimKey = (channel: string, opens: boolean) => `message.received:${channel}:${opens ? "first" : "later"}`;
const claimOf = (event: FlowEvent) => (event.type === "message.received" ? claimKey(event.channel, event.opensConversation !== false) : null);

const settings = z.object({
  channel: z
    .union([z.literal("any"), channelSchema])
    .default("any")
    .meta({ label: "Channel", help: "Start only for messages from this channel." }),
  on: z.enum(["any-message", "first-message"]).default("any-message").meta({
    label: "Start on",
    help: "Any message no running flow is waiting for, or only the first message of a conversation (nothing said in it for 24 hours before).",
  }),
});

function claimsOf(s: z.infer<typeof settings>): string[] {
  const channels = s.channel === "any" ? CHANNEL_NAMES : [s.channel];
  const moments = s.on === "any-message" ? [true, false] : [true];
  return channels.flatMap((channel) => moments.map((opens) => claimKey(channel, opens)));
}

/** Starts an instance when a customer writes and no instance is already running for the conversation. */
export const messageReceivedNode = defineNode({
  type: "trigger.message-received",
  version: 1,
  title: "Message received",
  description: "Starts the flow when a customer sends a message.",
  category: "trigger",
  icon: "MessageCircle",
  keywords: ["start", "inbound", "chat"],
  ru: {
    title: "Сообщение получено",
    description: "Запускает сценарий, когда клиент присылает сообщение.",
    keywords: ["старт", "входящее", "сообщение", "чат", "обращение"],
    settings: {
      channel: { label: "Канал", help: "Запускать только для сообщений из этого канала." },
      on: {
        label: "Когда запускать",
        help: "Любое сообщение, которого не ждёт ни один запущенный сценарий, или только первое сообщение диалога (до него в диалоге 24 часа не было сообщений).",
      },
    },
    options: {
      channel: { any: "Любой", ...RU_CHANNEL_LABELS },
      on: { "any-message": "На любое сообщение", "first-message": "На первое сообщение диалога" },
    },
    ports: { out: "Сообщение" },
    summary: (s) => `${s.channel === "any" ? "Любой канал" : `Канал: ${channelLabelRu(s.channel)}`}${s.on === "first-message" ? " · первое сообщение" : ""}`,
  },
  options: { channel: { any: "Any channel", ...EN_CHANNEL_TITLES } },
  settings,
  hasInput: false,
  outputs: () => [{ id: "out", label: "Message" }],
  trigger: {
    event: "message.received",
    // What `claimsOf(s).includes(claimOf(event))` says, without building the claims for every message and trigger.
    matches: (s, event) =>
      event.type === "message.received" &&
      (s.channel === "any" || s.channel === event.channel) &&
      (s.on === "any-message" || event.opensConversation !== false),
    claims: { keys: (s) => claimsOf(s), of: claimOf },
    listensTo: (s) => ({
      en: `${s.channel === "any" ? "Any channel" : EN_CHANNEL_TITLES[s.channel]} · ${s.on === "first-message" ? "first message" : "any message"}`,
      ru: `${s.channel === "any" ? "Любой канал" : channelLabelRu(s.channel)} · ${s.on === "first-message" ? "первое сообщение" : "любое сообщение"}`,
    }),
    // A channel narrows more than "first message only": a webchat flow beats a first-message flow for any channel.
    specificity: (s) => (s.channel === "any" ? 0 : 2) + (s.on === "first-message" ? 1 : 0),
  },
  summary: (s) => `${s.channel === "any" ? "Any channel" : `On ${EN_CHANNEL_TITLES[s.channel]}`}${s.on === "first-message" ? " · first message" : ""}`,
  compile: (ctx) => ({ entry: [ctx.action("take")], always: { target: ctx.target("out") } }),
  actions: { take: action<NoParams>((context, event) => takeMessage(context, event)) },
  examples: [
    { name: "Web chat", settings: { channel: "webchat" } },
    { name: "Greet new conversations", settings: { channel: "any", on: "first-message" } },
  ],
});
