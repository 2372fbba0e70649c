/**
 * A channel's fake provider: a small, faithful stand-in for the provider's API and webhooks. Tests
 * serve it on 127.0.0.1 (engine/testing/serve-fake.ts) and point the adapter's base URL at it; the
 * sandbox answers a sandboxed adapter's calls with it in-process and shows what it took as the
 * customer's phone, mailbox or messenger. Each channel folder's `fake.ts` exports `createFake(settings)`.
 */
import type { Channel } from "../contracts/events";
import type { OutboundRequest, OutboundResponse } from "../contracts/outbound";
import type { ChannelAnswer, DeliveryStatus, RawRequest } from "./channel";

/** A message the provider took from us: what the customer's device shows. */
export type FakeDelivery = { providerMessageId: string; address: string; text: string; buttons: string[]; at: number };

/** The customer writing on the channel, as the provider identifies them. */
export type FakeCustomer = { address: string; name?: string };

export type ProviderFake = {
  channel: Channel;
  /**
   * Answers one call to the provider's API as the provider would, including its refusals (a wrong
   * token, a malformed payload). The URL's origin is ignored: only the path and query count.
   */
  answer(request: Pick<OutboundRequest, "url" | "method" | "headers" | "body">): Promise<OutboundResponse>;
  /** Messages taken so far, oldest first. */
  deliveries(): FakeDelivery[];
  /** The webhook the provider sends when `customer` writes `text` (signed as the provider signs it) to `webhookUrl`. */
  customerWrites(customer: FakeCustomer, text: string, webhookUrl: string): RawRequest;
  /** The provider reads our answer to its webhook `request` (voice: the TwiML the caller then hears, recorded as deliveries). */
  answered?(request: RawRequest, answer: ChannelAnswer): void;
  /**
   * A webhook the customer's side sends on its own once it read an answer, null when none: a caller
   * who dialled to say something says it when the call first listens (voice: `customerWrites` only dials).
   */
  nextRequest?(): RawRequest | null;
  /** The webhook reporting `status` for a message the provider took, when the provider reports statuses. */
  statusReport?(providerMessageId: string, status: DeliveryStatus["status"], webhookUrl: string): RawRequest;
  /**
   * A provider reached over another protocol than HTTP (e-mail's SMTP) is served on 127.0.0.1 at
   * the port its sandbox settings name; the sandbox starts it when the adapter first connects.
   */
  listen?(port: number): Promise<{ port: number }>;
  /** Stops what `listen` started. */
  close?(): Promise<void>;
};

/** What a channel folder's `fake.ts` exports. */
export type ProviderFakeModule = { createFake(settings: unknown): ProviderFake };
