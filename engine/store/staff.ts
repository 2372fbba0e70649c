import { iso, type Db } from "./db";
import type { PrismaClient } from "./prisma";

export type OperatorRow = { id: string; name: string; role: string; skills: string; email: string };

/** Operators and supervisors, and the internal notifications flows raise for them. */
export function createStaffRepository(db: Db, prisma: PrismaClient) {
  const notify = db.prepare(
    `INSERT OR IGNORE INTO "Notification" (id, instanceId, nodeId, audience, level, title, body, customerId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // On the engine's connection, whose secure_delete zeroes the row's old copy (its title may quote a customer).
  const read = db.prepare(`UPDATE "Notification" SET readAt = ? WHERE id = ?`);
  const withPassword = db
    .prepare(
      `SELECT o.id FROM "Operator" o WHERE o.id IN (SELECT value FROM json_each(?))
       AND EXISTS (SELECT 1 FROM "Account" a WHERE a.userId = o.id AND a.providerId = 'credential')`,
    )
    .pluck();
  return {
    member(id: string) {
      return prisma.operator.findUnique({ where: { id } });
    },
    list() {
      return prisma.operator.findMany({ orderBy: [{ role: "asc" }, { name: "asc" }] });
    },
    /** Adds a member unless one with this id exists (an existing member is left as it is). */
    /** Which of these members exist with a password: read on the engine's connection, so a restart's demo check does not load Prisma. */
    withPassword(ids: readonly string[]): Set<string> {
      return new Set(withPassword.all(JSON.stringify(ids)) as string[]);
    },
    async ensure(row: OperatorRow): Promise<void> {
      await prisma.operator.upsert({ where: { id: row.id }, create: row, update: {} });
    },
    /** A notification written in the step's transaction (once per key). */
    addNotification(n: {
      key: string;
      instanceId: string;
      nodeId: string;
      audience: string;
      level: string;
      title: string;
      body: string;
      customerId: string | null;
      at: number;
    }): void {
      notify.run(n.key, n.instanceId, n.nodeId, n.audience, n.level, n.title, n.body, n.customerId, iso(n.at));
    },
    /** Unread notifications for these audiences (all when null), newest first. */
    unreadNotifications(audiences: string[] | null, take: number) {
      return prisma.notification.findMany({
        where: { readAt: null, ...(audiences && { audience: { in: audiences } }) },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take,
      });
    },
    notification(id: string) {
      return prisma.notification.findUnique({ where: { id } });
    },
    async markRead(id: string, at: number): Promise<void> {
      read.run(iso(at), id);
    },
  };
}

export type StaffRepository = ReturnType<typeof createStaffRepository>;
