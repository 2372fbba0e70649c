import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../prisma/generated/client";

/**
 * Prisma serves ordinary reads and single-statement writes (flows, lists). It opens its own
 * connection to the same file; it is never used for multi-statement transactions, which would
 * hold SQLite's write lock across awaits while the engine's synchronous commits wait on it.
 */
export function createPrisma(file: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 5000 }, { timestampFormat: "iso8601" }) });
}

export type { PrismaClient };
