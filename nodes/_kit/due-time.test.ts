import { describe, expect, it } from "vitest";
import { dueTime } from "./due-time";

const now = Date.UTC(2026, 11, 2, 14, 20); // Wednesday 2 December 2026, 14:20 UTC (15:20 in Berlin)
const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

describe("dueTime: when a task falls due, as a customer or flow names it", () => {
  it.each([
    ["15:30", "UTC", "2026-12-02T15:30:00.000Z"],
    ["15", "UTC", "2026-12-02T15:00:00.000Z"],
    ["1530", "UTC", "2026-12-02T15:30:00.000Z"],
    ["9:00", "UTC", "2026-12-03T09:00:00.000Z"], // passed today: tomorrow
    ["15", "Europe/Berlin", "2026-12-03T14:00:00.000Z"], // 15:00 in Berlin has just passed
    ["16:00", "Europe/Berlin", "2026-12-02T15:00:00.000Z"],
    ["tomorrow 9:00", "Europe/Berlin", "2026-12-03T08:00:00.000Z"],
    ["In 2 hours", "UTC", "2026-12-02T16:20:00.000Z"],
    ["in 30 minutes", "UTC", "2026-12-02T14:50:00.000Z"],
    ["in 1 day", "UTC", "2026-12-03T14:20:00.000Z"],
    ["2026-12-03T09:00", "Europe/Berlin", "2026-12-03T08:00:00.000Z"],
    ["2026-12-03 09:00Z", "Europe/Berlin", "2026-12-03T09:00:00.000Z"],
    ["2026-12-03T09:00+03:00", "UTC", "2026-12-03T06:00:00.000Z"],
    ["2026-07-01T09:00", "Europe/Berlin", "2026-07-01T07:00:00.000Z"], // summer time
  ])("%s in %s", (text, zone, expected) => {
    expect(iso(dueTime(text, now, zone))).toBe(expected);
  });

  it.each(["", "soon", "25", "12:75", "2026-02-30T09:00", "in many hours", "tomorrow"])("reads %j as no time", (text) => {
    expect(dueTime(text, now, "UTC")).toBeNull();
  });
});
