// npm run migration:new -- <name>
// Replays the existing migrations into a scratch SQLite file, diffs it against prisma/schema.prisma
// and writes the difference as prisma/migrations/<NNNN>_<name>/migration.sql. (`prisma migrate dev`
// needs the native schema engine, and the wasm engine cannot replay a migrations folder itself.)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { listMigrations, migrate } from "../engine/store/migrate";
import { diffSql } from "./schema-diff";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run migration:new -- <name>   (lower-case letters, digits and _)");
  process.exit(1);
}

const prismaDir = fileURLToPath(new URL("../prisma", import.meta.url));
const migrationsDir = path.join(prismaDir, "migrations");
const scratchDir = mkdtempSync(path.join(os.tmpdir(), "omniflow-migration-"));
try {
  const dbFile = path.join(scratchDir, "scratch.db");
  const db = new Database(dbFile);
  migrate(db, migrationsDir);
  db.close();

  const sql = await diffSql({
    from: { databaseFile: dbFile },
    to: { schema: readFileSync(path.join(prismaDir, "schema.prisma"), "utf8") },
  });
  if (!sql) {
    console.log("prisma/schema.prisma matches the existing migrations: nothing to write.");
  } else {
    const last = listMigrations(migrationsDir).map((m) => Number.parseInt(m.name, 10) || 0);
    const folder = `${String(Math.max(0, ...last) + 1).padStart(4, "0")}_${name}`;
    mkdirSync(path.join(migrationsDir, folder), { recursive: true });
    writeFileSync(path.join(migrationsDir, folder, "migration.sql"), sql);
    console.log(`Wrote prisma/migrations/${folder}/migration.sql — review it, then commit it with schema.prisma.`);
  }
} finally {
  rmSync(scratchDir, { recursive: true, force: true });
}
