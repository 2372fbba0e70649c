/**
 * `npm run soak`: the fault-injection tests at the full sizes (SOAK=1), one file at a time so
 * their timings do not disturb each other: 20 SIGKILLs of a real server under 50 concurrent webhooks,
 * 10,000 timers due during downtime, a 30 s write lock, 2,000 hostile requests per machine route, a
 * never-answering endpoint, the send loop's cap. Prints one table with the seed (SOAK_SEED=<n> replays it).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runSeed } from "../engine/testing/seeded-random";
import { type SoakRow, soakTable } from "../engine/testing/soak-report";

const FILES = [
  "tests/integration/server-kills.test.ts",
  "tests/integration/timers-after-downtime.test.ts",
  "tests/integration/store-lock.test.ts",
  "tests/integration/outbox-head-of-line.test.ts",
  "tests/integration/instance-limits.test.ts",
  "tests/integration/hostile-input.test.ts",
];

const seed = runSeed();
const dir = mkdtempSync(path.join(os.tmpdir(), "omniflow-soak-"));
const report = path.join(dir, "rows.jsonl");
const loadBefore = os.loadavg()[0];
const started = Date.now();
const run = spawnSync("npx", ["vitest", "run", "--no-file-parallelism", ...FILES], {
  stdio: "inherit",
  env: { ...process.env, SOAK: "1", SOAK_SEED: String(seed), SOAK_REPORT: report },
});
const seconds = Math.round((Date.now() - started) / 1000);
const rows = existsSync(report)
  ? (readFileSync(report, "utf8")
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line)) as SoakRow[])
  : [];
rmSync(dir, { recursive: true, force: true });

const load = (n: number) => n.toFixed(2);
console.log(`\nSoak: seed ${seed} (SOAK_SEED=${seed} npm run soak repeats it); ${seconds} s; ${os.cpus().length} cores, node ${process.version}; `);
console.log(`load average ${load(loadBefore)} at the start, ${os.loadavg().map(load).join(" / ")} (1/5/15 min) at the end\n`);
console.log(soakTable(rows));
console.log(run.status === 0 ? "\nall soak tests passed" : `\nsoak tests FAILED (vitest exit ${run.status})`);
process.exit(run.status ?? 1);
