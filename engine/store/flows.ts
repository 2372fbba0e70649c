import { newId } from "./ids";
import { iso, type Db } from "./db";
import type { PrismaClient } from "./prisma";

export type LatestVersionRow = { id: string; flowId: string; graph: string; createdAt: string };

/** Flows (name + draft) and their immutable numbered versions. */
export function createFlowRepository(db: Db, prisma: PrismaClient) {
  const nextNumber = db.prepare(`SELECT COALESCE(MAX(number), 0) + 1 AS n FROM "FlowVersion" WHERE flowId = ?`);
  const insertVersion = db.prepare(`INSERT INTO "FlowVersion" (id, flowId, number, graph, machine, createdAt) VALUES (?, ?, ?, ?, ?, ?)`);
  // Numbering and inserting in one transaction: two publishes never get the same number.
  const publish = db.transaction((flowId: string, graph: string, machine: string, at: number) => {
    const { n } = nextNumber.get(flowId) as { n: number };
    const id = newId();
    insertVersion.run(id, flowId, n, graph, machine, iso(at));
    return { id, number: n };
  });
  // On the engine's connection: the server asks before it listens, ahead of Prisma's first query (a few hundred ms).
  const flowCount = db.prepare(`SELECT COUNT(*) FROM "Flow"`).pluck();
  const machineOf = db.prepare(`SELECT machine FROM "FlowVersion" WHERE id = ?`);
  const latest = db.prepare(`
    SELECT v.id, v.flowId, v.graph, v.createdAt FROM "FlowVersion" v JOIN "Flow" f ON f.id = v.flowId
    WHERE f.deletedAt IS NULL AND v.number = (SELECT MAX(number) FROM "FlowVersion" WHERE flowId = v.flowId)
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
        include: { versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, graph: true, createdAt: true } } },
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
      return prisma.flowVersion.findMany({ where: { flowId }, orderBy: { number: "desc" }, select: { id: true, number: true, createdAt: true } });
    },
    version(id: string) {
      return prisma.flowVersion.findUnique({ where: { id } });
    },
    /** Freezes a graph and its compiled machine as the flow's next numbered version. */
    publish(flowId: string, graph: string, machine: string, at: number): { id: string; number: number } {
      return publish(flowId, graph, machine, at);
    },
    /** A version's compiled machine (JSON text). */
    machineOf(versionId: string): string | undefined {
      return (machineOf.get(versionId) as { machine: string } | undefined)?.machine;
    },
    /** The latest version of every live flow, newest publish first. */
    latestVersions(): LatestVersionRow[] {
      return latest.all() as LatestVersionRow[];
    },
  };
}

export type FlowRepository = ReturnType<typeof createFlowRepository>;
