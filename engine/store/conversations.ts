import { newId } from "./ids";
import { iso, type Db } from "./db";
import type { PrismaClient } from "./prisma";

/** Statuses of an outbound message that reached the channel (providers may report more after "sent"). */
const DELIVERED = ["sent", "delivered", "read"];

/** Who wrote a message: the customer, the flow (bot) or a person in the workspace. */
export type MessageAuthor = "customer" | "bot" | "operator";

/** A message as the web chat widget's feed reads it (engine/channels/webchat/feed.ts decides what is shown). */
export type MessageRow = {
  id: string;
  direction: string;
  author: string;
  text: string;
  buttons: string | null;
  status: string;
  providerId: string | null;
  createdAt: string;
};

/** Conversations per customer and channel address, and the messages in them (the timeline). */
export function createConversationRepository(db: Db, prisma: PrismaClient) {
  const s = {
    find: db.prepare(`SELECT id FROM "Conversation" WHERE customerId = ? AND channel = ? AND address = ? ORDER BY createdAt DESC LIMIT 1`),
    insert: db.prepare(`INSERT INTO "Conversation" (id, customerId, channel, address, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)`),
    lastMessageAt: db.prepare(`SELECT createdAt FROM "Message" WHERE conversationId = ? ORDER BY createdAt DESC LIMIT 1`),
    touch: db.prepare(`UPDATE "Conversation" SET updatedAt = ? WHERE id = ?`),
    messageIn: db.prepare(
      `INSERT INTO "Message" (id, conversationId, direction, author, text, providerId, status, createdAt) VALUES (?, ?, 'in', 'customer', ?, ?, 'received', ?)`,
    ),
    messageOut: db.prepare(
      `INSERT INTO "Message" (id, conversationId, direction, author, text, buttons, status, createdAt) VALUES (?, ?, 'out', ?, ?, ?, 'queued', ?)`,
    ),
    status: db.prepare(`UPDATE "Message" SET status = ? WHERE id = ?`),
    sentAs: db.prepare(`UPDATE "Message" SET providerId = ? WHERE id = ?`),
    // The web chat widget's feed: every conversation of one address, by time-ordered id.
    feedAfter: db.prepare(
      `SELECT m.id, m.direction, m.author, m.text, m.buttons, m.status, m.providerId, m.createdAt FROM "Message" m
       WHERE m.conversationId IN (SELECT id FROM "Conversation" WHERE channel = ? AND address = ?) AND m.id > ? ORDER BY m.id LIMIT ?`,
    ),
    feedStart: db.prepare(
      `SELECT m.id FROM "Message" m WHERE m.conversationId IN (SELECT id FROM "Conversation" WHERE channel = ? AND address = ?)
       ORDER BY m.id DESC LIMIT 1 OFFSET ?`,
    ),
    statusByProvider: db.prepare(
      `UPDATE "Message" SET status = ? WHERE direction = 'out' AND providerId = ? AND conversationId IN (SELECT id FROM "Conversation" WHERE channel = ?)`,
    ),
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
    /** When anyone last said something in the conversation (null: nothing yet). */
    lastMessageAt(conversationId: string): number | null {
      const last = s.lastMessageAt.get(conversationId) as { createdAt: string } | undefined;
      return last ? Date.parse(last.createdAt) : null;
    },
    /** A customer's message as received from the channel. */
    addInbound(conversationId: string, text: string, providerId: string, at: number): void {
      s.messageIn.run(newId(), conversationId, text, providerId, iso(at));
    },
    /** A message on its way out (queued until the outbox delivers it); returns its id. */
    addOutbound(conversationId: string, author: Exclude<MessageAuthor, "customer">, text: string, buttons: string[] | null, at: number): string {
      const id = newId();
      s.messageOut.run(id, conversationId, author, text, buttons?.length ? JSON.stringify(buttons) : null, iso(at));
      return id;
    },
    setStatus(messageId: string, status: "sent" | "failed"): void {
      s.status.run(status, messageId);
    },
    /** Remembers the provider's id for a sent message, so its delivery statuses find it. */
    setProviderId(messageId: string, providerId: string): void {
      s.sentAs.run(providerId, messageId);
    },
    /** A provider's delivery status for a message it was given; false when no such message exists. */
    setStatusByProvider(channel: string, providerId: string, status: string): boolean {
      return s.statusByProvider.run(status, providerId, channel).changes > 0;
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
  };
}

export type ConversationRepository = ReturnType<typeof createConversationRepository>;
