import { newId } from "./ids";
import { iso, type Db } from "./db";
import type { PrismaClient } from "./prisma";

export type TaskWrite = {
  id: string;
  instanceId: string;
  nodeId: string;
  queue: string;
  title: string;
  steps: { text: string; done: boolean }[];
  outcomes: string[];
  priority: number;
  dueAt: number | null;
  skills: string[];
  customerId: string | null;
  conversationId: string | null;
  at: number;
};

/** Operator tasks and the queues they sit in. */
export function createTaskRepository(db: Db, prisma: PrismaClient) {
  const s = {
    queueFind: db.prepare(`SELECT id FROM "Queue" WHERE name = ?`),
    queueInsert: db.prepare(`INSERT INTO "Queue" (id, name, createdAt) VALUES (?, ?, ?)`),
    insert: db.prepare(
      `INSERT OR IGNORE INTO "Task"
         (id, instanceId, nodeId, queueId, title, steps, outcomes, status, priority, dueAt, skills, customerId, conversationId, createdAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
    ),
    // Escalation moves an open task; a task completed meanwhile stays where it was done.
    escalate: db.prepare(
      `UPDATE "Task" SET queueId = ?, priority = ?, dueAt = ?, escalations = escalations + 1, steps = json_insert(steps, '$[#]', json(?)) WHERE id = ? AND status = 'open'`,
    ),
    cancel: db.prepare(`UPDATE "Task" SET status = 'cancelled', completedAt = ? WHERE id = ? AND status = 'open'`),
    cancelForInstance: db.prepare(`UPDATE "Task" SET status = 'cancelled', completedAt = ? WHERE instanceId = ? AND status = 'open'`),
    complete: db.prepare(`UPDATE "Task" SET status = 'completed', outcome = ?, operatorId = ?, completedAt = ? WHERE id = ? AND status = 'open'`),
    steps: db.prepare(`SELECT steps, status FROM "Task" WHERE id = ?`),
    setSteps: db.prepare(`UPDATE "Task" SET steps = ? WHERE id = ? AND status = 'open'`),
    openOf: db.prepare(`SELECT id, nodeId FROM "Task" WHERE instanceId = ? AND status = 'open'`),
    readdress: db.prepare(`UPDATE "Task" SET nodeId = ? WHERE id = ? AND status = 'open'`),
  };
  // The skill rule, in SQL once: a task's required skill (`need`) that the JSON array of skills bound here lacks.
  const lacks = `need.value NOT IN (SELECT value FROM json_each(?))`;
  // A queue page: tasks with no lacking skill (all when the first parameter is 1). Open work: most
  // urgent first, then oldest first; finished work (cancelled included): newest first.
  const fits = `(? = 1 OR NOT EXISTS (SELECT 1 FROM json_each(t.skills) need WHERE ${lacks}))`;
  const page = {
    open: db.prepare(`SELECT id FROM "Task" t WHERE status = 'open' AND ${fits} ORDER BY priority DESC, createdAt ASC LIMIT 200`),
    completed: db.prepare(`SELECT id FROM "Task" t WHERE status IN ('completed', 'cancelled') AND ${fits} ORDER BY createdAt DESC LIMIT 200`),
  };
  const lacking = db.prepare(`SELECT need.value AS skill FROM "Task" t JOIN json_each(t.skills) need WHERE t.id = ? AND ${lacks}`);

  /** The queue's id, created on first use. */
  function queueId(name: string, at: number): string {
    const found = s.queueFind.get(name) as { id: string } | undefined;
    if (found) return found.id;
    const id = newId();
    s.queueInsert.run(id, name, iso(at));
    return id;
  }

  return {
    /** Opens a task (once per key). */
    create(t: TaskWrite): void {
      s.insert.run(
        t.id,
        t.instanceId,
        t.nodeId,
        queueId(t.queue, t.at),
        t.title,
        JSON.stringify(t.steps),
        JSON.stringify(t.outcomes),
        t.priority,
        t.dueAt,
        JSON.stringify(t.skills),
        t.customerId,
        t.conversationId,
        iso(t.at),
      );
    },
    /** Moves an open task to another queue with a new priority and deadline, adding a step. */
    escalate(e: { taskId: string; queue: string; priority: number; dueAt: number | null; step: { text: string; done: boolean }; at: number }): void {
      s.escalate.run(queueId(e.queue, e.at), e.priority, e.dueAt, JSON.stringify(e.step), e.taskId);
    },
    cancel(taskId: string, at: number): void {
      s.cancel.run(iso(at), taskId);
    },
    cancelForInstance(instanceId: string, at: number): void {
      s.cancelForInstance.run(iso(at), instanceId);
    },
    /** Closes an open task with an outcome; false when it was not open any more. */
    complete(taskId: string, outcome: string, operatorId: string | null, at: number): boolean {
      return s.complete.run(outcome, operatorId, iso(at), taskId).changes > 0;
    },
    /** The task's guided steps (JSON) and status, for an update in the same transaction. */
    stepsOf(taskId: string): { steps: string; status: string } | undefined {
      return s.steps.get(taskId) as { steps: string; status: string } | undefined;
    },
    setSteps(taskId: string, steps: { text: string; done: boolean }[]): void {
      s.setSteps.run(JSON.stringify(steps), taskId);
    },
    /** An instance's open tasks and the node each was opened by. */
    openOf(instanceId: string): { id: string; nodeId: string | null }[] {
      return s.openOf.all(instanceId) as { id: string; nodeId: string | null }[];
    },
    /** An open task now belongs to another node (its instance moved to a new version); it stays open where it is queued. */
    readdress(taskId: string, nodeId: string): void {
      s.readdress.run(nodeId, taskId);
    },
    /** Ids of one page of the queue for someone with `skills` (everything when `seesAll`). */
    pageIds(status: "open" | "completed", seesAll: boolean, skills: string[]): string[] {
      return (page[status].all(seesAll ? 1 : 0, JSON.stringify(skills)) as { id: string }[]).map((r) => r.id);
    },
    /** The skills a task needs that `skills` lack. */
    lackingSkills(taskId: string, skills: string[]): string[] {
      return (lacking.all(taskId, JSON.stringify(skills)) as { skill: string }[]).map((r) => r.skill);
    },
    /** Tasks by id with their queue's name (in no particular order). */
    withQueues(ids: string[]) {
      return prisma.task.findMany({ where: { id: { in: ids } }, include: { queue: { select: { name: true } } } });
    },
    get(id: string) {
      return prisma.task.findUnique({ where: { id }, include: { queue: true } });
    },
    /** Tasks an instance opened (tests and read models). */
    forInstance(instanceId: string) {
      return prisma.task.findMany({ where: { instanceId } });
    },
  };
}

export type TaskRepository = ReturnType<typeof createTaskRepository>;
