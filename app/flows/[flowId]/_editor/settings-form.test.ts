import { describe, expect, it } from "vitest";
import { settingsJsonSchema, type JsonSchema } from "@/app/_ui/flow-canvas/node-view";
import { nodeSpecs } from "@/nodes/registry";
import { kindOf, strayValue } from "./settings-form";

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

describe("strayValue: a stored value the control cannot show is shown as invalid", () => {
  const choice: JsonSchema = { type: "string", enum: ["any", "webchat"] };

  it("names a value that is not one of the choices, or of the wrong kind", () => {
    expect(strayValue("select", choice, "fax")).toBe('"fax"');
    expect(strayValue("number", { type: "number" }, "ten")).toBe('"ten"');
    expect(strayValue("text", { type: "string" }, 42)).toBe("42");
    expect(strayValue("checkbox", { type: "boolean" }, "yes")).toBe('"yes"');
  });

  it("is quiet for values the control shows, and for missing ones", () => {
    expect(strayValue("select", choice, "webchat")).toBeUndefined();
    expect(strayValue("select", choice, undefined)).toBeUndefined();
    expect(strayValue("number", { type: "number" }, 3)).toBeUndefined();
    expect(strayValue("lines", { type: "array", items: { type: "string" } }, "not a list")).toBeUndefined();
  });
});
