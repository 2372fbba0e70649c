import * as z from "zod";
import { channelLabelRu, EN_CHANNEL_TITLES, RU_CHANNEL_LABELS } from "../../../engine/contracts/format";
import { nodeIssue } from "../../_kit/messages";
import { emit, takeMessage, templateScope, type FlowContext } from "../../_kit/context";
import { action, defineNode, guard, type NodeIssue } from "../../_kit/define-node";
import { armTimer, disarmTimer, ownsTimer } from "../../_kit/durable-timer";
import { renderTemplate, templateIssues } from "../../_kit/template";
import type { FlowLanguage } from "../../../engine/contracts/flow";
import { prioritySetting, queueName, slaSetting } from "../../_kit/task-settings";
import { RU_PRIORITIES } from "../../_kit/ru";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "accept-empty": "name the accept button",
  "decline-empty": "name the decline button",
  "https-link": "an https link, e.g. https://t.me/your_bot?start=",
  "buttons-alike": "Offer channel switch: the two buttons must differ in their letters or digits.",
} as const;

const MESSENGERS = ["telegram", "whatsapp"] as const;
/** How long a "continue in the messenger" link stays valid. */
const LINK_TTL_MS = 24 * 3600_000;

const label = (fallback: string, name: string) => z.string().trim().min(1, `name the ${name} button`).max(40).default(fallback);

const settings = z.object({
  switchTo: z
    .enum(["callback", "messenger"])
    .default("callback")
    .meta({ label: "Switch to", help: "A phone call back (a task for operators), or a link that continues the conversation in a messenger." }),
  offer: z
    .string()
    .trim()
    .max(1000)
    .default("")
    .meta({ label: "Offer", widget: "template", placeholder: "Empty: “Would you like us to call you back?” or “Shall we continue in Telegram?”" }),
  accept: label("Yes, please", "accept").meta({ label: "Accept button" }),
  decline: label("No, thanks", "decline").meta({ label: "Decline button" }),
  confirmation: z.string().trim().max(1000).default("").meta({
    label: "Confirmation",
    widget: "template",
    placeholder: "Empty: “An operator will call you shortly.” or “Tap the link to continue:”",
    help: "Sent on accept. For a messenger the link follows it.",
  }),
  timeoutSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86400)
    .default(300)
    .meta({ label: "Wait for an answer (seconds)", help: "0 waits forever; then the flow continues on No answer." }),
  queue: queueName().default("callbacks").meta({ label: "Callback queue" }),
  priority: prioritySetting("high", { label: "Callback priority" }),
  slaMinutes: slaSetting(15, { label: "Call back within (minutes)", help: "The callback task's SLA deadline; 0 = none." }),
  messenger: z.enum(MESSENGERS).default("telegram").meta({ label: "Messenger" }),
  linkBase: z
    .url({ protocol: /^https$/, message: MESSAGES["https-link"] })
    .default("https://t.me/omniflow_bot?start=")
    .meta({
      label: "Link prefix",
      help: "The one-time token is appended, e.g. https://t.me/your_bot?start= (Telegram deep link) or https://wa.me/15550001111?text=",
    }),
});
type Settings = z.infer<typeof settings>;

const MESSENGER_NAMES: Record<(typeof MESSENGERS)[number], string> = { telegram: "Telegram", whatsapp: "WhatsApp" };

/**
 * What the customer reads when the offer or confirmation is left empty: it depends on where they
 * would go, and is written in the flow's language.
 */
function wording(s: Settings, language: FlowLanguage = "en"): { offer: string; confirmation: string } {
  const app = MESSENGER_NAMES[s.messenger];
  const fallback = language === "ru" ? ruWording(s.switchTo, app) : enWording(s.switchTo, app);
  return { offer: s.offer || fallback.offer, confirmation: s.confirmation || fallback.confirmation };
}

const enWording = (switchTo: Settings["switchTo"], app: string) =>
  switchTo === "callback"
    ? { offer: "Would you like us to call you back, {{customer.name | there}}?", confirmation: "Thank you! An operator will call you shortly." }
    : {
        offer: `Shall we continue in ${app}, {{customer.name | there}}? You'll find this conversation there.`,
        confirmation: `Tap the link to continue in ${app}:`,
      };

/** The Russian wording: polite «вы», no gendered forms; without a name the sentence opens with a greeting. */
const ruWording = (switchTo: Settings["switchTo"], app: string) =>
  switchTo === "callback"
    ? { offer: "{{customer.name | Здравствуйте}}, хотите, мы вам перезвоним?", confirmation: "Спасибо! Оператор скоро вам перезвонит." }
    : {
        offer: `{{customer.name | Здравствуйте}}, продолжим в ${app}? Там вы найдёте эту переписку.`,
        confirmation: `Нажмите на ссылку, чтобы продолжить в ${app}:`,
      };

/** The customer took the offer: a callback task for operators, or a one-time link to the messenger. */
function switchChannel(context: FlowContext, nodeId: string, s: Settings): FlowContext {
  const scope = templateScope(context);
  const confirmation = renderTemplate(wording(s).confirmation, scope);
  if (s.switchTo === "callback") {
    const tasked = emit(context, {
      kind: "task.create",
      nodeId,
      queue: s.queue,
      title: `Call back ${renderTemplate("{{customer.name | the customer}}", scope)}`,
      // The task carries the conversation: the operator reads the chat in the customer card before calling.
      steps: ["Read the conversation so far in the customer card", "Call the customer back", `They asked: ${context.message?.text ?? "(nothing yet)"}`],
      outcomes: ["reached", "not-reached"],
      priority: s.priority,
      slaMs: s.slaMinutes * 60_000,
    });
    return emit(tasked, { kind: "message.send", nodeId, text: confirmation });
  }
  // Deterministic and unguessable: the instance id's random tail plus the effect sequence.
  const token = `${context.instanceId}-${context.seq + 1}`;
  const linked = emit(context, { kind: "handoff.create", nodeId, token, channel: s.messenger, ttlMs: LINK_TTL_MS });
  return emit(linked, { kind: "message.send", nodeId, text: `${confirmation}\n${s.linkBase}${encodeURIComponent(token)}` });
}

/**
 * How a reply is compared with a button: letters and digits only, so "yes please" typed by hand
 * counts as "Yes, please"; a label with neither (an emoji) is compared as it is.
 */
const plain = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim() || text.trim();
const isAccept = (text: string, accept: string) => plain(text) === plain(accept);

/**
 * Offers to move the conversation to another channel (chat → call back, or chat → messenger) with
 * quick replies, and keeps the context: the callback task opens on this customer and conversation;
 * the messenger link joins the messenger identity to this customer on the first message.
 */
export const offerChannelSwitchNode = defineNode({
  type: "message.offer-channel-switch",
  version: 1,
  title: "Offer channel switch",
  description: "Offers a call back or a messenger link; on accept creates the callback task or sends a one-time link that keeps the customer's history.",
  category: "message",
  icon: "ArrowLeftRight",
  keywords: ["callback", "call me", "switch", "channel", "telegram", "whatsapp", "phone", "handover"],
  ru: {
    title: "Предложить другой канал",
    description:
      "Предлагает обратный звонок или ссылку на мессенджер; при согласии создаёт задачу на обратный звонок или отправляет одноразовую ссылку, которая сохраняет историю клиента.",
    keywords: ["обратный звонок", "перезвонить", "смена канала", "канал", "telegram", "whatsapp", "телефон", "передача"],
    defaults: { accept: "Да, пожалуйста", decline: "Нет, спасибо" },
    settings: {
      switchTo: { label: "Перевести в", help: "Обратный звонок (задача для операторов) или ссылка, по которой диалог продолжится в мессенджере." },
      offer: {
        label: "Предложение",
        placeholder: "Если пусто, уйдёт стандартный текст на языке сценария, по-русски: «Хотите, мы вам перезвоним?» или «Продолжим в Telegram?»",
      },
      accept: { label: "Кнопка согласия" },
      decline: { label: "Кнопка отказа" },
      confirmation: {
        label: "Подтверждение",
        placeholder:
          "Если пусто, уйдёт стандартный текст на языке сценария, по-русски: «Оператор скоро вам перезвонит.» или «Нажмите на ссылку, чтобы продолжить:»",
        help: "Отправляется при согласии. Для мессенджера следом идёт ссылка.",
      },
      timeoutSeconds: {
        label: "Ждать ответа (сек)",
        help: "0 — ждать без ограничения; по истечении времени сценарий продолжает по «Нет ответа».",
      },
      queue: { label: "Очередь обратных звонков" },
      priority: { label: "Приоритет обратного звонка" },
      slaMinutes: { label: "Перезвонить в течение (мин)", help: "Срок SLA задачи на обратный звонок; 0 — без срока." },
      messenger: { label: "Мессенджер" },
      linkBase: {
        label: "Начало ссылки",
        help: "К нему добавляется одноразовый токен, например https://t.me/your_bot?start= (deep link Telegram) или https://wa.me/15550001111?text=",
      },
    },
    options: {
      switchTo: { callback: "Обратный звонок", messenger: "Мессенджер" },
      priority: RU_PRIORITIES,
      messenger: { telegram: RU_CHANNEL_LABELS.telegram, whatsapp: RU_CHANNEL_LABELS.whatsapp },
    },
    ports: {
      switched: { "Callback booked": "Звонок заказан", "Link sent": "Ссылка отправлена" },
      declined: "Отказ / другой ответ",
      "no-answer": "Нет ответа",
    },
    messages: {
      "accept-empty": "задайте надпись кнопки согласия",
      "decline-empty": "задайте надпись кнопки отказа",
      "https-link": "нужна ссылка https, например https://t.me/your_bot?start=",
      "buttons-alike": "{title}: надписи двух кнопок должны различаться буквами или цифрами.",
    },
    summary: (s) =>
      s.switchTo === "callback"
        ? `Перезвонить через очередь ${s.queue}${s.slaMinutes ? ` в течение ${s.slaMinutes} мин` : ""}`
        : `Продолжить в ${channelLabelRu(s.messenger)}`,
  },
  settings,
  options: { messenger: { telegram: EN_CHANNEL_TITLES.telegram, whatsapp: EN_CHANNEL_TITLES.whatsapp } },
  hasInput: true,
  waits: true,
  boundsLoops: true,
  outputs: (s) => [
    { id: "switched", label: s.switchTo === "callback" ? "Callback booked" : "Link sent" },
    { id: "declined", label: "Declined / other reply" },
    ...(s.timeoutSeconds > 0 ? [{ id: "no-answer", label: "No answer" }] : []),
  ],
  summary: (s) =>
    s.switchTo === "callback"
      ? `Call back via ${s.queue}${s.slaMinutes ? ` within ${s.slaMinutes} min` : ""}`
      : `Continue in ${EN_CHANNEL_TITLES[s.messenger]}`,
  messages: MESSAGES,
  validate: (s): NodeIssue[] => [
    ...templateIssues(s, "offer", "confirmation"),
    ...(plain(s.accept) === plain(s.decline) ? [nodeIssue(MESSAGES, "decline", "buttons-alike")] : []),
  ],
  compile: (ctx) => {
    const nodeId = ctx.nodeId;
    const s = ctx.settings;
    const words = wording(s, ctx.language);
    // An English flow keeps an empty confirmation in the machine (worded at run time, as before);
    // another language carries its wording, since the run does not know the flow's language.
    const switching = ctx.language === "en" ? s : { ...s, confirmation: words.confirmation };
    return {
      entry: [ctx.action("offer", { nodeId, text: words.offer, buttons: [s.accept, s.decline], delayMs: s.timeoutSeconds * 1000 })],
      on: {
        "message.received": [
          { guard: ctx.guard("accepts", { accept: s.accept }), target: ctx.target("switched"), actions: [ctx.action("switch", { nodeId, ...switching })] },
          { target: ctx.target("declined"), actions: [ctx.action("answered", { nodeId })] },
        ],
        ...(s.timeoutSeconds > 0 && {
          "timer.fired": { guard: ctx.guard("is-mine", { nodeId }), target: ctx.target("no-answer"), actions: [ctx.action("expire", { nodeId })] },
        }),
      },
    };
  },
  guards: {
    accepts: guard<{ accept: string }>((_context, event, p) => event.type === "message.received" && isAccept(event.text, p.accept)),
    "is-mine": guard<{ nodeId: string }>((context, event, p) => ownsTimer(context, event, p.nodeId)),
  },
  actions: {
    offer: action<{ nodeId: string; text: string; buttons: string[]; delayMs: number }>((context, _event, p) => {
      const nodeId = p.nodeId;
      const offered = emit(context, { kind: "message.send", nodeId, text: renderTemplate(p.text, templateScope(context)), buttons: p.buttons });
      return armTimer(offered, nodeId, p.delayMs);
    }),
    switch: action<{ nodeId: string } & Settings>((context, event, p) => {
      const nodeId = p.nodeId;
      // The task quotes what the customer wrote before the offer; then the accept becomes the message.
      return takeMessage(switchChannel(disarmTimer(context, nodeId), nodeId, settings.parse(p)), event);
    }),
    answered: action<{ nodeId: string }>((context, event, p) => disarmTimer(takeMessage(context, event), p.nodeId)),
    expire: action<{ nodeId: string }>((context, _event, p) => disarmTimer(context, p.nodeId)),
  },
  examples: [
    { name: "Call me back", settings: { switchTo: "callback", queue: "callbacks", slaMinutes: 15 } },
    {
      name: "Continue in Telegram",
      settings: {
        switchTo: "messenger",
        offer: "Shall we continue in Telegram? You'll get your parcel updates there.",
        confirmation: "Tap to continue:",
        messenger: "telegram",
      },
    },
  ],
});
