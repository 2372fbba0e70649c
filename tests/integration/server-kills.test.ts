/**
 * Fault injection (issue 16): a real server process under concurrent webhook load, killed with
 * SIGKILL again and again (at random moments, and at each inner moment its fault hooks name),
 * restarted each time. Every acknowledged message is stored once, every reply reaches the
 * provider, and none twice under different keys. CI-sized in `npm test`; `npm run soak` runs 20 kills.
 */
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyAndNudgeFlow } from "../../engine/testing/flows";
import { type IdempotentDriver, serveIdempotentDriver } from "../../engine/testing/idempotent-driver";
import { startResendingProvider } from "../../engine/testing/resending-provider";
import { runSeed, seededRandom } from "../../engine/testing/seeded-random";
import { FAULT_MOMENTS, type ServerProcess, startServerProcess } from "../../engine/testing/server-process";
import { reportSoakRow, soakSized } from "../../engine/testing/soak-report";
import { openTestEngine, publishFlow, tempDb } from "../../engine/testing/test-engine";
import { buildWriterScript } from "./writer-script";

const CHILD = fileURLToPath(new URL("./server-child.ts", import.meta.url));
const KILLS = soakSized(FAULT_MOMENTS.length + 1, 20);
const CONCURRENCY = soakSized(16, 50);
const NUDGE = "Still there?";
/** How far into its run a fault hook may stop the server (its n-th time at that moment), by moment; the soak's servers run longer. */
const REACH_BY_MOMENT = { intake: 300, commit: 15, "before-send": 150, "after-send": 150, timer: 30, checkpoint: 10 };
const REACH_SCALE = soakSized(1, 4);
/** The longest a server runs before a random kill. */
const RANDOM_KILL_MS = soakSized(2_000, 5_000);
/** A hook not reached by then (no timer fell due, say) gives way to a kill at a random moment. */
const HOOK_PATIENCE_MS = 15_000;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tmp = tempDb("omniflow-kills-");
let driver: IdempotentDriver;
/** The servers run their writer on its thread, as production does (server-child.ts says when they cannot). */
let writer: Awaited<ReturnType<typeof buildWriterScript>>;
beforeAll(async () => {
  writer = await buildWriterScript();
  driver = await serveIdempotentDriver();
  const { engine } = openTestEngine(tmp.file);
  await publishFlow(engine, "Reply and nudge", replyAndNudgeFlow(1));
  await engine.close();
});
afterAll(async () => {
  await driver.close();
  tmp.remove();
  rmSync(writer.dir, { recursive: true, force: true });
});

describe("a server killed with SIGKILL under webhook load", () => {
  it(
    `loses nothing and repeats nothing over ${KILLS} kills`,
    async () => {
      const seed = runSeed();
      console.log(`server kills: seed ${seed} (SOAK_SEED=${seed} repeats it)`);
      const random = seededRandom(seed);
      let server: ServerProcess | null = null;
      const provider = startResendingProvider({
        concurrency: CONCURRENCY,
        server: () => server?.url ?? null,
        path: "/api/channels/webchat/inbound",
        body: (n) => ({ visitorId: `v-${n}`, messageId: `m-${n}`, text: `hello #${n}` }),
      });

      const kills = new Map<string, number>();
      for (let k = 0; k < KILLS; k++) {
        const moment = (["random", ...FAULT_MOMENTS] as const)[k % (FAULT_MOMENTS.length + 1)];
        const nth = moment === "random" ? 0 : 1 + Math.floor(random() * REACH_BY_MOMENT[moment] * REACH_SCALE);
        const env: Record<string, string> = { WRITER_THREAD: writer.script, ...(moment === "random" ? {} : { SOAK_FAULT: `${moment}:${nth}` }) };
        const delay = moment === "random" ? 100 + random() * (RANDOM_KILL_MS - 100) : HOOK_PATIENCE_MS;
        server = await startServerProcess(CHILD, [tmp.file, driver.url], env);
        const hooked = await Promise.race([server.ended.then(() => true), pause(delay).then(() => false)]);
        const end = await server.kill();
        server = null;
        expect(end).toEqual({ code: null, signal: "SIGKILL" }); // died of the kill, never of an error
        const how = hooked ? moment : "random";
        kills.set(how, (kills.get(how) ?? 0) + 1);
      }

      server = await startServerProcess(CHILD, [tmp.file, driver.url], { WRITER_THREAD: writer.script });
      await provider.finish(60_000);
      const made = provider.made;
      // A send that failed while the server died backs off up to 60 s (dispatcher.ts): wait out two such waits.
      for (const end = Date.now() + 150_000; driver.delivered().size < 2 * made && Date.now() < end; ) await pause(100);
      expect(await server.stop()).toEqual({ code: 0, signal: null });

      const { stored, outbox, timers, repeatedFirings, nudgeDue } = whatWasStored(tmp.file);
      const seen = whatCustomersSaw(driver);
      let lost = 0;
      let duplicated = 0;
      for (let n = 0; n < made; n++) {
        const count = stored.get(`hello #${n}`) ?? 0;
        const texts = seen.get(`v-${n}`) ?? new Map();
        const expected = [`Got it: hello #${n}`, NUDGE];
        lost += (count === 0 ? 1 : 0) + expected.filter((text) => !texts.has(text)).length;
        // A second inbound row, or a second key for one text (the customer would see it twice).
        duplicated += Math.max(0, count - 1) + [...texts.values()].reduce((extra, keys) => extra + keys - 1, 0);
      }
      const delivered = driver.delivered();
      const early = nudgeDue.filter((row) => (delivered.get(row.key)?.at ?? Number.POSITIVE_INFINITY) < row.dueAt).length;
      const resent = driver.sends.length - delivered.size;
      const serverErrors = [...provider.refusals].filter(([kind]) => kind.startsWith("5") && kind !== "503");
      const faults = [...kills].map(([how, n]) => `${how} ${n}`).join(", ");
      reportSoakRow({
        test: "server SIGKILLed under webhook load",
        faults: `${KILLS} SIGKILL (${faults})`,
        events: made,
        lost,
        duplicated,
        late: early,
        note:
          `${CONCURRENCY} concurrent webhooks, seed ${seed}; ${2 * made} replies; ${resent} sends repeated under their own key ` +
          `(at-least-once, deduplicated by the driver); ${[...provider.acknowledged.values()].filter((s) => s === 200).length} ` +
          `redeliveries answered 200 duplicate; refusals ${JSON.stringify(Object.fromEntries(provider.refusals))}; ` +
          `outbox ${JSON.stringify(outbox)}, timers ${JSON.stringify(timers)}`,
      });

      expect(provider.acknowledged.size).toBe(made);
      expect({ lost, duplicated, early, serverErrors }).toEqual({ lost: 0, duplicated: 0, early: 0, serverErrors: [] });
      expect(stored.size).toBe(made);
      expect(delivered.size).toBe(2 * made);
      expect(outbox).toEqual([{ status: "done", n: 2 * made }]);
      expect(timers).toEqual([{ status: "fired", n: made }]);
      expect(repeatedFirings).toBe(0);
      expect(nudgeDue).toHaveLength(made);
    },
    soakSized(300_000, 900_000),
  );
});

/** Inbound messages by text (how often each is stored), the outbox and timers by status, and each nudge's key and due time. */
function whatWasStored(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const inbound = db.prepare(`SELECT text, COUNT(*) AS n FROM "Message" WHERE direction = 'in' GROUP BY text`).all() as { text: string; n: number }[];
    return {
      stored: new Map(inbound.map((r) => [r.text, r.n])),
      outbox: db.prepare(`SELECT status, COUNT(*) AS n FROM "OutboxMessage" GROUP BY status`).all(),
      timers: db.prepare(`SELECT status, COUNT(*) AS n FROM "Timer" GROUP BY status`).all(),
      repeatedFirings: db
        .prepare(`SELECT COUNT(*) FROM (SELECT instanceId FROM "InstanceEvent" WHERE type = 'timer.fired' GROUP BY instanceId HAVING COUNT(*) > 1)`)
        .pluck()
        .get() as number,
      nudgeDue: db
        .prepare(`SELECT o.id AS key, t.dueAt FROM "OutboxMessage" o JOIN "Timer" t ON t.instanceId = o.instanceId WHERE json_extract(o.payload, '$.text') = ?`)
        .all(NUDGE) as { key: string; dueAt: number }[],
    };
  } finally {
    db.close();
  }
}

/** What each customer (address) saw: for each text, under how many keys. */
function whatCustomersSaw(driver: IdempotentDriver): Map<string, Map<string, number>> {
  const seen = new Map<string, Map<string, number>>();
  for (const send of driver.delivered().values()) {
    const texts = seen.get(send.address) ?? new Map<string, number>();
    texts.set(send.text, (texts.get(send.text) ?? 0) + 1);
    seen.set(send.address, texts);
  }
  return seen;
}
