import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as z from "zod";
import type { ChannelModule } from "../channels/channel";
import type { ProviderFake, ProviderFakeModule } from "../channels/provider-fake";
import type { Channel } from "../contracts/events";
import { createSecretBox } from "../credentials/secret-box";
import { openStore, type Store } from "../store/index";
import { channelDeps } from "../testing/channel-deps";
import { tempDb } from "../testing/temp-db";
import { createChannelSetup } from "./setup";
import { createSandbox } from "./sandbox";

/** A provider with a token, a signing secret and a fake that takes what it is sent. */
const settingsSchema = z.object({ token: z.string().min(8), secret: z.string().min(8), sender: z.string().default("Omniflow") }).strict();
const smsModule: ChannelModule = {
  settingsSchema,
  secretSettings: ["token", "secret"],
  sandboxSettings: () => ({ token: "sandbox-token", secret: "sandbox-secret" }),
  createAdapter(settings, deps) {
    const s = settingsSchema.parse(settings);
    return {
      channel: "sms",
      verify: (request) => (request.headers["x-secret"] === s.secret ? { ok: true } : { ok: false, reason: "bad secret" }),
      parse: (request) => ({ kind: "events", statuses: [], messages: [{ channel: "sms", ...JSON.parse(request.body.toString()), name: null }] }),
      async send(message) {
        const answer = await deps.http({
          url: "https://provider.example/send",
          method: "POST",
          headers: { authorization: s.token },
          body: JSON.stringify({ to: message.address, text: message.text }),
          signal: AbortSignal.timeout(1_000),
          maxBodyBytes: 1_000,
        });
        if (answer.status !== 200) throw new Error(answer.text);
        return { providerMessageId: JSON.parse(answer.text).id };
      },
    };
  },
};
const fakeModule: ProviderFakeModule = {
  createFake(settings): ProviderFake {
    const { token, secret } = settingsSchema.parse(settings);
    const taken: ReturnType<ProviderFake["deliveries"]> = [];
    const json = (status: number, body: unknown) => ({ status, url: "", contentType: "application/json", text: JSON.stringify(body), truncated: false });
    return {
      channel: "sms",
      async answer(request) {
        if (request.headers.authorization !== token) return json(401, { error: "bad token" });
        const { to, text } = JSON.parse(request.body ?? "{}");
        taken.push({ providerMessageId: `p${taken.length + 1}`, address: to, text, buttons: [], at: Date.now() });
        return json(200, { id: `p${taken.length}` });
      },
      deliveries: () => [...taken],
      customerWrites: (customer, text, url) => ({
        method: "POST",
        url,
        headers: { "x-secret": secret },
        body: Buffer.from(JSON.stringify({ providerMessageId: `in-${text}`, address: customer.address, text })),
      }),
    };
  },
};

describe("channel set-up (real SQLite)", () => {
  let tmp: ReturnType<typeof tempDb>;
  let store: Store;
  const secrets = createSecretBox(Buffer.alloc(32, 7));
  const modules = new Map<Channel, ChannelModule>([["sms", smsModule]]);
  const open = (sandboxByDefault: boolean) =>
    createChannelSetup({
      repo: store.channelSettings,
      secrets,
      modules,
      loadFake: async () => fakeModule,
      deps: channelDeps(),
      sandboxByDefault,
      clock: () => 1_000,
    });
  beforeEach(() => {
    tmp = tempDb("omniflow-channel-setup-");
    store = openStore(tmp.file);
  });
  afterEach(async () => {
    await store.close();
    tmp.remove();
  });

  it("leaves a channel without settings off, or sandboxed in the demo", () => {
    expect(open(false).adapters.has("sms")).toBe(false);
    expect(open(false).list()[0]).toMatchObject({ channel: "sms", mode: "off", sandboxable: true, needsSettings: true });
    expect(open(true).adapters.has("sms")).toBe(true);
    expect(open(true).list()[0].mode).toBe("sandbox");
  });

  it("goes live with sealed secrets that never come back out, and keeps a secret left blank", () => {
    const setup = open(false);
    setup.configure({ channel: "sms", settings: { token: "live-token-1", secret: "live-secret-1", sender: "Bank" } });
    expect(setup.adapters.has("sms")).toBe(true);
    const row = store.channelSettings.all()[0];
    expect(row).toMatchObject({ channel: "sms", mode: "live", settings: JSON.stringify({ sender: "Bank" }) });
    expect(row.sealedSecrets).not.toContain("live-token-1");
    const fields = setup.list()[0].fields;
    expect(fields).toEqual([
      { name: "token", type: "string", required: true, secret: true, value: null, set: true },
      { name: "secret", type: "string", required: true, secret: true, value: null, set: true },
      { name: "sender", type: "string", required: false, secret: false, value: "Bank", set: false },
    ]);
    expect(JSON.stringify(setup.list())).not.toContain("live-");
    setup.configure({ channel: "sms", settings: { token: "", secret: "", sender: "Bank 2" } });
    // The adapter is rebuilt from stored secrets: a restart builds the same.
    const again = open(false);
    expect(again.list()[0].fields.find((f) => f.name === "sender")?.value).toBe("Bank 2");
    expect(again.adapters.get("sms")?.verify({ method: "POST", url: "", headers: { "x-secret": "live-secret-1" }, body: Buffer.from("") })).toEqual({
      ok: true,
    });
  });

  it("refuses settings the channel's schema refuses, naming the field, and changes nothing", () => {
    const setup = open(false);
    expect(() => setup.configure({ channel: "sms", settings: { token: "short", secret: "long-enough" } })).toThrow(/token/);
    expect(store.channelSettings.all()).toEqual([]);
    expect(setup.adapters.has("sms")).toBe(false);
  });

  it("switches between sandbox and off, keeping stored secrets for going live again", () => {
    const setup = open(false);
    setup.configure({ channel: "sms", settings: { token: "live-token-1", secret: "live-secret-1" } });
    setup.setMode("sms", "off");
    expect(setup.adapters.has("sms")).toBe(false);
    expect(store.channelSettings.all()[0].sealedSecrets).not.toBeNull();
    setup.setMode("sms", "sandbox");
    expect(setup.modeOf("sms")).toBe("sandbox");
  });

  it("runs a sandboxed channel against its fake in-process: a customer writes, the reply reaches the fake", async () => {
    const setup = open(true);
    const received: unknown[] = [];
    const sandbox = createSandbox({
      setup,
      clock: Date.now,
      receive: async (channel, request) => {
        const adapter = setup.adapters.get(channel)!;
        expect(adapter.verify(request)).toEqual({ ok: true });
        received.push(adapter.parse(request));
        await adapter.send({ key: "k1", messageId: "m1", conversationId: "c1", channel, address: "+15550001", text: "Hello back" });
        return {};
      },
    });
    await sandbox.write("sms", { address: "+15550001" }, "hi");
    expect(received).toMatchObject([{ kind: "events", messages: [{ address: "+15550001", text: "hi" }] }]);
    expect((await sandbox.thread("sms", "+15550001")).map((l) => [l.from, l.text])).toEqual([
      ["customer", "hi"],
      ["flow", "Hello back"],
    ]);
  });
});
