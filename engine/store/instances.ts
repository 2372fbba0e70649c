import { iso, type Db } from "./db";
import type { PrismaClient } from "./prisma";

/** An instance row as the runtime loads it. */
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

/** One step as it is written: the instance's new state and its log row. */
export type StepRecord = {
  instance: Omit<InstanceRow, "snapshot" | "stepCount"> & { state: string; snapshot: string; step: number };
  isNew: boolean;
  eventType: string;
  eventPayload: string;
  trail: string[];
  effects: unknown[];
  at: number;
};

/** Flow instances (snapshot + status) and their event log. */
export function createInstanceRepository(db: Db, prisma: PrismaClient) {
  const s = {
    get: db.prepare(`SELECT * FROM "Instance" WHERE id = ?`),
    // Ids are time-ordered: a subflow started in its caller's step (same createdAt) comes first.
    waitingIn: db.prepare(`SELECT * FROM "Instance" WHERE conversationId = ? AND status = 'waiting' ORDER BY createdAt DESC, id DESC LIMIT 1`),
    insert: db.prepare(
      `INSERT INTO "Instance" (id, flowId, versionId, conversationId, customerId, status, state, snapshot, stepCount, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    update: db.prepare(`UPDATE "Instance" SET status = ?, state = ?, snapshot = ?, stepCount = ?, updatedAt = ? WHERE id = ?`),
    log: db.prepare(`INSERT INTO "InstanceEvent" (instanceId, step, type, payload, trail, effects, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    // Subflows a caller started and that still wait (same conversation; `IS` also matches none).
    calledBy: db.prepare(
      `SELECT * FROM "Instance" WHERE status = 'waiting' AND conversationId IS ? AND json_extract(snapshot, '$.context.caller.instanceId') = ?`,
    ),
    cancel: db.prepare(`UPDATE "Instance" SET status = 'cancelled', updatedAt = ? WHERE id = ? AND status = 'waiting'`),
    waitingOf: db.prepare(`SELECT * FROM "Instance" WHERE flowId = ? AND status = 'waiting' ORDER BY createdAt, id`),
    waitingCount: db.prepare(`SELECT COUNT(*) AS n FROM "Instance" WHERE flowId = ? AND status = 'waiting'`),
    stop: db.prepare(`UPDATE "Instance" SET status = 'stopped', stepCount = ?, updatedAt = ? WHERE id = ?`),
    waitingStates: db.prepare(`SELECT versionId, state, COUNT(*) AS n FROM "Instance" WHERE flowId = ? AND status = 'waiting' GROUP BY versionId, state`),
    waitingOnVersion: db.prepare(`SELECT * FROM "Instance" WHERE flowId = ? AND versionId = ? AND status = 'waiting' AND id > ? ORDER BY id LIMIT ?`),
    repin: db.prepare(
      `UPDATE "Instance" SET versionId = ?, state = ?, snapshot = ?, stepCount = ?, updatedAt = ? WHERE id = ? AND versionId = ? AND status = 'waiting'`,
    ),
  };

  return {
    get(id: string): InstanceRow | undefined {
      return s.get.get(id) as InstanceRow | undefined;
    },
    /** The newest instance waiting in a conversation: the one a customer's message goes to. */
    waitingIn(conversationId: string): InstanceRow | undefined {
      return s.waitingIn.get(conversationId) as InstanceRow | undefined;
    },
    /** Writes the instance's new state and appends the step to its log. */
    writeStep(r: StepRecord): void {
      const at = iso(r.at);
      const i = r.instance;
      if (r.isNew) s.insert.run(i.id, i.flowId, i.versionId, i.conversationId, i.customerId, i.status, i.state, i.snapshot, i.step, at, at);
      else s.update.run(i.status, i.state, i.snapshot, i.step, at, i.id);
      s.log.run(i.id, i.step, r.eventType, r.eventPayload, JSON.stringify(r.trail), JSON.stringify(r.effects), at);
    },
    /** Waiting instances that `callerId` started as subflows in this conversation. */
    calledBy(callerId: string, conversationId: string | null): InstanceRow[] {
      return s.calledBy.all(conversationId, callerId) as InstanceRow[];
    },
    /** Stops an instance for good (it reached a limit) and logs why as its step `step`, type `instance.stopped`. */
    stop(id: string, step: number, reason: Record<string, unknown>, at: number): void {
      s.stop.run(step, iso(at), id);
      s.log.run(id, step, "instance.stopped", JSON.stringify(reason), "[]", "[]", iso(at));
    },
    /** A flow's waiting instances, oldest first. */
    waitingOf(flowId: string): InstanceRow[] {
      return s.waitingOf.all(flowId) as InstanceRow[];
    },
    /** How many of a flow's instances wait. */
    waitingCount(flowId: string): number {
      return (s.waitingCount.get(flowId) as { n: number }).n;
    },
    /** How many of a flow's instances wait, per version and stored state. */
    waitingStates(flowId: string): { versionId: string; state: string; n: number }[] {
      return s.waitingStates.all(flowId) as { versionId: string; state: string; n: number }[];
    },
    /** Up to `limit` waiting instances of a flow's version with ids after `afterId`, by id (a page of a migration). */
    waitingOnVersion(flowId: string, versionId: string, afterId: string, limit: number): InstanceRow[] {
      return s.waitingOnVersion.all(flowId, versionId, afterId, limit) as InstanceRow[];
    },
    /**
     * Moves a waiting instance from version `fromVersionId` to the one `r.instance` names, with its
     * rewritten state, and logs the move as step `r.instance.step`; false when it no longer waits there.
     */
    repin(r: Omit<StepRecord, "isNew" | "trail" | "effects">, fromVersionId: string): boolean {
      const i = r.instance;
      const at = iso(r.at);
      if (s.repin.run(i.versionId, i.state, i.snapshot, i.step, at, i.id, fromVersionId).changes === 0) return false;
      s.log.run(i.id, i.step, r.eventType, r.eventPayload, "[]", "[]", at);
      return true;
    },
    /** Cancels a waiting instance; false when it no longer waits. */
    cancel(id: string, at: number): boolean {
      return s.cancel.run(iso(at), id).changes > 0;
    },

    /** The latest 200 instances of a flow, newest first, with their version's number and graph. */
    listForFlow(flowId: string) {
      return prisma.instance.findMany({
        where: { flowId },
        orderBy: { createdAt: "desc" },
        take: 200,
        include: { version: { select: { number: true, graph: true } } },
      });
    },
    /** One instance with its version, flow name and whole log. */
    withHistory(id: string) {
      return prisma.instance.findUnique({
        where: { id },
        include: { version: true, flow: { select: { name: true } }, events: { orderBy: { step: "asc" } } },
      });
    },
    /** An instance's id and flow name (e.g. the caller of a subflow). */
    summary(id: string) {
      return prisma.instance.findUnique({ where: { id }, select: { id: true, flow: { select: { name: true } } } });
    },
  };
}

export type InstanceRepository = ReturnType<typeof createInstanceRepository>;
