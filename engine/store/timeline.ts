import type { Db } from "./db";

/** One line of a customer's timeline, whatever it records; `key` (`<kind>:<row id>`) orders lines written at the same instant. */
export type TimelineRow = {
  at: string;
  key: string;
  kind: "message" | "step" | "task" | "case" | "merge";
  channel: string | null;
  direction: string | null;
  author: string | null;
  /** A message's text, a step's event type, a task's title, a case's subject. */
  text: string | null;
  status: string | null;
  /** The instance, task, case or merge the line is about. */
  ref: string | null;
  /** The flow's name, the task's queue, the case's type. */
  label: string | null;
};

/**
 * Everything that happened with a customer, across every channel, newest first: messages (calls
 * included: a voice call is a conversation on the phone channel), the steps of their flows (CRM
 * events and webhooks start flows, so they show as steps), tasks, cases and merges. One query per
 * page, resumed after the last line's (at, key): a keyset cursor, so paging never skips or repeats.
 */
export function createTimelineRepository(db: Db) {
  const page = db.prepare(`
    SELECT * FROM (
      SELECT m.createdAt AS at, 'message:' || m.id AS key, 'message' AS kind, c.channel, m.direction, m.author, m.text, m.status,
             m.conversationId AS ref, NULL AS label
        FROM "Message" m JOIN "Conversation" c ON c.id = m.conversationId WHERE c.customerId = @customer
      UNION ALL
      SELECT e.createdAt, 'step:' || printf('%012d', e.id), 'step', NULL, NULL, NULL, e.type, i.status, e.instanceId, f.name
        FROM "Instance" i JOIN "InstanceEvent" e ON e.instanceId = i.id JOIN "Flow" f ON f.id = i.flowId WHERE i.customerId = @customer
      UNION ALL
      SELECT t.createdAt, 'task:' || t.id, 'task', NULL, NULL, NULL, t.title, t.status, t.id, q.name
        FROM "Task" t JOIN "Queue" q ON q.id = t.queueId WHERE t.customerId = @customer
      UNION ALL
      SELECT k.updatedAt, 'case:' || k.id, 'case', NULL, NULL, NULL, k.subject, k.status, k.id, k.type FROM "Case" k WHERE k.customerId = @customer
      UNION ALL
      SELECT g.createdAt, 'merge:' || g.id, 'merge', NULL, NULL, NULL, NULL, CASE WHEN g.splitAt IS NULL THEN 'merged' ELSE 'split' END, g.id, g.mergedId
        FROM "CustomerMerge" g WHERE g.survivorId = @customer
    )
    WHERE @at IS NULL OR at < @at OR (at = @at AND key < @key)
    ORDER BY at DESC, key DESC
    LIMIT @limit`);

  return {
    /** Up to `limit` lines older than the cursor (the newest when there is none). */
    page(customerId: string, after: { at: string; key: string } | null, limit: number): TimelineRow[] {
      return page.all({ customer: customerId, at: after?.at ?? null, key: after?.key ?? null, limit }) as TimelineRow[];
    },
  };
}

export type TimelineRepository = ReturnType<typeof createTimelineRepository>;
