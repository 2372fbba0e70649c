/**
 * Channel set-up as the Channels page sees it: each installed channel's mode and fields (secret
 * fields write-only: the page learns only whether one is set). Pure data, safe in the browser.
 */
import * as z from "zod";
import { channelSchema } from "./events";

export const CHANNEL_MODES = ["live", "sandbox", "off"] as const;
export type ChannelMode = (typeof CHANNEL_MODES)[number];

/** One setting of a channel, described from its adapter's schema. */
export type ChannelField = {
  name: string;
  type: "string" | "number" | "boolean";
  required: boolean;
  secret: boolean;
  /** The stored value of a plain field (or its default); never a secret's. */
  value: string | number | boolean | null;
  /** For a secret: whether one is stored. */
  set: boolean;
};

export type ChannelView = {
  channel: z.infer<typeof channelSchema>;
  mode: ChannelMode;
  /** Whether the channel has a fake provider, so it can run in sandbox mode. */
  sandboxable: boolean;
  /** Web chat needs nothing: it is always on. */
  needsSettings: boolean;
  fields: ChannelField[];
  /** Where the provider must send webhooks (path; the page prefixes the public origin). */
  webhookPath: string;
  updatedAt: string | null;
};

const fieldValue = z.union([z.string().max(4_000), z.number().finite(), z.boolean()]);

/**
 * Going live: the fields as typed. A secret left out keeps the stored one (the page never has it
 * to send back); every field is checked again by the channel's own schema.
 */
export const configureChannelSchema = z.object({
  channel: channelSchema,
  settings: z.record(z.string().max(64), fieldValue).refine((r) => Object.keys(r).length <= 32, "at most 32 settings"),
});
export type ConfigureChannel = z.infer<typeof configureChannelSchema>;

export const channelModeSchema = z.object({ channel: channelSchema, mode: z.enum(["sandbox", "off"]) });

export const testSendSchema = z
  .object({
    channel: channelSchema,
    address: z.string().trim().min(1, "required").max(256),
    text: z.string().trim().min(1, "required").max(1_000),
  })
  // The mail server would answer a malformed address with "No recipients defined": say what is wrong instead.
  .superRefine((input, ctx) => {
    if (input.channel !== "email" || z.email().safeParse(input.address).success) return;
    ctx.addIssue({ code: "invalid_format", format: "email", path: ["address"], input: input.address, message: "Invalid email address" });
  });

/** The customer the sandbox writes as: an address as the channel knows people (a phone, a chat id, an e-mail). */
const sandboxAddress = z.string().trim().min(1, "required").max(128);

export const sandboxWriteSchema = z.object({
  channel: channelSchema,
  address: sandboxAddress,
  name: z.string().trim().max(120).optional(),
  text: z.string().trim().min(1, "required").max(4_000),
});

export const sandboxThreadSchema = z.object({ channel: channelSchema, address: sandboxAddress });

/**
 * Messengers that deliver only to someone who wrote to the business first (Telegram, VK and Viber
 * ever; WhatsApp free text within 24 hours): their fakes refuse the rest, as the providers do.
 */
export const CUSTOMER_WRITES_FIRST: ReadonlySet<z.infer<typeof channelSchema>> = new Set(["telegram", "whatsapp", "vk", "viber"]);

/** A customer address each sandboxed channel accepts, for the Sandbox page to start with. */
export const SANDBOX_SAMPLE_ADDRESS: Partial<Record<z.infer<typeof channelSchema>, string>> = {
  sms: "+14155550100",
  phone: "+14155550100",
  whatsapp: "+14155550100",
  telegram: "100200300",
  vk: "2000000001",
  viber: "01234567890A=",
  email: "ann@example.com",
};

/** Channels whose provider sends no name with a customer's message (VK's callback names the user by id only): the Sandbox asks for none. */
export const NAMELESS_CHANNELS: ReadonlySet<z.infer<typeof channelSchema>> = new Set(["vk"]);
