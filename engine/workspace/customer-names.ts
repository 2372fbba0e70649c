import type { PrismaClient } from "../store/prisma";

/**
 * Names of the customers the rows refer to, in one query (Instance and Task keep a bare
 * customerId, so there is no relation to `include`).
 */
export async function customerNames(prisma: PrismaClient, rows: { customerId: string | null }[]) {
  const ids = [...new Set(rows.map((r) => r.customerId).filter((id): id is string => !!id))];
  const customers = await prisma.customer.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const names = new Map(customers.map((c) => [c.id, c.name]));
  return (customerId: string | null) => (customerId ? names.get(customerId) ?? null : null);
}
