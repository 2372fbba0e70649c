/**
 * Preloaded into the (c) servers by the bench only (NODE_OPTIONS=--import=<this file>; a server started from its
 * snapshot loads it itself, server/preloads.ts), so no production path carries it. NODE_OPTIONS reaches every
 * node process under `npx tsx` (npx, the tsx CLI, the server); only the one whose main script (or snapshot) is
 * named BENCH_LOOP_MAIN measures. It writes its pid to BENCH_LOOP_FILE,
 * and on each SIGUSR2 appends one JSON line there: the event-loop delay since the last SIGUSR2 (or since
 * start), from perf_hooks.monitorEventLoopDelay, in ms; then starts a new window.
 */
import { appendFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";

const file = process.env.BENCH_LOOP_FILE;
const snapshot = process.execArgv.indexOf("--snapshot-blob");
const main = snapshot >= 0 ? process.execArgv[snapshot + 1] : process.argv[1];
if (file && path.basename(main ?? "") === process.env.BENCH_LOOP_MAIN) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  writeFileSync(file, `${JSON.stringify({ pid: process.pid })}\n`);
  process.on("SIGUSR2", () => {
    const window = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), samples: histogram.count };
    appendFileSync(file, `${JSON.stringify(window)}\n`);
    histogram.reset();
  });
}
