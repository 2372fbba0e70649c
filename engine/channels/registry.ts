/**
 * Channel adapters from configuration. The installed channels are the lines of
 * engine/contracts/channels.ts with `adapter: true`; each one's adapter is its folder's
 * `engine/channels/<name>/adapter.ts`, which exports `createAdapter(settings, deps)` and is named in
 * ADAPTERS below (registry.test.ts fails for a folder with an adapter that is not).
 */
import { INSTALLED_CHANNELS } from "../contracts/channels";
import type { Channel } from "../contracts/events";
import type { ChannelModule } from "./channel";
import * as email from "./email/adapter";
import * as phone from "./phone/adapter";
import type { ProviderFakeModule } from "./provider-fake";
import * as sms from "./sms/adapter";
import * as telegram from "./telegram/adapter";
import * as viber from "./viber/adapter";
import * as vk from "./vk/adapter";
import * as webchat from "./webchat/adapter";
import * as whatsapp from "./whatsapp/adapter";

/**
 * Every channel folder's adapter module. Imported statically, not by a template literal: the server's
 * start-up snapshot (scripts/build-server.ts) is a CommonJS bundle, which has no top-level await.
 */
export const ADAPTERS: Readonly<Record<string, Partial<ChannelModule>>> = { email, phone, sms, telegram, viber, vk, webchat, whatsapp };

/** The named channels' adapter modules; throws for a name without one. */
export function channelModules(names: readonly Channel[]): Map<Channel, ChannelModule> {
  return new Map(
    names.map((name) => {
      const module = Object.hasOwn(ADAPTERS, name) ? ADAPTERS[name] : undefined;
      if (typeof module?.createAdapter !== "function" || !module.settingsSchema) {
        throw new Error(`engine/channels/${name}/adapter.ts does not export createAdapter(settings, deps) and settingsSchema, or is not in ADAPTERS`);
      }
      return [name, module as ChannelModule] as const;
    }),
  );
}

/** The installed channels' modules. */
export const installedChannels: ReadonlyMap<Channel, ChannelModule> = channelModules(INSTALLED_CHANNELS);

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
