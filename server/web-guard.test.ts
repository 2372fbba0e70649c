import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardRequest, hostAllowed, hostName } from "./web-guard";

/** The guard in front of a handler that answers 200, as server.ts puts it in front of every route. */
let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (guardRequest(req, res, { allowedHosts: ["localhost", "127.0.0.1", "omniflow.example.com"], dev: false })) res.writeHead(200).end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A raw request (fetch would not let us set Host), answered with status, headers and body. */
function send(path: string, { method = "GET", headers = {}, body = "" }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, headers: { host: `localhost:${port}`, ...headers } }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("web guard", () => {
  it("refuses a Host the app does not answer on (DNS rebinding) with a JSON 421, and serves its own names", async () => {
    const foreign = await send("/", { headers: { host: "attacker.example" } });
    expect(foreign.status).toBe(421);
    expect(JSON.parse(foreign.body)).toMatchObject({ error: "host_not_allowed" });
    expect((await send("/")).status).toBe(200);
    expect((await send("/", { headers: { host: "omniflow.example.com" } })).status).toBe(200);
    expect((await send("/", { headers: { host: "localhost.attacker.example" } })).status).toBe(421);
  });

  it("sends security headers on every answer, refusals included", async () => {
    for (const answer of [await send("/"), await send("/", { headers: { host: "attacker.example" } })]) {
      expect(answer.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(answer.headers["x-frame-options"]).toBe("DENY");
      expect(answer.headers["x-powered-by"]).toBeUndefined();
    }
  });

  it("accepts a change from the app's own pages only (Origin or Sec-Fetch-Site), not from another site", async () => {
    const mutation = { method: "POST", body: "{}", headers: { "content-type": "application/json" } };
    const evil = await send("/api/trpc/flows.delete", { ...mutation, headers: { ...mutation.headers, origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body)).toMatchObject({ error: "cross_origin" });
    expect((await send("/api/trpc/flows.delete", mutation)).status).toBe(403); // neither header: not a page of ours
    expect((await send("/api/trpc/flows.delete", { ...mutation, headers: { ...mutation.headers, origin: `http://localhost:${port}` } })).status).toBe(200);
    expect((await send("/api/trpc/flows.delete", { ...mutation, headers: { ...mutation.headers, "sec-fetch-site": "same-origin" } })).status).toBe(200);
    // Machine routes are called by other systems: they authenticate themselves instead.
    expect((await send("/api/events", { ...mutation, headers: { ...mutation.headers, origin: "https://crm.example" } })).status).toBe(200);
  });

  it("limits the app's request bodies before anything reads them", async () => {
    const origin = `http://localhost:${port}`;
    const big = await send("/api/auth/sign-in/email", { method: "POST", headers: { origin, "content-type": "application/json" }, body: "x".repeat(17 * 1024) });
    expect(big.status).toBe(413);
    const chunked = await send("/api/trpc/flows.saveDraft", { method: "POST", headers: { origin, "transfer-encoding": "chunked" }, body: "{}" });
    expect(chunked.status).toBe(411);
  });

  it("reads host names with ports and IPv6 brackets, and wildcard sub-domains", () => {
    expect(hostName("[::1]:3000")).toBe("[::1]");
    expect(hostName("Example.COM:443")).toBe("example.com");
    expect(hostName("a b")).toBeNull();
    expect(hostAllowed("crm.example.com", ["*.example.com"])).toBe(true);
    expect(hostAllowed("example.com.evil", ["*.example.com"])).toBe(false);
  });
});
