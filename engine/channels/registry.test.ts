import { describe, expect, it } from "vitest";
import { CHANNELS, INSTALLED_CHANNELS } from "../contracts/channels";
import { channelSchema } from "../contracts/events";
import { z } from "zod";
import { channelDeps } from "../testing/channel-deps";
import type { ChannelModule } from "./channel";
import { installedChannels, loadChannels } from "./registry";

const deps = channelDeps();

describe("channel registry", () => {
  it("installs the configured channels from their folders, and names all configured channels in the schema", () => {
    expect([...installedChannels.keys()]).toEqual(INSTALLED_CHANNELS);
    expect(INSTALLED_CHANNELS).toContain("webchat");
    // Without settings, only the channels that need none (web chat) are made.
    const adapters = loadChannels({}, deps);
    expect([...adapters.keys()]).toEqual(INSTALLED_CHANNELS.filter((name) => installedChannels.get(name)?.settingsSchema.safeParse(undefined).success));
    expect(adapters.get("webchat")).toMatchObject({ channel: "webchat", quickReplies: true });
    expect(channelSchema.options).toEqual(CHANNELS.map((c) => c.name));
  });

  it("hands each factory its settings and refuses an adapter made for another channel", () => {
    const seen: unknown[] = [];
    const module = (channel: string): ChannelModule => ({
      settingsSchema: z.object({ from: z.string() }),
      createAdapter: (settings) => {
        seen.push(settings);
        return { channel } as never;
      },
    });
    expect(loadChannels({ settings: { sms: { from: "+100" } } }, deps, new Map([["sms", module("sms")]])).get("sms")).toEqual({ channel: "sms" });
    expect(seen).toEqual([{ from: "+100" }]);
    expect(() => loadChannels({ settings: { sms: {} } }, deps, new Map([["sms", module("email")]]))).toThrow('made an adapter for "email"');
  });

  it("leaves out a channel that needs settings and has none", () => {
    const module: ChannelModule = { settingsSchema: z.object({ token: z.string() }), createAdapter: () => ({ channel: "telegram" }) as never };
    expect(loadChannels({}, deps, new Map([["telegram", module]])).has("telegram")).toBe(false);
  });

  it("passes settings errors through", () => {
    expect(() => loadChannels({ settings: { webchat: { secret: 1 } } }, deps)).toThrow();
  });
});
