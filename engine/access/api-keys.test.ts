import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSecretBox } from "../credentials/secret-box";
import { openStore, type Store } from "../store/index";
import { fakeClock } from "../testing/fake-clock";
import { tempDb, type TempDb } from "../testing/temp-db";
import { createApiKeys } from "./api-keys";
import { signatureHeader } from "./signature";

let tmp: TempDb;
let store: Store;
const clock = fakeClock();
const box = createSecretBox(Buffer.alloc(32, 7));
const keys = () => createApiKeys(store.apiKeys, box, clock.now);
const request = (headers: Record<string, string>, body = "{}") => ({ headers, body: Buffer.from(body) });

beforeEach(() => {
  tmp = tempDb("omniflow-api-keys-");
  store = openStore(tmp.file);
});
afterEach(async () => {
  await store.close();
  tmp.remove();
});

describe("API keys", () => {
  it("returns the key and signing secret once; the database holds neither (only a hash and a sealed secret)", async () => {
    const created = keys().create({ name: "CRM", scopes: ["events", "events"] });
    expect(created.key).toMatch(/^omf_[0-9a-f]{16}_[0-9a-f]{64}$/);
    expect(created.scopes).toEqual(["events"]);
    const listed = await keys().list();
    expect(listed).toEqual([expect.objectContaining({ id: created.id, name: "CRM", prefix: created.key.slice(0, 24), scopes: ["events"], revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(created.key.slice(24));
    await store.close();
    const dump = [tmp.file, `${tmp.file}-wal`]
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString("latin1"))
      .join("");
    expect(dump).toContain(created.id);
    expect(dump).not.toContain(created.key.slice(24));
    expect(dump).not.toContain(created.signingSecret.slice(7));
    store = openStore(tmp.file);
  });

  it("authenticates a bearer key or a signature, within its scopes", () => {
    const api = keys();
    const hooks = api.create({ name: "Shop", scopes: ["hooks:order-shipped"] });
    const everyHook = api.create({ name: "ERP", scopes: ["hooks:*"] });
    expect(api.authenticate(request({ authorization: `Bearer ${hooks.key}` }), "hooks:order-shipped")).toEqual({ keyId: hooks.id });
    expect(api.authenticate(request({ authorization: `Bearer ${everyHook.key}` }), "hooks:anything")).toEqual({ keyId: everyHook.id });
    expect(() => api.authenticate(request({ authorization: `Bearer ${hooks.key}` }), "hooks:order-lost")).toThrow(
      expect.objectContaining({ status: 403, reason: "scope_not_granted" }),
    );
    expect(() => api.authenticate(request({ authorization: `Bearer ${hooks.key}` }), "events")).toThrow(expect.objectContaining({ status: 403 }));
    const body = '{"payload":{}}';
    const signed = signatureHeader(hooks.id, hooks.signingSecret, body, clock.now() / 1000);
    const bySignature = api.authenticate(request({ "omniflow-signature": signed }, body), "hooks:order-shipped");
    expect(bySignature).toEqual({ keyId: hooks.id, replayKey: expect.stringMatching(/^sig:\d+:[0-9a-f]{64}$/) });
    // The same request again has the same replay key; another body under another signature has another.
    expect(api.authenticate(request({ "omniflow-signature": signed }, body), "hooks:order-shipped").replayKey).toBe(bySignature.replayKey);
    const other = signatureHeader(hooks.id, hooks.signingSecret, "{}", clock.now() / 1000);
    expect(api.authenticate(request({ "omniflow-signature": other }, "{}"), "hooks:order-shipped").replayKey).not.toBe(bySignature.replayKey);
    const late = signatureHeader(hooks.id, hooks.signingSecret, body, clock.now() / 1000 + 301);
    expect(() => api.authenticate(request({ "omniflow-signature": late }, body), "hooks:order-shipped")).toThrow(
      expect.objectContaining({ reason: "signature_expired" }),
    );
    expect(() => api.authenticate(request({}), "events")).toThrow(expect.objectContaining({ status: 401, reason: "missing_credentials" }));
  });

  it("refuses a revoked key, and a signature by it", () => {
    const api = keys();
    const key = api.create({ name: "Old", scopes: ["events"] });
    api.revoke(key.id);
    api.revoke(key.id); // twice is fine
    expect(() => api.authenticate(request({ authorization: `Bearer ${key.key}` }), "events")).toThrow(expect.objectContaining({ reason: "key_revoked" }));
    const signed = signatureHeader(key.id, key.signingSecret, "{}", clock.now() / 1000);
    expect(() => api.authenticate(request({ "omniflow-signature": signed }), "events")).toThrow(expect.objectContaining({ reason: "key_revoked" }));
    expect(() => api.revoke("0123456789abcdef")).toThrow(expect.objectContaining({ code: "api-key.not-found" }));
  });

  it("records when a key was last used, at most once a minute", async () => {
    const api = keys();
    const key = api.create({ name: "CRM", scopes: ["events"] });
    const use = () => api.authenticate(request({ authorization: `Bearer ${key.key}` }), "events");
    const lastUsed = async () => (await api.list())[0].lastUsedAt?.getTime();
    expect(await lastUsed()).toBeUndefined();
    use();
    const first = clock.now();
    clock.advance(30_000);
    use();
    expect(await lastUsed()).toBe(first);
    clock.advance(30_000);
    use();
    expect(await lastUsed()).toBe(clock.now());
  });

  it("validates new keys: a name and known scopes", () => {
    expect(() => keys().create({ name: " ", scopes: ["events"] })).toThrow(expect.objectContaining({ name: "ZodError" }));
    expect(() => keys().create({ name: "x", scopes: [] })).toThrow(expect.objectContaining({ name: "ZodError" }));
    expect(() => keys().create({ name: "x", scopes: ["admin"] })).toThrow(expect.objectContaining({ name: "ZodError" }));
  });
});
