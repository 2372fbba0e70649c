import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { childScript } from "./children";

/** A server's event-loop delay over one window, ms (perf_hooks.monitorEventLoopDelay, 5 ms resolution). */
export type LoopDelay = { p50: number; p99: number; max: number; samples: number };

/**
 * The bench's side of children/loop-probe.mjs: `env` preloads the probe into a service whose main
 * script is `main`; `window()` ends the current window and returns its event-loop delay (SIGUSR2 to the
 * process the probe named, then its appended line).
 */
export function loopProbe(dir: string, main: string) {
  const file = path.join(dir, `loop-${main}.jsonl`);
  const lines = () => (existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : []);
  return {
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${childScript("loop-probe.mjs")}`.trim(), BENCH_LOOP_FILE: file, BENCH_LOOP_MAIN: main },
    async window(): Promise<LoopDelay> {
      const before = lines();
      if (!before.length) throw new Error(`the loop probe did not start in ${main}`);
      process.kill((JSON.parse(before[0]) as { pid: number }).pid, "SIGUSR2");
      for (let waited = 0; waited < 5000; waited += 10) {
        const now = lines();
        if (now.length > before.length) return JSON.parse(now[now.length - 1]) as LoopDelay;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`the loop probe in ${main} did not answer SIGUSR2`);
    },
  };
}
export type LoopProbe = ReturnType<typeof loopProbe>;
