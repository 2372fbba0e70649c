import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CHANNELS, INSTALLED_CHANNELS } from "../contracts/channels";
import { channelSchema } from "../contracts/events";
import { ADAPTERS, channelModules, importFakeModule, installedChannels } from "./registry";

describe("channel registry", () => {
  it("installs the configured channels from their folders, and names all configured channels in the schema", () => {
    expect([...installedChannels.keys()]).toEqual(INSTALLED_CHANNELS);
    expect(INSTALLED_CHANNELS).toContain("webchat");
    for (const module of installedChannels.values()) expect(module.settingsSchema).toBeDefined();
    expect(channelSchema.options).toEqual(CHANNELS.map((c) => c.name));
  });

  it("names every folder that has an adapter, and says which channel lacks one", () => {
    const here = fileURLToPath(new URL(".", import.meta.url));
    const folders = readdirSync(here, { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(`${here}/${e.name}/adapter.ts`));
    expect(Object.keys(ADAPTERS).sort()).toEqual(folders.map((e) => e.name).sort());
    expect(() => channelModules(["nowhere" as never])).toThrow("engine/channels/nowhere/adapter.ts");
    expect(() => channelModules(["toString" as never])).toThrow("engine/channels/toString/adapter.ts");
  });

  it("has a fake provider for every channel that offers a sandbox, and none for web chat", async () => {
    expect(await importFakeModule("webchat")).toBeUndefined();
    for (const [name, module] of installedChannels) {
      if (module.sandboxSettings) expect(typeof (await importFakeModule(name))?.createFake).toBe("function");
    }
  });
});
