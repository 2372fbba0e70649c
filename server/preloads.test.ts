import { describe, expect, it } from "vitest";
import { importsOf } from "./preloads";

describe("NODE_OPTIONS' --import modules", () => {
  it("reads --import with = or a space, and nothing else (node itself runs --require for a snapshot start)", () => {
    expect(importsOf("--max-old-space-size=512 --import=/a/probe.mjs -r ./agent.js --import ./b.mjs --no-warnings")).toEqual(["/a/probe.mjs", "./b.mjs"]);
    expect(importsOf("")).toEqual([]);
    expect(importsOf("--importance=1 --require x.js")).toEqual([]);
  });
});
