"use client";
import { useFormatter, useNow, useTranslations } from "next-intl";

const units = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
] as const;

export type AgeParts = { unit: "day" | "hour" | "minute"; count: number } | { unit: "now"; count: 0 };

/** A compact age for queues and tables ("3 min", "2 h", "just now" in English; the words live in the catalogues). */
export function ageParts(date: Date, now: number): AgeParts {
  const ms = Math.max(0, now - date.getTime());
  for (const [unit, size] of units) if (ms >= size) return { unit, count: Math.floor(ms / size) };
  return { unit: "now", count: 0 };
}

/** Dates and times in the viewer's language and time zone. */
export function useDateFormat() {
  const format = useFormatter();
  return {
    dateTime: (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" }),
    date: (date: Date) => format.dateTime(date, { dateStyle: "medium" }),
    time: (date: Date) => format.dateTime(date, { hour: "2-digit", minute: "2-digit" }),
  };
}

/** A relative age with the exact time as tooltip; `ago` adds "… ago". Refreshes every 15 s so it moves on its own. */
export function Age({ date, ago = false }: { date: Date; ago?: boolean }) {
  const t = useTranslations("time");
  const now = useNow({ updateInterval: 15_000 });
  const { dateTime } = useDateFormat();
  const parts = ageParts(date, now.getTime());
  const age = parts.unit === "now" ? t("justNow") : t("age", parts);
  return (
    <time dateTime={date.toISOString()} title={dateTime(date)}>
      {parts.unit !== "now" && ago ? t("ago", { age }) : age}
    </time>
  );
}
