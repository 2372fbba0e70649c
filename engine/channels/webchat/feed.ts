/**
 * The widget's live feed: which of a visitor's messages to show, in what order, and the cursor
 * (the SSE event id) that lets a reconnect replay exactly what the visitor has not seen.
 *
 * Messages are ordered by their time-ordered id, but an outbound one becomes visible only once
 * delivered, so a bot reply queued before the visitor's next message may show after it. A bare
 * "last id seen" would then skip that reply on replay. The cursor therefore holds `after` (every
 * message up to it is settled: shown or failed) plus `seen`, the ids past `after` already shown.
 */
import * as z from "zod";
import { MESSAGE_ID, type MessageRow } from "../../contracts/messages";

/** A message of the visitor's conversations as the store holds it. */
export type FeedRow = MessageRow;

/** What the widget receives for one message. */
export type FeedMessage = {
  id: string;
  author: "customer" | "bot" | "operator";
  text: string;
  buttons: string[];
  clientMessageId: string | null;
  createdAt: string;
};

export type FeedCursor = { after: string; seen: string[] };

/** Before the first message. */
export const FEED_START: FeedCursor = { after: "0", seen: [] };
/** At most this many ids ride in `seen`; past it, a reconnect may repeat a message (the widget also drops ids it has). */
export const MAX_SEEN = 32;

/** `<after>` or `<after>~<id>,<id>`: as an SSE id and in a `Last-Event-ID` header, so only header-safe characters. */
export const feedCursorSchema = z
  .string()
  .trim()
  .max(2_400, "at most 2400 characters")
  .transform((text, ctx): FeedCursor => {
    const [after, seen = "", ...rest] = text.split("~");
    const ids = seen ? seen.split(",") : [];
    if (rest.length || !MESSAGE_ID.test(after) || ids.length > MAX_SEEN || !ids.every((id) => MESSAGE_ID.test(id))) {
      ctx.addIssue({ code: "custom", message: "not a cursor this server gave out" });
      return z.NEVER;
    }
    return { after, seen: ids };
  });

export const formatCursor = (c: FeedCursor) => (c.seen.length ? `${c.after}~${c.seen.join(",")}` : c.after);

const SHOWN = new Set(["sent", "delivered", "read"]);
/** Still on its way: may become visible later. */
const PENDING = new Set(["queued", "unknown"]);

function stateOf(row: FeedRow): "shown" | "pending" | "dropped" {
  if (row.direction === "in" || SHOWN.has(row.status)) return "shown";
  return PENDING.has(row.status) ? "pending" : "dropped";
}

function toMessage(row: FeedRow): FeedMessage {
  const author = row.direction === "in" ? "customer" : row.author === "operator" ? "operator" : "bot";
  return {
    id: row.id,
    author,
    text: row.text,
    buttons: row.buttons ? (JSON.parse(row.buttons) as string[]) : [],
    clientMessageId: row.direction === "in" ? row.providerId : null,
    createdAt: row.createdAt,
  };
}

/**
 * Given the rows past `cursor.after` (ascending by id), the messages to send now, each with the
 * cursor that covers it and everything before it, the cursor after all of them, and whether a
 * reply is still on its way (the flow is "typing").
 */
export function advanceFeed(rows: readonly FeedRow[], cursor: FeedCursor) {
  let after = cursor.after;
  const seen = new Set(cursor.seen);
  let settledSoFar = true;
  let typing = false;
  const current = (): FeedCursor => ({ after, seen: [...seen].filter((id) => id > after).slice(-MAX_SEEN) });
  const events: { message: FeedMessage; cursor: FeedCursor }[] = [];
  for (const row of rows) {
    const state = stateOf(row);
    if (state === "pending") typing = typing || row.direction === "out";
    const show = state === "shown" && !seen.has(row.id);
    if (show) seen.add(row.id);
    // `after` moves only over a settled prefix: a pending message stops it, so its later delivery is replayed.
    if (settledSoFar && state !== "pending") after = row.id;
    else settledSoFar = false;
    if (show) events.push({ message: toMessage(row), cursor: current() });
  }
  return { events, cursor: current(), typing };
}

/** Who is watching which visitor's feed, so a delivery or a new message wakes exactly their streams. */
export function createFeedWatchers() {
  const byVisitor = new Map<string, Set<() => void>>();
  return {
    /** Calls `wake` whenever the visitor's feed may have changed; returns the unsubscribe. */
    watch(visitorId: string, wake: () => void): () => void {
      const set = byVisitor.get(visitorId) ?? new Set();
      byVisitor.set(visitorId, set.add(wake));
      return () => {
        set.delete(wake);
        if (set.size === 0 && byVisitor.get(visitorId) === set) byVisitor.delete(visitorId);
      };
    },
    wake(visitorId: string) {
      for (const wake of byVisitor.get(visitorId) ?? []) wake();
    },
    /** Streams open now, for one visitor or in all. */
    count: (visitorId?: string) => (visitorId ? (byVisitor.get(visitorId)?.size ?? 0) : [...byVisitor.values()].reduce((n, s) => n + s.size, 0)),
  };
}
