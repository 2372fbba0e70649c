import { describe, expect, it } from "vitest";
import type { RawRequest } from "../../engine/channels/channel";
import { seedDemo } from "../../prisma/seed";
import { testDb } from "../../engine/testing/test-db";
import { recordingChannel } from "../../engine/testing/recording-channel";
import { chat, openTestEngine, useTempDb } from "../../engine/testing/test-engine";

const tmp = useTempDb("omniflow-status-");

/** The recording web chat, which also reads provider status callbacks `{statusOf, status}`. */
function channelWithStatuses() {
  const channel = recordingChannel();
  const parse = channel.parse.bind(channel);
  channel.parse = (request: RawRequest) => {
    const body = JSON.parse(request.body.toString("utf8")) as { statusOf?: string; status?: "delivered" | "read" | "failed" };
    if (!body.statusOf) return parse(request);
    return {
      kind: "events",
      messages: [],
      statuses: [{ channel: "webchat", providerMessageId: body.statusOf, status: body.status ?? "delivered", error: null, at: null }],
    };
  };
  return channel;
}

const request = (body: unknown): RawRequest => ({
  method: "POST",
  url: "http://localhost/api/channels/webchat/inbound",
  headers: { "content-type": "application/json" },
  body: Buffer.from(JSON.stringify(body)),
});
const statuses = (file: string) =>
  testDb({ dbFile: file }).prepare(`SELECT providerId, status FROM "Message" WHERE direction = 'out' ORDER BY createdAt, id`).all() as {
    providerId: string | null;
    status: string;
  }[];

describe("provider delivery statuses", () => {
  it("the provider's id is kept at send, and its later statuses reach the message once each", async () => {
    const { engine } = openTestEngine(tmp.file, { channel: channelWithStatuses() });
    await seedDemo(engine);
    await engine.receive("webchat", chat("v-1", "m-1", "what are your hours?"));
    await engine.dispatch();
    expect(statuses(tmp.file)).toEqual([
      { providerId: "recorded-1", status: "sent" },
      { providerId: "recorded-2", status: "sent" },
    ]);

    const first = await engine.receiveRequest("webchat", request({ statusOf: "recorded-2", status: "read" }));
    expect(first).toMatchObject({ kind: "json", status: 202 });
    const again = await engine.receiveRequest("webchat", request({ statusOf: "recorded-2", status: "read" }));
    expect(again).toMatchObject({ kind: "json", status: 202 });
    expect(statuses(tmp.file).map((m) => m.status)).toEqual(["sent", "read"]);

    // A status for a message nobody sent changes nothing.
    await engine.receiveRequest("webchat", request({ statusOf: "never-sent", status: "failed" }));
    expect(statuses(tmp.file).map((m) => m.status)).toEqual(["sent", "read"]);
    // The customer still sees a message the provider reports read.
    expect((await engine.conversationFor("webchat", "v-1")).messages.map((m) => m.author)).toEqual(["customer", "bot", "bot"]);
    await engine.close();
  });
});
