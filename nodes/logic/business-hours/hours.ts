/** Weekly opening hours in a time zone, evaluated at an engine timestamp with Intl (no Date.now). */

export const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Day = (typeof DAYS)[number];
/** Minutes since local midnight, [from, to). */
export type Range = [number, number];

const RANGE = /^(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})$/;

/** "09:00-13:00, 14:00-18:00" -> ranges; "" -> closed ([]); null when it cannot be read. */
export function parseHours(text: string): Range[] | null {
  if (!text.trim()) return [];
  const ranges: Range[] = [];
  for (const part of text.split(",")) {
    const m = RANGE.exec(part.trim());
    if (!m) return null;
    const [h1, m1, h2, m2] = m.slice(1).map(Number);
    const from = h1 * 60 + m1;
    const to = h2 * 60 + m2;
    if (h1 > 23 || m1 > 59 || m2 > 59 || to > 24 * 60 || from >= to) return null;
    ranges.push([from, to]);
  }
  return ranges;
}

/** "YYYY-MM-DD" that names a real calendar day. */
export function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// Building a DateTimeFormat is slow; one per zone, reused for every event.
const formats = new Map<string, Intl.DateTimeFormat>();
function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formats.set(zone, f);
  }
  return f;
}

/** The local calendar date, weekday and minute of the day of `at` (ms) in `zone`. */
export function localTime(at: number, zone: string): { date: string; day: Day; minute: number } {
  const parts = Object.fromEntries(
    format(zone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    day: parts.weekday.slice(0, 3).toLowerCase() as Day,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

export type Schedule = { timeZone: string; week: Record<Day, Range[]>; holidays: string[] };

/** Whether the business is open at `at`: not a holiday, and inside one of that weekday's ranges. */
export function isOpen(schedule: Schedule, at: number): boolean {
  const { date, day, minute } = localTime(at, schedule.timeZone);
  if (schedule.holidays.includes(date)) return false;
  return schedule.week[day].some(([from, to]) => minute >= from && minute < to);
}
