"use client";
import { useEffect, useState } from "react";

const units = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["min", 60_000],
] as const;

/** "3 min", "2 h", "just now": compact age for queues and tables. */
export function formatAge(date: Date, now: number): string {
  const ms = Math.max(0, now - date.getTime());
  for (const [label, size] of units) if (ms >= size) return `${Math.floor(ms / size)} ${label}`;
  return "just now";
}

export function formatDateTime(date: Date): string {
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function formatDate(date: Date): string {
  return date.toLocaleDateString(undefined, { dateStyle: "medium" });
}

export function formatTime(date: Date): string {
  return date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

/** The current time, refreshed every `everyMs` so relative ages move on their own. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/** A relative age with the exact time as tooltip. */
export function Age({ date, suffix = "" }: { date: Date; suffix?: string }) {
  const now = useNow(15_000);
  const age = formatAge(date, now);
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)}>
      {age === "just now" ? age : `${age}${suffix}`}
    </time>
  );
}
