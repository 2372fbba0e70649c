import * as z from "zod";
import { nodeIssue } from "../../_kit/messages";
import { unpark } from "../../_kit/context";
import { action, defineNode, guard } from "../../_kit/define-node";
import { armTimer, ownsTimer } from "../../_kit/durable-timer";
import { ruPlural } from "../../_kit/ru";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "at-least-1": "at least 1",
  "at-most-90-days": "at most 90 days",
  "too-long": "Delay: {phrase} is longer than 90 days.",
} as const;

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
const MAX_MS = 90 * UNIT_MS.days;

const settings = z.object({
  amount: z
    .number()
    .int("a whole number")
    .min(1, MESSAGES["at-least-1"])
    .max(MAX_MS / UNIT_MS.minutes, MESSAGES["at-most-90-days"])
    .default(15)
    .meta({ label: "Wait for", help: "Durable: the delay survives restarts. At most 90 days." }),
  unit: z.enum(["minutes", "hours", "days"]).default("minutes").meta({ label: "Unit" }),
});
type Settings = z.infer<typeof settings>;

/** The unit's Russian forms for a count (accusative: "1 минуту", "2 минуты", "5 минут"). */
const RU_UNITS = {
  minutes: ["минуту", "минуты", "минут"],
  hours: ["час", "часа", "часов"],
  days: ["день", "дня", "дней"],
} as const;

const delayMs = (s: Settings) => s.amount * UNIT_MS[s.unit];
/** "1 hour", "15 minutes". */
const phrase = (s: Settings) => `${s.amount} ${s.amount === 1 ? s.unit.slice(0, -1) : s.unit}`;

/** Parks the instance on a durable timer and continues when it fires. */
export const delayNode = defineNode({
  type: "timer.delay",
  version: 1,
  title: "Delay",
  description: "Pauses the flow for minutes, hours or days, then continues. The delay survives restarts.",
  category: "flow",
  icon: "Timer",
  keywords: ["wait", "pause", "sleep", "later", "schedule", "timer"],
  ru: {
    title: "Пауза",
    description: "Приостанавливает сценарий на минуты, часы или дни, затем продолжает. Пауза не сбрасывается при перезапуске сервера.",
    keywords: ["ждать", "пауза", "задержка", "позже", "отложить", "таймер"],
    settings: {
      amount: { label: "Ждать", help: "Надёжно: пауза не сбрасывается при перезапуске сервера. Не больше 90 дней." },
      unit: { label: "Единица времени" },
    },
    options: { unit: { minutes: "Минуты", hours: "Часы", days: "Дни" } },
    ports: { out: "После паузы" },
    messages: {
      "at-least-1": "не меньше 1",
      "at-most-90-days": "не больше 90 дней",
      "too-long": "{title}: пауза не может быть длиннее 90 дней.",
    },
    summary: (s) => `Ждать ${s.amount} ${ruPlural(s.amount, RU_UNITS[s.unit])}`,
  },
  settings,
  hasInput: true,
  waits: true,
  outputs: () => [{ id: "out", label: "After the delay" }],
  summary: (s) => `Wait ${phrase(s)}`,
  messages: MESSAGES,
  validate: (s) => (delayMs(s) > MAX_MS ? [nodeIssue(MESSAGES, "amount", "too-long", { phrase: phrase(s) })] : []),
  compile: (ctx) => ({
    entry: [ctx.action("arm", { nodeId: ctx.nodeId, delayMs: delayMs(ctx.settings) })],
    on: {
      "timer.fired": { guard: ctx.guard("is-mine", { nodeId: ctx.nodeId }), target: ctx.target("out"), actions: [ctx.action("done", { nodeId: ctx.nodeId })] },
    },
  }),
  guards: { "is-mine": guard<{ nodeId: string }>((context, event, p) => ownsTimer(context, event, p.nodeId)) },
  actions: {
    arm: action<{ nodeId: string; delayMs: number }>((context, _event, p) => armTimer(context, p.nodeId, p.delayMs)),
    done: action<{ nodeId: string }>((context, _event, p) => unpark(context, p.nodeId)),
  },
  examples: [
    { name: "Quarter of an hour", settings: { amount: 15, unit: "minutes" } },
    { name: "Next day", settings: { amount: 1, unit: "days" } },
  ],
});
