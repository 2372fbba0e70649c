/**
 * Which channels run, and how: each installed channel is live (its provider, with settings and
 * sealed secrets from the database), sandboxed (its fake provider answers in-process, so nothing
 * leaves the machine) or off. The engine's adapter map is kept in step: a change takes effect on
 * the next webhook or send, without a restart.
 */
import * as z from "zod";
import type { ChannelAdapter, ChannelDeps, ChannelModule } from "../channels/channel";
import type { FakeDelivery, ProviderFake, ProviderFakeModule } from "../channels/provider-fake";
import type { ChannelField, ChannelMode, ChannelView, ConfigureChannel } from "../contracts/channel-setup";
import { inputError } from "../contracts/errors";
import type { Channel } from "../contracts/events";
import type { OutboundHttp } from "../contracts/outbound";
import type { SecretBox } from "../credentials/secret-box";
import type { ChannelSettingRepository, ChannelSettingRow } from "../store/channel-settings";

export type ChannelSetupDeps = {
  repo: ChannelSettingRepository;
  secrets: SecretBox;
  modules: ReadonlyMap<Channel, ChannelModule>;
  /** Imports a channel's fake provider (`engine/channels/<name>/fake.ts`); undefined when it has none. */
  loadFake: (channel: Channel) => Promise<ProviderFakeModule | undefined>;
  /** The adapter deps the engine hands every channel; `http` is the guarded client used when live. */
  deps: ChannelDeps;
  /** Channels without stored settings run in sandbox mode (the demo); otherwise they are off. */
  sandboxByDefault: boolean;
  /** Settings from configuration (the environment): such a channel is live with them unless the Channels page stored others. */
  configured?: Partial<Record<Channel, unknown>>;
  /**
   * Settings laid over a channel's `sandboxSettings()` (its adapter's and its fake's alike): e.g. another
   * port for e-mail's fake SMTP server than 2525, `{ email: { smtpPort } }`, when that one is taken.
   */
  sandboxSettings?: Partial<Record<Channel, Record<string, unknown>>>;
  /** Adapters handed in by tests: they replace the channel's own, whatever its mode. */
  overrides?: readonly ChannelAdapter[];
  clock: () => number;
};

type JsonSchema = { properties?: Record<string, { type?: string; default?: unknown }>; required?: string[] };

export function createChannelSetup(setup: ChannelSetupDeps) {
  const { repo, secrets, modules, deps, clock } = setup;
  const adapters = new Map<Channel, ChannelAdapter>();
  const fakes = new Map<Channel, Promise<ProviderFake>>();
  const stored = () => new Map(repo.all().map((row) => [row.channel as Channel, row]));
  const needsSettings = (module: ChannelModule) => !module.settingsSchema.safeParse(undefined).success;
  const sandboxSettingsOf = (channel: Channel, module: ChannelModule) => ({ ...module.sandboxSettings?.(), ...setup.sandboxSettings?.[channel] });

  function modeOf(channel: Channel, module: ChannelModule, row: ChannelSettingRow | undefined): ChannelMode {
    if (!needsSettings(module)) return "live";
    if (row) return row.mode;
    if (setup.configured?.[channel] !== undefined) return "live";
    return setup.sandboxByDefault && module.sandboxSettings ? "sandbox" : "off";
  }

  /** The channel's fake provider, created once from its sandbox settings. */
  function fakeOf(channel: Channel): Promise<ProviderFake> {
    let fake = fakes.get(channel);
    if (!fake) {
      const module = modules.get(channel);
      fake = setup.loadFake(channel).then((fakeModule) => {
        if (!fakeModule || !module?.sandboxSettings) throw inputError("channel.no-sandbox", { channel }, "channel");
        return fakeModule.createFake(sandboxSettingsOf(channel, module));
      });
      fakes.set(channel, fake);
    }
    return fake;
  }

  /** In sandbox mode the provider's API is its fake, answering in-process. */
  const sandboxHttp =
    (channel: Channel): OutboundHttp =>
    async (request) => {
      const fake = await fakeOf(channel);
      const before = fake.deliveries().length;
      const answer = await fake.answer(request);
      const taken = fake.deliveries().slice(before);
      if (taken.length) for (const listener of sandboxListeners) listener(channel, fake, taken);
      return answer;
    };

  const listening = new Map<Channel, Promise<unknown>>();
  /** A sandboxed provider reached over SMTP: its fake is served on loopback, at the port asked for, once. */
  const sandboxHost = (channel: Channel) => async (_host: string, port: number) => {
    const fake = await fakeOf(channel);
    if (!fake.listen) throw inputError("channel.no-sandbox", { channel }, "channel");
    const listen = fake.listen.bind(fake);
    let started = listening.get(channel);
    if (!started) listening.set(channel, (started = listen(port)));
    await started;
    return "127.0.0.1";
  };

  const settingsOf = (row: ChannelSettingRow): Record<string, unknown> => ({
    ...(JSON.parse(row.settings) as Record<string, unknown>),
    ...(row.sealedSecrets ? (JSON.parse(secrets.open(row.sealedSecrets, `channel:${row.channel}`)) as Record<string, unknown>) : {}),
  });

  const overrides = new Map((setup.overrides ?? []).map((adapter) => [adapter.channel, adapter]));
  /** Listeners told of each message a fake provider took (the sandbox reports it delivered). */
  const sandboxListeners = new Set<(channel: Channel, fake: ProviderFake, taken: FakeDelivery[]) => void>();

  function build(channel: Channel, module: ChannelModule, row: ChannelSettingRow | undefined): void {
    const mode = modeOf(channel, module, row);
    const override = overrides.get(channel);
    if (override) adapters.set(channel, override);
    else if (mode === "off") adapters.delete(channel);
    else if (mode === "sandbox") {
      const sandboxDeps = { ...deps, http: sandboxHttp(channel), admitHost: sandboxHost(channel) };
      adapters.set(channel, create(channel, module, sandboxSettingsOf(channel, module), sandboxDeps));
    } else adapters.set(channel, create(channel, module, row ? settingsOf(row) : setup.configured?.[channel], deps));
  }

  function create(channel: Channel, module: ChannelModule, settings: unknown, adapterDeps: ChannelDeps): ChannelAdapter {
    const adapter = module.createAdapter(settings, adapterDeps);
    if (adapter.channel !== channel) throw new Error(`engine/channels/${channel}/adapter.ts made an adapter for "${adapter.channel}"`);
    return adapter;
  }

  function buildAll() {
    const rows = stored();
    for (const [channel, module] of modules) build(channel, module, rows.get(channel));
  }

  function moduleOf(channel: Channel): ChannelModule {
    const module = modules.get(channel);
    if (!module) throw inputError("channel.not-installed", { channel }, "channel");
    return module;
  }

  function fieldsOf(channel: Channel, module: ChannelModule, row: ChannelSettingRow | undefined): ChannelField[] {
    const schema = z.toJSONSchema(module.settingsSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    const plain = row ? (JSON.parse(row.settings) as Record<string, unknown>) : {};
    const sealed = new Set(row?.sealedSecrets ? Object.keys(JSON.parse(secrets.open(row.sealedSecrets, `channel:${channel}`))) : []);
    return Object.entries(schema.properties ?? {}).map(([name, property]) => {
      const secret = module.secretSettings?.includes(name) ?? false;
      const type = property.type === "number" || property.type === "integer" ? "number" : property.type === "boolean" ? "boolean" : "string";
      const value = secret ? null : ((plain[name] ?? property.default ?? null) as ChannelField["value"]);
      return { name, type, required: schema.required?.includes(name) ?? false, secret, value, set: secret && sealed.has(name) };
    });
  }

  buildAll();
  for (const [channel, adapter] of overrides) if (!modules.has(channel)) adapters.set(channel, adapter);

  return {
    /** The adapters in use, by channel: the engine reads it on every webhook and send. */
    adapters: adapters as ReadonlyMap<Channel, ChannelAdapter>,

    list(): ChannelView[] {
      const rows = stored();
      return [...modules].map(([channel, module]) => {
        const row = rows.get(channel);
        return {
          channel,
          mode: modeOf(channel, module, row),
          sandboxable: !!module.sandboxSettings,
          needsSettings: needsSettings(module),
          fields: needsSettings(module) ? fieldsOf(channel, module, row) : [],
          webhookPath: `/api/channels/${channel}/inbound`,
          updatedAt: row?.updatedAt ?? null,
        };
      });
    },

    /**
     * Takes the channel live with these settings. Secrets left out keep their stored values; the
     * channel's schema checks the whole (a zod error names the field), and the adapter is built
     * before anything is stored, so a refused configuration changes nothing.
     */
    configure({ channel, settings }: ConfigureChannel): void {
      const module = moduleOf(channel);
      if (!needsSettings(module)) throw inputError("channel.no-settings", { channel }, "channel");
      const previous = stored().get(channel);
      const kept = previous?.sealedSecrets ? (JSON.parse(secrets.open(previous.sealedSecrets, `channel:${channel}`)) as Record<string, unknown>) : {};
      const secretNames = new Set(module.secretSettings ?? []);
      const typed = Object.fromEntries(Object.entries(settings).filter(([name, value]) => !(secretNames.has(name) && value === "")));
      const merged = module.settingsSchema.parse({ ...kept, ...typed }) as Record<string, unknown>;
      const plain = Object.fromEntries(Object.entries(merged).filter(([name]) => !secretNames.has(name)));
      const hidden = Object.fromEntries(Object.entries(merged).filter(([name]) => secretNames.has(name)));
      const row = {
        channel,
        mode: "live" as const,
        settings: JSON.stringify(plain),
        sealedSecrets: Object.keys(hidden).length ? secrets.seal(JSON.stringify(hidden), `channel:${channel}`) : null,
      };
      const adapter = create(channel, module, merged, deps);
      repo.put(row, clock());
      adapters.set(channel, adapter);
    },

    /** Runs the channel against its fake provider, or turns it off; stored secrets are kept for going live again. */
    setMode(channel: Channel, mode: "sandbox" | "off"): void {
      const module = moduleOf(channel);
      if (!needsSettings(module)) throw inputError("channel.no-settings", { channel }, "channel");
      if (mode === "sandbox" && !module.sandboxSettings) throw inputError("channel.no-sandbox", { channel }, "channel");
      const previous = stored().get(channel);
      const row = { channel, mode, settings: previous?.settings ?? "{}", sealedSecrets: previous?.sealedSecrets ?? null };
      repo.put(row, clock());
      build(channel, module, { ...row, updatedAt: "" });
    },

    /** The channel's fake provider (sandbox mode): what the customer's phone, mailbox or messenger shows. */
    fake: fakeOf,

    /** Calls `listener` with the messages a fake provider takes; returns the unsubscribe. */
    onSandboxDelivery(listener: (channel: Channel, fake: ProviderFake, taken: FakeDelivery[]) => void): () => void {
      sandboxListeners.add(listener);
      return () => sandboxListeners.delete(listener);
    },

    /** Stops the fake providers served on loopback (e-mail's SMTP server), so their ports are free again. */
    async close(): Promise<void> {
      const served = await Promise.all([...listening.keys()].map((channel) => fakeOf(channel)));
      listening.clear();
      await Promise.all(served.map((fake) => fake.close?.()));
    },

    modeOf: (channel: Channel) => {
      const module = modules.get(channel);
      return module ? modeOf(channel, module, stored().get(channel)) : "off";
    },
  };
}

export type ChannelSetup = ReturnType<typeof createChannelSetup>;
