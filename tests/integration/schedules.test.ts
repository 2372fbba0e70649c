import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { countRows, openTestEngine, publishFlow, useTempDb } from "../../engine/testing/test-engine";

const at = { x: 0, y: 0 };
const EVERY_5_MIN: FlowDocument = {
  nodes: [
    { id: "tick", type: "trigger.schedule", position: at, settings: { cron: "*/5 * * * *", timeZone: "UTC" } },
    { id: "end", type: "flow.end", position: at, settings: { outcome: "ran" } },
  ],
  edges: [{ id: "1", source: "tick", sourcePort: "out", target: "end" }],
};

describe("schedule triggers", () => {
  const tmp = useTempDb();

  it("start once per due time, never before publishing, and not again after a restart", async () => {
    const first = openTestEngine(tmp.file);
    const { clock } = first;
    clock.advance(2 * 60_000); // 09:02: the 09:00 run was before the publish
    await publishFlow(first.engine, "Every 5 min", EVERY_5_MIN);
    expect(await first.engine.fireSchedules()).toEqual([]);

    clock.advance(3 * 60_000); // 09:05: due
    expect(await first.engine.fireSchedules()).toHaveLength(1);
    expect(await first.engine.fireSchedules()).toEqual([]);
    await first.engine.close();

    const again = openTestEngine(tmp.file, { clock });
    clock.advance(60_000); // 09:06, restarted: 09:05 already ran
    expect(await again.engine.fireSchedules()).toEqual([]);
    clock.advance(4 * 60_000); // 09:10
    expect(await again.engine.fireSchedules()).toHaveLength(1);
    expect(countRows(again.engine, "Instance", "status = 'completed'")).toBe(2);
    await again.engine.close();
  });

  it("skip a time missed by more than the grace period (downtime) instead of starting late", async () => {
    const t = openTestEngine(tmp.file);
    await publishFlow(t.engine, "Every 5 min", EVERY_5_MIN);
    t.clock.advance(3 * 60_000 + 20 * 60_000); // 09:23: the last due time 09:20 is within grace
    expect(await t.engine.fireSchedules()).toHaveLength(1);
    t.clock.advance(60 * 60_000); // 10:23: 10:20 is due; the 09:25…10:15 runs were missed and are skipped
    expect(await t.engine.fireSchedules()).toHaveLength(1);
    expect(countRows(t.engine, "Instance")).toBe(2);
    await t.engine.close();
  });
});
