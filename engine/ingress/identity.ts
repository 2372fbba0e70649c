import type { ContactClaim } from "../contracts/contact";
import type { Channel, CustomerRef } from "../contracts/events";
import type { ConversationRepository } from "../store/conversations";
import type { CustomerRepository } from "../store/customers";
import type { HandoffRepository } from "../store/handoffs";

/**
 * Recognising the customer: a channel address finds (or creates) the customer known there, and
 * opens their conversation on it. A hand-off token joins a new address to a customer already known.
 */
export function createIdentity(repos: { customers: CustomerRepository; conversations: ConversationRepository; handoffs: HandoffRepository }) {
  const { customers, conversations, handoffs } = repos;

  /** Finds or creates the customer known on `channel` by `address`. */
  function resolve(channel: string, address: string, name: string | null, at: number) {
    const found = customers.byIdentity(channel, address);
    if (found) {
      if (name && !found.name) customers.nameIfUnknown(found.id, name);
      return { id: found.id, name: found.name ?? name };
    }
    const id = customers.create(name, at);
    customers.addIdentity(id, channel, address, at);
    return { id, name };
  }

  return {
    /** Identifies a customer by a channel address and opens their conversation there. */
    customerOn(channel: Channel, address: string, name: string | null, at: number) {
      const customer = resolve(channel, address, name, at);
      const conversationId = conversations.open(customer.id, channel, address, at);
      return { customer: { id: customer.id, name: customer.name, channel, address } satisfies CustomerRef, conversationId };
    },

    /**
     * A customer on `channel` / `address` says how else to reach them (the chat widget's contact form).
     * Kept in their CRM fields `email` / `phone` (created as a customer if they have not written yet).
     * Hook for identity resolution: here the claim can become an identity, or a suggested merge
     * when another customer already holds it.
     */
    claimContact(channel: Channel, address: string, claim: ContactClaim, at: number): { customerId: string } {
      const customer = resolve(channel, address, null, at);
      customers.mergeFields(customer.id, claim);
      return { customerId: customer.id };
    },

    /**
     * A first message that carries a hand-off token ("/start <token>" from a Telegram deep link, or the
     * bare token a WhatsApp link pre-fills) joins this channel address to the customer who got the
     * link, so they are recognised here with their history. A token works once, until it expires,
     * and never takes over an address already known as someone else.
     */
    redeemHandoff(channel: string, address: string, text: string, at: number): boolean {
      const token = /^(?:\/start\s+)?([A-Za-z0-9_-]{8,64})$/.exec(text.trim())?.[1];
      if (!token) return false;
      const handoff = handoffs.unused(token, channel);
      if (!handoff || handoff.expiresAt < at || customers.byIdentity(channel, address)) return false;
      customers.addIdentity(handoff.customerId, channel, address, at);
      handoffs.markUsed(token, at);
      return true;
    },
  };
}
