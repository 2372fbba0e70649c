import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RawRequest } from "../engine/channels/channel";
import type { ChannelReply } from "../engine/index";
import { handleIngress, type IngressEngine } from "./ingress-routes";

/** A stand-in façade: records the raw requests and answers what the test queued. */
const seen: { channel: string; request: RawRequest }[] = [];
let next: ChannelReply;
const engine = {
  async receiveRequest(channel: string, request: RawRequest) {
    seen.push({ channel, request });
    return next;
  },
} as unknown as IngressEngine;

let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => void handleIngress(engine, req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("channel routes (raw requests to the engine)", () => {
  it("hands the engine the request as sent: method, absolute URL, lower-case headers, raw bytes", async () => {
    next = { kind: "json", status: 202, body: { status: "accepted" } };
    const bytes = "Body=hi%20there&From=%2B100";
    const res = await fetch(`${base}/api/channels/sms/inbound?x=1`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Signature": "abc" },
      body: bytes,
    });
    expect(res.status).toBe(202);
    const { channel, request } = seen.at(-1)!;
    expect(channel).toBe("sms");
    expect(request).toMatchObject({
      method: "POST",
      url: `${base}/api/channels/sms/inbound?x=1`,
      headers: { "content-type": "application/x-www-form-urlencoded", "x-signature": "abc" },
    });
    expect(request.body.toString("utf8")).toBe(bytes);
  });

  it("writes refusals as JSON errors and passes handshake answers through as the adapter wrote them", async () => {
    next = { kind: "json", status: 401, body: { error: "invalid_signature", message: "bad token" } };
    const refused = await fetch(`${base}/api/channels/sms/inbound`, { method: "POST", body: "{}" });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await refused.json()).toEqual({ error: "invalid_signature", message: "bad token" });

    next = { kind: "answer", answer: { status: 200, contentType: "text/plain", body: "challenge-42" } };
    const handshake = await fetch(`${base}/api/channels/sms/inbound?hub.challenge=challenge-42`);
    expect(handshake.status).toBe(200);
    expect(handshake.headers.get("content-type")).toBe("text/plain");
    expect(await handshake.text()).toBe("challenge-42");
    expect(seen.at(-1)!.request).toMatchObject({ method: "GET" });
  });
});
