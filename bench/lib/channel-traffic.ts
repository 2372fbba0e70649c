import { randomUUID } from "node:crypto";
import type { RawRequest } from "../../engine/channels/channel";
import type { ProviderFake } from "../../engine/channels/provider-fake";
import { importFakeModule, installedChannels } from "../../engine/channels/registry";
import { webchatRequest } from "../../engine/channels/webchat/samples";
import type { Engine } from "../../engine/index";
import { openDatabase } from "../../engine/store/db";
import { CYCLE, mixMessage } from "./demo-mix";

/** The channels whose provider posts signed webhooks (e-mail's inbound-parse webhook included). */
export const WEBHOOK_CHANNELS = ["telegram", "whatsapp", "sms", "vk", "viber", "email"] as const;
/** The channels sent to over HTTP (e-mail goes out over SMTP). */
export const HTTP_SEND_CHANNELS = ["telegram", "whatsapp", "sms", "vk", "viber"] as const;
export type WebhookChannel = (typeof WEBHOOK_CHANNELS)[number];

const webhookUrl = (channel: string) => `http://127.0.0.1:4600/api/channels/${channel}/inbound`;

/** Customer `n` as the channel knows them: a user id (Telegram, VK), a phone (E.164; WhatsApp without "+"), a Viber id, a mailbox. */
export function addressOf(channel: WebhookChannel, n: number): string {
  switch (channel) {
    case "telegram":
    case "vk":
      return String(100_000_000 + n);
    case "whatsapp":
    case "sms":
      return `+4474${String(n).padStart(8, "0")}`;
    case "viber":
      return `bench${n}viberUser==`;
    case "email":
      return `customer${n}@mail.example`;
  }
}

/** The sandbox settings of a channel: the adapter and its fake provider built from the same ones sign and verify alike. */
export function settingsOf(channel: WebhookChannel): Record<string, unknown> {
  const settings = installedChannels.get(channel)?.sandboxSettings?.();
  if (!settings) throw new Error(`${channel} has no sandbox settings`);
  return settings;
}

export async function fakeOf(channel: WebhookChannel, settings: Record<string, unknown>): Promise<ProviderFake> {
  const module = await importFakeModule(channel);
  if (!module) throw new Error(`${channel} has no fake provider`);
  return module.createFake(settings);
}

/** Which customer of the cycle writes in each slot of the demo mix (a, b, then c twice). */
const WHO = [0, 1, 2, 2];

/**
 * The demo mix's requests for `cycles` cycles, as each channel's provider sends them (its fake's
 * `customerWrites`, signed), built before timing; web chat's carry each visitor's signed token.
 * Customers are numbered from `first`, three per cycle.
 */
export async function mixRequests(
  engine: Engine,
  channel: WebhookChannel | "webchat",
  fake: ProviderFake | null,
  prefix: string,
  cycles: number,
  first: number,
) {
  const requests: RawRequest[][] = [];
  for (let cycle = 0; cycle < cycles; cycle++) {
    const visitors = channel === "webchat" ? [0, 1, 2].map(() => engine.webchat.newVisitor()) : [];
    const row: RawRequest[] = [];
    for (let slot = 0; slot < CYCLE; slot++) {
      const { text, name } = mixMessage(prefix, cycle, slot);
      const n = first + cycle * 3 + WHO[slot];
      if (channel === "webchat") {
        const { visitorId, token } = visitors[WHO[slot]];
        // A random message id, as the widget makes one (public/widget.js), as each fake makes its provider's ids.
        const body = { visitorId, messageId: randomUUID(), text, ...(name && { name }) };
        row.push(webchatRequest(body, { authorization: `Bearer ${token}` }));
      } else if (fake) row.push(fake.customerWrites({ address: addressOf(channel, n), name: name ?? undefined }, text, webhookUrl(channel)));
    }
    requests.push(row);
  }
  return requests;
}

/** Inbound messages committed (a check that every request was taken, not refused or deduplicated). */
export function countInbound(engine: Engine): number {
  const db = openDatabase(engine.dbFile);
  try {
    return db.prepare(`SELECT COUNT(*) FROM "Message" WHERE direction = 'in'`).pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Drops the queued replies: intake figures run with background off, and closing would send them all. */
export function dropOutbox(engine: Engine): void {
  const db = openDatabase(engine.dbFile);
  try {
    db.prepare(`DELETE FROM "OutboxMessage"`).run();
  } finally {
    db.close();
  }
}
