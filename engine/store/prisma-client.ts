import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../prisma/generated/client";

/** Prisma's client on the database file: imported by prisma.ts on the first query, not at start. */
export const openPrismaClient = (file: string) =>
  new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 5000 }, { timestampFormat: "iso8601" }) });
