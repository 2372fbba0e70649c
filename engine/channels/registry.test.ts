import { describe, expect, it } from "vitest";
import { CHANNELS, INSTALLED_CHANNELS } from "../contracts/channels";
import { channelSchema } from "../contracts/events";
import { importChannelModules, importFakeModule, installedChannels } from "./registry";

describe("channel registry", () => {
  it("installs the configured channels from their folders, and names all configured channels in the schema", () => {
    expect([...installedChannels.keys()]).toEqual(INSTALLED_CHANNELS);
    expect(INSTALLED_CHANNELS).toContain("webchat");
    for (const module of installedChannels.values()) expect(module.settingsSchema).toBeDefined();
    expect(channelSchema.options).toEqual(CHANNELS.map((c) => c.name));
  });

  it("says which folder lacks its adapter", async () => {
    await expect(importChannelModules(["nowhere" as never])).rejects.toThrow();
  });

  it("has a fake provider for every channel that offers a sandbox, and none for web chat", async () => {
    expect(await importFakeModule("webchat")).toBeUndefined();
    for (const [name, module] of installedChannels) {
      if (module.sandboxSettings) expect(typeof (await importFakeModule(name))?.createFake).toBe("function");
    }
  });
});
