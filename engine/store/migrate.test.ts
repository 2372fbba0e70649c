import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { diffSql } from "../../scripts/schema-diff";
import { listMigrations, migrate } from "./migrate";

const repoMigrations = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
const schema = readFileSync(fileURLToPath(new URL("../../prisma/schema.prisma", import.meta.url)), "utf8");

let tmp: string;
afterEach(() => rmSync(tmp, { recursive: true, force: true }));
function fresh(): { file: string; db: Database.Database } {
  tmp = mkdtempSync(path.join(os.tmpdir(), "omniflow-migrate-test-"));
  const file = path.join(tmp, "test.db");
  return { file, db: new Database(file) };
}
/** A private copy of prisma/migrations that a test may tamper with. */
function copyMigrations(): string {
  const dir = path.join(tmp, "migrations");
  cpSync(repoMigrations, dir, { recursive: true });
  return dir;
}

describe("migrate", () => {
  it("applies every migration to a fresh database, and nothing the second time", () => {
    const { db } = fresh();
    const names = listMigrations(repoMigrations).map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);
    expect(migrate(db, repoMigrations).applied).toEqual(names);
    expect(migrate(db, repoMigrations).applied).toEqual([]);
    expect(db.prepare("SELECT name FROM _omniflow_migrations ORDER BY name").pluck().all()).toEqual(names);
    db.close();
  });

  it("throws when an applied migration was edited", () => {
    const { db } = fresh();
    const dir = copyMigrations();
    migrate(db, dir);
    const first = listMigrations(dir)[0].name;
    appendFileSync(path.join(dir, first, "migration.sql"), "\n-- edited\n");
    expect(() => migrate(db, dir)).toThrow(new RegExp(`Migration ${first} was changed after it was applied`));
    db.close();
  });

  it("leaves a database that matches prisma/schema.prisma", async () => {
    const { file, db } = fresh();
    migrate(db, repoMigrations);
    db.close();
    const from = { databaseFile: file };
    expect(await diffSql({ from, to: { schema } })).toBe("");
    // The check must bite: a field added to the schema without a migration shows up as a statement.
    const drifted = schema.replace(/model Flow \{\n/, "model Flow {\n  color String?\n");
    expect(drifted).not.toBe(schema);
    expect(await diffSql({ from, to: { schema: drifted } })).toMatch(/ALTER TABLE "Flow" ADD COLUMN "color" TEXT/);
  });

  it("redefines a parent table without cascading deletes into its children", async () => {
    const { file, db } = fresh();
    const dir = copyMigrations();
    migrate(db, dir);
    db.prepare(`INSERT INTO Flow (id, name, draft, updatedAt) VALUES ('f1', 'n', '{}', 0)`).run();
    db.prepare(`INSERT INTO FlowVersion (id, flowId, number, graph, machine) VALUES ('v1', 'f1', 1, '{}', '{}')`).run();
    // Step 1: FlowVersion -> Flow becomes ON DELETE CASCADE. Step 2: a Flow column becomes optional,
    // which Prisma writes as CREATE new_Flow + DROP TABLE "Flow" + RENAME. With foreign keys on,
    // SQLite's implicit DELETE in that DROP would cascade and silently empty FlowVersion.
    const cascade = schema.replace(
      "@relation(fields: [flowId], references: [id])\n  instances",
      "@relation(fields: [flowId], references: [id], onDelete: Cascade)\n  instances",
    );
    const optional = cascade.replace(/name {6}String\n/, "name      String?\n");
    expect(new Set([schema, cascade, optional]).size).toBe(3);
    for (const [name, target] of [
      ["9998_cascade", cascade],
      ["9999_redefine", optional],
    ] as const) {
      const sql = await diffSql({ from: { databaseFile: file }, to: { schema: target } });
      expect(sql).toMatch(/DROP TABLE/);
      mkdirSync(path.join(dir, name));
      writeFileSync(path.join(dir, name, "migration.sql"), sql);
      expect(migrate(db, dir).applied).toEqual([name]);
    }
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.prepare("SELECT flowId FROM FlowVersion").pluck().all()).toEqual(["f1"]);
    db.close();
  });
});
