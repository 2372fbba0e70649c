import { newId } from "./ids";
import { iso, type Db } from "./db";
import type { PrismaClient } from "./prisma";

export type LatestVersionRow = { id: string; flowId: string; graph: string; createdAt: string };
/** The owners' order of flows where their triggers overlap on `claim` (first goes first). */
export type ClaimOrder = { claim: string; flowIds: string[] };
/** Who published a version (null: a script or a test). */
export type Publisher = { id: string; name: string } | null;

/** Flows (name + draft) and their immutable numbered versions. */
export function createFlowRepository(db: Db, prisma: PrismaClient) {
  const nextNumber = db.prepare(`SELECT COALESCE(MAX(number), 0) + 1 AS n FROM "FlowVersion" WHERE flowId = ?`);
  const insertVersion = db.prepare(
    `INSERT INTO "FlowVersion" (id, flowId, number, graph, machine, createdAt, publishedById, publishedBy) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const clearClaim = db.prepare(`DELETE FROM "TriggerPriority" WHERE claim = ?`);
  const insertRank = db.prepare(`INSERT INTO "TriggerPriority" (claim, flowId, rank) VALUES (?, ?, ?)`);
  const writeOrders = (orders: ClaimOrder[]) => {
    for (const { claim, flowIds } of orders) {
      clearClaim.run(claim);
      flowIds.forEach((flowId, rank) => insertRank.run(claim, flowId, rank));
    }
  };
  // Numbering and inserting in one transaction: two publishes never get the same number; the order the owner gave lands with it.
  const publish = db.transaction((flowId: string, graph: string, machine: string, at: number, by: Publisher, orders: ClaimOrder[]) => {
    const { n } = nextNumber.get(flowId) as { n: number };
    const id = newId();
    insertVersion.run(id, flowId, n, graph, machine, iso(at), by?.id ?? null, by?.name ?? null);
    writeOrders(orders);
    return { id, number: n };
  });
  // On the engine's connection: the server asks before it listens, ahead of Prisma's first query (a few hundred ms).
  const flowCount = db.prepare(`SELECT COUNT(*) FROM "Flow"`).pluck();
  const setActive = db.prepare(`UPDATE "Flow" SET active = ?, updatedAt = ? WHERE id = ?`);
  const activate = db.transaction((flowId: string, active: boolean, at: number, orders: ClaimOrder[]) => {
    setActive.run(active ? 1 : 0, iso(at), flowId);
    writeOrders(orders);
  });
  const ranks = db.prepare(`SELECT claim, flowId, rank FROM "TriggerPriority" ORDER BY claim, rank`);
  const latestOf = db.prepare(`SELECT number, graph FROM "FlowVersion" WHERE flowId = ? ORDER BY number DESC LIMIT 1`);
  const machineOf = db.prepare(`SELECT machine FROM "FlowVersion" WHERE id = ?`);
  const latest = db.prepare(`
    SELECT v.id, v.flowId, v.graph, v.createdAt FROM "FlowVersion" v JOIN "Flow" f ON f.id = v.flowId
    WHERE f.deletedAt IS NULL AND f.active = 1 AND v.number = (SELECT MAX(number) FROM "FlowVersion" WHERE flowId = v.flowId)
    ORDER BY v.createdAt DESC, v.id`);

  return {
    /** A live (not deleted) flow. */
    live(id: string) {
      return prisma.flow.findFirst({ where: { id, deletedAt: null } });
    },
    /** Live flows, oldest first, with their latest version. */
    listLive() {
      return prisma.flow.findMany({
        where: { deletedAt: null },
        orderBy: { createdAt: "asc" },
        include: { versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, graph: true, createdAt: true, publishedBy: true } } },
      });
    },
    /** Live flows among `ids`, with their latest version's graph. */
    liveWithLatestGraph(ids: string[]) {
      return prisma.flow.findMany({
        where: { id: { in: ids }, deletedAt: null },
        include: { versions: { orderBy: { number: "desc" }, take: 1, select: { graph: true } } },
      });
    },
    /** Names of live flows among `ids`, by name. */
    names(ids: string[]) {
      return prisma.flow.findMany({ where: { id: { in: ids }, deletedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } });
    },
    /** How many flows were ever created (deleted ones too). */
    count(): number {
      return flowCount.get() as number;
    },
    async create(name: string, draft: string): Promise<string> {
      const flow = await prisma.flow.create({ data: { id: newId(), name, draft } });
      return flow.id;
    },
    update(id: string, data: { name?: string; draft?: string; deletedAt?: Date }) {
      return prisma.flow.update({ where: { id }, data });
    },
    versions(flowId: string) {
      return prisma.flowVersion.findMany({
        where: { flowId },
        orderBy: { number: "desc" },
        select: { id: true, number: true, createdAt: true, publishedBy: true },
      });
    },
    version(id: string) {
      return prisma.flowVersion.findUnique({ where: { id } });
    },
    /** Freezes a graph and its compiled machine as the flow's next numbered version, with the order given where its triggers overlap. */
    publish(flowId: string, graph: string, machine: string, at: number, by: Publisher = null, orders: ClaimOrder[] = []): { id: string; number: number } {
      return publish(flowId, graph, machine, at, by, orders);
    },
    /** The flow's latest version's number and graph (undefined before the first publish). */
    latestOf(flowId: string): { number: number; graph: string } | undefined {
      return latestOf.get(flowId) as { number: number; graph: string } | undefined;
    },
    /** (De)activates a flow, with the order given where its triggers overlap. */
    setActive(flowId: string, active: boolean, at: number, orders: ClaimOrder[] = []): void {
      activate(flowId, active, at, orders);
    },
    /** Every claim's order, rank by rank. */
    ranks(): { claim: string; flowId: string; rank: number }[] {
      return ranks.all() as { claim: string; flowId: string; rank: number }[];
    },
    /** A version's compiled machine (JSON text). */
    machineOf(versionId: string): string | undefined {
      return (machineOf.get(versionId) as { machine: string } | undefined)?.machine;
    },
    /** The latest version of every live, active flow, newest publish first. */
    latestVersions(): LatestVersionRow[] {
      return latest.all() as LatestVersionRow[];
    },
  };
}

export type FlowRepository = ReturnType<typeof createFlowRepository>;
