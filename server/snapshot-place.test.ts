import { mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { snapshotMisplaced } from "./snapshot-place";

describe("a start-up snapshot's place", () => {
  it("goes on where it was built, through a relative or linked path, and stops, saying where, anywhere else", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "omniflow-place-"));
    const dist = path.join(root, "dist");
    mkdirSync(dist);
    expect(snapshotMisplaced(dist, ["--snapshot-blob", "dist/server.blob"], root)).toBeNull();
    expect(snapshotMisplaced(dist, [`--snapshot-blob=${dist}/server.blob`], "/")).toBeNull();
    symlinkSync(root, `${root}-link`);
    expect(snapshotMisplaced(dist, ["--snapshot-blob", "dist/server.blob"], `${root}-link`)).toBeNull();
    expect(snapshotMisplaced(dist, ["--snapshot-blob", "/srv/old/dist/server.blob"], root)).toMatch(/built in .*dist, not here \(\/srv\/old\/dist\)/);
    expect(snapshotMisplaced(dist, [], root)).toBeNull();
  });
});
