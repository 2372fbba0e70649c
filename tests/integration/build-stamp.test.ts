import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUILD_STAMP, buildIsCurrent, buildStamp, sourceDigest } from "../../scripts/build-stamp.mjs";

describe("the build stamp (npm start builds again when what the build reads changed)", () => {
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "build-stamp-"));
    write("app/page.tsx", "export default 1;");
    write("engine/step.ts", "export const a = 1;");
    write("engine/step.test.ts", "test");
    write("engine/node_modules/x.js", "x");
    write("prisma/generated/client.js", "generated");
    write("bench/run.ts", "bench");
    write("package-lock.json", "{}");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("changes with a source file's content, a new source file or the installed packages", () => {
    const before = sourceDigest(root);
    write("engine/step.ts", "export const a = 2;");
    const edited = sourceDigest(root);
    expect(edited).not.toBe(before);
    write("nodes/new-node.ts", "export {};");
    const added = sourceDigest(root);
    expect(added).not.toBe(edited);
    write("package-lock.json", '{"lockfileVersion":3}');
    expect(sourceDigest(root)).not.toBe(added);
  });

  it("does not change with tests, the bench, generated code or packages' folders", () => {
    const before = sourceDigest(root);
    write("engine/step.test.ts", "another test");
    write("bench/run.ts", "another bench");
    write("prisma/generated/client.js", "regenerated");
    write("engine/node_modules/x.js", "y");
    expect(sourceDigest(root)).toBe(before);
  });

  it("a build is current only with a stamp written from what is there now", () => {
    expect(buildIsCurrent(root)).toBe(false); // no stamp: an older build, or none
    write(BUILD_STAMP, `${buildStamp(root)}\n`);
    expect(buildIsCurrent(root)).toBe(true);
    write("app/page.tsx", "export default 2;");
    expect(buildIsCurrent(root)).toBe(false);
  });
});
