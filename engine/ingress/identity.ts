import type { InboundThread } from "../channels/channel";
import type { ContactClaim } from "../contracts/contact";
import type { Channel, CustomerRef } from "../contracts/events";
import { inputError } from "../contracts/errors";
import type { GivenIdentity, IdentitySource } from "../contracts/identity";
import { findIdentifiers } from "../customers/find-identifiers";
import { channelKey, channelOfKind, normaliseIdentity } from "../customers/identity-key";
import type { ConversationRepository } from "../store/conversations";
import type { CustomerRepository } from "../store/customers";
import type { HandoffRepository } from "../store/handoffs";
import type { MergeRepository } from "../store/merges";

/** What became of an identifier a customer gave: filed under them, already theirs, or another customer's (a merge is suggested). */
export type IdentifyOutcome = { status: "added" | "known" | "suggested" | "already-suggested"; kind: GivenIdentity["kind"]; value: string };

type IdentityRepos = { customers: CustomerRepository; conversations: ConversationRepository; handoffs: HandoffRepository; merges: MergeRepository };

/**
 * Recognising the customer: a channel address finds (or creates) the customer known there, and
 * opens their conversation on it. Phone numbers (E.164, read in the default region) and e-mails
 * (lower-cased) are one identity across channels: the same number on SMS, WhatsApp and voice is one
 * customer. A hand-off token joins a new address to a customer already known. An identifier a
 * customer gives that another customer holds is never merged silently: a merge is suggested.
 */
export function createIdentity(repos: IdentityRepos, region: () => string) {
  const { customers, conversations, handoffs, merges } = repos;

  /** The channel address in its normal form (E.164, lower-cased e-mail) and the identity it is known by. */
  function keyed(channel: string, address: string) {
    const key = channelKey(channel, address, region());
    return { channel, address: key.kind === "channel" ? address : key.value, kind: key.kind, value: key.value };
  }

  /** Finds the customer known on `channel` by `address` (or by the same phone or e-mail on another channel), or creates them. */
  function resolve(identity: ReturnType<typeof keyed>, name: string | null, at: number) {
    const known = customers.byIdentity(identity.channel, identity.address);
    const sameKey = known || identity.kind === "channel" ? undefined : customers.byKey(identity.kind, identity.value);
    const found = known ?? sameKey;
    if (!found) {
      const id = customers.create(name, at);
      customers.addIdentity(id, identity, at);
      return { id, name };
    }
    // Known by the same phone or e-mail elsewhere: this channel's address joins them.
    if (sameKey) customers.addIdentity(found.id, identity, at);
    if (name && !found.name) customers.nameIfUnknown(found.id, name);
    return { id: found.id, name: found.name ?? name };
  }

  /** Files a given identifier under the customer, or suggests a merge when another customer holds it. */
  function give(customerId: string, given: GivenIdentity, source: IdentitySource, at: number): IdentifyOutcome | null {
    const key = normaliseIdentity(given.kind, given.value, region());
    if (!key) return null;
    const holder = customers.byKey(key.kind, key.value);
    if (!holder) {
      customers.addIdentity(customerId, { channel: channelOfKind(key.kind), address: key.value, ...key }, at);
      return { status: "added", ...key };
    }
    if (holder.id === customerId || customers.holds(customerId, key.kind, key.value)) return { status: "known", ...key };
    const suggested = merges.suggest(customerId, holder.id, key, source, at);
    return { status: suggested ? "suggested" : "already-suggested", ...key };
  }

  return {
    /** A channel address in its normal form: what conversations, the inbox and sends use. */
    normalAddress: (channel: string, address: string) => keyed(channel, address).address,

    /**
     * Identifies a customer by a channel address and opens their conversation there; a threaded
     * message (e-mail) goes to the conversation of theirs it names, when it names one.
     */
    customerOn(channel: Channel, address: string, name: string | null, at: number, thread?: InboundThread) {
      const identity = keyed(channel, address);
      const customer = resolve(identity, name, at);
      const conversationId = (thread && conversations.threaded(customer.id, thread, at)) || conversations.open(customer.id, channel, identity.address, at);
      return { customer: { id: customer.id, name: customer.name, channel, address: identity.address } satisfies CustomerRef, conversationId };
    },

    /**
     * An identifier the customer gave (the widget's "leave your e-mail", a shared contact): filed
     * under them when nobody holds it, else a merge suggestion for the operator. Refused when the
     * value is not a valid phone or e-mail, or the customer is unknown or merged into another.
     */
    identify(customerId: string, given: GivenIdentity, source: IdentitySource, at: number): IdentifyOutcome {
      const customer = customers.state(customerId);
      if (!customer) throw inputError("customer.not-found", { customerId }, "customerId");
      if (customer.mergedIntoId) throw inputError("customer.merged", { customerId }, "customerId");
      const outcome = give(customerId, given, source, at);
      if (!outcome) throw inputError("customer.identity-invalid", { kind: given.kind, value: given.value.slice(0, 100) }, "value");
      return outcome;
    },

    /**
     * What a message yields about who the customer is: identities the channel vouches for (a shared
     * contact) are given; e-mails and phones typed in the text only raise a merge suggestion when
     * another customer holds them (a typed number may be anyone's, so it is not filed).
     */
    notice(customerId: string, text: string, vouched: GivenIdentity[] | undefined, at: number): void {
      for (const given of vouched ?? []) give(customerId, given, "contact", at);
      for (const found of findIdentifiers(text, region())) {
        const holder = customers.byKey(found.kind, found.value);
        if (holder && holder.id !== customerId && !customers.holds(customerId, found.kind, found.value))
          merges.suggest(customerId, holder.id, found, "text", at);
      }
    },

    /**
     * A customer on `channel` / `address` says how else to reach them (the chat widget's contact form).
     * Kept in their CRM fields `email` / `phone` (created as a customer if they have not written yet),
     * and given as identities: filed under them when nobody holds them, else a merge suggestion.
     */
    claimContact(channel: Channel, address: string, claim: ContactClaim, at: number): { customerId: string } {
      const customer = resolve(keyed(channel, address), null, at);
      customers.mergeFields(customer.id, claim);
      if (claim.email) give(customer.id, { kind: "email", value: claim.email }, "widget", at);
      if (claim.phone) give(customer.id, { kind: "phone", value: claim.phone }, "widget", at);
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
      const identity = keyed(channel, address);
      if (!handoff || handoff.expiresAt < at || customers.byIdentity(channel, identity.address)) return false;
      customers.addIdentity(handoff.customerId, identity, at);
      handoffs.markUsed(token, at);
      return true;
    },
  };
}

export type Identity = ReturnType<typeof createIdentity>;
