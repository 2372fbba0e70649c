/**
 * Timers that fall due while the engine is down (issue 16): 10,000 waits (CI: 2,000) time out during
 * the downtime; a real server restarted on the file fires each exactly once, never early, even when
 * it is killed with SIGKILL in the middle of firing them and restarted again.
 */
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { fakeClock } from "../../engine/testing/fake-clock";
import { replyAndNudgeFlow } from "../../engine/testing/flows";
import { serveIdempotentDriver } from "../../engine/testing/idempotent-driver";
import { runSeed, seededRandom } from "../../engine/testing/seeded-random";
import { startServerProcess } from "../../engine/testing/server-process";
import { reportSoakRow, soakSized } from "../../engine/testing/soak-report";
import { chat, openTestEngine, publishFlow, tempDb } from "../../engine/testing/test-engine";

const CHILD = fileURLToPath(new URL("./server-child.ts", import.meta.url));
const TIMERS = soakSized(2_000, 10_000);
const WAIT_MS = 60_000;
const NUDGE = "Still there?";

const tmp = tempDb("omniflow-downtime-");
afterAll(() => tmp.remove());
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("timers that fell due while the engine was down", () => {
  it(`${TIMERS.toLocaleString("en")} fire exactly once after restart, never early, through a SIGKILL while firing them`, async () => {
    const seed = runSeed();
    console.log(`timers after downtime: seed ${seed} (SOAK_SEED=${seed} repeats it)`);
    // The conversations began two minutes ago: their 60 s waits fell due while the engine was down.
    const clock = fakeClock(Date.now() - 2 * WAIT_MS);
    const { engine } = openTestEngine(tmp.file, { clock });
    await publishFlow(engine, "Reply and nudge", replyAndNudgeFlow(WAIT_MS / 1000));
    for (let from = 0; from < TIMERS; from += 500) {
      const batch = Array.from({ length: Math.min(500, TIMERS - from) }, (_, i) => from + i);
      await Promise.all(batch.map((n) => engine.receive("webchat", chat(`v-${n}`, `m-${n}`, `hello #${n}`))));
    }
    clock.advance(WAIT_MS - 1);
    expect(await engine.fireDueTimers()).toBe(0); // a millisecond before they are due, none fires
    await engine.close();

    const driver = await serveIdempotentDriver();
    const killAt = 1 + Math.floor(seededRandom(seed)() * (TIMERS / 2));
    const first = await startServerProcess(CHILD, [tmp.file, driver.url], { SOAK_FAULT: `timer:${killAt}` });
    const killed = await Promise.race([first.ended, pause(60_000).then(() => first.kill())]);
    expect(killed).toEqual({ code: null, signal: "SIGKILL" });
    const nudgesBeforeKill = driver.delivered().size;

    const second = await startServerProcess(CHILD, [tmp.file, driver.url]);
    const nudges = () => [...driver.delivered().values()].filter((s) => s.text === NUDGE);
    for (const end = Date.now() + 120_000; nudges().length < TIMERS && Date.now() < end; ) await pause(100);
    expect(await second.stop()).toEqual({ code: 0, signal: null });
    await driver.close();

    const db = new Database(tmp.file, { readonly: true });
    const timers = db.prepare(`SELECT status, COUNT(*) AS n FROM "Timer" GROUP BY status`).all();
    const firings = db
      .prepare(
        `SELECT t.instanceId, t.dueAt, COUNT(e.id) AS n, MIN(json_extract(e.payload, '$.at')) AS firstAt FROM "Timer" t
         LEFT JOIN "InstanceEvent" e ON e.instanceId = t.instanceId AND e.type = 'timer.fired' GROUP BY t.id`,
      )
      .all() as { instanceId: string; dueAt: number; n: number; firstAt: number | null }[];
    db.close();

    const perCustomer = new Map<string, number>();
    for (const nudge of nudges()) perCustomer.set(nudge.address, (perCustomer.get(nudge.address) ?? 0) + 1);
    const lost = firings.filter((f) => f.n === 0).length + (TIMERS - perCustomer.size);
    const duplicated = firings.filter((f) => f.n > 1).length + [...perCustomer.values()].filter((n) => n > 1).length;
    const early = firings.filter((f) => f.firstAt !== null && f.firstAt < f.dueAt).length;
    reportSoakRow({
      test: "timers due during downtime",
      faults: "downtime, 1 SIGKILL while firing",
      events: TIMERS,
      lost,
      duplicated,
      late: early,
      note: `seed ${seed}: killed inside the commit of the ${killAt}th due timer's step, ${nudgesBeforeKill} sends had reached the driver`,
    });

    expect({ lost, duplicated, early }).toEqual({ lost: 0, duplicated: 0, early: 0 });
    expect(firings).toHaveLength(TIMERS);
    expect(timers).toEqual([{ status: "fired", n: TIMERS }]);
  }, 300_000);
});
