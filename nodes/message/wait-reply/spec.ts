import * as z from "zod";
import { takeMessage, unpark } from "../../_kit/context";
import { armTimer, disarmTimer, ownsTimer } from "../../_kit/durable-timer";
import { action, defineNode, guard } from "../../_kit/define-node";

const settings = z.object({
  timeoutSeconds: z
    .number()
    .int("whole seconds")
    .min(0)
    .max(30 * 24 * 3600, "at most 30 days")
    .default(300)
    .meta({ label: "Timeout (seconds)", help: "0 waits forever. The timeout survives restarts." }),
});

/** Parks the instance until the customer writes again, or a durable timer fires. */
export const waitReplyNode = defineNode({
  type: "message.wait-reply",
  version: 1,
  title: "Wait for reply",
  description: "Waits for the customer's next message; continues on Timeout if none arrives in time.",
  category: "message",
  icon: "Hourglass",
  keywords: ["wait", "reply", "timeout"],
  ru: {
    title: "Ждать ответа",
    description: "Ждёт следующего сообщения клиента; если оно не пришло вовремя, продолжает по «Время истекло».",
    keywords: ["ждать", "ответ", "ожидание", "тайм-аут"],
    settings: {
      timeoutSeconds: { label: "Время ожидания (сек)", help: "0 — ждать без ограничения. Ожидание не сбрасывается при перезапуске сервера." },
    },
    ports: { reply: "Ответ", timeout: "Время истекло" },
    summary: (s) => (s.timeoutSeconds > 0 ? `Тайм-аут через ${formatSeconds(s.timeoutSeconds, RU_UNITS)}` : "Ждёт без ограничения по времени"),
  },
  settings,
  hasInput: true,
  waits: true,
  boundsLoops: true,
  outputs: (s) => [{ id: "reply", label: "Reply" }, ...(s.timeoutSeconds > 0 ? [{ id: "timeout", label: "Timeout" }] : [])],
  summary: (s) => (s.timeoutSeconds > 0 ? `Timeout after ${formatSeconds(s.timeoutSeconds)}` : "Waits forever"),
  compile: (ctx) => ({
    entry: [ctx.action("arm", { nodeId: ctx.nodeId, delayMs: ctx.settings.timeoutSeconds * 1000 })],
    on: {
      "message.received": { target: ctx.target("reply"), actions: [ctx.action("take", { nodeId: ctx.nodeId })] },
      ...(ctx.settings.timeoutSeconds > 0 && {
        "timer.fired": {
          guard: ctx.guard("is-mine", { nodeId: ctx.nodeId }),
          target: ctx.target("timeout"),
          actions: [ctx.action("expire", { nodeId: ctx.nodeId })],
        },
      }),
    },
  }),
  guards: {
    "is-mine": guard<{ nodeId: string }>((context, event, p) => ownsTimer(context, event, p.nodeId)),
  },
  actions: {
    arm: action<{ nodeId: string; delayMs: number }>((context, _event, p) => armTimer(context, p.nodeId, p.delayMs)),
    take: action<{ nodeId: string }>((context, event, p) => disarmTimer(takeMessage(context, event), p.nodeId)),
    expire: action<{ nodeId: string }>((context, _event, p) => unpark(context, p.nodeId)),
  },
  examples: [{ name: "Five minutes", settings: { timeoutSeconds: 300 } }],
});

const EN_UNITS = { d: "d", h: "h", min: "min", s: "s" };
const RU_UNITS: typeof EN_UNITS = { d: "дн", h: "ч", min: "мин", s: "с" };

function formatSeconds(s: number, unit = EN_UNITS): string {
  if (s % 86400 === 0) return `${s / 86400} ${unit.d}`;
  if (s % 3600 === 0) return `${s / 3600} ${unit.h}`;
  if (s % 60 === 0) return `${s / 60} ${unit.min}`;
  return `${s} ${unit.s}`;
}
