// What a start-up snapshot fits (scripts/build-server.ts writes it beside the snapshot; start.mjs compares):
// the node binary that made it, the folder it was made in (its stand-ins find packages from there), and the
// installed packages (package-lock.json: the bundle holds some of them, and the stand-ins' export names).
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const SNAPSHOT_STAMP = "dist/server.blob.json";

/** The stamp for this node binary, project folder and lock file, as one line of JSON. */
export const snapshotStamp = (root) => {
  const lockFile = path.join(root, "package-lock.json");
  const lock = existsSync(lockFile) ? createHash("sha256").update(readFileSync(lockFile)).digest("hex").slice(0, 16) : null;
  return JSON.stringify({ node: process.version, arch: process.arch, platform: process.platform, dist: path.join(root, "dist"), lock });
};
