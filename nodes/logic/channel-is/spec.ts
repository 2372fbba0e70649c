import * as z from "zod";
import { channelLabelRu, EN_CHANNEL_TITLES, RU_CHANNEL_LABELS } from "../../../engine/contracts/format";
import { channelSchema } from "../../../engine/contracts/events";
import { defineNode, guard } from "../../_kit/define-node";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "channel-twice": "each channel once",
  "channels-empty": "pick at least one channel",
} as const;

const settings = z.object({
  channels: z
    .array(channelSchema)
    .min(1, MESSAGES["channels-empty"])
    .default(["webchat"])
    .refine((list) => new Set(list).size === list.length, MESSAGES["channel-twice"])
    .meta({ label: "Channels", help: `Match when the conversation is on one of these: ${channelSchema.options.join(", ")}.` }),
});

/** Routes on the channel of the current message, or the customer's channel before any message. */
export const channelIsNode = defineNode({
  type: "logic.channel-is",
  version: 1,
  title: "Channel is",
  description: "Continues on Match when the conversation is on one of the chosen channels, otherwise on Else.",
  category: "logic",
  icon: "MessagesSquare",
  keywords: ["channel", "webchat", "sms", "email", "telegram", "whatsapp", "phone"],
  ru: {
    title: "Канал совпадает",
    description: "Продолжает по «Совпадение», если диалог идёт в одном из выбранных каналов, иначе — по «Иначе».",
    keywords: ["канал", "веб-чат", "sms", "e-mail", "почта", "telegram", "whatsapp", "телефон"],
    settings: {
      channels: { label: "Каналы", help: "Совпадение, если диалог идёт в одном из них: webchat, email, sms, phone, telegram, whatsapp." },
    },
    options: { "channels.*": RU_CHANNEL_LABELS },
    ports: { match: "Совпадение", else: "Иначе" },
    messages: {
      "channel-twice": "каждый канал можно выбрать только один раз",
      "channels-empty": "выберите хотя бы один канал",
    },
    summary: (s) => s.channels.map(channelLabelRu).join(" · "),
  },
  settings,
  options: { "channels.*": EN_CHANNEL_TITLES },
  hasInput: true,
  outputs: () => [
    { id: "match", label: "Match" },
    { id: "else", label: "Else" },
  ],
  summary: (s) => s.channels.map((channel) => EN_CHANNEL_TITLES[channel] ?? channel).join(" · "),
  messages: MESSAGES,
  compile: (ctx) => ({
    always: [{ guard: ctx.guard("on", { channels: ctx.settings.channels }), target: ctx.target("match") }, { target: ctx.target("else") }],
  }),
  guards: {
    on: guard<{ channels: string[] }>((context, _event, p) => {
      const channel = context.message?.channel ?? context.customer?.channel;
      return channel !== undefined && p.channels.includes(channel);
    }),
  },
  examples: [{ name: "Messengers", settings: { channels: ["telegram", "whatsapp"] } }],
});
