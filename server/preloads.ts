import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The ES modules NODE_OPTIONS preloads with `--import`, with `=` or a space. */
export function importsOf(nodeOptions: string): string[] {
  return [...nodeOptions.matchAll(/(?:^|\s)--import(?:=|\s+)(\S+)/g)].map((m) => m[1]);
}

/**
 * Loads NODE_OPTIONS' `--import` modules: node skips them when it starts from a start-up snapshot (server.ts; it
 * still runs `--require`), so a profiler or the bench's loop probe named there would silently not load. Paths are
 * taken from the working directory; they are loaded by require() (node ≥ 20.19), so they may not use top-level await.
 */
export function loadImports(nodeOptions = "") {
  const load = createRequire(path.join(process.cwd(), "preload"));
  for (const name of importsOf(nodeOptions)) load(name.startsWith("file:") ? fileURLToPath(name) : name);
}
