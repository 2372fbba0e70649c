import { inputError } from "../contracts/errors";
import { type TimelinePage, timelinePageSchema } from "../contracts/identity";
import type { TimelineRepository } from "../store/timeline";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;

/** A cursor is the last line's time and key, joined; anything else is refused naming the field. */
function readCursor(cursor: string | null | undefined): { at: string; key: string } | null {
  if (!cursor) return null;
  const cut = cursor.indexOf("|");
  const at = cursor.slice(0, cut);
  if (cut < 0 || !ISO.test(at)) throw inputError("timeline.cursor", {}, "cursor");
  return { at, key: cursor.slice(cut + 1) };
}

/** A customer's one timeline across every channel (messages, calls, flow steps, tasks, cases, merges), a page at a time. */
export function createTimeline(repo: TimelineRepository) {
  return {
    /** The newest `limit` lines older than `cursor`, and the cursor of the page after (null at the start of the history). */
    page(customerId: string, input: TimelinePage) {
      const { cursor, limit } = timelinePageSchema.parse(input);
      // One line more than asked tells whether there is a page after this one.
      const rows = repo.page(customerId, readCursor(cursor), limit + 1);
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? `${last.at}|${last.key}` : null };
    },
  };
}
