import type { MessageRow } from "../contracts/messages";
import { newId } from "./ids";
import { iso, type Db } from "./db";
import type { PrismaClient } from "./prisma";

/** Statuses of an outbound message that reached the channel (providers may report more after "sent"). */
const DELIVERED = ["sent", "delivered", "read"];

/** Who wrote a message: the customer, the flow (bot) or a person in the workspace. */
export type MessageAuthor = "customer" | "bot" | "operator";

/**
 * An outbound message's statuses in the order they happen; a failure outranks sent but not evidence of arrival.
 * `unknown`: the provider may have it (its answer to our send was lost); any report from it says more.
 */
export type MessageStatus = "queued" | "unknown" | "sent" | "failed" | "delivered" | "read";
const RANK = (value: string) =>
  `(CASE ${value} WHEN 'queued' THEN 0 WHEN 'unknown' THEN 1 WHEN 'sent' THEN 2 WHEN 'failed' THEN 3 WHEN 'delivered' THEN 4 WHEN 'read' THEN 5 ELSE -1 END)`;

/** Conversations per customer and channel address, and the messages in them (the timeline). */
export function createConversationRepository(db: Db, prisma: PrismaClient) {
  const s = {
    find: db.prepare(`SELECT id FROM "Conversation" WHERE customerId = ? AND channel = ? AND address = ? ORDER BY createdAt DESC LIMIT 1`),
    insert: db.prepare(`INSERT INTO "Conversation" (id, customerId, channel, address, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)`),
    lastMessageAt: db.prepare(`SELECT createdAt FROM "Message" WHERE conversationId = ? ORDER BY createdAt DESC LIMIT 1`),
    touch: db.prepare(`UPDATE "Conversation" SET updatedAt = ? WHERE id = ?`),
    messageIn: db.prepare(
      `INSERT INTO "Message" (id, conversationId, direction, author, text, providerId, subject, status, createdAt)
       VALUES (?, ?, 'in', 'customer', ?, ?, ?, 'received', ?)`,
    ),
    lastInbound: db.prepare(
      `SELECT providerId, subject FROM "Message" WHERE conversationId = ? AND direction = 'in' AND providerId IS NOT NULL ORDER BY createdAt DESC LIMIT 1`,
    ),
    byMessage: db.prepare(
      `SELECT m.conversationId AS id FROM "Message" m JOIN "Conversation" c ON c.id = m.conversationId
       WHERE m.providerId = ? AND c.customerId = ? ORDER BY m.createdAt DESC LIMIT 1`,
    ),
    own: db.prepare(`SELECT id FROM "Conversation" WHERE id = ? AND customerId = ?`),
    messageOut: db.prepare(
      `INSERT INTO "Message" (id, conversationId, direction, author, text, buttons, status, providerId, createdAt) VALUES (?, ?, 'out', ?, ?, ?, ?, ?, ?)`,
    ),
    status: db.prepare(`UPDATE "Message" SET status = @status WHERE id = @id AND ${RANK("status")} < ${RANK("@status")}`),
    // A send's outcome in one write: its status moved forward only, and the provider's id when it gave one.
    settled: db.prepare(
      `UPDATE "Message" SET status = CASE WHEN ${RANK("status")} < ${RANK("@status")} THEN @status ELSE status END,
       providerId = COALESCE(@providerId, providerId) WHERE id = @id`,
    ),
    statusOf: db.prepare(`SELECT status FROM "Message" WHERE id = ?`),
    outByProvider: db.prepare(
      `SELECT m.id FROM "Message" m JOIN "Conversation" c ON c.id = m.conversationId WHERE m.direction = 'out' AND m.providerId = ? AND c.channel = ?`,
    ),
    // The web chat widget's feed: every conversation of one address, by time-ordered id.
    feedAfter: db.prepare(
      `SELECT m.id, m.direction, m.author, m.text, m.buttons, m.status, m.providerId, m.createdAt FROM "Message" m
       WHERE m.conversationId IN (SELECT id FROM "Conversation" WHERE channel = ? AND address = ?) AND m.id > ? ORDER BY m.id LIMIT ?`,
    ),
    feedStart: db.prepare(
      `SELECT m.id FROM "Message" m WHERE m.conversationId IN (SELECT id FROM "Conversation" WHERE channel = ? AND address = ?)
       ORDER BY m.id DESC LIMIT 1 OFFSET ?`,
    ),
    latest: db.prepare(`SELECT id FROM "Conversation" WHERE channel = ? AND address = ? ORDER BY createdAt DESC, id DESC LIMIT 1`),
    queued: db.prepare(`SELECT id FROM "Message" WHERE conversationId = ? AND direction = 'out' AND status = 'queued' ORDER BY createdAt, id`),
    running: db.prepare(`SELECT 1 FROM "Instance" WHERE conversationId = ? AND status = 'waiting' LIMIT 1`),
    openQueues: db.prepare(
      `SELECT q.name FROM "Task" t JOIN "Queue" q ON q.id = t.queueId WHERE t.conversationId = ? AND t.status = 'open' ORDER BY t.createdAt DESC, t.id DESC`,
    ),
    // A report naming our message (its send's answer was lost): the provider's id taken, on the channel it went out on.
    adopt: db.prepare(
      `UPDATE "Message" SET providerId = ? WHERE id = ? AND direction = 'out' AND providerId IS NULL
       AND conversationId IN (SELECT id FROM "Conversation" WHERE channel = ?)`,
    ),
    early: db.prepare(`INSERT OR IGNORE INTO "EarlyDeliveryStatus" (channel, providerId, status, receivedAt) VALUES (?, ?, ?, ?)`),
    earlyFor: db.prepare(`DELETE FROM "EarlyDeliveryStatus" WHERE channel = ? AND providerId = ? RETURNING status`),
  };

  return {
    /** The customer's current conversation on this channel address, opened if there is none. */
    open(customerId: string, channel: string, address: string, at: number): string {
      const found = s.find.get(customerId, channel, address) as { id: string } | undefined;
      if (found) {
        s.touch.run(iso(at), found.id);
        return found.id;
      }
      const id = newId();
      s.insert.run(id, customerId, channel, address, iso(at), iso(at));
      return id;
    },
    /** Where an address's latest conversation on a channel stands: messages still queued, a running flow, open tasks' queues. */
    state(channel: string, address: string): { queued: string[]; running: boolean; queues: string[] } {
      const latest = s.latest.get(channel, address) as { id: string } | undefined;
      if (!latest) return { queued: [], running: false, queues: [] };
      return {
        queued: (s.queued.all(latest.id) as { id: string }[]).map((m) => m.id),
        running: s.running.get(latest.id) !== undefined,
        queues: (s.openQueues.all(latest.id) as { name: string }[]).map((q) => q.name),
      };
    },
    /** When anyone last said something in the conversation (null: nothing yet). */
    lastMessageAt(conversationId: string): number | null {
      const last = s.lastMessageAt.get(conversationId) as { createdAt: string } | undefined;
      return last ? Date.parse(last.createdAt) : null;
    },
    /**
     * The customer's conversation a threaded message names: the one holding a message it answers
     * (nearest first), else the one its reply token names; only the customer's own, never another's.
     */
    threaded(customerId: string, thread: { replyTo: readonly string[]; token: string | null }, at: number): string | null {
      const found =
        thread.replyTo.map((providerId) => s.byMessage.get(providerId, customerId) as { id: string } | undefined).find(Boolean) ??
        (thread.token ? (s.own.get(thread.token, customerId) as { id: string } | undefined) : undefined);
      if (found) s.touch.run(iso(at), found.id);
      return found?.id ?? null;
    },
    /** A customer's message as received from the channel. */
    addInbound(conversationId: string, text: string, providerId: string, at: number, subject: string | null = null): void {
      s.messageIn.run(newId(), conversationId, text, providerId, subject, iso(at));
    },
    /** The customer's latest message with a provider id (what a reply answers), or null. */
    lastInbound(conversationId: string): { providerMessageId: string; subject: string | null } | null {
      const row = s.lastInbound.get(conversationId) as { providerId: string; subject: string | null } | undefined;
      return row ? { providerMessageId: row.providerId, subject: row.subject } : null;
    },
    /**
     * A message on its way out, queued until the outbox delivers it, or `sent` already when its commit
     * delivers it (a channel read from this store; its own id is the provider's); returns its id.
     */
    addOutbound(conversationId: string, author: Exclude<MessageAuthor, "customer">, text: string, buttons: string[] | null, at: number, sent = false): string {
      const id = newId();
      s.messageOut.run(id, conversationId, author, text, buttons?.length ? JSON.stringify(buttons) : null, sent ? "sent" : "queued", sent ? id : null, iso(at));
      return id;
    },
    statusOf: (messageId: string) => (s.statusOf.get(messageId) as { status: string } | undefined)?.status,
    /**
     * A send's outcome: the message's status moved forward (queued → sent, or failed; a later status stays),
     * and the provider's id for it remembered, so its delivery statuses find it; the statuses the provider
     * reported before we knew the id are applied then (a fast provider's callback can win the race).
     */
    sendSettled(messageId: string, channel: string, status: Extract<MessageStatus, "sent" | "failed" | "unknown">, providerId: string | null): void {
      s.settled.run({ status, providerId, id: messageId });
      if (!providerId) return;
      for (const early of s.earlyFor.all(channel, providerId) as { status: MessageStatus }[]) s.status.run({ status: early.status, id: messageId });
    },
    /**
     * A provider's delivery status for a message it was given, moved forward only (statuses arrive
     * in any order). One for a message we do not know yet is kept until its send settles; false then.
     * `messageId`, when the provider echoes ours: a message without a provider id (its send's answer lost) takes this one.
     */
    setStatusByProvider(channel: string, providerId: string, status: MessageStatus, at: number, messageId?: string): boolean {
      let rows = s.outByProvider.all(providerId, channel) as { id: string }[];
      if (rows.length === 0 && messageId && s.adopt.run(providerId, messageId, channel).changes === 1) rows = [{ id: messageId }];
      if (rows.length === 0) s.early.run(channel, providerId, status, iso(at));
      for (const { id } of rows) s.status.run({ status, id });
      return rows.length > 0;
    },
    /** A channel address's latest conversation as the customer sees it: their messages and what reached them, oldest first. */
    async customerView(channel: string, address: string) {
      const conversation = await prisma.conversation.findFirst({ where: { channel, address }, orderBy: { createdAt: "desc" } });
      if (!conversation) return { conversationId: null, messages: [] };
      const rows = await prisma.message.findMany({
        where: { conversationId: conversation.id, OR: [{ direction: "in" }, { status: { in: DELIVERED } }] },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      const messages = rows.map((m) => ({
        id: m.id,
        direction: m.direction,
        author: m.author,
        text: m.text,
        buttons: m.buttons ? (JSON.parse(m.buttons) as string[]) : [],
        createdAt: m.createdAt,
      }));
      return { conversationId: conversation.id, messages };
    },
    /** Up to `limit` messages of an address's conversations (all statuses) with an id past `after`, oldest first. */
    feedAfter(channel: string, address: string, after: string, limit: number): MessageRow[] {
      return s.feedAfter.all(channel, address, after, limit) as MessageRow[];
    },
    /** The id just before an address's latest `latest` messages ("0" when there are no more than that): where a fresh feed starts. */
    feedStart(channel: string, address: string, latest: number): string {
      return (s.feedStart.get(channel, address, latest) as { id: string } | undefined)?.id ?? "0";
    },
    /** The latest `take` messages of a customer across all their conversations (or of one conversation), newest first. */
    timeline(where: { customerId: string } | { conversationId: string }, take: number) {
      return prisma.message.findMany({
        where: "customerId" in where ? { conversation: { customerId: where.customerId } } : { conversationId: where.conversationId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take,
        include: { conversation: { select: { channel: true } } },
      });
    },
    get(id: string) {
      return prisma.conversation.findUnique({ where: { id } });
    },
    /** The channel of each of the given conversations, in one query. */
    async channels(ids: string[]): Promise<Map<string, string>> {
      const rows = await prisma.conversation.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, channel: true } });
      return new Map(rows.map((c) => [c.id, c.channel]));
    },
  };
}

export type ConversationRepository = ReturnType<typeof createConversationRepository>;
