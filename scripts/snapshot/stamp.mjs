// What a start-up snapshot fits (scripts/build-server.ts writes it beside the snapshot; start.mjs compares):
// the node binary that made it, and the folder it was made in (its stand-ins find packages from there).
import path from "node:path";

export const SNAPSHOT_STAMP = "dist/server.blob.json";

/** The stamp for this node binary and project folder, as one line of JSON. */
export const snapshotStamp = (root) => JSON.stringify({ node: process.version, arch: process.arch, platform: process.platform, dist: path.join(root, "dist") });
