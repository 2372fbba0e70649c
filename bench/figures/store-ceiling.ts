import type Database from "better-sqlite3";
import { createEngine } from "../../engine/index";
import { openDatabase, type Db } from "../../engine/store/db";
import { seedDemo } from "../../prisma/seed";
import { CYCLE, mixMessage } from "../lib/demo-mix";
import { fmt, type Row } from "../lib/report";
import { tempDir } from "../lib/temp";

type Call = { source: string; method: "run" | "get" | "all"; args: unknown[] };
const METHODS = ["run", "get", "all"] as const;
const CONTROL = /^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA)\b/i; // transactions and the durability switch: not the hot path's SQL
// Ids the engine generated (ids.ts) plus the bench's own "REC" visitor/message ids.
const FRESH = /[0-9a-f]{12}-[0-9a-f]{4}-[0-9a-f]{16}|REC/g;

/** Records every statement the engine runs (sql + bound values) while `work` runs. */
async function record(db: Db, work: () => Promise<unknown>): Promise<Call[]> {
  const proto = Object.getPrototypeOf(db.prepare("SELECT 1")) as Record<string, (...a: unknown[]) => unknown>;
  const originals = METHODS.map((m) => proto[m]);
  const calls: Call[] = [];
  METHODS.forEach((method, i) => {
    proto[method] = function (this: Database.Statement, ...args: unknown[]) {
      if (!CONTROL.test(this.source)) calls.push({ source: this.source, method, args });
      return originals[i].apply(this, args);
    };
  });
  try {
    await work();
  } finally {
    METHODS.forEach((method, i) => (proto[method] = originals[i]));
  }
  return calls;
}

/**
 * (a) The SQLite floor of the engine's hot path: the exact statements (reads and writes) that
 * one cycle of the demo mix issues through the real engine, recorded once, then replayed with
 * fresh ids and no JavaScript work between them, 1,000 events per transaction.
 */
export async function storeCeiling(events: number): Promise<{ eventsPerSec: number; rows: Row[] }> {
  const tmp = tempDir("store");
  try {
    const engine = createEngine({ dbFile: tmp.db(), background: false });
    await seedDemo(engine);
    for (let slot = 0; slot < CYCLE; slot++) await engine.ingest(mixMessage("warm", 0, slot)); // version cache, queue row
    // Statements share one prototype, so any connection's lets `record` see the engine's.
    const probe = openDatabase(tmp.db());
    const trace = await record(probe, async () => {
      for (let slot = 0; slot < CYCLE; slot++) await engine.ingest(mixMessage("REC", 0, slot));
    });
    probe.close();
    await engine.close();

    const db = openDatabase(tmp.db());
    const fixed = new Set(
      db
        .prepare(`SELECT id FROM "Flow" UNION ALL SELECT id FROM "FlowVersion" UNION ALL SELECT id FROM "Queue" UNION ALL SELECT id FROM "Operator"`)
        .pluck()
        .all() as string[],
    );
    const statements = new Map(trace.map((c) => [c.source, db.prepare(c.source)]));
    const cycles = Math.ceil(events / CYCLE);
    // Built before timing: the replay must cost SQLite work only.
    const plan = Array.from({ length: cycles }, (_, k) =>
      trace.map((c) => {
        const args = c.args.map((a) => (typeof a === "string" ? a.replace(FRESH, (id) => (fixed.has(id) ? id : `${id}_${k}`)) : a));
        const stmt = statements.get(c.source)!;
        return () => stmt[c.method](...args);
      }),
    );
    const perTx = 1000 / CYCLE;
    const started = performance.now();
    for (let from = 0; from < cycles; from += perTx) {
      db.transaction(() => {
        for (const cycle of plan.slice(from, from + perTx)) for (const call of cycle) call();
      })();
    }
    const seconds = (performance.now() - started) / 1000;
    db.close();
    const eventsPerSec = (cycles * CYCLE) / seconds;
    const statementsPerEvent = trace.length / CYCLE;
    return {
      eventsPerSec,
      rows: [
        {
          figure: `(a) store ceiling: recorded step SQL replayed, 1,000 events/tx (${statementsPerEvent.toFixed(1)} stmts/event)`,
          value: `${fmt.int(eventsPerSec)} ev/s`,
          ceiling: "—",
          ratio: "—",
        },
      ],
    };
  } finally {
    tmp.dispose();
  }
}
