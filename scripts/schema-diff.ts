// SQL diff between Prisma schemas / SQLite files through @prisma/schema-engine-wasm, because the
// native schema engine behind `prisma migrate diff` cannot be installed offline (shared/STACK.md).
// CLI: npx tsx scripts/schema-diff.ts <from> <to>   (each: `empty`, a .prisma file, or — from only — a .db file)
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
// Transitive dependency of @prisma/adapter-better-sqlite3 (same version); the engine needs this wrapper.
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { DiffTarget } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { MIGRATIONS_TABLE } from "../engine/store/migrate";

export type DiffFrom = "empty" | { schema: string } | { databaseFile: string };
export type DiffTo = "empty" | { schema: string };

let ready: Promise<void> | undefined;

/** Node 20 cannot `import` a .wasm file, so instantiate it by hand against the package's JS glue. */
function loadWasm(): Promise<void> {
  ready ??= (async () => {
    const glue = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = readFileSync(path.join(path.dirname(glue), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  })();
  return ready;
}

/** The engine keeps the connections it opens; track them so the SQLite file is closed afterwards. */
function trackedFactory(url: string) {
  const inner = new PrismaBetterSqlite3({ url });
  const opened: SqlDriverAdapter[] = [];
  const track = async (a: Promise<SqlDriverAdapter>) => {
    const adapter = await a;
    opened.push(adapter);
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => track(inner.connect()),
    connectToShadowDb: () => track(inner.connectToShadowDb()),
  };
  return { factory, close: () => Promise.all(opened.map((a) => a.dispose())) };
}

const file = (content: string) => ({ files: [{ path: "schema.prisma", content }] });

/**
 * The SQL script that turns `from` into `to`; "" when there is nothing to change.
 * The migrations bookkeeping table is ignored: it is ours, not part of schema.prisma.
 */
export async function diffSql(opts: { from: DiffFrom; to: DiffTo }): Promise<string> {
  await loadWasm();
  const { from, to } = opts;
  let fromTarget: DiffTarget;
  let url = ":memory:"; // schema-to-schema diffs never touch a database
  if (from === "empty") fromTarget = { tag: "empty" };
  else if ("schema" in from) fromTarget = { tag: "schemaDatamodel", ...file(from.schema) };
  else {
    const db = path.resolve(from.databaseFile);
    // better-sqlite3 would silently create a missing file and report it as empty.
    if (!existsSync(db)) throw new Error(`diffSql: database file not found: ${db}`);
    url = `file:${db}`;
    fromTarget = { tag: "schemaDatasource", ...file('datasource db {\n  provider = "sqlite"\n}\n'), configDir: path.dirname(db) };
  }
  const toTarget: DiffTarget = to === "empty" ? { tag: "empty" } : { tag: "schemaDatamodel", ...file(to.schema) };

  const { factory, close } = trackedFactory(url);
  const engine = await bg.SchemaEngine.new({ datamodels: undefined }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    const res = await engine.diff({
      from: fromTarget,
      to: toTarget,
      script: true,
      exitCode: true, // 0 = no changes, 2 = changes: no need to parse the comment-only "empty migration"
      filters: { externalTables: [MIGRATIONS_TABLE], externalEnums: [] },
    });
    return res.exitCode === 0 ? "" : (res.stdout ?? "");
  } finally {
    engine.free();
    await close();
  }
}

function target(arg: string | undefined): DiffFrom {
  if (!arg || arg === "empty") return "empty";
  if (arg.endsWith(".prisma")) return { schema: readFileSync(arg, "utf8") };
  return { databaseFile: arg };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [fromArg, toArg = "prisma/schema.prisma"] = process.argv.slice(2);
  const to = target(toArg);
  if (typeof to === "object" && "databaseFile" in to) throw new Error("<to> must be `empty` or a .prisma file");
  process.stdout.write((await diffSql({ from: target(fromArg), to })) || "-- No changes.\n");
}
