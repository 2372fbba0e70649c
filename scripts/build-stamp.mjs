// What the production build was made from (`npm run build` writes it last; `npm start` compares): the content of
// every source file the web app and the server are built from, and the installed packages (package-lock.json).
// A `git pull` or an `npm install` since the last build makes `npm start` build again instead of serving the old code.
// Run as a script (`node scripts/build-stamp.mjs`), it writes the stamp for the checkout it is run in.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const BUILD_STAMP = "dist/build.json";

/** The folders and files the build reads; tests, the bench and the docs are not built. */
const INPUTS = ["app", "engine", "nodes", "prisma", "public", "scripts", "server", "templates"];
const ROOT_FILES = "server.ts next.config.js postcss.config.mjs prisma.config.ts tsconfig.json global.d.ts package.json package-lock.json".split(" ");
/** Generated (prisma/generated is written by the build itself) or never part of it. */
const SKIPPED_FOLDERS = new Set(["node_modules", "generated", "__snapshots__"]);
const isTest = (name) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(name);

function filesUnder(root, folder) {
  const found = [];
  const walk = (relative) => {
    const entries = readdirSync(path.join(root, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(child);
      } else if (entry.isFile() && !isTest(entry.name)) found.push(child);
    }
  };
  if (existsSync(path.join(root, folder))) walk(folder);
  return found;
}

/** A digest of the build's inputs in `root`: equal exactly when every input file has the same path and content. */
export function sourceDigest(root) {
  const hash = createHash("sha256");
  const files = [...INPUTS.flatMap((folder) => filesUnder(root, folder)), ...ROOT_FILES.filter((file) => existsSync(path.join(root, file)))];
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** The stamp line for the checkout in `root`. */
export const buildStamp = (root) => JSON.stringify({ sources: sourceDigest(root) });

/** Whether the build in `root` was made from what is there now (false without a stamp: an older build, or none). */
export function buildIsCurrent(root) {
  const file = path.join(root, BUILD_STAMP);
  return existsSync(file) && readFileSync(file, "utf8").trim() === buildStamp(root);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = process.cwd();
  writeFileSync(path.join(root, BUILD_STAMP), `${buildStamp(root)}\n`);
}
