/**
 * A channel's provider that honours idempotency keys, for crash tests: the engine may send a message
 * twice (at-least-once: a crash between the provider's accept and `done`), always under the same
 * key, and the provider shows the customer each key once. The test serves the driver
 * (`serveIdempotentDriver`); the server under test sends to it through `driverChannel`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ChannelAdapter } from "../channels/channel";
import { createOutboundClient } from "../outbound/client";
import { recordingChannel } from "./recording-channel";

/** One POST that reached the driver (repeats of a key included). */
export type DriverSend = { key: string; address: string; text: string; at: number };

export type IdempotentDriver = {
  url: string;
  /** Every send, in arrival order, repeats included. */
  readonly sends: DriverSend[];
  /** What the customers saw: the first send of each key. */
  delivered(): Map<string, DriverSend>;
  close(): Promise<void>;
};

/** Serves the driver on 127.0.0.1 (a free port). */
export async function serveIdempotentDriver(): Promise<IdempotentDriver> {
  const sends: DriverSend[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const key = req.headers["idempotency-key"];
    if (req.method !== "POST" || typeof key !== "string") return void res.writeHead(400).end();
    const { address, text } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { address: string; text: string };
    sends.push({ key, address, text, at: Date.now() });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: key }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`,
    sends,
    delivered() {
      const seen = new Map<string, DriverSend>();
      for (const send of sends) if (!seen.has(send.key)) seen.set(send.key, send);
      return seen;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The web chat (its requests parsed as the built-in adapter does, verification left to the test)
 * whose replies go to the driver at `url` through the guarded client, each under its idempotency
 * key. `beforeSend` runs as a send starts (a crash test's hook between commit and send).
 */
export function driverChannel(url: string, beforeSend?: () => void): ChannelAdapter {
  const client = createOutboundClient({ allow: [`127.0.0.1:${new URL(url).port}`] });
  const { channel, verify, parse } = recordingChannel();
  return {
    channel,
    verify,
    parse,
    async send(message) {
      beforeSend?.();
      const answer = await client({
        url,
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": message.key },
        body: JSON.stringify({ address: message.address, text: message.text }),
        signal: AbortSignal.timeout(10_000),
        maxBodyBytes: 1024,
      });
      if (answer.status !== 200) throw new Error(`the driver answered ${answer.status}`);
      return { providerMessageId: message.key };
    },
  };
}
