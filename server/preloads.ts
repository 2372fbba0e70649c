import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The modules NODE_OPTIONS preloads: `--require`/`-r` and `--import`, with `=` or a space. */
export function preloadsOf(nodeOptions: string): string[] {
  return [...nodeOptions.matchAll(/(?:^|\s)(?:--require|-r|--import)(?:=|\s+)(\S+)/g)].map((m) => m[1]);
}

/**
 * Loads NODE_OPTIONS' preloads, as node does before any other start: node skips them when it starts from a
 * start-up snapshot (server.ts), so an APM agent or a profiler named there would silently not load. Paths are
 * taken from the working directory; an ES module is loaded by require() (node ≥ 20.19), so it may not use
 * top-level await.
 */
export function loadPreloads(nodeOptions = "") {
  const load = createRequire(path.join(process.cwd(), "preload"));
  for (const name of preloadsOf(nodeOptions)) load(name.startsWith("file:") ? fileURLToPath(name) : name);
}
