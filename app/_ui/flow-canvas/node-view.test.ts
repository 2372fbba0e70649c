import { describe, expect, it } from "vitest";
import { findNodeSpec } from "@/nodes/registry";
import { nodeLook } from "./node-view";

describe("nodeLook", () => {
  const task = findNodeSpec("routing.operator-task")!;

  it("shows the summary in the reader's language, English by default", () => {
    const settings = { queue: "refunds", steps: ["Check the order", "Refund"] };
    expect(nodeLook(task, settings).summary).toBe("Queue refunds · 2 steps");
    expect(nodeLook(task, settings, "ru").summary).toBe("Очередь refunds · 2 шага");
    expect(nodeLook(task, settings, "en").summary).toBe("Queue refunds · 2 steps");
    expect(nodeLook(task, settings, "ru").ports).toBe(nodeLook(task, settings).ports);
  });

  it("shows nothing for settings that do not parse, in any language", () => {
    const half = { queue: "Not a slug!" };
    expect(nodeLook(task, half, "ru").summary).toBe("");
    expect(nodeLook(task, half).summary).toBe("");
  });

  it("shows nothing when the summary throws", () => {
    const spec = {
      ...task,
      summary: () => {
        throw new Error("half-filled");
      },
      ru: {
        ...task.ru,
        summary: () => {
          throw new Error("half-filled");
        },
      },
    };
    expect(nodeLook(spec, {}, "ru").summary).toBe("");
    expect(nodeLook(spec, {}).summary).toBe("");
  });
});
