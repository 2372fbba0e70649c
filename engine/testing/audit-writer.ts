// A separate process appending audit rows to one database file, for the test that several writers
// (each its own connection) keep one unbroken chain.
// Usage: tsx audit-writer.ts <db file> <name> <rows> <writers>: it starts writing once all <writers> are ready.
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createAudit } from "../audit/audit-service";
import { createAuditRepository } from "../store/audit";
import { openDatabase } from "../store/db";

const [file, name, rows, writers] = process.argv.slice(2);
if (!file || !name || !rows || !writers) throw new Error("usage: audit-writer.ts <db file> <name> <rows> <writers>");
const db = openDatabase(file);
const audit = createAudit(createAuditRepository(db), Date.now);

// A barrier through the file system, so the writers really overlap instead of running one after another.
const dir = path.dirname(file);
writeFileSync(path.join(dir, `${name}.ready`), "");
const pause = new Int32Array(new SharedArrayBuffer(4));
while (readdirSync(dir).filter((f) => f.endsWith(".ready")).length < Number(writers)) Atomics.wait(pause, 0, 0, 1);

for (let i = 0; i < Number(rows); i++) {
  audit.record({ actor: { kind: "user", id: name }, action: "tasks.reply", target: { type: "task", id: `${name}-${i}` }, outcome: "ok" });
  // Paced, as requests arrive: on a fast box one writer's rows would otherwise all land before another leaves the barrier.
  if (i % 10 === 9) Atomics.wait(pause, 0, 0, 1);
}
db.close();
