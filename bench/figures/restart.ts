import { createEngine } from "../../engine/index";
import { openDatabase } from "../../engine/store/db";
import { bundleChild, runChild } from "../lib/children";
import { ORDER_FLOW } from "../lib/flows";
import { fmt, type Row } from "../lib/report";
import { tempDir } from "../lib/temp";

// Rows one waiting conversation owns (no outbox: its greeting was sent before the "restart").
const CLONED = ["Customer", "CustomerIdentity", "Conversation", "Message", "InboxMessage", "Instance", "InstanceEvent", "Timer"];
const FRESH = /[0-9a-f]{12}-[0-9a-f]{4}-[0-9a-f]{16}|tpl/g;

/**
 * Builds a database with `count` conversations waiting on a reply: one real instance of
 * ORDER_FLOW is run through the engine, then its rows are cloned with SQL, every id (and the
 * ids inside the snapshot and payload JSON) rewritten per clone. Timers stay due in 7 days.
 */
async function buildWaitingDb(file: string, count: number) {
  const engine = createEngine({ dbFile: file, background: false });
  const { id } = await engine.flows.create("Order number", ORDER_FLOW);
  await engine.flows.publish(id);
  const outcome = await engine.ingest({ channel: "webchat", providerMessageId: "tpl-m", address: "tpl-v", name: "Tia", text: "where is my parcel?" });
  await engine.dispatch();
  await engine.close();

  const db = openDatabase(file);
  const fixed = new Set(db.prepare(`SELECT id FROM "Flow" UNION ALL SELECT id FROM "FlowVersion"`).pluck().all() as string[]);
  const templates = CLONED.map((table) => {
    const rows = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
    const columns = Object.keys(rows[0]).filter((c) => !(table === "InstanceEvent" && c === "id"));
    const insert = db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
    return { insert, rows: rows.map((row) => columns.map((c) => row[c])) };
  });
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const rewrite = (v: unknown) => (typeof v === "string" ? v.replace(FRESH, (token) => (fixed.has(token) ? token : `${token}_${i}`)) : v);
      for (const t of templates) for (const row of t.rows) t.insert.run(row.map(rewrite));
    }
  })();
  const waiting = db.prepare(`SELECT COUNT(*) FROM "Instance" WHERE status = 'waiting'`).pluck().get() as number;
  const timers = db.prepare(`SELECT COUNT(*) FROM "Timer" WHERE status = 'pending' AND dueAt > ?`).pluck().get(Date.now()) as number;
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  if (waiting !== count + 1 || timers !== count + 1) throw new Error(`restart db: ${waiting} waiting / ${timers} future timers, expected ${count + 1}`);
  return { templateInstance: outcome.instanceId! };
}

const times = (value: number, floor: number) => `${(value / floor).toFixed(1)}×`;

type ChildResult = { started: number; committed: number; origin: number; peakRss: number; instanceId?: string; status?: string; timers?: string[] };

/**
 * (d) Restart with `count` instances waiting: a fresh process opens the engine (background on)
 * and one of them receives its reply. Floor: a fresh process that only opens the file. Both run
 * bundled, with plain node, as the production writer thread is (dist/writer-thread.mjs).
 */
export async function restartFigure(count: number): Promise<Row[]> {
  const tmp = tempDir("restart");
  try {
    const built = performance.now();
    const { templateInstance } = await buildWaitingDb(tmp.db(), count);
    const buildSeconds = (performance.now() - built) / 1000;
    const pick = Math.floor(count / 2);
    const child = await bundleChild("restart-child.ts");
    const engine = await runChild<ChildResult>(child, ["engine", tmp.db(), `tpl_${pick}-v`, "restart-reply"]);
    const floor = await runChild<ChildResult>(child, ["floor", tmp.db()]);
    const e = engine.result;
    if (e.instanceId !== `${templateInstance}_${pick}` || e.status !== "completed" || e.timers?.join() !== "cancelled") {
      throw new Error(`restart: the reply did not resume the waiting instance: ${JSON.stringify(e)}`);
    }
    const step = e.committed - e.started;
    const floorStep = floor.result.committed - floor.result.started;
    const fromSpawn = (c: { result: ChildResult; spawnedAt: number }) => c.result.origin + c.result.committed - c.spawnedAt;
    return [
      {
        figure: `(d) restart, ${fmt.int(count)} waiting (db built in ${buildSeconds.toFixed(1)} s): createEngine → reply step committed`,
        value: fmt.ms(step),
        ceiling: `${fmt.ms(floorStep)} (openDatabase + SELECT)`,
        ratio: `${times(step, floorStep)} / ≤ 1 s`,
        pass: step <= 1000,
      },
      {
        figure: `(d) restart: process start → reply step committed (imports done at ${fmt.ms(e.started)}; from spawn ${fmt.ms(fromSpawn(engine))})`,
        value: fmt.ms(e.committed),
        ceiling: `${fmt.ms(floor.result.committed)} (floor; from spawn ${fmt.ms(fromSpawn(floor))})`,
        ratio: `${times(e.committed, floor.result.committed)} / ≤ 1 s`,
        pass: e.committed <= 1000,
      },
      {
        figure: "(d) restart: peak RSS of that process (VmHWM)",
        value: fmt.mib(e.peakRss),
        ceiling: `${fmt.mib(floor.result.peakRss)} (floor child)`,
        ratio: `${times(e.peakRss, floor.result.peakRss)} / ≤ 150 MiB`,
        pass: e.peakRss <= 150 * 2 ** 20,
      },
    ];
  } finally {
    tmp.dispose();
  }
}
