import { describe, expect, it } from "vitest";
import type { ChannelAdapter } from "../channels/channel";
import { createAdapter, sandboxSettings } from "../channels/telegram/adapter";
import { createFake } from "../channels/telegram/fake";
import { errorText } from "../contracts/error-texts";
import type { Channel } from "../contracts/events";
import { channelDeps } from "../testing/channel-deps";
import { createChannelTests } from "./test-send";

/** "Send a test message" over these adapters. */
const testsOver = (...adapters: ChannelAdapter[]) => createChannelTests(new Map<Channel, ChannelAdapter>(adapters.map((a) => [a.channel, a])));

/** Telegram in sandbox mode, as the demo's Channels page has it: the adapter calls its fake in-process. */
function sandboxedTelegram(): ChannelAdapter {
  const fake = createFake(sandboxSettings());
  return createAdapter(sandboxSettings(), channelDeps({ http: (request) => fake.answer(request) }));
}

describe("send a test message", () => {
  it("answers a refusal with its code and params: our words read in Russian, Telegram's as they came", async () => {
    // Nobody wrote to the sandbox bot from this chat yet, so the fake Bot API refuses as Telegram does.
    const result = await testsOver(sandboxedTelegram()).testSend({ channel: "telegram", address: "100200300", text: "Hello" });
    expect(result).toEqual({
      ok: false,
      error: {
        message: "Telegram refused sendMessage (400): Bad Request: chat not found",
        code: "telegram.refused",
        params: { method: "sendMessage", status: 400, said: "Bad Request: chat not found" },
      },
    });
    if (result.ok) return;
    // It crosses tRPC as data: plain JSON renders the same.
    const sent = JSON.parse(JSON.stringify(result.error));
    expect(errorText(sent, "en")).toBe("Telegram refused sendMessage (400): Bad Request: chat not found");
    expect(errorText(sent, "ru")).toBe("Telegram отклонил sendMessage (400): Bad Request: chat not found");
  });

  it("answers an error the engine did not word with its message alone, in any language", async () => {
    const broken: ChannelAdapter = { ...sandboxedTelegram(), send: () => Promise.reject(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })) };
    const result = await testsOver(broken).testSend({ channel: "telegram", address: "100200300", text: "Hello" });
    expect(result).toEqual({ ok: false, error: { message: "socket hang up", code: null, params: null } });
    if (!result.ok) expect(errorText(result.error, "ru")).toBe("socket hang up");
  });

  it("refuses a channel that is off", async () => {
    await expect(testsOver().testSend({ channel: "telegram", address: "100200300", text: "Hello" })).rejects.toMatchObject({ code: "channel.off" });
  });
});
