/**
 * Channel adapters from configuration. The installed channels are the lines of
 * engine/contracts/channels.ts with `adapter: true`; each one's adapter is found by convention in
 * `engine/channels/<name>/adapter.ts`, which exports `createAdapter(settings, deps)`. No list of
 * imports to keep in step: a channel is its folder plus its configuration line.
 */
import { INSTALLED_CHANNELS } from "../contracts/channels";
import type { Channel } from "../contracts/events";
import type { ChannelModule } from "./channel";
import type { ProviderFakeModule } from "./provider-fake";

/** Imports each named channel's adapter module from its folder. */
export async function importChannelModules(names: readonly Channel[]): Promise<Map<Channel, ChannelModule>> {
  const modules = await Promise.all(
    names.map(async (name) => {
      // Bundled (dist/server.mjs), this template literal becomes a table of every ./<folder>/adapter.ts at build time.
      const module = (await import(/* @vite-ignore */ `./${name}/adapter.ts`)) as Partial<ChannelModule>;
      if (typeof module.createAdapter !== "function" || !module.settingsSchema) {
        throw new Error(`engine/channels/${name}/adapter.ts does not export createAdapter(settings, deps) and settingsSchema`);
      }
      return [name, module as ChannelModule] as const;
    }),
  );
  return new Map(modules);
}

/** The installed channels' modules, loaded once with this module (top-level await), so creating an engine stays synchronous. */
export const installedChannels: ReadonlyMap<Channel, ChannelModule> = await importChannelModules(INSTALLED_CHANNELS);

/**
 * A channel's fake provider module (`engine/channels/<name>/fake.ts`), imported when the sandbox
 * first needs it, so the demo's fakes cost nothing at start; a channel without sandbox settings has none.
 */
export async function importFakeModule(name: Channel): Promise<ProviderFakeModule | undefined> {
  if (!installedChannels.get(name)?.sandboxSettings) return undefined;
  const module = (await import(/* @vite-ignore */ `./${name}/fake.ts`)) as Partial<ProviderFakeModule>;
  if (typeof module.createFake !== "function") throw new Error(`engine/channels/${name}/fake.ts does not export createFake(settings)`);
  return module as ProviderFakeModule;
}
