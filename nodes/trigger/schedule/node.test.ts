import { describe, expect, it } from "vitest";
import { T0 } from "../../../engine/testing/fake-clock";
import { nodeIssues, runNode } from "../../../engine/testing/run-node";
import { scheduleNode } from "./spec";

const TYPE = "trigger.schedule";
const weekdays9 = scheduleNode.settings.parse({ cron: "0 9 * * 1-5", timeZone: "Europe/Berlin" });

describe("trigger.schedule", () => {
  it("knows when it was last due, in its time zone", () => {
    const poll = scheduleNode.trigger!.poll!;
    // T0 is Monday 2026-01-05 09:00 UTC = 10:00 in Berlin: due at 09:00 Berlin = 08:00 UTC.
    expect(new Date(poll.lastDue(weekdays9, T0)!).toISOString()).toBe("2026-01-05T08:00:00.000Z");
    // Sunday evening: last due on Friday.
    expect(new Date(poll.lastDue(weekdays9, Date.UTC(2026, 0, 4, 20))!).toISOString()).toBe("2026-01-02T08:00:00.000Z");
  });

  it("starts on its own schedule's event and records the due time", () => {
    const event = scheduleNode.trigger!.poll!.event(weekdays9, Date.UTC(2026, 0, 5, 8), T0);
    const run = runNode(TYPE, weekdays9, event);
    expect(run.port).toBe("out");
    expect(run.state.context.vars).toEqual({ scheduledFor: "2026-01-05T08:00:00.000Z" });
    expect(runNode(TYPE, { cron: "0 10 * * *", timeZone: "Europe/Berlin" }, event).port).toBeNull();
  });

  it("refuses a bad cron pattern or time zone, pinned to the field", () => {
    expect(nodeIssues(TYPE, { cron: "every day", timeZone: "UTC" })).toMatchObject([{ code: "invalid-settings", field: "cron" }]);
    expect(nodeIssues(TYPE, { cron: "0 9 * * *", timeZone: "Mars/Olympus" })).toMatchObject([{ code: "invalid-settings", field: "timeZone" }]);
  });
});
