import * as z from "zod";
import { defineNode, guard } from "../../_kit/define-node";
import { isTimeZone } from "../../_kit/time-zone";
import { DAYS, isDate, isOpen, parseHours, type Day, type Schedule } from "./hours";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "time-zone": "not a time zone; use an IANA name such as Europe/Moscow",
  hours: "write HH:MM-HH:MM, several separated by commas, or leave empty for closed",
  date: "write a date as YYYY-MM-DD",
} as const;

const WORK_WEEK: Day[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_NAMES: Record<Day, string> = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };

const hours = (day: Day, fallback: string, help?: string) =>
  z
    .string()
    .trim()
    .max(100)
    .refine((text) => parseHours(text) !== null, MESSAGES.hours)
    .default(fallback)
    .meta({ label: DAY_NAMES[day], placeholder: "closed", help });

// Days are top-level fields (not one nested object) so the generated settings form edits each one.
const settings = z.object({
  timeZone: z
    .string()
    .trim()
    .refine(isTimeZone, MESSAGES["time-zone"])
    .default("UTC")
    .meta({ label: "Time zone", placeholder: "Europe/Moscow", help: "An IANA time zone; daylight saving time is followed automatically." }),
  mon: hours("mon", "09:00-18:00", 'Per day: "09:00-18:00", "09:00-13:00, 14:00-18:00" (lunch break), empty = closed; 24:00 is midnight.'),
  tue: hours("tue", "09:00-18:00"),
  wed: hours("wed", "09:00-18:00"),
  thu: hours("thu", "09:00-18:00"),
  fri: hours("fri", "09:00-18:00"),
  sat: hours("sat", ""),
  sun: hours("sun", ""),
  holidays: z
    .array(z.string().trim().refine(isDate, MESSAGES.date))
    .max(400)
    .default([])
    .meta({ label: "Holidays", widget: "lines", help: "Closed all day, one date per line (YYYY-MM-DD), in the time zone above." }),
});
type Settings = z.infer<typeof settings>;

const schedule = (s: Settings): Schedule => ({
  timeZone: s.timeZone,
  week: Object.fromEntries(DAYS.map((day) => [day, parseHours(s[day]) ?? []])) as Schedule["week"],
  holidays: s.holidays,
});

/** Short day names for the summary. */
const EN_DAYS = Object.fromEntries(DAYS.map((day) => [day, day[0].toUpperCase() + day.slice(1)])) as Record<Day, string>;
const RU_DAYS: Record<Day, string> = { mon: "Пн", tue: "Вт", wed: "Ср", thu: "Чт", fri: "Пт", sat: "Сб", sun: "Вс" };

/** "Mon–Fri 09:00-18:00 · Sat 10:00-14:00": runs of days with the same hours. */
function describeWeek(s: Settings, short: Record<Day, string> = EN_DAYS, closed = "Always closed"): string {
  const runs: { from: Day; to: Day; hours: string }[] = [];
  for (const day of WORK_WEEK) {
    const last = runs.at(-1);
    if (last && last.hours === s[day] && WORK_WEEK.indexOf(last.to) === WORK_WEEK.indexOf(day) - 1) last.to = day;
    else runs.push({ from: day, to: day, hours: s[day] });
  }
  const open = runs.filter((r) => r.hours);
  return open.length ? open.map((r) => `${short[r.from]}${r.to === r.from ? "" : `–${short[r.to]}`} ${r.hours}`).join(" · ") : closed;
}

/** Routes on whether the business is open at the moment the event is applied. */
export const businessHoursNode = defineNode({
  type: "logic.business-hours",
  version: 1,
  title: "Business hours",
  description: "Continues on Open or Closed by a weekly schedule in a time zone, with holidays.",
  category: "logic",
  icon: "CalendarClock",
  keywords: ["hours", "schedule", "open", "closed", "working time", "holiday", "time zone"],
  ru: {
    title: "Рабочее время",
    description: "Продолжает по «Открыто» или «Закрыто» по недельному графику в заданном часовом поясе, с учётом праздников.",
    keywords: ["часы работы", "график", "открыто", "закрыто", "рабочее время", "праздник", "часовой пояс"],
    settings: {
      timeZone: { label: "Часовой пояс", help: "Часовой пояс IANA; переход на летнее время учитывается автоматически.", placeholder: "Europe/Moscow" },
      mon: {
        label: "Понедельник",
        help: "Для каждого дня: «09:00-18:00», «09:00-13:00, 14:00-18:00» (с обеденным перерывом), пусто — выходной; 24:00 — полночь.",
        placeholder: "выходной",
      },
      tue: { label: "Вторник", placeholder: "выходной" },
      wed: { label: "Среда", placeholder: "выходной" },
      thu: { label: "Четверг", placeholder: "выходной" },
      fri: { label: "Пятница", placeholder: "выходной" },
      sat: { label: "Суббота", placeholder: "выходной" },
      sun: { label: "Воскресенье", placeholder: "выходной" },
      holidays: { label: "Праздники", help: "Нерабочие дни целиком, по одной дате в строке (ГГГГ-ММ-ДД), в часовом поясе выше." },
    },
    ports: { open: "Открыто", closed: "Закрыто" },
    messages: {
      "time-zone": "это не часовой пояс; укажите название IANA, например Europe/Moscow",
      hours: "пишите ЧЧ:ММ-ЧЧ:ММ, несколько интервалов через запятую; пустое поле — выходной",
      date: "пишите дату в виде ГГГГ-ММ-ДД",
    },
    summary: (s) => `${describeWeek(s, RU_DAYS, "Всегда закрыто")} (${s.timeZone})`,
  },
  settings,
  hasInput: true,
  outputs: () => [
    { id: "open", label: "Open" },
    { id: "closed", label: "Closed" },
  ],
  summary: (s) => `${describeWeek(s)} (${s.timeZone})`,
  messages: MESSAGES,
  compile: (ctx) => ({
    always: [{ guard: ctx.guard("open", schedule(ctx.settings)), target: ctx.target("open") }, { target: ctx.target("closed") }],
  }),
  // `event.at` is the engine clock of the step, so a replayed step gives the same answer.
  guards: { open: guard<Schedule>((_context, event, p) => isOpen(p, event.at)) },
  examples: [{ name: "Moscow office", settings: { timeZone: "Europe/Moscow", sat: "10:00-14:00", holidays: ["2026-01-01", "2026-01-02"] } }],
});
