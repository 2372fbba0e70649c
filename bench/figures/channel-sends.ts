import type { ChannelAdapter } from "../../engine/channels/channel";
import { installedChannels } from "../../engine/channels/registry";
import { createEngine } from "../../engine/index";
import { channelDeps } from "../../engine/testing/channel-deps";
import { ackFlow } from "../../engine/testing/flows";
import { serveFake, type ServedFake } from "../../engine/testing/serve-fake";
import { openDatabase } from "../../engine/store/db";
import { addressOf, dropOutbox, fakeOf, HTTP_SEND_CHANNELS, settingsOf } from "../lib/channel-traffic";
import { closedLoop } from "../lib/closed-loop";
import { fmt, type Row } from "../lib/report";
import { tempDir } from "../lib/temp";

const TARGET = 1000; // sends/s (issue 17)
const WEBHOOK_URL = "http://127.0.0.1:4600/api/channels/inbound";

/** The distinct errors of sends that failed and wait for a retry. */
function sendErrors(dbFile: string): string[] {
  const db = openDatabase(dbFile);
  try {
    return db.prepare(`SELECT DISTINCT lastError FROM "OutboxMessage" WHERE status = 'pending' AND lastError IS NOT NULL LIMIT 3`).pluck().all() as string[];
  } finally {
    db.close();
  }
}

/** Each HTTP channel's fake provider served on 127.0.0.1, with the channel's settings pointed at it. */
async function servedChannels() {
  return Promise.all(
    HTTP_SEND_CHANNELS.map(async (channel) => {
      const settings = settingsOf(channel);
      const fake = await fakeOf(channel, settings);
      const served: ServedFake = await serveFake(fake);
      return { channel, fake, served, settings: { ...settings, baseUrl: served.baseUrl } };
    }),
  );
}

/**
 * Figure (f3): sends queued in the outbox (one reply per customer message, `perChannel` customers on
 * each HTTP channel, all channels at once), then `engine.dispatch()` timed: each send through the
 * guarded client over real HTTP to the channel's fake provider, its outcome committed, at most
 * `concurrency` in flight per channel (the dispatcher's per-destination limit).
 * Ceiling: `adapter.send` to the same fakes with the same concurrency, nothing recorded.
 */
export async function channelSends(perChannel: number, concurrency: number): Promise<Row[]> {
  const tmp = tempDir("sends");
  const channels = await servedChannels();
  try {
    const engine = createEngine({
      dbFile: tmp.db(),
      background: false,
      channelSettings: Object.fromEntries(channels.map((c) => [c.channel, c.settings])),
      outbound: { allow: channels.map((c) => c.served.baseUrl.replace("http://", "")) },
      outbox: { perChannel: concurrency, total: concurrency * channels.length },
    });
    const { id } = await engine.flows.create("Acknowledge", ackFlow("Thanks, we got your message and are on it."));
    await engine.flows.publish(id);
    // The customers write first: providers refuse to message someone who never wrote (Telegram, Viber, WhatsApp's window).
    const writes = channels.flatMap(({ channel, fake }) =>
      Array.from({ length: perChannel }, (_, n) => ({ channel, request: fake.customerWrites({ address: addressOf(channel, n) }, "Hello", WEBHOOK_URL) })),
    );
    await closedLoop(100, writes.length, 1, (n) => engine.receiveRequest(writes[n].channel, writes[n].request));
    const sends = perChannel * channels.length;
    const started = performance.now();
    await engine.dispatch();
    const seconds = (performance.now() - started) / 1000;
    // A send that failed (a timeout on a busy box) waits for its retry's back-off: counted as not sent, its error shown.
    const taken = channels.reduce((sum, c) => sum + c.fake.deliveries().length, 0);
    const errors = sendErrors(engine.dbFile);
    dropOutbox(engine);
    await engine.close();
    const rate = taken / seconds;

    const adapters = channels.map((c) => ({
      ...c,
      adapter: installedChannels.get(c.channel)?.createAdapter(c.settings, channelDeps({ http: c.served.http })) as ChannelAdapter,
    }));
    const directStarted = performance.now();
    await Promise.all(
      adapters.map(({ channel, adapter }) =>
        closedLoop(concurrency, perChannel, 1, (n) =>
          adapter.send({
            key: `direct-${n}`,
            messageId: `direct-${n}`,
            conversationId: "bench",
            channel,
            address: addressOf(channel, n),
            text: "Thanks, we got it.",
          }),
        ),
      ),
    );
    const ceiling = sends / ((performance.now() - directStarted) / 1000);
    const names = channels.map((c) => c.channel).join(", ");
    return [
      {
        figure:
          `(f3) outbound: ${fmt.int(sends)} queued sends (${names}) over HTTP to their fakes, ${concurrency} in flight per channel, committed` +
          (taken < sends ? ` (${sends - taken} failed, left to retry: ${errors.join("; ")})` : ""),
        value: `${fmt.int(rate)} sends/s`,
        ceiling: `${fmt.int(ceiling)} sends/s adapter.send direct`,
        ratio: `${fmt.pct(rate / ceiling)}; ${fmt.int(rate)} / ≥ ${fmt.int(TARGET)} sends/s`,
        pass: rate >= TARGET,
      },
    ];
  } finally {
    await Promise.all(channels.map((c) => c.served.close()));
    tmp.dispose();
  }
}
