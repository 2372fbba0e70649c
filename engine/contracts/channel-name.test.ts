import { describe, expect, it } from "vitest";
import { channelSchema } from "./events";
import { channelName, channelTitle } from "./format";

describe("channelName", () => {
  it("English shows the channel's id as it is", () => {
    for (const channel of channelSchema.options) expect(channelName(channel, "en")).toBe(channel);
  });
  it("Russian names every channel", () => {
    expect(channelSchema.options.map((c) => channelName(c, "ru"))).toEqual(
      channelSchema.options.map(
        (c) =>
          ({ webchat: "веб-чат", email: "e-mail", sms: "SMS", phone: "телефон", telegram: "Telegram", whatsapp: "WhatsApp", vk: "ВКонтакте", viber: "Viber" })[
            c
          ],
      ),
    );
  });
});

describe("channelTitle", () => {
  it("English titles every channel as its brand writes it; Russian as its prose does", () => {
    expect(channelSchema.options.map((c) => channelTitle(c, "en"))).toEqual(["Web chat", "E-mail", "SMS", "Phone", "Telegram", "WhatsApp", "VK", "Viber"]);
    for (const channel of channelSchema.options) expect(channelTitle(channel, "ru")).toBe(channelName(channel, "ru"));
  });
});
