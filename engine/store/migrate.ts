// Applies prisma/migrations/*/migration.sql with plain better-sqlite3. `prisma migrate deploy`
// needs Prisma's native schema engine, which cannot be installed offline (shared/STACK.md, "Prisma 7").
// No "server-only" import: plain tsx scripts (migration:new, migrate) use this module too.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "better-sqlite3";

export const MIGRATIONS_TABLE = "_omniflow_migrations";

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/**
 * The nearest prisma/migrations above this module: engine/store/ in the sources, dist/ in the server bundle
 * (scripts/build-server.ts). Next/Turbopack may rewrite import.meta.url, so fall back to cwd.
 */
export function defaultMigrationsDir(): string {
  try {
    for (let dir = path.dirname(fileURLToPath(import.meta.url)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const candidate = path.join(dir, "prisma/migrations");
      if (existsSync(candidate)) return candidate;
    }
  } catch {
    // Not a file: URL once bundled by Next.
  }
  return path.join(process.cwd(), "prisma/migrations");
}

/** Migration folders (those holding a migration.sql), in name order: the NNNN_ prefix sorts them. */
export function listMigrations(dir: string = defaultMigrationsDir()): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) // code-unit order, independent of locale
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

/** Applies the pending migrations of `dir`, each in its own transaction. Idempotent. */
export function migrate(db: Database, dir: string = defaultMigrationsDir()): { applied: string[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (name TEXT PRIMARY KEY, checksum TEXT, appliedAt TEXT)`);
  const files = listMigrations(dir);
  const done = new Map(
    (db.prepare(`SELECT name, checksum FROM "${MIGRATIONS_TABLE}"`).all() as { name: string; checksum: string }[]).map((r) => [r.name, r.checksum]),
  );
  // An edited migration means this database and a fresh one would differ: refuse rather than guess.
  for (const f of files) {
    const old = done.get(f.name);
    if (old !== undefined && old !== f.checksum) {
      throw new Error(
        `Migration ${f.name} was changed after it was applied to this database (sha256 ${old.slice(0, 12)}… is now ` +
          `${f.checksum.slice(0, 12)}…). Never edit an applied migration: restore it and add a new one with ` +
          "`npm run migration:new -- <name>`.",
      );
    }
  }
  const pending = files.filter((f) => !done.has(f.name));
  if (pending.length === 0) return { applied: [] };

  const insert = db.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" (name, checksum, appliedAt) VALUES (?, ?, ?)`);
  const isApplied = db.prepare(`SELECT 1 FROM "${MIGRATIONS_TABLE}" WHERE name = ?`);
  const applied: string[] = [];
  // Prisma's table-redefining SQL (DROP + RENAME) needs foreign keys off, and SQLite ignores
  // `PRAGMA foreign_keys` inside a transaction: switch them off around it and check them before commit.
  const fkWasOn = db.pragma("foreign_keys", { simple: true }) === 1;
  if (fkWasOn) db.pragma("foreign_keys = OFF");
  try {
    for (const f of pending) {
      // IMMEDIATE takes the write lock up front; the re-check covers a concurrent starter.
      db.transaction(() => {
        if (isApplied.get(f.name)) return;
        db.exec(f.sql);
        const bad = db.pragma("foreign_key_check") as unknown[];
        if (bad.length > 0) throw new Error(`Migration ${f.name} leaves ${bad.length} foreign-key violation(s)`);
        insert.run(f.name, f.checksum, new Date().toISOString());
        applied.push(f.name);
      }).immediate();
    }
  } finally {
    if (fkWasOn) db.pragma("foreign_keys = ON");
  }
  return { applied };
}
