import { createEngine } from "../../engine/index";
import { seedStaff } from "../../prisma/seed";
import {
  countInbound,
  dropOutbox,
  fakeOf,
  mixRequests,
  publishDemoOnAnyChannel,
  settingsOf,
  WEBHOOK_CHANNELS,
  type WebhookChannel,
} from "../lib/channel-traffic";
import { closedLoop } from "../lib/closed-loop";
import { CYCLE } from "../lib/demo-mix";
import { fmt, type Row } from "../lib/report";
import { tempDir } from "../lib/temp";

/** Share of web chat's rate each webhook channel must reach (issue 17). */
const OF_WEBCHAT = 0.8;

/** Messages per second, and this process's CPU time per message (user + system, µs): the second does not move with the box's load. */
type Rate = { perSec: number; cpuMicros: number };
const shown = (r: Rate) => `${fmt.int(r.perSec)} msg/s, ${fmt.int(r.cpuMicros)} µs CPU/msg`;

/**
 * One channel's intake rate: `engine.receiveRequest` (verify → parse → intake → commit) in this
 * process, `inFlight` closed-loop senders, the demo mix's requests as the provider sends them,
 * the demo flow on any channel, background off as in (b); a fresh database per channel.
 */
async function inboundRate(channel: WebhookChannel | "webchat", events: number, inFlight: number): Promise<Rate> {
  const tmp = tempDir(`in-${channel}`);
  try {
    const settings = channel === "webchat" ? null : settingsOf(channel);
    const engine = createEngine({ dbFile: tmp.db(), background: false, ...(settings && { channelSettings: { [channel]: settings } }) });
    await seedStaff(engine);
    await publishDemoOnAnyChannel(engine);
    const fake = settings && channel !== "webchat" ? await fakeOf(channel, settings) : null;
    const cycles = Math.ceil(events / CYCLE);
    const warmCycles = Math.ceil(cycles / 10);
    const run = (requests: Awaited<ReturnType<typeof mixRequests>>) =>
      closedLoop(inFlight, requests.length, CYCLE, async (cycle, slot) => {
        const reply = await engine.receiveRequest(channel, requests[cycle][slot]);
        const status = reply.kind === "json" ? reply.status : reply.answer.status;
        if (status >= 300) throw new Error(`${channel}: answered ${status} ${JSON.stringify(reply)}`);
      });
    await run(await mixRequests(engine, channel, fake, "warm", warmCycles, 0)); // JIT, version cache
    // Built (and signed, as the provider does) before the clock and the CPU count start.
    const requests = await mixRequests(engine, channel, fake, "ev", cycles, warmCycles * 3);
    const cpu = process.cpuUsage();
    const { seconds, latencies } = await run(requests);
    const { user, system } = process.cpuUsage(cpu);
    const taken = countInbound(engine);
    if (taken !== (cycles + warmCycles) * CYCLE) throw new Error(`${channel}: ${taken} messages committed, ${(cycles + warmCycles) * CYCLE} sent`);
    dropOutbox(engine);
    await engine.close();
    return { perSec: latencies.length / seconds, cpuMicros: (user + system) / latencies.length };
  } finally {
    tmp.dispose();
  }
}

/** The middle value (the lower middle of an even count). */
const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/**
 * Figure (f1): every webhook channel's intake beside web chat's, measured the same way in this run.
 * Each channel runs `rounds` times, each right after a web chat run of its own, and each round's ratio
 * compares that pair, so the load of a shared box drifting during the run weighs on both sides alike;
 * the figure is the median round (one disturbed pair moved a single-pair ratio by ±30 % on this box).
 */
export async function channelInbound(events: number, inFlight: number, rounds: number): Promise<Row[]> {
  const rows: Row[] = [];
  const webchat: Rate[] = [];
  for (const channel of WEBHOOK_CHANNELS) {
    const pairs: { reference: Rate; rate: Rate; ratio: number }[] = [];
    for (let round = 0; round < rounds; round++) {
      const reference = await inboundRate("webchat", events, inFlight);
      const rate = await inboundRate(channel, events, inFlight);
      webchat.push(reference);
      pairs.push({ reference, rate, ratio: rate.perSec / reference.perSec });
    }
    const middle = pairs.toSorted((a, b) => a.ratio - b.ratio)[Math.floor((rounds - 1) / 2)];
    const ratios = pairs.map((p) => p.ratio).sort((a, b) => a - b);
    rows.push({
      figure: `(f1) ${channel === "email" ? "email-webhook" : channel}: the same, its fake's signed webhooks, signature verified (median of ${rounds} rounds)`,
      value: shown(middle.rate),
      ceiling: `${shown(middle.reference)} webchat, run just before`,
      ratio: `${fmt.pct(middle.ratio)} (rounds ${fmt.pct(ratios[0])}–${fmt.pct(ratios[ratios.length - 1])}) / ≥ ${fmt.pct(OF_WEBCHAT)}`,
      pass: median(ratios) >= OF_WEBCHAT,
    });
  }
  const rates = webchat.map((r) => r.perSec).sort((a, b) => a - b);
  const cpu = webchat.map((r) => r.cpuMicros).sort((a, b) => a - b);
  const range = (v: number[], unit: string) => `${fmt.int(v[0])}–${fmt.int(v[v.length - 1])} ${unit}`;
  rows.unshift({
    figure: `(f1) webchat: engine.receiveRequest in-process, visitor token checked, demo mix, ${inFlight} in flight, background off (${webchat.length} runs)`,
    value: `${range(rates, "msg/s")}, ${range(cpu, "µs CPU/msg")}`,
    ceiling: "—",
    ratio: "—",
  });
  return rows;
}
