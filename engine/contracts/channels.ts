/**
 * The channels Omniflow knows: configuration, one line per channel (pure data, safe in the browser).
 *
 * - `name` is what flows, customers' identities and URLs call the channel (`/api/channels/<name>/inbound`);
 *   `channelSchema` (events.ts), and with it every channel picker in the editor, is made from these names.
 * - `adapter: true` installs the channel: the engine loads `engine/channels/<name>/adapter.ts` (its
 *   `createAdapter`) by convention (engine/channels/registry.ts). A line without it is a reserved name:
 *   flows may use it, and `createEngine({ channels: [adapter] })` may supply its adapter.
 *
 * - `threadsReplies: true`: a reply on the channel names the customer's message it answers (e-mail's
 *   In-Reply-To), so queueing a send looks that message up; other channels' sends skip the query.
 * - `deliveredOnCommit: true`: the customer reads the conversation from our store (the web chat widget), so a
 *   reply is delivered once the step that wrote it commits: written as sent, with no outbox row to perform.
 *
 * Adding a channel adapter is its folder under engine/channels plus its line here.
 */
export const CHANNELS = [
  { name: "webchat", adapter: true, deliveredOnCommit: true },
  { name: "email", adapter: true, threadsReplies: true },
  { name: "sms", adapter: true },
  { name: "phone", adapter: true },
  { name: "telegram", adapter: true },
  { name: "whatsapp", adapter: true },
  { name: "vk", adapter: true },
  { name: "viber", adapter: true },
] as const satisfies readonly ChannelLine[];

export type ChannelLine = { name: string; adapter?: boolean; threadsReplies?: boolean; deliveredOnCommit?: boolean };

/** The channel names, in the order above. */
export const CHANNEL_NAMES = CHANNELS.map((c) => c.name) as [ChannelName, ...ChannelName[]];
export type ChannelName = (typeof CHANNELS)[number]["name"];

/** Names whose adapter the engine installs from its folder. */
export const INSTALLED_CHANNELS: readonly ChannelName[] = CHANNELS.filter((c: ChannelLine) => c.adapter).map((c) => c.name as ChannelName);

/** Whether a reply on the channel names the customer's message it answers (see `threadsReplies` above). */
export const threadsReplies = (channel: string): boolean => CHANNELS.some((c: ChannelLine) => c.name === channel && c.threadsReplies === true);

/** Channels whose replies are delivered by their commit (see `deliveredOnCommit` above). */
export const DELIVERED_ON_COMMIT: readonly ChannelName[] = CHANNELS.filter((c: ChannelLine) => c.deliveredOnCommit).map((c) => c.name as ChannelName);
