import { describe, expect, it } from "vitest";
import { preloadsOf } from "./preloads";

describe("NODE_OPTIONS' preloads", () => {
  it("reads --require, -r and --import, with = or a space, and nothing else", () => {
    expect(preloadsOf("--max-old-space-size=512 --import=/a/probe.mjs -r ./agent.js --require dd-trace/init --no-warnings")).toEqual([
      "/a/probe.mjs",
      "./agent.js",
      "dd-trace/init",
    ]);
    expect(preloadsOf("")).toEqual([]);
    expect(preloadsOf("--importance=1 --experimental-require-module")).toEqual([]);
  });
});
