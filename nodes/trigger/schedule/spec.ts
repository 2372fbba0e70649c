import { Cron } from "croner";
import * as z from "zod";
import { action, defineNode, type NoParams } from "../../_kit/define-node";
import { isTimeZone } from "../../_kit/time-zone";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  cron: "not a cron pattern (minute hour day month weekday, e.g. 0 9 * * 1-5)",
  "time-zone": "not an IANA time zone, e.g. Europe/Berlin",
} as const;

const validCron = (pattern: string) => {
  try {
    new Cron(pattern, { paused: true });
    return true;
  } catch {
    return false;
  }
};

const settings = z.object({
  cron: z
    .string()
    .trim()
    .refine(validCron, MESSAGES.cron)
    .default("0 9 * * 1-5")
    .meta({ label: "Schedule (cron)", placeholder: "0 9 * * 1-5", help: "minute hour day-of-month month weekday; 0 9 * * 1-5 = weekdays at 09:00." }),
  timeZone: z.string().trim().refine(isTimeZone, MESSAGES["time-zone"]).default("UTC").meta({ label: "Time zone", placeholder: "Europe/Berlin" }),
});

/** Starts an instance (with no customer) at each time the cron pattern names, in its time zone. */
export const scheduleNode = defineNode({
  type: "trigger.schedule",
  version: 1,
  title: "Schedule",
  description: "Starts the flow on a schedule (cron with a time zone), e.g. a daily report or a batch call.",
  category: "trigger",
  icon: "CalendarClock",
  keywords: ["cron", "schedule", "timer", "daily", "batch"],
  ru: {
    title: "Расписание",
    description: "Запускает сценарий по расписанию (cron с часовым поясом), например для ежедневного отчёта или массового обзвона.",
    keywords: ["cron", "расписание", "таймер", "ежедневно", "рассылка", "обзвон"],
    settings: {
      cron: {
        label: "Расписание (cron)",
        help: "минута час день-месяца месяц день-недели; 0 9 * * 1-5 = по будням в 09:00.",
        placeholder: "0 9 * * 1-5",
      },
      timeZone: { label: "Часовой пояс", placeholder: "Europe/Moscow" },
    },
    ports: { out: "По расписанию" },
    messages: {
      cron: "это не cron-выражение (минута час день месяц день_недели, например 0 9 * * 1-5)",
      "time-zone": "это не часовой пояс IANA, например Europe/Moscow",
    },
  },
  settings,
  hasInput: false,
  outputs: () => [{ id: "out", label: "Due" }],
  trigger: {
    event: "schedule.fired",
    matches: (s, event) => event.type === "schedule.fired" && event.cron === s.cron && event.timeZone === s.timeZone,
    listensTo: (s) => ({ en: `Schedule ${s.cron} (${s.timeZone})`, ru: `Расписание ${s.cron} (${s.timeZone})` }),
    poll: {
      lastDue: (s, now) => {
        // croner counts whole seconds and leaves out a run in the reference's own second: look
        // from the next second and keep the latest run not after `now`.
        const runs = new Cron(s.cron, { timezone: s.timeZone, paused: true }).previousRuns(2, new Date(now + 1000));
        return runs.map((d) => d.getTime()).find((t) => t <= now) ?? null;
      },
      event: (s, due, at) => ({ type: "schedule.fired", at, cron: s.cron, timeZone: s.timeZone, scheduledFor: due }),
    },
  },
  variables: () => ({ writes: [{ name: "scheduledFor", type: "string" }] }),
  summary: (s) => `${s.cron} (${s.timeZone})`,
  messages: MESSAGES,
  compile: (ctx) => ({ entry: [ctx.action("take")], always: { target: ctx.target("out") } }),
  actions: {
    take: action<NoParams>((context, event) =>
      event.type === "schedule.fired" ? { ...context, vars: { ...context.vars, scheduledFor: new Date(event.scheduledFor).toISOString() } } : context,
    ),
  },
  examples: [{ name: "Weekdays 09:00 Berlin", settings: { cron: "0 9 * * 1-5", timeZone: "Europe/Berlin" } }],
});
