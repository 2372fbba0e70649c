/**
 * A time a customer or a flow names ("call me at 15:30"), read at the engine clock `now` in a time
 * zone: when a task falls due. Pure (Intl, no Date.now), so a replayed step reads it the same.
 */

const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: DAY_MS, days: DAY_MS };

// Building a DateTimeFormat is slow; one per zone.
const formats = new Map<string, Intl.DateTimeFormat>();
function wallClock(at: number, zone: string): number {
  let f = formats.get(zone);
  if (!f) {
    const options = { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" } as const;
    formats.set(zone, (f = new Intl.DateTimeFormat("en-US", options)));
  }
  const p = Object.fromEntries(f.formatToParts(at).map((part) => [part.type, Number(part.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
}

/** The instant whose wall clock in `zone` reads `local` (a UTC timestamp of the wall-clock fields); DST gaps move forward. */
function fromWallClock(local: number, zone: string): number {
  const first = local - (wallClock(local, zone) - local);
  // A second pass settles an offset that changes between the guess and the answer (a DST switch).
  return first - (wallClock(first, zone) - local);
}

/**
 * Reads `text` as a due time, or null:
 * - `15`, `1530`, `15:30` (keys pressed on a phone, too): the next time the clock shows it;
 * - `tomorrow 9:00`; `in 2 hours`, `in 30 minutes`, `in 1 day`;
 * - `2026-12-03T09:00` (in `zone`), or with an offset or Z.
 * @example dueTime("15:30", Date.UTC(2026, 11, 2, 16, 0), "UTC") // 2026-12-03T15:30Z: today's 15:30 has passed
 */
export function dueTime(text: string, now: number, zone: string): number | null {
  const t = text.trim().toLowerCase();
  const relative = /^in\s+(\d{1,4})\s+(minutes?|hours?|days?)$/.exec(t);
  if (relative) return now + Number(relative[1]) * UNIT_MS[relative[2]];
  const clock = /^(tomorrow\s+)?(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (clock) {
    const [hour, minute] = [Number(clock[2]), Number(clock[3] ?? 0)];
    if (hour > 23 || minute > 59) return null;
    const today = Math.floor(wallClock(now, zone) / DAY_MS) * DAY_MS;
    const local = today + (hour * 60 + minute) * 60_000;
    if (clock[1]) return fromWallClock(local + DAY_MS, zone);
    const at = fromWallClock(local, zone);
    return at > now ? at : fromWallClock(local + DAY_MS, zone);
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})[t ](\d{2}):(\d{2})(z|[+-]\d{2}:\d{2})?$/.exec(t);
  if (!iso) return null;
  const [y, mo, d, h, mi] = iso.slice(1, 6).map(Number);
  const local = Date.UTC(y, mo - 1, d, h, mi);
  const fields = new Date(local);
  if (fields.getUTCMonth() !== mo - 1 || fields.getUTCDate() !== d || h > 23 || mi > 59) return null;
  if (!iso[6]) return fromWallClock(local, zone);
  if (iso[6] === "z") return local;
  const sign = iso[6][0] === "-" ? -1 : 1;
  return local - sign * (Number(iso[6].slice(1, 3)) * 60 + Number(iso[6].slice(4))) * 60_000;
}
