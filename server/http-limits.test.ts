import type http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { readBody, reply, replyError } from "./http-kit";
import { createBoundedServer, DEFAULT_SERVER_LIMITS, serverLimitsFromEnv, type ServerLimits } from "./http-limits";
import { rawExchange } from "./raw-socket";

let server: http.Server;
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A bounded server whose one route reads the body (with `deadlineMs`) and echoes its size. */
async function start(limits: Partial<ServerLimits> = {}, deadlineMs = 10_000): Promise<number> {
  server = createBoundedServer(
    (req, res) => {
      readBody(req, deadlineMs).then(
        (body) => reply(res, 200, { bytes: body.length }),
        (error) => replyError(res, error),
      );
    },
    { ...DEFAULT_SERVER_LIMITS, ...limits },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

describe("the server's own bounds (real sockets)", () => {
  it("answers a well-formed request", async () => {
    const port = await start();
    const answer = await rawExchange(port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    expect(answer).toMatchObject({ status: 200, body: { bytes: 2 } });
  });

  it("closes a connection whose headers never finish, with a JSON 408", async () => {
    const port = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const answer = await rawExchange(port, "POST / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    expect(answer).toMatchObject({ status: 408, body: { error: "request_timeout" } });
    expect(answer.closedAfterMs).toBeLessThan(2_500);
  });

  it("closes a connection that says nothing at all", async () => {
    const port = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const answer = await rawExchange(port, "");
    expect(answer.closedAfterMs).toBeLessThan(2_500);
  });

  it("answers a Content-Length longer than the body with a JSON 408 at the body deadline, not after the request timeout", async () => {
    const port = await start({}, 300);
    const answer = await rawExchange(port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{}");
    expect(answer).toMatchObject({ status: 408, body: { error: "body_timeout" } });
    expect(answer.closedAfterMs).toBeLessThan(2_000);
  });

  it("ends a request that outlasts the request timeout with a JSON 408", async () => {
    const port = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const answer = await rawExchange(port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{}");
    expect(answer).toMatchObject({ status: 408, body: { error: "request_timeout" } });
    expect(answer.closedAfterMs).toBeLessThan(2_500);
  });

  it.each([
    ["a garbage request line", "\x00\x01hello\r\n\r\n"],
    ["a header without a colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n"],
    ["a bad chunk size", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n"],
    ["both Content-Length and chunked", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"],
  ])("answers %s with a JSON 400", async (_name, bytes) => {
    const port = await start();
    expect(await rawExchange(port, bytes)).toMatchObject({ status: 400, body: { error: "bad_request" } });
  });

  it("answers headers over the parser's limit with a JSON 431", async () => {
    const port = await start();
    const answer = await rawExchange(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatchObject({ status: 431, body: { error: "headers_too_large" } });
  });

  it("drops connections past the cap", async () => {
    const port = await start({ maxConnections: 2 });
    const held = [net.connect(port, "127.0.0.1"), net.connect(port, "127.0.0.1")];
    await Promise.all(held.map((s) => new Promise((resolve) => s.once("connect", resolve))));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const third = await rawExchange(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 2_000);
    expect(third.status).toBeNull();
    expect(third.closedAfterMs).toBeLessThan(1_000);
    for (const s of held) s.destroy();
  });

  it("reads the connection cap from OMNIFLOW_MAX_CONNECTIONS, ignoring nonsense", () => {
    expect(serverLimitsFromEnv({ OMNIFLOW_MAX_CONNECTIONS: "50" }).maxConnections).toBe(50);
    expect(serverLimitsFromEnv({ OMNIFLOW_MAX_CONNECTIONS: "-3" }).maxConnections).toBe(DEFAULT_SERVER_LIMITS.maxConnections);
    expect(serverLimitsFromEnv({}).maxConnections).toBe(DEFAULT_SERVER_LIMITS.maxConnections);
    expect(serverLimitsFromEnv({}).headersTimeoutMs).toBe(10_000);
  });
});
