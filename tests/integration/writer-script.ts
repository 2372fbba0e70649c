/**
 * The writer thread's script for tests: engine/writer/writer-thread.ts bundled as production bundles it
 * (scripts/build-server.ts), into a folder of its own under dist/tests (inside the checkout, where its
 * native packages resolve): a worker thread cannot load TypeScript the way tsx and vitest run the rest.
 * Built once per test file (under a second).
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { writerThreadBuild } from "../../scripts/build-server";

export async function buildWriterScript(): Promise<{ script: string; dir: string }> {
  const parent = path.join(writerThreadBuild.absWorkingDir!, "dist/tests");
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, "writer-"));
  await build({ ...writerThreadBuild, outdir: dir });
  return { script: path.join(dir, "writer-thread.mjs"), dir };
}
