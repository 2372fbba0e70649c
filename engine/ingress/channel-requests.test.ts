import { describe, expect, it } from "vitest";
import type { ChannelAdapter, DeliveryStatus, InboundMessage, ParsedRequest, RawRequest } from "../channels/channel";
import { createAdapter as webchatAdapter } from "../channels/webchat/adapter";
import { channelDeps } from "../testing/channel-deps";
import { badSamples, samples, sampleVisitors, unverifiedSamples, webchatRequest } from "../channels/webchat/samples";
import type { Channel } from "../contracts/events";
import { createChannelRequests, type ChannelIntake, type MessageIntakeOutcome } from "./channel-requests";

/** An intake that deduplicates by provider id and records what it was handed. */
function fakeIntake() {
  const seen = new Map<string, MessageIntakeOutcome>();
  const messages: InboundMessage[] = [];
  const statuses: DeliveryStatus[] = [];
  const intake: ChannelIntake = {
    async message(m) {
      messages.push(m);
      const known = seen.get(m.providerMessageId);
      if (known) return { ...known, duplicate: true };
      const outcome = { duplicate: false, customerId: `cu-${m.address}`, conversationId: `co-${m.address}`, instanceId: `i-${seen.size + 1}` };
      seen.set(m.providerMessageId, outcome);
      return outcome;
    },
    async status(s) {
      statuses.push(s);
    },
    conversationState: () => ({ queued: [], running: false, queues: [] }),
    dispatch: () => {},
  };
  return { intake, messages, statuses };
}

const webchat = webchatAdapter(undefined, channelDeps(sampleVisitors));
/** A provider stand-in: refuses requests without its token, answers GET handshakes, reports statuses. */
const provider: ChannelAdapter = {
  channel: "sms",
  verify: (r) => (r.headers["x-token"] === "secret" ? { ok: true } : { ok: false, reason: "bad token" }),
  parse(r: RawRequest): ParsedRequest {
    if (r.method === "GET")
      return { kind: "handshake", answer: { status: 200, contentType: "text/plain", body: new URL(r.url).searchParams.get("challenge") ?? "" } };
    const body = JSON.parse(r.body.toString("utf8")) as { statuses: DeliveryStatus[]; messages: InboundMessage[]; ack?: string };
    const ack = body.ack === undefined ? undefined : { status: 200, contentType: "text/plain", body: body.ack };
    return { kind: "events", messages: body.messages, statuses: body.statuses, ack };
  },
  send: async () => ({ providerMessageId: null }),
};
const requests = (intake: ChannelIntake) =>
  createChannelRequests({
    adapters: new Map<Channel, ChannelAdapter>([
      ["webchat", webchat],
      ["sms", provider],
    ]),
    intake,
  });

describe("channel requests (verify → parse → intake)", () => {
  it("hands a message to intake: 202 accepted with its outcome, then 200 duplicate telling nothing more", async () => {
    const { intake, messages } = fakeIntake();
    const r = requests(intake);
    expect(await r.receive("webchat", samples.message)).toEqual({
      kind: "json",
      status: 202,
      body: { status: "accepted", duplicate: false, customerId: "cu-v-1", conversationId: "co-v-1", instanceId: "i-1" },
    });
    expect(await r.receive("webchat", samples.duplicate)).toEqual({
      kind: "json",
      status: 200,
      body: { status: "duplicate" },
    });
    expect(messages.map((m) => m.text)).toEqual(["What are your hours?", "What are your hours?"]);
  });

  it("throws a typed error for a channel without an adapter, reserved names included", async () => {
    const r = requests(fakeIntake().intake);
    for (const name of ["fax", "email"]) {
      await expect(r.receive(name, samples.message)).rejects.toMatchObject({ name: "EngineInputError", code: "unknown_channel", field: "channel" });
    }
  });

  it("refuses a request that fails verification with 401, before parsing", async () => {
    const { intake, messages } = fakeIntake();
    const reply = await requests(intake).receive("sms", webchatRequest("not even json"));
    expect(reply).toEqual({ kind: "json", status: 401, body: { error: "invalid_signature", message: "bad token" } });
    expect(messages).toEqual([]);
  });

  it("refuses a web chat message posted without the named visitor's token (401), before intake", async () => {
    const { intake, messages } = fakeIntake();
    const reply = await requests(intake).receive("webchat", unverifiedSamples.anotherVisitorsToken);
    expect(reply).toMatchObject({ kind: "json", status: 401, body: { error: "invalid_visitor_token" } });
    expect(messages).toEqual([]);
  });

  it("answers a live request with the channel's reply, given the conversation's state once its message is committed", async () => {
    const { intake, messages } = fakeIntake();
    const order: string[] = [];
    const live: ChannelAdapter = {
      channel: "phone",
      verify: () => ({ ok: true }),
      parse: () => ({
        kind: "events",
        messages: [{ channel: "phone", providerMessageId: "CA1:0", address: "+1", name: null, text: "Incoming call" }],
        statuses: [],
        live: {
          address: "+1",
          answer: async (state) => {
            order.push(`answer after ${messages.length} message(s), ${state.queued.join(",")} queued`);
            return { status: 200, contentType: "text/xml", body: "<Response/>" };
          },
        },
      }),
      send: async () => ({ providerMessageId: null }),
    };
    const r = createChannelRequests({
      adapters: new Map<Channel, ChannelAdapter>([["phone", live]]),
      intake: {
        ...intake,
        conversationState: (channel, address) => ({ queued: [`${channel}:${address}:m1`], running: true, queues: [] }),
        dispatch: () => order.push("dispatch"),
      },
    });
    const reply = await r.receive("phone", webchatRequest({}));
    expect(reply).toEqual({ kind: "answer", answer: { status: 200, contentType: "text/xml", body: "<Response/>" } });
    expect(order).toEqual(["dispatch", "answer after 1 message(s), phone:+1:m1 queued"]);
  });

  it("passes a handshake answer through", async () => {
    const reply = await requests(fakeIntake().intake).receive("sms", {
      method: "GET",
      url: "https://example.test/api/channels/sms/inbound?challenge=42",
      headers: { "x-token": "secret" },
      body: Buffer.alloc(0),
    });
    expect(reply).toEqual({ kind: "answer", answer: { status: 200, contentType: "text/plain", body: "42" } });
  });

  it("hands delivery statuses to intake, and acknowledges several messages at once", async () => {
    const { intake, statuses } = fakeIntake();
    const status: DeliveryStatus = { channel: "sms", providerMessageId: "SM1", status: "delivered", error: null, at: 1 };
    const message = (id: string): InboundMessage => ({ channel: "sms", providerMessageId: id, address: "+1", name: null, text: "hi" });
    const r = requests(intake);
    const only = await r.receive("sms", webchatRequest({ messages: [], statuses: [status] }, { "x-token": "secret" }));
    expect(only).toEqual({ kind: "json", status: 202, body: { status: "accepted", duplicate: false, messages: [], statuses: 1 } });
    expect(statuses).toEqual([status]);
    const two = await r.receive("sms", webchatRequest({ messages: [message("a"), message("b")], statuses: [] }, { "x-token": "secret" }));
    expect(two).toMatchObject({ status: 202, body: { status: "accepted", messages: [{ instanceId: "i-1" }, { instanceId: "i-2" }] } });
    const again = await r.receive("sms", webchatRequest({ messages: [message("a"), message("b")], statuses: [] }, { "x-token": "secret" }));
    expect(again).toMatchObject({ status: 200, body: { status: "duplicate", duplicate: true } });
  });

  it("answers with the channel's own acknowledgement once the events are taken, for a redelivery too", async () => {
    const { intake, messages } = fakeIntake();
    const r = requests(intake);
    const message: InboundMessage = { channel: "sms", providerMessageId: "c", address: "+1", name: null, text: "hi" };
    const post = () => r.receive("sms", webchatRequest({ messages: [message], statuses: [], ack: "ok" }, { "x-token": "secret" }));
    const ok = { kind: "answer", answer: { status: 200, contentType: "text/plain", body: "ok" } };
    expect(await post()).toEqual(ok);
    expect(await post()).toEqual(ok);
    expect(messages).toHaveLength(2); // both reached intake, which took the second as a duplicate
  });

  it("answers a request the channel refuses outright with its status and code, and lets payload errors (zod) through", async () => {
    const r = requests(fakeIntake().intake);
    expect(await r.receive("webchat", badSamples.wrongMediaType.request)).toMatchObject({
      kind: "json",
      status: 415,
      body: { error: "unsupported_media_type" },
    });
    expect(await r.receive("webchat", badSamples.get.request)).toMatchObject({ kind: "json", status: 405, body: { error: "method_not_allowed" } });
    await expect(r.receive("webchat", badSamples.wrongTypes.request)).rejects.toMatchObject({ name: "ZodError" });
  });

  it("parses an in-process payload without a request", async () => {
    const r = requests(fakeIntake().intake);
    expect(await r.parsePayload("webchat", { visitorId: "v-9", messageId: "m-9", text: "hi" })).toMatchObject({
      channel: "webchat",
      address: "v-9",
      providerMessageId: "m-9",
    });
    await expect(r.parsePayload("webchat", { visitorId: 42 })).rejects.toMatchObject({ name: "ZodError" });
    await expect(r.parsePayload("telegram", {})).rejects.toMatchObject({ code: "unknown_channel" });
  });
});
