import { describe, expect, it } from "vitest";
import { settingsJsonSchema, type JsonSchema } from "@/app/_ui/flow-canvas/node-view";
import { nodeSpecs } from "@/nodes/registry";
import { kindOf } from "./settings-form";

/** Paths of settings (repeated groups included) that the form has no control for. */
const unsupportedIn = (schema: JsonSchema, prefix = ""): string[] =>
  Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const kind = kindOf(field);
    if (kind === "group") return unsupportedIn(field.items!, `${prefix}${name}.*.`);
    return kind === "unsupported" ? [`${prefix}${name}`] : [];
  });

describe("generated settings forms", () => {
  it.each(nodeSpecs.map((spec) => [spec.type, spec] as const))("%s: every setting has a control", (_type, spec) => {
    const schema = settingsJsonSchema(spec);
    expect(schema).not.toBeNull();
    expect(unsupportedIn(schema!)).toEqual([]);
  });
});
