import { describe, expect, it } from "vitest";
import type { OutboundMessage } from "../channel";
import { channelDeps } from "../../testing/channel-deps";
import { createAdapter } from "./adapter";
import { badSamples, samples, sampleVisitors, unverifiedSamples } from "./samples";

const make = () => {
  const delivered: OutboundMessage[] = [];
  return { adapter: createAdapter(undefined, channelDeps({ delivered: (m) => delivered.push(m), ...sampleVisitors })), delivered };
};

describe("web chat adapter", () => {
  it("accepts a request carrying the token of the visitor it names", async () => {
    const { adapter } = make();
    for (const request of Object.values(samples)) expect(await adapter.verify(request)).toEqual({ ok: true });
  });

  it.each(Object.entries(unverifiedSamples))("refuses to post as another visitor: %s", async (_name, request) => {
    expect(await make().adapter.verify(request)).toMatchObject({ ok: false, code: "invalid_visitor_token" });
  });

  it("leaves a body that names no visitor to parse, which says what is wrong", async () => {
    for (const sample of [badSamples.missingFields, badSamples.malformedJson, badSamples.wrongTypes]) {
      expect(await make().adapter.verify(sample.request)).toEqual({ ok: true });
    }
  });

  it("parses a message, trimmed, with the visitor as the address", () => {
    expect(make().adapter.parse(samples.message)).toEqual({
      kind: "events",
      messages: [{ channel: "webchat", providerMessageId: "m-1", address: "v-1", name: "Ann", text: "What are your hours?", flowId: undefined }],
      statuses: [],
    });
    expect(make().adapter.parse(samples.forFlow)).toMatchObject({ messages: [{ flowId: "flow-1", name: null }] });
    expect(make().adapter.parse(samples.charset)).toMatchObject({ kind: "events", messages: [{ providerMessageId: "m-3" }] });
  });

  it("parses a redelivery to the same provider id (intake deduplicates)", () => {
    const { adapter } = make();
    const ids = [samples.message, samples.duplicate].map(
      (r) => (adapter.parse(r) as { messages: { providerMessageId: string }[] }).messages[0].providerMessageId,
    );
    expect(ids).toEqual(["m-1", "m-1"]);
  });

  it.each(Object.entries(badSamples).filter(([, s]) => "fields" in s))("refuses %s, naming the fields", (_name, sample) => {
    const { fields, message } = sample as { fields: string[]; message?: string };
    const error = (() => {
      try {
        make().adapter.parse(sample.request);
      } catch (e) {
        return e as { name: string; issues: { path: PropertyKey[]; message: string }[] };
      }
    })();
    expect(error?.name).toBe("ZodError");
    expect(error!.issues.map((i) => i.path.join("."))).toEqual(fields);
    if (message) expect(error!.issues[0].message).toBe(message);
  });

  it.each(Object.entries(badSamples).filter(([, s]) => "code" in s))("refuses %s before reading the payload", (_name, sample) => {
    const { code, status } = sample as { code: string; status: number };
    expect(() => make().adapter.parse(sample.request)).toThrow(expect.objectContaining({ name: "ChannelRequestError", code, status }));
  });

  it("sends by waking listeners, and returns our message id as the provider's", async () => {
    const { adapter, delivered } = make();
    const message: OutboundMessage = {
      key: "i:1",
      messageId: "msg-1",
      conversationId: "c-1",
      channel: "webchat",
      address: "v-1",
      text: "Hi",
      buttons: ["Yes"],
    };
    expect(await adapter.send(message)).toEqual({ providerMessageId: "msg-1" });
    expect(await adapter.send(message)).toEqual({ providerMessageId: "msg-1" }); // the same key again: harmless
    expect(delivered).toEqual([message, message]);
    expect(adapter.quickReplies).toBe(true);
  });

  it("takes no settings", () => {
    expect(() => createAdapter({ token: "x" }, channelDeps(sampleVisitors))).toThrow();
  });
});
