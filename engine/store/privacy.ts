import { ERASED } from "../contracts/privacy";
import { iso, type Db } from "./db";

/** How erasure and retention rewrite a stored JSON text (engine/privacy/scrub.ts). */
export type Scrubbers = {
  /** An instance snapshot: personal values out, the machine's own state kept. */
  snapshot(json: string): string;
  /** An event, effect list, inbox or outbox payload: ids and types kept, every other value erased. */
  record(json: string): string;
  /** A task's guided steps: texts erased, ticks kept. */
  steps(json: string): string;
};

/** The logs retention shortens, oldest first. */
export type RetainedLog = "messageBodies" | "events" | "inbox" | "outbox";

/** Rows touched by one erasure, by table. */
export type ErasedRows = Record<
  | "identities"
  | "conversations"
  | "messages"
  | "tasks"
  | "cases"
  | "notifications"
  | "handoffs"
  | "instances"
  | "events"
  | "outbox"
  | "inbox"
  | "mergeSuggestions",
  number
>;

const inList = (column: string) => `${column} IN (SELECT value FROM json_each(?))`;

/**
 * Where a customer's personal data lands, table by table: the one place that knows it. Customer
 * text is copied into messages, inbox payloads, instance snapshots and event logs, task titles and
 * steps, cases, notifications and outbox payloads; addresses into identities and conversations.
 * Rows stay (counts add up); their personal values are replaced.
 */
export function createPrivacyRepository(db: Db) {
  const s = {
    customer: db.prepare(`SELECT id, name, fields, createdAt, erasedAt FROM "Customer" WHERE id = ?`),
    identities: db.prepare(`SELECT channel, address, createdAt FROM "CustomerIdentity" WHERE customerId = ? ORDER BY createdAt`),
    conversations: db.prepare(`SELECT id, channel, address, createdAt, updatedAt FROM "Conversation" WHERE customerId = ? ORDER BY createdAt, id`),
    // Instances have no customerId index: erasure and export are rare, a scan is fine.
    instances: db.prepare(
      `SELECT i.id, i.flowId, f.name AS flowName, i.versionId, i.conversationId, i.status, i.snapshot, i.stepCount, i.createdAt, i.updatedAt
       FROM "Instance" i JOIN "Flow" f ON f.id = i.flowId
       WHERE i.customerId = ? OR ${inList("i.conversationId")} ORDER BY i.createdAt, i.id`,
    ),
    messages: db.prepare(
      `SELECT id, conversationId, direction, author, text, buttons, subject, status, createdAt FROM "Message"
       WHERE ${inList("conversationId")} ORDER BY createdAt, id`,
    ),
    tasks: db.prepare(
      `SELECT t.id, t.instanceId, q.name AS queue, t.title, t.steps, t.status, t.outcome, t.priority, t.createdAt, t.completedAt
       FROM "Task" t JOIN "Queue" q ON q.id = t.queueId WHERE t.customerId = ? OR ${inList("t.instanceId")} ORDER BY t.createdAt, t.id`,
    ),
    cases: db.prepare(
      `SELECT id, instanceId, type, status, priority, subject, details, createdAt, updatedAt FROM "Case" WHERE customerId = ? ORDER BY createdAt, id`,
    ),
    notifications: db.prepare(
      `SELECT id, instanceId, audience, level, title, body, createdAt FROM "Notification" WHERE customerId = ? OR ${inList("instanceId")} ORDER BY createdAt, id`,
    ),
    handoffs: db.prepare(`SELECT id, channel, createdAt, expiresAt, usedAt FROM "ChannelHandoff" WHERE customerId = ? ORDER BY createdAt`),
    suggestions: db.prepare(
      `SELECT id, customerId, otherCustomerId, kind, value, source, status, createdAt, decidedAt FROM "MergeSuggestion"
       WHERE customerId = ? OR otherCustomerId = ? ORDER BY createdAt, id`,
    ),
    merges: db.prepare(`SELECT id, survivorId, mergedId, createdAt, splitAt FROM "CustomerMerge" WHERE survivorId = ? OR mergedId = ? ORDER BY createdAt, id`),
    mergedInto: db.prepare(`SELECT id FROM "Customer" WHERE mergedIntoId = ? ORDER BY createdAt, id`),
    events: db.prepare(
      `SELECT id, instanceId, step, type, payload, trail, effects, createdAt FROM "InstanceEvent" WHERE ${inList("instanceId")} ORDER BY instanceId, step`,
    ),
    outbox: db.prepare(
      `SELECT id, instanceId, kind, payload, status, attempts, createdAt FROM "OutboxMessage"
       WHERE ${inList("instanceId")} OR ${inList("json_extract(payload, '$.conversationId')")} ORDER BY createdAt, rowid`,
    ),
    // Inbound events the customer sent (matched by address) or that reached their instances.
    inbox: db.prepare(
      `SELECT id, source, payload, createdAt FROM "InboxMessage"
       WHERE ${inList("instanceId")}
          OR ${inList("json_extract(payload, '$.channel') || char(10) || json_extract(payload, '$.address')")}
          OR ${inList("json_extract(payload, '$.customer.channel') || char(10) || json_extract(payload, '$.customer.address')")}
       ORDER BY createdAt, rowid`,
    ),

    eraseCustomer: db.prepare(`UPDATE "Customer" SET name = NULL, fields = '{}', erasedAt = ? WHERE id = ?`),
    dropIdentities: db.prepare(`DELETE FROM "CustomerIdentity" WHERE customerId = ?`),
    // Unique per conversation: a visitor who calls themselves "[erased]" must not be shown erased conversations.
    eraseConversations: db.prepare(`UPDATE "Conversation" SET address = '${ERASED} ' || id WHERE customerId = ?`),
    eraseMessages: db.prepare(`UPDATE "Message" SET text = '${ERASED}', buttons = NULL, subject = NULL WHERE ${inList("conversationId")}`),
    eraseTask: db.prepare(`UPDATE "Task" SET title = '${ERASED}', steps = ? WHERE id = ?`),
    eraseCases: db.prepare(`UPDATE "Case" SET subject = '${ERASED}', details = '{}' WHERE customerId = ?`),
    eraseNotification: db.prepare(`UPDATE "Notification" SET title = '${ERASED}', body = '${ERASED}' WHERE id = ?`),
    eraseSuggestions: db.prepare(`UPDATE "MergeSuggestion" SET value = '${ERASED}' WHERE (customerId = ? OR otherCustomerId = ?) AND value <> '${ERASED}'`),
    // A link already sent to them must not join a new address to the erased record.
    expireHandoffs: db.prepare(`UPDATE "ChannelHandoff" SET usedAt = ? WHERE customerId = ? AND usedAt IS NULL`),
    setSnapshot: db.prepare(`UPDATE "Instance" SET snapshot = ? WHERE id = ?`),
    setEvent: db.prepare(`UPDATE "InstanceEvent" SET payload = ?, effects = ? WHERE id = ?`),
    setOutbox: db.prepare(`UPDATE "OutboxMessage" SET payload = ?, status = CASE status WHEN 'pending' THEN 'cancelled' ELSE status END WHERE id = ?`),
    setInbox: db.prepare(`UPDATE "InboxMessage" SET payload = ? WHERE id = ?`),
    waiting: db.prepare(`SELECT id FROM "Instance" WHERE status = 'waiting' AND (customerId = ? OR ${inList("conversationId")})`),
  };

  const blankMessage = db.prepare(`UPDATE "Message" SET text = '${ERASED}', buttons = NULL, subject = NULL WHERE rowid = ?`);
  const setEventByRowid = db.prepare(`UPDATE "InstanceEvent" SET payload = ?, effects = ? WHERE rowid = ?`);
  const setInboxByRowid = db.prepare(`UPDATE "InboxMessage" SET payload = ? WHERE rowid = ?`);
  const setOutboxByRowid = db.prepare(`UPDATE "OutboxMessage" SET payload = ? WHERE rowid = ?`);
  // `rowid AS rowid`: in InstanceEvent the rowid is its INTEGER PRIMARY KEY, which would name the column `id`.
  const retained = {
    messageBodies: {
      rows: db.prepare(`SELECT rowid AS rowid, createdAt, NULL AS status FROM "Message" WHERE rowid > ? ORDER BY rowid LIMIT ?`),
      rewrite: (rowid: number) => blankMessage.run(rowid),
    },
    events: {
      rows: db.prepare(`SELECT rowid AS rowid, createdAt, NULL AS status, payload, effects FROM "InstanceEvent" WHERE rowid > ? ORDER BY rowid LIMIT ?`),
      rewrite: (rowid: number, row: Record<string, string>, scrub: Scrubbers) =>
        setEventByRowid.run(scrub.record(row.payload), scrub.record(row.effects), rowid),
    },
    inbox: {
      rows: db.prepare(`SELECT rowid AS rowid, createdAt, NULL AS status, payload FROM "InboxMessage" WHERE rowid > ? ORDER BY rowid LIMIT ?`),
      rewrite: (rowid: number, row: Record<string, string>, scrub: Scrubbers) => setInboxByRowid.run(scrub.record(row.payload), rowid),
    },
    outbox: {
      rows: db.prepare(`SELECT rowid AS rowid, createdAt, status, payload FROM "OutboxMessage" WHERE rowid > ? ORDER BY rowid LIMIT ?`),
      rewrite: (rowid: number, row: Record<string, string>, scrub: Scrubbers) => setOutboxByRowid.run(scrub.record(row.payload), rowid),
    },
  };

  /** The ids that scope every other query: the customer's conversations, instances and addresses. */
  function scope(customerId: string) {
    const conversations = s.conversations.all(customerId) as { id: string; channel: string; address: string; createdAt: string; updatedAt: string }[];
    const conversationIds = JSON.stringify(conversations.map((c) => c.id));
    const instances = s.instances.all(customerId, conversationIds) as InstanceHolding[];
    const identities = s.identities.all(customerId) as { channel: string; address: string; createdAt: string }[];
    // Addresses the customer wrote from: their identities and (after a hand-off or an earlier erasure) their conversations.
    const addresses = JSON.stringify([...new Set([...identities, ...conversations].map((a) => `${a.channel}\n${a.address}`))]);
    return { conversations, conversationIds, instances, instanceIds: JSON.stringify(instances.map((i) => i.id)), identities, addresses };
  }

  /** Everything held about a customer, with the scope's id lists for the writes that follow. */
  function read(customerId: string) {
    const customer = s.customer.get(customerId) as { id: string; name: string | null; fields: string; createdAt: string; erasedAt: string | null } | undefined;
    if (!customer) return undefined;
    const { conversations, conversationIds, instances, instanceIds, identities, addresses } = scope(customerId);
    const holdings = {
      customer,
      identities,
      conversations,
      messages: s.messages.all(conversationIds) as MessageHolding[],
      tasks: s.tasks.all(customerId, instanceIds) as TaskHolding[],
      cases: s.cases.all(customerId) as CaseHolding[],
      instances,
      events: s.events.all(instanceIds) as EventHolding[],
      outbox: s.outbox.all(instanceIds, conversationIds) as {
        id: string;
        instanceId: string | null;
        kind: string;
        payload: string;
        status: string;
        createdAt: string;
      }[],
      inbox: s.inbox.all(instanceIds, addresses, addresses) as { id: string; source: string; payload: string; createdAt: string }[],
      notifications: s.notifications.all(customerId, instanceIds) as { id: string; title: string; body: string; level: string; createdAt: string }[],
      handoffs: s.handoffs.all(customerId) as { id: string; channel: string; createdAt: string; expiresAt: string; usedAt: string | null }[],
      mergeSuggestions: s.suggestions.all(customerId, customerId) as Record<string, string | null>[],
      merges: s.merges.all(customerId, customerId) as { id: string; survivorId: string; mergedId: string; createdAt: string; splitAt: string | null }[],
    };
    return { holdings, conversationIds };
  }

  return {
    /** Everything held about a customer, as stored (JSON columns still text); undefined when there is no such customer. */
    holdings: (customerId: string) => read(customerId)?.holdings,

    /** Customers merged into this one, and into those, and so on (erased and exported with it). */
    mergedInto(customerId: string): string[] {
      const found: string[] = [];
      for (let next = [customerId]; next.length; ) {
        next = next.flatMap((id) => (s.mergedInto.all(id) as { id: string }[]).map((r) => r.id)).filter((id) => !found.includes(id));
        found.push(...next);
      }
      return found;
    },

    /** Instances of the customer still waiting for something (erasure stops them first). */
    waitingInstances(customerId: string): string[] {
      const { conversationIds } = scope(customerId);
      return (s.waiting.all(customerId, conversationIds) as { id: string }[]).map((r) => r.id);
    },

    /**
     * Replaces the customer's personal data everywhere it landed; call inside a transaction. Their
     * identities go, so the next message from one of those addresses starts a new customer.
     */
    erase(customerId: string, at: number, scrub: Scrubbers): ErasedRows {
      // Everything is read (the inbox by address) before anything is erased.
      const found = read(customerId);
      if (!found) return emptyCounts();
      const { holdings: held, conversationIds } = found;
      s.eraseCustomer.run(iso(at), customerId);
      for (const t of held.tasks) s.eraseTask.run(scrub.steps(t.steps), t.id);
      for (const n of held.notifications) s.eraseNotification.run(n.id);
      for (const i of held.instances) s.setSnapshot.run(scrub.snapshot(i.snapshot), i.id);
      for (const e of held.events) s.setEvent.run(scrub.record(e.payload), scrub.record(e.effects), e.id);
      for (const o of held.outbox) s.setOutbox.run(scrub.record(o.payload), o.id);
      for (const r of held.inbox) s.setInbox.run(scrub.record(r.payload), r.id);
      return {
        identities: s.dropIdentities.run(customerId).changes,
        conversations: s.eraseConversations.run(customerId).changes,
        messages: s.eraseMessages.run(conversationIds).changes,
        tasks: held.tasks.length,
        cases: s.eraseCases.run(customerId).changes,
        notifications: held.notifications.length,
        handoffs: s.expireHandoffs.run(iso(at), customerId).changes,
        instances: held.instances.length,
        events: held.events.length,
        outbox: held.outbox.length,
        inbox: held.inbox.length,
        mergeSuggestions: s.eraseSuggestions.run(customerId, customerId).changes,
      };
    },

    /**
     * Retention: rewrites rows of `log` written before `cutoff` (ms), oldest first, starting after
     * `afterRowid`, at most `limit`. Rows go in insertion order, so the progress is one rowid; a
     * pending outbox row stops the outbox's progress (it has yet to be sent).
     */
    expire(log: RetainedLog, afterRowid: number, cutoff: number, scrub: Scrubbers, limit = 500): { lastRowid: number; count: number; done: boolean } {
      const r = retained[log];
      const rows = r.rows.all(afterRowid, limit) as ({ rowid: number; createdAt: string; status: string | null } & Record<string, string>)[];
      let lastRowid = afterRowid;
      let count = 0;
      for (const row of rows) {
        if (Date.parse(row.createdAt) >= cutoff || row.status === "pending") return { lastRowid, count, done: true };
        r.rewrite(row.rowid, row, scrub);
        lastRowid = row.rowid;
        count++;
      }
      return { lastRowid, count, done: rows.length < limit };
    },
  };
}

export type InstanceHolding = {
  id: string;
  flowId: string;
  flowName: string;
  versionId: string;
  conversationId: string | null;
  status: string;
  snapshot: string;
  stepCount: number;
  createdAt: string;
  updatedAt: string;
};
export type MessageHolding = {
  id: string;
  conversationId: string;
  direction: string;
  author: string;
  text: string;
  buttons: string | null;
  subject: string | null;
  status: string;
  createdAt: string;
};
export type TaskHolding = {
  id: string;
  instanceId: string | null;
  queue: string;
  title: string;
  steps: string;
  status: string;
  outcome: string | null;
  priority: number;
  createdAt: string;
  completedAt: string | null;
};
export type CaseHolding = {
  id: string;
  instanceId: string | null;
  type: string;
  status: string;
  priority: number;
  subject: string;
  details: string;
  createdAt: string;
  updatedAt: string;
};
export type EventHolding = { id: number; instanceId: string; step: number; type: string; payload: string; trail: string; effects: string; createdAt: string };

const emptyCounts = (): ErasedRows => ({
  identities: 0,
  conversations: 0,
  messages: 0,
  tasks: 0,
  cases: 0,
  notifications: 0,
  handoffs: 0,
  instances: 0,
  events: 0,
  outbox: 0,
  inbox: 0,
  mergeSuggestions: 0,
});

export type PrivacyRepository = ReturnType<typeof createPrivacyRepository>;
export type CustomerHoldings = NonNullable<ReturnType<PrivacyRepository["holdings"]>>;
