import type { CustomerHoldings } from "../store/privacy";

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** What a flow instance remembers, from its snapshot: the variables and the last message. */
function remembered(snapshot: string) {
  const context = (JSON.parse(snapshot) as { context?: { vars?: unknown; message?: unknown; customer?: unknown } }).context ?? {};
  return { variables: context.vars ?? {}, lastMessage: context.message ?? null, customer: context.customer ?? null };
}

/**
 * One JSON document with everything held about a customer, as a person (or their data-protection
 * officer) reads it: profile, identities, conversations with their messages, tasks, cases, flow
 * instances with their variables and event log, outbound effects, inbound events, notifications.
 */
export function customerExport(held: CustomerHoldings, at: number) {
  const { customer } = held;
  return {
    format: "omniflow.customer-export",
    version: 1,
    exportedAt: new Date(at).toISOString(),
    customer: { ...customer, fields: json(customer.fields) },
    identities: held.identities,
    conversations: held.conversations.map((c) => ({
      ...c,
      messages: held.messages.filter((m) => m.conversationId === c.id).map(({ conversationId: _, ...m }) => ({ ...m, buttons: json(m.buttons) })),
    })),
    tasks: held.tasks.map((t) => ({ ...t, steps: json(t.steps) })),
    cases: held.cases.map((c) => ({ ...c, details: json(c.details) })),
    instances: held.instances.map(({ snapshot, ...i }) => ({
      ...i,
      ...remembered(snapshot),
      events: held.events
        .filter((e) => e.instanceId === i.id)
        .map(({ id: _, instanceId: __, ...e }) => ({ ...e, payload: json(e.payload), trail: json(e.trail), effects: json(e.effects) })),
    })),
    outbox: held.outbox.map((o) => ({ ...o, payload: json(o.payload) })),
    inbox: held.inbox.map((r) => ({ ...r, payload: json(r.payload) })),
    notifications: held.notifications,
    handoffs: held.handoffs,
    mergeSuggestions: held.mergeSuggestions,
    merges: held.merges,
  };
}

export type CustomerExport = ReturnType<typeof customerExport>;
