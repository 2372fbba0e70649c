import { describe, expect, it } from "vitest";
import { channelSchema } from "./events";
import { channelName } from "./format";

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
