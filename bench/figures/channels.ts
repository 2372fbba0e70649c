import { createEngine } from "../../engine/index";
import { seedDemoFlow, seedStaff } from "../../prisma/seed";
import { countInbound, dropOutbox, fakeOf, mixRequests, settingsOf, WEBHOOK_CHANNELS, type WebhookChannel } from "../lib/channel-traffic";
import { bundleWriterThread } from "../lib/children";
import { closedLoop } from "../lib/closed-loop";
import { CYCLE } from "../lib/demo-mix";
import { fmt, type Row } from "../lib/report";
import { tempDir } from "../lib/temp";

/** Share of web chat's rate each webhook channel must reach (issue 17). */
const OF_WEBCHAT = 0.8;

/** Messages per second, and this process's CPU time per message (user + system, µs): the second does not move with the box's load. */
type Rate = { perSec: number; cpuMicros: number };
const shown = (r: Rate) => `${fmt.int(r.perSec)} msg/s, ${fmt.int(r.cpuMicros)} µs CPU/msg`;

/** Sums of what the timed blocks of one side took. */
type Tally = { messages: number; seconds: number; cpuMicros: number };
const sum = (blocks: Tally[]): Tally =>
  blocks.reduce((a, b) => ({ messages: a.messages + b.messages, seconds: a.seconds + b.seconds, cpuMicros: a.cpuMicros + b.cpuMicros }));
const rateOf = (t: Tally): Rate => ({ perSec: t.messages / t.seconds, cpuMicros: t.cpuMicros / t.messages });

/**
 * One channel's intake beside web chat's, in one engine: `engine.receiveRequest` (verify → parse →
 * intake → commit) in this process, `inFlight` closed-loop senders, the demo mix's requests as each
 * provider sends them, the demo flow (on every channel), background off as in (b), a fresh database.
 * The writer runs on its own thread, as in the server: a channel's verify and parse run beside intake,
 * not before it on one thread. The two sides take turns in blocks of `events` messages, ordered ABBA,
 * so that a drift of the box's load (or the database's growth) during the run weighs on both alike;
 * separate runs a minute apart moved one channel's ratio by ±30 % on this box. Each block's customers are new.
 */
async function inboundBesideWebchat(channel: WebhookChannel, events: number, inFlight: number, rounds: number, writerThread: string) {
  const tmp = tempDir(`in-${channel}`);
  try {
    const settings = settingsOf(channel);
    const engine = createEngine({ dbFile: tmp.db(), background: false, writerThread, channelSettings: { [channel]: settings } });
    await seedStaff(engine);
    await seedDemoFlow(engine, "en");
    const fake = await fakeOf(channel, settings);
    const cycles = Math.ceil(events / CYCLE);
    let block = 0;
    /** One block of one side: its requests built (and signed, as the provider does) before the clock and the CPU count start. */
    const run = async (side: WebhookChannel | "webchat") => {
      const requests = await mixRequests(engine, side, side === "webchat" ? null : fake, `b${block}`, cycles, block * cycles * 3);
      block++;
      const cpu = process.cpuUsage();
      const { seconds, latencies } = await closedLoop(inFlight, cycles, CYCLE, async (cycle, slot) => {
        const reply = await engine.receiveRequest(side, requests[cycle][slot]);
        const status = reply.kind === "json" ? reply.status : reply.answer.status;
        if (status >= 300) throw new Error(`${side}: answered ${status} ${JSON.stringify(reply)}`);
      });
      const { user, system } = process.cpuUsage(cpu);
      return { messages: latencies.length, seconds, cpuMicros: user + system };
    };
    await run("webchat"); // JIT, version cache
    await run(channel);
    const sides = { webchat: [] as Tally[], channel: [] as Tally[] };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (["webchat", channel] as const) : ([channel, "webchat"] as const);
      for (const side of order) (side === "webchat" ? sides.webchat : sides.channel).push(await run(side));
    }
    const taken = countInbound(engine);
    if (taken !== block * cycles * CYCLE) throw new Error(`${channel}: ${taken} messages committed, ${block * cycles * CYCLE} sent`);
    dropOutbox(engine);
    await engine.close();
    const perRound = sides.channel.map((c, i) => rateOf(c).perSec / rateOf(sides.webchat[i]).perSec).sort((a, b) => a - b);
    return { webchat: rateOf(sum(sides.webchat)), rate: rateOf(sum(sides.channel)), perRound };
  } finally {
    tmp.dispose();
  }
}

/**
 * Figure (f1): every webhook channel's intake beside web chat's, measured in the same engine in turns
 * (`rounds` blocks of each side). The ratio is of the two sides' totals; the rounds' spread is shown.
 */
export async function channelInbound(events: number, inFlight: number, rounds: number): Promise<Row[]> {
  const rows: Row[] = [];
  const webchat: Rate[] = [];
  const writerThread = await bundleWriterThread();
  for (const channel of WEBHOOK_CHANNELS) {
    const { webchat: reference, rate, perRound } = await inboundBesideWebchat(channel, events, inFlight, rounds, writerThread);
    webchat.push(reference);
    const ratio = rate.perSec / reference.perSec;
    rows.push({
      figure: `(f1) ${channel === "email" ? "email-webhook" : channel}: the same, its fake's signed webhooks, signature verified, in turns with web chat (${rounds} blocks each)`,
      value: shown(rate),
      ceiling: `${shown(reference)} webchat, same engine, in turns`,
      ratio: `${fmt.pct(ratio)} (blocks ${fmt.pct(perRound[0])}–${fmt.pct(perRound[perRound.length - 1])}) / ≥ ${fmt.pct(OF_WEBCHAT)}`,
      pass: ratio >= OF_WEBCHAT,
    });
  }
  const rates = webchat.map((r) => r.perSec).sort((a, b) => a - b);
  const cpu = webchat.map((r) => r.cpuMicros).sort((a, b) => a - b);
  const range = (v: number[], unit: string) => `${fmt.int(v[0])}–${fmt.int(v[v.length - 1])} ${unit}`;
  rows.unshift({
    figure: `(f1) webchat: engine.receiveRequest in-process, visitor token checked, demo mix, ${inFlight} in flight, writer on its thread, background off (beside each channel)`,
    value: `${range(rates, "msg/s")}, ${range(cpu, "µs CPU/msg")}`,
    ceiling: "—",
    ratio: "—",
  });
  return rows;
}
