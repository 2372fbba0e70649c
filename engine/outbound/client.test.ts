import { subscribe, unsubscribe } from "node:diagnostics_channel";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { errorText } from "../contracts/error-texts";
import { errorWords } from "../contracts/errors";
import type { OutboundRequest } from "../contracts/outbound";
import { createOutboundClient, type Resolver } from "./client";

type Seen = { method?: string; url?: string; host?: string; authorization?: string; body: string };

/** A real server on 127.0.0.1 (ephemeral port) that records every request it gets. */
async function server(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const s = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, host: req.headers.host, authorization: req.headers.authorization, body });
      handler(req, res);
    });
  });
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  servers.push(s);
  return { seen, port, origin: `http://127.0.0.1:${port}` };
}
const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const call = (client: ReturnType<typeof createOutboundClient>, url: string, more: Partial<OutboundRequest> = {}) =>
  client({ url, method: "GET", headers: {}, body: null, signal: AbortSignal.timeout(5000), maxBodyBytes: 1024, ...more });

/** Sockets opened while `run` runs (net publishes every client socket on this channel). */
async function socketsDuring(run: () => Promise<unknown>) {
  let sockets = 0;
  const count = () => sockets++;
  subscribe("net.client.socket", count);
  try {
    await run().catch(() => {});
  } finally {
    unsubscribe("net.client.socket", count);
  }
  return sockets;
}

describe("the guarded outbound client", () => {
  it("refuses a redirect from an allowed host to an internal one it does not allow; the internal page is never asked for", async () => {
    const internal = await server((_req, res) => res.end("secret internal page"));
    const crm = await server((_req, res) => res.writeHead(302, { location: `${internal.origin}/internal` }).end());
    const client = createOutboundClient({ allow: [`127.0.0.1:${crm.port}`] });
    await expect(call(client, `${crm.origin}/orders`)).rejects.toMatchObject({
      name: "RequestRefused",
      message: expect.stringContaining(`127.0.0.1:${internal.port} is a loopback address`),
    });
    expect(crm.seen).toHaveLength(1);
    expect(internal.seen).toEqual([]);
  });

  it("refuses the metadata address without opening a connection or asking DNS", async () => {
    let asked = 0;
    const client = createOutboundClient({
      resolve: async () => {
        asked++;
        return [];
      },
    });
    let error: unknown;
    const sockets = await socketsDuring(() => call(client, "http://169.254.169.254/latest/meta-data").catch((e) => (error = e)));
    expect(error).toMatchObject({ name: "RequestRefused", message: expect.stringContaining("169.254.169.254 is the cloud metadata address") });
    expect(sockets).toBe(0);
    expect(asked).toBe(0);
    await expect(call(client, "http://[::ffff:169.254.169.254]/")).rejects.toMatchObject({ name: "RequestRefused" });
  });

  it("refuses a name that resolves to an internal address, after resolving it", async () => {
    const internal = await server((_req, res) => res.end("secret"));
    const client = createOutboundClient({ resolve: async () => [{ address: "127.0.0.1", family: 4 }] });
    await expect(call(client, `http://crm.example.test:${internal.port}/`)).rejects.toMatchObject({
      message: expect.stringContaining(`crm.example.test:${internal.port} resolves to 127.0.0.1, a loopback address`),
    });
    // One internal address among public ones is enough to refuse.
    const mixed = createOutboundClient({
      resolve: async () => [
        { address: "93.184.216.34", family: 4 },
        { address: "10.0.0.7", family: 4 },
      ],
    });
    await expect(call(mixed, "http://crm.example.test/")).rejects.toMatchObject({ message: expect.stringContaining("10.0.0.7, a private network address") });
    expect(internal.seen).toEqual([]);
  });

  it("words its refusals by code, so a person reads them in their language", async () => {
    const refusal = await call(createOutboundClient(), "http://10.0.0.7/").catch((e: unknown) => e as Error);
    expect(errorText(errorWords(refusal), "ru")).toBe(
      "Вызов 10.0.0.7 запрещён: это адрес частной сети. Внутренние адреса вызываются, только если они перечислены в OMNIFLOW_OUTBOUND_ALLOW",
    );
    const scheme = await call(createOutboundClient(), "ftp://files.example.com/").catch((e: unknown) => e as Error);
    expect(scheme).toMatchObject({ name: "RequestRefused", message: "refused to call ftp: URLs: only http and https" });
    expect(errorText(errorWords(scheme), "ru")).toBe("Адреса ftp: не вызываются: только http и https");
  });

  it("refuses localhost names without asking DNS", async () => {
    const internal = await server((_req, res) => res.end("secret"));
    const client = createOutboundClient();
    for (const host of ["localhost", "LOCALHOST.", "api.localhost"]) {
      await expect(call(client, `http://${host}:${internal.port}/`)).rejects.toMatchObject({ name: "RequestRefused" });
    }
    expect(internal.seen).toEqual([]);
  });

  it("connects to exactly the address it checked: an allowed name reaches the server its resolver named", async () => {
    const crm = await server((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'));
    let asked = 0;
    const resolve: Resolver = async () => {
      asked++;
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const client = createOutboundClient({ allow: ["crm.example.test"], resolve });
    // crm.example.test is not in any DNS: the answer can only come through the checked address.
    const answer = await call(client, `http://crm.example.test:${crm.port}/x`);
    expect(answer).toMatchObject({ status: 200, contentType: "application/json", text: '{"ok":true}', truncated: false });
    expect(crm.seen).toMatchObject([{ host: `crm.example.test:${crm.port}`, url: "/x" }]);
    expect(asked).toBe(1);
  });

  it("keeps a connection alive for the address it checked, checks again for every request, and never reuses it for another address", async () => {
    const crm = await server((_req, res) => res.writeHead(200).end("ok"));
    let answer = "127.0.0.1";
    const resolve: Resolver = async () => [{ address: answer, family: 4 }];
    const client = createOutboundClient({ allow: ["127.0.0.1", "127.0.0.2"], resolve });
    const url = `http://crm.example.test:${crm.port}/x`;
    expect(await socketsDuring(async () => expect((await call(client, url)).text).toBe("ok"))).toBe(1);
    expect(await socketsDuring(async () => expect((await call(client, url)).text).toBe("ok"))).toBe(0);
    // The name now resolves to an address the allow list does not name: refused, the open connection notwithstanding.
    answer = "10.0.0.7";
    await expect(call(client, url)).rejects.toThrow(/resolves to 10.0.0.7, a private network address/);
    // To another allowed address, where nothing listens: a new connection to it, refused, not the kept one.
    answer = "127.0.0.2";
    expect(await socketsDuring(() => expect(call(client, url)).rejects.toThrow(/ECONNREFUSED 127.0.0.2/))).toBe(1);
  });

  it("follows redirects as fetch does: 303 and POST after 302 become GET without the body; 307 keeps both", async () => {
    const api = await server((req, res) => {
      if (req.url === "/see-other") res.writeHead(303, { location: "/done" }).end();
      else if (req.url === "/found") res.writeHead(302, { location: "/done" }).end();
      else if (req.url === "/temporary") res.writeHead(307, { location: "/done" }).end();
      else res.end("done");
    });
    const client = createOutboundClient({ allow: [`127.0.0.1:${api.port}`] });
    const post = { method: "POST" as const, body: '{"a":1}', headers: { "content-type": "application/json" } };
    for (const path of ["/see-other", "/found", "/temporary"]) expect((await call(client, `${api.origin}${path}`, post)).text).toBe("done");
    expect(api.seen.map((s) => `${s.method} ${s.url} ${s.body}`)).toEqual([
      'POST /see-other {"a":1}',
      "GET /done ",
      'POST /found {"a":1}',
      "GET /done ",
      'POST /temporary {"a":1}',
      'POST /done {"a":1}',
    ]);
  });

  it("keeps credentials on the origin they were written for", async () => {
    const other = await server((_req, res) => res.end("other"));
    const crm = await server((_req, res) => res.writeHead(302, { location: `${other.origin}/` }).end());
    const client = createOutboundClient({ allow: ["127.0.0.1"] });
    await call(client, `${crm.origin}/`, { headers: { Authorization: "Bearer sk_live_1" } });
    expect(crm.seen[0].authorization).toBe("Bearer sk_live_1");
    expect(other.seen[0].authorization).toBeUndefined();
  });

  it("refuses a sixth redirect and redirects to other schemes", async () => {
    const loop = await server((req, res) => res.writeHead(302, { location: req.url === "/file" ? "file:///etc/passwd" : "/again" }).end());
    const client = createOutboundClient({ allow: ["127.0.0.1"] });
    await expect(call(client, `${loop.origin}/start`)).rejects.toMatchObject({
      name: "RequestRefused",
      message: expect.stringContaining("more than 5 redirects"),
    });
    expect(loop.seen).toHaveLength(6);
    await expect(call(client, `${loop.origin}/file`)).rejects.toMatchObject({ name: "RequestRefused", message: expect.stringContaining("file: URLs") });
    await expect(call(client, "ftp://example.com/")).rejects.toMatchObject({ name: "RequestRefused" });
  });

  it("keeps at most maxBodyBytes of a long answer and stops reading it", async () => {
    const big = await server((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      const chunk = "é".repeat(512); // two bytes each: the cap falls inside a character
      const write = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", write);
      };
      write();
    });
    const client = createOutboundClient({ allow: ["127.0.0.1"] });
    const answer = await call(client, big.origin, { maxBodyBytes: 1001 });
    expect(answer.truncated).toBe(true);
    expect(answer.text).toBe("é".repeat(500));
  });

  it("rejects with the signal's reason when the answer is late", async () => {
    const slow = await server(() => {});
    const client = createOutboundClient({ allow: ["127.0.0.1"] });
    await expect(call(client, slow.origin, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: "TimeoutError" });
  });
});
