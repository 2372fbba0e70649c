import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER } from "../contracts/access";
import { testDb } from "../testing/test-db";
import { useTestEngine } from "../testing/test-engine";

const PASSWORD = "correct horse battery";
const t = useTestEngine(async ({ engine }) => {
  await engine.staff.ensure({ id: "ann", name: "Ann", email: "ann@example.test", role: "owner", skills: [] });
  await engine.signIn.setPassword("ann", PASSWORD);
});

/** better-auth behind a real node:http server, as server.ts mounts it (the client address set by the server). */
let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    req.headers[CLIENT_IP_HEADER] = String(req.headers["x-test-client"] ?? "10.0.0.1");
    void t.engine.signIn.handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const signIn = (email: string, password: string, client = "10.0.0.1") =>
  fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, "x-test-client": client },
    body: JSON.stringify({ email, password }),
  });

const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

describe("staff sign-in", () => {
  it("signs a person in with an httpOnly session cookie; the session names them and their role", async () => {
    const response = await signIn("ann@example.test", PASSWORD);
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().join()).toMatch(/HttpOnly/i);
    const who = await t.engine.signIn.session(new Headers({ cookie: cookieOf(response), host: new URL(base).host }));
    expect(who).toMatchObject({ id: "ann", role: "owner", name: "Ann" });
    expect(t.engine.audit.list({}).rows[0]).toMatchObject({ action: "auth.sign-in", outcome: "ok", actorId: "ann" });
  });

  it("refuses a wrong password, keeps the password only as a hash, and records the failure", async () => {
    expect((await signIn("ann@example.test", "wrong password")).status).toBe(401);
    const stored = testDb(t.engine).prepare(`SELECT password FROM "Account" WHERE userId = 'ann'`).get() as { password: string };
    expect(stored.password).not.toContain(PASSWORD);
    expect(t.engine.audit.list({}).rows[0]).toMatchObject({ action: "auth.sign-in-failed", outcome: "failed" });
  });

  it("has no sign-up: nobody creates their own account", async () => {
    const response = await fetch(`${base}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ email: "eve@example.test", password: "eve-password-1", name: "Eve" }),
    });
    expect(response.ok).toBe(false);
    expect(testDb(t.engine).prepare(`SELECT count(*) AS n FROM "Operator" WHERE email = 'eve@example.test'`).get()).toEqual({ n: 0 });
  });

  it("stops guessing: after 10 failed sign-ins a minute for one account from one address, the next is 429, right password or not", async () => {
    const answers: number[] = [];
    for (let i = 0; i < 10; i++) answers.push((await signIn("ann@example.test", `guess ${i}`, "10.9.9.9")).status);
    expect(answers.every((s) => s === 401)).toBe(true);
    const held = await signIn("ann@example.test", PASSWORD, "10.9.9.9");
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(50);
    expect((await held.json()).message).toMatch(/^Too many failed sign-ins for this account from here: try again in \d+ s\.$/);
    // Another address is not held up.
    expect((await signIn("ann@example.test", PASSWORD, "10.9.9.10")).status).toBe(200);
  });

  it("does not count successes: a shift signing in from one office address all get in", async () => {
    await t.engine.staff.ensure({ id: "bob", name: "Bob", email: "bob@example.test", role: "operator", skills: [] });
    await t.engine.signIn.setPassword("bob", PASSWORD);
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await signIn(i % 2 ? "ann@example.test" : "bob@example.test", PASSWORD, "10.7.7.7")).status);
    expect(answers).toEqual(Array(12).fill(200));
    // A colleague's mistyped passwords from the same office hold only their own account there.
    for (let i = 0; i < 10; i++) await signIn("bob@example.test", `typo ${i}`, "10.7.7.7");
    expect((await signIn("bob@example.test", PASSWORD, "10.7.7.7")).status).toBe(429);
    expect((await signIn("ann@example.test", PASSWORD, "10.7.7.7")).status).toBe(200);
  });

  it("ends a session when it expires", async () => {
    const cookie = cookieOf(await signIn("ann@example.test", PASSWORD, "10.0.0.2"));
    expect(await t.engine.signIn.session(new Headers({ cookie, host: new URL(base).host }))).not.toBeNull();
    testDb(t.engine)
      .prepare(`UPDATE "Session" SET expiresAt = ?`)
      .run(new Date(Date.now() - 1000).toISOString());
    expect(await t.engine.signIn.session(new Headers({ cookie, host: new URL(base).host }))).toBeNull();
  });
});
