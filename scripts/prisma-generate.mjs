// Generates the Prisma client after install. Prisma's CLI tries to download its native schema
// engine first, which fails offline; pointing PRISMA_SCHEMA_ENGINE_BINARY at any file skips that
// (generate itself needs no native engine).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync("prisma/schema.prisma")) process.exit(0);
execFileSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "package.json" },
});
