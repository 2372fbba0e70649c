/**
 * Serves a channel's fake provider on 127.0.0.1 so an adapter test calls it over real HTTP, through
 * the guarded client (allowed to reach loopback), exactly as it would call the provider.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ProviderFake } from "../channels/provider-fake";
import type { OutboundHttp, OutboundMethod } from "../contracts/outbound";
import { createOutboundClient } from "../outbound/client";

export type ServedFake = { baseUrl: string; http: OutboundHttp; close(): Promise<void> };

export async function serveFake(fake: ProviderFake): Promise<ServedFake> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
    const body = chunks.length ? Buffer.concat(chunks).toString("utf8") : null;
    const answer = await fake.answer({ url: `http://127.0.0.1${req.url}`, method: req.method as OutboundMethod, headers, body });
    res.writeHead(answer.status, { "content-type": answer.contentType }).end(answer.text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    http: createOutboundClient({ allow: [`127.0.0.1:${port}`] }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
