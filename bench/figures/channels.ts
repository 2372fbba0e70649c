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

/**
 * One channel's intake rate: `engine.receiveRequest` (verify → parse → intake → commit) in this
 * process, `inFlight` closed-loop senders, the demo mix's requests as the provider sends them,
 * the demo flow on any channel, background off as in (b); a fresh database per channel.
 */
async function inboundRate(channel: WebhookChannel | "webchat", events: number, inFlight: number): Promise<number> {
  const tmp = tempDir(`in-${channel}`);
  try {
    const settings = channel === "webchat" ? null : settingsOf(channel);
    const engine = createEngine({ dbFile: tmp.db(), background: false, ...(settings && { channelSettings: { [channel]: settings } }) });
    await seedStaff(engine);
    await publishDemoOnAnyChannel(engine);
    const fake = settings && channel !== "webchat" ? await fakeOf(channel, settings) : null;
    const cycles = Math.ceil(events / CYCLE);
    const warmCycles = Math.ceil(cycles / 10);
    const run = async (prefix: string, n: number, first: number) => {
      const requests = await mixRequests(engine, channel, fake, prefix, n, first);
      return closedLoop(inFlight, n, CYCLE, async (cycle, slot) => {
        const reply = await engine.receiveRequest(channel, requests[cycle][slot]);
        const status = reply.kind === "json" ? reply.status : reply.answer.status;
        if (status >= 300) throw new Error(`${channel}: answered ${status} ${JSON.stringify(reply)}`);
      });
    };
    await run("warm", warmCycles, 0); // JIT, version cache
    const { seconds, latencies } = await run("ev", cycles, warmCycles * 3);
    const taken = countInbound(engine);
    if (taken !== (cycles + warmCycles) * CYCLE) throw new Error(`${channel}: ${taken} messages committed, ${(cycles + warmCycles) * CYCLE} sent`);
    dropOutbox(engine);
    await engine.close();
    return latencies.length / seconds;
  } finally {
    tmp.dispose();
  }
}

/**
 * Figure (f1): every webhook channel's intake beside web chat's, measured the same way in this run.
 * Web chat runs first and again last; the higher of the two is the reference, so drift during the
 * run (a busy shared box) cannot make a channel look better than it is.
 */
export async function channelInbound(events: number, inFlight: number): Promise<Row[]> {
  const first = await inboundRate("webchat", events, inFlight);
  const rates = new Map<WebhookChannel, number>();
  for (const channel of WEBHOOK_CHANNELS) rates.set(channel, await inboundRate(channel, events, inFlight));
  const last = await inboundRate("webchat", events, inFlight);
  const webchat = Math.max(first, last);
  const rows: Row[] = [
    {
      figure: `(f1) webchat: engine.receiveRequest in-process, visitor token checked, demo mix, ${inFlight} in flight, background off (first / last)`,
      value: `${fmt.int(first)} / ${fmt.int(last)} msg/s`,
      ceiling: "—",
      ratio: "—",
    },
  ];
  for (const [channel, rate] of rates) {
    rows.push({
      figure: `(f1) ${channel === "email" ? "email-webhook" : channel}: the same, its fake's signed webhooks, signature verified`,
      value: `${fmt.int(rate)} msg/s`,
      ceiling: `${fmt.int(webchat)} msg/s webchat`,
      ratio: `${fmt.pct(rate / webchat)} / ≥ ${fmt.pct(OF_WEBCHAT)}`,
      pass: rate / webchat >= OF_WEBCHAT,
    });
  }
  return rows;
}
