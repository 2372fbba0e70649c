import { describe, expect, it } from "vitest";
import { nodeSpecs } from "@/nodes/registry";
import { isKnownIcon } from "./node-icon";

describe("node icons", () => {
  it("every node type names an icon lucide has", () => {
    expect(nodeSpecs.filter((spec) => !isKnownIcon(spec.icon)).map((spec) => `${spec.type}: ${spec.icon}`)).toEqual([]);
  });
});
