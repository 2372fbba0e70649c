import * as z from "zod";
import { channelLabelRu, EN_CHANNEL_TITLES, RU_CHANNEL_LABELS } from "../../../engine/contracts/format";
import { channelSchema } from "../../../engine/contracts/events";
import { emit, emitAndPark, templateScope, unpark } from "../../_kit/context";
import { action, defineNode, guard } from "../../_kit/define-node";
import { renderTemplate, templateIssues } from "../../_kit/template";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "text-empty": "write the message to send",
  "buttons-many": "at most 10 buttons",
  "buttons-differ": "buttons must differ",
  "button-long": "a button label has at most 40 characters",
} as const;

const settings = z.object({
  text: z.string().trim().min(1, MESSAGES["text-empty"]).max(4000).meta({
    label: "Message",
    widget: "template",
    help: 'Use {{customer.name}}, {{message.text}}, {{vars.name}}; {{customer.name | there}} falls back to "there".',
  }),
  channel: z
    .union([z.literal("conversation"), channelSchema])
    .default("conversation")
    .meta({ label: "Channel", help: "The conversation's channel, or another one the customer is known on (e.g. a messenger)." }),
  buttons: z
    .array(z.string().trim().min(1).max(40, MESSAGES["button-long"]))
    .max(10, MESSAGES["buttons-many"])
    .refine((b) => new Set(b.map((x) => x.toLowerCase())).size === b.length, MESSAGES["buttons-differ"])
    .default([])
    .meta({
      label: "Quick-reply buttons",
      widget: "lines",
      help: "One per line. Tapping one sends its label as the customer's reply; channels without buttons list them after the text.",
    }),
  awaitDelivery: z
    .boolean()
    .default(false)
    .meta({ label: "Wait for delivery", help: "Continue on Delivered or Failed (e.g. to fall back to SMS, then e-mail)." }),
});

type Channel = z.infer<typeof settings>["channel"];
/** The text (cut to 48 characters) and the buttons, as the summary shows them. */
const shownText = (s: { text: string; buttons: string[] }) =>
  `${s.text.length > 48 ? `${s.text.slice(0, 47)}…` : s.text}${s.buttons.length ? ` [${s.buttons.join(" | ")}]` : ""}`;

type SendParams = { nodeId: string; text: string; channel: Channel; awaitDelivery: boolean; buttons?: string[] };

/** Sends a message to the customer (through the outbox); optionally waits for the delivery result. */
export const sendMessageNode = defineNode({
  type: "message.send",
  version: 1,
  title: "Send reply",
  description: "Sends a message to the customer in the conversation's channel or another one.",
  category: "message",
  icon: "Send",
  keywords: ["reply", "answer", "message", "notify", "fallback"],
  ru: {
    title: "Отправить ответ",
    description: "Отправляет клиенту сообщение в канал диалога или в другой канал.",
    keywords: ["ответ", "сообщение", "отправить", "уведомить", "резервный канал", "быстрые ответы"],
    settings: {
      text: {
        label: "Сообщение",
        help: "Используйте {{customer.name}}, {{message.text}}, {{vars.name}}; {{customer.name | there}} подставит «there», если имя неизвестно.",
      },
      channel: { label: "Канал", help: "Канал диалога или другой канал, в котором клиент известен (например, мессенджер)." },
      buttons: {
        label: "Кнопки быстрых ответов",
        help: "По одной в строке. Нажатие отправляет текст кнопки как ответ клиента; в каналах без кнопок они перечисляются после текста.",
      },
      awaitDelivery: {
        label: "Ждать доставки",
        help: "Продолжить по «Доставлено» или «Не доставлено» (например, чтобы при неудаче отправить SMS, а затем e-mail).",
      },
    },
    options: { channel: { conversation: "Канал диалога", ...RU_CHANNEL_LABELS } },
    ports: { out: "Отправлено", delivered: "Доставлено", failed: "Не доставлено" },
    messages: {
      "text-empty": "напишите текст сообщения",
      "buttons-many": "не больше 10 кнопок",
      "buttons-differ": "кнопки не должны повторяться",
      "button-long": "надпись на кнопке — не длиннее 40 символов",
    },
    summary: (s) => `${s.channel === "conversation" ? "" : `[${channelLabelRu(s.channel)}] `}${shownText(s)}`,
  },
  settings,
  options: { channel: { conversation: "Conversation's channel", ...EN_CHANNEL_TITLES } },
  hasInput: true,
  waits: (s) => s.awaitDelivery,
  outputs: (s) =>
    s.awaitDelivery
      ? [
          { id: "delivered", label: "Delivered" },
          { id: "failed", label: "Failed" },
        ]
      : [{ id: "out", label: "Sent" }],
  summary: (s) => `${s.channel === "conversation" ? "" : `[${EN_CHANNEL_TITLES[s.channel] ?? s.channel}] `}${shownText(s)}`,
  messages: MESSAGES,
  validate: (s) => templateIssues(s, "text"),
  sendsOn: (s) => (s.channel === "conversation" ? null : { field: "channel", channel: s.channel }),
  compile: (ctx) => {
    const { text, channel, buttons, awaitDelivery } = ctx.settings;
    const send = ctx.action("send", { nodeId: ctx.nodeId, text, channel, awaitDelivery, ...(buttons.length > 0 && { buttons }) });
    if (!ctx.settings.awaitDelivery) return { entry: [send], always: { target: ctx.target("out") } };
    const result = (port: string) => ({
      guard: ctx.guard("is-mine", { nodeId: ctx.nodeId }),
      target: ctx.target(port),
      actions: [ctx.action("settled", { nodeId: ctx.nodeId })],
    });
    return { entry: [send], on: { "message.delivered": result("delivered"), "message.failed": result("failed") } };
  },
  guards: {
    "is-mine": guard<{ nodeId: string }>(
      (context, event, p) => (event.type === "message.delivered" || event.type === "message.failed") && context.waits[p.nodeId] === event.key,
    ),
  },
  actions: {
    send: action<SendParams>((context, _event, p) => {
      const nodeId = p.nodeId;
      const draft = {
        kind: "message.send" as const,
        nodeId,
        text: renderTemplate(p.text, templateScope(context)),
        ...(p.channel !== "conversation" && { channel: p.channel }),
        ...(p.awaitDelivery === true && { awaitDelivery: true }),
        ...(Array.isArray(p.buttons) && { buttons: p.buttons }),
      };
      return p.awaitDelivery ? emitAndPark(context, nodeId, draft) : emit(context, draft);
    }),
    settled: action<{ nodeId: string }>((context, _event, p) => unpark(context, p.nodeId)),
  },
  examples: [
    { name: "Greeting", settings: { text: "Hi {{customer.name}}, how can we help?" } },
    { name: "With quick replies", settings: { text: "Anything else?", buttons: ["Track my parcel", "Talk to a person"] } },
    { name: "Telegram with fallback", settings: { text: "Your parcel is on its way.", channel: "telegram", awaitDelivery: true } },
  ],
});
