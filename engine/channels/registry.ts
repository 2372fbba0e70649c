/**
 * Channel adapters from configuration. The installed channels are the lines of
 * engine/contracts/channels.ts with `adapter: true`; each one's adapter is found by convention in
 * `engine/channels/<name>/adapter.ts`, which exports `createAdapter(settings, deps)`. No list of
 * imports to keep in step: a channel is its folder plus its configuration line.
 */
import { INSTALLED_CHANNELS } from "../contracts/channels";
import type { Channel } from "../contracts/events";
import type { ChannelAdapter, ChannelDeps, ChannelModule } from "./channel";

export type ChannelConfig = {
  /** Each channel's settings (credentials, sender ids), handed to its factory, which validates them. */
  settings?: Partial<Record<Channel, unknown>>;
};

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

/** Creates the adapter of every installed channel that has settings, or needs none. */
export function loadChannels(
  config: ChannelConfig,
  deps: ChannelDeps,
  modules: ReadonlyMap<Channel, ChannelModule> = installedChannels,
): Map<Channel, ChannelAdapter> {
  const adapters = new Map<Channel, ChannelAdapter>();
  for (const [name, module] of modules) {
    const settings = config.settings?.[name];
    if (settings === undefined && !module.settingsSchema.safeParse(undefined).success) continue;
    const adapter = module.createAdapter(settings, deps);
    if (adapter.channel !== name) throw new Error(`engine/channels/${name}/adapter.ts made an adapter for "${adapter.channel}"`);
    adapters.set(name, adapter);
  }
  return adapters;
}
