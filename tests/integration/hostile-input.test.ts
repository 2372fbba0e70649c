/**
 * Hostile requests against the machine routes through the real server stack (bounded server, web
 * guard, ingress routes) on real SQLite: every refusal is a 4xx JSON naming the field or limit,
 * nothing is written, nothing is logged as our failure.
 */
import type http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_JSON_DEPTH } from "../../engine/contracts/json-body";
import { testApiKey } from "../../engine/testing/api-keys";
import { runSeed, seededRandom } from "../../engine/testing/seeded-random";
import { reportSoakRow, soakSized } from "../../engine/testing/soak-report";
import { countRows, openTestEngine, publishFlow, tempDb, type TestEngine } from "../../engine/testing/test-engine";
import { orderShippedFlow } from "../../engine/testing/flows";
import { createBoundedServer } from "../../server/http-limits";
import { handleIngress } from "../../server/ingress-routes";
import { rawExchange } from "../../server/raw-socket";
import { guardRequest } from "../../server/web-guard";
import { seedDemo } from "../../prisma/seed";

/** Generated requests per machine route: 250 in `npm test`, 2,000 under `npm run soak` (HOSTILE_PER_ROUTE sets it). */
const PER_ROUTE = Number(process.env.HOSTILE_PER_ROUTE) || soakSized(250, 2_000);
/** What the server's process may grow by while it refuses them all (it runs in this test's process). */
const MAX_RSS_GROWTH_MIB = 100;

let tmp: ReturnType<typeof tempDb>;
let t: TestEngine;
let server: http.Server;
let port: number;
let auth: Record<string, string>;
const errors = vi.spyOn(console, "error");

beforeAll(async () => {
  tmp = tempDb("omniflow-hostile-");
  t = openTestEngine(tmp.file);
  await seedDemo(t.engine);
  await publishFlow(t.engine, "Shipped", orderShippedFlow);
  auth = testApiKey(t.engine).headers;
  server = createBoundedServer((req, res) => {
    if (!guardRequest(req, res, { allowedHosts: ["127.0.0.1"], dev: false })) return;
    if (!handleIngress(t.engine, req, res)) res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.engine.close();
  tmp.remove();
});

const written = () => ["InboxMessage", "Message", "Customer", "Instance", "OutboxMessage"].map((table) => countRows(t.engine, table));

type Hostile = { method?: string; path: string; type?: string; body?: string | Buffer; headers?: Record<string, string> };

/** Sends the request as raw bytes (so nothing on the way fixes it up) and returns the answer. */
function send({ method = "POST", path, type = "application/json", body = "", headers = {} }: Hostile) {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  const lines = [`${method} ${path} HTTP/1.1`, "Host: 127.0.0.1", `Content-Length: ${bytes.length}`, "Connection: close"];
  if (type) lines.push(`Content-Type: ${type}`);
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return rawExchange(port, Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`), bytes]));
}

/** Valid bodies for each machine route, to be spoiled. */
const ROUTES = {
  "/api/channels/webchat/inbound": () => ({ visitorId: "v-hostile", messageId: "m-hostile", text: "hello" }),
  "/api/events": () => ({
    eventId: "ev-hostile",
    name: "card.transaction",
    customer: { channel: "webchat", address: "v-hostile" },
    payload: { transactionId: "t-1", amount: 950, currency: "EUR", country: "France" },
  }),
  "/api/hooks/order-shipped": () => ({ payload: { orderId: "A-1" }, customer: { channel: "webchat", address: "v-hostile" } }),
};
type Route = keyof typeof ROUTES;
const headersFor = (path: string) => (path.startsWith("/api/channels") ? {} : auth);
const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("hostile input on the machine routes", () => {
  it.each(Object.keys(ROUTES) as Route[])("refuses a 5,000-level JSON body inside 64 KiB on %s with 400 naming the depth limit", async (path) => {
    const before = written();
    const body = JSON.stringify({ ...ROUTES[path](), deep: "DEEP" }).replace('"DEEP"', nested(5_000));
    const answer = await send({ path, body, headers: headersFor(path) });
    expect(answer).toMatchObject({ status: 400, body: { error: "json_too_deep", message: expect.stringContaining(String(MAX_JSON_DEPTH)) } });
    expect(written()).toEqual(before);
  });

  it("counts depth outside strings only: brackets inside a text are just text", async () => {
    const body = JSON.stringify({ visitorId: "v-brackets", messageId: "m-brackets", text: "[".repeat(200) });
    expect((await send({ path: "/api/channels/webchat/inbound", body })).status).toBe(202);
  });

  it.each(["/api/hooks/%ZZ", "/api/hooks/%E0%A4%A", "/api/hooks/order-%FF", "/api/channels/%ZZ/inbound"])(
    "refuses the malformed path %s with 400",
    async (path) => {
      const before = written();
      const answer = await send({ path, body: JSON.stringify(ROUTES["/api/hooks/order-shipped"]()), headers: auth });
      expect(answer).toMatchObject({ status: 400, body: { error: "invalid_path" } });
      expect(written()).toEqual(before);
    },
  );

  it("refuses invalid UTF-8 instead of replacing it, so `id-\\xff` and `id-\\xfe` cannot become one message", async () => {
    const before = written();
    const body = (byte: number) => Buffer.concat([Buffer.from('{"visitorId":"v-utf","messageId":"id-'), Buffer.from([byte]), Buffer.from('","text":"hello"}')]);
    for (const byte of [0xff, 0xfe]) {
      expect(await send({ path: "/api/channels/webchat/inbound", body: body(byte) })).toMatchObject({ status: 400, body: { error: "invalid_utf8" } });
    }
    expect(written()).toEqual(before);
    // The same ids as real characters are two messages.
    for (const id of ["id-ÿ", "id-þ"]) {
      const answer = await send({ path: "/api/channels/webchat/inbound", body: JSON.stringify({ visitorId: "v-utf", messageId: id, text: "hi" }) });
      expect(answer.body).toMatchObject({ status: "accepted", duplicate: false });
    }
  });

  it(`answers ${PER_ROUTE} generated hostile requests per machine route with 4xx JSON, never 5xx, writing nothing, logging nothing`, async () => {
    const seed = Number(process.env.HOSTILE_SEED) || runSeed();
    console.log(`hostile input seed ${seed} (HOSTILE_SEED=${seed} repeats it)`);
    const random = seededRandom(seed);
    const before = written();
    errors.mockClear();
    const failures: string[] = [];
    let serverErrors = 0;
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    for (const path of Object.keys(ROUTES) as Route[]) {
      for (let i = 0; i < PER_ROUTE; i++) {
        const [kind, request] = hostile(path, random);
        const answer = await send(request);
        const ok =
          answer.status !== null &&
          answer.status >= 400 &&
          answer.status < 500 &&
          typeof answer.body?.error === "string" &&
          /application\/json/.test(answer.text);
        if (!ok) failures.push(`${path} ${kind}: ${answer.text.slice(0, 200)}`);
        if (answer.status !== null && answer.status >= 500) serverErrors++;
        if (i % 50 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }
    }
    const rows = written().reduce((sum, n, i) => sum + n - before[i], 0);
    const growthMib = (rssPeak - rssBefore) / 2 ** 20;
    const routes = Object.keys(ROUTES).length;
    reportSoakRow({
      test: "hostile input",
      faults: `${(PER_ROUTE * routes).toLocaleString("en")} generated requests (${routes} machine routes)`,
      events: PER_ROUTE * routes,
      lost: null,
      duplicated: null,
      late: null,
      note: `seed ${seed}: ${failures.length} answers not a 4xx JSON, ${serverErrors} × 5xx, ${rows} rows written, RSS +${growthMib.toFixed(1)} MiB`,
    });
    expect(failures).toEqual([]);
    expect(written()).toEqual(before);
    expect(errors).not.toHaveBeenCalled();
    expect(growthMib).toBeLessThan(MAX_RSS_GROWTH_MIB);
  }, 300_000);
});

/** One spoiled request for `path`: what was done to it, and the request. */
function hostile(path: Route, random: () => number): [string, Hostile] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const valid = ROUTES[path]();
  const headers = headersFor(path);
  const text = JSON.stringify(valid);
  const spoilers: [string, () => Hostile][] = [
    ["random bytes", () => ({ path, headers, body: Buffer.from(Array.from({ length: 1 + Math.floor(random() * 300) }, () => Math.floor(random() * 256))) })],
    ["deep JSON", () => ({ path, headers, body: text.replace(/"[^"]*"(?=[,}])/, nested(MAX_JSON_DEPTH + 1 + Math.floor(random() * 8_000))) })],
    ["huge number", () => ({ path, headers, body: text.replace(/"[^"]*"(?=[,}])/, pick(["1e999", "-1e999", "9".repeat(400), "1".repeat(5_000)])) })],
    [
      "bad UTF-8",
      () => {
        const bytes = Buffer.from(text);
        const at = text.indexOf('"', 2) + 1; // inside the first string value or key
        const bad = pick([[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80]]);
        return { path, headers, body: Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]) };
      },
    ],
    [
      "wrong content type",
      () => ({
        path,
        headers,
        body: text,
        type: pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", ""]),
      }),
    ],
    ["wrong method", () => ({ path, headers, method: pick(["GET", "PUT", "DELETE", "PATCH"]), body: text })],
    ["truncated JSON", () => ({ path, headers, body: text.slice(0, Math.floor(random() * text.length)) })],
    [
      "wrong shape",
      () => ({
        path,
        headers,
        body: pick([
          "null",
          "[]",
          '"text"',
          "42",
          "{}",
          '{"__proto__":{"x":1}}',
          JSON.stringify(Object.fromEntries(Object.keys(valid).map((key) => [key, []]))),
        ]),
      }),
    ],
    ["bad escape in the path", () => ({ path: `${path}${pick(["%", "%Z", "%ZZ", "%FF", "%C0%80"])}`, headers, body: text })],
  ];
  const [kind, make] = pick(spoilers);
  return [kind, make()];
}
