import { describe, expect, it } from "vitest";
import { channelSchema } from "./events";
import { channelLabelRu, channelName, channelTitle, RU_CHANNEL_LABELS } from "./format";

describe("channelName", () => {
  it("English names a channel by its title, as its brand writes it (never the raw id, 'Webchat' or 'Vk')", () => {
    for (const channel of channelSchema.options) expect(channelName(channel, "en")).toBe(channelTitle(channel, "en"));
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
  it("English titles every channel as its brand writes it; Russian as a heading does, capitalised", () => {
    expect(channelSchema.options.map((c) => channelTitle(c, "en"))).toEqual(["Web chat", "E-mail", "SMS", "Phone", "Telegram", "WhatsApp", "VK", "Viber"]);
    for (const channel of channelSchema.options) expect(channelTitle(channel, "ru")).toBe(channelLabelRu(channel));
    expect(channelTitle("webchat", "ru")).not.toBe(channelName("webchat", "ru")); // prose keeps «веб-чат»
  });
});

describe("channelLabelRu", () => {
  it("is the Russian name capitalised, as the editor's choices and node summaries show it", () => {
    expect(channelSchema.options.map(channelLabelRu)).toEqual(["Веб-чат", "E-mail", "SMS", "Телефон", "Telegram", "WhatsApp", "ВКонтакте", "Viber"]);
    expect(Object.keys(RU_CHANNEL_LABELS)).toEqual(channelSchema.options);
    expect(channelLabelRu("fax")).toBe("fax");
  });
});
