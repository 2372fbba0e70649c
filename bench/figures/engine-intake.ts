import { createEngine } from "../../engine/index";
import { seedDemo } from "../../prisma/seed";
import { closedLoop } from "../lib/closed-loop";
import { CYCLE, mixMessage } from "../lib/demo-mix";
import { fmt, type Row } from "../lib/report";
import { percentile } from "../lib/stats";
import { tempDir } from "../lib/temp";

/**
 * (b) Inbound chat events through the real engine in this process: `engine.ingest` with the demo
 * mix, `inFlight` closed-loop senders (each runs its cycles in order, so a follow-up comes after
 * its opener), latency from submit to the promise resolving after the group commit.
 * `background: false`: no outbox dispatcher, timer poller or checkpoints, intake only.
 */
export async function engineIntake(events: number, inFlight: number, ceilingEventsPerSec: number) {
  const tmp = tempDir("engine");
  try {
    const engine = createEngine({ dbFile: tmp.db(), background: false });
    await seedDemo(engine);
    const run = (prefix: string, cycles: number) => closedLoop(inFlight, cycles, CYCLE, (cycle, slot) => engine.ingest(mixMessage(prefix, cycle, slot)));
    await run("warm", Math.ceil(events / CYCLE / 10)); // JIT, version cache
    const { seconds, latencies } = await run("ev", Math.ceil(events / CYCLE));
    await engine.close();
    const eventsPerSec = latencies.length / seconds;
    const ratio = eventsPerSec / ceilingEventsPerSec;
    const rows: Row[] = [
      {
        figure: `(b) engine.ingest in-process, demo mix, ${inFlight} in flight, background off`,
        value: `${fmt.int(eventsPerSec)} ev/s`,
        ceiling: `${fmt.int(ceilingEventsPerSec)} ev/s (a)`,
        ratio: `${fmt.pct(ratio)} / ≥ 30 %`,
        pass: ratio >= 0.3,
      },
      {
        figure: "(b) latency submit → committed, p50 / p99",
        value: `${fmt.ms(percentile(latencies, 50))} / ${fmt.ms(percentile(latencies, 99))}`,
        ceiling: "—",
        ratio: "—",
      },
    ];
    return { eventsPerSec, rows };
  } finally {
    tmp.dispose();
  }
}
