import { newId } from "./ids";
import { CONVERSATION_GAP_MS, TASK_PRIORITIES, type Channel, type Effect } from "../contracts/events";
import { iso, type Db } from "./db";

export type InstanceRow = {
  id: string;
  flowId: string;
  versionId: string;
  conversationId: string | null;
  customerId: string | null;
  status: string;
  snapshot: string;
  stepCount: number;
};

/** What an outbox row carries for a send. A null address fails at dispatch (no such identity). */
export type OutboxPayload = {
  messageId: string;
  conversationId: string;
  channel: Channel;
  address: string | null;
  text: string;
  /** Quick replies; adapters that cannot show buttons spell them out. */
  buttons?: string[];
  nodeId: string;
  awaitDelivery: boolean;
};

export type StepWrite = {
  instanceId: string;
  isNew: boolean;
  flowId: string;
  versionId: string;
  conversationId: string | null;
  customerId: string | null;
  status: string;
  state: string;
  snapshot: string;
  step: number;
  eventType: string;
  eventPayload: string;
  trail: string[];
  effects: Effect[];
  at: number;
  /** Where message.send effects go. */
  reply: { channel: Channel; address: string } | null;
};

/**
 * The hot path's SQL: prepared better-sqlite3 statements on the tables Prisma's schema defines.
 * Callers wrap calls in one transaction per step (see runtime/intake.ts).
 */
export function createStepStore(db: Db) {
  const s = {
    inboxInsert: db.prepare(`INSERT OR IGNORE INTO "InboxMessage" (id, source, payload, createdAt) VALUES (?, ?, ?, ?)`),
    inboxGet: db.prepare(`SELECT instanceId FROM "InboxMessage" WHERE id = ?`),
    inboxLink: db.prepare(`UPDATE "InboxMessage" SET instanceId = ? WHERE id = ?`),
    identityFind: db.prepare(`SELECT c.id, c.name FROM "CustomerIdentity" i JOIN "Customer" c ON c.id = i.customerId WHERE i.channel = ? AND i.address = ?`),
    customerInsert: db.prepare(`INSERT INTO "Customer" (id, name, createdAt) VALUES (?, ?, ?)`),
    customerName: db.prepare(`UPDATE "Customer" SET name = ? WHERE id = ? AND name IS NULL`),
    identityInsert: db.prepare(`INSERT INTO "CustomerIdentity" (id, customerId, channel, address, createdAt) VALUES (?, ?, ?, ?, ?)`),
    conversationFind: db.prepare(`SELECT id FROM "Conversation" WHERE customerId = ? AND channel = ? AND address = ? ORDER BY createdAt DESC LIMIT 1`),
    conversationInsert: db.prepare(`INSERT INTO "Conversation" (id, customerId, channel, address, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)`),
    conversationLastMessage: db.prepare(`SELECT createdAt FROM "Message" WHERE conversationId = ? ORDER BY createdAt DESC LIMIT 1`),
    conversationTouch: db.prepare(`UPDATE "Conversation" SET updatedAt = ? WHERE id = ?`),
    messageInsert: db.prepare(`INSERT INTO "Message" (id, conversationId, direction, author, text, providerId, status, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    botMessageInsert: db.prepare(`INSERT INTO "Message" (id, conversationId, direction, author, text, buttons, status, createdAt) VALUES (?, ?, 'out', 'bot', ?, ?, 'queued', ?)`),
    // Ids are time-ordered: a subflow started in its caller's step (same createdAt) comes first.
    instanceWaiting: db.prepare(`SELECT * FROM "Instance" WHERE conversationId = ? AND status = 'waiting' ORDER BY createdAt DESC, id DESC LIMIT 1`),
    instanceGet: db.prepare(`SELECT * FROM "Instance" WHERE id = ?`),
    instanceInsert: db.prepare(`INSERT INTO "Instance" (id, flowId, versionId, conversationId, customerId, status, state, snapshot, stepCount, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    instanceUpdate: db.prepare(`UPDATE "Instance" SET status = ?, state = ?, snapshot = ?, stepCount = ?, updatedAt = ? WHERE id = ?`),
    eventInsert: db.prepare(`INSERT INTO "InstanceEvent" (instanceId, step, type, payload, trail, effects, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    outboxInsert: db.prepare(`INSERT INTO "OutboxMessage" (id, instanceId, kind, payload, status, attempts, createdAt) VALUES (?, ?, ?, ?, 'pending', 0, ?)`),
    customerIdentity: db.prepare(`SELECT c.id, c.name, i.channel, i.address FROM "Customer" c JOIN "CustomerIdentity" i ON i.customerId = c.id WHERE c.id = ? ORDER BY i.createdAt LIMIT 1`),
    identityAddress: db.prepare(`SELECT address FROM "CustomerIdentity" WHERE customerId = ? AND channel = ? ORDER BY createdAt DESC LIMIT 1`),
    outboxSettle: db.prepare(`UPDATE "OutboxMessage" SET status = ?, attempts = attempts + 1, lastError = ?, doneAt = ? WHERE id = ? AND status = 'pending'`),
    messageStatus: db.prepare(`UPDATE "Message" SET status = ? WHERE id = ?`),
    timerInsert: db.prepare(`INSERT OR IGNORE INTO "Timer" (id, instanceId, nodeId, dueAt, status, createdAt) VALUES (?, ?, ?, ?, 'pending', ?)`),
    timerCancel: db.prepare(`UPDATE "Timer" SET status = 'cancelled' WHERE id = ? AND status = 'pending'`),
    timerClaim: db.prepare(`UPDATE "Timer" SET status = 'fired' WHERE id = ? AND status = 'pending'`),
    timersDue: db.prepare(`SELECT id, instanceId, nodeId, dueAt FROM "Timer" WHERE status = 'pending' AND dueAt <= ? ORDER BY dueAt LIMIT ?`),
    queueFind: db.prepare(`SELECT id FROM "Queue" WHERE name = ?`),
    queueInsert: db.prepare(`INSERT INTO "Queue" (id, name, createdAt) VALUES (?, ?, ?)`),
    customerFields: db.prepare(`UPDATE "Customer" SET fields = json_patch(fields, ?) WHERE id = ?`),
    // A node that runs again in the same instance updates its case (same id, merged details).
    caseUpsert: db.prepare(
      `INSERT INTO "Case" (id, customerId, instanceId, nodeId, type, status, priority, subject, details, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (instanceId, type) DO UPDATE SET nodeId = excluded.nodeId, status = excluded.status, priority = excluded.priority,
       subject = excluded.subject, details = json_patch(details, excluded.details), updatedAt = excluded.updatedAt`,
    ),
    taskInsert: db.prepare(`INSERT OR IGNORE INTO "Task" (id, instanceId, nodeId, queueId, title, steps, outcomes, status, priority, dueAt, skills, customerId, conversationId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)`),
    // Escalation moves an open task; a task completed meanwhile stays where it was done.
    taskEscalate: db.prepare(`UPDATE "Task" SET queueId = ?, priority = ?, dueAt = ?, escalations = escalations + 1, steps = json_insert(steps, '$[#]', json(?)) WHERE id = ? AND status = 'open'`),
    // Subflows a caller started and that still wait (same conversation; `IS` also matches none).
    calledBy: db.prepare(`SELECT * FROM "Instance" WHERE status = 'waiting' AND conversationId IS ? AND json_extract(snapshot, '$.context.caller.instanceId') = ?`),
    instanceCancel: db.prepare(`UPDATE "Instance" SET status = 'cancelled', updatedAt = ? WHERE id = ? AND status = 'waiting'`),
    instanceTimersCancel: db.prepare(`UPDATE "Timer" SET status = 'cancelled' WHERE instanceId = ? AND status = 'pending'`),
    instanceTasksCancel: db.prepare(`UPDATE "Task" SET status = 'cancelled', completedAt = ? WHERE instanceId = ? AND status = 'open'`),
    taskCancel: db.prepare(`UPDATE "Task" SET status = 'cancelled', completedAt = ? WHERE id = ? AND status = 'open'`),
    notificationInsert: db.prepare(`INSERT OR IGNORE INTO "Notification" (id, instanceId, nodeId, audience, level, title, body, customerId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    handoffFind: db.prepare(`SELECT customerId, expiresAt FROM "ChannelHandoff" WHERE id = ? AND channel = ? AND usedAt IS NULL`),
    handoffUse: db.prepare(`UPDATE "ChannelHandoff" SET usedAt = ? WHERE id = ?`),
    handoffInsert: db.prepare(`INSERT OR IGNORE INTO "ChannelHandoff" (id, customerId, conversationId, instanceId, channel, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?, ?, ?)`),
  };

  /** Finds or creates the customer known on `channel` by `address` (identity resolution). */
  function resolveCustomer(channel: string, address: string, name: string | null, at: number) {
    const found = s.identityFind.get(channel, address) as { id: string; name: string | null } | undefined;
    if (found) {
      if (name && !found.name) s.customerName.run(name, found.id);
      return { id: found.id, name: found.name ?? name };
    }
    const id = newId();
    s.customerInsert.run(id, name, iso(at));
    s.identityInsert.run(newId(), id, channel, address, iso(at));
    return { id, name };
  }

  /**
   * A first message that carries a hand-off token ("/start <token>" from a Telegram deep link, or the
   * bare token a WhatsApp link pre-fills) joins this channel address to the customer who got the
   * link, so they are recognised here with their history. A token works once, until it expires,
   * and never takes over an address already known as someone else.
   */
  function redeemHandoff(channel: string, address: string, text: string, at: number): boolean {
    const token = /^(?:\/start\s+)?([A-Za-z0-9_-]{8,64})$/.exec(text.trim())?.[1];
    if (!token) return false;
    const handoff = s.handoffFind.get(token, channel) as { customerId: string; expiresAt: string } | undefined;
    if (!handoff || Date.parse(handoff.expiresAt) < at || s.identityFind.get(channel, address)) return false;
    s.identityInsert.run(newId(), handoff.customerId, channel, address, iso(at));
    s.handoffUse.run(iso(at), token);
    return true;
  }

  /** Whether a message at `at` opens the conversation: nothing was said in it before, or not for a long quiet gap. */
  function opensConversation(conversationId: string, at: number): boolean {
    const last = s.conversationLastMessage.get(conversationId) as { createdAt: string } | undefined;
    return !last || at - Date.parse(last.createdAt) > CONVERSATION_GAP_MS;
  }

  /** The customer's current conversation on this channel address, opened if there is none. */
  function openConversation(customerId: string, channel: string, address: string, at: number): string {
    const found = s.conversationFind.get(customerId, channel, address) as { id: string } | undefined;
    if (found) {
      s.conversationTouch.run(iso(at), found.id);
      return found.id;
    }
    const id = newId();
    s.conversationInsert.run(id, customerId, channel, address, iso(at), iso(at));
    return id;
  }

  function queueId(name: string, at: number): string {
    const found = s.queueFind.get(name) as { id: string } | undefined;
    if (found) return found.id;
    const id = newId();
    s.queueInsert.run(id, name, iso(at));
    return id;
  }

  /** The customer's address on another channel (null when they are not known there). */
  function addressOn(customerId: string | null, channel: string): string | null {
    if (!customerId) return null;
    return (s.identityAddress.get(customerId, channel) as { address: string } | undefined)?.address ?? null;
  }

  /** Persists one step: snapshot, log row, and every effect as a row (outbox, timer, task, CRM). */
  function writeStep(w: StepWrite): void {
    const at = iso(w.at);
    if (w.isNew) {
      s.instanceInsert.run(w.instanceId, w.flowId, w.versionId, w.conversationId, w.customerId, w.status, w.state, w.snapshot, w.step, at, at);
    } else {
      s.instanceUpdate.run(w.status, w.state, w.snapshot, w.step, at, w.instanceId);
    }
    s.eventInsert.run(w.instanceId, w.step, w.eventType, w.eventPayload, JSON.stringify(w.trail), JSON.stringify(w.effects), at);
    for (const effect of w.effects) {
      switch (effect.kind) {
        case "message.send": {
          if (!w.reply || !w.conversationId) break; // no conversation to answer in
          const messageId = newId();
          const buttons = effect.buttons?.length ? effect.buttons : undefined;
          s.botMessageInsert.run(messageId, w.conversationId, effect.text, buttons ? JSON.stringify(buttons) : null, at);
          const channel = effect.channel ?? w.reply.channel;
          const address = channel === w.reply.channel ? w.reply.address : addressOn(w.customerId, channel);
          const payload: OutboxPayload = { messageId, conversationId: w.conversationId, channel, address, text: effect.text, ...(buttons && { buttons }), nodeId: effect.nodeId, awaitDelivery: !!effect.awaitDelivery };
          s.outboxInsert.run(effect.key, w.instanceId, effect.kind, JSON.stringify(payload), at);
          break;
        }
        case "http.request": {
          const { kind, key, ...request } = effect;
          s.outboxInsert.run(key, w.instanceId, kind, JSON.stringify(request), at);
          break;
        }
        case "timer.set":
          s.timerInsert.run(effect.key, w.instanceId, effect.nodeId, w.at + effect.delayMs, at);
          break;
        case "timer.cancel":
          s.timerCancel.run(effect.timerId);
          break;
        case "task.create":
          s.taskInsert.run(
            effect.key, w.instanceId, effect.nodeId, queueId(effect.queue, w.at), effect.title,
            JSON.stringify(effect.steps.map((text) => ({ text, done: false }))), JSON.stringify(effect.outcomes),
            TASK_PRIORITIES.indexOf(effect.priority), effect.slaMs > 0 ? w.at + effect.slaMs : null, JSON.stringify(effect.skills ?? []),
            w.customerId, w.conversationId, at,
          );
          break;
        case "task.escalate":
          // The note becomes a guided step, so whoever takes the task over sees why it moved.
          s.taskEscalate.run(
            queueId(effect.queue, w.at), TASK_PRIORITIES.indexOf(effect.priority), effect.slaMs > 0 ? w.at + effect.slaMs : null,
            JSON.stringify({ text: effect.note, done: false }), effect.taskId,
          );
          break;
        case "wait.abandon":
          // A key names either a timer or a task; the other update matches nothing.
          for (const key of effect.keys) {
            s.timerCancel.run(key);
            s.taskCancel.run(at, key);
          }
          break;
        case "notification.create":
          s.notificationInsert.run(effect.key, w.instanceId, effect.nodeId, effect.audience, effect.level, effect.title, effect.body, w.customerId, at);
          break;
        case "handoff.create":
          if (w.customerId) s.handoffInsert.run(effect.token, w.customerId, w.conversationId, w.instanceId, effect.channel, at, iso(w.at + effect.ttlMs));
          break;
        case "customer.update":
          if (w.customerId) s.customerFields.run(JSON.stringify(effect.fields), w.customerId);
          break;
        case "case.upsert":
          if (!w.customerId) break; // a case is always about someone
          s.caseUpsert.run(
            effect.caseId, w.customerId, w.instanceId, effect.nodeId, effect.type, effect.status,
            TASK_PRIORITIES.indexOf(effect.priority), effect.subject, JSON.stringify(effect.details), at, at,
          );
          break;
      }
    }
  }

  /**
   * Records what became of a send: done / failed (final) / still pending (retry later).
   * Returns false when the row was already settled (a repeat after a crash).
   */
  function settleOutbox(key: string, result: "done" | "failed" | "unknown" | "retry", error: string | null, at: number, messageId?: string): boolean {
    const status = result === "retry" ? "pending" : result;
    if (s.outboxSettle.run(status, error, result === "done" ? iso(at) : null, key).changes === 0) return false;
    if (messageId && result !== "retry") s.messageStatus.run(result === "done" ? "sent" : "failed", messageId);
    return true;
  }

  return {
    statements: s,
    resolveCustomer,
    redeemHandoff,
    opensConversation,
    openConversation,
    queueId,
    writeStep,
    settleOutbox,
  };
}

export type StepStore = ReturnType<typeof createStepStore>;
